"""Each look-inside panel through the screenshot path (--example, --run, --panel at 1280x720):
raised in front, with what it shows computed; and once through the real command line."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from graphviz_app.app import check_shot_args, parse_args, prepare_shot


def _in_front(dock) -> bool:
    if not dock.isVisible():
        return False
    w = dock.parentWidget().childAt(dock.geometry().center())
    while w is not None and w is not dock:
        w = w.parentWidget()
    return w is dock


@pytest.mark.parametrize("example, title, dock, run, shown", [
    ("xor_mlp", "Decision boundary", "decision_boundary_dock", "train:3",
     lambda p: p.maps is not None and p.maps.classes.shape == (100, 100)),
    ("xor_mlp", "Activations", "activations_dock", "train:3",
     lambda p: len(p.stats) == 3 and p.heat_image.image is not None),
    ("logistic_regression", "Cost surface", "cost_surface_dock", "train:20",
     lambda p: set(p.surfaces) == {"cross-entropy", "squared error"} and len(p.paths) == 1),
    ("housing", "Hidden units", "hidden_units_dock", "train:5",
     lambda p: p.r is not None and p.table.rowCount() == 3),
])
def test_panel_in_a_screenshot(window, qtbot, tmp_path, example, title, dock, run, shown):
    from PySide6.QtWidgets import QApplication
    args = parse_args(["--screenshot", str(tmp_path / "x.png"), "--example", example,
                       "--run", run, "--panel", title, "--size", "1280x720"])
    window.files.open_example(example)
    check_shot_args(window, args)
    prepare_shot(window, QApplication.instance(), args)
    assert _in_front(window.docks[dock])
    panel = window.dock_manager.content(dock)
    qtbot.waitUntil(lambda: shown(panel), timeout=10000)
    assert (window.width(), window.height()) == (1280, 720)
    assert not window.grab().isNull()


def test_command_line_screenshot_of_the_decision_boundary(tmp_path):
    out = tmp_path / "db.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GRAPHVIZ_APP_DATA=str(tmp_path))
    r = subprocess.run([sys.executable, "-m", "graphviz_app", "--screenshot", str(out),
                        "--example", "xor_mlp", "--panel", "Decision boundary", "--size",
                        "1280x720"], env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert out.stat().st_size > 10_000
