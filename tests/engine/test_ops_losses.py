"""Losses: forward against plain NumPy references, gradients against finite differences."""
from __future__ import annotations

import numpy as np
import pytest

from engine.ops import ShapeError, get_op
from engine.ops.losses import EPS_CLIP, accuracy
from tests.engine.opcheck import check_op_grads, op_forward, op_grads

RNG = np.random.default_rng(7)
REDUCTIONS = ("mean", "none")


def _reduce(per: np.ndarray, reduction: str) -> np.ndarray:
    return per.mean() if reduction == "mean" else per


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


# -- forward against references ---------------------------------------------------------------
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", [(5,), (5, 1), (4, 3), (2, 3, 2)])
def test_mse_forward(reduction, shape):
    p, y = RNG.standard_normal(shape), RNG.standard_normal(shape)
    out, _ = op_forward("mse", [p, y], {"reduction": reduction})
    per = ((p - y) ** 2).reshape(shape[0], -1).mean(axis=1)
    np.testing.assert_allclose(out, _reduce(per, reduction), rtol=1e-12)
    assert out.shape == (() if reduction == "mean" else (shape[0],))


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", [(6,), (6, 1)])
def test_bce_logits_forward(reduction, shape):
    z = RNG.standard_normal(shape) * 3
    y = (RNG.random(shape) > 0.5).astype(float)
    out, _ = op_forward("bce_logits", [z, y], {"reduction": reduction})
    s = _sigmoid(z)
    per = (-(y * np.log(s) + (1 - y) * np.log(1 - s))).reshape(shape[0], -1).mean(axis=1)
    np.testing.assert_allclose(out, _reduce(per, reduction), rtol=1e-10)


def test_bce_logits_extreme_logits_stay_finite():
    z = np.array([50.0, -50.0, 50.0, -50.0, 0.0])
    y = np.array([1.0, 0.0, 0.0, 1.0, 1.0])
    out, _ = op_forward("bce_logits", [z, y], {"reduction": "none"})
    np.testing.assert_allclose(out, [np.log1p(np.exp(-50)), np.log1p(np.exp(-50)), 50, 50,
                                     np.log(2)], rtol=1e-12)
    (gz, gy), _ = op_grads("bce_logits", [z, y], np.ones(5), {"reduction": "none"})
    assert np.all(np.isfinite(gz)) and np.all(np.isfinite(gy))
    np.testing.assert_allclose(gz, [0, 0, 1, -1, -0.5], atol=1e-12)
    out32, _ = op_forward("bce_logits", [z.astype(np.float32), y.astype(np.float32)])
    assert out32.dtype == np.float32 and np.isfinite(out32)


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_bce_forward_and_clipping(reduction):
    p = RNG.uniform(0.05, 0.95, (6, 1))
    y = (RNG.random((6, 1)) > 0.5).astype(float)
    out, _ = op_forward("bce", [p, y], {"reduction": reduction})
    per = -(y * np.log(p) + (1 - y) * np.log(1 - p))[:, 0]
    np.testing.assert_allclose(out, _reduce(per, reduction), rtol=1e-12)
    # saturated probabilities: a large finite loss (−log 1e-7), never inf or NaN
    sat, _ = op_forward("bce", [np.array([0.0, 1.0]), np.array([1.0, 0.0])], {"reduction": "none"})
    np.testing.assert_allclose(sat, -np.log(EPS_CLIP), rtol=1e-6)
    (gp, _), _ = op_grads("bce", [np.array([0.0, 1.0]), np.array([1.0, 0.0])], np.ones(2),
                          {"reduction": "none"})
    np.testing.assert_array_equal(gp, [0.0, 0.0])   # flat where clipped


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_softmax_ce_forward_ids_and_onehot(reduction):
    z = RNG.standard_normal((5, 4)) * 2
    ids = RNG.integers(0, 4, 5)
    per = -np.log(_softmax(z)[np.arange(5), ids])
    out_ids, _ = op_forward("softmax_ce", [z, ids], {"reduction": reduction})
    out_oh, _ = op_forward("softmax_ce", [z, np.eye(4)[ids]], {"reduction": reduction})
    np.testing.assert_allclose(out_ids, _reduce(per, reduction), rtol=1e-12)
    np.testing.assert_allclose(out_oh, _reduce(per, reduction), rtol=1e-12)


def test_softmax_ce_extreme_logits_and_bad_ids():
    z = np.array([[50.0, -50.0, 0.0], [-50.0, 50.0, 0.0]])
    out, _ = op_forward("softmax_ce", [z, np.array([1, 1])], {"reduction": "none"})
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(out, [100.0, 0.0], atol=1e-12)
    with pytest.raises(ValueError, match="out of range"):
        op_forward("softmax_ce", [z, np.array([0, 3])])


def test_float32_is_preserved():
    p32 = RNG.standard_normal((4, 3)).astype(np.float32)
    y32 = RNG.standard_normal((4, 3)).astype(np.float32)
    for name, y in [("mse", y32), ("bce_logits", (y32 > 0).astype(np.float32)),
                    ("softmax_ce", np.array([0, 1, 2, 0]))]:
        for red in REDUCTIONS:
            out, _ = op_forward(name, [p32, y], {"reduction": red})
            assert out.dtype == np.float32, (name, red)
            g = np.ones(out.shape, np.float32)
            (gp, _), _ = op_grads(name, [p32, y], g, {"reduction": red})
            assert gp.dtype == np.float32, (name, red)
    out, _ = op_forward("l2_penalty", [p32, y32])
    assert out.dtype == np.float32


# -- gradients against finite differences -----------------------------------------------------
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", [(5,), (4, 3)])
def test_mse_grads(reduction, shape):
    check_op_grads("mse", [RNG.standard_normal(shape), RNG.standard_normal(shape)],
                   {"reduction": reduction})


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", [(6,), (6, 1)])
def test_bce_logits_grads(reduction, shape):
    y = (RNG.random(shape) > 0.5).astype(float)
    check_op_grads("bce_logits", [RNG.standard_normal(shape) * 2, y], {"reduction": reduction})


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_bce_grads(reduction):
    p = RNG.uniform(0.1, 0.9, (6, 1))
    y = RNG.uniform(0, 1, (6, 1))   # soft labels: the target gradient is checked as well
    check_op_grads("bce", [p, y], {"reduction": reduction})


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_softmax_ce_grads_int_labels(reduction):
    z = RNG.standard_normal((5, 4))
    check_op_grads("softmax_ce", [z, RNG.integers(0, 4, 5)], {"reduction": reduction},
                   skip_inputs=(1,))
    (_, gy), _ = op_grads("softmax_ce", [z, RNG.integers(0, 4, 5)], np.ones(()))
    assert gy is None


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_softmax_ce_grads_onehot_and_probabilities(reduction):
    z = RNG.standard_normal((5, 4))
    check_op_grads("softmax_ce", [z, np.eye(4)[RNG.integers(0, 4, 5)]], {"reduction": reduction})
    probs = _softmax(RNG.standard_normal((5, 4)))
    check_op_grads("softmax_ce", [z, probs], {"reduction": reduction})


def test_softmax_ce_mean_gradient_is_softmax_minus_onehot_over_n():
    z = RNG.standard_normal((6, 3))
    ids = RNG.integers(0, 3, 6)
    (gz, _), _ = op_grads("softmax_ce", [z, ids], np.ones(()))
    np.testing.assert_allclose(gz, (_softmax(z) - np.eye(3)[ids]) / 6, rtol=1e-12)


def test_l2_penalty_forward_and_grads():
    a, b = RNG.standard_normal((3, 2)), RNG.standard_normal((4,))
    out, _ = op_forward("l2_penalty", [a, b], {"lam": 0.3})
    np.testing.assert_allclose(out, 0.15 * (np.sum(a ** 2) + np.sum(b ** 2)), rtol=1e-12)
    assert out.shape == ()
    check_op_grads("l2_penalty", [a, b], {"lam": 0.3})
    check_op_grads("l2_penalty", [a], {"lam": 2.0})
    (ga,), _ = op_grads("l2_penalty", [a], np.ones(()), {"lam": 0.5})
    np.testing.assert_allclose(ga, 0.5 * a)


# -- shapes and metadata ------------------------------------------------------------------------
def test_shape_rules():
    mse = get_op("mse")
    p = mse.validate_params({})
    assert mse.infer_shape(p, [(None, 3), (None, 3)]) == ()
    assert mse.infer_shape({"reduction": "none"}, [(None, 3), (8, 3)]) == (None,)
    with pytest.raises(ShapeError) as e:
        mse.infer_shape(p, [(None, 1), (None,)])
    assert e.value.port == 1 and e.value.expected == "Nx1" and e.value.found == "N"
    with pytest.raises(ShapeError) as e:
        get_op("bce").infer_shape(p, [(), ()])
    assert e.value.port == 0
    sce = get_op("softmax_ce")
    assert sce.infer_shape(p, [(None, 4), (None,)]) == ()
    assert sce.infer_shape({"reduction": "none"}, [(None, 4), (None, 4)]) == (None,)
    with pytest.raises(ShapeError) as e:
        sce.infer_shape(p, [(None, 4), (None, 3)])
    assert e.value.port == 1 and e.value.found == "Nx3"
    with pytest.raises(ShapeError) as e:
        sce.infer_shape(p, [(None,), (None,)])
    assert e.value.port == 0
    with pytest.raises(ShapeError):
        sce.infer_shape(p, [(5, 4), (6,)])
    assert get_op("l2_penalty").infer_shape({"lam": 0.1}, [(3, 2), (2,), (4, 4)]) == ()


def test_metadata():
    for name in ("mse", "bce_logits", "bce", "softmax_ce", "l2_penalty"):
        op = get_op(name)
        assert op.category == "Losses" and op.formula and op.grad_formula and op.description
    assert "(1/m) Σ L" in get_op("bce").formula
    assert get_op("l2_penalty").variadic
    assert get_op("mse").default_params() == {"reduction": "mean"}


# -- accuracy -----------------------------------------------------------------------------------
def test_accuracy():
    y = np.array([1.0, 0.0, 1.0, 0.0])
    assert accuracy("bce", np.array([0.9, 0.2, 0.4, 0.6]), y) == 0.5
    assert accuracy("bce_logits", np.array([[2.0], [-1.0], [0.5], [-3.0]]), y[:, None]) == 1.0
    assert accuracy("bce_logits", np.array([[2.0], [-1.0], [0.5], [-3.0]]), y) == 1.0
    z = np.array([[2.0, 0.1, 0.3], [0.0, 1.0, -1.0], [0.0, 0.0, 5.0]])
    assert accuracy("softmax_ce", z, np.array([0, 1, 0])) == pytest.approx(2 / 3)
    assert accuracy("softmax_ce", z, np.eye(3)[[0, 1, 2]]) == 1.0
    assert accuracy("mse", z, z) is None
    assert accuracy("l2_penalty", z, z) is None
    assert accuracy("bce", np.zeros(0), np.zeros(0)) is None
