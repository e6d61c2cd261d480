"""Example guides: every example has one, each parses, names two to four things to try, and its
parameter steps fit the example's own graph."""
from __future__ import annotations

import pytest

from engine import guides
from engine.examples import EXAMPLES, build
from engine.ops.base import get_op


def test_every_example_has_a_guide():
    found = guides.load_all(EXAMPLES)
    assert sorted(found) == sorted(EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_guide_steps_fit_the_example_graph(name):
    guide = guides.load(name)
    assert 2 <= len(guide.tries) <= 4
    assert guide.steps, "an example offers at least one one-click step"
    graph, _, _ = build(name)
    by_name = {n.name: n for n in graph.nodes.values()}
    for step in guide.steps:
        if step.do == "params":
            for node in step.args["nodes"]:
                assert node in by_name, (name, node)
                n = by_name[node]
                get_op(n.op).validate_params({**n.params, **step.args["params"]})


def test_controls_are_read_from_brackets():
    g = guides.parse("x", {"title": "T", "topic": "P", "shows": "See [Run forward].",
                           "try": ["Press [Step] twice.", "Open [Loss curves]."],
                           "look_for": "The [Inspector] shows W[1] and a[l].",
                           "panels": ["Training"]})
    assert g.controls() == {"Run forward", "Step", "Loss curves", "Inspector", "Training"}


@pytest.mark.parametrize("patch, words", [
    ({"try": ["only one"]}, "two to four"),
    ({"try": ["a", "b", "c", "d", "e"]}, "two to four"),
    ({"layout": "dance"}, "layout"),
    ({"steps": [{"label": "x", "do": "fly"}]}, "one of"),
    ({"steps": [{"label": "x", "do": "params", "nodes": ["a"]}]}, "needs params"),
    ({"steps": [{"label": "x", "do": "train", "epochs": 0}]}, "epochs"),
    ({"shows": ""}, "'shows'"),
    ({"order": "first"}, "order"),
])
def test_bad_guides_are_refused_with_the_field(patch, words):
    data = {"title": "T", "topic": "P", "shows": "S", "try": ["a", "b"], "look_for": "L"}
    data.update(patch)
    with pytest.raises(guides.GuideError) as e:
        guides.parse("sample", data)
    assert words in str(e.value) and "sample" in str(e.value)
