"""The Hidden units dock (idea 1): after training the House prices example, how each hidden unit
correlates with each latent factor the data was generated from (family size, walkability,
school quality), with each unit's strongest factor highlighted.

The numbers come from :func:`engine.inspect.correlations.correlations` over one forward pass
of the session's data; the table follows the selected layer and training runs live.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from engine.executor import ExecutionError
from engine.inspect import activation_stats as st
from engine.inspect.correlations import correlations, strongest

from .live import LiveSource, ShownPanel
from ...i18n import error_text, translate


def _shade(r: float) -> QColor:
    """White at 0, red toward +1, blue toward −1."""
    if not np.isfinite(r):
        return QColor(235, 235, 235)
    t = min(1.0, abs(r))
    base = (214, 39, 40) if r > 0 else (31, 119, 180)
    return QColor(*(int(255 - t * 0.75 * (255 - c)) for c in base))


class HiddenUnitsPanel(ShownPanel):
    """A units × latent factors table of correlations."""

    def __init__(self, session, training=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.source = LiveSource(session, training, rate=4.0, parent=self)
        self.r: np.ndarray | None = None
        self.best: np.ndarray | None = None
        self._layers: list[st.Layer] = []
        self._dirty = True
        self.layer = QComboBox()
        self.layer.setToolTip(translate("HiddenUnits", "The hidden layer whose units are compared with the factors "
                              "(follows the selection on the canvas)"))
        row = QHBoxLayout()
        row.addWidget(QLabel(translate("HiddenUnits", "Layer")))
        row.addWidget(self.layer)
        row.addStretch(1)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(row)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.note)
        self.setMinimumSize(300, 220)
        self.source.changed.connect(self._on_changed)
        session.selection_changed.connect(self._on_selection)
        self.layer.currentIndexChanged.connect(lambda _i: self.refresh())

    def _on_selection(self, ids: list) -> None:
        for i, l in enumerate(self._layers):
            if ids and l.nid == ids[0]:
                self.layer.setCurrentIndex(i)

    def _fill_layers(self) -> None:
        layers = st.layers(self.session.graph)
        if [l.nid for l in layers] == [l.nid for l in self._layers]:
            return
        self._layers = layers
        self.layer.blockSignals(True)
        self.layer.clear()
        for l in layers:
            self.layer.addItem(translate("HiddenUnits", "{layer} ({n} units, {activation})").format(
                layer=l.name, n=l.units, activation=l.activation), l.nid)
        self.layer.setCurrentIndex(0)
        self.layer.blockSignals(False)

    def refresh(self) -> None:
        self._dirty = False
        self._fill_layers()
        try:
            self._compute()
        except (ExecutionError, ValueError) as e:
            self.r = self.best = None
            self.table.clear()
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self.note.setText(error_text(e))

    def _compute(self) -> None:
        ds = self.session.dataset
        if ds is None or "latent" not in ds:
            raise ValueError(translate("HiddenUnits", "This table needs data generated from known hidden factors: open "
                             "the House prices example (Examples menu), train it, and see which "
                             "factor each hidden unit has come to stand for."))
        i = self.layer.currentIndex()
        if not 0 <= i < len(self._layers):
            raise ValueError(translate("HiddenUnits", "The graph has no hidden layer to compare with the factors."))
        lay = self._layers[i]
        probe = self.source.probe()
        n = self.source.examples_within_budget(len(ds))
        if n < len(ds):
            ds = ds.subset(np.arange(n))
        feeds = {k: v for k, v in ds.arrays.items() if k != "latent"}
        a = probe.forward(feeds, [lay.nid], self.source.weights()).values[lay.nid]
        a = a.reshape(len(a), -1)
        latent = np.asarray(ds["latent"])
        names = list(ds.meta.get("latent_names") or
                     [translate("HiddenUnits", "factor {n}").format(n=j)
                      for j in range(latent.shape[1])])
        self.r = r = correlations(a, latent)
        self.best = best = strongest(r)
        self._draw(lay, r, best, [factor_label(n) for n in names], len(a))

    def _draw(self, lay: st.Layer, r: np.ndarray, best: np.ndarray, names: list[str],
              n: int) -> None:
        t = self.table
        t.clear()
        t.setRowCount(r.shape[0])
        t.setColumnCount(r.shape[1] + 1)
        t.setHorizontalHeaderLabels([n.replace(" ", "\n") for n in names]
                                    + [translate("HiddenUnits", "strongest")])
        t.setVerticalHeaderLabels([translate("HiddenUnits", "unit {n}").format(n=u)
                                   for u in range(r.shape[0])])
        bold = QFont()
        bold.setBold(True)
        for u in range(r.shape[0]):
            for j in range(r.shape[1]):
                v = r[u, j]
                item = QTableWidgetItem("—" if not np.isfinite(v) else f"{v:+.2f}")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setBackground(QBrush(_shade(v)))
                item.setForeground(QBrush(QColor(0, 0, 0)))
                if j == best[u]:
                    item.setFont(bold)
                    item.setText(f"▶ {v:+.2f}")
                t.setItem(u, j, item)
            label = translate("HiddenUnits", "dead: constant on every example") if best[u] < 0 \
                else names[best[u]]
            t.setItem(u, r.shape[1], QTableWidgetItem(label))
        live = translate("HiddenUnits", " Live: the running run's current weights.") \
            if self.source.live else ""
        self.note.setText(translate(
            "HiddenUnits", "Pearson correlation of each unit of {layer} with each hidden factor, "
            "over {n} houses. Nobody told the network about these factors; after training, units "
            "tend to track one of them (▶ marks each unit's strongest). Before training the "
            "correlations are accidents of the random weights.").format(layer=lay.name, n=n)
            + live)


FACTOR_LABELS = {"family_size": QT_TRANSLATE_NOOP("HiddenUnits", "family size"),
                 "walkability": QT_TRANSLATE_NOOP("HiddenUnits", "walkability"),
                 "school_quality": QT_TRANSLATE_NOOP("HiddenUnits", "school quality")}
"""The house-price data's hidden factors (engine.datasets.HOUSING_LATENT) as the table names
them."""


def factor_label(name: str) -> str:
    """A hidden factor's column name: ours in the user's language, others with spaces."""
    if name in FACTOR_LABELS:
        return translate("HiddenUnits", FACTOR_LABELS[name])
    return name.replace("_", " ")


def install(main_window, session) -> HiddenUnitsPanel:
    panel = HiddenUnitsPanel(session, main_window.training)
    main_window.add_panel(panel, QT_TRANSLATE_NOOP("Panels", "Hidden units"), "hidden_units_dock",
                          area="right")
    return panel


__all__ = ["HiddenUnitsPanel", "install"]
