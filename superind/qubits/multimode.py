"""Multimode fluxonium: the junction coupled to the K lowest standing waves of its drawn film superinductor.

Circuit: the meander of ``wire.meander`` (N rows of length ℓ joined at alternating ends, far end grounded) cut
into n sections per row, M = Nn along the wire, nodes at z_j = jℓ/n in every row. Each section is the lumped-Π
model of the multiconductor line (Paul, *Analysis of Multiconductor Transmission Lines*, 2nd ed., Wiley 2008):
series inductance matrix L′Δz between the rows' nodes at z_j and z_j+1 (kinetic L_k,□/w on the diagonal plus the
geometric self and mutual inductances μ0ε0C0⁻¹ of the line model: sections side by side couple as in the
continuum line) and C′Δz/2 of the Maxwell matrix (ground and every row pair) at each end. The junction (E_J and
C_q = e²/2E_C of the qubit) joins the port node 0 to ground. Node fluxes φ (nodes 0…M−1), capacitance C, inverse
inductance K:

    ℒ = ½φ̇ᵀCφ̇ − ½φᵀKφ + E_J cos(2πφ_0/Φ0 + 2πΦ_ext/Φ0)

Qubit and modes, in the form of Viola & Catelani (PRB 92, 224511 (2015)) and Ferguson, Houck & Koch (PRX 3,
011003 (2013)) for fluxonium arrays: the junction phase and collective modes coupled through the capacitance. Here
φ_int = aφ_0 + Xξ with a = −K_ii⁻¹K_i0 the static profile (the DC share of the junction phase at each node) and X
the wire's modes with both ends grounded (K_iiX = C_iiXΩ², XᵀC_iiX = 1).
The potential separates exactly, ½φ_0²/L + ½ΣΩ_μ²ξ_μ² (L: the wire's DC inductance), and the modes couple to φ_0
through the capacitance only: C′_00 = (1, a)ᵀC(1, a), b = Xᵀ(C_i0 + C_ii a). Keeping the K lowest ξ (Rayleigh–
Ritz truncation of ℒ, exact for K = M − 1) and the Legendre transform give, in E/h [GHz] (charge form):

    H = 4E_C n² + ½E_L φ² − E_J cos(φ + φ_ext) + Σ_k f_k a_k†a_k + Σ_k g_k n (a_k + a_k†)

E_L = (Φ0/2π)²/L, E_C = e²/2c, c = C′_00 − bᵀb; f_k = ω_k/2π are the modes of ½P_ξᵀ(1 + bbᵀ/c)P_ξ + ½ξᵀΩ²ξ
(eigenvectors Y, Yᵀ(1 − bbᵀ/C′_00)Y = 1), g_k = 2e|w_k|√(ħω_k/2)/h with w = Yᵀb/C′_00. K = 0 is the
quasi-static single-mode qubit, E_C = e²/2C′_00 (C′_00 = C_q + C_wire(1/3 + 1/6M²) for a straight wire). The
solver works in an equivalent frame (``MultimodeHamiltonian``) in the qubit's eigenstates ⊗ mode Fock states.
Theory: ``docs/theory/qubits.md`` (Multimode superinductors).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

import numpy as np
from scipy.linalg import eigh

from ..constants import GHz, e, hbar
from ..errors import InputError
from ..junction import capacitance_for_charging_energy, charging_energy_GHz
from ..threads import one_blas_thread
from .multimode_base import (MultimodeSpectrum, ProductHamiltonian, block_eigh, charge_form, check_inputs,
                             converged_truncation, creation_operators, discretisation_error, dressed_shifts,
                             fock_states, kron, ladder_matrices, mode_notes, static_profile, symmetric_flux)
from .rfsquid import RFSquid
from .reduced_basis import EXTRA, continued_levels
from .spectrum import TOL_GHZ, Spectrum, flux_period_points
from .zeropi import ZeroPi
from .multimode_zeropi import zeropi_multimode_spectrum

if TYPE_CHECKING:
    from ..wire import Wire

__all__ = ["multimode_spectrum", "multimode_levels", "ladder_matrices", "discretisation_error", "reduce_circuit",
           "MultimodeSpectrum"]

CHECK_FLUX = np.array([0.0, 0.25, 0.5])  #: truncation convergence check points (E(f) = E(−f) = E(f + 1))
FRAME = 0.5  #: α of the solver's frame (``MultimodeHamiltonian``)
BLOCK_MIN_STATES = 150  #: product bases split by parity from this size (below, LAPACK's cost per call dominates)


# ------------------------------------------------------------------------------------ qubit coordinate and modes
@dataclass(frozen=True, eq=False)
class ModeCoupling:
    """The reduced circuit: qubit charging/inductive energies [GHz], modes f_k [Hz], couplings g_k [GHz]."""

    E_C_GHz: float
    E_C_quasistatic_GHz: float
    E_L_GHz: float
    modes_Hz: np.ndarray
    g_GHz: np.ndarray

    @property
    def phase_zpf(self) -> np.ndarray:
        """λ_k = g_k/f_k: the junction-phase zero-point displacement by mode k in the flux-coupled frame."""
        return self.g_GHz / (self.modes_Hz / 1e9)


def reduce_circuit(C: np.ndarray, K: np.ndarray, modes: int) -> ModeCoupling:
    """Junction node 0 kept, internal nodes = static profile + the ``modes`` lowest clamped modes (module doc)."""
    if modes > len(C) - 1:
        raise InputError(f"multimode: {modes} modes need at least {modes + 1} sections; raise sections")
    with one_blas_thread():
        _, C00, K00, drive = static_profile(C, K, 1)
        if modes == 0:
            Omega2, b = np.zeros(0), np.zeros((0, 1))
        else:
            Omega2, X = eigh(K[1:, 1:], C[1:, 1:], subset_by_index=(0, modes - 1))
            b = X.T @ drive
        c, omega, W = charge_form(C00, b, np.eye(modes), Omega2)
    g_GHz = 2 * e * np.abs(W[0]) * np.sqrt(hbar * omega / 2) / GHz
    E = charging_energy_GHz
    return ModeCoupling(E(c[0, 0]), E(C00[0, 0]), (hbar / (2 * e))**2 * K00[0, 0] / GHz, omega / (2 * math.pi),
                        g_GHz)


# ------------------------------------------------------------------------------------------- the Hamiltonian
def frame_qubit(E_J_GHz: float, coupling: ModeCoupling) -> RFSquid:
    """The fluxonium of the solver's frame: E_C(α) = E_C − (2α − α²)(E_C − E_C,quasistatic), α = ``FRAME``."""
    shift = (2 * FRAME - FRAME**2) * (coupling.E_C_GHz - coupling.E_C_quasistatic_GHz)
    return RFSquid(E_J_GHz, coupling.E_C_GHz - shift, coupling.E_L_GHz)


class MultimodeHamiltonian(ProductHamiltonian):
    """H of the module docstring in the solver's frame, (qubit eigenstates) ⊗ (≤ ``photons`` quanta), in GHz.

    The canonical shift φ → φ + αθ, θ = Σ_k λ_k(a_k + a_k†), λ_k = g_k/f_k, P_k → P_k + αw_kQ gives
        H = 4E_C(α)n² + ½E_L(φ + αθ)² − E_J cos(φ + φ_ext + αθ) + Σ_k f_k a_k†a_k + (1 − α)Σ_k g_k n(a_k + a_k†),
    E_C(α) = e²/2[1/c − (2α − α²)wᵀw]: α = 0 is the charge form, α = 1 the flux form (E_C = e²/2C′_00). The
    spectrum is the same for every α; at equal truncation α = ½ errs ~10× less than either end (measured on
    fluxonia with E_J/E_L = 4–33 and modes at 11–39 GHz). cos θ, sin θ: functions of the projected θ.
    In the flux-independent basis (oscillator states of the qubit's basis) ⊗ (Fock states), with
    cos(φ + φ_ext) = cos φ cos φ_ext − sin φ sin φ_ext, H = H_0 + cos φ_ext H_c + sin φ_ext H_s (``parts``).
    """

    def __init__(self, qubit: RFSquid, coupling: ModeCoupling, qubit_states: int, photons: int, tol_GHz: float,
                 eigen: dict):
        self.qubit, self.qubit_states, self.eigen = qubit, int(qubit_states), eigen
        self.cutoff = qubit.converged_cutoff(self.qubit_states, tol_GHz=tol_GHz)[0]
        if ("basis", self.cutoff) not in eigen:  # one oscillator basis per cut-off, shared by the truncations
            eigen["basis", self.cutoff] = qubit.basis(self.cutoff, qubit.phi_osc)
        self.basis = eigen["basis", self.cutoff]
        self.photons = photons if len(coupling.modes_Hz) else 0
        self.fock = fock_states(len(coupling.modes_Hz), self.photons)
        F = len(self.fock)
        theta, charge = np.zeros((F, F)), np.zeros((F, F))  # αθ and (1 − α)Σ g_k(a_k† − a_k)
        for A, lam, g in zip(creation_operators(self.fock), coupling.phase_zpf, coupling.g_GHz):
            theta += FRAME * lam * A
            charge += (1 - FRAME) * g * A
        self.theta, self.charge = theta + theta.T, charge - charge.T
        t, U = np.linalg.eigh(self.theta)
        self.cos_theta_1, self.sin_theta = (U * (np.cos(t) - 1)) @ U.T, (U * np.sin(t)) @ U.T
        self.fock_modes = np.diag(self.fock @ (coupling.modes_Hz / 1e9)) + 0.5 * qubit.E_L_GHz * self.theta @ self.theta
        self.modes = kron(np.eye(self.qubit_states), self.fock_modes)
        self.fock_factors = np.stack([qubit.E_L_GHz * self.theta, -self.charge, -qubit.E_J_GHz * self.cos_theta_1,
                                      qubit.E_J_GHz * self.sin_theta]).reshape(4, -1)  # with φ, N, cos, sin

    def qubit_eigensystem(self, flux: float) -> tuple:
        """(E, V, parity) of the fluxonium in the oscillator basis at ``flux``, all eigenpairs, solved once per
        (cut-off, flux) and kept in ``eigen`` (shared by the truncations). At Φ_ext/Φ0 = 0 or ½, where φ → −φ is a
        symmetry, the even and odd oscillator states are solved apart and ``parity`` is each eigenstate's ±1 (else
        None)."""
        key = (self.cutoff, round(float(flux), 12))
        if key not in self.eigen:
            H = self.basis.hamiltonian(self.qubit.E_J_GHz, flux)
            halves = [np.arange(0, self.cutoff, 2), np.arange(1, self.cutoff, 2)] if symmetric_flux(flux) else None
            E, V, which = block_eigh(H, halves, driver="evd")  # all pairs: divide and conquer is the fastest
            self.eigen[key] = E, V, None if which is None else 1 - 2 * which
        return self.eigen[key]

    def blocks(self, flux: float):
        """At Φ_ext/Φ0 = 0 or ½: the product states of parity +1 and −1 (qubit parity × (−1)^photons; φ, θ, N and the
        a_k − a_k† charge are odd, cos and the modes' energies even), else None (and below ``BLOCK_MIN_STATES``)."""
        parity = self.qubit_eigensystem(flux)[2]
        if parity is None or self.qubit_states * len(self.fock) < BLOCK_MIN_STATES:
            return None
        product = (parity[:self.qubit_states, None] * (-1) ** self.fock.sum(axis=1)[None, :]).ravel()
        return [np.flatnonzero(product > 0), np.flatnonzero(product < 0)]

    def projected(self, flux: float) -> tuple:
        """(E, φ, N, cos(φ + φ_ext), sin(φ + φ_ext)) in the lowest ``qubit_states`` fluxonium eigenstates at ``flux``
        (n = iN)."""
        E, V, _ = self.qubit_eigensystem(flux)
        V, b, phase = V[:, :self.qubit_states], self.basis, 2 * math.pi * flux
        phi, N, cos, sin = (V.T @ op @ V for op in (b.phi, b.n.imag, b.cos_phi, b.sin_phi))
        return (E[:self.qubit_states], phi, N, cos * math.cos(phase) - sin * math.sin(phase),
                sin * math.cos(phase) + cos * math.sin(phase))

    def matrix(self, flux: float) -> np.ndarray:
        """Dense real symmetric H [GHz] at Φ_ext/Φ0 = ``flux``; n = iN (N real), a − a† → real antisymmetric."""
        E, phi, N, cos_q, sin_q = self.projected(flux)
        Q, F = self.qubit_states, len(self.fock)
        H = (np.stack([phi, N, cos_q, sin_q]).reshape(4, Q * Q).T @ self.fock_factors)  # Σ_k A_k ⊗ B_k
        H = H.reshape(Q, Q, F, F).transpose(0, 2, 1, 3).reshape(Q * F, Q * F) + self.modes
        H[np.diag_indices(Q * F)] += np.repeat(E, F)
        return H

    def eigenvectors(self, flux: float, count: int) -> tuple[np.ndarray, np.ndarray]:
        """Lowest ``count`` levels [GHz] at ``flux`` (fewer if the basis is smaller) and their eigenvectors in the
        flux-independent basis (oscillator states ⊗ Fock states, the Fock index fastest), one per column; solved
        once per truncation and flux (kept in ``eigen``)."""
        count = min(count, self.qubit_states * len(self.fock))
        key = ("product", self.qubit_states, self.photons, round(float(flux), 12), count)
        if key not in self.eigen:
            w, y, _ = block_eigh(self.matrix(flux), self.blocks(flux), subset_by_index=(0, count - 1))
            V = self.qubit_eigensystem(flux)[1][:, :self.qubit_states]
            self.eigen[key] = w, (V @ y.reshape(self.qubit_states, -1)).reshape(-1, count)
        return self.eigen[key]

    def parts(self, R: np.ndarray) -> np.ndarray:
        """(H_0R, H_cR, H_sR) for columns R in the flux-independent basis (class docstring), shape (3, rows, columns):
        H_0 = H_osc ⊗ 1 + 1 ⊗ (Σ f_k n_k + ½E_Lθ²) + E_L φ ⊗ θ − N ⊗ (charge), H_c = −E_J(cos φ ⊗ cos θ − sin φ ⊗
        sin θ), H_s = E_J(sin φ ⊗ cos θ + cos φ ⊗ sin θ), each applied factor by factor."""
        b, E_J, E_L = self.basis, self.qubit.E_J_GHz, self.qubit.E_L_GHz
        F, columns = len(self.fock), R.shape[1]
        cos_theta = self.cos_theta_1 + np.eye(F)
        terms = ((0, b.oscillator, None), (0, None, self.fock_modes), (0, E_L * b.phi, self.theta),
                 (0, -b.n.imag, self.charge), (1, -E_J * b.cos_phi, cos_theta), (1, E_J * b.sin_phi, self.sin_theta),
                 (2, E_J * b.sin_phi, cos_theta), (2, E_J * b.cos_phi, self.sin_theta))
        X, out = R.reshape(self.cutoff, F * columns), np.zeros((3, self.cutoff, F, columns))
        with one_blas_thread():
            for part, qubit_factor, fock_factor in terms:  # None: the identity
                Y = (X if qubit_factor is None else qubit_factor @ X).reshape(self.cutoff, F, columns)
                out[part] += Y if fock_factor is None else fock_factor @ Y
        return out.reshape(3, -1, columns)


@one_blas_thread()
def multimode_levels(qubit, wire: Optional["Wire"], flux, levels: int = 4, modes: int = 3,
                     sections: Optional[int] = None, photons: Optional[int] = None,
                     qubit_states: Optional[int] = None, operating_flux: float = 0.5,
                     tol_GHz: float = TOL_GHZ) -> Spectrum:
    """The hybridised levels of :func:`multimode_spectrum` alone (no dressed shifts, no single-mode comparisons):
    the same truncation search and levels, its f01 per flux point is ``Spectrum.f01_GHz``. A 0-π qubit gets the
    levels of :func:`zeropi_multimode_spectrum` (not cheaper)."""
    args = (levels, modes, sections, photons, qubit_states, operating_flux, tol_GHz)
    if isinstance(qubit, ZeroPi):
        return multimode_spectrum(qubit, wire, flux, *args).spectrum
    return _fluxonium_levels(qubit, wire, flux, *args)[0]


def _fluxonium_levels(qubit, wire, flux, levels, modes, sections, photons, qubit_states, operating_flux, tol_GHz):
    """(Spectrum, Truncation, ModeCoupling, build(Q, P), qubit states, photons) of a fluxonium with wire modes."""
    wire = wire if wire is not None else getattr(qubit, "wire", None)
    if not isinstance(qubit, RFSquid):
        raise InputError(f"multimode: not implemented for {type(qubit).__name__}, only for the RF-SQUID/fluxonium "
                         "and the 0-π qubit: use modes = 0")
    t = check_inputs(qubit.L_H, wire, flux, levels, modes, sections, photons, qubit_states)
    with one_blas_thread():
        C, K = ladder_matrices(t.wire, t.per_row)
        C[0, 0] += capacitance_for_charging_energy(qubit.E_C_GHz)
        coupling = reduce_circuit(C, K / t.scale, t.modes)

    qubit_frame = frame_qubit(qubit.E_J_GHz, coupling)
    eigen: dict = {}

    def build(Q: int, P: int) -> MultimodeHamiltonian:  # one per truncation (the search and the shifts share them)
        if ("hamiltonian", Q, P) not in eigen:
            eigen["hamiltonian", Q, P] = MultimodeHamiltonian(qubit_frame, coupling, Q, P, tol_GHz / 10, eigen)
        return eigen["hamiltonian", Q, P]

    check = np.union1d(CHECK_FLUX, flux_period_points([operating_flux], True)[0])
    count = t.levels + EXTRA  # the search's solves serve as the continuation's nodes where they coincide
    search = lambda Q, P: np.array([build(Q, P).eigenvectors(f, count)[0][:t.levels] for f in check])
    states, P, change = converged_truncation(search, t.levels, t.qubit_states, t.photons, tol_GHz)
    H = build(states, P)
    distinct, back = flux_period_points(t.flux, symmetric=True)
    values, excess, solves = continued_levels(lambda f: H.eigenvectors(f, count), H.parts, distinct, t.levels,
                                              min(tol_GHz / 10, tol_GHz - change))
    cutoff = {"qubit_cutoff": H.cutoff, "phi_osc": qubit_frame.phi_osc, "qubit_states": states, "photons": P,
              "modes": t.modes, "sections": t.sections, "frame_alpha": FRAME, "exact_flux_points": solves}
    spectrum = Spectrum("rfsquid-multimode", t.flux, values[back], cutoff, change + excess, tol_GHz)
    return spectrum, t, coupling, build, states, P


@one_blas_thread()
def multimode_spectrum(qubit, wire: Optional["Wire"], flux, levels: int = 4, modes: int = 3,
                       sections: Optional[int] = None, photons: Optional[int] = None,
                       qubit_states: Optional[int] = None, operating_flux: float = 0.5,
                       tol_GHz: float = TOL_GHZ) -> MultimodeSpectrum:
    """Levels of an RF-SQUID/fluxonium (or a 0-π qubit: :func:`zeropi_multimode_spectrum`) with the ``modes``
    lowest standing waves of its drawn superinductor.

    H = H_fluxonium(E_J, E_C, E_L) + Σ f_k a_k†a_k + Σ g_k n(a_k + a_k†) (module docstring) from the lumped-Π ladder
    of ``wire`` (None: ``qubit.wire``) in ``sections`` sections (a multiple of the rows; None: automatic), with the
    qubit's C = e²/2E_C at the junction and the wire's L scaled to the qubit's E_L. Truncation: ``qubit_states``
    qubit eigenstates and ≤ ``photons`` quanta in all modes (None: automatic, levels within tol_GHz). Many flux
    points are solved exactly at a few and continued between them (:mod:`superind.qubits.reduced_basis`; the
    cut-off records ``exact_flux_points``), the continuation's checked error added to ``convergence_GHz``.
    """
    args = (levels, modes, sections, photons, qubit_states, operating_flux, tol_GHz)
    if isinstance(qubit, ZeroPi):
        wire = wire if wire is not None else getattr(qubit, "wire", None)
        return zeropi_multimode_spectrum(qubit, wire, flux, *args)
    spectrum, t, coupling, build, states, P = _fluxonium_levels(qubit, wire, flux, *args)
    f01, chi, chi_change, cut, notes = dressed_shifts(build, t.levels, states, P, t.modes, operating_flux, tol_GHz)
    single = RFSquid(qubit.E_J_GHz, coupling.E_C_quasistatic_GHz, coupling.E_L_GHz)  # K = 0, same basis size
    f01_static = float(single.spectrum([operating_flux], 2, cutoff=cut, tol_GHz=tol_GHz).f01_GHz[0])
    f01_lumped = float(qubit.spectrum([operating_flux], t.levels, tol_GHz=tol_GHz).f01_GHz[0])
    notes += mode_notes(t, spectrum, coupling.modes_Hz)
    energies = lambda E_C: {"E_J_GHz": qubit.E_J_GHz, "E_C_GHz": E_C, "E_L_GHz": coupling.E_L_GHz}
    return MultimodeSpectrum(spectrum, coupling.modes_Hz, coupling.g_GHz, chi, chi_change, float(operating_flux),
                             float(f01), f01_static, f01_lumped, energies(coupling.E_C_GHz),
                             energies(coupling.E_C_quasistatic_GHz), t.sections, t.error, t.scale, tuple(notes))
