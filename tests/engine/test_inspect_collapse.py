"""The collapsed affine map of the linear network reproduces its outputs; non-linear layers
are named as the reason there is none."""
from __future__ import annotations

import numpy as np
import pytest

from engine.examples import build
from engine.inspect import collapse, grids
from engine.inspect.probe import Probe
from engine.training import TrainConfig, Trainer


def _out(g):
    return next(n for n in g.nodes if g.nodes[n].name == "dense3")


@pytest.mark.parametrize("seed", [0, 5])
def test_collapsed_map_reproduces_the_linear_network(seed):
    g, ds, _ = build("linear_collapse", seed=seed)
    Trainer(g, ds, config=TrainConfig(optimizer="adam", lr=0.05, epochs=3, batch_size=32,
                                      dtype="float64")).run()
    c = collapse.collapse(g, _out(g))
    assert c.W.shape == (2, 2) and c.b.shape == (2,)
    assert c.layers == ["dense1", "dense2", "dense3"]
    x = np.random.default_rng(seed).uniform(-3, 3, (500, 2))
    net = Probe(g).forward({"x": x}, [_out(g)]).values[_out(g)]
    np.testing.assert_allclose(c.apply(x), net, atol=1e-6, rtol=0)
    # the product is W3·W2·W1, not W1·W2·W3
    w = [g.nodes[n].weights["W"] for n in sorted(g.nodes) if g.nodes[n].op == "dense"]
    names = [g.nodes[n].name for n in sorted(g.nodes) if g.nodes[n].op == "dense"]
    W = dict(zip(names, w))
    np.testing.assert_allclose(c.W, W["dense3"] @ W["dense2"] @ W["dense1"], atol=1e-12)


def test_collapsed_boundary_coincides_with_the_network_boundary():
    g, ds, _ = build("linear_collapse", seed=1)
    probe = Probe(g)
    plane = grids.plane_for(ds["x"], 80)
    m = grids.boundary_maps(g, probe, plane)
    c = collapse.collapse(g, _out(g))
    xs, ys = collapse.line_of(c, plane.extent)
    pts = np.stack([xs, ys], 1)
    scores = c.apply(pts)
    np.testing.assert_allclose(scores[:, 0], scores[:, 1], atol=1e-9)   # on the line: a tie
    # and the network's own class map equals the collapsed map's side of that line
    side = (c.apply(plane.points).argmax(1)).reshape(80, 80)
    np.testing.assert_array_equal(m.classes, side)


def test_relu_network_does_not_collapse_and_says_which_layer():
    g, _, _ = build("xor_mlp")
    with pytest.raises(ValueError, match=r"dense1 \(relu\), dense2 \(relu\) apply a non-linear"):
        collapse.collapse(g, _out(g))


def test_override_weights_are_used():
    g, _, _ = build("linear_collapse")
    d1 = next(n for n in g.nodes if g.nodes[n].name == "dense1")
    W1 = np.zeros_like(g.nodes[d1].weights["W"])
    c = collapse.collapse(g, _out(g), {(d1, "W"): W1})
    np.testing.assert_allclose(c.W, 0, atol=0)
    assert c.formula == "W[3] · W[2] · W[1]"
