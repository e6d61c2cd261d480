"""The canvas and the Step details body in Chinese after a switch from English: every word on
the nodes, groups and wires and in their tooltips, and the step's explanation as it is shown,
reads in Chinese apart from names, formulas and numbers; and both come back in English."""
from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QGraphicsSimpleTextItem

from graphviz_app import i18n
from graphviz_app.editor.commands import SetCollapsed
from tests.app.test_panels_zh import CJK, KEPT, PARAMS, WORD

from engine.ops.base import REGISTRY


@pytest.fixture
def english_after(qapp):
    i18n.apply(i18n.ENGLISH)
    yield
    i18n.apply(i18n.ENGLISH)


def _names(window) -> tuple[set[str], list[str]]:
    """Words that stay as they are, and the graph's node and group names (longest first)."""
    g = window.session.graph
    whole = sorted({n.name for n in g.nodes.values()} | {grp.name for grp in g.groups.values()},
                   key=len, reverse=True)
    names = set(REGISTRY) | KEPT | PARAMS | {k for op in REGISTRY.values() for k in op.cache_notes}
    names |= set(window.session.dataset.arrays) if window.session.dataset is not None else set()
    names |= {"mean_a", "mean_i", "max_a", "Bernoulli", "cols", "rate", "size", "axis", "shape",
              "start", "stop", "step", "transpose", "reshape", "mistake"}   # symbols in formulas
    return names | {"d" + n for n in names}, whole


def _english_words(text: str, known: tuple[set[str], list[str]]) -> list[str]:
    """The words of ``text`` that are English and no name (formula symbols are kept)."""
    names, whole = known
    text = text.replace("one-hot", " ")          # the term the course keeps in Chinese too
    for name in whole:
        text = re.sub(rf"(?<![\w]){re.escape(name)}(?![\w])", " ", text)
    words = WORD.findall(re.sub(r"[\dN]+(x[\dN]+)+", " ", text))
    left = [w for w in words if w not in names and w.strip("'") not in names]
    return [] if CJK.search(text) and all(len(w) <= 2 for w in left) else left


def _canvas_texts(window) -> list[str]:
    out = []
    for it in window.scene.items():
        out.append(it.toolTip())
        if isinstance(it, QGraphicsSimpleTextItem):
            out.append(it.text())
    return [t for t in out if t]


def _lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.strip()]


def test_the_canvas_and_the_step_details_switch_to_chinese(window, qtbot, english_after):
    assert window.files.open_example("inception_module")
    g = window.session.graph
    gid = next(iter(g.groups))
    assert window.session.push(SetCollapsed(window.session, gid, True))
    p = window.player
    for _ in range(3):
        assert p.step_forward() is not None
    body = p.panel.text
    english_body = body.toPlainText()
    english_canvas = _canvas_texts(window)
    names = _names(window)
    assert any(_english_words(t, names) for t in english_canvas)        # English words are found
    assert any(_english_words(t, names) for t in _lines(english_body))

    assert i18n.apply(i18n.CHINESE)
    qtbot.wait(10)
    left = {t: w for t in _canvas_texts(window) for ln in _lines(t)
            if (w := _english_words(ln, names))}
    assert left == {}, "\n".join(f"{t!r}: {w}" for t, w in left.items())
    shown = body.toPlainText()
    assert CJK.search(shown), shown
    left = {ln: w for ln in _lines(shown) if (w := _english_words(ln, names))}
    assert left == {}, "\n".join(f"{t!r}: {w}" for t, w in left.items())

    assert i18n.apply(i18n.ENGLISH)
    assert body.toPlainText() == english_body
    assert sorted(_canvas_texts(window)) == sorted(english_canvas)
