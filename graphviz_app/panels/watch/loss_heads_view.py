"""The Loss curves panel's figure for graphs with several loss heads summed into the cost.

The cost curve shows J, all heads together, and a run's single accuracy would be the last
head's only. For such a run the accuracy plot shows one curve per head instead (solid: train,
dashed: dev), and under the plots a line per head, its name in its curve's colour, gives its
latest cost and accuracy. The numbers come from the trainer (:mod:`engine.inspect.loss_heads`); this only
draws them. Items are created once per head and updated with ``setData``.
"""
from __future__ import annotations

import html
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from engine.inspect.loss_diagnosis import diagnose, verdict_text
from engine.inspect.loss_heads import HeadHistory, latest
from engine.training import History

from ...i18n import render, translate

HEAD_COLORS = ["#2ca02c", "#ff7f0e", "#1f77b4", "#d62728", "#9467bd", "#17becf", "#8c564b",
               "#e377c2"]


class HeadCurves:
    """One run's per-head accuracy curves in ``plot``, one colour per head."""

    def __init__(self, plot: pg.PlotItem, heads: HeadHistory) -> None:
        self.plot = plot
        self.curves: dict[str, tuple[pg.PlotDataItem, pg.PlotDataItem]] = {}
        self.colors: dict[str, str] = {}
        for i, label in enumerate(heads):
            color = self.colors[label] = HEAD_COLORS[i % len(HEAD_COLORS)]
            c = pg.mkColor(color)
            train = plot.plot(pen=pg.mkPen(c, width=2), name=label)
            dev = plot.plot(pen=pg.mkPen(c, width=2, style=Qt.PenStyle.DashLine))
            self.curves[label] = (train, dev)

    def update(self, x: np.ndarray, heads: HeadHistory) -> None:
        """Put each head's epoch accuracies at epochs (or iterations) ``x``."""
        for label, (train, dev) in self.curves.items():
            lists = heads.get(label)
            if lists is None:
                continue
            acc = np.asarray(lists["train_accuracy"], dtype=float)
            n = min(len(x), len(acc))
            train.setData(x[:n], acc[:n], connect="finite")
            dev.setData(x[:n], np.asarray(lists["dev_accuracy"], dtype=float)[:n],
                        connect="finite")

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
                for label, (train, _) in self.curves.items()}


def head_history(history: History, label: str) -> History:
    """The epoch curves of one head as a History of its own (for its bias/variance verdict)."""
    lists = history.heads[label]
    return History([], [], list(history.epochs), list(history.epoch_iteration),
                   list(lists["train_cost"]), list(lists["train_accuracy"]),
                   list(lists["dev_cost"]), list(lists["dev_accuracy"]))


def verdicts(history: History, dev_name: str = "") -> dict[str, str]:
    """Each head's bias/variance verdict ("high bias", "neither", ...), by label."""
    return {label: diagnose(head_history(history, label), dev_name=dev_name)[0]
            for label in history.heads}


def summary(heads: HeadHistory, colors: dict[str, str] | None = None,
            verdict: dict[str, str] | None = None) -> str:
    """One line per head: its label, latest cost and accuracy (train, and dev when there is),
    and its verdict when given; rich text."""
    parts = []
    for label, cost, acc, dev_cost, dev_acc in latest(heads):
        name = html.escape(label)
        if colors and label in colors:
            name = f"<span style='color:{colors[label]}'>{name}</span>"
        text = translate("LossPanel", "<b>{head}</b>: cost {cost}, accuracy {acc}").format(
            head=name, cost=_num(cost), acc=_pct(acc))
        if math.isfinite(dev_cost):
            text += translate("LossPanel", " (dev: {cost}, {acc})").format(
                cost=_num(dev_cost), acc=_pct(dev_acc))
        if verdict and verdict.get(label):
            text += f" — <i>{html.escape(render(verdict_text(verdict[label])))}</i>"
        parts.append(text)
    return "<br>".join(parts)


def _num(v: float) -> str:
    return f"{v:.3g}" if math.isfinite(v) else "–"


def _pct(v: float) -> str:
    return f"{100 * v:.1f}%" if math.isfinite(v) else "–"
