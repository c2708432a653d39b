"""Named physical constants (CODATA via scipy.constants) and the resistance quanta.

CODATA 2022 (scipy.constants); docs/index.md (conventions). All values SI. ``R_Q = h/4e²`` is the superinductor / phase-slip /
Ambegaokar–Baratoff resistance quantum; ``R_K = h/e²`` is used only for the Finkel'stein
dimensionless conductance g = R_K/R_sq.
"""
from math import exp, pi

from scipy import constants as _c

e = _c.e
h = _c.h
hbar = _c.hbar
k_B = _c.k
c = _c.c
mu_0 = _c.mu_0
epsilon_0 = _c.epsilon_0
euler_gamma = 0.5772156649015329

Phi0 = h / (2 * e)  #: flux quantum [Wb]
phi0_reduced = hbar / (2 * e)  #: reduced flux quantum Φ0/2π [Wb]
R_Q = h / (4 * e**2)  #: 6453.2 Ω, superconducting resistance quantum
R_K = h / e**2  #: 25 812.8 Ω, von Klitzing constant
BCS_GAP_RATIO = pi * exp(-euler_gamma)  #: Δ0/k_BT_c = π e^{-γ_E} = 1.763877 (weak-coupling BCS)
GHz = 1e9 * h  #: one GHz of energy (E/h) in joules


def joule_to_ghz(energy_J: float) -> float:
    """Energy in J → E/h in GHz."""
    return energy_J / GHz


def ghz_to_joule(energy_GHz: float) -> float:
    """E/h in GHz → energy in J."""
    return energy_GHz * GHz


def inductive_energy_GHz(L_H: float) -> float:
    """E_L = (Φ0/2π)²/L as E/h in GHz (scqubits convention; 163.4615 GHz·nH / L)."""
    return phi0_reduced**2 / L_H / GHz


def fluxoid_energy_GHz(L_H: float) -> float:
    """E_L^fluxoid = Φ0²/2L as E/h in GHz (Mooij–Harmans / phase-slip convention) = 2π² E_L."""
    return Phi0**2 / (2 * L_H) / GHz
