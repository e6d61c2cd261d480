"""Shapes as the canvas and the step texts write them, in the user's language.

The engine writes ``(None, 3)`` as ``Nx3`` and ``()`` as ``scalar``; numbers and ``N`` read the
same in every language, the word ``scalar`` is translated here.
"""
from __future__ import annotations

from engine.ops.base import Shape
from engine.ops.base import fmt_shape as engine_fmt_shape

from .i18n import translate


def fmt_shape(shape: Shape | None) -> str:
    """(None, 32, 32, 3) -> 'Nx32x32x3'; () -> 'scalar' (标量 in Chinese); None -> '?'."""
    if shape is not None and len(shape) == 0:
        return translate("Shapes", "scalar")
    return engine_fmt_shape(shape)
