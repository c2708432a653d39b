"""Noise channels of the 0–1 transition from its matrix elements: relaxation by Fermi's golden rule and 1/f
dephasing to first order, in seconds.

The formulas and defaults are those of scqubits 4.3.1's noise module (P. Groszkowski and J. Koch, Quantum 5, 583
(2021); W. C. Smith et al., npj Quantum Inf. 6, 8 (2020)), written against our own eigenstates so that a design
need not import scqubits. Every T1 is "total" as in scqubits: the sum of the down- and up-rates, which for a
spectral density S(ω) obeying detailed balance is the symmetrised one,

    Γ1 = |⟨1|A|0⟩|² [S(ω) + S(−ω)] = |⟨1|A|0⟩|² S̄(ω) coth(ħω/2k_BT),   ω = 2πf01,

with S̄ the channel's classical strength below. One difference on purpose: 1/f critical-current noise is relative
(δE_J = A_cc·E_J), so its rate carries the factor E_J that scqubits' ``tphi_1_over_f_cc`` leaves out (scqubits' rate
is ours divided by E_J/h in GHz). ``docs/theory/qubits.md`` (Coherence channels) lists the channels per qubit.
Dephasing to first order in any noisy parameter (:func:`tphi_first_order_s`) and the totals (:func:`combine_times`,
:func:`coherence_times`) live here too.
"""
from __future__ import annotations

import math
from typing import Optional

import numpy as np

from ..constants import R_K, e, h, hbar, k_B
from .spectrum import NOISE_DEFAULTS

#: scqubits' capacitive quality factor Q_cap(ω) = 1e6·(2π·6 GHz/ω)^0.7 (Smith et al. 2020)
Q_CAP_REF, Q_CAP_F_REF_HZ, Q_CAP_EXPONENT = 1e6, 6e9, 0.7


def element_01(vectors, op) -> complex:
    """⟨1|A|0⟩ between the eigenvectors in columns 0 and 1 (A dense or sparse, in their basis)."""
    return complex(vectors[:, 1].conj() @ (op @ vectors[:, 0]))


def shift_01(vectors, op) -> float:
    """⟨1|A|1⟩ − ⟨0|A|0⟩: for A = ∂H/∂λ, the sensitivity ∂f01/∂λ (Hellmann–Feynman) that 1/f noise in λ dephases."""
    return float(np.real(vectors[:, 1].conj() @ (op @ vectors[:, 1]) - vectors[:, 0].conj() @ (op @ vectors[:, 0])))


def _coth_half(f_Hz: float, T_K: float) -> float:
    """coth(hf/2k_BT): (emission + absorption) over spontaneous emission; 1 at T = 0."""
    return 1.0 if T_K == 0 else 1.0 / math.tanh(h * f_Hz / (2 * k_B * T_K))


def _time_s(rate_per_s: float) -> float:
    return math.inf if rate_per_s == 0 else 1.0 / rate_per_s


def q_cap(f_Hz: float) -> float:
    """scqubits' default dielectric quality factor 1e6·(6 GHz/f)^0.7 (Smith et al. 2020)."""
    return Q_CAP_REF * (Q_CAP_F_REF_HZ / f_Hz) ** Q_CAP_EXPONENT


def t1_capacitive_s(n01: complex, f01_Hz: float, E_C_GHz: float, T_K: float, Q_cap: Optional[float] = None) -> float:
    """Dielectric loss of the capacitance: Γ = |⟨1|n|0⟩|²·2π·16E_C/Q_cap(ω)·coth(ħω/2k_BT), E_C in Hz,
    n = charge/2e; Q_cap None: :func:`q_cap` (scqubits ``t1_capacitive``)."""
    Q = q_cap(f01_Hz) if Q_cap is None else Q_cap
    return _time_s(abs(n01) ** 2 * 2 * math.pi * 16 * E_C_GHz * 1e9 / Q * _coth_half(f01_Hz, T_K))


def t1_inductive_s(phi01: complex, f01_Hz: float, E_L_GHz: float, T_K: float, Q_ind: float) -> float:
    """Loss in the inductor: Γ = |⟨1|φ|0⟩|²·2π·2E_L/Q_ind·coth(ħω/2k_BT), E_L in Hz (scqubits ``t1_inductive``)."""
    return _time_s(abs(phi01) ** 2 * 2 * math.pi * 2 * E_L_GHz * 1e9 / Q_ind * _coth_half(f01_Hz, T_K))


def t1_quasiparticle_s(sin_half01: complex, f01_Hz: float, E_J_GHz: float, T_K: float,
                       Delta_eV: float = NOISE_DEFAULTS["Delta_eV"], x_qp: float = NOISE_DEFAULTS["x_qp"]) -> float:
    """Quasiparticles tunnelling across the junction: Γ = |⟨1|sin(φ_J/2)|0⟩|²·(2ħω/e²)·Re Y_qp(ω)·coth(ħω/2k_BT),

        Re Y_qp = √(2/π)·(8/R_K)·(E_J/Δ)·(2Δ/hf)^{3/2}·x_qp·√(ħω/2k_BT)·K0(ħω/2k_BT)·sinh(ħω/2k_BT),

    φ_J the junction's phase, Δ the gap of its electrodes (Smith et al. 2020, Eq. S23; Catelani et al., PRB 84,
    064517 (2011); scqubits ``t1_quasiparticle_tunneling``)."""
    from scipy.special import k0

    x = h * f01_Hz / (2 * k_B * T_K)
    Delta_Hz = Delta_eV * e / h
    re_y = (math.sqrt(2 / math.pi) * (8 / R_K) * (E_J_GHz * 1e9 / Delta_Hz) * (2 * Delta_Hz / f01_Hz) ** 1.5 * x_qp
            * math.sqrt(x) * k0(x) * math.sinh(x))
    return _time_s(abs(sin_half01) ** 2 * 2 * hbar * 2 * math.pi * f01_Hz / e**2 * re_y / math.tanh(x))


def t1_flux_bias_line_s(dH_dflux01_GHz: complex, f01_Hz: float, T_K: float,
                        M_Phi0_per_A: float = NOISE_DEFAULTS["M_Phi0_per_A"],
                        R_ohm: float = NOISE_DEFAULTS["R_bias_ohm"]) -> float:
    """Johnson current noise of a flux line of resistance R through the mutual M: Γ = |⟨1|∂H/∂(Φ/Φ0)|0⟩|²·(2π)²
    ·M²·2ħω/R·coth(ħω/2k_BT), ∂H/∂(Φ/Φ0) in Hz (Koch et al., PRA 76, 042319 (2007); scqubits ``t1_flux_bias_line``)."""
    omega = 2 * math.pi * f01_Hz
    return _time_s(abs(dH_dflux01_GHz * 1e9) ** 2 * (2 * math.pi) ** 2 * M_Phi0_per_A**2 * 2 * hbar * omega / R_ohm
                   * _coth_half(f01_Hz, T_K))


def tphi_critical_current_s(dE01_dEJ: float, E_J_GHz: float, A_cc: float = NOISE_DEFAULTS["A_cc_relative"]) -> float:
    """1/f critical-current dephasing with relative noise δE_J = A_cc·E_J: :func:`tphi_first_order_s` of the
    sensitivity E_J·∂f01/∂E_J (scqubits ``tphi_1_over_f_cc`` without the factor E_J, see the module docstring)."""
    return tphi_first_order_s(E_J_GHz * dE01_dEJ, A_cc)


def tphi_first_order_s(dE01_dlambda_GHz: float, A: float = NOISE_DEFAULTS["A_flux_Phi0"]) -> float:
    """1/f dephasing time T_φ [s] to first order in a noisy parameter λ (flux Φ/Φ0 by default, offset charge, …).

    Γ_φ = 2π A |∂f01/∂λ| sqrt(2|ln(ω_low t_exp)|), ω_low = 2π·1 Hz, t_exp = 10 µs, A the noise amplitude in units
    of λ, ∂f01/∂λ in GHz per unit of λ — the same formula and defaults as scqubits ``tphi_1_over_f`` (Groszkowski
    et al., NJP 20, 043053 (2018), Eq. (13)). Infinite at a sweet spot (second order then limits).
    """
    log_term = abs(math.log(NOISE_DEFAULTS["omega_low_rad_per_s"] * NOISE_DEFAULTS["t_exp_s"]))
    return _time_s(2 * math.pi * A * abs(dE01_dlambda_GHz) * 1e9 * math.sqrt(2 * log_term))


def combine_times(times_s: dict[str, float]) -> float:
    """Total time from independent channels: 1/T = Σ 1/T_i [s]. A channel of time 0 (an infinite rate) makes the
    total 0 — it never drops out; None (not computed) and ∞ (no decay) add no rate."""
    times = [t for t in times_s.values() if t is not None and not math.isinf(t)]
    if any(t <= 0 for t in times):
        return 0.0
    return _time_s(sum(1.0 / t for t in times))


def coherence_times(t1_s: dict[str, float], tphi_s: dict[str, float]) -> dict:
    """``T1_s``, ``Tphi_s`` (1/T = Σ 1/T_i per kind), ``T2_s`` = 1/(1/2T1 + 1/T_φ) and the channels, in seconds."""
    T1, Tphi = combine_times(t1_s), combine_times(tphi_s)
    return {"T1_s": T1, "Tphi_s": Tphi, "T2_s": combine_times({"T1/2": 2 * T1, "Tphi": Tphi}), "T1_channels_s": t1_s,
            "Tphi_channels_s": tphi_s}
