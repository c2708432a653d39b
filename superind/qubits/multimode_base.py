"""What every multimode qubit shares: the drawn superinductor as a lumped-Π ladder, the split of its nodes into a
static profile and clamped modes, the Legendre transform to the charge form, the (qubit eigenstates) ⊗ (Fock states)
Hamiltonian's levels and dressed states, the truncation search and the result.

Ladder: the meander of ``wire.meander`` (N rows of length ℓ joined at alternating ends) cut into n sections per row;
each section is the lumped-Π model of the multiconductor line (Paul, *Analysis of Multiconductor Transmission
Lines*, 2nd ed., Wiley 2008). Qubits: :mod:`superind.qubits.multimode` (fluxonium) and
:mod:`superind.qubits.multimode_zeropi` (0-π); theory in ``docs/theory/qubits.md`` (Multimode superinductors).
"""
from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

import numpy as np
from scipy.linalg import eigh

from ..errors import InputError
from ..threads import one_blas_thread
from .spectrum import Spectrum, check_flux, check_levels, minimal_cutoff

if TYPE_CHECKING:
    from ..wire import Wire

SECTION_RTOL = 2e-4  #: automatic sections: first K + 1 port-open modes this close to the exact line's (MoM C: 5e-4)
MAX_SECTIONS = 2048  #: largest automatic number of sections along the wire
L_MISMATCH = 0.05  #: largest relative difference between the qubit's L and the drawn meander's DC inductance
QUBIT_STATES = [6, 9, 12, 16, 20, 25, 30, 36, 43, 50, 60, 70, 85, 100]  #: qubit eigenstates beyond the levels
PHOTONS = [2, 3, 4, 5, 6, 8, 10]  #: most quanta in all modes together
OVERLAP_MIN = 0.5  #: a dressed state is named after the bare state it overlaps by more than this


# --------------------------------------------------------------------------------------------- the lumped ladder
def ladder_matrices(wire: "Wire", sections_per_row: int, far_end: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Nodal (C [F], K [1/H]) of the wire cut into lumped-Π sections; node 0 the port, the far end grounded (or,
    with ``far_end``, kept as the last node: a wire between two circuit nodes, its capacitance to ground kept).

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
        size = rows * n + 1
        a, b = np.nonzero(along_z)
        index = node[:, None, a] * size + node[None, :, b]  # (row, row', entry) → flat index of out
        out = np.bincount(index.ravel(), (per_length[:, :, None] * along_z[a, b]).ravel(), size * size)
        out = out.reshape(size, size)
        return out if far_end else out[:-1, :-1]

    return assemble(line.C_F_per_m, np.diag(weight)), assemble(np.linalg.inv(line.L_H_per_m), diff.T @ diff / dz)


def discretisation_error(wire: "Wire", sections_per_row: int, count: int) -> float:
    """Largest relative deviation of the ladder's first ``count`` port-open modes from the exact line's
    (``MeanderLine.mode_frequencies_Hz``); the Π ladder lags by ≈ (kΔz)²/24 (Paul 2008)."""
    C, K = ladder_matrices(wire, sections_per_row)
    if len(C) < count:
        return math.inf
    with one_blas_thread():
        f = np.sqrt(eigh(K, C, eigvals_only=True, subset_by_index=(0, count - 1))) / (2 * math.pi)
    line = wire.meander  # its cached modes when they reach far enough (the section search asks several times)
    exact = line.modes_Hz[:count] if count <= len(line.modes_Hz) else line.mode_frequencies_Hz(count)
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


# ------------------------------------------------------------------------------- static profile and charge form
def charge_form(C_q: np.ndarray, B: np.ndarray, D: np.ndarray, Omega2: np.ndarray):
    """Legendre transform of ½q̇ᵀC_q q̇ + q̇ᵀBᵀξ̇ + ½ξ̇ᵀDξ̇ − ½ξᵀΩ²ξ − U(q): (c, ω [rad/s], W) such that

        H = ½Q_qᵀc⁻¹Q_q + U(q) + Σ_k ħω_k a_k†a_k − Q_qᵀW P_η,   c = C_q − BᵀD⁻¹B,   W = C_q⁻¹BᵀY,

    with the modes ξ = Yη of ½P_ξᵀ(D − BC_q⁻¹Bᵀ)⁻¹P_ξ + ½ξᵀΩ²ξ (Woodbury), Yᵀ(D − BC_q⁻¹Bᵀ)Y = 1, YᵀΩ²Y = ω²."""
    if len(Omega2) == 0:
        return C_q, np.zeros(0), np.zeros((len(C_q), 0))
    Cq_inv_Bt = np.linalg.solve(C_q, B.T)
    omega2, Y = eigh(np.diag(Omega2), D - B @ Cq_inv_Bt)
    return C_q - B.T @ np.linalg.solve(D, B), np.sqrt(omega2), Cq_inv_Bt @ Y


def static_profile(C: np.ndarray, K: np.ndarray, ports: int):
    """Split the nodes into the first ``ports`` and the internal rest; internal = A·ports + modes (module doc).

    Returns (A = −K_ii⁻¹K_ip, C′_pp = (1, A)ᵀC(1, A), K′_pp = K_pp + K_pi A (the DC inductance matrix seen by the
    ports, a Schur complement), C_ip + C_ii A: the capacitive drive of the internal modes by the ports)."""
    p = slice(0, ports)
    i = slice(ports, None)
    A = -np.linalg.solve(K[i, i], K[i, p])
    drive = C[i, p] + C[i, i] @ A
    return A, C[p, p] + A.T @ C[i, p] + C[p, i] @ A + A.T @ C[i, i] @ A, K[p, p] + K[p, i] @ A, drive


# ------------------------------------------------------------------------------------------- the Hamiltonian
def fock_states(modes: int, photons: int) -> np.ndarray:
    """Occupations (n_1 … n_K) with Σ n_k ≤ ``photons``, vacuum first, then one photon in mode 1, 2, …."""
    states = [()]
    for _ in range(modes):
        states = [s + (m,) for s in states for m in range(photons + 1 - sum(s))]
    states.sort(key=lambda s: (sum(s), [-x for x in s]))
    return np.array(states, dtype=int).reshape(len(states), modes)


def creation_operators(fock: np.ndarray) -> list[np.ndarray]:
    """a_k† of each mode k as a matrix on the Fock states ``fock`` (⟨s|a_k†|s − e_k⟩ = √s_k)."""
    index = {tuple(s): i for i, s in enumerate(fock)}
    out = []
    for k in range(fock.shape[1]):
        A = np.zeros((len(fock),) * 2)
        for i, s in enumerate(fock):
            if s[k]:
                lower = list(s)
                lower[k] -= 1
                A[i, index[tuple(lower)]] = math.sqrt(s[k])
        out.append(A)
    return out


def kron(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Kronecker product A ⊗ B of two matrices (``np.kron``'s result without its general-shape overhead)."""
    return (A[:, None, :, None] * B[None, :, None, :]).reshape(A.shape[0] * B.shape[0], A.shape[1] * B.shape[1])


class ProductHamiltonian(ABC):
    """A Hamiltonian in (qubit eigenstates) ⊗ (Fock states ``self.fock``): subclasses give ``matrix(flux)``."""

    fock: np.ndarray

    @abstractmethod
    def matrix(self, flux: float) -> np.ndarray:
        """Dense Hermitian H [GHz] at Φ_ext/Φ0 = ``flux``."""

    def levels(self, flux, levels: int) -> np.ndarray:
        """Lowest ``levels`` eigenenergies [GHz] per flux point, shape (points, levels)."""
        with one_blas_thread():
            return np.array([eigh(self.matrix(f), eigvals_only=True, subset_by_index=(0, levels - 1))
                             for f in np.atleast_1d(flux)])

    def blocks(self, flux: float):
        """Index sets of the product states H(``flux``) does not couple (a symmetry's eigenspaces), or None."""
        return None

    def dressed(self, flux: float) -> dict:
        """Energies [GHz] of the dressed states named by their bare (qubit level, Fock index) with overlap
        > ``OVERLAP_MIN`` for qubit levels 0, 1 and Fock states vacuum and one photon per mode; NaN if none.

        Only eigenstates below max_b(H_bb + ρ_b) are solved (ρ_b: the norm of row b without its diagonal): an
        eigenstate ψ with |ψ_b|² = w > ½ has |E − H_bb|·√w = |Σ_{j≠b} H_bj ψ_j| ≤ ρ_b√(1 − w) < ρ_b√w."""
        H, F = self.matrix(flux), len(self.fock)
        bare = [q * F + s for q in (0, 1) for s in range(1 + self.fock.shape[1])]
        diagonal = H[bare, bare].real
        rho = np.sqrt(np.maximum(np.sum(np.abs(H[bare]) ** 2, axis=1) - diagonal**2, 0.0))
        E, V, _ = block_eigh(H, self.blocks(flux), subset_by_value=(-np.inf, float(np.max(diagonal + rho))))
        out = {}
        for b in bare:
            weight = np.abs(V[b]) ** 2
            best = int(np.argmax(weight))  # the ground state lies below H_00: never an empty set
            out[divmod(b, F)] = E[best] if weight[best] > OVERLAP_MIN else math.nan
        return out


def block_eigh(H: np.ndarray, blocks=None, **subset) -> tuple[np.ndarray, np.ndarray, Optional[np.ndarray]]:
    """(ascending eigenvalues, eigenvectors, block of each) of Hermitian ``H`` (``scipy.linalg.eigh`` with
    ``subset_by_index`` or ``subset_by_value``); with ``blocks``, index sets H does not couple, each block is solved
    on its own (its eigenvectors vanish outside it) and the lowest are kept (a subset by index: that many of all)."""
    with one_blas_thread():
        if blocks is None:
            E, V = eigh(H, check_finite=False, **subset)
            return E, V, None
        found = []
        for which, index in enumerate(blocks):
            part = dict(subset)
            if "subset_by_index" in subset:
                part["subset_by_index"] = (0, min(subset["subset_by_index"][1], len(index) - 1))
            E, V = eigh(H[np.ix_(index, index)], check_finite=False, **part)
            full = np.zeros((len(H), len(E)), dtype=V.dtype)
            full[index] = V
            found.append((E, full, np.full(len(E), which)))
    E, V, which = (np.concatenate(x, axis=-1) for x in zip(*found))
    order = np.argsort(E, kind="stable")
    if "subset_by_index" in subset:
        order = order[:subset["subset_by_index"][1] + 1]
    return E[order], V[:, order], which[order]


def symmetric_flux(flux: float) -> bool:
    """Φ_ext/Φ0 = 0 or ½ (mod 1), where φ → −φ (with the modes' a_k → −a_k) is a symmetry of the fluxonium."""
    return round(float(flux) % 1.0, 12) % 1.0 in (0.0, 0.5)


def converged_truncation(solve, levels: int, qubit_states: Optional[int], photons: Optional[int], tol_GHz: float):
    """(qubit states, photons, change): photons first (at levels + ``QUBIT_STATES[0]`` qubit states), then qubit
    states, each the smallest on its ladder whose levels move ≤ tol/2 at the next rung; given values are only
    checked (against +1 photon, +3 states). The two changes add up; InputError beyond tol_GHz. Each (qubit states,
    photons) is solved once (the photon search's first rung is the qubit-state search's)."""
    memo: dict = {}
    solved = lambda Q, P: memo[Q, P] if (Q, P) in memo else memo.setdefault((Q, P), solve(Q, P))
    given = photons is not None
    P_ladder = [photons, photons + 1] if given else PHOTONS
    Q_ladder = [qubit_states, qubit_states + 3] if given else [levels + q for q in QUBIT_STATES]
    P, dP, _ = minimal_cutoff(lambda P: solved(Q_ladder[0], P), P_ladder, 0, automatic=not given,
                              tol_GHz=tol_GHz / 2, what="multimode photons")
    Q, dQ, _ = minimal_cutoff(lambda Q: solved(Q, P), Q_ladder, 0, automatic=not given, tol_GHz=tol_GHz / 2,
                              what="multimode qubit states")
    return Q, P, dP + dQ


# ------------------------------------------------------------------------------------------------- the result
@dataclass(frozen=True, eq=False)
class MultimodeSpectrum:
    """A qubit + K superinductor modes. ``spectrum``: hybridised levels per flux [GHz]; ``modes_Hz``: f_k of the
    modes in the Hamiltonian; ``g_GHz``: their couplings to the qubit's charge n (the 0-π: to n_φ, and
    ``g_theta_GHz`` to n_θ − n_g); ``energies_GHz``: the reduced qubit's energies in the charge form,
    ``energies_quasistatic_GHz`` those of K = 0; at ``operating_flux``: ``f01_GHz`` (dressed), ``chi_GHz`` = f01
    with one photon in mode k − f01 in the vacuum (cross-Kerr), ``delta_f01_GHz`` = f01 − f01(K = 0, quasi-static
    single mode), ``delta_f01_lumped_GHz`` = f01 − f01 of the qubit as given (the wire a lumped inductor without
    capacitance). ``inductance_scale``: qubit's L / the drawn meander's DC L (the factor applied to L′);
    ``discretisation_error``: largest relative deviation of the ladder's first K + 1 port-open modes from the
    exact line's; ``uncoupled_Hz``: modes of the circuit that couple to none of the qubit's coordinates (left out)."""

    spectrum: Spectrum
    modes_Hz: np.ndarray
    g_GHz: np.ndarray
    chi_GHz: np.ndarray
    chi_convergence_GHz: float
    operating_flux: float
    f01_GHz: float
    f01_quasistatic_GHz: float
    f01_lumped_GHz: float
    energies_GHz: dict
    energies_quasistatic_GHz: dict
    sections: int
    discretisation_error: float
    inductance_scale: float
    warnings: tuple = ()
    g_theta_GHz: Optional[np.ndarray] = None
    uncoupled_Hz: np.ndarray = field(default_factory=lambda: np.zeros(0))

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


# ------------------------------------------------------------------------------------------ common entry and exit
@dataclass(frozen=True)
class Truncation:
    """Checked inputs of a multimode solve: levels, flux, wire modes K, the given truncation (None: automatic),
    the wire, its sections per row, the ladder's discretisation error and the inductance scale."""

    levels: int
    flux: np.ndarray
    modes: int
    photons: Optional[int]
    qubit_states: Optional[int]
    wire: "Wire"
    per_row: int
    error: float
    scale: float

    @property
    def sections(self) -> int:
        return self.wire.meander.geometry.rows * self.per_row


def check_inputs(qubit_L_H: float, wire: Optional["Wire"], flux, levels, modes, sections, photons,
                 qubit_states) -> Truncation:
    """Validate a multimode request and choose the ladder (``automatic_sections`` unless ``sections`` is given)."""
    if wire is None:
        raise InputError("multimode: the qubit has no wire; resolve it from a design with a film wire "
                         "(superind.resolve) or pass wire=")
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
    scale = qubit_L_H / wire.meander.L_H
    if abs(scale - 1) > L_MISMATCH:
        raise InputError(f"multimode: the qubit's L = {qubit_L_H * 1e9:.4g} nH differs from the drawn wire's "
                         f"{wire.meander.L_H * 1e9:.4g} nH by more than {L_MISMATCH:.0%}; build the qubit from "
                         "this wire (superind.resolve)")
    rows = wire.meander.geometry.rows
    with one_blas_thread():
        if sections is None:
            per_row, error = automatic_sections(wire, int(modes))
        elif int(sections) != sections or sections < 1 or sections % rows:
            raise InputError(f"sections = {sections}: give a whole multiple of the meander's {rows} rows")
        else:
            per_row = int(sections) // rows
            error = discretisation_error(wire, per_row, int(modes) + 1)
    return Truncation(levels, flux, int(modes), None if photons is None else int(photons),
                      None if qubit_states is None else int(qubit_states), wire, per_row, error, scale)


def mode_notes(t: Truncation, spectrum: Spectrum, modes_Hz: np.ndarray) -> list[str]:
    """Notes on the ladder's accuracy and on modes that fall within the qubit's computed transitions."""
    notes = []
    if t.error > SECTION_RTOL:
        notes.append(f"the ladder's first {t.modes + 1} modes deviate by up to {t.error:.2%} from the exact line's: "
                     "raise sections")
    top = float(np.max(spectrum.transitions_GHz))
    low = [f for f in modes_Hz / 1e9 if f <= top]
    if low:
        notes.append(f"wire mode(s) at {', '.join(f'{f:.3g}' for f in low)} GHz lie within the qubit's computed "
                     f"transitions (up to {top:.3g} GHz): the levels are hybridised qubit–mode states")
    return notes
