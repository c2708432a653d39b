"""Eigen-solver for scqubits' ``ZeroPi`` Hamiltonian, matrix for matrix: φ on a uniform grid with scqubits'
7-point finite differences, θ in the charge basis n = −ncut … ncut, basis index = φ index·(2ncut+1) + n.

    H = −2E_CJ ∂²_φ + 2E_CΣ(n − n_g)² − 2E_CΣ dC_J (i∂_φ) n − E_J cos(φ − πf)(e^{iθ} + e^{−iθ}) + E_L φ² + 2E_J
        + E_J dE_J sin(φ − πf) sin θ                          (Groszkowski et al., NJP 20, 043053 (2018), Eq. (4))

In this ordering H is a band matrix of half-width 3(2ncut+1), solved by :mod:`superind.qubits.band_solver`
(one banded Cholesky factorisation and shift-invert Lanczos per flux point).
"""
from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sp

from .band_solver import BandedHamiltonian

#: scqubits' 7-point stencils (``settings.STENCIL`` = 7): ∂² coefficients c0..c3 and ∂ coefficients d1..d3
SECOND = (-49 / 18, 3 / 2, -3 / 20, 1 / 90)
FIRST = (3 / 4, -3 / 20, 1 / 60)


class ZeroPiGrid(BandedHamiltonian):
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
        self.base, self.dtype = ab, dtype

    def d_dphi(self):
        """d/dφ ⊗ 1_θ with the same 7-point stencil, real antisymmetric and sparse (n_φ = −i d/dφ)."""
        offsets = [k * self.nth for k in (1, 2, 3)]
        diagonals = [np.full(self.dim - o, FIRST[k] / self.h) for k, o in enumerate(offsets)]
        upper = sp.diags(diagonals, offsets, shape=(self.dim, self.dim), format="csr")
        return upper - upper.T

    def theta_hopping(self, upper: np.ndarray):
        """Sparse Hermitian g(φ)e^{−iθ}-type operator: ``upper`` are its (n − 1, n) elements at the columns
        ``self.hop`` (cos θ·g(φ): g/2; sin θ·g(φ): i g/2), the (n, n − 1) elements their conjugates."""
        M = sp.csr_matrix((upper, (self.hop - 1, self.hop)), shape=(self.dim, self.dim))
        return M + M.conj().T

    def band(self, flux: float) -> np.ndarray:
        """Upper band of H at one flux (cos and sin of φ − πf on the θ hopping)."""
        ab = self.base.copy()
        phase = self.phi[self.hop] - math.pi * flux
        ab[self.u - 1, self.hop] = -self.E_J * np.cos(phase)
        if self.dE_J != 0:  # E_J dE_J sin(φ − πf) sin θ, sin θ upper element +i/2
            ab[self.u - 1, self.hop] += self.E_J * self.dE_J * np.sin(phase) * 0.5j
        return ab
