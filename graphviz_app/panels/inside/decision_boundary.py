"""The Decision boundary dock: the network's prediction over the input plane with the training
and dev points on top, one full-resolution map per hidden unit, and, for a network without
non-linear activations, the single affine map its layers collapse to.

Everything drawn comes from :mod:`engine.inspect.grids` and :mod:`engine.inspect.collapse`
(one batched forward pass per update); plot items are made once and updated with
``setImage`` / ``setData``. Clicking the plane adds a point of the chosen class to the
session's data, as an undoable command.
"""
from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QSizePolicy, QSplitter,
                               QVBoxLayout, QWidget)

from engine.executor import ExecutionError
from engine.inspect import collapse, grids
from engine.inspect.points import classes_of, with_point

from .live import LiveSource, ShownPanel
from .plots import Plot
from ...i18n import translate

pg.setConfigOptions(imageAxisOrder="row-major", antialias=False)

RESOLUTION = 100
MIN_RESOLUTION = 20
UNIT_COLS = 8
DIVERGING = pg.colormap.get("CET-D1")


class AddPointCommand(QUndoCommand):
    """Add one labelled point to the session's data; undo puts the previous data back."""

    def __init__(self, session, xy: tuple[float, float], cls: int) -> None:
        super().__init__(f"Add a point of class {cls} at ({xy[0]:.2f}, {xy[1]:.2f})")
        self.session = session
        self.old = session.dataset
        self.reason = None
        try:
            self.new = with_point(self.old, xy, cls)
        except ValueError as e:
            self.new, self.reason = None, f"Cannot add a point: {e}"

    def check(self) -> str | None:
        return self.reason

    def redo(self) -> None:
        self.session.set_dataset(self.new)

    def undo(self) -> None:
        self.session.set_dataset(self.old)


class DecisionBoundaryPanel(ShownPanel):
    """Prediction map, points, unit maps and the collapsed line of the session's 2-D graph."""

    def __init__(self, session, training=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.source = LiveSource(session, training, parent=self)
        self.update_count = 0
        self.last_compute_ms = 0.0
        self.maps: grids.BoundaryMaps | None = None
        self.collapsed: collapse.Collapsed | None = None
        self._dirty = True
        self._plane_key = None
        self.plane: grids.Plane | None = None
        self._range_key = None
        self._mosaic_shape = None
        self._points_of: tuple | None = None      # the (train, dev) the points show
        self._brushes = [pg.mkBrush(*c) for c in grids.PALETTE]
        self._pens = [pg.mkPen(*c, width=1.5) for c in grids.PALETTE]

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.cls = QComboBox()
        self.cls.setToolTip(translate("DecisionBoundary", "The class of the point a click on the plane adds to the data"))
        top = QHBoxLayout()
        top.addWidget(QLabel(translate("DecisionBoundary", "Click adds class")))
        top.addWidget(self.cls)
        top.addStretch(1)

        self.plot = Plot()
        self.plot.setAspectLocked(True)
        self.plot.setLabel("bottom", "x₁")
        self.plot.setLabel("left", "x₂")
        self.image = pg.ImageItem()
        self.plot.addItem(self.image)
        self.train_pts = pg.ScatterPlotItem(size=6, pen=pg.mkPen("k", width=0.6))
        self.dev_pts = pg.ScatterPlotItem(size=7, brush=None, symbol="s")
        self.line = pg.PlotDataItem(pen=pg.mkPen("k", width=2, style=Qt.PenStyle.DashLine))
        for item in (self.train_pts, self.dev_pts, self.line):
            self.plot.addItem(item)
        self.plot.scene().sigMouseClicked.connect(self._on_click)

        self.units = Plot()
        self.units.setAspectLocked(True)
        self.units.hideAxis("bottom")
        self.units.hideAxis("left")
        self.unit_image = pg.ImageItem()
        self.unit_image.setLookupTable(DIVERGING.getLookupTable(nPts=256))
        self.units.addItem(self.unit_image)
        self._unit_labels: list[pg.TextItem] = []

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.plot)
        split.addWidget(self.units)
        split.setSizes([500, 500])
        self.collapse_text = QLabel()
        self.collapse_text.setWordWrap(True)
        self.collapse_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.collapse_text.setSizePolicy(QSizePolicy.Policy.Preferred,
                                         QSizePolicy.Policy.Maximum)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.status)
        lay.addWidget(split, 1)
        lay.addWidget(self.collapse_text)
        self.setMinimumSize(400, 240)

        self.source.changed.connect(self._on_changed)
        for w in (self.plot, self.units):
            w.getViewBox().sigResized.connect(lambda _vb: self._fit())
        session.dataset_changed.connect(self._fill_classes)
        session.graph_replaced.connect(self._fill_classes)
        session.selection_changed.connect(self._on_selection)
        self._fill_classes()

    # -- updates -------------------------------------------------------------------------------
    def _fill_classes(self) -> None:
        k = classes_of(self.session.dataset)
        if k != self.cls.count():
            keep = self.cls.currentIndex()
            self.cls.clear()
            for c in range(k):
                self.cls.addItem(f"class {c}", c)
            self.cls.setCurrentIndex(min(max(keep, 0), k - 1))
        self.cls.setEnabled(k > 0)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def refresh(self) -> None:
        """Recompute every map from one forward pass and redraw (nothing escapes: a graph that
        cannot be drawn says why in the panel)."""
        self._dirty = False
        try:
            self._refresh()
        except (ExecutionError, ValueError) as e:
            self.maps = None
            self.image.clear()
            self.unit_image.clear()
            self.line.setData([], [])
            self.collapse_text.setText("")
            self._say(str(e))

    def _plane(self, train, dev) -> grids.Plane:
        pts = [d["x"] for d in (train, dev) if d is not None and "x" in d]
        x = np.concatenate(pts) if pts else np.zeros((0, 2))
        # a very large network gets a coarser grid, so one update stays within the budget
        res = max(MIN_RESOLUTION, int(np.sqrt(self.source.examples_within_budget(
            RESOLUTION * RESOLUTION))))
        key = (len(x), float(x.min()) if len(x) else 0.0, float(x.max()) if len(x) else 0.0,
               res)
        if self.plane is None or key != self._plane_key:
            self.plane = grids.plane_for(x if x.ndim == 2 and x.shape[-1] == 2 else
                                         np.zeros((0, 2)), res)
            self._plane_key = key
        return self.plane

    def _refresh(self) -> None:
        g = self.session.graph
        if grids.two_d_input(g) is None:
            raise ValueError(translate("DecisionBoundary", "The decision boundary needs a graph whose input takes points of a "
                             "plane (shape N x 2), e.g. the XOR example."))
        t0 = time.perf_counter()
        probe = self.source.probe(np.float32)   # a picture needs no more precision
        weights = self.source.weights()
        train, dev = self.source.data()
        plane = self._plane(train, dev)
        m = grids.boundary_maps(g, probe, plane, weights)
        out = grids.output_node(g, probe)
        try:
            self.collapsed = collapse.collapse(g, out, weights)
        except ValueError:
            self.collapsed = None
        self.last_compute_ms = 1000 * (time.perf_counter() - t0)
        self.maps = m
        self._draw(m, train, dev)
        self.update_count += 1
        notes = [] if train is not None else [translate(
            "DecisionBoundary", "No data loaded: the plane shows the network alone; open an "
            "example with 2-D data to see points.")]
        if len(plane.xs) < RESOLUTION:
            notes.append(translate("DecisionBoundary", "A large network: the plane is computed "
                                   "on a {n}×{n} grid to stay live.").format(n=len(plane.xs)))
        self._say(" ".join(notes))
        self.plot.set_title(translate("DecisionBoundary", "prediction; ● train, □ dev (live)")
                            if self.source.live else
                            translate("DecisionBoundary", "prediction; ● train, □ dev"), size="8pt")

    def _draw(self, m: grids.BoundaryMaps, train, dev) -> None:
        x0, x1, y0, y1 = m.plane.extent
        if self._range_key != m.plane.extent:
            self._range_key = m.plane.extent
            self._fit()
        k = max(2, m.output.shape[-1])
        self.image.setImage(grids.class_image(m.classes, m.confidence, k), autoLevels=False)
        self.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        shown = self._points_of                           # points change only with the data
        if shown is None or shown[0] is not train or shown[1] is not dev:
            self._points_of = (train, dev)
            self._draw_points(train, dev)
        self._draw_units(m)
        self._draw_collapse(m)

    def _fit(self) -> None:
        """Show the whole plane and the whole mosaic (again after the dock is resized: with the
        aspect locked, a view keeps its old range and would cut the pictures)."""
        if self._range_key is not None:
            x0, x1, y0, y1 = self._range_key
            self.plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0.02)
        if self._mosaic_shape is not None:
            h, w = self._mosaic_shape
            self.units.setRange(xRange=(0, w), yRange=(0, h), padding=0.02)

    def _draw_points(self, train, dev) -> None:
        for item, ds in ((self.train_pts, train), (self.dev_pts, dev)):
            if ds is None or "x" not in ds or "y" not in ds:
                item.setData([], [])
                continue
            x = np.asarray(ds["x"], np.float64)
            y = np.asarray(ds["y"]).reshape(len(x), -1)[:, 0].astype(int) % len(grids.PALETTE)
            if item is self.train_pts:
                item.setData(x[:, 0], x[:, 1], brush=[self._brushes[c] for c in y])
            else:
                item.setData(x[:, 0], x[:, 1], pen=[self._pens[c] for c in y], brush=None)

    def shown_layers(self, m: grids.BoundaryMaps) -> list[str]:
        """The layers whose unit maps are drawn: the selected ones, or all when none is."""
        chosen = [n for n in self.session.selected() if n in m.units]
        return chosen or list(m.units)

    def _on_selection(self, _ids: list) -> None:
        if self.maps is None:
            return
        if any(n not in self.session.graph.nodes for n in self.maps.units):
            self._dirty = True       # drawn from a graph since edited: the edit's update redraws
            return
        self._mosaic_shape = None
        self._draw_units(self.maps)

    def _draw_units(self, m: grids.BoundaryMaps) -> None:
        ids = self.shown_layers(m)
        names = [self.session.graph.nodes[n].name for n in ids]
        maps = [m.units[n] for n in ids]
        band = max(8, len(m.plane.xs) // 3)
        img, where = grids.mosaic(maps, UNIT_COLS, band=band)
        if maps:
            self.unit_image.setImage(grids.to_bytes(img), autoLevels=False, levels=(0, 255))
        else:
            self.unit_image.clear()
        if img.shape != self._mosaic_shape:
            self._mosaic_shape = img.shape
            self._fit()
        r, pad = len(m.plane.xs), 4
        while len(self._unit_labels) < len(maps):
            t = pg.TextItem(color="k", anchor=(0, 1))
            self.units.addItem(t)
            self._unit_labels.append(t)
        for i, item in enumerate(self._unit_labels):
            if i >= len(maps):
                item.setText("")
                continue
            top = max(row for row, _ in where[i]) + r + pad   # its band, above its first row
            text = f"{names[i]} ({len(maps[i])} units)"
            if item.toPlainText() != text:
                item.setText(text)
            if item.pos().y() != top:
                item.setPos(QPointF(0, top))
        some = len(maps) < len(m.units)
        self.units.set_title((translate("DecisionBoundary", "selected layer's units: red +, blue −")
                              if some else
                              translate("DecisionBoundary", "hidden units: red +, blue −"))
                             if maps else translate("DecisionBoundary", "no hidden units"),
                             size="8pt")

    def _draw_collapse(self, m: grids.BoundaryMaps) -> None:
        c = self.collapsed
        seg = collapse.line_of(c, m.plane.extent) if c is not None else None
        if seg is None:
            self.line.setData([], [])
            self.collapse_text.setText("")
            return
        self.line.setData(*seg)
        self.collapse_text.setText(translate(
            "DecisionBoundary", "No non-linear activation: {layers} collapse to one affine map "
            "a = W·x + b with W = {formula} = {W} and b = {b}. Its boundary W·x + b = 0 (dashed) "
            "lies exactly on the network's: depth without non-linearity is still one straight "
            "line.").format(layers=", ".join(c.layers), formula=c.formula,
                            W=np.array2string(c.W, precision=3),
                            b=np.array2string(c.b, precision=3)))

    # -- clicks --------------------------------------------------------------------------------
    def _on_click(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton or self.maps is None:
            return
        vb = self.plot.getPlotItem().vb
        if not vb.sceneBoundingRect().contains(ev.scenePos()):
            return
        p = vb.mapSceneToView(ev.scenePos())
        self.add_point(float(p.x()), float(p.y()))

    def add_point(self, x: float, y: float, cls: int | None = None) -> bool:
        """Add a point of class ``cls`` (the chosen one when None) to the data, undoably."""
        cls = self.cls.currentData() if cls is None else cls
        if cls is None:
            self.session.message.emit(translate("DecisionBoundary", "Cannot add a point: there is no labelled data to add "
                                      "it to; open an example with 2-D data first"))
            return False
        return self.session.push(AddPointCommand(self.session, (x, y), int(cls)))


def install(main_window, session) -> DecisionBoundaryPanel:
    panel = DecisionBoundaryPanel(session, main_window.training)
    main_window.add_panel(panel, QT_TRANSLATE_NOOP("Panels", "Decision boundary"), "decision_boundary_dock",
                          area="bottom")
    return panel


__all__ = ["DecisionBoundaryPanel", "AddPointCommand", "install"]
