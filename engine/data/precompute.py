"""Data derived from a graph: a node's values over a whole data set, and precomputed features.

Transfer learning (idea 19): when the first layers of a network are frozen, their output for
each example never changes, so it can be computed once and kept as a new data set. A new head
then trains on those features directly, without running the frozen layers at every step.
:func:`head_graph` cuts a graph at a node: the node and everything it depends on are replaced
by one input of the same name, which the precomputed features feed.
"""
from __future__ import annotations

import numpy as np

from . import ProgressFn, StopFn, report
from ..executor import Executor
from ..graph import Graph, GraphError
from ..messages import Msg
from ..ops.base import get_op
from ..training import Dataset

__all__ = ["node_values", "frozen_part", "head_graph", "precompute_features"]


def _feeds(graph: Graph, ex: Executor, dataset: Dataset, lo: int, hi: int,
           needed: set[str]) -> dict[str, np.ndarray]:
    """Dataset slices for the inputs ``needed``; zeros of the declared shape for the others
    (they do not lead to the node being computed)."""
    out = {}
    for e in ex.entries:
        if not e.feed:
            continue
        node = graph.nodes[e.nid]
        if node.name in dataset.arrays:
            out[e.nid] = dataset.arrays[node.name][lo:hi]
        elif e.nid in needed:
            raise ValueError(Msg("data.no_array_for_input", name=node.name,
                                 arrays=", ".join(dataset.arrays) or Msg("op.none")))
        else:
            shape = [hi - lo if d is None else d for d in node.params["shape"]]
            out[e.nid] = np.zeros(shape, np.int64 if node.params["dtype"] == "int" else np.float64)
    return out


def node_values(graph: Graph, dataset: Dataset, node: str, chunk: int = 2048,
                progress: ProgressFn | None = None, should_stop: StopFn | None = None
                ) -> np.ndarray:
    """The value of ``node`` (id or name) for every example of ``dataset``, in evaluation mode
    (dropout off, batch norm on its running statistics). (N, ...) float64. The graph is not
    changed (a copy runs)."""
    g = graph.copy()
    nid = g.resolve(node)
    ex = Executor(g, target=nid)
    needed = g.ancestors(nid) | {nid}
    n = len(dataset)
    if n == 0:
        raise ValueError(Msg("data.empty"))
    parts = []
    for lo in range(0, n, chunk):
        report(progress, should_stop, lo / n, Msg("progress.computing", node=g.nodes[nid].name))
        hi = min(n, lo + chunk)
        value, _ = ex.run(_feeds(g, ex, dataset, lo, hi, needed), training=False, backward=False)
        parts.append(np.array(value))
    report(progress, None, 1.0, Msg("progress.done"))
    return np.concatenate(parts, 0)


def frozen_part(graph: Graph, node: str) -> set[str]:
    """The node (id or name) and every node it depends on: the part features come from."""
    nid = graph.resolve(node)
    return graph.ancestors(nid) | {nid}


def head_graph(graph: Graph, node: str) -> Graph:
    """A copy of ``graph`` with ``node`` and its ancestors replaced by one input of the
    node's name and output shape (examples axis open). Raises GraphError when the head reads
    other values from the cut-off part (then the cut is not where the head begins)."""
    nid = graph.resolve(node)
    part = frozen_part(graph, nid)
    name = graph.nodes[nid].name
    out = graph.shapes[nid].out
    if out is None:
        raise GraphError(Msg("data.cut_no_shape", name=name))
    if len(out) == 0:
        raise GraphError(Msg("data.cut_scalar", name=name))
    consumers = graph.consumers(nid)
    if not consumers:
        raise GraphError(Msg("data.cut_unread", name=name))
    g = graph.copy()
    for dst, _ in [(d, p) for s in part for d, p in graph.consumers(s)]:
        if dst in part:
            continue
        for port, src in enumerate(graph.inputs_of(dst)):
            if src in part and src != nid and not get_op(graph.nodes[src].op).is_feed:
                raise GraphError(Msg("data.cut_bypass", dst=graph.nodes[dst].name,
                                     src=graph.nodes[src].name, name=name))
    kept_inputs = {s for s in part if get_op(graph.nodes[s].op).is_feed
                   and any(d not in part for d, _ in graph.consumers(s))}
    with g.batch():
        for s in graph.topo_order()[::-1]:
            if s in part and s not in kept_inputs:
                g.remove_node(s)
        new = g.add_node("input", {"shape": (None, *out[1:]), "dtype": "float"}, name=name)
        for dst, port in consumers:
            g.connect(new, dst, port)
    g.meta = dict(graph.meta)
    g.meta["head_of"] = name
    return g


def precompute_features(graph: Graph, dataset: Dataset, node: str,
                        progress: ProgressFn | None = None,
                        should_stop: StopFn | None = None) -> tuple[Graph, Dataset]:
    """(the head graph, the dataset with ``node``'s values under the node's name added).

    The features are float32 (N, ...) and travel with every other array of ``dataset``.
    """
    head = head_graph(graph, node)
    name = graph.nodes[graph.resolve(node)].name
    feats = node_values(graph, dataset, node, progress=progress, should_stop=should_stop)
    arrays = dict(dataset.arrays)
    arrays[name] = feats.astype(np.float32)
    meta = dict(dataset.meta)
    meta["features_of"] = name
    return head, Dataset(arrays, f"{dataset.name} → {name} features",
                         Msg("dataset.precomputed", node=name, data=dataset.name), meta)
