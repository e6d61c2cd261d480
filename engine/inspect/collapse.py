"""The single affine map a stack of linear layers collapses to (idea 11).

A chain x → dense(identity) → … → dense(identity) computes
a = W_L(…(W_2(W_1 x + b_1) + b_2)…) + b_L = W x + b with

    W = W_L ⋯ W_2 W_1,     b = W_L ⋯ W_2 b_1 + … + W_L b_{L-1} + b_L,

so any depth without non-linear activations is one linear layer. Identity activation nodes in
the chain are skipped. Any other node (a ReLU, a sigmoid layer) breaks the chain, and the reason
names it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..graph import Graph
from .probe import Weights


@dataclass
class Collapsed:
    """W (out, in) and b (out,) of the whole chain; ``layers`` the dense node names, input
    first; ``factors`` their (W, b) in the same order; ``source`` the input node id."""

    W: np.ndarray
    b: np.ndarray
    layers: list[str]
    factors: list[tuple[np.ndarray, np.ndarray]]
    source: str

    def apply(self, x: np.ndarray) -> np.ndarray:
        """x (N, in) → (N, out)."""
        return x @ self.W.T + self.b

    @property
    def formula(self) -> str:
        names = [f"W[{i + 1}]" for i in range(len(self.layers))]
        return " · ".join(reversed(names))


def linear_chain(graph: Graph, out: str) -> tuple[list[str], str] | str:
    """(dense ids input first, input id) of the linear chain ending at ``out``, or a sentence
    saying why the network is not one (naming every non-linear layer on the way)."""
    chain: list[str] = []
    nonlinear: list[str] = []
    nid = out
    for _ in range(len(graph.nodes) + 1):
        node = graph.nodes[nid]
        if node.op == "input":
            if nonlinear:
                names = ", ".join(reversed(nonlinear))
                return (f"{names} appl{'ies' if len(nonlinear) == 1 else 'y'} a non-linear "
                        "activation, so the layers do not multiply out to one matrix; set "
                        "every activation to identity to see the collapse")
            if not chain:
                return "there are no dense layers between the input and the output"
            return list(reversed(chain)), nid
        if node.op == "dense":
            if node.params["activation"] != "identity":
                nonlinear.append(f"{node.name} ({node.params['activation']})")
            chain.append(nid)
        elif node.op != "identity":
            return (f"{node.name} ({node.op}) is not a linear layer, so the network is not one "
                    "affine map")
        srcs = graph.inputs_of(nid)
        if len(srcs) != 1 or srcs[0] is None:
            return f"{node.name} does not take exactly one connected input"
        nid = srcs[0]
    return "the graph has a cycle"   # pragma: no cover - graphs are acyclic


def collapse(graph: Graph, out: str, weights: Weights | None = None) -> Collapsed:
    """The affine map of the linear chain ending at ``out``; ValueError (a sentence) otherwise."""
    found = linear_chain(graph, out)
    if isinstance(found, str):
        raise ValueError(found)
    ids, src = found
    weights = weights or {}
    W = b = None
    factors = []
    for nid in ids:
        node = graph.nodes[nid]
        Wl = np.asarray(weights.get((nid, "W"), node.weights["W"]), np.float64)
        bl = np.asarray(weights.get((nid, "b"), node.weights["b"]), np.float64) \
            if node.params["bias"] else np.zeros(len(Wl))
        factors.append((Wl, bl))
        W, b = (Wl, bl) if W is None else (Wl @ W, Wl @ b + bl)
    return Collapsed(W, b, [graph.nodes[n].name for n in ids], factors, src)


def line_of(c: Collapsed, plane_extent: tuple[float, float, float, float]
            ) -> tuple[np.ndarray, np.ndarray] | None:
    """Two end points (xs (2,), ys (2,)) of the collapsed map's boundary in a 2-D input plane:
    the line where the two class scores are equal (two outputs) or the score is 0 (one output);
    None when it misses the plane or the map has another shape."""
    if c.W.shape[1] != 2 or c.W.shape[0] not in (1, 2):
        return None
    if c.W.shape[0] == 2:
        w, k = c.W[1] - c.W[0], c.b[1] - c.b[0]
    else:
        w, k = c.W[0], c.b[0]
    return clip_line(w, float(k), plane_extent)


def clip_line(w: np.ndarray, k: float, box: tuple[float, float, float, float]
              ) -> tuple[np.ndarray, np.ndarray] | None:
    """The segment of the line w·p + k = 0 inside box (x0, x1, y0, y1): (xs (2,), ys (2,)),
    or None when the line misses the box (or w is 0)."""
    x0, x1, y0, y1 = box
    pts = []
    if abs(w[1]) > 1e-12:
        for x in (x0, x1):
            y = -(w[0] * x + k) / w[1]
            if y0 - 1e-9 <= y <= y1 + 1e-9:
                pts.append((x, y))
    if abs(w[0]) > 1e-12:
        for y in (y0, y1):
            x = -(w[1] * y + k) / w[0]
            if x0 - 1e-9 <= x <= x1 + 1e-9:
                pts.append((x, y))
    if len(pts) < 2:
        return None
    pts = np.array(pts)
    d = ((pts[:, None] - pts[None]) ** 2).sum(-1)
    i, j = np.unravel_index(int(d.argmax()), d.shape)
    return pts[[i, j], 0], pts[[i, j], 1]


__all__ = ["Collapsed", "collapse", "linear_chain", "line_of", "clip_line"]
