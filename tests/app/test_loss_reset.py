"""Each graph its own state: the player and the loss curves start afresh when another graph is
opened; the loss legend sits outside the plots; the axes fit the runs shown; plot text reads
on light and dark palettes."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from engine import Graph
from engine.training import History, TrainConfig
from graphviz_app.panels.watch.loss_panel import LossPanel
from graphviz_app.session import Session
from graphviz_app.training.worker import Run, TrainingController


def _history(n_iter: int, epochs: int, top: float) -> History:
    """A falling cost from ``top``: one entry per iteration, one per epoch end."""
    h = History.empty()
    per = n_iter // epochs
    for i in range(1, n_iter + 1):
        h.iterations.append(i)
        h.cost.append(top / i)
        if i % per == 0:
            h.epochs.append(i // per)
            h.epoch_iteration.append(i)
            h.train_cost.append(top / i)
            h.dev_cost.append(top / i * 1.1)
            h.train_accuracy.append(0.9)
            h.dev_accuracy.append(0.88)
    return h


def _add_run(panel: LossPanel, controller: TrainingController, n_iter: int, epochs: int,
             top: float) -> Run:
    run = Run(len(controller.runs) + 1, f"run {len(controller.runs) + 1}",
              TrainConfig(batch_size=32, epochs=epochs), status="done",
              total_iterations=n_iter, history=_history(n_iter, epochs, top))
    controller.runs.append(run)
    controller.run_added.emit(run)
    controller.run_ended.emit(run)
    panel.refresh()
    return run


@pytest.fixture
def rig(qtbot):
    session = Session(Graph())
    controller = TrainingController(session)
    panel = LossPanel(controller)
    qtbot.addWidget(panel)
    panel.resize(700, 360)
    panel.show()
    qtbot.waitExposed(panel)
    yield session, controller, panel
    session.undo_stack.cleanChanged.disconnect()


def _x_top(panel: LossPanel) -> float:
    return panel.cost_plot.viewRange()[0][1]


def _y_top(panel: LossPanel) -> float:
    return panel.cost_plot.viewRange()[1][1]


def test_runs_of_an_earlier_graph_are_kept_aside_and_the_axes_fit_the_new_ones(rig):
    session, controller, panel = rig
    long = _add_run(panel, controller, 2000, 20, top=40.0)
    assert panel.shown_runs() == [long.id] and _x_top(panel) > 1900
    session.replace_graph(Graph())                       # File → New or Open
    assert panel.shown_runs() == []
    assert not panel.items[long.id].train.isVisible()
    short = _add_run(panel, controller, 50, 5, top=1.0)
    assert panel.shown_runs() == [short.id]
    assert 50 <= _x_top(panel) < 60                       # not squashed by the long run
    assert 1.0 <= _y_top(panel) < 1.5
    entries = {panel.legend.item(i).data(256): panel.legend.item(i).isHidden()
               for i in range(panel.legend.count())}
    assert entries == {long.id: True, short.id: False}
    assert "run 2" in panel.diagnosis.text() and "run 1" not in panel.diagnosis.text()
    panel.show_all.setChecked(True)                      # "earlier graphs"
    assert sorted(panel.shown_runs()) == [long.id, short.id] and _x_top(panel) > 1900
    panel.show_all.setChecked(False)
    assert panel.shown_runs() == [short.id] and _x_top(panel) < 60


def test_the_verdict_of_the_earlier_graph_is_not_left_standing(rig):
    session, controller, panel = rig
    _add_run(panel, controller, 100, 10, top=1.0)
    assert "run 1" in panel.diagnosis.text()
    session.replace_graph(Graph())
    assert "run 1" not in panel.diagnosis.text()


def test_unticking_a_long_run_in_the_legend_rescales_the_axes_to_the_others(rig):
    session, controller, panel = rig
    long = _add_run(panel, controller, 3000, 30, top=50.0)
    _add_run(panel, controller, 100, 10, top=1.0)
    assert _x_top(panel) > 2900 and _y_top(panel) > 40
    panel.set_run_shown(long.id, False)
    assert not panel.items[long.id].iters.isVisible()
    assert 100 <= _x_top(panel) < 110 and _y_top(panel) < 1.5
    panel.set_run_shown(long.id, True)
    assert _x_top(panel) > 2900 and panel.items[long.id].iters.isVisible()


def test_the_legend_is_outside_the_plots(rig):
    session, controller, panel = rig
    for n in range(3):
        _add_run(panel, controller, 100, 10, top=1.0 + n)
    assert panel.cost_plot.legend is None and panel.acc_plot.legend is None
    assert panel.legend.count() == 3
    legend = panel.legend.geometry()
    assert not legend.intersects(panel.plots.geometry())
    assert panel.legend.isVisible() and legend.height() > 0


def _contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("base, text", [("#ffffff", "#000000"), ("#1e1e1e", "#e0e0e0")])
def test_axis_and_title_text_read_on_the_palette(rig, base, text):
    session, controller, panel = rig
    pal = QPalette()
    pal.setColor(QPalette.ColorRole.Base, QColor(base))
    pal.setColor(QPalette.ColorRole.Window, QColor(base))
    pal.setColor(QPalette.ColorRole.Text, QColor(text))
    pal.setColor(QPalette.ColorRole.WindowText, QColor(text))
    panel.setPalette(pal)
    bg = panel.plots.backgroundBrush().color()
    assert bg == QColor(base)
    for plot in (panel.cost_plot, panel.acc_plot):
        for side in ("left", "bottom"):
            axis = plot.getAxis(side)
            assert _contrast(axis.textPen().color(), bg) > 4.5
            assert _contrast(axis.pen().color(), bg) > 3.0
        assert QColor(plot.titleLabel.opts["color"]) == QColor(text)


def test_opening_another_graph_resets_the_player_and_the_loss_panel(window, qtbot):
    files, player, loss = window.files, window.player, window.loss_panel
    assert files.open_example("xor_mlp")
    for _ in range(3):
        player.step_forward()
    assert player.cursor == 3
    assert any(item.run_state != "idle" for item in window.scene.node_items())
    run = _add_run(loss, window.training, 300, 30, top=0.7)
    assert loss.shown_runs() == [run.id]
    assert files.open_example("logistic_regression")
    assert player.executor is None and player.cursor == 0 and player.phase == "ready"
    assert all(item.run_state == "idle" for item in window.scene.node_items())
    assert player.toolbar.status.text() == player.status_text()
    assert player.status_text().startswith("ready")
    assert loss.shown_runs() == [] and not loss.items[run.id].train.isVisible()
    window.files.new()
    assert player.cursor == 0 and loss.shown_runs() == []


def test_the_panel_fits_a_420_by_300_dock(rig):
    session, controller, panel = rig
    for n in range(3):
        _add_run(panel, controller, 100, 10, top=1.0 + n)
    hint = panel.minimumSizeHint()
    assert hint.width() <= 420 and hint.height() <= 300, hint
