"""An exception's message in the user's language.

The engine raises some errors with a :class:`engine.messages.Msg` as their text (a
:class:`engine.messages.MsgError`, a :class:`engine.ops.base.ShapeError` with ``msg``, or a
plain exception whose first argument is a Msg); those are rendered through the translations.
Any other exception keeps its own text.
"""
from __future__ import annotations

from engine.messages import Msg, MsgError
from engine.ops.base import ShapeError

from .i18n import render


def error_text(exc: BaseException) -> str:
    """``exc``'s message, translated when it carries an engine message id."""
    msg = None
    if isinstance(exc, (MsgError, ShapeError)):
        msg = exc.msg
    elif exc.args and isinstance(exc.args[0], Msg):
        msg = exc.args[0]
    return render(msg) if msg is not None else str(exc)
