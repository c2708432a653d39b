"""Eigen-solver for scqubits' ``Cos2PhiQubit`` Hamiltonian, matrix for matrix (scqubits 4.3.1 code):
oscillator bases for φ (``phi_cut`` states) and ζ (``zeta_cut``), charge basis n_θ = −ncut … ncut, index order
(φ, ζ, θ); E'_L = E_L/(1 − dL²), E'_CJ = E_CJ/(1 − dC_J²) as in scqubits' code.

    H = ω_φ a†a + ω_ζ b†b + 2E'_CJ(n_θ − n_g − n_ζ)² − 2E_J cos(φ + πf) cos θ + 2E_J − 2E'_L dL φζ
        + 2E_J dE_J sin(φ + πf) sin θ − 4E'_CJ dC_J n_φ(n_θ − n_g − n_ζ)

(Smith et al., npj Quantum Inf. 6, 8 (2020)). H(f) = H_0 + cos(πf) H_c + sin(πf) H_s is assembled once per basis,
so a sweep costs one sparse LU of H − σ per point (symmetric minimum-degree ordering, no pivoting: a negative
pivot shows that σ is not below the spectrum) and shift-invert Lanczos with σ trailing the ground state.
"""
from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sps
import scipy.sparse.linalg as spla
from scipy.linalg import eigh_tridiagonal

MAX_SHIFT_TRIES = 30


def _ladder_ops(dim: int, length: float):
    """(x, n) = (length(a + a†)/√2, i(a† − a)/(√2 length)) as dense matrices."""
    a = np.diag(np.sqrt(np.arange(1, dim)), 1)
    return length * (a + a.T) / math.sqrt(2), 1j * (a.T - a) / (math.sqrt(2) * length)


class Cos2PhiBasis:
    """H(Φ_ext/Φ0) of ``scqubits.Cos2PhiQubit`` for cut-offs (ncut, zeta_cut, phi_cut), as sparse CSC."""

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
        kron3 = lambda a, b, c: sps.kron(sps.kron(sps.csr_matrix(a), sps.csr_matrix(b)), c, format="csr")
        charge = kron3(I_p, I_z, n_t - n_g * I_t) - kron3(I_p, n_zeta, I_t)  # n_θ − n_g − n_ζ
        h0 = (kron3(np.diag(np.arange(phi_cut) * math.sqrt(8 * EL * ECJ)), I_z, I_t)
              + kron3(I_p, np.diag(np.arange(zeta_cut) * math.sqrt(16 * E_C * EL)), I_t)
              + 2 * ECJ * (charge @ charge) + 2 * E_J * kron3(I_p, I_z, I_t) - 2 * EL * dL * kron3(phi, zeta, I_t)
              - 4 * ECJ * dC_J * (kron3(n_phi, I_z, I_t) @ charge))
        hc = -2 * E_J * kron3(cos_phi, I_z, cos_t) + 2 * E_J * dE_J * kron3(sin_phi, I_z, sin_t)
        hs = 2 * E_J * kron3(sin_phi, I_z, cos_t) + 2 * E_J * dE_J * kron3(cos_phi, I_z, sin_t)
        self.real = n_g == 0
        self.h0, self.hc, self.hs = ((h.real if self.real else h).tocsr() for h in (h0, hc, hs))
        self.dtype = float if self.real else complex
        self.dim = h0.shape[0]
        self.phi_op = kron3(phi, I_z, I_t)
        self.n_theta_op = kron3(I_p, I_z, n_t)

    def to_charge_basis(self, vectors: np.ndarray) -> np.ndarray:
        """Eigenvectors in scqubits' basis (θ in charge states), e.g. for its noise channels."""
        ncut, zeta_cut, phi_cut = self.cutoff
        return sps.kron(sps.identity(phi_cut * zeta_cut), self.theta_basis, format="csr") @ vectors

    def hamiltonian(self, flux: float) -> sps.csc_matrix:
        """H(f) [GHz] (sparse; real symmetric at n_g = 0, else complex Hermitian)."""
        return (self.h0 + math.cos(math.pi * flux) * self.hc + math.sin(math.pi * flux) * self.hs).tocsc()

    def _factor(self, h: sps.csc_matrix, sigma: float, spread: float):
        """LU of H − σ without pivoting, lowering σ until every pivot is positive (H − σ positive definite)."""
        eye = sps.identity(self.dim, format="csc")
        for _ in range(MAX_SHIFT_TRIES):
            lu = spla.splu((h - sigma * eye).tocsc(), permc_spec="MMD_AT_PLUS_A", diag_pivot_thresh=0.0,
                           options={"SymmetricMode": True})
            if np.all(lu.U.diagonal().real > 0) and np.all(lu.perm_r == lu.perm_c):
                return lu, sigma
            sigma, spread = sigma - spread, 2 * spread
        raise RuntimeError("cos2φ solver: no shift below the spectrum found")

    def eigensystem(self, flux, levels: int, sigma: float):
        """Lowest ``levels`` eigenvalues [GHz] per flux point, eigenvectors of the last one, and the next σ."""
        flux = np.atleast_1d(np.asarray(flux, dtype=float))
        out, vecs, spread = np.empty((flux.size, levels)), None, 1.0
        shape = (self.dim, self.dim)
        # a fixed pseudo-random start (not ARPACK's random one): the same input gives the same levels to the bit
        v0 = np.random.default_rng(0).standard_normal(self.dim).astype(self.dtype)
        for k, f in enumerate(flux):
            h = self.hamiltonian(f)
            lu, sigma = self._factor(h, sigma, spread)
            inv = spla.LinearOperator(shape, matvec=lu.solve, dtype=self.dtype)
            w, v = spla.eigsh(h, k=levels, sigma=sigma, OPinv=inv, which="LM", v0=v0)
            order = np.argsort(w.real)
            out[k], vecs = w.real[order], v[:, order]
            spread = max(out[k, -1] - out[k, 0], 1e-3)
            sigma = out[k, 0] - 0.1 * spread - 1e-6 * abs(out[k, 0])
        return out, vecs, sigma


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
