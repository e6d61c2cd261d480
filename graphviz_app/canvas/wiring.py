"""Drawing a wire with the mouse: a temporary curve follows the pointer from the port where
the drag began; on release the wire is checked against the graph and either made (one undoable
command) or refused: the reason goes to the status bar and the Messages panel (naming the node
it concerns), and the scene's ``refused`` signal lets the view show it at the pointer.

Dragging from an input port that is already wired picks that wire up: dropping it on another
input moves it, dropping it on empty canvas removes it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPen, Qt
from PySide6.QtWidgets import QGraphicsPathItem

from ..editor.commands import Connect, Disconnect
from ..i18n import render, translate
from .routing import wire_path
from .node_item import NodeItem
from .port_item import PortItem

if TYPE_CHECKING:  # pragma: no cover
    from .scene import GraphScene


class WireTool:
    """The state of one wire drag, owned by the scene."""

    def __init__(self, scene: "GraphScene") -> None:
        self.scene = scene
        self.line: QGraphicsPathItem | None = None
        self.anchor: PortItem | None = None   # the fixed end (an output, or a free input)
        self.detached: tuple[str, int] | None = None  # (dst, port) of a picked-up wire

    @property
    def active(self) -> bool:
        return self.anchor is not None

    def begin(self, port: PortItem) -> None:
        scene = self.scene
        self.detached = None
        self.anchor = port
        if not port.is_output:
            src = scene.session.graph.inputs_of(port.node_id)
            if port.port < len(src) and src[port.port] is not None:
                self.detached = (port.node_id, port.port)
                self.anchor = scene.node_item(src[port.port]).out_port
                edge = scene.edge_item(src[port.port], port.node_id, port.port)
                if edge is not None:
                    edge.setVisible(False)
        self.line = QGraphicsPathItem()
        pen = QPen(scene.theme.selection, 2.0, Qt.PenStyle.DashLine)
        self.line.setPen(pen)
        self.line.setZValue(5)
        scene.addItem(self.line)
        self.update(port.scenePos())

    def update(self, pos: QPointF) -> None:
        if self.line is None or self.anchor is None:
            return
        a = self.anchor.scenePos()
        self.line.setPath(wire_path(a, pos) if self.anchor.is_output else wire_path(pos, a))

    def _target(self, pos: QPointF) -> PortItem | None:
        """The port under ``pos`` of the kind the anchor needs (a node body picks a free port)."""
        want_output = not self.anchor.is_output
        nodes = [i for i in self.scene.items(pos) if isinstance(i, NodeItem) and i.isVisible()]
        for item in nodes:
            port = item.port_at(item.mapFromScene(pos))
            if port is not None and port.is_output == want_output:
                return port
        for item in nodes:
            if item is self.anchor.node:
                continue
            if want_output:
                return item.out_port
            ins = self.scene.session.graph.inputs_of(item.nid)
            free = [p for p in item.ports if p.port >= len(ins) or ins[p.port] is None]
            if free:
                return free[0]
            return item.ports[0] if item.ports else None
        return None

    def finish(self, pos: QPointF) -> str | None:
        """End the drag at ``pos``; return the refusal reason, or None when a wire was made,
        moved or removed (or nothing happened)."""
        if self.anchor is None:
            return None
        scene, session = self.scene, self.scene.session
        anchor, detached = self.anchor, self.detached
        target = self._target(pos)
        self._clear_line()
        if anchor.is_output:
            src = anchor.node_id
            dst, port = (target.node_id, target.port) if target is not None else (None, None)
        else:
            src = target.node_id if target is not None else None
            dst, port = anchor.node_id, anchor.port
        if detached is not None and (dst, port) == detached:
            scene.refresh_edges()
            return None
        if detached is not None:
            stack = session.undo_stack
            if src is None or dst is None:
                session.push(Disconnect(session, *detached))
                scene.refresh_edges()
                return None
            graph = session.graph
            reason = self._reason_after_detach(src, dst, port, detached)
            if reason:
                self.show_refusal(reason, pos, dst)
                scene.refresh_edges()
                return reason
            stack.beginMacro(translate("Canvas", "Move wire to {name}").format(
                name=graph.nodes[dst].name))
            session.push(Disconnect(session, *detached))
            session.push(Connect(session, src, dst, port))
            stack.endMacro()
            return None
        if src is None or dst is None:
            return None
        reason = render(session.graph.check_connect(src, dst, port, shapes=True))
        if reason:
            self.show_refusal(reason, pos, dst)
            return reason
        session.push(Connect(session, src, dst, port))
        return None

    def _reason_after_detach(self, src: str, dst: str, port: int,
                             detached: tuple[str, int]) -> str | None:
        """Check a moved wire as if its old place were already free."""
        trial = self.scene.session.graph.copy()
        trial.disconnect(*detached)
        return render(trial.check_connect(src, dst, port, shapes=True))

    def cancel(self) -> None:
        self._clear_line()
        self.scene.refresh_edges()

    def _clear_line(self) -> None:
        if self.line is not None:
            self.scene.removeItem(self.line)
        self.line = None
        self.anchor = None
        self.detached = None

    def show_refusal(self, reason, pos: QPointF, node: str | None = None) -> None:
        """Report the reason (with the node it concerns) and ask the view to show it at
        ``pos`` (scene coordinates). ``reason`` is an engine message or a text already in the
        user's language."""
        reason = render(reason)
        self.scene.session.report(translate("Canvas", "Wire refused: {reason}").format(
            reason=reason), node)
        self.scene.refused.emit(reason, pos)
