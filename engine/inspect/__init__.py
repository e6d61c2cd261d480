"""The math behind the look-inside views, tested without Qt: forward probes, grids over the
input plane, layer statistics, the collapsed affine map of a linear network, cost surfaces,
correlations, data views, embeddings and projections; kernel banks, feature maps, receptive
fields and traces of single values (with their own upstream runner, :mod:`.upstream`).

Everything here takes plain graphs and arrays and returns plain arrays.
"""
