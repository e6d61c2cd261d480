"""The Loss curves panel shows each loss head's accuracy and cost for the activation-functions
example (four copies of one net, each with its own loss, summed into J)."""
from __future__ import annotations

import numpy as np

from engine import Graph
from engine.examples import build
from engine.training import TrainConfig, Trainer
from graphviz_app.panels.watch.loss_panel import LossPanel
from graphviz_app.session import Session
from graphviz_app.training.worker import Run, TrainingController

EPOCHS = 12


def test_activation_example_shows_one_accuracy_per_head(qtbot):
    g, data, info = build("activation_functions")
    cfg = TrainConfig(**{**info["train"], "epochs": EPOCHS})
    t = Trainer(g, data, None, cfg)
    t.run()
    c = TrainingController(Session(Graph()))
    panel = LossPanel(c)
    qtbot.addWidget(panel)
    panel.resize(420, 300)
    run = Run(1, "run 1", cfg, status="done", total_iterations=t.iteration,
              history=t.history.snapshot())
    c.runs.append(run)
    c.run_ended.emit(run)
    qtbot.waitUntil(lambda: panel.items.get(1) is not None
                    and panel.items[1].heads is not None, timeout=2000)
    heads = panel.items[1].heads
    assert list(heads.curves) == ["sigmoid", "tanh", "relu", "leaky relu"]
    assert heads.points() == dict.fromkeys(heads.curves, EPOCHS)
    for label, (train, _dev) in heads.curves.items():
        _, y = train.getData()
        np.testing.assert_allclose(y, t.history.heads[label]["train_accuracy"])
    assert len(set(heads.colors.values())) == 4
    # the run's own accuracy is only the last head's: it is not drawn beside the heads
    assert panel.curve_lengths(1)["acc_train"] == 0
    words = panel.heads_label.text()
    for label, lists in t.history.heads.items():
        assert f"{label}</span></b>: cost {lists['train_cost'][-1]:.3g}, accuracy " \
               f"{100 * lists['train_accuracy'][-1]:.1f}%" in words
    assert not panel.heads_label.isHidden()
    # each head's verdict is its own: sigmoid has hardly learned, the run's own figure (the
    # last head's) would have called the whole run fine
    assert "sum of 4 heads" in panel.diagnosis.text()
    sigmoid_line = next(line for line in words.split("<br>") if "sigmoid" in line)
    assert t.history.heads["sigmoid"]["train_accuracy"][-1] < 0.7
    assert sigmoid_line.endswith("— <i>high bias</i>")
    panel.set_run_shown(1, False)          # unticking the run hides its heads too
    assert not any(item.isVisible() for item in heads.items())
    panel.clear_finished()
    assert not [i for i in panel.acc_plot.items if i in heads.items()]


def test_one_loss_graph_shows_no_heads(qtbot):
    g, data, info = build("xor_mlp")
    cfg = TrainConfig(**{**info["train"], "epochs": 1})
    t = Trainer(g, data, None, cfg)
    t.run()
    c = TrainingController(Session(Graph()))
    panel = LossPanel(c)
    qtbot.addWidget(panel)
    run = Run(1, "run 1", cfg, status="done", total_iterations=t.iteration,
              history=t.history.snapshot())
    c.runs.append(run)
    c.run_ended.emit(run)
    qtbot.waitUntil(lambda: panel.curve_lengths(1)["acc_train"] == 1, timeout=2000)
    assert panel.items[1].heads is None and panel.heads_label.isHidden()
