"""Fonts, cached brushes and the static text shared by canvas items.

Node labels are ``QGraphicsSimpleTextItem``s where they change per node (the name) and
``QStaticText`` shared by every node of one op where they never change (op and input names):
a 500-node scene builds in a fraction of the time it takes with one text item per label.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QStaticText
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSimpleTextItem

if TYPE_CHECKING:  # pragma: no cover
    from engine.ops.base import Op

LOD_TEXT = 0.35  # below this zoom, text is not painted (unreadable, and costly)

_FONTS: dict[str, tuple[QFont, QFontMetricsF]] = {}
_BRUSHES: dict[int, QBrush] = {}
_WIDTHS: dict[str, float] = {}  # shape text -> width in the small font (shapes repeat a lot)


def font(kind: str) -> tuple[QFont, QFontMetricsF]:
    """Shared fonts: 'name' (bold), 'small' (the application font, so no per-item setFont)."""
    if kind not in _FONTS:
        f = QFont()
        f.setBold(kind == "name")
        _FONTS[kind] = (f, QFontMetricsF(f))
    return _FONTS[kind]


def text_width(text: str) -> float:
    """Width of ``text`` in the small font, cached (shape texts repeat a lot)."""
    w = _WIDTHS.get(text)
    if w is None:
        w = _WIDTHS[text] = font("small")[1].horizontalAdvance(text)
    return w


def brush(color: QColor) -> QBrush:
    """A cached QBrush (passing a QColor where a QBrush is wanted converts slowly)."""
    key = color.rgba()
    b = _BRUSHES.get(key)
    if b is None:
        b = _BRUSHES[key] = QBrush(color)
    return b


def make_text(parent: QGraphicsItem, text: str, kind: str, color: QColor) -> QGraphicsSimpleTextItem:
    """A label: ``kind`` 'name' (bold) or 'small'."""
    item = QGraphicsSimpleTextItem(text, parent)
    if kind != "small":
        item.setFont(font(kind)[0])
    item.setBrush(brush(color))
    return item


class OpLabels:
    """Static text shared by every node of one op: its name and its input names, laid out
    once (QStaticText caches the glyph layout, so painting them is cheap)."""

    _cache: dict[tuple[str, int], "OpLabels"] = {}

    def __init__(self, op: "Op", n_ports: int) -> None:
        fs = font("small")[1]
        self.op_text = QStaticText(op.name)
        self.op_width = fs.horizontalAdvance(op.name)
        names = [op.input_name(i) for i in range(n_ports)]
        self.inputs = [QStaticText(n) for n in names]
        self.input_width = max((fs.horizontalAdvance(n) for n in names), default=0.0)
        for st in (self.op_text, *self.inputs):
            st.setPerformanceHint(QStaticText.PerformanceHint.AggressiveCaching)
            st.prepare(font=font("small")[0])

    @classmethod
    def get(cls, op: "Op", n_ports: int) -> "OpLabels":
        key = (op.name, n_ports)
        labels = cls._cache.get(key)
        if labels is None:
            labels = cls._cache[key] = cls(op, n_ports)
        return labels
