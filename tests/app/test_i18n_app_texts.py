"""The canvas, editing, stepping, training and file texts in Chinese: each reads in Chinese with
its names and numbers unchanged, and the same code reads in English with English chosen.

The expected Chinese is written out by hand from the translation file's terms (损失函数, 代价,
前向传播, 反向传播 …); a format field given the wrong value, or a text left unmarked, fails."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from engine import Graph
from engine.data.csv_import import read_table
from engine.examples import build
from engine.serialize import ArrayReport
from engine.training import TrainConfig
from graphviz_app import i18n
from graphviz_app.canvas.scene import GraphScene
from graphviz_app.editor import commands
from graphviz_app.editor.commands import AddNode, Connect, MoveNodes, SetParams
from graphviz_app.editor.data_dialogs import CsvOptionsDialog
from graphviz_app.editor.files import FileController
from graphviz_app.editor.recovery import Origin
from graphviz_app.editor.weights_io import describe, summary as weights_summary
from graphviz_app.player.player import Player
from graphviz_app.player.value_render import summary
from graphviz_app.session import Session
from graphviz_app.training.worker import TrainingController


def _session(graph: Graph | None = None) -> tuple[Session, list[str]]:
    s = Session(graph or Graph())
    messages: list[str] = []
    s.message.connect(messages.append)
    return s, messages


def test_undo_names_and_edit_refusals_read_in_chinese(chinese, monkeypatch):
    s, _ = _session()
    assert s.push(AddNode(s, "input", (0.0, 0.0), {"shape": (None, 3)}, name="x"))
    assert s.push(AddNode(s, "dense", (200.0, 0.0), {"units": 2}, name="d"))
    x, d = s.graph.by_name("x"), s.graph.by_name("d")
    assert s.push(Connect(s, x, d, 0))
    assert s.push(MoveNodes(s, {x: ((0.0, 0.0), (0.0, 50.0)), d: ((200.0, 0.0), (250.0, 0.0))}))
    assert s.push(SetParams(s, d, {"units": 4}))
    names = [s.undo_stack.text(i) for i in range(s.undo_stack.count())]
    assert names == ["添加 x（input）", "添加 d（dense）", "连线 x → d.x", "移动 2 个节点",
                     "设置 d units=4"]
    assert not s.push(AddNode(s, "nonsense", (0.0, 0.0)))
    assert s.last_refusal == "没有名为 'nonsense' 的运算；请从组件面板拖一个过来"
    monkeypatch.setattr(commands, "MAX_WEIGHTS", 10**6)
    assert not s.push(SetParams(s, d, {"units": 10**6}))       # 3e6 + 1e6 weights
    assert s.last_refusal == ("d 将需要 400 万 个权重（0.0298 GiB）；这张图最多只能容纳 100 万 个。"
                              "请选一个更小的 units。")
    assert commands._words(4 * 10**9) == "40 亿" and commands._words(10**8) == "1 亿"
    s.set_locked(True)
    assert not s.push(AddNode(s, "relu", (0.0, 0.0), name="r"))
    assert s.last_refusal == "添加 relu：训练进行时不能这样做；请先停止训练"
    s.undo()
    assert s.last_refusal == "训练进行时不能撤销；请先停止训练"
    s.set_locked(False)
    i18n.apply(i18n.ENGLISH)
    assert not s.push(SetParams(s, d, {"units": 10**6}))
    assert s.last_refusal == ("d would need 4 million weights (0.0298 GiB); the graph may hold at "
                              "most 1 million. Choose a smaller units.")
    assert commands._words(4 * 10**9) == "4 billion"
    assert s.push(AddNode(s, "relu", (0.0, 0.0), name="r"))
    assert s.undo_stack.text(s.undo_stack.count() - 1) == "Add r (relu)"


def test_node_tooltip_shows_the_engine_issue_and_the_frozen_state_in_chinese(chinese):
    s, _ = _session()
    d = s.graph.add_node("dense", {"units": 2}, name="d")
    scene = GraphScene(s, parent=s)
    s.graph.set_frozen(d, True)
    tip = scene.node_item(d).tooltip_text()
    assert "⚠ 输入 x（端口 0）没有连接" in tip.splitlines()
    assert "已冻结：它的数组不参与训练" in tip.splitlines()


def test_a_refused_wire_is_reported_in_chinese_naming_the_node(chinese):
    s, messages = _session()
    x = s.graph.add_node("input", {"shape": (None, 3)}, name="x")
    d = s.graph.add_node("dense", {"units": 2}, name="d")
    s.graph.set_ui(d, pos=[300.0, 0.0])
    scene = GraphScene(s, parent=s)
    item = scene.node_item(d)
    scene.begin_wire(item.out_port)                      # d's output into d's own input
    reason = scene.finish_wire(item.port_pos(0))
    assert reason and "d" in reason
    assert messages[-1] == f"连线被拒绝：{reason}"
    assert s.graph.inputs_of(d) == [None] and x in s.graph.nodes


def _fan_in_graph() -> tuple[Graph, str, str]:
    """J = a · a with a = 3: a's gradient is the sum 3 + 3 = 6."""
    g = Graph()
    a = g.add_node("parameter", {"shape": ()}, name="a")
    g.nodes[a].weights["value"][...] = 3.0
    j = g.add_node("multiply", name="J")
    g.connect(a, j, 0)
    g.connect(a, j, 1)
    return g, a, j


def _stepped(graph: Graph) -> GraphScene:
    s, _ = _session(graph)
    scene = GraphScene(s, parent=s)
    player = Player(s, lambda: scene)
    player.run_forward()
    player.run_backward()
    return scene


def test_step_words_read_in_chinese_with_the_numbers_and_symbols_kept(chinese):
    g, a, j = _fan_in_graph()
    scene = _stepped(g)
    tip_a = scene.node_item(a).tooltip_text().splitlines()
    assert ["a 连到 2 个输入，所以 dJ/da 是传回来的各个梯度之和：", "  来自 J（端口 0）：3",
            "  来自 J（端口 1）：3", "dJ/da = 3 + 3 = 6"] == tip_a[tip_a.index("  来自 J（端口 0）：3") - 1:
                                                      tip_a.index("dJ/da = 3 + 3 = 6") + 1]
    tip_j = scene.node_item(j).tooltip_text().splitlines()
    assert "前向传播：J = a · a = 3 · 3 = 9" in tip_j
    assert "dJ/dJ = 1（代价本身：反向传播从这里开始）" in tip_j
    assert "∂J/∂a = g · a = 1 · 3 = 3" in tip_j
    assert any(line.startswith("反向传播：") for line in tip_j)
    chain, _, _ = build("scalar_chain")
    u = chain.by_name("u")
    tip_u = _stepped(chain).node_item(u).tooltip_text().splitlines()
    assert "dJ/du = 3  （来自 v）" in tip_u and "∂J/∂c = g · b = 3 · 3 = 9" in tip_u
    i18n.apply(i18n.ENGLISH)
    english = _stepped(_fan_in_graph()[0]).node_item(a).tooltip_text().splitlines()
    assert "a feeds 2 inputs, so dJ/da is the sum of the gradients coming back:" in english
    assert "  from J (port 1): 3" in english


def test_a_broadcast_badge_reads_in_chinese(chinese):
    g = Graph()
    x = g.add_node("input", {"shape": (None, 3)}, name="x")
    b = g.add_node("parameter", {"shape": (3,)}, name="b")
    z = g.add_node("add", name="z")
    g.connect(x, z, 0)
    g.connect(b, z, 1)
    g.connect(z, g.add_node("mean", name="J"), 0)

    class Data:
        arrays = {"x": np.arange(12.0).reshape(4, 3)}

    s, _ = _session(g)
    s.dataset = Data()
    scene = GraphScene(s, parent=s)
    player = Player(s, lambda: scene)
    player.run_forward()
    edge = scene.edge_item(b, z, 1)
    assert edge.badge_text == "广播 3 → Nx3"
    player.run_backward()
    assert edge.badge_text == "沿轴 0 求和 Σ：Nx3 → 3"


def test_value_summaries_and_weight_reports_read_in_chinese(chinese):
    assert summary(np.arange(6.0).reshape(2, 3)) == "2x3  最小 0  最大 5  均值 2.5\n[0, 1, 2, 3, 4, 5]"
    assert summary(np.array([2.0, np.nan])).splitlines()[0].endswith("  （1 个不是有限值）")
    assert summary(np.zeros((0, 3))) == "0x3（空）"
    report = ArrayReport(loaded=["d/W", "d/b"], missing=["e/W"], unused=["f/W"])
    assert describe(report) == ("已载入 2 个数组（按节点名和形状匹配）：d/W, d/b\n"
                                "文件中没有、保持原样的：e/W\n文件中有、但不匹配任何选中节点的：f/W")
    assert weights_summary(report) == ("已载入 2 个数组；保留了 1 个文件中没有的数组（e/W）；"
                                       "忽略了 1 个没有匹配节点的数组（f/W）")
    i18n.apply(i18n.ENGLISH)
    assert weights_summary(report) == str(report)       # the engine's English wording


def test_a_finished_run_and_a_revert_are_reported_in_chinese(chinese, qtbot):
    graph, ds, _ = build("xor_mlp")
    s, messages = _session(graph)
    controller = TrainingController(s)
    run = controller.enqueue("run 1", TrainConfig(batch_size=0, epochs=2), ds, None)
    qtbot.waitUntil(lambda: run.status == "done", timeout=20000)
    assert run.iteration == 2
    assert messages[-1] == ("run 1：2 次迭代后完成；已载入训练得到的权重"
                            "（用撤销或“恢复权重”回到之前）")
    assert s.undo_stack.undoText() == "训练得到的权重（run 1）"
    assert controller.revert_weights()
    assert messages[-1] == "权重已恢复为训练之前的值"
    assert s.undo_stack.undoText() == "恢复训练前的权重"
    controller.wait()


def test_file_errors_and_recovery_texts_read_in_chinese(chinese, tmp_path):
    s, messages = _session()
    files = FileController(s, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                           recovery_dir=str(tmp_path))
    errors: list[tuple[str, str]] = []
    files.show_error = lambda title, text: errors.append((title, text))
    missing = str(tmp_path / "gone.gvz")
    assert not files.load_path(missing)
    assert errors[-1] == ("无法打开文件", "无法打开 gone.gvz：\n没有这个文件（它可能已被移动或删除）"
                                       "\n\n你原来打开的图没有改变。")
    assert messages[-1] == f"无法打开 {missing}：没有这个文件（它可能已被移动或删除）"
    assert not files.save_as(str(tmp_path))
    assert errors[-1] == ("无法保存", f"{tmp_path} 是一个文件夹；请在其中选一个文件名（另存为…）。"
                                   "什么也没有写入；你的图仍然开着。")
    assert files.open_example("xor_mlp")
    assert messages[-1] == "示例：XOR 上的两个隐藏层"
    assert Origin(None, "xor_mlp", None).describe() == "示例 xor_mlp"
    assert Origin(None, None, None).name == "一张未命名的图"
    files.timer.stop()


def test_the_csv_dialog_reads_in_chinese(chinese, qtbot):
    dlg = CsvOptionsDialog(read_table(b"a,b,label\n1,2,x\n3,4,y\n"))
    qtbot.addWidget(dlg)
    assert dlg.status.text() == "x 得到 2 个特征列；y：2 个类别。"
    assert dlg.preview.horizontalHeaderItem(2).text() == "label\n(类别)"
    assert dlg.target.itemText(0) == "（无：只有特征）"
    bad = CsvOptionsDialog(read_table(b"a,b,label\n1,2,x\n3,,y\n"))
    qtbot.addWidget(bad)
    assert bad.status.text().startswith("<span style='color:#c0392b'>问题：")
    assert "第 3 行" in bad.status.text() and "'b'" in bad.status.text()   # the engine's reason
    i18n.apply(i18n.ENGLISH)
    english = CsvOptionsDialog(read_table(b"a,b,label\n1,2,x\n3,4,y\n"))
    qtbot.addWidget(english)
    assert english.status.text() == "x gets 2 feature columns; y: 2 classes."


def test_a_graph_that_cannot_step_says_so_in_chinese(chinese):
    s, messages = _session()
    s.graph.add_node("dense", {"units": 2}, name="d")
    scene = GraphScene(s, parent=s)
    Player(s, lambda: scene).step_forward()
    assert messages[-1].startswith("无法单步运行：")
    assert messages[-1].endswith("；请修好图，然后再按单步（F10）") and "d" in messages[-1]


def test_engine_errors_carrying_a_message_id_read_in_chinese(chinese):
    from engine.messages import Msg, MsgError
    from engine.ops.base import ShapeError
    from graphviz_app.i18n import error_text
    msg = Msg("shape.not_connected", input="x", port=0)
    for exc in (MsgError(msg), ValueError(msg), ShapeError(msg, port=0)):
        assert error_text(exc) == "输入 x（端口 0）没有连接", type(exc)
    assert error_text(ShapeError("plain words")) == "plain words"
    assert error_text(OSError("disk full")) == "disk full"
    i18n.apply(i18n.ENGLISH)
    assert error_text(MsgError(msg)) == "input x (port 0) is not connected"


def test_a_loaded_data_set_is_summed_up_in_chinese(chinese):
    from engine.data import corpus
    from graphviz_app.editor.data_import import summary as data_summary
    words = corpus.skipgram()
    assert data_summary(words) == f"text corpus: {len(words)} 个样本，x 编号，60 个类别"
    i18n.apply(i18n.ENGLISH)
    assert data_summary(words) == f"text corpus: {len(words)} examples, x ids, 60 classes"


def test_a_scalar_shape_on_the_canvas_follows_the_language(qapp, qtbot):
    from graphviz_app.canvas.view import GraphView
    s, _ = _session()
    a = s.graph.add_node("parameter", {"shape": ()}, name="a")
    scene = GraphScene(s, parent=s)
    view = GraphView(scene)
    qtbot.addWidget(view)
    assert scene.node_item(a).shape_text == "scalar"
    assert i18n.apply(i18n.CHINESE)
    try:
        assert scene.node_item(a).shape_text == "标量"
    finally:
        i18n.apply(i18n.ENGLISH)
    assert scene.node_item(a).shape_text == "scalar"


def test_the_history_panel_renames_earlier_edits_when_the_language_changes(qapp, qtbot):
    from graphviz_app.canvas.view import GraphView
    from graphviz_app.editor.data_import import DataImporter
    from graphviz_app.panels.build.history import HistoryPanel
    s, _ = _session()
    view = GraphView(GraphScene(s, parent=s))
    history = HistoryPanel(s)
    qtbot.addWidget(view)
    qtbot.addWidget(history)
    assert s.push(AddNode(s, "input", (0.0, 0.0), {"shape": (None, 3)}, name="x"))
    x = s.graph.by_name("x")
    assert s.push(MoveNodes(s, {x: ((0.0, 0.0), (10.0, 0.0))}))
    assert DataImporter(s).load_corpus()

    def names() -> list[str]:                # row 0 is the empty state, "<opened>"
        return [history.model().index(i, 0).data() for i in range(1, history.model().rowCount())]

    assert names() == ["Add x (input)", "Move 1 node", "Load text corpus"]
    assert i18n.apply(i18n.CHINESE)
    try:
        assert names() == ["添加 x（input）", "移动 1 个节点", "载入文本语料"]
    finally:
        i18n.apply(i18n.ENGLISH)
    assert names() == ["Add x (input)", "Move 1 node", "Load text corpus"]


def test_a_wrong_screenshot_size_is_refused_in_chinese(chinese):
    from graphviz_app.app import UsageError, _size
    with pytest.raises(UsageError) as e:
        _size("wide")
    assert str(e.value) == "--size 'wide' 不是“宽x高”的形式，例如 1280x720"
    with pytest.raises(UsageError) as e:
        _size("100x100")
    assert str(e.value) == "--size '100x100'：宽度必须在 320-8000 之间，高度必须在 240-8000 之间"


def test_a_dense_layer_step_in_chinese_names_its_cache_and_aligns_its_formulas(chinese):
    g = Graph()
    x = g.add_node("input", {"shape": (None, 2)}, name="x")
    d = g.add_node("dense", {"units": 2}, name="d")
    g.connect(x, d, 0)
    g.connect(d, g.add_node("mean", name="J"), 0)
    s, messages = _session(g)
    scene = GraphScene(s, parent=s)
    player = Player(s, lambda: scene)
    player.run_forward()
    player.run_backward()
    assert messages[0] == "单步运行时用随机数代替 x（数据集中没有同名的数组）"
    lines = scene.node_item(d).tooltip_text().splitlines()
    assert any(line.startswith("d（dense，第 1 层）  ") for line in lines)
    at = lines.index("前向传播：z[1] = W[1]·a[0] + b[1]")
    assert lines[at + 1].startswith(" " * 10 + "a[1] = z[1]")     # under z[1]: 5 wide characters
    assert "为反向传播缓存的数组：" in lines and "反向传播这一步读取了 a[0]。" in lines
    assert any(line.startswith("  a[0] (") and "← 反向传播读取了它" in line for line in lines)
