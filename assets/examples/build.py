"""Write every registered example as a shipped file: ``python assets/examples/build.py [NAME ...]``.

Each example's builder in :mod:`engine.examples` runs with seed 0 and its graph, weights, data,
dev sets and info go to ``assets/examples/<name>.gvz`` (see :mod:`engine.examples_files`).
Transfer learning's steps 2 and 3 train step 1 here, once, so that opening them trains nothing.
Two examples whose data is the same array for array (the inception variants) store it once.
Rebuild after changing a builder; ``tests/engine/test_examples_files.py`` fails on a stale file.
"""
from __future__ import annotations

import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 0
# example -> the example whose identical data it shares instead of holding a copy
SHARES_DATA = {"inception_naive": "inception_module", "inception_28_naive": "inception_28"}


def _same_data(a, b) -> bool:
    return (a is not None and b is not None and a.arrays.keys() == b.arrays.keys()
            and all(a.arrays[k].dtype == b.arrays[k].dtype and np.array_equal(a.arrays[k], b.arrays[k])
                    for k in a.arrays))


def main(names: list[str]) -> int:
    from engine import examples, examples_files
    unknown = [n for n in names if n not in examples.EXAMPLES]
    if unknown:
        print(f"unknown example(s) {', '.join(unknown)}; choose from {', '.join(examples.EXAMPLES)}",
              file=sys.stderr)
        return 2
    total = 0
    for name in names or list(examples.EXAMPLES):
        t0 = time.perf_counter()
        built = examples.build(name, SEED)
        data_of = SHARES_DATA.get(name)
        if data_of is not None and not _same_data(built[1], examples.build(data_of, SEED)[1]):
            raise SystemExit(f"{name}: its data no longer equals {data_of}'s; remove it from "
                             "SHARES_DATA in assets/examples/build.py")
        path = os.path.join(HERE, f"{name}.gvz")
        examples_files.write(name, built, path, data_of=data_of)
        size = os.path.getsize(path)
        total += size
        print(f"{name:28s} {size / 1024:8.1f} KiB  {time.perf_counter() - t0:5.2f} s")
    print(f"{'total':28s} {total / 1024:8.1f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
