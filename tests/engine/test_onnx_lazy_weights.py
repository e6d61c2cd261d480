"""Shapes and counts never need the weights; arrays are made when first read; a run checks the
memory it needs against the memory available."""
from __future__ import annotations

import numpy as np
import onnx
import pytest

from engine import Executor, ExecutionError, Graph
from engine import weights as weights_mod
from engine.onnx import import_onnx
from engine.onnx.zoo import VGG16, vgg16


def vgg16_counts() -> tuple[int, int]:
    """Parameters and multiply-adds of VGG-16 from its configuration, by hand."""
    params = macs = 0
    c, size = 3, 224
    for v in VGG16:
        if v == "M":
            size //= 2
            continue
        params += v * c * 9 + v
        macs += size * size * v * c * 9
        c = v
    for n_in, units in ((512 * 7 * 7, 4096), (4096, 4096), (4096, 1000)):
        params += n_in * units + units
        macs += n_in * units
    return params, macs


def test_vgg16_counts_are_right_with_no_weight_allocated(tmp_path):
    path = tmp_path / "vgg16.onnx"
    onnx.save(vgg16(), path)
    g = import_onnx(path)
    params, macs = vgg16_counts()
    assert params == 138_357_544
    assert sum(i.param_count for i in g.shapes.values()) == params
    assert sum(i.macs for i in g.shapes.values()) == macs
    fc6 = g.nodes[g.by_name("fc6")]
    assert fc6.weights.shape_of("W") == (4096, 25088)      # 102,764,544 numbers, no cap
    assert g.issues == [] and g.allocated_bytes() == 0
    assert not fc6.weights.is_allocated("W")
    w = fc6.weights["W"]                                     # reading makes it, once
    assert w.dtype == np.float32 and float(w[0, 0]) == pytest.approx(0.001)
    assert fc6.weights.is_allocated("W") and g.allocated_bytes() == w.nbytes


def test_large_arrays_wait_and_are_the_same_whichever_is_read_first():
    def build():
        g = Graph(seed=4)
        x = g.add_node("input", {"shape": (None, 600)}, name="x")
        a = g.add_node("dense", {"units": 500}, name="a")
        b = g.add_node("dense", {"units": 400}, name="b")
        s = g.add_node("dense", {"units": 3}, name="small")
        g.connect(x, a, 0)
        g.connect(a, b, 0)
        g.connect(b, s, 0)
        return g
    g1, g2 = build(), build()
    big = g1.nodes[g1.by_name("a")].weights
    assert not big.is_allocated("W") and big.is_allocated("b")
    assert g1.nodes[g1.by_name("small")].weights.is_allocated("W")   # small ones as before
    wa1, wb1 = g1.nodes[g1.by_name("a")].weights["W"], g1.nodes[g1.by_name("b")].weights["W"]
    wb2, wa2 = g2.nodes[g2.by_name("b")].weights["W"], g2.nodes[g2.by_name("a")].weights["W"]
    np.testing.assert_array_equal(wa1, wa2)
    np.testing.assert_array_equal(wb1, wb2)
    assert not np.array_equal(wa1[:400, :400], wb1[:, :400])          # each its own draw
    assert 0.03 < wa1.std() < 0.07                                     # xavier: sqrt(2/1100)


def test_a_run_that_needs_more_memory_than_is_free_names_the_node(monkeypatch):
    g = Graph()
    x = g.add_node("input", {"shape": (None, 20000)}, name="x")
    d = g.add_node("dense", {"units": 20000}, name="huge")   # 400 million weights: 3.2 GB
    g.connect(x, d, 0)
    monkeypatch.setattr(weights_mod, "available_bytes", lambda: 1 << 30)
    with pytest.raises(ExecutionError, match=r"needs about 3\.2 GB.*only 1\.1 GB.*huge") as info:
        Executor(g).run({"x": np.zeros((1, 20000))}, training=False, backward=False)
    assert info.value.node == d
    assert g.allocated_bytes() < 1 << 20          # refused before anything was made


def test_memory_estimate_grows_with_the_batch_and_the_dtype():
    g = Graph()
    x = g.add_node("input", {"shape": (None, 1000)}, name="x")
    d = g.add_node("dense", {"units": 1000}, name="d")
    g.connect(x, d, 0)
    one, _ = weights_mod.run_bytes(g, np.float64, 1)
    many, _ = weights_mod.run_bytes(g, np.float64, 100)
    half, _ = weights_mod.run_bytes(g, np.float32, 1)
    assert one == 8 * (1000 * 1000 + 1000) + 8 * (1000 + 1000)
    assert many - one == 99 * 8 * 2000 and half * 2 == one
    assert weights_mod.memory_problem(g, np.float64, 1, available=one) is None
    msg, nid = weights_mod.memory_problem(g, np.float64, 1, available=one - 1)
    assert nid == d and "d (8.0 MB)" in msg
