"""Flux sweeps from a few exact solves: eigenvector continuation of H(f) = H_0 + cos(2πf)H_c + sin(2πf)H_s.

A qubit whose external flux enters as φ + 2πf (the fluxonium and its wire modes) has, in a flux-independent basis,
a Hamiltonian affine in (cos 2πf, sin 2πf). Its low eigenvectors over a flux range span a space of small dimension,
so the eigenvectors solved exactly at a few flux points (the nodes) form a reduced basis R in which every other
point costs one small eigenvalue problem RᵀH(f)R (eigenvector continuation: Frame et al., PRL 121, 032501 (2018);
reduced-basis methods for parametrised eigenproblems: Machiels et al., C. R. Acad. Sci. Paris I 331, 153 (2000)).

Ritz values are upper bounds (Poincaré): every level of RᵀH(f)R lies at or above the same level of the untruncated
problem, and adding nodes can only lower them. The exact solve of the caller (a truncated basis) is an upper bound
too. Between two nodes the basis is checked at the flux point nearest the middle (the continuation error peaks
between its nodes, as an interpolation error does): an interval whose Ritz values lie more than ``tol_GHz`` above
that point's exact levels is split there (the point becomes a node) and both halves are checked again. A Ritz
value below the exact one is the caller's truncation error showing (the reduced basis holds states of other flux
points), which the caller's own truncation check bounds.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

NODES = 7  #: first nodes: Chebyshev–Lobatto points over the flux range (snapped to the requested points)
EXTRA = 2  #: eigenvectors kept per node beyond the requested levels (states that enter between the nodes)


def continued_levels(solve: Callable[[float], tuple], parts: Callable[[np.ndarray], np.ndarray], flux: np.ndarray,
                     levels: int, tol_GHz: float) -> tuple[np.ndarray, float, int]:
    """Lowest ``levels`` eigenvalues [GHz] of H(f) at each of the sorted distinct ``flux`` points.

    ``solve(f)`` is the caller's exact solve: (lowest ``levels + EXTRA`` eigenvalues, their orthonormal
    eigenvectors as columns in the flux-independent basis); ``parts(R)`` returns (H_0R, H_cR, H_sR) stacked,
    shape (3, dimension, columns). Few points (no more than a first basis and its checks would cost) are all
    solved exactly. Returns (levels, largest excess of a Ritz value over the exact one at the check points (≥ 0),
    number of exact solves)."""
    flux = np.asarray(flux, dtype=float)
    exact: dict[float, tuple] = {}

    def solved(f: float) -> tuple:
        if f not in exact:
            exact[f] = solve(f)
        return exact[f]

    if flux.size <= 2 * NODES:
        return np.array([solved(float(f))[0][:levels] for f in flux]), 0.0, flux.size
    lobatto = flux[0] + (flux[-1] - flux[0]) * (1 - np.cos(np.pi * np.arange(NODES) / (NODES - 1))) / 2
    nodes = sorted({float(flux[np.argmin(np.abs(flux - x))]) for x in lobatto})
    passed: dict[tuple, float] = {}  # interval → its check point
    while True:
        R, _ = np.linalg.qr(np.hstack([solved(f)[1] for f in nodes]))
        reduced = np.einsum("dm,pdn->pmn", R, parts(R))
        reduced = (reduced + reduced.transpose(0, 2, 1)) / 2

        def ritz(points: np.ndarray) -> np.ndarray:
            phase = 2 * np.pi * np.asarray(points)[:, None, None]
            return np.linalg.eigvalsh(reduced[0] + np.cos(phase) * reduced[1] + np.sin(phase) * reduced[2])[:, :levels]

        todo = {}
        for a, b in zip(nodes[:-1], nodes[1:]):
            inside = flux[(flux > a) & (flux < b)]
            if inside.size and (a, b) not in passed:
                todo[a, b] = float(inside[np.argmin(np.abs(inside - (a + b) / 2))])
        if todo:
            checks = np.array(list(todo.values()))
            excess = np.max(ritz(checks) - np.array([solved(f)[0][:levels] for f in checks]), axis=1)
            passed.update({ab: f for (ab, f), x in zip(todo.items(), excess) if x <= tol_GHz})
            split = [f for f, x in zip(checks, excess) if x > tol_GHz]
            if split:
                nodes = sorted(nodes + split)
                continue
        checks = np.array(list(passed.values()))
        excess = ritz(checks) - np.array([solved(f)[0][:levels] for f in checks]) if checks.size else np.zeros(1)
        return ritz(flux), max(float(np.max(excess)), 0.0), len(exact)
