"""Live cost and accuracy curves of every training run, overlaid, with a bias/variance verdict.

Each run gets one colour: a thin line for the cost of every iteration (its mini-batch), a solid
line with dots for the train cost at each epoch end, a dashed one for the dev cost, and the same
pair for accuracy. Plot items are created once per run and updated with ``setData``; the panel
redraws at most ``MAX_REFRESH`` times a second however fast snapshots arrive.

Diagnosis (the course's "basic recipe"), from the last epoch of the chosen run:

- classification: train error = 1 − train accuracy, dev error = 1 − dev accuracy.
  High bias when train error − ``base_error`` > ``BIAS_GAP`` (5 points);
  high variance when dev error − train error > ``VARIANCE_GAP`` (5 points).
- regression (no accuracy): high bias when the train cost is still above ``BIAS_FRACTION``
  (20 %) of the first epoch's; high variance when dev cost > (1 + ``VARIANCE_RATIO``) × train
  cost, i.e. more than 25 % above it, and the gap is more than ``VARIANCE_GAP`` (5 %) of the
  first epoch's train cost (a tiny cost 25 % above another tiny cost is not a variance problem).

A diverging run (a cost that became NaN or infinite, or grew far above its start, see
:func:`engine.training.divergence`) gets no bias/variance verdict: it is called diverging, with a
smaller learning rate to try.

A dev set that is not split off the training data (an example's "other distribution") may
differ from the training data itself: the verdict then says so, since more data of the training
kind or regularization do not fix a data mismatch.
"""
from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton,
                               QVBoxLayout, QWidget)

from engine.training import History, divergence, suggest_lr

from ...training.worker import Run, TrainingController

pg.setConfigOptions(imageAxisOrder="row-major", antialias=False)

MAX_REFRESH = 18.0  # below the 20 per second limit: Qt timers may fire a little early
BIAS_GAP = 0.05
VARIANCE_GAP = 0.05
BIAS_FRACTION = 0.2
VARIANCE_RATIO = 0.25
COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
          "#e377c2"]


def diagnose(history: History, base_error: float = 0.0, dev_name: str = "",
             lr: float | None = None, optimizer: str = "") -> tuple[str, str]:
    """('diverging' | 'high bias' | 'high variance' | 'high bias and high variance' |
    'neither' | '', advice); ``lr`` and ``optimizer`` let a diverging run's advice name a
    learning rate to try."""
    why = divergence(history)
    if why:
        fix = "a smaller learning rate"
        if lr is not None:
            fix += f": α = {suggest_lr(lr, optimizer):g} instead of {lr:g}"
        return "diverging", f"{why} → {fix} (no bias/variance verdict for a diverging run)"
    if not history.epochs:
        return "", "No epoch finished yet."
    last = -1
    has_dev = not math.isnan(history.dev_cost[last])
    acc = history.train_accuracy[last]
    if not math.isnan(acc):
        train_err = 1.0 - acc
        dev_err = 1.0 - history.dev_accuracy[last] if has_dev else math.nan
        bias = train_err - base_error > BIAS_GAP
        variance = has_dev and dev_err - train_err > VARIANCE_GAP
        figures = f"train error {train_err:.1%}" + (f", dev error {dev_err:.1%}" if has_dev else "")
    else:
        first, tc = history.train_cost[0], history.train_cost[last]
        dc = history.dev_cost[last]
        bias = first > 0 and tc > BIAS_FRACTION * first and len(history.epochs) > 1
        variance = has_dev and dc > (1 + VARIANCE_RATIO) * tc and dc - tc > VARIANCE_GAP * first
        figures = f"train cost {tc:.4g}" + (f", dev cost {dc:.4g}" if has_dev else "")
    advice = []
    if bias:
        advice.append("high bias → a bigger network (more units or layers), train longer, "
                      "or a better optimizer")
    if variance:
        advice.append("high variance → more data, regularization (L2, dropout)")
        if dev_name:
            advice.append(f"but the dev set ({dev_name}) is not drawn from the training data: "
                          "part of the gap can be data mismatch, which neither fixes; make "
                          "the training data look like the data you care about")
    verdict = ("high bias and high variance" if bias and variance else "high bias" if bias
               else "high variance" if variance else "neither")
    if verdict == "neither":
        advice.append("low bias and low variance: the model fits and generalizes"
                      + ("" if has_dev else " (no dev set to check variance)"))
    return verdict, f"{figures}: " + "; ".join(advice)


class _RunItems:
    """The plot items of one run, created once."""

    def __init__(self, cost: pg.PlotItem, acc: pg.PlotItem, color: str, name: str) -> None:
        c = pg.mkColor(color)
        faint = pg.mkColor(color)
        faint.setAlpha(90)
        self.iters = cost.plot(pen=pg.mkPen(faint, width=1))
        self.train = cost.plot(pen=pg.mkPen(c, width=2), name=name)
        self.dev = cost.plot(pen=pg.mkPen(c, width=2, style=Qt.PenStyle.DashLine))
        self.acc_iters = acc.plot(pen=pg.mkPen(faint, width=1))
        self.acc_train = acc.plot(pen=pg.mkPen(c, width=2))
        self.acc_dev = acc.plot(pen=pg.mkPen(c, width=2, style=Qt.PenStyle.DashLine))
        for item in (self.iters, self.train, self.dev, self.acc_iters):
            item.setDownsampling(auto=True, method="peak")
            item.setClipToView(True)

    def all(self) -> list[pg.PlotDataItem]:
        return [self.iters, self.train, self.dev, self.acc_iters, self.acc_train, self.acc_dev]


class LossPanel(QWidget):
    """Cost per iteration and per epoch (train and dev) and accuracy, for every run."""

    def __init__(self, controller: TrainingController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.items: dict[int, _RunItems] = {}
        self.refresh_count = 0
        self._dirty: set[int] = set()
        self._last_refresh = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        top.addWidget(QLabel("x axis"))
        self.x_axis = QComboBox()
        self.x_axis.addItems(["iterations", "epochs"])
        self.x_axis.setToolTip("Epochs put batch, mini-batch and stochastic runs on one scale")
        self.x_axis.currentIndexChanged.connect(lambda _: self._redraw_all())
        top.addWidget(self.x_axis)
        self.show_iters = QCheckBox("per iteration")
        self.show_iters.setChecked(True)
        self.show_iters.toggled.connect(lambda _: self._redraw_all())
        top.addWidget(self.show_iters)
        self.log_y = QCheckBox("log cost")
        self.log_y.toggled.connect(self._set_log)
        top.addWidget(self.log_y)
        top.addStretch(1)
        self.clear_button = QPushButton("Clear finished runs")
        self.clear_button.clicked.connect(self.clear_finished)
        top.addWidget(self.clear_button)
        lay.addLayout(top)

        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setBackground("w")
        self.plots.setMinimumHeight(170)
        self.cost_plot = self.plots.addPlot(row=0, col=0, title="Cost")
        self.acc_plot = self.plots.addPlot(row=0, col=1, title="Accuracy")
        self._acc_title = "Accuracy"
        for p in (self.cost_plot, self.acc_plot):
            # no grid: pyqtgraph draws grid lines with the axes, 8x the cost of a repaint
            p.setLabel("bottom", "iteration")
        # fixed ranges, changed only when the data leave them: a moving axis costs a re-layout
        # of its ticks on every repaint, far more than the curves themselves
        for p in (self.cost_plot, self.acc_plot):
            p.disableAutoRange()
        self.acc_plot.setYRange(0, 1, padding=0.02)
        self._x_top = 0.0
        self._y_range = (0.0, 0.0)
        self.legend = self.cost_plot.addLegend(offset=(-10, 5), labelTextSize="8pt", colCount=2,
                                               brush=pg.mkBrush(255, 255, 255, 210))
        grey = pg.mkColor("#555")
        self.legend.addItem(pg.PlotDataItem(pen=pg.mkPen(grey, width=2)), "train (solid)")
        self.legend.addItem(pg.PlotDataItem(pen=pg.mkPen(grey, width=2,
                                                         style=Qt.PenStyle.DashLine)), "dev (dashed)")
        lay.addWidget(self.plots, 1)
        self.diagnosis = QLabel("Train a network to see its curves and a bias/variance verdict.")
        self.diagnosis.setWordWrap(True)
        self.diagnosis.setObjectName("diagnosis")
        lay.addWidget(self.diagnosis)

        controller.run_added.connect(self._on_added)
        controller.run_started.connect(self._on_run)
        controller.run_progressed.connect(self._on_run)
        controller.run_ended.connect(self._on_run)

    # -- updates -------------------------------------------------------------------------------
    def _on_added(self, run: Run) -> None:
        if run.start_from is not None:    # a comparison: epochs put every batch size on one scale
            self.x_axis.setCurrentIndex(1)

    def _on_run(self, run: Run) -> None:
        if run.id not in self.items and run.status == "queued":
            return
        self._dirty.add(run.id)     # items are made in the next refresh, not in this slot
        if not self._timer.isActive():
            wait = 1.0 / MAX_REFRESH - (time.perf_counter() - self._last_refresh)
            if run.id not in self.items:
                wait = max(wait, 0.03)  # not in the same breath as starting the run
            self._timer.start(max(0, int(wait * 1000)))

    def _redraw_all(self) -> None:
        self._dirty.update(self.items)
        xlabel = "epoch" if self.x_axis.currentIndex() == 1 else "iteration"
        for p in (self.cost_plot, self.acc_plot):
            p.setLabel("bottom", xlabel)
        self.refresh()

    def refresh(self) -> None:
        """Push the latest history of every changed run into its plot items."""
        self._last_refresh = time.perf_counter()
        self.refresh_count += 1
        by_epoch = self.x_axis.currentIndex() == 1
        for rid in sorted(self._dirty):
            run = self.controller.run_by_id(rid)
            if run is None:
                continue
            items = self.items.get(rid)
            if items is None:
                color = COLORS[(rid - 1) % len(COLORS)]
                items = self.items[rid] = _RunItems(self.cost_plot, self.acc_plot, color, run.name)
            h = run.history
            per_epoch = max(1, run.total_iterations // max(1, run.config.epochs))
            it = np.asarray(h.iterations, dtype=float)
            ex = np.asarray(h.epochs if by_epoch else h.epoch_iteration, dtype=float)
            if self.show_iters.isChecked():
                x = it / per_epoch if by_epoch else it
                items.iters.setData(x, np.asarray(h.cost, dtype=float))
                acc = np.asarray(getattr(h, "accuracy", []), dtype=float)
                if len(acc) == len(x) and np.isfinite(acc).any():
                    items.acc_iters.setData(x, acc, connect="finite")
                else:
                    items.acc_iters.setData([], [])
            else:
                items.iters.setData([], [])
                items.acc_iters.setData([], [])
            items.train.setData(ex, np.asarray(h.train_cost, dtype=float))
            items.dev.setData(ex, np.asarray(h.dev_cost, dtype=float), connect="finite")
            items.acc_train.setData(ex, np.asarray(h.train_accuracy, dtype=float),
                                    connect="finite")
            items.acc_dev.setData(ex, np.asarray(h.dev_accuracy, dtype=float), connect="finite")
        self._dirty.clear()
        self._fit_ranges()
        self._update_diagnosis()

    def _set_log(self, on: bool) -> None:
        self.cost_plot.setLogMode(y=on)
        if on:
            self.cost_plot.enableAutoRange(y=True)
        else:
            self.cost_plot.disableAutoRange()
            self._y_range = (0.0, 0.0)
            self._fit_ranges()

    def _fit_ranges(self) -> None:
        """x: the planned length of the longest run; y: the cost's span, with hysteresis."""
        by_epoch = self.x_axis.currentIndex() == 1
        top, lo, hi = 1.0, np.inf, -np.inf
        for rid, items in self.items.items():
            run = self.controller.run_by_id(rid)
            if run is None:
                continue
            top = max(top, run.config.epochs if by_epoch else run.total_iterations)
            for item in (items.iters, items.train, items.dev):
                y = item.yData
                if y is not None and len(y):
                    y = y[np.isfinite(y)]
                    if len(y):
                        lo, hi = min(lo, float(y.min())), max(hi, float(y.max()))
        if top != self._x_top:
            self._x_top = top
            for p in (self.cost_plot, self.acc_plot):
                p.setXRange(0, top, padding=0.01)
        if self.log_y.isChecked() or not np.isfinite(hi):
            return
        lo = min(0.0, lo)
        cur_lo, cur_hi = self._y_range
        span = hi - lo if hi > lo else 1.0
        if hi > cur_hi or lo < cur_lo or hi < cur_lo + 0.4 * (cur_hi - cur_lo):
            self._y_range = (lo, hi + 0.05 * span)
            self.cost_plot.setYRange(*self._y_range, padding=0)

    def _update_diagnosis(self) -> None:
        runs = [r for r in self.controller.runs if r.id in self.items
                and (r.history.epochs or r.status == "diverged")]
        if not runs:
            return
        run = runs[-1] if self.controller.current is None else \
            next((r for r in runs if r is self.controller.current), runs[-1])
        if run.status == "diverged":
            verdict, advice = "diverging", f"{run.message} (no bias/variance verdict for a " \
                                           "diverging run)"
        else:
            verdict, advice = diagnose(run.history, dev_name=run.dev_name, lr=run.config.lr,
                                       optimizer=run.config.optimizer)
        regression = all(math.isnan(a) for a in run.history.train_accuracy)
        title = "Accuracy (none: a regression cost)" if regression else "Accuracy"
        if title != self._acc_title:       # an empty plot should say why it is empty
            self._acc_title = title
            self.acc_plot.setTitle(title)
        colour = {"neither": "#2a7a2a", "diverging": "#c0392b"}.get(verdict, "#b35900")
        self.diagnosis.setText(f"<b>{run.name}</b> — <span style='color:{colour}'><b>{verdict}"
                               f"</b></span>. {advice}")

    def clear_finished(self) -> None:
        """Remove the curves of every run that is not running or queued."""
        for rid in list(self.items):
            run = self.controller.run_by_id(rid)
            if run is not None and run.status in ("running", "paused", "queued"):
                continue
            items = self.items.pop(rid)
            for item in (items.iters, items.train, items.dev):
                self.cost_plot.removeItem(item)
            for item in (items.acc_iters, items.acc_train, items.acc_dev):
                self.acc_plot.removeItem(item)

    def curve_lengths(self, rid: int) -> dict[str, int]:
        """Points currently drawn per curve of a run (for tests and the benchmark)."""
        it = self.items.get(rid)
        if it is None:      # not drawn yet: the first refresh comes on the next timer tick
            return dict.fromkeys(("iters", "train", "dev", "acc_iters", "acc_train", "acc_dev"), 0)
        return {k: len(getattr(it, k).getData()[0] if getattr(it, k).getData()[0] is not None
                        else []) for k in ("iters", "train", "dev", "acc_iters", "acc_train", "acc_dev")}


__all__ = ["LossPanel", "diagnose", "MAX_REFRESH"]
