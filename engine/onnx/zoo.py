"""Small generators of full-size architectures as ONNX models with placeholder weights.

The weights are ``ConstantOfShape`` nodes of constant shapes, as in the models that ship with
the onnx package, so a VGG-16 file is a few kilobytes and importing it allocates nothing.
:func:`with_random_weights` turns such placeholders into random initializers, to compare an
import against onnxruntime on values that are not all alike.
"""
from __future__ import annotations

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

VGG16 = (64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M")


def _placeholder(nodes: list, inits: list, name: str, shape: tuple, value: float) -> str:
    inits.append(numpy_helper.from_array(np.asarray(shape, np.int64), f"{name}__SHAPE"))
    nodes.append(helper.make_node("ConstantOfShape", [f"{name}__SHAPE"], [name],
                                  value=numpy_helper.from_array(np.asarray([value], np.float32))))
    return name


def vgg16(batch: int = 1, classes: int = 1000) -> onnx.ModelProto:
    """VGG-16 (configuration D): 13 convolutions 3x3, 5 max pools, 3 fully connected layers."""
    nodes: list = []
    inits: list = []
    x, c, block, idx = "data", 3, 1, 1
    for v in VGG16:
        if v == "M":
            nodes.append(helper.make_node("MaxPool", [x], [f"pool{block}"], kernel_shape=[2, 2],
                                          strides=[2, 2]))
            x, block, idx = f"pool{block}", block + 1, 1
            continue
        name = f"conv{block}_{idx}"
        w = _placeholder(nodes, inits, f"{name}_w", (v, c, 3, 3), 0.01)
        b = _placeholder(nodes, inits, f"{name}_b", (v,), 0.0)
        nodes.append(helper.make_node("Conv", [x, w, b], [name], kernel_shape=[3, 3],
                                      pads=[1, 1, 1, 1]))
        nodes.append(helper.make_node("Relu", [name], [f"{name}_relu"]))
        x, c, idx = f"{name}_relu", v, idx + 1
    nodes.append(helper.make_node("Flatten", [x], ["flat"], axis=1))
    x, n_in = "flat", 512 * 7 * 7
    for i, units in ((6, 4096), (7, 4096), (8, classes)):
        w = _placeholder(nodes, inits, f"fc{i}_w", (units, n_in), 0.001)
        b = _placeholder(nodes, inits, f"fc{i}_b", (units,), 0.0)
        nodes.append(helper.make_node("Gemm", [x, w, b], [f"fc{i}"], transB=1))
        x, n_in = f"fc{i}", units
        if i < 8:
            nodes.append(helper.make_node("Relu", [x], [f"fc{i}_relu"]))
            nodes.append(helper.make_node("Dropout", [f"fc{i}_relu"], [f"drop{i}"]))
            x = f"drop{i}"
    nodes.append(helper.make_node("Softmax", [x], ["prob"], axis=1))
    graph = helper.make_graph(
        nodes, "vgg16", [helper.make_tensor_value_info("data", TensorProto.FLOAT, [batch, 3, 224, 224])],
        [helper.make_tensor_value_info("prob", TensorProto.FLOAT, [batch, classes])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    return model


def with_random_weights(model: onnx.ModelProto, seed: int = 0, scale: float = 0.1,
                        max_elements: int | None = None) -> onnx.ModelProto:
    """A copy of ``model`` whose ConstantOfShape placeholders are random initializers (variance
    kept sensible: each is scaled by 1/sqrt(its fan-in)); batch-norm variances stay positive.
    Placeholders above ``max_elements`` numbers are left as they are."""
    rng = np.random.default_rng(seed)
    m = onnx.ModelProto()
    m.CopyFrom(model)
    g = m.graph
    shapes = {t.name: numpy_helper.to_array(t) for t in g.initializer}
    keep, added = [], []
    positive = {x for n in g.node if n.op_type == "BatchNormalization" for x in n.input[4:5]}
    for n in g.node:
        shape = tuple(int(d) for d in shapes[n.input[0]]) if n.input and n.input[0] in shapes else ()
        if n.op_type == "ConstantOfShape" and n.input[0] in shapes and \
                (max_elements is None or int(np.prod(shape)) <= max_elements):
            fan = int(np.prod(shape[1:])) if len(shape) > 1 else 1
            a = rng.standard_normal(shape, dtype=np.float32)
            a *= np.float32(scale if len(shape) <= 1 else 1.0 / np.sqrt(fan))
            if n.output[0] in positive:
                a = 0.5 + np.abs(a)
            added.append(numpy_helper.from_array(a.astype(np.float32), n.output[0]))
        else:
            keep.append(n)
    del g.node[:]
    g.node.extend(keep)
    g.initializer.extend(added)
    names = {t.name for t in g.initializer}
    inputs = [i for i in g.input if i.name not in names or i.name in shapes]
    del g.input[:]
    g.input.extend(inputs)
    return m
