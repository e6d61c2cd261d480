"""The editable graph model: op nodes joined by port-numbered edges, with observers.

Structure lives in a networkx ``MultiDiGraph`` whose edge key is the destination port, so a node
may feed the same consumer twice (x * x). Every edit validates first and changes nothing when it
refuses (a cycle, an unknown op, a bad parameter value, a port that does not exist), raising
:class:`GraphError` with a message that names the thing and the fix. After every change, shape
inference runs again and observers are told with a :class:`GraphEvent`.

Groups ("composites") are a named set of nodes drawn as one box; they do not change the math.
"""
from __future__ import annotations

import copy
import math
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

import networkx as nx
import numpy as np

from . import ops  # noqa: F401  (registers every op)
from .messages import Msg, carried
from .ops.base import ParamError, get_op, initialize, REGISTRY
from .shapes import NodeShape, ShapeIssue, infer
from .weights import Weights, memory_problem, pending_init

LAZY_MIN = 1 << 16
"""Arrays with at least this many numbers wait until something reads them (see weights.py);
smaller ones are drawn at once from the graph's generator, so small graphs keep their seeded start."""


class GraphError(ValueError):
    """An edit or a run the graph refuses; the message (a :class:`Msg`, which the app shows in
    the user's language) says what and how to fix it."""


@dataclass
class Node:
    id: str
    name: str
    op: str
    params: dict
    frozen: bool = False
    ui: dict = field(default_factory=dict)        # opaque to the engine (position, colour…)
    weights: Weights = field(default_factory=Weights)   # name -> np.ndarray, made when read


@dataclass
class Group:
    id: str
    name: str
    members: tuple[str, ...]
    collapsed: bool = True
    ui: dict = field(default_factory=dict)


@dataclass(frozen=True)
class GraphEvent:
    """kind: node_added, node_removed, edge_added, edge_removed, params_changed, renamed,
    frozen_changed, ui_changed, group_added, group_removed, group_changed, weights_changed,
    shapes_changed (after a batch of edits), cleared."""

    kind: str
    node: str | None = None
    data: dict = field(default_factory=dict)


_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-\[\]\.]*$")


class Graph:
    """An editable computation graph. Node ids are stable; names are unique and renameable."""

    def __init__(self, seed: int = 0) -> None:
        self._g = nx.MultiDiGraph()
        self.nodes: dict[str, Node] = {}
        self.groups: dict[str, Group] = {}
        self._observers: list[Callable[[GraphEvent], None]] = []
        self._next = 1
        self.rng = np.random.default_rng(seed)
        self.shapes: dict[str, NodeShape] = {}
        self.issues: list[ShapeIssue] = []
        self._order: list[str] | None = None
        self.version = 0  # bumps on every change; executors use it to notice staleness
        self.meta: dict = {}
        self._deferred = 0     # depth of batch() blocks
        self._stale = False    # an edit inside batch() skipped inference  # saved with the graph: title, description, dataset settings…

    # -- observers -----------------------------------------------------------------------------
    def subscribe(self, fn: Callable[[GraphEvent], None]) -> None:
        self._observers.append(fn)

    def unsubscribe(self, fn: Callable[[GraphEvent], None]) -> None:
        if fn in self._observers:
            self._observers.remove(fn)

    def _changed(self, event: GraphEvent, structural: bool = True) -> None:
        self.version += 1
        if structural:
            self._order = None
            if self._deferred:
                self._stale = True
            else:
                self._reinfer()
        for fn in list(self._observers):
            fn(event)

    @contextmanager
    def batch(self) -> Iterator["Graph"]:
        """Make many edits with one shape inference at the end (building, loading, pasting).

        Inside the block, shapes and issues are stale; edits still validate everything else
        (cycles, ports, parameters). On leaving, inference runs once and observers get a
        ``shapes_changed`` event.
        """
        self._deferred += 1
        try:
            yield self
        finally:
            self._deferred -= 1
            if not self._deferred and self._stale:
                self._stale = False
                self._reinfer()
                self._changed(GraphEvent("shapes_changed"), structural=False)

    # -- queries --------------------------------------------------------------------------------
    def __contains__(self, nid: str) -> bool:
        return nid in self.nodes

    def __len__(self) -> int:
        return len(self.nodes)

    def node(self, nid: str) -> Node:
        try:
            return self.nodes[nid]
        except KeyError:
            raise GraphError(Msg("graph.no_node", nid=nid)) from None

    def by_name(self, name: str) -> str:
        """The id of the node called ``name``."""
        for n in self.nodes.values():
            if n.name == name:
                return n.id
        raise GraphError(Msg("graph.no_node_named", name=name))

    def resolve(self, ref: str) -> str:
        """Accept an id or a name."""
        return ref if ref in self.nodes else self.by_name(ref)

    def inputs_of(self, nid: str) -> list[str | None]:
        """Source node id per input port (None for an unconnected port), in port order."""
        op = get_op(self.nodes[nid].op)
        srcs: dict[int, str] = {k: u for u, _, k in self._g.in_edges(nid, keys=True)}
        n = len(op.inputs)
        if op.variadic and srcs:
            n = max(n, max(srcs) + 1)
        return [srcs.get(p) for p in range(n)]

    def consumers(self, nid: str) -> list[tuple[str, int]]:
        """(consumer id, port) for every edge out of ``nid``, in deterministic order."""
        order = {k: i for i, k in enumerate(self.nodes)}
        return sorted(((v, k) for _, v, k in self._g.out_edges(nid, keys=True)),
                      key=lambda e: (order[e[0]], e[1]))

    def edges(self) -> list[tuple[str, str, int]]:
        """(src, dst, port) for every edge, in deterministic order."""
        order = {k: i for i, k in enumerate(self.nodes)}
        return sorted(((u, v, k) for u, v, k in self._g.edges(keys=True)),
                      key=lambda e: (order[e[1]], e[2]))

    def topo_order(self) -> list[str]:
        """Nodes in topological order, ties broken by insertion order (stable run to run)."""
        if self._order is None:
            order = {k: i for i, k in enumerate(self.nodes)}
            self._order = list(nx.lexicographical_topological_sort(self._g, key=order.__getitem__))
        return self._order

    def ancestors(self, nid: str) -> set[str]:
        return nx.ancestors(self._g, nid)

    def nx_graph(self) -> nx.MultiDiGraph:
        """A read-only view of the structure, for layout and analysis."""
        return self._g.copy(as_view=True)

    def issues_for(self, nid: str) -> list[ShapeIssue]:
        return [i for i in self.issues if i.node == nid]

    def group_of(self, nid: str) -> str | None:
        for g in self.groups.values():
            if nid in g.members:
                return g.id
        return None

    # -- edits ----------------------------------------------------------------------------------
    def _new_id(self) -> str:
        while f"n{self._next}" in self.nodes:
            self._next += 1
        nid = f"n{self._next}"
        self._next += 1
        return nid

    def unique_name(self, base: str) -> str:
        taken = {n.name for n in self.nodes.values()}
        base = re.sub(r"\d+$", "", base) or "node"
        i = 1
        while f"{base}{i}" in taken:
            i += 1
        return f"{base}{i}"

    def add_node(self, op: str, params: dict | None = None, name: str | None = None,
                 ui: dict | None = None, frozen: bool = False, nid: str | None = None,
                 weights: dict | None = None) -> str:
        """Add a node of ``op``; return its id. Refuses an unknown op or bad parameters."""
        if op not in REGISTRY:
            raise GraphError(Msg("graph.unknown_op", op=op, ops=", ".join(sorted(REGISTRY))))
        try:
            full = get_op(op).validate_params(dict(params or {}))
        except ParamError as e:
            raise GraphError(Msg("named", name=name or op, error=carried(e))) from None
        if nid is not None and nid in self.nodes:
            raise GraphError(Msg("graph.id_taken", nid=nid))
        if name is not None:
            self._check_name(name)
        nid = nid or self._new_id()
        name = name or self.unique_name(op)
        w = weights.copy() if isinstance(weights, Weights) else \
            Weights({k: np.array(v) for k, v in (weights or {}).items()})
        self.nodes[nid] = Node(nid, name, op, full, bool(frozen), dict(ui or {}), w)
        self._g.add_node(nid)
        self._changed(GraphEvent("node_added", nid))
        return nid

    def _check_name(self, name: str, exclude: str | None = None) -> None:
        if not isinstance(name, str) or not _NAME_RE.match(name):
            raise GraphError(Msg("graph.bad_name", name=name))
        for n in self.nodes.values():
            if n.name == name and n.id != exclude:
                raise GraphError(Msg("graph.name_taken", name=name))

    def remove_node(self, nid: str) -> dict:
        """Remove a node and its edges; return what :meth:`restore_node` needs to undo it."""
        node = self.node(nid)
        ins = [(u, k) for u, _, k in self._g.in_edges(nid, keys=True)]
        outs = [(v, k) for _, v, k in self._g.out_edges(nid, keys=True)]
        position = list(self.nodes).index(nid)
        groups = [(g.id, g.members.index(nid)) for g in self.groups.values() if nid in g.members]
        for gid, _ in groups:
            g = self.groups[gid]
            g.members = tuple(m for m in g.members if m != nid)
        self._g.remove_node(nid)
        del self.nodes[nid]
        dropped = [self.groups.pop(g) for g, grp in list(self.groups.items()) if not grp.members]
        self._changed(GraphEvent("node_removed", nid, {"name": node.name}))
        return {"node": node, "ins": ins, "outs": outs, "position": position, "groups": groups,
                "dropped_groups": dropped}

    def restore_node(self, saved: dict) -> None:
        """Put back a node removed by :meth:`remove_node`, with its edges and place in order."""
        node: Node = saved["node"]
        items = list(self.nodes.items())
        items.insert(min(saved["position"], len(items)), (node.id, node))
        self.nodes.clear()  # in place: others may hold a reference to this dict
        self.nodes.update(items)
        for grp in saved.get("dropped_groups", ()):
            self.groups.setdefault(grp.id, grp)
        for gid, index in saved.get("groups", ()):
            grp = self.groups.get(gid)
            if grp is not None and node.id not in grp.members:
                members = list(grp.members)
                members.insert(min(index, len(members)), node.id)
                grp.members = tuple(members)
        self._g.add_node(node.id)
        for u, k in saved["ins"]:
            if u in self.nodes:
                self._g.add_edge(u, node.id, key=k)
        for v, k in saved["outs"]:
            if v in self.nodes:
                self._g.add_edge(node.id, v, key=k)
        self._changed(GraphEvent("node_added", node.id))

    def check_connect(self, src: str, dst: str, port: int, shapes: bool = True) -> Msg | None:
        """Why wiring ``src`` to ``dst``'s input ``port`` would be refused, or None if it is fine.

        With ``shapes``, a wire that would give ``dst`` a shape error is refused too.
        """
        if src not in self.nodes or dst not in self.nodes:
            return Msg("graph.not_in_graph")
        op = get_op(self.nodes[dst].op)
        dname, sname = self.nodes[dst].name, self.nodes[src].name
        if port < 0 or (port >= len(op.inputs) and not op.variadic):
            return Msg("graph.no_port", name=dname, op=op.name, port=port)
        if src == dst:
            return Msg("graph.self_loop", name=dname)
        if self._g.has_node(dst) and any(k == port for _, _, k in self._g.in_edges(dst, keys=True)):
            return Msg("graph.port_in_use", input=op.input_name(port), name=dname)
        if nx.has_path(self._g, dst, src):
            return Msg("graph.cycle", src=sname, dst=dname)
        if shapes:
            out = self.shapes.get(src)
            if out is not None and out.out is not None:
                trial = copy.copy(self)
                trial._g = self._g.copy()
                trial._order = None
                trial._g.add_edge(src, dst, key=port)
                results, issues = infer(trial)
                for i in issues:
                    if i.node == dst and (i.port is None or i.port == port or
                                          all(s is not None for s in trial.inputs_of(dst))):
                        return Msg("named", name=dname, error=i.msg or i.message)
        return None

    def connect(self, src: str, dst: str, port: int, check_shapes: bool = False) -> None:
        """Wire ``src``'s output to ``dst``'s input ``port``; refuse with GraphError and change
        nothing if the wire is impossible (or, with ``check_shapes``, gives a shape error)."""
        reason = self.check_connect(src, dst, port, shapes=check_shapes)
        if reason:
            raise GraphError(reason)
        self._g.add_edge(src, dst, key=port)
        self._changed(GraphEvent("edge_added", dst, {"src": src, "dst": dst, "port": port}))

    def disconnect(self, dst: str, port: int) -> str:
        """Remove the wire into ``dst``'s ``port``; return its source id."""
        self.node(dst)
        for u, _, k in list(self._g.in_edges(dst, keys=True)):
            if k == port:
                self._g.remove_edge(u, dst, key=k)
                self._changed(GraphEvent("edge_removed", dst, {"src": u, "dst": dst, "port": port}))
                return u
        raise GraphError(Msg("graph.port_free", port=port, name=self.nodes[dst].name))

    def set_params(self, nid: str, changes: dict) -> dict:
        """Change some parameters; return the previous values of those parameters."""
        node = self.node(nid)
        op = get_op(node.op)
        merged = dict(node.params)
        merged.update(changes)
        try:
            full = op.validate_params(merged)
        except ParamError as e:
            raise GraphError(Msg("named", name=node.name, error=carried(e))) from None
        old = {k: node.params[k] for k in changes}
        node.params = full
        self._changed(GraphEvent("params_changed", nid, {"old": old}))
        return old

    def set_param(self, nid: str, name: str, value: Any) -> Any:
        return self.set_params(nid, {name: value})[name]

    def rename(self, nid: str, name: str) -> str:
        node = self.node(nid)
        self._check_name(name, exclude=nid)
        old, node.name = node.name, name
        self._changed(GraphEvent("renamed", nid, {"old": old}), structural=False)
        return old

    def set_frozen(self, nid: str, frozen: bool) -> bool:
        node = self.node(nid)
        old, node.frozen = node.frozen, bool(frozen)
        self._changed(GraphEvent("frozen_changed", nid, {"old": old}), structural=False)
        return old

    def set_ui(self, nid: str, **ui: Any) -> dict:
        node = self.node(nid)
        old = {k: node.ui.get(k) for k in ui}
        node.ui.update(ui)
        self._changed(GraphEvent("ui_changed", nid, {"old": old}), structural=False)
        return old

    def set_weights(self, nid: str, weights: dict) -> None:
        """Replace some of a node's arrays (same shapes required)."""
        node = self.node(nid)
        for k, v in weights.items():
            if k not in node.weights:
                raise GraphError(Msg("graph.no_array", name=node.name, key=k))
            if np.shape(v) != node.weights.shape_of(k):
                raise GraphError(Msg("graph.array_shape", name=node.name, key=k, shape=np.shape(v),
                                     want=node.weights.shape_of(k)))
        for k, v in weights.items():
            node.weights[k] = np.array(v, dtype=node.weights.dtype_of(k))
        self._changed(GraphEvent("weights_changed", nid), structural=False)

    def group(self, nids: Iterable[str], name: str, gid: str | None = None,
              collapsed: bool = True) -> str:
        """Group nodes into a named composite; return the group id."""
        members = tuple(n for n in self.nodes if n in set(nids))
        if not members:
            raise GraphError(Msg("graph.group_empty"))
        for n in members:
            if self.group_of(n):
                raise GraphError(Msg("graph.in_group", name=self.nodes[n].name,
                                     group=self.groups[self.group_of(n)].name))
        gid = gid or f"g{len(self.groups) + 1}"
        while gid in self.groups:
            gid = f"g{int(gid[1:]) + 1}" if gid[1:].isdigit() else gid + "_"
        self.groups[gid] = Group(gid, name, members, collapsed)
        self._changed(GraphEvent("group_added", None, {"group": gid}), structural=False)
        return gid

    def ungroup(self, gid: str) -> Group:
        if gid not in self.groups:
            raise GraphError(Msg("graph.no_group", gid=gid))
        g = self.groups.pop(gid)
        self._changed(GraphEvent("group_removed", None, {"group": gid}), structural=False)
        return g

    def set_collapsed(self, gid: str, collapsed: bool) -> bool:
        if gid not in self.groups:
            raise GraphError(Msg("graph.no_group", gid=gid))
        g = self.groups[gid]
        old, g.collapsed = g.collapsed, bool(collapsed)
        self._changed(GraphEvent("group_changed", None, {"group": gid}), structural=False)
        return old

    def clear(self) -> None:
        self._g.clear()
        self.nodes.clear()
        self.groups.clear()
        self._next = 1
        self._changed(GraphEvent("cleared"))

    # -- inference and weights -----------------------------------------------------------------
    def _reinfer(self) -> None:
        self.shapes, self.issues = infer(self)
        for nid, info in self.shapes.items():
            node = self.nodes[nid]
            specs = {s.name: s for s in info.weights}
            for k in [k for k in node.weights if k not in specs and info.out is not None]:
                del node.weights[k]
            for k, s in specs.items():
                if k not in node.weights or node.weights.shape_of(k) != tuple(s.shape):
                    node.weights[k] = self._fresh(s, self.rng)

    @staticmethod
    def _fresh(spec, rng: np.random.Generator):
        """A new array for ``spec``, or a pending one with its own seed when it is large."""
        if math.prod(spec.shape) < LAZY_MIN:
            return initialize(spec, rng)
        return pending_init(spec, int(rng.integers(2**63 - 1)))

    def reinitialize(self, nids: Iterable[str] | None = None, seed: int | None = None) -> None:
        """Draw fresh weights for the given nodes (all when None)."""
        rng = np.random.default_rng(seed) if seed is not None else self.rng
        for nid in (nids if nids is not None else list(self.nodes)):
            for s in self.shapes[nid].weights:
                self.nodes[nid].weights[s.name] = self._fresh(s, rng)
        self._changed(GraphEvent("weights_changed", None), structural=False)

    def allocated_bytes(self) -> int:
        """Bytes held by arrays already made (pending ones cost nothing until read)."""
        return sum(n.weights.allocated_bytes() for n in self.nodes.values())

    def check_memory(self, dtype=np.float64, batch: int = 1, backward: bool = False) -> None:
        """Raise GraphError naming the largest node when a run of ``batch`` examples would
        need more memory than is available now."""
        problem = memory_problem(self, dtype, batch, backward)
        if problem:
            raise GraphError(problem[0])

    def weight_snapshot(self) -> dict[tuple[str, str], np.ndarray]:
        """A copy of every array, keyed (node id, array name)."""
        return {(n.id, k): v.copy() for n in self.nodes.values() for k, v in n.weights.items()}

    def load_weight_snapshot(self, snap: dict[tuple[str, str], np.ndarray]) -> None:
        for (nid, k), v in snap.items():
            if nid in self.nodes and k in self.nodes[nid].weights:
                self.nodes[nid].weights[k] = v.copy()
        self._changed(GraphEvent("weights_changed", None), structural=False)

    def node_summary(self, nid: str) -> dict:
        """Name, op, shapes, parameter and multiply-add counts, formulas: for inspectors."""
        node = self.node(nid)
        op = get_op(node.op)
        info = self.shapes.get(nid)
        return {
            "name": node.name, "op": node.op, "params": dict(node.params),
            "out_shape": info.out if info else None, "in_shapes": info.ins if info else (),
            "param_count": info.param_count if info else 0, "macs": info.macs if info else 0,
            "shape_formula": info.formula if info else None,
            "formula": op.formula, "grad_formula": op.grad_formula,
            "issues": [Msg("named", name=i.name, error=i.msg or i.message)
                       for i in self.issues_for(nid)], "frozen": node.frozen,
            "trainable": any(s.trainable for s in (info.weights if info else ())),
        }

    def copy(self) -> "Graph":
        """An independent deep copy (no observers)."""
        g = Graph()
        g._g = self._g.copy()
        g.nodes = {k: Node(n.id, n.name, n.op, dict(n.params), n.frozen, copy.deepcopy(n.ui),
                           n.weights.copy()) for k, n in self.nodes.items()}
        g.groups = {k: Group(x.id, x.name, x.members, x.collapsed, dict(x.ui))
                    for k, x in self.groups.items()}
        g._next = self._next
        g.meta = copy.deepcopy(self.meta)
        g.rng = copy.deepcopy(self.rng)  # drawing a seed here would advance self.rng
        g.shapes, g.issues = self.shapes, self.issues
        return g
