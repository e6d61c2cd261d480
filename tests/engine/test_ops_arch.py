"""lrn, group_conv2d, add_n, pad2d, avg_pool2d_valid against loop references and finite
differences (float64)."""
from __future__ import annotations

import numpy as np
import pytest

from engine.ops import ShapeError, get_op
from tests.engine.opcheck import check_op_grads, op_forward

RNG = np.random.default_rng(7)


def naive_lrn(x, size, alpha, beta, bias):
    """The ONNX definition, one channel at a time."""
    c = x.shape[1]
    out = np.empty_like(x)
    for ch in range(c):
        lo, hi = max(0, ch - (size - 1) // 2), min(c - 1, ch + int(np.ceil((size - 1) / 2)))
        sq = np.sum(x[:, lo:hi + 1] ** 2, axis=1)
        out[:, ch] = x[:, ch] / (bias + alpha / size * sq) ** beta
    return out


def naive_group_conv(x, w, b, s, p, groups):
    n, c, h, wd = x.shape
    o, cg, k, _ = w.shape
    og = o // groups
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    oh, ow = (h + 2 * p - k) // s + 1, (wd + 2 * p - k) // s + 1
    out = np.zeros((n, o, oh, ow))
    for i_o in range(o):
        g = i_o // og
        for i in range(oh):
            for j in range(ow):
                patch = xp[:, g * cg:(g + 1) * cg, i * s:i * s + k, j * s:j * s + k]
                out[:, i_o, i, j] = np.sum(patch * w[i_o], axis=(1, 2, 3)) + b[i_o]
    return out


@pytest.mark.parametrize("size, shape", [(5, (2, 7, 3, 3)), (3, (1, 4, 2, 2)), (2, (2, 5)),
                                         (1, (1, 3, 2, 2))])
def test_lrn_matches_the_definition_and_its_gradient(size, shape):
    x = RNG.standard_normal(shape) * 2
    params = {"size": size, "alpha": 0.3, "beta": 0.75, "bias": 1.5}
    out, _ = op_forward("lrn", [x], params)
    np.testing.assert_allclose(out, naive_lrn(x, size, 0.3, 0.75, 1.5), rtol=1e-12)
    check_op_grads("lrn", [x], params)


@pytest.mark.parametrize("n, c, h, o, k, s, p, groups", [
    (2, 4, 5, 6, 3, 1, 1, 2),
    (1, 6, 6, 6, 3, 2, 1, 6),     # depthwise
    (2, 6, 5, 9, 1, 1, 0, 3),
    (1, 4, 7, 4, 5, 2, 2, 1),
])
def test_group_conv_matches_loops_and_gradients(n, c, h, o, k, s, p, groups):
    x = RNG.standard_normal((n, c, h, h))
    w = RNG.standard_normal((o, c // groups, k, k))
    b = RNG.standard_normal(o)
    params = {"out_channels": o, "kernel": k, "stride": s, "padding": p, "groups": groups}
    out, _ = op_forward("group_conv2d", [x], params, {"W": w, "b": b})
    np.testing.assert_allclose(out, naive_group_conv(x, w, b, s, p, groups), rtol=1e-10, atol=1e-12)
    check_op_grads("group_conv2d", [x], params, {"W": w.copy(), "b": b.copy()})


def test_group_conv_counts_and_refuses_uneven_groups():
    op = get_op("group_conv2d")
    p = op.validate_params({"out_channels": 8, "kernel": 3, "padding": 1, "groups": 4})
    specs = op.weight_specs(p, [(None, 8, 6, 6)])
    assert specs[0].shape == (8, 2, 3, 3)
    assert op.macs(p, [(None, 8, 6, 6)], (None, 8, 6, 6)) == 6 * 6 * 8 * 2 * 9
    with pytest.raises(ShapeError, match="do not split into 4 groups"):
        op.infer_shape(p, [(None, 6, 6, 6)])


def test_add_n_sums_broadcast_inputs_and_gradients():
    a, b, c = RNG.standard_normal((3, 4)), RNG.standard_normal((1, 4)), RNG.standard_normal((3, 1))
    out, _ = op_forward("add_n", [a, b, c])
    np.testing.assert_allclose(out, a + b + c)
    check_op_grads("add_n", [a, b, c])
    with pytest.raises(ShapeError, match="input x2"):
        get_op("add_n").infer_shape({}, [(3, 4), (3, 4), (3, 5)])


@pytest.mark.parametrize("pads, fill", [((1, 2, 0, 1), "zeros"), ((0, 0, 1, 1), "lowest"),
                                        ((-1, 0, 2, -2), "zeros")])
def test_pad2d_matches_numpy_pad_and_crop(pads, fill):
    x = RNG.standard_normal((2, 3, 5, 6))
    t, l, b, r = pads
    value = -np.inf if fill == "lowest" else 0.0
    cropped = x[:, :, max(-t, 0):5 - max(-b, 0), max(-l, 0):6 - max(-r, 0)]
    ref = np.pad(cropped, ((0, 0), (0, 0), (max(t, 0), max(b, 0)), (max(l, 0), max(r, 0))),
                 constant_values=value)
    out, _ = op_forward("pad2d", [x], {"pads": pads, "fill": fill})
    np.testing.assert_array_equal(out, ref)
    assert get_op("pad2d").infer_shape({"pads": pads}, [(None, 3, 5, 6)]) == (None,) + ref.shape[1:]
    if fill == "zeros":   # the gradient of minus infinity cells is not a finite difference
        check_op_grads("pad2d", [x], {"pads": pads, "fill": fill})


def naive_avg_valid(x, k, s, pads):
    n, c, h, w = x.shape
    t, l, b, r = pads
    oh, ow = (h + t + b - k) // s + 1, (w + l + r - k) // s + 1
    out = np.zeros((n, c, oh, ow))
    for i in range(oh):
        for j in range(ow):
            r0, c0 = i * s - t, j * s - l
            rs = slice(max(r0, 0), min(r0 + k, h))
            cs = slice(max(c0, 0), min(c0 + k, w))
            out[:, :, i, j] = x[:, :, rs, cs].mean(axis=(2, 3))
    return out


@pytest.mark.parametrize("k, s, pads", [(3, 1, (1, 1, 1, 1)), (3, 2, (1, 1, 1, 1)),
                                        (2, 1, (0, 0, 1, 1)), (5, 1, (2, 1, 2, 0))])
def test_avg_pool_valid_leaves_padding_out_of_the_mean(k, s, pads):
    x = RNG.standard_normal((2, 2, 5, 5)) + 3.0
    params = {"kernel": k, "stride": s, "pads": pads}
    out, _ = op_forward("avg_pool2d_valid", [x], params)
    np.testing.assert_allclose(out, naive_avg_valid(x, k, s, pads), rtol=1e-12)
    assert get_op("avg_pool2d_valid").infer_shape(params, [(None, 2, 5, 5)])[2:] == out.shape[2:]
    check_op_grads("avg_pool2d_valid", [x], params)
