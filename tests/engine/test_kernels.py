"""Kernel banks of the filter lab: classic kernels, custom kernels, one-pass application."""
import numpy as np
import pytest

from engine.inspect import kernels as K


def naive_correlate(img: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Plain double loop: out[i, j] = Σ k[a, b] · img[i + a - r, j + b - r], edges replicated."""
    h, w = img.shape
    n = k.shape[0]
    r = (n - 1) // 2
    out = np.zeros((h, w))
    for i in range(h):
        for j in range(w):
            for a in range(n):
                for b in range(n):
                    y = min(max(i + a - r, 0), h - 1)
                    x = min(max(j + b - r, 0), w - 1)
                    out[i, j] += k[a, b] * img[y, x]
    return out


def step_image(h=12, w=16, col=10):
    img = np.zeros((h, w), np.float32)
    img[:, col:] = 1.0
    return img


def test_sobel_finds_a_vertical_step_where_it_is():
    img = step_image(col=10)
    res = {r.name: r.response for r in K.classic_bank(img, ["sobel x", "sobel y"])}
    gx, gy = res["sobel x"], res["sobel y"]
    strong = np.unique(np.nonzero(np.abs(gx) > 1e-6)[1])
    assert strong.tolist() == [9, 10]            # the columns either side of the edge
    assert np.all(gx[:, 9:11] == pytest.approx(4.0))  # dark→bright: positive, 1+2+1
    assert np.abs(gy).max() == 0


def test_sobel_y_finds_a_horizontal_step():
    img = step_image(col=6).T.copy()             # the edge is now between rows 5 and 6
    gy = K.classic_bank(img, ["sobel y"])[0].response
    assert np.unique(np.nonzero(np.abs(gy) > 1e-6)[0]).tolist() == [5, 6]


def test_bank_equals_a_plain_loop_for_every_classic_kernel_and_a_custom_one():
    rng = np.random.default_rng(3)
    img = rng.random((9, 11)).astype(np.float32)
    names = [n for n in K.CLASSIC_NAMES if n != K.SOBEL_MAGNITUDE]
    custom = ("mine", np.arange(25, dtype=float).reshape(5, 5) - 12)
    results = K.classic_bank(img, names, sigma=0.8, custom=[custom])
    assert len(results) == len(names) + 1
    for r in results:
        ref = naive_correlate(img.astype(np.float64), r.kernel)
        np.testing.assert_allclose(r.response, ref, rtol=1e-5, atol=1e-5, err_msg=r.name)


def test_sobel_magnitude_is_the_length_of_the_gradient():
    rng = np.random.default_rng(4)
    img = rng.random((8, 8)).astype(np.float32)
    mag = K.classic_bank(img, [K.SOBEL_MAGNITUDE])[0]
    ref = np.hypot(naive_correlate(img, K.SOBEL_X), naive_correlate(img, K.SOBEL_Y))
    np.testing.assert_allclose(mag.response, ref, rtol=1e-5, atol=1e-5)
    assert mag.kernel is None and not mag.signed


def test_multichannel_bank_sums_over_channels():
    rng = np.random.default_rng(5)
    img = rng.random((3, 7, 6)).astype(np.float32)
    kern = rng.standard_normal((2, 3, 3, 3))
    out = K.apply_bank(img, K.stack_kernels(list(kern), channels=3))
    for f in range(2):
        ref = sum(naive_correlate(img[c], kern[f, c]) for c in range(3))
        np.testing.assert_allclose(out[f], ref, rtol=1e-5, atol=1e-5)


def test_mixed_sizes_are_centred_not_shifted():
    img = np.zeros((9, 9), np.float32)
    img[4, 4] = 1.0
    out = K.apply_bank(img, K.stack_kernels([K.classic("identity").weights,
                                              K.classic("box blur 5").weights]))
    assert out[0][4, 4] == 1.0 and out[0].sum() == 1.0
    np.testing.assert_allclose(out[1][2:7, 2:7], 1 / 25, rtol=1e-6)
    assert out[1].sum() == pytest.approx(1.0)


def test_grey_is_luminance_not_the_red_channel():
    red = np.zeros((2, 2, 3))
    red[..., 0] = 1
    green = np.zeros((2, 2, 3))
    green[..., 1] = 1
    assert K.luminance(red)[0, 0] == pytest.approx(0.299)
    assert K.luminance(green)[0, 0] == pytest.approx(0.587)


def test_gaussian_is_normalized_symmetric_and_grows_with_sigma():
    g1, g2 = K.gaussian(1.0), K.gaussian(2.0)
    assert g1.sum() == pytest.approx(1.0) and g2.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(g1, g1.T)
    np.testing.assert_allclose(g1, g1[::-1, ::-1])
    assert g2.shape[0] > g1.shape[0]
    assert g1[g1.shape[0] // 2, g1.shape[0] // 2] == g1.max()
    with pytest.raises(ValueError, match="σ"):
        K.gaussian(0)


def test_custom_kernels_parse_and_refuse_clearly():
    k = K.parse_kernel("1 0 -1\n2, 0, -2; 1 0 -1")
    np.testing.assert_array_equal(k, [[1, 0, -1], [2, 0, -2], [1, 0, -1]])
    assert K.parse_kernel("\n".join(["1 " * 5] * 5)).shape == (5, 5)
    for text, words in [("", "empty"), ("1 2\n3 4", "2 rows"), ("1 2 3\n4 5\n6 7 8", "row 2"),
                        ("1 2 3\n4 x 6\n7 8 9", "'x' is not a number"),
                        ("1 2 3\n4 nan 6\n7 8 9", "finite")]:
        with pytest.raises(ValueError, match=words):
            K.parse_kernel(text)


def test_patch_sum_is_the_response_at_that_pixel_also_at_the_border():
    rng = np.random.default_rng(6)
    img = rng.random((10, 10)).astype(np.float32)
    kern = K.classic("laplacian 8").weights
    resp = K.classic_bank(img, ["laplacian 8"])[0].response
    for i, j in [(0, 0), (9, 3), (5, 5), (0, 9)]:
        patch, total = K.patch_sum(img, kern, i, j)
        assert patch.shape == (3, 3)
        assert total == pytest.approx(float(resp[i, j]), abs=1e-5)


def test_resize_averages_blocks_and_fit_image_picks_channels():
    img = np.arange(16, dtype=np.float32).reshape(4, 4)
    np.testing.assert_allclose(K.resize(img, 2, 2), [[2.5, 4.5], [10.5, 12.5]])
    rgb = np.zeros((4, 4, 3), np.float32)
    rgb[..., 2] = 1.0                                      # pure blue
    grey = K.fit_image(rgb, 1, 2, 2)
    assert grey.shape == (1, 1, 2, 2) and grey[0, 0, 0, 0] == pytest.approx(0.114)
    col = K.fit_image(rgb, 3, 2, 2)
    assert col.shape == (1, 3, 2, 2) and col[0, 2].min() == 1.0 and col[0, 0].max() == 0.0
    with pytest.raises(ValueError, match="2 channels"):
        K.fit_image(rgb, 2, 2, 2)


def test_symmetric_range_is_diverging_for_signed_values():
    assert K.symmetric_range([np.array([-1.0, 3.0])]) == (-3.0, 3.0)
    assert K.symmetric_range([np.array([0.5, 2.0])]) == (0.5, 2.0)
    assert K.symmetric_range([np.array([2.0, 2.0])]) == (2.0, 3.0)
