"""The look-inside views' refusals, the data loaders' errors and every long load's progress
carry message ids (engine.messages.Msg), without Qt.

Checked with real triggers: a bad custom kernel, a too-small t-SNE input, a clicked point
with no data, a graph with no cost, a file that is no PNG, a bad sample size; a CSV import's
progress lines and a cancelled load's Cancelled carry Msgs; t-SNE's child sends ids and
parameters over its pipe and the parent rebuilds them. The English texts are written out by
hand here, so a changed wording or a swapped parameter fails. No message id is defined twice
across the template modules, every Msg the source makes names its template's fields, and the
engine raises no user-facing error from a plain string and reports no progress as one.
"""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest

from engine import Graph
from engine.data import Cancelled, report
from engine.data.csv_import import read_table, to_dataset
from engine.data.sample_images import read_png, sample_images
from engine.datasets import xor
from engine.executor import ExecutionError
from engine.inspect import cost_surface as cs
from engine.inspect.array_grid import grid_of
from engine.inspect.cost_surface_batched import SurfaceRefused, batched_surface
from engine.inspect.data_view import feeds
from engine.inspect.kernels import parse_kernel
from engine.inspect.points import with_point
from engine.inspect.probe import Probe
from engine.inspect.tsne import child_command, tsne
from engine.inspect.upstream import ProbeError, run_upto
from engine.messages import TEMPLATES, Msg, MsgError, carried
from engine.notation import dense_notation
from engine.safe_io import parse_json
from engine.serialize import FileFormatError
from engine.training import Dataset
from tests.engine.test_inspect_cost_surface_batched import _param_graph

ROOT = Path(__file__).resolve().parents[2]


def _marked(text: str) -> str:
    """A stand-in translation: every template wrapped in « », fields unchanged."""
    return f"«{text}»"


KERNELS = {
    "": ("kernel.empty", "the kernel is empty: type 3, 5 or 7 rows of as many numbers"),
    "1 2 3\n4 x 6\n7 8 9": ("kernel.not_number", "row 2: 'x' is not a number; use digits, '.', "
                                                 "'-' (e.g. 0.25 or -1)"),
    "1 inf 1; 1 1 1; 1 1 1": ("kernel.not_finite", "row 1: 'inf' is not a finite number"),
    "1 2; 3 4": ("kernel.rows", "the kernel has 2 rows; type 3, 5 or 7 rows"),
    "1 2 3; 4 5; 6 7 8": ("kernel.not_square", "row 2 has 2 numbers but there are 3 rows; a "
                                               "kernel is square: give every row 3 numbers"),
}


def test_a_bad_custom_kernel_says_what_is_wrong_with_an_id_and_the_same_english():
    for text, (mid, english) in KERNELS.items():
        with pytest.raises(ValueError) as info:
            parse_kernel(text)
        said = carried(info.value)
        assert isinstance(info.value, MsgError) and isinstance(said, Msg), text
        assert (said.id, str(info.value)) == (mid, english), text
    row = carried(pytest.raises(ValueError, parse_kernel, "1 2 3\n4 x 6\n7 8 9").value)
    assert row.params == {"row": 2, "cell": "x"}         # the place stays data, not words


def test_look_inside_refusals_carry_ids():
    with pytest.raises(ValueError) as info:
        tsne(np.zeros((3, 2)))
    assert carried(info.value).id == "tsne.too_few"
    assert str(info.value) == "t-SNE needs at least 5 points; got 3"
    with pytest.raises(ValueError) as info:
        with_point(None, (0.0, 0.0), 0)
    assert carried(info.value).id == "view.point_no_data"
    assert str(info.value) == ("there is no data to add a point to: open an example with 2-D "
                               "data (e.g. XOR) first")
    with pytest.raises(ValueError) as info:
        with_point(xor(n=8), (0.0, 0.0), 5)
    assert carried(info.value).id == "view.point_class"
    assert str(info.value) == "class 5 does not exist: the data has classes 0 to 1"
    g = Graph()
    x = g.add_node("input", {"shape": (None, 2)}, name="x")
    g.connect(x, g.add_node("relu", name="r"), 0)
    with pytest.raises(ExecutionError) as info:
        Probe(g).backward({"x": np.zeros((1, 2))})
    assert carried(info.value).id == "view.no_gradients"
    assert str(info.value).startswith("the graph has no cost (a loss with reduction 'mean'), "
                                      "so it has no gradients to show")


def test_a_bad_feed_keeps_its_message_id_through_the_look_inside_probes():
    g = Graph()
    x = g.add_node("input", {"shape": (None, 2)}, name="x")
    r = g.add_node("relu", name="r")
    g.connect(x, r, 0)
    ragged = [[1.0, 2.0], [3.0]]
    with pytest.raises(ProbeError) as up:
        run_upto(g, {"x": ragged}, r)
    with pytest.raises(ExecutionError) as probe:
        Probe(g).forward({"x": ragged}, [r])
    for info in (up, probe):
        assert carried(info.value).id == "op.feed_ragged"
        assert str(info.value) == ("x: the data is not a regular array of numbers (rows of "
                                   "different lengths?)")


def test_a_training_check_names_the_data_and_the_input_in_messages():
    from engine.train_checks import fit_problem
    g = Graph()
    g.add_node("input", {"shape": (None,), "dtype": "int"}, name="ids")
    why = fit_problem(g, Dataset({"ids": np.array([0.5, 1.0])}))
    assert why.id == "op.feed_not_ids"
    assert why.render(_marked).startswith("««data '«the data»' for input ids» takes integer ids")


def test_a_file_that_is_no_png_and_a_bad_size_are_refused_with_ids(tmp_path):
    p = tmp_path / "cat.png"
    p.write_bytes(b"GIF89a not a png")
    with pytest.raises(ValueError) as info:
        read_png(p)
    said = carried(info.value)
    assert (said.id, said.params, str(said)) == ("load.not_png", {"name": "cat.png"},
                                                 "cat.png is not a PNG file")
    with pytest.raises(ValueError) as info:
        sample_images(size=4)
    assert str(info.value) == "the image size must be between 8 and 512 pixels; got 4"
    assert carried(info.value).id == "load.image_size"


def test_a_cost_surface_refusal_carries_its_reason_as_a_nested_message():
    g, feeds = _param_graph("exp")
    a = cs.Entry(g.resolve("P"), "value", (0, 0))
    b = cs.Entry(g.resolve("P"), "value", (2, 1))
    with pytest.raises(SurfaceRefused) as info:
        batched_surface(g, feeds, a, b, np.linspace(-1, 1, 3), np.linspace(-1, 1, 3))
    said = carried(info.value)
    assert (said.id, said.params["node"], said.params["why"].id) == (
        "surface.not_batched", "z (matmul)", "surface.not_linear")
    assert said.render(_marked).startswith("«z (matmul) «is not linear in P.value[0,0]», so the "
                                           "grid cannot be computed in one batched pass")
    with pytest.raises(SurfaceRefused) as info:
        batched_surface(g, feeds, a, a, np.zeros(3), np.zeros(3))
    assert str(info.value) == "the two axes are the same entry; choose two different ones"


def test_the_data_panels_feed_problems_are_messages():
    g = Graph()
    g.add_node("input", {"shape": (None, 2)}, name="x")
    g.add_node("input", {"shape": (None,), "dtype": "int"}, name="ids")
    ds = Dataset({"x": np.zeros((4, 3), np.float32), "ids": np.zeros(4, np.float32)})
    shape, fractions = (f.problem for f in feeds(g, ds))
    assert (shape.id, str(shape)) == ("data.feed_shape", "the input expects (None, 2) but the "
                                      "array is (4, 3); change the input's shape")
    assert fractions.id == "data.feed_fractions"
    missing = feeds(g, None)[0].problem
    assert missing.render(_marked) == ("«no array named 'x' («no data set»); rename the input "
                                       "node or load data that has one»")


def test_an_arrays_picture_says_its_layout_as_a_message():
    tiles = grid_of(np.zeros((2, 3, 4, 5)), tiles=True).layout
    assert (tiles.id, str(tiles)) == ("grid.tiles", "2 row bands (axis 0) of 4 rows, each with 3 "
                                      "tiles (axis 1) of 5 columns")
    windows = grid_of(np.zeros((1, 2, 3, 3, 4, 4)), windows=True).layout
    assert windows.params == {"f": 3} and "owns the 3x3 block" in windows
    assert grid_of(np.zeros((2, 3))).layout == ""            # the cells are the array itself


def test_a_dense_layer_without_activation_says_so_in_a_message():
    g = Graph()
    x = g.add_node("input", {"shape": (None, 2)}, name="x")
    d = g.add_node("dense", {"units": 3, "activation": "identity"}, name="d")
    g.connect(x, d, 0)
    line = dense_notation(g, d).activation_line
    assert (line.id, str(line)) == ("notation.no_activation",
                                    "a[1] = z[1]  (no activation: g[1] is the identity)")


def test_a_number_too_long_to_read_is_refused_with_an_id_naming_the_file():
    with pytest.raises(FileFormatError) as info:
        parse_json(b'{"a": ' + b"1" * 5000 + b"}", "graph.json")
    said = carried(info.value)
    assert (said.id, said.params["name"], said.params["error"].id) == (
        "named", "graph.json", "file.long_number")
    assert str(info.value) == ("graph.json: a number has more than 4300 digits; no graph or "
                               "data file needs one that long")


def test_a_csv_import_reports_its_progress_as_messages():
    seen: list = []
    table = read_table(b"a,b\n1,2\n3,4\n", "t.csv", progress=lambda f, what: seen.append(what))
    to_dataset(table, target="b", progress=lambda f, what: seen.append(what))
    assert all(isinstance(w, Msg) for w in seen), seen
    assert [w.id for w in seen][:1] == ["progress.decoding"]
    reads = [str(w) for w in seen if w.id == "progress.reading"]
    assert reads == ["reading a", "reading b"]
    assert seen[-1].id == "progress.done" and str(seen[-1]) == "done"


def test_a_cancelled_load_carries_what_it_was_doing_as_a_message():
    with pytest.raises(Cancelled) as info:
        report(None, lambda: True, 0.5, Msg("progress.rows"))
    said = carried(info.value)
    assert said.id == "progress.cancelled" and str(info.value) == "cancelled while reading rows"
    assert said.render(_marked) == "«cancelled while «reading rows»»"   # the inner one too


def test_the_tsne_child_sends_ids_and_parameters_that_the_parent_rebuilds():
    from engine.inspect.tsne_child import _Verbose
    sent: list[Msg] = []
    v = _Verbose(lambda f, mid, params: sent.append(Msg(mid, **params)), 750)
    v.write("[t-SNE] Computing 91 nearest neighbors...\n[t-SNE] Computed neighbors for 5 "
            "samples\n[t-SNE] Computed conditional probabilities for sample 5 / 9\n[t-SNE] "
            "Iteration 50: error = 1.2\n")
    assert [str(m) for m in sent] == ["t-SNE: finding each point's neighbours",
                                      "t-SNE: neighbours found",
                                      "t-SNE: probabilities of 5 of 9 points",
                                      "t-SNE iteration 50 of 750"]
    # a real child, given too few bytes of points, fails and says so as an id with parameters
    job = json.dumps({"n": 4, "d": 2, "perplexity": 1.0, "seed": 0, "iterations": 250,
                      "method": "exact"}).encode() + b"\n" + b"\0" * 8
    out = subprocess.run(child_command(), input=job, capture_output=True, timeout=60).stdout
    reply = json.loads(out.splitlines()[0])
    failed = Msg(reply["error"], **reply["params"])
    assert failed.id == "tsne.failed"
    assert str(failed) == "t-SNE failed (ValueError): expected 32 bytes of points, got 8"


# errors about how the code calls a function, a shipped file checked by the tests, or the
# t-SNE child's own pipe: never something the user typed or opened
INTERNAL = ("unknown source {key!r}", "metric must be 'euclidean' or 'cosine'",
            "scale must be one of", "a global scale needs the range", "expected {count} bytes",
            "the corpus uses words topics.json does not list", "categorical must be",
            "target_as must be", "cannot make {name!r} a {kind!r} column",
            "was declared {v.shape} but came out", "unknown parameter kind",
            "{INFO_MEMBER}", "the example file assets/examples/")
BY_ID = ("GuideError", "_unsupported")      # these take a message id, not a text
PLAIN_RAISE = re.compile(r"raise (\w+)\(\s*f?[\"']")
PLAIN_REPORT = re.compile(r"\breport\([^)]*,\s*f?[\"']|\bprogress\([^)]*,\s*f?[\"']")


def test_the_engine_raises_and_reports_no_plain_english_to_the_user():
    found = []
    for path in sorted(ROOT.joinpath("engine").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = PLAIN_RAISE.search(line)
            if (m and m.group(1) not in ("KeyError", "IndexError", "RuntimeError", *BY_ID)
                    and not any(p in line for p in INTERNAL)) or PLAIN_REPORT.search(line):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert found == []


def test_no_message_id_is_defined_in_two_template_modules():
    ids: list[str] = []
    for path in sorted(ROOT.joinpath("engine").glob("messages*.py")):
        ids += re.findall(r'^\s*"([a-z0-9_.]+)": QT_TRANSLATE_NOOP\(', path.read_text("utf-8"),
                          re.MULTILINE)
    assert len(ids) > 400
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
    assert set(ids) == set(TEMPLATES)


def test_every_message_the_engine_makes_names_its_templates_fields():
    """Msg("id", a=..., b=...) with the template's own field names, checked in the source, so
    a raise no test reaches (GoogLeNet's missing file, a damaged PNG) cannot fail with a
    KeyError instead of its message."""
    import ast
    from engine.messages import fields
    checked, wrong = 0, []
    for path in sorted(ROOT.joinpath("engine").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Msg"
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and all(k.arg is not None for k in node.keywords)):
                continue
            mid, names = node.args[0].value, {k.arg for k in node.keywords}
            checked += 1
            if mid not in TEMPLATES or names != fields(TEMPLATES[mid]):
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}: {mid} {sorted(names)}")
    assert checked > 300
    assert wrong == []
