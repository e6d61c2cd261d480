"""The math behind the look-inside views, tested without Qt."""
