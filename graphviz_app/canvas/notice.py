"""A refusal's reason over the canvas: white on dark red, wrapped to the view's width and kept
inside the viewport (never clipped by its edge), shown until the user's next action there."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QLabel, QWidget

MARGIN = 8
OFFSET = QPoint(14, 14)     # below right of the pointer, out from under it
MAX_WIDTH = 460
FILL, TEXT, BORDER = "#c62828", "#ffffff", "#7f1010"   # reads on light and dark canvases


class Notice(QLabel):
    """One line or a few of text, placed near a point of its parent (the view's viewport)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("canvas_notice")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet(f"QLabel#canvas_notice {{ background: {FILL}; color: {TEXT}; "
                           f"border: 1px solid {BORDER}; border-radius: 5px; padding: 5px 8px; }}")
        self._anchor = QPoint()
        self.hide()

    def show_at(self, text: str, point: QPoint) -> None:
        """Show ``text`` near ``point`` (parent coordinates), wholly inside the parent."""
        self.setText(text)
        self._anchor = QPoint(point)
        self.place()
        self.show()
        self.raise_()

    def place(self) -> None:
        """Size to the text within the parent's width, then clamp into the parent."""
        area: QRect = self.parentWidget().rect()
        width = max(60, min(MAX_WIDTH, area.width() - 2 * MARGIN))
        self.setFixedWidth(min(width, self.fontMetrics().horizontalAdvance(self.text()) + 24))
        self.setFixedHeight(self.heightForWidth(self.width()))
        top_left = self._anchor + OFFSET
        x = min(max(MARGIN, top_left.x()), area.width() - self.width() - MARGIN)
        y = top_left.y()
        if y + self.height() > area.height() - MARGIN:      # no room below: above the point
            y = self._anchor.y() - OFFSET.y() - self.height()
        y = min(max(MARGIN, y), area.height() - self.height() - MARGIN)
        self.move(max(0, x), max(0, y))

    def dismiss(self) -> None:
        self.hide()
