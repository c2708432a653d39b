"""`superind wire` and `superind chain`: JSON contract with issue 3's worked numbers and one-line errors."""
import math

import pytest

TIN = ["TiN", "--rsq", "1.5 kOhm", "--tc", "2 K"]
KEYS = ["length_m", "width_m", "squares", "L_H", "L_k_H", "L_geo_H", "L_per_m_H", "C_per_m_F", "Z_ohm", "Z_over_RQ",
        "v_m_per_s", "f_self_Hz", "f_self_half_wave_Hz", "E_L_GHz", "E_L_fluxoid_GHz", "E_S_GHz", "E_S_band_GHz",
        "I_star_A", "warnings"]


def test_wire_json_worked_example(run_json):
    r = run_json("wire", *TIN, "--inductance", "300 nH", "--width", "100 nm", "--line", "cpw", "--ground-gap", "10 um",
                 "--substrate", "Si")
    assert all(k in r for k in KEYS)
    assert r["length_m"] == pytest.approx(29.0e-6, rel=2e-3)
    assert r["L_geo_H"] / r["length_m"] == pytest.approx(1.338e-6, rel=5e-3)
    assert r["C_per_m_F"] == pytest.approx(52.8e-12, rel=5e-3)
    assert r["Z_ohm"] == pytest.approx(13.99e3, rel=5e-3)
    # the unfolded wire's λ/4 pole v/4ℓ (closed form; scikit-rf agrees, tests/test_wire.py) …
    assert r["f_self_straight_Hz"] == pytest.approx(11.66e9, rel=5e-3)
    # … while f_self is the first pole of the meander that would be drawn (its own tests check the model)
    assert r["f_self_Hz"] == r["modes_Hz"][0] and r["meander_rows"] > 1 and "rows" in r["self_resonance_model"]
    lo, hi = r["E_S_band_GHz"]
    assert lo <= r["E_S_GHz"] <= hi


def test_wire_EL_target_warns_about_self_resonance(run_json):
    # 0-π superinductance E_L = 0.04 GHz → 4.09 µH: even folded into a meander its first pole (≈ 2.9 GHz, cf. the
    # independent multiconductor model of the review: 2.96 GHz for 45 rows) lies below the 4 GHz band
    r = run_json("wire", *TIN, "--EL", "0.04 GHz", "--width", "100 nm")
    assert r["L_H"] == pytest.approx(4.09e-6, rel=2e-3) and r["f_self_straight_Hz"] == pytest.approx(0.86e9, rel=1e-2)
    assert 2e9 < r["f_self_Hz"] < 4e9
    # judged at the lower of the 2D model and its 3D estimate (the rows are short against the 10 µm ground gap)
    judged = min(r["f_self_Hz"], r.get("cross_section", {}).get("f_self_3d_estimate_Hz", math.inf))
    assert any("self-resonance" in w and f"{judged / 1e9:.3g} GHz" in w for w in r["warnings"])


def test_narrow_inox_wire_warns_1d(run_json):
    # ξ_Usadel = √(ħD/Δ0) = 29 nm for D = 5 cm²/s, Δ0 = 1.764 k_B·2.5 K: a 25 nm wire is one-dimensional
    r = run_json("wire", "InOx", "--rsq", "2 kOhm", "--tc", "2.5 K", "--diffusion", "5 cm**2/s", "--inductance",
                 "500 nH", "--width", "25 nm", "--line", "isolated")
    assert any("1D phase-slip regime" in w for w in r["warnings"])


@pytest.mark.parametrize("args,match", [
    (["--inductance", "300 nH", "--width", "0 nm"], "positive"),
    (["--inductance", "300 nH", "--width", "-100 nm"], "positive"),
    (["--inductance", "300 nH", "--width", "nan nm"], "finite"),
    (["--inductance", "300 nH", "--width", "100"], "no unit"),
    (["--inductance", "300 nH", "--width", "20 um", "--ground-gap", "10 um"], "larger than the ground gap"),
    (["--width", "100 nm"], "exactly one target"),
])
def test_wire_bad_input(run_cli, args, match):
    code, _, err = run_cli("wire", *TIN, *args)
    assert code == 2 and match in err and err.count("\n") == 1


def test_chain_json(run_json):
    # PHYSICS.md §2.4 worked chain: L_J = 2 nH ↔ E_J = 81.731 GHz, C_J = 40 fF, C_0 = 0.04 fF
    r = run_json("chain", "--N", "200", "--EJ", "81.731 GHz", "--CJ", "40 fF", "--C0", "0.04 fF")
    for k in ["L_H", "Z_ohm", "v_m_per_s", "f_plasma_Hz", "modes_Hz", "phase_slip_GHz"]:
        assert k in r
    assert r["modes_both_grounded_Hz"][0] == pytest.approx(7.916e9, rel=1e-4)
    assert r["Z_ohm"] == pytest.approx(7071.1, rel=1e-4)
    # one end grounded, as a superinductor sits in the circuit (same convention as a film wire's modes_Hz)
    assert r["f_self_Hz"] == r["modes_Hz"][0] < r["modes_both_grounded_Hz"][0]


def test_a_wire_too_short_to_meander_is_modelled_straight_and_says_so(run_json):
    # 1 nH of a:InO (L_k,□ ≈ 1.1 nH at 2 kΩ, 2.5 K) is about one square: no meander with leads fits
    r = run_json("wire", "InOx", "--rsq", "2 kOhm", "--tc", "2.5 K", "--inductance", "1 nH", "--width", "30 nm",
                 "--line", "isolated")
    assert r["meander_rows"] == 1 and r["squares"] < 2
    assert any("too short for a meander" in v["message"] for v in r["verdicts"])
    assert r["cell"] == "straight"
