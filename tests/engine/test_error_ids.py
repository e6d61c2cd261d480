"""The engine's errors carry message ids (engine.messages.Msg), without Qt.

Every user-facing error of the ops, the graph, the executor, the gradient check, the file
format and the data import is raised with a Msg, so the app can say it in the user's language;
its English text stays what it was. Checked here: one real error per area carries the right id
and its English text; a file error keeps its place (member, JSON path) as data and only its
reason is translated; every message id the code names exists; and the converted modules raise
no user-facing error from a plain string any more.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from engine import Graph, GraphError
from engine.data.csv_import import CsvError, read_table
from engine.data.image_folder import ImageFolderError, scan_folder
from engine.executor import ExecutionError, Executor
from engine.gradcheck import gradient_check
from engine.messages import TEMPLATES, Msg, carried
from engine.ops.base import _kind_words
from engine.serialize import FileFormatError, load, load_arrays
from engine.shapes import infer
from tests.engine.opcheck import mismatched_add

ROOT = Path(__file__).resolve().parents[2]


def _chain(a: str = "a", b: str = "b") -> tuple[Graph, str, str]:
    g = Graph()
    x = g.add_node("relu", name=a)
    y = g.add_node("sigmoid", name=b)
    g.connect(x, y, 0)
    return g, x, y


def _cycle():
    g, x, y = _chain()
    g.connect(y, x, 0)


def _conv():
    g = Graph()
    x = g.add_node("input", {"shape": (None, 1, 4, 4)}, name="x")
    c = g.add_node("conv2d", {"kernel": 5}, name="c")
    g.connect(x, c, 0)
    (issue,) = infer(g)[1]
    raise GraphError(issue.msg)


def _exec():
    g, s, feeds = mismatched_add()
    Executor(g, target=s).run(feeds, backward=False)


def _file(tmp_path):
    p = tmp_path / "g.json"
    p.write_text(json.dumps({"format": "graphviz-app-graph", "version": 1,
                             "nodes": [{"id": "n1", "op": "relu", "frozen": 3}]}))
    load(p)


def _arrays(tmp_path):
    p = tmp_path / "w.npz"
    p.write_bytes(b"not a zip")
    load_arrays(Graph(), p)


def _gradcheck():
    g, _, _ = _chain()
    gradient_check(g, {}, eps=2.0)


CASES = {
    "conv": (_conv, GraphError, "op.kernel_too_large",
             "input 4x4x1, kernel 5, stride 1, padding 0: the kernel is larger than the padded "
             "input (4 + 2*0 = 4 < 5); use a smaller kernel or more padding"),
    "cycle": (_cycle, GraphError, "graph.cycle",
              "wiring b → a would make a cycle (a already feeds b)"),
    "executor": (_exec, ExecutionError, "exec.op_failed", re.compile(
        re.escape("s (add) failed in the forward pass: ") + ".+" + re.escape(
            " (inputs: 5x2, 3x2); check the data fed to the inputs, e.g. that every input gets "
            "the same number of examples"))),
    "file": (_file, FileFormatError, "named",
             "g.json: nodes[0].frozen: must be true or false; got the number 3"),
    "arrays": (_arrays, FileFormatError, "named", "w.npz: not an array file (.npz)"),
    "gradcheck": (_gradcheck, ValueError, "exec.eps",
                  "ε must be a small positive number (e.g. 1e-6); got 2.0"),
    "csv": (lambda: read_table(b"a,a\n1,2\n"), CsvError, "named",
            "line 1: the header names 'a' twice (columns 1 and 2); rename one"),
    "folder": (lambda: scan_folder("/nonexistent/folder"), ImageFolderError, "data.not_folder",
               "/nonexistent/folder is not a folder; choose a folder with one sub-folder of "
               "images per class"),
}


@pytest.mark.parametrize("area", CASES)
def test_a_real_error_of_each_area_carries_its_message_id_and_keeps_its_english(area, tmp_path):
    make, kind, mid, english = CASES[area]
    with pytest.raises(kind) as info:
        make(tmp_path) if make.__code__.co_argcount else make()
    said = carried(info.value)
    assert isinstance(said, Msg) and said.id == mid
    assert str(info.value) == str(said)
    if isinstance(english, str):
        assert str(said) == english
    else:            # the part NumPy words is its own
        assert english.fullmatch(str(said)), str(said)


def _marked(text: str) -> str:
    """A stand-in translation: every template wrapped in « », fields unchanged."""
    return f"«{text}»"


def test_a_file_error_keeps_its_place_as_data_and_translates_only_the_reason(tmp_path):
    with pytest.raises(FileFormatError) as info:
        _file(tmp_path)
    assert carried(info.value).render(_marked) == (
        "«g.json: «nodes[0].frozen: «must be true or false; got «the number 3»»»»")


def test_a_nested_reason_is_translated_inside_the_wiring_refusal():
    g, x, y = _chain()
    d = g.add_node("dense", {"units": 2}, name="d")
    why = g.check_connect(x, d, 0)            # relu has no shape yet: fine
    assert why is None
    g2 = Graph()
    i = g2.add_node("input", {"shape": (None,)}, name="ids")
    f = g2.add_node("dense", {"units": 2}, name="fc")
    why = g2.check_connect(i, f, 0)
    assert why.id == "named" and why.params["name"] == "fc"
    assert why.render(_marked) == "«fc: «dense needs an input N x features; got N (add a reshape)»»"


def test_every_message_id_named_in_the_code_exists():
    ids = set()
    for path in [*ROOT.joinpath("engine").rglob("*.py"), *ROOT.joinpath("graphviz_app").rglob("*.py")]:
        ids |= set(re.findall(r"\bMsg\(\s*\"([a-z_.]+)\"", path.read_text(encoding="utf-8")))
    assert len(ids) > 150
    assert ids <= set(TEMPLATES), sorted(ids - set(TEMPLATES))
    whys = set(re.findall(r"\b_unsupported\(\s*\"([a-z_]+)\"",
                          ROOT.joinpath("engine", "onnx", "mapping.py").read_text(encoding="utf-8")))
    assert len(whys) > 15
    assert {"onnx.why." + w for w in whys} <= set(TEMPLATES), sorted(whys)
    for kind in ("int", "float", "bool", "ints", "shape", "str"):    # ids made from a name
        assert isinstance(_kind_words(kind), Msg)
    for phase in ("forward", "backward"):
        assert f"exec.{phase}" in TEMPLATES


CONVERTED = ["graph.py", "executor.py", "gradcheck.py", "training.py", "serialize.py", "serialize_read.py",
             "safe_io.py", "weights.py", "shapes.py", "ops/*.py", "data/store.py",
             "data/csv_import.py", "data/image_folder.py", "data/precompute.py", "data/loops.py"]
# errors about how the code calls a function (never something the user typed or opened)
PROGRAMMING = ("unknown parameter kind", "categorical must be", "target_as must be",
               "cannot make {name!r} a {kind!r} column", "was declared {v.shape} but came out",
               "an input node is fed, not computed")
PLAIN_RAISE = re.compile(r"raise (\w*Error|CheckCancelled)\(\s*f?[\"']")


def test_the_converted_modules_raise_no_user_facing_error_from_a_plain_string():
    found = []
    for pattern in CONVERTED:
        for path in sorted(ROOT.joinpath("engine").glob(pattern)):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                m = PLAIN_RAISE.search(line)
                if m and m.group(1) not in ("KeyError", "TypeError", "RuntimeError",
                                                           "NotImplementedError") \
                        and not any(p in line for p in PROGRAMMING):
                    found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert found == []
