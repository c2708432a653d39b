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
from .rfsquid import RFSquid
from .spectrum import (TOL_GHZ, Spectrum, check_flux, check_levels, flux_period_points, minimal_cutoff,
                       one_blas_thread)

if TYPE_CHECKING:
    from ..wire import Wire

SECTION_RTOL = 2e-4  #: automatic sections: first K + 1 port-open modes this close to the exact line's (MoM C: 5e-4)
MAX_SECTIONS = 2048  #: largest automatic number of sections along the wire
L_MISMATCH = 0.05  #: largest relative difference between the qubit's L and the drawn meander's DC inductance
CHECK_FLUX = np.array([0.0, 0.25, 0.5])  #: truncation convergence check points (E(f) = E(−f) = E(f + 1))
QUBIT_STATES = [6, 9, 12, 16, 20, 25, 30, 36, 43, 50, 60, 70, 85, 100]  #: qubit eigenstates beyond the levels
PHOTONS = [2, 3, 4, 5, 6, 8, 10]  #: most quanta in all modes together
FRAME = 0.5  #: α of the solver's frame (``MultimodeHamiltonian``)
OVERLAP_MIN = 0.5  #: a dressed state is named after the bare state it overlaps by more than this


# --------------------------------------------------------------------------------------------- the lumped ladder
def ladder_matrices(wire: "Wire", sections_per_row: int) -> tuple[np.ndarray, np.ndarray]:
    """Nodal (C [F], K [1/H]) of the wire cut into lumped-Π sections; node 0 the port, the far end grounded.

    Terminal (row r, z_j): C_term = C′ ⊗ diag(Δz/2, Δz, …, Δz, Δz/2), K_term = L′⁻¹ ⊗ DᵀD/Δz (D: differences
    along z; sections at the same z couple through L′, the per-length matrices of ``wire.meander``). Terminal
    (r, j) is wire node rn + j (r even) or rn + n − j (r odd), so the rows join at alternating ends (Paul 2008).
    """
    line, n = wire.meander, int(sections_per_row)
    rows, dz = line.geometry.rows, line.geometry.row_length_m / n
    weight = np.full(n + 1, dz)
    weight[[0, -1]] = dz / 2
    diff = np.eye(n, n + 1, 1) - np.eye(n, n + 1)
    j = np.arange(n + 1)
    node = np.array([r * n + (j if r % 2 == 0 else n - j) for r in range(rows)])  # (row, z_j) → node; Nn: ground

    def assemble(per_length: np.ndarray, along_z: np.ndarray) -> np.ndarray:  # Σ over terminals of kron(·, ·)
        out = np.zeros((rows * n + 1,) * 2)
        for a, b in zip(*np.nonzero(along_z)):
            np.add.at(out, (node[:, a, None], node[None, :, b]), per_length * along_z[a, b])
        return out[:-1, :-1]

    return assemble(line.C_F_per_m, np.diag(weight)), assemble(np.linalg.inv(line.L_H_per_m), diff.T @ diff / dz)


def discretisation_error(wire: "Wire", sections_per_row: int, count: int) -> float:
    """Largest relative deviation of the ladder's first ``count`` port-open modes from the exact line's
    (``MeanderLine.mode_frequencies_Hz``); the Π ladder lags by ≈ (kΔz)²/24 (Paul 2008)."""
    C, K = ladder_matrices(wire, sections_per_row)
    if len(C) < count:
        return math.inf
    with one_blas_thread():
        f = np.sqrt(eigh(K, C, eigvals_only=True, subset_by_index=(0, count - 1))) / (2 * math.pi)
    exact = wire.meander.mode_frequencies_Hz(count)
    return float(np.max(np.abs(f / exact - 1)))


def automatic_sections(wire: "Wire", modes: int) -> tuple[int, float]:
    """(sections per row, error): the fewest of 1, 2, 4, … whose first K + 1 port-open modes are within
    ``SECTION_RTOL`` of the exact line's (``discretisation_error``)."""
    rows, n = wire.meander.geometry.rows, 1
    while rows * n <= MAX_SECTIONS:
        error = discretisation_error(wire, n, modes + 1)
        if error <= SECTION_RTOL:
            return n, error
        n *= 2
    raise InputError(f"multimode: {modes} modes of this wire need more than {MAX_SECTIONS} lumped sections; "
                     "ask for fewer modes or give sections explicitly")


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
    c00, c0i, Cii = C[0, 0], C[0, 1:], C[1:, 1:]
    with one_blas_thread():
        a = -np.linalg.solve(K[1:, 1:], K[1:, 0])
        L = 1.0 / (K[0, 0] + K[0, 1:] @ a)  # Schur complement: the DC inductance seen by the junction
        C00 = c00 + 2 * a @ c0i + a @ Cii @ a
        if modes == 0:
            omega, w = np.zeros(0), np.zeros(0)
            c = C00
        else:
            Omega2, X = eigh(K[1:, 1:], Cii, subset_by_index=(0, modes - 1))
            b = X.T @ (c0i + Cii @ a)
            c = C00 - b @ b
            omega2, Y = eigh(np.diag(Omega2), np.eye(modes) - np.outer(b, b) / C00)
            omega, w = np.sqrt(omega2), Y.T @ b / C00
    g_GHz = 2 * e * np.abs(w) * np.sqrt(hbar * omega / 2) / GHz
    E = lambda cap: e**2 / (2 * cap) / GHz
    return ModeCoupling(E(c), E(C00), (hbar / (2 * e))**2 / L / GHz, omega / (2 * math.pi), g_GHz)


# ------------------------------------------------------------------------------------------- the Hamiltonian
def fock_states(modes: int, photons: int) -> np.ndarray:
    """Occupations (n_1 … n_K) with Σ n_k ≤ ``photons``, vacuum first, then one photon in mode 1, 2, …."""
    states = [()]
    for _ in range(modes):
        states = [s + (m,) for s in states for m in range(photons + 1 - sum(s))]
    states.sort(key=lambda s: (sum(s), [-x for x in s]))
    return np.array(states, dtype=int).reshape(len(states), modes)


def frame_qubit(E_J_GHz: float, coupling: ModeCoupling) -> RFSquid:
    """The fluxonium of the solver's frame: E_C(α) = E_C − (2α − α²)(E_C − E_C,quasistatic), α = ``FRAME``."""
    shift = (2 * FRAME - FRAME**2) * (coupling.E_C_GHz - coupling.E_C_quasistatic_GHz)
    return RFSquid(E_J_GHz, coupling.E_C_GHz - shift, coupling.E_L_GHz)


class MultimodeHamiltonian:
    """H of the module docstring in the solver's frame, (qubit eigenstates) ⊗ (≤ ``photons`` quanta), in GHz.

    The canonical shift φ → φ + αθ, θ = Σ_k λ_k(a_k + a_k†), λ_k = g_k/f_k, P_k → P_k + αw_kQ gives
        H = 4E_C(α)n² + ½E_L(φ + αθ)² − E_J cos(φ + φ_ext + αθ) + Σ_k f_k a_k†a_k + (1 − α)Σ_k g_k n(a_k + a_k†),
    E_C(α) = e²/2[1/c − (2α − α²)wᵀw]: α = 0 is the charge form, α = 1 the flux form (E_C = e²/2C′_00). The
    spectrum is the same for every α; at equal truncation α = ½ errs ~10× less than either end (measured on
    fluxonia with E_J/E_L = 4–33 and modes at 11–39 GHz). cos θ, sin θ: functions of the projected θ.
    """

    def __init__(self, qubit: RFSquid, coupling: ModeCoupling, qubit_states: int, photons: int, tol_GHz: float):
        self.qubit, self.qubit_states = qubit, int(qubit_states)
        self.cutoff = qubit.converged_cutoff(self.qubit_states, tol_GHz=tol_GHz)[0]
        self.basis = qubit.basis(self.cutoff, qubit.phi_osc)
        self.fock = fock_states(len(coupling.modes_Hz), photons if len(coupling.modes_Hz) else 0)
        index = {tuple(s): i for i, s in enumerate(self.fock)}
        F = len(self.fock)
        theta, charge = np.zeros((F, F)), np.zeros((F, F))  # αθ and (1 − α)Σ g_k(a_k† − a_k)
        for k, (lam, g) in enumerate(zip(coupling.phase_zpf, coupling.g_GHz)):
            for i, s in enumerate(self.fock):
                if s[k]:
                    lower = list(s)
                    lower[k] -= 1
                    theta[i, index[tuple(lower)]] = FRAME * lam * math.sqrt(s[k])  # ⟨s|a_k†|s − e_k⟩
                    charge[i, index[tuple(lower)]] = (1 - FRAME) * g * math.sqrt(s[k])
        self.theta, self.charge = theta + theta.T, charge - charge.T
        t, U = np.linalg.eigh(self.theta)
        self.cos_theta_1, self.sin_theta = (U * (np.cos(t) - 1)) @ U.T, (U * np.sin(t)) @ U.T
        self.modes = np.kron(np.eye(self.qubit_states), np.diag(self.fock @ (coupling.modes_Hz / 1e9))
                             + 0.5 * qubit.E_L_GHz * self.theta @ self.theta)

    def matrix(self, flux: float) -> np.ndarray:
        """Dense real symmetric H [GHz] at Φ_ext/Φ0 = ``flux``; n = iN (N real), a − a† → real antisymmetric."""
        b, q, phase = self.basis, self.qubit, 2 * math.pi * flux
        E, V = eigh(b.hamiltonian(q.E_J_GHz, flux), subset_by_index=(0, self.qubit_states - 1))
        cos_q = V.T @ (b.cos_phi * math.cos(phase) - b.sin_phi * math.sin(phase)) @ V
        sin_q = V.T @ (b.sin_phi * math.cos(phase) + b.cos_phi * math.sin(phase)) @ V
        return (np.kron(np.diag(E), np.eye(len(self.fock))) + self.modes
                + q.E_L_GHz * np.kron(V.T @ b.phi @ V, self.theta) - np.kron(V.T @ b.n.imag @ V, self.charge)
                - q.E_J_GHz * (np.kron(cos_q, self.cos_theta_1) - np.kron(sin_q, self.sin_theta)))

    def levels(self, flux, levels: int) -> np.ndarray:
        """Lowest ``levels`` eigenenergies [GHz] per flux point, shape (points, levels)."""
        with one_blas_thread():
            return np.array([eigh(self.matrix(f), eigvals_only=True, subset_by_index=(0, levels - 1))
                             for f in np.atleast_1d(flux)])

    def dressed(self, flux: float) -> dict:
        """Energies [GHz] of the dressed states named by their bare (qubit level, Fock index) with overlap
        > ``OVERLAP_MIN`` for qubit levels 0, 1 and Fock states vacuum and one photon per mode; NaN if none."""
        with one_blas_thread():
            E, V = eigh(self.matrix(flux))
        F, out = len(self.fock), {}
        for q in (0, 1):
            for s in range(1 + self.fock.shape[1]):
                weight = V[q * F + s] ** 2
                best = int(np.argmax(weight))
                out[q, s] = E[best] if weight[best] > OVERLAP_MIN else math.nan
        return out


def converged_truncation(solve, levels: int, qubit_states: Optional[int], photons: Optional[int], tol_GHz: float):
    """(qubit states, photons, change): photons first (at levels + ``QUBIT_STATES[0]`` qubit states), then qubit
    states, each the smallest on its ladder whose levels move ≤ tol/2 at the next rung; given values are only
    checked (against +1 photon, +3 states). The two changes add up; InputError beyond tol_GHz."""
    given = photons is not None
    P_ladder = [photons, photons + 1] if given else PHOTONS
    Q_ladder = [qubit_states, qubit_states + 3] if given else [levels + q for q in QUBIT_STATES]
    P, dP, _ = minimal_cutoff(lambda P: solve(Q_ladder[0], P), P_ladder, 0, automatic=not given,
                              tol_GHz=tol_GHz / 2, what="multimode photons")
    Q, dQ, _ = minimal_cutoff(lambda Q: solve(Q, P), Q_ladder, 0, automatic=not given, tol_GHz=tol_GHz / 2,
                              what="multimode qubit states")
    return Q, P, dP + dQ


# ------------------------------------------------------------------------------------------------- the result
@dataclass(frozen=True, eq=False)
class MultimodeSpectrum:
    """Fluxonium + K wire modes. ``spectrum``: hybridised levels per flux [GHz]; ``modes_Hz``, ``g_GHz``: f_k, g_k
    of the charge form; at ``operating_flux``: ``f01_GHz`` (dressed), ``chi_GHz`` = f01 with one photon in mode k
    − f01 in the vacuum (cross-Kerr), ``delta_f01_GHz`` = f01 − f01(K = 0, quasi-static single mode),
    ``delta_f01_lumped_GHz`` = f01 − f01 of the qubit as given (the wire a lumped inductor without capacitance).
    ``inductance_scale``: qubit's L / the drawn meander's DC L (the factor applied to L′); ``discretisation_error``:
    largest relative deviation of the ladder's first K + 1 port-open modes from the exact line's."""

    spectrum: Spectrum
    modes_Hz: np.ndarray
    g_GHz: np.ndarray
    chi_GHz: np.ndarray
    chi_convergence_GHz: float
    operating_flux: float
    f01_GHz: float
    f01_quasistatic_GHz: float
    f01_lumped_GHz: float
    E_C_GHz: float
    E_C_quasistatic_GHz: float
    E_L_GHz: float
    sections: int
    discretisation_error: float
    inductance_scale: float
    warnings: tuple = ()

    @property
    def levels_GHz(self) -> np.ndarray:
        return self.spectrum.levels_GHz

    @property
    def delta_f01_GHz(self) -> float:
        return self.f01_GHz - self.f01_quasistatic_GHz

    @property
    def delta_f01_lumped_GHz(self) -> float:
        return self.f01_GHz - self.f01_lumped_GHz

    def to_dict(self) -> dict:
        """The numbers at the operating flux, JSON-ready (unit suffixes; the levels stay in ``spectrum``)."""
        out = {k: v for k, v in vars(self).items() if k not in ("spectrum", "warnings")}
        out.update({k: v.tolist() for k, v in out.items() if isinstance(v, np.ndarray)})
        out.update(modes=len(self.modes_Hz), delta_f01_GHz=self.delta_f01_GHz, cutoff=self.spectrum.cutoff,
                   delta_f01_lumped_GHz=self.delta_f01_lumped_GHz, convergence_GHz=self.spectrum.convergence_GHz,
                   warnings=list(self.warnings))
        return out


def dressed_shifts(build, levels: int, states: int, photons: int, modes: int, flux: float, tol_GHz: float):
    """(f01, χ_k, change, qubit cut-off, notes) at ``flux``: qubit states raised along ``QUBIT_STATES`` (≥ 3
    photons, which |1, 1_k⟩ needs) until f01 and the χ_k move ≤ tol_GHz; a note when they do not or when a
    dressed state cannot be named."""
    rungs = [states] + [levels + q for q in QUBIT_STATES if levels + q > states]
    rungs += [] if len(rungs) > 1 else [int(1.2 * states) + 1]

    def shifts(q):
        H = build(q, max(photons, 3))
        d = H.dressed(flux)
        f01 = d[1, 0] - d[0, 0]
        return np.array([f01] + [d[1, k] - d[0, k] - f01 for k in range(1, modes + 1)]), H.cutoff

    (values, cutoff), change = shifts(rungs[0]), math.inf
    for q in rungs[1:]:
        previous = values
        values, cutoff = shifts(q)
        diff = np.abs(values - previous)
        change = float(np.max(diff[np.isfinite(diff)], initial=0.0))
        if change <= tol_GHz:
            break
    notes = []
    if np.isnan(values).any():
        notes.append("a mode hybridises with the qubit at the operating flux: f01 or a dispersive shift is undefined")
    elif change > tol_GHz:
        notes.append(f"dispersive shifts converged to {change:.2g} GHz only (> {tol_GHz:g} GHz)")
    return values[0], values[1:], change, cutoff, notes


def multimode_spectrum(qubit, wire: Optional["Wire"], flux, levels: int = 4, modes: int = 3,
                       sections: Optional[int] = None, photons: Optional[int] = None,
                       qubit_states: Optional[int] = None, operating_flux: float = 0.5,
                       tol_GHz: float = TOL_GHZ) -> MultimodeSpectrum:
    """Levels of an RF-SQUID/fluxonium with the ``modes`` lowest standing waves of its drawn superinductor.

    H = H_fluxonium(E_J, E_C, E_L) + Σ f_k a_k†a_k + Σ g_k n(a_k + a_k†) (module docstring) from the lumped-Π ladder
    of ``wire`` (None: ``qubit.wire``) in ``sections`` sections (a multiple of the rows; None: automatic), with the
    qubit's C = e²/2E_C at the junction and the wire's L scaled to the qubit's E_L. Truncation: ``qubit_states``
    qubit eigenstates and ≤ ``photons`` quanta in all modes (None: automatic, levels within tol_GHz).
    """
    if not isinstance(qubit, RFSquid):
        raise InputError(f"multimode: not implemented for {type(qubit).__name__}, only for the RF-SQUID/fluxonium "
                         "(one junction across one superinductor); the 0-π qubit would need both superinductors "
                         "discretised and coupled to its φ, θ and ζ modes: use modes = 0 there")
    wire = wire if wire is not None else qubit.wire
    if wire is None:
        raise InputError("multimode: the qubit has no wire; build it with RFSquid.from_circuit or pass wire=")
    if not wire.line.grounded:
        raise InputError("multimode: an isolated strip has no ground, so its modes are undefined; "
                         "choose a cpw or microstrip line")
    levels, flux = check_levels(levels), check_flux(flux)
    if int(modes) != modes or modes < 0:
        raise InputError(f"modes = {modes}: give a whole number ≥ 0 of wire modes")
    if (photons is None) != (qubit_states is None):
        raise InputError("multimode: give both photons and qubit_states, or neither (automatic)")
    if photons is not None and (int(photons) != photons or photons < 1 or int(qubit_states) != qubit_states
                                or qubit_states < levels):
        raise InputError(f"multimode: photons = {photons}, qubit_states = {qubit_states}: give whole numbers, "
                         f"photons ≥ 1 and qubit_states ≥ levels ({levels})")
    modes, photons = int(modes), None if photons is None else int(photons)
    qubit_states = None if qubit_states is None else int(qubit_states)
    rows = wire.meander.geometry.rows
    with one_blas_thread():
        if sections is None:
            per_row, error = automatic_sections(wire, modes)
        elif int(sections) != sections or sections < 1 or sections % rows:
            raise InputError(f"sections = {sections}: give a whole multiple of the meander's {rows} rows")
        else:
            per_row = int(sections) // rows
            error = discretisation_error(wire, per_row, modes + 1)
        scale = qubit.L_H / wire.meander.L_H
        if abs(scale - 1) > L_MISMATCH:
            raise InputError(f"multimode: the qubit's L = {qubit.L_H * 1e9:.4g} nH differs from the drawn wire's "
                             f"{wire.meander.L_H * 1e9:.4g} nH by more than {L_MISMATCH:.0%}; build the qubit from "
                             "this wire (RFSquid.from_circuit)")
        C, K = ladder_matrices(wire, per_row)
        C[0, 0] += e**2 / (2 * qubit.E_C_GHz * GHz)
        coupling = reduce_circuit(C, K / scale, modes)

    qubit_frame = frame_qubit(qubit.E_J_GHz, coupling)
    build = lambda Q, P: MultimodeHamiltonian(qubit_frame, coupling, Q, P, tol_GHz / 10)
    check = np.append(CHECK_FLUX, flux_period_points([operating_flux], True)[0])
    states, P, change = converged_truncation(lambda Q, P: build(Q, P).levels(check, levels), levels, qubit_states,
                                             photons, tol_GHz)
    H = build(states, P)
    distinct, back = flux_period_points(flux, symmetric=True)
    cutoff = {"qubit_cutoff": H.cutoff, "phi_osc": qubit_frame.phi_osc, "qubit_states": states, "photons": P,
              "modes": modes, "sections": rows * per_row, "frame_alpha": FRAME}
    spectrum = Spectrum("rfsquid-multimode", flux, H.levels(distinct, levels)[back], cutoff, change, tol_GHz)

    f01, chi, chi_change, cut, notes = dressed_shifts(build, levels, states, P, modes, operating_flux, tol_GHz)
    single = RFSquid(qubit.E_J_GHz, coupling.E_C_quasistatic_GHz, coupling.E_L_GHz)  # K = 0, same basis size
    f01_static = float(single.spectrum([operating_flux], 2, cutoff=cut, tol_GHz=tol_GHz).f01_GHz[0])
    f01_lumped = float(qubit.spectrum([operating_flux], 2, tol_GHz=tol_GHz).f01_GHz[0])
    if error > SECTION_RTOL:
        notes.append(f"the ladder's first {modes + 1} modes deviate by up to {error:.2%} from the exact line's: "
                     "raise sections")
    top = float(np.max(spectrum.transitions_GHz))
    low = [f for f in coupling.modes_Hz / 1e9 if f <= top]
    if low:
        notes.append(f"wire mode(s) at {', '.join(f'{f:.3g}' for f in low)} GHz lie within the qubit's computed "
                     f"transitions (up to {top:.3g} GHz): the levels are hybridised qubit–mode states")
    return MultimodeSpectrum(spectrum, coupling.modes_Hz, coupling.g_GHz, chi, chi_change, float(operating_flux),
                             float(f01), f01_static, f01_lumped, coupling.E_C_GHz, coupling.E_C_quasistatic_GHz,
                             coupling.E_L_GHz, rows * per_row, error, scale, tuple(notes))
