"""t-SNE in a child process: it separates the digit classes, its progress moves with the
iterations, it runs on one thread, a cancel ends it within a second and leaves no process, and
points it cannot use are refused with a clear message. (Each run starts a Python process that
imports scikit-learn, about a second: the tests keep to two runs.)"""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from engine.data import Cancelled
from engine.data.digits import digits
from engine.inspect.tsne import tsne

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(),
                                reason="reads child processes from /proc (Linux)")


def _children() -> list[int]:
    """Process ids of this process's t-SNE children, alive or not yet reaped."""
    me, found = os.getpid(), []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            cmd = (entry / "cmdline").read_bytes()
        except OSError:         # the process ended while we looked
            continue
        ppid = int(next(line.split()[1] for line in status.splitlines()
                        if line.startswith("PPid:")))
        if ppid == me and b"tsne_child.py" in cmd:
            found.append(int(entry.name))
    return found


def _threads(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines()
                    if line.startswith("Threads:")))


def test_tsne_separates_digit_classes_and_progress_moves_steadily():
    ds = digits(limit=300)
    seen: list[float] = []
    y = tsne(ds["x"], iterations=250, progress=lambda f, w: seen.append(f))
    assert y.shape == (300, 2) and np.isfinite(y).all()
    rises = sum(1 for a, b in zip(seen, seen[1:]) if b > a)
    assert rises > 3, seen
    assert seen == sorted(seen) and seen[0] == 0.0 and seen[-1] == 1.0
    labels = ds["y"]
    centres = np.array([y[labels == k].mean(0) for k in range(10)])
    spread = np.mean([np.linalg.norm(y[labels == k] - centres[k], axis=1).mean()
                      for k in range(10)])
    apart = np.mean([np.linalg.norm(centres[a] - centres[b]) for a in range(10)
                     for b in range(a + 1, 10)])
    assert apart > 2 * spread
    assert _children() == []


def test_cancel_ends_the_child_within_a_second_and_leaves_no_process():
    x = digits(limit=300)["x"]
    started, stop = threading.Event(), threading.Event()
    outcome: dict = {}
    threads: list[int] = []

    def progress(fraction: float, _what: str) -> None:
        if fraction >= 0.15 and not started.is_set():    # in the middle of the descent
            pids = _children()
            threads.extend(_threads(p) for p in pids)
            started.set()

    def run() -> None:
        try:
            tsne(x, progress=progress, should_stop=stop.is_set)
        except Cancelled as e:
            outcome["cancelled"] = (time.perf_counter(), str(e))

    worker = threading.Thread(target=run)
    worker.start()
    assert started.wait(60), "t-SNE made no progress"
    assert threads == [1]          # one child, on one thread
    t = time.perf_counter()
    stop.set()
    worker.join(10)
    assert not worker.is_alive()
    assert "cancelled" in outcome and outcome["cancelled"][0] - t < 2.0
    assert _children() == []


def test_bad_points_are_refused_before_any_process_starts():
    with pytest.raises(ValueError, match="at least 5 points"):
        tsne(np.zeros((3, 2)))
    with pytest.raises(ValueError, match="NaN or infinite"):
        tsne(np.array([[0.0, 1.0]] * 5 + [[np.nan, 0.0]]))
    with pytest.raises(ValueError, match="at least 250 iterations"):
        tsne(np.zeros((10, 2)), iterations=100)
