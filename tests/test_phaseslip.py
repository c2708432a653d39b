"""Phase slips: both summations as band edges, the dephasing time they cause, the verdict, calibration."""
import math
from dataclasses import dataclass

import numpy as np
import pytest

from superind import InputError, make_film
from superind.phaseslip import (
    PhaseSlipModel,
    calibrate,
    calibrated_model,
    calibration_measurements,
    calibration_records,
    coherence_length,
    dephasing_time_s,
    estimate_phase_slip,
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


def test_random_offset_charges_add_as_a_random_walk():
    # a:InO-like wire w = 40 nm, ℓ = 400 nm, D = 0.5 cm²/s: ξ_d = √(ħD/Δ0) = 9.31 nm, ℓ/ξ = 42.96
    est = estimate_phase_slip(Wire(inox(), 40e-9, 400e-9))
    assert est.xi_m["usadel"] == pytest.approx(9.31e-9, rel=1e-3)
    assert est.E_S_random_GHz / est.E_S_GHz == pytest.approx(1 / math.sqrt(400 / 9.31), rel=1e-3)


def test_band_spans_both_summations_b_and_xi():
    # coherent: b = 1, ξ_GL → 0.0046 GHz and b = 0.3, ξ_d → 854 GHz (a = 1); the random sum divides by √(ℓ/ξ)
    est = estimate_phase_slip(Wire(inox(), 40e-9, 400e-9))
    lo, hi = est.E_S_band_GHz
    xi_gl = coherence_length(inox(), "gl")
    assert lo <= 0.0046 / math.sqrt(400e-9 / xi_gl) * 1.02 and hi >= 854 * 0.98
    assert lo < est.E_S_random_GHz < est.E_S_GHz < hi


def test_dephasing_time_against_a_monte_carlo_ramsey_signal():
    # N slip centres of amplitude ε with random Aharonov–Casher phases: δE = Re Σ ε e^{iθ_j}; the Ramsey signal
    # ⟨cos(δE t/ħ)⟩ over offset-charge configurations must have fallen to 1/e at T_φ = 1/(π √N ε/h)
    rng = np.random.default_rng(1)
    N, eps_GHz = 64, 1e-3
    dE_GHz = eps_GHz * np.cos(rng.uniform(0, 2 * np.pi, (200_000, N))).sum(axis=1)
    T_phi = dephasing_time_s(math.sqrt(N) * eps_GHz)
    assert T_phi == pytest.approx(1 / (math.pi * 8e-3 * 1e9))
    assert np.mean(np.cos(2 * np.pi * dE_GHz * 1e9 * T_phi)) == pytest.approx(math.exp(-1), abs=0.01)


def test_coherent_superinductor_only_when_dephasing_time_reaches_the_target():
    tin = make_film("TiN", 1500, Tc=2.0, diffusion=0.366e-4)
    wire = Wire(tin, 100e-9, 29.0e-6, 300e-9)
    est = estimate_phase_slip(wire)
    assert est.Tphi_phase_slip_s == pytest.approx(1 / (math.pi * est.E_S_random_GHz * 1e9), rel=1e-12)
    above = estimate_phase_slip(wire, T2_target_s=0.5 * est.Tphi_phase_slip_s)
    below = estimate_phase_slip(wire, T2_target_s=2.0 * est.Tphi_phase_slip_s)
    assert above.verdict == "coherent superinductor" and below.verdict != "coherent superinductor"
    assert "phase-slip dephasing" in below.verdict  # E_S ≪ E_L^fluxoid, but T_φ is short
    assert estimate_phase_slip(Wire(inox(), 40e-9, 400e-9)).verdict == "QPS-qubit regime"  # E_S/E_L ~ 0.8


def test_representative_diffusion_constant_is_flagged_and_widens_the_band():
    tin_db = make_film("TiN", 1500, Tc=2.0)  # D = 0.366 cm²/s from the database: representative, not measured
    tin_given = make_film("TiN", 1500, Tc=2.0, diffusion="0.366 cm**2/s")
    e_db, e_given = (estimate_phase_slip(Wire(f, 100e-9, 2e-6)) for f in (tin_db, tin_given))
    assert any("representative" in w for w in e_db.warnings) and not e_given.warnings
    assert e_db.E_S_GHz == pytest.approx(e_given.E_S_GHz, rel=1e-12)
    assert e_db.E_S_band_GHz[0] < e_given.E_S_band_GHz[0] and e_db.E_S_band_GHz[1] > e_given.E_S_band_GHz[1]


def _data(model, film, widths, factors=None):
    wires = [Wire(film, w, 400e-9) for w in widths]
    factors = factors or [1.0] * len(wires)
    return [(w, k * model.E_S_GHz(film, w.width_m, w.length_m)) for w, k in zip(wires, factors)]


def test_calibration_recovers_constants_and_reports_leave_one_out_error():
    truth = PhaseSlipModel(2.0, 0.61, "usadel", source="synthetic")
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
    # a calibrated model widens its band by e^{±ln_error}
    cal = calibrate(noisy, fit="ab")
    est = estimate_phase_slip(Wire(inox(), 50e-9, 400e-9), cal)
    assert est.E_S_band_GHz[1] >= cal.E_S_GHz(inox(), 50e-9, 400e-9) * math.exp(cal.ln_error)
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
    truth = PhaseSlipModel(1.0, 0.45, "usadel", source="synthetic")
    recs = []
    for w in (30, 45, 60):
        film = make_film("a:InO", 2000, Tc=2.5, diffusion=0.5e-4)
        recs.append(dict(id=f"w{w}", material="a:InO", width_nm=w, length_nm=400, R_sq_ohm=2000, Tc_K=2.5,
                         diffusion_cm2_per_s=0.5, E_S_GHz=truth.E_S_GHz(film, w * 1e-9, 400e-9), source="s",
                         quote="q"))
    assert len(calibration_measurements(recs)) == 3
    assert calibrated_model(recs).b == pytest.approx(0.45, rel=1e-9)
