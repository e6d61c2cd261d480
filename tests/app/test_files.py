"""Files: save and reopen to an identical graph, a corrupt file changes nothing, unsaved
changes are asked about, autosave and recovery, recent files, export."""
from __future__ import annotations

import os

import numpy as np
import pytest

from engine import Graph
from graphviz_app.editor.commands import SetParams

from .conftest import mlp_graph


def graph_state(g: Graph):
    return ({k: (n.name, n.op, n.params, n.frozen, n.ui) for k, n in g.nodes.items()},
            g.edges(), {k: (x.name, x.members, x.collapsed) for k, x in g.groups.items()},
            {(k, a): v.tolist() for k, n in g.nodes.items() for a, v in n.weights.items()})


def test_save_and_reopen_identical(window, tmp_path, dialogs):
    s = window.session
    g = mlp_graph()
    g.group([g.by_name("d1"), g.by_name("r1")], "block")
    s.replace_graph(g)
    s.push(SetParams(s, g.by_name("d1"), {"units": 6}))
    assert s.dirty and window.isWindowModified()
    path = str(tmp_path / "net.gvz")
    dialogs.save_path = path
    assert window.files.save()
    assert os.path.exists(path) and not s.dirty and s.path == path
    assert window.windowTitle().startswith("net.gvz")
    saved = graph_state(s.graph)
    window.files.new()
    assert len(s.graph) == 0
    assert window.files.open(path)
    assert graph_state(s.graph) == saved
    assert window.files.recent_files()[0] == path
    assert window.actions.recent_menu.actions()[0].text() == "net.gvz"
    assert len(window.scene.node_items()) == len(s.graph)


def test_corrupt_file_leaves_everything_intact(window, tmp_path, dialogs):
    s = window.session
    s.replace_graph(mlp_graph())
    s.push(SetParams(s, s.graph.by_name("d1"), {"units": 5}))
    graph, before = s.graph, graph_state(s.graph)
    n_items = len(window.scene.items())
    bad = tmp_path / "bad.gvz"
    bad.write_bytes(b"PK\x03\x04 this is not really a zip")
    dialogs.unsaved_answer = "discard"
    assert not window.files.open(str(bad))
    assert s.graph is graph and graph_state(s.graph) == before
    assert len(window.scene.items()) == n_items and s.undo_stack.count() == 1
    assert dialogs.errors and "bad.gvz" in dialogs.errors[-1][1]
    assert "bad.gvz" in window.statusBar().currentMessage()
    junk = tmp_path / "junk.json"
    junk.write_text('{"format": "something else"}')
    assert not window.files.load_path(str(junk))
    assert s.graph is graph and len(dialogs.errors) == 2


def test_close_with_unsaved_changes_asks(window, dialogs, tmp_path):
    s = window.session
    window.view.add_op("relu")
    dialogs.unsaved_answer = "cancel"
    assert not window.close()
    assert window.isVisible() and dialogs.asked_unsaved == 1
    dialogs.unsaved_answer = "save"
    dialogs.save_path = str(tmp_path / "closing.gvz")
    assert window.close()
    assert os.path.exists(tmp_path / "closing.gvz") and not s.dirty


def test_new_with_unsaved_discard(window, dialogs):
    window.view.add_op("relu")
    dialogs.unsaved_answer = "discard"
    assert window.files.new()
    assert len(window.session.graph) == 0 and dialogs.asked_unsaved == 1


def test_autosave_and_recovery(window, dialogs, tmp_path):
    files, s = window.files, window.session
    assert not files.autosave()          # nothing unsaved, nothing written
    window.view.add_op("sigmoid")
    assert files.autosave() and files.has_recovery()
    assert os.path.dirname(files.recovery_path) == str(tmp_path)
    s.replace_graph(Graph())
    assert files.offer_recovery()
    assert [n.op for n in s.graph.nodes.values()] == ["sigmoid"] and s.dirty
    files.remove_recovery()
    assert not files.has_recovery()
    window.view.add_op("relu")
    files.autosave()
    dialogs.recover_answer = False
    assert not files.offer_recovery() and not files.has_recovery()


def test_examples_menu_opens_example(window):
    from engine.examples import EXAMPLES
    acts = window.actions.examples_menu.actions()
    assert [a.data() for a in acts] == list(EXAMPLES)
    acts[0].trigger()
    assert window.session.example_name == list(EXAMPLES)[0]
    assert len(window.scene.node_items()) == len(window.session.graph) > 0
    assert window.windowTitle().startswith(list(EXAMPLES)[0])


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_export(window, tmp_path, kind):
    window.session.replace_graph(mlp_graph())
    window.view.set_zoom(0.01)  # the export draws full detail whatever the view's zoom
    path = str(tmp_path / f"canvas.{kind}")
    assert window.export(kind, path)
    data = open(path, "rb").read()
    assert len(data) > 500
    if kind == "svg":
        assert b"<svg" in data
        return
    assert data.startswith(b"\x89PNG")
    from PySide6.QtGui import QImage
    img = QImage(path)
    text = window.scene.theme.text
    dark = sum(1 for x in range(0, img.width(), 2) for y in range(0, img.height(), 2)
               if abs(img.pixelColor(x, y).lightness() - text.lightness()) < 40)
    assert dark > 200  # labels were drawn


def test_weights_survive_roundtrip(window, tmp_path):
    s = window.session
    s.replace_graph(mlp_graph())
    d1 = s.graph.by_name("d1")
    w = {k: v.copy() for k, v in s.graph.nodes[d1].weights.items()}
    window.files.save_as(str(tmp_path / "w.gvz"))
    window.files.open(str(tmp_path / "w.gvz"))
    for k, v in w.items():
        np.testing.assert_array_equal(s.graph.nodes[d1].weights[k], v)


def test_example_saved_and_reopened_keeps_its_data(window, tmp_path):
    f, s = window.files, window.session
    assert f.open_example("xor_mlp")
    x = s.dataset["x"].copy()
    path = str(tmp_path / "xor.gvz")
    assert f.save_as(path)
    f.new()
    assert s.dataset is None
    assert f.load_path(path)
    assert s.example_name == "xor_mlp" and s.dataset is not None
    np.testing.assert_array_equal(s.dataset["x"], x)
