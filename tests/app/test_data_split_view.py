"""The Data panel shows the split the Training dock will make, and follows its setting."""
from __future__ import annotations

import re

import pytest

from engine.examples import build
from graphviz_app.panels.inside.data_panel import DataPanel
from graphviz_app.panels.watch.training_panel import TrainingPanel
from graphviz_app.session import Session
from graphviz_app.training.worker import TrainingController


def _docks(qtbot, example: str):
    graph, ds, _ = build(example)
    s = Session()
    s.replace_graph(graph, dataset=ds, example_name=example)
    ctrl = TrainingController(s)
    training = TrainingPanel(s, ctrl)
    data = DataPanel(s)
    for w in (training, data):
        qtbot.addWidget(w)
    return s, ctrl, training, data


def _shown(data: DataPanel) -> tuple[int, int]:
    m = re.search(r"(\d+) train, (\d+) dev", data.details.text())
    assert m, data.details.text()
    return int(m.group(1)), int(m.group(2))


@pytest.mark.parametrize("fraction", [0.6, 0.95])
def test_counts_follow_the_training_docks_fraction(qtbot, fraction):
    s, ctrl, training, data = _docks(qtbot, "xor_mlp")
    training.train_frac.setValue(fraction)
    train, dev = training.data_split()            # the arrays a run would train on
    assert _shown(data) == (len(train), len(dev))
    assert f"train fraction {fraction:g}" in data.details.text()
    assert len(train) != round(0.8 * len(s.dataset))   # not the default any more
    ctrl.wait()


def test_a_fraction_of_one_shows_no_dev_set(qtbot):
    s, ctrl, training, data = _docks(qtbot, "xor_mlp")
    training.train_frac.setValue(1.0)
    train, dev = training.data_split()
    assert dev is None
    assert f"all {len(train)} for training, no dev set" in data.details.text()
    ctrl.wait()


def test_an_examples_own_dev_set_is_named_with_its_size(qtbot):
    s, ctrl, training, data = _docks(qtbot, "digits_cnn")
    train, dev = training.data_split()
    text = data.details.text()
    assert f"all {len(train)} for training" in text
    assert f"<b>dev</b> ({len(dev)} examples)" in text
    training.dev_set.setCurrentIndex(0)           # back to a split of the data
    train, dev = training.data_split()
    assert _shown(data) == (len(train), len(dev))
    ctrl.wait()


def test_generated_data_in_training_is_said(qtbot):
    s, ctrl, training, data = _docks(qtbot, "xor_mlp")
    i = training.data.findData("moons")
    assert i >= 0
    training.data.setCurrentIndex(i)
    assert "generated set moons" in data.details.text()
    ctrl.wait()
