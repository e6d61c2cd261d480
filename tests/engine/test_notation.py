"""The course's layer index and symbols for dense layers, derived from the graph."""
from __future__ import annotations

from engine.graph import Graph
from engine.notation import ROWS_NOTE, dense_layer_indices, dense_notation


def _chain(ops: list[tuple[str, dict]]) -> tuple[Graph, list[str]]:
    g = Graph(0)
    prev = g.add_node("input", {"shape": (None, 2)}, name="x")
    ids = []
    for op, params in ops:
        nid = g.add_node(op, params)
        g.connect(prev, nid, 0)
        ids.append(nid)
        prev = nid
    return g, ids


def test_index_counts_dense_layers_from_the_input_and_skips_other_ops():
    g, ids = _chain([("dense", {"units": 16}), ("relu", {}), ("dense", {"units": 8}),
                     ("tanh", {}), ("dense", {"units": 1})])
    idx = dense_layer_indices(g)
    assert idx == {ids[0]: 1, ids[2]: 2, ids[4]: 3}


def test_index_takes_the_longest_path_where_branches_meet():
    g = Graph(0)
    x = g.add_node("input", {"shape": (None, 4)}, name="x")
    a = g.add_node("dense", {"units": 4}, name="a")
    b = g.add_node("dense", {"units": 4}, name="b")
    g.connect(x, a, 0)
    g.connect(a, b, 0)
    s = g.add_node("add", name="s")
    g.connect(x, s, 0)          # short branch: no dense layer
    g.connect(b, s, 1)          # long branch: two dense layers
    c = g.add_node("dense", {"units": 3}, name="c")
    g.connect(s, c, 0)
    assert dense_layer_indices(g) == {a: 1, b: 2, c: 3}


def test_notation_of_the_first_layer_of_a_2_16_network():
    g, ids = _chain([("dense", {"units": 16, "activation": "relu"}),
                     ("dense", {"units": 1, "activation": "sigmoid", "bias": False})])
    n1 = dense_notation(g, ids[0])
    assert n1.forward == "z[1] = W[1]·a[0] + b[1]"
    assert n1.activation_line.startswith("a[1] = g[1](z[1])") and "relu" in n1.activation_line
    assert n1.weight_shape == "W[1]: (n[1], n[0]) = (16, 2)"
    assert n1.bias_shape == "b[1]: (n[1],) = (16,)"
    assert (n1.cache_name("a_prev"), n1.cache_name("z"), n1.cache_name("a")) == \
        ("a[0]", "z[1]", "a[1]")
    n2 = dense_notation(g, ids[1])
    assert n2.forward == "z[2] = W[2]·a[1]"          # no bias term without a bias
    assert n2.weight_shape == "W[2]: (n[2], n[1]) = (1, 16)"
    assert "dW[2] = dz[2]ᵀ·a[1]" in n2.backward and "db" not in n2.backward


def test_notation_is_none_for_other_ops_and_the_rows_note_names_both_layouts():
    g, ids = _chain([("relu", {})])
    assert dense_notation(g, ids[0]) is None
    assert "(m, n[l])" in ROWS_NOTE and "(n[l], m)" in ROWS_NOTE


def test_index_follows_edits_of_the_same_graph():
    g, ids = _chain([("dense", {"units": 4}), ("dense", {"units": 3})])
    assert dense_layer_indices(g)[ids[1]] == 2
    front = g.add_node("dense", {"units": 5})
    x = g.resolve("x")
    g.disconnect(ids[0], 0)
    g.connect(x, front, 0)
    g.connect(front, ids[0], 0)
    assert dense_layer_indices(g) == {front: 1, ids[0]: 2, ids[1]: 3}
    assert dense_notation(g, ids[1]).forward == "z[3] = W[3]·a[2] + b[3]"
