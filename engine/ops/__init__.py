"""Every op, one module per family. Importing this package registers them all in REGISTRY."""
from . import sources, arithmetic, unary, shape_ops, activations, layers, conv, losses, arch  # noqa: F401
from .base import REGISTRY, Context, Op, ParamError, ParamSpec, ShapeError, WeightSpec, get_op, unbroadcast

CATEGORIES = ("Inputs", "Math", "Activations", "Layers", "Losses")


def ops_by_category() -> dict[str, list[Op]]:
    """The palette's view: category -> ops in registration order."""
    out: dict[str, list[Op]] = {c: [] for c in CATEGORIES}
    for op in REGISTRY.values():
        out.setdefault(op.category, []).append(op)
    return out


__all__ = ["REGISTRY", "CATEGORIES", "Context", "Op", "ParamError", "ParamSpec", "ShapeError",
           "WeightSpec", "get_op", "unbroadcast", "ops_by_category"]
