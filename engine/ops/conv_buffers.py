"""Reused work arrays for the conv op, so a training step does not pay for fresh memory.

A conv step on a batch allocates several arrays of megabytes (the windows as columns, the
products, the input gradient). Fresh memory of that size comes from the operating system page
by page, and filling it first costs a page fault per 4 KiB: for engine_bench's conv_deep that
was about 2,000 faults and a third of the step's CPU time, every step.

:func:`take` hands out an array of the asked shape and dtype, reusing one it handed out before
when nothing refers to it any more: no view of it, no cache holding it, no caller keeping the
result (NumPy views keep their base alive, so a reference count tells). Arrays are kept per
thread (training, the GUI and background views never share one) and per shape, a few of each,
and only up to a bounded number of bytes, so large one-off arrays are left to the allocator.
"""
from __future__ import annotations

import sys
import threading

import numpy as np

PER_KEY = 4                      # arrays kept for one (role, shape, dtype)
MAX_BYTES = 96 * 2 ** 20         # per thread, in all (conv_deep's step needs about 31 MiB)
_FREE_REFS = 3                   # the pool's list, the loop variable, getrefcount's argument


class _Pool(threading.local):
    def __init__(self) -> None:
        self.arrays: dict[tuple, list[np.ndarray]] = {}
        self.bytes = 0


_POOL = _Pool()


def take(role: str, shape: tuple[int, ...], dtype) -> np.ndarray:
    """An uninitialized C-contiguous array of ``shape`` and ``dtype`` for ``role`` (a name
    that keeps different uses apart): a kept one that nobody refers to any more, else a new
    one, kept for next time while the per-thread budget allows."""
    dtype = np.dtype(dtype)
    key = (role, tuple(int(d) for d in shape), dtype.str)
    kept = _POOL.arrays.setdefault(key, [])
    for a in kept:
        if sys.getrefcount(a) <= _FREE_REFS:
            return a
    a = np.empty(key[1], dtype)
    if len(kept) < PER_KEY and _POOL.bytes + a.nbytes <= MAX_BYTES:
        kept.append(a)
        _POOL.bytes += a.nbytes
    return a


def zeros(role: str, shape: tuple[int, ...], dtype) -> np.ndarray:
    """:func:`take`, filled with zeros."""
    a = take(role, shape, dtype)
    a.fill(0)
    return a

