"""Lighting up, on the canvas, where a traced value (or gradient) came from.

For each node a trace reached: the cells it came from are lit inside the node's own value
picture (:mod:`.trace_cells`), with a count above the node; a node that shows no picture gets
a small badge of the cells instead. A node hidden inside a collapsed group lights the group's
box, which says how many cells of how many of its members are involved.
"""
from __future__ import annotations

from engine.inspect.trace import Trace

from ..i18n import translate
from .trace_cells import layout_cells, mask_picture


def count(n: int) -> str:
    """A count short enough for a label above a node: 864, 33k, 1.3M."""
    if n < 10_000:
        return str(n)
    if n < 1_000_000:
        return f"{n / 1000:.0f}k"
    return f"{n / 1e6:.1f}M"


def share(lit: int, size: int) -> str:
    """'9/64', 'all 864', '1152/131k'."""
    return f"all {count(size)}" if lit == size and size > 1 else f"{count(lit)}/{count(size)}"


class TraceHighlighter:
    """Shows a :class:`engine.inspect.trace.Trace` on a scene and clears it again."""

    def __init__(self, scene) -> None:
        self.scene = scene
        self.lit: list[str] = []            # node ids whose items are lit
        self.lit_groups: list[str] = []

    def show(self, tr: Trace, gradient: bool = False) -> None:
        """Light every node the trace reached (but the traced one) and the weights it read.
        ``gradient``: the masks are over gradients (a gradient trace), named so in the text."""
        self.clear()
        graph = self.scene.session.graph
        groups: dict[str, list[int]] = {}   # gid -> [cells, nodes]
        weights: dict[str, list[str]] = {}
        for (wn, k), wm in tr.weights.items():
            weights.setdefault(wn, []).append(f"{k} {share(int(wm.sum()), wm.size)}")
        for nid in dict.fromkeys([*tr.values, *weights]):
            if nid == tr.node or nid not in graph.nodes:
                continue
            mask = tr.values.get(nid)
            gid = graph.group_of(nid)
            if gid is not None and graph.groups[gid].collapsed:
                acc = groups.setdefault(gid, [0, 0])
                acc[0] += 0 if mask is None else int(mask.sum())
                acc[1] += 1
                continue
            item = self.scene.node_item(nid)
            if item is None:
                continue
            parts = [] if mask is None else [share(int(mask.sum()), mask.size)]
            if gradient and parts:
                parts[0] = "∂ " + parts[0]
            parts += weights.get(nid, [])
            text = " · ".join(parts)
            cells = None
            if mask is not None and item.value_shown is not None:
                cells = layout_cells(mask, *item.value_shown)
            if cells is not None:
                item.set_trace_highlight(None, text, cells)
            else:
                item.set_trace_highlight(mask_picture(mask) if mask is not None else None, text)
            self.lit.append(nid)
        for gid, (cells, nodes) in groups.items():
            item = self.scene.group_item(gid)
            if item is None:
                continue
            item.set_trace_highlight(translate(
                "Canvas", "{cells} traced cells in {nodes} nodes inside").format(
                    cells=cells, nodes=nodes))
            self.lit_groups.append(gid)

    def clear(self) -> None:
        for nid in self.lit:
            item = self.scene.node_item(nid)
            if item is not None:
                item.set_trace_highlight(None, "")
        for gid in self.lit_groups:
            item = self.scene.group_item(gid)
            if item is not None:
                item.set_trace_highlight("")
        self.lit, self.lit_groups = [], []
