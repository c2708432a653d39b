"""`superind film` and `superind materials`: the JSON contract, worked numbers, and one-line errors."""
import math
import pytest


def test_film_json_worked_example(run_json):
    # issue 2 / PHYSICS.md §1.3: 1.5 kΩ, 2 K → 1.0338 nH/□; at 1 K × 1.1191 (exact BCS)
    r = run_json("film", "TiN", "--rsq", "1.5 kOhm", "--tc", "2 K")
    for key in ["material", "R_sq_ohm", "Tc_K", "Tc_source", "gap_ratio", "delta_J", "temperature_K", "L_k_sq_H",
                "L_k_sq_H_T0", "warnings"]:
        assert key in r
    assert r["L_k_sq_H"] == pytest.approx(1.0338e-9, rel=1e-3)
    assert r["Tc_source"] == "given" and r["temperature_K"] == 0
    hot = run_json("film", "TiN", "--rsq", "1.5 kOhm", "--tc", "2 K", "--temperature", "1 K")
    assert hot["L_k_sq_H"] / hot["L_k_sq_H_T0"] == pytest.approx(1.1191, rel=1e-4)


def test_film_finkelstein_prediction(run_json):
    # PHYSICS.md §5.3: 2.846 K at 1 kΩ, 0.458 K at 3 kΩ; R_c(6.5) = 4575 Ω
    r = run_json("film", "TiN", "--rsq", "1 kOhm", "--tc0", "4.7 K", "--gamma", "6.5")
    assert r["Tc_K"] == pytest.approx(2.846, rel=1e-3) and r["Tc_source"] == "finkelstein"
    assert r["critical_R_sq_ohm"] == pytest.approx(4575, abs=1)
    assert run_json("film", "TiN", "--rsq", "3 kOhm", "--tc0", "4.7 K", "--gamma", "6.5")["Tc_K"] == pytest.approx(
        0.458, rel=1e-3)


def test_film_gap_in_microvolts(run_json):
    r = run_json("film", "GrAl", "--rsq", "1 kOhm", "--gap", "180 ueV", "--thickness", "10 nm")
    assert r["delta_ueV"] == pytest.approx(180, rel=1e-9) and r["penetration_depth_m"] > 0


def test_human_output_has_units(run_cli):
    code, out, _ = run_cli("film", "TiN", "--rsq", "1.5 kOhm", "--tc", "2 K")
    assert code == 0 and "nH/□" in out and "K" in out


def test_materials_listing(run_cli):
    code, out, _ = run_cli("materials")
    assert code == 0 and "TiN" in out and "GrAl" in out
    code, out, _ = run_cli("materials", "InOx")
    assert code == 0 and "arXiv" in out


@pytest.mark.parametrize("args,match", [
    (["--rsq", "-1 kOhm", "--tc", "2 K"], "positive"),
    (["--rsq", "0 kOhm", "--tc", "2 K"], "positive"),
    (["--rsq", "nan kOhm", "--tc", "2 K"], "finite"),
    (["--rsq", "inf kOhm", "--tc", "2 K"], "finite"),
    (["--rsq", "1 kOhm", "--tc", "-2 K"], "positive"),
    (["--rsq", "1 kOhm", "--tc", "2 K", "--thickness", "-10 nm"], "positive"),
    (["--rsq", "1 kOhm", "--tc", "2 K", "--thickness", "10"], "no unit"),
    (["--rsq", "1 kOhm", "--tc", "2 K", "--thickness", "10 K"], "length"),
    (["--rsq", "1 kOhm", "--tc", "2 K", "--temperature", "3 K"], "not below T_c"),
    (["--rsq", "1 kOhm", "--tc", "2 K", "--bogus"], "No such option"),
])
def test_bad_input_is_one_line_exit_2(run_cli, args, match):
    code, out, err = run_cli("film", "TiN", *args)
    assert code == 2 and match in err and err.count("\n") == 1 and "Traceback" not in err


def test_unknown_material_exit_2(run_cli):
    code, _, err = run_cli("film", "TiNN", "--rsq", "1 kOhm", "--tc", "2 K")
    assert code == 2 and "did you mean" in err


def test_malformed_user_material_exit_2(run_cli, monkeypatch, tmp_path):
    (tmp_path / "broken.yaml").write_text("name: X\n  bad: [")
    monkeypatch.setenv("SUPERIND_MATERIALS", str(tmp_path))
    code, _, err = run_cli("film", "TiN", "--rsq", "1 kOhm", "--tc", "2 K")
    assert code == 2 and "broken.yaml" in err and err.count("\n") == 1


def test_console_script_runs():
    import subprocess
    import sys
    from pathlib import Path
    exe = Path(sys.executable).with_name("superind")
    p = subprocess.run([str(exe), "film", "TiN", "--rsq", "100", "--tc", "2 K"], capture_output=True, text=True)
    assert p.returncode == 2 and "no unit" in p.stderr and "Traceback" not in p.stderr


def test_li_2025_tin_film_warns_and_takes_the_measured_kinetic_inductance(run_json):
    # Li et al., arXiv:2509.14133: 27 nm TiN, T_c = 3.8 K, "characteristic sheet resistivity" 475 Ω/□, L_k,□ = 394 pH/□
    li = ("TiN", "--rsq", "475 Ohm", "--tc", "3.8 K", "--thickness", "27 nm")
    plain = run_json("film", *li)
    assert plain["L_k_sq_H"] == pytest.approx(172.3e-12, rel=1e-3)  # ħR/(π·1.764 k_B T_c), T → 0
    assert any("just above T_c" in v["message"] for v in plain["verdicts"])  # the R_sq ambiguity (a note)
    assert any("100 µΩ cm" in w for w in plain["warnings"])         # ρ = 475 Ω × 27 nm = 1283 µΩ cm: disorder
    measured = run_json("film", *li, "--lk-sq", "394 pH")
    hbar, k_B = 1.054571817e-34, 1.380649e-23
    delta0 = 1.763877 * k_B * 3.8
    assert measured["implied_R_sq_ohm"] == pytest.approx(math.pi * delta0 * 394e-12 / hbar, rel=1e-5)  # ≈ 1086 Ω
    assert measured["implied_R_sq_ohm"] == pytest.approx(1086, abs=1)
    assert measured["implied_gap_ratio"] == pytest.approx(hbar * 475 / (math.pi * k_B * 3.8 * 394e-12), rel=1e-5)
    assert measured["implied_gap_ratio"] == pytest.approx(0.77, abs=0.005)
    wire = run_json("wire", *li, "--lk-sq", "394 pH", "--inductance", "100 nH", "--width", "100 nm")
    assert wire["L_k_sq_H"] == pytest.approx(394e-12, rel=1e-12)  # designs use the measured value


def test_a_measured_sheet_inductance_alone_sizes_a_wire_and_says_what_it_cannot(run_json):
    # L_k,□ = 1 nH/□ at 100 nm: 10 nH/µm, so 326.9 nH (E_L = 0.5 GHz) is ≈ 32.7 µm of wire — no R_sq, no T_c needed
    w = run_json("wire", "TiN", "--lk-sq", "1 nH", "--EL", "0.5 GHz", "--width", "100 nm")
    assert w["L_k_sq_H"] == pytest.approx(1e-9, rel=1e-12) and w["length_m"] == pytest.approx(32.7e-6, rel=1e-2)
    assert w["E_S_GHz"] is None and w["I_star_A"] is None  # both need the gap
    codes = {v["code"] for v in w["verdicts"]}
    assert {"film.inductance_only", "phase_slip.no_estimate"} <= codes
    # with T_c the measured L_k,□ implies R_sq = πΔ0 L_k,□/ħ (Mattis–Bardeen): 1.451 kΩ at 2 K, BCS gap
    f = run_json("film", "TiN", "--lk-sq", "1 nH", "--tc", "2 K")
    hbar, k_B = 1.054571817e-34, 1.380649e-23
    assert f["R_sq_ohm"] == pytest.approx(math.pi * 1.763877 * k_B * 2.0 * 1e-9 / hbar, rel=1e-5)
    assert f["R_sq_source"].startswith("implied")
