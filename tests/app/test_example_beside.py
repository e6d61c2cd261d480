"""The inception example opens the real GoogLeNet beside itself, in a second window, built in
a worker with progress and cancel; GoogLeNet stays out of the examples registry."""
from __future__ import annotations

from engine.examples import EXAMPLES


def _beside_step(panel):
    return next(s for s in panel.guide.steps if s.do == "open_beside")


def test_inception_opens_googlenet_in_a_second_window(window, qtbot):
    assert "googlenet_onnx" not in EXAMPLES
    window.files.open_example("inception_28")
    panel = window.panels["example_guide"]
    step = _beside_step(panel)
    progress = []
    with qtbot.waitSignal(panel.beside.opened, timeout=60000) as opened:
        assert panel.run_step(step)
        panel.beside.job.progressed.connect(lambda f, what: progress.append(f))
        assert not panel.run_step(step)         # one at a time
    other = opened.args[0]
    assert other is not window and other.isVisible()
    graph = other.session.graph
    modules = [g for g in graph.groups.values() if g.name.startswith("inception_")]
    assert len(modules) == 9 and all(g.collapsed for g in modules)
    assert sum(w.size for n in graph.nodes.values() for w in n.weights.values()) > 6_000_000
    assert other.scene.items()                               # drawn on its own canvas
    assert window.session.example_name == "inception_28"    # the first window keeps its example
    assert progress and max(progress) <= 1.0
    assert other.open_here.objectName() == "beside_open_here_button"
    other.close()
    qtbot.waitUntil(lambda: panel.beside.windows == [], timeout=5000)


def test_cancelling_opens_nothing(window, qtbot):
    window.files.open_example("inception_28")
    panel = window.panels["example_guide"]
    opened = []
    panel.beside.opened.connect(opened.append)
    with qtbot.waitSignal(panel.beside.ended, timeout=60000) as ended:
        assert panel.run_step(_beside_step(panel))
        panel.beside.cancel()
    assert ended.args == ["cancelled"] and opened == [] and panel.beside.windows == []
