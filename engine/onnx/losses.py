"""Losses written as their forward math in ONNX (an ONNX model has no training objective).

Each loss gives the per-example loss L (N,) and, for ``reduction = mean``, the cost
J = mean over the batch, exactly as the engine computes it:

* mse:        L = mean over non-batch axes of (ŷ − y)²
* bce_logits: L = mean of relu(z) − z·y + softplus(−|z|)
* bce:        L = mean of −(y log p + (1 − y) log(1 − p)), p = clip(ŷ, 1e-7, 1 − 1e-7)
* softmax_ce: L = −Σₖ tₖ · log_softmax(z)ₖ, t = one-hot(class ids) or the given rows
* l2_penalty: R = λ/2 · Σ ‖W‖²
"""
from __future__ import annotations

import numpy as np
from onnx import TensorProto

from ..ops.losses import EPS_CLIP


def _row_mean(w, x: str, rank: int, out: str) -> str:
    """(N, ...) -> (N,): the mean over every non-batch axis (nothing to do for rank 1)."""
    if rank <= 1:
        return w.node("Identity", [x], out)
    return w.node("ReduceMean", [x], out, axes=list(range(1, rank)), keepdims=0)


def _reduce(w, node, per: str) -> None:
    """Name the result after the node: the batch mean, or the per-example losses."""
    if node.params["reduction"] == "mean":
        w.node("ReduceMean", [per], node.name, keepdims=0)
    else:
        w.node("Identity", [per], node.name)


def emit_loss(w, node, srcs: list, xs: list, info) -> None:
    """Append the forward math of a loss node; raise KeyError for an op ONNX cannot take."""
    op, out = node.op, node.name
    if op == "l2_penalty":
        parts = [w.node("ReduceSumSquare", [w.floats(s, x)], f"{out}/sq{i}", keepdims=0)
                 for i, (s, x) in enumerate(zip(srcs, xs))]
        total = parts[0] if len(parts) == 1 else w.node("Sum", parts, f"{out}/total")
        w.node("Mul", [total, w.init(f"{out}/half_lam", 0.5 * node.params["lam"])], out)
        return
    if op not in ("mse", "bce_logits", "bce", "softmax_ce"):
        raise KeyError(f"there is no ONNX form for the op {op!r}")
    p = xs[0]
    rank = len(info.ins[0])
    if op == "softmax_ce":
        logp = w.node("LogSoftmax", [p], f"{out}/log_softmax", axis=1)
        if len(info.ins[1]) == 1:
            ids = xs[1] if w.kind.get(srcs[1]) == "int" else \
                w.node("Cast", [xs[1]], f"{out}/ids", to=TensorProto.INT64)
            k = info.ins[0][1]
            t = w.node("OneHot", [ids, w.ints(f"{out}/depth", [k]),
                                  w.init(f"{out}/off_on", [0.0, 1.0])], f"{out}/onehot", axis=-1)
        else:
            t = w.floats(srcs[1], xs[1])
        prod = w.node("Mul", [t, logp], f"{out}/t_logp")
        s = w.node("ReduceSum", [prod, w.ints(f"{out}/axis1", [1])], f"{out}/sum", keepdims=0)
        _reduce(w, node, w.node("Neg", [s], f"{out}/per_example"))
        return
    y = w.floats(srcs[1], xs[1])
    if op == "mse":
        d = w.node("Sub", [p, y], f"{out}/diff")
        elem = w.node("Mul", [d, d], f"{out}/sq")
    elif op == "bce_logits":
        relu = w.node("Relu", [p], f"{out}/relu")
        zy = w.node("Mul", [p, y], f"{out}/zy")
        neg_abs = w.node("Neg", [w.node("Abs", [p], f"{out}/abs")], f"{out}/neg_abs")
        soft = w.node("Softplus", [neg_abs], f"{out}/softplus")
        elem = w.node("Add", [w.node("Sub", [relu, zy], f"{out}/relu_zy"), soft], f"{out}/elem")
    else:  # bce
        lo = w.init(f"{out}/lo", EPS_CLIP)
        hi = w.init(f"{out}/hi", np.float32(1.0) - np.float32(EPS_CLIP))
        pc = w.node("Clip", [p, lo, hi], f"{out}/clipped")
        one = w.init(f"{out}/one", 1.0)
        a = w.node("Mul", [y, w.node("Log", [pc], f"{out}/log_p")], f"{out}/y_log_p")
        q = w.node("Log", [w.node("Sub", [one, pc], f"{out}/one_minus_p")], f"{out}/log_q")
        b = w.node("Mul", [w.node("Sub", [one, y], f"{out}/one_minus_y"), q], f"{out}/q_term")
        elem = w.node("Neg", [w.node("Add", [a, b], f"{out}/ll")], f"{out}/elem")
    _reduce(w, node, _row_mean(w, elem, rank, f"{out}/per_example"))
