"""Interpolation of the project's precomputed tables (turn corrections, the BCS gap) with numpy alone, so that
reading a table does not import scipy.interpolate (0.2 s at every start).
"""
from __future__ import annotations

import numpy as np


def not_a_knot_spline(x, y):
    """The cubic spline through (x, y) with not-a-knot ends (the third derivative continuous at the second and the
    last-but-one knot; de Boor, *A Practical Guide to Splines*, ch. IV), as a function of one abscissa inside
    [x₀, xₙ]. Slopes from the tridiagonal system written dense (a table of a few dozen knots), so the table is
    read with numpy alone."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    h, m = np.diff(x), np.diff(y) / np.diff(x)
    n = x.size
    A, b = np.zeros((n, n)), np.zeros(n)
    for i in range(1, n - 1):
        A[i, i - 1:i + 2] = h[i], 2 * (h[i - 1] + h[i]), h[i - 1]
        b[i] = 3 * (h[i] * m[i - 1] + h[i - 1] * m[i])
    A[0, :2] = h[1], h[0] + h[1]
    b[0] = ((h[0] + 2 * (h[0] + h[1])) * h[1] * m[0] + h[0] ** 2 * m[1]) / (h[0] + h[1])
    A[-1, -2:] = h[-1] + h[-2], h[-2]
    b[-1] = (h[-1] ** 2 * m[-2] + (2 * (h[-2] + h[-1]) + h[-1]) * h[-2] * m[-1]) / (h[-2] + h[-1])
    slope = np.linalg.solve(A, b)

    def value(at: float) -> float:
        i = int(np.clip(np.searchsorted(x, at) - 1, 0, n - 2))
        t, s0, s1 = at - x[i], slope[i], slope[i + 1]
        c2, c3 = (3 * m[i] - 2 * s0 - s1) / h[i], (s0 + s1 - 2 * m[i]) / h[i] ** 2
        return float(y[i] + t * (s0 + t * (c2 + t * c3)))
    return value
