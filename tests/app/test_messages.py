"""Messages that last: the session's log, the Messages panel, and the refusal notice on the
canvas (whole, inside the view, until the next action)."""
from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt

from engine import Graph
from engine.examples import build
from graphviz_app.panels.build.messages import MessagesPanel
from graphviz_app.panels.watch import training_panel
from graphviz_app.panels.watch.training_panel import TrainingPanel
from graphviz_app.session import LoggedMessage, Session
from graphviz_app.training.worker import TrainingController

from .conftest import mlp_graph


@pytest.fixture
def session(qtbot):
    s = Session(mlp_graph())
    yield s
    s.undo_stack.cleanChanged.disconnect()


def test_report_logs_text_and_node_and_still_reaches_the_status_signal(session):
    shown, logged = [], []
    session.message.connect(shown.append)
    session.logged.connect(logged.append)
    d1 = session.graph.by_name("d1")
    before = time.time()
    session.report("d1 is frozen", d1)
    session.message.emit("Opened a.gvz")           # callers of the plain signal are logged too
    assert shown == ["d1 is frozen", "Opened a.gvz"]
    assert [(e.text, e.node) for e in logged] == [("d1 is frozen", d1), ("Opened a.gvz", None)]
    assert session.log == logged
    assert before - 1 <= logged[0].time <= time.time() + 1


def test_a_refused_edit_is_logged_and_kept_as_the_last_refusal(session):
    from graphviz_app.editor.commands import Rename
    r1 = session.graph.by_name("r1")
    assert not session.push(Rename(session, r1, "d1"))     # the name is taken
    assert session.last_refusal and "d1" in session.last_refusal
    assert session.log[-1].text == session.last_refusal


def test_panel_lists_earlier_and_later_messages_with_time_text_and_node(session, qtbot):
    d1, j = session.graph.by_name("d1"), session.graph.by_name("J")
    session.report("early, before the panel", d1)
    panel = MessagesPanel(session)
    qtbot.addWidget(panel)
    session.report("a cost needs a target", j)
    session.message.emit("Saved g.gvz")
    rows = panel.rows()
    assert [(text, node) for _, text, node in rows] == [
        ("early, before the panel", d1), ("a cost needs a target", j), ("Saved g.gvz", None)]
    stamp = time.strftime("%H:%M:%S", time.localtime(session.log[1].time))
    assert rows[1][0] == stamp
    assert panel.node_names() == ["d1", "J", ""]
    assert panel.count.text() == "3 messages"


def test_clicking_a_message_selects_its_node_and_one_without_a_node_changes_nothing(session,
                                                                                  qtbot):
    panel = MessagesPanel(session)
    qtbot.addWidget(panel)
    d1, j = session.graph.by_name("d1"), session.graph.by_name("J")
    session.report("about d1", d1)
    session.report("about J", j)
    session.report("about nothing")
    table = panel.table
    panel.resize(420, 300)
    panel.show()
    qtbot.waitExposed(panel)

    def click(row: int) -> None:
        rect = table.visualItemRect(table.item(row, 1))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    click(0)
    assert session.selected() == [d1]
    click(2)
    assert session.selected() == [d1]
    click(1)
    assert session.selected() == [j]


def test_a_renamed_or_removed_node_is_shown_as_it_is_now(session, qtbot):
    panel = MessagesPanel(session)
    qtbot.addWidget(panel)
    d1 = session.graph.by_name("d1")
    session.report("about d1", d1)
    session.graph.rename(d1, "hidden")
    assert panel.node_names() == ["hidden"]
    session.graph.remove_node(d1)
    assert panel.node_names() == [f"{d1} (removed)"]
    panel._on_clicked(0, 1)
    assert session.selected() == []
    assert "no longer in the graph" in session.log[-1].text


def _refuse_wire_at_edge(window):
    """A wire refused (shape mismatch) with the pointer at the view's bottom-right corner."""
    s, scene, view = window.session, window.scene, window.view
    g = Graph()
    s.replace_graph(g)
    x = g.add_node("input", {"shape": (None, 3)}, name="x", ui={"pos": [0, 0]})
    w = g.add_node("input", {"shape": (None, 5)}, name="w", ui={"pos": [0, 200]})
    m = g.add_node("add", name="m", ui={"pos": [300, 0]})
    g.connect(x, m, 0)
    corner = view.mapToScene(view.viewport().rect().bottomRight() - QPoint(3, 3))
    scene.begin_wire(scene.node_item(w).out_port)
    reason = scene.finish_wire(scene.node_item(m).input_port(1).scenePos())
    view.show_refusal(reason, corner)           # as if released there
    return reason, m


def test_a_wire_refusal_is_logged_with_its_node_and_shown_whole_inside_the_view(window, qtbot):
    panel = MessagesPanel(window.session)
    qtbot.addWidget(panel)
    reason, m = _refuse_wire_at_edge(window)
    assert reason and "broadcast" in reason
    assert panel.rows()[-1][1:] == (f"Wire refused: {reason}", m)
    assert window.statusBar().currentMessage() == f"Wire refused: {reason}"
    notice = window.view.notice
    assert notice.isVisible() and notice.text() == reason
    inside = window.view.viewport().rect()
    assert inside.contains(notice.geometry()), (notice.geometry(), inside)
    assert notice.height() >= notice.heightForWidth(notice.width())   # no line cut off


def test_a_long_reason_wraps_to_fit_a_narrow_view(window, qtbot):
    window.resize(1100, 700)
    view = window.view
    text = "input b of m expects (N, 3) but gets (N, 5): " + "broadcasting cannot help; " * 8
    view.show_refusal(text, view.mapToScene(QPoint(view.viewport().width() - 5, 5)))
    notice = view.notice
    assert notice.width() < view.viewport().width()
    assert view.viewport().rect().contains(notice.geometry())
    assert notice.height() > 2 * notice.fontMetrics().height()     # wrapped, not clipped


def test_the_notice_stays_until_the_next_action(window, qtbot):
    reason, _ = _refuse_wire_at_edge(window)
    notice = window.view.notice
    qtbot.wait(3800)                            # longer than a fading label would last
    assert notice.isVisible() and notice.text() == reason
    qtbot.mousePress(window.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    qtbot.mouseRelease(window.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    assert not notice.isVisible()


def test_an_edit_dismisses_the_notice(window, qtbot):
    _refuse_wire_at_edge(window)
    notice = window.view.notice
    assert notice.isVisible()
    window.view.add_op("relu")
    assert not notice.isVisible()


def test_a_refused_drop_shows_its_reason(window, qtbot):
    window.session.set_locked(True)
    assert not window.view.add_op("relu", QPointF(0, 0))
    assert window.view.notice.isVisible()
    assert "not while training runs" in window.view.notice.text()
    window.session.set_locked(False)


def test_a_diverging_run_is_logged_with_its_node(qtbot, monkeypatch):
    graph, ds, _ = build("xor_mlp")
    session = Session(graph)
    session.dataset = ds
    session.example_name = "xor_mlp"
    controller = TrainingController(session)
    panel = TrainingPanel(session, controller)
    messages = MessagesPanel(session)
    qtbot.addWidget(panel)
    qtbot.addWidget(messages)
    monkeypatch.setattr(training_panel.QMessageBox, "warning", lambda *a: None)
    panel.optimizer.setCurrentText("sgd")
    panel.lr.setValue(1e6)
    run = panel.start()
    try:
        qtbot.waitUntil(lambda: run.status == "diverged", timeout=10000)
    finally:
        controller.wait()
    assert run.node == "dense3"
    assert [node for _, _, node in messages.rows()].count("dense3") == 1
    session.undo_stack.cleanChanged.disconnect()


def test_a_long_message_wraps_whole_in_a_narrow_panel(session, qtbot):
    panel = MessagesPanel(session)
    qtbot.addWidget(panel)
    panel.resize(420, 300)
    panel.show()
    qtbot.waitExposed(panel)
    text = "cannot step: " + "input b of m expects (N, 3) but gets (N, 5); " * 4
    row = panel.add(LoggedMessage(time.time(), text, None))
    line = panel.table.fontMetrics().height()
    assert panel.table.rowHeight(row) >= 3 * line           # wrapped over several lines
    assert panel.rows()[row][1] == text


def test_the_window_has_a_messages_panel_that_logs_refusals(window, qtbot):
    dock = window.show_panel("Messages")
    panel = window.panels["messages"]
    assert dock.widget() is not None and isinstance(panel, MessagesPanel)
    reason, m = _refuse_wire_at_edge(window)
    assert panel.rows()[-1][1:] == (f"Wire refused: {reason}", m)


def test_an_edit_refused_while_the_canvas_has_focus_shows_there(window, qtbot):
    window.session.replace_graph(mlp_graph())
    view = window.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=1000)
    from graphviz_app.editor.commands import RemoveNodes
    s = window.session
    s.set_locked(True)
    assert not s.push(RemoveNodes(s, [s.graph.by_name("d1")]))   # an edit asked for there
    assert view.notice.isVisible()
    assert "not while training runs" in view.notice.text()
    assert view.viewport().rect().contains(view.notice.geometry())
    window.session.set_locked(False)


def test_an_edit_refused_in_another_panel_is_not_shown_on_the_canvas(window, qtbot):
    from graphviz_app.editor.commands import Rename
    window.session.replace_graph(mlp_graph())
    s = window.session
    window.inspector.setFocus()
    qtbot.waitUntil(lambda: not window.view.hasFocus(), timeout=1000)
    window.view.notice.dismiss()
    assert not s.push(Rename(s, s.graph.by_name("r1"), "d1"))
    assert not window.view.notice.isVisible()
    assert s.log[-1].text == s.last_refusal
