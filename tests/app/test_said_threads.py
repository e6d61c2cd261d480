"""Texts composed on several threads at once (workers put failures and progress into words)
are all remembered, and the memory keeps to its bound."""
from __future__ import annotations

import threading

from graphviz_app import i18n


def test_composing_on_four_threads_at_once_loses_nothing_and_keeps_the_bound(qapp, monkeypatch):
    monkeypatch.setattr(i18n, "SAID_KEPT", 500)
    errors: list[BaseException] = []

    def work(k: int) -> None:
        try:
            for i in range(3000):
                i18n.translate("Files", "Saved {path}").format(path=f"/t{k}/{i}")
        except BaseException as e:       # noqa: BLE001 - any failure is what the test looks for
            errors.append(e)
    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads)
    assert errors == []
    assert len(i18n._said) <= 500
    last = i18n.translate("Files", "Saved {path}").format(path="/last")
    assert i18n.remaker(str(last)) is not None
