"""Loops vs vectorized: both steps compute the same gradient step as a hand-written NumPy
reference, and the comparison times both on the current data."""
import numpy as np
import pytest

from engine.data.digits import digits
from engine.data.loops import (LOOP_CODE, VECTOR_CODE, binary_task, compare, step_loops,
                               step_vectorized)
from engine.training import Dataset


def reference(w, b, X, y, lr):
    z = X @ w + b
    a = 1 / (1 + np.exp(-z))
    cost = -np.mean(y * np.log(a) + (1 - y) * np.log(1 - a))
    return w - lr * X.T @ (a - y) / len(y), b - lr * np.mean(a - y), cost


def test_both_steps_match_the_reference():
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(40, 5)), (rng.random(40) > 0.5).astype(float)
    w, b = rng.normal(size=5), 0.3
    rw, rb, rc = reference(w, b, X, y, 0.5)
    lw, lb, lc = step_loops(w.tolist(), b, X.tolist(), y.tolist(), 0.5)
    vw, vb, vc = step_vectorized(w, b, X, y, 0.5)
    for got_w, got_b, got_c in ((np.array(lw), lb, lc), (vw, vb, vc)):
        np.testing.assert_allclose(got_w, rw, rtol=1e-10)
        assert abs(got_b - rb) < 1e-10 and abs(got_c - rc) < 1e-10


def test_compare_runs_on_the_data_and_agrees():
    c = compare(digits(limit=300), repeats=1)
    assert (c.examples, c.features) == (300, 64)
    assert c.max_difference < 1e-10
    assert c.loop_s > 0 and c.vector_s > 0 and c.speedup > 1
    assert c.task == "class 1 against the rest"
    assert "for i in range(n)" in LOOP_CODE and "X.T @ dz" in VECTOR_CODE


def test_binary_task_from_classes_and_targets():
    ds = Dataset({"x": np.zeros((4, 2)), "y": np.array([0, 1, 2, 1])})
    np.testing.assert_array_equal(binary_task(ds)[1], [0, 1, 0, 1])
    reg = Dataset({"x": np.zeros((4, 2)), "y": np.array([[1.0], [5.0], [2.0], [7.0]])})
    np.testing.assert_array_equal(binary_task(reg)[1], [0, 1, 0, 1])


def test_word_ids_are_not_features():
    with pytest.raises(ValueError, match="ids"):
        binary_task(Dataset({"x": np.arange(4), "y": np.arange(4)}))
