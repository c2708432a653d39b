"""BLAS/LAPACK threads: the small dense problems of superind (qubit bases, meander lines, panel systems) run many
times faster on one thread than with BLAS's own threads on a 2-core machine, and sweep workers must not each start a
thread per core. ``one_blas_thread()`` pins them — as a ``with`` block or a decorator — and costs nothing inside an
outer block.
"""
from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache


@lru_cache(maxsize=1)
def _controller():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()  # library discovery is the slow part (ms): do it once


_pinned = [0]  #: depth of nested ``one_blas_thread`` blocks (inner ones change nothing)


@contextmanager
def one_blas_thread():
    """Pin BLAS/LAPACK to one thread (small dense problems run many times faster than with threads); inside an
    outer block it costs nothing (setting the limits takes ~40 µs, and the solvers nest many small solves)."""
    if _pinned[0]:
        yield
        return
    _pinned[0] += 1
    try:
        with _controller().limit(limits=1):
            yield
    finally:
        _pinned[0] -= 1
