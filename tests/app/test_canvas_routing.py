"""Canvas geometry: no wire passes behind a node it does not connect, and nodes that widen to
show a value do not overlap their neighbours (moved apart in the view, not in the model).

Wires are checked by sampling the drawn path densely (QPainterPath.pointAtPercent) against
each node's box: independent of the router's own segment test."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage

from engine import Graph
from engine.examples import EXAMPLES
from graphviz_app.canvas.routing import GridIndex, separate, wire_path
from graphviz_app.editor.commands import MoveNodes

SAMPLES = 400


def _behind(path, box: QRectF) -> bool:
    """True when the drawn path enters ``box`` (shrunk by 1 px: touching is not behind)."""
    inner = box.adjusted(1, 1, -1, -1)
    return any(inner.contains(path.pointAtPercent(i / SAMPLES)) for i in range(SAMPLES + 1))


def _wires_behind_nodes(scene) -> list[tuple]:
    bad = []
    nodes = [n for n in scene.node_items() if n.isVisible()]
    for edge in scene.edge_items():
        if not edge.isVisible():
            continue
        for node in nodes:
            if node.nid not in (edge.src, edge.dst) and _behind(edge.path, node.box()):
                bad.append((edge.key, node.name))
    return bad


def _overlaps(scene) -> list[tuple[str, str]]:
    nodes = [n for n in scene.node_items() if n.isVisible()]
    return [(a.name, b.name) for i, a in enumerate(nodes) for b in nodes[i + 1:]
            if a.box().intersects(b.box())]


def _settle(qtbot, scene) -> None:
    qtbot.waitUntil(lambda: not scene._reflow_timer.isActive(), timeout=2000)


def test_the_fan_out_wire_goes_around_u(window, qtbot):
    assert window.files.open_example("fan_out")
    scene, g = window.scene, window.session.graph
    a, u, j = g.by_name("a"), g.by_name("u"), g.by_name("J")
    edge = next(e for e in scene.edge_items() if (e.src, e.dst) == (a, j))
    start, end = edge.endpoints()
    u_box = scene.node_item(u).box()
    assert _behind(wire_path(start, end), u_box)      # the plain curve ran behind u
    assert not _behind(edge.path, u_box)
    assert edge.path.pointAtPercent(0) == start and edge.path.pointAtPercent(1) == end


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_no_wire_passes_behind_a_node_in_any_example(shared, qtbot, name):
    window = shared
    assert window.files.open_example(name)
    _settle(qtbot, window.scene)
    assert _wires_behind_nodes(window.scene) == []
    assert _overlaps(window.scene) == []


def _three(window):
    """x and y far apart on one row, z elsewhere; x → y wired."""
    g = Graph()
    window.session.replace_graph(g)
    x = g.add_node("input", {"shape": (None, 3)}, name="x", ui={"pos": [0, 0]})
    y = g.add_node("relu", name="y", ui={"pos": [600, 0]})
    z = g.add_node("sigmoid", name="z", ui={"pos": [300, 300]})
    g.connect(x, y, 0)
    return g, x, y, z


def test_moving_a_node_into_a_wire_reroutes_the_wire(window, qtbot):
    g, x, y, z = _three(window)
    scene, s = window.scene, window.session
    _settle(qtbot, scene)
    edge = scene.edge_item(x, y, 0)
    s.push(MoveNodes(s, {z: ((300.0, 300.0), (300.0, -10.0))}))   # onto the wire's line
    _settle(qtbot, scene)
    assert not _behind(edge.path, scene.node_item(z).box())
    s.undo()                                                        # and back: a straight wire
    _settle(qtbot, scene)
    start, end = edge.endpoints()
    assert edge.path.boundingRect().height() <= abs(end.y() - start.y()) + 1


def _widen(item) -> None:
    """Show a value as the player does: a 96x48 picture and a long label."""
    image = QImage(96, 48, QImage.Format.Format_RGB32)
    image.fill(QColor(30, 120, 200))
    item.set_value_display(image, "-0.0551234…0.0691234", QColor(0, 0, 0))


def test_a_node_widened_by_its_value_pushes_its_right_neighbour_in_the_view_only(window, qtbot):
    g = Graph()
    window.session.replace_graph(g)
    a = g.add_node("relu", name="a", ui={"pos": [0, 0]})
    b = g.add_node("relu", name="b", ui={"pos": [150, 0]})
    scene, s = window.scene, window.session
    _settle(qtbot, scene)
    ia, ib = scene.node_item(a), scene.node_item(b)
    assert not ia.box().intersects(ib.box())
    n_undo = s.undo_stack.count()
    _widen(ia)
    assert ia.width > 150                                  # it would reach into b
    _settle(qtbot, scene)
    assert not ia.box().intersects(ib.box())
    assert ib.pos().y() == 0 and ib.pos().x() >= ia.box().right()   # pushed right, same row
    assert g.nodes[b].ui["pos"] == [150, 0] and s.undo_stack.count() == n_undo
    ia.set_value_display(None, None)                       # value cleared: back in place
    _settle(qtbot, scene)
    assert ib.pos() == QPointF(150, 0)


def test_a_node_grown_taller_pushes_the_one_below_down(window, qtbot):
    g = Graph()
    window.session.replace_graph(g)
    a = g.add_node("relu", name="a", ui={"pos": [0, 0]})
    b = g.add_node("relu", name="b", ui={"pos": [0, 60]})
    scene = window.scene
    _settle(qtbot, scene)
    ia, ib = scene.node_item(a), scene.node_item(b)
    _widen(ia)
    _settle(qtbot, scene)
    assert not ia.box().intersects(ib.box())
    assert ib.pos().x() == 0 and ib.pos().y() >= ia.box().bottom()


def test_dragging_a_shifted_node_moves_its_model_position_by_the_drag_only(window, qtbot):
    g = Graph()
    window.session.replace_graph(g)
    a = g.add_node("relu", name="a", ui={"pos": [0, 0]})
    b = g.add_node("relu", name="b", ui={"pos": [150, 0]})
    scene = window.scene
    _settle(qtbot, scene)
    _widen(scene.node_item(a))
    _settle(qtbot, scene)
    ib = scene.node_item(b)
    shift = scene.node_offset(b)
    assert shift.x() > 0
    window.session.select([b])
    ib.setPos(ib.pos() + QPointF(0, 200))                 # the user drags b down
    scene.commit_moves()
    assert g.nodes[b].ui["pos"] == [150.0, 200.0]
    _settle(qtbot, scene)
    assert ib.pos() == QPointF(150, 200) and scene.node_offset(b) == QPointF()


@pytest.mark.parametrize("name", ["xor_mlp", "inception_module", "small_cnn", "housing"])
def test_after_a_forward_pass_no_two_nodes_overlap_and_no_wire_hides(window, qtbot, name):
    assert window.files.open_example(name)
    window.player.run_forward()
    _settle(qtbot, window.scene)
    assert _overlaps(window.scene) == []
    assert _wires_behind_nodes(window.scene) == []


def test_separate_pushes_row_neighbours_right_and_column_neighbours_down():
    rects = {"a": QRectF(0, 0, 200, 50), "b": QRectF(150, 0, 100, 50),
             "c": QRectF(0, 40, 100, 50), "far": QRectF(1000, 1000, 10, 10)}
    off = separate(rects, gap=10)
    assert off["b"] == QPointF(60, 0)       # right: 200 + 10 - 150
    assert off["c"] == QPointF(0, 20)       # down: 50 + 10 - 40
    assert "a" not in off and "far" not in off


def test_separate_leaves_apart_nodes_alone_and_chains_pushes():
    apart = {"a": QRectF(0, 0, 100, 50), "b": QRectF(120, 0, 100, 50)}
    assert separate(apart, gap=10) == {}
    row = {"a": QRectF(0, 0, 130, 50), "b": QRectF(120, 0, 100, 50),
           "c": QRectF(240, 0, 100, 50)}
    off = separate(row, gap=10)
    assert off == {"b": QPointF(20, 0), "c": QPointF(10, 0)}


def test_grid_index_finds_rectangles_across_cells():
    idx = GridIndex({"a": QRectF(0, 0, 10, 10), "b": QRectF(250, 250, 20, 20),
                     "c": QRectF(-600, 0, 5, 5)})
    assert sorted(idx.query(QRectF(5, 5, 260, 260))) == ["a", "b"]
    assert idx.query(QRectF(-601, -1, 2, 2)) == ["c"]
    assert idx.query(QRectF(100, 100, 10, 10)) == []


def test_separate_takes_the_shorter_way_out_for_a_node_placed_on_another():
    off = separate({"a": QRectF(0, 0, 200, 40), "b": QRectF(0, 0, 100, 40)}, gap=10)
    assert off == {"b": QPointF(0, 50)}            # down 50 beats right 210


def test_a_wire_goes_around_a_collapsed_group_it_does_not_enter(window, qtbot):
    g, x, y, z = _three(window)
    w = g.add_node("sigmoid", name="w", ui={"pos": [330, -250]})
    gid = g.group([z, w], "block")
    g.set_collapsed(gid, True)        # the box sits where the middle of z and w is: on the wire
    scene = window.scene
    _settle(qtbot, scene)
    box = scene.group_item(gid)
    rect = box.mapRectToScene(box.rect)
    edge = scene.edge_item(x, y, 0)
    start, end = edge.endpoints()
    assert _behind(wire_path(start, end), rect)
    assert not _behind(edge.path, rect)


def test_a_value_shown_reroutes_only_the_wires_near_it(window, qtbot):
    g = Graph()
    window.session.replace_graph(g)
    a = g.add_node("relu", name="a", ui={"pos": [0, 0]})
    b = g.add_node("relu", name="b", ui={"pos": [600, 0]})
    c = g.add_node("relu", name="c", ui={"pos": [0, 120]})
    d = g.add_node("relu", name="d", ui={"pos": [600, 120]})
    m = g.add_node("relu", name="m", ui={"pos": [200, 60]})     # between the two wires
    g.connect(a, b, 0)
    g.connect(c, d, 0)
    scene = window.scene
    _settle(qtbot, scene)
    above, below = scene.edge_item(a, b, 0), scene.edge_item(c, d, 0)
    assert not _behind(below.path, scene.node_item(m).box())
    calls = []
    for edge in (above, below):
        real = edge.update_path
        edge.update_path = lambda real=real, edge=edge: (calls.append(edge.key), real())[1]
    _widen(scene.node_item(m))              # m grows down over the c → d wire
    assert _behind(wire_path(*below.endpoints()), scene.node_item(m).box())
    _settle(qtbot, scene)
    assert below.key in calls and above.key not in calls
    assert not _behind(below.path, scene.node_item(m).box())


def test_a_wire_into_a_shape_error_is_marked_when_the_graph_is_opened(window):
    g = Graph()
    x = g.add_node("input", {"shape": (None, 3)}, name="x", ui={"pos": [0, 0]})
    w = g.add_node("input", {"shape": (None, 5)}, name="w", ui={"pos": [0, 200]})
    m = g.add_node("add", name="m", ui={"pos": [300, 0]})
    g.connect(x, m, 0)
    g.connect(w, m, 1)
    assert g.issues                                     # (N,3) + (N,5) does not broadcast
    window.session.replace_graph(g)
    bad = {i.port for i in g.issues if i.node == m}
    marked = {e.port for e in window.scene.edge_items() if e.error}
    assert marked == bad and marked
