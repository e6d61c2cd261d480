"""The window shell: it fits a laptop screen with any example open, every View entry brings
its panel to the front with real room, layouts arrange the panels, a saved layout carries a
version, Help lists every shortcut, and --screenshot raises, runs and selects what it is told."""
from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QLabel, QTabBar

from engine.examples import EXAMPLES
from graphviz_app.app import UsageError, check_shot_args, parse_args, prepare_shot
from graphviz_app.docks import LAYOUTS, STATE_VERSION
from graphviz_app.main_window import MainWindow


def _in_front(dock) -> bool:
    """Visible and on top: the widget under the middle of the dock belongs to it (a dock
    behind another tab, or hidden, does not pass)."""
    if not dock.isVisible():
        return False
    win = dock.parentWidget()
    w = win.childAt(dock.geometry().center())
    while w is not None and w is not dock:
        w = w.parentWidget()
    return w is dock


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_minimum_size_fits_a_laptop_with_each_example(shared, name):
    window = shared
    window.files.open_example(name)
    hint, minimum = window.minimumSizeHint(), window.minimumSize()
    assert hint.width() <= 1024 and hint.height() <= 640, (hint.width(), hint.height())
    assert minimum.width() <= 1024 and minimum.height() <= 640


def test_minimum_size_after_a_training_run(window, qtbot):
    window.files.open_example("xor_mlp")
    panel = window.training_panel
    panel.epochs.setValue(2)
    with qtbot.waitSignal(window.training.run_ended, timeout=30000):
        assert panel.start() is not None
    window.show_panel("Loss curves")
    hint = window.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 640, (hint.width(), hint.height())


def test_every_view_entry_shows_its_panel_in_front_with_room(window, qtbot):
    window.resize(1280, 720)
    window.files.open_example("small_cnn")
    qtbot.wait(20)
    entries = set(window.actions.view_menu.actions())
    for name, act in window.dock_manager.show_actions.items():
        assert act in entries, name
        window.apply_layout("train")          # many panels hidden or behind others
        qtbot.wait(5)
        act.trigger()
        qtbot.wait(5)
        dock = window.docks[name]
        assert _in_front(dock), name
        assert dock.widget().height() >= 100, name
        assert window.rect().contains(dock.geometry()), name


def test_layouts_raise_their_panels_and_hide_the_rest(window, qtbot):
    window.resize(1280, 720)
    for key, layout in LAYOUTS.items():
        window.apply_layout(key)
        qtbot.wait(5)
        for area, names in layout.front.items():
            first = next(n for n in names if n in window.docks)
            assert _in_front(window.docks[first]), (key, first)
        for name, dock in window.docks.items():
            if window.dock_manager.areas[name] not in layout.front:
                assert not dock.isVisible(), (key, name)
    window.reset_layout()
    assert _in_front(window.docks["palette_dock"]) and _in_front(window.docks["inspector_dock"])


def test_no_stale_tab_bar_stays_on_screen(window):
    shown = [b for b in window.findChildren(QTabBar) if b.isVisible()]
    names = [b.tabText(i) for b in shown for i in range(b.count())]
    assert len(names) == len(set(names)), names
    assert {"Inspector", "Loss curves"} <= set(names)


def test_saved_layout_keeps_hidden_panels_and_places_new_ones(qtbot, tmp_path):
    from PySide6.QtCore import QSettings
    path = str(tmp_path / "s.ini")
    first = MainWindow(settings=QSettings(path, QSettings.Format.IniFormat),
                       recovery_dir=str(tmp_path))
    qtbot.addWidget(first)
    first.show()
    first.docks["history_dock"].hide()
    saved = first.dock_manager.save_state()
    assert json.loads(saved)["version"] == STATE_VERSION
    first.session.undo_stack.setClean()
    first.files.timer.stop()
    second = MainWindow(settings=QSettings(str(tmp_path / "t.ini"), QSettings.Format.IniFormat),
                        recovery_dir=str(tmp_path))
    qtbot.addWidget(second)
    second.show()
    extra = second.add_panel(QLabel("a panel of a later release"), "Later", "later_dock", "bottom")
    assert second.dock_manager.restore_state(saved)
    assert second.docks["history_dock"].isHidden()
    assert not extra.isHidden()
    assert extra in second.tabifiedDockWidgets(second.docks["loss_dock"])
    other = json.dumps(dict(json.loads(saved), version=STATE_VERSION - 1))
    assert not second.dock_manager.restore_state(other)
    assert not second.dock_manager.restore_state("not json")
    second.session.undo_stack.setClean()
    second.files.timer.stop()


def test_help_lists_every_shortcut(window):
    from PySide6.QtGui import QAction, QKeySequence
    text = window.shortcuts_text()
    for key in ("F10", "Shift+F10", "F5", "Ctrl+Z", "Ctrl+L"):
        assert f"<b>{key}" in text or f" / {key}" in text, key
    missing = []
    for act in window.findChildren(QAction):
        for seq in act.shortcuts():
            key = seq.toString(QKeySequence.SequenceFormat.NativeText)
            if key and key not in text:
                missing.append((act.text(), key))
    assert not missing


def test_screenshot_arguments_run_select_and_raise(window, qtbot):
    from PySide6.QtWidgets import QApplication
    window.files.open_example("fan_out")
    args = parse_args(["--screenshot", "x.png", "--run", "backward", "--select", "a",
                       "--panel", "Gradient check", "--size", "1280x720"])
    check_shot_args(window, args)
    prepare_shot(window, QApplication.instance(), args)
    assert window.player.phase == "done"
    assert window.session.selected() == [window.session.graph.by_name("a")]
    assert _in_front(window.docks["gradcheck_dock"])
    assert (window.width(), window.height()) == (1280, 720)


@pytest.mark.parametrize("argv, words", [
    (["--panel", "Nope"], ["unknown panel", "Loss curves", "Inspector"]),
    (["--select", "zz"], ["unknown node", "dense1"]),
    (["--run", "sideways"], ["forward, backward or train"]),
    (["--run", "train:0"], ["EPOCHS"]),
    (["--size", "wide"], ["WIDTHxHEIGHT"]),
    (["--layout", "dance"], ["unknown layout", "inside"]),
])
def test_screenshot_arguments_refused_with_the_valid_names(shared, argv, words):
    window = shared
    window.files.open_example("xor_mlp")
    with pytest.raises(UsageError) as e:
        check_shot_args(window, parse_args(["--screenshot", "x.png", *argv]))
    for w in words:
        assert w in str(e.value)


def test_inspector_shows_a_conv_node_whole_at_1366x768(window, qtbot):
    window.resize(1366, 768)
    window.files.open_example("small_cnn")
    window.reset_layout()
    qtbot.wait(20)
    window.session.select([window.session.graph.by_name("conv1")])
    qtbot.wait(20)
    assert window.inspector.isVisible()
    scroll = window.docks["inspector_dock"].widget()
    assert scroll.verticalScrollBar().maximum() == 0
    assert window.inspector.height() >= 400


def test_dark_palette_option_applies_a_dark_window(qtbot):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from graphviz_app.app import use_dark_palette
    app = QApplication.instance()
    before, style = app.palette(), app.style().name()
    try:
        use_dark_palette(app)
        pal = app.palette()
        assert pal.color(QPalette.ColorRole.Window).lightness() < 80
        assert pal.color(QPalette.ColorRole.WindowText).lightness() > 180
    finally:
        app.setPalette(before)
        app.setStyle(style)
