"""The app opens examples from their shipped files: no builder runs and nothing trains, not
even for the welcome page's pictures, and the example's data, dev sets and settings come along."""
from __future__ import annotations

import numpy as np
import pytest

from engine import examples, examples_files, serialize
from engine.training import Trainer
from graphviz_app.welcome import example_thumbnail


@pytest.fixture
def no_builders(monkeypatch):
    """Every builder and every trainer refuses to run."""
    def refuse(*a, **k):
        raise AssertionError("opening an example must not build or train it")
    for name, (title, summary, _builder) in list(examples.EXAMPLES.items()):
        monkeypatch.setitem(examples.EXAMPLES, name, (title, summary, refuse))
    monkeypatch.setattr(Trainer, "run", refuse)
    monkeypatch.setattr(Trainer, "step", refuse)


def test_opening_transfer_step_3_uses_its_file(window, no_builders, dialogs):
    assert window.files.open_example("transfer_unfreeze")
    assert dialogs.errors == []
    graph = window.session.graph
    shipped, data, info = examples_files.open_example("transfer_unfreeze")
    conv1 = graph.nodes[graph.by_name("conv1")]
    assert conv1.frozen
    assert np.array_equal(conv1.weights["W"], shipped.nodes[shipped.by_name("conv1")].weights["W"])
    assert np.array_equal(window.session.dataset.arrays["y"], data.arrays["y"])
    panel = window.training_panel
    assert panel.dev_set.currentText() == "dev"               # its own dev set, from the file
    assert panel.epochs.value() == info["train"]["epochs"]
    assert panel.lr.value() == pytest.approx(info["train"]["lr"])


def test_welcome_pictures_of_the_transfer_steps_train_nothing(window, no_builders):
    for name in ("transfer_head", "transfer_unfreeze"):
        assert not example_thumbnail(name, window.scene.theme).isNull()


def test_a_graph_saved_from_an_example_reopens_with_its_guide_and_data(window, tmp_path):
    assert window.files.open_example("too_small")
    path = str(tmp_path / "mine.gvz")
    assert window.files.save_as(path)
    assert serialize.load(path).meta["example"] == "too_small"
    window.files.new()
    assert window.files.open(path)
    assert window.session.example_name == "too_small"
    assert window.panels["example_guide"].guide.name == "too_small"
    assert window.training_panel.dev_set.currentText() == "dev"
