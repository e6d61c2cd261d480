"""The graph file format: round trips, array transfer, hostile files, atomic writes."""
from __future__ import annotations

import io
import json
import os
import struct
import zipfile

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from engine import serialize
from engine.graph import Graph
from engine.ops import REGISTRY
from engine.serialize import FileFormatError, from_dict, load, load_arrays, save, save_arrays, to_dict


def make_graph() -> Graph:
    """x(N,3) @ W(3,2) + b(2,), times a constant: every op family present from the start."""
    g = Graph(seed=3)
    x = g.add_node("input", {"shape": (None, 3)}, name="x", ui={"pos": [10.5, -20.0]})
    w = g.add_node("parameter", {"shape": (3, 2), "init": "normal"}, name="W", frozen=True,
                   ui={"pos": [0, 100], "color": "#ff0000"})
    mm = g.add_node("matmul", name="mm")
    b = g.add_node("parameter", {"shape": (2,), "init": "zeros"}, name="b")
    add = g.add_node("add", name="logits")
    c = g.add_node("constant", {"value": 0.5}, name="half")
    out = g.add_node("multiply", name="out")
    g.connect(x, mm, 0)
    g.connect(w, mm, 1)
    g.connect(mm, add, 0)
    g.connect(b, add, 1)
    g.connect(add, out, 0)
    g.connect(c, out, 1)
    g.nodes[w].weights["value"] = g.nodes[w].weights["value"].astype(np.float32)
    g.nodes[b].weights["value"] = np.array([0.25, -1.0 / 3.0])
    g.group([w, b, mm, add], "layer1", collapsed=False)
    g.set_ui(mm, pos=[55, 66])
    g.meta.update({"title": "tiny", "dataset": {"name": "xor", "batch": 4}})
    return g


def gvz_bytes(d: dict, arrays: dict | None = None, npz: bytes | None = None,
              extra: dict | None = None, json_text: bytes | None = None) -> bytes:
    """A .gvz archive in memory, from parts that may be deliberately wrong."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("graph.json", json_text if json_text is not None else json.dumps(d))
        if npz is None and arrays is not None:
            b = io.BytesIO()
            np.savez(b, **arrays)
            npz = b.getvalue()
        if npz is not None:
            zf.writestr("arrays.npz", npz)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def good_parts() -> tuple[dict, dict]:
    g = make_graph()
    return to_dict(g), serialize._arrays_of(g)


def test_round_trip(tmp_path):
    g = make_graph()
    path = tmp_path / "m.gvz"
    save(g, path)
    h = load(path)
    assert to_dict(h) == to_dict(g)
    assert list(h.nodes) == list(g.nodes)
    assert h.edges() == g.edges()
    assert h.topo_order() == g.topo_order()
    x, w = h.by_name("x"), h.by_name("W")
    assert h.nodes[x].params["shape"] == (None, 3)
    assert h.nodes[x].ui == {"pos": [10.5, -20.0]}
    assert h.nodes[w].frozen and not h.nodes[x].frozen
    assert h.meta == g.meta
    (grp,) = h.groups.values()
    assert grp.name == "layer1" and not grp.collapsed
    assert set(grp.members) == {w, h.by_name("b"), h.by_name("mm"), h.by_name("logits")}
    for nid, node in g.nodes.items():
        assert node.weights.keys() == h.nodes[nid].weights.keys()
        for k, a in node.weights.items():
            assert h.nodes[nid].weights[k].dtype == a.dtype
            assert h.nodes[nid].weights[k].tobytes() == a.tobytes()
    assert h.nodes[w].weights["value"].dtype == np.float32
    assert h.shapes[h.by_name("out")].out == (None, 2)
    assert not h.issues
    assert os.listdir(tmp_path) == ["m.gvz"]


def test_round_trip_layers(tmp_path):
    if not {"dense", "conv2d", "flatten"} <= set(REGISTRY):
        pytest.skip("layer ops are not available")
    g = Graph()
    x = g.add_node("input", {"shape": (None, 6, 6, 1)}, name="img")
    c = g.add_node("conv2d", {"out_channels": 2, "kernel": 3}, name="conv")
    f = g.add_node("flatten", name="flat")
    d = g.add_node("dense", {"units": 3}, name="fc")
    g.connect(x, c, 0)
    g.connect(c, f, 0)
    g.connect(f, d, 0)
    save(g, tmp_path / "c.gvz")
    h = load(tmp_path / "c.gvz")
    assert to_dict(h) == to_dict(g)
    for nid in (c, d):
        for k, a in g.nodes[nid].weights.items():
            assert np.array_equal(h.nodes[nid].weights[k], a)


def test_plain_json_without_arrays(tmp_path):
    g = make_graph()
    save(g, tmp_path / "m.json")
    d = json.loads((tmp_path / "m.json").read_text())
    assert d["arrays"] == {} and d["format"] == "graphviz-app-graph"
    h = load(tmp_path / "m.json")
    assert [n.name for n in h.nodes.values()] == [n.name for n in g.nodes.values()]
    w = h.by_name("W")
    assert h.nodes[w].weights["value"].shape == (3, 2)  # freshly initialized


def test_hand_written_json(tmp_path):
    text = """{"format": "graphviz-app-graph", "version": 1,
      "nodes": [{"id": "a", "op": "input", "params": {"shape": [null, 4]}},
                {"id": "w", "op": "parameter", "params": {"shape": [4, 2]}},
                {"id": "y", "op": "matmul"}],
      "edges": [{"src": "a", "dst": "y", "port": 0}, {"src": "w", "dst": "y", "port": 1}]}"""
    (tmp_path / "h.json").write_text(text)
    g = load(tmp_path / "h.json")
    assert g.shapes["y"].out == (None, 2)
    assert g.nodes["w"].weights["value"].shape == (4, 2)
    assert len({n.name for n in g.nodes.values()}) == 3


def test_from_dict_accepts_arrays():
    d, arrays = good_parts()
    g = from_dict(d, arrays)
    assert np.array_equal(g.nodes["n2"].weights["value"], arrays["n2/value"])


# -- arrays for a subgraph -------------------------------------------------------------------------
def test_save_and_load_arrays_by_name(tmp_path):
    src = make_graph()
    keys = save_arrays(src, tmp_path / "w.npz", ["W", src.by_name("b")])
    assert keys == ["W/value", "b/value"]
    dst = Graph(seed=9)
    dst.add_node("input", {"shape": (None, 5)}, name="other")
    w = dst.add_node("parameter", {"shape": (3, 2)}, name="W")
    b = dst.add_node("parameter", {"shape": (2,)}, name="b")
    extra = dst.add_node("parameter", {"shape": (7,)}, name="fresh")
    before = dst.nodes[extra].weights["value"].copy()
    report = load_arrays(dst, tmp_path / "w.npz")
    assert sorted(report.loaded) == ["W/value", "b/value"]
    assert report.missing == ["fresh/value"] and report.unused == []
    assert np.allclose(dst.nodes[w].weights["value"], src.nodes[src.by_name("W")].weights["value"])
    assert np.array_equal(dst.nodes[b].weights["value"], src.nodes[src.by_name("b")].weights["value"])
    assert np.array_equal(dst.nodes[extra].weights["value"], before)
    assert "loaded 2 arrays" in str(report)


def test_load_arrays_shape_mismatch_changes_nothing(tmp_path):
    src = make_graph()
    save_arrays(src, tmp_path / "w.npz")
    dst = Graph()
    w = dst.add_node("parameter", {"shape": (2, 3)}, name="W")
    b = dst.add_node("parameter", {"shape": (2,)}, name="b")
    snap = dst.weight_snapshot()
    with pytest.raises(FileFormatError, match=r"W/value has shape \(3, 2\) .*expects \(2, 3\)"):
        load_arrays(dst, tmp_path / "w.npz")
    assert all(np.array_equal(v, dst.weight_snapshot()[k]) for k, v in snap.items())
    assert b in dst and w in dst


def test_load_arrays_strict_and_no_match(tmp_path):
    src = make_graph()
    save_arrays(src, tmp_path / "w.npz", ["W"])
    dst = Graph()
    dst.add_node("parameter", {"shape": (3, 2)}, name="W")
    dst.add_node("parameter", {"shape": (2,)}, name="b")
    with pytest.raises(FileFormatError, match="b/value is not in the file"):
        load_arrays(dst, tmp_path / "w.npz", strict=True)
    other = Graph()
    other.add_node("parameter", {"shape": (3, 2)}, name="V")
    with pytest.raises(FileFormatError, match="no array matches"):
        load_arrays(other, tmp_path / "w.npz")
    with pytest.raises(ValueError, match="nothing to save"):
        save_arrays(src, tmp_path / "none.npz", ["x"])


# -- hostile and malformed files ------------------------------------------------------------------
def _edit(fn):
    """A .gvz made from the good parts after ``fn(d, arrays)`` edits them in place."""
    d, arrays = good_parts()
    fn(d, arrays)
    return gvz_bytes(d, arrays)


def _npy(a, allow_pickle=False) -> bytes:
    b = io.BytesIO()
    np.save(b, a, allow_pickle=allow_pickle)
    return b.getvalue()


def _npz(members: dict) -> bytes:
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return b.getvalue()


def _declared_huge(member: str) -> bytes:
    """A valid archive whose central directory claims ``member`` unpacks to 3.5 GiB."""
    d, arrays = good_parts()
    raw = bytearray(gvz_bytes(d, arrays))
    name = member.encode()
    pos = 0
    while (pos := raw.find(b"PK\x01\x02", pos)) != -1:
        n = struct.unpack_from("<H", raw, pos + 28)[0]
        if raw[pos + 46:pos + 46 + n] == name:
            struct.pack_into("<I", raw, pos + 24, 0xE0000000)
        pos += 4
    return bytes(raw)


def _truncated() -> bytes:
    d, arrays = good_parts()
    data = gvz_bytes(d, arrays)
    return data[: len(data) // 2]


GOOD_JSON = json.dumps(to_dict(make_graph()))


def _json(old: str, new: str) -> bytes:
    """A .gvz whose graph.json text has ``old`` replaced by ``new`` (and no arrays)."""
    return gvz_bytes({}, json_text=GOOD_JSON.replace(old, new, 1).encode())


def _arrays(members: dict) -> bytes:
    """A .gvz with the good graph.json and an arrays.npz holding ``members`` (name -> bytes)."""
    return gvz_bytes(good_parts()[0], npz=_npz(members))


def _node(name):
    """An edit setting fields of the node called ``name``."""
    def edit(**fields):
        return lambda d, a: next(n for n in d["nodes"] if n["name"] == name).update(fields)
    return edit


def _param(index, **params):
    return lambda d, a: d["nodes"][index]["params"].update(params)


def _edge(index, **fields):
    return lambda d, a: d["edges"][index].update(fields)


def _wrong_shape(d, a):
    a["n2/value"] = np.zeros((2, 3), np.float32)
    d["arrays"]["n2/value"]["shape"] = [2, 3]


def _cycle(d, a):
    d["edges"].pop(0)  # frees mm's port 0 for a wire from the end of the chain
    d["edges"].append({"src": "n7", "dst": "n3", "port": 0})


OBJECT_NPY = _npy(np.array([{"x": 1}], dtype=object), allow_pickle=True)
DEEP = '"meta": {"x": ' + "[" * 100000 + "]" * 100000 + ", "

# case: (bytes of the file, part of the expected message); edits go through _edit(fn)
HOSTILE = {
    "random text": (b"hello, this is not a graph", "not a graph file: it is not a ZIP archive or JSON"),
    "empty": (b"", "empty"),
    "truncated zip": (_truncated, "damaged or truncated"),
    "zip without graph.json": (lambda: _npz({"other.txt": b"x"}), "graph.json is missing"),
    "invalid json": (lambda: gvz_bytes({}, json_text=b'{"format": '),
                     "graph.json: invalid JSON at line 1"),
    "not utf-8": (lambda: gvz_bytes({}, json_text=b'{"a": "\xff"}'), "not UTF-8"),
    "json list": (lambda: gvz_bytes([1, 2]), "must be a JSON object"),
    "wrong format": (lambda d, a: d.update(format="other"), "not a graph file"),
    "newer version": (lambda d, a: d.update(version=7), "version 7 is newer than this app reads (1)"),
    "version as text": (lambda d, a: d.update(version="1"), "version must be a whole number"),
    "unknown top field": (lambda d, a: d.update(extra=1), "unknown field 'extra'"),
    "nodes not a list": (lambda d, a: d.update(nodes={}), "graph.json: nodes: must be a list"),
    "meta not object": (lambda d, a: d.update(meta=5), "meta: must be an object"),
    "node without id": (lambda d, a: d["nodes"][0].pop("id"), "nodes[0]: the field 'id' is missing"),
    "path-like id": (_node("x")(id="../x"), "nodes[0].id"),
    "unknown op": (_node("mm")(op="launch"), "nodes[2].op: unknown op 'launch'"),
    "op not text": (_node("mm")(op=["matmul"]), "nodes[2].op: unknown op"),
    "bad float param": (_param(5, value="x"),
                        "nodes[5].params.value: must be a finite number; got 'x'"),
    "bad shape param": (_param(0, shape="x"), "nodes[0].params.shape: must be a shape"),
    "bad shape entry": (_param(0, shape=[None, "3"]),
                        "nodes[0].params.shape[1]: must be a whole number"),
    "param out of range": (_param(1, shape=[0, 2]),
                           "nodes[1]: W: shape: every entry must be at least 1"),
    "bad choice": (_param(1, init="magic"), "nodes[1]: W: init must be one of"),
    "unknown param": (_param(2, kernel=3), "nodes[2]: mm: matmul has no parameter 'kernel'"),
    "frozen not bool": (_node("W")(frozen="yes"), "nodes[1].frozen: must be true or false"),
    "ui not object": (_node("W")(ui=[1, 2]), "nodes[1].ui: must be an object"),
    "duplicate id": (_node("W")(id="n1"), "nodes[1]: a node with id 'n1' exists"),
    "duplicate name": (_node("W")(name="x"), "nodes[1]: the name 'x' is taken"),
    "bad name": (_node("W")(name="a b"), "nodes[1]: 'a b' is not a usable name"),
    "edge to missing node": (_edge(0, dst="n99"), "edges[0].dst: there is no node with id 'n99'"),
    "edge port text": (_edge(0, port="0"), "edges[0].port: must be a whole number"),
    "edge port negative": (_edge(0, port=-1), "edges[0].port"),
    "bad port": (_edge(0, port=5), "edges[0]: mm (matmul) has no input port 5"),
    "occupied port": (_edge(2, src="n4", dst="n3", port=0), "is already connected"),
    "cycle": (_cycle, "edges[5]: the wires make a cycle: mm → logits → out → mm"),
    "self loop": (_edge(0, src="n3", dst="n3"), "edges[0]: the wires make a cycle: mm → mm"),
    "group missing member": (lambda d, a: d["groups"][0]["members"].append("n42"),
                             "groups[0].members[4]: there is no node"),
    "group twice": (lambda d, a: d["groups"].append(dict(d["groups"][0], id="g2")),
                    "groups[1]: W is already in group"),
    "NaN in params": (lambda: _json('"value": 0.5', '"value": NaN'), "NaN is not allowed"),
    "huge float": (lambda: _json('"value": 0.5', '"value": 1e999'), "too large"),
    "huge int": (lambda: _json('"value": 0.5', '"value": ' + "9" * 5000), "graph.json"),
    "duplicate key": (lambda: _json('"version": 1', '"version": 1, "version": 1'), "appears twice"),
    "deep nesting": (lambda: _json('"meta": {', DEEP), "nested too deeply"),
    "absurd array size": (_param(1, shape=[100000, 100000]), "the graph's arrays would hold"),
    "object array in npz": (lambda: _arrays({"n2/value.npy": OBJECT_NPY}),
                            "only numeric arrays are allowed"),
    "string array in npz": (lambda: _arrays({"n2/value.npy": _npy(np.array(["abc"]))}), "only numeric"),
    "npz not a zip": (lambda: gvz_bytes(good_parts()[0], npz=b"not a zip"),
                      "arrays.npz: is not a readable .npz"),
    "npz odd member": (lambda: _arrays({"readme.txt": b"hi"}), "unexpected member"),
    "npy truncated": (lambda: _arrays({"n2/value.npy": _npy(np.zeros((3, 2)))[:-8]}),
                      "declares 48 bytes of data but the member holds 40"),
    "npy garbage": (lambda: _arrays({"n2/value.npy": b"\x93NUMPY garbage"}), "arrays.npz: n2/value"),
    "array missing": (lambda d, a: a.pop("n2/value"),
                      "arrays.npz: n2/value is listed in graph.json but missing"),
    "array not listed": (lambda d, a: d["arrays"].pop("n2/value"), "which graph.json does not list"),
    "array wrong shape": (_wrong_shape,
                          "arrays.npz: n2/value has shape (2, 3) but the node (W) expects (3, 2)"),
    "manifest disagrees": (lambda d, a: d["arrays"]["n2/value"].update(dtype="float64"),
                           "graph.json says float64"),
    "manifest unknown node": (lambda d, a: d["arrays"].update({"n99/v": {"shape": [], "dtype": "f4"}}),
                              "arrays.n99/v"),
    "no arrays.npz but listed": (lambda: gvz_bytes(good_parts()[0]), "missing"),
    "path-like member": (lambda: gvz_bytes(*good_parts(), extra={"../../evil.sh": b"rm"}),
                         "path-like name"),
    "zip bomb member": (lambda: _declared_huge("arrays.npz"), "more than 2 GiB"),
    "huge graph.json": (lambda: _declared_huge("graph.json"), "more than 2 GiB"),
}


def _file_bytes(make) -> bytes:
    if isinstance(make, bytes):
        return make
    if make.__code__.co_argcount == 2:
        return _edit(make)
    return make()


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_files_raise_file_format_error(tmp_path, case):
    make, message = HOSTILE[case]
    path = tmp_path / "bad.gvz"
    path.write_bytes(_file_bytes(make))
    with pytest.raises(FileFormatError) as info:
        load(path)
    assert message in str(info.value)


def test_load_arrays_refuses_object_arrays(tmp_path):
    (tmp_path / "bad.npz").write_bytes(_npz({"W/value.npy": OBJECT_NPY}))
    g = Graph()
    g.add_node("parameter", {"shape": (1,)}, name="W")
    with pytest.raises(FileFormatError, match="only numeric"):
        load_arrays(g, tmp_path / "bad.npz")


def test_plain_json_errors_name_the_file(tmp_path):
    (tmp_path / "h.json").write_text('{"format": "graphviz-app-graph", "version": 1, '
                                     '"nodes": [{"id": 3, "op": "add"}]}')
    with pytest.raises(FileFormatError, match=r"^h\.json: nodes\[0\]\.id"):
        load(tmp_path / "h.json")
    (tmp_path / "t.json").write_text('{"format": "graphviz-app-graph", "version": ')
    with pytest.raises(FileFormatError, match="invalid JSON"):
        load(tmp_path / "t.json")


def test_missing_file_is_an_os_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        load(tmp_path / "nope.gvz")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(min_size=0, max_size=2000))
def test_random_bytes_raise_file_format_error(tmp_path, data):
    path = tmp_path / "r.gvz"
    path.write_bytes(data)
    with pytest.raises(FileFormatError):
        load(path)


GOOD_GVZ = gvz_bytes(*good_parts())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, len(GOOD_GVZ) - 1), st.integers(0, 255)),
                min_size=1, max_size=8))
def test_corrupted_archive_loads_or_raises_file_format_error(tmp_path, flips):
    raw = bytearray(GOOD_GVZ)
    for pos, value in flips:
        raw[pos] = value
    path = tmp_path / "c.gvz"
    path.write_bytes(bytes(raw))
    try:
        g = load(path)
    except FileFormatError:
        return
    assert isinstance(g, Graph)


# -- atomic writes --------------------------------------------------------------------------------
@pytest.mark.parametrize("target, fname", [("numpy.savez", "m.gvz"), ("json.dump", "m.gvz"),
                                           ("json.dump", "m.json")])
def test_failed_save_keeps_previous_file(tmp_path, monkeypatch, target, fname):
    path = tmp_path / fname
    save(make_graph(), path)
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")
    module, attr = target.split(".")
    monkeypatch.setattr({"numpy": np, "json": json}[module], attr, boom)
    other = Graph()
    other.add_node("input", name="only")
    with pytest.raises(RuntimeError, match="disk on fire"):
        save(other, path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == [fname]


def test_unsaveable_meta_leaves_nothing(tmp_path):
    g = make_graph()
    g.meta["bad"] = float("nan")
    with pytest.raises(ValueError, match="meta.bad"):
        save(g, tmp_path / "m.gvz")
    g.meta["bad"] = object()
    with pytest.raises(ValueError, match="cannot be saved"):
        save(g, tmp_path / "m.gvz")
    assert os.listdir(tmp_path) == []


def test_save_keeps_file_mode(tmp_path):
    path = tmp_path / "m.gvz"
    save(make_graph(), path)
    os.chmod(path, 0o600)
    save(make_graph(), path)
    assert os.stat(path).st_mode & 0o777 == 0o600


def test_documented_example_loads(tmp_path):
    doc = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "file-format.md")
    with open(doc, encoding="utf-8") as f:
        text = f.read()
    example = text.split("```json\n", 1)[1].split("```", 1)[0]
    (tmp_path / "example.json").write_text(example)
    g = load(tmp_path / "example.json")
    assert g.shapes["n5"].out == (None, 1) and not g.issues
    assert g.meta["title"] == "Logistic regression"
    if "conv2d" in REGISTRY:
        d = json.loads(example)
        d["nodes"].append({"id": "c", "op": "conv2d", "params": {"kernel": "x"}})
        message = r"nodes\[5\]\.params\.kernel: must be a whole number; got 'x'"
        with pytest.raises(FileFormatError, match=message):
            from_dict(d)


def test_every_op_at_its_defaults_round_trips(tmp_path):
    """Negative entries are legal in list parameters (reshape (0, -1), axes -1): a saved graph
    with any op at its defaults must open again."""
    from engine.ops import REGISTRY
    g = Graph()
    for name in REGISTRY:
        g.add_node(name, name=f"{name}_node")
    g.add_node("reshape", {"shape": (0, -1)}, name="flat")
    g.add_node("transpose", {"axes": (0, -2, -1)}, name="t")
    g.add_node("sum", {"axes": (-1,)}, name="s")
    path = str(tmp_path / "all.gvz")
    save(g, path)
    back = load(path)
    assert {n.name: n.params for n in back.nodes.values()} == \
        {n.name: n.params for n in g.nodes.values()}


@pytest.mark.parametrize("example", sorted(__import__("engine.examples", fromlist=["EXAMPLES"]).EXAMPLES))
def test_every_example_round_trips(tmp_path, example):
    from engine.examples import build
    g, _, _ = build(example)
    path = str(tmp_path / f"{example}.gvz")
    save(g, path)
    back = load(path)
    assert [(n.name, n.op, n.params) for n in back.nodes.values()] == \
        [(n.name, n.op, n.params) for n in g.nodes.values()]
    assert back.edges() == g.edges()
