"""Data and embedding benchmarks: PCA, t-SNE beside a live GUI timer, CSV import, image folder.

    QT_QPA_PLATFORM=offscreen python benchmarks/views_data.py [--repeats N] [--cases pca,tsne]

Each case returns ``{"median_ms", "target_ms", "detail"}`` and :data:`CASES` maps names to
cases (``fn(repeats) -> dict``), so a larger harness can run them too. Targets (issue 11):
pca 2,000 x 64 in <= 20 ms; tsne of the 1,797 digits in <= 10 s on 2 cores with no GUI timer
gap over 100 ms, and cancelled within 1 s (tsne_cancel); csv_import 10,000 x 20 in <= 1 s;
image_folder 1,000 images in <= 3 s.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGETS_MS = {"pca": 20.0, "tsne": 10_000.0, "tsne_cancel": 1000.0, "csv_import": 1000.0, "image_folder": 3000.0}
GAP_TARGET_MS = 100.0


def _median_ms(fn, repeats: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(max(1, repeats)):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def bench_pca(repeats: int) -> dict:
    from engine.inspect.projection import pca
    x = np.random.default_rng(0).normal(size=(2000, 64))
    ms = _median_ms(lambda: pca(x), max(repeats, 7))
    return {"median_ms": ms, "target_ms": TARGETS_MS["pca"], "detail": "2000 x 64, eigenvectors of XᵀX"}


def _app():
    from PySide6.QtWidgets import QApplication
    return QApplication.instance() or QApplication(["views_data"])


def bench_tsne(repeats: int) -> dict:
    """t-SNE of the digits (a child process started from a worker job, one thread) while a
    10 ms timer ticks on the GUI thread; the time includes starting that process."""
    from PySide6.QtCore import QEventLoop, QTimer

    from engine.data.digits import digits
    from engine.inspect.projection import tsne
    from graphviz_app.editor.jobs import Job
    app = _app()
    x = digits()["x"]
    times, gaps = [], []
    for _ in range(max(1, min(repeats, 3))):
        ticks: list[float] = []
        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        loop = QEventLoop()
        job = Job(lambda progress, stop: tsne(x, progress=progress, should_stop=stop), "t-SNE")
        job.ended.connect(loop.quit)
        timer.start()
        t = time.perf_counter()
        job.start()
        loop.exec()
        times.append((time.perf_counter() - t) * 1000)
        timer.stop()
        gaps.append(max(np.diff(ticks)) * 1000 if len(ticks) > 1 else float("inf"))
    del app
    return {"median_ms": statistics.median(times), "target_ms": TARGETS_MS["tsne"],
            "detail": f"1797 digits, child process, one thread, {os.cpu_count()} cores, load "
                      f"{os.getloadavg()[0] if hasattr(os, 'getloadavg') else float('nan'):.1f}; longest GUI timer gap {max(gaps):.0f} ms "
                      f"(target <= {GAP_TARGET_MS:.0f} ms)", "gap_ms": max(gaps)}


def bench_tsne_cancel(repeats: int) -> dict:
    """From Cancel, a third of the way through a t-SNE of the digits, to the job's end (the
    child process ended and reaped)."""
    from PySide6.QtCore import QEventLoop

    from engine.data.digits import digits
    from engine.inspect.projection import tsne
    from graphviz_app.editor.jobs import Job
    app = _app()
    x = digits()["x"]
    waits = []
    for _ in range(max(1, min(repeats, 3))):
        loop = QEventLoop()
        job = Job(lambda progress, stop: tsne(x, progress=progress, should_stop=stop), "t-SNE")
        asked: list[float] = []

        def on_progress(fraction: float, _what: str, job=job, asked=asked) -> None:
            if fraction >= 0.33 and not asked:
                asked.append(time.perf_counter())
                job.cancel()
        job.progressed.connect(on_progress)
        job.ended.connect(loop.quit)
        job.start()
        loop.exec()
        waits.append((time.perf_counter() - asked[0]) * 1000 if asked else float("inf"))
    del app
    return {"median_ms": statistics.median(waits), "target_ms": TARGETS_MS["tsne_cancel"],
            "detail": "1797 digits, cancelled a third of the way through"}


def bench_csv_import(repeats: int) -> dict:
    from engine.data.csv_import import import_csv
    rng = np.random.default_rng(0)
    values = rng.normal(size=(10_000, 19))
    cities = np.array(["paris", "rome", "oslo", "lima"])[rng.integers(0, 4, 10_000)]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "big.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write(",".join(f"f{j}" for j in range(19)) + ",city\n")
            for row, c in zip(values, cities):
                f.write(",".join(f"{v:.6f}" for v in row) + f",{c}\n")
        ms = _median_ms(lambda: import_csv(path, target="city"), max(repeats, 3))
    return {"median_ms": ms, "target_ms": TARGETS_MS["csv_import"],
            "detail": "10,000 rows x 20 columns (19 numbers, a text target), read and converted"}


def bench_image_folder(repeats: int) -> dict:
    """1,000 PNG files (64x64 colour, 10 classes) decoded by Qt and resized to 32x32 grey."""
    from PySide6.QtGui import QColor, QImage

    from engine.data.image_folder import load_image_folder
    from graphviz_app.editor.data_import import qt_decode
    _app()
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(10):
            os.makedirs(os.path.join(tmp, f"class{k}"))
        for i in range(1000):
            img = QImage(64, 64, QImage.Format.Format_RGB32)
            img.fill(QColor(*(int(v) for v in rng.integers(0, 256, 3))))
            img.save(os.path.join(tmp, f"class{i % 10}", f"{i}.png"), "PNG")
        ms = _median_ms(lambda: load_image_folder(tmp, 32, True, qt_decode), max(repeats, 3))
    return {"median_ms": ms, "target_ms": TARGETS_MS["image_folder"],
            "detail": "1000 PNG files 64x64 → 32x32 grey, decoded with QImageReader"}


CASES = {"pca": bench_pca, "tsne": bench_tsne, "tsne_cancel": bench_tsne_cancel, "csv_import": bench_csv_import,
         "image_folder": bench_image_folder}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--cases", default=",".join(CASES))
    args = ap.parse_args(argv)
    for name in args.cases.split(","):
        r = CASES[name](args.repeats)
        ok = r["median_ms"] <= r["target_ms"] and r.get("gap_ms", 0) <= GAP_TARGET_MS
        print(f"{name}: median {r['median_ms']:.1f} ms (target <= {r['target_ms']:.0f} ms) "
              f"{'ok' if ok else 'OVER'} — {r['detail']}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
