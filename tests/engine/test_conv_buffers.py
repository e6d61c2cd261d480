"""The conv op's reused work arrays: reused only once nothing refers to them, per thread."""
import threading

import numpy as np

from engine.ops import conv_buffers, get_op
from engine.ops.base import Context

RNG = np.random.default_rng(0)
OP = get_op("conv2d")
P = OP.validate_params({"out_channels": 3, "kernel": 3, "stride": 1, "padding": 1})
W = {"W": RNG.standard_normal((3, 2, 3, 3)), "b": RNG.standard_normal(3)}


def address(a: np.ndarray) -> int:
    return a.__array_interface__["data"][0]


def test_a_cache_someone_keeps_is_never_overwritten_by_the_next_step():
    x1, x2 = RNG.standard_normal((2, 2, 5, 5)), RNG.standard_normal((2, 2, 5, 5))
    out1, cache1 = OP.forward(P, [x1], W, Context())
    kept = cache1["windows"].copy()
    g = RNG.standard_normal(out1.shape)
    (dx1,), _ = OP.backward(P, [x1], W, out1, cache1, g, (True,))
    dx_kept = dx1.copy()
    out2, cache2 = OP.forward(P, [x2], W, Context())
    OP.backward(P, [x2], W, out2, cache2, -g, (True,))
    assert not np.shares_memory(cache1["windows"], cache2["windows"])
    np.testing.assert_array_equal(cache1["windows"], kept)      # the player's record holds
    np.testing.assert_array_equal(dx1, dx_kept)                # a gradient still in use


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
