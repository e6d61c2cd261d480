"""The formula behind one value, in actual numbers.

``formula(graph, values, node, index)`` writes, for the entry ``index`` of ``node``'s value,
the op's formula with the numbers it read filled in, e.g. for a dense unit
``logits[0,2] = Σⱼ W[2,j]·flatten[0,j] + b[2] = 0.12·0.5 + (−0.3)·0.25 + … (128 terms) + 0.05
= 0.73``. The entries named are exactly those the op's index map
(:mod:`engine.inspect.trace`) says the value depends on.
"""
from __future__ import annotations

import numpy as np

from engine.graph import Graph
from engine.messages import Msg
from engine.ops.base import get_op

from .trace import SOURCES, sources_of

SHOWN_TERMS = 4


def num(v: float) -> str:
    """A number as shown in a formula: 4 significant digits, negatives in brackets when
    they follow an operator."""
    v = float(v)
    if v == 0:
        return "0"
    return f"{v:.4g}"


def _par(v: float) -> str:
    s = num(v)
    return f"({s})" if s.startswith("-") else s


def ix(index) -> str:
    """(0, 3, 2) -> '[0,3,2]'."""
    return "[" + ",".join(str(int(i)) for i in index) + "]"


def _rng(a: int, b: int) -> str:
    return str(a) if b == a + 1 else f"{a}:{b}"


def _products(ws: np.ndarray, xs: np.ndarray) -> "Msg | str":
    """'0.1·0.5 + (−0.2)·0.3 + … (27 terms)'."""
    ws, xs = np.ravel(ws), np.ravel(xs)
    parts = [f"{_par(w)}·{_par(x)}" for w, x in zip(ws[:SHOWN_TERMS], xs[:SHOWN_TERMS])]
    text = " + ".join(parts)
    if ws.size > SHOWN_TERMS:
        return Msg("trace.more_terms", shown=text, count=ws.size, before="", after="")
    return text


def _list(xs: np.ndarray) -> "Msg | str":
    xs = np.ravel(xs)
    text = ", ".join(num(x) for x in xs[:SHOWN_TERMS + 2])
    if xs.size > SHOWN_TERMS + 2:
        return Msg("trace.more_values", shown=text, count=xs.size, before="", after="")
    return text


_ACT_TEXT = {
    "identity": lambda z, p: num(z),
    "relu": lambda z, p: f"max(0, {num(z)})",
    "leaky_relu": lambda z, p: f"max({num(p['alpha'])}·{_par(z)}, {num(z)})",
    "sigmoid": lambda z, p: f"1 / (1 + e^{_par(-z)})",
    "tanh": lambda z, p: f"tanh({num(z)})",
    "negate": lambda z, p: f"−{_par(z)}",
    "exp": lambda z, p: f"e^{_par(z)}",
    "log": lambda z, p: f"ln {_par(z)}",
    "sqrt": lambda z, p: f"√{_par(z)}",
    "abs": lambda z, p: f"|{num(z)}|",
    "power": lambda z, p: f"{_par(z)}^{num(p['exponent'])}",
    "dropout": lambda z, p: Msg("trace.dropout", value=num(z), before="", after=""),
}
_BINARY = {"add": "+", "subtract": "−", "multiply": "·", "divide": "/"}


def formula(graph: Graph, values: dict[str, np.ndarray], node: str, index) -> "Msg | str":
    """The formula of entry ``index`` of ``node`` with the numbers it read, ending '= value'
    (a message where it has words, which the app renders in the user's language)."""
    index = tuple(int(i) for i in index)
    n = graph.nodes[node]
    name = f"{n.name}{ix(index)}"
    value = float(np.asarray(values[node])[index])
    if n.op in SOURCES:
        return Msg({"input": "trace.fed", "parameter": "trace.trainable",
                    "constant": "trace.constant"}[n.op], entry=name, value=num(value))
    srcs = graph.inputs_of(node)
    names = [graph.nodes[s].name for s in srcs]
    ins = [np.asarray(values[s]) for s in srcs]
    p, w = n.params, n.weights
    op = n.op
    if op in ("dense", "practice_dense"):
        x = ins[0][index[:-1]]
        u = index[-1]
        z = float(np.dot(w["W"][u], x) + (w["b"][u] if "b" in w else 0.0))
        bias = f" + b[{u}]" if "b" in w else ""
        products = _products(w['W'][u], x)
        text = (f"{name} = Σⱼ W[{u},j]·{names[0]}{ix(index[:-1])[:-1]},j]{bias} = {{products}}"
                + (f" + {_par(w['b'][u])}" if "b" in w else "") + f" = {num(z)}")
        if p["activation"] != "identity":
            text += f"; {p['activation']}({num(z)}) = {num(value)}"
        return _filled(text, products)
    if op == "conv2d":
        k, s, pad = p["kernel"], p["stride"], p["padding"]
        b_, o, i, j = index
        xp = np.pad(ins[0][b_], ((0, 0), (pad, pad), (pad, pad)))
        patch = xp[:, i * s:i * s + k, j * s:j * s + k]
        r0, c0 = i * s - pad, j * s - pad
        bias = f" + b[{o}]" if "b" in w else ""
        tail = f" + {_par(w['b'][o])}" if "b" in w else ""
        return Msg("trace.conv_padded" if pad else "trace.conv",
                   sum=f"{name} = Σ_c,a,b W[{o},c,a,b]·{names[0]}[{b_},c,{r0}+a,{c0}+b]{bias}",
                   k=k, rows=_rng(r0, r0 + k), columns=_rng(c0, c0 + k),
                   products=_products(w['W'][o], patch), rest=f"{tail} = {num(value)}")
    if op in ("max_pool2d", "avg_pool2d", "global_avg_pool", "sum", "mean", "softmax",
              "log_softmax"):
        one = np.zeros(np.shape(values[node]), bool)
        one[index] = True
        src_mask = sources_of(graph, values, node, one)[0][0]
        xs = ins[0][src_mask]
        where = _box_text(src_mask)
        if op == "max_pool2d":
            return _filled(f"{name} = max {names[0]}{where} = max({{products}}) = {num(value)}",
                           _list(xs))
        if op == "sum":
            return Msg("trace.summed", start=f"{name} = Σ {names[0]}{where}", values=_list(xs),
                       value=num(value))
        if op in ("avg_pool2d", "global_avg_pool", "mean"):
            return Msg("trace.mean", entry=name, source=f"{names[0]}{where}", values=_list(xs),
                       count=xs.size, value=num(value))
        z = float(ins[0][index])
        if op == "softmax":
            return Msg("trace.over", start=f"{name} = e^z / Σⱼ e^zⱼ", source=f"{names[0]}{where}",
                       rest=f"= e^{_par(z)} / {num(np.exp(xs).sum())} = {num(value)}")
        return Msg("trace.over", start=f"{name} = z − log Σⱼ e^zⱼ", source=f"{names[0]}{where}",
                   rest=f"= {num(z)} − {num(np.log(np.exp(xs).sum()))} = {num(value)}")
    if op in _ACT_TEXT:
        z = float(ins[0][index])
        return _filled(f"{name} = {op}({names[0]}{ix(index)}) = {{products}} = {num(value)}",
                       _ACT_TEXT[op](z, p))
    if op in _BINARY:
        terms = []
        for nm, x in zip(names, ins):
            sub = _source_index(index, np.shape(values[node]), x.shape)
            terms.append((f"{nm}{ix(sub)}", float(x[sub])))
        (na, va), (nb, vb) = terms
        sym = _BINARY[op]
        return f"{name} = {na} {sym} {nb} = {_par(va)} {sym} {_par(vb)} = {num(value)}"
    if op in ("reshape", "flatten", "transpose", "concat", "slice", "pad2d"):
        one = np.zeros(np.shape(values[node]), bool)
        one[index] = True
        masks = sources_of(graph, values, node, one)[0]
        for nm, m in zip(names, masks):
            hit = np.argwhere(m)
            if len(hit):
                return Msg("trace.moved", start=f"{name} = {nm}{ix(hit[0])}", value=num(value))
    count = _count_sources(graph, values, node, index)
    if not names:
        return Msg("trace.reads_nothing", start=f"{name} = {get_op(op).formula or op}",
                   count=count, value=num(value))
    return Msg("trace.reads", start=f"{name} = {get_op(op).formula or op}", count=count,
               sources=", ".join(names), value=num(value))


def _filled(text: str, part: "Msg | str") -> "Msg | str":
    """``text`` with its one ``{products}`` field filled by ``part``: when ``part`` is a
    message (with words to translate), the same message with ``text`` around it."""
    if isinstance(part, Msg):
        head, _, tail = text.partition("{products}")
        return Msg(part.id, **{**part.params, "before": head, "after": tail})
    return text.replace("{products}", part)


def _source_index(index: tuple, out_shape: tuple, in_shape: tuple) -> tuple:
    """The entry of a broadcast operand that output entry ``index`` read."""
    lead = len(out_shape) - len(in_shape)
    return tuple(0 if d == 1 else index[lead + a] for a, d in enumerate(in_shape))


def _box_text(mask: np.ndarray) -> str:
    """'[0,1,4:6,6:8]': the bounding box of a mask as slices (exact for window masks)."""
    hit = np.argwhere(mask)
    if not len(hit):
        return "[]"
    lo, hi = hit.min(axis=0), hit.max(axis=0) + 1
    return "[" + ",".join(_rng(int(a), int(b)) for a, b in zip(lo, hi)) + "]"


def _count_sources(graph: Graph, values, node: str, index: tuple) -> int:
    one = np.zeros(np.shape(values[node]), bool)
    one[index] = True
    masks, wm = sources_of(graph, values, node, one)
    return int(sum(int(m.sum()) for m in masks if m is not None) +
               sum(int(m.sum()) for m in wm.values()))
