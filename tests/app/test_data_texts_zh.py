"""Data set descriptions, an example's own dev-set names and the array summary line read in
Chinese with Chinese chosen (numbers kept) and stay English with English chosen."""
from __future__ import annotations

import re

import numpy as np

from engine import datasets, examples
from engine.inspect.array_grid import stats_text
from engine.messages import Msg
from graphviz_app import i18n
from graphviz_app.panels.inside.data_panel import DataPanel
from graphviz_app.panels.watch.array_view import ArraySlot
from graphviz_app.session import Session

CJK = re.compile(r"[\u3400-\u9fff]")


def _panel(qtbot, ds) -> DataPanel:
    g, _, _ = examples.build("xor_mlp")
    s = Session(g)
    s.set_dataset(ds)
    p = DataPanel(s)
    qtbot.addWidget(p)
    return p


def test_generated_descriptions_are_messages():
    """Each generated set's description is a message id (so the app can translate it), whose
    English text carries the set's own numbers."""
    spirals = datasets.spirals(n=30, classes=4)
    assert isinstance(spirals.description, Msg) and spirals.description.id == "dataset.spirals"
    assert str(spirals.description) == "4 spiral arms wound around each other."
    g = datasets.gratings(n=4, channels=3, size=8, classes=2)
    assert str(g.description) == "Striped 8×8 patterns in 2 orientations over 3 channels."
    for ds in (datasets.xor(n=8), datasets.moons(n=8), datasets.circles(n=8),
               datasets.blobs(n=8), datasets.line(n=8), datasets.housing(n=8),
               datasets.shapes(n=4), datasets.word_pairs()):
        assert isinstance(ds.description, Msg), ds.name
    # a subset keeps the message (the Training dock's split must not lose it)
    assert spirals.subset(np.arange(5)).description.id == "dataset.spirals"


def test_data_panel_description_in_chinese(qtbot, chinese):
    p = _panel(qtbot, datasets.spirals(n=30, classes=4))
    title = p.title.text()
    assert "4 条相互缠绕的螺旋臂" in title
    assert "30" in title
    assert "spiral arms" not in title


def test_data_panel_description_in_english(qtbot, qapp):
    i18n.apply(i18n.ENGLISH)
    p = _panel(qtbot, datasets.spirals(n=30, classes=4))
    assert "4 spiral arms wound around each other." in p.title.text()
    assert not CJK.search(p.title.text())


def test_own_dev_set_names_in_chinese(chinese):
    """The dev-mismatch example's dev sets are named in Chinese and keep working as keys."""
    _, _, info = examples.build("dev_mismatch")
    names = list(info["dev_sets"])
    assert [i18n.render(n) for n in names] == ["同一分布", "另一分布"]
    assert "other distribution" in info["dev_sets"]      # still the English key to the engine
    other = info["dev_sets"]["other distribution"]
    assert i18n.render(other.name) == "moons（另一分布）"
    assert "40°" in i18n.render(other.description) and CJK.search(i18n.render(other.description))


def test_array_summary_in_chinese_and_english(qtbot, qapp):
    a = np.array([[np.nan, -0.5], [2.0, 0.25]])
    slot = ArraySlot()
    qtbot.addWidget(slot)
    assert i18n.apply(i18n.CHINESE)
    try:
        slot.set_array("W", a)
        zh = slot.stats.text()
    finally:
        i18n.apply(i18n.ENGLISH)
    assert zh == "2x2 · 最小 -0.5 · 最大 2 · 均值 0.5833 · 1 个非有限值"
    slot.set_array("W", a)
    assert slot.stats.text() == "2x2 · min -0.5 · max 2 · mean 0.5833 · 1 not finite"
    assert str(stats_text(np.array(3.0))) == "scalar · min 3 · max 3 · mean 3"


def test_training_dock_offers_own_dev_sets_in_chinese(qtbot, chinese):
    """The Training dock names the example's dev sets in Chinese and still picks the right set."""
    from graphviz_app.panels.watch.training_panel import TrainingPanel
    from graphviz_app.training.worker import TrainingController
    graph, ds, info = examples.build("dev_mismatch")
    session = Session(graph)
    session.dataset = ds
    session.example_name = "dev_mismatch"
    panel = TrainingPanel(session, TrainingController(session))
    qtbot.addWidget(panel)
    items = [panel.dev_set.itemText(i) for i in range(1, panel.dev_set.count())]
    assert items == ["同一分布", "另一分布"]
    assert "另一分布" in panel.dev_label.text()
    assert "moons（训练集）" in panel.data.currentText()        # the session's data, named
    _, dev = panel.data_split()
    np.testing.assert_array_equal(dev.arrays["x"], info["dev_sets"]["other distribution"]["x"])
    assert i18n.render(panel._named_dev()) == "另一分布"
