"""Panels for watching a graph work: player, step details, training, loss curves, gradient check."""
