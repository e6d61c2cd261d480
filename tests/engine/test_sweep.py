"""The representative examples that cross-product tests run on all exist, so a renamed example
cannot silently shrink what those tests cover."""
from engine.examples import EXAMPLES
from tests import sweep


def test_every_representative_example_exists():
    assert [n for n in sweep.REPRESENTATIVE if n not in EXAMPLES] == []


def test_a_list_is_cut_to_the_representative_ones_in_its_own_order(monkeypatch):
    monkeypatch.setattr(sweep, "FULL", False)
    assert sweep.examples(sorted(EXAMPLES)) == sorted(sweep.REPRESENTATIVE)
    assert sweep.examples(["b_other", "a_other", "c_other", "d_other"]) == ["b_other", "d_other"]


def test_the_full_sweep_keeps_every_example(monkeypatch):
    monkeypatch.setattr(sweep, "FULL", True)
    assert sweep.examples(sorted(EXAMPLES)) == sorted(EXAMPLES)
