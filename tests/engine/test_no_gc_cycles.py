"""A training step leaves no reference cycles behind (the garbage collector would otherwise
eat most of the time of a long run)."""
from __future__ import annotations

import gc

import pytest

from engine.examples import EXAMPLES, build
from engine.training import TrainConfig, Trainer


def _cycles_after(fn) -> list:
    gc.collect()
    gc.disable()
    old = gc.get_debug()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        fn()
        gc.collect()
        found = [type(o).__name__ for o in gc.garbage]
    finally:
        gc.set_debug(old)
        gc.garbage.clear()
        gc.enable()
    return found


@pytest.mark.parametrize("name,batch", [("xor_mlp", 32), ("xor_mlp", 0), ("housing", 16),
                                        ("small_cnn", 16), ("embedding", 64)])
def test_training_steps_create_no_reference_cycles(name, batch):
    g, data, _ = build(name)
    t = Trainer(g, data, data, TrainConfig(optimizer="adam", lr=0.01, batch_size=batch,
                                           epochs=10))
    t.step()  # first step allocates optimizer state and buffers

    def steps():
        for _ in range(3):
            t.step()
        t.evaluate(data)

    assert _cycles_after(steps) == []


def test_examples_build_without_cycles_in_forward_backward():
    assert "scalar_chain" in EXAMPLES
    g, _, _ = build("scalar_chain")
    from engine.executor import Executor
    ex = Executor(g)
    ex.run({})
    assert _cycles_after(lambda: [ex.run({}) for _ in range(3)]) == []
