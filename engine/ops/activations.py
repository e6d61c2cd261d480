"""Activation functions: identity, relu, leaky_relu, sigmoid, tanh, softmax, log_softmax.

These run thousands of times per second in training, so each forward and backward is a handful
of NumPy calls on fresh arrays (updated in place), and keeps the input's dtype. The gradient
arrives as ``g`` = ∂J/∂a; backward returns ∂J/∂z = g · ∂a/∂z (softmax: the vector-Jacobian
product along its axis).

:func:`activation_fn` gives the elementwise ones as plain ``(f, df)`` callables for the Dense
layer and the activation plot.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from ..messages import Msg
from .base import Op, ParamSpec, Shape, ShapeError, norm_axis, register

ACTIVATIONS = ("identity", "relu", "leaky_relu", "sigmoid", "tanh")

ArrayFn = Callable[[np.ndarray], np.ndarray]


def _float(z) -> np.ndarray:
    """z as an array of a float dtype (float arrays pass through untouched)."""
    z = np.asarray(z)
    return z if z.dtype.kind == "f" else z.astype(np.float64)


def sigmoid(z: np.ndarray) -> np.ndarray:
    """e^min(z, 0) / (1 + e^-|z|): equal to 1 / (1 + e^-z), and no exponent is positive, so it
    cannot overflow; same shape and dtype as z."""
    num = np.exp(np.minimum(z, 0))
    den = np.exp(-np.abs(z))
    den += 1
    num /= den
    return num


def _identity(z):
    return _float(z)


def _identity_d(z):
    return np.ones_like(_float(z))


def _relu(z):
    return np.maximum(_float(z), 0)


def _relu_d(z):
    z = _float(z)
    return (z > 0).astype(z.dtype)


def _leaky(alpha: float) -> tuple[ArrayFn, ArrayFn]:
    def f(z):
        return _leaky_relu(_float(z), alpha)

    def df(z):
        z = _float(z)
        one = z.dtype.type(1)
        return np.where(z > 0, one, z.dtype.type(alpha))
    return f, df


def _leaky_relu(z: np.ndarray, alpha: float) -> np.ndarray:
    """z for z > 0, alpha·z otherwise; for 0 ≤ alpha ≤ 1 that is max(z, alpha·z)."""
    if 0.0 <= alpha <= 1.0:
        out = z * alpha
        return np.maximum(z, out, out=out) if isinstance(out, np.ndarray) else max(z, out)
    return np.where(z > 0, z, z * alpha)


def _sigmoid(z):
    return sigmoid(_float(z))


def _sigmoid_d(z):
    s = sigmoid(_float(z))
    d = 1 - s
    d *= s
    return d


def _tanh(z):
    return np.tanh(_float(z))


def _tanh_d(z):
    t = np.tanh(_float(z))
    return 1 - t * t


def activation_fn(name: str, alpha: float = 0.01) -> tuple[ArrayFn, ArrayFn]:
    """(f, df) for one of ACTIVATIONS: the value a = f(z) and the derivative da/dz, elementwise.

    Both take an array z of any shape and return a float array of the same shape (float32 stays
    float32). ``alpha`` is leaky_relu's slope for z < 0.
    """
    if name == "identity":
        return _identity, _identity_d
    if name == "relu":
        return _relu, _relu_d
    if name == "leaky_relu":
        return _leaky(alpha)
    if name == "sigmoid":
        return _sigmoid, _sigmoid_d
    if name == "tanh":
        return _tanh, _tanh_d
    raise KeyError(f"unknown activation {name!r}; use one of {', '.join(ACTIVATIONS)}")


class _Elementwise(Op):
    category = "Activations"
    inputs = ("z",)

    def infer_shape(self, params: dict, in_shapes: list[Shape]) -> Shape:
        return tuple(in_shapes[0])


@register
class Identity(_Elementwise):
    """a = z (the linear activation); z, a of any shape."""

    name = "identity"
    description = "Identity (linear) activation: passes z through unchanged."
    formula = "a = z"
    grad_formula = "∂a/∂z = 1"

    def forward(self, params, inputs, weights, ctx):
        return inputs[0], None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        return [g], {}


@register
class ReLU(_Elementwise):
    """a = max(0, z); z, a of any shape."""

    name = "relu"
    description = "Rectified linear unit: max(0, z)."
    formula = "a = max(0, z)"
    grad_formula = "∂a/∂z = 1 if z > 0 else 0"

    def forward(self, params, inputs, weights, ctx):
        return np.maximum(inputs[0], 0), None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        return [g * (output > 0)], {}


@register
class LeakyReLU(_Elementwise):
    """a = z for z > 0, else alpha·z; z, a of any shape."""

    name = "leaky_relu"
    description = "Leaky ReLU: z for z > 0, alpha·z otherwise."
    params = (ParamSpec("alpha", "float", 0.01, "slope for z ≤ 0"),)
    formula = "a = z if z > 0 else α·z"
    grad_formula = "∂a/∂z = 1 if z > 0 else α"

    def forward(self, params, inputs, weights, ctx):
        return _leaky_relu(inputs[0], params["alpha"]), None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        return [np.where(inputs[0] > 0, g, g * params["alpha"])], {}


@register
class Sigmoid(_Elementwise):
    """a = 1 / (1 + e^-z), computed without overflow; z, a of any shape."""

    name = "sigmoid"
    description = "Logistic sigmoid: squashes z into (0, 1)."
    formula = "a = σ(z) = 1 / (1 + e⁻ᶻ)"
    grad_formula = "∂a/∂z = a·(1 − a)"

    def forward(self, params, inputs, weights, ctx):
        return sigmoid(inputs[0]), None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        d = 1 - output
        d *= output
        d *= g
        return [d], {}


@register
class Tanh(_Elementwise):
    """a = tanh z; z, a of any shape."""

    name = "tanh"
    description = "Hyperbolic tangent: squashes z into (−1, 1)."
    formula = "a = tanh(z)"
    grad_formula = "∂a/∂z = 1 − a²"

    def forward(self, params, inputs, weights, ctx):
        return np.tanh(inputs[0]), None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        d = 1 - output * output
        d *= g
        return [d], {}


class _AlongAxis(_Elementwise):
    params = (ParamSpec("axis", "int", -1, "axis the probabilities sum over (usually the classes)"),)

    def infer_shape(self, params, in_shapes):
        shape = tuple(in_shapes[0])
        if len(shape) == 0:
            raise ShapeError(Msg("op.needs_class_axis", op=self.name), port=0,
                             expected="1 or more axes", found="scalar")
        norm_axis(params["axis"], len(shape))
        return shape


@register
class Softmax(_AlongAxis):
    """a = e^z / Σ e^z along ``axis`` (max subtracted first, so it cannot overflow)."""

    name = "softmax"
    description = "Softmax: turns scores into probabilities that sum to 1 along an axis."
    formula = "aᵢ = eᶻⁱ / Σⱼ eᶻʲ"
    grad_formula = "∂J/∂zᵢ = aᵢ·(gᵢ − Σⱼ gⱼaⱼ)"

    def forward(self, params, inputs, weights, ctx):
        z, axis = inputs[0], params["axis"]
        e = z - z.max(axis=axis, keepdims=True)
        np.exp(e, out=e)
        e /= e.sum(axis=axis, keepdims=True)
        return e, None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        a = output
        d = g * a
        s = d.sum(axis=params["axis"], keepdims=True)
        d -= a * s
        return [d], {}


@register
class LogSoftmax(_AlongAxis):
    """a = z − log Σ e^z along ``axis`` (log-sum-exp with the max subtracted)."""

    name = "log_softmax"
    description = "Log of the softmax, computed stably; pair with a negative log-likelihood loss."
    formula = "aᵢ = zᵢ − log Σⱼ eᶻʲ"
    grad_formula = "∂J/∂zᵢ = gᵢ − softmax(z)ᵢ·Σⱼ gⱼ"

    def forward(self, params, inputs, weights, ctx):
        z, axis = inputs[0], params["axis"]
        s = z - z.max(axis=axis, keepdims=True)
        lse = np.log(np.exp(s).sum(axis=axis, keepdims=True))
        s -= lse
        return s, None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        p = np.exp(output)
        p *= g.sum(axis=params["axis"], keepdims=True)
        np.subtract(g, p, out=p)
        return [p], {}


__all__ = ["ACTIVATIONS", "activation_fn", "sigmoid"]
