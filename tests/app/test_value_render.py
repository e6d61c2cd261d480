"""Arrays become small pictures and short text that fit their shape."""
from __future__ import annotations

import time

import numpy as np

from graphviz_app.player.value_render import (LUTS, bar_strip, colorize, fmt_number, image_array, render,
                                       summary, to_qimage)


def test_scalar_is_text_only(qtbot):
    r = render(np.array(3.0))
    assert r.image is None and r.text == "3"
    assert render(np.array([[0.25]])).text == "0.25"
    g = render(np.array(-1.5), "grad")
    assert g.text == "-1.5" and g.color != r.color


def test_vector_is_a_bar_strip_with_a_zero_baseline():
    v = np.array([-2.0, 0.0, 1.0, 2.0])
    img = bar_strip(v, height=20)
    assert img.shape == (20, 4, 3)
    background = np.array([236, 236, 236])
    filled = (img != background).any(axis=2)
    # the largest entry fills the top half (above the baseline), the negative the bottom half
    assert filled[:9, 3].all() and not filled[:9, 0].any()
    assert filled[11:, 0].all() and not filled[11:, 3].any()


def test_matrix_heatmap_value_and_gradient_maps_differ():
    m = np.arange(12.0).reshape(3, 4)
    v = colorize(m, "value")
    assert v.shape == (3, 4, 3)
    np.testing.assert_array_equal(v[0, 0], LUTS["value"][0])
    np.testing.assert_array_equal(v[-1, -1], LUTS["value"][255])
    g = colorize(m - 5.5, "grad")
    # gradients: diverging, centred on zero; the largest magnitude hits an end of the map
    np.testing.assert_array_equal(g[-1, -1], LUTS["grad"][255])
    assert not np.array_equal(LUTS["value"][0], LUTS["grad"][0])
    zero = colorize(np.array([[-1.0, 0.0, 1.0]]), "grad")[0, 1]
    assert (zero > 240).all()   # white at zero


def test_image_batch_thumbnails():
    rgb = np.random.default_rng(0).random((2, 3, 8, 8))
    assert image_array(rgb).shape == (8, 8, 3)
    grey = np.random.default_rng(0).random((2, 1, 8, 8))
    assert image_array(grey).shape == (8, 8, 3)
    many = np.random.default_rng(0).random((2, 8, 5, 5))
    tiled = image_array(many)
    assert tiled.shape == (3 * 6 - 1, 3 * 6 - 1, 3)   # 8 channels tiled 3x3 with 1px gaps
    other = image_array(np.zeros((2, 3, 4, 5, 6)))
    assert other.shape == (2, 90, 3)     # rows x (3*4*5*6 columns, every 4th)


def test_render_builds_owned_qimage_of_bounded_size(qtbot):
    r = render(np.random.default_rng(1).standard_normal((500, 784)))
    assert r.image is not None and not r.image.isNull()
    assert r.image.width() <= 72 and r.image.height() <= 40
    assert "…" in r.text
    img = to_qimage(np.full((2, 3, 3), 200, np.uint8))
    assert img.pixelColor(2, 1).red() == 200


def test_nonfinite_and_empty_do_not_break():
    r = render(np.array([1.0, np.nan, np.inf, -2.0]))
    assert r.image is not None
    assert "not finite" in summary(np.array([1.0, np.nan]))
    assert "empty" in render(np.zeros((0, 3))).text
    assert fmt_number(float("nan")) == "nan"


def test_summary_gives_shape_range_and_first_entries():
    s = summary(np.arange(10.0).reshape(2, 5))
    assert s.startswith("2x5  min 0  max 9  mean 4.5")
    assert "[0, 1, 2, 3, 4, 5, …]" in s
    assert summary(np.array(2.5)) == "scalar  2.5"


def test_render_is_fast(qtbot):
    a = np.random.default_rng(0).standard_normal((256, 256))
    t = time.perf_counter()
    for _ in range(50):
        render(a)
    assert (time.perf_counter() - t) / 50 < 0.01


def test_wide_and_tall_matrices_do_not_shrink_to_a_sliver(qtbot):
    wide = render(np.random.default_rng(0).standard_normal((4, 128)), "grad")
    assert wide.image.width() == 72 and wide.image.height() >= 13
    tall = render(np.arange(128.0).reshape(128, 1))
    assert tall.image.height() == 40 and tall.image.width() >= 13
    square = render(np.ones((4, 4)) * np.arange(4))      # unchanged: cells stay square
    assert square.image.width() == square.image.height() == 40
