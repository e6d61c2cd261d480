"""The Feature maps and Filter lab panels: values shown are the engine's, hover traces, click
outlines receptive fields, images load (or refuse) cleanly, the menu and drops work."""
import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QMimeData, QPointF, QUrl
from PySide6.QtWidgets import QApplication

from engine import Executor, examples
from engine.inspect import kernels as K
from engine.inspect import feature_maps as fm
from engine.inspect import receptive_field as rf, upstream
from engine.inspect.trace_text import num
from graphviz_app import imaging
from graphviz_app.panels.inside import feature_maps as fm_panel

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture
def cnn(window):
    g, ds, _ = examples.build("small_cnn", seed=1)
    window.session.replace_graph(g, dataset=ds, example_name="small_cnn")
    window.show_panel("Feature maps")
    return window, g, ds


def test_hidden_feature_maps_wait_until_shown(window, qtbot):
    g, ds, _ = examples.build("small_cnn", seed=1)
    panel = window.panels["feature_maps"]
    window.docks["feature_maps_dock"].hide()
    window.session.replace_graph(g, dataset=ds, example_name="small_cnn")
    assert not panel.isVisible() and panel.view is None
    window.show_panel("Feature maps")
    qtbot.waitUntil(lambda: panel.view is not None, timeout=3000)
    assert panel.view.node == panel.node


def engine_values(g, ds, n_examples=70):
    ex = Executor(g)
    ex.run({"x": ds.arrays["x"][:n_examples], "y": ds.arrays["y"][:n_examples]},
           training=False, backward=False)
    return lambda name: ex.last_values[ex.index[g.by_name(name)]]


def test_feature_maps_show_the_engines_values(cnn):
    win, g, ds = cnn
    panel = win.panels["feature_maps"]
    panel.set_node(g.by_name("conv1"))
    panel.set_example(7)
    v = panel.view
    assert v is not None and v.node == g.by_name("conv1")
    full = engine_values(g, ds)("conv1")[7]
    shown = panel.maps_cell.image.image          # the array uploaded to the picture
    rng = np.random.default_rng(0)
    for _ in range(10):
        c, i, j = (int(rng.integers(s)) for s in full.shape)
        assert v.maps[c, i, j] == pytest.approx(full[c, i, j], rel=1e-9, abs=1e-12)
        y, x = v.mosaic.origin(c)
        lo, hi, signed = v.levels.lo[c], v.levels.hi[c], v.levels.signed[c]
        expect = full[c, i, j] / hi if signed else (full[c, i, j] - lo) / (hi - lo)
        assert shown[y + i, x + j] == pytest.approx(expect, abs=1e-5)
    assert v.kernel_node == g.by_name("conv1") and v.kernels is not None


def test_global_scale_is_the_range_over_many_examples(cnn):
    win, g, ds = cnn
    panel = win.panels["feature_maps"]
    panel.set_node(g.by_name("relu1"))
    panel.scale_box.setCurrentText("global")
    vals = engine_values(g, ds, fm_panel.GLOBAL_EXAMPLES)("relu1")
    assert panel.view.levels.lo[0] == pytest.approx(vals.min())
    assert panel.view.levels.hi[0] == pytest.approx(vals.max())
    assert panel.view.levels.hi[0] > panel.view.maps.max() - 1e-12


def test_hover_gives_the_formula_and_lights_up_the_sources(cnn, qtbot):
    win, g, ds = cnn
    panel = win.panels["feature_maps"]
    win.show_panel("Feature maps")
    panel.set_node(g.by_name("pool1"))
    panel.set_example(2)
    qtbot.waitUntil(lambda: panel.maps_cell.view.width() > 50, timeout=3000)
    qtbot.wait(50)
    v = panel.view
    c, i, j = 3, 1, 2

    def where() -> QPointF:
        y, x = v.mosaic.origin(c)
        return panel.maps_cell.view.mapViewToScene(QPointF(x + j + 0.5, y + i + 0.5))

    # the view fits its picture on the next paint after the layout settles
    qtbot.waitUntil(lambda: panel.maps_cell.view.sceneBoundingRect().contains(where()),
                    timeout=3000)
    scene_pos = where()
    panel._on_mouse_moved(scene_pos)                  # the path a real mouse move takes
    value = engine_values(g, ds)("pool1")[2, c, i, j]
    assert panel.formula.text().startswith("pool1[0,3,1,2] = max relu1[0,3,2:4,4:6]")
    assert f"= {num(value)}" in panel.formula.text()
    lit = {name: win.scene.node_item(g.by_name(name)).traced
           for name in ("x", "conv1", "relu1", "pool1", "flatten", "logits", "y")}
    assert lit == {"x": True, "conv1": True, "relu1": True, "pool1": False, "flatten": False,
                   "logits": False, "y": False}
    assert "16/64" in win.scene.node_item(g.by_name("x"))._trace_text.text()
    assert "W 9/72" in win.scene.node_item(g.by_name("conv1"))._trace_text.text()
    panel._on_mouse_moved(QPointF(-50, -50))
    assert not any(win.scene.node_item(n).traced for n in g.nodes)
    panel._on_mouse_moved(scene_pos)
    assert win.scene.node_item(g.by_name("x")).traced
    QApplication.sendEvent(panel.plots, QEvent(QEvent.Type.Leave))   # the mouse left
    assert not any(win.scene.node_item(n).traced for n in g.nodes)


def test_click_outlines_the_receptive_field_with_its_footprint(cnn):
    win, g, ds = cnn
    panel = win.panels["feature_maps"]
    panel.set_node(g.by_name("pool1"))
    boxes = panel.show_receptive_field(1, 0, 3)
    x = g.by_name("x")
    assert boxes[x] == rf.Box(-1, 2, 5, 8)            # pool rows 0..1, cols 6..7 → conv k3 p1
    cell = panel.rf_cells[x]
    assert cell.box.isVisible()
    r = cell.box.rect()
    assert (r.top(), r.left(), r.height(), r.width()) == (0, 5, 3, 3)   # clipped to 8x8
    assert "4 pixels square" in panel.rf_text.text()
    pr = upstream.run_upto(g, {"x": ds.arrays["x"][panel.example:panel.example + 1]},
                        g.by_name("pool1"))
    heat = rf.footprints(pr, 1, 0, 3)[x]
    assert boxes[x].contains(heat)


def test_panel_follows_selection_and_explains_missing_things(cnn):
    win, g, ds = cnn
    panel = win.panels["feature_maps"]
    win.session.select([g.by_name("relu1")])
    assert panel.node == g.by_name("relu1")
    win.session.set_dataset(None)
    assert "random inputs" in panel.status.text()          # stand-in examples, said so
    np.testing.assert_allclose(panel.view.probe.values[g.by_name("x")][0],
                               fm.random_arrays(g, panel.node)["x"][panel.example])
    g2, ds2, _ = examples.build("xor_mlp")
    win.session.replace_graph(g2, dataset=ds2)
    assert panel.node is None and "No conv" in panel.status.text()


def test_big_networks_compute_in_the_background(cnn, qtbot, monkeypatch):
    win, g, ds = cnn
    panel = win.panels["feature_maps"]
    monkeypatch.setattr(fm_panel, "INLINE_MACS", 0)
    panel.view = None
    panel.set_example(4)
    assert panel.status.text() == "computing the maps…"
    qtbot.waitUntil(lambda: panel.view is not None, timeout=5000)
    np.testing.assert_allclose(panel.view.maps, engine_values(g, ds)("pool1")[4], rtol=1e-9)
    panel.background.wait()


def write_png(path, rgb):
    assert imaging.rgb_to_qimage(rgb).save(str(path))
    return str(path)


def step_rgb():
    rgb = np.zeros((40, 50, 3))
    rgb[:, 25:, :] = 1.0
    return rgb


def test_filter_lab_results_are_the_engines_and_hover_explains_them(window, tmp_path):
    panel = window.panels["filter_lab"]
    assert panel.load_path(write_png(tmp_path / "step.png", step_rgb()))
    names = [r.name for r in panel.results]
    assert names == ["identity", "sobel x", "sobel y", "sobel magnitude", "laplacian 4",
                     "gaussian σ=1", "sharpen", "emboss"]
    ref = {r.name: r.response for r in K.classic_bank(K.luminance(panel.image.rgb),
                                                      K.CLASSIC_NAMES[:3] + ("sharpen",))}
    sx = panel.results[1].response
    np.testing.assert_allclose(sx, ref["sobel x"], atol=1e-6)
    assert np.abs(sx[:, 24:26]).min() == pytest.approx(4.0)
    shown = panel.cells[2].image.image
    np.testing.assert_array_equal(shown, sx)
    lo, hi = panel.levels[1]
    assert lo == -hi == pytest.approx(-4.0)           # diverging, not clipped at black
    text = panel.hover_pixel(1, 10, 24)
    assert text.startswith("sobel x at (10, 24): Σ kernel × patch = ") and text.endswith("= 4")
    panel.scale_box.setCurrentText("shared")
    assert len(set(panel.levels)) == 1


def test_filter_lab_refuses_bad_files_without_raising(window, tmp_path):
    panel = window.panels["filter_lab"]
    before = panel.image
    bad = tmp_path / "broken.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    assert not panel.load_path(str(bad))
    assert "broken.png" in panel.status.text() and panel.image is before
    panel.custom_edit.setText("1 2; 3 4")
    assert not panel.add_custom_from_text()
    assert "Custom kernel: the kernel has 2 rows" in panel.status.text()
    panel.custom_edit.setText("0 1 0; 1 -4 1; 0 1 0")
    assert panel.add_custom_from_text()
    assert panel.results[-1].name.startswith("mine 1") and panel.results[-1].signed


def test_dropping_an_image_file_loads_it(window, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QDropEvent
    panel = window.panels["filter_lab"]
    path = write_png(tmp_path / "drop.png", step_rgb())
    md = QMimeData()
    md.setUrls([QUrl.fromLocalFile(path)])
    ev = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, md, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
    panel.dropEvent(ev)
    assert panel.image.name == "drop.png"
    assert any(a.text() == "Open &Image…" for a in window.actions.file_menu.actions())


def test_learned_kernels_and_this_node_on_my_image(cnn, tmp_path):
    win, g, ds = cnn
    panel = win.panels["filter_lab"]
    panel.load_path(write_png(tmp_path / "s.png", step_rgb()))
    conv = g.by_name("conv1")
    panel.learned_box.setCurrentIndex(panel.learned_box.findData(conv))
    learned = [r for r in panel.results if r.name.startswith("conv1 filter")]
    assert len(learned) == 8
    w = g.nodes[conv].weights["W"]
    grey = K.luminance(panel.image.rgb)
    ref = K.apply_bank(grey, K.stack_kernels([w[5, 0]]))[0]
    np.testing.assert_allclose(learned[5].response, ref, atol=1e-5)
    panel.node_box.setCurrentIndex(panel.node_box.findData(g.by_name("pool1")))
    assert panel.run_node()
    chans = [r for r in panel.results if r.name.startswith("pool1 ch")]
    x = K.fit_image(panel.image.rgb, 1, 8, 8)
    expect = upstream.run_upto(g, {"x": x}, g.by_name("pool1")).values[g.by_name("pool1")][0]
    assert len(chans) == 8
    np.testing.assert_allclose(chans[2].response, expect[2], rtol=1e-5)
    k = [r.name for r in panel.results].index("pool1 ch 2")
    assert panel.hover_pixel(k, 1, 1).startswith("pool1[0,2,1,1] = max relu1[0,2,2:4,2:4]")
    assert win.scene.node_item(g.by_name("conv1")).traced      # its sources light up
    panel.hover_pixel(0, 1, 1)                                   # a classic kernel: nothing lit
    assert not win.scene.node_item(g.by_name("conv1")).traced


@pytest.mark.parametrize("title", ["Feature maps", "Filter lab"])
def test_each_panel_via_screenshot(tmp_path, title):
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GRAPHVIZ_APP_DATA=str(tmp_path))
    r = subprocess.run([sys.executable, "-m", "graphviz_app", "--screenshot", str(out),
                        "--example", "small_cnn", "--size", "1280x720", "--panel", title,
                        "--select", "pool1"], env=env, cwd=ROOT, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    assert out.stat().st_size > 10_000


def test_a_large_result_is_averaged_down_for_the_screen_not_clipped(window, tmp_path, qtbot):
    from graphviz_app.panels.inside.conv_view import DIVERGING, block_mean
    a = np.arange(16, dtype=np.float32).reshape(4, 4)
    np.testing.assert_allclose(block_mean(a, 2), [[2.5, 4.5], [10.5, 12.5]])
    panel = window.panels["filter_lab"]
    window.show_panel("Filter lab")
    rgb = np.zeros((600, 600, 3))
    rgb[:, 300:] = 1.0
    assert panel.load_path(write_png(tmp_path / "big.png", rgb))
    qtbot.wait(50)
    panel.draw()
    k = [r.name for r in panel.results].index("sobel x")
    shown = panel.cells[k + 1].image.image
    assert shown.dtype == np.uint8 and shown.ndim == 3 and shown.shape[0] < 600
    f = 600 // shown.shape[0]
    lo, hi = panel.levels[k]
    col = 300 // f                                   # the block holding the edge
    mean = block_mean(panel.results[k].response[:shown.shape[0] * f, :shown.shape[1] * f], f)
    idx = int(np.clip((mean[0, col] - lo) * 255.0 / (hi - lo), 0, 255))
    np.testing.assert_array_equal(shown[0, col], DIVERGING[idx])
    assert mean[0, col] > 0 and idx > 128               # positive edge drawn red of white


def test_file_open_image_loads_into_the_filter_lab(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    path = write_png(tmp_path / "menu.png", step_rgb())
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (path, ""))
    act = next(a for a in window.actions.file_menu.actions() if a.text() == "Open &Image…")
    act.trigger()
    assert window.panels["filter_lab"].image.name == "menu.png"
    assert window.docks["filter_lab_dock"].isVisible()
