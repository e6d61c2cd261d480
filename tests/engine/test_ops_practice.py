"""practice_dense: with no mistake it is the dense layer (forward against NumPy, gradients against
finite differences); each mistake leaves the forward pass alone and makes exactly the gradient
it names wrong."""
from __future__ import annotations

import numpy as np
import pytest

from engine.ops import ParamError, get_op
from engine.ops.practice import MISTAKES
from tests.engine.opcheck import check_op_grads, numeric_grad, op_forward, op_grads, rel_error

ACTS = {
    "identity": lambda z: z,
    "relu": lambda z: np.maximum(z, 0),
    "leaky_relu": lambda z: np.where(z > 0, z, 0.01 * z),
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "tanh": np.tanh,
}
N, IN, UNITS = 5, 3, 4


def _case(seed: int = 0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((N, IN))
    w = {"W": rng.standard_normal((UNITS, IN)), "b": rng.standard_normal(UNITS)}
    return x, w


@pytest.mark.parametrize("mistake", MISTAKES)
@pytest.mark.parametrize("act", list(ACTS))
def test_forward_is_dense_whatever_the_mistake(act, mistake):
    x, w = _case()
    out, cache = op_forward("practice_dense", [x], {"units": UNITS, "activation": act,
                                                    "mistake": mistake}, w)
    z = x @ w["W"].T + w["b"]
    np.testing.assert_allclose(cache["z"], z, atol=1e-12)
    np.testing.assert_allclose(out, ACTS[act](z), atol=1e-12)


@pytest.mark.parametrize("act", list(ACTS))
@pytest.mark.parametrize("bias", [True, False])
def test_correct_setting_passes_the_gradient_check(act, bias):
    x, w = _case(1)
    if not bias:
        del w["b"]
    check_op_grads("practice_dense", [x], {"units": UNITS, "activation": act, "bias": bias},
                   weights=w)


def test_correct_setting_with_leading_axes():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((2, 3, IN))
    w = {"W": rng.standard_normal((UNITS, IN)), "b": rng.standard_normal(UNITS)}
    check_op_grads("practice_dense", [x], {"units": UNITS, "activation": "tanh"}, weights=w)


def _errors(mistake: str, act: str = "tanh") -> dict[str, float]:
    """Relative error of each gradient (x, W, b) against finite differences of sum(out · R)."""
    x, w = _case(3)
    params = {"units": UNITS, "activation": act, "mistake": mistake}
    r = np.random.default_rng(9).standard_normal((N, UNITS))

    def f():
        return float(np.sum(op_forward("practice_dense", [x], params, w)[0] * r))

    (gx,), gw = op_grads("practice_dense", [x], r, params, w)
    return {"x": rel_error(gx, numeric_grad(f, x)),
            "W": rel_error(gw["W"], numeric_grad(f, w["W"])),
            "b": rel_error(gw["b"], numeric_grad(f, w["b"]))}


# the gradients each mistake spoils; every other one must stay right
SPOILS = {
    "none": set(),
    "wrong_sign": {"W"},
    "no_transpose": {"W"},
    "db_mean": {"b"},
    "no_derivative": {"x", "W", "b"},
    "no_dx": {"x"},
}


def test_every_mistake_is_listed():
    assert set(SPOILS) == set(MISTAKES)


@pytest.mark.parametrize("mistake", MISTAKES)
def test_each_mistake_spoils_exactly_its_gradients(mistake):
    errors = _errors(mistake)
    wrong = {k for k, e in errors.items() if e > 1e-3}
    right = {k for k, e in errors.items() if e < 1e-7}
    assert wrong == SPOILS[mistake], errors
    assert right == {"x", "W", "b"} - SPOILS[mistake], errors


def test_the_mistakes_are_the_named_ones():
    """Each broken gradient equals the named formula applied to the correct ones."""
    x, w = _case(4)
    r = np.random.default_rng(5).standard_normal((N, UNITS))
    base = {"units": UNITS, "activation": "tanh"}
    (gx, ), gw = op_grads("practice_dense", [x], r, {**base, "mistake": "none"}, w)
    dz = r * (1 - np.tanh(x @ w["W"].T + w["b"]) ** 2)
    np.testing.assert_allclose(gw["W"], dz.T @ x, atol=1e-12)
    _, sign = op_grads("practice_dense", [x], r, {**base, "mistake": "wrong_sign"}, w)
    np.testing.assert_allclose(sign["W"], -(dz.T @ x), atol=1e-12)
    _, resh = op_grads("practice_dense", [x], r, {**base, "mistake": "no_transpose"}, w)
    np.testing.assert_allclose(resh["W"], (x.T @ dz).reshape(UNITS, IN), atol=1e-12)
    _, mean = op_grads("practice_dense", [x], r, {**base, "mistake": "db_mean"}, w)
    np.testing.assert_allclose(mean["b"], gw["b"] / N, atol=1e-12)
    _, nod = op_grads("practice_dense", [x], r, {**base, "mistake": "no_derivative"}, w)
    np.testing.assert_allclose(nod["W"], r.T @ x, atol=1e-12)
    (gx0,), _ = op_grads("practice_dense", [x], r, {**base, "mistake": "no_dx"}, w)
    assert gx0.shape == x.shape and not gx0.any() and gx.any()


def test_forgetting_the_derivative_of_identity_is_no_mistake():
    errors = _errors("no_derivative", act="identity")
    assert max(errors.values()) < 1e-7


def test_unknown_mistake_is_refused_with_the_choices():
    with pytest.raises(ParamError) as e:
        get_op("practice_dense").validate_params({"mistake": "typo"})
    assert "mistake" in str(e.value) and "wrong_sign" in str(e.value)


def test_same_shape_rule_and_weights_as_dense():
    op, dense = get_op("practice_dense"), get_op("dense")
    p = op.validate_params({"units": 7})
    assert op.infer_shape(p, [(None, 3)]) == (None, 7)
    same = dense.weight_specs(dense.validate_params({"units": 7}), [(None, 3)])
    assert op.weight_specs(p, [(None, 3)]) == same
