"""File → Import ONNX…, File → Export → ONNX…, PyTorch code…, and Check with ONNX Runtime.

Importing and checking run in a worker thread (a QObject moved to a QThread) and reach the GUI
through queued signals: the import reports progress and can be cancelled, and the session's
graph is only replaced when the whole model has been read. After an export, the check runs the
exported model in onnxruntime and writes each node's difference from the engine under the node
(green within 1e-5, red beyond), through the canvas's per-node value display.
"""
from __future__ import annotations

import os
from typing import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from engine.graph import GraphError
from engine.onnx import export_onnx, import_onnx
from engine.onnx.check import TOLERANCE, compare_with_onnxruntime, runtime_available
from engine.torch_export import TorchExportError, export_torch

from ..i18n import error_text, first_line, translate
from ..player.player import batch_feeds

GOOD, BAD = QColor("#1e8449"), QColor("#c0392b")


class _Worker(QObject):
    """Runs ``job(progress, cancelled)`` once in its thread; reports through signals."""

    progressed = Signal(int, int)
    finished = Signal(object, str)      # result or None, error message

    def __init__(self, job: Callable) -> None:
        super().__init__()
        self.job = job
        self.cancel = False

    @Slot()
    def run(self) -> None:
        try:
            result = self.job(lambda i, n: self.progressed.emit(i, n), lambda: self.cancel)
        except (GraphError, ValueError, OSError, MemoryError, RuntimeError) as e:
            self.finished.emit(None, error_text(e))
            return
        except Exception as e:  # noqa: BLE001 - a worker must always report back to the GUI
            self.finished.emit(None, translate("Interchange", "unexpected {kind}: {why}").format(
                kind=type(e).__name__, why=e))
            return
        self.finished.emit(result, "")


class Interchange(QObject):
    """The ONNX actions of one main window."""

    imported = Signal(object)            # the new Graph
    exported = Signal(str)               # the path written
    checked = Signal(object)             # {node id: difference}
    failed = Signal(str)

    def __init__(self, win) -> None:
        super().__init__(win)
        self.win = win
        self.session = win.session
        self.last_export: str | None = None
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._done: Callable | None = None
        self._progress: QProgressDialog | None = None
        self.show_error: Callable[[str, str], None] = \
            lambda title, text: QMessageBox.warning(self.win, title, text)
        self.ask_open_path: Callable[[], str | None] = self._ask_open
        self.ask_save_path: Callable[[], str | None] = self._ask_save
        self.import_action = QAction(win)
        self.import_action.triggered.connect(lambda: self.import_file())
        self.export_action = QAction(win)
        self.export_action.triggered.connect(lambda: self.export_file())
        self.torch_action = QAction(win)
        self.torch_action.triggered.connect(lambda: self.export_torch_file())
        self.ask_torch_path: Callable[[], str | None] = self._ask_torch
        self.check_action = QAction(win)
        self.check_action.triggered.connect(lambda: self.check())
        self.retranslate()
        self.check_action.setEnabled(False)
        self.check_action.setVisible(runtime_available())

    def retranslate(self) -> None:
        """The actions' texts in the current language."""
        self.import_action.setText(translate("Interchange", "Import &ONNX…"))
        self.import_action.setStatusTip(translate(
            "Interchange", "Open an ONNX model as a new graph (its blocks grouped)"))
        self.export_action.setText(translate("Interchange", "&ONNX…"))
        self.export_action.setStatusTip(translate(
            "Interchange", "Write the graph as an ONNX model (weights included)"))
        self.torch_action.setText(translate("Interchange", "&PyTorch code…"))
        self.torch_action.setStatusTip(translate(
            "Interchange", "Write a PyTorch script (module, weights, training loop)"))
        self.check_action.setText(translate("Interchange", "Check with ONNX &Runtime"))
        self.check_action.setStatusTip(translate(
            "Interchange", "Run the last export in onnxruntime and compare every node"))

    # -- dialogs -----------------------------------------------------------------------------------
    def _ask_open(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.win, translate("Interchange", "Import ONNX model"),
                                              "", "ONNX (*.onnx)")
        return path or None

    def _ask_save(self) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.win, translate("Interchange", "Export ONNX model"),
                                              "", "ONNX (*.onnx)")
        if path and not path.lower().endswith(".onnx"):
            path += ".onnx"
        return path or None

    def _ask_torch(self) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            self.win, translate("Interchange", "Export PyTorch code"), "", "Python (*.py)")
        if path and not path.lower().endswith(".py"):
            path += ".py"
        return path or None

    def export_torch_file(self, path: str | None = None) -> str | None:
        """Write the PyTorch script, its weights and (with a dataset) its training data beside
        it, with the Training panel's optimizer settings; the script's path, or None."""
        path = path or self.ask_torch_path()
        if not path:
            return None
        ds = self.session.dataset
        data = dict(ds.arrays) if ds is not None else None
        try:
            export_torch(self.session.graph, path, self.win.training_panel.config(), data)
        except (TorchExportError, OSError, ValueError, MemoryError) as e:
            self._fail(translate("Interchange", "Export PyTorch code"), error_text(e))
            return None
        self.session.message.emit(translate(
            "Interchange", "wrote {file} and its weights; run it with python {file}").format(
                file=os.path.basename(path)))
        return path

    @property
    def running(self) -> bool:
        return self._thread is not None

    # -- import ------------------------------------------------------------------------------------
    def import_file(self, path: str | None = None) -> bool:
        """Start importing ``path`` (asked when None); False when nothing was started."""
        if self.running:
            self.session.message.emit(translate(
                "Interchange", "an ONNX job is already running; wait for it or cancel it"))
            return False
        path = path or self.ask_open_path()
        if not path:
            return False
        self._progress = QProgressDialog(
            translate("Interchange", "Importing {file}…").format(file=os.path.basename(path)),
            translate("Interchange", "Cancel"), 0, 0, self.win)
        self._progress.setMinimumDuration(400)
        self._start(lambda progress, cancelled: import_onnx(path, progress=progress, cancelled=cancelled),
                    lambda g, err: self._imported(g, err, path))
        self._progress.canceled.connect(self.cancel)
        return True

    def _imported(self, graph, error: str, path: str) -> None:
        if graph is None:
            self._fail(translate("Interchange", "Import ONNX"), f"{os.path.basename(path)}: {error}")
            return
        self.session.replace_graph(graph, None)
        self.session.message.emit(translate(
            "Interchange", "imported {file}: {nodes} nodes, {blocks} blocks grouped").format(
                file=os.path.basename(path), nodes=len(graph), blocks=len(graph.groups)))
        self.imported.emit(graph)

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel = True

    # -- export and check --------------------------------------------------------------------------
    def export_file(self, path: str | None = None) -> str | None:
        """Start writing the session's graph to ``path`` (asked when None) in the worker (a big
        model's weights take a while); ``exported`` tells when it is done. The path, or None."""
        if self.running:
            self.session.message.emit(translate(
                "Interchange", "an ONNX job is already running; wait for it"))
            return None
        path = path or self.ask_save_path()
        if not path:
            return None
        graph = self.session.graph.copy()
        self._start(lambda progress, cancelled: export_onnx(graph, path), self._exported)
        return path

    def _exported(self, path, error: str) -> None:
        if path is None:
            self._fail(translate("Interchange", "Export ONNX"), error)
            return
        self.last_export = path
        self.check_action.setEnabled(runtime_available())
        name = os.path.basename(path)
        self.session.message.emit(
            translate("Interchange", "exported {file}; Export → Check with ONNX Runtime proves it")
            .format(file=name) if runtime_available()
            else translate("Interchange", "exported {file}").format(file=name))
        self.exported.emit(path)

    def check(self) -> bool:
        """Compare the engine with onnxruntime node by node, in a worker; False if not started."""
        if self.running or not runtime_available():
            return False
        graph = self.session.graph.copy()
        feeds, invented = batch_feeds(graph, self.session.dataset, 4)
        if invented:
            self.session.message.emit(translate(
                "Interchange", "checking with random numbers for {inputs}").format(
                    inputs=", ".join(invented)))
        self._start(lambda progress, cancelled: compare_with_onnxruntime(graph, feeds), self._checked)
        return True

    def _checked(self, diffs, error: str) -> None:
        if diffs is None:
            self._fail(translate("Interchange", "Check with ONNX Runtime"), error)
            return
        bad = 0
        for nid, d in diffs.items():
            item = self.win.scene.node_item(nid)
            if item is None:
                continue
            ok = d <= TOLERANCE
            bad += not ok
            item.set_value_display(None, f"ONNX Δ {d:.1e}", GOOD if ok else BAD)
        worst = max(diffs.values(), default=0.0)
        self.session.message.emit(
            translate("Interchange", "ONNX Runtime agrees on all {count} nodes (largest "
                      "difference {worst:.1e})").format(count=len(diffs), worst=worst)
            if not bad else
            translate("Interchange", "ONNX Runtime differs by more than {tolerance:g} on {bad} "
                      "of {count} nodes (red)").format(tolerance=TOLERANCE, bad=bad,
                                                      count=len(diffs)))
        self.checked.emit(diffs)

    # -- the worker --------------------------------------------------------------------------------
    def _start(self, job: Callable, done: Callable) -> None:
        thread = QThread(self)
        worker = _Worker(job)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progressed.connect(self._on_progress)
        worker.finished.connect(self._finish)        # a slot of this object: queued to the GUI
        self._thread, self._worker, self._done = thread, worker, done
        thread.start()

    @Slot(int, int)
    def _on_progress(self, i: int, n: int) -> None:
        if self._progress is not None:
            self._progress.setMaximum(max(n, 1))
            self._progress.setValue(i)

    @Slot(object, str)
    def _finish(self, result, error: str) -> None:
        thread, self._thread, self._worker = self._thread, None, None
        done, self._done = self._done, None
        if thread is not None:
            thread.quit()
            thread.wait(5000)
            thread.deleteLater()
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None
        done(result, error)

    def _fail(self, title: str, text: str) -> None:
        self.session.message.emit(first_line(text))
        self.failed.emit(text)
        self.show_error(title, text)


def install(main_window) -> Interchange:
    """Add the ONNX actions to the File menu and its Export submenu; return the controller."""
    ix = Interchange(main_window)
    acts = main_window.actions
    file_menu, export_menu = acts.file_menu, acts.export_menu
    first = next((a for a in file_menu.actions() if a.menu() is acts.examples_menu), None)
    after = file_menu.actions()[file_menu.actions().index(first) + 1] if first is not None else None
    file_menu.insertAction(after, ix.import_action)
    export_menu.addSeparator()
    export_menu.addAction(ix.export_action)
    export_menu.addAction(ix.torch_action)
    export_menu.addAction(ix.check_action)
    return ix
