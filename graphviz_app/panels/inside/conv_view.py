"""Drawing pieces shared by the Feature maps and Filter lab panels: colour tables, an image
cell (a view box with one image, a title and overlays, created once and updated with
setImage), and the canvas highlight of a traced value's sources."""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QRectF, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QColor, QCursor, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QToolTip

from engine.inspect.trace import trace
from engine.inspect.trace_grad import consumer_counts, trace_grad
from engine.inspect.trace_text import formula, num
from ...canvas.trace_highlight import TraceHighlighter
from ...i18n import error_text, render, translate
from ...player.value_render import LUTS

pg.setConfigOptions(imageAxisOrder="row-major", antialias=False)

SEQUENTIAL = LUTS["value"]                       # viridis, for values that are never negative


def _lut(anchors: list[tuple[int, int, int]]) -> np.ndarray:
    pts = np.linspace(0.0, 1.0, len(anchors))
    x = np.linspace(0.0, 1.0, 256)
    a = np.asarray(anchors, dtype=np.float64)
    return np.stack([np.interp(x, pts, a[:, c]) for c in range(3)], axis=1).round().astype(np.uint8)


# blue (negative) ← white (0) → red (positive): signed responses, never clipped at black
DIVERGING = _lut([(33, 102, 172), (103, 169, 207), (209, 229, 240), (247, 247, 247),
                  (253, 219, 199), (239, 138, 98), (178, 24, 43)])
GREY = _lut([(0, 0, 0), (255, 255, 255)])
HIGHLIGHT = QColor(255, 176, 0)
BOX_PEN = QPen(QColor(255, 176, 0), 0)           # cosmetic: one pixel wide at any zoom
BOX_PEN.setCosmetic(True)
BOX_PEN.setWidthF(2.0)


def lut_for(signed: bool) -> np.ndarray:
    return DIVERGING if signed else SEQUENTIAL


class ImageCell:
    """A view box holding one image (row-major), a title, and a rectangle overlay."""

    def __init__(self, layout: pg.GraphicsLayout, row: int, col: int) -> None:
        self.title = layout.addLabel("", row=2 * row, col=col, size="8pt")
        self.view = layout.addViewBox(row=2 * row + 1, col=col, lockAspect=True,
                                      invertY=True, enableMouse=False, enableMenu=False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.view.addItem(self.image)
        self.view.enableAutoRange(enable=True)
        self.box = QGraphicsRectItem()
        self.box.setPen(BOX_PEN)
        self.box.setBrush(Qt.BrushStyle.NoBrush)
        self.box.setZValue(10)
        self.box.hide()
        self.view.addItem(self.box, ignoreBounds=True)
        self._title = ""
        self._shape: tuple[int, int] | None = None
        self.overlay = pg.ImageItem(axisOrder="row-major")
        self.overlay.setZValue(5)
        self.view.addItem(self.overlay, ignoreBounds=True)

    def set(self, data: np.ndarray, levels: tuple[float, float], lut: np.ndarray,
            title: str = "", fit_screen: bool = False) -> None:
        """Show ``data`` (H, W) or (H, W, 3) with ``levels`` through ``lut``. With
        ``fit_screen``, a picture much larger than the cell on screen is averaged down to the
        cell's size and coloured here (view coordinates stay the data's pixels)."""
        h, w = data.shape[:2]
        f = 1
        if fit_screen:
            px = max(64.0, self.view.width(), self.view.height())
            f = -(-max(h, w) // int(px))          # at most one picture pixel per screen pixel
        if f >= 2:
            hh, ww = h // f, w // f
            small = block_mean(data[:hh * f, :ww * f], f)
            if small.ndim == 2:
                lo, hi = levels
                idx = np.clip((small - lo) * (255.0 / (hi - lo)), 0, 255).astype(np.uint8)
                small = lut[idx]
            else:
                small = np.clip(small * 255 + 0.5, 0, 255).astype(np.uint8)
            self.image.setImage(small, levels=(0, 255), lut=None, autoLevels=False)
            self.image.setRect(QRectF(0, 0, ww * f, hh * f))
        else:
            self.image.setImage(data, levels=levels, lut=None if data.ndim == 3 else lut,
                                autoLevels=False)
            self.image.setRect(QRectF(0, 0, w, h))
        if (h, w) != self._shape:              # fit now, not at the next paint
            self._shape = (h, w)
            self.view.autoRange(padding=0.02)
            self.view.enableAutoRange(enable=True)        # and again whenever the cell is resized
        self.set_title(title)

    def set_title(self, title: str) -> None:
        if title != self._title:
            self._title = title
            self.title.setText(title)

    def set_box(self, r0: float, r1: float, c0: float, c1: float) -> None:
        """Outline rows r0..r1 and columns c0..c1 (inclusive pixel indices)."""
        self.box.setRect(QRectF(c0, r0, c1 - c0 + 1, r1 - r0 + 1))
        self.box.show()

    def hide_box(self) -> None:
        self.box.hide()

    def set_overlay(self, heat: np.ndarray | None) -> None:
        """An amber heat map over the image, transparent where ``heat`` (H, W, in [0, 1]) is 0."""
        if heat is None:
            self.overlay.hide()
            return
        rgba = np.zeros(heat.shape + (4,), np.uint8)
        rgba[..., 0], rgba[..., 1] = 255, 150
        rgba[..., 3] = np.clip(heat * 230, 0, 230).astype(np.uint8)
        self.overlay.setImage(rgba, autoLevels=False, levels=(0, 255))
        self.overlay.show()

    def set_visible(self, on: bool) -> None:
        self.title.setVisible(on)
        self.view.setVisible(on)


def block_mean(a: np.ndarray, f: int) -> np.ndarray:
    """(H, W[, C]) with H, W multiples of f -> (H/f, W/f[, C]): the mean of each f x f block,
    as f strided adds per axis (many times faster than a mean over reshaped axes)."""
    cols = a[:, 0::f].astype(np.float32)
    for k in range(1, f):
        cols += a[:, k::f]
    out = cols[0::f].copy()
    for k in range(1, f):
        out += cols[k::f]
    out *= 1.0 / (f * f)
    return out


class _Signals(QObject):
    done = Signal(int, object, str)


class _Task(QRunnable):
    def __init__(self, ticket: int, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.ticket, self.fn, self.signals = ticket, fn, signals

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as e:  # noqa: BLE001 - a user's graph can fail in many ways
            self.signals.done.emit(self.ticket, None, error_text(e) or type(e).__name__)
            return
        self.signals.done.emit(self.ticket, result, "")


class Background(QObject):
    """Runs one computation at a time off the GUI thread; a newer request makes older results
    stale (they are dropped when they arrive). Small work runs at once on the GUI thread."""

    finished = Signal(object, str)       # result or None, error message
    started = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self.ticket = 0
        self.busy = False

    def submit(self, fn: Callable[[], Any], inline: bool) -> None:
        self.ticket += 1
        if inline:
            try:
                result, err = fn(), ""
            except Exception as e:  # noqa: BLE001
                result, err = None, error_text(e) or type(e).__name__
            self.finished.emit(result, err)
            return
        self.busy = True
        self.started.emit()
        self.pool.start(_Task(self.ticket, fn, self._signals))

    def cancel(self) -> None:
        """Forget the running request: its result will be dropped."""
        self.ticket += 1
        self.busy = False

    def wait(self, ms: int = 10000) -> None:
        self.pool.waitForDone(ms)

    def _on_done(self, ticket: int, result: Any, err: str) -> None:
        if ticket != self.ticket:
            return
        self.busy = False
        self.finished.emit(result, err)


class Plots(pg.GraphicsLayoutWidget):
    """A plot canvas that asks for little room, so a panel fits its dock without scrolling
    (the dock's scroll area sizes its content from the size hints); ``left`` is emitted when
    the mouse leaves it (hover highlights are then cleared)."""

    left = Signal()

    def __init__(self, hint: tuple[int, int] = (300, 160)) -> None:
        super().__init__()
        self._hint = QSize(*hint)
        self.ci.setContentsMargins(0, 0, 0, 0)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self._hint

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().leaveEvent(event)
        self.left.emit()


class StepTrace(QObject):
    """Hovering the Step details picture: the entry's formula in numbers as a tooltip, and its
    sources lit up on the canvas (from the player's recorded forward values). On a gradient
    picture (a backward step) the sources are the consumers' gradient entries it was summed
    from, down to the target."""

    def __init__(self, player, scene, session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.player, self.session = player, session
        self.highlighter = TraceHighlighter(scene)
        self.text = ""
        player.panel.value_hovered.connect(self.on_hovered)

    def on_hovered(self, nid: str, cell) -> None:
        ex = self.player.executor
        g = self.session.graph
        rec = self.player.current
        if cell is None or ex is None or rec is None or nid not in g.nodes:
            self.highlighter.clear()
            self.text = ""
            QToolTip.hideText()
            return
        values = ex.values()
        if any(n not in values for n in g.ancestors(nid) | {nid}):
            return
        try:
            if rec.phase == "backward":
                self.text = self._trace_gradient(nid, tuple(cell), values, ex.grads())
            else:
                self.text = render(formula(g, values, nid, cell))
                self.highlighter.show(trace(g, values, nid, cell))
        except (IndexError, KeyError, ValueError) as e:   # a value of another shape than shown
            self.text = translate("FeatureMaps", "cannot trace this entry: {error}").format(error=error_text(e))
        QToolTip.showText(QCursor.pos(), self.text, self.player.panel.picture)

    def _trace_gradient(self, nid: str, cell: tuple, values: dict, grads: dict) -> str:
        """Light the consumers' gradient cells that ∂J/∂node[cell] was summed from; return
        the sentence that says so."""
        g = self.session.graph
        tr = trace_grad(g, values, nid, cell, within=set(grads))
        self.highlighter.show(tr, gradient=True)
        name = g.nodes[nid].name
        head = f"∂J/∂{name}[{','.join(map(str, cell))}] = {num(grads[nid][cell])}"
        terms = consumer_counts(g, tr)
        if not terms:
            return translate("FeatureMaps", "{head}: the seed of the backward pass").format(
                head=head)
        parts = " + ".join((translate("FeatureMaps", "{node} (1 cell)") if k == 1 else
                            translate("FeatureMaps", "{node} ({k} cells)")).format(
            node=g.nodes[c].name, k=k) for c, k in terms)
        if len(terms) > 1:
            return translate("FeatureMaps", "{head}, summed over {n} consumers: {parts}").format(
                head=head, n=len(terms), parts=parts)
        return translate("FeatureMaps", "{head}, from ∂J/∂ of {parts}").format(head=head,
                                                                             parts=parts)
