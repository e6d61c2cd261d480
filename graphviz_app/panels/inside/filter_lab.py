"""The Filter lab dock: classic kernels, your own kernels and the network's learned ones, side
by side on the same loaded image.

Load an image with File → Open Image…, by dropping a file on the panel, or from the samples.
All chosen kernels run in one pass (engine.inspect.kernels) on the image's luminance; signed
responses are drawn with a diverging map (blue < 0 < red) and never clipped; the legend gives
the range. Hovering a pixel shows the kernel × patch sum behind it. "This node on my image"
runs the graph up to a chosen node on the image resized to the network's input.
"""
from __future__ import annotations

from typing import Callable

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, Qt
from PySide6.QtGui import QAction, QPixmap
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFileDialog, QHBoxLayout,
                               QLabel, QLineEdit, QMenu, QPushButton, QToolButton,
                               QVBoxLayout, QWidget)

from engine.inspect import feature_maps as fm
from engine.inspect import kernels as K
from engine.inspect.upstream import run_upto
from engine.inspect.trace import trace
from engine.inspect.trace_text import formula, num

from ... import imaging
from ...player.value_render import to_qimage
from .conv_view import DIVERGING, GREY, ImageCell, Plots, TraceHighlighter
from ...i18n import QT_TRANSLATE_NOOP, error_text, render, said, translate

DEFAULT_KERNELS = ("identity", "sobel x", "sobel y", K.SOBEL_MAGNITUDE, "laplacian 4",
                   "gaussian", "sharpen", "emboss")
COMPACT = QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
KERNEL_LABELS = {
    "identity": QT_TRANSLATE_NOOP("FilterLab", "identity"),
    "sobel x": QT_TRANSLATE_NOOP("FilterLab", "sobel x"),
    "sobel y": QT_TRANSLATE_NOOP("FilterLab", "sobel y"),
    "sobel magnitude": QT_TRANSLATE_NOOP("FilterLab", "sobel magnitude"),
    "prewitt x": QT_TRANSLATE_NOOP("FilterLab", "prewitt x"),
    "prewitt y": QT_TRANSLATE_NOOP("FilterLab", "prewitt y"),
    "laplacian 4": QT_TRANSLATE_NOOP("FilterLab", "laplacian 4"),
    "laplacian 8": QT_TRANSLATE_NOOP("FilterLab", "laplacian 8"),
    "box blur 3": QT_TRANSLATE_NOOP("FilterLab", "box blur 3"),
    "box blur 5": QT_TRANSLATE_NOOP("FilterLab", "box blur 5"),
    "gaussian": QT_TRANSLATE_NOOP("FilterLab", "gaussian"),
    "sharpen": QT_TRANSLATE_NOOP("FilterLab", "sharpen"),
    "emboss": QT_TRANSLATE_NOOP("FilterLab", "emboss"),
    "outline": QT_TRANSLATE_NOOP("FilterLab", "outline"),
}
"""The classic kernels' names (engine.inspect.kernels.CLASSIC_NAMES) as the panel shows them."""
IMAGE_LABELS = {
    "scene": QT_TRANSLATE_NOOP("FilterLab", "scene"),
    "shapes": QT_TRANSLATE_NOOP("FilterLab", "shapes"),
    "text": QT_TRANSLATE_NOOP("FilterLab", "text"),
    "textures": QT_TRANSLATE_NOOP("FilterLab", "textures"),
    "gradients": QT_TRANSLATE_NOOP("FilterLab", "gradients"),
    "china (photo)": QT_TRANSLATE_NOOP("FilterLab", "china (photo)"),
    "flower (photo)": QT_TRANSLATE_NOOP("FilterLab", "flower (photo)"),
}
"""The shipped sample images' names as the panel shows them."""


def kernel_label(name: str) -> str:
    """A result's name in the user's language: 'gaussian σ=2', 'conv1 filter 3', 'sharpen'."""
    if name in KERNEL_LABELS:
        return translate("FilterLab", KERNEL_LABELS[name])
    if name.startswith("gaussian σ="):
        return translate("FilterLab", "gaussian") + name.removeprefix("gaussian")
    node, sep, f = name.rpartition(" filter ")
    if sep and f.isdigit():
        return translate("FilterLab", "{node} filter {n}").format(node=node, n=f)
    return name


def image_label(name: str) -> str:
    """A sample image's label in the user's language: 'scene', 'china (photo)'."""
    if name in IMAGE_LABELS:
        return translate("FilterLab", IMAGE_LABELS[name])
    if name.endswith(" (photo)"):
        return translate("FilterLab", "{name} (photo)").format(name=name.removesuffix(" (photo)"))
    return name


CELL_PX = 175              # about this many pixels per result picture


class FilterLabPanel(QWidget):
    """Load an image, choose kernels, compare the results; hover for the sum behind a pixel."""

    def __init__(self, session, scene=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.highlighter = TraceHighlighter(scene) if scene is not None else None
        self.image: imaging.LoadedImage | None = None
        self.grey: np.ndarray | None = None
        self.results: list[K.FilterResult] = []
        self.levels: list[tuple[float, float]] = []
        self.custom: list[tuple[str, np.ndarray]] = []
        self.node_results: list[K.FilterResult] = []
        self._node_values: tuple[str, dict] | None = None
        self._node_channels: dict[str, int] = {}
        self.cells: list[ImageCell] = []
        self._cols = 0
        self.setAcceptDrops(True)
        self._build()
        session.graph_replaced.connect(self._fill_nodes)
        session.graph_changed.connect(self._on_graph_changed)
        self._fill_nodes()
        self._sample_pending = True     # the first sample loads when the panel is first shown

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.ensure_image()

    def ensure_image(self) -> None:
        """Load the first sample image if no image was loaded yet (once)."""
        if self.image is None and self._sample_pending:
            self._sample_pending = False
            first = imaging.samples()
            if first:
                self.load_sample(first[0][0])

    # -- widgets --------------------------------------------------------------------------------
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        self.open_button = QPushButton(translate("FilterLab", "Open Image…"))
        self.open_button.clicked.connect(self.open_dialog)
        self.sample_box = QComboBox()
        self.sample_box.addItem(translate("FilterLab", "samples…"), None)
        for label, _path in imaging.samples():
            self.sample_box.addItem(image_label(label), label)
        self.sample_box.activated.connect(
            lambda i: self.sample_box.itemData(i) and self.load_sample(self.sample_box.itemData(i)))
        self.kernel_button = QToolButton()
        self.kernel_button.setText(translate("FilterLab", "Kernels"))
        self.kernel_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.kernel_button)
        self.kernel_actions: dict[str, QAction] = {}
        for name in K.CLASSIC_NAMES:
            act = menu.addAction(kernel_label(name))
            act.setCheckable(True)
            act.setChecked(name in DEFAULT_KERNELS)
            act.toggled.connect(lambda _on: self.recompute())
            self.kernel_actions[name] = act
        self.kernel_button.setMenu(menu)
        self.sigma = QDoubleSpinBox()
        self.sigma.setRange(0.3, K.MAX_SIGMA)
        self.sigma.setSingleStep(0.5)
        self.sigma.setValue(1.0)
        self.sigma.setPrefix("σ ")
        self.sigma.setToolTip(translate("FilterLab", "the Gaussian blur's σ in pixels"))
        self.sigma.valueChanged.connect(lambda _v: self.recompute())
        self.scale_box = QComboBox()
        self.scale_box.addItem(translate("FilterLab", "per filter"), "per filter")
        self.scale_box.addItem(translate("FilterLab", "shared"), "shared")
        self.scale_box.setToolTip(translate("FilterLab", "per filter: each picture its own range; shared: one range"))
        self.scale_box.currentTextChanged.connect(lambda _t: self.draw())
        self.learned_box = QComboBox()
        self.learned_box.setToolTip(translate("FilterLab", "add the learned filters of a conv node of the graph"))
        self.learned_box.currentIndexChanged.connect(lambda _i: self.recompute())
        for box in (self.sample_box, self.learned_box, self.scale_box):
            box.setSizeAdjustPolicy(COMPACT)
            box.setMinimumContentsLength(6)
        for w in (self.open_button, self.sample_box, self.kernel_button, self.sigma):
            row.addWidget(w)
        row.addStretch(1)
        lay.addLayout(row)
        row2 = QHBoxLayout()
        self.node_box = QComboBox()
        self.node_box.setSizeAdjustPolicy(COMPACT)
        self.node_box.setMinimumContentsLength(6)
        self.node_box.setToolTip(translate("FilterLab", "run the graph up to this node on the image (resized to the "
                                 "network's input) and show its channels"))
        self.node_button = QPushButton(translate("FilterLab", "Run on image"))
        self.node_button.clicked.connect(self.run_node)
        row2.addWidget(QLabel(translate("FilterLab", "Learned")))
        row2.addWidget(self.learned_box, 1)
        row2.addWidget(QLabel(translate("FilterLab", "Node")))
        row2.addWidget(self.node_box, 1)
        row2.addWidget(self.node_button)
        lay.addLayout(row2)
        row3 = QHBoxLayout()
        self.custom_edit = QLineEdit()
        self.custom_edit.setPlaceholderText(translate("FilterLab", "my kernel: 1 0 -1; 2 0 -2; 1 0 -1"))
        self.custom_edit.setToolTip(translate("FilterLab", "3, 5 or 7 rows of as many numbers, rows separated by ';'"))
        self.custom_edit.returnPressed.connect(self.add_custom_from_text)
        self.custom_button = QPushButton(translate("FilterLab", "Add"))
        self.custom_button.clicked.connect(self.add_custom_from_text)
        clear = QPushButton(translate("FilterLab", "Clear"))
        clear.setToolTip(translate("FilterLab", "remove my kernels"))
        clear.clicked.connect(self.clear_custom)
        row3.addWidget(self.custom_edit, 1)
        row3.addWidget(self.custom_button)
        row3.addWidget(clear)
        lay.addLayout(row3)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.legend = QWidget()
        leg = QHBoxLayout(self.legend)
        leg.setContentsMargins(0, 0, 0, 0)
        bar = QLabel()
        bar.setPixmap(QPixmap.fromImage(to_qimage(np.repeat(DIVERGING[None], 10, axis=0)))
                      .scaled(80, 10))
        bar.setToolTip(translate("FilterLab", "signed responses: blue below 0, white 0, red above; each title gives "
                       "the range, nothing is clipped"))
        leg.addWidget(QLabel(translate("FilterLab", "−max")))
        leg.addWidget(bar)
        leg.addWidget(QLabel(translate("FilterLab", "+max")))
        row4 = QHBoxLayout()
        row4.addWidget(self.status, 1)
        row4.addWidget(self.scale_box)
        row4.addWidget(self.legend)
        lay.addLayout(row4)
        self.hover = QLabel(translate("FilterLab", "Hover a pixel to see the kernel × patch sum behind it."))
        self.hover.setWordWrap(True)
        self.hover.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.hover)
        self.plots = Plots((400, 220))
        self.plots.setMinimumHeight(170)
        self.plots.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.plots.left.connect(self._on_left)
        lay.addWidget(self.plots, 1)

    def _fill_nodes(self) -> None:
        g = self.session.graph
        for box, nodes in ((self.learned_box, [n for n in g.topo_order() if g.nodes[n].op ==
                                               "conv2d" and "W" in g.nodes[n].weights]),
                           (self.node_box, fm.map_nodes(g))):
            keep = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(translate("FilterLab", "none") if box is self.learned_box else
                        translate("FilterLab", "choose a node"), None)
            for nid in nodes:
                box.addItem(g.nodes[nid].name, nid)
            i = box.findData(keep)
            box.setCurrentIndex(max(0, i))
            box.blockSignals(False)
        self.node_results = []
        self.recompute()

    def _on_graph_changed(self, event) -> None:
        if event.kind in ("node_added", "node_removed", "renamed", "cleared", "shapes_changed"):
            self._fill_nodes()
        elif event.kind == "weights_changed" and self.learned_box.currentData() is not None:
            self.recompute()

    # -- loading --------------------------------------------------------------------------------
    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, translate("FilterLab", "Open Image"), "",
                                              imaging.file_filter())
        if path:
            self.load_path(path)

    def load_path(self, path: str) -> bool:
        """Load an image file; a file that cannot be used gives a message, never an exception."""
        return self._load(imaging.load_image, path)

    def load_sample(self, label: str) -> bool:
        """Load the shipped sample image named ``label`` (a key of the samples menu)."""
        return self._load(imaging.load_sample, label)

    def _load(self, read: Callable[[str], imaging.LoadedImage], what: str) -> bool:
        """Show the image ``read(what)`` gives, or say why it cannot be used (False)."""
        try:
            img = read(what)
        except imaging.ImageError as e:
            self._say(error_text(e))
            return False
        self.set_image(img)
        return True

    def set_image(self, img: imaging.LoadedImage) -> None:
        self.image = img
        self.grey = K.luminance(img.rgb)
        self.node_results = []
        w, h = img.size
        self._say(said(lambda: (
            translate("FilterLab", "{image}: {w}x{h}, grey") if img.grey else
            translate("FilterLab", "{image}: {w}x{h}, colour (filtered as luminance)")).format(
            image=image_label(img.name), w=w, h=h) + (f"; {img.note}" if img.note else "")))
        self.recompute()

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.session.message.emit(text)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        md = event.mimeData()
        if md.hasUrls() and any(u.isLocalFile() for u in md.urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            self.load_path(files[0])
            event.acceptProposedAction()

    # -- kernels --------------------------------------------------------------------------------
    def chosen(self) -> list[str]:
        return [n for n, a in self.kernel_actions.items() if a.isChecked()]

    def add_custom_from_text(self) -> bool:
        try:
            k = K.parse_kernel(self.custom_edit.text())
        except ValueError as e:
            self._say(translate("FilterLab", "Custom kernel: {error}").format(error=error_text(e)))
            return False
        self.custom.append((translate("FilterLab", "mine {n} ({k}x{k})").format(
            n=len(self.custom) + 1, k=k.shape[0]), k))
        self.recompute()
        return True

    def clear_custom(self) -> None:
        self.custom = []
        self.recompute()

    def recompute(self) -> None:
        """Apply every chosen kernel to the image in one pass, then draw."""
        if self.grey is None:
            return
        names = self.chosen()
        results: list[K.FilterResult] = []
        if names or self.custom:
            results = K.classic_bank(self.grey, names, self.sigma.value(), self.custom)
        nid = self.learned_box.currentData()
        if nid is not None and nid in self.session.graph.nodes:
            g = self.session.graph
            try:
                results += K.learned_bank(self.image.rgb, g.nodes[nid].weights["W"],
                                          g.nodes[nid].name)
            except ValueError as e:
                self._say(error_text(e))
        self.results = results + self.node_results
        self.draw()

    def run_node(self) -> bool:
        """Run the graph up to the chosen node on the image; show its channels."""
        nid = self.node_box.currentData()
        g = self.session.graph
        if nid is None or self.image is None:
            self._say(translate("FilterLab", "Choose a node (and load an image) first."))
            return False
        ins = fm.input_nodes(g, nid)
        if len(ins) != 1:
            self._say(translate("FilterLab", "{node} depends on {n} inputs; choose a node fed by "
                                "one image input").format(node=g.nodes[nid].name, n=len(ins)))
            return False
        shape = g.nodes[ins[0]].params["shape"]
        if len(shape) != 4 or None in shape[1:]:
            self._say(translate("FilterLab", "input {node} is {shape}, not N x C x H x W "
                                "images").format(node=g.nodes[ins[0]].name, shape=shape))
            return False
        try:
            x = K.fit_image(self.image.rgb, shape[1], shape[2], shape[3])
            pr = run_upto(g, {ins[0]: x}, nid)
        except ValueError as e:
            self._say(error_text(e))
            return False
        val = pr.values[nid][0]
        name = g.nodes[nid].name
        self._node_values = (nid, pr.values)
        self.node_results = [K.FilterResult(translate("FilterLab", "{node} ch {c}").format(
                                                node=name, c=c), val[c].astype(np.float32), None,
                                            bool(val[c].min() < 0)) for c in range(val.shape[0])]
        self._node_channels = {r.name: c for c, r in enumerate(self.node_results)}
        self._say(translate("FilterLab", "{node} on {image} resized to {w}x{h}: {c} channels of "
                            "{oh}x{ow}").format(node=name, image=image_label(self.image.name),
                                                 w=shape[3], h=shape[2], c=val.shape[0],
                                                 oh=val.shape[1], ow=val.shape[2]))
        self.recompute()
        return True

    # -- drawing --------------------------------------------------------------------------------
    def draw(self) -> None:
        """Show the image and every result in a grid (cells made once, then updated)."""
        if self.grey is None:
            return
        n = 1 + len(self.results)
        cols = max(1, min(n, self.plots.width() // CELL_PX or 1))
        if cols != self._cols or n > len(self.cells):
            self._layout_cells(n, cols)
        shared = self.scale_box.currentData() == "shared"
        self.levels = K.result_levels(self.results, shared)
        self.cells[0].set(self.image.rgb, (0.0, 1.0), GREY, translate(
            "FilterLab", "{image} (input)").format(image=image_label(self.image.name)),
                          fit_screen=True)
        diverging = shared and any(r.signed for r in self.results)
        for cell, r, lv in zip(self.cells[1:], self.results, self.levels):
            signed = r.signed or diverging
            cell.set(r.response, lv, DIVERGING if signed else GREY,
                     f"{kernel_label(r.name)}  {num(lv[0])} … {num(lv[1])}", fit_screen=True)
        self.legend.setVisible(diverging or any(r.signed for r in self.results))
        for k, cell in enumerate(self.cells):
            cell.set_visible(k < n)
        rows = -(-n // cols)
        self.plots.setMinimumHeight(max(170, rows * 120))

    def _layout_cells(self, n: int, cols: int) -> None:
        self.plots.ci.clear()
        self.cells = [ImageCell(self.plots.ci, k // cols, k % cols) for k in range(n)]
        self._cols = cols

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self.grey is not None and max(1, self.plots.width() // CELL_PX) != self._cols:
            self.draw()

    # -- hover ----------------------------------------------------------------------------------
    def _on_mouse_moved(self, pos: QPointF) -> None:
        for k, cell in enumerate(self.cells[:1 + len(self.results)]):
            if cell.view.sceneBoundingRect().contains(pos):
                p = cell.view.mapSceneToView(pos)
                self.hover_pixel(k - 1, int(p.y()), int(p.x()))
                return

    def hover_pixel(self, k: int, i: int, j: int) -> str:
        """The words behind pixel (i, j) of result k (−1: the image itself); a channel of a
        node run on the image also lights up its sources on the canvas."""
        if self.highlighter is not None:
            self.highlighter.clear()
        if self.grey is None:
            return ""
        if k < 0:
            h, w = self.grey.shape
            if not (0 <= i < h and 0 <= j < w):
                return ""
            text = translate("FilterLab", "image at row {i}, column {j}: luminance {value}").format(
                i=i, j=j, value=num(self.grey[i, j]))
        else:
            r = self.results[k]
            h, w = r.response.shape
            if not (0 <= i < h and 0 <= j < w):
                return ""
            if r.kernel is not None and not r.name.split(" filter ")[0] in self._learned_rgb():
                patch, total = K.patch_sum(self.grey, r.kernel, i, j)
                terms = " + ".join(f"{num(a)}·{num(b)}" for a, b in
                                   zip(r.kernel.ravel()[:6], patch.ravel()[:6]))
                more = translate("FilterLab", " + … ({n} terms)").format(n=r.kernel.size) \
                    if r.kernel.size > 6 else ""
                text = translate("FilterLab", "{kernel} at ({i}, {j}): Σ kernel × patch = "
                                 "{terms}{more} = {total}").format(
                    kernel=kernel_label(r.name), i=i, j=j, terms=terms, more=more,
                    total=num(total))
            elif r.name in self._node_channels and self._node_values is not None:
                nid, values = self._node_values
                index = (0, self._node_channels[r.name], i, j)
                try:
                    text = render(formula(self.session.graph, values, nid, index))
                    if self.highlighter is not None:
                        self.highlighter.show(trace(self.session.graph, values, nid, index))
                except (KeyError, IndexError, ValueError) as e:   # the graph changed since
                    text = translate("FilterLab", "cannot trace this pixel: {error}; run the "
                                     "node again").format(error=error_text(e))
            else:
                text = translate("FilterLab", "{kernel} at ({i}, {j}) = {value}").format(
                    kernel=kernel_label(r.name), i=i, j=j, value=num(r.response[i, j]))
        self.hover.setText(text)
        return text

    def _on_left(self) -> None:
        if self.highlighter is not None:
            self.highlighter.clear()

    def _learned_rgb(self) -> set[str]:
        """Names of learned banks that read colour (their hover shows the value only)."""
        nid = self.learned_box.currentData()
        g = self.session.graph
        if nid is None or nid not in g.nodes or g.nodes[nid].weights["W"].shape[1] == 1:
            return set()
        return {g.nodes[nid].name}


def install(main_window, session) -> FilterLabPanel:
    """Add the 'Filter lab' panel (bottom) and File → Open Image…."""
    panel = FilterLabPanel(session, main_window.scene)
    main_window.add_panel(panel, QT_TRANSLATE_NOOP("Panels", "Filter lab"), "filter_lab_dock", "bottom")
    act = QAction(translate("FilterLab", "Open &Image…"), main_window)
    act.setStatusTip(translate("FilterLab", "Load an image into the Filter lab"))
    act.triggered.connect(lambda: (main_window.show_panel("Filter lab"), panel.open_dialog()))
    menu = main_window.actions.file_menu
    menu.insertAction(main_window.actions.export_menu.menuAction(), act)
    panel.open_image_action = act
    return panel
