"""A Josephson junction: E_J from the critical current or from R_n (Ambegaokar–Baratoff with the BCS Δ(T)), E_C.

Conventions (docs/theory/junction.md): E_J = (Φ0/2π) I_c, E_C = e²/2C, energies E/h in GHz, everything else SI.
R_Q = h/4e² (6453.2 Ω).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

from .constants import BCS_GAP_RATIO, GHz, e, k_B, phi0_reduced
from .errors import InputError
from .bcs import bcs_gap_fraction
from .units import check_value, quantities, si_fields


def ambegaokar_baratoff_critical_current(R_n_ohm: float, delta_J: float, T_K: float = 0.0,
                                         Tc_K: Optional[float] = None) -> float:
    """Critical current I_c [A] of a tunnel junction from its normal resistance and its own gap Δ0 = Δ(T = 0).

    I_c R_n = (πΔ(T)/2e) tanh(Δ(T)/2k_BT) with the exact BCS Δ(T) = Δ0 Δ_BCS(T/T_c)/Δ_BCS(0); T_c is the junction
    electrodes' (default Δ0/1.764k_B, BCS). At T = 0: E_J = (R_Q/2R_n) Δ0, R_Q = h/4e² (Δ0 = 182.4 µeV, 10 kΩ →
    28.65 nA). Ambegaokar & Baratoff, PRL 10, 486 (1963); BCS, Phys. Rev. 108, 1175 (1957).
    """
    check_value(R_n_ohm, "junction R_n")
    check_value(delta_J, "junction gap Δ")
    check_value(T_K, "temperature", positive=False)
    if T_K < 0:
        raise InputError(f"temperature: must be ≥ 0 K, got {T_K:g} K")
    if T_K == 0:
        return math.pi * delta_J / (2 * e * R_n_ohm)
    Tc = check_value(Tc_K, "junction T_c") if Tc_K is not None else delta_J / (BCS_GAP_RATIO * k_B)
    if T_K >= Tc:
        raise InputError(f"temperature {T_K:g} K is not below the junction's T_c = {Tc:.4g} K: no supercurrent")
    gap = delta_J * bcs_gap_fraction(T_K / Tc)
    return math.pi * gap / (2 * e * R_n_ohm) * math.tanh(gap / (2 * k_B * T_K))


@quantities(C_F="capacitance")
def charging_energy_GHz(C_F: float) -> float:
    """E_C/h [GHz] = e²/(2C h) of a capacitance C [F] (E_C = e²/2C; 19.3702 GHz at 1 fF)."""
    check_value(C_F, "capacitance")
    return e**2 / (2 * C_F) / GHz


@quantities(E_C_GHz="energy")
def capacitance_for_charging_energy(E_C_GHz: float) -> float:
    """C [F] = e²/(2 h E_C) for a charging energy E_C/h in GHz (convention E_C = e²/2C)."""
    check_value(E_C_GHz, "E_C")
    return e**2 / (2 * E_C_GHz * GHz)


@dataclass(frozen=True)
class Junction:
    """A Josephson junction: critical current I_c [A], optionally its capacitance C [F] and gap Δ [J].

    E_J = (Φ0/2π) I_c and E_C = e²/2C, both E/h in GHz (0.496684 GHz per nA, 19.3702 GHz·fF; Koch et al., PRA 76,
    042319 (2007) conventions). Build it with :meth:`from_critical_current`, :meth:`from_normal_resistance` or
    :meth:`from_energies`.
    """

    I_c_A: float
    C_F: Optional[float] = None
    delta_J: Optional[float] = None

    def __repr__(self) -> str:
        from .format import eng, ghz

        c = f", C={eng(self.C_F, 'F')} (E_C={ghz(self.E_C_GHz)})" if self.C_F is not None else ""
        return f"Junction(I_c={eng(self.I_c_A, 'A')} (E_J={ghz(self.E_J_GHz)}){c})"

    def __post_init__(self):
        si_fields(self, I_c_A="current", C_F="capacitance")
        check_value(self.I_c_A, "junction critical current I_c")
        if self.C_F is not None:
            check_value(self.C_F, "junction capacitance C")

    @classmethod
    @quantities(I_c_A="current", C_F="capacitance")
    def from_critical_current(cls, I_c_A: float, C_F: Optional[float] = None) -> "Junction":
        """A junction with critical current I_c [A] and capacitance C [F] (E_J = (Φ0/2π) I_c, §4.1)."""
        return cls(I_c_A, C_F)

    @classmethod
    @quantities(R_n_ohm="resistance", delta_J="energy_J", T_K="temperature", C_F="capacitance", Tc_K="temperature")
    def from_normal_resistance(cls, R_n_ohm: float, delta_J: float, T_K: float = 0.0,
                               C_F: Optional[float] = None, Tc_K: Optional[float] = None) -> "Junction":
        """A junction from its normal resistance R_n [Ω] and its own gap Δ0 [J] by Ambegaokar–Baratoff.

        I_c = (πΔ(T)/2eR_n) tanh(Δ(T)/2k_BT) with the BCS Δ(T) of electrodes of critical temperature T_c
        (default Δ0/1.764k_B); E_J = (R_Q/2R_n) Δ0 at T = 0 (R_Q = h/4e²; Ambegaokar & Baratoff 1963).
        """
        return cls(ambegaokar_baratoff_critical_current(R_n_ohm, delta_J, T_K, Tc_K), C_F, delta_J)

    @classmethod
    @quantities(E_J_GHz="energy", E_C_GHz="energy")
    def from_energies(cls, E_J_GHz: float, E_C_GHz: Optional[float] = None) -> "Junction":
        """A junction with E_J/h and (optionally) E_C/h in GHz: I_c = 2π h E_J/Φ0, C = e²/2E_C."""
        check_value(E_J_GHz, "E_J")
        C = capacitance_for_charging_energy(E_C_GHz) if E_C_GHz is not None else None
        return cls(E_J_GHz * GHz / phi0_reduced, C)

    @property
    def E_J_GHz(self) -> float:
        """E_J/h [GHz] = (Φ0/2π) I_c / h."""
        return phi0_reduced * self.I_c_A / GHz

    @property
    def E_C_GHz(self) -> float:
        """E_C/h [GHz] = e²/(2C h) of the junction's own capacitance (needs C)."""
        if self.C_F is None:
            raise InputError("the junction has no capacitance; give its C (e.g. --C '7.75 fF') or E_C (--EC)")
        return charging_energy_GHz(self.C_F)

    @property
    def L_J_H(self) -> float:
        """Josephson inductance L_J = (Φ0/2π)/I_c [H] (329.106 nH/I_c[nA])."""
        return phi0_reduced / self.I_c_A
