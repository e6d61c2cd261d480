"""Look-inside views: how long their math and drawing take, and what they cost live training.

    QT_QPA_PLATFORM=offscreen python benchmarks/views_bench.py [--repeat N] [CASE ...]

Prints one line per figure, ``CASE: X ms (target <= Y ms)``, medians of ``--repeat`` runs.
:data:`CASES` maps a case name to a function ``(repeat) -> list[Figure]``; add a case by
writing one such function and one line in the dict.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass
from typing import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402


@dataclass
class Figure:
    """One printed figure: ``name: value unit (target <= or >= target unit)``."""

    name: str
    value: float
    target: float
    unit: str = "ms"
    higher_is_better: bool = False

    def line(self) -> str:
        op = ">=" if self.higher_is_better else "<="
        ok = self.value >= self.target if self.higher_is_better else self.value <= self.target
        return (f"{self.name}: {self.value:.1f} {self.unit} (target {op} {self.target:g} "
                f"{self.unit}){'' if ok else '  MISSED'}")


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()                                  # warm-up (plans, caches)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return 1000 * statistics.median(times)


def _app():
    from PySide6.QtWidgets import QApplication
    return QApplication.instance() or QApplication([])


def _xor_session(n: int = 1000):
    from engine import datasets
    from engine.examples import build
    from graphviz_app.session import Session
    graph, _, _ = build("xor_mlp")
    session = Session()
    session.replace_graph(graph, dataset=datasets.xor(n=n, seed=0), example_name="xor_mlp")
    return session


# -- cases ---------------------------------------------------------------------------------------
def boundary(repeat: int) -> list[Figure]:
    """A 100x100 grid through the 2-16-16-2 network with its 32 unit maps: one batched forward
    pass (float32, as the panel runs it); then the panel's redraw of the class image, points and the 32-map mosaic (painted)."""
    app = _app()
    from engine.inspect import grids
    from graphviz_app.panels.inside.decision_boundary import DecisionBoundaryPanel
    session = _xor_session()
    panel = DecisionBoundaryPanel(session)
    panel.resize(1000, 420)
    panel.show()
    app.processEvents()
    probe = panel.source.probe(np.float32)      # what the panel computes with
    train, dev = panel.source.data()
    plane = grids.plane_for(np.concatenate([train["x"], dev["x"]]), 100)
    g = session.graph
    maps = grids.boundary_maps(g, probe, plane)
    assert sum(len(m) for m in maps.units.values()) == 32
    compute = median_ms(lambda: grids.boundary_maps(g, probe, plane), repeat)

    def redraw():
        panel._draw(maps, train, dev)
        panel.grab()
    draw = median_ms(redraw, repeat)
    panel.close()
    return [Figure("boundary compute", compute, 10), Figure("boundary redraw", draw, 20)]


def activations(repeat: int) -> list[Figure]:
    """Every layer's statistics (values, gradients, histograms, dead and saturated units) over
    1,000 examples: one forward and backward probe pass plus the statistics."""
    from engine import datasets
    from engine.examples import build
    from engine.inspect import activation_stats as st
    from engine.inspect.probe import Probe
    graph, _, _ = build("xor_mlp")
    ds = datasets.xor(n=1000, seed=0)
    probe = Probe(graph)
    layers = st.layers(graph)
    feeds = {"x": ds["x"], "y": ds["y"]}
    ms = median_ms(lambda: st.layer_stats(probe.backward(feeds), layers), repeat)
    return [Figure("activations", ms, 20)]


def cost_surface(repeat: int) -> list[Figure]:
    """Cross-entropy and squared error over a 200x200 (w, b) grid for logistic regression on
    its 200 examples."""
    from engine.examples import build
    from engine.inspect import cost_surface as cs
    graph, ds, _ = build("logistic_regression")
    a, b = cs.default_axes(graph)
    node = graph.nodes[a.nid]
    ws = np.linspace(-6, 6, 200)
    ms = median_ms(lambda: cs.logistic_surfaces(ds["x"], ds["y"], node.weights["W"],
                                                node.weights["b"], a, b, ws, ws), repeat)
    return [Figure("cost_surface", ms, 30)]


def cost_surface_any(repeat: int) -> list[Figure]:
    """A 50x50 grid over two entries of XOR's 2-16-16-2 MLP (dense1.W[0,0] and dense2.W[0,0],
    two layers) on its 400 examples, in one batched pass: in float64 as the Cost surface dock
    runs it, and in float32; beside it, as a reference measured in the same run, the per-point
    loop (one forward pass per grid point) on every 5th row, scaled to the whole grid. Then
    the same two for the small CNN on a 20x20 grid."""
    from engine.examples import build
    from engine.inspect import cost_surface as cs
    from engine.inspect.cost_surface_batched import batched_surface
    graph, ds, _ = build("xor_mlp")
    feeds = {"x": ds["x"], "y": ds["y"]}
    d1, d2 = graph.resolve("dense1"), graph.resolve("dense2")
    a, b = cs.Entry(d1, "W", (0, 0)), cs.Entry(d2, "W", (0, 0))
    grid = np.linspace(-3, 3, 50)
    runs = max(3, min(repeat, 7))
    f64, f32, loop = [], [], []
    for _ in range(runs):           # interleaved, so a change in the machine's load hits all
        f64.append(median_ms(lambda: batched_surface(graph, feeds, a, b, grid, grid), 1))
        f32.append(median_ms(lambda: batched_surface(graph, feeds, a, b, grid, grid,
                                                     dtype=np.float32), 1))
        loop.append(5 * median_ms(lambda: cs.generic_surface(graph, feeds, a, b, grid,
                                                             grid[::5]), 1))
    med = statistics.median
    # the small CNN (conv 3x3 x 8, relu, pool, dense 4) on its 400 images, 20x20 grid over
    # conv1.W[0,0,0,0] and logits.W[0,0]
    cnn, cds, _ = build("small_cnn")
    cfeeds = {"x": cds["x"], "y": cds["y"]}
    ca = cs.Entry(cnn.resolve("conv1"), "W", (0, 0, 0, 0))
    cb = cs.Entry(cnn.resolve("logits"), "W", (0, 0))
    cgrid = np.linspace(-3, 3, 20)
    cnn_batched = median_ms(lambda: batched_surface(cnn, cfeeds, ca, cb, cgrid, cgrid), 3)
    cnn_loop = 5 * median_ms(lambda: cs.generic_surface(cnn, cfeeds, ca, cb, cgrid,
                                                        cgrid[::5]), 1)
    return [Figure("cost_surface_any (50x50, XOR MLP, 400 examples, batched, float64)",
                   med(f64), 500),
            Figure("cost_surface_any batched, float32", med(f32), 500),
            Figure("cost_surface_any per-point loop, float64 (reference)", med(loop), 500),
            Figure("cost_surface_any small CNN (20x20, 400 images, batched)", cnn_batched,
                   3000),
            Figure("cost_surface_any small CNN per-point loop (reference)", cnn_loop, 3000)]


def _live_run(app, with_panels: bool) -> tuple[float, float]:
    """(iterations per second over the wall clock, boundary redraws per second) of one run."""
    from PySide6.QtCore import QEventLoop, QTimer
    from engine import datasets
    from engine.training import TrainConfig
    from graphviz_app.panels.inside.activations import ActivationsPanel
    from graphviz_app.panels.inside.decision_boundary import DecisionBoundaryPanel
    from graphviz_app.training.worker import TrainingController
    session = _xor_session()
    controller = TrainingController(session)
    panels = [DecisionBoundaryPanel(session, controller),
              ActivationsPanel(session, controller)] if with_panels else []
    for p in panels:
        p.resize(900, 400)
        p.show()
    app.processEvents()
    loop = QEventLoop()
    controller.run_ended.connect(lambda _r: loop.quit())
    n0 = panels[0].update_count if panels else 0
    start = time.perf_counter()
    run = controller.enqueue("bench", TrainConfig(optimizer="adam", lr=0.01, batch_size=32,
                                                  epochs=60, seed=0),
                             datasets.xor(n=1000, seed=0), datasets.xor(n=250, seed=1))
    loop.exec()
    wall = time.perf_counter() - start
    rate = (panels[0].update_count - n0) / wall if panels else 0.0
    QTimer.singleShot(50, loop.quit)
    loop.exec()
    controller.wait()
    session.undo_stack.cleanChanged.disconnect()
    for p in panels:
        p.close()
        p.deleteLater()
    return run.iteration / wall, rate


def _window_run(app, in_front: str) -> tuple[float, float]:
    """The same run in the whole window (settings and recovery files in a temporary folder),
    the Decision boundary and Activations docks both open and tabbed together at the bottom,
    the panel ``in_front`` raised: (iterations per second, boundary redraws per second)."""
    import tempfile
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from engine import datasets
    from engine.training import TrainConfig
    from graphviz_app.main_window import MainWindow
    tmp = tempfile.mkdtemp(prefix="views_bench_")
    os.environ["GRAPHVIZ_APP_DATA"] = tmp
    win = MainWindow(settings=QSettings(os.path.join(tmp, "s.ini"), QSettings.Format.IniFormat),
                     recovery_dir=tmp)
    win.resize(1280, 720)
    win.show()
    win.files.open_example("xor_mlp")
    win.session.set_dataset(datasets.xor(n=1000, seed=0))
    win.show_panel("Activations")
    panel = win.dock_manager.content("decision_boundary_dock")
    win.show_panel(in_front)
    app.processEvents()
    loop = QEventLoop()
    win.training.run_ended.connect(lambda _r: loop.quit())
    n0 = panel.update_count
    start = time.perf_counter()
    run = win.training.enqueue("bench", TrainConfig(optimizer="adam", lr=0.01, batch_size=32,
                                                    epochs=60, seed=0),
                               datasets.xor(n=1000, seed=0), datasets.xor(n=250, seed=1))
    loop.exec()
    wall = time.perf_counter() - start
    rate = (panel.update_count - n0) / wall
    QTimer.singleShot(50, loop.quit)
    loop.exec()
    win.training.wait()
    win.session.mark_clean()
    win.close()
    win.deleteLater()
    return run.iteration / wall, rate


def train_live(repeat: int) -> list[Figure]:
    """XOR (1,000 points, batch 32, Adam, 60 epochs) in the app's training worker with the
    Decision boundary and Activations panels open and following the run: iterations per second
    over the wall clock and boundary redraws per second (both panels on screen at once, the
    worst case); beside it, as a reference measured in the same run, the same training with no
    panel open; and the same run in the whole window, where the two docks share the bottom
    area and only the one in front draws."""
    app = _app()
    runs = max(1, min(repeat, 3))
    ref, live, window, plain = [], [], [], []
    for _ in range(runs):          # interleaved, so a change in the machine's load hits all
        ref.append(_live_run(app, False)[0])
        live.append(_live_run(app, True))
        window.append(_window_run(app, "Decision boundary"))
        plain.append(_window_run(app, "History")[0])
    its = statistics.median(r[0] for r in live)
    return [Figure("train_live", its, 2000, "it/s", True),
            Figure("train_live without panels (reference)", statistics.median(ref), 2000,
                   "it/s", True),
            Figure("train_live boundary updates", statistics.median(r[1] for r in live), 10,
                   "/s", True),
            Figure("train_live in the window (both docks open, tabbed)",
                   statistics.median(r[0] for r in window), 2000, "it/s", True),
            Figure("train_live in the window: boundary updates",
                   statistics.median(r[1] for r in window), 10, "/s", True),
            Figure("train_live in the window, History in front (reference)",
                   statistics.median(plain), 2000, "it/s", True)]


def _from_conv(fn: Callable) -> Callable[[int], list[Figure]]:
    """A case of views_conv.py: (name, median ms, target ms) rows."""
    return lambda repeat: [Figure(name, ms, target) for name, ms, target in fn(repeat)]


def _from_data(name: str, fn: Callable) -> Callable[[int], list[Figure]]:
    """A case of views_data.py: one dict with the median, the target and a GUI timer gap."""
    def run(repeat: int) -> list[Figure]:
        r = fn(max(3, min(repeat, 5)))
        figs = [Figure(name, r["median_ms"], r["target_ms"])]
        if "gap_ms" in r:
            figs.append(Figure(f"{name} longest GUI timer gap", r["gap_ms"],
                               views_data.GAP_TARGET_MS))
        return figs
    return run


import views_conv  # noqa: E402 - beside this file
import views_data  # noqa: E402

CASES: dict[str, Callable[[int], list[Figure]]] = {
    "boundary": boundary,
    "activations": activations,
    "cost_surface": cost_surface,
    "cost_surface_any": cost_surface_any,
    "train_live": train_live,
    **{name: _from_conv(fn) for name, fn in views_conv.CASES.items()},
    **{name: _from_data(name, fn) for name, fn in views_data.CASES.items()},
}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cases", nargs="*", help=f"cases to run (default all: {', '.join(CASES)})")
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args(argv)
    unknown = [c for c in args.cases if c not in CASES]
    if unknown:
        ap.error(f"unknown case {unknown[0]!r}; choose from {', '.join(CASES)}")
    for name in args.cases or list(CASES):
        for fig in CASES[name](args.repeat):
            print(fig.line(), flush=True)


if __name__ == "__main__":
    main()
