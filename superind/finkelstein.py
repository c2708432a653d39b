"""Disorder-driven suppression of superconductivity in films: Finkel'stein's T_c(R_sq) in closed form with its exact
critical resistance, and the Skvortsov–Feigel'man mesoscopic T_c spread. SI units; docs/theory/film.md.
"""
from __future__ import annotations

import math

import numpy as np

from .constants import R_K
from .errors import InputError


def finkelstein_r(R_sq_ohm):
    """Dimensionless sheet resistance r = e²R_sq/(2π²ħ) = R_sq/(π R_K) (Finkel'stein, Physica B 197, 636 (1994))."""
    return np.asarray(R_sq_ohm, dtype=float) / (math.pi * R_K)


def finkelstein_critical_r(gamma: float) -> float:
    """Exact zero of Finkel'stein's T_c: √(r_c/2) = 1 − √(1 − 2/γ), r_c = 2(1 − √(1 − 2/γ))². Needs γ > 2."""
    if not gamma > 2:
        raise InputError(f"gamma = {gamma:g}: Finkel'stein's formula needs γ = ln(ħ/k_BT_c0τ) > 2")
    return 2.0 * (1.0 - math.sqrt(1.0 - 2.0 / gamma)) ** 2


def finkelstein_critical_resistance(gamma: float) -> float:
    """Critical sheet resistance R_c = π R_K r_c [Ω] at which Finkel'stein's T_c vanishes (4575 Ω at γ = 6.5)."""
    return math.pi * R_K * finkelstein_critical_r(gamma)


def finkelstein_tc(R_sq_ohm, Tc0_K: float, gamma: float):
    """T_c [K] of a homogeneously disordered film (Finkel'stein, JETP Lett. 45, 46 (1987)):

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

    Skvortsov & Feigel'man, PRL 95, 057002 (2005), in the form quoted by Sacépé, Feigel'man & Klapwijk, Nat. Phys.
    16, 734 (2020); prefactor and power not checked against the primary paper — an order of magnitude.
    """
    g = R_K / R_sq_ohm
    g_c = 1.0 / (math.pi * finkelstein_critical_r(gamma))
    return 0.4 / (g * (g - g_c)) if g > g_c else math.inf
