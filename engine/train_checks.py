"""Checks around training that a learner's verdicts rest on: whether a run diverges, whether a
learning rate makes sense for an optimizer, and whether a data set fits a graph.

Divergence. A run diverges when its cost becomes NaN or infinite, or when the train cost at the
end of an epoch has grown far above where it started: above start + DIVERGE_FACTOR ×
max(|start|, 0.1), the start being the first iteration's cost (so a cost near 0 that wobbles up
a little is not called diverging). :func:`suggest_lr` names a smaller learning rate to try.
:data:`LR_RANGES` holds the learning rates that make sense for each optimizer, and
:func:`lr_warning` says when a value is outside them. :func:`fit_problem` says why a graph
cannot train on a data set (shapes, kinds, class ids beyond what its loss or embedding takes).
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from .messages import Msg, carried
from .ops.base import get_op
from .ops.sources import check_feed, convert_feed

if TYPE_CHECKING:  # pragma: no cover
    from .graph import Graph
    from .training import Dataset, History

__all__ = ["LR_RANGES", "TYPICAL_LR", "DIVERGE_FACTOR", "suggest_lr", "lr_warning",
           "divergence", "feed_inputs", "fit_problem"]


def _finite(v) -> bool:
    try:
        return not isinstance(v, bool) and math.isfinite(float(v))
    except (TypeError, ValueError):
        return False


LR_RANGES: dict[str, tuple[float, float]] = {
    "sgd": (1e-4, 2.0), "momentum": (1e-4, 1.0), "rmsprop": (1e-5, 0.05), "adam": (1e-5, 0.05)}
"""Learning rates that make sense per optimizer: below, training barely moves; above, the cost
usually blows up (adaptive optimizers take steps of about α whatever the gradient's size)."""
TYPICAL_LR = {"sgd": 0.1, "momentum": 0.05, "rmsprop": 0.001, "adam": 0.001}
DIVERGE_FACTOR = 10.0
_DIVERGE_SCALE = 0.1


def suggest_lr(lr: float, optimizer: str) -> float:
    """A smaller learning rate to try after ``lr`` diverged: a tenth of it, and no more than
    the optimizer's usual value."""
    return float(f"{min(lr / 10, TYPICAL_LR.get(optimizer, lr / 10)):.1g}")


def lr_warning(optimizer: str, lr: float) -> str | None:
    """Why ``lr`` is unusual for ``optimizer`` (too large or too small), or None."""
    if optimizer not in LR_RANGES or not _finite(lr) or lr <= 0:
        return None
    lo, hi = LR_RANGES[optimizer]
    if lr > hi:
        return Msg("train.lr_high", lr=lr, optimizer=optimizer, lo=lo, hi=hi,
                   typical=TYPICAL_LR[optimizer])
    if lr < lo:
        return Msg("train.lr_low", lr=lr, optimizer=optimizer, lo=lo, hi=hi,
                   typical=TYPICAL_LR[optimizer])
    return None


def _grown(start: float, cost: float) -> bool:
    return cost > start + DIVERGE_FACTOR * max(abs(start), _DIVERGE_SCALE)


def divergence(history: "History") -> str | None:
    """Why ``history`` shows a diverging run (a cost that is not finite, or an epoch's train
    cost far above the first iteration's), or None."""
    bad = [c for c in history.cost + history.train_cost if not math.isfinite(c)]
    if bad:
        return Msg("train.not_finite")
    if not history.cost:
        return None
    start = history.cost[0]
    for e, tc in zip(history.epochs, history.train_cost):
        if _grown(start, tc):
            return Msg("train.cost_grew", start=start, cost=tc, epoch=e)
    return None


def feed_inputs(graph: "Graph") -> list[str]:
    """Ids of the graph's input (fed) nodes, in plan order."""
    return [nid for nid in graph.topo_order() if get_op(graph.nodes[nid].op).is_feed]


def _id_limits(graph: "Graph", nid: str) -> list[tuple[int, str]]:
    """(count, what) for every consumer that takes the ids of int input ``nid``: the classes
    of a softmax_ce target, the rows of an embedding."""
    out = []
    for dst, port in graph.consumers(nid):
        node = graph.nodes[dst]
        if node.op == "softmax_ce" and port == 1:
            src = graph.inputs_of(dst)[0]
            shape = graph.shapes[src].out if src is not None and src in graph.shapes else None
            if shape and shape[-1] is not None:
                out.append((int(shape[-1]), Msg("train.classes_of", count=shape[-1],
                                                name=node.name)))
        elif node.op == "embedding" and port == 0:
            k = int(node.params["num_embeddings"])
            out.append((k, Msg("train.rows_of", count=k, name=node.name)))
    return out


def fit_problem(graph: "Graph", ds: "Dataset", label: str | None = None) -> str | None:
    """Why ``graph`` cannot train on ``ds``, or None when it can: a shape error in the graph,
    an input with no array of its name, an array of the wrong shape or kind, or class ids
    beyond what the graph's loss or embedding takes."""
    if graph.issues:
        issue = graph.issues[0]
        return Msg("train.graph_error", node=issue.name, error=issue.msg or issue.message)
    label = label or ds.name or Msg("train.the_data")
    for nid in feed_inputs(graph):
        node = graph.nodes[nid]
        if node.name not in ds.arrays:
            return Msg("train.no_array", label=label, name=node.name,
                       arrays=", ".join(ds.arrays) or Msg("op.none"))
        arr = ds.arrays[node.name]
        why = check_feed(node.name, tuple(node.params["shape"]), arr)
        if why:
            return Msg("train.no_fit", label=label, why=why)
        try:
            ids = convert_feed(Msg("train.data_input", label=label, name=node.name), arr,
                               node.params["dtype"], np.float32)
        except ValueError as e:
            return carried(e)
        if node.params["dtype"] != "int" or not ids.size:
            continue
        lo, hi = int(ids.min()), int(ids.max())
        for count, what in _id_limits(graph, nid):
            if lo < 0 or hi >= count:
                return Msg("train.ids_range", label=label, name=node.name, lo=lo, hi=hi,
                           what=what, top=count - 1, count=count)
    return None
