"""The executor: step records, fan-out, replay, run() against stepping, refusals."""
from __future__ import annotations

import numpy as np
import pytest

from engine import ExecutionError, Executor, Graph
from engine.ops import REGISTRY


def _param(g: Graph, name: str, value) -> str:
    value = np.asarray(value, dtype=float)
    nid = g.add_node("parameter", {"shape": value.shape}, name=name)
    g.set_weights(nid, {"value": value})
    return nid


def _wire(g: Graph, op: str, name: str, *srcs: str, **params) -> str:
    nid = g.add_node(op, params or None, name=name)
    for port, s in enumerate(srcs):
        g.connect(s, nid, port)
    return nid


def _scalar_graph() -> Graph:
    """J = 3(a + b·c) with a=5, b=3, c=2: u = b·c = 6, v = a + u = 11, J = 33."""
    g = Graph()
    a, b, c = _param(g, "a", 5.0), _param(g, "b", 3.0), _param(g, "c", 2.0)
    three = g.add_node("constant", {"value": 3.0}, name="three")
    u = _wire(g, "multiply", "u", b, c)
    v = _wire(g, "add", "v", a, u)
    _wire(g, "multiply", "J", three, v)
    return g


def _play(ex: Executor) -> list:
    out = []
    for _ in range(2 * len(ex.entries) + 2):         # a forward and a backward pass at most
        r = ex.step()
        if r is None:
            return out
        out.append(r)
    raise AssertionError(f"stepping did not end after {len(out)} steps")


def _linear_graph(frozen_w: bool = False) -> Graph:
    """x (N,3) @ W (3,2) + b (2,) → mse against y (N,2)."""
    g = Graph(seed=1)
    x = g.add_node("input", {"shape": (None, 3)}, name="x")
    y = g.add_node("input", {"shape": (None, 2)}, name="y")
    w = g.add_node("parameter", {"shape": (3, 2)}, name="W", frozen=frozen_w)
    b = g.add_node("parameter", {"shape": (2,), "init": "normal"}, name="b")
    m = _wire(g, "matmul", "xW", x, w)
    z = _wire(g, "add", "z", m, b)
    _wire(g, "mse", "cost", z, y)
    return g


def _linear_feeds(n: int = 4) -> dict:
    rng = np.random.default_rng(2)
    return {"x": rng.standard_normal((n, 3)), "y": rng.standard_normal((n, 2))}


def test_scalar_graph_records():
    g = _scalar_graph()
    ex = Executor(g)
    ex.reset({})
    recs = _play(ex)
    name = {nid: n.name for nid, n in g.nodes.items()}
    fwd = {name[r.node]: float(r.value) for r in recs if r.phase == "forward"}
    assert fwd == {"a": 5, "b": 3, "c": 2, "three": 3, "u": 6, "v": 11, "J": 33}
    bwd = {name[r.node]: r for r in recs if r.phase == "backward"}
    assert [name[r.node] for r in recs if r.phase == "backward"] == ["J", "v", "u", "c", "b", "a"]
    assert float(bwd["J"].value) == 1 and bwd["J"].incoming[0][0] == "seed"
    assert float(bwd["v"].value) == 3 and float(bwd["u"].value) == 3
    assert {k: float(bwd[k].weight_grads["value"]) for k in "abc"} == {"a": 3, "b": 6, "c": 9}
    assert bwd["J"].input_grads[0] is None          # the constant takes no gradient
    assert float(bwd["J"].input_grads[1]) == 3
    assert ex.phase == "done" and ex.step() is None
    cost, grads = ex.run({})
    assert float(cost) == 33
    assert {name[k[0]]: float(v) for k, v in grads.items()} == {"a": 3, "b": 6, "c": 9}


def test_records_are_read_only():
    ex = Executor(_scalar_graph())
    ex.reset({})
    rec = ex.step()
    with pytest.raises(ValueError):
        rec.value[...] = 0


def test_fan_out_contributions_sum_to_the_gradient():
    """J = (x·b)·(x + c) with x=2, b=3, c=4: dJ/dx = 6·3 + 6 = 24 from two consumers."""
    g = Graph()
    x, b, c = _param(g, "x", 2.0), _param(g, "b", 3.0), _param(g, "c", 4.0)
    u = _wire(g, "multiply", "u", x, b)
    v = _wire(g, "add", "v", x, c)
    _wire(g, "multiply", "J", u, v)
    ex = Executor(g)
    ex.reset({})
    rec = next(r for r in _play(ex) if r.phase == "backward" and r.node == x)
    # in the order the backward pass visited the consumers (reverse plan order)
    assert [(src, port) for src, port, _ in rec.incoming] == [(v, 0), (u, 0)]
    parts = [float(gr) for _, _, gr in rec.incoming]
    assert parts == [6.0, 18.0]
    assert float(rec.value) == sum(parts) == 24.0
    _, grads = ex.run({})
    assert float(grads[(x, "value")]) == float(rec.weight_grads["value"]) == 24.0


def test_same_node_on_both_ports():
    g = Graph()
    x = _param(g, "x", 3.0)
    sq = _wire(g, "multiply", "sq", x, x)
    ex = Executor(g, sq)
    ex.reset({})
    rec = next(r for r in _play(ex) if r.phase == "backward" and r.node == x)
    assert [(s, p, float(v)) for s, p, v in rec.incoming] == [(sq, 0, 3.0), (sq, 1, 3.0)]
    assert float(rec.value) == 6.0


def test_step_back_then_step_replays_without_recomputing(monkeypatch):
    ex = Executor(_linear_graph())
    ex.reset(_linear_feeds())
    recs = _play(ex)
    assert len(recs) == ex.total_steps

    def boom(*args, **kwargs):
        raise AssertionError("recomputed")

    for name in ("matmul", "add", "mse", "parameter"):
        monkeypatch.setattr(REGISTRY[name], "forward", boom)
        monkeypatch.setattr(REGISTRY[name], "backward", boom)
    for _ in range(len(recs)):
        ex.step_back()
    assert ex.cursor == 0 and ex.current is None and ex.phase == "ready"
    replayed = _play(ex)
    assert all(a is b for a, b in zip(replayed, recs)) and len(replayed) == len(recs)
    ex.step_back()
    ex.step_back()
    assert ex.step() is recs[-2]


def test_run_matches_stepping():
    g = _linear_graph()
    ex = Executor(g)
    feeds = _linear_feeds()
    ex.reset(feeds)
    _play(ex)
    stepped = ex.weight_grads()
    cost, grads = Executor(g).run(feeds, training=False)
    assert set(grads) == set(stepped) == {(g.by_name("W"), "value"), (g.by_name("b"), "value")}
    for k in grads:
        np.testing.assert_allclose(grads[k], stepped[k], rtol=1e-12)
    np.testing.assert_allclose(cost, ex.values()[g.by_name("cost")])


def test_broadcast_flags_for_add():
    g = _linear_graph()
    ex = Executor(g)
    ex.reset(_linear_feeds(5))
    recs = _play(ex)
    z, xw = g.by_name("z"), g.by_name("xW")
    fz = next(r for r in recs if r.phase == "forward" and r.node == z)
    bz = next(r for r in recs if r.phase == "backward" and r.node == z)
    assert fz.broadcast == (False, True) and bz.broadcast == (False, True)
    assert bz.input_grads[0].shape == (5, 2) and bz.input_grads[1].shape == (2,)
    np.testing.assert_allclose(bz.input_grads[1], bz.value.sum(axis=0))
    # matmul's inputs are not broadcast, although their shapes differ from the output
    fm = next(r for r in recs if r.phase == "forward" and r.node == xw)
    assert fm.broadcast == (False, False)


def test_frozen_parameters_and_data_get_no_gradient():
    g = _linear_graph(frozen_w=True)
    ex = Executor(g)
    feeds = _linear_feeds()
    ex.reset(feeds)
    recs = _play(ex)
    back = {r.node for r in recs if r.phase == "backward"}
    assert back == {g.by_name(n) for n in ("cost", "z", "b")}   # matmul's inputs need nothing
    _, grads = ex.run(feeds)
    assert set(grads) == {(g.by_name("b"), "value")}
    zrec = next(r for r in recs if r.phase == "backward" and r.node == g.by_name("cost"))
    assert zrec.input_grads[1] is None                          # no gradient for the labels


def test_missing_input_refuses_to_run():
    g = _linear_graph()
    g.disconnect(g.by_name("z"), 1)
    with pytest.raises(ExecutionError, match="z") as e:
        Executor(g, "cost")
    assert e.value.node == g.by_name("z")


def test_shape_error_refuses_to_run():
    g = Graph()
    x = g.add_node("input", {"shape": (None, 3)}, name="x")
    w = _param(g, "W", np.ones((4, 2)))
    m = _wire(g, "matmul", "xW", x, w)
    with pytest.raises(ExecutionError, match="xW") as e:
        Executor(g)
    assert e.value.node == m


def test_gap_in_variadic_inputs_refuses_to_run():
    g = Graph()
    a, c = _param(g, "a", [1.0, 2.0]), _param(g, "c", [3.0])
    r = g.add_node("l2_penalty", name="R")
    g.connect(a, r, 0)
    g.connect(c, r, 2)
    with pytest.raises(ExecutionError, match="R") as e:
        Executor(g, r)
    assert e.value.node == r


def test_bad_feeds_name_the_input():
    ex = Executor(_linear_graph())
    feeds = _linear_feeds()
    with pytest.raises(ExecutionError, match="x") as e:
        ex.run({**feeds, "x": np.ones((4, 5))})
    assert e.value.node == ex.graph.by_name("x")
    with pytest.raises(ExecutionError, match="x"):
        ex.run({**feeds, "x": np.ones(4)})
    with pytest.raises(ExecutionError, match="input y has no data"):
        ex.run({"x": feeds["x"]})
    with pytest.raises(ExecutionError, match="nothere"):
        ex.run({**feeds, "nothere": 1})
    with pytest.raises(ExecutionError, match="feed"):
        fresh = Executor(_linear_graph())
        fresh.step()


def test_dtype_float32_run():
    g = _linear_graph()
    cost, grads = Executor(g, dtype=np.float32).run(_linear_feeds())
    assert cost.dtype == np.float32
    assert all(v.dtype == np.float32 for v in grads.values())
