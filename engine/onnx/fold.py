"""Constant folding: the parts of an ONNX graph that only make weights become arrays.

Exported models often build their weights with small subgraphs, e.g. ``ConstantOfShape`` of a
constant shape, then ``Unsqueeze`` or ``Reshape``. :class:`Const` is such a value: its shape, its
dtype, and either the array, a recipe that makes it on demand (:class:`engine.weights.Pending`),
or just the one number that fills it. Folding a fill gives a fill, so VGG's 138 million
placeholder weights are never allocated to be imported, counted or shown.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from onnx import helper, numpy_helper

from ..messages import Msg
from ..weights import Pending
from .reader import OnnxImportError, check_dims

EAGER_MAX = 1 << 20   # fold results up to this many numbers are computed at once


@dataclass(frozen=True)
class Const:
    """A constant tensor. ``learned``: it came from an initializer (a weight), not a literal."""

    shape: tuple
    dtype: np.dtype
    value: np.ndarray | Pending
    learned: bool = False

    @property
    def fill(self) -> float | None:
        if isinstance(self.value, Pending):
            return self.value.fill
        v = self.value
        if v.size and v.dtype.kind in "fiub" and v.size <= EAGER_MAX:
            first = v.flat[0]
            if np.all(v == first):
                return float(first)
        return None

    def array(self) -> np.ndarray:
        return self.value.make() if isinstance(self.value, Pending) else self.value

    def small(self, what: str) -> np.ndarray:
        """The values of a small constant (a shape, axes, a scalar), which are read right away."""
        if math.prod(self.shape) > 4096:
            raise OnnxImportError(Msg("onnx.not_small", what=what, shape=self.shape))
        return self.array()

    def pending(self) -> Pending:
        """This constant as a Pending array (kept lazy where it is)."""
        if isinstance(self.value, Pending):
            return self.value
        arr = self.value
        return Pending(tuple(arr.shape), arr.dtype, lambda: arr, self.fill)


def from_array(a: np.ndarray, learned: bool = False) -> Const:
    return Const(tuple(a.shape), a.dtype, a, learned)


def filled(shape, value: float, dtype, learned: bool = False) -> Const:
    shape = tuple(int(d) for d in shape)
    check_dims("constant", shape)
    dtype = np.dtype(dtype)
    return Const(shape, dtype, Pending(shape, dtype, lambda: np.full(shape, value, dtype), float(value)),
                 learned)


def derived(c: Const, shape: tuple, fn, dtype=None) -> Const:
    """A constant computed from ``c`` by ``fn(array) -> array`` of ``shape`` (lazy if large)."""
    shape, dtype = tuple(int(d) for d in shape), np.dtype(dtype or c.dtype)
    fill = c.fill
    if fill is not None and isinstance(c.value, Pending):
        return filled(shape, float(np.asarray(fill).astype(dtype)), dtype, c.learned)
    if math.prod(shape) <= EAGER_MAX:
        return Const(shape, dtype, np.asarray(fn(c.array()), dtype=dtype).reshape(shape), c.learned)
    return Const(shape, dtype, Pending(shape, dtype, lambda: np.asarray(fn(c.array()), dtype).reshape(shape)),
                 c.learned)


def attr(node, name: str, default=None):
    """An attribute's value; a float is given as the shortest decimal of its float32 (0.9, not
    0.8999999761581421), so a value survives export and import unchanged."""
    for a in node.attribute:
        if a.name == name:
            v = helper.get_attribute_value(a)
            return float(str(np.float32(v))) if isinstance(v, float) else v
    return default


def constant_node(node) -> Const:
    """The value of an ONNX ``Constant`` node."""
    for a in node.attribute:
        if a.name == "value":
            t = a.t
            check_dims(node.output[0], t.dims)
            return from_array(numpy_helper.to_array(t))
        if a.name in ("value_float", "value_int"):
            return from_array(np.asarray(helper.get_attribute_value(a),
                                         np.float32 if a.name == "value_float" else np.int64))
        if a.name in ("value_floats", "value_ints"):
            return from_array(np.asarray(list(helper.get_attribute_value(a)),
                                         np.float32 if a.name == "value_floats" else np.int64))
    raise OnnxImportError(Msg("onnx.constant_no_value", node=node.name or node.output[0]))


def _unsqueezed(shape: tuple, axes) -> tuple:
    out = list(shape)
    n = len(shape) + len(axes)
    for a in sorted(int(a) % n for a in axes):
        out.insert(a, 1)
    return tuple(out)


def _reshaped(shape: tuple, spec) -> tuple:
    spec = [int(s) for s in spec]
    out = [shape[i] if s == 0 else s for i, s in enumerate(spec)]
    if -1 in out:
        known = math.prod(d for d in out if d != -1)
        out[out.index(-1)] = math.prod(shape) // max(known, 1)
    if math.prod(out) != math.prod(shape):
        raise OnnxImportError(Msg("onnx.constant_reshape", shape=shape, spec=spec))
    return tuple(out)


_BINARY = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply, "Div": np.divide}


def fold(node, ins: list[Const | None], opset: int) -> Const | None:
    """The folded output of ``node`` when every data input is constant and the op is one that
    only rearranges or fills values; None when it must stay a computation."""
    op = node.op_type
    if op == "Constant":
        return constant_node(node)
    if any(c is None for c in ins[:1]) and op != "Constant":
        return None
    x = ins[0]
    if op == "ConstantOfShape":
        shape = tuple(int(d) for d in x.small("shape").reshape(-1))
        v = attr(node, "value")
        arr = numpy_helper.to_array(v) if v is not None else np.zeros(1, np.float32)
        return filled(shape, float(arr.reshape(-1)[0]), arr.dtype)
    if op in ("Identity", "Dropout"):
        return x
    if op == "Cast":
        to = np.dtype(helper.tensor_dtype_to_np_dtype(attr(node, "to")))
        return derived(x, x.shape, lambda a: a.astype(to), to)
    if op in ("Unsqueeze", "Squeeze"):
        axes = attr(node, "axes")
        if axes is None and len(ins) > 1 and ins[1] is not None:
            axes = [int(a) for a in ins[1].small("axes").reshape(-1)]
        if op == "Unsqueeze":
            shape = _unsqueezed(x.shape, axes or [])
        else:
            nd = len(x.shape)
            drop = {int(a) % nd for a in axes} if axes else {i for i, d in enumerate(x.shape) if d == 1}
            shape = tuple(d for i, d in enumerate(x.shape) if i not in drop)
        return derived(x, shape, lambda a: a.reshape(shape))
    if op == "Reshape" and len(ins) > 1 and ins[1] is not None:
        shape = _reshaped(x.shape, ins[1].small("shape").reshape(-1))
        return derived(x, shape, lambda a: a.reshape(shape))
    if op == "Flatten":
        axis = int(attr(node, "axis", 1)) % max(len(x.shape), 1)
        shape = (math.prod(x.shape[:axis]), math.prod(x.shape[axis:]))
        return derived(x, shape, lambda a: a.reshape(shape))
    if op == "Transpose":
        perm = attr(node, "perm") or list(range(len(x.shape) - 1, -1, -1))
        shape = tuple(x.shape[p] for p in perm)
        return derived(x, shape, lambda a: np.transpose(a, perm))
    if op in _BINARY and len(ins) == 2 and ins[1] is not None:
        y = ins[1]
        shape = np.broadcast_shapes(x.shape, y.shape)
        fn = _BINARY[op]
        if x.fill is not None and y.fill is not None:
            return filled(shape, float(fn(np.float64(x.fill), np.float64(y.fill))),
                          np.result_type(x.dtype, y.dtype), x.learned or y.learned)
        if math.prod(shape) <= EAGER_MAX:
            return from_array(np.asarray(fn(x.array(), y.array())), x.learned or y.learned)
        return None
    if op == "Concat" and all(c is not None for c in ins):
        if sum(math.prod(c.shape) for c in ins) <= EAGER_MAX:
            return from_array(np.concatenate([c.array() for c in ins], axis=int(attr(node, "axis", 0))))
    if op == "Shape" and x is not None:
        return from_array(np.asarray(x.shape, np.int64))
    return None
