"""A node's arrays, allocated only when something reads them, and the memory a run needs.

Shapes and parameter counts come from shape inference alone, so a graph the size of VGG-16
(138 million weights) can be opened, inspected and edited without a single array in memory.
:class:`Weights` is a mapping ``name -> np.ndarray`` that may hold *pending* arrays: a recipe
(a seeded initializer, a constant fill, or a loader such as an ONNX tensor) plus the shape and
dtype it will have. Reading an entry (``weights["W"]``, ``items()``, ``values()``) makes the array
and keeps it; asking about it (``shape_of``, ``is_allocated``, ``nbytes``) never does.

Each pending initializer carries its own seed, so what it becomes does not depend on the order
in which arrays are first read.

:func:`run_bytes` estimates what a forward (and backward) pass keeps in memory: every array in
the run's dtype, plus each node's output, cached intermediate and gradient for the batch.
:func:`memory_problem` compares that with the memory available now and names the node that
needs the most.
"""
from __future__ import annotations

import math
import os
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator

import numpy as np

from .messages import Msg
from .ops.base import WeightSpec, initialize

if TYPE_CHECKING:  # pragma: no cover
    from .graph import Graph


@dataclass(frozen=True)
class Pending:
    """An array not made yet: ``make()`` returns it with exactly ``shape`` and ``dtype``."""

    shape: tuple
    dtype: np.dtype
    make: Callable[[], np.ndarray]
    fill: float | None = None      # set when every element is this one number

    @property
    def nbytes(self) -> int:
        return math.prod(self.shape) * np.dtype(self.dtype).itemsize


def pending_init(spec: WeightSpec, seed: int, dtype=np.float64) -> Pending:
    """A pending array drawn by ``spec``'s initializer from its own generator ``seed``."""
    def make() -> np.ndarray:
        return initialize(spec, np.random.default_rng(seed), dtype=dtype)
    fill = {"zeros": 0.0, "ones": 1.0}.get(spec.init)
    return Pending(tuple(spec.shape), np.dtype(dtype), make, fill)


def pending_fill(shape: tuple, value: float, dtype=np.float32) -> Pending:
    """A pending array of ``shape`` with every element ``value`` (ONNX ConstantOfShape)."""
    shape, dtype = tuple(int(d) for d in shape), np.dtype(dtype)
    return Pending(shape, dtype, lambda: np.full(shape, value, dtype=dtype), float(value))


class Weights(MutableMapping):
    """name -> array, where an entry may be :class:`Pending` until it is first read."""

    __slots__ = ("_items",)

    def __init__(self, arrays: dict | None = None) -> None:
        self._items: dict[str, Any] = {}
        for k, v in (arrays or {}).items():
            self[k] = v

    # -- the mapping -----------------------------------------------------------------------------
    def __getitem__(self, key: str) -> np.ndarray:
        v = self._items[key]
        if isinstance(v, Pending):
            a = v.make()
            if a.shape != v.shape:   # a loader that disagrees with the declared shape
                raise ValueError(f"array {key!r} was declared {v.shape} but came out {a.shape}")
            self._items[key] = v = a
        return v

    def __setitem__(self, key: str, value: Any) -> None:
        self._items[key] = value if isinstance(value, Pending) else np.asarray(value)

    def __delitem__(self, key: str) -> None:
        del self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __repr__(self) -> str:
        parts = [f"{k}: {'pending ' if isinstance(v, Pending) else ''}{v.shape}"
                 for k, v in self._items.items()]
        return "Weights({" + ", ".join(parts) + "})"

    # -- questions that never allocate ---------------------------------------------------------
    def shape_of(self, key: str) -> tuple:
        return tuple(self._items[key].shape)

    def dtype_of(self, key: str) -> np.dtype:
        return np.dtype(self._items[key].dtype)

    def is_allocated(self, key: str) -> bool:
        return not isinstance(self._items[key], Pending)

    def pending(self, key: str) -> Pending | None:
        v = self._items[key]
        return v if isinstance(v, Pending) else None

    def allocated_bytes(self) -> int:
        """Bytes held by arrays already made."""
        return sum(v.nbytes for v in self._items.values() if not isinstance(v, Pending))

    def copy(self) -> "Weights":
        """Independent copies of the made arrays; pending ones stay pending (recipes are pure)."""
        out = Weights()
        out._items = {k: v if isinstance(v, Pending) else v.copy() for k, v in self._items.items()}
        return out

    def convert(self, dtype) -> None:
        """Every array in ``dtype`` (float arrays only); pending ones stay pending."""
        dtype = np.dtype(dtype)
        for k, v in self._items.items():
            if v.dtype == dtype or np.dtype(v.dtype).kind != "f":
                continue
            if isinstance(v, Pending):
                self._items[k] = Pending(v.shape, dtype, _cast(v.make, dtype), v.fill)
            else:
                self._items[k] = v.astype(dtype)

    def raw(self, key: str) -> Any:
        """The stored entry, array or :class:`Pending`, without making it."""
        return self._items[key]


def _cast(make: Callable[[], np.ndarray], dtype: np.dtype) -> Callable[[], np.ndarray]:
    return lambda: make().astype(dtype, copy=False)


# -- memory --------------------------------------------------------------------------------------


def available_bytes() -> int:
    """Memory the system could give this process now (MemAvailable), or physical memory."""
    try:
        with open("/proc/meminfo", "rb") as f:
            for line in f:
                if line.startswith(b"MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return physical_bytes()


def physical_bytes() -> int:
    """The machine's physical memory in bytes (a stable bound for a single node's arrays)."""
    try:
        return int(os.sysconf("SC_PHYS_PAGES")) * int(os.sysconf("SC_PAGE_SIZE"))
    except (ValueError, OSError, AttributeError):
        return 8 << 30


def fmt_bytes(n: float) -> str:
    """1536 -> '1.5 KB'; 3.2e9 -> '3.2 GB' (powers of 1000, as the figures are estimates)."""
    for unit in ("bytes", "KB", "MB", "GB", "TB"):
        if abs(n) < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000.0
    return f"{n:.1f} TB"


def node_run_bytes(graph: "Graph", nid: str, dtype, batch: int, backward: bool) -> tuple[int, int]:
    """(array bytes, activation bytes) node ``nid`` needs in a run at ``dtype`` on ``batch``
    examples: its arrays, and its output (plus a conv's im2col columns and, with backward,
    the output's gradient and the arrays' gradients)."""
    item = np.dtype(dtype).itemsize
    info = graph.shapes.get(nid)
    if info is None or info.out is None:
        return 0, 0
    arrays = sum(math.prod(s.shape) for s in info.weights) * item
    out = math.prod(batch if d is None else d for d in info.out) if info.out else 1
    act = out * item
    if graph.nodes[nid].op in ("conv2d", "group_conv2d") and info.ins and info.ins[0]:
        c = info.ins[0][1] or 1
        k = graph.nodes[nid].params.get("kernel", 1)
        per = math.prod(d for d in info.out[2:] if d is not None)
        act += c * k * k * per * (batch if info.out[0] is None else info.out[0]) * item
    if backward:
        act += out * item
        arrays += sum(math.prod(s.shape) for s in info.weights if s.trainable) * item
    return arrays, act


def run_bytes(graph: "Graph", dtype=np.float64, batch: int = 1,
              backward: bool = False) -> tuple[int, list[tuple[int, str]]]:
    """Total bytes a run needs, and (bytes, node id) for every node, largest first.

    Remembered per graph version, so a training loop pays for it once.
    """
    key = (graph.version, np.dtype(dtype).str, int(batch), bool(backward))
    cached = graph.__dict__.get("_run_bytes")
    if cached is not None and cached[0] == key:
        return cached[1]
    per = []
    for nid in graph.nodes:
        a, b = node_run_bytes(graph, nid, dtype, batch, backward)
        per.append((a + b, nid))
    per.sort(key=lambda t: -t[0])
    result = (sum(b for b, _ in per), per)
    graph.__dict__["_run_bytes"] = (key, result)
    return result


def memory_problem(graph: "Graph", dtype=np.float64, batch: int = 1, backward: bool = False,
                   available: int | None = None) -> tuple[Msg, str] | None:
    """(message, node id) when the run would need more memory than is available, else None.

    Runs under 256 MB are not checked (reading /proc on every training step costs time).
    """
    total, per = run_bytes(graph, dtype, batch, backward)
    if total < (256 << 20) and available is None:
        return None
    free = available_bytes() if available is None else available
    if total <= free:
        return None
    big, nid = per[0]
    name = graph.nodes[nid].name
    what = Msg("graph.pass_both") if backward else Msg("graph.pass_forward")
    return (Msg("graph.memory", what=what, batch=batch,
                examples=Msg("graph.examples" if batch != 1 else "graph.example"),
                total=fmt_bytes(total), dtype=np.dtype(dtype).name, free=fmt_bytes(free),
                name=name, big=fmt_bytes(big)), nid)


__all__ = ["Weights", "Pending", "pending_init", "pending_fill", "available_bytes",
           "physical_bytes", "fmt_bytes", "run_bytes", "memory_problem"]
