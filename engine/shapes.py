"""Shape inference over the whole graph, in topological order.

Each node's output shape follows from its op's rule and its inputs' shapes. Errors are data,
not exceptions: a :class:`ShapeIssue` names the node, the port, what was expected and what was
found. A node downstream of an error (or of an unconnected port) gets no shape, and no issue of
its own, so the user sees the first cause only.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .messages import Msg, carried
from .ops.base import ParamError, ShapeError, WeightSpec, fmt_shape, get_op
from .weights import fmt_bytes, physical_bytes

if TYPE_CHECKING:  # pragma: no cover
    from .graph import Graph


MAX_NODE_ELEMENTS = physical_bytes() // 8
"""Most numbers one node may own (weights) or make up (a constant): as many float64 numbers as
this machine has memory. A typo such as 100000000 units would otherwise try to allocate the array
and fail, or stall the machine. Whether a whole run fits is checked when it starts, against the
memory available then (engine.weights.memory_problem)."""

_SIZE_LIMIT = f"at most {MAX_NODE_ELEMENTS:,} numbers"


def _node_elements(specs: tuple[WeightSpec, ...], out: tuple, is_constant: bool) -> int:
    """How many numbers a node owns (its weights) or makes up (a constant's output)."""
    if is_constant and all(d is not None for d in out):
        return math.prod(out)
    return sum(math.prod(s.shape) for s in specs)


def is_oversized(issue: "ShapeIssue") -> bool:
    """True for the issue of a node whose arrays are above :data:`MAX_NODE_ELEMENTS`."""
    return issue.expected == _SIZE_LIMIT


@dataclass(frozen=True)
class ShapeIssue:
    """A shape or wiring problem at one node (and one input port when it is about an edge)."""

    node: str           # node id
    name: str           # node name, for messages
    port: int | None    # input port, or None for the node as a whole
    message: str
    expected: str | None = None
    found: str | None = None
    msg: Msg | None = None   # the message as an id with parameters, for translation

    def __str__(self) -> str:
        return f"{self.name}: {self.message}"


@dataclass(frozen=True)
class NodeShape:
    """What inference found for one node."""

    out: tuple | None                  # output shape, None when unknown
    ins: tuple                         # input shapes by port (None where unknown)
    weights: tuple[WeightSpec, ...]    # arrays the node owns at these shapes
    formula: str | None                # conv/pool output-size formula with numbers
    param_count: int
    macs: int                          # multiply-adds per example


def infer(graph: "Graph") -> tuple[dict[str, NodeShape], list[ShapeIssue]]:
    """Infer every node's shape; return per-node results and the list of issues."""
    results: dict[str, NodeShape] = {}
    issues: list[ShapeIssue] = []
    for nid in graph.topo_order():
        node = graph.nodes[nid]
        op = get_op(node.op)
        srcs = graph.inputs_of(nid)
        ins = tuple(results[s].out if s is not None else None for s in srcs)
        missing = [p for p, s in enumerate(srcs) if s is None]
        out = None
        formula = None
        specs: tuple[WeightSpec, ...] = ()
        if missing:  # for a variadic op, a gap below its highest wired port counts too
            p = missing[0]
            msg = Msg("shape.not_connected", input=op.input_name(p), port=p)
            issues.append(ShapeIssue(nid, node.name, p, str(msg),
                                     expected="a connection", found="nothing", msg=msg))
        elif all(s is not None for s in ins):
            try:
                out = tuple(op.infer_shape(node.params, list(ins)))
                specs = tuple(op.weight_specs(node.params, list(ins)))
                formula = op.shape_formula(node.params, list(ins))
                n = _node_elements(specs, out, op.is_source and not op.is_feed)
                if n > MAX_NODE_ELEMENTS:
                    msg = Msg("shape.too_many_numbers", count=n, size=fmt_bytes(8 * n),
                              limit=fmt_bytes(8 * MAX_NODE_ELEMENTS))
                    issues.append(ShapeIssue(nid, node.name, None, str(msg), expected=_SIZE_LIMIT,
                                             found=f"{n:,} numbers", msg=msg))
                    out, specs = None, ()
            except ShapeError as e:
                issues.append(ShapeIssue(nid, node.name, e.port, e.message, e.expected, e.found,
                                         msg=e.msg))
                out = None
                try:
                    formula = op.shape_formula(node.params, list(ins))
                except (ShapeError, ParamError, ZeroDivisionError):
                    formula = None
            except ParamError as e:
                said = carried(e)
                issues.append(ShapeIssue(nid, node.name, None, str(e),
                                         msg=said if isinstance(said, Msg) else None))
        pcount = int(sum(int(np.prod(s.shape)) for s in specs if s.trainable))
        try:
            macs = int(op.macs(node.params, list(ins), out)) if out is not None else 0
        except (TypeError, ValueError, IndexError):
            macs = 0
        results[nid] = NodeShape(out, ins, specs, formula, pcount, macs)
    return results, issues


def describe(shape) -> str:
    return fmt_shape(shape)
