"""The math behind the look-inside views, tested without Qt: forward probes, grids over the
input plane, layer statistics, the collapsed affine map of a linear network, cost surfaces,
correlations, data views, embeddings and projections.

Everything here takes plain graphs and arrays and returns plain arrays.
"""
