"""Data set descriptions and names are message ids, and a text read back from a file becomes
the same message again (so a shipped example's data is translated like a generated one)."""
from __future__ import annotations

import numpy as np

from engine import datasets
from engine.data import store
from engine.inspect.array_grid import stats_text
from engine.messages import Msg
from engine.messages_data import dataset_message


def test_text_read_back_is_the_same_message():
    g = datasets.gratings(n=4, channels=3, size=8, classes=2)
    back = dataset_message(str(g.description))
    assert isinstance(back, Msg) and back.id == "dataset.gratings"
    assert back.params == {"size": "8", "classes": "2", "channels": "3"}
    assert str(back) == str(g.description)
    _, _, other = datasets.other_distribution("xor", n=8, n_dev=8)
    name = dataset_message(str(other.name))
    assert name.id == "dataset.name_other" and name.params == {"kind": "xor"}


def test_own_texts_stay_as_they_are():
    for text in ("my measurements", "xor", "", "Striped 8×9 patterns in 2 orientations over 3 "
                 "channels.", "Two interleaving half moons. And more."):
        out = dataset_message(text)
        assert out == text and not isinstance(out, Msg), text


def test_a_stored_data_set_comes_back_with_its_messages():
    ds = datasets.spirals(n=12, classes=3)
    _, same, _ = datasets.other_distribution("moons", n=8, n_dev=8)
    for d in (ds, same):
        entry, arrays = store.describe(d)
        back = store.restore(entry, arrays)
        assert isinstance(back.description, Msg) and back.description.id == d.description.id
    assert back.name.id == "dataset.name_same"


def test_stats_line():
    assert str(stats_text(np.array([[1.0, -2.0], [np.inf, 0.5]]))) == \
        "2x2 · min -2 · max 1 · mean -0.1667 · 1 not finite"
    assert str(stats_text(np.zeros((0, 3)))) == "0x3 (empty)"
    assert str(stats_text(np.array([np.nan]))) == "1 · no finite entries"
    assert stats_text(np.ones(2)).id == "stats.line"


def test_every_data_set_text_reads_back_as_its_message():
    """Each dataset.* message (filled with distinct words) is recognised from its English text,
    a quoted field ({target!r}) included, whatever quotes the field itself holds."""
    from engine.messages import TEMPLATES, fields
    ids = [m for m in TEMPLATES if m.startswith("dataset.")]
    assert len(ids) > 20

    def filled(mid: str, extra: str = "") -> Msg:
        return Msg(mid, **{f: f"v{i}{f}{extra}" for i, f in enumerate(sorted(fields(TEMPLATES[mid])))})
    for mid in ids:
        msg = filled(mid)
        back = dataset_message(str(msg))
        assert isinstance(back, Msg) and back.id == mid and back.params == msg.params, mid
    for extra in ("it's", 'say "x"', "both ' and \"", "back\\slash"):
        msg = filled("dataset.csv_target", extra)
        back = dataset_message(str(msg))
        assert isinstance(back, Msg) and back.params == msg.params, str(msg)
    bare = "3 rows from a CSV file; 2 feature columns, target price"     # not as written
    assert not isinstance(dataset_message(bare), Msg)


def test_a_csv_data_set_naming_its_target_reads_back_as_its_message():
    from engine.data import csv_import, store
    table = csv_import.read_table(b"size,owner's price\n1,2\n3,4\n5,7\n", "homes")
    ds = csv_import.to_dataset(table, target="owner's price")
    assert ds.description.id == "dataset.csv_target"
    entry, arrays = store.describe(ds)
    back = store.restore(entry, arrays)
    assert isinstance(back.description, Msg) and back.description.id == "dataset.csv_target"
    assert back.description.params["target"] == "owner's price"
    assert str(back.description) == str(ds.description)
