"""The example guides' and the look-inside views' words as message templates (merged into
:data:`engine.messages.TEMPLATES`, context ``"engine"``): the guides' checks (``guide.``), the
bias/variance verdict (``diagnosis.``), receptive fields (``rf.``), projections (``embed.``), feature maps
(``maps.``), the Data panel's lines (``data.``), traced formulas (``trace.``), the
loops-vs-vectorized step (``loops.``) and why a look inside cannot run (``probe.``)."""
from __future__ import annotations

from .msg import QT_TRANSLATE_NOOP  # the marker lupdate reads


VIEW_TEMPLATES: dict[str, str] = {
    # the course's notation for a dense layer (engine/notation.py)
    "notation.no_activation": QT_TRANSLATE_NOOP(
        "engine", "{a} = {z}  (no activation: {g} is the identity)"),
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
    "guide.step_id": QT_TRANSLATE_NOOP(
        "engine", "guide {name!r}, step {step}: '{key}' must be a stable id such as {example} "
                  "(the object name, which no translation changes), not {value!r}"),
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
}
