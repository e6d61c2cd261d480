"""The Gradient check dock: numerical against analytical gradients for every parameter.

The check (:func:`engine.gradcheck.gradient_check`) runs on a copy of the session's graph, fed
with the first few examples of the session's dataset, in a worker thread (two forward passes per
checked entries add up on bigger graphs). The table colours each array by its verdict: green
when the relative error is below 1e-7 (good), blue-grey when the difference is within the noise
floor of finite differences (a trained net's tiny gradients), amber when what is left above the
floor is below 1e-5 (look closer), red above that (the backward pass is wrong). The step ε and
each array's floor are shown beside the difference.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QProgressBar,
                               QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from engine.gradcheck import CHECK, GOOD, CheckCancelled, ParamCheck, gradient_check

from ...player.player import batch_feeds
from ...i18n import error_text, translate

COLUMNS = ("Node", "Array", "Verdict", "Entries", "‖analytical‖", "‖numerical‖",
           "Relative error", "‖a − n‖", "Noise floor")
VERDICT_COL = COLUMNS.index("Verdict")
_MARKED = (QT_TRANSLATE_NOOP("GradcheckPanel", "Node"), QT_TRANSLATE_NOOP("GradcheckPanel", "Array"),
           QT_TRANSLATE_NOOP("GradcheckPanel", "Verdict"), QT_TRANSLATE_NOOP("GradcheckPanel", "Entries"),
           QT_TRANSLATE_NOOP("GradcheckPanel", "‖analytical‖"),
           QT_TRANSLATE_NOOP("GradcheckPanel", "‖numerical‖"),
           QT_TRANSLATE_NOOP("GradcheckPanel", "Relative error"),
           QT_TRANSLATE_NOOP("GradcheckPanel", "Noise floor"), QT_TRANSLATE_NOOP("GradcheckPanel", "good"),
           QT_TRANSLATE_NOOP("GradcheckPanel", "at the noise floor"),
           QT_TRANSLATE_NOOP("GradcheckPanel", "look closer"), QT_TRANSLATE_NOOP("GradcheckPanel", "wrong"),
           QT_TRANSLATE_NOOP("GradcheckPanel", "only kinks sampled"))
"""The column and verdict words (COLUMNS, VERDICT_WORDS), marked for translation."""
VERDICT_COLORS = {"good": QColor("#c8efc4"), "floor": QColor("#cfe0ee"),
                  "check": QColor("#ffe2a0"), "wrong": QColor("#f5b5ae"),
                  "kink": QColor("#dcdcdc")}
VERDICT_WORDS = {"good": "good", "floor": "at the noise floor", "check": "look closer",
                 "wrong": "wrong", "kink": "only kinks sampled"}
EPS_CHOICES = (1e-4, 1e-5, 1e-6, 1e-7)
def legend() -> str:
    """What the relative error and the verdicts mean, in the current language."""
    return translate(
        "GradcheckPanel", "Relative error ‖a − n‖ / (‖a‖ + ‖n‖): below {good:g} good. Otherwise "
        "the difference is set against the noise floor (how far rounding in J and the step ε "
        "can move the finite differences): within it, at the noise floor; what is left above "
        "it below {check:g} of the gradients' size, look closer; more, wrong.").format(
            good=GOOD, check=CHECK)


PROGRESS_GAP = 0.05   # seconds between progress signals, at least


class _CheckWorker(QObject):
    finished = Signal(object, str)     # list[ParamCheck] or None, error message
    progressed = Signal(int, int)      # forward passes done, planned

    def __init__(self, graph, feeds, max_entries: int, eps: float) -> None:
        super().__init__()
        self.graph, self.feeds, self.max_entries, self.eps = graph, feeds, max_entries, eps
        self.cancel_requested = False
        self._last = 0.0

    def _progress(self, done: int, total: int) -> None:
        now = time.perf_counter()
        if now - self._last >= PROGRESS_GAP or done == total:
            self._last = now
            self.progressed.emit(done, total)

    @Slot()
    def run(self) -> None:
        try:
            results = gradient_check(self.graph, self.feeds, max_entries=self.max_entries,
                                     eps=self.eps, progress=self._progress,
                                     should_stop=lambda: self.cancel_requested)
        except CheckCancelled as e:
            self.finished.emit(None, translate("GradcheckPanel", "{reason}; nothing to show").format(
                reason=error_text(e)))
            return
        except Exception as e:  # noqa: BLE001 - the user's graph may fail in many ways
            text = error_text(e)
            if not str(e).lower().startswith("gradient check"):   # the English text decides
                text = translate("GradcheckPanel", "gradient check failed: {error}").format(
                    error=text)
            self.finished.emit(None, text)
            return
        self.finished.emit(results, "")


class GradcheckPanel(QWidget):
    """Run the check and show one coloured row per trainable array."""

    checked = Signal(object)   # list[ParamCheck]

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.results: list[ParamCheck] = []
        self._thread: QThread | None = None
        self._worker: _CheckWorker | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        self.run_button = QPushButton(translate("GradcheckPanel", "Check gradients"))
        self.run_button.setToolTip(translate("GradcheckPanel", "Compare backpropagation with (J(θ+ε) − J(θ−ε)) / 2ε "
                                   "for every parameter"))
        top.addWidget(self.run_button)
        top.addWidget(QLabel(translate("GradcheckPanel", "entries per array")))
        self.max_entries = QSpinBox()
        self.max_entries.setRange(1, 100000)
        self.max_entries.setValue(64)
        self.max_entries.setToolTip(translate("GradcheckPanel", "Bigger arrays are checked on a fixed random sample"))
        top.addWidget(self.max_entries)
        top.addWidget(QLabel("ε"))
        self.eps = QComboBox()
        for e in EPS_CHOICES:
            self.eps.addItem(f"{e:g}", e)
        self.eps.setCurrentIndex(EPS_CHOICES.index(1e-6))
        self.eps.setToolTip(translate("GradcheckPanel", "The step of the finite differences: smaller steps cut the "
                            "truncation error ε²·J‴/6 but raise the rounding noise σ/ε"))
        top.addWidget(self.eps)
        self.cancel_button = QPushButton(translate("GradcheckPanel", "Cancel"))
        self.cancel_button.setToolTip(translate("GradcheckPanel", "Stop the check (it runs two or four forward passes per "
                                      "checked entry)"))
        self.cancel_button.setEnabled(False)
        top.addWidget(self.cancel_button)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setMaximumWidth(120)
        self.progress.setTextVisible(False)
        self.progress.setVisible(False)
        top.addWidget(self.progress)
        top.addStretch(1)
        lay.addLayout(top)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([translate("GradcheckPanel", c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(False)
        lay.addWidget(self.table, 1)
        self._legend = legend()
        self.summary = QLabel(self._legend)
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.run_button.clicked.connect(self.run_check)
        self.cancel_button.clicked.connect(self.cancel)
        session.graph_replaced.connect(self.clear)

    @property
    def running(self) -> bool:
        return self._thread is not None

    def clear(self) -> None:
        self.results = []
        self.table.setRowCount(0)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange and self.summary.text() == self._legend:
            self._legend = legend()
            self.summary.setText(self._legend)
        super().changeEvent(event)

    def run_check(self) -> None:
        """Start the check in a worker thread (nothing happens while one is running)."""
        if self.running:
            return
        self._stopping = False
        graph = self.session.graph.copy()
        feeds, invented = batch_feeds(graph, self.session.dataset, 4)
        if invented:
            self.session.message.emit(translate("GradcheckPanel", "gradient check with random "
                                                "numbers for {inputs}").format(
                inputs=", ".join(invented)))
        self.run_button.setEnabled(False)
        self.progress.setRange(0, 0)          # busy indicator
        self.progress.setVisible(True)
        self.summary.setText(translate("GradcheckPanel", "Checking…"))
        thread = QThread(self)
        worker = _CheckWorker(graph, feeds, self.max_entries.value(), self.eps.currentData())
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.finished.connect(self._done)
        worker.progressed.connect(self._on_progress)
        self.cancel_button.setEnabled(True)
        self._thread, self._worker = thread, worker
        thread.start()

    def cancel(self) -> None:
        """Ask the running check to stop (it stops after the entry it is on)."""
        if self._worker is not None:
            self._worker.cancel_requested = True
            self._stopping = True
            self.summary.setText(translate("GradcheckPanel", "Stopping…"))

    def _on_progress(self, done: int, total: int) -> None:
        if self._worker is None:
            return
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _done(self, results, error: str) -> None:
        self.cancel_button.setEnabled(False)
        thread, self._thread, self._worker = self._thread, None, None
        if thread is not None:
            thread.quit()
            thread.wait(2000)
            thread.deleteLater()
        self.run_button.setEnabled(True)
        self.progress.setRange(0, 1)
        self.progress.setVisible(False)
        if results is None:
            colour = "#555" if self._stopping else "#c0392b"
            self.summary.setText(f"<span style='color:{colour}'>{error}</span>")
            self.session.message.emit(error)
            return
        self.show_results(results)
        self.checked.emit(results)

    def show_results(self, results: list[ParamCheck]) -> None:
        self.results = list(results)
        self.table.setRowCount(len(results))
        for row, c in enumerate(results):
            entries = str(c.entries_checked) + (
                translate("GradcheckPanel", " (+{n} at kinks)").format(n=c.kinks) if c.kinks
                else "") + (translate("GradcheckPanel", " (+{n} unmoved)").format(n=c.unmoved)
                            if c.unmoved else "")
            cells = (c.node_name, c.array, translate("GradcheckPanel", VERDICT_WORDS[c.verdict]),
                     entries,
                     f"{c.analytical_norm:.6g}", f"{c.numerical_norm:.6g}",
                     f"{c.rel_error:.2e}", f"{c.difference:.2e}", f"{c.noise_floor:.2e}")
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setBackground(VERDICT_COLORS[c.verdict])
                item.setForeground(QColor("#202020"))
                if col > VERDICT_COL:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        counts = {v: sum(1 for c in results if c.verdict == v) for v in VERDICT_WORDS}
        if not results:
            text = translate("GradcheckPanel", "No trainable arrays to check: add a parameter or a "
                             "layer with weights (dense, conv2d, …), or unfreeze one.")
            self.session.message.emit(translate(
                "GradcheckPanel", "gradient check: no trainable arrays to check: add a parameter "
                "or a layer with weights (dense, conv2d, …), or unfreeze one."))
        elif counts["wrong"]:
            bad = ", ".join(f"{c.node_name}.{c.array}" for c in results if c.verdict == "wrong")
            text = translate("GradcheckPanel", "<b style='color:#c0392b'>{n} wrong</b>: "
                             "{arrays}").format(n=counts["wrong"], arrays=bad)
        elif counts["check"]:
            text = translate("GradcheckPanel", "<b style='color:#a66b00'>{n} to look at "
                             "closer</b>, {good} good").format(n=counts["check"],
                                                              good=counts["good"])
            if counts["floor"]:
                text += translate("GradcheckPanel", ", {n} at the noise floor").format(
                    n=counts["floor"])
        elif counts["floor"]:
            text = translate(
                "GradcheckPanel", "<b style='color:#2a7a2a'>No wrong gradient</b>: {good} good, "
                "{floor} at the noise floor (their gradients are so small that the finite "
                "differences are mostly rounding noise; backpropagation agrees with them as "
                "closely as they can tell).").format(good=counts["good"], floor=counts["floor"])
        else:
            text = translate("GradcheckPanel", "<b style='color:#2a7a2a'>All {n} arrays good</b>: "
                             "backpropagation agrees with finite differences.").format(
                n=len(results))
        text += _left_out(sum(c.kinks for c in results),
                          translate("GradcheckPanel", " {n} sampled entry sat on a kink (ReLU at 0, "
                                    "a max-pool tie) where J has no derivative, and was left out."),
                          translate("GradcheckPanel", " {n} sampled entries sat on a kink (ReLU at "
                                    "0, a max-pool tie) where J has no derivative, and were left "
                                    "out."))
        text += _left_out(sum(c.unmoved for c in results),
                          translate("GradcheckPanel", " {n} sampled entry did not move J at all (its "
                                    "gradient is below what J resolves), and was left out."),
                          translate("GradcheckPanel", " {n} sampled entries did not move J at all "
                                    "(their gradients are below what J resolves), and were left "
                                    "out."))
        if results:
            worst = max(results, key=lambda c: c.noise_floor)
            text += translate("GradcheckPanel", "<br>ε = {eps:g}; noise floor up to {floor:.1e} "
                              "({array}), from rounding in J at ±ε and ±2ε.").format(
                eps=results[0].eps, floor=worst.noise_floor,
                array=f"{worst.node_name}.{worst.array}")
        self.summary.setText(text)

    def wait(self, ms: int = 10000) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(ms)


def install(main_window, session) -> GradcheckPanel:
    """Add the 'Gradient check' dock (bottom, tabbed with other bottom docks if any)."""
    from .player_panel import add_dock
    from PySide6.QtCore import QCoreApplication
    panel = GradcheckPanel(session)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(panel.wait)
    add_dock(main_window, panel, QT_TRANSLATE_NOOP("Panels", "Gradient check"), Qt.DockWidgetArea.BottomDockWidgetArea,
             "gradcheck_dock")
    return panel


__all__ = ["GradcheckPanel", "install", "VERDICT_COLORS"]


def _left_out(n: int, one: str, many: str) -> str:
    """The sentence for ``n`` sampled entries left out (``one`` or ``many`` form), or ""."""
    return (one if n == 1 else many).format(n=n) if n else ""
