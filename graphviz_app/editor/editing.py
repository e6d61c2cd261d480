"""Edits on the current selection that the menus and shortcuts trigger: delete, select all,
group and ungroup, automatic layout, and exporting the canvas as PNG or SVG."""
from __future__ import annotations

import os
import tempfile

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter

from ..canvas.scene import GraphScene
from ..i18n import QT_TRANSLATE_NOOP, translate
from .commands import Disconnect, GroupNodes, MoveNodes, RemoveNodes, Ungroup, node_pos
from .layout import layered_layout
from ..session import Session


def delete_selection(session: Session, scene: GraphScene) -> bool:
    """Delete the selected nodes (with their edges) and selected wires, as one undo step."""
    ids = session.selected()
    gid = scene.selected_group()
    if gid is not None and gid in session.graph.groups:  # a selected group box: its members
        ids += [m for m in session.graph.groups[gid].members if m not in ids]
    edges = [e for e in scene.selected_edges() if e[0] not in ids and e[1] not in ids]
    if not ids and not edges:
        session.message.emit(translate("Editing", "Select nodes or wires to delete"))
        return False
    if session.locked:
        session.message.emit(translate(
            "Editing", "Delete: not while training runs; stop training first"))
        return False
    stack = session.undo_stack
    stack.beginMacro(translate("Editing", "Delete"))
    for _src, dst, port in edges:
        session.push(Disconnect(session, dst, port))
    if ids:
        session.push(RemoveNodes(session, ids))
    stack.endMacro()
    return True


def auto_layout(session: Session) -> bool:
    """Lay the whole graph out in layers, as one undoable move."""
    graph = session.graph
    if not graph.nodes:
        return False
    pos = layered_layout(graph.nx_graph())
    moves = {nid: (node_pos(graph.nodes[nid].ui), p) for nid, p in pos.items()}
    return session.push(MoveNodes(session, moves,
                                  text=QT_TRANSLATE_NOOP("Editing", "Auto layout")))


def group_selection(session: Session, name: str | None = None) -> bool:
    ids = session.selected()
    if len(ids) < 1:
        session.message.emit(translate("Editing", "Select nodes to group"))
        return False
    taken = {g.name for g in session.graph.groups.values()}
    if name is None:
        i = 1
        while f"block{i}" in taken:
            i += 1
        name = f"block{i}"
    return session.push(GroupNodes(session, ids, name))


def ungroup_selection(session: Session, scene: GraphScene) -> bool:
    gid = scene.selected_group()
    if gid is None:
        ids = session.selected()
        gid = next((session.graph.group_of(n) for n in ids if session.graph.group_of(n)), None)
    if gid is None:
        session.message.emit(translate("Editing", "Select a group (or a node in one) to ungroup"))
        return False
    return session.push(Ungroup(session, gid))


def _content_rect(scene: GraphScene) -> QRectF:
    rect = scene.visible_rect()
    return rect.adjusted(-30, -30, 30, 30) if not rect.isEmpty() else QRectF(0, 0, 200, 100)


def render_image(scene: GraphScene, scale: float = 2.0) -> QImage:
    """The whole graph, drawn on the canvas background, at ``scale`` pixels per unit."""
    rect = _content_rect(scene)
    size = QSize(max(1, int(rect.width() * scale)), max(1, int(rect.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(scene.theme.background)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, size.width(), size.height()), rect,
                 Qt.AspectRatioMode.KeepAspectRatio)
    painter.end()
    return image


def export_png(scene: GraphScene, path: str, scale: float = 2.0) -> None:
    """Write the graph as a PNG (atomically)."""
    image = render_image(scene, scale)
    fd, tmp = tempfile.mkstemp(suffix=".png", dir=os.path.dirname(os.path.abspath(path)))
    os.close(fd)
    try:
        if not image.save(tmp, "PNG"):
            raise OSError(translate("Editing", "could not write {path}").format(path=path))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def export_svg(scene: GraphScene, path: str) -> None:
    """Write the graph as an SVG (vector) drawing (atomically)."""
    from PySide6.QtSvg import QSvgGenerator
    rect = _content_rect(scene)
    fd, tmp = tempfile.mkstemp(suffix=".svg", dir=os.path.dirname(os.path.abspath(path)))
    os.close(fd)
    try:
        gen = QSvgGenerator()
        gen.setFileName(tmp)
        gen.setSize(QSize(int(rect.width()), int(rect.height())))
        gen.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        gen.setTitle("graphviz-app graph")
        painter = QPainter(gen)
        painter.fillRect(QRectF(0, 0, rect.width(), rect.height()), scene.theme.background)
        scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        painter.end()
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
