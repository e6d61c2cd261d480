"""Palette (every op, by category, searchable, drags the op MIME type), inspector (typed
editors, each change one undoable command) and the undo history."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox

from engine.ops import REGISTRY
from graphviz_app import OP_MIME
from graphviz_app.panels.build.param_editors import parse_dims

from .conftest import mlp_graph


def test_palette_lists_every_op_by_category(window):
    pal = window.palette_panel
    items = pal.op_items()
    assert set(items) == set(REGISTRY)
    for name, item in items.items():
        assert item.parent().text(0) == REGISTRY[name].category
        assert REGISTRY[name].description in item.toolTip(0)
    cats = [pal.tree.topLevelItem(i).text(0) for i in range(pal.tree.topLevelItemCount())]
    assert cats[:5] == ["Inputs", "Math", "Activations", "Layers", "Losses"]


def test_palette_filter(window):
    pal = window.palette_panel
    pal.search.setText("conv")
    assert "conv2d" in pal.visible_ops() and "relu" not in pal.visible_ops()
    pal.search.setText("sigmoid")
    assert "sigmoid" in pal.visible_ops()
    pal.search.setText("")
    assert len(pal.visible_ops()) == len(REGISTRY)


def test_palette_drag_data_and_double_click(window):
    pal = window.palette_panel
    item = pal.op_items()["dense"]
    mime = pal.tree.mimeData([item])
    assert pal.tree.mimeTypes() == [OP_MIME]
    assert bytes(mime.data(OP_MIME).data()).decode() == "dense"
    pal.tree.itemDoubleClicked.emit(item, 0)
    g = window.session.graph
    assert [n.op for n in g.nodes.values()] == ["dense"]


def _select(window, name):
    s = window.session
    s.select([s.graph.by_name(name)])
    return window.inspector


def test_inspector_int_param_is_undoable(window):
    s = window.session
    s.replace_graph(mlp_graph())
    insp = _select(window, "d1")
    spin = insp.editors["units"].widget
    assert isinstance(spin, QSpinBox) and spin.value() == 4
    spin.setValue(7)
    d1 = s.graph.by_name("d1")
    assert s.graph.nodes[d1].params["units"] == 7
    assert s.graph.shapes[d1].out == (None, 7)
    assert "Nx7" in insp.shape_label.text()
    s.undo()
    assert s.graph.nodes[d1].params["units"] == 4 and spin.value() == 4
    s.redo()
    assert spin.value() == 7


def test_inspector_choice_bool_and_frozen(window):
    s = window.session
    s.replace_graph(mlp_graph())
    insp = _select(window, "d1")
    d1 = s.graph.by_name("d1")
    combo = insp.editors["activation"].widget
    assert isinstance(combo, QComboBox)
    combo.setCurrentText("relu")
    assert s.graph.nodes[d1].params["activation"] == "relu"
    check = insp.editors["bias"].widget
    assert isinstance(check, QCheckBox)
    check.setChecked(False)
    assert s.graph.nodes[d1].params["bias"] is False
    insp.trainable.setChecked(False)
    assert s.graph.nodes[d1].frozen
    assert s.undo_stack.count() == 3
    for _ in range(3):
        s.undo()
    assert s.graph.nodes[d1].params["activation"] == "identity" and not s.graph.nodes[d1].frozen


def test_inspector_shape_param_parses_and_validates(window, qtbot):
    s = window.session
    s.replace_graph(mlp_graph())
    insp = _select(window, "x")
    ed = insp.editors["shape"]
    line = ed.widget
    assert isinstance(line, QLineEdit) and line.text() == "None, 2"
    line.setFocus()
    line.end(False)
    qtbot.keyClicks(line, "q")
    assert not ed.error.isHidden() and "not a whole number" in ed.error.text()
    line.setText("None, 3")
    ed._validate_text()
    assert ed.error.isHidden()
    line.editingFinished.emit()
    x = s.graph.by_name("x")
    assert s.graph.nodes[x].params["shape"] == (None, 3)
    s.undo()
    assert s.graph.nodes[x].params["shape"] == (None, 2)


def test_parse_dims():
    assert parse_dims("8, 8", False) == (8, 8)
    assert parse_dims("(None, 2)", True) == (None, 2)
    assert parse_dims("32x32x3", False) == (32, 32, 3)
    for bad, allow in (("None, 2", False), ("a", True)):
        try:
            parse_dims(bad, allow)
        except ValueError:
            continue
        raise AssertionError(bad)


def test_inspector_rename_and_bad_name(window):
    s = window.session
    s.replace_graph(mlp_graph())
    insp = _select(window, "d1")
    insp.name_edit.setText("x")  # taken
    insp.name_edit.editingFinished.emit()
    assert not insp.name_error.isHidden() and s.undo_stack.count() == 0
    insp.name_edit.setText("hidden1")
    insp.name_edit.editingFinished.emit()
    assert s.graph.nodes[s.graph.by_name("hidden1")].op == "dense"
    assert window.scene.node_item(s.graph.by_name("hidden1")).name == "hidden1"
    s.undo()
    assert s.graph.by_name("d1")


def test_inspector_shows_counts_formula_and_issues(window):
    s = window.session
    g = s.graph
    x = g.add_node("input", {"shape": (None, 3, 32, 32)}, name="img", ui={"pos": [0, 0]})
    c = g.add_node("conv2d", {"out_channels": 20, "kernel": 8, "stride": 2, "padding": 1},
                   name="conv", ui={"pos": [200, 0]})
    g.connect(x, c, 0)
    insp = _select(window, "conv")
    assert "14" in insp.shape_label.text()
    assert insp.size_label.isVisibleTo(insp) and "2" in insp.size_label.text()
    assert "parameters" in insp.count_label.text()
    assert insp.formula_label.text() != "—"
    insp.editors["stride"].widget.setValue(7)     # (32 + 2 - 8) / 7 + 1 is not whole
    assert s.graph.nodes[c].params["stride"] == 7 and s.graph.issues_for(c)
    assert insp.issues_label.isVisibleTo(insp) and "⚠" in insp.issues_label.text()


def test_history_view_follows_stack(window):
    s = window.session
    window.view.add_op("relu")
    window.view.add_op("relu")
    assert window.history.stack() is s.undo_stack and s.undo_stack.count() == 2
    s.set_locked(True)
    assert not window.history.isEnabled()
    s.set_locked(False)
    assert window.history.isEnabled()


def test_palette_drag_to_canvas_end_to_end(window, monkeypatch):
    """The palette's startDrag builds a QDrag; its data, dropped on the view, adds the node."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QDrag, QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication
    import graphviz_app.panels.build.palette as palette_mod
    seen = {}

    class RecordingDrag(QDrag):
        def exec(self, *actions):
            seen["actions"] = actions
            view = window.view
            seen["fmt"] = self.mimeData().formats()
            at = QPoint(250, 180)
            enter = QDragEnterEvent(at, Qt.DropAction.CopyAction, self.mimeData(),
                                    Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
            QApplication.sendEvent(view.viewport(), enter)
            drop = QDropEvent(QPointF(QPoint(250, 180)), Qt.DropAction.CopyAction, self.mimeData(),
                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
            QApplication.sendEvent(view.viewport(), drop)
            return Qt.DropAction.CopyAction

    monkeypatch.setattr(palette_mod, "QDrag", RecordingDrag)
    pal = window.palette_panel
    pal.tree.setCurrentItem(pal.op_items()["sigmoid"])
    pal.tree.startDrag(Qt.DropAction.CopyAction)
    assert seen["actions"][0] == Qt.DropAction.CopyAction, seen
    assert seen["fmt"] == [OP_MIME] or OP_MIME in seen["fmt"], seen
    assert [n.op for n in window.session.graph.nodes.values()] == ["sigmoid"]
    assert "sigmoid" in pal.op_items()   # a copy: the palette keeps its row
