"""The dialogs of data import: CSV options with a preview, and image-folder options.

Each shows what was found before anything is converted, and returns the chosen options as the
keyword arguments of the engine's loader (:func:`engine.data.csv_import.to_dataset`,
:func:`engine.data.image_folder.load_image_folder`). The CSV dialog checks the choice on the
previewed rows, so a bad value shows its line and column before OK is pressed.
"""
from __future__ import annotations

import html

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QLabel, QRadioButton, QSpinBox, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget, QHBoxLayout)

from engine.data import csv_import, image_folder

from ..i18n import QT_TRANSLATE_NOOP, error_text, translate

__all__ = ["CsvOptionsDialog", "FolderOptionsDialog", "PREVIEW_ROWS"]

PREVIEW_ROWS = 20
_KINDS = {"number": QT_TRANSLATE_NOOP("DataDialogs", "number"),
          "category": QT_TRANSLATE_NOOP("DataDialogs", "category")}
_SEPARATORS = {",": QT_TRANSLATE_NOOP("DataDialogs", "commas"),
               ";": QT_TRANSLATE_NOOP("DataDialogs", "semicolons"),
               "\t": QT_TRANSLATE_NOOP("DataDialogs", "tabs"),
               "|": QT_TRANSLATE_NOOP("DataDialogs", "bars")}


class CsvOptionsDialog(QDialog):
    """Preview of a parsed CSV table, the target column and how to read categories."""

    def __init__(self, table: csv_import.CsvTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table_data = table
        self.setWindowTitle(translate("DataDialogs", "Import {name}").format(
            name=table.name or "CSV"))
        lay = QVBoxLayout(self)
        shown = min(PREVIEW_ROWS, len(table.rows))
        found = translate("DataDialogs", "{rows} rows, {columns} columns, separated by {sep}. "
                          ).format(rows=len(table.rows), columns=len(table.header),
                                   sep=_sep_name(table.separator))
        which = translate("DataDialogs", "The first {count} rows:").format(count=shown) \
            if shown < len(table.rows) else translate("DataDialogs", "Every row:")
        lay.addWidget(QLabel(found + which))
        self.kinds = list(table.kinds)       # as detected; a header click switches one
        self.preview = QTableWidget(min(PREVIEW_ROWS, len(table.rows)), len(table.header))
        self._label_columns()
        self.preview.horizontalHeader().setToolTip(translate(
            "DataDialogs", "Click a column's name to read it as numbers or as categories"))
        self.preview.horizontalHeader().sectionClicked.connect(self.toggle_kind)
        for i, row in enumerate(table.rows[:PREVIEW_ROWS]):
            for j, v in enumerate(row):
                self.preview.setItem(i, j, QTableWidgetItem(v))
        self.preview.setVerticalHeaderLabels([str(n) for n in table.lines[:PREVIEW_ROWS]])
        self.preview.setMinimumHeight(160)
        lay.addWidget(self.preview)
        form = QFormLayout()
        self.target = QComboBox()
        self.target.addItem(translate("DataDialogs", "(none: features only)"), None)
        for h in table.header:
            self.target.addItem(h, h)
        self.target.setCurrentIndex(len(table.header))       # the last column, by custom
        self.target_as = QComboBox()
        for label, key in ((translate("DataDialogs", "automatic"), "auto"),
                           (translate("DataDialogs", "classes"), "classes"),
                           (translate("DataDialogs", "values"), "values")):
            self.target_as.addItem(label, key)
        self.categorical = QComboBox()
        self.categorical.addItem(translate("DataDialogs", "ids (one column of numbers)"), "ids")
        self.categorical.addItem(translate("DataDialogs", "one-hot (a 0/1 column per category)"),
                                 "onehot")
        self.standardize = QCheckBox(translate("DataDialogs", "scale numeric features to mean 0, "
                                                              "deviation 1"))
        self.standardize.setChecked(True)
        form.addRow(translate("DataDialogs", "Target column"), self.target)
        form.addRow(translate("DataDialogs", "Target as"), self.target_as)
        form.addRow(translate("DataDialogs", "Categorical columns"), self.categorical)
        form.addRow("", self.standardize)
        lay.addLayout(form)
        self.status = QLabel()
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        for w in (self.target, self.target_as, self.categorical):
            w.currentIndexChanged.connect(self.check)
        self.standardize.toggled.connect(self.check)
        self.resize(640, 460)
        self.check()

    def _mark(self, line: int | None, column: str | None) -> None:
        """Colour the previewed cell an error names (and no other)."""
        t = self.table_data
        for i in range(self.preview.rowCount()):
            for j in range(self.preview.columnCount()):
                item = self.preview.item(i, j)
                bad = t.lines[i] == line and t.header[j] == column
                item.setBackground(QColor("#f5b7b1") if bad else QBrush())
        if line in t.lines[:PREVIEW_ROWS] and column in t.header:
            self.preview.scrollToItem(self.preview.item(t.lines.index(line),
                                                         t.header.index(column)))

    def _label_columns(self) -> None:
        self.preview.setHorizontalHeaderLabels(
            [f"{h}\n({translate('DataDialogs', _KINDS[k]) if k in _KINDS else k})"
             for h, k in zip(self.table_data.header, self.kinds)])

    def toggle_kind(self, j: int) -> None:
        """Read column ``j`` as categories instead of numbers, or the other way round."""
        self.kinds[j] = "category" if self.kinds[j] == "number" else "number"
        self._label_columns()
        self.check()

    def options(self) -> dict:
        """Keyword arguments for :func:`engine.data.csv_import.to_dataset`."""
        changed = {h: k for h, k, k0 in zip(self.table_data.header, self.kinds,
                                            self.table_data.kinds) if k != k0}
        return {"target": self.target.currentData(), "categorical": self.categorical.currentData(),
                "target_as": self.target_as.currentData(),
                "standardize": self.standardize.isChecked(), "kinds": changed}

    def check(self) -> str | None:
        """Convert the previewed rows with the current choice; show (and return) the problem."""
        t = self.table_data
        head = csv_import.CsvTable(t.header, t.rows[:PREVIEW_ROWS], t.lines[:PREVIEW_ROWS],
                                   t.separator, t.name, t.kinds)
        try:
            ds = csv_import.to_dataset(head, **self.options())
        except ValueError as e:
            why = error_text(e)
            problem = translate("DataDialogs", "Problem: {why}").format(
                why=html.escape(why, quote=False))
            self.status.setText(f"<span style='color:#c0392b'>{problem}</span>")
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            self._mark(getattr(e, "line", None), getattr(e, "column", None))
            return why
        self._mark(None, None)
        task = ds.meta["task"]
        what = (translate("DataDialogs", "{count} classes").format(count=ds.meta["classes"])
                if task == "classification" else translate("DataDialogs", "values to predict")
                if task == "regression" else translate("DataDialogs", "no target"))
        self.status.setText(translate("DataDialogs", "x gets {count} feature columns; y: {what}."
                                      ).format(count=ds["x"].shape[1], what=what))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        return None


def _sep_name(sep: str) -> str:
    return translate("DataDialogs", _SEPARATORS[sep]) if sep in _SEPARATORS else repr(sep)


class FolderOptionsDialog(QDialog):
    """Classes found in an image folder, and the size and colour to load them at."""

    def __init__(self, scan: image_folder.FolderScan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("DataDialogs", "Import an image folder"))
        lay = QVBoxLayout(self)
        counts = scan.counts()
        rows = "".join(f"<tr><td>{c}</td><td align='right'>&nbsp;{n}</td></tr>"
                       for c, n in zip(scan.classes[:12], counts[:12]))
        more = "<br>" + translate("DataDialogs", "… and {count} more classes").format(
            count=len(scan.classes) - 12) if len(scan.classes) > 12 else ""
        n_ign = len(scan.ignored)
        ignored = "" if not n_ign else "<br>" + (
            translate("DataDialogs", "1 file that is not an image is ignored.") if n_ign == 1
            else translate("DataDialogs", "{count} files that are not images are ignored."
                           ).format(count=n_ign))
        found = translate("DataDialogs", "{files} image files in {classes} classes:").format(
            files=len(scan.files), classes=len(scan.classes))
        lay.addWidget(QLabel(f"{found}<table>{rows}</table>{more}{ignored}"))
        form = QFormLayout()
        self.size = QSpinBox()
        self.size.setRange(4, image_folder.MAX_SIDE)
        self.size.setValue(32)
        self.size.setSuffix(" px")
        form.addRow(translate("DataDialogs", "Resize to (square)"), self.size)
        colour_row = QHBoxLayout()
        self.grey = QRadioButton(translate("DataDialogs", "grey"))
        self.colour = QRadioButton(translate("DataDialogs", "colour"))
        self.grey.setChecked(True)
        colour_row.addWidget(self.grey)
        colour_row.addWidget(self.colour)
        form.addRow(translate("DataDialogs", "Channels"), colour_row)
        lay.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def options(self) -> dict:
        return {"size": self.size.value(), "grey": self.grey.isChecked()}
