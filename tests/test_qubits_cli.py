"""`superind qubit …` JSON contract and bad-input exit codes."""
import re

import pytest


FLUXONIUM = ("--EJ", "8.9 GHz", "--EC", "2.5 GHz", "--EL", "0.5 GHz")


def test_cli_rfsquid_from_energies(run_json):
    d = run_json("qubit", "rfsquid", *FLUXONIUM, "--flux", "0:0.5:2")
    # PHYSICS.md §4.1: f01(½) = 0.36342 GHz; transitions at 0: 8.75845, 8.97955, 11.00203 GHz
    assert abs(d["f01_GHz"][1] - 0.36342) < 1e-5
    t0 = [x - d["levels_GHz"][0][0] for x in d["levels_GHz"][0][1:]]
    assert max(abs(a - b) for a, b in zip(t0, [8.75845, 8.97955, 11.00203])) < 1e-5
    for key in ("kind", "flux", "E_J_GHz", "E_C_GHz", "E_L_GHz", "T1_s", "Tphi_flux_s", "noise_assumptions",
                "warnings", "cutoff", "matrix_elements"):
        assert key in d
    # the default film Q is flat at 1e5 (quasiparticles included) within 2e4 … 1e6; at f01(½) = 0.36342 GHz the band's
    # edges also carry (f/1 GHz)^p, p ∈ [0, ½]: 2e4·√0.36342 … 1e6
    film_Q = d["coherence"]["film_Q"]
    assert film_Q["Q_ind_total"] == 1e5 and film_Q["includes_quasiparticles"] is True
    assert film_Q["Q_ind_band"] == pytest.approx([2e4 * 0.36342 ** 0.5, 1e6], rel=1e-4)
    assert film_Q["at_f_Hz"] == pytest.approx(0.36342e9, rel=1e-4) and d["noise_assumptions"]["Q_ind"] == film_Q["Q_ind_total"]
    # T1 and T2 come with bands and name what limits them
    assert d["T1_band_s"][0] < d["T1_s"] < d["T1_band_s"][1] and d["limiting"]["T1"]["channel"].startswith("t1_")


def test_cli_rfsquid_from_film_wire_and_rn(run_json):
    # Al-like junction by Ambegaokar–Baratoff (§4.2) on a TiN loop; E_J = 14.232 GHz
    d = run_json("qubit", "rfsquid", "--material", "TiN", "--rsq", "1.5 kOhm", "--tc", "2 K", "--EL", "0.5 GHz",
                 "--width", "100 nm", "--Rn", "10 kOhm", "--junction-gap", "182.4 ueV", "--C", "7.75 fF",
                 "--flux", "0.5")
    assert abs(d["E_J_GHz"] - 14.232) < 2e-3
    assert abs(d["wire"]["L_H"] - 326.9e-9) < 0.1e-9
    assert abs(d["junction"]["I_c_A"] - 28.653e-9) < 0.01e-9


def test_cli_qps_keys_and_plot(run_json, tmp_path):
    png = tmp_path / "qps.png"
    d = run_json("qubit", "qps", "--inductance", "50 nH", "--ES", "5 GHz", "--flux", "0:1:3", "--plot", str(png))
    assert abs(d["E_L_fluxoid_GHz"] - 64.532) < 1e-3 and d["E_S_GHz"] == 5.0
    assert abs(d["f01_GHz"][1] - 4.99812) < 1e-5  # PHYSICS.md §3.4
    assert "E_S_band_GHz" in d and png.stat().st_size > 0


def test_cli_qps_band_from_wire(run_json):
    d = run_json("qubit", "qps", "--material", "InOx", "--rsq", "2 kOhm", "--tc", "2.5 K", "--inductance", "50 nH",
                 "--width", "40 nm", "--flux", "0.5")
    lo, hi = d["E_S_band_GHz"]
    assert lo <= d["E_S_GHz"] <= hi and set(d["levels_band_GHz"]) == {"low", "high"}


def test_cli_bad_input_exit_code_2(run_cli):
    for args in [("--EJ", "-8.9 GHz", "--EC", "2.5 GHz", "--EL", "0.5 GHz"),
                 (*FLUXONIUM, "--flux", "0:1:0"),
                 ("--EJ", "8.9 GHz", "--EC", "0 GHz", "--EL", "0.5 GHz"),
                 ("--EC", "2.5 GHz", "--EL", "0.5 GHz"),
                 ("--Rn", "10 kOhm", "--EC", "2.5 GHz", "--EL", "0.5 GHz")]:
        code, out, err = run_cli("qubit", "rfsquid", *args)
        assert code == 2, args
        assert err.startswith("superind: error:") and err.count("\n") == 1
    code, _, err = run_cli("qubit", "qps", "--EL", "0.5 GHz")
    assert code == 2 and "--ES" in err


def test_cli_zeropi_film_inductors_warn_about_self_resonance(run_json):
    # PHYSICS.md §4.3: scqubits defaults → E1−E0 = 0.027224, E2−E0 = 1.120477 GHz; 4.09 µH TiN inductors on a
    # 14 kΩ line self-resonate below the qubit's frequencies → warning
    d = run_json("qubit", "zeropi", "--material", "TiN", "--rsq", "1.5 kOhm", "--tc", "2 K", "--EL", "0.04 GHz",
                 "--width", "100 nm", "--EJ", "10 GHz", "--EC", "20 GHz", "--EC-shunt", "0.04 GHz", "--ng", "0.1",
                 "--flux", "0.23", "--levels", "3", "--at", "0.23")
    assert abs(d["transitions_GHz"][0][1] - 0.027224) < 1e-6 and abs(d["transitions_GHz"][0][2] - 1.120477) < 1e-6
    # the drawn 0-π superinductor (a meander of ~45 rows; the review's independent multiconductor model gives
    # 2.96 GHz for 45 rows × 8.53 µm) self-resonates far below the straight-wire λ/4 mode's … and still in band
    assert abs(d["wire"]["f_self_straight_Hz"] - 0.856e9) < 0.01e9 and 2e9 < d["wire"]["f_self_Hz"] < 4e9
    assert any(v["code"] == "superinductor.self_resonance" and v["severity"] == "warning" for v in d["verdicts"])  # in band
    assert any("self-resonance" in w for w in d["wire"]["warnings"])
    assert abs(d["E_CS_GHz"] - 0.03992) < 1e-5 and "E_C_convention" in d


def test_cli_zeropi_modes_prints_the_modes_and_their_couplings(run_cli, run_json):
    # A light 0-π with a straight TiN wire: one wire mode per superinductor gives an even and an odd pair; the
    # circuit's symmetry lets exactly one pair couple, to θ (its phase moves the wire as a whole against ground).
    args = ("qubit", "zeropi", "--material", "TiN", "--rsq", "1.5 kOhm", "--tc", "2 K", "--EL", "1.5 GHz",
            "--width", "100 nm", "--EJ", "3 GHz", "--EC", "3 GHz", "--EC-shunt", "6 GHz", "--flux", "0:0.3:2",
            "--levels", "3", "--at", "0", "--modes", "1")
    m = run_json(*args)["multimode"]
    assert m["modes"] == 1 and m["g_GHz"] == [0.0] and abs(m["g_theta_GHz"][0]) > 0.1
    assert len(m["uncoupled_Hz"]) == 2  # ζ and the other pair
    code, out, _ = run_cli(*args)
    assert code == 0 and "multimode" in out and "g_θ" in out and "modes that do not couple" in out
    assert "phi_half_range = " in out and not re.search(r"\d\.\d{6,}", out)  # no raw float dumps (grid range)
