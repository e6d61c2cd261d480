"""The array view shows the engine's own arrays: a gradient's table cells and heatmap pixels
are the very numbers backward computed, in the right orientation."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from engine import Executor
from engine.examples import build
from graphviz_app.panels.watch.array_view import VALUE_ROLE, ArrayView
from graphviz_app.player.player import Player, batch_feeds
from graphviz_app.session import Session


def _stepped(name: str):
    """A player that has run the whole backward pass of example ``name``, and the engine's
    own gradients from one independent run on the same batch."""
    graph, data, _ = build(name)
    session = Session(graph)
    session.dataset = data
    player = Player(session, lambda: None)
    player.run_backward()
    feeds, _ = batch_feeds(graph, data, player.batch_size)
    ex = Executor(graph.copy())
    ex.reset(feeds)
    ex.run_backward()
    return graph, player, ex


def _shown(slot) -> np.ndarray:
    """The numbers a slot displays: its table cells, or its heatmap's pixels."""
    if slot.is_table:
        t = slot.table
        return np.array([[t.item(r, c).data(VALUE_ROLE) for c in range(t.columnCount())]
                         for r in range(t.rowCount())])
    return np.asarray(slot.image.image)


def _pair(player, graph, node, key):
    return next(p for p in player.arrays_of(graph.resolve(node)) if p.key == key)


def test_small_gradient_table_holds_the_engine_dW_not_W_nor_its_transpose(qtbot):
    graph, player, ex = _stepped("xor_mlp")
    nid = graph.resolve("dense1")
    pair = _pair(player, graph, "dense1", "weight:W")
    view = ArrayView()
    qtbot.addWidget(view)
    view.set_pair("dense1", pair)
    slot = view.grad_slot
    assert slot.is_table and slot.title.text() == "dW[1]"
    dW = ex.weight_grads()[(nid, "W")]                      # (16, 2)
    assert (slot.table.rowCount(), slot.table.columnCount()) == dW.shape
    shown = np.array([[slot.table.item(r, c).data(VALUE_ROLE) for c in range(2)]
                      for r in range(16)])
    np.testing.assert_allclose(shown, dW, rtol=1e-12)
    assert not np.allclose(shown, graph.nodes[nid].weights["W"])
    assert slot.table.item(3, 1).toolTip() == f"dW[1][3, 1] = {slot.table.item(3, 1).text()}"
    vals = view.value_slot
    np.testing.assert_array_equal(
        [[vals.table.item(r, c).data(VALUE_ROLE) for c in range(2)] for r in range(16)],
        graph.nodes[nid].weights["W"])


def test_large_gradient_heatmap_and_hover_match_the_engine(qtbot):
    graph, player, ex = _stepped("xor_mlp")
    nid = graph.resolve("dense2")
    view = ArrayView()
    qtbot.addWidget(view)
    view.set_pair("dense2", _pair(player, graph, "dense2", "weight:W"))
    slot = view.grad_slot
    dW = ex.weight_grads()[(nid, "W")]                      # 16 x 16: a transpose would show
    assert not slot.is_table and not np.allclose(dW, dW.T)
    np.testing.assert_allclose(slot.image.image, dW, rtol=1e-12)
    for r, c in [(0, 0), (3, 11), (15, 2), (9, 15)]:
        centre = slot.image.mapToScene(QPointF(c + 0.5, r + 0.5))
        assert slot.cell_at(centre) == (r, c)
        text = slot.hover_at(r, c)
        name, value = text.split(" = ")
        assert name == f"dW[2][{r}, {c}]"
        np.testing.assert_allclose(float(value), dW[r, c], rtol=1e-3)
        assert slot.hover.text() == text
    assert slot.cell_at(slot.image.mapToScene(QPointF(16.5, 3.0))) is None


def test_node_value_opens_beside_dJ_dvalue(qtbot):
    graph, player, ex = _stepped("xor_mlp")
    nid = graph.resolve("dense2")
    pair = _pair(player, graph, "dense2", "value")
    assert pair.name == "a[2]" and pair.grad_name == "dJ/da[2]"
    view = ArrayView()
    qtbot.addWidget(view)
    view.set_pair("dense2", pair)
    assert view.grad_slot.is_table                           # 4 x 16 = 64 entries
    np.testing.assert_allclose(_shown(view.grad_slot), ex.grads()[nid], rtol=1e-12)
    np.testing.assert_allclose(_shown(view.value_slot), ex.values()[nid], rtol=1e-12)


def test_conv_value_heatmap_is_the_first_axis_by_the_rest(qtbot):
    graph, player, ex = _stepped("small_cnn")
    nid = graph.resolve("conv1")
    view = ArrayView()
    qtbot.addWidget(view)
    view.set_pair("conv1", _pair(player, graph, "conv1", "value"))
    g = ex.grads()[nid]                                       # (4, 8, 8, 8)
    shown = _shown(view.grad_slot)
    assert shown.shape == (4 * 8, 8 * 8)                      # examples in bands, channels side by side
    for n, c in [(0, 0), (2, 5), (3, 7)]:
        np.testing.assert_allclose(shown[n * 8:(n + 1) * 8, c * 8:(c + 1) * 8], g[n, c],
                                   rtol=1e-12)
    name, value = view.grad_slot.hover_at(2 * 8 + 3, 5 * 8 + 6).split(" = ")
    assert name == "dJ/dconv1[2, 5, 3, 6]"
    np.testing.assert_allclose(float(value), g[2, 5, 3, 6], rtol=1e-3)


def test_conv_kernel_gradient_hover_names_the_4d_entry(qtbot):
    graph, player, ex = _stepped("small_cnn")
    nid = graph.resolve("conv1")
    view = ArrayView()
    qtbot.addWidget(view)
    view.set_pair("conv1", _pair(player, graph, "conv1", "weight:W"))
    dW = ex.weight_grads()[(nid, "W")]                      # (8, 1, 3, 3): 72 entries
    slot = view.grad_slot
    assert not slot.is_table and slot.image.image.shape == (8 * 3, 1 * 3)   # a band per filter
    name, value = slot.hover_at(3 * 3 + 1, 2).split(" = ")
    assert name == "dconv1.W[3, 0, 1, 2]"
    np.testing.assert_allclose(float(value), dW[3, 0, 1, 2], rtol=1e-3)
    np.testing.assert_allclose(_shown(slot)[9:12], dW[3, 0], rtol=1e-12)


def test_before_backward_an_array_opens_alone(qtbot):
    graph, data, _ = build("xor_mlp")
    session = Session(graph)
    session.dataset = data
    player = Player(session, lambda: None)
    player.run_forward()
    pairs = player.arrays_of(graph.resolve("dense1"))
    assert [p.key for p in pairs] == ["value", "weight:W", "weight:b", "cache:a_prev",
                                      "cache:z"]
    assert all(p.grad is None for p in pairs)
    view = ArrayView()
    qtbot.addWidget(view)
    view.show()
    view.set_pair("dense1", pairs[0])
    assert view.grad_slot.isHidden() and not view.value_slot.isHidden()


def test_moving_the_mouse_over_the_heatmap_reads_the_cell_under_it(qtbot):
    graph, player, ex = _stepped("xor_mlp")
    nid = graph.resolve("dense2")
    view = ArrayView()
    qtbot.addWidget(view)
    view.resize(800, 500)
    view.set_pair("dense2", _pair(player, graph, "dense2", "weight:W"))
    view.show()
    qtbot.waitExposed(view)
    slot = view.grad_slot
    dW = ex.weight_grads()[(nid, "W")]
    r, c = 6, 13
    scene_pt = slot.image.mapToScene(QPointF(c + 0.5, r + 0.5))
    widget_pt = slot.plot.mapFromScene(scene_pt)
    viewport = slot.plot.viewport()
    move = QMouseEvent(QEvent.Type.MouseMove, QPointF(widget_pt),
                       QPointF(viewport.mapToGlobal(widget_pt)), Qt.MouseButton.NoButton,
                       Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, move)             # through the scene's own mouse handling
    qtbot.waitUntil(lambda: slot.hover.text().startswith(f"dW[2][{r}, {c}] = "), timeout=2000)
    np.testing.assert_allclose(float(slot.hover.text().split(" = ")[1]), dW[r, c], rtol=1e-3)


def test_conv_windows_open_as_the_padded_input_patches(qtbot):
    graph, player, ex = _stepped("small_cnn")
    pair = _pair(player, graph, "conv1", "cache:windows")
    view = ArrayView()
    qtbot.addWidget(view)
    view.set_pair("conv1", pair)
    shown = _shown(view.value_slot)                         # (N·OH·3, C·OW·3)
    x = ex.values()[graph.resolve("x")]                      # (4, 1, 8, 8), padding 1
    xp = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    assert shown.shape == (4 * 8 * 3, 1 * 8 * 3)
    for n, i, j in [(0, 0, 0), (1, 2, 5), (3, 7, 7)]:
        block = shown[n * 24 + i * 3:n * 24 + i * 3 + 3, j * 3:j * 3 + 3]
        np.testing.assert_array_equal(block, xp[n, 0, i:i + 3, j:j + 3])
    name, _ = view.value_slot.hover_at(1 * 24 + 2 * 3 + 1, 5 * 3 + 2).split(" = ")
    assert name == "windows[1, 0, 1, 2, 2, 5]"
