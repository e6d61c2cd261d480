"""Examples on the shipped real data (registered in :data:`engine.examples.EXAMPLES`).

- ``corpus_embedding``: word embeddings trained on the text corpus (idea 27). Each word id
  picks a row of the embedding table; the network predicts the words around it, so words of
  one topic, which share their neighbours, get similar vectors.
- ``digits_autoencoder``: an autoencoder on the 8x8 digits (ideas 28-29): 64 pixels are
  squeezed through an 8-number code and rebuilt. Images with nearby codes look alike, which
  is what similarity search by latent distance uses.

Builders follow :mod:`engine.examples`: ``(graph, dataset, info)``.
"""
from __future__ import annotations

from ..example_parts import finish as _finish, info as _info, op as _op
from ..graph import Graph
from ..training import Dataset
from .corpus import skipgram
from .digits import digits

__all__ = ["corpus_embedding", "digits_autoencoder", "EXAMPLES", "WORD_DIM", "LATENT"]

WORD_DIM = 10
LATENT = 8


def corpus_embedding(seed: int = 0) -> tuple[Graph, Dataset, dict]:
    """word ids x (N,) → embedding (V, 10) → dense V → softmax_ce against context ids y (N,)."""
    data = skipgram(window=2)
    vocab = len(data.meta["vocab"])
    g = Graph(seed)
    x = g.add_node("input", {"shape": (None,), "dtype": "int"}, name="x")
    e = _op(g, "embedding", [x], "embed", num_embeddings=vocab, dim=WORD_DIM)
    z = _op(g, "dense", [e], "context", units=vocab, activation="identity")
    y = g.add_node("input", {"shape": (None,), "dtype": "int"}, name="y")
    _op(g, "softmax_ce", [z, y], "J")
    info = _info("Word embeddings on the text corpus",
                 f"{len(data)} (word, neighbour) pairs from the shipped corpus, whose sentences "
                 "each keep to one of five topics. After training, open the Embeddings panel "
                 "on the embed node: words of one topic gather together.", (27,),
                 {"optimizer": "adam", "lr": 0.02, "batch_size": 128, "epochs": 8},
                 embedding_node="embed")
    g.meta["embedding_node"] = "embed"
    return _finish(g, info), data, info


def digits_autoencoder(seed: int = 0) -> tuple[Graph, Dataset, dict]:
    """x (N, 64) → dense 32 relu → dense 8 (latent) → dense 32 relu → dense 64 sigmoid →
    mse against x itself."""
    data = digits()
    g = Graph(seed)
    x = g.add_node("input", {"shape": (None, 64)}, name="x")
    h = _op(g, "dense", [x], "encoder", units=32, activation="relu")
    code = _op(g, "dense", [h], "latent", units=LATENT, activation="identity")
    d = _op(g, "dense", [code], "decoder", units=32, activation="relu")
    r = _op(g, "dense", [d], "reconstruction", units=64, activation="sigmoid")
    _op(g, "mse", [r, x], "J")
    info = _info("Autoencoder on handwritten digits",
                 "Each 8x8 digit is squeezed into 8 numbers (the latent code) and rebuilt "
                 "from them. Train, then pick a digit in the Embeddings panel: the images with "
                 "the nearest codes look alike, often more than the nearest by raw pixels.",
                 (28, 29), {"optimizer": "adam", "lr": 0.01, "batch_size": 64, "epochs": 30},
                 latent_node="latent", reconstruction_node="reconstruction")
    g.meta.update(latent_node="latent", reconstruction_node="reconstruction")
    return _finish(g, info), data, info


EXAMPLES = {
    "corpus_embedding": ("Word embeddings on a corpus", "Word vectors learned from the "
                         "shipped text corpus, grouped by topic.", corpus_embedding),
    "digits_autoencoder": ("Digits autoencoder", "Similarity search by latent distance on "
                           "handwritten digits.", digits_autoencoder),
}
