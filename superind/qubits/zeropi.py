"""0-π qubit: two film superinductors, two junctions and two large shunt capacitors (scqubits ``ZeroPi``).

    H = −2E_CJ ∂²_φ + 2E_CΣ(i∂_θ − n_g)² + 2E_CΣ dC_J ∂_φ∂_θ − 2E_J cos θ cos(φ − φ_ext/2) + E_L φ² + 2E_J
        + E_J dE_J sin θ sin(φ − φ_ext/2)
    E_CJ = e²/2C_J, E_C = e²/2C (each shunt capacitor), E_CΣ = (1/E_C + 1/E_CJ)⁻¹, E_L = (Φ0/2π)²/L of EACH wire.

Convention trap: papers writing 4E_C n² quote E_C^φ = E_CJ/2 and E_C^θ = E_CΣ/2 (Gyenis et al., PRX Quantum 2,
010339 (2021): 1.142 and 0.092 GHz ↔ scqubits 2.28 and 0.184 GHz). Brooks, Kitaev & Preskill, PRA 87, 052306
(2013); Groszkowski et al., NJP 20, 043053 (2018), Eq. (4); ``docs/theory/qubits.md``. The spectrum comes from
:mod:`superind.qubits.zeropi_engine` (scqubits' grid Hamiltonian, banded shift-invert), the noise channels from
:mod:`superind.qubits.noise`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Optional

import numpy as np
import scipy.sparse as sp

from ..constants import inductance_H
from ..errors import InputError
from .base import READOUT_BAND_GHZ, VerdictsMixin, energy_ratio_verdict
from .spectrum import (NOISE_DEFAULTS, SWEEP_TOL, cached_cutoff, TOL_GHZ, Spectrum, check_energy, check_flux,
                       check_levels, check_tol, eigenstates_banded, flux_period_points, given_cutoff_change,
                       minimal_cutoff, solve_banded)
from .noise import (coherence_times, element_01, shift_01, t1_flux_bias_line_s, t1_inductive_s,
                    tphi_critical_current_s, tphi_first_order_s)
from .zeropi_engine import ZeroPiGrid

if TYPE_CHECKING:
    from ..junction import Junction
    from ..wire import Wire

#: scqubits' ZeroPi example grid (φ half range, φ points, n_θ cut-off) = (19, 200, 30), for :meth:`ZeroPi.scqubits`
DEFAULT_CUTOFF = (19.0, 200, 30)
CHECK_FLUX = 0.25  #: convergence check point (no symmetry of the 0-π potential there)
SPACING_STEP, RANGE_STEP = 1.15, 1.1  #: ladder ratios of the φ spacing and of the φ half range
#: a cut-off is judged against the grid this many rungs up: n_θ + 2, range ×1.33, points ×1.52 (the last two
#: converge algebraically, so a one-rung change would understate the error several times)
REFERENCE_RUNGS = {"ncut": 1, "half": 3, "spacing": 3}


@dataclass(frozen=True)
class ZeroPi(VerdictsMixin):
    """0-π qubit energies E/h in GHz in scqubits' convention (module docstring).

    E_J per junction, E_L = (Φ0/2π)²/L per superinductor, E_CJ = e²/2C_J, E_C = e²/2C per shunt capacitor;
    n_g offset charge of θ; dE_J, dC_J relative junction asymmetries. ``wire``/``junction`` feed warnings;
    ``readout_band_GHz`` is the band the wire's self-resonance must clear.
    """

    E_J_GHz: float
    E_L_GHz: float
    E_CJ_GHz: float
    E_C_GHz: float
    n_g: float = 0.0
    dE_J: float = 0.0
    dC_J: float = 0.0
    wire: Optional["Wire"] = field(default=None, repr=False, hash=False)
    junction: Optional["Junction"] = field(default=None, repr=False, hash=False)
    readout_band_GHz: tuple[float, float] = READOUT_BAND_GHZ

    def __post_init__(self):
        for name in ("E_J_GHz", "E_L_GHz", "E_CJ_GHz", "E_C_GHz"):
            check_energy(getattr(self, name), name.replace("_GHz", ""))
        object.__setattr__(self, "readout_band_GHz", tuple(float(x) for x in self.readout_band_GHz))
        for name in ("dE_J", "dC_J"):
            if not abs(getattr(self, name)) < 1:
                raise InputError(f"{name} = {getattr(self, name):g}: the relative asymmetry must be in (−1, 1)")


    @property
    def L_H(self) -> float:
        """Inductance of each superinductor, L = (Φ0/2π)²/E_L [H]."""
        return inductance_H(self.E_L_GHz)

    @property
    def E_CS_GHz(self) -> float:
        """E_CΣ = (1/E_C + 1/E_CJ)⁻¹ [GHz], i.e. C_Σ = C + C_J (scqubits ``ECS``; 0.03992 GHz at defaults)."""
        return 1.0 / (1.0 / self.E_C_GHz + 1.0 / self.E_CJ_GHz)

    @property
    def E_C_phi_GHz(self) -> float:
        """E_C^φ = E_CJ/2 [GHz]: the charging energy of a paper writing 4E_C^φ n_φ² (Gyenis et al. 2021)."""
        return self.E_CJ_GHz / 2

    @property
    def E_C_theta_GHz(self) -> float:
        """E_C^θ = E_CΣ/2 [GHz]: the charging energy of a paper writing 4E_C^θ (n_θ − n_g)²."""
        return self.E_CS_GHz / 2

    @property
    def phi_mode_GHz(self) -> float:
        """φ-mode LC frequency √(8 E_CJ E_L) [GHz] (E_C,eff = E_CJ/2, E_L,eff = 2E_L; Groszkowski et al. 2018)."""
        return math.sqrt(8 * self.E_CJ_GHz * self.E_L_GHz)

    @property
    def Z_phi_over_RQ(self) -> float:
        """φ-mode impedance / R_Q = (1/π)√(E_CJ/2E_L) — the superinductance requirement (5.03 at scqubits' defaults)."""
        return math.sqrt(self.E_CJ_GHz / (2 * self.E_L_GHz)) / math.pi

    def scqubits(self, flux: float = 0.0, cutoff=DEFAULT_CUTOFF):
        """``scqubits.ZeroPi`` with these energies, φ grid (−half, half, points) and n_θ cut-off."""
        import scqubits

        half, pts, ncut = cutoff
        return scqubits.ZeroPi(EJ=self.E_J_GHz, EL=self.E_L_GHz, ECJ=self.E_CJ_GHz, EC=self.E_C_GHz, ng=self.n_g,
                               flux=float(flux), grid=scqubits.Grid1d(-half, half, int(pts)), ncut=int(ncut),
                               dEJ=self.dE_J, dCJ=self.dC_J, truncated_dim=10)

    @property
    def reflection_symmetric(self) -> bool:
        """E(−f) = E(f): φ → −φ (with n → −n when n_g = 0) maps H(f) to H(−f) unless n_g, dE_J or dC_J break it."""
        return self.n_g == 0 or (self.dE_J == 0 and self.dC_J == 0)

    def grid(self, cutoff) -> ZeroPiGrid:
        """scqubits' grid Hamiltonian for (φ half range, φ points, n_θ cut-off)."""
        half, pts, ncut = cutoff
        if not (half > 0 and int(pts) == pts and pts >= 8 and int(ncut) == ncut and ncut >= 1):
            raise InputError(f"0-π cut-off {cutoff}: give (φ half-range > 0, φ points ≥ 8, n_θ cut-off ≥ 1)")
        return ZeroPiGrid(self.E_J_GHz, self.E_L_GHz, self.E_CJ_GHz, self.E_CS_GHz, self.n_g, self.dE_J, self.dC_J,
                          (float(half), int(pts), int(ncut)))

    def _solve(self, flux, levels: int, cutoff, vectors: bool = False, tol: float = SWEEP_TOL):
        return solve_banded(self, self.grid, flux, levels, cutoff, vectors, tol)

    def _first_guess(self) -> tuple[float, int, int]:
        """Grid from the energies: half range 4·(2E_CJ/E_L)^¼ (LC length), spacing 0.16·(E_CJ/E_J)^¼ (junction
        well), n_θ cut-off 3·(E_J/E_CΣ)^¼ + 2 (charge spread of the heavy θ mode)."""
        half = 4 * (2 * self.E_CJ_GHz / self.E_L_GHz) ** 0.25
        spacing = 0.16 * (self.E_CJ_GHz / self.E_J_GHz) ** 0.25
        return half, spacing, max(4, int(math.ceil(3 * (self.E_J_GHz / self.E_CS_GHz) ** 0.25)) + 2)

    @cached_cutoff
    def converged_cutoff(self, levels: int = 4, cutoff=None, tol_GHz: float = TOL_GHZ,
                         start=None) -> tuple[tuple, float]:
        """(φ half range, φ points, n_θ cut-off) whose transitions E_i − E_0 move ≤ tol_GHz when any one of them is
        enlarged (n_θ + 2, range ×1.33 at equal spacing, points ×1.52; each by ≤ tol/3, their sum is returned),
        checked at Φ_ext/Φ0 = ¼. None searches each in turn, down and up, from ``start`` (a cut-off found for fewer
        levels) or else a guess from the energies; a given cut-off is only checked. Cached per qubit."""
        solve = lru_cache(maxsize=None)(lambda cut: self._solve([CHECK_FLUX], levels, cut, tol=check_tol(tol_GHz)))
        if cutoff is not None:
            if len(tuple(cutoff)) != 3:
                raise InputError(f"0-π cut-off {cutoff}: give (φ half-range, φ points, n_θ cut-off)")
            half, pts, ncut = float(cutoff[0]), int(cutoff[1]), int(cutoff[2])
            spacing = 2 * half / (pts - 1)
            base = _cut(half, spacing, ncut)
            enlarged = []
            for axis, ref in REFERENCE_RUNGS.items():
                ladder = _ladder(axis, half, spacing, ncut)
                enlarged.append(ladder[ladder.index(base) + ref])
            return base, given_cutoff_change(solve, base, enlarged, tol_GHz, "zeropi")
        if start is None:
            half, spacing, ncut = self._first_guess()
        else:
            half, spacing, ncut = float(start[0]), 2 * float(start[0]) / (int(start[1]) - 1), int(start[2])
        changes = {}
        for axis, ref in REFERENCE_RUNGS.items():
            ladder = _ladder(axis, half, spacing, ncut)
            cut, changes[axis], _ = minimal_cutoff(solve, ladder, ladder.index(_cut(half, spacing, ncut)),
                                                   automatic=True, tol_GHz=tol_GHz / 3, what="zeropi",
                                                   transitions=True, reference=ref)
            half, ncut = cut[0], cut[2]
            spacing = 2 * half / (cut[1] - 1)
        return _cut(half, spacing, ncut), sum(changes.values())  # the three errors add up

    def spectrum(self, flux, levels: int = 4, cutoff=None, tol_GHz: float = TOL_GHZ) -> Spectrum:
        """Lowest ``levels`` eigenenergies [GHz] vs Φ_ext/Φ0 at offset charge n_g, on the smallest converged grid;
        E(f + 1) = E(f) (and E(−f) = E(f) where symmetric) so each distinct point is solved once."""
        levels = check_levels(levels)
        flux = check_flux(flux)
        cut, change = self.converged_cutoff(levels, cutoff, tol_GHz)
        distinct, back = flux_period_points(flux, self.reflection_symmetric)
        values = self._solve(distinct, levels, cut)[back]
        return Spectrum("zeropi", flux, values, {"phi_half_range": cut[0], "phi_points": cut[1], "ncut": cut[2]},
                        change, tol_GHz)

    def matrix_elements(self, flux: float, levels: int = 4, cutoff=None, tol_GHz: float = TOL_GHZ) -> dict:
        """|⟨i|n_θ|j⟩| and |⟨i|φ|j⟩| between the lowest ``levels`` eigenstates at one flux."""
        levels = check_levels(levels)
        cut, _ = self.converged_cutoff(levels, cutoff, tol_GHz)
        _, v, grid = eigenstates_banded(self, self.grid, flux, levels, cut)
        return {"flux": float(flux), **{name: np.abs(v.conj().T @ (d[:, None] * v))
                                        for name, d in (("n_theta", grid.n), ("phi", grid.phi))}}

    def coherence(self, flux: float = 0.0, cutoff=None, Q_ind: float = NOISE_DEFAULTS["Q_ind"],
                  T_K: float = NOISE_DEFAULTS["T_K"], A_flux: float = NOISE_DEFAULTS["A_flux_Phi0"]) -> dict:
        """T1, T_φ, T2 [s] of 0–1 (:mod:`superind.qubits.noise`, scqubits' ZeroPi channels): inductive (φ, Q_ind;
        default 1e5 film), flux-bias line and 1/f flux (∂H/∂(Φ/Φ0) = −2πE_J sin(φ − πf) cos θ − πE_J dE_J
        cos(φ − πf) sin θ), 1/f critical current (∂H/∂E_J = −2cos(φ − πf) cos θ + dE_J sin(φ − πf) sin θ; scqubits
        drops the dE_J term). No capacitive channel (none in scqubits for the 0-π). Other parameters: NOISE_DEFAULTS
        (Groszkowski et al. 2018)."""
        cut, _ = self.converged_cutoff(2, cutoff)  # the 0–1 channels need levels 0 and 1 converged
        E, v, grid = eigenstates_banded(self, self.grid, flux, 2, cut)
        f01_Hz = (E[1] - E[0]) * 1e9
        p = grid.phi[grid.hop] - math.pi * flux
        d_flux = grid.theta_hopping(-math.pi * self.E_J_GHz * (np.sin(p) + 0.5j * self.dE_J * np.cos(p)))
        d_EJ = grid.theta_hopping(-np.cos(p) + 0.5j * self.dE_J * np.sin(p))
        element, shift = partial(element_01, v), partial(shift_01, v)
        t1 = {"t1_inductive": t1_inductive_s(element(sp.diags(grid.phi)), f01_Hz, self.E_L_GHz, T_K, Q_ind),
              "t1_flux_bias_line": t1_flux_bias_line_s(element(d_flux), f01_Hz, T_K)}
        tphi = {"tphi_1_over_f_flux": tphi_first_order_s(shift(d_flux), A_flux),
                "tphi_1_over_f_cc": tphi_critical_current_s(shift(d_EJ), self.E_J_GHz)}
        out = coherence_times(t1, tphi)
        out.update(flux=float(flux), noise_assumptions=dict(NOISE_DEFAULTS, T_K=T_K, Q_ind=Q_ind, A_flux_Phi0=A_flux))
        return out

    @property
    def verdicts(self) -> tuple:
        """Regime records: E_L > E_J, and E_CΣ ≥ E_J (the protection needs heavy θ)."""
        from ..verdicts import Verdict

        out = energy_ratio_verdict(self.E_L_GHz, self.E_J_GHz, "0-π qubit")
        if self.E_CS_GHz >= self.E_J_GHz:
            out.append(Verdict("qubit.heavy_theta", "warning",
                               f"E_CΣ = {self.E_CS_GHz:.4g} GHz is not below E_J = {self.E_J_GHz:.4g} GHz: the 0-π "
                               "protection needs heavy θ (large shunt capacitors)",
                               "enlarge the shunt capacitors (lower E_C)",
                               {"E_CS_GHz": self.E_CS_GHz, "E_J_GHz": self.E_J_GHz}))
        return tuple(out)


def _cut(half: float, spacing: float, ncut: int) -> tuple[float, int, int]:
    """(half range, points, n_θ cut-off) of a grid with the given spacing (rounded to 12 digits for memo keys)."""
    return (round(half, 12), int(round(2 * half / spacing)) + 1, int(ncut))


def _ladder(axis: str, half: float, spacing: float, ncut: int) -> list:
    """Cut-offs varying one axis around the current one (8 rungs below, 12 above)."""
    steps = range(-8, 13)
    if axis == "ncut":
        return [_cut(half, spacing, ncut + 2 * k) for k in steps if ncut + 2 * k >= 1]
    if axis == "half":
        return [_cut(half * RANGE_STEP**k, spacing, ncut) for k in steps]
    return [_cut(half, spacing / SPACING_STEP**k, ncut) for k in steps if 2 * half / (spacing / SPACING_STEP**k) >= 8]
