"""Recovery: the file is written within 2 s of an edit, in the background, remembers the file
it belongs to, and survives a kill -9 of the app."""
from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import pytest
from PySide6.QtCore import QRunnable

from engine import Graph, serialize
from graphviz_app.editor import files as files_mod
from graphviz_app.editor.commands import Rename
from graphviz_app.editor.recovery import META_KEY, RecoveryWriter, origin_of, snapshot

from .conftest import mlp_graph

WITHIN_S = 2.0

# The app started the way the command line starts it; a timer then finds the window and makes
# one edit, as a user would with the inspector (rename d1), and says so.
EDIT_CHILD = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from graphviz_app import app
from graphviz_app.main_window import MainWindow
from graphviz_app.editor.commands import Rename
qapp = app.make_app(["graphviz-app"])
def edit():
    wins = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if not wins:
        QTimer.singleShot(50, edit)
        return
    s = wins[0].session
    s.push(Rename(s, s.graph.by_name("d1"), "edited_d1"))
    print("edited", flush=True)
QTimer.singleShot(300, edit)
sys.exit(app.run(sys.argv[1:]))
"""

# The app started again: it asks about the recovery; this answers Yes and prints what it saw.
RESTART_CHILD = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from graphviz_app import app
from graphviz_app.main_window import MainWindow
qapp = app.make_app(["graphviz-app"])
def answer():
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        QTimer.singleShot(50, answer)
        return
    print("asked:", box.text().replace("\n", " "), flush=True)
    box.button(QMessageBox.StandardButton.Yes).click()
    QTimer.singleShot(200, report)
def report():
    win = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)][0]
    s = win.session
    print("path:", s.path, flush=True)
    print("names:", sorted(n.name for n in s.graph.nodes.values()), flush=True)
    print("dirty:", s.dirty, flush=True)
    print("title:", win.windowTitle(), flush=True)
    s.undo_stack.setClean()
    win.close()
    qapp.quit()
QTimer.singleShot(100, answer)
sys.exit(app.run([]))
"""


def _env(tmp_path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", GRAPHVIZ_APP_DATA=str(tmp_path / "data"),
               HOME=str(tmp_path / "home"), XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               XDG_DATA_HOME=str(tmp_path / "share"))
    return env


def test_an_edit_survives_kill_9_and_comes_back_as_its_file(tmp_path):
    path = tmp_path / "mine.gvz"
    serialize.save(mlp_graph(), str(path))
    recovery = tmp_path / "data" / "recovery.gvz"
    env = _env(tmp_path)
    child = subprocess.Popen([sys.executable, "-c", EDIT_CHILD, str(path)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        ready, _, _ = select.select([child.stdout], [], [], 90)   # the edit, once started
        assert ready, "the app did not start and make its edit within 90 s"
        line = child.stdout.readline()
        edited_at = time.monotonic()
        assert line.strip() == "edited", child.stderr.read() if child.poll() is not None else line
        written_after = None
        while time.monotonic() - edited_at < 3.0:     # kill -9 three seconds after the edit
            if written_after is None and recovery.exists():
                written_after = time.monotonic() - edited_at
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    assert written_after is not None and written_after < WITHIN_S, written_after
    out = subprocess.run([sys.executable, "-c", RESTART_CHILD], env=env, capture_output=True,
                         text=True, timeout=120)
    lines = dict(line.split(": ", 1) for line in out.stdout.splitlines() if ": " in line)
    assert "asked" in lines, out.stderr
    assert f"mine.gvz ({path})" in lines["asked"]
    assert lines["path"] == str(path)
    assert "edited_d1" in lines["names"] and "'d1'" not in lines["names"]
    assert lines["dirty"] == "True"
    assert lines["title"].startswith("mine.gvz")
    assert serialize.load(str(path)).by_name("d1")      # the file itself is untouched


@pytest.fixture
def files(window):
    return window.files


def test_the_recovery_file_follows_an_edit_within_two_seconds(window, files, qtbot, tmp_path):
    path = tmp_path / "g.gvz"
    serialize.save(mlp_graph(), str(path))
    assert files.load_path(str(path))
    assert not files.has_recovery()
    s = window.session
    start = time.monotonic()
    s.push(Rename(s, s.graph.by_name("d1"), "hidden1"))
    qtbot.waitUntil(files.has_recovery, timeout=int(WITHIN_S * 1000))
    assert time.monotonic() - start < WITHIN_S
    files.writer.wait()
    back = serialize.load(files.recovery_path)
    assert back.by_name("hidden1") and back.meta[META_KEY]["path"] == str(path)


def test_steady_edits_do_not_postpone_the_recovery_file(window, files, qtbot):
    s = window.session
    start = time.monotonic()
    for i in range(12):               # an edit every 0.2 s for 2.4 s
        window.view.add_op("relu")
        qtbot.wait(200)
        if files.has_recovery():
            break
    assert files.has_recovery() and time.monotonic() - start < WITHIN_S + 0.2
    assert s.dirty


def test_a_save_removes_the_recovery_and_a_pending_write_does_not_bring_it_back(window, files,
                                                                               qtbot, tmp_path):
    s = window.session
    window.view.add_op("relu")
    assert files.autosave() and files.has_recovery()
    gate = threading.Event()

    class Hold(QRunnable):
        def run(self) -> None:
            gate.wait(5)

    files.writer.pool.start(Hold())                  # the worker is busy ...
    files.autosave(wait=False)                       # ... so this write waits behind it
    assert files.save_as(str(tmp_path / "saved.gvz"))
    assert not files.has_recovery() and not s.dirty
    gate.set()
    assert files.writer.wait()
    assert not files.has_recovery()


def test_nothing_is_written_while_the_graph_is_saved(window, files, qtbot):
    window.session.replace_graph(mlp_graph())
    window.session.graph.rename(window.session.graph.by_name("d1"), "quiet")  # model event,
    qtbot.wait(int(files_mod.AUTOSAVE_MS * 1.5))                            # no unsaved edit
    assert not files.has_recovery()


def test_recovery_of_an_untitled_example_names_it_and_brings_its_data(window, files, dialogs):
    seen = []
    files.ask_recover = lambda what: seen.append(what) or True
    assert files.open_example("xor_mlp")
    window.view.add_op("relu")
    assert files.autosave()
    window.session.replace_graph(Graph())
    assert files.offer_recovery()
    assert seen and seen[0].startswith("the example xor_mlp, autosaved at ")
    s = window.session
    assert s.path is None and s.example_name == "xor_mlp" and s.dataset is not None
    assert META_KEY not in s.graph.meta            # a later save does not carry the note
    assert s.dirty


def test_a_declined_recovery_is_removed(window, files):
    window.view.add_op("relu")
    assert files.autosave()
    files.ask_recover = lambda what: False
    assert not files.offer_recovery() and not files.has_recovery()


def test_snapshot_keeps_the_arrays_of_the_moment_it_was_taken(tmp_path):
    g = mlp_graph()
    d1 = g.by_name("d1")
    old = g.nodes[d1].weights["W"]
    data = snapshot(g, "/x/a.gvz", None, 12.5)
    g.load_weight_snapshot({(d1, "W"): old + 1.0})         # training writes new arrays
    writer = RecoveryWriter(str(tmp_path / "r.gvz"))
    writer.write_now(data)
    back = serialize.load(str(tmp_path / "r.gvz"))
    np.testing.assert_array_equal(back.nodes[d1].weights["W"], old)
    origin = origin_of(back)
    assert (origin.path, origin.example, origin.time) == ("/x/a.gvz", None, 12.5)
    assert origin.describe().startswith("a.gvz (/x/a.gvz), autosaved at ")


def test_the_background_write_leaves_the_gui_thread_free(tmp_path):
    """Generous bound; benchmarks/bench_recovery.py prints the figures."""
    g = Graph()
    x = g.add_node("input", {"shape": (None, 1500)}, name="x")
    for i in range(3):
        d = g.add_node("dense", {"units": 1500}, name=f"d{i}")
        g.connect(x, d, 0)
        x = d
    writer = RecoveryWriter(str(tmp_path / "r.gvz"))
    snap = snapshot(g, None, None, 0.0)        # the copy the GUI thread makes (milliseconds)
    start = time.perf_counter()
    writer.write_later(snap)                   # hands the writing to the writer's thread
    gui = time.perf_counter() - start
    assert writer.wait(60000)
    total = time.perf_counter() - start
    assert gui < 0.25 * total, (gui, total)    # a write on the GUI thread would be ~all of it
    assert serialize.load(str(tmp_path / "r.gvz")).by_name("d2")


def test_the_sessions_own_data_comes_back_with_the_recovered_graph(window, files):
    from engine.training import Dataset
    s = window.session
    s.replace_graph(mlp_graph())
    x = np.arange(12.0).reshape(6, 2)
    s.set_dataset(Dataset({"x": x, "y": np.ones((6, 4))}, name="mine"))
    window.view.add_op("relu")
    files.autosave(wait=False)               # the background path
    assert files.writer.wait()
    s.replace_graph(Graph())
    assert files.offer_recovery()
    assert s.dataset is not None and s.dataset.name == "mine"
    np.testing.assert_array_equal(s.dataset.arrays["x"], x)
