"""The PySide6 desktop app: build a computation graph by drag and drop and watch it compute.

This is the only package that knows about Qt; the model and the math live in ``engine``.
"""
__version__ = "0.1.0"
APP_NAME = "graphviz-app"
ORGANIZATION = "graphviz-app"
OP_MIME = "application/x-graphviz-app-op"
NODES_MIME = "application/x-graphviz-app-nodes"
