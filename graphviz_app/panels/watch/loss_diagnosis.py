"""The bias/variance verdict on a training run (the course's "basic recipe"), without Qt.

From the last epoch of the chosen run:

- classification: train error = 1 − train accuracy, dev error = 1 − dev accuracy.
  High bias when train error − ``base_error`` > ``BIAS_GAP`` (5 points);
  high variance when dev error − train error > ``VARIANCE_GAP`` (5 points).
- regression (no accuracy): high bias when the train cost is still above ``BIAS_FRACTION``
  (20 %) of the first epoch's; high variance when dev cost > (1 + ``VARIANCE_RATIO``) × train
  cost, i.e. more than 25 % above it, and the gap is more than ``VARIANCE_GAP`` (5 %) of the
  first epoch's train cost (a tiny cost 25 % above another tiny cost is not a variance problem).

A diverging run (a cost that became NaN or infinite, or grew far above its start, see
:func:`engine.training.divergence`) gets no bias/variance verdict: it is called diverging, with a
smaller learning rate to try.

A dev set that is not split off the training data (an example's "other distribution") may
differ from the training data itself: the verdict then says so, since more data of the training
kind or regularization do not fix a data mismatch.
"""
from __future__ import annotations

import math

from engine.training import History, divergence, suggest_lr

BIAS_GAP = 0.05
VARIANCE_GAP = 0.05
BIAS_FRACTION = 0.2
VARIANCE_RATIO = 0.25


def diagnose(history: History, base_error: float = 0.0, dev_name: str = "",
             lr: float | None = None, optimizer: str = "") -> tuple[str, str]:
    """('diverging' | 'high bias' | 'high variance' | 'high bias and high variance' |
    'neither' | '', advice); ``lr`` and ``optimizer`` let a diverging run's advice name a
    learning rate to try."""
    why = divergence(history)
    if why:
        fix = "a smaller learning rate"
        if lr is not None:
            fix += f": α = {suggest_lr(lr, optimizer):g} instead of {lr:g}"
        return "diverging", f"{why} → {fix} (no bias/variance verdict for a diverging run)"
    if not history.epochs:
        return "", "No epoch finished yet."
    last = -1
    has_dev = not math.isnan(history.dev_cost[last])
    acc = history.train_accuracy[last]
    if not math.isnan(acc):
        train_err = 1.0 - acc
        dev_err = 1.0 - history.dev_accuracy[last] if has_dev else math.nan
        bias = train_err - base_error > BIAS_GAP
        variance = has_dev and dev_err - train_err > VARIANCE_GAP
        figures = f"train error {train_err:.1%}" + (f", dev error {dev_err:.1%}" if has_dev else "")
    else:
        first, tc = history.train_cost[0], history.train_cost[last]
        dc = history.dev_cost[last]
        bias = first > 0 and tc > BIAS_FRACTION * first and len(history.epochs) > 1
        variance = has_dev and dc > (1 + VARIANCE_RATIO) * tc and dc - tc > VARIANCE_GAP * first
        figures = f"train cost {tc:.4g}" + (f", dev cost {dc:.4g}" if has_dev else "")
    advice = []
    if bias:
        advice.append("high bias → a bigger network (more units or layers), train longer, "
                      "or a better optimizer")
    if variance:
        advice.append("high variance → more data, regularization (L2, dropout)")
        if dev_name:
            advice.append(f"but the dev set ({dev_name}) is not drawn from the training data: "
                          "part of the gap can be data mismatch, which neither fixes; make "
                          "the training data look like the data you care about")
    verdict = ("high bias and high variance" if bias and variance else "high bias" if bias
               else "high variance" if variance else "neither")
    if verdict == "neither":
        advice.append("low bias and low variance: the model fits and generalizes"
                      + ("" if has_dev else " (no dev set to check variance)"))
    return verdict, f"{figures}: " + "; ".join(advice)


__all__ = ["diagnose", "BIAS_GAP", "VARIANCE_GAP", "BIAS_FRACTION", "VARIANCE_RATIO"]
