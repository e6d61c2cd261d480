"""File → "Save Weights of Selection…" and "Load Weights into Selection…" (transfer learning).

Saving writes the selected nodes' arrays to an ``.npz`` keyed ``"<node name>/<array name>"``
(:func:`engine.serialize.save_arrays`). Loading matches the file's arrays to the selected nodes
by node name and shape (:func:`engine.serialize.load_arrays`): it runs on a copy of the graph
first, so a file that does not fit changes nothing, and the arrays that fit are put in place by
one undoable command. Either way the user is told what matched and what did not.
"""
from __future__ import annotations

import os
from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from engine import serialize

from ..i18n import QT_TRANSLATE_NOOP, compose, error_text, join, live, translate
from ..training.worker import LoadWeightsCommand

__all__ = ["WeightsIO", "install"]


def _filter() -> str:
    """The dialogs' filter in the user's language (the pattern stays)."""
    return translate("WeightsMenu", "Weights (*.npz);;All files (*)")


class WeightsIO(QObject):
    """Saves and loads the weights of the selected nodes; dialogs are replaceable hooks."""

    def __init__(self, session, widget: QWidget | None = None) -> None:
        super().__init__(widget)
        self.session = session
        self.widget = widget
        self.ask_save_path: Callable[[str], str | None] = self._dialog_save
        self.ask_open_path: Callable[[], str | None] = self._dialog_open
        self.show_error: Callable[[str, str], None] = self._dialog_error
        self.show_info: Callable[[str, str], None] = self._dialog_info

    def _selection(self, what: str) -> list[str] | None:
        sel = self.session.selected()
        if not sel:
            self.show_error(what, translate(
                "WeightsMenu", "Nothing is selected. Select the nodes (for example the layers of "
                "an encoder) whose weights to use, then try again."))
            return None
        return sel

    def save_selection(self, path: str | None = None) -> list[str] | None:
        """Save the selected nodes' arrays; return the keys written (None if nothing was)."""
        title = translate("WeightsMenu", "Save weights of selection")
        sel = self._selection(title)
        if sel is None:
            return None
        g = self.session.graph
        names = [g.nodes[n].name for n in sel]
        path = path or self.ask_save_path("_".join(names[:2]) + ".npz")
        if not path:
            return None
        if not path.lower().endswith(".npz"):
            path += ".npz"
        try:
            keys = serialize.save_arrays(g, path, sel)
        except ValueError as e:
            self.show_error(title, translate(
                "WeightsMenu", "{why}. Select layers that own weights (dense, conv2d, embedding, "
                "parameter…).").format(why=error_text(e)))
            return None
        except OSError as e:
            self.show_error(title, translate(
                "WeightsMenu", "{path} could not be written ({why}); choose another place. "
                "Nothing was lost.").format(path=path, why=e.strerror or e))
            return None
        self.session.message.emit(translate(
            "WeightsMenu", "Saved {count} arrays to {file}: {names}").format(
            count=len(keys), file=os.path.basename(path), names=", ".join(keys)))
        return keys

    def load_selection(self, path: str | None = None) -> serialize.ArrayReport | None:
        """Load matching arrays into the selected nodes (undoable); return the report."""
        title = translate("WeightsMenu", "Load weights into selection")
        sel = self._selection(title)
        if sel is None:
            return None
        if self.session.locked:
            self.show_error(title, translate(
                "WeightsMenu", "Training is running; stop it first, then load weights."))
            return None
        path = path or self.ask_open_path()
        if not path:
            return None
        trial = self.session.graph.copy()
        try:
            report = serialize.load_arrays(trial, path, sel)
        except (ValueError, OSError) as e:    # FileFormatError is a ValueError
            why = e.strerror if isinstance(e, OSError) and e.strerror else error_text(e)
            self.show_error(title, translate("WeightsMenu", "{why}\n\nThe weights are "
                                             "unchanged.").format(why=why))
            return None
        old = self.session.graph.weight_snapshot()
        new = trial.weight_snapshot()
        changed = {k: v for k, v in new.items() if k in old and k[0] in sel}
        self.session.push(LoadWeightsCommand(self.session, {**old, **changed}, old,
                                             QT_TRANSLATE_NOOP("WeightsMenu",
                                                               "Load weights from {file}"),
                                             file=os.path.basename(path)))
        self.show_info(title, describe(report))
        self.session.message.emit(compose("{file}: {summary}", file=os.path.basename(path),
                                          summary=summary(report)))
        return report

    # -- default dialogs ------------------------------------------------------------------------
    def _dialog_save(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.widget,
                                              translate("WeightsMenu", "Save weights of selection"),
                                              os.path.join(os.path.expanduser("~"), suggested),
                                              _filter())
        return path or None

    def _dialog_open(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.widget,
                                              translate("WeightsMenu", "Load weights into selection"),
                                              os.path.expanduser("~"), _filter())
        return path or None

    def _dialog_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.widget, title, text)

    def _dialog_info(self, title: str, text: str) -> None:
        QMessageBox.information(self.widget, title, text)


def describe(report: serialize.ArrayReport) -> str:
    """What a load matched and what it did not, one list per line."""
    lines = [translate("WeightsMenu", "Loaded {count} arrays (matched by node name and shape): "
                       "{names}").format(count=len(report.loaded), names=", ".join(report.loaded))]
    if report.missing:
        lines.append(translate("WeightsMenu", "Not in the file, kept as they were: {names}").format(
            names=", ".join(report.missing)))
    if report.unused:
        lines.append(translate("WeightsMenu", "In the file but matching no selected node: {names}"
                               ).format(names=", ".join(report.unused)))
    return "\n".join(lines)


def summary(report: serialize.ArrayReport) -> str:
    """One status-bar line: 'loaded 2 arrays; kept 1 not in the file (d2.W)'."""
    parts = [translate("WeightsMenu", "loaded {count} arrays").format(count=len(report.loaded))]
    if report.missing:
        parts.append(translate("WeightsMenu", "kept {count} not in the file ({names})").format(
            count=len(report.missing), names=", ".join(report.missing)))
    if report.unused:
        parts.append(translate("WeightsMenu", "ignored {count} with no matching node ({names})"
                               ).format(count=len(report.unused), names=", ".join(report.unused)))
    return join(translate("WeightsMenu", "; "), parts)


def install(main_window) -> WeightsIO:
    """Add the two File menu entries to ``main_window``."""
    io = WeightsIO(main_window.session, main_window)
    menu = main_window.actions.file_menu
    menu.addSeparator()
    live(menu.addAction("", lambda: io.save_selection()).setText,
         QT_TRANSLATE_NOOP("WeightsMenu", "Save &Weights of Selection…"))
    live(menu.addAction("", lambda: io.load_selection()).setText,
         QT_TRANSLATE_NOOP("WeightsMenu", "&Load Weights into Selection…"))
    return io
