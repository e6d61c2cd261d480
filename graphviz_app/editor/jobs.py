"""Long work off the GUI thread: a :class:`Job` runs ``fn(progress, should_stop)`` in a
``QThread`` and reports back through queued signals (progress at most 20 times a second,
then finished, failed or cancelled). The GUI never waits on it. A :class:`JobProgress` dialog
shows progress with a Cancel button that only sets the job's stop flag.

What a job says it is doing is an engine :class:`~engine.messages.Msg` (or a plain text): it
crosses the thread as an object, not a ``str`` (a ``str`` signal would drop the Msg and keep
only its English), and is rendered in the user's language on the GUI thread; so is why a
job failed (the worker hands over the exception itself)."""
from __future__ import annotations

import atexit
import time
from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from engine.data import Cancelled

from ..i18n import error_text, render, translate

__all__ = ["Job", "JobProgress", "any_running"]

MIN_GAP = 0.05
EXPECTED = (ValueError, OSError, ArithmeticError, MemoryError, IndexError, KeyError)
"""The errors a job's work may raise on bad input; any other is reported as unexpected."""
_RUNNING: "set[Job]" = set()   # running jobs stay alive (and their threads) until they end


@atexit.register
def _join_all() -> None:
    """At exit, stop and join every job still running: Qt aborts the process when a running
    thread is destroyed."""
    for job in list(_RUNNING):
        job.wait(5000)


def any_running() -> bool:
    """Whether some job is still at work (a screenshot waits for their results)."""
    return bool(_RUNNING)


class _Worker(QObject):
    progressed = Signal(float, object)    # fraction, what (an engine Msg or a text)
    finished = Signal(object)
    failed = Signal(object)               # the exception: put in words on the GUI thread
    cancelled = Signal()

    def __init__(self, fn: Callable[..., Any]) -> None:
        super().__init__()
        self.fn = fn
        self.stop = False
        self._last = 0.0

    def _progress(self, fraction: float, what: str) -> None:
        now = time.perf_counter()
        if now - self._last >= MIN_GAP or fraction >= 1.0:
            self._last = now
            self.progressed.emit(float(fraction), what)   # rendered on the GUI thread

    @Slot()
    def run(self) -> None:
        try:
            result = self.fn(self._progress, lambda: self.stop)
        except Cancelled:
            self.cancelled.emit()
            return
        except Exception as e:  # noqa: BLE001 - nothing may escape into Qt
            self.failed.emit(e.with_traceback(None))   # no frames kept alive across threads
            return
        if self.stop:
            self.cancelled.emit()
        else:
            self.finished.emit(result)


def failure_text(e: Exception) -> str:
    """Why a job failed, in the user's language: an engine error's own message (its Msg), or
    for anything unexpected its kind and text."""
    if isinstance(e, EXPECTED):
        return error_text(e)
    return translate("Jobs", "unexpected error ({kind}): {why}").format(kind=type(e).__name__,
                                                                        why=e)


class Job(QObject):
    """One piece of long work. Signals arrive on the thread that created the job.

    A job has no Qt parent: a panel closed while its job runs must not destroy a running
    thread (Qt aborts the process then). The job keeps itself alive until its work ends;
    connect its signals to bound methods of the receiver, which Qt disconnects when the
    receiver goes away.
    """

    progressed = Signal(float, object)  # fraction 0..1, what is being done (a Msg or text)
    finished = Signal(object)          # the result of fn
    failed = Signal(str)               # why (the message of the error)
    cancelled = Signal()
    ended = Signal()                   # after any of the three above

    def __init__(self, fn: Callable[..., Any], title: str = "") -> None:
        super().__init__()
        self.title = title
        self.running = False
        self._worker = _Worker(fn)
        self._thread = QThread(self)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        # bound slots of this object (not lambdas), so that they run on this object's thread
        self._worker.progressed.connect(self._on_progressed)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._worker.cancelled.connect(self._on_cancelled)

    def start(self) -> "Job":
        self.running = True
        _RUNNING.add(self)
        self._thread.start()
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next check; ``cancelled`` follows."""
        self._worker.stop = True

    def wait(self, ms: int = 10_000) -> bool:
        """Join the thread (closing, tests); True if it has finished."""
        self._worker.stop = True
        self._thread.quit()
        return self._thread.wait(ms)

    @Slot(float, object)
    def _on_progressed(self, fraction: float, what: object) -> None:
        self.progressed.emit(fraction, what)

    @Slot(object)
    def _on_finished(self, result: Any) -> None:
        self._join()
        self.finished.emit(result)
        self.ended.emit()

    @Slot(object)
    def _on_failed(self, error: Exception) -> None:
        self._join()
        self.failed.emit(failure_text(error))
        self.ended.emit()

    @Slot()
    def _on_cancelled(self) -> None:
        self._join()
        self.cancelled.emit()
        self.ended.emit()

    def _join(self) -> None:
        """The work has returned: the thread only has to leave its event loop."""
        self.running = False
        _RUNNING.discard(self)
        self._thread.quit()
        self._thread.wait(2000)


class JobProgress(QProgressDialog):
    """A progress dialog for a job: shows after a short delay, Cancel cancels the job."""

    def __init__(self, job: Job, parent: QWidget | None = None) -> None:
        super().__init__(job.title or translate("Jobs", "Working…"), translate("Jobs", "Cancel"),
                         0, 1000, parent)
        self.setWindowTitle(job.title or translate("Jobs", "Working"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(400)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setValue(0)
        self.canceled.connect(job.cancel)
        job.progressed.connect(self._on_progress)
        job.ended.connect(self.close)
        job.ended.connect(self.deleteLater)

    def _on_progress(self, fraction: float, what: object) -> None:
        self.setLabelText(render(what))     # an engine Msg, in the user's language
        self.setValue(int(fraction * 1000))
