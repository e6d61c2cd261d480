"""The Cost surface dock's two ways of drawing: contour plots side by side, or the same
surfaces in 3-D (:mod:`.cost_surface_3d`), one page each of a stack, kept in step.

Both pages show the same surfaces, the current point and the runs' paths; the two 3-D views
turn together. A left click on a contour plot says where, in the plot's coordinates.
"""
from __future__ import annotations

import re

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QWidget

from .cost_surface_3d import Surface3DView
from .surface_parts import RUN_COLORS, SurfacePlot

CONTOURS, SURFACE_3D = 0, 1
"""The pages of the stack."""


def plain(html: str) -> str:
    """A plot title's text without its markup."""
    return re.sub(r"<[^>]+>", "", html)


class SurfaceViews(QStackedWidget):
    """One contour plot and one 3-D view per surface (two: the second is shown only beside a
    first, for logistic regression). ``clicked(a, b)``: a left click on a contour plot, at
    (a, b) in its axes' coordinates."""

    clicked = Signal(float, float)

    def __init__(self, titles: tuple[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plots = [SurfacePlot(t) for t in titles]
        flat, solid = QWidget(), QWidget()
        plots, views = QHBoxLayout(flat), QHBoxLayout(solid)
        for lay in (plots, views):
            lay.setContentsMargins(0, 0, 0, 0)
        for p in self.plots:
            plots.addWidget(p.widget)
            p.widget.scene().sigMouseClicked.connect(
                lambda ev, p=p: self._on_click(ev, p))
        self.views = [Surface3DView(plain(p.widget.getPlotItem().titleLabel.text))
                      for p in self.plots]
        for v in self.views:
            views.addWidget(v)
        for v, other in zip(self.views, self.views[::-1]):   # turn both surfaces together
            v.camera_moved.connect(other.drawing.set_camera)
        self.addWidget(flat)
        self.addWidget(solid)

    def _on_click(self, ev, plot: SurfacePlot) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            return
        vb = plot.widget.getPlotItem().vb
        if not vb.sceneBoundingRect().contains(ev.scenePos()):
            return
        p = vb.mapSceneToView(ev.scenePos())
        self.clicked.emit(float(p.x()), float(p.y()))

    def show_second(self, shown: bool) -> None:
        """Show or hide the second surface (its plot and its 3-D view)."""
        self.plots[1].widget.setVisible(shown)
        self.views[1].setVisible(shown)

    def clear_3d(self) -> None:
        """Forget the surfaces the 3-D views hold (new axes, a new graph)."""
        for v in self.views:
            v.drawing.clear()

    def draw_point(self, p: tuple[float, float]) -> None:
        """Mark the current point (a, b) on every plot and view."""
        for plot in self.plots:
            plot.point.setData([p[0]], [p[1]])
        for v in self.views:
            v.drawing.point = p
            v.drawing.update()

    def draw_paths(self, paths: list[list[tuple[float, float]]]) -> None:
        """Draw the runs' paths (oldest first, at most one per colour of RUN_COLORS), each a
        list of (a, b) points; an empty path draws nothing."""
        for plot in self.plots:
            for k, item in enumerate(plot.paths):
                if k < len(paths) and paths[k]:
                    pts = np.array(paths[k])
                    item.setData(pts[:, 0], pts[:, 1])
                else:
                    item.setData([], [])
        for v in self.views:
            v.drawing.paths = [(np.array(path), RUN_COLORS[k])
                               for k, path in enumerate(paths) if path]
            v.drawing.update()

    def sync_3d(self, grid: tuple[np.ndarray, np.ndarray] | None,
                surfaces: list[np.ndarray], labels: tuple[str, str]) -> None:
        """Give the 3-D views the surfaces on show, J (len(bs), len(as_)) over ``grid``
        (as_, bs), titled as their plots, only while they are the page in front."""
        if self.currentIndex() != SURFACE_3D or grid is None:
            return
        as_, bs = grid
        for view, plot, J in zip(self.views, self.plots, surfaces):
            title = plot.widget.getPlotItem().titleLabel.text
            view.drawing.set_surface(J, as_, bs, plain(title), labels)


__all__ = ["SurfaceViews", "plain", "CONTOURS", "SURFACE_3D"]
