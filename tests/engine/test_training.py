"""Training: optimizers, batching, shuffling, pause/resume, divergence, history, and XOR."""
from __future__ import annotations

import math

import numpy as np
import pytest

from engine.executor import Executor
from engine.graph import Graph
from engine.optimizers import SGD, Adam, Momentum, RMSprop
from engine.training import (Dataset, History, TrainConfig, Trainer, TrainingDiverged,
                             same_start, split)


def linear_graph(seed: int = 0) -> Graph:
    """x (N, 3) @ W (3, 1) + b (1,) -> z; J = mse(z, y (N, 1)). Built from primitive ops."""
    g = Graph(seed)
    x = g.add_node("input", {"shape": (None, 3)}, name="x")
    w = g.add_node("parameter", {"shape": (3, 1)}, name="W")
    b = g.add_node("parameter", {"shape": (1,), "init": "zeros"}, name="b")
    m = g.add_node("matmul", name="xW")
    g.connect(x, m, 0)
    g.connect(w, m, 1)
    z = g.add_node("add", name="z")
    g.connect(m, z, 0)
    g.connect(b, z, 1)
    y = g.add_node("input", {"shape": (None, 1)}, name="y")
    j = g.add_node("mse", name="J")
    g.connect(z, j, 0)
    g.connect(y, j, 1)
    return g


def linear_data(n: int = 60, seed: int = 0) -> Dataset:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, 3)).astype(np.float32)
    y = x @ np.array([[1.0], [-2.0], [0.5]], np.float32) + 0.3
    return Dataset({"x": x, "y": y.astype(np.float32)}, "linear")


def weights(g: Graph) -> dict:
    return {k: v.copy() for k, v in g.weight_snapshot().items()}


@pytest.mark.parametrize("opt,lr", [("sgd", 0.05), ("momentum", 0.05), ("rmsprop", 0.03),
                                    ("adam", 0.05)])
def test_each_optimizer_decreases_cost(opt, lr):
    t = Trainer(linear_graph(), linear_data(), config=TrainConfig(optimizer=opt, lr=lr,
                                                                  batch_size=16, epochs=15))
    before, _ = t.evaluate(t.train)
    t.run()
    after, acc = t.evaluate(t.train)
    assert after < 0.2 * before
    assert acc is None  # regression has no accuracy


def _two_steps(opt, w0, g1, g2):
    w = w0.copy()
    opt.update({("n", "w"): w}, {("n", "w"): g1})
    opt.update({("n", "w"): w}, {("n", "w"): g2})
    return w


def test_update_formulas_match_numpy():
    rng = np.random.default_rng(1)
    w0, g1, g2 = (rng.standard_normal((4, 3)) for _ in range(3))
    lr, b, rho, b1, b2, eps = 0.1, 0.8, 0.7, 0.85, 0.95, 1e-8

    w = w0 - lr * g1 - lr * g2
    np.testing.assert_allclose(_two_steps(SGD(lr), w0, g1, g2), w, rtol=1e-12)

    v = (1 - b) * g1
    w = w0 - lr * v
    v = b * v + (1 - b) * g2
    w = w - lr * v
    np.testing.assert_allclose(_two_steps(Momentum(lr, b), w0, g1, g2), w, rtol=1e-12)

    s = (1 - rho) * g1 ** 2
    w = w0 - lr * g1 / (np.sqrt(s) + eps)
    s = rho * s + (1 - rho) * g2 ** 2
    w = w - lr * g2 / (np.sqrt(s) + eps)
    np.testing.assert_allclose(_two_steps(RMSprop(lr, rho, eps), w0, g1, g2), w, rtol=1e-12)

    m = np.zeros_like(w0)
    v = np.zeros_like(w0)
    w = w0.copy()
    for t, g in enumerate((g1, g2), start=1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        mhat, vhat = m / (1 - b1 ** t), v / (1 - b2 ** t)
        w = w - lr * mhat / (np.sqrt(vhat) + eps)
    np.testing.assert_allclose(_two_steps(Adam(lr, b1, b2, eps), w0, g1, g2), w, rtol=1e-10)


def test_trainer_sgd_step_is_w_minus_lr_grad():
    g = linear_graph()
    ds = linear_data()
    ref = g.copy()
    cost, grads = Executor(ref, dtype=np.float64).run(ds.arrays)
    t = Trainer(g, ds, config=TrainConfig(lr=0.1, batch_size=0, epochs=1, dtype="float64"))
    assert t.step() == pytest.approx(float(cost))
    for (nid, k), gr in grads.items():
        np.testing.assert_allclose(g.nodes[nid].weights[k], ref.nodes[nid].weights[k] - 0.1 * gr)


@pytest.mark.parametrize("batch,per_epoch", [(0, 1), (1, 50), (8, 7), (50, 1), (64, 1)])
def test_iterations_per_epoch(batch, per_epoch):
    t = Trainer(linear_graph(), linear_data(50),
                config=TrainConfig(lr=0.01, batch_size=batch, epochs=2))
    assert t.batches_per_epoch == per_epoch
    assert t.total_iterations == 2 * per_epoch
    for _ in range(per_epoch):
        t.step()
    assert t.epoch == 1 and t.iteration == per_epoch
    t.run()
    assert t.done and t.iteration == 2 * per_epoch


def test_shuffle_is_reproducible_with_seed():
    def train(seed):
        g = linear_graph()
        Trainer(g, linear_data(), config=TrainConfig(optimizer="momentum", lr=0.02,
                                                     batch_size=7, epochs=3, seed=seed)).run()
        return weights(g)
    a, b, c = train(3), train(3), train(4)
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert not all(np.array_equal(a[k], c[k]) for k in a)


def test_pause_and_resume_equals_uninterrupted_run():
    cfg = TrainConfig(optimizer="adam", lr=0.01, batch_size=7, epochs=4, seed=5)
    ds, dev = linear_data(), linear_data(20, seed=9)
    g1, g2 = same_start(linear_graph(), 2)
    t1 = Trainer(g1, ds, dev, cfg)
    t1.run()
    t2 = Trainer(g2, ds, dev, TrainConfig(optimizer="adam", lr=0.01, batch_size=7, epochs=4,
                                          seed=5))
    assert t2.run(max_iterations=5) == 5
    calls = iter([False, False, False, True])
    n = t2.run(should_stop=lambda: next(calls))
    assert n == 3 and t2.iteration == 8 and not t2.done
    t2.run(max_iterations=13)
    t2.run()
    assert t2.done and t2.iteration == t1.iteration
    w1, w2 = weights(g1), weights(g2)
    assert all(np.array_equal(w1[k], w2[k]) for k in w1)
    assert t1.history.cost == t2.history.cost
    assert t1.history.dev_cost == t2.history.dev_cost


def test_progress_callback_and_history_lengths():
    seen = []
    t = Trainer(linear_graph(), linear_data(60), linear_data(20, seed=2),
                TrainConfig(lr=0.01, batch_size=10, epochs=3))
    t.run(on_progress=lambda tr: seen.append(tr.iteration))
    h = t.history
    assert h.iterations == list(range(1, 19)) and len(h.cost) == 18
    assert h.epochs == [1, 2, 3] and h.epoch_iteration == [6, 12, 18]
    assert len(h.train_cost) == len(h.dev_cost) == len(h.train_accuracy) == 3
    assert h.has_dev and not h.has_accuracy
    assert {6, 12, 18} <= set(seen)
    snap = h.snapshot()
    assert isinstance(snap, History) and snap.cost == h.cost and snap.cost is not h.cost
    t2 = Trainer(linear_graph(), linear_data(60), config=TrainConfig(lr=0.01, epochs=2))
    t2.run()
    assert math.isnan(t2.history.dev_cost[0]) and not t2.history.has_dev
    with pytest.raises(RuntimeError, match="finished"):
        t2.step()


def test_huge_learning_rate_raises_and_keeps_weights_finite():
    g = linear_graph()
    t = Trainer(g, linear_data(), config=TrainConfig(lr=1e30, batch_size=0, epochs=50))
    before = None
    with pytest.raises(TrainingDiverged) as e:
        for _ in range(50):
            before = weights(g)
            t.step()
    err = e.value
    assert err.node in {n.name for n in g.nodes.values()}
    assert f"iteration {err.iteration}" in str(err) and "smaller learning rate" in str(err)
    assert err.iteration == t.iteration + 1
    after = weights(g)
    assert all(np.isfinite(v).all() for v in after.values())
    assert all(np.array_equal(before[k], after[k]) for k in before)


def test_update_that_would_overflow_is_refused():
    g = linear_graph()
    t = Trainer(g, linear_data(), config=TrainConfig(lr=1e39, batch_size=0, epochs=5))
    before = weights(g)
    with pytest.raises(TrainingDiverged) as e:
        t.step()
    assert e.value.iteration == 1 and e.value.node in ("W", "b")
    assert all(np.array_equal(before[k], v) for k, v in weights(g).items())


def test_infinite_data_value_names_the_node():
    ds = linear_data()
    ds.arrays["x"][5, 0] = np.inf
    g = linear_graph()
    t = Trainer(g, ds, config=TrainConfig(lr=0.01, batch_size=0, epochs=3))
    before = weights(g)
    with pytest.raises(TrainingDiverged) as e:
        t.run()
    assert e.value.node in ("x", "xW") and e.value.iteration == 1
    assert "training stopped at iteration 1: the values became NaN or infinite first at node" \
        in str(e.value)
    assert all(np.array_equal(before[k], v) for k, v in weights(g).items())


def test_frozen_node_is_not_trained():
    g = linear_graph()
    w = g.by_name("W")
    g.set_frozen(w, True)
    t = Trainer(g, linear_data(), config=TrainConfig(optimizer="adam", lr=0.05, batch_size=8,
                                                     epochs=2))
    w0 = g.nodes[w].weights["value"].copy()
    b0 = g.nodes[g.by_name("b")].weights["value"].copy()
    t.run()
    np.testing.assert_array_equal(g.nodes[w].weights["value"], w0)
    assert not np.array_equal(g.nodes[g.by_name("b")].weights["value"], b0)


def test_split_fractions():
    ds = Dataset({"x": np.arange(100).reshape(100, 1), "y": np.arange(100)})
    tr, dv, te = split(ds, 0.7, 0.2, 0.1, seed=1)
    assert (len(tr), len(dv), len(te)) == (70, 20, 10)
    seen = np.concatenate([tr["y"], dv["y"], te["y"]])
    assert sorted(seen.tolist()) == list(range(100))
    assert np.array_equal(tr["x"][:, 0], tr["y"])  # arrays stay aligned
    tr2, _, _ = split(ds, 0.7, 0.2, 0.1, seed=1)
    assert np.array_equal(tr["y"], tr2["y"])
    tr, dv, te = split(ds)
    assert (len(tr), len(dv), len(te)) == (80, 20, 0)
    with pytest.raises(ValueError, match="add up to 1"):
        split(ds, 0.5, 0.2, 0.1)
    with pytest.raises(ValueError, match="between 0 and 1"):
        split(ds, 1.5, -0.5)
    with pytest.raises(ValueError, match="same number of examples"):
        Dataset({"x": np.zeros((3, 2)), "y": np.zeros(4)})


def test_config_validation_messages():
    with pytest.raises(ValueError, match="learning rate"):
        TrainConfig(lr=0)
    with pytest.raises(ValueError, match="batch size"):
        TrainConfig(batch_size=-1)
    with pytest.raises(ValueError, match="optimizer"):
        TrainConfig(optimizer="lbfgs")
    with pytest.raises(ValueError, match="epochs"):
        TrainConfig(epochs=0)
    with pytest.raises(ValueError, match="beta2"):
        TrainConfig(beta2=1.0)
    assert TrainConfig().mode == "batch" and TrainConfig(batch_size=1).mode == "stochastic"


def test_missing_input_array_is_reported():
    ds = Dataset({"features": np.zeros((4, 3)), "y": np.zeros((4, 1))})
    with pytest.raises(ValueError, match="no array named 'x'"):
        Trainer(linear_graph(), ds)


def test_same_start_copies_share_initial_weights():
    g = linear_graph()
    copies = same_start(g, 3)
    snaps = [weights(c) for c in copies]
    ref = weights(g)
    assert all(np.array_equal(s[k], ref[k]) for s in snaps for k in ref)
    ds = linear_data(40)
    runs, start = {}, []
    for c, b in zip(copies, (0, 8, 1)):
        t = Trainer(c, ds, config=TrainConfig(lr=0.02, batch_size=b, epochs=2))
        start.append(t.evaluate(ds)[0])
        t.run()
        runs[b] = t.history
    assert start[0] == start[1] == start[2]
    assert len(runs[0].cost) == 2 and len(runs[8].cost) == 10 and len(runs[1].cost) == 80
    assert all(np.array_equal(weights(g)[k], ref[k]) for k in ref)  # the original is untouched


def test_xor_mlp_learns_xor():
    from engine import datasets
    from engine.examples import build
    g, _, info = build("xor_mlp", seed=0)
    train, dev, _ = split(datasets.xor(n=600, seed=1), 0.8, 0.2, seed=2)
    t = Trainer(g, train, dev, TrainConfig(optimizer="adam", lr=0.01, batch_size=32, epochs=25,
                                           seed=0))
    t.run()
    assert t.history.train_accuracy[-1] >= 0.95
    assert t.history.dev_accuracy[-1] >= 0.95
    cost, acc = t.evaluate(dev)
    assert acc == pytest.approx(t.history.dev_accuracy[-1])
    assert t.history.train_cost[-1] < t.history.train_cost[0]


def test_batch_accuracy_is_recorded_per_iteration():
    """history.accuracy[i] is iteration i's batch accuracy, from that batch's own forward pass
    (before the update); regression records NaN."""
    from engine import datasets
    from engine.examples import build
    from engine.ops.losses import accuracy
    g, _, _ = build("xor_mlp")
    ds = datasets.xor(n=64)
    t = Trainer(g, ds, config=TrainConfig(optimizer="sgd", lr=0.5, batch_size=16, epochs=2,
                                          shuffle=False))
    x, y = ds["x"][:16], ds["y"][:16]
    before = Executor(g.copy(), dtype=np.float32)
    before.run({"x": x, "y": y}, training=False, backward=False)
    loss = before.entries[before.index[t.loss_node]]
    expected = accuracy("softmax_ce", before.last_values[loss.srcs[0]], y)
    t.step()
    assert len(t.history.accuracy) == 1
    assert t.history.accuracy[0] == pytest.approx(expected)
    t.run()
    assert len(t.history.accuracy) == len(t.history.cost) == 8
    assert all(0.0 <= a <= 1.0 for a in t.history.accuracy)
    g2, ds2, _ = build("housing")
    t2 = Trainer(g2, ds2, config=TrainConfig(batch_size=0, epochs=1))
    t2.step()
    assert math.isnan(t2.history.accuracy[0])
