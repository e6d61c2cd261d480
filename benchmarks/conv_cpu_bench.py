"""The conv op against PyTorch in CPU time on one core, for a machine that is not quiet.

Wall-clock medians (engine_bench.py) swing with every other process on the machine. Here both
sides run on one thread (threadpoolctl for NumPy's BLAS, ``torch.set_num_threads(1)``) and
each repeat is timed with ``time.process_time``, the CPU time this process spent, which other
processes disturb far less. Cases are engine_bench's conv cases, forward and backward with the
input gradient:

    python benchmarks/conv_cpu_bench.py [--repeats 15] [--cases conv_deep,conv_small]

Prints the median CPU ms of each side and their ratio against engine_bench's target.
PyTorch is a reference only: nothing in the engine or the tests imports it.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.ops import get_op  # noqa: E402
from engine.ops.base import Context  # noqa: E402

try:  # a benchmark-only reference
    import torch
except ImportError:  # pragma: no cover
    torch = None

SHAPES = {"conv_deep": (64, 16, 16, 32, 3, 1), "conv_small": (32, 3, 32, 16, 3, 1)}
TARGETS = {"conv_deep": 2.0, "conv_small": 3.0}


def cpu_ms_pair(a, b, repeats: int, warmup: int = 2) -> tuple[float, float]:
    """Median CPU ms of ``a`` and of ``b``, run alternately so both meet the same load."""
    for _ in range(warmup):
        a()
        b()
    ta, tb = [], []
    for _ in range(repeats):
        for fn, times in ((a, ta), (b, tb)):
            t = time.process_time()
            fn()
            times.append((time.process_time() - t) * 1000)
    return statistics.median(ta), statistics.median(tb)


def case(name: str, repeats: int) -> dict[str, float]:
    n, c, h, f, k, pad = SHAPES[name]
    rng = np.random.default_rng(0)
    x = rng.standard_normal((n, c, h, h)).astype(np.float32)
    w = (rng.standard_normal((f, c, k, k)) * 0.1).astype(np.float32)
    b = np.zeros(f, np.float32)
    op = get_op("conv2d")
    p = op.validate_params({"out_channels": f, "kernel": k, "stride": 1, "padding": pad})
    weights = {"W": w, "b": b}

    def engine():
        out, cache = op.forward(p, [x], weights, Context())
        op.backward(p, [x], weights, out, cache, np.ones_like(out), (True,))

    if torch is None:
        with threadpool_limits(1):
            return {"engine": cpu_ms_pair(engine, engine, repeats)[0]}
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    xt = torch.from_numpy(x).requires_grad_(True)
    wt = torch.from_numpy(w).requires_grad_(True)
    bt = torch.from_numpy(b).requires_grad_(True)

    def reference():
        o = torch.nn.functional.conv2d(xt, wt, bt, padding=pad)
        o.backward(torch.ones_like(o))
    try:
        with threadpool_limits(1):
            ours, theirs = cpu_ms_pair(engine, reference, repeats)
    finally:
        torch.set_num_threads(threads)
    return {"engine": ours, "torch": theirs}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--cases", default=",".join(SHAPES))
    args = ap.parse_args(argv)
    for name in args.cases.split(","):
        r = case(name, args.repeats)
        line = f"{name}: engine {r['engine']:.2f} CPU ms (1 thread)"
        if "torch" in r:
            line += (f", torch {r['torch']:.2f} CPU ms, engine/torch "
                     f"{r['engine'] / r['torch']:.2f} (target <= {TARGETS[name]})")
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
