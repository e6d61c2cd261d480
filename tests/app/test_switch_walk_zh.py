"""Every dock, walked after a switch from English to Chinese: what the panels composed in
English before the switch reads in Chinese after it (names, formulas and numbers apart), as
after a Chinese start; and after switching back, no Chinese is left anywhere."""
from __future__ import annotations

import re

import pyqtgraph as pg
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


def _axis_labels(window) -> dict[int, str]:
    """Every plot axis's label in the docks (id of the axis -> its text)."""
    return {id(it): it.labelText for dock in window.docks.values()
            for view in dock.findChildren(pg.GraphicsView) for it in view.scene().items()
            if isinstance(it, pg.AxisItem) and it.labelText}


@pytest.mark.parametrize("example, node, train, worded_axes", [
    ("xor_mlp", "dense2", True, 2),      # the activation plots label axes 'count', 'unit'
    ("small_cnn", "conv1", False, 0)])
def test_a_switch_leaves_no_english_in_any_dock_and_back_no_chinese(window, qtbot, example,
                                                                     node, train, worded_axes):
    i18n.apply(i18n.ENGLISH)
    try:
        _prepare(window, qtbot, example, node, train=train)
        before = _english(window, set(window.docks) - PENDING_DOCKS)
        assert len(before) > 20                      # the walk sees the English texts
        worded = {k: t for k, t in _axis_labels(window).items()
                  if re.fullmatch(r"[a-z]{4,}", t)}  # 'count', 'example', 'unit'
        assert len(worded) >= worded_axes
        assert i18n.apply(i18n.CHINESE)
        qtbot.wait(50)
        left = _english(window, set(window.docks) - PENDING_DOCKS)
        assert left == {}, "\n".join(f"{d}: {t}" for t, d in sorted(left.items()))
        axes = _axis_labels(window)
        assert all(CJK.search(axes.get(k, "")) for k in worded), (worded, axes)
        assert i18n.apply(i18n.ENGLISH)
        qtbot.wait(50)
        left = _chinese_left(window)
        assert left == {}, "\n".join(f"{d}: {t}" for t, d in sorted(left.items()))
    finally:
        i18n.apply(i18n.ENGLISH)

