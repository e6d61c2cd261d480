"""The Data panel follows the session's data and graph: arrays, feeds, class counts, the right
preview for points, images and tables, and the loops-vs-vectorized timing."""
from __future__ import annotations

import numpy as np
import pytest

from engine import datasets, examples
from engine.data.corpus import skipgram
from engine.data.digits import digits
from engine.inspect import data_view
from engine.training import Dataset
from graphviz_app.panels.inside.data_panel import DataPanel
from graphviz_app.session import Session


@pytest.fixture
def panel(qtbot):
    g, ds, _ = examples.build("xor_mlp")
    s = Session(g)
    s.set_dataset(ds)
    p = DataPanel(s)
    qtbot.addWidget(p)
    p.resize(700, 320)
    yield p
    if p.job is not None:
        p.job.wait()


def test_points_show_as_a_scatter_with_counts(panel):
    ds = panel.session.dataset
    assert panel.preview.currentWidget() is panel.scatter_plot
    np.testing.assert_allclose(np.column_stack(panel.scatter.getData()), ds["x"], rtol=1e-6)
    heights = panel.bars.opts["height"]
    np.testing.assert_array_equal(heights, np.bincount(ds["y"]))
    assert not panel.counts_plot.isHidden()
    assert "array <b>x</b> (400, 2) → input <b>x</b>" in panel.feeds.text()
    assert "320 train, 80 dev" in panel.details.text()


def test_images_show_as_a_thumbnail_sheet(panel):
    panel.session.set_dataset(digits(images=True, limit=30))
    assert panel.preview.currentWidget() is panel.sheet_plot
    sheet = panel.sheet.image
    assert sheet.shape == data_view.montage(panel.session.dataset).shape
    # the feed check sees that x is images while the graph's input wants (N, 2)
    assert "expects (None, 2) but the array is (30, 1, 8, 8)" in panel.feeds.text()


def test_tables_show_the_first_rows_with_class_names(panel):
    ds = datasets.housing(n=60)
    panel.session.set_dataset(ds)
    assert panel.preview.currentWidget() is panel.table
    assert panel.table.rowCount() == 50
    header = [panel.table.horizontalHeaderItem(j).text() for j in range(panel.table.columnCount())]
    assert header == ["size", "bedrooms", "zip_code", "wealth", "y"]
    assert float(panel.table.item(3, 1).text()) == pytest.approx(float(ds["x"][3, 1]), rel=1e-3)
    assert len(panel.bars.opts["height"]) == 0 and panel.counts_plot.isHidden()


def test_word_ids_show_their_words(panel):
    panel.session.set_dataset(skipgram())
    assert panel.table.horizontalHeaderItem(0).text() == "x (word)"
    vocab = panel.session.dataset.meta["vocab"]
    first = int(panel.session.dataset["x"][0])
    assert panel.table.item(0, 0).text() == f"{first} {vocab[first]}"


def test_missing_array_for_an_input_is_named_with_the_fix(panel):
    panel.session.set_dataset(Dataset({"features": np.zeros((4, 2)), "y": np.zeros(4, int)}))
    assert "x: no array named 'x'" in panel.feeds.text()
    assert "rename the input node" in panel.feeds.text()


def test_no_data_says_where_to_get_some(panel):
    panel.session.set_dataset(None)
    assert "File → Data" in panel.title.text()
    assert not panel.time_button.isEnabled()


def test_loops_vs_vectorized_times_both_on_the_data(panel, qtbot):
    panel.session.set_dataset(digits(limit=200))
    job = panel.time_loops()
    with qtbot.waitSignal(job.ended, timeout=20000):
        pass
    text = panel.loop_result.text()
    assert "On 200 examples × 64 features" in text and "faster" in text
    assert "for i in range(n)" in panel.loop_code.toPlainText()
    assert "X.T @ dz" in panel.vector_code.toPlainText()


def test_loops_on_word_ids_explain_why_not(panel, qtbot):
    panel.session.set_dataset(skipgram())
    job = panel.time_loops()
    with qtbot.waitSignal(job.ended, timeout=20000):
        pass
    assert "holds ids" in panel.loop_result.text()


def test_panel_renders_at_a_small_dock_size(panel, tmp_path):
    panel.session.set_dataset(digits(images=True))
    panel.resize(420, 300)
    shot = panel.grab()
    assert shot.width() == 420 and shot.height() == 300
    assert shot.save(str(tmp_path / "data_panel.png"))


@pytest.mark.parametrize("panel_title", ["Data", "Embeddings"])
def test_screenshot_mode_shows_the_panel(tmp_path, panel_title):
    import os
    import subprocess
    import sys
    from PySide6.QtGui import QImage
    out = tmp_path / f"{panel_title}.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-m", "graphviz_app", "--screenshot", str(out),
                        "--example", "digits_autoencoder", "--size", "1280x720",
                        "--panel", panel_title], capture_output=True, text=True, timeout=120,
                       env=env)
    assert r.returncode == 0, r.stderr
    img = QImage(str(out))
    assert (img.width(), img.height()) == (1280, 720)


def test_recovered_autosave_brings_its_data(window, tmp_path, dialogs):
    window.session.set_dataset(digits(limit=12))
    window.session.mark_dirty()
    assert window.files.autosave()
    window.session.replace_graph(window.session.graph.copy())
    assert window.files.offer_recovery()
    np.testing.assert_array_equal(window.session.dataset["x"], digits(limit=12)["x"])
