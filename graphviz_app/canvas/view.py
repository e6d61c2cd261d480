"""The canvas view: zoom around the cursor, pan (middle drag, Space+drag, scrollbars), fit,
rubber-band selection, the drop target for ops dragged from the palette, and the notice that
shows why a gesture was refused until the next action."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QLineF, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (QCursor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent, QMouseEvent,
                           QPainter, QPen, QResizeEvent, QWheelEvent)
from PySide6.QtWidgets import QGraphicsView

from .. import OP_MIME
from ..editor.commands import AddNode, retranslate_names
from .notice import Notice
from .scene import GraphScene

MIN_SCALE, MAX_SCALE = 0.08, 4.0
GRID = 24.0


class GraphView(QGraphicsView):
    """Shows a :class:`GraphScene`; creates nodes where ops are dropped."""

    def __init__(self, scene: GraphScene, parent=None) -> None:
        super().__init__(scene, parent)
        self.graph_scene = scene
        self.session = scene.session
        self._pan_from: QPointF | None = None
        self._space = False
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSceneRect(QRectF(-5000, -5000, 10000, 10000))
        self.notice = Notice(self.viewport())
        scene.rebuilt.connect(self._grow_scene_rect)
        scene.refused.connect(self.show_refusal)
        self.session.refused.connect(self._on_refused)
        self.session.graph_changed.connect(lambda _event: self.notice.dismiss())
        self.session.graph_replaced.connect(self.notice.dismiss)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.LanguageChange:
            self.graph_scene.retranslate()
            retranslate_names(self.session.undo_stack)     # the History panel reads them
        super().changeEvent(event)

    # -- refusals -------------------------------------------------------------------------------
    def show_refusal(self, reason: str, scene_pos: QPointF) -> None:
        """Show ``reason`` near ``scene_pos``, whole and inside the view, until the next action."""
        self.notice.show_at(reason, self.mapFromScene(scene_pos))

    def _on_refused(self, reason: str) -> None:
        """An edit asked for on the canvas (a key, a menu while the canvas has focus) was
        refused: show why at the pointer, or near the top left when it is elsewhere."""
        if not (self.hasFocus() or self.viewport().underMouse()):
            return            # asked for in another panel, which shows its own message
        at = self.viewport().mapFromGlobal(QCursor.pos())
        if not self.viewport().rect().contains(at):
            at = QPoint(20, 20)
        self.notice.show_at(reason, at)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.notice.isVisible():
            self.notice.place()

    # -- zoom and pan ---------------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        """Multiply the zoom by ``factor`` (clamped), keeping ``anchor`` (scene) fixed."""
        target = min(MAX_SCALE, max(MIN_SCALE, self.zoom * factor))
        factor = target / self.zoom
        if anchor is not None:
            old = self.mapFromScene(anchor)
            self.scale(factor, factor)
            moved = self.mapFromScene(anchor) - old
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + moved.x())
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() + moved.y())
        else:
            self.scale(factor, factor)

    def zoom_in(self) -> None:
        self.set_zoom(1.25)

    def zoom_out(self) -> None:
        self.set_zoom(0.8)

    MAX_FIT_ZOOM = 1.6   # a small graph is shown larger, but not blown up

    def fit_all(self) -> None:
        """Fit every visible item, without zooming in past MAX_FIT_ZOOM."""
        rect = self.graph_scene.visible_rect()
        if rect.isEmpty():
            self.resetTransform()
            self.centerOn(0, 0)
            return
        self._grow_scene_rect()
        self.fitInView(rect.adjusted(-40, -40, 40, 40), Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom > self.MAX_FIT_ZOOM:
            self.resetTransform()
            self.scale(self.MAX_FIT_ZOOM, self.MAX_FIT_ZOOM)
            self.centerOn(rect.center())

    def _grow_scene_rect(self) -> None:
        rect = self.graph_scene.itemsBoundingRect().adjusted(-3000, -3000, 3000, 3000)
        self.setSceneRect(rect.united(QRectF(-5000, -5000, 10000, 10000)))

    def center_scene_pos(self) -> QPointF:
        return self.mapToScene(self.viewport().rect().center())

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if delta:
            self.set_zoom(1.0015 ** delta, self.mapToScene(event.position().toPoint()))
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.notice.dismiss()
        if event.button() == Qt.MouseButton.MiddleButton or (
                self._space and event.button() == Qt.MouseButton.LeftButton):
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            d = event.position() - self._pan_from
            self._pan_from = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - int(d.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - int(d.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() not in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt,
                               Qt.Key.Key_Meta):
            self.notice.dismiss()
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        if event.key() == Qt.Key.Key_F and not event.modifiers():
            self.fit_all()
            return
        if event.key() == Qt.Key.Key_Escape and self.graph_scene.wire.active:
            self.graph_scene.wire.cancel()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().unsetCursor()
            return
        super().keyReleaseEvent(event)

    # -- drop target ----------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(OP_MIME):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(OP_MIME):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        """An op dropped from the palette: add a node there, as one undoable command."""
        mime = event.mimeData()
        if not mime.hasFormat(OP_MIME):
            super().dropEvent(event)
            return
        op = bytes(mime.data(OP_MIME).data()).decode("utf-8", errors="replace").strip()
        pos = self.mapToScene(event.position().toPoint())
        if self.add_op(op, pos):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def add_op(self, op: str, pos: QPointF | None = None) -> bool:
        """Add a node of ``op`` with its header centred near ``pos`` (the view centre if None);
        a refusal is shown there."""
        if pos is None:
            pos = self.center_scene_pos()
        x, y = round((pos.x() - 65) / GRID) * GRID, round((pos.y() - 11) / GRID) * GRID
        if self.session.push(AddNode(self.session, op, (float(x), float(y)))):
            return True
        self.show_refusal(self.session.last_refusal, pos)
        return False

    # -- background -----------------------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        theme = self.graph_scene.theme
        painter.fillRect(rect, theme.background)
        if self.zoom < 0.5:
            return
        pen = QPen(theme.grid, 0)
        painter.setPen(pen)
        step = GRID * 2
        left = int(rect.left() // step) * step
        top = int(rect.top() // step) * step
        x = left
        lines = []
        while x < rect.right():
            lines.append(QLineF(x, rect.top(), x, rect.bottom()))
            x += step
        y = top
        while y < rect.bottom():
            lines.append(QLineF(rect.left(), y, rect.right(), y))
            y += step
        painter.drawLines(lines)
