"""The welcome page: the examples by topic, each with a picture of its graph drawn by the
app's own canvas, and the recent files. It fills the centre of the window until a graph is
opened, and comes back with Help → Examples.

Pictures are drawn one per event-loop pass after the page is shown, so the window appears at
once and stays responsive while they come in.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from engine import guides
from engine.examples import EXAMPLES, example_graph

from . import i18n
from .canvas.scene import GraphScene
from .editor.editing import render_image
from .i18n import error_text, translate
from .session import Session

THUMB = QSize(200, 110)


def example_thumbnail(name: str, theme=None) -> QImage:
    """The example's graph (from its shipped file) as the canvas draws it, scaled to fit
    :data:`THUMB`."""
    graph = example_graph(name)
    session = Session(graph)
    scene = GraphScene(session, theme)
    image = render_image(scene, 1.0)
    scene.clear()
    return image.scaled(THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation)


def ordered_examples(language: str = guides.ENGLISH) -> list[tuple[str, str, str]]:
    """(topic, name, title) for every example, in the guides' order, in ``language`` where the
    guide is translated; examples without a guide come last under "More examples"."""
    found = guides.load_all(EXAMPLES, language)
    more = translate("Welcome", "More examples")
    rows = []
    for name, entry in EXAMPLES.items():
        g = found.get(name)
        rows.append((g.order if g else 10_000, g.topic if g else more, name,
                     g.title if g else entry[0]))
    rows.sort(key=lambda r: (r[0], r[2]))
    return [(topic, name, title) for _, topic, name, title in rows]


class WelcomePage(QWidget):
    """Examples by topic with pictures, and recent files; emits what the user picked."""

    example_chosen = Signal(str)
    file_chosen = Signal(str)
    new_chosen = Signal()

    def __init__(self, theme=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome_page")
        self.theme = theme
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 16, 24, 16)
        self.head = head = QLabel()
        head.setWordWrap(True)
        lay.addWidget(head)
        row = QHBoxLayout()
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_chosen)
        row.addWidget(self.new_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.examples_label = QLabel()
        lay.addWidget(self.examples_label)
        self.examples = QListWidget()
        self.examples.setObjectName("welcome_examples")
        self.examples.setViewMode(QListWidget.ViewMode.IconMode)
        self.examples.setIconSize(THUMB)
        self.examples.setGridSize(QSize(THUMB.width() + 24, THUMB.height() + 54))
        self.examples.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.examples.setMovement(QListWidget.Movement.Static)
        self.examples.setWordWrap(True)
        self.examples.itemActivated.connect(self._activated)
        self.examples.itemClicked.connect(self._activated)
        lay.addWidget(self.examples, 3)
        self.recent_label = QLabel()
        lay.addWidget(self.recent_label)
        self.recent = QListWidget()
        self.recent.setObjectName("welcome_recent")
        self.recent.setMaximumHeight(110)
        self.recent.itemActivated.connect(lambda it: self.file_chosen.emit(it.data(Qt.ItemDataRole.UserRole)))
        lay.addWidget(self.recent, 1)
        self.items: dict[str, QListWidgetItem] = {}
        self._pending: list[str] = []
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._draw_next)
        self._recent_paths: list[str] = []
        self._fill_examples()
        self.retranslate()

    def retranslate(self) -> None:
        """Every text again in the current language (the pictures stay)."""
        head = translate("Welcome", "See how a neural network computes and learns")
        self.head.setText(f"<h2>{head}</h2>" + translate(
            "Welcome", "Open an example below, or start a new graph and drag ops from the "
            "palette onto the canvas."))
        self.new_button.setText(translate("Welcome", "New graph"))
        self.examples_label.setText("<b>" + translate("Welcome", "Examples") + "</b>")
        self.recent_label.setText("<b>" + translate("Welcome", "Recent files") + "</b>")
        language = i18n.current()
        found = guides.load_all(EXAMPLES, language)
        for topic, name, title in ordered_examples(language):
            item = self.items[name]
            item.setText(f"{title}\n{topic}")
            g = found.get(name)
            item.setToolTip(guides.CONTROL.sub(r"\1", g.shows)
                            if g and language != guides.ENGLISH else EXAMPLES[name][1])
        self.set_recent(self._recent_paths)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fill_examples(self) -> None:
        blank = QPixmap(THUMB)
        blank.fill(Qt.GlobalColor.transparent)
        for _topic, name, _title in ordered_examples():
            item = QListWidgetItem(QIcon(blank), "")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.examples.addItem(item)
            self.items[name] = item
        self._pending = list(self.items)

    def set_recent(self, paths: list[str]) -> None:
        self._recent_paths = list(paths)
        self.recent.clear()
        for p in paths:
            it = QListWidgetItem(f"{os.path.basename(p)}    {os.path.dirname(p)}")
            it.setData(Qt.ItemDataRole.UserRole, p)
            self.recent.addItem(it)
        if not paths:
            self.recent.addItem(translate("Welcome", "No recent files yet."))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._pending:
            self._timer.start()

    def _draw_next(self) -> None:
        if not self._pending or not self.isVisible():
            self._timer.stop()
            return
        name = self._pending.pop(0)
        try:
            image = example_thumbnail(name, self.theme)
        except (OSError, ValueError) as e:  # a missing or damaged example file: no picture
            self.items[name].setToolTip(error_text(e))
            return
        self.items[name].setIcon(QIcon(QPixmap.fromImage(image)))

    def thumbnails_pending(self) -> int:
        return len(self._pending)

    def _activated(self, item: QListWidgetItem) -> None:
        name = item.data(Qt.ItemDataRole.UserRole)
        if name:
            self.example_chosen.emit(name)
