"""The bias/variance verdict on a training run (the course's "basic recipe").

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

The verdict is a plain key (``"high bias"``, ...) that code compares; what the user reads, the
verdict's name (:func:`verdict_text`) and the advice, are :class:`engine.messages.Msg` s with
the "diagnosis." ids, which the app renders in the user's language.
"""
from __future__ import annotations

import math
from typing import NamedTuple

from engine.messages import Msg
from engine.training import History, divergence, suggest_lr

BIAS_GAP = 0.05
VARIANCE_GAP = 0.05
BIAS_FRACTION = 0.2
VARIANCE_RATIO = 0.25

VERDICTS = {"diverging": "diagnosis.diverging", "high bias": "diagnosis.high_bias",
            "high variance": "diagnosis.high_variance",
            "high bias and high variance": "diagnosis.high_bias_and_variance",
            "neither": "diagnosis.neither"}
"""Each verdict key -> the message id of its name."""


class Diagnosis(NamedTuple):
    """``verdict``: a key of :data:`VERDICTS`, or "" before any epoch; ``advice``: the figures
    and what to do (a Msg, whose English text is the str itself)."""
    verdict: str
    advice: Msg


def verdict_text(verdict: str) -> Msg | None:
    """The name of ``verdict`` to show ("high bias" ...), or None for "" (no verdict)."""
    return Msg(VERDICTS[verdict]) if verdict else None


def diverged(reason: "Msg | str") -> Diagnosis:
    """The verdict on a run that stopped because it diverged, for ``reason``."""
    return Diagnosis("diverging", Msg("diagnosis.diverged", reason=reason))


def _joined(parts: list[Msg]) -> Msg:
    """``parts`` as one message, "a; b; c" (the separator is the language's)."""
    out = parts[-1]
    for part in reversed(parts[:-1]):
        out = Msg("diagnosis.then", first=part, rest=out)
    return out


def diagnose(history: History, base_error: float = 0.0, dev_name: str = "",
             lr: float | None = None, optimizer: str = "") -> Diagnosis:
    """The verdict on the last epoch of ``history`` and its advice; ``lr`` and ``optimizer``
    let a diverging run's advice name a learning rate to try."""
    why = divergence(history)
    if why:
        if lr is None:
            return Diagnosis("diverging", Msg("diagnosis.smaller_lr", reason=why))
        return Diagnosis("diverging", Msg("diagnosis.smaller_lr_to", reason=why, lr=lr,
                                          suggested=suggest_lr(lr, optimizer)))
    if not history.epochs:
        return Diagnosis("", Msg("diagnosis.no_epoch"))
    last = -1
    has_dev = not math.isnan(history.dev_cost[last])
    acc = history.train_accuracy[last]
    if not math.isnan(acc):
        train_err = 1.0 - acc
        dev_err = 1.0 - history.dev_accuracy[last] if has_dev else math.nan
        bias = train_err - base_error > BIAS_GAP
        variance = has_dev and dev_err - train_err > VARIANCE_GAP
        figures = (Msg("diagnosis.errors", train=train_err, dev=dev_err) if has_dev
                   else Msg("diagnosis.train_error", train=train_err))
    else:
        first, tc = history.train_cost[0], history.train_cost[last]
        dc = history.dev_cost[last]
        bias = first > 0 and tc > BIAS_FRACTION * first and len(history.epochs) > 1
        variance = has_dev and dc > (1 + VARIANCE_RATIO) * tc and dc - tc > VARIANCE_GAP * first
        figures = (Msg("diagnosis.costs", train=tc, dev=dc) if has_dev
                   else Msg("diagnosis.train_cost", train=tc))
    advice: list[Msg] = []
    if bias:
        advice.append(Msg("diagnosis.bias_fix"))
    if variance:
        advice.append(Msg("diagnosis.variance_fix"))
        if dev_name:
            advice.append(Msg("diagnosis.mismatch", dev=dev_name))
    verdict = ("high bias and high variance" if bias and variance else "high bias" if bias
               else "high variance" if variance else "neither")
    if verdict == "neither":
        advice.append(Msg("diagnosis.fits" if has_dev else "diagnosis.fits_no_dev"))
    return Diagnosis(verdict, Msg("diagnosis.advice", figures=figures, advice=_joined(advice)))


__all__ = ["diagnose", "diverged", "verdict_text", "Diagnosis", "VERDICTS", "BIAS_GAP",
           "VARIANCE_GAP", "BIAS_FRACTION", "VARIANCE_RATIO"]
