"""File → Data: import a CSV file or an image folder, or load the built-in digits, text
corpus or sample pictures (whole, or cut into patches), as the session's data set.

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

from engine.data import corpus, csv_import, digits, image_folder, precompute, sample_images
from engine.training import Dataset

from ..i18n import QT_TRANSLATE_NOOP, Source, compose, error_text, join, live, render, translate
from ..imaging import load_image
from .commands import Named
from .data_dialogs import CsvOptionsDialog, FolderOptionsDialog
from .jobs import Job, JobProgress

__all__ = ["SetDatasetCommand", "DataImporter", "qt_decode", "install", "summary"]

MAX_SKIPPED_SHOWN = 10


class SetDatasetCommand(Named, QUndoCommand):
    """Make ``new`` the session's data set; undo puts the previous one back. ``text`` (a
    marked template, or plain text) filled with ``fields`` names it."""

    def __init__(self, session, new: Dataset | None, text: "Source | str", **fields) -> None:
        super().__init__()
        self.session, self.new, self.old = session, new, session.dataset
        self.set_name(text, **fields)

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
        raise ValueError(translate("DataImport", "not a readable image ({why})").format(
            why=reader.errorString()))
    reader.setScaledSize(QSize(size, size))
    img = reader.read()
    if img.isNull():
        raise ValueError(translate("DataImport", "cannot be decoded ({why})").format(
            why=reader.errorString()))
    img = img.convertToFormat(QImage.Format.Format_RGB888)
    if img.width() != size or img.height() != size:
        img = img.scaled(size, size)
    rows = np.frombuffer(img.constBits(), np.uint8, img.sizeInBytes()).reshape(
        img.height(), img.bytesPerLine())
    pix = rows[:, :size * 3].reshape(size, size, 3).transpose(2, 0, 1)
    # grey by the engine's own luminance weights, as for files the engine decodes itself
    return image_folder.to_channels(pix.astype(np.float32) / 255.0, grey)


IMPORT = QT_TRANSLATE_NOOP("DataImport", "Import {name}")
"""'Import data.csv': a load's name in its progress, messages and Edit → Undo."""


def _import_title(name: str) -> str:
    return translate(IMPORT.context, IMPORT).format(name=name)


def summary(ds: Dataset) -> str:
    """One line about a data set: its size, arrays and task."""
    meta = ds.meta
    parts = [translate("DataImport", "{count} examples").format(count=len(ds))]
    if "x" in ds:
        ids = translate("DataImport", "ids")
        parts.append(f"x {tuple(ds['x'].shape[1:]) or ids}")
    if meta.get("task") == "classification":
        parts.append(translate("DataImport", "{count} classes").format(
            count=meta.get("classes", "?")))
    elif meta.get("task") == "regression":
        parts.append(translate("DataImport", "regression target"))
    return compose("{name}: {parts}", name=ds.name, parts=join(translate("DataImport", ", "), parts))


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
            self.session.message.emit(translate(
                "DataImport", "{what}: another load is still running; wait for it or cancel it"
            ).format(what=title))
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
            self.session.message.emit(translate(
                "DataImport", "{what}: cancelled; the data is unchanged").format(what=self._title))

    def _failed(self, title: str, why: str) -> None:
        self.show_error(title, translate("DataImport", "{why}\n\nThe data set in use is "
                                         "unchanged.").format(why=why))
        self.session.message.emit(compose("{title}: {why}", title=title, why=why))

    def install_dataset(self, ds: Dataset, what: "Source | str", **fields) -> bool:
        """Make ``ds`` the data set (undoable), the edit named ``what`` with ``fields``."""
        cmd = SetDatasetCommand(self.session, ds, what, **fields)
        ok = self.session.push(cmd)
        if ok:
            self.session.message.emit(compose("{edit}: {summary}", edit=cmd.title(),
                                              summary=summary(ds)))
        return ok

    # -- CSV ------------------------------------------------------------------------------------
    def import_csv(self, path: str | None = None) -> Job | None:
        """Ask for a CSV file, read it (in a job), ask for the target and options, convert."""
        path = path or self.ask_csv_path()
        if not path:
            return None
        return self._run(_import_title(os.path.basename(path)),
                         lambda progress, stop: csv_import.read_csv(path, None, progress, stop),
                         self._csv_read)

    def _csv_read(self, table: csv_import.CsvTable) -> None:
        opts = self.ask_csv_options(table)
        if opts is None:
            return
        name = f"{table.name}.csv"
        self._run(_import_title(name), lambda progress, stop: csv_import.to_dataset(
                      table, progress=progress, should_stop=stop, **opts),
                  lambda ds: self.install_dataset(ds, IMPORT, name=name))

    # -- image folders --------------------------------------------------------------------------
    def import_folder(self, path: str | None = None) -> Job | None:
        """Ask for a folder with one sub-folder per class, the size and colour, and load it."""
        path = path or self.ask_folder()
        if not path:
            return None
        name = os.path.basename(os.path.normpath(path))
        title = _import_title(name)
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
            path, size, grey, qt_decode, progress, stop), lambda r: self._folder_done(name, r))

    def _folder_done(self, name: str, result: tuple[Dataset, list[str]]) -> None:
        ds, skipped = result
        title = _import_title(name)
        if not self.install_dataset(ds, IMPORT, name=name):
            return
        if skipped:
            shown = "\n".join(render(s) for s in skipped[:MAX_SKIPPED_SHOWN])
            more = len(skipped) - MAX_SKIPPED_SHOWN
            tail = translate("DataImport", "\n… and {count} more").format(count=more) \
                if more > 0 else ""
            self.show_info(title, translate(
                "DataImport", "{loaded} images loaded; {skipped} files could not be read and "
                "were skipped:\n{names}{more}").format(loaded=len(ds), skipped=len(skipped),
                                                      names=shown, more=tail))

    # -- precomputed features -------------------------------------------------------------------
    def precompute_selected(self) -> Job | None:
        """Run the selected node and everything before it once over the data; open the rest of
        the graph (the head) with the node's outputs as its data, to train the head fast."""
        title = translate("DataImport", "Precompute features")
        sel, ds, graph = self.session.selected(), self.session.dataset, self.session.graph
        if len(sel) != 1:
            self.show_error(title, translate("DataImport", "Select one node: the last frozen "
                                             "layer, whose output the new head reads."))
            return None
        if ds is None:
            self.show_error(title, translate("DataImport", "There is no data set; load one first "
                                             "(File → Data)."))
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
        self.session.message.emit(translate(
            "DataImport", "{what}: the head now reads {node}'s output for {count} examples, "
            "computed once; train it (the frozen layers no longer run at every step)").format(
            what=title, node=name, count=len(feats)))

    # -- built in -------------------------------------------------------------------------------
    def load_digits(self) -> bool:
        return self.install_dataset(digits.digits(), QT_TRANSLATE_NOOP("DataImport", "Load digits"))

    def load_digit_images(self) -> bool:
        return self.install_dataset(digits.digits(images=True),
                                    QT_TRANSLATE_NOOP("DataImport", "Load digit images"))

    def load_corpus(self) -> bool:
        return self.install_dataset(corpus.skipgram(),
                                    QT_TRANSLATE_NOOP("DataImport", "Load text corpus"))

    def load_sample_images(self) -> bool:
        return self._load_samples(lambda: sample_images.sample_images(reader=_rgb),
                                  "Load sample images")

    def load_sample_patches(self) -> bool:
        return self._load_samples(lambda: sample_images.sample_patches(reader=_rgb),
                                  "Load sample image patches")

    def _load_samples(self, make: Callable[[], Dataset], what: str) -> bool:
        try:
            ds = make()
        except (ValueError, OSError) as e:     # a damaged or missing installation
            self._failed(what, error_text(e))
            return False
        return self.install_dataset(ds, what)

    # -- default dialogs ------------------------------------------------------------------------
    def _dialog_csv_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            self.widget, translate("DataImport", "Import CSV data"), os.path.expanduser("~"),
            translate("DataImport", "CSV files (*.csv *.tsv *.txt);;All files (*)"))
        return path or None

    def _dialog_folder(self) -> str | None:
        return QFileDialog.getExistingDirectory(
            self.widget, translate("DataImport", "Import an image folder (one sub-folder per "
                                                 "class)"), os.path.expanduser("~")) or None

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


def _rgb(path: str) -> np.ndarray:
    """A sample picture read by Qt (PNG and JPEG): (H, W, 3) float32 in [0, 1]."""
    return load_image(path).rgb


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
               (QT_TRANSLATE_NOOP("DataMenu", "&Sample Images (7 pictures, 3x64x64)"),
                importer.load_sample_images),
               (QT_TRANSLATE_NOOP("DataMenu", "Sample Image &Patches (which picture, 3x32x32)"),
                importer.load_sample_patches),
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
