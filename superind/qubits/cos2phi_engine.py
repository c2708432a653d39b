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

from .band_solver import BandedHamiltonian


def _ladder_ops(dim: int, length: float):
    """(x, n) = (length(a + a†)/√2, i(a† − a)/(√2 length)) as dense matrices."""
    a = np.diag(np.sqrt(np.arange(1, dim)), 1)
    return length * (a + a.T) / math.sqrt(2), 1j * (a.T - a) / (math.sqrt(2) * length)


class Cos2PhiBasis(BandedHamiltonian):
    """H(Φ_ext/Φ0) of ``scqubits.Cos2PhiQubit`` for cut-offs (ncut, zeta_cut, phi_cut), in band storage.

    Every term of H is a product (ζ ⊗ θ operator) ⊗ (φ operator); their upper-triangle entries are kept per term
    (``upper``: part 0, c or s of H_0 + cos(πf)H_c + sin(πf)H_s) and scattered into a band for each flux point."""

    def __init__(self, E_J: float, E_CJ: float, E_L: float, E_C: float, dE_J: float, dC_J: float, dL: float,
                 n_g: float, cutoff: tuple):
        ncut, zeta_cut, phi_cut = (int(x) for x in cutoff)
        self.cutoff = (ncut, zeta_cut, phi_cut)
        EL, ECJ = E_L / (1 - dL**2), E_CJ / (1 - dC_J**2)
        self.phi, self.n_phi = _ladder_ops(phi_cut, (2 * ECJ / EL) ** 0.25)
        self.zeta, self.n_zeta = _ladder_ops(zeta_cut, (4 * E_C / EL) ** 0.25)
        x, v = eigh_tridiagonal(np.zeros(phi_cut), np.diag(self.phi, 1))
        cos_phi, sin_phi = (v * np.cos(x)) @ v.T, (v * np.sin(x)) @ v.T  # exact cos, sin of the truncated φ
        dim_t = 2 * ncut + 1
        n_t = sps.diags(np.arange(-ncut, ncut + 1, dtype=float))
        cos_t = sps.diags([np.full(dim_t - 1, 0.5), np.full(dim_t - 1, 0.5)], [-1, 1])
        sin_t = sps.diags([np.full(dim_t - 1, -0.5j), np.full(dim_t - 1, 0.5j)], [-1, 1])
        # At n_g = 0 H is real in a real θ basis (time reversal): 1, cos θ, sin θ, cos 2θ, … (``real_theta_basis``)
        self.theta_basis = real_theta_basis(ncut) if n_g == 0 else sps.identity(dim_t, format="csr")
        U = self.theta_basis
        self.n_t, cos_t, sin_t = (U.conj().T @ op @ U for op in (n_t, cos_t, sin_t))
        I_z, I_t = sps.identity(zeta_cut), sps.identity(dim_t)
        zt = lambda z, t: sps.kron(z, t, format="csr")  # ζ ⊗ θ
        self.charge_zt = zt(I_z, self.n_t - n_g * I_t) - zt(sps.csr_matrix(self.n_zeta), I_t)  # n_θ − n_g − n_ζ
        diagonal = zt(sps.diags(np.arange(zeta_cut) * math.sqrt(16 * E_C * EL)), I_t) + 2 * E_J * zt(I_z, I_t)
        # (part, ζ⊗θ factor, φ factor): H_0, then H_c and H_s (the cos πf and sin πf of cos(φ + πf), sin(φ + πf))
        terms = [(0, diagonal + 2 * ECJ * (self.charge_zt @ self.charge_zt), None),
                 (0, zt(I_z, I_t), np.diag(np.arange(phi_cut) * math.sqrt(8 * EL * ECJ))),
                 (0, -2 * EL * dL * zt(sps.csr_matrix(self.zeta), I_t), self.phi),
                 (0, -4 * ECJ * dC_J * self.charge_zt, self.n_phi),
                 (1, zt(I_z, cos_t), -2 * E_J * cos_phi), (1, zt(I_z, sin_t), 2 * E_J * dE_J * sin_phi),
                 (2, zt(I_z, cos_t), 2 * E_J * sin_phi), (2, zt(I_z, sin_t), 2 * E_J * dE_J * cos_phi)]
        self.dtype = float if n_g == 0 else complex
        self.dim, self.u = zeta_cut * dim_t * phi_cut, 2 * dim_t * phi_cut + phi_cut - 1
        self.terms = [(part, A, B) for part, A, B in terms if A.count_nonzero() and (B is None or np.any(B))]
        self.upper = [(part, *upper_kron(A, B, phi_cut, self.dtype)) for part, A, B in self.terms]
        self.E_J, self.E_CJ_disordered, self.dC_J = E_J, ECJ, dC_J

    def operator(self, zeta_theta, phi=None) -> sps.csr_matrix:
        """The sparse operator (ζ⊗θ factor) ⊗ (φ factor, None: the identity) in this basis."""
        return sps.kron(zeta_theta, sps.identity(self.cutoff[2]) if phi is None else sps.csr_matrix(phi),
                        format="csr")

    def part(self, which: int) -> sps.csr_matrix:
        """H_0 (0), H_c (1) or H_s (2) as a sparse matrix."""
        return sum(self.operator(A, B) for part, A, B in self.terms if part == which)

    @property
    def phi_op(self) -> sps.csr_matrix:
        return self.operator(sps.identity(self.cutoff[1] * (2 * self.cutoff[0] + 1)), self.phi)

    @property
    def n_theta_op(self) -> sps.csr_matrix:
        return self.operator(sps.kron(sps.identity(self.cutoff[1]), self.n_t))

    def noise_operators(self, flux: float) -> dict:
        """Sparse operators of scqubits' Cos2PhiQubit noise channels in this basis at Φ_ext/Φ0 = ``flux``:
        φ_1 = ζ − φ, φ_2 = −ζ − φ (the two inductors), n_1,2 = ½n_φ ± ½(n_θ − n_ζ) (the two junctions),
        ∂H/∂(Φ/Φ0) = π(cos(πf)H_s − sin(πf)H_c), ∂H/∂E_J = (cos(πf)H_c + sin(πf)H_s)/E_J (up to the constant 2) and
        ∂H/∂n_g = 4dC_J E'_CJ n_φ − 4E'_CJ(n_θ − n_g − n_ζ)."""
        ncut, zeta_cut, phi_cut = self.cutoff
        I_zt, I_t = sps.identity(zeta_cut * (2 * ncut + 1)), sps.identity(2 * ncut + 1)
        zeta, n_phi = self.operator(sps.kron(self.zeta, I_t)), self.operator(I_zt, self.n_phi)
        n_zeta, phi, n_theta = self.operator(sps.kron(self.n_zeta, I_t)), self.phi_op, self.n_theta_op
        hc, hs = self.part(1), self.part(2)
        c, s = math.cos(math.pi * flux), math.sin(math.pi * flux)
        return {"phi_1": zeta - phi, "phi_2": -zeta - phi, "n_1": 0.5 * n_phi + 0.5 * (n_theta - n_zeta),
                "n_2": 0.5 * n_phi - 0.5 * (n_theta - n_zeta), "d_flux": math.pi * (c * hs - s * hc),
                "d_EJ": (c * hc + s * hs) / self.E_J,
                "d_ng": 4 * self.dC_J * self.E_CJ_disordered * n_phi
                - 4 * self.E_CJ_disordered * self.operator(self.charge_zt)}

    def blocks(self, flux: float):
        """At n_g = 0 and Φ_ext/Φ0 = 0 or ½ (mod 1) H commutes with a parity diagonal in this basis: P (φ, ζ, θ →
        −φ, −ζ, −θ: (−1)^(n_φ + n_ζ), and −1 on sin kθ) at 0; P then θ → θ + π ((−1)^k on cos kθ and sin kθ) at ½.
        Returns the indices of its two eigenspaces (each half the states and half the band), else None."""
        f = round(float(flux) % 1.0, 12) % 1.0
        if self.dtype is not float or f not in (0.0, 0.5):
            return None
        ncut, zeta_cut, phi_cut = self.cutoff
        t = np.arange(2 * ncut + 1)
        order = (t + 1) // 2  # k of 1, cos θ, sin θ, cos 2θ, …
        theta = np.where((t > 0) & (t % 2 == 0), -1, 1) * ((-1) ** order if f == 0.5 else 1)
        parity = ((-1) ** np.arange(zeta_cut))[:, None, None] * theta[None, :, None] \
            * ((-1) ** np.arange(phi_cut))[None, None, :]
        parity = parity.ravel()
        return [np.flatnonzero(parity > 0), np.flatnonzero(parity < 0)]

    def embed(self, vectors: np.ndarray, cutoff: tuple) -> np.ndarray:
        """Vectors (columns) of the basis with ``cutoff`` in this one: the states both bases hold keep their
        components, the others start empty (a start for the solver; θ matched by charge, or at n_g = 0 by the real
        basis' index, which both bases share up to the smaller cut-off)."""
        (nc0, z0, p0), (nc1, z1, p1) = cutoff, self.cutoff
        old = vectors.reshape(z0, 2 * nc0 + 1, p0, -1)
        new = np.zeros((z1, 2 * nc1 + 1, p1, old.shape[-1]), dtype=self.dtype)
        z, p, nc = min(z0, z1), min(p0, p1), min(nc0, nc1)
        if self.dtype is float:
            new[:z, :2 * nc + 1, :p] = old[:z, :2 * nc + 1, :p]
        else:
            new[:z, nc1 - nc:nc1 + nc + 1, :p] = old[:z, nc0 - nc:nc0 + nc + 1, :p]
        return new.reshape(self.dim, -1)

    def to_charge_basis(self, vectors: np.ndarray) -> np.ndarray:
        """Eigenvectors in scqubits' basis: index order (φ, ζ, θ), θ in charge states (to compare with scqubits)."""
        ncut, zeta_cut, phi_cut = self.cutoff
        v = vectors.reshape(zeta_cut, 2 * ncut + 1, phi_cut, -1)
        v = np.einsum("nt,ztpk->pznk", self.theta_basis.toarray(), v)
        return v.reshape(self.dim, -1)

    def band(self, flux: float, index=None) -> np.ndarray:
        """Upper band of H(f) = H_0 + cos(πf)H_c + sin(πf)H_s [GHz] (real at n_g = 0, else complex); with ``index``
        (ascending) that of its rows and columns ``index``, of the half-width they need."""
        terms, width, size = self.upper, self.u, self.dim
        if index is not None:
            position = np.full(self.dim, -1)
            position[index] = np.arange(len(index))
            terms = []
            for part, r, c, data in self.upper:
                keep = (position[r] >= 0) & (position[c] >= 0)
                terms.append((part, position[r[keep]], position[c[keep]], data[keep]))
            width, size = max(int(np.max(c - r, initial=0)) for _, r, c, _ in terms), len(index)
        weight = (1.0, math.cos(math.pi * flux), math.sin(math.pi * flux))
        ab = np.zeros((width + 1, size), dtype=self.dtype)
        for part, r, c, data in terms:
            ab[width + r - c, c] += weight[part] * data  # each position once per term
        return ab


def upper_kron(A: sps.spmatrix, B, size: int, dtype) -> tuple:
    """(rows, columns, values) of the upper triangle of A ⊗ B, B a dense ``size`` × ``size`` matrix (None: the
    identity); indices i_A·size + i_B. Values cast to ``dtype`` (real at n_g = 0: the imaginary parts cancel in
    each product there)."""
    A = A.tocoo()
    if B is None:
        rows, cols, values = A.row[:, None] * size + np.arange(size), A.col[:, None] * size + np.arange(size), \
            A.data[:, None] * np.ones(size)
    else:  # entries below 1e-14 of the largest are rounding (cos φ and sin φ vanish between states of the wrong parity)
        rb, cb = np.nonzero(np.abs(B) > 1e-14 * np.max(np.abs(B)))
        rows, cols = A.row[:, None] * size + rb, A.col[:, None] * size + cb
        values = A.data[:, None] * B[rb, cb]
    upper = rows <= cols
    values = values[upper]
    return rows[upper], cols[upper], (values.real if dtype is float else values).astype(dtype)


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
