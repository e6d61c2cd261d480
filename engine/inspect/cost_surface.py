"""The cost J over a grid of two parameter entries (idea 2).

Logistic regression (one dense unit on the input, then bce_logits, bce or mse) has logits that
are affine in every entry of (W, b): z = z₀ + (p − p₀)·c with c = x_j for W[0, j] and c = 1 for b.
So the whole grid of logits is one broadcast, zᵍⁿ = z₀ⁿ + Δaᵍ·aⁿ + Δbᵍ·bⁿ (grid point g, example
n), and both costs come from it at once:

    cross-entropy  J = (1/m) Σ softplus(z) − y·z        (one convex bowl)
    squared error  J = (1/m) Σ (σ(z) − y)²              (flat plateaus, not convex)

For any other graph the user picks two scalar entries, and each grid point is one forward pass
of the whole training set (:func:`generic_surface`, meant for a worker thread: it takes a stop
flag and reports progress).

Every surface is (len(bs), len(as_)): row i is the second axis' value bs[i], column j the first
axis' as_[j] (row-major, as images are drawn).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

import numpy as np

from ..executor import Executor
from ..graph import Graph
from ..messages import Msg, MsgError
from ..training import find_loss_node
from .probe import _one_blas_thread

CHUNK = 1 << 15   # grid points × examples per block: small enough to stay in cache


@dataclass(frozen=True)
class Entry:
    """One scalar entry of a node's array: (node id, array name, index tuple)."""

    nid: str
    array: str
    index: tuple[int, ...]

    def label(self, graph: Graph) -> str:
        idx = ",".join(map(str, self.index))
        return f"{graph.nodes[self.nid].name}.{self.array}[{idx}]"

    def value(self, graph: Graph, weights: Mapping | None = None) -> float:
        arr = (weights or {}).get((self.nid, self.array), graph.nodes[self.nid].weights[self.array])
        return float(np.asarray(arr)[self.index])


def scalar_entries(graph: Graph, limit: int = 400) -> list[Entry]:
    """Every scalar entry of every trainable array, in plan order (at most ``limit``)."""
    out: list[Entry] = []
    for nid in graph.topo_order():
        for name, arr in graph.nodes[nid].weights.items():
            for idx in np.ndindex(*arr.shape):
                out.append(Entry(nid, name, tuple(int(i) for i in idx)))
                if len(out) >= limit:
                    return out
    return out


def logistic_layer(graph: Graph) -> tuple[str, str, str] | None:
    """(dense id, input id, loss op name) when the graph is logistic regression: a one-unit
    dense layer with no activation (or sigmoid before bce/mse) fed straight from an input and
    read by the cost's loss; None otherwise."""
    sinks = [n for n in graph.topo_order() if not graph.consumers(n)
             and graph.shapes.get(n) is not None and graph.shapes[n].out == ()]
    if not sinks:
        return None
    loss = find_loss_node(graph, sinks[-1])
    if loss is None:
        return None
    op = graph.nodes[loss].op
    dense = graph.inputs_of(loss)[0]
    node = graph.nodes.get(dense) if dense else None
    if node is None or node.op != "dense" or node.params["units"] != 1:
        return None
    act = node.params["activation"]
    if not ((op == "bce_logits" and act == "identity") or (op in ("bce", "mse")
                                                           and act == "sigmoid")):
        return None
    src = graph.inputs_of(dense)[0]
    if src is None or graph.nodes[src].op != "input":
        return None
    return dense, src, op


def default_axes(graph: Graph) -> tuple[Entry, Entry] | None:
    """(w, b) for logistic regression: W[0, 0] and b[0]; else the first two scalar entries."""
    lr = logistic_layer(graph)
    if lr is not None and graph.nodes[lr[0]].params["bias"]:
        return Entry(lr[0], "W", (0, 0)), Entry(lr[0], "b", (0,))
    entries = scalar_entries(graph, 2)
    return (entries[0], entries[1]) if len(entries) == 2 else None


def logistic_surfaces(x: np.ndarray, y: np.ndarray, W: np.ndarray, b: np.ndarray,
                      a: Entry, bb: Entry, as_: np.ndarray, bs: np.ndarray
                      ) -> dict[str, np.ndarray]:
    """{'cross-entropy': J (B, A), 'squared error': J (B, A)} for z = x Wᵀ + b with the entries
    ``a`` and ``bb`` of (W (1, d), b (1,)) set to each grid value and the others held.
    x (N, d), y (N,) or (N, 1) in {0, 1}.

    With q = (1 − 2y)·z both losses depend on q alone: the cross-entropy is softplus(q) and the
    squared error σ(q)², so one exponential per grid point and example serves both. The block
    arithmetic runs in float32 (the plot needs no more), on blocks that stay in cache; q is
    clipped below at −80, where softplus and σ² are 0 to within e⁻⁸⁰.
    """
    x = np.asarray(x, np.float64)
    y = np.asarray(y, np.float64).reshape(-1)
    W = np.asarray(W, np.float64)
    b = np.asarray(b, np.float64).reshape(-1)
    n = len(x)
    if n == 0:
        raise MsgError(Msg("view.surface_empty"))
    s = 1.0 - 2.0 * y
    z0 = x @ W[0] + (b[0] if b.size else 0.0)

    def coef(e: Entry) -> tuple[np.ndarray, float]:
        if e.array == "W":
            return x[:, e.index[-1]], float(W[0, e.index[-1]])
        return np.ones(n), float(b[0])

    ca, a0 = coef(a)
    cb, b0 = coef(bb)
    da = np.asarray(as_, np.float64) - a0
    db = np.asarray(bs, np.float32) - np.float32(b0)
    u = ((s * z0)[None, :] + da[:, None] * (s * ca)[None, :]).astype(np.float32)   # (A, N)
    sc = (s * cb).astype(np.float32)
    mean_w = np.full(n, 1.0 / n, np.float32)
    na = len(da)
    ce = np.empty((len(db), na))
    se = np.empty_like(ce)
    rows = max(1, CHUNK // max(1, n * na))
    q = np.empty((rows, na, n), np.float32)
    e = np.empty_like(q)
    with np.errstate(over="ignore"), _one_blas_thread():   # small products: one thread is faster
        for lo in range(0, len(db), rows):
            hi = min(len(db), lo + rows)
            qq, ee = q[:hi - lo], e[:hi - lo]
            np.multiply(db[lo:hi, None, None], sc, out=qq)
            qq += u
            np.maximum(qq, -80.0, out=qq)
            mq = qq @ mean_w
            np.negative(qq, out=ee)
            np.exp(ee, out=ee)                 # e = exp(−q)
            np.log1p(ee, out=qq)               # softplus(q) − q
            ce[lo:hi] = mq + qq @ mean_w
            ee += 1
            np.reciprocal(ee, out=ee)          # σ(q)
            np.square(ee, out=ee)
            se[lo:hi] = ee @ mean_w
    return {"cross-entropy": ce, "squared error": se}


def generic_surface(graph: Graph, feeds: Mapping[str, np.ndarray], a: Entry, bb: Entry,
                    as_: np.ndarray, bs: np.ndarray, weights: Mapping | None = None,
                    should_stop: Callable[[], bool] | None = None,
                    progress: Callable[[int, int], None] | None = None) -> np.ndarray:
    """J (B, A) of the graph's own cost with entries ``a`` and ``bb`` set to each grid value
    (one forward pass of ``feeds`` per point, on a copy of the graph). Rows not reached before
    ``should_stop`` returns True are NaN."""
    g = graph.copy()
    if weights:
        g.load_weight_snapshot(dict(weights))
    ex = Executor(g, None, dtype=np.float64)
    if ex.target is None:
        raise MsgError(Msg("view.surface_no_cost"))
    wa = g.nodes[a.nid].weights[a.array]
    wb = g.nodes[bb.nid].weights[bb.array]
    keep_a, keep_b = float(wa[a.index]), float(wb[bb.index])
    out = np.full((len(bs), len(as_)), np.nan)
    for i, vb in enumerate(bs):
        if should_stop is not None and should_stop():
            break
        wb[bb.index] = vb
        for j, va in enumerate(as_):
            wa[a.index] = va
            cost, _ = ex.run(feeds, training=False, backward=False)
            out[i, j] = float(cost)
        if progress is not None:
            progress(i + 1, len(bs))
    wa[a.index], wb[bb.index] = keep_a, keep_b
    return out


def around(center: float, half: float, n: int) -> np.ndarray:
    """n values evenly over [center − half, center + half]."""
    return np.linspace(center - half, center + half, n)


def path_of(snapshots: list[Mapping], a: Entry, bb: Entry) -> np.ndarray:
    """(T, 2) the two entries' values in each weight snapshot (those that hold both)."""
    pts = [(float(np.asarray(s[(a.nid, a.array)])[a.index]),
            float(np.asarray(s[(bb.nid, bb.array)])[bb.index]))
           for s in snapshots if (a.nid, a.array) in s and (bb.nid, bb.array) in s]
    return np.array(pts, np.float64).reshape(-1, 2)


def replay_path(graph: Graph, initial: Mapping, train, config, a: Entry, bb: Entry,
                iterations: int, limit: int = 5000) -> np.ndarray:
    """(T + 1, 2) the two entries after each of the first ``min(iterations, limit)`` updates of
    a run, starting at ``initial`` (its first row). Training is deterministic for a given
    config (seeded shuffles), so replaying it on a copy of the graph retraces the run exactly,
    every iteration, where live snapshots only sample it."""
    from ..training import Trainer
    g = graph.copy()
    g.load_weight_snapshot(dict(initial))
    tr = Trainer(g, train, None, config)
    wa = lambda: float(g.nodes[a.nid].weights[a.array][a.index])   # noqa: E731
    wb = lambda: float(g.nodes[bb.nid].weights[bb.array][bb.index])   # noqa: E731
    pts = [(wa(), wb())]
    for _ in range(min(iterations, limit, tr.total_iterations)):
        tr.step()
        pts.append((wa(), wb()))
    return np.array(pts, np.float64)


def grid_minimum(J: np.ndarray, as_: np.ndarray, bs: np.ndarray) -> tuple[float, float, float]:
    """(a, b, J) at the grid's lowest finite cost."""
    k = int(np.nanargmin(J))
    i, j = divmod(k, J.shape[1])
    return float(as_[j]), float(bs[i]), float(J[i, j])


__all__ = ["Entry", "scalar_entries", "logistic_layer", "default_axes", "logistic_surfaces",
           "generic_surface", "around", "path_of", "replay_path", "grid_minimum"]
