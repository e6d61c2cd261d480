"""The app collects Python's cycles from a timer on the GUI thread, with automatic collection
off, so a collection never starts inside a Qt call that holds a lock."""
from __future__ import annotations

import gc

from graphviz_app import app as app_module


def test_make_app_installs_one_timer_collector_and_turns_automatic_collection_off(qapp):
    gc.enable()
    app_module.GUI_COLLECTOR.clear()
    try:
        app_module.make_app()
        app_module.make_app()                     # a second call adds no second collector
        assert len(app_module.GUI_COLLECTOR) == 1
        collector = app_module.GUI_COLLECTOR[0]
        assert collector.timer.isActive() and collector.timer.interval() == 1000
        assert not gc.isenabled()
    finally:
        gc.disable()
