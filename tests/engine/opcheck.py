"""Helpers for op tests: run one op outside a graph, and check its gradient numerically.

``op_forward`` / ``op_grads`` call an op directly (with unbroadcast applied to input gradients,
as the executor does). ``check_op_grads`` compares every input and weight gradient with central
finite differences in float64 on the scalar sum(output * R) for a fixed random R.
"""
from __future__ import annotations

import numpy as np

from engine.ops import Context, get_op, unbroadcast


def op_forward(name, inputs, params=None, weights=None, training=False, seed=0):
    op = get_op(name)
    p = op.validate_params(dict(params or {}))
    out, cache = op.forward(p, [np.asarray(x) for x in inputs], weights or {},
                            Context(training=training, rng=np.random.default_rng(seed)))
    return np.asarray(out), cache


def op_grads(name, inputs, grad_out, params=None, weights=None, training=False, seed=0):
    op = get_op(name)
    p = op.validate_params(dict(params or {}))
    inputs = [np.asarray(x) for x in inputs]
    out, cache = op.forward(p, inputs, weights or {}, Context(training=training, rng=np.random.default_rng(seed)))
    gin, gw = op.backward(p, inputs, weights or {}, np.asarray(out), cache, np.asarray(grad_out),
                          tuple(True for _ in inputs))
    gin = [None if g is None else unbroadcast(np.asarray(g), x.shape) for g, x in zip(gin, inputs)]
    return gin, {k: np.asarray(v) for k, v in gw.items()}


def numeric_grad(f, x, eps=1e-6):
    """Central differences of scalar f() with respect to array x (perturbed in place)."""
    g = np.zeros_like(x, dtype=np.float64)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        idx = it.multi_index
        old = x[idx]
        x[idx] = old + eps
        fp = f()
        x[idx] = old - eps
        fm = f()
        x[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g


def rel_error(a, n):
    a, n = np.asarray(a, np.float64), np.asarray(n, np.float64)
    denom = np.linalg.norm(a) + np.linalg.norm(n)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - n) / denom)


def check_op_grads(name, inputs, params=None, weights=None, skip_inputs=(), tol=1e-6,
                   training=False, seed=0, eps=1e-6):
    """Assert analytical == numerical gradients (float64) for every float input and weight."""
    inputs = [np.array(x, dtype=np.float64) if np.asarray(x).dtype.kind == "f" else np.array(x)
              for x in inputs]
    weights = {k: np.array(v, dtype=np.float64) for k, v in (weights or {}).items()}
    out, _ = op_forward(name, inputs, params, weights, training, seed)
    r = np.random.default_rng(123).standard_normal(out.shape)

    def f():
        o, _ = op_forward(name, inputs, params, weights, training, seed)
        return float(np.sum(o * r))

    gin, gw = op_grads(name, inputs, r, params, weights, training, seed)
    for i, x in enumerate(inputs):
        if i in skip_inputs or x.dtype.kind != "f":
            continue
        n = numeric_grad(f, x, eps)
        assert gin[i] is not None, f"{name}: no gradient for input {i}"
        assert gin[i].shape == x.shape, f"{name}: grad shape {gin[i].shape} != input {x.shape}"
        err = rel_error(gin[i], n)
        assert err < tol, f"{name}: input {i} gradient relative error {err:.2e}"
    for k, w in weights.items():
        if k not in gw:
            continue
        n = numeric_grad(f, w, eps)
        err = rel_error(gw[k], n)
        assert gw[k].shape == w.shape
        assert err < tol, f"{name}: weight {k} gradient relative error {err:.2e}"


def mismatched_add():
    """A graph a + b of two (N, 2) inputs, and feeds whose batches differ (5 and 3 rows), so the
    add fails at run time: (graph, id of the add node, feeds)."""
    from engine import Graph
    g = Graph()
    a = g.add_node("input", {"shape": (None, 2)}, name="a")
    b = g.add_node("input", {"shape": (None, 2)}, name="b")
    s = g.add_node("add", name="s")
    g.connect(a, s, 0)
    g.connect(b, s, 1)
    return g, s, {"a": np.ones((5, 2)), "b": np.ones((3, 2))}
