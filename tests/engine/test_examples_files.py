"""The shipped example files: one per registered example, each opens and validates, and each
still equals what its builder makes (a stale file fails here: rerun assets/examples/build.py)."""
from __future__ import annotations

import numpy as np
import pytest

from engine import examples_conv, examples_files, serialize
from engine.data import store
from engine.examples import EXAMPLES, build, open_example
from engine.data.precompute import node_values
from engine.resources import asset
from engine.training import Trainer

TRAINED = ("transfer_head", "transfer_unfreeze")    # their builders train step 1 first
MAX_TOTAL_BYTES = 6 << 20


def _structure(graph) -> dict:
    d = serialize.to_dict(graph)
    d.pop("arrays")
    d["meta"] = {k: v for k, v in d["meta"].items() if k != "example"}
    return d


def _weights(graph) -> dict:
    return {(n.name, k): np.asarray(v) for n in graph.nodes.values() for k, v in n.weights.items()}


def _same_arrays(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(
        np.asarray(a[k]).dtype == np.asarray(b[k]).dtype and np.array_equal(a[k], b[k]) for k in a)


def _plain_info(info: dict) -> dict:
    return store.json_plain({k: v for k, v in info.items() if k != "dev_sets"})


def test_every_registered_example_has_a_shipped_file_that_opens_and_validates():
    names = sorted(p.name[:-4] for p in asset("examples").iterdir() if p.name.endswith(".gvz"))
    assert names == sorted(EXAMPLES)            # no example without a file, no stray file
    total = 0
    for name in EXAMPLES:
        with_file = examples_files.shipped(name)
        total += len(with_file.read_bytes())
        graph, data, info = open_example(name)
        assert graph.issues == [], name
        assert graph.meta["example"] == name    # a file saved from it reopens with its guide
        assert info["title"] == graph.meta["title"] and info["train"] is not None
        if data is not None:
            assert all(len(a) == len(data) for a in data.arrays.values()), name
    assert total < MAX_TOTAL_BYTES


CHEAP = [n for n in EXAMPLES if n not in TRAINED]


@pytest.mark.parametrize("half", [0, 1])
def test_cheap_builders_match_their_shipped_files(half):
    """Structure, every weight, the data, the dev sets and the info, exactly."""
    for name in CHEAP[half::2]:
        graph, data, info = open_example(name)
        b_graph, b_data, b_info = build(name, 0)
        assert _structure(graph) == _structure(b_graph), f"{name}: graph is stale"
        assert _same_arrays(_weights(graph), _weights(b_graph)), f"{name}: weights are stale"
        assert (data is None) == (b_data is None), name
        if data is not None:
            assert _same_arrays(data.arrays, b_data.arrays), f"{name}: data is stale"
            assert data.meta == store.json_plain(b_data.meta), name
        assert _plain_info(info) == _plain_info(b_info), f"{name}: info is stale"
        devs, b_devs = info.get("dev_sets", {}), b_info.get("dev_sets", {})
        assert list(devs) == list(b_devs), name
        assert all(_same_arrays(devs[k].arrays, b_devs[k].arrays) for k in devs), name


def test_trained_transfer_files_match_their_builders_but_the_training(monkeypatch):
    """With training skipped the builders still make the same graphs, labels and info: only
    what training changes (weights, precomputed features) may differ from the files."""
    monkeypatch.setattr(Trainer, "run", lambda self, *a, **k: None)
    examples_conv._trained_base.cache_clear()
    examples_conv._trained_head.cache_clear()
    try:
        for name in TRAINED:
            graph, data, info = open_example(name)
            b_graph, b_data, b_info = build(name, 0)
            assert _structure(graph) == _structure(b_graph), f"{name}: graph is stale"
            assert np.array_equal(data.arrays["y"], b_data.arrays["y"]), name
            assert _plain_info(info) == _plain_info(b_info), f"{name}: info is stale"
    finally:
        examples_conv._trained_base.cache_clear()     # untrained results must not stay cached
        examples_conv._trained_head.cache_clear()


def test_a_file_that_differs_from_its_builder_is_caught(tmp_path):
    """The comparison above is not blind: one changed weight or one changed label shows."""
    g, data, info = build("xor_mlp", 0)
    nid = g.by_name("dense1")
    w = dict(g.nodes[nid].weights)
    w["W"] = w["W"].copy()
    w["W"][0, 0] += 1e-3
    g.set_weights(nid, w)
    examples_files.write("xor_mlp", (g, data, info), tmp_path / "x.gvz")
    graph, _, _ = examples_files.read(tmp_path / "x.gvz")
    assert not _same_arrays(_weights(graph), _weights(build("xor_mlp", 0)[0]))
    data.arrays["y"] = 1 - data.arrays["y"]
    examples_files.write("xor_mlp", build("xor_mlp", 0)[0:1] + (data, info), tmp_path / "y.gvz")
    _, d2, _ = examples_files.read(tmp_path / "y.gvz")
    assert not _same_arrays(d2.arrays, build("xor_mlp", 0)[1].arrays)


def test_opening_transfer_steps_trains_nothing_and_carries_step_1s_weights(monkeypatch):
    def refuse(self, *a, **k):
        raise AssertionError("opening an example must not train")
    monkeypatch.setattr(Trainer, "run", refuse)
    monkeypatch.setattr(Trainer, "step", refuse, raising=False)
    head, head_data, head_info = open_example("transfer_head")
    full, full_data, full_info = open_example("transfer_unfreeze")
    base, _, _ = open_example("transfer_base")
    frozen = {n.name: n for n in full.nodes.values() if n.frozen}
    assert set(frozen) == {"conv1"}
    for name in ("conv1", "conv2"):     # trained on 0-4: no longer the untrained start
        assert not _same_arrays(full.nodes[full.by_name(name)].weights,
                                base.nodes[base.by_name(name)].weights), name
    # step 2's features are step 3's conv part (step 1's trained weights) applied to 5-9
    feats = node_values(full, full_data.subset(np.arange(16), "first"), "flatten")
    assert feats.shape == (16, 64)
    # the same images come first in both files' training sets (one split of digits 5-9)
    assert np.array_equal(full_data.arrays["y"][:16], head_data.arrays["y"][:16])
    np.testing.assert_allclose(feats, head_data.arrays["flatten"][:16], rtol=1e-5, atol=1e-5)
    # step 3's head is step 2's trained head: it classifies 5-9 well before any training
    dev = full_info["dev_sets"]["dev"]
    logits = node_values(full, dev, "logits")
    assert (logits.argmax(1) == dev.arrays["y"]).mean() >= 0.85
