"""Every example opens in every look-inside panel without an exception: each either shows its
numbers or says, in the panel, why it cannot."""
from __future__ import annotations

import pytest

from engine.examples import EXAMPLES
from graphviz_app.panels.inside.activations import ActivationsPanel
from graphviz_app.panels.inside.cost_surface import CostSurfacePanel
from graphviz_app.panels.inside.decision_boundary import DecisionBoundaryPanel
from graphviz_app.panels.inside.hidden_units import HiddenUnitsPanel
from tests import sweep

from .inside_rig import Rig

SHOWN = {
    ActivationsPanel: lambda p: (p.capture is not None and bool(p.stats)) or
    bool(p.status.text()),
    DecisionBoundaryPanel: lambda p: p.maps is not None or bool(p.status.text()),
    CostSurfacePanel: lambda p: bool(p.surfaces) or bool(p.note.text()),
    HiddenUnitsPanel: lambda p: p.r is not None or bool(p.note.text()),
}


@pytest.mark.parametrize("example", sweep.examples(EXAMPLES))
@pytest.mark.parametrize("panel_cls", list(SHOWN), ids=lambda c: c.__name__)
def test_every_example_in_every_panel(qtbot, example, panel_cls):
    rig = Rig(qtbot, example, panel_cls)
    try:
        rig.panel.refresh()
        assert SHOWN[panel_cls](rig.panel)
    finally:
        if panel_cls is CostSurfacePanel:
            rig.panel.wait()
        rig.close()
