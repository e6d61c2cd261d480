"""The Hidden units table shows each unit's correlation with each latent factor, the strongest
per unit highlighted; data without latent factors gets a message naming the example to open."""
from __future__ import annotations

import numpy as np

from engine.inspect.correlations import correlations
from graphviz_app.panels.inside.hidden_units import HiddenUnitsPanel

from .inside_rig import Rig


def test_table_shows_the_correlations_after_training(qtbot):
    rig = Rig(qtbot, "housing", HiddenUnitsPanel)
    try:
        rig.train(epochs=20)
        p = rig.panel
        qtbot.waitUntil(lambda: p.r is not None and not p.source.live, timeout=5000)
        ds = rig.session.dataset
        h = rig.graph.nodes[rig.ids()["hidden"]].weights
        a = np.maximum(np.asarray(ds["x"], float) @ h["W"].T + h["b"], 0)
        r = correlations(a, ds["latent"])
        t = p.table
        assert t.rowCount() == 3 and t.columnCount() == 4
        assert [t.horizontalHeaderItem(j).text() for j in range(3)] == \
            ["family\nsize", "walkability", "school\nquality"]
        best = [int(np.nanargmax(np.abs(row))) if not np.isnan(row).all() else -1 for row in r]
        expect = [["—" if np.isnan(r[u, j]) else ("▶ " if j == best[u] else "") + f"{r[u, j]:+.2f}"
                   for j in range(3)] for u in range(3)]
        shown = [[t.item(u, j).text() for j in range(3)] for u in range(3)]
        assert shown == expect
        bold = [[t.item(u, j).font().bold() for j in range(3)] for u in range(3)]
        assert bold == [[j == best[u] for j in range(3)] for u in range(3)]
        assert any(b >= 0 for b in best)          # at least one unit is alive after training
    finally:
        rig.close()


def test_data_without_latent_factors_names_the_example(qtbot):
    rig = Rig(qtbot, "xor_mlp", HiddenUnitsPanel)
    try:
        qtbot.waitUntil(lambda: "House prices" in rig.panel.note.text(), timeout=3000)
        assert rig.panel.table.rowCount() == 0
    finally:
        rig.close()


def test_table_follows_a_run_live(qtbot):
    rig = Rig(qtbot, "housing", HiddenUnitsPanel)
    try:
        p = rig.panel
        qtbot.waitUntil(lambda: p.r is not None, timeout=3000)
        before = p.r.copy()
        rig.train(epochs=400, wait=False)
        qtbot.waitUntil(lambda: p.source.live and "Live" in p.note.text(), timeout=10000)
        qtbot.waitUntil(lambda: not np.allclose(np.nan_to_num(p.r), np.nan_to_num(before)),
                        timeout=10000)
        rig.controller.stop()
        qtbot.waitUntil(lambda: not rig.controller.busy, timeout=10000)
    finally:
        rig.close()
