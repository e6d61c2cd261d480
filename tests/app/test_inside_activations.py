"""The Activations dock: the heatmap shows the layer's values, dead units are named, the layer
follows the selection, the curves come from the engine, and it follows training live."""
from __future__ import annotations

import numpy as np
import pytest

from engine.inspect import activation_stats as st
from graphviz_app.panels.inside.activations import ActivationsPanel

from .inside_rig import Rig


@pytest.fixture
def xor(qtbot):
    rig = Rig(qtbot, "xor_mlp", ActivationsPanel)
    yield rig
    rig.close()


def test_heatmap_is_the_chosen_layers_activations_for_the_chosen_examples(xor, qtbot):
    p = xor.panel
    qtbot.waitUntil(lambda: p.capture is not None, timeout=3000)
    ids = xor.ids()
    xor.session.select([ids["dense1"]])
    assert p.current_layer().name == "dense1"
    p.first.setValue(10)
    p.count.setValue(25)
    w = xor.graph.nodes[ids["dense1"]].weights
    x = np.asarray(p.train["x"], np.float64)[10:35]
    expect = np.maximum(x @ w["W"].T + w["b"], 0)
    np.testing.assert_allclose(p.heat_image.image, expect, atol=1e-9)
    # the training examples only: 80 % of the data
    assert len(p.train) == round(0.8 * len(xor.session.dataset))


def test_dead_unit_is_named_and_healthy_layers_are_not(xor, qtbot):
    p = xor.panel
    ids = xor.ids()
    w = xor.graph.nodes[ids["dense2"]].weights
    b = w["b"].copy()
    b[5] = -1e3
    xor.graph.set_weights(ids["dense2"], {"b": b, "W": w["W"]})
    qtbot.waitUntil(lambda: any(s.layer.name == "dense2" and 5 in s.dead for s in p.stats),
                    timeout=3000)
    text = p.flags.text()
    assert "dense2</b>: dead ReLU units" in text and "5" in text
    s1 = next(s for s in p.stats if s.layer.name == "dense1")
    assert s1.dead == [u for u in range(16)
                       if not (p.capture.values[ids["dense1"]][:, u] > 0).any()]


def test_top_examples_are_highlighted_points(xor, qtbot):
    p = xor.panel
    qtbot.waitUntil(lambda: p.capture is not None, timeout=3000)
    xor.session.select([xor.ids()["dense1"]])
    p.unit.setValue(3)
    a = p.capture.values[xor.ids()["dense1"]]
    idx = st.top_examples(a, 3, 12)
    x = np.asarray(p.train["x"])
    tx, ty = p.top_pts.getData()
    np.testing.assert_allclose(np.stack([tx, ty], 1), x[idx].astype(float))


def test_activation_curves_use_the_engine_and_shade_saturation(xor, qtbot):
    p = xor.panel
    p.fn.setCurrentIndex(p.fn.findData("tanh"))
    z, f = p.f_curve.getData()
    np.testing.assert_allclose(f, np.tanh(z), atol=1e-12)
    _, df = p.df_curve.getData()
    np.testing.assert_allclose(df, 1 - np.tanh(z) ** 2, atol=1e-12)
    assert all(zone.isVisible() for zone in p.zones)
    lo, hi = p.zones[1].getRegion()
    assert np.tanh(lo) == pytest.approx(0.97)
    p.fn.setCurrentIndex(p.fn.findData("identity"))
    assert not any(zone.isVisible() for zone in p.zones)


def test_follows_training_live(xor, qtbot):
    p = xor.panel
    qtbot.waitUntil(lambda: p.capture is not None, timeout=3000)
    d1 = xor.ids()["dense1"]
    w = xor.graph.nodes[d1].weights          # the graph's own: unchanged until the run ends

    def from_graph():
        x = np.asarray(p.train["x"], np.float64)
        return np.maximum(x @ w["W"].T + w["b"], 0)

    np.testing.assert_allclose(p.capture.values[d1], from_graph(), atol=1e-9)
    xor.train(epochs=300, wait=False)
    qtbot.waitUntil(lambda: p.source.live and p.update_count > 1 and p.capture is not None
                    and not np.allclose(p.capture.values[d1], from_graph()), timeout=10000)
    assert "live" in p.status.text()
    xor.controller.stop()
    qtbot.waitUntil(lambda: not xor.controller.busy, timeout=10000)


def test_graph_without_data_explains(qtbot):
    rig = Rig(qtbot, "scalar_chain", ActivationsPanel)
    try:
        qtbot.waitUntil(lambda: "no layers" in rig.panel.status.text(), timeout=3000)
    finally:
        rig.close()


def test_large_networks_get_statistics_over_a_sample(qtbot, monkeypatch):
    from graphviz_app.panels.inside import live
    monkeypatch.setattr(live, "LIVE_BUDGET", 3 * 400 * 50)   # 50 examples' worth of the 2-16-16-2
    rig = Rig(qtbot, "xor_mlp", ActivationsPanel)
    try:
        p = rig.panel
        qtbot.waitUntil(lambda: p.capture is not None, timeout=3000)
        macs = sum(s.macs for s in rig.graph.shapes.values())
        n = 3 * 400 * 50 // (3 * macs)
        assert len(p.train) == n < 320
        assert f"first {n} training examples" in p.status.text()
        assert p.stats[0].n == n
    finally:
        rig.close()


def test_the_layers_pre_activations_are_overlaid_on_its_own_function(xor, qtbot):
    p = xor.panel
    qtbot.waitUntil(lambda: p.capture is not None, timeout=3000)
    d1 = xor.ids()["dense1"]
    xor.session.select([d1])
    z = p.capture.pre[d1]
    w = xor.graph.nodes[d1].weights
    np.testing.assert_allclose(z, np.asarray(p.train["x"], float) @ w["W"].T + w["b"], atol=1e-9)
    edges, heights = p.pre_curve.getData()
    counts, e = np.histogram(z, bins=len(heights), range=(z.min(), z.max()))
    np.testing.assert_allclose(heights / heights.max(), counts / counts.max())
    _, f = p.f_curve.getData()
    zz, _ = p.f_curve.getData()
    np.testing.assert_allclose(f, np.maximum(zz, 0))          # dense1 is a ReLU layer
    p.fn.setCurrentIndex(p.fn.findData("sigmoid"))             # not dense1's function
    shown, _ = p.pre_curve.getData()
    assert shown is None or len(shown) == 0


def test_images_show_their_top_examples_as_thumbnails(qtbot):
    rig = Rig(qtbot, "small_cnn", ActivationsPanel)
    try:
        p = rig.panel
        qtbot.waitUntil(lambda: p.capture is not None, timeout=5000)
        logits = rig.ids()["logits"]
        rig.session.select([logits])
        p.unit.setValue(2)
        a = p.capture.values[logits]
        idx = st.top_examples(a, 2, 12)
        x = np.asarray(p.train["x"])             # (N, 1, 8, 8)
        strip = p.thumbs.image
        assert strip.shape == (8, 12 * 9 - 1)
        for k, i in enumerate(idx[:3]):
            np.testing.assert_allclose(strip[:, k * 9:k * 9 + 8], x[i, 0][::-1], atol=1e-6)
        assert len(p.top_pts.data) == 0
    finally:
        rig.close()


def test_clicking_a_heatmap_column_chooses_that_unit(xor, qtbot):
    from PySide6.QtCore import QPointF
    p = xor.panel
    qtbot.waitUntil(lambda: p.capture is not None, timeout=3000)

    class Click:
        accepted = False

        def pos(self):
            return QPointF(5.8, 3.0)        # image pixel coordinates: column 5 spans [5, 6)

        def accept(self):
            self.accepted = True

    ev = Click()
    p._heat_clicked(ev)
    assert p.unit.value() == 5 and ev.accepted
