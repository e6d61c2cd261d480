"""The course's notation for dense layers: layer index l, z[l], a[l], W[l], b[l], n[l].

Layer l is the l-th dense layer on the way from the input: the input is a[0] with n[0]
features, the first dense layer computes z[1] and a[1], and so on. The index comes from the
graph alone: for each dense node, the count of dense layers on the path from an input to it,
itself included (where branches meet, the longest path counts).

Rows and columns: the app keeps examples in rows, so a[l] has shape (m, n[l]) and a layer
computes Z[l] = A[l-1]·W[l]ᵀ + b[l]. The course keeps examples in columns, (n[l], m), and
writes Z[l] = W[l]·A[l-1] + b[l]. W[l] is (n[l], n[l-1]) in both: the same numbers, with the
activations transposed.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .messages import Msg

if TYPE_CHECKING:  # pragma: no cover
    from .graph import Graph

ROWS_NOTE = ("Examples are rows here: a[l] is (m, n[l]) and a layer computes "
             "Z[l] = A[l-1]·W[l]ᵀ + b[l]. The course puts examples in columns, (n[l], m), "
             "and writes Z[l] = W[l]·A[l-1] + b[l]: the same numbers, transposed. "
             "W[l] is (n[l], n[l-1]) in both.")


_INDICES: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()   # graph -> (version, ids)


def dense_layer_indices(graph: "Graph") -> dict[str, int]:
    """node id -> l for every dense node: the dense layers on the longest path from an input
    to it, itself included. Nodes that are not dense get no entry.

    Remembered per graph until its next change (``graph.version``), since every hover and
    step text asks again."""
    hit = _INDICES.get(graph)
    if hit is not None and hit[0] == graph.version:
        return dict(hit[1])
    out = _indices(graph)
    _INDICES[graph] = (graph.version, out)
    return dict(out)


def _indices(graph: "Graph") -> dict[str, int]:
    depth: dict[str, int] = {}
    out: dict[str, int] = {}
    for nid in graph.topo_order():
        d = max((depth[s] for s in graph.inputs_of(nid) if s is not None and s in depth),
                default=0)
        if graph.nodes[nid].op == "dense":
            d += 1
            out[nid] = d
        depth[nid] = d
    return out


def _sub(l: int) -> str:
    return f"[{l}]"


@dataclass(frozen=True)
class DenseNotation:
    """The course's symbols for one dense layer, with its sizes when they are known."""

    l: int
    n_prev: int | None       # n[l-1], the input's features
    n: int                   # n[l], the units
    activation: str
    bias: bool

    @property
    def forward(self) -> str:
        """'z[1] = W[1]·a[0] + b[1]'."""
        l = self.l
        bias = f" + b{_sub(l)}" if self.bias else ""
        return f"z{_sub(l)} = W{_sub(l)}·a{_sub(l - 1)}{bias}"

    @property
    def activation_line(self) -> str:
        """'a[1] = g[1](z[1]), g[1] = relu' (or 'a[1] = z[1]' without an activation)."""
        l = self.l
        if self.activation == "identity":
            return Msg("notation.no_activation", a=f"a{_sub(l)}", z=f"z{_sub(l)}", g=f"g{_sub(l)}")
        return f"a{_sub(l)} = g{_sub(l)}(z{_sub(l)}),  g{_sub(l)} = {self.activation}"

    @property
    def weight_shape(self) -> str:
        """'W[1]: (n[1], n[0]) = (16, 2)'."""
        l = self.l
        prev = "?" if self.n_prev is None else str(self.n_prev)
        return f"W{_sub(l)}: (n{_sub(l)}, n{_sub(l - 1)}) = ({self.n}, {prev})"

    @property
    def bias_shape(self) -> str:
        """'b[1]: (n[1],) = (16,)', or '' without a bias."""
        l = self.l
        return f"b{_sub(l)}: (n{_sub(l)},) = ({self.n},)" if self.bias else ""

    @property
    def backward(self) -> str:
        """The backward formulas in the same symbols (rows layout, 1/m already in the cost)."""
        l = self.l
        dz = (f"dz{_sub(l)} = da{_sub(l)}" if self.activation == "identity"
              else f"dz{_sub(l)} = da{_sub(l)} ⊙ g{_sub(l)}'(z{_sub(l)})")
        db = f", db{_sub(l)} = Σ dz{_sub(l)}" if self.bias else ""
        return (f"{dz}, dW{_sub(l)} = dz{_sub(l)}ᵀ·a{_sub(l - 1)}{db}, "
                f"da{_sub(l - 1)} = dz{_sub(l)}·W{_sub(l)}")

    def cache_name(self, key: str) -> str:
        """The symbol of a dense cache entry: a_prev -> 'a[0]', z -> 'z[1]', a -> 'a[1]'."""
        return {"a_prev": f"a{_sub(self.l - 1)}", "z": f"z{_sub(self.l)}",
                "a": f"a{_sub(self.l)}"}.get(key, key)

    def weight_name(self, key: str) -> str:
        """'W' -> 'W[1]', 'b' -> 'b[1]'."""
        return f"{key}{_sub(self.l)}" if key in ("W", "b") else key

    def lines(self) -> list[str]:
        """Forward, activation and shape lines, for the inspector and the step details."""
        out = [self.forward, self.activation_line, self.weight_shape]
        if self.bias:
            out.append(self.bias_shape)
        return out


def dense_notation(graph: "Graph", nid: str,
                   indices: dict[str, int] | None = None) -> DenseNotation | None:
    """The notation of dense node ``nid`` (None for any other node)."""
    node = graph.nodes.get(nid)
    if node is None or node.op != "dense":
        return None
    indices = indices if indices is not None else dense_layer_indices(graph)
    info = graph.shapes.get(nid)
    n_prev = None
    if info is not None and info.ins and info.ins[0] is not None and len(info.ins[0]) >= 1:
        n_prev = info.ins[0][-1]
    return DenseNotation(indices[nid], n_prev, int(node.params["units"]),
                         str(node.params["activation"]), bool(node.params["bias"]))


__all__ = ["ROWS_NOTE", "DenseNotation", "dense_layer_indices", "dense_notation"]
