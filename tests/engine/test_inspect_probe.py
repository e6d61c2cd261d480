"""The probe's values, pre-activations and gradients equal an independent NumPy computation."""
from __future__ import annotations

import numpy as np
import pytest

from engine.examples import build
from engine.executor import ExecutionError, Executor
from engine.inspect.probe import Probe


def _manual(g, x):
    """Plain NumPy forward of the 2-16-16-2 ReLU network: (z1, a1, z2, a2, z3)."""
    w = {g.nodes[n].name: g.nodes[n].weights for n in g.nodes}
    z1 = x @ w["dense1"]["W"].T + w["dense1"]["b"]
    a1 = np.maximum(z1, 0)
    z2 = a1 @ w["dense2"]["W"].T + w["dense2"]["b"]
    a2 = np.maximum(z2, 0)
    z3 = a2 @ w["dense3"]["W"].T + w["dense3"]["b"]
    return z1, a1, z2, a2, z3


@pytest.fixture
def xor():
    g, ds, _ = build("xor_mlp", seed=3)
    return g, ds, {g.nodes[n].name: n for n in g.nodes}


def test_forward_values_and_pre_activations_match_numpy(xor):
    g, ds, ids = xor
    x = ds["x"][:50].astype(np.float64)
    cap = Probe(g).forward({"x": x}, [ids["dense3"]])
    z1, a1, z2, a2, z3 = _manual(g, x)
    np.testing.assert_allclose(cap.values[ids["dense1"]], a1, atol=1e-12)
    np.testing.assert_allclose(cap.pre[ids["dense1"]], z1, atol=1e-12)
    np.testing.assert_allclose(cap.values[ids["dense2"]], a2, atol=1e-12)
    np.testing.assert_allclose(cap.pre[ids["dense2"]], z2, atol=1e-12)
    np.testing.assert_allclose(cap.values[ids["dense3"]], z3, atol=1e-12)
    assert ids["J"] not in cap.values   # labels were not fed: the loss is not computed


def test_backward_gradients_match_softmax_ce_and_the_executor(xor):
    g, ds, ids = xor
    x, y = ds["x"][:64].astype(np.float64), ds["y"][:64]
    cap = Probe(g).backward({"x": x, "y": y})
    z1, a1, z2, a2, z3 = _manual(g, x)
    p = np.exp(z3 - z3.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    onehot = np.eye(2)[y]
    np.testing.assert_allclose(cap.grads[ids["dense3"]], (p - onehot) / len(x), atol=1e-12)
    assert cap.cost == pytest.approx(float(-np.log(p[np.arange(len(y)), y]).mean()), abs=1e-12)
    # dJ/dW1 = (dJ/da1 · relu'(z1))ᵀ x must be what the executor computes for training
    dz1 = cap.grads[ids["dense1"]] * (z1 > 0)
    _, wgrads = Executor(g.copy(), dtype=np.float64).run({"x": x, "y": y})
    np.testing.assert_allclose(dz1.T @ x, wgrads[(ids["dense1"], "W")], atol=1e-12)


def test_weights_override_is_used_and_graph_left_alone(xor):
    g, ds, ids = xor
    x = ds["x"][:20].astype(np.float64)
    before = g.nodes[ids["dense1"]].weights["W"].copy()
    W = np.random.default_rng(1).standard_normal(before.shape)
    cap = Probe(g).forward({"x": x}, [ids["dense1"]], {(ids["dense1"], "W"): W})
    expect = np.maximum(x @ W.T + g.nodes[ids["dense1"]].weights["b"], 0)
    np.testing.assert_allclose(cap.values[ids["dense1"]], expect, atol=1e-12)
    np.testing.assert_array_equal(g.nodes[ids["dense1"]].weights["W"], before)


def test_missing_and_misshapen_feeds_name_the_input(xor):
    g, ds, ids = xor
    probe = Probe(g)
    with pytest.raises(ExecutionError, match="input x has no data"):
        probe.forward({}, [ids["dense1"]])
    with pytest.raises(ExecutionError, match="x"):
        probe.forward({"x": np.zeros((5, 3))}, [ids["dense1"]])


def test_probe_notices_structural_edits(xor):
    g, _, ids = xor
    probe = Probe(g)
    assert not probe.stale
    g.set_param(ids["dense1"], "units", 8)
    assert probe.stale


def test_a_layer_feeding_two_others_gets_the_sum_of_their_gradients():
    from engine.graph import Graph
    g = Graph(0)
    x = g.add_node("input", {"shape": (None, 3)}, name="x")
    h = g.add_node("dense", {"units": 4, "activation": "tanh"}, name="h")
    g.connect(x, h, 0)
    outs = []
    for name in ("o1", "o2"):
        o = g.add_node("dense", {"units": 1}, name=name)
        g.connect(h, o, 0)
        outs.append(o)
    s = g.add_node("add", {}, name="s")
    g.connect(outs[0], s, 0)
    g.connect(outs[1], s, 1)
    y = g.add_node("input", {"shape": (None, 1)}, name="y")
    j = g.add_node("mse", {}, name="J")
    g.connect(s, j, 0)
    g.connect(y, j, 1)
    rng = np.random.default_rng(0)
    feeds = {"x": rng.standard_normal((30, 3)), "y": rng.standard_normal((30, 1))}
    cap = Probe(g).backward(feeds)
    ds = cap.grads[s]
    expect = ds @ g.nodes[outs[0]].weights["W"] + ds @ g.nodes[outs[1]].weights["W"]
    np.testing.assert_allclose(cap.grads[h], expect, atol=1e-12)
    _, wg = Executor(g.copy(), dtype=np.float64).run(feeds)
    a = cap.values[h]
    np.testing.assert_allclose((cap.grads[h] * (1 - a * a)).T @ feeds["x"], wg[(h, "W")],
                               atol=1e-12)
