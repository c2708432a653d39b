"""Eigen-solver for scqubits' ``ZeroPi`` Hamiltonian, matrix for matrix: φ on a uniform grid with scqubits'
7-point finite differences, θ in the charge basis n = −ncut … ncut, basis index = φ index·(2ncut+1) + n.

    H = −2E_CJ ∂²_φ + 2E_CΣ(n − n_g)² − 2E_CΣ dC_J (i∂_φ) n − E_J cos(φ − πf)(e^{iθ} + e^{−iθ}) + E_L φ² + 2E_J
        + E_J dE_J sin(φ − πf) sin θ                          (Groszkowski et al., NJP 20, 043053 (2018), Eq. (4))

In this ordering H is a band matrix of half-width 3(2ncut+1). Each flux point costs one banded Cholesky
factorisation of H − σ (LAPACK ``pbtrf``; it fails exactly when σ is not below the spectrum, which makes the
shift safe) and shift-invert Lanczos (ARPACK) with σ just below the ground state, trailing it along the sweep.
"""
from __future__ import annotations

import math

import numpy as np
import scipy.sparse.linalg as spla
from scipy.linalg.lapack import get_lapack_funcs

#: scqubits' 7-point stencils (``settings.STENCIL`` = 7): ∂² coefficients c0..c3 and ∂ coefficients d1..d3
SECOND = (-49 / 18, 3 / 2, -3 / 20, 1 / 90)
FIRST = (3 / 4, -3 / 20, 1 / 60)
MAX_SHIFT_TRIES = 30


class ZeroPiGrid:
    """H(Φ_ext/Φ0) of ``scqubits.ZeroPi`` (same grid, stencil and charge cut-off) in LAPACK upper band storage."""

    def __init__(self, E_J: float, E_L: float, E_CJ: float, E_CS: float, n_g: float, dE_J: float, dC_J: float,
                 cutoff: tuple):
        half, pts, ncut = float(cutoff[0]), int(cutoff[1]), int(cutoff[2])
        self.E_J, self.dE_J, self.cutoff = E_J, dE_J, (half, pts, ncut)
        self.phi_grid = np.linspace(-half, half, pts)
        h = 2 * half / (pts - 1)
        nth = 2 * ncut + 1
        self.dim, self.u, self.h, self.nth = pts * nth, 3 * nth, h, nth
        self.n = np.tile(np.arange(-ncut, ncut + 1), pts)
        self.phi = np.repeat(self.phi_grid, nth)
        dtype = complex if (dE_J != 0 or dC_J != 0) else float
        ab = np.zeros((self.u + 1, self.dim), dtype=dtype)
        ab[self.u] = -2 * E_CJ * SECOND[0] / h**2 + E_L * self.phi**2 + 2 * E_J + 2 * E_CS * (self.n + n_g) ** 2
        for k in (1, 2, 3):
            ab[self.u - k * nth, k * nth:] = -2 * E_CJ * SECOND[k] / h**2
            if dC_J != 0:  # −2E_CΣ dC_J (i∂_φ ⊗ n): upper element of offset +k is i d_k/h · n
                ab[self.u - k * nth, k * nth:] += -2 * E_CS * dC_J * 1j * FIRST[k - 1] / h * self.n[k * nth:]
        self.hop = np.flatnonzero(self.n > -ncut)  # columns whose element (n − 1, n) carries e^{iθ}-type hopping
        self.base = ab
        self.pbtrf, self.pbtrs = get_lapack_funcs(("pbtrf", "pbtrs"), (ab,))

    def d_dphi(self):
        """d/dφ ⊗ 1_θ with the same 7-point stencil, real antisymmetric and sparse (n_φ = −i d/dφ)."""
        import scipy.sparse as sp

        offsets = [k * self.nth for k in (1, 2, 3)]
        diagonals = [np.full(self.dim - o, FIRST[k] / self.h) for k, o in enumerate(offsets)]
        upper = sp.diags(diagonals, offsets, shape=(self.dim, self.dim), format="csr")
        return upper - upper.T

    def band(self, flux: float) -> np.ndarray:
        """Upper band of H at one flux (cos and sin of φ − πf on the θ hopping)."""
        ab = self.base.copy()
        phase = self.phi[self.hop] - math.pi * flux
        ab[self.u - 1, self.hop] = -self.E_J * np.cos(phase)
        if self.dE_J != 0:  # E_J dE_J sin(φ − πf) sin θ, sin θ upper element +i/2
            ab[self.u - 1, self.hop] += self.E_J * self.dE_J * np.sin(phase) * 0.5j
        return ab

    def _factor(self, ab: np.ndarray, sigma: float, spread: float):
        """Cholesky of H − σ, lowering σ by ``spread`` (doubling) until H − σ is positive definite."""
        for _ in range(MAX_SHIFT_TRIES):
            shifted = ab.copy()
            shifted[self.u] -= sigma
            c, info = self.pbtrf(shifted, lower=0, overwrite_ab=1)
            if info == 0:
                return c, sigma
            sigma, spread = sigma - spread, 2 * spread
        raise RuntimeError("0-π solver: no shift below the spectrum found")

    def eigensystem(self, flux, levels: int, sigma: float):
        """Lowest ``levels`` eigenvalues [GHz] per flux point (and eigenvectors of the last point).

        ``sigma`` is a first guess of a shift below the ground state; returns (levels, vectors, next σ)."""
        flux = np.atleast_1d(np.asarray(flux, dtype=float))
        # a fixed pseudo-random start (not ARPACK's random one): the same input gives the same levels to the bit
        v0 = np.random.default_rng(0).standard_normal(self.dim).astype(self.base.dtype)
        out, vecs, spread = np.empty((flux.size, levels)), None, 1.0
        shape, dtype = (self.dim, self.dim), self.base.dtype
        no_matvec = spla.LinearOperator(shape, matvec=_never, dtype=dtype)
        for k, f in enumerate(flux):
            c, sigma = self._factor(self.band(f), sigma, spread)
            inv = spla.LinearOperator(shape, matvec=lambda x, c=c: self.pbtrs(c, x)[0], dtype=dtype)
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
