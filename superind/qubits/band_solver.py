"""Lowest eigenpairs of a Hermitian band matrix H(Φ_ext) along a flux sweep: one banded Cholesky factorisation of
H − σ per point (LAPACK ``pbtrf``; it fails exactly when σ is not below the spectrum, which makes the shift safe)
and shift-invert Lanczos (ARPACK) with σ just below the ground state, trailing it along the sweep. Used by the
0-π (:mod:`superind.qubits.zeropi_engine`) and cos2φ (:mod:`superind.qubits.cos2phi_engine`) engines.
"""
from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np
import scipy.sparse as sps
import scipy.sparse.linalg as spla
from scipy.linalg.lapack import get_lapack_funcs

MAX_SHIFT_TRIES = 30


def upper_band(matrix: sps.spmatrix, u: int) -> np.ndarray:
    """LAPACK upper band storage ab[u + i − j, j] = H[i, j] (i ≤ j) of a sparse Hermitian matrix of half-width u."""
    coo = sps.triu(matrix, format="coo")
    if coo.nnz and np.max(coo.col - coo.row) > u:
        raise ValueError(f"band half-width {np.max(coo.col - coo.row)} exceeds {u}")
    ab = np.zeros((u + 1, matrix.shape[0]), dtype=matrix.dtype)
    ab[u + coo.row - coo.col, coo.col] = coo.data
    return ab


class BandedHamiltonian(ABC):
    """Subclasses set ``dim``, ``u`` (band half-width), ``dtype`` and give ``band(flux)`` (upper band storage)."""

    dim: int
    u: int
    dtype: type

    @abstractmethod
    def band(self, flux: float) -> np.ndarray:
        """Upper band storage of H(Φ_ext/Φ0 = ``flux``) [GHz], shape (u + 1, dim)."""

    def _factor(self, ab: np.ndarray, sigma: float, spread: float):
        """Cholesky of H − σ, lowering σ by ``spread`` (doubling) until H − σ is positive definite."""
        pbtrf = get_lapack_funcs("pbtrf", (ab,))
        for _ in range(MAX_SHIFT_TRIES):
            shifted = ab.copy()
            shifted[self.u] -= sigma
            c, info = pbtrf(shifted, lower=0, overwrite_ab=1)
            if info == 0:
                return c, sigma
            sigma, spread = sigma - spread, 2 * spread
        raise RuntimeError(f"{type(self).__name__}: no shift below the spectrum found")

    def eigensystem(self, flux, levels: int, sigma: float):
        """Lowest ``levels`` eigenvalues [GHz] per flux point (and eigenvectors of the last point).

        ``sigma`` is a first guess of a shift below the ground state; returns (levels, vectors, next σ)."""
        flux = np.atleast_1d(np.asarray(flux, dtype=float))
        # a fixed pseudo-random start (not ARPACK's random one): the same input gives the same levels to the bit
        v0 = np.random.default_rng(0).standard_normal(self.dim).astype(self.dtype)
        out, vecs, spread = np.empty((flux.size, levels)), None, 1.0
        shape = (self.dim, self.dim)
        no_matvec = spla.LinearOperator(shape, matvec=_never, dtype=self.dtype)
        pbtrs = None
        for k, f in enumerate(flux):
            c, sigma = self._factor(self.band(f), sigma, spread)
            pbtrs = pbtrs or get_lapack_funcs("pbtrs", (c,))
            inv = spla.LinearOperator(shape, matvec=lambda x, c=c: pbtrs(c, x)[0], dtype=self.dtype)
            w, v = spla.eigsh(no_matvec, k=levels, sigma=sigma, OPinv=inv, which="LM", v0=v0,
                              ncv=min(self.dim, max(2 * levels + 1, 20)))
            order = np.argsort(w.real)
            out[k], vecs = w.real[order], v[:, order]
            v0 = vecs[:, 0] + vecs[:, 1:].sum(axis=1) * 0.5
            spread = max(out[k, -1] - out[k, 0], 1e-3)
            sigma = out[k, 0] - 0.1 * spread - 1e-6 * abs(out[k, 0])
        return out, vecs, sigma


def _never(x):
    raise RuntimeError("shift-invert mode does not multiply by H")
