"""A plot widget that asks for little room, and a tab page of a view over a note.

pyqtgraph's PlotWidget hints 600×480; inside a dock's scroll area, a panel with word-wrapped
labels is laid out at its height for the dock's width, which adds those hints up and makes the
panel scroll. This one hints a small size and grows into whatever room the dock has.
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class Plot(pg.PlotWidget):
    """pg.PlotWidget with a small size hint (white background, no context menu)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("background", "w")
        kwargs.setdefault("enableMenu", False)     # no view-box menu is built at all
        super().__init__(*args, **kwargs)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(280, 150)

    def set_title(self, text: str, size: str = "8pt", color: str = "#333") -> None:
        """setTitle, skipped when the title is already ``text`` (relaying out a title costs
        about a millisecond, too much for every live update)."""
        key = (text, size, color)
        if getattr(self, "_title_key", None) != key:
            self._title_key = key
            self.setTitle(text, size=size, color=color)


def note_page(view: QWidget, margin: int = 0) -> tuple[QWidget, QLabel]:
    """A tab page: ``view`` taking the room, over a word-wrapped note. Returns (page, note)."""
    note = QLabel()
    note.setWordWrap(True)
    page = QWidget()
    lay = QVBoxLayout(page)
    lay.setContentsMargins(margin, margin, margin, margin)
    lay.addWidget(view, 1)
    lay.addWidget(note)
    return page, note


__all__ = ["Plot", "note_page"]
