"""The ONNX importer's and exporter's refusals as message templates (merged into
:data:`engine.messages.TEMPLATES`, context ``"engine"``): ``onnx.`` ids, raised by engine/onnx/
(reader, importer, fold, export) as ``OnnxImportError(Msg(...))`` or
``OnnxExportError(Msg(...))``. File, tensor and node names, shapes and the ONNX library's own
words stay as data."""
from __future__ import annotations

from .msg import QT_TRANSLATE_NOOP  # the marker lupdate reads


ONNX_TEMPLATES: dict[str, str] = {
    # reading the file (engine/onnx/reader.py)
    "onnx.too_large": QT_TRANSLATE_NOOP(
        "engine", "{where} is {mb} MB, more than the {limit} MB an ONNX file can hold"),
    "onnx.cannot_read": QT_TRANSLATE_NOOP("engine", "cannot read {where}: {reason}"),
    "onnx.not_model": QT_TRANSLATE_NOOP(
        "engine", "{where} is not an ONNX model (the file is damaged or truncated: {reason})"),
    "onnx.no_graph": QT_TRANSLATE_NOOP("engine", "{where} holds no ONNX graph (is it an ONNX model?)"),
    "onnx.too_many_nodes": QT_TRANSLATE_NOOP(
        "engine", "{where} has {count} nodes; at most {limit} can be imported"),
    "onnx.negative_dims": QT_TRANSLATE_NOOP(
        "engine", "tensor {name!r} has a negative dimension {dims}"),
    "onnx.absurd_dims": QT_TRANSLATE_NOOP(
        "engine", "tensor {name!r} has absurd dimensions {dims} ({count:,} numbers); the file is "
                  "damaged or hostile"),
    "onnx.tensor_unreadable": QT_TRANSLATE_NOOP("engine", "tensor {name!r} cannot be read: {reason}"),
    "onnx.external_absolute": QT_TRANSLATE_NOOP(
        "engine", "tensor {name!r} refers to external data {location!r}; only files beside the "
                  "model, inside its folder, are read"),
    "onnx.external_outside": QT_TRANSLATE_NOOP(
        "engine", "tensor {name!r} refers to external data {location!r}, outside the model's "
                  "folder; it was not read"),
    "onnx.external_malformed": QT_TRANSLATE_NOOP(
        "engine", "tensor {name!r}: its external data entry is malformed"),
    "onnx.external_length": QT_TRANSLATE_NOOP(
        "engine", "tensor {name!r}: external data length {length} does not match its {need} bytes"),
    "onnx.external_missing": QT_TRANSLATE_NOOP(
        "engine", "tensor {name!r}: external data file {location!r} is missing"),
    "onnx.external_short": QT_TRANSLATE_NOOP(
        "engine", "tensor {name!r}: external data file {location!r} is too short"),
    "onnx.external_unreadable": QT_TRANSLATE_NOOP(
        "engine", "tensor {name!r}: cannot read {location!r}: {reason}"),
    "onnx.produced_twice": QT_TRANSLATE_NOOP(
        "engine", "tensor {tensor!r} is produced twice (by node {node}); the file is damaged"),
    "onnx.reads_nothing": QT_TRANSLATE_NOOP(
        "engine", "node {node} reads {tensor!r}, which no node or input provides; the file is "
                  "damaged"),
    "onnx.cycle": QT_TRANSLATE_NOOP(
        "engine", "the graph has a cycle: nodes {nodes} depend on each other's outputs; a "
                  "computation graph must not loop"),
    # building the graph (engine/onnx/importer.py)
    "onnx.node_error": QT_TRANSLATE_NOOP("engine", "node {node}: {error}"),
    "onnx.weight_shape": QT_TRANSLATE_NOOP(
        "engine", "node {node}: its {weight} has shape {got}, but {op} needs {want} here"),
    "onnx.used_before": QT_TRANSLATE_NOOP(
        "engine", "tensor {tensor!r} is used before anything produces it"),
    "onnx.cancelled": QT_TRANSLATE_NOOP("engine", "the import was cancelled; nothing was changed"),
    "onnx.unsupported": QT_TRANSLATE_NOOP(
        "engine", "the model uses ops this app has no counterpart for, so nothing was "
                  "imported:\n{ops}"),
    "onnx.unsupported_op": QT_TRANSLATE_NOOP("engine", "{op}: {nodes}"),
    "onnx.unsupported_why": QT_TRANSLATE_NOOP("engine", "{op} ({reason}): {nodes}"),
    # why an op the importer knows is refused here (engine/onnx/mapping.py); ONNX's attribute
    # and input names (W, pads, kernel_shape, ...) stay as they are
    "onnx.why.not_constant": QT_TRANSLATE_NOOP("engine", "its input {name} must be a constant"),
    "onnx.why.setting": QT_TRANSLATE_NOOP("engine", "the setting {setting}"),
    "onnx.why.not_image": QT_TRANSLATE_NOOP(
        "engine", "a {rank}-D input (only 2-D images N x C x H x W)"),
    "onnx.why.kernel_shape": QT_TRANSLATE_NOOP(
        "engine", "kernel_shape={shape} (only square 2-D kernels)"),
    "onnx.why.strides": QT_TRANSLATE_NOOP("engine", "strides={strides} (only equal strides)"),
    "onnx.why.kernel_too_big": QT_TRANSLATE_NOOP(
        "engine", "kernel {k} larger than the padded input {total}"),
    "onnx.why.indices_output": QT_TRANSLATE_NOOP("engine", "the Indices output"),
    "onnx.why.not_n_by_features": QT_TRANSLATE_NOOP("engine", "an input that is not N x features"),
    "onnx.why.bias_shape": QT_TRANSLATE_NOOP("engine", "a bias of shape {shape}"),
    "onnx.why.exponent": QT_TRANSLATE_NOOP("engine", "an exponent that is not one number"),
    "onnx.why.flatten_axis": QT_TRANSLATE_NOOP(
        "engine", "axis={axis} of a {rank}-D input (opset {opset} flattens it)"),
    "onnx.why.training_outputs": QT_TRANSLATE_NOOP(
        "engine", "training outputs (running statistics)"),
    "onnx.why.open_before_axis": QT_TRANSLATE_NOOP(
        "engine", "axis={axis} with an open dimension before it"),
    "onnx.why.mask_output": QT_TRANSLATE_NOOP("engine", "the mask output"),
    "onnx.why.pads": QT_TRANSLATE_NOOP(
        "engine", "pads={pads} (only the two image axes of N x C x H x W)"),
    "onnx.why.fill_value": QT_TRANSLATE_NOOP("engine", "a fill value of {value}"),
    "onnx.why.gather": QT_TRANSLATE_NOOP(
        "engine", "anything but a lookup in a constant 2-D table along axis 0"),
    "onnx.why.slice_axes": QT_TRANSLATE_NOOP("engine", "slicing more than one axis"),
    "onnx.why.slice_step": QT_TRANSLATE_NOOP("engine", "a step of {step}"),
    "onnx.why.slice_empty": QT_TRANSLATE_NOOP("engine", "an empty slice"),
    "onnx.why.domain": QT_TRANSLATE_NOOP("engine", "an op of the {domain} domain"),
    "onnx.cannot_fold": QT_TRANSLATE_NOOP(
        "engine", "node {node} ({op}) cannot be folded: {error}"),
    "onnx.constant_unreadable": QT_TRANSLATE_NOOP(
        "engine", "Constant node {node} cannot be read: {error}"),
    "onnx.malformed": QT_TRANSLATE_NOOP(
        "engine", "node {node} ({op}) is malformed and cannot be read: {error}"),
    "onnx.input_absurd": QT_TRANSLATE_NOOP(
        "engine", "input {name!r} has absurd dimensions {dims}: one example would take {size}"),
    "onnx.output_missing": QT_TRANSLATE_NOOP(
        "engine", "graph output {name!r} is not produced by any node"),
    "onnx.shape_problems": QT_TRANSLATE_NOOP(
        "engine", "the imported graph has shape problems: {issues}"),
    "onnx.output_absurd": QT_TRANSLATE_NOOP(
        "engine", "node {node}: one example's output would hold {count:,} numbers; the "
                  "dimensions are absurd"),
    # constants folded while importing (engine/onnx/fold.py)
    "onnx.not_small": QT_TRANSLATE_NOOP(
        "engine", "{what} should be a short list of numbers, not a tensor of shape {shape}"),
    "onnx.constant_no_value": QT_TRANSLATE_NOOP(
        "engine", "Constant node {node!r} has no value this app reads"),
    "onnx.constant_reshape": QT_TRANSLATE_NOOP(
        "engine", "cannot reshape a constant of shape {shape} to {spec}"),
    # writing a model (engine/onnx/export.py)
    "onnx.export_empty": QT_TRANSLATE_NOOP("engine", "the graph is empty; there is nothing to export"),
    "onnx.export_issues": QT_TRANSLATE_NOOP(
        "engine", "fix the graph's shape problems first: {issue}"),
    "torch.no_form": QT_TRANSLATE_NOOP("engine", "{node} ({op}) has no PyTorch form yet"),
    "onnx.export_node": QT_TRANSLATE_NOOP("engine", "{node} ({op}) cannot be exported: {error}"),
    "onnx.export_checker": QT_TRANSLATE_NOOP(
        "engine", "the exported model does not pass the ONNX checker: {error}"),
    "onnx.too_deep": QT_TRANSLATE_NOOP("engine", "the model is nested too deeply to import"),
    "onnx.damaged": QT_TRANSLATE_NOOP(
        "engine", "{where} is damaged and cannot be imported ({kind}: {error})"),
}
