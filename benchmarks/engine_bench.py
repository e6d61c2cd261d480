"""Engine performance against references measured in the same process.

Each case runs the same work three ways: through our engine, through a hand-written vectorized
NumPy version of the same math, and (when it is installed) through PyTorch on the CPU. Times are
medians over several repeats, float32 throughout. Output, one line per case:

    CASE: engine X ms, numpy Y ms, torch Z ms, engine/torch R

Run: python benchmarks/engine_bench.py [--repeats 7] [--cases mlp,tiny,...]
PyTorch is a reference only: nothing in the engine or the tests imports it.
"""
from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine import Executor, Graph  # noqa: E402
from engine.ops import get_op  # noqa: E402
from engine.ops.base import Context  # noqa: E402

try:  # a benchmark-only reference
    import torch
except ImportError:  # pragma: no cover
    torch = None

F32 = np.float32


def median_ms(fn, repeats: int, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


# -- multilayer perceptrons ---------------------------------------------------------------------
def mlp_graph(sizes: list[int], seed: int = 0) -> tuple[Graph, str]:
    g = Graph(seed=seed)
    x = g.add_node("input", {"shape": (None, sizes[0])}, name="x")
    y = g.add_node("input", {"shape": (None,), "dtype": "int"}, name="y")
    prev = x
    for i, n in enumerate(sizes[1:]):
        last = i == len(sizes) - 2
        d = g.add_node("dense", {"units": n, "activation": "identity" if last else "relu",
                                 "init": "he"}, name=f"dense{i + 1}")
        g.connect(prev, d, 0)
        prev = d
    loss = g.add_node("softmax_ce", name="cost")
    g.connect(prev, loss, 0)
    g.connect(y, loss, 1)
    return g, loss


def mlp_data(sizes, n, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, sizes[0])).astype(F32)
    Y = rng.integers(0, sizes[-1], n)
    return X, Y


def engine_epoch(sizes, X, Y, batch, lr=0.01):
    g, loss = mlp_graph(sizes)
    ex = Executor(g, target=loss, dtype=F32)
    weights = {(nid, k): g.nodes[nid].weights[k] for nid in g.nodes for k in g.nodes[nid].weights}

    def epoch():
        for s in range(0, len(X), batch):
            _, grads = ex.run({"x": X[s:s + batch], "y": Y[s:s + batch]})
            for key, gr in grads.items():
                w = weights[key]
                w -= lr * gr
    return epoch


def numpy_epoch(sizes, X, Y, batch, lr=0.01):
    rng = np.random.default_rng(0)
    Ws = [(rng.standard_normal((o, i)) * np.sqrt(2 / i)).astype(F32) for i, o in zip(sizes, sizes[1:])]
    bs = [np.zeros(o, F32) for o in sizes[1:]]
    L = len(Ws)

    def epoch():
        for s in range(0, len(X), batch):
            x, y = X[s:s + batch], Y[s:s + batch]
            acts, zs = [x], []
            for l in range(L):
                z = acts[-1] @ Ws[l].T + bs[l]
                zs.append(z)
                acts.append(np.maximum(z, 0) if l < L - 1 else z)
            z = acts[-1]
            z = z - z.max(1, keepdims=True)
            e = np.exp(z)
            p = e / e.sum(1, keepdims=True)
            m = len(y)
            dz = p
            dz[np.arange(m), y] -= 1
            dz /= m
            for l in range(L - 1, -1, -1):
                dW = dz.T @ acts[l]
                db = dz.sum(0)
                if l > 0:
                    dz = (dz @ Ws[l]) * (zs[l - 1] > 0)
                Ws[l] -= lr * dW
                bs[l] -= lr * db
    return epoch


def torch_epoch(sizes, X, Y, batch, lr=0.01):
    layers = []
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        layers.append(torch.nn.Linear(a, b))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    lossf = torch.nn.CrossEntropyLoss()
    Xt, Yt = torch.from_numpy(X), torch.from_numpy(Y)

    def epoch():
        for s in range(0, len(X), batch):
            opt.zero_grad(set_to_none=True)
            loss = lossf(model(Xt[s:s + batch]), Yt[s:s + batch])
            loss.backward()
            opt.step()
    return epoch


def bench_mlp(sizes, n, batch, repeats):
    X, Y = mlp_data(sizes, n)
    out = {"engine": median_ms(engine_epoch(sizes, X, Y, batch), repeats),
           "numpy": median_ms(numpy_epoch(sizes, X, Y, batch), repeats)}
    if torch is not None:
        out["torch"] = median_ms(torch_epoch(sizes, X, Y, batch), repeats)
    return out


# -- conv and pooling: forward + backward of one op, input gradient included ---------------------
def engine_op_fb(name, params, x, weights):
    op = get_op(name)
    p = op.validate_params(params)
    ctx = Context()
    need = (True,)

    def run():
        out, cache = op.forward(p, [x], weights, ctx)
        op.backward(p, [x], weights, out, cache, np.ones_like(out), need)
    return run


def numpy_conv_fb(x, W, b, pad):
    from numpy.lib.stride_tricks import sliding_window_view
    k = W.shape[-1]

    def run():
        xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
        win = sliding_window_view(xp, (k, k), axis=(2, 3))          # N C OH OW k k
        N, C, OH, OW = win.shape[:4]
        cols = win.transpose(0, 2, 3, 1, 4, 5).reshape(N * OH * OW, C * k * k)
        out = cols @ W.reshape(len(W), -1).T + b                    # (N*OH*OW, F)
        g = np.ones_like(out)
        dW = (g.T @ cols).reshape(W.shape)
        db = g.sum(0)
        dcols = (g @ W.reshape(len(W), -1)).reshape(N, OH, OW, C, k, k)
        dxp = np.zeros_like(xp)
        for i in range(k):
            for j in range(k):
                dxp[:, :, i:i + OH, j:j + OW] += dcols[:, :, :, :, i, j].transpose(0, 3, 1, 2)
        return dW, db, dxp[:, :, pad:pad + x.shape[2], pad:pad + x.shape[3]]
    return run


def torch_conv_fb(x, W, b, pad):
    xt = torch.from_numpy(x).requires_grad_(True)
    Wt = torch.from_numpy(W).requires_grad_(True)
    bt = torch.from_numpy(b).requires_grad_(True)

    def run():
        out = torch.nn.functional.conv2d(xt, Wt, bt, padding=pad)
        out.backward(torch.ones_like(out))
    return run


def bench_conv(N, C, H, F, k, pad, repeats):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((N, C, H, H)).astype(F32)
    W = (rng.standard_normal((F, C, k, k)) * 0.1).astype(F32)
    b = np.zeros(F, F32)
    params = {"out_channels": F, "kernel": k, "stride": 1, "padding": pad}
    out = {"engine": median_ms(engine_op_fb("conv2d", params, x, {"W": W, "b": b}), repeats),
           "numpy": median_ms(numpy_conv_fb(x, W, b, pad), repeats)}
    if torch is not None:
        out["torch"] = median_ms(torch_conv_fb(x, W, b, pad), repeats)
    return out


def bench_maxpool(repeats):
    rng = np.random.default_rng(0)
    x = np.maximum(rng.standard_normal((32, 16, 32, 32)), 0).astype(F32)

    def numpy_run():
        N, C, H, W = x.shape
        v = x.reshape(N, C, H // 2, 2, W // 2, 2).transpose(0, 1, 2, 4, 3, 5).reshape(N, C, H // 2, W // 2, 4)
        idx = v.argmax(-1)
        out = np.take_along_axis(v, idx[..., None], -1)[..., 0]
        g = np.ones_like(out)
        dv = np.zeros_like(v)
        np.put_along_axis(dv, idx[..., None], g[..., None], -1)
        return dv.reshape(N, C, H // 2, W // 2, 2, 2).transpose(0, 1, 2, 4, 3, 5).reshape(x.shape)

    out = {"engine": median_ms(engine_op_fb("max_pool2d", {"kernel": 2, "stride": 2}, x, {}), repeats),
           "numpy": median_ms(numpy_run, repeats)}
    if torch is not None:
        xt = torch.from_numpy(x).requires_grad_(True)

        def torch_run():
            o = torch.nn.functional.max_pool2d(xt, 2)
            o.backward(torch.ones_like(o))
        out["torch"] = median_ms(torch_run, repeats)
    return out


def cycles_after_training_step() -> int:
    """Objects in reference cycles that one training step leaves behind (should be 0)."""
    sizes = [2, 16, 16, 2]
    X, Y = mlp_data(sizes, 64)
    step = engine_epoch(sizes, X, Y, 32)
    step()
    gc.collect()
    gc.disable()
    try:
        step()
        return gc.collect()
    finally:
        gc.enable()


CASES = {
    "mlp": lambda r: bench_mlp([784, 256, 128, 10], 8192, 128, r),
    "tiny": lambda r: bench_mlp([2, 16, 16, 2], 1024, 32, r),
    "conv_small": lambda r: bench_conv(32, 3, 32, 16, 3, 1, r),
    "conv_deep": lambda r: bench_conv(64, 16, 16, 32, 3, 1, r),
    "maxpool": bench_maxpool,
}
TARGETS = {"mlp": 1.1, "tiny": 0.5, "conv_small": 3.0, "conv_deep": 2.0, "maxpool": 1.5}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--cases", default=",".join(CASES))
    args = ap.parse_args(argv)
    for name in args.cases.split(","):
        r = CASES[name](args.repeats)
        line = f"{name}: engine {r['engine']:.2f} ms, numpy {r['numpy']:.2f} ms"
        if "torch" in r:
            line += (f", torch {r['torch']:.2f} ms, engine/torch {r['engine'] / r['torch']:.2f}"
                     f" (target <= {TARGETS[name]})")
        print(line, flush=True)
    print(f"reference cycles left by a training step: {cycles_after_training_step()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
