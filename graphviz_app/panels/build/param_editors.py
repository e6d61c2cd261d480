"""Typed editors for op parameters, one per ParamSpec kind.

int → QSpinBox, float → QDoubleSpinBox, bool → QCheckBox, choice → QComboBox,
ints/shape → a line edit parsed like ``8, 8`` or ``None, 2`` (checked as you type),
str → a line edit. Every editor reports a finished value through ``commit(value)``.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QLabel, QLineEdit, QSpinBox,
                               QVBoxLayout, QWidget)

from engine.ops.base import ParamError, ParamSpec

from ...i18n import error_text, translate
from .op_texts import op_text

_OPEN = {"none", "n", "?", "-1", "null"}
ERROR_STYLE = "color: palette(bright-text); background: #c62828; padding: 2px; border-radius: 3px;"
MAX_ENTRIES = 32          # what a saved file may hold (engine.safe_io), so it can be reopened
MAX_ENTRY = 1 << 40


def parse_dims(text: str, allow_open: bool) -> tuple:
    """``"8, 8"`` or ``"8x8"`` → (8, 8); ``"None, 2"`` → (None, 2) when ``allow_open`` (where
    -1 means open too; elsewhere -1 is a number). Raise ValueError saying what to change."""
    body = text.strip().strip("()[]").strip()
    if not body:
        return ()
    body = re.sub(r"(?<=\d)\s*[x×]\s*(?=\d)", ",", body)   # 8x8, 8 × 8
    parts = [p for p in re.split(r"[,;\s]+", body) if p]
    if len(parts) > MAX_ENTRIES:
        raise ValueError(translate("Params", "{count} entries; at most {limit} are allowed")
                         .format(count=len(parts), limit=MAX_ENTRIES))
    out: list[int | None] = []
    for p in parts:
        if p.lower() in _OPEN and (allow_open or p != "-1"):
            if not allow_open:
                raise ValueError(translate("Params", "{entry!r}: every entry must be a whole number "
                                           "here").format(entry=p))
            out.append(None)
            continue
        try:
            v = int(p)
        except ValueError:
            raise ValueError((translate("Params", "{entry!r} is not a whole number (use None for an "
                                        "open dimension)") if allow_open else
                              translate("Params", "{entry!r} is not a whole number")).format(entry=p)
                             ) from None
        if abs(v) > MAX_ENTRY:
            raise ValueError(translate("Params", "{entry} is too large; use a number below "
                                       "{limit:,}").format(entry=p, limit=MAX_ENTRY))
        out.append(v)
    return tuple(out)


def format_dims(value: Any) -> str:
    if value is None:
        return ""
    return ", ".join("None" if v is None else str(v) for v in tuple(value))


class ParamEditor(QWidget):
    """One parameter: the typed widget plus a red message line shown while the value is bad."""

    def __init__(self, spec: ParamSpec, value: Any, commit: Callable[[Any], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._commit = commit
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.widget = self._make(spec)
        self.widget.setToolTip(op_text(spec.doc))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.widget)
        lay.addWidget(self.error)
        self.set_value(value)

    def _make(self, spec: ParamSpec) -> QWidget:
        k = spec.kind
        if k == "int":
            w = QSpinBox(self)
            w.setRange(int(spec.min) if spec.min is not None else -10**9,
                       int(spec.max) if spec.max is not None else 10**9)
            w.setKeyboardTracking(False)
            w.valueChanged.connect(lambda v: self._commit(int(v)))
        elif k == "float":
            w = QDoubleSpinBox(self)
            w.setDecimals(6)
            w.setRange(spec.min if spec.min is not None else -1e12,
                       spec.max if spec.max is not None else 1e12)
            w.setSingleStep(0.1)
            w.setKeyboardTracking(False)
            w.valueChanged.connect(lambda v: self._commit(float(v)))
        elif k == "bool":
            w = QCheckBox(self)
            w.toggled.connect(lambda v: self._commit(bool(v)))
        elif k == "choice":
            w = QComboBox(self)
            w.addItems([str(c) for c in spec.choices])
            w.currentIndexChanged.connect(lambda i: self._commit(spec.choices[i]) if i >= 0 else None)
        else:
            w = QLineEdit(self)
            if k in ("ints", "shape"):
                w.setPlaceholderText(translate("Params", "e.g. None, 2") if k == "shape" else
                                     translate("Params", "e.g. 8, 8"))
                w.textEdited.connect(self._validate_text)
            w.editingFinished.connect(self._finish_text)
        return w

    # -- values ---------------------------------------------------------------------------------
    def set_value(self, value: Any) -> None:
        """Show ``value`` without committing it."""
        w, k = self.widget, self.spec.kind
        w.blockSignals(True)
        try:
            if k in ("int", "float"):
                w.setValue(value)
            elif k == "bool":
                w.setChecked(bool(value))
            elif k == "choice":
                w.setCurrentIndex(list(self.spec.choices).index(value) if value in self.spec.choices else -1)
            elif k in ("ints", "shape"):
                w.setText(format_dims(value))
            else:
                w.setText(str(value))
        finally:
            w.blockSignals(False)
        self.show_error(None)

    def parsed(self) -> Any:
        """The line edit's value, coerced by the spec; raise ValueError with a message."""
        text = self.widget.text()
        if self.spec.kind not in ("ints", "shape"):
            return text
        value = parse_dims(text, allow_open=self.spec.kind == "shape")
        try:
            return self.spec.coerce(value)
        except ParamError as e:
            raise ValueError(error_text(e)) from None

    def _validate_text(self, _text: str = "") -> bool:
        try:
            self.parsed()
        except ValueError as e:
            self.show_error(str(e))
            return False
        self.show_error(None)
        return True

    def _finish_text(self) -> None:
        if self._validate_text():
            self._commit(self.parsed())

    def show_error(self, message: str | None) -> None:
        """A red message under the editor (None hides it)."""
        if message:
            self.error.setText(message)
            self.error.show()
            self.widget.setStyleSheet("border: 2px solid #d32f2f;")
        else:
            self.error.hide()
            self.widget.setStyleSheet("")
