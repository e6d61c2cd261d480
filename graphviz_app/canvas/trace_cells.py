"""Where a trace's entries sit inside a node's value picture.

A node's value (or gradient) picture is laid out by :func:`graphviz_app.player.value_render.
image_array`: a bar per entry for a vector, a cell per entry for a matrix, the first example
of an image batch (its channels tiled in a grid, or one colour picture when it has 3 channels),
long axes subsampled. :func:`layout_cells` lays a trace mask out the same way, so the lit cells
fall on the entries they stand for; :func:`cells_image` turns that layout into a translucent
overlay the size of the drawn picture (lit cells amber, the rest dimmed, gaps clear).
"""
from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage

from ..player.value_render import _grid, _subsample, to_qimage

LIT = (255, 176, 0, 235)         # amber, nearly opaque: a cell the traced value came from
DIM = (20, 20, 20, 150)          # every other cell, darkened so the lit ones stand out
BAR_H = 24                       # the height of value_render's bar strip before scaling


def _fit_rows(m: np.ndarray, rows: int) -> np.ndarray:
    """The mask with ``rows`` rows on axis 0 (cut, or padded with unlit rows)."""
    if m.shape[0] == rows:
        return m
    out = np.zeros((rows,) + m.shape[1:], bool)
    k = min(rows, m.shape[0])
    out[:k] = m[:k]
    return out


def layout_cells(mask: np.ndarray, shape: tuple, kind: str = "value") -> np.ndarray | None:
    """A trace mask over an array of ``shape`` -> int8 (H, W) laid out like that array's
    picture: 1 lit, 0 not lit, -1 a gap between tiles. None when the array is drawn as a
    number, or when the mask does not fit the shape beyond its batch axis.

    For one example's picture (3-D and 4-D arrays) the first example with a lit entry is
    laid out, since a trace follows one example through the network.
    """
    m = np.asarray(mask, bool)
    shape = tuple(int(d) for d in shape)
    if int(np.prod(shape)) <= 1 or m.ndim != len(shape):
        return None
    if len(shape) == 1:
        if m.shape != shape:
            return None
        cols = _subsample(m)
        return np.broadcast_to(cols[None, :], (BAR_H, cols.shape[0])).astype(np.int8)
    if m.shape[1:] != shape[1:]:
        return None
    m = _fit_rows(m, shape[0])
    if len(shape) == 2:
        return _subsample(m).astype(np.int8)
    if len(shape) > 4:
        return _subsample(m.reshape(shape[0], -1)).astype(np.int8)
    lit = np.flatnonzero(m.reshape(shape[0], -1).any(axis=1))
    first = m[int(lit[0]) if lit.size else 0]
    if len(shape) == 3:
        return _subsample(first).astype(np.int8)
    c = shape[1]
    if c == 3 and kind == "value":
        return _subsample(first, 128).any(axis=0).astype(np.int8)
    if c == 1:
        return _subsample(first[0], 128).astype(np.int8)
    grid = _grid(first[:16].astype(np.float64))
    out = np.where(np.isnan(grid), -1, grid).astype(np.int8)
    return out


def fit_cells(cells: np.ndarray, width: int, height: int) -> np.ndarray:
    """(H, W) layout -> (height, width): each screen pixel takes the most important cell of
    the block of cells it covers (lit over unlit over gap), so a lit cell never drops out of a
    picture drawn smaller than its array; enlarged, each cell becomes a block of pixels."""
    h, w = cells.shape
    rows = (np.arange(height) * h) // height
    cols = (np.arange(width) * w) // width
    out = np.maximum.reduceat(cells, rows, axis=0)
    return np.maximum.reduceat(out, cols, axis=1)


def cells_image(cells: np.ndarray, width: int, height: int) -> QImage:
    """(H, W) int8 layout -> a (width x height) RGBA overlay of the value picture drawn at
    that size: lit cells amber, the others dimmed, gaps clear."""
    fitted = fit_cells(cells, width, height)
    rgba = np.zeros(fitted.shape + (4,), np.uint8)
    rgba[fitted == 1] = LIT
    rgba[fitted == 0] = DIM
    buf = np.ascontiguousarray(rgba).tobytes()
    return QImage(buf, width, height, 4 * width, QImage.Format.Format_RGBA8888).copy()


def mask_picture(mask: np.ndarray) -> QImage:
    """For a node that shows no value picture: the traced cells of one example as a small
    amber-on-grey badge (a map stack (1, C, H, W) shows positions lit in any channel, a
    vector one cell per entry)."""
    m = np.asarray(mask, bool)
    if m.ndim > 1 and m.shape[0] == 1:
        m = m[0]
    if m.ndim == 3:
        m = m.any(axis=0)
    elif m.ndim == 1:
        m = m[None, :]
    elif m.ndim == 0:
        m = m.reshape(1, 1)
    elif m.ndim > 3:
        m = m.reshape(m.shape[0], -1)
    rgb = np.empty(m.shape + (3,), np.uint8)
    rgb[...] = (70, 70, 70)
    rgb[m] = LIT[:3]
    scale = max(1, 24 // max(1, m.shape[0])) if m.shape[1] <= 96 else 1
    if scale > 1:
        rgb = np.repeat(np.repeat(rgb, scale, axis=0), min(scale, max(1, 96 // m.shape[1])), axis=1)
    return to_qimage(rgb)
