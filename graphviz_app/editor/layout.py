"""Automatic layered layout of a computation graph (pure Python + networkx, no Qt).

The algorithm is the classic Sugiyama scheme, trimmed to what a data-flow graph needs:

1. Layers: ``networkx.topological_generations`` puts every node one layer right of its
   latest input. A source node (a parameter, a constant) is then pulled right to sit just
   before its first consumer, so ``W`` sits beside the ``matmul`` that uses it instead of in
   the first column.
2. Order within a layer: start from insertion order, then sweep left-to-right and
   right-to-left a few times, sorting each layer by the barycenter (mean position) of its
   neighbours in the layer just fixed. This removes most edge crossings.
3. Coordinates: x = layer * ``dx``; y = index * ``dy``, each layer centred on y = 0.

:func:`layered_layout` returns ``{node id: (x, y)}``.
"""
from __future__ import annotations

from typing import Hashable, Iterable

import networkx as nx

Pos = tuple[float, float]


def assign_layers(g: nx.DiGraph) -> dict[Hashable, int]:
    """Layer index per node: longest path from a source, sources pulled next to a consumer."""
    layer: dict[Hashable, int] = {}
    for i, generation in enumerate(nx.topological_generations(g)):
        for n in generation:
            layer[n] = i
    succ = g.succ
    pred = g.pred
    for n in layer:
        if not pred[n] and succ[n]:
            layer[n] = max(0, min(layer[s] for s in succ[n]) - 1)
    return layer


def _sweep(layers: list[list[Hashable]], neighbours: dict[Hashable, list[Hashable]],
           index: dict[Hashable, float], order: Iterable[int]) -> None:
    """Reorder each layer in ``order`` by the barycenter of its ``neighbours`` (in place)."""
    for li in order:
        row = layers[li]
        keys = {}
        for pos, n in enumerate(row):
            nb = neighbours[n]
            keys[n] = sum([index[m] for m in nb]) / len(nb) if nb else index[n]
        row.sort(key=keys.__getitem__)
        for pos, n in enumerate(row):
            index[n] = float(pos)


def order_layers(g: nx.DiGraph, layer: dict[Hashable, int], sweeps: int = 4) -> list[list[Hashable]]:
    """Nodes per layer, ordered by barycenter sweeps to reduce crossings."""
    n_layers = max(layer.values(), default=-1) + 1
    layers: list[list[Hashable]] = [[] for _ in range(n_layers)]
    for n in g.nodes:  # insertion order: a stable start
        layers[layer[n]].append(n)
    index = {n: float(i) for row in layers for i, n in enumerate(row)}
    pred = {n: list(nb) for n, nb in g.pred.items()}
    succ = {n: list(nb) for n, nb in g.succ.items()}
    for _ in range(sweeps):
        _sweep(layers, pred, index, range(1, n_layers))
        _sweep(layers, succ, index, range(n_layers - 2, -1, -1))
    return layers


def count_crossings(g: nx.DiGraph | nx.MultiDiGraph, layers: list[list[Hashable]]) -> int:
    """Edge crossings between adjacent layers (edges spanning layers count at their ends)."""
    where = {n: (li, i) for li, row in enumerate(layers) for i, n in enumerate(row)}
    segs: dict[int, list[tuple[int, int]]] = {}
    for u, v in set(g.edges()):
        (lu, iu), (lv, iv) = where[u], where[v]
        if lv == lu + 1:
            segs.setdefault(lu, []).append((iu, iv))
    total = 0
    for edges in segs.values():
        for a in range(len(edges)):
            for b in range(a + 1, len(edges)):
                (p, q), (r, s) = edges[a], edges[b]
                if (p - r) * (q - s) < 0:
                    total += 1
    return total


def layered_layout(graph: nx.DiGraph | nx.MultiDiGraph, dx: float = 220.0, dy: float = 120.0,
                   sweeps: int = 4) -> dict[Hashable, Pos]:
    """Positions for every node of ``graph`` (a DAG): ``{node: (x, y)}``, left to right."""
    g = graph  # a MultiDiGraph's adjacency works as is: parallel edges count once
    if g.number_of_nodes() == 0:
        return {}
    layer = assign_layers(g)
    layers = order_layers(g, layer, sweeps)
    pos: dict[Hashable, Pos] = {}
    for li, row in enumerate(layers):
        top = -(len(row) - 1) * dy / 2.0
        for i, n in enumerate(row):
            pos[n] = (li * dx, top + i * dy)
    return pos
