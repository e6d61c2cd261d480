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
finds it in this file; the function below only returns its text and imports nothing. The
table is grouped by prefix: ``shape.`` (shape inference), ``named`` (a thing and what is wrong
with it), ``op.`` (op parameters), ``graph.`` (refused edits), ``exec.`` (running, the gradient
check), ``file.`` (the file format: the place stays as data, the reason is translated),
``data.`` (data import), ``train.``, ``guide.``. An engine error is raised with its Msg
(``GraphError(Msg("graph.cycle", ...))``); :func:`carried` gives it back. The Msg class lives in
:mod:`engine.msg`.
"""
from __future__ import annotations

from .msg import QT_TRANSLATE_NOOP  # the marker lupdate reads

CONTEXT = "engine"


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
    # ENGINE_ERRORS
    "named": QT_TRANSLATE_NOOP("engine", "{name}: {error}"),
    "op.param_choice": QT_TRANSLATE_NOOP(
        "engine", "{name} must be one of {choices}; got {value!r}"),
    "op.param_dims": QT_TRANSLATE_NOOP(
        "engine", "{name}: every dimension must be at least 1 (or left open); got {value!r}"),
    "op.param_kind": QT_TRANSLATE_NOOP("engine", "{name} must be {kind}; got {value!r}"),
    "op.param_min": QT_TRANSLATE_NOOP("engine", "{name} must be at least {min}; got {value}"),
    "op.param_max": QT_TRANSLATE_NOOP("engine", "{name} must be at most {max}; got {value}"),
    "op.param_entries_min": QT_TRANSLATE_NOOP(
        "engine", "{name}: every entry must be at least {min}; got {value}"),
    "op.kind_int": QT_TRANSLATE_NOOP("engine", "a whole number"),
    "op.kind_float": QT_TRANSLATE_NOOP("engine", "a finite number"),
    "op.kind_bool": QT_TRANSLATE_NOOP("engine", "true or false"),
    "op.kind_ints": QT_TRANSLATE_NOOP("engine", "a list of whole numbers"),
    "op.kind_shape": QT_TRANSLATE_NOOP("engine", "a shape (whole numbers, None for open)"),
    "op.kind_str": QT_TRANSLATE_NOOP("engine", "text"),
    "op.no_param": QT_TRANSLATE_NOOP("engine", "{op} has no parameter {name!r}; it has {known}"),
    "op.none": QT_TRANSLATE_NOOP("engine", "none"),
    "op.unknown_init": QT_TRANSLATE_NOOP(
        "engine", "unknown initializer {init!r}; use one of {names}"),
    "shape.no_broadcast": QT_TRANSLATE_NOOP(
        "engine", "shapes {a} and {b} do not broadcast: axis {axis} is {x} and {y}"),
    "shape.axis_range": QT_TRANSLATE_NOOP(
        "engine", "axis {axis} is out of range for {ndim} dimensions"),
    "op.conv_4d": QT_TRANSLATE_NOOP(
        "engine", "{op} needs a 4-D input N x C x H x W (channels first); got {shape}"),
    "op.window_desc": QT_TRANSLATE_NOOP(
        "engine", "input {shape}, kernel {k}, stride {s}, padding {p}"),
    "op.kernel_too_large": QT_TRANSLATE_NOOP(
        "engine", "{desc}: the kernel is larger than the padded input ({d} + 2*{p} = {padded} < "
                  "{k}); use a smaller kernel or more padding"),
    "op.window_fraction": QT_TRANSLATE_NOOP(
        "engine", "{desc}: ({d} - {k} + 2*{p})/{s} + 1 = {v} is not a whole number; change the "
                  "stride or the padding"),
    "op.conv_channels_unknown": QT_TRANSLATE_NOOP(
        "engine", "conv2d needs the channel count (axis 1) of its input to be known"),
    "op.needs_nchw": QT_TRANSLATE_NOOP("engine", "{op} needs an input N x C x H x W; got {shape}"),
    "op.lrn_divisor": QT_TRANSLATE_NOOP(
        "engine", "bias and alpha cannot both be 0 (the divisor would be 0)"),
    "op.lrn_channels": QT_TRANSLATE_NOOP(
        "engine", "lrn needs channels on axis 1 (N x C x ...); got {shape}"),
    "op.groups_channels": QT_TRANSLATE_NOOP(
        "engine", "the input's {c} channels do not split into {g} groups; choose groups "
                  "dividing {c}"),
    "op.groups_filters": QT_TRANSLATE_NOOP(
        "engine", "{o} filters do not split into {g} groups; make out_channels a multiple of {g}"),
    "op.input_broadcast": QT_TRANSLATE_NOOP(
        "engine", "input x{port}: {reason}; make the sizes equal, or 1 on that axis"),
    "op.pads_four": QT_TRANSLATE_NOOP(
        "engine", "pads needs 4 entries (top, left, bottom, right); got {pads}"),
    "op.pads_cut_all": QT_TRANSLATE_NOOP(
        "engine", "pads {pads} cut away all of axis {axis} (size {d}); cut less"),
    "op.pool_fraction": QT_TRANSLATE_NOOP(
        "engine", "({d} + {extra} - {k})/{s} + 1 = {v} is not a whole number of windows; change "
                  "the stride or the pads"),
    "op.dense_input": QT_TRANSLATE_NOOP(
        "engine", "dense needs an input N x features; got {shape} (add a reshape)"),
    "op.dense_features": QT_TRANSLATE_NOOP(
        "engine", "dense needs its input's last dimension (the features) to be known"),
    "op.embedding_fraction": QT_TRANSLATE_NOOP(
        "engine", "id {value} is not a whole number; ids must be integers in 0 .. {top}"),
    "op.embedding_range": QT_TRANSLATE_NOOP(
        "engine", "id {value} is out of range 0 .. {top}; raise num_embeddings to at least "
                  "{need} or fix the data"),
    "op.dropout_rate": QT_TRANSLATE_NOOP(
        "engine", "rate must be below 1 (1 would drop everything); got {rate}"),
    "op.batch_norm_input": QT_TRANSLATE_NOOP(
        "engine", "batch_norm needs an input N x F or N x C x H x W with a known axis 1; got "
                  "{shape}"),
    "op.loss_scalar": QT_TRANSLATE_NOOP(
        "engine", "{op} needs a batch axis: prediction is a scalar"),
    "op.loss_target": QT_TRANSLATE_NOOP(
        "engine", "target {target} does not match prediction {pred}; reshape one of them"),
    "op.class_id_range": QT_TRANSLATE_NOOP(
        "engine", "class id {value} is out of range for {k} classes (ids must be 0..{top})"),
    "op.ce_logits": QT_TRANSLATE_NOOP(
        "engine", "softmax_ce needs logits of shape NxK; got {shape}"),
    "op.ce_rows": QT_TRANSLATE_NOOP(
        "engine", "target has {ids} class ids but the prediction has {rows} rows"),
    "op.ce_target": QT_TRANSLATE_NOOP(
        "engine", "target {target} does not match prediction {pred}: give class ids (N) or "
                  "one-hot rows (NxK)"),
    "op.needs_class_axis": QT_TRANSLATE_NOOP(
        "engine", "{op} needs at least 1 axis (the classes); the input is a scalar"),
    "op.feed_ragged": QT_TRANSLATE_NOOP(
        "engine", "{name}: the data is not a regular array of numbers (rows of different "
                  "lengths?)"),
    "op.feed_not_real": QT_TRANSLATE_NOOP(
        "engine", "{name}: the data must be real numbers; got values of type {dtype}"),
    "op.feed_not_ids": QT_TRANSLATE_NOOP(
        "engine", "{name} takes integer ids (its dtype is int), but the data holds {value}; "
                  "give whole numbers, or set the input's dtype to float"),
    "op.reshape_two_open": QT_TRANSLATE_NOOP(
        "engine", "shape may contain at most one -1 (the inferred size); got {shape}"),
    "op.feed_ndim": QT_TRANSLATE_NOOP(
        "engine", "{name}: expected {ndim} dimensions ({declared}), got {got} ({shape})"),
    "op.feed_axis": QT_TRANSLATE_NOOP(
        "engine", "{name}: axis {axis} should be {want}, got {got} (data {shape})"),
    "op.formula_fraction": QT_TRANSLATE_NOOP("engine", "{formula} → not a whole number"),
    "op.formula_too_small": QT_TRANSLATE_NOOP(
        "engine", "{formula} → the kernel is larger than the padded input"),
    "graph.no_node": QT_TRANSLATE_NOOP("engine", "there is no node {nid!r}"),
    "graph.no_node_named": QT_TRANSLATE_NOOP("engine", "there is no node named {name!r}"),
    "graph.unknown_op": QT_TRANSLATE_NOOP("engine", "unknown op {op!r}; choose one of: {ops}"),
    "graph.id_taken": QT_TRANSLATE_NOOP("engine", "a node with id {nid!r} exists already"),
    "graph.bad_name": QT_TRANSLATE_NOOP(
        "engine", "{name!r} is not a usable name: start with a letter, then letters, digits, _ "
                  "- . [ ]"),
    "graph.name_taken": QT_TRANSLATE_NOOP(
        "engine", "the name {name!r} is taken by another node; choose another"),
    "graph.not_in_graph": QT_TRANSLATE_NOOP("engine", "both ends must be nodes of this graph"),
    "graph.no_port": QT_TRANSLATE_NOOP("engine", "{name} ({op}) has no input port {port}"),
    "graph.self_loop": QT_TRANSLATE_NOOP(
        "engine", "{name} cannot take its own output as input (that is a cycle)"),
    "graph.port_in_use": QT_TRANSLATE_NOOP(
        "engine", "input {input} of {name} is already connected; disconnect it first"),
    "graph.cycle": QT_TRANSLATE_NOOP(
        "engine", "wiring {src} → {dst} would make a cycle ({dst} already feeds {src})"),
    "graph.port_free": QT_TRANSLATE_NOOP("engine", "input port {port} of {name} is not connected"),
    "graph.no_array": QT_TRANSLATE_NOOP("engine", "{name} has no array {key!r}"),
    "graph.array_shape": QT_TRANSLATE_NOOP(
        "engine", "{name}.{key}: shape {shape} does not match {want}"),
    "graph.group_empty": QT_TRANSLATE_NOOP("engine", "select at least one node to group"),
    "graph.in_group": QT_TRANSLATE_NOOP(
        "engine", "{name} is already in group {group}; ungroup it first"),
    "graph.no_group": QT_TRANSLATE_NOOP("engine", "there is no group {gid!r}"),
    "graph.memory": QT_TRANSLATE_NOOP(
        "engine", "a {what} on {batch} {examples} needs about {total} in {dtype}, but only "
                  "{free} of memory is available; the largest part is {name} ({big}). Use fewer "
                  "examples per batch, float32, or a smaller {name}"),
    "graph.pass_both": QT_TRANSLATE_NOOP("engine", "forward and backward pass"),
    "graph.pass_forward": QT_TRANSLATE_NOOP("engine", "forward pass"),
    "graph.example": QT_TRANSLATE_NOOP("engine", "example"),
    "graph.examples": QT_TRANSLATE_NOOP("engine", "examples"),
    "exec.empty": QT_TRANSLATE_NOOP(
        "engine", "the graph is empty: drag an input and some ops onto the canvas"),
    "exec.cannot_run": QT_TRANSLATE_NOOP("engine", "cannot run: {issue}"),
    "exec.no_such_input": QT_TRANSLATE_NOOP(
        "engine", "data was given for {key!r}, but there is no input of that name"),
    "exec.no_data": QT_TRANSLATE_NOOP(
        "engine", "input {name} has no data; load a dataset or feed it"),
    "exec.no_feed": QT_TRANSLATE_NOOP("engine", "no data to step with: feed the inputs first"),
    "exec.op_failed": QT_TRANSLATE_NOOP(
        "engine", "{name} ({op}) failed in the {phase} pass: {error} (inputs: {shapes}); check "
                  "the data fed to the inputs, e.g. that every input gets the same number of "
                  "examples"),
    "exec.forward": QT_TRANSLATE_NOOP("engine", "forward"),
    "exec.backward": QT_TRANSLATE_NOOP("engine", "backward"),
    "exec.wrong_shape": QT_TRANSLATE_NOOP(
        "engine", "{name} ({op}) gave {shape} but its shape is {want} (inputs: {shapes}); the "
                  "data fed to the inputs disagree on an open dimension: feed every input the "
                  "same number of examples"),
    "exec.max_entries": QT_TRANSLATE_NOOP("engine", "max_entries must be at least 1"),
    "exec.eps": QT_TRANSLATE_NOOP(
        "engine", "ε must be a small positive number (e.g. 1e-6); got {eps!r}"),
    "exec.check_needs_cost": QT_TRANSLATE_NOOP(
        "engine", "gradient check needs a cost: add a loss node (a scalar output) or choose the "
                  "target node"),
    "exec.cost_not_finite": QT_TRANSLATE_NOOP(
        "engine", "the cost is not finite ({cost}); first bad node: {node}"),
    "exec.check_stopped": QT_TRANSLATE_NOOP(
        "engine", "gradient check stopped after {done} of {total} passes"),
    "file.semicolon": QT_TRANSLATE_NOOP("engine", "{a}; {b}"),
    "file.jt_null": QT_TRANSLATE_NOOP("engine", "null"),
    "file.jt_bool": QT_TRANSLATE_NOOP("engine", "true/false"),
    "file.jt_number": QT_TRANSLATE_NOOP("engine", "the number {value}"),
    "file.jt_text": QT_TRANSLATE_NOOP("engine", "the text {value}"),
    "file.jt_list": QT_TRANSLATE_NOOP("engine", "a list"),
    "file.jt_object": QT_TRANSLATE_NOOP("engine", "an object"),
    "file.must_be_object": QT_TRANSLATE_NOOP("engine", "must be an object; got {got}"),
    "file.json_object": QT_TRANSLATE_NOOP("engine", "must be a JSON object; got {got}"),
    "file.field_missing": QT_TRANSLATE_NOOP("engine", "the field {key!r} is missing"),
    "file.unknown_field": QT_TRANSLATE_NOOP("engine", "unknown field {key}; expected {fields}"),
    "file.must_be_list": QT_TRANSLATE_NOOP("engine", "must be a list; got {got}"),
    "file.too_many": QT_TRANSLATE_NOOP(
        "engine", "has {count} entries; this app reads at most {limit}"),
    "file.bad_ident": QT_TRANSLATE_NOOP(
        "engine", "must be an id made of letters, digits, _ - . [ ] (at most 100 characters); "
                  "got {got}"),
    "file.must_be_bool": QT_TRANSLATE_NOOP("engine", "must be true or false; got {got}"),
    "file.int_range": QT_TRANSLATE_NOOP(
        "engine", "must be a whole number from {low} to {high}; got {got}"),
    "file.must_be_text": QT_TRANSLATE_NOOP("engine", "must be text; got {got}"),
    "file.text_only": QT_TRANSLATE_NOOP("engine", "must be text"),
    "file.larger_than_mib": QT_TRANSLATE_NOOP(
        "engine", "is larger than {mib} MiB; refusing to read it"),
    "file.not_utf8": QT_TRANSLATE_NOOP(
        "engine", "is not UTF-8 text (bad byte at offset {offset})"),
    "file.constant": QT_TRANSLATE_NOOP("engine", "{name} is not allowed; numbers must be finite"),
    "file.number_large": QT_TRANSLATE_NOOP("engine", "the number {text} is too large"),
    "file.key_twice": QT_TRANSLATE_NOOP("engine", "the key {key} appears twice in one object"),
    "file.invalid_json": QT_TRANSLATE_NOOP(
        "engine", "invalid JSON at line {line} column {column}: {error}"),
    "file.nested": QT_TRANSLATE_NOOP("engine", "nested too deeply to be a graph"),
    "file.nested_levels": QT_TRANSLATE_NOOP(
        "engine", "nested too deeply to be a graph (more than {depth} levels of lists and "
                  "objects)"),
    "file.surrogate": QT_TRANSLATE_NOOP(
        "engine", "the text {text} holds a lone surrogate ({code}), which is not a character; a "
                  "graph with it could not be saved"),
    "file.zip_damaged": QT_TRANSLATE_NOOP(
        "engine", "the ZIP archive is damaged or truncated ({error})"),
    "file.pathlike": QT_TRANSLATE_NOOP(
        "engine", "the archive holds a member with a path-like name {name}; refusing it"),
    "file.zip_twice": QT_TRANSLATE_NOOP(
        "engine", "the archive holds two members with the same name"),
    "file.zip_too_big": QT_TRANSLATE_NOOP(
        "engine", "the archive declares more than 2 GiB of content; refusing it"),
    "file.member_declares": QT_TRANSLATE_NOOP(
        "engine", "declares {size} bytes, more than the {limit} it may hold here; refusing it"),
    "file.inflates_past": QT_TRANSLATE_NOOP(
        "engine", "inflates past its declared size of {size} bytes; refusing it"),
    "file.member_unreadable": QT_TRANSLATE_NOOP(
        "engine", "cannot be read from the archive ({error})"),
    "file.npy_version": QT_TRANSLATE_NOOP(
        "engine", "{key} uses .npy version {version}, which this app does not read"),
    "file.npy_invalid": QT_TRANSLATE_NOOP("engine", "{key} is not a valid .npy array ({error})"),
    "file.npy_dtype": QT_TRANSLATE_NOOP(
        "engine", "{key} holds {dtype} values; only numeric arrays are allowed (object or "
                  "pickled arrays are refused)"),
    "file.npy_size": QT_TRANSLATE_NOOP(
        "engine", "{key} declares {nbytes} bytes of data but the member holds {size}"),
    "file.npz_unreadable": QT_TRANSLATE_NOOP("engine", "is not a readable .npz archive ({error})"),
    "file.npz_member": QT_TRANSLATE_NOOP(
        "engine", "unexpected member {name}; only .npy arrays belong here"),
    "file.npz_too_big": QT_TRANSLATE_NOOP(
        "engine", "the arrays declare more than {gib} GiB; refusing to read them"),
    "file.npz_twice": QT_TRANSLATE_NOOP("engine", "an array name appears twice"),
    "file.npz_cannot_read": QT_TRANSLATE_NOOP("engine", "cannot read {key} ({error})"),
    "file.param_too_large": QT_TRANSLATE_NOOP("engine", "{value} is too large"),
    "file.must_be_kind": QT_TRANSLATE_NOOP("engine", "must be {kind}; got {got}"),
    "file.not_graph_format": QT_TRANSLATE_NOOP(
        "engine", "not a graph file: {where} has format {format}, expected {want!r}"),
    "file.version_int": QT_TRANSLATE_NOOP("engine", "version must be a whole number; got {got}"),
    "file.version_newer": QT_TRANSLATE_NOOP(
        "engine", "version {version} is newer than this app reads ({known}); update the app to "
                  "open this file"),
    "file.version_unknown": QT_TRANSLATE_NOOP(
        "engine", "version {version} is not a version this app knows (1 to {known})"),
    "file.unknown_op": QT_TRANSLATE_NOOP("engine", "unknown op {op}; this app knows {ops}"),
    "file.no_node_id": QT_TRANSLATE_NOOP("engine", "there is no node with id {nid}"),
    "file.port_range": QT_TRANSLATE_NOOP(
        "engine", "must be a whole number from 0 to {top}; got {got}"),
    "file.cycle": QT_TRANSLATE_NOOP(
        "engine", "the wires make a cycle: {names}; a graph must not loop back"),
    "file.group_id_twice": QT_TRANSLATE_NOOP("engine", "the group id {gid!r} is used twice"),
    "file.member_twice": QT_TRANSLATE_NOOP("engine", "lists a node twice"),
    "file.arrays_at_node": QT_TRANSLATE_NOOP(
        "engine", "the graph's arrays would hold {found} at node {name}; more than this app "
                  "loads"),
    "file.arrays_total": QT_TRANSLATE_NOOP(
        "engine", "the graph's arrays would hold {count} numbers; more than this app loads"),
    "file.inference_failed": QT_TRANSLATE_NOOP("engine", "shape inference failed: {error}"),
    "file.manifest_key": QT_TRANSLATE_NOOP(
        "engine", "must be '<node id>/<array name>' for a node of this graph"),
    "file.not_numeric": QT_TRANSLATE_NOOP("engine", "{dtype} is not a numeric type"),
    "file.array_shape": QT_TRANSLATE_NOOP(
        "engine", "{key} has shape {shape} but the node ({name}) expects {want}"),
    "file.array_not_owned": QT_TRANSLATE_NOOP(
        "engine", "{key}: node {name} has no array {array!r}"),
    "file.array_too_big": QT_TRANSLATE_NOOP(
        "engine", "{key} would hold {count} numbers, more than the {limit} a node may hold"),
    "file.loose_arrays": QT_TRANSLATE_NOOP(
        "engine", "the arrays of nodes whose shape is unknown would take {size} bytes, far more "
                  "than a {file_size}-byte file holds; refusing them"),
    "file.arrays_gib": QT_TRANSLATE_NOOP(
        "engine", "its arrays would take more than {gib} GiB; refusing them"),
    "file.npz_need": QT_TRANSLATE_NOOP(
        "engine", "declares {size} bytes, more than the graph's arrays need ({need}); refusing "
                  "it"),
    "file.not_listed": QT_TRANSLATE_NOOP("engine", "holds {key}, which graph.json does not list"),
    "file.array_differs": QT_TRANSLATE_NOOP(
        "engine", "{key} is {dtype} {shape}; graph.json says {want_dtype} {want}"),
    "file.listed_missing": QT_TRANSLATE_NOOP(
        "engine", "{key} is listed in graph.json but missing"),
    "file.no_graph_json": QT_TRANSLATE_NOOP(
        "engine", "not a graph file: graph.json is missing from the archive"),
    "file.larger_mib": QT_TRANSLATE_NOOP("engine", "is larger than {mib} MiB; refusing it"),
    "file.larger_gib": QT_TRANSLATE_NOOP("engine", "is larger than {gib} GiB; refusing it"),
    "file.npz_2gib": QT_TRANSLATE_NOOP("engine", "declares more than 2 GiB; refusing it"),
    "file.empty": QT_TRANSLATE_NOOP("engine", "the file is empty; it is not a graph file"),
    "file.not_zip_big": QT_TRANSLATE_NOOP(
        "engine", "not a graph file: it is not a ZIP archive, and too large to be JSON"),
    "file.not_zip_json": QT_TRANSLATE_NOOP(
        "engine", "not a graph file: it is not a ZIP archive or JSON"),
    "file.no_data_member": QT_TRANSLATE_NOOP(
        "engine", "graph.json lists a dataset but the archive has no {member}"),
    "file.data_too_big": QT_TRANSLATE_NOOP(
        "engine", "its arrays would take more than {limit} bytes, far more than a "
                  "{file_size}-byte file holds; refusing them"),
    "file.not_npz": QT_TRANSLATE_NOOP("engine", "not an array file (.npz)"),
    "file.npz_shape": QT_TRANSLATE_NOOP(
        "engine", "{key} has shape {shape} in the file but the node expects {want}"),
    "file.not_in_file": QT_TRANSLATE_NOOP("engine", "{key} is not in the file"),
    "file.nothing_loaded": QT_TRANSLATE_NOOP("engine", "{problems}; nothing was loaded"),
    "file.no_match": QT_TRANSLATE_NOOP(
        "engine", "no array matches the selected nodes by name; the file holds {keys}"),
    "file.nothing": QT_TRANSLATE_NOOP("engine", "nothing"),
    "file.save_not_finite": QT_TRANSLATE_NOOP(
        "engine", "{path}: {value} cannot be saved; numbers must be finite"),
    "file.save_key": QT_TRANSLATE_NOOP(
        "engine", "{path}: key {key!r} cannot be saved; keys must be text"),
    "file.save_type": QT_TRANSLATE_NOOP(
        "engine", "{path}: a {type} cannot be saved; use numbers, text, lists, objects"),
    "file.save_array_id": QT_TRANSLATE_NOOP(
        "engine", "cannot save {nid}/{key}: ids and array names must be letters, digits, _ - . "
                  "[ ]"),
    "file.save_dtype": QT_TRANSLATE_NOOP(
        "engine", "cannot save {name}.{key}: its dtype {dtype} is not numeric"),
    "file.save_node_id": QT_TRANSLATE_NOOP(
        "engine", "cannot save node id {nid!r}: use letters, digits, _ - . [ ]"),
    "file.save_no_arrays": QT_TRANSLATE_NOOP(
        "engine", "the selected nodes own no trained arrays; there is nothing to save"),
    "file.save_nested": QT_TRANSLATE_NOOP("engine", "{path}: nested too deeply to be saved"),
    "file.save_data_type": QT_TRANSLATE_NOOP(
        "engine", "{path}: a {type} cannot be saved with the data"),
    "file.save_data_name": QT_TRANSLATE_NOOP(
        "engine", "cannot save the data array {key!r}: array names must be letters, digits, _ - "
                  ". [ ]"),
    "file.save_data_dtype": QT_TRANSLATE_NOOP(
        "engine", "cannot save the data array {key!r}: its dtype {dtype} is not numeric"),
    "file.data_no_arrays": QT_TRANSLATE_NOOP(
        "engine", "lists no arrays; a dataset needs at least one"),
    "file.data_array_name": QT_TRANSLATE_NOOP(
        "engine", "array names must be letters, digits, _ - . [ ]"),
    "file.data_examples_axis": QT_TRANSLATE_NOOP("engine", "a data array needs an examples axis"),
    "file.data_lengths": QT_TRANSLATE_NOOP(
        "engine", "the arrays hold different numbers of examples ({counts})"),
    "file.data_not_listed": QT_TRANSLATE_NOOP(
        "engine", "holds {key!r}, which graph.json does not list"),
    "data.line": QT_TRANSLATE_NOOP("engine", "line {line}"),
    "data.column": QT_TRANSLATE_NOOP("engine", "column {column!r}"),
    "data.line_column": QT_TRANSLATE_NOOP("engine", "line {line}, column {column!r}"),
    "data.csv_empty": QT_TRANSLATE_NOOP(
        "engine", "the file is empty; choose a CSV file with a header line and data rows"),
    "data.csv_utf16": QT_TRANSLATE_NOOP(
        "engine", "the file starts with a UTF-16 mark but is not valid UTF-16 ({error}); save "
                  "it as UTF-8 and import again"),
    "data.csv_zero_bytes": QT_TRANSLATE_NOOP(
        "engine", "the file holds zero bytes: it is a binary file or UTF-16 without a byte "
                  "order mark, not CSV text; save it as CSV UTF-8"),
    "data.csv_encoding": QT_TRANSLATE_NOOP(
        "engine", "the byte {byte} is not UTF-8 text; the file is in another encoding (Latin-1 "
                  "or Windows-1252?). Save it as 'CSV UTF-8' and import again"),
    "data.csv_field": QT_TRANSLATE_NOOP("engine", "field {n}"),
    "data.csv_row_length": QT_TRANSLATE_NOOP(
        "engine", "has {count} values but the header has {columns} columns; fix that line (a "
                  "missing or extra separator, or an unquoted {sep!r} inside a value?)"),
    "data.csv_unreadable": QT_TRANSLATE_NOOP(
        "engine", "cannot be read as CSV ({error}); check its quotes"),
    "data.csv_no_name": QT_TRANSLATE_NOOP(
        "engine", "column {n} has no name; give every column a name in the header"),
    "data.csv_name_twice": QT_TRANSLATE_NOOP(
        "engine", "the header names {name!r} twice (columns {a} and {b}); rename one"),
    "data.csv_no_rows": QT_TRANSLATE_NOOP(
        "engine", "has a header but no data rows; add some rows"),
    "data.csv_too_large": QT_TRANSLATE_NOOP(
        "engine", "the file is larger than {mib} MiB; use a smaller sample"),
    "data.csv_missing": QT_TRANSLATE_NOOP(
        "engine", "the value is missing (it holds {shown}); fill it in or remove the line"),
    "data.csv_not_number": QT_TRANSLATE_NOOP(
        "engine", "{value!r} is not a number, but the column holds numbers; correct it, or read "
                  "the column as categories (click its name in the preview)"),
    "data.csv_not_finite": QT_TRANSLATE_NOOP(
        "engine", "{value!r} is not a finite number; replace it"),
    "data.csv_no_target": QT_TRANSLATE_NOOP(
        "engine", "there is no column {target!r} for the target; the columns are {columns}"),
    "data.csv_only_target": QT_TRANSLATE_NOOP(
        "engine", "the target is the only column; there are no features to learn from"),
    "data.csv_text_target": QT_TRANSLATE_NOOP(
        "engine", "holds text, so it cannot be a target of values; choose 'classes'"),
    "data.not_folder": QT_TRANSLATE_NOOP(
        "engine", "{folder} is not a folder; choose a folder with one sub-folder of images per "
                  "class"),
    "data.no_subfolders": QT_TRANSLATE_NOOP(
        "engine", "{folder} has no sub-folders; put each class's images in a sub-folder named "
                  "after the class"),
    "data.no_images": QT_TRANSLATE_NOOP(
        "engine", "the class folders ({classes}) hold no image files ({extensions})"),
    "data.image_size": QT_TRANSLATE_NOOP(
        "engine", "the image size must be from 4 to {max} pixels; got {size}"),
    "data.none_readable": QT_TRANSLATE_NOOP(
        "engine", "none of the {count} image files could be read; the first: {first}"),
    "data.header_damaged": QT_TRANSLATE_NOOP(
        "engine", "the header is damaged (a number is missing)"),
    "data.not_netpbm": QT_TRANSLATE_NOOP("engine", "not an image this reader knows (PGM or PPM)"),
    "data.header_not_image": QT_TRANSLATE_NOOP(
        "engine", "the header says {w}x{h} with maximum {maxval}; that is not an image"),
    "data.truncated_bytes": QT_TRANSLATE_NOOP(
        "engine", "the file is truncated ({got} of {need} pixel bytes)"),
    "data.pixels_damaged": QT_TRANSLATE_NOOP(
        "engine", "the pixel values are damaged (not numbers)"),
    "data.truncated_values": QT_TRANSLATE_NOOP(
        "engine", "the file is truncated ({got} of {need} pixel values)"),
    "data.needs_xy": QT_TRANSLATE_NOOP(
        "engine", "the data needs an array 'x' (features) and 'y' (labels); load a data set "
                  "with both"),
    "data.x_ids": QT_TRANSLATE_NOOP(
        "engine", "x holds ids (e.g. words), not features; choose a data set of numbers"),
    "data.no_array_for_input": QT_TRANSLATE_NOOP(
        "engine", "the data has no array named {name!r} for input {name}; it has {arrays}"),
    "data.empty": QT_TRANSLATE_NOOP("engine", "the data set is empty"),
    "data.cut_no_shape": QT_TRANSLATE_NOOP(
        "engine", "{name} has no known shape yet; fix the graph's shape issues first"),
    "data.cut_scalar": QT_TRANSLATE_NOOP(
        "engine", "{name} is a single number, not a value per example; cut at a layer"),
    "data.cut_unread": QT_TRANSLATE_NOOP(
        "engine", "nothing reads {name}; choose a node the rest of the graph builds on"),
    "data.cut_bypass": QT_TRANSLATE_NOOP(
        "engine", "{dst} also reads {src}, which lies before {name}; cut at a node that is the "
                  "only way into the rest of the graph"),
    "train.scalar_array": QT_TRANSLATE_NOOP(
        "engine", "every dataset array needs an examples axis; {key!r} is a scalar"),
    "train.lengths_differ": QT_TRANSLATE_NOOP(
        "engine", "dataset arrays must have the same number of examples; got {counts}"),
    "train.fraction_range": QT_TRANSLATE_NOOP(
        "engine", "the {split} fraction must be between 0 and 1; got {value!r}"),
    "train.fractions_sum": QT_TRANSLATE_NOOP(
        "engine", "the train, dev and test fractions must add up to 1; {train} + {dev} + {test} "
                  "= {total}"),
    "train.fraction_zero": QT_TRANSLATE_NOOP(
        "engine", "the train fraction must be above 0: training needs examples"),
    "train.none_left": QT_TRANSLATE_NOOP(
        "engine", "{n} examples at a train fraction of {train} leave none for training"),
    "train.split_train": QT_TRANSLATE_NOOP("engine", "train"),
    "train.split_dev": QT_TRANSLATE_NOOP("engine", "dev"),
    "train.split_test": QT_TRANSLATE_NOOP("engine", "test"),
    "train.optimizer": QT_TRANSLATE_NOOP(
        "engine", "optimizer must be one of {names}; got {value!r}"),
    "train.lr": QT_TRANSLATE_NOOP(
        "engine", "the learning rate must be a number greater than 0 (e.g. 0.01); got {value!r}"),
    "train.batch_size": QT_TRANSLATE_NOOP(
        "engine", "the batch size must be a whole number: 0 for the full batch, 1 for "
                  "stochastic, more for mini-batches; got {value!r}"),
    "train.epochs": QT_TRANSLATE_NOOP(
        "engine", "epochs must be a whole number of at least 1; got {value!r}"),
    "train.below_one": QT_TRANSLATE_NOOP(
        "engine", "{name} must be at least 0 and below 1 (e.g. 0.9); got {value!r}"),
    "train.eps": QT_TRANSLATE_NOOP(
        "engine", "eps must be a small positive number (e.g. 1e-8); got {value!r}"),
    "train.dtype": QT_TRANSLATE_NOOP("engine", "dtype must be float32 or float64; got {value!r}"),
    "train.empty": QT_TRANSLATE_NOOP(
        "engine", "the training set is empty; load or generate some data"),
    "train.no_cost": QT_TRANSLATE_NOOP(
        "engine", "the graph has no cost to minimize: end it with a loss node whose reduction "
                  "is 'mean' (a single number)"),
    "train.cost_not_scalar": QT_TRANSLATE_NOOP(
        "engine", "the cost {name} must be a single number; use a loss with reduction 'mean'"),
    "train.no_input_array": QT_TRANSLATE_NOOP(
        "engine", "the {what} data has no array named {name!r} for input {name}; it has "
                  "{arrays}. Rename the input node or the dataset array"),
    "train.data_for": QT_TRANSLATE_NOOP("engine", "the {what} data for {name}"),
    "train.for_training": QT_TRANSLATE_NOOP("engine", "training"),
    "train.for_dev": QT_TRANSLATE_NOOP("engine", "dev"),
    "train.for_evaluation": QT_TRANSLATE_NOOP("engine", "evaluation"),
    "train.for_prediction": QT_TRANSLATE_NOOP("engine", "prediction"),
    "train.stopped_epoch": QT_TRANSLATE_NOOP(
        "engine", "training stopped after epoch {epoch}: {why}. {fix}"),
    "train.stopped_epoch_at": QT_TRANSLATE_NOOP(
        "engine", "training stopped after epoch {epoch}: {why} first at node {node!r}. {fix}"),
    "train.stopped_nan": QT_TRANSLATE_NOOP(
        "engine", "training stopped at iteration {it}: the values became NaN or infinite. {fix}"),
    "train.stopped_nan_at": QT_TRANSLATE_NOOP(
        "engine", "training stopped at iteration {it}: the values became NaN or infinite first "
                  "at node {node!r}. {fix}"),
    "train.lr_fix": QT_TRANSLATE_NOOP(
        "engine", "The learning rate α = {lr:g} is too large for this network: try a smaller "
                  "learning rate, such as α = {suggest:g}"),
    "train.not_on_path": QT_TRANSLATE_NOOP(
        "engine", "{name} does not lead to the cost; it is not computed while training"),
    # END_ENGINE_ERRORS
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
}


from .messages_data import DATA_TEMPLATES  # noqa: E402 - data sets' words, array summaries
from .messages_onnx import ONNX_TEMPLATES  # noqa: E402 - the ONNX importer's refusals
from .messages_views import VIEW_TEMPLATES  # noqa: E402 - the look-inside views' words
from .messages_inspect import INSPECT_TEMPLATES  # noqa: E402 - views' refusals, progress
from .messages_load import LOAD_TEMPLATES  # noqa: E402 - making data sets, a finished run

TEMPLATES.update(DATA_TEMPLATES)
TEMPLATES.update(ONNX_TEMPLATES)
TEMPLATES.update(VIEW_TEMPLATES)
TEMPLATES.update(INSPECT_TEMPLATES)
TEMPLATES.update(LOAD_TEMPLATES)

from .msg import Joined, Msg, MsgError, carried, fields  # noqa: E402,F401 - the message API, re-exported
