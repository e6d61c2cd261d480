"""The Activations dock: what every layer computes over the training data.

Three tabs, all drawn from :mod:`engine.inspect.activation_stats` over one probe pass
(forward and backward) of the whole training set:

- **Layers**: the chosen layer's activations for a range of examples as a heatmap (examples ×
  units), the distribution of every layer's activations and of its gradients (log10 |dJ/da|,
  so vanishing and exploding gradients stand apart), and the dead and saturated units by name;
- **Top examples**: the examples that activate the chosen unit most (highlighted points for 2-D
  data, thumbnails for images);
- **Activation functions**: f and f′ from the engine's own forward and backward, with the chosen
  layer's pre-activation histogram overlaid and the saturated zones shaded.

The layer follows the canvas selection; updates follow training live (throttled).
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, Qt
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QSpinBox, QSplitter, QTabWidget,
                               QVBoxLayout, QWidget)

from engine.executor import ExecutionError
from engine.inspect import activation_stats as st
from .activation_functions import FunctionsView
from .live import LiveSource, ShownPanel
from .plots import Plot, note_page
from ...i18n import error_text, translate

pg.setConfigOptions(imageAxisOrder="row-major", antialias=False)

COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
          "#e377c2"]
MAX_LAYERS = len(COLORS)
TOP_K = 12



def _plot(title: str, left: str = "", bottom: str = "") -> pg.PlotWidget:
    w = Plot()
    w.set_title(title, size="8pt", color="#333")
    if left:
        w.setLabel("left", left)
    if bottom:
        w.setLabel("bottom", bottom)
    return w


class ActivationsPanel(ShownPanel):
    """Heatmap, per-layer histograms, flags, top examples and activation curves."""

    def __init__(self, session, training=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.source = LiveSource(session, training, rate=4.0, parent=self)   # statistics: 4/s is live enough
        self.update_count = 0
        self.stats: list[st.LayerStats] = []
        self.capture = None
        self.train = None
        self._layers: list[st.Layer] = []
        self._dirty = True
        self._legend_names: list[str] = []
        self._points_of = None

        self.layer = QComboBox()
        self.layer.setToolTip(translate("Activations", "The layer the heatmap, the top examples and the curves show "
                              "(follows the selection on the canvas)"))
        self.first = QSpinBox()
        self.first.setRange(0, 0)
        self.first.setToolTip(translate("Activations", "First example of the heatmap"))
        self.count = QSpinBox()
        self.count.setRange(1, 1000)
        self.count.setValue(60)
        self.count.setToolTip(translate("Activations", "How many examples the heatmap shows"))
        self.unit = QSpinBox()
        self.unit.setRange(0, 0)
        self.unit.setToolTip(translate("Activations", "The unit whose top examples are shown (or click a heatmap column)"))
        top = QHBoxLayout()
        for label, w in ((translate("Activations", "Layer"), self.layer),
                         (translate("Activations", "examples from"), self.first),
                         (translate("Activations", "count"), self.count),
                         (translate("Activations", "unit"), self.unit)):
            top.addWidget(QLabel(label))
            top.addWidget(w)
        top.addStretch(1)
        self.status = QLabel()
        self.status.setWordWrap(True)

        # -- layers tab
        self.heat = _plot(translate("Activations", "examples × units"), translate("Activations", "example"), translate("Activations", "unit"))
        self.heat.invertY(True)
        self.heat_image = pg.ImageItem()
        self.heat_image.setColorMap(pg.colormap.get("viridis"))
        self.heat.addItem(self.heat_image)
        self.heat_image.mouseClickEvent = self._heat_clicked
        self.act_plot = _plot(translate("Activations", "activations a"), translate("Activations", "count"), "a")
        self.grad_plot = _plot(translate("Activations", "log₁₀|dJ/da|"), translate("Activations", "count"), translate("Activations", "log₁₀|g|"))
        self.act_curves = [self.act_plot.plot(stepMode="center", pen=pg.mkPen(c, width=1.5))
                           for c in COLORS]
        self.grad_curves = [self.grad_plot.plot(stepMode="center", pen=pg.mkPen(c, width=1.5))
                            for c in COLORS]
        legend = self.act_plot.addLegend(offset=(-4, 4), labelTextSize="7pt")
        self._legend = legend
        split = QSplitter(Qt.Orientation.Horizontal)
        for w in (self.heat, self.act_plot, self.grad_plot):
            split.addWidget(w)
        layers_tab, self.flags = note_page(split)

        # -- top examples tab
        self.top_plot = _plot(translate("Activations", "the examples that activate the unit most"))
        self.top_plot.setAspectLocked(True)
        self.all_pts = pg.ScatterPlotItem(size=4, brush=pg.mkBrush(170, 170, 170),
                                          pen=None)
        self.top_pts = pg.ScatterPlotItem(size=11, brush=pg.mkBrush(230, 85, 13),
                                          pen=pg.mkPen("k"))
        self.thumbs = pg.ImageItem()
        self.thumbs.setColorMap(pg.colormap.get("CET-L1"))
        for item in (self.all_pts, self.top_pts, self.thumbs):
            self.top_plot.addItem(item)
        top_tab, self.top_text = note_page(self.top_plot)

        # -- activation functions tab
        self.functions = FunctionsView()
        f = self.functions            # its items, by the names the panel's users know
        self.fn, self.fn_plot, self.f_curve, self.df_curve = f.fn, f.plot, f.f_curve, f.df_curve
        self.pre_curve, self.zones, self.fn_text = f.pre_curve, f.zones, f.text

        self.tabs = QTabWidget()
        # stable ids for the example guides' steps (the tab texts are translated)
        layers_tab.setObjectName("activations_layers_tab")
        top_tab.setObjectName("activations_top_tab")
        self.functions.setObjectName("activations_functions_tab")
        self.tabs.addTab(layers_tab, translate("Activations", "Layers"))
        self.tabs.addTab(top_tab, translate("Activations", "Top examples"))
        self.tabs.addTab(self.functions, translate("Activations", "Activation functions"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.status)
        lay.addWidget(self.tabs, 1)
        self.setMinimumSize(400, 240)

        self.source.changed.connect(self._on_changed)
        session.selection_changed.connect(self._on_selection)
        self.layer.currentIndexChanged.connect(lambda _i: self._redraw_choice())
        self.first.valueChanged.connect(lambda _v: self._draw_heat())
        self.count.valueChanged.connect(lambda _v: self._draw_heat())
        self.unit.valueChanged.connect(lambda _v: self._draw_top())
        self._draw_fn()

    # -- data ----------------------------------------------------------------------------------
    def _on_selection(self, ids: list) -> None:
        for i, lay in enumerate(self._layers):
            if ids and lay.nid == ids[0]:
                self.layer.setCurrentIndex(i)
                return

    def current_layer(self) -> st.Layer | None:
        i = self.layer.currentIndex()
        return self._layers[i] if 0 <= i < len(self._layers) else None

    def refresh(self) -> None:
        """One forward and backward pass of the training set, then every view redrawn; a graph
        or data that cannot be shown says why."""
        self._dirty = False
        try:
            self._compute()
        except (ExecutionError, ValueError) as e:
            self.stats, self.capture = [], None
            self._say(error_text(e))
        self._redraw_all()

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _compute(self) -> None:
        g = self.session.graph
        layers = st.layers(g)
        if [l.nid for l in layers] != [l.nid for l in self._layers] or \
                [l.name for l in layers] != [self.layer.itemText(i) for i in range(self.layer.count())]:
            keep = self.current_layer()
            self._layers = layers
            self.layer.blockSignals(True)
            self.layer.clear()
            for l in layers:
                self.layer.addItem(l.name, l.nid)
            ids = [l.nid for l in layers]
            self.layer.setCurrentIndex(ids.index(keep.nid) if keep and keep.nid in ids
                                       else max(0, len(ids) - 2))
            self.layer.blockSignals(False)
        else:
            self._layers = layers
        if not layers:
            raise ValueError(translate("Activations", "This graph has no layers to look inside: add dense layers or "
                             "activation nodes."))
        train, _ = self.source.data()
        if train is None:
            raise ValueError(translate("Activations", "No data loaded: open an example or load a data set to see the "
                             "activations over its training examples."))
        n = self.source.examples_within_budget(len(train), passes=3)   # forward + backward
        if n < len(train):
            train = train.subset(np.arange(n))
        self.train = train
        probe = self.source.probe()
        feeds = {k: v for k, v in train.arrays.items()}
        self.capture = probe.backward(feeds, self.source.weights())
        self.stats = st.layer_stats(self.capture, layers)
        self.update_count += 1
        notes = []
        if self.source.live:
            notes.append(translate("Activations", "live: the running run's current weights"))
        if n < len(self.source.data()[0]):
            notes.append(translate("Activations", "a large network: statistics over the first "
                                   "{n} training examples").format(n=n))
        self._say(translate("Activations", "; ").join(notes))

    # -- drawing -------------------------------------------------------------------------------
    def _redraw_all(self) -> None:
        self._draw_hists()
        self._redraw_choice()

    def _redraw_choice(self) -> None:
        lay = self.current_layer()
        self.unit.setRange(0, max(0, (lay.units if lay else 1) - 1))
        n = len(self.train) if self.train is not None else 0
        self.first.setRange(0, max(0, n - 1))
        self._draw_heat()
        self._draw_top()
        self._draw_fn()

    def _values(self) -> np.ndarray | None:
        lay = self.current_layer()
        if lay is None or self.capture is None or lay.nid not in self.capture.values:
            return None
        a = self.capture.values[lay.nid]
        return a.reshape(len(a), -1)

    def _draw_heat(self) -> None:
        a = self._values()
        if a is None:
            self.heat_image.clear()
            return
        lo = self.first.value()
        block = a[lo:lo + self.count.value()]
        if len(block) == 0:
            self.heat_image.clear()
            return
        self.heat_image.setImage(block, autoLevels=True)
        self.heat_image.setRect(QRectF(-0.5, lo - 0.5, block.shape[1], len(block)))
        self.heat.setRange(xRange=(-0.5, block.shape[1] - 0.5),
                           yRange=(lo - 0.5, lo + len(block) - 0.5), padding=0)
        self.heat.set_title(f"{self.current_layer().name}, #{lo}–{lo + len(block) - 1}",
                            size="8pt", color="#333")

    def _draw_hists(self) -> None:
        names = [s.layer.name for s in self.stats[:MAX_LAYERS]]
        if names != self._legend_names:
            self._legend_names = names
            self._legend.clear()
            for i, name in enumerate(names):
                self._legend.addItem(self.act_curves[i], name)
        for i in range(MAX_LAYERS):
            s = self.stats[i] if i < len(self.stats) else None
            for curve, hist in ((self.act_curves[i], s.act_hist if s else None),
                                (self.grad_curves[i], s.grad_log_hist if s else None)):
                if hist is None:
                    curve.setData([], [])
                else:
                    counts, edges = hist
                    curve.setData(edges, counts)
        lines = []
        for s in self.stats:
            if s.dead:
                lines.append(translate("Activations", "<b>{layer}</b>: dead ReLU units {units} (0 "
                                       "on all {n} training examples: no gradient flows through "
                                       "them)").format(layer=s.layer.name, units=_units(s.dead),
                                                       n=s.n))
            if s.saturated:
                lines.append(translate("Activations", "<b>{layer}</b>: saturated {activation} "
                                       "units {units} (|a| near its limit on most examples: f′ ≈ "
                                       "0, they learn slowly)").format(
                    layer=s.layer.name, activation=s.layer.activation, units=_units(s.saturated)))
        zeros = ", ".join(f"{s.layer.name} {s.zero_frac:.0%}" for s in self.stats
                          if s.zero_frac > 0)
        if zeros:
            lines.append(translate("Activations", "exactly 0 (left out of the histogram): "
                                   "{layers}").format(layers=zeros))
        rms = ", ".join(f"{s.layer.name} {s.grad_rms:.2g}" for s in self.stats
                        if s.grad_rms is not None)
        if rms:
            lines.append(translate("Activations", "gradient RMS per layer: {layers}").format(
                layers=rms))
        if len(self.stats) > MAX_LAYERS:
            lines.append(translate("Activations", "(the histograms show the first {n} "
                                   "layers)").format(n=MAX_LAYERS))
        self.flags.setText("<br>".join(lines) if lines else
                           translate("Activations", "No dead or saturated units."))

    def _heat_clicked(self, ev) -> None:
        a = self._values()
        if a is None:
            return
        u = int(np.floor(ev.pos().x()))      # item coordinates: pixel u spans [u, u + 1)
        if 0 <= u < a.shape[1]:
            self.unit.setValue(u)
            ev.accept()

    def _draw_top(self) -> None:
        a = self._values()
        x = None if self.train is None or "x" not in self.train else np.asarray(self.train["x"])
        if a is None or x is None:
            self.all_pts.setData([], [])
            self._points_of = None
            self.top_pts.setData([], [])
            self.thumbs.clear()
            self.top_text.setText("")
            return
        u = min(self.unit.value(), a.shape[1] - 1)
        idx = st.top_examples(a, u, TOP_K)
        name = self.current_layer().name
        vals = ", ".join(f"#{i} ({a[i, u]:.3g})" for i in idx[:6])
        self.top_text.setText(translate("Activations", "{layer} unit {unit}: top examples "
                                        "{examples}…").format(layer=name, unit=u, examples=vals))
        if x.ndim == 2 and x.shape[1] == 2:
            self.thumbs.clear()
            if self._points_of is not self.train:    # all points change only with the data
                self._points_of = self.train
                self.all_pts.setData(x[:, 0], x[:, 1])
            self.top_pts.setData(x[idx, 0], x[idx, 1])
            self.top_plot.set_title(translate("Activations", "{layer} unit {unit}: the {n} "
                                              "training points that activate it most (orange)"
                                              ).format(layer=name, unit=u, n=len(idx)),
                                    size="8pt", color="#333")
            return
        self.all_pts.setData([], [])
        self._points_of = None
        self.top_pts.setData([], [])
        imgs = x[idx]
        if imgs.ndim == 4:          # (k, C, H, W): the first channel, or the mean of RGB
            imgs = imgs.mean(1) if imgs.shape[1] == 3 else imgs[:, 0]
        if imgs.ndim != 3:
            self.thumbs.clear()
            self.top_plot.set_title(translate("Activations", "{layer} unit {unit}: inputs are "
                                              "not points or images; see the example numbers "
                                              "below").format(layer=name, unit=u),
                                    size="8pt", color="#333")
            return
        h, w = imgs.shape[1:]
        strip = np.full((h, len(imgs) * (w + 1) - 1), np.nan)
        for i, im in enumerate(imgs):
            strip[:, i * (w + 1):i * (w + 1) + w] = im[::-1]
        self.thumbs.setImage(np.nan_to_num(strip, nan=float(np.nanmin(strip))))
        self.top_plot.set_title(translate("Activations", "{layer} unit {unit}: the training "
                                          "images that activate it most, strongest first").format(
            layer=name, unit=u), size="8pt", color="#333")
        self.top_plot.autoRange()

    def _draw_fn(self) -> None:
        lay = self.current_layer()
        self.functions.show(lay, next((s for s in self.stats if lay and s.layer.nid == lay.nid),
                                      None))


def _units(ids: list[int], most: int = 12) -> str:
    text = ", ".join(map(str, ids[:most]))
    more = translate("Activations", " and {n} more").format(n=len(ids) - most)
    return text + (more if len(ids) > most else "")


def install(main_window, session) -> ActivationsPanel:
    panel = ActivationsPanel(session, main_window.training)
    main_window.add_panel(panel, QT_TRANSLATE_NOOP("Panels", "Activations"), "activations_dock",
                          area="bottom")
    return panel


__all__ = ["ActivationsPanel", "install"]
