"""Any array as a 2-D grid of cells, for heatmaps with hover and for small tables.

A scalar is one cell, a vector (n,) one row of n cells, a matrix (r, c) itself. A large 4-D
array (N, C, H, W) is laid out as tiles: one band of H rows per entry of axis 0 (an example, or
a filter of a kernel bank), its channels side by side, W columns each, so feature maps and
kernels look like pictures. Any other array keeps its first axis as rows and flattens the rest
(row-major) into columns. A conv's cached windows (N, C, f, f, OH, OW) can be laid out as
unfolded images: for each example and channel an (OH·f, OW·f) picture in which output
position (i, j) owns the f × f block of input values its window read. Every cell maps back
to the index of
the original array (:meth:`Grid.index_of`), so hover text and table headers name the real
entry, e.g. W[1][3, 0] for row 3, column 0 of a dense weight.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..msg import Msg

TABLE_MAX = 64
"""Arrays with at most this many entries are shown as a table of numbers, larger ones as a
heatmap."""


def fmt_value(x: float) -> str:
    """A number in about 7 characters: 3, -0.25, 1.234e-05, nan."""
    x = float(x)
    if not np.isfinite(x):
        return str(x)
    if x == int(x) and abs(x) < 1e6:
        return str(int(x))
    return f"{x:.4g}"


@dataclass(frozen=True)
class Grid:
    """``cells`` (R, C) float64 and the shape of the array they came from."""

    cells: np.ndarray
    shape: tuple
    tiles: bool = False      # 4-D laid out as (N·H, C·W) tiles
    windows: bool = False    # 6-D (N, C, f, f, OH, OW) laid out as (N·OH·f, C·OW·f)

    @property
    def layout(self) -> "Msg | str":
        """How the cells are arranged, in words (a Msg), for the view's hint line; "" when
        the cells are the array itself."""
        if self.tiles:
            n, c, h, w = self.shape
            return Msg("grid.tiles", n=n, h=h, c=c, w=w)
        if self.windows:
            n, c, f, _, oh, ow = self.shape
            return Msg("grid.windows", f=f)
        if len(self.shape) > 2:
            return Msg("grid.flattened")
        return ""

    def index_of(self, row: int, col: int) -> tuple[int, ...]:
        """The index into the original array of cell (row, col)."""
        if not (0 <= row < self.cells.shape[0] and 0 <= col < self.cells.shape[1]):
            raise IndexError(f"cell ({row}, {col}) is outside the {self.cells.shape} grid")
        if len(self.shape) == 0:
            return ()
        if len(self.shape) == 1:
            return (col,)
        if self.tiles:
            n, i = divmod(row, self.shape[2])
            c, j = divmod(col, self.shape[3])
            return (n, c, i, j)
        if self.windows:
            _, _, f, _, oh, ow = self.shape
            n, rest = divmod(row, oh * f)
            i, a = divmod(rest, f)
            c, rest = divmod(col, ow * f)
            j, b = divmod(rest, f)
            return (n, c, a, b, i, j)
        rest = np.unravel_index(col, self.shape[1:])
        return (row,) + tuple(int(i) for i in rest)

    def value(self, row: int, col: int) -> float:
        return float(self.cells[row, col])

    def row_labels(self) -> list[str]:
        if self.tiles:
            return [",".join(map(str, divmod(r, self.shape[2]))) for r in range(self.cells.shape[0])]
        return [str(i) for i in range(self.cells.shape[0])] if len(self.shape) >= 2 else [""]

    def col_labels(self) -> list[str]:
        """'0', '1', … for vectors and matrices; '0,1,2' (the flattened index) beyond."""
        if self.tiles:
            return [",".join(map(str, divmod(c, self.shape[3]))) for c in range(self.cells.shape[1])]
        if len(self.shape) <= 2:
            return [str(i) for i in range(self.cells.shape[1])]
        return [",".join(str(int(i)) for i in np.unravel_index(c, self.shape[1:]))
                for c in range(self.cells.shape[1])]


def grid_of(array: np.ndarray, tiles: bool | None = None, windows: bool = False) -> Grid:
    """The 2-D grid of ``array``; ``tiles`` (default: for 4-D arrays too large for a table)
    lays (N, C, H, W) out as (N·H, C·W); ``windows`` lays a conv's (N, C, f, f, OH, OW)
    windows out as unfolded images (N·OH·f, C·OW·f)."""
    a = np.asarray(array)
    if windows and a.ndim == 6:
        n, c, f, f2, oh, ow = a.shape
        cells = a.transpose(0, 4, 2, 1, 5, 3).reshape(n * oh * f, c * ow * f2)
        return Grid(cells.astype(np.float64, copy=False), tuple(a.shape), windows=True)
    if tiles is None:
        tiles = a.ndim == 4 and a.size > TABLE_MAX
    tiles = tiles and a.ndim == 4
    if a.ndim == 0:
        cells = a.reshape(1, 1)
    elif a.ndim == 1:
        cells = a.reshape(1, -1)
    elif tiles:
        n, c, h, w = a.shape
        cells = a.transpose(0, 2, 1, 3).reshape(n * h, c * w)
    else:
        cells = a.reshape(a.shape[0], -1)
    return Grid(cells.astype(np.float64, copy=False), tuple(a.shape), bool(tiles))


def use_table(array: np.ndarray) -> bool:
    """True when the array is small enough to read as numbers (at most :data:`TABLE_MAX`)."""
    return 0 < np.size(array) <= TABLE_MAX


def entry_name(name: str, index: tuple[int, ...]) -> str:
    """'dW[1]' and (3, 0) -> 'dW[1][3, 0]'; a scalar keeps its name."""
    return f"{name}[{', '.join(map(str, index))}]" if index else name


def hover_text(name: str, grid: Grid, row: int, col: int) -> str:
    """'dW[1][3, 0] = -0.0123' for the cell under the pointer."""
    return f"{entry_name(name, grid.index_of(row, col))} = {fmt_value(grid.value(row, col))}"


def color_levels(array: np.ndarray, kind: str) -> tuple[float, float]:
    """Colour range: the values' own min..max, or ±max|g| around 0 for a gradient, so that
    zero is the middle colour and the sign reads at a glance."""
    a = np.asarray(array, dtype=np.float64)
    fin = a[np.isfinite(a)]
    if fin.size == 0:
        return (-1.0, 1.0)
    if kind == "grad":
        m = float(np.abs(fin).max())
        return (-m, m) if m > 0 else (-1.0, 1.0)
    lo, hi = float(fin.min()), float(fin.max())
    return (lo, hi) if hi > lo else (lo - 0.5, hi + 0.5)


def stats_text(array: np.ndarray) -> Msg:
    """'16x2 · min -0.4 · max 0.51 · mean 0.01', a Msg (the English text itself) that the app
    renders in the user's language."""
    a = np.asarray(array, dtype=np.float64)
    shape = Msg("stats.scalar") if a.ndim == 0 else "x".join(map(str, a.shape))
    if a.size == 0:
        return Msg("stats.empty", shape=shape)
    fin = a[np.isfinite(a)]
    bad = a.size - fin.size
    if fin.size == 0:
        return Msg("stats.no_finite", shape=shape)
    values = {"shape": shape, "min": fmt_value(fin.min()), "max": fmt_value(fin.max()),
              "mean": fmt_value(fin.mean())}
    return Msg("stats.line_bad", bad=bad, **values) if bad else Msg("stats.line", **values)


__all__ = ["TABLE_MAX", "Grid", "grid_of", "use_table", "entry_name", "hover_text",
           "color_levels", "stats_text", "fmt_value"]
