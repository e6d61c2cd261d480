"""Run-wide setup. The engine's tests run once, in a child process where Qt cannot be imported.

When a run collects engine tests (``tests/engine``) next to anything else, those tests are handed
to a child ``pytest`` started right after collection. The child blocks PySide6, shiboken6,
pyqtgraph and graphviz_app at import, so every engine test proves the engine needs no Qt, and it
runs on the second core while this process runs the app's tests. The test
``tests/engine/test_no_qt.py::test_engine_tests_pass_without_qt`` waits for the child and fails
with the child's own report when any engine test fails.

A run of ``tests/engine`` alone is handed over the same way, so the engine's tests never run with
Qt importable. Set ``GRAPHVIZ_APP_ENGINE_IN_PROCESS=1`` to debug engine tests in this process.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
ENGINE_DIR = ROOT / "tests" / "engine"
NO_QT_TEST = "tests/engine/test_no_qt.py"
INNER = "GRAPHVIZ_APP_INNER_ENGINE_RUN"     # set in the child: it runs its tests itself
IN_PROCESS = "GRAPHVIZ_APP_ENGINE_IN_PROCESS"
BLOCKED = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "pyqtgraph", "graphviz_app")


class EngineChild:
    """The child ``pytest`` that runs the delegated engine tests with Qt blocked."""

    def __init__(self, nodeids: list[str]) -> None:
        self.nodeids = nodeids
        self.workdir = Path(tempfile.mkdtemp(prefix="graphviz-engine-tests-"))
        ids = self.workdir / "ids.txt"
        ids.write_text("\n".join(nodeids) + "\n", encoding="utf-8")
        files = list(dict.fromkeys(i.split("::")[0] for i in nodeids))
        self.log = self.workdir / "report.txt"
        env = dict(os.environ)
        env[INNER] = str(ids)
        env.pop("PYTEST_ADDOPTS", None)
        code = ("import sys; sys.path.insert(0, %r)\n"
                "from tests.qt_blocker import install; install()\n"
                "import pytest\n"
                "sys.exit(pytest.main(['-q', '-p', 'no:pytest-qt', '-p', 'no:cacheprovider', "
                "*%r]))\n") % (str(ROOT), files)
        self._out = open(self.log, "w", encoding="utf-8")
        self.proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env,
                                     stdout=self._out, stderr=subprocess.STDOUT, text=True)

    def wait(self, timeout: float) -> tuple[int, str]:
        """The child's exit code and its report; kills it past ``timeout`` seconds."""
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            code = -9
        self._out.close()
        return code, self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        if not self._out.closed:
            self._out.close()


def _is_engine(item) -> bool:
    path = Path(str(item.path)).resolve()
    return ENGINE_DIR in path.parents and not str(path).endswith(NO_QT_TEST.split("/")[-1])


def pytest_collection_modifyitems(session, config, items):
    if os.environ.get(INNER):       # the child: run exactly the tests (or files) handed to it
        wanted = Path(os.environ[INNER]).read_text(encoding="utf-8").splitlines()
        ids = {w for w in wanted if "::" in w}
        files = {(ROOT / w).resolve() for w in wanted if "::" not in w}
        kept = [i for i in items if i.nodeid in ids or Path(str(i.path)).resolve() in files]
        lost = sorted(ids - {i.nodeid for i in kept})
        if lost:
            raise RuntimeError("engine tests handed over but not collected (a parametrize id that "
                               "differs from run to run?): " + ", ".join(w[:120] for w in lost[:5]))
        items[:] = kept
        return
    if os.environ.get(IN_PROCESS):
        return
    engine = [i for i in items if _is_engine(i)]
    if not engine:
        return
    config.engine_child = EngineChild([i.nodeid for i in engine])
    items[:] = [i for i in items if not _is_engine(i)]


def pytest_unconfigure(config):
    child = getattr(config, "engine_child", None)
    if child is not None:
        child.stop()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    child = getattr(config, "engine_child", None)
    if child is None or child.proc.poll() is None:
        return
    lines = [ln for ln in child.log.read_text(encoding="utf-8", errors="replace").splitlines()
             if ln.strip()]
    last = lines[-1].strip("= ") if lines else "no report"
    terminalreporter.write_line(f"engine tests, {len(child.nodeids)} run without Qt in a child "
                                f"process: {last}")
