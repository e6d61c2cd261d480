"""2-D convolution and pooling on NCHW arrays, built on one windowing routine.

Algorithm
---------
Every op here looks at the input through the same lens: pad the input (N, C, H, W) to
(N, C, H + 2p, W + 2p), then :func:`windows` returns a zero-copy strided view of shape
(N, C, OH, OW, k, k) whose entry [n, c, i, j, a, b] is ``padded[n, c, i*s + a, j*s + b]``,
with OH = (H + 2p - k)/s + 1 (the same for W).

* conv2d (im2col): the view is copied once into columns of shape (C*k*k, N*OH*OW), and the
  whole forward pass is one matrix product W (O, C*k*k) @ columns -> (O, N*OH*OW). Backward is
  two more products: dW = G (O, N*OH*OW) @ columnsᵀ and dcolumns = Wᵀ @ G. (Three large
  products: per-example products are as fast on an idle machine and several times slower
  when other threads compete for the cores.)
* pooling reduces each window with a loop over the k*k offsets, each step one vectorized
  ufunc on an (N, C, OH, OW) slab (``np.maximum`` / ``np.add`` with ``out=``). NumPy reductions
  over the two short trailing window axes are many times slower than this.

Backward needs the opposite of the view: each window position's gradient added back to the
input pixel it came from. :func:`scatter_windows` does that with a loop over the k*k kernel
offsets only; each pass adds one (A, B, OH, OW) slab into a strided slice of the padded input
gradient, so overlapping windows (stride < kernel) accumulate correctly. The padding is cut
off at the end. A stride-1 conv adds each offset as one flat shift of the padded image
instead (``_input_grad_flat``), long contiguous runs rather than short rows. The conv's work
arrays are reused from step to step (:mod:`.conv_buffers`).

Max pooling sends each window's gradient to one position only: the first maximum in row-major
window order (``argmax`` semantics, as in PyTorch), so ties such as the zeros of a ReLU output
are broken the same way every time. The forward pass records that offset per window (its
cache, "where each maximum came from"), and backward writes the gradient there. When the
windows do not overlap (stride >= kernel) there is nothing to accumulate: the gradients are
written straight into a writeable window view of the result. With stride == kernel, no
padding and k dividing H and W, that view is exactly the reshape (N, C, H/k, k, W/k, k)
transposed to (N, C, H/k, W/k, k, k), and the result needs no zero fill.
"""
from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import as_strided

from ..messages import Msg
from . import conv_buffers as buffers
from .base import Op, ParamSpec, ShapeError, WeightSpec, fmt_shape, register

# -- the shared windowing routines -------------------------------------------------------------


def pad2d(x: np.ndarray, p: int, value: float = 0.0) -> np.ndarray:
    """(N, C, H, W) -> (N, C, H + 2p, W + 2p), filled with ``value`` around the edge."""
    if p == 0:
        return x
    n, c, h, w = x.shape
    xp = np.full((n, c, h + 2 * p, w + 2 * p), value, dtype=x.dtype)
    xp[:, :, p:p + h, p:p + w] = x
    return xp


def windows(xp: np.ndarray, k: int, s: int, writeable: bool = False) -> np.ndarray:
    """View (N, C, OH, OW, k, k) of the k x k windows of a padded (N, C, Hp, Wp).

    Read-only unless ``writeable`` (only for non-overlapping windows, s >= k, where each
    element of the view is a distinct element of ``xp``).
    """
    n, c, h, w = xp.shape
    oh, ow = (h - k) // s + 1, (w - k) // s + 1
    sn, sc, sh, sw = xp.strides
    return as_strided(xp, (n, c, oh, ow, k, k), (sn, sc, sh * s, sw * s, sh, sw),
                      writeable=writeable)


def scatter_windows(dwin: np.ndarray, hp: int, wp: int, s: int,
                    out: np.ndarray | None = None) -> np.ndarray:
    """Add window gradients (A, B, OH, OW, k, k) back to a padded input gradient (A, B, hp, wp).

    The inverse of :func:`windows`: one vectorized strided add per kernel offset (a, b).
    ``out``, when given, is a zero-filled (A, B, hp, wp) array to add into (and return).
    """
    a_, b_, oh, ow, k, _ = dwin.shape
    dxp = np.zeros((a_, b_, hp, wp), dtype=dwin.dtype) if out is None else out
    for a in range(k):
        for b in range(k):
            dxp[:, :, a:a + s * (oh - 1) + 1:s, b:b + s * (ow - 1) + 1:s] += dwin[..., a, b]
    return dxp


def unpad2d(dxp: np.ndarray, p: int) -> np.ndarray:
    """Cut the padding off a (.., .., H + 2p, W + 2p) gradient."""
    return dxp if p == 0 else dxp[:, :, p:dxp.shape[2] - p, p:dxp.shape[3] - p]


# -- shape rules -------------------------------------------------------------------------------


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.2f}".rstrip("0").rstrip(".")


def _out_size(n: int, k: int, s: int, p: int) -> float:
    return (n + 2 * p - k) / s + 1


def _window_shape(what: str, shape, k: int, s: int, p: int, out_c) -> tuple:
    """Output shape (N, out_c, OH, OW) of a k/s/p window op on ``shape``; raise ShapeError."""
    if len(shape) != 4:
        raise ShapeError(Msg("op.conv_4d", op=what, shape=fmt_shape(shape)), port=0,
                         expected="NxCxHxW",
                         found=fmt_shape(shape))
    n, c, h, w = shape
    desc = Msg("op.window_desc", shape=fmt_shape((h, w, c)), k=k, s=s, p=p)
    out = []
    for d in (h, w):
        if d is None:
            out.append(None)
            continue
        if d + 2 * p < k:
            raise ShapeError(Msg("op.kernel_too_large", desc=desc, d=d, p=p, padded=d + 2 * p,
                                 k=k), port=0, expected=f"H, W + 2*{p} >= {k}", found=str(d))
        v = _out_size(d, k, s, p)
        if not v.is_integer():
            raise ShapeError(Msg("op.window_fraction", desc=desc, d=d, k=k, p=p, s=s, v=_num(v)),
                             port=0,
                             expected="a whole-number output size", found=_num(v))
        out.append(int(v))
    return (n, out_c, out[0], out[1])


def _window_formula(shape, k: int, s: int, p: int, out_c) -> str | None:
    """'(32 + 2*1 - 8)/2 + 1 = 14 → 14x14x20' (one term per distinct spatial size)."""
    if shape is None or len(shape) != 4 or shape[2] is None or shape[3] is None:
        return None
    h, w = shape[2], shape[3]
    vals = [_out_size(d, k, s, p) for d in (h, w)]
    terms = [f"({d} + 2*{p} - {k})/{s} + 1 = {_num(v)}" for d, v in zip((h, w), vals)]
    text = terms[0] if h == w else f"H: {terms[0]}, W: {terms[1]}"
    if any(not v.is_integer() for v in vals):
        return Msg("op.formula_fraction", formula=text)
    if any(v < 1 for v in vals):
        return Msg("op.formula_too_small", formula=text)
    c = "C" if out_c is None else str(out_c)
    return f"{text} → {int(vals[0])}x{int(vals[1])}x{c}"


# -- convolution -------------------------------------------------------------------------------


@register
class Conv2D(Op):
    """Convolution, NCHW: x (N, C, H, W), W (O, C, k, k), b (O,) -> (N, O, OH, OW)."""

    name = "conv2d"
    category = "Layers"
    description = "2-D convolution (channels first): O filters of k x k x C, stride and padding."
    params = (
        ParamSpec("out_channels", "int", 8, "number of filters (output channels)", min=1),
        ParamSpec("kernel", "int", 3, "filter size f (f x f)", min=1),
        ParamSpec("stride", "int", 1, "step s between windows", min=1),
        ParamSpec("padding", "int", 0, "zeros p added on each side", min=0),
        ParamSpec("bias", "bool", True, "add a bias per filter"),
        ParamSpec("init", "choice", "he", "weight initializer", choices=("he", "xavier", "normal")),
    )
    formula = "z[n,o,i,j] = Σ_c,a,b W[o,c,a,b] · x[n,c,i·s+a,j·s+b] + b[o]"
    grad_formula = "∂J/∂W = G · windowsᵀ, ∂J/∂x = col2im(Wᵀ · G), ∂J/∂b = Σ G"

    def infer_shape(self, params, in_shapes):
        return _window_shape("conv2d", in_shapes[0], params["kernel"], params["stride"],
                             params["padding"], params["out_channels"])

    def shape_formula(self, params, in_shapes):
        return _window_formula(in_shapes[0], params["kernel"], params["stride"],
                               params["padding"], params["out_channels"])

    def weight_specs(self, params, in_shapes):
        shape = in_shapes[0]
        if len(shape) != 4 or shape[1] is None:
            raise ShapeError(Msg("op.conv_channels_unknown"),
                             port=0, expected="NxCxHxW with C known", found=fmt_shape(shape))
        o, c, k = params["out_channels"], shape[1], params["kernel"]
        specs = [WeightSpec("W", (o, c, k, k), params["init"], fan_in=c * k * k,
                            fan_out=o * k * k)]
        if params["bias"]:
            specs.append(WeightSpec("b", (o,), "zeros"))
        return specs

    def macs(self, params, in_shapes, out_shape):
        c, k = in_shapes[0][1] or 0, params["kernel"]
        return int((out_shape[2] or 0) * (out_shape[3] or 0) * params["out_channels"] * c * k * k)

    cache_notes = {"windows": "each output position's input window, (N, C, f, f, OH, OW): "
                              "entry [n, c, a, b, i, j] is the padded x[n, c, i·s + a, j·s + b]; "
                              "reused for ∂J/∂W"}

    def cache_used(self, params, cache):
        return ("windows",)

    def forward(self, params, inputs, weights, ctx):
        """x (N, C, H, W) -> (N, O, OH, OW); cache: the windows (N, C, k, k, OH, OW).

        The windows are stored as columns (C*k*k, N*OH*OW) so that the forward pass and both
        gradients are one large matrix product each (a few large products stay fast when
        other threads compete for the cores; many small ones do not). The cached "windows"
        is a transposed view of those columns, not a copy.
        """
        x = inputs[0]
        k, s, p = params["kernel"], params["stride"], params["padding"]
        w = weights["W"]
        o = w.shape[0]
        n, c, h, wd = x.shape
        if p:
            xp = buffers.zeros("conv.xp", (n, c, h + 2 * p, wd + 2 * p), x.dtype)
            xp[:, :, p:p + h, p:p + wd] = x
        else:
            xp = x
        win = windows(xp, k, s)                               # (N, C, OH, OW, k, k)
        oh, ow = win.shape[2], win.shape[3]
        cols6 = buffers.take("conv.cols", (c, k, k, n, oh, ow), x.dtype)
        np.copyto(cols6, win.transpose(1, 4, 5, 0, 2, 3))     # (C, k, k, N, OH, OW)
        del win, xp
        w2 = w.reshape(o, -1)
        if w2.dtype != cols6.dtype and cols6.dtype.kind == "f":
            w2 = w2.astype(cols6.dtype)
        cols = cols6.reshape(w2.shape[1], -1)
        z = np.matmul(w2, cols, out=buffers.take("conv.z", (o, cols.shape[1]),
                                                  np.result_type(w2.dtype, cols.dtype)))
        z = z.reshape(o, n, oh, ow)
        out = buffers.take("conv.out", (n, o, oh, ow), z.dtype)
        if params["bias"]:
            np.add(z.transpose(1, 0, 2, 3), weights["b"].astype(z.dtype, copy=False)[:, None, None],
                   out=out)
        else:
            np.copyto(out, z.transpose(1, 0, 2, 3))
        return out, {"windows": cols6.transpose(3, 0, 1, 2, 4, 5)}

    def backward(self, params, inputs, weights, output, cache, grad_out, need=None):
        x = inputs[0]
        k, s, p = params["kernel"], params["stride"], params["padding"]
        w = weights["W"]
        o, c = w.shape[0], w.shape[1]
        n, _, oh, ow = grad_out.shape
        # back to the (C*k*k, N*OH*OW) columns: a view when the cache is the forward's own
        cols = np.ascontiguousarray(cache["windows"].transpose(1, 2, 3, 0, 4, 5))
        cols = cols.reshape(c * k * k, -1)
        g = buffers.take("conv.g", (o, n * oh * ow), grad_out.dtype)        # (O, N*OH*OW)
        np.copyto(g.reshape(o, n, oh, ow), grad_out.transpose(1, 0, 2, 3))
        wgrads = {"W": (cols @ g.T).T.reshape(w.shape)}     # this order runs faster in BLAS
        if params["bias"]:
            wgrads["b"] = g.sum(axis=1)
        if need is not None and not need[0]:
            return [None], wgrads
        w2 = w.reshape(o, -1)
        if w2.dtype != g.dtype and g.dtype.kind == "f":
            w2 = w2.astype(g.dtype)
        hp, wp = x.shape[2] + 2 * p, x.shape[3] + 2 * p
        if s == 1:
            dxp = _input_grad_flat(w2, grad_out, c, k, hp, wp)
        else:
            dcols = np.matmul(w2.T, g, out=buffers.take(
                "conv.dcols", (w2.shape[1], g.shape[1]), np.result_type(w2.dtype, g.dtype)))
            dcols = dcols.reshape(c, k, k, n, oh, ow)
            dxp = scatter_windows(dcols.transpose(0, 3, 4, 5, 1, 2), hp, wp, s,
                                  out=buffers.zeros("conv.dxp", (c, n, hp, wp), dcols.dtype))
        return [unpad2d(dxp, p).transpose(1, 0, 2, 3)], wgrads


def _input_grad_flat(w2: np.ndarray, grad_out: np.ndarray, c: int, k: int, hp: int,
                     wp: int) -> np.ndarray:
    """dx of a stride-1 conv, padded and channels first: (C, N, Hp, Wp) (a view).

    With stride 1, kernel offset (a, b) moves output (i, j) to padded input (i + a, j + b):
    in a padded image flattened row by row, one shift by a·Wp + b. So the window gradients
    are computed for output rows Wp wide (the k − 1 extra columns have a zero gradient and
    give zeros), and each offset adds one long contiguous run per image instead of OH short
    rows: w2 (O, C·k·k), grad_out (N, O, OH, OW)."""
    n, o, oh, ow = grad_out.shape
    dtype = np.result_type(w2.dtype, grad_out.dtype)
    gp = buffers.zeros("conv.gp", (o, n, oh, wp), grad_out.dtype)
    gp[..., :ow] = grad_out.transpose(1, 0, 2, 3)
    run = oh * wp
    dcols = np.matmul(w2.T, gp.reshape(o, -1),
                      out=buffers.take("conv.dcols_flat", (w2.shape[1], n * run), dtype))
    dcols = dcols.reshape(c, k, k, n, run)
    dxf = buffers.zeros("conv.dxf", (c, n, (hp + 1) * wp), dtype)   # a spare row: the last
    for a in range(k):                                            # runs end k − 1 past Hp
        for b in range(k):
            off = a * wp + b
            dxf[:, :, off:off + run] += dcols[:, a, b]
    return dxf.reshape(c, n, hp + 1, wp)[:, :, :hp]


# -- pooling -----------------------------------------------------------------------------------


class _Pool(Op):
    category = "Layers"
    params = (
        ParamSpec("kernel", "int", 2, "window size f (f x f)", min=1),
        ParamSpec("stride", "int", 0, "step s between windows; 0 = same as the kernel", min=0),
        ParamSpec("padding", "int", 0, "cells p added on each side", min=0),
    )

    @staticmethod
    def _ksp(params) -> tuple[int, int, int]:
        k = params["kernel"]
        return k, params["stride"] or k, params["padding"]

    def infer_shape(self, params, in_shapes):
        k, s, p = self._ksp(params)
        shape = in_shapes[0]
        return _window_shape(self.name, shape, k, s, p, shape[1] if len(shape) == 4 else None)

    def shape_formula(self, params, in_shapes):
        k, s, p = self._ksp(params)
        shape = in_shapes[0]
        return _window_formula(shape, k, s, p, shape[1] if shape and len(shape) == 4 else None)


def _offsets(k: int) -> list[tuple[int, int]]:
    """Kernel offsets (a, b) in row-major window order."""
    return [(a, b) for a in range(k) for b in range(k)]


def _pool_grad(x_shape: tuple, grad_shape: tuple, dtype, k: int, s: int, p: int, slab_grad):
    """Input gradient (N, C, H, W) of a pool from ``slab_grad(a, b, out)``, which writes the
    gradient of kernel offset (a, b) into ``out`` (N, C, OH, OW).

    Non-overlapping windows (s >= k) are written straight into a window view of the result;
    overlapping ones go through a (N, C, OH, OW, k, k) buffer and :func:`scatter_windows`.
    """
    n, c, h, w = x_shape
    hp, wp = h + 2 * p, w + 2 * p
    if s >= k:
        exact = s == k and p == 0 and h % k == 0 and w % k == 0   # the windows tile the input
        dxp = (np.empty if exact else np.zeros)((n, c, hp, wp), dtype=dtype)
        dwin = windows(dxp, k, s, writeable=True)
    else:
        dwin = np.empty((n, c) + tuple(grad_shape[2:]) + (k, k), dtype=dtype)
    for a, b in _offsets(k):
        slab_grad(a, b, dwin[..., a, b])
    if s < k:
        dxp = scatter_windows(dwin, hp, wp, s)
    return unpad2d(dxp, p)


@register
class MaxPool2D(_Pool):
    """Max over k x k windows: (N, C, H, W) -> (N, C, OH, OW); padding counts as -inf."""

    name = "max_pool2d"
    description = "Max pooling over f x f windows (channels first)."
    formula = "y[n,c,i,j] = max_a,b x[n,c,i·s+a,j·s+b]"
    grad_formula = "∂J/∂x = G at the first maximum of each window, 0 elsewhere"

    @staticmethod
    def _windows(x: np.ndarray, k: int, s: int, p: int) -> np.ndarray:
        fill = -np.inf if x.dtype.kind == "f" else np.iinfo(x.dtype).min
        return windows(pad2d(x, p, fill), k, s)

    cache_notes = {"argmax": "where each maximum came from: its offset a·f + b in the f × f "
                             "window (row-major, the first of equal values), (N, C, OH, OW); "
                             "backward sends each window's gradient there"}

    def cache_used(self, params, cache):
        return ("argmax",)

    def forward(self, params, inputs, weights, ctx):
        """A running maximum over the k*k offset slabs; cache: argmax (N, C, OH, OW), the
        offset of each window's first maximum."""
        k, s, p = self._ksp(params)
        win = self._windows(inputs[0], k, s, p)
        out = win[..., 0, 0].copy()
        dt = np.uint8 if k * k <= 256 else np.int32
        arg = np.zeros(out.shape, dt)
        gt = np.empty(out.shape, bool)
        for o, (a, b) in enumerate(_offsets(k)[1:], start=1):
            slab = win[..., a, b]
            np.greater(slab, out, out=gt)                     # strictly: the first max wins
            # offsets rise, so "o where greater, else keep" is a running maximum
            np.maximum(arg, gt.astype(dt) * dt(o), out=arg)
            np.maximum(out, slab, out=out)                    # and NaN propagates
        return out, {"argmax": arg}

    def backward(self, params, inputs, weights, output, cache, grad_out, need=None):
        """Each window's gradient goes to the offset recorded in the cache."""
        if need is not None and not need[0]:
            return [None], {}
        x = inputs[0]
        k, s, p = self._ksp(params)
        arg = cache["argmax"]
        offsets = {ab: i for i, ab in enumerate(_offsets(k))}

        def slab_grad(a: int, b: int, out: np.ndarray) -> None:
            np.multiply(grad_out, arg == offsets[(a, b)], out=out)

        return [_pool_grad(x.shape, grad_out.shape, grad_out.dtype, k, s, p, slab_grad)], {}


@register
class AvgPool2D(_Pool):
    """Mean over k x k windows: (N, C, H, W) -> (N, C, OH, OW); padded zeros count (÷ k²)."""

    name = "avg_pool2d"
    description = "Average pooling over f x f windows (channels first)."
    formula = "y[n,c,i,j] = mean_a,b x[n,c,i·s+a,j·s+b]"
    grad_formula = "∂J/∂x = G / f² spread over each window"

    def forward(self, params, inputs, weights, ctx):
        x = inputs[0]
        k, s, p = self._ksp(params)
        win = windows(pad2d(x, p), k, s)
        out = win[..., 0, 0].astype(np.result_type(x.dtype, np.float32))
        for a, b in _offsets(k)[1:]:
            np.add(out, win[..., a, b], out=out)
        out *= out.dtype.type(1.0 / (k * k))
        return out, None

    def backward(self, params, inputs, weights, output, cache, grad_out, need=None):
        if need is not None and not need[0]:
            return [None], {}
        k, s, p = self._ksp(params)
        gk = grad_out * grad_out.dtype.type(1.0 / (k * k))

        def slab_grad(a: int, b: int, out: np.ndarray) -> None:
            out[...] = gk

        return [_pool_grad(inputs[0].shape, grad_out.shape, gk.dtype, k, s, p, slab_grad)], {}


@register
class GlobalAvgPool(Op):
    """Mean over every spatial position: (N, C, H, W) -> (N, C)."""

    name = "global_avg_pool"
    category = "Layers"
    description = "Average each channel over all positions: N x C x H x W -> N x C."
    formula = "y[n,c] = mean_i,j x[n,c,i,j]"
    grad_formula = "∂J/∂x[n,c,i,j] = G[n,c] / (H·W)"

    def infer_shape(self, params, in_shapes):
        shape = in_shapes[0]
        if len(shape) < 3:
            raise ShapeError(Msg("op.needs_nchw", op="global_avg_pool", shape=fmt_shape(shape)),
                             port=0, expected="NxCxHxW",
                             found=fmt_shape(shape))
        return tuple(shape[:2])

    def forward(self, params, inputs, weights, ctx):
        x = inputs[0]
        return x.mean(axis=tuple(range(2, x.ndim))), None

    def backward(self, params, inputs, weights, output, cache, grad_out, need=None):
        if need is not None and not need[0]:
            return [None], {}
        x = inputs[0]
        m = int(np.prod(x.shape[2:]))
        g = grad_out * grad_out.dtype.type(1.0 / m)
        return [np.broadcast_to(g.reshape(g.shape + (1,) * (x.ndim - 2)), x.shape).copy()], {}


__all__ = ["Conv2D", "MaxPool2D", "AvgPool2D", "GlobalAvgPool", "windows", "scatter_windows",
           "pad2d", "unpad2d"]
