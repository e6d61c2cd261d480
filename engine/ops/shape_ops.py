"""Ops that reduce or rearrange an array: sum, mean, reshape, transpose, flatten, concat, slice.

Shapes may hold None for an open dimension (the batch). Reducing over an open axis removes it, so
the result is definite; an open axis that is kept stays open.

Conventions for the parameters:

* reshape ``shape``: a positive entry is that size; ``0`` copies the input's size on the same
  axis (so a leading 0 keeps the batch dimension, open or not); at most one ``-1`` is inferred from
  the rest. A leading ``-1`` also keeps an open batch dimension, since it absorbs whatever the
  fixed entries leave over: (None, 2, 3) reshaped to (-1, 6) or (0, 6) is (None, 6).
* slice ``start``/``stop``: Python slicing on one axis, except that ``stop = 0`` means "to the
  end"; negative values count from the end (stop = -1 drops the last element).
"""
from __future__ import annotations

import math

import numpy as np

from ..messages import Msg
from .base import Op, ParamError, ParamSpec, Shape, ShapeError, fmt_shape, norm_axis, register
from .unary import elements_per_example


def _norm_axes(axes: tuple, ndim: int, what: str = "axes") -> tuple[int, ...]:
    """Non-negative, distinct axes; ShapeError (port 0) naming the bad one."""
    out = tuple(norm_axis(a, ndim) for a in axes)
    if len(set(out)) != len(out):
        raise ShapeError(Msg("shape.axes_twice", what=what, axes=tuple(axes), ndim=ndim), port=0,
                         expected="distinct axes", found=str(tuple(axes)))
    return out


class _Reduce(Op):
    """Shared rule of sum and mean: x of any shape -> x with ``axes`` removed (or kept as 1)."""

    category = "Math"
    inputs = ("x",)
    params = (
        ParamSpec("axes", "ints", (), "axes to reduce; empty for all axes"),
        ParamSpec("keepdims", "bool", False, "keep reduced axes with size 1"),
    )

    def _axes(self, params: dict, ndim: int) -> tuple[int, ...]:
        axes = params["axes"]
        if not axes:
            return tuple(range(ndim))
        if ndim == 0:
            raise ShapeError(Msg("shape.reduce_scalar"), port=0, expected="no axes", found=str(axes))
        return _norm_axes(axes, ndim)

    def infer_shape(self, params: dict, in_shapes: list[Shape]) -> Shape:
        shape = tuple(in_shapes[0])
        axes = self._axes(params, len(shape))
        if params["keepdims"]:
            return tuple(1 if i in axes else d for i, d in enumerate(shape))
        return tuple(d for i, d in enumerate(shape) if i not in axes)

    def macs(self, params, in_shapes, out_shape):
        return elements_per_example(in_shapes[0])

    def _reduce(self, params: dict, x: np.ndarray) -> tuple[np.ndarray, int]:
        """Sum of x over the chosen axes, and how many elements each output entry sums."""
        axes = params["axes"]
        if not axes:
            return x.sum(keepdims=params["keepdims"]), x.size
        axes = self._axes(params, x.ndim)
        n = 1
        for a in axes:
            n *= x.shape[a]
        return x.sum(axis=axes, keepdims=params["keepdims"]), n

    def _spread(self, params: dict, x: np.ndarray, g: np.ndarray, scale: float) -> np.ndarray:
        """g (the reduced shape) times ``scale``, copied back over x's shape."""
        g = np.asarray(g)
        if g.ndim and not params["keepdims"] and params["axes"]:
            g = np.expand_dims(g, self._axes(params, x.ndim))
        out = np.empty(x.shape, g.dtype)
        out[...] = g
        if scale != 1.0:
            out *= scale
        return out


@register
class Sum(_Reduce):
    name = "sum"
    description = "Sum over the chosen axes (all axes when none are chosen)."
    formula = "y = Σᵢ xᵢ  (over the chosen axes)"
    grad_formula = "∂y/∂xᵢ = 1  (g copied to every summed element)"

    def forward(self, params, inputs, weights, ctx):
        return self._reduce(params, inputs[0])[0], None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        return [self._spread(params, inputs[0], g, 1.0)], {}


@register
class Mean(_Reduce):
    name = "mean"
    description = "Mean over the chosen axes (all axes when none are chosen)."
    formula = "y = (1/n) Σᵢ xᵢ  (over the chosen axes)"
    grad_formula = "∂y/∂xᵢ = 1/n"

    def forward(self, params, inputs, weights, ctx):
        s, n = self._reduce(params, inputs[0])
        if isinstance(s, np.ndarray) and s.dtype.kind == "f":
            s *= 1.0 / max(n, 1)
            return s, None
        return s * (1.0 / max(n, 1)), None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        x = inputs[0]
        n = x.size // max(np.size(output), 1)
        return [self._spread(params, x, g, 1.0 / max(n, 1))], {}


@register
class Reshape(Op):
    """x -> the same elements in a new shape (see the module docstring for 0 and -1)."""

    name = "reshape"
    category = "Math"
    description = "Same elements, new shape: 0 keeps the input's size on that axis, -1 is inferred."
    inputs = ("x",)
    params = (ParamSpec("shape", "ints", (0, -1),
                        "new shape; 0 copies the input axis (keep the batch with a leading 0), "
                        "one -1 is inferred", min=-1),)
    formula = "y = reshape(x, shape)"
    grad_formula = "∂J/∂x = reshape(∂J/∂y, shape of x)"

    def check_params(self, params):
        if list(params["shape"]).count(-1) > 1:
            raise ParamError(Msg("op.reshape_two_open", shape=params["shape"]))

    def infer_shape(self, params, in_shapes):
        src = tuple(in_shapes[0])
        spec = tuple(params["shape"])
        out: list = []
        copied: set[int] = set()
        for i, s in enumerate(spec):
            if s == 0:
                if i >= len(src):
                    raise ShapeError(Msg("shape.reshape_copy_axis", i=i, shape=fmt_shape(src),
                                         ndim=len(src)), port=0,
                                     expected=f"at least {i + 1} axes", found=fmt_shape(src))
                copied.add(i)
                out.append(src[i])
            else:
                out.append(s)
        rest = [d for i, d in enumerate(src) if i not in copied]
        open_in = any(d is None for d in rest)
        known_in = math.prod(d for d in rest if d is not None)
        fixed = [d for i, d in enumerate(out) if i not in copied and d != -1]
        known_out = math.prod(fixed)
        has_infer = -1 in spec
        want = fmt_shape(tuple(None if d == -1 else d for d in out))
        if open_in and not has_infer:
            raise ShapeError(Msg("shape.reshape_open", shape=fmt_shape(src)), port=0, expected="a 0 or -1 for the open axis", found=str(spec))
        if has_infer:
            if known_out == 0 or known_in % known_out:
                raise ShapeError(Msg("shape.reshape_split", shape=fmt_shape(src), want=want,
                                     known_in=known_in, known_out=known_out), port=0,
                                 expected=f"sizes whose product divides {known_in}",
                                 found=str(spec))
            k = out.index(-1)
            out[k] = None if open_in else known_in // known_out
        elif known_in != known_out:
            raise ShapeError(Msg("shape.reshape_count", shape=fmt_shape(src), want=want,
                                 known_in=known_in, known_out=known_out), port=0,
                             expected=f"{known_in} elements", found=f"{known_out} elements")
        return tuple(out)

    def forward(self, params, inputs, weights, ctx):
        x = inputs[0]
        shape = tuple(x.shape[i] if s == 0 else s for i, s in enumerate(params["shape"]))
        return x.reshape(shape), None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        return [np.reshape(g, inputs[0].shape)], {}


@register
class Transpose(Op):
    """x of n dimensions -> its axes permuted (reversed when axes is empty)."""

    name = "transpose"
    category = "Math"
    description = "Permute the axes (reverse them when none are given)."
    inputs = ("x",)
    params = (ParamSpec("axes", "ints", (), "new order of the axes; empty reverses them"),)
    formula = "y = transpose(x, axes)"
    grad_formula = "∂J/∂x = transpose(∂J/∂y, inverse of axes)"

    def _perm(self, params: dict, ndim: int) -> tuple[int, ...]:
        axes = params["axes"]
        if not axes:
            return tuple(range(ndim - 1, -1, -1))
        if len(axes) != ndim:
            raise ShapeError(Msg("shape.transpose_axes", axes=tuple(axes), count=len(axes),
                                 ndim=ndim), port=0,
                             expected=f"{ndim} axes", found=str(tuple(axes)))
        return _norm_axes(axes, ndim)

    def infer_shape(self, params, in_shapes):
        shape = tuple(in_shapes[0])
        return tuple(shape[a] for a in self._perm(params, len(shape)))

    def forward(self, params, inputs, weights, ctx):
        x = inputs[0]
        return np.transpose(x, self._perm(params, x.ndim)), None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        perm = self._perm(params, inputs[0].ndim)
        return [np.transpose(g, np.argsort(perm))], {}


@register
class Flatten(Op):
    """x of shape (B, d1, d2, ...) -> (B, d1·d2·...); axis 0 (the batch) is kept."""

    name = "flatten"
    category = "Math"
    description = "Keep axis 0 (the batch) and flatten the rest into one axis."
    inputs = ("x",)
    formula = "y = reshape(x, (B, −1))"
    grad_formula = "∂J/∂x = reshape(∂J/∂y, shape of x)"

    def infer_shape(self, params, in_shapes):
        shape = tuple(in_shapes[0])
        if len(shape) == 0:
            raise ShapeError(Msg("shape.flatten_scalar"), port=0, expected="1 or more axes", found="scalar")
        rest = shape[1:]
        size = None if any(d is None for d in rest) else math.prod(rest)
        return (shape[0], size)

    def forward(self, params, inputs, weights, ctx):
        x = inputs[0]
        return x.reshape(x.shape[0], math.prod(x.shape[1:])), None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        return [np.reshape(g, inputs[0].shape)], {}


@register
class Concat(Op):
    """Inputs of equal shape except on ``axis`` -> joined along ``axis``."""

    name = "concat"
    category = "Math"
    description = "Join two or more arrays along one axis; other axes must match."
    inputs = ("a", "b")
    variadic = True
    params = (ParamSpec("axis", "int", -1, "axis to join along (negative counts from the end)"),)
    formula = "y = [a, b, …] along axis"
    grad_formula = "∂J/∂a, ∂J/∂b, … = the matching pieces of ∂J/∂y"

    def infer_shape(self, params, in_shapes):
        first = tuple(in_shapes[0])
        nd = len(first)
        if nd == 0:
            raise ShapeError(Msg("shape.concat_scalar"), port=0, expected="1 or more axes", found="scalar")
        axis = norm_axis(params["axis"], nd)
        out = list(first)
        for port in range(1, len(in_shapes)):
            s = tuple(in_shapes[port])
            name = f"input {self.input_name(port)} (port {port})"
            if len(s) != nd:
                raise ShapeError(Msg("shape.concat_ndim", name=name, ndim=len(s), shape=fmt_shape(s),
                                     nd=nd, first=fmt_shape(first)), port=port, expected=f"{nd} axes", found=fmt_shape(s))
            for i, (o, d) in enumerate(zip(out, s)):
                if i == axis:
                    out[i] = None if o is None or d is None else o + d
                elif o is not None and d is not None and o != d:
                    raise ShapeError(Msg("shape.concat_axis", name=name, shape=fmt_shape(s),
                                         first=fmt_shape(tuple(first)), i=i, d=d, o=o, axis=axis),
                                     port=port,
                                     expected=f"{o} on axis {i}", found=str(d))
                elif o is None:
                    out[i] = d
        return tuple(out)

    def forward(self, params, inputs, weights, ctx):
        return np.concatenate(inputs, axis=params["axis"]), None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        axis = params["axis"] % g.ndim
        lead = (slice(None),) * axis
        parts: list = []
        start = 0
        for i, x in enumerate(inputs):
            stop = start + x.shape[axis]
            parts.append(g[lead + (slice(start, stop),)] if need is None or need[i] else None)
            start = stop
        return parts, {}


@register
class Slice(Op):
    """x -> x[start:stop:step] on one axis (stop = 0 means to the end)."""

    name = "slice"
    category = "Math"
    description = "Take start:stop:step along one axis (stop 0 = to the end; negatives count from the end)."
    inputs = ("x",)
    params = (
        ParamSpec("axis", "int", -1, "axis to slice"),
        ParamSpec("start", "int", 0, "first index (negative counts from the end)"),
        ParamSpec("stop", "int", 0, "end, not included; 0 = to the end, negative counts from the end"),
        ParamSpec("step", "int", 1, "stride, at least 1", min=1),
    )
    formula = "y = x[start:stop:step] along axis"
    grad_formula = "∂J/∂x = ∂J/∂y at the taken positions, 0 elsewhere"

    @staticmethod
    def _index(params: dict, axis: int) -> tuple:
        stop = params["stop"] or None
        return (slice(None),) * axis + (slice(params["start"], stop, params["step"]),)

    def infer_shape(self, params, in_shapes):
        shape = tuple(in_shapes[0])
        if len(shape) == 0:
            raise ShapeError(Msg("shape.slice_scalar"), port=0, expected="1 or more axes",
                             found="scalar")
        axis = norm_axis(params["axis"], len(shape))
        d = shape[axis]
        if d is None:
            return shape
        n = len(range(*slice(params["start"], params["stop"] or None, params["step"]).indices(d)))
        if n == 0:
            raise ShapeError(Msg("shape.slice_empty", start=params["start"],
                                 stop=params["stop"] or "", step=params["step"], axis=axis, d=d),
                             port=0, expected="a non-empty range", found=f"size {d}")
        return shape[:axis] + (n,) + shape[axis + 1:]

    def forward(self, params, inputs, weights, ctx):
        x = inputs[0]
        return x[self._index(params, params["axis"] % x.ndim)], None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        x = inputs[0]
        gx = np.zeros(x.shape, dtype=np.result_type(g))
        gx[self._index(params, params["axis"] % x.ndim)] = g
        return [gx], {}
