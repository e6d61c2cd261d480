"""Hostile or damaged ONNX files: each a clear error, no crash, nothing outside the folder read."""
from __future__ import annotations

import os

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

from engine.onnx import OnnxImportError, import_onnx
from engine.onnx import reader
from engine.onnx.zoo import vgg16


def save(model, path):
    path.write_bytes(model.SerializeToString())
    return path


def tiny(inits=(), nodes=None, shape=(1, 3, 4, 4)):
    nodes = nodes or [helper.make_node("Conv", ["x", "w"], ["y"], kernel_shape=[1, 1])]
    graph = helper.make_graph(nodes, "t", [helper.make_tensor_value_info("x", TensorProto.FLOAT, list(shape))],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], list(inits))
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    m.ir_version = 8
    return m


@pytest.mark.parametrize("cut", [0.5, 0.9, 0.01])
def test_truncated_file(tmp_path, cut):
    data = vgg16().SerializeToString()
    path = tmp_path / "cut.onnx"
    path.write_bytes(data[: int(len(data) * cut)])
    with pytest.raises(OnnxImportError, match="cut.onnx"):
        import_onnx(path)


GARBAGE = {"empty": b"", "zeros": b"\x00" * 64,
           "random": np.random.default_rng(7).integers(0, 256, 4096, dtype=np.uint8).tobytes(),
           "zip": b"PK\x03\x04 not onnx"}


@pytest.mark.parametrize("data", list(GARBAGE.values()), ids=list(GARBAGE))
def test_garbage(tmp_path, data):
    path = tmp_path / "junk.onnx"
    path.write_bytes(data)
    with pytest.raises(OnnxImportError, match="junk.onnx"):
        import_onnx(path)


def test_absurd_dimensions(tmp_path):
    shape = numpy_helper.from_array(np.asarray([10**7, 10**7, 1, 1], np.int64), "s")
    nodes = [helper.make_node("ConstantOfShape", ["s"], ["w"]),
             helper.make_node("Conv", ["x", "w"], ["y"], kernel_shape=[1, 1])]
    with pytest.raises(OnnxImportError, match="memory|absurd|channels"):
        import_onnx(save(tiny([shape], nodes), tmp_path / "big.onnx"))
    with pytest.raises(OnnxImportError, match="absurd"):
        import_onnx(save(tiny([numpy_helper.from_array(np.ones((1, 3, 1, 1), np.float32), "w")],
                              shape=(1, 3, 10**12, 10**12)), tmp_path / "wide.onnx"))


def test_cycle(tmp_path):
    nodes = [helper.make_node("Add", ["x", "b"], ["a"], name="first"),
             helper.make_node("Relu", ["a"], ["b"], name="second"),
             helper.make_node("Identity", ["b"], ["y"], name="out")]
    with pytest.raises(OnnxImportError, match="cycle: nodes first .*second"):
        import_onnx(save(tiny(nodes=nodes), tmp_path / "loop.onnx"))


def external(name: str, location: str):
    t = onnx.TensorProto()
    t.name, t.data_type = name, TensorProto.FLOAT
    t.dims.extend([2, 3, 1, 1])
    t.data_location = TensorProto.EXTERNAL
    for k, v in (("location", location), ("offset", "0"), ("length", str(2 * 3 * 4))):
        e = t.external_data.add()
        e.key, e.value = k, v
    return t


@pytest.mark.parametrize("where", ["../secret.bin", "ABS", "link.bin", "sub/../../secret.bin"])
def test_external_data_outside_the_folder_is_not_read(tmp_path, monkeypatch, where):
    folder = tmp_path / "model"
    folder.mkdir()
    secret = tmp_path / "secret.bin"
    secret.write_bytes(np.arange(6, dtype=np.float32).tobytes())
    (folder / "link.bin").symlink_to(secret)
    loc = str(secret) if where == "ABS" else where
    opened = []
    real_open = open
    monkeypatch.setattr(reader, "open", lambda p, *a, **k: opened.append(str(p)) or real_open(p, *a, **k),
                        raising=False)
    with pytest.raises(OnnxImportError, match="outside the model's folder|only files beside"):
        import_onnx(save(tiny([external("w", loc)]), folder / "m.onnx"))
    assert all(os.path.realpath(p) != str(secret) for p in opened)


def test_external_data_beside_the_model_is_read(tmp_path):
    values = np.arange(6, dtype=np.float32)
    (tmp_path / "w.bin").write_bytes(values.tobytes())
    g = import_onnx(save(tiny([external("w", "w.bin")]), tmp_path / "m.onnx"))
    conv = next(n for n in g.nodes.values() if n.op == "conv2d")
    np.testing.assert_array_equal(conv.weights["W"].reshape(-1), values)


def test_weights_larger_than_the_machine_are_refused_by_name(tmp_path):
    shape = numpy_helper.from_array(np.asarray([10**6, 3, 300, 300], np.int64), "s")   # 2.2 TB
    nodes = [helper.make_node("ConstantOfShape", ["s"], ["w"]),
             helper.make_node("Conv", ["x", "w"], ["y"], kernel_shape=[300, 300], name="huge")]
    with pytest.raises(OnnxImportError, match=r"y: it would hold .* \(2.2 TB\), more than this machine's"):
        import_onnx(save(tiny([shape], nodes, shape=(1, 3, 300, 300)), tmp_path / "huge.onnx"))


def test_a_cancelled_import_gives_nothing(tmp_path):
    path = tmp_path / "vgg.onnx"
    path.write_bytes(vgg16().SerializeToString())
    seen = []
    with pytest.raises(OnnxImportError, match="cancelled"):
        import_onnx(path, progress=lambda i, n: seen.append((i, n)), cancelled=lambda: bool(seen))
    assert seen == [(0, len(vgg16().graph.node))]


def test_damaged_bytes_give_only_import_errors(tmp_path):
    """Flip bytes of a real model at random places: every outcome is a graph or a clear error."""
    src = open(os.path.join(os.path.dirname(onnx.__file__), "backend", "test", "data", "light",
                            "light_squeezenet.onnx"), "rb").read()
    rng = np.random.default_rng(1)
    outcomes = {"graph": 0, "error": 0}
    for i in range(40):             # among these: names that are no longer UTF-8
        data = bytearray(src)
        for pos in rng.integers(0, len(data), int(rng.integers(1, 10))):
            data[pos] = int(rng.integers(0, 256))
        path = tmp_path / f"m{i}.onnx"
        path.write_bytes(bytes(data))
        try:
            import_onnx(path, arrange=False)
            outcomes["graph"] += 1
        except OnnxImportError as e:
            assert str(e)
            outcomes["error"] += 1
    assert outcomes["error"] > 0
