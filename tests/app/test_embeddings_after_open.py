"""Training right after another example opens, before the Embeddings panel has refilled its list
of sources, never projects a node of the graph before (whose id may not exist in the new one)."""
from __future__ import annotations


def test_a_live_update_between_open_and_refill_projects_nothing(window, qtbot):
    window.files.open_example("digits_autoencoder")
    window.show_panel("Embeddings")
    panel = window.panels["embeddings"]
    qtbot.waitUntil(lambda: panel.points is not None and not (panel.job and panel.job.running),
                    timeout=30000)
    keys = [panel.source.itemData(i) for i in range(panel.source.count())]
    key = max((k for k in keys if k and k.startswith("values:")), key=lambda k: int(k[8:]))
    panel.source.setCurrentIndex(keys.index(key))   # its deepest node: an id the next lacks
    qtbot.waitUntil(lambda: not (panel.job and panel.job.running), timeout=30000)
    window.files.open_example("logistic_regression")   # the old key stays until the refill
    graph = window.session.graph
    assert panel._refill.isActive() and panel.source.currentData() == key
    assert key.partition(":")[2] not in graph.nodes
    window.training.live_graph = lambda: graph       # as while a run of the new graph trains
    panel._last_live = 0.0
    before = panel.job
    panel._on_training(None)                         # raised KeyError on the old key's id
    assert panel.job is before                       # and started no projection of it
    qtbot.waitUntil(lambda: not panel._refill.isActive(), timeout=5000)
    assert panel.source.currentData() != key
