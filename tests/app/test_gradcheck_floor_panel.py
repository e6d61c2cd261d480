"""The gradient check dock shows ε, each array's difference and noise floor, and the
'at the noise floor' verdict apart from good and wrong."""
from __future__ import annotations

from engine.examples import build
from engine.gradcheck import ParamCheck
from graphviz_app.panels.watch.gradcheck_panel import (COLUMNS, VERDICT_COL, VERDICT_COLORS,
                                                       GradcheckPanel)
from graphviz_app.session import Session


def _panel(qtbot):
    graph, ds, _ = build("xor_mlp")
    session = Session(graph)
    session.dataset = ds
    panel = GradcheckPanel(session)
    qtbot.addWidget(panel)
    return panel


def test_floor_rows_and_summary(qtbot):
    panel = _panel(qtbot)
    panel.show_results([
        ParamCheck("n2", "dense1", "W", 2e-7, 2e-7, 2e-4, 32, 0, 8e-11, 3.8e-10, 1e-6),
        ParamCheck("n3", "dense2", "W", 1e-3, 1e-3, 3e-9, 64, 0, 6e-12, 5e-10, 1e-6)])
    floor_col, diff_col = COLUMNS.index("Noise floor"), COLUMNS.index("‖a − n‖")
    assert panel.table.item(0, VERDICT_COL).text() == "at the noise floor"
    assert panel.table.item(0, 0).background().color() == VERDICT_COLORS["floor"]
    assert VERDICT_COLORS["floor"] not in (VERDICT_COLORS["good"], VERDICT_COLORS["wrong"],
                                          VERDICT_COLORS["check"])
    assert panel.table.item(0, floor_col).text() == "3.80e-10"
    assert panel.table.item(0, diff_col).text() == "8.00e-11"
    assert panel.table.item(1, VERDICT_COL).text() == "good"
    text = panel.summary.text()
    assert "No wrong gradient" in text and "1 at the noise floor" in text
    assert "ε = 1e-06" in text and "up to 5.0e-10 (dense2.W)" in text


def test_wrong_beyond_the_floor_is_red(qtbot):
    panel = _panel(qtbot)
    panel.show_results([ParamCheck("n2", "dense1", "W", 2e-7, 2e-7, 1.0, 32, 0, 4e-7, 3.8e-10)])
    assert panel.table.item(0, VERDICT_COL).text() == "wrong"
    assert panel.table.item(0, 0).background().color() == VERDICT_COLORS["wrong"]
    assert "1 wrong" in panel.summary.text()


def test_chosen_eps_is_used(qtbot):
    panel = _panel(qtbot)
    panel.max_entries.setValue(4)
    panel.eps.setCurrentIndex(panel.eps.findData(1e-5))
    with qtbot.waitSignal(panel.checked, timeout=20000) as sig:
        panel.run_check()
    assert {c.eps for c in sig.args[0]} == {1e-5}
    assert "ε = 1e-05" in panel.summary.text()


def test_progress_and_cancel(qtbot):
    graph, ds, _ = build("inception_naive")        # thousands of forward passes
    session = Session(graph)
    session.dataset = ds
    panel = GradcheckPanel(session)
    qtbot.addWidget(panel)
    messages = []
    session.message.connect(messages.append)
    panel.run_check()
    assert panel.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: panel.progress.maximum() > 1 and panel.progress.value() > 0,
                    timeout=20000)
    total = panel.progress.maximum()
    panel.cancel_button.click()
    qtbot.waitUntil(lambda: not panel.running, timeout=20000)
    assert "gradient check stopped after" in panel.summary.text()
    assert f"of {total} passes" in panel.summary.text()
    assert panel.table.rowCount() == 0 and panel.run_button.isEnabled()
    assert not panel.cancel_button.isEnabled() and messages[-1].startswith("gradient check stopped")
