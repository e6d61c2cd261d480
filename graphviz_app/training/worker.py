"""Training off the GUI thread: a worker per run, and a controller that queues runs.

Each run trains a *copy* of the session's graph in a ``QThread`` (a ``QObject`` worker moved to
the thread). The worker calls :meth:`engine.training.Trainer.run` with a ``should_stop`` flag
(pause and stop only set booleans), and sends throttled :class:`Progress` snapshots — plain
copies of the history, at most ``MAX_RATE`` a second — through queued signals. The GUI never
waits on the worker and never spins the event loop itself.

When a run ends (finished or stopped) its weights are written back to the session's graph as an
undoable command, and the weights from before the first run are kept for "Revert weights". A run
that diverges (NaN or inf) writes nothing back: the graph keeps the weights it had before.
The graph is locked (``session.set_locked``) while any run is queued or running.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QUndoCommand

from engine.training import Dataset, History, TrainConfig, Trainer, TrainingDiverged

from ..editor.commands import Named
from ..i18n import QT_TRANSLATE_NOOP, Source, again, error_text, said, translate

MAX_RATE = 20.0   # snapshots per second per run, at most
YIELD_EVERY = 0.003  # seconds of training between short sleeps that let the GUI thread run
YIELD_FOR = 0.001
LIVE_WEIGHTS_MAX = 250_000  # arrays of graphs up to this many numbers travel with each snapshot

Weights = dict
ENDINGS = {"done": QT_TRANSLATE_NOOP("Training", "done"),
           "stopped": QT_TRANSLATE_NOOP("Training", "stopped")}
"""How a run that wrote its weights back ended, as the status bar words it."""


@dataclass
class Progress:
    """One throttled snapshot of a running trainer (safe to use on the GUI thread)."""

    run_id: int
    history: History
    iteration: int
    total_iterations: int
    epoch: int
    epochs: int
    its_per_s: float
    weights: "Weights | None" = None   # copies of the trainer's arrays (small graphs only)


@dataclass
class Run:
    """One training run: its settings, where it started, and what it produced."""

    id: int
    name: str
    config: TrainConfig
    initial_weights: Weights = field(default_factory=dict)
    start_from: int | None = None          # id of the run whose start it shares
    fresh_seed: int | None = None          # start from fresh random weights drawn with it
    status: str = "queued"                 # queued, running, paused, done, stopped, diverged, error
    history: History = field(default_factory=History.empty)
    iteration: int = 0
    total_iterations: int = 0
    epoch: int = 0
    its_per_s: float = 0.0
    final_weights: Weights | None = None
    message: str = ""
    node: str | None = None
    dev_name: str = ""                     # an example's own dev set, when not split off train
    weights: Weights | None = None         # its latest arrays while it runs, for live views
    data: tuple | None = None              # (train, dev) it trains and evaluates on


class LoadWeightsCommand(Named, QUndoCommand):
    """Replace the graph's arrays with a snapshot; undo puts the previous ones back.
    ``text`` (a marked template, or plain text) filled with ``fields`` names it."""

    def __init__(self, session, new: Weights, old: Weights, text: "Source | str",
                 **fields) -> None:
        super().__init__()
        self.session, self.new, self.old = session, new, old
        self.set_name(text, **fields)

    def redo(self) -> None:
        self.session.graph.load_weight_snapshot(self.new)

    def undo(self) -> None:
        self.session.graph.load_weight_snapshot(self.old)


class TrainingWorker(QObject):
    """Runs one trainer in its thread; ``run`` may be called again to resume after a pause."""

    progressed = Signal(object)            # Progress
    paused = Signal(int)                   # run id
    ended = Signal(int, str, object, str, object)  # run id, status, weights, message, node

    def __init__(self, run_id: int, trainer: Trainer, max_rate: float = MAX_RATE) -> None:
        super().__init__()
        self.run_id = run_id
        self.trainer = trainer
        self.min_gap = 1.0 / max_rate
        self.pause_requested = False
        self.stop_requested = False
        self._last_emit = 0.0
        self._last_yield = 0.0
        self._active_time = 0.0
        self._active_iters = 0
        size = sum(w.size for n in trainer.graph.nodes.values() for w in n.weights.values())
        self._live_weights = size <= LIVE_WEIGHTS_MAX

    def _should_stop(self) -> bool:
        # Give the GUI thread the interpreter now and then: a training loop of many small NumPy
        # calls rarely lets go of the GIL, and the GUI needs it at every call into Python
        # (slots, plot painting), so without this it stalls for seconds.
        now = time.perf_counter()
        if now - self._last_yield > YIELD_EVERY:
            time.sleep(YIELD_FOR)
            self._last_yield = time.perf_counter()
        return self.pause_requested or self.stop_requested

    def _progress(self, trainer: Trainer, force: bool = False) -> None:
        now = time.perf_counter()
        if not force and now - self._last_emit < self.min_gap:
            return
        self._last_emit = now
        t = self._active_time + (now - self._started)
        n = self._active_iters + (trainer.iteration - self._start_iter)
        self.progressed.emit(Progress(self.run_id, trainer.history.snapshot(), trainer.iteration,
                                      trainer.total_iterations, trainer.epoch,
                                      trainer.config.epochs, n / t if t > 0 else 0.0,
                                      trainer.graph.weight_snapshot() if self._live_weights
                                      else None))

    @Slot()
    def run(self) -> None:
        """Train until done, paused or stopped; then report (from the worker's thread)."""
        tr = self.trainer
        self.pause_requested = False
        self._started, self._start_iter = time.perf_counter(), tr.iteration
        try:
            tr.run(should_stop=self._should_stop, on_progress=self._progress,
                   progress_interval=self.min_gap)
        except TrainingDiverged as e:
            self._account()
            self._progress(tr, force=True)
            self.ended.emit(self.run_id, "diverged", None, error_text(e), e.node)
            return
        except Exception as e:  # noqa: BLE001 - any failure of the user's graph is reported
            self._account()
            self.ended.emit(self.run_id, "error", None, translate(
                "Training", "training failed: {why}").format(why=error_text(e)), None)
            return
        self._account()
        self._progress(tr, force=True)
        if tr.done or self.stop_requested:
            status = "done" if tr.done else "stopped"
            self.ended.emit(self.run_id, status, tr.graph.weight_snapshot(), "", None)
        else:
            self.paused.emit(self.run_id)

    def _account(self) -> None:
        self._active_time += time.perf_counter() - self._started
        self._active_iters += self.trainer.iteration - self._start_iter
        self._started, self._start_iter = time.perf_counter(), self.trainer.iteration


class TrainingController(QObject):
    """Queues runs on copies of the session's graph and brings their results back."""

    run_added = Signal(object)       # Run (queued)
    run_started = Signal(object)     # Run
    run_progressed = Signal(object)  # Run (its history and counters just updated)
    run_ended = Signal(object)       # Run (status done, stopped, diverged or error)
    diverged = Signal(object)        # Run whose values became NaN/inf
    state_changed = Signal()
    _resume = Signal()

    def __init__(self, session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.runs: list[Run] = []
        self.queue: list[Run] = []
        self.current: Run | None = None
        self.weights_before: Weights | None = None
        self._data: dict[int, tuple[Dataset, Dataset | None]] = {}
        self._thread: QThread | None = None
        self._worker: TrainingWorker | None = None
        self._source_graph = None
        session.graph_replaced.connect(self._on_graph_replaced)

    # -- state ---------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.current is not None or bool(self.queue)

    @property
    def paused(self) -> bool:
        return self.current is not None and self.current.status == "paused"

    def run_by_id(self, rid: int) -> Run | None:
        return next((r for r in self.runs if r.id == rid), None)

    def live_graph(self):
        """The copy of the graph the current run trains (its weights change as it trains), or
        None. For views that follow training live: read it, never edit it."""
        return self._worker.trainer.graph if self._worker is not None else None

    # -- commands ------------------------------------------------------------------------------
    def enqueue(self, name: str, config: TrainConfig, train: Dataset, dev: Dataset | None,
                start_from: int | None = None, dev_name: str = "",
                fresh_seed: int | None = None) -> Run:
        """Queue a run (``start_from``: a run id whose initial weights this one starts from;
        ``fresh_seed``: start instead from fresh random weights drawn with this seed (frozen
        nodes keep theirs); ``dev_name``: the name of ``dev`` when it is not split off the
        training data)."""
        run = Run(len(self.runs) + 1, name, config, start_from=start_from, dev_name=dev_name,
                  fresh_seed=fresh_seed)
        self.runs.append(run)
        self.queue.append(run)
        self._data[run.id] = (train, dev)
        self.run_added.emit(run)
        if self.current is None:
            self._start_next()
        self.state_changed.emit()
        return run

    def pause(self) -> None:
        if self._worker is not None and self.current is not None and \
                self.current.status == "running":
            self._worker.pause_requested = True

    def resume(self) -> None:
        if self.paused:
            self.current.status = "running"
            self._resume.emit()
            self.state_changed.emit()

    def stop(self) -> None:
        """Stop the current run (its weights are kept) and drop the queued ones."""
        for run in self.queue:
            run.status = "stopped"
            self.run_ended.emit(run)
        self.queue.clear()
        if self._worker is None:
            self._finish_queue()
            return
        self._worker.stop_requested = True
        if self.paused:
            # ended from the event loop, not inside this call: a caller that waits for
            # state_changed (closing the window) must not be called back before stop() returns
            QTimer.singleShot(0, self, lambda rid=self.current.id: self._end_paused(rid))

    def _end_paused(self, rid: int) -> None:
        if self._worker is not None and self.current is not None and self.current.id == rid:
            self._on_ended(rid, "stopped", self._worker.trainer.graph.weight_snapshot(), "", None)

    def revert_weights(self) -> bool:
        """Put back the weights the graph had before the first run (undoable)."""
        if self.weights_before is None or self.busy:
            return False
        cmd = LoadWeightsCommand(self.session, self.weights_before,
                                 self.session.graph.weight_snapshot(),
                                 QT_TRANSLATE_NOOP("Training", "Revert trained weights"))
        self.session.undo_stack.push(cmd)
        self.session.message.emit(translate("Training", "weights reverted to those before "
                                            "training"))
        return True

    def wait(self, ms: int = 5000) -> None:
        """Stop and join the worker thread (for closing the window and for tests)."""
        self.queue.clear()
        if self._worker is not None:
            self._worker.stop_requested = True
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(ms)

    # -- internals -----------------------------------------------------------------------------
    def _on_graph_replaced(self) -> None:
        """Earlier runs' weights belong to the old graph: no revert, no 'same start' any more."""
        self.weights_before = None
        for run in self.runs:
            run.initial_weights = {}
        self.state_changed.emit()

    def _load_start(self, graph, source: Run) -> None:
        """Load ``source``'s initial weights into ``graph`` where the shapes still fit."""
        current = graph.weight_snapshot()
        fits = {k: v for k, v in source.initial_weights.items()
                if k in current and current[k].shape == v.shape}
        graph.load_weight_snapshot(fits)
        left = [f"{graph.nodes[n].name}.{a}" for (n, a) in current if (n, a) not in fits]
        if left:
            self.session.message.emit(translate(
                "Training", "{run}'s start does not fit the edited graph for {arrays}; those "
                "start from the current weights").format(run=source.name, arrays=", ".join(left)))

    def _start_next(self) -> None:
        if not self.queue:
            self._finish_queue()
            return
        run = self.queue.pop(0)
        train, dev = self._data.pop(run.id)
        run.data = (train, dev)
        graph = self.session.graph.copy()
        source = self.run_by_id(run.start_from) if run.start_from is not None else None
        if source is not None and source.initial_weights:
            self._load_start(graph, source)
        elif run.fresh_seed is not None:
            graph.reinitialize([n for n, node in graph.nodes.items() if not node.frozen],
                               seed=run.fresh_seed)
        run.initial_weights = graph.weight_snapshot()
        try:
            trainer = Trainer(graph, train, dev, run.config)
        except (ValueError, ArithmeticError) as e:
            run.status, run.message = "error", translate("Training", "cannot train: {why}").format(
                why=error_text(e))
            self.session.message.emit(run.message)
            self.run_ended.emit(run)
            self.queue.clear()
            self._finish_queue()
            return
        if self.weights_before is None or not self.session.locked:
            self.weights_before = self.session.graph.weight_snapshot()
        self.session.set_locked(True)
        self._source_graph = self.session.graph
        run.status, run.total_iterations = "running", trainer.total_iterations
        self.current = run
        thread = QThread(self)
        worker = TrainingWorker(run.id, trainer)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        self._resume.connect(worker.run)
        worker.progressed.connect(self._on_progress)
        worker.paused.connect(self._on_paused)
        worker.ended.connect(self._on_ended)
        self._thread, self._worker = thread, worker
        self.run_started.emit(run)
        thread.start()

    def _on_progress(self, p: Progress) -> None:
        run = self.run_by_id(p.run_id)
        if run is None:
            return
        run.history, run.iteration, run.epoch = p.history, p.iteration, p.epoch
        run.total_iterations, run.its_per_s = p.total_iterations, p.its_per_s
        if p.weights is not None:
            run.weights = p.weights
        self.run_progressed.emit(run)

    def _on_paused(self, rid: int) -> None:
        run = self.run_by_id(rid)
        if run is None or run is not self.current or self._worker is None:
            return
        if self._worker.stop_requested:      # stop arrived while the pause was on its way
            self._on_ended(rid, "stopped", self._worker.trainer.graph.weight_snapshot(), "", None)
            return
        run.status = "paused"
        self.state_changed.emit()

    def _on_ended(self, rid: int, status: str, weights, message: str, node) -> None:
        run = self.run_by_id(rid)
        if run is None or run is not self.current:
            return
        run.status, run.message, run.node, run.final_weights = status, message, node, weights
        self._teardown()
        self.current = None
        if weights is not None and self.session.graph is self._source_graph:
            self._write_back(run, weights)
        elif weights is not None:
            self.session.message.emit(translate(
                "Training", "{run}: the graph was replaced while it trained; its weights were not "
                "loaded").format(run=run.name))
        self.run_ended.emit(run)
        if status == "diverged":
            self.queue.clear()
            self.session.report(message, node)
            self.diverged.emit(run)
        elif status == "error":
            self.queue.clear()
            self.session.report(message, node)
        self._start_next()
        self.state_changed.emit()

    def _teardown(self) -> None:
        thread, worker = self._thread, self._worker
        self._thread = self._worker = None
        if worker is not None:
            try:
                self._resume.disconnect(worker.run)
            except (RuntimeError, TypeError):
                pass
        if thread is not None:   # run() has returned: the thread only has to leave its loop
            thread.quit()
            thread.wait(2000)
            thread.deleteLater()

    def _write_back(self, run: Run, weights: Weights) -> None:
        old = self.session.graph.weight_snapshot()
        # trained in the trainer's dtype; keep the graph's own (float64 unless it chose otherwise)
        weights = {k: v.astype(old[k].dtype) if k in old else v for k, v in weights.items()}
        cmd = LoadWeightsCommand(self.session, weights, old,
                                 QT_TRANSLATE_NOOP("Training", "Trained weights ({run})"),
                                 run=run.name)
        self.session.undo_stack.push(cmd)   # the lock is ours: no need to pass the session's check
        ending, status, iterations = ENDINGS.get(run.status), run.status, run.iteration
        self.session.message.emit(said(lambda: translate(
            "Training", "{run}: {status} after {iterations} iterations; trained weights loaded "
            "(Undo or Revert weights to go back)").format(
            run=again(run.name), status=translate("Training", ending) if ending else status,
            iterations=iterations)))

    def _finish_queue(self) -> None:
        self.session.set_locked(False)
        self.state_changed.emit()


__all__ = ["TrainingController", "TrainingWorker", "Run", "Progress", "LoadWeightsCommand",
           "MAX_RATE"]
