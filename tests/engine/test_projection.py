"""Projections and neighbours: PCA against a covariance eigen-decomposition, neighbours against
brute force, and far-in-the-picture marks (t-SNE: test_tsne.py)."""
import numpy as np
import pytest

from engine.inspect.projection import distances, neighbours, pca


def test_pca_matches_the_covariance_eigenvectors():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 5)) @ np.diag([5.0, 3.0, 1.0, 0.5, 0.1]) + 7.0
    p = pca(x, 2)
    cov = np.cov(x, rowvar=False, bias=True)
    vals, vecs = np.linalg.eigh(cov)
    top = vecs[:, ::-1][:, :2].T
    for k in range(2):      # same direction up to sign, and projection of the centred data
        assert abs(abs(p.components[k] @ top[k]) - 1) < 1e-9
    np.testing.assert_allclose(p.explained, vals[::-1][:2] / vals.sum(), rtol=1e-9)
    np.testing.assert_allclose(p.coords, (x - x.mean(0)) @ p.components.T, atol=1e-9)
    np.testing.assert_allclose(p.coords.mean(0), 0, atol=1e-9)
    np.testing.assert_allclose(p.project(x[:3]), p.coords[:3], atol=1e-9)


def test_pca_is_deterministic_in_sign_and_pads_missing_axes():
    x = np.random.default_rng(1).normal(size=(50, 3))
    a, b = pca(x), pca(x.copy())
    np.testing.assert_array_equal(a.coords, b.coords)
    assert all(a.components[k][np.abs(a.components[k]).argmax()] > 0 for k in range(2))
    one = pca(np.arange(10.0)[:, None])          # 1-D data: the second axis is zero
    assert one.coords.shape == (10, 2)
    np.testing.assert_array_equal(one.coords[:, 1], 0)


def test_pca_flattens_images_and_needs_two_points():
    assert pca(np.zeros((4, 1, 3, 3)) + np.arange(4)[:, None, None, None]).coords.shape == (4, 2)
    with pytest.raises(ValueError, match="at least 2"):
        pca(np.zeros((1, 3)))


def brute(x, i, k, metric):
    d = []
    for j in range(len(x)):
        if j == i:
            continue
        if metric == "euclidean":
            d.append((float(np.sqrt(((x[i] - x[j]) ** 2).sum())), j))
        else:
            cos = x[i] @ x[j] / (np.linalg.norm(x[i]) * np.linalg.norm(x[j]))
            d.append((1 - float(cos), j))
    d.sort()
    return [j for _, j in d[:k]], [v for v, _ in d[:k]]


@pytest.mark.parametrize("metric", ["euclidean", "cosine"])
def test_neighbours_equal_brute_force(metric):
    x = np.random.default_rng(2).normal(size=(60, 7))
    for i in (0, 17, 59):
        nb = neighbours(x, i, 6, metric)
        idx, dist = brute(x, i, 6, metric)
        assert nb.index.tolist() == idx
        np.testing.assert_allclose(nb.distance, dist, atol=1e-12)
        assert i not in nb.index


def test_euclidean_and_cosine_differ_where_length_differs():
    x = np.array([[1.0, 0], [10.0, 0.5], [0.9, 0.9]])
    assert neighbours(x, 0, 1, "euclidean").index.tolist() == [2]
    assert neighbours(x, 0, 1, "cosine").index.tolist() == [1]


def test_far_in_the_picture_is_marked_by_picture_rank():
    x = np.array([[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]])
    coords = np.array([[0, 0], [100, 0], [1, 0], [2, 0], [3, 0], [4, 0]], float)
    nb = neighbours(x, 0, 2, coords=coords, far_rank=3)
    assert nb.index.tolist() == [1, 2]
    assert nb.picture_rank.tolist() == [4, 0]     # item 1 is the farthest in the picture
    assert nb.far.tolist() == [True, False]


def test_distances_refuse_unknown_metric():
    with pytest.raises(ValueError, match="euclidean' or 'cosine"):
        distances(np.zeros((3, 2)), 0, "manhattan")


def test_pca_follows_the_reference_direction():
    x = np.random.default_rng(3).normal(size=(80, 4)) * [3, 2, 1, 0.5]
    p = pca(x)
    flipped = pca(x, reference=-p.components)
    np.testing.assert_allclose(flipped.components, -p.components)
    np.testing.assert_allclose(flipped.coords, -p.coords)
    same = pca(x, reference=p.components)
    np.testing.assert_allclose(same.coords, p.coords)


def test_pca_with_fewer_points_than_dimensions_uses_the_svd_and_agrees():
    x = np.random.default_rng(4).normal(size=(6, 20))
    p = pca(x)
    _, s, vt = np.linalg.svd(x - x.mean(0), full_matrices=False)
    for k in range(2):
        assert abs(abs(p.components[k] @ vt[k]) - 1) < 1e-9
    np.testing.assert_allclose(p.explained, s[:2] ** 2 / (s ** 2).sum())
