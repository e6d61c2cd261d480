"""ONNX op -> engine op, one handler per ONNX op type.

A handler reads the node's inputs (data tensors through ``imp.data``, constants through
``imp.const``), emits one or two engine nodes and returns the key of the one giving the node's
first output. It raises :class:`Unsupported` with the attribute that has no counterpart.
"""
from __future__ import annotations

import math
import re

import numpy as np
from onnx import helper, numpy_helper

from .fold import attr

INT64_BIG = 1 << 62
WHY = "onnx.why."     # the prefix of the message ids that say why a node is refused


def _unsupported(why: str, **params):
    """The refusal for this node: ``why`` is an ``onnx.why.`` message id."""
    from ..messages import Msg
    from .importer import Unsupported
    return Unsupported(Msg(WHY + why, **params))


def _const(imp, node, i: int, what: str):
    name = node.input[i] if len(node.input) > i else ""
    if not name:
        return None
    c = imp.const.get(name)
    if c is None:
        raise _unsupported("not_constant", name=what)
    return c


def _weight(c, shape=None):
    from .importer import weight
    return weight(c, shape)


def _stem(name: str) -> str:
    """'conv1_w_0' -> 'conv1', 'inception_3a/1x1_w_0' -> 'inception_3a/1x1'."""
    for suffix in ("_w_0", "_W_0", "_scale_0", "_s_0", "_w", "_W", "/W", "/gamma", "/E", "/value",
                   "/weight", ".weight", "_scale", "/scale",
                   "_weight", "_weights"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


_GENERIC = re.compile(r"[A-Za-z]{0,3}_?\d+")


def _name(imp, node, label: str, weight_input: int | None = None, short: str = "") -> str:
    """A readable name: the weights' stem, the node's own name, or the source's name + op."""
    if weight_input is not None and len(node.input) > weight_input and node.input[weight_input]:
        return _stem(node.input[weight_input])
    if node.name and not _GENERIC.fullmatch(node.name):
        return node.name
    src = imp.tensor.get(node.input[0]) if node.input else None
    if src is not None and short:
        return f"{imp.stem.get(src, imp.by_key[src].name)}_{short}"
    return label


def _window(imp, node, x: str, kind: str):
    """(k, s, top, left, bottom, right) of a Conv/Pool, with ONNX's floor rounding turned into
    a smaller bottom/right pad, so the output size formula is exact."""
    if attr(node, "auto_pad", b"NOTSET") not in (b"NOTSET", "NOTSET", b"VALID", "VALID"):
        raise _unsupported("setting", setting=f"auto_pad={attr(node, 'auto_pad')!r}")
    if any(d != 1 for d in attr(node, "dilations", [1, 1]) or [1, 1]):
        raise _unsupported("setting", setting=f"dilations={attr(node, 'dilations')}")
    if int(attr(node, "ceil_mode", 0)):
        raise _unsupported("setting", setting="ceil_mode=1")
    shape = imp.shape(x)
    if len(shape) != 4:
        raise _unsupported("not_image", rank=len(shape))
    ks = attr(node, "kernel_shape")
    if ks is None and kind == "conv":
        w = imp.const.get(node.input[1])
        ks = list(w.shape[2:]) if w is not None else None
    if not ks or len(ks) != 2 or ks[0] != ks[1]:
        raise _unsupported("kernel_shape", shape=ks)
    st = list(attr(node, "strides", [1, 1]) or [1, 1])
    if st[0] != st[1]:
        raise _unsupported("strides", strides=st)
    pads = list(attr(node, "pads", [0, 0, 0, 0]) or [0, 0, 0, 0])
    k, s = int(ks[0]), int(st[0])
    t, l, b, r = int(pads[0]), int(pads[1]), int(pads[2]), int(pads[3])
    for axis, (lo, name) in ((2, (t, "b")), (3, (l, "r"))):
        d = shape[axis]
        if d is None:
            continue
        hi = b if name == "b" else r
        total = d + lo + hi
        if total < k:
            raise _unsupported("kernel_too_big", k=k, total=total)
        need = ((total - k) // s) * s + k
        if name == "b":
            b -= total - need
        else:
            r -= total - need
    return k, s, t, l, b, r


def _padded(imp, x: str, geom, fill: str, label: str, name: str):
    """(input key, symmetric padding) after putting a pad2d (``<name>_pad``) in front when needed."""
    k, s, t, l, b, r = geom
    if t == l == b == r:
        return x, t
    key = imp.emit("pad2d", {"pads": [t, l, b, r], "fill": fill}, [x], f"{name}_pad", where=label)
    return key, 0


def conv(imp, node, label):
    x = imp.data(node.input[0])
    w = _const(imp, node, 1, "W")
    b = _const(imp, node, 2, "B")
    geom = _window(imp, node, x, "conv")
    groups = int(attr(node, "group", 1))
    name = _name(imp, node, label, 1)
    x, p = _padded(imp, x, geom, "zeros", label, name)
    o = w.shape[0]
    params = {"out_channels": o, "kernel": geom[0], "stride": geom[1], "padding": p,
              "bias": b is not None}
    weights = {"W": _weight(w)}
    if b is not None:
        weights["b"] = _weight(b, (o,))
    op = "conv2d"
    if groups != 1:
        op, params["groups"] = "group_conv2d", groups
    return imp.emit(op, params, [x], name, weights, label)


def pool(imp, node, label):
    if len(node.output) > 1 and node.output[1]:
        raise _unsupported("indices_output")
    x = imp.data(node.input[0])
    k, s, t, l, b, r = _window(imp, node, x, "pool")
    name = _name(imp, node, label, short="pool")
    if node.op_type == "MaxPool":
        if int(attr(node, "storage_order", 0)):
            raise _unsupported("setting", setting="storage_order=1")
        x, p = _padded(imp, x, (k, s, t, l, b, r), "lowest", label, name)
        return imp.emit("max_pool2d", {"kernel": k, "stride": s, "padding": p}, [x], name, where=label)
    include = int(attr(node, "count_include_pad", 0))
    if include or t == l == b == r == 0:
        x, p = _padded(imp, x, (k, s, t, l, b, r), "zeros", label, name)
        return imp.emit("avg_pool2d", {"kernel": k, "stride": s, "padding": p}, [x], name, where=label)
    if min(b, r) < 0:  # floor rounding cut more than the far pad: crop the input first
        x = imp.emit("pad2d", {"pads": [0, 0, min(b, 0), min(r, 0)], "fill": "zeros"}, [x],
                     f"{name}_crop", where=label)
        b, r = max(b, 0), max(r, 0)
    return imp.emit("avg_pool2d_valid", {"kernel": k, "stride": s, "pads": [t, l, b, r]}, [x],
                    name, where=label)


def global_pool(imp, node, label):
    x = imp.data(node.input[0])
    name = _name(imp, node, label, short="gap")
    users = imp.users.get(node.output[0], [])
    if users_flatten(users) and node.name.endswith("/pooled"):   # as this app exports it
        name = users[0].name or name
    pooled = imp.emit("global_avg_pool", {}, [x], name if users_flatten(users) else f"{name}_mean",
                      where=label)
    if users_flatten(users):
        imp.fused.add(users[0].output[0])
        imp.tensor[users[0].output[0]] = pooled
        return pooled
    return imp.emit("reshape", {"shape": [0, -1, 1, 1]}, [pooled], name, where=label)


def users_flatten(users) -> bool:
    return len(users) == 1 and users[0].op_type == "Flatten" and int(attr(users[0], "axis", 1)) == 1


def gemm(imp, node, label):
    if int(attr(node, "transA", 0)):
        raise _unsupported("setting", setting="transA=1")
    x = imp.data(node.input[0])
    if len(imp.shape(x)) != 2:
        raise _unsupported("not_n_by_features")
    b = _const(imp, node, 1, "B")
    c = _const(imp, node, 2, "C")
    alpha, beta = float(attr(node, "alpha", 1.0)), float(attr(node, "beta", 1.0))
    from .fold import derived
    w = b if int(attr(node, "transB", 0)) else derived(b, b.shape[::-1], lambda a: a.T)
    if alpha != 1.0:
        w = derived(w, w.shape, lambda a: a * alpha)
    units = w.shape[0]
    weights = {"W": _weight(w)}
    if c is not None:
        if math.prod(c.shape) not in (1, units):
            raise _unsupported("bias_shape", shape=c.shape)
        c = derived(c, (units,), lambda a: np.broadcast_to(a.reshape(-1), (units,)) * beta)
        weights["b"] = _weight(c)
    return imp.emit("dense", {"units": units, "bias": c is not None}, [x],
                    _name(imp, node, label, 1), weights, label)


def matmul(imp, node, label):
    b = imp.const.get(node.input[1])
    x = imp.data(node.input[0])
    if b is not None and len(b.shape) == 2 and len(imp.shape(x)) >= 2:
        from .fold import derived
        w = derived(b, b.shape[::-1], lambda a: a.T)
        return imp.emit("dense", {"units": b.shape[1], "bias": False}, [x],
                        _name(imp, node, label, 1), {"W": _weight(w)}, label)
    return imp.emit("matmul", {}, [x, imp.data(node.input[1])], _name(imp, node, label, short="matmul"),
                    where=label)


_BINARY = {"Add": "add", "Sub": "subtract", "Mul": "multiply", "Div": "divide"}


def binary(imp, node, label):
    op = _BINARY[node.op_type]
    name = _name(imp, node, label, short=op)
    a = imp.data(node.input[0], f"{name}_a")
    b = imp.data(node.input[1], f"{name}_b")
    return imp.emit(op, {}, [a, b], name, where=label)


def pow_(imp, node, label):
    e = _const(imp, node, 1, "Y")
    if math.prod(e.shape) != 1:
        raise _unsupported("exponent")
    return imp.emit("power", {"exponent": float(e.array().reshape(-1)[0])},
                    [imp.data(node.input[0])], _name(imp, node, label, short="pow"), where=label)


def sum_(imp, node, label):
    xs = [imp.data(x) for x in node.input]
    name = _name(imp, node, label, short="sum")
    if len(xs) == 1:
        return imp.emit("identity", {}, xs, name, where=label)
    return imp.emit("add_n", {}, xs, name, where=label)


_UNARY = {"Relu": "relu", "Sigmoid": "sigmoid", "Tanh": "tanh", "Neg": "negate", "Exp": "exp",
          "Log": "log", "Sqrt": "sqrt", "Abs": "abs", "Identity": "identity"}


def unary(imp, node, label):
    op = _UNARY[node.op_type]
    return imp.emit(op, {}, [imp.data(node.input[0])], _name(imp, node, label, short=op), where=label)


def leaky(imp, node, label):
    return imp.emit("leaky_relu", {"alpha": float(attr(node, "alpha", 0.01))},
                    [imp.data(node.input[0])], _name(imp, node, label, short="leaky_relu"), where=label)


def softmax(imp, node, label):
    x = imp.data(node.input[0])
    rank = len(imp.shape(x))
    axis = int(attr(node, "axis", 1 if imp.opset < 13 else -1)) % max(rank, 1)
    shape = imp.shape(x)
    if imp.opset < 13 and axis != rank - 1 and any(d != 1 for d in shape[axis + 1:]):
        raise _unsupported("flatten_axis", axis=axis, rank=rank, opset=imp.opset)
    op = "softmax" if node.op_type == "Softmax" else "log_softmax"
    return imp.emit(op, {"axis": axis - rank}, [x], _name(imp, node, label, short=op), where=label)


def batch_norm(imp, node, label):
    if int(attr(node, "training_mode", 0)) or any(o for o in node.output[1:]):
        raise _unsupported("training_outputs")
    if int(attr(node, "spatial", 1)) != 1:
        raise _unsupported("setting", setting="spatial=0")
    x = imp.data(node.input[0])
    c = imp.shape(x)[1]
    ws = {}
    for i, k in enumerate(("gamma", "beta", "running_mean", "running_var"), start=1):
        ws[k] = _weight(_const(imp, node, i, k), (c,))
    base = _name(imp, node, label, 1)
    return imp.emit("batch_norm", {"eps": float(attr(node, "epsilon", 1e-5)),
                                   "momentum": float(attr(node, "momentum", 0.9))},
                    [x], base if base != node.input[1] else _stem(base), ws, label)


def concat(imp, node, label):
    xs = [imp.data(x) for x in node.input]
    rank = len(imp.shape(xs[0]))
    axis = int(attr(node, "axis", 1)) % rank
    return imp.emit("concat", {"axis": axis}, xs, _name(imp, node, label, short="concat"), where=label)


def reshape(imp, node, label):
    x = imp.data(node.input[0])
    spec = _const(imp, node, 1, "shape").small("shape").reshape(-1)
    if int(attr(node, "allowzero", 0)) and 0 in spec:
        raise _unsupported("setting", setting="allowzero=1")
    return imp.emit("reshape", {"shape": [int(v) for v in spec]}, [x],
                    _name(imp, node, label, short="reshape"), where=label)


def flatten(imp, node, label):
    if node.output[0] in imp.fused:
        return imp.tensor[node.output[0]]
    x = imp.data(node.input[0])
    axis = int(attr(node, "axis", 1)) % max(len(imp.shape(x)), 1)
    name = _name(imp, node, label, short="flatten")
    if axis == 1:
        return imp.emit("flatten", {}, [x], name, where=label)
    shape = imp.shape(x)
    if any(d is None for d in shape[:axis]):
        raise _unsupported("open_before_axis", axis=axis)
    return imp.emit("reshape", {"shape": [math.prod(shape[:axis]), -1]}, [x], name, where=label)


def transpose(imp, node, label):
    x = imp.data(node.input[0])
    perm = attr(node, "perm") or list(range(len(imp.shape(x)) - 1, -1, -1))
    return imp.emit("transpose", {"axes": [int(p) for p in perm]}, [x],
                    _name(imp, node, label, short="transpose"), where=label)


def dropout(imp, node, label):
    if len(node.output) > 1 and node.output[1] and node.output[1] in imp.users:
        raise _unsupported("mask_output")
    rate = attr(node, "ratio", 0.5)
    if len(node.input) > 1 and node.input[1]:
        rate = float(str(np.float32(_const(imp, node, 1, "ratio").array().reshape(-1)[0])))
    return imp.emit("dropout", {"rate": float(rate)}, [imp.data(node.input[0])],
                    _name(imp, node, label, short="drop"), where=label)


def lrn(imp, node, label):
    return imp.emit("lrn", {"size": int(attr(node, "size")), "alpha": float(attr(node, "alpha", 1e-4)),
                            "beta": float(attr(node, "beta", 0.75)), "bias": float(attr(node, "bias", 1.0))},
                    [imp.data(node.input[0])], _name(imp, node, label, short="lrn"), where=label)


def pad(imp, node, label):
    mode = attr(node, "mode", b"constant")
    if mode not in (b"constant", "constant"):
        raise _unsupported("setting", setting=f"mode={mode!r}")
    x = imp.data(node.input[0])
    if len(node.input) > 1 and node.input[1]:
        pads = [int(v) for v in _const(imp, node, 1, "pads").small("pads").reshape(-1)]
        value = _const(imp, node, 2, "constant_value")
        value = float(value.array().reshape(-1)[0]) if value is not None else 0.0
    else:
        pads, value = list(attr(node, "pads")), float(attr(node, "value", 0.0))
    if len(pads) != 8 or any(pads[i] for i in (0, 1, 4, 5)):
        raise _unsupported("pads", pads=pads)
    if value not in (0.0, -np.inf):
        raise _unsupported("fill_value", value=value)
    return imp.emit("pad2d", {"pads": [pads[2], pads[3], pads[6], pads[7]],
                              "fill": "zeros" if value == 0.0 else "lowest"}, [x],
                    _name(imp, node, label, short="pad"), where=label)


def unsqueeze(imp, node, label):
    x = imp.data(node.input[0])
    axes = attr(node, "axes")
    if axes is None:
        axes = [int(a) for a in _const(imp, node, 1, "axes").small("axes").reshape(-1)]
    shape = list(imp.shape(x))
    if node.op_type == "Unsqueeze":
        n = len(shape) + len(axes)
        for a in sorted(int(a) % n for a in axes):
            shape.insert(a, 1)
    else:
        drop = {int(a) % len(shape) for a in axes} if axes else {i for i, d in enumerate(shape) if d == 1}
        shape = [d for i, d in enumerate(shape) if i not in drop]
    spec = [0 if d is None else d for d in shape]
    return imp.emit("reshape", {"shape": spec}, [x], _name(imp, node, label, short="reshape"),
                    where=label)


def reduce(imp, node, label):
    x = imp.data(node.input[0])
    axes = attr(node, "axes")
    if axes is None and len(node.input) > 1 and node.input[1]:
        axes = [int(a) for a in _const(imp, node, 1, "axes").small("axes").reshape(-1)]
    op = "sum" if node.op_type == "ReduceSum" else "mean"
    return imp.emit(op, {"axes": list(axes or []), "keepdims": bool(attr(node, "keepdims", 1))},
                    [x], _name(imp, node, label, short=op), where=label)


def gather(imp, node, label):
    e = imp.const.get(node.input[0])
    if e is None or len(e.shape) != 2 or int(attr(node, "axis", 0)) != 0:
        raise _unsupported("gather")
    return imp.emit("embedding", {"num_embeddings": e.shape[0], "dim": e.shape[1]},
                    [imp.data(node.input[1])], _name(imp, node, label, 0), {"E": _weight(e)}, label)


def cast(imp, node, label):
    return imp.data(node.input[0])


def slice_(imp, node, label):
    x = imp.data(node.input[0])
    vals = [_const(imp, node, i, what) for i, what in ((1, "starts"), (2, "ends"), (3, "axes"), (4, "steps"))]
    starts, ends = (int(v.array().reshape(-1)[0]) if v is not None else None for v in vals[:2])
    if any(v is not None and math.prod(v.shape) != 1 for v in vals):
        raise _unsupported("slice_axes")
    axis = int(vals[2].array().reshape(-1)[0]) if vals[2] is not None else 0
    step = int(vals[3].array().reshape(-1)[0]) if vals[3] is not None else 1
    if step < 1:
        raise _unsupported("slice_step", step=step)
    stop = 0 if ends >= INT64_BIG else ends
    if stop == 0 and ends == 0:
        raise _unsupported("slice_empty")
    return imp.emit("slice", {"axis": axis, "start": starts, "stop": stop, "step": step}, [x],
                    _name(imp, node, label, short="slice"), where=label)


HANDLERS = {
    "Conv": conv, "MaxPool": pool, "AveragePool": pool, "GlobalAveragePool": global_pool,
    "Gemm": gemm, "MatMul": matmul, "Add": binary, "Sub": binary, "Mul": binary, "Div": binary,
    "Pow": pow_, "Sum": sum_, "Relu": unary, "Sigmoid": unary, "Tanh": unary, "Neg": unary,
    "Exp": unary, "Log": unary, "Sqrt": unary, "Abs": unary, "Identity": unary,
    "LeakyRelu": leaky, "Softmax": softmax, "LogSoftmax": softmax,
    "BatchNormalization": batch_norm, "Concat": concat, "Reshape": reshape, "Flatten": flatten,
    "Transpose": transpose, "Dropout": dropout, "LRN": lrn, "Pad": pad, "Unsqueeze": unsqueeze,
    "Squeeze": unsqueeze, "ReduceSum": reduce, "ReduceMean": reduce, "Gather": gather,
    "Cast": cast, "Slice": slice_,
}
