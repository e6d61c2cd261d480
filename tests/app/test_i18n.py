"""English and Simplified Chinese: Settings → Language switches the menus and an open panel
without a restart and is remembered; an engine shape error reads in Chinese; every extracted
string and every engine message id has a Chinese translation with the same fields; the shipped
.ts and .qm are up to date with the code; and in Chinese no visible string of the translated
files is left in English."""
from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractButton, QLabel, QLineEdit, QListWidget, QMenu,
                               QTabWidget, QTreeWidget, QWidget)

from engine import Graph, guides
from engine.examples import EXAMPLES
from engine.messages import TEMPLATES, Msg, fields
from engine.shapes import infer
from graphviz_app import i18n

ROOT = Path(__file__).resolve().parents[2]


def _update_script_sources() -> tuple[str, ...]:
    """What assets/i18n/update.py hands lupdate (the test extracts the same)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("i18n_update", ROOT / "assets/i18n/update.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SOURCES


SOURCES = _update_script_sources()
TS = ROOT / "assets" / "i18n" / "graphviz_app_zh_CN.ts"
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")

# The files whose strings are translated; the walk below covers the widgets they make.
TRANSLATED_FILES = ("graphviz_app/main_window.py", "graphviz_app/actions.py",
                    "graphviz_app/docks.py", "graphviz_app/welcome.py",
                    "graphviz_app/panels/build/example_guide.py", "graphviz_app/i18n.py",
                    "graphviz_app/panels/build/history.py", "graphviz_app/panels/build/palette.py",
                    "graphviz_app/editor/clipboard.py", "graphviz_app/editor/editing.py",
                    "graphviz_app/editor/interchange.py (actions and messages)",
                    "graphviz_app/editor/data_import.py (File → Data menu)",
                    "graphviz_app/editor/weights_io.py (menu, titles, two messages)",
                    "graphviz_app/panels/inside/data_panel.py",
                    "graphviz_app/panels/inside/embeddings.py (static texts)",
                    "graphviz_app/panels/inside/similar_images.py (static texts)",
                    "graphviz_app/panels/build/param_editors.py", "graphviz_app/canvas/group_item.py",
                    "graphviz_app/panels/inside/{decision_boundary,activations,cost_surface,"
                    "hidden_units,activation_functions}.py (static texts and refusals)",
                    "graphviz_app/panels/watch/training_panel.py",
                    "graphviz_app/panels/watch/gradcheck_panel.py (controls, columns, verdicts)",
                    "graphviz_app/panels/watch/player_panel.py", "graphviz_app/player/player.py",
                    "graphviz_app/panels/build/inspector.py (static texts)",
                    "graphviz_app/panels/watch/loss_panel.py (static texts)",
                    "graphviz_app/panels/build/messages.py (static texts)",
                    "graphviz_app/editor/files.py (dialog titles)",
                    "graphviz_app/editor/files.py (the open-failed message and its reasons)",
                    "graphviz_app/canvas/wiring.py (the wire-refused note)",
                    "engine/messages.py (every engine error, rendered by i18n.render)",
                    "graphviz_app/panels/watch/array_view.py (static texts)",
                    "graphviz_app/panels/inside/{feature_maps,filter_lab}.py (static texts)",
                    "graphviz_app/canvas/{node_item,wiring}.py (tooltips, refusals)",
                    "graphviz_app/editor/{commands,files,recovery,jobs}.py (undo names, messages)",
                    "graphviz_app/editor/{data_dialogs,data_import,weights_io}.py (dialogs, messages)",
                    "graphviz_app/player/{step_text,value_render}.py (the step formulas' words)",
                    "graphviz_app/training/worker.py (status messages)",
                    "graphviz_app/session.py (refusals while training)",
                    "graphviz_app/app.py (messages and --screenshot refusals; not --help)",
                    "graphviz_app/panels/inside/{activations,activation_functions,cost_surface,"
                    "surface_parts,decision_boundary,hidden_units}.py (computed texts)",
                    "graphviz_app/panels/inside/{embeddings,similar_images,data_panel}.py "
                    "(computed texts)",
                    "graphviz_app/panels/inside/{feature_maps,filter_lab,conv_view,"
                    "receptive_view}.py (computed texts)",
                    "graphviz_app/panels/watch/{loss_panel,training_panel,gradcheck_panel,"
                    "array_view,player_panel}.py (computed texts)",
                    "graphviz_app/panels/build/{inspector,messages,example_guide}.py "
                    "(computed texts)",
                    "graphviz_app/player/value_render.py",
                    "engine/inspect/{loss_diagnosis,receptive_field,feature_maps,embeddings,"
                    "data_view}.py (message ids)")
TRANSLATED_DOCKS = ("palette_dock", "inspector_dock", "history_dock", "example_dock", "data_dock",
                    "training_dock", "loss_dock", "gradcheck_dock", "embeddings_dock",
                    "activations_dock", "decision_boundary_dock", "cost_surface_dock",
                    "hidden_units_dock",
                    "player_dock",
                    "messages_dock",
                    "feature_maps_dock",
                    "filter_lab_dock")
# Controls named by the guides whose widgets live in files not translated yet: the Chinese
# guides already use the names those controls will have. Shrinks as files are translated.
PENDING_CONTROLS: set[str] = set()
SELF_NAMED = {"English", "简体中文"}       # each language names itself in the Language menu


@pytest.fixture(autouse=True)
def english_after(qapp):
    yield
    i18n.apply(i18n.ENGLISH)


def _messages() -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [(c.findtext("name") or "", m.findtext("source"), m.find("translation"))
            for c in root.findall("context") for m in c.findall("message")]


def _plain(text: str) -> str:
    """A menu text without its accelerator: "&File" and "文件(&F)" -> "File", "文件"."""
    return re.sub(r"\(&\w\)", "", text).replace("&", "").replace("…", "").strip()


def test_every_extracted_string_has_a_chinese_translation_with_the_same_fields():
    rows = _messages()
    assert len(rows) > 100
    for context, source, tr in rows:
        assert tr.get("type") is None and tr.text, (context, source)       # finished
        assert fields(tr.text) == fields(source), (context, source, tr.text)
        assert CJK.search(tr.text) or tr.text == source, (context, source)


def test_every_engine_message_id_translates():
    t = i18n.translator(i18n.CHINESE)
    for mid, template in TEMPLATES.items():
        text = t.translate("engine", template)
        assert text and CJK.search(text), mid
        assert fields(text) == fields(template), mid


def test_shipped_translation_files_are_up_to_date(tmp_path):
    """Re-extracting from the code finds no string the .ts lacks; recompiling the .ts gives
    the .qm that ships (so a translation edited but not released fails too)."""
    import PySide6
    tools = Path(PySide6.__file__).parent
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(tools / "lupdate"), "-silent", "-locations", "none", "-extensions", "py",
                    *(str(ROOT / src) for src in SOURCES), "-ts", str(fresh)], check=True,
                   cwd=ROOT, timeout=120)
    extracted = {(c.findtext("name") or "", m.findtext("source"))
                 for c in ET.parse(fresh).getroot().findall("context")
                 for m in c.findall("message")}
    shipped = {(c, s) for c, s, _ in _messages()}
    assert extracted == shipped
    qm = tmp_path / "zh.qm"
    subprocess.run([str(tools / "lrelease"), "-silent", str(TS), "-qm", str(qm)], check=True,
                   timeout=120)
    assert qm.read_bytes() == (TS.parent / "graphviz_app_zh_CN.qm").read_bytes()


def test_an_engine_shape_error_reads_in_chinese(qapp):
    g = Graph()
    g.add_node("input", {"shape": (None, 3)}, name="x")
    g.add_node("dense", {"units": 2}, name="d")
    issue = next(i for i in infer(g)[1] if i.name == "d")
    assert i18n.render(issue.msg) == "input x (port 0) is not connected"
    assert i18n.apply(i18n.CHINESE)
    assert i18n.render(issue.msg) == "输入 x（端口 0）没有连接"
    m = Graph()
    xm = m.add_node("input", {"shape": (None, 3)}, name="x")
    wm = m.add_node("parameter", {"shape": (4, 2)}, name="W")
    zm = m.add_node("matmul", name="z")
    m.connect(xm, zm, 0)
    m.connect(wm, zm, 1)
    (mismatch,) = infer(m)[1]
    assert i18n.render(mismatch.msg) == ("内侧维度不一致：a 是 Nx3，b 是 4x2（3 ≠ 4）；b 需要 3 行才能"
                                         "与 a 的最后一个轴匹配（把其中一个转置或 reshape）")
    big = Msg("shape.too_many_numbers", count=200000000, size="1.5 GB", limit="1 GB")
    assert i18n.render(big).startswith("它将包含 200,000,000 个数（1.5 GB），超过这台机器 1 GB 的内存")
    assert i18n.render("plain text") == "plain text"
    assert i18n.issue_text(issue) == "d: 输入 x（端口 0）没有连接"
    assert i18n.issue_text(issue, with_name=False) == "输入 x（端口 0）没有连接"


def test_system_choice_follows_the_locale():
    zh = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    de = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert i18n.resolve(i18n.SYSTEM, zh) == i18n.CHINESE
    assert i18n.resolve(i18n.SYSTEM, de) == i18n.ENGLISH
    assert i18n.resolve(i18n.ENGLISH, zh) == i18n.ENGLISH
    assert i18n.resolve("klingon") == i18n.ENGLISH


def test_switching_changes_menus_and_the_open_panel_and_is_remembered(window, tmp_path):
    window.files.open_example("xor_mlp")
    panel = window.panels["example_guide"]
    titles = lambda: [_plain(a.text()) for a in window.menuBar().actions()]  # noqa: E731
    assert titles() == ["File", "Edit", "View", "Settings", "Help"]
    assert panel.title.text() == "Two hidden layers on XOR"
    menu = window.actions.language
    note = menu.choose(i18n.CHINESE)
    assert titles() == ["文件", "编辑", "视图", "设置", "帮助"]
    assert panel.title.text() == "XOR 上的两个隐藏层"
    assert "<b>决策边界</b>" in panel.body.text() and "动手试一试" in panel.body.text()
    assert [b.text() for b in panel.step_buttons][0] == "训练 30 轮"
    assert window.docks["palette_dock"].windowTitle() == "组件面板"
    assert window.welcome.new_button.text() == "新建图"
    assert _plain(window.actions.undo.text()) == "撤销"
    assert "简体中文" in note and window.statusBar().currentMessage() == note
    window.session.select([])
    window.copy()
    assert window.statusBar().currentMessage() == "请先选中要复制的节点"
    assert window.show_panel("Example") is window.docks["example_dock"]   # English titles work
    assert window.show_panel("示例导读") is window.docks["example_dock"]
    assert QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat).value(
        i18n.SETTINGS_KEY) == i18n.CHINESE
    assert i18n.saved_choice(window.settings) == i18n.CHINESE
    menu.choose(i18n.ENGLISH)
    assert titles() == ["File", "Edit", "View", "Settings", "Help"]
    assert panel.title.text() == "Two hidden layers on XOR"
    assert window.docks["palette_dock"].windowTitle() == "Palette"
    assert [a.isChecked() for a in menu.actions.values()] == [False, True, False]


def test_a_chinese_start_titles_the_window_in_chinese(qtbot, tmp_path):
    from graphviz_app.main_window import MainWindow
    assert i18n.apply(i18n.CHINESE)
    win = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                     recovery_dir=str(tmp_path))
    qtbot.addWidget(win)
    assert [_plain(a.text()) for a in win.menuBar().actions()] == ["文件", "编辑", "视图", "设置", "帮助"]
    assert win.panels["example_guide"].title.text() == "没有打开示例"
    win.files.timer.stop()


def test_the_font_warning_comes_once_and_only_without_cjk_glyphs(monkeypatch):
    monkeypatch.setitem(i18n._state, "font_warned", False)
    monkeypatch.setattr(i18n, "has_cjk_font", lambda: False)
    assert i18n.font_warning(i18n.ENGLISH) is None
    first = i18n.font_warning(i18n.CHINESE)
    assert i18n.CJK_FONT_PACKAGE in first and "Chinese" in first
    assert i18n.font_warning(i18n.CHINESE) is None
    monkeypatch.setitem(i18n._state, "font_warned", False)
    monkeypatch.setattr(i18n, "has_cjk_font", lambda: True)
    assert i18n.font_warning(i18n.CHINESE) is None


def test_a_cjk_font_is_installed_here(qapp):
    """Screenshots in Chinese need glyphs; the README names the package that brings them."""
    assert i18n.has_cjk_font()
    assert i18n.CJK_FONT_PACKAGE in (ROOT / "README.md").read_text(encoding="utf-8")


def _texts(obj) -> list[str]:
    if isinstance(obj, QAction):
        return [obj.text(), obj.toolTip(), obj.statusTip()]
    out = [obj.toolTip()]
    if isinstance(obj, (QLabel, QAbstractButton)):
        out.append(re.sub(r"<[^>]+>", "", obj.text()))
    if isinstance(obj, QMenu):
        out.append(obj.title())
    if isinstance(obj, QTabWidget):
        out += [obj.tabText(i) for i in range(obj.count())]
    if isinstance(obj, QLineEdit):
        out.append(obj.placeholderText())
    if isinstance(obj, QTreeWidget):     # the palette: its categories (op names are names)
        out += [obj.topLevelItem(i).text(0) for i in range(obj.topLevelItemCount())]
    if isinstance(obj, QListWidget):
        out += [obj.item(i).text() for i in range(obj.count())]
        out += [obj.item(i).toolTip() for i in range(obj.count())]
    return out


def _visible_strings(window) -> dict[str, object]:
    """Text shown by the widgets and actions that the translated files make -> its owner."""
    acts = window.actions
    items: list[object] = [item for item, _, _ in acts._texts]
    pending = [window.menuBar()]
    for _ in range(200):                       # every menu, a few levels deep
        if not pending:
            break
        for act in pending.pop().actions():
            items.append(act)
            if act.menu() is not None:
                items.append(act.menu())
                pending.append(act.menu())
    others = set(window.dock_manager.show_actions.values()) - {
        window.dock_manager.show_actions[n] for n in TRANSLATED_DOCKS}
    recent = set(window.files.recent_files())
    items = [i for i in items if i not in others and not (isinstance(i, QAction)
                                                          and i.toolTip() in recent)]
    items += window.findChild(QWidget, "main_toolbar").actions()
    for root in (window.welcome, window.panels["example_guide"], window.palette_panel,
                 window.history, window.panels["data_panel"], window.training_panel,
                 window.gradcheck_panel):
        items += [root, *root.findChildren(QWidget)]
    texts = [(window.docks[n].windowTitle(), window.docks[n]) for n in TRANSLATED_DOCKS]
    texts += [(t, i) for i in items for t in _texts(i)]
    found: dict[str, object] = {}
    for t, owner in texts:
        if re.search(r"[A-Za-z]{2}", t) and not CJK.search(t) and t not in SELF_NAMED:
            found[t] = owner
    return found


def test_no_visible_string_of_the_translated_files_stays_english(window):
    window.files.open_example("small_cnn")
    english = _visible_strings(window)
    assert "Undo" in {_plain(t) for t in english}       # the walk sees the menus
    assert "Two hidden layers on XOR\nFrom logistic regression to a network" in english
    assert {"Search ops…", "Layers", "Loops vs vectorized"} <= set(english)
    window.actions.language.choose(i18n.CHINESE)
    assert sorted(_visible_strings(window)) == []


def test_chinese_guides_name_the_controls_as_the_window_shows_them(window):
    def controls() -> dict[int, str]:
        out = {}
        for a in window.findChildren(QAction):
            out[id(a)] = _plain(a.text().replace("▶", "").replace("◀", ""))
        for b in window.findChildren(QAbstractButton):
            out[id(b)] = _plain(b.text().replace("▶", "").replace("◀", ""))
        for name, d in window.docks.items():
            out[id(d)] = d.windowTitle()
        return out
    before = controls()
    window.actions.language.choose(i18n.CHINESE)
    after = controls()
    to_chinese: dict[str, set[str]] = {}
    for k in before.keys() & after.keys():
        to_chinese.setdefault(before[k], set()).add(after[k])
    en, zh = guides.load_all(EXAMPLES), guides.load_all(EXAMPLES, i18n.CHINESE)
    named = set().union(*(g.controls() for g in en.values()))
    assert named <= set(to_chinese)
    untranslated = {c for c in named if to_chinese[c] == {c}}
    assert untranslated == PENDING_CONTROLS
    for name, g in en.items():
        theirs = zh[name].controls()
        assert len(theirs) == len(g.controls()), name
        for c in g.controls() - PENDING_CONTROLS:
            assert to_chinese[c] & theirs, (name, c)


def test_live_texts_follow_the_language_and_forget_deleted_widgets(qapp):
    from PySide6.QtWidgets import QPushButton
    kept, gone = QPushButton(), QPushButton()
    i18n.live(kept.setText, i18n.QT_TRANSLATE_NOOP("Interchange", "imported {file}: {nodes} "
                                                   "nodes, {blocks} blocks grouped"),
              file="m.onnx", nodes=3, blocks=1)
    i18n.live(gone.setText, i18n.QT_TRANSLATE_NOOP("DataMenu", "&Data"))
    assert kept.text() == "imported m.onnx: 3 nodes, 1 blocks grouped"
    gone.deleteLater()
    from PySide6.QtCore import QCoreApplication, QEvent
    QCoreApplication.sendPostedEvents(gone, QEvent.Type.DeferredDelete)
    before = len(i18n._live)
    assert i18n.apply(i18n.CHINESE)
    assert kept.text() == "已导入 m.onnx：3 个节点，1 个模块已编组"
    assert len(i18n._live) == before - 1
    with pytest.raises(TypeError, match="QT_TRANSLATE_NOOP"):
        i18n.live(kept.setText, "Start")


def test_a_widget_showing_a_translated_text_switches_with_no_code_of_its_own(qapp):
    label = QLabel(i18n.translate("DataPanel", "Overview"))
    tabs = QTabWidget()
    tabs.addTab(QWidget(), i18n.translate("DataPanel", "Loops vs vectorized"))
    other = QLabel("Overview of something else")
    assert i18n.apply(i18n.CHINESE)
    assert (label.text(), tabs.tabText(0)) == ("概览", "循环与向量化")
    assert other.text() == "Overview of something else"
    assert i18n.apply(i18n.ENGLISH)
    assert (label.text(), tabs.tabText(0)) == ("Overview", "Loops vs vectorized")


def test_a_training_check_from_the_engine_reads_in_chinese(window):
    window.files.open_example("xor_mlp")
    panel = window.training_panel
    window.actions.language.choose(i18n.CHINESE)
    panel.optimizer.setCurrentText("adam")
    panel.lr.setValue(0.5)
    assert panel.lr_note.text().startswith("⚠ α = 0.5 高于 adam 通常使用的范围（")
    assert "试试 0.001" in panel.lr_note.text()
