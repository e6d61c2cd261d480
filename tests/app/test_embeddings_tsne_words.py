"""While t-SNE runs, the Embeddings panel says what it is doing (its iteration), in the user's
language, under the note that it runs in the background."""
from __future__ import annotations

import re

from engine.data.digits import digits
from tests.app.test_inside_data_embeddings import make


def test_tsne_progress_words_are_shown_in_the_users_language(qtbot, chinese):
    p = make(qtbot, "xor_mlp", dataset=digits(limit=60))
    keys = [p.source.itemData(i) for i in range(p.source.count())]
    p.source.setCurrentIndex(keys.index("data:x"))
    seen: list[str] = []
    with qtbot.waitSignal(p.projected, timeout=60000):
        p.method.setCurrentText("t-SNE")
        p.job.progressed.connect(lambda _f, _w: seen.append(p.info.text()))
    assert any(re.search(r"t-SNE 第 \d+ 次迭代，共 \d+ 次", t) for t in seen), seen[-3:]
    assert all("iteration" not in t for t in seen)
    assert not p.progress.isVisible()
