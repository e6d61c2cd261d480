"""Opening an example: from its shipped file (what the app does) against running its builder
(what it did before), measured in the same run.

    python benchmarks/examples_open_bench.py [--repeats 5]

For transfer learning's steps 2 and 3 the builder trains step 1 (and step 3 also step 2's head)
first, which took 1.5-4 s on the GUI thread when the example was opened; the target for
opening any example from its file is 0.2 s. The builders' trained-weight caches are cleared
before every build, as in a fresh app. Last line: the total over every example, and the size
of assets/examples/.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine import examples_conv  # noqa: E402
from engine.examples import EXAMPLES, build, open_example  # noqa: E402

TARGET_S = 0.2
SHOWN = ("transfer_head", "transfer_unfreeze", "digits_cnn", "inception_28", "xor_mlp")


def timed(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        examples_conv._trained_base.cache_clear()
        examples_conv._trained_head.cache_clear()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    build("digits_cnn")          # scikit-learn's first import is not the example's cost
    print(f"{'example':22s} {'file s':>8s} {'builder s':>10s}   target {TARGET_S} s (file)")
    for name in SHOWN:
        f = timed(lambda: open_example(name), args.repeats)
        b = timed(lambda: build(name), max(1, args.repeats // 2))
        print(f"{name:22s} {f:8.3f} {b:10.3f}   {'ok' if f < TARGET_S else 'OVER TARGET'}")
    total = sum(timed(lambda n=n: open_example(n), 1) for n in EXAMPLES)
    size = sum(p.stat().st_size for p in (ROOT / "assets" / "examples").glob("*.gvz"))
    print(f"all {len(EXAMPLES)} examples from their files: {total:.2f} s; "
          f"assets/examples/ holds {size / 2**20:.1f} MiB")


if __name__ == "__main__":
    main()
