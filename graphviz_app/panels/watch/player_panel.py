"""The player's controls: a toolbar (step, back, play/pause, speed, run forward/backward, reset)
and a dock showing the current step: phase, node, a larger picture of its value or gradient,
and the full text of its formulas with numbers."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QPixmap
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QMainWindow, QPlainTextEdit,
                               QPushButton, QSlider, QToolBar, QVBoxLayout, QWidget)

from engine.inspect.step_arrays import ArrayPair

from ...player.player import Player
from ...player.value_render import cell_at, render
from .array_view import array_label, open_array_window
from ...i18n import translate

SPEEDS = (0.5, 1, 2, 4, 8, 15, 30)   # steps per second, one per slider notch


class PlayerToolBar(QToolBar):
    """Buttons and shortcuts for the player, and a label with the phase and current node."""

    def __init__(self, player: Player, parent: QWidget | None = None) -> None:
        super().__init__(translate("PlayerPanel", "Player"), parent)
        self.setObjectName("player_toolbar")
        self.player = player
        self.actions_by_name: dict[str, QAction] = {}
        self._tips: list[tuple[QAction, str, str]] = []      # action, English tip, shortcut
        self._add("back", QT_TRANSLATE_NOOP("PlayerPanel", "◀ Back"),
                  QT_TRANSLATE_NOOP("PlayerPanel", "Step back one node (nothing is recomputed)"),
                  [QKeySequence("Shift+F10")], player.step_back)
        self._add("step", QT_TRANSLATE_NOOP("PlayerPanel", "Step ▶"),
                  QT_TRANSLATE_NOOP("PlayerPanel", "Compute the next node (forward, then backward)"),
                  [QKeySequence("F10")], player.step_forward)
        self._add("play", QT_TRANSLATE_NOOP("PlayerPanel", "Play"),
                  QT_TRANSLATE_NOOP("PlayerPanel",
                                    "Play: one node per tick at the chosen speed (F5 pauses)"),
                  [QKeySequence("F5")], player.toggle_play)
        self.addSeparator()
        self._add("forward", QT_TRANSLATE_NOOP("PlayerPanel", "Run forward"),
                  QT_TRANSLATE_NOOP("PlayerPanel", "Run to the end of the forward pass"),
                  [QKeySequence("Ctrl+F10")], player.run_forward)
        self._add("backward", QT_TRANSLATE_NOOP("PlayerPanel", "Run backward"),
                  QT_TRANSLATE_NOOP("PlayerPanel", "Run to the end of the backward pass"),
                  [QKeySequence("Ctrl+Shift+F10")], player.run_backward)
        self._add("reset", QT_TRANSLATE_NOOP("PlayerPanel", "Reset"),
                  QT_TRANSLATE_NOOP("PlayerPanel",
                                    "Forget every step and clear the values on the canvas"),
                  [QKeySequence("Shift+F5")], player.reset)
        self.addSeparator()
        self.addWidget(QLabel(translate("PlayerPanel", " Speed ")))
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setValue(SPEEDS.index(4))
        self.speed.setFixedWidth(90)
        self.speed.setToolTip(translate("PlayerPanel", "Steps per second while playing"))
        self.speed.valueChanged.connect(lambda i: player.set_speed(SPEEDS[i]))
        self.addWidget(self.speed)
        self.speed_label = QLabel()
        self.speed_label.setMinimumWidth(44)
        self.addWidget(self.speed_label)
        self.addSeparator()
        self.status = QLabel()
        self.status.setObjectName("player_status")
        self.status.setMinimumWidth(260)
        self.addWidget(self.status)
        player.state_changed.connect(self.update_state)
        self.update_state()

    def _add(self, name: str, text: str, tip: str, keys: list[QKeySequence], slot) -> QAction:
        act = QAction(translate("PlayerPanel", text), self)
        act.setShortcuts(keys)
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        shortcut = keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""
        self._tips.append((act, tip, shortcut))
        self._tip(act, tip, shortcut)
        act.triggered.connect(lambda checked=False: slot())
        self.addAction(act)
        self.actions_by_name[name] = act
        return act

    @staticmethod
    def _tip(act: QAction, tip: str, shortcut: str) -> None:
        tip = translate("PlayerPanel", tip)
        act.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            for act, tip, shortcut in self._tips:
                self._tip(act, tip, shortcut)
            self.update_state()
        super().changeEvent(event)

    def update_state(self) -> None:
        p = self.player
        self.actions_by_name["play"].setText(translate("PlayerPanel", "Pause") if p.playing else
                                             translate("PlayerPanel", "Play"))
        self.speed_label.setText(f"{p.speed:g}/s")
        self.status.setText(p.status_text())
        at_start = p.cursor == 0
        self.actions_by_name["back"].setEnabled(not at_start)


class ArrayPicker(QWidget):
    """A list of a node's arrays (value, weights, cache) and a button that opens the chosen
    one beside its gradient."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.node_name = ""
        self.pairs: list[ArrayPair] = []
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(12)
        self.combo.setToolTip(translate(
            "PlayerPanel", "The node's value, weights and cached arrays; after the backward pass "
            "each opens beside its gradient"))
        self.button = QPushButton(translate("PlayerPanel", "Open"))
        self.button.setToolTip(translate(
            "PlayerPanel", "Open the chosen array (and its gradient) as a table or a heatmap "
            "with values on hover"))
        self.button.clicked.connect(lambda: self.open_index(self.combo.currentIndex()))
        lay.addWidget(QLabel(translate("PlayerPanel", "Arrays")))
        lay.addWidget(self.combo, 1)
        lay.addWidget(self.button)

    def set_pairs(self, node_name: str, pairs: list[ArrayPair]) -> None:
        keep = self.combo.currentIndex()
        same = [p.key for p in pairs] == [p.key for p in self.pairs] and node_name == self.node_name
        self.node_name, self.pairs = node_name, pairs
        self.combo.blockSignals(True)
        self.combo.clear()
        for p in pairs:
            self.combo.addItem(array_label(p))
        self.combo.setCurrentIndex(keep if same and 0 <= keep < len(pairs) else 0)
        self.combo.blockSignals(False)
        self.setEnabled(bool(pairs))

    def open_index(self, index: int) -> QWidget | None:
        """Open pair ``index`` in its own window (owned by the main window, freed when it
        closes); return the window."""
        if not 0 <= index < len(self.pairs):
            return None
        return open_array_window(self.window(), self.node_name, self.pairs[index])


class PlayerPanel(QWidget):
    """Dock content: what the current step computed, as a picture and as formulas, and the
    node's arrays to open beside their gradients."""

    # node id and the index of the value entry under the mouse on the picture (None: left it)
    value_hovered = Signal(str, object)

    def __init__(self, player: Player, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = player
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        f = self.heading.font()
        f.setBold(True)
        self.heading.setFont(f)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumHeight(90)
        self.picture.setWordWrap(True)   # its words wrap in a narrow dock
        self.picture.setMouseTracking(True)
        self.picture.installEventFilter(self)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFont(QFont("monospace", 9))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.arrays = ArrayPicker(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.picture)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.arrays)
        player.state_changed.connect(self.update_state)
        player.session.selection_changed.connect(lambda _ids: self._update_arrays(player.current))
        self.update_state()

    def update_state(self) -> None:
        p = self.player
        rec = p.current
        self.heading.setText(p.status_text())
        self._update_arrays(rec)
        if rec is None:
            self.picture.clear()
            self.picture.setText(translate(
                "PlayerPanel", "Step (F10) to compute the first node.\nValues show in "
                "blue–green–yellow, gradients in magenta–orange."))
            self.text.setPlainText("")
            return
        done = p.phase == "done"
        self.picture.setVisible(not done)     # the words need the room once it is finished
        if done:
            self.picture.clear()
            self.text.setPlainText(p.finished_text())
            return
        kind = "grad" if rec.phase == "backward" else "value"
        r = render(rec.value, kind, size=(240, 110))
        if r.image is not None:
            self.picture.setPixmap(QPixmap.fromImage(r.image))
        else:
            self.picture.setText(f"<span style='font-size:20pt;color:{r.color.name()}'>"
                                 f"{r.text}</span>")
        self.text.setPlainText(p.current_detail())

    def _update_arrays(self, rec) -> None:
        """The arrays of the current node; once the passes are finished, of the selected node
        (else of the last node stepped)."""
        session = self.player.session
        nid = rec.node if rec is not None else None
        chosen = session.selected()
        if self.player.phase == "done" and len(chosen) == 1 and self.player.arrays_of(chosen[0]):
            nid = chosen[0]
        node = session.graph.nodes.get(nid) if nid is not None else None
        if node is None:
            self.arrays.set_pairs("", [])
            return
        self.arrays.set_pairs(node.name, self.player.arrays_of(nid))

    def mouseDoubleClickEvent(self, event) -> None:
        """Double-click the picture: open the current node's value beside its gradient."""
        if self.picture.geometry().contains(event.position().toPoint()) and self.arrays.pairs:
            self.arrays.open_index(0)
            return
        super().mouseDoubleClickEvent(event)


    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        """Report which entry of the current value (or gradient) the mouse is over."""
        if obj is self.picture and event.type() in (QEvent.Type.MouseMove, QEvent.Type.Leave):
            rec = self.player.current
            pix = self.picture.pixmap()
            cell = None
            if (event.type() == QEvent.Type.MouseMove and rec is not None and
                    pix is not None and not pix.isNull()):
                x0 = (self.picture.width() - pix.width()) / 2
                y0 = (self.picture.height() - pix.height()) / 2
                pos = event.position()
                cell = cell_at(rec.value.shape, (pos.x() - x0) / pix.width(),
                               (pos.y() - y0) / pix.height())
            if rec is not None:
                self.value_hovered.emit(rec.node, cell)
        return super().eventFilter(obj, event)


def add_dock(main_window, widget: QWidget, title: str, area: Qt.DockWidgetArea, name: str):
    """Add ``widget`` as a panel of ``main_window`` (tabbed into ``area``, listed in View)."""
    return main_window.add_panel(widget, title, name, area)


def install(main_window: QMainWindow, session) -> Player:
    """Add the player toolbar (top) and the 'Step details' dock (right) to ``main_window``."""
    player = Player(session, lambda: main_window.scene, parent=main_window)
    bar = PlayerToolBar(player, main_window)
    main_window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    panel = PlayerPanel(player)
    dock = add_dock(main_window, panel, QT_TRANSLATE_NOOP("Panels", "Step details"),
                    Qt.DockWidgetArea.RightDockWidgetArea, "player_dock")
    player.toolbar, player.dock, player.panel = bar, dock, panel
    return player


__all__ = ["PlayerToolBar", "PlayerPanel", "install", "add_dock", "SPEEDS"]
