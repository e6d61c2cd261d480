"""Graph-file loading: time against file size, and what hostile files cost.

Loads generated graph files of 1250, 2500 and 5000 nodes (5000 is the documented limit): a chain
of adds that each also take the input (two wires per node), every node in a group of its own,
names left to the loader. Prints the median load time of each, and the time per node, which
stays flat when loading is linear in the file's size. Then loads the crafted files of
tests/engine/hostile.py and prints how long each takes to be refused and the memory it made the
loader allocate.

    python -m benchmarks.load_bench [--runs 5]

Targets: time per node at 5000 nodes within 1.5x of that at 1250 (linear); every hostile file
refused in under 0.5 s with under 16 MB allocated.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine import serialize  # noqa: E402
from engine.safe_io import FileFormatError  # noqa: E402
from tests.engine import hostile  # noqa: E402


def big_file(folder: Path, n: int) -> Path:
    nodes = [{"id": "n0", "op": "input", "params": {"shape": [None, 4]}, "name": "x"}]
    edges, groups = [], []
    for i in range(1, n):
        nodes.append({"id": f"n{i}", "op": "add"})
        edges += [{"src": f"n{i - 1}", "dst": f"n{i}", "port": 0},
                  {"src": "n0", "dst": f"n{i}", "port": 1}]
        groups.append({"id": f"g{i}", "name": f"block {i}", "members": [f"n{i}"]})
    d = {"format": "graphviz-app-graph", "version": 1, "nodes": nodes, "edges": edges[::-1],
         "groups": groups}
    path = folder / f"big{n}.json"
    path.write_text(json.dumps(d))
    return path


def timed_load(path: Path) -> tuple[float, int, str]:
    tracemalloc.start()
    t = time.perf_counter()
    try:
        serialize.load(path)
        outcome = "loaded"
    except FileFormatError as e:
        outcome = f"refused: {str(e)[:70]}"
    dt = time.perf_counter() - t
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return dt, peak, outcome


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    folder = Path(tempfile.mkdtemp())
    print(f"loading generated graph files, median of {args.runs} runs")
    per_node = {}
    for n in (1250, 2500, 5000):
        path = big_file(folder, n)
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            serialize.load(path)
            times.append(time.perf_counter() - t)
        med = statistics.median(times)
        per_node[n] = med / n
        print(f"  {n:5d} nodes, {path.stat().st_size / 1e6:5.2f} MB: {med * 1000:7.1f} ms "
              f"({per_node[n] * 1e6:5.1f} µs per node)")
    print(f"  per-node time at 5000 / at 1250: {per_node[5000] / per_node[1250]:.2f}   "
          "[target <= 1.5]")
    print("hostile files (time to refuse, memory allocated)")
    cases = {"JSON nested 900 deep": (hostile.deep_json(900), ".json"),
             "lone surrogate": (hostile.surrogate_json(), ".json"),
             "1 GiB array bomb": (hostile.array_bomb(1 << 30), ".gvz"),
             "member lying about its size": (hostile.lying_member(), ".gvz")}
    for name, (data, suffix) in cases.items():
        path = folder / f"hostile{suffix}"
        path.write_bytes(data)
        dt, peak, outcome = timed_load(path)
        print(f"  {name:28s} {len(data) / 1e3:8.1f} KB  {dt * 1000:7.1f} ms  "
              f"{peak / 1e6:6.1f} MB   {outcome}   [target < 500 ms, < 16 MB]")


if __name__ == "__main__":
    main()
