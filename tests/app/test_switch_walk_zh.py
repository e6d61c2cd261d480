"""Every dock, walked after a switch from English to Chinese: what the panels composed in
English before the switch reads in Chinese after it (names, formulas and numbers apart), as
after a Chinese start; and after switching back, no Chinese is left anywhere."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from graphviz_app import i18n
from tests.app.test_panels_zh import CJK, PENDING_DOCKS, _english, _prepare, _texts


def _chinese_left(window) -> dict[str, str]:
    found = {}
    for name, dock in window.docks.items():
        for w in [dock, *dock.findChildren(QWidget)]:
            for t in _texts(w):
                if CJK.search(t):
                    found[t] = name
    return found


@pytest.mark.parametrize("example, node, train", [("xor_mlp", "dense2", True),
                                                  ("small_cnn", "conv1", False)])
def test_a_switch_leaves_no_english_in_any_dock_and_back_no_chinese(window, qtbot, example,
                                                                     node, train):
    i18n.apply(i18n.ENGLISH)
    try:
        _prepare(window, qtbot, example, node, train=train)
        before = _english(window, set(window.docks) - PENDING_DOCKS)
        assert len(before) > 20                      # the walk sees the English texts
        assert i18n.apply(i18n.CHINESE)
        qtbot.wait(50)
        left = _english(window, set(window.docks) - PENDING_DOCKS)
        assert left == {}, "\n".join(f"{d}: {t}" for t, d in sorted(left.items()))
        assert i18n.apply(i18n.ENGLISH)
        qtbot.wait(50)
        left = _chinese_left(window)
        assert left == {}, "\n".join(f"{d}: {t}" for t, d in sorted(left.items()))
    finally:
        i18n.apply(i18n.ENGLISH)
