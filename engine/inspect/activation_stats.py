"""Per-layer statistics of activations and gradients, unit flags, and the activation curves.

A *layer* here is a node whose output has one value per unit and example, a (N, units) array:
dense nodes and standalone activation nodes (relu, sigmoid, tanh, leaky_relu, identity).

- histograms of the activations over a set of examples (where more than a tenth of them are
  exact zeros, as after a ReLU, the zeros are counted apart, since they would dwarf the rest), and of the gradients dJ/da (vanishing or
  exploding gradients show as a very narrow or very wide spread; the spread is also given as the
  root mean square);
- dead units: a ReLU unit that is 0 on every example (it passes no gradient, so it never
  recovers);
- saturated units: a sigmoid or tanh unit in its flat zone on most examples (more than
  ``most`` of them): |a| > 0.97 for tanh, a < 0.03 or a > 0.97 for sigmoid, where the derivative
  is below 0.06 and 0.03 of its peak;
- the examples that activate a unit most.

:func:`activation_curve` evaluates an activation and its derivative with the engine's own op
forward and backward (so the plot shows exactly what the engine computes), and
:func:`saturated_zones` gives the z ranges the plot shades.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..graph import Graph
from ..ops.base import Context, get_op
from .probe import ACTIVATION_OPS, Capture

SATURATION = 0.97
MOST = 0.5
BINS = 30
ZERO_APART = 0.1   # a layer whose values are more than this fraction exact zeros: count them apart


@dataclass
class Layer:
    """A node whose output is (N, units): id, name, activation name."""

    nid: str
    name: str
    activation: str
    units: int


@dataclass
class LayerStats:
    """Statistics of one layer over N examples.

    act_hist, grad_hist: (counts (BINS,), edges (BINS + 1,)); grad_* are None without gradients.
    dead, saturated: unit indices; saturated_frac (units,): fraction of examples in the flat zone.
    """

    layer: Layer
    n: int
    act_hist: tuple[np.ndarray, np.ndarray]
    act_mean: float
    act_std: float
    grad_hist: tuple[np.ndarray, np.ndarray] | None
    grad_rms: float | None
    dead: list[int]
    saturated: list[int]
    saturated_frac: np.ndarray
    pre_hist: tuple[np.ndarray, np.ndarray] | None
    grad_log_hist: tuple[np.ndarray, np.ndarray] | None = None   # of log10 |dJ/da|, g != 0
    zero_frac: float = 0.0      # the fraction of exact zeros when counted apart (not in act_hist)


def layers(graph: Graph) -> list[Layer]:
    """The graph's layers in plan order: every node whose output is (N, units), one row per
    example (dense and activation nodes, and others such as dropout or an add), except inputs
    and losses. ``activation`` is the dense layer's activation or the activation op's name,
    and "identity" for other nodes."""
    out = []
    for nid in graph.topo_order():
        node = graph.nodes[nid]
        shape = graph.shapes[nid].out if nid in graph.shapes else None
        if shape is None or len(shape) != 2 or shape[0] is not None or shape[1] is None:
            continue
        op = get_op(node.op)
        if op.category in ("Inputs", "Losses"):
            continue
        if node.op == "dense":
            act = node.params["activation"]
        elif node.op in ACTIVATION_OPS:
            act = node.op
        else:
            act = "identity"
        out.append(Layer(nid, node.name, act, int(shape[1])))
    return out


def saturation_mask(activation: str, a: np.ndarray) -> np.ndarray | None:
    """Boolean array like ``a``: where a sigmoid or tanh output sits in its flat zone; None for
    activations that do not saturate."""
    if activation == "tanh":
        return np.abs(a) > SATURATION
    if activation == "sigmoid":
        return (a > SATURATION) | (a < 1 - SATURATION)
    return None


def dead_units(activation: str, a: np.ndarray) -> list[int]:
    """Indices of ReLU units that are 0 on every example of ``a`` (N, units)."""
    if activation != "relu" or len(a) == 0:
        return []
    return [int(u) for u in np.flatnonzero(~(a > 0).any(axis=0))]


def saturated_units(activation: str, a: np.ndarray, most: float = MOST
                    ) -> tuple[list[int], np.ndarray]:
    """(indices of units saturated on more than ``most`` of the examples, fraction per unit)."""
    mask = saturation_mask(activation, a)
    if mask is None or len(a) == 0:
        return [], np.zeros(a.shape[1] if a.ndim == 2 else 0)
    frac = mask.mean(axis=0)
    return [int(u) for u in np.flatnonzero(frac > most)], frac


def _hist(x: np.ndarray, bins: int = BINS) -> tuple[np.ndarray, np.ndarray]:
    x = x[np.isfinite(x)]
    if x.size == 0:
        return np.zeros(bins, np.int64), np.linspace(-1, 1, bins + 1)
    lo, hi = float(x.min()), float(x.max())
    if hi - lo < 1e-12:
        lo, hi = lo - 0.5, hi + 0.5
    return np.histogram(x, bins=bins, range=(lo, hi))


def _log_hist(g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Histogram of log10 |g| over the non-zero entries, on fixed edges from 1e-12 to 1e4, so
    the layers' histograms share one axis: vanishing gradients sit far left, exploding far
    right."""
    a = np.abs(g[g != 0])
    return np.histogram(np.log10(a[np.isfinite(a)]), bins=64, range=(-12.0, 4.0))


def layer_stats(cap: Capture, layer_list: list[Layer], most: float = MOST) -> list[LayerStats]:
    """Statistics of every layer in ``layer_list`` from one probe pass (values, pre, grads)."""
    out = []
    for lay in layer_list:
        a = cap.values.get(lay.nid)
        if a is None:
            continue
        a = a.reshape(len(a), -1)
        g = cap.grads.get(lay.nid)
        sat, frac = saturated_units(lay.activation, a, most)
        pre = cap.pre.get(lay.nid)
        flat = a.ravel()
        zero = 0.0
        if flat.size:
            nz = flat[flat != 0]
            if nz.size < (1 - ZERO_APART) * flat.size:      # many exact zeros (ReLU and after)
                zero = 1.0 - nz.size / flat.size
                flat = nz
        out.append(LayerStats(
            lay, len(a), _hist(flat), float(a.mean()) if a.size else 0.0,
            float(a.std()) if a.size else 0.0,
            _hist(g.ravel()) if g is not None else None,
            float(np.sqrt(np.mean(np.square(g)))) if g is not None and g.size else None,
            dead_units(lay.activation, a), sat, frac,
            _hist(pre.ravel()) if pre is not None else None,
            _log_hist(g) if g is not None else None, zero))
    return out


def top_examples(a: np.ndarray, unit: int, k: int = 10) -> np.ndarray:
    """Indices of the ``k`` examples with the largest activation of ``unit``, largest first.
    a: (N, units)."""
    col = a[:, unit]
    k = min(k, len(col))
    idx = np.argpartition(-col, k - 1)[:k] if k else np.zeros(0, int)
    return idx[np.argsort(-col[idx], kind="stable")]


def activation_curve(name: str, z: np.ndarray, alpha: float = 0.01
                     ) -> tuple[np.ndarray, np.ndarray]:
    """(f(z), f'(z)) for the activation ``name`` over z (M,), from the engine's op forward and
    its backward with an incoming gradient of ones."""
    op = get_op(name)
    params = {p.name: p.default for p in op.params}
    if "alpha" in params:
        params["alpha"] = alpha
    z = np.asarray(z, dtype=np.float64)
    a, cache = op.forward(params, [z], {}, Context())
    (dz,), _ = op.backward(params, [z], {}, a, cache, np.ones_like(z))
    return np.asarray(a, np.float64), np.asarray(dz, np.float64)


def saturated_zones(name: str) -> list[tuple[float, float]]:
    """The z intervals where the activation is flat (saturated sigmoid/tanh, dead ReLU side):
    [(lo, hi)], with ±inf for open ends."""
    if name == "tanh":
        t = float(np.arctanh(SATURATION))
        return [(-np.inf, -t), (t, np.inf)]
    if name == "sigmoid":
        t = float(np.log(SATURATION / (1 - SATURATION)))
        return [(-np.inf, -t), (t, np.inf)]
    if name == "relu":
        return [(-np.inf, 0.0)]
    return []


__all__ = ["Layer", "LayerStats", "layers", "layer_stats", "dead_units", "saturated_units",
           "saturation_mask", "top_examples", "activation_curve", "saturated_zones",
           "SATURATION"]
