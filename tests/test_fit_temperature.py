"""f0(T) fits: Mattis–Bardeen kinetic inductance with the exact BCS gap, and the TLS frequency shift.

Synthetic data come from the film model (``superind.film.Film``, the exact gap equation point by point) and the
LC relation f ∝ (L_geo + L_k)^{-1/2}; the checks are BCS limits and recovery of the parameters used."""
import math

import numpy as np
import pytest

from superind.constants import BCS_GAP_RATIO, h, k_B
from superind.film import make_film
from superind.fit import FitFailed
from superind.fit.temperature import fit_f0_vs_temperature, kinetic_inductance_ratio, tls_shift

TC, ALPHA, F0 = 1.2, 0.85, 6.0e9


def synthetic_f0(T, noise_Hz=1e3, seed=0, F_delta=0.0):
    """f0(T) = f0(0)/√(1 + α(L_k(T)/L_k(0) − 1)) with L_k from Film.sheet_kinetic_inductance, plus TLS and noise."""
    film = make_film("TiN", 1500.0, Tc=TC)
    ratio = np.array([film.sheet_kinetic_inductance(t) for t in T]) / film.sheet_kinetic_inductance(0.0)
    y = h * F0 / (2 * math.pi * k_B * T)
    from scipy.special import psi
    tls = F_delta / math.pi * (psi(0.5 + y / 1j).real - np.log(y))
    rng = np.random.default_rng(seed)
    return F0 / np.sqrt(1 + ALPHA * (ratio - 1)) * (1 + tls) + noise_Hz * rng.standard_normal(T.size), film


@pytest.mark.parametrize("t", [0.1, 0.15, 0.2])
def test_kinetic_inductance_ratio_follows_the_low_temperature_asymptote(t):
    # Δ(T) ≈ Δ0 − √(2πΔ0k_BT) e^{−Δ0/k_BT} and tanh(Δ/2k_BT) ≈ 1 − 2e^{−Δ/k_BT} (k_BT ≪ Δ0):
    # L_k(T)/L_k(0) − 1 ≈ √(2πk_BT/Δ0) e^{−Δ0/k_BT} + 2 e^{−Δ0/k_BT}
    delta = BCS_GAP_RATIO * k_B * TC
    x = delta / (k_B * t * TC)
    asymptote = math.sqrt(2 * math.pi / x) * math.exp(-x) + 2 * math.exp(-x)
    assert kinetic_inductance_ratio(t * TC, delta, TC) - 1 == pytest.approx(asymptote, rel=5e-3)


def test_kinetic_inductance_ratio_matches_the_film_model_at_any_temperature():
    film = make_film("TiN", 1500.0, Tc=TC)
    T = np.array([0.3, 0.6, 0.9, 1.1])
    expected = [film.sheet_kinetic_inductance(x) / film.sheet_kinetic_inductance(0) for x in T]
    assert kinetic_inductance_ratio(T, film.delta0_J, TC) == pytest.approx(expected, rel=1e-5)


def test_pair_broken_ratio_is_the_film_models():
    film = make_film("TiN", 1500.0, Tc=TC, pair_breaking=0.05)
    T = np.array([0.2, 0.5, 0.8])
    expected = [film.sheet_kinetic_inductance(x) / film.sheet_kinetic_inductance(0) for x in T]
    ratio = kinetic_inductance_ratio(T, film.delta00_J, TC, pair_breaking=0.05)
    assert ratio == pytest.approx(expected, rel=1e-5)


def test_tls_shift_limits():
    F_delta, f = 1e-5, 6e9
    y = lambda T: h * f / (2 * math.pi * k_B * T)
    # hf ≫ k_BT: Re Ψ(½ + iy) − ln y = −1/(24y²) + O(y⁻⁴)  (Stirling series of Ψ)
    T = 0.01
    assert tls_shift(T, f, F_delta) == pytest.approx(-F_delta / math.pi / (24 * y(T) ** 2), rel=1e-2)
    # k_BT ≫ hf: δf/f grows as (Fδ/π) ln T
    T1, T2 = 5.0, 10.0
    slope = (tls_shift(T2, f, F_delta) - tls_shift(T1, f, F_delta)) / math.log(T2 / T1)
    assert slope == pytest.approx(F_delta / math.pi, rel=1e-3)


def test_recovers_the_gap_within_one_percent_from_noisy_data():
    T = np.linspace(0.05, 0.6, 30)
    f, film = synthetic_f0(T)
    fit = fit_f0_vs_temperature(T, f)
    assert fit.Delta0_J == pytest.approx(film.delta0_J, rel=0.01)
    assert abs(fit.Delta0_J - film.delta0_J) < 4 * fit.std["Delta0_J"]
    assert fit.kinetic_fraction == pytest.approx(ALPHA, rel=0.01)
    assert fit.Tc_K == pytest.approx(TC, rel=0.01)


def test_measured_Tc_gives_the_gap_ratio():
    T = np.linspace(0.05, 0.6, 30)
    f, film = synthetic_f0(T, seed=2)
    fit = fit_f0_vs_temperature(T, f, Tc_K=TC)
    assert fit.gap_ratio == pytest.approx(BCS_GAP_RATIO, rel=0.01)


def test_tls_jointly_or_masked():
    T = np.linspace(0.03, 0.6, 40)
    f, film = synthetic_f0(T, seed=4, F_delta=2e-5)
    joint = fit_f0_vs_temperature(T, f, tls=True)
    assert joint.Delta0_J == pytest.approx(film.delta0_J, rel=0.01)
    assert joint.F_delta_TLS == pytest.approx(2e-5, rel=0.1)
    masked = fit_f0_vs_temperature(T, f, mask_below_K=0.3)
    assert masked.Delta0_J == pytest.approx(film.delta0_J, rel=0.01)
    assert masked.used.sum() == np.sum(T >= 0.3)


def test_flat_data_do_not_determine_the_gap():
    T = np.linspace(0.05, 0.4, 20)
    with pytest.raises(FitFailed, match="does not determine"):
        fit_f0_vs_temperature(T, F0 + 1e3 * np.random.default_rng(0).standard_normal(T.size))
