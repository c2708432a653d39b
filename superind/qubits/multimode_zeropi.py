"""Multimode 0-π: both film superinductors as lumped ladders, their standing waves coupled to the φ and θ modes.

Circuit (Brooks, Kitaev & Preskill, PRA 87, 052306 (2013); Groszkowski et al., NJP 20, 043053 (2018)): a ring of
nodes R1…R4 with junction a (E_J, C_J) across R1–R2, superinductor a from R2 to R3, junction b across R3–R4,
superinductor b from R4 to R1, and the shunt capacitors C across R1–R3 and R2–R4. In the phases

    R1 = s,  R2 = s + φ + θ,  R3 = s + θ − ζ,  R4 = s + φ − ζ

the junctions drop φ ± θ and the superinductors φ ± ζ, which is scqubits' ``ZeroPi`` (kinetic 2E_CJ n_φ² +
2E_CΣ n_θ², potential E_L φ² − 2E_J cos θ cos(φ − φ_ext/2)) plus the harmonic ζ; s, the ring's potential against
ground, is cyclic (no inductance to ground) and is eliminated with its charge zero (a Schur complement of the
capacitance matrix).

Each superinductor is the drawn meander's lumped-Π ladder (:func:`superind.qubits.multimode_base.ladder_matrices`,
its capacitance to ground and between rows kept, both ends on ring nodes, its L scaled to the qubit's E_L). The
internal nodes are split as for the fluxonium (:mod:`superind.qubits.multimode`): static profile between the ring
nodes plus the K lowest clamped modes of one wire, taken as the even and odd pairs (x, ±x)/√2 of the two identical
wires. ζ and the 2K pairs are harmonic modes coupled to (φ, θ) through the capacitance only; the charge form
(:func:`~superind.qubits.multimode_base.charge_form`) gives, in E/h [GHz],

    H = H_0π(E_J, E_L, E_CJ, E_CΣ, n_g) + Σ_k f_k a_k†a_k + Σ_k [g^φ_k n_φ + g^θ_k (n_θ + n_g)](a_k + a_k†)

with E_CJ = e²(c⁻¹)_φφ, E_CΣ = e²(c⁻¹)_θθ, E_L = ½(Φ0/2π)²K_φφ, g_jk = 2eW_jk√(ħω_k/2)/h (W, c of the charge form;
(n_θ + n_g) is the θ charge as scqubits' kinetic term writes it). By the circuit's two mirror symmetries φ, θ and
ζ couple to different pairs and (c⁻¹)_φθ = 0; the normal modes with g = 0 (ζ and half the pairs in a symmetric
circuit) are left out and listed. K = 0 is the quasi-static 0-π: the wires' capacitance spread over the ring nodes
by the static profile. Solved in (0-π eigenstates on its converged grid) ⊗ (Fock states). Theory:
``docs/theory/qubits.md`` (Multimode superinductors).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

import numpy as np
from scipy.linalg import eigh

from ..constants import GHz, e, hbar
from ..errors import InputError
from .multimode_base import (MultimodeSpectrum, ProductHamiltonian, charge_form, check_inputs, converged_truncation,
                             creation_operators, kron, dressed_shifts, fock_states, ladder_matrices, mode_notes,
                             static_profile)
from ..junction import capacitance_for_charging_energy
from ..threads import one_blas_thread
from .spectrum import TOL_GHZ, Spectrum, flux_period_points
from .zeropi import CHECK_FLUX, ZeroPi

if TYPE_CHECKING:
    from ..wire import Wire

#: ring node phases (R1…R4) in the coordinates (φ, θ, ζ, s)
RING = np.array([[0, 0, 0, 1], [1, 1, 0, 1], [0, 1, -1, 1], [1, 0, -1, 1]], dtype=float)
UNCOUPLED = 1e-9  #: a coupling |g|/f at or below this is zero (the symmetry forbids it; rounding leaves ~1e-16)
SYMMETRY_RTOL = 1e-9  #: largest (c⁻¹)_φθ relative to √((c⁻¹)_φφ(c⁻¹)_θθ) of a symmetric circuit


def zeropi_circuit(qubit: ZeroPi, wire: "Wire", per_row: int, scale: float) -> tuple[np.ndarray, np.ndarray, int]:
    """Nodal (C [F], K [1/H], internal nodes per wire): R1…R4, then wire a's and wire b's internal nodes."""
    Cw, Kw = ladder_matrices(wire, per_row, far_end=True)
    n = len(Cw) - 2
    C, K = np.zeros((4 + 2 * n,) * 2), np.zeros((4 + 2 * n,) * 2)
    for port, far, first in ((1, 2, 4), (3, 0, 4 + n)):  # wire a: R2 → R3, wire b: R4 → R1
        nodes = [port, *range(first, first + n), far]
        C[np.ix_(nodes, nodes)] += Cw
        K[np.ix_(nodes, nodes)] += Kw / scale
    for (a, b), E_GHz in (((0, 1), qubit.E_CJ_GHz), ((2, 3), qubit.E_CJ_GHz), ((0, 2), qubit.E_C_GHz),
                          ((1, 3), qubit.E_C_GHz)):
        cap = capacitance_for_charging_energy(E_GHz)
        C[[a, b], [a, b]] += cap
        C[[a, b], [b, a]] -= cap
    return C, K, n


@dataclass(frozen=True, eq=False)
class ZeroPiCoupling:
    """The reduced 0-π: E_CJ, E_CΣ, E_L [GHz]; the coupled modes f_k [Hz] with g_k = (g^φ_k, g^θ_k) [GHz] (2 × K);
    the normal modes that couple to neither [Hz]."""

    E_CJ_GHz: float
    E_CS_GHz: float
    E_L_GHz: float
    modes_Hz: np.ndarray
    g_GHz: np.ndarray
    uncoupled_Hz: np.ndarray


def reduce_zeropi(C: np.ndarray, K: np.ndarray, internal: int, modes: int) -> tuple[ZeroPiCoupling, ZeroPiCoupling]:
    """Ring nodes → (φ, θ, ζ, s), internal nodes → static profile + the ``modes`` lowest clamped modes of each
    wire as even/odd pairs; s eliminated; charge form over (φ, θ) with ζ and the pairs as modes (module doc).
    Returns (with the modes, quasi-static K = 0)."""
    if modes > internal:
        raise InputError(f"multimode: {modes} modes need at least {modes + 1} sections per wire; raise sections")
    with one_blas_thread():
        _, C_ring, K_ring, drive = static_profile(C, K, 4)
        wire_a = slice(4, 4 + internal)
        Omega2, x = (eigh(K[wire_a, wire_a], C[wire_a, wire_a], subset_by_index=(0, modes - 1)) if modes
                     else (np.zeros(0), np.zeros((internal, 0))))
        K_y = RING.T @ K_ring @ RING
        return tuple(_charge_form(RING.T @ C_ring @ RING, K_y, drive, Omega2[:k], x[:, :k]) for k in (modes, 0))


def _charge_form(C_y: np.ndarray, K_y: np.ndarray, drive: np.ndarray, Omega2: np.ndarray, x: np.ndarray):
    """The 0-π charge form from the ring's (φ, θ, ζ, s) matrices and one wire's clamped modes x (module doc)."""
    pairs = np.block([[x, x], [x, -x]]) / math.sqrt(2)
    Omega2 = np.tile(Omega2, 2)
    B = pairs.T @ drive @ RING
    kinetic = np.block([[C_y, B.T], [B, np.eye(len(Omega2))]])
    kinetic -= np.outer(kinetic[:, 3], kinetic[3]) / kinetic[3, 3]  # s cyclic, its charge zero
    kinetic = np.delete(np.delete(kinetic, 3, 0), 3, 1)
    c, omega, W = charge_form(kinetic[:2, :2], kinetic[2:, :2], kinetic[2:, 2:], np.append(K_y[2, 2], Omega2))
    c_inv = np.linalg.inv(c)
    if abs(c_inv[0, 1]) > SYMMETRY_RTOL * math.sqrt(c_inv[0, 0] * c_inv[1, 1]):
        raise InputError("multimode 0-π: the circuit couples φ and θ capacitively (not mirror symmetric); this "
                         "model needs two identical superinductors and junctions")
    g = 2 * e * W * np.sqrt(hbar * omega / 2) / GHz
    f_Hz = omega / (2 * math.pi)
    g[np.abs(g) <= UNCOUPLED * f_Hz / 1e9] = 0.0  # rounding noise of couplings the symmetry forbids
    coupled = np.abs(g).sum(axis=0) > 0
    return ZeroPiCoupling(e**2 * c_inv[0, 0] / GHz, e**2 * c_inv[1, 1] / GHz, 0.5 * (hbar / (2 * e))**2 * K_y[0, 0]
                          / GHz, f_Hz[coupled], g[:, coupled], f_Hz[~coupled])


def frame_zeropi(qubit: ZeroPi, E_CJ_GHz: float, E_CS_GHz: float, E_L_GHz: float) -> ZeroPi:
    """The 0-π with the reduced charging and inductive energies (its shunt E_C from E_CΣ = (1/E_C + 1/E_CJ)⁻¹)."""
    if not E_CS_GHz < E_CJ_GHz:
        raise InputError(f"multimode 0-π: the reduced E_CΣ = {E_CS_GHz:.4g} GHz is not below E_CJ = "
                         f"{E_CJ_GHz:.4g} GHz; the wires' capacitance leaves no 0-π qubit")
    return ZeroPi(qubit.E_J_GHz, E_L_GHz, E_CJ_GHz, 1 / (1 / E_CS_GHz - 1 / E_CJ_GHz), qubit.n_g, qubit.dE_J)


class ZeroPiMultimodeHamiltonian(ProductHamiltonian):
    """H of the module docstring in (``qubit_states`` 0-π eigenstates) ⊗ (≤ ``photons`` quanta), in GHz.

    The 0-π eigenstates come from its grid (``cutoff``); their energies and n_φ, n_θ + n_g are kept per flux in
    ``eigen`` (shared between truncations: the largest set asked for is solved and projected once, then sliced)."""

    def __init__(self, qubit: ZeroPi, coupling: ZeroPiCoupling, qubit_states: int, photons: int, cutoff,
                 eigen: dict):
        self.qubit, self.qubit_states, self.cutoff, self.eigen = qubit, int(qubit_states), cutoff, eigen
        modes = len(coupling.modes_Hz)
        self.fock = fock_states(modes, photons if modes else 0)
        self.quadratures = [A + A.T for A in creation_operators(self.fock)]  # a_k + a_k†
        self.coupling = coupling
        self.mode_energies = self.fock @ (coupling.modes_Hz / 1e9)

    def projected(self, flux: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(E [GHz], n_φ, n_θ + n_g) in the lowest ``qubit_states`` 0-π eigenstates at ``flux``."""
        key, Q = round(float(flux), 12), self.qubit_states
        if key not in self.eigen or self.eigen[key][0].size < Q:
            if "grid" not in self.eigen:
                grid = self.qubit.grid(self.cutoff)
                self.eigen["grid"] = (grid, grid.d_dphi(), grid.n + self.qubit.n_g)
            grid, d_dphi, charge_theta = self.eigen["grid"]
            with one_blas_thread():
                w, V, self.eigen["sigma"] = grid.eigensystem([flux], Q, self.eigen.get("sigma", 0.0))
            self.eigen[key] = (w[0], -1j * (V.conj().T @ (d_dphi @ V)), V.conj().T @ (charge_theta[:, None] * V))
        E, n_phi, n_theta = self.eigen[key]
        return E[:Q], n_phi[:Q, :Q], n_theta[:Q, :Q]

    def matrix(self, flux: float) -> np.ndarray:
        """Dense Hermitian H [GHz] at Φ_ext/Φ0 = ``flux``."""
        E, n_phi, n_theta = self.projected(flux)
        H = kron(np.diag(E), np.eye(len(self.fock))) + kron(np.eye(len(E)), np.diag(self.mode_energies))
        for (g_phi, g_theta), X in zip(self.coupling.g_GHz.T, self.quadratures):
            H = H + kron(g_phi * n_phi + g_theta * n_theta, X)
        return H


def zeropi_multimode_spectrum(qubit: ZeroPi, wire: Optional["Wire"], flux, levels: int = 4, modes: int = 3,
                              sections: Optional[int] = None, photons: Optional[int] = None,
                              qubit_states: Optional[int] = None, operating_flux: float = 0.0,
                              tol_GHz: float = TOL_GHZ) -> MultimodeSpectrum:
    """Levels of a 0-π qubit with the ``modes`` lowest standing waves of each of its two drawn superinductors.

    Arguments as :func:`superind.qubits.multimode.multimode_spectrum`; ``sections`` counts the sections of one
    wire. ``g_GHz``/``g_theta_GHz`` of the result are the couplings to n_φ and to n_θ + n_g."""
    if qubit.dC_J != 0:
        raise InputError("multimode 0-π: junction capacitance asymmetry (dC_J) is not modelled; use dC_J = 0")
    t = check_inputs(qubit.L_H, wire, flux, levels, modes, sections, photons, qubit_states)
    C, K, internal = zeropi_circuit(qubit, t.wire, t.per_row, t.scale)
    coupling, static = reduce_zeropi(C, K, internal, t.modes)
    frame = frame_zeropi(qubit, coupling.E_CJ_GHz, coupling.E_CS_GHz, coupling.E_L_GHz)
    cut, grid_change = frame.converged_cutoff(t.levels, tol_GHz=tol_GHz)
    eigen: dict = {}
    build = lambda Q, P: ZeroPiMultimodeHamiltonian(frame, coupling, Q, P, cut, eigen)
    symmetric = frame.reflection_symmetric
    check = np.unique(flux_period_points([CHECK_FLUX, operating_flux], symmetric)[0])
    states, P, change = converged_truncation(lambda Q, P: build(Q, P).levels(check, t.levels), t.levels,
                                             t.qubit_states, t.photons, tol_GHz)
    H = build(states, P)
    distinct, back = flux_period_points(t.flux, symmetric)
    cutoff = {"phi_half_range": cut[0], "phi_points": cut[1], "ncut": cut[2], "qubit_states": states, "photons": P,
              "modes": t.modes, "sections": t.sections}
    spectrum = Spectrum("zeropi-multimode", t.flux, H.levels(distinct, t.levels)[back], cutoff,
                        change + grid_change, tol_GHz)

    kept = len(coupling.modes_Hz)
    f01, chi, chi_change, _, notes = dressed_shifts(build, t.levels, states, P, kept, operating_flux, tol_GHz)
    single = frame_zeropi(qubit, static.E_CJ_GHz, static.E_CS_GHz, static.E_L_GHz)  # K = 0, on the same grid
    E01 = ZeroPiMultimodeHamiltonian(single, static, 2, 0, cut, {}).levels([operating_flux], 2)[0]
    f01_static = float(E01[1] - E01[0])
    f01_lumped = float(qubit.spectrum([operating_flux], t.levels, tol_GHz=tol_GHz).f01_GHz[0])
    notes += mode_notes(t, spectrum, coupling.modes_Hz)
    energies = lambda c: {"E_J_GHz": qubit.E_J_GHz, "E_CJ_GHz": c.E_CJ_GHz, "E_CS_GHz": c.E_CS_GHz,
                          "E_L_GHz": c.E_L_GHz}
    return MultimodeSpectrum(spectrum, coupling.modes_Hz, coupling.g_GHz[0], chi, chi_change, float(operating_flux),
                             float(f01), f01_static, f01_lumped, energies(coupling), energies(static), t.sections,
                             t.error, t.scale, tuple(notes), coupling.g_GHz[1], coupling.uncoupled_Hz)
