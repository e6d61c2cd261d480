"""Mistakes a user makes in the editor: each gets a message that names the thing and the fix,
nothing they made is lost, and no exception escapes into Qt (slots print exceptions instead
of raising them, so every test here fails on one caught by ``sys.excepthook``)."""
from __future__ import annotations

import json
import os
import sys

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QColor, QDropEvent, QGuiApplication, QPalette

from engine import Graph, serialize

from graphviz_app import OP_MIME
from graphviz_app.editor import commands
from graphviz_app.editor.commands import Connect

from .conftest import mlp_graph


@pytest.fixture(autouse=True)
def no_exceptions(monkeypatch):
    """Exceptions raised in slots and event handlers, which Qt would only print."""
    caught: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda t, v, tb: caught.append(v))
    yield caught
    assert not caught, f"exceptions escaped into Qt: {caught!r}"


@pytest.fixture
def messages(window) -> list[str]:
    out: list[str] = []
    window.session.message.connect(out.append)
    return out


def _select(window, name: str):
    s = window.session
    nid = s.graph.by_name(name)
    s.select([nid])
    return nid, window.inspector


def _type(editor, text: str) -> None:
    editor.widget.setText(text)
    editor.widget.textEdited.emit(text)
    editor.widget.editingFinished.emit()


def _snapshot(graph: Graph):
    return ({n.name: (n.op, repr(n.params), n.frozen) for n in graph.nodes.values()},
            sorted((graph.nodes[s].name, graph.nodes[d].name, p) for s, d, p in graph.edges()))


# -- inspector --------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, says", [
    ("abc", "not a whole number"),
    ("None, None, x", "'x' is not a whole number"),     # x once dropped silently as a separator
    ("2x", "not a whole number"),
    ("0, 2", "at least 1"),
    ("1.5, 2", "not a whole number"),
    ("None, 99999999999999999999", "too large"),        # a file could not be reopened
    (", ".join(["1"] * 33), "at most 32"),
])
def test_garbage_in_a_shape_is_refused_and_named(window, text, says):
    window.session.replace_graph(mlp_graph())
    nid, insp = _select(window, "x")
    ed = insp.editors["shape"]
    _type(ed, text)
    assert not ed.error.isHidden() and says in ed.error.text()
    assert window.session.graph.nodes[nid].params["shape"] == (None, 2)
    assert not window.session.dirty


def test_minus_one_is_a_number_where_shapes_take_numbers(window):
    g = Graph()
    r = g.add_node("reshape", {"shape": (0, 4)}, name="r", ui={"pos": [0, 0]})
    m = g.add_node("mean", name="m", ui={"pos": [0, 100]})
    window.session.replace_graph(g)
    _, insp = _select(window, "r")
    _type(insp.editors["shape"], "0, -1")   # the reshape default; it used to be refused
    assert window.session.graph.nodes[r].params["shape"] == (0, -1)
    _, insp = _select(window, "m")
    _type(insp.editors["axes"], "-1")
    assert window.session.graph.nodes[m].params["axes"] == (-1,)
    _, insp = _select(window, "r")
    _type(insp.editors["shape"], "None, 4")
    assert "whole number" in insp.editors["shape"].error.text()


@pytest.mark.parametrize("name, says", [("r1", "taken"), ("1abc", "usable"), ("", "usable"),
                                        ("a b", "usable")])
def test_bad_rename_is_refused_and_the_name_kept(window, name, says):
    window.session.replace_graph(mlp_graph())
    nid, insp = _select(window, "d1")
    insp.name_edit.setText(name)
    insp.name_edit.editingFinished.emit()
    assert window.session.graph.nodes[nid].name == "d1"
    assert not insp.name_error.isHidden() and says in insp.name_error.text()


def test_edit_needing_too_many_weights_is_refused(window, monkeypatch, messages):
    """One typo (units = 999999999) once tried to allocate gigabytes in a slot."""
    monkeypatch.setattr(commands, "MAX_WEIGHTS", 1000)
    s = window.session
    s.replace_graph(mlp_graph())
    before = _snapshot(s.graph)
    nid, insp = _select(window, "d1")
    insp._set_param("units", 600)       # 2 x 600 + 600 numbers
    err = insp.editors["units"].error
    assert not err.isHidden() and "d1 would need" in err.text() and "smaller units" in err.text()
    assert _snapshot(s.graph) == before and not s.dirty
    # a wire that would do the same, and a paste
    big = s.graph.add_node("input", {"shape": (None, 900)}, name="big", ui={"pos": [0, 300]})
    s.graph.disconnect(nid, 0)
    assert not s.push(Connect(s, big, nid, 0))
    assert "d1 would need" in messages[-1]
    payload = {"format": "graphviz-app/nodes", "nodes": [
        {"op": "parameter", "name": "p", "params": {"shape": [40, 40]}}]}
    QGuiApplication.clipboard().setText(json.dumps(payload))
    assert not window.paste() and "p would need" in messages[-1]


# -- canvas -----------------------------------------------------------------------------------------
def test_wire_to_own_input_or_taken_port_is_refused(window, messages):
    s = window.session
    s.replace_graph(mlp_graph())
    before = _snapshot(s.graph)
    sc, g = window.scene, s.graph
    d1, r1, y = (sc.node_item(g.by_name(n)) for n in ("d1", "r1", "y"))
    sc.wire.begin(d1.out_port)
    assert "cycle" in sc.wire.finish(d1.ports[0].scenePos())
    sc.wire.begin(y.out_port)
    assert "already connected; disconnect it first" in sc.wire.finish(r1.ports[0].scenePos())
    assert messages[-1].startswith("Wire refused: input z of r1")
    assert _snapshot(g) == before and s.undo_stack.count() == 0


@pytest.mark.parametrize("fmt, data", [(OP_MIME, b"nosuchop"), (OP_MIME, b"\xff\xfe"),
                                       (OP_MIME, b""), ("application/x-other", b"zzz")])
def test_dropping_an_unknown_payload_adds_nothing(window, fmt, data, messages):
    mime = QMimeData()
    mime.setData(fmt, data)
    ev = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
    window.view.dropEvent(ev)
    assert len(window.session.graph) == 0
    if fmt == OP_MIME:
        assert "there is no op" in messages[-1] and "palette" in messages[-1]


NODES = '{"format": "graphviz-app/nodes", "nodes": %s, "edges": %s}'


@pytest.mark.parametrize("text, added", [
    ("hello", 0), ("", 0), ("[1, 2]", 0), ("{", 0),
    (NODES % ('[{"op": "nosuch"}]', "[]"), 0),
    (NODES % ('[{"op": ["dense"]}]', "[]"), 0),
    (NODES % ('{"a": 1}', "[]"), 0),
    (NODES % ('[{"op": "dense", "params": {"units": "abc"}}]', "[]"), 0),
    (NODES % ('[{"op": "dense", "pos": "ab"}]', "[]"), 1),
    (NODES % ('[{"op": "dense", "pos": [1]}]', "[]"), 1),
    (NODES % ('[{"op": "dense", "name": "1bad"}]', "[]"), 1),
    (NODES % ('[{"op": "dense", "name": 5, "id": [1]}]', "[]"), 1),
    (NODES % ('[{"op": "dense", "id": "a"}, {"op": "relu", "id": "b"}]', '[["a", "b", "x"]]'), 2),
])
def test_pasting_garbage_is_refused_or_cleaned(window, text, added, messages):
    s = window.session
    s.replace_graph(mlp_graph())
    before = _snapshot(s.graph)
    QGuiApplication.clipboard().setText(text)
    assert window.paste() == bool(added)
    assert len(s.graph) == 5 + added
    if not added:
        assert "paste" in messages[-1] and _snapshot(s.graph) == before
    else:
        assert all(s.graph.nodes[n].name[0].isalpha() for n in s.graph.nodes)
        s.undo()
        assert _snapshot(s.graph) == before


def test_delete_everything_then_undo_restores_it(window):
    s = window.session
    assert window.files.open_example("inception_module")
    before = _snapshot(s.graph)
    groups = {g.name: g.members for g in s.graph.groups.values()}
    window.select_all()
    window.delete_selection()
    assert len(s.graph) == 0
    s.undo()
    assert _snapshot(s.graph) == before
    assert {g.name: g.members for g in s.graph.groups.values()} == groups
    assert len(window.scene.node_items()) == len(before[0])


# -- files ------------------------------------------------------------------------------------------
def _dirty(window) -> None:
    window.session.replace_graph(mlp_graph())
    window.view.add_op("relu")
    assert window.session.dirty


@pytest.mark.parametrize("where, says", [("folder", "is a folder"), ("missing", "does not exist"),
                                         ("proc", "does not accept new files")])
def test_saving_to_an_unwritable_place_names_it_and_loses_nothing(window, dialogs, tmp_path,
                                                                    where, says):
    _dirty(window)
    path = {"folder": str(tmp_path), "missing": str(tmp_path / "no" / "such" / "g.gvz"),
            "proc": "/proc/x.gvz"}[where]
    if where == "proc" and not os.path.isdir("/proc"):
        pytest.skip("no /proc here")
    assert not window.files.save_as(path)
    assert len(dialogs.errors) == 1 and says in dialogs.errors[0][1]
    assert not os.path.exists(str(tmp_path) + ".gvz")     # "folder" + .gvz, beside it
    assert window.session.dirty and len(window.session.graph) == 6


def test_a_saved_file_that_cannot_be_reopened_is_reported(window, dialogs, tmp_path, monkeypatch):
    _dirty(window)

    def broken(path):
        raise serialize.FileFormatError("graph.json: nodes[0]: something the reader refuses")
    monkeypatch.setattr(serialize, "load", broken)
    assert not window.files.save_as(str(tmp_path / "g.gvz"))
    assert dialogs.errors[0][0] == "Saved file cannot be reopened"
    assert "nodes[0]" in dialogs.errors[0][1] and window.session.dirty


@pytest.mark.parametrize("kind, says", [
    ("missing", "no such file"), ("folder", "is a folder"), ("empty", "empty"),
    ("random", "not a graph file"), ("cycle", "cycle"),
])
def test_opening_a_bad_file_names_the_problem_and_keeps_the_graph(window, dialogs, tmp_path,
                                                                   kind, says):
    _dirty(window)
    graph = window.session.graph
    path = tmp_path / f"{kind}.json"
    if kind == "folder":
        path.mkdir()
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "random":
        path.write_bytes(os.urandom(200_000))
    elif kind == "cycle":
        serialize.save(mlp_graph(), str(path))
        d = json.loads(path.read_text())
        d["edges"].append({"src": "n3", "dst": "n2", "port": 1})
        path.write_text(json.dumps(d))
    assert not window.files.load_path(str(path))
    assert len(dialogs.errors) == 1 and says in dialogs.errors[0][1]
    assert window.session.graph is graph and window.session.dirty


def test_an_unreadable_recovery_file_is_kept_aside(window, dialogs):
    files = window.files
    with open(files.recovery_path, "wb") as f:
        f.write(b"half a zip")
    assert not files.offer_recovery()
    kept = files.recovery_path[:-4] + "-unreadable.gvz"
    assert os.path.exists(kept) and not files.has_recovery()
    assert kept in dialogs.errors[0][1]


def test_starting_with_a_file_offers_recovery_first(window, dialogs, tmp_path):
    from graphviz_app.app import _load_initial, parse_args
    window.view.add_op("sigmoid")
    assert window.files.autosave()
    other = tmp_path / "other.gvz"
    serialize.save(mlp_graph(), str(other))
    window.session.replace_graph(Graph())
    _load_initial(window, parse_args([str(other)]), screenshot=False)
    assert [n.op for n in window.session.graph.nodes.values()] == ["sigmoid"]
    assert window.session.dirty


def test_closing_with_cancel_or_save_loses_nothing(window, dialogs, tmp_path):
    _dirty(window)
    before = _snapshot(window.session.graph)
    dialogs.unsaved_answer = "cancel"
    assert not window.close() and window.isVisible()
    assert _snapshot(window.session.graph) == before and window.session.dirty
    dialogs.unsaved_answer = "save"
    dialogs.save_path = None                       # the save dialog cancelled: stay open
    assert not window.close() and window.isVisible()
    dialogs.save_path = str(tmp_path / "closing")
    assert window.close()
    assert _snapshot(serialize.load(str(tmp_path / "closing.gvz"))) == before


# -- dark palette -----------------------------------------------------------------------------------
def _contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        ch = [x / 255 for x in (c.red(), c.green(), c.blue())]
        ch = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in ch]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_messages_read_on_a_dark_palette(window):
    pal = QPalette()
    for role, c in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.Base, "#1e1e1e"),
                    (QPalette.ColorRole.Text, "#e0e0e0"), (QPalette.ColorRole.WindowText, "#e0e0e0")):
        pal.setColor(role, QColor(c))
    window.setPalette(pal)
    window.session.replace_graph(mlp_graph())
    g = window.session.graph
    g.set_params(g.by_name("y"), {"shape": (None, 5)})     # J gets a shape issue
    _, insp = _select(window, "J")
    assert not insp.issues_label.isHidden()
    issue = QColor(insp.issues_label.styleSheet().split("color:")[1].split(";")[0].strip())
    assert _contrast(issue, QColor("#2b2b2b")) > 4.5
    sc = window.scene
    sc.wire.show_refusal("input z of r1 is already connected", QPointF(0, 0))
    from graphviz_app.canvas import notice
    assert window.view.notice.isVisible()
    assert _contrast(QColor(notice.TEXT), QColor(notice.FILL)) > 4.5


def test_a_vanished_recent_file_is_named_and_dropped_from_the_list(window, dialogs, tmp_path):
    path = tmp_path / "gone.gvz"
    serialize.save(mlp_graph(), str(path))
    assert window.files.load_path(str(path))
    path.unlink()
    assert not window.files.open(str(path))
    assert "no such file" in dialogs.errors[0][1]
    assert str(path) not in window.files.recent_files()


@pytest.mark.parametrize("where", ["folder", "missing"])
def test_exporting_to_an_unwritable_place_names_it(window, dialogs, tmp_path, where):
    window.session.replace_graph(mlp_graph())
    path = str(tmp_path) if where == "folder" else str(tmp_path / "no" / "g.png")
    assert not window.export("png", path)
    assert ("folder" in dialogs.errors[0][1]) and ".tmp" not in dialogs.errors[0][1]
