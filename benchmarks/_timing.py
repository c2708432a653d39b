"""Shared timing helper of the benchmarks (run them as ``python benchmarks/NAME.py``)."""
import time


def best_time(fn, repeats):
    """Best wall time [s] of ``repeats`` calls of ``fn`` and the last result."""
    best, result = float("inf"), None
    for _ in range(repeats):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result
