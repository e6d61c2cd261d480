"""Decision-boundary maps: sampled pixels equal an independent forward pass of that point, and
rows run along y, columns along x."""
from __future__ import annotations

import numpy as np
import pytest

from engine.examples import build
from engine.inspect import grids
from engine.inspect.probe import Probe


def _forward(g, pts):
    w = {g.nodes[n].name: g.nodes[n].weights for n in g.nodes}
    a1 = np.maximum(pts @ w["dense1"]["W"].T + w["dense1"]["b"], 0)
    a2 = np.maximum(a1 @ w["dense2"]["W"].T + w["dense2"]["b"], 0)
    return a1, a2, a2 @ w["dense3"]["W"].T + w["dense3"]["b"]


def test_plane_covers_the_points_with_a_margin():
    x = np.array([[0.0, -2.0], [4.0, 2.0]])
    p = grids.plane_for(x, 50, margin=0.1)
    assert p.extent == pytest.approx((-0.4, 4.4, -2.4, 2.4))
    assert p.points.shape == (2500, 2)
    # row-major: point k sits at row k // R (y), column k % R (x)
    assert tuple(p.points[51]) == pytest.approx((p.xs[1], p.ys[1]))
    assert tuple(p.points[50]) == pytest.approx((p.xs[0], p.ys[1]))


def test_sampled_pixels_equal_an_independent_forward_pass():
    g, ds, _ = build("xor_mlp", seed=2)
    ids = {g.nodes[n].name: n for n in g.nodes}
    plane = grids.plane_for(ds["x"], 100)
    m = grids.boundary_maps(g, Probe(g), plane)
    assert m.classes.shape == (100, 100) and set(m.units) == {ids["dense1"], ids["dense2"]}
    rng = np.random.default_rng(0)
    rows, cols = rng.integers(0, 100, 25), rng.integers(0, 100, 25)
    pts = np.stack([plane.xs[cols], plane.ys[rows]], 1)
    a1, a2, z = _forward(g, pts)
    np.testing.assert_allclose(m.output[rows, cols], z, atol=1e-10)
    np.testing.assert_array_equal(m.classes[rows, cols], z.argmax(1))
    p = np.exp(z - z.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    np.testing.assert_allclose(m.confidence[rows, cols], p.max(1), atol=1e-10)
    np.testing.assert_allclose(m.units[ids["dense1"]][:, rows, cols], a1.T, atol=1e-10)
    np.testing.assert_allclose(m.units[ids["dense2"]][:, rows, cols], a2.T, atol=1e-10)


def test_single_logit_and_single_probability_are_thresholded_at_the_middle():
    cls, conf = grids.classify(np.array([[-2.0], [0.5]]))
    np.testing.assert_array_equal(cls, [0, 1])
    np.testing.assert_allclose(conf, [1 - 1 / (1 + np.exp(2.0)), 1 / (1 + np.exp(-0.5))])
    cls, conf = grids.classify(np.array([[0.2], [0.9]]), probabilities=True)
    np.testing.assert_array_equal(cls, [0, 1])
    np.testing.assert_allclose(conf, [0.8, 0.9])


def test_logistic_regression_boundary_is_its_line():
    g, ds, _ = build("logistic_regression")
    dense = next(n for n in g.nodes if g.nodes[n].op == "dense")
    g.set_weights(dense, {"W": np.array([[1.0, -2.0]]), "b": np.array([0.5])})
    plane = grids.plane_for(ds["x"], 60)
    m = grids.boundary_maps(g, Probe(g), plane)
    gx, gy = np.meshgrid(plane.xs, plane.ys)
    np.testing.assert_array_equal(m.classes, (gx - 2 * gy + 0.5 > 0).astype(int))
    assert m.units == {}


def test_graph_without_a_plane_input_is_refused_by_name():
    g, _, _ = build("housing")
    with pytest.raises(ValueError, match="N x 2"):
        grids.boundary_maps(g, Probe(g), grids.plane_for(np.zeros((2, 2)), 10))


def test_mosaic_places_every_unit_scaled_in_reading_order():
    rng = np.random.default_rng(0)
    maps = [rng.standard_normal((10, 5, 5)), rng.standard_normal((3, 5, 5))]
    img, where = grids.mosaic(maps, cols=4, pad=1)
    assert img.shape == (4 * 6 - 1, 4 * 6 - 1)     # 3 + 1 rows of tiles, 4 columns
    for layer, m in enumerate(maps):
        for u in range(len(m)):
            y, x = where[layer][u]
            np.testing.assert_allclose(img[y:y + 5, x:x + 5], m[u] / np.abs(m[u]).max(),
                                       atol=1e-6)
    # the first layer on top (rows grow upward when drawn), its unit 0 at the top left
    assert where[0][0] == (18, 0) and where[0][4] == (12, 0) and where[1][0] == (0, 0)
    banded, places = grids.mosaic(maps, cols=4, pad=1, band=3)
    assert banded.shape == (img.shape[0] + 1 + 2 * 3, img.shape[1])
    assert places[0][0] == (18 + 3, 0) and places[1][0] == (0, 0)
    np.testing.assert_array_equal(banded[-3:], 0)       # the band above the first layer
    b = grids.to_bytes(np.array([-1.0, 0.0, 1.0, 3.0]))
    np.testing.assert_array_equal(b, [0, 127, 255, 255])


def test_three_classes_take_the_arg_max_and_three_colours():
    out = np.array([[0.0, 2.0, 1.0], [5.0, 0.0, 0.0], [0.0, 0.0, 3.0]])
    cls, conf = grids.classify(out)
    np.testing.assert_array_equal(cls, [1, 0, 2])
    p = np.exp(out[0]) / np.exp(out[0]).sum()
    assert conf[0] == pytest.approx(p[1])
    img = grids.class_image(cls.reshape(1, 3), np.ones((1, 3)), 3)
    assert len({tuple(c) for c in img[0]}) == 3
    # an unsure pixel (confidence 1/K) is white, a sure one the class colour
    img = grids.class_image(np.array([[2, 2]]), np.array([[1 / 3, 1.0]]), 3)
    np.testing.assert_array_equal(img[0, 0], [255, 255, 255])
    assert tuple(img[0, 1]) != (255, 255, 255)
