"""Film conductivity and losses, junction quasiparticle helpers, Ambegaokar–Baratoff with Δ(T)."""
import math

import numpy as np
import pytest
from scipy.integrate import quad
from scipy.optimize import brentq
from scipy.special import k0, k0e

from superind import InputError, make_film
from superind.constants import BCS_GAP_RATIO, e, h, k_B
from superind.junction import Junction, ambegaokar_baratoff_critical_current
from superind.losses import (
    ALUMINIUM_GAP_J,
    inductive_quality_factor,
    junction_quasiparticle_admittance,
    junction_quasiparticle_gap_J,
    quasiparticle_dos,
    quasiparticle_loss_tangent,
    quasiparticle_Q,
    sigma1_over_sigma_n,
    thermal_x_qp,
)

DELTA = 1e-23  # J; the checks below are in units of Δ



def _f_T(w, tau):
    """(f [Hz], T [K]) for ħω = wΔ and k_BT = τΔ."""
    return w * DELTA / h, tau * DELTA / k_B


@pytest.mark.parametrize("tau,w", [(0.02, 0.02), (0.03, 0.05)])
def test_sigma1_approaches_the_low_temperature_mattis_bardeen_limit(tau, w):
    # k_BT, ħω ≪ Δ: σ1/σn = (4Δ/ħω) e^{−Δ/k_BT} sinh(ħω/2k_BT) K0(ħω/2k_BT) (Mattis & Bardeen 1958; Zmuidzinas,
    # Annu. Rev. CMP 3, 169 (2012), Eq. 20); corrections are O(k_BT/Δ, ħω/Δ), a few per cent here
    limit = 4 / w * math.exp(-1 / tau) * math.sinh(w / (2 * tau)) * k0(w / (2 * tau))
    assert sigma1_over_sigma_n(*_f_T(w, tau), DELTA) == pytest.approx(limit, rel=0.03)


def test_quasiparticle_loss_tangent_is_the_mattis_bardeen_limit_in_x_qp():
    # For k_BT ≪ ħω ≪ Δ the thermal MB σ1 above, written with x_qp = √(2πk_BT/Δ) e^{−Δ/k_BT} and σ2/σn = πΔ/ħω,
    # becomes σ1/σ2 = (x_qp/π)√(2Δ/ħω) (Catelani et al. 2011). Here τ/w = 0.02 and w = 0.01: agreement to ~1 %.
    w, tau = 0.01, 2e-4
    z = w / (2 * tau)
    # σ1/σ2 / x_qp = (4/w) sinh(z) K0(z) / (π/w) / √(2πτ), without the common e^{−1/τ}
    ratio_mb = 4 / math.pi * (1 - math.exp(-2 * z)) / 2 * k0e(z) / math.sqrt(2 * math.pi * tau)
    assert quasiparticle_loss_tangent(1.0, *_f_T(w, tau)[:1], DELTA) == pytest.approx(ratio_mb, rel=0.015)
    assert thermal_x_qp(_f_T(w, 0.05)[1], DELTA) == pytest.approx(math.sqrt(2 * math.pi * 0.05) * math.exp(-20))


def test_film_quasiparticle_q_and_its_frequency_power_law():
    f = make_film("TiN", 1500, Tc=2.0)
    # 1/Q = (x_qp/π)√(2Δ/hf): Δ/h = 1.764 k_B 2 K/h = 73.51 GHz, f = 5 GHz, x_qp = 1e-6 → Q = 5.793e5
    q = quasiparticle_Q(f, 5e9, 1e-6)
    alpha = 1.763877  # TiN's stored gap ratio (BCS to 7 digits)
    assert q == pytest.approx(1 / (1e-6 / math.pi * math.sqrt(2 * alpha * k_B * 2.0 / (h * 5e9))), rel=1e-12)
    assert q == pytest.approx(5.793e5, rel=1e-3)
    # the power law Q ∝ f^{1/2} is the same physics at fixed x_qp
    assert inductive_quality_factor(8e9, q, 5e9) == pytest.approx(quasiparticle_Q(f, 8e9, 1e-6), rel=1e-12)


@pytest.mark.parametrize("zeta", [0.1, 0.5])
def test_pair_broken_density_of_states(zeta):
    # Abrikosov–Gor'kov / Skalski et al. (1964): N(E) = 0 below Ω_g = Δ(1 − ζ^{2/3})^{3/2}, > 0 above;
    # and states are conserved: ∫_0^∞ [N(E)/N0 − 1] dE = 0 (here to 60Δ, whose BCS-like tail adds −1/120)
    edge = (1 - zeta ** (2 / 3)) ** 1.5
    assert quasiparticle_dos(0.999 * edge, zeta) < 1e-6 < 0.01 < quasiparticle_dos(1.001 * edge, zeta)
    missing = quad(lambda x: quasiparticle_dos(x, zeta) - 1, 0, 60, points=[edge, 1], limit=400)[0]
    assert missing == pytest.approx(-1 / 120, abs=2e-4)


def test_weak_pair_breaking_sigma1_tends_to_mattis_bardeen():
    f, T = _f_T(0.03, 0.03)
    assert sigma1_over_sigma_n(f, T, DELTA, zeta=1e-6) == pytest.approx(sigma1_over_sigma_n(f, T, DELTA), rel=0.01)
    with pytest.raises(InputError, match="pair-breaking threshold"):
        sigma1_over_sigma_n(*_f_T(2.1, 0.03), DELTA)


# ---------------------------------------------------------------------------------------------- junction


def test_junction_quasiparticle_gap_is_the_junctions_own():
    # Al: 1.764 k_B × 1.2 K = 182.4 µeV, not scqubits' default Delta = 340 µeV
    assert ALUMINIUM_GAP_J / e == pytest.approx(182.4e-6, rel=1e-3)
    assert junction_quasiparticle_gap_J() == ALUMINIUM_GAP_J
    j = Junction.from_normal_resistance(10e3, 200e-6 * e)
    assert junction_quasiparticle_gap_J(j) == 200e-6 * e


def test_junction_quasiparticle_admittance_agrees_with_scqubits():
    import scqubits as scq

    scq.settings.T1_DEFAULT_WARNING = False
    q = scq.Fluxonium(EJ=8.9, EC=2.5, EL=0.5, flux=0.3, cutoff=40)
    ours = q.t1_quasiparticle_tunneling(
        Y_qp=lambda om, T: junction_quasiparticle_admittance(abs(om) * 1e9 / (2 * math.pi), T, 3e-6, 8.9), T=0.015)
    theirs = q.t1_quasiparticle_tunneling(Delta=ALUMINIUM_GAP_J / e, x_qp=3e-6, T=0.015)
    assert ours == pytest.approx(theirs, rel=1e-9)


def _independent_bcs_gap(T, Tc):
    """Δ(T) from the weak-coupling gap equation with a Debye cutoff ħω_D = 300 k_BT_c, λ fixed by T_c."""
    wD = 300 * k_B * Tc
    inv_lam = quad(lambda x: math.tanh(x / (2 * k_B * Tc)) / x, 0, wD, limit=400)[0]

    def gap_eq(d):
        return quad(lambda x: math.tanh(math.hypot(x, d) / (2 * k_B * T)) / math.hypot(x, d), 0, wD,
                    limit=400)[0] - inv_lam

    return brentq(gap_eq, 1e-3 * k_B * Tc, 2 * k_B * Tc, xtol=1e-30, rtol=1e-12)


def test_ambegaokar_baratoff_with_the_bcs_gap_at_finite_temperature():
    # Δ0 = 182.4 µeV → T_c = Δ0/1.764k_B = 1.2 K; at 0.6 K, I_c R_n = (πΔ(T)/2e) tanh(Δ(T)/2k_BT)
    d0, Rn, T = 182.4e-6 * e, 10e3, 0.6
    Tc = d0 / (BCS_GAP_RATIO * k_B)
    d = _independent_bcs_gap(T, Tc) * d0 / _independent_bcs_gap(0.01 * Tc, Tc)  # normalised to Δ0 like the code
    ref = math.pi * d / (2 * e * Rn) * math.tanh(d / (2 * k_B * T))
    assert ambegaokar_baratoff_critical_current(Rn, d0, T) == pytest.approx(ref, rel=1e-3)
    assert ambegaokar_baratoff_critical_current(Rn, d0, 0.0) == pytest.approx(28.653e-9, rel=1e-4)  # πΔ0/2eR_n
    with pytest.raises(InputError, match="not below"):
        ambegaokar_baratoff_critical_current(Rn, d0, 1.3)
    assert Junction.from_normal_resistance(Rn, d0, T, Tc_K=1.2).I_c_A == pytest.approx(ref, rel=1e-3)


def test_inductive_quality_factor_accepts_arrays():
    q = inductive_quality_factor(np.array([1e9, 4e9]), 1e5, 1e9)
    assert q[1] / q[0] == pytest.approx(2.0)
