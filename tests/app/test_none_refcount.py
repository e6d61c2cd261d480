"""Regression test for the PySide6 build (6.12.0 on Python 3.11) that drops a reference to None
on every call of a Qt method returning nothing, and aborts the process after a few thousand."""
from __future__ import annotations

import sys

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

CALLS = 20_000


def test_void_qt_calls_do_not_leak_references_to_none(qapp):
    w = QWidget()
    obj = QObject()
    before = sys.getrefcount(None)
    for i in range(CALLS):
        w.resize(100 + i % 7, 80)
        obj.setObjectName("x")
    after = sys.getrefcount(None)
    # a broken build loses one reference per call: 40 000 here; allow small noise
    assert after >= before - 100, (
        f"references to None fell by {before - after} over {2 * CALLS} Qt calls: this PySide6 "
        "build corrupts None's reference count; install a version allowed by pyproject.toml")
