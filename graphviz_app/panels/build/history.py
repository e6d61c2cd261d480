"""The undo history: every edit of the session, clickable to go back and forth."""
from __future__ import annotations

from PySide6.QtWidgets import QUndoView, QWidget

from ...session import Session


class HistoryPanel(QUndoView):
    """A QUndoView on the session's stack; disabled while training locks the session."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session.undo_stack, parent)
        self.setObjectName("history")
        self.setEmptyLabel("<opened>")
        self.setToolTip("Click an entry to go back to that point; click a later one to redo.")
        session.locked_changed.connect(lambda locked: self.setEnabled(not locked))
