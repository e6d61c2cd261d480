"""A group of nodes: one node-like box when collapsed (edges re-routed to it), a titled frame
around its members when expanded. Double-click toggles (the scene pushes the command)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSimpleTextItem, QStyleOptionGraphicsItem

from .node_item import HEADER, PAD, TRACE_COLOR
from ..i18n import translate
from .text import font

if TYPE_CHECKING:  # pragma: no cover
    from .theme import Theme

COLLAPSED_W = 170.0
COLLAPSED_H = 58.0


class GroupItem(QGraphicsItem):
    """Group ``gid``; ``collapsed`` selects which of the two looks it has."""

    def __init__(self, gid: str, name: str, theme: "Theme") -> None:
        super().__init__()
        self.gid = gid
        self.theme = theme
        self.collapsed = True
        self.rect = QRectF(0, 0, COLLAPSED_W, COLLAPSED_H)
        self._title = QGraphicsSimpleTextItem(name, self)
        self._title.setFont(font("name")[0])
        self._title.setBrush(theme.text)
        self._info = QGraphicsSimpleTextItem("", self)
        self._info.setFont(font("small")[0])
        self._info.setBrush(theme.subtext)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.run_state = "idle"
        self.run_text: str | None = None
        self._n_members = 0
        self.trace_text = ""          # what a traced value reads inside the collapsed box
        self._trace_label: QGraphicsSimpleTextItem | None = None

    @property
    def name(self) -> str:
        return self._title.text()

    def set_state(self, name: str, collapsed: bool, rect: QRectF, n_members: int) -> None:
        """Collapsed: ``rect`` is the box; expanded: the members' bounding rectangle."""
        self.prepareGeometryChange()
        self.collapsed = collapsed
        self._title.setText(name)
        if collapsed:
            self.rect = QRectF(0, 0, COLLAPSED_W, COLLAPSED_H)
            self.setPos(rect.topLeft())
            self.setZValue(1)
            self._info.setText(self.run_text or translate(
                "Canvas", "{count} nodes · double-click").format(count=n_members))
            self._info.setPos(PAD, HEADER + 8)
        else:
            self.rect = QRectF(0, 0, rect.width() + 2 * PAD, rect.height() + HEADER + PAD)
            self.setPos(rect.topLeft() - QPointF(PAD, HEADER))
            self.setZValue(-1)
            self._info.setText(translate("Canvas", "double-click the title to collapse"))
            self._info.setPos(self._title.boundingRect().width() + 2 * PAD, 5)
        self._title.setPos(PAD, 3)
        self._n_members = n_members
        self.setToolTip(translate("Canvas", "group {name} ({count} nodes)").format(
            name=name, count=n_members))

    def set_run_state(self, state: str, text: str | None = None) -> None:
        """While the player steps through a collapsed group's members: the state of the box as
        a whole ('idle', 'done', 'current', 'current_backward', 'done_backward') and a line
        saying which member is being computed."""
        self.run_state, self.run_text = state, text
        if self.collapsed:
            self._info.setText(text or translate("Canvas", "{count} nodes · double-click").format(
                count=self._n_members))
        self.update()

    def set_trace_highlight(self, text: str) -> None:
        """Light the box as holding sources of a traced value: an amber outline and ``text``
        (how many cells of how many members) above it; an empty text clears it."""
        if text and self._trace_label is None:
            self._trace_label = QGraphicsSimpleTextItem("", self)
            self._trace_label.setFont(font("small")[0])
            self._trace_label.setBrush(TRACE_COLOR)
        if self._trace_label is not None:
            self._trace_label.setText(text)
            self._trace_label.setPos(0.0, -self._trace_label.boundingRect().height() - 2.0)
            self._trace_label.setVisible(bool(text))
        if text != self.trace_text:
            self.trace_text = text
            self.update()

    def in_anchor(self) -> QPointF:
        return self.mapToScene(QPointF(0.0, self.rect.height() / 2))

    def out_anchor(self) -> QPointF:
        return self.mapToScene(QPointF(self.rect.width(), self.rect.height() / 2))

    def boundingRect(self) -> QRectF:
        return self.rect.adjusted(-2, -2, 2, 2)

    def hit_title(self, pos: QPointF) -> bool:
        """True when ``pos`` (item coordinates) is on the part that toggles."""
        return self.collapsed or pos.y() <= HEADER

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        t = self.theme
        border = QPen(t.selection if self.isSelected() else t.node_border, 2.0 if self.isSelected() else 1.2)
        if self.collapsed:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(t.node_fill))
            painter.drawRoundedRect(self.rect, 6, 6)
            painter.setBrush(QBrush(t.header("_")))
            painter.drawRoundedRect(QRectF(0, 0, self.rect.width(), HEADER), 6, 6)
            painter.setPen(border)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self.rect, 6, 6)
            # a second outline suggests a stack of nodes
            painter.drawRoundedRect(self.rect.adjusted(3, 3, 3, 3), 6, 6)
            glow = t.run_states.get(self.run_state)
            if glow is not None and glow.alpha():
                painter.setPen(QPen(glow, 3.0))
                painter.drawRoundedRect(self.rect.adjusted(-2, -2, 2, 2), 7, 7)
            if self.trace_text:
                painter.setPen(QPen(TRACE_COLOR, 3.0))
                painter.drawRoundedRect(self.rect, 6, 6)
        else:
            border.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(border)
            painter.setBrush(QBrush(t.group_fill))
            painter.drawRoundedRect(self.rect, 8, 8)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self.rect if self.collapsed else QRectF(0, 0, self.rect.width(), HEADER))
        return path
