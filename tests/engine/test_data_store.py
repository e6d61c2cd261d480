"""Data travels with the graph: a .gvz file carries its dataset and reopens with it; bad data
members are refused with the place named."""
import io
import json
import zipfile

import numpy as np
import pytest

from engine import examples, serialize
from engine.data import store
from engine.data.digits import digits
from engine.safe_io import FileFormatError
from engine.training import Dataset


def saved(tmp_path, ds):
    g, _, _ = examples.build("logistic_regression")
    p = tmp_path / "g.gvz"
    serialize.save(g, p, dataset=ds)
    return p


def test_saved_file_carries_its_data_and_reopens_with_it(tmp_path):
    ds = digits(limit=50)
    ds.meta["extra"] = {"n": np.int64(3), "v": np.float32(0.5), "list": np.arange(2)}
    p = saved(tmp_path, ds)
    graph = serialize.load(p)             # the graph still opens as before
    assert len(graph.nodes) > 0
    back = serialize.load_dataset(p)
    assert back.name == "digits" and back.description == ds.description
    assert back.keys() == ["x", "y"]
    for k in ("x", "y"):
        assert back[k].dtype == ds[k].dtype
        np.testing.assert_array_equal(back[k], ds[k])
    assert back.meta["class_names"] == [str(d) for d in range(10)]
    assert back.meta["extra"] == {"n": 3, "v": 0.5, "list": [0, 1]}


def test_a_file_without_data_has_none(tmp_path):
    p = saved(tmp_path, None)
    assert serialize.load_dataset(p) is None
    assert "data.npz" not in zipfile.ZipFile(p).namelist()
    j = tmp_path / "g.json"
    serialize.save(examples.build("logistic_regression")[0], j, dataset=digits(limit=5))
    assert serialize.load_dataset(j) is None        # structure-only files drop the data


def rewrite(p, edit_json=None, data=None):
    """Rewrite the archive at p with graph.json changed by edit_json and data.npz by data."""
    with zipfile.ZipFile(p) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    d = json.loads(members["graph.json"])
    if edit_json:
        edit_json(d)
    members["graph.json"] = json.dumps(d).encode()
    if data is not None:
        buf = io.BytesIO()
        np.savez(buf, **data)
        members["data.npz"] = buf.getvalue()
    with zipfile.ZipFile(p, "w") as zf:
        for n, b in members.items():
            zf.writestr(n, b)


@pytest.mark.parametrize("edit, data, words", [
    (lambda d: d["dataset"]["arrays"]["x"].update(shape=[3, 64]), None, "graph.json says"),
    (None, {"x": np.zeros((5, 64), np.float32)}, "y is listed in graph.json but missing"),
    (None, {"x": np.zeros((5, 64), np.float32), "y": np.zeros(5, np.int64),
            "z": np.zeros(5)}, "holds 'z', which graph.json does not list"),
    (lambda d: d["dataset"].update(colour=1), None, "unknown field 'colour'"),
    (lambda d: d["dataset"].update(name=7), None, "dataset.name: must be text"),
    (lambda d: d["dataset"]["arrays"].clear(), None, "lists no arrays"),
    (lambda d: d["dataset"]["arrays"]["y"].update(shape=[4]),
     {"x": np.zeros((5, 64), np.float32), "y": np.zeros(4, np.int64)}, "different numbers"),
])
def test_bad_data_members_are_refused_with_the_place(tmp_path, edit, data, words):
    p = saved(tmp_path, digits(limit=5))
    rewrite(p, edit, data)
    with pytest.raises(FileFormatError, match=words):
        serialize.load_dataset(p)


def test_pickled_data_is_refused(tmp_path):
    p = saved(tmp_path, digits(limit=5))
    with zipfile.ZipFile(p) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    buf = io.BytesIO()
    np.savez(buf, x=np.array([{"a": 1}] * 5, dtype=object), y=np.zeros(5, np.int64))
    members["data.npz"] = buf.getvalue()
    with zipfile.ZipFile(p, "w") as zf:
        for n, b in members.items():
            zf.writestr(n, b)
    with pytest.raises(FileFormatError, match="object"):
        serialize.load_dataset(p)


def test_text_arrays_cannot_be_saved():
    with pytest.raises(ValueError, match="not numeric"):
        store.describe(Dataset({"x": np.array(["a", "b"])}))
