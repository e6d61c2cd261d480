"""ONNX -> Graph. One pass over the nodes in dependency order:

1. a node whose inputs are all constants and which only makes or rearranges values is folded
   (fold.py), so weight-making subgraphs vanish into parameters;
2. any other node maps to one engine node (or two: an asymmetric or floor-rounded window gets a
   ``pad2d`` in front, so the engine's (n + 2p − f)/s + 1 holds exactly); its output shape is
   inferred right away with the engine's own rules;
3. an op or attribute the engine has no counterpart for is collected, and the import fails with
   one message listing every unsupported op type and the nodes using it.

The graph is only built at the end, in one batch, so a failed import leaves nothing behind.
"""
from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import onnx
from onnx import TensorProto

from ..graph import Graph, GraphError
from ..messages import Joined, Msg, carried
from ..ops.base import ParamError, ShapeError, get_op
from ..shapes import MAX_NODE_ELEMENTS
from ..weights import Pending, fmt_bytes, physical_bytes
from . import mapping
from .fold import Const, attr, fold, from_array
from .reader import OnnxImportError, check_dims, ordered_nodes, read_model, tensor_array

_BAD = re.compile(r"[^A-Za-z0-9_\-\[\]\.]")


class Unsupported(Exception):
    """An ONNX node the engine cannot represent; str() is the reason (op type and attribute)."""


def clean_name(raw: str | bytes) -> str:
    """An engine node name from an ONNX name: 'gpu_0/data_0' -> 'gpu_0_data_0'."""
    if isinstance(raw, bytes):   # a damaged file can hold names that are not UTF-8
        raw = raw.decode("utf-8", "replace")
    s = _BAD.sub("_", raw).strip("_") or "node"
    return s if re.match(r"[A-Za-z_]", s) else f"n_{s}"


@dataclass
class Spec:
    """One engine node to build: op, params, name, input keys, arrays and its output shape."""

    key: str
    op: str
    params: dict
    name: str
    inputs: list[str]
    weights: dict = field(default_factory=dict)
    shape: tuple = ()
    onnx: str = ""           # the ONNX node it came from, for messages


class Importer:
    """State of one import: the specs built so far, the constants, and the tensor table."""

    def __init__(self, model: onnx.ModelProto, folder: str,
                 progress: Callable[[int, int], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> None:
        self.model, self.folder = model, folder
        self.progress, self.cancelled = progress, cancelled
        self.opset = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), 9)
        self.specs: list[Spec] = []
        self.by_key: dict[str, Spec] = {}
        self.tensor: dict[str, str] = {}        # data tensor -> spec key
        self.const: dict[str, Const] = {}
        self.sources: dict[str, str] = {}       # constant tensor -> key of its source node
        self.names: set[str] = set()
        self.unsupported: dict[tuple, list[str]] = {}   # (op type, reason Msg or None) -> nodes
        self.users: dict[str, list] = {}         # tensor -> ONNX nodes reading it
        self.fused: set[str] = set()            # tensors already given by an earlier node
        self.stem: dict[str, str] = {}          # key -> the layer name its followers build on

    # -- building blocks -------------------------------------------------------------------------
    def unique(self, base: str) -> str:
        name = clean_name(base)
        if name not in self.names:
            self.names.add(name)
            return name
        i = 2
        while f"{name}_{i}" in self.names:
            i += 1
        self.names.add(f"{name}_{i}")
        return f"{name}_{i}"

    def emit(self, op: str, params: dict, inputs: list[str], name: str, weights: dict | None = None,
             where: str = "") -> str:
        """Add a spec, validating its parameters and inferring its shape; return its key."""
        o = get_op(op)
        try:
            full = o.validate_params(params)
            ins = [self.by_key[k].shape for k in inputs]
            shape = tuple(o.infer_shape(full, ins))
            specs = o.weight_specs(full, ins)
        except (ParamError, ShapeError) as e:
            raise OnnxImportError(Msg("onnx.node_error", node=where or name, error=carried(e))) from None
        weights = dict(weights or {})
        for s in specs:
            if s.name not in weights:
                continue
            got = tuple(weights[s.name].shape)
            if got != tuple(s.shape):
                raise OnnxImportError(Msg("onnx.weight_shape", node=where or name, weight=s.name,
                                          got=got, op=op, want=tuple(s.shape)))
        key = f"n{len(self.specs) + 1}"
        spec = Spec(key, op, full, self.unique(name), list(inputs), weights, shape, where)
        self.specs.append(spec)
        self.by_key[key] = spec
        src_stem = self.stem.get(inputs[0]) if inputs else None
        self.stem[key] = src_stem if src_stem and not specs and \
            spec.name.startswith(src_stem + "_") else spec.name
        return key

    def shape(self, key: str) -> tuple:
        return self.by_key[key].shape

    def data(self, tensor: str, hint: str = "") -> str:
        """The key of the node giving ``tensor``; a constant gets a source node of its own."""
        if tensor in self.tensor:
            return self.tensor[tensor]
        if tensor not in self.const:
            raise OnnxImportError(Msg("onnx.used_before", tensor=tensor))
        if tensor not in self.sources:
            c = self.const[tensor]
            if c.fill is not None and not c.learned:
                key = self.emit("constant", {"value": c.fill, "shape": list(c.shape)}, [],
                                hint or tensor, where=tensor)
            else:
                key = self.emit("parameter", {"shape": list(c.shape) or [1]}, [], hint or tensor,
                                {"value": weight(c) if c.shape else weight(c, (1,))}, where=tensor)
            self.sources[tensor] = key
        return self.sources[tensor]

    # -- the pass ----------------------------------------------------------------------------------
    def run(self) -> Graph:
        g = self.model.graph
        init_names = set()
        for t in g.initializer:
            self.const[t.name] = _initializer(t, self.folder)
            init_names.add(t.name)
        for vi in g.input:
            if vi.name in init_names:
                continue
            self.tensor[vi.name] = self._input(vi)
        nodes = ordered_nodes(g, set(self.tensor) | set(self.const))
        for n in nodes:
            for x in n.input:
                if x:
                    self.users.setdefault(x, []).append(n)
        for vi in g.output:
            self.users.setdefault(vi.name, []).append(None)
        broken: set[str] = set()
        for i, node in enumerate(nodes):
            if self.cancelled is not None and self.cancelled():
                raise OnnxImportError(Msg("onnx.cancelled"))
            if self.progress is not None and i % 25 == 0:
                self.progress(i, len(nodes))
            self._node(node, broken)
        if self.unsupported:
            lines = []
            for (op, why), ns in sorted(self.unsupported.items(),
                                        key=lambda kv: (kv[0][0], str(kv[0][1] or ""))):
                nodes = f"{', '.join(ns[:8])}{' …' if len(ns) > 8 else ''}"
                lines.append(Msg("onnx.unsupported_op", op=op, nodes=nodes) if why is None else
                             Msg("onnx.unsupported_why", op=op, reason=why, nodes=nodes))
            raise OnnxImportError(Msg("onnx.unsupported", ops=Joined(lines, "\n")))
        self._name_outputs()
        return self._build()

    def _node(self, node, broken: set[str]) -> None:
        label = node.name or (node.output[0] if node.output else node.op_type)
        if any(x in broken for x in node.input if x):
            broken.update(o for o in node.output if o)
            if node.op_type not in mapping.HANDLERS:
                self.unsupported.setdefault((node.op_type, None), []).append(label)
            return
        if node.domain not in ("", "ai.onnx"):
            self._unsupported(node.op_type, Msg("onnx.why.domain", domain=node.domain), label, node,
                              broken)
            return
        ins = [self.const.get(x) if x else None for x in node.input]
        if all(x in self.const for x in node.input if x) and node.input:
            try:
                folded = fold(node, ins, self.opset)
            except OnnxImportError:
                raise
            except (ValueError, TypeError, IndexError, KeyError, AttributeError, OverflowError) as e:
                raise OnnxImportError(Msg("onnx.cannot_fold", node=label, op=node.op_type,
                                          error=carried(e))) from None
            if folded is not None:
                self.const[node.output[0]] = folded
                return
        if node.op_type == "Constant":
            try:
                self.const[node.output[0]] = fold(node, [], self.opset)
            except (ValueError, TypeError, IndexError, KeyError, AttributeError) as e:
                raise OnnxImportError(Msg("onnx.constant_unreadable", node=label,
                                          error=carried(e))) from None
            return
        handler = mapping.HANDLERS.get(node.op_type)
        if handler is None:
            self._unsupported(node.op_type, None, label, node, broken)
            return
        try:
            key = handler(self, node, label)
        except Unsupported as e:
            self._unsupported(node.op_type, carried(e), label, node, broken)
            return
        except (IndexError, KeyError, TypeError, ValueError, AttributeError, OverflowError) as e:
            if isinstance(e, OnnxImportError):
                raise
            raise OnnxImportError(Msg("onnx.malformed", node=label, op=node.op_type,
                                      error=carried(e))) from None
        if key is not None:
            self.tensor[node.output[0]] = key

    def _unsupported(self, op: str, why, label: str, node, broken: set[str]) -> None:
        """Note ``node`` (``label``) as one ``op`` this app cannot take, for the reason ``why``
        (a Msg, or None when the op has no counterpart at all); what it feeds is skipped."""
        self.unsupported.setdefault((op, why), []).append(label)
        broken.update(o for o in node.output if o)

    def _input(self, vi) -> str:
        tt = vi.type.tensor_type
        kind = "int" if tt.elem_type in (TensorProto.INT64, TensorProto.INT32) else "float"
        dims = []
        for d in tt.shape.dim:
            if d.HasField("dim_value") and d.dim_value > 0:
                dims.append(int(d.dim_value))
            else:
                dims.append(None)
        check_dims(vi.name, [d or 1 for d in dims])
        per_example = math.prod(d or 1 for d in dims[1:])
        if per_example * 4 > physical_bytes():
            raise OnnxImportError(Msg("onnx.input_absurd", name=vi.name, dims=dims,
                                      size=fmt_bytes(per_example * 4)))
        return self.emit("input", {"shape": dims or [None], "dtype": kind}, [], vi.name, where=vi.name)

    def _name_outputs(self) -> None:
        """The node producing each ONNX output is named after that output."""
        used: set[str] = set()
        for vi in self.model.graph.output:
            key = self.tensor.get(vi.name)
            if key is None:
                if vi.name in self.const:
                    key = self.data(vi.name)
                else:
                    raise OnnxImportError(Msg("onnx.output_missing", name=vi.name))
            spec = self.by_key[key]
            want = clean_name(vi.name)
            if key in used or spec.op == "input":
                key = self.emit("identity", {}, [key], want + "_out", where=vi.name)
                spec = self.by_key[key]
            used.add(key)
            if spec.name != want:
                if want in self.names:   # taken by another node: give that one a new name
                    for other in self.specs:
                        if other.name == want:
                            other.name = self.unique(want + "_")
                self.names.discard(spec.name)
                spec.name = want
                self.names.add(want)

    def _build(self) -> Graph:
        g = Graph()
        with g.batch():
            for s in self.specs:
                try:
                    g.add_node(s.op, s.params, name=s.name, nid=s.key)
                except GraphError as e:
                    raise OnnxImportError(Msg("onnx.node_error", node=s.onnx or s.name,
                                              error=carried(e))) from None
                for port, src in enumerate(s.inputs):
                    g._g.add_edge(src, s.key, key=port)
                for k, v in s.weights.items():
                    g.nodes[s.key].weights[k] = v
        if g.issues:
            first = g.issues[:3]
            raise OnnxImportError(Msg("onnx.shape_problems",
                                      issues=Joined([Msg("named", name=i.name, error=i.msg or i.message)
                                                     for i in first], "; ")))
        for nid, info in g.shapes.items():
            n = math.prod(d or 1 for d in (info.out or ()))
            if n > MAX_NODE_ELEMENTS // 2:
                raise OnnxImportError(Msg("onnx.output_absurd", node=g.nodes[nid].name, count=n))
        return g


def weight(c: Const, shape: tuple | None = None) -> np.ndarray | Pending:
    """A Const as a node's array: float32, lazily made where it is large or a fill."""
    if shape is not None and tuple(shape) != c.shape:
        arr = c.array().reshape(shape)
        return arr.astype(np.float32, copy=False)
    if isinstance(c.value, Pending):
        p = c.value
        if p.dtype == np.float32:
            return p
        return Pending(p.shape, np.dtype(np.float32), lambda: p.make().astype(np.float32), p.fill)
    return c.value.astype(np.float32, copy=False)


def _initializer(t, folder: str) -> Const:
    """An initializer as a learned constant; big float tensors stay unread until needed."""
    check_dims(t.name, t.dims)
    n = math.prod(t.dims)
    if n > (1 << 16) and t.data_type == TensorProto.FLOAT:
        shape = tuple(int(d) for d in t.dims)
        return Const(shape, np.dtype(np.float32),
                     Pending(shape, np.dtype(np.float32), lambda: tensor_array(t, folder)), True)
    return from_array(tensor_array(t, folder), learned=True)


def import_onnx(path: str | os.PathLike, *, progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None, arrange: bool = True) -> Graph:
    """Import the ONNX model at ``path`` as a new Graph, laid out and with its repeated blocks
    grouped (unless ``arrange`` is False). Raise OnnxImportError; nothing is half-imported."""
    path = os.fspath(path)
    model = read_model(path)
    try:
        g = Importer(model, os.path.dirname(os.path.abspath(path)), progress, cancelled).run()
    except OnnxImportError:
        raise
    except RecursionError:
        raise OnnxImportError(Msg("onnx.too_deep")) from None
    except (TypeError, KeyError, IndexError, AttributeError, ValueError, OverflowError,
            UnicodeError) as e:   # a damaged file that still parsed as protobuf
        raise OnnxImportError(Msg("onnx.damaged", where=os.path.basename(path),
                                  kind=type(e).__name__, error=str(e))) from None
    g.meta["title"] = os.path.splitext(os.path.basename(path))[0]
    g.meta["source"] = "onnx"
    if arrange:
        from .blocks import arrange as arrange_graph
        arrange_graph(g)
    if progress is not None:
        progress(len(model.graph.node), len(model.graph.node))
    return g
