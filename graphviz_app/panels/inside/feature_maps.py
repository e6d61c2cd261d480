"""The Feature maps dock: every channel of a conv, pool or activation node for one example,
with the node's kernels, its receptive fields, and a trace of any value under the mouse.

* The maps are one mosaic picture (engine.inspect.feature_maps), each channel labelled with its
  index and range, on a local, shared or global scale; signed maps use a diverging colour map.
* Hovering a cell shows its formula in actual numbers and lights up, on the canvas, the cells
  of the upstream nodes it came from (engine.inspect.trace).
* Clicking a cell outlines its receptive field on the input image and every earlier map, with
  the effective footprint (|gradient| of that one value) as a heat map over each
  (engine.inspect.receptive_field).

The forward pass runs at once for small networks and in a worker thread for big ones.
"""
from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QSize, Qt
from PySide6.QtGui import QFont, QIcon, QPixmap
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QSplitter, QVBoxLayout, QWidget)

from engine.inspect import feature_maps as fm
from engine.inspect import receptive_field as rf
from engine.inspect.trace import trace
from engine.inspect.trace_text import formula

from ...player.value_render import render
from .conv_view import Background, ImageCell, Plots, StepTrace, TraceHighlighter, lut_for
from .receptive_view import ReceptiveStrip
from ...i18n import error_text, render as i18n_render, translate

INLINE_MACS = 30_000_000        # forward passes cheaper than this run on the GUI thread
THUMBS = 24                     # examples offered in the picker
GLOBAL_EXAMPLES = 64            # examples the global colour scale is measured over
LIVE_GAP = 0.5                  # seconds between live redraws while training
SCALES = (QT_TRANSLATE_NOOP("FeatureMaps", "local"), QT_TRANSLATE_NOOP("FeatureMaps", "shared"),
          QT_TRANSLATE_NOOP("FeatureMaps", "global"))
"""The colour scales: each map its own range, one per example, one over many examples."""
LABEL_FONT = QFont()
LABEL_FONT.setPointSize(7)


class FeatureMapsPanel(QWidget):
    """Maps, kernels, receptive field and trace for the chosen node and example."""

    def __init__(self, session, scene=None, training=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.highlighter = TraceHighlighter(scene) if scene is not None else None
        self.view: fm.MapsView | None = None
        self.example = 0
        self.clicked: tuple[int, int, int] | None = None
        self._global: dict[str, tuple[float, float]] = {}
        self._hover: tuple[int, int, int] | None = None
        self._live: dict | None = None
        self._live_at = 0.0
        self.training = training
        self._stale = True
        self.background = Background(self)
        self.background.finished.connect(self._on_view)
        self.background.started.connect(lambda: self.status.setText(translate("FeatureMaps", "computing the maps…")))
        self._build()
        session.graph_replaced.connect(self._on_structure)
        session.graph_changed.connect(self._on_graph_changed)
        session.dataset_changed.connect(self._on_dataset)
        session.selection_changed.connect(self._on_selection)
        if training is not None:
            training.run_progressed.connect(self._on_training_progress)
            training.run_ended.connect(lambda _run: self.refresh())
        self._on_structure()

    # -- widgets --------------------------------------------------------------------------------
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.node_box = QComboBox()
        self.node_box.setToolTip(translate("FeatureMaps", "the conv, pool or activation node whose maps are shown"))
        self.node_box.currentIndexChanged.connect(self._on_node_chosen)
        self.scale_box = QComboBox()
        for scale in SCALES:
            self.scale_box.addItem(translate("FeatureMaps", scale), scale)
        self.scale_box.setToolTip(translate("FeatureMaps", "local: each map its own range; shared: "
                                            "one range for this example; global: one range over "
                                            "many examples"))
        self.scale_box.currentTextChanged.connect(lambda _t: self.refresh())
        top.addWidget(QLabel(translate("FeatureMaps", "Node")))
        top.addWidget(self.node_box, 1)
        top.addWidget(QLabel(translate("FeatureMaps", "Scale")))
        top.addWidget(self.scale_box)
        lay.addLayout(top)
        self.thumbs = QListWidget()
        self.thumbs.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbs.setFlow(QListWidget.Flow.LeftToRight)
        self.thumbs.setWrapping(False)
        self.thumbs.setIconSize(QSize(24, 24))
        self.thumbs.setFixedHeight(58)
        self.thumbs.setToolTip(translate("FeatureMaps", "the example whose maps are shown"))
        self.thumbs.currentRowChanged.connect(self._on_example)
        lay.addWidget(self.thumbs)
        self.plots = Plots()
        self.plots.setMinimumSize(200, 150)
        self.maps_cell = ImageCell(self.plots.ci, 0, 0)
        self.kern_cell = ImageCell(self.plots.ci, 0, 1)
        self.plots.ci.layout.setColumnStretchFactor(0, 3)
        self.plots.ci.layout.setColumnStretchFactor(1, 1)
        self._labels: list[pg.TextItem] = []
        self.plots.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.maps_cell.view.sigResized.connect(lambda _v: self._relayout())
        self.plots.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.plots.left.connect(lambda: self.hover_cell(None))
        self.rf = ReceptiveStrip()
        self.rf_plots = self.rf.plots
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.plots)
        split.addWidget(self.rf_plots)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        lay.addWidget(split, 1)
        self.formula = QLabel(translate("FeatureMaps", "Hover a cell: its formula in numbers, and its sources on the "
                              "canvas. Click it: its receptive field."))
        self.formula.setWordWrap(True)
        self.formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.formula)
        self.rf_text = QLabel("")
        self.rf_text.setWordWrap(True)
        lay.addWidget(self.rf_text)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)

    # -- what to show ---------------------------------------------------------------------------
    @property
    def node(self) -> str | None:
        return self.node_box.currentData()

    def set_node(self, nid: str) -> None:
        i = self.node_box.findData(nid)
        if i >= 0:
            self.node_box.setCurrentIndex(i)

    def set_example(self, n: int) -> None:
        self.thumbs.setCurrentRow(n)

    def _on_structure(self) -> None:
        g = self.session.graph
        keep = self.node
        self.node_box.blockSignals(True)
        self.node_box.clear()
        for nid in fm.map_nodes(g):
            self.node_box.addItem(f"{g.nodes[nid].name} ({g.nodes[nid].op})", nid)
        i = self.node_box.findData(keep)
        self.node_box.setCurrentIndex(i if i >= 0 else self.node_box.count() - 1 if
                                      self.node_box.count() else -1)
        self.node_box.blockSignals(False)
        self._global.clear()
        self._fill_thumbs()
        self._on_node_chosen()

    def _on_graph_changed(self, event) -> None:
        self._global.clear()
        if event.kind in ("node_added", "node_removed", "edge_added", "edge_removed",
                          "params_changed", "renamed", "cleared", "shapes_changed"):
            self._on_structure()
        elif event.kind == "weights_changed":
            self.refresh()

    def _on_dataset(self) -> None:
        self._global.clear()
        self._fill_thumbs()
        self.refresh()

    def _on_selection(self, ids: list) -> None:
        for nid in ids:
            if self.node_box.findData(nid) >= 0:
                self.set_node(nid)
                return

    def _on_node_chosen(self, *_a) -> None:
        self.clicked = None
        if self.session.dataset is None:
            self._fill_thumbs()
        self._rebuild_rf_cells()
        self.refresh()

    def _on_example(self, row: int) -> None:
        if row >= 0:
            self.example = row
            self.refresh()

    def _arrays(self) -> dict:
        """The data set's arrays, or random stand-in examples when none is loaded."""
        ds = self.session.dataset
        if ds is not None:
            return ds.arrays
        return fm.random_arrays(self.session.graph, self.node)

    def _fill_thumbs(self) -> None:
        self.thumbs.blockSignals(True)
        self.thumbs.clear()
        g = self.session.graph
        nid = self.node
        xs = None
        if nid is not None:
            ins = fm.input_nodes(g, nid)
            try:
                arrays = self._arrays()
            except ValueError:
                arrays = {}
            if ins and g.nodes[ins[0]].name in arrays:
                xs = np.asarray(arrays[g.nodes[ins[0]].name])
        for n in range(min(THUMBS, 0 if xs is None else len(xs))):
            r = render(xs[n:n + 1], "value", (28, 28))
            item = QListWidgetItem(QIcon(QPixmap.fromImage(r.image)) if r.image is not None
                                   else QIcon(), str(n))
            self.thumbs.addItem(item)
        self.example = min(self.example, max(0, self.thumbs.count() - 1))
        if self.thumbs.count():
            self.thumbs.setCurrentRow(self.example)
        self.thumbs.blockSignals(False)

    # -- computing ------------------------------------------------------------------------------
    def _on_training_progress(self, run) -> None:
        """Live maps while training, at most twice a second, from a copy of the weights of
        the graph the run trains (the session's graph gets them when the run ends)."""
        now = time.monotonic()
        if self.training is None or not self.isVisible() or self.background.busy or \
                now - self._live_at < LIVE_GAP:
            return
        graph = self.training.live_graph()
        if graph is None:
            return
        self._live_at = now
        self._live = graph.weight_snapshot()
        self.refresh(weights=self._live)

    def refresh(self, weights: dict | None = None) -> None:
        """Recompute the maps of the chosen node and example (in the background if big),
        with ``weights`` ((node id, name) -> array) in place of the graph's own if given."""
        nid, g = self.node, self.session.graph
        if not self.isVisible():          # computed when the panel is shown
            self._stale = True
            return
        self._stale = False
        if nid is None:
            self._show_message(translate("FeatureMaps", "No conv, pool or activation node with "
                                         "2-D maps in this graph; open the Small CNN example or "
                                         "add a conv2d node."))
            return
        scale = self.scale_box.currentData()
        try:
            arrays = self._arrays()
            feeds = fm.examples_for(g, nid, arrays, self.example)
        except ValueError as e:
            self._show_message(error_text(e))
            return
        graph = g.copy()
        if weights is not None:
            graph.load_weight_snapshot(weights)
        aspect = self._aspect()
        macs = sum(g.shapes[n].macs for n in g.ancestors(nid) | {nid} if n in g.shapes)
        rng = self._global.get(nid)
        need_global = scale == "global" and rng is None
        many = fm.examples_for(g, nid, arrays, slice(0, GLOBAL_EXAMPLES)) if need_global else None

        def work():
            grange = rng
            if need_global:
                grange = fm.value_range(fm.run_upto(graph, many, nid).values[nid])
            return fm.build_view(graph, feeds, nid, scale, grange, aspect), grange

        self.background.submit(work, inline=macs * (GLOBAL_EXAMPLES if need_global else 1)
                               < INLINE_MACS)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _show_message(self, text: str) -> None:
        self.background.cancel()
        self.view = None
        self.status.setText(text)
        for cell in (self.maps_cell, self.kern_cell):
            cell.image.clear()
            cell.set_title("")
            cell.hide_box()
        for t in self._labels:
            t.hide()

    def _on_view(self, result, err: str) -> None:
        if err:
            self._show_message(err)
            return
        view, grange = result
        if grange is not None:
            self._global[view.node] = grange
        self.view = view
        self.status.setText("" if self.session.dataset is not None else
                            translate("FeatureMaps", "No data set is loaded: these are random "
                                      "inputs (uniform in [0, 1)); load one to see real "
                                      "examples."))
        self.draw()
        c, h, w = view.maps.shape
        if self.clicked is None or self.clicked[0] >= c or self.clicked[1] >= h or \
                self.clicked[2] >= w:
            self.clicked = (0, h // 2, w // 2)      # a receptive field to look at at once
        self.show_receptive_field(*self.clicked)
        self._box_clicked()

    # -- drawing --------------------------------------------------------------------------------
    def draw(self) -> None:
        """Upload the mosaic, labels and kernels of the current view (no recomputation)."""
        v = self.view
        if v is None:
            return
        g = self.session.graph
        mo = v.mosaic
        signed = mo.signed
        self.maps_cell.set(mo.image, (-1.0, 1.0) if signed else (0.0, 1.0), lut_for(signed),
                           translate("FeatureMaps", "{node} · {n} maps {h}x{w} · ex {example}")
                           .format(node=g.nodes[v.node].name, n=v.maps.shape[0],
                                   h=v.maps.shape[1], w=v.maps.shape[2], example=self.example))
        self.maps_cell.view.setToolTip(
            (translate("FeatureMaps", "{scale} colour scale; signed maps are diverging: blue < 0 < "
                       "red, white 0") if signed else
             translate("FeatureMaps", "{scale} colour scale; dark low, yellow high")).format(
                scale=self.scale_box.currentText()))
        self._place_labels(v)
        if v.kernels is not None:
            km = v.kernels
            self.kern_cell.set(km.image, (-1.0, 1.0) if km.signed else (0.0, 1.0),
                               lut_for(km.signed), translate("FeatureMaps", "{node} kernels")
                               .format(node=g.nodes[v.kernel_node].name))
            self.kern_cell.view.setToolTip(i18n_render(v.kernel_words))
        else:
            self.kern_cell.image.clear()
            self.kern_cell.set_title(translate("FeatureMaps", "no kernels (not made by a conv)"))

    def _aspect(self) -> float:
        vw, vh = self.maps_cell.view.width(), self.maps_cell.view.height()
        return vw / vh if vw > 10 and vh > 10 else 1.0

    def _relayout(self) -> None:
        """Re-tile the maps when the panel's shape asks for another column count."""
        v = self.view
        if v is None:
            return
        c, h, w = v.maps.shape
        cols = fm.grid_shape(c, self._aspect() * h / max(w, 1))[1]
        if cols != v.mosaic.cols:
            v.mosaic = fm.mosaic(v.maps, v.levels, cols=cols)
            self.draw()
            self._box_clicked()
        else:
            self._place_labels(v)

    def _place_labels(self, v: fm.MapsView) -> None:
        """Each tile's index and range in its top-left corner, over a dark backing."""
        c = v.maps.shape[0]
        while len(self._labels) < c:
            t = pg.TextItem("", color=(240, 240, 240), anchor=(0, 0),
                            fill=pg.mkBrush(0, 0, 0, 150))
            t.setFont(LABEL_FONT)
            t.setZValue(20)
            self.maps_cell.view.addItem(t, ignoreBounds=True)
            self._labels.append(t)
        vw, vh = self.maps_cell.view.width(), self.maps_cell.view.height()
        ih, iw = v.mosaic.image.shape
        tile_px = min(vw / iw, vh / ih) * v.mosaic.w if iw and ih else 0.0
        full = tile_px >= 90
        for k, t in enumerate(self._labels):
            if k < c and c <= 64 and tile_px >= 14:
                y, x = v.mosaic.origin(k)
                t.setText(v.labels[k].replace(": ", "\n", 1) if full else str(k))
                t.setPos(x, y)
                t.show()
            else:
                t.hide()

    # -- hover: trace ---------------------------------------------------------------------------
    def cell_at_scene(self, pos: QPointF) -> tuple[int, int, int] | None:
        v = self.view
        if v is None or not self.maps_cell.view.sceneBoundingRect().contains(pos):
            return None
        p = self.maps_cell.view.mapSceneToView(pos)
        return v.mosaic.cell_at(p.y(), p.x(), v.maps.shape[0])

    def _on_mouse_moved(self, pos: QPointF) -> None:
        cell = self.cell_at_scene(pos)
        if cell != self._hover:
            self.hover_cell(cell)

    def hover_cell(self, cell: tuple[int, int, int] | None) -> str:
        """Show the formula of map cell (channel, row, column) and light up its sources."""
        self._hover = cell
        v = self.view
        if cell is None or v is None:
            if self.highlighter is not None:
                self.highlighter.clear()
            self._box_clicked()
            return ""
        c, i, j = cell
        g = self.session.graph
        index = (0, c, i, j)
        try:
            text = i18n_render(formula(g, v.probe.values, v.node, index))
            tr = trace(g, v.probe.values, v.node, index)
        except (ValueError, KeyError, IndexError) as e:    # the graph changed under the view
            text, tr = translate("FeatureMaps", "cannot trace this cell: {error}; the maps are "
                                 "recomputed after edits").format(error=error_text(e)), None
        self.formula.setText(translate("FeatureMaps", "{formula}    (map {map})").format(
            formula=text, map=v.labels[c]))
        if self.highlighter is not None and tr is not None:
            self.highlighter.show(tr)
        y, x = v.mosaic.origin(c)
        self.maps_cell.set_box(y + i, y + i, x + j, x + j)
        return text

    def _box_clicked(self) -> None:
        """Outline the clicked cell on the mosaic (or nothing)."""
        v = self.view
        if v is None or self.clicked is None or self.clicked[0] >= v.maps.shape[0]:
            self.maps_cell.hide_box()
            return
        c, i, j = self.clicked
        y, x = v.mosaic.origin(c)
        self.maps_cell.set_box(y + i, y + i, x + j, x + j)

    # -- click: receptive field -----------------------------------------------------------------
    def _on_mouse_clicked(self, event) -> None:
        cell = self.cell_at_scene(event.scenePos())
        if cell is not None:
            self.show_receptive_field(*cell)

    def _rebuild_rf_cells(self) -> None:
        self.rf.rebuild(self.session.graph, self.node)

    @property
    def rf_cells(self) -> dict:
        return self.rf.cells

    def show_receptive_field(self, c: int, i: int, j: int) -> dict[str, rf.Box]:
        """Outline the receptive field of map cell (c, i, j) on every earlier map, with the
        effective footprint as a heat map; return the boxes by node id."""
        v = self.view
        if v is None:
            return {}
        self.clicked = (c, i, j)
        try:
            boxes, text = self.rf.show(self.session.graph, v.probe, v.node, c, i, j)
        except (ValueError, KeyError, IndexError) as e:    # the graph changed under the view
            self.rf_text.setText(translate("FeatureMaps", "cannot compute this receptive field: "
                                           "{error}").format(error=error_text(e)))
            return {}
        self.rf_text.setText(text)
        return boxes


def install(main_window, session) -> FeatureMapsPanel:
    """Add the 'Feature maps' panel to the bottom area, and tracing on hover to the Step
    details picture."""
    panel = FeatureMapsPanel(session, main_window.scene, main_window.training)
    main_window.add_panel(panel, QT_TRANSLATE_NOOP("Panels", "Feature maps"), "feature_maps_dock", "bottom")
    panel.step_trace = StepTrace(main_window.player, main_window.scene, session, panel)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(panel.background.wait)
    return panel
