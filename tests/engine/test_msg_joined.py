"""Joined: several messages given as one parameter are each translated, then joined."""
from __future__ import annotations

import copy

from engine.messages import Joined, Msg


def _marked(template: str) -> str:
    return "«" + template + "»"


def test_each_joined_message_is_translated_and_the_separator_kept():
    lines = Joined([Msg("onnx.unsupported_op", op="Hardmax", nodes="a, b"),
                    Msg("onnx.unsupported_why", op="MaxPool", nodes="p1",
                        reason=Msg("onnx.why.setting", setting="ceil_mode=1"))], "\n")
    m = Msg("onnx.unsupported", ops=lines)
    assert str(m).endswith(":\nHardmax: a, b\nMaxPool (the setting ceil_mode=1): p1")
    out = m.render(_marked)
    assert out.count("«") == 4, out      # the whole, both lines and the reason inside one
    assert out.endswith("\n«Hardmax: a, b»\n«MaxPool («the setting ceil_mode=1»): p1»»"), out


def test_plain_strings_among_the_joined_stay_as_they_are():
    j = Joined(["raw text", Msg("onnx.why.slice_empty")], "; ")
    assert j.render(_marked) == "raw text; «an empty slice»"
    assert f"{j}" == str(j) == "raw text; an empty slice"


def test_a_joined_survives_copying_with_its_separator():
    m = Msg("onnx.shape_problems", issues=Joined([Msg("named", name="fc", error="bad")], "; "))
    c = copy.deepcopy(m)
    assert c.params["issues"].sep == "; " and c.render(_marked) == m.render(_marked)
    assert c.render(_marked) == "«the imported graph has shape problems: «fc: bad»»"
