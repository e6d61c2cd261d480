"""Canvas colours, derived from the application palette so light and dark themes both read."""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

CATEGORY_HUES = {"Inputs": 130, "Math": 210, "Activations": 30, "Layers": 275, "Losses": 0}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


@dataclass
class Theme:
    """Every colour the canvas paints with."""

    dark: bool
    background: QColor
    grid: QColor
    node_fill: QColor
    node_border: QColor
    text: QColor
    subtext: QColor
    edge: QColor
    selection: QColor
    error: QColor
    port: QColor
    port_border: QColor
    group_fill: QColor
    badge_fill: QColor
    run_states: dict[str, QColor] = field(default_factory=dict)
    highlights: dict[str, QColor] = field(default_factory=dict)
    headers: dict[str, QColor] = field(default_factory=dict)

    def header(self, category: str) -> QColor:
        return self.headers.get(category, self.headers["_"])


def make_theme(palette: QPalette | None = None) -> Theme:
    """A theme for ``palette`` (the application's when None)."""
    if palette is None:
        app = QApplication.instance()
        palette = app.palette() if app is not None else QPalette()
    dark = is_dark(palette)
    role = QPalette.ColorRole
    text = palette.color(role.Text)
    base = palette.color(role.Base)
    window = palette.color(role.Window)
    background = window.darker(115) if dark else window.lighter(103)
    node_fill = base.lighter(135) if dark else base
    if dark and node_fill.lightness() < 40:
        node_fill = QColor(48, 50, 56)
    sub = QColor(text)
    sub.setAlphaF(0.7)
    grid = QColor(text)
    grid.setAlphaF(0.08)
    edge = QColor(text)
    edge.setAlphaF(0.65)
    headers = {c: QColor.fromHsl(h, 120 if dark else 150, 75 if dark else 205)
               for c, h in CATEGORY_HUES.items()}
    headers["_"] = QColor.fromHsl(0, 0, 80 if dark else 210)
    group_fill = palette.color(role.Highlight)
    group_fill.setAlphaF(0.10)
    return Theme(
        dark=dark, background=background, grid=grid, node_fill=node_fill,
        node_border=QColor(text.red(), text.green(), text.blue(), 110), text=text, subtext=sub,
        edge=edge, selection=palette.color(role.Highlight),
        error=QColor(255, 90, 90) if dark else QColor(205, 30, 30),
        port=QColor(180, 185, 195) if dark else QColor(250, 250, 252),
        port_border=QColor(text.red(), text.green(), text.blue(), 160),
        group_fill=group_fill, badge_fill=QColor(70, 70, 40) if dark else QColor(255, 248, 205),
        run_states={"idle": QColor(0, 0, 0, 0), "done": QColor(60, 170, 90),
                    "current": QColor(255, 165, 0), "current_backward": QColor(200, 60, 220),
                    "done_backward": QColor(150, 90, 200)},
        highlights={"read": QColor(40, 140, 255), "write": QColor(255, 150, 0),
                    "grad": QColor(200, 60, 220)},
        headers=headers,
    )
