"""Trace a gradient entry forward to the gradient entries it was computed from.

Backward runs the index maps of :mod:`engine.inspect.trace` in reverse. dJ/dv[i] is the sum,
over every consumer c of v and every output entry o of c that *reads* v[i], of
dJ/dc[o] · ∂c[o]/∂v[i]. So the gradient entries a gradient entry comes from are the output
entries of its consumers whose index map contains it, then theirs, down to the target.

A reverse map, one per op family and registered by op name in :data:`REVERSE_MAPS`, takes a
mask over one input port and returns the mask of the output entries that read any marked
entry: ``fn(params, inputs, weights, out_shape, port, in_mask) -> out_mask``. Each one is the
exact transpose of the forward map (a test checks both against each other by brute force):

* window ops (conv, pooling): the output positions whose window covers a marked cell, i.e. the
  windows of the padded mask that hold any marked cell; a conv reaches every filter;
* dense: the whole output row; element-wise: the same entry, or every entry broadcast from it;
* reductions and mean losses: the entry the slice was reduced into;
* rearrangements: where the entry was moved to.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from engine.graph import Graph
from engine.ops.conv import pad2d, windows

from .trace import SOURCES, Trace

ReverseMap = Callable[[dict, list[np.ndarray], dict, tuple, int, np.ndarray], np.ndarray]
REVERSE_MAPS: dict[str, ReverseMap] = {}


def reverse_map(*names: str) -> Callable[[ReverseMap], ReverseMap]:
    """Register ``fn(params, inputs, weights, out_shape, port, in_mask) -> out_mask``."""
    def deco(fn: ReverseMap) -> ReverseMap:
        for n in names:
            REVERSE_MAPS[n] = fn
        return fn
    return deco


def _spread(m: np.ndarray, out: tuple) -> np.ndarray:
    """A (broadcastable) mask spread to the output shape: every entry it was broadcast to."""
    m = m.reshape((1,) * (len(out) - m.ndim) + m.shape)
    return np.broadcast_to(m, out).copy()


def _covering(m: np.ndarray, k: int, s: int, pads: tuple[int, int, int, int]) -> np.ndarray:
    """(A, B, H, W) mask -> (A, B, OH, OW): the windows (k, stride s, padding top, left,
    bottom, right) that hold a marked cell."""
    t, l, b, r = pads
    mp = np.pad(m.astype(np.uint8), ((0, 0), (0, 0), (t, b), (l, r)))
    return windows(mp, k, s).any(axis=(-2, -1))


@reverse_map("identity", "relu", "leaky_relu", "sigmoid", "tanh", "negate", "power", "exp",
             "log", "sqrt", "abs", "dropout", "batch_norm")
def _same(params, inputs, weights, out, port, m):
    return m.reshape(out).copy()


@reverse_map("add", "subtract", "multiply", "divide", "add_n")
def _broadcast(params, inputs, weights, out, port, m):
    return _spread(m, out)


@reverse_map("dense", "practice_dense")
def _dense(params, inputs, weights, out, port, m):
    return _spread(m.any(axis=-1, keepdims=True), out)


@reverse_map("matmul")
def _matmul(params, inputs, weights, out, port, m):
    a, b = inputs
    if a.ndim == 1 and b.ndim == 1:
        return np.full(out, bool(m.any()))
    if port == 0:
        if a.ndim == 1:                       # one row, read by every output entry
            return np.full(out, bool(m.any()))
        rows = m.any(axis=-1, keepdims=True)  # (.., M, 1)
        return _spread(rows[..., 0] if b.ndim == 1 else rows, out)
    if b.ndim == 1:                           # one column, read by every output entry
        return np.full(out, bool(m.any()))
    cols = m.any(axis=-2, keepdims=True)      # (.., 1, N)
    return _spread(cols[..., 0, :] if a.ndim == 1 else cols, out)


@reverse_map("conv2d")
def _conv(params, inputs, weights, out, port, m):
    p = params["padding"]
    hit = _covering(m.any(axis=1, keepdims=True), params["kernel"], params["stride"],
                    (p, p, p, p))
    return np.broadcast_to(hit, out).copy()


@reverse_map("group_conv2d")
def _group_conv(params, inputs, weights, out, port, m):
    k, s, p, g = params["kernel"], params["stride"], params["padding"], params["groups"]
    c, o = m.shape[1], out[1]
    res = np.zeros(out, bool)
    for gi in range(g):
        part = m[:, gi * (c // g):(gi + 1) * (c // g)].any(axis=1, keepdims=True)
        res[:, gi * (o // g):(gi + 1) * (o // g)] = _covering(part, k, s, (p, p, p, p))
    return res


@reverse_map("max_pool2d", "avg_pool2d")
def _pool(params, inputs, weights, out, port, m):
    k = params["kernel"]
    s, p = params["stride"] or k, params["padding"]
    return _covering(m, k, s, (p, p, p, p)).reshape(out)


@reverse_map("avg_pool2d_valid")
def _pool_valid(params, inputs, weights, out, port, m):
    return _covering(m, params["kernel"], params["stride"], tuple(params["pads"])).reshape(out)


@reverse_map("pad2d")
def _pad2d(params, inputs, weights, out, port, m):
    """A kept cell moves to its padded place; a cropped one goes nowhere."""
    t, l, b, r = params["pads"]
    h, w = m.shape[2:]
    res = np.zeros(out, bool)
    res[:, :, max(t, 0):out[2] - max(b, 0), max(l, 0):out[3] - max(r, 0)] = \
        m[:, :, max(-t, 0):h - max(-b, 0), max(-l, 0):w - max(-r, 0)]
    return res


@reverse_map("lrn")
def _lrn(params, inputs, weights, out, port, m):
    """Channel c reads c − ⌊(size−1)/2⌋ .. c + ⌈(size−1)/2⌉: it is lit when any of those is."""
    size = params["size"]
    lo, hi = (size - 1) // 2, size - 1 - (size - 1) // 2
    c = m.shape[1]
    cs = np.concatenate([np.zeros_like(m[:, :1], dtype=np.int64),
                         np.cumsum(m, axis=1, dtype=np.int64)], axis=1)
    idx = np.arange(c)
    top, bot = np.minimum(idx + hi + 1, c), np.maximum(idx - lo, 0)
    return (cs[:, top] - cs[:, bot]) > 0


@reverse_map("global_avg_pool", "sum", "mean")
def _reduce(params, inputs, weights, out, port, m):
    if "axes" in params and params["axes"]:
        axes = tuple(a % m.ndim for a in params["axes"])
    elif "axes" in params:
        axes = tuple(range(m.ndim))
    else:                                                      # global pool: all but N, C
        axes = tuple(range(2, m.ndim))
    return m.any(axis=axes, keepdims=True).reshape(out)


@reverse_map("softmax", "log_softmax")
def _along_axis(params, inputs, weights, out, port, m):
    return np.broadcast_to(m.any(axis=params["axis"], keepdims=True), out).copy()


@reverse_map("reshape", "flatten")
def _reshape(params, inputs, weights, out, port, m):
    return m.reshape(out)


@reverse_map("transpose")
def _transpose(params, inputs, weights, out, port, m):
    perm = tuple(a % m.ndim for a in params["axes"]) or tuple(range(m.ndim - 1, -1, -1))
    return np.transpose(m, perm)


@reverse_map("concat")
def _concat(params, inputs, weights, out, port, m):
    axis = params["axis"] % len(out)
    start = sum(x.shape[axis] for x in inputs[:port])
    res = np.zeros(out, bool)
    res[(slice(None),) * axis + (slice(start, start + m.shape[axis]),)] = m
    return res


@reverse_map("slice")
def _slice(params, inputs, weights, out, port, m):
    axis = params["axis"] % m.ndim
    return m[(slice(None),) * axis + (slice(params["start"], params["stop"] or None,
                                            params["step"]),)].copy()


@reverse_map("embedding")
def _embedding(params, inputs, weights, out, port, m):
    return np.broadcast_to(m[..., None], out).copy()


@reverse_map("mse", "bce_logits", "bce", "softmax_ce")
def _loss(params, inputs, weights, out, port, m):
    if params["reduction"] == "mean":
        return np.full(out, bool(m.any()))
    return m.reshape(m.shape[0], -1).any(axis=1).reshape(out)


@reverse_map("l2_penalty")
def _l2(params, inputs, weights, out, port, m):
    return np.full(out, bool(m.any()))


def readers_of(graph: Graph, values: dict[str, np.ndarray], consumer: str, port: int,
               mask: np.ndarray) -> np.ndarray:
    """One hop: the output entries of ``consumer`` that read a marked entry of input ``port``."""
    n = graph.nodes[consumer]
    ins = [values[s] for s in graph.inputs_of(consumer)]
    out = tuple(np.shape(values[consumer]))
    return REVERSE_MAPS[n.op](n.params, ins, n.weights, out, port, np.asarray(mask, bool))


def trace_grad(graph: Graph, values: dict[str, np.ndarray], node: str, index: tuple[int, ...],
               within: set[str] | None = None) -> Trace:
    """Follow gradient entry ``index`` of ``node`` (dJ/d node[index]) to the gradient entries of
    its consumers it was summed from, and theirs, down to the target.

    ``values`` holds the forward values of ``node`` and of the consumers; ``within`` (e.g. the
    nodes a backward pass reached) limits the walk to consumers that sent a gradient back.
    The result's ``values`` are masks over those nodes' gradients (same shapes as the values).
    """
    index = tuple(int(i) for i in index)
    start = np.zeros(np.shape(values[node]), bool)
    start[index] = True
    out = Trace(node, index, {node: start})
    for nid in graph.topo_order():
        m = out.values.get(nid)
        if m is None or not m.any():
            continue
        for consumer, port in graph.consumers(nid):
            if consumer not in values or graph.nodes[consumer].op in SOURCES:
                continue
            if within is not None and consumer not in within:
                continue
            cm = readers_of(graph, values, consumer, port, m)
            prev = out.values.get(consumer)
            out.values[consumer] = cm if prev is None else (prev | cm)
    return out


def consumer_counts(graph: Graph, tr: Trace) -> list[tuple[str, int]]:
    """(consumer id, number of its gradient entries) for the traced node's direct consumers,
    in wiring order: the terms of the sum dJ/dv[i] = Σ over consumers."""
    seen: list[tuple[str, int]] = []
    for consumer, _port in graph.consumers(tr.node):
        if consumer in tr.values and consumer not in {c for c, _ in seen}:
            seen.append((consumer, tr.count(consumer)))
    return seen
