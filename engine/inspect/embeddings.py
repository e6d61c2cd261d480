"""What the Embeddings panel projects: an embedding node's table (one point per word), any
node's values over the data (one point per example), or the raw data itself, with a label,
a class and, for images, a picture per point. Also the autoencoder's similarity search:
nearest images by latent distance beside nearest by pixel distance, and the reconstruction.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..data.precompute import node_values
from ..graph import Graph
from ..messages import Msg, MsgError
from ..ops.base import get_op
from ..training import Dataset
from .projection import as_points, neighbours

__all__ = ["Source", "Points", "sources", "points", "images_of", "Similar", "similar",
           "MAX_POINTS"]

MAX_POINTS = 2000


@dataclass(frozen=True)
class Source:
    """key 'table:<id>', 'values:<id>' or 'data:x'; label for a menu (a message)."""

    key: str
    label: Msg


@dataclass
class Points:
    """values (N, D) the points in their own space; labels (N,) text per point; classes (N,)
    int colour groups or None; class_names; images (N, H, W) or (N, H, W, 3) or None; what
    the points are (a message); space: the name of what gives their values (a node, or x)."""

    values: np.ndarray
    labels: list[str]
    classes: np.ndarray | None
    class_names: list[str]
    images: np.ndarray | None
    what: Msg
    space: str = ""


def sources(graph: Graph, dataset: Dataset | None) -> list[Source]:
    """Everything that can be projected: embedding tables first, then node values."""
    out = []
    for nid in graph.topo_order():
        n = graph.nodes[nid]
        if n.op == "embedding" and "E" in n.weights:
            out.append(Source(f"table:{nid}", Msg("embed.table", name=n.name,
                                                  rows=n.weights['E'].shape[0])))
    if dataset is None:
        return out
    for nid in graph.topo_order():
        n = graph.nodes[nid]
        shape = graph.shapes.get(nid)
        if get_op(n.op).is_feed or shape is None or not shape.out or graph.issues_for(nid):
            continue
        out.append(Source(f"values:{nid}", Msg("embed.values", name=n.name)))
    if "x" in dataset and dataset["x"].dtype.kind == "f":
        out.append(Source("data:x", Msg("embed.data")))
    return out


def images_of(dataset: Dataset, count: int) -> np.ndarray | None:
    """The first ``count`` rows of x as pictures (N, H, W) grey or (N, H, W, 3), or None."""
    if "x" not in dataset or dataset["x"].dtype.kind != "f":
        return None
    x = dataset["x"][:count]
    shape = dataset.meta.get("image_shape")
    if shape and int(np.prod(shape)) == int(np.prod(x.shape[1:])):
        x = x.reshape(len(x), *shape)
    if x.ndim != 4 or x.shape[1] not in (1, 3):
        return None
    return x[:, 0] if x.shape[1] == 1 else x.transpose(0, 2, 3, 1)


def _classes(dataset: Dataset, n: int) -> tuple[np.ndarray | None, list[str]]:
    if "y" not in dataset or dataset["y"].dtype.kind not in "iu" or dataset["y"].ndim != 1:
        return None, []
    y = dataset["y"][:n]
    names = list(dataset.meta.get("class_names") or [])
    k = int(y.max()) + 1 if len(y) else 0
    return y.astype(np.int64), names if len(names) >= k else [str(c) for c in range(k)]


def points(graph: Graph, dataset: Dataset | None, key: str, limit: int = MAX_POINTS,
           values: np.ndarray | None = None) -> Points:
    """The points of source ``key`` (see :func:`sources`). ``values`` skips recomputing them
    (a live update passes a fresh table or fresh activations)."""
    kind, _, ref = key.partition(":")
    if kind == "table":
        n = graph.nodes[ref]
        E = np.asarray(n.weights["E"] if values is None else values, np.float64)
        meta = dataset.meta if dataset is not None else {}
        vocab = meta.get("vocab")
        labels = list(vocab) if vocab and len(vocab) == len(E) else [f"id {i}" for i in range(len(E))]
        topic = meta.get("word_topic")
        if topic is None and isinstance(meta.get("topics"), dict) and vocab:   # word -> topic
            topic = [meta["topics"].get(w, "") for w in vocab]
        classes, names = None, []
        if topic and len(topic) == len(E):
            names = sorted({t or "(function word)" for t in topic})
            classes = np.array([names.index(t or "(function word)") for t in topic])
        return Points(E, labels, classes, names, None, Msg("embed.rows_of", name=n.name),
                      n.name)
    if dataset is None:
        raise MsgError(Msg("view.no_dataset"))
    m = min(limit, len(dataset))
    part = dataset.subset(np.arange(m))
    if kind == "values":
        v = node_values(graph, part, ref) if values is None else values
        what = Msg("embed.node_for", name=graph.nodes[ref].name, count=m)
        space = graph.nodes[ref].name
    elif kind == "data":
        v = part["x"]
        what = Msg("embed.node_for", name="x", count=m)
        space = "x"
    else:
        raise ValueError(f"unknown source {key!r}")
    classes, names = _classes(part, m)
    labels = [f"#{i}" + (f" ({names[c]})" if classes is not None else "")
              for i, c in zip(range(m), classes if classes is not None else range(m))]
    return Points(as_points(v), labels, classes, names, images_of(part, m), what, space)


@dataclass
class Similar:
    """For one query image: by_latent and by_pixels (k,) indices, their distances, and the
    reconstruction (H, W) or None."""

    query: int
    by_latent: np.ndarray
    latent_distance: np.ndarray
    by_pixels: np.ndarray
    pixel_distance: np.ndarray
    reconstruction: np.ndarray | None


def similar(latent: np.ndarray, pixels: np.ndarray, i: int, k: int = 6,
            graph: Graph | None = None, dataset: Dataset | None = None,
            reconstruction_node: str | None = None) -> Similar:
    """The ``k`` images nearest to image ``i`` by latent code and by raw pixels (euclidean),
    and the image rebuilt from it when a reconstruction node is given."""
    a = neighbours(latent, i, k)
    b = neighbours(pixels, i, k)
    rec = None
    if graph is not None and dataset is not None and reconstruction_node:
        r = node_values(graph, dataset.subset(np.array([i])), reconstruction_node)[0]
        pics = images_of(Dataset({"x": r[None].astype(np.float32)}, meta=dataset.meta), 1)
        rec = pics[0] if pics is not None else None
    return Similar(i, a.index, a.distance, b.index, b.distance, rec)
