"""Every example, one after another in one window as a learner would open them: it opens clean
(no shape issue), brings its guide's panels to the front at 1280x720, and the player steps it
forward through every node and backward to the end, with no error said on the way."""
from __future__ import annotations

import pytest

from engine import guides
from engine.examples import EXAMPLES

from .test_window_shell import _in_front


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_example_opens_steps_both_ways_and_shows_its_panels(shared, qtbot, name):
    window = shared
    window.resize(1280, 720)
    messages: list[str] = []
    window.session.message.connect(messages.append)
    try:
        assert window.files.open_example(name)
        graph = window.session.graph
        assert graph.issues == []
        assert window.session.example_name == name
        for title in guides.load(name).panels:
            dock = window.docks[window.dock_manager.by_title(title)]
            qtbot.waitUntil(lambda d=dock: _in_front(d), timeout=5000)
        player = window.player
        player.run_forward()
        ex = player.executor
        assert ex is not None and ex.cursor == ex.forward_steps == len(graph.nodes)
        player.run_backward()
        assert player.phase == "done" and ex.total_steps > ex.forward_steps
        backward = {graph.nodes[r.node].name for r in ex.records if r.phase == "backward"}
        assert graph.nodes[ex.target].name in backward
        assert not [m for m in messages if "cannot" in m.lower() or "error" in m.lower()]
    finally:
        window.session.message.disconnect(messages.append)
