"""Read an ONNX file defensively: size limits, a clean message for a damaged file, external
data confined to the model's folder, and the nodes in an order that proves there is no cycle.

Nothing here runs code from the file. External tensor data is read only from regular files
inside the folder that holds the model (after resolving symbolic links), within the byte range
the tensor declares, and only when the range matches the tensor's size.
"""
from __future__ import annotations

import math
import os

import numpy as np
import onnx
from google.protobuf.message import DecodeError
from onnx import TensorProto, numpy_helper

from ..graph import GraphError
from ..messages import Msg

MAX_FILE_BYTES = 2 << 30          # protobuf's own limit for one message
MAX_NODES = 20000


class OnnxImportError(GraphError):
    """The file cannot be imported; the message names what is wrong and, where it helps, the fix."""


def read_model(path: str | os.PathLike) -> onnx.ModelProto:
    """Parse the model at ``path``; raise OnnxImportError for anything but a usable ONNX graph."""
    path = os.fspath(path)
    where = os.path.basename(path)
    try:
        size = os.stat(path).st_size
        if size > MAX_FILE_BYTES:
            raise OnnxImportError(Msg("onnx.too_large", where=where, mb=size >> 20,
                                      limit=MAX_FILE_BYTES >> 20))
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise OnnxImportError(Msg("onnx.cannot_read", where=where,
                                  reason=e.strerror or str(e))) from None
    try:
        model = onnx.load_model_from_string(data)
    except (DecodeError, ValueError, TypeError, RuntimeError, UnicodeDecodeError) as e:
        raise OnnxImportError(Msg("onnx.not_model", where=where,
                                  reason=str(e) or type(e).__name__)) from None
    if not model.HasField("graph") or (not model.graph.node and not model.graph.output):
        raise OnnxImportError(Msg("onnx.no_graph", where=where))
    if len(model.graph.node) > MAX_NODES:
        raise OnnxImportError(Msg("onnx.too_many_nodes", where=where,
                                  count=len(model.graph.node), limit=MAX_NODES))
    for t in model.graph.initializer:
        check_dims(t.name, t.dims)
    return model


def check_dims(name: str, dims) -> None:
    """Refuse negative or absurd tensor dimensions before anything is allocated."""
    dims = [int(d) for d in dims]
    if any(d < 0 for d in dims):
        raise OnnxImportError(Msg("onnx.negative_dims", name=name, dims=dims))
    if math.prod(dims) > (1 << 40) or any(d > (1 << 31) for d in dims):
        raise OnnxImportError(Msg("onnx.absurd_dims", name=name, dims=dims,
                                  count=math.prod(dims)))


def tensor_array(t: TensorProto, folder: str) -> np.ndarray:
    """The tensor's values, reading external data only from inside ``folder``."""
    check_dims(t.name, t.dims)
    if t.data_location != TensorProto.EXTERNAL:
        try:
            return numpy_helper.to_array(t)
        except (ValueError, TypeError, KeyError) as e:
            raise OnnxImportError(Msg("onnx.tensor_unreadable", name=t.name, reason=str(e))) from None
    info = {e.key: e.value for e in t.external_data}
    loc = info.get("location", "")
    if not loc or os.path.isabs(loc) or loc.startswith(("/", "\\")):
        raise OnnxImportError(Msg("onnx.external_absolute", name=t.name, location=loc))
    root = os.path.realpath(folder)
    target = os.path.realpath(os.path.join(root, loc))
    if os.path.commonpath([root, target]) != root or target == root:
        raise OnnxImportError(Msg("onnx.external_outside", name=t.name, location=loc))
    try:
        dtype = np.dtype(onnx.helper.tensor_dtype_to_np_dtype(t.data_type))
        offset, length = int(info.get("offset", 0)), info.get("length")
    except (ValueError, TypeError, KeyError):
        raise OnnxImportError(Msg("onnx.external_malformed", name=t.name)) from None
    need = math.prod(t.dims) * dtype.itemsize
    if length is not None and int(length) != need:
        raise OnnxImportError(Msg("onnx.external_length", name=t.name, length=length, need=need))
    try:
        if not os.path.isfile(target):
            raise OnnxImportError(Msg("onnx.external_missing", name=t.name, location=loc))
        if offset < 0 or offset + need > os.path.getsize(target):
            raise OnnxImportError(Msg("onnx.external_short", name=t.name, location=loc))
        with open(target, "rb") as f:
            f.seek(offset)
            raw = f.read(need)
    except OSError as e:
        raise OnnxImportError(Msg("onnx.external_unreadable", name=t.name, location=loc,
                                  reason=e.strerror)) from None
    return np.frombuffer(raw, dtype=dtype.newbyteorder("<")).reshape(tuple(t.dims)).copy()


def ordered_nodes(graph: onnx.GraphProto, known: set[str]) -> list:
    """The graph's nodes in an order where every input is made before it is used.

    ``known``: tensor names available from the start (graph inputs, initializers). Raises
    OnnxImportError naming the nodes on a cycle, or an input that nothing produces.
    """
    producer: dict[str, int] = {}
    for i, n in enumerate(graph.node):
        for o in n.output:
            if o:
                if o in producer or o in known:
                    raise OnnxImportError(Msg("onnx.produced_twice", tensor=o, node=_label(n)))
                producer[o] = i
    deps: list[set[int]] = []
    for n in graph.node:
        d = set()
        for x in n.input:
            if not x or x in known:
                continue
            if x not in producer:
                raise OnnxImportError(Msg("onnx.reads_nothing", node=_label(n), tensor=x))
            d.add(producer[x])
        deps.append(d)
    users: list[list[int]] = [[] for _ in graph.node]
    for i, d in enumerate(deps):
        for j in d:
            users[j].append(i)
    waiting = [len(d) for d in deps]
    ready = [i for i, w in enumerate(waiting) if w == 0]
    order: list[int] = []
    while ready:
        i = ready.pop()
        order.append(i)
        for u in users[i]:
            waiting[u] -= 1
            if waiting[u] == 0:
                ready.append(u)
    if len(order) < len(graph.node):
        stuck = [_label(graph.node[i]) for i, w in enumerate(waiting) if w > 0][:6]
        raise OnnxImportError(Msg("onnx.cycle", nodes=", ".join(stuck)))
    order.sort()  # the file's own order where it is valid (it usually is), else the sort above
    pos = {i: k for k, i in enumerate(order)}
    if all(pos[j] < pos[i] for i, d in enumerate(deps) for j in d):
        return [graph.node[i] for i in order]
    return _kahn_stable(graph, deps)


def _kahn_stable(graph, deps) -> list:
    """Topological order preferring the file's order (used when the file is out of order)."""
    import heapq
    users: list[list[int]] = [[] for _ in graph.node]
    for i, d in enumerate(deps):
        for j in d:
            users[j].append(i)
    waiting = [len(d) for d in deps]
    heap = [i for i, w in enumerate(waiting) if w == 0]
    heapq.heapify(heap)
    out = []
    while heap:
        i = heapq.heappop(heap)
        out.append(graph.node[i])
        for u in users[i]:
            waiting[u] -= 1
            if waiting[u] == 0:
                heapq.heappush(heap, u)
    return out


def _label(n) -> str:
    return f"{n.name or (n.output[0] if n.output else '?')} ({n.op_type})"
