"""The guide that opens beside each example: what it shows, what to try, what to look for, the
layout and panels it needs, and one-click steps.

Guides are JSON files in the shipped ``assets/guides/`` folder, one per example, named after the
example. Controls of the app are named in square brackets (``[Run forward]``, ``[Loss curves]``)
so that a test can check that every control a guide names exists; brackets right after a
letter are the course's layer notation (``a[1]``, ``W[l]``), not controls. A step is one of
:data:`VERBS`: ``run_forward``, ``run_backward``, ``step``, ``reset``, ``train`` (``epochs``),
``compare`` (``epochs``), ``gradcheck``, ``layout`` (``layout``), ``panel`` (``panel``) and
``params`` (``nodes``, ``params``: one undoable edit of those nodes' parameters).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from .resources import asset

VERBS = {
    "run_forward": (), "run_backward": (), "step": (), "reset": (), "gradcheck": (),
    "train": ("epochs",), "compare": ("epochs",), "layout": ("layout",), "panel": ("panel",),
    "params": ("nodes", "params"),
}
LAYOUT_KEYS = ("build", "step", "train", "inside")
CONTROL = re.compile(r"(?<![\w\]])\[([^\[\]]+)\]")   # [Control], not a[1] or W[l]


class GuideError(ValueError):
    """A guide file that does not follow the format; the message names the file and field."""


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


def _text(d: dict, key: str, where: str) -> str:
    v = d.get(key)
    if not isinstance(v, str) or not v.strip():
        raise GuideError(f"{where}: '{key}' must be a non-empty text")
    return v.strip()


def parse(name: str, data: Any) -> Guide:
    """Check and convert one guide's JSON data."""
    where = f"guide {name!r}"
    if not isinstance(data, dict):
        raise GuideError(f"{where}: the file must hold a JSON object")
    tries = data.get("try")
    if not (isinstance(tries, list) and 2 <= len(tries) <= 4
            and all(isinstance(t, str) and t.strip() for t in tries)):
        raise GuideError(f"{where}: 'try' must list two to four concrete actions")
    layout = data.get("layout", "build")
    if layout not in LAYOUT_KEYS:
        raise GuideError(f"{where}: 'layout' must be one of {', '.join(LAYOUT_KEYS)}")
    panels = data.get("panels", [])
    if not (isinstance(panels, list) and all(isinstance(p, str) for p in panels)):
        raise GuideError(f"{where}: 'panels' must be a list of panel titles")
    steps = []
    for i, s in enumerate(data.get("steps", [])):
        if not isinstance(s, dict) or s.get("do") not in VERBS:
            raise GuideError(f"{where}: step {i + 1} must have 'do' set to one of "
                             f"{', '.join(sorted(VERBS))}")
        label = _text(s, "label", f"{where}, step {i + 1}")
        args = {k: v for k, v in s.items() if k not in ("do", "label")}
        missing = [k for k in VERBS[s["do"]] if k not in args and k != "epochs"]
        if missing:
            raise GuideError(f"{where}, step {i + 1} ({s['do']}): needs {', '.join(missing)}")
        if "epochs" in args and not (isinstance(args["epochs"], int) and 0 < args["epochs"] <= 10000):
            raise GuideError(f"{where}, step {i + 1}: 'epochs' must be a whole number 1-10000")
        if s["do"] == "layout" and args["layout"] not in LAYOUT_KEYS:
            raise GuideError(f"{where}, step {i + 1}: unknown layout {args['layout']!r}")
        steps.append(Step(label, s["do"], args))
    order = data.get("order", 999)
    if not isinstance(order, int):
        raise GuideError(f"{where}: 'order' must be a whole number")
    return Guide(name=name, title=_text(data, "title", where), topic=_text(data, "topic", where),
                 order=order, shows=_text(data, "shows", where), tries=tuple(t.strip() for t in tries),
                 look_for=_text(data, "look_for", where), layout=layout, panels=tuple(panels),
                 steps=tuple(steps))


def load(name: str) -> Guide | None:
    """The guide of the example ``name``, or None when it has none."""
    f = asset("guides", f"{name}.json")
    if not f.is_file():
        return None
    try:
        data = json.loads(f.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise GuideError(f"guide {name!r}: not valid JSON ({e})") from None
    return parse(name, data)


def load_all(names) -> dict[str, Guide]:
    """The guides of the examples ``names`` that have one."""
    out = {}
    for n in names:
        g = load(n)
        if g is not None:
            out[n] = g
    return out
