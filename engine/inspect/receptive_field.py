"""Receptive fields: which input pixels one feature-map pixel can see, and which it really uses.

Algorithm
---------
*The box* comes from layer arithmetic. A pixel's rows [r0, r1] at the output of a window op
with kernel k, stride s and padding p come from rows [r0·s − p, r1·s − p + k − 1] of its input
(the same for columns). Ops that keep positions (activations, batch norm, element-wise math,
concatenation of channels) pass the box through unchanged; a concat along a spatial axis shifts
it. Walking the graph upstream in reverse topological order gives a box on every earlier 4-D
map; where paths join (an inception module) the boxes are united. Boxes are reported as they
are and clipped to the map (padding lies outside it).

Along one chain of layers the size has a closed form: with j₀ = 1 and r₀ = 1, each layer l
gives r_l = r_{l−1} + (k_l − 1)·j_{l−1} and j_l = j_{l−1}·s_l (j is the distance in input
pixels between neighbouring outputs). :func:`size_formula` writes it out with the numbers.

*The effective footprint* is the gradient of that one pixel with respect to every earlier map,
from one backward pass seeded with a one-hot (:func:`engine.inspect.upstream.backward_from`);
its magnitude, summed over channels, is the heat map. It lies inside the box, and is usually
concentrated near its centre.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.graph import Graph
from engine.messages import Msg

from .upstream import Probe, backward_from

WINDOW_OPS = ("conv2d", "group_conv2d", "max_pool2d", "avg_pool2d", "avg_pool2d_valid", "pad2d")
POSITION_OPS = frozenset({"identity", "relu", "leaky_relu", "sigmoid", "tanh", "negate", "power",
                          "exp", "log", "sqrt", "abs", "dropout", "batch_norm", "add",
                          "subtract", "multiply", "divide", "concat", "add_n", "lrn"})


@dataclass(frozen=True)
class Box:
    """Rows r0..r1 and columns c0..c1, inclusive, in one map's pixel coordinates."""

    r0: int
    r1: int
    c0: int
    c1: int

    @property
    def height(self) -> int:
        return self.r1 - self.r0 + 1

    @property
    def width(self) -> int:
        return self.c1 - self.c0 + 1

    def union(self, other: "Box") -> "Box":
        return Box(min(self.r0, other.r0), max(self.r1, other.r1),
                   min(self.c0, other.c0), max(self.c1, other.c1))

    def clip(self, h: int, w: int) -> "Box":
        return Box(max(0, self.r0), min(h - 1, self.r1), max(0, self.c0), min(w - 1, self.c1))

    def contains(self, mask: np.ndarray) -> bool:
        """True when every nonzero of a (H, W) array lies inside the box."""
        rows, cols = np.nonzero(mask)
        return bool(np.all((rows >= self.r0) & (rows <= self.r1) &
                           (cols >= self.c0) & (cols <= self.c1)))


def window_params(graph: Graph, nid: str) -> tuple[int, int, int, int] | None:
    """(kernel, stride, padding at the top, padding at the left) of a conv, pool or pad node
    (a pad is a 1x1 window that shifts positions), None for other ops."""
    n = graph.nodes[nid]
    p = n.params
    if n.op not in WINDOW_OPS:
        return None
    if n.op == "pad2d":
        return 1, 1, p["pads"][0], p["pads"][1]
    k = p["kernel"]
    s = (p["stride"] or k) if n.op in ("max_pool2d", "avg_pool2d") else p["stride"]
    if n.op == "avg_pool2d_valid":
        return k, s, p["pads"][0], p["pads"][1]
    return k, s, p["padding"], p["padding"]


def is_map(graph: Graph, nid: str) -> bool:
    """True when the node's output is a stack of 2-D maps (N, C, H, W) with H, W known."""
    out = graph.shapes[nid].out if nid in graph.shapes else None
    return out is not None and len(out) == 4 and out[2] is not None and out[3] is not None


def boxes(graph: Graph, node: str, i: int, j: int) -> dict[str, Box]:
    """The unclipped receptive-field box of pixel (i, j) of ``node`` on every 4-D map upstream
    (and on ``node`` itself, the pixel), by node id. The walk stops at ops that do not keep
    positions (dense, flatten, …)."""
    out: dict[str, Box] = {node: Box(i, i, j, j)}
    keep = graph.ancestors(node) | {node}
    for nid in reversed([n for n in graph.topo_order() if n in keep]):
        box = out.get(nid)
        n = graph.nodes[nid]
        if box is None or n.op in ("input", "parameter", "constant"):
            continue
        srcs = graph.inputs_of(nid)
        wp = window_params(graph, nid)
        if wp is not None:
            k, s, top, left = wp
            found = [(srcs[0], Box(box.r0 * s - top, box.r1 * s - top + k - 1,
                                   box.c0 * s - left, box.c1 * s - left + k - 1))]
        elif n.op in POSITION_OPS:
            found = []
            offset = [0, 0]
            axis = n.params["axis"] % 4 if n.op == "concat" else None
            for src in srcs:
                if not is_map(graph, src):
                    continue
                h, w = graph.shapes[src].out[2:]
                b = Box(box.r0 - offset[0], box.r1 - offset[0], box.c0 - offset[1],
                        box.c1 - offset[1])
                if axis in (2, 3):
                    size = h if axis == 2 else w
                    offset[axis - 2] += size
                    lo, hi = (b.r0, b.r1) if axis == 2 else (b.c0, b.c1)
                    if hi < 0 or lo >= size:
                        continue                 # the box lies in another input
                    b = Box(max(b.r0, 0), min(b.r1, h - 1), b.c0, b.c1) if axis == 2 else \
                        Box(b.r0, b.r1, max(b.c0, 0), min(b.c1, w - 1))
                if h == 1 and w == 1:
                    b = Box(0, 0, 0, 0)          # a broadcast operand: one pixel serves all
                found.append((src, b))
        else:
            continue
        for src, b in found:
            out[src] = b if src not in out else out[src].union(b)
    return out


@dataclass(frozen=True)
class SizeStep:
    """One layer of the closed form: its name and k, s, and r, j after it."""

    name: str
    k: int
    s: int
    r: int
    j: int


def chain(graph: Graph, node: str) -> list[str]:
    """The window layers from the input up to ``node``, in forward order, along the path that
    gives the largest receptive field (where branches join, the widest branch)."""
    memo: dict[str, list[str]] = {}

    def r_of(layers: list[str]) -> int:
        r, j = 1, 1
        for nid in layers:
            k, s = window_params(graph, nid)[:2]
            r, j = r + (k - 1) * j, j * s
        return r

    def best(nid: str) -> list[str]:
        if nid in memo:
            return memo[nid]
        n = graph.nodes[nid]
        own = [nid] if n.op in WINDOW_OPS else []
        ups: list[list[str]] = []
        if n.op in WINDOW_OPS or n.op in POSITION_OPS:
            ups = [best(s) for s in graph.inputs_of(nid) if s is not None and is_map(graph, s)]
        path = (max(ups, key=r_of) if ups else []) + own
        memo[nid] = path
        return path

    return best(node)


def size_steps(graph: Graph, node: str) -> list[SizeStep]:
    """r and j after each window layer of :func:`chain` (r₀ = 1, j₀ = 1)."""
    r, j = 1, 1
    steps = []
    for nid in chain(graph, node):
        if graph.nodes[nid].op == "pad2d":          # shifts positions, adds no size
            continue
        k, s = window_params(graph, nid)[:2]
        r, j = r + (k - 1) * j, j * s
        steps.append(SizeStep(graph.nodes[nid].name, k, s, r, j))
    return steps


def size_formula(graph: Graph, node: str) -> Msg:
    """'r = 1 + (3−1)·1 + (2−1)·1 + (3−1)·2 = 8 pixels (jump 4)' for the chain to ``node``
    (a message the app renders in the user's language)."""
    steps = size_steps(graph, node)
    if not steps:
        return Msg("rf.itself")
    j = 1
    terms = []
    for st in steps:
        terms.append(f"({st.k}−1)·{j}")
        j = st.j
    return Msg("rf.size", sum="1 + " + " + ".join(terms), r=steps[-1].r, jump=steps[-1].j,
               layers=", ".join(f"{s.name}: k{s.k} s{s.s}" for s in steps))


def footprints(probe: Probe, channel: int, i: int, j: int,
               example: int = 0) -> dict[str, np.ndarray]:
    """|∂ value[example, channel, i, j] / ∂ map| summed over channels, (H, W) per 4-D ancestor
    with a float value, from one backward pass seeded with a one-hot."""
    v = probe.values[probe.node]
    seed = np.zeros_like(v, dtype=np.float64)
    seed[example, channel, i, j] = 1.0
    grads = backward_from(probe, seed)
    out = {}
    for nid, gr in grads.items():
        if gr.ndim == 4 and nid != probe.node:
            out[nid] = np.abs(gr[example]).sum(axis=0)
    return out
