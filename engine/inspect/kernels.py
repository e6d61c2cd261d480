"""Classic image kernels and a bank that applies many kernels to one image in one pass.

Algorithm
---------
Every kernel of a bank is padded with zeros, centred, to the largest size K in the bank, so
that all of them read the same K x K neighbourhoods. The image (C, H, W) is padded by
replicating its edge pixels, then the engine's shared windowing routine
(:func:`engine.ops.conv.windows`, the one conv2d and pooling use) gives a strided view
(C, H, W, K, K) of every neighbourhood. One matrix product of the kernels (F, C*K*K) with those
neighbourhoods as columns (C*K*K, H*W) gives all F responses (F, H, W) at once. The result is a
cross-correlation, like conv2d: out[f, i, j] = Σ_c,a,b kernel[f, c, a, b] · x[c, i+a-r, j+b-r]
with r = K // 2. Signed responses are kept as they are (never clipped).

Grey means luminance, 0.299 R + 0.587 G + 0.114 B, not the red channel.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from engine.messages import Msg, MsgError
from engine.ops.conv import windows

from .upstream import one_blas_thread

LUMA = np.array([0.299, 0.587, 0.114])
CUSTOM_SIZES = (3, 5, 7)
MAX_SIGMA = 4.0


def luminance(rgb: np.ndarray) -> np.ndarray:
    """(H, W, 3) or (H, W) in [0, 1] -> (H, W) grey: 0.299 R + 0.587 G + 0.114 B."""
    rgb = np.asarray(rgb)
    if rgb.ndim == 2:
        return rgb.astype(np.float32, copy=False)
    if rgb.ndim != 3 or rgb.shape[2] not in (3, 4):
        raise MsgError(Msg("kernel.image_shape", shape=rgb.shape))
    return (rgb[..., :3] @ LUMA.astype(np.float32)).astype(np.float32, copy=False)


@dataclass(frozen=True)
class Kernel:
    """A named kernel (k, k); ``signed`` when it measures change (its weights sum to 0: edges,
    Laplacians), so its response is centred on 0 and drawn with a diverging map. Kernels that
    keep brightness (sum 1: blur, sharpen, emboss) are drawn over their full range."""

    name: str
    weights: np.ndarray
    signed: bool


def gaussian(sigma: float) -> np.ndarray:
    """Normalized Gaussian (k, k) with k = 2·ceil(2.5σ) + 1 (σ in (0, MAX_SIGMA])."""
    if not 0 < sigma <= MAX_SIGMA:
        raise MsgError(Msg("kernel.sigma", max=MAX_SIGMA, sigma=sigma))
    r = max(1, math.ceil(2.5 * sigma))
    t = np.arange(-r, r + 1, dtype=np.float64)
    g = np.exp(-(t * t) / (2 * sigma * sigma))
    k = np.outer(g, g)
    return k / k.sum()


def _k(rows: list[list[float]], scale: float = 1.0) -> np.ndarray:
    return np.array(rows, dtype=np.float64) * scale


SOBEL_X = _k([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]])
SOBEL_Y = SOBEL_X.T.copy()
PREWITT_X = _k([[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]])
PREWITT_Y = PREWITT_X.T.copy()

# name -> (kernel, signed); "sobel magnitude" is derived from sobel x and y (not linear)
_CLASSIC: dict[str, tuple[np.ndarray, bool]] = {
    "identity": (_k([[0, 0, 0], [0, 1, 0], [0, 0, 0]]), False),
    "sobel x": (SOBEL_X, True),
    "sobel y": (SOBEL_Y, True),
    "prewitt x": (PREWITT_X, True),
    "prewitt y": (PREWITT_Y, True),
    "laplacian 4": (_k([[0, 1, 0], [1, -4, 1], [0, 1, 0]]), True),
    "laplacian 8": (_k([[1, 1, 1], [1, -8, 1], [1, 1, 1]]), True),
    "box blur 3": (np.full((3, 3), 1 / 9), False),
    "box blur 5": (np.full((5, 5), 1 / 25), False),
    "sharpen": (_k([[0, -1, 0], [-1, 5, -1], [0, -1, 0]]), False),
    "emboss": (_k([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]]), False),
    "outline": (_k([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]]), True),
}
SOBEL_MAGNITUDE = "sobel magnitude"
CLASSIC_NAMES = ("identity", "sobel x", "sobel y", SOBEL_MAGNITUDE, "prewitt x", "prewitt y",
                 "laplacian 4", "laplacian 8", "box blur 3", "box blur 5", "gaussian", "sharpen",
                 "emboss", "outline")


def classic(name: str, sigma: float = 1.0) -> Kernel:
    """One classic kernel by name ('gaussian' takes ``sigma``); not 'sobel magnitude'."""
    if name == "gaussian":
        return Kernel(f"gaussian σ={sigma:g}", gaussian(sigma), False)
    if name not in _CLASSIC:
        raise KeyError(f"unknown kernel {name!r}; known: {', '.join(CLASSIC_NAMES)}")
    w, signed = _CLASSIC[name]
    return Kernel(name, w.copy(), signed)


def parse_kernel(text: str) -> np.ndarray:
    """A custom kernel typed as rows of numbers ('1 0 -1' per line, or ';' between rows).

    Accepts 3x3, 5x5 or 7x7; raise ValueError naming what is wrong and how to fix it.
    """
    rows = [r for r in re.split(r"[;\n]+", text.strip()) if r.strip()]
    if not rows:
        raise MsgError(Msg("kernel.empty"))
    grid: list[list[float]] = []
    for i, row in enumerate(rows, 1):
        cells = [c for c in re.split(r"[,\s]+", row.strip()) if c]
        vals = []
        for c in cells:
            try:
                v = float(c)
            except ValueError:
                raise MsgError(Msg("kernel.not_number", row=i, cell=c)) from None
            if not math.isfinite(v):
                raise MsgError(Msg("kernel.not_finite", row=i, cell=c))
            vals.append(v)
        grid.append(vals)
    n = len(grid)
    if n not in CUSTOM_SIZES:
        raise MsgError(Msg("kernel.rows", n=n))
    for i, r in enumerate(grid, 1):
        if len(r) != n:
            raise MsgError(Msg("kernel.not_square", row=i, count=len(r), n=n))
    return np.array(grid, dtype=np.float64)


def _centred(k: np.ndarray, size: int) -> np.ndarray:
    """(.., k, k) zero-padded to (.., size, size), centred (an even k sits up-left of centre)."""
    kh = k.shape[-1]
    lo = (size - kh) // 2
    out = np.zeros(k.shape[:-2] + (size, size), dtype=np.float32)
    out[..., lo:lo + kh, lo:lo + kh] = k
    return out


def stack_kernels(kernels: list[np.ndarray], channels: int = 1) -> np.ndarray:
    """Kernels (k, k) or (C, k, k) of mixed sizes -> one (F, C, K, K) array, K the largest."""
    if not kernels:
        raise MsgError(Msg("kernel.none"))
    size = max(np.shape(k)[-1] for k in kernels)
    out = np.zeros((len(kernels), channels, size, size), dtype=np.float32)
    for f, k in enumerate(kernels):
        k = np.asarray(k, dtype=np.float64)
        if k.ndim == 2:
            k = np.broadcast_to(k, (channels,) + k.shape) if channels > 1 else k[None]
        if k.shape[0] != channels or k.shape[-1] != k.shape[-2]:
            raise MsgError(Msg("kernel.shape", index=f, shape=k.shape, channels=channels))
        out[f] = _centred(k, size)
    return out


def apply_bank(image: np.ndarray, bank: np.ndarray) -> np.ndarray:
    """All kernels on one image in one pass: image (C, H, W) or (H, W), bank (F, C, K, K)
    -> responses (F, H, W) float32, same size as the image (edge pixels replicated).

    The windows are turned into columns a band of rows at a time (about 2 MB of columns per
    band), so each band's columns are still in the cache when the product reads them.
    """
    x = np.asarray(image, dtype=np.float32)
    if x.ndim == 2:
        x = x[None]
    c, h, w = x.shape
    f, cb, k, _ = bank.shape
    if cb != c:
        raise MsgError(Msg("kernel.bank_channels", kernels=cb, image=c))
    lo = (k - 1) // 2
    hi = k - 1 - lo
    xp = np.pad(x, ((0, 0), (lo, hi), (lo, hi)), mode="edge")
    win = windows(xp[None], k, 1)[0]                      # (C, H, W, K, K), no copy
    flat = bank.reshape(f, c * k * k).astype(np.float32, copy=False)
    out = np.empty((f, h, w), dtype=np.float32)
    band = max(1, (1 << 19) // max(1, c * k * k * w))     # rows per band: ~2 MB of float32
    with one_blas_thread():
        for r0 in range(0, h, band):
            r1 = min(h, r0 + band)
            cols = win[:, r0:r1].transpose(0, 3, 4, 1, 2).reshape(c * k * k, (r1 - r0) * w)
            out[:, r0:r1] = (flat @ cols).reshape(f, r1 - r0, w)
    return out



@dataclass
class FilterResult:
    """One picture of the filter lab: its name, the response (H, W), the kernel it used
    ((k, k), or None for a derived picture such as the Sobel magnitude), and whether it is
    signed."""

    name: str
    response: np.ndarray
    kernel: np.ndarray | None
    signed: bool


def classic_bank(grey: np.ndarray, names: list[str], sigma: float = 1.0,
                 custom: list[tuple[str, np.ndarray]] | None = None) -> list[FilterResult]:
    """The chosen classic kernels, then the custom ones, on a grey image (H, W), in one pass.

    'sobel magnitude' is √(Gx² + Gy²) from the Sobel x and y responses of the same pass.
    """
    linear: dict[str, Kernel] = {}
    for n in names:
        if n == SOBEL_MAGNITUDE:
            linear.setdefault("sobel x", classic("sobel x"))
            linear.setdefault("sobel y", classic("sobel y"))
        else:
            linear.setdefault(n, classic(n, sigma))
    custom = [(n, np.asarray(k, np.float64)) for n, k in (custom or [])]
    weights = [k.weights for k in linear.values()] + [k for _, k in custom]
    resp = apply_bank(grey, stack_kernels(weights))
    by = dict(zip(linear, resp))
    out: list[FilterResult] = []
    for n in names:
        if n == SOBEL_MAGNITUDE:
            out.append(FilterResult(SOBEL_MAGNITUDE, np.hypot(by["sobel x"], by["sobel y"]),
                                    None, False))
        else:
            k = linear[n]
            out.append(FilterResult(k.name, by[n], k.weights, k.signed))
    for (n, k), r in zip(custom, resp[len(linear):]):
        out.append(FilterResult(n, r, k, zero_sum(k)))
    return out


def zero_sum(k: np.ndarray) -> bool:
    """True for a kernel that measures change: its weights sum to 0 (and some are negative)."""
    k = np.asarray(k, np.float64)
    return bool(np.any(k < 0) and abs(k.sum()) <= 1e-6 * max(1.0, np.abs(k).sum()))


def patch_sum(image: np.ndarray, kernel: np.ndarray, i: int, j: int) -> tuple[np.ndarray, float]:
    """The patch (k, k) of a grey image (H, W) under ``kernel`` centred at (i, j), edge pixels
    replicated as in :func:`apply_bank`, and Σ kernel · patch (the response at (i, j))."""
    k = kernel.shape[0]
    lo = (k - 1) // 2
    h, w = image.shape
    rows = np.clip(np.arange(i - lo, i - lo + k), 0, h - 1)
    cols = np.clip(np.arange(j - lo, j - lo + k), 0, w - 1)
    patch = np.asarray(image, np.float64)[np.ix_(rows, cols)]
    return patch, float(np.sum(patch * kernel))


def symmetric_range(arrays: list[np.ndarray]) -> tuple[float, float]:
    """Levels for a picture or a set of them: ±max|v| when any value is negative (a diverging
    scale centred on 0), else (min, max). Never empty: equal ends are widened."""
    lo = min(float(np.nanmin(a)) for a in arrays)
    hi = max(float(np.nanmax(a)) for a in arrays)
    if lo < 0:
        m = max(abs(lo), abs(hi)) or 1.0
        return -m, m
    if hi <= lo:
        return lo, lo + 1.0
    return lo, hi


def resize(img: np.ndarray, h: int, w: int) -> np.ndarray:
    """(H, W) or (H, W, C) -> (h, w[, C]) float32: each target pixel is the mean of the source
    pixels it covers when shrinking, the nearest source pixel when enlarging."""
    img = np.asarray(img, dtype=np.float32)
    sh, sw = img.shape[:2]
    if sh >= h and sw >= w:
        r = (np.arange(h + 1) * sh) // h
        c = (np.arange(w + 1) * sw) // w
        cs = np.cumsum(np.cumsum(np.pad(img, ((1, 0), (1, 0)) + ((0, 0),) * (img.ndim - 2)),
                                 0, dtype=np.float64), 1)
        tot = (cs[r[1:]][:, c[1:]] - cs[r[:-1]][:, c[1:]]
               - cs[r[1:]][:, c[:-1]] + cs[r[:-1]][:, c[:-1]])
        area = np.outer(np.diff(r), np.diff(c))
        if img.ndim == 3:
            area = area[..., None]
        return (tot / area).astype(np.float32)
    ri = np.minimum((np.arange(h) + 0.5) * sh / h, sh - 1).astype(int)
    ci = np.minimum((np.arange(w) + 0.5) * sw / w, sw - 1).astype(int)
    return img[ri][:, ci]


def fit_image(rgb: np.ndarray, channels: int, h: int, w: int) -> np.ndarray:
    """An image (H, W[, 3]) in [0, 1] as a network input (1, channels, h, w): luminance for
    one channel, RGB for three; ValueError for any other channel count."""
    if channels == 1:
        x = resize(luminance(rgb), h, w)[None]
    elif channels == 3:
        src = rgb if np.ndim(rgb) == 3 else np.repeat(np.asarray(rgb)[..., None], 3, axis=2)
        x = resize(np.asarray(src)[..., :3], h, w).transpose(2, 0, 1)
    else:
        raise MsgError(Msg("kernel.input_channels", channels=channels))
    return np.ascontiguousarray(x[None], dtype=np.float32)


def learned_bank(image_rgb: np.ndarray, w: np.ndarray, name: str) -> list[FilterResult]:
    """A conv node's filters W (O, C, k, k) on an image (H, W, 3) in [0, 1]: one channel reads
    luminance, three read R, G, B (as the network would); ValueError for other channel counts."""
    o, c, k, _ = w.shape
    if c == 1:
        img = luminance(image_rgb)[None]
    elif c == 3:
        rgb = image_rgb if np.ndim(image_rgb) == 3 else np.repeat(image_rgb[..., None], 3, 2)
        img = np.ascontiguousarray(np.asarray(rgb)[..., :3].transpose(2, 0, 1))
    else:
        raise MsgError(Msg("kernel.reads_maps", name=name, channels=c))
    resp = apply_bank(img, np.asarray(w, np.float32))
    return [FilterResult(f"{name} filter {f}", resp[f], np.asarray(w[f]).mean(axis=0), True)
            for f in range(o)]


def result_levels(results: list[FilterResult], shared: bool) -> list[tuple[float, float]]:
    """Colour levels per result, never clipping a value: a signed result (a kernel measuring
    change) is symmetric around 0 (±max|v|, diverging map), any other spans its min..max.
    Shared: one range over all results (symmetric when any of them is signed)."""
    ends = [(float(r.response.min()), float(r.response.max())) for r in results]

    def fit(lo: float, hi: float, signed: bool) -> tuple[float, float]:
        if signed:
            m = max(abs(lo), abs(hi)) or 1.0
            return (-m, m)
        return (lo, hi if hi > lo else lo + 1.0)

    if shared and results:
        both = fit(min(e[0] for e in ends), max(e[1] for e in ends),
                   any(r.signed for r in results))
        return [both] * len(results)
    return [fit(lo, hi, r.signed) for (lo, hi), r in zip(ends, results)]
