"""File → Data and the weights of a selection: imports run in a worker, are undoable, report
bad input by line and column or by file name, can be cancelled; weights match by name and
shape; a saved file brings its data back."""
from __future__ import annotations

import time

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from engine import examples, serialize
from engine.data import Cancelled
from engine.data.digits import digits
from graphviz_app.editor import data_import, weights_io
from graphviz_app.editor.data_import import DataImporter, SetDatasetCommand, qt_decode
from graphviz_app.editor.jobs import Job
from graphviz_app.session import Session

from .conftest import mlp_graph


class Answers:
    def __init__(self):
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []


@pytest.fixture
def importer(qtbot):
    session = Session()
    imp = DataImporter(session, None)
    ans = Answers()
    imp.show_error = lambda t, m: ans.errors.append((t, m))
    imp.show_info = lambda t, m: ans.infos.append((t, m))
    imp.answers = ans
    yield imp
    if imp.job is not None:
        imp.job.wait()


def wait_job(qtbot, importer):
    qtbot.waitUntil(lambda: importer.job is not None and not importer.job.running, timeout=10000)


CSV = b"size,city,price\n50,paris,100.5\n80,rome,150\n65,paris,120.25\n70,oslo,130\n"


def test_csv_import_installs_the_data_and_undo_puts_back_the_old(qtbot, importer, tmp_path):
    p = tmp_path / "houses.csv"
    p.write_bytes(CSV)
    seen = []
    importer.ask_csv_options = lambda table: seen.append(table.header) or {
        "target": "city", "categorical": "ids", "standardize": False}
    importer.import_csv(str(p))
    qtbot.waitUntil(lambda: importer.session.dataset is not None, timeout=10000)
    wait_job(qtbot, importer)
    ds = importer.session.dataset
    assert seen == [["size", "city", "price"]]
    np.testing.assert_array_equal(ds["x"], [[50, 100.5], [80, 150], [65, 120.25], [70, 130]])
    np.testing.assert_array_equal(ds["y"], [1, 2, 1, 0])          # oslo, paris, rome
    s = importer.session
    assert s.undo_stack.count() == 1 and s.dirty
    s.undo()
    assert s.dataset is None
    s.redo()
    assert s.dataset is ds


def test_csv_with_a_bad_value_names_line_and_column_and_changes_nothing(qtbot, importer,
                                                                         tmp_path):
    p = tmp_path / "bad.csv"
    p.write_bytes(b"a,b\n1,2\n3,4\n5,oops\n")
    importer.ask_csv_options = lambda t: {"target": None}
    importer.import_csv(str(p))
    qtbot.waitUntil(lambda: bool(importer.answers.errors), timeout=10000)
    title, text = importer.answers.errors[0]
    assert "line 4, column 'b'" in text and "'oops' is not a number" in text
    assert "unchanged" in text
    assert importer.session.dataset is None and importer.session.undo_stack.count() == 0


def test_csv_read_errors_are_reported(qtbot, importer, tmp_path):
    p = tmp_path / "empty.csv"
    p.write_bytes(b"")
    importer.import_csv(str(p))
    qtbot.waitUntil(lambda: bool(importer.answers.errors), timeout=10000)
    assert "empty" in importer.answers.errors[0][1]
    importer.import_csv(str(tmp_path / "missing.csv"))
    qtbot.waitUntil(lambda: len(importer.answers.errors) == 2, timeout=10000)
    assert "No such file" in importer.answers.errors[1][1]


def write_png(path, colour: QColor, size=(6, 4)) -> None:
    img = QImage(size[0], size[1], QImage.Format.Format_RGB32)
    img.fill(colour)
    assert img.save(str(path), "PNG")


def test_qt_decode_reads_pixels_in_rgb_order_and_grey(tmp_path):
    write_png(tmp_path / "r.png", QColor(255, 0, 0), (8, 8))
    colour = qt_decode(str(tmp_path / "r.png"), 4, False)
    assert colour.shape == (3, 4, 4) and colour.dtype == np.float32
    np.testing.assert_allclose(colour[:, 2, 2], [1, 0, 0])
    grey = qt_decode(str(tmp_path / "r.png"), 4, True)
    assert grey.shape == (1, 4, 4)
    np.testing.assert_allclose(grey, 0.299, atol=1e-6)    # the luminance of pure red
    (tmp_path / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    with pytest.raises(ValueError):
        qt_decode(str(tmp_path / "bad.png"), 4, True)


def make_folder(tmp_path, per_class=3):
    root = tmp_path / "colours"
    for k, (name, c) in enumerate((("black", QColor(0, 0, 0)), ("white", QColor(255, 255, 255)))):
        (root / name).mkdir(parents=True)
        for i in range(per_class):
            write_png(root / name / f"{i}.png", c)
    return root


def test_image_folder_with_a_corrupt_file_loads_the_rest_and_names_it(qtbot, importer, tmp_path):
    root = make_folder(tmp_path)
    (root / "white" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00garbage")
    asked = []
    importer.ask_folder_options = lambda scan: asked.append(scan.counts()) or {"size": 5,
                                                                               "grey": True}
    importer.import_folder(str(root))
    qtbot.waitUntil(lambda: importer.session.dataset is not None, timeout=10000)
    wait_job(qtbot, importer)
    ds = importer.session.dataset
    assert asked == [[3, 4]]
    assert ds["x"].shape == (6, 1, 5, 5)
    np.testing.assert_allclose(ds["x"][ds["y"] == 0], 0.0)
    np.testing.assert_allclose(ds["x"][ds["y"] == 1], 1.0)
    assert len(importer.answers.infos) == 1
    assert "white/broken.png" in importer.answers.infos[0][1]
    assert not importer.answers.errors


def test_folder_without_classes_is_an_error(qtbot, importer, tmp_path):
    importer.import_folder(str(tmp_path))
    assert "no sub-folders" in importer.answers.errors[0][1]


def test_cancel_stops_an_image_load_and_keeps_the_data(qtbot, importer, tmp_path, monkeypatch):
    root = make_folder(tmp_path, per_class=20)

    def slow(path, size, grey):
        time.sleep(0.05)
        return np.zeros((1, size, size), np.float32)

    monkeypatch.setattr(data_import, "qt_decode", slow)
    importer.session.set_dataset(digits(limit=5))
    before = importer.session.dataset
    importer.ask_folder_options = lambda scan: {"size": 4, "grey": True}
    job = importer.import_folder(str(root))
    with qtbot.waitSignal(job.progressed, timeout=5000):
        pass
    with qtbot.waitSignal(job.cancelled, timeout=5000):
        job.cancel()
    assert importer.session.dataset is before


def test_job_reports_failure_and_result(qtbot):
    ok = Job(lambda p, s: 41 + 1)
    with qtbot.waitSignal(ok.finished, timeout=5000) as got:
        ok.start()
    assert got.args == [42]
    bad = Job(lambda p, s: int("x"))
    with qtbot.waitSignal(bad.failed, timeout=5000) as why:
        bad.start()
    assert "invalid literal" in why.args[0]

    def waits(progress, stop):
        for _ in range(500):
            if stop():
                raise Cancelled("asked")
            time.sleep(0.01)
        return "never cancelled"
    c = Job(waits)
    c.start()
    with qtbot.waitSignal(c.cancelled, timeout=5000):
        c.cancel()


def test_built_in_data_loads_through_the_undo_stack(importer):
    assert importer.load_digits()
    assert importer.session.dataset["x"].shape == (1797, 64)
    assert importer.load_corpus()
    assert "vocab" in importer.session.dataset.meta
    importer.session.undo()
    assert importer.session.dataset["x"].shape == (1797, 64)


def test_set_dataset_command_is_refused_while_training(importer):
    s = importer.session
    s.set_locked(True)
    assert not s.push(SetDatasetCommand(s, digits(limit=3), "Load digits"))
    assert s.dataset is None


# -- weights of a selection --------------------------------------------------------------------
@pytest.fixture
def wio(qtbot):
    s = Session(mlp_graph())
    io = weights_io.WeightsIO(s, None)
    ans = Answers()
    io.show_error = lambda t, m: ans.errors.append((t, m))
    io.show_info = lambda t, m: ans.infos.append((t, m))
    io.answers = ans
    return io


def test_save_and_load_weights_of_a_selection_is_undoable(wio, tmp_path):
    s = wio.session
    d1 = s.graph.by_name("d1")
    s.select([d1])
    trained = {k: v.copy() for k, v in s.graph.nodes[d1].weights.items()}
    keys = wio.save_selection(str(tmp_path / "enc"))
    assert keys == ["d1/W", "d1/b"] and (tmp_path / "enc.npz").exists()
    s.graph.set_weights(d1, {"W": np.zeros_like(trained["W"])})
    report = wio.load_selection(str(tmp_path / "enc.npz"))
    assert report.loaded == ["d1/W", "d1/b"]
    np.testing.assert_array_equal(s.graph.nodes[d1].weights["W"], trained["W"])
    assert "Loaded 2 arrays" in wio.answers.infos[0][1]
    s.undo()
    np.testing.assert_array_equal(s.graph.nodes[d1].weights["W"], 0)


def test_loading_reports_what_did_not_match(wio, tmp_path):
    g = examples.build("xor_mlp")[0]              # other names and shapes
    path = tmp_path / "other.npz"
    serialize.save_arrays(g, path)
    s = wio.session
    s.select([s.graph.by_name("d1")])
    before = s.graph.weight_snapshot()
    assert wio.load_selection(str(path)) is None
    assert "no array matches the selected nodes" in wio.answers.errors[0][1]
    # same name, wrong shape: refused, nothing changes
    other = mlp_graph()
    other.set_params(other.by_name("d1"), {"units": 5})
    serialize.save_arrays(other, tmp_path / "wrong.npz", ["d1"])
    assert wio.load_selection(str(tmp_path / "wrong.npz")) is None
    assert "d1/W has shape (5, 2) in the file but the node expects (4, 2)" in \
        wio.answers.errors[1][1]
    for k, v in s.graph.weight_snapshot().items():
        np.testing.assert_array_equal(v, before[k])
    assert s.undo_stack.count() == 0


def test_partial_match_lists_kept_and_unused(wio, tmp_path):
    src = mlp_graph()
    extra = src.add_node("dense", {"units": 3}, name="extra")
    src.connect(src.by_name("r1"), extra, 0)
    serialize.save_arrays(src, tmp_path / "mix.npz", ["d1", "extra"])
    s = wio.session
    s.select([s.graph.by_name("d1")])
    report = wio.load_selection(str(tmp_path / "mix.npz"))
    assert report.unused == ["extra/W", "extra/b"]
    assert "matching no selected node: extra/W, extra/b" in wio.answers.infos[0][1]


def test_nothing_selected_says_what_to_do(wio):
    assert wio.save_selection("/tmp/x.npz") is None
    assert "Nothing is selected" in wio.answers.errors[0][1]


# -- data saved with the graph -----------------------------------------------------------------
def test_saved_file_reopens_with_its_data(window, tmp_path):
    ds = digits(limit=30)
    window.session.set_dataset(ds)
    path = str(tmp_path / "with_data.gvz")
    assert window.files.save_as(path)
    window.files.new()
    assert window.session.dataset is None
    assert window.files.load_path(path)
    back = window.session.dataset
    assert back is not ds and back.name == "digits"
    np.testing.assert_array_equal(back["x"], ds["x"])
    np.testing.assert_array_equal(back["y"], ds["y"])


def test_the_window_has_the_file_menu_entries(window):
    texts = [a.text() for a in window.actions.file_menu.actions()]
    assert "Save &Weights of Selection…" in texts and "&Load Weights into Selection…" in texts
    data_menu = next(a.menu() for a in window.actions.file_menu.actions()
                     if a.text() == "&Data")
    assert [a.text() for a in data_menu.actions() if a.text()][:2] == ["Import &CSV…",
                                                                      "Import &Image Folder…"]
    assert texts[-1] == "&Quit" and texts.count("&Data") == 1


# -- precomputed features and the CSV dialog ------------------------------------------------------
def test_precompute_opens_the_head_with_the_features_as_data(qtbot, importer):
    from engine.data.precompute import node_values
    g, ds, _ = examples.build("digits_autoencoder")
    importer.session.replace_graph(g, dataset=ds)
    latent = g.by_name("latent")
    importer.session.select([latent])
    expected = node_values(g, ds, latent)
    importer.precompute_selected()
    qtbot.waitUntil(lambda: "latent" in importer.session.dataset.arrays, timeout=20000)
    wait_job(qtbot, importer)
    head = importer.session.graph
    assert sorted(n.name for n in head.nodes.values()) == ["J", "decoder", "latent",
                                                           "reconstruction", "x"]
    assert head.nodes[head.by_name("latent")].op == "input"
    np.testing.assert_allclose(importer.session.dataset["latent"], expected, rtol=1e-5)


def test_precompute_needs_one_node_and_data(importer):
    importer.precompute_selected()
    assert "Select one node" in importer.answers.errors[0][1]


def test_csv_dialog_previews_and_flags_a_bad_choice_before_ok(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox
    from engine.data.csv_import import read_table
    from graphviz_app.editor.data_dialogs import CsvOptionsDialog
    table = read_table(b"a,b,label\n1,2,x\n3,,y\n5,6,x\n")
    dlg = CsvOptionsDialog(table)
    qtbot.addWidget(dlg)
    assert dlg.preview.rowCount() == 3 and dlg.preview.item(2, 0).text() == "5"
    assert dlg.preview.horizontalHeaderItem(2).text() == "label\n(category)"
    ok = dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert "line 3, column 'b'" in dlg.status.text() and not ok.isEnabled()
    marked = [(i, j) for i in range(3) for j in range(3)
              if dlg.preview.item(i, j).background().style() != Qt.BrushStyle.NoBrush]
    assert marked == [(1, 1)]                      # line 3 is preview row 1; column b
    fine = read_table(b"a,b,label\n1,2,x\n3,4,y\n")
    dlg2 = CsvOptionsDialog(fine)
    qtbot.addWidget(dlg2)
    assert dlg2.options()["target"] == "label" and dlg2.buttons.button(
        QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert "2 classes" in dlg2.status.text()
    dlg2.categorical.setCurrentIndex(1)
    assert dlg2.options()["categorical"] == "onehot"


def test_csv_dialog_reads_a_column_as_categories_on_a_header_click(qtbot):
    from PySide6.QtWidgets import QDialogButtonBox
    from engine.data.csv_import import read_table, to_dataset
    from graphviz_app.editor.data_dialogs import CsvOptionsDialog
    table = read_table(b"zip,size,price\n75001,50,1.5\n75002,60,2.5\nA75,70,3.5\n"
                       b"75001,55,2.25\n")
    dlg = CsvOptionsDialog(table)
    qtbot.addWidget(dlg)
    ok = dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert "'A75' is not a number" in dlg.status.text() and not ok.isEnabled()
    dlg.preview.horizontalHeader().sectionClicked.emit(0)
    assert dlg.preview.horizontalHeaderItem(0).text() == "zip\n(category)"
    assert ok.isEnabled() and dlg.options()["kinds"] == {"zip": "category"}
    ds = to_dataset(table, **{**dlg.options(), "standardize": False})
    assert ds["x"][:, 0].tolist() == [0, 1, 2, 0]          # 75001, 75002, A75 as ids

