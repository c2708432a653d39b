"""Quantum phase slips in a film wire: coherence length, R_ξ, and the phase-slip energy E_S with explicit constants.

E_S = a Δ (ℓ/ξ)(R_Q/R_ξ) exp(−b R_Q/R_ξ),  R_ξ = R_□ ξ/w,  R_Q = h/4e²   (PHYSICS.md §3.2; Golubev & Zaikin,
PRB 64, 014504 (2001); Mooij & Nazarov, Nat. Phys. 2, 169 (2006)). a, b and the ξ convention are fit constants,
not universal: the default output is a band over b ∈ [0.3, 1.0] and both ξ conventions (the range of PHYSICS.md
§3.2's sensitivity table) with a = 1, and a central value at b = 0.5 with the Usadel ξ. ``calibrate`` fits b
(or a and b) to measured E_S and returns a reusable model. Energies E/h in GHz.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .constants import GHz, R_Q, fluxoid_energy_GHz, hbar, k_B
from .errors import InputError
from .film import Film

XI_CONVENTIONS = ("usadel", "gl")
#: documented default range of the exponent constant b (PHYSICS.md §3.2 table) and central choice
B_RANGE = (0.3, 1.0)
B_CENTRAL = 0.5
#: E_S/E_L^fluxoid thresholds of the verdict: ≪ 1 coherent superinductor; ≳ 1 insulating-like
COHERENT_BELOW = 1e-2
INSULATING_ABOVE = 1.0


def coherence_length(film: Film, convention: str = "usadel") -> float:
    """Coherence length [m]: ``"usadel"`` ξ_d = √(ħD/Δ0) or ``"gl"`` ξ_GL(0) = √(πħD/8k_BT_c) (dirty limit, H_c2).

    PHYSICS.md §3.3 (Tinkham; WHH 1966). ξ_d/ξ_GL = 1.2015 for BCS α. Needs the film's diffusion constant D.
    """
    D = film.diffusion_m2_per_s
    if D is None:
        raise InputError(f"{film.material.name} has no diffusion constant in the database: give --diffusion "
                         "(e.g. '0.5 cm**2/s') to estimate the coherence length and phase slips")
    if convention == "usadel":
        return math.sqrt(hbar * D / film.delta0_J)
    if convention == "gl":
        return math.sqrt(math.pi * hbar * D / (8 * k_B * film.Tc_K))
    raise InputError(f"coherence-length convention '{convention}': choose one of {', '.join(XI_CONVENTIONS)}")


def resistance_per_coherence_length(film: Film, width_m: float, xi_m: float) -> float:
    """R_ξ = R_□ ξ/w [Ω]: normal resistance of a wire segment one coherence length long."""
    return film.R_sq_ohm * xi_m / width_m


@dataclass(frozen=True)
class PhaseSlipModel:
    """E_S = a Δ (ℓ/ξ)(R_Q/R_ξ) exp(−b R_Q/R_ξ) with explicit constants (a, b, ξ convention)."""

    a: float = 1.0
    b: float = B_CENTRAL
    xi: str = "usadel"
    source: str = "uncalibrated: a = 1, b = 0.5 (mid of the documented range 0.3–1.0)"

    def E_S_GHz(self, film: Film, width_m: float, length_m: float) -> float:
        """Phase-slip energy E_S/h [GHz] of a wire of ``width_m`` × ``length_m`` at T = 0 (Δ = Δ0)."""
        xi = coherence_length(film, self.xi)
        x = R_Q / resistance_per_coherence_length(film, width_m, xi)
        return self.a * film.delta0_J / GHz * (length_m / xi) * x * math.exp(-self.b * x)


@dataclass(frozen=True)
class PhaseSlipEstimate:
    """E_S (central and band) against the fluxoid energy E_L^fluxoid = Φ0²/2L, with a verdict."""

    E_S_GHz: float
    E_S_band_GHz: tuple[float, float]
    E_L_fluxoid_GHz: float
    xi_m: dict
    R_xi_ohm: dict
    model: PhaseSlipModel

    @property
    def ratio(self) -> float:
        """E_S/E_L^fluxoid (central)."""
        return self.E_S_GHz / self.E_L_fluxoid_GHz

    @property
    def verdict(self) -> str:
        return verdict(self.ratio)

    @property
    def verdict_band(self) -> tuple[str, str]:
        return tuple(verdict(x / self.E_L_fluxoid_GHz) for x in self.E_S_band_GHz)


def verdict(ratio: float) -> str:
    """Plain verdict from E_S/E_L^fluxoid: < 1e-2 coherent superinductor, < 1 QPS-qubit regime, else insulating-like."""
    if ratio < COHERENT_BELOW:
        return "coherent superinductor"
    if ratio < INSULATING_ABOVE:
        return "QPS-qubit regime"
    return "insulating-like (E_S ≳ E_L)"


def estimate_phase_slip(wire, model: PhaseSlipModel | None = None) -> PhaseSlipEstimate:
    """E_S of a wire (anything with film, width_m, length_m, L_H): central from ``model`` (default
    uncalibrated a=1, b=0.5, Usadel ξ) and the band over b ∈ [0.3, 1.0] × both ξ conventions with the model's a.
    When ``model`` is calibrated the band collapses to its ±20 % in b (a fit is not exact)."""
    model = model or PhaseSlipModel()
    f, w, ell = wire.film, wire.width_m, wire.length_m
    calibrated = not model.source.startswith("uncalibrated")
    if calibrated:
        bs, xis = (0.8 * model.b, 1.2 * model.b), (model.xi,)
    else:
        bs, xis = B_RANGE, XI_CONVENTIONS
    band = [PhaseSlipModel(model.a, b, xi).E_S_GHz(f, w, ell) for b in bs for xi in xis]
    xi_m = {c: coherence_length(f, c) for c in XI_CONVENTIONS}
    return PhaseSlipEstimate(
        E_S_GHz=model.E_S_GHz(f, w, ell), E_S_band_GHz=(min(band), max(band)),
        E_L_fluxoid_GHz=fluxoid_energy_GHz(wire.L_H), xi_m=xi_m,
        R_xi_ohm={c: resistance_per_coherence_length(f, w, x) for c, x in xi_m.items()}, model=model)


def calibrate(measurements, *, fit: str = "b", a: float = 1.0, xi: str = "usadel") -> PhaseSlipModel:
    """Fit the phase-slip constants to measured (wire, E_S_GHz) pairs; return a reusable PhaseSlipModel.

    ln E_S = ln a + ln[Δ(ℓ/ξ)x] − b x with x = R_Q/R_ξ is linear in (ln a, b): ``fit="b"`` keeps ``a`` fixed
    (one pair suffices), ``fit="ab"`` fits both (needs ≥ 2 pairs with different x). Least squares in ln E_S.
    """
    pairs = list(measurements)
    if not pairs:
        raise InputError("calibrate needs at least one measured (wire, E_S) pair")
    xs, ys = [], []
    for wire, es in pairs:
        if not es > 0:
            raise InputError(f"measured E_S must be positive, got {es}")
        x = R_Q / resistance_per_coherence_length(wire.film, wire.width_m, coherence_length(wire.film, xi))
        pre = wire.film.delta0_J / GHz * wire.length_m / coherence_length(wire.film, xi) * x
        xs.append(x)
        ys.append(math.log(es / pre))  # = ln a − b x
    xs, ys = np.array(xs), np.array(ys)
    if fit == "b":
        b = float(np.mean((math.log(a) - ys) / xs)) if len(xs) == 1 else float(
            np.linalg.lstsq(-xs[:, None], ys - math.log(a), rcond=None)[0][0])
        return PhaseSlipModel(a, b, xi, source=f"calibrated b on {len(xs)} measurement(s), a = {a:g} fixed")
    if fit == "ab":
        if len(xs) < 2 or np.ptp(xs) == 0:
            raise InputError("fitting a and b needs at least two wires with different R_Q/R_ξ")
        (ln_a, minus_b), *_ = np.linalg.lstsq(np.column_stack([np.ones_like(xs), -xs]), ys, rcond=None)
        return PhaseSlipModel(float(math.exp(ln_a)), float(minus_b), xi,
                              source=f"calibrated a, b on {len(xs)} measurements")
    raise InputError(f"calibrate fit='{fit}': choose 'b' or 'ab'")
