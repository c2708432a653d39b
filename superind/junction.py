"""A Josephson junction: E_J from the critical current or from R_n (Ambegaokar–Baratoff), E_C from C.

Conventions (PHYSICS.md §4.1–4.2, DESIGN.md): E_J = (Φ0/2π) I_c, E_C = e²/2C, energies E/h in GHz,
everything else SI. R_Q = h/4e² (6453.2 Ω).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

from .constants import GHz, e, k_B, phi0_reduced
from .errors import InputError
from .units import check_value


def ambegaokar_baratoff_critical_current(R_n_ohm: float, delta_J: float, T_K: float = 0.0) -> float:
    """Critical current I_c [A] of a tunnel junction from its normal resistance and its own gap Δ.

    I_c R_n = (πΔ/2e) tanh(Δ/2k_BT); at T = 0 this is E_J = (R_Q/2R_n) Δ with R_Q = h/4e².
    Ambegaokar & Baratoff, PRL 10, 486 (1963); PHYSICS.md §4.2 (Δ = 182.4 µeV, 10 kΩ → 28.65 nA).
    """
    check_value(R_n_ohm, "junction R_n")
    check_value(delta_J, "junction gap Δ")
    check_value(T_K, "temperature", positive=False)
    if T_K < 0:
        raise InputError(f"temperature: must be ≥ 0 K, got {T_K:g} K")
    thermal = 1.0 if T_K == 0 else math.tanh(delta_J / (2 * k_B * T_K))
    return math.pi * delta_J / (2 * e * R_n_ohm) * thermal


def charging_energy_GHz(C_F: float) -> float:
    """E_C/h [GHz] = e²/(2C h) of a capacitance C [F] (E_C = e²/2C; 19.3702 GHz at 1 fF, PHYSICS.md §6.3)."""
    check_value(C_F, "capacitance")
    return e**2 / (2 * C_F) / GHz


def capacitance_for_charging_energy(E_C_GHz: float) -> float:
    """C [F] = e²/(2 h E_C) for a charging energy E_C/h in GHz (convention E_C = e²/2C, PHYSICS.md §4.1)."""
    check_value(E_C_GHz, "E_C")
    return e**2 / (2 * E_C_GHz * GHz)


@dataclass(frozen=True)
class Junction:
    """A Josephson junction: critical current I_c [A], optionally its capacitance C [F] and gap Δ [J].

    E_J = (Φ0/2π) I_c and E_C = e²/2C, both E/h in GHz (PHYSICS.md §4.1; 0.496684 GHz per nA,
    19.3702 GHz·fF). Build it with :meth:`from_critical_current`, :meth:`from_normal_resistance` or
    :meth:`from_energies`.
    """

    I_c_A: float
    C_F: Optional[float] = None
    delta_J: Optional[float] = None

    def __post_init__(self):
        check_value(self.I_c_A, "junction critical current I_c")
        if self.C_F is not None:
            check_value(self.C_F, "junction capacitance C")

    @classmethod
    def from_critical_current(cls, I_c_A: float, C_F: Optional[float] = None) -> "Junction":
        """A junction with critical current I_c [A] and capacitance C [F] (E_J = (Φ0/2π) I_c, §4.1)."""
        return cls(I_c_A, C_F)

    @classmethod
    def from_normal_resistance(cls, R_n_ohm: float, delta_J: float, T_K: float = 0.0,
                               C_F: Optional[float] = None) -> "Junction":
        """A junction from its normal resistance R_n [Ω] and its own gap Δ [J] by Ambegaokar–Baratoff.

        I_c = (πΔ/2eR_n) tanh(Δ/2k_BT), i.e. E_J = (R_Q/2R_n) Δ at T = 0 (R_Q = h/4e²; PHYSICS.md §4.2).
        """
        return cls(ambegaokar_baratoff_critical_current(R_n_ohm, delta_J, T_K), C_F, delta_J)

    @classmethod
    def from_energies(cls, E_J_GHz: float, E_C_GHz: Optional[float] = None) -> "Junction":
        """A junction with E_J/h and (optionally) E_C/h in GHz: I_c = 2π h E_J/Φ0, C = e²/2E_C (§4.1)."""
        check_value(E_J_GHz, "E_J")
        C = capacitance_for_charging_energy(E_C_GHz) if E_C_GHz is not None else None
        return cls(E_J_GHz * GHz / phi0_reduced, C)

    @property
    def E_J_GHz(self) -> float:
        """E_J/h [GHz] = (Φ0/2π) I_c / h (PHYSICS.md §4.1)."""
        return phi0_reduced * self.I_c_A / GHz

    @property
    def E_C_GHz(self) -> float:
        """E_C/h [GHz] = e²/(2C h) of the junction's own capacitance (needs C)."""
        if self.C_F is None:
            raise InputError("the junction has no capacitance; give its C (e.g. --C '7.75 fF') or E_C (--EC)")
        return charging_energy_GHz(self.C_F)

    @property
    def L_J_H(self) -> float:
        """Josephson inductance L_J = (Φ0/2π)/I_c [H] (329.106 nH/I_c[nA], PHYSICS.md §6.3)."""
        return phi0_reduced / self.I_c_A
