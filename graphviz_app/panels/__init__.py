"""The window's panels, by what the user is doing: build/, watch/ and inside/.

:data:`INSTALLERS` lists the panel modules beyond the editor's and the player's own; each has
``install(main_window, session)``, which adds its dock through ``main_window.add_panel`` and
returns the panel.
"""
from __future__ import annotations

from .build import example_guide, messages
from .inside import (activations, cost_surface, data_panel, decision_boundary, embeddings,
                     feature_maps, filter_lab, hidden_units)

INSTALLERS: tuple = (example_guide, messages, data_panel, embeddings, activations,
                     decision_boundary, cost_surface, hidden_units, feature_maps, filter_lab)
