"""The math behind the look-inside views: forward probes, grids over the input plane, layer
statistics, the collapsed affine map of a linear network, cost surfaces and correlations.

Everything here takes plain graphs and arrays and returns plain arrays, so the views' numbers are
tested without Qt.
"""
