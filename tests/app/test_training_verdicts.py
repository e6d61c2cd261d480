"""The Training dock and loss panel tell the truth: every example trains from the dock on data
of its own shape, a diverging run is called diverging, curves show what they say, and snapshots
sent from the worker are copies."""
from __future__ import annotations

import math

import numpy as np
import pytest

from engine import datasets
from engine.examples import EXAMPLES, build
from engine.training import History, TrainConfig, Trainer
from graphviz_app.panels.watch import training_panel
from graphviz_app.panels.watch.loss_panel import LossPanel
from graphviz_app.panels.watch.training_panel import FRESH, TrainingPanel
from graphviz_app.session import Session
from graphviz_app.training.worker import Run, TrainingController, TrainingWorker


def _rig(qtbot, name: str = "xor_mlp"):
    graph, ds, _ = build(name)
    session = Session(graph)
    session.dataset, session.example_name = ds, name
    controller = TrainingController(session)
    panel = TrainingPanel(session, controller)
    loss = LossPanel(controller)
    qtbot.addWidget(panel)
    qtbot.addWidget(loss)
    return session, controller, panel, loss


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_every_example_trains_one_epoch_from_the_dock(shared, qtbot, name):
    win = shared
    assert win.files.open_example(name)
    panel = win.training_panel
    graph = win.session.graph
    ds = win.session.dataset
    first = panel.data.currentData()
    assert first == ("session data" if ds is not None else "no inputs"), panel.data.currentText()
    for nid in (n for n in graph.nodes if graph.nodes[n].op == "input"):
        node = graph.nodes[nid]
        declared = node.params["shape"]
        assert ds[node.name].shape[1:] == tuple(declared[1:]), name
    before = graph.weight_snapshot()
    panel.epochs.setValue(1)
    run = panel.start()
    assert run is not None, panel.error.text()
    qtbot.waitUntil(lambda: run.status not in ("queued", "running"), timeout=60000)
    assert run.status == "done", f"{name}: {run.status} {run.message}"
    assert run.epoch == 1 and len(run.history.train_cost) == 1
    assert math.isfinite(run.history.train_cost[0])
    after = win.session.graph.weight_snapshot()
    assert any(not np.array_equal(after[k], before[k]) for k in before), name
    assert panel.error.text() == ""


def test_data_set_elsewhere_is_offered_and_chosen(qtbot):
    session, controller, panel, loss = _rig(qtbot)
    panel.data.setCurrentText("circles")
    session.set_dataset(datasets.moons(n=50, seed=3))
    assert panel.data.currentData() == "session data"
    assert panel.data.currentText() == "session data (moons)"
    train, dev = panel.data_split()
    assert len(train) + len(dev) == 50
    session.set_dataset(datasets.shapes(n=20))           # does not fit the 2-feature input
    items = [panel.data.itemText(i) for i in range(panel.data.count())]
    assert not any(t.startswith("session data") for t in items) and "xor" in items
    assert "session data (shapes)" in panel.data_note.text()
    controller.wait()


def test_learning_rate_field_warns_outside_the_optimizers_range(qtbot):
    session, controller, panel, loss = _rig(qtbot)
    panel.optimizer.setCurrentText("adam")
    panel.lr.setValue(0.01)
    assert panel.lr_note.text() == "" and panel.lr_note.isHidden()
    panel.lr.setValue(1000)
    assert "above what adam usually takes" in panel.lr_note.text()
    assert not panel.lr_note.isHidden()
    panel.optimizer.setCurrentText("sgd")
    panel.lr.setValue(0.5)
    assert panel.lr_note.text() == ""
    panel.optimizer.setCurrentText("adam")                # same value, other optimizer
    assert "above what adam" in panel.lr_note.text()
    panel.lr.setValue(0.000001)
    assert "below what adam usually takes" in panel.lr_note.text()


def test_diverging_run_gets_no_bias_variance_verdict(qtbot, monkeypatch):
    session, controller, panel, loss = _rig(qtbot)
    shown = []
    monkeypatch.setattr(training_panel.QMessageBox, "warning",
                        lambda parent, title, text: shown.append(text))
    panel.optimizer.setCurrentText("adam")
    panel.lr.setValue(1000)
    panel.epochs.setValue(30)
    run = panel.start()
    qtbot.waitUntil(lambda: run.status == "diverged", timeout=20000)
    qtbot.waitUntil(lambda: "diverging" in loss.diagnosis.text(), timeout=3000)
    text = loss.diagnosis.text()
    assert "α = 0.001" in text and "bias" not in text.replace("no bias/variance verdict", "")
    assert "α = 0.001" in panel.error.text() and shown
    controller.wait()


def test_loss_panel_diagnosis_of_a_grown_cost(qtbot):
    from graphviz_app.panels.watch.loss_panel import diagnose
    h = History([1, 2], [0.69, 50.0], [1, 2], [1, 2], [30.0, 1e7], [0.5, 0.5],
                [30.0, 1e7], [0.5, 0.5])
    verdict, advice = diagnose(h, lr=1000, optimizer="adam")
    assert verdict == "diverging" and "α = 0.001 instead of 1000" in advice


def test_loss_panel_draws_each_curve_from_its_own_list(qtbot):
    c = TrainingController(Session(build("xor_mlp")[0]))
    panel = LossPanel(c)
    qtbot.addWidget(panel)
    h = History([1, 2, 3], [0.9, 0.8, 0.7], [1, 2, 3], [1, 2, 3],
                [0.6, 0.5, 0.4], [0.7, 0.8, 0.9], [0.65, 0.62, 0.61], [0.6, 0.62, 0.63],
                [0.55, 0.6, 0.7])
    run = Run(1, "run 1", TrainConfig(batch_size=0, epochs=3), status="done", history=h,
              iteration=3, total_iterations=3)
    c.runs.append(run)
    c.run_ended.emit(run)
    qtbot.waitUntil(lambda: 1 in panel.items, timeout=2000)
    items = panel.items[1]
    for item, values in ((items.train, h.train_cost), (items.dev, h.dev_cost),
                         (items.iters, h.cost), (items.acc_train, h.train_accuracy),
                         (items.acc_dev, h.dev_accuracy), (items.acc_iters, h.accuracy)):
        np.testing.assert_array_equal(item.getData()[1], values)
    c.wait()


def test_worker_sends_snapshots_not_its_live_history(qtbot):
    graph, ds, _ = build("xor_mlp")
    trainer = Trainer(graph, ds, None, TrainConfig(optimizer="adam", lr=0.01, batch_size=32,
                                                   epochs=4))
    worker = TrainingWorker(1, trainer, max_rate=1e6)       # a snapshot at every chance
    got = []
    worker.progressed.connect(got.append)
    worker.run()                                             # in this thread, directly
    assert len(got) >= 3
    for p in got:
        assert p.history is not trainer.history
        assert len(p.history.cost) == p.iteration            # frozen at the time it was sent
        assert len(p.history.train_cost) == p.epoch
    assert got[0].iteration < got[-1].iteration == trainer.iteration


def test_opening_another_graph_clears_status_and_errors(window, qtbot):
    win = window
    assert win.files.open_example("xor_mlp")
    panel = win.training_panel
    panel.lr.setValue(0)
    assert panel.start() is None and panel.error.text()
    panel.lr.setValue(0.01)
    panel.epochs.setValue(1)
    run = panel.start()
    qtbot.waitUntil(lambda: run.status == "done", timeout=20000)
    assert "done after" in panel.status.text() and panel.progress.value() == 1000
    panel.error.setText("an old problem")
    assert win.files.open_example("housing")
    assert panel.status.text() == "Idle." and panel.error.text() == ""
    assert panel.progress.value() == 0
    panel.status.setText("old status")
    panel.error.setText("another old problem")
    assert win.files.new()
    assert panel.status.text() == "Idle." and panel.error.text() == ""


def test_start_from_fresh_random_weights_with_a_seed(qtbot):
    session, controller, panel, loss = _rig(qtbot)
    current = session.graph.weight_snapshot()
    panel.epochs.setValue(1)
    panel.seed.setValue(7)
    i = panel.start_from.findData(FRESH)
    assert i >= 0 and "seed 7" in panel.start_from.itemText(i)
    panel.start_from.setCurrentIndex(i)
    run = panel.start()
    assert run.fresh_seed == 7
    qtbot.waitUntil(lambda: run.status == "done", timeout=20000)
    expected = session.graph.copy()
    expected.reinitialize(seed=7)
    want = expected.weight_snapshot()
    for k, v in run.initial_weights.items():
        np.testing.assert_allclose(v, want[k], rtol=1e-6)
    assert any(not np.allclose(run.initial_weights[k], current[k]) for k in current)
    # the current weights stay the default start
    panel.start_from.setCurrentIndex(0)
    again = panel.start()
    assert again.fresh_seed is None
    qtbot.waitUntil(lambda: again.status == "done", timeout=20000)
    controller.wait()


def test_graph_without_inputs_needs_no_data(qtbot):
    session, controller, panel, loss = _rig(qtbot, "scalar_chain")
    assert [panel.data.itemText(i) for i in range(panel.data.count())] == [
        "no data needed (the graph has no inputs)"]
    assert not panel.points.isEnabled()
    controller.wait()


def test_an_examples_dev_sets_go_with_its_data(qtbot):
    session, controller, panel, loss = _rig(qtbot, "dev_mismatch")
    assert panel.dev_set.count() == 3 and panel._named_dev() == "other distribution"
    session.set_dataset(session.dataset)                  # the same data again: kept
    assert panel.dev_set.count() == 3
    session.set_dataset(datasets.moons(n=80, seed=5))     # other data: its dev set is split off
    assert panel.dev_set.count() == 1 and panel._named_dev() is None
    train, dev = panel.data_split()
    assert len(train) + len(dev) == 80
    controller.wait()
