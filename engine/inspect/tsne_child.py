"""The child process of :func:`engine.inspect.tsne.tsne`: run as a script, it reads the points
from stdin, runs scikit-learn's TSNE with one thread and ``verbose=2``, and writes progress
lines and the result to stdout (the protocol is described in :mod:`engine.inspect.tsne`).

It imports only the standard library, NumPy and scikit-learn, so it starts quickly.
"""
from __future__ import annotations

import io
import json
import os
import re
import sys
from typing import BinaryIO, Callable

NEIGHBOURS_DONE = 0.10     # progress once the neighbours and probabilities are known
_ITERATION = re.compile(r"\[t-SNE\] Iteration (\d+):")
_SAMPLE = re.compile(r"conditional probabilities for sample (\d+) / (\d+)")


class _Verbose(io.TextIOBase):
    """Stands in for stdout in the child: turns scikit-learn's verbose lines into progress,
    each a message id of engine.messages (``tsne.``) and its parameters."""

    def __init__(self, send: Callable[[float, str, dict], None], iterations: int) -> None:
        super().__init__()
        self.send, self.iterations, self._part = send, iterations, ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._part += text
        *lines, self._part = self._part.split("\n")
        for line in lines:
            self._line(line)
        return len(text)

    def _line(self, line: str) -> None:
        if (m := _ITERATION.search(line)) is not None:
            it = int(m.group(1))
            done = NEIGHBOURS_DONE + (1 - NEIGHBOURS_DONE) * min(it / self.iterations, 1.0)
            self.send(done, "tsne.iteration", {"it": it, "total": self.iterations})
        elif (m := _SAMPLE.search(line)) is not None:
            i, n = int(m.group(1)), max(1, int(m.group(2)))
            self.send(0.06 + 0.04 * i / n, "tsne.probabilities", {"i": i, "n": n})
        elif "nearest neighbors" in line or "pairwise distances" in line:
            self.send(0.02, "tsne.finding", {})
        elif "Computed neighbors" in line:
            self.send(0.05, "tsne.found", {})


def _read_exactly(stream: BinaryIO, count: int) -> bytes:
    data = stream.read(count)
    if len(data) != count:
        raise ValueError(f"expected {count} bytes of points, got {len(data)}")
    return data


def main() -> int:
    """The child: read the points from stdin, run TSNE, write progress and the result."""
    out = sys.stdout.buffer

    def send(message: dict, payload: bytes = b"") -> None:
        out.write(json.dumps(message).encode() + b"\n" + payload)
        out.flush()

    try:
        import numpy as np
        job = json.loads(sys.stdin.buffer.readline())
        n, d, iterations = int(job["n"]), int(job["d"]), int(job["iterations"])
        x = np.frombuffer(_read_exactly(sys.stdin.buffer, n * d * 4), "<f4").reshape(n, d)
        send({"progress": 0.01, "what": "tsne.sklearn", "params": {}})
        sys.stdout = _Verbose(lambda f, what, params: send({"progress": f, "what": what,
                                                             "params": params}), iterations)
        from sklearn.manifold import TSNE
        from threadpoolctl import threadpool_limits
        with threadpool_limits(limits=1):
            model = TSNE(2, perplexity=float(job["perplexity"]), learning_rate="auto",
                         max_iter=iterations, init="pca", random_state=int(job["seed"]),
                         n_jobs=1, method=job["method"], verbose=2)
            y = np.ascontiguousarray(model.fit_transform(x), "<f8")
    except Exception as e:  # noqa: BLE001 - every failure goes back to the parent as a message
        send({"error": "tsne.failed", "params": {"kind": type(e).__name__, "error": str(e)}})
        return 1
    send({"result": list(y.shape)}, y.tobytes())
    os._exit(0)     # the parent has the result: skip the interpreter's slow teardown


if __name__ == "__main__":
    sys.exit(main())
