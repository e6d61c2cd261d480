"""The Training dock's choice of data: the Data, Train and Dev set rows.

The Data box offers only data the graph can train on (:func:`engine.training.fit_problem`): the
session's data and the generated sets whose arrays fit the graph's inputs, and a note says why
the others are left out, or why none fits. A graph without inputs needs no data. The train
fraction splits a dev set off the chosen data, unless the loaded example brings dev sets of its
own (which may come from another distribution); the session hears the split, for the Data panel.
"""
from __future__ import annotations

import inspect
from functools import lru_cache

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel,
                               QSpinBox, QWidget)

from engine import datasets
from engine.inspect.data_view import SplitChoice
from engine.ops.base import fmt_shape
from engine.training import NO_DATA, Dataset, feed_inputs, fit_problem, split

from ...i18n import render, translate

SESSION_DATA = "session data"
NO_INPUTS = "no inputs"
PROBE_SIZE = 64

DATA_LABELS = {
    "xor": QT_TRANSLATE_NOOP("TrainingPanel", "xor"),
    "circles": QT_TRANSLATE_NOOP("TrainingPanel", "circles"),
    "moons": QT_TRANSLATE_NOOP("TrainingPanel", "moons"),
    "spirals": QT_TRANSLATE_NOOP("TrainingPanel", "spirals"),
    "blobs": QT_TRANSLATE_NOOP("TrainingPanel", "blobs"),
    "line": QT_TRANSLATE_NOOP("TrainingPanel", "line"),
    "housing": QT_TRANSLATE_NOOP("TrainingPanel", "housing"),
    "word_pairs": QT_TRANSLATE_NOOP("TrainingPanel", "word pairs"),
    "shapes": QT_TRANSLATE_NOOP("TrainingPanel", "shapes"),
    "gratings": QT_TRANSLATE_NOOP("TrainingPanel", "gratings"),
}
"""The generated data sets (engine.datasets.GENERATORS) as the Data box names them."""


def data_label(key: str) -> str:
    """A generated data set's name in the user's language (another name as it is)."""
    return translate("TrainingPanel", DATA_LABELS[key]) if key in DATA_LABELS else render(key)


def make_dataset(name: str, n: int, seed: int) -> Dataset:
    """An example dataset from :data:`engine.datasets.GENERATORS` with about ``n`` examples."""
    fn = datasets.GENERATORS[name]
    params = inspect.signature(fn).parameters
    kwargs = {"seed": seed} if "seed" in params else {}
    if "n" in params:
        kwargs["n"] = n
    return fn(**kwargs)


@lru_cache(maxsize=None)
def probe_dataset(name: str) -> Dataset:
    """A small sample of a generated dataset, to see whether a graph can train on it (the
    arrays' shapes and kinds do not depend on the number of examples)."""
    return make_dataset(name, PROBE_SIZE, 0)


class NoteLabel(QLabel):
    """A word-wrapped note that asks for the height its text needs at its current width (a form
    layout otherwise sizes it for one width and clips it at another)."""

    def __init__(self, color: str, name: str) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setObjectName(name)
        self.setStyleSheet(f"color: {color};")

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        h = self.heightForWidth(max(1, self.width())) if self.text() else 0
        if h != self.minimumHeight():
            self.setMinimumHeight(max(0, h))


def form_row(first: QWidget, label: str | None, second: QWidget,
             stretch_last: bool = False) -> QHBoxLayout:
    """One form row: a main widget, an optional small label, and a second widget; the main
    widget takes the spare width unless ``stretch_last``."""
    row = QHBoxLayout()
    row.addWidget(first, 0 if stretch_last else 1)
    if label:
        row.addWidget(QLabel(label))
    row.addWidget(second, 1 if stretch_last else 0)
    return row


class DataChoice:
    """The data rows of the Training dock's ``form``: the Data box and its size, the note on
    what is left out, the train fraction and the dev set. It reads the session's graph and
    data and tells the session the split (:meth:`publish_split`)."""

    def __init__(self, session, form: QFormLayout) -> None:
        self.session = session
        self._form = form
        self.data = QComboBox()
        self.points = QSpinBox()
        self.points.setRange(20, 100000)
        self.points.setValue(1000)
        self.points.setSingleStep(100)
        form.addRow(translate("TrainingPanel", "Data"), form_row(self.data, "n", self.points))
        self.data_note = NoteLabel("#8a5a00", "data_note")
        form.addRow(self.data_note)
        self.train_frac = QDoubleSpinBox()
        self.train_frac.setRange(0.1, 1.0)
        self.train_frac.setSingleStep(0.05)
        self.train_frac.setValue(0.8)
        self.train_frac.setToolTip(translate("TrainingPanel", "Fraction of the examples used for training; the rest is "
                                   "the dev set (same distribution)"))
        self.dev_label = QLabel()
        form.addRow(translate("TrainingPanel", "Train"), form_row(self.train_frac, None, self.dev_label, stretch_last=True))
        self.dev_set = QComboBox()
        self.dev_set.setToolTip(translate("TrainingPanel", "Split the dev set off the training data, or use one of the "
                                "example's own dev sets (which may come from another "
                                "distribution)"))
        self._dev_sets: dict[str, Dataset] = {}
        self._example_data: Dataset | None = None
        form.addRow(translate("TrainingPanel", "Dev set"), self.dev_set)

    # -- what is offered -----------------------------------------------------------------------
    def load_example(self, info: dict) -> None:
        """A new graph: the example's own dev sets (from its ``info``) go with its data."""
        self._example_data = self.session.dataset
        self.fill_dev_sets(info.get("dev_sets") or {} if self.session.dataset is not None else {})

    def on_dataset_changed(self) -> None:
        """Data set elsewhere (the Data panel, an opened file): offer it, chosen. An example's
        own dev sets belong to the example's data, and are dropped with it."""
        if self.session.dataset is not self._example_data and self._dev_sets:
            self.fill_dev_sets({})
        self.fill(prefer_session=True)

    def retranslate(self) -> None:
        """The language changed: name the data and the split-off dev set anew."""
        self.fill()
        if self.dev_set.count():
            self.dev_set.setItemText(0, translate("TrainingPanel", "split off the training data"))

    @staticmethod
    def _session_label(ds) -> str:
        return translate("TrainingPanel", "session data ({name})").format(
            name=data_label(ds.name) if ds.name else translate("TrainingPanel", "loaded"))

    def _choices(self) -> tuple[list[tuple[str, str]], list[str]]:
        """([(label, key)] of the data the graph can train on, [why others are left out])."""
        graph = self.session.graph
        ds = self.session.dataset
        if graph.issues:     # nothing can be judged against a broken graph: offer everything
            own = [(self._session_label(ds), SESSION_DATA)] if ds else []
            return own + [(data_label(k), k) for k in datasets.GENERATORS], [translate(
                "TrainingPanel", "the graph has an error; data is matched to its inputs once it "
                "is fixed")]
        if not feed_inputs(graph):
            return [(translate("TrainingPanel", "no data needed (the graph has no inputs)"),
                     NO_INPUTS)], []
        fits, left_out = [], []
        if ds is not None:
            label = self._session_label(ds)
            why = fit_problem(graph, ds, label)
            if why is None:
                fits.append((label, SESSION_DATA))
            else:
                left_out.append(render(why))
        wrong_shape = []
        for key in datasets.GENERATORS:
            why = fit_problem(graph, probe_dataset(key), key)
            if why is None:
                fits.append((data_label(key), key))
            else:
                wrong_shape.append(data_label(key))
        if wrong_shape and fits:
            left_out.append(translate("TrainingPanel", "left out, as they do not fit this graph: "
                                      "{names}").format(names=translate("TrainingPanel", ", ").join(wrong_shape)))
        return fits, left_out

    def _inputs_text(self) -> str:
        graph = self.session.graph
        return ", ".join(f"{graph.nodes[n].name} {fmt_shape(graph.nodes[n].params['shape'])} "
                         f"{graph.nodes[n].params['dtype']}" for n in feed_inputs(graph))

    def fill(self, prefer_session: bool = False) -> None:
        """Offer only the data the graph can train on; say why the rest is left out."""
        if self.session.locked:
            return
        fits, left_out = self._choices()
        current = self.data.currentData()
        self.data.blockSignals(True)
        self.data.clear()
        for label, key in fits:
            self.data.addItem(label, key)
        i = self.data.findData(SESSION_DATA if prefer_session else current)
        if i < 0:
            i = self.data.findData(current)
        self.data.setCurrentIndex(max(0, i) if fits else -1)
        self.data.blockSignals(False)
        if not fits:
            first = f" ({left_out[0]})" if left_out else ""
            text = translate("TrainingPanel", "No data fits this graph's inputs ({inputs}){first}. "
                             "Load data of that shape, or change the inputs.").format(
                                 inputs=self._inputs_text(), first=first)
        else:
            text = " ".join(w[0].upper() + w[1:] + ("" if w.endswith((".", "。")) else ".")
                            for w in left_out)
        self.data_note.setText(text)
        self.data_note.setVisible(bool(text))
        self.publish_split(self.train_frac.value(), self.named_dev())

    def fill_dev_sets(self, dev_sets: dict) -> None:
        """The example's own dev sets (e.g. same and other distribution), if it has any; the
        last one is chosen, since an example brings them to be looked at."""
        self._dev_sets = dict(dev_sets)
        self.dev_set.blockSignals(True)
        self.dev_set.clear()
        self.dev_set.addItem(translate("TrainingPanel", "split off the training data"), None)
        for name in self._dev_sets:
            self.dev_set.addItem(render(name), name)
        self.dev_set.setCurrentIndex(self.dev_set.count() - 1)
        self.dev_set.blockSignals(False)
        self._form.setRowVisible(self.dev_set, bool(self._dev_sets))

    # -- what a run gets -----------------------------------------------------------------------
    def named_dev(self) -> str | None:
        """The example dev set in use, or None when the dev set is split off the data."""
        name = self.dev_set.currentData()
        if name not in self._dev_sets or self.data.currentData() != SESSION_DATA:
            return None
        return next(k for k in self._dev_sets if k == name)     # the key itself (it may be a Msg)

    def split(self, seed: int) -> tuple[Dataset, Dataset | None]:
        """(train, dev or None) as chosen; generated data and the split are drawn with ``seed``.
        Raises ValueError (saying what to change) when there is nothing to train on."""
        key = self.data.currentData()
        if key is None:
            raise ValueError(self.data_note.text() or translate("TrainingPanel",
                                                                "choose data to train on"))
        if key == NO_INPUTS:
            return NO_DATA, None
        if key == SESSION_DATA:
            ds = self.session.dataset
        else:
            ds = make_dataset(key, self.points.value(), seed)
        named = self.named_dev()
        if named is not None:
            return ds, self._dev_sets[named]
        f = round(self.train_frac.value(), 4)
        if f >= 1.0:
            return ds, None
        train, dev, _ = split(ds, train=f, dev=round(1.0 - f, 4), seed=seed)
        if len(dev) == 0:
            raise ValueError(translate("TrainingPanel", "a train fraction of {fraction:g} leaves "
                                       "no dev examples out of {n}: lower it (e.g. 0.8), or set "
                                       "it to 1.0 to train without a dev set").format(
                fraction=f, n=len(ds)))
        return train, dev

    # -- feedback ------------------------------------------------------------------------------
    def sync(self) -> None:
        """Enable what applies to the chosen data, say the split, and publish it."""
        self.points.setEnabled(self.data.currentData() not in (SESSION_DATA, NO_INPUTS, None))
        f = self.train_frac.value()
        named = self.named_dev()
        self.train_frac.setEnabled(named is None)
        self.dev_label.setText(
            translate("TrainingPanel", "all; dev: {name}").format(name=render(named)) if named else
            translate("TrainingPanel", "dev {share:.0%}").format(share=1 - f) if f < 1 else
            translate("TrainingPanel", "no dev set"))
        self.publish_split(f, named)

    def publish_split(self, fraction: float, named: str | None) -> None:
        """Tell the session how the data will be split, for the Data panel."""
        key = self.data.currentData()
        self.session.set_split(SplitChoice(
            fraction, named, len(self._dev_sets[named]) if named else 0,
            "session" if key == SESSION_DATA else str(key)))


__all__ = ["DataChoice", "NoteLabel", "form_row", "data_label", "make_dataset", "probe_dataset",
           "SESSION_DATA", "NO_INPUTS", "DATA_LABELS"]
