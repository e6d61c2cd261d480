"""The canvas: dropping ops, wiring, refusing wires, moving, deleting, copy/paste, groups,
issues on the exact node and edge, and the item API the player uses."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication

from graphviz_app import OP_MIME
from graphviz_app.editor.commands import node_pos

from .conftest import mlp_graph


def drop_op(view, op: str, at: QPoint) -> QDropEvent:
    """Deliver a real drag-enter and drop of ``op`` to the view's viewport."""
    mime = QMimeData()
    mime.setData(OP_MIME, QByteArray(op.encode()))
    enter = QDragEnterEvent(at, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(at), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), drop)
    return drop


def test_drop_creates_node_at_drop_point_and_undo_redo(window):
    view, s = window.view, window.session
    at = QPoint(300, 200)
    drop_op(view, "relu", at)
    assert len(s.graph) == 1
    nid = next(iter(s.graph.nodes))
    assert s.graph.nodes[nid].op == "relu"
    x, y = node_pos(s.graph.nodes[nid].ui)
    scene_pt = view.mapToScene(at)
    assert abs(x + 65 - scene_pt.x()) < 30 and abs(y + 11 - scene_pt.y()) < 30
    assert window.scene.node_item(nid) is not None
    assert s.selected() == [nid]
    s.undo()
    assert len(s.graph) == 0 and window.scene.node_item(nid) is None
    s.redo()
    assert nid in s.graph.nodes and window.scene.node_item(nid) is not None


def test_drop_ignores_foreign_mime(window):
    mime = QMimeData()
    mime.setText("relu")
    ev = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.view.viewport(), ev)
    assert len(window.session.graph) == 0


def _two(window, op_a="input", op_b="relu"):
    s = window.session
    window.view.add_op(op_a, QPointF(0, 0))
    window.view.add_op(op_b, QPointF(300, 0))
    a, b = list(s.graph.nodes)
    return a, b


def test_wire_through_scene_path_and_undo(window):
    scene, s = window.scene, window.session
    a, b = _two(window)
    out = scene.node_item(a).out_port
    target = scene.node_item(b).input_port(0)
    scene.begin_wire(out)
    scene.update_wire(QPointF(150, 30))
    assert scene.wire.line is not None
    assert scene.finish_wire(target.scenePos()) is None
    assert s.graph.inputs_of(b) == [a]
    assert scene.edge_item(a, b, 0) is not None
    assert scene.wire.line is None
    s.undo()
    assert s.graph.inputs_of(b) == [None] and scene.edge_item(a, b, 0) is None
    s.redo()
    assert scene.edge_item(a, b, 0) is not None


def test_wire_with_mouse_events(window, qtbot):
    scene, view, s = window.scene, window.view, window.session
    a, b = _two(window)
    start = view.mapFromScene(scene.node_item(a).out_port.scenePos())
    end = view.mapFromScene(scene.node_item(b).input_port(0).scenePos())
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), pos=(start + end) / 2)
    qtbot.mouseMove(view.viewport(), pos=end)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert s.graph.inputs_of(b) == [a]


def test_refused_wire_shows_reason(window):
    scene, s = window.scene, window.session
    g = s.graph
    x = g.add_node("input", {"shape": (None, 3)}, name="x", ui={"pos": [0, 0]})
    w = g.add_node("input", {"shape": (None, 5)}, name="w", ui={"pos": [0, 200]})
    m = g.add_node("add", name="m", ui={"pos": [300, 0]})
    g.connect(x, m, 0)
    messages = []
    s.message.connect(messages.append)
    n_cmds = s.undo_stack.count()
    reason = (scene.begin_wire(scene.node_item(w).out_port),
              scene.finish_wire(scene.node_item(m).input_port(1).scenePos()))[1]
    assert reason and "broadcast" in reason
    assert g.inputs_of(m)[1] is None
    assert s.undo_stack.count() == n_cmds
    assert any(reason in text for text in messages)
    assert window.statusBar().currentMessage().endswith(reason)
    notice = window.view.notice
    assert notice.isVisible() and notice.text() == reason


def test_refused_cycle(window):
    scene, s = window.scene, window.session
    a, b = _two(window, "relu", "relu")
    s.graph.connect(a, b, 0)
    scene.begin_wire(scene.node_item(b).out_port)
    reason = scene.finish_wire(scene.node_item(a).input_port(0).scenePos())
    assert reason and "cycle" in reason


def test_pick_up_wire_removes_it(window):
    scene, s = window.scene, window.session
    a, b = _two(window)
    s.graph.connect(a, b, 0)
    scene.begin_wire(scene.node_item(b).input_port(0))
    scene.finish_wire(QPointF(900, 900))
    assert s.graph.inputs_of(b) == [None]
    s.undo()
    assert s.graph.inputs_of(b) == [a]


def test_move_is_one_undoable_command(window, qtbot):
    scene, s = window.scene, window.session
    a, b = _two(window)
    s.select([a, b])
    before = {n: node_pos(s.graph.nodes[n].ui) for n in (a, b)}
    for n in (a, b):
        scene.node_item(n).moveBy(50, 25)
    n_cmds = s.undo_stack.count()
    scene.commit_moves()
    assert s.undo_stack.count() == n_cmds + 1
    assert node_pos(s.graph.nodes[a].ui) == (before[a][0] + 50, before[a][1] + 25)
    s.undo()
    assert node_pos(s.graph.nodes[a].ui) == before[a]
    assert scene.node_item(a).pos().x() == before[a][0]


def test_delete_key_removes_and_undo_restores_edges(window, qtbot):
    s = window.session
    s.replace_graph(mlp_graph())
    g = s.graph
    d1 = g.by_name("d1")
    edges = g.edges()
    s.select([d1])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert d1 not in g.nodes
    s.undo()
    assert d1 in g.nodes and g.edges() == edges
    assert window.scene.edge_item(g.by_name("x"), d1, 0) is not None


def test_copy_paste_and_duplicate(window):
    s = window.session
    s.replace_graph(mlp_graph())
    g = s.graph
    s.select([g.by_name("d1"), g.by_name("r1")])
    window.copy()
    window.paste()
    assert len(g) == 7
    new = s.selected()
    assert len(new) == 2 and all(n not in ("d1", "r1") for n in (g.nodes[i].name for i in new))
    d_new = next(i for i in new if g.nodes[i].op == "dense")
    r_new = next(i for i in new if g.nodes[i].op == "relu")
    assert g.inputs_of(r_new) == [d_new]       # the internal edge came along
    assert g.nodes[d_new].params["units"] == 4
    s.undo()
    assert len(g) == 5
    s.select([g.by_name("x")])
    window.duplicate()
    assert len(g) == 6


def test_issue_marks_exact_node_port_and_edge(window):
    s = window.session
    g = s.graph
    x = g.add_node("input", {"shape": (None, 3)}, name="x", ui={"pos": [0, 0]})
    m = g.add_node("matmul", name="m", ui={"pos": [300, 0]})
    w = g.add_node("parameter", {"shape": (3, 2)}, name="w", ui={"pos": [0, 150]})
    g.connect(x, m, 0)
    g.connect(w, m, 1)
    item = window.scene.node_item(m)
    assert not item.issues
    s.push(__import__("graphviz_app.editor.commands", fromlist=["SetParams"]).SetParams(s, w, {"shape": (4, 2)}))
    assert item.issues and "⚠" in item.toolTip()
    bad = {i.port for i in item.issues}
    assert any(p.error for p in item.ports if p.port in bad)
    assert any(window.scene.edge_item(src, m, p).error for src, p in ((x, 0), (w, 1)) if p in bad)
    s.undo()
    assert not item.issues


def test_group_collapse_expand_and_reroute(window):
    s, scene = window.session, window.scene
    s.replace_graph(mlp_graph())
    g = s.graph
    d1, r1 = g.by_name("d1"), g.by_name("r1")
    s.select([d1, r1])
    window.group_selection()
    gid = next(iter(g.groups))
    gi = scene.group_item(gid)
    assert gi.collapsed and not scene.node_item(d1).isVisible()
    edge = scene.edge_item(g.by_name("x"), d1, 0)
    a, b = scene._endpoints(edge)
    assert (b - gi.in_anchor()).manhattanLength() < 1
    scene.toggle_group(gid)
    assert not g.groups[gid].collapsed and scene.node_item(d1).isVisible()
    s.undo()
    assert g.groups[gid].collapsed
    s.undo()
    assert not g.groups


def test_node_item_player_api(window):
    s, scene = window.session, window.scene
    s.replace_graph(mlp_graph())
    item = scene.node_item(s.graph.by_name("d1"))
    for state in ("done", "current", "current_backward", "done_backward", "idle"):
        item.set_run_state(state)
        assert item.run_state == state
    h = item.height
    img = QImage(200, 100, QImage.Format.Format_RGB32)
    img.fill(QColor("red"))
    item.set_value_display(img, "mean 0.42", QColor("blue"))
    assert item.height > h and item._pix_item.pixmap().width() <= 96
    item.set_value_display(None, None, None)
    assert item.height == h
    item.set_detail_tooltip("value: [1, 2]")
    assert "value: [1, 2]" in item.toolTip()


def test_edge_item_player_api(window):
    s, scene = window.session, window.scene
    s.replace_graph(mlp_graph())
    g = s.graph
    edge = scene.edge_item(g.by_name("x"), g.by_name("d1"), 0)
    for kind in ("read", "write", "grad", None):
        edge.set_highlight(kind)
        assert edge.highlight == kind
    edge.set_badge("broadcast 3→Nx3", "summed back in backward")
    assert edge.badge_text == "broadcast 3→Nx3"
    edge.set_badge(None, None)
    assert edge.badge_text is None


def test_zoom_and_fit(window):
    view = window.view
    window.session.replace_graph(mlp_graph())
    z = view.zoom
    view.set_zoom(2.0, QPointF(0, 0))
    assert abs(view.zoom - min(4.0, z * 2)) < 1e-6
    view.fit_all()
    rect = window.scene.itemsBoundingRect()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert visible.contains(rect.center())


def test_auto_layout_is_one_command(window):
    s = window.session
    s.replace_graph(mlp_graph())
    before = {n: node_pos(s.graph.nodes[n].ui) for n in s.graph.nodes}
    window.auto_layout()
    assert s.undo_stack.count() == 1
    after = {n: node_pos(s.graph.nodes[n].ui) for n in s.graph.nodes}
    assert after != before
    xs = {s.graph.nodes[n].name: p[0] for n, p in after.items()}
    assert xs["x"] < xs["d1"] < xs["r1"] < xs["J"]
    s.undo()
    assert {n: node_pos(s.graph.nodes[n].ui) for n in s.graph.nodes} == before


def test_wheel_zooms_around_cursor_and_middle_drag_pans(window, qtbot):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QWheelEvent
    view = window.view
    window.session.replace_graph(mlp_graph())
    view.resetTransform()
    at = QPoint(200, 150)
    before = view.mapToScene(at)
    ev = QWheelEvent(QPointF(at), QPointF(view.viewport().mapToGlobal(at)), QPoint(0, 0),
                     QPoint(0, 240), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                     Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), ev)
    assert view.zoom > 1.2
    after = view.mapToScene(at)
    assert (after - before).manhattanLength() < 2.0   # the point under the cursor stays put
    h = view.horizontalScrollBar().value()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.MiddleButton, pos=QPoint(300, 300))
    qtbot.mouseMove(view.viewport(), pos=QPoint(200, 300))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.MiddleButton, pos=QPoint(200, 300))
    assert view.horizontalScrollBar().value() == h + 100


def test_rubber_band_selects_into_session(window, qtbot):
    s, view = window.session, window.view
    s.replace_graph(mlp_graph())
    view.resetTransform()
    view.centerOn(QPointF(300, 60))
    r = view.mapFromScene(QPointF(-60, -80)), view.mapFromScene(QPointF(900, 400))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=r[0])
    qtbot.mouseMove(view.viewport(), pos=(r[0] + r[1]) / 2)
    qtbot.mouseMove(view.viewport(), pos=r[1])
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=r[1])
    assert len(s.selected()) >= 3
    window.select_all()
    assert len(s.selected()) == 5
    assert all(window.scene.node_item(n).isSelected() for n in s.selected())


def test_variadic_node_grows_a_port(window):
    s, scene = window.session, window.scene
    g = s.graph
    a = g.add_node("input", {"shape": (None, 2)}, name="a", ui={"pos": [0, 0]})
    c = g.add_node("concat", name="c", ui={"pos": [300, 0]})
    n0 = len(scene.node_item(c).ports)
    for port in range(n0):
        g.connect(a, c, port)
    assert len(scene.node_item(c).ports) == n0 + 1


def test_double_click_on_group_toggles_it(window, qtbot):
    s, scene, view = window.session, window.scene, window.view
    s.replace_graph(mlp_graph())
    g = s.graph
    s.select([g.by_name("d1"), g.by_name("r1")])
    window.group_selection()
    gid = next(iter(g.groups))
    gi = scene.group_item(gid)
    view.resetTransform()
    view.centerOn(gi)
    at = view.mapFromScene(gi.mapToScene(gi.rect.center()))
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=at)
    assert not g.groups[gid].collapsed
    assert s.undo_stack.undoText().startswith("Expand")
