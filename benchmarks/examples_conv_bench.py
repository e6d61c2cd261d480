"""The convolutional examples' training runs against the target of about 10 s each, and the
transfer head on precomputed features against training the same network end to end.

    python benchmarks/examples_conv_bench.py [--repeats 3]

For each example that trains (digits_cnn, transfer_base, transfer_head, transfer_unfreeze) it
builds the example from seed 0 (time not counted), trains it with its own ``info["train"]``
settings and prints the median wall time, the final dev accuracy and the example's stated
target. Reference measured in the same run: transfer_unfreeze (the whole CNN on 5-9) against
transfer_head (only a head on the features computed once), per epoch.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.examples import build  # noqa: E402
from engine.training import TrainConfig, Trainer  # noqa: E402

TRAINED = ("digits_cnn", "transfer_base", "transfer_head", "transfer_unfreeze")
TARGET_SECONDS = 10.0


def one_run(name: str) -> tuple[float, float, int]:
    """(seconds, final dev accuracy, epochs) of one training run of example ``name``."""
    g, data, info = build(name, seed=0)
    cfg = TrainConfig(**info["train"])
    t = Trainer(g, data, info["dev_sets"]["dev"], cfg)
    start = time.perf_counter()
    t.run()
    return time.perf_counter() - start, t.history.dev_accuracy[-1], cfg.epochs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    build("transfer_head")          # trains the shared 0-4 base once, outside the timings
    per_epoch = {}
    print(f"{'example':20s} {'median s':>9s} {'target s':>9s} {'dev acc':>8s} {'target':>8s}")
    for name in TRAINED:
        runs = [one_run(name) for _ in range(args.repeats)]
        secs = statistics.median(r[0] for r in runs)
        per_epoch[name] = secs / runs[0][2]
        target = build(name)[2]["target"]["dev_accuracy"]
        flag = "ok" if secs <= TARGET_SECONDS and runs[0][1] >= target else "MISSED"
        print(f"{name:20s} {secs:9.2f} {TARGET_SECONDS:9.1f} {runs[0][1]:8.3f} {target:8.2f}  "
              f"{flag}")
    ratio = per_epoch["transfer_unfreeze"] / per_epoch["transfer_head"]
    print(f"per epoch: head on precomputed features {per_epoch['transfer_head'] * 1e3:.1f} ms, "
          f"whole CNN with the last block unfrozen {per_epoch['transfer_unfreeze'] * 1e3:.1f} ms "
          f"({ratio:.1f}x)")


if __name__ == "__main__":
    main()
