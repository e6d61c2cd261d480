"""The engine never imports Qt, and its tests pass with Qt made unimportable."""
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

BLOCKER = """
import sys, importlib.abc
class _Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6', 'pyqtgraph', 'graphviz_app'):
            raise ImportError(f'{name} is blocked: the engine must run without Qt')
        return None
sys.meta_path.insert(0, _Block())
"""


def _run(code: str, timeout: int = 600) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("PYTEST_ADDOPTS", None)
    return subprocess.run([sys.executable, "-c", BLOCKER + code], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


def test_importing_engine_imports_no_qt():
    r = _run("import engine, engine.executor, engine.graph\n"
             "import importlib, pkgutil\n"
             "for m in pkgutil.walk_packages(engine.__path__, 'engine.'):\n"
             "    importlib.import_module(m.name)\n"
             "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')]\n"
             "assert not bad, bad\nprint('clean')")
    assert r.returncode == 0, r.stderr
    assert "clean" in r.stdout


def test_blocker_really_blocks_qt():
    r = _run("import PySide6")
    assert r.returncode != 0 and "blocked" in r.stderr


def test_engine_tests_pass_without_qt():
    if os.environ.get("GRAPHVIZ_APP_INNER_ENGINE_RUN"):
        return  # this test is itself running inside the Qt-free run
    os.environ["GRAPHVIZ_APP_INNER_ENGINE_RUN"] = "1"
    try:
        r = _run("import pytest\n"
                 "sys.exit(pytest.main(['-q', '-p', 'no:pytest-qt', '-p', 'no:cacheprovider', "
                 "'tests/engine', '-x', '--deselect', "
                 "'tests/engine/test_no_qt.py::test_engine_tests_pass_without_qt']))")
    finally:
        del os.environ["GRAPHVIZ_APP_INNER_ENGINE_RUN"]
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert " passed" in r.stdout
