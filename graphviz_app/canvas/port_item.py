"""A node's input or output port: where wires start and end.

Ports are drawn by their :class:`NodeItem` (one graphics item per node instead of one per
port keeps building a 500-node scene fast); a ``PortItem`` is the handle the wiring code and
the tests hold: which node, which port, where it is in the scene, and whether it is in error.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF

if TYPE_CHECKING:  # pragma: no cover
    from .node_item import NodeItem

RADIUS = 5.0
HIT = 9.0  # pick radius: easier to grab than the drawn circle


class PortItem:
    """Port ``port`` of ``node``; ``port == -1`` is the output."""

    OUTPUT = -1
    __slots__ = ("node", "port", "error", "pos")

    def __init__(self, node: "NodeItem", port: int) -> None:
        self.node = node
        self.port = port
        self.error = False
        self.pos = QPointF()  # in node coordinates, set by the node's layout

    @property
    def is_output(self) -> bool:
        return self.port == self.OUTPUT

    @property
    def node_id(self) -> str:
        return self.node.nid

    def scenePos(self) -> QPointF:  # noqa: N802 (mirrors QGraphicsItem)
        return self.node.mapToScene(self.pos)

    def hit(self, p: QPointF) -> bool:
        """True when ``p`` (node coordinates) is on this port."""
        d = p - self.pos
        return d.x() * d.x() + d.y() * d.y() <= HIT * HIT

    def set_error(self, error: bool) -> None:
        if error != self.error:
            self.error = error
            self.node.update()

    def __repr__(self) -> str:
        return f"PortItem({self.node.nid}, {self.port})"
