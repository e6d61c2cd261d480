"""Pieces of the Cost surface dock: the undoable (w, b) command, the worker that computes a
surface of any graph off the GUI thread (in one batched pass where it can), and one coloured
contour plot with its run paths."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QRectF, Signal, Slot
from PySide6.QtGui import QUndoCommand

from engine.inspect import cost_surface as cs
from engine.inspect import cost_surface_batched as csb

from .plots import Plot
from ...i18n import error_text, translate

pg.setConfigOptions(imageAxisOrder="row-major", antialias=False)

LEVELS = 12
CONTOUR_RES = 100       # contour lines are traced in Python: on at most this many points a side
BATCHED_RES = 50        # grid points a side in one batched pass
SLOW_RES = 25           # a side when each point is its own forward pass
LEAST_RES = 15          # the fewest a side a batched pass gives a big network
RUN_COLORS = ["#ffffff", "#ff7f0e", "#e377c2", "#17becf", "#bcbd22", "#d62728"]


class SetEntriesCommand(QUndoCommand):
    """Set two scalar entries of the graph's arrays; undo restores them."""

    def __init__(self, session, entries: list[cs.Entry], values: list[float]) -> None:
        g = session.graph
        super().__init__(translate("CostSurface", "Set {entries}").format(entries=", ".join(
            f"{e.label(g)} = {v:.3g}" for e, v in zip(entries, values))))
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
    """Computes a generic surface in its thread; ``cancelled`` is only a flag.

    One batched pass over a BATCHED_RES × BATCHED_RES grid when the graph allows it
    (:class:`engine.inspect.cost_surface_batched.BatchedSurface`); otherwise, with the reason
    said, one forward pass per point of a SLOW_RES × SLOW_RES grid."""

    progressed = Signal(int, int)
    finished = Signal(object, object, object, str)      # J (B, A), as_ (A,), bs (B,), how
    failed = Signal(str)

    def __init__(self, graph, feeds, a, b, half, weights) -> None:
        super().__init__()
        self.args = (graph, feeds, a, b, np.asarray(half, float), weights)
        self.cancelled = False

    @Slot()
    def run(self) -> None:
        graph, feeds, a, b, half, weights = self.args
        stop = lambda: self.cancelled          # noqa: E731
        report = lambda i, n: self.progressed.emit(i, n)   # noqa: E731
        try:
            as_, bs = grid(half, BATCHED_RES)
            try:
                plan = csb.BatchedSurface(graph, feeds, a, b, as_, bs, weights)
            except csb.SurfaceRefused as why:
                as_, bs = grid(half, SLOW_RES)
                how = translate("CostSurface", "Point by point ({n}×{n} forward passes), because "
                                "one batched pass does not apply: {why}.").format(
                    n=SLOW_RES, why=error_text(why))
                J = cs.generic_surface(graph, feeds, a, b, as_, bs, weights, stop, report)
            else:
                n = csb.fit_resolution(plan.work_per_point, BATCHED_RES, LEAST_RES)
                if n < BATCHED_RES:                      # a big network: fewer points
                    as_, bs = grid(half, n)
                    plan = csb.BatchedSurface(graph, feeds, a, b, as_, bs, weights)
                how = translate("CostSurface", "One batched pass: {n}×{n} grid points × {b} "
                                "examples.").format(n=n, b=plan.B)
                J = plan.run(stop, report)
        except Exception as e:  # noqa: BLE001 - a failing graph is reported, never raised into Qt
            self.failed.emit(translate("CostSurface", "Cannot compute the surface: {error}").format(error=error_text(e)))
            return
        self.finished.emit(J, as_, bs, how)


def grid(half: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """n values over [−half[k], half[k]] for each of the two axes."""
    return np.linspace(-half[0], half[0], n), np.linspace(-half[1], half[1], n)


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
        step = max(1, -(-max(shown.shape) // CONTOUR_RES))   # lines traced on ≤ 100 × 100
        coarse = shown[::step, ::step]
        for k, c in enumerate(self.contours):
            c.setData(coarse, level=lo + (hi - lo) * (k + 0.5) / LEVELS)
            c.setScale(step)
        self.widget.setRange(xRange=(as_[0], as_[-1]), yRange=(bs[0], bs[-1]), padding=0)


__all__ = ["SetEntriesCommand", "SurfaceWorker", "SurfacePlot", "grid", "LEVELS", "RUN_COLORS",
           "BATCHED_RES", "SLOW_RES"]
