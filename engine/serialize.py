"""The graph file format: a ZIP archive (``.gvz``) holding ``graph.json`` and ``arrays.npz``.

``graph.json`` describes the structure (nodes, edges, groups, metadata, and a manifest of the
arrays); ``arrays.npz`` holds the trained arrays under keys ``"<node id>/<array name>"``. A plain
``.json`` file (``graph.json`` alone) is accepted too; its weights are freshly initialized.

Reading is defensive: no code runs, nothing is unpickled, sizes are checked before anything is
read, and the whole graph is built and validated before it is returned. ``graph.json`` is read
and the graph built first; only then are the arrays read, each one refused from its header
unless it is an array the graph really has (or, for a node whose shape is not known yet, the
size graph.json lists), so a small file cannot make the loader inflate gigabytes. Building is
linear in the file's size: names, ids and group memberships are kept in sets and dicts, and
wires are added in topological order so that each cycle check is immediate. Every problem with a
file raises :class:`FileFormatError` naming what is wrong and where. Writes are atomic: a
temporary file in the same directory is written, synced and then moved over the target.
See docs/file-format.md.
"""
from __future__ import annotations

import copy
import io
import math
import os
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any, Iterable

import networkx as nx
import numpy as np

from .graph import _NAME_RE, Graph, GraphError, Group, Node
from .ops.base import REGISTRY, ParamError, ParamSpec, _kind_words
from .safe_io import (ID_RE, MAX_ARRAY_BYTES, MAX_INT, MAX_JSON_BYTES, NPY_HEADER_MAX,
                      NUMERIC_KINDS, FileFormatError, JsonCheck, atomic_write, is_int,
                      json_bytes, jtype, open_zip, parse_json, read_member, read_npz, short)
from .shapes import MAX_NODE_ELEMENTS, infer, is_oversized
from .data import store as data_store

FORMAT = "graphviz-app-graph"
VERSION = 1
MAX_NODES = 5000
MAX_EDGES = 20000
MAX_PORT = 1024
ZIP_ENTRY_MAX = 1024   # bytes of ZIP bookkeeping per member (headers, name, extra fields)
LOOSE_RATIO = 16       # arrays of nodes of unknown shape: at most this many times the file
LOOSE_SLACK = 1 << 20


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


# -- checks ------------------------------------------------------------------------------------------
def _check_param(chk: JsonCheck, spec: ParamSpec, v: Any, path: str) -> None:
    """The JSON type of a parameter value; ranges are left to the op's own validation."""
    k = spec.kind
    if k in ("int", "float") and is_int(v) and abs(v) > MAX_INT:
        chk.fail(path, f"{short(v)} is too large")
    ok = {"int": is_int(v), "float": isinstance(v, (int, float)) and not isinstance(v, bool),
          "bool": isinstance(v, bool), "str": isinstance(v, str),
          "ints": is_int(v) or isinstance(v, list),
          "shape": isinstance(v, list),
          "choice": v is None or isinstance(v, (str, int, float, bool))}.get(k, True)
    if not ok:
        chk.fail(path, f"must be {_kind_words(k)}; got {short(v)}")
    if k in ("ints", "shape") and isinstance(v, list):
        chk.ints(v, path, none_ok=(k == "shape"), signed=(k == "ints"))


def _check_header(d: Any, where: str) -> None:
    if not isinstance(d, dict):
        raise FileFormatError(f"{where}: must be a JSON object; got {jtype(d)}")
    if d.get("format") != FORMAT:
        raise FileFormatError(f"not a graph file: {where} has format {short(d.get('format'))}, "
                              f"expected {FORMAT!r}")
    v = d.get("version")
    if not is_int(v) or isinstance(v, float):
        raise FileFormatError(f"{where}: version must be a whole number; got {jtype(v)}")
    if v > VERSION:
        raise FileFormatError(f"version {v} is newer than this app reads ({VERSION}); "
                              "update the app to open this file")
    if v < 1:
        raise FileFormatError(f"{where}: version {v} is not a version this app knows (1 to {VERSION})")


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
            raise ValueError(f"{path}: {v} cannot be saved; numbers must be finite")
        return float(v)
    if isinstance(v, (list, tuple)):
        return [_plain(x, f"{path}[{i}]") for i, x in enumerate(v)]
    if isinstance(v, dict):
        bad = [k for k in v if not isinstance(k, str)]
        if bad:
            raise ValueError(f"{path}: key {bad[0]!r} cannot be saved; keys must be text")
        return {k: _plain(x, f"{path}.{k}") for k, x in v.items()}
    raise ValueError(f"{path}: a {type(v).__name__} cannot be saved; "
                     "use numbers, text, lists, objects")


def _arrays_of(graph: Graph) -> dict[str, np.ndarray]:
    out = {}
    for n in graph.nodes.values():
        for k, w in n.weights.items():
            if not ID_RE.match(n.id) or not ID_RE.match(k):
                raise ValueError(f"cannot save {n.id}/{k}: ids and array names must be letters, "
                                 "digits, _ - . [ ]")
            w = np.asarray(w)
            if w.dtype.kind not in NUMERIC_KINDS:
                raise ValueError(f"cannot save {n.name}.{k}: its dtype {w.dtype} is not numeric")
            out[f"{n.id}/{k}"] = w
    return out


def to_dict(graph: Graph) -> dict:
    """The ``graph.json`` content for ``graph`` (plain JSON values; arrays only in the manifest)."""
    for n in graph.nodes.values():
        if not ID_RE.match(n.id):
            raise ValueError(f"cannot save node id {n.id!r}: use letters, digits, _ - . [ ]")
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


def from_dict(d: Any, arrays: dict[str, np.ndarray] | None = None, where: str = "graph.json") -> Graph:
    """Build and validate a whole Graph from ``graph.json`` content (and the trained arrays).

    With ``arrays=None`` the weights are freshly initialized and the manifest is only checked.
    Raises FileFormatError naming the place of the first problem; returns only complete graphs.
    """
    g, entries = _build(d, where)
    if arrays is not None:
        _place_arrays(g, entries, arrays)
    return g


def _build(d: Any, where: str) -> tuple[Graph, dict[str, tuple]]:
    """The validated graph of ``graph.json`` content (fresh weights) and its checked manifest."""
    chk = JsonCheck(where)
    _check_header(d, where)
    chk.obj(d, "", ("format", "version", "nodes"), ("meta", "edges", "groups", "arrays",
                                                      "dataset"))
    nodes = chk.list(d["nodes"], "nodes", MAX_NODES)
    edges = chk.list(d.get("edges", []), "edges", MAX_EDGES)
    groups = chk.list(d.get("groups", []), "groups", MAX_NODES)
    meta = copy.deepcopy(chk.mapping(d.get("meta", {}), "meta"))
    manifest = chk.mapping(d.get("arrays", {}), "arrays")

    g = Graph()
    g._deferred += 1  # infer once, after the structure, guarded against absurd sizes below
    try:
        _add_nodes(g, chk, nodes)
        _add_edges(g, chk, edges)
    finally:
        g._deferred -= 1
        g._stale = False
    _add_groups(g, chk, groups)
    g.meta = meta
    _infer_guarded(g, chk)
    return g, _check_manifest(g, chk, manifest)


def _auto_name(op: str, names: set, counters: dict) -> str:
    """The name Graph.unique_name would give, found in amortized constant time."""
    base = re.sub(r"\d+$", "", op) or "node"
    i = counters.get(base, 1)
    while f"{base}{i}" in names:
        i += 1
    counters[base] = i + 1
    return f"{base}{i}"


def _add_nodes(g: Graph, chk: JsonCheck, nodes: list) -> None:
    """Add every node, with the checks of Graph.add_node, but names and ids kept in sets (its
    own name check looks at every node, which makes a big file load in quadratic time)."""
    names: set = set()
    counters: dict = {}
    for i, nd in enumerate(nodes):
        at = f"nodes[{i}]"
        chk.obj(nd, at, ("id", "op"), ("name", "params", "frozen", "ui"))
        nid = chk.ident(nd["id"], f"{at}.id")
        op = nd["op"]
        if not isinstance(op, str) or op not in REGISTRY:
            chk.fail(f"{at}.op", f"unknown op {short(op)}; "
                                 f"this app knows {', '.join(sorted(REGISTRY))}")
        name = nd.get("name")
        if name is not None and not isinstance(name, str):
            chk.fail(f"{at}.name", f"must be text; got {jtype(name)}")
        params = chk.mapping(nd.get("params", {}), f"{at}.params")
        specs = {p.name: p for p in REGISTRY[op].params}
        for k, v in params.items():
            if k in specs:
                _check_param(chk, specs[k], v, f"{at}.params.{k}")
        frozen = chk.boolean(nd.get("frozen", False), f"{at}.frozen")
        ui = copy.deepcopy(chk.mapping(nd.get("ui", {}), f"{at}.ui"))
        try:
            full = REGISTRY[op].validate_params(dict(params))
        except ParamError as e:
            chk.fail(at, f"{name or op}: {e}")
        except (TypeError, ValueError, KeyError, OverflowError) as e:
            chk.fail(at, str(e))
        if nid in g.nodes:
            chk.fail(at, f"a node with id {nid!r} exists already")
        if name is None:
            name = _auto_name(op, names, counters)
        elif not _NAME_RE.match(name):
            chk.fail(at, f"{name!r} is not a usable name: start with a letter, then letters, "
                         "digits, _ - . [ ]")
        elif name in names:
            chk.fail(at, f"the name {name!r} is taken by another node; choose another")
        names.add(name)
        g.nodes[nid] = Node(nid, name, op, full, frozen, ui)   # weights: made when inferred
        g._g.add_node(nid)  # noqa: SLF001 - the file format builds the model in bulk


def _add_edges(g: Graph, chk: JsonCheck, edges: list) -> None:
    """Check every edge, refuse cycles, then wire in topological order of the destinations (so
    each cycle check in ``connect`` is immediate, however the file orders its edges)."""
    checked = []
    for i, e in enumerate(edges):
        at = f"edges[{i}]"
        chk.obj(e, at, ("src", "dst", "port"))
        for end in ("src", "dst"):
            if not isinstance(e[end], str) or e[end] not in g.nodes:
                chk.fail(f"{at}.{end}", f"there is no node with id {short(e[end])}")
        port = e["port"]
        if not is_int(port) or isinstance(port, float) or not 0 <= port < MAX_PORT:
            chk.fail(f"{at}.port", f"must be a whole number from 0 to {MAX_PORT - 1}; "
                                   f"got {jtype(port)}")
        checked.append((i, e["src"], e["dst"], port))
    wires = nx.DiGraph()
    wires.add_nodes_from(g.nodes)
    wires.add_edges_from((s, d) for _, s, d, _ in checked)
    try:
        rank = {n: k for k, n in enumerate(nx.topological_sort(wires))}
    except nx.NetworkXUnfeasible:
        cycle = nx.find_cycle(wires)
        on_cycle = set(cycle)
        i = max(i for i, s, d, _ in checked if (s, d) in on_cycle)
        names = " → ".join(g.nodes[u].name for u, _ in cycle) + f" → {g.nodes[cycle[0][0]].name}"
        chk.fail(f"edges[{i}]", f"the wires make a cycle: {names}; a graph must not loop back")
    for i, src, dst, port in sorted(checked, key=lambda c: (rank[c[2]], c[0])):
        try:
            g.connect(src, dst, port)
        except GraphError as err:
            chk.fail(f"edges[{i}]", str(err))


def _add_groups(g: Graph, chk: JsonCheck, groups: list) -> None:
    """Add every group, with the checks of Graph.group, in time linear in the members."""
    group_of: dict[str, str] = {}
    position = {nid: k for k, nid in enumerate(g.nodes)}
    for i, gd in enumerate(groups):
        at = f"groups[{i}]"
        chk.obj(gd, at, ("id", "name", "members"), ("collapsed", "ui"))
        gid = chk.ident(gd["id"], f"{at}.id")
        if gid in g.groups:
            chk.fail(f"{at}.id", f"the group id {gid!r} is used twice")
        if not isinstance(gd["name"], str):
            chk.fail(f"{at}.name", f"must be text; got {jtype(gd['name'])}")
        members = chk.list(gd["members"], f"{at}.members", MAX_NODES)
        for j, m in enumerate(members):
            if not isinstance(m, str) or m not in g.nodes:
                chk.fail(f"{at}.members[{j}]", f"there is no node with id {short(m)}")
        if len(set(members)) != len(members):
            chk.fail(f"{at}.members", "lists a node twice")
        collapsed = chk.boolean(gd.get("collapsed", True), f"{at}.collapsed")
        ui = copy.deepcopy(chk.mapping(gd.get("ui", {}), f"{at}.ui"))
        if not members:
            chk.fail(at, "select at least one node to group")
        for m in members:
            if m in group_of:
                chk.fail(at, f"{g.nodes[m].name} is already in group "
                             f"{g.groups[group_of[m]].name}; ungroup it first")
        for m in members:
            group_of[m] = gid
        ordered = tuple(sorted(members, key=position.__getitem__))
        g.groups[gid] = Group(gid, gd["name"], ordered, collapsed, dict(ui))


def _infer_guarded(g: Graph, chk: JsonCheck) -> None:
    """Run shape inference, refusing graphs whose arrays would be absurdly large."""
    try:
        shapes, issues = infer(g)
        total = sum(math.prod(int(x) for x in s.shape)
                    for info in shapes.values() for s in info.weights)
        big = [i for i in issues if is_oversized(i)]
        if big:
            chk.fail("", f"the graph's arrays would hold {big[0].found} at node {big[0].name}; "
                     "more than this app loads")
        if total * 8 > MAX_ARRAY_BYTES:
            chk.fail("", f"the graph's arrays would hold {total} numbers; more than this app loads")
        g._order = None
        g._reinfer()
    except FileFormatError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, OverflowError, ZeroDivisionError,
            MemoryError) as e:
        chk.fail("", f"shape inference failed: {e}")


def _check_manifest(g: Graph, chk: JsonCheck, manifest: dict) -> dict[str, tuple]:
    """key -> (node id, array name, shape, dtype name), every entry checked."""
    out = {}
    for key, entry in manifest.items():
        at = f"arrays.{key}"
        nid, _, name = key.partition("/")
        if nid not in g.nodes or not ID_RE.match(name):
            chk.fail(at, "must be '<node id>/<array name>' for a node of this graph")
        chk.obj(entry, at, ("shape", "dtype"))
        shape = tuple(int(x) for x in chk.ints(entry["shape"], f"{at}.shape"))
        if not isinstance(entry["dtype"], str):
            chk.fail(f"{at}.dtype", f"must be text; got {jtype(entry['dtype'])}")
        out[key] = (nid, name, shape, entry["dtype"])
    return out


def _array_limits(g: Graph, entries: dict, file_size: int) -> dict[str, int]:
    """The bytes each listed array may take, checked against the graph before anything is
    read: the node's own array must have the listed shape; an array of a node whose shape is
    not known yet may take what graph.json lists, within the per-node limit, and all such
    arrays together at most LOOSE_RATIO times the file's size (this app stores arrays
    uncompressed; only a crafted file packs more)."""
    limits, loose = {}, 0
    for key, (nid, name, shape, dtype) in entries.items():
        node = g.nodes[nid]
        try:
            dt = np.dtype(dtype)
        except TypeError:
            dt = None
        if dt is None or dt.kind not in NUMERIC_KINDS:
            raise FileFormatError(f"graph.json: arrays.{key}.dtype: {short(dtype)} is not a "
                                  "numeric type")
        if name in node.weights:
            if shape != node.weights.shape_of(name):
                raise FileFormatError(f"arrays.npz: {key} has shape {shape} but the node "
                                      f"({node.name}) expects {node.weights.shape_of(name)}")
        elif g.shapes[nid].out is not None:
            raise FileFormatError(f"arrays.npz: {key}: node {node.name} has no array {name!r}")
        elif math.prod(shape) > MAX_NODE_ELEMENTS:
            raise FileFormatError(f"arrays.npz: {key} would hold {math.prod(shape)} numbers, "
                                  f"more than the {MAX_NODE_ELEMENTS} a node may hold")
        else:
            loose += math.prod(shape) * dt.itemsize
        limits[key] = math.prod(shape) * dt.itemsize
    if loose > LOOSE_RATIO * file_size + LOOSE_SLACK:
        raise FileFormatError(f"arrays.npz: the arrays of nodes whose shape is unknown would "
                              f"take {loose} bytes, far more than a {file_size}-byte file "
                              "holds; refusing them")
    if sum(limits.values()) > MAX_ARRAY_BYTES:
        raise FileFormatError(f"graph.json: its arrays would take more than "
                              f"{MAX_ARRAY_BYTES >> 30} GiB; refusing them")
    return limits


def _read_arrays(zf: zipfile.ZipFile, info: zipfile.ZipInfo, entries: dict,
                 limits: dict[str, int]) -> dict[str, np.ndarray]:
    """arrays.npz, inflated within what the listed arrays need, each member refused from its
    header unless it is a listed array of the listed shape and dtype."""
    need = sum(limits.values()) + (NPY_HEADER_MAX + ZIP_ENTRY_MAX) * (len(limits) + 1)
    if info.file_size > need:
        raise FileFormatError(f"arrays.npz: declares {info.file_size} bytes, more than the "
                              f"graph's arrays need ({need}); refusing it")
    data = read_member(zf, info, need)

    def check(key: str, shape: tuple, dtype: np.dtype) -> None:
        if key not in entries:
            raise FileFormatError(f"arrays.npz: holds {short(key)}, which graph.json does not list")
        _, _, want, want_dtype = entries[key]
        if shape != want or dtype.name != want_dtype:
            raise FileFormatError(f"arrays.npz: {key} is {dtype.name} {shape}; graph.json "
                                  f"says {want_dtype} {want}")

    return read_npz(data, "arrays.npz", check)


def _place_arrays(g: Graph, entries: dict, arrays: dict[str, np.ndarray]) -> None:
    """Check the file's arrays against the manifest and the nodes, then put them in place."""
    for key in arrays:
        if key not in entries:
            raise FileFormatError(f"arrays.npz: holds {short(key)}, which graph.json does not list")
    updates = []
    for key, (nid, name, shape, dtype) in entries.items():
        if key not in arrays:
            raise FileFormatError(f"arrays.npz: {key} is listed in graph.json but missing")
        a = arrays[key]
        if a.shape != shape or a.dtype.name != dtype:
            raise FileFormatError(f"arrays.npz: {key} is {a.dtype.name} {a.shape}; graph.json "
                                  f"says {dtype} {shape}")
        node = g.nodes[nid]
        if name in node.weights:
            if a.shape != node.weights.shape_of(name):   # asked without making the array
                raise FileFormatError(f"arrays.npz: {key} has shape {a.shape} but the node "
                                      f"({node.name}) expects {node.weights.shape_of(name)}")
        elif g.shapes[nid].out is not None:  # unresolved nodes keep what they had
            raise FileFormatError(f"arrays.npz: {key}: node {node.name} has no array {name!r}")
        updates.append((node, name, a))
    for node, name, a in updates:
        node.weights[name] = a


# -- archives ----------------------------------------------------------------------------------------
def _load_zip(f: io.BufferedReader) -> Graph:
    file_size = os.fstat(f.fileno()).st_size
    with open_zip(f) as zf:
        names = zf.namelist()
        if "graph.json" not in names:
            raise FileFormatError("not a graph file: graph.json is missing from the archive")
        gi = zf.getinfo("graph.json")
        if gi.file_size > MAX_JSON_BYTES:
            raise FileFormatError(f"graph.json: is larger than {MAX_JSON_BYTES >> 20} MiB; refusing it")
        d = parse_json(read_member(zf, gi, MAX_JSON_BYTES), "graph.json")
        _check_header(d, "graph.json")
        arrays: dict[str, np.ndarray] = {}
        g, entries = _build(d, "graph.json")
        if "arrays.npz" in names:
            ai = zf.getinfo("arrays.npz")
            if ai.file_size > MAX_ARRAY_BYTES:
                raise FileFormatError("arrays.npz: declares more than 2 GiB; refusing it")
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
            raise FileFormatError("the file is empty; it is not a graph file")
        if f.read(2) == b"PK":
            f.seek(0)
            return _load_zip(f)
        if size > MAX_JSON_BYTES:
            raise FileFormatError("not a graph file: it is not a ZIP archive, "
                                  "and too large to be JSON")
        f.seek(0)
        data = f.read()
    where = os.path.basename(path)
    try:
        d = parse_json(data, where)
    except FileFormatError:
        if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] != b"{":
            raise FileFormatError("not a graph file: it is not a ZIP archive or JSON") from None
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
                raise FileFormatError("not a graph file: graph.json is missing from the archive")
            d = parse_json(read_member(zf, zf.getinfo("graph.json"), MAX_JSON_BYTES), "graph.json")
            _check_header(d, "graph.json")
            if "dataset" not in d:
                return None
            if data_store.DATA_MEMBER not in names:
                raise FileFormatError(f"graph.json lists a dataset but the archive has no "
                                      f"{data_store.DATA_MEMBER}")
            member = read_member(zf, zf.getinfo(data_store.DATA_MEMBER), limit)
    total = [0]

    def check(key: str, shape: tuple, dtype: np.dtype) -> None:
        total[0] += math.prod(shape) * dtype.itemsize
        if total[0] > limit:
            raise FileFormatError(f"{data_store.DATA_MEMBER}: its arrays would take more than "
                                  f"{limit} bytes, far more than a {file_size}-byte file "
                                  "holds; refusing them")

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
        raise ValueError("the selected nodes own no trained arrays; there is nothing to save")
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
            raise FileFormatError(f"{where}: is larger than {MAX_ARRAY_BYTES >> 30} GiB; refusing it")
        data = f.read()
    if data[:2] != b"PK":
        raise FileFormatError(f"{where}: not an array file (.npz)")
    wanted = {f"{graph.nodes[nid].name}/{k}": (nid, k, w.shape)
              for nid in _selection(graph, node_ids) for k, w in graph.nodes[nid].weights.items()}
    in_file: list[str] = []
    problems: list[str] = []

    def check(key: str, shape: tuple, dtype: np.dtype) -> bool:
        in_file.append(key)
        if key not in wanted:
            return False
        if shape != wanted[key][2]:
            problems.append(f"{key} has shape {shape} in the file but the node "
                            f"expects {wanted[key][2]}")
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
        problems += [f"{key} is not in the file" for key in report.missing]
    if problems:
        raise FileFormatError(f"{where}: " + "; ".join(problems) + "; nothing was loaded")
    if not report.loaded:
        raise FileFormatError(f"{where}: no array matches the selected nodes by name; the file "
                              f"holds {', '.join(sorted(in_file)) or 'nothing'}")
    report.unused = sorted(set(in_file) - set(report.loaded))
    for nid, ws in updates.items():
        graph.set_weights(nid, ws)
    return report


__all__ = ["FileFormatError", "ArrayReport", "FORMAT", "VERSION", "save", "load", "load_dataset",
           "to_dict",
           "from_dict", "save_arrays", "load_arrays"]
