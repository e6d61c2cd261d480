"""Loss curves: items made once and updated, refresh throttled, bias/variance verdicts."""
from __future__ import annotations

import math

import numpy as np

from engine.training import History, TrainConfig
from graphviz_app.panels.watch.loss_panel import MAX_REFRESH, LossPanel
from graphviz_app.session import Session
from graphviz_app.training.worker import Run, TrainingController
from engine import Graph


def _history(train_acc, dev_acc, train_cost=None, dev_cost=None, n=3):
    nan = math.nan
    tc = train_cost if train_cost is not None else [1.0] * n
    dc = dev_cost if dev_cost is not None else [1.0] * n
    return History(list(range(1, n + 1)), [1.0] * n, list(range(1, n + 1)), list(range(1, n + 1)),
                   tc, [train_acc] * n, dc, [dev_acc] * n)


def test_items_created_once_and_refresh_throttled(qtbot):
    c = TrainingController(Session(Graph()))
    panel = LossPanel(c)
    qtbot.addWidget(panel)
    run = Run(1, "run 1", TrainConfig(batch_size=32, epochs=10), status="running",
              total_iterations=100)
    c.runs.append(run)
    c.run_started.emit(run)
    qtbot.waitUntil(lambda: 1 in panel.items, timeout=1000)
    items = panel.items[1]
    h = History.empty()
    for i in range(1, 101):          # 100 snapshots as fast as possible
        h.iterations.append(i)
        h.cost.append(1.0 / i)
        if i % 10 == 0:
            h.epochs.append(i // 10)
            h.epoch_iteration.append(i)
            for lst in (h.train_cost, h.dev_cost):
                lst.append(1.0 / i)
            h.train_accuracy.append(0.5 + i / 250)
            h.dev_accuracy.append(0.5 + i / 260)
        run.history, run.iteration = h.snapshot(), i
        c.run_progressed.emit(run)
    assert panel.refresh_count <= 1       # nothing drawn synchronously beyond the first
    qtbot.waitUntil(lambda: panel.curve_lengths(1)["iters"] == 100, timeout=2000)
    assert panel.items[1] is items
    assert panel.curve_lengths(1) == {"iters": 100, "train": 10, "dev": 10, "acc_iters": 0,
                                      "acc_train": 10, "acc_dev": 10}
    assert panel.refresh_count <= 3
    panel.x_axis.setCurrentIndex(1)      # epochs: the per-iteration curve is rescaled
    x, _ = items.iters.getData()
    assert np.isclose(x[-1], 10.0)
    run.status = "done"
    panel.clear_finished()
    assert not panel.items
    assert MAX_REFRESH <= 20          # the refresh limit the panel promises


def test_empty_accuracy_plot_says_why(qtbot):
    c = TrainingController(Session(Graph()))
    panel = LossPanel(c)
    qtbot.addWidget(panel)
    run = Run(1, "run 1", TrainConfig(batch_size=0, epochs=3), status="done",
              total_iterations=3, history=_history(math.nan, math.nan, [1.0, 0.5, 0.2],
                                                   [1.0, 0.5, 0.2]))
    c.runs.append(run)
    panel._dirty.add(1)
    panel.refresh()
    assert panel.acc_plot.titleLabel.text == "Accuracy (none: a regression cost)"
    run.history = _history(0.9, 0.9)
    panel._dirty.add(1)
    panel.refresh()
    assert panel.acc_plot.titleLabel.text == "Accuracy"
