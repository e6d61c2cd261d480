"""The shipped data: digits without network, the corpus and its topics, and the examples on
them (the word embedding learns the corpus's topics; the autoencoder rebuilds digits)."""
import socket

import numpy as np

from engine import examples
from engine.data.corpus import load_corpus, skipgram
from engine.data.digits import digits
from engine.training import TrainConfig, Trainer


def test_digits_load_with_no_network(monkeypatch):
    def refuse(*a, **k):
        raise AssertionError("the digits tried to use the network")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    ds = digits()
    assert ds["x"].shape == (1797, 64) and ds["y"].shape == (1797,)
    assert ds["x"].min() == 0 and ds["x"].max() == 1
    assert np.bincount(ds["y"]).tolist()[:2] == [178, 182]
    assert digits(images=True)["x"].shape == (1797, 1, 8, 8)


def test_corpus_has_a_few_thousand_words_and_known_topics():
    c = load_corpus()
    assert 3000 <= c.words <= 8000
    assert len(c.topics) == 5
    for s in c.sentences:                  # each sentence keeps to one topic
        assert len({c.topic_of[w] for w in s if w in c.topic_of}) == 1


def test_skipgram_pairs_are_neighbours_within_a_sentence():
    c = load_corpus()
    ds = skipgram(window=1, corpus=c)
    first = c.sentences[0]
    expected = []
    for i in range(len(first)):
        for j in (i - 1, i + 1):
            if 0 <= j < len(first):
                expected.append((c.ids[first[i]], c.ids[first[j]]))
    got = list(zip(ds["x"][:len(expected)].tolist(), ds["y"][:len(expected)].tolist()))
    assert got == expected


def topic_similarity(E, word_topic):
    En = E / np.linalg.norm(E, axis=1, keepdims=True)
    S = En @ En.T
    idx = [i for i, t in enumerate(word_topic) if t]
    same = [S[a, b] for a in idx for b in idx if a < b and word_topic[a] == word_topic[b]]
    other = [S[a, b] for a in idx for b in idx if a < b and word_topic[a] != word_topic[b]]
    return float(np.mean(same)), float(np.mean(other))


def test_word_embedding_puts_same_topic_words_nearer():
    g, ds, info = examples.build("corpus_embedding")
    E0 = g.nodes[g.by_name("embed")].weights["E"].copy()
    before = topic_similarity(E0, ds.meta["word_topic"])
    Trainer(g, ds, None, TrainConfig(**info["train"])).run()
    same, other = topic_similarity(g.nodes[g.by_name("embed")].weights["E"],
                                   ds.meta["word_topic"])
    assert same > other + 0.3
    assert before[0] < before[1] + 0.2          # untrained vectors show no such structure
    # every topic word's nearest topic word shares its topic
    E = g.nodes[g.by_name("embed")].weights["E"]
    wt = ds.meta["word_topic"]
    idx = [i for i, t in enumerate(wt) if t]
    En = E[idx] / np.linalg.norm(E[idx], axis=1, keepdims=True)
    S = En @ En.T
    np.fill_diagonal(S, -2)
    hits = sum(wt[idx[a]] == wt[idx[int(S[a].argmax())]] for a in range(len(idx)))
    assert hits >= 0.9 * len(idx)


def test_autoencoder_learns_to_rebuild_digits():
    g, ds, info = examples.build("digits_autoencoder")
    assert info["latent_node"] == "latent"
    tr = Trainer(g, ds, None, TrainConfig(**{**info["train"], "epochs": 15}))
    tr.run()
    cost = tr.history.train_cost
    assert cost[-1] < 0.5 * cost[0]
    assert "digits_autoencoder" in examples.EXAMPLES and "corpus_embedding" in examples.EXAMPLES


def test_the_shipped_corpus_is_what_its_script_makes():
    import importlib.util
    import json
    from engine.resources import asset
    path = str(asset("corpus", "make_corpus.py"))
    spec = importlib.util.spec_from_file_location("make_corpus", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    shipped = asset("corpus", "corpus.txt").read_text(encoding="utf-8").splitlines()
    assert mod.build() == shipped
    topics = json.loads(asset("corpus", "topics.json").read_text(encoding="utf-8"))
    assert topics["topics"] == mod.TOPICS and topics["function_words"] == mod.FUNCTION_WORDS
