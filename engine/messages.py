"""Messages the engine gives the user (shape errors, refusals), as ids with named parameters.

The engine knows no Qt, so it cannot translate. Instead it hands out a :class:`Msg`: a message
id from :data:`TEMPLATES` and the parameters that fill it. ``str(msg)`` is the English text, so
a Msg can go wherever a string went (an exception, a log line, a test). The app renders the
same Msg in the user's language: it looks the English template up in its translations (context
``"engine"``) and formats the translated template with the same parameters.

Templates use :meth:`str.format` fields by name (``{n}``, ``{count:,}``); a translation must use
the same names. A parameter may itself be a Msg (a message quoted inside another); it is
rendered first, in the same language.

Every template is written as ``QT_TRANSLATE_NOOP("engine", "...")`` so that ``pyside6-lupdate``
finds it in this file; the function below only returns its text and imports nothing.
"""
from __future__ import annotations

import string
from typing import Any, Callable, Mapping

CONTEXT = "engine"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate reads
    """Mark ``text`` for extraction into the translation file; returns it unchanged."""
    return text


TEMPLATES: dict[str, str] = {
    # shape inference (engine/shapes.py, engine/ops/)
    "shape.not_connected": QT_TRANSLATE_NOOP(
        "engine", "input {input} (port {port}) is not connected"),
    "shape.too_many_numbers": QT_TRANSLATE_NOOP(
        "engine", "it would hold {count:,} numbers ({size}), more than this machine's {limit} "
                  "of memory; use smaller sizes (units, channels, kernel or shape)"),
    "shape.broadcast_fix": QT_TRANSLATE_NOOP(
        "engine", "{reason}; make the sizes equal, or 1 on that axis (a reshape can insert a "
                  "size-1 axis)"),
    "shape.matmul_scalar": QT_TRANSLATE_NOOP("engine", "matmul needs at least 1-D inputs"),
    "shape.matmul_inner": QT_TRANSLATE_NOOP(
        "engine", "inner dimensions differ: a is {a}, b is {b} ({ka} ≠ {kb}); b needs {ka} rows "
                  "to match a's last axis (transpose or reshape one of them)"),
    "shape.matmul_batch": QT_TRANSLATE_NOOP(
        "engine", "batch axes of a ({a}) and b ({b}) do not broadcast; the axes before the last "
                  "two must be equal or 1"),
    "shape.axes_twice": QT_TRANSLATE_NOOP(
        "engine", "{what} {axes} name the same axis twice for a {ndim}-D input; list each axis "
                  "once"),
    "shape.reduce_scalar": QT_TRANSLATE_NOOP(
        "engine", "the input is a scalar, so there is no axis to reduce; leave axes empty"),
    "shape.reshape_copy_axis": QT_TRANSLATE_NOOP(
        "engine", "shape entry {i} is 0 (copy the input's axis {i}), but the input {shape} has "
                  "only {ndim} axes; give the size instead"),
    "shape.reshape_open": QT_TRANSLATE_NOOP(
        "engine", "the input {shape} has an open dimension, so its size is unknown; keep it with "
                  "0 (or let -1 absorb it) in the new shape"),
    "shape.reshape_split": QT_TRANSLATE_NOOP(
        "engine", "cannot reshape {shape} to {want}: {known_in} elements do not split into "
                  "groups of {known_out}; change the fixed sizes"),
    "shape.reshape_count": QT_TRANSLATE_NOOP(
        "engine", "cannot reshape {shape} to {want}: {known_in} elements ≠ {known_out}; make the "
                  "sizes multiply to {known_in} (or use -1 for one of them)"),
    "shape.transpose_axes": QT_TRANSLATE_NOOP(
        "engine", "axes {axes} has {count} entries but the input has {ndim} axes; list every "
                  "axis once"),
    "shape.flatten_scalar": QT_TRANSLATE_NOOP(
        "engine", "cannot flatten a scalar: flatten keeps axis 0, so it needs at least 1 axis"),
    "shape.concat_scalar": QT_TRANSLATE_NOOP(
        "engine", "cannot concatenate scalars; reshape them to 1 axis first"),
    "shape.concat_ndim": QT_TRANSLATE_NOOP(
        "engine", "{name} has {ndim} axes ({shape}) but input a has {nd} ({first}); give every "
                  "input the same number of axes"),
    "shape.concat_axis": QT_TRANSLATE_NOOP(
        "engine", "{name} is {shape}, which differs from {first} on axis {i} ({d} ≠ {o}); only "
                  "axis {axis} (the concat axis) may differ"),
    "shape.slice_scalar": QT_TRANSLATE_NOOP("engine", "cannot slice a scalar"),
    "shape.slice_empty": QT_TRANSLATE_NOOP(
        "engine", "slice {start}:{stop}:{step} of axis {axis} (size {d}) is empty; choose start "
                  "and stop inside 0..{d}"),
    # training checks (engine/train_checks.py)
    "train.lr_high": QT_TRANSLATE_NOOP(
        "engine", "α = {lr:g} is above what {optimizer} usually takes ({lo:g} to {hi:g}): expect "
                  "the cost to blow up; try {typical:g}"),
    "train.lr_low": QT_TRANSLATE_NOOP(
        "engine", "α = {lr:g} is below what {optimizer} usually takes ({lo:g} to {hi:g}): "
                  "training will barely move; try {typical:g}"),
    "train.not_finite": QT_TRANSLATE_NOOP("engine", "the cost became NaN or infinite"),
    "train.cost_grew": QT_TRANSLATE_NOOP(
        "engine", "the train cost grew from {start:.3g} to {cost:.3g} by epoch {epoch}, instead "
                  "of falling"),
    "train.graph_error": QT_TRANSLATE_NOOP(
        "engine", "the graph has an error: {node}: {error}. Fix it (the node is marked on the "
                  "canvas), then start again"),
    "train.no_array": QT_TRANSLATE_NOOP(
        "engine", "data '{label}' has no array named {name!r} for input {name} (it has "
                  "{arrays}): choose other data, or rename the input"),
    "train.no_fit": QT_TRANSLATE_NOOP(
        "engine", "data '{label}' does not fit input {why}: choose data that matches the graph's "
                  "inputs, or change the input's shape"),
    "train.ids_range": QT_TRANSLATE_NOOP(
        "engine", "data '{label}' gives input {name} ids from {lo} to {hi}, but {what} take 0 to "
                  "{top}: choose data with at most {count} classes, or widen the graph"),
    "train.classes_of": QT_TRANSLATE_NOOP("engine", "the {count} classes of {name}"),
    "train.rows_of": QT_TRANSLATE_NOOP("engine", "the {count} rows of {name}"),
    # example guides (engine/guides.py)
    "guide.not_object": QT_TRANSLATE_NOOP(
        "engine", "guide {name!r}: the file must hold a JSON object"),
    "guide.not_json": QT_TRANSLATE_NOOP(
        "engine", "guide {name!r}: not valid JSON ({error})"),
    "guide.empty_text": QT_TRANSLATE_NOOP(
        "engine", "guide {name!r}: '{key}' must be a non-empty text"),
    "guide.step_empty_text": QT_TRANSLATE_NOOP(
        "engine", "guide {name!r}, step {step}: '{key}' must be a non-empty text"),
    "guide.tries": QT_TRANSLATE_NOOP(
        "engine", "guide {name!r}: 'try' must list two to four concrete actions"),
    "guide.layout": QT_TRANSLATE_NOOP(
        "engine", "guide {name!r}: 'layout' must be one of {layouts}"),
    "guide.panels": QT_TRANSLATE_NOOP(
        "engine", "guide {name!r}: 'panels' must be a list of panel titles"),
    "guide.step_verb": QT_TRANSLATE_NOOP(
        "engine", "guide {name!r}: step {step} must have 'do' set to one of {verbs}"),
    "guide.step_needs": QT_TRANSLATE_NOOP(
        "engine", "guide {name!r}, step {step} ({verb}): needs {missing}"),
    "guide.step_epochs": QT_TRANSLATE_NOOP(
        "engine", "guide {name!r}, step {step}: 'epochs' must be a whole number 1-10000"),
    "guide.step_layout": QT_TRANSLATE_NOOP(
        "engine", "guide {name!r}, step {step}: unknown layout {layout!r}"),
    "guide.order": QT_TRANSLATE_NOOP(
        "engine", "guide {name!r}: 'order' must be a whole number"),
    "guide.translation_differs": QT_TRANSLATE_NOOP(
        "engine", "guide {name!r} ({language}): its steps, layout, order, panels or number of "
                  "things to try differ from the English guide's; translate only the texts"),
    # the bias/variance verdict (engine/inspect/loss_diagnosis.py)
    "diagnosis.diverging": QT_TRANSLATE_NOOP("engine", "diverging"),
    "diagnosis.high_bias": QT_TRANSLATE_NOOP("engine", "high bias"),
    "diagnosis.high_variance": QT_TRANSLATE_NOOP("engine", "high variance"),
    "diagnosis.high_bias_and_variance": QT_TRANSLATE_NOOP("engine", "high bias and high variance"),
    "diagnosis.neither": QT_TRANSLATE_NOOP("engine", "neither"),
    "diagnosis.smaller_lr": QT_TRANSLATE_NOOP(
        "engine", "{reason} → a smaller learning rate (no bias/variance verdict for a diverging "
                  "run)"),
    "diagnosis.smaller_lr_to": QT_TRANSLATE_NOOP(
        "engine", "{reason} → a smaller learning rate: α = {suggested:g} instead of {lr:g} (no "
                  "bias/variance verdict for a diverging run)"),
    "diagnosis.diverged": QT_TRANSLATE_NOOP(
        "engine", "{reason} (no bias/variance verdict for a diverging run)"),
    "diagnosis.no_epoch": QT_TRANSLATE_NOOP("engine", "No epoch finished yet."),
    "diagnosis.train_error": QT_TRANSLATE_NOOP("engine", "train error {train:.1%}"),
    "diagnosis.errors": QT_TRANSLATE_NOOP(
        "engine", "train error {train:.1%}, dev error {dev:.1%}"),
    "diagnosis.train_cost": QT_TRANSLATE_NOOP("engine", "train cost {train:.4g}"),
    "diagnosis.costs": QT_TRANSLATE_NOOP("engine", "train cost {train:.4g}, dev cost {dev:.4g}"),
    "diagnosis.bias_fix": QT_TRANSLATE_NOOP(
        "engine", "high bias → a bigger network (more units or layers), train longer, or a "
                  "better optimizer"),
    "diagnosis.variance_fix": QT_TRANSLATE_NOOP(
        "engine", "high variance → more data, regularization (L2, dropout)"),
    "diagnosis.mismatch": QT_TRANSLATE_NOOP(
        "engine", "but the dev set ({dev}) is not drawn from the training data: part of the gap "
                  "can be data mismatch, which neither fixes; make the training data look like "
                  "the data you care about"),
    "diagnosis.fits": QT_TRANSLATE_NOOP(
        "engine", "low bias and low variance: the model fits and generalizes"),
    "diagnosis.fits_no_dev": QT_TRANSLATE_NOOP(
        "engine", "low bias and low variance: the model fits and generalizes (no dev set to "
                  "check variance)"),
    "diagnosis.then": QT_TRANSLATE_NOOP("engine", "{first}; {rest}"),
    "diagnosis.advice": QT_TRANSLATE_NOOP("engine", "{figures}: {advice}"),
    # the receptive field of a map's pixel (engine/inspect/receptive_field.py)
    "rf.itself": QT_TRANSLATE_NOOP(
        "engine", "r = 1: no convolution or pooling before this map, so each pixel sees itself"),
    "rf.size": QT_TRANSLATE_NOOP(
        "engine", "r = {sum} = {r} pixels square, neighbours {jump} apart  (r_l = r_l−1 + (k_l − "
                  "1)·j_l−1, j_l = j_l−1·s_l; {layers})"),
    # what the Embeddings panel projects (engine/inspect/embeddings.py)
    "embed.table": QT_TRANSLATE_NOOP("engine", "{name}: embedding table ({rows} rows)"),
    "embed.values": QT_TRANSLATE_NOOP("engine", "{name}: its values over the data"),
    "embed.data": QT_TRANSLATE_NOOP("engine", "the data itself (x)"),
    "embed.rows_of": QT_TRANSLATE_NOOP("engine", "rows of {name}'s embedding table"),
    "embed.node_for": QT_TRANSLATE_NOOP("engine", "{name} for {count} examples"),
    # the kernels beside the feature maps (engine/inspect/feature_maps.py)
    "maps.kernels_one": QT_TRANSLATE_NOOP("engine", "each filter (one input channel)"),
    "maps.kernels_mean": QT_TRANSLATE_NOOP(
        "engine", "each filter averaged over its {channels} input channels"),
    "maps.kernels_slice": QT_TRANSLATE_NOOP(
        "engine", "each filter's slice for input channel {channel}"),
    # the Data panel's lines (engine/inspect/data_view.py)
    "data.array_range": QT_TRANSLATE_NOOP(
        "engine", "{name}: {shape} {dtype}, values {lo:.3g} … {hi:.3g}"),
    "data.array": QT_TRANSLATE_NOOP("engine", "{name}: {shape} {dtype}"),
    # the formula behind one value, in numbers (engine/inspect/trace_text.py)
    "trace.more_terms": QT_TRANSLATE_NOOP("engine", "{before}{shown} + … ({count} terms){after}"),
    "trace.more_values": QT_TRANSLATE_NOOP("engine",
                                           "{before}{shown}, … ({count} values){after}"),
    "trace.dropout": QT_TRANSLATE_NOOP(
        "engine", "{before}{value} (dropout passes values unchanged outside training){after}"),
    "trace.fed": QT_TRANSLATE_NOOP("engine", "{entry} = {value} (fed data)"),
    "trace.trainable": QT_TRANSLATE_NOOP("engine", "{entry} = {value} (a trainable array)"),
    "trace.constant": QT_TRANSLATE_NOOP("engine", "{entry} = {value} (a constant)"),
    "trace.conv": QT_TRANSLATE_NOOP(
        "engine", "{sum} over the {k}x{k} window rows {rows}, columns {columns} = "
                  "{products}{rest}"),
    "trace.conv_padded": QT_TRANSLATE_NOOP(
        "engine", "{sum} over the {k}x{k} window rows {rows}, columns {columns} (zeros where the "
                  "window hangs over the padding) = {products}{rest}"),
    "trace.summed": QT_TRANSLATE_NOOP("engine", "{start} = {values} summed = {value}"),
    "trace.mean": QT_TRANSLATE_NOOP(
        "engine", "{entry} = mean {source} = ({values}) / {count} = {value}"),
    "trace.over": QT_TRANSLATE_NOOP("engine", "{start} over {source} {rest}"),
    "trace.moved": QT_TRANSLATE_NOOP("engine", "{start} = {value} (moved, not changed)"),
    "trace.reads": QT_TRANSLATE_NOOP(
        "engine", "{start} — reads {count} entries of {sources} — = {value}"),
    "trace.reads_nothing": QT_TRANSLATE_NOOP(
        "engine", "{start} — reads {count} entries of nothing — = {value}"),
    # what the loops-vs-vectorized step predicts (engine/data/loops.py)
    "loops.one_class": QT_TRANSLATE_NOOP("engine", "class {label} against the rest"),
    "loops.binary": QT_TRANSLATE_NOOP("engine", "the 0/1 label"),
    "loops.median": QT_TRANSLATE_NOOP("engine", "y above its median ({median:.3g})"),
    # why a look inside cannot run (engine/inspect/upstream.py, feature_maps.py)
    "probe.no_data": QT_TRANSLATE_NOOP(
        "engine", "input {input} has no data; load a data set or an image first"),
    "probe.no_node": QT_TRANSLATE_NOOP("engine", "there is no node {node!r} in the graph"),
    "probe.issue": QT_TRANSLATE_NOOP("engine", "cannot run up to {node}: {at}: {issue}"),
    "probe.not_connected": QT_TRANSLATE_NOOP(
        "engine", "{node}: input {input} is not connected; wire it first"),
    "probe.failed": QT_TRANSLATE_NOOP("engine", "{node} ({op}) failed: {error}"),
    "probe.no_array": QT_TRANSLATE_NOOP(
        "engine", "the data set has no array for input {input}; load an example or a data set "
                  "whose inputs include {input}"),
    "probe.no_example": QT_TRANSLATE_NOOP(
        "engine", "example {index} does not exist: the data set has {count}"),
    "probe.not_maps": QT_TRANSLATE_NOOP(
        "engine", "{node} does not give 2-D maps (N x C x H x W); choose a conv, pool or "
                  "activation node of a conv net"),
    "probe.open_dimension": QT_TRANSLATE_NOOP(
        "engine", "input {input} has an open dimension {shape}; give it a fixed shape or load a "
                  "data set"),
    "gradcheck.stopped": QT_TRANSLATE_NOOP(
        "engine", "gradient check stopped after {done} of {total} passes"),
}


def fields(template: str) -> set[str]:
    """The names of the fields in a format template: ``"{a} and {b:,}"`` -> ``{"a", "b"}``."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class Msg(str):
    """One message: an id from :data:`TEMPLATES` and its named parameters.

    ``Msg("shape.not_connected", input="x", port=0)`` is the English text itself (a ``str``),
    so it goes wherever a message string went and compares, searches and joins like one; the
    app renders its ``id`` and ``params`` in the user's language. An unknown id, or parameters
    that do not match the template's fields, raise KeyError at once, so a typo shows up where
    the message is made rather than when it is shown.
    """

    id: str
    params: Mapping[str, Any]

    def __new__(cls, id: str, **params: Any) -> "Msg":  # noqa: A002 - the message id
        if id not in TEMPLATES:
            raise KeyError(f"unknown message id {id!r}")
        want, got = fields(TEMPLATES[id]), set(params)
        if want != got:
            raise KeyError(f"message {id!r} takes {sorted(want)}, not {sorted(got)}")
        self = super().__new__(cls, _render(id, params, None))
        self.id = id
        self.params = dict(params)
        return self

    @property
    def template(self) -> str:
        return TEMPLATES[self.id]

    def render(self, translate: Callable[[str], str] | None = None) -> str:
        """The message with ``translate`` (English template -> template in the user's language)
        applied to this template and to every Msg among the parameters. A translated template
        that does not format with these parameters falls back to the English one."""
        return _render(self.id, self.params, translate)

    def __str__(self) -> str:
        return str.__str__(self)

    def __repr__(self) -> str:
        args = "".join(f", {k}={v!r}" for k, v in self.params.items())
        return f"Msg({self.id!r}{args})"

    def __reduce__(self):   # copy.copy and copy.deepcopy rebuild it from its id and parameters
        return (_rebuild, (self.id, dict(self.params)))


def _rebuild(id: str, params: dict) -> Msg:  # noqa: A002
    return Msg(id, **params)


def _render(id: str, params: Mapping[str, Any], translate: Callable[[str], str] | None) -> str:  # noqa: A002
    template = TEMPLATES[id]
    values = {k: v.render(translate) if isinstance(v, Msg) else v for k, v in params.items()}
    if translate is not None:
        text = translate(template)
        if text and fields(text) == fields(template):
            try:
                return text.format(**values)
            except (ValueError, IndexError, KeyError):
                pass
    return template.format(**values)


class MsgError(ValueError):
    """A ValueError whose text is a :class:`Msg`, so the app can show it in the user's language."""

    def __init__(self, msg: Msg) -> None:
        super().__init__(str(msg))
        self.msg = msg
