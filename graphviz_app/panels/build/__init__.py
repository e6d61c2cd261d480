"""Panels for building a graph: palette, inspector, history, messages."""
