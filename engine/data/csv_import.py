"""CSV files as data sets.

:func:`read_table` decodes and parses a file into text cells (checking encoding, separators and
row lengths); :func:`to_dataset` turns a table into arrays: numeric columns as they are,
categorical columns as integer ids or one-hot columns, and a chosen target column as class ids
(``y`` (N,) int64) or values (``y`` (N, 1) float32). Every problem raises :class:`CsvError`
naming the first bad line and column and what to do about it.

Lines are counted as in a text editor: the header is line 1. A column is numeric when most of
its values are numbers; a value that is not a number in such a column is reported as an error
rather than silently turned into a category.
"""
from __future__ import annotations

import codecs
import csv
import io
import os
from dataclasses import dataclass, field

import numpy as np

from . import ProgressFn, StopFn, report
from ..messages import Msg
from ..training import Dataset

__all__ = ["CsvError", "CsvTable", "read_table", "read_csv", "column_kinds", "to_dataset",
           "import_csv", "MISSING", "MAX_CSV_BYTES"]

MISSING = frozenset({"", "na", "n/a", "nan", "null", "none", "?", "-"})
MAX_CSV_BYTES = 512 << 20
MAX_CLASSES_FROM_NUMBERS = 20
SEPARATORS = ",;\t|"
PROGRESS_ROWS = 2000


class CsvError(ValueError):
    """A problem with a CSV file; ``line`` (1 = header) and ``column`` name where, if known."""

    def __init__(self, message: Msg, line: int | None = None, column: str | None = None) -> None:
        if line is not None and column is not None:
            message = Msg("named", name=Msg("data.line_column", line=line, column=column),
                          error=message)
        elif line is not None:
            message = Msg("named", name=Msg("data.line", line=line), error=message)
        elif column is not None:
            message = Msg("named", name=Msg("data.column", column=column), error=message)
        super().__init__(message)
        self.line, self.column = line, column


@dataclass
class CsvTable:
    """The parsed cells. ``rows`` holds the data rows (no header), ``lines`` their line numbers."""

    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    separator: str = ","
    name: str = ""
    kinds: list[str] = field(default_factory=list)    # 'number' or 'category' per column
    _columns: list | None = field(default=None, repr=False, compare=False)

    def column(self, j: int) -> list[str]:
        if self._columns is None:
            self._columns = list(zip(*self.rows))   # transposed once, in C
        return list(self._columns[j])


# -- decoding and parsing -------------------------------------------------------------------------
def _decode(data: bytes) -> str:
    if not data.strip():
        raise CsvError(Msg("data.csv_empty"))
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise CsvError(Msg("data.csv_utf16", error=e.reason)) from None
    if b"\x00" in data[:4096]:
        raise CsvError(Msg("data.csv_zero_bytes"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        start = data.rfind(b"\n", 0, e.start) + 1
        line = data.count(b"\n", 0, e.start) + 1
        prefix = data[start:e.start].decode("utf-8", "replace")
        sep = _sniff(prefix) if prefix else ","
        col = prefix.count(sep)
        head = data.split(b"\n", 1)[0].decode("utf-8", "replace").lstrip("\ufeff").split(sep)
        name = head[col].strip() if line > 1 and col < len(head) else Msg("data.csv_field",
                                                                          n=col + 1)
        raise CsvError(Msg("data.csv_encoding", byte=f"0x{data[e.start]:02x}"), line,
                       name) from None


def _sniff(text: str) -> str:
    sample = "\n".join(text[:16384].splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=SEPARATORS).delimiter
    except csv.Error:
        counts = {s: sample.count(s) for s in SEPARATORS}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def _is_number(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True


def read_table(data: bytes, name: str = "", separator: str | None = None,
               progress: ProgressFn | None = None, should_stop: StopFn | None = None) -> CsvTable:
    """Decode and parse CSV bytes; check the header and that every row has its length.

    ``progress`` hears every few thousand lines, and ``should_stop`` may cancel there.
    """
    report(progress, should_stop, 0.0, Msg("progress.decoding"))
    text = _decode(data)
    sep = separator or _sniff(text)
    total = max(1, text.count("\n"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, skipinitialspace=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    header: list[str] | None = None
    header_line = 1
    try:
        for row in reader:
            if not row or all(not c.strip() for c in row):
                continue
            if header is None:
                header, header_line = [c.strip() for c in row], reader.line_num
                continue
            if len(row) != len(header):
                raise CsvError(Msg("data.csv_row_length", count=len(row), columns=len(header),
                                   sep=sep), reader.line_num)
            rows.append([c.strip() for c in row])
            lines.append(reader.line_num)
            if len(rows) % PROGRESS_ROWS == 0:
                report(progress, should_stop, reader.line_num / total, Msg("progress.rows"))
    except csv.Error as e:
        raise CsvError(Msg("data.csv_unreadable", error=str(e)), reader.line_num) from None
    if header is None:
        raise CsvError(Msg("data.csv_empty"))
    if all(_is_number(c) for c in header):   # no header line: the first line is data
        rows.insert(0, header)
        lines.insert(0, header_line)
        header = [f"column {j + 1}" for j in range(len(header))]
    for j, h in enumerate(header):
        if not h:
            raise CsvError(Msg("data.csv_no_name", n=j + 1), header_line)
    seen: dict[str, int] = {}
    for j, h in enumerate(header):
        if h in seen:
            raise CsvError(Msg("data.csv_name_twice", name=h, a=seen[h] + 1, b=j + 1), header_line)
        seen[h] = j
    if not rows:
        raise CsvError(Msg("data.csv_no_rows"), header_line)
    table = CsvTable(header, rows, lines, sep, name)
    table.kinds = column_kinds(table)
    return table


def read_csv(path: str | os.PathLike, separator: str | None = None,
             progress: ProgressFn | None = None, should_stop: StopFn | None = None) -> CsvTable:
    """Read and parse the CSV file at ``path`` (OSError if it cannot be opened)."""
    path = os.fspath(path)
    with open(path, "rb") as f:
        if os.fstat(f.fileno()).st_size > MAX_CSV_BYTES:
            raise CsvError(Msg("data.csv_too_large", mib=MAX_CSV_BYTES >> 20))
        data = f.read()
    return read_table(data, os.path.splitext(os.path.basename(path))[0], separator, progress,
                      should_stop)


def column_kinds(table: CsvTable) -> list[str]:
    """'number' for a column whose present values are mostly numbers, else 'category'."""
    kinds = []
    for j in range(len(table.header)):
        col = table.column(j)
        try:                       # the common case, all numbers, in one NumPy call
            if np.isfinite(np.array(col, dtype=np.float64)).all():
                kinds.append("number")
                continue
        except ValueError:
            pass
        present = [v for v in col if v.lower() not in MISSING]
        numbers = sum(_is_number(v) for v in present)
        kinds.append("number" if present and numbers * 2 > len(present) else "category")
    return kinds


# -- arrays ---------------------------------------------------------------------------------------
def _missing(table: CsvTable, i: int, j: int, v: str) -> CsvError:
    shown = f"{v!r}" if v else Msg("file.nothing")
    return CsvError(Msg("data.csv_missing", shown=shown), table.lines[i], table.header[j])


def _check_present(table: CsvTable, j: int) -> None:
    col = table.column(j)
    if not any(u.lower() in MISSING for u in set(col)):    # each distinct value once
        return
    for i, v in enumerate(col):
        if v.lower() in MISSING:
            raise _missing(table, i, j, v)


def _numbers(table: CsvTable, j: int) -> np.ndarray:
    col = table.column(j)
    try:
        out = np.array(col, dtype=np.float64)
    except ValueError:
        out = None
    if out is None or not np.isfinite(out).all():
        for i, v in enumerate(col):      # the first bad cell, in file order
            if v.lower() in MISSING:
                raise _missing(table, i, j, v)
            try:
                f = float(v)
            except ValueError:
                raise CsvError(Msg("data.csv_not_number", value=v), table.lines[i],
                               table.header[j]) from None
            if not np.isfinite(f):
                raise CsvError(Msg("data.csv_not_finite", value=v), table.lines[i],
                               table.header[j])
    return out


def _categories(values: list[str]) -> tuple[list[str], np.ndarray]:
    names = sorted(set(values))
    index = {c: k for k, c in enumerate(names)}
    return names, np.fromiter((index[v] for v in values), np.int64, len(values))


def to_dataset(table: CsvTable, target: str | None = None, categorical: str = "ids",
               kinds: dict[str, str] | None = None, target_as: str = "auto",
               standardize: bool = True, progress: ProgressFn | None = None,
               should_stop: StopFn | None = None) -> Dataset:
    """The table's arrays: x (N, F) float32 features, and y from the ``target`` column.

    ``categorical`` is 'ids' (one column of category numbers) or 'onehot' (a 0/1 column per
    category). ``kinds`` overrides the detected kind of named columns. ``target_as`` is 'auto'
    (text targets, and whole numbers with at most 20 values, become classes), 'classes' or
    'values'. With ``standardize`` numeric features are scaled to mean 0, standard deviation 1.
    meta: feature_names, columns, class_names, feature_mean/std, target.
    """
    if categorical not in ("ids", "onehot"):
        raise ValueError(f"categorical must be 'ids' or 'onehot'; got {categorical!r}")
    if target_as not in ("auto", "classes", "values"):
        raise ValueError(f"target_as must be 'auto', 'classes' or 'values'; got {target_as!r}")
    if target is not None and target not in table.header:
        raise CsvError(Msg("data.csv_no_target", target=target, columns=", ".join(table.header)))
    kinds_now = list(table.kinds or column_kinds(table))
    for name, kind in (kinds or {}).items():
        if name not in table.header or kind not in ("number", "category"):
            raise ValueError(f"cannot make {name!r} a {kind!r} column")
        kinds_now[table.header.index(name)] = kind
    features = [j for j, h in enumerate(table.header) if h != target]
    if not features:
        raise CsvError(Msg("data.csv_only_target"))
    blocks, names, means, stds = [], [], [], []
    for done, j in enumerate(features):
        report(progress, should_stop, done / (len(features) + 1),
               Msg("progress.reading", name=table.header[j]))
        h = table.header[j]
        if kinds_now[j] == "number":       # missing values are found while parsing
            col = _numbers(table, j)
            m, s = (float(col.mean()), float(col.std()) or 1.0) if standardize else (0.0, 1.0)
            blocks.append(((col - m) / s)[:, None])
            names.append(h)
            means.append(m)
            stds.append(s)
            continue
        _check_present(table, j)
        cats, ids = _categories(table.column(j))
        if categorical == "ids":
            blocks.append(ids[:, None].astype(np.float64))
            names.append(h)
        else:
            blocks.append(np.eye(len(cats))[ids])
            names.extend(f"{h}={c}" for c in cats)
        means.extend([0.0] * blocks[-1].shape[1])
        stds.extend([1.0] * blocks[-1].shape[1])
    arrays = {"x": np.hstack(blocks).astype(np.float32)}
    meta = {"task": "unsupervised", "classes": 0, "feature_names": names,
            "columns": list(table.header), "column_kinds": kinds_now, "categorical": categorical,
            "feature_mean": means, "feature_std": stds, "target": target, "source": "csv"}
    if target is not None:
        t = table.header.index(target)
        if kinds_now[t] != "number":
            _check_present(table, t)
        report(progress, should_stop, len(features) / (len(features) + 1),
               Msg("progress.reading", name=target))
        arrays["y"], extra = _target(table, t, kinds_now[t], target_as)
        meta.update(extra)
    report(progress, should_stop, 1.0, Msg("progress.done"))
    return Dataset(arrays, table.name or "CSV data",
                   Msg("dataset.csv_target", rows=len(table.rows), features=len(names),
                       target=target) if target else
                   Msg("dataset.csv", rows=len(table.rows), features=len(names)), meta)


def _target(table: CsvTable, t: int, kind: str, target_as: str) -> tuple[np.ndarray, dict]:
    col = table.column(t)
    if kind == "category" and target_as == "values":
        raise CsvError(Msg("data.csv_text_target"), None, table.header[t])
    if kind == "number":
        values = _numbers(table, t)
        whole = bool(np.all(values == np.round(values)))
        few = len(np.unique(values)) <= MAX_CLASSES_FROM_NUMBERS
        if target_as == "values" or (target_as == "auto" and not (whole and few)):
            return values.astype(np.float32)[:, None], {"task": "regression", "classes": 0}
        uniq = np.unique(values)
        names = [f"{v:g}" for v in uniq]
        return np.searchsorted(uniq, values).astype(np.int64), \
            {"task": "classification", "classes": len(uniq), "class_names": names}
    names, ids = _categories(col)
    return ids, {"task": "classification", "classes": len(names), "class_names": names}


def import_csv(path: str | os.PathLike, target: str | None = None, categorical: str = "ids",
               **options) -> Dataset:
    """Read the CSV file at ``path`` and make a dataset of it (see :func:`to_dataset`)."""
    return to_dataset(read_csv(path), target, categorical, **options)
