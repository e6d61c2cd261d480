"""Guide steps find panels, tabs and buttons by object name, so they work in Chinese too."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTabWidget

from engine import guides
from graphviz_app import i18n


@pytest.fixture(autouse=True)
def english_after(qapp):
    yield
    i18n.apply(i18n.ENGLISH)


def _step(panel, do: str, key: str):
    return next(s for s in panel.guide.steps if s.do == do and key in s.args)


def test_a_tab_step_finds_its_tab_in_chinese(window):
    window.actions.language.choose(i18n.CHINESE)
    window.files.open_example("activation_functions")
    panel = window.panels["example_guide"]
    step = _step(panel, "panel", "tab")
    assert step.label == "显示 f 和 f′"                            # the Chinese guide
    tabs = window.docks["activations_dock"].widget().findChild(QTabWidget)
    tabs.setCurrentIndex(0)
    assert tabs.tabText(2) != "Activation functions"             # the window is in Chinese
    assert panel.run_step(step)
    assert tabs.currentWidget().objectName() == "activations_functions_tab"
    assert tabs.currentIndex() == 2


def test_a_press_step_presses_its_button_in_chinese(window):
    window.actions.language.choose(i18n.CHINESE)
    window.files.open_example("vectorization")
    panel = window.panels["example_guide"]
    step = _step(panel, "panel", "press")
    button = window.panels["data_panel"].time_button
    assert button.text() != "Time one gradient step both ways"
    button.clicked.disconnect()             # the press is the point here, not the timing
    pressed = []
    button.clicked.connect(lambda: pressed.append(True))
    assert panel.run_step(step)
    assert pressed == [True]
    assert window.panels["data_panel"].tabs.currentWidget().objectName() == "data_loops_tab"


def test_a_step_naming_a_missing_tab_says_so(window):
    window.files.open_example("activation_functions")
    panel = window.panels["example_guide"]
    messages = []
    window.session.message.connect(messages.append)
    bad = guides.Step("Show", "panel", {"panel": "activations_dock", "tab": "no_such_tab"})
    assert not panel.run_step(bad)
    assert any("no_such_tab" in m and "Activations" in m for m in messages)


def test_guides_refuse_shown_text_where_an_id_belongs():
    base = {"title": "t", "topic": "t", "shows": "s", "look_for": "l", "try": ["a", "b"]}
    for args in ({"panel": "Activations"}, {"panel": "activations_dock", "tab": "Layers"},
                 {"panel": "data_dock", "press": "Time one gradient step both ways"}):
        with pytest.raises(guides.GuideError, match="stable id"):
            guides.parse("x", {**base, "steps": [{"label": "L", "do": "panel", **args}]})
    ok = guides.parse("x", {**base, "steps": [{"label": "L", "do": "panel",
                                               "panel": "data_dock", "tab": "data_loops_tab"}]})
    assert ok.steps[0].args["tab"] == "data_loops_tab"
