"""A node on the canvas: header with name and op, input ports on the left with their names,
the output port on the right with the output shape, and an optional value display below.

The item shows what the model says; it changes the model only through the scene (moves are
collected by the scene into one undoable command per drag).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QPixmap, QStaticText
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsPixmapItem, QGraphicsSimpleTextItem,
                               QStyleOptionGraphicsItem)

from engine.notation import dense_notation

from ..i18n import issue_text, render, translate

from .port_item import HIT, RADIUS, PortItem
from .text import LOD_TEXT, OpLabels, brush, font, make_text, text_width
from .trace_cells import cells_image

if TYPE_CHECKING:  # pragma: no cover
    from engine.ops.base import Op
    from engine.shapes import ShapeIssue
    from .theme import Theme

HEADER = 22.0
ROW = 18.0
PAD = 8.0
MIN_WIDTH = 130.0
GLOW = 6.0
MARGIN = max(GLOW, HIT)
VALUE_MAX = (96, 48)
TRACE_COLOR = QColor(255, 176, 0)   # cells a traced value came from
RUN_STATES = ("idle", "done", "current", "current_backward", "done_backward")
_FLAGS = QGraphicsItem.GraphicsItemFlag.ItemIsMovable | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
_Y0 = HEADER + 0.5 * ROW + 2.0  # centre of the first row: output port, first input port
_INPUT_POS: list[QPointF] = []  # shared, never mutated


def _input_positions(n: int) -> list[QPointF]:
    """Positions of the first ``n`` input ports (node coordinates)."""
    while len(_INPUT_POS) < n:
        _INPUT_POS.append(QPointF(0.0, _Y0 + len(_INPUT_POS) * ROW))
    return _INPUT_POS[:n]


class NodeItem(QGraphicsItem):
    """One engine node. ``nid`` is the engine id."""

    def __init__(self, nid: str, name: str, op: "Op", theme: "Theme", n_ports: int | None = None,
                 shape_text: str = "?") -> None:
        super().__init__()
        self.nid = nid
        self.op = op
        self.theme = theme
        self.name = name
        self.shape_text = shape_text
        self.issues: list = []
        self.frozen = False
        self.run_state = "idle"
        self.detail_tooltip = ""
        self.edges: list = []  # EdgeItems touching this node, kept by the scene
        self.width = MIN_WIDTH
        self.height = HEADER + ROW
        self._value_h = 0.0
        self.setFlags(_FLAGS)
        self.setAcceptHoverEvents(True)
        self.setZValue(1)
        self._wiring = False
        self._shape_path: QPainterPath | None = None
        self._name_item = make_text(self, name, "name", theme.text)
        self._name_at: float | None = None
        self._shape_static: QStaticText | None = None  # made when first painted
        self._shape_at = QPointF()
        self.ports: list[PortItem] = []
        self.labels: OpLabels
        self.out_port = PortItem(self, PortItem.OUTPUT)
        self._pix_item: QGraphicsPixmapItem | None = None
        self._val_text: QGraphicsSimpleTextItem | None = None
        self._trace_pix: QGraphicsPixmapItem | None = None
        self._trace_text: QGraphicsSimpleTextItem | None = None
        self._trace_over: QGraphicsPixmapItem | None = None   # lit cells over the picture
        self.traced = False
        self.trace_cells = None       # the lit layout (int8 H x W) over the picture, or None
        self.value_shown: tuple[tuple[int, ...], str] | None = None   # (shape, kind) drawn
        n = len(op.inputs) if n_ports is None else n_ports
        self.ports = [PortItem(self, i) for i in range(n)]
        self.labels = OpLabels.get(op, n)
        self._layout()

    # -- geometry -------------------------------------------------------------------------------
    def set_port_count(self, n: int, relayout: bool = True) -> None:
        """Show ``n`` input ports (variadic ops grow as they are wired)."""
        if n == len(self.ports):
            return
        while len(self.ports) < n:
            self.ports.append(PortItem(self, len(self.ports)))
        del self.ports[n:]
        self.labels = OpLabels.get(self.op, n)
        if relayout:
            self._layout()
            self.update()

    def _layout(self) -> None:
        """Size the box from its texts; place the ports and labels."""
        fn, fs = font("name")[1], font("small")[1]
        lab = self.labels
        shape_w = text_width(self.shape_text)
        width = max(MIN_WIDTH, fn.horizontalAdvance(self.name) + lab.op_width + 3 * PAD,
                    lab.input_width + shape_w + 5 * PAD)
        if self._value_h:
            width = max(width, VALUE_MAX[0] + 2 * PAD)
            pix_w = self._pix_item.pixmap().width() + PAD if self._pix_item is not None else 0.0
            if self._val_text is not None:
                width = max(width, pix_w + self._val_text.boundingRect().width() + 2 * PAD)
        n = len(self.ports)
        body = HEADER + max(1, n) * ROW + 4.0
        height = body + self._value_h
        resized = width != self.width or height != self.height
        if resized or self._shape_path is None:
            self.prepareGeometryChange()
            self.width, self.height = width, height
            self._shape_path = None
        if self._name_at is None:
            self._name_at = (HEADER - fn.height()) / 2
            self._name_item.setPos(PAD, self._name_at)
        for port, pos in zip(self.ports, _input_positions(n)):
            port.pos = pos
        self.out_port.pos = QPointF(width, _Y0)
        self._shape_at = QPointF(width - 2 * PAD - shape_w, _Y0 - fs.height() / 2)
        if self._value_h:
            self._layout_value(body)
        if self.edges:
            self.update_edges()
        scene = self.scene()
        if resized and scene is not None:
            scene.node_resized(self)      # neighbours it now overlaps are moved aside

    def _layout_value(self, top: float) -> None:
        x = PAD
        if self._pix_item is not None:
            self._pix_item.setPos(x, top)
            x += self._pix_item.pixmap().width() + PAD
        if self._val_text is not None:
            h = self._val_text.boundingRect().height()
            self._val_text.setPos(x, top + max(0.0, (self._value_h - 4.0 - h) / 2))

    def boundingRect(self) -> QRectF:
        return QRectF(-MARGIN, -MARGIN, self.width + 2 * MARGIN, self.height + 2 * MARGIN)

    def box(self) -> QRectF:
        """The node's box in scene coordinates (no glow, no port margins)."""
        return QRectF(self.pos().x(), self.pos().y(), self.width, self.height)

    def shape(self) -> QPainterPath:
        """The box plus the port circles (so a press on a port reaches this item)."""
        if self._shape_path is None:
            path = QPainterPath()
            path.setFillRule(Qt.FillRule.WindingFill)  # overlapping circles stay inside
            path.addRect(QRectF(0, 0, self.width, self.height))
            for port in (*self.ports, self.out_port):
                path.addEllipse(port.pos, HIT, HIT)
            self._shape_path = path
        return self._shape_path

    def port_pos(self, port: int) -> QPointF:
        """Scene position of input ``port`` (or the output for -1)."""
        # nodes are only ever translated, so scene = pos() + local (cheaper than mapToScene)
        if port == PortItem.OUTPUT:
            local = self.out_port.pos
        elif port < len(self.ports):
            local = self.ports[port].pos
        else:
            local = QPointF(0.0, HEADER + (port + 0.5) * ROW)
        return self.pos() + local

    def input_port(self, port: int) -> PortItem:
        return self.ports[port]

    def port_at(self, pos: QPointF) -> PortItem | None:
        """The port at ``pos`` (node coordinates), if any."""
        for port in (self.out_port, *self.ports):
            if port.hit(pos):
                return port
        return None

    # -- model-driven updates -------------------------------------------------------------------
    def set_name(self, name: str) -> None:
        self.name = name
        self._name_item.setText(name)
        self._layout()

    def set_shape_text(self, text: str) -> None:
        if text != self.shape_text:
            self.shape_text = text
            self._shape_static = None
            self._layout()
            self.update()

    def set_issues(self, issues: list["ShapeIssue"]) -> None:
        """Red outline and message on hover; the port an issue names turns red too."""
        if issues == self.issues:
            return
        self.issues = list(issues)
        bad = {i.port for i in issues if i.port is not None}
        for p in self.ports:
            p.set_error(p.port in bad)
        self.update()

    def set_frozen(self, frozen: bool) -> None:
        self.frozen = frozen
        self.update()

    # -- player API -----------------------------------------------------------------------------
    def set_run_state(self, state: str) -> None:
        """'idle' | 'done' | 'current' | 'current_backward' | 'done_backward'."""
        if state not in RUN_STATES:
            raise ValueError(f"run state must be one of {', '.join(RUN_STATES)}; got {state!r}")
        if state != self.run_state:
            self.run_state = state
            self.update()

    def set_value_display(self, image: QImage | None, text: str | None,
                          color: QColor | None = None,
                          shown: tuple[tuple[int, ...], str] | None = None) -> None:
        """Show a small picture (scaled to at most 96x48) and/or short text under the ports.
        ``shown`` is the (shape, 'value' | 'grad') of the array the picture draws, so traced
        cells can be lit inside it."""
        self.value_shown = shown if image is not None and not image.isNull() else None
        self._set_trace_cells(None)
        if image is not None and not image.isNull():
            pix = QPixmap.fromImage(image)
            if pix.width() > VALUE_MAX[0] or pix.height() > VALUE_MAX[1]:
                pix = pix.scaled(VALUE_MAX[0], VALUE_MAX[1], Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.FastTransformation)
            if self._pix_item is None:
                self._pix_item = QGraphicsPixmapItem(self)
            self._pix_item.setPixmap(pix)
        elif self._pix_item is not None:
            self._pix_item.setParentItem(None)
            if self.scene() is not None:
                self.scene().removeItem(self._pix_item)
            self._pix_item = None
        if text:
            if self._val_text is None:
                self._val_text = make_text(self, "", "small", self.theme.text)
            self._val_text.setText(text)
            self._val_text.setBrush(brush(color if color is not None else self.theme.text))
        elif self._val_text is not None:
            self._val_text.setParentItem(None)
            if self.scene() is not None:
                self.scene().removeItem(self._val_text)
            self._val_text = None
        h = 0.0
        if self._pix_item is not None:
            h = float(self._pix_item.pixmap().height())
        if self._val_text is not None:
            h = max(h, self._val_text.boundingRect().height())
        self._value_h = h + 4.0 if h else 0.0
        self._layout()
        self.update()

    def set_trace_highlight(self, image: QImage | None, text: str = "",
                            cells=None) -> None:
        """Light the node up as a source of a traced value: an amber outline, ``text`` above
        the node (e.g. '9/64'), and the cells it came from: ``cells`` (an int8 layout of the
        value picture, 1 = lit) over the node's own picture, else ``image`` as a small badge
        above the node. ``None`` and no text clears it."""
        on = image is not None or bool(text) or cells is not None
        self._set_trace_cells(cells)
        if on and self._trace_text is None:
            self._trace_pix = QGraphicsPixmapItem(self)
            self._trace_text = make_text(self, "", "small", TRACE_COLOR)
        if self._trace_pix is not None:
            pix = QPixmap.fromImage(image) if image is not None and not image.isNull() else QPixmap()
            if not pix.isNull() and (pix.width() > VALUE_MAX[0] or pix.height() > VALUE_MAX[1]):
                pix = pix.scaled(VALUE_MAX[0], VALUE_MAX[1], Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.FastTransformation)
            self._trace_pix.setPixmap(pix)
            self._trace_text.setText(text)
            th = self._trace_text.boundingRect().height()
            self._trace_pix.setPos(0.0, -pix.height() - th - 4.0)
            self._trace_text.setPos(0.0, -th - 2.0)
            self._trace_pix.setVisible(on)
            self._trace_text.setVisible(on)
        if on != self.traced:
            self.traced = on
            self.update()

    def _set_trace_cells(self, cells) -> None:
        """Lay the lit cells over the value picture (same size, drawn above it)."""
        if cells is None or self._pix_item is None:
            self.trace_cells = None
            if self._trace_over is not None:
                self._trace_over.setVisible(False)
            return
        pix = self._pix_item.pixmap()
        if self._trace_over is None:
            self._trace_over = QGraphicsPixmapItem(self)
            self._trace_over.setZValue(1)
        self._trace_over.setPixmap(QPixmap.fromImage(cells_image(cells, pix.width(),
                                                                 pix.height())))
        self._trace_over.setPos(self._pix_item.pos())
        self._trace_over.setVisible(True)
        self.trace_cells = cells

    def set_detail_tooltip(self, text: str) -> None:
        self.detail_tooltip = text or ""

    def tooltip_text(self) -> str:
        """Name, op, description, formula, frozen state, issues and the player's detail text."""
        lines = [f"{self.name} ({self.op.name})"]
        if self.op.description:
            lines.append(translate("Ops", self.op.description))    # see panels/build/op_texts
        if self.op.formula:
            lines.append(translate("Ops", self.op.formula))
        scene = self.scene()
        if self.op.name == "dense" and scene is not None:   # the course's notation, layer l
            nota = dense_notation(scene.session.graph, self.nid)
            lines += [render(x) for x in nota.lines()] if nota is not None else []
        if self.frozen:
            lines.append(translate("Canvas", "frozen: its arrays are not trained"))
        lines += [f"⚠ {issue_text(i, with_name=False)}" for i in self.issues]
        if self.detail_tooltip:
            lines += ["", self.detail_tooltip]
        return "\n".join(lines)

    def toolTip(self) -> str:  # noqa: N802 (Qt name)
        return self.tooltip_text()

    def update_edges(self) -> None:
        """Re-route the wires after a move (called by the scene; no itemChange override, which
        would cost a Python call for every change of every item)."""
        for e in self.edges:
            e.update_path()

    # -- Qt -------------------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:
        port = self.port_at(event.pos()) if event.button() == Qt.MouseButton.LeftButton else None
        if port is not None:
            self._wiring = True
            self.scene().begin_wire(port)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._wiring:
            self.scene().update_wire(event.scenePos())
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._wiring:
            self._wiring = False
            self.scene().finish_wire(event.scenePos())
            return
        super().mouseReleaseEvent(event)

    def hoverMoveEvent(self, event) -> None:
        if self.port_at(event.pos()) is not None:
            self.setCursor(Qt.CursorShape.CrossCursor)
        else:
            self.unsetCursor()

    def hoverLeaveEvent(self, event) -> None:
        self.unsetCursor()

    def _outline(self) -> QPen:
        t = self.theme
        run = t.run_states.get(self.run_state)
        if self.traced:
            pen = QPen(TRACE_COLOR, 3.0)
        elif self.issues:
            pen = QPen(t.error, 2.5)
        elif self.isSelected():
            pen = QPen(t.selection, 2.5)
        elif self.run_state != "idle" and run is not None:
            pen = QPen(run, 2.5)
        else:
            pen = QPen(t.node_border, 1.0)
        if self.frozen:
            pen.setStyle(Qt.PenStyle.DashLine)
        return pen

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        t = self.theme
        rect = QRectF(0, 0, self.width, self.height)
        if option.levelOfDetailFromTransform(painter.worldTransform()) < LOD_TEXT:
            # far out: a flat box in the header colour (text would be unreadable anyway)
            painter.setPen(self._outline())
            painter.setBrush(brush(t.header(self.op.category)))
            painter.drawRect(rect)
            return
        run = t.run_states.get(self.run_state)
        if self.run_state != "idle" and run is not None:
            glow = QColor(run)
            glow.setAlpha(90)
            painter.setPen(QPen(glow, GLOW))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-2, -2, 2, 2), 7, 7)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(brush(t.node_fill))
        painter.drawRoundedRect(rect, 5, 5)
        painter.setBrush(brush(t.header(self.op.category)))
        painter.drawRoundedRect(QRectF(0, 0, self.width, HEADER), 5, 5)
        painter.drawRect(QRectF(0, HEADER - 5, self.width, 5))
        painter.setPen(self._outline())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect, 5, 5)
        self._paint_text(painter)
        self._paint_ports(painter)

    def _paint_text(self, painter: QPainter) -> None:
        lab, fs = self.labels, font("small")[1]
        painter.setFont(font("small")[0])
        painter.setPen(self.theme.subtext)
        painter.drawStaticText(QPointF(self.width - PAD - lab.op_width, (HEADER - fs.height()) / 2),
                               lab.op_text)
        for port, st in zip(self.ports, lab.inputs):
            painter.drawStaticText(QPointF(PAD + 2.0, port.pos.y() - fs.height() / 2), st)
        if self._shape_static is None:
            self._shape_static = QStaticText(self.shape_text)
            self._shape_static.prepare(font=font("small")[0])
        painter.setPen(self.theme.text)
        painter.drawStaticText(self._shape_at, self._shape_static)

    def _paint_ports(self, painter: QPainter) -> None:
        t = self.theme
        normal = QPen(t.port_border, 1.2)
        bad = QPen(t.error, 2.0)
        for port in (*self.ports, self.out_port):
            painter.setPen(bad if port.error else normal)
            painter.setBrush(brush(t.error if port.error else t.port))
            painter.drawEllipse(port.pos, RADIUS, RADIUS)
