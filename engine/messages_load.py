"""The engine's words about loading and making data, and about a finished run, as message
templates (merged into :data:`engine.messages.TEMPLATES`, context ``"engine"``).

``load.`` are why a shipped or generated data set cannot be made (engine/datasets.py,
engine/data/digits.py, corpus.py, sample_images.py: a sample picture that cannot be read names
the file and what is wrong with it); ``train.finished`` is a run asked to go on after its last
epoch (engine/training.py), ``train.the_data`` and ``train.data_input`` the data a training
check names (engine/train_checks.py); ``file.long_number`` a file whose JSON holds a number with
thousands of digits (engine/safe_io.py).
"""
from __future__ import annotations

from .msg import QT_TRANSLATE_NOOP  # the marker lupdate reads


LOAD_TEMPLATES: dict[str, str] = {
    # generated data sets (engine/datasets.py)
    "load.spiral_classes": QT_TRANSLATE_NOOP(
        "engine", "spirals need at least 2 classes; got {classes}"),
    "load.kind": QT_TRANSLATE_NOOP("engine", "kind must be one of {kinds}; got {kind!r}"),
    "load.shape_size": QT_TRANSLATE_NOOP(
        "engine", "images must be at least 6 pixels wide; got {size}"),
    "load.gratings": QT_TRANSLATE_NOOP(
        "engine", "gratings need at least 2 classes, 1 channel and 4 pixels; got {classes}, "
                  "{channels}, {size}"),
    # shipped data (engine/data/digits.py, corpus.py)
    "load.limit": QT_TRANSLATE_NOOP("engine", "limit must be at least 1; got {limit}"),
    "load.window": QT_TRANSLATE_NOOP("engine", "the window must be at least 1 word; got {window}"),
    # the sample pictures (engine/data/sample_images.py)
    "load.png_filter": QT_TRANSLATE_NOOP("engine", "row {row} has an unknown filter type {kind}"),
    "load.not_png": QT_TRANSLATE_NOOP("engine", "{name} is not a PNG file"),
    "load.png_no_header": QT_TRANSLATE_NOOP(
        "engine", "{name} is damaged: it has no image header or no pixel data"),
    "load.png_kind": QT_TRANSLATE_NOOP(
        "engine", "{name}: only 8-bit, non-interlaced PNG is read here (this one has depth "
                  "{depth}, colour type {colour}, interlace {interlace}); open it in the app, "
                  "which reads every PNG"),
    "load.png_inflate": QT_TRANSLATE_NOOP(
        "engine", "{name} is damaged: its pixel data does not decompress ({error})"),
    "load.png_truncated": QT_TRANSLATE_NOOP(
        "engine", "{name} is truncated: {got} of {want} bytes"),
    "load.png_palette": QT_TRANSLATE_NOOP(
        "engine", "{name} is damaged: a palette image without a palette"),
    "load.samples_missing": QT_TRANSLATE_NOOP(
        "engine", "the sample images are missing from the installation; reinstall the app"),
    "load.image_size": QT_TRANSLATE_NOOP(
        "engine", "the image size must be between 8 and 512 pixels; got {size}"),
    "load.patch_size": QT_TRANSLATE_NOOP(
        "engine", "the patch size must be between 4 and {top} pixels; got {size}"),
    "load.per_image": QT_TRANSLATE_NOOP(
        "engine", "patches per picture must be between 1 and 5000; got {count}"),
    # the data a training check names (engine/train_checks.fit_problem)
    "train.the_data": QT_TRANSLATE_NOOP("engine", "the data"),
    "train.data_input": QT_TRANSLATE_NOOP("engine", "data '{label}' for input {name}"),
    # a file holding a number too long to read (engine/safe_io.parse_json)
    "file.long_number": QT_TRANSLATE_NOOP(
        "engine", "a number has more than {limit} digits; no graph or data file needs one that "
                  "long"),
    # a run that has ended (engine/training.py)
    "train.finished": QT_TRANSLATE_NOOP(
        "engine", "training is finished ({epochs} epochs); start a new run to train more"),
}
