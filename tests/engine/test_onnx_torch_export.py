"""PyTorch code: on every example the generated module's values and gradients match the
engine's to 1e-5 (float64), and the script runs as written. Skipped without PyTorch."""
from __future__ import annotations

import importlib.util
import subprocess
import sys

import numpy as np
import pytest

from engine import Executor
from engine.examples import EXAMPLES, build
from engine.torch_export import TorchExportError, export_torch, torch_source
from engine import Graph
from tests import sweep

torch = pytest.importorskip("torch")


def load(path):
    spec = importlib.util.spec_from_file_location(f"exported_{abs(hash(path))}", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def feeds_for(g, ds, n=8):
    rng = np.random.default_rng(3)
    out = {}
    for node in g.nodes.values():
        if node.op == "input":
            if ds is not None and node.name in ds.arrays:
                out[node.name] = ds.arrays[node.name][:n]
            else:
                shape = tuple(n if d is None else d for d in node.params["shape"])
                out[node.name] = rng.integers(0, 2, shape) if node.params["dtype"] == "int" \
                    else rng.standard_normal(shape)
    return out


def close(a, b):
    """Equal shapes, the same infinities, finite values within 1e-5 (relative to max(1, |a|))."""
    a, b = np.asarray(a, np.float64), np.asarray(b, np.float64)
    if a.shape != b.shape or not np.array_equal(np.isfinite(a), np.isfinite(b)):
        return False
    fin = np.isfinite(a)
    if not np.array_equal(a[~fin], b[~fin]):
        return False
    a, b = a[fin], b[fin]
    return float(np.abs(a - b).max(initial=0.0)) <= 1e-5 * max(1.0, float(np.abs(a).max(initial=0.0)))


@pytest.mark.parametrize("name", sweep.examples(sorted(EXAMPLES)))
def test_module_matches_the_engine_values_and_gradients(name, tmp_path):
    g, ds, _ = build(name)
    for n in g.nodes.values():          # batch-norm statistics and biases away from 0 and 1
        for k in list(n.weights):
            n.weights[k] = np.asarray(n.weights[k]) + 0.05 * np.random.default_rng(1).random(n.weights.shape_of(k))
    path, _ = export_torch(g, tmp_path / f"{name}.py")
    mod = load(path)
    model = mod.Model().double()
    model.eval()
    feeds = feeds_for(g, ds)
    values = model(**feeds)
    ex = Executor(g.copy())
    ex.reset(feeds, training=False)
    ex.run_forward()
    engine = {ex.graph.nodes[nid].name: v for nid, v in ex.values().items()}
    assert set(values) == {n.name for n in g.nodes.values()}
    for k, v in values.items():
        assert close(engine[k], v.detach().numpy()), k
    if mod.COST is None:
        return
    values[mod.COST].backward()
    _, grads = Executor(g.copy()).run(feeds, training=False, backward=True)
    assert grads
    for (nid, array), ge in grads.items():
        p = model.w[f"{nid}_{array}".replace("-", "_")]
        assert p.grad is not None and close(ge, p.grad.numpy()), (g.nodes[nid].name, array)


def test_the_script_runs_as_written_and_trains(tmp_path, capsys, monkeypatch):
    g, ds, info = build("xor_mlp")
    path, _ = export_torch(g, tmp_path / "xor.py", data={k: v[:128] for k, v in ds.arrays.items()})
    run = subprocess.run([sys.executable, path, "--epochs", "10"], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    first, last = (float(x) for x in run.stdout.split("cost ")[1].split(" -> "))
    assert last < first
    bare = load(export_torch(g, tmp_path / "bare.py")[0])      # no data beside it
    monkeypatch.setattr(sys, "argv", ["bare.py"])
    bare.main()
    out = capsys.readouterr().out
    assert "one forward pass on random inputs" in out and "dense3: (2, 2)" in out and "J: ()" in out


def test_training_loop_follows_the_engine_optimizer(tmp_path):
    """One adam step in the script changes the weights as the engine's Adam does."""
    from engine.optimizers import Adam
    g, ds, _ = build("logistic_regression")
    feeds = {k: v[:16] for k, v in ds.arrays.items()}
    path, _ = export_torch(g, tmp_path / "lr.py")
    mod = load(path)
    model = mod.Model().double()
    config = dict(mod.CONFIG, optimizer="adam", lr=0.05, batch_size=0, shuffle=False)
    mod.train(model, feeds, epochs=2, config=config)
    ex = Executor(g)
    opt = Adam(0.05)
    weights = {(n, k): g.nodes[n].weights[k] for n in g.nodes for k in g.nodes[n].weights}
    for _ in range(2):
        _, grads = ex.run(feeds, training=True, backward=True)
        opt.update(weights, grads)
    for (nid, k), w in weights.items():
        assert close(w, model.w[f"{nid}_{k}"].detach().numpy()), (nid, k)


def test_a_broken_graph_is_refused():
    g = Graph()
    g.add_node("relu", {}, name="r")
    with pytest.raises(TorchExportError, match="r: input z"):
        torch_source(g, "w.npz")


def test_architecture_ops_match_too(tmp_path):
    from tests.engine.test_onnx_export import _wide_graph
    g = _wide_graph()
    t = g.add_node("input", {"shape": (None, 6)}, name="t")
    loss = g.add_node("mse", {}, name="J")
    g.connect(g.by_name("lsm"), loss, 0)
    g.connect(t, loss, 1)
    m = g.add_node("mean", {}, name="m")
    total = g.add_node("add_n", {}, name="total")
    g.connect(g.by_name("s"), m, 0)
    g.connect(loss, total, 0)
    g.connect(m, total, 1)
    path, _ = export_torch(g, tmp_path / "wide.py")
    model = load(path).Model().double()
    model.eval()
    rng = np.random.default_rng(4)
    feeds = {"x": rng.standard_normal((3, 4, 6, 6)), "t": rng.standard_normal((3, 6))}
    values = model(**feeds)
    ex = Executor(g.copy())
    ex.reset(feeds, training=False)
    ex.run_forward()
    for nid, v in ex.values().items():
        assert close(v, values[g.nodes[nid].name].detach().numpy()), g.nodes[nid].name
    values["total"].backward()
    _, grads = Executor(g.copy()).run(feeds, training=False, backward=True)
    assert {g.nodes[n].op for n, _ in grads} >= {"group_conv2d", "batch_norm"}
    for (nid, array), ge in grads.items():
        assert close(ge, model.w[f"{nid}_{array}"].grad.numpy()), (g.nodes[nid].name, array)
