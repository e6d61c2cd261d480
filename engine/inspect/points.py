"""Adding a labelled point to a 2-D data set (clicking on the decision boundary)."""
from __future__ import annotations

import numpy as np

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
        raise ValueError("there is no data to add a point to: open an example with 2-D data "
                         "(e.g. XOR) first")
    if "x" not in dataset or "y" not in dataset:
        raise ValueError(f"the data set has no 'x' and 'y' arrays (it has "
                         f"{', '.join(dataset.keys())}); points can only be added to x, y data")
    x, y = np.asarray(dataset["x"]), np.asarray(dataset["y"])
    if x.ndim != 2 or x.shape[1] != 2:
        raise ValueError(f"points can be added only to 2-D inputs; x is {x.shape}")
    extra = [k for k in dataset.keys() if k not in ("x", "y")]
    if extra:
        raise ValueError(f"the data set also has {', '.join(extra)} for every example, which a "
                         "clicked point cannot supply")
    k = classes_of(dataset)
    if not 0 <= int(cls) < k:
        raise ValueError(f"class {cls} does not exist: the data has classes 0 to {k - 1}")
    label = np.array([[cls]], dtype=y.dtype) if y.ndim == 2 else np.array([cls], dtype=y.dtype)
    arrays = {"x": np.concatenate([x, np.array([xy], dtype=x.dtype)]),
              "y": np.concatenate([y, label])}
    return Dataset(arrays, dataset.name, dataset.description, dataset.meta)


__all__ = ["with_point", "classes_of"]
