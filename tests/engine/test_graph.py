"""The editable graph model: edits that validate first, undo data, observers, shape issues."""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from engine.graph import Graph, GraphError
from engine.ops import REGISTRY
from engine.shapes import ShapeIssue


def linear(w_shape=(3, 2)) -> tuple[Graph, dict]:
    """x(N,3) @ W + b, returned with a name -> id map."""
    g = Graph()
    ids = {
        "x": g.add_node("input", {"shape": (None, 3)}, name="x"),
        "W": g.add_node("parameter", {"shape": w_shape}, name="W"),
        "mm": g.add_node("matmul", name="mm"),
        "b": g.add_node("parameter", {"shape": (w_shape[-1],)}, name="b"),
        "y": g.add_node("add", name="y"),
    }
    g.connect(ids["x"], ids["mm"], 0)
    g.connect(ids["W"], ids["mm"], 1)
    g.connect(ids["mm"], ids["y"], 0)
    g.connect(ids["b"], ids["y"], 1)
    return g, ids


def state(g: Graph) -> tuple:
    return (list(g.nodes), g.edges(), {k: dict(n.params) for k, n in g.nodes.items()},
            {k: n.name for k, n in g.nodes.items()})


def test_add_assigns_ids_names_and_shapes():
    g, ids = linear()
    assert list(g.nodes) == ["n1", "n2", "n3", "n4", "n5"]
    assert g.shapes[ids["y"]].out == (None, 2)
    assert g.nodes[ids["W"]].weights["value"].shape == (3, 2)
    assert g.unique_name("add") == "add1"
    a = g.add_node("add")
    assert g.nodes[a].name == "add1" and g.unique_name("add7") == "add2"
    assert g.resolve("mm") == ids["mm"] and g.resolve(ids["mm"]) == ids["mm"]


def test_remove_and_restore_keep_order_edges_and_groups():
    g, ids = linear()
    gid = g.group([ids["W"], ids["mm"]], "layer")
    solo = g.group([ids["b"]], "bias")
    before = state(g)
    nodes_dict = g.nodes
    saved = g.remove_node(ids["mm"])
    assert ids["mm"] not in g and g.edges() == [(ids["b"], ids["y"], 1)]
    assert g.groups[gid].members == (ids["W"],)
    saved_b = g.remove_node(ids["b"])
    assert solo not in g.groups  # an emptied group goes away with its last member
    g.restore_node(saved_b)
    g.restore_node(saved)
    assert state(g) == before
    assert g.nodes is nodes_dict
    assert g.groups[gid].members == (ids["W"], ids["mm"])
    assert g.groups[solo].members == (ids["b"],) and g.groups[solo].name == "bias"
    assert g.shapes[ids["y"]].out == (None, 2)


def test_connect_and_disconnect():
    g, ids = linear()
    assert g.inputs_of(ids["y"]) == [ids["mm"], ids["b"]]
    assert g.consumers(ids["x"]) == [(ids["mm"], 0)]
    assert g.disconnect(ids["y"], 1) == ids["b"]
    assert g.inputs_of(ids["y"]) == [ids["mm"], None]
    assert g.shapes[ids["y"]].out is None
    (issue,) = g.issues_for(ids["y"])
    assert issue.port == 1 and "not connected" in issue.message
    with pytest.raises(GraphError, match="not connected"):
        g.disconnect(ids["y"], 1)
    sq = g.add_node("multiply", name="sq")  # one source may feed both ports: x * x
    g.connect(ids["x"], sq, 0)
    g.connect(ids["x"], sq, 1)
    assert g.shapes[sq].out == (None, 3)


def test_cycle_is_refused_and_graph_unchanged():
    g, ids = linear()
    g.disconnect(ids["mm"], 0)  # free the port, so the cycle is the only objection
    before, version = state(g), g.version
    with pytest.raises(GraphError, match=r"would make a cycle \(mm already feeds y\)"):
        g.connect(ids["y"], ids["mm"], 0)
    with pytest.raises(GraphError, match="cycle"):
        g.connect(ids["mm"], ids["mm"], 0)
    assert state(g) == before and g.version == version


def test_occupied_and_bad_ports_are_refused():
    g, ids = linear()
    before = state(g)
    with pytest.raises(GraphError, match="input b of y is already connected; disconnect it first"):
        g.connect(ids["x"], ids["y"], 1)
    with pytest.raises(GraphError, match=r"y \(add\) has no input port 2"):
        g.connect(ids["x"], ids["y"], 2)
    with pytest.raises(GraphError, match="no input port -1"):
        g.connect(ids["x"], ids["y"], -1)
    with pytest.raises(GraphError, match="has no input port 0"):
        g.connect(ids["y"], ids["x"], 0)  # an input takes no inputs
    assert g.check_connect("nope", ids["y"], 0) == "both ends must be nodes of this graph"
    assert state(g) == before


def test_unknown_op_and_bad_parameters_change_nothing():
    g, ids = linear()
    before = state(g)
    with pytest.raises(GraphError, match="unknown op 'conv9d'"):
        g.add_node("conv9d")
    with pytest.raises(GraphError, match="shape must be a shape"):
        g.add_node("input", {"shape": "big"})
    with pytest.raises(GraphError, match="value must be a finite number"):
        g.add_node("constant", {"value": float("nan")})
    with pytest.raises(GraphError, match="init must be one of"):
        g.set_params(ids["W"], {"init": "magic"})
    with pytest.raises(GraphError, match="W: shape: every entry must be at least 1"):
        g.set_param(ids["W"], "shape", (0, 2))
    with pytest.raises(GraphError, match="add has no parameter 'alpha'"):
        g.set_params(ids["y"], {"alpha": 1})
    assert state(g) == before


def test_set_params_returns_old_values_and_reshapes_weights():
    g, ids = linear()
    old = g.set_params(ids["W"], {"shape": (3, 4)})
    assert old == {"shape": (3, 2)}
    assert g.nodes[ids["W"]].weights["value"].shape == (3, 4)
    assert g.shapes[ids["mm"]].out == (None, 4)
    assert [i.node for i in g.issues] == [ids["y"]]  # b is (2,), mm is now (N, 4)


def test_rename_and_duplicate_names():
    g, ids = linear()
    assert g.rename(ids["mm"], "product") == "mm"
    assert g.by_name("product") == ids["mm"]
    with pytest.raises(GraphError, match="taken by another node"):
        g.rename(ids["mm"], "x")
    with pytest.raises(GraphError, match="not a usable name"):
        g.rename(ids["mm"], "two words")
    with pytest.raises(GraphError, match="taken"):
        g.add_node("add", name="x")
    g.rename(ids["mm"], "product")  # its own name is fine
    assert g.nodes[ids["mm"]].name == "product"


def test_freeze_and_weights():
    g, ids = linear()
    assert g.set_frozen(ids["W"], True) is False
    assert g.nodes[ids["W"]].frozen
    with pytest.raises(GraphError, match="does not match"):
        g.set_weights(ids["W"], {"value": np.zeros((2, 3))})
    with pytest.raises(GraphError, match="no array"):
        g.set_weights(ids["W"], {"bias": np.zeros(2)})
    g.set_weights(ids["W"], {"value": np.ones((3, 2))})
    assert np.array_equal(g.nodes[ids["W"]].weights["value"], np.ones((3, 2)))


def test_group_and_ungroup():
    g, ids = linear()
    gid = g.group([ids["mm"], ids["W"]], "layer")
    assert g.groups[gid].members == (ids["W"], ids["mm"])  # in node order
    assert g.group_of(ids["mm"]) == gid and g.group_of(ids["x"]) is None
    with pytest.raises(GraphError, match="already in group layer"):
        g.group([ids["W"], ids["b"]], "other")
    with pytest.raises(GraphError, match="at least one node"):
        g.group([], "empty")
    assert g.set_collapsed(gid, False) is True
    with pytest.raises(GraphError, match="no group"):
        g.set_collapsed("g99", True)
    removed = g.ungroup(gid)
    assert removed.name == "layer" and not g.groups
    with pytest.raises(GraphError, match="no group"):
        g.ungroup(gid)


def test_observers_receive_event_kinds():
    g, ids = linear()
    events = []
    g.subscribe(events.append)
    saved = g.remove_node(ids["b"])
    g.restore_node(saved)
    g.disconnect(ids["y"], 1)
    g.connect(ids["b"], ids["y"], 1)
    g.set_param(ids["W"], "init", "he")
    g.rename(ids["y"], "out")
    g.set_frozen(ids["W"], True)
    g.set_ui(ids["W"], pos=[1, 2])
    gid = g.group([ids["W"]], "grp")
    g.set_collapsed(gid, False)
    g.ungroup(gid)
    g.set_weights(ids["b"], {"value": np.zeros(2)})
    g.unsubscribe(events.append)
    g.rename(ids["y"], "quiet")
    assert [e.kind for e in events] == [
        "node_removed", "node_added", "edge_removed", "edge_added", "params_changed", "renamed",
        "frozen_changed", "ui_changed", "group_added", "group_changed", "group_removed",
        "weights_changed"]
    assert events[2].data == {"src": ids["b"], "dst": ids["y"], "port": 1}
    assert events[4].data == {"old": {"init": "xavier"}} and events[5].data == {"old": "y"}


def test_shape_issue_is_data_naming_node_and_port():
    g, ids = linear(w_shape=(4, 2))
    (issue,) = g.issues
    assert isinstance(issue, ShapeIssue)
    assert (issue.node, issue.name, issue.port) == (ids["mm"], "mm", 1)
    assert "3" in issue.expected and "4" in issue.found
    assert str(issue).startswith("mm: ")
    assert g.shapes[ids["mm"]].out is None
    assert g.shapes[ids["y"]].out is None and not g.issues_for(ids["y"])  # first cause only
    assert g.node_summary(ids["mm"])["issues"] == [str(issue)]


def test_check_connect_with_shapes_refuses_a_bad_wire():
    g = Graph()
    x = g.add_node("input", {"shape": (None, 3)}, name="x")
    w = g.add_node("parameter", {"shape": (4, 2)}, name="W")
    mm = g.add_node("matmul", name="mm")
    g.connect(x, mm, 0)
    reason = g.check_connect(w, mm, 1, shapes=True)
    assert reason and reason.startswith("mm: ") and "4" in reason
    assert g.check_connect(w, mm, 1, shapes=False) is None
    before = state(g)
    with pytest.raises(GraphError, match="mm: "):
        g.connect(w, mm, 1, check_shapes=True)
    assert state(g) == before
    ok = g.add_node("parameter", {"shape": (3, 5)}, name="W2")
    g.connect(ok, mm, 1, check_shapes=True)
    assert g.shapes[mm].out == (None, 5)


def test_node_summary_counts_for_matmul():
    g, ids = linear(w_shape=(3, 5))
    s = g.node_summary(ids["mm"])
    assert s["out_shape"] == (None, 5) and s["in_shapes"] == ((None, 3), (3, 5))
    assert s["param_count"] == 0 and s["macs"] == 3 * 5
    assert s["formula"] and s["grad_formula"]
    assert g.node_summary(ids["W"])["param_count"] == 15
    assert g.node_summary(ids["W"])["trainable"]


def test_node_summary_for_dense():
    if "dense" not in REGISTRY:
        pytest.skip("dense is not available")
    g = Graph()
    x = g.add_node("input", {"shape": (None, 4)}, name="x")
    d = g.add_node("dense", {"units": 3}, name="fc")
    g.connect(x, d, 0)
    s = g.node_summary(d)
    assert s["out_shape"] == (None, 3)
    assert s["param_count"] == 4 * 3 + 3 and s["macs"] >= 4 * 3


_ORDER_SCRIPT = """
from engine.graph import Graph
g = Graph()
ids = [g.add_node("input", {"shape": (None, 2)}, name=f"in{i}") for i in range(6)]
prev = ids[0]
for i in ids[1:]:
    a = g.add_node("add")
    g.connect(prev, a, 0)
    g.connect(i, a, 1)
    prev = a
s = g.add_node("multiply")
g.connect(ids[3], s, 0)
g.connect(ids[5], s, 1)
print(",".join(g.topo_order()))
"""


def test_topo_order_is_deterministic_across_runs():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    outs = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=root)
        r = subprocess.run([sys.executable, "-c", _ORDER_SCRIPT], env=env, cwd=root,
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        outs.add(r.stdout.strip())
    assert len(outs) == 1
    order = outs.pop().split(",")
    assert order.index("n4") < order.index("n12") and order.index("n6") < order.index("n12")


def test_topo_order_follows_insertion_among_ties():
    g = Graph()
    names = ["c", "a", "b"]
    ids = [g.add_node("input", {"shape": (2,)}, name=n) for n in names]
    assert g.topo_order() == ids


def test_copy_is_independent():
    g, ids = linear()
    g.meta["title"] = "t"
    h = g.copy()
    h.rename(ids["mm"], "other")
    h.nodes[ids["W"]].weights["value"][:] = 7
    h.meta["title"] = "changed"
    assert g.nodes[ids["mm"]].name == "mm" and g.meta["title"] == "t"
    assert not np.any(g.nodes[ids["W"]].weights["value"] == 7)


def test_clear():
    g, _ = linear()
    events = []
    g.subscribe(lambda e: events.append(e.kind))
    g.clear()
    assert len(g) == 0 and g.edges() == [] and not g.groups and events == ["cleared"]
    assert g.add_node("add") == "n1"


def test_batch_infers_once_at_the_end(monkeypatch):
    g = Graph()
    calls = []
    real = g._reinfer
    monkeypatch.setattr(g, "_reinfer", lambda: (calls.append(1), real()))
    events = []
    g.subscribe(lambda e: events.append(e.kind))
    with g.batch():
        x = g.add_node("input", {"shape": (None, 3)}, name="x")
        r = g.add_node("relu", name="r")
        g.connect(x, r, 0)
        with pytest.raises(GraphError, match="cycle"):
            g.connect(r, r, 0)
        assert calls == []                       # nothing inferred inside the block
    assert calls == [1]
    assert g.shapes[r].out == (None, 3) and not g.issues
    assert events[-1] == "shapes_changed"
