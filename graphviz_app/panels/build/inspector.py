"""The inspector: the selected node's name, op, typed parameter editors, shapes, counts,
trainable switch, formulas and issues. Every change is one undoable command.

A dense layer also shows the course's notation (z[l] = W[l]·a[l-1] + b[l], W[l]: (n[l], n[l-1])),
with the note that examples are rows here. After the player has stepped a node, its arrays
(value, weights, cache) open beside their gradients. With nothing selected, the inspector shows
the whole graph's parameter and multiply-add counts; :func:`install_status_counts` puts the same
counts in the window's status bar."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QTimer, Qt
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QFrame, QLabel, QLineEdit, QMainWindow,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from engine import GraphEvent, get_op
from engine.graph_stats import GraphCounts, fmt_count, fmt_short, graph_counts
from engine.notation import ROWS_NOTE, dense_notation
from engine.ops.base import fmt_shape

from ...canvas.theme import make_theme
from ...editor.commands import Rename, SetFrozen, SetParams
from ...session import Session
from ..watch.array_view import array_label, array_note, open_array_window
from .op_texts import op_text
from .param_editors import ERROR_STYLE, ParamEditor
from ...i18n import render, said, translate

REFRESH_KINDS = {"params_changed", "renamed", "frozen_changed", "edge_added", "edge_removed",
                 "node_added", "node_removed", "weights_changed"}


def _count(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _label(text: str = "", selectable: bool = True) -> QLabel:
    lab = QLabel(text)
    lab.setWordWrap(True)
    if selectable:
        lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return lab


class InspectorPanel(QScrollArea):
    """Shows and edits the one selected node."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspector")
        self.session = session
        self.nid: str | None = None
        self.editors: dict[str, ParamEditor] = {}
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._body = QWidget()
        self.setWidget(self._body)
        self._outer = QVBoxLayout(self._body)
        self._outer.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.placeholder = _label(translate("Inspector", "Select a node to see and edit it."),
                                  selectable=False)
        self._outer.addWidget(self.placeholder)
        self.graph_counts = _label()
        self.graph_counts.setObjectName("inspector_graph_counts")
        self._outer.addWidget(self.graph_counts)
        self._form_host: QWidget | None = None
        self.player = None
        self.array_buttons: list[QPushButton] = []
        self._array_keys: tuple = ()
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(0)
        self._counts_timer.timeout.connect(self.refresh_counts)
        session.selection_changed.connect(self._on_selection)
        session.graph_changed.connect(self._on_event)
        session.graph_replaced.connect(lambda: self.show_node(None))
        self.refresh_counts()
        session.locked_changed.connect(lambda locked: self._body.setEnabled(not locked))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """A new language: the node's form (its description, formula, notes) is built again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and self.nid is not None:
            self.show_node(self.nid)

    # -- building -------------------------------------------------------------------------------
    def _on_selection(self, ids: list) -> None:
        if len(ids) == 1:
            self.show_node(ids[0])
        else:
            self.show_node(None, translate("Inspector", "{n} nodes selected.").format(n=len(ids))
                           if ids else None)

    def show_node(self, nid: str | None, note: str | None = None) -> None:
        """Build the form for ``nid`` (or the placeholder)."""
        if self._form_host is not None:
            self._outer.removeWidget(self._form_host)
            self._form_host.hide()          # at once, not when the deletion is processed
            self._form_host.deleteLater()
            self._form_host = None
        self.editors = {}
        self.array_buttons, self._array_keys = [], ()
        self.nid = nid if nid in self.session.graph.nodes else None
        self.placeholder.setVisible(self.nid is None)
        self.placeholder.setText(note or translate("Inspector", "Select a node to see and edit "
                                                   "it."))
        self.graph_counts.setVisible(self.nid is None)
        self.refresh_counts()
        if self.nid is None:
            return
        node = self.session.graph.nodes[self.nid]
        op = get_op(node.op)
        host = QWidget(self._body)
        form = QFormLayout(host)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name_edit = QLineEdit(node.name, host)
        self.name_edit.editingFinished.connect(self._rename)
        self.name_error = _label()
        self.name_error.setStyleSheet(ERROR_STYLE)
        self.name_error.hide()
        form.addRow(translate("Inspector", "Name"), self.name_edit)
        form.addRow("", self.name_error)
        self.op_label = _label(f"<b>{op.name}</b> ({translate('Palette', op.category)}) — "
                               f"{op_text(op.description)}")
        form.addRow(translate("Inspector", "Op"), self.op_label)
        for spec in op.params:
            ed = ParamEditor(spec, node.params[spec.name],
                             lambda v, s=spec.name: self._set_param(s, v), host)
            self.editors[spec.name] = ed
            lab = QLabel(spec.name)
            lab.setToolTip(op_text(spec.doc))
            form.addRow(lab, ed)
        self.shape_label = _label()
        self.inputs_label = _label()
        self.count_label = _label()
        self.trainable = QCheckBox(translate("Inspector", "trainable (uncheck to freeze)"), host)
        self.trainable.toggled.connect(self._set_trainable)
        self.formula_label = _label()
        self.size_label = _label()
        self.issues_label = _label()
        error = make_theme(self.palette()).error   # a lighter red on a dark palette
        self.issues_label.setStyleSheet(f"color: {error.name()}; font-weight: bold;")
        self.notation_label = _label()
        self.notation_label.setObjectName("inspector_notation")
        self.rows_note = _label(op_text(ROWS_NOTE))
        f = self.rows_note.font()
        f.setItalic(True)
        self.rows_note.setFont(f)
        self.arrays_host = QWidget(host)
        self.arrays_layout = QVBoxLayout(self.arrays_host)
        self.arrays_layout.setContentsMargins(0, 0, 0, 0)
        form.addRow(translate("Inspector", "Output"), self.shape_label)
        form.addRow(translate("Inspector", "Inputs"), self.inputs_label)
        form.addRow(translate("Inspector", "Layer"), self.notation_label)
        form.addRow(self.rows_note)
        self._notation_row_label = form.labelForField(self.notation_label)
        form.addRow(translate("Inspector", "Size"), self.count_label)
        form.addRow("", self.trainable)
        form.addRow(translate("Inspector", "Formula"), self.formula_label)
        form.addRow(translate("Inspector", "Output size"), self.size_label)
        form.addRow("", self.issues_label)
        form.addRow(translate("Inspector", "Arrays"), self.arrays_host)
        self._arrays_row_label = form.labelForField(self.arrays_host)
        self._size_row_label = form.labelForField(self.size_label)
        self._form_host = host
        self._outer.addWidget(host)
        host.show()
        self.refresh()

    def refresh(self) -> None:
        """Update the values shown from the model, without rebuilding the editors."""
        if self.nid is None or self.nid not in self.session.graph.nodes:
            return
        g = self.session.graph
        node = g.nodes[self.nid]
        s = g.node_summary(self.nid)
        if not self.name_edit.hasFocus():
            self.name_edit.setText(node.name)
        for name, ed in self.editors.items():
            if not ed.widget.hasFocus() or ed.spec.kind in ("bool", "choice"):
                ed.set_value(node.params[name])
        self.shape_label.setText(fmt_shape(s["out_shape"]))
        ins = ", ".join(f"{get_op(node.op).input_name(i)}: {fmt_shape(x)}"
                        for i, x in enumerate(s["in_shapes"]))
        self.inputs_label.setText(ins or translate("Inspector", "none"))
        self.count_label.setText(translate("Inspector", "{parameters} parameters · {macs} "
                                           "multiply-adds per example").format(
            parameters=_count(s['param_count']), macs=_count(s['macs'])))
        self.trainable.blockSignals(True)
        self.trainable.setChecked(not node.frozen)
        self.trainable.setEnabled(bool(s["trainable"]) or node.frozen)
        self.trainable.blockSignals(False)
        formula = op_text(s["formula"] or "")
        if s["grad_formula"]:
            formula += translate("Inspector", "\nbackward: {formula}").format(
                formula=op_text(s['grad_formula']))
        self.formula_label.setText(formula.strip() or "—")
        shape_formula = s["shape_formula"]
        self.size_label.setText(render(shape_formula) if shape_formula else "")
        self.size_label.setVisible(bool(shape_formula))
        if self._size_row_label is not None:
            self._size_row_label.setVisible(bool(shape_formula))
        self.issues_label.setText("\n".join(f"⚠ {render(i)}" for i in s["issues"]))
        self.issues_label.setVisible(bool(s["issues"]))
        nota = dense_notation(g, self.nid)
        self.notation_label.setText("\n".join(render(x) for x in nota.lines())
                                    if nota is not None else "")
        for w in (self.notation_label, self.rows_note, self._notation_row_label):
            if w is not None:
                w.setVisible(nota is not None)
        self.refresh_arrays()

    # -- whole-graph counts and arrays after stepping --------------------------------------------
    def refresh_counts(self) -> None:
        """The whole graph's parameter and multiply-add counts (from shapes alone)."""
        c = graph_counts(self.session.graph)
        self.graph_counts.setText(said(lambda: translate("Inspector", "Whole graph: {counts}")
                                       .format(counts=counts_words(c))))

    def set_player(self, player) -> None:
        """Offer the arrays (and gradients) that ``player``'s steps produced for the node."""
        self.player = player
        player.state_changed.connect(self.refresh_arrays)
        self.refresh_arrays()

    def refresh_arrays(self) -> None:
        """One button per array of the selected node the player has computed."""
        if self.nid is None or self._form_host is None:
            return
        pairs = self.player.arrays_of(self.nid) if self.player is not None else []
        keys = tuple((p.key, p.grad is not None) for p in pairs)
        if keys != self._array_keys:
            self._array_keys = keys
            for b in self.array_buttons:
                self.arrays_layout.removeWidget(b)
                b.deleteLater()
            self.array_buttons = []
            for i, p in enumerate(pairs):
                b = QPushButton(array_label(p), self.arrays_host)
                b.setToolTip(array_note(p) or translate("Inspector", "Open {arrays} as a table or "
                                                 "heatmap").format(arrays=array_label(p)))
                b.clicked.connect(lambda _=False, i=i: self.open_array(i))
                self.arrays_layout.addWidget(b)
                self.array_buttons.append(b)
        visible = bool(pairs)
        self.arrays_host.setVisible(visible)
        if self._arrays_row_label is not None:
            self._arrays_row_label.setVisible(visible)

    def open_array(self, index: int):
        """Open the selected node's array ``index`` beside its gradient; return the window."""
        if self.player is None or self.nid is None:
            return None
        pairs = self.player.arrays_of(self.nid)
        if not 0 <= index < len(pairs):
            return None
        return open_array_window(self.window(), self.session.graph.nodes[self.nid].name,
                                 pairs[index])

    def _on_event(self, ev: GraphEvent) -> None:
        if self.nid is None:
            self._counts_timer.start()      # once per burst of edits
            return
        if ev.kind == "node_removed" and ev.node == self.nid:
            self.show_node(None)
        elif ev.kind in REFRESH_KINDS:
            self.refresh()

    # -- edits ----------------------------------------------------------------------------------
    def _set_param(self, name: str, value: Any) -> None:
        node = self.session.graph.nodes.get(self.nid)
        if node is None or node.params.get(name) == value:
            return
        cmd = SetParams(self.session, self.nid, {name: value})
        reason = cmd.check()
        if reason:
            reason = render(reason)
            self.editors[name].show_error(reason)
            self.session.message.emit(reason)
            return
        if not self.session.push(cmd):
            self.refresh()

    def _rename(self) -> None:
        node = self.session.graph.nodes.get(self.nid)
        text = self.name_edit.text().strip()
        if node is None or text == node.name:
            self.name_error.hide()
            return
        cmd = Rename(self.session, self.nid, text)
        reason = cmd.check()
        if reason:
            self.name_error.setText(render(reason))
            self.name_error.show()
            return
        self.name_error.hide()
        self.session.push(cmd)

    def _set_trainable(self, trainable: bool) -> None:
        if self.nid is not None:
            if not self.session.push(SetFrozen(self.session, self.nid, not trainable)):
                self.refresh()


class CountsLabel(QLabel):
    """The status bar's permanent line: the whole graph's parameters and multiply-adds."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("graph_counts")
        self.session = session
        self._timer = QTimer(self)          # a burst of edits (a paste) recounts once
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        session.graph_changed.connect(lambda _ev: self._timer.start())
        session.graph_replaced.connect(self._timer.start)
        self.refresh()

    def refresh(self) -> None:
        c = graph_counts(self.session.graph)
        self.setText(translate("Inspector", "{parameters} parameters · {macs} MACs/example")
                     .format(parameters=fmt_short(c.parameters), macs=fmt_short(c.macs)))
        self.setToolTip(translate("Inspector", "Whole graph, from shapes alone: {counts}").format(
            counts=counts_words(c)))


def counts_words(c: GraphCounts) -> str:
    """'65 parameters · 48 multiply-adds per example' (with buffers and gaps when present), in
    the user's language (engine.graph_stats.counts_text is the English one)."""
    text = translate("Inspector", "{parameters} parameters · {macs} multiply-adds per "
                     "example").format(parameters=fmt_count(c.parameters), macs=fmt_count(c.macs))
    if c.buffers:
        text += translate("Inspector", " · {n} running statistics").format(
            n=fmt_count(c.buffers))
    if c.uncounted:
        text += (translate("Inspector", " · {n} node without a shape not counted")
                 if c.uncounted == 1 else
                 translate("Inspector", " · {n} nodes without a shape not counted")).format(
            n=c.uncounted)
    return text


def install_status_counts(main_window: QMainWindow, session: Session) -> CountsLabel:
    """Put the whole graph's counts in ``main_window``'s status bar, kept up to date."""
    label = CountsLabel(session, main_window)
    main_window.statusBar().addPermanentWidget(label)
    return label
