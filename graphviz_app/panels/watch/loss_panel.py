"""Live cost and accuracy curves of every training run, overlaid, with a bias/variance verdict.

Each run gets one colour: a thin line for the cost of every iteration (its mini-batch), a solid
line with dots for the train cost at each epoch end, a dashed one for the dev cost, and the same
pair for accuracy. Plot items are created once per run and updated with ``setData``; the panel
redraws at most ``MAX_REFRESH`` times a second however fast snapshots arrive.

The legend is a list under the plots, never over the curves: one check box per run shows or
hides it, and the axes fit the runs shown. Runs belong to the graph they were started on: after
another graph is opened (or a new one made) only its own runs are shown, unless "earlier
graphs" is ticked. Axes, titles and the background follow the palette (light or dark).

The verdict under the plots comes from :func:`engine.inspect.loss_diagnosis.diagnose`.
"""
from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel, QListView,
                               QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from ...training.worker import Run, TrainingController
from engine.inspect.loss_diagnosis import diagnose, diverged, verdict_text
from .loss_heads_view import HeadCurves, summary as heads_summary, verdicts as head_verdicts
from ...i18n import again, render, translate

pg.setConfigOptions(imageAxisOrder="row-major", antialias=False)

MAX_REFRESH = 18.0  # below the 20 per second limit: Qt timers may fire a little early
COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
          "#e377c2"]
RUN_ROLE = Qt.ItemDataRole.UserRole
TITLE_SIZE = "9pt"


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
        self.heads: HeadCurves | None = None   # several loss heads: one accuracy per head

    def all(self) -> list[pg.PlotDataItem]:
        return [self.iters, self.train, self.dev, self.acc_iters, self.acc_train, self.acc_dev]

    def set_visible(self, on: bool) -> None:
        for item in self.all():
            item.setVisible(on)
        if self.heads is not None:
            self.heads.set_visible(on)


def line_icon(color: str, dashed: bool = False) -> QIcon:
    """A short line in ``color`` (solid or dashed), for the legend."""
    pix = QPixmap(22, 12)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    pen = QPen(QColor(color), 2.5)
    if dashed:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.drawLine(1, 6, 21, 6)
    painter.end()
    return QIcon(pix)


class _Plots(pg.GraphicsLayoutWidget):
    """The two plots; they ask for little height, so in a scrolling dock they take what the
    dock has rather than pushing the legend and the verdict out of sight."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt name)
        return QSize(420, 130)


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
        top.addWidget(QLabel(translate("LossPanel", "x axis")))
        self.x_axis = QComboBox()
        self.x_axis.addItem(translate("LossPanel", "iterations"), "iterations")
        self.x_axis.addItem(translate("LossPanel", "epochs"), "epochs")
        self.x_axis.setToolTip(translate("LossPanel", "Epochs put batch, mini-batch and stochastic runs on one scale"))
        self.x_axis.currentIndexChanged.connect(lambda _: self._redraw_all())
        top.addWidget(self.x_axis)
        self.show_iters = QCheckBox(translate("LossPanel", "per iteration"))
        self.show_iters.setChecked(True)
        self.show_iters.toggled.connect(lambda _: self._redraw_all())
        top.addWidget(self.show_iters)
        self.log_y = QCheckBox(translate("LossPanel", "log cost"))
        self.log_y.toggled.connect(self._set_log)
        top.addWidget(self.log_y)
        top.addStretch(1)
        lay.addLayout(top)

        self.plots = _Plots()
        self.plots.setMinimumHeight(120)
        self.cost_plot = self.plots.addPlot(row=0, col=0, title=translate("LossPanel", "Cost"))
        self.acc_plot = self.plots.addPlot(row=0, col=1, title=translate("LossPanel", "Accuracy"))
        self._acc_title = translate("LossPanel", "Accuracy")
        # no grid: pyqtgraph draws grid lines with the axes, 8x the cost of a repaint; no x
        # label either: the "x axis" box above the plots names the unit, in less height
        # fixed ranges, changed only when the data leave them: a moving axis costs a re-layout
        # of its ticks on every repaint, far more than the curves themselves
        for p in (self.cost_plot, self.acc_plot):
            p.disableAutoRange()
        self.acc_plot.setYRange(0, 1, padding=0.02)
        self._x_top = 0.0
        self._y_range = (0.0, 0.0)
        lay.addWidget(self.plots, 1)
        self.legend = QListWidget()
        self.legend.setObjectName("loss_legend")
        self.legend.setFlow(QListView.Flow.LeftToRight)
        self.legend.setWrapping(True)
        self.legend.setResizeMode(QListView.ResizeMode.Adjust)
        self.legend.setMaximumHeight(46)
        self.legend.setToolTip(translate("LossPanel", "Tick a run to show its curves; the axes fit the runs shown"))
        self.legend.itemChanged.connect(self._on_legend_changed)
        key = QHBoxLayout()
        self.style_key = QLabel(translate("LossPanel", "solid: train · dashed: dev · faint: each iteration"))
        self.style_key.setObjectName("loss_style_key")
        self.style_key.setWordWrap(True)
        key.addWidget(self.style_key, 1)
        self.show_all = QCheckBox(translate("LossPanel", "earlier graphs"))
        self.show_all.setToolTip(translate("LossPanel", "Also show the runs of graphs that were open before this one"))
        self.show_all.toggled.connect(lambda _: self._apply_visibility())
        key.addWidget(self.show_all)
        self.clear_button = QPushButton(translate("LossPanel", "Clear finished"))
        self.clear_button.setToolTip(translate("LossPanel", "Remove the curves of every run that is not running"))
        self.clear_button.clicked.connect(self.clear_finished)
        key.addWidget(self.clear_button)
        lay.addWidget(self.legend)
        lay.addLayout(key)
        self._graph_no = 0                    # counts graphs opened; runs are tagged with it
        self._run_graph: dict[int, int] = {}
        self._hidden: set[int] = set()        # runs the user unticked
        self.diagnosis = QLabel(translate("LossPanel", "Train a network to see its curves and a bias/variance verdict."))
        self.diagnosis.setWordWrap(True)
        self.diagnosis.setObjectName("diagnosis")
        lay.addWidget(self.diagnosis)
        self.heads_label = QLabel()       # each loss head's cost and accuracy, when several
        self.heads_label.setObjectName("loss_heads")
        self.heads_label.setWordWrap(True)
        self.heads_label.hide()
        lay.addWidget(self.heads_label)

        controller.run_added.connect(self._on_added)
        controller.run_started.connect(self._on_run)
        controller.run_progressed.connect(self._on_run)
        controller.run_ended.connect(self._on_run)
        controller.session.graph_replaced.connect(self._on_graph_replaced)
        self.apply_palette()

    # -- updates -------------------------------------------------------------------------------
    def _on_added(self, run: Run) -> None:
        self._run_graph.setdefault(run.id, self._graph_no)
        if run.start_from is not None:    # a comparison: epochs put every batch size on one scale
            self.x_axis.setCurrentIndex(1)

    def _on_graph_replaced(self) -> None:
        """Another graph: its runs start afresh; the earlier ones are kept aside."""
        self._graph_no += 1
        self._apply_visibility()
        self.diagnosis.setText(translate("LossPanel", "Train this network to see its curves and a bias/variance "
                               "verdict."))
        self.heads_label.hide()

    def _on_run(self, run: Run) -> None:
        self._run_graph.setdefault(run.id, self._graph_no)
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
                self._add_legend_entry(rid, run.name, color)
                items.set_visible(self.is_shown(rid))
            h = run.history
            per_epoch = max(1, run.total_iterations // max(1, run.config.epochs))
            it = np.asarray(h.iterations, dtype=float)
            ex = np.asarray(h.epochs if by_epoch else h.epoch_iteration, dtype=float)
            if self.show_iters.isChecked():
                x = it / per_epoch if by_epoch else it
                items.iters.setData(x, np.asarray(h.cost, dtype=float))
                acc = np.asarray(h.accuracy, dtype=float)
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
            if h.heads:     # the run's own accuracy is one head's: show every head's instead
                if items.heads is None:
                    items.heads = HeadCurves(self.acc_plot, h.heads)
                    items.heads.set_visible(self.is_shown(rid))
                items.heads.update(ex, h.heads)
                for item in (items.acc_iters, items.acc_train, items.acc_dev):
                    item.setData([], [])
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
            if run is None or not self.is_shown(rid):
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
        runs = [r for r in self.controller.runs if r.id in self.items and self.is_shown(r.id)
                and (r.history.epochs or r.status == "diverged")]
        if not runs:
            return
        run = runs[-1] if self.controller.current is None else \
            next((r for r in runs if r is self.controller.current), runs[-1])
        if run.status == "diverged":
            verdict, advice = diverged(run.message)
        else:
            verdict, advice = diagnose(run.history, dev_name=run.dev_name, lr=run.config.lr,
                                       optimizer=run.config.optimizer)
        regression = all(math.isnan(a) for a in run.history.train_accuracy)
        title = translate("LossPanel", "Accuracy (none: a regression cost)") if regression else \
            translate("LossPanel", "Accuracy")
        if title != self._acc_title:       # an empty plot should say why it is empty
            self._acc_title = title
            self.acc_plot.setTitle(title, color=self._text_color.name(), size=TITLE_SIZE)
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        colour = {"neither": "#6fd66f" if dark else "#2a7a2a",
                  "diverging": "#ff6b5b" if dark else "#c0392b"}.get(
            verdict, "#ffa64d" if dark else "#b35900")
        name = render(verdict_text(verdict)) if verdict else ""
        self.diagnosis.setText(translate("LossPanel", "{run} — {verdict}. {advice}").format(
            run=f"<b>{again(run.name)}</b>", verdict=f"<span style='color:{colour}'><b>{name}</b></span>",
            advice=render(advice)))
        self.heads_label.setVisible(bool(run.history.heads))
        if run.history.heads and run.status != "diverged":
            # the run's own accuracy is its last head's: each head gets its own verdict
            self.diagnosis.setText(f"<b>{again(run.name)}</b> — " + translate(
                "LossPanel", "the cost is the sum of {n} heads; each head's figures and "
                "verdict:").format(n=len(run.history.heads)))
        if run.history.heads:
            curves = self.items[run.id].heads
            self.heads_label.setText(heads_summary(
                run.history.heads, curves.colors if curves else None,
                head_verdicts(run.history, run.dev_name)))

    # -- which runs are shown --------------------------------------------------------------------
    def is_shown(self, rid: int) -> bool:
        """A run is drawn when it belongs to the open graph (or earlier graphs are asked for)
        and its legend box is ticked."""
        mine = self._run_graph.get(rid, self._graph_no) == self._graph_no
        return (mine or self.show_all.isChecked()) and rid not in self._hidden

    def shown_runs(self) -> list[int]:
        return [rid for rid in self.items if self.is_shown(rid)]

    def set_run_shown(self, rid: int, on: bool) -> None:
        """Tick or untick run ``rid`` in the legend."""
        entry = self._legend_entry(rid)
        if entry is not None:
            entry.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _add_legend_entry(self, rid: int, name: str, color: str) -> None:
        entry = QListWidgetItem(line_icon(color), name)
        entry.setData(RUN_ROLE, rid)
        entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        self.legend.blockSignals(True)
        entry.setCheckState(Qt.CheckState.Checked)
        self.legend.addItem(entry)
        self.legend.blockSignals(False)
        entry.setHidden(not self.is_shown(rid) and rid not in self._hidden)

    def _legend_entry(self, rid: int) -> QListWidgetItem | None:
        for i in range(self.legend.count()):
            if self.legend.item(i).data(RUN_ROLE) == rid:
                return self.legend.item(i)
        return None

    def _on_legend_changed(self, entry: QListWidgetItem) -> None:
        rid = entry.data(RUN_ROLE)
        if entry.checkState() == Qt.CheckState.Checked:
            self._hidden.discard(rid)
        else:
            self._hidden.add(rid)
        self._apply_visibility()

    def _apply_visibility(self) -> None:
        """Show the runs :meth:`is_shown` picks (legend entries of other graphs' runs are
        hidden too), then fit the axes to them."""
        for rid, items in self.items.items():
            items.set_visible(self.is_shown(rid))
            entry = self._legend_entry(rid)
            if entry is not None:
                mine = self._run_graph.get(rid, self._graph_no) == self._graph_no
                entry.setHidden(not (mine or self.show_all.isChecked()))
        self._refit()
        self._update_diagnosis()

    def _refit(self) -> None:
        """Fit both axes afresh (the hysteresis of :meth:`_fit_ranges` starts over)."""
        self._x_top = 0.0
        self._y_range = (0.0, 0.0)
        self._fit_ranges()

    # -- palette -------------------------------------------------------------------------------
    def apply_palette(self) -> None:
        """Background, axes and titles in the palette's base and text colours."""
        pal = self.palette()
        bg, fg = pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text)
        self.plots.setBackground(bg)
        for plot, title in ((self.cost_plot, translate("LossPanel", "Cost")),
                            (self.acc_plot, self._acc_title)):
            for side in ("left", "bottom"):
                axis = plot.getAxis(side)
                axis.setPen(pg.mkPen(fg))
                axis.setTextPen(pg.mkPen(fg))
            plot.setTitle(title, color=fg.name(), size=TITLE_SIZE)
        self._text_color = fg

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_palette()
        elif event.type() == QEvent.Type.LanguageChange:     # the verdict in the new language
            self.x_axis.setItemText(0, translate("LossPanel", "iterations"))
            self.x_axis.setItemText(1, translate("LossPanel", "epochs"))
            self._acc_title = translate("LossPanel", "Accuracy")
            self._update_diagnosis()
            self.apply_palette()
        super().changeEvent(event)

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
            if items.heads is not None:
                items.heads.remove()
            entry = self._legend_entry(rid)
            if entry is not None:
                self.legend.takeItem(self.legend.row(entry))
        self._refit()

    def curve_lengths(self, rid: int) -> dict[str, int]:
        """Points currently drawn per curve of a run (for tests and the benchmark)."""
        names = ("iters", "train", "dev", "acc_iters", "acc_train", "acc_dev")
        items = self.items.get(rid)
        if items is None:   # not drawn yet: the first refresh comes on the next timer tick
            return dict.fromkeys(names, 0)
        return {name: len(item.getData()[0] if item.getData()[0] is not None else [])
                for name, item in zip(names, items.all())}


__all__ = ["LossPanel", "MAX_REFRESH"]
