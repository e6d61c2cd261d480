"""Data sets inside a graph file, so that a saved ``.gvz`` reopens with its data.

A dataset becomes a ``"dataset"`` entry in ``graph.json`` (name, description, meta, and a
manifest of its arrays) and a member ``data.npz`` holding the arrays under their own names
(``x``, ``y``, ...). :func:`describe` makes both; :func:`restore` checks what a file holds
against its manifest and rebuilds the :class:`~engine.training.Dataset`, raising
:class:`~engine.safe_io.FileFormatError` with the place of the first problem. Reading stays as
safe as the rest of the format: JSON for structure, numeric ``.npy`` arrays only, no pickle.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..messages import Msg
from ..messages_data import dataset_message
from ..safe_io import ID_RE, NUMERIC_KINDS, FileFormatError, JsonCheck, located
from ..training import Dataset

__all__ = ["DATA_MEMBER", "describe", "restore", "json_plain"]

DATA_MEMBER = "data.npz"
MAX_META_DEPTH = 32


def json_plain(v: Any, path: str = "meta", depth: int = 0) -> Any:
    """``v`` as plain JSON values (NumPy scalars and arrays become numbers and lists)."""
    if depth > MAX_META_DEPTH:
        raise ValueError(Msg("file.save_nested", path=path))
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, np.ndarray):
        return json_plain(v.tolist(), path, depth + 1)
    if isinstance(v, (np.bool_,)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return float(v) if math.isfinite(v) else None
    if isinstance(v, (list, tuple)):
        return [json_plain(x, f"{path}[{i}]", depth + 1) for i, x in enumerate(v)]
    if isinstance(v, dict):
        return {str(k): json_plain(x, f"{path}.{k}", depth + 1) for k, x in v.items()}
    raise ValueError(Msg("file.save_data_type", path=path, type=type(v).__name__))


def describe(ds: Dataset) -> tuple[dict, dict[str, np.ndarray]]:
    """(the ``"dataset"`` entry for graph.json, the arrays for ``data.npz``)."""
    arrays = {}
    for k, a in ds.arrays.items():
        if not ID_RE.match(k):
            raise ValueError(Msg("file.save_data_name", key=k))
        if a.dtype.kind not in NUMERIC_KINDS:
            raise ValueError(Msg("file.save_data_dtype", key=k, dtype=str(a.dtype)))
        arrays[k] = np.ascontiguousarray(a)
    entry = {"name": str(ds.name), "description": str(ds.description),
             "meta": json_plain(ds.meta),
             "arrays": {k: {"shape": list(a.shape), "dtype": a.dtype.name}
                        for k, a in arrays.items()}}
    return entry, arrays


def restore(entry: Any, arrays: dict[str, np.ndarray], where: str = "graph.json") -> Dataset:
    """The Dataset a file's ``"dataset"`` entry and ``data.npz`` arrays describe."""
    chk = JsonCheck(where)
    chk.obj(entry, "dataset", ("arrays",), ("name", "description", "meta"))
    for k in ("name", "description"):
        if not isinstance(entry.get(k, ""), str):
            chk.fail(f"dataset.{k}", Msg("file.text_only"))
    meta = chk.mapping(entry.get("meta", {}), "dataset.meta")
    manifest = chk.mapping(entry["arrays"], "dataset.arrays")
    if not manifest:
        chk.fail("dataset.arrays", Msg("file.data_no_arrays"))
    for key in arrays:
        if key not in manifest:
            raise FileFormatError(located(DATA_MEMBER, Msg("file.data_not_listed", key=key)))
    lengths = set()
    for key, spec in manifest.items():
        at = f"dataset.arrays.{key}"
        if not ID_RE.match(key):
            chk.fail(at, Msg("file.data_array_name"))
        chk.obj(spec, at, ("shape", "dtype"))
        shape = tuple(int(x) for x in chk.ints(spec["shape"], f"{at}.shape"))
        if not shape:
            chk.fail(f"{at}.shape", Msg("file.data_examples_axis"))
        if key not in arrays:
            raise FileFormatError(located(DATA_MEMBER, Msg("file.listed_missing", key=key)))
        a = arrays[key]
        if a.shape != shape or a.dtype.name != spec["dtype"]:
            raise FileFormatError(located(DATA_MEMBER, Msg(
                "file.array_differs", key=key, dtype=a.dtype.name, shape=a.shape,
                want_dtype=spec["dtype"], want=shape)))
        lengths.add(shape[0])
    if len(lengths) > 1:
        chk.fail("dataset.arrays", Msg("file.data_lengths",
                                       counts=", ".join(str(n) for n in sorted(lengths))))
    return Dataset({k: arrays[k] for k in manifest}, dataset_message(entry.get("name", "")),
                   dataset_message(entry.get("description", "")), dict(meta))
