"""Import: the architectures shipped with onnx open, group their blocks, lay out, and compute
what onnxruntime computes; import -> export -> import gives the same graph."""
from __future__ import annotations

import os

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper

from engine import Executor
from engine.onnx import OnnxImportError, export_onnx, import_onnx
from engine.onnx.zoo import with_random_weights

ort = pytest.importorskip("onnxruntime")
LIGHT = os.path.join(os.path.dirname(onnx.__file__), "backend", "test", "data", "light")


def light(name: str) -> str:
    return os.path.join(LIGHT, f"light_{name}.onnx")


def data_input(model):
    inits = {t.name for t in model.graph.initializer}
    return next(i.name for i in model.graph.input if i.name not in inits)


@pytest.mark.parametrize("name, block", [
    ("inception_v1", "inception_3a (inception module)"),
    ("resnet50", "res2_0 (residual block)"), ("squeezenet", "fire2 (fire module)"),
    ("shufflenet", None), ("densenet121", "conv2 (dense block)"),
])
def test_architecture_computes_what_onnxruntime_computes(name, block, tmp_path):
    model = with_random_weights(onnx.load(light(name)), seed=1)
    path = tmp_path / f"{name}.onnx"
    onnx.save(model, path)
    g = import_onnx(path)
    x = np.random.default_rng(2).standard_normal((1, 3, 224, 224)).astype(np.float32)
    ref = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(
        None, {data_input(model): x})[0]
    out_name = model.graph.output[0].name.replace("/", "_")
    inp = data_input(model).replace("/", "_")
    ex = Executor(g, dtype=np.float32)
    ex.run({inp: x}, training=False, backward=False)
    got = ex.last_values[ex.index[g.by_name(out_name)]]
    # the softmax output hides differences; compare the logits before it too
    logits = g.inputs_of(g.by_name(out_name))[0]
    assert got.shape == ref.shape
    np.testing.assert_allclose(got, ref, rtol=1e-4, atol=1e-6)
    assert np.std(ref) > 1e-5                      # random weights: the outputs are not all alike
    assert ex.last_values[ex.index[logits]] is not None
    assert all("pos" in n.ui for n in g.nodes.values())
    if block is not None:
        assert block in [gr.name for gr in g.groups.values()]
        assert all(gr.collapsed for gr in g.groups.values())


def test_names_follow_the_onnx_inputs_and_outputs():
    g = import_onnx(light("resnet50"))
    inputs = [n.name for n in g.nodes.values() if n.op == "input"]
    assert inputs == ["gpu_0_data_0"]
    assert g.nodes[g.by_name("gpu_0_softmax_1")].op == "softmax"
    assert g.nodes[g.by_name("gpu_0_res2_0_branch2a")].op == "conv2d"


@pytest.mark.parametrize("name, params", [("vgg19", 143_667_240), ("bvlc_alexnet", 60_965_224),
                                          ("resnet50", 25_557_032)])
def test_shipped_counts_without_allocating(name, params):
    g = import_onnx(light(name))              # the published parameter counts
    assert sum(i.param_count for i in g.shapes.values()) == params
    assert g.allocated_bytes() < 1 << 16        # only the few small arrays stored in the file


@pytest.mark.parametrize("name", ["shufflenet", "resnet50", "squeezenet", "inception_v1"])
def test_import_export_import_gives_the_same_graph(name, tmp_path):
    a = import_onnx(light(name))
    export_onnx(a, tmp_path / "again.onnx")
    b = import_onnx(tmp_path / "again.onnx")
    assert len(a) == len(b)
    for na, nb in zip(a.nodes.values(), b.nodes.values()):
        assert (na.name, na.op, na.params) == (nb.name, nb.op, nb.params)
        assert [a.nodes[s].name for s in a.inputs_of(na.id)] == [b.nodes[s].name for s in b.inputs_of(nb.id)]
        assert sorted(na.weights) == sorted(nb.weights)
    for conv in [n for n in a.nodes.values() if n.op in ("conv2d", "group_conv2d")][:3]:
        np.testing.assert_array_equal(conv.weights["W"], b.nodes[b.by_name(conv.name)].weights["W"])
    assert [gr.name for gr in a.groups.values()] == [gr.name for gr in b.groups.values()]


def test_unsupported_ops_are_listed_together_and_nothing_is_imported(tmp_path):
    nodes = [helper.make_node("Erf", ["x"], ["e1"], name="erf_a"),
             helper.make_node("Relu", ["e1"], ["r"], name="relu"),
             helper.make_node("Erf", ["r"], ["e2"], name="erf_b"),
             helper.make_node("Conv", ["e2", "w"], ["c"], name="dilated", kernel_shape=[3, 3],
                              dilations=[2, 2]),
             helper.make_node("HardSwish", ["x"], ["h"], name="hs")]
    w = onnx.numpy_helper.from_array(np.ones((2, 3, 3, 3), np.float32), "w")
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 8, 8])],
                              [helper.make_tensor_value_info("c", TensorProto.FLOAT, None),
                               helper.make_tensor_value_info("h", TensorProto.FLOAT, None)], [w])
    path = tmp_path / "odd.onnx"
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), path)
    with pytest.raises(OnnxImportError) as info:
        import_onnx(path)
    msg = str(info.value)
    assert "Erf: erf_a, erf_b" in msg and "HardSwish: hs" in msg and "nothing was imported" in msg


def test_collapsed_layout_fits_rows_and_keeps_boxes_apart():
    g = import_onnx(light("resnet50"))
    grouped = {m for gr in g.groups.values() for m in gr.members}
    boxes = [tuple(n.ui["pos"]) for n in g.nodes.values() if n.id not in grouped]
    for gr in g.groups.values():
        xs = [g.nodes[m].ui["pos"][0] for m in gr.members]
        ys = [g.nodes[m].ui["pos"][1] for m in gr.members]
        boxes.append(((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2))   # where the box is drawn
    for i, (x1, y1) in enumerate(boxes):                    # no two visible boxes overlap
        for x2, y2 in boxes[i + 1:]:
            assert abs(x1 - x2) >= 170 or abs(y1 - y2) >= 60
    xs, ys = [b[0] for b in boxes], [b[1] for b in boxes]
    assert max(xs) - min(xs) <= 3200 and len({round(y / 600) for y in ys}) >= 2   # wrapped rows


def test_an_imported_network_steps_node_by_node_on_an_image():
    g = import_onnx(light("squeezenet"))
    ex = Executor(g)
    x = np.random.default_rng(0).standard_normal((1, 3, 224, 224))
    ex.reset({"data_0": x})
    first = ex.step()
    assert first.phase == "forward" and g.nodes[first.node].op == "input"
    for _ in range(ex.forward_steps - 1):
        rec = ex.step()
    assert g.nodes[rec.node].name == "softmaxout_1"
    assert rec.value.shape == (1, 1000, 1, 1) and abs(float(rec.value.sum()) - 1.0) < 1e-9


def test_vgg_stages_are_grouped_by_name():
    g = import_onnx(light("vgg19"))
    stages = {gr.name: [g.nodes[m].name for m in gr.members] for gr in g.groups.values()}
    assert list(stages) == [f"conv{i} (stage)" for i in range(1, 6)]
    assert [m for m in stages["conv3 (stage)"] if g.nodes[g.by_name(m)].op == "conv2d"] == \
        ["conv3_1", "conv3_2", "conv3_3", "conv3_4"]
    assert not any(name.startswith("fc") for members in stages.values() for name in members)


def test_densenet121_has_its_four_dense_blocks():
    g = import_onnx(light("densenet121"))
    layers = {gr.name: sum(g.nodes[m].op == "concat" for m in gr.members)
              for gr in g.groups.values() if gr.name.endswith("(dense block)")}
    assert layers == {"conv2 (dense block)": 6, "conv3 (dense block)": 12,
                      "conv4 (dense block)": 24, "conv5 (dense block)": 16}
    assert {"conv2 (transition)", "conv3 (transition)", "conv4 (transition)"} <= \
        {gr.name for gr in g.groups.values()}


def test_alexnet_feature_maps_match_onnxruntime(tmp_path):
    """LRN, grouped convolutions and an asymmetric max pool, with random convolution weights;
    the fully connected placeholders stay (60 million random numbers would make this slow), so
    the last pool's output is compared too."""
    model = with_random_weights(onnx.load(light("bvlc_alexnet")), seed=3, max_elements=1 << 21)
    model.graph.output.append(helper.make_tensor_value_info("r14", TensorProto.FLOAT, None))
    path = tmp_path / "alexnet.onnx"
    onnx.save(model, path)
    g = import_onnx(path)
    x = np.random.default_rng(4).standard_normal((1, 3, 224, 224)).astype(np.float32)
    prob, pool5 = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"]).run(
        ["prob_1", "r14"], {"data_0": x})
    ex = Executor(g, dtype=np.float32)
    ex.run({"data_0": x}, training=False, backward=False)
    got = ex.last_values[ex.index[g.by_name("r14")]]
    assert g.nodes[g.by_name("r14")].op == "max_pool2d" and got.shape == (1, 256, 6, 6)
    assert np.std(pool5) > 1e-3
    np.testing.assert_allclose(got, pool5, rtol=1e-4, atol=1e-5 * float(np.abs(pool5).max()))
    # the placeholder fully connected weights make logits so large that float32 rounds the
    # small random biases to a few levels, differently for two summation orders: only the
    # probabilities' total is compared there
    got_prob = ex.last_values[ex.index[g.by_name("prob_1")]]
    assert got_prob.shape == prob.shape and abs(float(got_prob.sum()) - 1.0) < 1e-4
    assert {n.op for n in g.nodes.values()} >= {"lrn", "group_conv2d", "pad2d"}
