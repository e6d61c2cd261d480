"""Cells of the array view map back to the right entries of the original array."""
from __future__ import annotations

import numpy as np
import pytest

from engine.inspect.array_grid import (TABLE_MAX, color_levels, entry_name, grid_of, hover_text,
                                       stats_text, use_table)


def test_matrix_cells_are_rows_by_columns_not_transposed():
    a = np.arange(6.0).reshape(2, 3)
    g = grid_of(a)
    assert g.cells.shape == (2, 3)
    assert g.index_of(1, 2) == (1, 2) and g.value(1, 2) == 5.0
    assert g.col_labels() == ["0", "1", "2"] and g.row_labels() == ["0", "1"]


def test_higher_axes_flatten_into_columns_row_major():
    w = np.random.default_rng(0).standard_normal((4, 2, 3, 3))
    g = grid_of(w, tiles=False)
    assert g.cells.shape == (4, 18)
    for r, c in [(0, 0), (3, 17), (2, 10), (1, 5)]:
        idx = g.index_of(r, c)
        assert g.value(r, c) == w[idx]
    assert g.index_of(2, 10) == (2, 1, 0, 1)
    assert g.col_labels()[10] == "1,0,1"


def test_large_4d_arrays_are_tiles_of_maps():
    a = np.random.default_rng(1).standard_normal((3, 4, 5, 6))
    g = grid_of(a)
    assert g.tiles and g.cells.shape == (15, 24)
    for n, c, i, j in [(0, 0, 0, 0), (2, 3, 4, 5), (1, 2, 3, 0)]:
        r, col = n * 5 + i, c * 6 + j
        assert g.index_of(r, col) == (n, c, i, j) and g.value(r, col) == a[n, c, i, j]
    small = grid_of(np.zeros((1, 2, 3, 3)))
    assert not small.tiles and small.cells.shape == (1, 18)


def test_conv_windows_unfold_into_one_block_per_output_position():
    w = np.random.default_rng(2).standard_normal((2, 3, 3, 3, 4, 5))   # N, C, f, f, OH, OW
    g = grid_of(w, windows=True)
    assert g.windows and g.cells.shape == (2 * 4 * 3, 3 * 5 * 3)
    for n, c, a, b, i, j in [(0, 0, 0, 0, 0, 0), (1, 2, 2, 1, 3, 4), (0, 1, 1, 2, 2, 0)]:
        r, col = n * 12 + i * 3 + a, c * 15 + j * 3 + b
        assert g.index_of(r, col) == (n, c, a, b, i, j) and g.value(r, col) == w[n, c, a, b, i, j]
    np.testing.assert_array_equal(g.cells[3:6, 6:9], w[0, 0, :, :, 1, 2])   # one window


def test_vector_and_scalar():
    v = np.array([3.0, -1.0, 2.0])
    g = grid_of(v)
    assert g.cells.shape == (1, 3) and g.index_of(0, 1) == (1,) and g.value(0, 1) == -1.0
    s = grid_of(np.array(2.5))
    assert s.index_of(0, 0) == () and hover_text("J", s, 0, 0) == "J = 2.5"
    with pytest.raises(IndexError):
        g.index_of(1, 0)


def test_hover_names_the_entry_and_its_value():
    a = np.array([[0.0, 0.125], [7.0, -3.5]])
    assert hover_text("dW[1]", grid_of(a), 1, 0) == "dW[1][1, 0] = 7"
    assert entry_name("b", (2,)) == "b[2]"


def test_table_for_small_arrays_only():
    assert use_table(np.zeros(TABLE_MAX)) and not use_table(np.zeros(TABLE_MAX + 1))
    assert not use_table(np.zeros(0))


def test_gradient_levels_are_symmetric_around_zero_and_values_use_their_range():
    g = np.array([-0.5, 0.1, 2.0])
    assert color_levels(g, "grad") == (-2.0, 2.0)
    assert color_levels(g, "value") == (-0.5, 2.0)
    assert color_levels(np.array([np.nan, 1.0]), "value") == (0.5, 1.5)
    assert "1 not finite" in stats_text(np.array([np.nan, 1.0]))
