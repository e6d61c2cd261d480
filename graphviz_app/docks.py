"""The window's panels: one dock each, tabbed in three areas (left, right, bottom), raised by
the View menu, arranged by named layouts, and saved with a version so that a panel added by a
later release lands in its own place instead of where an old saved layout would leave it.

Every panel's content sits in a scroll area, so a dock's minimum size is small whatever its
form holds, and the window fits a 1280x720 screen with every panel installed.

Panel titles are given in English and shown translated (context ``"Panels"``; callers mark them
with ``QT_TRANSLATE_NOOP("Panels", "Title")``); a panel is found by either title.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QDockWidget, QFrame, QMainWindow, QScrollArea, QTabBar,
                               QTabWidget, QWidget)

Area = Qt.DockWidgetArea
AREAS = {"left": Area.LeftDockWidgetArea, "right": Area.RightDockWidgetArea,
         "bottom": Area.BottomDockWidgetArea}
STATE_VERSION = 3  # bump when the default arrangement changes shape


@dataclass(frozen=True)
class Layout:
    """A named arrangement: the panel raised in each area (areas not named are hidden), and the
    size of each area as a fraction of the window (width for left/right, height for bottom)."""
    title: str
    front: dict[str, tuple[str, ...]]            # area -> dock names, first present one raised
    sizes: dict[str, float] = field(default_factory=dict)


LAYOUTS: dict[str, Layout] = {
    "build": Layout(QT_TRANSLATE_NOOP("Layouts", "&Build"),
                    {"left": ("palette_dock",), "right": ("inspector_dock",),
                     "bottom": ("messages_dock", "history_dock")},
                    {"left": 0.16, "right": 0.26, "bottom": 0.22}),
    "step": Layout(QT_TRANSLATE_NOOP("Layouts", "&Step"),
                   {"left": ("palette_dock",), "right": ("player_dock",),
                    "bottom": ("gradcheck_dock", "messages_dock")},
                   {"left": 0.16, "right": 0.26, "bottom": 0.24}),
    "train": Layout(QT_TRANSLATE_NOOP("Layouts", "&Train"),
                    {"right": ("training_dock",), "bottom": ("loss_dock",)},
                    {"right": 0.31, "bottom": 0.36}),
    "inside": Layout(QT_TRANSLATE_NOOP("Layouts", "Look &inside"),
                     {"right": ("inspector_dock",),
                      "bottom": ("activations_dock", "feature_maps_dock", "decision_boundary_dock",
                                 "cost_surface_dock", "hidden_units_dock", "data_dock",
                                 "loss_dock")},
                     {"right": 0.24, "bottom": 0.52}),
}
DEFAULT_LAYOUT = "build"


class _NoTitle(QWidget):
    """An empty title bar, for docks whose tab already names them."""

    def sizeHint(self):  # noqa: N802 - Qt's name
        return super().sizeHint().__class__(0, 0)


class DockManager(QObject):
    """Creates, places, raises and arranges the window's docks."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.win = window
        self.docks: dict[str, QDockWidget] = {}
        self.areas: dict[str, str] = {}            # dock name -> area key
        self.source_titles: dict[str, str] = {}    # dock name -> English title
        self.show_actions: dict[str, QAction] = {}
        self._sweep = QTimer(self)
        self._sweep.setSingleShot(True)
        self._sweep.setInterval(0)
        self._sweep.timeout.connect(self.hide_orphan_tab_bars)
        window.installEventFilter(self)
        window.setDockNestingEnabled(False)
        window.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, QTabWidget.TabPosition.North)
        for corner, area in ((Qt.Corner.BottomLeftCorner, Area.LeftDockWidgetArea),
                             (Qt.Corner.BottomRightCorner, Area.RightDockWidgetArea)):
            window.setCorner(corner, area)

    # -- panels ---------------------------------------------------------------------------------
    def add(self, widget: QWidget, title: str, name: str, area: str) -> QDockWidget:
        """Add ``widget`` as the dock ``name`` titled ``title``, tabbed into ``area``."""
        if area not in AREAS:
            raise ValueError(f"area must be one of {sorted(AREAS)}, not {area!r}")
        if name in self.docks:
            raise ValueError(f"a panel named {name!r} exists already")
        dock = QDockWidget(QCoreApplication.translate("Panels", title), self.win)
        dock.setObjectName(name)
        scroll = QScrollArea()
        scroll.setObjectName(f"{name}_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(widget)
        dock.setWidget(scroll)
        dock.setMinimumSize(120, 80)
        # Every area holds a tab group, whose tab names the panel: a title bar as well would
        # cost a row. (Set before the dock joins the layout: changing it later leaves a
        # stale tab bar behind.)
        dock.setTitleBarWidget(_NoTitle(dock))
        same = [d for n, d in self.docks.items() if self.areas[n] == area]
        self.win.addDockWidget(AREAS[area], dock)
        if same:
            self.win.tabifyDockWidget(same[-1], dock)
        self.docks[name] = dock
        self.areas[name] = area
        self.source_titles[name] = title
        self.hide_orphan_tab_bars()
        act = QAction(self.win)
        act.triggered.connect(lambda _c=False, n=name: self.show(n))
        self.show_actions[name] = act
        self._retitle(name)
        return dock

    def _retitle(self, name: str) -> None:
        title = QCoreApplication.translate("Panels", self.source_titles[name])
        self.docks[name].setWindowTitle(title)
        act = self.show_actions[name]
        act.setText(title)
        act.setStatusTip(QCoreApplication.translate("Panels", "Show the {title} panel in front")
                         .format(title=title))

    def retranslate(self) -> None:
        """Title every dock and its View entry again in the current language."""
        for name in self.docks:
            self._retitle(name)

    def hide_orphan_tab_bars(self) -> None:
        """Hide tab bars Qt has stopped using but left on screen.

        Qt 6 leaves the old tab bar of a dock group visible when a tab group forms or grows in
        one area while another area already has one. A stale bar no longer follows the
        layout: its tabs are a subset of a live bar's, or it does not sit on the dock it
        names as current. Qt shows a bar again when it takes it back into use.
        """
        bars = [b for b in self.win.findChildren(QTabBar) if b.parent() is self.win]
        tabs = {b: frozenset(b.tabText(i) for i in range(b.count())) for b in bars}
        by_title = {d.windowTitle(): d for d in self.docks.values()}
        laid_out = self.win.isVisible()
        for bar in bars:
            # Whole panel names, scrolled when they do not fit, rather than "Gra…" and "Co…".
            if bar.elideMode() != Qt.TextElideMode.ElideNone:
                bar.setElideMode(Qt.TextElideMode.ElideNone)
                bar.setUsesScrollButtons(True)
            if not bar.isVisible():
                continue
            stale = any(tabs[bar] < tabs[other] for other in bars if other is not bar)
            if not stale and laid_out and bar.count():
                dock = by_title.get(bar.tabText(bar.currentIndex()))
                if dock is not None and dock.isVisible():
                    g, d = bar.geometry(), dock.geometry()
                    stale = abs(g.left() - d.left()) > 3 or abs(g.width() - d.width()) > 3
            if stale:
                bar.hide()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if obj is self.win and event.type() in (QEvent.Type.Show, QEvent.Type.Resize):
            self._sweep.start()
        return False

    def content(self, name: str) -> QWidget:
        """The panel widget inside the dock ``name``."""
        return self.docks[name].widget().widget()

    def by_title(self, title: str) -> str | None:
        """The dock name whose title, shown or English, is ``title`` (case and '&' ignored),
        else None."""
        def plain(t: str) -> str:
            return t.replace("&", "").strip().lower()
        want = plain(title)
        for name, dock in self.docks.items():
            if want in (plain(dock.windowTitle()), plain(self.source_titles[name])):
                return name
        return None

    def titles(self) -> list[str]:
        return [d.windowTitle() for d in self.docks.values()]

    def show(self, name: str) -> QDockWidget:
        """Make the dock ``name`` visible and in front of its tab group, inside the window."""
        dock = self.docks[name]
        if dock.isFloating():
            dock.setFloating(False)
        dock.show()
        dock.raise_()
        self._sweep.start()
        area_docks = [d for n, d in self.docks.items() if self.areas[n] == self.areas[name]]
        self._ensure_size(name, area_docks)
        return dock

    def _ensure_size(self, name: str, area_docks: list[QDockWidget]) -> None:
        """Grow a just-shown panel's area towards what its content asks for, up to a share of
        the window that leaves the canvas most of the room."""
        dock = self.docks[name]
        hint = self.content(name).sizeHint()
        if self.areas[name] == "bottom":
            want = min(max(hint.height() + 30, 220), int(self.win.height() * 0.5))
            if dock.height() < want:
                self.win.resizeDocks([dock], [want], Qt.Orientation.Vertical)
        else:
            want = min(max(hint.width() + 20, 280), int(self.win.width() * 0.24))
            if dock.width() < want:
                self.win.resizeDocks([dock], [want], Qt.Orientation.Horizontal)

    # -- layouts --------------------------------------------------------------------------------
    def apply_layout(self, key: str) -> None:
        """Arrange the docks as the layout ``key`` of :data:`LAYOUTS` says."""
        layout = LAYOUTS[key]
        for name, dock in self.docks.items():
            if dock.isFloating():
                dock.setFloating(False)
            if self.win.dockWidgetArea(dock) != AREAS[self.areas[name]]:
                self.win.addDockWidget(AREAS[self.areas[name]], dock)
        self._retab()
        for area in AREAS:
            members = [n for n in self.docks if self.areas[n] == area]
            visible = area in layout.front
            for n in members:
                self.docks[n].setVisible(visible)
            if visible:
                front = next((n for n in layout.front[area] if n in self.docks), None)
                if front is not None:
                    self.docks[front].raise_()
        self._apply_sizes(layout)
        self.hide_orphan_tab_bars()
        # Qt settles dock geometry on the next pass of the event loop; size again then.
        QTimer.singleShot(0, lambda: self._apply_sizes(layout))
        self._sweep.start()

    def _apply_sizes(self, layout: Layout) -> None:
        w, h = max(self.win.width(), 640), max(self.win.height(), 400)
        horizontal, hsizes, vertical, vsizes = [], [], [], []
        for area, frac in layout.sizes.items():
            members = [self.docks[n] for n in self.docks
                       if self.areas[n] == area and self.docks[n].isVisible()]
            if not members:
                continue
            if area == "bottom":
                vertical.append(members[0])
                vsizes.append(int(h * frac))
            else:
                horizontal.append(members[0])
                hsizes.append(int(w * frac))
        if horizontal:
            self.win.resizeDocks(horizontal, hsizes, Qt.Orientation.Horizontal)
        if vertical:
            self.win.resizeDocks(vertical, vsizes, Qt.Orientation.Vertical)

    def _retab(self) -> None:
        """Put every dock back into its area's single tab group, in the order they were added."""
        for area in AREAS:
            members = [self.docks[n] for n in self.docks if self.areas[n] == area]
            if not members:
                continue
            tabbed = set(self.win.tabifiedDockWidgets(members[0]))
            for other in members[1:]:
                if other not in tabbed:   # tabifying twice leaves a stray tab bar behind
                    self.win.tabifyDockWidget(members[0], other)

    # -- saving ---------------------------------------------------------------------------------
    def save_state(self) -> str:
        """The arrangement as a JSON string: the version, the docks it knew, Qt's state."""
        state = bytes(self.win.saveState(STATE_VERSION).toBase64()).decode("ascii")
        return json.dumps({"version": STATE_VERSION, "docks": list(self.docks), "state": state})

    def restore_state(self, text: str | None) -> bool:
        """Restore a saved arrangement; docks it did not know go back to their own area, raised.

        A state of another version, or one that does not parse, is ignored (the default layout
        stays) and False is returned.
        """
        if not text:
            return False
        try:
            saved = json.loads(text)
            if saved.get("version") != STATE_VERSION:
                return False
            known = set(saved["docks"])
            raw = QByteArray.fromBase64(saved["state"].encode("ascii"))
        except (ValueError, TypeError, KeyError, AttributeError):
            return False
        if not self.win.restoreState(raw, STATE_VERSION):
            return False
        new = [n for n in self.docks if n not in known]
        for name in new:
            area = self.areas[name]
            self.win.addDockWidget(AREAS[area], self.docks[name])
            peers = [self.docks[n] for n in self.docks
                     if self.areas[n] == area and n != name and n in known]
            if peers:
                self.win.tabifyDockWidget(peers[0], self.docks[name])
            self.docks[name].show()
        self.hide_orphan_tab_bars()
        # A dock left floating off every screen comes back in.
        for dock in self.docks.values():
            if dock.isFloating() and not self._on_screen(dock):
                dock.setFloating(False)
        return True

    def _on_screen(self, dock: QDockWidget) -> bool:
        screen = self.win.screen()
        return screen is not None and screen.availableGeometry().intersects(dock.frameGeometry())
