"""The main window: menus, docks in the View menu, title and unsaved mark, settings saved to
the temporary settings file, theme readable in dark palettes."""
from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette

from graphviz_app.canvas.theme import make_theme
from graphviz_app.main_window import MainWindow


def menu_titles(win):
    return [a.text().replace("&", "") for a in win.menuBar().actions()]


def test_menus_and_docks(window):
    assert menu_titles(window) == ["File", "Edit", "View", "Settings", "Help"]
    view_menu = window.actions.view_menu
    entries = set(view_menu.actions())
    for name in ("palette_dock", "inspector_dock", "history_dock"):
        assert window.dock_manager.show_actions[name] in entries
    help_texts = [a.text() for a in window.menuBar().actions()[4].menu().actions()]
    assert any("About" in t for t in help_texts) and any("Keyboard" in t for t in help_texts)
    assert "Ctrl+Z" in window.shortcuts_text()
    keys = [k.toString() for k in window.actions.redo.shortcuts()]
    assert "Ctrl+Shift+Z" in keys and "Ctrl+Y" in keys


def test_title_marks_unsaved(window):
    assert window.windowTitle() == "untitled[*] — graphviz-app"
    assert not window.isWindowModified()
    window.view.add_op("relu")
    assert window.isWindowModified()
    window.session.undo()
    assert not window.isWindowModified()


def test_geometry_and_state_saved_in_given_settings(qtbot, tmp_path):
    path = str(tmp_path / "s.ini")
    settings = QSettings(path, QSettings.Format.IniFormat)
    win = MainWindow(settings=settings, recovery_dir=str(tmp_path))
    qtbot.addWidget(win)
    win.show()
    win.docks["history_dock"].hide()
    assert win.close()
    again = QSettings(path, QSettings.Format.IniFormat)
    assert again.value("window/geometry") is not None and again.value("window/docks") is not None
    win2 = MainWindow(settings=again, recovery_dir=str(tmp_path))
    qtbot.addWidget(win2)
    win2.show()
    assert win2.docks["history_dock"].isHidden()
    win2.files.timer.stop()


def test_default_settings_go_to_temp_path(qtbot, tmp_path):
    win = MainWindow(recovery_dir=str(tmp_path))
    qtbot.addWidget(win)
    assert win.settings.fileName().startswith(str(tmp_path))
    win.files.timer.stop()


def test_dark_palette_theme_is_readable():
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, QColor(30, 30, 30))
    pal.setColor(QPalette.ColorRole.Base, QColor(20, 20, 20))
    pal.setColor(QPalette.ColorRole.Text, QColor(230, 230, 230))
    dark = make_theme(pal)
    assert dark.dark
    assert abs(dark.text.lightness() - dark.node_fill.lightness()) > 120
    for c in dark.headers.values():
        assert abs(dark.text.lightness() - c.lightness()) > 90
    light = make_theme(QPalette(QColor(240, 240, 240)))
    assert not light.dark
    assert abs(light.text.lightness() - light.node_fill.lightness()) > 120


def test_palette_change_rebuilds_scene(window):
    from .conftest import mlp_graph
    window.session.replace_graph(mlp_graph())
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Window, QColor(30, 30, 30))
    pal.setColor(QPalette.ColorRole.Text, QColor(230, 230, 230))
    window.setPalette(pal)
    assert window.scene.theme.dark
    assert len(window.scene.node_items()) == 5
