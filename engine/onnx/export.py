"""Write a graph as an ONNX model (IR 8, opset 17: both run on current onnxruntime).

Every engine node becomes one or a few ONNX nodes whose last output carries the engine node's
name, so a value can be compared node by node. Graph inputs are the input nodes, graph outputs
the sink nodes (or, with ``all_nodes``, every node but the inputs). Weights become initializers
named ``<node>/<array>`` in float32. Dropout and batch norm are written in inference mode; losses
are written as their forward math (docs/onnx.md lists each formula).
"""
from __future__ import annotations

import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from ..graph import Graph, GraphError
from ..messages import Msg, carried
from ..safe_io import atomic_write

IR_VERSION = 8
OPSET = 17
INT64_MAX = np.iinfo(np.int64).max

_ELEMENTWISE = {"negate": "Neg", "exp": "Exp", "log": "Log", "sqrt": "Sqrt", "abs": "Abs",
                "add": "Add", "subtract": "Sub", "multiply": "Mul", "divide": "Div",
                "matmul": "MatMul", "identity": "Identity", "relu": "Relu", "sigmoid": "Sigmoid",
                "tanh": "Tanh", "add_n": "Sum"}
_ACTIVATION = {"relu": "Relu", "sigmoid": "Sigmoid", "tanh": "Tanh"}


class OnnxExportError(GraphError):
    """The graph cannot be written as ONNX; the message names the node and why."""


def _dims(shape) -> list:
    return ["N" if d is None else int(d) for d in shape]


class _Writer:
    """Collects ONNX nodes and initializers while walking the graph in topological order."""

    def __init__(self, graph: Graph) -> None:
        self.g = graph
        self.nodes: list = []
        self.inits: list = []
        self.name: dict[str, str] = {}   # engine node id -> ONNX tensor name of its output
        self.kind: dict[str, str] = {}   # engine node id -> "float" or "int"

    def init(self, name: str, array, dtype=np.float32) -> str:
        self.inits.append(numpy_helper.from_array(np.asarray(array, dtype=dtype), name))
        return name

    def ints(self, name: str, values) -> str:
        return self.init(name, np.asarray(values, dtype=np.int64).reshape(-1), np.int64)

    def node(self, op: str, inputs: list, output: str, **attrs) -> str:
        self.nodes.append(helper.make_node(op, inputs, [output], name=output, **attrs))
        return output

    def floats(self, nid: str, x: str) -> str:
        """x as float32 (a Cast when the source is an int input)."""
        return x if self.kind.get(nid) != "int" else self.node("Cast", [x], f"{x}/float",
                                                                 to=TensorProto.FLOAT)


def export_model(graph: Graph, *, all_nodes: bool = False) -> onnx.ModelProto:
    """The ONNX model of ``graph``; raise OnnxExportError when it cannot be written."""
    if not graph.nodes:
        raise OnnxExportError(Msg("onnx.export_empty"))
    if graph.issues:
        raise OnnxExportError(Msg("onnx.export_issues", issue=Msg(
            "named", name=graph.issues[0].name, error=graph.issues[0].msg or graph.issues[0].message)))
    w = _Writer(graph)
    inputs, outputs = [], []
    for nid in graph.topo_order():
        node = graph.nodes[nid]
        info = graph.shapes[nid]
        srcs = graph.inputs_of(nid)
        if node.op == "input":
            int_feed = node.params["dtype"] == "int"
            inputs.append(helper.make_tensor_value_info(
                node.name, TensorProto.INT64 if int_feed else TensorProto.FLOAT,
                _dims(info.out)))
            w.name[nid], w.kind[nid] = node.name, "int" if int_feed else "float"
            continue
        xs = [w.name[s] for s in srcs]
        try:
            _emit(w, node, srcs, xs, info)
        except (KeyError, ValueError, TypeError) as e:
            raise OnnxExportError(Msg("onnx.export_node", node=node.name, op=node.op,
                                      error=carried(e))) from None
        w.name[nid], w.kind[nid] = node.name, "float"
        if all_nodes or not graph.consumers(nid):
            outputs.append(helper.make_tensor_value_info(node.name, TensorProto.FLOAT,
                                                         _dims(info.out)))
    title = str(graph.meta.get("title") or "graph")
    model = helper.make_model(helper.make_graph(w.nodes, title, inputs, outputs, w.inits),
                              opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="graphviz-app")
    model.ir_version = IR_VERSION
    return model


def export_onnx(graph: Graph, path: str | os.PathLike, *, all_nodes: bool = False) -> str:
    """Write ``graph`` to ``path`` (atomically) and check it with onnx's full checker."""
    model = export_model(graph, all_nodes=all_nodes)
    try:
        onnx.checker.check_model(model, full_check=True)
    except (onnx.checker.ValidationError, onnx.shape_inference.InferenceError) as e:
        raise OnnxExportError(Msg("onnx.export_checker", error=str(e))) from None
    data = model.SerializeToString()
    path = os.fspath(path)
    atomic_write(path, lambda f: f.write(data))
    return path


def _emit(w: _Writer, node, srcs: list, xs: list, info) -> None:
    """Append the ONNX nodes of one engine node; its last output is named ``node.name``."""
    op, p, out = node.op, node.params, node.name
    W = node.weights
    if op in ("parameter",):
        w.node("Identity", [w.init(f"{out}/value", W["value"])], out)
    elif op == "constant":
        value = np.full(tuple(p["shape"]), p["value"], dtype=np.float32)
        w.node("Constant", [], out, value=numpy_helper.from_array(value, f"{out}/value"))
    elif op in _ELEMENTWISE:
        w.node(_ELEMENTWISE[op], [w.floats(s, x) for s, x in zip(srcs, xs)], out)
    elif op == "power":
        w.node("Pow", [xs[0], w.init(f"{out}/exponent", p["exponent"])], out)
    elif op in ("sum", "mean"):
        keep = int(p["keepdims"])
        if op == "sum":
            args = [xs[0]] + ([w.ints(f"{out}/axes", p["axes"])] if p["axes"] else [])
            w.node("ReduceSum", args, out, keepdims=keep)
        elif p["axes"]:
            w.node("ReduceMean", [xs[0]], out, axes=list(p["axes"]), keepdims=keep)
        else:
            w.node("ReduceMean", [xs[0]], out, keepdims=keep)
    elif op == "reshape":
        w.node("Reshape", [xs[0], w.ints(f"{out}/shape", p["shape"])], out)
    elif op == "transpose":
        perm = list(p["axes"]) or list(range(len(info.ins[0]) - 1, -1, -1))
        w.node("Transpose", [xs[0]], out, perm=[a % len(perm) for a in perm])
    elif op == "flatten":
        w.node("Flatten", [xs[0]], out, axis=1)
    elif op == "concat":
        w.node("Concat", xs, out, axis=p["axis"])
    elif op == "slice":
        w.node("Slice", [xs[0], w.ints(f"{out}/starts", [p["start"]]),
                         w.ints(f"{out}/ends", [p["stop"] or INT64_MAX]),
                         w.ints(f"{out}/axes", [p["axis"]]), w.ints(f"{out}/steps", [p["step"]])],
               out)
    elif op == "leaky_relu":
        w.node("LeakyRelu", [xs[0]], out, alpha=p["alpha"])
    elif op in ("softmax", "log_softmax"):
        w.node("Softmax" if op == "softmax" else "LogSoftmax", [xs[0]], out, axis=p["axis"])
    elif op in ("dense", "practice_dense"):   # practice_dense: dense forward, own backward
        _dense(w, node, xs[0], info)
    elif op == "embedding":
        ids = xs[0] if w.kind.get(srcs[0]) == "int" else \
            w.node("Cast", [xs[0]], f"{out}/ids", to=TensorProto.INT64)
        w.node("Gather", [w.init(f"{out}/E", W["E"]), ids], out, axis=0)
    elif op == "dropout":
        w.node("Dropout", [xs[0], w.init(f"{out}/ratio", p["rate"])], out)
    elif op == "batch_norm":
        names = [w.init(f"{out}/{k}", W[k]) for k in ("gamma", "beta", "running_mean", "running_var")]
        w.node("BatchNormalization", [xs[0]] + names, out, epsilon=p["eps"],
               momentum=p["momentum"])
    elif op in ("conv2d", "group_conv2d"):
        k, pad = p["kernel"], p["padding"]
        args = [xs[0], w.init(f"{out}/W", W["W"])]
        if p["bias"]:
            args.append(w.init(f"{out}/b", W["b"]))
        w.node("Conv", args, out, kernel_shape=[k, k], strides=[p["stride"]] * 2,
               pads=[pad] * 4, group=p.get("groups", 1))
    elif op in ("max_pool2d", "avg_pool2d", "avg_pool2d_valid"):
        k = p["kernel"]
        if op == "avg_pool2d_valid":
            t, l, b, r = p["pads"]
            pads = [t, l, b, r]
        else:
            pads = [p["padding"]] * 4
        attrs = dict(kernel_shape=[k, k], strides=[p["stride"] or k] * 2, pads=pads)
        if op == "max_pool2d":
            w.node("MaxPool", [xs[0]], out, **attrs)
        else:
            w.node("AveragePool", [xs[0]], out, count_include_pad=int(op == "avg_pool2d"), **attrs)
    elif op == "global_avg_pool":
        pooled = w.node("GlobalAveragePool", [xs[0]], f"{out}/pooled")
        w.node("Flatten", [pooled], out, axis=1)
    elif op == "lrn":
        w.node("LRN", [xs[0]], out, size=p["size"], alpha=p["alpha"], beta=p["beta"],
               bias=p["bias"])
    elif op == "pad2d":
        t, l, b, r = p["pads"]
        fill = -np.inf if p["fill"] == "lowest" else 0.0
        w.node("Pad", [xs[0], w.ints(f"{out}/pads", [0, 0, t, l, 0, 0, b, r]),
                       w.init(f"{out}/fill", fill)], out, mode="constant")
    else:
        from .losses import emit_loss   # losses: forward math, one small module
        emit_loss(w, node, srcs, xs, info)


def _dense(w: _Writer, node, x: str, info) -> None:
    """Gemm for (N, in) inputs, MatMul + Add for more axes; then the activation."""
    p, out, W = node.params, node.name, node.weights
    act = p["activation"]
    z = out if act == "identity" else f"{out}/z"
    if len(info.ins[0]) == 2:
        args = [x, w.init(f"{out}/W", W["W"])] + ([w.init(f"{out}/b", W["b"])] if p["bias"] else [])
        w.node("Gemm", args, z, transB=1)
    else:
        wt = w.init(f"{out}/Wt", np.asarray(W["W"]).T)
        if p["bias"]:
            w.node("Add", [w.node("MatMul", [x, wt], f"{out}/xW"), w.init(f"{out}/b", W["b"])], z)
        else:
            w.node("MatMul", [x, wt], z)
    if act == "leaky_relu":
        w.node("LeakyRelu", [z], out, alpha=0.01)
    elif act != "identity":
        w.node(_ACTIVATION[act], [z], out)
