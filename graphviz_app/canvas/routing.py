"""Where wires go and where nodes sit, so that nothing hides behind a node.

Wires: a wire is first the usual horizontal-tangent cubic. If that curve crosses a node it does
not connect, it is routed through a horizontal lane just above or below the nodes in its way:
an S-curve from the output port to the lane, a straight run, and an S-curve into the input
port. Lanes are tried from the shortest detour up; the first whose path is clear is taken.
Paths are tested as flattened polylines (segment against rectangle, Liang–Barsky clipping).

Nodes: :func:`separate` moves nodes apart in the view only (the model's positions stay what
the user set) when they overlap, e.g. after a node widened to show a value. Nodes are taken
left to right; one that overlaps a node already placed is pushed right when its model position
is more to the right of that node than below it (its row re-flows), down when it is more below
(its column re-flows), and otherwise the shorter way out, until it overlaps nothing.

:class:`GridIndex` buckets rectangles in square cells, so both only look at nearby nodes.
"""
from __future__ import annotations

import math
from typing import Callable, Iterable

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath

CLEARANCE = 14.0     # how far a routed lane keeps from the nodes it passes
MARGIN = 4.0         # a wire closer than this to a node counts as behind it
GAP = 14.0           # the least space :func:`separate` leaves between two nodes
CELL = 256.0


def wire_path(a: QPointF, b: QPointF) -> QPainterPath:
    """A horizontal-tangent cubic from ``a`` to ``b``."""
    dx = max(40.0, abs(b.x() - a.x()) * 0.5)
    path = QPainterPath(a)
    path.cubicTo(QPointF(a.x() + dx, a.y()), QPointF(b.x() - dx, b.y()), b)
    return path


def lane_path(a: QPointF, b: QPointF, y: float) -> QPainterPath:
    """From ``a`` by an S-curve to height ``y``, along it, and by an S-curve into ``b``."""
    d1 = min(90.0, max(36.0, abs(y - a.y()) * 0.9))
    d2 = min(90.0, max(36.0, abs(y - b.y()) * 0.9))
    p1, p2 = QPointF(a.x() + d1, y), QPointF(b.x() - d2, y)
    path = QPainterPath(a)
    path.cubicTo(QPointF(a.x() + d1 * 0.6, a.y()), QPointF(a.x() + d1 * 0.4, y), p1)
    path.lineTo(p2)
    path.cubicTo(QPointF(b.x() - d2 * 0.4, y), QPointF(b.x() - d2 * 0.6, b.y()), b)
    return path


def _segment_hits(x0: float, y0: float, x1: float, y1: float,
                  left: float, top: float, right: float, bottom: float) -> bool:
    """True when the segment (x0, y0)-(x1, y1) meets the box (Liang–Barsky clipping)."""
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - left), (dx, right - x0), (-dy, y0 - top), (dy, bottom - y0)):
        if p == 0.0:
            if q < 0.0:
                return False
            continue
        t = q / p
        if p < 0.0:
            if t > t1:
                return False
            t0 = max(t0, t)
        else:
            if t < t0:
                return False
            t1 = min(t1, t)
    return t0 <= t1


def path_hits(path: QPainterPath, rects: Iterable[QRectF], first: bool = False) -> list[QRectF]:
    """The rectangles the (flattened) path passes through (only the first found when
    ``first``)."""
    rects = list(rects)
    if not rects:
        return []
    segments = []
    for poly in path.toSubpathPolygons():
        pts = [(p.x(), p.y()) for p in poly]
        segments += zip(pts, pts[1:])
    hit = []
    for r in rects:
        left, top, right, bottom = r.left(), r.top(), r.right(), r.bottom()
        for (x0, y0), (x1, y1) in segments:
            if (x0 if x0 > x1 else x1) < left or (x0 if x0 < x1 else x1) > right or \
                    (y0 if y0 > y1 else y1) < top or (y0 if y0 < y1 else y1) > bottom:
                continue              # the segment's own box misses: the cheap common case
            if _segment_hits(x0, y0, x1, y1, left, top, right, bottom):
                hit.append(r)
                break
        if first and hit:
            break
    return hit


def cubic_bounds(a: QPointF, b: QPointF) -> QRectF:
    """A rectangle holding :func:`wire_path` from ``a`` to ``b`` (from its control points)."""
    ax, ay, bx, by = a.x(), a.y(), b.x(), b.y()
    dx = max(40.0, abs(bx - ax) * 0.5)
    left, right = min(ax, bx - dx), max(ax + dx, bx)
    top, bottom = (ay, by) if ay <= by else (by, ay)
    return QRectF(left, top, right - left, bottom - top)


def route(a: QPointF, b: QPointF, obstacles_in: Callable[[QRectF], list[QRectF]],
          bounds: QRectF | None = None) -> QPainterPath | None:
    """The wire from ``a`` to ``b``: None when the plain cubic (:func:`wire_path`, within
    ``bounds``, its :func:`cubic_bounds`) is clear of every rectangle ``obstacles_in(area)``
    returns for its area, else the clear lane path with the shortest detour (the cubic itself
    when no lane is clear)."""
    near = obstacles_in(bounds if bounds is not None else cubic_bounds(a, b))
    if not near:                      # most wires: nothing near, no path to build yet
        return None
    path = wire_path(a, b)
    blocking = path_hits(path, near)
    if not blocking:
        return None
    tried: set[float] = set()
    for _ in range(6):       # each round adds the nodes the last lanes ran into
        lanes = sorted({y for r in blocking for y in (r.top() - CLEARANCE, r.bottom() + CLEARANCE)}
                       - tried, key=lambda y: abs(y - a.y()) + abs(y - b.y()))
        if not lanes:
            break
        found = []
        for y in lanes:
            tried.add(y)
            candidate = lane_path(a, b, y)
            hits = path_hits(candidate, obstacles_in(candidate.boundingRect()), first=True)
            if not hits:
                return candidate
            found += hits
        blocking = found
    return path


Box = tuple[float, float, float, float]      # left, top, right, bottom


def _cells(left: float, top: float, right: float, bottom: float) -> list[tuple[int, int]]:
    return [(i, j) for i in range(math.floor(left / CELL), math.floor(right / CELL) + 1)
            for j in range(math.floor(top / CELL), math.floor(bottom / CELL) + 1)]


def _box(r: QRectF) -> Box:
    return r.left(), r.top(), r.right(), r.bottom()


class GridIndex:
    """Rectangles by key, bucketed in CELL-sized squares for area queries."""

    def __init__(self, rects: dict[str, QRectF]) -> None:
        self.rects = rects
        self._boxes = {key: _box(r) for key, r in rects.items()}
        self.cells: dict[tuple[int, int], list[str]] = {}
        for key, box in self._boxes.items():
            for cell in _cells(*box):
                self.cells.setdefault(cell, []).append(key)

    def query(self, area: QRectF) -> list[str]:
        """Keys of the rectangles that meet ``area`` (a flat area, such as the bounds of a
        straight wire, counts too)."""
        seen: dict[str, None] = {}
        left, top, right, bottom = _box(area)
        boxes = self._boxes
        for cell in _cells(left, top, right, bottom):
            for key in self.cells.get(cell, ()):
                if key in seen:
                    continue
                l, t, r, b = boxes[key]
                if l <= right and r >= left and t <= bottom and b >= top:
                    seen[key] = None
        return list(seen)


def separate(rects: dict[str, QRectF], gap: float = GAP) -> dict[str, QPointF]:
    """View offsets that leave at least ``gap`` between every two of ``rects`` (model
    rectangles by node id). Only nodes that would overlap get an offset."""
    model = {k: _box(r) for k, r in rects.items()}
    order = sorted(model, key=lambda k: (model[k][0], model[k][1], k))
    placed: dict[str, Box] = {}
    cells: dict[tuple[int, int], list[str]] = {}
    offsets: dict[str, QPointF] = {}
    limit = 4 * len(rects) + 4                     # each push clears one node for good
    for key in order:
        l, t, r, b = model[key]
        for _ in range(limit):
            gl, gt, gr, gb = l - gap, t - gap, r + gap, b + gap
            hit = None
            for cell in _cells(gl, gt, gr, gb):
                for k in cells.get(cell, ()):
                    pl, pt, pr, pb = placed[k]
                    if pl < gr and pr > gl and pt < gb and pb > gt:   # overlap, not touch
                        hit = k
                        break
                if hit is not None:
                    break
            if hit is None:
                break
            pl, pt, pr, pb = placed[hit]
            right, down = pr + gap - l, pb + gap - t
            across, below = model[key][0] - model[hit][0], model[key][1] - model[hit][1]
            if across > abs(below):                # a neighbour in the row: stays in the row
                go_right = True
            elif below > abs(across):              # in the column: stays in the column
                go_right = False
            else:                                  # placed on top of it: the shorter way
                go_right = right <= down
            if go_right:
                l, r = l + right, r + right
            else:
                t, b = t + down, b + down
        placed[key] = (l, t, r, b)
        for cell in _cells(l, t, r, b):
            cells.setdefault(cell, []).append(key)
        if (l, t) != model[key][:2]:
            offsets[key] = QPointF(l - model[key][0], t - model[key][1])
    return offsets


__all__ = ["wire_path", "lane_path", "route", "cubic_bounds", "path_hits", "separate", "GridIndex",
           "CLEARANCE", "MARGIN", "GAP"]
