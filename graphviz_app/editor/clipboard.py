"""Copy, paste and duplicate: selected nodes, the edges among them and their parameters as
JSON (on the system clipboard as text and under a private MIME type)."""
from __future__ import annotations

import json
import math
from typing import Any

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from engine import Graph

from .. import NODES_MIME
from ..i18n import translate
from .commands import AddNodes, node_pos
from ..session import Session

FORMAT = "graphviz-app/nodes"
PASTE_OFFSET = 40.0


def _plain(v: Any) -> Any:
    if isinstance(v, tuple):
        return [_plain(x) for x in v]
    if isinstance(v, list):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if hasattr(v, "item"):  # numpy scalar
        return v.item()
    return v


def selection_payload(graph: Graph, ids: list[str]) -> dict:
    """The selected nodes, with params and positions, and the edges among them."""
    keep = [n for n in graph.nodes if n in set(ids)]
    nodes = []
    for nid in keep:
        n = graph.nodes[nid]
        nodes.append({"id": nid, "name": n.name, "op": n.op, "params": _plain(n.params),
                      "frozen": n.frozen, "pos": list(node_pos(n.ui) or (0.0, 0.0))})
    inside = set(keep)
    edges = [[s, d, p] for s, d, p in graph.edges() if s in inside and d in inside]
    return {"format": FORMAT, "version": 1, "nodes": nodes, "edges": edges}


def _point(v: Any) -> tuple[float, float]:
    """A pasted position: two finite numbers, else the origin."""
    if not isinstance(v, (list, tuple)) or len(v) != 2 or not all(
            isinstance(c, (int, float)) and not isinstance(c, bool) and math.isfinite(c) for c in v):
        return 0.0, 0.0
    return float(v[0]), float(v[1])


def payload_to_command(session: Session, payload: dict, offset: float = PASTE_OFFSET,
                       text: str = "Paste") -> AddNodes | None:
    """An AddNodes command for ``payload`` (None when it is not ours). Text from elsewhere may
    look like ours: anything malformed in a node makes it None too; bad positions, names and
    wires are dropped quietly."""
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        return None
    nodes_in = payload.get("nodes") or []
    if not isinstance(nodes_in, list):
        return None
    index = {}
    specs = []
    for i, nd in enumerate(nodes_in):
        if not isinstance(nd, dict) or not isinstance(nd.get("op"), str):
            return None
        params = nd.get("params") or {}
        if not isinstance(params, dict):
            return None
        key = nd.get("id", i)
        if isinstance(key, (str, int)):
            index[key] = i
        name = nd.get("name") if isinstance(nd.get("name"), str) else None
        x, y = _point(nd.get("pos") or (0.0, 0.0))
        specs.append({"op": nd["op"], "params": params, "name": name,
                      "frozen": nd.get("frozen") is True, "pos": (x + offset, y + offset)})
    edges = []
    for e in payload.get("edges") or []:
        if (isinstance(e, (list, tuple)) and len(e) == 3 and isinstance(e[0], (str, int))
                and isinstance(e[1], (str, int)) and e[0] in index and e[1] in index
                and type(e[2]) is int and 0 <= e[2] <= 1024):
            edges.append((index[e[0]], index[e[1]], e[2]))
    return AddNodes(session, specs, edges, text=text)


def copy_selection(session: Session) -> int:
    """Put the selected nodes on the clipboard; return how many."""
    ids = session.selected()
    if not ids:
        session.message.emit(translate("Editing", "Select nodes to copy"))
        return 0
    data = json.dumps(selection_payload(session.graph, ids))
    mime = QMimeData()
    mime.setText(data)
    mime.setData(NODES_MIME, data.encode("utf-8"))
    QGuiApplication.clipboard().setMimeData(mime)
    session.message.emit(translate("Editing", "Copied 1 node") if len(ids) == 1 else
                         translate("Editing", "Copied {count} nodes").format(count=len(ids)))
    return len(ids)


def paste(session: Session) -> bool:
    """Paste nodes from the clipboard, renamed where names are taken, offset a little."""
    mime = QGuiApplication.clipboard().mimeData()
    if mime is None:
        return False
    try:
        raw = bytes(mime.data(NODES_MIME).data()).decode("utf-8") if mime.hasFormat(NODES_MIME) \
            else mime.text()
        payload = json.loads(raw)
    except (ValueError, TypeError, RecursionError):   # UnicodeDecodeError is a ValueError
        payload = None
    cmd = payload_to_command(session, payload)
    if cmd is None:
        session.message.emit(translate(
            "Editing", "The clipboard holds no nodes to paste; copy nodes (Ctrl+C) first"))
        return False
    return session.push(cmd)


def duplicate(session: Session) -> bool:
    """Copy and paste the selection in one step, leaving the clipboard alone."""
    ids = session.selected()
    if not ids:
        session.message.emit(translate("Editing", "Select nodes to duplicate"))
        return False
    cmd = payload_to_command(session, selection_payload(session.graph, ids), text="Duplicate")
    return session.push(cmd)


def release_on_exit() -> None:
    """Drop nodes we put on the clipboard before Qt tears the application down (Qt may crash
    at exit while the clipboard still holds MIME data the application owns)."""
    cb = QGuiApplication.clipboard()
    mime = cb.mimeData()
    if mime is not None and mime.hasFormat(NODES_MIME):
        cb.clear()
