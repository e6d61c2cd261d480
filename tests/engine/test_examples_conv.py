"""The convolutional examples: output sizes and counts as the course states them, the digits
CNN's data split, transfer learning's frozen and unfrozen parts, and the inception module's
multiply counts with and without 1x1 bottlenecks (also inside the imported GoogLeNet)."""
from __future__ import annotations

import numpy as np
import pytest

from engine.data.digits import digits
from engine.data.precompute import node_values
from engine.examples import build
from engine.examples_conv import _cnn, module_counts
from engine.training import TrainConfig, Trainer


def _rows(a: np.ndarray) -> set[bytes]:
    return {r.tobytes() for r in np.ascontiguousarray(a.reshape(len(a), -1))}


def _digit_rows(wanted) -> set[bytes]:
    ds = digits(images=True)
    keep = np.isin(ds.arrays["y"], list(wanted))
    return _rows(ds.arrays["x"][keep])


def test_conv_shape_is_the_courses_14x14x20():
    g, data, _ = build("conv_shape")
    conv = g.shapes[g.by_name("conv")]
    assert data["x"].shape[1:] == (3, 32, 32) and g.issues == []
    assert conv.out == (None, 20, 14, 14)
    assert conv.formula == "(32 + 2*1 - 8)/2 + 1 = 14 → 14x14x20"
    assert conv.param_count == 20 * (8 * 8 * 3) + 20
    assert conv.macs == 14 * 14 * 20 * 8 * 8 * 3


def test_a_stride_that_does_not_fit_is_reported_on_the_conv():
    g, _, _ = build("conv_shape")
    nid = g.by_name("conv")
    g.set_params(nid, {"stride": 3})          # (32 + 2 - 8)/3 + 1 is not whole
    assert any("not a whole number" in str(i) for i in g.issues_for(nid))


def test_digits_cnn_states_each_output_size():
    g, _, _ = build("digits_cnn")
    formulas = {n: g.shapes[g.by_name(n)].formula for n in ("conv1", "pool1", "conv2", "pool2")}
    assert formulas == {"conv1": "(8 + 2*1 - 3)/1 + 1 = 8 → 8x8x8",
                        "pool1": "(8 + 2*0 - 2)/2 + 1 = 4 → 4x4x8",
                        "conv2": "(4 + 2*1 - 3)/1 + 1 = 4 → 4x4x16",
                        "pool2": "(4 + 2*0 - 2)/2 + 1 = 2 → 2x2x16"}
    assert g.shapes[g.by_name("flatten")].out == (None, 64)


def test_digits_cnn_dev_set_is_held_out():
    _, train, info = build("digits_cnn")
    dev = info["dev_sets"]["dev"]
    assert len(train) + len(dev) == len(digits())
    assert len(dev) > 300
    assert not _rows(train["x"]) & _rows(dev["x"])
    assert info["target"] == {"dev_accuracy": 0.95}


def test_transfer_base_sees_only_digits_0_to_4():
    g, train, info = build("transfer_base")
    dev = info["dev_sets"]["dev"]
    low, high = _digit_rows(range(5)), _digit_rows(range(5, 10))
    for ds in (train, dev):
        assert _rows(ds["x"]) <= low and not _rows(ds["x"]) & high
        assert set(np.unique(ds["y"])) == set(range(5))
    assert g.shapes[g.by_name("logits")].out == (None, 5)


def test_transfer_head_trains_on_the_trained_base_features_of_5_to_9():
    head, train, info = build("transfer_head")
    assert [n.name for n in head.nodes.values() if n.op == "input"] == ["y", "flatten"]
    assert not [n for n in head.nodes.values() if n.op == "conv2d"]     # the conv part is gone
    assert _rows(train["x"]) <= _digit_rows(range(5, 10))
    # the features are the output of the base network after training on 0-4, not before
    base, base_train, base_info = build("transfer_base")
    fresh = node_values(base, train, "flatten")
    Trainer(base, base_train, None, TrainConfig(**base_info["train"])).run()
    trained = node_values(base, train, "flatten")
    np.testing.assert_allclose(train["flatten"], trained, rtol=1e-5, atol=1e-5)
    assert np.abs(train["flatten"] - fresh).max() > 0.1
    # the head is new: not the 0-4 classifier's weights
    logits_base = base.nodes[base.by_name("logits")].weights["W"]
    logits_head = head.nodes[head.by_name("logits")].weights["W"]
    assert not np.allclose(logits_base, logits_head)
    dev = info["dev_sets"]["dev"]
    assert _rows(dev["x"]) <= _digit_rows(range(5, 10)) and not _rows(dev["x"]) & _rows(train["x"])


def test_unfreezing_trains_the_last_block_and_keeps_the_frozen_one():
    g, train, info = build("transfer_unfreeze")
    base, base_train, base_info = build("transfer_base")
    Trainer(base, base_train, None, TrainConfig(**base_info["train"])).run()
    name = {n.name: n for n in g.nodes.values()}
    assert name["conv1"].frozen and not name["conv2"].frozen and not name["logits"].frozen
    before = {k: np.array(name[k].weights["W"]) for k in ("conv1", "conv2", "logits")}
    for k in ("conv1", "conv2"):       # both start from what was learned on 0-4
        np.testing.assert_array_equal(before[k], base.nodes[base.by_name(k)].weights["W"])
    # the head starts as step 2 left it: the unfrozen network scores what the trained head did
    head, head_train, head_info = build("transfer_head")
    Trainer(head, head_train, None, TrainConfig(**head_info["train"])).run()
    np.testing.assert_array_equal(before["logits"], head.nodes[head.by_name("logits")].weights["W"])
    _, head_acc = Trainer(head, head_train, None, TrainConfig(**head_info["train"])).evaluate(
        head_info["dev_sets"]["dev"])
    _, start_acc = Trainer(g, train, None, TrainConfig(**info["train"])).evaluate(
        info["dev_sets"]["dev"])
    assert start_acc == pytest.approx(head_acc)
    t = Trainer(g, train, info["dev_sets"]["dev"], TrainConfig(**info["train"]))
    t.run()
    np.testing.assert_array_equal(np.asarray(name["conv1"].weights["W"]), before["conv1"])
    assert np.abs(np.asarray(name["conv2"].weights["W"]) - before["conv2"]).max() > 1e-3
    assert np.abs(np.asarray(name["logits"].weights["W"]) - before["logits"]).max() > 1e-3
    assert set(np.unique(train["y"])) == set(range(5))
    assert _rows(train["x"]) <= _digit_rows(range(5, 10))


def test_the_cnn_builder_names_its_classes():
    assert _cnn(7, 0).shapes[_cnn(7, 0).by_name("logits")].out == (None, 7)


def test_inception_28_reproduces_the_courses_multiply_counts():
    with_b, _, _ = build("inception_28")
    naive, _, info = build("inception_28_naive")
    cb, cn = module_counts(with_b), module_counts(naive)
    assert cn["b3"]["macs"] == 28 * 28 * 32 * 5 * 5 * 192 == 120_422_400
    reduce = 28 * 28 * 16 * 192
    five = 28 * 28 * 32 * 5 * 5 * 16
    assert with_b.shapes[with_b.by_name("b3_reduce")].macs == reduce
    assert cb["b3"]["macs"] == reduce + five == 12_443_648
    assert round(cn["b3"]["macs"] / 1e6) == 120 and round(cb["b3"]["macs"] / 1e6, 1) == 12.4
    assert cb["b3"]["params"] == (192 * 16 + 16) + (16 * 25 * 32 + 32)
    assert cn["b3"]["params"] == 192 * 25 * 32 + 32
    assert cb["total"]["macs"] < 0.5 * cn["total"]["macs"]
    assert cb["total"]["macs"] == sum(cb[b]["macs"] for b in ("b1", "b2", "b3", "b4"))
    assert with_b.shapes[with_b.by_name("concat")].out == (None, 256, 28, 28)
    assert naive.shapes[naive.by_name("concat")].out == (None, 64 + 128 + 32 + 192, 28, 28)
    assert info["compare"] == "inception_28"


@pytest.fixture(scope="module")
def googlenet():
    from engine.examples_conv import googlenet_onnx
    return googlenet_onnx()


def test_googlenet_opens_with_its_modules_collapsed(googlenet):
    g, data, _ = googlenet
    assert data["data_0"].shape[1:] == (3, 224, 224) and g.issues == []
    names = [gr.name for gr in g.groups.values()]
    modules = [n for n in names if "inception module" in n]
    assert len(modules) == 9 and "inception_3a (inception module)" in modules
    assert all(gr.collapsed for gr in g.groups.values())
    assert g.nodes[g.by_name("J")].op == "softmax_ce"


def test_googlenet_has_drawn_weights_not_the_files_placeholders(googlenet):
    g, _, _ = googlenet
    w = np.asarray(g.nodes[g.by_name("inception_3a_5x5")].weights["W"])
    assert w.std() > 1e-3


def test_googlenet_3a_is_the_courses_module(googlenet):
    """The same 192 → 16 → 32 5x5 branch; this file's pools round down, so 3a sees 27x27
    where the paper (and the course) have 28x28."""
    g, _, _ = googlenet
    s = {n: g.shapes[g.by_name(f"inception_3a_{n}")] for n in ("5x5_reduce", "5x5")}
    assert s["5x5_reduce"].ins[0][1:] == (192, 27, 27)
    assert s["5x5"].out[1:] == (32, 27, 27)
    assert s["5x5_reduce"].macs == 27 * 27 * 16 * 192
    assert s["5x5"].macs == 27 * 27 * 32 * 5 * 5 * 16


def test_filter_lab_learns_3x3_filters_on_its_own_shapes():
    g, train, info = build("filter_lab")
    dev = info["dev_sets"]["dev"]
    assert train["x"].shape[1:] == (1, 16, 16) and not _rows(train["x"]) & _rows(dev["x"])
    conv = g.nodes[g.by_name(info["learned_node"])]
    assert np.asarray(conv.weights["W"]).shape == (8, 1, 3, 3)     # comparable with 3x3 kernels
    before = np.array(conv.weights["W"])
    Trainer(g, train, dev, TrainConfig(**{**info["train"], "epochs": 2})).run()
    assert np.abs(np.asarray(conv.weights["W"]) - before).max() > 1e-2
