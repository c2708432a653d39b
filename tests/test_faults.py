"""Bad input and faults, as a careless user or script would produce them: every case exits with the documented
code (0 success, 1 a check that failed, 2 bad input or environment, 130 interrupted), prints exactly one line on
stderr with no traceback, and leaves exactly the files it should (none, or the previous set byte-identical)."""
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYOUTS = ROOT / "layouts"
TIN = ("TiN", "--rsq", "1.5 kOhm", "--tc", "2 K")
FLUXONIUM = ("--EJ", "8.9 GHz", "--EC", "2.5 GHz", "--EL", "0.5 GHz")
GOOD = (LAYOUTS / "tin_rfsquid.toml").read_text()


def one_line_error(code, out, err, expected_code, match):
    assert code == expected_code, (code, err)
    assert err.count("\n") == 1 and err.startswith("superind: error:"), err
    assert "Traceback" not in err and match in err, err


CASES = [
    # film
    (("film", "TiN", "--tc", "2 K"), "--rsq"),
    (("film", "TiN", "--rsq", "-1.5 kOhm", "--tc", "2 K"), "positive"),
    (("film", "TiN", "--rsq", "nan kOhm", "--tc", "2 K"), "finite"),
    (("film", "TiN", "--rsq", "inf kOhm", "--tc", "2 K"), "finite"),
    (("film", "TiN", "--rsq", "1500", "--tc", "2 K"), "no unit"),
    (("film", "TiN", "--rsq", "1.5 kOhm", "--tc", "2 nm"), "not a temperature"),
    (("film", *TIN, "--temperature", "3 K"), "T_c"),
    (("film", "Unobtainium", "--rsq", "1 kOhm", "--tc", "2 K"), "Unobtainium"),
    (("film", *TIN, "--gap-ratio", "0"), "gap-ratio"),
    (("film", *TIN, "--gap-ratio", "nan"), "gap-ratio"),
    (("film", "TiN", "--rsq", "1 kOhm", "--tc0", "4.7 K", "--gamma", "1.5"), "γ"),
    (("film", *TIN, "--pair-breaking", "0.7"), "pair_breaking"),
    (("film", *TIN, "--lk-sq", "-394 pH"), "positive"),
    (("film", *TIN, "--thickness", "10"), "no unit"),
    (("film", *TIN, "--temperature", "-1 K"), "temperature"),
    # wire
    (("wire", *TIN, "--inductance", "300 nH"), "--width"),
    (("wire", *TIN, "--inductance", "300 nH", "--width", "0 nm"), "positive"),
    (("wire", *TIN, "--inductance", "300 nH", "--width", "40 nm:200 nm:0"), "at least 1"),
    (("wire", *TIN, "--inductance", "300 nH", "--width", "40 nm:200 nm:100000000"), "SUPERIND_MAX_WIDTHS"),
    (("wire", *TIN, "--inductance", "300 nH", "--width", "40 nm:200 nm:1e8"), "whole number"),
    (("wire", *TIN, "--width", "100 nm"), "exactly one target"),
    (("wire", *TIN, "--inductance", "300 nH", "--EL", "0.5 GHz", "--width", "100 nm"), "exactly one target"),
    (("wire", *TIN, "--inductance", "300 nH", "--width", "100 nm", "--line", "coax"), "--line"),
    (("wire", *TIN, "--inductance", "300 nH", "--width", "100 nm", "--line", "microstrip"), "height"),
    (("wire", *TIN, "--inductance", "300 nH", "--width", "100 nm", "--ground-gap", "50 nm"), "ground gap"),
    (("wire", *TIN, "--inductance", "300 nH", "--width", "100 nm", "--pitch", "80 nm"), "pitch"),
    (("wire", *TIN, "--inductance", "10 m", "--width", "100 nm"), "inductance"),
    (("wire", *TIN, "--inductance", "1 H", "--width", "100 nm"), "SUPERIND_MAX_MEANDER_LENGTH_M"),
    (("wire", *TIN, "--inductance", "300 nH", "--width", "100 nm", "--substrate", "cheese"), "substrate"),
    # chain
    (("chain", "--N", "0", "--EJ", "80 GHz", "--CJ", "40 fF", "--C0", "0.04 fF"), "N"),
    (("chain", "--N", "100", "--EJ", "80 GHz", "--CJ", "40 fF", "--C0", "0.04 fF", "--modes", "-3"), "--modes"),
    (("chain", "--N", "100", "--EJ", "80 GHz", "--C0", "0.04 fF"), "--CJ"),
    # qubits
    (("qubit", "rfsquid", *FLUXONIUM, "--flux", "0:1:100000000"), "SUPERIND_MAX_FLUX_POINTS"),
    (("qubit", "rfsquid", *FLUXONIUM, "--flux", "nan:1:3"), "flux"),
    (("qubit", "rfsquid", *FLUXONIUM, "--flux", "0:1:0"), "flux"),
    (("qubit", "rfsquid", *FLUXONIUM, "--at", "nan"), "--at"),
    (("qubit", "rfsquid", *FLUXONIUM, "--Q-ind", "-1"), "--Q-ind"),
    (("qubit", "rfsquid", *FLUXONIUM, "--levels", "1"), "--levels"),
    (("qubit", "rfsquid", "--EC", "2.5 GHz", "--EL", "0.5 GHz"), "E_J"),
    (("qubit", "rfsquid", "--EJ", "8.9 GHz", "--EL", "0.5 GHz"), "E_C"),
    (("qubit", "zeropi", *FLUXONIUM, "--ng", "inf"), "--ng"),
    (("qubit", "zeropi", *FLUXONIUM), "shunt"),
    (("qubit", "qps", "--EL", "0.5 GHz"), "--ES"),
    (("qubit", "qps", "--EL", "0.5 GHz", "--ES", "-1 GHz"), "positive"),
    (("qubit", "rfsquid", *FLUXONIUM, "--rsq", "1 kOhm"), "--material"),
    (("qubit", "cos2phi", *FLUXONIUM, "--EC-shunt", "0.04 GHz", "--C-shunt", "400 fF"), "not both"),
    # layout
    (("gds", "meander", "--width", "5 nm", "--gap", "100 nm", "--squares", "500", "-o", "{tmp}/m.gds"), "width"),
    (("gds", "meander", "--width", "100 nm", "--gap", "100 nm", "--length", "10 m", "-o", "{tmp}/m.gds"),
     "SUPERIND_MAX_MEANDER_LENGTH_M"),
    (("gds", "meander", "--width", "100 nm", "--gap", "100 nm", "--squares", "500", "-o", "{tmp}/m.txt"), ".gds"),
    (("gds", "meander", "--width", "100 nm", "--gap", "100 nm", "--inductance", "300 nH", "-o", "{tmp}/m.gds"),
     "film"),
    (("gds", "meander", "--width", "100 nm", "--gap", "100 nm", "--squares", "500", "--turn", "wavy",
      "-o", "{tmp}/m.gds"), "turn"),
    (("drc", "{tmp}/missing.gds"), "not found"),
    (("drc", "{tmp}/text.gds"), "not a GDSII file"),
    # build and sweep
    (("build", "{tmp}/missing.toml"), "missing.toml"),
    (("build", "{tmp}/binary.toml"), "binary.toml"),
    (("build", "{tmp}/latin1.toml"), "latin1.toml"),
    (("build", "{tmp}/broken.toml"), "not valid TOML"),
    (("build", "{tmp}/escape.toml"), "cannot name output files"),
    (("build", "{tmp}/absolute.toml"), "cannot name output files"),
    (("build", "{tmp}/empty_name.toml"), "cannot name output files"),
    (("build", str(LAYOUTS / "tin_rfsquid.toml"), "-o", "{tmp}/afile"), "afile"),
    (("build", str(LAYOUTS / "tin_rfsquid.toml"), "-o", "/proc/superind"), "/proc/superind"),
    (("sweep", str(LAYOUTS / "tin_rfsquid.toml"), "--vary", "superinductor.width=80nm:200nm:100000",
      "--vary", "film.R_sq=1kOhm:2kOhm:100"), "SUPERIND_MAX_SWEEP_POINTS"),
    (("sweep", str(LAYOUTS / "tin_rfsquid.toml"), "--vary", "qubit.flux.points=1:1:2000", "--workers", "1"),
     "--yes"),
    (("sweep", str(LAYOUTS / "tin_rfsquid.toml"), "--vary", "superinductor.width=80nm:200nm:2",
      "--scheduler", "localhost:8786"), "tcp://"),
    (("materials", "Unobtainium"), "Unobtainium"),
    (("qubit", "rfsquid", *FLUXONIUM, "--bogus"), "--bogus"),
    (("nosuchcommand",), "nosuchcommand"),
]


@pytest.fixture
def files(tmp_path):
    (tmp_path / "text.gds").write_text("hello, not a layout")
    (tmp_path / "binary.toml").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin1.toml").write_bytes('name = "supraconductivité"\n'.encode("latin-1"))
    (tmp_path / "broken.toml").write_text("name = \n[film")
    (tmp_path / "escape.toml").write_text(GOOD.replace('name = "tin_rfsquid"', 'name = "../escaped"'))
    (tmp_path / "absolute.toml").write_text(GOOD.replace('name = "tin_rfsquid"', f'name = "{tmp_path}/abs"'))
    (tmp_path / "empty_name.toml").write_text(GOOD.replace('name = "tin_rfsquid"', 'name = ""'))
    (tmp_path / "afile").write_text("a file where a folder is expected")
    return tmp_path


@pytest.mark.parametrize("args,match", CASES, ids=[" ".join(a)[:60] for a, _ in CASES])
def test_bad_input_is_one_line_and_exit_2(run_cli, files, monkeypatch, args, match):
    monkeypatch.chdir(files)
    before = sorted(p.name for p in files.iterdir())
    code, out, err = run_cli(*[a.replace("{tmp}", str(files)) for a in args])
    one_line_error(code, out, err, 2, match.replace("{tmp}", str(files)))
    assert sorted(p.name for p in files.iterdir()) == before  # nothing written, nothing half-written
    assert not (files.parent / "escaped.json").exists() and not (files / "abs.json").exists()


def test_utf8_with_bom_is_accepted(run_cli, tmp_path):
    p = tmp_path / "bom.toml"
    p.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    code, _, err = run_cli("build", str(p), "-o", str(tmp_path / "out"))
    assert code == 0, err


def test_user_materials_folder_problems_are_one_line(run_cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SUPERIND_MATERIALS", str(tmp_path / "missing"))
    code, out, err = run_cli("film", *TIN)
    one_line_error(code, out, err, 2, "SUPERIND_MATERIALS")
    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        d.mkdir()
        shutil.copy(ROOT / "material_db" / "tin.yaml", d / "mine.yaml")
        (d / "mine.yaml").write_text((d / "mine.yaml").read_text().replace("name: TiN", "name: MyTiN", 1))
    monkeypatch.setenv("SUPERIND_MATERIALS", f"{a}{os.pathsep}{b}")
    code, out, err = run_cli("film", "MyTiN", "--rsq", "1 kOhm", "--tc", "2 K")
    one_line_error(code, out, err, 2, "MyTiN")
    assert str(a) in err and str(b) in err
    (b / "mine.yaml").write_text("name: [unclosed")
    monkeypatch.setenv("SUPERIND_MATERIALS", str(b))
    code, out, err = run_cli("film", *TIN)
    one_line_error(code, out, err, 2, "mine.yaml")


def test_material_range_is_a_warning_not_an_error(run_json):
    r = run_json("film", "TiN", "--rsq", "1.5 kOhm", "--tc", "20 K")
    assert any("T_c" in w and "range" in w for w in r["warnings"])


def test_sweep_whose_every_point_fails_exits_1(run_cli, tmp_path):
    code, out, err = run_cli("sweep", str(LAYOUTS / "tin_rfsquid.toml"), "--vary", "film.temperature=3K:4K:2",
                             "--workers", "1", "-o", str(tmp_path / "s.nc"))
    assert code == 1 and "every one of the 2 points failed" in err and (tmp_path / "s.nc").is_file()
