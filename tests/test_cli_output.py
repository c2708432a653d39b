"""What the commands print for a person (rich tables, engineering units) and the wire ranking: every candidate with
the constraints it fails, never an E_S-dominated wire first, exit 0 with a warning when none passes."""
import ast
import math
from pathlib import Path

import pytest
from scipy.constants import hbar, k as k_B

ROOT = Path(__file__).parent.parent
TIN = ["TiN", "--rsq", "1.5 kOhm", "--tc", "2 K"]
RANGE = ["--inductance", "300 nH", "--width", "40 nm:200 nm:9"]
#: BCS Δ0 = π e^{−γ_E} k_B T_c
BCS = math.pi * math.exp(-0.5772156649015329)


def test_cli_modules_do_no_physics():
    for path in sorted((ROOT / "superind" / "cli").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [("." * node.level) + (node.module or "")]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in ("numpy", "scipy"), (path.name, name)
                assert not name.endswith("constants"), (path.name, name)


def test_film_table_in_engineering_units(run_cli):
    code, out, _ = run_cli("film", *TIN)
    # Mattis–Bardeen L_k,□ = ħR_sq/(πΔ0) = 1.034 nH/□ for 1.5 kΩ and T_c = 2 K
    L = hbar * 1500 / (math.pi * BCS * k_B * 2.0)
    assert code == 0 and f"{L * 1e9:.3f} nH/□" == "1.034 nH/□" and "1.034 nH/□" in out
    assert "1.50 kΩ" in out and "None" not in out


def test_wire_range_lists_every_candidate_with_its_failures(run_json, run_cli):
    r = run_json("wire", *TIN, *RANGE, "--min-f-self", "18 GHz")
    cands = r["candidates"]
    widths = sorted(c["width_m"] for c in cands)
    assert len(cands) == 9 and widths == pytest.approx([(40 + 20 * k) * 1e-9 for k in range(9)])
    assert all(set(c) >= {"width_m", "ok", "fails", "f_self_Hz", "E_S_GHz", "footprint_m2"} for c in cands)
    delta_GHz = r["film"]["delta_GHz"]
    for c in cands:  # the failures are the numbers' own verdicts
        assert ("min_f_self" in c["fails"]) == (c["f_self_Hz"] < 18e9)
        assert c["ok"] == (not c["fails"])
    ok = [c["ok"] for c in cands]
    assert ok == sorted(ok, reverse=True)  # every passing wire before every failing one
    assert r["width_m"] == cands[0]["width_m"]  # the detailed numbers are the first candidate's
    code, out, _ = run_cli("wire", *TIN, *RANGE, "--min-f-self", "18 GHz")
    assert code == 0 and "fails: f_self < --min-f-self" in out
    # a strongly disordered a:InO film: the narrowest wire is E_S-dominated whatever a and b are (the band's lowest
    # edge above E_L^fluxoid and Δ/h), the others only reach those limits at the band's top (a caution)
    inox = run_json("wire", "InOx", "--rsq", "3 kOhm", "--tc", "2.5 K", "--EL", "0.5 GHz", "--width",
                    "20 nm:100 nm:5")["candidates"]
    delta_GHz = run_json("film", "InOx", "--rsq", "3 kOhm", "--tc", "2.5 K")["delta_GHz"]
    for c in inox:
        lo, hi = c["E_S_band_GHz"]
        assert ("E_S_vs_E_L" in c["fails"]) == (lo >= c["E_L_fluxoid_GHz"])
        assert ("E_S_vs_gap" in c["fails"]) == (lo >= delta_GHz)
        assert bool(c["cautions"]) == (lo < c["E_L_fluxoid_GHz"] <= hi or lo < delta_GHz <= hi)
    dominated = [bool({"E_S_vs_E_L", "E_S_vs_gap"} & set(c["fails"])) for c in inox]
    assert any(dominated) and not dominated[0] and dominated == sorted(dominated)
    assert all(f"{w:.0f} nm" in out or f"{w:.1f} nm" in out for w in (40, 60, 100, 200))


def test_no_passing_candidate_exits_0_with_a_warning(run_cli):
    code, out, _ = run_cli("wire", *TIN, *RANGE, "--min-f-self", "100 GHz")
    assert code == 0 and "warning: no candidate width meets every constraint" in out


def test_touchstone_option(run_json, tmp_path):
    r = run_json("wire", *TIN, "--inductance", "300 nH", "--width", "100 nm", "--touchstone", str(tmp_path / "w.s1p"))
    assert r["touchstone"] == str(tmp_path / "w.s1p") and (tmp_path / "w.s1p").read_text().count("\n") > 100


def test_surface_impedance_option(run_cli, tmp_path):
    code, out, err = run_cli("film", *TIN, "--surface-impedance", str(tmp_path / "zs.csv"), "--palace",
                             str(tmp_path / "palace.json"))
    assert code == 0, err
    assert (tmp_path / "zs.csv").read_text().startswith("f_Hz,R_s_ohm,L_s_H\n")
    assert '"Impedance"' in (tmp_path / "palace.json").read_text()


def test_qubit_table(run_cli):
    code, out, _ = run_cli("qubit", "rfsquid", "--EJ", "8.9 GHz", "--EC", "2.5 GHz", "--EL", "0.5 GHz")
    # the fluxonium worked example of docs/theory/qubits.md: f01(Φ0/2) = 0.363 GHz
    assert code == 0 and "0.363 GHz" in out and "None" not in out
