"""Every dock, walked after a switch from English to Chinese on a trained network: what the
panels composed in English before the switch reads in Chinese after it (names, formulas and
numbers apart), as after a Chinese start."""
from __future__ import annotations

from graphviz_app import i18n
from tests.app.test_panels_zh import PENDING_DOCKS, _english, _prepare


def test_a_switch_after_training_leaves_no_english_in_any_dock(window, qtbot):
    i18n.apply(i18n.ENGLISH)
    try:
        _prepare(window, qtbot, "xor_mlp", "dense2", train=True)
        before = _english(window, set(window.docks) - PENDING_DOCKS)
        assert len(before) > 20                      # the walk sees the English texts
        assert i18n.apply(i18n.CHINESE)
        qtbot.wait(50)
        left = _english(window, set(window.docks) - PENDING_DOCKS)
        assert left == {}, "\n".join(f"{d}: {t}" for t, d in sorted(left.items()))
    finally:
        i18n.apply(i18n.ENGLISH)
