"""Editing the graph: undo commands, the clipboard, selection edits, layout and files."""
