"""The recovery file: a snapshot of the unsaved graph, written without stalling the GUI.

A snapshot is taken on the GUI thread: the graph's structure as the plain ``graph.json`` dict
(fresh lists and dicts, with the file and example it belongs to under ``meta["recovery"]``) and
references to its arrays. The session's graph never writes into an array in place (edits,
training and reverts replace arrays), so the references stay what they were when the snapshot
was taken. A worker thread then encodes the JSON, packs the archive (the layout of
:func:`engine.serialize.save`: ``graph.json`` deflated, ``arrays.npz`` and the data set's
member stored) and writes it atomically.

:meth:`RecoveryWriter.discard` deletes the file and makes any write still under way drop its
result, so a save followed by a late background write cannot leave a stale recovery behind.
"""
from __future__ import annotations

import io
import os
import threading
import time
import zipfile
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from engine import serialize
from engine.data import store as data_store
from engine.safe_io import atomic_write, json_bytes

from ..i18n import error_text, translate

META_KEY = "recovery"


@dataclass(frozen=True)
class Snapshot:
    """What the recovery file will hold: the ``graph.json`` dict, arrays keyed 'node/array',
    and the session's data set arrays (empty without one)."""

    graph_dict: dict
    arrays: dict[str, np.ndarray]
    data: dict[str, np.ndarray]


@dataclass(frozen=True)
class Origin:
    """The file (or example) a recovered graph belongs to, and when it was autosaved."""

    path: str | None
    example: str | None
    time: float | None

    @property
    def name(self) -> str:
        if self.path:
            return os.path.basename(self.path)
        if self.example:
            return translate("Recovery", "the example {name}").format(name=self.example)
        return translate("Recovery", "an untitled graph")

    def describe(self) -> str:
        """'xor.gvz (/home/me/xor.gvz), autosaved at 10:31:02'."""
        where = f"{self.name} ({self.path})" if self.path else self.name
        if self.time is None:
            return where
        return translate("Recovery", "{what}, autosaved at {time}").format(
            what=where, time=time.strftime("%H:%M:%S", time.localtime(self.time)))


def snapshot(graph, path: str | None, example: str | None, when: float,
             dataset=None) -> Snapshot:
    """The recovery content of ``graph`` and its ``dataset`` (an engine.training.Dataset, or
    None), as :func:`engine.serialize.save` would write them (ValueError when they hold what
    cannot be saved)."""
    d = serialize.to_dict(graph)
    d["meta"] = {**d["meta"], META_KEY: {"path": path, "example": example, "time": when}}
    arrays = {}
    for key in d["arrays"]:          # 'node id/array name'; node ids never contain '/'
        nid, name = key.split("/", 1)
        arrays[key] = graph.nodes[nid].weights[name]
    data: dict[str, np.ndarray] = {}
    if dataset is not None:
        d["dataset"], data = data_store.describe(dataset)
    return Snapshot(d, arrays, data)


def origin_of(graph) -> Origin:
    """Take the recovery note out of a loaded graph's meta (so a later save does not carry it)
    and say where the graph came from."""
    note = graph.meta.pop(META_KEY, None) if isinstance(graph.meta, dict) else None
    note = note if isinstance(note, dict) else {}
    path = note.get("path") if isinstance(note.get("path"), str) else None
    example = note.get("example") if isinstance(note.get("example"), str) else None
    when = note.get("time") if isinstance(note.get("time"), (int, float)) else None
    return Origin(path or None, example or None, when)


def write_archive(data: Snapshot, f: io.BufferedWriter) -> None:
    """Pack ``data`` as a .gvz archive into ``f``."""
    with zipfile.ZipFile(f, "w") as zf:
        zf.writestr("graph.json", json_bytes(data.graph_dict), compress_type=zipfile.ZIP_DEFLATED)
        buf = io.BytesIO()
        np.savez(buf, **data.arrays)
        zf.writestr("arrays.npz", buf.getvalue())
        if data.data:
            buf = io.BytesIO()
            np.savez(buf, **data.data)
            zf.writestr(data_store.DATA_MEMBER, buf.getvalue())


class _Job(QRunnable):
    def __init__(self, writer: "RecoveryWriter", data: Snapshot, epoch: int) -> None:
        super().__init__()
        self.writer, self.data, self.epoch = writer, data, epoch

    def run(self) -> None:
        try:
            self.writer._write(self.data, self.epoch)
        except (OSError, ValueError) as e:
            self.writer.failed.emit(error_text(e))


class RecoveryWriter(QObject):
    """Writes snapshots to ``path``, in order, on one worker thread."""

    failed = Signal(str)       # why a background write failed

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._lock = threading.Lock()
        self._epoch = 0

    def write_now(self, data: Snapshot) -> None:
        """Write on the calling thread (raises OSError)."""
        with self._lock:
            epoch = self._epoch
        self._write(data, epoch)

    def write_later(self, data: Snapshot) -> None:
        with self._lock:
            epoch = self._epoch
        self.pool.start(_Job(self, data, epoch))

    def _write(self, data: Snapshot, epoch: int) -> None:
        buf = io.BytesIO()
        write_archive(data, buf)
        payload = buf.getvalue()
        with self._lock:             # discard() cannot slip in between the check and the write
            if epoch != self._epoch:
                return
            atomic_write(self.path, lambda f: f.write(payload))

    def discard(self) -> None:
        """Delete the file; writes started before this call are dropped."""
        with self._lock:
            self._epoch += 1
            try:
                os.remove(self.path)
            except FileNotFoundError:
                pass

    def wait(self, ms: int = 5000) -> bool:
        """Let a background write finish (for closing and for tests)."""
        return self.pool.waitForDone(ms)


__all__ = ["RecoveryWriter", "Snapshot", "Origin", "snapshot", "origin_of", "write_archive",
           "META_KEY"]
