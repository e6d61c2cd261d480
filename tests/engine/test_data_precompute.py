"""Precomputed features equal the frozen part's outputs, and the head graph on them computes
what the whole graph computes."""
import numpy as np
import pytest

from engine.data.precompute import head_graph, node_values, precompute_features
from engine.executor import Executor
from engine.graph import Graph, GraphError
from engine.training import Dataset


def build():
    g = Graph(3)
    x = g.add_node("input", {"shape": (None, 4)}, name="x")
    h1 = g.add_node("dense", {"units": 5, "activation": "relu"}, name="frozen1")
    h2 = g.add_node("dense", {"units": 3, "activation": "tanh"}, name="feat")
    z = g.add_node("dense", {"units": 2, "activation": "identity"}, name="head")
    y = g.add_node("input", {"shape": (None,), "dtype": "int"}, name="y")
    j = g.add_node("softmax_ce", {}, name="J")
    for s, d, p in [(x, h1, 0), (h1, h2, 0), (h2, z, 0), (z, j, 0), (y, j, 1)]:
        g.connect(s, d, p)
    g.set_frozen(h1, True)
    g.set_frozen(h2, True)
    rng = np.random.default_rng(0)
    data = Dataset({"x": rng.normal(size=(37, 4)).astype(np.float32),
                    "y": rng.integers(0, 2, 37)}, "toy")
    return g, data


def numpy_features(g, x):
    w1, w2 = g.nodes[g.by_name("frozen1")].weights, g.nodes[g.by_name("feat")].weights
    a1 = np.maximum(x @ w1["W"].T + w1["b"], 0)
    return np.tanh(a1 @ w2["W"].T + w2["b"])


def test_precomputed_features_equal_the_frozen_layers_in_numpy():
    g, data = build()
    head, feats = precompute_features(g, data, "feat")
    np.testing.assert_allclose(feats["feat"], numpy_features(g, data["x"].astype(np.float64)),
                               rtol=1e-5, atol=1e-6)
    assert feats["feat"].dtype == np.float32 and feats["feat"].shape == (37, 3)
    np.testing.assert_array_equal(feats["y"], data["y"])     # labels travel unchanged


def test_node_values_in_chunks_equal_one_pass():
    g, data = build()
    np.testing.assert_allclose(node_values(g, data, "frozen1", chunk=5),
                               node_values(g, data, "frozen1", chunk=1000))


def test_head_graph_on_features_gives_the_same_cost():
    g, data = build()
    head, feats = precompute_features(g, data, "feat")
    names = sorted(n.name for n in head.nodes.values())
    assert names == ["J", "feat", "head", "y"]
    assert head.nodes[head.by_name("feat")].op == "input"
    np.testing.assert_array_equal(head.nodes[head.by_name("head")].weights["W"],
                                  g.nodes[g.by_name("head")].weights["W"])
    full, _ = Executor(g.copy()).run({"x": data["x"], "y": data["y"]}, training=False,
                                     backward=False)
    part, _ = Executor(head).run({"feat": feats["feat"], "y": feats["y"]}, training=False,
                                 backward=False)
    assert abs(float(full) - float(part)) < 1e-5


def test_the_original_graph_is_untouched():
    g, data = build()
    before = {k: v.copy() for k, v in g.weight_snapshot().items()}
    precompute_features(g, data, "feat")
    assert sorted(n.name for n in g.nodes.values()) == ["J", "feat", "frozen1", "head", "x", "y"]
    for k, v in g.weight_snapshot().items():
        np.testing.assert_array_equal(v, before[k])
        assert v.dtype == before[k].dtype


def test_a_cut_the_head_bypasses_is_refused():
    g, _ = build()
    extra = g.add_node("add", {}, name="skip")
    g.disconnect(g.by_name("head"), 0)
    g.connect(g.by_name("feat"), extra, 0)
    g.connect(g.by_name("frozen1"), extra, 1)     # shapes differ; the cut check comes first
    with pytest.raises(GraphError, match="also reads frozen1"):
        head_graph(g, "feat")


def test_cutting_at_the_cost_is_refused():
    g, _ = build()
    with pytest.raises(GraphError, match="single number"):
        head_graph(g, "J")
