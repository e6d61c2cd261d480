"""ONNX import refusals read in Chinese with Chinese chosen (file, op and node names and numbers
kept), from the window's File → Import ONNX… and from the importer itself, and in English with
English chosen."""
from __future__ import annotations

import onnx
import pytest
from onnx import TensorProto, helper

from engine.onnx import mapping
from engine.onnx.importer import import_onnx
from engine.onnx.reader import OnnxImportError
from graphviz_app import i18n
from graphviz_app.editor import interchange


def _hardmax_model(path) -> None:
    """A two-node model whose second op has no counterpart in the app."""
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4])
    nodes = [helper.make_node("Relu", ["x"], ["h"], name="act7"),
             helper.make_node("Hardmax", ["h"], ["y"], name="pick9")]
    onnx.save(helper.make_model(helper.make_graph(nodes, "g", [x], [y]),
                                opset_imports=[helper.make_opsetid("", 13)]), str(path))


def test_a_bad_file_is_refused_in_chinese(window, qtbot, tmp_path, chinese):
    errors = []
    ix = interchange.install(window)
    ix.show_error = lambda title, text: errors.append(text)
    bad = tmp_path / "bad.onnx"
    bad.write_bytes(b"not a model at all")
    with qtbot.waitSignal(ix.failed, timeout=30000):
        ix.import_file(str(bad))
    assert len(errors) == 1 and errors[0].startswith("bad.onnx: bad.onnx 不是 ONNX 模型（文件已损坏或被截断："), errors


def test_unsupported_ops_are_named_in_chinese_and_english(tmp_path, chinese):
    assert "Hardmax" not in mapping.HANDLERS          # the model below relies on it
    path = tmp_path / "m.onnx"
    _hardmax_model(path)
    with pytest.raises(OnnxImportError) as info:
        import_onnx(path)
    assert i18n.error_text(info.value) == ("模型用到了本应用没有对应的运算，因此什么都没有导入：\n"
                                           "Hardmax：pick9")
    i18n.apply(i18n.ENGLISH)
    assert i18n.error_text(info.value) == ("the model uses ops this app has no counterpart for, "
                                           "so nothing was imported:\nHardmax: pick9")


def test_absurd_dimensions_keep_their_numbers(chinese):
    from engine.onnx.reader import check_dims
    with pytest.raises(OnnxImportError) as info:
        check_dims("w", [1 << 21, 1 << 21])
    assert i18n.error_text(info.value) == (
        "张量 'w' 的维度 [2097152, 2097152] 不合理（4,398,046,511,104 个数）；文件已损坏或有恶意")
    assert str(info.value) == ("tensor 'w' has absurd dimensions [2097152, 2097152] "
                               "(4,398,046,511,104 numbers); the file is damaged or hostile")


def test_exporting_an_empty_graph_is_refused_in_chinese(chinese):
    from engine.graph import Graph
    from engine.onnx.export import OnnxExportError, export_model
    with pytest.raises(OnnxExportError) as info:
        export_model(Graph())
    assert i18n.error_text(info.value) == "图是空的；没有可导出的内容"
    assert str(info.value) == "the graph is empty; there is nothing to export"


def _refused_pools_model(path) -> None:
    """Ops the importer knows, with settings it refuses: two pools with ceil_mode=1 (grouped on
    one line), one with a non-square kernel, and an op from another domain."""
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 1, 8, 8])
    outs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, None) for n in ("a", "b", "c", "d")]
    nodes = [helper.make_node("MaxPool", ["x"], ["a"], name="p1", kernel_shape=[2, 2], ceil_mode=1),
             helper.make_node("MaxPool", ["x"], ["b"], name="p2", kernel_shape=[2, 2], ceil_mode=1),
             helper.make_node("AveragePool", ["x"], ["c"], name="p3", kernel_shape=[2, 3]),
             helper.make_node("Gelu", ["x"], ["d"], name="g4", domain="com.example")]
    onnx.save(helper.make_model(helper.make_graph(nodes, "g", [x], outs),
                                opset_imports=[helper.make_opsetid("", 13),
                                               helper.make_opsetid("com.example", 1)]), str(path))


def test_the_reason_an_op_is_refused_reads_in_chinese_line_by_line(tmp_path, chinese):
    path = tmp_path / "pools.onnx"
    _refused_pools_model(path)
    with pytest.raises(OnnxImportError) as info:
        import_onnx(path)
    assert i18n.error_text(info.value) == (
        "模型用到了本应用没有对应的运算，因此什么都没有导入：\n"
        "AveragePool（不支持kernel_shape=[2, 3]（只支持正方形的二维卷积核））：p3\n"
        "Gelu（不支持com.example 域的运算）：g4\n"
        "MaxPool（不支持设置 ceil_mode=1）：p1, p2")
    assert str(info.value) == (
        "the model uses ops this app has no counterpart for, so nothing was imported:\n"
        "AveragePool (kernel_shape=[2, 3] (only square 2-D kernels)): p3\n"
        "Gelu (an op of the com.example domain): g4\n"
        "MaxPool (the setting ceil_mode=1): p1, p2")
    i18n.apply(i18n.ENGLISH)
    assert i18n.error_text(info.value) == str(info.value)
