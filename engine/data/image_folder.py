"""A folder of images with one sub-folder per class, as a data set.

``flowers/rose/1.png, flowers/rose/2.png, flowers/tulip/a.png`` gives classes ``rose`` (0) and
``tulip`` (1). Every image is decoded, converted to grey or colour and resized to one size. A
file that cannot be decoded is reported with its name and skipped; it never stops the load.

Decoding is a parameter: the app passes one built on Qt's image reader (PNG, JPEG, BMP, GIF…);
the engine itself, which must not import Qt, decodes only the NetPBM formats (PGM, PPM), which
NumPy reads directly. Both return (C, H, W) float32 arrays in [0, 1].
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from . import ProgressFn, StopFn, report
from ..messages import Msg, carried
from ..training import Dataset

__all__ = ["ImageFolderError", "FolderScan", "scan_folder", "load_image_folder",
           "decode_netpbm", "resize", "to_channels", "IMAGE_EXTENSIONS", "MAX_SIDE"]

IMAGE_EXTENSIONS = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".gif", ".pgm", ".ppm", ".pnm",
                              ".pbm", ".webp", ".tif", ".tiff"})
MAX_SIDE = 256
Decoder = Callable[[str, int, bool], np.ndarray]   # (path, size, grey) -> (C, size, size)


class ImageFolderError(ValueError):
    """The folder as a whole cannot be used (not a folder, no class folders, no images)."""


@dataclass
class FolderScan:
    """What a folder holds: class names (sub-folders, sorted) and (path, class id) per file."""

    classes: list[str]
    files: list[tuple[str, int]]
    ignored: list[str] = field(default_factory=list)   # files that are not images by name

    def counts(self) -> list[int]:
        out = [0] * len(self.classes)
        for _, k in self.files:
            out[k] += 1
        return out


def scan_folder(folder: str | os.PathLike) -> FolderScan:
    """List the class sub-folders of ``folder`` and the image files in each."""
    folder = os.fspath(folder)
    if not os.path.isdir(folder):
        raise ImageFolderError(Msg("data.not_folder", folder=folder))
    classes = sorted(d for d in os.listdir(folder)
                     if os.path.isdir(os.path.join(folder, d)) and not d.startswith("."))
    if not classes:
        raise ImageFolderError(Msg("data.no_subfolders",
                                   folder=os.path.basename(folder) or folder))
    files, ignored = [], []
    for k, c in enumerate(classes):
        for name in sorted(os.listdir(os.path.join(folder, c))):
            path = os.path.join(folder, c, name)
            if name.startswith(".") or not os.path.isfile(path):
                continue
            if os.path.splitext(name)[1].lower() in IMAGE_EXTENSIONS:
                files.append((path, k))
            else:
                ignored.append(os.path.join(c, name))
    if not files:
        raise ImageFolderError(Msg("data.no_images", classes=", ".join(classes[:5]),
                                   extensions=", ".join(sorted(IMAGE_EXTENSIONS))))
    return FolderScan(classes, files, ignored)


def load_image_folder(folder: str | os.PathLike, size: int = 32, grey: bool = True,
                      decoder: Decoder | None = None, progress: ProgressFn | None = None,
                      should_stop: StopFn | None = None) -> tuple[Dataset, list[str]]:
    """Decode every image of ``folder``'s class folders; return (dataset, skipped).

    x is (N, C, size, size) float32 in [0, 1] with C = 1 for ``grey`` else 3; y (N,) int64.
    ``skipped`` lists "<class>/<file>: <why>" for every file that could not be read. meta:
    class_names, image_shape, files (relative paths of the kept images), skipped.
    """
    if not 4 <= int(size) <= MAX_SIDE:
        raise ImageFolderError(Msg("data.image_size", max=MAX_SIDE, size=size))
    decode = decoder or decode_netpbm
    scan = scan_folder(folder)
    c = 1 if grey else 3
    x = np.empty((len(scan.files), c, size, size), np.float32)
    y = np.empty(len(scan.files), np.int64)
    kept, skipped = [], []
    step = max(1, len(scan.files) // 100)
    for i, (path, k) in enumerate(scan.files):
        if i % step == 0:
            report(progress, should_stop, i / len(scan.files),
                   Msg("progress.reading", name=os.path.basename(path)))
        rel = os.path.relpath(path, folder)
        try:
            img = decode(path, size, grey)
        except (ValueError, OSError) as e:
            skipped.append(Msg("named", name=rel, error=carried(e)))
            continue
        x[len(kept)] = img
        y[len(kept)] = k
        kept.append(rel)
    if not kept:
        raise ImageFolderError(Msg("data.none_readable", count=len(scan.files), first=skipped[0]))
    n = len(kept)
    report(progress, should_stop, 1.0, Msg("progress.done"))
    name = os.path.basename(os.path.normpath(os.fspath(folder))) or "images"
    ds = Dataset({"x": x[:n].copy(), "y": y[:n].copy()}, name,
                 Msg("dataset.folder", count=n, classes=len(scan.classes), name=name),
                 {"task": "classification", "classes": len(scan.classes),
                  "class_names": scan.classes, "image_shape": [c, size, size], "files": kept,
                  "skipped": skipped, "source": "image folder"})
    return ds, skipped


# -- NumPy-only decoding and resizing ---------------------------------------------------------------
def _tokens(data: bytes, count: int) -> tuple[list[int], int]:
    """The first ``count`` whitespace-separated header numbers (skipping # comments), and the
    offset just past the single whitespace byte that ends the last one."""
    out, i, n = [], 0, len(data)
    while len(out) < count:
        while i < n and data[i:i + 1].isspace():
            i += 1
        if i < n and data[i:i + 1] == b"#":
            while i < n and data[i:i + 1] not in (b"\n", b"\r"):
                i += 1
            continue
        j = i
        while j < n and data[j:j + 1].isdigit():
            j += 1
        if j == i:
            raise ValueError(Msg("data.header_damaged"))
        out.append(int(data[i:j]))
        i = j
    return out, i + 1


def decode_netpbm(path: str, size: int, grey: bool) -> np.ndarray:
    """Read a PGM (P2, P5) or PPM (P3, P6) file; (C, size, size) float32 in [0, 1]."""
    with open(path, "rb") as f:
        data = f.read(64 << 20)
    magic = data[:2]
    if magic not in (b"P2", b"P3", b"P5", b"P6"):
        raise ValueError(Msg("data.not_netpbm"))
    (w, h, maxval), start = _tokens(data[2:], 3)
    start += 2
    if not (0 < w <= 16384 and 0 < h <= 16384 and 0 < maxval < 65536):
        raise ValueError(Msg("data.header_not_image", w=w, h=h, maxval=maxval))
    ch = 3 if magic in (b"P3", b"P6") else 1
    count = w * h * ch
    if magic in (b"P5", b"P6"):
        dt = np.dtype(">u2") if maxval > 255 else np.dtype(np.uint8)
        need = count * dt.itemsize
        if len(data) - start < need:
            raise ValueError(Msg("data.truncated_bytes", got=len(data) - start, need=need))
        pix = np.frombuffer(data, dt, count, start).astype(np.float32)
    else:
        try:
            pix = np.array(data[start - 1:].split()[:count], dtype=np.float32)
        except ValueError:
            raise ValueError(Msg("data.pixels_damaged")) from None
        if pix.size < count:
            raise ValueError(Msg("data.truncated_values", got=pix.size, need=count))
    img = (pix / maxval).reshape(h, w, ch).transpose(2, 0, 1)
    return to_channels(resize(img, size), grey)


def to_channels(img: np.ndarray, grey: bool) -> np.ndarray:
    """(C, H, W) with C 1 or 3 as (1, H, W) luminance for ``grey``, else (3, H, W)."""
    if grey:
        if img.shape[0] == 1:
            return img.astype(np.float32)
        lum = 0.299 * img[0] + 0.587 * img[1] + 0.114 * img[2]
        return lum[None].astype(np.float32)
    if img.shape[0] == 1:
        return np.repeat(img, 3, axis=0).astype(np.float32)
    return img[:3].astype(np.float32)


def resize(img: np.ndarray, size: int) -> np.ndarray:
    """(C, H, W) -> (C, size, size): area averaging when shrinking, bilinear when growing."""
    c, h, w = img.shape
    if (h, w) == (size, size):
        return img.astype(np.float32)
    return _axis(_axis(img.astype(np.float32), 1, size), 2, size)


def _axis(a: np.ndarray, axis: int, n: int) -> np.ndarray:
    m = a.shape[axis]
    if n < m:   # area average: each output cell averages the input cells it covers
        edges = np.linspace(0, m, n + 1)
        cum = np.concatenate([np.zeros_like(np.take(a, [0], axis)), np.cumsum(a, axis)], axis)
        lo, hi = np.floor(edges[:-1]).astype(int), np.floor(edges[1:]).astype(int)
        total = np.take(cum, hi, axis) - np.take(cum, lo, axis)
        # fractional end cells
        frac_lo, frac_hi = edges[:-1] - lo, edges[1:] - hi
        shape = [1] * a.ndim
        shape[axis] = n
        padded = np.concatenate([a, np.take(a, [m - 1], axis)], axis)
        total = total - np.take(padded, lo, axis) * frac_lo.reshape(shape) \
            + np.take(padded, hi, axis) * frac_hi.reshape(shape)
        return total / (edges[1:] - edges[:-1]).reshape(shape)
    pos = (np.arange(n) + 0.5) * m / n - 0.5
    pos = np.clip(pos, 0, m - 1)
    lo = np.floor(pos).astype(int)
    hi = np.minimum(lo + 1, m - 1)
    t = (pos - lo)
    shape = [1] * a.ndim
    shape[axis] = n
    t = t.reshape(shape)
    return np.take(a, lo, axis) * (1 - t) + np.take(a, hi, axis) * t
