"""File → Import ONNX…, Export → ONNX…, Check with ONNX Runtime, in the window."""
from __future__ import annotations

import os

import onnx
import pytest

from graphviz_app.editor import interchange

LIGHT = os.path.join(os.path.dirname(onnx.__file__), "backend", "test", "data", "light")


@pytest.fixture
def ix(window):
    errors = []
    ctl = interchange.install(window)
    ctl.show_error = lambda title, text: errors.append((title, text))
    ctl.errors = errors
    return ctl


def test_menus_hold_the_actions(window, ix):
    file_texts = [a.text() for a in window.actions.file_menu.actions()]
    export_texts = [a.text() for a in window.actions.export_menu.actions()]
    assert "Import &ONNX…" in file_texts
    assert "&ONNX…" in export_texts and "Check with ONNX &Runtime" in export_texts
    assert "&PyTorch code…" in export_texts
    assert not ix.check_action.isEnabled()          # nothing exported yet


def test_import_replaces_the_graph_with_a_grouped_laid_out_one(window, ix, qtbot):
    with qtbot.waitSignal(ix.imported, timeout=30000):
        assert ix.import_file(os.path.join(LIGHT, "light_squeezenet.onnx"))
    g = window.session.graph
    assert "fire2 (fire module)" in [gr.name for gr in g.groups.values()]
    assert window.scene.group_item(next(iter(g.groups))) is not None
    assert all("pos" in n.ui for n in g.nodes.values())
    assert not ix.running


def test_a_bad_file_leaves_the_graph_alone(window, ix, qtbot, tmp_path):
    before = window.session.graph
    bad = tmp_path / "bad.onnx"
    bad.write_bytes(b"not a model at all")
    with qtbot.waitSignal(ix.failed, timeout=30000):
        ix.import_file(str(bad))
    assert window.session.graph is before
    assert ix.errors and "bad.onnx" in ix.errors[0][1]


def test_export_then_check_colours_every_node(window, ix, qtbot, tmp_path):
    pytest.importorskip("onnxruntime")
    window.files.open_example("small_cnn")
    with qtbot.waitSignal(ix.exported, timeout=30000):
        path = ix.export_file(str(tmp_path / "cnn.onnx"))
    assert path and os.path.exists(path) and ix.check_action.isEnabled()
    with qtbot.waitSignal(ix.checked, timeout=30000) as blocker:
        assert ix.check()
    diffs = blocker.args[0]
    g = window.session.graph
    assert set(diffs) == {n for n in g.nodes if g.nodes[n].op != "input"}
    item = window.scene.node_item(next(iter(diffs)))
    assert item._val_text is not None and item._val_text.text().startswith("ONNX Δ")
    assert item._val_text.brush().color() == interchange.GOOD


def test_pytorch_code_is_written_with_weights_data_and_the_panel_settings(window, ix, tmp_path):
    window.files.open_example("xor_mlp")
    window.training_panel.lr.setValue(0.25)
    path = ix.export_torch_file(str(tmp_path / "xor.py"))
    assert path == str(tmp_path / "xor.py")
    text = open(path).read()
    assert "class Model(nn.Module)" in text and "'lr': 0.25" in text
    assert (tmp_path / "xor.npz").exists() and (tmp_path / "xor.data.npz").exists()
    bad = ix.export_torch_file(str(tmp_path / "missing" / "x.py"))
    assert bad is None and ix.errors and ix.errors[-1][0] == "Export PyTorch code"


def test_an_export_that_fails_is_reported(window, ix, qtbot, tmp_path):
    with qtbot.waitSignal(ix.failed, timeout=30000):
        ix.export_file(str(tmp_path / "no" / "such" / "dir.onnx"))
    assert ix.errors[-1][0] == "Export ONNX" and not ix.check_action.isEnabled()
