"""The canvas scene: one item per engine node, edge and group, kept in step with the model.

The scene changes only in answer to the session's signals (``graph_changed``,
``graph_replaced``, ``selection_changed``). User gestures (a finished drag, a wire, a
double-click on a group) become commands pushed through the session.

Two things are the view's own and never written to the model: nodes that would overlap (one
widened to show a value, say) are moved apart by a view offset, and wires are routed around
the nodes they do not connect (:mod:`graphviz_app.canvas.routing`).
"""
from __future__ import annotations

import gc

from PySide6.QtCore import QPointF, QRectF, QTimer, Signal
from PySide6.QtGui import QPainterPath, QTransform
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsScene, QGraphicsSceneHelpEvent,
                               QGraphicsSceneMouseEvent, QGraphicsSimpleTextItem, QToolTip)

from engine import GraphEvent, get_op

from ..editor.commands import MoveNodes, SetCollapsed, node_pos
from ..editor.layout import layered_layout
from ..i18n import again
from ..session import Session
from ..shape_words import fmt_shape
from .edge_item import EdgeItem
from .group_item import COLLAPSED_H, COLLAPSED_W, GroupItem
from .node_item import NodeItem
from .port_item import PortItem
from .routing import MARGIN, GridIndex, route, separate
from .theme import Theme, make_theme
from .wiring import WireTool

STRUCTURAL = {"node_added", "node_removed", "edge_added", "edge_removed", "params_changed",
              "shapes_changed"}


class GraphScene(QGraphicsScene):
    """Items for ``session.graph``. Look items up with :meth:`node_item` / :meth:`edge_item`."""

    rebuilt = Signal()
    refused = Signal(str, QPointF)     # a gesture's refusal reason, at this scene point

    def __init__(self, session: Session, theme: Theme | None = None, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.theme = theme or make_theme()
        self._nodes: dict[str, NodeItem] = {}
        self._edges: dict[tuple[str, str, int], EdgeItem] = {}
        self._groups: dict[str, GroupItem] = {}
        self._syncing = False
        self._hidden: set[str] = set()
        self._offsets: dict[str, QPointF] = {}     # view-only shifts that keep nodes apart
        self._index: GridIndex | None = None       # node boxes, for routing; None: stale
        self._resized: set[str] = set()            # nodes whose size changed since a reflow
        self._reroute_all = False
        self._reflow_timer = QTimer(self)
        self._reflow_timer.setSingleShot(True)
        self._reflow_timer.setInterval(0)          # after the current burst of changes
        self._reflow_timer.timeout.connect(self.reflow)
        self.wire = WireTool(self)
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        session.graph_changed.connect(self._on_event)
        session.graph_replaced.connect(self.rebuild)
        session.selection_changed.connect(self._on_selection)
        self.selectionChanged.connect(self._push_selection)
        self.rebuild()

    # -- lookups --------------------------------------------------------------------------------
    def node_item(self, nid: str) -> NodeItem | None:
        return self._nodes.get(nid)

    def edge_item(self, src: str, dst: str, port: int) -> EdgeItem | None:
        return self._edges.get((src, dst, port))

    def group_item(self, gid: str) -> GroupItem | None:
        return self._groups.get(gid)

    def visible_rect(self) -> QRectF:
        """The bounding rectangle of what is shown (members of collapsed groups excluded)."""
        rect = QRectF()
        for items in (self._nodes.values(), self._groups.values()):
            for item in items:
                if item.isVisible():
                    rect = rect.united(item.sceneBoundingRect())
        return rect

    def node_items(self) -> list[NodeItem]:
        return list(self._nodes.values())

    def edge_items(self) -> list[EdgeItem]:
        return list(self._edges.values())

    # -- building -------------------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.rebuild()

    def rebuild(self) -> None:
        """Drop every item and build them again from the model (a new or reloaded graph)."""
        self.wire.line = None
        self.clear()
        self._nodes.clear()
        self._edges.clear()
        self._groups.clear()
        self._hidden = set()
        self._offsets = {}
        self._index = None
        self._resized, self._reroute_all = set(), False
        graph = self.session.graph
        self.place_unpositioned()
        gc_was_on = gc.isenabled()
        gc.disable()  # thousands of new wrappers, none garbage yet: skip the collector's scans
        try:
            for nid in graph.nodes:
                self._add_node(nid)
            self._refresh_shapes()
            self._update_groups()
            self._place_apart()
            for key in graph.edges():
                self._add_edge(*key)
        finally:
            if gc_was_on:
                gc.enable()
        self._reflow_timer.stop()      # placed and routed already
        self._refresh_shapes()         # again: the wires' error marks need the wires
        self._update_groups()
        self._on_selection(self.session.selected())
        self.rebuilt.emit()

    def place_unpositioned(self) -> None:
        """Give nodes without a stored position one (written quietly into their ui dict):
        a full layered layout when none has one, else right of their inputs."""
        graph = self.session.graph
        missing = [n for n in graph.nodes.values() if node_pos(n.ui) is None]
        if not missing:
            return
        if len(missing) == len(graph.nodes):
            for nid, (x, y) in layered_layout(graph.nx_graph()).items():
                graph.nodes[nid].ui["pos"] = [x, y]
            return
        for node in missing:
            node.ui["pos"] = list(self._suggest_pos(node.id))

    def _suggest_pos(self, nid: str) -> tuple[float, float]:
        graph = self.session.graph
        srcs = [s for s in graph.inputs_of(nid) if s is not None and node_pos(graph.nodes[s].ui)]
        if srcs:
            xs = [node_pos(graph.nodes[s].ui) for s in srcs]
            return max(x for x, _ in xs) + 230.0, sum(y for _, y in xs) / len(xs)
        r = self.itemsBoundingRect()
        return (r.left(), r.bottom() + 40.0) if not r.isEmpty() else (0.0, 0.0)

    def _add_node(self, nid: str) -> NodeItem:
        node = self.session.graph.nodes[nid]
        op = get_op(node.op)
        info = self.session.graph.shapes.get(nid)
        n_ports = len(op.inputs) if not op.variadic else self._port_count(nid)
        item = NodeItem(nid, node.name, op, self.theme, n_ports,
                        fmt_shape(info.out if info else None))
        item.frozen = node.frozen
        pos = node_pos(node.ui)
        if pos is None:
            pos = self._suggest_pos(nid)
            node.ui["pos"] = list(pos)
        item.setPos(*pos)
        self.addItem(item)
        self._nodes[nid] = item
        return item

    def _port_count(self, nid: str) -> int:
        graph = self.session.graph
        op = get_op(graph.nodes[nid].op)
        if not op.variadic:
            return len(op.inputs)
        return len(graph.inputs_of(nid)) + 1

    def _add_edge(self, src: str, dst: str, port: int) -> None:
        item = EdgeItem(src, dst, port, self.theme, self._endpoints, self._route)
        self.addItem(item)
        self._edges[(src, dst, port)] = item
        self._nodes[src].edges.append(item)
        self._nodes[dst].edges.append(item)

    def _remove_edge(self, key: tuple[str, str, int]) -> None:
        item = self._edges.pop(key, None)
        if item is None:
            return
        for nid in key[:2]:
            node = self._nodes.get(nid)
            if node is not None and item in node.edges:
                node.edges.remove(item)
        self.removeItem(item)

    def _endpoints(self, edge: EdgeItem) -> tuple[QPointF, QPointF]:
        graph = self.session.graph
        gs, gd = graph.group_of(edge.src), graph.group_of(edge.dst)
        if gs and graph.groups[gs].collapsed and gs in self._groups:
            a = self._groups[gs].out_anchor()
        else:
            a = self._nodes[edge.src].port_pos(PortItem.OUTPUT)
        if gd and graph.groups[gd].collapsed and gd in self._groups:
            b = self._groups[gd].in_anchor()
        else:
            b = self._nodes[edge.dst].port_pos(edge.port)
        return a, b

    # -- routing and spacing (view only) ----------------------------------------------------------
    def _route(self, a: QPointF, b: QPointF, bounds: QRectF,
               edge: EdgeItem) -> QPainterPath | None:
        """The path of ``edge`` around every shown node except the two it connects (None:
        the plain curve is clear)."""
        if self._index is None:
            boxes = {nid: item.box().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
                     for nid, item in self._nodes.items() if item.isVisible()}
            for gid, item in self._groups.items():      # a collapsed group is a box too
                if item.collapsed and item.isVisible():
                    boxes[gid] = item.mapRectToScene(item.rect).adjusted(-MARGIN, -MARGIN,
                                                                         MARGIN, MARGIN)
            self._index = GridIndex(boxes)
        graph = self.session.graph
        index = self._index
        ends = (edge.src, edge.dst, graph.group_of(edge.src), graph.group_of(edge.dst))
        return route(a, b, lambda area: [index.rects[k] for k in index.query(area)
                                         if k not in ends], bounds)

    def node_offset(self, nid: str) -> QPointF:
        """How far the view shows node ``nid`` from its model position (to keep it apart)."""
        return self._offsets.get(nid, QPointF())

    def node_resized(self, item: NodeItem) -> None:
        """A node grew or shrank (a value shown, a longer name): space and wires follow."""
        self._index = None
        if item.nid in self._nodes:
            self._resized.add(item.nid)
            self._reflow_timer.start()

    def _reflow_all(self) -> None:
        """After a model change (a move, a node added or removed): every wire is re-routed."""
        self._index = None
        self._reroute_all = True
        self._reflow_timer.start()

    def reflow(self) -> None:
        """Move overlapping nodes apart (in the view only) and re-route the wires that may be
        affected: all after a model change, else those near the nodes that changed size or
        were moved aside."""
        if isinstance(self.mouseGrabberItem(), NodeItem):   # not under the user's hand
            self._reflow_timer.start(50)
            return
        changed = set(self._resized)
        boxes = [self._nodes[n].box() for n in changed if n in self._nodes]
        for nid, old in self._place_apart():
            changed.add(nid)
            boxes += [old, self._nodes[nid].box()]
        everything, self._reroute_all, self._resized = self._reroute_all, False, set()
        for edge in self._edges.values():
            if everything or edge.src in changed or edge.dst in changed or \
                    any(edge.boundingRect().intersects(b) for b in boxes):
                edge.update_path()
        if self.session.graph.groups:
            self._update_groups()

    def _place_apart(self) -> list[tuple[str, QRectF]]:
        """Apply :func:`separate`; return (node id, box before) of the nodes that moved."""
        graph = self.session.graph
        boxes = {}
        for nid, item in self._nodes.items():
            pos = node_pos(graph.nodes[nid].ui) if nid in graph.nodes else None
            if pos is not None and item.isVisible():
                boxes[nid] = QRectF(pos[0], pos[1], item.width, item.height)
        self._offsets = separate(boxes)
        moved = []
        for nid, box in boxes.items():
            target = box.topLeft() + self._offsets.get(nid, QPointF())
            item = self._nodes[nid]
            if item.pos() != target:
                moved.append((nid, item.box()))
                item.setPos(target)
        self._index = None
        return moved

    # -- model events ---------------------------------------------------------------------------
    def _on_event(self, ev: GraphEvent) -> None:
        kind, nid = ev.kind, ev.node
        if kind == "cleared":
            self.rebuild()
            return
        if kind in ("node_added", "node_removed", "ui_changed") or kind.startswith("group_"):
            self._reflow_all()
        if kind == "node_added":
            item = self._add_node(nid)
            graph = self.session.graph
            for key in graph.edges():
                if nid in key[:2] and key not in self._edges:
                    self._add_edge(*key)
            item.setSelected(nid in self.session.selected())
        elif kind == "node_removed":
            for key in [k for k in self._edges if nid in k[:2]]:
                self._remove_edge(key)
            item = self._nodes.pop(nid, None)
            if item is not None:
                self.removeItem(item)
        elif kind == "edge_added":
            d = ev.data
            self._add_edge(d["src"], d["dst"], d["port"])
        elif kind == "edge_removed":
            d = ev.data
            self._remove_edge((d["src"], d["dst"], d["port"]))
        elif kind == "renamed":
            self._nodes[nid].set_name(self.session.graph.nodes[nid].name)
        elif kind == "frozen_changed":
            self._nodes[nid].set_frozen(self.session.graph.nodes[nid].frozen)
        elif kind == "ui_changed":
            pos = node_pos(self.session.graph.nodes[nid].ui)
            if pos is not None and nid in self._nodes:
                self._nodes[nid].setPos(QPointF(*pos) + self.node_offset(nid))
                self._nodes[nid].update_edges()
            if self.session.graph.group_of(nid):
                self._update_groups()
        elif kind.startswith("group_"):
            self._update_groups()
        if kind in ("edge_added", "edge_removed"):
            self._nodes[ev.data["dst"]].set_port_count(self._port_count(ev.data["dst"]))
        if kind in STRUCTURAL:
            self._refresh_shapes()
            if kind == "node_removed" or any(g for g in self.session.graph.groups.values()):
                self._update_groups()

    def _refresh_shapes(self) -> None:
        """Output shapes on every node, issues on the exact node, port and edge."""
        graph = self.session.graph
        by_node: dict[str, list] = {}
        for issue in graph.issues:
            by_node.setdefault(issue.node, []).append(issue)
        for nid, item in self._nodes.items():
            info = graph.shapes.get(nid)
            item.set_shape_text(fmt_shape(info.out if info else None))
            item.set_issues(by_node.get(nid, []))
        for (src, dst, port), edge in self._edges.items():
            edge.set_error(any(i.port == port for i in by_node.get(dst, ())))

    def retranslate(self) -> None:
        """After a language change: the words on the nodes (a 'scalar' shape), and every
        label and tooltip the items were given (groups' lines, wires' badges), again."""
        self._refresh_shapes()
        for it in self.items():
            if isinstance(it, QGraphicsSimpleTextItem):
                text = again(it.text())
                if text != it.text():
                    it.setText(text)
            tip = QGraphicsItem.toolTip(it)        # as set (a node composes its own on demand)
            if tip and again(tip) != tip:
                it.setToolTip(again(tip))

    def refresh_edges(self) -> None:
        self._index = None
        for edge in self._edges.values():
            edge.setVisible(True)
            edge.update_path()
        self._update_groups()

    def _update_groups(self) -> None:
        graph = self.session.graph
        if not graph.groups and not self._groups and not self._hidden:
            return
        for gid in [g for g in self._groups if g not in graph.groups]:
            self.removeItem(self._groups.pop(gid))
        hidden: set[str] = set()
        for gid, grp in graph.groups.items():
            item = self._groups.get(gid)
            if item is None:
                item = self._groups[gid] = GroupItem(gid, grp.name, self.theme)
                self.addItem(item)
            rect = QRectF()
            for m in grp.members:
                node = self._nodes.get(m)
                if node is not None:
                    rect = rect.united(node.mapRectToScene(QRectF(0, 0, node.width, node.height)))
            if grp.collapsed:  # the box sits where the middle of its members was
                rect = QRectF(rect.center().x() - COLLAPSED_W / 2, rect.center().y() - COLLAPSED_H / 2,
                              COLLAPSED_W, COLLAPSED_H)
            item.set_state(grp.name, grp.collapsed, rect, len(grp.members))
            if grp.collapsed:
                hidden.update(grp.members)
        self._hidden = hidden
        for nid, node in self._nodes.items():
            node.setVisible(nid not in hidden)
        for (src, dst, _), edge in self._edges.items():
            same = graph.group_of(src) == graph.group_of(dst)
            edge.setVisible(not (same and src in hidden))
            edge.update_path()

    # -- selection ------------------------------------------------------------------------------
    def _push_selection(self) -> None:
        if self._syncing:
            return
        ids = [i.nid for i in self.selectedItems() if isinstance(i, NodeItem)]
        self._syncing = True
        try:
            self.session.select(ids)
        finally:
            self._syncing = False

    def _on_selection(self, ids: list) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            want = set(ids)
            for nid, item in self._nodes.items():
                if item.isSelected() != (nid in want):
                    item.setSelected(nid in want)
        finally:
            self._syncing = False

    def selected_group(self) -> str | None:
        for item in self.selectedItems():
            if isinstance(item, GroupItem):
                return item.gid
        return None

    def selected_edges(self) -> list[tuple[str, str, int]]:
        return [i.key for i in self.selectedItems() if isinstance(i, EdgeItem)]

    # -- wiring (used by PortItem and tests) ----------------------------------------------------
    def begin_wire(self, port: PortItem) -> None:
        self.wire.begin(port)

    def update_wire(self, pos: QPointF) -> None:
        self.wire.update(pos)

    def finish_wire(self, pos: QPointF) -> str | None:
        return self.wire.finish(pos)

    # -- gestures -------------------------------------------------------------------------------
    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:
        """Node tooltips are composed on demand (cheaper than keeping one per node up to date)."""
        for item in self.items(event.scenePos()):
            if isinstance(item, NodeItem):
                QToolTip.showText(event.screenPos(), item.tooltip_text())
                event.accept()
                return
            if item.toolTip():
                break
        super().helpEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if isinstance(self.mouseGrabberItem(), NodeItem):
            self._index = None
            for item in self.selectedItems():
                if isinstance(item, NodeItem):
                    item.update_edges()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self.commit_moves()

    def commit_moves(self) -> None:
        """Turn the positions items were dragged to into one undoable move."""
        graph = self.session.graph
        moves = {}
        for item in self.selectedItems():
            if isinstance(item, NodeItem) and item.nid in graph.nodes:
                old = node_pos(graph.nodes[item.nid].ui)
                at = item.pos() - self.node_offset(item.nid)    # the model has no offset
                new = (at.x(), at.y())
                if old is None or abs(old[0] - new[0]) > 0.5 or abs(old[1] - new[1]) > 0.5:
                    moves[item.nid] = (old, new)
        if moves:
            self.session.push(MoveNodes(self.session, moves))
            self._update_groups()

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        item = self.itemAt(event.scenePos(), QTransform())
        if isinstance(item, GroupItem) and item.hit_title(item.mapFromScene(event.scenePos())):
            self.toggle_group(item.gid)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def toggle_group(self, gid: str) -> None:
        grp = self.session.graph.groups[gid]
        self.session.push(SetCollapsed(self.session, gid, not grp.collapsed))
