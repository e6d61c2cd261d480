"""Generated datasets (nothing is downloaded). Every generator is seeded and returns a
:class:`engine.training.Dataset` whose features are ``"x"`` and labels ``"y"``:

- classification: ``y`` is (N,) int class ids (for ``softmax_ce``), except :func:`line`, whose
  ``y`` is (N, 1) float 0/1 (for ``bce_logits`` on a one-unit dense output);
- regression (:func:`housing`): ``y`` is (N, 1) float.

``meta`` carries ``task`` ('classification' or 'regression'), ``classes`` and, where useful,
names of features and classes.
"""
from __future__ import annotations

import numpy as np

from .msg import Msg, MsgError
from .training import Dataset

__all__ = ["xor", "circles", "moons", "spirals", "blobs", "line", "housing", "other_distribution",
           "word_pairs", "shapes", "gratings", "GENERATORS"]


def _cls(x: np.ndarray, y: np.ndarray, name: str, description: str, classes: int,
         **meta) -> Dataset:
    return Dataset({"x": x.astype(np.float32), "y": y.astype(np.int64)}, name, description,
                   {"task": "classification", "classes": classes, **meta})


def _shuffle(rng: np.random.Generator, x: np.ndarray, y: np.ndarray):
    p = rng.permutation(len(x))
    return x[p], y[p]


def xor(n: int = 400, noise: float = 0.3, seed: int = 0) -> Dataset:
    """Four Gaussian clusters at (±1, ±1); class 1 where the signs differ. x (N, 2), y (N,)."""
    rng = np.random.default_rng(seed)
    centers = np.array([[1, 1], [-1, -1], [1, -1], [-1, 1]], float)
    labels = np.array([0, 0, 1, 1])
    k = rng.integers(0, 4, n)
    x = centers[k] + noise * rng.standard_normal((n, 2))
    return _cls(x, labels[k], "xor", Msg("dataset.xor"), 2)


def circles(n: int = 400, noise: float = 0.08, factor: float = 0.5, seed: int = 0) -> Dataset:
    """Two concentric rings: class 0 outer (radius 1), class 1 inner (radius ``factor``)."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    r = np.where(y == 0, 1.0, factor)
    t = rng.uniform(0, 2 * np.pi, n)
    x = np.stack([r * np.cos(t), r * np.sin(t)], 1) + noise * rng.standard_normal((n, 2))
    x, y = _shuffle(rng, x, y)
    return _cls(x, y, "circles", Msg("dataset.circles"), 2)


def moons(n: int = 400, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Two interleaving half circles. x (N, 2), y (N,)."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 2
    t = rng.uniform(0, np.pi, n)
    x = np.where(y[:, None] == 0,
                 np.stack([np.cos(t), np.sin(t)], 1),
                 np.stack([1 - np.cos(t), 0.5 - np.sin(t)], 1))
    x = x - [0.5, 0.25] + noise * rng.standard_normal((n, 2))
    x, y = _shuffle(rng, x, y)
    return _cls(x, y, "moons", Msg("dataset.moons"), 2)


def spirals(n: int = 600, classes: int = 3, noise: float = 0.2, turns: float = 1.0,
            seed: int = 0) -> Dataset:
    """``classes`` interleaved spiral arms. x (N, 2), y (N,) in 0..classes-1."""
    if classes < 2:
        raise MsgError(Msg("load.spiral_classes", classes=classes))
    rng = np.random.default_rng(seed)
    y = np.arange(n) % classes
    r = rng.uniform(0.05, 1.0, n)
    t = y * 2 * np.pi / classes + r * turns * 2 * np.pi + noise * rng.standard_normal(n)
    x = np.stack([r * np.sin(t), r * np.cos(t)], 1)
    x, y = _shuffle(rng, x, y)
    return _cls(x, y, "spirals", Msg("dataset.spirals", classes=classes), classes)


def blobs(n: int = 400, centers: int = 3, std: float = 0.5, dim: int = 2,
          seed: int = 0) -> Dataset:
    """Gaussian blobs around ``centers`` random centres in [-2, 2]^dim. x (N, dim), y (N,)."""
    rng = np.random.default_rng(seed)
    c = rng.uniform(-2, 2, (centers, dim))
    y = np.arange(n) % centers
    x = c[y] + std * rng.standard_normal((n, dim))
    x, y = _shuffle(rng, x, y)
    return _cls(x, y, "blobs", Msg("dataset.blobs", centers=centers), centers)


def line(n: int = 200, slope: float = 0.6, offset: float = 0.2, noise: float = 0.1,
         seed: int = 0) -> Dataset:
    """Points on either side of the line x₂ = slope·x₁ + offset, for logistic regression.

    x (N, 2); y (N, 1) float: 1 above the line, 0 below (``noise`` blurs the boundary).
    """
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.5, 1.5, (n, 2))
    margin = x[:, 1] - (slope * x[:, 0] + offset) + noise * rng.standard_normal(n)
    y = (margin > 0).astype(np.float32)[:, None]
    return Dataset({"x": x.astype(np.float32), "y": y}, "line", Msg("dataset.line"),
                   {"task": "classification", "classes": 2})


HOUSING_FEATURES = ("size", "bedrooms", "zip_code", "wealth")
HOUSING_LATENT = ("family_size", "walkability", "school_quality")


def housing(n: int = 500, noise: float = 0.1, seed: int = 0) -> Dataset:
    """House prices from hidden factors (the course's example of what hidden units learn).

    Raw inputs: size (m²), bedrooms, zip code (district 0 at the centre to 9 at the edge) and
    the neighbourhood's wealth. Hidden factors: family size (from size and bedrooms),
    walkability (from the district) and school quality (from wealth and district). The price is a positive
    combination of the hidden factors plus noise.

    x (N, 4) standardized features; y (N, 1) standardized price; ``"latent"`` (N, 3) the hidden
    factors (not fed: for correlating hidden units with them). meta: feature_names,
    latent_names, price_mean, price_std (thousands).
    """
    rng = np.random.default_rng(seed)
    size = rng.uniform(40, 250, n)
    bedrooms = np.clip(np.round(size / 45 + rng.normal(0, 0.7, n)), 1, 6)
    zip_code = rng.integers(0, 10, n).astype(float)      # 0 = city centre … 9 = outskirts
    wealth = np.clip(0.4 + 0.02 * zip_code + rng.uniform(-0.35, 0.35, n), 0, 1)
    family = 0.6 * (size - 145) / 60 + 0.4 * (bedrooms - 3.5) / 1.3
    walk = 1 - 2 * zip_code / 9 + 0.1 * rng.standard_normal(n)
    school = 2.5 * (wealth - 0.5) + 0.2 * (zip_code / 9 - 0.5) + 0.1 * rng.standard_normal(n)
    latent = np.stack([family, walk, school], 1)
    z = (latent - latent.mean(0)) / latent.std(0)
    price = 300 + 60 * z[:, 0] + 45 * z[:, 1] + 45 * z[:, 2]
    price = price + noise * price.std() * rng.standard_normal(n)
    raw = np.stack([size, bedrooms, zip_code, wealth], 1)
    x = (raw - raw.mean(0)) / raw.std(0)
    pm, ps = float(price.mean()), float(price.std())
    y = ((price - pm) / ps)[:, None]
    return Dataset({"x": x.astype(np.float32), "y": y.astype(np.float32),
                    "latent": latent.astype(np.float32)}, "housing", Msg("dataset.housing"),
                   {"task": "regression", "classes": 0, "feature_names": list(HOUSING_FEATURES),
                    "latent_names": list(HOUSING_LATENT), "price_mean": pm, "price_std": ps})


def _rotate(x: np.ndarray, degrees: float, shift) -> np.ndarray:
    a = np.deg2rad(degrees)
    r = np.array([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    return (x @ r.T + np.asarray(shift, float)).astype(np.float32)


def other_distribution(kind: str = "moons", n: int = 400, n_dev: int = 200,
                       rotate: float = 40.0, shift=(0.6, -0.3),
                       seed: int = 0) -> tuple[Dataset, Dataset, Dataset]:
    """A dev set from another distribution: (train, dev_same, dev_other).

    train and dev_same come from the same generator ``kind``; dev_other is the same problem with
    its points rotated by ``rotate`` degrees and shifted by ``shift`` (as if taken with another
    camera). A model that does well on dev_same and badly on dev_other shows why dev and test
    sets must come from the distribution you care about.
    """
    gens = {"moons": moons, "xor": xor, "circles": circles, "spirals": spirals, "blobs": blobs}
    if kind not in gens:
        raise MsgError(Msg("load.kind", kinds=", ".join(gens), kind=kind))
    gen = gens[kind]
    train = gen(n=n, seed=seed)
    same = gen(n=n_dev, seed=seed + 1000)
    other = gen(n=n_dev, seed=seed + 2000)
    other = Dataset({"x": _rotate(other["x"], rotate, shift), "y": other["y"]},
                    Msg("dataset.name_other", kind=kind),
                    Msg("dataset.rotated", kind=kind, degrees=f"{rotate:g}"), other.meta)
    train.name, same.name = Msg("dataset.name_train", kind=kind), Msg("dataset.name_same", kind=kind)
    return train, same, other


_TOPICS = {
    "animals": ["cat", "dog", "mouse", "horse", "bird", "fish"],
    "food": ["bread", "cheese", "apple", "soup", "rice", "cake"],
    "royalty": ["king", "queen", "prince", "princess", "crown", "castle"],
    "colors": ["red", "green", "blue", "yellow", "black", "white"],
    "numbers": ["one", "two", "three", "four", "five", "six"],
}
_FILLER = ["the", "a", "and", "of", "is", "with"]


def word_pairs(sentences: int = 400, length: int = 8, window: int = 2, filler: float = 0.25,
               seed: int = 0) -> Dataset:
    """Skip-gram pairs from a tiny made-up corpus whose sentences each stay on one topic.

    Words of the same topic co-occur, so trained embeddings group them. x (N,) int center word
    ids, y (N,) int context word ids. meta: vocab (id -> word), topics (word -> topic),
    sentences (lists of ids).
    """
    rng = np.random.default_rng(seed)
    vocab = _FILLER + [w for ws in _TOPICS.values() for w in ws]
    ids = {w: i for i, w in enumerate(vocab)}
    topic_of = {w: t for t, ws in _TOPICS.items() for w in ws}
    names = list(_TOPICS)
    corpus = []
    for _ in range(sentences):
        words = _TOPICS[names[rng.integers(len(names))]]
        s = [_FILLER[rng.integers(len(_FILLER))] if rng.random() < filler
             else words[rng.integers(len(words))] for _ in range(length)]
        corpus.append([ids[w] for w in s])
    centers, contexts = [], []
    for s in corpus:
        for i, c in enumerate(s):
            for j in range(max(0, i - window), min(len(s), i + window + 1)):
                if j != i:
                    centers.append(c)
                    contexts.append(s[j])
    return Dataset({"x": np.array(centers, np.int64), "y": np.array(contexts, np.int64)},
                   "word pairs", Msg("dataset.word_pairs"), {"task": "classification",
                                                    "classes": len(vocab), "vocab": vocab,
                                                    "topics": topic_of, "sentences": corpus})


SHAPE_CLASSES = ("horizontal bar", "vertical bar", "cross", "ring")


def shapes(n: int = 400, size: int = 8, noise: float = 0.1, seed: int = 0) -> Dataset:
    """Tiny grey images of bars, crosses and rings at random places.

    x (N, 1, size, size) float32 in [0, 1]; y (N,) int, see ``SHAPE_CLASSES``.
    """
    if size < 6:
        raise MsgError(Msg("load.shape_size", size=size))
    rng = np.random.default_rng(seed)
    y = np.arange(n) % len(SHAPE_CLASSES)
    x = np.zeros((n, 1, size, size), np.float32)
    rr, cc = np.mgrid[0:size, 0:size]
    for i, k in enumerate(y):
        img = x[i, 0]
        r, c = rng.integers(1, size - 1, 2)
        half = int(rng.integers(2, size // 2))
        if k == 0:
            img[r, max(0, c - half):c + half + 1] = 1
        elif k == 1:
            img[max(0, r - half):r + half + 1, c] = 1
        elif k == 2:
            r, c = rng.integers(2, size - 2, 2)
            img[r, max(0, c - half):c + half + 1] = 1
            img[max(0, r - half):r + half + 1, c] = 1
        else:
            rad = rng.uniform(1.5, max(1.6, size / 3))
            cy, cx = rng.uniform(rad, size - 1 - rad, 2)
            d = np.hypot(rr - cy, cc - cx)
            img[np.abs(d - rad) < 0.6] = 1
    x += noise * rng.standard_normal(x.shape).astype(np.float32)
    np.clip(x, 0, 1, out=x)
    x, y = _shuffle(rng, x, y)
    return Dataset({"x": x, "y": y.astype(np.int64)}, "shapes", Msg("dataset.shapes"),
                   {"task": "classification", "classes": len(SHAPE_CLASSES),
                    "class_names": list(SHAPE_CLASSES)})


def gratings(n: int = 120, channels: int = 32, size: int = 16, classes: int = 10,
             noise: float = 0.3, seed: int = 0) -> Dataset:
    """Striped patterns (gratings) in ``classes`` orientations, for convolutional networks with
    many input channels such as the inception examples.

    Class k is a grating at angle k·180°/classes. Every channel shows it with its own phase
    and contrast, plus noise, as if each channel were a feature map of an earlier layer.
    x (N, channels, size, size) float32; y (N,) int in 0..classes-1. meta: class_names
    (the angles).
    """
    if classes < 2 or channels < 1 or size < 4:
        raise MsgError(Msg("load.gratings", classes=classes, channels=channels, size=size))
    rng = np.random.default_rng(seed)
    y = np.arange(n) % classes
    angle = np.pi * y / classes + rng.normal(0, 0.05, n)
    freq = rng.uniform(0.15, 0.3, n)
    rr, cc = np.mgrid[0:size, 0:size].astype(np.float64)
    along = (np.cos(angle)[:, None, None] * cc + np.sin(angle)[:, None, None] * rr)
    phase = rng.uniform(0, 2 * np.pi, (n, channels))
    contrast = rng.uniform(0.5, 1.0, (n, channels))
    x = contrast[:, :, None, None] * np.cos(2 * np.pi * freq[:, None, None, None]
                                           * along[:, None] + phase[:, :, None, None])
    x += noise * rng.standard_normal(x.shape)
    return Dataset({"x": x.astype(np.float32), "y": y.astype(np.int64)}, "gratings",
                   Msg("dataset.gratings", size=size, classes=classes, channels=channels),
                   {"task": "classification", "classes": classes,
                    "class_names": [f"{180 * k / classes:g}°" for k in range(classes)]})


GENERATORS = {"xor": xor, "circles": circles, "moons": moons, "spirals": spirals, "blobs": blobs,
              "line": line, "housing": housing, "word_pairs": word_pairs, "shapes": shapes,
              "gratings": gratings}
