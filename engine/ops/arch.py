"""Ops the classic ImageNet architectures need: LRN, grouped convolution, a variadic sum,
asymmetric padding, and average pooling that leaves padding out of the mean.

* ``lrn`` (AlexNet, GoogLeNet): each value divided by a power of the sum of squares of its
  neighbours across channels, y = x / (bias + α/size · Σ_window x²)^β. The window over
  channels c - ⌊(size-1)/2⌋ .. c + ⌈(size-1)/2⌉ is summed with a cumulative sum, so one pass
  costs O(N·C·H·W) whatever the size. Backward: with d = bias + α/size · S and
  t = G · x · d^(-β-1), ∂J/∂x = G · d^-β − 2αβ/size · x · (the same window sum of t, mirrored).
* ``group_conv2d`` (AlexNet's two towers, ShuffleNet, depthwise when groups = C): the channels
  split into ``groups`` slices, each convolved with its own filters. It is conv2d's im2col with
  one batched matrix product over the groups: W (G, O/G, C/G·k·k) @ cols (G, C/G·k·k, N·OH·OW).
* ``add_n`` (ResNet's ONNX ``Sum``): y = Σᵢ xᵢ with broadcasting; each input's gradient is G.
* ``pad2d``: pads (top, left, bottom, right), each possibly negative (a crop), filled with 0 or
  with the lowest value (before a max pool). It turns ONNX's asymmetric padding and its
  floor rounding of window counts into the exact (n + 2p − f)/s + 1 of the course's ops.
* ``avg_pool2d_valid``: the mean over the cells of each window that lie inside the input
  (ONNX AveragePool with count_include_pad = 0): a window sum divided by a count map.
"""
from __future__ import annotations

import numpy as np

from ..messages import Msg
from .base import Op, ParamError, ParamSpec, ShapeError, WeightSpec, broadcast_shapes, fmt_shape, register
from .conv import _window_formula, _window_shape, pad2d, scatter_windows, unpad2d, windows
from .unary import elements_per_example


def _window_sum_channels(v: np.ndarray, lo: int, hi: int) -> np.ndarray:
    """out[:, c] = Σ v[:, c'] for c' in [c - lo, c + hi] ∩ [0, C); v (N, C, ...)."""
    n, c = v.shape[:2]
    zeros = np.zeros((n, 1) + v.shape[2:], dtype=v.dtype)
    cs = np.concatenate([zeros, np.cumsum(v, axis=1)], axis=1)      # (N, C + 1, ...)
    idx = np.arange(c)
    top = np.minimum(idx + hi + 1, c)
    bot = np.maximum(idx - lo, 0)
    return cs[:, top] - cs[:, bot]


@register
class LRN(Op):
    """Local response normalization across channels: x (N, C, ...) -> same shape."""

    name = "lrn"
    category = "Layers"
    description = "Local response normalization across neighbouring channels (AlexNet, GoogLeNet)."
    params = (
        ParamSpec("size", "int", 5, "number of channels in each window", min=1),
        ParamSpec("alpha", "float", 1e-4, "scale α of the sum of squares", min=0.0),
        ParamSpec("beta", "float", 0.75, "exponent β", min=0.0),
        ParamSpec("bias", "float", 1.0, "added before the power (k)", min=0.0),
    )
    formula = "y = x / (k + α/size · Σ_window x²)^β"
    grad_formula = "∂J/∂x = G·d^-β − 2αβ/size · x · Σ_window(G·x·d^(-β-1))"

    def check_params(self, params):
        if params["bias"] == 0.0 and params["alpha"] == 0.0:
            raise ParamError(Msg("op.lrn_divisor"))

    def infer_shape(self, params, in_shapes):
        shape = tuple(in_shapes[0])
        if len(shape) < 2:
            raise ShapeError(Msg("op.lrn_channels", shape=fmt_shape(shape)),
                             port=0, expected="NxCx...", found=fmt_shape(shape))
        return shape

    def macs(self, params, in_shapes, out_shape):
        return elements_per_example(out_shape) * params["size"]

    @staticmethod
    def _lohi(size: int) -> tuple[int, int]:
        return (size - 1) // 2, size - 1 - (size - 1) // 2

    def forward(self, params, inputs, weights, ctx):
        """Cache: d = bias + α/size · S, the divisor before the power."""
        x = inputs[0]
        lo, hi = self._lohi(params["size"])
        d = _window_sum_channels(x * x, lo, hi)
        d *= params["alpha"] / params["size"]
        d += params["bias"]
        return x * d ** -params["beta"], d

    def backward(self, params, inputs, weights, output, cache, grad_out, need=None):
        x, d, g = inputs[0], cache, grad_out
        beta, size = params["beta"], params["size"]
        lo, hi = self._lohi(size)
        t = g * x * d ** (-beta - 1.0)
        back = _window_sum_channels(t, hi, lo)      # c' sees every c whose window holds it
        dx = g * d ** -beta - (2.0 * params["alpha"] * beta / size) * x * back
        return [dx], {}


@register
class GroupConv2D(Op):
    """Grouped convolution, NCHW: x (N, C, H, W), W (O, C/G, k, k), b (O,) -> (N, O, OH, OW)."""

    name = "group_conv2d"
    category = "Layers"
    description = "Grouped convolution: channels split into groups, each with its own filters " \
                  "(groups = channels is depthwise)."
    params = (
        ParamSpec("out_channels", "int", 8, "number of filters (output channels)", min=1),
        ParamSpec("kernel", "int", 3, "filter size f (f x f)", min=1),
        ParamSpec("stride", "int", 1, "step s between windows", min=1),
        ParamSpec("padding", "int", 0, "zeros p added on each side", min=0),
        ParamSpec("groups", "int", 2, "number of groups G; C and O must divide by it", min=1),
        ParamSpec("bias", "bool", True, "add a bias per filter"),
        ParamSpec("init", "choice", "he", "weight initializer", choices=("he", "xavier", "normal")),
    )
    formula = "z[n,o,i,j] = Σ_c∈group(o),a,b W[o,c,a,b] · x[n,c,i·s+a,j·s+b] + b[o]"
    grad_formula = "per group: ∂J/∂W = G · colsᵀ, ∂J/∂x = col2im(Wᵀ · G), ∂J/∂b = Σ G"

    def infer_shape(self, params, in_shapes):
        shape = in_shapes[0]
        out = _window_shape("group_conv2d", shape, params["kernel"], params["stride"],
                            params["padding"], params["out_channels"])
        g, c, o = params["groups"], shape[1], params["out_channels"]
        if c is None or c % g:
            raise ShapeError(Msg("op.groups_channels", c=c, g=g), port=0,
                             expected=f"channels divisible by {g}",
                             found=str(c))
        if o % g:
            raise ShapeError(Msg("op.groups_filters", o=o, g=g), port=0,
                             expected=f"a multiple of {g}", found=str(o))
        return out

    def shape_formula(self, params, in_shapes):
        return _window_formula(in_shapes[0], params["kernel"], params["stride"],
                               params["padding"], params["out_channels"])

    def weight_specs(self, params, in_shapes):
        o, c, k, g = params["out_channels"], in_shapes[0][1], params["kernel"], params["groups"]
        cg = c // g
        specs = [WeightSpec("W", (o, cg, k, k), params["init"], fan_in=cg * k * k,
                            fan_out=(o // g) * k * k)]
        if params["bias"]:
            specs.append(WeightSpec("b", (o,), "zeros"))
        return specs

    def macs(self, params, in_shapes, out_shape):
        cg = (in_shapes[0][1] or 0) // params["groups"]
        k = params["kernel"]
        return int((out_shape[2] or 0) * (out_shape[3] or 0) * params["out_channels"] * cg * k * k)

    def forward(self, params, inputs, weights, ctx):
        """x (N, C, H, W) -> (N, O, OH, OW); cache: the columns (G, C/G·k·k, N·OH·OW)."""
        x, w = inputs[0], weights["W"]
        k, s, p, g = params["kernel"], params["stride"], params["padding"], params["groups"]
        n, c = x.shape[:2]
        o = w.shape[0]
        win = windows(pad2d(x, p), k, s)                                  # (N, C, OH, OW, k, k)
        oh, ow = win.shape[2], win.shape[3]
        win = win.reshape(n, g, c // g, oh, ow, k, k)
        cols = np.ascontiguousarray(win.transpose(1, 2, 5, 6, 0, 3, 4)).reshape(g, -1, n * oh * ow)
        w3 = w.reshape(g, o // g, -1).astype(cols.dtype, copy=False)
        z = (w3 @ cols).reshape(o, n, oh, ow).transpose(1, 0, 2, 3)
        out = np.ascontiguousarray(z)
        if params["bias"]:
            out += weights["b"].astype(out.dtype, copy=False)[:, None, None]
        return out, cols

    def backward(self, params, inputs, weights, output, cache, grad_out, need=None):
        x, w, cols = inputs[0], weights["W"], cache
        k, s, p, g = params["kernel"], params["stride"], params["padding"], params["groups"]
        o, cg = w.shape[0], w.shape[1]
        n, _, oh, ow = grad_out.shape
        gz = np.ascontiguousarray(grad_out.transpose(1, 0, 2, 3)).reshape(g, o // g, -1)
        wgrads = {"W": (gz @ cols.transpose(0, 2, 1)).reshape(w.shape)}
        if params["bias"]:
            wgrads["b"] = gz.sum(axis=2).reshape(o)
        if need is not None and not need[0]:
            return [None], wgrads
        w3 = w.reshape(g, o // g, -1).astype(gz.dtype, copy=False)
        dcols = (w3.transpose(0, 2, 1) @ gz).reshape(g * cg, k, k, n, oh, ow)
        dxp = scatter_windows(dcols.transpose(0, 3, 4, 5, 1, 2),
                              x.shape[2] + 2 * p, x.shape[3] + 2 * p, s)   # (C, N, Hp, Wp)
        return [unpad2d(dxp, p).transpose(1, 0, 2, 3)], wgrads


@register
class AddN(Op):
    """y = x0 + x1 + ... (two or more inputs, broadcast together)."""

    name = "add_n"
    category = "Math"
    description = "Sum of two or more inputs, elementwise with broadcasting (a residual join)."
    inputs = ("x0", "x1")
    variadic = True
    formula = "y = Σᵢ xᵢ"
    grad_formula = "∂y/∂xᵢ = 1 (summed over broadcast axes)"

    def input_name(self, port):
        return f"x{port}"

    def infer_shape(self, params, in_shapes):
        out = tuple(in_shapes[0])
        for port, s in enumerate(in_shapes[1:], start=1):
            try:
                out = broadcast_shapes(out, tuple(s))
            except ShapeError as e:
                raise ShapeError(Msg("op.input_broadcast", port=port, reason=e.msg or e.message),
                                 port=port, expected=e.expected, found=e.found) from None
        return out

    def macs(self, params, in_shapes, out_shape):
        return elements_per_example(out_shape) * (len(in_shapes) - 1)

    def forward(self, params, inputs, weights, ctx):
        out = inputs[0] + inputs[1]
        for x in inputs[2:]:
            out = out + x
        return out, None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        return [g if need is None or need[i] else None for i in range(len(inputs))], {}


@register
class Pad2D(Op):
    """x (N, C, H, W) -> (N, C, H + top + bottom, W + left + right); negative entries crop."""

    name = "pad2d"
    category = "Layers"
    description = "Pad (or, with negative numbers, crop) the edges of N x C x H x W images."
    params = (
        ParamSpec("pads", "ints", (1, 1, 1, 1), "cells added at top, left, bottom, right "
                  "(negative to cut)"),
        ParamSpec("fill", "choice", "zeros", "zeros, or lowest (minus infinity, before a max pool)",
                  choices=("zeros", "lowest")),
    )
    formula = "y = x surrounded by (top, left, bottom, right) cells of the fill value"
    grad_formula = "∂J/∂x = ∂J/∂y without the added cells (0 where x was cut)"

    def check_params(self, params):
        if len(params["pads"]) != 4:
            raise ParamError(Msg("op.pads_four", pads=params["pads"]))

    def infer_shape(self, params, in_shapes):
        shape = tuple(in_shapes[0])
        if len(shape) != 4:
            raise ShapeError(Msg("op.needs_nchw", op="pad2d", shape=fmt_shape(shape)),
                             port=0, expected="NxCxHxW", found=fmt_shape(shape))
        t, l, b, r = params["pads"]
        out = list(shape)
        for axis, (a, z) in ((2, (t, b)), (3, (l, r))):
            d = shape[axis]
            if d is not None:
                if d + a + z < 1:
                    raise ShapeError(Msg("op.pads_cut_all", pads=tuple(params["pads"]), axis=axis,
                                         d=d), port=0, expected="a size of 1 or more",
                                     found=str(d + a + z))
                out[axis] = d + a + z
        return tuple(out)

    @staticmethod
    def _parts(params, h: int, w: int):
        """(pad widths for np.pad, crop slices) from (top, left, bottom, right)."""
        t, l, b, r = params["pads"]
        pad = ((0, 0), (0, 0), (max(t, 0), max(b, 0)), (max(l, 0), max(r, 0)))
        crop = (slice(None), slice(None), slice(max(-t, 0), h - max(-b, 0)),
                slice(max(-l, 0), w - max(-r, 0)))
        return pad, crop

    def forward(self, params, inputs, weights, ctx):
        x = inputs[0]
        pad, crop = self._parts(params, x.shape[2], x.shape[3])
        fill = 0.0
        if params["fill"] == "lowest":
            fill = -np.inf if x.dtype.kind == "f" else np.iinfo(x.dtype).min
        return np.pad(x[crop], pad, constant_values=fill), None

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        x = inputs[0]
        pad, crop = self._parts(params, x.shape[2], x.shape[3])
        (_, _), (_, _), (t, b), (l, r) = pad
        inner = g[:, :, t:g.shape[2] - b, l:g.shape[3] - r]
        dx = np.zeros(x.shape, dtype=g.dtype)
        dx[crop] = inner
        return [dx], {}


@register
class AvgPool2DValid(Op):
    """Mean over the in-image cells of k x k windows: (N, C, H, W) -> (N, C, OH, OW)."""

    name = "avg_pool2d_valid"
    category = "Layers"
    description = "Average pooling whose padded cells do not count in the mean."
    params = (
        ParamSpec("kernel", "int", 3, "window size f (f x f)", min=1),
        ParamSpec("stride", "int", 1, "step s between windows", min=1),
        ParamSpec("pads", "ints", (1, 1, 1, 1), "cells added at top, left, bottom, right "
                  "(left out of the mean)", min=0),
    )
    formula = "y[n,c,i,j] = Σ x over the window's in-image cells / their count"
    grad_formula = "∂J/∂x = G / count spread over each window's in-image cells"

    def check_params(self, params):
        if len(params["pads"]) != 4:
            raise ParamError(Msg("op.pads_four", pads=params["pads"]))

    def infer_shape(self, params, in_shapes):
        shape = tuple(in_shapes[0])
        if len(shape) != 4:
            raise ShapeError(Msg("op.needs_nchw", op="avg_pool2d_valid", shape=fmt_shape(shape)),
                             port=0, expected="NxCxHxW", found=fmt_shape(shape))
        k, s = params["kernel"], params["stride"]
        t, l, b, r = params["pads"]
        out = list(shape)
        for axis, extra in ((2, t + b), (3, l + r)):
            d = shape[axis]
            if d is None:
                continue
            v = (d + extra - k) / s + 1
            if d + extra < k or not v.is_integer():
                raise ShapeError(Msg("op.pool_fraction", d=d, extra=extra, k=k, s=s, v=f"{v:g}"),
                                 port=0,
                                 expected="a whole-number output size", found=f"{v:g}")
            out[axis] = int(v)
        return tuple(out)

    @staticmethod
    def _pad(x: np.ndarray, pads) -> np.ndarray:
        t, l, b, r = pads
        return np.pad(x, ((0, 0), (0, 0), (t, b), (l, r)))

    def forward(self, params, inputs, weights, ctx):
        """Cache: the (OH, OW) count of in-image cells per window."""
        x = inputs[0]
        k, s = params["kernel"], params["stride"]
        dt = np.result_type(x.dtype, np.float32)
        out = windows(self._pad(x.astype(dt, copy=False), params["pads"]), k, s).sum(axis=(4, 5))
        ones = self._pad(np.ones((1, 1) + x.shape[2:], dtype=dt), params["pads"])
        counts = windows(ones, k, s).sum(axis=(4, 5))[0, 0]
        return out / counts, counts

    def backward(self, params, inputs, weights, output, cache, g, need=None):
        x = inputs[0]
        k, s = params["kernel"], params["stride"]
        t, l, b, r = params["pads"]
        gk = g / cache
        dwin = np.broadcast_to(gk[..., None, None], gk.shape + (k, k))
        dxp = scatter_windows(dwin, x.shape[2] + t + b, x.shape[3] + l + r, s)
        return [dxp[:, :, t:t + x.shape[2], l:l + x.shape[3]]], {}


__all__ = ["LRN", "GroupConv2D", "AddN", "Pad2D", "AvgPool2DValid"]
