"""Words the panels share: an error's text in the user's language."""
from __future__ import annotations

from engine.messages import Msg

from ..i18n import render


def error_text(error: BaseException) -> str:
    """The message of ``error`` in the current language: an engine error raised with a
    :class:`engine.messages.Msg` (a ProbeError, a MsgError, a cancelled check) is rendered from
    its id, any other keeps its English text."""
    msg = getattr(error, "msg", None)
    if isinstance(msg, Msg):
        return render(msg)
    first = error.args[0] if error.args else None
    return render(first) if isinstance(first, Msg) else str(error)
