"""The welcome page and the Example panel: examples by topic with drawn pictures; an example
opens with its guide, its layout and panels; guide steps act through the app and undo; every
control a guide names exists in the window."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton

from engine import guides
from engine.examples import EXAMPLES
from graphviz_app.welcome import ordered_examples

from .test_window_shell import _in_front


def _control_names(window) -> set[str]:
    def plain(t: str) -> str:
        return t.replace("&", "").replace("…", "").replace("▶", "").replace("◀", "").strip()
    names = {plain(a.text()) for a in window.findChildren(QAction)}
    names |= {plain(b.text()) for b in window.findChildren(QAbstractButton)}
    names |= {d.windowTitle() for d in window.docks.values()}
    return names


def test_every_control_a_guide_names_exists(window):
    names = _control_names(window)
    missing = {(n, c) for n, g in guides.load_all(EXAMPLES).items() for c in g.controls()
               if c not in names}
    assert not missing


def test_opening_an_example_shows_its_guide_layout_and_panels(window, qtbot):
    window.resize(1280, 720)
    window.files.open_example("xor_mlp")
    panel = window.panels["example_guide"]
    guide = guides.load("xor_mlp")
    assert panel.title.text() == guide.title
    assert "What to try" in panel.body.text() and "<b>Training</b>" in panel.body.text()
    assert [b.text() for b in panel.step_buttons] == [s.label for s in guide.steps]
    qtbot.waitUntil(lambda: _in_front(window.docks["example_dock"]), timeout=5000)
    for title in guide.panels:                                # the guide's own panels
        dock = window.docks[window.dock_manager.by_title(title)]
        qtbot.waitUntil(lambda d=dock: _in_front(d), timeout=5000)
    assert "Decision boundary" in guide.panels
    assert not _in_front(window.docks["palette_dock"])      # the guide is in front of it
    assert not _in_front(window.docks["history_dock"])
    window.files.new()
    assert panel.guide is None and not panel.step_buttons


def test_a_parameter_step_edits_the_graph_in_one_undo(window):
    window.files.open_example("xor_mlp")
    panel = window.panels["example_guide"]
    graph = window.session.graph
    button = next(b for b in panel.step_buttons if "linear" in b.text())
    button.click()
    acts = [graph.nodes[graph.by_name(n)].params["activation"] for n in ("dense1", "dense2")]
    assert acts == ["identity", "identity"]
    window.session.undo()
    acts = [graph.nodes[graph.by_name(n)].params["activation"] for n in ("dense1", "dense2")]
    assert acts == ["relu", "relu"]


def test_a_train_step_runs_training(window, qtbot):
    window.files.open_example("logistic_regression")
    panel = window.panels["example_guide"]
    train = next(s for s in panel.guide.steps if s.do == "train")
    with qtbot.waitSignal(window.training.run_ended, timeout=60000):
        assert panel.run_step(train)
    assert window.training_panel.epochs.value() == train.args["epochs"]


def test_a_step_on_an_edited_graph_says_why_it_cannot(window):
    window.files.open_example("linear_collapse")
    messages = []
    window.session.message.connect(messages.append)
    panel = window.panels["example_guide"]
    graph = window.session.graph
    window.session.graph.rename(graph.by_name("dense1"), "first")
    step = next(s for s in panel.guide.steps if s.do == "params")
    assert not panel.run_step(step)
    assert any("dense1" in m and "no node" in m for m in messages)


def test_welcome_lists_examples_by_topic_with_drawn_pictures(window, qtbot):
    window.show_welcome()
    assert window.welcome_shown()
    page = window.welcome
    names = [page.examples.item(i).data(0x0100) for i in range(page.examples.count())]
    assert sorted(names) == sorted(EXAMPLES)
    assert names == [n for _, n, _ in ordered_examples()]
    orders = [guides.load(n).order for n in names]
    assert orders == sorted(orders)
    qtbot.waitUntil(lambda: page.thumbnails_pending() == 0, timeout=30000)
    img = page.items["xor_mlp"].icon().pixmap(200, 110).toImage()
    px = np.array([[img.pixelColor(x, y).lightness() for x in range(0, img.width(), 4)]
                   for y in range(0, img.height(), 4)])
    assert px.std() > 5      # a drawn graph, not a blank square
    page.examples.itemClicked.emit(page.items["fan_out"])
    assert not window.welcome_shown()
    assert window.session.example_name == "fan_out"


def test_help_examples_brings_the_welcome_page_back(window):
    window.files.open_example("fan_out")
    assert not window.welcome_shown()
    window.actions.welcome.trigger()
    assert window.welcome_shown()
    window.welcome.new_button.click()
    assert not window.welcome_shown() and len(window.session.graph.nodes) == 0
