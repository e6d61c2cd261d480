"""The examples as shipped files: ``assets/examples/<name>.gvz``, one per registered example.

The builders of :mod:`engine.examples` are the source; ``python assets/examples/build.py`` runs
each with seed 0 and writes its file with :func:`write`. The app opens the file
(:func:`open_example`), so opening an example builds and trains nothing: transfer learning's
later steps carry the weights step 1 learned.

A shipped file is an ordinary ``.gvz`` archive (``graph.json`` with ``meta.example`` = the
example's name, ``arrays.npz``, ``data.npz`` with its training data) plus two kinds of members
that :func:`engine.serialize.load` ignores:

* ``example.json``: the example's ``info`` (title, description, ideas, training settings,
  targets, ...) as JSON, with ``dev_sets`` mapping each dev set's name to the dataset entry
  :func:`engine.data.store.describe` makes, and ``data_of`` naming another example whose data
  it shares (the two inception variants of one input), instead of a copy of it;
* ``dev_<i>.npz``: the arrays of the i-th dev set.

``arrays.npz`` holds only the arrays that differ from what opening the graph draws anyway
(initial weights are drawn from the graph's structure and seed, the same every time), so an
untrained example's file holds no weights and a trained one (transfer steps 2 and 3) holds
what was learned.

Every member is deflated and written with a fixed timestamp, so rebuilding an unchanged
example gives the same bytes. Reading goes through the checked readers of
:mod:`engine.safe_io` (bounded, numeric arrays only, no pickle).
"""
from __future__ import annotations

import io
import os
import zipfile
from functools import lru_cache
from importlib import resources

import numpy as np

from . import serialize
from .data import store as data_store
from .graph import Graph
from .messages_data import dataset_message
from .resources import asset
from .safe_io import (MAX_ARRAY_BYTES, MAX_JSON_BYTES, FileFormatError, atomic_write,
                      json_bytes, open_zip, parse_json, read_member, read_npz)
from .training import Dataset

__all__ = ["FOLDER", "INFO_MEMBER", "shipped", "write", "read", "open_example", "example_info",
           "example_dataset", "example_graph", "ExampleMissing"]

FOLDER = "examples"
INFO_MEMBER = "example.json"
STAMP = (2024, 1, 1, 0, 0, 0)          # every member's date, so that rebuilds are byte-identical

Built = tuple[Graph, "Dataset | None", dict]


class ExampleMissing(FileNotFoundError):
    """The shipped file of a registered example is not there."""


def shipped(name: str):
    """The shipped file of example ``name`` (a Traversable; ``.is_file()`` says if it exists)."""
    return asset(FOLDER, f"{name}.gvz")


# -- writing ----------------------------------------------------------------------------------
def _npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """An ``.npz`` archive of ``arrays`` (stored; the outer archive deflates it), dated STAMP."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for key, a in arrays.items():
            member = io.BytesIO()
            np.lib.format.write_array(member, np.array(a, order="C"), allow_pickle=False)
            zf.writestr(zipfile.ZipInfo(f"{key}.npy", STAMP), member.getvalue())
    return buf.getvalue()


def _same(a, b) -> bool:
    return b is not None and np.asarray(a).dtype == np.asarray(b).dtype and np.array_equal(a, b)


def _info_json(info: dict, dev_entries: dict[str, dict]) -> dict:
    plain = {k: v for k, v in info.items() if k != "dev_sets"}
    plain = data_store.json_plain(plain, "info")
    if dev_entries:
        plain["dev_sets"] = dev_entries
    return plain


def write(name: str, built: Built, path: str | os.PathLike, data_of: str | None = None) -> None:
    """Write the example ``name`` built as ``(graph, dataset, info)`` to ``path`` atomically.
    With ``data_of``, the data is not stored: the file says it is that example's data."""
    graph, dataset, info = built
    graph.meta["example"] = name
    d = serialize.to_dict(graph)
    fresh = serialize.from_dict(d, None)      # what opening would draw for arrays not stored
    kept = {f"{n.id}/{k}": np.asarray(v) for n in graph.nodes.values()
            for k, v in n.weights.items()
            if not _same(v, fresh.nodes[n.id].weights.get(k))}
    d["arrays"] = {k: v for k, v in d["arrays"].items() if k in kept}
    members: list[tuple[str, bytes]] = [("graph.json", json_bytes(d))]
    members.append(("arrays.npz", _npz_bytes(kept)))
    if dataset is not None and data_of is None:
        d["dataset"], arrays = data_store.describe(dataset)
        members[0] = ("graph.json", json_bytes(d))
        members.append((data_store.DATA_MEMBER, _npz_bytes(arrays)))
    dev_entries = {}
    for i, (key, dev) in enumerate((info.get("dev_sets") or {}).items()):
        entry, arrays = data_store.describe(dev)
        dev_entries[key] = {**entry, "member": f"dev_{i}.npz"}
        members.append((f"dev_{i}.npz", _npz_bytes(arrays)))
    plain = _info_json(info, dev_entries)
    if data_of is not None:
        plain["data_of"] = data_of
    members.insert(1, (INFO_MEMBER, json_bytes(plain)))

    def put(f: io.BufferedWriter) -> None:
        with zipfile.ZipFile(f, "w") as zf:
            for member, data in members:
                zf.writestr(zipfile.ZipInfo(member, STAMP), data,
                            compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    atomic_write(os.fspath(path), put)


# -- reading ----------------------------------------------------------------------------------
def _read_info(path: str) -> dict:
    """``example.json`` of a shipped file, with its dev sets restored as Datasets."""
    # deflated numbers shrink a few times at most: far more than that is a crafted member
    limit = min(MAX_ARRAY_BYTES, 64 * os.path.getsize(path) + (1 << 20))
    with open(path, "rb") as f, open_zip(f) as zf:
        names = zf.namelist()
        if INFO_MEMBER not in names:
            raise FileFormatError(f"{os.path.basename(path)}: holds no {INFO_MEMBER}; it is not "
                                  "a shipped example (rebuild it with assets/examples/build.py)")
        info = parse_json(read_member(zf, zf.getinfo(INFO_MEMBER), MAX_JSON_BYTES), INFO_MEMBER)
        if not isinstance(info, dict):
            raise FileFormatError(f"{INFO_MEMBER}: must be an object")
        devs = {}
        entries = info.get("dev_sets") or {}
        if not isinstance(entries, dict):
            raise FileFormatError(f"{INFO_MEMBER}: dev_sets must be an object")
        for key, entry in entries.items():
            member = entry.get("member") if isinstance(entry, dict) else None
            if not isinstance(member, str) or member not in names:
                raise FileFormatError(f"{INFO_MEMBER}: dev set {key!r} names a missing member")
            arrays = read_npz(read_member(zf, zf.getinfo(member), limit), member)
            devs[dataset_message(key)] = data_store.restore({k: v for k, v in entry.items() if k != "member"},
                                           arrays, INFO_MEMBER)
    info["dev_sets"] = devs
    if not devs:
        del info["dev_sets"]
    return info


def read(path: str | os.PathLike) -> Built:
    """``(graph, dataset or None, info)`` from a shipped example file (FileFormatError if bad).
    A file whose data is another example's (``data_of``) gets that example's data."""
    path = os.fspath(path)
    graph = serialize.load(path)
    info = _read_info(path)
    data_of = info.pop("data_of", None)
    dataset = example_dataset(data_of) if isinstance(data_of, str) else \
        serialize.load_dataset(path)
    return graph, dataset, info


def _check_name(name: str) -> None:
    from .examples import EXAMPLES
    if name not in EXAMPLES:
        raise KeyError(f"unknown example {name!r}; choose one of {', '.join(EXAMPLES)}")


def open_example(name: str) -> Built:
    """The registered example ``name`` from its shipped file: a new graph each call, its data
    and its info. Raises ExampleMissing when the file is not there."""
    _check_name(name)
    with resources.as_file(_existing(name)) as p:
        return read(p)


def _existing(name: str):
    f = shipped(name)
    if not f.is_file():
        raise ExampleMissing(f"the example file assets/examples/{name}.gvz is missing; "
                             "write it with: python assets/examples/build.py")
    return f


def example_graph(name: str) -> Graph:
    """Only the graph of the registered example ``name`` from its shipped file (no data)."""
    _check_name(name)
    f = _existing(name)
    with resources.as_file(f) as p:
        return serialize.load(p)


@lru_cache(maxsize=8)
def _cached(name: str) -> tuple[Dataset | None, dict]:
    _, dataset, info = open_example(name)
    return dataset, info


def example_info(name: str) -> dict:
    """The shipped info of example ``name`` (read once; treat it as read-only)."""
    return _cached(name)[1]


def example_dataset(name: str) -> Dataset | None:
    """The shipped data of example ``name`` (read once; treat it as read-only)."""
    with resources.as_file(_existing(name)) as p:
        return _dataset_at(os.fspath(p))


@lru_cache(maxsize=4)
def _dataset_at(path: str) -> Dataset | None:
    return serialize.load_dataset(path)
