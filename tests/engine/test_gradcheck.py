"""Gradient checking on small graphs: passes on right math, flags wrong math, leaves the graph."""
from __future__ import annotations

import numpy as np
import pytest

from engine import ExecutionError, Graph
from engine.gradcheck import ParamCheck, gradient_check, summary
from engine.ops import REGISTRY


def _linear_graph(loss: str = "bce_logits", scale: bool = True) -> Graph:
    """x (N,3) @ W (3,1) + b (1,), optionally * s (1,), into ``loss`` against y (N,1)."""
    g = Graph(seed=3)
    x = g.add_node("input", {"shape": (None, 3)}, name="x")
    y = g.add_node("input", {"shape": (None, 1)}, name="y")
    w = g.add_node("parameter", {"shape": (3, 1)}, name="W")
    b = g.add_node("parameter", {"shape": (1,), "init": "normal"}, name="b")
    m = g.add_node("matmul", name="xW")
    g.connect(x, m, 0)
    g.connect(w, m, 1)
    z = g.add_node("add", name="z")
    g.connect(m, z, 0)
    g.connect(b, z, 1)
    if scale:
        s = g.add_node("parameter", {"shape": (1,), "init": "ones"}, name="s")
        zs = g.add_node("multiply", name="zs")
        g.connect(z, zs, 0)
        g.connect(s, zs, 1)
        z = zs
    cost = g.add_node(loss, name="cost")
    g.connect(z, cost, 0)
    g.connect(y, cost, 1)
    g.set_weights(g.by_name("b"), {"value": np.array([0.3])})
    return g


def _feeds(n: int = 6, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    return {"x": rng.standard_normal((n, 3)), "y": (rng.random((n, 1)) > 0.5).astype(float)}


@pytest.mark.parametrize("loss", ["bce_logits", "mse"])
def test_correct_graph_is_all_good(loss):
    checks = gradient_check(_linear_graph(loss), _feeds())
    assert [(c.node_name, c.array) for c in checks] == [("W", "value"), ("b", "value"),
                                                        ("s", "value")]
    for c in checks:
        assert c.verdict == "good", summary(checks)
        assert c.analytical_norm > 0 and c.entries_checked >= 1
        assert c.numerical_norm == pytest.approx(c.analytical_norm, rel=1e-6)


def test_wrong_derivative_is_flagged(monkeypatch):
    op = REGISTRY["multiply"]
    right = op.backward

    def off_by_ten_percent(*args, **kwargs):
        grads, wgrads = right(*args, **kwargs)
        return [None if g is None else 1.1 * g for g in grads], wgrads

    monkeypatch.setattr(op, "backward", off_by_ten_percent)
    checks = gradient_check(_linear_graph(), _feeds())
    assert {c.node_name: c.verdict for c in checks} == {"W": "wrong", "b": "wrong", "s": "wrong"}
    assert all(c.rel_error > 1e-2 for c in checks)


def test_frozen_arrays_are_skipped():
    g = _linear_graph()
    g.set_frozen(g.by_name("W"), True)
    checks = gradient_check(g, _feeds())
    assert [c.node_name for c in checks] == ["b", "s"]
    assert all(c.verdict == "good" for c in checks)


def test_user_graph_is_unchanged():
    g = _linear_graph()
    for n in g.nodes.values():       # float32 arrays, as training would leave them
        for k, v in n.weights.items():
            n.weights[k] = v.astype(np.float32)
    before = g.weight_snapshot()
    version, rng_state = g.version, g.rng.bit_generator.state
    gradient_check(g, _feeds())
    after = g.weight_snapshot()
    assert before.keys() == after.keys()
    for k in before:
        assert after[k].dtype == np.float32
        np.testing.assert_array_equal(after[k], before[k])
    assert g.version == version and g.rng.bit_generator.state == rng_state


def test_large_arrays_are_sampled_reproducibly():
    g = Graph()
    x = g.add_node("input", {"shape": (None, 10)}, name="x")
    y = g.add_node("input", {"shape": (None, 12)}, name="y")
    w = g.add_node("parameter", {"shape": (10, 12)}, name="W")
    m = g.add_node("matmul")
    g.connect(x, m, 0)
    g.connect(w, m, 1)
    cost = g.add_node("mse")
    g.connect(m, cost, 0)
    g.connect(y, cost, 1)
    rng = np.random.default_rng(1)
    feeds = {"x": rng.standard_normal((4, 10)), "y": rng.standard_normal((4, 12))}
    first = gradient_check(g, feeds, max_entries=20, seed=5)
    again = gradient_check(g, feeds, max_entries=20, seed=5)
    assert first == again
    (c,) = first
    assert c.entries_checked == 20 and c.verdict == "good"
    assert gradient_check(g, feeds, max_entries=200)[0].entries_checked == 120


def test_scalar_parameters_and_l2_penalty():
    g = _linear_graph("bce_logits", scale=False)
    r = g.add_node("l2_penalty", {"lam": 0.5}, name="R")
    g.connect(g.by_name("W"), r, 0)
    g.connect(g.by_name("b"), r, 1)
    total = g.add_node("add", name="J")
    g.connect(g.by_name("cost"), total, 0)
    g.connect(r, total, 1)
    checks = gradient_check(g, _feeds(), target="J")
    assert [c.verdict for c in checks] == ["good", "good"]


def test_paramcheck_verdicts():
    def pc(err: float) -> ParamCheck:
        return ParamCheck("n1", "W", "value", 1.0, 1.0, err, 3)

    assert pc(0.0).verdict == "good"
    assert pc(5e-8).verdict == "good"
    assert pc(5e-6).verdict == "check"
    assert pc(1e-3).verdict == "wrong"
    with pytest.raises(AttributeError):
        pc(0.0).rel_error = 1.0  # frozen


def test_no_cost_is_refused():
    g = Graph()
    x = g.add_node("input", {"shape": (None, 3)}, name="x")
    w = g.add_node("parameter", {"shape": (3, 2)}, name="W")
    m = g.add_node("matmul")
    g.connect(x, m, 0)
    g.connect(w, m, 1)
    with pytest.raises(ExecutionError, match="cost"):
        gradient_check(g, {"x": np.ones((2, 3))})


def test_relu_kinks_are_left_out_not_called_wrong():
    """A zero bias over zero inputs puts every ReLU at its kink: the central difference there
    averages two slopes, so those entries are left out (counted) instead of flagged."""
    g = Graph()
    x = g.add_node("input", {"shape": (None, 3)}, name="x")
    y = g.add_node("input", {"shape": (None, 4)}, name="y")
    d = g.add_node("dense", {"units": 4, "activation": "relu"}, name="d")
    j = g.add_node("mse", name="J")
    g.connect(x, d, 0)
    g.connect(d, j, 0)
    g.connect(y, j, 1)
    feeds = {"x": np.zeros((5, 3)), "y": -np.ones((5, 4))}
    checks = {c.array: c for c in gradient_check(g, feeds)}
    b = checks["b"]
    assert b.kinks == 4 and b.entries_checked == 0 and b.verdict == "kink"
    # away from the kink the same array is compared, and is right
    g.set_weights(d, {"b": np.full(4, 0.5)})
    b = {c.array: c for c in gradient_check(g, feeds)}["b"]
    assert b.kinks == 0 and b.entries_checked == 4 and b.verdict == "good"
