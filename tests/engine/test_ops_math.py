"""Math ops: forward against NumPy, gradients against finite differences, shapes, dtypes."""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from engine.ops import ParamError, ShapeError, get_op
from tests.engine.opcheck import check_op_grads, op_forward, op_grads

RNG = np.random.default_rng(0)


def rand(*shape, low=-2.0, high=2.0):
    return RNG.uniform(low, high, size=shape)


def infer(name, shapes, **params):
    op = get_op(name)
    return op.infer_shape(op.validate_params(params), [tuple(s) for s in shapes])


# -- binary elementwise ----------------------------------------------------------------------
BINARY = {"add": np.add, "subtract": np.subtract, "multiply": np.multiply, "divide": np.divide}
BINARY_SHAPES = [((3, 4), (3, 4)), ((3, 4), (4,)), ((2, 1, 3), (1, 4, 1)), ((), (2, 3)),
                 ((2, 3), ()), ((4, 1), (1, 5))]


def _binary_inputs(name, sa, sb):
    a = rand(*sa)
    b = rand(*sb, low=0.5, high=2.0) if name == "divide" else rand(*sb)
    return a, b


@pytest.mark.parametrize("name", list(BINARY))
@pytest.mark.parametrize("sa,sb", BINARY_SHAPES)
def test_binary_forward_and_grad(name, sa, sb):
    a, b = _binary_inputs(name, sa, sb)
    out, _ = op_forward(name, [a, b])
    np.testing.assert_allclose(out, BINARY[name](a, b))
    assert infer(name, [sa, sb]) == np.broadcast_shapes(sa, sb)
    check_op_grads(name, [a, b])


@settings(max_examples=25, deadline=None)
@given(shapes=hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=3),
       name=st.sampled_from(list(BINARY)))
def test_binary_random_broadcast(shapes, name):
    sa, sb = shapes.input_shapes
    a, b = _binary_inputs(name, sa, sb)
    assert infer(name, [sa, sb]) == shapes.result_shape
    check_op_grads(name, [a, b])


def test_binary_open_batch_and_mismatch():
    assert infer("add", [(None, 3), (3,)]) == (None, 3)
    assert infer("multiply", [(None, 1), (1, 4)]) == (None, 4)
    with pytest.raises(ShapeError) as e:
        infer("add", [(None, 3), (4,)])
    assert e.value.port == 1 and "broadcast" in e.value.message and "1" in e.value.message


def test_binary_need_skips_unwanted_gradient():
    a, b = rand(2, 3), rand(2, 3, low=0.5)
    for name in ("multiply", "divide", "matmul"):
        x, y = (a, b.T) if name == "matmul" else (a, b)
        op = get_op(name)
        out, cache = op.forward({}, [x, y], {}, None)
        gin, _ = op.backward({}, [x, y], {}, out, cache, np.ones_like(out), (False, True))
        assert gin[0] is None and gin[1] is not None


# -- matmul ----------------------------------------------------------------------------------
MATMUL_SHAPES = [((3, 4), (4, 2)), ((4,), (4, 2)), ((3, 4), (4,)), ((4,), (4,)),
                 ((2, 3, 4), (4, 5)), ((3, 4), (2, 4, 5)), ((2, 1, 3, 4), (3, 4, 2))]


@pytest.mark.parametrize("sa,sb", MATMUL_SHAPES)
def test_matmul(sa, sb):
    a, b = rand(*sa), rand(*sb)
    out, _ = op_forward("matmul", [a, b])
    np.testing.assert_allclose(out, a @ b)
    assert infer("matmul", [sa, sb]) == np.shape(a @ b)
    check_op_grads("matmul", [a, b])


def test_matmul_shapes():
    assert infer("matmul", [(None, 3), (3, 4)]) == (None, 4)
    assert infer("matmul", [(None, 3), (3,)]) == (None,)
    with pytest.raises(ShapeError) as e:
        infer("matmul", [(None, 3), (4, 2)])
    assert e.value.port == 1 and "3" in e.value.message and "4" in e.value.message
    with pytest.raises(ShapeError) as e:
        infer("matmul", [(2, 3, 4), (5, 4, 2)])
    assert e.value.port == 1
    with pytest.raises(ShapeError) as e:
        infer("matmul", [(), (3,)])
    assert e.value.port == 0
    assert get_op("matmul").macs({}, [(None, 3), (3, 4)], (None, 4)) == 12


# -- unary -----------------------------------------------------------------------------------
UNARY = {
    "negate": (np.negative, {}, (-2, 2)),
    "power": (lambda x: x ** 2, {}, (-2, 2)),
    "exp": (np.exp, {}, (-2, 2)),
    "log": (np.log, {}, (0.3, 3)),
    "sqrt": (np.sqrt, {}, (0.3, 3)),
    "abs": (np.abs, {}, (-2, 2)),
}


@pytest.mark.parametrize("name", list(UNARY))
@pytest.mark.parametrize("shape", [(), (5,), (2, 3), (2, 1, 3)])
def test_unary(name, shape):
    f, params, (lo, hi) = UNARY[name]
    x = rand(*shape, low=lo, high=hi)
    if name == "abs":
        x = np.where(np.abs(x) < 0.05, 0.5, x)   # keep finite differences away from the kink
    out, _ = op_forward(name, [x], params)
    np.testing.assert_allclose(out, f(x))
    assert infer(name, [shape]) == shape
    check_op_grads(name, [x], params)


@pytest.mark.parametrize("p", [3.0, 0.5, -1.5, 1.0])
def test_power_exponents(p):
    x = rand(2, 3, low=0.5, high=2.0)
    out, _ = op_forward("power", [x], {"exponent": p})
    np.testing.assert_allclose(out, x ** p)
    check_op_grads("power", [x], {"exponent": p})


def test_abs_gradient_at_zero_is_zero():
    gin, _ = op_grads("abs", [np.array([-1.0, 0.0, 2.0])], np.ones(3))
    np.testing.assert_array_equal(gin[0], [-1.0, 0.0, 1.0])


# -- reductions ------------------------------------------------------------------------------
REDUCE_CASES = [((3, 4), ()), ((3, 4), (0,)), ((3, 4), (-1,)), ((2, 3, 4), (0, 2)),
                ((2, 3, 4), (-2,)), ((5,), ()), ((), ())]


@pytest.mark.parametrize("name,ref", [("sum", np.sum), ("mean", np.mean)])
@pytest.mark.parametrize("shape,axes", REDUCE_CASES)
@pytest.mark.parametrize("keepdims", [False, True])
def test_reduce(name, ref, shape, axes, keepdims):
    x = rand(*shape)
    params = {"axes": axes, "keepdims": keepdims}
    out, _ = op_forward(name, [x], params)
    expect = ref(x, axis=axes or None, keepdims=keepdims)
    np.testing.assert_allclose(out, expect)
    assert out.shape == np.shape(expect)
    assert infer(name, [shape], **params) == np.shape(expect)
    check_op_grads(name, [x], params)


def test_reduce_shapes_with_open_dims():
    assert infer("sum", [(None, 3)], axes=(0,)) == (3,)
    assert infer("mean", [(None, 3)], axes=(1,)) == (None,)
    assert infer("mean", [(None, 3)]) == ()
    assert infer("sum", [(None, 3)], axes=(0,), keepdims=True) == (1, 3)
    with pytest.raises(ShapeError) as e:
        infer("sum", [(None, 3)], axes=(2,))
    assert e.value.port == 0 and "2" in e.value.message
    with pytest.raises(ShapeError):
        infer("sum", [(2, 3)], axes=(1, -1))


# -- reshape, transpose, flatten -------------------------------------------------------------
RESHAPE_CASES = [((2, 6), (3, 4)), ((2, 6), (0, 3, 2)), ((2, 6), (-1, 3)), ((2, 3, 4), (0, -1)),
                 ((2, 3, 4), (4, 0, 2)), ((1, 1), ())]


@pytest.mark.parametrize("shape,new", RESHAPE_CASES)
def test_reshape(shape, new):
    x = rand(*shape)
    out, _ = op_forward("reshape", [x], {"shape": new})
    spec = tuple(shape[i] if s == 0 else s for i, s in enumerate(new))
    np.testing.assert_array_equal(out, x.reshape(spec))
    assert infer("reshape", [shape], shape=new) == out.shape
    check_op_grads("reshape", [x], {"shape": new})


def test_reshape_open_batch():
    assert infer("reshape", [(None, 2, 3)], shape=(0, 6)) == (None, 6)
    assert infer("reshape", [(None, 2, 3)], shape=(-1, 6)) == (None, 6)
    assert infer("reshape", [(None, 6)], shape=(0, 2, -1)) == (None, 2, 3)
    assert infer("reshape", [(None, 6)], shape=(-1,)) == (None,)
    with pytest.raises(ShapeError) as e:
        infer("reshape", [(None, 6)], shape=(2, 3))
    assert e.value.port == 0 and "open" in e.value.message
    with pytest.raises(ShapeError) as e:
        infer("reshape", [(None, 6)], shape=(-1, 4))
    assert "6" in e.value.message and "4" in e.value.message
    with pytest.raises(ShapeError) as e:
        infer("reshape", [(2, 6)], shape=(5, 2))
    assert "12" in e.value.message
    with pytest.raises(ParamError):
        get_op("reshape").validate_params({"shape": (-1, -1)})


@pytest.mark.parametrize("shape,axes", [((2, 3), ()), ((2, 3, 4), ()), ((2, 3, 4), (1, 0, 2)),
                                        ((2, 3, 4), (-1, 0, 1)), ((5,), (0,))])
def test_transpose(shape, axes):
    x = rand(*shape)
    out, _ = op_forward("transpose", [x], {"axes": axes})
    np.testing.assert_array_equal(out, np.transpose(x, axes or None))
    assert infer("transpose", [shape], axes=axes) == out.shape
    check_op_grads("transpose", [x], {"axes": axes})


def test_transpose_shapes():
    assert infer("transpose", [(None, 3, 4)], axes=(0, 2, 1)) == (None, 4, 3)
    with pytest.raises(ShapeError):
        infer("transpose", [(None, 3, 4)], axes=(1, 0))
    with pytest.raises(ShapeError):
        infer("transpose", [(None, 3, 4)], axes=(0, 1, 1))


@pytest.mark.parametrize("shape", [(4,), (2, 3), (2, 3, 4), (2, 1, 2, 2)])
def test_flatten(shape):
    x = rand(*shape)
    out, _ = op_forward("flatten", [x])
    np.testing.assert_array_equal(out, x.reshape(shape[0], -1))
    assert infer("flatten", [shape]) == out.shape
    check_op_grads("flatten", [x])


def test_flatten_shapes():
    assert infer("flatten", [(None, 2, 3)]) == (None, 6)
    assert infer("flatten", [(2, None, 3)]) == (2, None)
    with pytest.raises(ShapeError) as e:
        infer("flatten", [()])
    assert e.value.port == 0


# -- concat ----------------------------------------------------------------------------------
@pytest.mark.parametrize("axis", [0, 1, 2, -1, -2])
@pytest.mark.parametrize("n", [2, 3])
def test_concat_each_axis(axis, n):
    base = [2, 3, 2]
    xs = []
    for i in range(n):
        s = list(base)
        s[axis] = i + 1
        xs.append(rand(*s))
    out, _ = op_forward("concat", xs, {"axis": axis})
    np.testing.assert_array_equal(out, np.concatenate(xs, axis=axis))
    assert infer("concat", [x.shape for x in xs], axis=axis) == out.shape
    check_op_grads("concat", xs, {"axis": axis})


def test_concat_shapes_and_errors():
    assert infer("concat", [(None, 2), (None, 3)]) == (None, 5)
    assert infer("concat", [(None, 2), (None, 2)], axis=0) == (None, 2)
    assert infer("concat", [(3, 2), (4, 2)], axis=0) == (7, 2)
    assert infer("concat", [(4, 2), (None, 2)], axis=1) == (4, 4)
    with pytest.raises(ShapeError) as e:
        infer("concat", [(None, 2, 3), (None, 4, 3)], axis=-1)
    assert e.value.port == 1 and "axis 1" in e.value.message
    with pytest.raises(ShapeError) as e:
        infer("concat", [(None, 2), (None, 2), (None, 2, 1)])
    assert e.value.port == 2 and "port 2" in e.value.message
    with pytest.raises(ShapeError) as e:
        infer("concat", [(None, 2), (None, 3)], axis=2)
    assert e.value.port == 0
    assert get_op("concat").variadic and get_op("concat").n_inputs_ok(3)
    assert not get_op("concat").n_inputs_ok(1)


# -- slice -----------------------------------------------------------------------------------
SLICE_CASES = [(0, 1, 3, 1), (1, 0, 0, 2), (-1, 1, -1, 1), (1, -3, 0, 1), (0, 0, 0, 3),
               (-2, 4, 0, 1)]


@pytest.mark.parametrize("axis,start,stop,step", SLICE_CASES)
def test_slice(axis, start, stop, step):
    x = rand(4, 5, 3) if axis != 1 else rand(4, 5)
    params = {"axis": axis, "start": start, "stop": stop, "step": step}
    out, _ = op_forward("slice", [x], params)
    idx = [slice(None)] * x.ndim
    idx[axis] = slice(start, stop or None, step)
    np.testing.assert_array_equal(out, x[tuple(idx)])
    assert infer("slice", [x.shape], **params) == out.shape
    check_op_grads("slice", [x], params)


def test_slice_shapes_and_errors():
    assert infer("slice", [(None, 6)], start=1, stop=-1, step=2) == (None, 2)
    assert infer("slice", [(None, 6)], axis=0, start=0, stop=4) == (None, 6)
    with pytest.raises(ShapeError) as e:
        infer("slice", [(None, 6)], start=5, stop=2)
    assert e.value.port == 0 and "empty" in e.value.message
    with pytest.raises(ParamError):
        get_op("slice").validate_params({"step": 0})


# -- dtype -----------------------------------------------------------------------------------
F32_CASES = [("add", [(2, 3), (3,)], {}), ("divide", [(2, 3), (2, 3)], {}),
             ("multiply", [(2, 3), ()], {}), ("subtract", [(2, 3), (2, 3)], {}),
             ("matmul", [(2, 3), (3, 4)], {}), ("power", [(2, 3)], {"exponent": 3.0}),
             ("sqrt", [(2, 3)], {}), ("log", [(2, 3)], {}), ("exp", [(3,)], {}),
             ("abs", [(3,)], {}), ("negate", [(3,)], {}), ("sum", [(2, 3)], {"axes": (1,)}),
             ("mean", [(2, 3)], {}), ("reshape", [(2, 3)], {"shape": (3, 2)}),
             ("transpose", [(2, 3)], {}), ("flatten", [(2, 3, 1)], {}),
             ("concat", [(2, 3), (2, 1)], {}), ("slice", [(2, 3)], {"start": 1})]


@pytest.mark.parametrize("name,shapes,params", F32_CASES)
def test_float32_preserved(name, shapes, params):
    xs = [rand(*s, low=0.5, high=2.0).astype(np.float32) for s in shapes]
    out, _ = op_forward(name, xs, params)
    assert out.dtype == np.float32
    gin, _ = op_grads(name, xs, np.ones(out.shape, np.float32), params)
    assert all(g.dtype == np.float32 and g.shape == x.shape for g, x in zip(gin, xs))


@pytest.mark.parametrize("name", ["add", "negate", "sum", "concat", "matmul"])
def test_metadata(name):
    op = get_op(name)
    assert op.category == "Math" and op.formula and op.grad_formula and op.description


def test_mean_of_integer_input_is_fractional():
    out, _ = op_forward("mean", [np.arange(6).reshape(2, 3)], {"axes": (1,)})
    np.testing.assert_allclose(out, [1.0, 4.0])
