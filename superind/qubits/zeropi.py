"""0-π qubit: two film superinductors, two junctions and two large shunt capacitors → ``scqubits.ZeroPi``.

    H = −2E_CJ ∂²_φ + 2E_CΣ(i∂_θ − n_g)² + 2E_CΣ dC_J ∂_φ∂_θ − 2E_J cos θ cos(φ − φ_ext/2) + E_L φ² + 2E_J
        + E_J dE_J sin θ sin(φ − φ_ext/2)
    E_CJ = e²/2C_J, E_C = e²/2C (each shunt capacitor), E_CΣ = (1/E_C + 1/E_CJ)⁻¹, E_L = (Φ0/2π)²/L of EACH wire.

Convention trap (PHYSICS.md §4.3, devices_literature.md §1): papers writing 4E_C n² quote E_C^φ = E_CJ/2 and
E_C^θ = E_CΣ/2 (Gyenis 2021: 1.142 and 0.092 GHz ↔ scqubits 2.28 and 0.184 GHz). Groszkowski et al., NJP 20,
043053 (2018), Eq. (4).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

import numpy as np
import scipy.sparse as sps
import scipy.sparse.linalg as spla

from ..constants import GHz, e
from ..errors import InputError
from .spectrum import (NOISE_DEFAULTS, TOL_GHZ, Spectrum, check_energy, check_levels, check_points, converge,
                       levels_warning_energy_ratio, one_blas_thread, scqubits_coherence, self_resonance_warning)

if TYPE_CHECKING:
    from ..junction import Junction
    from ..wire import Wire

#: (φ-grid half range, φ-grid points, n_θ cut-off): scqubits' ZeroPi example grid (−19, 19, 200), ncut 30
DEFAULT_CUTOFF = (19.0, 200, 30)
MAX_STEPS = 2


def _grow(cut):
    half, pts, ncut = cut
    return (half * 1.25, int(pts * 1.5), ncut + 10)


@dataclass(frozen=True)
class ZeroPi:
    """0-π qubit energies E/h in GHz in scqubits' convention (module docstring; PHYSICS.md §4.3).

    E_J per junction, E_L = (Φ0/2π)²/L per superinductor, E_CJ = e²/2C_J, E_C = e²/2C per shunt capacitor;
    n_g offset charge of θ; dE_J, dC_J relative junction asymmetries. ``wire``/``junction`` feed warnings.
    """

    E_J_GHz: float
    E_L_GHz: float
    E_CJ_GHz: float
    E_C_GHz: float
    n_g: float = 0.0
    dE_J: float = 0.0
    dC_J: float = 0.0
    wire: Optional["Wire"] = None
    junction: Optional["Junction"] = None

    def __post_init__(self):
        for name in ("E_J_GHz", "E_L_GHz", "E_CJ_GHz", "E_C_GHz"):
            check_energy(getattr(self, name), name.replace("_GHz", ""))
        for name in ("dE_J", "dC_J"):
            if not abs(getattr(self, name)) < 1:
                raise InputError(f"{name} = {getattr(self, name):g}: the relative asymmetry must be in (−1, 1)")

    @classmethod
    def from_circuit(cls, junction: "Junction", wire: "Wire", C_shunt_F: float, n_g: float = 0.0) -> "ZeroPi":
        """Two identical junctions (E_J = (Φ0/2π)I_c, E_CJ = e²/2C_J), two identical wires (E_L = (Φ0/2π)²/L,
        L total) and two shunt capacitors C (E_C = e²/2C) → energies in scqubits' convention (§4.3)."""
        if junction.C_F is None:
            raise InputError("the 0-π junctions need a capacitance: give C_J (--C) or E_CJ (--EC)")
        check_energy(C_shunt_F, "shunt capacitance")
        return cls(junction.E_J_GHz, wire.E_L_GHz, junction.E_C_GHz, e**2 / (2 * C_shunt_F) / GHz, n_g,
                   wire=wire, junction=junction)

    @property
    def E_CS_GHz(self) -> float:
        """E_CΣ = (1/E_C + 1/E_CJ)⁻¹ [GHz], i.e. C_Σ = C + C_J (scqubits ``ECS``; 0.03992 GHz at defaults)."""
        return 1.0 / (1.0 / self.E_C_GHz + 1.0 / self.E_CJ_GHz)

    @property
    def E_C_phi_GHz(self) -> float:
        """E_C^φ = E_CJ/2 [GHz]: the charging energy of a paper writing 4E_C^φ n_φ² (Gyenis 2021)."""
        return self.E_CJ_GHz / 2

    @property
    def E_C_theta_GHz(self) -> float:
        """E_C^θ = E_CΣ/2 [GHz]: the charging energy of a paper writing 4E_C^θ (n_θ − n_g)²."""
        return self.E_CS_GHz / 2

    @property
    def phi_mode_GHz(self) -> float:
        """φ-mode LC frequency √(8 E_CJ E_L) [GHz] (E_C,eff = E_CJ/2, E_L,eff = 2E_L; §4.3)."""
        return math.sqrt(8 * self.E_CJ_GHz * self.E_L_GHz)

    @property
    def Z_phi_over_RQ(self) -> float:
        """φ-mode impedance / R_Q = (1/π)√(E_CJ/2E_L) — the superinductance requirement (§4.3; 5.03 at defaults)."""
        return math.sqrt(self.E_CJ_GHz / (2 * self.E_L_GHz)) / math.pi

    def scqubits(self, flux: float = 0.0, cutoff=DEFAULT_CUTOFF):
        """``scqubits.ZeroPi`` with these energies, φ grid (−half, half, points) and n_θ cut-off."""
        import scqubits

        half, pts, ncut = cutoff
        return scqubits.ZeroPi(EJ=self.E_J_GHz, EL=self.E_L_GHz, ECJ=self.E_CJ_GHz, EC=self.E_C_GHz, ng=self.n_g,
                               flux=float(flux), grid=scqubits.Grid1d(-half, half, int(pts)), ncut=int(ncut),
                               dEJ=self.dE_J, dCJ=self.dC_J, truncated_dim=10)

    def _solve(self, flux, levels: int, cutoff, vectors: bool = False):
        """Shift-invert Lanczos with σ below the ground state and a symmetric (MMD) ordering (STYLE.md: faster
        than scqubits' σ = 0); σ starts at a lower bound of H and then trails the previous ground state."""
        flux = np.atleast_1d(flux)
        q = self.scqubits(flux[0], cutoff)
        sigma = -self.E_J_GHz * self.dE_J**2 / 4 - 2 * self.E_CS_GHz * abs(self.dC_J) - 1e-3
        out, vecs = np.empty((flux.size, levels)), None
        with one_blas_thread():
            for k, f in enumerate(flux):
                q.flux = float(f)
                h = q.hamiltonian().tocsc()
                lu = spla.splu(h - sigma * sps.identity(h.shape[0], format="csc"), permc_spec="MMD_AT_PLUS_A")
                inv = spla.LinearOperator(h.shape, matvec=lu.solve, dtype=h.dtype)
                w, v = spla.eigsh(h, k=levels, sigma=sigma, OPinv=inv, which="LM")
                order = np.argsort(w)
                out[k], vecs = w[order], v[:, order]
                sigma = out[k, 0] - 2 * (out[k, -1] - out[k, 0]) - 1e-3
        return (out, vecs, q) if vectors else out

    def converged_cutoff(self, flux, levels: int = 4, cutoff=None, tol_GHz: float = TOL_GHZ):
        """(φ half-range, φ points, n_θ cut-off) whose transitions E_i − E_0 move ≤ tol_GHz when enlarged to
        (×1.25, ×1.5, +10), checked at the middle flux point. None starts from (19, 200, 30) and raises automatically."""
        pts = check_points(flux, middle_only=True)
        start = tuple(cutoff) if cutoff is not None else DEFAULT_CUTOFF
        if len(start) != 3 or min(start) <= 0:
            raise InputError(f"0-π cut-off {cutoff}: give (φ half-range, φ points, n_θ cut-off), all positive")
        return converge(lambda c: self._solve(pts, levels, c), start, _grow, automatic=cutoff is None,
                        tol_GHz=tol_GHz, max_steps=MAX_STEPS, what="zeropi", transitions=True)

    def spectrum(self, flux, levels: int = 4, cutoff=None, tol_GHz: float = TOL_GHZ) -> Spectrum:
        """Lowest ``levels`` eigenenergies [GHz] vs Φ_ext/Φ0 at offset charge n_g, with a converged cut-off."""
        levels = check_levels(levels)
        flux = np.atleast_1d(np.asarray(flux, dtype=float))
        cut, change = self.converged_cutoff(flux, levels, cutoff, tol_GHz)
        return Spectrum("zeropi", flux, self._solve(flux, levels, cut),
                        {"phi_half_range": cut[0], "phi_points": cut[1], "ncut": cut[2]}, change, tol_GHz)

    def matrix_elements(self, flux: float, levels: int = 4, cutoff=None) -> dict:
        """|⟨i|n_θ|j⟩| and |⟨i|φ|j⟩| between the lowest ``levels`` eigenstates at one flux."""
        levels = check_levels(levels)
        cut, _ = self.converged_cutoff([flux], levels, cutoff)
        _, v, q = self._solve([flux], levels, cut, vectors=True)
        table = {}
        for name, op in (("n_theta", q.n_theta_operator()), ("phi", q.phi_operator())):
            table[name] = np.abs(v.conj().T @ (op @ v))
        return {"flux": float(flux), **table}

    def coherence(self, flux: float = 0.0, cutoff=None, Q_ind: float = NOISE_DEFAULTS["Q_ind"],
                  T_K: float = NOISE_DEFAULTS["T_K"], A_flux: float = NOISE_DEFAULTS["A_flux_Phi0"]) -> dict:
        """T1, T_φ, T2 [s] of 0–1 via scqubits' ZeroPi channels: t1_inductive (Q_ind, default 1e5 film),
        t1_flux_bias_line, tphi_1_over_f_flux (A_Φ), tphi_1_over_f_cc; scqubits has no capacitive channel for
        ZeroPi. Other parameters: scqubits 4.3.1 defaults (NOISE_DEFAULTS; Groszkowski 2018)."""
        cut, _ = self.converged_cutoff([flux], 2, cutoff)
        w, v, q = self._solve([flux], 4, cut, vectors=True)
        channels = {"t1_inductive": {"T": T_K, "Q_ind": Q_ind}, "t1_flux_bias_line": {"T": T_K},
                    "t1_capacitive": {"T": T_K}, "tphi_1_over_f_flux": {"A_noise": A_flux}, "tphi_1_over_f_cc": {}}
        with one_blas_thread():
            out = scqubits_coherence(q, channels, (w[0], v), "zeropi")
        out.update(flux=float(flux), noise_assumptions=dict(NOISE_DEFAULTS, T_K=T_K, Q_ind=Q_ind, A_flux_Phi0=A_flux))
        return out

    def warnings(self, spectrum: Optional[Spectrum] = None, f_relevant_GHz: Optional[float] = None) -> list[str]:
        """Regime and self-resonance warnings. Criterion: each wire's λ/4 self-resonance f_self = Z/4L must
        exceed max(highest computed transition, φ-mode frequency √(8E_CJE_L), ``f_relevant_GHz``)."""
        out = [w for w in [levels_warning_energy_ratio(self.E_L_GHz, self.E_J_GHz, "0-π qubit")] if w]
        if self.E_CS_GHz >= self.E_J_GHz:
            out.append(f"E_CΣ = {self.E_CS_GHz:.4g} GHz is not below E_J = {self.E_J_GHz:.4g} GHz: the 0-π "
                       "protection needs heavy θ (large shunt capacitors)")
        if self.wire is not None:
            top = float(np.max(spectrum.transitions_GHz)) if spectrum is not None else 0.0
            w = self_resonance_warning(self.wire.f_self_Hz, max(top, self.phi_mode_GHz, f_relevant_GHz or 0.0),
                                       "0-π superinductor")
            if w:
                out.append(w)
        return out
