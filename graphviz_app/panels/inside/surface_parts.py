"""Pieces of the Cost surface dock: the undoable (w, b) command, the worker that computes a
surface of any graph off the GUI thread, and one coloured contour plot with its run paths."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QRectF, Signal, Slot
from PySide6.QtGui import QUndoCommand

from engine.inspect import cost_surface as cs

from .plots import Plot

pg.setConfigOptions(imageAxisOrder="row-major", antialias=False)

LEVELS = 12
RUN_COLORS = ["#ffffff", "#ff7f0e", "#e377c2", "#17becf", "#bcbd22", "#d62728"]


class SetEntriesCommand(QUndoCommand):
    """Set two scalar entries of the graph's arrays; undo restores them."""

    def __init__(self, session, entries: list[cs.Entry], values: list[float]) -> None:
        g = session.graph
        super().__init__("Set " + ", ".join(f"{e.label(g)} = {v:.3g}"
                                            for e, v in zip(entries, values)))
        self.session = session
        self.entries = entries
        self.values = [float(v) for v in values]
        self.old = [e.value(g) for e in entries]

    def _apply(self, values: list[float]) -> None:
        g = self.session.graph
        for e, v in zip(self.entries, values):
            arr = g.nodes[e.nid].weights[e.array].copy()
            arr[e.index] = v
            g.set_weights(e.nid, {e.array: arr})

    def redo(self) -> None:
        self._apply(self.values)

    def undo(self) -> None:
        self._apply(self.old)


class SurfaceWorker(QObject):
    """Computes a generic surface in its thread; ``cancel`` only sets a flag."""

    progressed = Signal(int, int)
    finished = Signal(object)      # J (B, A)
    failed = Signal(str)

    def __init__(self, graph, feeds, a, b, as_, bs, weights) -> None:
        super().__init__()
        self.args = (graph, feeds, a, b, as_, bs, weights)
        self.cancelled = False

    @Slot()
    def run(self) -> None:
        graph, feeds, a, b, as_, bs, weights = self.args
        try:
            J = cs.generic_surface(graph, feeds, a, b, as_, bs, weights,
                                   should_stop=lambda: self.cancelled,
                                   progress=lambda i, n: self.progressed.emit(i, n))
        except Exception as e:  # noqa: BLE001 - a failing graph is reported, never raised into Qt
            self.failed.emit(f"Cannot compute the surface: {e}")
            return
        self.finished.emit(J)


class SurfacePlot:
    """One coloured contour plot: image, contour lines, run paths and the current point."""

    def __init__(self, title: str) -> None:
        self.widget = Plot()
        self.widget.setTitle(title, size="8pt", color="#333")
        self.image = pg.ImageItem()
        self.image.setColorMap(pg.colormap.get("viridis"))
        self.widget.addItem(self.image)
        self.contours = [pg.IsocurveItem(level=0, pen=pg.mkPen(255, 255, 255, 150))
                         for _ in range(LEVELS)]
        for c in self.contours:
            c.setParentItem(self.image)
        self.paths = [self.widget.plot(pen=pg.mkPen(col, width=2), symbol="o", symbolSize=3,
                                       symbolBrush=col, symbolPen=None) for col in RUN_COLORS]
        self.point = pg.ScatterPlotItem(size=14, symbol="star", brush=pg.mkBrush("#ff3030"),
                                        pen=pg.mkPen("k"))
        self.widget.addItem(self.point)

    def show(self, J: np.ndarray, as_: np.ndarray, bs: np.ndarray) -> None:
        finite = J[np.isfinite(J)]
        if finite.size == 0:
            self.image.clear()
            return
        shown = np.log10(J - finite.min() + 1e-3)        # log scale: the floor and the walls
        shown[~np.isfinite(shown)] = np.nanmax(shown[np.isfinite(shown)]) if \
            np.isfinite(shown).any() else 0
        self.image.setImage(shown, autoLevels=True)
        self.image.setRect(QRectF(as_[0], bs[0], as_[-1] - as_[0], bs[-1] - bs[0]))
        lo, hi = float(shown.min()), float(shown.max())
        for k, c in enumerate(self.contours):
            c.setData(shown)
            c.setLevel(lo + (hi - lo) * (k + 0.5) / LEVELS)
        self.widget.setRange(xRange=(as_[0], as_[-1]), yRange=(bs[0], bs[-1]), padding=0)


__all__ = ["SetEntriesCommand", "SurfaceWorker", "SurfacePlot", "LEVELS", "RUN_COLORS"]
