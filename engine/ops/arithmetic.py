"""Elementwise arithmetic with NumPy broadcasting, and matmul.

Binary ops return gradients in the broadcast (output) shape; the executor's ``unbroadcast``
sums them back to each input's shape.
"""
from __future__ import annotations

import numpy as np

from ..messages import Msg
from .base import Op, ShapeError, broadcast_shapes, fmt_shape, register
from .unary import elements_per_example


def _broadcast(a: tuple, b: tuple) -> tuple:
    """Broadcast shape of a and b, or ShapeError (port 1) that also says how to fix it."""
    try:
        return broadcast_shapes(a, b)
    except ShapeError as e:
        raise ShapeError(Msg("shape.broadcast_fix", reason=e.msg or e.message), port=1,
                         expected=e.expected, found=e.found) from None


class _Binary(Op):
    """Shared rule of the elementwise binary ops: a, b broadcast to the output shape."""

    category = "Math"
    inputs = ("a", "b")

    def infer_shape(self, params, in_shapes):
        return _broadcast(tuple(in_shapes[0]), tuple(in_shapes[1]))

    def macs(self, params, in_shapes, out_shape):
        return elements_per_example(out_shape)


@register
class Add(_Binary):
    name = "add"
    description = "a + b, elementwise with broadcasting."
    formula = "y = a + b"
    grad_formula = "∂y/∂a = 1, ∂y/∂b = 1 (summed over broadcast axes)"

    def forward(self, params, inputs, weights, ctx):
        return inputs[0] + inputs[1], None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        return [g, g], {}


@register
class Subtract(_Binary):
    name = "subtract"
    description = "a - b, elementwise with broadcasting."
    formula = "y = a - b"
    grad_formula = "∂y/∂a = 1, ∂y/∂b = -1"

    def forward(self, params, inputs, weights, ctx):
        return inputs[0] - inputs[1], None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        return [g, -g], {}


@register
class Multiply(_Binary):
    name = "multiply"
    description = "a * b, elementwise with broadcasting."
    formula = "y = a · b"
    grad_formula = "∂y/∂a = b, ∂y/∂b = a"

    def forward(self, params, inputs, weights, ctx):
        return inputs[0] * inputs[1], None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        a, b = inputs
        need = need or (True, True)
        return [g * b if need[0] else None, g * a if need[1] else None], {}


@register
class Divide(_Binary):
    name = "divide"
    description = "a / b, elementwise with broadcasting."
    formula = "y = a / b"
    grad_formula = "∂y/∂a = 1/b, ∂y/∂b = -a/b²"

    def forward(self, params, inputs, weights, ctx):
        return inputs[0] / inputs[1], None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        need = need or (True, True)
        ga = g / inputs[1]
        gb = -ga * output if need[1] else None   # -g·a/b² = -(g/b)·(a/b)
        return [ga if need[0] else None, gb], {}


@register
class MatMul(Op):
    name = "matmul"
    category = "Math"
    description = "Matrix product a @ b (batched over leading axes)."
    inputs = ("a", "b")
    formula = "Y = A @ B"
    grad_formula = "∂J/∂A = G @ Bᵀ, ∂J/∂B = Aᵀ @ G"

    def infer_shape(self, params, in_shapes):
        a, b = in_shapes
        if len(a) < 1 or len(b) < 1:
            raise ShapeError(Msg("shape.matmul_scalar"), port=0 if len(a) < 1 else 1,
                             expected="1-D or more", found="scalar")
        if len(a) == 1 or len(b) == 1:
            ka, kb = a[-1], b[0] if len(b) == 1 else b[-2]
        else:
            ka, kb = a[-1], b[-2]
        if ka is not None and kb is not None and ka != kb:
            raise ShapeError(Msg("shape.matmul_inner", a=fmt_shape(a), b=fmt_shape(b), ka=ka,
                                 kb=kb), port=1,
                             expected=f"{ka} rows", found=f"{kb} rows")
        if len(a) == 1 and len(b) == 1:
            return ()
        if len(a) == 1:
            return tuple(b[:-2]) + (b[-1],)
        if len(b) == 1:
            return tuple(a[:-1])
        try:
            batch = broadcast_shapes(tuple(a[:-2]), tuple(b[:-2]))
        except ShapeError as e:
            raise ShapeError(Msg("shape.matmul_batch", a=fmt_shape(a), b=fmt_shape(b)),
                             port=1, expected=e.expected, found=e.found) from None
        return tuple(batch) + (a[-2], b[-1])

    def macs(self, params, in_shapes, out_shape):
        k = in_shapes[0][-1] or 1
        return int(k * np.prod([d for d in out_shape if d is not None]))

    def forward(self, params, inputs, weights, ctx):
        return inputs[0] @ inputs[1], None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        """a (..., m, k), b (..., k, n), g (..., m, n); a 1-D a is (k,), a 1-D b is (k,)."""
        a, b = inputs
        na, nb = need or (True, True)
        ga = gb = None
        if a.ndim == 1 and b.ndim == 1:
            ga, gb = (g * b if na else None), (g * a if nb else None)
        elif a.ndim == 1:
            if na:
                ga = (g[..., None, :] @ np.swapaxes(b, -1, -2))[..., 0, :]
            if nb:
                gb = a[:, None] * g[..., None, :]
        elif b.ndim == 1:
            if na:
                ga = g[..., None] * b
            if nb:
                gb = (np.swapaxes(a, -1, -2) @ g[..., None])[..., 0]
        else:
            if na:
                ga = g @ np.swapaxes(b, -1, -2)
            if nb:
                gb = np.swapaxes(a, -1, -2) @ g
        return [ga, gb], {}
