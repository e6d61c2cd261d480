"""A dense layer for gradient-checking practice (idea 21): its forward pass is exactly the dense
layer's, and a ``mistake`` parameter can break its backward pass in one of the ways people
really get backpropagation wrong. The gradient check then has something to catch.

Shapes as in :class:`engine.ops.layers.Dense`: x (N, in) -> a (N, units), W (units, in),
b (units,), z = x Wᵀ + b, a = g(z). With G = ∂J/∂a the correct backward pass is

    dz = G ⊙ g'(z),  ∂J/∂W = dzᵀ x,  ∂J/∂b = Σₙ dz,  ∂J/∂x = dz W

and each mistake changes exactly one line of it:

- ``none``: the correct pass;
- ``wrong_sign``: ∂J/∂W = −dzᵀ x (the sign lost in the middle of a derivation);
- ``no_transpose``: ∂J/∂W = (xᵀ dz).reshape(W's shape), a reshape where a transpose belongs; the
  shape fits, the entries are in the wrong places (only when both units and inputs exceed 1);
- ``db_mean``: ∂J/∂b = meanₙ dz, dividing by N a second time (the cost already averaged);
- ``no_derivative``: dz = G, forgetting the activation's derivative g'(z) (so W, b and every
  layer before this one get wrong gradients; with the identity activation it is no mistake);
- ``no_dx``: ∂J/∂x = 0, not passing the gradient on (this layer's own arrays stay right, the
  layers before it learn nothing: the check flags *their* arrays).
"""
from __future__ import annotations

import numpy as np

from .base import ParamSpec, register
from .layers import _ACT, Dense

MISTAKES = ("none", "wrong_sign", "no_transpose", "db_mean", "no_derivative", "no_dx")

__all__ = ["PracticeDense", "MISTAKES"]


def _dz(params: dict, output: np.ndarray, z: np.ndarray, grad_out: np.ndarray) -> np.ndarray:
    """G ⊙ g'(z), the correct gradient of the pre-activation z (N, units)."""
    act = params["activation"]
    if act == "identity":
        return grad_out
    if act == "relu":
        return grad_out * (z > 0)
    if act == "sigmoid":
        return grad_out * output * (1 - output)
    if act == "tanh":
        return grad_out * (1 - output * output)
    return grad_out * _ACT[act][1](z)


@register
class PracticeDense(Dense):
    """Dense layer x (N, in) -> a (N, units) whose backward pass can be broken on purpose."""

    name = "practice_dense"
    category = "Layers"
    description = ("Dense layer for gradient-check practice: its 'mistake' breaks the backward "
                   "pass on purpose.")
    params = Dense.params + (
        ParamSpec("mistake", "choice", "none", "a deliberate bug in the backward pass "
                  "(none = correct)", choices=MISTAKES),
    )
    grad_formula = ("correct: dz = G ⊙ g'(z), ∂J/∂W = dzᵀ x, ∂J/∂b = Σ dz, ∂J/∂x = dz W; "
                    "'mistake' breaks one of these on purpose")

    def backward(self, params, inputs, weights, output, cache, grad_out, need=None):
        """Dense's backward (x (N, in) or (..., in)), with the chosen mistake in one line."""
        mistake = params["mistake"]
        z = cache["z"]                      # the dense layer's cache: a_prev, z (and a)
        dz = grad_out if mistake == "no_derivative" else _dz(params, output, z, grad_out)
        x = inputs[0]
        dz2 = dz.reshape(-1, dz.shape[-1])
        x2 = x.reshape(-1, x.shape[-1])
        w = weights["W"]
        if mistake == "no_transpose":
            dw = (x2.T @ dz2).reshape(w.shape)
        else:
            dw = dz2.T @ x2
        if mistake == "wrong_sign":
            dw = -dw
        grads = {"W": dw}
        if params["bias"]:
            grads["b"] = dz2.mean(axis=0) if mistake == "db_mean" else dz2.sum(axis=0)
        if need is not None and not need[0]:
            return [None], grads
        if mistake == "no_dx":
            return [np.zeros_like(x, dtype=dz.dtype)], grads
        return [dz @ w.astype(dz.dtype, copy=False)], grads
