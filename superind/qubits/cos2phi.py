"""cos2φ qubit (Smith et al., npj Quantum Inf. 6, 8 (2020)): two junctions and two film superinductors in a loop
with a shunt capacitor → ``scqubits.Cos2PhiQubit`` (PHYSICS.md §4.4).

    H = 2E'_CJ n_φ² + 2E'_CJ(n_θ − n_g − n_ζ)² + 4E_C n_ζ² + E'_L(φ − πΦ_ext/Φ0)² + E'_L ζ² − 2E_J cos θ cos φ
        + 2dE_J E_J sin θ sin φ − 4dC_J E'_CJ n_φ(n_θ − n_g − n_ζ) + dL E'_L(2φ − φ_ext)ζ
    E'_CJ = E_CJ/(1 − dC_J)², E'_L = E_L/(1 − dL)²; E_L = (Φ0/2π)²/L per inductor, E_CJ = e²/2C_J, E_C = e²/2C.

At Φ_ext = Φ0/2 single-pair tunnelling cancels and θ sees cos 2θ. The oscillator bases for φ and ζ converge
slowly: the cut-off is checked and raised, with a 1 MHz default tolerance on transitions (documented below).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

import numpy as np

from ..constants import GHz, e
from ..errors import InputError
from .spectrum import (NOISE_DEFAULTS, Spectrum, check_energy, check_levels, check_points, converge,
                       levels_warning_energy_ratio, one_blas_thread, scqubits_coherence, self_resonance_warning)

if TYPE_CHECKING:
    from ..junction import Junction
    from ..wire import Wire

#: (n_θ cut-off, ζ oscillator states, φ oscillator states); scqubits' defaults (7, 30, 7) are not converged
#: for its own default qubit (f01 moves by 10 % when φ_cut goes 7 → 10), so superind starts higher.
DEFAULT_CUTOFF = (7, 30, 13)
TOL_GHZ = 1e-3  #: cos2φ default tolerance on E_i − E_0 [GHz]: finer needs > 10⁴ states per point
MAX_STEPS = 2


def _grow(cut):
    ncut, zeta_cut, phi_cut = cut
    return (ncut + 2, zeta_cut + 10, phi_cut + 4)


@dataclass(frozen=True)
class Cos2Phi:
    """cos2φ qubit energies E/h in GHz, scqubits ``Cos2PhiQubit`` convention (module docstring; §4.4).

    E_J per junction, E_CJ = e²/2C_J, E_L = (Φ0/2π)²/L per inductor, E_C = e²/2C of the shunt; dE_J, dC_J,
    dL relative disorders; n_g offset charge. ``wire``/``junction`` feed warnings.
    """

    E_J_GHz: float
    E_CJ_GHz: float
    E_L_GHz: float
    E_C_GHz: float
    dE_J: float = 0.0
    dC_J: float = 0.0
    dL: float = 0.0
    n_g: float = 0.0
    wire: Optional["Wire"] = None
    junction: Optional["Junction"] = None

    def __post_init__(self):
        for name in ("E_J_GHz", "E_CJ_GHz", "E_L_GHz", "E_C_GHz"):
            check_energy(getattr(self, name), name.replace("_GHz", ""))
        for name in ("dE_J", "dC_J", "dL"):
            if not abs(getattr(self, name)) < 1:
                raise InputError(f"{name} = {getattr(self, name):g}: the relative disorder must be in (−1, 1)")

    @classmethod
    def from_circuit(cls, junction: "Junction", wire: "Wire", C_shunt_F: float, n_g: float = 0.0) -> "Cos2Phi":
        """Identical junctions (E_J = (Φ0/2π)I_c, E_CJ = e²/2C_J), identical wires (E_L = (Φ0/2π)²/L, L total)
        and a shunt capacitor C (E_C = e²/2C) → scqubits energies (§4.4)."""
        if junction.C_F is None:
            raise InputError("the cos2φ junctions need a capacitance: give C_J (--C) or E_CJ (--EC)")
        check_energy(C_shunt_F, "shunt capacitance")
        return cls(junction.E_J_GHz, junction.E_C_GHz, wire.E_L_GHz, e**2 / (2 * C_shunt_F) / GHz, n_g=n_g,
                   wire=wire, junction=junction)

    def scqubits(self, flux: float = 0.5, cutoff=DEFAULT_CUTOFF):
        """``scqubits.Cos2PhiQubit`` with these energies and cut-offs (n_θ, ζ states, φ states)."""
        import scqubits

        ncut, zeta_cut, phi_cut = (int(x) for x in cutoff)
        return scqubits.Cos2PhiQubit(EJ=self.E_J_GHz, ECJ=self.E_CJ_GHz, EL=self.E_L_GHz, EC=self.E_C_GHz,
                                     dL=self.dL, dCJ=self.dC_J, dEJ=self.dE_J, flux=float(flux), ng=self.n_g,
                                     ncut=ncut, zeta_cut=zeta_cut, phi_cut=phi_cut, truncated_dim=10)

    def _solve(self, flux, levels: int, cutoff) -> np.ndarray:
        flux = np.atleast_1d(flux)
        q = self.scqubits(flux[0], cutoff)
        out = np.empty((flux.size, levels))
        with one_blas_thread():
            for k, f in enumerate(flux):
                q.flux = float(f)
                out[k] = np.sort(q.eigenvals(evals_count=levels))
        return out

    def converged_cutoff(self, flux, levels: int = 4, cutoff=None, tol_GHz: float = TOL_GHZ):
        """(n_θ, ζ, φ) cut-offs whose transitions E_i − E_0 move ≤ tol_GHz when raised by (+2, +10, +4), checked at
        the middle flux point; None starts from (7, 30, 13) and raises automatically, else InputError."""
        pts = check_points(flux, middle_only=True)
        start = tuple(int(x) for x in cutoff) if cutoff is not None else DEFAULT_CUTOFF
        if len(start) != 3 or min(start) < 1:
            raise InputError(f"cos2φ cut-off {cutoff}: give (n_θ cut-off, ζ states, φ states), all positive")
        return converge(lambda c: self._solve(pts, levels, c), start, _grow, automatic=cutoff is None,
                        tol_GHz=tol_GHz, max_steps=MAX_STEPS, what="cos2phi", transitions=True)

    def spectrum(self, flux, levels: int = 4, cutoff=None, tol_GHz: float = TOL_GHZ) -> Spectrum:
        """Lowest ``levels`` eigenenergies [GHz] vs Φ_ext/Φ0 with a checked cut-off (default tolerance 1 MHz)."""
        levels = check_levels(levels)
        flux = np.atleast_1d(np.asarray(flux, dtype=float))
        cut, change = self.converged_cutoff(flux, levels, cutoff, tol_GHz)
        return Spectrum("cos2phi", flux, self._solve(flux, levels, cut),
                        {"ncut": cut[0], "zeta_cut": cut[1], "phi_cut": cut[2]}, change, tol_GHz)

    def matrix_elements(self, flux: float, levels: int = 4, cutoff=None) -> dict:
        """|⟨i|n_θ|j⟩| and |⟨i|φ|j⟩| between the lowest ``levels`` eigenstates at one flux (scqubits operators)."""
        levels = check_levels(levels)
        cut, _ = self.converged_cutoff([flux], levels, cutoff)
        q = self.scqubits(flux, cut)
        with one_blas_thread():
            esys = q.eigensys(evals_count=levels)
            table = {name: np.abs(q.matrixelement_table(op, evecs=esys[1], evals_count=levels))
                     for name, op in (("n_theta", "n_theta_operator"), ("phi", "phi_operator"))}
        return {"flux": float(flux), **table}

    def coherence(self, flux: float = 0.5, cutoff=None, Q_ind: float = NOISE_DEFAULTS["Q_ind"],
                  T_K: float = NOISE_DEFAULTS["T_K"], A_flux: float = NOISE_DEFAULTS["A_flux_Phi0"]) -> dict:
        """T1, T_φ, T2 [s] of 0–1 via scqubits' Cos2PhiQubit channels: t1_capacitive (scqubits Q_cap(ω)),
        t1_inductive (Q_ind, default 1e5 film), tphi_1_over_f_flux (A_Φ), _cc and _ng (scqubits A_cc, A_ng)."""
        cut, _ = self.converged_cutoff([flux], 2, cutoff)
        q = self.scqubits(flux, cut)
        channels = {"t1_capacitive": {"T": T_K}, "t1_inductive": {"T": T_K, "Q_ind": Q_ind},
                    "tphi_1_over_f_flux": {"A_noise": A_flux}, "tphi_1_over_f_cc": {}, "tphi_1_over_f_ng": {}}
        with one_blas_thread():
            out = scqubits_coherence(q, channels, q.eigensys(evals_count=4), "cos2phi")
        out.update(flux=float(flux), noise_assumptions=dict(NOISE_DEFAULTS, T_K=T_K, Q_ind=Q_ind, A_flux_Phi0=A_flux))
        return out

    def warnings(self, spectrum: Optional[Spectrum] = None) -> list[str]:
        """E_L > E_J (cos2φ needs superinductors, E_L ≪ E_J) and the wire's self-resonance below the highest
        computed transition or the junction plasma frequency √(8E_JE_CJ)."""
        out = [w for w in [levels_warning_energy_ratio(self.E_L_GHz, self.E_J_GHz, "cos2φ qubit")] if w]
        if self.wire is not None:
            top = float(np.max(spectrum.transitions_GHz)) if spectrum is not None else 0.0
            w = self_resonance_warning(self.wire.f_self_Hz, max(top, math.sqrt(8 * self.E_J_GHz * self.E_CJ_GHz)),
                                       "cos2φ superinductor")
            if w:
                out.append(w)
        return out
