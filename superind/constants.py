"""Named physical constants (CODATA 2022, the values scipy.constants carries) and the resistance quanta.

Written out rather than imported from scipy.constants, whose import costs ~0.13 s of every command's start-up;
a test checks them against scipy.constants. docs/index.md (conventions). All values SI. ``R_Q = h/4e²`` is the superinductor / phase-slip /
Ambegaokar–Baratoff resistance quantum; ``R_K = h/e²`` is used only for the Finkel'stein
dimensionless conductance g = R_K/R_sq.
"""
from math import exp, pi

e = 1.602176634e-19  #: elementary charge [C] (exact since 2019)
h = 6.62607015e-34  #: Planck constant [J s] (exact)
hbar = h / (2 * pi)  #: reduced Planck constant [J s]
k_B = 1.380649e-23  #: Boltzmann constant [J/K] (exact)
c = 299792458.0  #: speed of light [m/s] (exact)
mu_0 = 1.25663706127e-06  #: vacuum permeability [H/m] (CODATA 2022)
epsilon_0 = 8.8541878188e-12  #: vacuum permittivity [F/m] (CODATA 2022)
euler_gamma = 0.5772156649015329

Phi0 = h / (2 * e)  #: flux quantum [Wb]
phi0_reduced = hbar / (2 * e)  #: reduced flux quantum Φ0/2π [Wb]
R_Q = h / (4 * e**2)  #: 6453.2 Ω, superconducting resistance quantum
R_K = h / e**2  #: 25 812.8 Ω, von Klitzing constant
BCS_GAP_RATIO = pi * exp(-euler_gamma)  #: Δ0/k_BT_c = π e^{-γ_E} = 1.763877 (weak-coupling BCS)
GHz = 1e9 * h  #: one GHz of energy (E/h) in joules
#: the dispersive-readout band [GHz] a qubit's superinductor must stay clear of (typical 4–8 GHz resonators)
READOUT_BAND_GHZ = (4.0, 8.0)


def inductive_energy_GHz(L_H: float) -> float:
    """E_L = (Φ0/2π)²/L as E/h in GHz (scqubits convention; 163.4615 GHz·nH / L)."""
    return phi0_reduced**2 / L_H / GHz


def inductance_H(E_GHz: float) -> float:
    """L = (Φ0/2π)²/(h·E) [H] of an inductive energy E/h in GHz: the inverse of ``inductive_energy_GHz`` (326.9 nH
    at 0.5 GHz); with E = E_J it is the Josephson inductance."""
    return phi0_reduced**2 / (E_GHz * GHz)


def fluxoid_energy_GHz(L_H: float) -> float:
    """E_L^fluxoid = Φ0²/2L as E/h in GHz (Mooij–Harmans / phase-slip convention) = 2π² E_L."""
    return Phi0**2 / (2 * L_H) / GHz
