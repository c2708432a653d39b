"""Eigen-solver for scqubits' ``Cos2PhiQubit`` Hamiltonian, matrix for matrix (scqubits 4.3.1 code):
oscillator bases for φ (``phi_cut`` states) and ζ (``zeta_cut``), charge basis n_θ = −ncut … ncut;
E'_L = E_L/(1 − dL²), E'_CJ = E_CJ/(1 − dC_J²) as in scqubits' code.

    H = ω_φ a†a + ω_ζ b†b + 2E'_CJ(n_θ − n_g − n_ζ)² − 2E_J cos(φ + πf) cos θ + 2E_J − 2E'_L dL φζ
        + 2E_J dE_J sin(φ + πf) sin θ − 4E'_CJ dC_J n_φ(n_θ − n_g − n_ζ)

(Smith et al., npj Quantum Inf. 6, 8 (2020)). H(f) = H_0 + cos(πf) H_c + sin(πf) H_s is assembled once per basis.
Index order (ζ, θ, φ), φ fastest: the dense φ blocks sit on the diagonal and H is a band matrix of half-width
2(2ncut+1)·phi_cut + phi_cut − 1 (n_ζ² reaches ζ ± 2), solved by :mod:`superind.qubits.band_solver` (one banded
Cholesky factorisation and shift-invert Lanczos per flux point). At n_g = 0, θ is taken in a real basis in which
H is real (``real_theta_basis``); eigenvectors go back to scqubits' basis with ``to_charge_basis``.
"""
from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sps
from scipy.linalg import eigh_tridiagonal

from .band_solver import BandedHamiltonian, upper_band


def _ladder_ops(dim: int, length: float):
    """(x, n) = (length(a + a†)/√2, i(a† − a)/(√2 length)) as dense matrices."""
    a = np.diag(np.sqrt(np.arange(1, dim)), 1)
    return length * (a + a.T) / math.sqrt(2), 1j * (a.T - a) / (math.sqrt(2) * length)


class Cos2PhiBasis(BandedHamiltonian):
    """H(Φ_ext/Φ0) of ``scqubits.Cos2PhiQubit`` for cut-offs (ncut, zeta_cut, phi_cut), in band storage."""

    def __init__(self, E_J: float, E_CJ: float, E_L: float, E_C: float, dE_J: float, dC_J: float, dL: float,
                 n_g: float, cutoff: tuple):
        ncut, zeta_cut, phi_cut = (int(x) for x in cutoff)
        self.cutoff = (ncut, zeta_cut, phi_cut)
        EL, ECJ = E_L / (1 - dL**2), E_CJ / (1 - dC_J**2)
        phi, n_phi = _ladder_ops(phi_cut, (2 * ECJ / EL) ** 0.25)
        zeta, n_zeta = _ladder_ops(zeta_cut, (4 * E_C / EL) ** 0.25)
        x, v = eigh_tridiagonal(np.zeros(phi_cut), np.diag(phi, 1))
        cos_phi, sin_phi = (v * np.cos(x)) @ v.T, (v * np.sin(x)) @ v.T  # exact cos, sin of the truncated φ
        dim_t = 2 * ncut + 1
        n_t = sps.diags(np.arange(-ncut, ncut + 1, dtype=float))
        cos_t = sps.diags([np.full(dim_t - 1, 0.5), np.full(dim_t - 1, 0.5)], [-1, 1])
        sin_t = sps.diags([np.full(dim_t - 1, -0.5j), np.full(dim_t - 1, 0.5j)], [-1, 1])
        # At n_g = 0 H is real in a real θ basis (time reversal): 1, cos θ, sin θ, cos 2θ, … (``real_theta_basis``)
        self.theta_basis = real_theta_basis(ncut) if n_g == 0 else sps.identity(dim_t, format="csr")
        U = self.theta_basis
        n_t, cos_t, sin_t = (U.conj().T @ op @ U for op in (n_t, cos_t, sin_t))
        I_p, I_z, I_t = sps.identity(phi_cut), sps.identity(zeta_cut), sps.identity(dim_t)
        kron3 = lambda a, b, c: sps.kron(sps.kron(sps.csr_matrix(b), c), sps.csr_matrix(a), format="csr")  # (φ, ζ, θ)
        charge = kron3(I_p, I_z, n_t - n_g * I_t) - kron3(I_p, n_zeta, I_t)  # n_θ − n_g − n_ζ
        h0 = (kron3(np.diag(np.arange(phi_cut) * math.sqrt(8 * EL * ECJ)), I_z, I_t)
              + kron3(I_p, np.diag(np.arange(zeta_cut) * math.sqrt(16 * E_C * EL)), I_t)
              + 2 * ECJ * (charge @ charge) + 2 * E_J * kron3(I_p, I_z, I_t) - 2 * EL * dL * kron3(phi, zeta, I_t)
              - 4 * ECJ * dC_J * (kron3(n_phi, I_z, I_t) @ charge))
        hc = -2 * E_J * kron3(cos_phi, I_z, cos_t) + 2 * E_J * dE_J * kron3(sin_phi, I_z, sin_t)
        hs = 2 * E_J * kron3(sin_phi, I_z, cos_t) + 2 * E_J * dE_J * kron3(cos_phi, I_z, sin_t)
        self.dtype = float if n_g == 0 else complex
        self.dim, self.u = h0.shape[0], 2 * dim_t * phi_cut + phi_cut - 1
        self.bands = [upper_band((h.real if n_g == 0 else h).astype(self.dtype), self.u) for h in (h0, hc, hs)]
        self.phi_op = kron3(phi, I_z, I_t)
        self.n_theta_op = kron3(I_p, I_z, n_t)
        self.E_J, self.E_CJ_disordered, self.dC_J = E_J, ECJ, dC_J
        self._hc, self._hs, self._charge = hc, hs, charge
        self._zeta_n_phi = lambda: (kron3(I_p, zeta, I_t), kron3(n_phi, I_z, I_t), kron3(I_p, n_zeta, I_t))

    def noise_operators(self, flux: float) -> dict:
        """Sparse operators of scqubits' Cos2PhiQubit noise channels in this basis at Φ_ext/Φ0 = ``flux``:
        φ_1 = ζ − φ, φ_2 = −ζ − φ (the two inductors), n_1,2 = ½n_φ ± ½(n_θ − n_ζ) (the two junctions),
        ∂H/∂(Φ/Φ0) = π(cos(πf)H_s − sin(πf)H_c), ∂H/∂E_J = (cos(πf)H_c + sin(πf)H_s)/E_J (up to the constant 2) and
        ∂H/∂n_g = 4dC_J E'_CJ n_φ − 4E'_CJ(n_θ − n_g − n_ζ)."""
        zeta, n_phi, n_zeta = self._zeta_n_phi()
        c, s = math.cos(math.pi * flux), math.sin(math.pi * flux)
        return {"phi_1": zeta - self.phi_op, "phi_2": -zeta - self.phi_op,
                "n_1": 0.5 * n_phi + 0.5 * (self.n_theta_op - n_zeta),
                "n_2": 0.5 * n_phi - 0.5 * (self.n_theta_op - n_zeta),
                "d_flux": math.pi * (c * self._hs - s * self._hc), "d_EJ": (c * self._hc + s * self._hs) / self.E_J,
                "d_ng": 4 * self.dC_J * self.E_CJ_disordered * n_phi - 4 * self.E_CJ_disordered * self._charge}

    def to_charge_basis(self, vectors: np.ndarray) -> np.ndarray:
        """Eigenvectors in scqubits' basis: index order (φ, ζ, θ), θ in charge states (to compare with scqubits)."""
        ncut, zeta_cut, phi_cut = self.cutoff
        v = vectors.reshape(zeta_cut, 2 * ncut + 1, phi_cut, -1)
        v = np.einsum("nt,ztpk->pznk", self.theta_basis.toarray(), v)
        return v.reshape(self.dim, -1)

    def band(self, flux: float) -> np.ndarray:
        """Upper band of H(f) [GHz] (real at n_g = 0, else complex)."""
        b0, bc, bs = self.bands
        return b0 + math.cos(math.pi * flux) * bc + math.sin(math.pi * flux) * bs


def real_theta_basis(ncut: int) -> sps.csr_matrix:
    """Unitary U from the real θ basis (1, cos θ, sin θ, …, cos nθ, sin nθ; interleaved so that n_θ and cos θ stay
    banded) to the charge states n = −ncut … ncut: cos nθ ↦ (|n⟩ + |−n⟩)/√2, sin nθ ↦ (|n⟩ − |−n⟩)/(i√2).
    In it n_θ is imaginary antisymmetric and cos θ, sin θ are real, so H(n_g = 0) is real (n_θn_ζ: imaginary ×
    imaginary)."""
    dim = 2 * ncut + 1
    U = np.zeros((dim, dim), dtype=complex)
    U[ncut, 0] = 1.0
    for n in range(1, ncut + 1):
        U[ncut + n, 2 * n - 1] = U[ncut - n, 2 * n - 1] = 1 / math.sqrt(2)
        U[ncut + n, 2 * n], U[ncut - n, 2 * n] = -1j / math.sqrt(2), 1j / math.sqrt(2)
    return sps.csr_matrix(U)
