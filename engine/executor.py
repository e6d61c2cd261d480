"""Run a graph: forward and backward, one node at a time or all at once.

The plan is the graph's topological order. The forward phase computes every node in that order.
The backward phase visits, in reverse order, only the nodes that need a gradient (a node needs
one when it owns trainable, unfrozen arrays or one of its inputs needs one) and that lie on a
path to the target (the cost). Each visit:

1. sums the gradient contributions its consumers sent it (one per edge: a node that feeds several
   others receives several, and their sum is its gradient; the record keeps each term);
2. calls the op's backward with that sum;
3. sums each input's gradient back to the input's shape (:func:`unbroadcast`, the one place
   broadcasting is undone) and sends it to that input as a contribution.

Stepping records every visit as a frozen :class:`StepRecord`; stepping back only moves a cursor,
and stepping forward again replays the stored record without recomputing. :meth:`Executor.run`
does the same math with no records, for training.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

import numpy as np

from .graph import Graph, GraphError
from .messages import Msg, carried
from .ops.base import Context, fmt_shape, get_op, unbroadcast
from .ops.sources import check_feed, convert_feed
from .weights import memory_problem


class ExecutionError(GraphError):
    """The graph cannot run as it stands (a missing input, a shape error, a bad feed, NaN)."""

    def __init__(self, message: "Msg | str", node: str | None = None) -> None:
        super().__init__(message)
        self.node = node


@dataclass(frozen=True)
class StepRecord:
    """One step of the player.

    forward: ``value`` is the node's output; ``cache`` what its backward will reuse, as
    {name: read-only array} (the op's ``cache_notes`` say what each name holds).
    backward: ``value`` is dJ/d(output), the sum of ``incoming`` — one (consumer id, port,
    gradient) per edge out of the node, or ('seed', 0, 1) at the target — ``input_grads`` what
    it sends to each input port (already summed to the input's shape; None where none is sent),
    ``weight_grads`` the gradients of its own arrays, and ``cache_used`` the names of the
    forward cache entries the op's backward read.
    """

    index: int
    phase: str
    node: str
    value: np.ndarray
    inputs: tuple[str | None, ...] = ()
    cache: Any = None
    incoming: tuple[tuple[str, int, np.ndarray], ...] = ()
    input_grads: tuple[np.ndarray | None, ...] = ()
    weight_grads: Mapping[str, np.ndarray] = field(default_factory=dict)
    broadcast: tuple[bool, ...] = ()   # per input port: was that input broadcast in the forward
    cache_used: tuple[str, ...] = ()   # backward: the forward cache entries this step read


def _ro(a: Any) -> Any:
    if isinstance(a, np.ndarray):
        a = np.array(a, copy=True)
        a.flags.writeable = False
    return a


class _Entry:
    __slots__ = ("nid", "op", "params", "srcs", "weights", "feed", "need", "need_in",
                 "trainable", "frozen", "name", "in_shapes", "out_shape", "out_fixed")


class Executor:
    """Forward/backward over one graph for one target node (the cost).

    The graph's arrays are converted to ``dtype`` in place when the plan is built, so that
    training does not pay for a cast on every step.
    """

    def __init__(self, graph: Graph, target: str | None = None, dtype=np.float64,
                 seed: int = 0) -> None:
        self.graph = graph
        self.dtype = np.dtype(dtype)
        self.rng = np.random.default_rng(seed)
        self.target = graph.resolve(target) if target is not None else None
        self._version = -1
        self._build()
        self.reset()

    # -- plan ----------------------------------------------------------------------------------
    def _build(self) -> None:
        g = self.graph
        if not g.nodes:
            raise ExecutionError(Msg("exec.empty"))
        if self.target is None:
            self.target = self._default_target()
        order = g.topo_order()
        index = {nid: i for i, nid in enumerate(order)}
        issues = [i for i in g.issues]
        if issues:
            first = issues[0]
            said = Msg("named", name=first.name, error=first.msg or first.message)
            raise ExecutionError(Msg("exec.cannot_run", issue=said), first.node)
        entries: list[_Entry] = []
        for nid in order:
            node = g.nodes[nid]
            op = get_op(node.op)
            e = _Entry()
            e.nid, e.op, e.params, e.name = nid, op, node.params, node.name
            srcs = g.inputs_of(nid)
            if None in srcs:  # a gap between a variadic op's inputs reports no shape issue
                p = srcs.index(None)
                said = Msg("shape.not_connected", input=op.input_name(p), port=p)
                raise ExecutionError(Msg("exec.cannot_run",
                                         issue=Msg("named", name=node.name, error=said)), nid)
            e.srcs = [index[s] for s in srcs]
            node.weights.convert(self.dtype)   # pending arrays stay pending until computed
            e.weights = node.weights
            e.feed = op.is_feed
            e.frozen = node.frozen
            e.trainable = tuple(s.name for s in g.shapes[nid].weights if s.trainable)
            e.in_shapes = g.shapes[nid].ins
            e.out_shape = tuple(g.shapes[nid].out)
            e.out_fixed = tuple((a, d) for a, d in enumerate(e.out_shape) if d is not None)
            entries.append(e)
        # which nodes need a gradient, and which lie on a path to the target
        relevant = set(g.ancestors(self.target)) | {self.target} if self.target else set()
        for e in entries:
            own = bool(e.trainable) and not e.frozen
            e.need_in = tuple(entries[s].need for s in e.srcs)
            e.need = (own or any(e.need_in)) and e.nid in relevant
        self.entries = entries
        self.index = index
        self.order = order
        self.backward_order = [i for i in range(len(entries) - 1, -1, -1) if entries[i].need]
        self._fast = [i for i, e in enumerate(entries) if e.nid in relevant] if relevant else \
            list(range(len(entries)))
        self._version = g.version

    def _default_target(self) -> str | None:
        g = self.graph
        sinks = [n for n in g.topo_order() if not g.consumers(n)]
        scalar = [n for n in sinks if g.shapes[n].out == ()]
        if scalar:
            return scalar[-1]
        return None

    def _check_fresh(self) -> None:
        if self.graph.version != self._version:
            self._build()

    def feeds_for(self, feeds: Mapping[str, Any]) -> dict[int, np.ndarray]:
        """Check and convert feeds given by input name or id; every input must be fed."""
        out: dict[int, np.ndarray] = {}
        given = {}
        for k, v in feeds.items():
            try:
                given[self.graph.resolve(k)] = v
            except GraphError:
                raise ExecutionError(Msg("exec.no_such_input", key=k))
        for i, e in enumerate(self.entries):
            if not e.feed:
                continue
            if e.nid not in given:
                raise ExecutionError(Msg("exec.no_data", name=e.name), e.nid)
            out[i] = feed_array(e, given[e.nid], self.dtype)
        batch = max((a.shape[0] for a in out.values() if a.ndim), default=1)
        t = self.index.get(self.target) if self.target is not None else None
        problem = memory_problem(self.graph, self.dtype, batch, t is not None and self.entries[t].need)
        if problem:
            raise ExecutionError(*problem)
        return out

    # -- all at once (training) ----------------------------------------------------------------
    def run(self, feeds: Mapping[str, Any], training: bool = True, backward: bool = True):
        """Forward (and backward) with no records. Returns (cost, {(node id, array): grad}).

        Only the nodes on the path to the target are computed. The forward values stay in
        ``self.last_values`` (by plan index) so a caller can look for the first NaN.
        """
        self._check_fresh()
        fed = self.feeds_for(feeds)
        ctx = Context(training=training, rng=self.rng)
        entries = self.entries
        values: list[Any] = [None] * len(entries)
        caches: list[Any] = [None] * len(entries)
        dtype = self.dtype
        for i in self._fast:
            e = entries[i]
            if e.feed:
                values[i] = fed[i]
                continue
            ins = [values[s] for s in e.srcs]
            try:
                out, caches[i] = e.op.forward(e.params, ins, e.weights, ctx)
            except _OP_FAILURES as err:
                raise _op_failed(e, ins, "forward", err) from err
            if type(out) is not np.ndarray:
                out = np.asarray(out)
            if out.dtype != dtype and out.dtype.kind == "f":
                out = out.astype(dtype)
            _check_out(e, ins, out)
            values[i] = out
        self.last_values = values
        t = self.index[self.target] if self.target is not None else None
        cost = values[t] if t is not None else None
        grads: dict[tuple[str, str], np.ndarray] = {}
        if not backward or t is None or not entries[t].need:
            return cost, grads
        acc: list[Any] = [None] * len(entries)
        acc[t] = np.ones_like(values[t])
        for i in self.backward_order:
            g = acc[i]
            if g is None:
                continue
            e = entries[i]
            ins = [values[s] for s in e.srcs]
            try:
                in_grads, w_grads = e.op.backward(e.params, ins, e.weights, values[i], caches[i],
                                                  g, e.need_in)
            except _OP_FAILURES as err:
                raise _op_failed(e, ins, "backward", err) from err
            if e.trainable and not e.frozen:
                for k in e.trainable:
                    grads[(e.nid, k)] = np.asarray(w_grads[k])
            for s, need, gi, x in zip(e.srcs, e.need_in, in_grads, ins):
                if need and gi is not None:
                    gi = unbroadcast(np.asarray(gi), x.shape)
                    acc[s] = gi if acc[s] is None else acc[s] + gi
        return cost, grads

    def first_nonfinite(self, values: list | None = None) -> str | None:
        """Name of the first node (in plan order) whose last forward value has NaN or inf."""
        values = values if values is not None else getattr(self, "last_values", [])
        for e, v in zip(self.entries, values):
            if isinstance(v, np.ndarray) and v.dtype.kind == "f" and not np.isfinite(v).all():
                return e.name
        return None

    # -- stepping (the player) -----------------------------------------------------------------
    def reset(self, feeds: Mapping[str, Any] | None = None, training: bool = False) -> None:
        """Forget every step; the next :meth:`step` starts the forward pass anew."""
        self.records: list[StepRecord] = []
        self.cursor = 0
        if feeds is not None:
            self._check_fresh()
            self._fed = self.feeds_for(feeds)
        elif not hasattr(self, "_fed"):
            self._fed = None
        self._ctx = Context(training=training, rng=np.random.default_rng(0))
        n = len(self.entries)
        self._values: list[Any] = [None] * n
        self._caches: list[Any] = [None] * n
        self._incoming: list[list] = [[] for _ in range(n)]
        self._steps = [("forward", i) for i in range(n)]
        if self.target is not None and self.entries[self.index[self.target]].need:
            self._steps += [("backward", i) for i in self.backward_order]

    @property
    def total_steps(self) -> int:
        return len(self._steps)

    @property
    def forward_steps(self) -> int:
        return len(self.entries)

    @property
    def phase(self) -> str:
        """'ready' (nothing done), 'forward', 'backward' or 'done' at the cursor."""
        if self.cursor == 0:
            return "ready"
        if self.cursor >= self.total_steps:
            return "done"
        return self._steps[self.cursor - 1][0]

    @property
    def current(self) -> StepRecord | None:
        return self.records[self.cursor - 1] if self.cursor else None

    def step(self) -> StepRecord | None:
        """Advance one node; None when everything is done."""
        if self.cursor < len(self.records):
            self.cursor += 1
            return self.records[self.cursor - 1]
        if self.cursor >= self.total_steps:
            return None
        if self._fed is None:
            raise ExecutionError(Msg("exec.no_feed"))
        phase, i = self._steps[self.cursor]
        rec = self._forward_step(i) if phase == "forward" else self._backward_step(i)
        self.records.append(rec)
        self.cursor += 1
        return rec

    def step_back(self) -> StepRecord | None:
        """Move the cursor back one step (nothing is recomputed); return the new current step."""
        if self.cursor > 0:
            self.cursor -= 1
        return self.current

    def run_forward(self) -> None:
        while self.cursor < self.forward_steps:
            self.step()

    def run_backward(self) -> None:
        while self.step() is not None:
            pass

    def _forward_step(self, i: int) -> StepRecord:
        e = self.entries[i]
        ins = [self._values[s] for s in e.srcs]
        if e.feed:
            out, cache = self._fed[i], None
        else:
            try:
                out, cache = e.op.forward(e.params, ins, e.weights, self._ctx)
            except _OP_FAILURES as err:
                raise _op_failed(e, ins, "forward", err) from err
            out = np.asarray(out)
            if out.dtype.kind == "f" and out.dtype != self.dtype:
                out = out.astype(self.dtype)
            _check_out(e, ins, out)
        self._values[i], self._caches[i] = out, cache
        bc = _broadcast_flags(e, ins, out)
        return StepRecord(len(self.records), "forward", e.nid, _ro(out),
                          tuple(self.entries[s].nid for s in e.srcs), _ro_cache(cache), (), (), {}, bc)

    def _backward_step(self, i: int) -> StepRecord:
        e = self.entries[i]
        if e.nid == self.target:
            incoming = [("seed", 0, np.ones_like(self._values[i]))]
        else:
            incoming = self._incoming[i]
        if incoming:
            g = incoming[0][2]
            for _, _, x in incoming[1:]:
                g = g + x
        else:
            g = np.zeros_like(self._values[i])
        g = np.asarray(g)
        ins = [self._values[s] for s in e.srcs]
        try:
            in_grads, w_grads = e.op.backward(e.params, ins, e.weights, self._values[i],
                                              self._caches[i], g, e.need_in)
        except _OP_FAILURES as err:
            raise _op_failed(e, ins, "backward", err) from err
        sent: list[np.ndarray | None] = []
        for port, (s, need, gi, x) in enumerate(zip(e.srcs, e.need_in, in_grads, ins)):
            if need and gi is not None:
                gi = unbroadcast(np.asarray(gi), x.shape)
                self._incoming[s].append((e.nid, port, gi))
                sent.append(_ro(gi))
            else:
                sent.append(None)
        wg = {k: _ro(np.asarray(w_grads[k])) for k in e.trainable if not e.frozen and k in w_grads}
        bc = _broadcast_flags(e, ins, self._values[i])
        used = tuple(e.op.cache_used(e.params, self._caches[i]))
        return StepRecord(len(self.records), "backward", e.nid, _ro(g),
                          tuple(self.entries[s].nid for s in e.srcs), None,
                          tuple((c, p, _ro(x)) for c, p, x in incoming), tuple(sent), wg, bc,
                          used)

    # -- what the steps so far have produced ---------------------------------------------------
    def values(self) -> dict[str, np.ndarray]:
        """node id -> forward value, for the forward steps up to the cursor."""
        return {r.node: r.value for r in self.records[:self.cursor] if r.phase == "forward"}

    def grads(self) -> dict[str, np.ndarray]:
        """node id -> dJ/d(output), for the backward steps up to the cursor."""
        return {r.node: r.value for r in self.records[:self.cursor] if r.phase == "backward"}

    def weight_grads(self) -> dict[tuple[str, str], np.ndarray]:
        out = {}
        for r in self.records[:self.cursor]:
            for k, v in r.weight_grads.items():
                out[(r.node, k)] = v
        return out


# what an op's NumPy code raises when the arrays it is given do not fit together (inputs fed
# different numbers of examples, an id out of range); the executor names the node instead
_OP_FAILURES = (ValueError, IndexError, TypeError)


def feed_array(e: _Entry, value: Any, dtype: np.dtype) -> np.ndarray:
    """``value`` fed to input entry ``e``, converted to its declared kind (floats to ``dtype``)
    and checked against its declared shape; an ExecutionError naming the input otherwise."""
    try:
        arr = convert_feed(e.name, value, e.params["dtype"], dtype)
    except ValueError as err:
        raise ExecutionError(carried(err), e.nid) from None
    why = check_feed(e.name, tuple(e.params["shape"]), arr)
    if why:
        raise ExecutionError(why, e.nid)
    return arr


def _op_failed(e: _Entry, ins: list, phase: str, err: Exception) -> ExecutionError:
    """An ExecutionError naming the node whose op failed, its input shapes and a fix."""
    said = carried(err)
    msg = said if isinstance(said, Msg) else said.strip()
    if isinstance(err, GraphError):   # already a message for the user
        return ExecutionError(msg, e.nid)
    if isinstance(msg, Msg) and msg.id == "named" and msg.params["name"] == e.op.name:
        # the op's own message (an id out of range…), said of this node
        return ExecutionError(Msg("named", name=e.name, error=msg.params["error"]), e.nid)
    if msg.startswith(f"{e.op.name}: "):
        return ExecutionError(Msg("named", name=e.name, error=msg[len(e.op.name) + 2:]), e.nid)
    shapes = ", ".join(fmt_shape(np.shape(x)) for x in ins) or Msg("op.none")
    return ExecutionError(Msg("exec.op_failed", name=e.name, op=e.op.name,
                              phase=Msg(f"exec.{phase}"), error=msg, shapes=shapes), e.nid)


def _check_out(e: _Entry, ins: list, out: np.ndarray) -> None:
    """Refuse an output whose shape contradicts shape inference.

    Inference lets an open dimension (None) meet a fixed one; if the data then disagree (a
    1-row array broadcast against a 3-row batch), the op may silently compute something of
    another shape. Raise ExecutionError naming the node instead.
    """
    shape = out.shape
    if len(shape) == len(e.out_shape) and all(shape[a] == d for a, d in e.out_fixed):
        return
    got = ", ".join(fmt_shape(np.shape(x)) for x in ins) or Msg("op.none")
    raise ExecutionError(Msg("exec.wrong_shape", name=e.name, op=e.op.name, shape=fmt_shape(shape),
                             want=fmt_shape(e.out_shape), shapes=got), e.nid)


def _broadcast_flags(e: _Entry, ins: list, out: np.ndarray) -> tuple[bool, ...]:
    """Per input: was it broadcast to the output's shape? Only for elementwise Math ops, i.e.
    when the output is the broadcast of the inputs (matmul's (N,3)@(3,4) is not a broadcast)."""
    if e.op.category != "Math" or not ins:
        return tuple(False for _ in ins)
    try:
        elementwise = np.broadcast_shapes(*(np.shape(x) for x in ins)) == out.shape
    except ValueError:
        elementwise = False
    return tuple(elementwise and np.shape(x) != out.shape for x in ins)


def _ro_view(a: Any) -> Any:
    """A read-only view of an array (no copy: a conv's windows are k*k times its input)."""
    if isinstance(a, np.ndarray):
        a = a.view()
        a.flags.writeable = False
    return a


def _ro_cache(cache: Any) -> Any:
    """The record's read-only copy of a cache. The arrays are views: the executor keeps the
    originals only for backward, and no op writes into a cache after its forward returns."""
    if isinstance(cache, np.ndarray):
        return _ro_view(cache)
    if isinstance(cache, dict):
        return MappingProxyType({k: _ro_view(v) for k, v in cache.items()})
    if isinstance(cache, tuple):
        return tuple(_ro_view(v) for v in cache)
    return cache


def describe(value: np.ndarray) -> str:
    """'Nx3 min -1.2 max 3.4 mean 0.5' for hovers and messages."""
    v = np.asarray(value)
    if v.size == 0:
        return f"{fmt_shape(v.shape)} (empty)"
    return (f"{fmt_shape(v.shape)} min {float(v.min()):.4g} max {float(v.max()):.4g} "
            f"mean {float(v.mean()):.4g}")
