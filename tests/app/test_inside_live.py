"""Training snapshots carry the run's arrays for small graphs only; the views follow them."""
from __future__ import annotations

import numpy as np

from graphviz_app.panels.inside.decision_boundary import DecisionBoundaryPanel
from graphviz_app.training import worker

from .inside_rig import Rig


def test_snapshots_carry_copies_of_the_runs_arrays(qtbot):
    rig = Rig(qtbot, "xor_mlp", DecisionBoundaryPanel)
    try:
        seen = []
        rig.controller.run_progressed.connect(lambda run: seen.append(run.weights))
        run = rig.train(epochs=2)
        got = [w for w in seen if w is not None]
        assert got, "no snapshot carried weights"
        final = rig.graph.weight_snapshot()
        assert set(got[-1]) == set(final)
        for k, v in got[-1].items():
            np.testing.assert_allclose(v, final[k], rtol=1e-6)   # the last one is the result
        assert run.data is not None and len(run.data[0]) == len(rig.session.dataset)
    finally:
        rig.close()


def test_large_graphs_train_without_weight_copies(qtbot, monkeypatch):
    monkeypatch.setattr(worker, "LIVE_WEIGHTS_MAX", 10)
    rig = Rig(qtbot, "xor_mlp", DecisionBoundaryPanel)
    try:
        seen = []
        rig.controller.run_progressed.connect(lambda run: seen.append(run.weights))
        rig.train(epochs=2)
        assert seen and all(w is None for w in seen)
        assert not rig.panel.source.live
    finally:
        rig.close()
