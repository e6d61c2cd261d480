"""The graph file format: a ZIP archive (``.gvz``) holding ``graph.json`` and ``arrays.npz``.

``graph.json`` describes the structure (nodes, edges, groups, metadata, and a manifest of the
arrays); ``arrays.npz`` holds the trained arrays under keys ``"<node id>/<array name>"``. A plain
``.json`` file (``graph.json`` alone) is accepted too; its weights are freshly initialized.

Reading is defensive (see :mod:`engine.serialize_read`, which checks what a file says and builds
the graph): no code runs, nothing is unpickled, sizes are checked before anything is read, and
every problem raises :class:`FileFormatError` naming what is wrong and where. This module opens
the archives and writes them. Writes are atomic: a temporary file in the same directory is
written, synced and then moved over the target. See docs/file-format.md.
"""
from __future__ import annotations

import io
import math
import os
import zipfile
from dataclasses import dataclass, field
from typing import Any, Iterable

import numpy as np

from .data import store as data_store
from .graph import Graph
from .messages import Msg
from .safe_io import (ID_RE, MAX_ARRAY_BYTES, MAX_JSON_BYTES, NUMERIC_KINDS, FileFormatError,
                      atomic_write, json_bytes, located, open_zip, parse_json, read_member,
                      read_npz)
from .serialize_read import (FORMAT, LOOSE_RATIO, LOOSE_SLACK, VERSION, _array_limits, _build,
                             _check_header, _place_arrays, _read_arrays, from_dict)
from .serialize_read import MAX_EDGES, MAX_NODES, MAX_PORT  # noqa: F401 - the format's limits


@dataclass
class ArrayReport:
    """What :func:`load_arrays` did: keys are ``"<node name>/<array name>"``."""

    loaded: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)   # the nodes own them; the file does not
    unused: list[str] = field(default_factory=list)    # in the file; no node of that name

    def __str__(self) -> str:
        parts = [f"loaded {len(self.loaded)} arrays"]
        if self.missing:
            parts.append(f"kept {len(self.missing)} not in the file ({', '.join(self.missing)})")
        if self.unused:
            parts.append(f"ignored {len(self.unused)} with no matching node "
                         f"({', '.join(self.unused)})")
        return "; ".join(parts)



# -- dict <-> Graph ----------------------------------------------------------------------------------
def _plain(v: Any, path: str) -> Any:
    """``v`` as plain JSON values (tuples become lists); ValueError for what JSON cannot hold."""
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, np.bool_):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        if not math.isfinite(v):
            raise ValueError(Msg("file.save_not_finite", path=path, value=v))
        return float(v)
    if isinstance(v, (list, tuple)):
        return [_plain(x, f"{path}[{i}]") for i, x in enumerate(v)]
    if isinstance(v, dict):
        bad = [k for k in v if not isinstance(k, str)]
        if bad:
            raise ValueError(Msg("file.save_key", path=path, key=bad[0]))
        return {k: _plain(x, f"{path}.{k}") for k, x in v.items()}
    raise ValueError(Msg("file.save_type", path=path, type=type(v).__name__))


def _arrays_of(graph: Graph) -> dict[str, np.ndarray]:
    out = {}
    for n in graph.nodes.values():
        for k, w in n.weights.items():
            if not ID_RE.match(n.id) or not ID_RE.match(k):
                raise ValueError(Msg("file.save_array_id", nid=n.id, key=k))
            w = np.asarray(w)
            if w.dtype.kind not in NUMERIC_KINDS:
                raise ValueError(Msg("file.save_dtype", name=n.name, key=k, dtype=str(w.dtype)))
            out[f"{n.id}/{k}"] = w
    return out


def to_dict(graph: Graph) -> dict:
    """The ``graph.json`` content for ``graph`` (plain JSON values; arrays only in the manifest)."""
    for n in graph.nodes.values():
        if not ID_RE.match(n.id):
            raise ValueError(Msg("file.save_node_id", nid=n.id))
    return {
        "format": FORMAT, "version": VERSION, "meta": _plain(graph.meta, "meta"),
        "nodes": [{"id": n.id, "name": n.name, "op": n.op,
                   "params": _plain(n.params, f"{n.name}.params"),
                   "frozen": bool(n.frozen), "ui": _plain(n.ui, f"{n.name}.ui")}
                  for n in graph.nodes.values()],
        "edges": [{"src": s, "dst": d, "port": int(p)} for s, d, p in graph.edges()],
        "groups": [{"id": g.id, "name": g.name, "members": list(g.members),
                    "collapsed": bool(g.collapsed), "ui": _plain(g.ui, f"groups.{g.id}.ui")}
                   for g in graph.groups.values()],
        "arrays": {k: {"shape": list(a.shape), "dtype": a.dtype.name}
                   for k, a in _arrays_of(graph).items()},
    }



# -- archives ----------------------------------------------------------------------------------------
def _load_zip(f: io.BufferedReader) -> Graph:
    file_size = os.fstat(f.fileno()).st_size
    with open_zip(f) as zf:
        names = zf.namelist()
        if "graph.json" not in names:
            raise FileFormatError(Msg("file.no_graph_json"))
        gi = zf.getinfo("graph.json")
        if gi.file_size > MAX_JSON_BYTES:
            raise FileFormatError(located("graph.json", Msg("file.larger_mib",
                                                            mib=MAX_JSON_BYTES >> 20)))
        d = parse_json(read_member(zf, gi, MAX_JSON_BYTES), "graph.json")
        _check_header(d, "graph.json")
        arrays: dict[str, np.ndarray] = {}
        g, entries = _build(d, "graph.json")
        if "arrays.npz" in names:
            ai = zf.getinfo("arrays.npz")
            if ai.file_size > MAX_ARRAY_BYTES:
                raise FileFormatError(located("arrays.npz", Msg("file.npz_2gib")))
            arrays = _read_arrays(zf, ai, entries, _array_limits(g, entries, file_size))
    _place_arrays(g, entries, arrays)
    return g


# -- public entry points ----------------------------------------------------------------------------
def load(path: str | os.PathLike) -> Graph:
    """Read a ``.gvz`` archive or a plain ``.json`` graph; raise FileFormatError if it is bad.

    An unreadable path (missing, a directory, no permission) raises the usual OSError.
    """
    path = os.fspath(path)
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size == 0:
            raise FileFormatError(Msg("file.empty"))
        if f.read(2) == b"PK":
            f.seek(0)
            return _load_zip(f)
        if size > MAX_JSON_BYTES:
            raise FileFormatError(Msg("file.not_zip_big"))
        f.seek(0)
        data = f.read()
    where = os.path.basename(path)
    try:
        d = parse_json(data, where)
    except FileFormatError:
        if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] != b"{":
            raise FileFormatError(Msg("file.not_zip_json")) from None
        raise
    return from_dict(d, None, where=where)


def save(graph: Graph, path: str | os.PathLike, dataset=None) -> None:
    """Save ``graph`` atomically: a ``.gvz`` archive, or structure only for a ``.json`` path.

    A ``dataset`` (engine.training.Dataset) travels in the archive: see :mod:`engine.data.store`.
    """
    path = os.fspath(path)
    d = to_dict(graph)
    if path.lower().endswith(".json"):
        d["arrays"] = {}
        atomic_write(path, lambda f: f.write(json_bytes(d)))
        return
    arrays = _arrays_of(graph)
    data: dict[str, np.ndarray] = {}
    if dataset is not None:
        d["dataset"], data = data_store.describe(dataset)

    def write(f: io.BufferedWriter) -> None:
        with zipfile.ZipFile(f, "w") as zf:
            zf.writestr("graph.json", json_bytes(d), compress_type=zipfile.ZIP_DEFLATED)
            buf = io.BytesIO()
            np.savez(buf, **arrays)
            zf.writestr("arrays.npz", buf.getvalue())
            if data:
                buf = io.BytesIO()
                np.savez(buf, **data)
                zf.writestr(data_store.DATA_MEMBER, buf.getvalue())
    atomic_write(path, write)


def load_dataset(path: str | os.PathLike):
    """The dataset saved in a ``.gvz`` archive (an engine.training.Dataset), or None when the
    file holds none. Problems raise FileFormatError like :func:`load`."""
    path = os.fspath(path)
    with open(path, "rb") as f:
        if f.read(2) != b"PK":
            return None
        f.seek(0)
        # the app stores data uncompressed: a data.npz that unpacks to far more than the file
        # holds is a crafted one, refused while it is read
        file_size = os.fstat(f.fileno()).st_size
        limit = min(MAX_ARRAY_BYTES, LOOSE_RATIO * file_size + LOOSE_SLACK)
        with open_zip(f) as zf:
            names = zf.namelist()
            if "graph.json" not in names:
                raise FileFormatError(Msg("file.no_graph_json"))
            d = parse_json(read_member(zf, zf.getinfo("graph.json"), MAX_JSON_BYTES), "graph.json")
            _check_header(d, "graph.json")
            if "dataset" not in d:
                return None
            if data_store.DATA_MEMBER not in names:
                raise FileFormatError(Msg("file.no_data_member", member=data_store.DATA_MEMBER))
            member = read_member(zf, zf.getinfo(data_store.DATA_MEMBER), limit)
    total = [0]

    def check(key: str, shape: tuple, dtype: np.dtype) -> None:
        total[0] += math.prod(shape) * dtype.itemsize
        if total[0] > limit:
            raise FileFormatError(located(data_store.DATA_MEMBER, Msg(
                "file.data_too_big", limit=limit, file_size=file_size)))

    return data_store.restore(d["dataset"], read_npz(member, data_store.DATA_MEMBER, check))


def _selection(graph: Graph, node_ids: Iterable[str] | None) -> list[str]:
    return list(graph.nodes) if node_ids is None else [graph.resolve(r) for r in node_ids]


def save_arrays(graph: Graph, path: str | os.PathLike,
                node_ids: Iterable[str] | None = None) -> list[str]:
    """Save the arrays of some nodes (ids or names; all when None) to an ``.npz`` keyed by
    ``"<node name>/<array name>"``, for loading into another graph; return the keys."""
    arrays = {f"{graph.nodes[n].name}/{k}": np.asarray(w)
              for n in _selection(graph, node_ids) for k, w in graph.nodes[n].weights.items()}
    if not arrays:
        raise ValueError(Msg("file.save_no_arrays"))
    atomic_write(os.fspath(path), lambda f: np.savez(f, **arrays))
    return sorted(arrays)


def load_arrays(graph: Graph, path: str | os.PathLike, node_ids: Iterable[str] | None = None,
                strict: bool = False) -> ArrayReport:
    """Load arrays saved by :func:`save_arrays` into the nodes (ids or names; all when None)
    whose names match. Any shape mismatch (or, with ``strict``, a missing array) raises
    FileFormatError listing every problem, and then nothing is changed. Only the arrays that
    match a selected node by name and shape are read (the others are judged by their
    headers), so the file cannot make this use more memory than those nodes' arrays."""
    path = os.fspath(path)
    where = os.path.basename(path)
    with open(path, "rb") as f:
        if os.fstat(f.fileno()).st_size > MAX_ARRAY_BYTES:
            raise FileFormatError(located(where, Msg("file.larger_gib",
                                                     gib=MAX_ARRAY_BYTES >> 30)))
        data = f.read()
    if data[:2] != b"PK":
        raise FileFormatError(located(where, Msg("file.not_npz")))
    wanted = {f"{graph.nodes[nid].name}/{k}": (nid, k, w.shape)
              for nid in _selection(graph, node_ids) for k, w in graph.nodes[nid].weights.items()}
    in_file: list[str] = []
    problems: list[Msg] = []

    def check(key: str, shape: tuple, dtype: np.dtype) -> bool:
        in_file.append(key)
        if key not in wanted:
            return False
        if shape != wanted[key][2]:
            problems.append(Msg("file.npz_shape", key=key, shape=shape, want=wanted[key][2]))
            return False
        return True

    arrays = read_npz(data, where, check)
    report, updates = ArrayReport(), {}
    for key, (nid, k, _) in wanted.items():
        if key in arrays:
            updates.setdefault(nid, {})[k] = arrays[key]
            report.loaded.append(key)
        elif key not in in_file:
            report.missing.append(key)
    if strict:
        problems += [Msg("file.not_in_file", key=key) for key in report.missing]
    if problems:
        joined = problems[0]
        for p in problems[1:]:
            joined = Msg("file.semicolon", a=joined, b=p)
        raise FileFormatError(located(where, Msg("file.nothing_loaded", problems=joined)))
    if not report.loaded:
        raise FileFormatError(located(where, Msg(
            "file.no_match", keys=", ".join(sorted(in_file)) or Msg("file.nothing"))))
    report.unused = sorted(set(in_file) - set(report.loaded))
    for nid, ws in updates.items():
        graph.set_weights(nid, ws)
    return report


__all__ = ["FileFormatError", "ArrayReport", "FORMAT", "VERSION", "save", "load", "load_dataset",
           "to_dict",
           "from_dict", "save_arrays", "load_arrays"]
