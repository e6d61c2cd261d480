"""Undoable edits. Every user edit is one QUndoCommand that calls the session's graph only,
never a view: views follow the graph's events.

Each command may refuse before it runs: :meth:`check` returns a reason (pushed to the status
bar by :meth:`Session.push`) or None. ``edits_model = False`` marks view-only edits (moves,
collapsing) that stay allowed while training locks the session.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand

from engine import GraphError, get_op
from engine.ops.base import ParamError

if TYPE_CHECKING:  # pragma: no cover
    from .session import Session

Pos = tuple[float, float]


def node_pos(ui: dict) -> Pos | None:
    """The canvas position stored in a node's ``ui`` dict (``pos: [x, y]``), if any."""
    p = ui.get("pos")
    if isinstance(p, (list, tuple)) and len(p) == 2:
        return float(p[0]), float(p[1])
    if "x" in ui and "y" in ui:
        return float(ui["x"]), float(ui["y"])
    return None


class GraphCommand(QUndoCommand):
    """Base: keeps the session; subclasses implement redo/undo and optionally check."""

    edits_model = True

    def __init__(self, session: "Session", text: str) -> None:
        super().__init__(text)
        self.session = session

    @property
    def graph(self):
        return self.session.graph

    def check(self) -> str | None:
        return None


class AddNode(GraphCommand):
    """Add one node of ``op`` at ``pos``."""

    def __init__(self, session: "Session", op: str, pos: Pos, params: dict | None = None,
                 name: str | None = None) -> None:
        super().__init__(session, f"Add {op}")
        self.op, self.pos, self.params, self.name = op, pos, params, name
        self.nid: str | None = None

    def check(self) -> str | None:
        try:
            get_op(self.op).validate_params(dict(self.params or {}))
        except KeyError:
            return f"unknown op {self.op!r}"
        except ParamError as e:
            return f"{self.op}: {e}"
        return None

    def redo(self) -> None:
        self.nid = self.graph.add_node(self.op, self.params, name=self.name, nid=self.nid,
                                       ui={"pos": [self.pos[0], self.pos[1]]})
        self.name = self.graph.nodes[self.nid].name
        self.setText(f"Add {self.name} ({self.op})")
        self.session.select([self.nid])

    def undo(self) -> None:
        self.graph.remove_node(self.nid)


class RemoveNodes(GraphCommand):
    """Remove nodes with their edges; undo restores them, their edges and their groups."""

    def __init__(self, session: "Session", ids: list[str]) -> None:
        names = ", ".join(session.graph.nodes[i].name for i in ids[:3] if i in session.graph.nodes)
        super().__init__(session, f"Delete {names}{'…' if len(ids) > 3 else ''}")
        self.ids = [i for i in session.graph.nodes if i in set(ids)]
        self.saved: list[dict] = []
        self.groups: list[tuple[str, str, tuple, bool]] = []

    def check(self) -> str | None:
        return None if self.ids else "select nodes to delete"

    def redo(self) -> None:
        g = self.graph
        self.groups = [(x.id, x.name, x.members, x.collapsed) for x in g.groups.values()
                       if set(x.members) & set(self.ids)]
        self.saved = [g.remove_node(n) for n in self.ids]

    def undo(self) -> None:
        g = self.graph
        for saved in reversed(self.saved):
            g.restore_node(saved)
        for gid, name, members, collapsed in self.groups:
            if gid in g.groups:
                if set(g.groups[gid].members) == set(members):
                    continue  # the engine put the membership back already
                g.ungroup(gid)
            g.group(members, name, gid=gid, collapsed=collapsed)
        self.session.select(self.ids)


class Connect(GraphCommand):
    """Wire ``src``'s output to input ``port`` of ``dst`` (refused when shapes disagree)."""

    def __init__(self, session: "Session", src: str, dst: str, port: int) -> None:
        super().__init__(session, "Connect")
        self.src, self.dst, self.port = src, dst, port
        g = session.graph
        if src in g.nodes and dst in g.nodes:
            pname = get_op(g.nodes[dst].op).input_name(port)
            self.setText(f"Connect {g.nodes[src].name} → {g.nodes[dst].name}.{pname}")

    def check(self) -> str | None:
        return self.graph.check_connect(self.src, self.dst, self.port, shapes=True)

    def redo(self) -> None:
        self.graph.connect(self.src, self.dst, self.port)

    def undo(self) -> None:
        self.graph.disconnect(self.dst, self.port)


class Disconnect(GraphCommand):
    """Remove the wire into input ``port`` of ``dst``."""

    def __init__(self, session: "Session", dst: str, port: int) -> None:
        super().__init__(session, "Disconnect")
        self.dst, self.port = dst, port
        self.src: str | None = None

    def check(self) -> str | None:
        g = self.graph
        if self.dst not in g.nodes:
            return "that node no longer exists"
        ins = g.inputs_of(self.dst)
        if self.port >= len(ins) or ins[self.port] is None:
            return f"input {self.port} of {g.nodes[self.dst].name} is not connected"
        return None

    def redo(self) -> None:
        self.src = self.graph.disconnect(self.dst, self.port)
        self.setText(f"Disconnect {self.graph.nodes[self.src].name} → "
                     f"{self.graph.nodes[self.dst].name}")

    def undo(self) -> None:
        self.graph.connect(self.src, self.dst, self.port)


class MoveNodes(GraphCommand):
    """Move nodes (one drag, or an automatic layout): ``moves`` is ``{id: (old, new)}``."""

    edits_model = False

    def __init__(self, session: "Session", moves: dict[str, tuple[Pos | None, Pos]],
                 text: str = "Move") -> None:
        n = len(moves)
        super().__init__(session, text if text != "Move" else f"Move {n} node{'s' * (n != 1)}")
        self.moves = moves

    def _apply(self, which: int) -> None:
        g = self.graph
        for nid, pair in self.moves.items():
            if nid in g.nodes and pair[which] is not None:
                x, y = pair[which]
                g.set_ui(nid, pos=[float(x), float(y)])

    def redo(self) -> None:
        self._apply(1)

    def undo(self) -> None:
        self._apply(0)


class SetParams(GraphCommand):
    """Change parameters of one node."""

    def __init__(self, session: "Session", nid: str, changes: dict) -> None:
        node = session.graph.nodes.get(nid)
        label = ", ".join(f"{k}={v}" for k, v in changes.items())
        super().__init__(session, f"Set {node.name if node else nid} {label}")
        self.nid, self.changes = nid, dict(changes)
        self.old: dict = {}

    def check(self) -> str | None:
        node = self.graph.nodes.get(self.nid)
        if node is None:
            return "that node no longer exists"
        merged = dict(node.params)
        merged.update(self.changes)
        try:
            get_op(node.op).validate_params(merged)
        except ParamError as e:
            return f"{node.name}: {e}"
        return None

    def redo(self) -> None:
        self.old = self.graph.set_params(self.nid, self.changes)

    def undo(self) -> None:
        self.graph.set_params(self.nid, self.old)


class Rename(GraphCommand):
    def __init__(self, session: "Session", nid: str, name: str) -> None:
        super().__init__(session, f"Rename to {name}")
        self.nid, self.name = nid, name
        self.old: str | None = None

    def check(self) -> str | None:
        try:
            self.graph._check_name(self.name, exclude=self.nid)
        except GraphError as e:
            return str(e)
        return None

    def redo(self) -> None:
        self.old = self.graph.rename(self.nid, self.name)
        self.setText(f"Rename {self.old} to {self.name}")

    def undo(self) -> None:
        self.graph.rename(self.nid, self.old)


class SetFrozen(GraphCommand):
    def __init__(self, session: "Session", nid: str, frozen: bool) -> None:
        name = session.graph.nodes[nid].name if nid in session.graph.nodes else nid
        super().__init__(session, f"{'Freeze' if frozen else 'Unfreeze'} {name}")
        self.nid, self.frozen = nid, bool(frozen)
        self.old = False

    def redo(self) -> None:
        self.old = self.graph.set_frozen(self.nid, self.frozen)

    def undo(self) -> None:
        self.graph.set_frozen(self.nid, self.old)


class GroupNodes(GraphCommand):
    def __init__(self, session: "Session", ids: list[str], name: str) -> None:
        super().__init__(session, f"Group {name}")
        self.ids, self.name = list(ids), name
        self.gid: str | None = None

    def check(self) -> str | None:
        if not self.ids:
            return "select nodes to group"
        for n in self.ids:
            gid = self.graph.group_of(n)
            if gid:
                return (f"{self.graph.nodes[n].name} is already in group "
                        f"{self.graph.groups[gid].name}; ungroup it first")
        return None

    def redo(self) -> None:
        self.gid = self.graph.group(self.ids, self.name, gid=self.gid)

    def undo(self) -> None:
        self.graph.ungroup(self.gid)


class Ungroup(GraphCommand):
    def __init__(self, session: "Session", gid: str) -> None:
        grp = session.graph.groups.get(gid)
        super().__init__(session, f"Ungroup {grp.name if grp else gid}")
        self.gid = gid
        self.saved: Any = None

    def check(self) -> str | None:
        return None if self.gid in self.graph.groups else "select a group to ungroup"

    def redo(self) -> None:
        self.saved = self.graph.ungroup(self.gid)

    def undo(self) -> None:
        s = self.saved
        self.graph.group(s.members, s.name, gid=s.id, collapsed=s.collapsed)


class SetCollapsed(GraphCommand):
    edits_model = False

    def __init__(self, session: "Session", gid: str, collapsed: bool) -> None:
        name = session.graph.groups[gid].name if gid in session.graph.groups else gid
        super().__init__(session, f"{'Collapse' if collapsed else 'Expand'} {name}")
        self.gid, self.collapsed = gid, bool(collapsed)
        self.old = not collapsed

    def redo(self) -> None:
        self.old = self.graph.set_collapsed(self.gid, self.collapsed)

    def undo(self) -> None:
        self.graph.set_collapsed(self.gid, self.old)


class AddNodes(GraphCommand):
    """Add several nodes and the edges among them (paste, duplicate).

    ``nodes``: dicts with op, params, name, frozen, pos; ``edges``: (src index, dst index, port).
    """

    def __init__(self, session: "Session", nodes: list[dict], edges: list[tuple[int, int, int]],
                 text: str = "Paste") -> None:
        super().__init__(session, f"{text} {len(nodes)} node{'s' * (len(nodes) != 1)}")
        self.nodes, self.edges = nodes, edges
        self.ids: list[str | None] = [None] * len(nodes)
        self.names: list[str | None] = [None] * len(nodes)

    def check(self) -> str | None:
        for spec in self.nodes:
            try:
                get_op(spec["op"]).validate_params(dict(spec.get("params") or {}))
            except (KeyError, ParamError) as e:
                return f"cannot paste {spec.get('name', '?')}: {e}"
        return None if self.nodes else "nothing to paste"

    def redo(self) -> None:
        with self.graph.batch():   # one shape inference for the whole paste
            self._add_all()
        self.session.select([i for i in self.ids if i])

    def _add_all(self) -> None:
        g = self.graph
        for i, spec in enumerate(self.nodes):
            name = self.names[i]
            if name is None:
                wanted = spec.get("name")
                taken = {n.name for n in g.nodes.values()}
                name = wanted if wanted and wanted not in taken else g.unique_name(wanted or spec["op"])
            x, y = spec.get("pos", (0.0, 0.0))
            self.ids[i] = g.add_node(spec["op"], spec.get("params"), name=name, nid=self.ids[i],
                                     frozen=bool(spec.get("frozen")), ui={"pos": [x, y]})
            self.names[i] = name
        for a, b, port in self.edges:
            if g.check_connect(self.ids[a], self.ids[b], port, shapes=False) is None:
                g.connect(self.ids[a], self.ids[b], port)

    def undo(self) -> None:
        with self.graph.batch():
            for nid in reversed(self.ids):
                if nid in self.graph.nodes:
                    self.graph.remove_node(nid)
