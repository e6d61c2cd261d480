"""The Loss curves panel's figure for graphs with several loss heads summed into the cost.

The cost curve shows J, all heads together, and a run's single accuracy would be the last
head's only. For such a run the accuracy plot shows one curve per head instead (solid: train,
dashed: dev), each named at its end, and a line under the plots gives every head's latest cost
and accuracy. The numbers come from the trainer (:mod:`engine.inspect.loss_heads`); this only
draws them. Items are created once per head and updated with ``setData``.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from engine.inspect.loss_heads import HeadHistory, latest

from ...i18n import translate

HEAD_COLORS = ["#2ca02c", "#ff7f0e", "#1f77b4", "#d62728", "#9467bd", "#17becf", "#8c564b",
               "#e377c2"]


class HeadCurves:
    """One run's per-head accuracy curves in ``plot``, with a name at each curve's end."""

    def __init__(self, plot: pg.PlotItem, heads: HeadHistory) -> None:
        self.plot = plot
        self.curves: dict[str, tuple[pg.PlotDataItem, pg.PlotDataItem, pg.TextItem]] = {}
        for i, label in enumerate(heads):
            c = pg.mkColor(HEAD_COLORS[i % len(HEAD_COLORS)])
            train = plot.plot(pen=pg.mkPen(c, width=2), name=label)
            dev = plot.plot(pen=pg.mkPen(c, width=2, style=Qt.PenStyle.DashLine))
            text = pg.TextItem(label, color=c, anchor=(1, 1))
            plot.addItem(text)
            self.curves[label] = (train, dev, text)

    def update(self, x: np.ndarray, heads: HeadHistory) -> None:
        """Put each head's epoch accuracies at epochs (or iterations) ``x``."""
        for label, (train, dev, text) in self.curves.items():
            lists = heads.get(label)
            if lists is None:
                continue
            acc = np.asarray(lists["train_accuracy"], dtype=float)
            n = min(len(x), len(acc))
            train.setData(x[:n], acc[:n], connect="finite")
            dev.setData(x[:n], np.asarray(lists["dev_accuracy"], dtype=float)[:n],
                        connect="finite")
            if n and math.isfinite(acc[n - 1]):
                text.setPos(float(x[n - 1]), float(acc[n - 1]))
                text.setVisible(True)
            else:
                text.setVisible(False)

    def items(self) -> list:
        return [item for triple in self.curves.values() for item in triple]

    def set_visible(self, on: bool) -> None:
        for item in self.items():
            item.setVisible(on)

    def remove(self) -> None:
        for item in self.items():
            self.plot.removeItem(item)

    def points(self) -> dict[str, int]:
        """Points drawn per head's train curve (for tests)."""
        return {label: len(train.getData()[0] if train.getData()[0] is not None else [])
                for label, (train, _, _) in self.curves.items()}


def summary(heads: HeadHistory) -> str:
    """One line per head: its label, latest cost and accuracy (train, and dev when there is)."""
    parts = []
    for label, cost, acc, dev_cost, dev_acc in latest(heads):
        text = translate("LossPanel", "<b>{head}</b>: cost {cost}, accuracy {acc}").format(
            head=label, cost=_num(cost), acc=_pct(acc))
        if math.isfinite(dev_cost):
            text += translate("LossPanel", " (dev: cost {cost}, accuracy {acc})").format(
                cost=_num(dev_cost), acc=_pct(dev_acc))
        parts.append(text)
    return " · ".join(parts)


def _num(v: float) -> str:
    return f"{v:.3g}" if math.isfinite(v) else "–"


def _pct(v: float) -> str:
    return f"{100 * v:.1f}%" if math.isfinite(v) else "–"
