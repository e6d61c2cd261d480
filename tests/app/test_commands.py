"""Session and commands: every edit undoes and redoes; refusals change nothing; the lock."""
from __future__ import annotations

import pytest

from engine import Graph
from graphviz_app.editor import commands as C
from graphviz_app.session import Session

from .conftest import mlp_graph


@pytest.fixture
def session(qapp):
    return Session(mlp_graph())


def snapshot(g: Graph):
    return ({k: (n.name, n.op, dict(n.params), n.frozen, dict(n.ui)) for k, n in g.nodes.items()},
            g.edges(), {k: (x.name, x.members, x.collapsed) for k, x in g.groups.items()})


def roundtrip(session: Session, cmd) -> None:
    """Push, undo (back to the start), redo (back to the result)."""
    before = snapshot(session.graph)
    assert session.push(cmd)
    after = snapshot(session.graph)
    assert after != before
    session.undo()
    assert snapshot(session.graph) == before
    session.redo()
    assert snapshot(session.graph) == after


def test_every_command_undoes_and_redoes(session):
    g = session.graph
    d1, r1, x = g.by_name("d1"), g.by_name("r1"), g.by_name("x")
    roundtrip(session, C.AddNode(session, "sigmoid", (10, 20)))
    roundtrip(session, C.SetParams(session, d1, {"units": 8}))
    roundtrip(session, C.Rename(session, d1, "hidden"))
    roundtrip(session, C.SetFrozen(session, d1, True))
    roundtrip(session, C.MoveNodes(session, {d1: ((200, 0), (250, 40))}))
    roundtrip(session, C.Disconnect(session, r1, 0))
    roundtrip(session, C.Connect(session, d1, r1, 0))
    roundtrip(session, C.GroupNodes(session, [d1, r1], "block"))
    gid = next(iter(g.groups))
    roundtrip(session, C.SetCollapsed(session, gid, False))
    roundtrip(session, C.Ungroup(session, gid))
    roundtrip(session, C.RemoveNodes(session, [x, d1]))


def test_remove_grouped_node_restores_group(session):
    g = session.graph
    d1, r1 = g.by_name("d1"), g.by_name("r1")
    session.push(C.GroupNodes(session, [d1, r1], "blk"))
    roundtrip(session, C.RemoveNodes(session, [d1, r1]))
    assert not g.groups
    session.undo()
    assert set(next(iter(g.groups.values())).members) == {d1, r1}


def test_refusals_change_nothing(session):
    g = session.graph
    before = snapshot(g)
    messages = []
    session.message.connect(messages.append)
    d1 = g.by_name("d1")
    assert not session.push(C.SetParams(session, d1, {"units": -3}))
    assert not session.push(C.Rename(session, d1, "x"))           # taken
    assert not session.push(C.Connect(session, g.by_name("J"), d1, 0))  # already wired / cycle
    assert not session.push(C.AddNode(session, "no_such_op", (0, 0)))
    assert snapshot(g) == before and session.undo_stack.count() == 0
    assert len(messages) == 4 and all(messages)


def test_locked_session_refuses_edits_but_allows_moves(session):
    g = session.graph
    d1 = g.by_name("d1")
    seen = []
    session.locked_changed.connect(seen.append)
    session.set_locked(True)
    assert session.locked and seen == [True]
    messages = []
    session.message.connect(messages.append)
    assert not session.push(C.SetParams(session, d1, {"units": 8}))
    assert "training" in messages[-1]
    assert session.push(C.MoveNodes(session, {d1: ((200, 0), (300, 0))}))
    session.undo()
    assert "training" in messages[-1] and session.undo_stack.index() == 1
    session.set_locked(False)
    session.undo()
    assert session.undo_stack.index() == 0


def test_signals_dirty_path_selection_replace(session):
    dirty, paths, sel, replaced, events = [], [], [], [], []
    session.dirty_changed.connect(dirty.append)
    session.path_changed.connect(paths.append)
    session.selection_changed.connect(sel.append)
    session.graph_replaced.connect(lambda: replaced.append(1))
    session.graph_changed.connect(events.append)
    d1 = session.graph.by_name("d1")
    session.select([d1, "nonexistent"])
    assert session.selected() == [d1] and sel[-1] == [d1]
    session.push(C.Rename(session, d1, "h"))
    assert dirty[-1] is True and session.dirty
    assert events and events[-1].kind == "renamed"
    session.push(C.RemoveNodes(session, [d1]))
    assert session.selected() == [] and sel[-1] == []
    session.replace_graph(Graph(), "/tmp/a.gvz")
    assert replaced and paths[-1] == "/tmp/a.gvz" and not session.dirty
    assert session.undo_stack.count() == 0 and session.dataset is None
