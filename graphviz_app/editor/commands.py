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
from engine.ops.base import ParamError
from engine.shapes import infer

from ..i18n import QT_TRANSLATE_NOOP, Source, error_text, render, translate

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


# Large counts in words, largest first: "size word" pairs. A language groups digits its own way
# (Chinese by 10^4: 万, 亿), so the translation lists its own sizes and words.
SIZE_WORDS = QT_TRANSLATE_NOOP("Commands", "1e12 trillion|1e9 billion|1e6 million")


def _sizes(text: str) -> list[tuple[float, str]]:
    out = []
    for part in text.split("|"):
        size, _, word = part.strip().partition(" ")
        try:
            out.append((float(size), word.strip()))
        except ValueError:
            return _sizes(SIZE_WORDS) if text != SIZE_WORDS else []
    return out


def _words(n: int) -> str:
    """4_000_000 -> '4 million' (in Chinese '400 万'); small counts as digits: '2 400'."""
    for size, word in _sizes(translate("Commands", SIZE_WORDS)):
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
    return translate("Commands", "{name} would need {count} weights ({gib:.3g} GiB); the graph "
                     "may hold at most {limit}. {fix}").format(
        name=name, count=_words(after[nid]), gib=after[nid] * 8 / 2**30,
        limit=_words(MAX_WEIGHTS), fix=fix).strip()


class Named:
    """A command whose name (in Edit → Undo and the History panel) can be said again in
    another language: :meth:`set_name` keeps the marked English template and its fields, and
    :func:`retranslate_names` renames every such command of a stack."""

    _name: tuple[Source, dict] | None = None

    def set_name(self, text: "Source | str", **fields) -> None:
        """Name the command ``text`` (marked with QT_TRANSLATE_NOOP; a plain string is
        shown as it is and stays in the language it was made in) filled with ``fields``."""
        self._name = (text, fields) if isinstance(text, Source) else None
        self._title = (translate(text.context, text).format(**fields)
                       if isinstance(text, Source) else text)
        self.setText(self._title)

    def title(self) -> str:
        """The name as set (a composed text that reads again in another language)."""
        return self._title

    def retranslate(self) -> None:
        if self._name is not None:
            self.set_name(self._name[0], **self._name[1])


def retranslate_names(stack) -> None:
    """Rename the commands of ``stack`` (a QUndoStack) in the current language."""
    for i in range(stack.count()):
        cmd = stack.command(i)
        if isinstance(cmd, Named):
            cmd.retranslate()


class GraphCommand(Named, QUndoCommand):
    """Base: keeps the session; subclasses implement redo/undo and optionally check.
    ``text`` (a marked template, or plain text) is filled with ``fields`` to name it."""

    edits_model = True

    def __init__(self, session: "Session", text: "Source | str", **fields) -> None:
        super().__init__()
        self.session = session
        self.set_name(text, **fields)

    @property
    def graph(self):
        return self.session.graph

    def check(self) -> str | None:
        return None


class AddNode(GraphCommand):
    """Add one node of ``op`` at ``pos``."""

    def __init__(self, session: "Session", op: str, pos: Pos, params: dict | None = None,
                 name: str | None = None) -> None:
        super().__init__(session, QT_TRANSLATE_NOOP("Commands", "Add {op}"), op=op)
        self.op, self.pos, self.params, self.name = op, pos, params, name
        self.nid: str | None = None

    def check(self) -> str | None:
        try:
            get_op(self.op).validate_params(dict(self.params or {}))
        except KeyError:
            return translate("Commands", "there is no op {op}; drag one from the palette").format(
                op=repr(self.op[:40]))
        except ParamError as e:
            return f"{self.op}: {error_text(e)}"
        return None

    def redo(self) -> None:
        self.nid = self.graph.add_node(self.op, self.params, name=self.name, nid=self.nid,
                                       ui={"pos": [self.pos[0], self.pos[1]]})
        self.name = self.graph.nodes[self.nid].name
        self.set_name(QT_TRANSLATE_NOOP("Commands", "Add {name} ({op})"), name=self.name,
                      op=self.op)
        self.session.select([self.nid])

    def undo(self) -> None:
        self.graph.remove_node(self.nid)


class RemoveNodes(GraphCommand):
    """Remove nodes with their edges; undo restores them, their edges and their groups."""

    def __init__(self, session: "Session", ids: list[str]) -> None:
        names = ", ".join(session.graph.nodes[i].name for i in ids[:3] if i in session.graph.nodes)
        super().__init__(session, QT_TRANSLATE_NOOP("Commands", "Delete {names}"),
                         names=names + ("…" if len(ids) > 3 else ""))
        self.ids = [i for i in session.graph.nodes if i in set(ids)]
        self.saved: list[dict] = []
        self.groups: list[tuple[str, str, tuple, bool]] = []

    def check(self) -> str | None:
        return None if self.ids else translate("Commands", "select nodes to delete")

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
        super().__init__(session, QT_TRANSLATE_NOOP("Commands", "Connect"))
        self.src, self.dst, self.port = src, dst, port
        g = session.graph
        if src in g.nodes and dst in g.nodes:
            pname = get_op(g.nodes[dst].op).input_name(port)
            self.set_name(QT_TRANSLATE_NOOP("Commands", "Connect {src} → {dst}.{port}"),
                          src=g.nodes[src].name, dst=g.nodes[dst].name, port=pname)

    def check(self) -> str | None:
        reason = self.graph.check_connect(self.src, self.dst, self.port, shapes=True)
        if reason:
            return render(reason)
        return weight_budget_reason(self.graph, {}, [(self.src, self.dst, self.port)],
                                    translate("Commands", "Make the input smaller first."))

    def redo(self) -> None:
        self.graph.connect(self.src, self.dst, self.port)

    def undo(self) -> None:
        self.graph.disconnect(self.dst, self.port)


class Disconnect(GraphCommand):
    """Remove the wire into input ``port`` of ``dst``."""

    def __init__(self, session: "Session", dst: str, port: int) -> None:
        super().__init__(session, QT_TRANSLATE_NOOP("Commands", "Disconnect"))
        self.dst, self.port = dst, port
        self.src: str | None = None

    def check(self) -> str | None:
        g = self.graph
        if self.dst not in g.nodes:
            return translate("Commands", "that node no longer exists")
        ins = g.inputs_of(self.dst)
        if self.port >= len(ins) or ins[self.port] is None:
            return translate("Commands", "input {port} of {name} is not connected").format(
                port=self.port, name=g.nodes[self.dst].name)
        return None

    def redo(self) -> None:
        self.src = self.graph.disconnect(self.dst, self.port)
        self.set_name(QT_TRANSLATE_NOOP("Commands", "Disconnect {src} → {dst}"),
                      src=self.graph.nodes[self.src].name, dst=self.graph.nodes[self.dst].name)

    def undo(self) -> None:
        self.graph.connect(self.src, self.dst, self.port)


class MoveNodes(GraphCommand):
    """Move nodes (one drag, or an automatic layout): ``moves`` is ``{id: (old, new)}``."""

    edits_model = False

    def __init__(self, session: "Session", moves: dict[str, tuple[Pos | None, Pos]],
                 text: "Source | str | None" = None) -> None:
        """``text``: the name in Edit → Undo (default "Move 3 nodes")."""
        n = len(moves)
        many = QT_TRANSLATE_NOOP("Commands", "Move {count} nodes")
        super().__init__(session, text or (QT_TRANSLATE_NOOP("Commands", "Move 1 node")
                                           if n == 1 else many), count=n)
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
        super().__init__(session, QT_TRANSLATE_NOOP("Commands", "Set {name} {changes}"),
                         name=node.name if node else nid, changes=label)
        self.nid, self.changes = nid, dict(changes)
        self.old: dict = {}

    def check(self) -> str | None:
        node = self.graph.nodes.get(self.nid)
        if node is None:
            return translate("Commands", "that node no longer exists")
        merged = dict(node.params)
        merged.update(self.changes)
        try:
            merged = get_op(node.op).validate_params(merged)
        except ParamError as e:
            return f"{node.name}: {error_text(e)}"
        fix = translate("Commands", "Choose a smaller {params}.").format(
            params=", ".join(self.changes))
        return weight_budget_reason(self.graph, {self.nid: dataclasses.replace(node, params=merged)},
                                    fix=fix)

    def redo(self) -> None:
        self.old = self.graph.set_params(self.nid, self.changes)

    def undo(self) -> None:
        self.graph.set_params(self.nid, self.old)


class Rename(GraphCommand):
    def __init__(self, session: "Session", nid: str, name: str) -> None:
        super().__init__(session, QT_TRANSLATE_NOOP("Commands", "Rename to {name}"), name=name)
        self.nid, self.name = nid, name
        self.old: str | None = None

    def check(self) -> str | None:
        try:
            self.graph._check_name(self.name, exclude=self.nid)
        except GraphError as e:
            return error_text(e)
        return None

    def redo(self) -> None:
        self.old = self.graph.rename(self.nid, self.name)
        self.set_name(QT_TRANSLATE_NOOP("Commands", "Rename {old} to {new}"), old=self.old,
                      new=self.name)

    def undo(self) -> None:
        self.graph.rename(self.nid, self.old)


class SetFrozen(GraphCommand):
    def __init__(self, session: "Session", nid: str, frozen: bool) -> None:
        name = session.graph.nodes[nid].name if nid in session.graph.nodes else nid
        text = QT_TRANSLATE_NOOP("Commands", "Freeze {name}") if frozen else \
            QT_TRANSLATE_NOOP("Commands", "Unfreeze {name}")
        super().__init__(session, text, name=name)
        self.nid, self.frozen = nid, bool(frozen)
        self.old = False

    def redo(self) -> None:
        self.old = self.graph.set_frozen(self.nid, self.frozen)

    def undo(self) -> None:
        self.graph.set_frozen(self.nid, self.old)


class GroupNodes(GraphCommand):
    def __init__(self, session: "Session", ids: list[str], name: str) -> None:
        super().__init__(session, QT_TRANSLATE_NOOP("Commands", "Group {name}"), name=name)
        self.ids, self.name = list(ids), name
        self.gid: str | None = None

    def check(self) -> str | None:
        if not self.ids:
            return translate("Commands", "select nodes to group")
        for n in self.ids:
            gid = self.graph.group_of(n)
            if gid:
                return translate("Commands", "{name} is already in group {group}; ungroup it "
                                 "first").format(name=self.graph.nodes[n].name,
                                                 group=self.graph.groups[gid].name)
        return None

    def redo(self) -> None:
        self.gid = self.graph.group(self.ids, self.name, gid=self.gid)

    def undo(self) -> None:
        self.graph.ungroup(self.gid)


class Ungroup(GraphCommand):
    def __init__(self, session: "Session", gid: str) -> None:
        grp = session.graph.groups.get(gid)
        super().__init__(session, QT_TRANSLATE_NOOP("Commands", "Ungroup {name}"),
                         name=grp.name if grp else gid)
        self.gid = gid
        self.saved: Any = None

    def check(self) -> str | None:
        return None if self.gid in self.graph.groups else translate(
            "Commands", "select a group to ungroup")

    def redo(self) -> None:
        self.saved = self.graph.ungroup(self.gid)

    def undo(self) -> None:
        s = self.saved
        self.graph.group(s.members, s.name, gid=s.id, collapsed=s.collapsed)


class SetCollapsed(GraphCommand):
    edits_model = False

    def __init__(self, session: "Session", gid: str, collapsed: bool) -> None:
        name = session.graph.groups[gid].name if gid in session.graph.groups else gid
        text = QT_TRANSLATE_NOOP("Commands", "Collapse {name}") if collapsed else \
            QT_TRANSLATE_NOOP("Commands", "Expand {name}")
        super().__init__(session, text, name=name)
        self.gid, self.collapsed = gid, bool(collapsed)
        self.old = not collapsed

    def redo(self) -> None:
        self.old = self.graph.set_collapsed(self.gid, self.collapsed)

    def undo(self) -> None:
        self.graph.set_collapsed(self.gid, self.old)


# What an AddNodes command is called in Edit → Undo, and how its refusals begin, by kind
_ADD_TEXTS = {
    "Paste": (QT_TRANSLATE_NOOP("Commands", "Paste 1 node"),
              QT_TRANSLATE_NOOP("Commands", "Paste {count} nodes"),
              QT_TRANSLATE_NOOP("Commands", "cannot paste {name}: {why}")),
    "Duplicate": (QT_TRANSLATE_NOOP("Commands", "Duplicate 1 node"),
                  QT_TRANSLATE_NOOP("Commands", "Duplicate {count} nodes"),
                  QT_TRANSLATE_NOOP("Commands", "cannot duplicate {name}: {why}")),
}


class AddNodes(GraphCommand):
    """Add several nodes and the edges among them (paste, duplicate).

    ``nodes``: dicts with op, params, name, frozen, pos; ``edges``: (src index, dst index, port);
    ``text``: "Paste" or "Duplicate" (the kind of edit, named in the user's language).
    """

    def __init__(self, session: "Session", nodes: list[dict], edges: list[tuple[int, int, int]],
                 text: str = "Paste") -> None:
        if text not in _ADD_TEXTS:
            raise ValueError(f"text must be one of {', '.join(_ADD_TEXTS)}, not {text!r}")
        one, many, cannot = _ADD_TEXTS[text]
        super().__init__(session, one if len(nodes) == 1 else many, count=len(nodes))
        self._cannot = translate("Commands", cannot)
        self.nodes, self.edges = nodes, edges
        self.ids: list[str | None] = [None] * len(nodes)
        self.names: list[str | None] = [None] * len(nodes)

    def check(self) -> str | None:
        if not self.nodes:
            return translate("Commands", "nothing to paste")
        trial: dict[str, Node] = {}
        for i, spec in enumerate(self.nodes):
            name = spec.get("name") or spec["op"]
            try:
                params = get_op(spec["op"]).validate_params(dict(spec.get("params") or {}))
            except KeyError:
                why = translate("Commands", "there is no op {op}").format(op=repr(spec["op"]))
                return self._cannot.format(name=name, why=why)
            except ParamError as e:
                return self._cannot.format(name=name, why=error_text(e))
            tid = f"\0{i}"   # never a real id
            trial[tid] = Node(tid, spec.get("name") or spec["op"], spec["op"], params)
        edges = [(f"\0{a}", f"\0{b}", p) for a, b, p in self.edges]
        return weight_budget_reason(self.graph, trial, edges,
                                    translate("Commands", "Change it before pasting."))

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
