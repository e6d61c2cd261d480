"""The five examples of engine.examples_more in the window (each opens, steps and shows its
panels in test_every_example.py): their one-click steps do what the guides
say (time the loops, break and fix the practice layer for the gradient check)."""
from __future__ import annotations

import pytest

from engine import guides
from engine.examples_more import MORE_EXAMPLES



def test_vectorization_opens_on_the_timing_tab_and_its_step_times_both(window, qtbot):
    window.resize(1280, 720)
    window.files.open_example("vectorization")
    data = window.panels["data_panel"]
    qtbot.waitUntil(lambda: data.tabs.tabText(data.tabs.currentIndex()) == "Loops vs vectorized",
                    timeout=5000)
    panel = window.panels["example_guide"]
    data.tabs.setCurrentIndex(0)                      # the step brings the tab back itself
    step = next(s for s in panel.guide.steps if s.do == "panel")
    assert panel.run_step(step)
    assert data.tabs.tabText(data.tabs.currentIndex()) == "Loops vs vectorized"
    qtbot.waitUntil(lambda: "faster" in data.loop_result.text(), timeout=60000)
    assert "1797 examples × 64 features" in data.loop_result.text()
    assert "the 0/1 label" in data.loop_result.text()


def test_a_panel_step_naming_a_missing_button_says_so(window):
    window.files.open_example("vectorization")
    messages = []
    window.session.message.connect(messages.append)
    panel = window.panels["example_guide"]
    step = guides.Step("Press it", "panel", {"panel": "Data", "press": "No such button"})
    assert not panel.run_step(step)
    assert any("No such button" in m and "Data" in m for m in messages)
    step = guides.Step("Tab", "panel", {"panel": "Data", "tab": "No such tab"})
    assert not panel.run_step(step)
    assert any("No such tab" in m for m in messages)


def _check(window, qtbot, panel) -> set[str]:
    """Run the guide's gradient-check step; the arrays the dock calls wrong."""
    check = window.gradcheck_panel
    step = next(s for s in panel.guide.steps if s.do == "gradcheck")
    with qtbot.waitSignal(check.checked, timeout=30000):
        assert panel.run_step(step)
    assert len(check.results) == 6
    return {f"{c.node_name}.{c.array}" for c in check.results if c.verdict == "wrong"}


def test_gradient_checking_steps_break_and_fix_the_backward_pass(window, qtbot):
    window.files.open_example("gradient_checking")
    panel = window.panels["example_guide"]
    graph = window.session.graph
    node = graph.nodes[graph.by_name("hidden2")]
    assert _check(window, qtbot, panel) == set()
    by_label = {s.label: s for s in panel.guide.steps}
    assert panel.run_step(by_label["Break it: flip the sign of dW"])
    assert node.params["mistake"] == "wrong_sign"
    assert _check(window, qtbot, panel) == {"hidden2.W"}
    assert panel.run_step(by_label["Break it: pass no gradient back"])
    assert _check(window, qtbot, panel) == {"hidden1.W", "hidden1.b"}
    assert panel.run_step(by_label["Fix it"])
    assert node.params["mistake"] == "none"
    assert _check(window, qtbot, panel) == set()
    window.session.undo()                              # each switch is one undoable edit
    assert node.params["mistake"] == "no_dx"


def test_digits_mismatch_offers_both_dev_sets_with_the_noisy_one_chosen(window):
    window.files.open_example("digits_mismatch")
    tp = window.training_panel
    names = [tp.dev_set.itemText(i) for i in range(tp.dev_set.count())]
    assert names[1:] == ["clean digits", "noisy, shifted digits"]
    assert tp.dev_set.currentText() == "noisy, shifted digits"
    train, dev = tp.data_split()
    assert len(dev) == 360 and dev.name == "noisy, shifted digits"


WITH_PANEL_STEPS = [n for n in sorted(MORE_EXAMPLES)
                    if any(s.do == "panel" and "press" not in s.args for s in guides.load(n).steps)]


@pytest.mark.parametrize("name", WITH_PANEL_STEPS)
def test_every_panel_step_finds_its_panel_and_tab(window, name):
    window.files.open_example(name)
    panel = window.panels["example_guide"]
    steps = [s for s in panel.guide.steps if s.do == "panel" and "press" not in s.args]
    assert steps
    for step in steps:
        assert panel.run_step(step), step
        dock = window.docks[step.args["panel"]]          # steps name docks by object name
        assert dock.isVisible()


def test_the_clean_dev_verdict_misleads_and_the_noisy_one_names_the_mismatch():
    """What the guide says the Loss curves verdict reads, for each of the two dev sets."""
    from engine.examples import build
    from engine.training import TrainConfig, Trainer
    from engine.inspect.loss_diagnosis import diagnose
    said = {}
    for dev_name in ("clean digits", "noisy, shifted digits"):
        graph, train, info = build("digits_mismatch")
        t = Trainer(graph, train, info["dev_sets"][dev_name], TrainConfig(**info["train"]))
        t.run()
        said[dev_name] = diagnose(t.history, dev_name=dev_name)
    assert said["clean digits"][0] == "neither"
    verdict, advice = said["noisy, shifted digits"]
    assert verdict == "high variance" and "noisy, shifted digits" in advice
    assert "mismatch" in advice
