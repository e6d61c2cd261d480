"""Training runs in a worker thread: the GUI stays responsive, curves grow, results come back."""
from __future__ import annotations

import time

import numpy as np
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow

from engine.examples import build
from graphviz_app.panels import training_panel
from graphviz_app.panels.loss_panel import LossPanel
from graphviz_app.panels.training_panel import TrainingPanel
from graphviz_app.session import Session
from graphviz_app.training_worker import TrainingController


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
    assert len(gaps) > 20
    print(f"timer gaps: {len(gaps)} ticks, max {max(gaps) * 1000:.1f} ms, "
          f"{run.iteration} iterations at {run.its_per_s:,.0f} it/s")
    assert max(gaps) < 0.050, f"max gap {max(gaps) * 1000:.1f} ms"
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
    win = QMainWindow()
    qtbot.addWidget(win)
    controller, panel, loss = training_panel.install(win, session)
    names = {d.objectName() for d in win.findChildren(training_panel.QWidget)
             if d.objectName().endswith("_dock")}
    assert {"training_dock", "loss_dock"} <= names
