"""A plot widget that asks for little room.

pyqtgraph's PlotWidget hints 600×480; inside a dock's scroll area, a panel with word-wrapped
labels is laid out at its height for the dock's width, which adds those hints up and makes the
panel scroll. This one hints a small size and grows into whatever room the dock has.
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QSize


class Plot(pg.PlotWidget):
    """pg.PlotWidget with a small size hint (white background, no context menu)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("background", "w")
        super().__init__(*args, **kwargs)
        self.setMenuEnabled(False)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(280, 150)


__all__ = ["Plot"]
