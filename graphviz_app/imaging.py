"""Images from files for the filter lab: Qt's image reader in, float arrays out.

Reads PNG, JPEG, BMP and GIF (and whatever else the Qt build reads), grey or colour, turned
upright by their EXIF orientation. Transparent pixels are shown over white. An image larger
than the working size is scaled down (the note says so); an unreadable, empty, non-image or
absurdly large file raises :class:`ImageError` with a message naming the file and the fix.
The engine only ever sees the resulting float arrays (H, W, 3) in [0, 1].
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources

import numpy as np
from PySide6.QtCore import QSize, Qt, qInstallMessageHandler
from PySide6.QtGui import QImage, QImageReader

from engine.resources import asset

WORKING_SIZE = 768                 # longest side the filter lab computes on
MAX_PIXELS = 80_000_000            # above this a file is refused before it is decoded
MAX_FILE_BYTES = 300 * 1024 * 1024
SUFFIXES = ("png", "jpg", "jpeg", "bmp", "gif")
SAMPLES = ("scene.png", "shapes.png", "textures.png", "gradients.png", "text.png")
PHOTOS = ("china.jpg", "flower.jpg")     # the two photographs scikit-learn ships
_DAMAGE_WORDS = ("corrupt", "premature end", "truncat", "invalid")


class ImageError(ValueError):
    """A file the filter lab cannot use; the message names it and says what to do."""


@dataclass
class LoadedImage:
    """An image ready for filtering: ``rgb`` (H, W, 3) float32 in [0, 1]."""

    name: str
    rgb: np.ndarray
    grey: bool
    note: str = ""                   # e.g. "scaled from 4000x3000 to 768x576"
    original: tuple[int, int] = (0, 0)   # width, height in the file

    @property
    def size(self) -> tuple[int, int]:
        return self.rgb.shape[1], self.rgb.shape[0]


def file_filter() -> str:
    """The Open Image dialog's filter."""
    pats = " ".join(f"*.{s}" for s in SUFFIXES)
    return f"Images ({pats} {pats.upper()});;All files (*)"


def qimage_to_rgb(image: QImage) -> np.ndarray:
    """A QImage -> (H, W, 3) float32 in [0, 1], transparent parts composited over white."""
    img = image.convertToFormat(QImage.Format.Format_RGBA8888)
    h, w = img.height(), img.width()
    buf = np.frombuffer(img.constBits(), np.uint8, count=img.sizeInBytes())
    a = buf.reshape(h, img.bytesPerLine())[:, :4 * w].reshape(h, w, 4).astype(np.float32) / 255
    alpha = a[..., 3:4]
    return np.ascontiguousarray(a[..., :3] * alpha + (1 - alpha))


def rgb_to_qimage(rgb: np.ndarray) -> QImage:
    """(H, W, 3) floats in [0, 1] (or (H, W) grey) -> an RGB888 QImage (a copy)."""
    a = np.asarray(rgb, np.float64)
    if a.ndim == 2:
        a = np.repeat(a[..., None], 3, axis=2)
    a = np.ascontiguousarray((np.clip(a[..., :3], 0, 1) * 255 + 0.5).astype(np.uint8))
    h, w, _ = a.shape
    return QImage(a.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def _finish(image: QImage, name: str, reader: QImageReader, working: int) -> LoadedImage:
    ow, oh = image.width(), image.height()
    notes = []
    if reader.imageCount() > 1:
        notes.append(f"first of {reader.imageCount()} frames")
    if max(ow, oh) > working:
        image = image.scaled(QSize(working, working), Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
        notes.append(f"scaled from {ow}x{oh} to {image.width()}x{image.height()} "
                     f"(the working size) to keep filtering quick")
    grey = image.allGray()
    return LoadedImage(name, qimage_to_rgb(image), grey, "; ".join(notes), (ow, oh))


def _read(reader: QImageReader, name: str, working: int) -> LoadedImage:
    reader.setAutoTransform(True)                      # EXIF orientation
    if not reader.canRead():
        raise ImageError(f"{name} is not an image this app can read; open a PNG, JPEG, BMP or "
                         f"GIF file")
    size = reader.size()
    if size.isValid():
        px = size.width() * size.height()
        if size.width() <= 0 or size.height() <= 0:
            raise ImageError(f"{name} declares an empty picture ({size.width()}x"
                             f"{size.height()}); the file is damaged, open another one")
        if px > MAX_PIXELS:
            raise ImageError(f"{name} is {size.width()}x{size.height()} pixels "
                             f"({px / 1e6:.0f} megapixels); images up to {MAX_PIXELS // 10**6} "
                             f"megapixels can be opened: scale it down first")
    warnings: list[str] = []

    def catch(mode, context, message: str) -> None:
        warnings.append(message)

    previous = qInstallMessageHandler(catch)          # the decoder reports damage as warnings
    try:
        image = reader.read()
    finally:
        qInstallMessageHandler(previous)
    damaged = [w for w in warnings if any(k in w.lower() for k in _DAMAGE_WORDS)]
    if damaged:
        raise ImageError(f"{name} is damaged ({damaged[0].strip()}); the file may be truncated: "
                         f"open another copy")
    if image.isNull():
        raise ImageError(f"{name} could not be read ({reader.errorString()}); the file may be "
                         f"truncated or corrupt: open another copy")
    return _finish(image, name, reader, working)


def load_image(path: str, working: int = WORKING_SIZE) -> LoadedImage:
    """Read one image file; ImageError (with the reason and the fix) when it cannot be used."""
    name = os.path.basename(path) or path
    if not os.path.isfile(path):
        raise ImageError(f"{path} does not exist or is not a file; choose an image file")
    n = os.path.getsize(path)
    if n == 0:
        raise ImageError(f"{name} is empty (0 bytes); choose another image")
    if n > MAX_FILE_BYTES:
        raise ImageError(f"{name} is {n / 2**20:.0f} MB, more than an image for the filter lab "
                         f"should be ({MAX_FILE_BYTES // 2**20} MB); scale it down first")
    return _read(QImageReader(path), name, working)


def samples() -> list[tuple[str, str]]:
    """(label, path) of the shipped sample images, then scikit-learn's two photographs."""
    out = []
    for f in SAMPLES:
        node = asset("images", f)
        if node.is_file():
            out.append((f.removesuffix(".png"), str(node)))
    photos = resources.files("sklearn.datasets.images")
    for f in PHOTOS:
        node = photos / f
        if node.is_file():
            out.append((f"{f.removesuffix('.jpg')} (photo)", str(node)))
    return out


def load_sample(label: str, working: int = WORKING_SIZE) -> LoadedImage:
    """One of :func:`samples` by its label."""
    for lab, path in samples():
        if lab == label:
            img = load_image(path, working)
            img.name = lab
            return img
    raise ImageError(f"there is no sample image {label!r}; choose one of "
                     f"{', '.join(lab for lab, _ in samples())}")
