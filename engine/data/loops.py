"""Loops versus vectorized code (idea 5): the same logistic-regression gradient step written
with Python for-loops over examples and features, and with NumPy on whole arrays.

Both compute, for weights w (D,), bias b, features X (N, D) and 0/1 labels y (N,):
``a = sigmoid(X w + b)``, the cross-entropy cost, ``dw = Xᵀ(a - y) / N``, ``db = mean(a - y)``,
and one step ``w -= lr dw``, ``b -= lr db``. :func:`compare` times both on the same data and
checks that they agree. :data:`LOOP_CODE` and :data:`VECTOR_CODE` are their source, for
showing side by side.
"""
from __future__ import annotations

import inspect
import math
import time
from dataclasses import dataclass

import numpy as np

from ..messages import Msg
from ..training import Dataset

__all__ = ["step_loops", "step_vectorized", "binary_task", "compare", "Comparison",
           "LOOP_CODE", "VECTOR_CODE"]


def step_loops(w: list[float], b: float, X: list[list[float]], y: list[float],
               lr: float) -> tuple[list[float], float, float]:
    """One gradient step with for-loops. Returns (new w, new b, cost before the step)."""
    n, d = len(X), len(w)
    dw = [0.0] * d
    db = 0.0
    cost = 0.0
    for i in range(n):
        z = b
        for j in range(d):
            z += w[j] * X[i][j]
        a = 1.0 / (1.0 + math.exp(-z))
        a = min(max(a, 1e-12), 1 - 1e-12)
        cost -= y[i] * math.log(a) + (1 - y[i]) * math.log(1 - a)
        dz = a - y[i]
        for j in range(d):
            dw[j] += X[i][j] * dz
        db += dz
    new_w = [w[j] - lr * dw[j] / n for j in range(d)]
    return new_w, b - lr * db / n, cost / n


def step_vectorized(w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray,
                    lr: float) -> tuple[np.ndarray, float, float]:
    """The same step on whole arrays. Returns (new w, new b, cost before the step)."""
    a = 1.0 / (1.0 + np.exp(-(X @ w + b)))
    a = np.clip(a, 1e-12, 1 - 1e-12)
    cost = -np.mean(y * np.log(a) + (1 - y) * np.log(1 - a))
    dz = a - y
    dw = X.T @ dz / len(X)
    db = dz.mean()
    return w - lr * dw, b - lr * db, float(cost)


LOOP_CODE = inspect.getsource(step_loops)
VECTOR_CODE = inspect.getsource(step_vectorized)


def binary_task(dataset: Dataset) -> tuple[np.ndarray, np.ndarray, Msg]:
    """(X (N, D) float64, y (N,) 0/1, what y means) from a dataset's ``x`` and ``y``:
    class ids become "class 1 vs the rest"; (N, 1) targets are used as they are if 0/1, or
    split at their median."""
    if "x" not in dataset or "y" not in dataset:
        raise ValueError(Msg("data.needs_xy"))
    X = np.asarray(dataset["x"], np.float64).reshape(len(dataset), -1)
    if dataset["x"].dtype.kind in "iu" and dataset["x"].ndim == 1:
        raise ValueError(Msg("data.x_ids"))
    y = np.asarray(dataset["y"], np.float64).reshape(len(dataset), -1)[:, 0]
    if dataset["y"].dtype.kind in "iu":
        names = dataset.meta.get("class_names") or []
        label = names[1] if len(names) > 1 else "1"
        return X, (y == 1).astype(np.float64), Msg("loops.one_class", label=label)
    if set(np.unique(y)) <= {0.0, 1.0}:
        return X, y, Msg("loops.binary")
    med = float(np.median(y))
    return X, (y > med).astype(np.float64), Msg("loops.median", median=med)


@dataclass
class Comparison:
    """Median times (seconds) of one step each way, and how far the results differ."""

    loop_s: float
    vector_s: float
    examples: int
    features: int
    max_difference: float
    cost: float
    task: "Msg | str"

    @property
    def speedup(self) -> float:
        return self.loop_s / self.vector_s if self.vector_s > 0 else math.inf


def compare(dataset: Dataset, lr: float = 0.1, repeats: int = 3, limit: int = 2000,
            seed: int = 0) -> Comparison:
    """Time one step with loops and with NumPy on (at most ``limit`` examples of) the data,
    from the same small random weights; the two new weight vectors must agree."""
    X, y, task = binary_task(dataset)
    X, y = X[:limit], y[:limit]
    w0 = np.random.default_rng(seed).normal(0, 0.01, X.shape[1])
    Xl, yl, wl = X.tolist(), y.tolist(), w0.tolist()
    loop_t, vec_t = [], []
    for _ in range(max(1, repeats)):
        t = time.perf_counter()
        w_loop, b_loop, cost = step_loops(wl, 0.0, Xl, yl, lr)
        loop_t.append(time.perf_counter() - t)
        t = time.perf_counter()
        w_vec, b_vec, _ = step_vectorized(w0, 0.0, X, y, lr)
        vec_t.append(time.perf_counter() - t)
    diff = max(float(np.max(np.abs(np.array(w_loop) - w_vec), initial=0.0)),
               abs(b_loop - b_vec))
    return Comparison(float(np.median(loop_t)), float(np.median(vec_t)), len(X), X.shape[1],
                      diff, cost, task)
