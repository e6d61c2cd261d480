"""The Embeddings panel: PCA of an embedding table with word labels, neighbours in the original
space with far-in-picture marks, t-SNE in a worker (cancellable), similar images with the
reconstruction, and live re-projection while training."""
from __future__ import annotations

import numpy as np
import pytest

from engine import examples
from engine.data.digits import digits
from engine.inspect.projection import neighbours, pca
from engine.training import TrainConfig
from graphviz_app.panels.inside.embeddings import MAX_THUMBS, EmbeddingsPanel
from graphviz_app.session import Session
from graphviz_app.training.worker import TrainingController


def make(qtbot, name, dataset=None, training=False):
    g, ds, _ = examples.build(name)
    s = Session(g)
    s.set_dataset(dataset if dataset is not None else ds)
    ctrl = TrainingController(s) if training else None
    p = EmbeddingsPanel(s, ctrl)
    qtbot.addWidget(p)
    p.resize(900, 420)
    p.show()      # the projection is computed in a worker once the panel is shown
    qtbot.waitUntil(lambda: p.job is None or not p.job.running, timeout=30000)
    return p


@pytest.fixture
def words(qtbot):
    p = make(qtbot, "corpus_embedding")
    yield p
    if p.job is not None:
        p.job.wait()


def test_embedding_table_is_projected_by_pca_with_word_labels(words):
    g = words.session.graph
    assert words.source.currentData() == f"table:{g.by_name('embed')}"
    E = g.nodes[g.by_name("embed")].weights["E"]
    np.testing.assert_allclose(words.coords, pca(E).coords)
    vocab = words.session.dataset.meta["vocab"]
    shown = [t.textItem.toPlainText() for t in words._texts if t.isVisible()]
    assert shown == vocab
    x, y = words.scatter.getData()
    np.testing.assert_allclose(np.column_stack([x, y]), words.coords)


def test_click_lists_neighbours_in_the_original_space(words):
    words.k.setValue(5)
    words.select(3)
    pts = words.points
    nb = neighbours(pts.values, 3, 5, "euclidean", words.coords)
    listed = [words.table.item(r, 0).text() for r in range(words.table.rowCount())]
    assert listed == [pts.labels[j] for j in nb.index]
    marked = [words.table.item(r, 3).text() == "far in picture" for r in range(5)]
    assert marked == nb.far.tolist()
    words.distance.setCurrentText("cosine")
    cos = neighbours(pts.values, 3, 5, "cosine", words.coords)
    assert [words.table.item(r, 0).text() for r in range(5)] == [pts.labels[j] for j in cos.index]


def test_far_neighbours_are_warned_about(words):
    """Plant a point whose nearest neighbour in the space sits across the picture."""
    words.k.setValue(1)
    n = len(words.points.values)
    far_point = int(np.argmax(np.linalg.norm(words.coords - words.coords[0], axis=1)))
    words.points.values[far_point] = words.points.values[0] + 1e-6
    words.select(0)
    assert words.table.item(0, 0).text() == words.points.labels[far_point]
    assert words.table.item(0, 3).text() == "far in picture"
    assert "trust the list, not the picture" in words.warning.text()
    assert n > 3


def test_tsne_runs_in_a_worker_and_can_be_cancelled(qtbot):
    p = make(qtbot, "xor_mlp", dataset=digits(limit=120))
    keys = [p.source.itemData(i) for i in range(p.source.count())]
    p.source.setCurrentIndex(keys.index("data:x"))
    with qtbot.waitSignal(p.projected, timeout=60000):
        p.method.setCurrentText("t-SNE")
        assert p.job.running and p.progress.isVisible()
    assert p.coords.shape == (120, 2)
    assert not np.allclose(p.coords, pca(p.points.values).coords)
    job = p.project()                     # again, then cancel at once
    with qtbot.waitSignal(job.cancelled, timeout=60000):
        p.cancel()
    assert "cancelled" in p.info.text()
    assert p.coords.shape == (120, 2)     # the earlier picture stays


def test_similar_images_by_latent_and_by_pixels_with_reconstruction(qtbot, tmp_path):
    p = make(qtbot, "digits_autoencoder")
    g = p.session.graph
    assert p.source.currentData() == f"values:{g.by_name('latent')}"
    p.k.setValue(4)
    p.select(7)
    s = p._show_similar(7)
    pts = p.points
    np.testing.assert_array_equal(s.by_latent, neighbours(pts.values, 7, 4).index)
    pixels = p.session.dataset["x"][:len(pts.values)]
    np.testing.assert_array_equal(s.by_pixels, neighbours(pixels, 7, 4).index)
    assert s.reconstruction.shape == (8, 8)
    thumbs = [p.similar.grid.itemAt(i).widget() for i in range(p.similar.grid.count())]
    assert sum(1 for w in thumbs if w.pixmap() is not None and not w.pixmap().isNull()) == 2 + 8
    assert p.side_tabs.isTabEnabled(1)
    p.side_tabs.setCurrentIndex(1)
    p.resize(900, 420)
    assert p.grab().save(str(tmp_path / "similar.png"))


@pytest.mark.parametrize("name", ["corpus_embedding", "digits_autoencoder"])
def test_pca_reprojects_live_while_training(qtbot, name):
    p = make(qtbot, name, training=True)
    first = p.coords.copy()
    ctrl = p.training
    ds = p.session.dataset
    live = []
    p.projected.connect(lambda: live.append(ctrl.current is not None))
    ctrl.enqueue("run", TrainConfig(optimizer="adam", lr=0.02, batch_size=16, epochs=3),
                 ds, None)
    qtbot.waitUntil(lambda: any(live), timeout=30000)
    qtbot.waitUntil(lambda: not ctrl.busy, timeout=60000)
    ctrl.wait()
    assert any(live)
    assert not np.allclose(p.coords, first)


def test_weights_changed_reprojects_the_same_source(words, qtbot):
    g = words.session.graph
    nid = g.by_name("embed")
    E = g.nodes[nid].weights["E"]
    stretched = E * np.linspace(0.1, 3.0, E.shape[1])
    with qtbot.waitSignal(words.projected, timeout=5000):
        g.set_weights(nid, {"E": stretched})
    assert not np.allclose(np.abs(words.coords), np.abs(pca(E).coords), atol=1e-3)
    np.testing.assert_allclose(np.abs(words.coords), np.abs(pca(stretched).coords), atol=1e-9)


def test_image_points_get_thumbnails_at_their_points(qtbot):
    p = make(qtbot, "digits_autoencoder")
    shown = [t for t in p._thumbs if t.isVisible()]
    assert len(shown) == MAX_THUMBS
    first = shown[0]
    rect = first.mapRectToParent(first.boundingRect())
    assert rect.center().x() == pytest.approx(p.coords[0, 0], abs=1e-6)
    assert rect.center().y() == pytest.approx(p.coords[0, 1], abs=1e-6)
    np.testing.assert_array_equal(first.image, p.points.images[0][::-1])


def test_gui_timer_keeps_ticking_while_tsne_runs(qtbot):
    import time
    from PySide6.QtCore import QTimer
    p = make(qtbot, "xor_mlp", dataset=digits(limit=400))
    keys = [p.source.itemData(i) for i in range(p.source.count())]
    p.source.setCurrentIndex(keys.index("data:x"))
    ticks = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    with qtbot.waitSignal(p.projected, timeout=60000):
        p.method.setCurrentText("t-SNE")
    timer.stop()
    gaps = np.diff(ticks)
    assert len(ticks) > 20
    assert gaps.max() < 0.3, f"the GUI stalled {gaps.max() * 1000:.0f} ms"   # generous bound


def test_closing_the_panel_while_tsne_runs_is_safe(qtbot):
    import shiboken6
    g, _, _ = examples.build("xor_mlp")
    s = Session(g)
    s.set_dataset(digits(limit=200))
    p = EmbeddingsPanel(s, None)
    p.show()                  # a hidden panel projects nothing
    keys = [p.source.itemData(i) for i in range(p.source.count())]
    p.source.setCurrentIndex(keys.index("data:x"))
    p.method.setCurrentText("t-SNE")
    job = p.job
    assert job.running
    p.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(p), timeout=5000)
    with qtbot.waitSignal(job.ended, timeout=60000):
        job.cancel()
    assert not job.running


def test_double_clicking_a_neighbour_picks_it(words):
    words.select(0)
    second = words._listed[1]
    words.table.cellDoubleClicked.emit(1, 0)
    assert words.selected == second
    nb = neighbours(words.points.values, second, words.k.value())
    assert words._listed == nb.index.tolist()
    assert words.table.item(0, 0).text() == words.points.labels[nb.index[0]]
