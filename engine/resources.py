"""Where the files that ship with the app live (the top-level ``assets/`` folder, installed as
the package ``graphviz_assets``), for regular and editable installs alike."""
from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable

PACKAGE = "graphviz_assets"


def asset(*parts: str) -> Traversable:
    """The shipped file or folder ``assets/<parts...>``; ``.is_file()`` says whether it exists."""
    node = resources.files(PACKAGE)
    for part in parts:
        node = node / part
    return node
