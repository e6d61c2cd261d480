"""Activation ops and activation_fn: values, gradients, stability, shapes, dtypes."""
from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from engine.ops import ShapeError, get_op
from engine.ops.activations import ACTIVATIONS, activation_fn
from tests.engine.opcheck import check_op_grads, op_forward, op_grads

RNG = np.random.default_rng(1)


def _softmax(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


REF = {
    "identity": lambda z: z,
    "relu": lambda z: np.maximum(z, 0),
    "leaky_relu": lambda z: np.where(z > 0, z, 0.01 * z),
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "tanh": np.tanh,
}
SHAPES = [(), (7,), (3, 4), (2, 3, 2)]


def _away_from_kink(z):
    return np.where(np.abs(z) < 0.05, 0.3, z)


@pytest.mark.parametrize("name", list(REF))
@pytest.mark.parametrize("shape", SHAPES)
def test_elementwise_forward_and_grad(name, shape):
    z = _away_from_kink(RNG.uniform(-3, 3, size=shape))
    out, _ = op_forward(name, [z])
    np.testing.assert_allclose(out, REF[name](z), rtol=1e-12, atol=1e-14)
    op = get_op(name)
    assert op.infer_shape(op.default_params(), [shape]) == shape
    check_op_grads(name, [z])


@pytest.mark.parametrize("alpha", [0.0, 0.2, 1.0])
def test_leaky_relu_alpha(alpha):
    z = _away_from_kink(RNG.uniform(-2, 2, size=(4, 3)))
    out, _ = op_forward("leaky_relu", [z], {"alpha": alpha})
    np.testing.assert_allclose(out, np.where(z > 0, z, alpha * z))
    check_op_grads("leaky_relu", [z], {"alpha": alpha})


def test_relu_gradient_is_zero_at_and_below_zero():
    gin, _ = op_grads("relu", [np.array([-1.0, 0.0, 2.0])], np.full(3, 5.0))
    np.testing.assert_array_equal(gin[0], [0.0, 0.0, 5.0])


@pytest.mark.parametrize("name,ref", [("softmax", _softmax),
                                      ("log_softmax", lambda z, axis=-1: np.log(_softmax(z, axis)))])
@pytest.mark.parametrize("shape,axis", [((5,), -1), ((3, 4), -1), ((3, 4), 0), ((2, 3, 4), 1),
                                        ((2, 3, 4), -2)])
def test_softmax_family(name, ref, shape, axis):
    z = RNG.normal(size=shape) * 2
    out, _ = op_forward(name, [z], {"axis": axis})
    np.testing.assert_allclose(out, ref(z, axis), rtol=1e-10, atol=1e-12)
    if name == "softmax":
        np.testing.assert_allclose(out.sum(axis=axis), 1.0)
    check_op_grads(name, [z], {"axis": axis})


def test_stable_for_large_inputs():
    z = np.array([[-1000.0, 0.0, 1000.0], [800.0, 799.0, -5.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s, _ = op_forward("sigmoid", [z])
        sm, _ = op_forward("softmax", [z])
        ls, _ = op_forward("log_softmax", [z])
        f, df = activation_fn("sigmoid")
        d = df(z)
    np.testing.assert_allclose(s[0], [0.0, 0.5, 1.0])
    assert s[1, 2] == pytest.approx(1 / (1 + np.exp(5.0)))
    np.testing.assert_allclose(sm[0], [0.0, 0.0, 1.0])
    np.testing.assert_allclose(sm[1, :2], [1 / (1 + np.exp(-1)), 1 / (1 + np.exp(1))])
    assert np.isfinite(ls).all() and ls[0, 2] == 0.0 and ls[0, 0] == -2000.0
    np.testing.assert_allclose(d[0], [0.0, 0.25, 0.0])
    assert float(f(np.array(-40.0))) == pytest.approx(np.exp(-40.0), rel=1e-12)


def test_softmax_shape_errors():
    op = get_op("softmax")
    assert op.infer_shape({"axis": -1}, [(None, 10)]) == (None, 10)
    with pytest.raises(ShapeError) as e:
        op.infer_shape({"axis": 2}, [(None, 10)])
    assert e.value.port == 0
    with pytest.raises(ShapeError):
        get_op("log_softmax").infer_shape({"axis": -1}, [()])


@pytest.mark.parametrize("name", ["identity", "relu", "leaky_relu", "sigmoid", "tanh", "softmax",
                                  "log_softmax"])
def test_float32_preserved(name):
    z = RNG.normal(size=(4, 3)).astype(np.float32)
    out, _ = op_forward(name, [z])
    assert out.dtype == np.float32
    gin, _ = op_grads(name, [z], np.ones((4, 3), np.float32))
    assert gin[0].dtype == np.float32 and gin[0].shape == z.shape


@pytest.mark.parametrize("name", ["identity", "relu", "leaky_relu", "sigmoid", "tanh", "softmax",
                                  "log_softmax"])
def test_metadata(name):
    op = get_op(name)
    assert op.category == "Activations"
    assert op.formula.startswith("a") and "∂" in op.grad_formula and op.description
    assert "linear" in get_op("identity").description.lower()


# -- activation_fn ---------------------------------------------------------------------------
def test_activation_names():
    assert ACTIVATIONS == ("identity", "relu", "leaky_relu", "sigmoid", "tanh")
    with pytest.raises(KeyError):
        activation_fn("swish")


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_activation_fn_matches_op_and_derivative(name):
    f, df = activation_fn(name)
    z = _away_from_kink(RNG.uniform(-3, 3, size=(5, 4)))
    np.testing.assert_allclose(f(z), op_forward(name, [z])[0], rtol=1e-12)
    eps = 1e-6
    numeric = (f(z + eps) - f(z - eps)) / (2 * eps)
    np.testing.assert_allclose(df(z), numeric, rtol=1e-6, atol=1e-8)
    gin, _ = op_grads(name, [z], np.ones_like(z))
    np.testing.assert_allclose(df(z), gin[0], rtol=1e-12)


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_activation_fn_dtype_and_plain_inputs(name):
    f, df = activation_fn(name)
    z = np.linspace(-2, 2, 9, dtype=np.float32)
    assert f(z).dtype == np.float32 and df(z).dtype == np.float32
    assert f(z).shape == df(z).shape == (9,)
    assert np.shape(f(0.5)) == () and np.isfinite(df([-1, 0, 1])).all()


def test_leaky_alpha_in_activation_fn():
    f, df = activation_fn("leaky_relu", alpha=0.1)
    np.testing.assert_allclose(f(np.array([-2.0, 3.0])), [-0.2, 3.0])
    np.testing.assert_allclose(df(np.array([-2.0, 3.0])), [0.1, 1.0])


@settings(max_examples=25, deadline=None)
@given(z=hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=3, max_side=4),
                    elements=st.floats(-50, 50)),
       name=st.sampled_from(["sigmoid", "tanh", "softmax", "log_softmax"]))
def test_bounded_outputs(z, name):
    out, _ = op_forward(name, [z])
    assert np.isfinite(out).all()
    if name in ("sigmoid", "softmax"):
        assert ((out >= 0) & (out <= 1)).all()
    elif name == "tanh":
        assert (np.abs(out) <= 1).all()
    else:
        assert (out <= 1e-12).all()
