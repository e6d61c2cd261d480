"""Receptive fields: boxes by layer arithmetic, footprints by one seeded backward pass."""
import numpy as np
import pytest

from engine import Executor, examples
from engine.graph import Graph
from engine.inspect import receptive_field as rf, upstream


def chain_graph(seed=0):
    """x (1, 18, 18) → conv k3 s1 p1 → relu → max pool 2 → conv k3 s2 p0 (→ 4x4)."""
    g = Graph(seed)
    x = g.add_node("input", {"shape": (None, 1, 18, 18)}, name="x")
    c1 = g.add_node("conv2d", {"out_channels": 3, "kernel": 3, "stride": 1, "padding": 1},
                    name="c1")
    r = g.add_node("relu", name="r")
    p = g.add_node("max_pool2d", {"kernel": 2}, name="p")
    c2 = g.add_node("conv2d", {"out_channels": 2, "kernel": 3, "stride": 2, "padding": 0},
                    name="c2")
    for a, b in [(x, c1), (c1, r), (r, p), (p, c2)]:
        g.connect(a, b, 0)
    assert g.shapes[c2].out == (None, 2, 4, 4)
    return g, x, c1, r, p, c2


def test_box_through_conv_pool_conv_is_the_hand_computed_one():
    g, x, c1, r, p, c2 = chain_graph()
    b = rf.boxes(g, c2, 1, 2)
    # c2 (k3 s2 p0): rows 2..4, cols 4..6 of p; p (k2 s2): rows 4..9, cols 8..13 of r and c1;
    # c1 (k3 s1 p1): rows 3..10, cols 7..14 of x
    assert b[p] == rf.Box(2, 4, 4, 6)
    assert b[r] == rf.Box(4, 9, 8, 13) and b[c1] == rf.Box(4, 9, 8, 13)
    assert b[x] == rf.Box(3, 10, 7, 14)
    assert b[x].height == 8 and b[x].width == 8
    steps = rf.size_steps(g, c2)
    assert [(s.r, s.j) for s in steps] == [(3, 1), (4, 2), (8, 4)]
    text = rf.size_formula(g, c2)
    assert text.startswith("r = 1 + (3−1)·1 + (2−1)·1 + (3−1)·2 = 8 pixels")


def test_a_corner_box_reaches_into_the_padding_and_is_clipped_to_the_map():
    g, x, *_ , c2 = chain_graph()
    b = rf.boxes(g, c2, 0, 0)[x]
    assert b == rf.Box(-1, 6, -1, 6)
    assert b.clip(18, 18) == rf.Box(0, 6, 0, 6)


def test_effective_footprint_lies_inside_the_box_and_is_not_empty():
    g, x, c1, r, p, c2 = chain_graph(seed=3)
    img = np.random.default_rng(0).random((1, 1, 18, 18))
    pr = upstream.run_upto(g, {"x": img}, c2)
    for (ch, i, j) in [(0, 1, 2), (1, 0, 0), (1, 3, 3)]:
        fp = rf.footprints(pr, ch, i, j)
        boxes = rf.boxes(g, c2, i, j)
        for nid in (x, c1, r, p):
            assert fp[nid].shape == g.shapes[nid].out[2:]
            assert fp[nid].any(), g.nodes[nid].name
            assert boxes[nid].contains(fp[nid]), g.nodes[nid].name
        outside = fp[x].copy()
        box = boxes[x].clip(18, 18)
        outside[box.r0:box.r1 + 1, box.c0:box.c1 + 1] = 0
        assert outside.max() == 0


def test_seeded_backward_equals_finite_differences():
    g, x, c1, r, p, c2 = chain_graph(seed=1)
    img = np.random.default_rng(2).random((1, 1, 18, 18))
    pr = upstream.run_upto(g, {"x": img}, c2)
    seed = np.zeros((1, 2, 4, 4))
    seed[0, 1, 2, 1] = 1.0
    grad = upstream.backward_from(pr, seed)[x]

    def f(v):
        return upstream.run_upto(g, {"x": v}, c2).values[c2][0, 1, 2, 1]

    eps = 1e-6
    for (i, j) in [(6, 3), (9, 8), (0, 0), (5, 5)]:
        up, down = img.copy(), img.copy()
        up[0, 0, i, j] += eps
        down[0, 0, i, j] -= eps
        assert grad[0, 0, i, j] == pytest.approx((f(up) - f(down)) / (2 * eps), abs=1e-6)


def test_concat_of_branches_unites_their_boxes():
    g = Graph(0)
    x = g.add_node("input", {"shape": (None, 1, 9, 9)}, name="x")
    a = g.add_node("conv2d", {"out_channels": 2, "kernel": 1}, name="a")
    b = g.add_node("conv2d", {"out_channels": 2, "kernel": 5, "padding": 2}, name="b")
    m = g.add_node("max_pool2d", {"kernel": 3, "stride": 1, "padding": 1}, name="m")
    cat = g.add_node("concat", {"axis": 1}, name="cat")
    for s, d, port in [(x, a, 0), (x, b, 0), (x, m, 0), (a, cat, 0), (b, cat, 1), (m, cat, 2)]:
        g.connect(s, d, port)
    boxes = rf.boxes(g, cat, 4, 4)
    assert boxes[a] == boxes[b] == boxes[m] == rf.Box(4, 4, 4, 4)
    assert boxes[x] == rf.Box(2, 6, 2, 6)       # the 5x5 branch is the widest
    assert [g.nodes[n].name for n in rf.chain(g, cat)] == ["b"]
    assert rf.size_formula(g, cat).startswith("r = 1 + (5−1)·1 = 5 pixels")


def test_probe_runs_only_what_the_node_needs_and_names_a_missing_input():
    g, ds, _ = examples.build("small_cnn")
    pool = g.by_name("pool1")
    pr = upstream.run_upto(g, {"x": ds.arrays["x"][:3]}, pool)     # no labels needed
    assert g.by_name("y") not in pr.values
    ex = Executor(g)
    ex.run({"x": ds.arrays["x"][:3], "y": ds.arrays["y"][:3]}, training=False, backward=False)
    np.testing.assert_allclose(pr.values[pool], ex.last_values[ex.index[pool]], rtol=1e-12)
    with pytest.raises(upstream.ProbeError, match="input x has no data"):
        upstream.run_upto(g, {}, pool)


def test_pads_grouped_convs_and_valid_pooling_shift_and_grow_the_box():
    from engine.inspect import trace
    g = Graph(0)
    x = g.add_node("input", {"shape": (None, 2, 8, 8)}, name="x")
    pad = g.add_node("pad2d", {"pads": (1, 1, 0, 0)}, name="pad")
    gc = g.add_node("group_conv2d", {"out_channels": 2, "kernel": 3, "stride": 2, "groups": 2},
                    name="gc")
    pool = g.add_node("avg_pool2d_valid", {"kernel": 3, "stride": 1, "pads": (1, 1, 1, 1)},
                      name="pool")
    for a, b in [(x, pad), (pad, gc), (gc, pool)]:
        g.connect(a, b, 0)
    assert g.shapes[pool].out == (None, 2, 4, 4)
    boxes = rf.boxes(g, pool, 1, 1)
    # pool (k3 s1, top 1): rows 0..2 of gc; gc (k3 s2): rows 0..6 of pad; pad (top 1): -1..5
    assert boxes[gc] == rf.Box(0, 2, 0, 2) and boxes[pad] == rf.Box(0, 6, 0, 6)
    assert boxes[x] == rf.Box(-1, 5, -1, 5)
    pr = upstream.run_upto(g, {"x": np.random.default_rng(0).random((1, 2, 8, 8))}, pool)
    t = trace.trace(g, pr.values, pool, (0, 1, 1, 1))       # channel 1: group 1 only
    rows, cols = np.nonzero(t.values[x][0].any(axis=0))
    assert (rows.min(), rows.max(), cols.min(), cols.max()) == (0, 5, 0, 5)   # the clipped box
    assert not t.values[x][0, 0].any() and t.values[x][0, 1].any()
    fp = rf.footprints(pr, 1, 1, 1)
    assert fp[x].any() and boxes[x].contains(fp[x])
    assert rf.size_formula(g, pool).startswith("r = 1 + (3−1)·1 + (3−1)·2 = 7 pixels")
