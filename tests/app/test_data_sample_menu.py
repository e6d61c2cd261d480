"""File → Data offers the sample pictures (whole, and cut into patches) as built-in data; the
patches fit the course's conv example and train there; the engine's own PNG reader agrees
with Qt's on every shipped sample."""
from __future__ import annotations

import numpy as np

from engine.data import sample_images as si
from graphviz_app.editor.data_import import _rgb
from graphviz_app.panels.watch.training_panel import SESSION_DATA


def _action(window, text: str):
    menus = [a.menu() for a in window.actions.file_menu.actions() if a.menu() is not None]
    found = [a for m in menus for a in m.actions() if a.text().replace("&", "") == text]
    assert len(found) == 1, [a.text() for m in menus for a in m.actions()]
    return found[0]


def test_the_data_menu_loads_patches_that_fit_the_conv_example_and_whole_pictures(window):
    assert window.files.open_example("conv_shape")
    _action(window, "Sample Image Patches (which picture, 3x32x32)").trigger()
    ds = window.session.dataset
    k = len(si.SAMPLES) + len(si.PHOTOS)          # the photographs are read by Qt
    assert ds["x"].shape == (100 * k, 3, 32, 32) and ds.meta["classes"] == k
    assert ds.meta["class_names"][-2:] == ["china (photo)", "flower (photo)"]
    training = window.training_panel
    assert training.data.currentData() == SESSION_DATA     # offered: it fits the inputs
    train, dev = training.data_split()
    assert len(train) + len(dev) == len(ds)
    window.session.undo_stack.undo()                         # undoable like any data load
    assert window.session.dataset is not ds
    _action(window, "Sample Images (7 pictures, 3x64x64)").trigger()   # the whole pictures
    ds = window.session.dataset
    assert ds["x"].shape == (7, 3, 64, 64)
    np.testing.assert_array_equal(ds["y"], np.arange(7))
    assert "sample images" in window.statusBar().currentMessage()


def test_the_engines_png_reader_agrees_with_qt(qtbot):
    for _label, path in si.sample_files(photos=False):
        np.testing.assert_allclose(si.read_png(path), _rgb(path), atol=1e-6)
