"""Film layer: BCS gap, Mattis–Bardeen L_k, Finkel'stein T_c, measured inputs, pair breaking, warnings."""
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from superind import InputError, make_film
from superind.constants import BCS_GAP_RATIO, R_Q, e, hbar, k_B, mu_0
from superind.losses import pair_breaking_state, pair_broken_tc_fraction
from superind.bcs import bcs_gap_fraction, bcs_gap_fraction_interpolation
from superind.finkelstein import finkelstein_critical_resistance, finkelstein_tc, mesoscopic_tc_spread



def test_bcs_gap_matches_exact_table():
    # exact weak-coupling BCS Δ/k_BT_c at t = 0.3, 0.5, 0.6, 0.9 (Mühlschlegel, Z. Phys. 155, 313 (1959) tabulation)
    for t, ref in [(0.3, 1.758804), (0.5, 1.687827), (0.6, 1.599826), (0.9, 0.928402)]:
        assert BCS_GAP_RATIO * bcs_gap_fraction(t) == pytest.approx(ref, abs=2e-6)


def test_bcs_gap_limits_and_near_tc_slope():
    assert bcs_gap_fraction(0.0) == 1.0
    assert bcs_gap_fraction(1.0) == 0.0
    # Δ ≈ 3.0633 k_BT_c √(1−t) near T_c (Ginzburg–Landau limit of BCS); at t = 0.999 the next order: 3.0620
    assert BCS_GAP_RATIO * bcs_gap_fraction(0.999) / math.sqrt(0.001) == pytest.approx(3.0620, abs=2e-4)


def test_tanh_interpolation_is_up_to_two_percent_low():
    # the tanh interpolation under-estimates the exact gap, by at most 1.90 % near t ≈ 0.6 (vs the BCS table)
    t = np.linspace(0.2, 0.95, 16)
    rel = bcs_gap_fraction_interpolation(t) / bcs_gap_fraction(t) - 1
    assert rel.max() < 0 and rel.min() == pytest.approx(-0.0190, abs=5e-4)


@pytest.mark.parametrize("R,Tc,ref_pH", [(500, 8.0, 86.15), (1500, 2.0, 1033.80), (2000, 2.0, 1378.40),
                                         (3000, 2.5, 1654.08), (1000, 4.7, 293.28)])
def test_sheet_kinetic_inductance_matches_mattis_bardeen_examples(R, Tc, ref_pH):
    # hand computation: L_k,□ = ħR/(π·1.764 k_B T_c) = 1.37840 pH·K/Ω × R/T_c (Mattis & Bardeen 1958, T = 0)
    assert make_film("TiN", R, Tc=Tc).sheet_kinetic_inductance(0) * 1e12 == pytest.approx(ref_pH, rel=1e-4)


@pytest.mark.parametrize("t,ratio", [(0.1, 1.0000), (0.3, 1.0086), (0.5, 1.1191), (0.7, 1.5479), (0.9, 4.0047),
                                     (0.95, 7.7543)])
def test_kinetic_inductance_temperature_dependence_exact_bcs(t, ratio):
    # L_k(T)/L_k(0) = 1/[(Δ/Δ0) tanh(Δ/2k_BT)] with the BCS table values of Δ(t)
    f = make_film("TiN", 1500, Tc=2.0)
    assert f.sheet_kinetic_inductance(2.0 * t) / f.sheet_kinetic_inductance(0) == pytest.approx(ratio, rel=1e-4)


def test_strong_coupling_gap_ratio_lowers_lk():
    # L_k ∝ 1/α: 1033.80 pH/□ × 1.763877/2.0 = 911.75 pH/□
    f = make_film("TiN", 1500, Tc=2.0, gap_ratio=2.0)
    assert f.sheet_kinetic_inductance() * 1e12 == pytest.approx(911.75, rel=1e-4)


def test_mencia_tin_film_estimate():
    # Mencia et al. arXiv:2011.09446: 1361 Ω/□, T_c = 0.77 K "translates into ... 2.4 nH/□"
    assert make_film("TiN", 1361, Tc=0.77).sheet_kinetic_inductance() == pytest.approx(2.4e-9, rel=0.02)


def test_penetration_depth_and_pearl_length():
    # hand computation, d = 10 nm, R = 1.5 kΩ, T_c = 2 K: λ = √(ħρ/πμ0Δ0) = 2.868 µm, Λ = 2L_k/μ0 = 1.645 mm
    f = make_film("TiN", 1500, Tc=2.0, thickness=10e-9)
    assert f.penetration_depth() == pytest.approx(2.868e-6, rel=1e-3)
    assert mu_0 * f.penetration_depth() ** 2 / 10e-9 == pytest.approx(f.sheet_kinetic_inductance(), rel=1e-12)
    assert f.pearl_length() == pytest.approx(1.645e-3, rel=1e-3)
    assert f.slab_sheet_inductance() == pytest.approx(f.sheet_kinetic_inductance(), rel=1e-4)  # d ≪ λ


def test_gap_and_tc_given_together_fix_the_ratio():
    from superind.constants import k_B
    f = make_film("NbN", 500, Tc=8.0, gap=2.15 * k_B * 8.0)
    assert f.gap_ratio == pytest.approx(2.15)
    g = make_film("NbN", 500, gap=BCS_GAP_RATIO * k_B * 8.0)
    assert g.Tc_K == pytest.approx(8.0) and g.Tc_source == "gap"


@pytest.mark.parametrize("R,ref", [(250, 4.2010), (500, 3.7249), (1000, 2.8456), (2000, 1.4086), (3000, 0.4577)])
def test_finkelstein_tc_tin_like_table(R, ref):
    # Finkel'stein's closed form (JETP Lett. 45, 46 (1987)) evaluated independently, γ = 6.5, T_c0 = 4.7 K
    assert finkelstein_tc(R, 4.7, 6.5) == pytest.approx(ref, abs=1.5e-4)


def test_finkelstein_critical_resistance_exact_zero():
    # exact zero r_c = 2(1 − √(1 − 2/γ))², R_c = πR_K r_c (R_K = h/e²)
    for gamma, Rc in [(6.0, 5461), (6.5, 4575), (7.0, 3889), (8.0, 2911)]:
        assert finkelstein_critical_resistance(gamma) == pytest.approx(Rc, abs=1)
    assert finkelstein_tc(4600, 4.7, 6.5) == 0.0
    assert finkelstein_tc(0.95 * 4574.8157, 4.7, 6.5) == pytest.approx(0.0030, abs=2e-4)


def test_finkelstein_small_r_expansion_and_zero_limit():
    # small-r expansion ln(T_c/T_c0) = −(r/6)γ³ + (r/4)γ² + O(r²): R = 1 mΩ, γ = 6.5 → −4.341718e-7
    assert math.log(finkelstein_tc(1e-3, 4.7, 6.5) / 4.7) == pytest.approx(-4.341718e-7, rel=1e-4)
    assert finkelstein_tc(0.0, 4.7, 6.5) == 4.7


def test_mesoscopic_spread_review_form():
    # 0.4/(g(g − g_c)) by hand with g = R_K/R and g_c = 1/(π r_c) = 5.642 (γ = 6.5): 0.0008 / 0.0043 / 0.0157
    for R, ref in [(1000, 0.0008), (2000, 0.0043), (3000, 0.0157)]:
        assert mesoscopic_tc_spread(R, 6.5) == pytest.approx(ref, abs=1e-4)
    assert mesoscopic_tc_spread(5000, 6.5) == math.inf


def test_tc_predicted_from_rsq_when_tc_missing():
    f = make_film("TiN", 1000, Tc0=4.7, gamma=6.5)
    assert f.Tc_source == "finkelstein" and f.Tc_K == pytest.approx(2.8456, rel=1e-3)
    # L_k,□ = 1.3784 R/T_c(R) pH: 1.3784 × 1000/2.8456 = 484 pH/□ at 1 kΩ
    assert f.sheet_kinetic_inductance() == pytest.approx(0.484e-9, rel=2e-3)


def test_warnings_near_the_transition_and_for_odd_gap_ratio():
    assert any("superconductor–insulator" in w for w in make_film("TiN", 3500, Tc=0.5).warnings)
    assert any("superconductor–insulator" in w for w in make_film("NbN", 2200, Tc=3.0).warnings)  # NbN R_c
    assert make_film("TiN", 1500, Tc=2.0).warnings == ()
    assert any("gap ratio" in w for w in make_film("TiN", 1500, Tc=2.0, gap_ratio=6.0).warnings)


@pytest.mark.parametrize("kwargs", [dict(R_sq=-1, Tc=2), dict(R_sq=0, Tc=2), dict(R_sq=math.nan, Tc=2),
                                    dict(R_sq=math.inf, Tc=2), dict(R_sq=1e3, Tc=-2),
                                    dict(R_sq=1e3, Tc=math.nan), dict(R_sq=1e3, Tc=2, thickness=0),
                                    dict(R_sq=1e3), dict(R_sq=5000, Tc0=4.7, gamma=6.5)])
def test_bad_film_input_raises_input_error(kwargs):
    with pytest.raises(InputError):
        make_film("TiN", **kwargs)


def test_temperature_at_or_above_tc_is_an_error():
    f = make_film("TiN", 1500, Tc=2.0)
    for T in (2.0, 3.0):
        with pytest.raises(InputError, match="not below T_c"):
            f.sheet_kinetic_inductance(T)


@settings(max_examples=40, deadline=None)
@given(R1=st.floats(10, 3000), R2=st.floats(10, 3000), t1=st.floats(0, 0.97), t2=st.floats(0, 0.97))
def test_lk_rises_with_rsq_and_temperature(R1, R2, t1, t2):
    (Ra, Rb), (ta, tb) = sorted([R1, R2]), sorted([t1, t2])
    fa, fb = make_film("TiN", Ra, Tc=2.0), make_film("TiN", Rb, Tc=2.0)
    assert fa.sheet_kinetic_inductance(2 * ta) <= fb.sheet_kinetic_inductance(2 * ta) * (1 + 1e-12)
    assert fa.sheet_kinetic_inductance(2 * ta) <= fa.sheet_kinetic_inductance(2 * tb) * (1 + 1e-9)


@settings(max_examples=60, deadline=None)
@given(R1=st.floats(0, 6000), R2=st.floats(0, 6000), gamma=st.floats(3, 10))
def test_tc_falls_with_rsq(R1, R2, gamma):
    Ra, Rb = sorted([R1, R2])
    assert finkelstein_tc(Ra, 4.7, gamma) >= finkelstein_tc(Rb, 4.7, gamma) - 1e-12


# ----------------------------------------------------------------------------------- Python API of the film


def test_unit_strings_pint_and_si_floats_give_identical_films():
    import pint

    ureg = pint.UnitRegistry()
    a = make_film("TiN", R_sq="1.5 kOhm", Tc="2 K")
    b = make_film("TiN", ureg.Quantity(1.5, "kohm"), Tc=ureg.Quantity(2.0, "K"))
    c = make_film("TiN", 1500.0, Tc=2.0)
    assert a == b == c and hash(a) == hash(b) == hash(c) and len({a, b, c}) == 1
    assert len(repr(a)) < 300 and "TiN" in repr(a)
    assert isinstance(a.warnings, tuple)
    # the gap: a float is J; a string is an energy or a frequency E/h (180 µeV = 43.5238 GHz × h)
    Tc_from_ueV = 180e-6 * e / (BCS_GAP_RATIO * k_B)  # = 1.18422 K (TiN's stored α = 1.763877: 7 digits)
    assert make_film("TiN", 1500, gap="180 ueV").Tc_K == pytest.approx(Tc_from_ueV, rel=1e-7)
    assert make_film("TiN", 1500, gap=180e-6 * e).Tc_K == make_film("TiN", 1500, gap="180 ueV").Tc_K
    assert make_film("TiN", 1500, gap="43.5238 GHz").Tc_K == pytest.approx(Tc_from_ueV, rel=1e-5)


def test_measured_sheet_inductance_of_li_et_al_tin():
    # Li et al., arXiv:2509.14133: "T_c of 3.8 K and a thickness of 27 nm", "sheet kinetic inductance L_k,□ of
    # 394 pH/□", "characteristic sheet resistivity of 475 Ω/□". By hand: Mattis–Bardeen ħR/(π 1.764 k_B T_c) =
    # 1.37840 × 475/3.8 = 172.30 pH/□; the R_sq MB needs: 475 × 394/172.30 = 1086.2 Ω; the gap ratio it needs:
    # 1.763877 × 172.30/394 = 0.7714.
    f = make_film("TiN", "475 ohm", Tc="3.8 K", thickness="27 nm", L_k_sq="394 pH/sq")
    assert f.mattis_bardeen_sheet_inductance(0) == pytest.approx(172.30e-12, rel=1e-4)
    assert f.sheet_kinetic_inductance(0) == pytest.approx(394e-12, rel=1e-12)
    assert f.implied_R_sq_ohm == pytest.approx(1086.2, rel=1e-4)
    assert f.implied_gap_ratio == pytest.approx(0.7714, rel=1e-3)
    assert any("R_sq is probably not the value just above T_c" in w for w in f.warnings)
    assert any("100 µΩ cm" in w for w in f.warnings)  # ρ = 475 Ω × 27 nm = 1283 µΩ cm
    # the measured L_k keeps the BCS temperature dependence: L_k(T_c/2)/L_k(0) = 1.1191
    assert f.sheet_kinetic_inductance(1.9) / f.sheet_kinetic_inductance(0) == pytest.approx(1.1191, rel=1e-4)


def test_room_temperature_sheet_resistance_uses_the_sourced_ratio():
    # NbN: ρ(300 K)/ρ(20 K) = 0.98…0.89 (PSAC 17(3), 9 (2015)) → R(T_c⁺)/R(300 K) = 1/0.98…1/0.89
    f = make_film("NbN", R_sq_300K="1 kOhm", Tc="8 K")
    lo, hi = f.R_sq_band_ohm
    assert lo == pytest.approx(1000 / 0.98, rel=1e-3) and hi == pytest.approx(1000 / 0.89, rel=1e-3)
    assert f.R_sq_ohm == pytest.approx((lo + hi) / 2, rel=1e-12)
    with pytest.raises(InputError, match="resistance ratio"):
        make_film("TiN", R_sq_300K="1 kOhm", Tc="2 K")
    with pytest.raises(InputError, match="exactly one"):
        make_film("NbN", "1 kOhm", R_sq_300K="1 kOhm", Tc="8 K")


# ------------------------------------------------------------------------- pair breaking (Abrikosov–Gor'kov)


@pytest.mark.parametrize("T", [0.0, 0.4, 1.0, 1.6])
def test_no_pair_breaking_is_mattis_bardeen_exactly(T):
    f = make_film("TiN", 1500, Tc=2.0, pair_breaking=0.0)
    d = BCS_GAP_RATIO * k_B * 2.0 * (1.0 if T == 0 else bcs_gap_fraction(T / 2.0))
    th = 1.0 if T == 0 else math.tanh(d / (2 * k_B * T))
    assert f.sheet_kinetic_inductance(T) == pytest.approx(hbar * 1500 / (math.pi * d * th), rel=1e-9)


@pytest.mark.parametrize("t", [0.3, 0.5, 0.7])
def test_matsubara_solver_without_pair_breaking_is_bcs(t):
    # Σ over Matsubara frequencies with Γ = 0 must give the BCS gap and πΔ tanh(Δ/2k_BT) (Δ00 units)
    d, stiffness = pair_breaking_state(0.0, t)
    g = bcs_gap_fraction(t)
    assert d == pytest.approx(g, rel=1e-8)
    assert stiffness == pytest.approx(math.pi * g * math.tanh(BCS_GAP_RATIO * g / (2 * t)), rel=1e-7)


@pytest.mark.parametrize("G", [0.02, 0.1, 0.2, 0.3])
def test_pair_breaking_matches_maki_closed_forms(G):
    # Maki (1969), T = 0, ζ = Γ/Δ ≤ 1: ln(Δ00/Δ) = πζ/4 and ħ/(R L_k) = πΔ − 4Γ/3. The Matsubara sum at
    # t = 0.002 (thermal corrections ∝ e^{−Ω_g/k_BT} < 1e-40) must reproduce both.
    d, stiffness = pair_breaking_state(G, 0.002)
    assert math.log(1 / d) == pytest.approx(math.pi * G / d / 4, rel=1e-7)
    assert stiffness == pytest.approx(math.pi * d - 4 * G / 3, rel=1e-7)


@pytest.mark.parametrize("G", [0.05, 0.2, 0.4])
def test_pair_broken_tc_is_where_the_gap_closes(G):
    # Abrikosov–Gor'kov's digamma T_c against the Matsubara gap equation (two independent computations)
    tc = pair_broken_tc_fraction(G)
    assert 0 < pair_breaking_state(G, 0.995 * tc)[0] < 0.2
    assert pair_breaking_state(G, 1.001 * tc) == (0.0, 0.0)


@settings(max_examples=25, deadline=None)
@given(G1=st.floats(0, 0.45), G2=st.floats(0, 0.45), t=st.sampled_from([0.0, 0.1, 0.2]))
def test_lk_rises_with_pair_breaking(G1, G2, t):
    Ga, Gb = sorted([G1, G2])
    fa, fb = make_film("TiN", 1500, Tc=2.0, pair_breaking=Ga), make_film("TiN", 1500, Tc=2.0, pair_breaking=Gb)
    assert fa.sheet_kinetic_inductance(2.0 * t) <= fb.sheet_kinetic_inductance(2.0 * t) * (1 + 1e-9)


def test_pair_breaking_spectral_gap_and_warning():
    # Abrikosov–Gor'kov spectral gap Ω_g = Δ(1 − ζ^{2/3})^{3/2}; G = 0.1: Δ/Δ00 from ln(1/d) = πG/(4d)
    f = make_film("TiN", 1500, Tc=2.0, pair_breaking=0.1)
    d = f.delta0_J / f.delta00_J
    assert math.log(1 / d) == pytest.approx(math.pi * 0.1 / (4 * d), rel=1e-9)
    assert f.spectral_gap_J == pytest.approx(f.delta0_J * (1 - (0.1 / d) ** (2 / 3)) ** 1.5, rel=1e-12)
    assert any("pair breaking" in v.message for v in f.verdicts)
    with pytest.raises(InputError, match="pair_breaking"):
        make_film("TiN", 1500, Tc=2.0, pair_breaking=0.5)


# ----------------------------------------------------------------------------------------------- warnings


def test_finkelstein_suppression_warns_by_how_much():
    # 3 kΩ, T_c0 = 4.7 K, γ = 6.5 → Finkel'stein T_c = 0.4577 K: suppressed by 4.24 K, to 10 % of T_c0
    f = make_film("TiN", "3 kOhm", Tc0="4.7 K", gamma=6.5)
    w = [x for x in f.warnings if "Finkel'stein suppresses" in x]
    assert w and "458 mK" in w[0] and "4.24 K" in w[0] and "10%" in w[0]
    assert not any("Finkel'stein suppresses" in x for x in make_film("TiN", 1000, Tc0=4.7, gamma=6.5).warnings)


def test_tc_outside_the_sourced_range_names_range_and_source():
    w = make_film("TiN", 500, Tc=6.0).warnings  # TiN: 0 < T_c < 5 K (Leduc et al. 2010)
    assert any("outside TiN's sourced range" in x and "Leduc" in x for x in w)


def test_disorder_regime_needs_thickness_and_asks_for_tc_plus_resistance():
    assert make_film("TiN", 1500, Tc=2.0).warnings == ()
    f = make_film("TiN", 1500, Tc=2.0, thickness="10 nm")  # ρ = 1500 µΩ cm
    assert any("Mattis–Bardeen" in x for x in f.warnings)
    assert any("just above T_c" in v.message and v.severity == "info" for v in f.verdicts)
    assert not any("100 µΩ cm" in x for x in make_film("TiN", 50, Tc=4.0, thickness="10 nm").warnings)  # 50 µΩ cm


def test_critical_resistance_warning_quotes_its_source():
    # NbN: "approximately one-third of the universal value Rq = h/4e2" = 2151 Ω, stored as a range around it
    w = make_film("NbN", 2200, Tc=3.0).warnings
    assert any("R_Q/2" not in x and "critical R_sq" in x and "one-third" in x for x in w)
    assert R_Q / 3 == pytest.approx(2151, abs=1)


@pytest.mark.parametrize("kwargs", [dict(R_sq=1e3, Tc=2, pair_breaking=-0.1), dict(R_sq="1 kOhm", Tc="2"),
                                    dict(R_sq=1e3, Tc=2, L_k_sq="394"), dict(R_sq=1e3, Tc=2, L_k_sq="1 nH*m"),
                                    dict(R_sq=1e3, gap="2 K"), dict(Tc=2), dict(R_sq=1e3, Tc=2, gap_ratio="abc")])
def test_more_bad_film_input_raises_input_error(kwargs):
    with pytest.raises(InputError):
        make_film("TiN", **kwargs)


def test_gap_table_is_the_gap_equation():
    """bcs_gap_fraction reads a table of the gap equation's solution; at 300 random reduced temperatures it must
    be the equation solved there (bcs_gap_fraction_exact: brentq on quad) to 2e-10, and the Ginzburg–Landau limit
    near T_c."""
    from superind.bcs import GL_GAP_FACTOR, bcs_gap_fraction_exact

    for t in np.random.default_rng(5).uniform(0.02, 1 - 1e-6, 300):
        assert bcs_gap_fraction(t) == pytest.approx(bcs_gap_fraction_exact(t), rel=2e-10)
    assert bcs_gap_fraction(1 - 1e-9) / math.sqrt(1e-9) == pytest.approx(GL_GAP_FACTOR, rel=1e-6)
