"""Undoable edits. Every user edit is one QUndoCommand that calls the session's graph only,
never a view: views follow the graph's events.

Each command may refuse before it runs: :meth:`check` returns a reason (pushed to the status
bar by :meth:`Session.push`) or None. ``edits_model = False`` marks view-only edits (moves,
collapsing) that stay allowed while training locks the session.
"""
from __future__ import annotations

import dataclasses
import math
import re
from typing import TYPE_CHECKING, Any

import networkx as nx
from PySide6.QtGui import QUndoCommand

from engine import GraphError, Node, get_op
from engine.messages import Msg, carried
from engine.ops.base import ParamError
from engine.shapes import infer

if TYPE_CHECKING:  # pragma: no cover
    from ..session import Session

Pos = tuple[float, float]


def node_pos(ui: dict) -> Pos | None:
    """The canvas position stored in a node's ``ui`` dict (``pos: [x, y]``), if any."""
    p = ui.get("pos")
    if isinstance(p, (list, tuple)) and len(p) == 2:
        return float(p[0]), float(p[1])
    if "x" in ui and "y" in ui:
        return float(ui["x"]), float(ui["y"])
    return None


# The engine draws every weight array as soon as an edit gives a node its shapes, so a few
# large layers (or one typo such as units = 999999999) would try to allocate gigabytes. Edits
# that would pass this many numbers in all arrays together (800 MB) are refused before they run.
MAX_WEIGHTS = 100_000_000
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-\[\]]*")   # the engine's rule for node names


class _Trial:
    """The graph as it would be after an edit, for shape inference only (nothing is drawn):
    ``nodes`` replaces or adds nodes, ``edges`` adds wires (src, dst, port)."""

    def __init__(self, graph, nodes: dict, edges: list[tuple[str, str, int]] = ()) -> None:
        self._graph = graph
        self.nodes = {**graph.nodes, **nodes}
        self._extra = list(edges)

    def inputs_of(self, nid: str) -> list:
        if nid in self._graph.nodes:
            ins = list(self._graph.inputs_of(nid))
        else:
            ins = [None] * len(get_op(self.nodes[nid].op).inputs)
        for src, dst, port in self._extra:
            if dst == nid:
                ins += [None] * (port + 1 - len(ins))
                ins[port] = src
        return ins

    def topo_order(self) -> list[str]:
        order = self._graph.topo_order()
        if len(self.nodes) == len(self._graph.nodes):
            at = {n: i for i, n in enumerate(order)}
            if all(at[s] < at[d] for s, d, _ in self._extra):   # new wires keep the order
                return order
        g = nx.DiGraph()
        g.add_nodes_from(self.nodes)
        g.add_edges_from((s, d) for s, d, _ in [*self._graph.edges(), *self._extra])
        return list(nx.topological_sort(g))


def _numbers(shapes: dict) -> dict[str, int]:
    return {nid: sum(math.prod(int(x) for x in w.shape) for w in info.weights)
            for nid, info in shapes.items()}


def _words(n: int) -> str:
    for size, word in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
        if n >= size:
            return f"{n / size:.3g} {word}"
    return f"{n:,}".replace(",", " ")


def weight_budget_reason(graph, nodes: dict, edges: list = (), fix: str = "") -> str | None:
    """Why the edit described as for :class:`_Trial` would need too many weights, or None."""
    try:
        after = _numbers(infer(_Trial(graph, nodes, edges))[0])
    except Exception:  # noqa: BLE001 - inference is the engine's to refuse; not ours to crash on
        return None
    before = _numbers(graph.shapes)
    total, old = sum(after.values()), sum(before.values())
    if total <= MAX_WEIGHTS or total <= old:
        return None
    nid = max(after, key=lambda n: after[n] - before.get(n, 0))
    name = getattr(graph.nodes.get(nid) or nodes.get(nid), "name", nid)
    return (f"{name} would need {_words(after[nid])} weights ({after[nid] * 8 / 2**30:.3g} GiB); "
            f"the graph may hold at most {_words(MAX_WEIGHTS)}. {fix}".strip())


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
            return f"there is no op {self.op[:40]!r}; drag one from the palette"
        except ParamError as e:
            return Msg("named", name=self.op, error=carried(e))
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
        reason = self.graph.check_connect(self.src, self.dst, self.port, shapes=True)
        if reason:
            return reason
        return weight_budget_reason(self.graph, {}, [(self.src, self.dst, self.port)],
                                    "Make the input smaller first.")

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
            merged = get_op(node.op).validate_params(merged)
        except ParamError as e:
            return Msg("named", name=node.name, error=carried(e))
        return weight_budget_reason(self.graph, {self.nid: dataclasses.replace(node, params=merged)},
                                    fix=f"Choose a smaller {', '.join(self.changes)}.")

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
            return carried(e)
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
        if not self.nodes:
            return "nothing to paste"
        trial: dict[str, Node] = {}
        for i, spec in enumerate(self.nodes):
            what = f"{self.text().split()[0].lower()} {spec.get('name') or spec['op']}"
            try:
                params = get_op(spec["op"]).validate_params(dict(spec.get("params") or {}))
            except KeyError:
                return f"cannot {what}: there is no op {spec['op']!r}"
            except ParamError as e:
                return f"cannot {what}: {e}"
            tid = f"\0{i}"   # never a real id
            trial[tid] = Node(tid, spec.get("name") or spec["op"], spec["op"], params)
        edges = [(f"\0{a}", f"\0{b}", p) for a, b, p in self.edges]
        return weight_budget_reason(self.graph, trial, edges, "Change it before pasting.")

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
                try:
                    g._check_name(wanted)
                    name = wanted
                except GraphError:  # taken, or not a usable name (text pasted from elsewhere)
                    usable = isinstance(wanted, str) and _NAME.fullmatch(wanted)
                    name = g.unique_name(wanted if usable else spec["op"])
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
