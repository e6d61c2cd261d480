"""The engine's words about data, as message templates (merged into
:data:`engine.messages.TEMPLATES`, context ``"engine"``).

``dataset.`` are the generated data sets' descriptions and the names of an example's own dev
sets (engine/datasets.py, engine/data/, engine/examples.py); ``stats.`` are the summary line of
an array (engine/inspect/array_grid.stats_text). A :class:`engine.msg.Msg` made from them is
the English text itself, so a data set's description stays a plain string to the engine; the
app renders it in the user's language.
"""
from __future__ import annotations

import ast
import re
import string

from .msg import QT_TRANSLATE_NOOP  # the marker lupdate reads


DATA_TEMPLATES: dict[str, str] = {
    # generated data sets (engine/datasets.py, engine/data/digits.py)
    "dataset.xor": QT_TRANSLATE_NOOP(
        "engine", "Four clusters; the class is 1 where x₁ and x₂ have different signs. No "
                  "straight line separates the classes."),
    "dataset.circles": QT_TRANSLATE_NOOP(
        "engine", "A ring inside a ring: separable only by a curved boundary."),
    "dataset.moons": QT_TRANSLATE_NOOP("engine", "Two interleaving half moons."),
    "dataset.spirals": QT_TRANSLATE_NOOP("engine", "{classes} spiral arms wound around each other."),
    "dataset.blobs": QT_TRANSLATE_NOOP("engine", "{centers} Gaussian clusters."),
    "dataset.line": QT_TRANSLATE_NOOP(
        "engine", "Two classes split by a straight line: logistic regression can learn it."),
    "dataset.housing": QT_TRANSLATE_NOOP(
        "engine", "House prices generated from hidden factors: family size, walkability and "
                  "school quality."),
    "dataset.word_pairs": QT_TRANSLATE_NOOP(
        "engine", "(center word, context word) pairs from a tiny corpus whose sentences stay on "
                  "one topic"),
    "dataset.shapes": QT_TRANSLATE_NOOP(
        "engine", "Tiny images of horizontal bars, vertical bars, crosses and rings."),
    "dataset.gratings": QT_TRANSLATE_NOOP(
        "engine", "Striped {size}×{size} patterns in {classes} orientations over {channels} "
                  "channels."),
    "dataset.digits": QT_TRANSLATE_NOOP(
        "engine", "Handwritten digits 0-9, 8x8 pixels (from scikit-learn)"),
    "dataset.noisy_digits": QT_TRANSLATE_NOOP(
        "engine", "digits moved by up to a pixel, noise σ {sigma}"),
    "dataset.zero_digits": QT_TRANSLATE_NOOP(
        "engine", "8x8 digits, label 1.0 for a zero and 0.0 for any other digit"),
    "dataset.two_clouds": QT_TRANSLATE_NOOP(
        "engine", "two Gaussian clouds, 3 features, classes 0 and 1"),
    "dataset.digits_some": QT_TRANSLATE_NOOP(
        "engine", "Handwritten digits {first}-{last}, 8x8 pixels (from scikit-learn)"),
    "dataset.linear_targets": QT_TRANSLATE_NOOP(
        "engine", "y = X·W + b plus a little noise; 3 inputs, 4 outputs"),
    "dataset.samples_grey": QT_TRANSLATE_NOOP(
        "engine", "The {count} sample pictures, {size}x{size} grey, one per class"),
    "dataset.samples_colour": QT_TRANSLATE_NOOP(
        "engine", "The {count} sample pictures, {size}x{size} colour, one per class"),
    "dataset.patches": QT_TRANSLATE_NOOP(
        "engine", "{count} patches of {size}x{size} pixels cut from the {pictures} sample "
                  "pictures; the class is the picture a patch comes from"),
    "dataset.corpus": QT_TRANSLATE_NOOP(
        "engine", "(center, context) word pairs from {sentences} sentences ({words} words) that "
                  "each stay on one of {topics} topics"),
    "dataset.folder": QT_TRANSLATE_NOOP(
        "engine", "{count} images in {classes} classes from the folder {name}"),
    "dataset.csv": QT_TRANSLATE_NOOP(
        "engine", "{rows} rows from a CSV file; {features} feature columns"),
    "dataset.csv_target": QT_TRANSLATE_NOOP(
        "engine", "{rows} rows from a CSV file; {features} feature columns, target {target!r}"),
    "dataset.precomputed": QT_TRANSLATE_NOOP(
        "engine", "the output of {node} for every example of {data}, computed once"),
    # a dev set from another distribution (engine/datasets.other_distribution, examples.py)
    "dataset.rotated": QT_TRANSLATE_NOOP(
        "engine", "{kind} rotated by {degrees}° and shifted: the same classes, seen differently"),
    "dataset.name_train": QT_TRANSLATE_NOOP("engine", "{kind} (train)"),
    "dataset.name_same": QT_TRANSLATE_NOOP("engine", "{kind} (dev, same distribution)"),
    "dataset.name_other": QT_TRANSLATE_NOOP("engine", "{kind} (other distribution)"),
    "dataset.dev_same": QT_TRANSLATE_NOOP("engine", "same distribution"),
    "dataset.dev_other": QT_TRANSLATE_NOOP("engine", "other distribution"),
    # an array's summary line (engine/inspect/array_grid.stats_text)
    "stats.scalar": QT_TRANSLATE_NOOP("engine", "scalar"),
    "stats.empty": QT_TRANSLATE_NOOP("engine", "{shape} (empty)"),
    "stats.no_finite": QT_TRANSLATE_NOOP("engine", "{shape} · no finite entries"),
    "stats.line": QT_TRANSLATE_NOOP(
        "engine", "{shape} · min {min} · max {max} · mean {mean}"),
    "stats.line_bad": QT_TRANSLATE_NOOP(
        "engine", "{shape} · min {min} · max {max} · mean {mean} · {bad} not finite"),
}


_QUOTED = r"'(?:[^'\\]|\\.)*'" + "|" + r'"(?:[^"\\]|\\.)*"'
"""A Python string literal, as ``{name!r}`` writes a text field."""


def _pattern(template: str) -> "tuple[re.Pattern[str], set[str]] | None":
    """A regex matching the English text of ``template`` whatever its fields hold (a field
    named twice must hold the same text both times), and the fields written with ``!r`` (a
    quoted text, read back with :func:`ast.literal_eval`); None when a field is formatted
    (``{n:,}``), whose text could not be filled in again as it was."""
    out, seen, quoted = [], set(), set()
    for literal, name, spec, conversion in string.Formatter().parse(template):
        if spec or conversion not in (None, "r"):
            return None
        out.append(re.escape(literal))
        if name:
            if name in seen:
                out.append(f"(?P={name})")
            else:
                out.append(f"(?P<{name}>{_QUOTED})" if conversion == "r" else f"(?P<{name}>.+?)")
            seen.add(name)
            if conversion == "r":
                quoted.add(name)
    return re.compile("".join(out) + r"\Z", re.DOTALL), quoted


_PATTERNS = {mid: p for mid, p in ((mid, _pattern(t)) for mid, t in DATA_TEMPLATES.items()
                                    if mid.startswith("dataset.")) if p is not None}


def dataset_message(text: str) -> str:
    """``text`` as the ``dataset.`` Msg whose English text it is (so that a data set read back
    from a file is translated like a generated one), else ``text`` itself. A Msg is returned
    as it is; a field's value comes back as text ("4 spiral arms…" -> classes="4")."""
    from .msg import Msg
    if isinstance(text, Msg) or not isinstance(text, str) or not text:
        return text
    for mid, (pattern, quoted) in _PATTERNS.items():
        m = pattern.match(text)
        if m is not None:
            fields = m.groupdict()
            try:
                for name in quoted:
                    fields[name] = ast.literal_eval(fields[name])
            except (ValueError, SyntaxError):
                continue
            if Msg(mid, **fields) == text:     # it reads back exactly as it was written
                return Msg(mid, **fields)
    return text
