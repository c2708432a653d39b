"""Josephson-junction-chain superinductor: the alternative to a film wire, with the same result names.

docs/theory/jjchain.md (Masluk et al. PRL 109, 137002 (2012); Manucharyan et al. Science 326, 113 (2009); Kuzmin et al.
Nat. Phys. 15, 930 (2019)) and Matveev–Larkin–Glazman, PRL 89, 096802 (2002) for the phase-slip amplitude.
SI inside; energies E/h in GHz; E_J = (Φ0/2π) I_c, E_C = e²/2C_J, E_L = (Φ0/2π)²/L (scqubits).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .constants import GHz, R_Q, fluxoid_energy_GHz, inductance_H, inductive_energy_GHz, phi0_reduced
from .errors import InputError
from .units import check_value, quantities, si_fields


def mlg_phase_slip_GHz(E_J_GHz: float, E_C_GHz: float) -> float:
    """Phase-slip amplitude ν per junction [GHz] (Matveev, Larkin & Glazman, PRL 89, 096802 (2002); docs/theory/jjchain.md):

    ν = (4/√π)(8E_J³E_C)^{1/4} exp(−√(8E_J/E_C)), E_C = e²/2C_J. ν tunnels between adjacent 2π phase wells:
    band E(n_g) = −2ν cos 2πn_g (ν = ε_0/4 of Koch et al. 2007); asymptotic, 5–16 % high at E_J/E_C = 50–5.
    """
    return 4 / math.sqrt(math.pi) * (8 * E_J_GHz**3 * E_C_GHz) ** 0.25 * math.exp(-math.sqrt(8 * E_J_GHz / E_C_GHz))


@dataclass(frozen=True)
class JJChain:
    """N junctions (critical current ``I_c_A``, capacitance ``C_J_F``) with ground capacitance ``C_0_F`` per
    island and lattice constant ``a_m``. Build from E_J with :func:`chain_from_EJ`."""

    N: int
    I_c_A: float
    C_J_F: float
    C_0_F: float
    a_m: float = 1e-6

    def __repr__(self) -> str:
        from .format import eng

        return (f"JJChain(N={self.N}, I_c={eng(self.I_c_A, 'A')}, C_J={eng(self.C_J_F, 'F')}, "
                f"C_0={eng(self.C_0_F, 'F')}, a={eng(self.a_m, 'm')})")

    def __post_init__(self):
        si_fields(self, I_c_A="current", C_J_F="capacitance", C_0_F="capacitance", a_m="length")
        if int(self.N) != self.N or self.N < 1:
            raise InputError(f"N = {self.N}: a chain needs a positive whole number of junctions")
        for name, v in [("I_c", self.I_c_A), ("C_J", self.C_J_F), ("C_0", self.C_0_F), ("lattice constant", self.a_m)]:
            check_value(v, name)

    @property
    def L_J_H(self) -> float:
        """Junction inductance L_J = Φ0/(2π I_c) [H]."""
        return phi0_reduced / self.I_c_A

    @property
    def L_H(self) -> float:
        """Chain inductance N L_J [H] (linear regime)."""
        return self.N * self.L_J_H

    @property
    def E_J_GHz(self) -> float:
        return phi0_reduced * self.I_c_A / GHz

    @property
    def E_C_GHz(self) -> float:
        """E_C = e²/2C_J in GHz."""
        from .junction import charging_energy_GHz

        return charging_energy_GHz(self.C_J_F)

    @property
    def E_L_GHz(self) -> float:
        """(Φ0/2π)²/L in GHz (scqubits)."""
        return inductive_energy_GHz(self.L_H)

    @property
    def E_L_fluxoid_GHz(self) -> float:
        """Φ0²/2L in GHz (phase-slip convention)."""
        return fluxoid_energy_GHz(self.L_H)

    @property
    def f_plasma_Hz(self) -> float:
        """ω_p/2π = 1/(2π√(L_J C_J)) [Hz]."""
        return 1 / (2 * math.pi * math.sqrt(self.L_J_H * self.C_J_F))

    @property
    def screening_length(self) -> float:
        """Λ = √(C_J/C_0) in junctions."""
        return math.sqrt(self.C_J_F / self.C_0_F)

    @property
    def length_m(self) -> float:
        return self.N * self.a_m

    @property
    def Z_ohm(self) -> float:
        """Long-wavelength impedance √(L_J/C_0) [Ω]."""
        return math.sqrt(self.L_J_H / self.C_0_F)

    @property
    def Z_over_RQ(self) -> float:
        return self.Z_ohm / R_Q

    @property
    def v_m_per_s(self) -> float:
        """Long-wavelength velocity a/√(L_J C_0) [m/s]."""
        return self.a_m / math.sqrt(self.L_J_H * self.C_0_F)

    def dispersion_Hz(self, k) -> np.ndarray:
        """f(k) = f_p √[(1 − cos k)/(1 − cos k + C_0/2C_J)], k = wave-vector × a ∈ (0, π]."""
        k = np.asarray(k, dtype=float)
        return self.f_plasma_Hz * np.sqrt((1 - np.cos(k)) / (1 - np.cos(k) + self.C_0_F / (2 * self.C_J_F)))

    def modes_Hz(self, count: int | None = None) -> np.ndarray:
        """Modes of the chain as a superinductor sits in a circuit — one end grounded, the other end at the (small)
        qubit junction, open at the mode frequencies — the boundary conditions of a film wire's ``modes_Hz``:
        k_m = (2m−1)π/(2N+1), m = 1 … N (the first ``count``). The node capacitance C_0 + C_J·Λ and inverse
        inductance Λ/L_J share the lattice Laplacian Λ with these ends, so f(k) is the dispersion below exactly."""
        m = np.arange(1, (self.N if count is None else min(self.N, count)) + 1)
        return self.dispersion_Hz((2 * m - 1) * math.pi / (2 * self.N + 1))

    def modes_both_grounded_Hz(self, count: int | None = None) -> np.ndarray:
        """Standing modes of the chain grounded at both ends, k_m = mπ/N, m = 1 … N−1 (the first ``count``)."""
        m = np.arange(1, self.N if count is None else min(self.N, count + 1))
        return self.dispersion_Hz(m * math.pi / self.N)

    @property
    def f_self_Hz(self) -> float:
        """Lowest chain mode with one end grounded [Hz] (as a film wire's first self-resonance)."""
        return float(self.modes_Hz(1)[0])

    @property
    def phase_slip_GHz(self) -> float:
        """MLG amplitude ν per junction [GHz]."""
        return mlg_phase_slip_GHz(self.E_J_GHz, self.E_C_GHz)

    @property
    def phase_slip_chain_GHz(self) -> tuple[float, float]:
        """Chain amplitude (random island offset charges ~ √N ν, no offsets N ν) [GHz] (MLG 2002)."""
        return math.sqrt(self.N) * self.phase_slip_GHz, self.N * self.phase_slip_GHz

    @property
    def E_S_GHz(self) -> float:
        """E_S of the fluxoid Hamiltonian −(E_S/2)(|n⟩⟨n+1| + h.c.): 2 × √N ν (random offsets)."""
        return 2 * self.phase_slip_chain_GHz[0]

    def verdicts(self) -> list:
        """Verdict records of the chain: lumped only for N ≲ πΛ; the MLG formula needs E_J/E_C ≳ 5; Z > R_Q."""
        from .format import eng
        from .verdicts import Verdict

        out = []
        if self.N > math.pi * self.screening_length:
            out.append(Verdict("jjchain.not_lumped", "warning",
                               f"JJ chain: N = {self.N} exceeds πΛ = {math.pi * self.screening_length:.0f}: the lowest "
                               f"chain mode ({eng(self.f_self_Hz, 'Hz')}) falls below f_p/√2; the chain is not a "
                               "lumped inductor", "shorten the chain (fewer junctions) or raise its plasma frequency",
                               {"N": self.N, "screening_length_junctions": self.screening_length}))
        if self.E_J_GHz / self.E_C_GHz < 5:
            out.append(Verdict("jjchain.strong_phase_slips", "warning",
                               f"JJ chain: E_J/E_C = {self.E_J_GHz / self.E_C_GHz:.2g} < 5: phase slips are strong "
                               "and the MLG formula (asymptotic) is unreliable",
                               "raise E_J/E_C of the chain junctions (larger junctions)",
                               {"E_J_over_E_C": self.E_J_GHz / self.E_C_GHz}))
        if self.Z_ohm < R_Q:
            out.append(Verdict("jjchain.impedance", "warning",
                               f"JJ chain: impedance {eng(self.Z_ohm, 'Ω')} is below R_Q = {eng(R_Q, 'Ω')}",
                               "raise the chain's impedance (smaller C_0, larger L_J)", {"Z_ohm": self.Z_ohm}))
        return out

    def warnings(self) -> list[str]:
        """The messages of ``verdicts``."""
        return [v.message for v in self.verdicts()]


@quantities(E_J_GHz="energy", C_J_F="capacitance", C_0_F="capacitance", a_m="length")
def chain_from_EJ(N: int, E_J_GHz: float, C_J_F: float, C_0_F: float, a_m: float = 1e-6) -> JJChain:
    """A chain from the Josephson energy per junction E_J/h [GHz] (I_c = 2π E_J/Φ0)."""
    check_value(E_J_GHz, "E_J")
    return JJChain(N, E_J_GHz * GHz / phi0_reduced, C_J_F, C_0_F, a_m)


@quantities(L_H="inductance", E_J_GHz="energy", C_J_F="capacitance", C_0_F="capacitance", a_m="length")
def chain_for_inductance(L_H: float, E_J_GHz: float, C_J_F: float, C_0_F: float, a_m: float = 1e-6) -> JJChain:
    """The chain with N = round(L/L_J) junctions that best approximates ``L_H``."""
    check_value(L_H, "target inductance")
    L_J = inductance_H(E_J_GHz)
    return chain_from_EJ(max(1, round(L_H / L_J)), E_J_GHz, C_J_F, C_0_F, a_m)


