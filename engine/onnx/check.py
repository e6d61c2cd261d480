"""Prove an export: run it in onnxruntime and compare every node's value with the engine's.

:func:`compare_with_onnxruntime` exports the graph with every node as an output, runs one
forward pass in both (float32, inference mode), and returns per node the largest difference
relative to the size of the values: max|engine − runtime| / max(1, max|engine|). An export is
proved when every figure is at most 1e-5. onnxruntime is optional: :func:`runtime_available`
says whether it can be imported.
"""
from __future__ import annotations

import importlib.util
from typing import Mapping

import numpy as np

from ..executor import Executor
from ..graph import Graph
from .export import export_model

TOLERANCE = 1e-5


def runtime_available() -> bool:
    return importlib.util.find_spec("onnxruntime") is not None


def node_differences(engine: Mapping[str, np.ndarray], runtime: Mapping[str, np.ndarray]) -> dict[str, float]:
    """name -> max|a − b| / max(1, max|a|) for every name in both; inf where shapes differ."""
    out = {}
    for name, a in engine.items():
        if name not in runtime:
            continue
        a = np.asarray(a, np.float64)
        b = np.asarray(runtime[name], np.float64)
        if a.size != b.size:
            out[name] = float("inf")
            continue
        b = b.reshape(a.shape)
        if a.size == 0:
            out[name] = 0.0
            continue
        bad = ~np.isfinite(a) | ~np.isfinite(b)
        if (np.isfinite(a) != np.isfinite(b)).any() or (a[bad] != b[bad]).any():
            out[name] = float("inf")
            continue
        d = np.abs(a[~bad] - b[~bad])
        out[name] = float(d.max() / max(1.0, float(np.abs(a[~bad]).max()))) if d.size else 0.0
    return out


def engine_values(graph: Graph, feeds: Mapping[str, np.ndarray]) -> dict[str, np.ndarray]:
    """name -> forward value of every node, float32, inference mode (on a copy of the graph,
    so the graph's own arrays keep their dtype)."""
    g = graph.copy()
    ex = Executor(g, dtype=np.float32)
    ex.reset(feeds, training=False)
    ex.run_forward()
    return {g.nodes[nid].name: v for nid, v in ex.values().items()}


def compare_with_onnxruntime(graph: Graph, feeds: Mapping[str, np.ndarray]) -> dict[str, float]:
    """node id -> relative difference between the engine and onnxruntime on ``feeds``
    (input name -> array). Input nodes are left out (they are the feeds)."""
    import onnxruntime as ort

    model = export_model(graph, all_nodes=True)
    opts = ort.SessionOptions()
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL
    opts.log_severity_level = 3
    sess = ort.InferenceSession(model.SerializeToString(), opts, providers=["CPUExecutionProvider"])
    ins = {}
    kinds = {i.name: i.type for i in sess.get_inputs()}
    for name, v in feeds.items():
        ins[name] = np.asarray(v, np.int64 if "int64" in kinds.get(name, "") else np.float32)
    names = [o.name for o in sess.get_outputs()]
    runtime = dict(zip(names, sess.run(names, ins)))
    diffs = node_differences(engine_values(graph, feeds), runtime)
    ids = {n.name: n.id for n in graph.nodes.values()}
    return {ids[k]: v for k, v in diffs.items()}
