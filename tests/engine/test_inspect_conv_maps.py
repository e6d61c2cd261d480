"""Feature maps: values from the engine, colour scales, the mosaic layout, kernel pictures."""
import numpy as np
import pytest

from engine import Executor, examples
from engine.inspect import feature_maps as fm, upstream


def test_maps_shown_are_the_engines_values_on_sampled_pixels():
    g, ds, _ = examples.build("small_cnn", seed=2)
    ex = Executor(g)
    xs, ys = ds.arrays["x"][:8], ds.arrays["y"][:8]
    ex.run({"x": xs, "y": ys}, training=False, backward=False)
    rng = np.random.default_rng(0)
    for name in ("conv1", "relu1", "pool1"):
        nid = g.by_name(name)
        full = ex.last_values[ex.index[nid]]
        for n in (0, 5):
            v = upstream.run_upto(g, {"x": xs[n:n + 1]}, nid).values[nid][0]
            lv = fm.levels(v, "local")
            mo = fm.mosaic(v, lv)
            for _ in range(6):
                c, i, j = (int(rng.integers(s)) for s in v.shape)
                assert v[c, i, j] == pytest.approx(full[n, c, i, j], rel=1e-9, abs=1e-12)
                y0, x0 = mo.origin(c)
                assert mo.cell_at(y0 + i, x0 + j, v.shape[0]) == (c, i, j)
                expect = (v[c, i, j] - lv.lo[c]) / (lv.hi[c] - lv.lo[c])
                if lv.signed[c]:
                    expect = v[c, i, j] / lv.hi[c]
                assert mo.image[y0 + i, x0 + j] == pytest.approx(expect, abs=1e-6)


def test_scales_local_shared_global_and_diverging():
    maps = np.stack([np.full((2, 2), 1.0), np.array([[0.0, 4.0], [2.0, 2.0]]),
                     np.array([[-1.0, 0.5], [0.0, 0.0]])])
    loc = fm.levels(maps, "local")
    assert loc.lo.tolist() == [1.0, 0.0, -1.0] and loc.hi.tolist() == [2.0, 4.0, 1.0]
    assert loc.signed.tolist() == [False, False, True]
    sh = fm.levels(maps, "shared")
    assert sh.lo.tolist() == [-4.0] * 3 and sh.hi.tolist() == [4.0] * 3
    gl = fm.levels(maps, "global", (0.0, 10.0))
    assert gl.lo.tolist() == [0.0] * 3 and gl.hi.tolist() == [10.0] * 3
    with pytest.raises(ValueError, match="global"):
        fm.levels(maps, "global")
    mo = fm.mosaic(maps, loc, cols=2)
    assert mo.image.shape == (5, 5) and mo.signed
    assert np.isnan(mo.image[2, :]).all() and np.isnan(mo.image[:, 2]).all()
    assert mo.image[3, 0] == pytest.approx(-1.0)        # channel 2, value −1 on ±1
    assert mo.cell_at(2, 0, 3) is None and mo.cell_at(3, 3, 3) is None


def test_grid_shape_fits_every_tile():
    for n in (1, 2, 7, 8, 32, 33):
        r, c = fm.grid_shape(n)
        assert r * c >= n and (r - 1) * c < n
    assert fm.grid_shape(32, aspect=2.0)[1] == 8


def test_kernel_source_and_pictures():
    g, _, _ = examples.build("small_cnn")
    conv = g.by_name("conv1")
    assert fm.kernel_source(g, g.by_name("pool1")) == conv
    assert fm.kernel_source(g, g.by_name("relu1")) == conv
    assert fm.kernel_source(g, g.by_name("logits")) is None
    assert fm.map_nodes(g) == [conv, g.by_name("relu1"), g.by_name("pool1")]
    w = np.arange(2 * 3 * 2 * 2, dtype=float).reshape(2, 3, 2, 2)
    tiles, words = fm.kernel_tiles(w)
    np.testing.assert_allclose(tiles[1], w[1].mean(axis=0))
    assert "averaged over its 3 input channels" in words
    np.testing.assert_allclose(fm.kernel_tiles(w, 2)[0][0], w[0, 2])
    with pytest.raises(ValueError, match="out of range"):
        fm.kernel_tiles(w, 3)


def test_labels_give_index_and_range():
    maps = np.array([[[0.0, 1.5]], [[-2.0, 3.0]]])
    assert fm.labels(maps) == ["0: 0 … 1.5", "1: -2 … 3"]
