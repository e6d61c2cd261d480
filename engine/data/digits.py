"""The handwritten digits that ship inside scikit-learn (1,797 images of 8x8 pixels, 16 grey
levels, classes 0-9). They are read from scikit-learn's own package files: nothing is
downloaded."""
from __future__ import annotations

import numpy as np

from ..msg import Msg, MsgError
from ..training import Dataset

__all__ = ["digits", "DIGIT_SIZE"]

DIGIT_SIZE = 8


def digits(images: bool = False, limit: int | None = None) -> Dataset:
    """The digits as a classification set.

    x is (N, 64) float32 in [0, 1] (pixel rows one after another), or (N, 1, 8, 8) with
    ``images``; y (N,) int64 digit classes. meta: task, classes 10, class_names, image_shape
    (1, 8, 8) so views can draw any row of x as a picture. ``limit`` keeps the first examples.
    """
    from sklearn.datasets import load_digits  # reads the bundled CSV; no network
    bunch = load_digits()
    x = (np.asarray(bunch.data, np.float32) / 16.0)
    y = np.asarray(bunch.target, np.int64)
    if limit is not None:
        if limit < 1:
            raise MsgError(Msg("load.limit", limit=limit))
        x, y = x[:limit], y[:limit]
    if images:
        x = x.reshape(-1, 1, DIGIT_SIZE, DIGIT_SIZE)
    return Dataset({"x": x, "y": y}, "digits", Msg("dataset.digits"),
                   {"task": "classification", "classes": 10,
                    "class_names": [str(d) for d in range(10)],
                    "image_shape": [1, DIGIT_SIZE, DIGIT_SIZE], "source": "digits"})
