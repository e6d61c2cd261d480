"""The Cost surface dock (idea 2): J over a grid of two parameter entries, as coloured contour
plots, with each training run's path drawn on top.

For logistic regression the two plots stand side by side: cross-entropy (a single bowl) and
squared error through the sigmoid (plateaus, not convex), over (w, b) by default, both computed
in one batched pass (:func:`engine.inspect.cost_surface.logistic_surfaces`, ~20 ms for
200×200) and redrawn as training moves the other entries. For any other graph the user picks
two scalar entries and presses Compute: a worker thread computes J over up to 50×50 points in
one batched pass (:mod:`engine.inspect.cost_surface_batched`), or point by point with the
reason said when the graph cannot be batched, with progress and Cancel. Clicking a plot sets
the two entries to that point (undoable).

Contours are the default; "3-D surface" shows each surface as one you can turn and zoom
(:mod:`.cost_surface_3d`); both pages live in :mod:`.surface_views`. Plot items (image, contour
lines, paths, marker) are created once and updated in place; the plot, the worker and the undo
command live in :mod:`.surface_parts`.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QThread, QTimer
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QProgressBar,
                               QPushButton, QVBoxLayout, QWidget)

from engine.inspect import cost_surface as cs

from .live import LiveSource, ShownPanel
from .surface_parts import BATCHED_RES, RUN_COLORS, SetEntriesCommand, SurfaceWorker
from .surface_views import SurfaceViews
from ...i18n import error_text, translate

COST_NAMES = {"cross-entropy": QT_TRANSLATE_NOOP("CostSurface", "cross-entropy"),
              "squared error": QT_TRANSLATE_NOOP("CostSurface", "squared error")}
"""The engine's names of the two logistic-regression costs, for the plot titles."""

pg.setConfigOptions(imageAxisOrder="row-major", antialias=False)

FAST_RES = 200
MAX_PATHS = len(RUN_COLORS)


class CostSurfacePanel(ShownPanel):
    """Cross-entropy beside squared error for logistic regression; the graph's own cost over
    two chosen entries for any other graph."""

    def __init__(self, session, training=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.source = LiveSource(session, training, rate=3.0, parent=self)   # 20 ms a surface
        self.surfaces: dict[str, np.ndarray] = {}
        self.grid: tuple[np.ndarray, np.ndarray] | None = None
        self.paths: dict[int, list[tuple[float, float]]] = {}
        self._entries: list[cs.Entry] = []
        self._entries_key = None
        self._thread: QThread | None = None
        self._worker: SurfaceWorker | None = None
        self._dirty = True
        self.update_count = 0

        self.axis_a = QComboBox()
        self.axis_b = QComboBox()
        self.axis_a.setToolTip(translate("CostSurface", "The parameter entry along the "
                                         "horizontal axis"))
        self.axis_b.setToolTip(translate("CostSurface", "The parameter entry along the vertical "
                                         "axis"))
        self.half = QDoubleSpinBox()
        self.half.setRange(0.1, 100.0)
        self.half.setValue(6.0)
        self.half.setSingleStep(1.0)
        self.half.setPrefix("± ")
        self.half.setToolTip(translate("CostSurface", "Half-width of the grid around 0 for each axis (the current point "
                             "and the runs' paths are always included)"))
        self.compute = QPushButton(translate("CostSurface", "Compute"))
        self.compute.setToolTip(translate("CostSurface", "Compute the surface (one forward pass of the training set per "
                                "grid point, in the background)"))
        self.cancel = QPushButton(translate("CostSurface", "Cancel"))
        self.mode = QComboBox()
        self.mode.addItems([translate("CostSurface", "Contours"),
                            translate("CostSurface", "3-D surface")])
        self.mode.setToolTip(translate("CostSurface", "Contours, or J as a surface you can turn "
                                       "(drag) and zoom (wheel)"))
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(120)
        row = QHBoxLayout()
        row.addWidget(QLabel(translate("CostSurface", "Axes")))
        row.addWidget(self.axis_a)
        row.addWidget(self.axis_b)
        row.addWidget(QLabel(translate("CostSurface", "range")))
        row.addWidget(self.half)
        row.addWidget(self.mode)
        row.addWidget(self.compute)
        row.addWidget(self.progress)
        row.addWidget(self.cancel)
        row.addStretch(1)
        self.stack = SurfaceViews((translate("CostSurface", "cross-entropy J(w, b)"),
                                   translate("CostSurface", "squared error J(w, b) through σ")))
        self.plots, self.views = self.stack.plots, self.stack.views
        self.note = QLabel()
        self.note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(row)
        lay.addWidget(self.stack, 1)
        lay.addWidget(self.note)
        self.setMinimumSize(400, 240)
        self._set_busy(False)

        self.source.changed.connect(self._on_changed)
        self.axis_a.currentIndexChanged.connect(lambda _i: self._axes_changed())
        self.axis_b.currentIndexChanged.connect(lambda _i: self._axes_changed())
        self.half.valueChanged.connect(lambda _v: self._axes_changed())
        self.compute.clicked.connect(self.start_generic)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.stack.clicked.connect(self._on_click)
        self.cancel.clicked.connect(self.cancel_generic)
        if training is not None:
            training.run_started.connect(self._on_run)
            training.run_progressed.connect(self._on_run)
            training.run_ended.connect(self._on_run)
        session.graph_replaced.connect(self._on_replaced)
        session.selection_changed.connect(self._on_selection)

    # -- state ---------------------------------------------------------------------------------
    @property
    def logistic(self) -> bool:
        return cs.logistic_layer(self.session.graph) is not None

    def axes(self) -> tuple[cs.Entry, cs.Entry] | None:
        ia, ib = self.axis_a.currentIndex(), self.axis_b.currentIndex()
        if not (0 <= ia < len(self._entries) and 0 <= ib < len(self._entries)):
            return None
        return self._entries[ia], self._entries[ib]

    def _on_selection(self, ids: list) -> None:
        """Selecting a node with arrays puts its first two entries on the axes (other graphs
        than logistic regression, whose axes stay w and b)."""
        if not ids or self.logistic:
            return
        self._fill_entries()
        own = [i for i, e in enumerate(self._entries) if e.nid == ids[0]]
        ax = self.axes()
        if len(own) < 2 or (ax is not None and ax[0].nid == ids[0] and ax[1].nid == ids[0]):
            return
        for w, i in ((self.axis_a, own[0]), (self.axis_b, own[1])):
            w.blockSignals(True)
            w.setCurrentIndex(i)
            w.blockSignals(False)
        self._axes_changed()

    def _on_replaced(self) -> None:
        self.cancel_generic()
        self.paths.clear()
        self.surfaces.clear()
        self.stack.clear_3d()

    def _on_run(self, run) -> None:
        self._fill_entries()
        ax = self.axes()
        if ax is None:
            return
        if run.status in ("done", "stopped") and not self.logistic and "J" in self.surfaces:
            QTimer.singleShot(0, self._recompute)     # J around the trained weights
        if run.status in ("done", "stopped") and run.initial_weights and run.data:
            self._replay(run, ax)
            return
        pts = self.paths.setdefault(run.id, [])
        for snap in (run.initial_weights if not pts else None, run.weights,
                     run.final_weights):
            if snap:
                p = cs.path_of([snap], *ax)
                if len(p) and (not pts or tuple(p[0]) != pts[-1]):
                    pts.append(tuple(p[0]))
        while len(self.paths) > MAX_PATHS:
            self.paths.pop(min(self.paths))
        self._draw_paths()

    def _replay(self, run, ax) -> None:
        """Replace a finished run's sampled path by every iteration, replayed (logistic
        regression only: it takes milliseconds there)."""
        if not self.logistic:
            return
        try:
            path = cs.replay_path(self.session.graph, run.initial_weights, run.data[0],
                                  run.config, ax[0], ax[1], run.iteration)
        except (ValueError, ArithmeticError, KeyError):
            return          # the sampled path stays
        self.paths[run.id] = [tuple(p) for p in path]
        self._draw_paths()
        self._dirty = True

    def _fill_entries(self) -> None:
        g = self.session.graph
        key = (id(g), g.version)
        if key == self._entries_key:
            return
        self._entries_key = key
        entries = cs.scalar_entries(g)
        if entries == self._entries:
            return          # only values changed (trained weights loaded): axes and paths stay
        self._entries = entries
        default = cs.default_axes(g)
        for w, pick in ((self.axis_a, 0), (self.axis_b, 1)):
            w.blockSignals(True)
            w.clear()
            for e in self._entries:
                w.addItem(e.label(g))
            if default is not None:
                w.setCurrentIndex(self._entries.index(default[pick]))
            w.blockSignals(False)
        self.paths.clear()

    def _axes_changed(self) -> None:
        self.paths.clear()
        self.surfaces.clear()
        self.stack.clear_3d()
        self.refresh()

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel.setVisible(busy)
        self.compute.setVisible(not self.logistic and not busy)

    # -- computing -----------------------------------------------------------------------------
    def _half(self, ax) -> np.ndarray:
        """(2,) each axis' half-width: ±half around 0, widened to hold the current point and
        the paths."""
        g, w = self.session.graph, self.source.weights()
        h = self.half.value()
        cur = np.array([ax[0].value(g, w), ax[1].value(g, w)])
        pts = [cur] + [np.array(p) for path in self.paths.values() for p in path]
        ext = np.abs(np.array(pts)).max(0) * 1.15
        return np.maximum(h, ext)

    def _range(self, ax) -> tuple[np.ndarray, np.ndarray]:
        """The logistic grid: FAST_RES values a side over ±half."""
        half = self._half(ax)
        return np.linspace(-half[0], half[0], FAST_RES), np.linspace(-half[1], half[1], FAST_RES)

    def refresh(self) -> None:
        """Recompute the fast surfaces (logistic regression) or explain what to do."""
        self._dirty = False
        self._fill_entries()
        self._set_busy(self._thread is not None)
        ax = self.axes()
        g = self.session.graph
        self.stack.show_second(self.logistic)
        if ax is None:
            self._say(translate("CostSurface", "This graph has no parameters to draw a cost surface over."))
            return
        train, _ = self.source.data()
        if train is None:
            self._say(translate("CostSurface", "No data loaded: the cost is a mean over training examples; open an "
                      "example (e.g. Logistic regression) or load data."))
            return
        if self.logistic:
            try:
                self._logistic(train, ax)
            except (ValueError, KeyError) as e:
                self._say(error_text(e))
                return
        else:
            self.plots[0].widget.set_title(translate("CostSurface", "J over {a}, {b}").format(
                a=ax[0].label(g), b=ax[1].label(g)), size="8pt", color="#333")
            if "J" not in self.surfaces:
                self._say(translate("CostSurface", "Pick two entries and press Compute: J over a "
                                    "grid of up to {n}×{n} points (fewer for a big network) in "
                                    "one batched pass of the training set, in the background."
                                    ).format(n=BATCHED_RES))
        self._draw_point(ax)
        self._draw_paths()
        self.update_count += 1

    def _say(self, text: str) -> None:
        self.note.setText(text)

    def _logistic(self, train, ax) -> None:
        g = self.session.graph
        dense, _, loss = cs.logistic_layer(g)
        if any(e.nid != dense for e in ax):
            raise ValueError(translate("CostSurface", "For logistic regression both axes must be entries of its dense "
                             "layer (W or b)"))
        w = self.source.weights() or {}
        node = g.nodes[dense]
        W = w.get((dense, "W"), node.weights["W"])
        b = w.get((dense, "b"), node.weights.get("b", np.zeros(1)))
        as_, bs = self._range(ax)
        self.surfaces = cs.logistic_surfaces(train["x"], train["y"], W, b, ax[0], ax[1],
                                             as_, bs)
        self.grid = (as_, bs)
        for plot, (name, J) in zip(self.plots, self.surfaces.items()):
            plot.show(J, as_, bs)
            wm, bm, jm = cs.grid_minimum(J, as_, bs)
            plot.widget.set_title(translate("CostSurface", "{cost}: lowest {j:.3g} at ({w:.2f}, "
                                            "{b:.2f})").format(
                cost=translate("CostSurface", COST_NAMES.get(name, name)), j=jm, w=wm, b=bm),
                size="8pt", color="#333")
        live = translate("CostSurface", " Live: the running run's weights.") \
            if self.source.live else ""
        self._say(translate("CostSurface", "J over ({a}, {b}) on the training data, other entries "
                            "as they are now; colour = log(J − min), dark low. Cross-entropy: "
                            "one convex bowl. Squared error through σ: flat plateaus, not convex. "
                            "Lines: runs' paths; star: now. Click to set the point.").format(
            a=ax[0].label(g), b=ax[1].label(g)) + live)
        self._sync_3d()

    # -- generic graphs (worker) ---------------------------------------------------------------
    def start_generic(self) -> bool:
        """Compute the graph's own cost over the chosen entries in a worker thread."""
        if self._thread is not None or self.logistic:
            return False
        ax = self.axes()
        train, _ = self.source.data()
        if ax is None or train is None:
            self._say(translate("CostSurface", "Choose two entries and load data first."))
            return False
        if ax[0] == ax[1]:
            self._say(translate("CostSurface", "Choose two different entries for the two axes."))
            return False
        g = self.session.graph
        w = self.source.weights()
        feeds = {k: np.array(v) for k, v in train.arrays.items()
                 if k in {n.name for n in g.nodes.values() if n.op == "input"}}
        worker = SurfaceWorker(g.copy(), feeds, ax[0], ax[1], self._half(ax), w)
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progressed.connect(self._on_progress)
        worker.finished.connect(self._on_generic)   # a bound slot: queued to the GUI thread
        worker.failed.connect(self._on_failed)
        self._thread, self._worker = thread, worker
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self._set_busy(True)
        thread.start()
        return True

    def _recompute(self) -> None:
        """After a run on another graph, the surface again, now around its trained weights."""
        if self._thread is None and "J" in self.surfaces:
            self.start_generic()

    def cancel_generic(self) -> None:
        if self._worker is not None:
            self._worker.cancelled = True

    def _on_progress(self, i: int, n: int) -> None:
        self.progress.setRange(0, n)
        self.progress.setValue(i)

    def _finish_thread(self) -> None:
        thread = self._thread
        self._thread = self._worker = None
        if thread is not None:
            thread.quit()
            thread.wait(2000)
            thread.deleteLater()
        self._set_busy(False)

    def _on_generic(self, J: np.ndarray, as_: np.ndarray, bs: np.ndarray, how: str) -> None:
        cancelled = self._worker is not None and self._worker.cancelled
        self._finish_thread()
        self.surfaces = {"J": J}
        self.grid = (as_, bs)
        self.plots[0].show(J, as_, bs)
        done = int(np.isfinite(J).all(1).sum())
        self._say((translate("CostSurface", "Cancelled: ") if cancelled else "")
                  + translate("CostSurface", "{done} of {rows} rows computed.").format(
                      done=done, rows=len(bs)) + " " + how + " "
                  + translate("CostSurface", "Colour: log of J above its minimum. Click to set "
                              "the two entries there."))
        ax = self.axes()
        if ax is not None:
            self._draw_point(ax)
        self._sync_3d()

    def _on_failed(self, text: str) -> None:
        self._finish_thread()
        self._say(text)

    def wait(self) -> None:
        """Cancel and join a running computation (closing, tests)."""
        if self._thread is not None:
            self.cancel_generic()
            self._thread.quit()
            self._thread.wait(5000)

    # -- drawing -------------------------------------------------------------------------------
    def _draw_point(self, ax) -> None:
        g, w = self.session.graph, self.source.weights()
        self.stack.draw_point((ax[0].value(g, w), ax[1].value(g, w)))

    def _draw_paths(self) -> None:
        self.stack.draw_paths([self.paths[r] for r in sorted(self.paths)[-MAX_PATHS:]])

    # -- 3-D -----------------------------------------------------------------------------------
    def _mode_changed(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self._sync_3d()

    def _sync_3d(self) -> None:
        """Give the 3-D views the surfaces on show (only while they are the page in front)."""
        g, ax = self.session.graph, self.axes()
        labels = (ax[0].label(g), ax[1].label(g)) if ax is not None else ("a", "b")
        self.stack.sync_3d(self.grid, list(self.surfaces.values()), labels)

    # -- clicks --------------------------------------------------------------------------------
    def _on_click(self, a: float, b: float) -> None:
        if self.grid is not None:
            self.set_point(a, b)

    def set_point(self, a: float, b: float) -> bool:
        """Set the two axis entries to (a, b) through an undoable command."""
        ax = self.axes()
        if ax is None:
            return False
        return self.session.push(SetEntriesCommand(self.session, list(ax), [a, b]))


def install(main_window, session) -> CostSurfacePanel:
    panel = CostSurfacePanel(session, main_window.training)
    main_window.add_panel(panel, QT_TRANSLATE_NOOP("Panels", "Cost surface"), "cost_surface_dock",
                          area="bottom")
    from PySide6.QtCore import QCoreApplication
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(panel.wait)
    return panel


__all__ = ["CostSurfacePanel", "SetEntriesCommand", "SurfaceWorker", "install"]
