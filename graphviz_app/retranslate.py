"""After a language change: every widget, action, table header and plot label still showing a
text the app translated or composed shows it in the new language (see :mod:`graphviz_app.i18n`,
whose memory of shown and composed texts this reads). Views whose texts are built some other
way set them again in their own ``changeEvent``."""
from __future__ import annotations

import pyqtgraph as pg
import shiboken6
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QGroupBox, QLabel,
                               QLineEdit, QListWidget, QMenu, QStatusBar, QTableWidget, QTabWidget,
                               QTreeWidget, QWidget)

from .i18n import STATUS_MS, _again

MAX_CELLS = 4000
"""A table's cells looked at (the Messages table, which can be longer, re-makes its own)."""


def retranslate_widgets() -> None:
    """Give every widget and action still showing a text that :func:`translate` returned (a
    label, button, tab, group box, placeholder, tooltip, menu entry, status bar message) or that
    :func:`said` made the current language's text, and every combo box item. Other texts made
    with ``.format`` are not found here; their views set them again."""
    app = QApplication.instance()
    if app is None:
        return
    widgets = [w for w in app.allWidgets() if shiboken6.isValid(w)]
    actions = {id(a): a for w in widgets for a in QWidget.actions(w)}   # (a window may shadow it)
    for w in widgets:
        if not shiboken6.isValid(w):     # deleted by an earlier widget's change in this loop
            continue
        for get, put in ((w.toolTip, w.setToolTip), (w.statusTip, w.setStatusTip)):
            new = _again(get())
            if new is not None:
                put(new)
        if isinstance(w, (QLabel, QAbstractButton)):
            new = _again(w.text())
            if new is not None:
                w.setText(new)
        elif isinstance(w, QLineEdit):
            new = _again(w.placeholderText())
            if new is not None:
                w.setPlaceholderText(new)
        elif isinstance(w, QGroupBox):
            new = _again(w.title())
            if new is not None:
                w.setTitle(new)
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                new = _again(w.tabText(i))
                if new is not None:
                    w.setTabText(i, new)
        elif isinstance(w, QMenu):
            new = _again(w.title())
            if new is not None:
                w.setTitle(new)
        elif isinstance(w, QStatusBar):          # the message it shows now (for a while)
            new = _again(w.currentMessage())
            if new is not None:
                w.showMessage(new, STATUS_MS)
        elif isinstance(w, QComboBox):           # item labels (the item data keeps the key)
            for i in range(w.count()):
                new = _again(w.itemText(i))
                if new is not None:
                    w.setItemText(i, new)
        elif isinstance(w, QTableWidget):
            _table(w)
        elif isinstance(w, QListWidget):
            for i in range(min(w.count(), MAX_CELLS)):
                _item(w.item(i))
        elif isinstance(w, QTreeWidget):
            head = w.headerItem()
            for c in range(w.columnCount()):
                new = _again(head.text(c))
                if new is not None:
                    head.setText(c, new)
        elif isinstance(w, pg.GraphicsView) and w.window().isVisible():
            _plot_texts(w)          # (a closed window's plots may already be half gone)
    for a in actions.values():
        for get, put in ((a.text, a.setText), (a.toolTip, a.setToolTip),
                         (a.statusTip, a.setStatusTip)):
            new = _again(get())
            if new is not None:
                put(new)


def _table(w: QTableWidget) -> None:
    """Header labels, and the cells' texts and tooltips."""
    for c in range(w.columnCount()):
        _item(w.horizontalHeaderItem(c))
    for r in range(min(w.rowCount(), MAX_CELLS)):
        _item(w.verticalHeaderItem(r))
    if w.rowCount() * w.columnCount() > MAX_CELLS:
        return
    for r in range(w.rowCount()):
        for c in range(w.columnCount()):
            _item(w.item(r, c))


def _item(item) -> None:
    if item is None:
        return
    new = _again(item.text())
    if new is not None:
        item.setText(new)
    new = _again(item.toolTip())
    if new is not None:
        item.setToolTip(new)


def _plot_texts(view: pg.GraphicsView) -> None:
    """Plot titles, legend entries and free text (LabelItem, TextItem), and axis labels."""
    for it in view.scene().items():
        if isinstance(it, pg.LabelItem):
            new = _again(it.text)
            if new is not None:
                it.setText(new)
        elif isinstance(it, pg.TextItem):
            new = _again(it.textItem.toPlainText())
            if new is not None:
                it.setText(new)
        elif isinstance(it, pg.AxisItem) and it.labelText:
            new = _again(it.labelText)
            if new is not None:
                it.setLabel(new, units=it.labelUnits, unitPrefix=it.labelUnitPrefix,
                            **it.labelStyle)
