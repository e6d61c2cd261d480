"""Convolutional examples: a CNN on the digits, the course's output-size example, transfer
learning in three steps, and the course's inception module at full size.

* ``digits_cnn`` (ideas 24, 26): conv → relu → pool → conv → relu → pool → dense on the 8x8
  digits. Every conv and pool node states (n + 2p − f)/s + 1 with its numbers.
* ``conv_shape`` (26): the course's 32x32x3 input, 20 filters of 8x8, stride 2, padding 1:
  (32 + 2 − 8)/2 + 1 = 14, so 14x14x20. Not trained; shapes and counts are the point.
* ``transfer_base`` / ``transfer_head`` / ``transfer_unfreeze`` (19): the CNN trained on digits
  0-4; its conv part, frozen, turns digits 5-9 into features computed once, on which a new head
  trains; then the whole network on 5-9 with only the first block frozen.
* ``filter_lab`` (24, 25): a one-layer CNN on 16x16 bars, crosses and rings whose trained 3x3
  filters are compared with the classic kernels in the Filter lab.
* ``inception_28`` / ``inception_28_naive`` (30): the module of the course on 28x28x192, with and
  without 1x1 bottlenecks. Its 5x5 branch costs 120 M multiplies without the bottleneck and
  12.4 M with it (:func:`module_counts`).
* ``googlenet_onnx`` (30): the real GoogLeNet from the onnx package's test data, its inception
  modules collapsed, with fresh random weights and a cost so that it steps both ways.

Builders follow :mod:`engine.examples`: ``(seed) -> (graph, dataset, info)``.
"""
from __future__ import annotations

import os
from functools import lru_cache

import numpy as np

from .msg import Msg
from .example_parts import (classifier, conv_block, finish as _finish, info as _info,
                            op as _op, quantized)
from . import datasets
from .data.digits import digits
from .data.precompute import precompute_features
from .graph import Graph
from .training import Dataset, TrainConfig, Trainer, split

__all__ = ["digits_cnn", "conv_shape", "transfer_base", "transfer_head", "transfer_unfreeze",
           "filter_lab", "inception_28", "inception_28_naive", "googlenet_onnx", "module_counts",
           "CONV_EXAMPLES", "BESIDE"]

CNN_TRAIN = {"optimizer": "adam", "lr": 0.01, "batch_size": 32, "epochs": 8}
HEAD_TRAIN = {"optimizer": "adam", "lr": 0.01, "batch_size": 32, "epochs": 15}
UNFREEZE_TRAIN = {"optimizer": "adam", "lr": 0.001, "batch_size": 32, "epochs": 5}
FEATURES = "flatten"          # where the conv part ends and the head begins

Built = tuple[Graph, "Dataset | None", dict]


def _cnn(classes: int, seed: int) -> Graph:
    """x (N, 1, 8, 8) → conv1 3x3 (8, pad 1) → relu → pool 2 → (N, 8, 4, 4) → conv2 3x3
    (16, pad 1) → relu → pool 2 → (N, 16, 2, 2) → flatten (N, 64) → dense ``classes`` →
    softmax_ce against y (N,)."""
    g = Graph(seed)
    x = g.add_node("input", {"shape": (None, 1, 8, 8)}, name="x")
    h = conv_block(g, conv_block(g, x, 1, 8, pool=2), 2, 16, pool=2)
    classifier(g, _op(g, "flatten", [h], FEATURES), classes)
    return g


def _digit_split(digits_kept: range, seed: int) -> tuple[Dataset, Dataset]:
    """The digit images of ``digits_kept`` with labels renumbered from 0, cut 80/20 into
    (train, dev) with ``seed``; x (N, 1, 8, 8) float32, y (N,) int64."""
    ds = digits(images=True)
    keep = np.flatnonzero(np.isin(ds.arrays["y"], list(digits_kept)))
    ds = ds.subset(keep, f"digits {digits_kept[0]}-{digits_kept[-1]}")
    arrays = dict(ds.arrays)
    arrays["y"] = arrays["y"] - digits_kept[0]
    meta = {**ds.meta, "classes": len(digits_kept),
            "class_names": [str(d) for d in digits_kept]}
    ds = Dataset(arrays, ds.name, Msg("dataset.digits_some", first=digits_kept[0],
                                      last=digits_kept[-1]), meta)
    train, dev, _ = split(ds, 0.8, 0.2, seed=seed)
    return train, dev


def digits_cnn(seed: int = 0) -> Built:
    ds = digits(images=True)
    train, dev, _ = split(ds, 0.8, 0.2, seed=seed)
    info = _info("A CNN on handwritten digits",
                 "Two blocks of convolution, ReLU and max pooling, then a dense classifier, on "
                 "the 8x8 digits. Each conv and pool node shows its output size from "
                 "(n + 2p − f)/s + 1 with its own numbers: 8 → 8 → 4 → 4 → 2.", (24, 26),
                 CNN_TRAIN, dev_sets={"dev": dev}, target={"dev_accuracy": 0.95})
    return _finish(_cnn(10, seed), info), train, info


def conv_shape(seed: int = 0) -> Built:
    """x (N, 3, 32, 32) → conv 8x8, 20 filters, stride 2, pad 1 → (N, 20, 14, 14) → relu →
    global average pool → dense 10 → softmax_ce."""
    g = Graph(seed)
    x = g.add_node("input", {"shape": (None, 3, 32, 32)}, name="x")
    c = _op(g, "conv2d", [x], "conv", out_channels=20, kernel=8, stride=2, padding=1)
    r = _op(g, "relu", [c], "relu")
    classifier(g, _op(g, "global_avg_pool", [r], "gap"), 10)
    info = _info("The course's output-size example",
                 "A 32x32x3 image through 20 filters of 8x8x3 with stride 2 and padding 1: "
                 "(32 + 2·1 − 8)/2 + 1 = 14, so the output is 14x14x20. Each filter has "
                 "8·8·3 + 1 = 193 numbers, 3,860 in all, whatever the size of the image.", (26,),
                 {"optimizer": "adam", "lr": 0.01, "batch_size": 20, "epochs": 5})
    return _finish(g, info), quantized(datasets.gratings(n=60, channels=3, size=32, seed=seed)), info


@lru_cache(maxsize=4)
def _trained_base(seed: int) -> tuple[tuple[str, str, np.ndarray], ...]:
    """The weights of ``transfer_base`` after training with its own settings from ``seed``:
    ((node name, weight name, array), ...). Cached: the later steps reuse one run."""
    g, train, info = transfer_base(seed)
    t = Trainer(g, train, info["dev_sets"]["dev"], TrainConfig(**info["train"]))
    t.run()
    return tuple((n.name, k, np.array(v)) for n in g.nodes.values() for k, v in n.weights.items())


def _load_base(g: Graph, seed: int, skip: tuple[str, ...] = ()) -> None:
    for name, key, value in _trained_base(seed):
        if name in skip or name not in {n.name for n in g.nodes.values()}:
            continue
        nid = g.by_name(name)
        g.set_weights(nid, {**g.nodes[nid].weights, key: value.copy()})


def transfer_base(seed: int = 0) -> Built:
    train, dev = _digit_split(range(0, 5), seed)
    info = _info("Transfer learning, 1: learn on digits 0-4",
                 "The digits CNN trained on the digits 0 to 4 only. Its convolutions learn "
                 "strokes and corners that are useful for other digits too; the next two "
                 "examples reuse them for 5 to 9.", (19,), CNN_TRAIN,
                 dev_sets={"dev": dev}, target={"dev_accuracy": 0.95})
    return _finish(_cnn(5, seed), info), train, info


def transfer_head(seed: int = 0) -> Built:
    """The trained base's conv part, frozen, computes ``flatten`` (N, 64) for digits 5-9 once;
    the graph is the new head only: input ``flatten`` (N, 64) → dense 5 → softmax_ce."""
    base, _, _ = transfer_base(seed)
    _load_base(base, seed)
    train, dev = _digit_split(range(5, 10), seed)
    head, train_f = precompute_features(base, train, FEATURES)
    _, dev_f = precompute_features(base, dev, FEATURES)
    head.reinitialize([head.by_name("logits")], seed=seed + 1)     # a new head, not 0-4's
    info = _info("Transfer learning, 2: a new head on frozen features",
                 "The conv part learned on 0-4 is frozen, so its output for each image of "
                 "5-9 never changes: it was computed once (the 'flatten' input holds 64 "
                 "numbers per image) and only a new dense head trains on it, in a fraction of "
                 "the time.", (19,), HEAD_TRAIN, dev_sets={"dev": dev_f},
                 target={"dev_accuracy": 0.92}, features_of=FEATURES)
    return _finish(head, info), train_f, info


@lru_cache(maxsize=4)
def _trained_head(seed: int) -> tuple[tuple[str, np.ndarray], ...]:
    """The new head of ``transfer_head`` after training with its settings from ``seed``:
    ((weight name, array), ...) of its ``logits`` node."""
    g, train, info = transfer_head(seed)
    Trainer(g, train, info["dev_sets"]["dev"], TrainConfig(**info["train"])).run()
    return tuple((k, np.array(v)) for k, v in g.nodes[g.by_name("logits")].weights.items())


def transfer_unfreeze(seed: int = 0) -> Built:
    """The whole CNN on digits 5-9: conv1 frozen with 0-4's weights, conv2 (the last block)
    unfrozen from 0-4's weights, and the head trained in step 2; all fine-tuned with a small
    learning rate (the usual recipe: train the new head first, then unfreeze)."""
    g = _cnn(5, seed)
    _load_base(g, seed, skip=("logits",))
    g.set_weights(g.by_name("logits"), {k: v.copy() for k, v in _trained_head(seed)})
    g.set_frozen(g.by_name("conv1"), True)
    train, dev = _digit_split(range(5, 10), seed)
    info = _info("Transfer learning, 3: unfreeze the last block",
                 "The same network on 5-9 end to end, with step 2's head on top: conv1 stays "
                 "frozen (its 'trainable' box unticked); conv2, the last conv block, trains "
                 "again with the head at a small learning rate, from what it learned on 0-4.",
                 (19,),
                 UNFREEZE_TRAIN, dev_sets={"dev": dev}, target={"dev_accuracy": 0.94})
    return _finish(g, info), train, info


LAB_SIZE = 16
LAB_TRAIN = {"optimizer": "adam", "lr": 0.01, "batch_size": 32, "epochs": 10}


def filter_lab(seed: int = 0) -> Built:
    """x (N, 1, 16, 16) bars, crosses and rings → conv1 3x3 (8 filters, pad 1) → relu →
    max pool 4 → (N, 8, 4, 4) → flatten → dense 4 → softmax_ce. Its 3x3 filters, once
    trained, sit beside the classic 3x3 kernels in the Filter lab."""
    ds = datasets.shapes(n=600, size=LAB_SIZE, seed=seed)
    train, dev, _ = split(ds, 0.8, 0.2, seed=seed)
    g = Graph(seed)
    x = g.add_node("input", {"shape": (None, 1, LAB_SIZE, LAB_SIZE)}, name="x")
    h = _op(g, "flatten", [conv_block(g, x, 1, 8, pool=4)], "flatten")
    classifier(g, h, len(datasets.SHAPE_CLASSES))
    info = _info("Classic kernels and learned ones",
                 "A one-layer CNN learns eight 3x3 filters to tell horizontal bars, vertical "
                 "bars, crosses and rings apart. Trained, its filters are edge and line "
                 "detectors much like Sobel and Prewitt, found from the labels alone.", (24, 25),
                 LAB_TRAIN, dev_sets={"dev": dev}, target={"dev_accuracy": 0.9},
                 learned_node="conv1")
    return _finish(g, info), train, info


COURSE_MODULE_INPUT = (None, 192, 28, 28)
# branch: (reduce channels or None, kernel, out channels); the course's (GoogLeNet 3a) module
_BRANCHES = {"b1": (None, 1, 64), "b2": (96, 3, 128), "b3": (16, 5, 32), "b4": (32, 0, 0)}


def _inception_28(bottleneck: bool, seed: int) -> Graph:
    """x (N, 192, 28, 28) → 1x1 (64) | [1x1 (96) →] 3x3 (128) | [1x1 (16) →] 5x5 (32) |
    max pool 3 [→ 1x1 (32)], joined on channels (256 with bottlenecks, 416 without) → global
    average pool → dense 10 → softmax_ce. Nodes are named by branch: b3_reduce, b3_5x5, ..."""
    g = Graph(seed)
    x = g.add_node("input", {"shape": COURSE_MODULE_INPUT}, name="x")
    module, ends = [], []
    for b, (reduce, k, out) in _BRANCHES.items():
        h = x
        if b == "b4":
            h = _op(g, "max_pool2d", [x], "b4_pool", kernel=3, stride=1, padding=1)
            module.append(h)
            if bottleneck:
                h = _op(g, "conv2d", [h], "b4_1x1", out_channels=reduce, kernel=1)
                module.append(h)
        else:
            if reduce and bottleneck:
                h = _op(g, "conv2d", [h], f"{b}_reduce", out_channels=reduce, kernel=1)
                module.append(h)
            h = _op(g, "conv2d", [h], f"{b}_{k}x{k}", out_channels=out, kernel=k,
                    padding=k // 2)
            module.append(h)
        ends.append(h)
    cat = _op(g, "concat", ends, "concat", axis=1)
    r = _op(g, "relu", [cat], "relu")
    g.group(module + [cat, r], "inception (28x28x192)", collapsed=False)   # branches in view
    classifier(g, _op(g, "global_avg_pool", [r], "gap"), 10)
    return g


def module_counts(graph: Graph) -> dict[str, dict[str, int]]:
    """Parameters and multiply-adds per example of each branch (nodes named b1_..., b2_...)
    and of the whole module ("total"): {"b3": {"params": ..., "macs": ...}, ...}."""
    out: dict[str, dict[str, int]] = {}
    for nid, node in graph.nodes.items():
        branch = node.name.split("_")[0]
        if branch not in _BRANCHES:
            continue
        info = graph.shapes[nid]
        for key in (branch, "total"):
            c = out.setdefault(key, {"params": 0, "macs": 0})
            c["params"] += info.param_count
            c["macs"] += info.macs
    return out


_MODULE_TRAIN = {"optimizer": "adam", "lr": 0.001, "batch_size": 10, "epochs": 1}


def _module_data(seed: int) -> Dataset:
    """Ten gratings of the module's 192x28x28 input (one per class, one batch): enough to step
    and train an epoch. Stored in steps of 1/16 so that its shipped file stays small."""
    return quantized(datasets.gratings(n=10, channels=192, size=28, classes=10, seed=seed))


def inception_28(seed: int = 0) -> Built:
    info = _info("The course's inception module (28x28x192)",
                 "The module of the course on a 28x28x192 input: 1x1 (64), 3x3 (128) and 5x5 "
                 "(32) convolutions and a pooling branch, joined into 28x28x256. The 1x1 "
                 "'reduce' layers shrink 192 channels to 96 and 16 first: the 5x5 branch costs "
                 "2.4 M + 10.0 M = 12.4 M multiplies instead of 120 M.", (30,),
                 _MODULE_TRAIN, compare="inception_28_naive", input_shape=COURSE_MODULE_INPUT)
    return _finish(_inception_28(True, seed), info), _module_data(seed), info


def inception_28_naive(seed: int = 0) -> Built:
    info = _info("The course's inception module without bottlenecks",
                 "The same branches applied to all 192 input channels directly: the 5x5 "
                 "convolution alone needs 28·28·32 · 5·5·192 = 120 M multiplies per image, and "
                 "the pooled 192 channels pass on as they are (28x28x416 out).", (30,),
                 _MODULE_TRAIN, compare="inception_28", input_shape=COURSE_MODULE_INPUT)
    return _finish(_inception_28(False, seed), info), _module_data(seed), info


GOOGLENET_FILE = ("backend", "test", "data", "light", "light_inception_v1.onnx")


def googlenet_path() -> str:
    """The GoogLeNet (inception v1) architecture that ships with the onnx package's tests."""
    import onnx
    return os.path.join(os.path.dirname(onnx.__file__), *GOOGLENET_FILE)


def googlenet_onnx(seed: int = 0, progress=None, should_stop=None) -> Built:
    """GoogLeNet imported from ONNX, data_0 (1, 3, 224, 224) → ... → r142 (1, 1000) logits,
    with a cost J = softmax_ce(r142, y) added so that it steps backward too. The file holds
    the architecture with placeholder weights; fresh weights are drawn from ``seed``.

    ``progress(fraction, what)`` hears how far the import is; ``should_stop()`` true cancels
    it (raising :class:`engine.data.Cancelled`), as the app's worker jobs expect."""
    from .data import Cancelled
    from .onnx import OnnxImportError, import_onnx
    path = googlenet_path()
    if not os.path.isfile(path):
        raise FileNotFoundError(Msg("googlenet.missing", path=path))

    def layers(done: int, total: int) -> None:
        if progress is not None:
            progress(0.8 * done / max(1, total), Msg("googlenet.layers"))
    try:
        g = import_onnx(path, progress=layers, cancelled=should_stop)   # blocks collapsed
    except OnnxImportError:
        if should_stop is not None and should_stop():
            raise Cancelled(Msg("googlenet.cancelled")) from None
        raise
    if progress is not None:
        progress(0.85, Msg("googlenet.weights"))
    g.reinitialize(seed=seed)
    with g.batch():                  # any number of images, not the file's fixed batch of 1
        g.set_params(g.by_name("data_0"), {"shape": (None, 3, 224, 224)})
        g.set_params(g.by_name("inception_5b_1x1_reshape"), {"shape": (0, 1024)})
    logits = next(s for s in g.inputs_of(g.by_name("prob_1")) if s is not None)
    y = g.add_node("input", {"shape": (None,), "dtype": "int"}, name="y")
    j = g.add_node("softmax_ce", {}, name="J")
    x, yy = g.nodes[logits].ui["pos"]
    g.nodes[y].ui["pos"], g.nodes[j].ui["pos"] = [x + 260.0, yy + 120.0], [x + 520.0, yy]
    g.connect(logits, j, 0)
    g.connect(y, j, 1)
    info = _info("GoogLeNet, imported from ONNX",
                 "The real inception network (GoogLeNet, 2014) read from an ONNX file: nine "
                 "inception modules like the course's one, each collapsed into one box. "
                 "Expand inception_3a: its branches are those of the 'Inception 28x28x192' "
                 "example, on 27x27x192 here because this file's pools round sizes down where "
                 "the paper rounds up.", (30,), {"optimizer": "adam", "lr": 0.001, "batch_size": 1,
                                           "epochs": 1},
                 input_shape=(None, 3, 224, 224))
    data = datasets.gratings(n=2, channels=3, size=224, classes=10, seed=seed)
    data = Dataset({"data_0": data.arrays["x"], "y": data.arrays["y"]}, data.name,
                   data.description, data.meta)
    info["dev_sets"] = {"dev": data.subset(np.array([1]), "gratings (dev)")}
    return _finish(g, info), data.subset(np.array([0]), "gratings (train)"), info


CONV_EXAMPLES = {
    "digits_cnn": ("CNN on digits", "Convolution, pooling and a classifier on handwritten "
                   "digits, with the output-size formula on each node.", digits_cnn),
    "conv_shape": ("Output size 14x14x20", "The course's 32x32x3 input, 20 filters of 8x8, "
                   "stride 2, padding 1.", conv_shape),
    "filter_lab": ("Filter lab", "Classic kernels beside a CNN's learned 3x3 filters.",
                   filter_lab),
    "transfer_base": ("Transfer 1: digits 0-4", "The CNN learns on half the digits.",
                      transfer_base),
    "transfer_head": ("Transfer 2: a new head", "Frozen features, computed once, for digits "
                      "5-9.", transfer_head),
    "transfer_unfreeze": ("Transfer 3: unfreeze", "The last conv block trains again on 5-9.",
                          transfer_unfreeze),
    "inception_28": ("Inception 28x28x192", "The course's module: 12.4 M multiplies in the "
                     "5x5 branch with a bottleneck.", inception_28),
    "inception_28_naive": ("Inception 28x28x192, no bottleneck", "120 M multiplies in the "
                           "5x5 branch.", inception_28_naive),
}
# GoogLeNet (googlenet_onnx) stays out of the examples list (every per-example view and test
# would carry its 7 M weights). The inception examples open it beside themselves, in a second
# window, from these builders (a guide step "open_beside"); File → Import ONNX opens it too.
BESIDE = {"googlenet_onnx": googlenet_onnx}
