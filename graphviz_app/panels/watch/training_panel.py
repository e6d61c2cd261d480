"""The Training dock: data and split, optimizer, learning rate, batch mode, epochs, seed;
Start / Pause / Stop, a progress bar and iterations per second; "Compare batch / mini-batch /
stochastic" (three runs from the same initial weights) and "Revert weights".

The Data choice (:mod:`.training_data`) offers only data the graph can train on. The learning-rate
field warns when its value is outside the range that makes sense for the chosen optimizer.
A run starts from the graph's current weights, from another run's start, or from fresh random
weights drawn with the seed.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel,
                               QMessageBox, QProgressBar, QPushButton, QSpinBox, QVBoxLayout,
                               QWidget)

from engine.training import OPTIMIZERS, Dataset, TrainConfig, fit_problem, lr_warning

from ...training.worker import Run, TrainingController
from ...i18n import error_text, render, said, translate
from .training_data import (NO_INPUTS, SESSION_DATA, DataChoice, NoteLabel, data_label,
                            form_row, make_dataset)

MODES = ("batch", "mini-batch", "stochastic")
MODE_LABELS = {"batch": QT_TRANSLATE_NOOP("TrainingPanel", "batch"),
               "mini-batch": QT_TRANSLATE_NOOP("TrainingPanel", "mini-batch"),
               "stochastic": QT_TRANSLATE_NOOP("TrainingPanel", "stochastic")}
"""The descent modes as the panel names them (the config keeps the English key)."""
RUN_STATUS = (QT_TRANSLATE_NOOP("TrainingPanel", "done"), QT_TRANSLATE_NOOP("TrainingPanel", "stopped"))
"""Words a finished run's status may take, marked for translation."""
FRESH = "fresh"


class LearningRateBox(QDoubleSpinBox):
    """A learning-rate field that shows values as typed (0.001, 1e-05), with 8 decimals."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(8)

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt's name
        return f"{value:g}"

    def valueFromText(self, text: str) -> float:  # noqa: N802 - Qt's name
        try:
            return float(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):
        from PySide6.QtGui import QValidator
        t = text.strip()
        if not t:
            return QValidator.State.Intermediate, text, pos
        try:
            float(t)
        except ValueError:
            ok = all(c in "0123456789.eE+-" for c in t)
            return (QValidator.State.Intermediate if ok else QValidator.State.Invalid), text, pos
        return QValidator.State.Acceptable, text, pos


class TrainingPanel(QWidget):
    """Settings and controls for training runs; the runs themselves live in the controller."""

    def __init__(self, session, controller: TrainingController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.controller = controller
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.choice = DataChoice(session, form)
        # the data rows' widgets, as the rest of the app and the tests name them
        self.data, self.points, self.data_note = (self.choice.data, self.choice.points,
                                                  self.choice.data_note)
        self.train_frac, self.dev_label, self.dev_set = (self.choice.train_frac,
                                                         self.choice.dev_label, self.choice.dev_set)
        self.optimizer = QComboBox()
        self.optimizer.addItems(list(OPTIMIZERS))
        form.addRow(translate("TrainingPanel", "Optimizer"), self.optimizer)
        self.lr = LearningRateBox()
        self.lr.setRange(0.0, 1e6)     # 0 is refused with a message when a run starts
        self.lr.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        self.lr.setValue(0.1)
        form.addRow(translate("TrainingPanel", "Learning rate α"), self.lr)
        self.lr_note = NoteLabel("#b35900", "lr_note")
        form.addRow(self.lr_note)
        self.mode = QComboBox()
        for m in MODES:
            self.mode.addItem(translate("TrainingPanel", MODE_LABELS[m]), m)
        self.mode.setToolTip(translate(
            "TrainingPanel", "batch: all training examples per step; mini-batch: b examples; "
            "stochastic: one example per step"))
        self.batch = QSpinBox()
        self.batch.setRange(2, 100000)
        self.batch.setValue(32)
        form.addRow(translate("TrainingPanel", "Descent"), form_row(self.mode, translate("TrainingPanel", "size"), self.batch))
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 100000)
        self.epochs.setValue(30)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        form.addRow(translate("TrainingPanel", "Epochs"), form_row(self.epochs, translate("TrainingPanel", "seed"), self.seed))
        self.start_from = QComboBox()
        self.start_from.setToolTip(translate("TrainingPanel", "Start from the graph's current weights, from fresh random "
                                   "weights drawn with the seed, or from exactly the initial "
                                   "weights of an earlier run (to compare settings)"))
        form.addRow(translate("TrainingPanel", "Start from"), self.start_from)
        lay.addLayout(form)
        for combo in (self.data, self.dev_set, self.optimizer, self.mode, self.start_from):
            # long entries are shown elided: the dock must stay usable when narrow
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)

        buttons = QHBoxLayout()
        self.start_button = QPushButton(translate("TrainingPanel", "Start"))
        self.pause_button = QPushButton(translate("TrainingPanel", "Pause"))
        self.stop_button = QPushButton(translate("TrainingPanel", "Stop"))
        for b in (self.start_button, self.pause_button, self.stop_button):
            buttons.addWidget(b)
        lay.addLayout(buttons)
        more = QHBoxLayout()
        self.compare_button = QPushButton(translate("TrainingPanel", "Compare batch / mini-batch / stochastic"))
        self.compare_button.setToolTip(translate("TrainingPanel", "Queue three runs from the same initial weights: batch, "
                                       "mini-batch and stochastic gradient descent"))
        self.revert_button = QPushButton(translate("TrainingPanel", "Revert weights"))
        self.revert_button.setToolTip(translate("TrainingPanel", "Put back the weights from before training (undoable)"))
        more.addWidget(self.compare_button, 1)
        more.addWidget(self.revert_button)
        lay.addLayout(more)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        lay.addWidget(self.progress)
        self.status = QLabel(translate("TrainingPanel", "Idle."))
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b; font-weight: bold;")
        self.error.setObjectName("training_error")
        lay.addWidget(self.error)
        lay.addStretch(1)

        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(controller.stop)
        self.compare_button.clicked.connect(self.compare)
        self.revert_button.clicked.connect(controller.revert_weights)
        self.mode.currentIndexChanged.connect(self._sync)
        self.data.currentIndexChanged.connect(self._sync)
        self.train_frac.valueChanged.connect(self._sync)
        self.dev_set.currentIndexChanged.connect(self._sync)
        self.lr.valueChanged.connect(self._check_lr)
        self.optimizer.currentIndexChanged.connect(self._check_lr)
        self.seed.valueChanged.connect(lambda _v: self._fill_start_from())
        controller.state_changed.connect(self._sync)
        controller.run_added.connect(lambda run: self._fill_start_from())
        controller.run_started.connect(lambda run: self._fill_start_from())
        controller.run_progressed.connect(self._on_progress)
        controller.run_ended.connect(self._on_ended)
        controller.diverged.connect(self._on_diverged)
        session.graph_replaced.connect(self.load_defaults)
        session.dataset_changed.connect(self._on_dataset_changed)
        session.graph_changed.connect(lambda _e: self.choice.fill())
        self.load_defaults()

    # -- settings ------------------------------------------------------------------------------
    def load_defaults(self) -> None:
        """A new graph: fill the data list and the suggested settings of the loaded example,
        if any, and forget the status and errors of the previous graph's runs."""
        self.status.setText(translate("TrainingPanel", "Idle."))
        self.error.clear()
        self.progress.setValue(0)
        self.choice.fill(prefer_session=True)
        info = {}
        if self.session.example_name:
            try:
                from engine.examples import example_info
                info = example_info(self.session.example_name)
            except Exception:  # noqa: BLE001 - defaults are a convenience only
                info = {}
        self.choice.load_example(info)     # the example's dev sets go with its data
        self.apply_settings(info.get("train", {}))
        self._fill_start_from()
        self._sync()

    def _on_dataset_changed(self) -> None:
        """Data set elsewhere (the Data panel, an opened file): offer it, chosen. An example's
        own dev sets belong to the example's data, and are dropped with it."""
        self.choice.on_dataset_changed()
        self._sync()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.choice.retranslate()
            self._fill_start_from()
            self._sync()
        super().changeEvent(event)

    def _check_lr(self, *_args) -> None:
        why = lr_warning(self.optimizer.currentText(), self.lr.value())
        self.lr_note.setText(f"⚠ {render(why)}." if why else "")
        self.lr_note.setVisible(bool(why))

    def apply_settings(self, s: dict) -> None:
        """Set the widgets from TrainConfig-like keywords (optimizer, lr, batch_size, epochs)."""
        if "optimizer" in s:
            self.optimizer.setCurrentText(s["optimizer"])
        if "lr" in s:
            self.lr.setValue(float(s["lr"]))
        if "batch_size" in s:
            b = int(s["batch_size"])
            self.mode.setCurrentIndex(0 if b == 0 else 2 if b == 1 else 1)
            if b > 1:
                self.batch.setValue(b)
        if "epochs" in s:
            self.epochs.setValue(int(s["epochs"]))

    def batch_size(self, mode: str | None = None) -> int:
        mode = mode or self.mode.currentData()
        return {"batch": 0, "stochastic": 1}.get(mode, self.batch.value())

    def config(self, mode: str | None = None) -> TrainConfig:
        return TrainConfig(optimizer=self.optimizer.currentText(), lr=self.lr.value(),
                           batch_size=self.batch_size(mode), epochs=self.epochs.value(),
                           seed=self.seed.value())

    def _named_dev(self) -> str | None:
        """The example dev set in use, or None when the dev set is split off the data."""
        return self.choice.named_dev()

    def data_split(self) -> tuple[Dataset, Dataset | None]:
        """(train, dev or None) for a run with the current settings."""
        return self.choice.split(self.seed.value())

    def fit_problem(self, ds: Dataset, label: str | None = None) -> str | None:
        """Why the graph cannot train on ``ds`` (a shape error, a missing or misfit array),
        or None when it can. Checked before a run is queued, so nothing is locked or lost."""
        return fit_problem(self.session.graph, ds, label)

    def run_name(self, cfg: TrainConfig) -> str:
        """'run 2: mini-batch 32, adam, α 0.01' in the user's language (again when it changes)."""
        dev, n = self._named_dev(), len(self.controller.runs) + 1

        def name() -> str:
            mode = translate("TrainingPanel", MODE_LABELS.get(cfg.mode, cfg.mode)) + (
                f" {cfg.batch_size}" if cfg.mode == "mini-batch" else "")
            return translate("TrainingPanel", "run {n}: {mode}, {optimizer}, α {lr:g}").format(
                n=n, mode=mode, optimizer=cfg.optimizer, lr=cfg.lr) + (
                translate("TrainingPanel", ", dev: {dev}").format(dev=render(dev)) if dev else "")
        return said(name)

    # -- actions -------------------------------------------------------------------------------
    def _refuse(self, text: str) -> None:
        """Show why a run cannot start (in the dock and the status bar); nothing is queued."""
        self.error.setText(text)
        self.session.message.emit(text)

    def _prepare(self) -> tuple[Dataset, Dataset | None] | None:
        self.error.clear()
        self.choice.fill()
        try:
            data = self.data_split()
        except (ValueError, KeyError) as e:
            self._refuse(translate("TrainingPanel", "Data: {error}").format(error=error_text(e)))
            return None
        why = self.fit_problem(data[0], self.data.currentText())
        if why:
            self._refuse(translate("TrainingPanel", "Cannot train: {why}.").format(why=render(why)))
            return None
        return data

    def start(self, mode: str | None = None, start_from: int | None = None) -> Run | None:
        """Queue one run with the current settings (None, with a message, when it cannot)."""
        try:
            cfg = self.config(mode)
        except ValueError as e:
            self.error.clear()
            self._refuse(translate("TrainingPanel", "Settings: {error}").format(error=error_text(e)))
            return None
        data = self._prepare()
        if data is None:
            return None
        fresh = None
        if start_from is None:
            start_from = self.start_from.currentData()
            if start_from == FRESH:
                start_from, fresh = None, self.seed.value()
        return self.controller.enqueue(self.run_name(cfg), cfg, *data, start_from=start_from,
                                       dev_name=self._named_dev() or "", fresh_seed=fresh)

    def compare(self) -> list[Run]:
        """Three runs from the same initial weights: batch, mini-batch and stochastic."""
        first = self.start("batch")
        if first is None:
            return []
        runs = [first]
        for mode in ("mini-batch", "stochastic"):
            r = self.start(mode, start_from=first.start_from if first.start_from is not None
                           else first.id)
            if r is not None:
                runs.append(r)
        return runs

    def toggle_pause(self) -> None:
        if self.controller.paused:
            self.controller.resume()
        else:
            self.controller.pause()

    # -- feedback ------------------------------------------------------------------------------
    def _fill_start_from(self) -> None:
        current = self.start_from.currentData()
        self.start_from.clear()
        self.start_from.addItem(translate("TrainingPanel", "the graph's current weights"), None)
        self.start_from.addItem(translate("TrainingPanel", "fresh random weights (seed {seed})")
                                .format(seed=self.seed.value()), FRESH)
        for run in self.controller.runs:
            if run.initial_weights or run.status == "queued":
                self.start_from.addItem(translate("TrainingPanel", "same start as {run}")
                                        .format(run=run.name), run.id)
        i = self.start_from.findData(current)
        self.start_from.setCurrentIndex(max(0, i))

    def _sync(self) -> None:
        busy, paused = self.controller.busy, self.controller.paused
        self.batch.setEnabled(self.mode.currentData() == "mini-batch")
        self.choice.sync()
        self.pause_button.setText(translate("TrainingPanel", "Resume") if paused else
                                  translate("TrainingPanel", "Pause"))
        self.pause_button.setEnabled(busy)
        self.stop_button.setEnabled(busy)
        self.revert_button.setEnabled(not busy and self.controller.weights_before is not None)

    def _on_progress(self, run: Run) -> None:
        total = max(1, run.total_iterations)
        self.progress.setValue(int(1000 * run.iteration / total))
        last = run.history.cost[-1] if run.history.cost else float("nan")
        self.status.setText(translate(
            "TrainingPanel", "{run}\nepoch {epoch}/{epochs} · iteration {iteration}/{iterations} · "
            "{speed:,.0f} it/s · cost {cost:.4g}").format(
                run=run.name, epoch=run.epoch, epochs=run.config.epochs, iteration=run.iteration,
                iterations=run.total_iterations, speed=run.its_per_s, cost=last))

    def _on_ended(self, run: Run) -> None:
        if run.status in ("done", "stopped"):
            self.status.setText(translate(
                "TrainingPanel", "{run}: {status} after {iteration} iterations ({speed:,.0f} "
                "it/s). Trained weights loaded.").format(
                    run=run.name, status=translate("TrainingPanel", run.status),
                    iteration=run.iteration, speed=run.its_per_s))
        elif run.status == "error":
            self.error.setText(run.message)
        self._sync()

    def _on_diverged(self, run: Run) -> None:
        where = translate("TrainingPanel", " at node {node}").format(node=run.node) \
            if run.node else ""
        text = translate("TrainingPanel", "{run} diverged{where}: {reason}\nThe graph keeps the "
                         "weights it had before this run.").format(run=run.name, where=where,
                                                                    reason=render(run.message))
        self.error.setText(text)
        QMessageBox.warning(self, translate("TrainingPanel", "Training diverged"), text)


def install(main_window, session) -> tuple[TrainingController, TrainingPanel, "LossPanel"]:
    """Add the Training dock (right) and the Loss curves dock (bottom) to ``main_window``."""
    from .loss_panel import LossPanel
    from .player_panel import add_dock
    from PySide6.QtCore import QCoreApplication
    controller = TrainingController(session, main_window)
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(controller.wait)   # never leave a thread running at exit
    panel = TrainingPanel(session, controller)
    loss = LossPanel(controller)
    for title, name, widget, area in (
            (QT_TRANSLATE_NOOP("Panels", "Training"), "training_dock", panel,
             Qt.DockWidgetArea.RightDockWidgetArea),
            (QT_TRANSLATE_NOOP("Panels", "Loss curves"), "loss_dock", loss,
             Qt.DockWidgetArea.BottomDockWidgetArea)):
        add_dock(main_window, widget, title, area, name)
    return controller, panel, loss


# the data names are the data choice's; kept importable from here, where the app found them
__all__ = ["TrainingPanel", "make_dataset", "install", "MODES", "FRESH", "SESSION_DATA",
           "NO_INPUTS", "data_label"]
