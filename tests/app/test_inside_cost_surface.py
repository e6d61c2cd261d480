"""The Cost surface dock: the shown surfaces are the engine's, runs leave paths that end at the
trained weights, clicks set (w, b) undoably, and other graphs compute in a worker."""
from __future__ import annotations

import numpy as np
import pytest

from engine.inspect import cost_surface as cs
from graphviz_app.panels.inside.cost_surface import CostSurfacePanel

from .inside_rig import Rig


@pytest.fixture
def lr(qtbot):
    rig = Rig(qtbot, "logistic_regression", CostSurfacePanel)
    yield rig
    rig.panel.wait()
    rig.close()


def test_both_surfaces_are_drawn_over_w_and_b(lr, qtbot):
    p = lr.panel
    qtbot.waitUntil(lambda: "squared error" in p.surfaces, timeout=3000)
    a, b = p.axes()
    assert (a.array, b.array) == ("W", "b")
    as_, bs = p.grid
    train, _ = p.source.data()
    node = lr.graph.nodes[a.nid]
    ref = cs.logistic_surfaces(train["x"], train["y"], node.weights["W"], node.weights["b"],
                               a, b, as_, bs)
    np.testing.assert_allclose(p.surfaces["cross-entropy"], ref["cross-entropy"])
    np.testing.assert_allclose(p.surfaces["squared error"], ref["squared error"])
    assert p.plots[1].widget.isVisible()
    # a cell checked by hand: J at grid point (i, j) for the training data
    i, j = 37, 151
    W = node.weights["W"].copy()
    W[0, 0] = as_[j]
    z = np.asarray(train["x"], float) @ W[0] + bs[i]
    y = np.asarray(train["y"], float).ravel()
    assert p.surfaces["cross-entropy"][i, j] == pytest.approx(
        np.mean(np.logaddexp(0, z) - y * z), rel=1e-5)


def test_training_draws_a_path_ending_at_the_trained_weights(lr, qtbot):
    p = lr.panel
    qtbot.waitUntil(lambda: p.axes() is not None, timeout=3000)
    a, b = p.axes()
    start = (a.value(lr.graph), b.value(lr.graph))
    run = lr.train(epochs=150)
    assert run.status == "done"
    path = np.array(p.paths[run.id])
    assert len(path) == run.iteration + 1
    assert tuple(path[0]) == pytest.approx(start, abs=1e-6)
    assert tuple(path[-1]) == pytest.approx((a.value(lr.graph), b.value(lr.graph)), abs=1e-5)
    xs, ys = p.plots[0].paths[0].getData()
    np.testing.assert_allclose(np.stack([xs, ys], 1), path)
    # the trained point is near the lowest cross-entropy of the surface drawn around it
    qtbot.waitUntil(lambda: p.grid is not None, timeout=3000)


def test_click_sets_w_and_b_and_undo_restores(lr, qtbot):
    p = lr.panel
    qtbot.waitUntil(lambda: p.axes() is not None, timeout=3000)
    a, b = p.axes()
    old = (a.value(lr.graph), b.value(lr.graph))
    assert p.set_point(1.5, -2.25)
    assert (a.value(lr.graph), b.value(lr.graph)) == (1.5, -2.25)
    qtbot.waitUntil(lambda: tuple(p.plots[0].point.data[0].tolist()[:2]) == (1.5, -2.25),
                    timeout=3000)
    lr.session.undo()
    assert (a.value(lr.graph), b.value(lr.graph)) == old


def test_setting_w_and_b_is_refused_while_training(lr, qtbot):
    p = lr.panel
    qtbot.waitUntil(lambda: p.axes() is not None, timeout=3000)
    lr.train(epochs=100000, wait=False)
    qtbot.waitUntil(lambda: lr.session.locked, timeout=5000)
    a, b = p.axes()
    seen = []
    lr.session.message.connect(seen.append)
    assert not p.set_point(3.0, 3.0)
    assert seen and "training" in seen[-1]
    lr.controller.stop()
    qtbot.waitUntil(lambda: not lr.controller.busy, timeout=10000)


def test_other_graphs_compute_their_own_cost_in_a_worker(qtbot):
    rig = Rig(qtbot, "xor_mlp", CostSurfacePanel)
    try:
        p = rig.panel
        qtbot.waitUntil(lambda: p.axes() is not None, timeout=3000)
        assert not p.plots[1].widget.isVisible() and p.compute.isVisible()
        a, b = p.axes()
        assert p.start_generic()
        assert not p.start_generic()            # one computation at a time
        qtbot.waitUntil(lambda: "J" in p.surfaces, timeout=30000)
        as_, bs = p.grid
        train, _ = p.source.data()
        ref = cs.generic_surface(rig.graph, {"x": train["x"], "y": train["y"]}, a, b,
                                 as_[[0, 7]], bs[[3, 20]])
        np.testing.assert_allclose(p.surfaces["J"][np.ix_([3, 20], [0, 7])], ref, rtol=1e-9)
        # cancel stops a computation part way; the rows done are kept
        assert p.start_generic()
        p.cancel_generic()
        qtbot.waitUntil(lambda: p._thread is None, timeout=30000)
        assert "Cancelled" in p.note.text()
    finally:
        rig.panel.wait()
        rig.close()


def test_selecting_a_layer_puts_its_entries_on_the_axes(qtbot):
    rig = Rig(qtbot, "xor_mlp", CostSurfacePanel)
    try:
        p = rig.panel
        qtbot.waitUntil(lambda: p.axes() is not None, timeout=3000)
        d2 = rig.ids()["dense2"]
        rig.session.select([d2])
        a, b = p.axes()
        assert (a.nid, a.array, a.index) == (d2, "W", (0, 0))
        assert (b.nid, b.array, b.index) == (d2, "W", (0, 1))
        assert p.axis_a.currentText() == "dense2.W[0,0]"
        rig.session.select([rig.ids()["x"]])      # no arrays: the axes stay
        assert p.axes()[0].nid == d2
    finally:
        rig.panel.wait()
        rig.close()
