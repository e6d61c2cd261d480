"""Whole-graph counts: parameters and multiply-adds, from shapes alone.

Every number comes from shape inference (each node's weight specs and its op's multiply-add
rule), never from the weight arrays, so a network too large to allocate is still counted.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .graph import Graph


@dataclass(frozen=True)
class GraphCounts:
    """What the whole graph holds and costs.

    parameters: trainable numbers (weights and biases); buffers: saved but not trained
    (batch-norm running statistics); macs: multiply-adds for one example; uncounted: nodes
    whose shape is unknown (an issue upstream), left out of the sums.
    """

    parameters: int
    buffers: int
    macs: int
    nodes: int
    uncounted: int


def graph_counts(graph: "Graph") -> GraphCounts:
    """Sum the per-node counts of shape inference over every node of ``graph``."""
    params = buffers = macs = uncounted = 0
    for nid in graph.nodes:
        info = graph.shapes.get(nid)
        if info is None or info.out is None:
            uncounted += 1
            continue
        for spec in info.weights:
            n = math.prod(spec.shape)
            if spec.trainable:
                params += n
            else:
                buffers += n
        macs += info.macs
    return GraphCounts(params, buffers, macs, len(graph.nodes), uncounted)


def fmt_count(n: int) -> str:
    """138357544 -> '138,357,544'; 3.1e9 multiply-adds also as '3.1 G' by :func:`fmt_short`."""
    return f"{n:,}"


def fmt_short(n: int) -> str:
    """1234 -> '1.2 k', 15_500_000_000 -> '15.5 G' (for the status bar)."""
    for scale, unit in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return str(n)


def counts_text(c: GraphCounts) -> str:
    """'65 parameters · 48 multiply-adds per example' (with buffers and gaps when present)."""
    text = (f"{fmt_count(c.parameters)} parameters · {fmt_count(c.macs)} multiply-adds "
            "per example")
    if c.buffers:
        text += f" · {fmt_count(c.buffers)} running statistics"
    if c.uncounted:
        text += f" · {c.uncounted} node{'s' if c.uncounted != 1 else ''} without a shape not counted"
    return text


__all__ = ["GraphCounts", "graph_counts", "counts_text", "fmt_count", "fmt_short"]
