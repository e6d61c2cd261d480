"""The user's language: English (the source) or Simplified Chinese.

The choice (System, English, 简体中文) is kept in QSettings under :data:`SETTINGS_KEY`. Applying a
language installs our translator (``graphviz_app_<lang>.qm`` from the shipped ``assets/i18n/``)
and Qt's own ``qtbase_<lang>.qm`` (standard dialogs and buttons). Installing a translator makes
Qt send ``QEvent.LanguageChange`` to every widget; ours set their texts again in
``changeEvent``, so the switch happens without a restart. Text that a view drew once and keeps
(a formatted label, the status bar's message, a row of the Messages table) is composed
again when it was made with ``translate(...).format(...)`` (which remembers how), with
:func:`said`, :func:`compose` or :func:`join`, or is an engine message.

Engine messages (:class:`engine.messages.Msg`) are rendered here: the English template is looked
up in the ``"engine"`` context and the translated template is filled with the same parameters.

Chinese text needs a font with CJK glyphs; :func:`cjk_font_missing` says when there is none,
and the window warns once (in English, which every font can draw).
"""
from __future__ import annotations

import sys
import threading
from typing import Callable

from PySide6.QtCore import (QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QSettings,
                            QTranslator, Signal)
from PySide6.QtGui import QAction, QActionGroup, QFontDatabase
from PySide6.QtWidgets import QMenu, QWidget

from engine.messages import CONTEXT as ENGINE_CONTEXT
from engine.messages import Msg, carried
from engine.resources import asset

SETTINGS_KEY = "ui/language"
STATUS_MS = 6000
"""How long the status bar shows a message (ms)."""
SYSTEM, ENGLISH, CHINESE = "system", "en", "zh_CN"
CHOICES = (SYSTEM, ENGLISH, CHINESE)
LANGUAGES = (ENGLISH, CHINESE)
"""The languages the app speaks; a choice of :data:`CHOICES` resolves to one of these."""

CJK_FONT_PACKAGE = "fonts-noto-cjk"
"""The Debian/Ubuntu package that brings CJK glyphs (README's system-package line)."""

_shown: dict[str, tuple[str, str]] = {}
"""Every text :func:`translate` has returned -> its (context, English source)."""


def translate(context: str, source: str) -> str:
    """``translate("Context", "English text")``: the text in the current language. The result
    is remembered, so that a widget still showing it is given the new language's text when
    the language changes (see :func:`graphviz_app.retranslate.retranslate_widgets`), with no code of its own."""
    out = Translated(QCoreApplication.translate(context, source))
    out.context, out.source = context, source
    _shown[out] = (context, source)
    _shown.setdefault(source, (context, source))
    return out


class Translated(str):
    """What :func:`translate` returns: the text, knowing its context and English source, so
    that ``translate(...).format(...)`` gives a :class:`Said` that composes itself again in
    another language (with its fields made again where they are themselves translated texts,
    composed texts or engine messages; numbers, names and paths stay as they are)."""

    context: str
    source: str

    def format(self, *args, **kwargs) -> "Said":  # noqa: A003 - str.format, remembered
        context, source = self.context, self.source

        def make() -> str:
            return str.format(translate(context, source), *[_now(a) for a in args],
                              **{k: _now(v) for k, v in kwargs.items()})
        return _remember(Said(str.format(self, *[_first(a) for a in args],
                                         **{k: _first(v) for k, v in kwargs.items()})), make)


def compose(pattern: str, **fields) -> "Said":
    """``pattern`` (words-free punctuation such as ``"{title}: {why}"``) filled with ``fields``,
    made again in another language like ``translate(...).format(...)``."""
    return _remember(Said(pattern.format(**{k: _first(v) for k, v in fields.items()})),
                     lambda: pattern.format(**{k: _now(v) for k, v in fields.items()}))


def join(sep: str, parts) -> "Said":
    """``sep.join(parts)`` (``sep`` usually a translated separator such as "; "), made again in
    another language part by part."""
    parts = list(parts)
    return _remember(Said(str(sep).join(str(_first(p)) for p in parts)),
                     lambda: str(_now(sep)).join(str(_now(p)) for p in parts))


def _first(value):
    """A field as first shown: an engine message in the current language, anything else as is."""
    return render(value) if isinstance(value, Msg) else value


def first_line(text: str) -> str:
    """The first line of ``text``, still made again in another language when ``text`` was."""
    make = remaker(text)
    if make is None:
        return text.splitlines()[0] if text else text
    return _remember(Said(text.splitlines()[0] if text else text),
                     lambda: (said(make).splitlines() or [""])[0])


def _now(value):
    """A field of a composed text, in the current language if it is a text we can make again."""
    if isinstance(value, Msg):
        return render(value)
    if isinstance(value, Said):
        return said(value.make)      # remembered as the whole it is (not as its last part)
    if isinstance(value, Translated):
        return translate(value.context, value.source)
    return value

_state = {"language": ENGLISH, "translators": [], "font_warned": False}


def choice_label(choice: str) -> str:
    """How the Language menu names a choice; each language is named in itself."""
    if choice == SYSTEM:
        return QCoreApplication.translate("Language", "System")
    return {ENGLISH: "English", CHINESE: "简体中文"}[choice]


def resolve(choice: str, locale: QLocale | None = None) -> str:
    """The language a choice means: "system" follows ``locale`` (the system's by default),
    Chinese for any Chinese locale and English otherwise; an unknown choice means English."""
    if choice == SYSTEM:
        loc = locale or QLocale.system()
        return CHINESE if loc.language() == QLocale.Language.Chinese else ENGLISH
    return choice if choice in LANGUAGES else ENGLISH


def saved_choice(settings: QSettings) -> str:
    value = settings.value(SETTINGS_KEY, SYSTEM)
    return value if value in CHOICES else SYSTEM


def save_choice(settings: QSettings, choice: str) -> None:
    if choice not in CHOICES:
        raise ValueError(f"language must be one of {', '.join(CHOICES)}, not {choice!r}")
    settings.setValue(SETTINGS_KEY, choice)
    settings.sync()


def current() -> str:
    """The language applied last ("en" or "zh_CN")."""
    return _state["language"]


def qm_path(language: str) -> str:
    """Our compiled translation for ``language`` (shipped with the app)."""
    return str(asset("i18n", f"graphviz_app_{language}.qm"))


def apply(language: str) -> bool:
    """Install the translators for ``language`` ("en" removes them); False (English stays)
    when our translation file cannot be read. Widgets then receive LanguageChange."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before applying a language")
    new: list[QTranslator] = []
    if language != ENGLISH:
        ours = QTranslator(app)
        if not ours.load(qm_path(language)):
            print(f"graphviz-app: the translation {qm_path(language)} could not be read; "
                  "the app stays in English", file=sys.stderr)
            return False
        new.append(ours)
        qt = QTranslator(app)
        if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            new.append(qt)
    for old in _state["translators"]:
        app.removeTranslator(old)
    for t in new:
        app.installTranslator(t)
    _state["translators"] = new
    _state["language"] = language
    # Qt posts LanguageChange to each window; deliver it now, so that the switch is complete
    # when this returns (menus and panels read the new texts in their changeEvent).
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    _retranslate_live()
    from .retranslate import retranslate_widgets   # (it reads this module's memory)
    retranslate_widgets()
    return True


class Source(str):
    """An English text that remembers its translation context (see :func:`QT_TRANSLATE_NOOP`)."""

    context: str = ""


def QT_TRANSLATE_NOOP(context: str, text: str) -> Source:  # noqa: N802 - the name lupdate reads
    """Mark ``text`` for extraction in ``context``; the result remembers both, for :func:`live`."""
    out = Source(text)
    out.context = context
    return out


_live: list[tuple[object, str, Source, dict]] = []


def live(setter, text: Source, **fields) -> None:
    """Call ``setter`` (a bound method such as ``button.setText``) with ``text`` translated and
    formatted with ``fields``, now and again whenever the language changes::

        live(self.start.setText, QT_TRANSLATE_NOOP("Training", "Start"))

    Entries whose widget has been deleted are dropped."""
    if not isinstance(text, Source):
        raise TypeError("live() takes a text marked with i18n.QT_TRANSLATE_NOOP(context, text)")
    obj, name = setter.__self__, setter.__name__
    _live.append((obj, name, text, fields))
    _set(obj, name, text, fields)


def _set(obj, name: str, text: Source, fields: dict) -> None:
    value = translate(text.context, text)
    getattr(obj, name)(value.format(**fields) if fields else value)


def _retranslate_live() -> None:
    kept = []
    for entry in _live:
        try:
            _set(*entry)
        except RuntimeError:        # its C++ object is gone
            continue
        kept.append(entry)
    _live[:] = kept


def english(text: str) -> str:
    """The English source of ``text`` if :func:`translate` once gave it, else ``text``
    (a guide names controls in English whatever the language shown)."""
    found = _shown.get(text)
    return found[1] if found is not None else text


class Said(str):
    """A text the window composed from translated templates and their fields (the status line
    "Example: …", a run's end, a panel's summary) that it can compose again in another
    language: :attr:`make` builds it in the current one."""

    make: Callable[[], str]


_said: dict[str, Said] = {}
"""The texts :func:`said` made, newest last (at most :data:`SAID_KEPT`)."""
SAID_KEPT = 20000


def said(make: Callable[[], str]) -> Said:
    """``make()`` (which translates its templates and fills them), remembered so that a view
    still showing it (a label, the status bar, the Messages table) shows ``make()`` again
    when the language changes::

        session.message.emit(said(lambda: translate("Files", "Example: {title}").format(...)))
    """
    return _remember(Said(make()), make)


_said_lock = threading.Lock()
"""Worker threads compose texts too (a job's failure, a progress line)."""


def _remember(out: "Said", make: Callable[[], str]) -> "Said":
    out.make = make
    key = str(out)
    with _said_lock:
        _said.pop(key, None)
        _said[key] = out
        while len(_said) > SAID_KEPT:
            del _said[next(iter(_said))]
    return out


def again(text: str) -> str:
    """``text`` in the current language: made again if :func:`said` made it, translated again
    if :func:`translate` gave it, rendered if it is an engine Msg; any other text as it is."""
    if isinstance(text, Msg):
        return render(text)
    new = _again(text)
    return text if new is None else new


def remaker(text: str) -> Callable[[], str] | None:
    """How to make ``text`` again in whatever language is current (for a view that keeps it
    longer than :data:`SAID_KEPT` composed texts), or None for a text we did not make."""
    made = _said.get(text) if text else None
    if made is not None:
        return made.make
    found = _shown.get(text) if text else None
    if found is not None:
        return lambda: translate(*found)
    return None


def _again(text: str) -> str | None:
    """``text`` in the current language if :func:`said` or :func:`translate` once gave it
    (and it reads differently now), else None."""
    if not text:
        return None
    made = _said.get(text)
    if made is not None:
        new = said(made.make)
        return new if new != text else None
    found = _shown.get(text)
    if found is None:
        return None
    new = translate(*found)
    return new if new != text else None


def translator(language: str = CHINESE) -> QTranslator:
    """A fresh translator loaded with our file for ``language`` (tests read it directly)."""
    t = QTranslator()
    if not t.load(qm_path(language)):
        raise FileNotFoundError(qm_path(language))
    return t


def render(message: "Msg | str") -> str:
    """An engine message in the current language (a plain string is returned as it is)."""
    if isinstance(message, Msg):
        return _remember(Said(_render_msg(message)), lambda: _render_msg(message))
    return message


def _render_msg(message: Msg) -> str:
    return message.render(lambda text: QCoreApplication.translate(ENGINE_CONTEXT, text))


def error_text(exc: BaseException) -> str:
    """An exception's message in the current language: the engine's errors carry a Msg (see
    :func:`engine.messages.carried`); any other exception gives its own text."""
    msg = getattr(exc, "msg", None)       # errors that keep their Msg as an attribute
    return render(msg if isinstance(msg, Msg) else carried(exc))


def issue_text(issue, with_name: bool = True) -> str:
    """A shape issue (engine.shapes.ShapeIssue) in the current language, as "name: message"
    (or the message alone); issues without a message id keep their English text."""
    text = render(issue.msg) if issue.msg is not None else issue.message
    return f"{issue.name}: {text}" if with_name else text


def has_cjk_font() -> bool:
    """True when some installed font has Simplified Chinese glyphs."""
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def font_warning(language: str) -> str | None:
    """The one-time warning for Chinese without a CJK font, else None. In English: the
    Chinese words would be the very boxes it warns about."""
    if language != CHINESE or has_cjk_font() or _state["font_warned"]:
        return None
    _state["font_warned"] = True
    return (f"No installed font has Chinese glyphs, so Chinese text shows as boxes. Install one "
            f"(Debian/Ubuntu: sudo apt install {CJK_FONT_PACKAGE}) and restart.")


class LanguageMenu(QObject):
    """Settings → Language: System, English, 简体中文; choosing one saves it and switches,
    then emits :attr:`chosen` with a note for the status bar."""

    chosen = Signal(str)

    def __init__(self, menu: QMenu, settings: QSettings, window: QWidget) -> None:
        super().__init__(menu)
        self.menu = menu
        self.settings = settings
        self.window = window
        self.group = QActionGroup(menu)
        self.group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        chosen = saved_choice(settings)
        for choice in CHOICES:
            act = QAction(choice_label(choice), menu)
            act.setCheckable(True)
            act.setChecked(choice == chosen)
            act.setData(choice)
            act.triggered.connect(lambda _c=False, c=choice: self.choose(c))
            self.group.addAction(act)
            menu.addAction(act)
            self.actions[choice] = act
        self.retranslate()

    def retranslate(self) -> None:
        self.menu.setTitle(QCoreApplication.translate("Language", "&Language"))
        self.actions[SYSTEM].setText(choice_label(SYSTEM))

    def choose(self, choice: str) -> str:
        """Save ``choice`` and apply it now; returns the note shown in the status bar."""
        save_choice(self.settings, choice)
        self.actions[choice].setChecked(True)
        language = resolve(choice)
        if apply(language):
            note = QCoreApplication.translate(
                "Language", "Language: {name}. A panel that keeps its old texts changes at "
                "the next start.").format(name=choice_label(choice))
        else:
            note = QCoreApplication.translate(
                "Language", "The translation could not be read; the language changes at the "
                "next start if it can be read then.")
        note = font_warning(language) or note
        self.chosen.emit(note)
        return note
