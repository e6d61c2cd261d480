"""Files: new, open, save, save as, recent files, examples, and autosave recovery.

Dialogs go through replaceable hooks (``ask_open_path``, ``ask_save_path``, ``ask_unsaved``,
``ask_recover``, ``show_error``) so tests can answer them without a display.

Recovery: at most ``AUTOSAVE_MS`` after an edit leaves the session unsaved, the graph is
written to ``recovery.gvz`` in the app-data folder (see :mod:`graphviz_app.editor.recovery`:
the structure is taken on the GUI thread, the archive is written atomically by a worker). The
file remembers the file (or example) the graph belongs to. A clean save, New, Open or a normal
exit removes it; if it is still there at the next start, the user is offered to recover it,
named as the file it belongs to.
"""
from __future__ import annotations

import os
import time
from typing import Callable

from PySide6.QtCore import QObject, QSettings, QStandardPaths, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from engine import Graph

from ..session import Session
from .recovery import RecoveryWriter, origin_of, snapshot
from ..i18n import error_text, translate

AUTOSAVE_MS = 700       # the recovery file is written within this (plus the write) of an edit
MAX_RECENT = 10
FILE_FILTER = "Graphs (*.gvz *.json);;All files (*)"
DATA_ENV = "GRAPHVIZ_APP_DATA"


def data_dir() -> str:
    """Where the recovery file lives (override with $GRAPHVIZ_APP_DATA)."""
    path = os.environ.get(DATA_ENV) or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation) or os.path.expanduser("~/.graphviz-app")
    os.makedirs(path, exist_ok=True)
    return path


class FileController(QObject):
    """Opens and saves the session's graph; keeps the recent list and the recovery file."""

    recent_changed = Signal(list)

    def __init__(self, session: Session, settings: QSettings, parent: QWidget | None = None,
                 recovery_dir: str | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.widget = parent
        self.recovery_path = os.path.join(recovery_dir or data_dir(), "recovery.gvz")
        self.ask_open_path: Callable[[], str | None] = self._dialog_open
        self.ask_save_path: Callable[[], str | None] = self._dialog_save
        self.ask_unsaved: Callable[[str], str] = self._dialog_unsaved
        self.ask_recover: Callable[[str], bool] = self._dialog_recover   # gets what it was
        self.show_error: Callable[[str, str], None] = self._dialog_error
        self.writer = RecoveryWriter(self.recovery_path, self)
        self.writer.failed.connect(lambda why: self.session.report(f"Autosave failed: {why}"))
        self.timer = QTimer(self)           # started by an edit, fires once
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(lambda: self.autosave(wait=False))
        session.graph_changed.connect(lambda _event: self.schedule())
        session.dirty_changed.connect(lambda _dirty: self.schedule())

    # -- commands -------------------------------------------------------------------------------
    def new(self) -> bool:
        if not self.maybe_save():
            return False
        self.session.replace_graph(Graph())
        self.remove_recovery()
        return True

    def open(self, path: str | None = None) -> bool:
        """Open ``path`` (ask when None). A bad file leaves the current graph untouched."""
        if not self.maybe_save():
            return False
        path = path or self.ask_open_path()
        if not path:
            return False
        return self.load_path(path)

    def load_path(self, path: str) -> bool:
        """Load without asking about unsaved changes (used by open and at start)."""
        from engine import serialize
        try:
            graph = serialize.load(path)
        except (ValueError, OSError) as e:  # FileFormatError is a ValueError
            why = open_reason(e, path)
            self.show_error("Cannot open file", translate(
                "Files", "{name} could not be opened:\n{why}\n\nThe graph you had open is "
                "unchanged.").format(name=os.path.basename(path) or path, why=why))
            self.session.report(translate("Files", "Could not open {path}: {why}").format(
                path=path, why=why))
            if isinstance(e, FileNotFoundError) and os.path.abspath(path) in self.recent_files():
                self.remove_recent(os.path.abspath(path))
            return False
        name, dataset = example_data(graph)
        try:
            dataset = serialize.load_dataset(path) or dataset    # data saved with the graph
        except (ValueError, OSError) as e:
            self.session.message.emit(f"{os.path.basename(path)}: its data could not be read "
                                      f"({error_text(e)}); the graph opened without it")
        self.session.replace_graph(graph, os.path.abspath(path), dataset=dataset, example_name=name)
        self.add_recent(os.path.abspath(path))
        self.remove_recovery()
        self.session.message.emit(f"Opened {path}")
        return True

    def open_example(self, name: str) -> bool:
        """Replace the graph by the engine example ``name`` (with its dataset)."""
        if not self.maybe_save():
            return False
        from engine import examples
        try:
            graph, dataset, info = examples.EXAMPLES[name][2]()
        except Exception as e:  # an example that fails to build must not take the app down
            self.show_error("Cannot open example", f"{name}: {e}")
            return False
        graph.meta.setdefault("example", name)   # saved with the file: its data comes back too
        self.session.replace_graph(graph, None, dataset=dataset, example_name=name)
        self.session.message.emit(f"Example: {info.get('title', name) if isinstance(info, dict) else name}")
        return True

    def save(self) -> bool:
        if not self.session.path or not self.session.path.endswith((".gvz", ".json")):
            return self.save_as()
        return self.save_to(self.session.path)

    def save_as(self, path: str | None = None) -> bool:
        path = path or self.ask_save_path()
        if not path:
            return False
        if os.path.isdir(path) or path.endswith(("/", os.sep)):
            self.show_error("Cannot save", f"{path} is a folder; choose a file name inside it "
                            "(Save As…). Nothing was written; your graph is still open.")
            return False
        if not path.endswith((".gvz", ".json")):
            path += ".gvz"
        return self.save_to(path)

    def save_to(self, path: str) -> bool:
        """Write the graph to ``path``, then read it back: a file that cannot be reopened is
        reported (and the graph stays unsaved) instead of being trusted."""
        from engine import serialize
        try:
            serialize.save(self.session.graph, path, dataset=self.session.dataset)
        except (ValueError, OSError) as e:
            self.show_error("Cannot save", f"{path} could not be written: {save_reason(e, path)}."
                            "\nNothing was lost: your graph is still open; choose another place "
                            "with Save As….")
            return False
        try:
            serialize.load(path)
        except (ValueError, OSError) as e:
            self.show_error("Saved file cannot be reopened",
                            f"{path} was written, but reading it back fails:\n{error_text(e)}"
                            "\n\nKeep this window open: your graph still counts as unsaved. "
                            "Change the part the message names, then save again.")
            return False
        self.session.set_path(os.path.abspath(path))
        self.session.mark_clean()
        self.add_recent(os.path.abspath(path))
        self.remove_recovery()
        self.session.message.emit(f"Saved {path}")
        return True

    def maybe_save(self) -> bool:
        """Before the graph is replaced or the app closes: True to go on, False to stay."""
        if not self.session.dirty:
            return True
        answer = self.ask_unsaved(self.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    def display_name(self) -> str:
        if self.session.path:
            return os.path.basename(self.session.path)
        if self.session.example_name:
            return self.session.example_name
        return "untitled"

    # -- recent files ---------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.settings.value("recent_files", [])
        if isinstance(value, str):
            value = [value]
        return [p for p in (value or []) if isinstance(p, str)]

    def add_recent(self, path: str) -> None:
        files = [path] + [p for p in self.recent_files() if p != path]
        self.settings.setValue("recent_files", files[:MAX_RECENT])
        self.recent_changed.emit(files[:MAX_RECENT])

    def remove_recent(self, path: str) -> None:
        files = [p for p in self.recent_files() if p != path]
        self.settings.setValue("recent_files", files)
        self.recent_changed.emit(files)

    def clear_recent(self) -> None:
        self.settings.setValue("recent_files", [])
        self.recent_changed.emit([])

    # -- autosave -------------------------------------------------------------------------------
    def schedule(self) -> None:
        """After an edit: write the recovery file soon (once per AUTOSAVE_MS however many
        edits come meanwhile, so it is never more than that behind)."""
        if self.session.dirty and not self.timer.isActive():
            self.timer.start()

    def autosave(self, wait: bool = True) -> bool:
        """Write the recovery file if there are unsaved changes: now (``wait``) or in the
        background. The snapshot is taken here, on the GUI thread, so later edits cannot mix
        into it."""
        if not self.session.dirty:
            return False
        try:
            data = snapshot(self.session.graph, self.session.path, self.session.example_name,
                            time.time(), self.session.dataset)
        except ValueError as e:
            self.session.report(f"Autosave failed: {e}")
            return False
        if wait:
            try:
                self.writer.write_now(data)
            except OSError as e:
                self.session.report(f"Autosave failed: {save_reason(e, self.recovery_path)}")
                return False
            return True
        self.writer.write_later(data)
        return True

    def remove_recovery(self) -> None:
        """Delete the recovery file; a background write still under way will not bring it
        back."""
        self.timer.stop()
        self.writer.discard()

    def has_recovery(self) -> bool:
        return os.path.exists(self.recovery_path)

    def offer_recovery(self) -> bool:
        """At start: if an autosave is left over, offer to load it, named as the file it
        belongs to; it comes back as that file, unsaved."""
        if not self.has_recovery():
            return False
        from engine import serialize
        try:
            graph = serialize.load(self.recovery_path)
        except (ValueError, OSError) as e:
            kept = self.recovery_path[:-4] + "-unreadable.gvz"
            try:
                os.replace(self.recovery_path, kept)   # keep it for a later look, out of the way
                where = f"It was kept as {kept}."
            except OSError:
                where = f"It is still at {self.recovery_path}."
            self.show_error("Cannot recover", f"The autosaved graph could not be read:\n"
                            f"{error_text(e)}\n\n"
                            f"{where} The app starts with an empty graph.")
            return False
        origin = origin_of(graph)
        if not self.ask_recover(origin.describe()):
            self.remove_recovery()
            return False
        name, dataset = example_data(graph)
        try:
            dataset = serialize.load_dataset(self.recovery_path) or dataset
        except (ValueError, OSError):
            pass       # the graph is what matters; its data was only a convenience
        self.session.replace_graph(graph, origin.path, dataset=dataset, example_name=name)
        self.session.mark_dirty()
        self.session.report(f"Recovered the unsaved changes to {origin.name}; save to keep them")
        return True

    # -- default dialogs ------------------------------------------------------------------------
    def _dialog_open(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.widget, "Open graph", self._last_dir(), FILE_FILTER)
        return path or None

    def _dialog_save(self) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.widget, "Save graph as", self._last_dir(), FILE_FILTER)
        return path or None

    def _last_dir(self) -> str:
        recent = self.recent_files()
        return os.path.dirname(recent[0]) if recent else os.path.expanduser("~")

    def _dialog_unsaved(self, name: str) -> str:
        box = QMessageBox.question(
            self.widget, translate("Files", "Unsaved changes"), f"Save the changes to {name}?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        return {QMessageBox.StandardButton.Save: "save",
                QMessageBox.StandardButton.Discard: "discard"}.get(box, "cancel")

    def _dialog_recover(self, what: str) -> bool:
        box = QMessageBox.question(
            self.widget, translate("Files", "Recover unsaved work"),
            f"The app did not close normally last time. Recover the unsaved changes to {what}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return box == QMessageBox.StandardButton.Yes

    def _dialog_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.widget, title, text)


def example_data(graph) -> tuple[str | None, object]:
    """(example name, its generated dataset) for a graph saved from an example, else (None,
    None). Example data is generated with a fixed seed, so it is the same data as before."""
    from engine import examples
    name = graph.meta.get("example") if isinstance(graph.meta, dict) else None
    if not isinstance(name, str) or name not in examples.EXAMPLES:
        return None, None
    try:
        return name, examples.EXAMPLES[name][2]()[1]
    except Exception:  # noqa: BLE001 - a file still opens when its example data cannot be made
        return None, None


def save_reason(e: Exception, path: str) -> str:
    """Why writing ``path`` failed, in words that point at the fix."""
    folder = os.path.dirname(os.path.abspath(path))
    if isinstance(e, IsADirectoryError) or os.path.isdir(path):
        return "that name is a folder; choose a file name"
    if not os.path.isdir(folder):
        return f"the folder {folder} does not exist"
    if isinstance(e, PermissionError):
        return f"there is no permission to write in {folder}"
    if isinstance(e, OSError):
        return f"{folder} does not accept new files ({e.strerror or e})"
    return error_text(e)


def open_reason(e: Exception, path: str) -> str:
    """Why reading ``path`` failed, in words that point at the fix."""
    if isinstance(e, FileNotFoundError):
        return translate("Files", "there is no such file (it may have been moved or deleted)")
    if isinstance(e, IsADirectoryError) or os.path.isdir(path):
        return translate("Files", "that is a folder; choose a graph file (.gvz or .json) inside it")
    if isinstance(e, PermissionError):
        return translate("Files", "there is no permission to read it")
    if isinstance(e, OSError):
        return e.strerror or str(e)
    return error_text(e)
