"""Recovery-file timing (offscreen). Prints medians against the targets of the window issue.

    QT_QPA_PLATFORM=offscreen python benchmarks/recovery_bench.py [--repeat N]

Cases: edit → recovery file on disk (target: within 2 s); for graphs of growing weight size
and a 500-node graph,
the time the GUI thread spends taking the snapshot (target: a frame, 16 ms, for typical graphs)
beside the time the worker spends packing and writing the archive, and beside the time a plain
``engine.serialize.save`` on the GUI thread would have blocked it.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def mlp(width: int, layers: int):
    from engine import Graph
    g = Graph()
    x = g.add_node("input", {"shape": (None, width)}, name="x")
    for i in range(layers):
        d = g.add_node("dense", {"units": width}, name=f"d{i}")
        g.connect(x, d, 0)
        x = d
    return g


def edit_to_file(repeat: int) -> list[float]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from graphviz_app.editor.commands import Rename
    from graphviz_app.main_window import MainWindow
    app = QApplication.instance() or QApplication([])
    times = []
    for i in range(repeat):
        tmp = tempfile.mkdtemp(prefix="gvz-rec-bench-")
        win = MainWindow(settings=QSettings(os.path.join(tmp, "s.ini"), QSettings.Format.IniFormat),
                         recovery_dir=tmp)
        win.files.open_example("xor_mlp")
        s = win.session
        nid = next(iter(s.graph.nodes))
        start = time.perf_counter()
        s.push(Rename(s, nid, f"renamed{i}"))
        while not win.files.has_recovery() and time.perf_counter() - start < 10:
            app.processEvents()          # the benchmark's own loop stands in for the app's
            time.sleep(0.002)
        times.append(time.perf_counter() - start)
        win.files.writer.wait()
        s.undo_stack.setClean()
        win.close()
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    from engine import serialize
    from graphviz_app.editor.recovery import RecoveryWriter, snapshot
    med = statistics.median(edit_to_file(args.repeat))
    print(f"edit -> recovery file on disk: median {med * 1000:.0f} ms (target < 2000 ms)")
    tmp = tempfile.mkdtemp(prefix="gvz-rec-bench-")
    sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
    from gui_bench import chain_graph
    cases = [(f"{w}-wide MLP", mlp(w, n)) for w, n in ((64, 3), (512, 4), (2048, 4))]
    cases.append(("500-node chain", chain_graph(500)))
    for label, g in cases:
        mb = sum(w.nbytes for n in g.nodes.values() for w in n.weights.values()) / 2**20
        gui, work, plain = [], [], []
        writer = RecoveryWriter(os.path.join(tmp, "r.gvz"))
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            data = snapshot(g, None, None, 0.0)
            t1 = time.perf_counter()
            writer.write_now(data)
            t2 = time.perf_counter()
            serialize.save(g, os.path.join(tmp, "plain.gvz"))
            t3 = time.perf_counter()
            gui.append(t1 - t0)
            work.append(t2 - t1)
            plain.append(t3 - t2)
        print(f"{label:>15}, {mb:6.1f} MB of weights: GUI thread {statistics.median(gui) * 1000:7.1f} ms "
              f"(target < 16 ms), worker {statistics.median(work) * 1000:7.1f} ms; "
              f"serialize.save on the GUI thread would block {statistics.median(plain) * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
