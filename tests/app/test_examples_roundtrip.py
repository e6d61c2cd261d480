"""Every example opens in the editor, survives layout, copy/paste, group, delete, and undoing
and redoing everything; a collapsed group keeps its wires attached."""
from __future__ import annotations

import pytest

from engine.examples import EXAMPLES
from tests import sweep

from .test_files import graph_state


# GoogLeNet's 7 M weights make this walk take minutes; its edits use the same commands as every
# other example, and its import and export round trip is tested in test_onnx_import.
ROUND_TRIP = sweep.examples(n for n in EXAMPLES if n != "googlenet_onnx")


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_example_edit_undo_redo(shared, name):
    window = shared
    s, scene = window.session, window.scene
    assert window.files.open_example(name)
    g = s.graph
    assert len(scene.node_items()) == len(g) and len(scene.edge_items()) == len(g.edges())
    start = graph_state(g)
    window.auto_layout()
    window.select_all()
    window.copy()
    window.paste()
    pasted = s.selected()
    assert pasted and len(g) == 2 * len(start[0])
    window.delete_selection()
    assert len(g) == len(start[0])
    free = [n for n in g.nodes if g.group_of(n) is None]
    s.select(free)
    window.group_selection()
    new = [x for x in g.groups if x not in start[2]]
    assert len(new) == (1 if free else 0)
    assert all(scene.group_item(x).collapsed for x in new)
    n = s.undo_stack.count()
    for _ in range(n):
        s.undo()
    assert graph_state(g) == start
    assert len(scene.node_items()) == len(g) and len(scene.edge_items()) == len(g.edges())
    for _ in range(n):
        s.redo()
    for _ in range(n):
        s.undo()
    assert graph_state(g) == start
    for edge in scene.edge_items():
        a, b = edge.endpoints()
        src, dst = scene.node_item(edge.src), scene.node_item(edge.dst)
        if src.isVisible():
            assert (a - src.port_pos(-1)).manhattanLength() < 0.5
        if dst.isVisible():
            assert (b - dst.port_pos(edge.port)).manhattanLength() < 0.5
