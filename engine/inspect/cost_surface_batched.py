"""The cost surface of any graph over two scalar entries, in one batched pass.

Grid point g moves two scalar entries by (δaᵍ, δbᵍ). Where an entry enters the examples'
computation, the op there is linear in it (a dense layer's W or b before its activation, a conv
kernel or bias, the add, multiply or matmul a parameter array feeds), so for a fixed input x

    out(x; θ + δ·e) = out(x; θ) + δ·d(x),    d(x) = out(x; θ + e) − out(x; θ).

The grid is then one pass over a stacked batch: the B training examples tiled G times (tile g
holds grid point g), each tile's output at that node shifted by δᵍ·d, the rest of the graph run
once on the G·B rows (every op after it treats each example alone), and the per-example losses
averaged per tile: Jᵍ = (1/B) Σₙ L(tile g, example n). A cost made of such means and of numbers
without data in them (J = L₁ + L₂, J = L + (λ/2)‖W‖² with W not on an axis) is then computed on
the per-tile numbers. Tiles go in chunks whose arrays fit in ``budget`` bytes (a few MB: they
stay in cache). Only the nodes an entry moves are computed per chunk; a dense entry W[r, c]
moves one column r, by x[:, c], which is added directly.

Nothing is taken on trust:

- linearity is measured: out(θ + Δ·e) must equal out(θ) + Δ·d at the grid's farthest offset Δ
  (and jointly for both entries when they meet at one node), else :class:`SurfaceRefused`;
- independence of examples is measured: the first chunk carries one extra tile at δ = 0, and
  every node's value on it must equal the plain pass's value; a node that mixes examples (a
  softmax or a sum over the batch axis) is named in the refusal;
- an entry that reaches the cost besides the examples (in a penalty on its own array) is
  refused, as is a cost that is not made of means over the examples;
- everything runs in evaluation mode (dropout off, batch norm on its running statistics), as the
  per-point loop :func:`engine.inspect.cost_surface.generic_surface` does.

Surfaces are (len(bs), len(as_)), row i at bs[i], column j at as_[j], as in
:mod:`engine.inspect.cost_surface`.
"""
from __future__ import annotations

from typing import Callable, Mapping

import numpy as np

from ..executor import ExecutionError, Executor
from ..graph import Graph
from ..messages import Msg, MsgError, carried
from ..ops.activations import activation_fn
from ..ops.base import Context
from .cost_surface import Entry
from .probe import _one_blas_thread

BUDGET = 2 << 20           # bytes of intermediate arrays per chunk: they stay in cache
WORK = 1e8                 # array elements per surface (about a second on a busy machine)


class SurfaceRefused(MsgError):
    """The batched pass does not apply to this graph and these entries; its Msg says why."""


class BatchedSurface:
    """A plan for J over a grid of two entries; :meth:`run` computes it chunk by chunk.

    graph: copied, with ``weights`` ({(node id, array): array}) loaded over its arrays.
    feeds: {input name: (B, ...)} the training examples, labels included.
    Raises SurfaceRefused (naming the node and the reason) when the grid cannot be batched,
    ExecutionError when the graph cannot run at all.
    """

    def __init__(self, graph: Graph, feeds: Mapping[str, np.ndarray], a: Entry, bb: Entry,
                 as_: np.ndarray, bs: np.ndarray, weights: Mapping | None = None,
                 dtype=np.float64, budget: int = BUDGET) -> None:
        if a == bb:
            raise SurfaceRefused(Msg("surface.same_entry"))
        g = graph.copy()
        if weights:
            g.load_weight_snapshot(dict(weights))
        self.graph = g
        for ent in (a, bb):
            node = g.nodes.get(ent.nid)
            if node is None or ent.array not in node.weights or \
                    len(ent.index) != np.ndim(node.weights[ent.array]):
                raise SurfaceRefused(Msg("surface.not_entry",
                                         entry=ent.label(g) if node is not None else ent.nid))
        self.dtype = np.dtype(dtype)
        self.rtol = float(np.sqrt(np.finfo(self.dtype).eps))   # 1.5e-8 in float64
        self.ex = ex = Executor(g, None, dtype=self.dtype)
        if ex.target is None:
            raise SurfaceRefused(Msg("view.surface_no_cost"))
        self.axes = (a, bb)
        self.as_ = np.asarray(as_, np.float64)
        self.bs = np.asarray(bs, np.float64)
        self.origin = (a.value(g), bb.value(g))
        self.ctx = Context(training=False, rng=np.random.default_rng(0))
        fed = ex.feeds_for(feeds)
        sizes = {v.shape[0] for v in fed.values() if v.ndim}
        if len(sizes) != 1 or 0 in sizes:
            raise SurfaceRefused(Msg("surface.batch_sizes"))
        self.B = sizes.pop()
        self.target = ex.index[ex.target]
        keep = g.ancestors(ex.target) | {ex.target}
        self.order = [i for i, e in enumerate(ex.entries) if e.nid in keep]
        self._plain_pass(fed)
        self._find_injections()
        with np.errstate(all="ignore"):     # a moved entry may leave the op's domain: refused
            self._check_linear()
        per_row = sum(self.plain[i].nbytes for i in self.order if self.batched[i]) / self.B
        self.tiles_per_chunk = max(1, int(budget // max(1.0, 3 * per_row * self.B)))
        # array elements computed per grid point: the nodes an entry moves, on B examples
        self.work_per_point = int(sum(self.plain[i].size for i in self.order
                                      if self.perturbed[i] and self.batched[i]))

    # -- the plain pass ------------------------------------------------------------------------
    def _fwd(self, i: int, ins: list, weights=None, params=None) -> np.ndarray:
        e = self.ex.entries[i]
        try:
            out, _ = e.op.forward(params or e.params, ins,
                                  e.weights if weights is None else weights, self.ctx)
        except (ValueError, IndexError, TypeError) as err:
            raise ExecutionError(Msg("probe.failed", node=e.name, op=e.op.name, error=carried(err)),
                                 e.nid) from err
        out = np.asarray(out)
        return out.astype(self.dtype) if out.dtype.kind == "f" and out.dtype != self.dtype \
            else out

    def _name(self, i: int) -> str:
        e = self.ex.entries[i]
        return f"{e.name} ({e.op.name})"

    def _plain_pass(self, fed: dict[int, np.ndarray]) -> None:
        """Every node's value at θ on the B examples, and its kind: 'data' (one row per
        example), 'cost' (a mean over the examples, or a number made of such means and of
        constants: one number per tile) or 'const' (no data in it: weights, constants)."""
        entries = self.ex.entries
        self.kind = ["const"] * len(entries)
        self.plain: list = [None] * len(entries)
        self.reduces: dict[int, str] = {}
        for i in self.order:
            e = entries[i]
            if e.feed:
                self.plain[i], self.kind[i] = fed[i], "data"
                continue
            kinds = {self.kind[s] for s in e.srcs}
            self.plain[i] = v = self._fwd(i, [self.plain[s] for s in e.srcs])
            if "data" in kinds and "cost" in kinds:
                raise SurfaceRefused(Msg("surface.mixed_mean", node=self._name(i)))
            if "data" in kinds:
                if e.op.name == "mean" and not e.params["axes"]:
                    self.reduces[i], self.kind[i] = "mean", "cost"
                elif e.params.get("reduction") == "mean":
                    self.reduces[i], self.kind[i] = "loss", "cost"
                elif (v.ndim == 0 or v.shape[0] != self.B) and i != self.target:
                    raise SurfaceRefused(Msg("surface.combines", node=self._name(i), count=self.B))
                else:
                    self.kind[i] = "data"
            elif "cost" in kinds:
                self.kind[i] = "cost"
        if self.kind[self.target] != "cost":
            raise SurfaceRefused(Msg("surface.cost_not_means", node=self._name(self.target)))
        self.batched = [k == "data" for k in self.kind]

    # -- where each entry enters ---------------------------------------------------------------
    def _find_injections(self) -> None:
        """For each entry, the data-dependent nodes where it first acts on the examples."""
        entries, g = self.ex.entries, self.graph
        self.inject: dict[int, list[int]] = {}
        self.split: dict[int, tuple[dict, Callable | None]] = {}
        self.frontier: list[list[int]] = []
        on_path = set(self.order)
        for k, ent in enumerate(self.axes):
            o = self.ex.index[ent.nid]
            reach = {o}
            if o not in on_path:
                front = []                      # the cost does not depend on it: J is flat
            elif self.batched[o]:
                front = [o]
            else:                               # a parameter: the weight-only nodes it feeds
                for i in self.order:
                    if i > o and self.kind[i] == "const" and \
                            any(s in reach for s in entries[i].srcs):
                        reach.add(i)
                front = [i for i in self.order if self.batched[i]
                         and any(s in reach for s in entries[i].srcs)]
            weight_only = reach if self.kind[o] == "const" else set()
            direct = [i for i in self.order if self.kind[i] == "cost" and (
                i == o or any(s in weight_only for s in entries[i].srcs))] \
                if o in on_path else []
            if direct:
                raise SurfaceRefused(Msg("surface.direct", entry=ent.label(g),
                                         node=self._name(direct[0])))
            self.frontier.append(front)
            for i in front:
                self.inject.setdefault(i, []).append(k)
        for i in self.inject:
            e = entries[i]
            act = e.params.get("activation")
            if act is not None and act != "identity":   # dense: inject at z, then g(z)
                self.split[i] = ({**e.params, "activation": "identity"}, activation_fn(act)[0])
            else:
                self.split[i] = (e.params, None)
        self.perturbed = [False] * len(entries)
        for i in self.order:
            self.perturbed[i] = i in self.inject or any(self.perturbed[s]
                                                        for s in entries[i].srcs)

    def _weights(self, i: int, offsets: Mapping[int, float]):
        """Node i's arrays with the entries it owns moved by ``offsets`` {entry: δ}."""
        e = self.ex.entries[i]
        moved = [(self.axes[k], d) for k, d in offsets.items() if self.axes[k].nid == e.nid]
        if not moved:
            return e.weights
        w = dict(e.weights.items())
        for ent, d in moved:
            arr = np.array(w[ent.array], self.dtype, copy=True)
            arr[ent.index] += d
            w[ent.array] = arr
        return w

    def _weight_only(self, offsets: Mapping[int, float]) -> dict[int, np.ndarray]:
        """The values of the nodes that do not depend on the data, with entries moved."""
        vals: dict[int, np.ndarray] = {}
        for i in self.order:
            e = self.ex.entries[i]
            if self.kind[i] != "const":
                continue
            vals[i] = self._fwd(i, [vals[s] for s in e.srcs], self._weights(i, offsets))
        return vals

    def _moved(self, i: int, ins: list, offsets: Mapping[int, float]) -> np.ndarray:
        """Node i's linear part on ``ins`` with entries moved by ``offsets``."""
        e = self.ex.entries[i]
        others = self._weight_only(offsets) if any(
            not self.batched[s] for s in e.srcs) else {}
        ins = [others[s] if not self.batched[s] else x for s, x in zip(e.srcs, ins)]
        return self._fwd(i, ins, self._weights(i, offsets), self.split[i][0])

    def _dense_column(self, i: int, k: int, x: np.ndarray) -> np.ndarray:
        """d (N, 1) of a dense layer's W[r, c] (x's column c) or b[r] (ones) on input x (N, in):
        the only column r it moves."""
        ent = self.axes[k]
        if ent.array == "W":
            return x[:, ent.index[1]:ent.index[1] + 1]
        return np.ones((x.shape[0], 1), self.dtype)

    def _check_linear(self) -> None:
        """d on the plain batch for each (node, entry), and the linearity measured at the
        grid's farthest offsets; SurfaceRefused when an op is not linear in its entry."""
        self.z_plain: dict[int, np.ndarray] = {}
        self.d_plain: dict[tuple[int, int], np.ndarray] = {}
        self.support: dict[tuple[int, int], slice | np.ndarray | None] = {}
        self.column: set[tuple[int, int]] = set()    # dense entries whose d is known
        far = []
        for k, vals in enumerate((self.as_, self.bs)):
            off = vals - self.origin[k]
            far.append(float(off[np.argmax(np.abs(off))]) if off.size and
                       np.abs(off).max() > 0 else 1.0)
        g = self.graph
        for i, ks in self.inject.items():
            e = self.ex.entries[i]
            ins = [self.plain[s] for s in e.srcs]
            z = self._moved(i, ins, {})
            self.z_plain[i] = z
            pred = z.copy()
            for k in ks:
                d = self._moved(i, ins, {k: 1.0}) - z
                self.d_plain[(i, k)] = d
                self.support[(i, k)] = cols = _support(d.reshape(1, self.B, -1))
                ent = self.axes[k]
                if e.op.name in ("dense", "practice_dense") and ent.nid == e.nid and \
                        ins[0].ndim == 2 and cols == slice(ent.index[0], ent.index[0] + 1):
                    col = d[:, cols]
                    self._same(self._dense_column(i, k, ins[0]), col, i,
                               Msg("surface.moves_dense", entry=ent.label(g)))
                    self.column.add((i, k))
                pred = pred + far[k] * d
                self._same(self._moved(i, ins, {k: far[k]}), z + far[k] * d, i,
                           Msg("surface.not_linear", entry=self.axes[k].label(g)))
            if len(ks) > 1:
                self._same(self._moved(i, ins, {k: far[k] for k in ks}), pred, i,
                           Msg("surface.not_linear_both", a=self.axes[0].label(g),
                               b=self.axes[1].label(g)))

    def _same(self, got: np.ndarray, want: np.ndarray, i: int, why: Msg) -> None:
        scale = max(float(np.abs(got).max(initial=0)), float(np.abs(want).max(initial=0)), 1e-12)
        if got.shape != want.shape or not np.all(np.abs(got - want) <= self.rtol * scale):
            raise SurfaceRefused(Msg("surface.not_batched", node=self._name(i), why=why))

    # -- the batched pass ----------------------------------------------------------------------
    def run(self, should_stop: Callable[[], bool] | None = None,
            progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        """J (len(bs), len(as_)); grid points not reached before ``should_stop`` are NaN.
        ``progress(done, total)`` counts grid points."""
        na, nb = len(self.as_), len(self.bs)
        da = np.tile(self.as_ - self.origin[0], nb)          # grid point g = i·A + j
        db = np.repeat(self.bs - self.origin[1], na)
        total = na * nb
        J = np.full(total, np.nan)
        step = self.tiles_per_chunk
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"), _one_blas_thread():
            for lo in range(0, total, step):
                if should_stop is not None and should_stop():
                    break
                hi = min(total, lo + step)
                deltas = np.stack([da[lo:hi], db[lo:hi]])
                if lo == 0:                                  # the reference tile, δ = 0
                    J[lo:hi] = self._chunk(np.pad(deltas, ((0, 0), (1, 0))), True)[1:]
                else:
                    J[lo:hi] = self._chunk(deltas, False)
                if progress is not None:
                    progress(hi, total)
        return J.reshape(nb, na)

    def _chunk(self, deltas: np.ndarray, check: bool) -> np.ndarray:
        """Costs (T,) for the T grid offsets ``deltas`` (2, T). Only the nodes an entry moves
        are computed on the stacked batch; the others' plain values are tiled when a moved
        node reads them (so the layers before the first entry cost nothing per chunk)."""
        T, B = deltas.shape[1], self.B
        entries = self.ex.entries
        vals: dict[int, np.ndarray] = {}

        def value(s: int) -> np.ndarray:
            if s not in vals:
                p = self.plain[s]
                vals[s] = _tiled(p, T) if self.batched[s] else p
            return vals[s]

        for i in self.order:
            if not self.perturbed[i]:
                continue
            srcs = entries[i].srcs
            fresh = i in self.inject and not any(self.perturbed[s] for s in srcs)
            ins = None if fresh else [value(s) for s in srcs]
            if self.kind[i] == "cost":
                out = self._per_tile(i, ins, T)
                if check:
                    self._check_tile(i, out[0], self.plain[i])
            else:
                out = self._shifted(i, ins, deltas, T) if i in self.inject else \
                    self._fwd(i, ins)
                if check:
                    self._check_tile(i, out[:B], self.plain[i])
            vals[i] = out
        return np.array(np.broadcast_to(value(self.target), (T,)), np.float64)

    def _shifted(self, i: int, ins: list | None, deltas: np.ndarray, T: int) -> np.ndarray:
        """Node i's output per tile: its linear part plus δᵍ·d for each entry, then g."""
        B = self.B
        inputs_moved = any(self.perturbed[s] for s in self.ex.entries[i].srcs)
        z0 = self.z_plain[i] if not inputs_moved else self._moved(i, ins, {})
        rest = z0.shape[1:]
        size = int(np.prod(rest, dtype=np.int64))
        if inputs_moved and z0.flags.writeable and not any(
                np.may_share_memory(z0, x) for x in ins if isinstance(x, np.ndarray)):
            out = z0.reshape(T, B, size)               # the op's own new array: add in place
        else:
            out = np.empty((T, B, size), self.dtype)
            out[...] = z0.reshape(-1, B, size)
        for k in self.inject[i]:
            if inputs_moved and (i, k) in self.column:   # a dense entry: one column, known
                cols = self.support[(i, k)]
                d = self._dense_column(i, k, ins[0]).reshape(T, B, 1)
            elif inputs_moved:
                d = (self._moved(i, ins, {k: 1.0}) - z0).reshape(-1, B, size)
                cols = _support(d)
                d = d[:, :, cols] if cols is not None else d
            else:
                cols = self.support[(i, k)]
                d = self.d_plain[(i, k)].reshape(1, B, size)
                d = d[:, :, cols] if cols is not None else d
            if cols is not None:            # only the elements the entry reaches
                out[:, :, cols] += deltas[k][:, None, None] * d
        out = out.reshape((T * B,) + rest)
        post = self.split[i][1]
        if post is None:
            return out
        if self.ex.entries[i].params.get("activation") == "relu":
            return np.maximum(out, 0, out=out)          # our own array: in place
        return post(out)

    def _per_tile(self, i: int, ins: list, T: int) -> np.ndarray:
        """(T,) a cost node's value for each tile: a mean loss or mean per tile, or the op on
        per-tile numbers (a sum of costs, a cost times a constant)."""
        e = self.ex.entries[i]
        how = self.reduces.get(i)
        if how == "loss":
            per = self._fwd(i, ins, params={**e.params, "reduction": "none"})
        elif how == "mean":
            per = ins[0]
        else:
            out = self._fwd(i, ins)
            if out.shape != (T,):
                raise SurfaceRefused(Msg("surface.per_point", node=self._name(i)))
            return out
        return per.reshape(T, -1).mean(axis=1)

    def _check_tile(self, i: int, got: np.ndarray, want: np.ndarray) -> None:
        """The δ = 0 tile must reproduce the plain pass at every node."""
        if got.shape != want.shape:
            ok = False
        else:
            g, w = np.asarray(got, np.float64), np.asarray(want, np.float64)
            scale = max(float(np.nanmax(np.abs(w), initial=0)), 1e-12)
            ok = bool(np.all((np.abs(g - w) <= self.rtol * scale) | (np.isnan(g) & np.isnan(w))))
        if not ok:
            raise SurfaceRefused(Msg("surface.mixes_batch", node=self._name(i)))


def fit_resolution(work_per_point: int, most: int = 50, least: int = 15,
                   work: float = WORK) -> int:
    """Grid points a side, n ∈ [least, most], such that n² · work_per_point ≤ ``work``
    where it can be: a 50 × 50 grid for XOR's MLP, fewer points for a CNN over its images."""
    n = int(np.sqrt(work / max(work_per_point, 1)))
    return int(np.clip(n, least, most))


def _tiled(p: np.ndarray, T: int) -> np.ndarray:
    """p (B, ...) repeated T times along the first axis: (T·B, ...), tile after tile."""
    return np.broadcast_to(p, (T,) + p.shape).reshape((T * p.shape[0],) + p.shape[1:])


def _support(d: np.ndarray) -> slice | np.ndarray | None:
    """The per-example elements (last axis of d (T, B, F)) where d is not zero: a slice when
    they are contiguous (a dense unit, a conv channel), else indices; None when d is zero."""
    cols = np.flatnonzero(np.any(d != 0, axis=(0, 1)))
    if cols.size == 0:
        return None
    if cols[-1] - cols[0] + 1 == cols.size:
        return slice(int(cols[0]), int(cols[-1]) + 1)
    return cols


def batched_surface(graph: Graph, feeds: Mapping[str, np.ndarray], a: Entry, bb: Entry,
                    as_: np.ndarray, bs: np.ndarray, weights: Mapping | None = None,
                    dtype=np.float64, should_stop: Callable[[], bool] | None = None,
                    progress: Callable[[int, int], None] | None = None,
                    budget: int = BUDGET) -> np.ndarray:
    """J (len(bs), len(as_)) of the graph's own cost with entries ``a`` and ``bb`` set to each
    grid value, in one batched pass (see the module docstring). Raises SurfaceRefused."""
    plan = BatchedSurface(graph, feeds, a, bb, as_, bs, weights, dtype, budget)
    return plan.run(should_stop, progress)


__all__ = ["BatchedSurface", "SurfaceRefused", "batched_surface", "fit_resolution", "BUDGET",
           "WORK"]
