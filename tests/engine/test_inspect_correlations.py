"""Hidden-unit correlations equal Pearson's r; dead units have none."""
from __future__ import annotations

import numpy as np
import pytest

from engine.examples import build
from engine.inspect.correlations import correlations, strongest
from engine.inspect.probe import Probe


def test_correlations_equal_numpys_corrcoef():
    rng = np.random.default_rng(0)
    z = rng.standard_normal((300, 3))
    a = np.stack([2 * z[:, 1] + 0.1 * rng.standard_normal(300), -z[:, 0], rng.random(300)], 1)
    r = correlations(a, z)
    full = np.corrcoef(a.T, z.T)[:3, 3:]
    np.testing.assert_allclose(r, full, atol=1e-12)
    np.testing.assert_array_equal(strongest(r), [1, 0, strongest(r)[2]])
    assert r[1, 0] == pytest.approx(-1.0)


def test_dead_unit_has_no_correlation_and_no_strongest_factor():
    z = np.random.default_rng(1).standard_normal((50, 3))
    a = np.stack([np.zeros(50), z[:, 2]], 1)
    r = correlations(a, z)
    assert np.isnan(r[0]).all() and not np.isnan(r[1]).any()
    np.testing.assert_array_equal(strongest(r), [-1, 2])


def test_mismatched_lengths_are_refused_with_both_shapes():
    with pytest.raises(ValueError, match=r"\(5, 2\).*\(4, 3\)"):
        correlations(np.zeros((5, 2)), np.zeros((4, 3)))


def test_housing_hidden_units_against_latent_factors():
    g, ds, info = build("housing")
    hidden = g.by_name(info["hidden_node"])
    acts = Probe(g).forward({"x": ds["x"]}, [hidden]).values[hidden]
    r = correlations(acts, ds["latent"])
    assert r.shape == (3, 3)
    k = int(np.nanargmax(np.abs(r[~np.isnan(r).all(1)]).max(1)))
    live = np.flatnonzero(~np.isnan(r).all(1))[k]
    a = acts[:, live]
    j = strongest(r)[live]
    assert r[live, j] == pytest.approx(np.corrcoef(a, ds["latent"][:, j])[0, 1], abs=1e-9)
