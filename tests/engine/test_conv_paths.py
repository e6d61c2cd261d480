"""conv2d computes ∂J/∂x two ways (contiguous adds along flattened rows for stride 1, scattered
window slabs otherwise); both must equal finite differences and each other."""
from __future__ import annotations

import numpy as np
import pytest

from engine.ops import Context, get_op
from engine.ops import conv as conv_mod

from .opcheck import check_op_grads


@pytest.mark.parametrize("case", [  # N, C, H, W, O, k, p   (stride 1)
    (2, 3, 5, 6, 4, 3, 1),
    (1, 2, 6, 5, 3, 3, 0),
    (2, 2, 7, 7, 2, 5, 2),
    (1, 4, 4, 4, 5, 1, 0),
    (2, 1, 5, 5, 6, 3, 3),      # padding wider than the kernel's reach
    (1, 2, 4, 7, 2, 4, 1),      # even kernel, non-square input
])
def test_stride_one_input_gradient_matches_finite_differences(case):
    n, c, h, w, o, k, p = case
    rng = np.random.default_rng(7)
    x = rng.standard_normal((n, c, h, w))
    weights = {"W": rng.standard_normal((o, c, k, k)), "b": rng.standard_normal(o)}
    check_op_grads("conv2d", [x], dict(out_channels=o, kernel=k, stride=1, padding=p),
                   weights=weights)


@pytest.mark.parametrize("k, p", [(3, 0), (3, 1), (3, 2), (5, 2), (2, 1), (3, 4)])
def test_both_input_gradient_paths_agree(k, p):
    rng = np.random.default_rng(3)
    x = rng.standard_normal((2, 3, 7, 6)).astype(np.float32)
    W = rng.standard_normal((4, 3, k, k)).astype(np.float32)
    op = get_op("conv2d")
    params = op.validate_params(dict(out_channels=4, kernel=k, stride=1, padding=p))
    out, cache = op.forward(params, [x], {"W": W, "b": np.zeros(4, np.float32)}, Context())
    g = rng.standard_normal(out.shape).astype(np.float32)
    dxp_flat = conv_mod._stride1_input_grad(g, W.reshape(4, -1), 3, k, x.shape, p)
    full = conv_mod.unpad2d(dxp_flat, p).transpose(1, 0, 2, 3)      # (C, N, ..) -> (N, C, ..)
    dcols = np.matmul(W.reshape(4, -1).T, g.reshape(2, 4, -1)).reshape(2, 3, k, k, *out.shape[2:])
    dxp = conv_mod.scatter_windows(dcols.transpose(0, 1, 4, 5, 2, 3), 7 + 2 * p, 6 + 2 * p, 1)
    scattered = conv_mod.unpad2d(dxp, p)
    assert full.shape == x.shape and full.dtype == np.float32
    np.testing.assert_allclose(full, scattered, rtol=1e-4, atol=1e-4)
    gin, _ = op.backward(params, [x], {"W": W, "b": np.zeros(4, np.float32)}, out, cache, g,
                         (True,))
    np.testing.assert_allclose(gin[0], scattered, rtol=1e-4, atol=1e-4)
