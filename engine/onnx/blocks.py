"""Find the repeated blocks of an imported network, name and group them, and lay it out.

Blocks
------
In topological order, a node is a *waist* when every path from the input to the output passes
through it: no edge jumps over it. (Sweep the order keeping the furthest position any earlier
edge reaches; a node is a waist when nothing earlier reaches past it.) Between two consecutive
waists lies a region; a region where paths branch and join again is a block: an inception
module (a concat of three or more branches), a fire module (squeeze, then two expand branches
joined), a residual block (a sum with a shortcut), a dense layer (a concat with its own input);
consecutive dense layers of one stage make a dense block.
A fire module's squeeze layer sits before its region; waists just before a block that share
the block's name prefix are taken into it. Parameters and constants go with their consumer.

A chain of layers whose names start alike (VGG's conv1_1, conv1_2 and the pool after them) is a
*stage* and is grouped too, when it holds at least two layers with weights.

Names come from the members' common name prefix (``inception_3a``, ``fire2``, ``res2_0``),
after removing the prefix every node shares (``gpu_0_``); when there is none, from the kind and
a counter.

Layout
------
Layers by longest path from the input (``topological_generations``), sources pulled next to
their first consumer, nodes in a layer ordered by the mean position of their inputs: the same
left-to-right scheme as the editor's layout, small enough to run inside the import. Each
collapsed block counts as one box at the top level, with its members laid out compactly around
it; the top level wraps into rows so a whole network fits a screen.
"""
from __future__ import annotations

import os

import networkx as nx

from ..graph import Graph

_SOURCES = ("input", "parameter", "constant")


def _tokens(name: str) -> list[str]:
    return name.replace(".", "_").split("_")


def _common(names: list[str]) -> list[str]:
    parts = [_tokens(n) for n in names]
    out: list[str] = []
    for column in zip(*parts):
        if len(set(column)) != 1:
            break
        out.append(column[0])
    return out


def find_blocks(g: Graph) -> list[tuple[str, list[str]]]:
    """(name, member ids) for every block, in order."""
    order = [n for n in g.topo_order() if g.nodes[n].op not in _SOURCES]
    pos = {n: i for i, n in enumerate(order)}
    succ = {n: [v for v, _ in g.consumers(n) if v in pos] for n in order}
    preds = {n: [s for s in g.inputs_of(n) if s in pos] for n in order}
    waists, reach = [], -1
    for i, n in enumerate(order):
        if reach <= i:
            waists.append(i)
        reach = max([reach] + [pos[v] for v in succ[n]])
    weighted = [n for n in order if g.shapes[n].weights]
    shared = _common([g.nodes[n].name for n in weighted]) if len(weighted) > 1 else []
    blocks: list[tuple[str, list[str]]] = []
    taken: set[str] = set()
    counters: dict[str, int] = {}
    for a, b in zip(waists, waists[1:]):
        members = order[a + 1:b + 1]
        if len(members) < 3 or all(len(preds[m]) < 2 for m in members):
            continue
        kind = _kind(g, order, a, b, preds)
        names = [g.nodes[m].name for m in members if g.shapes[m].weights] or \
            [g.nodes[m].name for m in members]
        prefix = _common(names)[len(shared):]
        start = a
        while prefix and start >= 0 and order[start] not in taken and \
                _tokens(g.nodes[order[start]].name)[:len(shared) + len(prefix)] == shared + prefix \
                and start in waists:
            start -= 1
        members = order[start + 1:b + 1]
        counters[kind] = counters.get(kind, 0) + 1
        label = "_".join(prefix).strip("_")
        name = f"{label} ({kind})" if len(label) >= 2 else f"{kind} {counters[kind]}"
        taken.update(members)
        blocks.append((name, members))
    return _dense_blocks(blocks)


def _dense_blocks(blocks: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """Consecutive dense layers of one stage (conv2_1 … conv2_6) become one dense block."""
    out: list[tuple[str, list[str]]] = []
    for name, members in blocks:
        stage = name.split("_")[0]
        if name.endswith("(dense layer)") and out and out[-1][0] == f"{stage} (dense block)" \
                or name.endswith("(dense layer)") and out and out[-1][0].endswith("(dense layer)") \
                and out[-1][0].split("_")[0] == stage:
            out[-1] = (f"{stage} (dense block)", out[-1][1] + members)
        else:
            out.append((name, members))
    return out


def _kind(g: Graph, order: list[str], a: int, b: int, preds) -> str:
    """What sort of block the region (a, b] of ``order`` is, from the node where it joins."""
    join_id = order[b]
    joins = [m for m in order[a + 1:b + 1] if len(preds[m]) >= 2]
    node = g.nodes[joins[-1] if joins else join_id]
    if node.op in ("add", "add_n"):
        return "residual block"
    if node.op == "concat":
        if len(preds[node.id]) >= 3:
            return "inception module"
        if order[a] in preds[node.id]:
            return "dense layer"
        squeeze = [m for m in order[a + 1:b + 1] if g.nodes[m].op == "conv2d"
                   and g.nodes[m].params["kernel"] == 1 and len(g.consumers(m)) == 1]
        return "fire module" if squeeze and order.index(squeeze[0]) <= a + 2 else "two-branch block"
    return "block"


def group_blocks(g: Graph) -> list[str]:
    """Group every block (collapsed), with the sources only its members use; return group ids."""
    ids = []
    for name, members in find_blocks(g):
        inside = set(members)
        for m in list(members):
            for s in g.inputs_of(m):
                if s is not None and g.nodes[s].op in ("parameter", "constant") and \
                        all(v in inside for v, _ in g.consumers(s)):
                    inside.add(s)
        free = [m for m in inside if g.group_of(m) is None]
        if len(free) >= 2:
            ids.append(g.group(free, name, collapsed=True))
    return ids


def _layers(h: nx.DiGraph, order: list) -> list[list]:
    """Nodes of ``h`` per layer (longest path from a source; a source sits just before its
    first consumer), each layer ordered by the mean position of its inputs."""
    layer: dict = {}
    for i, generation in enumerate(nx.topological_generations(h)):
        for n in generation:
            layer[n] = i
    for n in layer:
        if not h.pred[n] and h.succ[n]:
            layer[n] = max(0, min(layer[s] for s in h.succ[n]) - 1)
    rows: dict[int, list] = {}
    for n in order:
        rows.setdefault(layer[n], []).append(n)
    index: dict = {}
    out = []
    for li in sorted(rows):
        row = rows[li]
        key = {n: (sum(index.get(p, 0.0) for p in h.pred[n]) / len(h.pred[n]) if h.pred[n]
                   else index.get(n, 0.0)) for n in row}
        row.sort(key=key.__getitem__)
        for i, n in enumerate(row):
            index[n] = i - (len(row) - 1) / 2.0
        out.append(row)
    return out


def group_stages(g: Graph) -> list[str]:
    """Group runs of consecutive ungrouped nodes whose names start alike (VGG's conv1_1,
    conv1_2, pool: stage conv1) when a run holds at least two layers with weights."""
    order = [n for n in g.topo_order() if g.nodes[n].op not in _SOURCES]
    weighted = [n for n in order if g.shapes[n].weights]
    shared = len(_common([g.nodes[n].name for n in weighted])) if len(weighted) > 1 else 0
    runs: list[tuple[str, list[str]]] = []
    for n in order:
        tokens = _tokens(g.nodes[n].name)[shared:]
        key = tokens[0] if tokens and g.group_of(n) is None and g.nodes[n].op != "input" else None
        if key and runs and runs[-1][0] == key:
            runs[-1][1].append(n)
        else:
            runs.append((key, [n]))
    ids = []
    for key, members in runs:
        layers = [m for m in members if g.shapes[m].weights]
        if key and len(members) >= 3 and len(layers) >= 2 and len(key) >= 2:
            inside = set(members) | {s for m in members for s in g.inputs_of(m)
                                     if s is not None and g.nodes[s].op in ("parameter", "constant")
                                     and g.group_of(s) is None}
            kind = "transition" if any(gr.name == f"{key} (dense block)"
                                       for gr in g.groups.values()) else "stage"
            ids.append(g.group(inside, f"{key} ({kind})", collapsed=True))
    return ids


def layout(g: Graph, dx: float = 260.0, dy: float = 120.0,
           row_width: float = 2800.0) -> dict[str, tuple[float, float]]:
    """{node id: (x, y)} for the collapsed view: each group is laid out as one box, its members
    in a compact layout of their own centred on it (the collapsed box sits at their middle).
    The top level runs left to right and wraps into rows below each other where it passes
    ``row_width`` at a layer holding one box only (a point every path goes through)."""
    rep = {m: gid for gid, grp in g.groups.items() for m in grp.members}
    topo = g.topo_order()
    keys = list(dict.fromkeys(rep.get(n, n) for n in topo))
    h = nx.DiGraph()
    h.add_nodes_from(keys)
    for u, v, _ in g.edges():
        a, b = rep.get(u, u), rep.get(v, v)
        if a != b:
            h.add_edge(a, b)
    centre: dict = {}
    x0, y0, row_start, row_h = 0.0, 0.0, 0, 1
    layers = _layers(h, keys)
    for li, row in enumerate(layers):
        x = (li - row_start) * dx
        if x > row_width and len(row) == 1:
            y0 += (row_h + 1) * dy
            row_start, row_h, x = li, 1, 0.0
        row_h = max(row_h, len(row))
        for i, n in enumerate(row):
            centre[n] = (x0 + x, y0 + (i - (len(row) - 1) / 2.0) * dy)
    pos: dict[str, tuple[float, float]] = {}
    for n in keys:
        if n not in g.groups:
            pos[n] = centre[n]
            continue
        members = [m for m in topo if rep.get(m) == n]
        sub = g.nx_graph().subgraph(members)
        local = {}
        for li, row in enumerate(_layers(nx.DiGraph(sub), members)):
            for i, m in enumerate(row):
                local[m] = (li * dx, (i - (len(row) - 1) / 2.0) * dy)
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        cx, cy = (min(xs) + max(xs)) / 2.0, (min(ys) + max(ys)) / 2.0
        for m, (x, y) in local.items():
            pos[m] = (centre[n][0] + x - cx, centre[n][1] + y - cy)
    return pos


def arrange(g: Graph) -> None:
    """Group the graph's blocks and stages, then lay it out (node.ui['pos']) for the collapsed
    view."""
    group_blocks(g)
    group_stages(g)
    for nid, (x, y) in layout(g).items():
        g.nodes[nid].ui["pos"] = [float(x), float(y)]


__all__ = ["find_blocks", "group_blocks", "group_stages", "layout", "arrange"]
