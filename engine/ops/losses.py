"""Losses: compare a prediction with a target and give one number per example, or their mean.

Every loss takes the inputs ("prediction", "target") and a ``reduction`` parameter:

* ``"mean"`` (default) gives the cost J, a scalar: the mean of the per-example losses over the
  batch, J = (1/m) Σᵢ L⁽ⁱ⁾;
* ``"none"`` gives the per-example loss L, shape (N,). Wiring it into a ``mean`` node gives the
  same cost, which shows the difference between loss (one example) and cost (the batch).

Each loss is written once as a per-example function ``L(ŷ, y)`` with its derivative; the
reduction and its gradient (1/m for the mean) live in the shared base class.

Conventions (documented here once):

* ``mse`` is the plain mean of squared errors over the non-batch axes, with no 1/2 factor, so
  ∂L/∂ŷ = 2(ŷ − y)/d where d is the number of values per example.
* ``bce`` clips probabilities to [1e-7, 1 − 1e-7] before taking logs, so a saturated
  prediction gives a large finite loss instead of inf. Its gradient is the gradient of the
  clipped function: zero where the prediction was clipped.
* ``bce_logits`` and ``softmax_ce`` take raw scores (logits) and are stable for any magnitude.
* ``l2_penalty`` (weight decay) is R = (λ/2) Σ ‖W‖² over every wired array, so
  ∂R/∂W = λW.
  For the course's (λ/2m) Σ ‖W‖², set λ to λ/m.

Labels never need a gradient, but a float target wired from something trainable gets its exact
gradient too; integer class ids get none.
"""
from __future__ import annotations

import numpy as np

from ..messages import Msg
from .base import Op, ParamSpec, ShapeError, fmt_shape, register

EPS_CLIP = 1e-7

_REDUCTION = ParamSpec("reduction", "choice", "mean",
                       "mean: the cost J over the batch (a scalar); none: the loss of each "
                       "example (shape N)", choices=("mean", "none"))


def _same_shape(a: tuple, b: tuple) -> bool:
    """Equal shapes, where an open (None) dimension matches any size."""
    return len(a) == len(b) and all(x is None or y is None or x == y for x, y in zip(a, b))


def _float_dtype(x: np.ndarray) -> np.dtype:
    return x.dtype if x.dtype.kind == "f" else np.dtype(np.float64)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    """Logistic function without overflow for large |z|."""
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(z.dtype, copy=False)


class _Loss(Op):
    """Shared reduction, shape rule and backward for losses with inputs (prediction, target).

    Subclasses implement ``per_example(p, y) -> (L, cache)`` with L of shape (N,), and
    ``per_example_grad(p, y, cache, gl, need) -> (dp, dy)`` where gl (N,) is ∂J/∂L.
    """

    category = "Losses"
    inputs = ("prediction", "target")
    params = (_REDUCTION,)

    def check_shapes(self, pred: tuple, target: tuple) -> None:
        """Default rule: target has exactly the prediction's shape, with a batch axis."""
        if len(pred) < 1:
            raise ShapeError(Msg("op.loss_scalar", op=self.name), port=0,
                             expected="N or NxK", found="scalar")
        if not _same_shape(pred, target):
            raise ShapeError(Msg("op.loss_target", target=fmt_shape(target), pred=fmt_shape(pred)),
                             port=1,
                             expected=fmt_shape(pred), found=fmt_shape(target))

    def infer_shape(self, params, in_shapes):
        pred, target = (tuple(s) for s in in_shapes)
        self.check_shapes(pred, target)
        return () if params["reduction"] == "mean" else (pred[0],)

    def macs(self, params, in_shapes, out_shape):
        return int(np.prod([d for d in in_shapes[0][1:] if d])) if in_shapes[0] else 1

    def forward(self, params, inputs, weights, ctx):
        p, y = inputs
        per, cache = self.per_example(p, y)
        if params["reduction"] == "mean":
            return np.asarray(per.mean() if per.size else 0.0, dtype=per.dtype), cache
        return per, cache

    def backward(self, params, inputs, weights, output, cache, grad_out, need=None):
        p, y = inputs
        need = need if need is not None else (True, True)
        n = p.shape[0]
        dt = _float_dtype(p)
        g = np.asarray(grad_out, dtype=dt)
        gl = np.full((n,), g / max(n, 1), dt) if params["reduction"] == "mean" else g.reshape(n)
        dp, dy = self.per_example_grad(p, y, cache, gl, need)
        return [dp if need[0] else None, dy if need[1] else None], {}

    def per_example(self, p: np.ndarray, y: np.ndarray):
        raise NotImplementedError

    def per_example_grad(self, p, y, cache, gl, need):
        raise NotImplementedError


def _per_row(gl: np.ndarray, like: np.ndarray) -> np.ndarray:
    """gl (N,) divided by the values per example and shaped to broadcast against ``like``."""
    d = int(np.prod(like.shape[1:])) if like.ndim > 1 else 1
    return (gl / d).reshape((-1,) + (1,) * (like.ndim - 1))


def _row_mean(x: np.ndarray) -> np.ndarray:
    """(N, ...) -> (N,): mean over every non-batch axis."""
    return x.reshape(x.shape[0], -1).mean(axis=1) if x.ndim > 1 else x


@register
class MSE(_Loss):
    """Mean squared error. prediction and target: (N, ...) of the same shape."""

    name = "mse"
    description = "Mean squared error: mean of (ŷ − y)² per example; for regression."
    formula = "L = (1/d) Σⱼ (ŷⱼ − yⱼ)²;  J = (1/m) Σ L"
    grad_formula = "∂L/∂ŷ = 2(ŷ − y)/d  (no ½ factor)"

    def per_example(self, p, y):
        dt = _float_dtype(p)
        diff = p.astype(dt, copy=False) - y.astype(dt, copy=False)
        return _row_mean(diff * diff), {"diff": diff}

    cache_notes = {"diff": "ŷ − y per entry: ∂L/∂ŷ is 2(ŷ − y)/d"}

    def per_example_grad(self, p, y, cache, gl, need):
        diff = cache["diff"]
        dp = 2 * diff * _per_row(gl, diff)
        return dp, (-dp if need[1] else None)


@register
class BCEWithLogits(_Loss):
    """Binary cross-entropy from logits z. prediction and target: (N,) or (N, 1) (or (N, K))."""

    name = "bce_logits"
    description = "Binary cross-entropy on raw scores (applies the sigmoid itself, stably)."
    formula = ("L = max(z,0) − z·y + log(1 + e^−|z|)  (= −(y log σ(z) + (1−y) log(1−σ(z))));"
               "  J = (1/m) Σ L")
    grad_formula = "∂L/∂z = σ(z) − y"

    def per_example(self, p, y):
        dt = _float_dtype(p)
        z = p.astype(dt, copy=False)
        y = y.astype(dt, copy=False)
        l = np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))
        return _row_mean(l), None

    def per_example_grad(self, p, y, cache, gl, need):
        dt = _float_dtype(p)
        z = p.astype(dt, copy=False)
        w = _per_row(gl, z)
        dp = (_sigmoid(z) - y.astype(dt, copy=False)) * w
        return dp, (-z * w if need[1] else None)


@register
class BCE(_Loss):
    """Binary cross-entropy from probabilities in [0, 1] (clipped to [1e-7, 1 − 1e-7])."""

    name = "bce"
    description = "Binary cross-entropy on probabilities (after a sigmoid)."
    formula = ("L = −(y log ŷ + (1−y) log(1−ŷ)),  ŷ clipped to [1e-7, 1−1e-7];"
               "  J = (1/m) Σ L")
    grad_formula = "∂L/∂ŷ = (ŷ − y) / (ŷ(1 − ŷ))  (0 where ŷ was clipped)"

    def per_example(self, p, y):
        dt = _float_dtype(p)
        p = p.astype(dt, copy=False)
        y = y.astype(dt, copy=False)
        pc = np.clip(p, EPS_CLIP, 1 - EPS_CLIP)
        l = -(y * np.log(pc) + (1 - y) * np.log1p(-pc))
        return _row_mean(l), {"p_clipped": pc}

    cache_notes = {"p_clipped": "ŷ clipped to [1e-7, 1 − 1e-7], so log ŷ stays finite"}

    def per_example_grad(self, p, y, cache, gl, need):
        pc = cache["p_clipped"]
        dt = pc.dtype
        y = y.astype(dt, copy=False)
        w = _per_row(gl, pc)
        inside = (p >= EPS_CLIP) & (p <= 1 - EPS_CLIP)
        dp = np.where(inside, (pc - y) / (pc * (1 - pc)), 0).astype(dt, copy=False) * w
        dy = -(np.log(pc) - np.log1p(-pc)) * w if need[1] else None
        return dp, dy


def _log_softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise log softmax of (N, K) logits, shifted by the row maximum."""
    s = z - z.max(axis=1, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=1, keepdims=True))


def _class_ids(y: np.ndarray, k: int) -> np.ndarray:
    """Integer class ids (N,) from a target vector, refusing ids outside [0, k)."""
    ids = np.asarray(y)
    if ids.dtype.kind == "f":
        ids = np.rint(ids)
    ids = ids.astype(np.int64)
    if ids.size and (ids.min() < 0 or ids.max() >= k):
        bad = ids[(ids < 0) | (ids >= k)][0]
        raise ValueError(Msg("named", name="softmax_ce",
                             error=Msg("op.class_id_range", value=bad, k=k, top=k - 1)))
    return ids


@register
class SoftmaxCE(_Loss):
    """Softmax cross-entropy. prediction: logits (N, K); target: class ids (N,) or (N, K)."""

    name = "softmax_ce"
    description = "Softmax cross-entropy on logits; target is class ids or one-hot rows."
    formula = "L = −Σₖ yₖ log softmax(z)ₖ  (= −log softmax(z)_class);  J = (1/m) Σ L"
    grad_formula = "∂J/∂z = (softmax(z) − y)/m"

    def check_shapes(self, pred, target):
        if len(pred) != 2:
            raise ShapeError(Msg("op.ce_logits", shape=fmt_shape(pred)),
                             port=0, expected="NxK", found=fmt_shape(pred))
        if len(target) == 1:
            if not _same_shape(pred[:1], target):
                raise ShapeError(Msg("op.ce_rows", ids=target[0], rows=pred[0]), port=1,
                                 expected=fmt_shape(pred[:1]),
                                 found=fmt_shape(target))
        elif not _same_shape(pred, target):
            raise ShapeError(Msg("op.ce_target", target=fmt_shape(target), pred=fmt_shape(pred)),
                             port=1, expected=f"{fmt_shape(pred[:1])} or {fmt_shape(pred)}",
                             found=fmt_shape(target))

    def _onehot(self, y: np.ndarray, n: int, k: int, dt) -> np.ndarray:
        if y.ndim == 1:
            oh = np.zeros((n, k), dt)
            oh[np.arange(n), _class_ids(y, k)] = 1
            return oh
        return y.astype(dt, copy=False)

    def per_example(self, p, y):
        dt = _float_dtype(p)
        z = p.astype(dt, copy=False)
        logp = _log_softmax(z)
        t = self._onehot(y, z.shape[0], z.shape[1], dt)
        return -(t * logp).sum(axis=1), {"log_softmax": logp, "one_hot": t}

    cache_notes = {"log_softmax": "log softmax(z) per row, (m, K): softmax(z) = e^logp is "
                                  "reused for ∂J/∂z",
                   "one_hot": "the target as one-hot rows y, (m, K)"}

    def per_example_grad(self, p, y, cache, gl, need):
        logp, t = cache["log_softmax"], cache["one_hot"]
        w = gl[:, None]
        dp = (np.exp(logp) * t.sum(axis=1, keepdims=True) - t) * w
        dy = None
        if need[1] and y.dtype.kind == "f" and y.ndim == 2:
            dy = -logp * w
        return dp, dy


@register
class L2Penalty(Op):
    """Weight decay term over any number of arrays: R = (λ/2) Σ ‖W‖² (a scalar)."""

    name = "l2_penalty"
    category = "Losses"
    description = "L2 regularization (weight decay): (λ/2) times the sum of squares of its inputs."
    params = (ParamSpec("lam", "float", 0.01, "λ, the regularization strength", min=0.0),)
    inputs = ("w",)
    variadic = True
    formula = "R = (λ/2) Σ ‖W‖²  (add it to the cost)"
    grad_formula = "∂R/∂W = λ·W"

    def infer_shape(self, params, in_shapes):
        return ()

    def forward(self, params, inputs, weights, ctx):
        dt = np.result_type(*[_float_dtype(np.asarray(x)) for x in inputs])
        total = sum(float(np.sum(np.square(x, dtype=dt))) for x in inputs)
        return np.asarray(0.5 * params["lam"] * total, dtype=dt), None

    def backward(self, params, inputs, weights, output, cache, grad_out, need=None):
        need = need if need is not None else tuple(True for _ in inputs)
        g = params["lam"] * np.asarray(grad_out)
        return [(g * x).astype(_float_dtype(x), copy=False) if n else None
                for x, n in zip(inputs, need)], {}


def accuracy(loss_op_name: str, prediction: np.ndarray, target: np.ndarray) -> float | None:
    """Fraction of examples classified right, for a classification loss; None otherwise.

    bce: probabilities thresholded at 0.5; bce_logits: logits thresholded at 0. The target is
    thresholded at 0.5, prediction and target may be (N,) and (N, 1) (they are flattened).
    softmax_ce: the argmax of logits (N, K) against class ids (N,) or the argmax of one-hot
    rows (N, K). mse, l2_penalty and unknown names give None, as does an empty batch.
    """
    p = np.asarray(prediction)
    y = np.asarray(target)
    if p.size == 0:
        return None
    if loss_op_name in ("bce", "bce_logits"):
        p, y = p.reshape(-1), y.reshape(-1)
        if p.shape != y.shape:
            return None
        hit = (p > (0.5 if loss_op_name == "bce" else 0.0)) == (y > 0.5)
        return float(np.mean(hit))
    if loss_op_name == "softmax_ce":
        if p.ndim != 2:
            return None
        ids = y.argmax(axis=1) if y.ndim == 2 else np.rint(y.reshape(-1)).astype(np.int64)
        if ids.shape[0] != p.shape[0]:
            return None
        return float(np.mean(p.argmax(axis=1) == ids))
    return None


__all__ = ["MSE", "BCEWithLogits", "BCE", "SoftmaxCE", "L2Penalty", "accuracy", "EPS_CLIP"]
