"""Gradient checking: compare backpropagation with central finite differences, honestly.

For every trainable, unfrozen array θ of every node, the analytical gradient ∂J/∂θ comes from
one forward and backward pass of the executor. The numerical gradient of each checked entry θᵢ is

    (J(θᵢ + ε) − J(θᵢ − ε)) / (2ε)

(with 2ε the step actually taken in floating point). Both are compared on the same entries with
the relative error ‖a − n‖ / (‖a‖ + ‖n‖) (0 when both are 0): below 1e-7 the derivative is
right ('good'), below 1e-5 it deserves a look ('check'), above that it is 'wrong'.

The noise floor. Each J is computed in float64 with its own rounding error σ, so the central
difference carries an error of about σ·√2 / 2ε, plus the truncation error ε²·J'''/6. Near a
minimum (a trained net) the gradients are so small that this error alone gives relative errors
of 1e-4 and more; the relative thresholds would then call a correct backward pass wrong. So each
entry is also evaluated at θᵢ ± 2ε (up to ``NOISE_SAMPLE`` entries per array, spread over the
checked ones; the others take their array's estimates). The fourth difference J(+2ε) − 4J(+ε) + 6J − 4J(−ε) + J(−2ε)
of a smooth J is rounding noise alone (its ε⁴·J'''' term is far smaller), with a standard
deviation of √70·σ: the median of its size over an array's entries estimates σ (the median
ignores the few entries on a kink; entries whose five costs are all equal, where J did not
resolve the step, say nothing about σ and are left out of it). Arrays with few such entries
also use the estimate of the whole check. σ is never taken below 2u·|J| (u the machine
epsilon), nor below the float64 forward's own error, measured by running the same forward pass
in extended precision (``np.longdouble``, where it is wider than float64) at θ and at a few
perturbed points: near a minimum J can be so quantized (log(1 + tiny) rounds to 0) that it does
not change at all within ±2ε, and only that measurement says how coarse it is. Where J does
not change at all (its five costs are equal), finite differences see nothing: an entry whose
analytical gradient is too small to move J by more than it could hide, 4u·max(|J|, 1) (a cost
is a mean of per-example losses of order 1, and a log-probability near 0 is resolved no finer
than u), is left out of the comparison and counted in ``unmoved``; one whose gradient should
have moved J is compared, and is wrong. An array whose entries all left J unmoved is 'floor'. The floor of entry i is 3σ·√2/2ε plus the entry's truncation error, estimated as the
distance between the central difference and the five-point one, and an array's floor is the
norm of its entries' floors. An array whose ‖a − n‖ is within its floor (plus 1e-7 of the
gradients' size) is 'floor': the two gradients agree as closely as finite differences can tell.
Beyond the floor the remaining difference is judged by the relative thresholds, so a wrong
gradient is 'wrong' however small it is, as long as it is larger than the noise.

The check runs on a float64 deep copy of the graph (float32 round-off would swamp ε), so the
user's graph and its arrays are never touched, and in evaluation mode (training=False) so that
dropout and batch statistics do not change J between the perturbed passes. An array with more
than ``max_entries`` entries is checked on a random sample of that many entries, drawn from a
generator seeded with ``seed`` (the same sample every time). When the target is not a scalar,
J is the sum of its entries (the executor seeds its backward pass with ones, which is the same).

Kinks. ReLU at exactly 0, a max-pool tie or |x| at 0 make J non-differentiable there, and the
central difference then averages two different slopes: a correct backward pass would look
wrong. Such points are common (zero-initialised biases over a zero image background put every
ReLU input at 0). An entry sits on a kink when its two one-sided slopes disagree by more than a
smooth function's curvature could explain, or when its fourth difference is far above the noise
(a slope that jumps inside ±ε); where the analytical gradient then does not match the central
difference, the entry is left out of the comparison and counted in ``kinks``. (A strongly curved
smooth J, such as x² near 0, bends the one-sided slopes too; its entries still agree, so they
are compared.)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping

import numpy as np

from .executor import ExecutionError, Executor
from .graph import Graph
from .messages import Msg

GOOD = 1e-7
CHECK = 1e-5
KINK_REL = 1e-4   # one-sided slopes differing by more than this fraction (plus KINK_ABS)…
KINK_ABS = 1e-6   # …mean the entry sits on a kink
NOISE_SIGMAS = 3.0          # the floor: this many standard deviations of the rounding noise
KINK_SIGMAS = 8.0           # a fourth difference this many of its deviations above: a kink
U = float(np.finfo(np.float64).eps)
_MEDIAN_TO_SIGMA = 0.6745 * np.sqrt(70.0)   # median |Δ4| of pure noise, in units of σ
_POOL_BELOW = 8             # arrays with fewer smooth entries also use the whole check's σ
NOISE_SAMPLE = 16           # entries per array also evaluated at ±2ε


class CheckCancelled(Exception):
    """The check was stopped by its ``should_stop`` callback before it finished."""

VERDICTS = ("good", "floor", "check", "wrong", "kink")


@dataclass(frozen=True)
class ParamCheck:
    """The result of checking one array: norms of both gradients, of their difference and of
    the noise floor, on the checked entries."""

    node: str
    node_name: str
    array: str
    analytical_norm: float
    numerical_norm: float
    rel_error: float
    entries_checked: int
    kinks: int = 0    # entries left out because J has a kink there
    diff_norm: float | None = None     # ‖a − n‖; None: rel_error × (‖a‖ + ‖n‖)
    noise_floor: float = 0.0           # ‖floor‖: how far apart finite differences may put them
    eps: float = 1e-6
    unmoved: int = 0  # entries left out because J did not change at all, as their gradient said

    @property
    def difference(self) -> float:
        """‖a − n‖ on the compared entries."""
        if self.diff_norm is not None:
            return self.diff_norm
        return self.rel_error * (self.analytical_norm + self.numerical_norm)

    @property
    def excess_error(self) -> float:
        """The part of ‖a − n‖ above the noise floor, relative to ‖a‖ + ‖n‖."""
        denom = self.analytical_norm + self.numerical_norm
        if denom == 0.0:
            return 0.0
        return max(0.0, self.difference - self.noise_floor) / denom

    @property
    def verdict(self) -> str:
        """'good' (relative error < 1e-7), 'floor' (the difference is within the noise floor),
        'check' (what is left above the floor < 1e-5), or 'wrong'; 'kink' when every sampled
        entry sat on a kink, so nothing could be compared; 'floor' too when no entry moved J."""
        if self.entries_checked == 0 and self.unmoved:
            return "floor"
        if self.entries_checked == 0 and self.kinks:
            return "kink"
        if self.rel_error < GOOD:
            return "good"
        excess = self.excess_error
        if excess < GOOD:
            return "floor"
        if excess < CHECK:
            return "check"
        return "wrong"


def relative_error(a: np.ndarray, n: np.ndarray) -> float:
    """‖a − n‖ / (‖a‖ + ‖n‖), or 0 when both are zero."""
    denom = float(np.linalg.norm(a) + np.linalg.norm(n))
    return 0.0 if denom == 0.0 else float(np.linalg.norm(a - n) / denom)


def _cost(ex: Executor, feeds: Mapping[str, Any]) -> float:
    cost, _ = ex.run(feeds, training=False, backward=False)
    return float(np.sum(cost))


@dataclass
class _Probe:
    """The five costs around each checked entry of one array, and what follows from them.
    Arrays are (k,) for k entries; ``costs`` is (k, 5) at -2ε, -ε, 0, +ε, +2ε."""

    entry: Any
    name: str
    flat: np.ndarray        # (k,) the checked entries, as flat indices into the array
    analytical: np.ndarray
    costs: np.ndarray
    steps: np.ndarray       # (k, 4): the steps actually taken, at -2ε, -ε, +ε, +2ε

    @property
    def numerical(self) -> np.ndarray:
        c, s = self.costs, self.steps
        return (c[:, 3] - c[:, 1]) / (s[:, 2] - s[:, 1])

    @property
    def five_point(self) -> np.ndarray:
        c, s = self.costs, self.steps
        h = (s[:, 2] - s[:, 1]) / 2
        return (8 * (c[:, 3] - c[:, 1]) - (c[:, 4] - c[:, 0])) / (12 * h)

    @property
    def fourth(self) -> np.ndarray:
        c = self.costs
        return c[:, 4] - 4 * c[:, 3] + 6 * c[:, 2] - 4 * c[:, 1] + c[:, 0]

    @property
    def slope_bent(self) -> np.ndarray:
        c, s = self.costs, self.steps
        right, left = (c[:, 3] - c[:, 2]) / s[:, 2], (c[:, 2] - c[:, 1]) / -s[:, 1]
        return np.abs(right - left) > KINK_REL * (np.abs(right) + np.abs(left)) + KINK_ABS


def _wide(k: int) -> np.ndarray:
    """Which of k checked entries are also evaluated at ±2ε: up to NOISE_SAMPLE, spread out."""
    return np.unique(np.linspace(0, k - 1, min(k, NOISE_SAMPLE)).round().astype(int))


def _probe(ex: Executor, feeds: Mapping[str, Any], e, name: str, flat: np.ndarray,
           analytical: np.ndarray, base: float, eps: float, tick) -> _Probe:
    """Costs at ±ε for every entry of ``flat``, and at ±2ε for a spread-out few (NaN else)."""
    w = e.weights[name]
    costs = np.full((len(flat), 5), np.nan)
    steps = np.full((len(flat), 4), np.nan)
    wide = set(_wide(len(flat)).tolist())
    for j, f in enumerate(flat):
        idx = np.unravel_index(f, w.shape)
        old = w[idx]
        cols = (0, 1, 2, 3) if j in wide else (1, 2)
        for col in cols:
            w[idx] = old + (-2, -1, 1, 2)[col] * eps
            steps[j, col] = w[idx] - old
            costs[j, col if col < 2 else col + 1] = _cost(ex, feeds)
        w[idx] = old
        costs[j, 2] = base
        tick(len(cols))
    return _Probe(e, name, flat, analytical, costs, steps)


FORWARD_ERROR_POINTS = 4    # θ and up to three perturbed points


def _forward_error(graph: Graph, target: str, feeds: Mapping[str, Any], ex: Executor,
                   probes: list[_Probe], base: float, eps: float) -> float:
    """The RMS difference between J in float64 and J in extended precision at θ and at θ with
    one entry of a few arrays moved by ε: the float64 forward's own rounding error. 0 where
    np.longdouble is no wider than float64, or the graph cannot run in it."""
    if np.finfo(np.longdouble).eps >= U / 4:
        return 0.0
    try:
        wide = Executor(graph.copy(), target, dtype=np.longdouble)

        def wide_cost() -> np.longdouble:
            cost, _ = wide.run(feeds, training=False, backward=False)
            return np.sum(cost, dtype=np.longdouble)

        errors = [float(wide_cost() - np.longdouble(base))]
        picks = [probes[round(i * (len(probes) - 1) / 2)] for i in range(3)] if probes else []
        for p in picks[:FORWARD_ERROR_POINTS - 1]:
            idx = np.unravel_index(int(p.flat[0]), p.entry.weights[p.name].shape)
            w = p.entry.weights[p.name]
            ww = wide.entries[wide.index[p.entry.nid]].weights[p.name]
            old, old_wide = w[idx], ww[idx]
            w[idx] = old + eps
            ww[idx] = np.longdouble(w[idx])
            errors.append(float(wide_cost() - np.longdouble(_cost(ex, feeds))))
            w[idx], ww[idx] = old, old_wide
    except (ExecutionError, TypeError, ValueError, ArithmeticError):
        return 0.0
    return float(np.sqrt(np.mean(np.square(errors))))


def _sigma(probes: list[_Probe]) -> tuple[list[np.ndarray], float]:
    """Per array, the |Δ4| of its smooth entries; and the whole check's σ estimate. An entry
    whose five costs are all equal says nothing about the noise (J did not resolve the step),
    and is left out of both."""
    smooth = [np.abs(p.fourth[~p.slope_bent & ~np.isnan(p.fourth)
                              & (np.nanmax(p.costs, axis=1) > np.nanmin(p.costs, axis=1))])
              for p in probes]
    pooled = np.concatenate(smooth) if smooth else np.empty(0)
    return smooth, float(np.median(pooled)) / _MEDIAN_TO_SIGMA if len(pooled) else 0.0


def _judge(p: _Probe, smooth_d4: np.ndarray, pooled_sigma: float, forward_error: float,
           eps: float) -> ParamCheck:
    a, n = p.analytical, p.numerical
    sigma = float(np.median(smooth_d4)) / _MEDIAN_TO_SIGMA if len(smooth_d4) else 0.0
    if len(smooth_d4) < _POOL_BELOW:
        sigma = max(sigma, pooled_sigma)
    sigma = max(sigma, forward_error)
    sigma_i = np.maximum(sigma, 2 * U * np.nanmax(np.abs(p.costs), axis=1))
    h = np.abs(p.steps[:, 2] - p.steps[:, 1])
    trunc = np.abs(n - p.five_point)          # NaN where only ±ε was evaluated
    trunc = np.where(np.isnan(trunc), np.nanmax(trunc, initial=0.0), trunc)
    floor = NOISE_SIGMAS * sigma_i * np.sqrt(2.0) / h + trunc
    hidden = 4 * U * max(float(np.nanmax(np.abs(p.costs), initial=0.0)), 1.0)
    near = p.costs[:, 1:4]
    unmoved = (near.max(axis=1) == near.min(axis=1)) & (np.abs(a) * h <= hidden)
    diff = np.abs(a - n)
    with np.errstate(invalid="ignore"):
        jumped = np.abs(p.fourth) > KINK_SIGMAS * np.sqrt(70.0) * sigma_i   # False where NaN
    # curvature alone bends the slopes too (x² near 0); an entry whose analytical gradient
    # matches the central difference is compared, never left out
    agrees = diff <= floor + CHECK * (np.abs(a) + np.abs(n)) + KINK_ABS * eps
    kink = (p.slope_bent | jumped) & ~agrees & ~unmoved
    keep = ~kink & ~unmoved
    a, n, floor = a[keep], n[keep], floor[keep]
    e = p.entry
    return ParamCheck(e.nid, e.name, p.name, float(np.linalg.norm(a)), float(np.linalg.norm(n)),
                      relative_error(a, n), int(keep.sum()), int(kink.sum()),
                      float(np.linalg.norm(a - n)), float(np.linalg.norm(floor)), eps,
                      int(unmoved.sum()))


def gradient_check(graph: Graph, feeds: Mapping[str, Any], target: str | None = None,
                   eps: float = 1e-6, max_entries: int = 64, seed: int = 0,
                   progress: Callable[[int, int], None] | None = None,
                   should_stop: Callable[[], bool] | None = None) -> list[ParamCheck]:
    """Check every trainable, unfrozen array of ``graph`` against finite differences.

    feeds: {input name or id: array} for every input node; target: the cost node (name or
    id), by default the graph's scalar sink; eps: the step ε. ``progress(done, total)`` is
    called after each entry with the forward passes done and planned; when ``should_stop()``
    becomes true the check raises :class:`CheckCancelled`. Returns one :class:`ParamCheck`
    per array, in plan order. Raises :class:`ExecutionError` when the graph cannot run or J
    is not finite, ValueError for a bad ``max_entries`` or ``eps``.
    """
    if max_entries < 1:
        raise ValueError("max_entries must be at least 1")
    if not (np.isfinite(eps) and 0 < eps < 1):
        raise ValueError(f"ε must be a small positive number (e.g. 1e-6); got {eps!r}")
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
    plan = []
    for e in ex.entries:
        if e.frozen or not e.trainable:
            continue
        for name in e.trainable:
            w = e.weights[name]
            if w.size > max_entries:
                flat = np.sort(rng.choice(w.size, size=max_entries, replace=False))
            else:
                flat = np.arange(w.size)
            plan.append((e, name, flat))
    total = sum(2 * len(f) + 2 * len(_wide(len(f))) for _, _, f in plan)
    done = [0]

    def tick(n: int) -> None:
        done[0] += n
        if should_stop is not None and should_stop():
            raise CheckCancelled(Msg("gradcheck.stopped", done=done[0], total=total))
        if progress is not None:
            progress(done[0], total)

    probes: list[_Probe] = []
    for e, name, flat in plan:
        analytical = grads.get((e.nid, name))
        a = (np.zeros(len(flat)) if analytical is None
             else np.asarray(analytical).reshape(-1)[flat])
        probes.append(_probe(ex, feeds, e, name, flat, a, base, eps, tick))
    smooth, pooled = _sigma(probes)
    forward_error = _forward_error(graph, ex.target, feeds, ex, probes, base, eps)
    return [_judge(p, d4, pooled, forward_error, eps) for p, d4 in zip(probes, smooth)]


def summary(checks: list[ParamCheck]) -> str:
    """One line per array: 'W.value  rel 3.1e-10  |a-n| 2.0e-12  floor 1.1e-11  good (12 entries)'."""
    return "\n".join(f"{c.node_name}.{c.array}  rel {c.rel_error:.2e}  |a-n| {c.difference:.1e}"
                     f"  floor {c.noise_floor:.1e}  {c.verdict} "
                     f"({c.entries_checked} entries" + (f", {c.kinks} at kinks" if c.kinks else "")
                     + (f", {c.unmoved} unmoved" if c.unmoved else "") + ")" for c in checks)


__all__ = ["ParamCheck", "gradient_check", "relative_error", "summary", "VERDICTS", "GOOD",
           "CHECK", "CheckCancelled"]
