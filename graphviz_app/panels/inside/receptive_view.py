"""The receptive-field strip of the Feature maps panel: the input and the earlier maps, each
with the clicked pixel's receptive-field box (layer arithmetic) outlined and its effective
footprint (|∂ value / ∂ map| from one seeded backward pass) as an amber heat map. The numbers
come from engine.inspect.receptive_field."""
from __future__ import annotations

import numpy as np

from engine.graph import Graph
from engine.inspect import feature_maps as fm
from engine.inspect import receptive_field as rf
from engine.inspect.upstream import Probe

from ...i18n import render, translate
from .conv_view import GREY, ImageCell, Plots

RF_MAPS = 6                     # earlier maps shown with the receptive field, at most


class ReceptiveStrip:
    """One picture per earlier map of a node (cells made when the node changes)."""

    def __init__(self) -> None:
        self.plots = Plots((200, 160))
        self.plots.setMinimumSize(120, 150)
        self.cells: dict[str, ImageCell] = {}

    def rebuild(self, graph: Graph, node: str | None) -> None:
        """Make the cells for ``node``'s earlier maps: all of them when there are few, else
        the inputs and the maps the widest path reads."""
        self.plots.ci.clear()
        self.cells = {}
        if node is None:
            return
        up = graph.ancestors(node)
        maps = [n for n in graph.topo_order() if n in up and rf.is_map(graph, n)]
        if len(maps) > RF_MAPS:
            keep = set(fm.input_nodes(graph, node)) | {graph.inputs_of(w)[0]
                                                       for w in rf.chain(graph, node)}
            maps = [n for n in maps if n in keep]
        cols = fm.grid_shape(len(maps), 1.5)[1] if maps else 1
        for k, n in enumerate(maps):
            self.cells[n] = ImageCell(self.plots.ci, k // cols, k % cols)

    def show(self, graph: Graph, probe: Probe, node: str, c: int, i: int,
             j: int) -> tuple[dict[str, rf.Box], str]:
        """Draw the receptive field of ``node``'s pixel (c, i, j) of example 0; return the
        boxes by node id and the words with the size formula."""
        boxes = rf.boxes(graph, node, i, j)
        feet = rf.footprints(probe, c, i, j)
        for nid, cell in self.cells.items():
            val = np.asarray(probe.values[nid][0], dtype=np.float64)
            pic = val.mean(axis=0) if val.shape[0] != 3 else val.transpose(1, 2, 0)
            lo, hi = float(np.nanmin(pic)), float(np.nanmax(pic))
            box = boxes.get(nid)
            name = graph.nodes[nid].name
            cell.set(pic, (lo, hi if hi > lo else lo + 1), GREY,
                     f"{name}: {box.height}x{box.width}" if box else name)
            heat = feet.get(nid)
            cell.set_overlay(heat / heat.max() if heat is not None and heat.max() > 0 else None)
            if box is not None:
                b = box.clip(*pic.shape[:2])
                cell.set_box(b.r0, b.r1, b.c0, b.c1)
            else:
                cell.hide_box()
        text = translate("FeatureMaps", "Receptive field of {value}: {formula}. Amber: |∂ value "
                         "/ ∂ map|, the effective footprint, from one backward pass.").format(
            value=f"{graph.nodes[node].name}[0,{c},{i},{j}]", formula=render(rf.size_formula(graph, node)))
        return boxes, text
