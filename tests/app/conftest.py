"""Fixtures for the app tests: settings and app data in a temporary folder, a main window whose
dialogs answer programmatically, and small graphs."""
from __future__ import annotations

import gc
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402

from engine import Graph  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _collect_between_tests():
    """Python's cycle collector may start inside any allocation, also one made while Qt holds a
    lock (a signal being disconnected); collecting a widget there deadlocks the process. The app
    collects from a GUI timer instead (graphviz_app.app.make_app); the tests turn automatic
    collection off and collect between tests, where no Qt call is under way."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_each_test():
    yield
    gc.collect(1)        # the young generations after every test; windows also in full, below


@pytest.fixture(autouse=True)
def temp_settings(tmp_path, monkeypatch):
    """Point every QSettings and the recovery folder at tmp_path, never the user's own."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "cfg"))
    monkeypatch.setenv("GRAPHVIZ_APP_DATA", str(tmp_path / "data"))
    return tmp_path


class Dialogs:
    """Records what the window would have shown and answers its questions."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.unsaved_answer = "discard"
        self.asked_unsaved = 0
        self.recover_answer = True
        self.save_path: str | None = None
        self.open_path: str | None = None

    def unsaved(self, name: str) -> str:
        self.asked_unsaved += 1
        return self.unsaved_answer


@pytest.fixture
def chinese(qapp):
    """The app in Simplified Chinese for one test, back in English after it."""
    from graphviz_app import i18n
    assert i18n.apply(i18n.CHINESE)
    yield
    i18n.apply(i18n.ENGLISH)


@pytest.fixture
def dialogs() -> Dialogs:
    return Dialogs()


def _make_window(folder, dialogs: Dialogs):
    from graphviz_app.main_window import MainWindow
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings=settings, recovery_dir=str(folder))
    f = win.files
    f.show_error = lambda title, text: dialogs.errors.append((title, text))
    f.ask_unsaved = dialogs.unsaved
    f.ask_recover = lambda path: dialogs.recover_answer
    f.ask_save_path = lambda: dialogs.save_path
    f.ask_open_path = lambda: dialogs.open_path
    win.resize(1100, 700)
    win.show()
    return win


def _finish(win) -> None:
    win.session.undo_stack.setClean()
    win.files.timer.stop()
    gc.collect()         # the window's cycles, at a point where no Qt call is under way


@pytest.fixture
def window(qtbot, tmp_path, dialogs):
    win = _make_window(tmp_path, dialogs)
    qtbot.addWidget(win)
    qtbot.waitExposed(win)
    yield win
    _finish(win)


@pytest.fixture(scope="module")
def shared_window(qapp, tmp_path_factory):
    """One main window for a module's tests that each open an example first, as a user opens
    one example after another: it saves building the window for every example."""
    folder = tmp_path_factory.mktemp("shared_window")
    settings_dir = folder / "cfg"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(settings_dir))
    before = os.environ.get("GRAPHVIZ_APP_DATA")
    os.environ["GRAPHVIZ_APP_DATA"] = str(folder / "data")
    win = _make_window(folder, Dialogs())
    yield win
    if before is None:
        os.environ.pop("GRAPHVIZ_APP_DATA", None)
    else:
        os.environ["GRAPHVIZ_APP_DATA"] = before
    if win.training.busy:
        win.training.stop()
    win.training.wait()
    _finish(win)
    win.close()
    win.deleteLater()
    qapp.processEvents()


@pytest.fixture
def shared(shared_window, qtbot):
    """The module's shared window, resized to 1100x700 and cleared of the last test's errors."""
    shared_window.resize(1100, 700)
    shared_window.files.show_error = lambda title, text: None
    qtbot.waitExposed(shared_window)
    yield shared_window
    if shared_window.training.busy:
        shared_window.training.stop()
    shared_window.training.wait()


def mlp_graph() -> Graph:
    """x (N,2) → dense(4) → relu; y (N,4); mse(relu, y)."""
    g = Graph()
    x = g.add_node("input", {"shape": (None, 2)}, name="x", ui={"pos": [0, 0]})
    d = g.add_node("dense", {"units": 4}, name="d1", ui={"pos": [200, 0]})
    r = g.add_node("relu", name="r1", ui={"pos": [400, 0]})
    y = g.add_node("input", {"shape": (None, 4)}, name="y", ui={"pos": [400, 150]})
    loss = g.add_node("mse", name="J", ui={"pos": [600, 50]})
    g.connect(x, d, 0)
    g.connect(d, r, 0)
    g.connect(r, loss, 0)
    g.connect(y, loss, 1)
    return g


@pytest.fixture(scope="session", autouse=True)
def _release_clipboard():
    """Qt's offscreen clipboard must let go of our MIME data before the application object is
    destroyed at exit, or the process crashes after the last test."""
    yield
    from PySide6.QtGui import QGuiApplication
    app = QGuiApplication.instance()
    if app is not None:
        app.clipboard().clear()


class PanelHost:
    """A bare main window with the real dock manager and canvas scene, for installing one
    panel at a time without the rest of the application."""

    def __new__(cls, session):
        from PySide6.QtWidgets import QMainWindow

        from graphviz_app.canvas.scene import GraphScene
        from graphviz_app.docks import DockManager

        class Host(QMainWindow):
            def add_panel(self, widget, title, name, area="right"):
                from graphviz_app.docks import AREAS
                if not isinstance(area, str):
                    area = next(k for k, v in AREAS.items() if v == area)
                return self.dock_manager.add(widget, title, name, area)

        win = Host()
        win.session = session
        win.dock_manager = DockManager(win)
        win.scene = GraphScene(session, parent=win)
        return win
