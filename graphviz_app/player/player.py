"""The stepping player: run the session's graph one node at a time, forward then backward.

The player drives an :class:`engine.executor.Executor` on the session's graph, fed with a small
batch (the first few examples of the session's dataset). Each step produces a frozen record; the
player then works out, from the records up to the executor's cursor, what every node and edge on
the canvas should show (run state, value or gradient picture, tooltip, edge highlight, broadcast
badge) and applies only the differences to the scene. Because the picture derives from the
cursor alone, stepping back needs no recomputation.

Playing uses a ``QTimer`` on the GUI thread; each tick does one node.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QTimer, Signal

from engine.executor import ExecutionError, Executor, StepRecord
from engine.graph import GraphError
from engine.messages import Msg, carried
from engine.inspect.step_arrays import ArrayPair, node_arrays
from engine.ops.base import get_op

from . import step_text
from .value_render import Rendered, fmt_number, render
from ..i18n import render as render_message, translate

IGNORED_EVENTS = {"ui_changed", "renamed", "group_added", "group_removed", "group_changed"}
Edge = tuple[str, str, int]


def batch_feeds(graph, dataset, n: int = 4, seed: int = 0) -> tuple[dict[str, np.ndarray], list[str]]:
    """Feeds for every input node: the first ``n`` examples of ``dataset`` by input name.

    An input the dataset lacks gets random numbers (zeros for int inputs) of its declared shape,
    the open batch dimension set to ``n``; its name is listed in the second return value.
    """
    rng = np.random.default_rng(seed)
    arrays = getattr(dataset, "arrays", None) or {}
    meta_feeds = graph.meta.get("feeds", {}) if isinstance(graph.meta, dict) else {}
    feeds: dict[str, np.ndarray] = {}
    invented: list[str] = []
    for nid in graph.topo_order():
        node = graph.nodes[nid]
        if not get_op(node.op).is_feed:
            continue
        if node.name in arrays:
            feeds[node.name] = np.asarray(arrays[node.name])[:n]
        elif node.name in meta_feeds:
            feeds[node.name] = np.asarray(meta_feeds[node.name])
        else:
            shape = tuple(n if d is None else d for d in node.params["shape"])
            if node.params.get("dtype") == "int":
                feeds[node.name] = np.zeros(shape, np.int64)
            else:
                feeds[node.name] = rng.standard_normal(shape)
            invented.append(node.name)
    return feeds, invented


class Player(QObject):
    """Steps an executor over the session's graph and shows each step on the canvas."""

    step_taken = Signal(object)     # StepRecord (the new current step) or None
    phase_changed = Signal(str)     # 'ready', 'forward', 'backward', 'done'
    state_changed = Signal()        # anything shown changed (cursor, playing, speed)

    def __init__(self, session, scene_provider: Callable[[], Any] | None = None,
                 batch_size: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.scene_provider = scene_provider or (lambda: None)
        self.batch_size = batch_size
        self.executor: Executor | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._speed = 4.0
        self._timer.setInterval(int(1000 / self._speed))
        self._phase = "ready"
        self._renders: dict[int, Rendered] = {}
        self._nodes_shown: dict[str, tuple] = {}   # nid -> (state, record index of display)
        self._edges_shown: dict[Edge, tuple] = {}  # edge -> (highlight, badge, badge tooltip)
        self._scene = None
        session.graph_changed.connect(self._on_graph_changed)
        session.graph_replaced.connect(self._on_graph_replaced)

    # -- what is exposed -----------------------------------------------------------------------
    @property
    def phase(self) -> str:
        return self.executor.phase if self.executor is not None else "ready"

    @property
    def current(self) -> StepRecord | None:
        return self.executor.current if self.executor is not None else None

    @property
    def current_node(self) -> str | None:
        rec = self.current
        return rec.node if rec is not None else None

    @property
    def cursor(self) -> int:
        return self.executor.cursor if self.executor is not None else 0

    @property
    def total_steps(self) -> int:
        return self.executor.total_steps if self.executor is not None else 0

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    @property
    def speed(self) -> float:
        """Steps per second while playing."""
        return self._speed

    def set_speed(self, steps_per_second: float) -> None:
        self._speed = max(0.25, float(steps_per_second))
        self._timer.setInterval(max(1, int(1000 / self._speed)))
        self.state_changed.emit()

    PHASES = (QT_TRANSLATE_NOOP("Player", "forward"), QT_TRANSLATE_NOOP("Player", "backward"))

    def status_text(self) -> str:
        """'backward · step 9/12 · node v (add)' for the toolbar label."""
        ex = self.executor
        if ex is None:
            return translate("Player", "ready: press Step (F10) to run the first node")
        rec = ex.current
        if ex.cursor == 0:
            return translate("Player", "ready · 0/{total} steps · press Step (F10) to run the "
                             "first node").format(total=ex.total_steps)
        if ex.phase == "done":
            passes = translate("Player", "forward and backward passes") \
                if ex.total_steps > ex.forward_steps \
                else translate("Player", "forward pass (no backward: no scalar cost)")
            return translate("Player", "done · {passes} complete ({total} steps) · Back to review, "
                             "Reset to start again").format(passes=passes, total=ex.total_steps)
        where = ""
        if rec is not None:
            node = self.session.graph.nodes.get(rec.node)
            if node is not None:
                where = translate("Player", " · node {name} ({op})").format(name=node.name,
                                                                           op=node.op)
        phase = translate("Player", "forward pass complete") if ex.cursor == ex.forward_steps \
            else translate("Player", ex.phase)
        return translate("Player", "{phase} · step {cursor}/{total}{where}").format(
            phase=phase, cursor=ex.cursor, total=ex.total_steps, where=where)

    def node_detail(self, nid: str) -> str:
        """The hover text of a node at the current cursor (value, gradient, formulas)."""
        if self.executor is None:
            return ""
        fwd, bwd = self._records_of(nid)
        ex = self.executor
        graph = self.session.graph
        cost = graph.nodes[ex.target].name if ex.target in graph.nodes else "J"
        return step_text.node_detail(graph, nid, fwd, bwd, ex.values(), cost)

    def arrays_of(self, nid: str) -> list[ArrayPair]:
        """The arrays of ``nid`` the steps up to the cursor produced: its value, its weights
        and its cache, each beside its gradient once the backward pass has reached it."""
        if self.executor is None:
            return []
        fwd, bwd = self._records_of(nid)
        graph = self.session.graph
        ex = self.executor
        cost = graph.nodes[ex.target].name if ex.target in graph.nodes else "J"
        return node_arrays(graph, nid, fwd, bwd, cost)

    def finished_text(self) -> str:
        """What the passes produced, for the details dock once everything is done."""
        ex = self.executor
        if ex is None or ex.phase != "done":
            return ""
        graph = self.session.graph
        lines = [translate("Player", "Finished.")]
        if ex.target in graph.nodes:
            cost = ex.values().get(ex.target)
            if cost is not None and np.size(cost) == 1:
                lines.append(translate("Player", "Cost {name} = {value} on this batch.").format(
                    name=graph.nodes[ex.target].name, value=fmt_number(np.ravel(cost)[0])))
        if ex.total_steps > ex.forward_steps:
            lines.append(translate("Player", "Every node shows its gradient; hover a node for its "
                                   "value, gradient and formulas."))
        else:
            lines.append(translate("Player", "No backward pass: the graph has no scalar cost (end "
                                   "it with a loss whose reduction is 'mean'). Hover a node for "
                                   "its value."))
        lines.append(translate("Player", "Back (Shift+F10) steps back through the passes; Reset "
                               "(Shift+F5) or Play (F5) starts again."))
        return "\n".join(lines)

    def current_detail(self) -> str:
        rec = self.current
        return self.node_detail(rec.node) if rec is not None else ""

    # -- actions -------------------------------------------------------------------------------
    def step_forward(self) -> StepRecord | None:
        """One node (forward or backward); None when there is nothing left to do."""
        if not self._ensure():
            return None
        try:
            rec = self.executor.step()
        except (ExecutionError, GraphError, ValueError, FloatingPointError) as e:
            return self._fail(e)
        if rec is None:
            self.pause()
            self.session.message.emit(translate("Player", "nothing left to step: Reset (Shift+F5) or Play (F5) "
                                      "to start again, Back (Shift+F10) to review"))
        self._refresh()
        return rec

    def step_back(self) -> None:
        if self.executor is None:
            return
        self.executor.step_back()
        self._refresh()

    def run_forward(self) -> None:
        """Run to the end of the forward pass."""
        if not self._ensure():
            return
        self.pause()
        try:
            ex = self.executor
            while ex.cursor < ex.forward_steps:
                ex.step()
        except (ExecutionError, GraphError, ValueError, FloatingPointError) as e:
            self._fail(e)
        self._refresh()

    def run_backward(self) -> None:
        """Run to the end (finishing the forward pass first when needed)."""
        if not self._ensure():
            return
        self.pause()
        try:
            self.executor.run_backward()
        except (ExecutionError, GraphError, ValueError, FloatingPointError) as e:
            self._fail(e)
        self._refresh()
        if self.executor is not None and self.executor.total_steps == self.executor.forward_steps:
            self.session.message.emit(translate("Player", "no backward pass: the graph has no scalar cost "
                                      "(end it with a loss whose reduction is 'mean')"))

    def play(self) -> None:
        if not self._ensure():
            return
        if self.executor.cursor >= self.executor.total_steps:
            self.reset()
            if not self._ensure():
                return
        self._timer.start()
        self.state_changed.emit()

    def pause(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.state_changed.emit()

    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    def reset(self) -> None:
        """Forget every step and clear the canvas decorations (the graph is read again)."""
        self.pause()
        self.executor = None
        self._renders.clear()
        self._refresh()

    # -- internals -----------------------------------------------------------------------------
    def _tick(self) -> None:
        if self.step_forward() is None or self.phase == "done":
            self.pause()

    def _ensure(self) -> bool:
        if self.executor is not None:
            return True
        graph = self.session.graph
        try:
            feeds, invented = batch_feeds(graph, self.session.dataset, self.batch_size)
            ex = Executor(graph)
            ex.reset(feeds, training=False)
        except (ExecutionError, GraphError, ValueError) as e:
            self.session.message.emit(_cannot_step(e))
            self.pause()
            return False
        if invented:
            ints = [n for n in invented if feeds[n].dtype.kind == "i"]
            floats = [n for n in invented if n not in ints]
            parts = ([translate("Player", "random numbers for {names}").format(
                names=", ".join(floats))] if floats else []) + \
                ([translate("Player", "zeros (class 0) for {names}").format(
                    names=", ".join(ints))] if ints else [])
            self.session.message.emit(translate(
                "Player", "stepping with {what} (no dataset array of that name)").format(
                what=translate("Player", " and ").join(parts)))
        self.executor = ex
        self._renders.clear()
        return True

    def _fail(self, e: Exception) -> None:
        self.pause()
        self.session.message.emit(_cannot_step(e))
        return None

    def _on_graph_changed(self, event: Any) -> None:
        if getattr(event, "kind", None) in IGNORED_EVENTS:
            return
        if self.executor is not None or self._nodes_shown or self._edges_shown:
            self.reset()

    def _on_graph_replaced(self) -> None:
        self._nodes_shown.clear()     # the old scene's items are gone
        self._edges_shown.clear()
        self.reset()

    def _records_of(self, nid: str) -> tuple[StepRecord | None, StepRecord | None]:
        fwd = bwd = None
        ex = self.executor
        if ex is None:
            return None, None
        for r in ex.records[:ex.cursor]:
            if r.node == nid:
                if r.phase == "forward":
                    fwd = r
                else:
                    bwd = r
        return fwd, bwd

    def _render(self, rec: StepRecord) -> Rendered:
        out = self._renders.get(rec.index)
        if out is None:
            out = render(rec.value, "grad" if rec.phase == "backward" else "value")
            if rec.phase == "backward" and len(rec.incoming) > 1:
                out.text = step_text.fan_in_text(rec)
            self._renders[rec.index] = out
        return out

    def _desired(self) -> tuple[dict[str, tuple], dict[Edge, tuple]]:
        """What every decorated node and edge should show at the cursor."""
        nodes: dict[str, tuple] = {}
        edges: dict[Edge, tuple] = {}
        ex = self.executor
        if ex is None:
            return nodes, edges
        graph = self.session.graph
        done = ex.records[:ex.cursor]
        for r in done:
            nodes[r.node] = ("done" if r.phase == "forward" else "done_backward", r.index)
            for port, (src, bc) in enumerate(zip(r.inputs, r.broadcast)):
                if bc and src is not None:
                    badge = step_text.broadcast_badge(graph, r, port)
                    if badge:
                        edges[(src, r.node, port)] = (None,) + badge
        cur = ex.current if ex.phase != "done" else None   # finished: no node is current
        if cur is not None:
            state = "current" if cur.phase == "forward" else "current_backward"
            nodes[cur.node] = (state, cur.index)
            lit: list[tuple[Edge, str]] = []
            if cur.phase == "forward":
                lit += [((s, cur.node, p), "read") for p, s in enumerate(cur.inputs) if s]
                lit += [((cur.node, c, p), "write") for c, p in graph.consumers(cur.node)]
            else:
                lit += [((cur.node, c, p), "read") for c, p, _ in cur.incoming if c != "seed"]
                lit += [((s, cur.node, p), "grad") for p, (s, g)
                        in enumerate(zip(cur.inputs, cur.input_grads)) if s and g is not None]
            for edge, how in lit:
                _, badge, tip = edges.get(edge, (None, None, None))
                edges[edge] = (how, badge, tip)
        return nodes, edges

    def retranslate(self) -> None:
        """After a language change: every node's, wire's and group's words made again, and
        (through state_changed) the Step details written again."""
        self._nodes_shown.clear()
        self._edges_shown.clear()
        self._refresh()

    def _refresh(self) -> None:
        """Apply the differences between what is shown and what the cursor says."""
        scene = self.scene_provider()
        if scene is not self._scene:
            self._nodes_shown.clear()
            self._edges_shown.clear()
            self._scene = scene
        nodes, edges = self._desired() if scene is not None else ({}, {})
        if scene is not None:
            for nid in set(self._nodes_shown) | set(nodes):
                want = nodes.get(nid)
                if want != self._nodes_shown.get(nid):
                    self._apply_node(scene, nid, want)
            for edge in set(self._edges_shown) | set(edges):
                want = edges.get(edge)
                if want != self._edges_shown.get(edge):
                    self._apply_edge(scene, edge, want)
        self._nodes_shown, self._edges_shown = nodes, edges
        if scene is not None:
            self._apply_groups(scene, nodes)
        phase = self.phase
        if phase != self._phase:
            self._phase = phase
            self.phase_changed.emit(phase)
        self.step_taken.emit(self.current)
        self.state_changed.emit()

    def _apply_node(self, scene, nid: str, want: tuple | None) -> None:
        item = scene.node_item(nid)
        if item is None:
            return
        try:
            if want is None:
                item.set_run_state("idle")
                item.set_value_display(None, None, None)
                item.set_detail_tooltip("")
                return
            state, index = want
            item.set_run_state(state)
            rec = self.executor.records[index]
            r = self._render(rec)
            item.set_value_display(r.image, r.text, r.color, shown=(
                tuple(np.shape(rec.value)), "grad" if rec.phase == "backward" else "value"))
            item.set_detail_tooltip(self.node_detail(nid))
        except RuntimeError:   # the item was deleted with its scene
            pass

    def _apply_groups(self, scene, nodes: dict) -> None:
        """A collapsed group hides its members: the box shows which one is being computed."""
        graph = self.session.graph
        for gid, group in graph.groups.items():
            item = scene.group_item(gid)
            if item is None:
                continue
            states = [nodes[m][0] for m in group.members if m in nodes]
            current = next((m for m in group.members if m in nodes and
                            nodes[m][0].startswith("current")), None)
            if current is not None:
                state = nodes[current][0]
                pass_name = translate("Player", "backward") if state == "current_backward" \
                    else translate("Player", "forward")
                text = translate("Player", "▶ {name} ({pass_name})").format(
                    name=graph.nodes[current].name, pass_name=pass_name)
            elif states:
                state = "done_backward" if "done_backward" in states else "done"
                text = translate("Player", "{done}/{count} nodes computed").format(
                    done=len(states), count=len(group.members))
            else:
                state, text = "idle", None
            try:
                item.set_run_state(state, text)
            except RuntimeError:   # deleted with its scene
                pass

    def _apply_edge(self, scene, edge: Edge, want: tuple | None) -> None:
        item = scene.edge_item(*edge)
        if item is None:
            return
        how, badge, tip = want if want is not None else (None, None, None)
        try:
            item.set_highlight(how)
            item.set_badge(badge, tip)
        except RuntimeError:
            pass


def _cannot_step(e: Exception) -> str:
    """'cannot step: s: input b (port 1) is not connected; fix the graph, then Step again'."""
    said = carried(e)
    if isinstance(said, Msg) and said.id == "exec.cannot_run":
        said = said.params["issue"]
    text = render_message(said)
    if text.startswith("cannot run: "):
        text = text[len("cannot run: "):]
    return translate("Player", "cannot step: {why}; fix the graph, then Step (F10) again").format(
        why=text.rstrip(".。"))



def install_player(main_window, session) -> Player:
    """Add the player's toolbar and its detail dock to ``main_window``; return the player."""
    from ..panels.watch.player_panel import install
    return install(main_window, session)


__all__ = ["Player", "batch_feeds", "install_player"]
