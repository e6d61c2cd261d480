"""The Messages panel: every refusal, error and result the app reported, with its time and the
node it concerns; clicking an entry that names a node selects that node.

The entries come from the session's log (:attr:`Session.log`, :data:`Session.logged`), so
messages reported before the panel was built are listed too.
"""
from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from ...session import LoggedMessage, Session

NODE_ROLE = Qt.ItemDataRole.UserRole
MAX_ROWS = 1000


def node_label(session: Session, nid: str | None) -> str:
    """The name of node ``nid`` as the graph calls it now ('' for none, '(removed)' if gone)."""
    if nid is None:
        return ""
    node = session.graph.nodes.get(nid)
    return node.name if node is not None else f"{nid} (removed)"


class MessagesPanel(QWidget):
    """A list of the session's messages, newest at the bottom."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messages")
        self.session = session
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Time", "Message", "Node"])
        self.tree.setRootIsDecorated(False)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setToolTip("Click a message that names a node to select that node")
        self.tree.itemClicked.connect(self._on_clicked)
        lay.addWidget(self.tree, 1)
        row = QHBoxLayout()
        self.count = QLabel()
        row.addWidget(self.count, 1)
        self.clear_button = QPushButton("Clear")
        self.clear_button.clicked.connect(self.clear)
        row.addWidget(self.clear_button)
        lay.addLayout(row)
        for entry in session.log:
            self.add(entry)
        session.logged.connect(self.add)
        session.graph_replaced.connect(self._refresh_names)
        session.graph_changed.connect(self._on_graph_event)
        self._update_count()

    def add(self, entry: LoggedMessage) -> QTreeWidgetItem:
        """Append one entry (and drop the oldest past MAX_ROWS)."""
        stamp = time.strftime("%H:%M:%S", time.localtime(entry.time))
        item = QTreeWidgetItem([stamp, entry.text, node_label(self.session, entry.node)])
        item.setData(0, NODE_ROLE, entry.node)
        item.setToolTip(1, entry.text)
        if entry.node is not None:
            item.setToolTip(2, "Click to select this node")
        self.tree.addTopLevelItem(item)
        while self.tree.topLevelItemCount() > MAX_ROWS:
            self.tree.takeTopLevelItem(0)
        self.tree.scrollToItem(item)
        self._update_count()
        return item

    def rows(self) -> list[tuple[str, str, str | None]]:
        """(time, text, node id) of every row, oldest first."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            out.append((item.text(0), item.text(1), item.data(0, NODE_ROLE)))
        return out

    def clear(self) -> None:
        self.tree.clear()
        self._update_count()

    def _on_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        nid = item.data(0, NODE_ROLE)
        if nid is None:
            return
        if nid in self.session.graph.nodes:
            self.session.select([nid])
        else:
            self.session.message.emit(f"node {item.text(2)} is no longer in the graph")

    def _on_graph_event(self, event) -> None:
        if event.kind in ("renamed", "node_removed", "node_added", "cleared"):
            self._refresh_names()

    def _refresh_names(self) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            item.setText(2, node_label(self.session, item.data(0, NODE_ROLE)))

    def _update_count(self) -> None:
        n = self.tree.topLevelItemCount()
        self.count.setText(f"{n} message{'s' if n != 1 else ''}")


def install(main_window, session: Session) -> MessagesPanel:
    """Add the Messages dock (bottom) to ``main_window``."""
    panel = MessagesPanel(session)
    main_window.add_panel(panel, "Messages", "messages_dock", area="bottom")
    return panel


__all__ = ["MessagesPanel", "install", "node_label"]
