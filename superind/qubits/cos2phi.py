"""cos2φ qubit (Smith et al., npj Quantum Inf. 6, 8 (2020)): two junctions and two film superinductors in a loop
with a shunt capacitor, in scqubits' ``Cos2PhiQubit`` convention (``docs/theory/qubits.md``).

    H = 2E'_CJ n_φ² + 2E'_CJ(n_θ − n_g − n_ζ)² + 4E_C n_ζ² + E'_L(φ − πΦ_ext/Φ0)² + E'_L ζ² − 2E_J cos θ cos φ
        + 2dE_J E_J sin θ sin φ − 4dC_J E'_CJ n_φ(n_θ − n_g − n_ζ) + dL E'_L(2φ − φ_ext)ζ
    E_L = (Φ0/2π)²/L per inductor, E_CJ = e²/2C_J, E_C = e²/2C; E'_CJ, E'_L include the disorders.

At Φ_ext = Φ0/2 single-pair tunnelling cancels and θ sees cos 2θ. The spectrum comes from
:mod:`superind.qubits.cos2phi_engine` (scqubits' matrix, one banded Cholesky factorisation per point); the oscillator
bases converge slowly, hence the 1 MHz default tolerance on transitions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Optional

import numpy as np

from ..errors import InputError
from .base import READOUT_BAND_GHZ, VerdictsMixin, energy_ratio_verdict
from .cos2phi_engine import Cos2PhiBasis
from .noise import (coherence_times, combine_times, element_01, shift_01, t1_capacitive_s, t1_inductive_s,
                    tphi_critical_current_s, tphi_first_order_s)
from .spectrum import (NOISE_DEFAULTS, SWEEP_TOL, cached_cutoff, Spectrum, check_energy, check_flux, check_levels,
                       check_tol, eigenstates_banded, flux_period_points, given_cutoff_change, minimal_cutoff,
                       solve_banded)

if TYPE_CHECKING:
    from ..junction import Junction
    from ..wire import Wire

#: (n_θ cut-off, ζ oscillator states, φ oscillator states) of :meth:`Cos2Phi.scqubits`. scqubits' defaults
#: (7, 30, 7) are not converged for its own default qubit (f01 moves by 10 % when φ_cut goes 7 → 10).
DEFAULT_CUTOFF = (7, 30, 13)
START_CUTOFF = (5, 14, 9)  #: where the automatic search starts (it moves each cut-off down and up)
TOL_GHZ = 1e-3  #: cos2φ default tolerance on E_i − E_0 [GHz]: finer needs > 10⁴ states per point
#: convergence check points: the operating point ½ and ¼, away from the symmetric points, where the oscillator
#: bases converge much more slowly (scqubits' defaults with dL = 0.6 at (10, 38, 25): transitions within 1e-6 GHz
#: of converged at ½, 4e-5 GHz off at ¼)
CHECK_FLUX = np.array([0.25, 0.5])
STEPS = (1, 4, 2)  #: ladder steps of (n_θ cut-off, ζ states, φ states)


@dataclass(frozen=True)
class Cos2Phi(VerdictsMixin):
    """cos2φ qubit energies E/h in GHz, scqubits ``Cos2PhiQubit`` convention (module docstring).

    E_J per junction, E_CJ = e²/2C_J, E_L = (Φ0/2π)²/L per inductor, E_C = e²/2C of the shunt; dE_J, dC_J,
    dL relative disorders; n_g offset charge. ``wire``/``junction`` feed warnings; ``readout_band_GHz`` is the
    band the wire's self-resonance must clear.
    """

    E_J_GHz: float
    E_CJ_GHz: float
    E_L_GHz: float
    E_C_GHz: float
    dE_J: float = 0.0
    dC_J: float = 0.0
    dL: float = 0.0
    n_g: float = 0.0
    wire: Optional["Wire"] = field(default=None, repr=False, hash=False)
    junction: Optional["Junction"] = field(default=None, repr=False, hash=False)
    readout_band_GHz: tuple[float, float] = READOUT_BAND_GHZ

    def __post_init__(self):
        for name in ("E_J_GHz", "E_CJ_GHz", "E_L_GHz", "E_C_GHz"):
            check_energy(getattr(self, name), name.replace("_GHz", ""))
        object.__setattr__(self, "readout_band_GHz", tuple(float(x) for x in self.readout_band_GHz))
        for name in ("dE_J", "dC_J", "dL"):
            if not abs(getattr(self, name)) < 1:
                raise InputError(f"{name} = {getattr(self, name):g}: the relative disorder must be in (−1, 1)")


    def scqubits(self, flux: float = 0.5, cutoff=DEFAULT_CUTOFF):
        """``scqubits.Cos2PhiQubit`` with these energies and cut-offs (n_θ, ζ states, φ states)."""
        import scqubits

        ncut, zeta_cut, phi_cut = (int(x) for x in cutoff)
        return scqubits.Cos2PhiQubit(EJ=self.E_J_GHz, ECJ=self.E_CJ_GHz, EL=self.E_L_GHz, EC=self.E_C_GHz,
                                     dL=self.dL, dCJ=self.dC_J, dEJ=self.dE_J, flux=float(flux), ng=self.n_g,
                                     ncut=ncut, zeta_cut=zeta_cut, phi_cut=phi_cut, truncated_dim=10)

    def basis(self, cutoff) -> Cos2PhiBasis:
        """scqubits' Hamiltonian for cut-offs (n_θ, ζ states, φ states)."""
        if len(tuple(cutoff)) != 3 or min(int(x) for x in cutoff) < 1:
            raise InputError(f"cos2φ cut-off {cutoff}: give (n_θ cut-off, ζ states, φ states), all positive")
        return Cos2PhiBasis(self.E_J_GHz, self.E_CJ_GHz, self.E_L_GHz, self.E_C_GHz, self.dE_J, self.dC_J, self.dL,
                            self.n_g, tuple(int(x) for x in cutoff))

    def _solve(self, flux, levels: int, cutoff, vectors: bool = False, tol: float = SWEEP_TOL):
        return solve_banded(self, self.basis, flux, levels, cutoff, vectors, tol)

    @cached_cutoff
    def converged_cutoff(self, levels: int = 4, cutoff=None, tol_GHz: float = TOL_GHZ,
                         start=None) -> tuple[tuple, float]:
        """(n_θ, ζ, φ) cut-offs whose transitions E_i − E_0 move ≤ tol_GHz/3 each when one is raised one step
        (+1, +4, +2; the sum of the three changes is returned), checked at Φ_ext/Φ0 = ¼ and ½. None searches each in
        turn, down and up, from ``start`` (a cut-off found for fewer levels) or else (5, 14, 9); a given cut-off is
        only checked: the sum must be ≤ tol_GHz (InputError otherwise). Cached per qubit."""
        solve = lru_cache(maxsize=None)(lambda cut: self._solve(CHECK_FLUX, levels, cut, tol=check_tol(tol_GHz)))
        cut = tuple(int(x) for x in (cutoff if cutoff is not None else start or START_CUTOFF))
        if len(cut) != 3 or min(cut) < 1:
            raise InputError(f"cos2φ cut-off {cutoff}: give (n_θ cut-off, ζ states, φ states), all positive")
        if cutoff is not None:
            enlarged = [cut[:axis] + (cut[axis] + step,) + cut[axis + 1:] for axis, step in enumerate(STEPS)]
            return cut, given_cutoff_change(solve, cut, enlarged, tol_GHz, "cos2phi")
        changes = []
        for axis, step in enumerate(STEPS):
            ladder = [cut[:axis] + (cut[axis] + k * step,) + cut[axis + 1:] for k in range(-6, 40)
                      if cut[axis] + k * step >= 1 + (axis > 0) + (axis == 2)]
            cut, change, _ = minimal_cutoff(solve, ladder, ladder.index(cut), automatic=True, tol_GHz=tol_GHz / 3,
                                            what="cos2phi", transitions=True)
            changes.append(change)
        return cut, sum(changes)  # the three errors add up

    def spectrum(self, flux, levels: int = 4, cutoff=None, tol_GHz: float = TOL_GHZ) -> Spectrum:
        """Lowest ``levels`` eigenenergies [GHz] vs Φ_ext/Φ0 at the smallest converged cut-offs (1 MHz default).

        E(f + 1) = E(f) (θ → θ + π flips the sign of cos θ and sin θ as f → f + 1 does that of cos πf and sin πf)
        and E(−f) = E(f) (φ, θ, ζ → −φ, −θ, −ζ with complex conjugation: an antiunitary map of H(f) onto H(−f),
        for any disorder and n_g), so each distinct point of a period is solved once."""
        levels = check_levels(levels)
        flux = check_flux(flux)
        cut, change = self.converged_cutoff(levels, cutoff, tol_GHz)
        distinct, back = flux_period_points(flux, symmetric=True)
        return Spectrum("cos2phi", flux, self._solve(distinct, levels, cut)[back],
                        {"ncut": cut[0], "zeta_cut": cut[1], "phi_cut": cut[2]}, change, tol_GHz)

    def matrix_elements(self, flux: float, levels: int = 4, cutoff=None, tol_GHz: float = TOL_GHZ) -> dict:
        """|⟨i|n_θ|j⟩| and |⟨i|φ|j⟩| between the lowest ``levels`` eigenstates at one flux (scqubits operators)."""
        levels = check_levels(levels)
        cut, _ = self.converged_cutoff(levels, cutoff, tol_GHz)
        _, v, b = eigenstates_banded(self, self.basis, flux, levels, cut)
        return {"flux": float(flux), **{name: np.abs(v.conj().T @ (op @ v))
                                        for name, op in (("n_theta", b.n_theta_op), ("phi", b.phi_op))}}

    def coherence(self, flux: float = 0.5, cutoff=None, Q_ind: float = NOISE_DEFAULTS["Q_ind"],
                  T_K: float = NOISE_DEFAULTS["T_K"], A_flux: float = NOISE_DEFAULTS["A_flux_Phi0"]) -> dict:
        """T1, T_φ, T2 [s] of 0–1 (:mod:`superind.qubits.noise`, scqubits' Cos2PhiQubit channels): capacitive
        loss of each junction (n_1, n_2 with E_CJ/(1 ∓ dC_J), scqubits' Q_cap(ω)), inductive loss of each wire (φ_1,
        φ_2 with E_L/(1 ∓ dL), Q_ind; default 1e5 film), 1/f flux (A_Φ), critical current (relative A_cc) and
        offset charge (A_ng) noise (Smith et al., npj QI 6, 8 (2020); NOISE_DEFAULTS)."""
        cut, _ = self.converged_cutoff(2, cutoff)  # the 0–1 channels need levels 0 and 1 converged
        E, v, basis = eigenstates_banded(self, self.basis, flux, 2, cut)
        ops = basis.noise_operators(flux)
        f01_Hz = (E[1] - E[0]) * 1e9
        element, shift = partial(element_01, v), partial(shift_01, v)
        E_CJ = (self.E_CJ_GHz / (1 - self.dC_J), self.E_CJ_GHz / (1 + self.dC_J))  # junctions 1, 2
        E_L = (self.E_L_GHz / (1 - self.dL), self.E_L_GHz / (1 + self.dL))  # wires 1, 2
        t1 = {"t1_capacitive": combine_times({k: t1_capacitive_s(element(ops[f"n_{k + 1}"]), f01_Hz, E_CJ[k], T_K)
                                              for k in (0, 1)}),
              "t1_inductive": combine_times({k: t1_inductive_s(element(ops[f"phi_{k + 1}"]), f01_Hz, E_L[k], T_K,
                                                               Q_ind) for k in (0, 1)})}
        tphi = {"tphi_1_over_f_flux": tphi_first_order_s(shift(ops["d_flux"]), A_flux),
                "tphi_1_over_f_cc": tphi_critical_current_s(shift(ops["d_EJ"]), self.E_J_GHz),
                "tphi_1_over_f_ng": tphi_first_order_s(shift(ops["d_ng"]), NOISE_DEFAULTS["A_ng_e"])}
        out = coherence_times(t1, tphi)
        out.update(flux=float(flux), noise_assumptions=dict(NOISE_DEFAULTS, T_K=T_K, Q_ind=Q_ind, A_flux_Phi0=A_flux))
        return out

    @property
    def verdicts(self) -> tuple:
        """E_L > E_J (cos2φ needs superinductors, E_L ≪ E_J)."""
        return tuple(energy_ratio_verdict(self.E_L_GHz, self.E_J_GHz, "cos2φ qubit"))
