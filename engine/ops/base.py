"""The op interface every node kind implements, and the registry that names them.

An op is a stateless description of one kind of node: its parameters, its input ports, the
trainable arrays it owns (weights), its shape rule, and its forward and backward math on plain
NumPy arrays. Per-node data (parameter values, weights) lives in the graph model, never on the op.

Shapes are tuples whose entries are ints, or ``None`` for a dimension left open (the batch).

Backward contract: ``backward`` receives the gradient of the output and returns one gradient per
input (``None`` where an input takes none). A returned input gradient may have the *broadcast*
shape of the computation; the executor sums it back to the input's shape in one place
(:func:`engine.ops.base.unbroadcast`), so no op has to remember to.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, ClassVar

import numpy as np

from ..messages import Msg

Shape = tuple  # tuple[int | None, ...]


class ShapeError(Exception):
    """Raised by ``infer_shape``: which input port is wrong, what was expected, what was found.
    ``message`` may be an :class:`engine.messages.Msg`; ``.message`` is then its English text
    and ``.msg`` the Msg itself, which the app shows in the user's language."""

    def __init__(self, message, port: int | None = None,
                 expected: str | None = None, found: str | None = None) -> None:
        super().__init__(message)
        self.message = str(message)
        self.msg = message if isinstance(message, Msg) else None
        self.port = port
        self.expected = expected
        self.found = found


class ParamError(ValueError):
    """A parameter value that an op does not accept; the message (a :class:`Msg`) names the
    parameter and the fix."""


@dataclass(frozen=True)
class ParamSpec:
    """One user-editable parameter of an op.

    kind: 'int', 'float', 'bool', 'choice', 'ints' (tuple of ints), 'shape' (tuple of ints or
    None), 'str'.
    """

    name: str
    kind: str
    default: Any
    doc: str = ""
    choices: tuple = ()
    min: float | None = None
    max: float | None = None

    def coerce(self, value: Any) -> Any:
        """Return ``value`` converted to this parameter's type, or raise ParamError saying why."""
        try:
            if self.kind == "int":
                if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
                    raise ValueError
                v: Any = int(value)
            elif self.kind == "float":
                if isinstance(value, bool):
                    raise ValueError
                v = float(value)
                if not np.isfinite(v):
                    raise ValueError
            elif self.kind == "bool":
                if not isinstance(value, (bool, np.bool_)) and value not in (0, 1):
                    raise ValueError
                v = bool(value)
            elif self.kind == "choice":
                if value not in self.choices:
                    raise ParamError(Msg("op.param_choice", name=self.name,
                                         choices=", ".join(map(str, self.choices)), value=value))
                v = value
            elif self.kind == "ints":
                if isinstance(value, (int, np.integer)):
                    value = (value,)
                v = tuple(int(x) for x in value)
                if any(isinstance(x, bool) or _fractional(x) for x in value):
                    raise ValueError
            elif self.kind == "shape":
                v = tuple(None if x is None or x == -1 else int(x) for x in value)
                if any(isinstance(x, bool) or _fractional(x) for x in value):
                    raise ValueError
                if any(x is not None and x < 1 for x in v):
                    raise ParamError(Msg("op.param_dims", name=self.name, value=value))
            elif self.kind == "str":
                if not isinstance(value, str):
                    raise ValueError
                v = value
            else:  # pragma: no cover - a programming error in an op definition
                raise ParamError(f"unknown parameter kind {self.kind}")
        except ParamError:
            raise
        except (TypeError, ValueError, OverflowError):
            raise ParamError(Msg("op.param_kind", name=self.name, kind=_kind_words(self.kind),
                                 value=value)) from None
        if self.kind in ("int", "float"):
            if self.min is not None and v < self.min:
                raise ParamError(Msg("op.param_min", name=self.name, min=self.min, value=v))
            if self.max is not None and v > self.max:
                raise ParamError(Msg("op.param_max", name=self.name, max=self.max, value=v))
        if self.kind == "ints" and self.min is not None and any(x < self.min for x in v):
            raise ParamError(Msg("op.param_entries_min",
                                 name=self.name, min=int(self.min), value=v))
        return v


def _fractional(x: Any) -> bool:
    """True for a float with a fractional part (2.5), which int() would silently truncate."""
    return isinstance(x, (float, np.floating)) and not float(x).is_integer()


def _kind_words(kind: str) -> "Msg | str":
    """What a parameter of ``kind`` must be, in words ("a whole number")."""
    if kind in ("int", "float", "bool", "ints", "shape", "str"):
        return Msg(f"op.kind_{kind}")
    return kind


@dataclass(frozen=True)
class WeightSpec:
    """A trainable (or buffer) array an op owns: its shape and how to initialize it.

    init: 'zeros', 'ones', 'normal', 'xavier', 'he'. fan_in/fan_out feed the scaled initializers.
    trainable=False marks a buffer (batch-norm running statistics): saved, never given a gradient.
    """

    name: str
    shape: tuple
    init: str = "zeros"
    fan_in: int = 1
    fan_out: int = 1
    trainable: bool = True


INITIALIZERS = ("zeros", "ones", "normal", "xavier", "he")


def initialize(spec: WeightSpec, rng: np.random.Generator, dtype=np.float64, scale: float = 0.01) -> np.ndarray:
    """A fresh array for ``spec``: zeros, ones, N(0, scale), Xavier/Glorot normal or He normal."""
    shape = tuple(spec.shape)
    if spec.init == "zeros":
        return np.zeros(shape, dtype)
    if spec.init == "ones":
        return np.ones(shape, dtype)
    if spec.init == "normal":
        return (rng.standard_normal(shape) * scale).astype(dtype)
    if spec.init == "xavier":
        std = np.sqrt(2.0 / max(1, spec.fan_in + spec.fan_out))
        return (rng.standard_normal(shape) * std).astype(dtype)
    if spec.init == "he":
        std = np.sqrt(2.0 / max(1, spec.fan_in))
        return (rng.standard_normal(shape) * std).astype(dtype)
    raise ParamError(Msg("op.unknown_init", init=spec.init, names=", ".join(INITIALIZERS)))


@dataclass
class Context:
    """What a forward call may need beyond its inputs: training mode and a random generator.

    ``buffers_out`` collects updated buffers (batch-norm running statistics) as {name: array};
    the executor writes them back to the node after a training step.
    """

    training: bool = False
    rng: np.random.Generator = field(default_factory=lambda: np.random.default_rng(0))
    buffers_out: dict = field(default_factory=dict)


class Op:
    """Base class of every op. Subclasses set the class attributes and override the methods.

    forward(params, inputs, weights, ctx) -> (output, cache)
        inputs: list of arrays in port order; weights: {name: array}; cache: what the
        backward pass reuses (the course's cached z[l], a[l]): a dict of named arrays, or
        None. ``cache_notes`` says what each name holds and :meth:`cache_used` which of them
        one backward call reads, so the player can show both.
    backward(params, inputs, weights, output, cache, grad_out, need) -> (input_grads, weight_grads)
        need: one bool per input, False where no gradient is wanted (data, frozen paths) so the
        op may skip that work and return None there; None means every input.
        input_grads: list with one entry per input (array or None), in the broadcast shape
        at most (the executor sums it back to the input's shape);
        weight_grads: {name: array} for trainable weights.
    """

    name: ClassVar[str] = ""
    category: ClassVar[str] = ""          # Inputs, Math, Activations, Layers, Losses
    description: ClassVar[str] = ""       # one line, shown in the palette
    params: ClassVar[tuple[ParamSpec, ...]] = ()
    inputs: ClassVar[tuple[str, ...]] = ("x",)
    variadic: ClassVar[bool] = False      # True: any number (>= len(inputs)) of inputs, e.g. concat
    is_source: ClassVar[bool] = False     # Input, Parameter, Constant
    is_feed: ClassVar[bool] = False       # Input: a value supplied at run time
    formula: ClassVar[str] = ""           # forward formula, shown on hover
    grad_formula: ClassVar[str] = ""      # backward formula, shown on hover
    cache_notes: ClassVar[dict[str, str]] = {}   # cache entry -> what it holds, for the player

    # -- parameters ---------------------------------------------------------------------------
    def default_params(self) -> dict:
        return {p.name: p.default for p in self.params}

    def validate_params(self, params: dict) -> dict:
        """Full, coerced parameters; raise ParamError for an unknown name or a bad value."""
        known = {p.name: p for p in self.params}
        for k in params:
            if k not in known:
                raise ParamError(Msg("op.no_param", op=self.name, name=k,
                                     known=", ".join(known) or Msg("op.none")))
        out = {}
        for p in self.params:
            out[p.name] = p.coerce(params[p.name]) if p.name in params else p.default
        self.check_params(out)
        return out

    def check_params(self, params: dict) -> None:
        """Cross-parameter checks; raise ParamError."""

    # -- shapes -------------------------------------------------------------------------------
    def n_inputs_ok(self, n: int) -> bool:
        return n >= len(self.inputs) if self.variadic else n == len(self.inputs)

    def input_name(self, port: int) -> str:
        if port < len(self.inputs):
            return self.inputs[port]
        return f"{self.inputs[-1]}{port}" if self.inputs else f"in{port}"

    def infer_shape(self, params: dict, in_shapes: list[Shape]) -> Shape:
        raise NotImplementedError

    def weight_specs(self, params: dict, in_shapes: list[Shape]) -> list[WeightSpec]:
        """The arrays this node owns, given its parameters and input shapes."""
        return []

    def shape_formula(self, params: dict, in_shapes: list[Shape]) -> str | None:
        """For conv and pool: the output-size formula with the numbers filled in."""
        return None

    def macs(self, params: dict, in_shapes: list[Shape], out_shape: Shape) -> int:
        """Multiply-adds for one example (the batch dimension counts as 1)."""
        return 0

    # -- math ---------------------------------------------------------------------------------
    def cache_used(self, params: dict, cache: Any) -> tuple[str, ...]:
        """Names of the cache entries one backward call reads (default: every entry)."""
        return tuple(cache) if isinstance(cache, dict) else ()

    def forward(self, params: dict, inputs: list[np.ndarray], weights: dict, ctx: Context):
        raise NotImplementedError

    def backward(self, params: dict, inputs: list[np.ndarray], weights: dict, output: np.ndarray,
                 cache: Any, grad_out: np.ndarray, need: tuple[bool, ...] | None = None):
        raise NotImplementedError


REGISTRY: dict[str, Op] = {}


def register(cls: type[Op]) -> type[Op]:
    """Class decorator: add one instance of ``cls`` to the registry under ``cls.name``."""
    if not cls.name or cls.name in REGISTRY:
        raise RuntimeError(f"op name {cls.name!r} is empty or taken")
    REGISTRY[cls.name] = cls()
    return cls


def get_op(name: str) -> Op:
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown op {name!r}; known ops: {', '.join(sorted(REGISTRY))}") from None


def unbroadcast(grad: np.ndarray, shape: tuple) -> np.ndarray:
    """Sum ``grad`` back to ``shape`` (the one place broadcasting is undone in backward).

    Leading axes that broadcasting added are summed away; axes where ``shape`` has 1 and the
    gradient does not are summed with keepdims.
    """
    if grad.shape == tuple(shape):
        return grad
    extra = grad.ndim - len(shape)
    if extra > 0:
        grad = grad.sum(axis=tuple(range(extra)))
    axes = tuple(i for i, (g, s) in enumerate(zip(grad.shape, shape)) if s == 1 and g != 1)
    if axes:
        grad = grad.sum(axis=axes, keepdims=True)
    if grad.shape != tuple(shape):
        grad = np.broadcast_to(grad, shape)  # a scalar gradient feeding a larger input
    return grad


def broadcast_shapes(a: Shape, b: Shape) -> Shape:
    """NumPy broadcasting on shapes that may hold None (open) dimensions; raise ShapeError."""
    n = max(len(a), len(b))
    a2 = (1,) * (n - len(a)) + tuple(a)
    b2 = (1,) * (n - len(b)) + tuple(b)
    out = []
    for i, (x, y) in enumerate(zip(a2, b2)):
        if x == y:
            out.append(x)
        elif x == 1:
            out.append(y)
        elif y == 1:
            out.append(x)
        elif x is None or y is None:
            out.append(x if y is None else y)
        else:
            raise ShapeError(Msg("shape.no_broadcast", a=fmt_shape(a), b=fmt_shape(b), axis=i - n,
                                 x=x, y=y), port=1,
                             expected=f"{x} or 1 on axis {i - n}", found=str(y))
    return tuple(out)


def is_broadcast(in_shape: Shape, out_shape: Shape) -> bool:
    """True when an input of ``in_shape`` is expanded to ``out_shape`` (its gradient is summed)."""
    return tuple(in_shape) != tuple(out_shape)


def fmt_shape(shape: Shape | None) -> str:
    """(None, 32, 32, 3) -> 'Nx32x32x3'; () -> 'scalar'."""
    if shape is None:
        return "?"
    if len(shape) == 0:
        return "scalar"
    return "x".join("N" if d is None else str(d) for d in shape)


def norm_axis(axis: int, ndim: int) -> int:
    """A non-negative axis, or ShapeError."""
    if not -ndim <= axis < ndim:
        raise ShapeError(Msg("shape.axis_range", axis=axis, ndim=ndim), port=0,
                         expected=f"an axis in [{-ndim}, {ndim - 1}]", found=str(axis))
    return axis % ndim


FormulaFn = Callable[[dict], str]
