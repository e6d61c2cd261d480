"""Several loss heads summed into one cost: each head's own cost and accuracy.

A graph such as the activation-functions example holds several copies of a network, each with
its own loss node (prediction, target), and the cost J adds the losses. Training minimizes J,
but J mixes the copies: what a learner wants to see is every copy's cost and accuracy. The
training loop asks :func:`head_figures` after each evaluation pass, so these figures come from
the same forward pass, on the same data, as the cost it reports.

A head's label is ``graph.meta["head_labels"][node name]`` when the graph gives one (the
example says "leaky relu" for ``L_leaky``), else the node's name.
"""
from __future__ import annotations

import math

import numpy as np

from ..graph import Graph
from ..ops.base import get_op
from ..ops.losses import accuracy

__all__ = ["loss_heads", "head_label", "head_figures", "empty_history", "latest", "HeadHistory",
           "FIELDS"]

FIELDS = ("train_cost", "train_accuracy", "dev_cost", "dev_accuracy")
HeadHistory = dict[str, dict[str, list]]     # head label -> field -> one value per epoch


def loss_heads(graph: Graph, target: str | None) -> list[str]:
    """The loss nodes (two inputs: prediction, target) that feed ``target``, in plan order,
    when there are at least two; [] for a graph with one loss (its figures are the cost's)."""
    if target is None:
        return []
    relevant = graph.ancestors(target) | {target}
    heads = [nid for nid in graph.topo_order() if nid in relevant
             and get_op(graph.nodes[nid].op).category == "Losses"
             and len(get_op(graph.nodes[nid].op).inputs) == 2]
    return heads if len(heads) >= 2 else []


def head_label(graph: Graph, nid: str) -> str:
    """What the loss panel calls head ``nid``."""
    name = graph.nodes[nid].name
    labels = graph.meta.get("head_labels") if isinstance(graph.meta, dict) else None
    if isinstance(labels, dict) and isinstance(labels.get(name), str):
        return labels[name]
    return name


def head_figures(graph: Graph, heads: list[str], value_of) -> dict[str, tuple[float, float]]:
    """{head id: (cost, accuracy)} from one forward pass; ``value_of(nid)`` gives a node's
    value in that pass. The cost is the mean of the loss node's value (a per-example loss
    (N,) or an already averaged one); accuracy is NaN for a loss without one (mse)."""
    out = {}
    for nid in heads:
        src = [s for s in graph.inputs_of(nid)]
        value = value_of(nid)
        cost = float(np.mean(value)) if value is not None else math.nan
        pred = value_of(src[0]) if src[0] is not None else None
        tgt = value_of(src[1]) if src[1] is not None else None
        acc = None
        if pred is not None and tgt is not None:
            acc = accuracy(graph.nodes[nid].op, pred, tgt)
        out[nid] = (cost, math.nan if acc is None else float(acc))
    return out


def empty_history(graph: Graph, heads: list[str]) -> HeadHistory:
    """One empty list per field for every head, keyed by its label."""
    return {head_label(graph, h): {f: [] for f in FIELDS} for h in heads}


def latest(heads: HeadHistory) -> list[tuple[str, float, float, float, float]]:
    """(label, train cost, train accuracy, dev cost, dev accuracy) of each head at the last
    epoch end, in the heads' order; NaN where there is no value (no dev set, no epoch yet)."""
    rows = []
    for label, lists in heads.items():
        rows.append((label, *(lists[f][-1] if lists[f] else math.nan for f in FIELDS)))
    return rows
