"""Small pictures and short text for arrays, so a node can show the value (or gradient) it holds.

What an array becomes depends on its shape:

- scalar (or one entry): text only, the number;
- vector (n,): a bar strip, one bar per entry, rising from a zero baseline;
- matrix (r, c): a heatmap, one cell per entry (rows = examples for a batch);
- image batch (N, C, H, W): the first example, RGB when C is 3, else its channels tiled;
- anything else: a heatmap of a 2-D view (the first example, flattened to rows x columns).

Values use a sequential map (viridis: dark blue → green → yellow) scaled to their own min/max.
Gradients use a diverging map of another colour family (magenta ← white → orange) centred on 0
and scaled by the largest magnitude, so the sign of every entry reads at a glance.

Everything is vectorized: a 256-entry lookup table per map, ``np.take`` to colour, and one
``QImage`` built from the bytes, then copied so the image owns its memory.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from ..i18n import translate
from ..shape_words import fmt_shape

from ..i18n import translate

MAX_CELLS = 96          # an axis longer than this is subsampled before colouring
THUMB_W, THUMB_H = 72, 40

_VIRIDIS = [(68, 1, 84), (72, 40, 120), (62, 74, 137), (49, 104, 142), (38, 130, 142),
            (31, 158, 137), (53, 183, 121), (109, 205, 89), (180, 222, 44), (253, 231, 37)]
_DIVERGING = [(142, 1, 82), (197, 27, 125), (222, 119, 174), (241, 182, 218), (247, 247, 247),
              (254, 224, 182), (253, 184, 99), (224, 130, 20), (179, 88, 6)]

VALUE_COLOR = QColor(31, 120, 140)     # text colour for forward values
GRAD_COLOR = QColor(200, 90, 0)        # text colour for gradients


def _lut(anchors: list[tuple[int, int, int]]) -> np.ndarray:
    """A (256, 3) uint8 table interpolated linearly between evenly spaced anchor colours."""
    pts = np.linspace(0.0, 1.0, len(anchors))
    x = np.linspace(0.0, 1.0, 256)
    a = np.asarray(anchors, dtype=np.float64)
    return np.stack([np.interp(x, pts, a[:, c]) for c in range(3)], axis=1).round().astype(np.uint8)


LUTS = {"value": _lut(_VIRIDIS), "grad": _lut(_DIVERGING)}


@dataclass
class Rendered:
    """What a node shows: a picture (None for scalars), a short text and the text colour."""

    image: QImage | None
    text: str | None
    color: QColor


def fmt_number(x: float) -> str:
    """A number in at most about 6 characters: 3, -0.25, 1.2e-05, nan."""
    x = float(x)
    if not np.isfinite(x):
        return str(x)
    if x == int(x) and abs(x) < 1e6:
        return str(int(x))
    return f"{x:.4g}"


def _short(x: float) -> str:
    """Two significant digits, for the min…max text that has to fit on a node."""
    x = float(x)
    return str(int(x)) if x == int(x) and abs(x) < 1e4 else f"{x:.2g}"


def _finite(a: np.ndarray) -> np.ndarray:
    return np.nan_to_num(a.astype(np.float64, copy=False), nan=0.0, posinf=0.0, neginf=0.0)


def _levels(a: np.ndarray, kind: str) -> np.ndarray:
    """Indices 0..255 into the colour table: min..max for values, -m..m around 0 for grads."""
    a = _finite(a)
    if kind == "grad":
        m = float(np.abs(a).max()) if a.size else 0.0
        scaled = 0.5 + 0.5 * a / m if m > 0 else np.full(a.shape, 0.5)
    else:
        lo, hi = (float(a.min()), float(a.max())) if a.size else (0.0, 0.0)
        scaled = (a - lo) / (hi - lo) if hi > lo else np.full(a.shape, 0.5)
    return np.clip(scaled * 255.0 + 0.5, 0, 255).astype(np.uint8)


def colorize(a2d: np.ndarray, kind: str = "value") -> np.ndarray:
    """(H, W) numbers -> (H, W, 3) uint8 RGB through the map for ``kind``."""
    return np.take(LUTS[kind], _levels(a2d, kind), axis=0)


def to_qimage(rgb: np.ndarray) -> QImage:
    """(H, W, 3) uint8 -> a QImage that owns a copy of the pixels."""
    rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
    h, w = rgb.shape[:2]
    buf = rgb.tobytes()
    img = QImage(buf, w, h, 3 * w, QImage.Format.Format_RGB888)
    return img.copy()  # detaches from ``buf``, which dies with this frame


def _subsample(a: np.ndarray, limit: int = MAX_CELLS) -> np.ndarray:
    slices = tuple(slice(None, None, max(1, -(-n // limit))) for n in a.shape)
    return a[slices]


def bar_strip(v: np.ndarray, kind: str = "value", height: int = 24) -> np.ndarray:
    """(n,) -> (height, n, 3) RGB: one bar per entry from a zero baseline, coloured by value."""
    v = _finite(_subsample(np.ravel(v)))
    n = len(v)
    lo, hi = min(0.0, float(v.min())), max(0.0, float(v.max()))
    span = hi - lo if hi > lo else 1.0
    rows = (np.arange(height)[::-1, None] + 0.5) / height * span + lo   # value at each row
    base = 0.0
    inside = ((rows <= v[None, :]) & (rows >= base)) | ((rows >= v[None, :]) & (rows <= base))
    colours = colorize(v[None, :], kind)[0]                                # (n, 3)
    img = np.empty((height, n, 3), np.uint8)
    img[:] = (236, 236, 236)
    img[inside] = np.broadcast_to(colours[None, :, :], (height, n, 3))[inside]
    zero_row = int(np.clip(round((hi - 0.0) / span * height), 0, height - 1))
    if lo < 0 < hi:
        img[zero_row, :] = (120, 120, 120)
    return img


def _grid(tiles: np.ndarray) -> np.ndarray:
    """(k, H, W) -> one (rows*H + gaps, cols*W + gaps) array of tiles separated by NaN lines."""
    k, h, w = tiles.shape
    cols = int(np.ceil(np.sqrt(k)))
    rows = -(-k // cols)
    out = np.full((rows * (h + 1) - 1, cols * (w + 1) - 1), np.nan)
    for i in range(k):
        r, c = divmod(i, cols)
        out[r * (h + 1):r * (h + 1) + h, c * (w + 1):c * (w + 1) + w] = tiles[i]
    return out


def image_array(a: np.ndarray, kind: str = "value") -> np.ndarray | None:
    """The (H, W, 3) RGB picture for a non-scalar array, or None for a scalar."""
    a = np.asarray(a)
    if a.size <= 1:
        return None
    if a.ndim == 1:
        return bar_strip(a, kind)
    if a.ndim == 2:
        return colorize(_subsample(a), kind)
    if a.ndim == 4:
        first = a[0]
        c = first.shape[0]
        if c == 3 and kind == "value":
            x = _finite(first)
            lo, hi = float(x.min()), float(x.max())
            x = (x - lo) / (hi - lo) if hi > lo else np.full(x.shape, 0.5)
            return (np.transpose(_subsample(x, 128), (1, 2, 0)) * 255 + 0.5).astype(np.uint8)
        if c == 1:
            return colorize(_subsample(first[0], 128), kind)
        tiles = _finite(first[:16])
        grid = _grid(tiles)
        rgb = colorize(np.nan_to_num(grid, nan=float(np.nanmin(grid))), kind)
        rgb[np.isnan(grid)] = (255, 255, 255)
        return rgb
    view = a[0] if a.ndim == 3 else a.reshape(a.shape[0], -1)
    return colorize(_subsample(np.asarray(view)), kind)


def cell_at(shape: tuple, fx: float, fy: float) -> tuple[int, ...] | None:
    """The inverse of :func:`image_array`'s layout: the index of the array entry drawn at the
    fraction (fx, fy) of the picture's width and height (0 ≤ f < 1), or None over a gap or for
    a scalar. A colour (RGB) picture of 3 channels gives channel 0."""
    shape = tuple(int(d) for d in shape)
    if not (0 <= fx < 1 and 0 <= fy < 1) or int(np.prod(shape)) <= 1:
        return None

    def sub(n: int, limit: int, f: float) -> int:
        step = max(1, -(-n // limit))
        return min(n - 1, int(f * (-(-n // step))) * step)

    if len(shape) == 1:
        return (sub(shape[0], MAX_CELLS, fx),)
    if len(shape) == 2:
        return (sub(shape[0], MAX_CELLS, fy), sub(shape[1], MAX_CELLS, fx))
    if len(shape) == 4:
        c, h, w = shape[1:]
        if c in (1, 3):
            return (0, 0, sub(h, 128, fy), sub(w, 128, fx))
        k = min(c, 16)
        cols = int(np.ceil(np.sqrt(k)))
        rows = -(-k // cols)
        gh, gw = rows * (h + 1) - 1, cols * (w + 1) - 1
        r, i = divmod(int(fy * gh), h + 1)
        q, j = divmod(int(fx * gw), w + 1)
        t = r * cols + q
        return None if i >= h or j >= w or t >= k else (0, t, i, j)
    if len(shape) == 3:
        return (0, sub(shape[1], MAX_CELLS, fy), sub(shape[2], MAX_CELLS, fx))
    rest = int(np.prod(shape[1:]))
    flat = sub(rest, MAX_CELLS, fx)
    return (sub(shape[0], MAX_CELLS, fy),) + tuple(int(v) for v in np.unravel_index(flat, shape[1:]))


def render(array: np.ndarray, kind: str = "value", size: tuple[int, int] = (THUMB_W, THUMB_H)
           ) -> Rendered:
    """A thumbnail (scaled to fit ``size``, nearest-neighbour) and a short text for ``array``."""
    a = np.asarray(array)
    color = GRAD_COLOR if kind == "grad" else VALUE_COLOR
    if a.size == 1:
        return Rendered(None, fmt_number(a.reshape(-1)[0]), color)
    if a.size == 0:
        return Rendered(None, _empty(a), color)
    rgb = image_array(a, kind)
    img = to_qimage(rgb)
    if a.ndim == 1:     # bars may stretch: a few pixels per entry, a bit lower than the box
        img = img.scaled(min(size[0], max(16, 8 * rgb.shape[1])), max(8, int(size[1] * 0.7)),
                         Qt.AspectRatioMode.IgnoreAspectRatio,
                         Qt.TransformationMode.FastTransformation)
    else:
        img = img.scaled(size[0], size[1], Qt.AspectRatioMode.KeepAspectRatio,
                         Qt.TransformationMode.FastTransformation)
        # a wide matrix (4 examples x 128 features) would shrink to a 2-pixel sliver, a tall
        # one to a sliver on its side: cells need not be square, so let them stretch
        least = max(8, size[1] // 3)
        if img.height() < least or img.width() < least:
            img = img.scaled(max(img.width(), min(size[0], least)),
                             max(img.height(), min(size[1], least)),
                             Qt.AspectRatioMode.IgnoreAspectRatio,
                             Qt.TransformationMode.FastTransformation)
    f = _finite(a)
    lo, hi = _short(f.min()), _short(f.max())
    text = translate("Values", "all {value}").format(value=lo) if lo == hi else f"{lo}…{hi}"
    return Rendered(img, text, color)


def summary(array: np.ndarray, entries: int = 6) -> str:
    """'4x3  min -1.2  max 3.4  mean 0.5' and a line with the first few entries, for hovers."""
    a = np.asarray(array)
    if a.size == 0:
        return _empty(a)
    if a.ndim == 0 or a.size == 1:
        return f"{fmt_shape(a.shape)}  {fmt_number(a.reshape(-1)[0])}"
    f = a.astype(np.float64, copy=False)
    head = ", ".join(fmt_number(x) for x in f.reshape(-1)[:entries])
    more = ", …" if a.size > entries else ""
    bad = int(np.size(f) - np.isfinite(f).sum())
    warn = translate("Values", "  ({count} not finite)").format(count=bad) if bad else ""
    fin = _finite(f)
    stats = translate("Values", "{shape}  min {min}  max {max}  mean {mean}").format(
        shape=fmt_shape(a.shape), min=fmt_number(fin.min()), max=fmt_number(fin.max()),
        mean=fmt_number(fin.mean()))
    return f"{stats}{warn}\n[{head}{more}]"


def _empty(a: np.ndarray) -> str:
    return translate("Values", "{shape} (empty)").format(shape=fmt_shape(a.shape))


__all__ = ["Rendered", "render", "summary", "colorize", "bar_strip", "image_array", "cell_at",
           "to_qimage",
           "fmt_number", "LUTS", "VALUE_COLOR", "GRAD_COLOR"]
