"""Gradient checking: compare backpropagation with central finite differences.

For every trainable, unfrozen array θ of every node, the analytical gradient ∂J/∂θ comes from
one forward and backward pass of the executor. The numerical gradient of each checked entry θᵢ is

    (J(θᵢ + ε) − J(θᵢ − ε)) / (2ε)

computed with two extra forward passes. Both are compared on the same entries with the
relative error ‖a − n‖ / (‖a‖ + ‖n‖) (0 when both are 0): below 1e-7 the derivative is right
('good'), below 1e-5 it deserves a look ('check'), above that the backward pass is wrong
('wrong').

The check runs on a float64 deep copy of the graph (float32 round-off would swamp ε), so the
user's graph and its arrays are never touched, and in evaluation mode (training=False) so that
dropout and batch statistics do not change J between the perturbed passes. An array with more
than ``max_entries`` entries is checked on a random sample of that many entries, drawn from a
generator seeded with ``seed`` (the same sample every time). When the target is not a scalar,
J is the sum of its entries (the executor seeds its backward pass with ones, which is the same).

Kinks. ReLU at exactly 0, a max-pool tie or |x| at 0 make J non-differentiable there, and the
central difference then averages two different slopes: a correct backward pass would look
wrong. Such points are common (zero-initialised biases over a zero image background put every
ReLU input at 0). Each entry's two one-sided slopes (J(θ+ε) − J(θ))/ε and (J(θ) − J(θ−ε))/ε
are compared; where they disagree by more than a smooth function's curvature could explain and
the analytical gradient does not match the central difference, the entry sits on a kink, is
left out of the comparison and counted in ``kinks``. (A strongly curved smooth J, such as x²
near 0, bends the one-sided slopes too; its entries still agree, so they are compared.)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np

from .executor import ExecutionError, Executor
from .graph import Graph

GOOD = 1e-7
CHECK = 1e-5
KINK_REL = 1e-4   # one-sided slopes differing by more than this fraction (plus KINK_ABS)…
KINK_ABS = 1e-6   # …mean the entry sits on a kink


@dataclass(frozen=True)
class ParamCheck:
    """The result of checking one array: norms of both gradients on the checked entries."""

    node: str
    node_name: str
    array: str
    analytical_norm: float
    numerical_norm: float
    rel_error: float
    entries_checked: int
    kinks: int = 0    # entries left out because J has a kink there

    @property
    def verdict(self) -> str:
        """'good' (< 1e-7), 'check' (< 1e-5) or 'wrong'; 'kink' when every sampled entry sat
        on a kink, so nothing could be compared."""
        if self.entries_checked == 0 and self.kinks:
            return "kink"
        if self.rel_error < GOOD:
            return "good"
        if self.rel_error < CHECK:
            return "check"
        return "wrong"


def relative_error(a: np.ndarray, n: np.ndarray) -> float:
    """‖a − n‖ / (‖a‖ + ‖n‖), or 0 when both are zero."""
    denom = float(np.linalg.norm(a) + np.linalg.norm(n))
    return 0.0 if denom == 0.0 else float(np.linalg.norm(a - n) / denom)


def _cost(ex: Executor, feeds: Mapping[str, Any]) -> float:
    cost, _ = ex.run(feeds, training=False, backward=False)
    return float(np.sum(cost))


def gradient_check(graph: Graph, feeds: Mapping[str, Any], target: str | None = None,
                   eps: float = 1e-6, max_entries: int = 64, seed: int = 0) -> list[ParamCheck]:
    """Check every trainable, unfrozen array of ``graph`` against finite differences.

    feeds: {input name or id: array} for every input node; target: the cost node (name or
    id), by default the graph's scalar sink. Returns one :class:`ParamCheck` per array, in
    plan order. Raises :class:`ExecutionError` when the graph cannot run or J is not finite.
    """
    if max_entries < 1:
        raise ValueError("max_entries must be at least 1")
    work = graph.copy()
    ex = Executor(work, target, dtype=np.float64)
    if ex.target is None:
        raise ExecutionError("gradient check needs a cost: add a loss node (a scalar output) "
                             "or choose the target node")
    cost, grads = ex.run(feeds, training=False)
    if not np.all(np.isfinite(cost)):
        raise ExecutionError(f"the cost is not finite ({cost}); first bad node: "
                             f"{ex.first_nonfinite()}", ex.target)
    grads = {k: np.array(v, dtype=np.float64) for k, v in grads.items()}
    base = float(np.sum(cost))
    rng = np.random.default_rng(seed)
    results: list[ParamCheck] = []
    for e in ex.entries:
        if e.frozen or not e.trainable:
            continue
        for name in e.trainable:
            w = e.weights[name]
            if w.size > max_entries:
                flat = np.sort(rng.choice(w.size, size=max_entries, replace=False))
            else:
                flat = np.arange(w.size)
            analytical = grads.get((e.nid, name))
            a = (np.zeros(len(flat)) if analytical is None
                 else np.asarray(analytical).reshape(-1)[flat])
            n = np.empty(len(flat))
            smooth = np.ones(len(flat), dtype=bool)
            for j, f in enumerate(flat):
                idx = np.unravel_index(f, w.shape)
                old = w[idx]
                w[idx] = old + eps
                plus = _cost(ex, feeds)
                w[idx] = old - eps
                minus = _cost(ex, feeds)
                w[idx] = old
                n[j] = (plus - minus) / (2 * eps)
                right, left = (plus - base) / eps, (base - minus) / eps
                bent = abs(right - left) > KINK_REL * (abs(right) + abs(left)) + KINK_ABS
                # curvature alone bends the slopes too (x² near 0); an entry whose analytical
                # gradient matches the central difference is compared, never left out
                agrees = abs(a[j] - n[j]) <= CHECK * (abs(a[j]) + abs(n[j])) + KINK_ABS * eps
                smooth[j] = not bent or agrees
            a, n = a[smooth], n[smooth]
            results.append(ParamCheck(e.nid, e.name, name, float(np.linalg.norm(a)),
                                      float(np.linalg.norm(n)), relative_error(a, n),
                                      int(smooth.sum()), int((~smooth).sum())))
    return results


def summary(checks: list[ParamCheck]) -> str:
    """One line per array: 'W.value  rel 3.1e-10  good (12 entries)'."""
    return "\n".join(f"{c.node_name}.{c.array}  rel {c.rel_error:.2e}  {c.verdict} "
                     f"({c.entries_checked} entries" + (f", {c.kinks} at kinks" if c.kinks else "")
                     + ")" for c in checks)


__all__ = ["ParamCheck", "gradient_check", "relative_error", "summary"]
