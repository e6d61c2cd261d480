"""The example graphs of the app's Examples menu.

Each builder takes a seed and returns ``(graph, dataset or None, info)``. Node positions are left
empty (the app lays the graph out). Input nodes are named after the dataset arrays they take
(``"x"`` features, ``"y"`` labels), and the cost node is called ``"J"``. ``info`` holds the
title, a description, the course ideas it illustrates (numbers of the mission's list) and
suggested training settings (keyword arguments of :class:`engine.training.TrainConfig`).
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from .example_parts import (classifier, conv_block, finish as _finish, info as _info,
                            op as _op, quantized)
from . import datasets
from .data import examples_extra
from .graph import Graph
from .msg import Msg
from .training import Dataset

Built = tuple[Graph, "Dataset | None", dict]

__all__ = ["EXAMPLES", "build", "Built", "open_example", "example_info", "example_dataset",
           "example_graph"]


def _scalar(g: Graph, name: str, value: float) -> str:
    return g.add_node("parameter", {"shape": ()}, name=name,
                      weights={"value": np.array(float(value))})


def scalar_chain(seed: int = 0) -> Built:
    """J = 3(a + b·c) with a = 5, b = 3, c = 2: u = b·c, v = a + u, J = 3v."""
    g = Graph(seed)
    a, b, c = _scalar(g, "a", 5), _scalar(g, "b", 3), _scalar(g, "c", 2)
    u = _op(g, "multiply", [b, c], "u")
    v = _op(g, "add", [a, u], "v")
    three = g.add_node("constant", {"value": 3.0}, name="three")
    _op(g, "multiply", [three, v], "J")
    info = _info("Computation graph J = 3(a + bc)",
                 "The course's chain-rule example: u = bc, v = a + u, J = 3v. Step backward to "
                 "see dJ/dv = 3, dJ/da = 3, dJ/db = 3c = 6, dJ/dc = 3b = 9.", (3, 22))
    return _finish(g, info), None, info


def fan_out(seed: int = 0) -> Built:
    """a feeds two nodes: u = a·b and J = u + a, so dJ/da = b + 1 sums two paths."""
    g = Graph(seed)
    a, b = _scalar(g, "a", 2), _scalar(g, "b", 3)
    u = _op(g, "multiply", [a, b], "u")
    _op(g, "add", [u, a], "J")
    info = _info("A value used twice",
                 "a feeds u = a·b and J = u + a. Its gradient is the sum of what comes back "
                 "along both edges: dJ/da = b + 1 = 4.", (22,))
    return _finish(g, info), None, info


def logistic_regression(seed: int = 0) -> Built:
    """x (N, 2) → dense 1 → bce_logits with y (N, 1) float labels."""
    g = Graph(seed)
    x = g.add_node("input", {"shape": (None, 2)}, name="x")
    z = _op(g, "dense", [x], "z", units=1, activation="identity")
    y = g.add_node("input", {"shape": (None, 1), "dtype": "float"}, name="y")
    _op(g, "bce_logits", [z, y], "J")
    info = _info("Logistic regression",
                 "One neuron: z = Wx + b, and the cross-entropy of sigmoid(z) against the label.",
                 (2, 7), {"optimizer": "sgd", "lr": 0.5, "batch_size": 0, "epochs": 200})
    return _finish(g, info), datasets.line(seed=seed), info


def _mlp(activation: str, seed: int) -> Graph:
    g = Graph(seed)
    x = g.add_node("input", {"shape": (None, 2)}, name="x")
    h1 = _op(g, "dense", [x], "dense1", units=16, activation=activation)
    h2 = _op(g, "dense", [h1], "dense2", units=16, activation=activation)
    classifier(g, h2, 2, "dense3")
    return g


def xor_mlp(seed: int = 0) -> Built:
    """The 2-16-16-2 network: x (N, 2), two dense 16 relu layers, dense 2, softmax_ce."""
    info = _info("Two hidden layers on XOR",
                 "A 2-16-16-2 network with ReLU hidden layers learns the XOR clusters, which "
                 "no straight line separates.", (8, 9, 10, 12, 13, 14, 15),
                 {"optimizer": "adam", "lr": 0.01, "batch_size": 32, "epochs": 30})
    return _finish(_mlp("relu", seed), info), datasets.xor(seed=seed), info


def linear_collapse(seed: int = 0) -> Built:
    """The same network with identity activations: any depth stays a linear function."""
    info = _info("Without non-linear activations",
                 "The XOR network with every activation set to identity: the layers multiply "
                 "out to one matrix, the boundary is a straight line, and accuracy stays near "
                 "chance.", (11,), {"optimizer": "adam", "lr": 0.01, "batch_size": 32,
                                    "epochs": 30})
    return _finish(_mlp("identity", seed), info), datasets.xor(seed=seed), info


def dev_mismatch(seed: int = 0) -> Built:
    """The XOR network on moons, with two dev sets: one like the training data, one rotated
    and shifted (another distribution). ``info["dev_sets"]`` holds both."""
    train, same, other = datasets.other_distribution("moons", seed=seed)
    info = _info("Dev set from another distribution",
                 "Trained on moons; one dev set comes from the same distribution, the other "
                 "from a rotated and shifted one. High accuracy on the first says nothing about "
                 "the second: dev and test data must look like the data you care about.", (23,),
                 {"optimizer": "adam", "lr": 0.01, "batch_size": 32, "epochs": 30},
                 dev_sets={Msg("dataset.dev_same"): same, Msg("dataset.dev_other"): other})
    return _finish(_mlp("relu", seed), info), train, info


def housing(seed: int = 0) -> Built:
    """4 features → dense 3 relu → dense 1 → mse against y (N, 1)."""
    g = Graph(seed)
    x = g.add_node("input", {"shape": (None, 4)}, name="x")
    h = _op(g, "dense", [x], "hidden", units=3, activation="relu")
    p = _op(g, "dense", [h], "price", units=1, activation="identity")
    y = g.add_node("input", {"shape": (None, 1)}, name="y")
    _op(g, "mse", [p, y], "J")
    info = _info("House prices",
                 "Size, bedrooms, zip code and wealth predict the price. The data comes from "
                 "hidden factors (family size, walkability, school quality); after training, "
                 "compare each hidden unit with them.", (1, 17),
                 {"optimizer": "adam", "lr": 0.02, "batch_size": 32, "epochs": 60},
                 hidden_node="hidden")
    return _finish(g, info), datasets.housing(seed=seed), info


def small_cnn(seed: int = 0) -> Built:
    """x (N, 1, 8, 8) → conv 3x3 (8 filters, pad 1) → relu → max pool 2 → flatten → dense 4."""
    g = Graph(seed)
    x = g.add_node("input", {"shape": (None, 1, 8, 8)}, name="x")
    f = _op(g, "flatten", [conv_block(g, x, 1, 8, pool=2)], "flatten")
    classifier(g, f, len(datasets.SHAPE_CLASSES))
    info = _info("A small convolutional network",
                 "Tiny images of bars, crosses and rings: one convolution layer, pooling and a "
                 "dense classifier. Look at the learned filters and the feature maps.",
                 (24, 25, 26), {"optimizer": "adam", "lr": 0.01, "batch_size": 32,
                                "epochs": 15})
    return _finish(g, info), datasets.shapes(size=8, seed=seed), info


INCEPTION_INPUT = (None, 32, 16, 16)


def _inception(bottleneck: bool, seed: int) -> Graph:
    """Branches 1x1 (16) | [1x1 (16) →] 3x3 (24) | [1x1 (4) →] 5x5 (8) | maxpool 3 [→ 1x1 (8)],
    joined on the channel axis, then a small classifier head so there is a cost."""
    g = Graph(seed)
    x = g.add_node("input", {"shape": INCEPTION_INPUT}, name="x")
    module = []

    def conv(src: str, name: str, out: int, k: int) -> str:
        c = _op(g, "conv2d", [src], name, out_channels=out, kernel=k, padding=k // 2)
        r = _op(g, "relu", [c], f"{name}_relu")
        module.extend([c, r])
        return r

    b1 = conv(x, "b1_1x1", 16, 1)
    b2 = conv(conv(x, "b2_reduce", 16, 1), "b2_3x3", 24, 3) if bottleneck else \
        conv(x, "b2_3x3", 24, 3)
    b3 = conv(conv(x, "b3_reduce", 4, 1), "b3_5x5", 8, 5) if bottleneck else \
        conv(x, "b3_5x5", 8, 5)
    pool = _op(g, "max_pool2d", [x], "b4_pool", kernel=3, stride=1, padding=1)
    module.append(pool)
    b4 = conv(pool, "b4_1x1", 8, 1) if bottleneck else pool
    cat = _op(g, "concat", [b1, b2, b3, b4], "concat", axis=1)
    module.append(cat)
    g.group(module, "inception")
    classifier(g, _op(g, "global_avg_pool", [cat], "gap"), 10)
    return g


def _inception_data(seed: int) -> Dataset:
    """Gratings of the inception input's shape, one class per logit."""
    _, channels, size, _ = INCEPTION_INPUT
    return quantized(datasets.gratings(channels=channels, size=size, classes=10, seed=seed))


def inception_module(seed: int = 0) -> Built:
    info = _info("Inception module",
                 "Parallel 1x1, 3x3, 5x5 and pooling branches joined along the channels. The "
                 "1x1 'bottleneck' convolutions before the 3x3 and 5x5 ones cut the multiply "
                 "count; compare with the variant without them.", (30,),
                 {"optimizer": "adam", "lr": 0.005, "batch_size": 32, "epochs": 5},
                 compare="inception_naive", input_shape=INCEPTION_INPUT)
    return _finish(_inception(True, seed), info), _inception_data(seed), info


def inception_naive(seed: int = 0) -> Built:
    info = _info("Inception module without bottlenecks",
                 "The same branches with the 3x3 and 5x5 convolutions applied to all 32 input "
                 "channels directly, and the pooled channels passed on as they are: more "
                 "multiplies and more output channels.", (30,),
                 {"optimizer": "adam", "lr": 0.005, "batch_size": 32, "epochs": 5},
                 compare="inception_module", input_shape=INCEPTION_INPUT)
    return _finish(_inception(False, seed), info), _inception_data(seed), info


EMBED_DIM = 8


def embedding(seed: int = 0) -> Built:
    """ids (N,) → embedding (V, 8) → dense V → softmax_ce against context ids (N,)."""
    data = datasets.word_pairs(seed=seed)
    vocab = len(data.meta["vocab"])
    g = Graph(seed)
    x = g.add_node("input", {"shape": (None,), "dtype": "int"}, name="x")
    e = _op(g, "embedding", [x], "embed", num_embeddings=vocab, dim=EMBED_DIM)
    classifier(g, e, vocab, "context")
    info = _info("Word embeddings",
                 "Each word id picks a row of the embedding matrix; the network learns to "
                 "predict the words around it, so words used alike get similar vectors.",
                 (27,), {"optimizer": "adam", "lr": 0.02, "batch_size": 64, "epochs": 10},
                 embedding_node="embed")
    return _finish(g, info), data, info


EXAMPLES: dict[str, tuple[str, str, Callable[..., Built]]] = {
    "scalar_chain": ("J = 3(a + bc)", "The chain rule on a scalar computation graph.",
                     scalar_chain),
    "fan_out": ("A value used twice", "Gradients from two consumers add up.", fan_out),
    "logistic_regression": ("Logistic regression", "One neuron with cross-entropy loss.",
                            logistic_regression),
    "xor_mlp": ("Two-layer network on XOR", "A 2-16-16-2 ReLU network learns XOR.", xor_mlp),
    "linear_collapse": ("Linear activations", "Without non-linearity, depth collapses to one "
                        "linear map.", linear_collapse),
    "dev_mismatch": ("Dev set from another distribution", "Why dev and test sets must match "
                     "the data you care about.", dev_mismatch),
    "housing": ("House prices", "Regression whose hidden units can learn the hidden factors.",
                housing),
    "small_cnn": ("Small CNN", "Convolution, pooling and a classifier on tiny images.",
                  small_cnn),
    "inception_module": ("Inception module", "Parallel branches with 1x1 bottlenecks.",
                         inception_module),
    "inception_naive": ("Inception without bottlenecks", "The same module without 1x1 "
                        "reductions, for comparing multiply counts.", inception_naive),
    "embedding": ("Word embeddings", "Learn word vectors from a tiny corpus.", embedding),
}


from .examples_course import COURSE_EXAMPLES  # noqa: E402 - its builders use the helpers above

EXAMPLES.update(COURSE_EXAMPLES)
EXAMPLES.update(examples_extra.EXAMPLES)   # examples on real data (digits, the text corpus)
from .examples_conv import CONV_EXAMPLES  # noqa: E402
EXAMPLES.update(CONV_EXAMPLES)

from .examples_more import MORE_EXAMPLES  # noqa: E402 - vectorization, activations, gradient check…

EXAMPLES.update(MORE_EXAMPLES)


# The app opens the shipped files the builders wrote (assets/examples/build.py), not the builders.
from .examples_files import (example_dataset, example_graph, example_info,  # noqa: E402,F401
                             open_example)


def build(name: str, seed: int = 0) -> Built:
    """Build the example ``name`` (a key of :data:`EXAMPLES`) from its builder; the app opens
    the shipped file instead (:func:`open_example`)."""
    if name not in EXAMPLES:
        raise KeyError(f"unknown example {name!r}; choose one of {', '.join(EXAMPLES)}")
    return EXAMPLES[name][2](seed)
