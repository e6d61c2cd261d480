"""Which arrays of one node a learner can open after stepping, each beside its gradient.

For a node that has run forward (and maybe backward), the list holds:

* its output value, beside dJ/d(value) once the backward pass has reached it;
* each trainable array it owns (W, b, …), beside its gradient (dW, db, …);
* each entry of its forward cache (z[l], a[l-1], windows, …), on its own.

Dense layers use the course's symbols (a[1], dW[1], …) from :mod:`engine.notation`.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..notation import dense_notation
from ..ops.base import get_op

if TYPE_CHECKING:  # pragma: no cover
    from ..executor import StepRecord
    from ..graph import Graph


@dataclass(frozen=True)
class ArrayPair:
    """An array and, when there is one, its gradient (same shape)."""

    key: str                       # 'value', 'weight:W', 'cache:z'
    name: str                      # 'a[1]', 'W[1]', 'z[1]'
    array: np.ndarray
    grad_name: str | None = None   # 'dJ/da[1]', 'dW[1]'
    grad: np.ndarray | None = None
    note: str = ""
    layout: str = ""               # 'windows': a conv's (N, C, f, f, OH, OW) cache

    @property
    def label(self) -> str:
        if self.grad is not None:
            return f"{self.name} and {self.grad_name}"
        return f"{self.name} (cached)" if self.key.startswith("cache:") else self.name


def node_arrays(graph: "Graph", nid: str, fwd: "StepRecord | None",
                bwd: "StepRecord | None", cost: str = "J") -> list[ArrayPair]:
    """Every array of node ``nid`` the steps so far have produced (empty before its forward)."""
    node = graph.nodes.get(nid)
    if node is None or fwd is None:
        return []
    op = get_op(node.op)
    nota = dense_notation(graph, nid)
    out_name = f"a[{nota.l}]" if nota is not None else node.name
    value_grad = bwd.value if bwd is not None else None
    pairs = [ArrayPair("value", out_name, fwd.value, f"d{cost}/d{out_name}"
                       if value_grad is not None else None, value_grad,
                       "the node's output" + (" and the gradient of the cost with respect "
                                              "to it" if value_grad is not None else ""))]
    info = graph.shapes.get(nid)
    for spec in (info.weights if info is not None else ()):
        if not spec.trainable or spec.name not in node.weights:
            continue
        name = nota.weight_name(spec.name) if nota is not None else f"{node.name}.{spec.name}"
        g = bwd.weight_grads.get(spec.name) if bwd is not None else None
        pairs.append(ArrayPair(f"weight:{spec.name}", name, node.weights[spec.name],
                               f"d{name}" if g is not None else None, g,
                               "frozen: no gradient" if node.frozen else ""))
    cache = fwd.cache if isinstance(fwd.cache, Mapping) else {}
    used = set(bwd.cache_used) if bwd is not None else set()
    for k, v in cache.items():
        if not isinstance(v, np.ndarray) or v.ndim == 0:
            continue
        name = nota.cache_name(k) if nota is not None else k
        if name == out_name:           # dense a[l] is the output itself
            continue
        note = op.cache_notes.get(k, "")
        if k in used:
            note += " (read by the backward step)"
        layout = "windows" if node.op == "conv2d" and k == "windows" else ""
        pairs.append(ArrayPair(f"cache:{k}", name, v, note=f"cached: {note}".strip(),
                               layout=layout))
    return pairs


__all__ = ["ArrayPair", "node_arrays"]
