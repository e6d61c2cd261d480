"""Training: datasets, batching, optimizers, and the train/dev history.

One iteration takes the next mini-batch (slices of arrays that were shuffled once at the start of
the epoch), runs the executor forward and backward, checks that the cost and every gradient are
finite, computes each array's update into preallocated buffers, checks that the updated arrays
would be finite, and only then writes them in place. So a run that diverges leaves the weights as
they were before the failing iteration.

Batch modes (``TrainConfig.batch_size``): 0 is batch gradient descent (the whole training set in
every iteration, one iteration per epoch, the default); 1 is stochastic gradient descent (one
example per iteration, N iterations per epoch); anything else is mini-batch (ceil(N/b)
iterations per epoch). The order of epoch ``e`` is a permutation drawn from a generator seeded
with ``(seed, e)``, so a run that is paused and resumed visits the batches in exactly the order
an uninterrupted run would.

Divergence. A run diverges when its cost or a value becomes NaN or infinite, or when the train
cost at the end of an epoch has grown far above where it started: more than ``DIVERGE_FACTOR``
times the first iteration's cost, measured as start + 10 × max(|start|, 0.1) (so a cost near 0
that wobbles up a little is not called diverging). Either way the run stops with
:class:`TrainingDiverged`, whose message names the fix: a smaller learning rate, with a
suggested value (:func:`suggest_lr`). :data:`LR_RANGES` holds the learning rates that make
sense for each optimizer; :func:`lr_warning` says when a value is outside them.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Callable, Mapping

import numpy as np

from .executor import Executor
from .inspect import loss_heads
from .graph import Graph, GraphError
from .messages import Msg
from .ops.base import get_op
from .ops.losses import accuracy
from .ops.sources import convert_feed
from .train_checks import (DIVERGE_FACTOR, LR_RANGES, TYPICAL_LR, divergence, feed_inputs,
                           fit_problem, lr_warning, suggest_lr)
from .optimizers import OPTIMIZERS, Optimizer, make_optimizer

__all__ = ["Dataset", "split", "TrainConfig", "TrainingDiverged", "History", "Trainer",
           "same_start", "OPTIMIZERS", "Optimizer", "make_optimizer", "LR_RANGES", "lr_warning",
           "suggest_lr", "divergence", "DIVERGE_FACTOR", "TYPICAL_LR", "fit_problem", "feed_inputs",
           "NO_DATA"]

Key = tuple[str, str]


class Dataset:
    """Named arrays of equal length (axis 0 = examples), keyed by the input node they feed.

    By convention features are ``"x"`` (N, ...) and labels ``"y"`` (N,) int class ids or
    (N, 1) float targets. Arrays whose key names no input (e.g. ``"latent"``) travel along with
    the examples (shuffled and split with them) and are not fed. ``meta`` holds plain facts
    (class count, feature names).
    """

    def __init__(self, arrays: Mapping[str, np.ndarray], name: str = "", description: str = "",
                 meta: dict | None = None) -> None:
        self.arrays = {k: np.asarray(v) for k, v in arrays.items()}
        lengths = {k: (len(v) if v.ndim else -1) for k, v in self.arrays.items()}
        if any(n < 0 for n in lengths.values()):
            raise ValueError(Msg("train.scalar_array",
                                 key=[k for k, n in lengths.items() if n < 0][0]))
        if len(set(lengths.values())) > 1:
            raise ValueError(Msg("train.lengths_differ",
                                 counts=", ".join(f"{k}: {n}" for k, n in lengths.items())))
        self.name = name
        self.description = description
        self.meta = dict(meta or {})

    def __len__(self) -> int:
        return len(next(iter(self.arrays.values()))) if self.arrays else 0

    def __getitem__(self, key: str) -> np.ndarray:
        return self.arrays[key]

    def __contains__(self, key: str) -> bool:
        return key in self.arrays

    def keys(self) -> list[str]:
        return list(self.arrays)

    def subset(self, index: np.ndarray, name: str | None = None) -> "Dataset":
        """The examples at ``index`` (ints or a boolean mask), as a new dataset."""
        return Dataset({k: v[index] for k, v in self.arrays.items()},
                       self.name if name is None else name, self.description, self.meta)

    def __repr__(self) -> str:
        shapes = ", ".join(f"{k}: {v.shape} {v.dtype}" for k, v in self.arrays.items())
        return f"Dataset({self.name!r}, {len(self)} examples; {shapes})"


def split(dataset: Dataset, train: float = 0.8, dev: float = 0.2, test: float = 0.0,
          seed: int = 0) -> tuple[Dataset, Dataset, Dataset]:
    """Shuffle with ``seed`` and cut into (train, dev, test) by fractions that sum to 1."""
    fr = {"train": train, "dev": dev, "test": test}
    for k, v in fr.items():
        if not _finite(v) or not 0 <= v <= 1:
            raise ValueError(Msg("train.fraction_range", split=Msg(f"train.split_{k}"), value=v))
    if abs(train + dev + test - 1.0) > 1e-6:
        raise ValueError(Msg("train.fractions_sum", train=train, dev=dev, test=test,
                             total=f"{train + dev + test:g}"))
    if train <= 0:
        raise ValueError(Msg("train.fraction_zero"))
    n = len(dataset)
    perm = np.random.default_rng(seed).permutation(n)
    n_train = int(round(train * n))
    n_dev = int(round(dev * n)) if test > 0 else n - n_train
    n_dev = min(n_dev, n - n_train)
    if n_train == 0:
        raise ValueError(Msg("train.none_left", n=n, train=train))
    parts = perm[:n_train], perm[n_train:n_train + n_dev], perm[n_train + n_dev:]
    return tuple(dataset.subset(p, f"{dataset.name} ({k})")
                 for p, k in zip(parts, ("train", "dev", "test")))  # type: ignore[return-value]


class TrainingDiverged(ArithmeticError):
    """The cost or a value became NaN or infinite, or the cost grew far above its start;
    ``node`` names where (None when unknown), ``iteration`` when, ``suggested_lr`` the fix."""

    def __init__(self, message: "Msg | str", node: str | None, iteration: int,
                 suggested_lr: float | None = None) -> None:
        super().__init__(message)
        self.node = node
        self.iteration = iteration
        self.suggested_lr = suggested_lr


@dataclass
class TrainConfig:
    """How to train. batch_size 0 = full batch (batch gradient descent), 1 = stochastic,
    otherwise mini-batch. ``epochs`` passes over the training set."""

    optimizer: str = "sgd"
    lr: float = 0.1
    batch_size: int = 0
    epochs: int = 100
    seed: int = 0
    shuffle: bool = True
    momentum: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    rho: float = 0.9
    eps: float = 1e-8
    dtype: str = "float32"

    def __post_init__(self) -> None:
        self.validate()

    def validate(self) -> None:
        """Raise ValueError naming the setting and an acceptable value."""
        if self.optimizer not in OPTIMIZERS:
            raise ValueError(Msg("train.optimizer", names=", ".join(OPTIMIZERS),
                                 value=self.optimizer))
        if not _finite(self.lr) or self.lr <= 0:
            raise ValueError(Msg("train.lr", value=self.lr))
        if not _whole(self.batch_size) or self.batch_size < 0:
            raise ValueError(Msg("train.batch_size", value=self.batch_size))
        if not _whole(self.epochs) or self.epochs < 1:
            raise ValueError(Msg("train.epochs", value=self.epochs))
        for name in ("momentum", "beta1", "beta2", "rho"):
            v = getattr(self, name)
            if not _finite(v) or not 0 <= v < 1:
                raise ValueError(Msg("train.below_one", name=name, value=v))
        if not _finite(self.eps) or self.eps <= 0:
            raise ValueError(Msg("train.eps", value=self.eps))
        try:
            dt = np.dtype(self.dtype)
        except TypeError:
            dt = None
        if dt is None or dt.kind != "f":
            raise ValueError(Msg("train.dtype", value=self.dtype))
        self.batch_size, self.epochs = int(self.batch_size), int(self.epochs)

    @property
    def mode(self) -> str:
        """'batch', 'stochastic' or 'mini-batch'."""
        return {0: "batch", 1: "stochastic"}.get(self.batch_size, "mini-batch")


def _whole(v) -> bool:
    """True for a whole number (3 or 3.0), False for anything else (2.5, '3', None, True)."""
    return _finite(v) and not isinstance(v, str) and float(v).is_integer()


def _finite(v) -> bool:
    try:
        return not isinstance(v, bool) and math.isfinite(float(v))
    except (TypeError, ValueError):
        return False


@dataclass
class History:
    """Cost and accuracy per iteration and train/dev cost and accuracy per epoch, as lists of
    floats.

    ``iterations[i]`` is the count of updates after iteration i (1-based), ``cost[i]`` and
    ``accuracy[i]`` that iteration's batch cost and accuracy (before its update). ``epoch_iteration[e]`` is the iteration at which
    epoch ``epochs[e]`` ended. Accuracy is NaN where there is none (regression) and dev values are
    NaN when there is no dev set.
    """

    iterations: list
    cost: list
    epochs: list
    epoch_iteration: list
    train_cost: list
    train_accuracy: list
    dev_cost: list
    dev_accuracy: list
    accuracy: list = field(default_factory=list)   # per iteration: that batch's accuracy
    # graphs with several loss heads summed into the cost: per head label, the four epoch
    # lists above for that head alone (see engine.inspect.loss_heads)
    heads: dict = field(default_factory=dict)

    @classmethod
    def empty(cls) -> "History":
        return cls([], [], [], [], [], [], [], [])

    def snapshot(self) -> "History":
        """Plain copies of every list (safe to hand to another thread)."""
        lists = (list(getattr(self, f)) for f in self.__dataclass_fields__ if f != "heads")
        return History(*lists, heads={k: {f: list(v) for f, v in d.items()}
                                      for k, d in self.heads.items()})

    @property
    def has_accuracy(self) -> bool:
        return any(not math.isnan(a) for a in self.train_accuracy)

    @property
    def has_dev(self) -> bool:
        return any(not math.isnan(c) for c in self.dev_cost)


class Trainer:
    """Train ``graph`` (in place) on ``train``; evaluate on ``dev`` at the end of each epoch.

    Dataset arrays are fed to the input nodes of the same name; other arrays are ignored.
    ``target`` is the cost node (default: the executor's, the last scalar sink).
    """

    def __init__(self, graph: Graph, train: Dataset, dev: Dataset | None = None,
                 config: TrainConfig | None = None, target: str | None = None) -> None:
        self.graph = graph
        self.config = config = config if config is not None else TrainConfig()
        config.validate()
        if len(train) == 0:
            raise ValueError(Msg("train.empty"))
        self.dtype = np.dtype(config.dtype)
        self.executor = Executor(graph, target, dtype=self.dtype, seed=config.seed)
        if self.executor.target is None:
            raise GraphError(Msg("train.no_cost"))
        if graph.shapes[self.executor.target].out != ():
            raise GraphError(Msg("train.cost_not_scalar",
                                 name=graph.nodes[self.executor.target].name))
        self.target = self.executor.target
        self.loss_node = find_loss_node(graph, self.target)
        self.heads = loss_heads.loss_heads(graph, self.target)
        self.head_values: dict[str, tuple[float, float]] = {}   # of the last evaluation
        self.train = train
        self.dev = dev
        self.graph_feeds = feed_inputs(graph)
        self._train_feeds = self._prepare(train, "training")
        self._dev_feeds = self._prepare(dev, "dev") if dev is not None else None
        self.optimizer = make_optimizer(config)
        self.history = History.empty()
        self.history.heads = loss_heads.empty_history(graph, self.heads)
        self.n = len(train)
        b = config.batch_size
        self.batch_size = self.n if b == 0 or b >= self.n else b
        self.batches_per_epoch = -(-self.n // self.batch_size)
        self.iteration = 0      # updates done so far
        self.epoch = 0          # epochs completed
        self._batch = 0         # next batch within the current epoch
        self._epoch_data: list[tuple[int, np.ndarray]] | None = None
        self._new_w: dict[Key, np.ndarray] = {}

    # -- data ----------------------------------------------------------------------------------
    def _prepare(self, ds: Dataset, what: str) -> list[tuple[str, np.ndarray]]:
        """(input id, array in the dtype that input is fed with), one per input node."""
        out = []
        for nid in self.executor.order:
            node = self.graph.nodes[nid]
            if not get_op(node.op).is_feed:
                continue
            if node.name not in ds.arrays:
                raise ValueError(Msg("train.no_input_array", what=Msg(f"train.for_{what}"),
                                     name=node.name,
                                     arrays=", ".join(ds.arrays) or Msg("op.none")))
            arr = convert_feed(Msg("train.data_for", what=Msg(f"train.for_{what}"), name=node.name),
                               ds.arrays[node.name],
                               node.params["dtype"], self.dtype)
            out.append((nid, np.ascontiguousarray(arr)))
        return out

    def _start_epoch(self) -> None:
        """Shuffle once for the epoch; batches are then slices of the shuffled arrays."""
        feeds = self._train_feeds
        if self.config.shuffle and self.batches_per_epoch > 1:
            perm = np.random.default_rng([self.config.seed, self.epoch]).permutation(self.n)
            feeds = [(nid, np.take(a, perm, axis=0)) for nid, a in feeds]
        self._epoch_data = feeds

    def _batch_feeds(self, i: int) -> dict[str, np.ndarray]:
        if self.batches_per_epoch == 1:
            return dict(self._epoch_data)
        lo = i * self.batch_size
        hi = lo + self.batch_size
        return {nid: a[lo:hi] for nid, a in self._epoch_data}

    # -- progress ------------------------------------------------------------------------------
    @property
    def total_iterations(self) -> int:
        return self.config.epochs * self.batches_per_epoch

    @property
    def done(self) -> bool:
        return self.epoch >= self.config.epochs

    # -- one iteration -------------------------------------------------------------------------
    def step(self) -> float:
        """One mini-batch: forward, backward, update. Returns that batch's cost (before the
        update). Ends the epoch (and evaluates train/dev) after its last batch."""
        if self.done:
            raise RuntimeError(Msg("train.finished", epochs=self.config.epochs))
        if self._batch == 0 or self._epoch_data is None:
            self._start_epoch()
        with np.errstate(all="ignore"):   # NaN and overflow are caught below, by name
            cost, grads = self.executor.run(self._batch_feeds(self._batch), training=True)
            c = float(cost)
            if not math.isfinite(c):
                self._diverged(grads)
            acc = self._accuracy()   # from this forward pass, before the update below
            weights = self.graph.nodes
            new = self._new_w
            ok = True
            for key, g in grads.items():
                w = weights[key[0]].weights[key[1]]
                buf = new.get(key)
                if buf is None or buf.shape != w.shape or buf.dtype != w.dtype:
                    buf = new[key] = np.empty_like(w)
                self.optimizer.new_value(key, w, g, buf)
                # a NaN or inf gradient always makes the new value NaN or inf; one float64
                # sum per array finds either without false alarms
                ok = ok and math.isfinite(float(buf.sum(dtype=np.float64)))
            if not ok:
                self._diverged(grads, update=True)
        for key in grads:
            np.copyto(weights[key[0]].weights[key[1]], new[key])
        self.iteration += 1
        h = self.history
        h.iterations.append(self.iteration)
        h.cost.append(c)
        h.accuracy.append(math.nan if acc is None else acc)
        self._batch += 1
        if self._batch >= self.batches_per_epoch:
            self._batch = 0
            self._epoch_data = None
            self.epoch += 1
            self._end_epoch()
        return c

    def _end_epoch(self) -> None:
        h = self.history
        with np.errstate(all="ignore"):
            tc, ta = self._evaluate_feeds(self._train_feeds)
        train_heads = self.head_values
        h.epochs.append(self.epoch)
        h.epoch_iteration.append(self.iteration)
        h.train_cost.append(tc)
        h.train_accuracy.append(math.nan if ta is None else ta)
        if self._dev_feeds is not None:
            dc, da = self._evaluate_feeds(self._dev_feeds)
        else:
            dc, da = math.nan, None
        dev_heads = self.head_values if self._dev_feeds is not None else {}
        h.dev_cost.append(dc)
        h.dev_accuracy.append(math.nan if da is None else da)
        for nid in self.heads:
            lists = h.heads[loss_heads.head_label(self.graph, nid)]
            for part, values in (("train", train_heads), ("dev", dev_heads)):
                cost, acc = values.get(nid, (math.nan, math.nan))
                lists[f"{part}_cost"].append(cost)
                lists[f"{part}_accuracy"].append(acc)
        why = divergence(h)
        if why and not math.isfinite(tc) and not self.done:
            return   # the next iteration stops at the value that overflows, and names its node
        if why:
            node = None if math.isfinite(tc) else self.executor.first_nonfinite()
            said = Msg("train.stopped_epoch_at", epoch=self.epoch, why=why, node=node,
                       fix=self._fix()) if node else \
                Msg("train.stopped_epoch", epoch=self.epoch, why=why, fix=self._fix())
            raise TrainingDiverged(said, node, self.iteration, self._suggestion())

    def _suggestion(self) -> float:
        return suggest_lr(self.config.lr, self.config.optimizer)

    def _fix(self) -> Msg:
        return Msg("train.lr_fix", lr=self.config.lr, suggest=self._suggestion())

    def _diverged(self, grads: dict, update: bool = False) -> None:
        node = self.executor.first_nonfinite()
        if node is None:
            bad = [key for key, g in grads.items() if not np.isfinite(g).all()]
            if not bad and update:
                bad = [key for key in grads if not np.isfinite(self._new_w[key]).all()]
            node = self.graph.nodes[bad[0][0]].name if bad else None
        it = self.iteration + 1
        said = Msg("train.stopped_nan_at", it=it, node=node, fix=self._fix()) if node else \
            Msg("train.stopped_nan", it=it, fix=self._fix())
        raise TrainingDiverged(said, node, it, self._suggestion())

    # -- many iterations -----------------------------------------------------------------------
    def run(self, max_iterations: int | None = None, should_stop: Callable[[], bool] | None = None,
            on_progress: Callable[["Trainer"], None] | None = None,
            progress_interval: float = 0.1) -> int:
        """Iterate until done, ``max_iterations`` more iterations, or ``should_stop()`` is true.

        Call again to resume exactly where it stopped. ``on_progress(trainer)`` is called at
        most every ``progress_interval`` seconds, at every epoch end, and when the run returns.
        Returns the number of iterations done by this call.
        """
        count = 0
        last = time.perf_counter()
        epoch = self.epoch
        try:
            while not self.done and (max_iterations is None or count < max_iterations):
                if should_stop is not None and should_stop():
                    break
                self.step()
                count += 1
                if on_progress is not None:
                    now = time.perf_counter()
                    if self.epoch != epoch or now - last >= progress_interval:
                        epoch, last = self.epoch, now
                        on_progress(self)
        finally:
            if on_progress is not None and count:
                on_progress(self)
        return count

    # -- evaluation ----------------------------------------------------------------------------
    def evaluate(self, dataset: Dataset) -> tuple[float, float | None]:
        """(cost, accuracy) on a whole dataset in evaluation mode; accuracy None for regression."""
        return self._evaluate_feeds(self._prepare(dataset, "evaluation"))

    def _evaluate_feeds(self, feeds: list[tuple[str, np.ndarray]],
                        chunk: int = 4096) -> tuple[float, float | None]:
        if not self.graph_feeds:       # no inputs: J depends on the parameters alone
            with np.errstate(all="ignore"):
                cost, _ = self.executor.run({}, training=False, backward=False)
            return float(cost), None
        n = len(feeds[0][1]) if feeds else 0
        self.head_values = {}
        if n == 0:
            return math.nan, None
        ex = self.executor
        total_c, total_a, has_acc = 0.0, 0.0, False
        heads = {nid: [0.0, 0.0] for nid in self.heads}
        for lo in range(0, n, chunk):
            part = {nid: a[lo:lo + chunk] for nid, a in feeds}
            m = len(next(iter(part.values())))
            with np.errstate(all="ignore"):
                cost, _ = ex.run(part, training=False, backward=False)
            total_c += float(cost) * m
            if heads:
                vals = ex.last_values
                figures = loss_heads.head_figures(self.graph, self.heads,
                                                  lambda nid: vals[ex.index[nid]])
                for nid, (c, a) in figures.items():
                    heads[nid][0] += c * m
                    heads[nid][1] += a * m
            acc = self._accuracy()
            if acc is not None:
                has_acc = True
                total_a += acc * m
        self.head_values = {nid: (c / n, a / n) for nid, (c, a) in heads.items()}
        return total_c / n, (total_a / n if has_acc else None)

    def _accuracy(self) -> float | None:
        """Accuracy from the last forward pass, or None when the loss has none."""
        if self.loss_node is None:
            return None
        ex = self.executor
        srcs = ex.entries[ex.index[self.loss_node]].srcs
        vals = ex.last_values
        pred, tgt = vals[srcs[0]], vals[srcs[1]]
        a = accuracy(self.graph.nodes[self.loss_node].op, pred, tgt)
        return None if a is None else float(a)

    def predict(self, dataset: Dataset, node: str) -> np.ndarray:
        """The value of ``node`` (id or name) for every example, in evaluation mode."""
        nid = self.graph.resolve(node)
        ex = self.executor
        ex.run(dict(self._prepare(dataset, "prediction")), training=False, backward=False)
        v = ex.last_values[ex.index[nid]]
        if v is None:
            raise GraphError(Msg("train.not_on_path", name=self.graph.nodes[nid].name))
        return np.array(v)


NO_DATA = Dataset({"none": np.zeros((1, 0), np.float32)}, "no data",
                  "One empty example, for graphs without inputs (J of the parameters alone)")


def find_loss_node(graph: Graph, target: str) -> str | None:
    """The loss node at or upstream of ``target`` that takes (prediction, target): the last one
    in plan order, or None when there is none."""
    relevant = graph.ancestors(target) | {target}
    found = None
    for nid in graph.topo_order():
        if nid not in relevant:
            continue
        op = get_op(graph.nodes[nid].op)
        if op.category == "Losses" and len(op.inputs) == 2:
            found = nid
    return found


def same_start(graph: Graph, count: int = 3) -> list[Graph]:
    """``count`` independent copies of ``graph`` holding the same initial weights, so runs with
    different settings (batch, mini-batch, stochastic) start from the same point."""
    snap = graph.weight_snapshot()
    copies = []
    for _ in range(count):
        g = graph.copy()
        g.load_weight_snapshot(snap)
        copies.append(g)
    return copies
