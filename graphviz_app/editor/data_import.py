"""File → Data: import a CSV file or an image folder, or load the built-in digits or text
corpus, as the session's data set.

Loading runs in a :class:`~graphviz_app.editor.jobs.Job` (progress and cancel); the result is
installed by an undoable :class:`SetDatasetCommand`. Dialogs go through replaceable hooks
(``ask_csv_path``, ``ask_csv_options``, ``ask_folder``, ``ask_folder_options``,
``show_error``, ``show_info``) so tests answer them without a display. Images are decoded
with Qt's ``QImageReader`` (:func:`qt_decode`), which reads PNG, JPEG, BMP, GIF and more.
"""
from __future__ import annotations

import os
from typing import Any, Callable

import numpy as np
from PySide6.QtCore import QObject, QSize, Slot
from PySide6.QtGui import QImage, QImageReader, QUndoCommand
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from engine.data import corpus, csv_import, digits, image_folder, precompute
from engine.training import Dataset

from ..i18n import QT_TRANSLATE_NOOP, error_text, live, render
from .data_dialogs import CsvOptionsDialog, FolderOptionsDialog
from .jobs import Job, JobProgress

__all__ = ["SetDatasetCommand", "DataImporter", "qt_decode", "install", "summary"]

MAX_SKIPPED_SHOWN = 10


class SetDatasetCommand(QUndoCommand):
    """Make ``new`` the session's data set; undo puts the previous one back."""

    def __init__(self, session, new: Dataset | None, text: str) -> None:
        super().__init__(text)
        self.session, self.new, self.old = session, new, session.dataset

    def redo(self) -> None:
        self.session.set_dataset(self.new)

    def undo(self) -> None:
        self.session.set_dataset(self.old)


def qt_decode(path: str, size: int, grey: bool) -> np.ndarray:
    """Decode an image file with Qt, scaled to size x size: (C, size, size) float32 in [0, 1].

    Raises ValueError naming Qt's reason when the file is not a readable image.
    """
    reader = QImageReader(path)
    reader.setAutoTransform(True)
    if not reader.canRead():
        raise ValueError(f"not a readable image ({reader.errorString()})")
    reader.setScaledSize(QSize(size, size))
    img = reader.read()
    if img.isNull():
        raise ValueError(f"cannot be decoded ({reader.errorString()})")
    img = img.convertToFormat(QImage.Format.Format_RGB888)
    if img.width() != size or img.height() != size:
        img = img.scaled(size, size)
    rows = np.frombuffer(img.constBits(), np.uint8, img.sizeInBytes()).reshape(
        img.height(), img.bytesPerLine())
    pix = rows[:, :size * 3].reshape(size, size, 3).transpose(2, 0, 1)
    # grey by the engine's own luminance weights, as for files the engine decodes itself
    return image_folder.to_channels(pix.astype(np.float32) / 255.0, grey)


def summary(ds: Dataset) -> str:
    """One line about a data set: its size, arrays and task."""
    meta = ds.meta
    parts = [f"{len(ds)} examples"]
    if "x" in ds:
        parts.append(f"x {tuple(ds['x'].shape[1:]) or 'ids'}")
    if meta.get("task") == "classification":
        parts.append(f"{meta.get('classes', '?')} classes")
    elif meta.get("task") == "regression":
        parts.append("regression target")
    return f"{ds.name}: " + ", ".join(parts)


class DataImporter(QObject):
    """The File → Data actions of one main window."""

    def __init__(self, session, widget: QWidget | None = None) -> None:
        super().__init__(widget)
        self.session = session
        self.widget = widget
        self.job: Job | None = None
        self.ask_csv_path: Callable[[], str | None] = self._dialog_csv_path
        self.ask_csv_options: Callable[[csv_import.CsvTable], dict | None] = self._dialog_csv
        self.ask_folder: Callable[[], str | None] = self._dialog_folder
        self.ask_folder_options: Callable[[image_folder.FolderScan], dict | None] = \
            self._dialog_folder_options
        self.show_error: Callable[[str, str], None] = self._dialog_error
        self.show_info: Callable[[str, str], None] = self._dialog_info
        self.confirm_replace: Callable[[], bool] = lambda: True   # the window asks to save
        self.show_progress = True

    # -- running --------------------------------------------------------------------------------
    def _run(self, title: str, fn: Callable[..., Any], done: Callable[[Any], None]) -> Job | None:
        if self.job is not None and self.job.running:
            self.session.message.emit(f"{title}: another load is still running; wait for it or "
                                      "cancel it")
            return None
        job = Job(fn, title)
        self._done, self._title = done, title
        job.finished.connect(self._job_finished)
        job.failed.connect(self._job_failed)
        job.cancelled.connect(self._job_cancelled)
        if self.show_progress and self.widget is not None:
            JobProgress(job, self.widget)
        self.job = job
        return job.start()

    @Slot(object)
    def _job_finished(self, result: Any) -> None:
        if self.sender() is self.job:
            self._done(result)

    @Slot(str)
    def _job_failed(self, why: str) -> None:
        if self.sender() is self.job:
            self._failed(self._title, why)

    @Slot()
    def _job_cancelled(self) -> None:
        if self.sender() is self.job:
            self.session.message.emit(f"{self._title}: cancelled; the data is unchanged")

    def _failed(self, title: str, why: str) -> None:
        self.show_error(title, f"{why}\n\nThe data set in use is unchanged.")
        self.session.message.emit(f"{title}: {why}")

    def install_dataset(self, ds: Dataset, what: str) -> bool:
        ok = self.session.push(SetDatasetCommand(self.session, ds, what))
        if ok:
            self.session.message.emit(f"{what}: {summary(ds)}")
        return ok

    # -- CSV ------------------------------------------------------------------------------------
    def import_csv(self, path: str | None = None) -> Job | None:
        """Ask for a CSV file, read it (in a job), ask for the target and options, convert."""
        path = path or self.ask_csv_path()
        if not path:
            return None
        return self._run(f"Import {os.path.basename(path)}",
                         lambda progress, stop: csv_import.read_csv(path, None, progress, stop),
                         self._csv_read)

    def _csv_read(self, table: csv_import.CsvTable) -> None:
        opts = self.ask_csv_options(table)
        if opts is None:
            return
        self._run(f"Import {table.name}.csv",
                  lambda progress, stop: csv_import.to_dataset(
                      table, progress=progress, should_stop=stop, **opts),
                  lambda ds: self.install_dataset(ds, f"Import {table.name}.csv"))

    # -- image folders --------------------------------------------------------------------------
    def import_folder(self, path: str | None = None) -> Job | None:
        """Ask for a folder with one sub-folder per class, the size and colour, and load it."""
        path = path or self.ask_folder()
        if not path:
            return None
        title = f"Import {os.path.basename(os.path.normpath(path))}"
        try:
            scan = image_folder.scan_folder(path)
        except (image_folder.ImageFolderError, OSError) as e:
            self._failed(title, error_text(e))
            return None
        opts = self.ask_folder_options(scan)
        if opts is None:
            return None
        size, grey = int(opts.get("size", 32)), bool(opts.get("grey", True))
        return self._run(title, lambda progress, stop: image_folder.load_image_folder(
            path, size, grey, qt_decode, progress, stop), lambda r: self._folder_done(title, r))

    def _folder_done(self, title: str, result: tuple[Dataset, list[str]]) -> None:
        ds, skipped = result
        if not self.install_dataset(ds, title):
            return
        if skipped:
            shown = "\n".join(render(s) for s in skipped[:MAX_SKIPPED_SHOWN])
            more = len(skipped) - MAX_SKIPPED_SHOWN
            tail = f"\n… and {more} more" if more > 0 else ""
            self.show_info(title, f"{len(ds)} images loaded; {len(skipped)} files could not be "
                           f"read and were skipped:\n{shown}{tail}")

    # -- precomputed features -------------------------------------------------------------------
    def precompute_selected(self) -> Job | None:
        """Run the selected node and everything before it once over the data; open the rest of
        the graph (the head) with the node's outputs as its data, to train the head fast."""
        title = "Precompute features"
        sel, ds, graph = self.session.selected(), self.session.dataset, self.session.graph
        if len(sel) != 1:
            self.show_error(title, "Select one node: the last frozen layer, whose output the "
                            "new head reads.")
            return None
        if ds is None:
            self.show_error(title, "There is no data set; load one first (File → Data).")
            return None
        try:
            precompute.head_graph(graph, sel[0])
        except ValueError as e:        # GraphError is a ValueError
            self.show_error(title, error_text(e))
            return None
        copy, node = graph.copy(), sel[0]
        return self._run(title, lambda progress, stop: precompute.precompute_features(
            copy, ds, node, progress, stop), lambda r: self._precomputed(title, r))

    def _precomputed(self, title: str, result) -> None:
        head, feats = result
        if not self.confirm_replace():
            return
        name = feats.meta.get("features_of", "")
        self.session.replace_graph(head, None, dataset=feats)
        self.session.message.emit(f"{title}: the head now reads {name}'s output for "
                                  f"{len(feats)} examples, computed once; train it (the "
                                  "frozen layers no longer run at every step)")

    # -- built in -------------------------------------------------------------------------------
    def load_digits(self) -> bool:
        return self.install_dataset(digits.digits(), "Load digits")

    def load_digit_images(self) -> bool:
        return self.install_dataset(digits.digits(images=True), "Load digit images")

    def load_corpus(self) -> bool:
        return self.install_dataset(corpus.skipgram(), "Load text corpus")

    # -- default dialogs ------------------------------------------------------------------------
    def _dialog_csv_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.widget, "Import CSV data",
                                              os.path.expanduser("~"),
                                              "CSV files (*.csv *.tsv *.txt);;All files (*)")
        return path or None

    def _dialog_folder(self) -> str | None:
        return QFileDialog.getExistingDirectory(self.widget, "Import an image folder (one "
                                                "sub-folder per class)",
                                                os.path.expanduser("~")) or None

    def _dialog_csv(self, table: csv_import.CsvTable) -> dict | None:
        dlg = CsvOptionsDialog(table, self.widget)
        return dlg.options() if dlg.exec() else None

    def _dialog_folder_options(self, scan: image_folder.FolderScan) -> dict | None:
        dlg = FolderOptionsDialog(scan, self.widget)
        return dlg.options() if dlg.exec() else None

    def _dialog_error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.widget, title, text)

    def _dialog_info(self, title: str, text: str) -> None:
        QMessageBox.information(self.widget, title, text)


def install(main_window) -> DataImporter:
    """Add File → Data (import CSV, image folder, built-in data) to ``main_window``."""
    importer = DataImporter(main_window.session, main_window)
    menu = main_window.actions.file_menu.addMenu("")
    live(menu.setTitle, QT_TRANSLATE_NOOP("DataMenu", "&Data"))
    entries = ((QT_TRANSLATE_NOOP("DataMenu", "Import &CSV…"), importer.import_csv),
               (QT_TRANSLATE_NOOP("DataMenu", "Import &Image Folder…"), importer.import_folder),
               None,
               (QT_TRANSLATE_NOOP("DataMenu", "Handwritten &Digits (8x8, as rows)"),
                importer.load_digits),
               (QT_TRANSLATE_NOOP("DataMenu", "Handwritten Digits as &Images (1x8x8)"),
                importer.load_digit_images),
               (QT_TRANSLATE_NOOP("DataMenu", "&Text Corpus (word pairs)"), importer.load_corpus),
               None,
               (QT_TRANSLATE_NOOP("DataMenu", "&Precompute Features at Selected Node"),
                importer.precompute_selected))
    for entry in entries:
        if entry is None:
            menu.addSeparator()
            continue
        text, slot = entry
        act = menu.addAction("")
        act.triggered.connect(lambda _c=False, f=slot: f())
        live(act.setText, text)
    importer.confirm_replace = main_window.files.maybe_save
    return importer
