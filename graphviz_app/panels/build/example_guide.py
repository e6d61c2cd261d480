"""The Example panel: beside an open example, what it shows, what to try, what to look for,
and one-click steps. Opening an example arranges the layout and panels its guide asks for.

The texts come from :mod:`engine.guides`; the steps run through the window's own controls
(the player, the Training dock, the gradient check, undoable parameter edits).
"""
from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, QTimer
from PySide6.QtWidgets import (QAbstractButton, QLabel, QPushButton, QTabWidget, QVBoxLayout,
                               QWidget)

from engine import guides
from engine.guides import Guide, Step

from ... import i18n
from ...editor.commands import SetParams
from ...i18n import english, translate


def _rich(text: str) -> str:
    """Escape, then show bracketed control names in bold."""
    return guides.CONTROL.sub(lambda m: f"<b>{m.group(1)}</b>", html.escape(text))


class ExampleGuidePanel(QWidget):
    """Shows the guide of the open example; empty (with a hint) for other graphs."""

    def __init__(self, main_window, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.win = main_window
        self.session = main_window.session
        self.guide: Guide | None = None
        self.step_buttons: list[QPushButton] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        self.title = QLabel()
        self.title.setObjectName("guide_title")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.body = QLabel()
        self.body.setObjectName("guide_body")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.steps_box = QVBoxLayout()
        lay.addWidget(self.title)
        lay.addWidget(self.body)
        lay.addLayout(self.steps_box)
        lay.addStretch(1)
        self.session.graph_replaced.connect(self._on_replaced)
        self.show_guide(None)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self._load_guide()
        super().changeEvent(event)

    # -- content --------------------------------------------------------------------------------
    def show_guide(self, guide: Guide | None) -> None:
        self.guide = guide
        for b in self.step_buttons:
            self.steps_box.removeWidget(b)
            b.setParent(None)       # gone from the panel now, not at the next event pass
            b.deleteLater()
        self.step_buttons = []
        if guide is None:
            self.title.setText(translate("ExampleGuide", "No example open"))
            self.body.setText(translate(
                "ExampleGuide", "Open one from Help → Examples or File → Examples; its guide "
                "appears here with things to try."))
            return
        self.title.setText(guide.title)
        tries = "".join(f"<li>{_rich(t)}</li>" for t in guide.tries)
        shows = html.escape(translate("ExampleGuide", "What it shows."))
        to_try = html.escape(translate("ExampleGuide", "What to try"))
        look = html.escape(translate("ExampleGuide", "What to look for."))
        self.body.setText(f"<p><b>{shows}</b> {_rich(guide.shows)}</p>"
                          f"<p><b>{to_try}</b></p><ol>{tries}</ol>"
                          f"<p><b>{look}</b> {_rich(guide.look_for)}</p>")
        for step in guide.steps:
            b = QPushButton(step.label)
            b.setObjectName(f"guide_step_{step.do}")
            b.clicked.connect(lambda _c=False, s=step: self.run_step(s))
            self.steps_box.addWidget(b)
            self.step_buttons.append(b)

    def _load_guide(self) -> Guide | None:
        """Show the open example's guide in the current language; None when there is none."""
        name = self.session.example_name
        try:
            guide = guides.load(name, i18n.current()) if name else None
        except guides.GuideError as e:
            self.session.message.emit(i18n.render(e.msg))
            guide = None
        self.show_guide(guide)
        return guide

    def _on_replaced(self) -> None:
        guide = self._load_guide()
        if guide is not None:
            # After the other views have rebuilt for the new graph.
            QTimer.singleShot(0, lambda g=guide: self.arrange(g))

    def arrange(self, guide: Guide) -> None:
        """The guide's layout, with its panels in front and this panel beside the canvas."""
        if self.guide is not guide:
            return
        self.win.apply_layout(guide.layout)
        # after the layout's own second sizing pass, so that these panels keep their room
        QTimer.singleShot(0, lambda g=guide: self._show_panels(g))

    def _show_panels(self, guide: Guide) -> None:
        if self.guide is not guide:
            return
        self.win.show_panel("Example")
        for title in guide.panels:
            self.win.show_panel(title)
        for step in guide.steps:    # a panel step's tab is in front when the example opens
            if step.do == "panel" and "tab" in step.args and step.args["panel"] in guide.panels:
                self._in_panel(self.win.show_panel(step.args["panel"]),
                               {"panel": step.args["panel"], "tab": step.args["tab"]}, step.label)

    # -- steps ----------------------------------------------------------------------------------
    def run_step(self, step: Step) -> bool:
        """Do one step through the window's controls; False (with a message) if it cannot."""
        w = self.win
        a = step.args
        if step.do == "run_forward":
            w.player.run_forward()
        elif step.do == "run_backward":
            w.player.run_backward()
        elif step.do == "step":
            w.player.step_forward()
        elif step.do == "reset":
            w.player.reset()
        elif step.do in ("train", "compare"):
            if "epochs" in a:
                w.training_panel.epochs.setValue(int(a["epochs"]))
            w.show_panel("Loss curves")
            runs = w.training_panel.start() if step.do == "train" else w.training_panel.compare()
            return bool(runs)
        elif step.do == "gradcheck":
            w.show_panel("Gradient check")
            w.gradcheck_panel.run_check()
        elif step.do == "layout":
            w.apply_layout(a["layout"])
        elif step.do == "panel":
            return self._in_panel(w.show_panel(a["panel"]), a, step.label)
        elif step.do == "params":
            return self._set_params(a["nodes"], a["params"], step.label)
        return True

    def _in_panel(self, dock, a: dict, label: str) -> bool:
        """In a shown panel, bring the tab ``a["tab"]`` forward and press the button
        ``a["press"]``, when the step names them; False (with a message) when one is missing."""
        root = dock.widget()
        if "tab" in a:
            tabs = [(t, i) for t in root.findChildren(QTabWidget) for i in range(t.count())
                    if a["tab"] in (t.tabText(i), english(t.tabText(i)))]
            if not tabs:
                self.session.message.emit(translate("ExampleGuide", "{step}: the {panel} panel has "
                                                    "no tab '{tab}'").format(
                    step=label, panel=translate("Panels", a["panel"]), tab=a["tab"]))
                return False
            tabs[0][0].setCurrentIndex(tabs[0][1])
        if "press" in a:
            buttons = [b for b in root.findChildren(QAbstractButton)
                       if a["press"] in (b.text(), english(b.text()))]
            if not buttons:
                self.session.message.emit(translate("ExampleGuide", "{step}: the {panel} panel has "
                                                    "no button '{button}'").format(
                    step=label, panel=translate("Panels", a["panel"]), button=a["press"]))
                return False
            buttons[0].click()
        return True

    def _set_params(self, names: list[str], params: dict, label: str) -> bool:
        graph = self.session.graph
        by_name = {n.name: nid for nid, n in graph.nodes.items()}
        missing = [n for n in names if n not in by_name]
        if missing:
            self.session.message.emit(translate(
                "ExampleGuide", "{step}: this graph has no node named {names} (it was edited); "
                "reopen the example").format(step=label, names=", ".join(missing)))
            return False
        self.session.undo_stack.beginMacro(label)
        ok = all(self.session.push(SetParams(self.session, by_name[n], dict(params)))
                 for n in names)
        self.session.undo_stack.endMacro()
        return ok


def install(main_window, session) -> ExampleGuidePanel:
    panel = ExampleGuidePanel(main_window)
    main_window.add_panel(panel, QT_TRANSLATE_NOOP("Panels", "Example"), "example_dock", "left")
    return panel
