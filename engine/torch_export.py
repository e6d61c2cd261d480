"""Write a graph as a self-contained PyTorch script: an ``nn.Module`` whose ``forward`` follows
the graph node by node, its weights in an ``.npz`` beside it, and a training loop with the
graph's optimizer settings (the engine's update rules, written out, so a run there matches a run
here step for step).

PyTorch is not needed to write the script, only to run it. ``forward(**feeds)`` returns every
node's value by name; the cost is ``values[COST]``. Batch norm's running statistics follow the
engine (running = momentum · running + (1 − momentum) · batch, biased variance).
"""
from __future__ import annotations

import os
import re

import numpy as np

from .executor import Executor
from .graph import Graph, GraphError
from .messages import Msg
from .safe_io import atomic_write
from .torch_template import TEMPLATE
from .training import TrainConfig

_ACT = {"identity": "{z}", "relu": "F.relu({z})", "leaky_relu": "F.leaky_relu({z}, 0.01)",
        "sigmoid": "torch.sigmoid({z})", "tanh": "torch.tanh({z})"}


class TorchExportError(GraphError):
    """The graph cannot be written as PyTorch code; the message names the node."""


def _key(nid: str, array: str) -> str:
    return re.sub(r"\W", "_", f"{nid}_{array}")


def _expr(g: Graph, nid: str, x: list[str]) -> str:
    """The PyTorch expression of one node, given its inputs' expressions."""
    node = g.nodes[nid]
    op, p = node.op, node.params
    info = g.shapes[nid]
    w = {s.name: f"self.w[{_key(nid, s.name)!r}]" if s.trainable else f"self.buf_{_key(nid, s.name)}"
         for s in info.weights}
    simple = {"add": "{0} + {1}", "subtract": "{0} - {1}", "multiply": "{0} * {1}",
              "divide": "{0} / {1}", "matmul": "{0} @ {1}", "negate": "-{0}",
              "exp": "torch.exp({0})", "log": "torch.log({0})", "sqrt": "torch.sqrt({0})",
              "abs": "torch.abs({0})", "identity": "{0}", "relu": "F.relu({0})",
              "sigmoid": "torch.sigmoid({0})", "tanh": "torch.tanh({0})",
              "flatten": "{0}.flatten(1)"}
    if op in simple:
        return simple[op].format(*x)
    if op == "parameter":
        return w["value"]
    if op == "constant":
        return f"torch.full({tuple(p['shape'])!r}, {p['value']!r}, dtype=self.dtype)"
    if op == "power":
        return f"torch.pow({x[0]}, {p['exponent']!r})"
    if op in ("sum", "mean"):
        axes = tuple(p["axes"]) or tuple(range(len(info.ins[0])))
        return f"{x[0]}.{op}(dim={axes!r}, keepdim={p['keepdims']})" if axes else x[0]
    if op == "reshape":
        return f"_reshape({x[0]}, {tuple(p['shape'])!r})"
    if op == "transpose":
        perm = tuple(p["axes"]) or tuple(range(len(info.ins[0]) - 1, -1, -1))
        return f"{x[0]}.permute{perm!r}"
    if op == "concat":
        return f"torch.cat([{', '.join(x)}], dim={p['axis']})"
    if op == "slice":
        return f"_slice({x[0]}, {p['axis']}, {p['start']}, {p['stop']}, {p['step']})"
    if op == "add_n":
        return " + ".join(x)
    if op == "leaky_relu":
        return f"F.leaky_relu({x[0]}, {p['alpha']!r})"
    if op in ("softmax", "log_softmax"):
        return f"F.{op}({x[0]}, dim={p['axis']})"
    if op in ("dense", "practice_dense"):   # practice_dense: dense forward, own backward
        z = f"F.linear({x[0]}, {w['W']}, {w['b'] if p['bias'] else None})"
        return _ACT[p["activation"]].format(z=z)
    if op == "embedding":
        return f"F.embedding({x[0]}.long(), {w['E']})"
    if op == "dropout":
        return f"F.dropout({x[0]}, {p['rate']!r}, self.training)"
    if op == "batch_norm":
        return (f"_batch_norm({x[0]}, {w['gamma']}, {w['beta']}, {w['running_mean']}, "
                f"{w['running_var']}, self.training, {p['momentum']!r}, {p['eps']!r})")
    if op in ("conv2d", "group_conv2d"):
        return (f"F.conv2d({x[0]}, {w['W']}, {w['b'] if p['bias'] else None}, {p['stride']}, "
                f"{p['padding']}, 1, {p.get('groups', 1)})")
    if op == "max_pool2d":
        return f"F.max_pool2d({x[0]}, {p['kernel']}, {p['stride'] or p['kernel']}, {p['padding']})"
    if op == "avg_pool2d":
        return f"F.avg_pool2d({x[0]}, {p['kernel']}, {p['stride'] or p['kernel']}, {p['padding']})"
    if op == "avg_pool2d_valid":
        return f"_avg_valid({x[0]}, {p['kernel']}, {p['stride']}, {tuple(p['pads'])!r})"
    if op == "global_avg_pool":
        return f"{x[0]}.mean(dim={tuple(range(2, len(info.ins[0])))!r})"
    if op == "lrn":
        return f"_lrn({x[0]}, {p['size']}, {p['alpha']!r}, {p['beta']!r}, {p['bias']!r})"
    if op == "pad2d":
        t, l, b, r = p["pads"]
        fill = "float('-inf')" if p["fill"] == "lowest" else "0.0"
        return f"F.pad({x[0]}, ({l}, {r}, {t}, {b}), value={fill})"
    if op in ("mse", "bce_logits", "bce", "softmax_ce"):
        return f"_{op}({x[0]}, {x[1]}, {p['reduction']!r})"
    if op == "l2_penalty":
        return f"{0.5 * p['lam']!r} * sum((a * a).sum() for a in [{', '.join(x)}])"
    raise TorchExportError(Msg("torch.no_form", node=node.name, op=op))


def torch_source(graph: Graph, weights_file: str, config: TrainConfig | None = None) -> str:
    """The text of the script (the weights file name is relative to the script's folder)."""
    if graph.issues:
        issue = graph.issues[0]
        raise TorchExportError(Msg("onnx.export_issues",
                                   issue=Msg("named", name=issue.name, error=issue.msg or issue.message)))
    g = graph
    cfg = config or TrainConfig(**{k: v for k, v in g.meta.get("train", {}).items()
                                   if k in TrainConfig.__dataclass_fields__})
    target = Executor(g)._default_target() if g.nodes else None
    feeds = [g.nodes[n] for n in g.topo_order() if g.nodes[n].op == "input"]
    lines = []
    for nid in g.topo_order():
        node = g.nodes[nid]
        if node.op == "input":
            continue
        xs = [f"v[{g.nodes[s].name!r}]" for s in g.inputs_of(nid)]
        lines.append(f"        v[{node.name!r}] = {_expr(g, nid, xs)}")
    trainable, frozen, buffers = [], [], []
    for nid in g.topo_order():
        info = g.shapes[nid]
        for s in info.weights:
            key = _key(nid, s.name)
            (buffers if not s.trainable else frozen if g.nodes[nid].frozen else trainable).append(key)
    feed_lines = "\n".join(f"        v[{n.name!r}] = torch.as_tensor(feeds[{n.name!r}])"
                           + (".long()" if n.params["dtype"] == "int" else ".to(self.dtype)")
                           for n in feeds)
    shapes = {n.name: ([2 if d is None else d for d in n.params["shape"]], n.params["dtype"])
              for n in feeds}
    return (TEMPLATE.replace("@SHAPES@", repr(shapes)).replace("@TITLE@", str(g.meta.get("title") or "graph"))
            .replace("@WEIGHTS@", repr(weights_file))
            .replace("@COST@", repr(g.nodes[target].name) if target else "None")
            .replace("@INPUTS@", repr([n.name for n in feeds]))
            .replace("@TRAINABLE@", repr(trainable)).replace("@FROZEN@", repr(frozen))
            .replace("@BUFFERS@", repr(buffers))
            .replace("@FEEDS@", feed_lines or "        pass")
            .replace("@FORWARD@", "\n".join(lines) or "        pass")
            .replace("@CONFIG@", repr({"optimizer": cfg.optimizer, "lr": cfg.lr,
                                       "batch_size": cfg.batch_size, "epochs": cfg.epochs,
                                       "momentum": cfg.momentum, "beta1": cfg.beta1,
                                       "beta2": cfg.beta2, "rho": cfg.rho, "eps": cfg.eps,
                                       "seed": cfg.seed, "shuffle": cfg.shuffle})))


def export_torch(graph: Graph, path: str | os.PathLike, config: TrainConfig | None = None,
                 data: dict | None = None) -> tuple[str, str]:
    """Write ``path`` (.py) and its weights (``<stem>.npz``; with ``data``, also
    ``<stem>.data.npz`` for the training loop); return (script path, weights path)."""
    path = os.fspath(path)
    stem = os.path.splitext(path)[0]
    npz = stem + ".npz"
    source = torch_source(graph, os.path.basename(npz), config)
    arrays = {_key(nid, k): np.asarray(graph.nodes[nid].weights[k])
              for nid in graph.topo_order() for k in graph.nodes[nid].weights}
    atomic_write(npz, lambda f: np.savez(f, **arrays))
    if data:
        atomic_write(stem + ".data.npz", lambda f: np.savez(f, **{k: np.asarray(v) for k, v in data.items()}))
    atomic_write(path, lambda f: f.write(source.encode("utf-8")))
    return path, npz


__all__ = ["export_torch", "torch_source", "TorchExportError"]
