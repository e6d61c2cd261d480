"""A wire from a node's output port to another node's input port: a cubic curve, or a path
around the nodes in its way (the scene's router, :func:`graphviz_app.canvas.routing.route`).

It can be highlighted by the player ('read', 'write', 'grad'), carry a small badge at its
middle (e.g. "broadcast 3→Nx3") and turns red when the input it feeds has a shape error.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSimpleTextItem, QStyleOptionGraphicsItem

from .routing import cubic_bounds, wire_path
from .text import brush, font

if TYPE_CHECKING:  # pragma: no cover
    from .theme import Theme

HIGHLIGHTS = (None, "read", "write", "grad")
# (output point, input point, bounds of the plain curve, edge) -> path, None for the plain curve
Router = Callable[[QPointF, QPointF, QRectF, "EdgeItem"], "QPainterPath | None"]


class BadgeItem(QGraphicsSimpleTextItem):
    """Small text on a filled rounded rectangle."""

    def __init__(self, parent: QGraphicsItem | None, theme: "Theme") -> None:
        super().__init__(parent)
        self.theme = theme
        self.fill: QColor | None = None    # None: the theme's badge colour
        self.setFont(font("small")[0])
        self.setBrush(brush(theme.text))
        self.setZValue(3)

    def boundingRect(self) -> QRectF:
        return super().boundingRect().adjusted(-4, -2, 4, 2)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        painter.setPen(QPen(self.theme.node_border, 1.0))
        painter.setBrush(brush(self.fill or self.theme.badge_fill))
        painter.drawRoundedRect(self.boundingRect(), 4, 4)
        super().paint(painter, option, widget)


class EdgeItem(QGraphicsItem):
    """Edge ``src`` → input ``port`` of ``dst``; ``endpoints`` gives its two scene points."""

    def __init__(self, src: str, dst: str, port: int, theme: "Theme",
                 endpoints: Callable[["EdgeItem"], tuple[QPointF, QPointF]],
                 router: Router | None = None) -> None:
        super().__init__()
        self.src, self.dst, self.port = src, dst, port
        self.theme = theme
        self._endpoints = endpoints
        self._router = router
        self.error = False
        self.highlight: str | None = None
        self._badge: BadgeItem | None = None
        self._path: QPainterPath | None = None
        self._a = self._b = QPointF()
        self._rect = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.update_path()

    @property
    def key(self) -> tuple[str, str, int]:
        return self.src, self.dst, self.port

    def update_path(self) -> None:
        """Follow the ports, around the nodes in the way."""
        a, b = self._endpoints(self)
        self._a, self._b = a, b
        bounds = cubic_bounds(a, b)
        self._path = self._router(a, b, bounds, self) if self._router is not None else None
        if self._path is not None:
            bounds = self._path.boundingRect()
        self.prepareGeometryChange()
        self._rect = bounds.adjusted(-6, -6, 6, 6)
        if self._badge is not None:
            self._place_badge()

    @property
    def path(self) -> QPainterPath:
        """The drawn path (a clear wire's plain curve is built when first needed)."""
        if self._path is None:
            self._path = wire_path(self._a, self._b)
        return self._path

    def endpoints(self) -> tuple[QPointF, QPointF]:
        """The scene points the wire runs between (output port, input port)."""
        return self._a, self._b

    def boundingRect(self) -> QRectF:
        return self._rect

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(10.0)
        return stroker.createStroke(self.path)

    def set_error(self, error: bool) -> None:
        if error != self.error:
            self.error = error
            self.update()

    # -- player API -----------------------------------------------------------------------------
    def set_highlight(self, kind: str | None) -> None:
        """None | 'read' | 'write' | 'grad'."""
        if kind not in HIGHLIGHTS:
            raise ValueError(f"highlight must be one of {HIGHLIGHTS}; got {kind!r}")
        if kind != self.highlight:
            self.highlight = kind
            self._restack()
            self.update()

    def _restack(self) -> None:
        """Highlighted wires above the others; a wire with a badge above the nodes too."""
        self.setZValue(1.5 if self._badge is not None else 0.5 if self.highlight else 0.0)

    def set_badge(self, text: str | None, tooltip: str | None = None) -> None:
        """A small label at the middle of the wire (None removes it)."""
        if not text:
            if self._badge is not None:
                if self.scene() is not None:
                    self.scene().removeItem(self._badge)
                self._badge.setParentItem(None)
                self._badge = None
                self._restack()
            return
        if self._badge is None:
            self._badge = BadgeItem(self, self.theme)
            self._restack()
        self._badge.setText(text)
        self._badge.setToolTip(tooltip or "")
        self._place_badge()

    @property
    def badge_text(self) -> str | None:
        return self._badge.text() if self._badge is not None else None

    def _place_badge(self) -> None:
        mid = self.path.pointAtPercent(0.5)
        r = self._badge.boundingRect()
        self._badge.setPos(mid.x() - r.width() / 2 + 4, mid.y() - r.height() / 2 + 2)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        t = self.theme
        if self.error:
            pen = QPen(t.error, 2.5, Qt.PenStyle.DashLine)
        elif self.highlight is not None:
            pen = QPen(t.highlights[self.highlight], 3.5)
        elif self.isSelected():
            pen = QPen(t.selection, 3.0)
        else:
            pen = QPen(t.edge, 1.6)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path)
