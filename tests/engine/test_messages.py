"""Engine messages as ids with named parameters: English by default, rendered through a
translation function by the app, nested messages rendered in the same language, and a
translation that does not fit its parameters falling back to English. The guides' errors and
shape issues carry their message ids; translated guides keep the English guides' behaviour."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine import Graph, guides
from engine.examples import EXAMPLES
from engine.messages import TEMPLATES, Msg, MsgError, fields
from engine.shapes import infer

ENGINE = Path(__file__).resolve().parents[2] / "engine"


def test_str_is_the_english_template_filled_by_name():
    m = Msg("shape.not_connected", input="x", port=0)
    assert str(m) == "input x (port 0) is not connected"
    big = Msg("shape.too_many_numbers", count=123456789, size="988 MB", limit="800 MB")
    assert str(big).startswith("it would hold 123,456,789 numbers (988 MB), more than this "
                               "machine's 800 MB of memory")


def test_a_message_is_its_english_text_and_survives_a_copy():
    import copy
    m = Msg("shape.not_connected", input="x", port=0)
    assert isinstance(m, str) and m == "input x (port 0) is not connected" and "port 0" in m
    c = copy.deepcopy(m)
    assert (c.id, c.params, c) == (m.id, m.params, m)


def test_training_checks_speak_in_message_ids():
    from engine.train_checks import lr_warning
    high = lr_warning("adam", 0.5)
    assert high.id == "train.lr_high" and high.params["typical"] == 0.001
    assert high.startswith("α = 0.5 is above what adam usually takes")
    assert lr_warning("adam", 0.001) is None
    assert lr_warning("sgd", 1e-7).id == "train.lr_low"


def test_unknown_ids_and_wrong_parameters_are_refused_where_made():
    with pytest.raises(KeyError, match="unknown message id"):
        Msg("shape.no_such_thing")
    with pytest.raises(KeyError, match="takes"):
        Msg("shape.not_connected", input="x")            # port missing
    with pytest.raises(KeyError, match="takes"):
        Msg("shape.not_connected", input="x", port=0, extra=1)


def test_render_uses_the_translation_and_renders_nested_messages_in_it():
    table = {TEMPLATES["shape.not_connected"]: "IN {input} PORT {port} OPEN",
             TEMPLATES["guide.order"]: "ORDER OF {name!r}"}
    inner = Msg("shape.not_connected", input="b", port=1)
    assert inner.render(lambda t: table.get(t, t)) == "IN b PORT 1 OPEN"
    outer = Msg("guide.not_json", name="g", error=inner)
    # the outer template has no translation here, the inner one has
    assert outer.render(lambda t: table.get(t, t)) == "guide 'g': not valid JSON (IN b PORT 1 OPEN)"
    assert str(outer) == "guide 'g': not valid JSON (input b (port 1) is not connected)"


@pytest.mark.parametrize("bad", ["IN {input} PORT {prot}", "IN {input}", "IN {input} {port:q}"])
def test_a_translation_that_does_not_fit_falls_back_to_english(bad):
    m = Msg("shape.not_connected", input="x", port=2)
    assert m.render(lambda t: bad) == "input x (port 2) is not connected"


def test_fields_reads_names_conversions_and_formats():
    assert fields("{a} and {b:,} and {c!r}") == {"a", "b", "c"}
    assert fields("no fields") == set()


def test_message_error_keeps_its_message():
    m = Msg("guide.order", name="x")
    e = MsgError(m)
    assert e.msg == m and str(e) == "guide 'x': 'order' must be a whole number"


def test_every_id_the_engine_uses_exists():
    """Every ``Msg("id"`` and ``GuideError("id"`` in engine/ names a template (a rare error
    path would otherwise raise KeyError only when a user reaches it)."""
    used: set[str] = set()
    for path in sorted(ENGINE.rglob("*.py"))[:500]:
        used |= set(re.findall(r"""(?:Msg|GuideError)\(\s*["']([\w.]+)["']""", path.read_text()))
    assert used, "the engine uses message ids"
    assert used <= set(TEMPLATES), used - set(TEMPLATES)


def test_an_unconnected_input_issue_carries_its_message_id():
    g = Graph()
    g.add_node("input", {"shape": (None, 3)}, name="x")
    g.add_node("dense", {"units": 2}, name="d")
    _, issues = infer(g)
    issue = next(i for i in issues if i.name == "d")
    assert issue.msg.id == "shape.not_connected"
    assert issue.message == str(issue.msg) == "input x (port 0) is not connected"


def test_an_op_shape_error_reaches_the_issue_as_its_message():
    g = Graph()
    x = g.add_node("input", {"shape": (None, 3)}, name="x")
    w = g.add_node("parameter", {"shape": (4, 2)}, name="W")
    z = g.add_node("matmul", name="z")
    g.connect(x, z, 0)
    g.connect(w, z, 1)
    (issue,) = infer(g)[1]
    assert issue.msg == Msg("shape.matmul_inner", a="Nx3", b="4x2", ka=3, kb=4)
    assert issue.port == 1 and issue.message == str(issue.msg)
    assert issue.message.startswith("inner dimensions differ: a is Nx3, b is 4x2 (3 ≠ 4)")


def test_a_broadcast_error_quotes_the_reason():
    g = Graph()
    a = g.add_node("input", {"shape": (None, 3)}, name="a")
    b = g.add_node("input", {"shape": (None, 4)}, name="b")
    s = g.add_node("add", name="s")
    g.connect(a, s, 0)
    g.connect(b, s, 1)
    (issue,) = infer(g)[1]
    assert issue.msg.id == "shape.broadcast_fix"
    assert issue.message.startswith("shapes Nx3 and Nx4 do not broadcast")
    assert issue.message.endswith("(a reshape can insert a size-1 axis)")


def test_guide_errors_carry_their_message_id():
    with pytest.raises(guides.GuideError) as e:
        guides.parse("sample", {"title": "T", "topic": "P", "shows": "S", "try": ["a"],
                                "look_for": "L"})
    assert e.value.msg.id == "guide.tries" and e.value.msg.params == {"name": "sample"}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_each_example_has_a_chinese_guide_with_the_same_behaviour(name):
    en, zh = guides.load(name), guides.load(name, "zh_CN")
    assert zh.title != en.title and re.search(r"[\u4e00-\u9fff]", zh.title + zh.shows + zh.look_for)
    assert [(s.do, s.args) for s in zh.steps] == [(s.do, s.args) for s in en.steps]
    assert all(re.search(r"[\u4e00-\u9fff]", s.label) for s in zh.steps)
    assert all(re.search(r"[\u4e00-\u9fff]", t) for t in zh.tries)
    assert len(zh.controls()) == len(en.controls())


def test_a_translation_that_changes_behaviour_is_refused(monkeypatch):
    real = guides._read

    def tampered(name, language):
        g = real(name, language)
        if language == guides.ENGLISH:
            return g
        return guides.Guide(**{**g.__dict__, "steps": g.steps[:-1]})
    monkeypatch.setattr(guides, "_read", tampered)
    with pytest.raises(guides.GuideError) as e:
        guides.load("xor_mlp", "zh_CN")
    assert e.value.msg.id == "guide.translation_differs"
    assert guides.load("xor_mlp").steps     # English still loads


def test_a_language_without_translations_falls_back_to_english():
    assert guides.load("xor_mlp", "fr_FR") == guides.load("xor_mlp")
