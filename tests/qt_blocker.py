"""Make Qt, pyqtgraph and the app unimportable in this process: the engine must run without them."""
from __future__ import annotations

import importlib.abc
import sys

BLOCKED = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "pyqtgraph", "graphviz_app")


class QtBlocker(importlib.abc.MetaPathFinder):
    """Refuses every import of a blocked package, so a stray import fails loudly."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{name} is blocked: the engine must run without Qt")
        return None


def install() -> None:
    """Block the packages; fail at once if one was imported before."""
    already = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
    if already:
        raise RuntimeError(f"already imported before the Qt blocker: {already[:5]}")
    sys.meta_path.insert(0, QtBlocker())
