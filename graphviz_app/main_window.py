"""The main window: canvas in the centre, docks for the palette, inspector and undo history,
a toolbar, and the File / Edit / View / Help menus. Geometry and dock layout persist in
QSettings; closing with unsaved changes asks to save."""
from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMainWindow, QMessageBox, QWidget

from . import APP_NAME, ORGANIZATION, __version__
from .editor import clipboard
from .editor import editing
from .actions import SHORTCUTS, Actions
from .canvas.scene import GraphScene
from .canvas.theme import make_theme
from .canvas.view import GraphView
from .editor.files import FileController, save_reason
from .panels.build.history import HistoryPanel
from .panels.build.inspector import InspectorPanel, install_status_counts
from .panels.build.palette import PalettePanel
from .session import Session

Area = Qt.DockWidgetArea


class MainWindow(QMainWindow):
    """Owns the views of one :class:`Session`; other panels join through :meth:`add_dock`."""

    def __init__(self, session: Session | None = None, settings: QSettings | None = None,
                 recovery_dir: str | None = None) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.session = session or Session(parent=self)
        self.settings = settings or QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope,
                                              ORGANIZATION, APP_NAME)
        self.scene = GraphScene(self.session, make_theme(self.palette()), self)
        self.view = GraphView(self.scene, self)
        self.setCentralWidget(self.view)
        self.files = FileController(self.session, self.settings, self, recovery_dir)
        self.actions = Actions(self)
        self.actions.build_menus()
        self.addToolBar(self.actions.build_toolbar())
        self.palette_panel = PalettePanel(self)
        self.palette_panel.op_activated.connect(lambda op: self.view.add_op(op))
        self.inspector = InspectorPanel(self.session, self)
        self.counts_label = install_status_counts(self, self.session)
        self.history = HistoryPanel(self.session, self)
        self.docks: dict[str, QDockWidget] = {}
        self.add_dock(self.palette_panel, "Palette", Area.LeftDockWidgetArea, "palette_dock")
        self.add_dock(self.inspector, "Inspector", Area.RightDockWidgetArea, "inspector_dock")
        self.add_dock(self.history, "History", Area.RightDockWidgetArea, "history_dock")
        self.session.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.session.path_changed.connect(lambda _p: self.update_title())
        self.session.dirty_changed.connect(lambda _d: self.update_title())
        self.session.graph_replaced.connect(self._on_replaced)
        self.resize(1280, 800)
        self.resizeDocks([self.docks["palette_dock"], self.docks["inspector_dock"]], [210, 330],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["inspector_dock"], self.docks["history_dock"]], [520, 180],
                         Qt.Orientation.Vertical)
        self._install_watch_panels()
        self.restore_settings()
        self.update_title()
        self.statusBar().showMessage("Drag ops from the palette onto the canvas; wire output → input.")

    # -- docks ----------------------------------------------------------------------------------
    def _install_watch_panels(self) -> None:
        """The stepping player, training with its loss curves, and the gradient check."""
        from .panels.watch import gradcheck_panel
        from .panels.watch import training_panel
        from .player.player import install_player
        self.player = install_player(self, self.session)
        self.inspector.set_player(self.player)      # it opens the arrays the player computed
        self.training, self.training_panel, self.loss_panel = training_panel.install(self, self.session)
        self.gradcheck_panel = gradcheck_panel.install(self, self.session)
        bottom = [self.docks[n] for n in ("loss_dock", "gradcheck_dock") if n in self.docks]
        if len(bottom) == 2:
            self.tabifyDockWidget(bottom[0], bottom[1])
            bottom[0].raise_()

    def add_dock(self, widget: QWidget, title: str, area: Area, name: str) -> QDockWidget:
        """Add ``widget`` as a dock named ``name`` (for saved layouts), listed in the View menu."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks[name] = dock
        self.actions.view_menu.insertAction(self.actions.docks_separator, dock.toggleViewAction())
        return dock

    # -- title and settings ---------------------------------------------------------------------
    def update_title(self) -> None:
        self.setWindowTitle(f"{self.files.display_name()}[*] — {APP_NAME}")
        self.setWindowModified(self.session.dirty)

    def restore_settings(self) -> None:
        geom = self.settings.value("window/geometry")
        if geom is not None:
            self.restoreGeometry(geom)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()

    def _on_replaced(self) -> None:
        self.update_title()
        self.view.fit_all()

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
            path, _ = QFileDialog.getSaveFileName(self, f"Export canvas as {kind.upper()}",
                                                  os.path.expanduser(f"~/graph.{kind}"),
                                                  f"{kind.upper()} (*.{kind})")
            if not path:
                return False
        try:
            (editing.export_png if kind == "png" else editing.export_svg)(self.scene, path)
        except OSError as e:
            self.files.show_error("Export failed", f"{path} could not be written: "
                                  f"{save_reason(e, path)}. Choose another place.")
            return False
        except ImportError as e:
            self.files.show_error("Export failed", str(e))
            return False
        self.session.message.emit(f"Exported {path}")
        return True

    # -- help -----------------------------------------------------------------------------------
    def shortcuts_text(self) -> str:
        rows = "".join(f"<tr><td><b>{k}</b></td><td>&nbsp;{v}</td></tr>" for k, v in SHORTCUTS)
        return f"<table>{rows}</table>"

    def show_shortcuts(self) -> None:
        QMessageBox.information(self, "Keyboard and mouse", self.shortcuts_text())

    def show_about(self) -> None:
        QMessageBox.about(self, f"About {APP_NAME}",
                          f"<b>{APP_NAME}</b> {__version__}<br>Build neural networks as computation "
                          "graphs by drag and drop, and watch them compute and learn.")

    # -- Qt -------------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "scene"):
            self.scene.set_theme(make_theme(self.palette()))
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        training = getattr(self, "training", None)
        if training is not None and training.busy:
            # Stop first; the run's weights come back to the graph, then closing goes on
            # (asking to save them like any other change).
            self.session.message.emit("Stopping training before closing; its weights are kept")
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
