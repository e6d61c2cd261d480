"""The Embeddings panel: points in 2-D, their nearest neighbours in the original space, and
similarity search for images.

The points are an embedding node's table (one per word) or any node's values over the data
(one per example), chosen from :func:`engine.inspect.embeddings.sources`. The points and
their projection are computed in a worker, so opening an example never waits on them, and
only while the panel is shown (a hidden panel catches up when it is raised). PCA takes
milliseconds; t-SNE runs in a child process (one thread) with progress and cancel. Points are coloured by
class (topic for words), words are written beside their points, and hovering names the item
(with its picture for images). Clicking an item lists its k nearest neighbours in the original
space and marks those the picture puts far away. For image data the panel also shows the
images nearest by the chosen node's values beside those nearest by raw pixels, and the
reconstruction when the graph names one (``graph.meta["reconstruction_node"]``). While
training runs, the PCA re-projects from the training copy a few times a second.
"""
from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QCheckBox, QComboBox, QHBoxLayout, QLabel,
                               QProgressBar, QPushButton, QSpinBox, QSplitter, QTableWidget,
                               QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from engine.inspect import embeddings as emb
from engine.inspect.projection import neighbours, pca, tsne

from ...editor.jobs import Job
from .data_panel import CLASS_COLORS, SmallPlot
from .plots import note_page
from .similar_images import SimilarImages, to_pixmap
from ...i18n import render, translate

pg.setConfigOptions(imageAxisOrder="row-major", antialias=False)

__all__ = ["EmbeddingsPanel", "install", "LIVE_GAP", "MAX_WORDS"]

LIVE_GAP = 0.25          # seconds between live re-projections while training
MAX_WORDS = 200          # label every point up to this many
MAX_THUMBS = 24          # image points drawn as thumbnails
QUICK_MACS = 20_000_000  # node values cheaper than this are re-projected live while training


class EmbeddingsPanel(QWidget):
    """Projects, labels and searches the points of one source."""

    projected = Signal()        # a projection was drawn (tests and screenshots wait on it)

    def __init__(self, session, training=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.training = training
        self.points: emb.Points | None = None
        self.coords: np.ndarray | None = None
        self.components: np.ndarray | None = None
        self.selected: int | None = None
        self.job: Job | None = None
        self._stale = False          # a projection is owed once the panel is shown
        self._last_live = 0.0
        self._texts: list[pg.TextItem] = []
        self._thumbs: list[pg.ImageItem] = []
        self._build()
        self._refill = QTimer(self, singleShot=True, interval=150)
        self._refill.timeout.connect(self.refresh_sources)
        self._reproject = QTimer(self, singleShot=True, interval=150)
        self._reproject.timeout.connect(self._weights_changed)
        session.graph_replaced.connect(self._refill.start)   # one refill for the graph and
        session.dataset_changed.connect(self._refill.start)  # the data an example brings
        session.graph_changed.connect(self._on_graph_event)
        if training is not None:
            training.run_progressed.connect(self._on_training)
        self.refresh_sources()

    # -- building -------------------------------------------------------------------------------
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        self.source = QComboBox()
        self.source.setMinimumContentsLength(18)
        self.source.currentIndexChanged.connect(lambda _i: self.project())
        self.method = QComboBox()
        self.method.addItems(["PCA", "t-SNE"])
        self.method.currentIndexChanged.connect(lambda _i: self.project())
        self.cancel_button = QPushButton(translate("Embeddings", "Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setVisible(False)
        self.progress.setMaximumWidth(120)
        row.addWidget(self.source, 2)
        row.addWidget(self.method)
        row.addWidget(self.progress)
        row.addWidget(self.cancel_button)
        lay.addLayout(row)
        row2 = QHBoxLayout()
        self.distance = QComboBox()
        for metric in (QT_TRANSLATE_NOOP("Embeddings", "euclidean"),
                       QT_TRANSLATE_NOOP("Embeddings", "cosine")):
            self.distance.addItem(translate("Embeddings", metric), metric)
        self.distance.currentIndexChanged.connect(lambda _i: self._show_neighbours())
        self.k = QSpinBox()
        self.k.setRange(1, 30)
        self.k.setValue(6)
        self.k.setPrefix("k = ")
        self.k.valueChanged.connect(lambda _v: self._show_neighbours())
        self.live = QCheckBox(translate("Embeddings", "re-project while training"))
        self.live.setChecked(True)
        row2.addWidget(QLabel(translate("Embeddings", "neighbours by")))
        row2.addWidget(self.distance)
        row2.addWidget(self.k)
        row2.addWidget(self.live)
        row2.addStretch(1)
        lay.addLayout(row2)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.plot = SmallPlot()
        self.plot.setBackground(None)
        self.plot.setMinimumSize(200, 160)
        self.plot.hideButtons()
        self.scatter = pg.ScatterPlotItem(size=7, pen=None, hoverable=True,
                                          hoverPen=pg.mkPen("k", width=1.5))
        self.links = pg.PlotDataItem(pen=pg.mkPen("#888", width=1), connect="pairs")
        self.marks = pg.ScatterPlotItem(size=14, brush=None)
        self.marks.setZValue(10)
        self.plot.addItem(self.links)
        self.plot.addItem(self.scatter)
        self.plot.addItem(self.marks)
        self.scatter.sigClicked.connect(self._clicked)
        self.scatter.sigHovered.connect(self._hovered)
        split.addWidget(self.plot)
        side = QWidget()
        side_lay = QVBoxLayout(side)
        side_lay.setContentsMargins(0, 0, 0, 0)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.hover = QLabel(translate(
            "Embeddings", "Hover over a point to see it; click one for its neighbours."))
        self.hover.setWordWrap(True)
        self.hover_pic = QLabel()
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([translate("Embeddings", "item"),
                                              translate("Embeddings", "distance"),
                                              translate("Embeddings", "rank in picture"), ""])
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(20)
        self.table.setMinimumHeight(90)
        self.table.setToolTip(translate(
            "Embeddings", "Double-click a neighbour to pick it in turn"))
        self.table.cellDoubleClicked.connect(self._neighbour_picked)
        self._listed: list[int] = []
        near, self.warning = note_page(self.table, margin=2)
        self.similar = SimilarImages()
        self.side_tabs = QTabWidget()
        self.side_tabs.addTab(near, translate("Embeddings", "Neighbours"))
        self.side_tabs.addTab(self.similar, translate("Embeddings", "Similar images"))
        self.side_tabs.setTabEnabled(1, False)
        top = QHBoxLayout()
        text = QVBoxLayout()
        text.addWidget(self.info)
        text.addWidget(self.hover)
        top.addLayout(text, 1)
        top.addWidget(self.hover_pic)
        side_lay.addLayout(top)
        side_lay.addWidget(self.side_tabs, 1)
        split.addWidget(side)
        split.setSizes([520, 360])
        lay.addWidget(split, 1)

    # -- sources --------------------------------------------------------------------------------
    def _on_graph_event(self, event) -> None:
        if event.kind == "weights_changed":
            self._reproject.start()
        elif event.kind in ("node_added", "node_removed", "renamed", "shapes_changed", "cleared"):
            self._refill.start()

    def refresh_sources(self) -> None:
        """Fill the source list; prefer what the graph names (embedding or latent node)."""
        g = self.session.graph
        found = emb.sources(g, self.session.dataset)
        current = self.source.currentData()
        prefer = None
        meta = g.meta if isinstance(g.meta, dict) else {}
        for key, kind in (("embedding_node", "table"), ("latent_node", "values")):
            name = meta.get(key)
            if isinstance(name, str) and name in {n.name for n in g.nodes.values()}:
                prefer = f"{kind}:{g.by_name(name)}"
        self.source.blockSignals(True)
        self.source.clear()
        for s in found:
            self.source.addItem(render(s.label), s.key)
        keys = [s.key for s in found]
        pick = current if current in keys else prefer if prefer in keys else None
        if pick is not None:
            self.source.setCurrentIndex(keys.index(pick))
        self.source.blockSignals(False)
        if not found:
            self._clear(translate("Embeddings", "Nothing to project yet: add an embedding node, "
                                  "or load data (File → Data) and pick a layer."))
            return
        # the old picture belongs to another graph or data set: never let it be clicked
        self._clear(translate("Embeddings", "Projecting…"))
        self.project()

    def _clear(self, text: str) -> None:
        self.points = self.coords = self.components = None
        self.selected = None
        self.scatter.setData([])
        self.marks.setData([])
        self.links.setData([], [])
        for t in self._texts + self._thumbs:
            t.setVisible(False)
        self.info.setText(text)
        self.table.setRowCount(0)
        self.warning.setText("")
        self._clear_similar()

    # -- projecting -----------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.project()

    def project(self) -> Job | None:
        """Compute the points of the chosen source and project them in a worker; while the
        panel is hidden, only note that it is owed (see :meth:`showEvent`)."""
        key = self.source.currentData()
        if key is None:
            return None
        if not self.isVisible():
            self._stale = True
            return None
        self._stale = False
        if self.job is not None and self.job.running:
            self.job.cancel()
        graph, data = self.session.graph.copy(), self.session.dataset
        method = self.method.currentText()

        def work(progress, stop):
            pts = emb.points(graph, data, key)
            if method == "PCA":
                p = pca(pts.values)
                return pts, p.coords, p.components
            return pts, tsne(pts.values, progress=progress, should_stop=stop), None

        return self._start(work, method)

    def _cheap(self, graph, key: str) -> bool:
        """Whether the points of ``key`` take only milliseconds (then they are re-projected
        live while training): tables and raw data always, node values when the
        multiply-adds up to the node, times the examples, stay under QUICK_MACS."""
        kind, _, ref = key.partition(":")
        if kind != "values":
            return True
        n = min(emb.MAX_POINTS, len(self.session.dataset)) if self.session.dataset else 0
        part = graph.ancestors(ref) | {ref}
        macs = sum(graph.shapes[a].macs for a in part if a in graph.shapes)
        return macs * n <= QUICK_MACS

    def _start(self, work, method: str) -> Job:
        job = Job(work, translate("Embeddings", "{method} projection").format(method=method))
        job.finished.connect(self._job_finished)
        job.failed.connect(self._job_failed)
        job.progressed.connect(self._job_progressed)
        job.ended.connect(self._job_ended)
        busy = method == "t-SNE"
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.progress.setValue(0)
        if busy:
            self.info.setText(translate(
                "Embeddings", "t-SNE runs in a background process (one thread); the window "
                "stays usable. Cancel stops it at once."))
        self.job = job
        return job.start()

    # the job's signals come to bound slots, which Qt disconnects if this panel goes away;
    # results of a job that was replaced by a newer one are dropped
    @Slot(object)
    def _job_finished(self, result) -> None:
        if self.sender() is self.job:
            self._draw(*result)

    @Slot(str)
    def _job_failed(self, why: str) -> None:
        if self.sender() is self.job:
            self._clear(translate("Embeddings", "Cannot project: {error}").format(error=why))

    @Slot(float, object)
    def _job_progressed(self, fraction: float, what: object) -> None:
        if self.sender() is self.job:
            self.progress.setValue(int(fraction * 1000))
            if what and self.progress.isVisible():      # t-SNE: what it is doing now
                self.info.setText(translate(
                    "Embeddings", "t-SNE runs in a background process (one thread); the window "
                    "stays usable. Cancel stops it at once.") + "<br>" + render(what))

    @Slot()
    def _job_ended(self) -> None:
        if self.sender() is self.job:
            self.progress.setVisible(False)
            self.cancel_button.setVisible(False)

    def cancel(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()
            self.info.setText(translate(
                "Embeddings", "t-SNE cancelled; choose PCA or start it again."))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """A new language: the points' summary line is written again in it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and self.points is not None:
            self._say_points(self.points, self.coords)

    def _draw(self, pts: emb.Points, coords: np.ndarray, components) -> None:
        self.points, self.coords, self.components = pts, coords, components
        brushes = self._brushes(pts)
        self.scatter.setData(pos=coords, brush=brushes, data=np.arange(len(coords)))
        self._place_labels()
        self._say_points(pts, coords)
        if self.selected is not None and self.selected < len(coords):
            self.select(self.selected)
        else:
            self.selected = None
            self.marks.setData([])
            self.links.setData([], [])
        self.plot.autoRange()
        self.projected.emit()

    def _say_points(self, pts: emb.Points, coords: np.ndarray) -> None:
        """'400 points: dense1 for 400 examples (16 numbers each), by PCA.' and the legend."""
        names = pts.class_names
        legend = ", ".join(f"<span style='color:{CLASS_COLORS[k % len(CLASS_COLORS)]}'>■</span>"
                           f" {n}" for k, n in enumerate(names[:10])) if pts.classes is not None \
            else ""
        self.info.setText(translate("Embeddings", "{n} points: {what} ({numbers} numbers each), "
                                    "by {method}.").format(
            n=len(coords), what=render(pts.what), numbers=pts.values.shape[1],
            method=self.method.currentText()) + f"<br>{legend}")

    def _brushes(self, pts: emb.Points) -> list:
        if pts.classes is None:
            return [pg.mkBrush("#4c78a8")] * len(pts.values)
        cache = [pg.mkBrush(c) for c in CLASS_COLORS]
        return [cache[int(k) % len(cache)] for k in pts.classes]

    def _place_thumbs(self) -> None:
        """Thumbnails of a spread of image points (every n-th), drawn at their points."""
        pts, coords = self.points, self.coords
        idx = np.array([], int) if pts.images is None else \
            np.unique(np.linspace(0, len(coords) - 1, min(MAX_THUMBS, len(coords))).astype(int))
        while len(self._thumbs) < len(idx):
            item = pg.ImageItem()
            item.setZValue(5)
            item.setOpacity(0.95)
            self.plot.addItem(item)
            self._thumbs.append(item)
        span = np.ptp(coords, axis=0) if len(coords) else np.ones(2)
        w, h = (span * 0.07 + 1e-9).tolist()
        for n, item in enumerate(self._thumbs):
            item.setVisible(n < len(idx))
            if n < len(idx):
                i = idx[n]
                img = np.asarray(pts.images[i], np.float32)
                item.setImage(img[::-1], levels=(float(img.min()), float(img.max()) or 1.0))
                item.setRect(QRectF(coords[i, 0] - w / 2, coords[i, 1] - h / 2, w, h))

    def _place_labels(self) -> None:
        self._place_thumbs()
        pts, coords = self.points, self.coords
        words = pts.images is None and len(coords) <= MAX_WORDS
        while words and len(self._texts) < len(coords):
            t = pg.TextItem(anchor=(0, 0.5),    # readable in light and dark palettes
                            color=self.palette().color(QPalette.ColorRole.WindowText))
            self.plot.addItem(t)
            self._texts.append(t)
        for i, t in enumerate(self._texts):
            show = words and i < len(coords)
            t.setVisible(show)
            if show:
                t.setText(pts.labels[i])
                t.setPos(float(coords[i, 0]), float(coords[i, 1]))

    # -- live -----------------------------------------------------------------------------------
    def _on_training(self, _run) -> None:
        if not self.live.isChecked() or self.method.currentText() != "PCA" or \
                not self.isVisible() or self._refill.isActive():   # (sources of the graph before)
            return
        now = time.perf_counter()
        if now - self._last_live < LIVE_GAP or (self.job is not None and self.job.running):
            return
        live = self.training.live_graph() if self.training is not None else None
        key = self.source.currentData()
        if live is None or key is None or self.points is None:
            return
        self._last_live = now
        kind, _, ref = key.partition(":")
        if kind == "table" and ref in live.nodes:     # only the table is copied
            table = live.nodes[ref].weights["E"].copy()
            pts = emb.points(self.session.graph, self.session.dataset, key, values=table)
            p = pca(pts.values, reference=self.components)
            self._draw(pts, p.coords, p.components)
        elif kind == "values" and ref in live.nodes and self._cheap(live, key):
            # (a key of the graph before, until the source list refills, is skipped; big
            # graphs wait for the end)
            self._live_project(live.copy())

    def _weights_changed(self) -> None:
        if not self.isVisible():
            self._stale = self.points is not None or self._stale
            return
        if self.method.currentText() == "PCA" and not (self.job is not None and self.job.running):
            self._live_project(self.session.graph.copy())

    def _live_project(self, graph) -> Job | None:
        key = self.source.currentData()
        if key is None or self.points is None:
            return None
        data, ref = self.session.dataset, self.components

        def work(progress, stop):
            pts = emb.points(graph, data, key)
            p = pca(pts.values, reference=ref)
            return pts, p.coords, p.components
        return self._start(work, "PCA")

    # -- hover, click, neighbours ---------------------------------------------------------------
    def _hovered(self, _item, spots, _ev) -> None:
        if not len(spots) or self.points is None:
            return
        i = int(spots[0].data())
        self.hover.setText(f"<b>{self.points.labels[i]}</b>")
        if self.points.images is not None:
            self.hover_pic.setPixmap(to_pixmap(self.points.images[i], 64))

    def _clicked(self, _item, spots, _ev) -> None:
        if len(spots):
            self.select(int(spots[0].data()))

    def _neighbour_picked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self._listed):
            self.select(self._listed[row])

    def select(self, i: int) -> None:
        """Show item ``i``'s neighbours (and similar images)."""
        if self.points is None or not 0 <= i < len(self.points.values):
            return
        self.selected = i
        self._show_neighbours()

    def _show_neighbours(self) -> emb.Points | None:
        if self.points is None or self.selected is None:
            return None
        i, pts = self.selected, self.points
        nb = neighbours(pts.values, i, self.k.value(), self.distance.currentData(), self.coords)
        self._listed = [int(j) for j in nb.index]
        self.table.setRowCount(len(nb.index))
        for r, (j, d, rank, far) in enumerate(zip(nb.index, nb.distance, nb.picture_rank,
                                                  nb.far)):
            cells = [pts.labels[j], f"{d:.4g}", str(int(rank) + 1),
                     translate("Embeddings", "far in picture") if far else ""]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if far:
                    item.setForeground(pg.mkColor("#c0392b"))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        n_far = int(nb.far.sum())
        if n_far:
            self.warning.setText("<span style='color:#c0392b'>" + translate(
                "Embeddings", "{far} of the {k} nearest neighbours of {point} (in its "
                "{numbers}-number space) are not among the {rank} points nearest to it in this "
                "picture. A 2-D projection cannot keep every distance: trust the list, not the "
                "picture.").format(far=n_far, k=len(nb.index), point=pts.labels[i],
                                   numbers=pts.values.shape[1], rank=nb.far_rank) + "</span>")
        else:
            self.warning.setText(translate("Embeddings", "All {k} nearest neighbours of {point} "
                                           "are near it in the picture too.").format(
                k=len(nb.index), point=pts.labels[i]))
        c = self.coords
        near, far = nb.index[~nb.far], nb.index[nb.far]
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        spots = [{"pos": c[i], "symbol": "o", "pen": pg.mkPen(ink, width=2.5), "size": 16}]
        spots += [{"pos": c[j], "symbol": "o", "pen": pg.mkPen("#2ca02c", width=2)} for j in near]
        spots += [{"pos": c[j], "symbol": "s", "pen": pg.mkPen("#c0392b", width=2)} for j in far]
        self.marks.setData(spots, brush=None)
        pairs = np.empty((2 * len(nb.index), 2))
        pairs[0::2] = c[i]
        pairs[1::2] = c[nb.index]
        self.links.setData(pairs[:, 0], pairs[:, 1])
        self._show_similar(i)
        return pts

    # -- similarity search ----------------------------------------------------------------------
    def _clear_similar(self) -> None:
        self.similar.clear()

    def _show_similar(self, i: int) -> emb.Similar | None:
        pts, ds = self.points, self.session.dataset
        images = pts is not None and pts.images is not None and ds is not None
        self.side_tabs.setTabEnabled(1, images)
        if not images:
            self.similar.clear()
            return None
        return self.similar.show_for(pts, i, self.k.value(), self.session.graph, ds)


def install(main_window, session) -> EmbeddingsPanel:
    panel = EmbeddingsPanel(session, main_window.training, main_window)
    main_window.add_panel(panel, QT_TRANSLATE_NOOP("Panels", "Embeddings"), "embeddings_dock",
                          area="bottom")
    return panel
