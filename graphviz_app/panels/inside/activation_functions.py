"""The Activation functions tab: each activation f and its derivative f′, computed by the
engine's own op forward and backward (:func:`engine.inspect.activation_stats.activation_curve`),
with the chosen layer's pre-activation histogram overlaid and the flat (saturated) zones shaded.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from engine.inspect import activation_stats as st
from engine.ops.activations import ACTIVATIONS

from .plots import Plot
from ...i18n import QT_TRANSLATE_NOOP, translate

Z = np.linspace(-5, 5, 401)
Y_RANGE = {"sigmoid": (-0.1, 1.1), "tanh": (-1.1, 1.1), "relu": (-0.3, 3.0),
           "leaky_relu": (-0.3, 3.0), "identity": (-3.0, 3.0)}
SHADED = {"relu": QT_TRANSLATE_NOOP("ActivationFunctions", "z < 0, where ReLU passes no gradient"),
          "sigmoid": QT_TRANSLATE_NOOP("ActivationFunctions",
                                       "|z| > 3.5, where σ is within 0.03 of 0 or 1 and σ′ < 0.03"),
          "tanh": QT_TRANSLATE_NOOP("ActivationFunctions",
                                    "|z| > 2.1, where |tanh| > 0.97 and tanh′ < 0.06")}


class FunctionsView(QWidget):
    """A function chooser ("the layer's own" or any activation) over one plot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layer: st.Layer | None = None
        self._stats: st.LayerStats | None = None
        self._key = None
        self.fn = QComboBox()
        self.fn.addItem(translate("ActivationFunctions", "the layer's own"), "")
        for name in ACTIVATIONS:
            self.fn.addItem(name, name)
        self.plot = Plot()
        self.plot.addLegend(offset=(4, 4), labelTextSize="7pt")
        self.pre_curve = self.plot.plot(stepMode="center", fillLevel=0,
                                        brush=pg.mkBrush(120, 120, 200, 70), pen=None,
                                        name=translate("ActivationFunctions", "pre-activations z (scaled)"))
        self.f_curve = self.plot.plot(pen=pg.mkPen("#1f77b4", width=2), name="f(z)")
        self.df_curve = self.plot.plot(pen=pg.mkPen("#d62728", width=2,
                                                    style=Qt.PenStyle.DashLine), name="f′(z)")
        self.zones = [pg.LinearRegionItem(movable=False, brush=pg.mkBrush(250, 180, 60, 60),
                                          pen=pg.mkPen(None)) for _ in range(2)]
        for zone in self.zones:
            zone.setZValue(-10)
            self.plot.addItem(zone)
        self.plot.setLabel("bottom", "z")
        self.text = QLabel()
        self.text.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(translate("ActivationFunctions", "Function")))
        row.addWidget(self.fn)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(row)
        lay.addWidget(self.plot, 1)
        lay.addWidget(self.text)
        self.fn.currentIndexChanged.connect(lambda _i: self.show(self._layer, self._stats))

    def show(self, layer: st.Layer | None, stats: st.LayerStats | None) -> None:
        """Draw the chosen function (the layer's own by default) and the layer's z histogram."""
        self._layer, self._stats = layer, stats
        name = self.fn.currentData() or (layer.activation if layer else "relu")
        if name != self._key:                       # the curves change only with the function
            self._key = name
            f, df = st.activation_curve(name, Z)
            self.f_curve.setData(Z, f)
            self.df_curve.setData(Z, df)
            spans = st.saturated_zones(name)
            for zone, span in zip(self.zones, spans + [None, None]):
                zone.setVisible(span is not None)
                if span is not None:
                    zone.setRegion((max(span[0], Z[0]), min(span[1], Z[-1])))
            self.plot.setRange(xRange=(Z[0], Z[-1]), yRange=Y_RANGE.get(name, (-1, 1)),
                               padding=0.02)
            self.plot.set_title(translate("ActivationFunctions", "{name}(z) and its derivative, "
                                          "from the engine's forward and backward").format(
                name=name), size="8pt", color="#333")
        own = layer is not None and name == layer.activation
        if own and stats is not None and stats.pre_hist is not None:
            counts, edges = stats.pre_hist
            top = max(1, counts.max()) / (0.8 * Y_RANGE.get(name, (0, 1))[1])
            self.pre_curve.setData(np.clip(edges, Z[0], Z[-1]), counts / top)
            where = translate("ActivationFunctions", "{layer}'s pre-activations z (bars, "
                              "scaled)").format(layer=layer.name)
        else:
            self.pre_curve.setData([], [])
            where = translate("ActivationFunctions", "the chosen layer does not use this function")
        shaded = SHADED.get(name)
        text = translate("ActivationFunctions", "{name}: f solid, f′ dashed; {where}.").format(
            name=name, where=where)
        if shaded:
            text += translate("ActivationFunctions", " Shaded: {zone}.").format(
                zone=translate("ActivationFunctions", shaded))
        self.text.setText(text)


__all__ = ["FunctionsView", "Z"]
