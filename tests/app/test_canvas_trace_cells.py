"""Tracing lights the actual cells inside each upstream node's value picture on the canvas,
a collapsed group's box with the count inside it, and gradients trace to their consumers."""
import numpy as np
import pytest
from PySide6.QtGui import QColor

from engine import Graph
from engine.inspect.trace_text import num
from graphviz_app.canvas.trace_cells import LIT, fit_cells, layout_cells
from graphviz_app.player.value_render import cell_at, image_array


@pytest.mark.parametrize("shape,index,drawn", [
    ((1, 8, 5, 5), (0, 4, 2, 3), (0, 4, 2, 3)), ((4, 10), (2, 7), (2, 7)),
    ((1, 3, 6, 6), (0, 2, 4, 1), (0, 0, 4, 1)),       # a colour pixel: cell_at says channel 0
    ((30,), (17,), (17,))])
def test_a_lit_entry_sits_where_the_picture_draws_it(shape, index, drawn):
    mask = np.zeros(shape, bool)
    mask[index] = True
    cells = layout_cells(mask, shape, "value")
    assert cells.shape == image_array(np.ones(shape)).shape[:2]
    rows, cols = np.nonzero(cells == 1)
    h, w = cells.shape
    found = {cell_at(shape, (c + 0.5) / w, (r + 0.5) / h) for r, c in zip(rows, cols)}
    assert found == {drawn}


def conv_chain(group: bool = False) -> tuple[Graph, dict]:
    """x (N,1,9,9) → t0 = a 1x1 conv (weights, so its gradient is computed) → conv (2 filters, k3, stride 2, pad 1) → relu → t1 = tanh
    → mean: a scalar cost. ``group``: conv and relu in one collapsed group."""
    g = Graph()
    ids = {"x": g.add_node("input", {"shape": (None, 1, 9, 9)}, name="x")}
    prev = ids["x"]
    for name, op, params in [("t0", "conv2d", {"out_channels": 1, "kernel": 1}),
                             ("conv", "conv2d", {"out_channels": 2, "kernel": 3, "stride": 2,
                                                 "padding": 1}),
                             ("relu", "relu", {}), ("t1", "tanh", {}),
                             ("cost", "mean", {"axes": ()})]:
        ids[name] = g.add_node(op, params, name=name)
        g.connect(prev, ids[name], 0)
        prev = ids[name]
    if group:
        g.group([ids["conv"], ids["relu"]], "block")
    return g, ids


def step_to(window, nid, phase):
    player = window.player
    for _ in range(40):
        rec = player.current
        if rec is not None and rec.node == nid and rec.phase == phase:
            return
        assert player.step_forward() is not None
    raise AssertionError(f"never reached {nid} {phase}")


def hover(window, nid, cell):
    st = window.panels["feature_maps"].step_trace
    st.on_hovered(nid, cell)
    return st


def test_a_conv_value_and_a_gradient_light_exactly_their_windows(window):
    g, ids = conv_chain()
    window.session.replace_graph(g)
    step_to(window, ids["relu"], "forward")
    hover(window, ids["relu"], (0, 1, 2, 3))
    expect = np.zeros((9, 9), np.int8)
    expect[3:6, 5:8] = 1                 # rows 2·2−1 .. 2·2+1, columns 2·3−1 .. 2·3+1
    for name in ("x", "t0"):
        item = window.scene.node_item(ids[name])
        assert item.traced
        np.testing.assert_array_equal(item.trace_cells, expect, err_msg=name)
    conv = window.scene.node_item(ids["conv"]).trace_cells
    assert conv.shape == (5, 11) and (conv == -1).sum() == 5     # two tiles, one gap column
    assert conv[2, 9] == 1 and (conv == 1).sum() == 1            # tile 1 at column 6 + 3
    over = window.scene.node_item(ids["x"])._trace_over.pixmap().toImage()
    fy, fx = 4.5 / 9, 6.5 / 9                                      # centre of cell (4, 6)

    def amber(c: QColor) -> bool:       # LIT, give or take premultiplied rounding
        return all(abs(a - b) <= 2 for a, b in zip(c.getRgb(), LIT))
    assert amber(over.pixelColor(int(fx * over.width()), int(fy * over.height())))
    assert not amber(over.pixelColor(int(0.5 / 9 * over.width()), 0))
    assert not window.scene.node_item(ids["t1"]).traced          # downstream stays dark
    hover(window, ids["relu"], None)
    assert not window.scene.node_item(ids["x"]).traced
    assert window.scene.node_item(ids["x"])._trace_over.isVisible() is False

    # on, to the backward pass: t0's gradient comes from every conv window that read it
    step_to(window, ids["t0"], "backward")
    st = hover(window, ids["t0"], (0, 0, 3, 4))
    conv = window.scene.node_item(ids["conv"])
    assert conv.value_shown == ((4, 2, 5, 5), "grad")
    lit = {tuple(int(v) for v in rc) for rc in np.argwhere(conv.trace_cells == 1)}
    # rows i with 2i−1 ≤ 3 ≤ 2i+1: 1 and 2; columns with 2j−1 ≤ 4 ≤ 2j+1: 2; both filters
    assert lit == {(1, 2), (2, 2), (1, 8), (2, 8)}
    assert window.scene.node_item(ids["relu"]).traced
    assert not window.scene.node_item(ids["x"]).traced            # upstream of the gradient
    grad = window.player.executor.grads()[ids["t0"]][0, 0, 3, 4]
    assert st.text == f"∂J/∂t0[0,0,3,4] = {num(grad)}, from ∂J/∂ of conv (4 cells)"


def test_a_collapsed_group_is_lit_with_the_count_inside_it(window):
    g, ids = conv_chain(group=True)
    window.session.replace_graph(g)
    step_to(window, ids["t1"], "forward")
    hover(window, ids["t1"], (0, 0, 0, 0))
    gid = g.group_of(ids["conv"])
    box = window.scene.group_item(gid)
    assert box.trace_text.startswith("2 traced cells in 2 nodes")  # conv and relu, one each
    x = window.scene.node_item(ids["x"])
    assert x.traced and int((x.trace_cells == 1).sum()) == 4       # corner window, cut by pad
    hover(window, ids["t1"], None)
    assert box.trace_text == ""
    window.scene.toggle_group(gid)                                 # expanded: the members
    assert not g.groups[gid].collapsed
    hover(window, ids["t1"], (0, 0, 0, 0))
    assert box.trace_text == ""
    relu = window.scene.node_item(ids["relu"]).trace_cells
    assert relu is not None and relu[0, 0] == 1 and (relu == 1).sum() == 1


def fan_out():
    g = Graph()
    x = g.add_node("input", {"shape": (None, 4)}, name="x")
    a = g.add_node("dense", {"units": 4}, name="a")     # weights: its gradient is computed
    b = g.add_node("sigmoid", name="b")
    c = g.add_node("relu", name="c")
    d = g.add_node("add", name="d")
    cost = g.add_node("mean", {"axes": ()}, name="cost")
    g.connect(x, a, 0)
    g.connect(a, b, 0)
    g.connect(a, c, 0)
    g.connect(b, d, 0)
    g.connect(c, d, 1)
    g.connect(d, cost, 0)
    return g, {n: g.by_name(n) for n in "abcd"}


def test_a_fan_out_gradient_lights_both_consumers(window):
    g, ids = fan_out()
    window.session.replace_graph(g)
    step_to(window, ids["a"], "backward")
    st = hover(window, ids["a"], (1, 2))
    expect = np.zeros((4, 4), np.int8)
    expect[1, 2] = 1
    for name in "bcd":
        np.testing.assert_array_equal(window.scene.node_item(ids[name]).trace_cells, expect,
                                      err_msg=name)
    assert "summed over 2 consumers: b (1 cell) + c (1 cell)" in st.text


def test_a_lit_cell_survives_a_picture_drawn_smaller_than_its_array():
    cells = np.zeros((67, 67), np.int8)
    cells[33, 50] = 1
    small = fit_cells(cells, 40, 40)
    # pixel row 20 covers cell rows 33..34 (20·67//40 = 33), column 30 covers 50..51
    assert np.argwhere(small == 1).tolist() == [[20, 30]]
    big = fit_cells(cells[:3, :3], 9, 6)                # enlarged: blocks of 2 x 3 pixels
    assert big.shape == (6, 9) and (big == cells[:3, :3].repeat(2, 0).repeat(3, 1)).all()
