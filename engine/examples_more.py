"""Five more of the course's ideas as ready-made graphs with their own data:

- ``vectorization`` (idea 5): logistic regression on the 8x8 digits ("is it a 0?"), whose
  gradient step the Data panel times written with Python loops and with NumPy;
- ``activation_functions`` (idea 10): four copies of one network on the same circles, with
  ReLU, leaky ReLU, tanh and sigmoid hidden layers, each with its own loss; J is their sum, so
  one run trains all four from the same initial weights, and each branch's loss and accuracy
  can be read apart (:func:`loss_accuracies`);
- ``representation_learning`` (idea 17): a deeper dense net on the digits whose later layers
  respond to more abstract patterns: the top-activating examples of a later unit are more
  often one digit (:func:`top_example_purity`);
- ``gradient_checking`` (idea 21): a small network with one ``practice_dense`` layer whose
  ``mistake`` parameter breaks its backward pass on purpose, for the gradient check to catch;
- ``digits_mismatch`` (idea 23): trained on clean digits, with a clean dev set and a dev set of
  noisy, shifted digits: the clean figure misleads about the data that matters.

Builders follow :mod:`engine.examples`: ``(graph, dataset, info)``; this module does not import
it (engine.examples registers these), so either can be imported first.
"""
from __future__ import annotations

import numpy as np

from .msg import Msg
from .example_parts import finish as _finish, info as _info, op as _op
from . import datasets
from .data.digits import DIGIT_SIZE, digits
from .executor import Executor
from .graph import Graph
from .ops.base import get_op
from .ops.losses import accuracy
from .training import Dataset, split

__all__ = ["vectorization", "activation_functions", "representation_learning",
           "gradient_checking", "digits_mismatch", "loss_accuracies", "top_example_purity",
           "noisy_shifted", "BRANCHES", "MORE_EXAMPLES"]

# in the course's order; the last one's loss is the one whose accuracy training reports
Built = tuple[Graph, Dataset, dict]


BRANCHES = (("sigmoid", "sigmoid"), ("tanh", "tanh"), ("relu", "relu"), ("leaky", "leaky_relu"))


# -- helpers ---------------------------------------------------------------------------------
def loss_accuracies(graph: Graph, dataset: Dataset) -> dict[str, float]:
    """{loss node name: accuracy of its prediction on ``dataset``} for every loss node that takes
    (prediction, target), from one forward pass in evaluation mode."""
    ex = Executor(graph, dtype=np.float64)
    feeds = {n.name: dataset[n.name] for n in graph.nodes.values() if get_op(n.op).is_feed}
    ex.run(feeds, training=False, backward=False)
    out = {}
    for nid in graph.topo_order():
        node = graph.nodes[nid]
        op = get_op(node.op)
        if op.category != "Losses" or len(op.inputs) != 2:
            continue
        srcs = ex.entries[ex.index[nid]].srcs
        acc = accuracy(node.op, ex.last_values[srcs[0]], ex.last_values[srcs[1]])
        if acc is not None:
            out[node.name] = float(acc)
    return out


def top_example_purity(graph: Graph, dataset: Dataset, node: str, k: int = 12) -> float:
    """How much one layer's units respond to one class: for each unit of ``node`` (a dense
    layer, output (N, units)) take the ``k`` examples of ``dataset`` that activate it most and
    the share of the commonest label among them; return the mean over the units that vary
    (dead units, constant on the data, are left out). 1.0 = every unit picks one class."""
    nid = graph.resolve(node)
    ex = Executor(graph, dtype=np.float64)
    feeds = {n.name: dataset[n.name] for n in graph.nodes.values() if get_op(n.op).is_feed}
    ex.run(feeds, training=False, backward=False)
    a = np.asarray(ex.last_values[ex.index[nid]]).reshape(len(dataset), -1)
    labels = np.asarray(dataset["y"]).astype(np.int64).reshape(-1)
    shares = []
    for u in range(a.shape[1]):
        col = a[:, u]
        if col.max() - col.min() <= 1e-12:
            continue
        top = np.argsort(-col, kind="stable")[:k]
        shares.append(np.bincount(labels[top]).max() / len(top))
    return float(np.mean(shares)) if shares else 0.0


def noisy_shifted(data: Dataset, sigma: float = 0.25, seed: int = 1) -> Dataset:
    """The same digits x (N, 64), each moved by up to one pixel in each direction (zeros come
    in at the edge) and with Gaussian noise of ``sigma`` added, clipped to [0, 1]."""
    rng = np.random.default_rng(seed)
    x = np.asarray(data["x"], np.float32).reshape(-1, DIGIT_SIZE, DIGIT_SIZE)
    out = np.zeros_like(x)
    moves = rng.integers(-1, 2, size=(len(x), 2))
    s = DIGIT_SIZE
    for i, (dy, dx) in enumerate(moves):
        out[i, max(dy, 0):s + min(dy, 0), max(dx, 0):s + min(dx, 0)] = \
            x[i, max(-dy, 0):s + min(-dy, 0), max(-dx, 0):s + min(-dx, 0)]
    out = np.clip(out + rng.normal(0.0, sigma, out.shape), 0.0, 1.0).astype(np.float32)
    return Dataset({"x": out.reshape(len(x), -1), "y": np.asarray(data["y"])},
                   "noisy, shifted digits", Msg("dataset.noisy_digits", sigma=sigma),
                   dict(data.meta))


def _digits_input(g: Graph) -> str:
    return g.add_node("input", {"shape": (None, DIGIT_SIZE * DIGIT_SIZE)}, name="x")


def _class_head(g: Graph, h: str, classes: int = 10) -> None:
    z = _op(g, "dense", [h], "logits", units=classes, activation="identity")
    y = g.add_node("input", {"shape": (None,), "dtype": "int"}, name="y")
    _op(g, "softmax_ce", [z, y], "J")


# -- 3. vectorization ------------------------------------------------------------------------
def vectorization(seed: int = 0) -> Built:
    """x (N, 64) digit pixels → dense 1 → bce_logits against y (N, 1): 1.0 for a 0, else 0.0."""
    d = digits()
    zero = (d["y"] == 0).astype(np.float32).reshape(-1, 1)
    data = Dataset({"x": d["x"], "y": zero}, "digits: is it a 0?",
                   Msg("dataset.zero_digits"),
                   {**d.meta, "task": "binary", "class_names": ["other", "0"]})
    g = Graph(seed)
    x = _digits_input(g)
    z = _op(g, "dense", [x], "z", units=1, activation="identity")
    y = g.add_node("input", {"shape": (None, 1), "dtype": "float"}, name="y")
    _op(g, "bce_logits", [z, y], "J")
    info = _info("Loops versus vectorized code",
                 f"Logistic regression on {len(data)} digits of 64 pixels: is it a 0? One "
                 "gradient step loops over every example and every pixel; the vectorized one "
                 "is a few matrix products. The Data panel times both on this data.", (5, 4),
                 {"optimizer": "sgd", "lr": 0.5, "batch_size": 0, "epochs": 60},
                 target={"train_accuracy": 0.98})
    return _finish(g, info), data, info


# -- 7. activation functions -----------------------------------------------------------------
ACTIVATION_UNITS = 8


def activation_functions(seed: int = 0) -> Built:
    """x (N, 2) feeds four branches dense 8 g → dense 8 g → dense 1 (g = sigmoid, tanh, relu,
    leaky_relu), each with its own bce_logits loss L_g against y (N, 1); J = Σ L_g. Every
    branch starts from the same weights as the first. The branches share no weights, so the
    gradient of J for a branch's weights is exactly that of its own loss: one run of J is four
    runs side by side."""
    base = datasets.circles(seed=seed)
    data = Dataset({"x": base["x"], "y": base["y"].astype(np.float32).reshape(-1, 1)},
                   base.name, base.description, dict(base.meta))
    g = Graph(seed)
    x = g.add_node("input", {"shape": (None, 2)}, name="x")
    y = g.add_node("input", {"shape": (None, 1), "dtype": "float"}, name="y")
    losses, layers = [], []
    for short, act in BRANCHES:
        h1 = _op(g, "dense", [x], f"{short}1", units=ACTIVATION_UNITS, activation=act)
        h2 = _op(g, "dense", [h1], f"{short}2", units=ACTIVATION_UNITS, activation=act)
        z = _op(g, "dense", [h2], f"{short}_z", units=1, activation="identity")
        losses.append(_op(g, "bce_logits", [z, y], f"L_{short}"))
        layers.append((h1, h2, z))
    _op(g, "add_n", losses, "J")
    # the Loss curves panel shows each head's own cost and accuracy under these names
    g.meta["head_labels"] = {f"L_{short}": act.replace("_", " ") for short, act in BRANCHES}
    for branch in layers[1:]:
        for src, dst in zip(layers[0], branch):
            g.set_weights(dst, {k: np.array(v) for k, v in g.nodes[src].weights.items()})
    info = _info("Four activation functions side by side",
                 "One network, copied four times from the same initial weights, on the same "
                 "circles: sigmoid, tanh, ReLU and leaky ReLU hidden layers. Each copy has its "
                 "own loss L_sigmoid, L_tanh, L_relu, L_leaky; the cost J is their sum, so one "
                 "run trains all four and each loss shows how far its copy got.", (10,),
                 {"optimizer": "sgd", "lr": 0.5, "batch_size": 0, "epochs": 300},
                 target={"branch_accuracy": {"L_relu": 0.97, "L_leaky": 0.97, "L_tanh": 0.97},
                         "branch_accuracy_below": {"L_sigmoid": 0.8}},
                 branches={short: f"L_{short}" for short, _ in BRANCHES})
    return _finish(g, info), data, info


# -- 11. representation learning -------------------------------------------------------------
DEEP_WIDTHS = (64, 32, 16)


def representation_learning(seed: int = 0) -> Built:
    """x (N, 1, 8, 8) → flatten (N, 64) → dense 64 relu → dense 32 relu → dense 16 relu →
    dense 10 → softmax_ce. The input stays an image so views can show the examples as pictures.
    He initialization and a learning rate of 0.005 keep most ReLU units alive (at 0.01 about a
    third of layer1 dies)."""
    train, dev, _ = split(digits(images=True), train=0.8, dev=0.2, seed=seed)
    g = Graph(seed)
    x = g.add_node("input", {"shape": (None, 1, DIGIT_SIZE, DIGIT_SIZE)}, name="x")
    h = _op(g, "flatten", [x], "pixels")
    for i, units in enumerate(DEEP_WIDTHS, start=1):
        h = _op(g, "dense", [h], f"layer{i}", units=units, activation="relu", init="he")
    _class_head(g, h)
    info = _info("Later layers, more abstract features",
                 "Three hidden layers on the handwritten digits. After training, a unit of "
                 "layer1 fires most for a stroke that several digits share; a unit of layer3 "
                 "fires most for one digit. The Activations panel shows each unit's "
                 "top-activating examples.", (17,),
                 {"optimizer": "adam", "lr": 0.005, "batch_size": 64, "epochs": 20},
                 dev_sets={"dev": dev}, target={"train_accuracy": 0.97, "dev_accuracy": 0.95},
                 layers=[f"layer{i}" for i in range(1, len(DEEP_WIDTHS) + 1)])
    return _finish(g, info), train, info


# -- 13. gradient checking -------------------------------------------------------------------
def _two_blobs(seed: int, n: int = 200) -> Dataset:
    """Two Gaussian clouds in 3-D (classes 0 and 1), x (N, 3) float32, y (N,) int64."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    centers = np.array([[-1.0, 0.5, 0.0], [1.0, -0.5, 0.5]])
    x = (centers[y] + 0.7 * rng.standard_normal((n, 3))).astype(np.float32)
    return Dataset({"x": x, "y": y.astype(np.int64)}, "two clouds in 3-D",
                   Msg("dataset.two_clouds"),
                   {"task": "classification", "classes": 2, "class_names": ["0", "1"]})


def gradient_checking(seed: int = 0) -> Built:
    """x (N, 3) → dense 4 tanh → practice_dense 3 tanh ("hidden2", mistake none) → dense 2 →
    softmax_ce. tanh is smooth, so no entry sits on a kink of J."""
    g = Graph(seed)
    x = g.add_node("input", {"shape": (None, 3)}, name="x")
    h1 = _op(g, "dense", [x], "hidden1", units=4, activation="tanh")
    h2 = _op(g, "practice_dense", [h1], "hidden2", units=3, activation="tanh", mistake="none")
    _class_head(g, h2, classes=2)
    info = _info("Gradient checking, with a bug to catch",
                 "A small network whose layer hidden2 can get its backward pass wrong on "
                 "purpose (its 'mistake' parameter). The gradient check compares every "
                 "gradient with (J(θ + ε) − J(θ − ε)) / 2ε: it passes on the correct graph "
                 "and names the arrays a mistake spoils.", (21, 18),
                 {"optimizer": "adam", "lr": 0.05, "batch_size": 0, "epochs": 100},
                 target={"train_accuracy": 0.9}, practice_node="hidden2")
    return _finish(g, info), _two_blobs(seed), info


# -- 14. dev and test from different distributions --------------------------------------------
def digits_mismatch(seed: int = 0) -> Built:
    """x (N, 64) → dense 32 relu → dense 10 → softmax_ce; trained on 60% of the clean digits,
    with dev sets 'clean digits' (20%, clean) and 'noisy, shifted digits' (the other 20%,
    moved and noised by :func:`noisy_shifted`)."""
    train, clean, rest = split(digits(), train=0.6, dev=0.2, test=0.2, seed=seed)
    noisy = noisy_shifted(rest, seed=seed + 1)
    g = Graph(seed)
    h = _op(g, "dense", [_digits_input(g)], "hidden", units=32, activation="relu")
    _class_head(g, h)
    info = _info("Clean digits in training, noisy ones in use",
                 "Trained on clean scanned digits. One dev set is more clean digits; the other "
                 "is what the model will really meet: digits off-centre by a pixel, with "
                 "noise. The clean dev figure says the model is nearly perfect; the noisy one "
                 "says otherwise. Dev and test data must come from the distribution you care "
                 "about.", (23,),
                 {"optimizer": "adam", "lr": 0.01, "batch_size": 64, "epochs": 20},
                 dev_sets={"clean digits": clean, "noisy, shifted digits": noisy},
                 target={"train_accuracy": 0.97,
                         "named_dev_accuracy": {"clean digits": 0.93},
                         "named_dev_accuracy_below": {"noisy, shifted digits": 0.7}})
    return _finish(g, info), train, info


MORE_EXAMPLES = {
    "vectorization": ("Loops vs vectorized", "One logistic-regression step with for-loops and "
                      "with NumPy, timed on the digits.", vectorization),
    "activation_functions": ("Activation functions", "ReLU, leaky ReLU, tanh and sigmoid "
                             "networks trained side by side.", activation_functions),
    "representation_learning": ("Representation learning", "A deeper net on digits: later "
                                "layers respond to whole digits.", representation_learning),
    "gradient_checking": ("Gradient checking", "A switch breaks one layer's backward pass; "
                          "the check catches it.", gradient_checking),
    "digits_mismatch": ("Clean vs noisy digits", "A clean dev set misleads when the real "
                        "data is noisy.", digits_mismatch),
}
