"""Feature maps as one picture: every channel of one example laid out in a grid, on a local,
shared or global colour scale, with the kernels that made them.

The panel draws one image (the mosaic) rather than one image per channel, so a redraw is one
upload whatever the channel count. Each map is normalized to [0, 1] (or to [−1, 1] around 0
when its scale is signed, for a diverging colour map) with its own levels; gaps between maps are
NaN (drawn as background). :class:`Mosaic` maps a pixel of the picture back to
(channel, row, column) for hovering and clicking.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from engine.graph import Graph
from engine.messages import Msg, MsgError

from .upstream import Probe, ProbeError, run_upto
from .receptive_field import POSITION_OPS, WINDOW_OPS, is_map

SCALES = ("local", "shared", "global")


def grid_shape(n: int, aspect: float = 1.0) -> tuple[int, int]:
    """(rows, cols) for n tiles, about ``aspect`` times as wide as tall."""
    if n <= 0:
        return (0, 0)
    cols = max(1, min(n, math.ceil(math.sqrt(n * aspect))))
    return (math.ceil(n / cols), cols)


@dataclass(frozen=True)
class Levels:
    """Per-channel colour range lo, hi (C,); ``signed`` channels are centred on 0."""

    lo: np.ndarray
    hi: np.ndarray
    signed: np.ndarray


def levels(maps: np.ndarray, scale: str = "local",
           global_range: tuple[float, float] | None = None) -> Levels:
    """Colour ranges of maps (C, H, W): local (each map its own), shared (one range over this
    example's maps) or global (``global_range``, e.g. over many examples: :func:`value_range`).
    A range that includes negative values becomes ±max|v| (diverging, never clipped)."""
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {', '.join(SCALES)}; got {scale!r}")
    c = maps.shape[0]
    flat = maps.reshape(c, -1)
    if scale == "local":
        lo, hi = np.nanmin(flat, axis=1), np.nanmax(flat, axis=1)
    elif scale == "shared":
        lo = np.full(c, np.nanmin(flat))
        hi = np.full(c, np.nanmax(flat))
    else:
        if global_range is None:
            raise ValueError("a global scale needs the range over the examples")
        lo, hi = np.full(c, float(global_range[0])), np.full(c, float(global_range[1]))
    lo, hi = lo.astype(np.float64), hi.astype(np.float64)
    signed = lo < 0
    m = np.maximum(np.abs(lo), np.abs(hi))
    lo = np.where(signed, -m, lo)
    hi = np.where(signed, m, hi)
    flat_range = hi <= lo
    hi = np.where(flat_range, lo + 1.0, hi)
    return Levels(lo, hi, signed)


def value_range(values: np.ndarray) -> tuple[float, float]:
    """(min, max) of a node's values over several examples (N, C, H, W), for a global scale."""
    v = np.asarray(values, dtype=np.float64)
    return float(np.nanmin(v)), float(np.nanmax(v))


@dataclass(frozen=True)
class Mosaic:
    """The picture (rows·(H+gap)−gap, cols·(W+gap)−gap) and how it is laid out."""

    image: np.ndarray
    rows: int
    cols: int
    h: int
    w: int
    gap: int
    signed: bool          # True when any map is on a diverging scale: image values in [−1, 1]

    def origin(self, c: int) -> tuple[int, int]:
        """Top-left pixel (y, x) of channel c's tile."""
        r, q = divmod(c, self.cols)
        return r * (self.h + self.gap), q * (self.w + self.gap)

    def cell_at(self, y: float, x: float, channels: int) -> tuple[int, int, int] | None:
        """(channel, row, column) under picture pixel (y, x), None over a gap or outside."""
        if y < 0 or x < 0:
            return None
        r, yy = divmod(int(y), self.h + self.gap)
        q, xx = divmod(int(x), self.w + self.gap)
        c = r * self.cols + q
        if yy >= self.h or xx >= self.w or q >= self.cols or c >= channels:
            return None
        return c, yy, xx


def mosaic(maps: np.ndarray, lv: Levels, cols: int | None = None, gap: int = 1) -> Mosaic:
    """Maps (C, H, W) normalized by their levels and tiled into one picture.

    A signed channel maps to v / max|v| in [−1, 1], an unsigned one to (v − lo)/(hi − lo) in
    [0, 1]; when some channels are signed, unsigned ones are mapped to [0, 1] too, so that 0 is
    the same colour everywhere.
    """
    c, h, w = maps.shape
    rows, cols = grid_shape(c) if cols is None else (math.ceil(c / cols), cols)
    norm = (maps - lv.lo[:, None, None]) / (lv.hi - lv.lo)[:, None, None]
    signed = bool(lv.signed.any())
    if signed:
        sym = maps / lv.hi[:, None, None]
        norm = np.where(lv.signed[:, None, None], sym, norm)
    out = np.full((rows * (h + gap) - gap, cols * (w + gap) - gap), np.nan, np.float32)
    for k in range(c):
        r, q = divmod(k, cols)
        out[r * (h + gap):r * (h + gap) + h, q * (w + gap):q * (w + gap) + w] = norm[k]
    return Mosaic(out, rows, cols, h, w, gap, signed)


def labels(maps: np.ndarray) -> list[str]:
    """'3: −0.21 … 1.4' per channel: its index and the range of its values."""
    flat = maps.reshape(maps.shape[0], -1)
    return [f"{c}: {lo:.3g} … {hi:.3g}" for c, (lo, hi) in
            enumerate(zip(np.nanmin(flat, 1), np.nanmax(flat, 1)))]


def map_nodes(graph: Graph) -> list[str]:
    """Nodes whose value is a stack of 2-D maps (conv, pool, activations of them…), in order."""
    return [n for n in graph.topo_order() if graph.nodes[n].op != "input" and is_map(graph, n)]


def input_nodes(graph: Graph, node: str) -> list[str]:
    """The fed inputs ``node`` depends on."""
    up = graph.ancestors(node)
    return [n for n in graph.topo_order() if n in up and graph.nodes[n].op == "input"]


def kernel_source(graph: Graph, node: str) -> str | None:
    """The conv whose filters made this node's channels: the node itself, or the nearest conv
    upstream through ops that keep channels (activations, pooling, batch norm); None if none."""
    nid: str | None = node
    while nid is not None:
        n = graph.nodes[nid]
        if n.op in ("conv2d", "group_conv2d"):
            return nid
        if n.op not in POSITION_OPS and n.op not in WINDOW_OPS or n.op == "concat":
            return None
        srcs = graph.inputs_of(nid)
        nid = srcs[0] if srcs else None
    return None


def kernel_tiles(w: np.ndarray, in_channel: int | None = None) -> tuple[np.ndarray, Msg]:
    """Filters W (O, C, k, k) as O pictures (O, k, k): one input channel's slice, or the mean
    over input channels (None); with the words saying which."""
    o, c, k, _ = w.shape
    if c == 1:
        return w[:, 0], Msg("maps.kernels_one")
    if in_channel is None:
        return w.mean(axis=1), Msg("maps.kernels_mean", channels=c)
    if not 0 <= in_channel < c:
        raise MsgError(Msg("view.in_channel", channel=in_channel, top=c - 1))
    return w[:, in_channel], Msg("maps.kernels_slice", channel=in_channel)


@dataclass
class MapsView:
    """Everything the Feature maps panel draws for one node and one example."""

    node: str
    probe: Probe
    maps: np.ndarray                 # (C, H, W) the example's channels
    levels: Levels
    mosaic: Mosaic
    labels: list[str]
    kernel_node: str | None
    kernels: Mosaic | None           # the filters as one picture, or None
    kernel_words: "Msg | str"


def examples_for(graph: Graph, node: str, arrays: dict, index: int | slice) -> dict:
    """Feeds for the inputs ``node`` needs, example(s) ``index`` of the data set's arrays;
    ProbeError naming the input when the data set has none for it."""
    feeds = {}
    for nid in input_nodes(graph, node):
        name = graph.nodes[nid].name
        if name not in arrays:
            raise ProbeError(Msg("probe.no_array", input=name))
        a = np.asarray(arrays[name])
        sel = slice(index, index + 1) if isinstance(index, int) else index
        if isinstance(index, int) and not 0 <= index < len(a):
            raise ProbeError(Msg("probe.no_example", index=index, count=len(a)))
        feeds[nid] = a[sel]
    return feeds


def build_view(graph: Graph, feeds: dict, node: str, scale: str = "local",
               global_range: tuple[float, float] | None = None, aspect: float = 1.0) -> MapsView:
    """Run up to ``node`` on one example and lay out its maps (a grid about ``aspect`` times as
    wide as tall, in pixels) and its kernels."""
    if not is_map(graph, node):
        raise ProbeError(Msg("probe.not_maps", node=graph.nodes[node].name))
    pr = run_upto(graph, feeds, node)
    maps = np.asarray(pr.values[node][0], dtype=np.float64)
    lv = levels(maps, scale, global_range)
    h, w = maps.shape[1:]
    mo = mosaic(maps, lv, cols=grid_shape(len(maps), aspect * h / max(w, 1))[1])
    ksrc = kernel_source(graph, node)
    kmo, words = None, ""
    if ksrc is not None:
        tiles, words = kernel_tiles(graph.nodes[ksrc].weights["W"])
        cols = mo.cols if len(tiles) == len(maps) else None
        kmo = mosaic(tiles, levels(tiles, "local"), cols=cols)
    return MapsView(node, pr, maps, lv, mo, labels(maps), ksrc, kmo, words)


def random_arrays(graph: Graph, node: str, n: int = 8, seed: int = 0) -> dict[str, np.ndarray]:
    """Stand-in data when no data set is loaded: ``n`` uniform [0, 1) examples for every float
    input ``node`` needs (zeros for integer inputs), keyed by input name; ProbeError when an
    input's shape has an open dimension besides the batch."""
    rng = np.random.default_rng(seed)
    out = {}
    for nid in input_nodes(graph, node):
        p = graph.nodes[nid].params
        shape = tuple(p["shape"])
        if any(d is None for d in shape[1:]):
            raise ProbeError(Msg("probe.open_dimension", input=graph.nodes[nid].name,
                                 shape=shape))
        full = (n,) + tuple(int(d) for d in shape[1:])
        out[graph.nodes[nid].name] = (np.zeros(full, np.int64) if p["dtype"] == "int"
                                      else rng.random(full).astype(np.float32))
    return out
