"""ONNX figures against the targets of the import/export work.

* importing ResNet-50 with placeholder weights to a laid-out, grouped canvas (target <= 2 s);
* one VGG-16 forward pass on a 224x224 image (float32), in ms and GFLOP/s, beside NumPy's
  float32 matmul GFLOP/s measured in the same run.

Run: .venv/bin/python benchmarks/onnx_bench.py [--repeats N]
"""
from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

import numpy as np
import onnx

from engine import Executor
from engine.onnx import import_onnx
from engine.onnx.zoo import vgg16

LIGHT = os.path.join(os.path.dirname(onnx.__file__), "backend", "test", "data", "light")


def median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def matmul_gflops(n: int = 2048, repeats: int = 5) -> float:
    a = np.random.default_rng(0).standard_normal((n, n)).astype(np.float32)
    b = np.random.default_rng(1).standard_normal((n, n)).astype(np.float32)
    a @ b
    return 2 * n ** 3 / median_time(lambda: a @ b, repeats) / 1e9


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    path = os.path.join(LIGHT, "light_resnet50.onnx")
    t_import = median_time(lambda: import_onnx(path), args.repeats)
    g = import_onnx(path)
    print(f"import ResNet-50 (laid out, {len(g.groups)} groups, {len(g)} nodes): "
          f"median {t_import:.3f} s   target <= 2 s   {'OK' if t_import <= 2 else 'SLOW'}")

    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "vgg16.onnx")
        onnx.save(vgg16(), p)
        g = import_onnx(p)
    macs = sum(i.macs for i in g.shapes.values())
    ex = Executor(g, dtype=np.float32)
    x = np.random.default_rng(0).standard_normal((1, 3, 224, 224)).astype(np.float32)
    feeds = {"data": x}
    ex.run(feeds, training=False, backward=False)          # first pass makes the arrays
    t_fwd = median_time(lambda: ex.run(feeds, training=False, backward=False), args.repeats)
    ours = 2 * macs / t_fwd / 1e9
    ref = matmul_gflops()
    print(f"VGG-16 forward, 1 image 224x224, float32: median {t_fwd * 1000:.0f} ms, "
          f"{ours:.1f} GFLOP/s ({2 * macs / 1e9:.1f} GFLOP)")
    print(f"NumPy float32 matmul 2048x2048, same run:  {ref:.1f} GFLOP/s   "
          f"(VGG-16 reaches {100 * ours / ref:.0f}% of it)")


if __name__ == "__main__":
    main()
