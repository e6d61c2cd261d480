"""The fixed part of an exported PyTorch script; torch_export.py fills in the @NAMES@."""

TEMPLATE = '''"""@TITLE@, exported by graphviz-app as PyTorch code.

Run it as it is: python THIS_FILE.py [--epochs N]. It loads its weights from the .npz beside
it and, when a .data.npz with the training data is there too, trains with the graph's
optimizer settings (the update rules of graphviz-app, written out below); otherwise it runs
one forward pass on random inputs and prints the shape of every value.
"""
import argparse
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
WEIGHTS = os.path.join(HERE, @WEIGHTS@)
COST = @COST@
INPUTS = @INPUTS@
TRAINABLE = @TRAINABLE@
FROZEN = @FROZEN@
BUFFERS = @BUFFERS@
CONFIG = @CONFIG@
INPUT_SHAPES = @SHAPES@


def _reshape(x, spec):
    return x.reshape([x.shape[i] if s == 0 else s for i, s in enumerate(spec)])


def _slice(x, axis, start, stop, step):
    index = [slice(None)] * x.dim()
    index[axis] = slice(start, stop or None, step)
    return x[tuple(index)]


def _batch_norm(x, gamma, beta, mean, var, training, momentum, eps):
    shape = (1, -1) + (1,) * (x.dim() - 2)
    if training:
        axes = (0,) + tuple(range(2, x.dim()))
        m = x.mean(dim=axes, keepdim=True)
        s = ((x - m) ** 2).mean(dim=axes, keepdim=True)
        with torch.no_grad():
            mean.mul_(momentum).add_((1 - momentum) * m.reshape(-1))
            var.mul_(momentum).add_((1 - momentum) * s.reshape(-1))
    else:
        m, s = mean.reshape(shape), var.reshape(shape)
    return (x - m) / torch.sqrt(s + eps) * gamma.reshape(shape) + beta.reshape(shape)


def _avg_valid(x, k, s, pads):
    t, l, b, r = pads
    total = F.avg_pool2d(F.pad(x, (l, r, t, b)), k, s) * (k * k)
    ones = F.pad(torch.ones((1, 1) + tuple(x.shape[2:]), dtype=x.dtype), (l, r, t, b))
    return total / (F.avg_pool2d(ones, k, s) * (k * k))


def _lrn(x, size, alpha, beta, bias):
    lo, hi = (size - 1) // 2, size - 1 - (size - 1) // 2
    sq = F.pad(x * x, (0, 0) * (x.dim() - 2) + (lo, hi))
    window = sq.unfold(1, size, 1).sum(-1)
    return x / (bias + alpha / size * window) ** beta


def _rows(l):
    return l.reshape(l.shape[0], -1).mean(1) if l.dim() > 1 else l


def _reduce(per, reduction):
    return per.mean() if reduction == "mean" else per


def _mse(p, y, reduction):
    return _reduce(_rows((p - y) ** 2), reduction)


def _bce_logits(z, y, reduction):
    return _reduce(_rows(F.relu(z) - z * y + torch.log1p(torch.exp(-z.abs()))), reduction)


def _bce(p, y, reduction):
    q = p.clamp(1e-7, 1 - 1e-7)
    return _reduce(_rows(-(y * torch.log(q) + (1 - y) * torch.log(1 - q))), reduction)


def _softmax_ce(z, y, reduction):
    logp = F.log_softmax(z, dim=1)
    if y.dim() == 1:
        per = -logp.gather(1, y.long()[:, None])[:, 0]
    else:
        per = -(y * logp).sum(1)
    return _reduce(per, reduction)


class Model(nn.Module):
    """The graph: forward(**feeds) returns every node's value by name."""

    def __init__(self, weights=WEIGHTS, dtype=torch.float32):
        super().__init__()
        self.dtype = dtype
        arrays = np.load(weights, allow_pickle=False)
        self.w = nn.ParameterDict()
        for key in TRAINABLE + FROZEN:
            self.w[key] = nn.Parameter(torch.as_tensor(arrays[key], dtype=dtype),
                                       requires_grad=key in TRAINABLE)
        for key in BUFFERS:
            self.register_buffer("buf_" + key, torch.as_tensor(arrays[key], dtype=dtype))

    def _apply(self, fn, *args, **kwargs):   # keep self.dtype in step with .double() etc.
        out = super()._apply(fn, *args, **kwargs)
        self.dtype = fn(torch.zeros(1, dtype=self.dtype)).dtype
        return out

    def forward(self, **feeds):
        v = {}
@FEEDS@
@FORWARD@
        return v


class Optimizer:
    """The update rules of graphviz-app (sgd, momentum, rmsprop, adam) on torch tensors."""

    def __init__(self, params, config):
        self.params, self.c, self.state, self.t = list(params), config, {}, 0

    @torch.no_grad()
    def step(self):
        c = self.c
        self.t += 1
        for i, p in enumerate(self.params):
            if p.grad is None:
                continue
            g = p.grad
            st = self.state.setdefault(i, [torch.zeros_like(p), torch.zeros_like(p)])
            if c["optimizer"] == "sgd":
                p -= c["lr"] * g
            elif c["optimizer"] == "momentum":
                st[0].mul_(c["momentum"]).add_((1 - c["momentum"]) * g)
                p -= c["lr"] * st[0]
            elif c["optimizer"] == "rmsprop":
                st[0].mul_(c["rho"]).add_((1 - c["rho"]) * g * g)
                p -= c["lr"] * g / (torch.sqrt(st[0]) + c["eps"])
            else:
                b1, b2 = c["beta1"], c["beta2"]
                st[0].mul_(b1).add_((1 - b1) * g)
                st[1].mul_(b2).add_((1 - b2) * g * g)
                denom = torch.sqrt(st[1]) / (1 - b2 ** self.t) ** 0.5 + c["eps"]
                p -= c["lr"] / (1 - b1 ** self.t) * st[0] / denom

    def zero_grad(self):
        for p in self.params:
            p.grad = None


def train(model, data, epochs=None, config=CONFIG):
    """Train on data {input name: array}; batch_size 0 is the full batch. Returns the costs."""
    epochs = epochs or config["epochs"]
    opt = Optimizer([p for p in model.w.values() if p.requires_grad], config)
    n = len(next(iter(data.values())))
    size = config["batch_size"] or n
    rng = np.random.default_rng(config["seed"])
    costs = []
    model.train()
    for _ in range(epochs):
        order = rng.permutation(n) if config["shuffle"] else np.arange(n)
        for start in range(0, n, size):
            idx = order[start:start + size]
            cost = model(**{k: a[idx] for k, a in data.items()})[COST]
            opt.zero_grad()
            cost.backward()
            opt.step()
            costs.append(float(cost.detach()))
    return costs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=None)
    args = ap.parse_args()
    model = Model()
    data_file = os.path.splitext(WEIGHTS)[0] + ".data.npz"
    if COST is not None and os.path.exists(data_file):
        data = dict(np.load(data_file, allow_pickle=False))
        costs = train(model, data, args.epochs)
        print(f"trained {len(costs)} steps: cost {costs[0]:.4f} -> {costs[-1]:.4f}")
        return
    model.eval()
    rng = np.random.default_rng(0)
    feeds = {name: (rng.integers(0, 2, shape) if kind == "int" else rng.standard_normal(shape))
             for name, (shape, kind) in INPUT_SHAPES.items()}
    with torch.no_grad():
        values = model(**feeds)
    print("no training data beside the script: one forward pass on random inputs")
    for name, value in values.items():
        print(f"  {name}: {tuple(value.shape)}")


if __name__ == "__main__":
    main()
'''
