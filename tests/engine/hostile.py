"""Crafted graph files, made the way an attacker would, for the loader's tests."""
from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib

import numpy as np

from engine import Graph, serialize


def small_graph() -> Graph:
    """x (N, 4) → dense 3 → mse against y (N, 3): one W (3, 4) and one b (3,)."""
    g = Graph()
    x = g.add_node("input", {"shape": (None, 4)}, name="x")
    d = g.add_node("dense", {"units": 3}, name="d")
    y = g.add_node("input", {"shape": (None, 3)}, name="y")
    j = g.add_node("mse", name="J")
    g.connect(x, d, 0)
    g.connect(d, j, 0)
    g.connect(y, j, 1)
    return g


def graph_json(g: Graph | None = None, **changes) -> dict:
    d = serialize.to_dict(g or small_graph())
    d.update(changes)
    return d


def deep_json(depth: int) -> bytes:
    """A graph file whose meta holds lists nested ``depth`` levels deep."""
    d = graph_json()
    text = json.dumps(d)
    nested = "[" * depth + "]" * depth
    return text.replace('"meta": {}', f'"meta": {{"deep": {nested}}}').encode()


def surrogate_json(where: str = "meta") -> bytes:
    """A graph file with a lone surrogate (\\ud800) in a string: valid JSON escapes, but text
    that UTF-8 cannot encode, so the graph could never be saved again."""
    d = graph_json()
    if where == "meta":
        d["meta"] = {"title": "@@"}
    else:
        d["nodes"][0]["ui"] = {"@@": 1}
    return json.dumps(d).replace("@@", "\\ud800").encode()


def _npy_header(shape: tuple, dtype: str = "<f8") -> bytes:
    buf = io.BytesIO()
    np.lib.format.write_array_header_1_0(buf, {"descr": dtype, "fortran_order": False,
                                               "shape": shape})
    return buf.getvalue()


def deflated_zeros_member(zf: zipfile.ZipFile, name: str, head: bytes, zeros: int) -> None:
    """Write member ``name``: ``head`` then ``zeros`` zero bytes, deflated as it goes."""
    chunk = bytes(1 << 22)
    with zf.open(zipfile.ZipInfo(name), "w", force_zip64=True) as m:
        m._compress_type = zipfile.ZIP_DEFLATED  # noqa: SLF001 - a crafted file
        m.write(head)
        left = zeros
        while left > 0:
            m.write(chunk[:min(left, len(chunk))])
            left -= len(chunk)


def array_bomb(nbytes: int = 1 << 30) -> bytes:
    """A .gvz of a few KB whose arrays.npz inflates to ``nbytes``: the dense layer's W declared
    and stored as a huge zero array (an npz deflated inside a deflated member)."""
    g = small_graph()
    d = graph_json(g)
    n = int((nbytes // 8) ** 0.5)
    key = next(k for k in d["arrays"] if k.endswith("/W"))
    d["arrays"][key] = {"shape": [n, n], "dtype": "float64"}
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as zf:
        deflated_zeros_member(zf, key + ".npy", _npy_header((n, n)), n * n * 8)
        for k, v in serialize._arrays_of(g).items():   # noqa: SLF001 - the honest arrays
            if k != key:
                buf = io.BytesIO()
                np.save(buf, v)
                zf.writestr(k + ".npy", buf.getvalue())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("graph.json", json.dumps(d))
        zf.writestr("arrays.npz", inner.getvalue())
    return out.getvalue()


def lying_member(declared: int = 200, real: int = 64 << 20) -> bytes:
    """A .gvz whose graph.json member declares ``declared`` bytes (in the local header and the
    central directory) while its deflate stream inflates to ``real`` bytes."""
    text = json.dumps(graph_json()).encode()
    payload = text + b" " * (real - len(text))
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = comp.compress(payload) + comp.flush()
    crc = zlib.crc32(payload) & 0xFFFFFFFF
    name = b"graph.json"
    local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(data),
                        declared, len(name), 0) + name
    central = struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc,
                          len(data), declared, len(name), 0, 0, 0, 0, 0, 0) + name
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(central),
                      len(local) + len(data), 0)
    return local + data + central + end
