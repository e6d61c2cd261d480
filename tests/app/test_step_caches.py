"""Step details show each forward cache and what backward read, dense layers in the course's
notation; the inspector and the status bar show the notation, the counts and the arrays."""
from __future__ import annotations

import numpy as np

from engine.examples import build
from graphviz_app.editor.commands import SetParams
from graphviz_app.panels.watch.array_view import VALUE_ROLE
from graphviz_app.player.player import Player
from graphviz_app.session import Session


def _player(name: str):
    graph, data, _ = build(name)
    session = Session(graph)
    session.dataset = data
    return graph, Player(session, lambda: None)


def _step_to(player, node: str, phase: str, limit: int = 200):
    nid = player.session.graph.resolve(node)
    for _ in range(limit):
        rec = player.step_forward()
        assert rec is not None, f"{node} {phase} never stepped"
        if rec.node == nid and rec.phase == phase:
            return rec
    raise AssertionError(f"{node} {phase} not reached in {limit} steps")


def test_dense_forward_detail_shows_notation_and_its_cache():
    graph, player = _player("xor_mlp")
    _step_to(player, "dense2", "forward")
    text = player.current_detail()
    assert "dense2 (dense, layer 2)" in text
    assert "z[2] = W[2]·a[1] + b[2]" in text
    assert "a[2] = g[2](z[2]),  g[2] = relu" in text
    assert "W[2]: (n[2], n[1]) = (16, 16)" in text
    assert "Cached for backward:" in text
    assert "  a[1] (4x16)" in text and "  z[2] (4x16)" in text and "  a[2] (4x16)" in text
    assert "read by backward" not in text                    # backward has not run yet


def test_backward_detail_says_which_cache_entries_it_read():
    graph, player = _player("xor_mlp")
    _step_to(player, "dense1", "backward")
    text = player.current_detail()
    assert "The backward step read a[0], z[1]." in text
    lines = text.splitlines()
    assert any(l.startswith("  a[0] (4x2)  ← read by backward") for l in lines)
    assert not any(l.startswith("  a[1] (4x16)  ← read") for l in lines)   # relu uses z
    assert "dW[1] = dz[1]ᵀ·a[0]" in text and "∂J/∂W[1]: 16x2" in text


def test_pool_conv_and_batch_norm_caches_in_the_details():
    graph, player = _player("small_cnn")
    _step_to(player, "pool1", "forward")
    assert "  argmax (4x8x4x4)" in player.current_detail()
    _step_to(player, "conv1", "backward")
    text = player.current_detail()
    assert "  windows (4x1x3x3x8x8)  ← read by backward" in text
    assert "The backward step read windows." in text


def test_inspector_notation_counts_and_status_bar(window, qtbot):
    win = window
    assert win.files.open_example("xor_mlp")
    graph = win.session.graph
    hand = (16 * 2 + 16) + (16 * 16 + 16) + (2 * 16 + 2)
    win.session.select([])
    assert win.inspector.graph_counts.isVisibleTo(win.inspector)
    assert win.inspector.graph_counts.text().startswith(f"Whole graph: {hand} parameters")
    qtbot.waitUntil(lambda: win.counts_label.text().startswith(f"{hand} parameters"),
                    timeout=2000)
    nid = graph.resolve("dense1")
    win.session.select([nid])
    assert "W[1]: (n[1], n[0]) = (16, 2)" in win.inspector.notation_label.text()
    assert "z[1] = W[1]·a[0] + b[1]" in win.inspector.notation_label.text()
    assert "(n[l], m)" in win.inspector.rows_note.text()
    assert win.inspector.rows_note.isVisibleTo(win.inspector)
    win.session.push(SetParams(win.session, nid, {"units": 8}))
    smaller = (8 * 2 + 8) + (16 * 8 + 16) + (2 * 16 + 2)
    qtbot.waitUntil(lambda: win.counts_label.text().startswith(f"{smaller} parameters"),
                    timeout=2000)
    assert "W[1]: (n[1], n[0]) = (8, 2)" in win.inspector.notation_label.text()
    win.session.select([graph.resolve("J")])
    assert not win.inspector.rows_note.isVisibleTo(win.inspector)


def test_inspector_opens_a_gradient_after_the_backward_pass(window, qtbot):
    win = window
    assert win.files.open_example("xor_mlp")
    nid = win.session.graph.resolve("dense1")
    win.session.select([nid])
    assert win.inspector.array_buttons == []                # nothing computed yet
    win.player.run_backward()
    labels = [b.text() for b in win.inspector.array_buttons]
    assert labels[:3] == ["a[1] and dJ/da[1]", "W[1] and dW[1]", "b[1] and db[1]"]
    w = win.inspector.open_array(1)
    qtbot.addWidget(w)
    dW = win.player.executor.weight_grads()[(nid, "W")]
    t = w.view.grad_slot.table
    shown = np.array([[t.item(r, c).data(VALUE_ROLE) for c in range(2)] for r in range(16)])
    np.testing.assert_allclose(shown, dW, rtol=1e-12)


def test_canvas_tooltip_of_a_dense_node_uses_the_notation(window):
    assert window.files.open_example("xor_mlp")
    item = window.scene.node_item(window.session.graph.resolve("dense3"))
    text = item.tooltip_text()
    assert "z[3] = W[3]·a[2] + b[3]" in text and "W[3]: (n[3], n[2]) = (2, 16)" in text


def test_step_details_picker_opens_the_current_nodes_gradient(window, qtbot):
    win = window
    assert win.files.open_example("xor_mlp")
    panel = win.player.panel
    assert not panel.arrays.isEnabled()                      # nothing stepped yet
    nid = win.session.graph.resolve("dense3")
    for _ in range(40):
        rec = win.player.step_forward()
        assert rec is not None
        if rec.node == nid and rec.phase == "backward":
            break
    labels = [panel.arrays.combo.itemText(i) for i in range(panel.arrays.combo.count())]
    assert labels[:3] == ["a[3] and dJ/da[3]", "W[3] and dW[3]", "b[3] and db[3]"]
    assert "z[3] (cached)" in labels
    w = panel.arrays.open_index(2)
    qtbot.addWidget(w)
    db = win.player.executor.weight_grads()[(nid, "b")]
    t = w.view.grad_slot.table
    np.testing.assert_allclose([t.item(0, c).data(VALUE_ROLE) for c in range(2)], db, rtol=1e-12)


def test_finished_details_offer_the_selected_nodes_arrays(window, qtbot):
    win = window
    assert win.files.open_example("xor_mlp")
    win.player.run_backward()
    assert win.player.phase == "done"
    win.session.select([win.session.graph.resolve("dense2")])
    combo = win.player.panel.arrays.combo
    assert combo.itemText(1) == "W[2] and dW[2]"
    win.session.select([win.session.graph.resolve("dense3")])
    assert combo.itemText(1) == "W[3] and dW[3]"


def test_batch_norm_details_show_its_statistics_and_mode():
    from engine.graph import Graph
    g = Graph(0)
    x = g.add_node("input", {"shape": (None, 3)}, name="x")
    bn = g.add_node("batch_norm", name="bn")
    g.connect(x, bn, 0)
    y = g.add_node("input", {"shape": (None, 3)}, name="y")
    j = g.add_node("mse", name="J")
    g.connect(bn, j, 0)
    g.connect(y, j, 1)
    session = Session(g)
    player = Player(session, lambda: None)
    _step_to(player, "bn", "backward")
    text = player.current_detail()
    assert "  running_mean (1x3)" in text and "  running_var (1x3)" in text   # stepping evaluates
    assert "  xhat (4x3)  ← read by backward" in text
    assert "  training (False)  ← read by backward" in text
