"""Words for what a step did: hover text with formulas and numbers, fan-in sums, broadcast badges.

With scalar values the chain rule is written out with the numbers, the source nodes' names in
place of the op's port names: at ``J = k · v`` with k = 3 the backward text reads
``∂J/∂v = g · k = 1 · 3 = 3``. With arrays the text gives shapes and summaries instead.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

import numpy as np

from engine.executor import StepRecord
from engine.notation import DenseNotation, dense_notation
from engine.ops.base import get_op

from ..i18n import render, translate
from ..panels.build.op_texts import op_text
from ..shape_words import fmt_shape
from .value_render import fmt_number, summary

# forward: op -> template over port symbols a, b
_FORWARD = {"add": "{a} + {b}", "subtract": "{a} − {b}", "multiply": "{a} · {b}",
            "divide": "{a} / {b}", "negate": "−{a}", "matmul": "{a} · {b}"}
# backward: op -> per-port (symbolic, numeric) templates; g is the incoming gradient
_BACKWARD = {
    "add": (("g · 1", "{g} · 1"), ("g · 1", "{g} · 1")),
    "subtract": (("g · 1", "{g} · 1"), ("−g", "−{g}")),
    "multiply": (("g · {b}", "{g} · {vb}"), ("g · {a}", "{g} · {va}")),
    "divide": (("g / {b}", "{g} / {vb}"), ("−g · {a} / {b}²", "−{g} · {va} / {vb}²")),
    "negate": (("−g", "−{g}"),),
    "matmul": (("g · {b}", "{g} · {vb}"), ("g · {a}", "{g} · {va}")),
}


def _scalar(x) -> bool:
    return x is not None and np.size(x) == 1


def _num(x) -> str:
    return fmt_number(np.asarray(x).reshape(-1)[0])


def _name(graph, nid: str | None) -> str:
    if nid is None:
        return "?"
    node = graph.nodes.get(nid)
    return node.name if node is not None else nid


def deriv(cost: str, name: str, d: str = "d") -> str:
    """'dJ/dv', 'dJ/dW[1]' (a symbol of the course's notation); a longer name in
    parentheses: 'dJ/d(dense1)'."""
    short = len(name) <= 2 or re.fullmatch(r"[A-Za-z]\[\d+\]", name) is not None
    return f"{d}{cost}/{d}{name}" if short else f"{d}{cost}/{d}({name})"


def fan_in_text(rec: StepRecord) -> str:
    """Short node text for a gradient that is a sum: '3 + 6 = 9', or 'Σ of 2: …' for arrays."""
    parts = [g for _, _, g in rec.incoming]
    if all(_scalar(g) for g in parts):
        return " + ".join(_num(g) for g in parts) + f" = {_num(rec.value)}"
    return translate("StepText", "Σ of {count} gradients").format(count=len(parts))


def incoming_lines(graph, rec: StepRecord, cost: str = "J", symbol: str | None = None
                   ) -> list[str]:
    """One line per gradient arriving at the node, then their sum (the chain rule's fan-out).

    symbol: the node's output in the course's notation (a dense layer's 'a[1]'), used in
    place of its name in the derivative."""
    me = _name(graph, rec.node)
    dme = deriv(cost, symbol or me)
    if me == cost or (len(rec.incoming) == 1 and rec.incoming[0][0] == "seed"):
        return [translate("StepText", "{d} = 1 (the cost itself: backward starts here)").format(
            d=dme)]
    lines = []
    scalar = all(_scalar(g) for _, _, g in rec.incoming)
    for consumer, port, g in rec.incoming:
        who = _name(graph, consumer)
        val = _num(g) if scalar else _one_line(g)
        lines.append(translate("StepText", "  from {who} (port {port}): {value}").format(
            who=who, port=port, value=val))
    if len(rec.incoming) > 1:
        total = _num(rec.value) if scalar else _one_line(rec.value)
        head = translate("StepText", "{name} feeds {count} inputs, so {d} is the sum of the "
                         "gradients coming back:").format(name=me, count=len(rec.incoming), d=dme)
        sums = " + ".join(_num(g) for _, _, g in rec.incoming) if scalar else "Σ"
        return [head] + lines + [f"{dme} = {sums} = {total}"]
    if not rec.incoming:
        return [translate("StepText", "{d} = 0 (nothing downstream uses it)").format(d=dme)]
    who = _name(graph, rec.incoming[0][0])
    if scalar:
        return [translate("StepText", "{d} = {value}  (from {who})").format(
            d=dme, value=_num(rec.value), who=who)]
    return [translate("StepText", "{d} (from {who}):").format(d=dme, who=who), summary(rec.value)]


def forward_line(graph, fwd: StepRecord, values: dict) -> str:
    """'J = k · v = 3 · 11 = 33' for scalars; the op's formula with shapes otherwise.

    values: node id -> forward value (the node's inputs are looked up there).
    """
    node = graph.nodes[fwd.node]
    op = get_op(node.op)
    names = [_name(graph, s) for s in fwd.inputs]
    ins = [values.get(s) for s in fwd.inputs]
    scalar = _scalar(fwd.value) and all(_scalar(v) for v in ins)
    tmpl = _FORWARD.get(node.op)
    if scalar and tmpl and names:
        sym = tmpl.format(a=names[0], b=names[1] if len(names) > 1 else "")
        num = tmpl.format(a=_num(ins[0]), b=_num(ins[1]) if len(ins) > 1 else "")
        return f"{node.name} = {sym} = {num} = {_num(fwd.value)}"
    if scalar and not names:
        return f"{node.name} = {_num(fwd.value)}  ({op_text(op.formula)})"
    if scalar:
        given = ", ".join(f"{n} = {_num(v)}" for n, v in zip(names, ins))
        return translate("StepText", "{formula}  with {given}  → {name} = {value}").format(
            formula=op_text(op.formula), given=given, name=node.name, value=_num(fwd.value))
    shapes = ", ".join(f"{n}: {fmt_shape(np.shape(v))}" for n, v in zip(names, ins)
                       if v is not None)
    return op_text(op.formula) + (f"  ({shapes})" if shapes else "")


def backward_lines(graph, bwd: StepRecord, values: dict, cost: str = "J",
                   nota: DenseNotation | None = None) -> list[str]:
    """The gradient each input port receives, with the chain rule written out for scalars;
    a dense layer's own gradients are named in the course's symbols (∂J/∂W[1])."""
    node = graph.nodes[bwd.node]
    names = [_name(graph, s) for s in bwd.inputs]
    vals = [values.get(s) for s in bwd.inputs]
    g = bwd.value
    tmpl = _BACKWARD.get(node.op)
    lines = []
    for port, (src, sent) in enumerate(zip(bwd.inputs, bwd.input_grads)):
        if sent is None or src is None:
            continue
        who = names[port]
        scalar = _scalar(g) and _scalar(sent) and all(_scalar(v) for v in vals)
        if scalar and tmpl and port < len(tmpl):
            sym, num = tmpl[port]
            ctx = dict(a=names[0], b=names[1] if len(names) > 1 else "",
                       va=_num(vals[0]), vb=_num(vals[1]) if len(vals) > 1 else "", g=_num(g))
            lines.append(f"{deriv(cost, who, '∂')} = {sym.format(**ctx)} = {num.format(**ctx)} = {_num(sent)}")
        elif scalar:
            lines.append(f"{deriv(cost, who, '∂')} = {_num(sent)}")
        else:
            note = ""
            if port < len(bwd.broadcast) and bwd.broadcast[port]:
                note = translate("StepText", "  (summed back to {shape})").format(
                    shape=fmt_shape(np.shape(sent)))
            lines.append(f"{deriv(cost, who, '∂')}: {_one_line(sent)}{note}")
    for k, wg in bwd.weight_grads.items():
        name = nota.weight_name(k) if nota is not None else node.name + "." + k
        lines.append(f"{deriv(cost, name, '∂')}: {_one_line(wg)}")
    return lines


def cache_lines(graph, fwd: StepRecord, bwd: StepRecord | None) -> list[str]:
    """What the forward step cached for backward, one line per named array with what it
    holds; once the backward step has run, which of them it read."""
    cache = fwd.cache
    if not isinstance(cache, Mapping) or not cache:
        return []
    node = graph.nodes[fwd.node]
    op = get_op(node.op)
    nota = dense_notation(graph, fwd.node)
    used = tuple(bwd.cache_used) if bwd is not None else ()

    def sym(k: str) -> str:
        return nota.cache_name(k) if nota is not None else k

    lines = [translate("StepText", "Cached for backward:")]
    for k, v in cache.items():
        if np.ndim(v):
            shape = fmt_shape(np.shape(v))
        else:                                  # a flag or a number: its value
            x = np.ravel(v)[0]
            shape = str(bool(x)) if np.asarray(v).dtype == bool else fmt_number(x)
        mark = translate("StepText", "  ← read by backward") if k in used else ""
        note = op_text(op.cache_notes.get(k, ""))
        lines.append(f"  {sym(k)} ({shape}){mark}" + (f": {note}" if note else ""))
    if bwd is not None:
        lines.append(translate("StepText", "The backward step read {what}.").format(
            what=", ".join(sym(k) for k in used)) if used
            else translate("StepText", "The backward step read nothing from the cache."))
    return lines


def _one_line(a) -> str:
    return summary(a).replace("\n", " ")


def node_detail(graph, nid: str, fwd: StepRecord | None, bwd: StepRecord | None,
                values: dict | None = None, cost: str = "J") -> str:
    """Everything the hover shows for one node: what it computed and what it sent back.

    values: node id -> forward value, so scalar formulas can show the inputs' numbers;
    cost: the name of the cost node (the numerator of every derivative).
    """
    node = graph.nodes.get(nid)
    if node is None or fwd is None:
        return ""
    values = values or {}
    op = get_op(node.op)
    nota = dense_notation(graph, nid)
    title = translate("StepText", "{name} ({op}, layer {l})").format(
        name=node.name, op=node.op, l=nota.l) if nota is not None else f"{node.name} ({node.op})"
    lines = [f"{title}  {fmt_shape(np.shape(fwd.value))}", ""]
    forward = translate("StepText", "Forward: {formula}")
    if nota is not None:
        first = forward.format(formula=nota.forward)
        label = first[:len(first) - len(nota.forward)]
        indent = " " * sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in label)
        shapes = nota.weight_shape + ("   " + nota.bias_shape if nota.bias else "")
        lines += [first, indent + render(nota.activation_line),
                  translate("StepText", "Shapes: {shapes}  (examples in rows: a[l] is (m, n[l]))"
                            ).format(shapes=shapes)]
    else:
        lines.append(forward.format(formula=forward_line(graph, fwd, values)))
    if not _scalar(fwd.value):
        lines.append(summary(fwd.value))
    lines += cache_lines(graph, fwd, bwd)
    back_rule = nota.backward if nota is not None else op_text(op.grad_formula)
    if bwd is not None:
        lines += ["", translate("StepText", "Backward: {rule}").format(rule=back_rule)
                  if back_rule else translate("StepText", "Backward:")]
        lines += incoming_lines(graph, bwd, cost, f"a[{nota.l}]" if nota is not None else None)
        lines += backward_lines(graph, bwd, values, cost, nota)
    elif back_rule:
        lines += ["", translate("StepText", "Backward rule: {rule}").format(rule=back_rule)]
    return "\n".join(lines)


def reduced_axes(in_shape: tuple, out_shape: tuple) -> tuple[int, ...]:
    """The axes of ``out_shape`` summed away (or to 1) to get back to ``in_shape``."""
    extra = len(out_shape) - len(in_shape)
    axes = list(range(extra))
    axes += [extra + i for i, d in enumerate(in_shape) if d == 1 and out_shape[extra + i] != 1]
    return tuple(axes)


def broadcast_badge(graph, rec: StepRecord, port: int) -> tuple[str, str] | None:
    """(badge, tooltip) for a broadcast input: forward 'broadcast 3 → Nx3'; once the node's
    backward has run, 'Σ over axis 0: Nx3 → 3'."""
    info = graph.shapes.get(rec.node)
    src = rec.inputs[port]
    if info is None or src is None or port >= len(info.ins):
        return None
    d_in, d_out = info.ins[port], info.out
    if d_in is None or d_out is None:
        return None
    a_in = tuple(1 if d is None else d for d in d_in)
    a_out = tuple(1 if d is None else d for d in d_out)
    axes = reduced_axes(tuple(d_in), tuple(d_out)) or reduced_axes(a_in, a_out)
    if not axes:
        return None
    ax = ", ".join(map(str, axes))
    small, big = fmt_shape(d_in), fmt_shape(d_out)
    fwd = translate("StepText", "broadcast {small} → {big}").format(small=small, big=big)
    if len(axes) == 1:
        back = translate("StepText", "Σ over axis {axes}: {big} → {small}")
        tip = translate("StepText", "Forward: {who} ({small}) is repeated along axis {axes} to "
                        "match {big} at {node}.\nBackward: its gradient arrives as {big} and is "
                        "summed over axis {axes} back to {small}.")
    else:
        back = translate("StepText", "Σ over axes {axes}: {big} → {small}")
        tip = translate("StepText", "Forward: {who} ({small}) is repeated along axes {axes} to "
                        "match {big} at {node}.\nBackward: its gradient arrives as {big} and is "
                        "summed over axes {axes} back to {small}.")
    back = back.format(axes=ax, big=big, small=small)
    tip = tip.format(who=_name(graph, src), small=small, axes=ax, big=big,
                     node=_name(graph, rec.node))
    if rec.phase == "backward":
        return back, tip
    return fwd, tip


__all__ = ["node_detail", "fan_in_text", "broadcast_badge", "reduced_axes", "incoming_lines",
           "cache_lines"]
