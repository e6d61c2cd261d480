"""What the look-inside panels follow: the session's graph and data, and a training run's
weights while it runs.

:class:`LiveSource` turns the session's and the training controller's signals into one
throttled ``changed`` signal (at most ``rate`` a second, coalescing bursts), and hands out a
:class:`engine.inspect.probe.Probe` for the current graph (made again only after a structural
edit) with the arrays to use: the running run's latest copy, or the graph's own.
"""
from __future__ import annotations

import time

import numpy as np

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from engine.inspect.probe import Probe
from engine.training import Dataset, split

DEFAULT_TRAIN = 0.8   # the Training dock's default split, for data no run has used yet
LIVE_BUDGET = 3e8     # multiply-adds a view may spend on the GUI thread per update (~0.1 s)


class ShownPanel(QWidget):
    """A panel that redraws only while it can be seen: a change while hidden marks it dirty,
    and it redraws when shown again. Subclasses define ``refresh()``, which clears
    ``_dirty``."""

    _dirty = True

    def _on_changed(self) -> None:
        self._dirty = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """A new language: what the panel wrote is written again in it (now, or when shown)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self._on_changed()


class LiveSource(QObject):
    """Signals: ``changed`` (something the views show may differ; throttled)."""

    changed = Signal()

    def __init__(self, session, training=None, rate: float = 14.0,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.training = training
        self.gap_ms = int(1000 / rate)
        self.run = None                  # the run in progress, when live
        self._probe: Probe | None = None
        self._probe_key = None
        self._last = 0.0
        self._split_of = None
        self._kept: tuple | None = None      # the last finished run's (train, dev)
        self._split: tuple = (None, None)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fire)
        session.graph_changed.connect(lambda _e: self.poke())
        session.graph_replaced.connect(self._on_replaced)
        session.dataset_changed.connect(self._on_data)
        if training is not None:
            training.run_started.connect(self._on_run)
            training.run_progressed.connect(self._on_run)
            training.run_ended.connect(self._on_ended)

    # -- signals in ----------------------------------------------------------------------------
    def _on_replaced(self) -> None:
        self.run = None
        self._kept = None
        self._probe = None
        self._timer.stop()
        self._fire()

    def _on_run(self, run) -> None:
        self.run = run
        self.poke()

    def _on_data(self) -> None:
        self._kept = None                      # new data: the last run's split no longer holds
        self.poke()

    def _on_ended(self, run) -> None:
        """A run's end is shown at once (not throttled): its weights are now the graph's, and
        its train/dev split stays in view until the data change."""
        if self.run is run:
            self.run = None
            if run.data is not None and run.status in ("done", "stopped"):
                self._kept = run.data
        self._timer.stop()
        self._fire()

    def poke(self) -> None:
        """Ask for an update: within ``1/rate`` s, and never two closer than that."""
        if self._timer.isActive():
            return
        wait = self.gap_ms - int(1000 * (time.perf_counter() - self._last))
        self._timer.start(max(0, wait))

    def _fire(self) -> None:
        self._last = time.perf_counter()
        self.changed.emit()

    # -- what to show --------------------------------------------------------------------------
    @property
    def graph(self):
        return self.session.graph

    @property
    def live(self) -> bool:
        return self.run is not None and self.run.weights is not None

    def weights(self) -> dict | None:
        """The running run's latest arrays, or None for the graph's own."""
        return self.run.weights if self.live else None

    def probe(self, dtype=np.float64) -> Probe:
        """A probe of the current graph computing in ``dtype`` (float32 for pictures: several
        times faster for grids); raises ExecutionError (a message) when it cannot run."""
        g = self.session.graph
        key = (id(g), g.version, np.dtype(dtype).str)
        if self._probe is None or self._probe_key != key:
            self._probe = None
            self._probe = Probe(g, dtype)
            self._probe_key = key
        return self._probe

    def examples_within_budget(self, n: int, passes: int = 1) -> int:
        """How many of ``n`` examples a view can push through the graph ``passes`` times per
        update within :data:`LIVE_BUDGET` (at least 1): large networks get a sample."""
        g = self.session.graph
        macs = sum(s.macs for s in g.shapes.values()) or 1
        return max(1, min(n, int(LIVE_BUDGET // (macs * passes))))

    def data(self) -> tuple[Dataset | None, Dataset | None]:
        """(train, dev): the running run's, else the last finished run's (until the data
        change), else the session's data split as the Training dock splits it by default
        (80 % / 20 %, seed 0); (None, None) without data."""
        if self.run is not None and self.run.data is not None:
            return self.run.data
        if self._kept is not None:
            return self._kept
        ds = self.session.dataset
        if ds is None or len(ds) == 0:
            return None, None
        if len(ds) < 5:
            return ds, None
        if self._split_of is not ds:          # the same objects until the data change
            train, dev, _ = split(ds, DEFAULT_TRAIN, round(1 - DEFAULT_TRAIN, 4), seed=0)
            self._split, self._split_of = (train, dev), ds
        return self._split


__all__ = ["LiveSource"]
