"""The gradient check dock: one row per parameter, coloured by the relative error."""
from __future__ import annotations


from engine.examples import build
from engine.gradcheck import ParamCheck
from engine.ops.arithmetic import Multiply
from graphviz_app.panels.watch.gradcheck_panel import (COLUMNS, VERDICT_COL, VERDICT_COLORS,
                                                       GradcheckPanel)
from graphviz_app.session import Session


def _panel(qtbot, name):
    graph, ds, _ = build(name)
    session = Session(graph)
    session.dataset = ds
    panel = GradcheckPanel(session)
    qtbot.addWidget(panel)
    return panel, session


def test_correct_graph_rows_are_green(qtbot):
    panel, session = _panel(qtbot, "xor_mlp")
    panel.max_entries.setValue(8)
    with qtbot.waitSignal(panel.checked, timeout=20000) as sig:
        panel.run_check()
        assert panel.running and not panel.run_button.isEnabled()
    results = sig.args[0]
    names = [(c.node_name, c.array) for c in results]
    assert ("dense1", "W") in names and ("dense3", "b") in names
    assert panel.table.rowCount() == len(results) == 6
    for row, c in enumerate(results):
        assert c.verdict == "good"
        assert panel.table.item(row, 0).text() == c.node_name
        assert panel.table.item(row, COLUMNS.index("Relative error")).text() == \
            f"{c.rel_error:.2e}"
        assert panel.table.item(row, VERDICT_COL).background().color() == VERDICT_COLORS["good"]
    assert "All 6 arrays good" in panel.summary.text()
    assert panel.run_button.isEnabled()


def test_wrong_backward_is_red(qtbot, monkeypatch):
    panel, session = _panel(qtbot, "scalar_chain")

    def bad_backward(self, params, inputs, weights, output, cache, g, need=None):
        a, b = inputs
        return [g * b * 1.5, g * a], {}

    monkeypatch.setattr(Multiply, "backward", bad_backward)
    with qtbot.waitSignal(panel.checked, timeout=10000) as sig:
        panel.run_check()
    verdicts = {c.node_name: c.verdict for c in sig.args[0]}
    assert verdicts["b"] == "wrong" and verdicts["a"] == "good"
    row = [c.node_name for c in sig.args[0]].index("b")
    assert panel.table.item(row, VERDICT_COL).background().color() == VERDICT_COLORS["wrong"]
    assert "wrong" in panel.summary.text()


def test_amber_threshold(qtbot):
    panel, _ = _panel(qtbot, "scalar_chain")
    panel.show_results([ParamCheck("n1", "a", "value", 1.0, 1.0, 3e-6, 1),
                        ParamCheck("n2", "b", "value", 1.0, 1.0, 3e-8, 1)])
    assert panel.table.item(0, VERDICT_COL).text() == "look closer"
    assert panel.table.item(0, 0).background().color() == VERDICT_COLORS["check"]
    assert panel.table.item(1, 0).background().color() == VERDICT_COLORS["good"]


def test_unrunnable_graph_reports_error(qtbot):
    from engine import Graph
    session = Session(Graph())
    panel = GradcheckPanel(session)
    qtbot.addWidget(panel)
    messages = []
    session.message.connect(messages.append)
    panel.run_check()
    qtbot.waitUntil(lambda: not panel.running, timeout=5000)
    assert messages and "failed" in messages[-1]
    assert panel.table.rowCount() == 0


def _graph_panel(qtbot, graph):
    session = Session(graph)
    panel = GradcheckPanel(session)
    qtbot.addWidget(panel)
    messages = []
    session.message.connect(messages.append)
    return panel, session, messages


def test_graph_without_parameters_says_what_to_add(qtbot):
    from engine import Graph
    g = Graph()
    x = g.add_node("input", {"shape": (None, 2)}, name="x")
    j = g.add_node("mean", name="J")
    g.connect(x, j, 0)
    panel, session, messages = _graph_panel(qtbot, g)
    with qtbot.waitSignal(panel.checked, timeout=10000):
        panel.run_check()
    assert panel.table.rowCount() == 0
    assert panel.summary.text().startswith("No trainable arrays to check: add a parameter")
    assert messages[-1].startswith("gradient check: no trainable arrays to check")
    assert panel.run_button.isEnabled()


def test_graph_without_a_cost_says_what_to_add(qtbot):
    from engine import Graph
    g = Graph()
    x = g.add_node("input", {"shape": (None, 2)}, name="x")
    d = g.add_node("dense", {"units": 3}, name="d")
    g.connect(x, d, 0)
    panel, session, messages = _graph_panel(qtbot, g)
    before = g.weight_snapshot()
    panel.run_check()
    qtbot.waitUntil(lambda: not panel.running, timeout=10000)
    assert messages[-1].startswith("gradient check needs a cost: add a loss node")
    assert "gradient check needs a cost" in panel.summary.text()
    assert "failed: gradient check" not in messages[-1]
    assert panel.table.rowCount() == 0 and panel.run_button.isEnabled()
    after = g.weight_snapshot()
    assert all((after[k] == before[k]).all() for k in before)
