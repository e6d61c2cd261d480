"""Mistakes a user can make through the app: each gives an error naming the thing and the fix,
never a raw NumPy exception, and leaves the graph usable."""
from __future__ import annotations

import numpy as np
import pytest

from engine.executor import ExecutionError, Executor
from engine.gradcheck import gradient_check
from engine.graph import Graph, GraphError
from engine.shapes import MAX_NODE_ELEMENTS
from engine.training import Dataset, TrainConfig, Trainer
from tests.engine.opcheck import mismatched_add


def classifier() -> Graph:
    g = Graph()
    x = g.add_node("input", {"shape": (None, 2)}, name="x")
    y = g.add_node("input", {"shape": (None,), "dtype": "int"}, name="y")
    d = g.add_node("dense", {"units": 3}, name="d")
    loss = g.add_node("softmax_ce", name="loss")
    g.connect(x, d, 0)
    g.connect(d, loss, 0)
    g.connect(y, loss, 1)
    return g


X = np.random.default_rng(0).standard_normal((5, 2))
Y = np.array([0, 1, 2, 1, 0])


# -- data of the wrong size or kind ------------------------------------------------------------
def test_inputs_fed_different_batch_sizes_name_the_node():
    g = classifier()
    with pytest.raises(ExecutionError) as info:
        Executor(g).run({"x": X, "y": Y[:3]})
    assert info.value.node == g.by_name("loss")
    assert "loss (softmax_ce)" in str(info.value) and "same number of examples" in str(info.value)
    ex = Executor(g)
    ex.reset({"x": X, "y": Y[:3]})
    with pytest.raises(ExecutionError, match="loss"):
        ex.run_forward()


def test_binary_op_with_mismatched_batches_names_the_node():
    g, _, _ = mismatched_add()
    with pytest.raises(ExecutionError, match=r"s \(add\) failed in the forward pass.*5x2, 3x2"):
        Executor(g).run({"a": X, "b": X[:3]})


def test_open_dimension_meeting_a_fixed_one_is_not_silently_broadcast():
    # prediction declared with 1 row, target open: shape inference says (1,), but feeding the
    # target 3 rows used to broadcast quietly and give a (3,) loss
    g = Graph()
    p = g.add_node("input", {"shape": (1, 4)}, name="p")
    t = g.add_node("input", {"shape": (None, 4)}, name="t")
    loss = g.add_node("bce", {"reduction": "none"}, name="loss")
    g.connect(p, loss, 0)
    g.connect(t, loss, 1)
    assert g.shapes[loss].out == (1,)
    feeds = {"p": np.full((1, 4), 0.5), "t": np.ones((3, 4))}
    with pytest.raises(ExecutionError, match="loss .*gave 3 but its shape is 1") as info:
        Executor(g).run(feeds)
    assert info.value.node == loss
    ex = Executor(g)
    ex.reset(feeds)
    with pytest.raises(ExecutionError, match="same number of examples"):
        ex.run_forward()


def test_id_out_of_range_names_the_node():
    g = Graph()
    ids = g.add_node("input", {"shape": (None,), "dtype": "int"}, name="ids")
    emb = g.add_node("embedding", {"num_embeddings": 4, "dim": 2}, name="emb")
    g.connect(ids, emb, 0)
    with pytest.raises(ExecutionError, match=r"^emb: id 7 is out of range 0 \.\. 3") as info:
        Executor(g).run({"ids": np.array([0, 7])})
    assert info.value.node == emb


@pytest.mark.parametrize("ids, shown", [(Y + 0.5, "0.5"), (np.array([0, np.nan, 1, 1, 1]), "nan")])
def test_int_input_refuses_fractional_ids(ids, shown):
    # a cast to int64 used to truncate 0.5 to 0 (and NaN to a huge negative id)
    g = classifier()
    with pytest.raises(ExecutionError, match=f"y takes integer ids.*holds {shown}") as info:
        Executor(g).run({"x": X, "y": ids})
    assert info.value.node == g.by_name("y")
    with pytest.raises(ValueError, match=f"training data for y takes integer ids.*{shown}"):
        Trainer(g, Dataset({"x": X, "y": ids}))


def test_whole_float_ids_are_accepted():
    g = classifier()
    cost, _ = Executor(g).run({"x": X, "y": Y.astype(float)})
    assert np.isfinite(cost)


@pytest.mark.parametrize("data, message", [
    (np.array([["a", "b"]]), "must be real numbers"),
    (X + 1j, "must be real numbers; got values of type complex128"),
    (None, "must be real numbers"),
])
def test_non_numeric_feeds_name_the_input(data, message):
    g = classifier()
    with pytest.raises(ExecutionError, match=message) as info:
        Executor(g).run({"x": data, "y": Y[:1]})
    assert info.value.node == g.by_name("x")


# -- parameter values --------------------------------------------------------------------------
def test_huge_weights_are_a_shape_issue_and_the_graph_stays_usable():
    g = Graph()
    x = g.add_node("input", {"shape": (None, 1000)}, name="x")
    d = g.add_node("dense", {"units": 100_000_000}, name="d")   # a typo: too many zeros
    g.connect(x, d, 0)
    p = g.add_node("parameter", {"shape": (10**7, 10**7)}, name="p")
    c = g.add_node("constant", {"shape": (10**6, 10**6)}, name="c")
    big = {i.node: i for i in g.issues}
    assert set(big) == {d, p, c}
    assert "d: it would hold 100,100,000,000 numbers" in str(big[d])
    assert "more than this machine's" in str(big[p]) and MAX_NODE_ELEMENTS < 10**14
    assert g.nodes[p].weights == {} and g.shapes[d].out is None
    # the graph still takes edits, and fixing the size gives the node its arrays
    g.set_param(d, "units", 3)
    g.set_param(p, "shape", (2, 2))
    g.remove_node(c)
    assert g.issues == []
    assert g.nodes[d].weights["W"].shape == (3, 1000)
    assert g.nodes[p].weights["value"].shape == (2, 2)


@pytest.mark.parametrize("op, params", [
    ("reshape", {"shape": (2.5, -1)}),
    ("input", {"shape": (None, 2.5)}),
    ("parameter", {"shape": (3, 1.5)}),
])
def test_fractional_entries_in_shape_params_are_refused(op, params):
    # int() used to truncate 2.5 to 2 without a word
    g = Graph()
    with pytest.raises(GraphError, match="whole numbers"):
        g.add_node(op, params)
    assert len(g) == 0


def test_whole_float_entries_in_shape_params_are_accepted():
    g = Graph()
    r = g.add_node("reshape", {"shape": (0.0, 6.0)})
    assert g.nodes[r].params["shape"] == (0, 6)


@pytest.mark.parametrize("field, value", [("batch_size", "a"), ("batch_size", None),
                                          ("epochs", None), ("epochs", "ten"), ("epochs", 2.5)])
def test_train_config_refuses_non_numbers_by_name(field, value):
    words = "batch size" if field == "batch_size" else "epochs"
    with pytest.raises(ValueError, match=f"{words} must be a whole number"):
        TrainConfig(**{field: value})


# -- gradient check ----------------------------------------------------------------------------
def test_strong_curvature_near_zero_is_compared_not_called_a_kink():
    # J = 5·p² at p = 1e-3: the one-sided slopes differ by 10·ε (curvature), which used to be
    # taken for a kink, leaving nothing to compare ("kink") although J is smooth
    g = Graph()
    p = g.add_node("parameter", {"shape": (1,)}, name="p", weights={"value": np.array([1e-3])})
    sq = g.add_node("multiply")
    g.connect(p, sq, 0)
    g.connect(p, sq, 1)
    five = g.add_node("constant", {"value": 5.0})
    m = g.add_node("multiply")
    g.connect(sq, m, 0)
    g.connect(five, m, 1)
    s = g.add_node("sum")
    g.connect(m, s, 0)
    (check,) = gradient_check(g, {})
    assert check.kinks == 0 and check.entries_checked == 1
    assert check.verdict == "good"


# -- executor corners --------------------------------------------------------------------------
def test_variadic_ops_shared_sources_and_a_second_component():
    """concat of 3, l2_penalty of 3, x*x on one source, an unrelated component after the cost,
    and a target that is not the last node: run and stepping agree with the closed form."""
    g = Graph()
    vals = [np.array([[1.0]]), np.array([[2.0, -1.0]]), np.array([[0.5, 3.0, -2.0]])]
    ps = [g.add_node("parameter", {"shape": v.shape}, weights={"value": v}) for v in vals]
    cat = g.add_node("concat", {"axis": 1})
    l2 = g.add_node("l2_penalty", {"lam": 0.5})
    for i, p in enumerate(ps):
        g.connect(p, cat, i)
        g.connect(p, l2, i)
    sq = g.add_node("multiply")
    g.connect(cat, sq, 0)
    g.connect(cat, sq, 1)
    s = g.add_node("sum")
    g.connect(sq, s, 0)
    cost = g.add_node("add", name="cost")
    g.connect(s, cost, 0)
    g.connect(l2, cost, 1)
    after = g.add_node("exp")                      # downstream of the cost: never backpropagated
    g.connect(cost, after, 0)
    other = g.add_node("parameter", {"shape": (2,)})
    total = g.add_node("sum")
    g.connect(other, total, 0)
    ex = Executor(g, target=cost)
    value, grads = ex.run({}, training=False)
    flat = np.concatenate([v.ravel() for v in vals])
    assert float(value) == pytest.approx(1.25 * np.sum(flat ** 2))
    for p, v in zip(ps, vals):
        np.testing.assert_allclose(grads[(p, "value")], 2.5 * v)
    assert (other, "value") not in grads
    ex.reset({})
    ex.run_backward()
    stepped = ex.weight_grads()
    assert set(stepped) == set(grads)
    for k in grads:
        np.testing.assert_allclose(stepped[k], grads[k])
    assert after not in {r.node for r in ex.records if r.phase == "backward"}
