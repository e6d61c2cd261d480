"""Forward (and backward) passes that keep what the views look at.

:class:`Probe` runs a graph's plan like :meth:`engine.executor.Executor.run`, with three
differences the views need:

- it computes only the ancestors of the nodes asked for, so a grid over the input plane needs
  no labels fed;
- it keeps every node's value, each dense layer's pre-activation z (its cache) and, in
  :meth:`Probe.backward`, every node's gradient dJ/d(output);
- the arrays it uses can be overridden (``weights``: {(node id, array name): array}), so a view
  can show the weights of a training run that has not yet written them back to the graph.

It always runs in evaluation mode (dropout off, batch norm on running statistics) and never
changes the graph. Its matrix products run on one BLAS thread: a view's products are small
(10,000 × 16 for a boundary grid), and handing them to a second thread costs more than it saves,
ten times more on a busy machine (measured: 8 ms against 0.5 ms for the 100×100 XOR grid).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import numpy as np

from threadpoolctl import ThreadpoolController

from ..executor import ExecutionError, Executor, feed_array
from ..graph import Graph
from ..messages import Msg, carried
from ..ops.base import Context, unbroadcast

Weights = Mapping[tuple[str, str], np.ndarray]

ACTIVATION_OPS = ("relu", "leaky_relu", "sigmoid", "tanh", "identity")
_POOLS: list[ThreadpoolController] = []   # found once: looking the libraries up costs ~1 ms


def _one_blas_thread():
    """A context in which BLAS runs on one thread."""
    if not _POOLS:
        _POOLS.append(ThreadpoolController())
    return _POOLS[0].limit(limits=1, user_api="blas")


@dataclass
class Capture:
    """What one probe pass kept, by node id.

    values: the node's output; pre: the pre-activation z (N, units) of dense layers and the input
    of standalone activation nodes; grads: dJ/d(output), same shape as the value (backward only).
    """

    values: dict[str, np.ndarray] = field(default_factory=dict)
    pre: dict[str, np.ndarray] = field(default_factory=dict)
    grads: dict[str, np.ndarray] = field(default_factory=dict)
    cost: float | None = None


class Probe:
    """A reusable plan over ``graph``; raises ExecutionError (naming the node) when it cannot run."""

    def __init__(self, graph: Graph, dtype=np.float64) -> None:
        self.graph = graph
        # the plan only: arrays are read from the graph (or the override) at every pass
        self._ex = Executor(graph.copy(), None, dtype=dtype)
        self.dtype = np.dtype(dtype)
        self.target = self._ex.target
        self.version = graph.version
        self._plans: dict[tuple, list[int]] = {}

    @property
    def stale(self) -> bool:
        """True once the graph's structure changed after this plan was made."""
        return self.graph.version != self.version

    def _arrays(self, nid: str, weights: Weights | None) -> dict[str, np.ndarray]:
        own = self.graph.nodes[nid].weights
        if not weights:
            return own
        return {k: weights.get((nid, k), w) for k, w in own.items()}

    def _needed(self, nodes) -> list[int]:
        key = tuple(nodes)
        if key in self._plans:
            return self._plans[key]
        ex = self._ex
        keep: set[str] = set()
        for n in nodes:
            keep |= self.graph.ancestors(n) | {n}
        self._plans[key] = plan = [i for i, e in enumerate(ex.entries) if e.nid in keep]
        return plan

    def forward(self, feeds: Mapping[str, np.ndarray], nodes, weights: Weights | None = None
                ) -> Capture:
        """Values of ``nodes`` (ids) and everything upstream of them, for feeds given by input
        name (only the inputs they depend on). Arrays of shape (N, ...) throughout."""
        with _one_blas_thread():
            return self._forward(feeds, nodes, weights)

    def _forward(self, feeds, nodes, weights, _all: bool = False) -> Capture:
        ex = self._ex
        order = range(len(ex.entries)) if _all else self._needed(nodes)
        ctx = Context(training=False, rng=np.random.default_rng(0))
        cap = Capture()
        vals: dict[int, np.ndarray] = {}
        self._caches: dict[int, object] = {}
        for i in order:
            e = ex.entries[i]
            if e.feed:
                if e.name not in feeds:
                    raise ExecutionError(Msg("view.input_no_data", name=e.name), e.nid)
                vals[i] = feed_array(e, feeds[e.name], self.dtype)
            else:
                ins = [vals[s] for s in e.srcs]
                try:
                    out, cache = e.op.forward(e.params, ins, self._arrays(e.nid, weights), ctx)
                except (ValueError, IndexError, TypeError) as err:
                    raise ExecutionError(Msg("probe.failed", node=e.name, op=e.op.name,
                                             error=carried(err)), e.nid) from err
                out = np.asarray(out)
                if out.dtype.kind == "f" and out.dtype != self.dtype:
                    out = out.astype(self.dtype)
                vals[i] = out
                self._caches[i] = cache
                if e.op.name == "dense":
                    cap.pre[e.nid] = np.asarray(cache["z"])     # dense caches a[l-1], z[l], a[l]
                elif e.op.name in ACTIVATION_OPS:
                    cap.pre[e.nid] = ins[0]
            cap.values[e.nid] = vals[i]
        self._vals = vals
        return cap

    def backward(self, feeds: Mapping[str, np.ndarray], weights: Weights | None = None) -> Capture:
        """A full forward pass and the backward pass from the cost: every node's value and
        dJ/d(output). Every input must be fed (labels too)."""
        if self.target is None:
            raise ExecutionError(Msg("view.no_gradients"))
        with _one_blas_thread():
            return self._backward(feeds, weights)

    def _backward(self, feeds, weights) -> Capture:
        ex = self._ex
        cap = self._forward(feeds, [self.target], weights)
        vals, caches = self._vals, self._caches
        t = ex.index[self.target]
        cap.cost = float(vals[t])
        acc: dict[int, np.ndarray] = {t: np.ones_like(vals[t])}
        for i in ex.backward_order:
            g = acc.get(i)
            if g is None:
                continue
            e = ex.entries[i]
            cap.grads[e.nid] = g
            ins = [vals[s] for s in e.srcs]
            try:
                in_grads, _ = e.op.backward(e.params, ins, self._arrays(e.nid, weights), vals[i],
                                            caches.get(i), g, e.need_in)
            except (ValueError, IndexError, TypeError) as err:
                raise ExecutionError(Msg("view.failed_backward", node=e.name, op=e.op.name,
                                         error=carried(err)), e.nid) from err
            for s, need, gi, x in zip(e.srcs, e.need_in, in_grads, ins):
                if need and gi is not None:
                    gi = unbroadcast(np.asarray(gi), x.shape)
                    acc[s] = gi if s not in acc else acc[s] + gi
        return cap


__all__ = ["Probe", "Capture", "ACTIVATION_OPS"]
