"""The main window's actions, menus (File, Edit, View, Help) and toolbar."""
from __future__ import annotations

import html
import os
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QToolBar, QWidget

from engine.examples import EXAMPLES

from .docks import LAYOUTS

if TYPE_CHECKING:  # pragma: no cover
    from .docks import DockManager
    from .main_window import MainWindow

MOUSE = [
    ("Drag an op from the palette", "add a node where it is dropped"),
    ("Double-click an op", "add it at the centre of the canvas"),
    ("Drag from an output port to an input port", "wire"),
    ("Drag a wire's input end away", "move or remove that wire"),
    ("Double-click a group", "collapse or expand it"),
    ("Mouse wheel", "zoom around the cursor"),
    ("Middle drag, or Space + drag", "pan"),
    ("Hover a node", "its value or gradient, with the formula in numbers"),
    ("F, on the canvas", "fit the graph in view"),
    ("Escape, while wiring", "cancel the wire"),
]


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
            what = f"{what}: {tip}"
        rows.append((" / ".join(keys), what))
    return rows


def shortcuts_html(win: QWidget) -> str:
    """Help → Keyboard and mouse: every action's shortcut, then the mouse gestures."""
    def table(rows):
        return "<table>" + "".join(f"<tr><td><b>{html.escape(k)}</b></td>"
                                   f"<td>&nbsp;{html.escape(v)}</td></tr>" for k, v in rows) + "</table>"
    return (f"<h3>Keyboard</h3>{table(action_shortcuts(win))}"
            f"<h3>Mouse</h3>{table(MOUSE)}")


def _std(seq: QKeySequence.StandardKey) -> list[QKeySequence]:
    return QKeySequence.keyBindings(seq)


class Actions:
    """Creates every QAction of the window and wires it to the window's methods."""

    def __init__(self, win: "MainWindow") -> None:
        self.win = win
        w, s = win, win.session
        style = win.style()
        sp = QStyle.StandardPixmap
        a = self._add
        self.new = a("&New", w.files.new, "Ctrl+N", style.standardIcon(sp.SP_FileIcon))
        self.open = a("&Open…", w.files.open, "Ctrl+O", style.standardIcon(sp.SP_DialogOpenButton))
        self.save = a("&Save", w.files.save, "Ctrl+S", style.standardIcon(sp.SP_DialogSaveButton))
        self.save_as = a("Save &As…", w.files.save_as, "Ctrl+Shift+S")
        self.export_png = a("Export Canvas as &PNG…", lambda: w.export("png"))
        self.export_svg = a("Export Canvas as S&VG…", lambda: w.export("svg"))
        self.quit = a("&Quit", w.close, "Ctrl+Q")
        self.undo = a("&Undo", s.undo, _std(QKeySequence.StandardKey.Undo),
                      style.standardIcon(sp.SP_ArrowBack))
        self.redo = a("&Redo", s.redo, ["Ctrl+Shift+Z", "Ctrl+Y"],
                      style.standardIcon(sp.SP_ArrowForward))
        self.copy = a("&Copy", w.copy, "Ctrl+C")
        self.paste = a("&Paste", w.paste, "Ctrl+V")
        self.duplicate = a("&Duplicate", w.duplicate, "Ctrl+D")
        self.delete = a("De&lete", w.delete_selection, ["Delete", "Backspace"],
                        style.standardIcon(sp.SP_TrashIcon))
        self.select_all = a("Select &All", w.select_all, "Ctrl+A")
        self.group = a("&Group Selection", w.group_selection, "Ctrl+G")
        self.ungroup = a("U&ngroup", w.ungroup_selection, "Ctrl+Shift+G")
        self.layout = a("Auto &Layout", w.auto_layout, "Ctrl+L", style.standardIcon(sp.SP_BrowserReload))
        self.fit = a("&Fit to View", w.view.fit_all, ["Ctrl+0"])
        self.zoom_in = a("Zoom &In", w.view.zoom_in, ["Ctrl++", "Ctrl+="])
        self.zoom_out = a("Zoom &Out", w.view.zoom_out, "Ctrl+-")
        self.shortcuts = a("&Keyboard and Mouse…", w.show_shortcuts, "F1")
        self.welcome = a("&Examples…", w.show_welcome)
        self.about = a("&About graphviz-app", w.show_about)
        self.layouts = {key: a(layout.title, lambda k=key: w.apply_layout(k), f"Ctrl+{i}")
                        for i, (key, layout) in enumerate(LAYOUTS.items(), start=1)}
        self.reset_layout = a("&Reset Layout", w.reset_layout)
        s.undo_stack.canUndoChanged.connect(self.undo.setEnabled)
        s.undo_stack.canRedoChanged.connect(self.redo.setEnabled)
        self.undo.setEnabled(s.undo_stack.canUndo())
        self.redo.setEnabled(s.undo_stack.canRedo())
        self.recent_menu = QMenu("Open &Recent", win)
        self.examples_menu = QMenu("E&xamples", win)
        w.files.recent_changed.connect(self.fill_recent)
        self.fill_recent(w.files.recent_files())
        self.fill_examples()

    def _add(self, text: str, slot: Callable, keys=None, icon=None) -> QAction:
        act = QAction(text, self.win)
        if icon is not None:
            act.setIcon(icon)
        if keys:
            seqs = [QKeySequence(k) if isinstance(k, str) else k
                    for k in (keys if isinstance(keys, list) else [keys])]
            act.setShortcuts(seqs)
        act.triggered.connect(lambda _checked=False: slot())
        self.win.addAction(act)  # shortcuts work whichever widget has focus
        return act

    def fill_recent(self, files: list) -> None:
        menu = self.recent_menu
        menu.clear()
        for path in files:
            act = menu.addAction(os.path.basename(path))
            act.setToolTip(path)
            act.setStatusTip(path)
            act.triggered.connect(lambda _c=False, p=path: self.win.files.open(p))
        if files:
            menu.addSeparator()
            menu.addAction("Clear List", self.win.files.clear_recent)
        menu.setEnabled(bool(files))

    def fill_examples(self) -> None:
        for name, entry in EXAMPLES.items():
            title, description = entry[0], entry[1]
            act = self.examples_menu.addAction(title)
            act.setToolTip(description)
            act.setStatusTip(description)
            act.setData(name)
            act.triggered.connect(lambda _c=False, n=name: self.win.files.open_example(n))

    def build_menus(self) -> None:
        bar = self.win.menuBar()
        self.file_menu = f = bar.addMenu("&File")
        for act in (self.new, self.open):
            f.addAction(act)
        f.addMenu(self.recent_menu)
        f.addMenu(self.examples_menu)
        f.addSeparator()
        for act in (self.save, self.save_as):
            f.addAction(act)
        f.addSeparator()
        self.export_menu = f.addMenu("&Export")
        self.export_menu.addAction(self.export_png)
        self.export_menu.addAction(self.export_svg)
        f.addSeparator()
        f.addAction(self.quit)
        e = bar.addMenu("&Edit")
        for act in (self.undo, self.redo, None, self.copy, self.paste, self.duplicate, self.delete,
                    self.select_all, None, self.group, self.ungroup, None, self.layout):
            e.addSeparator() if act is None else e.addAction(act)
        self.view_menu = v = bar.addMenu("&View")
        for act in (self.fit, self.zoom_in, self.zoom_out):
            v.addAction(act)
        v.addSeparator()
        self.layout_menu = v.addMenu("&Layout")
        for act in self.layouts.values():
            self.layout_menu.addAction(act)
        self.layout_menu.addSeparator()
        self.layout_menu.addAction(self.reset_layout)
        v.addSeparator()
        self.panels_separator = v.addSeparator()
        self.help_menu = h = bar.addMenu("&Help")
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
        tb = QToolBar("Main toolbar", self.win)
        tb.setObjectName("main_toolbar")
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for act in (self.new, self.open, self.save, None, self.undo, self.redo, self.delete, None,
                    self.layout, self.fit):
            tb.addSeparator() if act is None else tb.addAction(act)
        return tb
