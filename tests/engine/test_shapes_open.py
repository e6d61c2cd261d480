"""Shape inference keeps what it knows: an open dimension (the batch, None) that meets a known
one takes the known size; it never turns a known dimension into an open one."""
from __future__ import annotations

import pytest

from engine import Graph
from engine.ops.base import broadcast_shapes


@pytest.mark.parametrize("a,b,out", [
    ((None, 3), (5, 3), (5, 3)),
    ((5, 3), (None, 3), (5, 3)),
    ((None, 1), (None, 4), (None, 4)),
    ((None, 3), (3,), (None, 3)),
    ((2, None, 4), (None, 7, 1), (2, 7, 4)),
    ((None,), (None,), (None,)),
])
def test_broadcast_keeps_known_dimensions(a, b, out):
    assert broadcast_shapes(a, b) == out


def test_graph_edge_shows_the_known_size():
    g = Graph()
    x = g.add_node("input", {"shape": (None, 3)}, name="x")
    p = g.add_node("parameter", {"shape": (5, 3)}, name="P")
    s = g.add_node("add", name="s")
    g.connect(x, s, 0)
    g.connect(p, s, 1)
    assert g.shapes[s].out == (5, 3) and not g.issues
    m = g.add_node("matmul", name="m")
    q = g.add_node("parameter", {"shape": (3, 2)}, name="Q")
    g.connect(s, m, 0)
    g.connect(q, m, 1)
    assert g.shapes[m].out == (5, 2)
