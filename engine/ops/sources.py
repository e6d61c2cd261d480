"""Source ops: where values enter the graph. Input (fed at run time), Parameter, Constant."""
from __future__ import annotations

import numpy as np

from ..messages import Msg
from .base import INITIALIZERS, Context, Op, ParamError, ParamSpec, WeightSpec, fmt_shape, register


@register
class Input(Op):
    """A data feed with a declared shape; leave the batch dimension open (None)."""

    name = "input"
    category = "Inputs"
    description = "Data fed in at run time (features or labels); the batch dimension may be open."
    params = (
        ParamSpec("shape", "shape", (None, 2), "declared shape; None for an open batch dimension"),
        ParamSpec("dtype", "choice", "float", "float for features, int for class ids / token ids",
                  choices=("float", "int")),
    )
    inputs = ()
    is_source = True
    is_feed = True
    formula = "x = fed data"
    grad_formula = "data takes no gradient"

    def infer_shape(self, params, in_shapes):
        return tuple(params["shape"])

    def forward(self, params, inputs, weights, ctx: Context):  # the executor supplies feeds
        raise RuntimeError("an input node is fed, not computed")

    def backward(self, params, inputs, weights, output, cache, grad_out, need=None):
        return [], {}


def check_feed(name: str, declared: tuple, value: np.ndarray) -> Msg | None:
    """Why ``value`` does not fit an input declared as ``declared``, or None when it fits."""
    if value.ndim != len(declared):
        return Msg("op.feed_ndim", name=name, ndim=len(declared), declared=fmt_shape(declared),
                   got=value.ndim, shape=fmt_shape(value.shape))
    for i, (d, v) in enumerate(zip(declared, value.shape)):
        if d is not None and d != v:
            return Msg("op.feed_axis", name=name, axis=i, want=d, got=v,
                       shape=fmt_shape(value.shape))
    return None


def convert_feed(name: str, value, kind: str, dtype) -> np.ndarray:
    """``value`` as the array an input of ``kind`` ('float' or 'int') is fed with: ``dtype``
    for float inputs, int64 for int inputs. Raise ValueError naming the input when the data are
    not numbers, or when an int input is given fractional or non-finite values (which a cast
    would silently truncate)."""
    try:
        arr = np.asarray(value)
    except ValueError:
        raise ValueError(Msg("op.feed_ragged", name=name)) from None
    if arr.dtype.kind not in "biuf":
        raise ValueError(Msg("op.feed_not_real", name=name, dtype=arr.dtype))
    if kind == "int":
        if arr.dtype.kind == "f":
            bad = ~np.isfinite(arr) | (arr != np.round(arr))
            if bad.any():
                raise ValueError(Msg("op.feed_not_ids", name=name, value=arr[bad].flat[0]))
        return arr.astype(np.int64, copy=False)
    return arr.astype(dtype, copy=False)


@register
class Parameter(Op):
    """A trainable array of a fixed shape with an initializer."""

    name = "parameter"
    category = "Inputs"
    description = "A trainable array (weights or bias) with an initializer."
    params = (
        ParamSpec("shape", "ints", (1,), "shape of the array", min=1),
        ParamSpec("init", "choice", "xavier", "initializer", choices=INITIALIZERS),
    )
    inputs = ()
    is_source = True
    formula = "θ (trainable)"
    grad_formula = "∂J/∂θ is accumulated and used by the optimizer"

    def check_params(self, params):
        if len(params["shape"]) == 0:
            params["shape"] = ()

    def infer_shape(self, params, in_shapes):
        return tuple(params["shape"])

    def weight_specs(self, params, in_shapes):
        shape = tuple(params["shape"])
        fan_in = int(np.prod(shape[1:])) if len(shape) > 1 else (shape[0] if shape else 1)
        fan_out = shape[0] if shape else 1
        return [WeightSpec("value", shape, params["init"], fan_in=fan_in, fan_out=fan_out)]

    def forward(self, params, inputs, weights, ctx):
        return weights["value"], None

    def backward(self, params, inputs, weights, output, cache, grad_out, need=None):
        return [], {"value": grad_out}


@register
class Constant(Op):
    """A fixed array: a scalar value repeated over a shape (scalar by default)."""

    name = "constant"
    category = "Inputs"
    description = "A fixed number (or an array filled with it); takes no gradient."
    params = (
        ParamSpec("value", "float", 1.0, "the number"),
        ParamSpec("shape", "ints", (), "shape; empty for a scalar", min=1),
    )
    inputs = ()
    is_source = True
    formula = "c"
    grad_formula = "constants take no gradient"

    def infer_shape(self, params, in_shapes):
        return tuple(params["shape"])

    def forward(self, params, inputs, weights, ctx):
        return np.full(tuple(params["shape"]), params["value"]), None

    def backward(self, params, inputs, weights, output, cache, grad_out, need=None):
        return [], {}


__all__ = ["Input", "Parameter", "Constant", "check_feed", "convert_feed", "ParamError"]
