"""The Data panel: what the session's data set is, and the loops-vs-vectorized timing.

Overview: name and arrays, which array feeds which input node (and what does not fit), the
train/dev split sizes, the examples per class, and a preview: a scatter of 2-D points, a sheet
of thumbnails for images, or a table of the first rows. "Loops vs vectorized" times the same
logistic-regression gradient step written both ways on the current data, in a worker, and shows
the two codes side by side. The numbers come from :mod:`engine.inspect.data_view` and
:mod:`engine.data.loops`; this panel only draws them. Plot items are created once.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QSize, Qt, Slot
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
                               QSplitter, QStackedWidget, QTableWidget, QTableWidgetItem, QTabWidget,
                               QVBoxLayout, QWidget)

from engine.data import loops
from engine.inspect import data_view

from ...editor.jobs import Job
from ...i18n import render, translate
from ..watch.training_panel import data_label

pg.setConfigOptions(imageAxisOrder="row-major", antialias=False)

__all__ = ["DataPanel", "SmallPlot", "install", "CLASS_COLORS"]

CLASS_COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
                "#e377c2", "#7f7f7f", "#bcbd22"]


class SmallPlot(pg.PlotWidget):
    """A plot that asks for little room, so the panel fits a small dock (and its scroll area
    does not stretch it to pyqtgraph's default 600x480)."""

    def sizeHint(self) -> QSize:
        return QSize(300, self.minimumHeight() + 40)


def _plot(height: int = 110) -> pg.PlotWidget:
    w = SmallPlot(enableMenu=False)
    w.setBackground(None)
    w.setMinimumHeight(height)
    w.hideButtons()
    return w


class DataPanel(QWidget):
    """Follows ``session.dataset`` and the graph's input nodes through the session's signals."""

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.job: Job | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.tabs = QTabWidget()
        lay.addWidget(self.tabs)
        self.tabs.addTab(self._overview(), translate("DataPanel", "Overview"))
        self.tabs.addTab(self._loops_tab(), translate("DataPanel", "Loops vs vectorized"))
        # stable ids for the example guides' steps (the tab texts are translated)
        self.tabs.widget(0).setObjectName("data_overview_tab")
        self.tabs.widget(1).setObjectName("data_loops_tab")
        session.dataset_changed.connect(self.refresh)
        session.graph_replaced.connect(self.refresh)
        session.graph_changed.connect(self._on_graph_event)
        session.split_changed.connect(self._show_split)
        self.refresh()

    # -- building -------------------------------------------------------------------------------
    def _overview(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(2, 2, 2, 2)
        self.title = QLabel()
        self.title.setObjectName("data_title")
        self.title.setWordWrap(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.feeds = QLabel()
        self.feeds.setWordWrap(True)
        for label in (self.title, self.details, self.feeds):
            lay.addWidget(label)
        row = QHBoxLayout()
        self.counts_plot = _plot(100)
        self.counts_plot.setTitle(translate("DataPanel", "examples per class"), size="9pt")
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush="#4c78a8")
        self.counts_plot.addItem(self.bars)
        row.addWidget(self.counts_plot, 1)
        self.preview = QStackedWidget()
        self.table = QTableWidget()
        self.table.setMinimumHeight(110)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.scatter_plot = _plot()
        self.scatter = pg.ScatterPlotItem(size=5, pen=None)
        self.scatter_plot.addItem(self.scatter)
        self.sheet_plot = _plot()
        self.sheet_plot.setAspectLocked(True)
        self.sheet_plot.invertY(True)
        self.sheet_plot.hideAxis("left")
        self.sheet_plot.hideAxis("bottom")
        self.sheet = pg.ImageItem()
        self.sheet_plot.addItem(self.sheet)
        for page in (self.table, self.scatter_plot, self.sheet_plot):
            self.preview.addWidget(page)
        row.addWidget(self.preview, 2)
        lay.addLayout(row, 1)
        return w

    def _loops_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(2, 2, 2, 2)
        top = QHBoxLayout()
        self.time_button = QPushButton(translate("DataPanel", "Time one gradient step both ways"))
        self.time_button.setObjectName("data_time_loops_button")
        self.time_button.clicked.connect(self.time_loops)
        self.loop_result = QLabel(translate(
            "DataPanel", "The same logistic-regression step, written with Python loops and "
            "with NumPy, on the current data."))
        self.loop_result.setWordWrap(True)
        top.addWidget(self.time_button)
        top.addWidget(self.loop_result, 1)
        lay.addLayout(top)
        codes = QSplitter(Qt.Orientation.Horizontal)     # drag to read either code wider
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSize(max(7, mono.pointSize() - 1))
        self.loop_code = self._code(loops.LOOP_CODE, mono)
        self.vector_code = self._code(loops.VECTOR_CODE, mono)
        for title, box in ((translate("DataPanel", "with loops"), self.loop_code),
                           (translate("DataPanel", "vectorized"), self.vector_code)):
            side = QWidget()
            col = QVBoxLayout(side)
            col.setContentsMargins(0, 0, 0, 0)
            head = QLabel(title)
            font = head.font()
            font.setBold(True)
            head.setFont(font)
            col.addWidget(head)
            col.addWidget(box)
            codes.addWidget(side)
        lay.addWidget(codes, 1)
        return w

    @staticmethod
    def _code(text: str, font: QFont) -> QPlainTextEdit:
        box = QPlainTextEdit(text)
        box.setReadOnly(True)
        box.setFont(font)
        box.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        box.setMinimumHeight(120)
        return box

    # -- following the session ------------------------------------------------------------------
    def _on_graph_event(self, event) -> None:
        if event.kind in ("node_added", "node_removed", "renamed", "params_changed", "cleared",
                          "shapes_changed"):
            self._show_feeds()

    def refresh(self) -> None:
        ds = self.session.dataset
        self.time_button.setEnabled(ds is not None)
        if ds is None:
            self.title.setText(translate(
                "DataPanel", "<b>No data set.</b> Open an example, or use File → Data to import "
                "a CSV file or an image folder, or load the digits, the text corpus or the sample "
                "pictures."))
            self.details.setText("")
            self._show_feeds()
            self.bars.setOpts(x=[], height=[])
            self.counts_plot.setVisible(False)
            self.table.clear()
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self.preview.setCurrentWidget(self.table)
            return
        n = len(ds)
        self.title.setText(translate("DataPanel", "<b>{name}</b>: {n} examples. {description}")
                           .format(name=render(data_label(ds.name)) or translate("DataPanel", "data"), n=n,
                                   description=render(ds.description)))
        self._show_split()
        self._show_feeds()
        self._show_counts(ds)
        self._show_preview(ds)

    def _show_split(self) -> None:
        """The arrays, and the split the Training dock will make (``session.split``)."""
        ds = self.session.dataset
        if ds is None:
            return
        sp = data_view.split_of(len(ds), self.session.split)
        if sp.dev_name is not None:
            text = translate("DataPanel", "Split (Training dock): all {train} for training; "
                             "dev: the example's own set <b>{dev_name}</b> ({dev} examples)"
                             ).format(train=sp.train, dev_name=render(sp.dev_name), dev=sp.dev)
        elif sp.dev == 0:
            text = translate("DataPanel", "Split (Training dock, train fraction {fraction:g}): "
                             "all {train} for training, no dev set").format(
                                 fraction=sp.fraction, train=sp.train)
        else:
            text = translate("DataPanel", "Split (Training dock, train fraction {fraction:g}): "
                             "{train} train, {dev} dev").format(
                                 fraction=sp.fraction, train=sp.train, dev=sp.dev)
        if not sp.session_data:
            text += translate("DataPanel", " (training now uses the generated set {name}, not "
                              "this data; choose it in the Training dock's Data list)").format(
                                  name=self.session.split.data)
        self.details.setText(translate("DataPanel", "Arrays: {arrays}").format(
            arrays="; ".join(render(m) for m in data_view.arrays_text(ds))) + "<br>" + text)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
            self.counts_plot.setTitle(translate("DataPanel", "examples per class"), size="9pt")
        super().changeEvent(event)

    def _show_feeds(self) -> None:
        rows = data_view.feeds(self.session.graph, self.session.dataset)
        if not rows:
            self.feeds.setText(translate("DataPanel", "Feeds: the graph has no input nodes."))
            return
        parts = []
        for f in rows:
            if f.array is None or f.problem:
                parts.append(f"<span style='color:#c0392b'>{f.node}: {render(f.problem)}</span>")
            else:
                parts.append(translate("DataPanel", "array <b>{array}</b> {shape} → input "
                                       "<b>{node}</b>").format(array=f.array, shape=f.shape,
                                                               node=f.node))
        self.feeds.setText(translate("DataPanel", "Feeds: {feeds}").format(feeds="; ".join(parts)))

    def _show_counts(self, ds) -> None:
        counts = data_view.class_counts(ds)
        self.counts_plot.setVisible(counts is not None)
        if counts is None:          # regression targets or word ids: no classes to count
            self.bars.setOpts(x=[], height=[])
            return
        names, c = counts
        self.bars.setOpts(x=np.arange(len(c)), height=c,
                          brushes=[pg.mkBrush(CLASS_COLORS[k % len(CLASS_COLORS)])
                                   for k in range(len(c))])
        self.counts_plot.setTitle(translate("DataPanel", "examples per class"), size="9pt")
        ax = self.counts_plot.getAxis("bottom")
        step = max(1, len(names) // 12)
        shown = range(0, len(names), step)
        room = max(self.counts_plot.width(), 200) / max(1, len(shown))    # pixels per label
        fits = all(7 * len(names[k][:8]) <= room for k in shown)
        ax.setTicks([[(k, names[k][:8] if fits else str(k)) for k in shown]])  # ids if crowded
        self.counts_plot.setXRange(-0.6, len(c) - 0.4, padding=0)
        self.counts_plot.setYRange(0, float(c.max()) * 1.1 if c.size else 1, padding=0)

    def _show_preview(self, ds) -> None:
        sheet = data_view.montage(ds)
        if sheet is not None:
            self.sheet.setImage(sheet, levels=(0, 1))
            self.sheet_plot.autoRange(padding=0.02)
            self.preview.setCurrentWidget(self.sheet_plot)
            return
        if data_view.is_scatter(ds):
            x = ds["x"][:2000]
            counts = data_view.class_counts(ds)
            if counts is not None:
                brushes = [pg.mkBrush(CLASS_COLORS[int(k) % len(CLASS_COLORS)])
                           for k in ds["y"][:2000]]
            else:
                brushes = [pg.mkBrush("#4c78a8")] * len(x)
            self.scatter.setData(pos=np.asarray(x, np.float64), brush=brushes)
            self.scatter_plot.autoRange()
            self.preview.setCurrentWidget(self.scatter_plot)
            return
        header, cells = data_view.preview(ds)
        self.table.clear()
        self.table.setColumnCount(len(header))
        self.table.setRowCount(len(cells))
        self.table.setHorizontalHeaderLabels(header)
        for i, row in enumerate(cells):
            for j, v in enumerate(row):
                self.table.setItem(i, j, QTableWidgetItem(v))
        self.table.resizeColumnsToContents()
        self.preview.setCurrentWidget(self.table)

    # -- loops vs vectorized --------------------------------------------------------------------
    def time_loops(self) -> Job | None:
        ds = self.session.dataset
        if ds is None:
            self.loop_result.setText(translate("DataPanel", "Load a data set first (File → Data)."))
            return None
        if self.job is not None and self.job.running:
            return None
        self.time_button.setEnabled(False)
        self.loop_result.setText(translate("DataPanel", "Timing… (the loop version runs example by example)"))
        self.job = Job(lambda progress, stop: loops.compare(ds), "Loops vs vectorized")
        self.job.finished.connect(self._timed)
        self.job.failed.connect(self._timing_failed)
        self.job.ended.connect(self._timing_ended)
        return self.job.start()

    @Slot(str)
    def _timing_failed(self, why: str) -> None:
        self.loop_result.setText("<span style='color:#c0392b'>" + translate(
            "DataPanel", "Cannot time it: {why}").format(why=why) + "</span>")

    @Slot()
    def _timing_ended(self) -> None:
        self.time_button.setEnabled(True)

    def _timed(self, c: loops.Comparison) -> None:
        self.loop_result.setText(translate(
            "DataPanel", "On {examples} examples × {features} features ({task}): loops "
            "<b>{loop_ms:.1f} ms</b>, vectorized <b>{vector_ms:.2f} ms</b> — <b>{speedup:.0f}×</b> "
            "faster. Both give the same step (largest difference {difference:.1e}).").format(
                examples=c.examples, features=c.features, task=render(c.task), loop_ms=c.loop_s * 1000,
                vector_ms=c.vector_s * 1000, speedup=c.speedup, difference=c.max_difference))


def install(main_window, session) -> DataPanel:
    panel = DataPanel(session, main_window)
    main_window.add_panel(panel, QT_TRANSLATE_NOOP("Panels", "Data"), "data_dock",
                          area="bottom")
    return panel
