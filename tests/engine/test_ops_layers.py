"""dense, embedding, dropout, batch_norm against NumPy references and finite differences."""
from __future__ import annotations

import numpy as np
import pytest

from engine.ops import Context, ParamError, ShapeError, get_op
from tests.engine.opcheck import check_op_grads, op_forward, op_grads

ACTS = {
    "identity": lambda z: z,
    "relu": lambda z: np.maximum(z, 0),
    "leaky_relu": lambda z: np.where(z > 0, z, 0.01 * z),
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "tanh": np.tanh,
}


def _dense_weights(rng, n_in, units, bias=True):
    w = {"W": rng.standard_normal((units, n_in))}
    if bias:
        w["b"] = rng.standard_normal(units)
    return w


# -- dense -------------------------------------------------------------------------------------


@pytest.mark.parametrize("act", list(ACTS))
def test_dense_forward_matches_numpy(act):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((6, 3))
    w = _dense_weights(rng, 3, 4)
    out, cache = op_forward("dense", [x], {"units": 4, "activation": act}, w)
    z = x @ w["W"].T + w["b"]
    np.testing.assert_allclose(cache["z"], z, atol=1e-12)
    np.testing.assert_allclose(out, ACTS[act](z), atol=1e-12)


@pytest.mark.parametrize("act", list(ACTS))
@pytest.mark.parametrize("bias", [True, False])
def test_dense_gradients(act, bias):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((5, 3))
    w = _dense_weights(rng, 3, 4, bias)
    check_op_grads("dense", [x], {"units": 4, "activation": act, "bias": bias}, weights=w)


def test_dense_leading_axes():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((2, 3, 4))
    w = _dense_weights(rng, 4, 5)
    out, _ = op_forward("dense", [x], {"units": 5, "activation": "tanh"}, w)
    np.testing.assert_allclose(out, np.tanh(x @ w["W"].T + w["b"]))
    check_op_grads("dense", [x], {"units": 5, "activation": "tanh"}, weights=w)
    op = get_op("dense")
    assert op.infer_shape(op.validate_params({"units": 5}), [(None, 3, 4)]) == (None, 3, 5)


def test_dense_shapes_specs_and_errors():
    op = get_op("dense")
    p = op.validate_params({"units": 16})
    assert op.infer_shape(p, [(None, 2)]) == (None, 16)
    specs = {s.name: s for s in op.weight_specs(p, [(None, 2)])}
    assert specs["W"].shape == (16, 2) and specs["b"].shape == (16,)
    assert specs["W"].init == "xavier" and specs["W"].fan_in == 2 and specs["W"].fan_out == 16
    assert op.macs(p, [(None, 2)], (None, 16)) == 32
    no_bias = op.validate_params({"bias": False})
    assert [s.name for s in op.weight_specs(no_bias, [(None, 2)])] == ["W"]
    with pytest.raises(ShapeError, match="N x features"):
        op.infer_shape(p, [(None,)])
    with pytest.raises(ParamError):
        op.validate_params({"activation": "softmax"})


def test_dense_need_and_float32():
    op = get_op("dense")
    p = op.validate_params({"units": 3, "activation": "relu"})
    rng = np.random.default_rng(3)
    x = rng.standard_normal((4, 2)).astype(np.float32)
    w = {k: v.astype(np.float32) for k, v in _dense_weights(rng, 2, 3).items()}
    ctx = Context()
    out, cache = op.forward(p, [x], w, ctx)
    assert out.dtype == np.float32 and cache["z"].dtype == np.float32
    g = np.ones_like(out)
    gin, gw = op.backward(p, [x], w, out, cache, g, (False,))
    assert gin == [None]
    assert gw["W"].dtype == gw["b"].dtype == np.float32
    gin, _ = op.backward(p, [x], w, out, cache, g, (True,))
    assert gin[0].dtype == np.float32
    z = x @ w["W"].T + w["b"]
    np.testing.assert_allclose(gin[0], (g * (z > 0)) @ w["W"], rtol=1e-6)
    # float64 weights with float32 data still give float32
    w64 = {k: v.astype(np.float64) for k, v in w.items()}
    assert op.forward(p, [x], w64, ctx)[0].dtype == np.float32


# -- embedding ---------------------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(5,), (3, 4)])
def test_embedding_forward_backward(shape):
    rng = np.random.default_rng(4)
    E = rng.standard_normal((6, 3))
    ids = rng.integers(0, 6, size=shape)
    out, _ = op_forward("embedding", [ids], {"num_embeddings": 6, "dim": 3}, {"E": E})
    assert out.shape == shape + (3,)
    np.testing.assert_array_equal(out, E[ids])
    g = rng.standard_normal(out.shape)
    gin, gw = op_grads("embedding", [ids], g, {"num_embeddings": 6, "dim": 3}, {"E": E})
    assert gin == [None]
    ref = np.zeros_like(E)
    for i, row in zip(ids.ravel(), g.reshape(-1, 3)):
        ref[i] += row
    np.testing.assert_allclose(gw["E"], ref)
    check_op_grads("embedding", [ids], {"num_embeddings": 6, "dim": 3}, weights={"E": E})


def test_embedding_shapes_and_range_errors():
    op = get_op("embedding")
    p = op.validate_params({"num_embeddings": 4, "dim": 2})
    assert op.infer_shape(p, [(None, 7)]) == (None, 7, 2)
    assert [(s.name, s.shape, s.init) for s in op.weight_specs(p, [(None,)])] == \
        [("E", (4, 2), "normal")]
    E = np.zeros((4, 2))
    with pytest.raises(ValueError, match=r"id 4 is out of range 0 \.\. 3"):
        op_forward("embedding", [np.array([0, 4])], p, {"E": E})
    with pytest.raises(ValueError, match=r"id -1 is out of range 0 \.\. 3"):
        op_forward("embedding", [np.array([-1, 2])], p, {"E": E})
    with pytest.raises(ValueError, match="not a whole number"):
        op_forward("embedding", [np.array([0.5])], p, {"E": E})
    out, _ = op_forward("embedding", [np.array([1.0, 3.0])], p, {"E": np.arange(8.0).reshape(4, 2)})
    np.testing.assert_array_equal(out, [[2, 3], [6, 7]])


# -- dropout -----------------------------------------------------------------------------------


def test_dropout_eval_is_identity():
    x = np.random.default_rng(5).standard_normal((4, 5))
    out, cache = op_forward("dropout", [x], {"rate": 0.5}, training=False)
    assert out is x or np.array_equal(out, x)
    gin, _ = op_grads("dropout", [x], np.ones_like(x), {"rate": 0.5}, training=False)
    np.testing.assert_array_equal(gin[0], np.ones_like(x))


@pytest.mark.parametrize("rate", [0.2, 0.5, 0.8])
def test_dropout_train_scale_and_mask_reuse(rate):
    x = np.ones((200, 250), dtype=np.float32)
    out, mask = op_forward("dropout", [x], {"rate": rate}, training=True, seed=3)
    assert out.dtype == np.float32
    kept = out != 0
    assert abs(1 - kept.mean() - rate) < 0.01
    np.testing.assert_allclose(out[kept], 1 / (1 - rate), rtol=1e-6)
    assert abs(out.mean() - 1) < 0.03                     # inverted dropout keeps the mean
    g = np.random.default_rng(6).standard_normal(x.shape).astype(np.float32)
    gin, _ = op_grads("dropout", [x], g, {"rate": rate}, training=True, seed=3)
    np.testing.assert_allclose(gin[0], g * out, rtol=1e-6)   # same mask (x is ones)
    op = get_op("dropout")
    p = op.validate_params({"rate": rate})
    gin2, _ = op.backward(p, [x], {}, out, mask, g, (True,))
    np.testing.assert_allclose(gin2[0], g * mask["mask"])


def test_dropout_gradcheck_and_params():
    x = np.random.default_rng(7).standard_normal((3, 4))
    check_op_grads("dropout", [x], {"rate": 0.3}, training=True, seed=1)
    with pytest.raises(ParamError):
        get_op("dropout").validate_params({"rate": 1.0})
    with pytest.raises(ParamError):
        get_op("dropout").validate_params({"rate": -0.1})
    out, _ = op_forward("dropout", [x], {"rate": 0.0}, training=True)
    np.testing.assert_array_equal(out, x)


# -- batch_norm --------------------------------------------------------------------------------


def _bn_weights(rng, c):
    return {"gamma": rng.standard_normal(c), "beta": rng.standard_normal(c),
            "running_mean": rng.standard_normal(c), "running_var": rng.random(c) + 0.5}


@pytest.mark.parametrize("shape", [(6, 3), (4, 3, 2, 2)])
def test_batch_norm_train_forward_and_running_stats(shape):
    rng = np.random.default_rng(8)
    x = rng.standard_normal(shape) * 2 + 1
    w = _bn_weights(rng, 3)
    rm0, rv0 = w["running_mean"].copy(), w["running_var"].copy()
    out, _ = op_forward("batch_norm", [x], {"momentum": 0.9, "eps": 1e-5}, w, training=True)
    axes = (0,) + tuple(range(2, x.ndim))
    bshape = (1, 3) + (1,) * (x.ndim - 2)
    mu, var = x.mean(axis=axes), x.var(axis=axes)
    ref = (x - mu.reshape(bshape)) / np.sqrt(var.reshape(bshape) + 1e-5)
    ref = ref * w["gamma"].reshape(bshape) + w["beta"].reshape(bshape)
    np.testing.assert_allclose(out, ref, atol=1e-12)
    np.testing.assert_allclose(w["running_mean"], 0.9 * rm0 + 0.1 * mu)   # updated in place
    np.testing.assert_allclose(w["running_var"], 0.9 * rv0 + 0.1 * var)


@pytest.mark.parametrize("shape", [(6, 3), (4, 3, 2, 2)])
def test_batch_norm_eval_uses_running_stats(shape):
    rng = np.random.default_rng(9)
    x = rng.standard_normal(shape)
    w = _bn_weights(rng, 3)
    before = {k: v.copy() for k, v in w.items()}
    out, _ = op_forward("batch_norm", [x], {}, w, training=False)
    bshape = (1, 3) + (1,) * (x.ndim - 2)
    r = lambda k: before[k].reshape(bshape)  # noqa: E731
    ref = (x - r("running_mean")) / np.sqrt(r("running_var") + 1e-5) * r("gamma") + r("beta")
    np.testing.assert_allclose(out, ref, atol=1e-12)
    for k in w:
        np.testing.assert_array_equal(w[k], before[k])     # eval leaves the buffers alone


@pytest.mark.parametrize("shape", [(5, 3), (3, 3, 2, 2)])
@pytest.mark.parametrize("training", [True, False])
def test_batch_norm_gradients(shape, training):
    rng = np.random.default_rng(10)
    x = rng.standard_normal(shape)
    check_op_grads("batch_norm", [x], {}, weights=_bn_weights(rng, 3), training=training,
                   tol=1e-5)


def test_batch_norm_specs_float32_and_errors():
    op = get_op("batch_norm")
    p = op.validate_params({})
    specs = {s.name: s for s in op.weight_specs(p, [(None, 4, 5, 5)])}
    assert {k: (s.shape, s.init, s.trainable) for k, s in specs.items()} == {
        "gamma": ((4,), "ones", True), "beta": ((4,), "zeros", True),
        "running_mean": ((4,), "zeros", False), "running_var": ((4,), "ones", False)}
    with pytest.raises(ShapeError):
        op.infer_shape(p, [(None,)])
    rng = np.random.default_rng(11)
    x = rng.standard_normal((8, 4)).astype(np.float32)
    w = {k: v.astype(np.float32) for k, v in _bn_weights(rng, 4).items()}
    out, cache = op.forward(p, [x], w, Context(training=True))
    assert out.dtype == np.float32 and w["running_mean"].dtype == np.float32
    gin, gw = op.backward(p, [x], w, out, cache, np.ones_like(out), (True,))
    assert gin[0].dtype == gw["gamma"].dtype == gw["beta"].dtype == np.float32
    assert set(gw) == {"gamma", "beta"}
    assert op.backward(p, [x], w, out, cache, np.ones_like(out), (False,))[0] == [None]
