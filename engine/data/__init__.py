"""Data sets beyond the generated ones: shipped (digits, the text corpus) and the user's own
(CSV files, image folders), how data is stored in a graph file, and data derived from a graph
(precomputed features). Every loader returns an :class:`engine.training.Dataset`."""
from __future__ import annotations

from typing import Callable

from ..msg import Msg

__all__ = ["Cancelled", "ProgressFn", "StopFn", "report"]

ProgressFn = Callable[[float, str], None]   # (fraction done 0..1, what is being done)
StopFn = Callable[[], bool]                 # True when the user asked to cancel


class Cancelled(Exception):
    """A long load was cancelled by the user; nothing was changed."""


def report(progress: ProgressFn | None, should_stop: StopFn | None, fraction: float,
           what: str) -> None:
    """Tell ``progress`` how far a load is, and raise :class:`Cancelled` if asked to stop.

    ``what`` is a :class:`engine.messages.Msg` (a ``progress.`` id, say), so the app shows it
    in the user's language; the Cancelled carries it quoted in its own Msg."""
    if should_stop is not None and should_stop():
        raise Cancelled(Msg("progress.cancelled", what=what))
    if progress is not None:
        progress(min(max(float(fraction), 0.0), 1.0), what)
