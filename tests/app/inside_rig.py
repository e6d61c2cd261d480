"""A session with an example, a training controller and one look-inside panel, for the
tests/app/test_inside_*.py files."""
from __future__ import annotations

from engine.examples import build
from engine.training import TrainConfig
from graphviz_app.session import Session
from graphviz_app.training.worker import TrainingController


class Rig:
    def __init__(self, qtbot, example: str, panel_cls, seed: int = 0) -> None:
        graph, ds, info = build(example, seed=seed)
        self.info = info
        self.session = Session()
        self.session.replace_graph(graph, dataset=ds, example_name=example)
        self.controller = TrainingController(self.session)
        self.panel = panel_cls(self.session, self.controller)
        self.panel.resize(900, 420)
        qtbot.addWidget(self.panel)
        self.panel.show()
        qtbot.waitExposed(self.panel)
        self.qtbot = qtbot

    @property
    def graph(self):
        return self.session.graph

    def ids(self) -> dict[str, str]:
        return {n.name: nid for nid, n in self.graph.nodes.items()}

    def train(self, epochs: int | None = None, wait: bool = True, **overrides):
        cfg = dict(self.info.get("train", {}))
        if epochs is not None:
            cfg["epochs"] = epochs
        cfg.update(overrides)
        ds = self.session.dataset
        run = self.controller.enqueue("test run", TrainConfig(**cfg), ds, None)
        if wait:
            self.qtbot.waitUntil(lambda: not self.controller.busy, timeout=60000)
        return run

    def close(self) -> None:
        self.controller.wait()
        self.session.undo_stack.cleanChanged.disconnect()
