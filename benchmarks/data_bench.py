"""Precomputed features: training a new head on stored features against training it through the
frozen layers every step (idea 19, transfer learning).

    python benchmarks/data_bench.py [--repeats 3] [--epochs 10]

The graph: digits x (N, 64) → dense 256 relu → dense 128 relu ("features") → dense 10 →
softmax_ce, with both hidden layers frozen. "through" trains it as it is (every step runs the
frozen layers forward); "precomputed" runs them once over the data (time included), then trains
the head graph on the stored features. Both start from the same weights and visit the same
batches, so their final costs agree; the line prints both medians and the speed-up.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.data.digits import digits  # noqa: E402
from engine.data.precompute import precompute_features  # noqa: E402
from engine.graph import Graph  # noqa: E402
from engine.training import TrainConfig, Trainer  # noqa: E402


def frozen_graph(seed: int = 0) -> Graph:
    g = Graph(seed)
    prev = g.add_node("input", {"shape": (None, 64)}, name="x")
    for name, units in (("hidden1", 256), ("features", 128)):
        n = g.add_node("dense", {"units": units, "activation": "relu"}, name=name)
        g.connect(prev, n, 0)
        g.set_frozen(n, True)
        prev = n
    z = g.add_node("dense", {"units": 10, "activation": "identity"}, name="head")
    g.connect(prev, z, 0)
    y = g.add_node("input", {"shape": (None,), "dtype": "int"}, name="y")
    j = g.add_node("softmax_ce", {}, name="J")
    g.connect(z, j, 0)
    g.connect(y, j, 1)
    return g


def run(epochs: int) -> tuple[float, float, float, float]:
    data = digits()
    config = dict(optimizer="adam", lr=0.01, batch_size=64, epochs=epochs, seed=0)
    g = frozen_graph()
    t = time.perf_counter()
    through = Trainer(g, data, None, TrainConfig(**config))
    through.run()
    t_through = time.perf_counter() - t
    g = frozen_graph()
    t = time.perf_counter()
    head, feats = precompute_features(g, data, "features")
    pre = Trainer(head, feats, None, TrainConfig(**config))
    pre.run()
    t_pre = time.perf_counter() - t
    return t_through, t_pre, through.history.train_cost[-1], pre.history.train_cost[-1]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=10)
    args = ap.parse_args(argv)
    results = [run(args.epochs) for _ in range(max(1, args.repeats))]
    through = statistics.median(r[0] for r in results)
    pre = statistics.median(r[1] for r in results)
    diff = max(abs(r[2] - r[3]) for r in results)
    print(f"precompute: through frozen layers {through * 1000:.0f} ms, precomputed features "
          f"{pre * 1000:.0f} ms (precompute included), speed-up {through / pre:.1f}x over "
          f"{args.epochs} epochs of 1797 digits; final costs differ by {diff:.1e}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
