"""The Messages panel: every refusal, error and result the app reported, with its time and the
node it concerns; clicking an entry that names a node selects that node.

The entries come from the session's log (:attr:`Session.log`, :data:`Session.logged`), so
messages reported before the panel was built are listed too.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...session import LoggedMessage, Session
from ...i18n import translate

NODE_ROLE = Qt.ItemDataRole.UserRole
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1     # the LoggedMessage a row shows
MAX_ROWS = 1000
TIME, TEXT, NODE = range(3)


def node_label(session: Session, nid: str | None) -> str:
    """The name of node ``nid`` as the graph calls it now ('' for none, '(removed)' if gone)."""
    if nid is None:
        return ""
    node = session.graph.nodes.get(nid)
    return node.name if node is not None else translate("Messages", "{node} (removed)").format(
        node=nid)


class MessagesPanel(QWidget):
    """A table of the session's messages, newest at the bottom, each wrapped whole."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messages")
        self.session = session
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("messages_table")
        self.table.setHorizontalHeaderLabels([translate("Messages", "Time"),
                                              translate("Messages", "Message"),
                                              translate("Messages", "Node")])
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TIME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NODE, QHeaderView.ResizeMode.ResizeToContents)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.setToolTip(translate("Messages", "Click a message that names a node to select that node"))
        self.table.cellClicked.connect(self._on_clicked)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.count = QLabel()
        row.addWidget(self.count, 1)
        self.clear_button = QPushButton(translate("Messages", "Clear"))
        self.clear_button.clicked.connect(self.clear)
        row.addWidget(self.clear_button)
        lay.addLayout(row)
        for entry in session.log:
            self.add(entry)
        session.logged.connect(self.add)
        session.graph_replaced.connect(self._refresh_names)
        session.graph_changed.connect(self._on_graph_event)
        self._update_count()

    def add(self, entry: LoggedMessage) -> int:
        """Append one entry (and drop the oldest past MAX_ROWS); return its row."""
        stamp = time.strftime("%H:%M:%S", time.localtime(entry.time))
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, text in ((TIME, stamp), (TEXT, entry.now()),
                          (NODE, node_label(self.session, entry.node))):
            item = QTableWidgetItem(text)
            item.setData(NODE_ROLE, entry.node)
            if col == TEXT:
                item.setData(ENTRY_ROLE, entry)
            if col == NODE and entry.node is not None:
                item.setToolTip(translate("Messages", "Click to select this node"))
            self.table.setItem(row, col, item)
        while self.table.rowCount() > MAX_ROWS:
            self.table.removeRow(0)
        row = self.table.rowCount() - 1
        self.table.resizeRowToContents(row)
        self.table.scrollToBottom()
        self._update_count()
        return row

    def rows(self) -> list[tuple[str, str, str | None]]:
        """(time, text, node id) of every row, oldest first."""
        return [(self.table.item(r, TIME).text(), self.table.item(r, TEXT).text(),
                 self.table.item(r, TIME).data(NODE_ROLE)) for r in range(self.table.rowCount())]

    def node_names(self) -> list[str]:
        """The Node column as shown, oldest first."""
        return [self.table.item(r, NODE).text() for r in range(self.table.rowCount())]

    def clear(self) -> None:
        self.table.setRowCount(0)
        self._update_count()

    def _on_clicked(self, row: int, _column: int) -> None:
        nid = self.table.item(row, TIME).data(NODE_ROLE)
        if nid is None:
            return
        if nid in self.session.graph.nodes:
            self.session.select([nid])
        else:
            self.session.message.emit(translate("Messages", "node {node} is no longer in the "
                                                "graph").format(node=self.table.item(row, NODE).text()))

    def _on_graph_event(self, event) -> None:
        if event.kind in ("renamed", "node_removed", "node_added", "cleared"):
            self._refresh_names()

    def _refresh_names(self) -> None:
        for r in range(self.table.rowCount()):
            item = self.table.item(r, NODE)
            item.setText(node_label(self.session, item.data(NODE_ROLE)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt name)
        """A new language: each message the window composed reads in it (see i18n.said)."""
        if event.type() == QEvent.Type.LanguageChange:
            for r in range(self.table.rowCount()):
                item = self.table.item(r, TEXT)
                item.setText(item.data(ENTRY_ROLE).now())
            self._refresh_names()
            self._update_count()
            self.table.resizeRowsToContents()
        super().changeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self.table.resizeRowsToContents()     # rows added while hidden wrap to today's width

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.table.resizeRowsToContents()

    def _update_count(self) -> None:
        n = self.table.rowCount()
        self.count.setText((translate("Messages", "{n} message") if n == 1 else
                            translate("Messages", "{n} messages")).format(n=n))


def install(main_window, session: Session) -> MessagesPanel:
    """Add the Messages dock (bottom) to ``main_window``."""
    panel = MessagesPanel(session)
    main_window.add_panel(panel, QT_TRANSLATE_NOOP("Panels", "Messages"), "messages_dock", area="bottom")
    return panel


__all__ = ["MessagesPanel", "install", "node_label"]
