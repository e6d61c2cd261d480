"""The math behind the look-inside views, tested without Qt: data views, projections and
embeddings; kernel banks, feature maps, receptive fields and traces of single values. Panels
only draw what these functions return."""
