"""The projection behind the 3-D view of a cost surface: a grid of J as quads, turned, tilted
and depth-sorted for a painter (no OpenGL needed).

World coordinates: x along the first axis' values, y along the second's, both scaled to
[−1, 1]; z = J scaled to [−h/2, h/2] (h = ``height``), so every surface fills the same box.
The camera turns the surface by ``yaw`` about its vertical axis, then looks at it from
``elevation`` above the horizon (90° = straight down). Its three rows are

    u (screen right)     = (1, 0, 0)
    w (screen up)        = (0, sin e, cos e)
    t (toward the eye)   = (0, −cos e, sin e)

applied after the turn Rz(yaw): R = M(e)·Rz(yaw), orthonormal with det 1. The projection is
orthographic; the painter's algorithm draws the quads from the farthest (smallest t) to the
nearest, so near ones cover far ones.
"""
from __future__ import annotations

import numpy as np

__all__ = ["camera", "surface_points", "project", "quads", "path_points", "downsample"]


def camera(yaw_deg: float, elevation_deg: float) -> np.ndarray:
    """R (3, 3): rows u (right), w (up), t (toward the eye) in world coordinates."""
    y, e = np.radians(yaw_deg), np.radians(elevation_deg)
    rz = np.array([[np.cos(y), -np.sin(y), 0.0], [np.sin(y), np.cos(y), 0.0], [0.0, 0.0, 1.0]])
    m = np.array([[1.0, 0.0, 0.0], [0.0, np.sin(e), np.cos(e)], [0.0, -np.cos(e), np.sin(e)]])
    return m @ rz


def _scale(v: np.ndarray) -> np.ndarray:
    lo, hi = float(v[0]), float(v[-1])
    return np.zeros_like(v, float) if hi == lo else 2 * (v - lo) / (hi - lo) - 1


def _heights(J: np.ndarray, height: float) -> tuple[np.ndarray, float, float]:
    finite = J[np.isfinite(J)]
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    span = hi - lo if hi > lo else 1.0
    return height * ((J - lo) / span - 0.5), lo, span


def surface_points(J: np.ndarray, as_: np.ndarray, bs: np.ndarray, height: float = 1.0
                   ) -> np.ndarray:
    """P (B, A, 3) world points of J (B, A) over the grid (row i at bs[i], column j at
    as_[j]); NaN cells keep a NaN height."""
    z, _, _ = _heights(np.asarray(J, float), height)
    xs, ys = np.meshgrid(_scale(np.asarray(as_, float)), _scale(np.asarray(bs, float)))
    return np.stack([xs, ys, z], axis=-1)


def project(P: np.ndarray, R: np.ndarray, zoom: float, width: float, height: float
            ) -> tuple[np.ndarray, np.ndarray]:
    """(xy (..., 2) screen pixels, t (...) toward the eye) of world points P (..., 3) in a
    width × height view; the box's diagonal fits the smaller side at zoom 1."""
    v = P @ R.T
    s = 0.5 * min(width, height) / np.sqrt(3.0) * zoom
    xy = np.stack([width / 2 + s * v[..., 0], height / 2 - s * v[..., 1]], axis=-1)
    return xy, v[..., 2]


def quads(xy: np.ndarray, t: np.ndarray, values: np.ndarray
          ) -> tuple[np.ndarray, np.ndarray]:
    """(polygons (Q, 4, 2), value (Q,)) of the grid's cells with four finite corners, ordered
    from the farthest to the nearest (mean t of the corners): the order to paint them in.
    xy (B, A, 2), t (B, A), values (B, A) one number per grid point (J)."""
    corners = [(slice(None, -1), slice(None, -1)), (slice(None, -1), slice(1, None)),
               (slice(1, None), slice(1, None)), (slice(1, None), slice(None, -1))]
    poly = np.stack([xy[c] for c in corners], axis=2).reshape(-1, 4, 2)
    depth = np.mean([t[c] for c in corners], axis=0).ravel()
    val = np.mean([values[c] for c in corners], axis=0).ravel()
    ok = np.isfinite(depth) & np.isfinite(val) & np.isfinite(poly).all(axis=(1, 2))
    idx = np.flatnonzero(ok)
    idx = idx[np.argsort(depth[idx], kind="stable")]
    return poly[idx], val[idx]


def path_points(path: np.ndarray, J: np.ndarray, as_: np.ndarray, bs: np.ndarray,
                height: float = 1.0) -> np.ndarray:
    """(T, 3) world points of a path (T, 2) of (a, b) values lying on the surface: J read by
    bilinear interpolation of the grid (points outside are clamped to its edge)."""
    path = np.asarray(path, float).reshape(-1, 2)
    as_, bs = np.asarray(as_, float), np.asarray(bs, float)
    z, _, _ = _heights(np.asarray(J, float), height)
    fj = np.interp(path[:, 0], as_, np.arange(len(as_)))
    fi = np.interp(path[:, 1], bs, np.arange(len(bs)))
    j0 = np.clip(np.floor(fj).astype(int), 0, max(len(as_) - 2, 0))
    i0 = np.clip(np.floor(fi).astype(int), 0, max(len(bs) - 2, 0))
    j1, i1 = np.minimum(j0 + 1, len(as_) - 1), np.minimum(i0 + 1, len(bs) - 1)
    wj, wi = fj - j0, fi - i0
    h = ((1 - wi) * ((1 - wj) * z[i0, j0] + wj * z[i0, j1])
         + wi * ((1 - wj) * z[i1, j0] + wj * z[i1, j1]))
    x = np.interp(fj, np.arange(len(as_)), _scale(as_))
    y = np.interp(fi, np.arange(len(bs)), _scale(bs))
    return np.stack([x, y, h], axis=1)


def downsample(J: np.ndarray, as_: np.ndarray, bs: np.ndarray, most: int = 60
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(J, as_, bs) keeping every k-th row and column (and the last), at most ``most`` + 1 a
    side, so a 200 × 200 surface paints as about 60 × 60 quads."""
    def keep(n: int) -> np.ndarray:
        k = max(1, int(np.ceil(n / most)))
        idx = np.arange(0, n, k)
        return idx if idx[-1] == n - 1 else np.append(idx, n - 1)
    ri, ci = keep(J.shape[0]), keep(J.shape[1])
    return J[np.ix_(ri, ci)], np.asarray(as_)[ci], np.asarray(bs)[ri]
