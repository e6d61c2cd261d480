"""t-SNE in a child process, with steady progress and a cancel that takes effect at once.

scikit-learn's TSNE has no progress callback and cannot be interrupted once started. So
:func:`tsne` runs it in a separate Python process (``python -m engine.inspect.tsne``) with
every thread pool capped at one (beside a GUI on two cores, more threads starve the GUI
thread). The child runs TSNE with ``verbose=2``: scikit-learn then prints a line as it finds
the neighbours, as it computes the probabilities, and every 50 iterations of the descent. The
child turns those lines into progress messages; cancelling terminates the process.

The protocol is plain bytes over the child's stdin and stdout (no pickle):

- parent → child: one JSON line ``{"n", "d", "perplexity", "seed", "iterations",
  "method"}``, then ``n * d`` little-endian float32 numbers (the points, row by row);
- child → parent: JSON lines ``{"progress": f, "what": id, "params": {...}}``, then either
  ``{"result": [n, 2]}`` followed by ``n * 2`` little-endian float64 numbers, or
  ``{"error": id, "params": {...}}``. The ids are ``tsne.`` message ids of
  :mod:`engine.messages` (the child imports no engine module, so it sends the id and the
  parameters); the parent rebuilds the :class:`engine.messages.Msg`, so the app can show the
  progress and the failure in the user's language.
"""
from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import tempfile
import threading

import numpy as np

from ..data import Cancelled, ProgressFn, StopFn, report
from ..messages import Msg, MsgError

__all__ = ["tsne", "TSNE_ITERATIONS", "POLL_SECONDS", "child_command"]

TSNE_ITERATIONS = 750      # 250 with early exaggeration (scikit-learn's least), then 500
POLL_SECONDS = 0.05        # how often the parent looks at the cancel flag
_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                "BLIS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")


def child_command() -> list[str]:
    """The command that starts the t-SNE child process."""
    return [sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                         "tsne_child.py")]


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    for var in _THREAD_VARS:
        env[var] = "1"
    return env


def _pump(proc: subprocess.Popen, header: bytes, data: bytes, out: "queue.Queue") -> None:
    """Feed the child its points, then pass every message it writes to ``out``; the last item
    put is ``("end", None)``."""
    try:
        proc.stdin.write(header + data)
        proc.stdin.close()
        for line in proc.stdout:
            msg = json.loads(line)
            if "result" in msg:
                n, k = msg["result"]
                raw = proc.stdout.read(n * k * 8)
                if len(raw) != n * k * 8:
                    out.put(("error", Msg("tsne.cut_off")))
                    break
                out.put(("result", np.frombuffer(raw, "<f8").reshape(n, k).copy()))
            elif "error" in msg:
                out.put(("error", Msg(msg["error"], **msg["params"])))
            else:
                out.put(("progress", (float(msg["progress"]), Msg(msg["what"], **msg["params"]))))
    except (OSError, ValueError, KeyError, TypeError):   # terminated, or wrote something broken
        pass
    finally:
        out.put(("end", None))


def _stop(proc: subprocess.Popen) -> None:
    """End the child now and reap it, so that no process is left behind."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(1.0)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def tsne(x: np.ndarray, perplexity: float = 30.0, seed: int = 0,
         iterations: int = TSNE_ITERATIONS, progress: ProgressFn | None = None,
         should_stop: StopFn | None = None) -> np.ndarray:
    """A 2-D t-SNE embedding (N, 2) of the rows of ``x`` (N, ...), computed by scikit-learn in
    a child process with one thread.

    Progress moves with the iterations (every 50); :class:`engine.data.Cancelled` is raised
    within about ``POLL_SECONDS`` of ``should_stop`` saying so, and the child is ended then.
    """
    a = np.asarray(x, np.float64)
    if a.ndim == 0:
        raise MsgError(Msg("view.single_number"))
    a = np.ascontiguousarray(a.reshape(len(a), -1), "<f4")
    n, d = a.shape
    if n < 5:
        raise MsgError(Msg("tsne.too_few", n=n))
    if not np.isfinite(a).all():
        raise MsgError(Msg("tsne.not_finite"))
    if iterations < 250:
        raise MsgError(Msg("tsne.iterations", iterations=iterations))
    header = json.dumps({"n": n, "d": d, "perplexity": float(min(perplexity, (n - 1) / 3)),
                         "seed": int(seed), "iterations": int(iterations),
                         "method": "barnes_hut" if n > 200 else "exact"}).encode() + b"\n"
    report(progress, should_stop, 0.0, Msg("tsne.starting"))
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(child_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=errors, env=_child_env())
        messages: queue.Queue = queue.Queue()
        pump = threading.Thread(target=_pump, args=(proc, header, a.tobytes(), messages),
                                daemon=True, name="t-SNE pipe")
        pump.start()
        result, failure = None, None
        try:
            while True:
                if should_stop is not None and should_stop():
                    raise Cancelled(Msg("tsne.cancelled"))
                try:
                    kind, value = messages.get(timeout=POLL_SECONDS)
                except queue.Empty:
                    continue
                if kind == "progress":
                    report(progress, should_stop, *value)
                elif kind == "result":
                    result = value
                    break
                elif kind == "error":
                    failure = value
                else:
                    break
        finally:
            _stop(proc)
            pump.join(2.0)
            proc.stdout.close()
        if result is None:
            errors.seek(0)
            tail = errors.read()[-600:].decode("utf-8", "replace").strip()
            raise MsgError(failure or (Msg("tsne.no_result_said", code=proc.returncode, said=tail)
                                       if tail else Msg("tsne.no_result", code=proc.returncode)))
    report(progress, None, 1.0, Msg("tsne.done"))
    return result
