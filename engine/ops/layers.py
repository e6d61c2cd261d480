"""Layers that own weights or randomness: dense, embedding, dropout, batch_norm.

dense is the hot path of training small networks thousands of times per second, so its forward
and backward are a few NumPy calls with no per-call lookups beyond the parameter dict, and keep
the input's dtype (float32 stays float32).

batch_norm normalizes over every axis except axis 1 (features of (N, F), channels of
(N, C, H, W)). In training it uses the batch statistics and updates its running mean and
variance in place (running = momentum · running + (1 - momentum) · batch, with the biased batch
variance); in evaluation it uses the running statistics.
"""
from __future__ import annotations

import numpy as np

from .activations import activation_fn
from ..messages import Msg
from .base import Op, ParamError, ParamSpec, ShapeError, WeightSpec, fmt_shape, register

DENSE_ACTIVATIONS = ("identity", "relu", "leaky_relu", "sigmoid", "tanh")
_ACT = {name: activation_fn(name) for name in DENSE_ACTIVATIONS}


def _as(w: np.ndarray, dtype) -> np.ndarray:
    """w in ``dtype`` when that is a float type (no copy when it already is)."""
    return w if w.dtype == dtype or dtype.kind != "f" else w.astype(dtype)


@register
class Dense(Op):
    """Fully connected layer: x (N, in) -> a (N, units); W (units, in), b (units,).

    Leading axes beyond the first are allowed: x (..., in) -> (..., units).
    """

    name = "dense"
    category = "Layers"
    description = "Fully connected layer with an optional activation: a = g(x Wᵀ + b)."
    params = (
        ParamSpec("units", "int", 16, "number of units n[l]", min=1),
        ParamSpec("activation", "choice", "identity", "activation g applied to z",
                  choices=DENSE_ACTIVATIONS),
        ParamSpec("bias", "bool", True, "add a bias b"),
        ParamSpec("init", "choice", "xavier", "weight initializer",
                  choices=("he", "xavier", "normal", "zeros")),
    )
    formula = "z = x Wᵀ + b, a = g(z)"
    grad_formula = "dz = G ⊙ g'(z), ∂J/∂W = dzᵀ x, ∂J/∂b = Σ dz, ∂J/∂x = dz W"

    def infer_shape(self, params, in_shapes):
        shape = tuple(in_shapes[0])
        if len(shape) < 2:
            raise ShapeError(Msg("op.dense_input", shape=fmt_shape(shape)), port=0,
                             expected="Nxfeatures",
                             found=fmt_shape(shape))
        if shape[-1] is None:
            raise ShapeError(Msg("op.dense_features"),
                             port=0, expected="a fixed feature count", found=fmt_shape(shape))
        return shape[:-1] + (params["units"],)

    def weight_specs(self, params, in_shapes):
        n_in, units = in_shapes[0][-1], params["units"]
        specs = [WeightSpec("W", (units, n_in), params["init"], fan_in=n_in, fan_out=units)]
        if params["bias"]:
            specs.append(WeightSpec("b", (units,), "zeros"))
        return specs

    def macs(self, params, in_shapes, out_shape):
        return int(in_shapes[0][-1] * params["units"])

    cache_notes = {
        "a_prev": "the input a[l-1], (m, n[l-1]): reused for dW = dzᵀ · a[l-1]",
        "z": "z[l] = a[l-1] · Wᵀ + b, (m, n[l]): reused for g'(z[l])",
        "a": "a[l] = g(z[l]), (m, n[l]): reused where g' is written in a "
             "(sigmoid: a(1 − a), tanh: 1 − a²)",
    }

    def cache_used(self, params, cache):
        """dW always needs a[l-1]; g' needs z (relu, leaky relu) or a (sigmoid, tanh)."""
        act = params["activation"]
        if act == "identity":
            return ("a_prev",)
        return ("a_prev", "a") if act in ("sigmoid", "tanh") else ("a_prev", "z")

    def forward(self, params, inputs, weights, ctx):
        """x (N, in) -> a (N, units); cache: a_prev = x, z (N, units) and a (N, units).

        With the identity activation a is z, so only a_prev and z are cached.
        """
        x = inputs[0]
        w = weights["W"]
        if w.dtype != x.dtype:
            w = _as(w, x.dtype)
        z = x @ w.T
        if params["bias"]:
            b = weights["b"]
            z += b if b.dtype == z.dtype else b.astype(z.dtype)
        act = params["activation"]
        if act == "identity":
            return z, {"a_prev": x, "z": z}
        a = np.maximum(z, 0) if act == "relu" else _ACT[act][0](z)
        return a, {"a_prev": x, "z": z, "a": a}

    def backward(self, params, inputs, weights, output, cache, grad_out, need=None):
        x, g = cache["a_prev"], grad_out
        act = params["activation"]
        if act == "identity":
            dz = g
        elif act == "relu":
            dz = g * (cache["z"] > 0)
        elif act == "sigmoid":
            a = cache["a"]
            dz = g * a * (1 - a)
        elif act == "tanh":
            a = cache["a"]
            dz = g * (1 - a * a)
        else:
            dz = g * _ACT[act][1](cache["z"])
        if x.ndim == 2:
            dz2, x2 = dz, x
        else:
            dz2, x2 = dz.reshape(-1, dz.shape[-1]), x.reshape(-1, x.shape[-1])
        grads = {"W": dz2.T @ x2}
        if params["bias"]:
            grads["b"] = dz2.sum(axis=0)
        if need is not None and not need[0]:
            return [None], grads
        w = weights["W"]
        return [dz @ (w if w.dtype == dz.dtype else _as(w, dz.dtype))], grads


@register
class Embedding(Op):
    """Lookup table: integer ids (...) -> vectors (..., dim); E (num_embeddings, dim)."""

    name = "embedding"
    category = "Layers"
    description = "Maps integer ids (class or token ids) to learned vectors."
    params = (
        ParamSpec("num_embeddings", "int", 10, "number of distinct ids (ids run 0 .. num - 1)",
                  min=1),
        ParamSpec("dim", "int", 2, "length of each vector", min=1),
    )
    inputs = ("ids",)
    formula = "y[..., :] = E[ids[...], :]"
    grad_formula = "∂J/∂E[i] = Σ of G over the positions holding id i; ids take no gradient"

    def infer_shape(self, params, in_shapes):
        return tuple(in_shapes[0]) + (params["dim"],)

    def weight_specs(self, params, in_shapes):
        n, d = params["num_embeddings"], params["dim"]
        return [WeightSpec("E", (n, d), "normal", fan_in=n, fan_out=d)]

    def forward(self, params, inputs, weights, ctx):
        ids = np.asarray(inputs[0])
        n = params["num_embeddings"]
        if ids.dtype.kind not in "iu":
            if ids.dtype.kind == "f" and ids.size and not np.all(ids == np.round(ids)):
                bad = ids.ravel()[np.flatnonzero(ids.ravel() != np.round(ids.ravel()))[0]]
                raise ValueError(Msg("named", name="embedding",
                                     error=Msg("op.embedding_fraction", value=bad, top=n - 1)))
            ids = ids.astype(np.int64)
        if ids.size:
            lo, hi = ids.min(), ids.max()
            if lo < 0 or hi >= n:
                bad = lo if lo < 0 else hi
                raise ValueError(Msg("named", name="embedding", error=Msg(
                    "op.embedding_range", value=int(bad), top=n - 1, need=int(hi) + 1)))
        return weights["E"][ids], {"ids": ids}

    cache_notes = {"ids": "the ids as integers: each row of ∂J/∂E collects the gradients of "
                          "the positions holding its id"}

    def backward(self, params, inputs, weights, output, cache, grad_out, need=None):
        e = weights["E"]
        de = np.zeros(e.shape, dtype=grad_out.dtype)
        np.add.at(de, cache["ids"].ravel(), grad_out.reshape(-1, e.shape[1]))
        return [None], {"E": de}


@register
class Dropout(Op):
    """Inverted dropout: x (any shape) -> x · mask / (1 - rate) in training, x in evaluation."""

    name = "dropout"
    category = "Layers"
    description = "Randomly zeroes a fraction of values while training (inverted dropout)."
    params = (ParamSpec("rate", "float", 0.5, "fraction of values dropped, in [0, 1)", min=0.0),)
    formula = "training: y = x · m / (1 - rate), m ~ Bernoulli(1 - rate); evaluation: y = x"
    grad_formula = "∂J/∂x = G · m / (1 - rate) (the same mask)"

    def check_params(self, params):
        if params["rate"] >= 1.0:
            raise ParamError(Msg("op.dropout_rate", rate=params["rate"]))

    def infer_shape(self, params, in_shapes):
        return tuple(in_shapes[0])

    def forward(self, params, inputs, weights, ctx):
        """Cache: the scaled mask (same shape as x), or None in evaluation."""
        x = inputs[0]
        rate = params["rate"]
        if not ctx.training or rate == 0.0:
            return x, None
        dtype = x.dtype if x.dtype.kind == "f" else np.dtype(np.float64)
        u = ctx.rng.random(x.shape, dtype=np.float32 if dtype == np.float32 else np.float64)
        mask = (u >= rate).astype(dtype)
        mask *= dtype.type(1.0 / (1.0 - rate))
        return x * mask, {"mask": mask}

    cache_notes = {"mask": "m / (1 − rate), the kept positions scaled: backward multiplies "
                           "by the same mask"}

    def backward(self, params, inputs, weights, output, cache, grad_out, need=None):
        if need is not None and not need[0]:
            return [None], {}
        return [grad_out if cache is None else grad_out * cache["mask"]], {}


@register
class BatchNorm(Op):
    """Batch normalization over all axes but 1: x (N, F) or (N, C, H, W) -> same shape.

    gamma, beta, running_mean, running_var all have shape (F,) or (C,).
    """

    name = "batch_norm"
    category = "Layers"
    description = "Normalizes each feature/channel over the batch, then scales and shifts."
    params = (
        ParamSpec("momentum", "float", 0.9, "weight of the old running statistics", min=0.0,
                  max=1.0),
        ParamSpec("eps", "float", 1e-5, "added to the variance before the square root",
                  min=0.0),
    )
    formula = "x̂ = (x - μ) / √(σ² + ε), y = γ x̂ + β"
    grad_formula = ("∂J/∂x = γ / (m √(σ² + ε)) · (m G - Σ G - x̂ Σ G x̂), "
                    "∂J/∂γ = Σ G x̂, ∂J/∂β = Σ G")

    def infer_shape(self, params, in_shapes):
        shape = tuple(in_shapes[0])
        if len(shape) < 2 or shape[1] is None:
            raise ShapeError(Msg("op.batch_norm_input", shape=fmt_shape(shape)), port=0,
                             expected="NxF or NxCxHxW", found=fmt_shape(shape))
        return shape

    def weight_specs(self, params, in_shapes):
        c = (in_shapes[0][1],)
        return [WeightSpec("gamma", c, "ones"), WeightSpec("beta", c, "zeros"),
                WeightSpec("running_mean", c, "zeros", trainable=False),
                WeightSpec("running_var", c, "ones", trainable=False)]

    @staticmethod
    def _axes_shape(x: np.ndarray) -> tuple[tuple, tuple]:
        axes = (0,) + tuple(range(2, x.ndim))
        return axes, (1, x.shape[1]) + (1,) * (x.ndim - 2)

    cache_notes = {
        "mean": "μ, the batch mean per channel (1, C, 1, ...)",
        "var": "σ², the batch variance per channel (1, C, 1, ...)",
        "running_mean": "μ from the running statistics (evaluation mode)",
        "running_var": "σ² from the running statistics (evaluation mode)",
        "xhat": "x̂ = (x − μ) / √(σ² + ε), same shape as x: reused for ∂J/∂γ and ∂J/∂x",
        "inv_std": "1 / √(σ² + ε) per channel: reused for ∂J/∂x",
        "training": "True when the batch's own statistics were used (then ∂J/∂x also flows "
                    "through μ and σ²), False for the running ones",
    }

    def cache_used(self, params, cache):
        """x̂, 1/√(σ² + ε) and the mode (μ and σ² enter only through the first two)."""
        return ("xhat", "inv_std", "training")

    def forward(self, params, inputs, weights, ctx):
        """Cache: mean and var (batch statistics in training, running ones in evaluation,
        as running_mean / running_var), xhat (shape of x), inv_std (1, C, 1, ...) and the
        training flag (a 0-d bool array)."""
        x = inputs[0]
        axes, bshape = self._axes_shape(x)
        dt = x.dtype if x.dtype.kind == "f" else np.dtype(np.float64)
        eps = params["eps"]
        if ctx.training:
            mean = x.mean(axis=axes, keepdims=True)
            xc = x - mean
            var = np.mean(xc * xc, axis=axes, keepdims=True)
            rm, rv = weights.get("running_mean"), weights.get("running_var")
            if rm is not None and rv is not None:
                mom = params["momentum"]
                rm *= mom
                rm += (1 - mom) * mean.reshape(-1)
                rv *= mom
                rv += (1 - mom) * var.reshape(-1)
        else:
            mean = _as(weights["running_mean"], dt).reshape(bshape)
            xc = x - mean
            var = _as(weights["running_var"], dt).reshape(bshape)
        inv = 1.0 / np.sqrt(var + dt.type(eps))
        xhat = xc * inv
        y = xhat * _as(weights["gamma"], dt).reshape(bshape)
        y += _as(weights["beta"], dt).reshape(bshape)
        mode = np.array(bool(ctx.training))
        if ctx.training:
            return y, {"mean": mean, "var": var, "xhat": xhat, "inv_std": inv, "training": mode}
        return y, {"running_mean": mean.copy(), "running_var": var.copy(), "xhat": xhat,
                   "inv_std": inv, "training": mode}

    def backward(self, params, inputs, weights, output, cache, grad_out, need=None):
        xhat, inv, training = cache["xhat"], cache["inv_std"], bool(cache["training"])
        g = grad_out
        axes, bshape = self._axes_shape(g)
        grads = {"gamma": np.sum(g * xhat, axis=axes), "beta": g.sum(axis=axes)}
        if need is not None and not need[0]:
            return [None], grads
        gamma = _as(weights["gamma"], g.dtype).reshape(bshape)
        if not training:
            return [g * (gamma * inv)], grads
        m = g.size // g.shape[1]
        gsum = grads["beta"].reshape(bshape)
        gxsum = grads["gamma"].reshape(bshape)
        dx = g - gsum / m - xhat * (gxsum / m)
        dx *= gamma * inv
        return [dx], grads


__all__ = ["Dense", "Embedding", "Dropout", "BatchNorm", "DENSE_ACTIVATIONS"]
