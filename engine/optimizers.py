"""Optimizers: how a gradient turns into a change of the weights.

Each optimizer keeps its state (velocities, squared-gradient averages) keyed by
(node id, array name) and computes ``w - step`` into a caller's buffer with in-place NumPy
operations, so an iteration allocates nothing per array. The formulas follow the course notes:

- SGD:       w ← w − α·g
- Momentum:  v ← β·v + (1−β)·g;            w ← w − α·v
- RMSprop:   s ← ρ·s + (1−ρ)·g²;           w ← w − α·g / (√s + ε)
- Adam:      m ← β₁·m + (1−β₁)·g;  v ← β₂·v + (1−β₂)·g²;  t ← t + 1
             w ← w − α·(m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε)
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Mapping

import numpy as np

from .msg import Msg, MsgError

if TYPE_CHECKING:  # pragma: no cover
    from .training import TrainConfig

Key = tuple[str, str]


class Optimizer:
    """Base class: ``new_value(key, w, g, out)`` writes the updated array into ``out``."""

    name = ""

    def __init__(self, lr: float) -> None:
        self.lr = float(lr)
        self.state: dict[Key, list] = {}
        self._scratch: dict[Key, np.ndarray] = {}

    def new_value(self, key: Key, w: np.ndarray, g: np.ndarray, out: np.ndarray) -> None:
        """Write w − step into ``out`` (same shape as w; must not be w) and update the state."""
        raise NotImplementedError

    def update(self, weights: Mapping[Key, np.ndarray], grads: Mapping[Key, np.ndarray]) -> None:
        """Apply one step in place to every array that has a gradient."""
        for key, g in grads.items():
            w = weights[key]
            buf = self._scratch.get(key)
            if buf is None or buf.shape != w.shape or buf.dtype != w.dtype:
                buf = self._scratch[key] = np.empty_like(w)
            self.new_value(key, w, g, buf)
            np.copyto(w, buf)

    def reset(self) -> None:
        self.state.clear()

    def _zeros(self, key: Key, w: np.ndarray, n: int) -> list:
        st = self.state.get(key)
        if st is None or st[0].shape != w.shape:
            st = self.state[key] = [np.zeros_like(w) for _ in range(n)] + [0]
        return st


class SGD(Optimizer):
    """Plain gradient descent: w ← w − α·g."""

    name = "sgd"

    def new_value(self, key, w, g, out):
        np.multiply(g, self.lr, out=out)
        np.subtract(w, out, out=out)


class Momentum(Optimizer):
    """Gradient descent with momentum (an exponentially weighted average of gradients)."""

    name = "momentum"

    def __init__(self, lr: float, beta: float = 0.9) -> None:
        super().__init__(lr)
        self.beta = float(beta)

    def new_value(self, key, w, g, out):
        v = self._zeros(key, w, 1)[0]
        np.multiply(g, 1.0 - self.beta, out=out)
        v *= self.beta
        v += out
        np.multiply(v, self.lr, out=out)
        np.subtract(w, out, out=out)


class RMSprop(Optimizer):
    """Divide each step by a running root mean square of the gradient."""

    name = "rmsprop"

    def __init__(self, lr: float, rho: float = 0.9, eps: float = 1e-8) -> None:
        super().__init__(lr)
        self.rho, self.eps = float(rho), float(eps)

    def new_value(self, key, w, g, out):
        s = self._zeros(key, w, 1)[0]
        np.multiply(g, g, out=out)
        out *= 1.0 - self.rho
        s *= self.rho
        s += out
        np.sqrt(s, out=out)
        out += self.eps
        np.divide(g, out, out=out)
        out *= self.lr
        np.subtract(w, out, out=out)


class Adam(Optimizer):
    """Momentum and RMSprop together, with bias correction."""

    name = "adam"

    def __init__(self, lr: float, beta1: float = 0.9, beta2: float = 0.999,
                 eps: float = 1e-8) -> None:
        super().__init__(lr)
        self.beta1, self.beta2, self.eps = float(beta1), float(beta2), float(eps)

    def new_value(self, key, w, g, out):
        st = self._zeros(key, w, 2)
        m, v = st[0], st[1]
        st[2] += 1
        t = st[2]
        b1, b2 = self.beta1, self.beta2
        np.multiply(g, 1.0 - b1, out=out)
        m *= b1
        m += out
        np.multiply(g, g, out=out)
        out *= 1.0 - b2
        v *= b2
        v += out
        # α·m̂/(√v̂ + ε) = (α/(1−β₁ᵗ))·m / (√v/√(1−β₂ᵗ) + ε)
        np.sqrt(v, out=out)
        out *= 1.0 / math.sqrt(1.0 - b2 ** t)
        out += self.eps
        np.divide(m, out, out=out)
        out *= self.lr / (1.0 - b1 ** t)
        np.subtract(w, out, out=out)


OPTIMIZERS: dict[str, type[Optimizer]] = {"sgd": SGD, "momentum": Momentum,
                                           "rmsprop": RMSprop, "adam": Adam}


def make_optimizer(config: "TrainConfig") -> Optimizer:
    """The optimizer ``config.optimizer`` with the config's hyperparameters."""
    name = config.optimizer
    if name == "sgd":
        return SGD(config.lr)
    if name == "momentum":
        return Momentum(config.lr, config.momentum)
    if name == "rmsprop":
        return RMSprop(config.lr, config.rho, config.eps)
    if name == "adam":
        return Adam(config.lr, config.beta1, config.beta2, config.eps)
    raise MsgError(Msg("train.optimizer", names=", ".join(OPTIMIZERS), value=name))
