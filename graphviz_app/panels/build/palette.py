"""The op palette: every op of the engine's registry by category, with a search filter.

Dragging an op starts a real QDrag carrying the op name under the MIME type
``application/x-graphviz-app-op``; the canvas view's drop handler creates the node.
Double-clicking (or Enter) asks for the op to be added at the centre of the view.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QDrag
from PySide6.QtWidgets import (QAbstractItemView, QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from engine.ops import get_op, ops_by_category

from ... import OP_MIME
from ...i18n import translate
from .op_texts import op_text

OP_ROLE = Qt.ItemDataRole.UserRole + 1
CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 2
CATEGORY_NAMES = (QT_TRANSLATE_NOOP("Palette", "Inputs"), QT_TRANSLATE_NOOP("Palette", "Math"),
                  QT_TRANSLATE_NOOP("Palette", "Activations"), QT_TRANSLATE_NOOP("Palette", "Layers"),
                  QT_TRANSLATE_NOOP("Palette", "Losses"))
"""The engine's op categories (engine.ops.CATEGORIES), marked for translation."""



def _describe_item(item: QTreeWidgetItem) -> None:
    """An op's tooltip and status tip (its description) in the current language."""
    op = get_op(item.data(0, OP_ROLE))
    item.setToolTip(0, f"{op.name}: {op_text(op.description)}\n{op_text(op.formula)}".strip())
    item.setStatusTip(0, op_text(op.description))

class OpTree(QTreeWidget):
    """The tree of ops; its drags carry :data:`OP_MIME`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformRowHeights(True)
        self.setMouseTracking(True)

    def startDrag(self, supported_actions) -> None:  # noqa: N802 (Qt name)
        """A copy-only QDrag carrying the op name (a move would remove the palette row)."""
        item = self.currentItem()
        if item is None or not item.data(0, OP_ROLE):
            return
        drag = QDrag(self)
        drag.setMimeData(self.mimeData([item]))
        drag.exec(Qt.DropAction.CopyAction, Qt.DropAction.CopyAction)

    def mimeTypes(self) -> list[str]:
        return [OP_MIME]

    def mimeData(self, items) -> QMimeData:
        mime = QMimeData()
        ops = [i.data(0, OP_ROLE) for i in items if i.data(0, OP_ROLE)]
        if ops:
            mime.setData(OP_MIME, ops[0].encode("utf-8"))
            mime.setText(ops[0])
        return mime


class PalettePanel(QWidget):
    """Search box, op tree, and the description of the op under the cursor."""

    op_activated = Signal(str)  # add this op at the view centre

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("palette")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(translate("Palette", "Search ops…"))
        self.search.setClearButtonEnabled(True)
        self.tree = OpTree(self)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.info.setMinimumHeight(48)
        self.info.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.search)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.info)
        self._populate()
        self.search.textChanged.connect(self.set_filter)
        self.tree.itemDoubleClicked.connect(self._activate)
        self.tree.itemActivated.connect(self._activate)
        self.tree.currentItemChanged.connect(lambda cur, _prev: self._describe(cur))
        self.tree.itemEntered.connect(lambda item, _col: self._describe(item))

    def _populate(self) -> None:
        for category, ops in ops_by_category().items():
            if not ops:
                continue
            top = QTreeWidgetItem(self.tree, [translate("Palette", category)])
            top.setData(0, CATEGORY_ROLE, category)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            f = top.font(0)
            f.setBold(True)
            top.setFont(0, f)
            for op in ops:
                item = QTreeWidgetItem(top, [op.name])
                item.setData(0, OP_ROLE, op.name)
                _describe_item(item)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsDragEnabled)
            top.setExpanded(True)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.search.setPlaceholderText(translate("Palette", "Search ops…"))
            for i in range(self.tree.topLevelItemCount()):
                top = self.tree.topLevelItem(i)
                top.setText(0, translate("Palette", top.data(0, CATEGORY_ROLE)))
                for j in range(top.childCount()):
                    _describe_item(top.child(j))
        super().changeEvent(event)

    def op_items(self) -> dict[str, QTreeWidgetItem]:
        """Op name -> its tree item."""
        out = {}
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                out[top.child(j).data(0, OP_ROLE)] = top.child(j)
        return out

    def visible_ops(self) -> list[str]:
        return [name for name, item in self.op_items().items()
                if not item.isHidden() and not item.parent().isHidden()]

    def set_filter(self, text: str) -> None:
        """Show ops whose name, category or description contains ``text``."""
        needle = text.strip().lower()
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            cat_hit = needle in top.text(0).lower() or needle in top.data(0, CATEGORY_ROLE).lower()
            shown = 0
            for j in range(top.childCount()):
                item = top.child(j)
                hit = (not needle or cat_hit or needle in item.text(0).lower()
                       or needle in item.statusTip(0).lower())
                item.setHidden(not hit)
                shown += hit
            top.setHidden(shown == 0)
            if needle and shown:
                top.setExpanded(True)

    def _describe(self, item: QTreeWidgetItem | None) -> None:
        if item is None or not item.data(0, OP_ROLE):
            return
        self.info.setText(f"<b>{item.text(0)}</b> — {item.statusTip(0)}")

    def _activate(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        name = item.data(0, OP_ROLE)
        if name:
            self.op_activated.emit(name)
