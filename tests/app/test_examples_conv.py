"""The convolutional examples in the window (each opens, steps and shows its panels in
test_every_example.py): GoogLeNet opens collapsed and steps, the inspector shows the course's
figures, and the Filter lab sets the example's filters beside the classic kernels."""
from __future__ import annotations

import numpy as np


def _dock_of(window, title: str):
    return next(d for d in window.docks.values() if d.windowTitle() == title)


def test_googlenet_opens_collapsed_and_steps(window, qtbot):
    window.resize(1280, 720)
    from engine.examples_conv import googlenet_onnx
    graph, data, _ = googlenet_onnx()
    window.session.replace_graph(graph, dataset=data)
    g = window.session.graph
    assert g.issues == []
    module = next(gid for gid, gr in g.groups.items() if gr.name.startswith("inception_3a"))
    assert window.scene.group_item(module).collapsed
    first = window.player.step_forward()
    second = window.player.step_forward()
    assert first.phase == second.phase == "forward" and first.node != second.node


def test_inspector_shows_the_courses_output_size(window):
    window.files.open_example("conv_shape")
    g = window.session.graph
    window.session.select([g.by_name("conv")])
    insp = window.inspector
    assert insp.size_label.text() == "(32 + 2*1 - 8)/2 + 1 = 14 → 14x14x20"
    assert "3 860 parameters" in insp.count_label.text()


def test_inspector_shows_the_bottleneck_saving(window):
    window.files.open_example("inception_28_naive")
    g = window.session.graph
    window.session.select([g.by_name("b3_5x5")])
    assert "120 422 400 multiply-adds" in window.inspector.count_label.text()
    window.files.open_example("inception_28")
    g = window.session.graph
    window.session.select([g.by_name("b3_5x5")])
    assert "10 035 200 multiply-adds" in window.inspector.count_label.text()


def test_the_stride_step_reports_a_stride_that_does_not_fit(window):
    window.files.open_example("conv_shape")
    panel = window.panels["example_guide"]
    g = window.session.graph
    bad, good = (next(s for s in panel.guide.steps if s.label.startswith(p))
                 for p in ("Stride 3", "Back to stride 2"))
    assert panel.run_step(bad)
    assert any("not a whole number" in str(i) for i in g.issues_for(g.by_name("conv")))
    assert panel.run_step(good)
    assert g.issues == []


def test_filter_lab_sets_the_example_filters_beside_the_classic_ones(window):
    window.files.open_example("filter_lab")
    g = window.session.graph
    w = np.asarray(g.nodes[g.by_name("conv1")].weights["W"])
    panel = window.panels["filter_lab"]
    i = panel.learned_box.findText("conv1")
    assert i > 0
    panel.learned_box.setCurrentIndex(i)
    learned = [r for r in panel.results if r.name.startswith("conv1 filter")]
    assert len(learned) == 8 and len(panel.results) > 8        # beside the classic kernels
    for f, r in enumerate(learned):
        np.testing.assert_allclose(r.kernel, w[f, 0])
        assert r.response.shape == panel.grey.shape
