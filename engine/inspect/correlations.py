"""What hidden units learned (idea 1): the correlation of each hidden unit's activation with
each latent factor the data was generated from.

r[u, f] is Pearson's correlation over the examples between unit u's activation and factor f.
A unit that never changes (a dead ReLU) has no correlation: its row is NaN. The strongest
factor of a unit is the one with the largest |r|.
"""
from __future__ import annotations

import numpy as np

from ..messages import Msg, MsgError


def correlations(acts: np.ndarray, latent: np.ndarray) -> np.ndarray:
    """r (U, F) between acts (N, U) and latent (N, F); NaN where either column is constant."""
    a = np.asarray(acts, np.float64)
    z = np.asarray(latent, np.float64)
    if a.ndim != 2 or z.ndim != 2 or len(a) != len(z):
        raise MsgError(Msg("view.correlation_shapes", a=a.shape, z=z.shape))
    a = a - a.mean(0)
    z = z - z.mean(0)
    na = np.sqrt((a * a).sum(0))
    nz = np.sqrt((z * z).sum(0))
    with np.errstate(invalid="ignore", divide="ignore"):
        r = (a.T @ z) / np.outer(na, nz)
    r[(na < 1e-12)[:, None] | (nz < 1e-12)[None, :]] = np.nan
    return np.clip(r, -1.0, 1.0)


def strongest(r: np.ndarray) -> np.ndarray:
    """(U,) index of each unit's factor with the largest |r|; -1 for a unit with none."""
    out = np.full(r.shape[0], -1, np.int64)
    ok = ~np.isnan(r).all(1)
    out[ok] = np.nanargmax(np.abs(r[ok]), 1)
    return out


__all__ = ["correlations", "strongest"]
