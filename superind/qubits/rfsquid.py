"""RF-SQUID / fluxonium: a Josephson junction shunted by a film superinductor (PHYSICS.md §4.1).

    H = 4E_C n² − E_J cos(φ + φ_ext) + ½E_L φ²,   φ_ext = 2πΦ_ext/Φ0
    E_C = e²/2C,  E_J = (Φ0/2π) I_c,  E_L = (Φ0/2π)²/L  (scqubits convention, L = kinetic + geometric)

The solver is scqubits' ``Fluxonium`` basis (LC-oscillator states, cut-off N) with cos φ and sin φ built once,
so a flux sweep costs one dense eigensolve per point (identical levels to ``scqubits.Fluxonium``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

import numpy as np
from scipy.linalg import eigh, eigh_tridiagonal
from scipy.linalg.lapack import dsyevr

from ..constants import GHz, e, phi0_reduced
from ..errors import InputError
from .spectrum import (NOISE_DEFAULTS, TOL_GHZ, Spectrum, check_energy, check_levels, check_points, converge,
                       levels_warning_energy_ratio, one_blas_thread, scqubits_coherence, self_resonance_warning)

if TYPE_CHECKING:
    from ..junction import Junction
    from ..wire import Wire

DEFAULT_CUTOFF = 110  #: scqubits' default fluxonium cut-off
MAX_STEPS = 5  #: automatic cut-off raises (×1.5 each: 110 → 835)


class FluxoniumBasis:
    """Fluxonium Hamiltonian in the E_C–E_L oscillator basis with cos φ, sin φ precomputed.

    φ = φ_osc (a + a†)/√2, φ_osc = (8E_C/E_L)^¼; cos(φ + φ_ext) = cos φ cos φ_ext − sin φ sin φ_ext, with
    cos φ, sin φ from the eigen-decomposition of the tridiagonal φ (exact, replaces scqubits' per-point
    ``cosm``; STYLE.md). Energies E/h in GHz, scqubits conventions (§4.1).
    """

    def __init__(self, E_C_GHz: float, E_L_GHz: float, cutoff: int):
        if int(cutoff) != cutoff or cutoff < 4:
            raise InputError(f"cutoff = {cutoff}: give at least 4 oscillator states")
        self.cutoff = int(cutoff)
        self.phi_osc = (8.0 * E_C_GHz / E_L_GHz) ** 0.25
        off = np.sqrt(np.arange(1, self.cutoff)) * self.phi_osc / math.sqrt(2.0)
        x, v = eigh_tridiagonal(np.zeros(self.cutoff), off)
        self.cos_phi = (v * np.cos(x)) @ v.T
        self.sin_phi = (v * np.sin(x)) @ v.T
        self.phi = np.diag(off, 1) + np.diag(off, -1)
        n_off = np.sqrt(np.arange(1, self.cutoff)) / (self.phi_osc * math.sqrt(2.0))
        self.n = 1j * (np.diag(n_off, -1) - np.diag(n_off, 1))
        self.oscillator = (np.arange(self.cutoff) + 0.5) * math.sqrt(8.0 * E_L_GHz * E_C_GHz)
        self._cos_sin = np.stack([self.cos_phi.ravel(), self.sin_phi.ravel()])

    def hamiltonian(self, E_J_GHz: float, flux: float) -> np.ndarray:
        """H(Φ_ext/Φ0) [GHz] as a dense real symmetric matrix."""
        phase = 2.0 * math.pi * flux
        coef = np.array([-E_J_GHz * math.cos(phase), E_J_GHz * math.sin(phase)])
        h = (coef @ self._cos_sin).reshape(self.cutoff, self.cutoff)
        h.flat[:: self.cutoff + 1] += self.oscillator
        return h

    def levels(self, E_J_GHz: float, flux, levels: int) -> np.ndarray:
        """Lowest ``levels`` eigenenergies [GHz] at each flux point, shape (points, levels)."""
        if levels > self.cutoff:
            raise InputError(f"asked for {levels} levels with a cut-off of {self.cutoff}; raise the cut-off")
        flux = np.atleast_1d(flux)
        out = np.empty((flux.size, levels))
        with one_blas_thread():
            for k, f in enumerate(flux):  # H is symmetric: H.T is the Fortran-ordered view LAPACK takes uncopied
                w, _, _, _, info = dsyevr(self.hamiltonian(E_J_GHz, f).T, compute_v=0, range="I", il=1, iu=levels,
                                       overwrite_a=1)
                if info != 0:
                    raise RuntimeError(f"LAPACK dsyevr failed (info = {info}) at flux {f:g}")
                out[k] = w[:levels]
        return out


@dataclass(frozen=True)
class RFSquid:
    """RF-SQUID / fluxonium: energies E/h in GHz (E_C = e²/2C, E_J = (Φ0/2π)I_c, E_L = (Φ0/2π)²/L).

    ``junction`` and ``wire`` are kept when the qubit was built from hardware (:meth:`from_circuit`); they
    only feed warnings and reports. Source of the Hamiltonian: PHYSICS.md §4.1 (scqubits ``Fluxonium``).
    """

    E_J_GHz: float
    E_C_GHz: float
    E_L_GHz: float
    junction: Optional["Junction"] = None
    wire: Optional["Wire"] = None

    def __post_init__(self):
        for name in ("E_J_GHz", "E_C_GHz", "E_L_GHz"):
            check_energy(getattr(self, name), name.replace("_GHz", ""))

    @classmethod
    def from_circuit(cls, junction: "Junction", wire: "Wire", C_shunt_F: float = 0.0) -> "RFSquid":
        """Junction (I_c, C_J) shunted by a film wire: E_J = (Φ0/2π)I_c, E_C = e²/2(C_J + C_shunt),
        E_L = (Φ0/2π)²/L with L the wire's total (kinetic + geometric) inductance (§4.1)."""
        C = (junction.C_F or 0.0) + C_shunt_F
        if C <= 0:
            raise InputError("the RF-SQUID needs a capacitance: give the junction's C (--C) or E_C (--EC)")
        return cls(junction.E_J_GHz, e**2 / (2 * C) / GHz, wire.E_L_GHz, junction, wire)

    @property
    def L_H(self) -> float:
        """Loop inductance L = (Φ0/2π)²/E_L [H] (326.9 nH at E_L = 0.5 GHz)."""
        return phi0_reduced**2 / (self.E_L_GHz * GHz)

    @property
    def beta_L(self) -> float:
        """Screening parameter β_L = 2πLI_c/Φ0 = E_J/E_L (§4.1)."""
        return self.E_J_GHz / self.E_L_GHz

    @property
    def Z_over_RQ(self) -> float:
        """LC-mode impedance in units of R_Q = h/4e²: (1/π)√(2E_C/E_L) (§4.1)."""
        return math.sqrt(2 * self.E_C_GHz / self.E_L_GHz) / math.pi

    @property
    def plasma_GHz(self) -> float:
        """LC plasma frequency √(8E_LE_C) [GHz] (scqubits ``plasma_energy``)."""
        return math.sqrt(8 * self.E_L_GHz * self.E_C_GHz)

    def basis(self, cutoff: int = DEFAULT_CUTOFF) -> FluxoniumBasis:
        """The oscillator basis with precomputed cos φ, sin φ (see :class:`FluxoniumBasis`)."""
        return FluxoniumBasis(self.E_C_GHz, self.E_L_GHz, cutoff)

    def scqubits(self, flux: float = 0.0, cutoff: int = DEFAULT_CUTOFF):
        """The same qubit as ``scqubits.Fluxonium(EJ, EC, EL, flux, cutoff)`` (for noise channels, plots)."""
        import scqubits

        return scqubits.Fluxonium(EJ=self.E_J_GHz, EC=self.E_C_GHz, EL=self.E_L_GHz, flux=float(flux),
                                  cutoff=int(cutoff), truncated_dim=min(10, int(cutoff)))

    def converged_cutoff(self, flux, levels: int = 4, cutoff: Optional[int] = None,
                         tol_GHz: float = TOL_GHZ, current: Optional[np.ndarray] = None) -> tuple[int, float]:
        """Cut-off whose ``levels`` lowest energies move ≤ tol_GHz when it is raised ×1.5 (checked at the
        first/middle/last flux; ``current`` = levels there if known). ``cutoff=None`` raises it automatically
        from 110; a given cut-off is only checked. Raises InputError if not converged."""
        pts = check_points(flux)
        return converge(lambda c: self.basis(c).levels(self.E_J_GHz, pts, levels), cutoff or DEFAULT_CUTOFF,
                        lambda c: int(math.ceil(1.5 * c)), automatic=cutoff is None, tol_GHz=tol_GHz,
                        max_steps=MAX_STEPS, what="rfsquid", current=current)

    def spectrum(self, flux, levels: int = 4, cutoff: Optional[int] = None, tol_GHz: float = TOL_GHZ) -> Spectrum:
        """Lowest ``levels`` eigenenergies E_i/h [GHz] vs Φ_ext/Φ0, with a converged cut-off (§4.1)."""
        levels = check_levels(levels)
        flux = np.atleast_1d(np.asarray(flux, dtype=float))
        start = cutoff or DEFAULT_CUTOFF
        values = self.basis(start).levels(self.E_J_GHz, flux, levels)
        rows = [int(np.flatnonzero(flux == p)[0]) for p in check_points(flux)]
        cut, change = self.converged_cutoff(flux, levels, cutoff, tol_GHz, current=values[rows])
        if cut != start:
            values = self.basis(cut).levels(self.E_J_GHz, flux, levels)
        return Spectrum("rfsquid", flux, values, {"cutoff": cut}, change, tol_GHz)

    def matrix_elements(self, flux: float, levels: int = 4, cutoff: Optional[int] = None) -> dict:
        """|⟨i|n|j⟩| and |⟨i|φ|j⟩| between the lowest ``levels`` eigenstates at one flux (n = charge/2e)."""
        levels = check_levels(levels)
        cut, _ = self.converged_cutoff([flux], levels, cutoff)
        b = self.basis(cut)
        with one_blas_thread():
            _, v = eigh(b.hamiltonian(self.E_J_GHz, flux), subset_by_index=(0, levels - 1))
        return {"flux": float(flux), "n": np.abs(v.T @ b.n @ v), "phi": np.abs(v.T @ b.phi @ v)}

    def coherence(self, flux: float = 0.5, cutoff: Optional[int] = None, Q_ind: float = NOISE_DEFAULTS["Q_ind"],
                  T_K: float = NOISE_DEFAULTS["T_K"], A_flux: float = NOISE_DEFAULTS["A_flux_Phi0"]) -> dict:
        """T1, T_φ, T2 [s] of the 0–1 transition through scqubits' noise channels at one flux.

        Channels: t1_capacitive (scqubits Q_cap(ω)), t1_inductive (Q_ind, default 1e5 for a film),
        t1_quasiparticle_tunneling (junction Δ when known), tphi_1_over_f_flux (A_Φ), tphi_1_over_f_cc;
        other parameters are scqubits 4.3.1 defaults (NOISE_DEFAULTS). Smith et al., npj QI 6, 8 (2020).
        """
        cut, _ = self.converged_cutoff([flux], 2, cutoff)
        q = self.scqubits(flux, cut)
        with one_blas_thread():
            esys = q.eigensys(evals_count=4)
            channels = {
                "t1_capacitive": {"T": T_K},
                "t1_inductive": {"T": T_K, "Q_ind": Q_ind},
                "t1_quasiparticle_tunneling": {"T": T_K, "Delta": self.quasiparticle_gap_eV},
                "tphi_1_over_f_flux": {"A_noise": A_flux},
                "tphi_1_over_f_cc": {},
            }
            out = scqubits_coherence(q, channels, esys, "rfsquid")
        out.update(flux=float(flux), noise_assumptions=dict(NOISE_DEFAULTS, T_K=T_K, Q_ind=Q_ind, A_flux_Phi0=A_flux))
        return out

    @property
    def quasiparticle_gap_eV(self) -> float:
        """Junction gap Δ [eV] for quasiparticle tunnelling: the junction's own Δ, else scqubits' Al 3.4e-4 eV."""
        gap = self.junction.delta_J if self.junction is not None else None
        return gap / e if gap else NOISE_DEFAULTS["Delta_eV"]

    def warnings(self, spectrum: Optional[Spectrum] = None) -> list[str]:
        """Model-validity warnings: E_L > E_J, and the wire's self-resonance below the qubit's frequencies."""
        out = [w for w in [levels_warning_energy_ratio(self.E_L_GHz, self.E_J_GHz, "RF-SQUID/fluxonium")] if w]
        if self.wire is not None:
            top = float(np.max(spectrum.transitions_GHz)) if spectrum is not None else 0.0
            w = self_resonance_warning(self.wire.f_self_Hz, max(top, self.plasma_GHz), "superinductor")
            if w:
                out.append(w)
        return out

