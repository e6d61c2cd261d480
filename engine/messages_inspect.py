"""The look-inside views' refusals and the progress of long work, as message templates (merged
into :data:`engine.messages.TEMPLATES`, context ``"engine"``).

``kernel.`` is the Filter lab (engine/inspect/kernels.py: a kernel the user types, an image
that does not fit); ``tsne.`` is t-SNE (engine/inspect/tsne.py and the words its child
process sends back as ids); ``view.`` is why another look-inside view cannot draw
(engine/inspect/); ``data.feed_`` what does not fit between an array and its input node
(the Data panel); ``grid.`` how an array's picture is laid out; ``surface.`` why the cost
surface cannot be one batched pass; ``progress.`` what a long load is doing, shown in its
progress dialog (engine/data/), and ``googlenet.`` opening the GoogLeNet example
(engine/examples_conv.py).
"""
from __future__ import annotations

from .msg import QT_TRANSLATE_NOOP  # the marker lupdate reads


INSPECT_TEMPLATES: dict[str, str] = {
    # the Filter lab (engine/inspect/kernels.py)
    "kernel.image_shape": QT_TRANSLATE_NOOP(
        "engine", "an image is H x W (grey) or H x W x 3 (colour); got {shape}"),
    "kernel.sigma": QT_TRANSLATE_NOOP(
        "engine", "Gaussian σ must be in (0, {max:g}]; got {sigma:g}"),
    "kernel.empty": QT_TRANSLATE_NOOP(
        "engine", "the kernel is empty: type 3, 5 or 7 rows of as many numbers"),
    "kernel.not_number": QT_TRANSLATE_NOOP(
        "engine", "row {row}: {cell!r} is not a number; use digits, '.', '-' (e.g. 0.25 or -1)"),
    "kernel.not_finite": QT_TRANSLATE_NOOP("engine", "row {row}: {cell!r} is not a finite number"),
    "kernel.rows": QT_TRANSLATE_NOOP("engine", "the kernel has {n} rows; type 3, 5 or 7 rows"),
    "kernel.not_square": QT_TRANSLATE_NOOP(
        "engine", "row {row} has {count} numbers but there are {n} rows; a kernel is square: "
                  "give every row {n} numbers"),
    "kernel.none": QT_TRANSLATE_NOOP("engine", "no kernels to apply: choose at least one"),
    "kernel.shape": QT_TRANSLATE_NOOP(
        "engine", "kernel {index} has shape {shape}; the image has {channels} channel(s), so "
                  "give (k, k) or ({channels}, k, k)"),
    "kernel.bank_channels": QT_TRANSLATE_NOOP(
        "engine", "the kernels read {kernels} channel(s) but the image has {image}"),
    "kernel.input_channels": QT_TRANSLATE_NOOP(
        "engine", "the network's input has {channels} channels; an image gives 1 (grey) or 3 "
                  "(colour); change the input's shape to 1 or 3 channels"),
    "kernel.reads_maps": QT_TRANSLATE_NOOP(
        "engine", "{name} reads {channels} channels, so its filters apply to the maps before "
                  "it, not to an image; use 'Run on image' instead"),
    # t-SNE (engine/inspect/tsne.py, tsne_child.py)
    "tsne.too_few": QT_TRANSLATE_NOOP("engine", "t-SNE needs at least 5 points; got {n}"),
    "tsne.not_finite": QT_TRANSLATE_NOOP(
        "engine", "the points hold NaN or infinite values; t-SNE needs finite numbers"),
    "tsne.iterations": QT_TRANSLATE_NOOP(
        "engine", "t-SNE runs at least 250 iterations; got {iterations}"),
    "tsne.cancelled": QT_TRANSLATE_NOOP("engine", "t-SNE cancelled"),
    "tsne.cut_off": QT_TRANSLATE_NOOP(
        "engine", "the t-SNE process stopped while sending its result"),
    "tsne.no_result": QT_TRANSLATE_NOOP(
        "engine", "the t-SNE process ended without a result (exit code {code})"),
    "tsne.no_result_said": QT_TRANSLATE_NOOP(
        "engine", "the t-SNE process ended without a result (exit code {code}): {said}"),
    "tsne.failed": QT_TRANSLATE_NOOP("engine", "t-SNE failed ({kind}): {error}"),
    "tsne.starting": QT_TRANSLATE_NOOP("engine", "starting t-SNE"),
    "tsne.sklearn": QT_TRANSLATE_NOOP("engine", "t-SNE: starting scikit-learn"),
    "tsne.finding": QT_TRANSLATE_NOOP("engine", "t-SNE: finding each point's neighbours"),
    "tsne.found": QT_TRANSLATE_NOOP("engine", "t-SNE: neighbours found"),
    "tsne.probabilities": QT_TRANSLATE_NOOP(
        "engine", "t-SNE: probabilities of {i} of {n} points"),
    "tsne.iteration": QT_TRANSLATE_NOOP("engine", "t-SNE iteration {it} of {total}"),
    "tsne.done": QT_TRANSLATE_NOOP("engine", "t-SNE done"),
    # the other look-inside views (engine/inspect/)
    "view.single_number": QT_TRANSLATE_NOOP(
        "engine", "need one row per item; got a single number"),
    "view.projection_points": QT_TRANSLATE_NOOP(
        "engine", "a projection needs at least 2 points; got {n}"),
    "view.no_dataset": QT_TRANSLATE_NOOP(
        "engine", "there is no data set; load one (File → Data) to project values"),
    "view.correlation_shapes": QT_TRANSLATE_NOOP(
        "engine", "activations {a} and latent factors {z} must both be (examples, columns) with "
                  "the same number of examples"),
    "view.in_channel": QT_TRANSLATE_NOOP(
        "engine", "input channel {channel} is out of range 0..{top}"),
    "view.surface_empty": QT_TRANSLATE_NOOP(
        "engine", "the cost surface needs training examples; the data set is empty"),
    "view.surface_no_cost": QT_TRANSLATE_NOOP(
        "engine", "the graph has no cost (a loss with reduction 'mean') to draw"),
    "view.boundary_input": QT_TRANSLATE_NOOP(
        "engine", "the decision boundary needs an input of shape N x 2 (points in a plane); "
                  "this graph has none"),
    "view.boundary_output": QT_TRANSLATE_NOOP(
        "engine", "the graph has no output layer to draw a boundary for"),
    "view.seed_shape": QT_TRANSLATE_NOOP(
        "engine", "the seed is {seed} but the value of {node} is {shape}"),
    "view.input_no_data": QT_TRANSLATE_NOOP(
        "engine", "input {name} has no data; load a data set that has an array named {name!r}"),
    "view.failed_backward": QT_TRANSLATE_NOOP(
        "engine", "{node} ({op}) failed in the backward pass: {error}"),
    "view.no_gradients": QT_TRANSLATE_NOOP(
        "engine", "the graph has no cost (a loss with reduction 'mean'), so it has no gradients "
                  "to show; add a loss node"),
    "view.point_no_data": QT_TRANSLATE_NOOP(
        "engine", "there is no data to add a point to: open an example with 2-D data (e.g. XOR) "
                  "first"),
    "view.point_no_xy": QT_TRANSLATE_NOOP(
        "engine", "the data set has no 'x' and 'y' arrays (it has {arrays}); points can only be "
                  "added to x, y data"),
    "view.point_not_2d": QT_TRANSLATE_NOOP(
        "engine", "points can be added only to 2-D inputs; x is {shape}"),
    "view.point_extra": QT_TRANSLATE_NOOP(
        "engine", "the data set also has {arrays} for every example, which a clicked point "
                  "cannot supply"),
    "view.point_class": QT_TRANSLATE_NOOP(
        "engine", "class {label} does not exist: the data has classes 0 to {top}"),
    # which array feeds which input, as the Data panel says it (engine/inspect/data_view.py)
    "data.feed_missing": QT_TRANSLATE_NOOP(
        "engine", "no array named {name!r} ({have}); rename the input node or load data that has "
                  "one"),
    "data.feed_no_set": QT_TRANSLATE_NOOP("engine", "no data set"),
    "data.feed_shape": QT_TRANSLATE_NOOP(
        "engine", "the input expects {declared} but the array is {shape}; change the input's "
                  "shape"),
    "data.feed_fractions": QT_TRANSLATE_NOOP(
        "engine", "the input takes integer ids but the array holds fractions"),
    # why the cost surface cannot be one batched pass (engine/inspect/cost_surface_batched.py)
    "surface.same_entry": QT_TRANSLATE_NOOP(
        "engine", "the two axes are the same entry; choose two different ones"),
    "surface.not_entry": QT_TRANSLATE_NOOP(
        "engine", "{entry} is not an entry of this graph's arrays; pick the axes again"),
    "surface.batch_sizes": QT_TRANSLATE_NOOP(
        "engine", "the cost surface needs the same, non-zero number of examples in every input"),
    "surface.mixed_mean": QT_TRANSLATE_NOOP(
        "engine", "{node} uses a mean over the examples together with per-example values, so "
                  "the grid's copies of the data cannot share one batch"),
    "surface.combines": QT_TRANSLATE_NOOP(
        "engine", "{node} combines the examples (its result has no axis of {count} examples) "
                  "before the cost, so copies of the data set cannot share one batch"),
    "surface.cost_not_means": QT_TRANSLATE_NOOP(
        "engine", "the cost {node} is not made of means of per-example losses (a loss with "
                  "reduction 'mean', or a mean of per-example losses), so it cannot be split "
                  "per grid point"),
    "surface.direct": QT_TRANSLATE_NOOP(
        "engine", "{entry} enters the cost through {node} directly, not through one example at "
                  "a time"),
    "surface.not_batched": QT_TRANSLATE_NOOP(
        "engine", "{node} {why}, so the grid cannot be computed in one batched pass; pick "
                  "entries of a dense, conv or parameter array that feeds add, multiply or "
                  "matmul"),
    "surface.moves_dense": QT_TRANSLATE_NOOP(
        "engine", "moves {entry} otherwise than a dense layer should"),
    "surface.not_linear": QT_TRANSLATE_NOOP("engine", "is not linear in {entry}"),
    "surface.not_linear_both": QT_TRANSLATE_NOOP(
        "engine", "is not linear in {a} and {b} together (a product of the two)"),
    "surface.per_point": QT_TRANSLATE_NOOP(
        "engine", "{node} does not keep one number per grid point (it mixes the grid's costs)"),
    "surface.mixes_batch": QT_TRANSLATE_NOOP(
        "engine", "{node} mixes the examples of a batch (its result for one example depends on "
                  "the others), so the grid's copies of the data cannot share one batch"),
    # how an array's cells are laid out in its picture (engine/inspect/array_grid.py)
    "grid.tiles": QT_TRANSLATE_NOOP(
        "engine", "{n} row bands (axis 0) of {h} rows, each with {c} tiles (axis 1) of {w} "
                  "columns"),
    "grid.windows": QT_TRANSLATE_NOOP(
        "engine", "a band per example, a tile per channel; in each, output position (i, j) owns "
                  "the {f}x{f} block of input values its window read"),
    "grid.flattened": QT_TRANSLATE_NOOP(
        "engine", "rows: axis 0 · columns: the other axes, flattened"),
    # what a long load is doing (engine/data/), and its cancel
    "progress.decoding": QT_TRANSLATE_NOOP("engine", "decoding"),
    "progress.rows": QT_TRANSLATE_NOOP("engine", "reading rows"),
    "progress.reading": QT_TRANSLATE_NOOP("engine", "reading {name}"),
    "progress.computing": QT_TRANSLATE_NOOP("engine", "computing {node}"),
    "progress.done": QT_TRANSLATE_NOOP("engine", "done"),
    "progress.cancelled": QT_TRANSLATE_NOOP("engine", "cancelled while {what}"),
    # the GoogLeNet example (engine/examples_conv.py)
    "googlenet.missing": QT_TRANSLATE_NOOP(
        "engine", "GoogLeNet ships with the onnx package's test data, which is missing here "
                  "({path}); reinstall onnx to get it"),
    "googlenet.layers": QT_TRANSLATE_NOOP("engine", "reading GoogLeNet's layers"),
    "googlenet.weights": QT_TRANSLATE_NOOP("engine", "drawing GoogLeNet's 7 M initial weights"),
    "googlenet.cancelled": QT_TRANSLATE_NOOP("engine", "opening GoogLeNet was cancelled"),
}
