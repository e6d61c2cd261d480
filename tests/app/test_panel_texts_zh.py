"""The panels' computed words in both languages: the bias/variance verdict renews itself when
the language changes, display labels change while the keys the code compares stay English, a
drop-down's items follow a language switch, and a guide step finds its tab in Chinese."""
from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtWidgets import QComboBox

from engine import Graph
from engine.graph_stats import GraphCounts, counts_text
from engine.inspect.step_arrays import ArrayPair
from engine.training import History, TrainConfig
from graphviz_app import i18n
from graphviz_app.i18n import translate
from graphviz_app.panels.build.inspector import counts_words
from graphviz_app.panels.inside.filter_lab import image_label, kernel_label
from graphviz_app.panels.inside.hidden_units import factor_label
from graphviz_app.panels.watch.array_view import array_label, array_note
from graphviz_app.panels.watch.loss_panel import LossPanel
from graphviz_app.panels.watch.training_panel import data_label
from graphviz_app.session import Session
from graphviz_app.training.worker import Run, TrainingController


@pytest.fixture(autouse=True)
def english_after(qapp):
    yield
    i18n.apply(i18n.ENGLISH)


def _plain(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_the_loss_verdict_reads_in_the_language_chosen_after_the_run(qtbot):
    c = TrainingController(Session(Graph()))
    panel = LossPanel(c)
    qtbot.addWidget(panel)
    h = History([1, 2], [0.9, 0.8], [1, 2], [1, 2], [0.6, 0.5], [0.80, 0.85], [0.65, 0.7],
                [0.70, 0.72])
    run = Run(1, "run 1", TrainConfig(batch_size=0, epochs=2), status="done", history=h,
              iteration=2, total_iterations=2)
    c.runs.append(run)
    c.run_started.emit(run)
    c.run_ended.emit(run)
    qtbot.waitUntil(lambda: "run 1" in panel.diagnosis.text(), timeout=2000)
    english = _plain(panel.diagnosis.text())
    assert english == ("run 1 — high bias and high variance. train error 15.0%, dev error 28.0%: "
                       "high bias → a bigger network (more units or layers), train longer, or a "
                       "better optimizer; high variance → more data, regularization (L2, dropout)")
    assert i18n.apply(i18n.CHINESE)          # no new run: the panel renews its own verdict
    assert _plain(panel.diagnosis.text()) == (
        "run 1 — 结论：高偏差且高方差。训练集误差 15.0%，验证集误差 28.0%：高偏差 → 用更大的网络（更多单元"
        "或更多层）、训练更久，或换更好的优化器；高方差 → 更多数据、正则化（L2、dropout）")
    assert panel.x_axis.itemText(1) == "轮数" and panel.x_axis.itemData(1) == "epochs"
    assert i18n.apply(i18n.ENGLISH)
    assert _plain(panel.diagnosis.text()) == english


def test_labels_change_with_the_language_and_keys_stay_english(qapp):
    counts = GraphCounts(parameters=1234, macs=5678, buffers=2, nodes=3, uncounted=1)
    pair = ArrayPair("value", "a[1]", np.zeros(2), "dJ/da[1]", np.zeros(2))
    cached = ArrayPair("cache:z", "z[1]", np.zeros(2))
    english = (kernel_label("gaussian σ=2"), kernel_label("conv1 filter 3"), kernel_label("mine 1"),
               image_label("china (photo)"), image_label("my.png"), data_label("moons"),
               data_label("user data"), factor_label("school_quality"), factor_label("age_x"),
               array_label(pair), array_label(cached))
    assert english == ("gaussian σ=2", "conv1 filter 3", "mine 1", "china (photo)", "my.png",
                       "moons", "user data", "school quality", "age x", "a[1] and dJ/da[1]",
                       "z[1] (cached)")
    assert counts_words(counts) == counts_text(counts)   # the engine's English, word for word
    assert i18n.apply(i18n.CHINESE)
    assert (kernel_label("gaussian σ=2"), kernel_label("conv1 filter 3"), kernel_label("mine 1"),
            image_label("china (photo)"), image_label("my.png"), data_label("moons"),
            data_label("user data"), factor_label("school_quality"), factor_label("age_x"),
            array_label(pair), array_label(cached)) == (
        "高斯 σ=2", "conv1 滤波器 3", "mine 1", "中国寺庙（照片）", "my.png", "双月", "user data",
        "学校质量", "age x", "a[1] 及 dJ/da[1]", "z[1]（缓存）")
    assert counts_words(counts) == ("1,234 个参数 · 每个样本 5,678 次乘加 · 2 个滑动统计量 · "
                                    "1 个没有形状的节点未计入")


def test_a_drop_down_item_follows_a_language_switch(qapp):
    box = QComboBox()
    box.addItem(translate("LossPanel", "epochs"), "epochs")
    box.addItem("adam", "adam")                      # a name is left as it is
    assert i18n.apply(i18n.CHINESE)
    assert [box.itemText(i) for i in range(2)] == ["轮数", "adam"]
    assert [box.itemData(i) for i in range(2)] == ["epochs", "adam"]
    assert i18n.apply(i18n.ENGLISH)
    assert box.itemText(0) == "epochs"


def test_a_traced_value_reads_in_chinese_with_the_same_numbers(qapp):
    """The formula behind a conv output and a dense unit: words in Chinese, every number and
    index as the English text has it."""
    from engine import examples
    from engine.inspect import trace_text, upstream
    g, ds, _ = examples.build("small_cnn")
    values = upstream.run_upto(g, {"x": ds.arrays["x"][5:6]}, g.by_name("logits")).values
    conv = trace_text.formula(g, values, g.by_name("conv1"), (0, 2, 3, 4))
    dense = trace_text.formula(g, values, g.by_name("logits"), (0, 1))
    english = (i18n.render(conv), i18n.render(dense))
    assert english == (str(conv), str(dense))
    assert "over the 3x3 window rows 2:5, columns 3:6 (zeros where" in english[0]
    assert i18n.apply(i18n.CHINESE)
    zh_conv, zh_dense = i18n.render(conv), i18n.render(dense)
    assert "在 3x3 窗口（第 2:5 行、第 3:6 列；窗口伸到填充区的地方为 0）上 = " in zh_conv
    assert "（共 9 项）" in zh_conv and "(9 terms)" not in zh_conv
    assert zh_dense.startswith("logits[0,1] = Σⱼ W[1,j]·flatten[0,j] + b[1] = ")
    assert "（共 128 项）" in zh_dense
    numbers = re.compile(r"-?\d+\.?\d*(?:e[-+]?\d+)?")
    assert numbers.findall(zh_dense) == numbers.findall(english[1].replace("(128 terms)", "128"))


def test_the_ops_words_are_listed_for_translation_and_read_in_chinese(qapp):
    """Every op description, parameter doc and cache note is in the extracted list (a new or
    reworded one fails here until the list is regenerated), and each reads in Chinese."""
    from engine.ops.base import get_op
    from graphviz_app.panels.build.op_texts import TEXTS, engine_texts, op_text
    assert list(TEXTS) == engine_texts()
    conv = get_op("conv2d")
    assert op_text(conv.description) == conv.description
    assert i18n.apply(i18n.CHINESE)
    assert op_text(conv.description) == "二维卷积（通道在前）：O 个 k x k x C 的滤波器，带步长和填充。"
    symbols = {"max", "min", "log", "exp", "softmax", "mean", "sqrt", "sign", "tanh", "col2im",
               "windows", "col", "reshape", "transpose", "shape", "axes", "ids", "size", "rate", "axis",
               "start", "stop", "step", "Bernoulli", "cols", "mistake"}
    worded = [t for t in TEXTS if set(re.findall(r"[A-Za-z]{3,}", t)) - symbols]
    assert len(worded) > 100 and "y = [a, b, …] along axis" in worded
    untranslated = [t for t in worded if op_text(t) == t]
    assert untranslated == []
    assert op_text("y = [a, b, …] along axis") == "y = 沿 axis 拼接 [a, b, …]"     # a formula's words
    pair = ArrayPair("cache:windows", "windows", np.zeros(2),
                     note="cached: " + conv.cache_notes["windows"] + " (read by the backward step)")
    assert array_note(pair).startswith("缓存：每个输出位置的输入窗口，(N, C, f, f, OH, OW)")
    assert array_note(pair).endswith("（反向步骤会读取）")


def test_a_refusal_from_the_engine_reads_in_chinese(qapp):
    """A look inside that cannot run says why in the user's language; other errors keep their
    own text."""
    from engine import examples
    from engine.inspect import feature_maps as fm
    from engine.inspect.upstream import ProbeError
    from graphviz_app.i18n import error_text
    g, _, _ = examples.build("small_cnn")
    with pytest.raises(ProbeError) as refused:
        fm.build_view(g, {}, g.by_name("logits"))
    assert error_text(refused.value) == str(refused.value) == (
        "logits does not give 2-D maps (N x C x H x W); choose a conv, pool or activation node "
        "of a conv net")
    with pytest.raises(ProbeError) as missing:
        fm.examples_for(g, g.by_name("conv1"), {}, 0)
    assert i18n.apply(i18n.CHINESE)
    assert error_text(refused.value) == ("logits 不输出二维特征图（N x C x H x W）；请选择卷积网络"
                                         "中的卷积、池化或激活节点")
    assert error_text(missing.value).startswith("数据集中没有输入 x 的数组")
    assert error_text(ValueError("a plain reason")) == "a plain reason"
