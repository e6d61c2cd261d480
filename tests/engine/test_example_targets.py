"""Every example that states a training target reaches it from seed 0 with its own settings
(and the ones meant to fail, fail: a too-small network keeps a high training error)."""
from __future__ import annotations

import math

import pytest

from engine.examples import EXAMPLES, build
from engine.examples_more import loss_accuracies
from engine.training import TrainConfig, Trainer

WITH_TARGETS = [n for n in EXAMPLES if "target" in build(n)[2]]


def test_the_course_examples_state_targets():
    assert {"loss_and_cost", "broadcasting", "too_small", "too_large", "regularized",
            "circles_linear", "circles_features", "circles_learned"} <= set(WITH_TARGETS)


@pytest.mark.parametrize("name", WITH_TARGETS)
def test_example_reaches_its_target(name):
    graph, data, info = build(name, seed=0)
    dev = (info.get("dev_sets") or {}).get("dev")
    trainer = Trainer(graph, data, dev, TrainConfig(**info["train"]))
    for _ in range(trainer.total_iterations):
        trainer.step()
    assert trainer.done
    h = trainer.history
    train_acc, dev_acc, cost = h.train_accuracy[-1], h.dev_accuracy[-1], h.train_cost[-1]
    named = lambda v: {k: trainer.evaluate(info["dev_sets"][k])[1] for k in v}  # noqa: E731
    branches = lambda v: {k: loss_accuracies(graph, data)[k] for k in v}       # noqa: E731
    checks = {
        "train_accuracy": lambda v: train_acc >= v,
        "train_accuracy_below": lambda v: train_acc < v,
        "dev_accuracy": lambda v: dev_acc >= v,
        "dev_gap_above": lambda v: train_acc - dev_acc > v,
        "dev_gap_below": lambda v: train_acc - dev_acc < v,
        "final_train_cost_below": lambda v: cost < v,
        # {dev set name: bound}: accuracy on one of the example's own dev sets
        "named_dev_accuracy": lambda v: all(a >= v[k] for k, a in named(v).items()),
        "named_dev_accuracy_below": lambda v: all(a < v[k] for k, a in named(v).items()),
        # {loss node name: bound}: the accuracy of the prediction feeding that loss
        "branch_accuracy": lambda v: all(a >= v[k] for k, a in branches(v).items()),
        "branch_accuracy_below": lambda v: all(a < v[k] for k, a in branches(v).items()),
    }
    for key, value in info["target"].items():
        assert key in checks, f"{name}: unknown target {key}"
        if key.startswith("dev"):
            assert not math.isnan(dev_acc), f"{name}: a dev target needs a dev set"
        assert checks[key](value), (name, key, value, train_acc, dev_acc, cost,
                                    named(value) if key.startswith("named") else None,
                                    branches(value) if key.startswith("branch") else None)
