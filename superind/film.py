"""A superconducting film: BCS gap Δ(T), Mattis–Bardeen sheet kinetic inductance, penetration depths, and
Finkel'stein's disorder-driven T_c(R_sq). Formulas and worked numbers: PHYSICS.md §1 and §5. SI units.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import numpy as np
from scipy.integrate import quad
from scipy.optimize import brentq

from .constants import BCS_GAP_RATIO, R_K, R_Q, hbar, k_B, mu_0
from .errors import InputError
from .materials import Material, get_material
from .units import check_value

# --------------------------------------------------------------------------------------------- BCS gap


@lru_cache(maxsize=4096)
def _bcs_gap_fraction(t: float) -> float:
    if t <= 0.02:  # correction ∝ exp(-1.764/t) < 1e-38
        return 1.0
    if t >= 1.0:
        return 0.0

    def thermal_integral(g: float) -> float:
        d = BCS_GAP_RATIO * g / t  # Δ/k_BT

        def f(x: float) -> float:  # f(E)/E in units of k_BT, written to avoid overflow
            E = math.sqrt(x * x + d * d)
            w = math.exp(-E)
            return w / (E * (1.0 + w))

        x1 = max(d, 1.0)  # split where the integrand turns from ~1/(2E) to exponential decay
        return (quad(f, 0.0, x1, epsabs=1e-14, epsrel=1e-11, limit=200)[0]
                + quad(f, x1, math.inf, epsabs=1e-14, epsrel=1e-11, limit=200)[0])

    return brentq(lambda g: math.log(1.0 / g) - 2.0 * thermal_integral(g), 1e-12, 1.0, xtol=1e-14, rtol=1e-13)


def bcs_gap_fraction(t):
    """Δ(T)/Δ0 of weak-coupling BCS at reduced temperature t = T/T_c, from the exact gap equation.

    ln(Δ0/Δ) = 2∫_0^∞ dξ f(E)/E, E = √(ξ²+Δ²), Δ0 = π e^{-γ_E} k_BT_c (PHYSICS.md §1.1; BCS 1957,
    Tinkham ch. 3). Zero for t ≥ 1. Accepts a scalar or an array.
    """
    if np.ndim(t) == 0:
        return _bcs_gap_fraction(float(t))
    return np.array([_bcs_gap_fraction(float(x)) for x in np.ravel(t)]).reshape(np.shape(t))


def bcs_gap_fraction_interpolation(t):
    """The common tanh interpolation Δ/Δ0 ≈ tanh(1.74 √(1/t − 1)) (up to 1.9 % low at t ≈ 0.6; §1.1)."""
    t = np.asarray(t, dtype=float)
    return np.where(t < 1, np.tanh(1.74 * np.sqrt(np.clip(1 / np.maximum(t, 1e-300) - 1, 0, None))), 0.0)


# ------------------------------------------------------------------------------------- Finkel'stein


def finkelstein_r(R_sq_ohm):
    """Dimensionless sheet resistance r = e²R_sq/(2π²ħ) = R_sq/(π R_K) (PHYSICS.md §5.1)."""
    return np.asarray(R_sq_ohm, dtype=float) / (math.pi * R_K)


def finkelstein_critical_r(gamma: float) -> float:
    """Exact zero of Finkel'stein's T_c: r_c = 2(1 − √(1 − 2/γ))² (PHYSICS.md §5.2). Needs γ > 2."""
    if not gamma > 2:
        raise InputError(f"gamma = {gamma:g}: Finkel'stein's formula needs γ = ln(ħ/k_BT_c0τ) > 2")
    return 2.0 * (1.0 - math.sqrt(1.0 - 2.0 / gamma)) ** 2


def finkelstein_critical_resistance(gamma: float) -> float:
    """Critical sheet resistance R_c = π R_K r_c [Ω] at which Finkel'stein's T_c vanishes (4575 Ω at γ = 6.5)."""
    return math.pi * R_K * finkelstein_critical_r(gamma)


def finkelstein_tc(R_sq_ohm, Tc0_K: float, gamma: float):
    """T_c [K] of a homogeneously disordered film (Finkel'stein, JETP Lett. 45, 46 (1987); PHYSICS.md §5.1):

    ln(T_c/T_c0) = γ + (1/√(2r)) ln[(1/γ + r/4 − √(r/2)) / (1/γ + r/4 + √(r/2))],  γ = ln(ħ/k_BT_c0τ) > 0,
    r = R_sq/(πR_K). Returns 0 beyond the critical resistance (numerator ≤ 0). Scalar or array R_sq.
    """
    r_c = finkelstein_critical_r(gamma)
    r = finkelstein_r(R_sq_ohm)
    rs = np.where((r > 0) & (r < r_c), r, 0.5 * r_c)
    # ln[(A − s)/(A + s)]/√(2r) = −atanh(z)/s with A = 1/γ + r/4, s = √(r/2), z = s/A; split off the exact
    # γ − 1/A = γ²r/4/(1 + γr/4) and (atanh z − z)/s (series for small z) to avoid cancellation as r → 0
    A, s = 1 / gamma + rs / 4, np.sqrt(rs / 2)
    z = s / A
    tail = np.where(z < 1e-3, z**3 / 3 + z**5 / 5 + z**7 / 7, np.arctanh(np.minimum(z, 1.0 - 1e-16)) - z)
    log_ratio = gamma**2 * rs / 4 / (1 + gamma * rs / 4) - tail / s
    tc = np.where(r >= r_c, 0.0, np.where(r <= 0, Tc0_K, Tc0_K * np.exp(log_ratio)))
    return float(tc) if np.ndim(tc) == 0 else tc


def mesoscopic_tc_spread(R_sq_ohm: float, gamma: float) -> float:
    """Relative spatial T_c spread δT_c/T_c ≈ 0.4/(g(g − g_c)), g = R_K/R_sq, g_c = 1/(π r_c) exact.

    Skvortsov & Feigel'man, PRL 95, 057002 (2005), as quoted in the review; prefactor and power unverified
    (PHYSICS.md §5.4 [U]) — an order of magnitude. Infinite at and beyond g_c.
    """
    g = R_K / R_sq_ohm
    g_c = 1.0 / (math.pi * finkelstein_critical_r(gamma))
    return 0.4 / (g * (g - g_c)) if g > g_c else math.inf


# --------------------------------------------------------------------------------------------- Film

SIT_WARNING = ("near the superconductor–insulator transition: Mattis–Bardeen L_k is a lower bound; "
               "expect inhomogeneity")


@dataclass(frozen=True)
class Film:
    """A disordered superconducting film (SI units). Build it with :func:`make_film`.

    Attributes: material, R_sq_ohm (normal state just above T_c), Tc_K, gap_ratio α = Δ0/k_BT_c,
    thickness_m (optional), Tc_source ("given" | "gap" | "finkelstein"), diffusion_m2_per_s (optional),
    warnings.
    """

    material: Material
    R_sq_ohm: float
    Tc_K: float
    gap_ratio: float = BCS_GAP_RATIO
    thickness_m: Optional[float] = None
    Tc_source: str = "given"
    diffusion_m2_per_s: Optional[float] = None
    Tc0_K: Optional[float] = None
    gamma: Optional[float] = None
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def delta0_J(self) -> float:
        """Δ0 = α k_B T_c [J]."""
        return self.gap_ratio * k_B * self.Tc_K

    def _reduced(self, T_K: float) -> float:
        check_value(T_K, "temperature", positive=False)
        if T_K < 0:
            raise InputError(f"temperature: must be ≥ 0 K, got {T_K:g} K")
        if T_K >= self.Tc_K:
            raise InputError(f"temperature {T_K:g} K is not below T_c = {self.Tc_K:.4g} K: the film is normal; "
                             "choose T < T_c")
        return T_K / self.Tc_K

    def gap(self, T_K: float = 0.0) -> float:
        """Δ(T) [J] = α k_BT_c · Δ_BCS(t)/Δ_BCS(0) (exact BCS shape, PHYSICS.md §1.1–1.2)."""
        return self.delta0_J * bcs_gap_fraction(self._reduced(T_K))

    def sheet_kinetic_inductance(self, T_K: float = 0.0) -> float:
        """L_k,□(T) = ħR_sq/(πΔ tanh(Δ/2k_BT)) [H/□] (Mattis–Bardeen, ħω ≪ Δ; PHYSICS.md §1.3)."""
        d = self.gap(T_K)
        th = 1.0 if k_B * T_K == 0 else math.tanh(d / (2 * k_B * T_K))
        return hbar * self.R_sq_ohm / (math.pi * d * th)

    @property
    def resistivity_ohm_m(self) -> float:
        """ρ_n = R_sq d [Ω m] (needs thickness)."""
        return self.R_sq_ohm * self._thickness()

    def _thickness(self) -> float:
        if self.thickness_m is None:
            raise InputError("this quantity needs the film thickness; give --thickness (e.g. '10 nm')")
        return self.thickness_m

    def penetration_depth(self, T_K: float = 0.0) -> float:
        """Dirty-limit London depth λ(T) [m]: λ(0) = √(ħρ_n/(πμ0Δ0)), λ⁻²(T) ∝ Δ tanh(Δ/2k_BT) (§1.4)."""
        return math.sqrt(self.sheet_kinetic_inductance(T_K) * self._thickness() / mu_0)

    def pearl_length(self, T_K: float = 0.0) -> float:
        """Pearl length Λ = 2λ²/d = 2L_k,□/μ0 [m] (Pearl 1964; PHYSICS.md §1.4). Needs no thickness."""
        return 2 * self.sheet_kinetic_inductance(T_K) / mu_0

    def slab_sheet_inductance(self, T_K: float = 0.0) -> float:
        """L_□ = μ0 λ coth(d/λ) [H/□], valid also when d is not ≪ λ (§1.4)."""
        lam, d = self.penetration_depth(T_K), self._thickness()
        return mu_0 * lam / math.tanh(d / lam)

    @property
    def critical_resistance_ohm(self) -> Optional[float]:
        """Finkel'stein critical R_sq [Ω] when γ is known, else None."""
        return finkelstein_critical_resistance(self.gamma) if self.gamma else None


def make_film(material, R_sq_ohm: float, *, Tc_K: float | None = None, Delta0_J: float | None = None,
              gap_ratio: float | None = None, thickness_m: float | None = None, Tc0_K: float | None = None,
              gamma: float | None = None, diffusion_m2_per_s: float | None = None) -> Film:
    """Resolve a film from what the physicist knows, with the warnings they need.

    T_c comes from (in order) ``Tc_K``; ``Delta0_J`` and α; or Finkel'stein's T_c(R_sq) with T_c0, γ from the
    caller or the material. α defaults to the material's value (BCS 1.764 when unknown); with both T_c and Δ0
    given, α = Δ0/k_BT_c. All inputs SI. Raises InputError for unphysical input.
    """
    mat = get_material(material)
    R = check_value(float(R_sq_ohm), "R_sq")
    for name, v in [("T_c", Tc_K), ("gap", Delta0_J), ("gap ratio", gap_ratio), ("thickness", thickness_m),
                    ("T_c0", Tc0_K), ("gamma", gamma), ("diffusion constant", diffusion_m2_per_s)]:
        if v is not None:
            check_value(float(v), name)
    warnings: list[str] = []
    Tc0 = Tc0_K if Tc0_K is not None else mat.finkelstein.Tc0_K
    gam = gamma if gamma is not None else mat.finkelstein.gamma
    if (Tc0_K is None) != (gamma is None) and (Tc0 is None or gam is None):
        raise InputError("Finkel'stein T_c needs both --tc0 and --gamma")
    if gam is not None and gam <= 2:
        raise InputError(f"gamma = {gam:g}: Finkel'stein's formula needs γ = ln(ħ/k_BT_c0τ) > 2")

    if Tc_K is not None and Delta0_J is not None:
        alpha = Delta0_J / (k_B * Tc_K)
        if gap_ratio is not None and abs(gap_ratio - alpha) > 1e-3 * alpha:
            raise InputError(f"gap ratio {gap_ratio:g} contradicts Δ0/k_BT_c = {alpha:.4g} from the given gap "
                             "and T_c; give two of the three")
        Tc, source = Tc_K, "given"
    else:
        alpha = gap_ratio if gap_ratio is not None else mat.gap_ratio_default
        if Tc_K is not None:
            Tc, source = Tc_K, "given"
        elif Delta0_J is not None:
            Tc, source = Delta0_J / (alpha * k_B), "gap"
        elif Tc0 is not None and gam is not None:
            Tc, source = finkelstein_tc(R, Tc0, gam), "finkelstein"
            if Tc <= 0:
                raise InputError(f"R_sq = {R:.0f} Ω is beyond Finkel'stein's critical sheet resistance "
                                 f"{finkelstein_critical_resistance(gam):.0f} Ω (γ = {gam:g}): the film is not "
                                 "superconducting; lower R_sq or check T_c0, γ")
        else:
            raise InputError(f"give T_c (--tc) or the gap (--gap), or --tc0 and --gamma for Finkel'stein's T_c(R_sq) "
                             f"({mat.name} has no sourced T_c0, γ)")

    if R > R_Q / 2:
        warnings.append(f"R_sq = {R:.0f} Ω is above R_Q/2 = {R_Q / 2:.0f} Ω: {SIT_WARNING}")
    elif mat.critical_R_sq_ohm.min is not None and R >= mat.critical_R_sq_ohm.min:
        warnings.append(f"R_sq = {R:.0f} Ω reaches {mat.name}'s critical range (≥ {mat.critical_R_sq_ohm.min:.0f} Ω): "
                        f"{SIT_WARNING}")
    if gam is not None and R > 0.8 * finkelstein_critical_resistance(gam) and R <= R_Q / 2:
        warnings.append(f"R_sq = {R:.0f} Ω is above 80 % of the Finkel'stein critical resistance "
                        f"{finkelstein_critical_resistance(gam):.0f} Ω: {SIT_WARNING}")
    lo, hi = mat.gap_ratio.min, mat.gap_ratio.max
    if (lo is not None and alpha < 0.9 * lo) or (hi is not None and alpha > 1.1 * hi):
        warnings.append(f"gap ratio Δ0/k_BT_c = {alpha:.3g} is far outside {mat.name}'s range "
                        f"[{lo if lo is not None else '?'}, {hi if hi is not None else '?'}] ({mat.gap_ratio.source})")
    D = diffusion_m2_per_s
    if D is None and mat.diffusion_cm2_per_s.value is not None:
        D = mat.diffusion_cm2_per_s.value * 1e-4
    return Film(material=mat, R_sq_ohm=R, Tc_K=float(Tc), gap_ratio=float(alpha), thickness_m=thickness_m,
                Tc_source=source, diffusion_m2_per_s=D, Tc0_K=Tc0, gamma=gam, warnings=tuple(warnings))
