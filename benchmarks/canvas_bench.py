"""Canvas routing and spacing timing (offscreen). Prints medians against targets.

    QT_QPA_PLATFORM=offscreen python benchmarks/canvas_bench.py [--repeat N]

Cases, on the 500-node chain of gui_bench.py (the scene build target is 30 ms there):
the scene build with wires routed around nodes, beside the same build with routing switched
off (every wire a plain curve) measured in the same run; one node widening to show a value
(what a player step costs the canvas; target: one frame, 16 ms); and re-routing every wire.
A second graph has 60 long skip wires, each blocked by the nodes between its ends.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "benchmarks"))


def skip_graph(n: int):
    """A row of ``n`` relu nodes, each also wired to the one four places on: blocked wires."""
    from engine import Graph
    g = Graph()
    ids = [g.add_node("relu" if i else "input", {} if i else {"shape": (None, 4)},
                      ui={"pos": [i * 180.0, 0.0]}) for i in range(n)]
    for i in range(1, n):
        g.connect(ids[i - 1], ids[i], 0)
    for i in range(0, n - 4, 1):
        add = g.add_node("add", ui={"pos": [(i + 4) * 180.0, 160.0]})
        g.connect(ids[i], add, 0)
        g.connect(ids[i + 4], add, 1)
    return g


def timed(fn, repeat: int) -> tuple[float, float]:
    wall, cpu = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=9)
    args = ap.parse_args()
    from PySide6.QtGui import QColor, QImage
    from PySide6.QtWidgets import QApplication
    from gui_bench import chain_graph
    from graphviz_app.canvas.scene import GraphScene
    from graphviz_app.session import Session
    app = QApplication.instance() or QApplication([])
    for label, graph in (("500-node chain", chain_graph(500)), ("skip wires", skip_graph(64))):
        scene = GraphScene(Session(graph))
        wall, cpu = timed(scene.rebuild, args.repeat)
        print(f"{label}: scene build with routing       {wall:7.1f} ms (cpu {cpu:6.1f})"
              "   target <= 30 ms")
        plain = scene._route
        scene._route = lambda a, b, bounds, edge: None      # every wire a plain curve
        wall_p, cpu_p = timed(scene.rebuild, args.repeat)
        scene._route = plain
        scene.rebuild()
        print(f"{label}: scene build, plain curves      {wall_p:7.1f} ms (cpu {cpu_p:6.1f})"
              "   reference")
        image = QImage(96, 48, QImage.Format.Format_RGB32)
        image.fill(QColor(40, 120, 200))
        items = scene.node_items()

        def step(state=[0]) -> None:
            item = items[state[0] % len(items)]
            state[0] += 1
            item.set_value_display(image, "-0.0551…0.0691", QColor(0, 0, 0))
            scene.reflow()
        wall, cpu = timed(step, args.repeat)
        print(f"{label}: one node shows a value        {wall:7.1f} ms (cpu {cpu:6.1f})"
              "   target <= 16 ms")
        wall, cpu = timed(scene.refresh_edges, args.repeat)
        blocked = sum(1 for e in scene.edge_items() if e._path is not None and
                      e._path.elementCount() > 4)
        print(f"{label}: re-route every wire           {wall:7.1f} ms (cpu {cpu:6.1f})"
              f"   ({len(scene.edge_items())} wires, {blocked} routed around nodes)")
    app.processEvents()


if __name__ == "__main__":
    main()
