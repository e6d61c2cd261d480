"""Open a model too large for the examples list beside the open example, in a second window.

The inception examples' guides offer "Open GoogLeNet beside": the real network, imported from
ONNX with its inception modules collapsed, next to the course's single module. Importing it
and drawing its 7 M weights takes a moment, so it runs in a :class:`~graphviz_app.editor.jobs.Job`
with a progress dialog whose Cancel stops it. The finished graph opens in a :class:`BesideWindow`:
the canvas alone (expand a module with a double-click), so that the
example's window stays as it was and no look-inside view runs GoogLeNet on the GUI thread.
Its "Open here" button opens it in the main window with every panel. The builders are
:data:`engine.examples_conv.BESIDE`, kept out of the examples registry that every per-example
view and test sweeps.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QPushButton, QVBoxLayout, QWidget

from engine.examples_conv import BESIDE

from ...canvas.scene import GraphScene
from ...canvas.view import GraphView
from ...editor.jobs import Job, JobProgress
from ...i18n import translate
from ...session import Session

SEED = 0


class BesideWindow(QMainWindow):
    """A second window showing one graph on its own canvas, with a button to open it in the
    main window instead."""

    def __init__(self, main_window, model: str, built) -> None:
        super().__init__(main_window, Qt.WindowType.Window)
        self.setObjectName("beside_window")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.main = main_window
        self.model = model
        self.built = built
        graph, _dataset, info = built
        self.session = Session(graph, parent=self)
        self.scene = GraphScene(self.session, main_window.scene.theme, self)
        self.view = GraphView(self.scene, self)
        title = info.get("title", model) if isinstance(info, dict) else model
        self.setWindowTitle(title)
        params = sum(int(w.size) for n in graph.nodes.values() for w in n.weights.values())
        self.note = QLabel(translate(
            "ExampleGuide", "<b>{title}</b>: {nodes} nodes, {params:,} parameters. Double-click "
            "a module to expand it.").format(
                title=title, nodes=len(graph.nodes), params=params))
        self.note.setWordWrap(True)
        self.open_here = QPushButton(translate("ExampleGuide", "Open here"))
        self.open_here.setObjectName("beside_open_here_button")
        self.open_here.setToolTip(translate("ExampleGuide", "Open it in the main window, with "
                                            "every panel (replaces the graph open there)"))
        self.open_here.clicked.connect(self._open_here)
        top = QHBoxLayout()
        top.addWidget(self.note, 1)
        top.addWidget(self.open_here)
        body = QWidget()
        lay = QVBoxLayout(body)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        self.setCentralWidget(body)
        QTimer.singleShot(0, self.view.fit_all)

    def _open_here(self) -> None:
        if not self.main.files.maybe_save():
            return
        graph, dataset, _info = self.built
        self.main.session.replace_graph(graph.copy(), None, dataset=dataset,
                                        example_name=self.model)
        self.close()


class BesideOpener(QObject):
    """Builds ``BESIDE[model]`` in a worker, then shows it in a second window."""

    opened = Signal(object)       # the new main window
    ended = Signal(str)           # "opened", "cancelled" or "failed"

    def __init__(self, main_window) -> None:
        super().__init__(main_window)
        self.win = main_window
        self.job: Job | None = None
        self.windows: list = []   # the windows opened beside, kept alive while shown

    def open(self, model: str) -> bool:
        """Start building ``model``; False (with a message) when it cannot start."""
        session = self.win.session
        if model not in BESIDE:
            session.message.emit(translate("ExampleGuide", "There is no model {model} to open "
                                           "beside; choose one of {models}").format(
                model=model, models=", ".join(BESIDE)))
            return False
        if self.job is not None and self.job.running:
            session.message.emit(translate("ExampleGuide", "{model} is already being opened; "
                                           "wait for it or cancel it").format(model=model))
            return False
        builder = BESIDE[model]
        job = Job(lambda progress, should_stop: builder(SEED, progress, should_stop),
                  translate("ExampleGuide", "Opening {model}…").format(model=model))
        job.finished.connect(lambda built, m=model: self._on_built(m, built))
        job.failed.connect(lambda why, m=model: self._on_failed(m, why))
        job.cancelled.connect(self._on_cancelled)
        self.job = job
        self.dialog = JobProgress(job, self.win)
        job.start()
        return True

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _on_built(self, model: str, built) -> None:
        win = BesideWindow(self.win, model, built)
        win.destroyed.connect(lambda _o=None, w=win: self._forget(w))
        win.resize(self.win.width() * 3 // 4, self.win.height() * 3 // 4)
        win.show()
        self.windows.append(win)
        self.win.session.message.emit(translate(
            "ExampleGuide", "{model} opened in a second window").format(model=model))
        self.opened.emit(win)
        self.ended.emit("opened")

    def _forget(self, win) -> None:
        if win in self.windows:
            self.windows.remove(win)

    def _on_failed(self, model: str, why: str) -> None:
        self.win.session.message.emit(translate(
            "ExampleGuide", "{model} could not be opened: {why}").format(model=model, why=why))
        self.ended.emit("failed")

    def _on_cancelled(self) -> None:
        self.win.session.message.emit(translate("ExampleGuide", "Opening was cancelled"))
        self.ended.emit("cancelled")
