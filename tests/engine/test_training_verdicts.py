"""Training verdicts a learner can trust: dev costs come from the dev set, each epoch has its own
order, divergence is named with a learning rate to try, and data that cannot train is named."""
from __future__ import annotations

import math

import numpy as np
import pytest

from engine import datasets
from engine.examples import build
from engine.training import (LR_RANGES, NO_DATA, Dataset, History, TrainConfig, Trainer,
                             TrainingDiverged, divergence, fit_problem, lr_warning, suggest_lr)

from .test_training import linear_data, linear_graph, weights


def test_dev_cost_is_measured_on_the_dev_set():
    """A dev set unlike the training data has its own cost; the history must show that one."""
    train = linear_data(60)
    dev = Dataset({"x": train["x"][:20] * 3.0, "y": train["y"][:20] - 5.0}, "far")
    t = Trainer(linear_graph(), train, dev, TrainConfig(lr=0.05, batch_size=0, epochs=3))
    t.run()
    h = t.history
    dev_cost, _ = t.evaluate(dev)
    train_cost, _ = t.evaluate(train)
    assert h.dev_cost[-1] == pytest.approx(dev_cost, rel=1e-6)
    assert h.train_cost[-1] == pytest.approx(train_cost, rel=1e-6)
    assert dev_cost > 2 * train_cost


def test_dev_accuracy_is_measured_on_the_dev_set():
    graph, ds, _ = build("xor_mlp")
    flipped = Dataset({"x": ds["x"][:100], "y": 1 - ds["y"][:100]}, "flipped labels")
    t = Trainer(graph, ds, flipped, TrainConfig(optimizer="adam", lr=0.01, batch_size=32,
                                               epochs=10))
    t.run()
    h = t.history
    assert h.train_accuracy[-1] > 0.9 and h.dev_accuracy[-1] < 0.1
    assert h.dev_accuracy[-1] == pytest.approx(t.evaluate(flipped)[1], abs=1e-9)


def _batch_orders(seed: int, epochs: int = 3) -> list[list[int]]:
    """The example indices of each epoch's batches, in the order training visits them."""
    n = 24
    x = np.zeros((n, 3), np.float32)
    x[:, 0] = np.arange(n)                       # each example carries its own index
    ds = Dataset({"x": x, "y": np.zeros((n, 1), np.float32)}, "indexed")
    t = Trainer(linear_graph(), ds, None, TrainConfig(lr=1e-6, batch_size=6, epochs=epochs,
                                                      seed=seed))
    seen: list[int] = []
    run = t.executor.run
    x_id = t.graph.by_name("x")

    def spy(feeds, training=True, backward=True):
        if training:
            seen.extend(int(v) for v in feeds[x_id][:, 0])
        return run(feeds, training=training, backward=backward)

    t.executor.run = spy
    t.run()
    return [seen[e * n:(e + 1) * n] for e in range(epochs)]


def test_every_epoch_has_its_own_order():
    orders = _batch_orders(seed=3)
    assert all(sorted(o) == list(range(24)) for o in orders)     # each epoch sees every example
    assert orders[0] != orders[1] and orders[1] != orders[2] and orders[0] != orders[2]
    assert orders[0] != list(range(24))                           # shuffled at all
    assert _batch_orders(seed=3) == orders                        # and reproducibly
    assert _batch_orders(seed=4)[0] != orders[0]


def _history(costs: list[float], train_costs: list[float]) -> History:
    h = History.empty()
    h.iterations.extend(range(1, len(costs) + 1))
    h.cost.extend(costs)
    h.epochs.extend(range(1, len(train_costs) + 1))
    h.epoch_iteration.extend(range(1, len(train_costs) + 1))
    h.train_cost.extend(train_costs)
    for lst in (h.train_accuracy, h.dev_cost, h.dev_accuracy):
        lst.extend([math.nan] * len(train_costs))
    return h


def test_divergence_is_growth_far_above_the_start_or_a_non_finite_cost():
    assert divergence(_history([0.69, 0.5], [0.4, 0.3])) is None
    assert divergence(_history([0.69, 0.7], [1.2, 1.5])) is None         # worse, not far off
    why = divergence(_history([0.69, 3.0], [2.0, 1.2e7]))
    assert "grew from 0.69 to 1.2e+07 by epoch 2" in why
    assert "NaN" in divergence(_history([0.69, math.inf], [0.6]))
    # a cost near zero may wobble up (fine-tuning a trained net) without diverging
    assert divergence(_history([1e-6, 1e-4], [1e-4, 3e-4])) is None
    assert divergence(_history([1e-6, 1e-4], [1e-4, 1.5])) is not None
    assert divergence(History.empty()) is None


def test_cost_grown_far_above_its_start_stops_the_run_with_a_learning_rate_to_try():
    graph, ds, _ = build("xor_mlp")
    t = Trainer(graph, ds, None, TrainConfig(optimizer="adam", lr=1000, batch_size=32,
                                             epochs=30))
    with pytest.raises(TrainingDiverged) as e:
        t.run()
    err = e.value
    assert t.epoch < 30 and err.suggested_lr == 0.001
    assert "grew from" in str(err) and "α = 0.001" in str(err) and "α = 1000" in str(err)
    assert divergence(t.history) is not None and all(map(math.isfinite, t.history.train_cost))


def test_nan_divergence_suggests_a_learning_rate_too():
    g = linear_graph()
    t = Trainer(g, linear_data(), config=TrainConfig(lr=1e30, batch_size=0, epochs=50))
    with pytest.raises(TrainingDiverged) as e:
        t.run()
    assert e.value.suggested_lr == 0.1 and "α = 0.1" in str(e.value)


def test_suggested_learning_rate():
    assert suggest_lr(1000, "sgd") == 0.1
    assert suggest_lr(0.5, "sgd") == 0.05
    assert suggest_lr(0.01, "adam") == 0.001
    assert suggest_lr(0.003, "adam") == 0.0003
    assert suggest_lr(1000, "adam") == 0.001


@pytest.mark.parametrize("opt", sorted(LR_RANGES))
def test_learning_rate_warning_per_optimizer(opt):
    lo, hi = LR_RANGES[opt]
    assert lr_warning(opt, (lo * hi) ** 0.5) is None
    assert lr_warning(opt, lo) is None and lr_warning(opt, hi) is None
    above = lr_warning(opt, hi * 20)
    assert above and "above" in above and opt in above and "blow up" in above
    below = lr_warning(opt, lo / 20)
    assert below and "below" in below and "barely move" in below


def test_learning_rate_ranges_differ_where_optimizers_do():
    assert lr_warning("sgd", 0.5) is None
    assert "above" in lr_warning("adam", 0.5)


def test_every_example_fits_its_own_data():
    from engine.examples import EXAMPLES
    for name in EXAMPLES:
        graph, ds, _ = build(name)
        assert fit_problem(graph, ds if ds is not None else NO_DATA) is None, name


def test_fit_problem_names_the_misfit():
    graph, _, _ = build("xor_mlp")
    assert "2 classes of J take 0 to 1" in fit_problem(graph, datasets.spirals(n=30))
    assert "does not fit input x" in fit_problem(graph, datasets.shapes(n=8))
    assert "has no array named 'y'" in fit_problem(graph, Dataset({"x": np.zeros((3, 2))}))
    emb, _, _ = build("embedding")
    vocab = emb.nodes[emb.by_name("embed")].params["num_embeddings"]
    too_big = Dataset({"x": np.array([0, vocab]), "y": np.array([0, 1])})
    assert f"rows of embed take 0 to {vocab - 1}" in fit_problem(emb, too_big)
    frac = Dataset({"x": np.array([0.5, 1.0]), "y": np.array([0, 1])})
    assert "integer ids" in fit_problem(emb, frac)


def test_graph_without_inputs_trains_on_no_data():
    graph, ds, _ = build("scalar_chain")
    assert ds is None
    before = weights(graph)
    t = Trainer(graph, NO_DATA, None, TrainConfig(lr=0.01, epochs=2))
    t.run()
    assert t.history.train_cost[0] < t.history.cost[0] == 33.0
    assert all(map(math.isfinite, t.history.train_cost))
    assert any(not np.array_equal(before[k], v) for k, v in weights(graph).items())
