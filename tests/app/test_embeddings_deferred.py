"""Opening an example never waits on the Embeddings panel: its points and projection are
computed in a worker, and only while the panel is shown."""
from __future__ import annotations

from engine import examples
from graphviz_app.panels.inside.embeddings import EmbeddingsPanel
from graphviz_app.session import Session


def _open(session: Session, name: str) -> None:
    g, ds, _ = examples.build(name)
    session.replace_graph(g, dataset=ds, example_name=name)


def test_a_hidden_panel_computes_nothing_until_it_is_shown(qtbot):
    s = Session()
    p = EmbeddingsPanel(s, None)
    qtbot.addWidget(p)
    _open(s, "digits_autoencoder")
    qtbot.waitUntil(lambda: p.source.count() > 0)   # the sources are listed…
    assert p.job is None and p.points is None   # …but nothing is computed for a hidden panel
    with qtbot.waitSignal(p.projected, timeout=30000):
        p.show()
    assert p.points.values.shape == (1797, 8)  # the latent codes of every digit
    p.job.wait()


def test_opening_an_example_returns_before_the_projection_is_made(qtbot):
    s = Session()
    p = EmbeddingsPanel(s, None)
    qtbot.addWidget(p)
    p.show()
    _open(s, "corpus_embedding")
    qtbot.waitUntil(lambda: p.points is not None and not p.job.running, timeout=30000)
    words = p.points
    seen, drawn = [], []   # right after the panel refills its sources (graph and data at once)
    p._refill.timeout.connect(lambda: seen.append((p.job, p.job.running, p.points,
                                                   p.info.text())))
    p.projected.connect(lambda: drawn.append(p.points))
    _open(s, "digits_autoencoder")
    qtbot.waitUntil(lambda: len(drawn) == 1, timeout=30000)
    assert len(seen) == 1
    job, running, points, text = seen[0]
    assert running and points is None            # the work is in the worker; the words'
    assert "Projecting" in text                  # picture is gone, not left to be clicked
    assert p.job is job                          # not started again for the data set
    assert p.points is not words and p.points.values.shape == (1797, 8)
    p.job.wait()
