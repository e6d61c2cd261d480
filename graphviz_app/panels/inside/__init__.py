"""Panels that look inside a network: activations, boundaries, feature maps, data, embeddings."""
