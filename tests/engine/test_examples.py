"""Every example builds with no shape issues and runs forward and backward."""
from __future__ import annotations

import numpy as np
import pytest

from engine.examples import EXAMPLES, build
from engine.executor import Executor
from engine.training import Dataset, TrainConfig, Trainer


def _feeds(g, data: Dataset | None, n: int = 4) -> dict:
    feeds = {}
    rng = np.random.default_rng(0)
    for node in g.nodes.values():
        if node.op != "input":
            continue
        if data is not None:
            feeds[node.name] = data[node.name][:n]
            continue
        shape = tuple(n if d is None else d for d in node.params["shape"])
        feeds[node.name] = rng.integers(0, 2, shape) if node.params["dtype"] == "int" \
            else rng.standard_normal(shape)
    return feeds


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_example_builds_and_runs(name):
    title, description, builder = EXAMPLES[name]
    assert title and description and callable(builder)
    g, data, info = build(name)
    assert g.issues == []
    assert info["title"] and info["description"]
    laid_out = name == "googlenet_onnx"        # arranged by the ONNX importer, blocks collapsed
    assert all(bool(n.ui.get("pos")) == laid_out for n in g.nodes.values())
    ex = Executor(g, dtype=np.float64)
    assert g.nodes[ex.target].name == "J"
    cost, grads = ex.run(_feeds(g, data))
    assert np.isfinite(cost) and grads
    assert all(np.isfinite(v).all() for v in grads.values())
    if data is not None:
        TrainConfig(**info["train"])  # suggested settings are valid


def test_scalar_chain_gradients():
    g, _, _ = build("scalar_chain")
    ex = Executor(g, dtype=np.float64)
    cost, grads = ex.run({})
    assert float(cost) == 33.0
    by_name = {g.nodes[n].name: float(v) for (n, _), v in grads.items()}
    assert by_name == {"a": 3.0, "b": 6.0, "c": 9.0}


def test_fan_out_sums_gradients():
    g, _, _ = build("fan_out")
    cost, grads = Executor(g, dtype=np.float64).run({})
    by_name = {g.nodes[n].name: float(v) for (n, _), v in grads.items()}
    assert float(cost) == 8.0 and by_name == {"a": 4.0, "b": 2.0}


def test_inception_group_and_bottleneck_saving():
    g, _, info = build("inception_module")
    naive, _, _ = build("inception_naive")
    assert [grp.name for grp in g.groups.values()] == ["inception"]
    members = next(iter(g.groups.values())).members
    assert {g.nodes[m].name for m in members} >= {"b1_1x1", "b2_3x3", "b3_5x5", "b4_pool",
                                                   "concat"}
    macs = sum(s.macs for s in g.shapes.values())
    macs_naive = sum(s.macs for s in naive.shapes.values())
    assert macs < 0.6 * macs_naive
    assert g.shapes[g.by_name("concat")].out == (None, 56, 16, 16)
    assert info["compare"] == "inception_naive"


def test_linear_collapse_cannot_learn_xor():
    g, data, info = build("linear_collapse")
    t = Trainer(g, data, config=TrainConfig(**{**info["train"], "epochs": 10}))
    t.run()
    assert t.history.train_accuracy[-1] < 0.75


@pytest.mark.parametrize("name", ["logistic_regression", "housing", "small_cnn", "embedding"])
def test_suggested_training_lowers_the_cost(name):
    g, data, info = build(name)
    cfg = TrainConfig(**{**info["train"], "epochs": 3})
    t = Trainer(g, data, config=cfg)
    before, _ = t.evaluate(data)
    t.run()
    assert t.history.train_cost[-1] < before


def test_dev_mismatch_has_two_dev_sets():
    g, train, info = build("dev_mismatch")
    same, other = info["dev_sets"]["same distribution"], info["dev_sets"]["other distribution"]
    t = Trainer(g, train, same, TrainConfig(**{**info["train"], "epochs": 20}))
    t.run()
    assert t.history.dev_accuracy[-1] > 0.9
    assert t.evaluate(other)[1] < t.history.dev_accuracy[-1] - 0.1
