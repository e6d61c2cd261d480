"""The small pieces every example builder uses: wire a node, a conv block, a classifier head,
describe the example, title the graph. Kept apart from :mod:`engine.examples` so the example modules it registers can import
them without importing it."""
from __future__ import annotations

import numpy as np

from .graph import Graph
from .training import Dataset

STEP = 1 / 16       # the resolution generated features are stored at


def quantized(ds: Dataset, step: float = STEP) -> Dataset:
    """``ds`` with its features ``x`` rounded to multiples of ``step`` (still float32): noise
    deflates badly, so the shipped files of examples on large generated images stay small."""
    x = (np.round(ds.arrays["x"] / step) * step).astype(np.float32)
    return Dataset({**ds.arrays, "x": x}, ds.name, ds.description, ds.meta)


def info(title: str, description: str, ideas: tuple[int, ...] = (), train: dict | None = None,
         **extra) -> dict:
    """The example's ``info``: title, description, the mission's idea numbers, training settings
    (keywords of :class:`engine.training.TrainConfig`) and anything else it states."""
    return {"title": title, "description": description, "ideas": list(ideas),
            "train": dict(train or {}), **extra}


def finish(g: Graph, info: dict) -> Graph:
    """Put the example's title and description into the graph's metadata."""
    g.meta.update({"title": info["title"], "description": info["description"]})
    return g


def op(g: Graph, op_name: str, inputs: list[str], name: str | None = None, **params) -> str:
    """Add node ``op_name`` with ``params`` and wire ``inputs`` to its ports in order."""
    nid = g.add_node(op_name, params, name=name)
    for port, src in enumerate(inputs):
        g.connect(src, nid, port)
    return nid


def conv_block(g: Graph, src: str, k: int, out_channels: int, pool: int) -> str:
    """``conv{k}`` 3x3 (``out_channels`` filters, pad 1) → ``relu{k}`` → ``pool{k}`` (max,
    ``pool`` x ``pool``) on ``src`` (N, C, H, W); returns the pool's id, (N, out, H/pool,
    W/pool)."""
    h = op(g, "conv2d", [src], f"conv{k}", out_channels=out_channels, kernel=3, padding=1)
    h = op(g, "relu", [h], f"relu{k}")
    return op(g, "max_pool2d", [h], f"pool{k}", kernel=pool)


def classifier(g: Graph, features: str, classes: int, name: str = "logits") -> str:
    """The head of a classification example: dense ``name`` (``classes`` logits, identity) on
    ``features`` (N, F), an int label input ``y`` (N,) and the cost ``J`` = softmax_ce of the
    two; returns J's id."""
    z = op(g, "dense", [features], name, units=classes, activation="identity")
    y = g.add_node("input", {"shape": (None,), "dtype": "int"}, name="y")
    return op(g, "softmax_ce", [z, y], "J")
