"""Per-head cost and accuracy for graphs whose cost sums several loss heads."""
from __future__ import annotations

import math

import numpy as np

from engine.data.precompute import node_values
from engine.examples import build
from engine.inspect.loss_heads import latest, loss_heads
from engine.training import TrainConfig, Trainer

LABELS = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "relu", "leaky relu": "leaky"}


def _bce_logits(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Plain NumPy: mean log(1 + e^z) − y·z, and the accuracy of z > 0 against y > 0.5."""
    z, y = z.reshape(-1).astype(np.float64), y.reshape(-1).astype(np.float64)
    cost = np.mean(np.logaddexp(0.0, z) - y * z)
    return float(cost), float(np.mean((z > 0) == (y > 0.5)))


def test_each_head_of_the_activation_example_gets_its_own_cost_and_accuracy():
    g, data, info = build("activation_functions")
    train, dev = data.subset(np.arange(0, 300)), data.subset(np.arange(300, 400))
    cfg = {**info["train"], "epochs": 25}
    t = Trainer(g, train, dev, TrainConfig(**cfg))
    t.run()
    heads = t.history.heads
    assert list(heads) == list(LABELS)          # plan order, labelled by the example
    assert all(len(heads[k][f]) == 25 for k in heads for f in heads[k])
    for label, short in LABELS.items():
        for part, ds in (("train", train), ("dev", dev)):
            z = node_values(g, ds, f"{short}_z")
            cost, acc = _bce_logits(z, ds.arrays["y"])
            assert math.isclose(heads[label][f"{part}_cost"][-1], cost, rel_tol=1e-6), (label, part)
            assert math.isclose(heads[label][f"{part}_accuracy"][-1], acc, abs_tol=1e-9), (label, part)
    # J is the sum of the heads, at every epoch
    summed = np.sum([heads[k]["train_cost"] for k in heads], axis=0)
    np.testing.assert_allclose(summed, t.history.train_cost, rtol=1e-6)
    # the copies differ: relu has learned more than sigmoid in 25 epochs
    rows = {r[0]: r for r in latest(heads)}
    assert rows["relu"][2] > rows["sigmoid"][2] + 0.1
    snap = t.history.snapshot()
    snap.heads["relu"]["train_cost"].append(0.0)    # a snapshot is a copy, not a view
    assert len(heads["relu"]["train_cost"]) == 25


def test_a_graph_with_one_loss_has_no_heads():
    g, data, info = build("xor_mlp")
    assert loss_heads(g, g.by_name("J")) == []
    t = Trainer(g, data, None, TrainConfig(**{**info["train"], "epochs": 1}))
    t.run()
    assert t.history.heads == {}
