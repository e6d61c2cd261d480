"""The batched cost surface of any graph: it equals the per-point loop to 1e-9 (float64) on an
MLP, a small CNN and parameter arrays, with both entries in one layer and in two; it refuses,
naming the node, what it cannot batch (an op not linear in the entry, an op that mixes the
examples, a cost that is not a mean of per-example losses)."""
from __future__ import annotations

import numpy as np
import pytest

from engine.example_parts import op as _op
from engine.examples import build
from engine.graph import Graph
from engine.inspect import cost_surface as cs
from engine.inspect.cost_surface_batched import (BatchedSurface, SurfaceRefused,
                                                 batched_surface)


def _setup(name: str, n: int = 40):
    g, ds, _ = build(name)
    inputs = {nd.name for nd in g.nodes.values() if nd.op == "input"}
    feeds = {k: np.asarray(v)[:n] for k, v in ds.arrays.items() if k in inputs}
    return g, feeds


def _entry(g: Graph, node: str, array: str, index: tuple) -> cs.Entry:
    return cs.Entry(g.resolve(node), array, index)


def _grid(g, a, b):
    """A 5 x 4 grid (not square, so a transposed result fails) around the current values."""
    return cs.around(a.value(g), 1.5, 5), cs.around(b.value(g), 2.0, 4)


def _same_as_loop(g, feeds, a, b, **kw):
    as_, bs = _grid(g, a, b)
    got = batched_surface(g, feeds, a, b, as_, bs, **kw)
    want = cs.generic_surface(g, feeds, a, b, as_, bs)
    assert got.shape == (4, 5)
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12)
    assert np.ptp(want) > 1e-3           # the entries move the cost: the test can fail
    return got


@pytest.mark.parametrize("axes", [
    (("dense1", "W", (3, 1)), ("dense1", "b", (3,))),         # one layer, one unit
    (("dense1", "W", (5, 1)), ("dense1", "W", (1, 0))),       # one layer, two units
    (("dense1", "W", (2, 0)), ("dense2", "W", (5, 2))),       # two layers
])
def test_mlp_equals_the_per_point_loop(axes):
    g, feeds = _setup("xor_mlp")
    a, b = (_entry(g, *ax) for ax in axes)
    # a small budget: several chunks, the last one short
    _same_as_loop(g, feeds, a, b, budget=40 * 1024)


def test_one_mlp_cell_equals_plain_numpy():
    g, feeds = _setup("xor_mlp", n=30)
    a, b = _entry(g, "dense1", "W", (0, 1)), _entry(g, "dense3", "b", (1,))
    as_, bs = _grid(g, a, b)
    J = batched_surface(g, feeds, a, b, as_, bs)
    W = {k: {n: np.array(v, float) for n, v in g.nodes[g.resolve(k)].weights.items()}
         for k in ("dense1", "dense2", "dense3")}
    W["dense1"]["W"][0, 1] = as_[3]
    W["dense3"]["b"][1] = bs[2]
    h = np.maximum(feeds["x"] @ W["dense1"]["W"].T + W["dense1"]["b"], 0)
    h = np.maximum(h @ W["dense2"]["W"].T + W["dense2"]["b"], 0)
    z = h @ W["dense3"]["W"].T + W["dense3"]["b"]
    y = feeds["y"].astype(int)
    ce = np.log(np.exp(z).sum(1)) - z[np.arange(len(y)), y]
    assert J[2, 3] == pytest.approx(ce.mean(), rel=1e-12)


@pytest.mark.parametrize("axes", [
    (("conv1", "W", (2, 0, 1, 0)), ("conv1", "b", (2,))),     # one layer
    (("conv1", "W", (0, 0, 1, 1)), ("logits", "W", (1, 40))),  # conv and dense
])
def test_small_cnn_equals_the_per_point_loop(axes):
    g, feeds = _setup("small_cnn", n=16)
    a, b = (_entry(g, *ax) for ax in axes)
    _same_as_loop(g, feeds, a, b)


def test_parameter_arrays_through_matmul_and_add():
    g, feeds = _setup("broadcasting")
    _same_as_loop(g, feeds, _entry(g, "W", "value", (1, 2)), _entry(g, "b", "value", (2,)))


def test_per_example_losses_then_a_mean_node():
    g, feeds = _setup("loss_and_cost")
    _same_as_loop(g, feeds, _entry(g, "z", "W", (0, 0)), _entry(g, "z", "b", (0,)))


def test_dropout_is_off_as_in_the_loop():
    g, feeds = _setup("regularized", n=20)
    _same_as_loop(g, feeds, _entry(g, "hidden1", "W", (4, 0)), _entry(g, "z", "W", (0, 7)))


def test_stop_leaves_the_rest_nan_and_progress_counts_points():
    g, feeds = _setup("xor_mlp")
    a, b = _entry(g, "dense1", "W", (0, 0)), _entry(g, "dense1", "W", (0, 1))
    as_, bs = _grid(g, a, b)
    plan = BatchedSurface(g, feeds, a, b, as_, bs, budget=40 * 1024)
    seen: list[tuple[int, int]] = []
    J = plan.run(should_stop=lambda: len(seen) >= 1, progress=lambda i, n: seen.append((i, n)))
    k = plan.tiles_per_chunk
    assert 1 <= k < 20 and seen == [(k, 20)]
    assert np.isfinite(J.ravel()[:k]).all() and np.isnan(J.ravel()[k:]).all()


def _param_graph(between: str | None = None, after_cost: bool = False):
    """x (N, 3) · P (3, 2) → mse against y (N, 2); ``between``: 'exp' uses exp(P), 'product'
    P ⊙ Q, 'softmax0' puts a softmax over the examples' axis before the loss; ``after_cost``
    adds (λ/2)‖P‖² to the mean loss."""
    g = Graph(0)
    x = g.add_node("input", {"shape": (None, 3)}, name="x")
    p = g.add_node("parameter", {"shape": (3, 2)}, name="P",
                   weights={"value": np.arange(6.0).reshape(3, 2) / 10})
    w = _op(g, "exp", [p], "expP") if between == "exp" else p
    if between == "product":
        q = g.add_node("parameter", {"shape": (3, 2)}, name="Q",
                       weights={"value": np.full((3, 2), 0.5)})
        w = _op(g, "multiply", [p, q], "PQ")
    z = _op(g, "matmul", [x, w], "z")
    if between == "softmax0":
        z = _op(g, "softmax", [z], "mix", axis=0)
    y = g.add_node("input", {"shape": (None, 2)}, name="y")
    j = _op(g, "mse", [z, y], "L")
    if after_cost:
        r = _op(g, "l2_penalty", [p], "R")
        _op(g, "add", [j, r], "J")
    rng = np.random.default_rng(0)
    return g, {"x": rng.normal(size=(12, 3)), "y": rng.normal(size=(12, 2))}


def _refusal(g, feeds, second: tuple = ("P", (2, 1))) -> str:
    a = cs.Entry(g.resolve("P"), "value", (0, 0))
    b = cs.Entry(g.resolve(second[0]), "value", second[1])
    as_, bs = _grid(g, a, b)
    with pytest.raises(SurfaceRefused) as info:
        batched_surface(g, feeds, a, b, as_, bs)
    return str(info.value)


def test_the_plain_parameter_graph_is_batched():
    g, feeds = _param_graph()
    _same_as_loop(g, feeds, cs.Entry(g.resolve("P"), "value", (0, 0)),
                  cs.Entry(g.resolve("P"), "value", (2, 1)))


def test_an_op_not_linear_in_the_entry_is_refused_by_name():
    assert "z (matmul) is not linear in P.value[0,0]" in _refusal(*_param_graph("exp"))


def test_two_entries_that_multiply_each_other_are_refused():
    g, feeds = _param_graph("product")
    assert "z (matmul) is not linear in P.value[0,0] and Q.value[0,0] together" in _refusal(
        g, feeds, ("Q", (0, 0)))
    # apart, each is linear: P[0, 0] with Q[1, 1] is batched and right
    _same_as_loop(g, feeds, cs.Entry(g.resolve("P"), "value", (0, 0)),
                  cs.Entry(g.resolve("Q"), "value", (1, 1)))


def test_an_op_that_mixes_the_examples_is_refused_by_name():
    assert "mix (softmax) mixes the examples" in _refusal(*_param_graph("softmax0"))


def test_an_entry_that_enters_the_cost_besides_the_examples_is_refused():
    # J = mean loss + (λ/2)‖P‖², with the axes in P: the penalty is not per example
    assert "P.value[0,0] enters the cost through J (add) directly" in _refusal(
        *_param_graph(after_cost=True))


def test_a_cost_made_of_mean_losses_and_constants_is_batched():
    # the same J, with the axes in another array: the penalty is one number for every tile
    g, feeds = _param_graph(after_cost=True)
    x = g.resolve("x")
    q = g.add_node("parameter", {"shape": (3, 2)}, name="Q",
                   weights={"value": np.full((3, 2), 0.3)})
    z2 = _op(g, "matmul", [x, q], "z2")
    l2 = _op(g, "mse", [z2, g.resolve("y")], "L2")
    _op(g, "add", [g.resolve("J"), l2], "J2")         # J2 = J + L2, two mean losses
    _same_as_loop(g, feeds, cs.Entry(q, "value", (0, 1)), cs.Entry(q, "value", (2, 0)))


def test_a_cost_that_is_not_a_mean_of_losses_is_refused():
    g, feeds = _param_graph()
    _op(g, "sum", [g.resolve("z")], "S")                # the sink: a sum, not a mean
    g.remove_node(g.resolve("L"))
    assert "the cost S (sum) is not made of means of per-example losses" in _refusal(g, feeds)


def test_an_entry_the_graph_does_not_have_is_refused():
    g, feeds = _setup("xor_mlp")
    a, b = _entry(g, "dense1", "W", (0, 0)), cs.Entry("gone", "W", (0, 0))
    with pytest.raises(SurfaceRefused, match="gone is not an entry of this graph"):
        batched_surface(g, feeds, a, b, *_grid(g, a, a))


def test_the_same_entry_twice_is_refused():
    g, feeds = _setup("xor_mlp")
    a = _entry(g, "dense1", "W", (0, 0))
    with pytest.raises(SurfaceRefused, match="same entry"):
        batched_surface(g, feeds, a, a, *_grid(g, a, a))


def test_the_resolution_shrinks_for_big_networks_within_its_bounds():
    from engine.inspect.cost_surface_batched import fit_resolution
    assert fit_resolution(10_000, 50, 15, work=1e8) == 50            # 100 a side, capped
    assert fit_resolution(250_000, 50, 15, work=1e8) == 20           # 20² · 250k = 1e8
    assert fit_resolution(10 ** 9, 50, 15, work=1e8) == 15           # never below the least


def _batch_norm_graph():
    """x (N, 3) → dense 4 → batch_norm (running statistics set) → relu → dense 1 → mse."""
    g = Graph(0)
    x = g.add_node("input", {"shape": (None, 3)}, name="x")
    h = _op(g, "dense", [x], "h", units=4)
    bn = _op(g, "batch_norm", [h], "bn")
    g.set_weights(bn, {"running_mean": np.array([0.1, -0.2, 0.3, 0.0]),
                       "running_var": np.array([0.5, 2.0, 1.5, 1.0])})
    r = _op(g, "relu", [bn], "r")
    z = _op(g, "dense", [r], "z", units=1)
    y = g.add_node("input", {"shape": (None, 1)}, name="y")
    _op(g, "mse", [z, y], "J")
    rng = np.random.default_rng(3)
    return g, {"x": rng.normal(size=(15, 3)), "y": rng.normal(size=(15, 1))}


def test_batch_norm_runs_on_its_running_statistics_as_in_the_loop():
    g, feeds = _batch_norm_graph()
    _same_as_loop(g, feeds, _entry(g, "bn", "gamma", (1,)), _entry(g, "h", "W", (1, 2)))
    # its running variance enters as 1/√σ²: not linear, refused by name
    a, b = _entry(g, "bn", "running_var", (0,)), _entry(g, "h", "W", (0, 0))
    with pytest.raises(SurfaceRefused, match=r"bn \(batch_norm\) is not linear in "
                                             r"bn.running_var\[0\]"):
        batched_surface(g, feeds, a, b, *_grid(g, a, b))
