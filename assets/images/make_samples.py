"""Write the sample images of the filter lab: generated scenes with edges, textures, gradients
and text, each a small PNG (well under 100 KB). Run from the repository root:

    QT_QPA_PLATFORM=offscreen python assets/images/make_samples.py

The pixels are computed with NumPy (deterministic); Qt only draws the text and writes the PNGs.
"""
from __future__ import annotations

import pathlib
import sys

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent
SIZE = 256


def _grid(h: int = SIZE, w: int = SIZE) -> tuple[np.ndarray, np.ndarray]:
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    return y / (h - 1), x / (w - 1)


def shapes() -> np.ndarray:
    """Flat shapes with sharp edges at many angles on a soft vertical gradient."""
    y, x = _grid()
    img = np.stack([0.85 - 0.3 * y, 0.9 - 0.2 * y, np.full_like(y, 0.95)], axis=-1)
    disc = (x - 0.28) ** 2 + (y - 0.3) ** 2 < 0.18 ** 2
    img[disc] = (0.85, 0.2, 0.15)
    rect = (x > 0.55) & (x < 0.9) & (y > 0.12) & (y < 0.45)
    img[rect] = (0.15, 0.35, 0.75)
    tri = (y > 0.55) & (y < 0.92) & (np.abs(x - 0.3) < (y - 0.55) * 0.7)
    img[tri] = (0.2, 0.6, 0.25)
    ring = np.abs(np.hypot(x - 0.72, y - 0.72) - 0.15) < 0.03
    img[ring] = (0.1, 0.1, 0.1)
    for k, ang in enumerate((0.3, 0.9, 1.4)):
        d = np.abs((x - 0.5) * np.sin(ang) - (y - 0.5) * np.cos(ang) - 0.42 + 0.02 * k)
        img[(d < 0.006) & (y > 0.5)] = (0.95, 0.8, 0.1)
    return img


def textures() -> np.ndarray:
    """Four grey textures: vertical stripes, diagonal stripes, a checkerboard, rings."""
    y, x = _grid()
    px, py = x * SIZE, y * SIZE
    quad = [
        0.5 + 0.5 * np.sign(np.sin(px / 3.0)),                 # vertical stripes, 6 px period
        0.5 + 0.5 * np.sin((px + py) / 4.0),                    # soft diagonal stripes
        ((px // 16 + py // 16) % 2).astype(float),              # checkerboard, 16 px squares
        0.5 + 0.5 * np.cos(np.hypot(px - 192, py - 192) / 3.0),  # rings
    ]
    top = np.where(x < 0.5, quad[0], quad[1])
    bottom = np.where(x < 0.5, quad[2], quad[3])
    g = np.where(y < 0.5, top, bottom)
    return np.repeat((0.1 + 0.8 * g)[..., None], 3, axis=2)


def gradients() -> np.ndarray:
    """A hue sweep left to right, fading to grey downwards, with a bright radial spot."""
    y, x = _grid()
    hue = x * 6.0
    rgb = np.stack([np.clip(np.abs(hue - 3) - 1, 0, 1), np.clip(2 - np.abs(hue - 2), 0, 1),
                    np.clip(2 - np.abs(hue - 4), 0, 1)], axis=-1)
    sat = 1 - 0.8 * y[..., None]
    img = rgb * sat + 0.5 * (1 - sat)
    spot = np.exp(-((x - 0.7) ** 2 + (y - 0.35) ** 2) / 0.01)[..., None]
    return np.clip(img + 0.6 * spot, 0, 1)


def scene() -> np.ndarray:
    """A house under a sky: brick texture, windows, a sun, grass; edges and textures mixed."""
    y, x = _grid(192, 256)
    px, py = x * 255, y * 191
    img = np.stack([0.45 + 0.4 * y, 0.65 + 0.25 * y, np.full_like(y, 0.95)], axis=-1)
    img[np.hypot(px - 210, py - 35) < 18] = (1.0, 0.85, 0.2)
    grass = py > 150
    img[grass] = np.stack([0.2 + 0.05 * np.sin(px[grass] * 1.3), 0.55 + 0.1 *
                           np.sin(px[grass] * 0.7 + py[grass]), 0.2 + 0 * px[grass]], axis=-1)
    wall = (px > 50) & (px < 170) & (py > 80) & (py <= 150)
    row = (py // 8).astype(int)
    mortar = ((py % 8) < 1) | (((px + 8 * (row % 2)) % 16) < 1)
    img[wall] = (0.7, 0.3, 0.2)
    img[wall & mortar] = (0.85, 0.8, 0.75)
    roof = (py > 40) & (py <= 80) & (np.abs(px - 110) < (py - 40) * 1.6)
    img[roof] = (0.35, 0.2, 0.15)
    for wx in (65, 130):
        win = (px > wx) & (px < wx + 25) & (py > 95) & (py < 120)
        img[win] = (0.6, 0.8, 0.95)
        img[win & ((np.abs(px - wx - 12.5) < 1) | (np.abs(py - 107.5) < 1))] = (0.2, 0.2, 0.2)
    door = (px > 100) & (px < 120) & (py > 115) & (py <= 150)
    img[door] = (0.3, 0.18, 0.1)
    return img


def _to_qimage(img: np.ndarray):
    from PySide6.QtGui import QImage
    a = np.ascontiguousarray((np.clip(img, 0, 1) * 255 + 0.5).astype(np.uint8))
    h, w, _ = a.shape
    return QImage(a.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def text_image():
    """Black text of several sizes on white: letters are all edges."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QFont, QPainter
    q = _to_qimage(np.ones((192, 320, 3)))
    p = QPainter(q)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QColor(20, 20, 20))
    for size, y, words in ((40, 55, "Edges"), (26, 100, "& filters"), (14, 135, "Sobel · Laplace"),
                           (10, 165, "every stroke is an edge")):
        f = QFont("DejaVu Sans", size)
        f.setBold(size >= 26)
        p.setFont(f)
        p.drawText(16, y, words)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(200, 40, 40))
    p.drawRect(250, 20, 50, 50)
    p.end()
    return q


def main() -> int:
    from PySide6.QtGui import QGuiApplication
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)  # noqa: F841 (fonts need it)
    made = {"shapes.png": _to_qimage(shapes()), "textures.png": _to_qimage(textures()),
            "gradients.png": _to_qimage(gradients()), "scene.png": _to_qimage(scene()),
            "text.png": text_image()}
    for name, q in made.items():
        path = HERE / name
        if not q.save(str(path), "PNG", 9):
            print(f"could not write {path}", file=sys.stderr)
            return 1
        print(f"{name}: {q.width()}x{q.height()}, {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
