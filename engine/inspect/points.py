"""Adding a labelled point to a 2-D data set (clicking on the decision boundary)."""
from __future__ import annotations

import numpy as np

from ..messages import Msg, MsgError
from ..training import Dataset


def classes_of(dataset: Dataset | None) -> int:
    """How many classes the data set's labels have (meta['classes'], else max label + 1; 2 for
    0/1 float labels)."""
    if dataset is None or "y" not in dataset:
        return 0
    k = int(dataset.meta.get("classes") or 0)
    if k:
        return k
    y = np.asarray(dataset["y"])
    return int(y.max()) + 1 if len(y) else 2


def with_point(dataset: Dataset | None, xy: tuple[float, float], cls: int) -> Dataset:
    """A copy of ``dataset`` (x (N, 2), y (N,) int or (N, 1) float) with one more example at
    ``xy`` of class ``cls``; ValueError naming what does not fit."""
    if dataset is None:
        raise MsgError(Msg("view.point_no_data"))
    if "x" not in dataset or "y" not in dataset:
        raise MsgError(Msg("view.point_no_xy", arrays=", ".join(dataset.keys())))
    x, y = np.asarray(dataset["x"]), np.asarray(dataset["y"])
    if x.ndim != 2 or x.shape[1] != 2:
        raise MsgError(Msg("view.point_not_2d", shape=x.shape))
    extra = [k for k in dataset.keys() if k not in ("x", "y")]
    if extra:
        raise MsgError(Msg("view.point_extra", arrays=", ".join(extra)))
    k = classes_of(dataset)
    if not 0 <= int(cls) < k:
        raise MsgError(Msg("view.point_class", label=cls, top=k - 1))
    label = np.array([[cls]], dtype=y.dtype) if y.ndim == 2 else np.array([cls], dtype=y.dtype)
    arrays = {"x": np.concatenate([x, np.array([xy], dtype=x.dtype)]),
              "y": np.concatenate([y, label])}
    return Dataset(arrays, dataset.name, dataset.description, dataset.meta)


__all__ = ["with_point", "classes_of"]
