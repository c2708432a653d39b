"""Film layer against PHYSICS.md §1 and §5 worked numbers, limits and monotonicity."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from superind import InputError, make_film
from superind.constants import BCS_GAP_RATIO, mu_0
from superind.film import (
    bcs_gap_fraction,
    bcs_gap_fraction_interpolation,
    finkelstein_critical_resistance,
    finkelstein_tc,
    mesoscopic_tc_spread,
)


def test_bcs_gap_matches_exact_table():
    # PHYSICS.md §1.1: Δ/k_BT_c exact at t = 0.3, 0.5, 0.6, 0.9
    for t, ref in [(0.3, 1.758804), (0.5, 1.687827), (0.6, 1.599826), (0.9, 0.928402)]:
        assert BCS_GAP_RATIO * bcs_gap_fraction(t) == pytest.approx(ref, abs=2e-6)


def test_bcs_gap_limits_and_near_tc_slope():
    assert bcs_gap_fraction(0.0) == 1.0
    assert bcs_gap_fraction(1.0) == 0.0
    # Δ ≈ 3.0633 k_BT_c √(1−t) near T_c; PHYSICS.md numerical check at t = 0.999 gives 3.0620
    assert BCS_GAP_RATIO * bcs_gap_fraction(0.999) / math.sqrt(0.001) == pytest.approx(3.0620, abs=2e-4)


def test_tanh_interpolation_is_up_to_two_percent_low():
    # PHYSICS.md §1.1: interpolation under-estimates, max 1.90 % at t ≈ 0.6
    t = np.linspace(0.2, 0.95, 16)
    rel = bcs_gap_fraction_interpolation(t) / bcs_gap_fraction(t) - 1
    assert rel.max() < 0 and rel.min() == pytest.approx(-0.0190, abs=5e-4)


@pytest.mark.parametrize("R,Tc,ref_pH", [(500, 8.0, 86.15), (1500, 2.0, 1033.80), (2000, 2.0, 1378.40),
                                         (3000, 2.5, 1654.08), (1000, 4.7, 293.28)])
def test_sheet_kinetic_inductance_matches_mattis_bardeen_examples(R, Tc, ref_pH):
    # PHYSICS.md §1.3 table, T = 0, α = 1.764
    assert make_film("TiN", R, Tc_K=Tc).sheet_kinetic_inductance(0) * 1e12 == pytest.approx(ref_pH, rel=1e-4)


@pytest.mark.parametrize("t,ratio", [(0.1, 1.0000), (0.3, 1.0086), (0.5, 1.1191), (0.7, 1.5479), (0.9, 4.0047),
                                     (0.95, 7.7543)])
def test_kinetic_inductance_temperature_dependence_exact_bcs(t, ratio):
    # PHYSICS.md §1.1 propagated into L_k(T)/L_k(0)
    f = make_film("TiN", 1500, Tc_K=2.0)
    assert f.sheet_kinetic_inductance(2.0 * t) / f.sheet_kinetic_inductance(0) == pytest.approx(ratio, rel=1e-4)


def test_strong_coupling_gap_ratio_lowers_lk():
    # PHYSICS.md §1.2: α = 2.0 → 911.75 pH/□
    assert make_film("TiN", 1500, Tc_K=2.0, gap_ratio=2.0).sheet_kinetic_inductance() * 1e12 == pytest.approx(911.75, rel=1e-4)


def test_mencia_tin_film_estimate():
    # Mencia et al. arXiv:2011.09446: 1361 Ω/□, T_c = 0.77 K "translates into ... 2.4 nH/□"
    assert make_film("TiN", 1361, Tc_K=0.77).sheet_kinetic_inductance() == pytest.approx(2.4e-9, rel=0.02)


def test_penetration_depth_and_pearl_length():
    # PHYSICS.md §1.4: d = 10 nm, R = 1.5 kΩ, T_c = 2 K → λ = 2.868 µm, μ0λ²/d = L_k,□, Λ = 1.645 mm
    f = make_film("TiN", 1500, Tc_K=2.0, thickness_m=10e-9)
    assert f.penetration_depth() == pytest.approx(2.868e-6, rel=1e-3)
    assert mu_0 * f.penetration_depth() ** 2 / 10e-9 == pytest.approx(f.sheet_kinetic_inductance(), rel=1e-12)
    assert f.pearl_length() == pytest.approx(1.645e-3, rel=1e-3)
    assert f.slab_sheet_inductance() == pytest.approx(f.sheet_kinetic_inductance(), rel=1e-4)  # d ≪ λ


def test_gap_and_tc_given_together_fix_the_ratio():
    from superind.constants import k_B
    f = make_film("NbN", 500, Tc_K=8.0, Delta0_J=2.15 * k_B * 8.0)
    assert f.gap_ratio == pytest.approx(2.15)
    g = make_film("NbN", 500, Delta0_J=BCS_GAP_RATIO * k_B * 8.0)
    assert g.Tc_K == pytest.approx(8.0) and g.Tc_source == "gap"


@pytest.mark.parametrize("R,ref", [(250, 4.2010), (500, 3.7249), (1000, 2.8456), (2000, 1.4086), (3000, 0.4577)])
def test_finkelstein_tc_tin_like_table(R, ref):
    # PHYSICS.md §5.3, γ = 6.5, T_c0 = 4.7 K
    assert finkelstein_tc(R, 4.7, 6.5) == pytest.approx(ref, abs=1.5e-4)


def test_finkelstein_critical_resistance_exact_zero():
    # PHYSICS.md §5.2 table
    for gamma, Rc in [(6.0, 5461), (6.5, 4575), (7.0, 3889), (8.0, 2911)]:
        assert finkelstein_critical_resistance(gamma) == pytest.approx(Rc, abs=1)
    assert finkelstein_tc(4600, 4.7, 6.5) == 0.0
    assert finkelstein_tc(0.95 * 4574.8157, 4.7, 6.5) == pytest.approx(0.0030, abs=2e-4)


def test_finkelstein_small_r_expansion_and_zero_limit():
    # PHYSICS.md §5.1 (ii): R = 1 mΩ, γ = 6.5: ln(T_c/T_c0) = −4.341718e-7
    assert math.log(finkelstein_tc(1e-3, 4.7, 6.5) / 4.7) == pytest.approx(-4.341718e-7, rel=1e-4)
    assert finkelstein_tc(0.0, 4.7, 6.5) == 4.7


def test_mesoscopic_spread_review_form():
    # PHYSICS.md §5.4 illustration: 1/2/3 kΩ → 0.0008 / 0.0043 / 0.0157
    for R, ref in [(1000, 0.0008), (2000, 0.0043), (3000, 0.0157)]:
        assert mesoscopic_tc_spread(R, 6.5) == pytest.approx(ref, abs=1e-4)
    assert mesoscopic_tc_spread(5000, 6.5) == math.inf


def test_tc_predicted_from_rsq_when_tc_missing():
    f = make_film("TiN", 1000, Tc0_K=4.7, gamma=6.5)
    assert f.Tc_source == "finkelstein" and f.Tc_K == pytest.approx(2.8456, rel=1e-3)
    # L_k,□ = 1.3784 R/T_c(R) pH: 0.484 nH/□ at 1 kΩ (PHYSICS.md §5.3)
    assert f.sheet_kinetic_inductance() == pytest.approx(0.484e-9, rel=2e-3)


def test_warnings_near_the_transition_and_for_odd_gap_ratio():
    assert any("superconductor–insulator" in w for w in make_film("TiN", 3500, Tc_K=0.5).warnings)
    assert any("superconductor–insulator" in w for w in make_film("NbN", 2200, Tc_K=3.0).warnings)  # NbN R_c
    assert make_film("TiN", 1500, Tc_K=2.0).warnings == ()
    assert any("gap ratio" in w for w in make_film("TiN", 1500, Tc_K=2.0, gap_ratio=6.0).warnings)


@pytest.mark.parametrize("kwargs", [dict(R_sq_ohm=-1, Tc_K=2), dict(R_sq_ohm=0, Tc_K=2), dict(R_sq_ohm=math.nan, Tc_K=2),
                                    dict(R_sq_ohm=math.inf, Tc_K=2), dict(R_sq_ohm=1e3, Tc_K=-2),
                                    dict(R_sq_ohm=1e3, Tc_K=math.nan), dict(R_sq_ohm=1e3, Tc_K=2, thickness_m=0),
                                    dict(R_sq_ohm=1e3), dict(R_sq_ohm=5000, Tc0_K=4.7, gamma=6.5)])
def test_bad_film_input_raises_input_error(kwargs):
    with pytest.raises(InputError):
        make_film("TiN", **kwargs)


def test_temperature_at_or_above_tc_is_an_error():
    f = make_film("TiN", 1500, Tc_K=2.0)
    for T in (2.0, 3.0):
        with pytest.raises(InputError, match="not below T_c"):
            f.sheet_kinetic_inductance(T)


@settings(max_examples=40, deadline=None)
@given(R1=st.floats(10, 3000), R2=st.floats(10, 3000), t1=st.floats(0, 0.97), t2=st.floats(0, 0.97))
def test_lk_rises_with_rsq_and_temperature(R1, R2, t1, t2):
    (Ra, Rb), (ta, tb) = sorted([R1, R2]), sorted([t1, t2])
    fa, fb = make_film("TiN", Ra, Tc_K=2.0), make_film("TiN", Rb, Tc_K=2.0)
    assert fa.sheet_kinetic_inductance(2 * ta) <= fb.sheet_kinetic_inductance(2 * ta) * (1 + 1e-12)
    assert fa.sheet_kinetic_inductance(2 * ta) <= fa.sheet_kinetic_inductance(2 * tb) * (1 + 1e-9)


@settings(max_examples=60, deadline=None)
@given(R1=st.floats(0, 6000), R2=st.floats(0, 6000), gamma=st.floats(3, 10))
def test_tc_falls_with_rsq(R1, R2, gamma):
    Ra, Rb = sorted([R1, R2])
    assert finkelstein_tc(Ra, 4.7, gamma) >= finkelstein_tc(Rb, 4.7, gamma) - 1e-12
