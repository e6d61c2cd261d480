"""The guide that opens beside each example: what it shows, what to try, what to look for, the
layout and panels it needs, and one-click steps.

Guides are JSON files in the shipped ``assets/guides/`` folder, one per example, named after the
example. Controls of the app are named in square brackets (``[Run forward]``, ``[Loss curves]``)
so that a test can check that every control a guide names exists; brackets right after a
letter are the course's layer notation (``a[1]``, ``W[l]``), not controls. A step is one of
:data:`VERBS`: ``run_forward``, ``run_backward``, ``step``, ``reset``, ``train`` (``epochs``),
``compare`` (``epochs``), ``gradcheck``, ``layout`` (``layout``), ``panel`` (``panel``, and
optionally ``tab`` and ``press``), ``params`` (``nodes``, ``params``: one undoable edit of
those nodes' parameters) and ``open_beside`` (``model``: a model too large for the examples
list, such as ``googlenet_onnx``, built in the background and opened in a second window).

A ``panel`` step names what it opens by stable ids, never by shown text (which a translation
changes): ``panel`` is the dock's object name (``activations_dock``), ``tab`` the object name of
a tab's page (``activations_functions_tab``) and ``press`` a button's object name
(``data_time_loops_button``). So a translated guide has the very same steps as the English one.

A translated guide lives in ``assets/guides/<language>/<name>.json`` (``zh_CN``) with the same
structure: only the texts differ (title, topic, shows, try, look_for, step labels), and its
bracketed control names are the controls' translated names. ``load(name, language)`` reads it,
and falls back to the English guide when there is no translation.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from .messages import Msg, MsgError
from .resources import asset

VERBS = {
    "run_forward": (), "run_backward": (), "step": (), "reset": (), "gradcheck": (),
    "train": ("epochs",), "compare": ("epochs",), "layout": ("layout",), "panel": ("panel",),
    "params": ("nodes", "params"), "open_beside": ("model",),
}
LAYOUT_KEYS = ("build", "step", "train", "inside")
CONTROL = re.compile(r"(?<![\w\]])\[([^\[\]]+)\]")   # [Control], not a[1] or W[l]
STABLE_ID = re.compile(r"[a-z][a-z0-9_]*")
# a panel step's keys, each an object name ending so (and an example of one)
PANEL_IDS = {"panel": ("_dock", "activations_dock"), "tab": ("_tab", "activations_functions_tab"),
             "press": ("_button", "data_time_loops_button")}


ENGLISH = "en"


class GuideError(MsgError):
    """A guide file that does not follow the format; the message names the file and field."""

    def __init__(self, id: str, **params: Any) -> None:  # noqa: A002 - the message id
        super().__init__(Msg(id, **params))


@dataclass(frozen=True)
class Step:
    label: str
    do: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Guide:
    name: str
    title: str
    topic: str
    order: int
    shows: str
    tries: tuple[str, ...]
    look_for: str
    layout: str
    panels: tuple[str, ...]
    steps: tuple[Step, ...]

    def controls(self) -> set[str]:
        """Every control named in brackets in the texts, plus the panels it opens."""
        text = " ".join((self.shows, self.look_for, *self.tries))
        return set(CONTROL.findall(text)) | set(self.panels)


def _text(d: dict, key: str, name: str, step: int | None = None) -> str:
    v = d.get(key)
    if not isinstance(v, str) or not v.strip():
        if step is None:
            raise GuideError("guide.empty_text", name=name, key=key)
        raise GuideError("guide.step_empty_text", name=name, step=step, key=key)
    return v.strip()


def parse(name: str, data: Any) -> Guide:
    """Check and convert one guide's JSON data."""
    if not isinstance(data, dict):
        raise GuideError("guide.not_object", name=name)
    tries = data.get("try")
    if not (isinstance(tries, list) and 2 <= len(tries) <= 4
            and all(isinstance(t, str) and t.strip() for t in tries)):
        raise GuideError("guide.tries", name=name)
    layout = data.get("layout", "build")
    if layout not in LAYOUT_KEYS:
        raise GuideError("guide.layout", name=name, layouts=", ".join(LAYOUT_KEYS))
    panels = data.get("panels", [])
    if not (isinstance(panels, list) and all(isinstance(p, str) for p in panels)):
        raise GuideError("guide.panels", name=name)
    steps = []
    for i, s in enumerate(data.get("steps", [])):
        if not isinstance(s, dict) or s.get("do") not in VERBS:
            raise GuideError("guide.step_verb", name=name, step=i + 1,
                             verbs=", ".join(sorted(VERBS)))
        label = _text(s, "label", name, i + 1)
        args = {k: v for k, v in s.items() if k not in ("do", "label")}
        missing = [k for k in VERBS[s["do"]] if k not in args and k != "epochs"]
        if missing:
            raise GuideError("guide.step_needs", name=name, step=i + 1, verb=s["do"],
                             missing=", ".join(missing))
        if "epochs" in args and not (isinstance(args["epochs"], int) and 0 < args["epochs"] <= 10000):
            raise GuideError("guide.step_epochs", name=name, step=i + 1)
        if s["do"] == "layout" and args["layout"] not in LAYOUT_KEYS:
            raise GuideError("guide.step_layout", name=name, step=i + 1, layout=args["layout"])
        if s["do"] == "panel":
            for key, (end, example) in PANEL_IDS.items():
                v = args.get(key, example)
                if not (isinstance(v, str) and STABLE_ID.fullmatch(v) and v.endswith(end)):
                    raise GuideError("guide.step_id", name=name, step=i + 1, key=key,
                                     example=example, value=v)
        steps.append(Step(label, s["do"], args))
    order = data.get("order", 999)
    if not isinstance(order, int):
        raise GuideError("guide.order", name=name)
    return Guide(name=name, title=_text(data, "title", name), topic=_text(data, "topic", name),
                 order=order, shows=_text(data, "shows", name), tries=tuple(t.strip() for t in tries),
                 look_for=_text(data, "look_for", name), layout=layout, panels=tuple(panels),
                 steps=tuple(steps))


def _read(name: str, language: str) -> Guide | None:
    f = asset("guides", f"{name}.json") if language == ENGLISH else \
        asset("guides", language, f"{name}.json")
    if not f.is_file():
        return None
    try:
        data = json.loads(f.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise GuideError("guide.not_json", name=name, error=str(e)) from None
    return parse(name, data)


def _behaviour(g: Guide) -> tuple:
    """What a translation must keep: the steps, layout, order and the number of panels and tries."""
    return ([(s.do, s.args) for s in g.steps], g.layout, g.order, len(g.panels), len(g.tries))


def load(name: str, language: str = ENGLISH) -> Guide | None:
    """The guide of the example ``name`` in ``language`` ("en", "zh_CN"), else in English; None
    when it has none. A translation whose steps, layout, panels or order differ from the English
    guide's (translate the texts, not the behaviour) raises GuideError."""
    english = _read(name, ENGLISH)
    if language == ENGLISH or english is None:
        return english
    translated = _read(name, language)
    if translated is None:
        return english
    if _behaviour(translated) != _behaviour(english):
        raise GuideError("guide.translation_differs", name=name, language=language)
    return translated


def load_all(names, language: str = ENGLISH) -> dict[str, Guide]:
    """The guides of the examples ``names`` that have one, in ``language`` where translated."""
    out = {}
    for n in names:
        g = load(n, language)
        if g is not None:
            out[n] = g
    return out
