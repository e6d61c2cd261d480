"""The 3-D view's projection: the camera is a rotation, it turns and tilts the right way, the
quads come far to near, and a path lies on the surface."""
from __future__ import annotations

import numpy as np
import pytest

from engine.inspect import surface3d as s3


def test_the_camera_is_a_rotation():
    R = s3.camera(37.0, 25.0)
    np.testing.assert_allclose(R @ R.T, np.eye(3), atol=1e-12)
    assert np.linalg.det(R) == pytest.approx(1.0)


def test_from_above_the_screen_shows_x_right_and_y_up():
    R = s3.camera(0.0, 90.0)
    xy, t = s3.project(np.array([[1.0, 0, 0], [0, 1.0, 0], [0, 0, 1.0]]), R, 1.0, 200, 100)
    assert xy[0, 0] > 100 and xy[0, 1] == pytest.approx(50)      # +x: right of centre
    assert xy[1, 1] < 50 and xy[1, 0] == pytest.approx(100)      # +y: above centre
    assert t[2] == pytest.approx(1.0)                            # +z: toward the eye


def test_turning_by_90_degrees_brings_x_where_y_was():
    xy, _ = s3.project(np.array([1.0, 0, 0]), s3.camera(90.0, 90.0), 1.0, 200, 200)
    ref, _ = s3.project(np.array([0, 1.0, 0]), s3.camera(0.0, 90.0), 1.0, 200, 200)
    np.testing.assert_allclose(xy, ref, atol=1e-9)


def test_from_the_side_height_is_up_and_the_near_edge_is_painted_last():
    J = np.zeros((4, 3))
    J[2, 1] = 5.0                                   # a peak at row 2
    as_, bs = np.linspace(-1, 1, 3), np.linspace(0, 3, 4)
    P = s3.surface_points(J, as_, bs)
    assert P.shape == (4, 3, 3)
    xy, t = s3.project(P, s3.camera(0.0, 10.0), 1.0, 300, 300)
    assert xy[2, 1, 1] < xy[2, 0, 1]                # the peak is drawn higher on screen
    polys, vals = s3.quads(xy, t, J)
    assert polys.shape == (6, 4, 2) and vals.shape == (6,)
    # each cell's depth, by hand: the mean t of its four corners; paint far (small t) first
    cells = [(r, c) for r in range(3) for c in range(2)]
    depth = {rc: np.mean(t[rc[0]:rc[0] + 2, rc[1]:rc[1] + 2]) for rc in cells}
    painted = sorted(cells, key=lambda rc: depth[rc])
    np.testing.assert_allclose(vals, [np.mean(J[r:r + 2, c:c + 2]) for r, c in painted])
    np.testing.assert_allclose(polys[-1][0], xy[painted[-1]])
    # looking from −y, the cells at the smallest b are nearest, so painted last
    assert painted[-1][0] == 0 and painted[0][0] == 2


def test_cells_with_a_missing_corner_are_left_out():
    J = np.ones((3, 3))
    J[0, 0] = np.nan
    P = s3.surface_points(J, np.arange(3.0), np.arange(3.0))
    xy, t = s3.project(P, s3.camera(30, 30), 1, 100, 100)
    polys, _ = s3.quads(xy, t, J)
    assert len(polys) == 3


def test_a_path_lies_on_the_surface():
    as_, bs = np.linspace(-2, 2, 5), np.linspace(0, 1, 3)
    J = np.add.outer(bs * 10, as_ ** 2)             # (3, 5)
    P = s3.surface_points(J, as_, bs)
    pts = s3.path_points(np.array([[as_[1], bs[2]], [0.5 * (as_[3] + as_[4]), bs[0]]]),
                         J, as_, bs)
    np.testing.assert_allclose(pts[0], P[2, 1])     # on a grid point: exactly its corner
    np.testing.assert_allclose(pts[1], 0.5 * (P[0, 3] + P[0, 4]))


def test_downsample_keeps_the_edges():
    J = np.arange(200 * 150, dtype=float).reshape(200, 150)
    d, a, b = s3.downsample(J, np.arange(150.0), np.arange(200.0), most=60)
    assert d.shape[0] <= 61 and d.shape[1] <= 61
    assert (a[0], a[-1], b[0], b[-1]) == (0, 149, 0, 199)
    assert d[-1, -1] == J[-1, -1] and d[1, 0] == J[int(b[1]), 0]
