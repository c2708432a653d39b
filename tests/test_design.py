"""Design files: the shipped designs resolve, numbers agree with the single-layer commands, bad files fail cleanly."""
import json
from pathlib import Path

import pytest

from superind.design import load_design, scalar_results, set_field

LAYOUTS = Path(__file__).parent.parent / "layouts"
GOOD = (LAYOUTS / "tin_rfsquid.toml").read_text()


def test_design_numbers_agree_with_single_layer_commands(run_json):
    from superind.build import evaluate
    r = evaluate(load_design(LAYOUTS / "tin_rfsquid.toml"), with_layout=False).numbers
    film = run_json("film", "TiN", "--rsq", "1.5 kOhm", "--tc", "2 K", "--thickness", "10 nm", "--temperature", "20 mK")
    assert r["film"]["L_k_sq_H"] == pytest.approx(film["L_k_sq_H"], rel=1e-12)
    wire = run_json("wire", "TiN", "--rsq", "1.5 kOhm", "--tc", "2 K", "--temperature", "20 mK", "--EL", "0.5 GHz",
                    "--width", "100 nm", "--line", "cpw", "--ground-gap", "10 um", "--substrate", "Si")
    for k in ["length_m", "L_H", "Z_ohm", "f_self_Hz", "E_L_GHz", "E_L_fluxoid_GHz", "E_S_GHz"]:
        assert r["superinductor"][k] == pytest.approx(wire[k], rel=1e-9), k
    qubit = run_json("qubit", "rfsquid", "--material", "TiN", "--rsq", "1.5 kOhm", "--tc", "2 K", "--temperature", "20 mK",
                     "--EL", "0.5 GHz", "--width", "100 nm", "--EJ", "8.9 GHz", "--EC", "2.5 GHz", "--flux", "0:1:201")
    assert r["qubit"]["f01_GHz"] == pytest.approx(qubit["f01_GHz"], abs=1e-9)
    # PHYSICS.md §4.1: the same energies give f01(½) = 0.36342 GHz and 8.75845, 8.97955, 11.00203 GHz at 0
    q = r["qubit"]
    assert q["f01_GHz"][100] == pytest.approx(0.36342, abs=1e-5)
    assert q["transitions_GHz"][0][1:4] == pytest.approx([8.75845, 8.97955, 11.00203], abs=1e-5)


def test_set_field_changes_one_value():
    d = load_design(LAYOUTS / "tin_rfsquid.toml")
    d2 = set_field(d, "superinductor.width", 120e-9)
    assert scalar_results(d2)["length_m"][0] == pytest.approx(scalar_results(d)["length_m"][0] * 1.2, rel=1e-3)


def _write(tmp_path, text):
    p = tmp_path / "bad.toml"
    p.write_text(text)
    return p


@pytest.mark.parametrize("edit,match", [
    (lambda t: t.replace("[junction]\nE_J", "[junctionx]\nE_J"), "unknown field 'junctionx'"),
    (lambda t: t.replace('width = "100 nm"', 'widht = "100 nm"'), "did you mean 'width'"),
    (lambda t: t.replace('width = "100 nm"', 'width = "100 K"'), "superinductor.width"),
    (lambda t: t.replace('width = "100 nm"', 'width = "100"'), "no unit"),
    (lambda t: t.replace('R_sq = "1.5 kOhm"', 'R_sq = "-1.5 kOhm"'), "film.R_sq"),
    (lambda t: t.replace('material = "TiN"', 'material = "Unobtainium"'), "unknown material"),
    (lambda t: t.replace('process = "default"', 'process = "nosuchfab"'), "nosuchfab"),
    (lambda t: t.replace("points = 201", "points = 0"), "qubit.flux.points"),
    (lambda t: t.split("[film]")[0] + "[superinductor]" + t.split("[superinductor]")[1], "missing field 'film'"),
])
def test_bad_design_exit_2_names_file_and_field(run_cli, tmp_path, edit, match):
    p = _write(tmp_path, edit(GOOD))
    out = tmp_path / "out"
    code, _, err = run_cli("build", str(p), "-o", str(out))
    assert code == 2 and match in err and "bad.toml" in err and err.count("\n") == 1
    assert not out.exists()
