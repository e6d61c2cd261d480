"""The gradient check's summary names the sampled entries it left out, in the singular for one,
in the plural for more, and says nothing when there are none."""
from __future__ import annotations

from graphviz_app.panels.watch.gradcheck_panel import _left_out


def test_one_entry_is_singular_more_are_plural_none_says_nothing():
    one, many = " {n} entry was left out.", " {n} entries were left out."
    assert _left_out(1, one, many) == " 1 entry was left out."
    assert _left_out(3, one, many) == " 3 entries were left out."
    assert _left_out(0, one, many) == ""
