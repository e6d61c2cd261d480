"""Every panel in Chinese, with its computed texts populated: after a Chinese start, a trained
XOR network (the dense panels) and the small CNN (the conv panels) show no English word outside
names (nodes, ops, optimizers, data columns), formulas and numbers; the same texts stay English
in English; and the bias/variance verdict renders from its engine message ids."""
from __future__ import annotations

import re

import pytest
import pyqtgraph as pg
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QLabel, QListWidget, QTableWidget,
                               QTabWidget, QWidget)

from engine.ops.base import REGISTRY
from engine.optimizers import OPTIMIZERS
from graphviz_app import i18n

CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_']+")
# Names and formula symbols that stay as they are in Chinese (besides node and op names)
KEPT = {"PCA", "SNE", "ReLU", "Sobel", "Prewitt", "dJ", "da", "dW", "db", "log", "ln", "max",
        "min", "exp", "dropout", "conv", "it", "ex", "col", "im", "windowsᵀ", "Nx", "OH", "OW",
        "xhat", "logits", "ids", "XOR", "NumPy", "Python", "float32", "float64", "int64",
        "r_l", "j_l", "k_l", "s_l", "col2im", "im2col"}
# Every text is checked, the Messages table's and the data set's description included.
PENDING_DOCKS: set[str] = set()
PARAMS = {w for op in REGISTRY.values() for sp in op.params
          for w in (sp.name, *map(str, sp.choices))}
"""Parameter names and choice values (he, xavier, …): identifiers, like op names."""
OTHERS_TEXT: set[str] = set()


@pytest.fixture(scope="module")
def chinese_window(qapp, tmp_path_factory):
    """One window started in Chinese for the module (each test opens its own example)."""
    from graphviz_app.main_window import MainWindow
    folder = tmp_path_factory.mktemp("chinese_window")
    assert i18n.apply(i18n.CHINESE)
    win = MainWindow(settings=QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat),
                     recovery_dir=str(folder))
    f = win.files
    f.show_error = lambda title, text: None
    f.ask_unsaved = lambda name: "discard"
    f.ask_recover = lambda path: False
    win.resize(1280, 720)
    win.show()
    yield win
    win.training.stop()
    win.training.wait()
    win.session.undo_stack.setClean()
    win.files.timer.stop()
    win.close()
    win.deleteLater()
    i18n.apply(i18n.ENGLISH)
    qapp.processEvents()


def _texts(w: QWidget) -> list[str]:
    out = [w.toolTip()]
    if isinstance(w, (QLabel, QAbstractButton)):
        out.append(re.sub(r"<[^>]+>", "", w.text()))
    if isinstance(w, QComboBox):
        out += [w.itemText(i) for i in range(w.count())]
    if isinstance(w, QTabWidget):
        out += [w.tabText(i) for i in range(w.count())]
    if isinstance(w, QTableWidget):
        for c in range(w.columnCount()):
            h = w.horizontalHeaderItem(c)
            out.append(h.text() if h is not None else "")
        for r in range(min(w.rowCount(), 40)):
            h = w.verticalHeaderItem(r)
            out.append(h.text() if h is not None else "")
            for c in range(w.columnCount()):
                item = w.item(r, c)
                out += [item.text(), item.toolTip()] if item is not None else []
    if isinstance(w, QListWidget):
        for i in range(min(w.count(), 40)):
            out += [w.item(i).text(), w.item(i).toolTip()]
    if isinstance(w, pg.GraphicsView):
        for it in w.scene().items():
            if isinstance(it, pg.LabelItem):
                out.append(re.sub(r"<[^>]+>", "", it.text))
            elif isinstance(it, pg.TextItem):
                out.append(it.textItem.toPlainText())
    return out


def _english(window, docks) -> dict[str, str]:
    """Text shown in ``docks`` with an English word that is no name -> the dock's name."""
    g = window.session.graph
    ds = window.session.dataset
    names = {n.name for n in g.nodes.values()} | set(REGISTRY) | set(OPTIMIZERS) | KEPT | PARAMS
    names |= set(ds.arrays) | set(ds.meta.get("feature_names") or ()) if ds is not None else set()
    names |= set(ds.meta.get("vocab") or ()) if ds is not None else set()
    names |= {w for c in (ds.meta.get("class_names") or ()) for w in WORD.findall(c)} \
        if ds is not None else set()                       # the data's own class names
    names |= {k for op in REGISTRY.values() for k in op.cache_notes}     # cached arrays
    names |= {"d" + n for n in names}                      # gradients: dconv1, dJ/dconv1
    found = {}
    for name in docks:
        dock = window.docks[name]
        for w in [dock, *dock.findChildren(QWidget)]:
            if w.objectName() in OTHERS_TEXT:
                continue
            for t in _texts(w):
                words = WORD.findall(re.sub(r"[\dN]+(x[\dN]+)+", " ", t))     # 256x192, Nx8
                left = [x for x in words if x not in names and x.strip("'") not in names]
                if left and not (CJK.search(t) and all(len(x) <= 2 for x in left)):
                    found[t] = name
    return found


def _prepare(window, qtbot, example: str, node: str, train: bool) -> None:
    window.files.open_example(example)
    if train:
        window.panels["embeddings"].live.setChecked(False)   # a PCA per snapshot costs time
        panel = window.training_panel
        panel.epochs.setValue(1)
        run = panel.start()
        assert run is not None, panel.error.text()
        qtbot.waitUntil(lambda: run.status == "done", timeout=20000)
    window.player.run_forward()
    window.player.run_backward()
    window.session.select([window.session.graph.by_name(node)])
    for title in ("Activations", "Hidden units", "Feature maps", "Filter lab", "Cost surface",
                  "Loss curves"):
        window.show_panel(title)
        qtbot.wait(30)


def test_the_dense_panels_of_a_trained_network_speak_chinese(chinese_window, qtbot):
    w = chinese_window
    _prepare(w, qtbot, "xor_mlp", "dense2", train=True)
    english = _english(w, set(w.docks) - PENDING_DOCKS)
    assert english == {}, "\n".join(f"{d}: {t}" for t, d in sorted(english.items()))
    text = re.sub(r"<[^>]+>", "", w.loss_panel.diagnosis.text())   # the verdict, from Msg ids
    assert re.match(r"运行 1：小批量 32，adam，α 0\.01 — 结论：(两者都不高|高偏差|高方差)。", text), text
    assert re.search(r"训练集误差 \d+\.\d%，验证集误差 \d+\.\d%：", text), text
    assert w.panels["data_panel"].title.text().startswith(
        "<b>异或</b>：400 个样本。四个簇；x₁ 与 x₂ 符号不同处类别为 1。")
    status = w.statusBar().currentMessage()          # the run's end, as the status bar says it
    assert re.fullmatch(r"运行 1：小批量 32，adam，α 0\.01：\d+ 次迭代后完成；已载入训练得到的"
                        r"权重（用撤销或“恢复权重”回到之前）", status), status
    headers = w.panels["messages"].table
    assert [headers.horizontalHeaderItem(c).text() for c in range(3)] == ["时间", "消息", "节点"]
    assert w.training_panel.mode.currentData() == "mini-batch"
    assert w.training_panel.mode.currentText() == "小批量"


def test_the_conv_panels_speak_chinese(chinese_window, qtbot):
    w = chinese_window
    _prepare(w, qtbot, "small_cnn", "conv1", train=False)
    english = _english(w, set(w.docks) - PENDING_DOCKS)
    assert english == {}, "\n".join(f"{d}: {t}" for t, d in sorted(english.items()))
    fm = w.panels["feature_maps"]
    fm.show_receptive_field(0, 4, 4)
    assert fm.rf_text.text().startswith("conv1[0,0,4,4] 的感受野：r = 1 + (3−1)·1 = 3 像素见方")
    assert fm.scale_box.currentData() == "local" and fm.scale_box.currentText() == "各自"
