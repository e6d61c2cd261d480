"""A message the engine gives the user: an id from :data:`engine.messages.TEMPLATES` and the
named parameters that fill it (see :mod:`engine.messages`, which re-exports everything here).

``str(msg)`` is the English text; :meth:`Msg.render` fills a translated template instead. An
exception raised with a Msg (``GraphError(Msg(...))``) carries it: :func:`carried` gives it
back, so the app can show the error in the user's language.
"""
from __future__ import annotations

import string
from typing import Any, Callable, Mapping


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate reads
    """Mark ``text`` for extraction into the translation file; returns it unchanged."""
    return text


def _templates() -> Mapping[str, str]:
    """The message table (imported when first needed: engine.messages imports this module)."""
    from .messages import TEMPLATES
    return TEMPLATES


def fields(template: str) -> set[str]:
    """The names of the fields in a format template: ``"{a} and {b:,}"`` -> ``{"a", "b"}``."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class Msg(str):
    """One message: an id from :data:`engine.messages.TEMPLATES` and its named parameters.

    ``Msg("shape.not_connected", input="x", port=0)`` is the English text itself (a ``str``),
    so it goes wherever a message string went and compares, searches and joins like one; the
    app renders its ``id`` and ``params`` in the user's language. An unknown id, or parameters
    that do not match the template's fields, raise KeyError at once, so a typo shows up where
    the message is made rather than when it is shown.
    """

    id: str
    params: Mapping[str, Any]

    def __new__(cls, id: str, **params: Any) -> "Msg":  # noqa: A002 - the message id
        templates = _templates()
        if id not in templates:
            raise KeyError(f"unknown message id {id!r}")
        want, got = fields(templates[id]), set(params)
        if want != got:
            raise KeyError(f"message {id!r} takes {sorted(want)}, not {sorted(got)}")
        self = super().__new__(cls, _render(id, params, None))
        self.id = id
        self.params = dict(params)
        return self

    @property
    def template(self) -> str:
        return _templates()[self.id]

    def render(self, translate: Callable[[str], str] | None = None) -> str:
        """The message with ``translate`` (English template -> template in the user's language)
        applied to this template and to every Msg among the parameters. A translated template
        that does not format with these parameters falls back to the English one."""
        return _render(self.id, self.params, translate)

    def __str__(self) -> str:
        return str.__str__(self)

    def __repr__(self) -> str:
        args = "".join(f", {k}={v!r}" for k, v in self.params.items())
        return f"Msg({self.id!r}{args})"

    def __reduce__(self):   # copy.copy and copy.deepcopy rebuild it from its id and parameters
        return (_rebuild, (self.id, dict(self.params)))


def _rebuild(id: str, params: dict) -> Msg:  # noqa: A002
    return Msg(id, **params)


class Joined(tuple):
    """Several messages (or plain strings) given as one parameter, joined by ``sep`` once each
    is rendered: ``Msg("onnx.unsupported", ops=Joined(lines, "\n"))`` translates every line."""

    sep: str

    def __new__(cls, items, sep: str = "\n") -> "Joined":
        self = super().__new__(cls, items)
        self.sep = sep
        return self

    def render(self, translate: Callable[[str], str] | None = None) -> str:
        return self.sep.join(x.render(translate) if isinstance(x, (Msg, Joined)) else str(x)
                             for x in self)

    def __str__(self) -> str:
        return self.render(None)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __reduce__(self):
        return (Joined, (tuple(self), self.sep))


def _render(id: str, params: Mapping[str, Any], translate: Callable[[str], str] | None) -> str:  # noqa: A002
    template = _templates()[id]
    values = {k: v.render(translate) if isinstance(v, (Msg, Joined)) else v
              for k, v in params.items()}
    if translate is not None:
        text = translate(template)
        if text and fields(text) == fields(template):
            try:
                return text.format(**values)
            except (ValueError, IndexError, KeyError):
                pass
    return template.format(**values)


class MsgError(ValueError):
    """A ValueError whose text is a :class:`Msg`, so the app can show it in the user's language."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(msg)
        self.msg = msg


def carried(exc: BaseException) -> "Msg | str":
    """What an exception says: the :class:`Msg` it was raised with (engine errors are raised
    as ``SomeError(Msg(...))``, so ``str(exc)`` is the English text), else its plain text.
    Use it to quote one error inside another message, or to show it in the user's language."""
    if len(exc.args) >= 1 and isinstance(exc.args[0], Msg):
        return exc.args[0]
    return str(exc)
