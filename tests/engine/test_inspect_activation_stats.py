"""Layer statistics: dead and saturated units are flagged, healthy ones are not; histograms,
top examples and the activation curves agree with plain NumPy."""
from __future__ import annotations

import numpy as np
import pytest

from engine.graph import Graph
from engine.inspect import activation_stats as st
from engine.inspect.probe import Probe


def _net(activation: str) -> tuple[Graph, dict]:
    g = Graph(0)
    x = g.add_node("input", {"shape": (None, 2)}, name="x")
    h = g.add_node("dense", {"units": 3, "activation": activation}, name="hidden")
    g.connect(x, h, 0)
    o = g.add_node("dense", {"units": 1, "activation": "identity"}, name="out")
    g.connect(h, o, 0)
    y = g.add_node("input", {"shape": (None, 1)}, name="y")
    j = g.add_node("mse", {}, name="J")
    g.connect(o, j, 0)
    g.connect(y, j, 1)
    return g, {"x": x, "h": h, "o": o}


X = np.random.default_rng(0).uniform(-1, 1, (200, 2))
Y = np.random.default_rng(1).standard_normal((200, 1))


def _stats(g, ids):
    cap = Probe(g).backward({"x": X, "y": Y})
    lay = [l for l in st.layers(g) if l.nid == ids["h"]]
    return st.layer_stats(cap, lay)[0], cap


def test_dead_relu_unit_is_flagged_and_healthy_ones_are_not():
    g, ids = _net("relu")
    # unit 0: weights pointing anywhere, bias -100: z < 0 on every example (dead)
    # unit 1: a normal unit, active on about half the examples; unit 2: always active
    g.set_weights(ids["h"], {"W": np.array([[1.0, -1.0], [1.0, 0.5], [0.2, 0.1]]),
                             "b": np.array([-100.0, 0.0, 5.0])})
    s, cap = _stats(g, ids)
    assert s.dead == [0]
    assert s.saturated == []
    a = cap.values[ids["h"]]
    assert s.zero_frac == pytest.approx(np.mean(a == 0))
    assert s.act_hist[0].sum() == np.count_nonzero(a)     # zeros are counted apart
    tanh, ids2 = _net("tanh")
    t, _ = _stats(tanh, ids2)
    assert t.zero_frac == 0 and t.act_hist[0].sum() == X.shape[0] * 3   # no zeros: all counted


def test_unit_active_on_a_single_example_is_not_dead():
    g, ids = _net("relu")
    x0 = X[17]
    # a unit whose z is positive only at X[17] (the example furthest along its direction)
    d = X @ x0
    W = np.array([x0, [1.0, 0.5], [0.2, 0.1]])
    b = np.array([-(np.sort(d)[-2] + d.max()) / 2, 0.0, 5.0])
    g.set_weights(ids["h"], {"W": W, "b": b})
    s, cap = _stats(g, ids)
    assert (cap.values[ids["h"]][:, 0] > 0).sum() == 1
    assert 0 not in s.dead


@pytest.mark.parametrize("activation", ["tanh", "sigmoid"])
def test_saturated_unit_is_flagged_and_healthy_one_is_not(activation):
    g, ids = _net(activation)
    # unit 0: huge weights, |z| far beyond the flat threshold on almost every example
    # unit 1: small weights, in the steep middle; unit 2: saturated on the low side only
    g.set_weights(ids["h"], {"W": np.array([[60.0, 60.0], [0.1, 0.1], [0.0, 0.0]]),
                             "b": np.array([0.0, 0.0, -20.0])})
    s, cap = _stats(g, ids)
    assert s.saturated == [0, 2]
    a = cap.values[ids["h"]]
    flat = np.abs(a) > 0.97 if activation == "tanh" else (a > 0.97) | (a < 0.03)
    np.testing.assert_allclose(s.saturated_frac, flat.mean(0))
    assert s.dead == []   # only ReLU units can be dead


def test_saturation_needs_most_examples():
    a = np.concatenate([np.full((40, 1), 0.99), np.full((60, 1), 0.1)])
    assert st.saturated_units("tanh", a)[0] == []          # flat on 40 % of the examples
    assert st.saturated_units("tanh", -a[::-1] + 1.09)[0] == [0]   # 0.99 on 60 %, 1.09-0.99 on 40 %


def test_histograms_count_every_value_and_gradients_are_dj_da():
    g, ids = _net("tanh")
    s, cap = _stats(g, ids)
    counts, edges = s.act_hist
    assert counts.sum() == X.shape[0] * 3
    a = cap.values[ids["h"]]
    assert edges[0] == pytest.approx(a.min()) and edges[-1] == pytest.approx(a.max())
    gc, _ = s.grad_hist
    assert gc.sum() == X.shape[0] * 3
    # dJ/da of the hidden layer for J = mean((out - y)^2): 2/N (out - y) W_out
    out = cap.values[ids["o"]]
    expect = 2 / len(X) * (out - Y) @ g.nodes[ids["o"]].weights["W"]
    np.testing.assert_allclose(cap.grads[ids["h"]], expect, atol=1e-12)
    assert s.grad_rms == pytest.approx(float(np.sqrt(np.mean(expect ** 2))))
    lc, le = s.grad_log_hist
    assert lc.sum() == np.count_nonzero(expect) and le[0] == -12.0
    assert lc.argmax() == np.histogram(np.log10(np.abs(expect[expect != 0])), 64, (-12, 4))[0].argmax()
    pc, pe = s.pre_hist
    z = X @ g.nodes[ids["h"]].weights["W"].T + g.nodes[ids["h"]].weights["b"]
    assert pc.sum() == z.size and pe[0] == pytest.approx(z.min())


def test_top_examples_are_the_largest_activations_in_order():
    a = np.random.default_rng(4).standard_normal((300, 5))
    top = st.top_examples(a, 3, 7)
    np.testing.assert_array_equal(top, np.argsort(-a[:, 3])[:7])
    assert len(st.top_examples(a[:4], 0, 10)) == 4


Z = np.linspace(-6, 6, 241)


@pytest.mark.parametrize("name, ref", [
    ("relu", lambda z: np.maximum(z, 0)),
    ("sigmoid", lambda z: 1 / (1 + np.exp(-z))),
    ("tanh", np.tanh),
    ("leaky_relu", lambda z: np.where(z > 0, z, 0.01 * z)),
    ("identity", lambda z: z),
])
def test_activation_curve_and_derivative(name, ref):
    f, df = st.activation_curve(name, Z)
    np.testing.assert_allclose(f, ref(Z), atol=1e-12)
    h = 1e-6
    num = (ref(Z + h) - ref(Z - h)) / (2 * h)
    smooth = np.abs(Z) > 1e-3          # away from the kink of relu and leaky relu
    np.testing.assert_allclose(df[smooth], num[smooth], atol=1e-6)


def test_saturated_zones_start_where_the_output_reaches_the_threshold():
    (lo, a), (b, hi) = st.saturated_zones("tanh")
    assert lo == -np.inf and hi == np.inf and a == -b
    assert np.tanh(b) == pytest.approx(0.97)
    (_, a), (b, _) = st.saturated_zones("sigmoid")
    assert 1 / (1 + np.exp(-b)) == pytest.approx(0.97)
    assert st.saturated_zones("relu") == [(-np.inf, 0.0)]
    assert st.saturated_zones("identity") == []


def test_layers_lists_dense_and_activation_nodes_in_order():
    g, ids = _net("relu")
    r = g.add_node("sigmoid", {}, name="squash")
    g.connect(ids["o"], r, 0)
    names = [(l.name, l.activation, l.units) for l in st.layers(g)]
    assert names == [("hidden", "relu", 3), ("out", "identity", 1), ("squash", "sigmoid", 1)]


def test_other_nodes_with_one_row_per_example_are_layers_too():
    g, ids = _net("relu")
    d = g.add_node("dropout", {}, name="drop")
    g.connect(ids["h"], d, 0)
    w = g.add_node("parameter", {"shape": (3, 3)}, name="w")
    lay = {l.name: l.activation for l in st.layers(g)}
    assert lay == {"hidden": "relu", "drop": "identity", "out": "identity"}
    assert "w" not in lay and "J" not in lay and "x" not in lay and w in g.nodes


def test_vanishing_gradients_show_as_shrinking_spread_toward_the_input():
    g = Graph(3)
    prev = g.add_node("input", {"shape": (None, 2)}, name="x")
    names = []
    for i in range(6):
        d = g.add_node("dense", {"units": 8, "activation": "sigmoid", "init": "normal"},
                       name=f"s{i}")
        g.connect(prev, d, 0)
        prev = d
        names.append(d)
    o = g.add_node("dense", {"units": 1}, name="out")
    g.connect(prev, o, 0)
    y = g.add_node("input", {"shape": (None, 1)}, name="y")
    j = g.add_node("mse", {}, name="J")
    g.connect(o, j, 0)
    g.connect(y, j, 1)
    cap = Probe(g).backward({"x": X, "y": Y})
    stats = {s.layer.nid: s for s in st.layer_stats(cap, st.layers(g))}
    rms = [stats[n].grad_rms for n in names]
    assert rms[0] < rms[-1] / 10                     # σ′ ≤ 1/4 per layer: it vanishes
    peaks = [stats[n].grad_log_hist[1][stats[n].grad_log_hist[0].argmax()] for n in names]
    assert peaks[0] < peaks[-1] - 1                  # over a decade further left on the axis
