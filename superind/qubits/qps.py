"""Quantum-phase-slip (phase-slip flux) qubit: a loop closed by a phase-slip wire, in the fluxoid basis.

    H = E_L^fluxoid Σ_n (n − f)² |n⟩⟨n| − (E_S/2) Σ_n (|n⟩⟨n+1| + h.c.),   f = Φ_ext/Φ0
    E_L^fluxoid = Φ0²/2L = 2π² E_L   (Mooij–Harmans convention; scqubits' E_L = (Φ0/2π)²/L)

Mooij & Harmans, NJP 7, 219 (2005); Mooij & Nazarov, Nat. Phys. 2, 169 (2006); ``docs/theory/qubits.md``.
The Hamiltonian is tridiagonal and only its diagonal depends on f: windows up to 181 states use LAPACK ``dsterf``
(all eigenvalues, O(N²); faster here than one batched dense call over all points: 3.2 vs 8.8 ms for 201 points
of 41 states), larger ones bisection for the lowest levels (``dstebz``); ``qobj`` gives QuTiP's form.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

import numpy as np
from scipy.linalg import eigh_tridiagonal
from scipy.linalg.lapack import dstebz, dsterf

from ..constants import GHz, Phi0
from ..errors import InputError
from .base import READOUT_BAND_GHZ, VerdictsMixin, solver_cache
from .spectrum import (NOISE_DEFAULTS, TOL_GHZ, Spectrum, check_energy, check_flux, check_levels,
                       flux_period_points, minimal_cutoff)
from .noise import combine_times, t1_inductive_s, tphi_first_order_s

if TYPE_CHECKING:
    from ..wire import Wire

TWO_PI_SQUARED = 2 * math.pi**2
LADDER = list(range(1, 257))  #: fluxoid half-widths w tried (window n = ⌊f+½⌋ ± w)
CHECK_FLUX = np.array([0.0, 0.25, 0.5])  #: convergence check points (E(f) = E(−f) = E(f + 1))
STERF_MAX_SIZE = 181  #: windows up to this size: all eigenvalues by dsterf; larger ones bisection (dstebz)


@dataclass(frozen=True)
class QPSQubit(VerdictsMixin):
    """Phase-slip flux qubit: fluxoid energy E_L^fluxoid = Φ0²/2L and phase-slip energy E_S, E/h in GHz.

    ``E_S_band_GHz`` (low, high) carries the phase-slip estimate's uncertainty band; ``wire`` is kept when built
    from a film wire (:meth:`from_wire`). Hamiltonian: Mooij & Harmans, NJP 7, 219 (2005).
    """

    E_L_fluxoid_GHz: float
    E_S_GHz: float
    E_S_band_GHz: Optional[tuple[float, float]] = None
    wire: Optional["Wire"] = field(default=None, repr=False, hash=False)
    readout_band_GHz: tuple[float, float] = READOUT_BAND_GHZ

    def __post_init__(self):
        check_energy(self.E_L_fluxoid_GHz, "E_L_fluxoid")
        check_energy(self.E_S_GHz, "E_S")
        object.__setattr__(self, "readout_band_GHz", tuple(float(x) for x in self.readout_band_GHz))
        if self.E_S_band_GHz is not None:
            object.__setattr__(self, "E_S_band_GHz", tuple(float(x) for x in self.E_S_band_GHz))
            lo, hi = (check_energy(x, "E_S band") for x in self.E_S_band_GHz)
            if not lo <= self.E_S_GHz <= hi:
                raise InputError(f"E_S = {self.E_S_GHz:g} GHz lies outside its band [{lo:g}, {hi:g}] GHz; "
                                 "give a band that contains the central value")

    @classmethod
    def from_inductance(cls, L_H: float, E_S_GHz: float, E_S_band_GHz=None) -> "QPSQubit":
        """From the loop inductance L [H]: E_L^fluxoid = Φ0²/2L (64.532 GHz at 50 nH)."""
        check_energy(L_H, "loop inductance L")
        return cls(Phi0**2 / (2 * L_H) / GHz, E_S_GHz, E_S_band_GHz)

    @classmethod
    def from_wire(cls, wire: "Wire", E_S_GHz: Optional[float] = None) -> "QPSQubit":
        """From a film wire: E_L^fluxoid = wire.E_L_fluxoid_GHz (total L); E_S given, or estimated with its
        band by ``superind.phaseslip.estimate_phase_slip`` (E_S = aΔ(ℓ/ξ)(R_Q/R_ξ)e^{−bR_Q/R_ξ}; Mooij et al.,
        NJP 17, 033006 (2015))."""
        band = None
        if E_S_GHz is None:
            from ..phaseslip import estimate_phase_slip

            est = estimate_phase_slip(wire)
            E_S_GHz, band = est.E_S_GHz, tuple(est.E_S_band_GHz)
        return cls(wire.E_L_fluxoid_GHz, E_S_GHz, band, wire)

    @property
    def E_L_GHz(self) -> float:
        """scqubits-convention inductive energy (Φ0/2π)²/L = E_L^fluxoid/2π² [GHz]."""
        return self.E_L_fluxoid_GHz / TWO_PI_SQUARED

    @property
    def L_H(self) -> float:
        """Loop inductance L = Φ0²/(2E_L^fluxoid) [H]."""
        return Phi0**2 / (2 * self.E_L_fluxoid_GHz * GHz)

    @property
    def persistent_current_A(self) -> float:
        """Persistent current of the fluxoid states I_p = Φ0/2L [A] (Mooij & Harmans 2005)."""
        return Phi0 / (2 * self.L_H)

    def _window(self, flux: float, half_width: int) -> np.ndarray:
        centre = int(math.floor(flux + 0.5))
        return np.arange(centre - half_width, centre + half_width + 1)

    def bands(self, flux: float, half_width: int, E_S_GHz: Optional[float] = None) -> tuple[np.ndarray, np.ndarray]:
        """Diagonal E_L^fluxoid (n − f)² and off-diagonal −E_S/2 of H for fluxoids n = ⌊f+½⌋ ± half_width."""
        n = self._window(flux, half_width)
        es = self.E_S_GHz if E_S_GHz is None else E_S_GHz
        return self.E_L_fluxoid_GHz * (n - flux) ** 2, np.full(n.size - 1, -0.5 * es)

    def qobj(self, flux: float, half_width: int = 10):
        """H(f) as a QuTiP ``Qobj`` in the fluxoid basis n = ⌊f+½⌋ − half_width … + half_width (GHz)."""
        import qutip

        d, off = self.bands(flux, half_width)
        return qutip.Qobj(np.diag(d) + np.diag(off, 1) + np.diag(off, -1))

    def _levels(self, flux, levels: int, half_width: int, E_S_GHz: Optional[float] = None) -> np.ndarray:
        """Lowest ``levels`` energies [GHz] at every flux point for the window ±half_width."""
        flux = np.atleast_1d(np.asarray(flux, dtype=float))
        n = np.floor(flux + 0.5)[:, None] + np.arange(-half_width, half_width + 1)
        diag = self.E_L_fluxoid_GHz * (n - flux[:, None]) ** 2
        off = -0.5 * (self.E_S_GHz if E_S_GHz is None else E_S_GHz)
        size = 2 * half_width + 1
        if size < levels:
            raise InputError(f"fluxoid window ±{half_width} holds {size} states; {levels} levels asked")
        e = np.full(size - 1, off)
        out = np.empty((flux.size, levels))
        for k, d in enumerate(diag):
            if size <= STERF_MAX_SIZE:
                w, info = dsterf(d, e)
            else:
                _, w, _, _, info = dstebz(d, e, 2, 0.0, 0.0, 1, levels, 0.0, b"E")
            if info != 0:
                raise RuntimeError(f"LAPACK tridiagonal eigenvalues failed (info = {info}) at flux {flux[k]:g}")
            out[k] = w[:levels]
        return out

    def converged_half_width(self, levels: int = 4, cutoff: Optional[int] = None,
                             tol_GHz: float = TOL_GHZ) -> tuple[int, float]:
        """Fluxoid window n = ⌊f+½⌋ ± w: one above the smallest w whose levels move ≤ tol_GHz when w grows by
        one (the margin costs nothing here and leaves the levels converged far below tol), checked at f = 0, ¼, ½
        with the largest E_S of the band; cached per qubit. A given window is only checked and used as is."""
        levels = check_levels(levels)
        key = ("cutoff", levels, cutoff, float(tol_GHz))
        cache = solver_cache(self)
        if key not in cache:
            es = max((self.E_S_GHz, *(self.E_S_band_GHz or ())))
            smallest = max(1, levels // 2)  # 2w + 1 ≥ levels
            if cutoff is not None and (int(cutoff) != cutoff or cutoff < 1 or 2 * cutoff + 1 < levels):
                raise InputError(f"fluxoid window ±{cutoff}: give an integer with 2·window + 1 ≥ {levels} levels")
            ladder = LADDER[smallest - 1:] if cutoff is None else [int(cutoff), int(cutoff) + 1]
            w, change, _ = minimal_cutoff(lambda w: self._levels(CHECK_FLUX, levels, w, es), ladder,
                                          min(2, len(ladder) - 2), automatic=cutoff is None, tol_GHz=tol_GHz,
                                          what="qps")
            cache[key] = (w + (cutoff is None), change)
        return cache[key]

    def spectrum(self, flux, levels: int = 4, cutoff: Optional[int] = None, tol_GHz: float = TOL_GHZ) -> Spectrum:
        """Lowest ``levels`` eigenenergies [GHz] vs f; ``cutoff`` is the fluxoid half-width w (None: smallest
        converged). With an E_S band, ``levels_band_GHz`` has the 'low'/'high' spectra."""
        levels = check_levels(levels)
        flux = check_flux(flux)
        width, change = self.converged_half_width(levels, cutoff, tol_GHz)
        distinct, back = flux_period_points(flux, symmetric=True)  # E(f) = E(−f) = E(f + 1): n → −n, n → n + 1
        band = {}
        if self.E_S_band_GHz is not None:
            band = {name: self._levels(distinct, levels, width, es)[back]
                    for name, es in zip(("low", "high"), self.E_S_band_GHz)}
        return Spectrum("qps", flux, self._levels(distinct, levels, width)[back], {"fluxoid_half_width": width},
                        change, tol_GHz, band)

    def _eigvecs(self, flux: float, levels: int, cutoff: Optional[int] = None):
        width, _ = self.converged_half_width(levels, cutoff)
        d, off = self.bands(flux, width)
        w, v = eigh_tridiagonal(d, off, select="i", select_range=(0, levels - 1))
        return w, v, self._window(flux, width)

    def matrix_elements(self, flux: float, levels: int = 4, cutoff: Optional[int] = None) -> dict:
        """|⟨i|n̂ − f|j⟩| (loop current in units of Φ0/L = 2I_p) between the lowest eigenstates at one flux."""
        levels = check_levels(levels)
        _, v, n = self._eigvecs(flux, levels, cutoff)
        return {"flux": float(flux), "fluxoid": np.abs(v.T @ ((n - flux)[:, None] * v))}

    def dE01_dflux_GHz(self, flux: float, cutoff: Optional[int] = None) -> float:
        """∂(E1 − E0)/∂f [GHz per Φ0] by Hellmann–Feynman: ∂E_i/∂f = −2E_L^fluxoid ⟨i|n̂ − f|i⟩."""
        _, v, n = self._eigvecs(flux, 2, cutoff)
        slope = -2 * self.E_L_fluxoid_GHz * ((n - flux)[:, None] * v**2).sum(axis=0)
        return float(slope[1] - slope[0])

    def coherence(self, flux: float = 0.5, cutoff: Optional[int] = None, Q_ind: float = NOISE_DEFAULTS["Q_ind"],
                  T_K: float = NOISE_DEFAULTS["T_K"], A_flux: float = NOISE_DEFAULTS["A_flux_Phi0"]) -> dict:
        """T1 from the loop's inductive loss and first-order 1/f flux-noise T_φ [s] at one flux.

        T1: the loop inductance with quality factor Q_ind, Γ↓ + Γ↑ = 2π (2E_L/Q_ind)|⟨0|φ̂|1⟩|² coth(hf01/2k_BT)
        [E_L = (Φ0/2π)²/L in GHz, φ̂ = 2π(n̂ − f) the phase across the inductance] — the same formula as scqubits'
        ``t1_inductive`` (Smith et al., npj Quantum Inf. 6, 8 (2020)). T_φ: ∂f01/∂f with A_Φ (default 1e-6 Φ0;
        Groszkowski et al., NJP 20, 043053 (2018)); infinite at f = ½ (sweet spot: second order limits there).
        T2 = 1/(1/2T1 + 1/T_φ)."""
        slope = self.dE01_dflux_GHz(flux, cutoff)
        w, v, n = self._eigvecs(flux, 2, cutoff)
        phi01 = 2 * math.pi * float(v[:, 0] @ ((n - flux) * v[:, 1]))
        T1 = t1_inductive_s(phi01, float(w[1] - w[0]) * 1e9, self.E_L_GHz, T_K, Q_ind)
        tphi = tphi_first_order_s(slope, A_flux)
        return {"flux": float(flux), "dE01_dflux_GHz": slope, "T1_s": T1, "T1_channels_s": {"t1_inductive": T1},
                "Tphi_flux_s": tphi, "Tphi_s": tphi, "Tphi_channels_s": {"tphi_1_over_f_flux": tphi},
                "T2_s": combine_times({"T1/2": 2 * T1, "Tphi": tphi}),
                "noise_assumptions": {"T_K": T_K, "Q_ind": Q_ind, "A_flux_Phi0": A_flux,
                                      "omega_low_rad_per_s": NOISE_DEFAULTS["omega_low_rad_per_s"],
                                      "t_exp_s": NOISE_DEFAULTS["t_exp_s"], "order": "first order in flux noise"}}

    @property
    def verdicts(self) -> tuple:
        """Model-validity records: E_S not small against E_L^fluxoid or the wire's gap Δ/h — critical when even the
        band's lowest E_S crosses (a determined verdict), a warning when the band reaches the limit."""
        from ..verdicts import Verdict

        out = []
        limits = [("E_L^fluxoid", self.E_L_fluxoid_GHz, "qubit.qps_E_S_vs_E_L",
                   "the phase-slip qubit assumes E_S < E_L^fluxoid (fluxoid states well defined)",
                   "widen the wire or lower R_sq (E_S falls exponentially with R_Q/R_ξ), or lower L")]
        if self.wire is not None:
            limits.append(("the wire's gap Δ/h", self.wire.film.gap(self.wire.temperature_K) / GHz,
                           "qubit.qps_E_S_vs_gap", "coherent phase slips need E_S < Δ (Mooij–Nazarov 2006)",
                           "widen the wire or lower R_sq so E_S stays below Δ"))
        low, top = (min(self.E_S_band_GHz), max(self.E_S_band_GHz)) if self.E_S_band_GHz else (self.E_S_GHz,) * 2
        for name, limit, code, why, action in limits:
            numbers = {"E_S_GHz": self.E_S_GHz, "E_S_band_GHz": [low, top], "limit_GHz": limit}
            if low > limit:  # determined: even the band's lowest E_S crosses
                out.append(Verdict(code, "critical", f"E_S ≥ {low:.4g} GHz (the band's lowest) exceeds {name} = "
                                   f"{limit:.4g} GHz: {why}", action, numbers))
            elif top > limit:
                out.append(Verdict(code, "warning", f"the E_S band ({low:.4g} … {top:.4g} GHz, central "
                                   f"{self.E_S_GHz:.4g} GHz) reaches {name} = {limit:.4g} GHz: {why}",
                                   "calibrate the film's phase-slip model (superind fit spectrum --kind qps "
                                   "--save-film) to narrow the band", numbers))
        return tuple(out)
