"""The dialogs of data import: CSV options with a preview, and image-folder options.

Each shows what was found before anything is converted, and returns the chosen options as the
keyword arguments of the engine's loader (:func:`engine.data.csv_import.to_dataset`,
:func:`engine.data.image_folder.load_image_folder`). The CSV dialog checks the choice on the
previewed rows, so a bad value shows its line and column before OK is pressed.
"""
from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QLabel, QRadioButton, QSpinBox, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget, QHBoxLayout)

from engine.data import csv_import, image_folder

__all__ = ["CsvOptionsDialog", "FolderOptionsDialog", "PREVIEW_ROWS"]

PREVIEW_ROWS = 20
NO_TARGET = "(none: features only)"


class CsvOptionsDialog(QDialog):
    """Preview of a parsed CSV table, the target column and how to read categories."""

    def __init__(self, table: csv_import.CsvTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table_data = table
        self.setWindowTitle(f"Import {table.name or 'CSV'}")
        lay = QVBoxLayout(self)
        shown = min(PREVIEW_ROWS, len(table.rows))
        lay.addWidget(QLabel(f"{len(table.rows)} rows, {len(table.header)} columns, separated by "
                             f"{_sep_name(table.separator)}. "
                             + (f"The first {shown} rows:" if shown < len(table.rows) else
                                "Every row:")))
        self.kinds = list(table.kinds)       # as detected; a header click switches one
        self.preview = QTableWidget(min(PREVIEW_ROWS, len(table.rows)), len(table.header))
        self._label_columns()
        self.preview.horizontalHeader().setToolTip("Click a column's name to read it as "
                                                   "numbers or as categories")
        self.preview.horizontalHeader().sectionClicked.connect(self.toggle_kind)
        for i, row in enumerate(table.rows[:PREVIEW_ROWS]):
            for j, v in enumerate(row):
                self.preview.setItem(i, j, QTableWidgetItem(v))
        self.preview.setVerticalHeaderLabels([str(n) for n in table.lines[:PREVIEW_ROWS]])
        self.preview.setMinimumHeight(160)
        lay.addWidget(self.preview)
        form = QFormLayout()
        self.target = QComboBox()
        self.target.addItem(NO_TARGET, None)
        for h in table.header:
            self.target.addItem(h, h)
        self.target.setCurrentIndex(len(table.header))       # the last column, by custom
        self.target_as = QComboBox()
        for label, key in (("automatic", "auto"), ("classes", "classes"), ("values", "values")):
            self.target_as.addItem(label, key)
        self.categorical = QComboBox()
        self.categorical.addItem("ids (one column of numbers)", "ids")
        self.categorical.addItem("one-hot (a 0/1 column per category)", "onehot")
        self.standardize = QCheckBox("scale numeric features to mean 0, deviation 1")
        self.standardize.setChecked(True)
        form.addRow("Target column", self.target)
        form.addRow("Target as", self.target_as)
        form.addRow("Categorical columns", self.categorical)
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
            [f"{h}\n({k})" for h, k in zip(self.table_data.header, self.kinds)])

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
            self.status.setText(f"<span style='color:#c0392b'>Problem: {e}</span>")
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            self._mark(getattr(e, "line", None), getattr(e, "column", None))
            return str(e)
        self._mark(None, None)
        what = (f"{ds.meta['classes']} classes" if ds.meta["task"] == "classification"
                else "values to predict" if ds.meta["task"] == "regression" else "no target")
        self.status.setText(f"x gets {ds['x'].shape[1]} feature columns; y: {what}.")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        return None


def _sep_name(sep: str) -> str:
    return {",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars"}.get(sep, repr(sep))


class FolderOptionsDialog(QDialog):
    """Classes found in an image folder, and the size and colour to load them at."""

    def __init__(self, scan: image_folder.FolderScan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import an image folder")
        lay = QVBoxLayout(self)
        counts = scan.counts()
        rows = "".join(f"<tr><td>{c}</td><td align='right'>&nbsp;{n}</td></tr>"
                       for c, n in zip(scan.classes[:12], counts[:12]))
        more = f"<br>… and {len(scan.classes) - 12} more classes" if len(scan.classes) > 12 else ""
        n_ign = len(scan.ignored)
        ignored = (f"<br>{n_ign} {'file that is' if n_ign == 1 else 'files that are'} not "
                   f"{'an image is' if n_ign == 1 else 'images are'} ignored." if n_ign else "")
        lay.addWidget(QLabel(f"{len(scan.files)} image files in {len(scan.classes)} classes:"
                             f"<table>{rows}</table>{more}{ignored}"))
        form = QFormLayout()
        self.size = QSpinBox()
        self.size.setRange(4, image_folder.MAX_SIDE)
        self.size.setValue(32)
        self.size.setSuffix(" px")
        form.addRow("Resize to (square)", self.size)
        colour_row = QHBoxLayout()
        self.grey = QRadioButton("grey")
        self.colour = QRadioButton("colour")
        self.grey.setChecked(True)
        colour_row.addWidget(self.grey)
        colour_row.addWidget(self.colour)
        form.addRow("Channels", colour_row)
        lay.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def options(self) -> dict:
        return {"size": self.size.value(), "grey": self.grey.isChecked()}
