"""A window that shows one array beside its gradient: W next to dW, a node's value next to
dJ/d(value), or a cached array on its own.

Small arrays (at most 64 entries) are tables of numbers; larger ones are heatmaps whose
hover line names the entry under the pointer and its value. Values use the sequential map,
gradients the diverging one centred on 0, as on the canvas. The cells, indices and hover words
come from :mod:`engine.inspect.array_grid`; this module only draws them.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QStackedWidget, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from engine.inspect.array_grid import (Grid, color_levels, fmt_value, grid_of, hover_text,
                                       stats_text, use_table)
from engine.inspect.step_arrays import ArrayPair

from ...player.value_render import LUTS
from ...i18n import render, translate
from ..build.op_texts import op_text

pg.setConfigOptions(imageAxisOrder="row-major")

VALUE_ROLE = Qt.ItemDataRole.UserRole      # a table cell's exact number, as a float


def array_label(pair) -> str:
    """How a list names an :class:`engine.inspect.step_arrays.ArrayPair`, in the user's
    language: 'a[1] and dJ/da[1]', 'z[1] (cached)', 'W'."""
    if pair.grad is not None:
        return translate("ArrayView", "{value} and {gradient}").format(value=pair.name,
                                                                       gradient=pair.grad_name)
    if pair.key.startswith("cache:"):
        return translate("ArrayView", "{name} (cached)").format(name=pair.name)
    return pair.name


READ_NOTE = " (read by the backward step)"
CACHED_NOTE = "cached: "


def array_note(pair) -> str:
    """A pair's note in the user's language: 'cached: <the op's words> (read by the backward
    step)', 'the node's output', …"""
    note = pair.note
    read = note.endswith(READ_NOTE)
    note = note.removesuffix(READ_NOTE)
    cached = note.startswith(CACHED_NOTE)
    text = op_text(note.removeprefix(CACHED_NOTE))
    if cached:
        text = translate("ArrayView", "cached: {note}").format(note=text)
    return text + (translate("ArrayView", " (read by the backward step)") if read else "")


def _label(text: str = "", bold: bool = False) -> QLabel:
    lab = QLabel(text)
    lab.setWordWrap(True)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold:
        f = lab.font()
        f.setBold(True)
        lab.setFont(f)
    return lab


class ArraySlot(QWidget):
    """One array: its name, a statistics line, and a table or a heatmap with a hover line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = ""
        self.kind = "value"
        self.grid: Grid | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        self.title = _label(bold=True)
        self.stats = _label()
        self.stack = QStackedWidget()
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setDefaultSectionSize(64)
        self.table.verticalHeader().setDefaultSectionSize(20)
        self.plot = pg.PlotWidget(enableMenu=False)
        self.plot.invertY(True)
        self.plot.setAspectLocked(False)
        self.plot.getPlotItem().hideButtons()
        self.image = pg.ImageItem()
        self.plot.addItem(self.image)
        self.plot.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.plot)
        self.hover = _label(translate("ArrayView", "Hover a cell to read its value."))
        lay.addWidget(self.title)
        lay.addWidget(self.stats)
        lay.addWidget(self.stack, 1)
        lay.addWidget(self.hover)

    @property
    def is_table(self) -> bool:
        return self.stack.currentWidget() is self.table

    def set_array(self, name: str, array: np.ndarray, kind: str = "value",
                  layout: str = "") -> None:
        """Show ``array`` (any shape) under ``name``; ``kind`` 'value' or 'grad' picks the map;
        ``layout`` 'windows' unfolds a conv's cached windows into pictures."""
        a = np.asarray(array)
        self.name, self.kind = name, kind
        self.grid = grid_of(a, windows=layout == "windows")
        self.title.setText(name)
        self.stats.setText(render(stats_text(a)))
        lo, hi = color_levels(a, kind)
        if use_table(a):
            self._fill_table(self.grid, lo, hi)
            self.stack.setCurrentWidget(self.table)
            self.hover.setText(translate("ArrayView", "Each cell is one entry; hover it for its full index."))
        else:
            cells = np.nan_to_num(self.grid.cells, nan=0.0, posinf=hi, neginf=lo)
            self.image.setImage(cells, levels=(lo, hi), lut=LUTS[kind], autoLevels=False)
            r, c = cells.shape
            self.image.setRect(-0.5, -0.5, c, r)     # integer ticks at cell centres
            self.plot.setRange(xRange=(-0.5, c - 0.5), yRange=(-0.5, r - 0.5), padding=0)
            self.stack.setCurrentWidget(self.plot)
            layout = render(self.grid.layout)
            self.hover.setText(translate("ArrayView", "Hover a cell to read its value.") + (
                translate("ArrayView", " Layout: {layout}.").format(layout=layout) if layout
                else ""))

    def _fill_table(self, grid: Grid, lo: float, hi: float) -> None:
        t = self.table
        rows, cols = grid.cells.shape
        t.clear()
        t.setRowCount(rows)
        t.setColumnCount(cols)
        t.setVerticalHeaderLabels(grid.row_labels())
        t.setHorizontalHeaderLabels(grid.col_labels())
        lut = LUTS[self.kind]
        span = hi - lo
        for r in range(rows):
            for c in range(cols):
                v = grid.value(r, c)
                item = QTableWidgetItem(fmt_value(v))
                item.setData(VALUE_ROLE, v)
                item.setToolTip(hover_text(self.name, grid, r, c))
                level = 0.5 if not math.isfinite(v) or span <= 0 else (v - lo) / span
                rgb = lut[int(np.clip(level * 255 + 0.5, 0, 255))]
                item.setBackground(QBrush(QColor(int(rgb[0]), int(rgb[1]), int(rgb[2]))))
                dark = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] < 128
                item.setForeground(QBrush(QColor("white" if dark else "black")))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                t.setItem(r, c, item)
        t.resizeColumnsToContents()

    def cell_at(self, scene_pos: QPointF) -> tuple[int, int] | None:
        """The (row, column) of the heatmap cell under a scene position, or None outside."""
        if self.grid is None or self.is_table:
            return None
        p = self.image.mapFromScene(scene_pos)
        r, c = math.floor(p.y()), math.floor(p.x())
        rows, cols = self.grid.cells.shape
        return (r, c) if 0 <= r < rows and 0 <= c < cols else None

    def hover_at(self, row: int, col: int) -> str:
        """Show and return the hover line of cell (row, col)."""
        text = hover_text(self.name, self.grid, row, col)
        self.hover.setText(text)
        return text

    def _on_mouse_moved(self, pos: QPointF) -> None:
        cell = self.cell_at(pos)
        if cell is not None:
            self.hover_at(*cell)


class ArrayView(QWidget):
    """An array beside its gradient (the gradient slot hides when there is none)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        self.heading = _label(bold=True)
        self.note = _label()
        row = QHBoxLayout()
        self.value_slot = ArraySlot()
        self.grad_slot = ArraySlot()
        row.addWidget(self.value_slot, 1)
        row.addWidget(self.grad_slot, 1)
        lay.addWidget(self.heading)
        lay.addWidget(self.note)
        lay.addLayout(row, 1)

    def set_pair(self, node_name: str, pair: ArrayPair) -> None:
        self.heading.setText(f"{node_name}: {array_label(pair)}")
        self.note.setText(array_note(pair))
        self.note.setVisible(bool(pair.note))
        self.value_slot.set_array(pair.name, pair.array, "value", pair.layout)
        has_grad = pair.grad is not None
        self.grad_slot.setVisible(has_grad)
        if has_grad:
            self.grad_slot.set_array(pair.grad_name or "gradient", pair.grad, "grad")


class ArrayWindow(QWidget):
    """A separate window holding one :class:`ArrayView` (several may be open at once)."""

    def __init__(self, node_name: str, pair: ArrayPair, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(f"{node_name}: {array_label(pair)}")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.view = ArrayView(self)
        self.view.set_pair(node_name, pair)
        lay.addWidget(self.view)
        wide = pair.grad is not None
        self.resize(760 if wide else 420, 420)


def open_array_window(parent: QWidget, node_name: str, pair: ArrayPair) -> ArrayWindow:
    """Open (and return) a window showing ``pair``; it closes and frees itself."""
    win = ArrayWindow(node_name, pair, parent)
    win.show()
    win.raise_()
    return win


__all__ = ["ArraySlot", "ArrayView", "ArrayWindow", "open_array_window", "VALUE_ROLE"]
