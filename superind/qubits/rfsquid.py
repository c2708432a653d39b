"""RF-SQUID / fluxonium: a Josephson junction shunted by a film superinductor.

    H = 4E_C n² − E_J cos(φ + φ_ext) + ½E_L φ²,   φ_ext = 2πΦ_ext/Φ0
    E_C = e²/2C,  E_J = (Φ0/2π) I_c,  E_L = (Φ0/2π)²/L  (scqubits convention, L = kinetic + geometric)

Manucharyan et al., Science 326, 113 (2009); ``docs/theory/qubits.md``. The solver uses a harmonic-oscillator
basis (scqubits' ``Fluxonium`` basis when φ_osc = (8E_C/E_L)^¼) with cos φ and sin φ built once per basis, so a
flux sweep costs one batched dense eigenvalue call. The spectrum uses a shorter oscillator length (below) that
converges with about half the states; the cut-off is the smallest converged one.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Optional

import numpy as np
from scipy.linalg import eigh, eigh_tridiagonal

from ..constants import e, inductance_H
from ..errors import InputError
from ..threads import one_blas_thread
from .base import READOUT_BAND_GHZ, VerdictsMixin, energy_ratio_verdict, solver_cache
from .spectrum import (NOISE_DEFAULTS, TOL_GHZ, Spectrum, check_energy, check_flux, check_levels,
                       flux_period_points, minimal_cutoff)
from .noise import (coherence_times, element_01, shift_01, t1_capacitive_s, t1_inductive_s, t1_quasiparticle_s,
                    tphi_critical_current_s, tphi_first_order_s)

if TYPE_CHECKING:
    from ..junction import Junction
    from ..wire import Wire

DEFAULT_CUTOFF = 110  #: scqubits' default fluxonium cut-off (used by :meth:`RFSquid.scqubits`)
LADDER = sorted({int(round(8 * 1.15**k)) for k in range(32)})  #: oscillator cut-offs tried (8 … 607)
START = 40  #: first rung of the automatic search
CHECK_FLUX = np.array([0.0, 0.25, 0.5])  #: convergence check points (E(f) = E(−f) = E(f + 1))
MATRIX_TOL = 1e-8  #: convergence of |⟨i|op|j⟩| for matrix elements (dimensionless)


def _next_rung(cutoff: int) -> int:
    """The check cut-off above a given one: the next ladder rung, or ×1.15 beyond the ladder."""
    return next((c for c in LADDER if c > cutoff), int(math.ceil(1.15 * cutoff)) + 1)


class FluxoniumBasis:
    """Fluxonium Hamiltonian in an oscillator basis of length φ_osc with cos φ, sin φ precomputed.

    φ = φ_osc(a + a†)/√2, n = i(a† − a)/(√2 φ_osc); 4E_C n² + ½E_L φ² is the exact projection (diagonal,
    (k + ½)√(8E_LE_C), for scqubits' φ_osc = (8E_C/E_L)^¼), cos φ and sin φ come from the eigen-decomposition of
    the truncated φ (as scqubits' ``cosm``). Energies E/h in GHz.
    """

    def __init__(self, E_C_GHz: float, E_L_GHz: float, cutoff: int, phi_osc: Optional[float] = None):
        if int(cutoff) != cutoff or cutoff < 4:
            raise InputError(f"cutoff = {cutoff}: give at least 4 oscillator states")
        self.cutoff = N = int(cutoff)
        self.phi_osc = l = (8.0 * E_C_GHz / E_L_GHz) ** 0.25 if phi_osc is None else float(phi_osc)
        k = np.arange(N)
        off = np.sqrt(k[1:]) * l / math.sqrt(2.0)
        x, v = eigh_tridiagonal(np.zeros(N), off)
        self._phi_eigen = (x, v)
        self.cos_phi, self.sin_phi = self.function(np.cos), self.function(np.sin)
        self.phi = np.diag(off, 1) + np.diag(off, -1)
        n_off = np.sqrt(k[1:]) / (l * math.sqrt(2.0))
        self.n = 1j * (np.diag(n_off, -1) - np.diag(n_off, 1))
        # 4E_C n² + ½E_L φ² = (2k+1)(2E_C/l² + E_L l²/4) on the diagonal, √((k+1)(k+2))(E_L l²/4 − 2E_C/l²) at ±2
        self.oscillator = np.diag((2 * k + 1) * (2 * E_C_GHz / l**2 + E_L_GHz * l**2 / 4))
        second = np.sqrt((k[:-2] + 1) * (k[:-2] + 2)) * (E_L_GHz * l**2 / 4 - 2 * E_C_GHz / l**2)
        self.oscillator += np.diag(second, 2) + np.diag(second, -2)
        self._cos_sin = np.stack([self.cos_phi.ravel(), self.sin_phi.ravel()])

    def function(self, f) -> np.ndarray:
        """f(φ) of the truncated φ, from its eigen-decomposition (as cos φ and sin φ; scqubits' ``cosm``)."""
        x, v = self._phi_eigen
        return (v * f(x)) @ v.T

    def hamiltonian(self, E_J_GHz: float, flux: float) -> np.ndarray:
        """H(Φ_ext/Φ0) [GHz] as a dense real symmetric matrix."""
        return self._stack(E_J_GHz, np.array([flux]))[0]

    def _stack(self, E_J_GHz: float, flux: np.ndarray) -> np.ndarray:
        phase = 2.0 * np.pi * flux
        coef = np.stack([-E_J_GHz * np.cos(phase), E_J_GHz * np.sin(phase)], axis=1)
        return (coef @ self._cos_sin).reshape(-1, self.cutoff, self.cutoff) + self.oscillator

    def levels(self, E_J_GHz: float, flux, levels: int) -> np.ndarray:
        """Lowest ``levels`` eigenenergies [GHz] at each flux point, shape (points, levels); batched LAPACK."""
        if levels > self.cutoff:
            raise InputError(f"asked for {levels} levels with a cut-off of {self.cutoff}; raise the cut-off")
        flux = np.atleast_1d(np.asarray(flux, dtype=float))
        chunk = max(1, 2_000_000 // self.cutoff**2)  # ≤ 16 MB of matrices at a time
        with one_blas_thread():
            return np.concatenate([np.linalg.eigvalsh(self._stack(E_J_GHz, flux[i:i + chunk]))[:, :levels]
                                   for i in range(0, flux.size, chunk)])

    def eigensystem(self, E_J_GHz: float, flux: float, levels: int) -> tuple[np.ndarray, np.ndarray]:
        """Lowest ``levels`` eigenpairs at one flux point."""
        with one_blas_thread():
            return eigh(self.hamiltonian(E_J_GHz, flux), subset_by_index=(0, levels - 1))


@dataclass(frozen=True)
class RFSquid(VerdictsMixin):
    """RF-SQUID / fluxonium: energies E/h in GHz (E_C = e²/2C, E_J = (Φ0/2π)I_c, E_L = (Φ0/2π)²/L).

    ``junction`` and ``wire`` are kept when the qubit was built from hardware (``superind.resolve``); they
    feed warnings and reports only. ``readout_band_GHz`` is the band the wire's self-resonance must clear.
    Hamiltonian: Manucharyan et al., Science 326, 113 (2009) (scqubits ``Fluxonium``).
    """

    E_J_GHz: float
    E_C_GHz: float
    E_L_GHz: float
    junction: Optional["Junction"] = field(default=None, repr=False, hash=False)
    wire: Optional["Wire"] = field(default=None, repr=False, hash=False)
    readout_band_GHz: tuple[float, float] = READOUT_BAND_GHZ

    def __post_init__(self):
        for name in ("E_J_GHz", "E_C_GHz", "E_L_GHz"):
            check_energy(getattr(self, name), name.replace("_GHz", ""))
        object.__setattr__(self, "readout_band_GHz", tuple(float(x) for x in self.readout_band_GHz))


    @property
    def L_H(self) -> float:
        """Loop inductance L = (Φ0/2π)²/E_L [H] (326.9 nH at E_L = 0.5 GHz)."""
        return inductance_H(self.E_L_GHz)

    @property
    def beta_L(self) -> float:
        """Screening parameter β_L = 2πLI_c/Φ0 = E_J/E_L."""
        return self.E_J_GHz / self.E_L_GHz

    @property
    def Z_over_RQ(self) -> float:
        """LC-mode impedance in units of R_Q = h/4e²: (1/π)√(2E_C/E_L)."""
        return math.sqrt(2 * self.E_C_GHz / self.E_L_GHz) / math.pi

    @property
    def plasma_GHz(self) -> float:
        """LC plasma frequency √(8E_LE_C) [GHz] (scqubits ``plasma_energy``)."""
        return math.sqrt(8 * self.E_L_GHz * self.E_C_GHz)

    @property
    def phi_osc(self) -> float:
        """Oscillator length of the solver's basis: (8E_C/E_L)^¼ · min(1, (E_L/E_J)^⅛).

        The geometric mean of the LC length (8E_C/E_L)^¼ and the junction-well width (8E_C/E_J)^¼: it resolves
        the wells and still spans the inductive envelope (1e-9 GHz with ~50 instead of ~90 states at
        E_J, E_C, E_L = 8.9, 2.5, 0.5 GHz)."""
        return (8.0 * self.E_C_GHz / self.E_L_GHz) ** 0.25 * min(1.0, (self.E_L_GHz / self.E_J_GHz) ** 0.125)

    def basis(self, cutoff: int = DEFAULT_CUTOFF, phi_osc: Optional[float] = None) -> FluxoniumBasis:
        """Oscillator basis with precomputed cos φ, sin φ; ``phi_osc`` None is scqubits' (8E_C/E_L)^¼."""
        return FluxoniumBasis(self.E_C_GHz, self.E_L_GHz, cutoff, phi_osc)

    def scqubits(self, flux: float = 0.0, cutoff: int = DEFAULT_CUTOFF):
        """The same qubit as ``scqubits.Fluxonium(EJ, EC, EL, flux, cutoff)`` (the tests' and benchmarks' peer)."""
        import scqubits

        return scqubits.Fluxonium(EJ=self.E_J_GHz, EC=self.E_C_GHz, EL=self.E_L_GHz, flux=float(flux),
                                  cutoff=int(cutoff), truncated_dim=min(10, int(cutoff)))

    def converged_cutoff(self, levels: int = 4, cutoff: Optional[int] = None,
                         tol_GHz: float = TOL_GHZ) -> tuple[int, float]:
        """Smallest oscillator cut-off whose ``levels`` lowest energies move ≤ tol_GHz when it is raised to
        the next rung (×1.15), checked at Φ_ext/Φ0 = 0, ¼, ½ (one period by symmetry); cached per qubit, with
        every level of each basis tried (searches for other numbers of levels reuse them). A given ``cutoff`` is
        only checked. Returns (cut-off, change); InputError if not converged."""
        levels = check_levels(levels)
        key = ("cutoff", levels, cutoff, float(tol_GHz))
        cache = solver_cache(self)
        if key not in cache:
            ladder = LADDER if cutoff is None else [int(cutoff), _next_rung(int(cutoff))]
            start = next(i for i, c in enumerate(LADDER) if c >= max(START, levels)) if cutoff is None else 0

            def solve(c: int) -> np.ndarray:
                if ("check_levels", c) not in cache:
                    cache["check_levels", c] = self.basis(c, self.phi_osc).levels(self.E_J_GHz, CHECK_FLUX, c)
                return cache["check_levels", c][:, :levels]

            cut, change, _ = minimal_cutoff(solve, ladder, start, automatic=cutoff is None, tol_GHz=tol_GHz,
                                            what="rfsquid")
            cache[key] = (cut, change)
        return cache[key]

    def spectrum(self, flux, levels: int = 4, cutoff: Optional[int] = None, tol_GHz: float = TOL_GHZ) -> Spectrum:
        """Lowest ``levels`` eigenenergies E_i/h [GHz] vs Φ_ext/Φ0 at the smallest converged cut-off."""
        levels = check_levels(levels)
        flux = check_flux(flux)
        cut, change = self.converged_cutoff(levels, cutoff, tol_GHz)
        distinct, back = flux_period_points(flux, symmetric=True)  # E(f) = E(−f) = E(f + 1): parity φ → −φ
        values = self.basis(cut, self.phi_osc).levels(self.E_J_GHz, distinct, levels)[back]
        return Spectrum("rfsquid", flux, values, {"cutoff": cut, "phi_osc": self.phi_osc}, change, tol_GHz)

    def matrix_elements(self, flux: float, levels: int = 4, cutoff: Optional[int] = None,
                        tol_GHz: float = TOL_GHZ) -> dict:
        """|⟨i|n|j⟩| and |⟨i|φ|j⟩| between the lowest ``levels`` eigenstates at one flux (n = charge/2e).

        The cut-off starts at the converged one for the levels and is raised until the tables move by
        ≤ 1e-8 (a given ``cutoff`` is only checked)."""
        levels = check_levels(levels)
        cut, _ = self.converged_cutoff(levels, cutoff, tol_GHz)

        def table(c: int) -> np.ndarray:
            b = self.basis(c, self.phi_osc)
            _, v = b.eigensystem(self.E_J_GHz, flux, levels)
            return np.concatenate([np.abs(v.T @ b.n @ v), np.abs(v.T @ b.phi @ v)])

        ladder = [c for c in LADDER if c >= cut] if cutoff is None else [cut, _next_rung(cut)]
        _, _, values = minimal_cutoff(table, ladder, 0, automatic=cutoff is None, tol_GHz=MATRIX_TOL,
                                        what="rfsquid matrix elements")
        return {"flux": float(flux), "n": values[:levels], "phi": values[levels:]}

    def coherence(self, flux: float = 0.5, cutoff: Optional[int] = None, Q_ind: float = NOISE_DEFAULTS["Q_ind"],
                  T_K: float = NOISE_DEFAULTS["T_K"], A_flux: float = NOISE_DEFAULTS["A_flux_Phi0"],
                  x_qp: float = NOISE_DEFAULTS["x_qp"]) -> dict:
        """T1, T_φ, T2 [s] of the 0–1 transition at one flux (:mod:`superind.qubits.noise`, scqubits' Fluxonium
        channels): capacitive (n, scqubits' Q_cap(ω)), inductive (φ, Q_ind; default 1e5 for a film),
        quasiparticle tunnelling (sin((φ + φ_ext)/2), the junction's Δ), 1/f flux (∂H/∂(Φ/Φ0) = −2πE_J sin(φ + φ_ext),
        A_Φ) and 1/f critical current (∂H/∂E_J = −cos(φ + φ_ext), relative A_cc). Other parameters: NOISE_DEFAULTS
        (scqubits 4.3.1's). Smith et al., npj QI 6, 8 (2020). States at the converged cut-off of 4 levels
        (``cutoff`` given: that one)."""
        cut, _ = self.converged_cutoff(4, cutoff)
        b = self.basis(cut, self.phi_osc)
        E, V = b.eigensystem(self.E_J_GHz, flux, 2)
        f01_Hz = (E[1] - E[0]) * 1e9
        element, shift = partial(element_01, V), partial(shift_01, V)
        phase = 2 * math.pi * flux
        cos_J = b.cos_phi * math.cos(phase) - b.sin_phi * math.sin(phase)  # cos(φ + φ_ext)
        sin_J = b.sin_phi * math.cos(phase) + b.cos_phi * math.sin(phase)
        t1 = {"t1_capacitive": t1_capacitive_s(element(b.n), f01_Hz, self.E_C_GHz, T_K),
              "t1_inductive": t1_inductive_s(element(b.phi), f01_Hz, self.E_L_GHz, T_K, Q_ind),
              "t1_quasiparticle_tunneling": t1_quasiparticle_s(element(b.function(lambda x: np.sin((x + phase) / 2))),
                                                               f01_Hz, self.E_J_GHz, T_K, self.quasiparticle_gap_eV,
                                                               x_qp)}
        tphi = {"tphi_1_over_f_flux": tphi_first_order_s(shift(-2 * math.pi * self.E_J_GHz * sin_J), A_flux),
                "tphi_1_over_f_cc": tphi_critical_current_s(shift(-cos_J), self.E_J_GHz)}
        out = coherence_times(t1, tphi)
        out.update(flux=float(flux), noise_assumptions=dict(NOISE_DEFAULTS, T_K=T_K, Q_ind=Q_ind, A_flux_Phi0=A_flux,
                                                            x_qp=x_qp, Delta_eV=self.quasiparticle_gap_eV))
        return out

    @property
    def quasiparticle_gap_eV(self) -> float:
        """Junction gap Δ [eV] for quasiparticle tunnelling: the junction's own Δ, else Al's 182.4 µeV."""
        from ..losses import junction_quasiparticle_gap_J

        return junction_quasiparticle_gap_J(self.junction) / e

    @property
    def verdicts(self) -> tuple:
        """Model-validity records: E_L > E_J (the wire's self-resonance is judged against this qubit's transitions
        by the evaluation, ``Wire.self_resonance_verdict``)."""
        return tuple(energy_ratio_verdict(self.E_L_GHz, self.E_J_GHz, "RF-SQUID/fluxonium"))
