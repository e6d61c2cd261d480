"""Projections of high-dimensional points to 2-D, and nearest neighbours in the original space.

- :func:`pca`: centre the points and take the top right-singular vectors of the centred matrix
  X. With more points than dimensions they are found as the eigenvectors of XᵀX (D x D), the
  same vectors as the SVD's at a fraction of its time (2,000 x 64 in about a millisecond);
  otherwise by the SVD itself. The picture is the same every time (signs are fixed so that the
  largest loading of each component is positive).
- :func:`tsne` (from :mod:`.tsne`): scikit-learn's t-SNE in a child process with one thread,
  its progress read from scikit-learn's verbose lines, cancelled by ending the process.
- :func:`neighbours`: the k nearest points by euclidean or cosine distance in the original
  space, brute force, each marked when the 2-D picture places it far from the query (ranked
  beyond ``far_rank`` in the picture): a projection can mislead, and the panel says so.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..messages import Msg, MsgError
from .tsne import tsne

__all__ = ["Pca", "pca", "tsne", "distances", "Neighbours", "neighbours", "as_points"]


@dataclass
class Pca:
    """coords (N, k) projected points; components (k, D) unit directions; mean (D,);
    explained (k,) fraction of the variance along each component."""

    coords: np.ndarray
    components: np.ndarray
    mean: np.ndarray
    explained: np.ndarray

    def project(self, x: np.ndarray) -> np.ndarray:
        """Project new points (M, D) onto the same axes: (M, k)."""
        return (np.asarray(x, np.float64) - self.mean) @ self.components.T


def as_points(values: np.ndarray) -> np.ndarray:
    """Any (N, ...) array as (N, D) float64 rows (images and feature maps are flattened)."""
    a = np.asarray(values, np.float64)
    if a.ndim == 0:
        raise MsgError(Msg("view.single_number"))
    return a.reshape(len(a), -1) if a.ndim != 2 else a


def pca(x: np.ndarray, k: int = 2, reference: np.ndarray | None = None) -> Pca:
    """The top ``k`` principal components of the rows of ``x`` (N, D).

    ``reference`` (k, D): earlier components (of a live view); each new component is flipped
    to point the same way, so points do not jump to the mirror side between updates.
    """
    x = as_points(x)
    n, d = x.shape
    if n < 2:
        raise MsgError(Msg("view.projection_points", n=n))
    mean = x.mean(0)
    xc = x - mean
    if n >= d:
        vals, vecs = np.linalg.eigh(xc.T @ xc)
        order = np.argsort(vals)[::-1]
        s = np.sqrt(np.maximum(vals[order], 0.0))
        vt = vecs[:, order].T
    else:
        _, s, vt = np.linalg.svd(xc, full_matrices=False)
    k_eff = min(k, vt.shape[0])
    comps = vt[:k_eff]
    sign = np.sign(comps[np.arange(k_eff), np.abs(comps).argmax(1)])
    comps = comps * np.where(sign == 0, 1, sign)[:, None]
    ref = None if reference is None else np.asarray(reference, np.float64)
    if ref is not None and ref.ndim == 2 and ref.shape[1] == d and len(ref) >= k_eff:
        ref = ref[:k_eff]
        flip = np.sign((comps * ref).sum(1))
        comps = comps * np.where(flip == 0, 1, flip)[:, None]
    total = float((s ** 2).sum())
    explained = (s[:k_eff] ** 2) / total if total > 0 else np.zeros(k_eff)
    if k_eff < k:  # fewer dimensions than asked: pad with zero axes so callers get (N, k)
        comps = np.vstack([comps, np.zeros((k - k_eff, d))])
        explained = np.concatenate([explained, np.zeros(k - k_eff)])
    return Pca(xc @ comps.T, comps, mean, explained)


def distances(x: np.ndarray, i: int, metric: str = "euclidean") -> np.ndarray:
    """(N,) distances from row ``i`` of ``x`` to every row: euclidean, or cosine (1 - cos)."""
    x = as_points(x)
    q = x[i]
    if metric == "euclidean":
        return np.sqrt(np.maximum(((x - q) ** 2).sum(1), 0.0))
    if metric == "cosine":
        norms = np.linalg.norm(x, axis=1) * np.linalg.norm(q)
        with np.errstate(invalid="ignore", divide="ignore"):
            cos = np.where(norms > 0, x @ q / np.where(norms > 0, norms, 1), 0.0)
        return 1.0 - cos
    raise ValueError(f"metric must be 'euclidean' or 'cosine'; got {metric!r}")


@dataclass
class Neighbours:
    """index (k,) nearest items (nearest first, the query left out); distance (k,) in the
    original space; picture_rank (k,) their rank by 2-D distance (0 = nearest in the picture);
    far (k,) True where the picture puts the neighbour beyond ``far_rank``."""

    index: np.ndarray
    distance: np.ndarray
    picture_rank: np.ndarray
    far: np.ndarray
    far_rank: int


def neighbours(x: np.ndarray, i: int, k: int = 8, metric: str = "euclidean",
               coords: np.ndarray | None = None, far_rank: int | None = None) -> Neighbours:
    """The ``k`` nearest neighbours of item ``i`` in ``x`` (N, D), ties broken by index.

    With ``coords`` (N, 2), each neighbour's rank in the picture is found too; it is marked far
    when that rank is ``far_rank`` or more (default: three times k).
    """
    x = as_points(x)
    n = len(x)
    if not 0 <= i < n:
        raise IndexError(f"item {i} is not among the {n} items")
    k = max(0, min(k, n - 1))
    d = distances(x, i, metric)
    order = np.lexsort((np.arange(n), d))
    order = order[order != i][:k]
    far_rank = 3 * k if far_rank is None else far_rank
    if coords is None:
        rank = np.full(k, -1)
        far = np.zeros(k, bool)
    else:
        c = np.asarray(coords, np.float64)
        d2 = np.sqrt(((c - c[i]) ** 2).sum(1))
        pic = np.lexsort((np.arange(n), d2))
        pic = pic[pic != i]
        where = np.empty(n, int)
        where[pic] = np.arange(n - 1)
        rank = where[order]
        far = rank >= far_rank
    return Neighbours(order, d[order], rank, far, far_rank)


