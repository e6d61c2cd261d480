"""The main window: canvas in the centre, docks for the palette, inspector and undo history,
a toolbar, and the File / Edit / View / Help menus. Geometry and dock layout persist in
QSettings; closing with unsaved changes asks to save."""
from __future__ import annotations

import os

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QMainWindow, QMessageBox,
                               QStackedWidget, QWidget)

from . import APP_NAME, ORGANIZATION, __version__
from . import i18n
from .i18n import translate
from .editor import clipboard, data_import, editing, interchange, weights_io
from .actions import Actions, shortcuts_html
from .canvas.scene import GraphScene
from .canvas.theme import make_theme
from .canvas.view import GraphView
from .docks import AREAS, DEFAULT_LAYOUT, DockManager
from .editor.files import FileController, save_reason
from .panels.build.history import HistoryPanel
from .panels.build.inspector import InspectorPanel, install_status_counts
from .panels import INSTALLERS
from .panels.build.palette import PalettePanel
from .panels.watch import gradcheck_panel, player_panel, training_panel
from .session import Session
from .welcome import WelcomePage

Area = Qt.DockWidgetArea


class MainWindow(QMainWindow):
    """Owns the views of one :class:`Session`; panels join through :meth:`add_panel`."""

    def __init__(self, session: Session | None = None, settings: QSettings | None = None,
                 recovery_dir: str | None = None) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.session = session or Session(parent=self)
        self.settings = settings or QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope,
                                              ORGANIZATION, APP_NAME)
        self.scene = GraphScene(self.session, make_theme(self.palette()), self)
        self.view = GraphView(self.scene, self)
        self.welcome = WelcomePage(self.scene.theme, self)
        self.centre = QStackedWidget(self)
        self.centre.addWidget(self.view)
        self.centre.addWidget(self.welcome)
        self.setCentralWidget(self.centre)
        self.files = FileController(self.session, self.settings, self, recovery_dir)
        self.actions = Actions(self)
        self.actions.build_menus()
        self.addToolBar(self.actions.build_toolbar())
        self.dock_manager = DockManager(self)
        self.docks = self.dock_manager.docks
        self.palette_panel = PalettePanel(self)
        self.palette_panel.op_activated.connect(lambda op: self.view.add_op(op))
        self.inspector = InspectorPanel(self.session, self)
        self.counts_label = install_status_counts(self, self.session)
        self.history = HistoryPanel(self.session, self)
        self.add_panel(self.palette_panel, QT_TRANSLATE_NOOP("Panels", "Palette"), "palette_dock",
                       "left")
        self.add_panel(self.inspector, QT_TRANSLATE_NOOP("Panels", "Inspector"), "inspector_dock",
                       "right")
        self.add_panel(self.history, QT_TRANSLATE_NOOP("Panels", "History"), "history_dock",
                       "bottom")
        self.session.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.session.path_changed.connect(lambda _p: self.update_title())
        self.session.dirty_changed.connect(lambda _d: self.update_title())
        self.session.graph_replaced.connect(self._on_replaced)
        self.welcome.example_chosen.connect(self.files.open_example)
        self.welcome.file_chosen.connect(self.files.open)
        self.welcome.new_chosen.connect(self.files.new)
        self.player = player_panel.install(self, self.session)
        self.inspector.set_player(self.player)      # it opens the arrays the player computed
        self.training, self.training_panel, self.loss_panel = training_panel.install(self, self.session)
        self.gradcheck_panel = gradcheck_panel.install(self, self.session)
        self.panels = {module.__name__.rsplit(".", 1)[-1]: module.install(self, self.session)
                       for module in INSTALLERS}
        self.interchange = interchange.install(self)
        self.data_import = data_import.install(self)
        self.weights_io = weights_io.install(self)
        self.actions.finish_file_menu()
        self.actions.fill_panels(self.dock_manager)
        self.resize(1280, 720)
        self.dock_manager.apply_layout(DEFAULT_LAYOUT)
        self.restore_settings()
        self.update_title()
        self.statusBar().showMessage(translate(
            "MainWindow", "Drag ops from the palette onto the canvas; wire output → input."))
        warning = i18n.font_warning(i18n.current())
        if warning:
            self.statusBar().showMessage(warning)

    # -- docks ----------------------------------------------------------------------------------
    def add_panel(self, widget: QWidget, title: str, name: str,
                  area: str | Qt.DockWidgetArea = "right") -> QDockWidget:
        """Add ``widget`` as the panel ``name`` titled ``title``, tabbed into ``area`` ("left",
        "right" or "bottom"); the View menu lists it and raises it. ``title`` is English,
        marked ``QT_TRANSLATE_NOOP("Panels", "Title")``; the dock shows it translated."""
        if isinstance(area, Qt.DockWidgetArea):
            area = next(k for k, v in AREAS.items() if v == area)
        return self.dock_manager.add(widget, title, name, area)

    def show_panel(self, title_or_name: str) -> QDockWidget:
        """Show the panel with this title or dock name in front; KeyError when there is none."""
        name = title_or_name if title_or_name in self.docks else \
            self.dock_manager.by_title(title_or_name)
        if name is None:
            raise KeyError(title_or_name)
        return self.dock_manager.show(name)

    def apply_layout(self, key: str) -> None:
        """Arrange the panels for an activity: "build", "step", "train" or "inside"."""
        self.dock_manager.apply_layout(key)

    def reset_layout(self) -> None:
        self.dock_manager.apply_layout(DEFAULT_LAYOUT)

    # -- title and settings ---------------------------------------------------------------------
    def update_title(self) -> None:
        self.setWindowTitle(f"{self.files.display_name()}[*] — {APP_NAME}")
        self.setWindowModified(self.session.dirty)

    def restore_settings(self) -> None:
        geom = self.settings.value("window/geometry")
        if geom is not None:
            self.restoreGeometry(geom)
        self.dock_manager.restore_state(self.settings.value("window/docks"))

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/docks", self.dock_manager.save_state())
        self.settings.sync()

    def _on_replaced(self) -> None:
        self.show_canvas()
        self.update_title()
        self.view.fit_all()

    # -- welcome page ---------------------------------------------------------------------------
    def show_welcome(self) -> None:
        """The examples by topic and the recent files, in place of the canvas."""
        self.welcome.set_recent(self.files.recent_files())
        self.centre.setCurrentWidget(self.welcome)

    def show_canvas(self) -> None:
        self.centre.setCurrentWidget(self.view)

    def welcome_shown(self) -> bool:
        return self.centre.currentWidget() is self.welcome

    # -- edit actions ---------------------------------------------------------------------------
    def copy(self) -> None:
        clipboard.copy_selection(self.session)

    def paste(self) -> bool:
        return clipboard.paste(self.session)

    def duplicate(self) -> None:
        clipboard.duplicate(self.session)

    def delete_selection(self) -> None:
        editing.delete_selection(self.session, self.scene)

    def select_all(self) -> None:
        self.session.select(list(self.session.graph.nodes))

    def group_selection(self) -> None:
        editing.group_selection(self.session)

    def ungroup_selection(self) -> None:
        editing.ungroup_selection(self.session, self.scene)

    def auto_layout(self) -> None:
        if editing.auto_layout(self.session):
            self.view.fit_all()

    def export(self, kind: str, path: str | None = None) -> bool:
        """Export the canvas as 'png' or 'svg' (asks for a path when None)."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, translate("MainWindow", "Export canvas as {kind}").format(kind=kind.upper()),
                os.path.expanduser(f"~/graph.{kind}"), f"{kind.upper()} (*.{kind})")
            if not path:
                return False
        try:
            (editing.export_png if kind == "png" else editing.export_svg)(self.scene, path)
        except OSError as e:
            self.files.show_error(
                translate("MainWindow", "Export failed"),
                translate("MainWindow", "{path} could not be written: {reason}. Choose another "
                          "place.").format(path=path, reason=save_reason(e, path)))
            return False
        except ImportError as e:
            self.files.show_error(translate("MainWindow", "Export failed"), str(e))
            return False
        self.session.message.emit(translate("MainWindow", "Exported {path}").format(path=path))
        return True

    # -- help -----------------------------------------------------------------------------------
    def shortcuts_text(self) -> str:
        """Every shortcut of every action in the window, and the mouse gestures, as HTML."""
        return shortcuts_html(self)

    def show_shortcuts(self) -> None:
        QMessageBox.information(self, translate("MainWindow", "Keyboard and mouse"),
                                self.shortcuts_text())

    def show_about(self) -> None:
        QMessageBox.about(
            self, translate("MainWindow", "About {app}").format(app=APP_NAME),
            f"<b>{APP_NAME}</b> {__version__}<br>" + translate(
                "MainWindow", "Build neural networks as computation graphs by drag and drop, "
                "and watch them compute and learn."))

    def retranslate(self) -> None:
        """Menus, panel titles and the window's own texts again, in the current language."""
        self.actions.retranslate()
        self.dock_manager.retranslate()
        self.interchange.retranslate()
        self.player.retranslate()
        self.update_title()

    # -- Qt -------------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and "scene" in self.__dict__:
            self.scene.set_theme(make_theme(self.palette()))
        if event.type() == QEvent.Type.LanguageChange and "dock_manager" in self.__dict__:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        training = self.training
        if training.busy:
            # Stop first; the run's weights come back to the graph, then closing goes on
            # (asking to save them like any other change).
            self.session.message.emit(translate(
                "MainWindow", "Stopping training before closing; its weights are kept"))
            training.state_changed.connect(self._close_when_idle)
            training.stop()
            event.ignore()
            return
        if not self.files.maybe_save():
            event.ignore()
            return
        self.save_settings()
        self.files.remove_recovery()
        self.files.timer.stop()
        event.accept()

    def _close_when_idle(self) -> None:
        if not self.training.busy:
            self.training.state_changed.disconnect(self._close_when_idle)
            self.close()
