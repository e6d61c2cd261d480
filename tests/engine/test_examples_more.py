"""The five examples of engine.examples_more: their data is what they say, their graphs are
wired as described, and the claim each makes holds from seed 0 (the training targets themselves
are held by test_example_targets)."""
from __future__ import annotations

import numpy as np
import pytest

from engine.data import loops
from engine.data.digits import digits
from engine.examples import EXAMPLES, build
from engine.examples_more import (BRANCHES, MORE_EXAMPLES, loss_accuracies, noisy_shifted,
                                  top_example_purity)
from engine.executor import Executor
from engine.gradcheck import gradient_check
from engine.ops.practice import MISTAKES
from engine.training import Dataset, TrainConfig, Trainer, find_loss_node


def _rows(*arrays: np.ndarray) -> list[bytes]:
    """Every row of the arrays as bytes, sorted: a multiset to compare data sets by."""
    return sorted(r.tobytes() for a in arrays for r in np.ascontiguousarray(a, np.float32))


def test_all_five_are_registered_with_a_training_target():
    assert set(MORE_EXAMPLES) <= set(EXAMPLES)
    assert all("target" in build(n)[2] for n in MORE_EXAMPLES)


# -- vectorization ---------------------------------------------------------------------------
def test_vectorization_data_is_zero_against_the_rest():
    _, data, _ = build("vectorization")
    d = digits()
    np.testing.assert_array_equal(data["x"], d["x"])
    np.testing.assert_array_equal(data["y"][:, 0], (d["y"] == 0).astype(np.float32))
    assert 0.05 < data["y"].mean() < 0.15          # about one digit in ten is a 0
    X, y, task = loops.binary_task(data)
    assert task == "the 0/1 label" and X.shape == (len(d), 64)


def test_both_ways_of_the_step_agree_on_the_example_data_and_loops_are_slower():
    _, data, _ = build("vectorization")
    c = loops.compare(data, repeats=1, limit=400)
    assert c.examples == 400 and c.features == 64
    assert c.max_difference < 1e-9
    assert c.loop_s > c.vector_s


# -- activation functions --------------------------------------------------------------------
def test_four_branches_each_with_its_activation_and_loss():
    g, _, info = build("activation_functions")
    J = g.nodes[g.by_name("J")]
    assert J.op == "add_n"
    assert [g.nodes[s].name for s in g.inputs_of(g.by_name("J"))] == \
        [f"L_{short}" for short, _ in BRANCHES]
    for short, act in BRANCHES:
        for layer in (f"{short}1", f"{short}2"):
            assert g.nodes[g.by_name(layer)].params["activation"] == act
        loss = g.by_name(f"L_{short}")
        assert g.nodes[g.inputs_of(loss)[0]].name == f"{short}_z"
    assert {a for _, a in BRANCHES} == {"relu", "leaky_relu", "tanh", "sigmoid"}
    assert info["branches"] == {short: f"L_{short}" for short, _ in BRANCHES}


def test_every_branch_starts_from_the_same_weights():
    g, _, _ = build("activation_functions")
    first = BRANCHES[0][0]
    for short, _ in BRANCHES[1:]:
        for suffix in ("1", "2", "_z"):
            a, b = g.nodes[g.by_name(first + suffix)], g.nodes[g.by_name(short + suffix)]
            assert set(a.weights) == set(b.weights) == {"W", "b"}
            for k in a.weights:
                np.testing.assert_array_equal(a.weights[k], b.weights[k])
                assert a.weights[k] is not b.weights[k]      # copies, not one shared array


def test_a_branch_gets_exactly_its_own_loss_gradient():
    """J's gradient for relu's weights equals L_relu's own: the branches train independently."""
    g, data, _ = build("activation_functions")
    feeds = {"x": data["x"][:16], "y": data["y"][:16]}
    _, from_j = Executor(g, dtype=np.float64).run(feeds)
    _, from_l = Executor(g, g.by_name("L_relu"), dtype=np.float64).run(feeds)
    relu = {g.by_name(n) for n in ("relu1", "relu2", "relu_z")}
    mine = {k: v for k, v in from_j.items() if k[0] in relu}
    assert len(mine) == 6 and set(from_l) == set(mine)
    for k in mine:
        np.testing.assert_allclose(mine[k], from_l[k], rtol=1e-12)


def test_training_reports_the_last_branch_as_the_guide_says():
    g, _, _ = build("activation_functions")
    assert g.nodes[find_loss_node(g, g.by_name("J"))].name == f"L_{BRANCHES[-1][0]}"


def test_before_training_the_gradient_reaching_sigmoid1_is_the_smallest():
    g, data, _ = build("activation_functions")
    ex = Executor(g, dtype=np.float64)
    ex.reset({"x": data["x"][:4], "y": data["y"][:4]})
    ex.run_forward()
    ex.run_backward()
    size = {g.nodes[n].name: float(np.abs(v).mean()) for n, v in ex.grads().items()}
    for other in ("tanh1", "relu1", "leaky1"):
        assert size["sigmoid1"] * 3 < size[other], size


def test_loss_accuracies_reads_each_branch():
    g, data, _ = build("activation_functions")
    accs = loss_accuracies(g, data)
    assert set(accs) == {f"L_{short}" for short, _ in BRANCHES}
    # against a hand count on each branch's logits
    ex = Executor(g, dtype=np.float64)
    ex.run({"x": data["x"], "y": data["y"]}, training=False, backward=False)
    for short, _ in BRANCHES:
        z = ex.last_values[ex.index[g.by_name(f"{short}_z")]][:, 0]
        hand = np.mean((z > 0) == (data["y"][:, 0] > 0.5))
        assert accs[f"L_{short}"] == pytest.approx(hand)
    assert len(set(accs.values())) > 1       # four different predictions, not one read four times


# -- representation learning -----------------------------------------------------------------
@pytest.fixture(scope="module")
def deep():
    g, train, info = build("representation_learning")
    before = [top_example_purity(g, train, layer) for layer in info["layers"]]
    Trainer(g, train, info["dev_sets"]["dev"], TrainConfig(**info["train"])).run()
    after = [top_example_purity(g, train, layer) for layer in info["layers"]]
    return g, train, info, before, after


def test_dev_digits_are_held_out_from_training():
    _, train, info = build("representation_learning")
    dev = info["dev_sets"]["dev"]
    assert len(train) + len(dev) == len(digits()) and len(dev) > 300
    assert train["x"].shape[1:] == (1, 8, 8)          # images, so views draw them as pictures
    assert _rows(train["x"], dev["x"]) == _rows(digits()["x"])


def test_later_layers_respond_to_single_digits_after_training(deep):
    _, _, info, before, after = deep
    assert info["layers"] == ["layer1", "layer2", "layer3"]
    assert after[0] + 0.03 < after[1] and after[1] + 0.03 < after[2], after
    assert after[2] > 0.85, after
    # learned, not built in: before training no layer's units prefer one digit this much
    assert max(before) < 0.7 and after[2] - max(before) > 0.2, (before, after)


def test_purity_counts_the_commonest_label_among_the_top_examples():
    from engine.graph import Graph
    g = Graph(0)
    x = g.add_node("input", {"shape": (None, 2)}, name="x")
    h = g.add_node("dense", {"units": 2, "activation": "identity", "bias": False}, name="h")
    g.connect(x, h, 0)
    g.set_weights(h, {"W": np.array([[1.0, 0.0], [0.0, 1.0]])})
    xs = np.array([[4, 0], [3, 1], [2, 9], [1, 8], [0, 7], [0, 6]], np.float32)
    ys = np.array([5, 5, 1, 2, 2, 3])
    data = Dataset({"x": xs, "y": ys})
    # unit 0's top 2: rows 0, 1 (labels 5, 5) → 1.0; unit 1's top 2: rows 2, 3 (1, 2) → 0.5
    assert top_example_purity(g, data, "h", k=2) == pytest.approx(0.75)


# -- gradient checking -----------------------------------------------------------------------
WRONG = {
    "none": set(),
    "wrong_sign": {"hidden2.W"},
    "no_transpose": {"hidden2.W"},
    "db_mean": {"hidden2.b"},
    "no_derivative": {"hidden2.W", "hidden2.b", "hidden1.W", "hidden1.b"},
    "no_dx": {"hidden1.W", "hidden1.b"},
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_the_check_calls_exactly_the_broken_arrays_wrong(mistake):
    g, data, info = build("gradient_checking")
    node = g.by_name(info["practice_node"])
    assert g.nodes[node].op == "practice_dense" and g.nodes[node].params["mistake"] == "none"
    feeds = {"x": data["x"][:4], "y": data["y"][:4]}       # what the Gradient check dock feeds
    g.set_params(node, {"mistake": mistake})
    checks = gradient_check(g, feeds)
    verdicts = {f"{c.node_name}.{c.array}": c.verdict for c in checks}
    assert len(verdicts) == 6 and not any(c.kinks for c in checks)
    assert {k for k, v in verdicts.items() if v == "wrong"} == WRONG[mistake], verdicts
    assert {k for k, v in verdicts.items() if v == "good"} == set(verdicts) - WRONG[mistake]
    g.set_params(node, {"mistake": "none"})                  # fixed again: all good
    assert {c.verdict for c in gradient_check(g, feeds)} == {"good"}


def test_a_sign_mistake_spoils_training_too():
    g, data, info = build("gradient_checking")
    right = Trainer(g, data, None, TrainConfig(**info["train"]))
    right.run()
    g2, _, _ = build("gradient_checking")
    g2.set_params(g2.by_name("hidden2"), {"mistake": "wrong_sign"})
    wrong = Trainer(g2, data, None, TrainConfig(**info["train"]))
    wrong.run()
    assert wrong.history.train_cost[-1] > right.history.train_cost[-1] + 0.02


# -- dev and test from other distributions ---------------------------------------------------
def test_mismatch_sets_are_disjoint_and_only_the_noisy_one_is_changed():
    _, train, info = build("digits_mismatch")
    clean, noisy = info["dev_sets"]["clean digits"], info["dev_sets"]["noisy, shifted digits"]
    assert list(info["dev_sets"])[-1] == "noisy, shifted digits"   # the one the dock picks
    d = digits()
    assert len(train) + len(clean) + len(noisy) == len(d)
    assert len(train) > 2 * len(noisy) > 500
    # train and the clean dev set are untouched digits; the noisy set is none of the originals
    assert set(_rows(train["x"], clean["x"])) <= set(_rows(d["x"]))
    assert not set(_rows(noisy["x"])) & set(_rows(d["x"]))
    assert 0.0 <= noisy["x"].min() and noisy["x"].max() <= 1.0
    assert np.bincount(noisy["y"], minlength=10).min() > 10       # every digit is there


def test_noisy_shifted_moves_each_digit_by_at_most_one_pixel():
    d = digits(limit=60)
    moved = noisy_shifted(d, sigma=0.0, seed=3)
    np.testing.assert_array_equal(moved["y"], d["y"])
    img, out = d["x"].reshape(-1, 8, 8), moved["x"].reshape(-1, 8, 8)
    shifts = []
    for a, b in zip(img, out):
        found = [(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                 if np.array_equal(_shift(a, dy, dx), b)]
        assert found, "each output is its digit moved by at most a pixel"
        shifts.append(found[0])
    assert len(set(shifts)) > 4          # the moves vary
    noisy = noisy_shifted(d, sigma=0.25, seed=3)
    assert 0.1 < np.abs(noisy["x"] - moved["x"]).mean() < 0.3


def _shift(a: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """a (8, 8) moved down dy and right dx, zeros coming in (a plain reference)."""
    out = np.zeros_like(a)
    for i in range(8):
        for j in range(8):
            if 0 <= i - dy < 8 and 0 <= j - dx < 8:
                out[i, j] = a[i - dy, j - dx]
    return out
