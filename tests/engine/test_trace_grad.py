"""Gradient tracing: the reverse index maps are the exact transposes of the forward ones, and a
gradient entry traces to the consumers' gradient entries it was summed from."""
import numpy as np
import pytest

from engine.graph import Graph
from engine.inspect import trace, trace_grad, upstream
from engine.ops import REGISTRY
from tests.engine.opcheck import op_forward
from tests.engine.test_trace import CASES, one_hot


def test_every_op_with_an_index_map_has_its_reverse():
    assert set(trace_grad.REVERSE_MAPS) == set(trace.INDEX_MAPS)


@pytest.mark.parametrize("name,in_shapes,params,w_shapes", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_reverse_map_is_the_transpose_of_the_forward_map(name, in_shapes, params, w_shapes):
    """Brute force: input entry e is read by output entry o exactly when the forward map of
    the one-hot o marks e; the reverse map of the one-hot e must mark exactly those o."""
    rng = np.random.default_rng(2)
    p = REGISTRY[name].validate_params(params)
    inputs = [rng.standard_normal(s) for s in in_shapes]
    weights = {k: np.abs(rng.standard_normal(s)) + 1.0 for k, s in w_shapes.items()}
    out = op_forward(name, inputs, p, weights)[0]
    fwd = trace.INDEX_MAPS[name]
    reads = {}                                   # output entry -> its input masks
    for o in np.ndindex(*out.shape):
        reads[o] = fwd(p, inputs, weights, one_hot(out.shape, o))[0]
    for port, x in enumerate(inputs):
        for e in list(np.ndindex(*x.shape))[:40]:
            truth = np.zeros(out.shape, bool)
            for o, masks in reads.items():
                truth[o] = masks[port][e]
            got = trace_grad.REVERSE_MAPS[name](p, inputs, weights, out.shape, port,
                                                one_hot(x.shape, e))
            np.testing.assert_array_equal(got, truth, err_msg=f"{name} port {port} entry {e}")


def fan_out_graph():
    """x → a = tanh(x), which fans out to b = sigmoid(a) and c = a[:, 1:] (a slice); b is
    summed over rows (sb), c over columns (sc)."""
    g = Graph()
    x = g.add_node("input", {"shape": (None, 4)}, name="x")
    a = g.add_node("tanh", name="a")
    b = g.add_node("sigmoid", name="b")
    c = g.add_node("slice", {"axis": 1, "start": 1, "stop": 0, "step": 1}, name="c")
    sb = g.add_node("sum", {"axes": (1,)}, name="sb")
    sc = g.add_node("sum", {"axes": (0,)}, name="sc")
    g.connect(x, a, 0)
    g.connect(a, b, 0)
    g.connect(a, c, 0)
    g.connect(b, sb, 0)
    g.connect(c, sc, 0)
    return g, {n: g.by_name(n) for n in ("x", "a", "b", "c", "sb", "sc")}


def test_a_fan_out_gradient_comes_from_both_consumers():
    g, ids = fan_out_graph()
    x = np.arange(12.0).reshape(3, 4) / 10
    values = upstream.run_upto(g, {"x": x}, ids["sb"]).values
    values.update(upstream.run_upto(g, {"x": x}, ids["sc"]).values)
    t = trace_grad.trace_grad(g, values, ids["a"], (2, 3))
    np.testing.assert_array_equal(t.values[ids["b"]], one_hot((3, 4), (2, 3)))
    np.testing.assert_array_equal(t.values[ids["c"]], one_hot((3, 3), (2, 2)))  # moved left
    np.testing.assert_array_equal(t.values[ids["sb"]], [False, False, True])   # row 2's sum
    np.testing.assert_array_equal(t.values[ids["sc"]], [False, False, True])   # column 2
    assert ids["x"] not in t.values                                            # upstream
    assert trace_grad.consumer_counts(g, t) == [(ids["b"], 1), (ids["c"], 1)]
    first = trace_grad.trace_grad(g, values, ids["a"], (0, 0))
    assert first.count(ids["c"]) == 0                # column 0 is sliced away: no gradient
    only = trace_grad.trace_grad(g, values, ids["a"], (2, 3), within={ids["b"], ids["sb"]})
    assert ids["c"] not in only.values and only.count(ids["sb"]) == 1


def conv_graph(stride, pad):
    g = Graph()
    x = g.add_node("input", {"shape": (None, 1, 7, 7)}, name="x")
    cv = g.add_node("conv2d", {"out_channels": 2, "kernel": 3, "stride": stride,
                               "padding": pad}, name="conv")
    g.connect(x, cv, 0)
    return g, x, cv


@pytest.mark.parametrize("stride,pad,cell,rows,cols", [
    (1, 0, (3, 3), slice(1, 4), slice(1, 4)),        # outputs 1..3 have windows over 3
    (2, 1, (3, 4), slice(1, 3), slice(2, 3)),        # i·2−1 ≤ 3 ≤ i·2+1 → i ∈ {1, 2}
])
def test_a_conv_input_gradient_comes_from_every_window_that_covers_it(stride, pad, cell, rows,
                                                                      cols):
    g, x, cv = conv_graph(stride, pad)
    values = upstream.run_upto(g, {"x": np.ones((1, 1, 7, 7))}, cv).values
    t = trace_grad.trace_grad(g, values, x, (0, 0) + cell)
    out = np.shape(values[cv])
    expect = np.zeros(out, bool)
    expect[0, :, rows, cols] = True                  # both filters
    np.testing.assert_array_equal(t.values[cv], expect)
