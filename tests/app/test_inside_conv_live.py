"""Feature maps follow a running training, from copies of the weights it trains."""
import numpy as np

from engine import examples
from engine.inspect import feature_maps as fm
from engine.training import TrainConfig


def test_feature_maps_update_live_while_training(window, qtbot):
    g, ds, _ = examples.build("small_cnn")
    window.session.replace_graph(g, dataset=ds, example_name="small_cnn")
    window.show_panel("Feature maps")
    panel = window.panels["feature_maps"]
    conv = g.by_name("conv1")
    panel.set_node(conv)
    before = panel.view.maps.copy()
    start_w = g.nodes[conv].weights["W"].copy()
    ctl = window.training
    run = ctl.enqueue("live", TrainConfig(optimizer="adam", lr=0.05, batch_size=16, epochs=5000),
                      ds, None)
    try:
        qtbot.waitUntil(lambda: panel._live is not None and        # trained, not the start
                        not np.allclose(panel._live[(conv, "W")], start_w), timeout=20000)
        assert run.status == "running"
        np.testing.assert_allclose(g.nodes[conv].weights["W"], start_w)   # graph untouched
        qtbot.waitUntil(lambda: panel.view is not None and not np.allclose(panel.view.maps,
                                                                           before), timeout=5000)
        copy = g.copy()                          # no events run from here to the comparison
        copy.load_weight_snapshot(panel._live)
        expect = fm.build_view(copy, fm.examples_for(copy, conv, ds.arrays, panel.example), conv)
        np.testing.assert_allclose(panel.view.maps, expect.maps, rtol=1e-9, atol=1e-12)
    finally:
        ctl.stop()
        qtbot.waitUntil(lambda: not ctl.busy, timeout=10000)
        panel.background.wait()
