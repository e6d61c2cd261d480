"""Elementwise functions of one input: negate, power, exp, log, sqrt, abs.

Every op keeps the input's shape and dtype; the gradient has the input's shape. Values outside a
function's domain (log of a negative number, a fractional power of one) give NaN as in NumPy; the
executor reports the first node that produced one.
"""
from __future__ import annotations

import numpy as np

from .base import Op, ParamSpec, Shape, register


def elements_per_example(shape: Shape) -> int:
    """Number of elements in one example: open (None) dimensions count as 1."""
    n = 1
    for d in shape:
        if d is not None:
            n *= d
    return n


class _Unary(Op):
    """Shared shape rule of the elementwise ops: out has the shape of x."""

    category = "Math"
    inputs = ("x",)

    def infer_shape(self, params: dict, in_shapes: list[Shape]) -> Shape:
        return tuple(in_shapes[0])

    def macs(self, params: dict, in_shapes: list[Shape], out_shape: Shape) -> int:
        return elements_per_example(out_shape)


@register
class Negate(_Unary):
    """y = -x; x, y of any shape."""

    name = "negate"
    description = "-x, elementwise."
    formula = "y = −x"
    grad_formula = "∂y/∂x = −1"

    def forward(self, params, inputs, weights, ctx):
        return np.negative(inputs[0]), None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        return [np.negative(g)], {}


@register
class Power(_Unary):
    """y = x ** exponent; x, y of any shape. Negative x with a fractional exponent gives NaN."""

    name = "power"
    description = "x raised to a fixed exponent, elementwise."
    params = (ParamSpec("exponent", "float", 2.0, "the power p in x^p"),)
    formula = "y = xᵖ"
    grad_formula = "∂y/∂x = p·xᵖ⁻¹"

    def forward(self, params, inputs, weights, ctx):
        x, p = inputs[0], params["exponent"]
        if p == 2.0:
            return x * x, None
        return np.power(x, p), None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        x, p = inputs[0], params["exponent"]
        if p == 2.0:
            d = x * 2.0
        elif p == 1.0:
            return [g], {}
        else:
            d = np.power(x, p - 1.0)
            d *= p
        d *= g
        return [d], {}


@register
class Exp(_Unary):
    """y = e^x; x, y of any shape."""

    name = "exp"
    description = "e to the power x, elementwise."
    formula = "y = eˣ"
    grad_formula = "∂y/∂x = eˣ = y"

    def forward(self, params, inputs, weights, ctx):
        return np.exp(inputs[0]), None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        return [g * output], {}


@register
class Log(_Unary):
    """y = ln x; x, y of any shape. x must be positive."""

    name = "log"
    description = "Natural logarithm, elementwise (x must be positive)."
    formula = "y = ln x"
    grad_formula = "∂y/∂x = 1/x"

    def forward(self, params, inputs, weights, ctx):
        return np.log(inputs[0]), None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        return [g / inputs[0]], {}


@register
class Sqrt(_Unary):
    """y = √x; x, y of any shape. x must be non-negative (the gradient at 0 is infinite)."""

    name = "sqrt"
    description = "Square root, elementwise (x must be non-negative)."
    formula = "y = √x"
    grad_formula = "∂y/∂x = 1 / (2√x)"

    def forward(self, params, inputs, weights, ctx):
        return np.sqrt(inputs[0]), None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        d = g / output
        d *= 0.5
        return [d], {}


@register
class Abs(_Unary):
    """y = |x|; x, y of any shape. The gradient at 0 is taken as 0."""

    name = "abs"
    description = "Absolute value, elementwise."
    formula = "y = |x|"
    grad_formula = "∂y/∂x = sign(x)  (0 at x = 0)"

    def forward(self, params, inputs, weights, ctx):
        return np.abs(inputs[0]), None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        return [g * np.sign(inputs[0])], {}
