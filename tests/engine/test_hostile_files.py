"""Files that cannot hurt: four ways crafted graph files used to crash the loader or blow up its
memory now give FileFormatError, a load's memory follows the real arrays, and its time grows
linearly with the file's size."""
from __future__ import annotations

import json
import time
import tracemalloc

import numpy as np
import pytest

from engine import Graph, serialize
from engine.safe_io import FileFormatError

from . import hostile


def _load_measured(path) -> tuple[object, int]:
    """(the graph or the FileFormatError raised, peak bytes allocated while loading)."""
    tracemalloc.start()
    try:
        try:
            out = serialize.load(path)
        except FileFormatError as e:
            out = e
        return out, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("depth", [65, 300, 900, 5000, 100000])
@pytest.mark.parametrize("suffix", [".json", ".gvz"])
def test_deep_nesting_is_a_file_format_error(tmp_path, depth, suffix):
    data = hostile.deep_json(depth)
    path = tmp_path / f"deep{suffix}"
    if suffix == ".gvz":
        import io
        import zipfile
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr("graph.json", data)
        data = buf.getvalue()
    path.write_bytes(data)
    with pytest.raises(FileFormatError, match="nested too deeply"):
        serialize.load(path)


def test_nesting_within_the_limit_loads(tmp_path):
    path = tmp_path / "ok.json"
    path.write_bytes(hostile.deep_json(60))
    g = serialize.load(path)
    depth, v = 1, g.meta["deep"]
    for _ in range(100):
        if not v:
            break
        v, depth = v[0], depth + 1
    assert depth == 60


@pytest.mark.parametrize("where", ["meta", "ui key"])
def test_lone_surrogate_is_refused(tmp_path, where):
    path = tmp_path / "s.json"
    path.write_bytes(hostile.surrogate_json(where))
    with pytest.raises(FileFormatError, match="lone surrogate"):
        serialize.load(path)


def test_surrogate_pairs_are_ordinary_text(tmp_path):
    """An escaped pair (😀 written as \\ud83d\\ude00) is one character: it loads and saves."""
    d = hostile.graph_json(meta={"title": "@@"})
    path = tmp_path / "pair.json"
    path.write_bytes(json.dumps(d).replace("@@", "\\ud83d\\ude00").encode())
    g = serialize.load(path)
    assert g.meta["title"] == "\U0001F600"
    serialize.save(g, tmp_path / "again.gvz")
    assert serialize.load(tmp_path / "again.gvz").meta["title"] == "\U0001F600"


@pytest.fixture(scope="module")
def bomb(tmp_path_factory):
    path = tmp_path_factory.mktemp("bomb") / "bomb.gvz"
    path.write_bytes(hostile.array_bomb(256 << 20))
    return path


def test_arrays_that_inflate_to_hundreds_of_megabytes_are_refused_before_inflating(bomb):
    assert bomb.stat().st_size < 2 << 20
    err, peak = _load_measured(bomb)
    assert isinstance(err, FileFormatError)
    assert "n2/W has shape (5792, 5792) but the node (d) expects (3, 4)" in str(err)
    assert peak < 16 << 20, f"{peak / 1e6:.0f} MB allocated"


def test_member_inflating_past_its_declared_size_is_caught_while_streaming(tmp_path):
    path = tmp_path / "lying.gvz"
    path.write_bytes(hostile.lying_member(declared=200, real=64 << 20))
    err, peak = _load_measured(path)
    assert isinstance(err, FileFormatError) and "graph.json" in str(err)
    assert peak < 4 << 20, f"{peak / 1e6:.0f} MB allocated"


def test_arrays_of_nodes_of_unknown_shape_cannot_pack_gigabytes(tmp_path):
    """A node whose input is not wired has no known shape: graph.json's word is all there is
    for its arrays, so together they may not take far more than the file itself."""
    g = hostile.small_graph()
    loose = g.add_node("dense", {"units": 4}, name="loose")       # not wired: shape unknown
    d = serialize.to_dict(g)
    d["arrays"][f"{loose}/W"] = {"shape": [5000, 5000], "dtype": "float64"}
    path = tmp_path / "loose.gvz"
    import io
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("graph.json", json.dumps(d))
        zf.writestr("arrays.npz", b"")
    path.write_bytes(buf.getvalue())
    err, peak = _load_measured(path)
    assert isinstance(err, FileFormatError) and "whose shape is unknown" in str(err)
    assert peak < 4 << 20


def test_a_load_takes_memory_in_proportion_to_the_real_arrays(tmp_path):
    g = Graph()
    x = g.add_node("input", {"shape": (None, 500)}, name="x")
    d = g.add_node("dense", {"units": 2000}, name="d")              # W: 8 MB of float64
    g.connect(x, d, 0)
    g.set_weights(d, {"W": np.random.default_rng(0).standard_normal((2000, 500))})
    serialize.save(g, tmp_path / "big.gvz")
    real = 2000 * 500 * 8
    back, peak = _load_measured(tmp_path / "big.gvz")
    assert isinstance(back, Graph)
    np.testing.assert_array_equal(back.nodes[d].weights["W"], g.nodes[d].weights["W"])
    assert peak < 5 * real, f"{peak / real:.1f} x the real arrays"


def _big_file(tmp_path, n: int) -> str:
    """A graph file of ``n`` nodes: an input, then a chain of adds that each also take the
    input (2 wires per node), every node in a group of its own, names left to the loader."""
    nodes = [{"id": "n0", "op": "input", "params": {"shape": [None, 4]}, "name": "x"}]
    edges = []
    for i in range(1, n):
        nodes.append({"id": f"n{i}", "op": "add"})
        edges.append({"src": f"n{i - 1}", "dst": f"n{i}", "port": 0})
        edges.append({"src": "n0", "dst": f"n{i}", "port": 1})
    groups = [{"id": f"g{i}", "name": f"block {i}", "members": [f"n{i}"]} for i in range(1, n)]
    d = {"format": "graphviz-app-graph", "version": 1, "nodes": nodes, "edges": edges[::-1],
         "groups": groups}
    path = tmp_path / f"big{n}.json"
    path.write_text(json.dumps(d))
    return str(path)


def _best_load_time(path: str, tries: int = 3) -> float:
    best = float("inf")
    for _ in range(tries):
        t = time.perf_counter()
        g = serialize.load(path)
        best = min(best, time.perf_counter() - t)
    assert len(g.groups) == len(g.nodes) - 1
    return best


def test_load_time_grows_linearly_with_the_file(tmp_path):
    """At the documented limit (5000 nodes) a load takes about four times as long as at a
    quarter of it; a quadratic check would take sixteen times as long."""
    small = _best_load_time(_big_file(tmp_path, 1250), tries=5)
    large = _best_load_time(_big_file(tmp_path, serialize.MAX_NODES))
    assert large / small < 9, f"{small:.3f} s → {large:.3f} s"
    assert large < 10.0
