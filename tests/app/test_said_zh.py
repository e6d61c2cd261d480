"""Texts the window composed before the language changed (the status line, the Messages
table, the inspector's whole-graph counts, the filter lab's image line, a run's end) read in
the new language after it changes, with their numbers intact, and back in English."""
from __future__ import annotations

import re

import pytest

from graphviz_app import i18n

CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture
def english_after(qapp):
    yield
    i18n.apply(i18n.ENGLISH)


def test_said_is_made_again_in_the_new_language(english_after):
    calls = []

    def make() -> str:
        calls.append(i18n.current())
        return i18n.translate("Files", "Example: {title}").format(title="T 42")
    i18n.apply(i18n.ENGLISH)
    text = i18n.said(make)
    assert text == "Example: T 42"
    assert i18n.apply(i18n.CHINESE)
    assert str(i18n.again(text)) == "示例：T 42"
    assert str(i18n.again(str(text))) == "示例：T 42"      # found by its text alone (as Qt gives it)
    assert i18n.again("my own words") == "my own words"
    assert calls == ["en", "zh_CN", "zh_CN"]


def _rows(win) -> list[str]:
    t = win.panels["messages"].table
    return [t.item(r, 1).text() for r in range(t.rowCount())]


def test_window_texts_follow_a_language_switch(window, qtbot, english_after):
    i18n.apply(i18n.ENGLISH)
    assert window.files.open_example("xor_mlp")
    window.show_panel("Filter lab")
    panel = window.training_panel
    panel.epochs.setValue(1)
    run = panel.start()
    assert run is not None, panel.error.text()
    qtbot.waitUntil(lambda: run.status == "done", timeout=20000)
    qtbot.waitUntil(lambda: "trained weights loaded" in window.statusBar().currentMessage(),
                    timeout=5000)
    lab, counts = window.panels["filter_lab"].status, window.inspector.graph_counts
    assert lab.text() == "scene: 256x192, colour (filtered as luminance)"
    assert counts.text() == "Whole graph: 354 parameters · 322 multiply-adds per example"
    english_rows = _rows(window)
    assert "Example: Two hidden layers on XOR" in english_rows

    assert i18n.apply(i18n.CHINESE)
    status = window.statusBar().currentMessage()
    assert re.fullmatch(r"运行 1：小批量 32，adam，α 0\.01：\d+ 次迭代后完成；已载入训练得到的权重"
                        r"（用撤销或“恢复权重”回到之前）", status), status
    assert str(run.iteration) in status
    assert lab.text() == "场景：256x192，彩色（按亮度滤波）"
    assert counts.text() == "整张图：354 个参数 · 每个样本 322 次乘加"
    assert window.inspector.placeholder.text() == "选中一个节点来查看和编辑它。"
    rows = _rows(window)
    assert len(rows) == len(english_rows) and "示例：XOR 上的两个隐藏层" in rows
    assert status in rows and "场景：256x192，彩色（按亮度滤波）" in rows
    assert window.panels["messages"].count.text() == f"{len(rows)} 条消息"

    assert i18n.apply(i18n.ENGLISH)
    assert _rows(window) == english_rows
    assert lab.text() == "scene: 256x192, colour (filtered as luminance)"
    assert not CJK.search(window.statusBar().currentMessage())
