"""The stepping player: what the nodes show matches the engine's arrays, forward and backward."""
from __future__ import annotations

from .conftest import PanelHost

import numpy as np
import pytest

from engine import Executor, Graph
from engine.examples import build
from graphviz_app.player.player import Player, batch_feeds
from graphviz_app.session import Session
from graphviz_app.player.value_render import fmt_number


class FakeNode:
    """Records what the player asks a NodeItem to show."""

    def __init__(self) -> None:
        self.state, self.image, self.text, self.color, self.tooltip = "idle", None, None, None, ""

    def set_run_state(self, state):
        self.state = state

    def set_value_display(self, image, text, color, shown=None):
        self.image, self.text, self.color, self.shown = image, text, color, shown

    def set_detail_tooltip(self, text):
        self.tooltip = text


class FakeEdge:
    def __init__(self) -> None:
        self.highlight, self.badge, self.badge_tip = None, None, None

    def set_highlight(self, kind):
        self.highlight = kind

    def set_badge(self, text, tooltip=None):
        self.badge, self.badge_tip = text, tooltip


class FakeScene:
    def __init__(self, graph: Graph) -> None:
        self.nodes = {n: FakeNode() for n in graph.nodes}
        self.edges = {e: FakeEdge() for e in graph.edges()}

    def node_item(self, nid):
        return self.nodes.get(nid)

    def edge_item(self, src, dst, port):
        return self.edges.get((src, dst, port))

    def group_item(self, gid):
        return None


def make(graph: Graph, dataset=None, qtbot=None):
    session = Session(graph)
    session.dataset = dataset
    scene = FakeScene(graph)
    messages: list[str] = []
    session.message.connect(messages.append)
    return Player(session, lambda: scene), session, scene, messages


def test_scalar_chain_forward_then_backward_matches_engine(qtbot):
    graph, _, _ = build("scalar_chain")
    player, session, scene, messages = make(graph)
    ids = {n.name: n.id for n in graph.nodes.values()}
    phases = []
    player.phase_changed.connect(phases.append)
    ref = Executor(graph.copy())
    ref.reset({})
    ref.run_backward()
    values, grads = ref.values(), ref.grads()

    rec = player.step_forward()
    assert rec.phase == "forward" and player.phase == "forward"
    assert scene.nodes[rec.node].state == "current"
    player.run_forward()
    for nid, node in scene.nodes.items():
        assert node.text == fmt_number(values[nid]), graph.nodes[nid].name
    assert scene.nodes[ids["J"]].text == "33"
    assert scene.nodes[ids["J"]].state == "current"
    # J reads v and three in the forward pass
    assert scene.edges[(ids["v"], ids["J"], 1)].highlight == "read"

    player.step_forward()
    assert player.phase == "backward"
    player.run_backward()
    assert player.phase == "done"
    assert phases == ["forward", "backward", "done"]
    for name, want in {"v": 3, "a": 3, "u": 3, "b": 6, "c": 9}.items():
        nid = ids[name]
        assert scene.nodes[nid].text == fmt_number(grads[nid]) == str(want)
        assert scene.nodes[nid].state in ("done_backward", "current_backward")
    # hover of J shows dJ/dv = g · three = 1 · 3 = 3; the multiply u shows the numbers
    assert "∂J/∂v = g · three = 1 · 3 = 3" in scene.nodes[ids["J"]].tooltip
    assert "∂J/∂b = g · c = 3 · 2 = 6" in scene.nodes[ids["u"]].tooltip
    assert "u = b · c = 3 · 2 = 6" in scene.nodes[ids["u"]].tooltip
    assert not messages


def test_step_back_restores_previous_display_without_recompute(qtbot):
    graph, _, _ = build("scalar_chain")
    player, session, scene, _ = make(graph)
    player.run_forward()
    n_records = len(player.executor.records)
    first_bwd = player.step_forward()
    assert first_bwd.phase == "backward"
    assert scene.nodes[first_bwd.node].state == "current_backward"
    player.step_back()
    assert len(player.executor.records) == n_records + 1      # nothing recomputed or lost
    assert player.phase == "forward"
    assert scene.nodes[first_bwd.node].state == "current"
    assert scene.nodes[first_bwd.node].text == "33"
    for _ in range(20):
        player.step_back()
    assert player.cursor == 0 and player.phase == "ready"
    assert all(n.state == "idle" and n.text is None for n in scene.nodes.values())


def test_fan_out_sum_equals_engine_gradient(qtbot):
    graph, _, _ = build("fan_out")
    player, session, scene, _ = make(graph)
    a = graph.by_name("a")
    player.run_backward()
    ref = Executor(graph.copy())
    ref.reset({})
    ref.run_backward()
    rec = [r for r in player.executor.records if r.node == a and r.phase == "backward"][0]
    assert len(rec.incoming) == 2
    parts = [float(g) for _, _, g in rec.incoming]
    total = float(ref.grads()[a])
    assert total == pytest.approx(sum(parts)) == pytest.approx(4.0)
    text = scene.nodes[a].text
    assert text.endswith(f"= {fmt_number(total)}")
    assert " + ".join(fmt_number(p) for p in parts) in text
    tip = scene.nodes[a].tooltip
    assert "sum of the gradients" in tip and f"dJ/da = {text}" in tip


def test_broadcast_badge_and_sum_reduction(qtbot):
    g = Graph()
    x = g.add_node("input", {"shape": (None, 3)}, name="x")
    b = g.add_node("parameter", {"shape": (3,), "init": "normal"}, name="b")
    z = g.add_node("add", name="z")
    g.connect(x, z, 0)
    g.connect(b, z, 1)
    j = g.add_node("mean", name="J")
    g.connect(z, j, 0)
    xs = np.arange(12.0).reshape(4, 3)

    class DS:
        arrays = {"x": xs}

    player, session, scene, _ = make(g, DS())
    player.run_forward()
    edge = scene.edges[(b, z, 1)]
    assert edge.badge == "broadcast 3 → Nx3"
    assert scene.edges[(x, z, 0)].badge is None
    z_val = player.executor.values()[z]
    np.testing.assert_allclose(z_val, xs + g.nodes[b].weights["value"])
    assert scene.nodes[z].image is not None            # a matrix shows as a heatmap
    player.run_backward()
    assert edge.badge == "Σ over axis 0: Nx3 → 3"
    wg = player.executor.weight_grads()[(b, "value")]
    np.testing.assert_allclose(wg, np.full(3, 4 / 12))
    assert "summed" in edge.badge_tip


def test_dataset_first_batch_and_edit_resets(qtbot):
    graph, ds, _ = build("xor_mlp")
    player, session, scene, messages = make(graph, ds)
    feeds, invented = batch_feeds(graph, ds, 4)
    assert not invented and feeds["x"].shape == (4, 2)
    player.run_backward()
    assert player.phase == "done"
    x = graph.by_name("x")
    np.testing.assert_allclose(player.executor.values()[x], ds.arrays["x"][:4])
    d1 = graph.by_name("dense1")
    assert scene.nodes[d1].image is not None
    assert scene.nodes[d1].state in ("done_backward", "current_backward")
    graph.set_ui(d1, pos=(10, 10))                      # moving a node keeps the steps
    assert player.phase == "done"
    graph.set_param(d1, "units", 8)                      # an edit resets the player
    assert player.executor is None and player.phase == "ready"
    assert scene.nodes[d1].state == "idle" and scene.nodes[d1].image is None


def test_unrunnable_graph_gives_a_message_not_an_exception(qtbot):
    g = Graph()
    g.add_node("add", name="lonely")
    player, session, scene, messages = make(g)
    assert player.step_forward() is None
    assert messages and "cannot step" in messages[0]
    assert player.phase == "ready"


def test_play_uses_a_timer_and_stops_at_the_end(qtbot):
    graph, _, _ = build("scalar_chain")
    player, session, scene, messages = make(graph)
    ticks = []
    player.step_taken.connect(lambda rec: ticks.append(player.cursor))
    player.set_speed(200)
    player.play()
    assert player.playing
    qtbot.waitUntil(lambda: not player.playing, timeout=30000)
    state = (player.phase, player.cursor, player.total_steps, len(ticks), messages)
    assert player.phase == "done", state
    assert player.cursor == player.total_steps and len(ticks) >= player.total_steps, state


def test_real_canvas_items_and_install(window):
    """The player installed in the main window drives the real scene: the items show the steps."""
    graph, _, _ = build("fan_out")
    window.session.replace_graph(graph)
    win, player = window, window.player
    assert player.toolbar.actions_by_name["step"].shortcuts()[0].toString() == "F10"
    player.toolbar.actions_by_name["step"].trigger()
    player.toolbar.actions_by_name["backward"].trigger()
    assert player.phase == "done"
    a, u = graph.by_name("a"), graph.by_name("u")
    item = win.scene.node_item(a)
    assert item.run_state in ("done_backward", "current_backward")
    assert item._val_text is not None and item._val_text.text() == "1 + 3 = 4"   # from J, then from u
    assert "sum of the gradients" in item.detail_tooltip
    assert win.scene.edge_item(a, u, 0).highlight is None or player.current_node == a
    assert "step 5/5" in player.toolbar.status.text() or "done" in player.toolbar.status.text()
    player.toolbar.actions_by_name["reset"].trigger()
    assert item.run_state == "idle" and item._val_text is None


def test_finished_pass_leaves_no_node_current(qtbot):
    """After the last backward step no node or edge keeps the 'current' look; the status says
    done, and stepping back makes the last node current again."""
    graph, _, _ = build("scalar_chain")
    player, session, scene, messages = make(graph)
    phases = []
    player.phase_changed.connect(phases.append)
    player.run_backward()
    assert player.phase == "done" and phases[-1] == "done"
    states = {n.state for n in scene.nodes.values()}
    assert not any(s.startswith("current") for s in states), states
    assert all(e.highlight is None for e in scene.edges.values())
    assert player.status_text().startswith("done · forward and backward passes complete")
    assert "Cost J = 33" in player.finished_text()
    assert player.step_forward() is None
    assert "nothing left to step" in messages[-1]
    player.step_back()                    # the step before the last is current again
    assert scene.nodes[player.current_node].state == "current_backward"
    assert player.status_text().startswith("backward")


def test_forward_only_graph_finishes_without_current_node(qtbot):
    g = Graph()
    x = g.add_node("input", {"shape": (None, 2)}, name="x")
    d = g.add_node("dense", {"units": 3}, name="d")
    g.connect(x, d, 0)
    player, session, scene, messages = make(g)
    player.run_backward()
    assert player.phase == "done"
    assert {n.state for n in scene.nodes.values()} == {"done"}
    assert "no backward: no scalar cost" in player.status_text()
    assert any("no backward pass" in m for m in messages)


def test_panel_shows_finished_summary(qtbot):
    from graphviz_app.panels.watch.player_panel import PlayerPanel, PlayerToolBar
    graph, _, _ = build("fan_out")
    player, session, scene, _ = make(graph)
    panel, bar = PlayerPanel(player), PlayerToolBar(player)
    qtbot.addWidget(panel)
    qtbot.addWidget(bar)
    player.run_backward()
    assert panel.heading.text().startswith("done")
    assert bar.status.text().startswith("done")
    assert panel.text.toPlainText().startswith("Finished.")
    assert panel.picture.isHidden()
    player.step_back()
    assert not panel.picture.isHidden() and "Finished" not in panel.text.toPlainText()


def test_unconnected_input_names_the_port_and_the_fix(qtbot):
    g = Graph()
    x = g.add_node("input", {"shape": (None, 2)}, name="x")
    s = g.add_node("add", name="s")
    g.connect(x, s, 0)
    j = g.add_node("mean", name="J")
    g.connect(s, j, 0)
    player, session, scene, messages = make(g)
    assert player.step_forward() is None
    assert messages[-1] == ("cannot step: s: input b (port 1) is not connected; "
                            "fix the graph, then Step (F10) again")
    player.run_backward()
    assert player.executor is None and player.phase == "ready"
    assert all(n.state == "idle" for n in scene.nodes.values())
    assert len(g.nodes) == 3                 # nothing the user made is touched


def test_invented_feeds_say_what_they_are(qtbot):
    graph, _, _ = build("inception_module")
    player, session, scene, messages = make(graph)
    player.step_forward()
    assert messages == ["stepping with random numbers for x and zeros (class 0) for y "
                        "(no dataset array of that name)"]


@pytest.mark.parametrize("name", ["scalar_chain", "fan_out", "logistic_regression", "xor_mlp",
                                  "linear_collapse", "dev_mismatch", "housing", "small_cnn",
                                  "inception_module", "inception_naive", "embedding"])
def test_every_example_steps_through_on_the_real_canvas(qtbot, name, monkeypatch):
    """Each node gets a display, no slot raises (PySide6 only prints those), none stays
    current at the end, and stepping all the way back clears the canvas."""
    import sys

    from PySide6.QtWidgets import QMainWindow

    from graphviz_app.canvas.scene import GraphScene
    from graphviz_app.player.player import install_player

    raised = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: raised.append(exc))
    graph, ds, _ = build(name)
    session = Session(graph)
    session.dataset = ds
    win = PanelHost(session)
    qtbot.addWidget(win)
    player = install_player(win, session)
    steps = 0
    for _ in range(4 * len(graph.nodes) + 10):        # bounded: a stepping bug fails, not hangs
        if player.step_forward() is None:
            break
        steps += 1
    assert steps == player.total_steps and player.phase == "done"
    for nid in graph.nodes:
        item = win.scene.node_item(nid)
        assert item._val_text is not None or item._pix_item is not None, graph.nodes[nid].name
        assert not item.run_state.startswith("current"), graph.nodes[nid].name
    for _ in range(steps):
        player.step_back()
    assert all(win.scene.node_item(n).run_state == "idle" for n in graph.nodes)
    assert not raised


def test_collapsed_group_shows_which_member_is_computed(qtbot):
    """The inception module is collapsed into one box: stepping into it lights the box and
    names the member being computed; reset puts it back to its plain look."""
    from PySide6.QtWidgets import QMainWindow

    from graphviz_app.canvas.scene import GraphScene
    from graphviz_app.player.player import install_player

    graph, _, _ = build("inception_module")
    session = Session(graph)
    win = PanelHost(session)
    qtbot.addWidget(win)
    player = install_player(win, session)
    (gid, group), = graph.groups.items()
    box = win.scene.group_item(gid)
    assert box.collapsed and box.run_state == "idle"
    for _ in range(len(graph.nodes) + 1):             # bounded: reaching the group or failing
        if player.current_node in group.members:
            break
        player.step_forward()
    assert player.current_node in group.members
    name = graph.nodes[player.current_node].name
    assert box.run_state == "current" and name in box.run_text and "forward" in box.run_text
    assert name in box._info.text()
    player.run_forward()
    assert box.run_state == "done"
    assert box.run_text == f"{len(group.members)}/{len(group.members)} nodes computed"
    player.reset()
    assert box.run_state == "idle" and box.run_text is None
    assert "double-click" in box._info.text()
