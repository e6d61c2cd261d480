"""Convolution views: medians against the targets of the conv-views issue (offscreen Qt).

    QT_QPA_PLATFORM=offscreen python benchmarks/views_conv.py [--repeat N] [CASE ...]

Cases (``CASES``, joined into views_bench by name):

* filter_lab: 12 kernels on a 512x512 image, compute only (target 15 ms), and compute plus
  upload to the panel's pictures and repaint (target 40 ms);
* feature_maps: redraw 32 maps of 32x32 and their kernels (target 15 ms);
* receptive_field: from a click to the box and footprint overlays on every earlier map
  (target 30 ms);
* trace: from a hover to the formula and the highlighted sources on the canvas (target 16 ms);
  trace_cells and trace_gradient the same from Step details, with the cells lit inside the
  canvas thumbnails, for a value and for a gradient.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from typing import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

import numpy as np  # noqa: E402

KERNELS_12 = ("identity", "sobel x", "sobel y", "sobel magnitude", "prewitt x", "prewitt y",
              "laplacian 4", "laplacian 8", "box blur 3", "box blur 5", "gaussian", "sharpen")


def median_ms(fn: Callable[[], object], repeat: int, warm: int = 2) -> float:
    for _ in range(warm):
        fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def _app():
    from PySide6.QtWidgets import QApplication
    return QApplication.instance() or QApplication([])


def conv_net():
    """x (3, 32, 32) → conv 32 k3 p1 → relu → max pool 2 → conv 32 k3 p1 → relu → dense 10."""
    from engine import Graph
    g = Graph(0)
    x = g.add_node("input", {"shape": (None, 3, 32, 32)}, name="x")
    prev = x
    for name, op, params in [("conv1", "conv2d", {"out_channels": 32, "kernel": 3, "padding": 1}),
                             ("relu1", "relu", {}), ("pool1", "max_pool2d", {"kernel": 2}),
                             ("conv2", "conv2d", {"out_channels": 32, "kernel": 3, "padding": 1}),
                             ("relu2", "relu", {}), ("flat", "flatten", {}),
                             ("logits", "dense", {"units": 10})]:
        n = g.add_node(op, params, name=name)
        g.connect(prev, n, 0)
        prev = n
    return g


def _window(g, n_examples: int = 8):
    """A main window showing ``g`` with a data set, its Feature maps panel in front."""
    from engine.training import Dataset
    from graphviz_app.main_window import MainWindow
    _app()
    win = MainWindow()
    rng = np.random.default_rng(0)
    ds = Dataset({"x": rng.random((n_examples, 3, 32, 32)).astype(np.float32)}, name="noise")
    win.session.replace_graph(g, dataset=ds)
    win.resize(1280, 720)
    win.show()
    win.apply_layout("inside")
    return win


def filter_lab(repeat: int) -> list[tuple[str, float, float]]:
    from engine.inspect import kernels as K
    from graphviz_app.imaging import LoadedImage
    app = _app()
    rng = np.random.default_rng(0)
    grey = rng.random((512, 512)).astype(np.float32)
    compute = median_ms(lambda: K.classic_bank(grey, list(KERNELS_12)), repeat)
    win = _window(conv_net())
    win.show_panel("Filter lab")
    panel = win.panels["filter_lab"]
    for name, act in panel.kernel_actions.items():
        act.blockSignals(True)
        act.setChecked(name in KERNELS_12)
        act.blockSignals(False)
    panel.set_image(LoadedImage("noise", np.repeat(grey[..., None], 3, axis=2), True))
    app.processEvents()

    def show():
        panel.recompute()
        panel.plots.viewport().repaint()

    display = median_ms(show, repeat)
    win.close()
    return [("filter_lab compute (12 kernels, 512x512)", compute, 15.0),
            ("filter_lab compute + display", display, 40.0)]


def _maps_panel():
    app = _app()
    g = conv_net()
    win = _window(g)
    win.show_panel("Feature maps")
    panel = win.panels["feature_maps"]
    panel.set_node(g.by_name("conv2"))
    app.processEvents()
    return app, g, win, panel


def feature_maps(repeat: int) -> list[tuple[str, float, float]]:
    app, g, win, panel = _maps_panel()
    assert panel.view.maps.shape == (32, 16, 16) or panel.view.maps.shape[0] == 32
    panel.set_node(g.by_name("relu1"))                     # 32 maps of 32x32
    app.processEvents()
    assert panel.view.maps.shape == (32, 32, 32)

    def redraw():
        panel.draw()
        panel.plots.viewport().repaint()

    t = median_ms(redraw, repeat)
    win.close()
    return [("feature_maps redraw (32 maps 32x32 + kernels)", t, 15.0)]


def receptive_field(repeat: int) -> list[tuple[str, float, float]]:
    app, g, win, panel = _maps_panel()
    cells = [(c, i, j) for c, i, j in zip(range(32), range(1, 16), range(15, 0, -1))]
    k = iter(range(10 ** 9))

    def click():
        panel.show_receptive_field(*cells[next(k) % len(cells)])
        panel.rf_plots.viewport().repaint()

    t = median_ms(click, repeat)
    win.close()
    return [("receptive_field click → overlays", t, 30.0)]


def trace(repeat: int) -> list[tuple[str, float, float]]:
    app, g, win, panel = _maps_panel()
    cells = [(c, i, j) for c, i, j in zip(range(32), range(1, 16), range(15, 0, -1))]
    k = iter(range(10 ** 9))

    def hover():
        panel.hover_cell(cells[next(k) % len(cells)])
        win.view.viewport().repaint()

    t = median_ms(hover, repeat)
    win.close()
    return [("trace hover → highlight", t, 16.0)]


def _stepped_to(nid: str, phase: str):
    """A window whose player has stepped to ``nid``'s ``phase`` step (every node upstream of
    it shows its value picture, or downstream its gradient picture); the logits are averaged
    into a scalar cost so that there is a backward pass."""
    app = _app()
    g = conv_net()
    cost = g.add_node("mean", {"axes": ()}, name="cost")
    g.connect(g.by_name("logits"), cost, 0)
    win = _window(g)
    player = win.player
    for _ in range(4 * len(g.nodes) + 4):
        rec = player.current
        if rec is not None and rec.node == g.by_name(nid) and rec.phase == phase:
            break
        player.step_forward()
    assert player.current.node == g.by_name(nid) and player.current.phase == phase
    app.processEvents()
    return g, win, win.panels["feature_maps"].step_trace


def _hover_median(node: str, phase: str, cells: list, lit: str, repeat: int) -> float:
    """Median ms of hovering ``node``'s cells in Step details (stepped to ``phase``) and
    repainting the canvas; ``lit`` is a node whose thumbnail must light up."""
    g, win, st = _stepped_to(node, phase)
    nid = g.by_name(node)
    k = iter(range(10 ** 9))

    def hover():
        st.on_hovered(nid, cells[next(k) % len(cells)])
        win.view.viewport().repaint()

    t = median_ms(hover, repeat)
    assert win.scene.node_item(g.by_name(lit)).trace_cells is not None
    win.close()
    return t


def trace_cells(repeat: int) -> list[tuple[str, float, float]]:
    """Hover conv2's value in Step details: cells lit inside every upstream thumbnail."""
    cells = [(0, c, i, j) for c, i, j in zip(range(16), range(1, 16), range(15, 0, -1))]
    return [("trace hover → cells in thumbnails",
             _hover_median("conv2", "forward", cells, "x", repeat), 16.0)]


def trace_gradient(repeat: int) -> list[tuple[str, float, float]]:
    """Hover relu1's gradient in Step details: consumers' gradient cells lit downstream."""
    cells = [(0, c, i, j) for c, i, j in zip(range(16), range(1, 31, 2), range(30, 0, -2))]
    return [("gradient hover → consumers' cells",
             _hover_median("relu1", "backward", cells, "conv2", repeat), 16.0)]


CASES: dict[str, Callable[[int], list[tuple[str, float, float]]]] = {
    "filter_lab": filter_lab, "feature_maps": feature_maps,
    "receptive_field": receptive_field, "trace": trace, "trace_cells": trace_cells,
    "trace_gradient": trace_gradient}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=15)
    p.add_argument("cases", nargs="*", metavar="CASE", help=f"any of {', '.join(CASES)}")
    args = p.parse_args(argv)
    unknown = [c for c in args.cases if c not in CASES]
    if unknown:
        p.error(f"unknown case {unknown[0]!r}; choose from {', '.join(CASES)}")
    for name in args.cases or list(CASES):
        for label, ms, target in CASES[name](args.repeat):
            verdict = "ok" if ms <= target else "OVER"
            print(f"{label:48s} median {ms:7.2f} ms   target ≤ {target:g} ms   {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
