"""The Cost surface dock's 3-D view and batched worker: no OpenGL is tried offscreen, the 3-D
view shows the surfaces and paths the contours show, drag and wheel turn and zoom it, and a
graph the batched pass refuses is computed point by point with the reason said."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtOpenGLWidgets import QOpenGLWidget
from PySide6.QtWidgets import QApplication

from engine.example_parts import op
from engine.graph import Graph
from engine.inspect import cost_surface as cs
from engine.inspect import surface3d as s3
from engine.training import Dataset
from graphviz_app.panels.inside import cost_surface_3d as c3
from graphviz_app.panels.inside.cost_surface import CostSurfacePanel
from graphviz_app.session import Session
from graphviz_app.training.worker import TrainingController

from .inside_rig import Rig


def test_offscreen_the_probe_says_no_opengl_and_no_gl_widget_is_made(qtbot):
    assert QApplication.platformName() == "offscreen"
    assert c3.opengl_works() is False
    view = c3.Surface3DView("J")
    qtbot.addWidget(view)
    assert not view.uses_opengl and not isinstance(view.canvas, QOpenGLWidget)


def test_the_probe_does_not_even_try_opengl_on_the_offscreen_platform(monkeypatch):
    import PySide6.QtGui as QtGui

    def no_gl(*_a, **_k):
        raise AssertionError("an OpenGL context was made on the offscreen platform")
    monkeypatch.setattr(QtGui, "QOpenGLContext", no_gl)
    monkeypatch.setattr(c3, "_PROBED", [])
    assert c3.opengl_works() is False
    assert c3._PROBED == [False]                    # asked once, then remembered


def test_the_3d_view_shows_the_surfaces_and_paths_and_turns(qtbot):
    rig = Rig(qtbot, "logistic_regression", CostSurfacePanel)
    try:
        p = rig.panel
        qtbot.waitUntil(lambda: "squared error" in p.surfaces, timeout=3000)
        run = rig.train(epochs=2)
        assert p.stack.currentIndex() == 0              # contours are the default
        p.mode.setCurrentIndex(1)
        assert p.stack.currentIndex() == 1
        as_, bs = p.grid
        for view, name in zip(p.views, ("cross-entropy", "squared error")):
            want, wa, wb = s3.downsample(p.surfaces[name], as_, bs)
            np.testing.assert_array_equal(view.drawing.J, want)
            np.testing.assert_array_equal(view.drawing.grid[0], wa)
            np.testing.assert_array_equal(view.drawing.grid[1], wb)
            np.testing.assert_allclose(view.drawing.paths[0][0], np.array(p.paths[run.id]))
        assert p.views[0].drawing.title.startswith("cross-entropy")
        view = p.views[0]
        view.canvas.grab()
        n = view.drawing.J.shape
        assert view.drawing.last_quads == (n[0] - 1) * (n[1] - 1)
        yaw, elev, zoom = view.drawing.yaw, view.drawing.elevation, view.drawing.zoom
        c = view.canvas
        qtbot.mousePress(c, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
        qtbot.mouseMove(c, QPoint(140, 80))
        qtbot.mouseRelease(c, Qt.MouseButton.LeftButton, pos=QPoint(140, 80))
        assert view.drawing.yaw == (yaw + 20) % 360 and view.drawing.elevation == elev - 10
        other = p.views[1].drawing                      # the squared error turns with it
        assert (other.yaw, other.elevation) == (view.drawing.yaw, view.drawing.elevation)
        ev = QWheelEvent(QPointF(50, 50), QPointF(50, 50), QPoint(0, 0), QPoint(0, 120),
                         Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                         Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(c, ev)
        assert view.drawing.zoom > zoom
    finally:
        rig.panel.wait()
        rig.close()


def _regularized_param_graph():
    """x · P → mse, plus (λ/2)‖P‖² added to the cost: P enters J besides the examples."""
    g = Graph(0)
    x = g.add_node("input", {"shape": (None, 3)}, name="x")
    p = g.add_node("parameter", {"shape": (3, 1)}, name="P",
                   weights={"value": np.full((3, 1), 0.2)})
    z = op(g, "matmul", [x, p], "z")
    y = g.add_node("input", {"shape": (None, 1)}, name="y")
    loss = op(g, "mse", [z, y], "L")
    op(g, "add", [loss, op(g, "l2_penalty", [p], "R")], "J")
    rng = np.random.default_rng(0)
    xs = rng.normal(size=(30, 3))
    return g, Dataset({"x": xs, "y": xs @ np.array([[1.0], [-1.0], [0.5]])})


def test_a_refused_graph_is_computed_point_by_point_and_says_why(qtbot):
    graph, ds = _regularized_param_graph()
    session = Session()
    session.replace_graph(graph, dataset=ds)
    controller = TrainingController(session)
    p = CostSurfacePanel(session, controller)
    qtbot.addWidget(p)
    p.show()
    try:
        qtbot.waitUntil(lambda: p.axes() is not None, timeout=3000)
        assert p.start_generic()
        qtbot.waitUntil(lambda: "J" in p.surfaces, timeout=30000)
        assert p.surfaces["J"].shape == (25, 25)
        assert "Point by point" in p.note.text()
        assert "enters the cost through J (add) directly" in p.note.text()
        assert np.isfinite(p.surfaces["J"]).all()
    finally:
        p.wait()
        controller.wait()
        session.undo_stack.cleanChanged.disconnect()


def test_a_cnn_is_computed_in_one_batched_pass(qtbot):
    rig = Rig(qtbot, "small_cnn", CostSurfacePanel)
    try:
        p = rig.panel
        ds = rig.session.dataset
        rig.session.set_dataset(Dataset({k: v[:10] for k, v in ds.arrays.items()}))
        qtbot.waitUntil(lambda: p.axes() is not None, timeout=3000)
        assert p.start_generic()
        qtbot.waitUntil(lambda: "J" in p.surfaces, timeout=30000)
        n = p.surfaces["J"].shape[0]
        assert p.surfaces["J"].shape == (n, n) and 15 <= n <= 50
        assert f"One batched pass: {n}×{n} grid points × 8 examples" in p.note.text()
        assert np.isfinite(p.surfaces["J"]).all() and np.ptp(p.surfaces["J"]) > 0
    finally:
        rig.panel.wait()
        rig.close()


def test_a_run_on_another_graph_keeps_its_path_once_its_weights_are_loaded(qtbot):
    rig = Rig(qtbot, "xor_mlp", CostSurfacePanel)
    try:
        p = rig.panel
        qtbot.waitUntil(lambda: p.axes() is not None, timeout=3000)
        a, b = p.axes()
        version = rig.graph.version
        run = rig.train(epochs=2)
        qtbot.waitUntil(lambda: rig.graph.version != version, timeout=3000)
        p.refresh()
        path = p.paths[run.id]
        assert len(path) >= 2
        assert path[-1] == (a.value(rig.graph), b.value(rig.graph))
    finally:
        rig.panel.wait()
        rig.close()


def test_after_a_run_the_surface_of_another_graph_is_computed_again_at_the_trained_weights(
        qtbot):
    rig = Rig(qtbot, "xor_mlp", CostSurfacePanel)
    try:
        p = rig.panel
        ds = rig.session.dataset
        rig.session.set_dataset(Dataset({k: v[:60] for k, v in ds.arrays.items()}))
        qtbot.waitUntil(lambda: p.axes() is not None, timeout=3000)
        assert p.start_generic()
        qtbot.waitUntil(lambda: "J" in p.surfaces and p._thread is None, timeout=30000)
        before = p.surfaces["J"]
        rig.train(epochs=3)
        qtbot.waitUntil(lambda: p.surfaces["J"] is not before and p._thread is None,
                        timeout=30000)
        a, b = p.axes()
        as_, bs = p.grid
        train, _ = p.source.data()
        want = cs.generic_surface(rig.graph, {"x": train["x"], "y": train["y"]}, a, b,
                                  as_[[4, 30]], bs[[11]])
        np.testing.assert_allclose(p.surfaces["J"][np.ix_([11], [4, 30])], want, rtol=1e-9)
        assert not np.allclose(before[np.ix_([11], [4, 30])], want)   # the weights moved
    finally:
        rig.panel.wait()
        rig.close()


def test_a_cancelled_surface_paints_only_its_computed_rows(qapp):
    from PySide6.QtGui import QImage, QPainter
    drawing = c3.SurfaceDrawing("J", lambda: None)
    a = np.linspace(-2, 2, 11)
    J = np.add.outer(a ** 2, a ** 2)
    J[6:] = np.nan                                   # the rows a cancel left out
    drawing.set_surface(J, a, a, "J", ("a", "b"))
    drawing.paths = [(np.array([[0.0, -2.0], [0.0, 2.0]]), "#ffffff")]
    drawing.point = (0.0, 1.5)                       # over a missing row: not drawn
    img = QImage(300, 200, QImage.Format.Format_RGB32)
    p = QPainter(img)
    drawing.paint(p, 300, 200)
    p.end()
    assert drawing.last_quads == 5 * 10              # rows 0..5 of 11: 5 bands of 10 quads
