"""The session: one QObject that owns the engine graph, the undo stack, the file path and the
dirty state, and re-emits the engine's events as Qt signals.

Views listen to the signals and never change the model themselves; every user edit is a
command (:mod:`graphviz_app.editor.commands`) pushed through :meth:`Session.push`.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from engine import Graph, GraphEvent
from engine.inspect.data_view import SplitChoice

from .i18n import again, remaker, render, said, translate


MAX_LOG = 1000


@dataclass(frozen=True)
class LoggedMessage:
    """One message shown to the user: when (``time.time()``), what, and the node it concerns."""

    time: float
    text: str
    node: str | None = None
    remake: Callable[[], str] | None = None   # the text made again in the current language

    def now(self) -> str:
        """The text in the current language (as it was said, if it cannot be made again)."""
        return said(self.remake) if self.remake is not None else again(self.text)


class Session(QObject):
    """Owns the model; the single source of truth every view derives from."""

    graph_changed = Signal(object)     # engine GraphEvent
    graph_replaced = Signal()          # a new Graph object: views rebuild
    selection_changed = Signal(list)   # node ids
    dirty_changed = Signal(bool)
    path_changed = Signal(str)         # "" when the graph has no file
    message = Signal(str)              # status-bar text (refusal reasons, results)
    logged = Signal(object)            # LoggedMessage: every message, with its node if any
    refused = Signal(str)              # an edit was refused, for this reason
    locked_changed = Signal(bool)
    dataset_changed = Signal()         # session.dataset was replaced (or edited in place)
    split_changed = Signal()           # session.split (how training splits the data) changed

    def __init__(self, graph: Graph | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.graph: Graph = graph if graph is not None else Graph()
        self.undo_stack = QUndoStack(self)
        self.path: str | None = None
        self.dataset: Any = None           # engine.training.Dataset or None
        self.example_name: str | None = None
        self.split = SplitChoice()         # the Training dock's split, for views of the data
        self._locked = False
        self._selected: list[str] = []
        self._node_of_message: str | None = None
        self.last_refusal = ""             # the reason the last refused edit was refused
        self.log: list[LoggedMessage] = []  # the last MAX_LOG messages, oldest first
        self.graph.subscribe(self._on_event)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self.message.connect(self._log)

    # -- messages -------------------------------------------------------------------------------
    def report(self, text: str, node: str | None = None) -> None:
        """Tell the user ``text`` (status bar and Messages panel); ``node`` is the id of the
        node it concerns, if any. ``message.emit(text)`` still works and logs without a node.
        An engine message (:class:`engine.messages.Msg`) is said in the user's language."""
        self._node_of_message = node
        try:
            self.message.emit(render(text))
        finally:
            self._node_of_message = None

    def _log(self, text: str) -> None:
        entry = LoggedMessage(time.time(), text, self._node_of_message, remaker(text))
        self.log.append(entry)
        del self.log[:-MAX_LOG]
        self.logged.emit(entry)

    def _on_clean_changed(self, clean: bool) -> None:
        self.dirty_changed.emit(not clean)

    # -- model events ---------------------------------------------------------------------------
    def _on_event(self, event: GraphEvent) -> None:
        self.graph_changed.emit(event)
        if event.kind in ("node_removed", "cleared") and self._selected:
            keep = [n for n in self._selected if n in self.graph.nodes]
            if keep != self._selected:
                self._selected = keep
                self.selection_changed.emit(list(keep))

    def replace_graph(self, graph: Graph, path: str | None = None, *, dataset: Any = None,
                      example_name: str | None = None) -> None:
        """Install a new Graph (opened, new, example): clears undo history and selection."""
        self.graph.unsubscribe(self._on_event)
        self.graph = graph
        self.graph.subscribe(self._on_event)
        self.dataset = dataset
        self.example_name = example_name
        self._selected = []
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.set_path(path)
        self.graph_replaced.emit()
        self.dataset_changed.emit()
        self.selection_changed.emit([])
        self.dirty_changed.emit(False)

    def set_dataset(self, dataset: Any) -> None:
        """Make ``dataset`` (an engine.training.Dataset or None) the session's data."""
        self.dataset = dataset
        self.dataset_changed.emit()

    def set_split(self, split: SplitChoice) -> None:
        """Say how training will split the data (the Training dock calls this)."""
        if split != self.split:
            self.split = split
            self.split_changed.emit()

    # -- file state -----------------------------------------------------------------------------
    def set_path(self, path: str | None) -> None:
        self.path = path
        self.path_changed.emit(path or "")

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    def mark_clean(self) -> None:
        self.undo_stack.setClean()

    def mark_dirty(self) -> None:
        """Force the unsaved mark (e.g. after recovering an autosave)."""
        self.undo_stack.resetClean()

    # -- lock (training) ------------------------------------------------------------------------
    @property
    def locked(self) -> bool:
        return self._locked

    def set_locked(self, locked: bool) -> None:
        """While locked (training runs), edits of structure and parameters are refused."""
        locked = bool(locked)
        if locked != self._locked:
            self._locked = locked
            self.locked_changed.emit(locked)

    # -- selection ------------------------------------------------------------------------------
    def selected(self) -> list[str]:
        return list(self._selected)

    def select(self, ids: list[str]) -> None:
        ids = [i for i in dict.fromkeys(ids) if i in self.graph.nodes]
        if ids != self._selected:
            self._selected = ids
            self.selection_changed.emit(list(ids))

    # -- edits ----------------------------------------------------------------------------------
    def push(self, command: QUndoCommand) -> bool:
        """Run ``command`` and put it on the undo stack, unless it is refused.

        A command may define ``check() -> str | None`` (a reason to refuse) and
        ``edits_model`` (False for view-only edits such as moves, allowed while locked); plain
        QUndoCommands (loading weights, installing data) have neither and edit the model.
        """
        if self._locked and getattr(command, "edits_model", True):
            self._refuse(translate("Session", "{edit}: not while training runs; stop training "
                                   "first").format(edit=command.text()))
            return False
        check = getattr(command, "check", None)
        reason = check() if check is not None else None
        if reason:
            self._refuse(reason)
            return False
        self.undo_stack.push(command)
        return True

    def _refuse(self, reason: str) -> None:
        reason = render(reason)
        self.last_refusal = reason
        self.report(reason)
        self.refused.emit(reason)

    def undo(self) -> None:
        if self._refuse_history("undo"):
            return
        self.undo_stack.undo()

    def redo(self) -> None:
        if self._refuse_history("redo"):
            return
        self.undo_stack.redo()

    def _refuse_history(self, what: str) -> bool:
        if self._locked:
            text = translate("Session", "cannot undo while training runs; stop training first") \
                if what == "undo" else \
                translate("Session", "cannot redo while training runs; stop training first")
            self._refuse(text)
        return self._locked
