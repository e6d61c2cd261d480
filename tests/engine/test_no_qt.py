"""The engine never imports Qt, and its tests pass with Qt made unimportable."""
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

BLOCKER = f"import sys; sys.path.insert(0, {str(ROOT)!r})\nfrom tests.qt_blocker import install; install()\n"


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


def test_engine_tests_pass_without_qt(request):
    """Every engine test collected in this run passed in the Qt-free child (tests/conftest.py)."""
    from tests.conftest import EngineChild
    child = getattr(request.config, "engine_child", None)
    if child is None:       # this run collected no other engine test: check them all
        child = EngineChild([str(p.relative_to(ROOT)) for p in sorted((ROOT / "tests" / "engine")
                             .glob("test_*.py")) if p.name != "test_no_qt.py"])
        request.addfinalizer(child.stop)
    code, report = child.wait(timeout=900)
    tail = report[-6000:]
    assert code == 0, tail
    assert " passed" in report and " failed" not in report, tail


def test_the_qt_free_child_really_blocks_qt_and_reports_failures(tmp_path):
    """The child refuses Qt, and a failing engine test makes it fail: the check above can fail."""
    from tests.conftest import EngineChild
    probe = tmp_path / "test_probe_child.py"
    probe.write_text("import pytest\n\n"
                     "def test_qt_is_blocked():\n"
                     "    with pytest.raises(ImportError, match='blocked'):\n"
                     "        import PySide6  # noqa: F401\n\n"
                     "def test_a_failure_is_reported():\n"
                     "    assert 1 + 1 == 3\n", encoding="utf-8")
    child = EngineChild([str(probe)])
    code, report = child.wait(timeout=120)
    assert code == 1, report[-2000:]
    assert "1 failed, 1 passed" in report, report[-2000:]
