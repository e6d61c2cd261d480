"""A 3-D view of a cost surface J over two entries: depth-sorted quads coloured by J, each
run's path lying on it, the current point; drag to turn it, the wheel to zoom.

The picture is our own projection (:mod:`engine.inspect.surface3d`) painted with QPainter, so it
needs no 3-D library. Where OpenGL works, the canvas is a QOpenGLWidget (QPainter then paints
through OpenGL); where it does not (the offscreen and minimal platforms of tests and
screenshots, remote sessions without GL), a plain QWidget paints the same picture in software.
:func:`opengl_works` decides that before any OpenGL object is made, and never tries on a
platform known to have no OpenGL.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QVBoxLayout, QWidget

from engine.inspect import surface3d as s3

from ...i18n import translate

NO_GL_PLATFORMS = ("offscreen", "minimal", "minimalegl", "vnc", "linuxfb")
_PROBED: list[bool] = []
_LUT = [QColor(*map(int, c[:3])) for c in pg.colormap.get("viridis").getLookupTable(nPts=256)]
_PENS = [QPen(c.darker(115)) for c in _LUT]
_BRUSHES = [QBrush(c) for c in _LUT]


def opengl_works() -> bool:
    """True when an OpenGL context can be created and made current here (asked once)."""
    if _PROBED:
        return _PROBED[0]
    ok = False
    if QGuiApplication.instance() is not None and \
            QGuiApplication.platformName() not in NO_GL_PLATFORMS:
        from PySide6.QtGui import QOffscreenSurface, QOpenGLContext
        ctx = QOpenGLContext()
        if ctx.create():
            surface = QOffscreenSurface()
            surface.create()
            ok = bool(surface.isValid() and ctx.makeCurrent(surface))
            if ok:
                ctx.doneCurrent()
    _PROBED.append(ok)
    return ok


class SurfaceDrawing:
    """What the 3-D view shows and how it is turned; ``paint`` draws it in any paint device."""

    def __init__(self, title: str, update, moved=None) -> None:
        self.title = title
        self.update = update             # asks the canvas to repaint
        self.moved = moved               # told (yaw, elevation, zoom) when the user turns it
        self.yaw, self.elevation, self.zoom = -35.0, 30.0, 1.3
        self.J: np.ndarray | None = None
        self.grid: tuple[np.ndarray, np.ndarray] | None = None
        self.paths: list[tuple[np.ndarray, str]] = []
        self.point: tuple[float, float] | None = None
        self.labels = ("a", "b")
        self.last_quads = 0
        self.drawn_with = "drawn in software (no OpenGL here)"

    def set_surface(self, J: np.ndarray, as_: np.ndarray, bs: np.ndarray, title: str,
                    labels: tuple[str, str]) -> None:
        self.J, a, b = s3.downsample(np.asarray(J, float), as_, bs)
        self.grid, self.title, self.labels = (a, b), title, labels
        self.update()

    def clear(self) -> None:
        self.J = self.grid = None
        self.update()

    def turn(self, dx: float, dy: float) -> None:
        self.set_camera((self.yaw + 0.5 * dx) % 360, self.elevation + 0.5 * dy, self.zoom, True)

    def zoom_by(self, steps: float) -> None:
        self.set_camera(self.yaw, self.elevation, self.zoom * 1.15 ** steps, True)

    def set_camera(self, yaw: float, elevation: float, zoom: float, by_user: bool = False
                   ) -> None:
        """Turn to ``yaw``, tilt to ``elevation`` (5° to 90°), zoom to ``zoom`` (0.3 to 6)."""
        self.yaw = float(yaw)
        self.elevation = float(np.clip(elevation, 5.0, 90.0))
        self.zoom = float(np.clip(zoom, 0.3, 6.0))
        self.update()
        if by_user and self.moved is not None:
            self.moved(self.yaw, self.elevation, self.zoom)

    def paint(self, p: QPainter, w: int, h: int) -> None:
        p.fillRect(0, 0, w, h, QColor("white"))
        p.setPen(QColor("#333"))
        p.drawText(QRectF(4, 2, w - 8, 16), Qt.AlignmentFlag.AlignLeft, self.title)
        if self.J is None or self.grid is None:
            p.drawText(QRectF(0, 0, w, h), Qt.AlignmentFlag.AlignCenter,
                       translate("CostSurface", "No surface yet"))
            return
        as_, bs = self.grid
        R = s3.camera(self.yaw, self.elevation)
        top, H = 18, max(h - 18, 1)
        P = s3.surface_points(self.J, as_, bs)
        xy, t = s3.project(P, R, self.zoom, w, H)
        xy[..., 1] += top
        polys, vals = s3.quads(xy, t, self.J)
        finite = vals[np.isfinite(vals)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        idx = np.clip(((vals - lo) / ((hi - lo) or 1.0) * 255).astype(int), 0, 255)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        self._axes(p, R, w, H, top, lines=True)
        last = -1
        for poly, k in zip(polys.tolist(), idx.tolist()):
            if k != last:                       # neighbours often share a colour
                p.setPen(_PENS[k])
                p.setBrush(_BRUSHES[k])
                last = k
            p.drawConvexPolygon([QPointF(x, y) for x, y in poly])
        self.last_quads = len(polys)
        self._axes(p, R, w, H, top, lines=False)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for path, colour in self.paths:
            if len(path) < 1:
                continue
            pts = s3.path_points(path, self.J, as_, bs)
            pts = pts[np.isfinite(pts).all(axis=1)]    # not over cells left uncomputed
            if len(pts) == 0:
                continue
            pts[:, 2] += 0.01                          # just above the surface
            pxy, _ = s3.project(pts, R, self.zoom, w, H)
            pxy[:, 1] += top
            p.setPen(QPen(QColor(colour), 2))
            p.drawPolyline(QPolygonF([QPointF(x, y) for x, y in pxy.tolist()]))
        if self.point is not None:
            q = s3.path_points(np.array([self.point]), self.J, as_, bs)
            qxy, _ = s3.project(q, R, self.zoom, w, H)
        if self.point is not None and np.isfinite(qxy).all():
            p.setPen(QPen(QColor("black"), 1))
            p.setBrush(QColor("#ff3030"))
            p.drawEllipse(QPointF(qxy[0, 0], qxy[0, 1] + top), 5, 5)
        p.setPen(QColor("#666"))
        hint = p.fontMetrics().elidedText(
            "drag: turn · wheel: zoom · height and colour: J · " + self.drawn_with,
            Qt.TextElideMode.ElideRight, w - 8)
        p.drawText(QRectF(4, h - 16, w - 8, 14), Qt.AlignmentFlag.AlignRight, hint)

    def _axes(self, p: QPainter, R: np.ndarray, w: int, H: int, top: int, lines: bool
              ) -> None:
        """The box's three edges from its (−1, −1, bottom) corner: the lines (drawn before the
        quads, so the surface hides them where it is in front), or their names (after)."""
        base = np.array([[-1, -1, -0.5], [1, -1, -0.5], [-1, 1, -0.5], [-1, -1, 0.5]], float)
        xy, _ = s3.project(base, R, self.zoom, w, H)
        xy[:, 1] += top
        p.setPen(QPen(QColor("#444"), 1))
        for end, text in zip((1, 2, 3), (self.labels[0], self.labels[1], "J")):
            if lines:
                p.drawLine(QPointF(*xy[0]), QPointF(*xy[end]))
            else:
                p.drawText(QPointF(*xy[end]) + QPointF(3, -3), text)


class _Canvas(QWidget):
    """Software canvas: QPainter on a plain widget."""

    def __init__(self, view: "Surface3DView") -> None:
        super().__init__(view)
        self.view = view
        self._last: QPointF | None = None

    def paintEvent(self, _ev) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        self.view.drawing.paint(p, self.width(), self.height())
        p.end()

    def mousePressEvent(self, ev) -> None:  # noqa: N802
        self._last = ev.position()

    def mouseMoveEvent(self, ev) -> None:  # noqa: N802
        if self._last is not None:
            d = ev.position() - self._last
            self._last = ev.position()
            self.view.drawing.turn(d.x(), d.y())

    def mouseReleaseEvent(self, _ev) -> None:  # noqa: N802
        self._last = None

    def wheelEvent(self, ev) -> None:  # noqa: N802
        self.view.drawing.zoom_by(ev.angleDelta().y() / 120.0)


def _gl_canvas_class():
    """A QOpenGLWidget with the same painting and handling (imported only when GL works). It
    paints in ``paintGL``: QOpenGLWidget's own paintEvent calls it with its context current."""
    from PySide6.QtOpenGLWidgets import QOpenGLWidget

    class GLCanvas(QOpenGLWidget):
        def __init__(self, view: "Surface3DView") -> None:
            super().__init__(view)
            self.view = view
            self._last = None

        def paintGL(self) -> None:  # noqa: N802 - Qt's name; QPainter paints through GL
            p = QPainter(self)
            self.view.drawing.paint(p, self.width(), self.height())
            p.end()

        mousePressEvent = _Canvas.mousePressEvent
        mouseMoveEvent = _Canvas.mouseMoveEvent
        mouseReleaseEvent = _Canvas.mouseReleaseEvent
        wheelEvent = _Canvas.wheelEvent

    return GLCanvas


class Surface3DView(QWidget):
    """The 3-D view of one surface; its canvas uses OpenGL when :func:`opengl_works`.
    ``camera_moved`` (yaw, elevation, zoom) when the user turns or zooms it."""

    camera_moved = Signal(float, float, float)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.drawing = SurfaceDrawing(title, self._repaint, self.camera_moved.emit)
        self.uses_opengl = opengl_works()
        self.canvas = (_gl_canvas_class() if self.uses_opengl else _Canvas)(self)
        if self.uses_opengl:
            self.drawing.drawn_with = "drawn with OpenGL"
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.canvas)

    def _repaint(self) -> None:
        self.canvas.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(280, 200)


__all__ = ["Surface3DView", "SurfaceDrawing", "opengl_works", "NO_GL_PLATFORMS"]
