"""Index maps: which input and weight entries one output entry depends on, for every op."""
import numpy as np
import pytest

from engine import examples
from engine.graph import Graph
from engine.inspect import trace, trace_text, upstream
from engine.ops import REGISTRY
from tests.engine.opcheck import op_forward
from tests import sweep

RNG = np.random.default_rng(0)


def test_every_registered_op_has_an_index_map_or_is_a_source():
    missing = [n for n, op in REGISTRY.items() if n not in trace.INDEX_MAPS and not op.is_source]
    assert missing == []
    assert trace.SOURCES == {n for n, op in REGISTRY.items() if op.is_source}
    assert not set(trace.INDEX_MAPS) & trace.SOURCES


def one_hot(shape, index):
    m = np.zeros(shape, bool)
    m[index] = True
    return m


def masks_for(name, inputs, params, weights, index):
    p = REGISTRY[name].validate_params(params)
    out, _ = op_forward(name, inputs, p, weights)
    return trace.INDEX_MAPS[name](p, [np.asarray(x) for x in inputs], weights,
                                  one_hot(out.shape, index)), out


def test_dense_reads_the_whole_input_row_and_one_row_of_w():
    x = RNG.standard_normal((3, 5))
    w = {"W": RNG.standard_normal((4, 5)), "b": RNG.standard_normal(4)}
    (ins, ws), _ = masks_for("dense", [x], {"units": 4}, w, (1, 2))
    expect_x = np.zeros((3, 5), bool)
    expect_x[1, :] = True
    expect_w = np.zeros((4, 5), bool)
    expect_w[2, :] = True
    np.testing.assert_array_equal(ins[0], expect_x)
    np.testing.assert_array_equal(ws["W"], expect_w)
    np.testing.assert_array_equal(ws["b"], [False, False, True, False])


def test_conv_reads_a_window_across_all_channels_and_one_kernel():
    x = RNG.standard_normal((2, 3, 7, 7))
    w = {"W": RNG.standard_normal((4, 3, 3, 3)), "b": RNG.standard_normal(4)}
    params = {"out_channels": 4, "kernel": 3, "stride": 2, "padding": 1}
    (ins, ws), out = masks_for("conv2d", [x], params, w, (1, 2, 2, 0))
    assert out.shape == (2, 4, 4, 4)
    expect = np.zeros(x.shape, bool)
    expect[1, :, 3:6, 0:2] = True          # rows 2*2-1 .. +2, cols -1 .. 1 clipped to 0 .. 1
    np.testing.assert_array_equal(ins[0], expect)
    expect_w = np.zeros((4, 3, 3, 3), bool)
    expect_w[2, :, :, 1:] = True            # kernel column 0 falls on the padding: unused
    np.testing.assert_array_equal(ws["W"], expect_w)
    np.testing.assert_array_equal(ws["b"], [False, False, True, False])


CASES = [
    ("dense", [(3, 4)], {"units": 2, "activation": "tanh"}, {"W": (2, 4), "b": (2,)}),
    ("conv2d", [(1, 2, 5, 5)], {"out_channels": 2, "kernel": 3, "padding": 1},
     {"W": (2, 2, 3, 3), "b": (2,)}),
    ("max_pool2d", [(1, 2, 4, 4)], {"kernel": 2}, {}),
    ("avg_pool2d", [(1, 1, 5, 5)], {"kernel": 3, "stride": 1}, {}),
    ("global_avg_pool", [(2, 2, 3, 3)], {}, {}),
    ("add", [(3, 4), (1, 4)], {}, {}),
    ("multiply", [(2, 3, 4), (4,)], {}, {}),
    ("divide", [(3, 1), (1, 4)], {}, {}),
    ("matmul", [(3, 4), (4, 2)], {}, {}),
    ("matmul", [(2, 3, 4), (4,)], {}, {}),
    ("sum", [(3, 4, 2)], {"axes": (1,)}, {}),
    ("mean", [(3, 4)], {"axes": (0,), "keepdims": True}, {}),
    ("sum", [(3, 2)], {}, {}),
    ("softmax", [(3, 4)], {"axis": -1}, {}),
    ("log_softmax", [(3, 4)], {"axis": 0}, {}),
    ("relu", [(3, 4)], {}, {}),
    ("sigmoid", [(3, 4)], {}, {}),
    ("reshape", [(2, 6)], {"shape": (0, 3, 2)}, {}),
    ("flatten", [(2, 2, 3)], {}, {}),
    ("transpose", [(2, 3, 4)], {"axes": (2, 0, 1)}, {}),
    ("concat", [(2, 3), (2, 2)], {"axis": 1}, {}),
    ("slice", [(3, 7)], {"axis": 1, "start": 1, "stop": -1, "step": 2}, {}),
    ("batch_norm", [(4, 3)], {}, {"gamma": (3,), "beta": (3,), "running_mean": (3,),
                                   "running_var": (3,)}),
    ("mse", [(4, 2), (4, 2)], {"reduction": "none"}, {}),
    ("mse", [(4, 2), (4, 2)], {"reduction": "mean"}, {}),
    ("l2_penalty", [(2, 2), (3,)], {}, {}),
    ("lrn", [(1, 6, 2, 2)], {"size": 4, "alpha": 1.0}, {}),
    ("group_conv2d", [(1, 4, 4, 4)], {"out_channels": 4, "kernel": 3, "padding": 1,
                                      "groups": 2}, {"W": (4, 2, 3, 3), "b": (4,)}),
    ("add_n", [(2, 3), (1, 3), (2, 1)], {}, {}),
    ("pad2d", [(1, 2, 4, 5)], {"pads": (1, -1, 2, 0)}, {}),
    ("avg_pool2d_valid", [(1, 1, 5, 5)], {"kernel": 3, "stride": 2, "pads": (1, 1, 1, 1)}, {}),
]


def _depends(name, inputs, params, weights, index, which, entry):
    """Does output[index] change when one input (or weight) entry is moved far away?"""
    base = op_forward(name, inputs, params, weights)[0][index]
    for delta in (7.0, -7.0):
        ins = [x.copy() for x in inputs]
        ws = {k: v.copy() for k, v in weights.items()}
        target = ins[which] if isinstance(which, int) else ws[which]
        target[entry] += delta
        if abs(op_forward(name, ins, params, ws)[0][index] - base) > 1e-9:
            return True
    return False


@pytest.mark.parametrize("name,in_shapes,params,w_shapes", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_index_map_marks_exactly_the_entries_that_change_the_output(name, in_shapes, params,
                                                                    w_shapes):
    """Ground truth by perturbation: move one entry far, see whether the output entry moves."""
    rng = np.random.default_rng(1)
    inputs = [rng.standard_normal(s) for s in in_shapes]
    weights = {k: rng.standard_normal(s) + (2.0 if k == "running_var" else 0.0)
               for k, s in w_shapes.items()}
    if "running_var" in weights:
        weights["running_var"] = np.abs(weights["running_var"])
    out = op_forward(name, inputs, params, weights)[0]
    picks = [tuple(int(v) for v in np.unravel_index(f, out.shape)) if out.ndim else ()
             for f in sorted({0, out.size // 2, out.size - 1})]
    for index in picks[:3]:
        (in_masks, w_masks), _ = masks_for(name, inputs, params, weights, index)
        for port, x in enumerate(inputs):
            truth = np.zeros(x.shape, bool)
            for e in np.ndindex(*x.shape):
                truth[e] = _depends(name, inputs, params, weights, index, port, e)
            np.testing.assert_array_equal(in_masks[port], truth, err_msg=f"{name} port {port}")
        for k, w in weights.items():
            if k.startswith("running"):
                continue
            truth = np.zeros(w.shape, bool)
            for e in np.ndindex(*w.shape):
                truth[e] = _depends(name, inputs, params, weights, index, k, e)
            np.testing.assert_array_equal(w_masks[k], truth, err_msg=f"{name} weight {k}")


def test_embedding_reads_the_row_of_the_id_it_looked_up():
    ids = np.array([[2, 0], [1, 2]])
    w = {"E": RNG.standard_normal((3, 4))}
    (ins, ws), _ = masks_for("embedding", [ids], {"num_embeddings": 3, "dim": 4}, w, (1, 0, 3))
    assert ins[0].tolist() == [[False, False], [True, False]]
    expect = np.zeros((3, 4), bool)
    expect[1, 3] = True
    np.testing.assert_array_equal(ws["E"], expect)


def small_cnn_values():
    g, ds, _ = examples.build("small_cnn")
    pr = upstream.run_upto(g, {"x": ds.arrays["x"][5:6]}, g.by_name("logits"))
    return g, pr.values


def test_a_pool_pixel_traces_back_to_its_input_window_through_the_network():
    g, values = small_cnn_values()
    t = trace.trace(g, values, g.by_name("pool1"), (0, 3, 1, 2))
    x = t.values[g.by_name("x")]
    expect = np.zeros((1, 1, 8, 8), bool)
    expect[0, 0, 1:5, 3:7] = True          # pool rows 2..3 → conv rows 1..4 with k3 p1
    np.testing.assert_array_equal(x, expect)
    assert t.count(g.by_name("conv1")) == 4 and t.count(g.by_name("relu1")) == 4
    w = t.weights[(g.by_name("conv1"), "W")]
    assert w[3].all() and w.sum() == 9


def test_a_logit_traces_back_to_every_pixel_and_its_own_weight_row():
    g, values = small_cnn_values()
    t = trace.trace(g, values, g.by_name("logits"), (0, 1))
    assert t.values[g.by_name("x")].all()
    assert t.values[g.by_name("flatten")].all()
    w = t.weights[(g.by_name("logits"), "W")]
    assert w[1].all() and w.sum() == w.shape[1]
    assert t.weights[(g.by_name("conv1"), "W")].all()


def test_formula_numbers_are_the_engines():
    g, values = small_cnn_values()
    lg, fl = g.by_name("logits"), g.by_name("flatten")
    text = trace_text.formula(g, values, lg, (0, 1))
    w, b = g.nodes[lg].weights["W"], g.nodes[lg].weights["b"]
    x = values[fl][0]
    assert text.startswith("logits[0,1] = Σⱼ W[1,j]·flatten[0,j] + b[1] = ")
    first = f"{trace_text.num(w[1, 0])}"
    assert first in text and "(128 terms)" in text
    assert text.endswith(f"= {trace_text.num(w[1] @ x + b[1])}")
    assert text.endswith(f"= {trace_text.num(values[lg][0, 1])}")
    pool = trace_text.formula(g, values, g.by_name("pool1"), (0, 3, 1, 2))
    window = values[g.by_name("relu1")][0, 3, 2:4, 4:6]
    assert pool.startswith("pool1[0,3,1,2] = max relu1[0,3,2:4,4:6] = max(")
    assert pool.endswith(f"= {trace_text.num(window.max())}")
    moved = trace_text.formula(g, values, fl, (0, 17))    # 17 = channel 1, row 0, column 1
    assert moved.startswith("flatten[0,17] = pool1[0,1,0,1] = ")


def test_conv_formula_names_the_window():
    g, values = small_cnn_values()
    c = g.by_name("conv1")
    text = trace_text.formula(g, values, c, (0, 2, 3, 4))
    assert "rows 2:5, columns 3:6" in text and "(9 terms)" in text
    w, b = g.nodes[c].weights["W"][2, 0], g.nodes[c].weights["b"][2]
    ref = float((w * values[g.by_name("x")][0, 0, 2:5, 3:6]).sum() + b)
    assert text.endswith(f"= {trace_text.num(ref)}")


def test_broadcast_formula_names_the_source_entry():
    g = Graph()
    a = g.add_node("input", {"shape": (None, 3)}, name="a")
    b = g.add_node("constant", {"value": 2.0, "shape": (1, 3)}, name="b")
    s = g.add_node("add", name="s")
    g.connect(a, s, 0)
    g.connect(b, s, 1)
    pr = upstream.run_upto(g, {"a": np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])}, s)
    assert trace_text.formula(g, pr.values, s, (1, 2)) == "s[1,2] = a[1,2] + b[0,2] = 6 + 2 = 8"
    t = trace.trace(g, pr.values, s, (1, 2))
    assert t.values[b].tolist() == [[False, False, True]]


@pytest.mark.parametrize("name", sweep.examples(sorted(examples.EXAMPLES)))
def test_every_value_of_every_example_traces_and_states_its_formula(name):
    """For each node of each example: a few entries trace back (masks of the right shapes,
    the entry itself marked) and the formula ends with the engine's value."""
    from engine.inspect import feature_maps as fm
    g, ds, _ = examples.build(name)
    if ds is not None:
        arrays = ds.arrays
    else:
        arrays = {}
        for sink in (n for n in g.topo_order() if not g.consumers(n)):
            arrays.update(fm.random_arrays(g, sink, 2))
    rng = np.random.default_rng(0)
    for nid in g.topo_order():
        needed = fm.input_nodes(g, nid) + ([nid] if g.nodes[nid].op == "input" else [])
        feeds = {inp: np.asarray(arrays[g.nodes[inp].name])[:2] for inp in needed}
        values = upstream.run_upto(g, feeds, nid).values
        v = np.asarray(values[nid])
        for _ in range(3):
            index = tuple(int(rng.integers(s)) for s in v.shape)
            t = trace.trace(g, values, nid, index)
            assert t.values[nid][index] and t.values[nid].sum() == 1
            for src, m in t.values.items():
                assert m.shape == np.shape(values[src])
            text = trace_text.formula(g, values, nid, index)
            shown = text.rsplit("= ", 1)[1].split(" (")[0]
            assert shown == trace_text.num(v[index]), (g.nodes[nid].name, text)
