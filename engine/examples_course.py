"""More of the course's ideas as ready-made graphs: loss and cost, broadcasting, from one neuron
to a hidden layer, bias and variance, and hand-made versus learned features.

Each builder follows :mod:`engine.examples` (``(graph, dataset, info)``). ``info["target"]``
states what a training run with ``info["train"]`` reaches from seed 0, e.g.
``{"train_accuracy": 0.95}``; a test holds every example to its target.
"""
from __future__ import annotations

import numpy as np

from .msg import Msg
from . import datasets
from .examples import Built, _finish, _info, _op
from .graph import Graph
from .training import Dataset, split


def _binary_labels(ds: Dataset) -> Dataset:
    """The same data with labels as (N, 1) floats, for a one-unit sigmoid output."""
    arrays = dict(ds.arrays)
    arrays["y"] = arrays["y"].astype(np.float32).reshape(-1, 1)
    return Dataset(arrays, ds.name, ds.description, dict(ds.meta))


def _binary_net(hidden: tuple[int, ...], activation: str, seed: int, *, dropout: float = 0.0,
                features: bool = False) -> Graph:
    """x (N, 2) [→ x, x² joined] → hidden dense layers [→ dropout] → dense 1 → bce_logits."""
    g = Graph(seed)
    x = g.add_node("input", {"shape": (None, 2)}, name="x")
    h = x
    if features:
        sq = _op(g, "power", [x], "x_squared", exponent=2.0)
        h = _op(g, "concat", [x, sq], "features", axis=-1)
    for i, units in enumerate(hidden, start=1):
        h = _op(g, "dense", [h], f"hidden{i}", units=units, activation=activation)
        if dropout:
            h = _op(g, "dropout", [h], f"dropout{i}", rate=dropout)
    z = _op(g, "dense", [h], "z", units=1, activation="identity")
    y = g.add_node("input", {"shape": (None, 1), "dtype": "float"}, name="y")
    _op(g, "bce_logits", [z, y], "J")
    return g


def loss_and_cost(seed: int = 0) -> Built:
    """x (N, 2) → dense 1 → bce_logits per example (N,) → mean: the cost J."""
    g = Graph(seed)
    x = g.add_node("input", {"shape": (None, 2)}, name="x")
    z = _op(g, "dense", [x], "z", units=1, activation="identity")
    y = g.add_node("input", {"shape": (None, 1), "dtype": "float"}, name="y")
    loss = _op(g, "bce_logits", [z, y], "L", reduction="none")
    _op(g, "mean", [loss], "J")
    info = _info("Loss per example, cost over the set",
                 "L is the cross-entropy of each example on its own, a column of numbers; "
                 "the cost J is their mean, the one number gradient descent lowers.", (2, 7),
                 {"optimizer": "sgd", "lr": 0.5, "batch_size": 0, "epochs": 200},
                 target={"train_accuracy": 0.9})
    return _finish(g, info), datasets.line(seed=seed), info


def broadcasting(seed: int = 0) -> Built:
    """Z = X·W + b with X (N, 3), W (3, 4) and b (4,): b is added to every row of X·W."""
    rng = np.random.default_rng(seed)
    n = 200
    x = rng.normal(size=(n, 3)).astype(np.float32)
    w_true = rng.normal(size=(3, 4))
    b_true = np.array([1.0, -2.0, 0.5, 3.0])
    y = (x @ w_true + b_true + 0.05 * rng.normal(size=(n, 4))).astype(np.float32)
    data = Dataset({"x": x, "y": y}, "linear targets",
                   Msg("dataset.linear_targets"),
                   {"task": "regression"})
    g = Graph(seed)
    xn = g.add_node("input", {"shape": (None, 3)}, name="x")
    w = g.add_node("parameter", {"shape": (3, 4), "init": "xavier"}, name="W")
    b = g.add_node("parameter", {"shape": (4,), "init": "zeros"}, name="b")
    xw = _op(g, "matmul", [xn, w], "XW")
    z = _op(g, "add", [xw, b], "Z")
    yn = g.add_node("input", {"shape": (None, 4)}, name="y")
    _op(g, "mse", [z, yn], "J")
    info = _info("Broadcasting a bias",
                 "XW is (N, 4) and b is (4,): adding them copies b down every row. In the "
                 "backward pass dJ/db sums dJ/dZ over the rows, back to b's own shape.", (6,),
                 {"optimizer": "adam", "lr": 0.05, "batch_size": 0, "epochs": 300},
                 target={"final_train_cost_below": 0.05})
    return _finish(g, info), data, info


def one_neuron(seed: int = 0) -> Built:
    info = _info("One neuron on moons",
                 "Logistic regression on two interleaving moons: one straight boundary, so "
                 "some points always end up on the wrong side.", (7,),
                 {"optimizer": "adam", "lr": 0.05, "batch_size": 0, "epochs": 300},
                 target={"train_accuracy": 0.8, "train_accuracy_below": 0.93})
    return (_finish(_binary_net((), "identity", seed), info),
            _binary_labels(datasets.moons(seed=seed)), info)


def hidden_layer(seed: int = 0) -> Built:
    info = _info("A hidden layer on moons",
                 "The same data with one hidden layer of 8 tanh units: z[1] = W[1]·a[0] + b[1], "
                 "a[1] = tanh(z[1]), and the boundary bends around the moons.", (7, 8, 9, 12),
                 {"optimizer": "adam", "lr": 0.05, "batch_size": 0, "epochs": 300},
                 target={"train_accuracy": 0.97})
    return (_finish(_binary_net((8,), "tanh", seed), info),
            _binary_labels(datasets.moons(seed=seed)), info)


def _small_noisy(seed: int) -> tuple[Dataset, Dataset]:
    """Few, noisy points: a large network can memorize them (train set 60, dev set 240)."""
    ds = _binary_labels(datasets.moons(n=300, noise=0.3, seed=seed))
    train, dev, _ = split(ds, train=0.2, dev=0.8, seed=seed)
    return train, dev


def too_small(seed: int = 0) -> Built:
    train, dev = _small_noisy(seed)
    info = _info("Too small: high bias",
                 "Logistic regression on noisy moons: even the training error stays high. "
                 "The recipe: a bigger network, or train longer.", (16,),
                 {"optimizer": "adam", "lr": 0.05, "batch_size": 0, "epochs": 300},
                 dev_sets={"dev": dev}, target={"train_accuracy_below": 0.9})
    return _finish(_binary_net((), "identity", seed), info), train, info


def too_large(seed: int = 0) -> Built:
    train, dev = _small_noisy(seed)
    info = _info("Too large: high variance",
                 "Two hidden layers of 64 units on 60 noisy points: the training error goes "
                 "to zero while the dev error stays high. The recipe: more data, or "
                 "regularization.", (16,),
                 {"optimizer": "adam", "lr": 0.01, "batch_size": 0, "epochs": 800},
                 dev_sets={"dev": dev}, target={"train_accuracy": 0.98, "dev_gap_above": 0.12})
    return _finish(_binary_net((64, 64), "relu", seed), info), train, info


def regularized(seed: int = 0) -> Built:
    train, dev = _small_noisy(seed)
    info = _info("Too large, with dropout",
                 "The same large network with dropout (rate 0.7) after each hidden layer: the "
                 "gap between training and dev accuracy shrinks.", (16,),
                 {"optimizer": "adam", "lr": 0.01, "batch_size": 0, "epochs": 250},
                 dev_sets={"dev": dev}, target={"dev_gap_below": 0.1})
    return _finish(_binary_net((64, 64), "relu", seed, dropout=0.7), info), train, info


def _circles(seed: int) -> Dataset:
    return _binary_labels(datasets.circles(seed=seed))


def circles_linear(seed: int = 0) -> Built:
    info = _info("Circles, raw inputs, one neuron",
                 "Logistic regression on (x1, x2) cannot separate one ring inside another: "
                 "accuracy stays near chance.", (20,),
                 {"optimizer": "adam", "lr": 0.05, "batch_size": 0, "epochs": 300},
                 target={"train_accuracy_below": 0.7})
    return _finish(_binary_net((), "identity", seed), info), _circles(seed), info


def circles_features(seed: int = 0) -> Built:
    info = _info("Circles, hand-made features",
                 "The same neuron fed x1, x2, x1² and x2²: a design choice (the radius "
                 "matters) makes the problem linear.", (20,),
                 {"optimizer": "adam", "lr": 0.05, "batch_size": 0, "epochs": 300},
                 target={"train_accuracy": 0.97})
    return _finish(_binary_net((), "identity", seed, features=True), info), _circles(seed), info


def circles_learned(seed: int = 0) -> Built:
    info = _info("Circles, learned features",
                 "A hidden layer of 8 tanh units on the raw (x1, x2) learns features that do "
                 "the same job, from the labelled data alone.", (20,),
                 {"optimizer": "adam", "lr": 0.05, "batch_size": 0, "epochs": 300},
                 target={"train_accuracy": 0.97})
    return _finish(_binary_net((8,), "tanh", seed), info), _circles(seed), info


COURSE_EXAMPLES = {
    "loss_and_cost": ("Loss and cost", "Per-example losses feeding a mean cost.", loss_and_cost),
    "broadcasting": ("Broadcasting", "A bias vector added to every row, and its summed gradient.",
                     broadcasting),
    "one_neuron": ("One neuron", "Logistic regression on moons.", one_neuron),
    "hidden_layer": ("One hidden layer", "The same data with a hidden layer.", hidden_layer),
    "too_small": ("High bias", "A network too small for the data.", too_small),
    "too_large": ("High variance", "A large network memorizes a small noisy set.", too_large),
    "regularized": ("Regularized", "The large network with dropout.", regularized),
    "circles_linear": ("Circles, raw inputs", "One neuron cannot separate rings.", circles_linear),
    "circles_features": ("Circles, hand-made features", "x² features make rings separable.",
                         circles_features),
    "circles_learned": ("Circles, learned features", "A hidden layer learns them instead.",
                        circles_learned),
}
