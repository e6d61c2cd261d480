"""Run the upstream part of a graph to look inside it: forward up to one node, and backward
from one node with any seed gradient (the conv views' probe).

The executor runs the whole graph toward its cost and wants every input fed. Looking inside
needs less and something else: the values of one node's ancestors only (a feature map needs the
image, not the label), kept with their caches, and a backward pass that starts at that node
with a chosen seed (a one-hot on one output entry gives the gradient of that single entry with
respect to every earlier value: its effective receptive field). This module drives the ops'
own forward and backward for that, in evaluation mode, never changing the graph.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np
from threadpoolctl import ThreadpoolController

from engine.graph import Graph
from engine.messages import Msg, MsgError, carried
from engine.ops.base import Context, get_op, unbroadcast
from engine.ops.sources import check_feed, convert_feed


_BLAS: list = []


def one_blas_thread():
    """A context in which BLAS uses one thread. Looking inside runs thin products (a few
    kernels or one example against many pixels): one thread does them as fast as two on an
    idle machine, and many times faster when the cores are busy (waiting BLAS threads spin)."""
    if not _BLAS:
        _BLAS.append(ThreadpoolController())
    return _BLAS[0].limit(limits=1, user_api="blas")


class ProbeError(ValueError):
    """The part of the graph to look at cannot run; the message names the node and the fix."""


@dataclass
class Probe:
    """Forward values (and caches) of ``node`` and its ancestors, by node id; ``order`` is
    their topological order, ending at ``node``."""

    graph: Graph
    node: str
    order: list[str]
    values: dict[str, np.ndarray] = field(default_factory=dict)
    caches: dict[str, Any] = field(default_factory=dict)
    weights: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)


def _feed_for(graph: Graph, nid: str, feeds: Mapping[str, Any], dtype) -> np.ndarray:
    node = graph.nodes[nid]
    value = feeds.get(nid, feeds.get(node.name))
    if value is None:
        raise ProbeError(Msg("probe.no_data", input=node.name))
    try:
        arr = convert_feed(node.name, value, node.params["dtype"], dtype)
    except ValueError as e:
        raise ProbeError(carried(e)) from None
    why = check_feed(node.name, tuple(node.params["shape"]), arr)
    if why:
        raise ProbeError(why)
    return arr


def run_upto(graph: Graph, feeds: Mapping[str, Any], node: str,
             dtype=np.float64) -> Probe:
    """Forward pass over ``node`` and its ancestors only, fed by input name or id.

    Values keep the batch the feeds have (one example: N = 1). Raise ProbeError when an
    ancestor has a shape issue, an input is not connected or not fed, or an op fails.
    """
    if node not in graph.nodes:
        raise ProbeError(Msg("probe.no_node", node=node))
    keep = graph.ancestors(node) | {node}
    order = [n for n in graph.topo_order() if n in keep]
    bad = [i for i in graph.issues if i.node in keep]
    if bad:
        issue = bad[0]
        raise ProbeError(Msg("probe.issue", node=graph.nodes[node].name, at=issue.name,
                             issue=issue.msg if issue.msg is not None else issue.message))
    probe = Probe(graph, node, order)
    with one_blas_thread():
        _forward(graph, feeds, probe, np.dtype(dtype))
    return probe


def _forward(graph: Graph, feeds: Mapping[str, Any], probe: Probe, dt: np.dtype) -> None:
    ctx = Context(training=False, rng=np.random.default_rng(0))
    for nid in probe.order:
        n = graph.nodes[nid]
        op = get_op(n.op)
        weights = {k: w.astype(dt, copy=False) for k, w in n.weights.items()}
        probe.weights[nid] = weights
        if op.is_feed:
            probe.values[nid] = _feed_for(graph, nid, feeds, dt)
            continue
        srcs = graph.inputs_of(nid)
        if None in srcs:
            raise ProbeError(Msg("probe.not_connected", node=n.name,
                                 input=op.input_name(srcs.index(None))))
        ins = [probe.values[s] for s in srcs]
        try:
            out, cache = op.forward(n.params, ins, weights, ctx)
        except (ValueError, IndexError, TypeError) as e:
            raise ProbeError(Msg("probe.failed", node=n.name, op=n.op, error=carried(e))) from None
        out = np.asarray(out)
        if out.dtype.kind == "f" and out.dtype != dt:
            out = out.astype(dt)
        probe.values[nid], probe.caches[nid] = out, cache


def backward_from(probe: Probe, seed: np.ndarray,
                  start: str | None = None) -> dict[str, np.ndarray]:
    """Gradients of Σ seed · value(start) with respect to the output of ``start`` and of every
    ancestor, by node id (``start`` defaults to the probe's node). ``seed`` has the shape of
    that node's value; a one-hot seed gives the gradient of one output entry."""
    g = probe.graph
    start = start or probe.node
    seed = np.asarray(seed, dtype=probe.values[start].dtype)
    if seed.shape != probe.values[start].shape:
        raise MsgError(Msg("view.seed_shape", seed=seed.shape, node=g.nodes[start].name,
                                shape=probe.values[start].shape))
    keep = g.ancestors(start) | {start}
    grads: dict[str, np.ndarray] = {start: seed}
    with one_blas_thread():
        _backward(probe, [n for n in probe.order if n in keep], grads)
    return grads


def _backward(probe: Probe, order: list[str], grads: dict[str, np.ndarray]) -> None:
    g = probe.graph
    for nid in reversed(order):
        gout = grads.get(nid)
        op = get_op(g.nodes[nid].op)
        if gout is None or op.is_source:
            continue
        srcs = g.inputs_of(nid)
        ins = [probe.values[s] for s in srcs]
        need = tuple(probe.values[s].dtype.kind == "f" for s in srcs)
        in_grads, _ = op.backward(g.nodes[nid].params, ins, probe.weights[nid],
                                  probe.values[nid], probe.caches.get(nid), gout, need)
        for s, gi, x, nd in zip(srcs, in_grads, ins, need):
            if gi is None or not nd:
                continue
            gi = unbroadcast(np.asarray(gi), x.shape)
            grads[s] = gi if s not in grads else grads[s] + gi
