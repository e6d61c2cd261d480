"""Elementwise arithmetic with NumPy broadcasting, and matmul.

Binary ops return gradients in the broadcast (output) shape; the executor's ``unbroadcast``
sums them back to each input's shape.
"""
from __future__ import annotations

import numpy as np

from .base import Op, ShapeError, broadcast_shapes, fmt_shape, register


class _Binary(Op):
    category = "Math"
    inputs = ("a", "b")

    def infer_shape(self, params, in_shapes):
        return broadcast_shapes(in_shapes[0], in_shapes[1])

    def macs(self, params, in_shapes, out_shape):
        return int(np.prod([d for d in out_shape[1:] if d])) if out_shape else 1


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
        return [g * b, g * a], {}


@register
class Divide(_Binary):
    name = "divide"
    description = "a / b, elementwise with broadcasting."
    formula = "y = a / b"
    grad_formula = "∂y/∂a = 1/b, ∂y/∂b = -a/b²"

    def forward(self, params, inputs, weights, ctx):
        return inputs[0] / inputs[1], None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        a, b = inputs
        gb = g / b
        return [gb, -gb * output], {}


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
            raise ShapeError("matmul needs at least 1-D inputs", port=0 if len(a) < 1 else 1,
                             expected="1-D or more", found="scalar")
        if len(a) == 1 or len(b) == 1:
            ka, kb = a[-1], b[0] if len(b) == 1 else b[-2]
        else:
            ka, kb = a[-1], b[-2]
        if ka is not None and kb is not None and ka != kb:
            raise ShapeError(f"inner dimensions differ: a is {fmt_shape(a)}, b is {fmt_shape(b)} "
                             f"({ka} ≠ {kb})", port=1, expected=f"{ka} rows", found=f"{kb} rows")
        if len(a) == 1 and len(b) == 1:
            return ()
        if len(a) == 1:
            return tuple(b[:-2]) + (b[-1],)
        if len(b) == 1:
            return tuple(a[:-1])
        batch = broadcast_shapes(tuple(a[:-2]), tuple(b[:-2]))
        return tuple(batch) + (a[-2], b[-1])

    def macs(self, params, in_shapes, out_shape):
        k = in_shapes[0][-1] or 1
        return int(k * np.prod([d for d in out_shape if d is not None]))

    def forward(self, params, inputs, weights, ctx):
        return inputs[0] @ inputs[1], None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        a, b = inputs
        if a.ndim == 1 and b.ndim == 1:
            return [g * b, g * a], {}
        if a.ndim == 1:
            ga = g[..., None, :] @ np.swapaxes(b, -1, -2)
            return [ga[..., 0, :], a[:, None] * g[..., None, :]], {}
        if b.ndim == 1:
            return [g[..., None] * b, (np.swapaxes(a, -1, -2) @ g[..., None])[..., 0]], {}
        return [g @ np.swapaxes(b, -1, -2), np.swapaxes(a, -1, -2) @ g], {}
