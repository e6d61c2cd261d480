"""Export: every example writes a checked ONNX model, and onnxruntime agrees with the engine
node by node (float32, relative 1e-5); names, IR and opset are pinned."""
from __future__ import annotations

import numpy as np
import onnx
import pytest

from engine import Graph
from engine.examples import EXAMPLES, build
from engine.onnx import IR_VERSION, OPSET, OnnxExportError, export_onnx
from engine.onnx.check import TOLERANCE, compare_with_onnxruntime

pytest.importorskip("onnxruntime")


def feeds_for(g: Graph, ds, n: int = 12) -> dict:
    rng = np.random.default_rng(3)
    out = {}
    for node in g.nodes.values():
        if node.op != "input":
            continue
        if ds is not None and node.name in ds.arrays:
            out[node.name] = ds.arrays[node.name][:n]
        else:
            shape = tuple(n if d is None else d for d in node.params["shape"])
            out[node.name] = rng.integers(0, 2, shape) if node.params["dtype"] == "int" \
                else rng.standard_normal(shape)
    return out


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_example_exports_and_onnxruntime_agrees_node_by_node(name, tmp_path):
    g, ds, _ = build(name)
    path = export_onnx(g, tmp_path / f"{name}.onnx")
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    assert model.ir_version == IR_VERSION and model.opset_import[0].version == OPSET
    assert [i.name for i in model.graph.input] == [n.name for n in g.nodes.values() if n.op == "input"]
    sinks = {g.nodes[n].name for n in g.nodes if not g.consumers(n)}
    assert {o.name for o in model.graph.output} == sinks
    diffs = compare_with_onnxruntime(g, feeds_for(g, ds))
    computed = {n for n in g.nodes if g.nodes[n].op != "input"}
    assert set(diffs) == computed
    worst = max(diffs, key=diffs.get)
    assert diffs[worst] <= TOLERANCE, f"{g.nodes[worst].name}: {diffs[worst]:.2e}"


def _wide_graph() -> Graph:
    """One graph using the ops no example uses, with batch norm's statistics not at 0 and 1."""
    g = Graph(seed=1)
    x = g.add_node("input", {"shape": (None, 4, 6, 6)}, name="x")
    pad = g.add_node("pad2d", {"pads": (1, 0, 2, 1)}, name="pad")
    low = g.add_node("pad2d", {"pads": (0, 0, 1, 1), "fill": "lowest"}, name="low")
    mp = g.add_node("max_pool2d", {"kernel": 2, "stride": 1}, name="mp")
    gc = g.add_node("group_conv2d", {"out_channels": 4, "kernel": 3, "padding": 1, "groups": 2}, name="gc")
    dw = g.add_node("group_conv2d", {"out_channels": 4, "kernel": 3, "padding": 1, "groups": 4,
                                     "bias": False}, name="dw")
    lrn = g.add_node("lrn", {"size": 3, "alpha": 0.5, "beta": 0.75, "bias": 2.0}, name="lrn")
    bn = g.add_node("batch_norm", {}, name="bn")
    s = g.add_node("add_n", {}, name="s")
    av = g.add_node("avg_pool2d_valid", {"kernel": 3, "stride": 1, "pads": (1, 1, 1, 1)}, name="av")
    ap = g.add_node("avg_pool2d", {"kernel": 3, "stride": 1, "padding": 1}, name="ap")
    cat = g.add_node("concat", {"axis": 1}, name="cat")
    gap = g.add_node("global_avg_pool", {}, name="gap")
    sl = g.add_node("slice", {"axis": 1, "start": 1, "stop": -1}, name="sl")
    lr = g.add_node("leaky_relu", {"alpha": 0.2}, name="lr")
    sm = g.add_node("log_softmax", {"axis": -1}, name="lsm")
    for a, b, port in ((x, pad, 0), (x, low, 0), (low, mp, 0), (mp, gc, 0), (gc, dw, 0),
                       (dw, lrn, 0), (lrn, bn, 0), (bn, s, 0), (gc, s, 1), (mp, s, 2), (gc, av, 0),
                       (gc, ap, 0), (av, cat, 0), (ap, cat, 1), (cat, gap, 0), (gap, sl, 0),
                       (sl, lr, 0), (lr, sm, 0)):
        g.connect(a, b, port)
    rng = np.random.default_rng(0)
    g.set_weights(bn, {"running_mean": rng.standard_normal(4), "running_var": 0.5 + rng.random(4),
                       "gamma": rng.standard_normal(4), "beta": rng.standard_normal(4)})
    return g


def test_the_architecture_ops_export_and_agree(tmp_path):
    g = _wide_graph()
    assert g.issues == []
    export_onnx(g, tmp_path / "wide.onnx")
    x = np.random.default_rng(5).standard_normal((3, 4, 6, 6))
    diffs = compare_with_onnxruntime(g, {"x": x})
    assert len(diffs) == len(g) - 1
    worst = max(diffs, key=diffs.get)
    assert diffs[worst] <= TOLERANCE, f"{g.nodes[worst].name}: {diffs[worst]:.2e}"


def test_dropout_is_exported_in_inference_mode():
    import onnxruntime as ort
    from engine.onnx import export_model
    g = Graph()
    x = g.add_node("input", {"shape": (None, 50)}, name="x")
    d = g.add_node("dropout", {"rate": 0.5}, name="d")
    g.connect(x, d, 0)
    sess = ort.InferenceSession(export_model(g).SerializeToString(), providers=["CPUExecutionProvider"])
    data = np.ones((4, 50), np.float32)
    np.testing.assert_array_equal(sess.run(None, {"x": data})[0], data)


def test_all_nodes_makes_every_node_an_output_and_a_broken_graph_is_refused(tmp_path):
    from engine.onnx import export_model
    g, _, _ = build("small_cnn")
    names = {o.name for o in export_model(g, all_nodes=True).graph.output}
    assert names == {n.name for n in g.nodes.values() if n.op != "input"}
    h = Graph()
    h.add_node("relu", {}, name="r")          # its input is not connected
    with pytest.raises(OnnxExportError, match="r: input z"):
        export_onnx(h, tmp_path / "broken.onnx")
    assert not (tmp_path / "broken.onnx").exists()
