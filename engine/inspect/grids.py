"""The prediction and every hidden unit's activation over the input plane of a 2-D network.

One batched forward pass over all grid points (R·R rows) gives, at once, the output and the
activation of every unit of every layer upstream of it; each is reshaped to an (R, R) map whose
row i is y = ys[i] and column j is x = xs[j] (row-major, the y axis pointing up when drawn with
the first row at the bottom).

For classification the class map is the arg max of the output (K >= 2 scores), or score > 0 for a
single logit (bce_logits) — and > 0.5 for a single probability (sigmoid output). ``confidence``
is the probability of the winning class, so a drawing can shade by certainty.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..graph import Graph
from ..messages import Msg, MsgError
from ..ops.activations import sigmoid
from .activation_stats import layers
from .probe import Probe, Weights


@dataclass
class Plane:
    """A square grid over [x0, x1] × [y0, y1]: xs (R,), ys (R,), points (R·R, 2) row-major."""

    xs: np.ndarray
    ys: np.ndarray
    points: np.ndarray

    @property
    def extent(self) -> tuple[float, float, float, float]:
        return float(self.xs[0]), float(self.xs[-1]), float(self.ys[0]), float(self.ys[-1])


@dataclass
class BoundaryMaps:
    """classes (R, R) int; confidence (R, R) in [0, 1]; output (R, R, K) raw scores;
    units {layer id: (units, R, R)} activations of each hidden unit."""

    plane: Plane
    classes: np.ndarray
    confidence: np.ndarray
    output: np.ndarray
    units: dict[str, np.ndarray]


def plane_for(x: np.ndarray, resolution: int = 100, margin: float = 0.15) -> Plane:
    """A grid covering the points x (N, 2) with a margin (a fraction of the span) on each side."""
    x = np.asarray(x, np.float64)
    if x.ndim != 2 or x.shape[1] != 2 or len(x) == 0:
        lo, hi = np.array([-1.0, -1.0]), np.array([1.0, 1.0])
    else:
        lo, hi = x.min(0), x.max(0)
    span = np.maximum(hi - lo, 1e-6)
    lo, hi = lo - margin * span, hi + margin * span
    xs = np.linspace(lo[0], hi[0], resolution)
    ys = np.linspace(lo[1], hi[1], resolution)
    gx, gy = np.meshgrid(xs, ys)
    return Plane(xs, ys, np.stack([gx.ravel(), gy.ravel()], 1))


def two_d_input(graph: Graph) -> str | None:
    """The id of the graph's input node that takes (N, 2) points, or None."""
    for nid in graph.topo_order():
        node = graph.nodes[nid]
        if node.op == "input" and tuple(node.params["shape"])[1:] == (2,) \
                and len(node.params["shape"]) == 2:
            return nid
    return None


def output_node(graph: Graph, probe: Probe) -> str | None:
    """The node whose value is the network's prediction: the first input of the loss feeding
    the cost, or the last layer when there is no loss."""
    from ..training import find_loss_node
    if probe.target is not None:
        loss = find_loss_node(graph, probe.target)
        if loss is not None:
            return graph.inputs_of(loss)[0]
    lay = layers(graph)
    return lay[-1].nid if lay else None


def classify(out: np.ndarray, probabilities: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(class (M,), confidence (M,)) from scores out (M, K): arg max and softmax probability for
    K >= 2; for K = 1 a logit (or, with ``probabilities``, a probability) thresholded at the
    middle."""
    out = out.reshape(len(out), -1)
    if out.shape[1] == 1:
        p = out[:, 0] if probabilities else sigmoid(out[:, 0])
        cls = (p > 0.5).astype(np.int64)
        return cls, np.where(cls == 1, p, 1 - p)
    e = np.exp(out - out.max(1, keepdims=True))
    e /= e.sum(1, keepdims=True)
    cls = e.argmax(1)
    return cls, e[np.arange(len(e)), cls]


def boundary_maps(graph: Graph, probe: Probe, plane: Plane, weights: Weights | None = None,
                  output: str | None = None) -> BoundaryMaps:
    """Every map over ``plane`` from a single forward pass of its R·R points."""
    inp = two_d_input(graph)
    if inp is None:
        raise MsgError(Msg("view.boundary_input"))
    out_id = output or output_node(graph, probe)
    if out_id is None:
        raise MsgError(Msg("view.boundary_output"))
    upstream = graph.ancestors(out_id)
    hidden = [l for l in layers(graph) if l.nid != out_id and l.nid in upstream]
    cap = probe.forward({graph.nodes[inp].name: plane.points}, [out_id], weights)
    r = len(plane.xs)
    out = cap.values[out_id].reshape(r * r, -1)
    probs = graph.nodes[out_id].params.get("activation") == "sigmoid" or \
        graph.nodes[out_id].op == "sigmoid"
    cls, conf = classify(out, probs)
    units = {l.nid: cap.values[l.nid].reshape(r, r, -1).transpose(2, 0, 1) for l in hidden}
    return BoundaryMaps(plane, cls.reshape(r, r), conf.reshape(r, r), out.reshape(r, r, -1),
                        units)




PALETTE = np.array([[31, 119, 180], [214, 39, 40], [44, 160, 44], [148, 103, 189],
                    [255, 127, 14], [23, 190, 207], [140, 86, 75], [227, 119, 194]], np.float64)


def class_image(classes: np.ndarray, confidence: np.ndarray, n_classes: int) -> np.ndarray:
    """(R, R, 3) uint8: each pixel the colour of its class, faded toward white where the
    network is unsure (confidence 1/K gives white, 1 the full colour)."""
    k = max(2, n_classes)
    t = np.clip((confidence - 1.0 / k) / (1.0 - 1.0 / k), 0, 1)[..., None]
    col = PALETTE[classes % len(PALETTE)]
    return (255 - t * (255 - col) * 0.85).astype(np.uint8)


def to_bytes(img: np.ndarray) -> np.ndarray:
    """[-1, 1] floats as uint8 0..255 (0 at 127.5), for a colour lookup table."""
    out = np.multiply(img, 127.5, dtype=np.float32)
    out += 127.5
    return np.clip(out, 0, 255, out=out).astype(np.uint8)


def mosaic(maps: list[np.ndarray], cols: int = 8, pad: int = 4, band: int = 0
           ) -> tuple[np.ndarray, list]:
    """Tile unit maps into one image: (H, W) float in [-1, 1] (each unit scaled by its own
    largest |a|; 0 between tiles), and per map the (row, col) of each unit's tile's first pixel.
    maps: a list of (units, R, R) arrays, one per layer; each layer starts a new row of tiles.
    Row 0 is drawn at the bottom, so the first layer's tiles come last (on top), unit 0 top
    left. ``band`` rows of 0 above each layer's tiles leave room for its name. A handful of
    whole-array operations per layer, whatever the number of units."""
    if not maps:
        return np.zeros((1, 1)), []
    r = maps[0].shape[-1]
    width = min(cols, max(len(m) for m in maps))
    blocks, where = [], []
    for m in maps:
        u = len(m)
        n_rows = -(-u // cols)
        a = m.transpose(1, 2, 0)                 # (R, R, units): contiguous for grid maps
        scale = np.abs(a).max(axis=(0, 1))
        scale[scale == 0] = 1
        if u < n_rows * width:                   # empty tiles fill the last row
            a = np.concatenate([a, np.zeros((r, r, n_rows * width - u), a.dtype)], axis=2)
            scale = np.concatenate([scale, np.ones(n_rows * width - u)])
        # tile k sits at block row n_rows-1-k//cols (rows grow upward), column k % cols
        src = (a / scale.astype(a.dtype)).reshape(r, r, n_rows, width).transpose(2, 0, 3, 1)
        block = np.zeros((n_rows, r + pad, width, r + pad), np.float32)
        block[::-1, :r, :, :r] = src
        blocks.append(block.reshape(n_rows * (r + pad), width * (r + pad)))
        where.append([(n_rows - 1 - k // cols, k % cols) for k in range(u)])
    parts, places, y = [], [], 0
    for w, block in zip(where[::-1], blocks[::-1]):    # the last layer at the bottom (row 0)
        parts.append(block)
        places.append([(y + i * (r + pad), j * (r + pad)) for i, j in w])
        y += block.shape[0]
        if band:
            parts.append(np.zeros((band, block.shape[1]), np.float32))
            y += band
    out = np.concatenate(parts)
    if not band:
        out = out[:-pad]
    return out[:, :-pad], places[::-1]


__all__ = ["Plane", "BoundaryMaps", "plane_for", "two_d_input", "output_node", "classify",
           "boundary_maps", "class_image", "mosaic", "to_bytes", "PALETTE"]
