"""Every composed message reads in the new language after a switch, not only the few the
window builds with i18n.said: translate(...).format(...) remembers how it was made. So do the
"Opened …" line, a data import's summary, an engine message reported, a Messages panel built
after the switch, and rows older than the said-texts memory holds."""
from __future__ import annotations

import pytest

from engine.messages import Msg
from graphviz_app import i18n
from graphviz_app.panels.build.messages import MessagesPanel


@pytest.fixture
def english_after(qapp):
    i18n.apply(i18n.ENGLISH)
    yield
    i18n.apply(i18n.ENGLISH)


def _rows(panel) -> list[str]:
    t = panel.table
    return [t.item(r, 1).text() for r in range(t.rowCount())]


def test_a_formatted_translation_is_made_again_with_its_fields(english_after):
    text = i18n.translate("Files", "Opened {path}").format(path="/tmp/a 7.gvz")
    assert text == "Opened /tmp/a 7.gvz"
    assert i18n.apply(i18n.CHINESE)
    assert i18n.again(str(text)) == "已打开 /tmp/a 7.gvz"
    inner = i18n.translate("DataImport", "{count} examples").format(count=12)
    outer = i18n.compose("{name}: {what}", name=Msg("named", name="n", error="e"), what=inner)
    assert outer == "n：e: 12 个样本"
    assert i18n.apply(i18n.ENGLISH)
    assert i18n.again(str(outer)) == "n: e: 12 examples"     # the nested text switched too
    inner = i18n.translate("DataImport", "{count} examples").format(count=12)
    parts = i18n.join(i18n.translate("DataImport", ", "), [inner, "x (8, 8)"])
    assert parts == "12 examples, x (8, 8)"
    assert i18n.apply(i18n.CHINESE)
    assert i18n.again(str(parts)) == "12 个样本，x (8, 8)"


def test_window_messages_and_a_panel_built_later_follow_the_switch(window, tmp_path,
                                                                   english_after, monkeypatch):
    assert window.files.open_example("xor_mlp")
    path = str(tmp_path / "mine.gvz")
    assert window.files.save_as(path)
    assert window.files.open(path)
    assert window.statusBar().currentMessage() == f"Opened {path}"
    assert window.data_import.load_digits()
    digits_line = window.statusBar().currentMessage()
    assert digits_line.startswith("Load digits: digits: 1797 examples, x (64,), 10 classes"), \
        digits_line
    window.session.report(Msg("graph.cycle", src="a", dst="b"))
    engine_line = str(Msg("graph.cycle", src="a", dst="b"))
    english = _rows(window.panels["messages"])
    assert f"Opened {path}" in english and digits_line in english and engine_line in english

    monkeypatch.setattr(i18n, "SAID_KEPT", 3)     # older texts forgotten; rows keep theirs
    for i in range(10):
        i18n.translate("Files", "Saved {path}").format(path=f"/x/{i}")

    assert i18n.apply(i18n.CHINESE)
    rows = _rows(window.panels["messages"])
    later = _rows(MessagesPanel(window.session))
    assert rows == later and len(rows) == len(english)
    assert f"已打开 {path}" in rows, rows
    assert any(r.startswith("载入") and "1797 个样本" in r and "10 个类别" in r for r in rows), rows
    assert engine_line not in rows and i18n.render(Msg("graph.cycle", src="a", dst="b")) in rows

    assert i18n.apply(i18n.ENGLISH)
    assert _rows(window.panels["messages"]) == english


def test_a_composed_text_quoted_in_another_is_still_made_whole(english_after):
    """A run's name (a template filled with a part translated on its own) quoted in a status
    line: making the status line again must not leave the name remembered by its template
    alone, with the part frozen in the language it was first made in."""
    def name() -> str:
        mode = i18n.translate("TrainingPanel", "mini-batch") + " 32"        # a plain part
        return i18n.translate("TrainingPanel", "run {n}: {mode}, {optimizer}, α {lr:g}").format(
            n=1, mode=mode, optimizer="adam", lr=0.01)
    run = i18n.said(name)
    status = i18n.translate("Files", "Example: {title}").format(title=run)
    assert i18n.apply(i18n.CHINESE)
    zh = i18n.again(str(run))                  # the legend shows the name ...
    assert zh == "运行 1：小批量 32，adam，α 0.01"
    assert i18n.again(str(status)) == "示例：运行 1：小批量 32，adam，α 0.01"   # ... the status too
    assert i18n.apply(i18n.ENGLISH)
    assert i18n.again(str(zh)) == "run 1: mini-batch 32, adam, α 0.01"


def test_the_first_line_of_a_composed_text_switches_with_it(english_after):
    """The status bar shows a refusal's first line; it is made again with the whole."""
    from engine.messages import Joined
    text = i18n.render(Msg("onnx.unsupported",
                           ops=Joined([Msg("onnx.unsupported_op", op="Hardmax", nodes="h")])))
    line = i18n.first_line(text)
    assert line == "the model uses ops this app has no counterpart for, so nothing was imported:"
    assert i18n.first_line("plain words\nmore") == "plain words"
    assert i18n.apply(i18n.CHINESE)
    assert i18n.again(str(line)) == "模型用到了本应用没有对应的运算，因此什么都没有导入："
