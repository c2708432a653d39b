"""Phase slips: the coherent and random-offset sums each with their own band (the corners of the sourced a, b
ranges, D/2…2D only when D is not measured), the dephasing time they cause, the verdict decided by the band's
edges with the width that would decide it, the sensitivities, and calibration (a film's own measured E_S, a
published set)."""
import math
from dataclasses import dataclass, replace

import numpy as np
import pytest

from superind import InputError, make_film
from superind.constants import GHz, R_Q, hbar
from superind.phaseslip import (
    A_RANGE,
    B_RANGE,
    PhaseSlipModel,
    coherence_length,
    dephasing_time_s,
    estimate_phase_slip,
)
from superind.phaseslip_calibration import (
    calibrate,
    calibrated_model,
    calibration_measurements,
    calibration_records,
    leave_one_out,
)


@dataclass(frozen=True)
class Wire:
    """The attributes estimate_phase_slip reads (a stand-in for superind.wire.Wire)."""

    film: object
    width_m: float
    length_m: float
    L_H: float = 50e-9


def inox():
    return make_film("a:InO", 2000, Tc=2.5, diffusion=0.5e-4)


def tin(**kw):
    return make_film("TiN", 1500, Tc=2.0, **kw)


def by_hand(film, w, ell, a, b, summation, D_scale=1.0):
    """E_S = aΔ N x e^{−bx} written out: ξ = √(ħD/Δ0), x = R_Q w/(R_□ ξ), N = ℓ/ξ or √(ℓ/ξ)."""
    xi = math.sqrt(hbar * film.diffusion_m2_per_s * D_scale / film.delta0_J)
    x = R_Q * w / (film.R_sq_ohm * xi)
    n = ell / xi if summation == "coherent" else math.sqrt(ell / xi)
    return a * film.delta0_J / GHz * n * x * math.exp(-b * x)


def test_random_offset_charges_add_as_a_random_walk():
    # a:InO-like wire w = 40 nm, ℓ = 400 nm, D = 0.5 cm²/s: ξ_d = √(ħD/Δ0) = 9.31 nm, ℓ/ξ = 42.96
    est = estimate_phase_slip(Wire(inox(), 40e-9, 400e-9))
    assert est.xi_m["usadel"] == pytest.approx(9.31e-9, rel=1e-3)
    assert est.E_S_random_GHz / est.E_S_GHz == pytest.approx(1 / math.sqrt(400 / 9.31), rel=1e-3)
    # each sum is its own quantity with its own band, the random one √(ℓ/ξ) below at every corner
    assert est.E_S_random_band_GHz == pytest.approx([v / math.sqrt(400 / 9.311) for v in est.E_S_band_GHz],
                                                    rel=1e-3)


@pytest.mark.parametrize("summation", ["coherent", "random"])
def test_bands_are_the_corners_of_a_and_b_with_D_measured(summation):
    film, w, ell = tin(diffusion="0.366 cm**2/s"), 100e-9, 31.6e-6
    est = estimate_phase_slip(Wire(film, w, ell, 327e-9))
    corners = [by_hand(film, w, ell, a, b, summation) for a in A_RANGE for b in B_RANGE]
    band = est.E_S_band_GHz if summation == "coherent" else est.E_S_random_band_GHz
    assert band == pytest.approx([min(corners), max(corners)], rel=1e-9)
    assert est.dominant_input == "b" and not est.warnings


def test_the_300_nH_TiN_wire_bands_follow_the_sourced_ranges():
    # 1.5 kΩ, 2 K, 100 nm, 300 nH (ℓ ≈ 29 µm), D = 0.366 cm²/s: x = R_Q/R_ξ ≈ 48; b ∈ B_RANGE spans
    # Δb·x/ln 10 decades and a ∈ A_RANGE log10(a_hi/a_lo) more — the band width is exactly what the sources leave
    film = tin(diffusion="0.366 cm**2/s")
    est = estimate_phase_slip(Wire(film, 100e-9, 29.0e-6, 300e-9))
    decades = (B_RANGE[1] - B_RANGE[0]) * est.x / math.log(10) + math.log10(A_RANGE[1] / A_RANGE[0])
    for lo, hi in (est.E_S_band_GHz, est.E_S_random_band_GHz):
        assert math.log10(hi / lo) == pytest.approx(decades, rel=1e-9)
    assert est.x == pytest.approx(48.3, rel=2e-3)


def test_a_representative_D_widens_both_bands_and_is_the_dominant_input():
    w, ell = 100e-9, 2e-6
    e_db, e_given = (estimate_phase_slip(Wire(f, w, ell)) for f in (tin(), tin(diffusion="0.366 cm**2/s")))
    assert any("representative" in m for m in e_db.warnings) and not e_given.warnings
    assert e_db.E_S_GHz == pytest.approx(e_given.E_S_GHz, rel=1e-12) and e_db.dominant_input == "D"
    hi = max(by_hand(tin(), w, ell, a, b, "coherent", k) for a in A_RANGE for b in B_RANGE for k in (0.5, 1, 2))
    assert e_db.E_S_band_GHz[1] == pytest.approx(hi, rel=1e-9)
    assert e_db.E_S_band_GHz[0] < e_given.E_S_band_GHz[0] and e_db.E_S_band_GHz[1] > e_given.E_S_band_GHz[1]


def test_dephasing_time_against_a_monte_carlo_ramsey_signal():
    # N slip centres of amplitude ε with random Aharonov–Casher phases: δE = Re Σ ε e^{iθ_j}; the Ramsey signal
    # ⟨cos(δE t/ħ)⟩ over offset-charge configurations must have fallen to 1/e at T_φ = 1/(π √N ε/h)
    rng = np.random.default_rng(1)
    N, eps_GHz = 64, 1e-3
    dE_GHz = eps_GHz * np.cos(rng.uniform(0, 2 * np.pi, (200_000, N))).sum(axis=1)
    T_phi = dephasing_time_s(math.sqrt(N) * eps_GHz)
    assert T_phi == pytest.approx(1 / (math.pi * 8e-3 * 1e9))
    assert np.mean(np.cos(2 * np.pi * dE_GHz * 1e9 * T_phi)) == pytest.approx(math.exp(-1), abs=0.01)


def test_the_verdict_follows_the_band_edges_and_names_the_deciding_width():
    wire = Wire(tin(diffusion="0.366 cm**2/s"), 100e-9, 29.0e-6, 300e-9)
    est = estimate_phase_slip(wire)
    t_short, t_long = est.Tphi_band_s
    assert t_short == pytest.approx(dephasing_time_s(est.E_S_random_band_GHz[1]), rel=1e-12)
    cases = {0.5 * t_short: ("safe", "info"), 2 * t_long: ("unsafe", "critical"),
             math.sqrt(t_short * t_long): ("undetermined", "warning")}
    for target, (verdict, severity) in cases.items():
        e = estimate_phase_slip(wire, T2_target_s=target)
        record = e.verdict_record()
        assert e.phase_slip_verdict == verdict and record.severity == severity, target
    undetermined = estimate_phase_slip(wire, T2_target_s=math.sqrt(t_short * t_long))
    w_safe = undetermined.width_for_safe_m
    assert w_safe > wire.width_m
    # at that width (same inductance: ℓ ∝ w) even the pessimistic edge just meets the target
    wider = estimate_phase_slip(Wire(wire.film, w_safe, wire.length_m * w_safe / wire.width_m, 300e-9),
                                T2_target_s=undetermined.T2_target_s)
    assert wider.Tphi_band_s[0] == pytest.approx(undetermined.T2_target_s, rel=1e-4)


def test_sensitivities_against_finite_differences():
    # d ln E_S / d ln R_□ = b x − 1 and d ln E_S / d ln w = 1 − b x (T_c, D and the length fixed)
    film, w, ell = tin(diffusion="0.366 cm**2/s"), 100e-9, 29.0e-6
    est = estimate_phase_slip(Wire(film, w, ell, 300e-9))
    m, h = est.model, 1e-5
    lnE = lambda f, width: math.log(m.E_S_GHz(f, width, ell))
    dR = (lnE(replace(film, R_sq_ohm=film.R_sq_ohm * (1 + h)), w) - lnE(replace(film, R_sq_ohm=film.R_sq_ohm * (1 - h)),
                                                                           w)) / (2 * h)
    dw = (lnE(film, w * (1 + h)) - lnE(film, w * (1 - h))) / (2 * h)
    assert est.sensitivity_R_sq == pytest.approx(dR, rel=1e-6) and est.sensitivity_width == pytest.approx(dw, rel=1e-6)


def _data(model, film, widths, factors=None):
    wires = [Wire(film, w, 400e-9) for w in widths]
    factors = factors or [1.0] * len(wires)
    return [(w, k * model.E_S_GHz(film, w.width_m, w.length_m)) for w, k in zip(wires, factors)]


def test_calibration_recovers_constants_and_reports_leave_one_out_error():
    truth = PhaseSlipModel(a=2.0, b=0.61, source="synthetic")
    exact = _data(truth, inox(), (30e-9, 40e-9, 60e-9, 80e-9))
    m = calibrate(exact, fit="ab")
    assert m.a == pytest.approx(2.0, rel=1e-9) and m.b == pytest.approx(0.61, rel=1e-9) and m.ln_error < 1e-9
    noisy = _data(truth, inox(), (30e-9, 40e-9, 60e-9, 80e-9), [1.0, 1.5, 0.8, 1.1])
    # leave-one-out by hand: refit on the other three, predict the fourth, rms of ln(measured/predicted)
    errs = []
    for i, (wire, es) in enumerate(noisy):
        fit = calibrate(noisy[:i] + noisy[i + 1:], fit="ab")
        errs.append(math.log(es / fit.E_S_GHz(wire.film, wire.width_m, wire.length_m)))
    assert leave_one_out(noisy, fit="ab") == pytest.approx(math.sqrt(np.mean(np.square(errs))), rel=1e-9)
    # a calibrated model's band is its central value widened by e^{±ln_error}
    cal = calibrate(noisy, fit="ab")
    est = estimate_phase_slip(Wire(inox(), 50e-9, 400e-9), cal)
    central = cal.E_S_GHz(inox(), 50e-9, 400e-9)
    assert est.E_S_band_GHz == pytest.approx([central / math.exp(cal.ln_error), central * math.exp(cal.ln_error)],
                                             rel=1e-9)
    with pytest.raises(InputError, match="leave-one-out"):
        leave_one_out(noisy[:2], fit="ab")


def test_shipped_calibration_set_is_sourced_and_honest_about_gaps():
    records = calibration_records()
    assert {r["id"] for r in records} >= {"Astafiev2012_InOx", "Peltonen2013_NbN", "deGraaf2018_NbN_CQUID"}
    for r in records:
        assert r["source"].strip() and r["quote"].strip()
        assert all(v is None or v > 0 for k, v in r.items() if k.endswith(("_nm", "_ohm", "_K", "_ueV", "_GHz")))
    complete = calibration_measurements(records)
    model = calibrated_model(records)
    assert (not complete) == model.source.startswith("uncalibrated")


def test_a_completed_record_is_used_for_calibration():
    truth = PhaseSlipModel(a=1.0, b=0.45, source="synthetic")
    recs = []
    for w in (30, 45, 60):
        film = make_film("a:InO", 2000, Tc=2.5, diffusion=0.5e-4)
        recs.append(dict(id=f"w{w}", material="a:InO", width_nm=w, length_nm=400, R_sq_ohm=2000, Tc_K=2.5,
                         diffusion_cm2_per_s=0.5, E_S_GHz=truth.E_S_GHz(film, w * 1e-9, 400e-9), source="s",
                         quote="q"))
    assert len(calibration_measurements(recs)) == 3
    assert calibrated_model(recs).b == pytest.approx(0.45, rel=1e-9)


def test_coherence_length_conventions():
    # PHYSICS.md §3.3 worked example: T_c = 2.5 K, D = 0.5 cm²/s → ξ_d = 9.31 nm, ξ_GL(0) = 7.75 nm
    film = make_film("a:InO", 2000, Tc=2.5, diffusion=0.5e-4)
    assert coherence_length(film) == pytest.approx(9.31e-9, rel=1e-3)
    assert coherence_length(film, "gl") == pytest.approx(7.75e-9, rel=1e-3)
