"""Generated datasets: shapes, dtypes, label ranges, seeding."""
from __future__ import annotations

import numpy as np
import pytest

from engine import datasets
from engine.training import Dataset


@pytest.mark.parametrize("name", ["xor", "circles", "moons", "spirals", "blobs"])
def test_2d_classification_sets(name):
    ds = datasets.GENERATORS[name](n=90, seed=3)
    assert isinstance(ds, Dataset) and len(ds) == 90
    assert ds["x"].shape == (90, 2) and ds["x"].dtype == np.float32
    assert ds["y"].shape == (90,) and ds["y"].dtype == np.int64
    k = ds.meta["classes"]
    assert set(np.unique(ds["y"])) == set(range(k))
    assert ds.meta["task"] == "classification" and np.isfinite(ds["x"]).all()


@pytest.mark.parametrize("name", list(datasets.GENERATORS))
def test_seeded(name):
    a, b, c = (datasets.GENERATORS[name](seed=s) for s in (1, 1, 2))
    for k in a.keys():
        assert np.array_equal(a[k], b[k])
    assert not np.array_equal(a["x"], c["x"])


def test_xor_labels_follow_signs():
    ds = datasets.xor(n=400, noise=0.1)
    x, y = ds["x"], ds["y"]
    assert np.mean((np.sign(x[:, 0]) != np.sign(x[:, 1])) == (y == 1)) > 0.99


def test_spirals_class_count():
    ds = datasets.spirals(n=100, classes=4)
    assert ds.meta["classes"] == 4 and ds["y"].max() == 3
    with pytest.raises(ValueError):
        datasets.spirals(classes=1)


def test_line_labels_are_float_columns():
    ds = datasets.line(n=50)
    assert ds["y"].shape == (50, 1) and ds["y"].dtype == np.float32
    assert set(np.unique(ds["y"])) == {0.0, 1.0}


def test_housing_price_comes_from_latent_factors():
    ds = datasets.housing(n=800)
    assert ds["x"].shape == (800, 4) and ds["y"].shape == (800, 1)
    assert ds["latent"].shape == (800, 3)
    assert ds.meta["latent_names"] == ["family_size", "walkability", "school_quality"]
    assert ds.meta["task"] == "regression"
    np.testing.assert_allclose(ds["x"].mean(0), 0, atol=1e-5)
    # the price is (almost) a linear function of the latent factors
    a = np.c_[ds["latent"], np.ones(800)]
    coef, *_ = np.linalg.lstsq(a, ds["y"][:, 0], rcond=None)
    resid = ds["y"][:, 0] - a @ coef
    assert resid.var() < 0.05 * ds["y"].var()
    assert all(abs(np.corrcoef(ds["latent"][:, i], ds["y"][:, 0])[0, 1]) > 0.2 for i in range(3))


def test_other_distribution_dev_set():
    train, same, other = datasets.other_distribution("moons", n=100, n_dev=40)
    assert len(train) == 100 and len(same) == len(other) == 40
    assert other.meta["classes"] == same.meta["classes"] == 2
    shift = np.abs(other["x"].mean(0) - same["x"].mean(0)).max()
    assert shift > 0.2
    with pytest.raises(ValueError, match="kind"):
        datasets.other_distribution("faces")


def test_word_pairs_cooccur_within_topics():
    ds = datasets.word_pairs(sentences=100, filler=0.0)
    vocab, topics = ds.meta["vocab"], ds.meta["topics"]
    assert ds["x"].dtype == np.int64 and ds["x"].shape == ds["y"].shape
    assert ds["x"].max() < len(vocab) and ds.meta["classes"] == len(vocab)
    same = [topics[vocab[c]] == topics[vocab[o]] for c, o in zip(ds["x"], ds["y"])]
    assert all(same)


@pytest.mark.parametrize("size", [8, 16])
def test_shapes_images(size):
    ds = datasets.shapes(n=40, size=size)
    x = ds["x"]
    assert x.shape == (40, 1, size, size) and x.dtype == np.float32
    assert x.min() >= 0 and x.max() <= 1
    assert set(np.unique(ds["y"])) == set(range(len(datasets.SHAPE_CLASSES)))
