"""Reading the graph file format: the checks of ``graph.json`` and the building of the graph.

Reading is defensive: no code runs, nothing is unpickled, sizes are checked before anything is
read, and the whole graph is built and validated before it is returned. ``graph.json`` is read
and the graph built first; only then are the arrays read, each one refused from its header
unless it is an array the graph really has (or, for a node whose shape is not known yet, the
size graph.json lists), so a small file cannot make the loader inflate gigabytes. Building is
linear in the file's size: names, ids and group memberships are kept in sets and dicts, and
wires are added in topological order so that each cycle check is immediate. Every problem with a
file raises :class:`FileFormatError` naming where it is (the member and the JSON path, as they
are) and what is wrong (a :class:`engine.messages.Msg`, shown in the user's language).
:mod:`engine.serialize` opens the archives and writes files; see docs/file-format.md.
"""
from __future__ import annotations

import copy
import math
import re
import zipfile
from typing import Any

import networkx as nx
import numpy as np

from .graph import _NAME_RE, Graph, GraphError, Group, Node
from .messages import Msg, carried
from .ops.base import REGISTRY, ParamError, ParamSpec, _kind_words
from .safe_io import (ID_RE, MAX_ARRAY_BYTES, MAX_INT, NPY_HEADER_MAX, NUMERIC_KINDS,
                      FileFormatError, JsonCheck, is_int, jtype, located, read_member, read_npz,
                      short)
from .shapes import MAX_NODE_ELEMENTS, infer, is_oversized

FORMAT = "graphviz-app-graph"
VERSION = 1
MAX_NODES = 5000
MAX_EDGES = 20000
MAX_PORT = 1024
ZIP_ENTRY_MAX = 1024   # bytes of ZIP bookkeeping per member (headers, name, extra fields)
LOOSE_RATIO = 16       # arrays of nodes of unknown shape: at most this many times the file
LOOSE_SLACK = 1 << 20


# -- checks ------------------------------------------------------------------------------------------
def _check_param(chk: JsonCheck, spec: ParamSpec, v: Any, path: str) -> None:
    """The JSON type of a parameter value; ranges are left to the op's own validation."""
    k = spec.kind
    if k in ("int", "float") and is_int(v) and abs(v) > MAX_INT:
        chk.fail(path, Msg("file.param_too_large", value=short(v)))
    ok = {"int": is_int(v), "float": isinstance(v, (int, float)) and not isinstance(v, bool),
          "bool": isinstance(v, bool), "str": isinstance(v, str),
          "ints": is_int(v) or isinstance(v, list),
          "shape": isinstance(v, list),
          "choice": v is None or isinstance(v, (str, int, float, bool))}.get(k, True)
    if not ok:
        chk.fail(path, Msg("file.must_be_kind", kind=_kind_words(k), got=short(v)))
    if k in ("ints", "shape") and isinstance(v, list):
        chk.ints(v, path, none_ok=(k == "shape"), signed=(k == "ints"))


def _check_header(d: Any, where: str) -> None:
    if not isinstance(d, dict):
        raise FileFormatError(located(where, Msg("file.json_object", got=jtype(d))))
    if d.get("format") != FORMAT:
        raise FileFormatError(Msg("file.not_graph_format", where=where,
                                  format=short(d.get("format")), want=FORMAT))
    v = d.get("version")
    if not is_int(v) or isinstance(v, float):
        raise FileFormatError(located(where, Msg("file.version_int", got=jtype(v))))
    if v > VERSION:
        raise FileFormatError(Msg("file.version_newer", version=v, known=VERSION))
    if v < 1:
        raise FileFormatError(located(where, Msg("file.version_unknown",
                                                 version=v, known=VERSION)))




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
            chk.fail(f"{at}.op", Msg("file.unknown_op", op=short(op),
                                     ops=", ".join(sorted(REGISTRY))))
        name = nd.get("name")
        if name is not None and not isinstance(name, str):
            chk.fail(f"{at}.name", Msg("file.must_be_text", got=jtype(name)))
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
            chk.fail(at, Msg("named", name=name or op, error=carried(e)))
        except (TypeError, ValueError, KeyError, OverflowError) as e:
            chk.fail(at, carried(e))
        if nid in g.nodes:
            chk.fail(at, Msg("graph.id_taken", nid=nid))
        if name is None:
            name = _auto_name(op, names, counters)
        elif not _NAME_RE.match(name):
            chk.fail(at, Msg("graph.bad_name", name=name))
        elif name in names:
            chk.fail(at, Msg("graph.name_taken", name=name))
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
                chk.fail(f"{at}.{end}", Msg("file.no_node_id", nid=short(e[end])))
        port = e["port"]
        if not is_int(port) or isinstance(port, float) or not 0 <= port < MAX_PORT:
            chk.fail(f"{at}.port", Msg("file.port_range", top=MAX_PORT - 1, got=jtype(port)))
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
        chk.fail(f"edges[{i}]", Msg("file.cycle", names=names))
    for i, src, dst, port in sorted(checked, key=lambda c: (rank[c[2]], c[0])):
        try:
            g.connect(src, dst, port)
        except GraphError as err:
            chk.fail(f"edges[{i}]", carried(err))


def _add_groups(g: Graph, chk: JsonCheck, groups: list) -> None:
    """Add every group, with the checks of Graph.group, in time linear in the members."""
    group_of: dict[str, str] = {}
    position = {nid: k for k, nid in enumerate(g.nodes)}
    for i, gd in enumerate(groups):
        at = f"groups[{i}]"
        chk.obj(gd, at, ("id", "name", "members"), ("collapsed", "ui"))
        gid = chk.ident(gd["id"], f"{at}.id")
        if gid in g.groups:
            chk.fail(f"{at}.id", Msg("file.group_id_twice", gid=gid))
        if not isinstance(gd["name"], str):
            chk.fail(f"{at}.name", Msg("file.must_be_text", got=jtype(gd["name"])))
        members = chk.list(gd["members"], f"{at}.members", MAX_NODES)
        for j, m in enumerate(members):
            if not isinstance(m, str) or m not in g.nodes:
                chk.fail(f"{at}.members[{j}]", Msg("file.no_node_id", nid=short(m)))
        if len(set(members)) != len(members):
            chk.fail(f"{at}.members", Msg("file.member_twice"))
        collapsed = chk.boolean(gd.get("collapsed", True), f"{at}.collapsed")
        ui = copy.deepcopy(chk.mapping(gd.get("ui", {}), f"{at}.ui"))
        if not members:
            chk.fail(at, Msg("graph.group_empty"))
        for m in members:
            if m in group_of:
                chk.fail(at, Msg("graph.in_group", name=g.nodes[m].name,
                                 group=g.groups[group_of[m]].name))
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
            chk.fail("", Msg("file.arrays_at_node", found=big[0].found, name=big[0].name))
        if total * 8 > MAX_ARRAY_BYTES:
            chk.fail("", Msg("file.arrays_total", count=total))
        g._order = None
        g._reinfer()
    except FileFormatError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, OverflowError, ZeroDivisionError,
            MemoryError) as e:
        chk.fail("", Msg("file.inference_failed", error=carried(e)))


def _check_manifest(g: Graph, chk: JsonCheck, manifest: dict) -> dict[str, tuple]:
    """key -> (node id, array name, shape, dtype name), every entry checked."""
    out = {}
    for key, entry in manifest.items():
        at = f"arrays.{key}"
        nid, _, name = key.partition("/")
        if nid not in g.nodes or not ID_RE.match(name):
            chk.fail(at, Msg("file.manifest_key"))
        chk.obj(entry, at, ("shape", "dtype"))
        shape = tuple(int(x) for x in chk.ints(entry["shape"], f"{at}.shape"))
        if not isinstance(entry["dtype"], str):
            chk.fail(f"{at}.dtype", Msg("file.must_be_text", got=jtype(entry["dtype"])))
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
            raise FileFormatError(located("graph.json", Msg("file.not_numeric",
                                                            dtype=short(dtype)),
                                     f"arrays.{key}.dtype"))
        if name in node.weights:
            if shape != node.weights.shape_of(name):
                raise FileFormatError(located("arrays.npz", Msg(
                    "file.array_shape", key=key, shape=shape, name=node.name,
                    want=node.weights.shape_of(name))))
        elif g.shapes[nid].out is not None:
            raise FileFormatError(located("arrays.npz", Msg("file.array_not_owned", key=key,
                                                       name=node.name, array=name)))
        elif math.prod(shape) > MAX_NODE_ELEMENTS:
            raise FileFormatError(located("arrays.npz", Msg("file.array_too_big", key=key,
                                                       count=math.prod(shape),
                                                       limit=MAX_NODE_ELEMENTS)))
        else:
            loose += math.prod(shape) * dt.itemsize
        limits[key] = math.prod(shape) * dt.itemsize
    if loose > LOOSE_RATIO * file_size + LOOSE_SLACK:
        raise FileFormatError(located("arrays.npz", Msg("file.loose_arrays", size=loose,
                                                   file_size=file_size)))
    if sum(limits.values()) > MAX_ARRAY_BYTES:
        raise FileFormatError(located("graph.json", Msg("file.arrays_gib",
                                                        gib=MAX_ARRAY_BYTES >> 30)))
    return limits


def _read_arrays(zf: zipfile.ZipFile, info: zipfile.ZipInfo, entries: dict,
                 limits: dict[str, int]) -> dict[str, np.ndarray]:
    """arrays.npz, inflated within what the listed arrays need, each member refused from its
    header unless it is a listed array of the listed shape and dtype."""
    need = sum(limits.values()) + (NPY_HEADER_MAX + ZIP_ENTRY_MAX) * (len(limits) + 1)
    if info.file_size > need:
        raise FileFormatError(located("arrays.npz", Msg("file.npz_need", size=info.file_size,
                                                   need=need)))
    data = read_member(zf, info, need)

    def check(key: str, shape: tuple, dtype: np.dtype) -> None:
        if key not in entries:
            raise FileFormatError(located("arrays.npz", Msg("file.not_listed", key=short(key))))
        _, _, want, want_dtype = entries[key]
        if shape != want or dtype.name != want_dtype:
            raise FileFormatError(located("arrays.npz", Msg(
                "file.array_differs", key=key, dtype=dtype.name, shape=shape,
                want_dtype=want_dtype, want=want)))

    return read_npz(data, "arrays.npz", check)


def _place_arrays(g: Graph, entries: dict, arrays: dict[str, np.ndarray]) -> None:
    """Check the file's arrays against the manifest and the nodes, then put them in place."""
    for key in arrays:
        if key not in entries:
            raise FileFormatError(located("arrays.npz", Msg("file.not_listed", key=short(key))))
    updates = []
    for key, (nid, name, shape, dtype) in entries.items():
        if key not in arrays:
            raise FileFormatError(located("arrays.npz", Msg("file.listed_missing", key=key)))
        a = arrays[key]
        if a.shape != shape or a.dtype.name != dtype:
            raise FileFormatError(located("arrays.npz", Msg(
                "file.array_differs", key=key, dtype=a.dtype.name, shape=a.shape,
                want_dtype=dtype, want=shape)))
        node = g.nodes[nid]
        if name in node.weights:
            if a.shape != node.weights.shape_of(name):   # asked without making the array
                raise FileFormatError(located("arrays.npz", Msg(
                    "file.array_shape", key=key, shape=a.shape, name=node.name,
                    want=node.weights.shape_of(name))))
        elif g.shapes[nid].out is not None:  # unresolved nodes keep what they had
            raise FileFormatError(located("arrays.npz", Msg("file.array_not_owned", key=key,
                                                       name=node.name, array=name)))
        updates.append((node, name, a))
    for node, name, a in updates:
        node.weights[name] = a
