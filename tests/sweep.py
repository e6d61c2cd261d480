"""Which examples a cross-product test runs on.

A test that repeats the same check over every example times every panel is run by default on a
fixed set of representative examples, one of each kind of graph: a scalar graph, a fan-out,
dense nets on points and on digits, a CNN, an inception module, an embedding, an autoencoder, a
graph with frozen layers, one with several loss heads, the practice op and a broadcast. The
checks that an issue asks of every example (each opens, steps both ways and shows its panels;
each reaches its training target; each exports to ONNX) always run on all of them.

Set ``GRAPHVIZ_APP_FULL_SWEEP=1`` to run every cross-product on every example.
"""
from __future__ import annotations

import os
from typing import Iterable

REPRESENTATIVE = ("scalar_chain", "fan_out", "logistic_regression", "xor_mlp", "housing",
                  "small_cnn", "inception_naive", "embedding", "digits_autoencoder",
                  "transfer_unfreeze", "activation_functions", "gradient_checking",
                  "broadcasting")
FULL = os.environ.get("GRAPHVIZ_APP_FULL_SWEEP", "") not in ("", "0")


def examples(names: Iterable[str]) -> list[str]:
    """``names`` in order, cut to the representative ones unless the full sweep is asked for."""
    names = list(names)
    if FULL:
        return names
    picked = [n for n in names if n in REPRESENTATIVE]
    if not picked:      # a list of other examples (one module's own): keep a third of them
        return names[::3]
    return picked
