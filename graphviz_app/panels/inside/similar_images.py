"""Similarity search for images (ideas 28-29), shown in the Embeddings panel: the picked image,
its reconstruction when the graph has one, the images nearest by the projected node's values
(the latent code of an autoencoder) and, beside them, the images nearest by raw pixels.
The neighbours come from :func:`engine.inspect.embeddings.similar`; this widget only draws."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from engine.inspect import embeddings as emb
from ...i18n import translate

__all__ = ["SimilarImages", "to_pixmap", "THUMB", "MAX_SIMILAR"]

THUMB = 40               # pixels of a neighbour thumbnail
MAX_SIMILAR = 8


def to_pixmap(img: np.ndarray, side: int = THUMB) -> QPixmap:
    """A (H, W) grey or (H, W, 3) image in any range as a square pixmap of ``side`` pixels."""
    a = np.asarray(img, np.float64)
    lo, hi = float(a.min()), float(a.max())
    a = (a - lo) / (hi - lo) if hi > lo else np.zeros_like(a)
    a = np.ascontiguousarray((a * 255).astype(np.uint8))
    h, w = a.shape[:2]
    if a.ndim == 2:
        q = QImage(a.data, w, h, w, QImage.Format.Format_Grayscale8)
    else:
        q = QImage(a.data, w, h, 3 * w, QImage.Format.Format_RGB888)
    return QPixmap.fromImage(q.copy()).scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                              Qt.TransformationMode.FastTransformation)


class SimilarImages(QWidget):
    """A grid of thumbnails: picked and rebuilt, nearest by code, nearest by pixels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(2, 2, 2, 2)

    def clear(self) -> None:
        while self.grid.count():
            w = self.grid.takeAt(0).widget()
            if w is not None:        # hidden and detached now, not only when deleted later
                w.hide()
                w.setParent(None)
                w.deleteLater()

    def show_for(self, pts: emb.Points, i: int, k: int, graph, dataset) -> emb.Similar:
        """Search and draw for item ``i`` of ``pts`` (which must hold images)."""
        self.clear()
        meta = graph.meta if isinstance(graph.meta, dict) else {}
        rec = meta.get("reconstruction_node")
        rec = rec if isinstance(rec, str) and rec in {n.name for n in graph.nodes.values()} \
            else None
        pixels = pts.images.reshape(len(pts.images), -1)
        k = min(k, MAX_SIMILAR)
        s = emb.similar(pts.values, pixels, i, k, graph.copy() if rec else None, dataset, rec)
        g = self.grid
        g.addWidget(QLabel(translate("SimilarImages", "picked")), 0, 0)
        g.addWidget(self._thumb(pts.images[i]), 1, 0)
        if s.reconstruction is not None:
            g.addWidget(QLabel(translate("SimilarImages", "rebuilt")), 0, 1)
            g.addWidget(self._thumb(s.reconstruction), 1, 1)
        g.addWidget(QLabel(translate("SimilarImages", "nearest by {space}").format(
            space=pts.space)), 2, 0, 1, k)
        for c, j in enumerate(s.by_latent):
            g.addWidget(self._thumb(pts.images[j], pts.labels[j]), 3, c)
        g.addWidget(QLabel(translate("SimilarImages", "nearest by pixels")), 4, 0, 1, k)
        for c, j in enumerate(s.by_pixels):
            g.addWidget(self._thumb(pts.images[j], pts.labels[j]), 5, c)
        g.setRowStretch(6, 1)
        g.setColumnStretch(k, 1)
        return s

    @staticmethod
    def _thumb(img: np.ndarray, tip: str = "") -> QLabel:
        label = QLabel()
        label.setPixmap(to_pixmap(img))
        label.setToolTip(tip)
        return label
