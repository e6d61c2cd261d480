"""The sample pictures as built-in data: the app's own sample images (``assets/images``) and
the two photographs that ship inside scikit-learn (``china.jpg``, ``flower.jpg``). Nothing is
downloaded.

Two data sets are made from them:

- :func:`sample_images`: the pictures themselves, each cropped to a centred square and scaled
  to ``size`` x ``size``, one example per picture (class = which picture): an input for a conv
  graph or the filter lab's learned kernels.
- :func:`sample_patches`: square patches cut at random places from every picture, labelled by
  the picture they come from ("which picture is this piece of?"): a small classification set
  for the conv examples (3 x 32 x 32 by default, like the course's output-size example).

The engine does not import Qt, so it reads PNG itself (:func:`read_png`: 8-bit, not
interlaced, the kind the sample images are) with NumPy and zlib. JPEG needs a ``reader``: the
app passes one built on Qt's image reader, and with it every picture is read that way. Without
a reader only the PNG samples are used.
"""
from __future__ import annotations

import os
import struct
import zlib
from importlib import resources
from typing import Callable

import numpy as np

from ..msg import Msg, MsgError
from ..resources import asset
from ..training import Dataset
from .image_folder import resize, to_channels

__all__ = ["SAMPLES", "PHOTOS", "sample_files", "read_png", "sample_images", "sample_patches",
           "Reader", "PATCH_SOURCE_SIZE"]

SAMPLES = ("scene.png", "shapes.png", "textures.png", "gradients.png", "text.png")
PHOTOS = ("china.jpg", "flower.jpg")     # scikit-learn's two photographs
PATCH_SOURCE_SIZE = 128                  # pictures are scaled to this square before cutting
Reader = Callable[[str], np.ndarray]     # path -> (H, W, 3) float32 in [0, 1]
_PNG = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}    # PNG colour type -> samples per pixel


def sample_files(photos: bool = True) -> list[tuple[str, str]]:
    """(label, path) of the shipped sample images, then (``photos``) scikit-learn's two."""
    out = [(f.removesuffix(".png"), str(asset("images", f))) for f in SAMPLES
           if asset("images", f).is_file()]
    if photos:
        folder = resources.files("sklearn.datasets.images")
        out += [(f"{f.removesuffix('.jpg')} (photo)", str(folder / f)) for f in PHOTOS
                if (folder / f).is_file()]
    return out


def _unfilter(raw: bytes, h: int, stride: int, bpp: int) -> np.ndarray:
    """Undo PNG's per-row filters: (h, stride) uint8."""
    out = np.zeros((h, stride), np.uint8)
    prev = np.zeros(stride, np.int64)
    for r in range(h):
        kind = raw[r * (stride + 1)]
        row = np.frombuffer(raw, np.uint8, stride, r * (stride + 1) + 1).astype(np.int64)
        if kind == 0:
            cur = row
        elif kind == 1:      # Sub: sums along the row, per channel, modulo 256
            cur = np.cumsum(row.reshape(-1, bpp), axis=0).reshape(-1) % 256
        elif kind == 2:      # Up
            cur = (row + prev) % 256
        elif kind in (3, 4):  # Average, Paeth: each byte needs the one just decoded
            cur = _sequential(row.tolist(), prev.tolist(), bpp, kind)
        else:
            raise MsgError(Msg("load.png_filter", row=r, kind=kind))
        out[r] = cur
        prev = np.asarray(cur, np.int64)
    return out


def _sequential(row: list[int], prior: list[int], bpp: int, kind: int) -> np.ndarray:
    cur = row[:]
    for i in range(len(cur)):
        a = cur[i - bpp] if i >= bpp else 0
        b = prior[i]
        if kind == 3:
            cur[i] = (cur[i] + (a + b) // 2) & 255
            continue
        c = prior[i - bpp] if i >= bpp else 0
        p = a + b - c
        pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
        cur[i] = (cur[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    return np.array(cur, np.int64)


def read_png(path: str | os.PathLike) -> np.ndarray:
    """An 8-bit, non-interlaced PNG as (H, W, 3) float32 in [0, 1]; transparent pixels are
    shown over white. Raises ValueError naming the file and what is not supported."""
    name = os.path.basename(os.fspath(path))
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(_PNG):
        raise MsgError(Msg("load.not_png", name=name))
    pos, header, idat, palette = 8, None, [], None
    while pos + 8 <= len(data):
        (n,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"PLTE":
            palette = np.frombuffer(body, np.uint8).reshape(-1, 3)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + n
    if header is None or not idat:
        raise MsgError(Msg("load.png_no_header", name=name))
    w, h, depth, colour, _, _, interlace = header
    if depth != 8 or interlace or colour not in _CHANNELS:
        raise MsgError(Msg("load.png_kind", name=name, depth=depth, colour=colour,
                           interlace=interlace))
    bpp = _CHANNELS[colour]
    try:
        raw = zlib.decompress(b"".join(idat))
    except zlib.error as e:
        raise MsgError(Msg("load.png_inflate", name=name, error=str(e))) from None
    if len(raw) < h * (w * bpp + 1):
        raise MsgError(Msg("load.png_truncated", name=name, got=len(raw), want=h * (w * bpp + 1)))
    px = _unfilter(raw, h, w * bpp, bpp).reshape(h, w, bpp)
    if colour == 3:
        if palette is None:
            raise MsgError(Msg("load.png_palette", name=name))
        px = palette[np.minimum(px[..., 0], len(palette) - 1)]
    img = px.astype(np.float32) / 255.0
    if colour in (4, 6):        # over white, as the filter lab shows them
        alpha = img[..., -1:]
        img = img[..., :-1] * alpha + (1.0 - alpha)
    if img.shape[-1] == 1:
        img = np.repeat(img, 3, axis=-1)
    return img


def _square(img: np.ndarray, size: int, grey: bool) -> np.ndarray:
    """(H, W, 3) -> its centred square, scaled to (C, size, size)."""
    h, w = img.shape[:2]
    s = min(h, w)
    top, left = (h - s) // 2, (w - s) // 2
    crop = np.ascontiguousarray(img[top:top + s, left:left + s].transpose(2, 0, 1))
    return np.clip(to_channels(resize(crop, size), grey), 0.0, 1.0)   # rounding in resize


def _pictures(reader: Reader | None, size: int, grey: bool) -> tuple[list[str], np.ndarray]:
    labels, pics = [], []
    for label, path in sample_files(photos=reader is not None):
        rgb = reader(path) if reader is not None else read_png(path)
        labels.append(label)
        pics.append(_square(np.asarray(rgb, np.float32), size, grey))
    if not pics:
        raise MsgError(Msg("load.samples_missing"))
    return labels, np.stack(pics)


def _dataset(x: np.ndarray, y: np.ndarray, labels: list[str], name: str,
             description: str, source: str) -> Dataset:
    return Dataset({"x": x.astype(np.float32), "y": y.astype(np.int64)}, name, description,
                   {"task": "classification", "classes": len(labels), "class_names": labels,
                    "image_shape": list(x.shape[1:]), "source": source})


def sample_images(size: int = 64, grey: bool = False, reader: Reader | None = None) -> Dataset:
    """The sample pictures, one example each: x (K, C, size, size) float32 in [0, 1] (C = 1
    grey or 3 colour), y (K,) the picture's index, class_names their names."""
    if not 8 <= size <= 512:
        raise MsgError(Msg("load.image_size", size=size))
    labels, x = _pictures(reader, size, grey)
    return _dataset(x, np.arange(len(labels)), labels, "sample images",
                    Msg("dataset.samples_grey" if grey else "dataset.samples_colour",
                        count=len(labels), size=size), "sample_images")


def sample_patches(size: int = 32, per_image: int = 100, grey: bool = False, seed: int = 0,
                   reader: Reader | None = None) -> Dataset:
    """Random square patches of the sample pictures (each first scaled to a
    ``PATCH_SOURCE_SIZE`` square): x (K * per_image, C, size, size) float32 in [0, 1], y the
    index of the picture a patch comes from; examples of all pictures interleaved."""
    if not 4 <= size <= PATCH_SOURCE_SIZE // 2:
        raise MsgError(Msg("load.patch_size", top=PATCH_SOURCE_SIZE // 2, size=size))
    if not 1 <= per_image <= 5000:
        raise MsgError(Msg("load.per_image", count=per_image))
    labels, pics = _pictures(reader, PATCH_SOURCE_SIZE, grey)
    rng = np.random.default_rng(seed)
    k = len(labels)
    y = np.tile(np.arange(k), per_image)
    top = rng.integers(0, PATCH_SOURCE_SIZE - size + 1, len(y))
    left = rng.integers(0, PATCH_SOURCE_SIZE - size + 1, len(y))
    x = np.stack([pics[c, :, t:t + size, s:s + size] for c, t, s in zip(y, top, left)])
    return _dataset(x, y, labels, "sample image patches",
                    Msg("dataset.patches", count=len(y), size=size, pictures=k),
                    "sample_patches")
