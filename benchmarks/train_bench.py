"""Training speed with the live GUI against the engine alone, measured in the same run.

Trains the 2-16-16-2 network (example ``xor_mlp``) on 1000 points at batch size 32 (Adam) in the
app's training worker with the loss panel shown (offscreen), and reports the median iterations
per second over several runs, how many times a second the plots were redrawn (the panel allows
at most 20), and the longest stall of a 10 ms GUI timer. As a reference, the same training runs
with the engine's Trainer alone, no Qt involved.

    python -m benchmarks.train_bench [--runs 3] [--epochs 100]

Targets: GUI iterations/s >= 2000, refreshes/s <= 20, longest GUI timer gap < 50 ms (the
Training dock and the loss panel both on screen; tests/app/test_training_panel.py only asserts a
generous bound that still catches stalls of a second or more).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from engine import datasets  # noqa: E402
from engine.examples import build  # noqa: E402
from engine.training import TrainConfig, Trainer  # noqa: E402


def config(epochs: int) -> TrainConfig:
    return TrainConfig(optimizer="adam", lr=0.01, batch_size=32, epochs=epochs, seed=0)


def engine_only(epochs: int) -> float:
    """Iterations per second of the bare Trainer."""
    graph, _, _ = build("xor_mlp")
    trainer = Trainer(graph, datasets.xor(n=1000, seed=0), datasets.xor(n=250, seed=1),
                      config(epochs))
    t = time.perf_counter()
    trainer.run()
    return trainer.iteration / (time.perf_counter() - t)


def with_gui(app, epochs: int) -> dict:
    """One run in the training worker with the loss panel on screen."""
    from PySide6.QtCore import QEventLoop, QTimer

    from graphviz_app.panels.watch.loss_panel import LossPanel
    from graphviz_app.panels.watch.training_panel import TrainingPanel
    from graphviz_app.session import Session
    from graphviz_app.training.worker import TrainingController

    graph, _, _ = build("xor_mlp")
    session = Session(graph)
    controller = TrainingController(session)
    panel = LossPanel(controller)
    panel.resize(900, 320)
    panel.show()
    dock = TrainingPanel(session, controller)
    dock.resize(420, 600)
    dock.show()
    app.processEvents()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    loop = QEventLoop()
    controller.run_ended.connect(lambda run: loop.quit())
    refreshes0 = panel.refresh_count
    start = time.perf_counter()
    timer.start()
    run = controller.enqueue("bench", config(epochs), datasets.xor(n=1000, seed=0),
                             datasets.xor(n=250, seed=1))
    loop.exec()
    wall = time.perf_counter() - start
    timer.stop()
    QTimer.singleShot(100, loop.quit)      # let the last throttled redraw happen
    loop.exec()
    controller.wait()
    session.undo_stack.cleanChanged.disconnect()
    result = {"its": run.iteration / wall, "worker_its": run.its_per_s,
              "refresh_per_s": (panel.refresh_count - refreshes0) / wall,
              "max_gap_ms": 1000 * max(gaps[1:], default=0.0), "iterations": run.iteration}
    for w in (panel, dock):
        w.close()
        w.deleteLater()
    return result


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=100)
    args = ap.parse_args(argv)
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication([])
    gui, ref = [], []
    for _ in range(args.runs):
        ref.append(engine_only(args.epochs))
        gui.append(with_gui(app, args.epochs))
    med = {k: statistics.median(r[k] for r in gui) for k in gui[0]}
    ref_med = statistics.median(ref)
    print(f"xor_mlp 2-16-16-2, 1000 points, batch 32, adam, {args.epochs} epochs "
          f"({gui[0]['iterations']} iterations), median of {args.runs} runs")
    print(f"  engine only      : {ref_med:8.0f} it/s")
    print(f"  GUI (loss panel) : {med['its']:8.0f} it/s wall clock ({med['worker_its']:.0f} it/s "
          f"inside the worker) = {med['its'] / ref_med:.2f} x engine   [target >= 2000]")
    print(f"  plot refreshes   : {med['refresh_per_s']:8.1f} per second   [limit <= 20]")
    print(f"  GUI timer stall  : {med['max_gap_ms']:8.1f} ms longest gap of a 10 ms timer   "
          "[target < 50]")


if __name__ == "__main__":
    main()
