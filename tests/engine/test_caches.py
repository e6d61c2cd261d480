"""Each op's forward cache holds the named arrays the course names, and backward reads exactly
the entries its ``cache_used`` lists."""
from __future__ import annotations

import numpy as np
import pytest

from engine.executor import Executor
from engine.graph import Graph
from engine.ops import Context, get_op

RNG = np.random.default_rng(0)


def _fb(name, params, x, weights, training=False):
    op = get_op(name)
    p = op.validate_params(params)
    out, cache = op.forward(p, [x], weights, Context(training=training))
    return op, p, out, cache


def _backward(op, p, x, weights, out, cache, g):
    gin, gw = op.backward(p, [x], weights, out, cache, g, (True,))
    return [gin[0]] + [gw[k] for k in sorted(gw)]


def _check_uses_exactly(op, p, x, weights, out, cache):
    """Backward gives the same result from the used entries alone (nothing else is read),
    and a different one when any used entry is changed (each one is really read)."""
    g = np.random.default_rng(1).standard_normal(out.shape)
    used = op.cache_used(p, cache)
    assert used and set(used) <= set(cache)
    ref = _backward(op, p, x, weights, out, cache, g)
    only = {k: cache[k] for k in used}
    for a, b in zip(ref, _backward(op, p, x, weights, out, only, g)):
        np.testing.assert_array_equal(a, b)
    for k in used:
        bent = dict(only)
        arr = np.asarray(cache[k])
        bent[k] = (arr + 1) % 2 if arr.dtype.kind in "iub" else 0.25 - 1.5 * arr
        changed = _backward(op, p, x, weights, out, bent, g)
        assert any(not np.allclose(a, b) for a, b in zip(ref, changed)), k


ALL = ("a_prev", "z", "a")


@pytest.mark.parametrize("act, keys, used", [
    ("identity", ("a_prev", "z"), ("a_prev",)),     # a is z: nothing more to cache
    ("relu", ALL, ("a_prev", "z")), ("leaky_relu", ALL, ("a_prev", "z")),
    ("sigmoid", ALL, ("a_prev", "a")), ("tanh", ALL, ("a_prev", "a"))])
def test_dense_caches_input_z_and_a(act, keys, used):
    x = RNG.standard_normal((5, 3))
    w = {"W": RNG.standard_normal((4, 3)), "b": RNG.standard_normal(4)}
    op, p, out, cache = _fb("dense", {"units": 4, "activation": act}, x, w)
    z = x @ w["W"].T + w["b"]
    assert tuple(cache) == keys
    assert cache["a_prev"] is x
    np.testing.assert_allclose(cache["z"], z, atol=1e-12)
    np.testing.assert_array_equal(cache.get("a", cache["z"]), out)   # a[l] is the output
    assert op.cache_used(p, cache) == used
    _check_uses_exactly(op, p, x, w, out, cache)


@pytest.mark.parametrize("s, pad", [(1, 1), (2, 0), (2, 1)])
def test_conv_windows_are_the_padded_input_patches(s, pad):
    x = RNG.standard_normal((2, 3, 7, 7))
    w = {"W": RNG.standard_normal((4, 3, 3, 3)), "b": RNG.standard_normal(4)}
    op, p, out, cache = _fb("conv2d", {"out_channels": 4, "kernel": 3, "stride": s,
                                       "padding": pad}, x, w)
    win = cache["windows"]
    oh, ow = out.shape[2:]
    assert win.shape == (2, 3, 3, 3, oh, ow)
    xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    for n, c, a, b, i, j in [(0, 0, 0, 0, 0, 0), (1, 2, 2, 1, oh - 1, ow - 1),
                             (0, 1, 1, 2, oh // 2, 0), (1, 0, 2, 2, 0, ow - 1)]:
        assert win[n, c, a, b, i, j] == xp[n, c, i * s + a, j * s + b]
    _check_uses_exactly(op, p, x, w, out, cache)


def test_max_pool_argmax_is_where_each_first_maximum_came_from():
    x = RNG.integers(0, 3, (2, 3, 6, 6)).astype(np.float64)   # many ties
    op, p, out, cache = _fb("max_pool2d", {"kernel": 2}, x, {})
    arg = cache["argmax"]
    assert arg.shape == out.shape
    for n in range(2):
        for c in range(3):
            for i in range(3):
                for j in range(3):
                    win = x[n, c, 2 * i:2 * i + 2, 2 * j:2 * j + 2].ravel()
                    assert arg[n, c, i, j] == int(np.argmax(win))
    _check_uses_exactly(op, p, x, {}, out, cache)


def test_max_pool_argmax_with_overlapping_windows_and_padding():
    x = RNG.standard_normal((1, 2, 5, 5))
    op, p, out, cache = _fb("max_pool2d", {"kernel": 3, "stride": 2, "padding": 1}, x, {})
    xp = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)), constant_values=-np.inf)
    for c, i, j in [(0, 0, 0), (1, 1, 2), (0, 2, 1)]:
        win = xp[0, c, 2 * i:2 * i + 3, 2 * j:2 * j + 3].ravel()
        assert cache["argmax"][0, c, i, j] == int(np.argmax(win))


def test_batch_norm_caches_mean_variance_and_xhat():
    x = RNG.standard_normal((6, 3, 4, 4)) * 2 + 1
    w = {"gamma": RNG.standard_normal(3), "beta": RNG.standard_normal(3),
         "running_mean": np.zeros(3), "running_var": np.ones(3)}
    op, p, out, cache = _fb("batch_norm", {}, x, w, training=True)
    mean = x.mean(axis=(0, 2, 3))
    var = x.var(axis=(0, 2, 3))
    np.testing.assert_allclose(cache["mean"].ravel(), mean, atol=1e-12)
    np.testing.assert_allclose(cache["var"].ravel(), var, atol=1e-12)
    xhat = (x - mean[None, :, None, None]) / np.sqrt(var[None, :, None, None] + 1e-5)
    np.testing.assert_allclose(cache["xhat"], xhat, atol=1e-10)
    _check_uses_exactly(op, p, x, w, out, cache)
    w["running_mean"], w["running_var"] = np.array([1.0, 2, 3]), np.array([4.0, 5, 6])
    op, p, out, cache = _fb("batch_norm", {}, x, w, training=False)
    assert "mean" not in cache
    np.testing.assert_array_equal(cache["running_mean"].ravel(), [1, 2, 3])
    np.testing.assert_array_equal(cache["running_var"].ravel(), [4, 5, 6])


def test_step_records_carry_the_cache_and_the_entries_backward_used():
    g = Graph(0)
    x = g.add_node("input", {"shape": (None, 2)}, name="x")
    d = g.add_node("dense", {"units": 3, "activation": "sigmoid"}, name="d")
    g.connect(x, d, 0)
    y = g.add_node("input", {"shape": (None, 3)}, name="y")
    j = g.add_node("mse", name="J")
    g.connect(d, j, 0)
    g.connect(y, j, 1)
    ex = Executor(g)
    X = RNG.standard_normal((4, 2))
    ex.reset({"x": X, "y": np.zeros((4, 3))})
    ex.run_backward()
    fwd = next(r for r in ex.records if r.phase == "forward" and r.node == d)
    bwd = next(r for r in ex.records if r.phase == "backward" and r.node == d)
    np.testing.assert_array_equal(fwd.cache["a_prev"], X)
    np.testing.assert_array_equal(fwd.cache["a"], fwd.value)
    with pytest.raises(ValueError):
        fwd.cache["z"][0, 0] = 1.0                      # records are read-only
    with pytest.raises(TypeError):
        fwd.cache["z"] = None
    assert bwd.cache_used == ("a_prev", "a")
    loss_b = next(r for r in ex.records if r.phase == "backward" and r.node == j)
    assert loss_b.cache_used == ("diff",)
