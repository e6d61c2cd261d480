"""The gradient check at a trained point: tiny gradients whose finite differences are mostly
rounding noise are 'floor', never 'wrong'; a wrong backward pass is still 'wrong' there, even
when its gradients are tiny, and a check that compares only the gradients' norms fails here."""
from __future__ import annotations

import numpy as np
import pytest

from engine import Graph
from engine.examples import build
from engine.gradcheck import CHECK, GOOD, ParamCheck, gradient_check, summary
from engine.ops import REGISTRY
from engine.training import TrainConfig, Trainer


def _trained(name: str, epochs: int, seed: int, dtype: str = "float32"):
    """An example trained with mini-batch Adam, as the app trains it; its data, whose first
    examples the gradient check dock feeds."""
    graph, ds, _ = build(name)
    cfg = TrainConfig(optimizer="adam", lr=0.01, batch_size=32, epochs=epochs, seed=seed,
                      dtype=dtype)
    trainer = Trainer(graph, ds, None, cfg)
    trainer.run()
    return graph, ds, trainer.history.train_cost[-1]


@pytest.fixture(scope="module")
def xor():
    graph, ds, cost = _trained("xor_mlp", 300, 1)
    assert cost < 1e-4                      # near zero: the point where the check used to fail
    return graph, {k: ds[k][:4] for k in ("x", "y")}


@pytest.fixture(scope="module")
def cnn():
    graph, ds, cost = _trained("small_cnn", 100, 0, "float64")
    assert cost < 1e-3
    return graph, {k: ds[k][:4] for k in ("x", "y")}


def _scaled_dense_dw(monkeypatch, factor: float) -> None:
    """Make every dense layer's ∂J/∂W ``factor`` times what it should be."""
    op = REGISTRY["dense"]
    right = op.backward

    def scaled(*args, **kwargs):
        grads, wgrads = right(*args, **kwargs)
        return grads, {k: (factor * g if k == "W" else g) for k, g in wgrads.items()}

    monkeypatch.setattr(op, "backward", scaled)


@pytest.mark.parametrize("net", ["xor", "cnn"])
def test_trained_nets_are_never_wrong_or_look_closer(net, request):
    graph, feeds = request.getfixturevalue(net)
    checks = gradient_check(graph, feeds)
    verdicts = {c.verdict for c in checks}
    assert verdicts <= {"good", "floor"}, summary(checks)
    assert all(c.entries_checked > 0 for c in checks)
    for c in checks:
        assert c.eps == 1e-6 and 0 < c.noise_floor
        assert c.difference == pytest.approx(c.rel_error * (c.analytical_norm
                                                            + c.numerical_norm), rel=1e-9)


@pytest.mark.parametrize("net", ["xor", "cnn"])
def test_trained_nets_need_the_floor(net, request):
    """The same differences judged by the relative error alone fail at least one array: the
    nets are at the point where the plain check called right gradients wrong."""
    graph, feeds = request.getfixturevalue(net)
    checks = gradient_check(graph, feeds)
    assert max(c.rel_error for c in checks) > GOOD, summary(checks)
    assert "floor" in {c.verdict for c in checks}


def test_trained_xor_fails_the_plain_relative_thresholds(xor):
    checks = gradient_check(*xor)
    assert max(c.rel_error for c in checks) > CHECK, summary(checks)


@pytest.mark.parametrize("factor", [-1.0, 1.01])
@pytest.mark.parametrize("net", ["xor", "cnn"])
def test_sign_flipped_or_one_percent_scaled_dense_dw_is_wrong_when_trained(net, factor,
                                                                           request, monkeypatch):
    graph, feeds = request.getfixturevalue(net)
    _scaled_dense_dw(monkeypatch, factor)
    checks = gradient_check(graph, feeds)
    dense_w = [c for c in checks if graph.nodes[c.node].op == "dense" and c.array == "W"]
    assert dense_w and all(c.verdict == "wrong" for c in dense_w), summary(checks)
    others = [c for c in checks if c not in dense_w]
    assert others and all(c.verdict in ("good", "floor") for c in others), summary(checks)


def test_sign_flip_keeps_the_norms_but_is_wrong(xor, monkeypatch):
    """A check of ‖a‖ against ‖n‖ alone would call a sign-flipped gradient perfect."""
    graph, feeds = xor
    _scaled_dense_dw(monkeypatch, -1.0)
    checks = [c for c in gradient_check(graph, feeds) if c.array == "W"]
    for c in checks:
        assert c.analytical_norm == pytest.approx(c.numerical_norm, rel=1e-2)
        assert c.rel_error > 0.99 and c.verdict == "wrong"


def _tiny_graph(scale: float) -> tuple[Graph, dict]:
    """J = scale · mse(dense(x), y): every gradient is ``scale`` times an ordinary one."""
    g = Graph(seed=2)
    x = g.add_node("input", {"shape": (None, 3)}, name="x")
    y = g.add_node("input", {"shape": (None, 2)}, name="y")
    d = g.add_node("dense", {"units": 2, "activation": "tanh"}, name="d")
    m = g.add_node("mse", name="mse")
    k = g.add_node("constant", {"value": scale}, name="k")
    j = g.add_node("multiply", name="J")
    g.connect(x, d, 0)
    g.connect(d, m, 0)
    g.connect(y, m, 1)
    g.connect(k, j, 0)
    g.connect(m, j, 1)
    rng = np.random.default_rng(0)
    return g, {"x": rng.standard_normal((5, 3)), "y": rng.standard_normal((5, 2))}


def test_a_tiny_wrong_gradient_is_still_wrong(monkeypatch):
    g, feeds = _tiny_graph(1e-9)
    right = {c.array: c for c in gradient_check(g, feeds)}
    assert right["W"].analytical_norm < 1e-8
    assert right["W"].verdict in ("good", "floor") and right["b"].verdict in ("good", "floor")
    _scaled_dense_dw(monkeypatch, 1.01)
    wrong = {c.array: c for c in gradient_check(g, feeds)}
    assert wrong["W"].verdict == "wrong", summary(list(wrong.values()))
    assert wrong["b"].verdict in ("good", "floor")


def test_the_floor_grows_with_the_noise_of_j():
    """The same graph at a cost 1e6 times larger (an added constant) computes J with 1e6 times
    more rounding error per step: its floor rises, while the gradient stays the same."""
    g, feeds = _tiny_graph(1.0)
    quiet = {c.array: c for c in gradient_check(g, feeds)}
    off = g.add_node("constant", {"value": 1e6}, name="offset")
    total = g.add_node("add", name="J2")
    g.connect(g.by_name("J"), total, 0)
    g.connect(off, total, 1)
    loud = {c.array: c for c in gradient_check(g, feeds, target="J2")}
    for k in ("W", "b"):
        assert loud[k].analytical_norm == pytest.approx(quiet[k].analytical_norm, rel=1e-12)
        assert loud[k].noise_floor > 1e3 * quiet[k].noise_floor
        assert loud[k].verdict in ("good", "floor") and quiet[k].verdict == "good"


def test_floor_verdict_sits_between_good_and_check():
    def pc(rel: float, diff: float, floor: float) -> ParamCheck:
        return ParamCheck("n1", "W", "value", 1e-6, 1e-6, rel, 4, 0, diff, floor)

    assert pc(5e-8, 1e-13, 1e-12).verdict == "good"
    assert pc(1e-3, 2e-9, 3e-9).verdict == "floor"            # all of it within the floor
    assert pc(1e-3, 2e-9, 2e-9 - 1e-16).verdict == "floor"    # what is left is below 1e-7
    assert pc(1e-3, 2e-9, 2e-9 - 1e-11).verdict == "check"    # 5e-6 of ‖a‖ + ‖n‖ left
    assert pc(1e-3, 2e-9, 1e-10).verdict == "wrong"
    assert pc(1e-3, 2e-9, 0.0).verdict == "wrong"
    assert GOOD < CHECK


def test_eps_is_checked():
    g, feeds = _tiny_graph(1.0)
    for bad in (0.0, -1e-6, float("nan"), 2.0):
        with pytest.raises(ValueError, match="ε"):
            gradient_check(g, feeds, eps=bad)
    assert {c.eps for c in gradient_check(g, feeds, eps=1e-5)} == {1e-5}


def test_a_cost_rounded_to_exactly_zero_is_at_the_floor(xor):
    """Trained further, a net's logit margins grow until log(1 + e^-margin) rounds to 0 in
    float64: J is exactly 0 and does not move within ±2ε, while backprop still finds tiny
    gradients. Only the forward's own error (measured in extended precision) says how coarse J
    is; the check must call this the floor, not wrong."""
    from engine.executor import Executor
    graph, feeds = xor
    g = graph.copy()
    last = g.by_name("dense3")
    g.set_weights(last, {k: 6.0 * v for k, v in g.nodes[last].weights.items()})
    cost, grads = Executor(g.copy(), dtype=np.float64).run(feeds, training=False)
    assert float(cost) == 0.0 and any(np.abs(v).max() > 0 for v in grads.values())
    checks = gradient_check(g, feeds)
    assert {c.verdict for c in checks} <= {"good", "floor"}, summary(checks)
    assert all(c.numerical_norm == 0.0 for c in checks)


def test_progress_counts_every_pass_and_a_stop_cancels():
    from engine.gradcheck import CheckCancelled
    g, feeds = _tiny_graph(1.0)
    seen = []
    checks = gradient_check(g, feeds, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen == sorted(seen) and seen[-1][0] == seen[-1][1]
    # W has 6 entries and b 2: each at ±ε, and all of them (fewer than 16) at ±2ε too
    assert seen[-1][1] == 4 * sum(c.entries_checked + c.kinks + c.unmoved for c in checks) == 32
    before = g.weight_snapshot()
    answers = iter([False, True])                  # go on after the first entry, then stop
    with pytest.raises(CheckCancelled, match="stopped after 8 of 32"):
        gradient_check(g, feeds, should_stop=lambda: next(answers))
    after = g.weight_snapshot()
    assert all(np.array_equal(before[k], after[k]) for k in before)
