"""conv2d, max_pool2d, avg_pool2d, global_avg_pool against naive loop references."""
from __future__ import annotations

import numpy as np
import pytest

from engine.ops import ShapeError, get_op
from engine.ops.conv import scatter_windows, windows
from tests.engine.opcheck import check_op_grads, op_forward, op_grads

# -- naive references (loops over every output position) --------------------------------------


def naive_conv(x, w, b, s, p):
    """x (N, C, H, W), w (O, C, k, k), b (O,) -> (N, O, OH, OW)."""
    n, c, h, wd = x.shape
    o, _, k, _ = w.shape
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    oh, ow = (h + 2 * p - k) // s + 1, (wd + 2 * p - k) // s + 1
    out = np.zeros((n, o, oh, ow))
    for i_n in range(n):
        for i_o in range(o):
            for i in range(oh):
                for j in range(ow):
                    patch = xp[i_n, :, i * s:i * s + k, j * s:j * s + k]
                    out[i_n, i_o, i, j] = np.sum(patch * w[i_o]) + (b[i_o] if b is not None else 0)
    return out


def naive_pool(x, k, s, p, kind, g=None):
    """Forward (N, C, OH, OW); with g, also the input gradient (max: to the first maximum)."""
    n, c, h, w = x.shape
    fill = -np.inf if kind == "max" else 0.0
    xp = np.pad(x.astype(np.float64), ((0, 0), (0, 0), (p, p), (p, p)), constant_values=fill)
    oh, ow = (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1
    out = np.zeros((n, c, oh, ow))
    dxp = np.zeros_like(xp)
    for a in range(n):
        for b in range(c):
            for i in range(oh):
                for j in range(ow):
                    win = xp[a, b, i * s:i * s + k, j * s:j * s + k]
                    if kind == "max":
                        r, q = divmod(int(np.argmax(win)), k)   # first max, row-major
                        out[a, b, i, j] = win[r, q]
                        if g is not None:
                            dxp[a, b, i * s + r, j * s + q] += g[a, b, i, j]
                    else:
                        out[a, b, i, j] = win.mean()
                        if g is not None:
                            dxp[a, b, i * s:i * s + k, j * s:j * s + k] += g[a, b, i, j] / (k * k)
    return out, dxp[:, :, p:p + h, p:p + w]


CONV_CASES = [  # N, C, H, W, O, k, s, p
    (2, 3, 5, 5, 4, 3, 1, 0),
    (2, 3, 7, 7, 2, 3, 2, 1),
    (1, 2, 8, 6, 3, 2, 2, 0),
    (2, 1, 9, 9, 2, 5, 2, 2),
    (3, 4, 6, 6, 5, 1, 1, 0),
    (1, 3, 8, 11, 2, 4, 3, 1),
]


@pytest.mark.parametrize("case", CONV_CASES)
@pytest.mark.parametrize("bias", [True, False])
def test_conv_forward_matches_naive(case, bias):
    n, c, h, w, o, k, s, p = case
    rng = np.random.default_rng(1)
    x = rng.standard_normal((n, c, h, w))
    W, b = rng.standard_normal((o, c, k, k)), rng.standard_normal(o)
    params = dict(out_channels=o, kernel=k, stride=s, padding=p, bias=bias)
    weights = {"W": W, "b": b} if bias else {"W": W}
    out, _ = op_forward("conv2d", [x], params, weights)
    assert out.shape == get_op("conv2d").infer_shape(
        get_op("conv2d").validate_params(params), [(n, c, h, w)])
    np.testing.assert_allclose(out, naive_conv(x, W, b if bias else None, s, p), atol=1e-10)


@pytest.mark.parametrize("case", CONV_CASES[:4])
def test_conv_gradients(case):
    n, c, h, w, o, k, s, p = case
    rng = np.random.default_rng(2)
    x = rng.standard_normal((1, c, h, w))
    weights = {"W": rng.standard_normal((o, c, k, k)), "b": rng.standard_normal(o)}
    check_op_grads("conv2d", [x], dict(out_channels=o, kernel=k, stride=s, padding=p),
                   weights=weights)


def test_conv_skips_input_gradient_when_not_needed():
    op = get_op("conv2d")
    p = op.validate_params({"out_channels": 2, "padding": 1})
    rng = np.random.default_rng(3)
    x = rng.standard_normal((2, 3, 5, 5))
    w = {"W": rng.standard_normal((2, 3, 3, 3)), "b": np.zeros(2)}
    out, cache = op.forward(p, [x], w, None)
    gin, gw = op.backward(p, [x], w, out, cache, np.ones_like(out), (False,))
    assert gin == [None] and set(gw) == {"W", "b"}


def test_conv_float32_preserved():
    rng = np.random.default_rng(4)
    x = rng.standard_normal((2, 3, 6, 6)).astype(np.float32)
    w = {"W": rng.standard_normal((4, 3, 3, 3)).astype(np.float32), "b": np.zeros(4, np.float32)}
    params = {"out_channels": 4, "padding": 1}
    out, _ = op_forward("conv2d", [x], params, w)
    gin, gw = op_grads("conv2d", [x], np.ones_like(out), params, w)
    assert out.dtype == gin[0].dtype == gw["W"].dtype == gw["b"].dtype == np.float32


def test_course_example_14x14x20():
    op = get_op("conv2d")
    p = op.validate_params(dict(out_channels=20, kernel=8, stride=2, padding=1))
    shape = (None, 3, 32, 32)
    out = op.infer_shape(p, [shape])
    assert out == (None, 20, 14, 14)
    assert op.shape_formula(p, [shape]) == "(32 + 2*1 - 8)/2 + 1 = 14 → 14x14x20"
    assert [(s.name, s.shape) for s in op.weight_specs(p, [shape])] == [("W", (20, 3, 8, 8)),
                                                                       ("b", (20,))]
    assert op.macs(p, [shape], out) == 14 * 14 * 20 * 3 * 8 * 8


def test_non_whole_output_message():
    op = get_op("conv2d")
    p = op.validate_params(dict(out_channels=4, kernel=8, stride=3, padding=1))
    with pytest.raises(ShapeError) as e:
        op.infer_shape(p, [(None, 3, 32, 32)])
    assert e.value.message == ("input 32x32x3, kernel 8, stride 3, padding 1: (32 - 8 + 2*1)/3 "
                               "+ 1 = 9.67 is not a whole number; change the stride or the "
                               "padding")
    assert e.value.port == 0
    assert "not a whole number" in op.shape_formula(p, [(None, 3, 32, 32)])
    pool = get_op("max_pool2d")
    with pytest.raises(ShapeError, match="is not a whole number"):
        pool.infer_shape(pool.validate_params({"kernel": 2}), [(None, 3, 5, 5)])


def test_other_shape_errors():
    op = get_op("conv2d")
    with pytest.raises(ShapeError, match="larger than the padded input"):
        op.infer_shape(op.validate_params({"kernel": 8, "padding": 1}), [(None, 3, 4, 4)])
    with pytest.raises(ShapeError, match="4-D"):
        op.infer_shape(op.validate_params({}), [(None, 3)])
    with pytest.raises(ShapeError, match="4-D"):
        get_op("avg_pool2d").infer_shape(get_op("avg_pool2d").validate_params({}), [(None, 8, 8)])
    gap = get_op("global_avg_pool")
    assert gap.infer_shape({}, [(None, 5, 4, 4)]) == (None, 5)
    with pytest.raises(ShapeError):
        gap.infer_shape({}, [(None, 5)])


def test_open_spatial_dims_and_pool_formula():
    op = get_op("max_pool2d")
    p = op.validate_params({"kernel": 2})
    assert op.infer_shape(p, [(None, 4, None, 8)]) == (None, 4, None, 4)
    assert op.shape_formula(p, [(None, 4, 8, 6)]) == \
        "H: (8 + 2*0 - 2)/2 + 1 = 4, W: (6 + 2*0 - 2)/2 + 1 = 3 → 4x3x4"


POOL_CASES = [  # N, C, H, W, k, s, p
    (2, 3, 8, 8, 2, 2, 0),
    (2, 2, 7, 7, 3, 2, 1),
    (1, 3, 6, 8, 3, 1, 1),
    (2, 2, 8, 8, 2, 3, 0),
    (1, 2, 6, 6, 2, 2, 1),
    (2, 1, 9, 9, 3, 3, 0),
]


@pytest.mark.parametrize("case", POOL_CASES)
@pytest.mark.parametrize("kind", ["max", "avg"])
def test_pool_forward_backward_matches_naive(case, kind):
    n, c, h, w, k, s, p = case
    rng = np.random.default_rng(5)
    x = rng.standard_normal((n, c, h, w))
    params = dict(kernel=k, stride=s, padding=p)
    name = f"{kind}_pool2d"
    out, _ = op_forward(name, [x], params)
    g = rng.standard_normal(out.shape)
    ref, dref = naive_pool(x, k, s, p, kind, g)
    np.testing.assert_allclose(out, ref, atol=1e-12)
    gin, _ = op_grads(name, [x], g, params)
    np.testing.assert_allclose(gin[0], dref, atol=1e-12)


@pytest.mark.parametrize("case", POOL_CASES)
def test_max_pool_ties_on_relu_outputs(case):
    """ReLU outputs of rounded values: many zeros and repeated values in every window."""
    n, c, h, w, k, s, p = case
    rng = np.random.default_rng(6)
    x = np.maximum(np.round(rng.standard_normal((n, c, h, w)) * 2) / 2, 0)
    params = dict(kernel=k, stride=s, padding=p)
    out, _ = op_forward("max_pool2d", [x], params)
    g = rng.standard_normal(out.shape)
    ref, dref = naive_pool(x, k, s, p, "max", g)
    np.testing.assert_array_equal(out, ref)
    gin, _ = op_grads("max_pool2d", [x], g, params)
    np.testing.assert_allclose(gin[0], dref, atol=1e-12)
    # each window sends its gradient to exactly one place
    gin1, _ = op_grads("max_pool2d", [x], np.ones_like(out), params)
    assert gin1[0].sum() == pytest.approx(out.size)


def test_max_pool_all_zero_window_routes_to_first():
    x = np.zeros((1, 1, 2, 2))
    gin, _ = op_grads("max_pool2d", [x], np.full((1, 1, 1, 1), 3.0), {"kernel": 2})
    np.testing.assert_array_equal(gin[0][0, 0], [[3.0, 0.0], [0.0, 0.0]])


@pytest.mark.parametrize("name", ["avg_pool2d", "max_pool2d"])
@pytest.mark.parametrize("case", [(2, 2, 1), (3, 2, 1), (2, 2, 0), (3, 1, 0)])
def test_pool_gradients(name, case):
    k, s, p = case
    h = next(h for h in range(5, 9) if (h + 2 * p - k) % s == 0)
    x = np.random.default_rng(7).standard_normal((1, 2, h, h))
    check_op_grads(name, [x], dict(kernel=k, stride=s, padding=p))


def test_global_avg_pool():
    x = np.random.default_rng(8).standard_normal((2, 3, 4, 5))
    out, _ = op_forward("global_avg_pool", [x])
    np.testing.assert_allclose(out, x.mean(axis=(2, 3)))
    check_op_grads("global_avg_pool", [x[:1, :2, :3, :3]])


@pytest.mark.parametrize("name", ["max_pool2d", "avg_pool2d", "global_avg_pool"])
def test_pool_float32_and_need(name):
    op = get_op(name)
    p = op.validate_params({})
    x = np.random.default_rng(9).standard_normal((2, 3, 4, 4)).astype(np.float32)
    out, cache = op.forward(p, [x], {}, None)
    assert out.dtype == np.float32
    gin, _ = op.backward(p, [x], {}, out, cache, np.ones_like(out), (True,))
    assert gin[0].dtype == np.float32 and gin[0].shape == x.shape
    assert op.backward(p, [x], {}, out, cache, np.ones_like(out), (False,))[0] == [None]


def test_windows_and_scatter_are_adjoint():
    """<windows(x), y> == <x, scatter(y)> for every stride (scatter is the transpose)."""
    rng = np.random.default_rng(10)
    for k, s in [(3, 1), (3, 2), (2, 2), (2, 3)]:
        x = rng.standard_normal((2, 3, 9, 8))
        win = windows(x, k, s)
        y = rng.standard_normal(win.shape)
        assert np.isclose(np.sum(win * y), np.sum(x * scatter_windows(y, 9, 8, s)))
