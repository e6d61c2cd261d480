"""How long the examples of engine.examples_more take to reach their targets, and the loops
versus vectorized step on the vectorization example's own data (idea 5).

    python benchmarks/examples_bench.py [--repeats 3]

For each example: the median wall time of building it and training it from seed 0 with its own
``info["train"]`` settings (what tests/engine/test_example_targets.py does), against the budget
of 10 s per example. Then the median time of one logistic-regression gradient step with Python
loops and with NumPy on all 1,797 digits, and the speed-up (the reference here is the loop
version, measured in the same run).
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.data import loops  # noqa: E402
from engine.examples import build  # noqa: E402
from engine.examples_more import MORE_EXAMPLES  # noqa: E402
from engine.training import TrainConfig, Trainer  # noqa: E402

BUDGET_S = 10.0


def train_time(name: str) -> float:
    t = time.perf_counter()
    graph, data, info = build(name, seed=0)
    dev = (info.get("dev_sets") or {}).get("dev")
    Trainer(graph, data, dev, TrainConfig(**info["train"])).run()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    print(f"{'example':26s} {'median s':>9s}   budget {BUDGET_S:.0f} s")
    for name in MORE_EXAMPLES:
        times = [train_time(name) for _ in range(args.repeats)]
        med = statistics.median(times)
        print(f"{name:26s} {med:9.2f}   {'ok' if med < BUDGET_S else 'OVER BUDGET'}")
    _, data, _ = build("vectorization")
    c = loops.compare(data, repeats=max(3, args.repeats), limit=len(data))
    print(f"\none gradient step on {c.examples} examples × {c.features} features ({c.task}):")
    print(f"  loops      {c.loop_s * 1000:9.2f} ms (reference)")
    print(f"  vectorized {c.vector_s * 1000:9.3f} ms   {c.speedup:.0f}x faster, "
          f"largest difference {c.max_difference:.1e}")


if __name__ == "__main__":
    main()
