"""The conv op's reused work arrays: reused only once nothing refers to them, per thread."""
import threading

import numpy as np

from engine.ops import conv_buffers, get_op
from engine.ops.base import Context
from tests.engine.opcheck import check_op_grads

RNG = np.random.default_rng(0)
OP = get_op("conv2d")
P = OP.validate_params({"out_channels": 3, "kernel": 3, "stride": 1, "padding": 1})
P2 = OP.validate_params({"out_channels": 3, "kernel": 3, "stride": 2, "padding": 1})
W = {"W": RNG.standard_normal((3, 2, 3, 3)), "b": RNG.standard_normal(3)}


def address(a: np.ndarray) -> int:
    return a.__array_interface__["data"][0]


def test_a_cache_someone_keeps_is_never_overwritten_by_the_next_step():
    x1, x2 = RNG.standard_normal((2, 2, 5, 5)), RNG.standard_normal((2, 2, 5, 5))
    out1, cache1 = OP.forward(P, [x1], W, Context())
    kept, out_kept = cache1["windows"].copy(), out1.copy()
    g = RNG.standard_normal(out1.shape)
    (dx1,), _ = OP.backward(P, [x1], W, out1, cache1, g, (True,))
    dx_kept = dx1.copy()
    out2, cache2 = OP.forward(P, [x2], W, Context())
    OP.backward(P, [x2], W, out2, cache2, -g, (True,))
    assert not np.shares_memory(cache1["windows"], cache2["windows"])
    np.testing.assert_array_equal(cache1["windows"], kept)      # the player's record holds
    np.testing.assert_array_equal(dx1, dx_kept)                # a gradient still in use
    np.testing.assert_array_equal(out1, out_kept)              # a value still in use


def test_strided_and_flat_input_gradients_agree_with_a_plain_sum():
    """dx by definition (a loop over windows) for stride 1 (the flat-shift path) and 2."""
    x = RNG.standard_normal((2, 2, 5, 5))
    for params in (P, P2):
        out, cache = OP.forward(params, [x], W, Context())
        g = RNG.standard_normal(out.shape)
        (dx,), _ = OP.backward(params, [x], W, out, cache, g, (True,))
        s = params["stride"]
        ref = np.zeros((2, 2, 7, 7))
        for i in range(out.shape[2]):
            for j in range(out.shape[3]):
                ref[:, :, i * s:i * s + 3, j * s:j * s + 3] += np.einsum(
                    "no,ocab->ncab", g[:, :, i, j], W["W"])
        np.testing.assert_allclose(dx, ref[:, :, 1:6, 1:6], rtol=1e-12, atol=1e-12)


def test_a_released_step_lends_its_arrays_to_the_next():
    x = RNG.standard_normal((2, 2, 5, 5))
    out, cache = OP.forward(P, [x], W, Context())
    first = address(cache["windows"])
    del out, cache
    out, cache = OP.forward(P, [x], W, Context())
    assert address(cache["windows"]) == first                 # no fresh memory this time


def test_threads_never_share_an_array():
    here = conv_buffers.take("test.share", (64,), np.float64)
    mine = address(here)
    del here                                                  # free for this thread
    seen = []
    t = threading.Thread(target=lambda: seen.append(address(
        conv_buffers.take("test.share", (64,), np.float64))))
    t.start()
    t.join(5)
    assert seen and seen[0] != mine
    assert address(conv_buffers.take("test.share", (64,), np.float64)) == mine


def test_the_flat_shift_input_gradient_passes_the_gradient_check_on_a_wide_image():
    """Stride 1 with padding on a non-square image (rows Wp wide): central differences."""
    x = RNG.standard_normal((1, 2, 4, 7))
    weights = {"W": RNG.standard_normal((3, 2, 3, 3)), "b": RNG.standard_normal(3)}
    check_op_grads("conv2d", [x], dict(out_channels=3, kernel=3, stride=1, padding=1),
                   weights=weights)
