"""The engine's errors read in Chinese where the app shows them, with their numbers and names
intact, and read exactly as before in English.

Each case raises a real error from the engine (a conv whose windows do not fit, a wire that
would close a cycle, an op that fails on mismatched data, a malformed file, a CSV line with
too few values) and shows it through the app's own display path (the refusal of an edit, the
file-open dialog, :func:`graphviz_app.i18n.error_text`). A message built as a plain f-string
again, or a location dropped from a file error, fails here.
"""
from __future__ import annotations

import json
import re

import numpy as np
import pytest

from engine import Graph
from engine.data.csv_import import CsvError, read_table
from engine.executor import ExecutionError, Executor
from engine.messages import Msg, carried
from engine.serialize import FileFormatError, load
from engine.shapes import infer
from engine.training import TrainConfig
from graphviz_app import i18n
from PySide6.QtCore import QPointF, QSettings

from graphviz_app.editor.commands import Connect
from graphviz_app.editor.files import FileController
from graphviz_app.session import Session
from tests.engine.opcheck import mismatched_add

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")   # CJK characters and full-width punctuation


@pytest.fixture(autouse=True)
def english_after(qapp):
    i18n.apply(i18n.ENGLISH)
    yield
    i18n.apply(i18n.ENGLISH)


def _conv_issue():
    g = Graph()
    x = g.add_node("input", {"shape": (None, 1, 6, 6)}, name="x")
    c = g.add_node("conv2d", {"out_channels": 2, "kernel": 3, "stride": 2}, name="c")
    g.connect(x, c, 0)
    (issue,) = infer(g)[1]
    return issue


def test_a_conv_shape_error_reads_in_chinese_with_its_formula_intact():
    issue = _conv_issue()
    english = ("input 6x6x1, kernel 3, stride 2, padding 0: (6 - 3 + 2*0)/2 + 1 = 2.5 is not a "
               "whole number; change the stride or the padding")
    assert i18n.issue_text(issue, with_name=False) == english == issue.message
    assert i18n.apply(i18n.CHINESE)
    text = i18n.issue_text(issue)
    assert text == ("c: 输入 6x6x1，卷积核 3，步幅 2，填充 0：(6 - 3 + 2*0)/2 + 1 = 2.5 不是整数；"
                    "请修改步幅或填充")


def _a_feeds_b() -> tuple[Graph, str, str]:
    """relu a → sigmoid b: wiring b back into a would make a cycle."""
    g = Graph()
    a = g.add_node("relu", name="a")
    b = g.add_node("sigmoid", name="b")
    g.connect(a, b, 0)
    return g, a, b


def test_a_refused_wire_that_would_make_a_cycle_reads_in_chinese(qapp):
    g, a, b = _a_feeds_b()
    session = Session(g)
    refusals: list[str] = []
    session.refused.connect(refusals.append)
    assert not session.push(Connect(session, b, a, 0))
    assert refusals == ["wiring b → a would make a cycle (a already feeds b)"]
    assert i18n.apply(i18n.CHINESE)
    assert not session.push(Connect(session, b, a, 0))
    assert refusals[-1] == "连线 b → a 会形成一个环（a 已经在为 b 提供输入）"
    assert session.last_refusal == refusals[-1] and session.log[-1].text == refusals[-1]
    assert len(g.edges()) == 1          # nothing was wired


def test_an_executor_failure_names_the_node_and_shapes_in_chinese():
    g, s, feeds = mismatched_add()
    with pytest.raises(ExecutionError) as info:
        Executor(g, target=s).run(feeds, backward=False)
    e = info.value
    assert isinstance(carried(e), Msg) and carried(e).id == "exec.op_failed"
    english = i18n.error_text(e)
    assert english == str(e) and english.startswith("s (add) failed in the forward pass: ")
    assert i18n.apply(i18n.CHINESE)
    text = i18n.error_text(e)
    assert text.startswith("s（add）在前向传播中失败：") and "（输入：5x2, 3x2）" in text
    assert "每个输入的样本数是否相同" in text


def _bad_file(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"format": "graphviz-app-graph", "version": 1, "nodes": [
        {"id": "n1", "op": "relu"}, {"id": "n2", "op": "conv9d"}]}), encoding="utf-8")
    return path


def test_a_malformed_file_keeps_its_location_and_says_the_reason_in_chinese(tmp_path):
    path = _bad_file(tmp_path)
    with pytest.raises(FileFormatError) as info:
        load(path)
    english = str(info.value)
    assert english.startswith("bad.json: nodes[1].op: unknown op 'conv9d'; this app knows ")
    assert i18n.error_text(info.value) == english
    assert i18n.apply(i18n.CHINESE)
    text = i18n.error_text(info.value)
    assert text.startswith("bad.json：nodes[1].op：未知的运算 'conv9d'；本应用认识的运算有 ")
    assert "conv2d" in text


def test_the_file_open_dialog_explains_a_bad_file_in_chinese(qapp, tmp_path):
    path = _bad_file(tmp_path)
    session = Session(Graph())
    files = FileController(session, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                           recovery_dir=str(tmp_path))
    shown: list[tuple[str, str]] = []
    files.show_error = lambda title, text: shown.append((title, text))
    assert i18n.apply(i18n.CHINESE)
    assert not files.load_path(str(path))
    files.timer.stop()
    ((title, body),) = shown
    assert body.startswith("无法打开 bad.json：\nbad.json：nodes[1].op：未知的运算 'conv9d'；")
    assert body.endswith("\n\n你原来打开的图没有改变。")
    assert session.log[-1].text.startswith(f"无法打开 {path}：bad.json：nodes[1].op：未知的运算")
    assert not session.graph.nodes          # the open graph is unchanged
    assert not files.load_path(str(tmp_path / "gone.gvz"))
    assert shown[-1][1].startswith("无法打开 gone.gvz：\n没有这个文件（它可能已被移动或删除）")


def test_a_csv_error_names_its_line_in_chinese():
    with pytest.raises(CsvError) as info:
        read_table(b"a,b,c\n1,2,3\n4,5\n", "t")
    assert str(info.value).startswith("line 3: has 2 values but the header has 3 columns; ")
    assert i18n.apply(i18n.CHINESE)
    text = i18n.error_text(info.value)
    assert text.startswith("第 3 行：有 2 个值，但表头有 3 列；") and "','" in text


def test_a_parameter_refused_in_the_inspector_path_reads_in_chinese(qapp):
    g = Graph()
    d = g.add_node("dropout", name="drop")
    with pytest.raises(ValueError) as info:
        g.set_params(d, {"rate": 1.0})
    assert str(info.value) == "drop: rate must be below 1 (1 would drop everything); got 1.0"
    assert i18n.apply(i18n.CHINESE)
    text = i18n.error_text(info.value)
    assert text == "drop：rate 必须小于 1（1 会丢弃全部）；得到的是 1.0"
    assert CJK.search(text)


def test_a_training_setting_refused_by_the_engine_reads_in_chinese():
    with pytest.raises(ValueError) as info:
        TrainConfig(lr=-0.5)
    assert str(info.value) == ("the learning rate must be a number greater than 0 (e.g. 0.01); "
                               "got -0.5")
    assert i18n.apply(i18n.CHINESE)
    assert i18n.error_text(info.value) == "学习率必须是大于 0 的数（例如 0.01）；得到的是 -0.5"


def test_plain_errors_pass_through_unchanged():
    assert i18n.apply(i18n.CHINESE)
    assert i18n.error_text(OSError("disk full")) == "disk full"
    assert carried(KeyError("k")) == "'k'"


def _sample(spec: str):
    """A value that formats with ``spec`` ("," and "g" need numbers)."""
    return 1234.5 if any(c in spec for c in ",gfe%") else "x"


def test_every_engine_template_fills_in_chinese_without_falling_back_to_english():
    """A translation whose fields do not format (a stray brace, a mistyped conversion) would
    silently show the English text; each one is filled here with sample values."""
    import string
    from engine.messages import TEMPLATES
    assert i18n.apply(i18n.CHINESE)
    broken = []
    for mid, template in TEMPLATES.items():
        params = {name: _sample(spec or "") for _, name, spec, _ in
                  string.Formatter().parse(template) if name}
        text = i18n.render(Msg(mid, **params))
        if not CJK.search(text):
            broken.append(mid)
    assert broken == []


def test_the_gradient_check_worker_reports_an_engine_refusal_in_chinese(qapp):
    from graphviz_app.panels.watch.gradcheck_panel import _CheckWorker
    g = Graph()
    x = g.add_node("input", {"shape": (None, 2)}, name="x")
    g.connect(x, g.add_node("relu", name="r"), 0)   # no loss node: nothing to check against
    loose = Graph()
    loose.add_node("relu", name="r")                # its input is not wired
    got: list[str] = []
    workers = [_CheckWorker(g, {"x": np.ones((3, 2))}, max_entries=4, eps=1e-6),
               _CheckWorker(loose, {}, max_entries=4, eps=1e-6)]
    for w in workers:
        w.finished.connect(lambda results, text: got.append(text))
        w.run()
    assert got == ["gradient check needs a cost: add a loss node (a scalar output) or choose "
                   "the target node",
                   "gradient check failed: cannot run: r: input z (port 0) is not connected"]
    assert i18n.apply(i18n.CHINESE)
    for w in workers:
        w.run()
    assert got[2:] == ["梯度检验需要一个代价：请添加一个损失函数节点（标量输出），或选择目标节点",
                       "梯度检验失败：无法运行：r：输入 z（端口 0）没有连接"]


def test_a_wire_dropped_on_the_canvas_is_refused_in_chinese(qtbot):
    from graphviz_app.canvas.scene import GraphScene
    g, a, b = _a_feeds_b()
    session = Session(g)
    scene = GraphScene(session)
    bubbles: list[str] = []
    scene.refused.connect(lambda reason, pos: bubbles.append(reason))
    assert i18n.apply(i18n.CHINESE)
    scene.wire.show_refusal(g.check_connect(b, a, 0), QPointF(0, 0), a)
    assert bubbles == ["连线 b → a 会形成一个环（a 已经在为 b 提供输入）"]
    assert session.log[-1].text == "连线被拒绝：连线 b → a 会形成一个环（a 已经在为 b 提供输入）"
