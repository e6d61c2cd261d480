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

from engine import Graph, guides

from ..session import Session
from .recovery import RecoveryWriter, origin_of, snapshot
from ..i18n import ENGLISH, current, error_text, said, translate

AUTOSAVE_MS = 700       # the recovery file is written within this (plus the write) of an edit
MAX_RECENT = 10
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
        self.writer.failed.connect(lambda why: self.session.report(_autosave_failed(why)))
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
            self.show_error(translate("Files", "Cannot open file"), translate(
                "Files", "{file} could not be opened:\n{why}\n\nThe graph you had open is "
                "unchanged.").format(file=os.path.basename(path) or path, why=why))
            self.session.report(translate("Files", "Could not open {path}: {why}").format(
                path=path, why=why))
            if isinstance(e, FileNotFoundError) and os.path.abspath(path) in self.recent_files():
                self.remove_recent(os.path.abspath(path))
            return False
        name, dataset = example_data(graph)
        try:
            dataset = serialize.load_dataset(path) or dataset    # data saved with the graph
        except (ValueError, OSError) as e:
            self.session.message.emit(translate(
                "Files", "{file}: its data could not be read ({why}); the graph opened without "
                "it").format(file=os.path.basename(path), why=error_text(e)))
        self.session.replace_graph(graph, os.path.abspath(path), dataset=dataset, example_name=name)
        self.add_recent(os.path.abspath(path))
        self.remove_recovery()
        self.session.message.emit(translate("Files", "Opened {path}").format(path=path))
        return True

    def open_example(self, name: str) -> bool:
        """Replace the graph by the example ``name``, opened from its shipped file (with its
        data)."""
        if not self.maybe_save():
            return False
        from engine import examples
        try:
            graph, dataset, info = examples.open_example(name)
        except Exception as e:  # an example that fails to open must not take the app down
            self.show_error(translate("Files", "Cannot open example"), f"{name}: {error_text(e)}")
            return False
        graph.meta.setdefault("example", name)   # saved with the file: its data comes back too
        self.session.replace_graph(graph, None, dataset=dataset, example_name=name)
        english_title = info.get("title", name) if isinstance(info, dict) else name

        def opened() -> str:     # in the language of the moment (again when it changes)
            title = english_title
            if current() != ENGLISH:
                try:
                    guide = guides.load(name, current())
                except guides.GuideError:      # a broken translation: the English title will do
                    guide = None
                title = guide.title if guide is not None else title
            return translate("Files", "Example: {title}").format(title=title)
        self.session.message.emit(said(opened))
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
            self.show_error(translate("Files", "Cannot save"), translate(
                "Files", "{path} is a folder; choose a file name inside it (Save As…). Nothing "
                "was written; your graph is still open.").format(path=path))
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
            self.show_error(translate("Files", "Cannot save"), translate(
                "Files", "{path} could not be written: {why}.\nNothing was lost: your graph is "
                "still open; choose another place with Save As….").format(
                path=path, why=save_reason(e, path)))
            return False
        try:
            serialize.load(path)
        except (ValueError, OSError) as e:
            self.show_error(translate("Files", "Saved file cannot be reopened"), translate(
                "Files", "{path} was written, but reading it back fails:\n{why}\n\nKeep this "
                "window open: your graph still counts as unsaved. Change the part the message "
                "names, then save again.").format(path=path, why=error_text(e)))
            return False
        self.session.set_path(os.path.abspath(path))
        self.session.mark_clean()
        self.add_recent(os.path.abspath(path))
        self.remove_recovery()
        self.session.message.emit(translate("Files", "Saved {path}").format(path=path))
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
        return translate("Files", "untitled")

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
            self.session.report(_autosave_failed(error_text(e)))
            return False
        if wait:
            try:
                self.writer.write_now(data)
            except OSError as e:
                self.session.report(_autosave_failed(save_reason(e, self.recovery_path)))
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
                where = translate("Files", "It was kept as {path}.").format(path=kept)
            except OSError:
                where = translate("Files", "It is still at {path}.").format(
                    path=self.recovery_path)
            self.show_error(translate("Files", "Cannot recover"), translate(
                "Files", "The autosaved graph could not be read:\n{why}\n\n{where} The app "
                "starts with an empty graph.").format(why=error_text(e), where=where))
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
        self.session.report(translate("Files", "Recovered the unsaved changes to {name}; save to "
                                      "keep them").format(name=origin.name))
        return True

    # -- default dialogs ------------------------------------------------------------------------
    def _dialog_open(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.widget, translate("Files", "Open graph"),
                                              self._last_dir(), _file_filter())
        return path or None

    def _dialog_save(self) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.widget, translate("Files", "Save graph as"),
                                              self._last_dir(), _file_filter())
        return path or None

    def _last_dir(self) -> str:
        recent = self.recent_files()
        return os.path.dirname(recent[0]) if recent else os.path.expanduser("~")

    def _dialog_unsaved(self, name: str) -> str:
        box = QMessageBox.question(
            self.widget, translate("Files", "Unsaved changes"),
            translate("Files", "Save the changes to {name}?").format(name=name),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        return {QMessageBox.StandardButton.Save: "save",
                QMessageBox.StandardButton.Discard: "discard"}.get(box, "cancel")

    def _dialog_recover(self, what: str) -> bool:
        box = QMessageBox.question(
            self.widget, translate("Files", "Recover unsaved work"),
            translate("Files", "The app did not close normally last time. Recover the unsaved "
                      "changes to {what}?").format(what=what),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        return box == QMessageBox.StandardButton.Yes

    def _dialog_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.widget, title, text)


def example_data(graph) -> tuple[str | None, object]:
    """(example name, its shipped dataset) for a graph saved from an example, else (None,
    None)."""
    from engine import examples
    name = graph.meta.get("example") if isinstance(graph.meta, dict) else None
    if not isinstance(name, str) or name not in examples.EXAMPLES:
        return None, None
    try:
        return name, examples.example_dataset(name)
    except Exception:  # noqa: BLE001 - a file still opens when its example data cannot be made
        return None, None


def save_reason(e: Exception, path: str) -> str:
    """Why writing ``path`` failed, in words that point at the fix."""
    folder = os.path.dirname(os.path.abspath(path))
    if isinstance(e, IsADirectoryError) or os.path.isdir(path):
        return translate("Files", "that name is a folder; choose a file name")
    if not os.path.isdir(folder):
        return translate("Files", "the folder {folder} does not exist").format(folder=folder)
    if isinstance(e, PermissionError):
        return translate("Files", "there is no permission to write in {folder}").format(
            folder=folder)
    if isinstance(e, OSError):
        return translate("Files", "{folder} does not accept new files ({why})").format(
            folder=folder, why=e.strerror or e)
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


def _autosave_failed(why: str) -> str:
    return translate("Files", "Autosave failed: {why}").format(why=why)


def _file_filter() -> str:
    """The open/save dialogs' filter, named in the user's language (the patterns stay)."""
    return translate("Files", "Graphs (*.gvz *.json);;All files (*)")
