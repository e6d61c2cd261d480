"""The shipped text corpus (``assets/corpus``): sentences that each stay on one topic, made by
``assets/corpus/make_corpus.py``. :func:`skipgram` turns it into (center word, context word)
pairs for training word embeddings; ``topics.json`` holds the known topic of every word, so a
test (and the Embeddings panel) can check what the embedding learned."""
from __future__ import annotations

import json

import numpy as np

from ..msg import Msg, MsgError
from ..resources import asset
from ..training import Dataset

__all__ = ["load_corpus", "skipgram", "Corpus"]


class Corpus:
    """Tokenized sentences, the vocabulary (function words first, then topic words by topic)
    and each word's topic ("" for function words)."""

    def __init__(self, sentences: list[list[str]], topics: dict[str, list[str]],
                 function_words: list[str]) -> None:
        self.sentences = sentences
        self.topics = topics
        self.function_words = list(function_words)
        self.vocab = list(function_words) + [w for ws in topics.values() for w in ws]
        self.ids = {w: i for i, w in enumerate(self.vocab)}
        self.topic_of = {w: t for t, ws in topics.items() for w in ws}
        unknown = sorted({w for s in sentences for w in s} - set(self.ids))
        if unknown:
            raise ValueError(f"the corpus uses words topics.json does not list: "
                             f"{', '.join(unknown[:5])}")

    @property
    def words(self) -> int:
        return sum(len(s) for s in self.sentences)


def load_corpus() -> Corpus:
    """Read ``assets/corpus/corpus.txt`` and ``topics.json``."""
    text = asset("corpus", "corpus.txt").read_text(encoding="utf-8")
    spec = json.loads(asset("corpus", "topics.json").read_text(encoding="utf-8"))
    sentences = [line.split() for line in text.splitlines() if line.strip()]
    return Corpus(sentences, spec["topics"], spec["function_words"])


def skipgram(window: int = 2, corpus: Corpus | None = None) -> Dataset:
    """(center, context) pairs of every word with the words up to ``window`` away in its
    sentence. x (N,) int64 center ids, y (N,) int64 context ids. meta: vocab (id -> word),
    topics (word -> topic, function words absent), word_topic (per id, "" for function
    words), classes (vocabulary size)."""
    if window < 1:
        raise MsgError(Msg("load.window", window=window))
    c = corpus or load_corpus()
    centers: list[int] = []
    contexts: list[int] = []
    for s in c.sentences:
        ids = [c.ids[w] for w in s]
        for i, w in enumerate(ids):
            for j in range(max(0, i - window), min(len(ids), i + window + 1)):
                if j != i:
                    centers.append(w)
                    contexts.append(ids[j])
    return Dataset({"x": np.array(centers, np.int64), "y": np.array(contexts, np.int64)},
                   "text corpus", Msg("dataset.corpus", sentences=len(c.sentences),
                                      words=c.words, topics=len(c.topics)),
                   {"task": "classification", "classes": len(c.vocab), "vocab": c.vocab,
                    "topics": c.topic_of, "word_topic": [c.topic_of.get(w, "") for w in c.vocab],
                    "source": "corpus"})
