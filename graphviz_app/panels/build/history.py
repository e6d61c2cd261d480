"""The undo history: every edit of the session, clickable to go back and forth."""
from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QUndoView, QWidget

from ...i18n import translate
from ...session import Session


class HistoryPanel(QUndoView):
    """A QUndoView on the session's stack; disabled while training locks the session."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session.undo_stack, parent)
        self.setObjectName("history")
        self.retranslate()
        session.locked_changed.connect(lambda locked: self.setEnabled(not locked))

    def retranslate(self) -> None:
        self.setEmptyLabel(translate("History", "<opened>"))
        self.setToolTip(translate(
            "History", "Click an entry to go back to that point; click a later one to redo."))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
