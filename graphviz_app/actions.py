"""The main window's actions, menus (File, Edit, View, Settings, Help) and toolbar.

Every text is marked with ``QT_TRANSLATE_NOOP`` (so that ``pyside6-lupdate`` finds it) and set
through :meth:`Actions.retranslate`, which the window calls again when the language changes.
"""
from __future__ import annotations

import html
import os
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QToolBar, QWidget

from engine import guides
from engine.examples import EXAMPLES

from . import i18n
from .docks import LAYOUTS

if TYPE_CHECKING:  # pragma: no cover
    from .docks import DockManager
    from .main_window import MainWindow

C = "Actions"   # the translation context of this module's texts
MOUSE = [
    (QT_TRANSLATE_NOOP("Actions", "Drag an op from the palette"),
     QT_TRANSLATE_NOOP("Actions", "add a node where it is dropped")),
    (QT_TRANSLATE_NOOP("Actions", "Double-click an op"),
     QT_TRANSLATE_NOOP("Actions", "add it at the centre of the canvas")),
    (QT_TRANSLATE_NOOP("Actions", "Drag from an output port to an input port"),
     QT_TRANSLATE_NOOP("Actions", "wire")),
    (QT_TRANSLATE_NOOP("Actions", "Drag a wire's input end away"),
     QT_TRANSLATE_NOOP("Actions", "move or remove that wire")),
    (QT_TRANSLATE_NOOP("Actions", "Double-click a group"),
     QT_TRANSLATE_NOOP("Actions", "collapse or expand it")),
    (QT_TRANSLATE_NOOP("Actions", "Mouse wheel"),
     QT_TRANSLATE_NOOP("Actions", "zoom around the cursor")),
    (QT_TRANSLATE_NOOP("Actions", "Middle drag, or Space + drag"),
     QT_TRANSLATE_NOOP("Actions", "pan")),
    (QT_TRANSLATE_NOOP("Actions", "Hover a node"),
     QT_TRANSLATE_NOOP("Actions", "its value or gradient, with the formula in numbers")),
    (QT_TRANSLATE_NOOP("Actions", "F, on the canvas"),
     QT_TRANSLATE_NOOP("Actions", "fit the graph in view")),
    (QT_TRANSLATE_NOOP("Actions", "Escape, while wiring"),
     QT_TRANSLATE_NOOP("Actions", "cancel the wire")),
]


def _tr(text: str, context: str = C) -> str:
    return QCoreApplication.translate(context, text)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…")


def action_shortcuts(win: QWidget) -> list[tuple[str, str]]:
    """(keys, what they do) for every action of ``win`` that has a shortcut, menus, toolbars
    and panels alike, each action once, in the order Qt lists them."""
    rows: list[tuple[str, str]] = []
    seen: set[int] = set()
    for act in win.findChildren(QAction):
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts()]
        keys = [k for k in keys if k]
        if not keys or id(act) in seen:
            continue
        seen.add(id(act))
        what = _plain(act.text()) or _plain(act.toolTip())
        tip = act.toolTip()
        if tip and _plain(tip) != what:
            what = QCoreApplication.translate("Actions", "{what}: {tip}").format(what=what, tip=tip)
        rows.append((" / ".join(keys), what))
    return rows


def shortcuts_html(win: QWidget) -> str:
    """Help → Keyboard and mouse: every action's shortcut, then the mouse gestures."""
    def table(rows):
        return "<table>" + "".join(f"<tr><td><b>{html.escape(k)}</b></td>"
                                   f"<td>&nbsp;{html.escape(v)}</td></tr>" for k, v in rows) + "</table>"
    mouse = [(_tr(k), _tr(v)) for k, v in MOUSE]
    keyboard = QCoreApplication.translate("Actions", "Keyboard")
    mouse_title = QCoreApplication.translate("Actions", "Mouse")
    return (f"<h3>{html.escape(keyboard)}</h3>{table(action_shortcuts(win))}"
            f"<h3>{html.escape(mouse_title)}</h3>{table(mouse)}")


def _std(seq: QKeySequence.StandardKey) -> list[QKeySequence]:
    return QKeySequence.keyBindings(seq)


class Actions:
    """Creates every QAction of the window and wires it to the window's methods."""

    def __init__(self, win: "MainWindow") -> None:
        self.win = win
        self._texts: list[tuple[QAction | QMenu | QToolBar, str, str]] = []  # item, context, source
        w, s = win, win.session
        style = win.style()
        sp = QStyle.StandardPixmap
        a = self._add
        self.new = a(QT_TRANSLATE_NOOP("Actions", "&New"), w.files.new, "Ctrl+N",
                     style.standardIcon(sp.SP_FileIcon))
        self.open = a(QT_TRANSLATE_NOOP("Actions", "&Open…"), w.files.open, "Ctrl+O",
                      style.standardIcon(sp.SP_DialogOpenButton))
        self.save = a(QT_TRANSLATE_NOOP("Actions", "&Save"), w.files.save, "Ctrl+S",
                      style.standardIcon(sp.SP_DialogSaveButton))
        self.save_as = a(QT_TRANSLATE_NOOP("Actions", "Save &As…"), w.files.save_as, "Ctrl+Shift+S")
        self.export_png = a(QT_TRANSLATE_NOOP("Actions", "Export Canvas as &PNG…"),
                            lambda: w.export("png"))
        self.export_svg = a(QT_TRANSLATE_NOOP("Actions", "Export Canvas as S&VG…"),
                            lambda: w.export("svg"))
        self.quit = a(QT_TRANSLATE_NOOP("Actions", "&Quit"), w.close, "Ctrl+Q")
        self.undo = a(QT_TRANSLATE_NOOP("Actions", "&Undo"), s.undo,
                      _std(QKeySequence.StandardKey.Undo), style.standardIcon(sp.SP_ArrowBack))
        self.redo = a(QT_TRANSLATE_NOOP("Actions", "&Redo"), s.redo, ["Ctrl+Shift+Z", "Ctrl+Y"],
                      style.standardIcon(sp.SP_ArrowForward))
        self.copy = a(QT_TRANSLATE_NOOP("Actions", "&Copy"), w.copy, "Ctrl+C")
        self.paste = a(QT_TRANSLATE_NOOP("Actions", "&Paste"), w.paste, "Ctrl+V")
        self.duplicate = a(QT_TRANSLATE_NOOP("Actions", "&Duplicate"), w.duplicate, "Ctrl+D")
        self.delete = a(QT_TRANSLATE_NOOP("Actions", "De&lete"), w.delete_selection,
                        ["Delete", "Backspace"], style.standardIcon(sp.SP_TrashIcon))
        self.select_all = a(QT_TRANSLATE_NOOP("Actions", "Select &All"), w.select_all, "Ctrl+A")
        self.group = a(QT_TRANSLATE_NOOP("Actions", "&Group Selection"), w.group_selection,
                       "Ctrl+G")
        self.ungroup = a(QT_TRANSLATE_NOOP("Actions", "U&ngroup"), w.ungroup_selection,
                         "Ctrl+Shift+G")
        self.layout = a(QT_TRANSLATE_NOOP("Actions", "Auto &Layout"), w.auto_layout, "Ctrl+L",
                        style.standardIcon(sp.SP_BrowserReload))
        self.fit = a(QT_TRANSLATE_NOOP("Actions", "&Fit to View"), w.view.fit_all, ["Ctrl+0"])
        self.zoom_in = a(QT_TRANSLATE_NOOP("Actions", "Zoom &In"), w.view.zoom_in,
                         ["Ctrl++", "Ctrl+="])
        self.zoom_out = a(QT_TRANSLATE_NOOP("Actions", "Zoom &Out"), w.view.zoom_out, "Ctrl+-")
        self.shortcuts = a(QT_TRANSLATE_NOOP("Actions", "&Keyboard and Mouse…"),
                           w.show_shortcuts, "F1")
        self.welcome = a(QT_TRANSLATE_NOOP("Actions", "&Examples…"), w.show_welcome)
        self.about = a(QT_TRANSLATE_NOOP("Actions", "&About graphviz-app"), w.show_about)
        self.layouts = {key: a(layout.title, lambda k=key: w.apply_layout(k), f"Ctrl+{i}",
                               context="Layouts")
                        for i, (key, layout) in enumerate(LAYOUTS.items(), start=1)}
        self.reset_layout = a(QT_TRANSLATE_NOOP("Actions", "&Reset Layout"), w.reset_layout)
        s.undo_stack.canUndoChanged.connect(self.undo.setEnabled)
        s.undo_stack.canRedoChanged.connect(self.redo.setEnabled)
        self.undo.setEnabled(s.undo_stack.canUndo())
        self.redo.setEnabled(s.undo_stack.canRedo())
        self.recent_menu = self._menu(QMenu(win), QT_TRANSLATE_NOOP("Actions", "Open &Recent"))
        self.examples_menu = self._menu(QMenu(win), QT_TRANSLATE_NOOP("Actions", "E&xamples"))
        self._recent: list[str] = []
        w.files.recent_changed.connect(self.fill_recent)
        self.fill_recent(w.files.recent_files())
        self.fill_examples()

    def _add(self, text: str, slot: Callable, keys=None, icon=None, context: str = C) -> QAction:
        act = QAction(_tr(text, context), self.win)
        self._texts.append((act, context, text))
        if icon is not None:
            act.setIcon(icon)
        if keys:
            seqs = [QKeySequence(k) if isinstance(k, str) else k
                    for k in (keys if isinstance(keys, list) else [keys])]
            act.setShortcuts(seqs)
        act.triggered.connect(lambda _checked=False: slot())
        self.win.addAction(act)  # shortcuts work whichever widget has focus
        return act

    def _menu(self, menu: QMenu, text: str, context: str = C) -> QMenu:
        menu.setTitle(_tr(text, context))
        self._texts.append((menu, context, text))
        return menu

    def retranslate(self) -> None:
        """Set every action's and menu's text again in the current language."""
        for item, context, source in self._texts:
            if isinstance(item, QMenu):
                item.setTitle(_tr(source, context))
            elif isinstance(item, QAction):
                item.setText(_tr(source, context))
            else:
                item.setWindowTitle(_tr(source, context))
        self.fill_recent(self._recent)
        self.examples_menu.clear()
        self.fill_examples()
        self.language.retranslate()

    def fill_recent(self, files: list) -> None:
        self._recent = list(files)
        menu = self.recent_menu
        menu.clear()
        for path in files:
            act = menu.addAction(os.path.basename(path))
            act.setToolTip(path)
            act.setStatusTip(path)
            act.triggered.connect(lambda _c=False, p=path: self.win.files.open(p))
        if files:
            menu.addSeparator()
            menu.addAction(QCoreApplication.translate("Actions", "Clear List"),
                           self.win.files.clear_recent)
        menu.setEnabled(bool(files))

    def fill_examples(self) -> None:
        """One entry per example, titled and described in the current language (from its
        translated guide; English where there is none)."""
        found = guides.load_all(EXAMPLES, i18n.current()) if i18n.current() != guides.ENGLISH else {}
        for name, entry in EXAMPLES.items():
            g = found.get(name)
            title = g.title if g else entry[0]
            description = guides.CONTROL.sub(r"\1", g.shows) if g else entry[1]
            act = self.examples_menu.addAction(title)
            act.setToolTip(description)
            act.setStatusTip(description)
            act.setData(name)
            act.triggered.connect(lambda _c=False, n=name: self.win.files.open_example(n))

    def build_menus(self) -> None:
        bar = self.win.menuBar()
        m = self._menu
        self.file_menu = f = m(bar.addMenu(""), QT_TRANSLATE_NOOP("Actions", "&File"))
        for act in (self.new, self.open):
            f.addAction(act)
        f.addMenu(self.recent_menu)
        f.addMenu(self.examples_menu)
        f.addSeparator()
        for act in (self.save, self.save_as):
            f.addAction(act)
        f.addSeparator()
        self.export_menu = m(f.addMenu(""), QT_TRANSLATE_NOOP("Actions", "&Export"))
        self.export_menu.addAction(self.export_png)
        self.export_menu.addAction(self.export_svg)
        f.addSeparator()
        f.addAction(self.quit)
        e = m(bar.addMenu(""), QT_TRANSLATE_NOOP("Actions", "&Edit"))
        for act in (self.undo, self.redo, None, self.copy, self.paste, self.duplicate, self.delete,
                    self.select_all, None, self.group, self.ungroup, None, self.layout):
            e.addSeparator() if act is None else e.addAction(act)
        self.view_menu = v = m(bar.addMenu(""), QT_TRANSLATE_NOOP("Actions", "&View"))
        for act in (self.fit, self.zoom_in, self.zoom_out):
            v.addAction(act)
        v.addSeparator()
        self.layout_menu = m(v.addMenu(""), QT_TRANSLATE_NOOP("Actions", "&Layout"))
        for act in self.layouts.values():
            self.layout_menu.addAction(act)
        self.layout_menu.addSeparator()
        self.layout_menu.addAction(self.reset_layout)
        v.addSeparator()
        self.panels_separator = v.addSeparator()
        self.settings_menu = m(bar.addMenu(""), QT_TRANSLATE_NOOP("Actions", "&Settings"))
        self.language = i18n.LanguageMenu(self.settings_menu.addMenu(""), self.win.settings,
                                          self.win)
        self.language.chosen.connect(self.win.statusBar().showMessage)
        self.help_menu = h = m(bar.addMenu(""), QT_TRANSLATE_NOOP("Actions", "&Help"))
        h.addAction(self.welcome)
        h.addAction(self.shortcuts)
        h.addAction(self.about)

    def finish_file_menu(self) -> None:
        """Quit stays last, below what other parts of the window added to the File menu."""
        self.file_menu.removeAction(self.quit)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit)

    def fill_panels(self, docks: "DockManager") -> None:
        """One View entry per panel, which shows it in front."""
        for act in docks.show_actions.values():
            self.view_menu.addAction(act)

    def build_toolbar(self) -> QToolBar:
        tb = QToolBar(self.win)
        self._texts.append((tb, C, QT_TRANSLATE_NOOP("Actions", "Main toolbar")))
        tb.setWindowTitle(_tr("Main toolbar"))
        tb.setObjectName("main_toolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for act in (self.new, self.open, self.save, None, self.undo, self.redo, self.delete, None,
                    self.layout, self.fit):
            tb.addSeparator() if act is None else tb.addAction(act)
        return tb
