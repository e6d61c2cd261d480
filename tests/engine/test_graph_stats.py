"""Whole-graph parameter and multiply-add counts come from shapes, never from weights."""
from __future__ import annotations

from engine import examples
from engine.graph import Graph
from engine.graph_stats import counts_text, graph_counts


def test_mlp_counts_by_hand():
    g, _, _ = examples.build("xor_mlp")          # 2-16-16-2
    c = graph_counts(g)
    assert c.parameters == (16 * 2 + 16) + (16 * 16 + 16) + (2 * 16 + 2)
    assert c.macs >= 16 * 2 + 16 * 16 + 2 * 16   # the loss adds its own few
    assert c.macs - (16 * 2 + 16 * 16 + 2 * 16) <= 2
    assert c.buffers == 0 and c.uncounted == 0


def test_conv_and_batch_norm_counts_by_hand():
    g = Graph(0)
    x = g.add_node("input", {"shape": (None, 3, 32, 32)}, name="x")
    conv = g.add_node("conv2d", {"out_channels": 20, "kernel": 8, "stride": 2, "padding": 1})
    g.connect(x, conv, 0)
    bn = g.add_node("batch_norm")
    g.connect(conv, bn, 0)
    c = graph_counts(g)
    # the course's 32x32x3 input, 20 filters 8x8x3, stride 2, pad 1 -> 14x14x20
    assert c.parameters == 20 * 3 * 8 * 8 + 20 + 2 * 20     # conv W, b; gamma, beta
    assert c.buffers == 2 * 20                               # running mean and variance
    assert c.macs == 14 * 14 * 20 * 3 * 8 * 8


def test_counts_do_not_read_the_weights():
    g, _, _ = examples.build("small_cnn")
    before = graph_counts(g)
    for node in g.nodes.values():
        node.weights.clear()
    assert graph_counts(g) == before
    assert before.parameters > 0


def test_text_names_both_counts_and_uncounted_nodes():
    g = Graph(0)
    x = g.add_node("input", {"shape": (None, 4)}, name="x")
    d = g.add_node("dense", {"units": 3})
    g.connect(x, d, 0)
    g.add_node("dense", {"units": 2})           # not connected: no shape
    text = counts_text(graph_counts(g))
    assert text.startswith("15 parameters · 12 multiply-adds per example")
    assert "1 node without a shape not counted" in text


def test_vgg16_whole_graph_counts_without_allocating_a_weight(tmp_path):
    import onnx

    from engine.onnx import import_onnx
    from engine.onnx.zoo import vgg16
    path = tmp_path / "vgg16.onnx"
    onnx.save(vgg16(), path)
    g = import_onnx(path)
    c = graph_counts(g)
    assert c.parameters == 138_357_544 and c.buffers == 0 and c.uncounted == 0
    convs = [(64, 3, 224), (64, 64, 224), (128, 64, 112), (128, 128, 112), (256, 128, 56),
             (256, 256, 56), (256, 256, 56), (512, 256, 28), (512, 512, 28), (512, 512, 28),
             (512, 512, 14), (512, 512, 14), (512, 512, 14)]
    macs = sum(size * size * o * i * 9 for o, i, size in convs)
    macs += 512 * 7 * 7 * 4096 + 4096 * 4096 + 4096 * 1000
    assert c.macs == macs
    assert g.allocated_bytes() == 0
    assert counts_text(c).startswith("138,357,544 parameters · 15,470,264,320 multiply-adds")
