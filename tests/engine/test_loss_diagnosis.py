"""The bias/variance verdict (the course's basic recipe), without Qt: its thresholds on train and
dev error or cost, the diverging case with a learning rate to try, the data-mismatch warning, and
its words as message ids that a translation can fill with the same figures."""
from __future__ import annotations

import math
import re

from engine.inspect.loss_diagnosis import (BIAS_GAP, VARIANCE_GAP, VERDICTS, Diagnosis, diagnose,
                                           diverged, verdict_text)
from engine.messages import TEMPLATES, Msg
from engine.training import History

nan = math.nan


def _history(train_acc, dev_acc, train_cost=None, dev_cost=None, n=3) -> History:
    tc = train_cost if train_cost is not None else [1.0] * n
    dc = dev_cost if dev_cost is not None else [1.0] * n
    return History(list(range(1, n + 1)), [1.0] * n, list(range(1, n + 1)), list(range(1, n + 1)),
                   tc, [train_acc] * n, dc, [dev_acc] * n)


def test_classification_thresholds_compare_train_error_with_the_base_and_dev_error():
    assert diagnose(_history(0.99, 0.985)).verdict == "neither"
    v, advice = diagnose(_history(0.85, 0.84))
    assert v == "high bias" and "bigger network" in advice
    v, advice = diagnose(_history(0.99, 0.80))
    assert v == "high variance" and "regularization" in advice and "more data" in advice
    assert diagnose(_history(0.85, 0.70)).verdict == "high bias and high variance"
    # just inside and just past each 5-point gap (a flipped sign or a swapped set fails here)
    assert diagnose(_history(1 - BIAS_GAP + 0.01, 1 - BIAS_GAP + 0.01)).verdict == "neither"
    assert diagnose(_history(1 - BIAS_GAP - 0.01, 1 - BIAS_GAP - 0.01)).verdict == "high bias"
    assert diagnose(_history(0.99, 0.99 - VARIANCE_GAP + 0.01)).verdict == "neither"
    assert diagnose(_history(0.99, 0.99 - VARIANCE_GAP - 0.01)).verdict == "high variance"
    # a dev set better than train is no variance problem
    assert diagnose(_history(0.99, 1.0)).verdict == "neither"
    # Bayes error: 10 % train error is no bias problem when the best possible is 8 %
    assert diagnose(_history(0.90, 0.89), base_error=0.08).verdict == "neither"
    assert diagnose(History.empty()) == ("", "No epoch finished yet.")


def test_the_figures_quoted_are_the_last_epochs_train_and_dev_errors():
    h = History([1, 2], [1.0, 1.0], [1, 2], [1, 2], [1.0, 1.0], [0.5, 0.9], [1.0, 1.0],
                [0.5, 0.7])
    advice = diagnose(h).advice
    assert advice.startswith("train error 10.0%, dev error 30.0%: ")


def test_regression_thresholds_and_a_gap_that_matters():
    assert diagnose(_history(nan, nan, [1.0, 0.2, 0.05], [1.0, 0.3, 0.055])).verdict == "neither"
    assert diagnose(_history(nan, nan, [1.0, 0.8, 0.6], [1.0, 0.8, 0.62])).verdict == "high bias"
    # housing-like: cost fell from 1.0 to 0.025; dev 30 % above train, but only 0.0075 apart
    v, advice = diagnose(_history(nan, nan, [1.0, 0.1, 0.025], [1.0, 0.1, 0.0325]))
    assert v == "neither", advice
    assert advice.startswith("train cost 0.025, dev cost 0.0325: ")
    v, _ = diagnose(_history(nan, nan, [1.0, 0.1, 0.05], [1.0, 0.2, 0.3]))
    assert v == "high variance"


def test_no_dev_set_says_variance_is_unchecked():
    v, advice = diagnose(_history(0.99, nan, dev_cost=[nan] * 3))
    assert v == "neither" and advice.endswith("(no dev set to check variance)")
    assert "dev error" not in advice


def test_dev_set_from_another_distribution_mentions_mismatch():
    v, advice = diagnose(_history(0.99, 0.80), dev_name="other distribution")
    assert v == "high variance"
    assert "not drawn from the training data" in advice and "data mismatch" in advice
    assert "(other distribution)" in advice
    assert "mismatch" not in diagnose(_history(0.99, 0.80)).advice


def test_a_diverging_run_gets_a_learning_rate_and_no_bias_variance_verdict():
    h = History([1, 2], [0.69, 50.0], [1, 2], [1, 2], [30.0, 1e7], [0.5, 0.5], [30.0, 1e7],
                [0.5, 0.5])
    verdict, advice = diagnose(h, lr=1000, optimizer="adam")
    assert verdict == "diverging" and "α = 0.001 instead of 1000" in advice
    assert advice.endswith("(no bias/variance verdict for a diverging run)")
    assert "α =" not in diagnose(h).advice
    stopped = diverged("the cost became NaN or infinite")
    assert stopped == Diagnosis("diverging", "the cost became NaN or infinite (no bias/variance "
                                             "verdict for a diverging run)")


def test_every_word_is_a_diagnosis_message_that_renders_with_a_translation():
    """The verdict's name and each part of the advice are Msg ids under "diagnosis."; a
    translation (here: upper case, parts joined its own way) fills them with the same figures."""
    assert set(VERDICTS) == {"diverging", "high bias", "high variance",
                             "high bias and high variance", "neither"}
    for key, mid in VERDICTS.items():
        assert mid.startswith("diagnosis.") and mid in TEMPLATES
        assert verdict_text(key) == key
    assert verdict_text("") is None
    advice = diagnose(_history(0.85, 0.70), dev_name="blurry").advice
    assert isinstance(advice, Msg) and advice.id == "diagnosis.advice"

    def shout(template: str) -> str:          # a "translation": its own separator, upper case
        if template == TEMPLATES["diagnosis.then"]:
            return "{first} // {rest}"
        return re.sub(r"[^{}]+(?=\{|$)", lambda m: m.group().upper(), template)

    text = advice.render(shout)
    assert text.startswith("TRAIN ERROR 15.0%, DEV ERROR 30.0%: HIGH BIAS → A BIGGER NETWORK")
    assert text.count(" // ") == 2 and "(blurry)" in text


def test_the_diagnosis_block_comes_after_the_other_engine_messages():
    ids = list(TEMPLATES)
    ours = [i for i, m in enumerate(ids) if m.startswith("diagnosis.")]
    assert len(ours) == 20 and ours == list(range(ours[0], ours[0] + 20))
    assert ours[0] > ids.index("guide.translation_differs")
