"""What the Data panel shows about a data set: its arrays, which array feeds which input node,
the class counts, the train/dev split sizes, a table preview, and a thumbnail sheet."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..graph import Graph
from ..messages import Msg
from ..ops.base import get_op
from ..training import Dataset
from .embeddings import images_of

__all__ = ["Feed", "feeds", "class_counts", "split_sizes", "preview", "montage", "arrays_text",
           "is_scatter", "SplitChoice", "Split", "split_of"]


@dataclass
class Feed:
    """An input node and the data array that feeds it (``array`` None when the data has none
    of its name); ``problem`` says what does not fit (a Msg), or is empty."""

    node: str
    array: str | None
    shape: tuple | None
    problem: Msg | str


def feeds(graph: Graph, dataset: Dataset | None) -> list[Feed]:
    """For every input node of ``graph`` (in plan order): the array of the same name."""
    out = []
    for nid in graph.topo_order():
        n = graph.nodes[nid]
        if not get_op(n.op).is_feed:
            continue
        if dataset is None or n.name not in dataset.arrays:
            have = ", ".join(dataset.arrays) if dataset is not None else Msg("data.feed_no_set")
            out.append(Feed(n.name, None, None, Msg("data.feed_missing", name=n.name, have=have)))
            continue
        a = dataset.arrays[n.name]
        declared = tuple(n.params["shape"])
        problem: Msg | str = ""
        if len(declared) != a.ndim or any(d is not None and d != s
                                          for d, s in zip(declared, a.shape)):
            problem = Msg("data.feed_shape", declared=declared, shape=a.shape)
        elif n.params["dtype"] == "int" and a.dtype.kind == "f":
            problem = Msg("data.feed_fractions")
        out.append(Feed(n.name, n.name, tuple(a.shape), problem))
    return out


def class_counts(dataset: Dataset) -> tuple[list[str], np.ndarray] | None:
    """(class names, examples per class) for class-id labels ``y`` (N,); None otherwise."""
    if "y" not in dataset:
        return None
    y = dataset["y"]
    if y.dtype.kind not in "iu" or y.ndim != 1 or len(y) == 0 or y.min() < 0:
        return None
    k = max(int(y.max()) + 1, int(dataset.meta.get("classes") or 0))
    if k > 200:        # word ids and the like: counts per class say little
        return None
    names = list(dataset.meta.get("class_names") or [])
    if len(names) < k:
        names = [str(c) for c in range(k)]
    return names[:k], np.bincount(y, minlength=k)


def split_sizes(n: int, train: float = 0.8) -> tuple[int, int]:
    """(train, dev) example counts of :func:`engine.training.split` at fraction ``train``
    (rounded to 4 places, as the Training dock passes it); a fraction of 1 keeps no dev set."""
    train = round(float(train), 4)
    if train >= 1.0:
        return n, 0
    n_train = int(round(train * n))
    return n_train, n - n_train


@dataclass(frozen=True)
class SplitChoice:
    """How the Training dock will split the data it trains on.

    train_fraction: the share kept for training (the rest is the dev set); dev_name: the
    example's own dev set used instead of a split (None when the dev set is split off);
    dev_size: that set's examples; data: "session" when training uses the session's data
    set, otherwise the name of the generated set it uses."""

    train_fraction: float = 0.8
    dev_name: str | None = None
    dev_size: int = 0
    data: str = "session"


@dataclass(frozen=True)
class Split:
    """Example counts of one split: train and dev, and what the dev set is."""

    train: int
    dev: int
    dev_name: str | None
    fraction: float
    session_data: bool


def split_of(n: int, choice: SplitChoice) -> Split:
    """The split the Training dock makes of ``n`` session examples under ``choice``."""
    if choice.dev_name is not None:
        return Split(n, choice.dev_size, choice.dev_name, 1.0, choice.data == "session")
    tr, dev = split_sizes(n, choice.train_fraction)
    return Split(tr, dev, None, round(float(choice.train_fraction), 4), choice.data == "session")


def arrays_text(dataset: Dataset) -> list[Msg]:
    """One line per array: name, shape, dtype, and the range of its values (messages)."""
    lines = []
    for k, a in dataset.arrays.items():
        if a.size and a.dtype.kind in "biuf":
            lines.append(Msg("data.array_range", name=k, shape=tuple(a.shape), dtype=str(a.dtype),
                             lo=a.min(), hi=a.max()))
        else:
            lines.append(Msg("data.array", name=k, shape=tuple(a.shape), dtype=str(a.dtype)))
    return lines


def preview(dataset: Dataset, rows: int = 50, columns: int = 12) -> tuple[list[str], list[list[str]]]:
    """(header, cells) for a table of the first rows: x's columns (at most ``columns``), then
    y with its class name."""
    n = min(rows, len(dataset))
    header, cols = [], []
    names = dataset.meta.get("feature_names") or []
    vocab = dataset.meta.get("vocab")
    if "x" in dataset:
        x = dataset["x"][:n].reshape(n, -1)
        if dataset["x"].ndim == 1 and vocab:
            header.append("x (word)")
            cols.append([f"{int(v)} {vocab[int(v)]}" for v in x[:, 0]])
        else:
            for j in range(min(columns, x.shape[1])):
                header.append(str(names[j]) if j < len(names) else f"x[{j}]")
                cols.append([f"{v:.4g}" for v in x[:, j]])
            if x.shape[1] > columns:
                header.append("…")
                cols.append([f"+{x.shape[1] - columns}"] * n)
    if "y" in dataset:
        y = dataset["y"][:n].reshape(n, -1)[:, 0]
        cls = dataset.meta.get("class_names") or vocab
        header.append("y")
        if dataset["y"].dtype.kind in "iu" and cls:
            cols.append([f"{int(v)} {cls[int(v)]}" if 0 <= v < len(cls) else str(v) for v in y])
        else:
            cols.append([f"{v:.4g}" for v in y])
    return header, [list(r) for r in zip(*cols)] if cols else []


def is_scatter(dataset: Dataset) -> bool:
    """Whether x is 2-D points that a scatter plot shows as they are."""
    return "x" in dataset and dataset["x"].ndim == 2 and dataset["x"].shape[1] == 2 and \
        dataset["x"].dtype.kind == "f"


def montage(dataset: Dataset, count: int = 48, columns: int = 12,
            pad: int = 1) -> np.ndarray | None:
    """The first ``count`` images of x on one sheet (H', W') or (H', W', 3), each scaled to
    [0, 1] together, separated by ``pad`` pixels of 0.5; None when x is not images."""
    pics = images_of(dataset, count)
    if pics is None or len(pics) == 0:
        return None
    n = len(pics)
    h, w = pics.shape[1:3]
    rows = -(-n // columns)
    cols = min(columns, n)
    extra = pics.shape[3:]
    sheet = np.full((rows * (h + pad) + pad, cols * (w + pad) + pad) + extra, 0.5, np.float32)
    lo, hi = float(pics.min()), float(pics.max())
    scaled = (pics - lo) / (hi - lo) if hi > lo else np.zeros_like(pics)
    for i in range(n):
        r, c = divmod(i, columns)
        y0, x0 = pad + r * (h + pad), pad + c * (w + pad)
        sheet[y0:y0 + h, x0:x0 + w] = scaled[i]
    return sheet
