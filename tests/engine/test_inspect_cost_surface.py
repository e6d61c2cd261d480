"""Cost surfaces: sampled cells equal an independent computation, the minimum sits where
training ends, cross-entropy is a bowl and squared error through a sigmoid is not."""
from __future__ import annotations

import numpy as np
import pytest

from engine.examples import build
from engine.inspect import cost_surface as cs
from engine.training import TrainConfig, Trainer, split


def _lr(seed: int = 0):
    g, ds, _ = build("logistic_regression", seed=seed)
    dense = next(n for n in g.nodes if g.nodes[n].op == "dense")
    return g, ds, dense


def _ref(x, y, W, b):
    z = x @ W[0] + b[0]
    p = 1 / (1 + np.exp(-z))
    return np.mean(np.logaddexp(0, z) - y * z), np.mean((p - y) ** 2)


def test_logistic_regression_is_recognized_and_others_are_not():
    g, _, dense = _lr()
    assert cs.logistic_layer(g)[0] == dense
    a, b = cs.default_axes(g)
    assert (a.array, a.index, b.array, b.index) == ("W", (0, 0), "b", (0,))
    assert cs.logistic_layer(build("xor_mlp")[0]) is None


@pytest.mark.parametrize("axes", [(("W", (0, 0)), ("b", (0,))), (("W", (0, 1)), ("W", (0, 0)))])
def test_sampled_cells_equal_an_independent_computation(axes):
    g, ds, dense = _lr()
    x, y = ds["x"].astype(np.float64), ds["y"].astype(np.float64).ravel()
    W0 = np.array([[0.3, -0.7]])
    b0 = np.array([0.2])
    ea, eb = (cs.Entry(dense, arr, idx) for arr, idx in axes)
    as_, bs = np.linspace(-4, 4, 31), np.linspace(-3, 3, 23)
    J = cs.logistic_surfaces(x, y, W0, b0, ea, eb, as_, bs)
    assert J["cross-entropy"].shape == (23, 31)
    rng = np.random.default_rng(0)
    for i, j in zip(rng.integers(0, 23, 8), rng.integers(0, 31, 8)):
        arrs = {"W": W0.copy(), "b": b0.copy()}
        arrs[ea.array][ea.index] = as_[j]
        arrs[eb.array][eb.index] = bs[i]
        ce, se = _ref(x, y, arrs["W"], arrs["b"])
        assert J["cross-entropy"][i, j] == pytest.approx(ce, rel=1e-5)
        assert J["squared error"][i, j] == pytest.approx(se, rel=1e-5)


def test_generic_surface_is_the_graphs_own_cost():
    g, ds, dense = _lr()
    a, b = cs.default_axes(g)
    x, y = ds["x"], ds["y"]
    as_, bs = np.linspace(-3, 3, 7), np.linspace(-2, 2, 5)
    Jg = cs.generic_surface(g, {"x": x, "y": y}, a, b, as_, bs)
    node = g.nodes[dense]
    J = cs.logistic_surfaces(x, y, node.weights["W"], node.weights["b"], a, b, as_, bs)
    np.testing.assert_allclose(Jg, J["cross-entropy"], rtol=1e-5)
    assert float(node.weights["W"][0, 0]) == a.value(g)   # the graph's arrays are untouched


def test_generic_surface_stops_when_asked_and_reports_progress():
    g, ds, _ = _lr()
    a, b = cs.default_axes(g)
    seen = []
    J = cs.generic_surface(g, {"x": ds["x"], "y": ds["y"]}, a, b, np.zeros(3), np.zeros(4),
                           should_stop=lambda: len(seen) >= 2, progress=lambda i, n: seen.append(i))
    assert seen == [1, 2]
    assert np.isfinite(J[:2]).all() and np.isnan(J[2:]).all()


def test_minimum_lies_near_the_weights_training_reaches():
    g, ds, dense = _lr(seed=1)
    train, dev, _ = split(ds, 0.8, 0.2, seed=0)
    Trainer(g, train, dev, TrainConfig(lr=1.0, epochs=3000, dtype="float64")).run()
    node = g.nodes[dense]
    a, b = cs.default_axes(g)
    w_end, b_end = a.value(g), b.value(g)
    as_ = cs.around(w_end, 3.0, 121)
    bs = cs.around(b_end, 3.0, 121)
    J = cs.logistic_surfaces(train["x"], train["y"], node.weights["W"], node.weights["b"],
                             a, b, as_, bs)
    wm, bm, _ = cs.grid_minimum(J["cross-entropy"], as_, bs)
    step = 6.0 / 120
    assert abs(wm - w_end) <= 2 * step and abs(bm - b_end) <= 2 * step
    # the dev data gives a different surface: its minimum is elsewhere
    Jd = cs.logistic_surfaces(dev["x"], dev["y"], node.weights["W"], node.weights["b"],
                              a, b, as_, bs)
    assert not np.allclose(Jd["cross-entropy"], J["cross-entropy"])


def test_cross_entropy_is_a_bowl_and_squared_error_has_flat_non_convex_regions():
    g, ds, dense = _lr()
    node = g.nodes[dense]
    a, b = cs.default_axes(g)
    as_, bs = np.linspace(-12, 12, 161), np.linspace(-12, 12, 161)
    J = cs.logistic_surfaces(ds["x"], ds["y"], np.array([[0.0, 2.0]]), np.array([0.0]),
                             a, b, as_, bs)
    ce, se = J["cross-entropy"], J["squared error"]
    h2 = (as_[1] - as_[0]) ** 2
    # second derivatives along both axes: never negative for a convex function
    assert min(np.diff(ce, 2, axis=0).min(), np.diff(ce, 2, axis=1).min()) / h2 > -1e-3
    assert min(np.diff(se, 2, axis=0).min(), np.diff(se, 2, axis=1).min()) / h2 < -1e-2
    # far from the data's optimum squared error goes flat (gradient near 0), cross-entropy not
    gs = np.hypot(*np.gradient(se, as_, bs))
    gc = np.hypot(*np.gradient(ce, as_, bs))
    assert gs[0, 0] < 0.1 * gc[0, 0]


def test_path_reads_both_entries_from_each_snapshot():
    g, _, dense = _lr()
    a, b = cs.default_axes(g)
    snaps = [{(dense, "W"): np.array([[float(t), 9.0]]), (dense, "b"): np.array([-t])}
             for t in range(3)]
    np.testing.assert_array_equal(cs.path_of(snaps + [{}], a, b), [[0, 0], [1, -1], [2, -2]])


def test_scalar_entries_list_every_array_entry():
    g, _, dense = _lr()
    labels = [e.label(g) for e in cs.scalar_entries(g)]
    assert labels == ["z.W[0,0]", "z.W[0,1]", "z.b[0]"]


def test_replayed_path_retraces_the_run_to_its_final_weights():
    g, ds, dense = _lr()
    a, b = cs.default_axes(g)
    start = g.weight_snapshot()
    cfg = TrainConfig(lr=0.5, epochs=40, batch_size=16, seed=3)
    run = g.copy()
    Trainer(run, ds, None, cfg).run()
    path = cs.replay_path(g, start, ds, cfg, a, b, iterations=10 ** 6)
    batches = -(-len(ds) // 16)
    assert path.shape == (40 * batches + 1, 2)
    assert path[0] == pytest.approx((a.value(g), b.value(g)), abs=1e-7)
    assert path[-1] == pytest.approx((a.value(run), b.value(run)), abs=1e-6)
    assert np.abs(np.diff(path, axis=0)).sum() > 0    # it moves at every step, not in one jump
    assert len(cs.replay_path(g, start, ds, cfg, a, b, iterations=7)) == 8
