"""Training runs in a worker thread: the GUI stays responsive, curves grow, results come back."""
from __future__ import annotations

from .conftest import PanelHost

import time

import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow

from engine.examples import build
from graphviz_app.panels.watch import training_panel
from graphviz_app.panels.watch.loss_panel import LossPanel
from graphviz_app.panels.watch.training_panel import TrainingPanel
from graphviz_app.session import Session
from graphviz_app.training.worker import TrainingController


MAX_STALL = 0.6   # seconds: far above the 50 ms target, far below the stalls it catches


@pytest.fixture
def rig(qtbot):
    graph, ds, _ = build("xor_mlp")
    session = Session(graph)
    session.dataset = ds
    session.example_name = "xor_mlp"
    controller = TrainingController(session)
    panel = TrainingPanel(session, controller)
    loss = LossPanel(controller)
    qtbot.addWidget(panel)
    qtbot.addWidget(loss)
    yield session, controller, panel, loss
    controller.wait()
    session.undo_stack.cleanChanged.disconnect()   # the stack outlives the session's Python side


def test_suggested_settings_and_config(rig):
    session, controller, panel, loss = rig
    assert panel.optimizer.currentText() == "adam"
    assert panel.mode.currentText() == "mini-batch" and panel.batch.value() == 32
    cfg = panel.config()
    assert cfg.batch_size == 32 and cfg.epochs == 30 and cfg.lr == pytest.approx(0.01)
    assert panel.config("batch").batch_size == 0 and panel.config("stochastic").batch_size == 1


def test_training_runs_updates_curve_and_writes_back(rig, qtbot):
    session, controller, panel, loss = rig
    before = session.graph.weight_snapshot()
    panel.epochs.setValue(6)
    lengths = []
    controller.run_progressed.connect(lambda run: lengths.append(len(run.history.cost)))
    run = panel.start()
    assert session.locked and run.status == "running"
    qtbot.waitUntil(lambda: run.status == "done", timeout=20000)
    assert not session.locked
    qtbot.waitUntil(lambda: loss.curve_lengths(run.id)["train"] == 6, timeout=2000)
    assert loss.curve_lengths(run.id)["iters"] == run.iteration == run.total_iterations
    assert loss.curve_lengths(run.id)["acc_iters"] == run.iteration   # batch accuracy too
    assert lengths == sorted(lengths) and lengths[-1] == run.iteration
    after = session.graph.weight_snapshot()
    assert any(not np.allclose(after[k], before[k]) for k in before)
    for k, v in run.final_weights.items():
        np.testing.assert_array_equal(after[k], v)
    # undo the write-back, then revert
    session.undo()
    np.testing.assert_allclose(session.graph.weight_snapshot()[k], before[k], rtol=1e-6)
    session.redo()
    assert controller.revert_weights()
    np.testing.assert_allclose(session.graph.weight_snapshot()[k], before[k], rtol=1e-6)
    assert run.history.train_accuracy[-1] > 0.9
    assert loss.diagnosis.text()


def _longest_gap_while_training(qtbot, controller, panel) -> tuple[float, int]:
    """Start a run and time a 10 ms QTimer from the start until 3000 iterations (or the end):
    the longest gap between its ticks, and how many ticks there were."""
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    run = panel.start()     # measured from here: the start of a run must not stall either
    qtbot.waitUntil(lambda: run.status == "done" or run.iteration > 3000, timeout=20000)
    timer.stop()
    controller.stop()
    qtbot.waitUntil(lambda: not controller.busy, timeout=5000)
    print(f"timer gaps: {len(gaps)} ticks, max {max(gaps) * 1000:.1f} ms, "
          f"{run.iteration} iterations at {run.its_per_s:,.0f} it/s")
    return max(gaps), len(gaps)


@pytest.mark.parametrize("mode", ["mini-batch", "stochastic"])
def test_event_loop_stays_responsive_while_training(rig, qtbot, mode):
    session, controller, panel, loss = rig
    panel.data.setCurrentText("xor")
    panel.points.setValue(1000)
    panel.mode.setCurrentText(mode)
    panel.batch.setValue(32)
    panel.epochs.setValue(120)
    loss.resize(700, 300)
    loss.show()
    panel.show()
    qtbot.waitExposed(loss)
    qtbot.wait(200)          # first show (fonts, polish) is not what this test measures
    # The stalls this guards against last 1 to 4 s (a worker that never lets go of the GIL,
    # plots rebuilt on every snapshot). A loaded machine can delay a 10 ms timer by a good
    # fraction of a second, so the bound here is generous; the 50 ms target is measured by
    # benchmarks/train_bench.py.
    worst, ticks = _longest_gap_while_training(qtbot, controller, panel)
    assert ticks > 20
    assert worst < MAX_STALL, f"max gap {worst * 1000:.1f} ms"
    assert loss.refresh_count > 0


def test_pause_resume_stop(rig, qtbot):
    session, controller, panel, loss = rig
    panel.mode.setCurrentText("stochastic")
    panel.epochs.setValue(5000)      # far longer than the test: the pause must stop it
    run = panel.start()
    qtbot.waitUntil(lambda: run.iteration > 0, timeout=5000)
    panel.toggle_pause()
    qtbot.waitUntil(lambda: controller.paused, timeout=5000)
    at = run.iteration
    qtbot.wait(100)
    assert run.iteration == at and session.locked
    assert panel.pause_button.text() == "Resume"
    panel.toggle_pause()
    qtbot.waitUntil(lambda: run.iteration > at, timeout=5000)
    controller.stop()
    qtbot.waitUntil(lambda: run.status == "stopped", timeout=5000)
    assert not session.locked and run.final_weights is not None


def test_diverging_run_names_the_node(rig, qtbot, monkeypatch):
    session, controller, panel, loss = rig
    shown = []
    monkeypatch.setattr(training_panel.QMessageBox, "warning",
                        lambda parent, title, text: shown.append(text))
    before = session.graph.weight_snapshot()
    panel.optimizer.setCurrentText("sgd")
    panel.lr.setValue(1e6)
    run = panel.start()
    qtbot.waitUntil(lambda: run.status == "diverged", timeout=10000)
    assert run.node == "dense3"
    assert shown and "dense3" in shown[0]
    assert "dense3" in panel.error.text()
    assert not session.locked
    after = session.graph.weight_snapshot()
    assert all(np.array_equal(after[k], before[k]) for k in before)   # nothing lost


def test_compare_queues_three_runs_from_one_start(rig, qtbot):
    session, controller, panel, loss = rig
    panel.epochs.setValue(2)
    runs = panel.compare()
    n = int(round(0.8 * len(session.dataset)))
    assert [r.config.batch_size for r in runs] == [0, 32, 1]
    qtbot.waitUntil(lambda: all(r.status == "done" for r in runs), timeout=20000)
    first = runs[0].initial_weights
    for r in runs[1:]:
        assert r.start_from == runs[0].id
        for k in first:
            np.testing.assert_array_equal(r.initial_weights[k], first[k])
    assert [r.total_iterations for r in runs] == [2, 2 * -(-n // 32), 2 * n]
    assert len(loss.items) == 3


def test_install_adds_docks(qtbot):
    graph, ds, _ = build("xor_mlp")
    session = Session(graph)
    session.dataset = ds
    win = PanelHost(session)
    qtbot.addWidget(win)
    controller, panel, loss = training_panel.install(win, session)
    names = {d.objectName() for d in win.findChildren(training_panel.QWidget)
             if d.objectName().endswith("_dock")}
    assert {"training_dock", "loss_dock"} <= names


def _refused(panel, controller, session, before, text):
    """start() refused: the message shows in the dock, nothing queued, locked or changed."""
    assert text in panel.error.text(), panel.error.text()
    assert not controller.busy and not session.locked
    after = session.graph.weight_snapshot()
    assert all(np.array_equal(after[k], before[k]) for k in before)


def test_shape_error_is_refused_before_a_run(rig, qtbot):
    session, controller, panel, loss = rig
    messages = []
    session.message.connect(messages.append)
    y = session.graph.by_name("y")
    session.graph.set_param(y, "shape", (None, 3))     # J's target no longer fits
    before = session.graph.weight_snapshot()
    assert panel.start() is None
    _refused(panel, controller, session, before, "Cannot train: the graph has an error: ")
    assert "J" in panel.error.text() and "Fix it" in panel.error.text()
    assert messages and messages[-1] == panel.error.text()
    assert controller.runs == []


def test_graph_without_a_loss_says_so(qtbot):
    from engine import Graph
    g = Graph()
    x = g.add_node("input", {"shape": (None, 2)}, name="x")
    d = g.add_node("dense", {"units": 2}, name="d")
    g.connect(x, d, 0)
    _, ds, _ = build("xor_mlp")
    session = Session(g)
    session.dataset = ds
    controller = TrainingController(session)
    panel = TrainingPanel(session, controller)
    qtbot.addWidget(panel)
    before = g.weight_snapshot()
    run = panel.start()
    assert run is not None and run.status == "error"
    _refused(panel, controller, session, before, "the graph has no cost to minimize")
    assert "loss node" in panel.error.text()


def test_data_that_does_not_fit_the_inputs_is_not_offered(qtbot):
    graph, _, _ = build("inception_module")
    _, xor_data, _ = build("xor_mlp")
    session = Session(graph)
    session.dataset = xor_data                  # the session's data has the wrong shape
    controller = TrainingController(session)
    panel = TrainingPanel(session, controller)
    qtbot.addWidget(panel)
    items = [panel.data.itemText(i) for i in range(panel.data.count())]
    assert items == ["gratings"]
    note = panel.data_note.text()
    assert "Data 'session data (xor)' does not fit input x: expected 4 dimensions " \
           "(Nx32x16x16), got 2" in note
    assert "Left out, as they do not fit this graph: xor, circles" in note
    assert "shapes." in note


def test_no_fitting_data_is_refused_with_the_reason(qtbot):
    graph, _, _ = build("small_cnn")
    graph.set_param(graph.by_name("x"), "shape", (None, 1, 10, 10))  # no data set has it
    assert not graph.issues
    session = Session(graph)
    controller = TrainingController(session)
    panel = TrainingPanel(session, controller)
    qtbot.addWidget(panel)
    before = graph.weight_snapshot()
    assert panel.data.count() == 0
    assert panel.start() is None
    _refused(panel, controller, session, before, "No data fits this graph's inputs (x Nx1x10x10 "
                                                 "float, y N int)")
    assert "Load data of that shape, or change the inputs" in panel.error.text()


def test_invalid_learning_rate_is_refused(rig):
    session, controller, panel, loss = rig
    before = session.graph.weight_snapshot()
    panel.lr.setValue(0)
    assert panel.start() is None and panel.compare() == []
    _refused(panel, controller, session, before, "Settings: the learning rate must be a number "
                                                 "greater than 0")
    panel.lr.setValue(0.01)                      # corrected: the message goes, a run starts
    panel.epochs.setValue(1)
    assert panel.start() is not None and panel.error.text() == ""


def test_train_fraction_leaving_no_dev_data_is_refused(rig):
    session, controller, panel, loss = rig
    before = session.graph.weight_snapshot()
    panel.data.setCurrentText("xor")
    panel.points.setValue(20)
    panel.train_frac.setValue(0.99)
    assert panel.start() is None
    _refused(panel, controller, session, before, "a train fraction of 0.99 leaves no dev "
                                                 "examples out of 20")
    assert "set it to 1.0" in panel.error.text()


def test_stop_while_paused_keeps_the_weights(rig, qtbot):
    session, controller, panel, loss = rig
    panel.mode.setCurrentText("stochastic")
    panel.epochs.setValue(5000)
    run = panel.start()
    qtbot.waitUntil(lambda: run.iteration > 0, timeout=5000)
    panel.toggle_pause()
    qtbot.waitUntil(lambda: controller.paused, timeout=5000)
    assert panel.stop_button.isEnabled()
    panel.stop_button.click()
    qtbot.waitUntil(lambda: run.status == "stopped", timeout=5000)
    assert not controller.busy and not session.locked
    assert "stopped after" in panel.status.text() and panel.error.text() == ""
    after = session.graph.weight_snapshot()
    for k, v in run.final_weights.items():
        np.testing.assert_array_equal(after[k], v)
    assert not panel.stop_button.isEnabled() and panel.pause_button.text() == "Pause"


@pytest.mark.parametrize("paused", [False, True])
def test_closing_while_training_stops_and_keeps_the_weights(window, dialogs, qtbot, paused):
    win = window
    assert win.files.open_example("xor_mlp")
    win.training_panel.mode.setCurrentText("stochastic")
    win.training_panel.epochs.setValue(5000)
    run = win.training_panel.start()
    qtbot.waitUntil(lambda: run.iteration > 0, timeout=5000)
    if paused:
        win.training.pause()
        qtbot.waitUntil(lambda: win.training.paused, timeout=5000)
    dialogs.unsaved_answer = "cancel"       # the trained weights are a change: asked, kept
    win.close()
    qtbot.waitUntil(lambda: run.status == "stopped", timeout=5000)
    qtbot.waitUntil(lambda: dialogs.asked_unsaved == 1, timeout=5000)
    assert win.isVisible() and not win.training.busy
    after = win.session.graph.weight_snapshot()
    for k, v in run.final_weights.items():
        np.testing.assert_array_equal(after[k], v)


def test_example_dev_sets_are_offered(qtbot):
    graph, ds, info = build("dev_mismatch")
    session = Session(graph)
    session.dataset = ds
    session.example_name = "dev_mismatch"
    controller = TrainingController(session)
    panel = TrainingPanel(session, controller)
    qtbot.addWidget(panel)
    items = [panel.dev_set.itemText(i) for i in range(panel.dev_set.count())]
    assert items == ["split off the training data", "same distribution", "other distribution"]
    assert panel.dev_set.currentText() == "other distribution"
    train, dev = panel.data_split()
    other = info["dev_sets"]["other distribution"]
    assert train is ds and len(dev) == len(other)
    np.testing.assert_array_equal(dev.arrays["x"], other.arrays["x"])
    assert not panel.train_frac.isEnabled() and "other distribution" in panel.dev_label.text()
    panel.dev_set.setCurrentIndex(0)
    train, dev = panel.data_split()
    assert len(train) + len(dev) == len(ds) and panel.train_frac.isEnabled()
    panel.dev_set.setCurrentIndex(2)
    panel.data.setCurrentText("xor")              # generated data: always split
    assert panel._named_dev() is None
