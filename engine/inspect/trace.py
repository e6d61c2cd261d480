"""Trace any value back to the input entries and weight entries it was computed from.

Index maps
----------
Every op states which entries of its inputs, and which entries of its own weights, a set of
output entries reads. The set is a boolean mask over the output; an index map turns it into one
mask per input and one per weight. One output entry is a one-hot mask. The maps, one per op
family, registered by op name in :data:`INDEX_MAPS`:

* dense: output [.., u] reads the whole input row [.., :] and row u of W (and b[u]);
* conv2d: [n, o, i, j] reads the window x[n, :, i·s−p … i·s−p+k−1, j·s−p …] (all channels)
  and kernel W[o] (and b[o]); pooling reads the same window in its own channel only;
* element-wise: the same index, or for a broadcast input the entry it was broadcast from;
* reductions (sum, mean, global pooling, softmax along an axis, a mean loss): the reduced slice;
* rearrangements (reshape, flatten, transpose, concat, slice): the one entry it was moved from.

Source ops (input, parameter, constant) read nothing: tracing stops there. Tracing a value walks
the graph upstream in reverse topological order, OR-ing each node's masks into its sources.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from engine.graph import Graph
from engine.ops.conv import pad2d, scatter_windows, unpad2d, windows

Masks = tuple[list[np.ndarray | None], dict[str, np.ndarray]]
IndexMap = Callable[[dict, list[np.ndarray], dict, np.ndarray], Masks]

SOURCES = frozenset({"input", "parameter", "constant"})
INDEX_MAPS: dict[str, IndexMap] = {}


def index_map(*names: str) -> Callable[[IndexMap], IndexMap]:
    """Register ``fn(params, inputs, weights, out_mask) -> (input masks, weight masks)``."""
    def deco(fn: IndexMap) -> IndexMap:
        for n in names:
            INDEX_MAPS[n] = fn
        return fn
    return deco


def _any_to(mask: np.ndarray, shape: tuple) -> np.ndarray:
    """A mask of a broadcast result summed (OR-ed) back to the shape of one operand."""
    m = mask
    extra = m.ndim - len(shape)
    if extra > 0:
        m = m.any(axis=tuple(range(extra)))
    axes = tuple(i for i, s in enumerate(shape) if s == 1 and m.shape[i] != 1)
    if axes:
        m = m.any(axis=axes, keepdims=True)
    return np.broadcast_to(m, shape).copy()


def _weight_masks(weights: dict, rows: np.ndarray) -> dict[str, np.ndarray]:
    """Masks over each weight whose axis 0 is indexed by ``rows`` (units, filters, channels)."""
    out = {}
    for k, w in weights.items():
        m = np.zeros(w.shape, bool)
        m[rows] = True
        out[k] = m
    return out


@index_map("identity", "relu", "leaky_relu", "sigmoid", "tanh", "negate", "power", "exp", "log",
           "sqrt", "abs", "dropout")
def _same_index(params, inputs, weights, mask):
    return [mask.copy()], {}


@index_map("add", "subtract", "multiply", "divide", "add_n")
def _broadcast(params, inputs, weights, mask):
    return [_any_to(mask, x.shape) for x in inputs], {}


@index_map("dense", "practice_dense")   # practice_dense: the dense forward
def _dense(params, inputs, weights, mask):
    x = inputs[0]
    rows = mask.any(axis=-1, keepdims=True)                  # (.., 1): rows touched
    units = mask.reshape(-1, mask.shape[-1]).any(axis=0)     # (units,)
    return [np.broadcast_to(rows, x.shape).copy()], _weight_masks(weights, units)


@index_map("matmul")
def _matmul(params, inputs, weights, mask):
    a, b = inputs
    if a.ndim == 1 and b.ndim == 1:
        full = bool(mask.any())
        return [np.full(a.shape, full), np.full(b.shape, full)], {}
    m = mask
    if a.ndim == 1:
        m = m[..., None, :]
    if b.ndim == 1:
        m = m[..., None]
    k = a.shape[-1]
    ma = np.broadcast_to(m.any(axis=-1, keepdims=True), m.shape[:-1] + (k,))
    mb = np.broadcast_to(m.any(axis=-2, keepdims=True), m.shape[:-2] + (k, m.shape[-1]))
    ma = ma[..., 0, :] if a.ndim == 1 else ma
    mb = mb[..., 0] if b.ndim == 1 else mb
    return [_any_to(ma, a.shape), _any_to(mb, b.shape)], {}


def _window_mask(m: np.ndarray, hw: tuple[int, int], k: int, s: int, p: int,
                 pads: tuple[int, int, int, int] | None = None) -> np.ndarray:
    """(A, B, OH, OW) output mask -> (A, B, H, W): every input cell some marked window reads.
    ``pads`` (top, left, bottom, right) replaces the symmetric padding p when given."""
    t, l, b_, r = pads if pads is not None else (p, p, p, p)
    a, b, oh, ow = m.shape
    dwin = np.broadcast_to(m[..., None, None], (a, b, oh, ow, k, k))
    hits = scatter_windows(dwin.astype(np.uint8), hw[0] + t + b_, hw[1] + l + r, s)
    return hits[:, :, t:t + hw[0], l:l + hw[1]] > 0


def _used_offsets(mask: np.ndarray, hw: tuple[int, int], k: int, s: int, p: int) -> np.ndarray:
    """(O, k, k): kernel offset (a, b) of filter o is read where a marked window of o puts it
    on the image, not on the padding (there it multiplies a zero)."""
    real = pad2d(np.ones((1, 1) + tuple(hw), np.float32), p)
    on_image = windows(real, k, s)[0, 0]                     # (OH, OW, k, k)
    o, oh, ow = mask.shape[1:]
    marked = mask.any(axis=0).reshape(o, oh * ow).astype(np.float32)
    # one float32 product counts, per filter and offset, the marked windows that put the
    # offset on the image (exact: the counts stay far below 2**24)
    return (marked @ on_image.reshape(oh * ow, k * k) > 0).reshape(o, k, k)


@index_map("conv2d")
def _conv(params, inputs, weights, mask):
    x = inputs[0]
    k, s, p = params["kernel"], params["stride"], params["padding"]
    spatial = mask.any(axis=1, keepdims=True)                # (N, 1, OH, OW)
    m = _window_mask(spatial, x.shape[2:], k, s, p)          # (N, 1, H, W)
    used = _used_offsets(mask, x.shape[2:], k, s, p)
    out = {}
    for name, w in weights.items():
        out[name] = (np.broadcast_to(used[:, None], w.shape).copy() if w.ndim == 4
                     else mask.any(axis=(0, 2, 3)))
    return [np.broadcast_to(m, x.shape).copy()], out


@index_map("group_conv2d")
def _group_conv(params, inputs, weights, mask):
    """Like conv2d, but filter o reads only the channels of its group."""
    x = inputs[0]
    k, s, p, g = params["kernel"], params["stride"], params["padding"], params["groups"]
    n, c = x.shape[:2]
    o = mask.shape[1]
    m = np.zeros(x.shape, bool)
    for gi in range(g):
        part = mask[:, gi * (o // g):(gi + 1) * (o // g)].any(axis=1, keepdims=True)
        m[:, gi * (c // g):(gi + 1) * (c // g)] = _window_mask(part, x.shape[2:], k, s, p)
    used = _used_offsets(mask, x.shape[2:], k, s, p)
    out = {}
    for name, w in weights.items():
        out[name] = (np.broadcast_to(used[:, None], w.shape).copy() if w.ndim == 4
                     else mask.any(axis=(0, 2, 3)))
    return [m], out


@index_map("avg_pool2d_valid")
def _pool_valid(params, inputs, weights, mask):
    return [_window_mask(mask, inputs[0].shape[2:], params["kernel"], params["stride"], 0,
                         tuple(params["pads"]))], {}


@index_map("pad2d")
def _pad2d(params, inputs, weights, mask):
    """An output cell reads the input cell it was moved from; added cells read nothing."""
    x = inputs[0]
    t, l, b, r = params["pads"]
    h, w = x.shape[2:]
    inner = mask[:, :, max(t, 0):mask.shape[2] - max(b, 0), max(l, 0):mask.shape[3] - max(r, 0)]
    m = np.zeros(x.shape, bool)
    m[:, :, max(-t, 0):h - max(-b, 0), max(-l, 0):w - max(-r, 0)] = inner
    return [m], {}


@index_map("lrn")
def _lrn(params, inputs, weights, mask):
    """[n, c, …] reads x[n, c', …] for the channels c' of c's window (c − ⌊(size−1)/2⌋ ..
    c + ⌈(size−1)/2⌉, cut to the channels there are)."""
    size = params["size"]
    lo, hi = (size - 1) // 2, size - 1 - (size - 1) // 2
    c = mask.shape[1]
    cs = np.concatenate([np.zeros_like(mask[:, :1], dtype=np.int64),
                         np.cumsum(mask, axis=1, dtype=np.int64)], axis=1)
    idx = np.arange(c)
    top, bot = np.minimum(idx + lo + 1, c), np.maximum(idx - hi, 0)   # read by c' − hi .. c' + lo
    return [(cs[:, top] - cs[:, bot]) > 0], {}


@index_map("max_pool2d", "avg_pool2d")
def _pool(params, inputs, weights, mask):
    k = params["kernel"]
    s, p = params["stride"] or k, params["padding"]
    return [_window_mask(mask, inputs[0].shape[2:], k, s, p)], {}


@index_map("global_avg_pool", "sum", "mean")
def _reduce(params, inputs, weights, mask):
    x = inputs[0]
    if "axes" in params and params["axes"]:
        axes = tuple(a % x.ndim for a in params["axes"])
    elif "axes" in params:
        axes = tuple(range(x.ndim))
    else:                                                     # global pool: all but N, C
        axes = tuple(range(2, x.ndim))
    m = mask
    if not params.get("keepdims", False):
        m = np.expand_dims(m, axes) if m.ndim else m.reshape((1,) * x.ndim)
    return [np.broadcast_to(m, x.shape).copy()], {}


@index_map("softmax", "log_softmax")
def _along_axis(params, inputs, weights, mask):
    return [np.broadcast_to(mask.any(axis=params["axis"], keepdims=True),
                            mask.shape).copy()], {}


@index_map("reshape", "flatten")
def _reshape(params, inputs, weights, mask):
    return [mask.reshape(inputs[0].shape)], {}


@index_map("transpose")
def _transpose(params, inputs, weights, mask):
    x = inputs[0]
    perm = tuple(a % x.ndim for a in params["axes"]) or tuple(range(x.ndim - 1, -1, -1))
    return [np.transpose(mask, np.argsort(perm))], {}


@index_map("concat")
def _concat(params, inputs, weights, mask):
    axis = params["axis"] % mask.ndim
    cuts = np.cumsum([x.shape[axis] for x in inputs])[:-1]
    return [part.copy() for part in np.split(mask, cuts, axis=axis)], {}


@index_map("slice")
def _slice(params, inputs, weights, mask):
    x = inputs[0]
    axis = params["axis"] % x.ndim
    m = np.zeros(x.shape, bool)
    m[(slice(None),) * axis + (slice(params["start"], params["stop"] or None,
                                     params["step"]),)] = mask
    return [m], {}


@index_map("batch_norm")
def _batch_norm(params, inputs, weights, mask):
    """In evaluation (how values are looked at) entry [n, c, …] reads x[n, c, …] and the
    statistics, scale and shift of channel c."""
    chans = mask.any(axis=(0,) + tuple(range(2, mask.ndim)))
    return [mask.copy()], _weight_masks(weights, chans)


@index_map("embedding")
def _embedding(params, inputs, weights, mask):
    ids = inputs[0]
    e = np.zeros(weights["E"].shape, bool)
    rows = mask.any(axis=-1)
    for idx in zip(*np.nonzero(rows)):
        e[int(ids[idx])] |= mask[idx]
    return [rows], {"E": e}


@index_map("mse", "bce_logits", "bce", "softmax_ce")
def _loss(params, inputs, weights, mask):
    if params["reduction"] == "mean":
        return [np.full(x.shape, bool(mask.any())) for x in inputs], {}
    out = []
    for x in inputs:
        m = mask.reshape((-1,) + (1,) * (x.ndim - 1))
        out.append(np.broadcast_to(m, x.shape).copy())
    return out, {}


@index_map("l2_penalty")
def _l2(params, inputs, weights, mask):
    return [np.full(x.shape, bool(mask.any())) for x in inputs], {}


# -- tracing through a graph ----------------------------------------------------------------


@dataclass
class Trace:
    """Which entries of each upstream node's value (``values``) and of each node's weights
    (``weights``: (node id, name) -> mask) one output entry depends on."""

    node: str
    index: tuple[int, ...]
    values: dict[str, np.ndarray] = field(default_factory=dict)
    weights: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)

    def count(self, nid: str) -> int:
        m = self.values.get(nid)
        return 0 if m is None else int(m.sum())


def sources_of(graph: Graph, values: dict[str, np.ndarray], node: str,
               mask: np.ndarray) -> Masks:
    """One hop: the input and weight masks of ``node`` for the output entries in ``mask``."""
    n = graph.nodes[node]
    if n.op in SOURCES:
        return [], {}
    ins = [values[s] for s in graph.inputs_of(node)]
    return INDEX_MAPS[n.op](n.params, ins, n.weights, mask)


def trace(graph: Graph, values: dict[str, np.ndarray], node: str,
          index: tuple[int, ...]) -> Trace:
    """Follow entry ``index`` of ``node``'s value back through every ancestor.

    ``values`` holds the forward value of ``node`` and each ancestor (e.g. a
    :class:`engine.inspect.upstream.Probe`'s values).
    """
    index = tuple(int(i) for i in index)
    start = np.zeros(np.shape(values[node]), bool)
    start[index] = True
    out = Trace(node, index, {node: start})
    keep = graph.ancestors(node) | {node}
    for nid in reversed([n for n in graph.topo_order() if n in keep]):
        m = out.values.get(nid)
        if m is None or not m.any() or graph.nodes[nid].op in SOURCES:
            continue
        in_masks, w_masks = sources_of(graph, values, nid, m)
        for k, wm in w_masks.items():
            out.weights[(nid, k)] = wm
        for src, sm in zip(graph.inputs_of(nid), in_masks):
            if sm is None:
                continue
            prev = out.values.get(src)
            out.values[src] = sm if prev is None else (prev | sm)
    return out
