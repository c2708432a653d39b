"""Quantum-phase-slip (phase-slip flux) qubit: a loop closed by a phase-slip wire, in the fluxoid basis.

    H = E_L^fluxoid Σ_n (n − f)² |n⟩⟨n| − (E_S/2) Σ_n (|n⟩⟨n+1| + h.c.),   f = Φ_ext/Φ0
    E_L^fluxoid = Φ0²/2L = 2π² E_L   (Mooij–Harmans convention; scqubits' E_L = (Φ0/2π)²/L)

Mooij & Harmans, NJP 7, 219 (2005); Mooij & Nazarov, Nat. Phys. 2, 169 (2006); PHYSICS.md §3.1, §3.4.
The Hamiltonian is tridiagonal and small: sweeps diagonalise all flux points in one batched LAPACK call,
eigenvectors use ``scipy.linalg.eigh_tridiagonal``; ``qobj`` gives QuTiP's form for dynamics.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

import numpy as np
from scipy.linalg import eigh_tridiagonal

from ..constants import GHz, Phi0
from ..errors import InputError
from .spectrum import (NOISE_DEFAULTS, TOL_GHZ, Spectrum, check_energy, check_levels, check_points, converge,
                       self_resonance_warning, tphi_first_order_s)

if TYPE_CHECKING:
    from ..wire import Wire

TWO_PI_SQUARED = 2 * math.pi**2
MAX_STEPS = 6  #: automatic fluxoid-window doublings


@dataclass(frozen=True)
class QPSQubit:
    """Phase-slip flux qubit: fluxoid energy E_L^fluxoid = Φ0²/2L and phase-slip energy E_S, E/h in GHz.

    ``E_S_band_GHz`` (low, high) carries the phase-slip estimate's uncertainty band (PHYSICS.md §3.2);
    ``wire`` is kept when built from a film wire (:meth:`from_wire`). Hamiltonian: PHYSICS.md §3.4.
    """

    E_L_fluxoid_GHz: float
    E_S_GHz: float
    E_S_band_GHz: Optional[tuple[float, float]] = None
    wire: Optional["Wire"] = None

    def __post_init__(self):
        check_energy(self.E_L_fluxoid_GHz, "E_L_fluxoid")
        check_energy(self.E_S_GHz, "E_S")
        if self.E_S_band_GHz is not None:
            lo, hi = (check_energy(x, "E_S band") for x in self.E_S_band_GHz)
            if not lo <= self.E_S_GHz <= hi:
                raise InputError(f"E_S = {self.E_S_GHz:g} GHz lies outside its band [{lo:g}, {hi:g}] GHz; "
                                 "give a band that contains the central value")

    @classmethod
    def from_inductance(cls, L_H: float, E_S_GHz: float, E_S_band_GHz=None) -> "QPSQubit":
        """From the loop inductance L [H]: E_L^fluxoid = Φ0²/2L (64.532 GHz at 50 nH, §3.4)."""
        check_energy(L_H, "loop inductance L")
        return cls(Phi0**2 / (2 * L_H) / GHz, E_S_GHz, E_S_band_GHz)

    @classmethod
    def from_wire(cls, wire: "Wire", E_S_GHz: Optional[float] = None) -> "QPSQubit":
        """From a film wire: E_L^fluxoid = wire.E_L_fluxoid_GHz (total L); E_S given, or estimated with its
        band by ``superind.phaseslip.estimate_phase_slip`` (E_S = aΔ(ℓ/ξ)(R_Q/R_ξ)e^{−bR_Q/R_ξ}, §3.2)."""
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
        """Persistent current of the fluxoid states I_p = Φ0/2L [A] (§3.4)."""
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
        """All flux points at once: a stack of (2w+1)² tridiagonal matrices, one batched LAPACK call."""
        flux = np.atleast_1d(np.asarray(flux, dtype=float))
        n = np.floor(flux + 0.5)[:, None] + np.arange(-half_width, half_width + 1)
        es = self.E_S_GHz if E_S_GHz is None else E_S_GHz
        size = 2 * half_width + 1
        h = np.zeros((flux.size, size, size))
        h[:, np.arange(size), np.arange(size)] = self.E_L_fluxoid_GHz * (n - flux[:, None]) ** 2
        h[:, np.arange(size - 1), np.arange(1, size)] = -0.5 * es
        h[:, np.arange(1, size), np.arange(size - 1)] = -0.5 * es
        return np.linalg.eigvalsh(h)[:, :levels]  # (2w+1)² blocks: too small for BLAS threads to matter

    def converged_half_width(self, flux, levels: int = 4, half_width: Optional[int] = None,
                             tol_GHz: float = TOL_GHZ) -> tuple[int, float]:
        """Fluxoid window (n = ⌊f+½⌋ ± half_width) whose levels move ≤ tol_GHz when it is doubled; None
        starts at max(levels, 3) and doubles automatically, a given window is only checked (InputError)."""
        pts = check_points(flux)
        es = max((self.E_S_GHz, *(self.E_S_band_GHz or ())))
        start = half_width or max(levels, 3)
        if start < 1 or int(start) != start or 2 * start + 1 < levels:
            raise InputError(f"fluxoid window ±{half_width}: give an integer with 2·window + 1 ≥ {levels} levels")
        return converge(lambda w: self._levels(pts, levels, w, es), int(start), lambda w: 2 * w,
                        automatic=half_width is None, tol_GHz=tol_GHz, max_steps=MAX_STEPS, what="qps")

    def spectrum(self, flux, levels: int = 4, half_width: Optional[int] = None, tol_GHz: float = TOL_GHZ) -> Spectrum:
        """Lowest ``levels`` eigenenergies [GHz] vs f; with a band, ``levels_band_GHz`` has 'low'/'high' E_S."""
        levels = check_levels(levels)
        flux = np.atleast_1d(np.asarray(flux, dtype=float))
        width, change = self.converged_half_width(flux, levels, half_width, tol_GHz)
        band = {}
        if self.E_S_band_GHz is not None:
            band = {name: self._levels(flux, levels, width, es) for name, es in zip(("low", "high"), self.E_S_band_GHz)}
        return Spectrum("qps", flux, self._levels(flux, levels, width), {"fluxoid_half_width": width}, change,
                        tol_GHz, band)

    def _eigvecs(self, flux: float, levels: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        width, _ = self.converged_half_width([flux], levels)
        d, off = self.bands(flux, width)
        w, v = eigh_tridiagonal(d, off, select="i", select_range=(0, levels - 1))
        return w, v, self._window(flux, width)

    def matrix_elements(self, flux: float, levels: int = 4) -> dict:
        """|⟨i|n̂ − f|j⟩| (loop current in units of Φ0/L = 2I_p) between the lowest eigenstates at one flux."""
        levels = check_levels(levels)
        _, v, n = self._eigvecs(flux, levels)
        return {"flux": float(flux), "fluxoid": np.abs(v.T @ ((n - flux)[:, None] * v))}

    def dE01_dflux_GHz(self, flux: float) -> float:
        """∂(E1 − E0)/∂f [GHz per Φ0] by Hellmann–Feynman: ∂E_i/∂f = −2E_L^fluxoid ⟨i|n̂ − f|i⟩ (§3.4)."""
        _, v, n = self._eigvecs(flux, 2)
        slope = -2 * self.E_L_fluxoid_GHz * ((n - flux)[:, None] * v**2).sum(axis=0)
        return float(slope[1] - slope[0])

    def coherence(self, flux: float = 0.5, A_flux: float = NOISE_DEFAULTS["A_flux_Phi0"]) -> dict:
        """First-order 1/f flux-noise dephasing T_φ [s] from ∂f01/∂f (A_Φ in Φ0, default 1e-6; ω_low, t_exp as
        scqubits). Infinite at f = ½ (sweet spot): second order limits there. No T1 channel is modelled."""
        slope = self.dE01_dflux_GHz(flux)
        return {"flux": float(flux), "dE01_dflux_GHz": slope, "Tphi_flux_s": tphi_first_order_s(slope, A_flux),
                "T1_s": None, "noise_assumptions": {"A_flux_Phi0": A_flux,
                                                    "omega_low_rad_per_s": NOISE_DEFAULTS["omega_low_rad_per_s"],
                                                    "t_exp_s": NOISE_DEFAULTS["t_exp_s"],
                                                    "order": "first order in flux noise",
                                                    "T1": "not modelled (no scqubits channel for a QPS qubit)"}}

    def warnings(self, spectrum: Optional[Spectrum] = None) -> list[str]:
        """Model-validity warnings: E_S not small against E_L^fluxoid or the wire's gap; self-resonance."""
        out = []
        es_max = max((self.E_S_GHz, *(self.E_S_band_GHz or ())))
        label = "E_S" if es_max == self.E_S_GHz else "the top of the E_S band"
        if es_max > self.E_L_fluxoid_GHz:
            out.append(f"{label} = {es_max:.4g} GHz exceeds E_L^fluxoid = {self.E_L_fluxoid_GHz:.4g} GHz: the "
                       "phase-slip qubit assumes E_S < E_L^fluxoid (fluxoid states well defined); lower E_S or L")
        if self.wire is not None:
            delta_GHz = self.wire.film.gap(self.wire.temperature_K) / GHz
            if es_max > delta_GHz:
                out.append(f"{label} = {es_max:.4g} GHz exceeds the wire's gap Δ/h = {delta_GHz:.4g} GHz: coherent "
                           "phase slips need E_S < Δ (Mooij–Nazarov 2006)")
            if spectrum is not None:
                w = self_resonance_warning(self.wire.f_self_Hz, float(np.max(spectrum.transitions_GHz)),
                                           "phase-slip wire")
                if w:
                    out.append(w)
        return out
