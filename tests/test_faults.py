"""Bad input and faults, as a careless user or script would produce them: every case exits with the documented
code (0 success, 1 a check that failed, 2 bad input or environment, 130 interrupted), prints exactly one line on
stderr with no traceback, and leaves exactly the files it should (none, or the previous set byte-identical)."""
import math
import os
import shutil
from html.parser import HTMLParser
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
    (("build", "{tmp}/empty.toml"), "nothing to build"),
    (("build", "{tmp}/spread_inf.toml"), "spread.width"),
    (("build", "{tmp}/spread_seed.toml"), "spread.seed"),
    (("build", "{tmp}/spread_wide.toml"), "spread.E_J"),
    (("build", "{tmp}/q_exponent.toml"), "noise.Q_ind_exponent"),
    # extreme values: out of any device's range, one line naming the field (not an overflow deep inside)
    (("film", "TiN", "--lk-sq", "1e-300 pH"), "--lk-sq"),
    (("wire", *TIN, "--width", "100 nm", "--length", "2 km"), "--length"),
    (("qubit", "rfsquid", "--EJ", "1e300 GHz", "--EC", "2.5 GHz", "--EL", "0.5 GHz"), "--EJ"),
    (("qubit", "rfsquid", *FLUXONIUM, "--Q-ind", "1e-300"), "--Q-ind"),
    (("qubit", "rfsquid", *FLUXONIUM, "--x-qp", "1e300"), "--x-qp"),
    (("qubit", "rfsquid", *FLUXONIUM, "--levels", "100000"), "--levels"),
    (("qubit", "rfsquid", *FLUXONIUM, "--flux", "1e308"), "--flux"),
    (("qubit", "qps", "--inductance", "50 nH", "--ES", "5 GHz", "--at", "1e308"), "--at"),
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
    (tmp_path / "empty.toml").write_text("")
    plain = (LAYOUTS / "gral_fluxonium.toml").read_text()
    for name, section in (("spread_inf", "width = inf"), ("spread_seed", "seed = -1"), ("spread_wide", "E_J = 0.9")):
        (tmp_path / f"{name}.toml").write_text(plain + f"\n[spread]\nsamples = 20\n{section}\n")
    (tmp_path / "q_exponent.toml").write_text(plain + "\n[noise]\nQ_ind_exponent = 1e6\n")
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


# ------------------------------------------------------------------------------------------ outputs and inputs
def _shipped_tree() -> dict:
    """Every file of the shipped data (package, material_db, layouts) with its size and modification time."""
    from superind.files import shipped_data_folders

    return {p: (p.stat().st_size, p.stat().st_mtime_ns) for folder in shipped_data_folders()
            for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


OVERWRITES = [  # (command, the file it must leave alone, what the one line says)
    (("compare", "a.html", "b.toml", "-o", "a.html"), "a.html", "it is the input 'a.html'"),
    (("compare", "a.html", "b.toml", "-o", "b.toml"), "b.toml", "it is the input 'b.toml'"),
    (("compare", "a.html", "b.toml", "-o", "./sub/../b.toml"), "b.toml", "it is the input 'b.toml'"),
    (("build", "x/tin.json", "-o", "x"), "x/tin.json", "it is the input 'x/tin.json'"),  # NAME.json is the design
    (("build", "b.toml", "-o", "procs"), "procs/tin_rfsquid.lyp", "it is the input"),  # NAME.lyp is its process
    (("sweep", "b.toml", "--vary", "film.R_sq=1kOhm:2kOhm:2", "-o", "b.toml"), "b.toml", "it is the input"),
    (("sweep", "b.toml", "--vary", "film.R_sq=1kOhm:2kOhm:2", "-o", "link.nc"), "b.toml", "it is the input"),
    (("sweep", "b.toml", "--vary", "film.R_sq=1kOhm:2kOhm:2", "-o", "hard.nc"), "b.toml", "it is the input"),
    (("gds", "meander", "--design", "d.gds", "-o", "d.gds", "--svg"), "d.gds", "it is the input 'd.gds'"),
    (("build", "b.toml", "-o", str(LAYOUTS)), "b.toml", "shipped data"),
    (("build", "b.toml", "-o", str(ROOT / "material_db" / "new")), "b.toml", "shipped data"),
    (("sweep", "b.toml", "--vary", "film.R_sq=1kOhm:2kOhm:2", "-o", str(LAYOUTS / "processes")), "b.toml",
     "shipped data"),
    (("compare", "a.html", "b.toml", "-o", str(ROOT / "superind" / "page.html")), "b.toml", "shipped data"),
]


@pytest.mark.parametrize("args,kept,match", OVERWRITES, ids=[" ".join(a)[:50] for a, _, _ in OVERWRITES])
def test_no_output_replaces_an_input_or_the_shipped_data(run_cli, tmp_path, monkeypatch, args, kept, match):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.html").write_text((LAYOUTS / "inox_qps.toml").read_text())  # a design file with any name
    (tmp_path / "b.toml").write_text(GOOD)
    (tmp_path / "d.gds").write_text((LAYOUTS / "inox_qps.toml").read_text())
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "tin.json").write_text(GOOD.replace('name = "tin_rfsquid"', 'name = "tin"'))
    (tmp_path / "procs").mkdir()  # a process file named like the build's layer properties
    shutil.copy(LAYOUTS / "processes" / "default.toml", tmp_path / "procs" / "tin_rfsquid.lyp")
    if "procs" in args:
        (tmp_path / "b.toml").write_text(GOOD.replace('process = "default"', 'process = "procs/tin_rfsquid.lyp"'))
    (tmp_path / "link.nc").symlink_to(tmp_path / "b.toml")
    os.link(tmp_path / "b.toml", tmp_path / "hard.nc")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    shipped = _shipped_tree()
    code, out, err = run_cli(*args)
    one_line_error(code, out, err, 2, match)
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before  # nothing written at all
    assert (tmp_path / kept).read_bytes() == before[tmp_path / kept]
    assert _shipped_tree() == shipped


def test_sweep_into_an_existing_folder_writes_name_sweep_nc_there(run_json, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "quick.toml").write_text(GOOD.replace("modes = 3", "modes = 0").replace("points = 201", "points = 5"))
    (tmp_path / "runs").mkdir()
    out = run_json("sweep", "quick.toml", "--vary", "film.R_sq=1kOhm:1kOhm:1", "--workers", "1", "-o", "runs")
    assert out["file"] == str(Path("runs") / "tin_rfsquid_sweep.nc")
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["tin_rfsquid_sweep.nc"]


# ------------------------------------------------------------------------------------------ hostile strings
HOSTILE = "'></span><script>alert(1)</script>\" & ]]> <!--"


class _Tags(HTMLParser):
    """The elements and attributes of an HTML page, and its text."""

    def __init__(self, text: str):
        super().__init__()
        self.tags, self.attributes, self.data, self.scripts = [], [], [], []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]
        if tag == "script":
            self.scripts.append(dict(attrs).get("type"))

    def handle_data(self, data):
        self.data.append(data)


def test_hostile_strings_in_every_field_that_reaches_a_file_are_escaped(tmp_path, monkeypatch, shipped):
    """A process file (name, description, layer names and descriptions), a design description and a user material
    (description, alias, a source) all carry markup: the SVG and .lyp still parse as XML and give the strings back,
    the report and the comparison page hold no element or attribute from them, only their text."""
    import json
    import re
    import xml.etree.ElementTree as ET

    from superind.design import load_design
    from superind.output.build import build_results, write_build
    from superind.output.compare import render_comparison

    process = (LAYOUTS / "processes" / "default.toml").read_text()
    process = process.replace('name = "default"', f"name = '''{HOSTILE}'''")
    process = re.sub(r'description = "([^"]*)"', lambda m: f"description = '''{m.group(1)} {HOSTILE}'''", process)
    process = process.replace("[layers.airbridge]", f"[layers.'{HOSTILE.replace(chr(39), '')}']")
    (tmp_path / "hostile_process.toml").write_text(process)
    materials = tmp_path / "materials"
    materials.mkdir()
    tin = (ROOT / "material_db" / "inox.yaml").read_text()
    tin = re.sub(r"^name: .*$", "name: HostileInOx", tin, count=1, flags=re.M)
    tin = re.sub(r"^aliases: .*$", f"aliases: [{json.dumps(HOSTILE)}]", tin, count=1, flags=re.M)
    tin = re.sub(r"^description: >\n(  .*\n)+", f"description: {json.dumps(HOSTILE)}\n", tin, count=1, flags=re.M)
    tin = re.sub(r'^(  source: ).*$', lambda m: m.group(1) + json.dumps(HOSTILE), tin, count=1, flags=re.M)
    (materials / "hostile.yaml").write_text(tin)
    monkeypatch.setenv("SUPERIND_MATERIALS", str(materials))
    design = (LAYOUTS / "inox_qps.toml").read_text().replace('name = "inox_qps"', 'name = "hostile_qps"')
    design = re.sub(r"^description = .*$", f"description = '''{HOSTILE}'''", design, count=1, flags=re.M)
    design = design.replace('material = "a:InO"', 'material = "HostileInOx"')
    (tmp_path / "hostile.toml").write_text(design + '\n[layout]\nprocess = "hostile_process.toml"\n')
    monkeypatch.chdir(tmp_path)

    results = build_results(load_design("hostile.toml"))
    paths = write_build(results, tmp_path / "out")
    lyp = ET.parse(paths["lyp"]).getroot()
    assert any(HOSTILE in (e.text or "") for e in lyp.iter("name"))  # escaped, and read back as written
    ET.parse(paths["svg"])
    pages = {"report": paths["html"].read_text(), "comparison": render_comparison([results, shipped("tin_rfsquid")])}
    for page, text in pages.items():
        html = _Tags(text)
        # the page's only code: the chart library and its renderer (two scripts); the rest are charts' JSON data
        code = [t for t in html.scripts if t != "application/json"]
        assert code == [None, None] and not [a for a in html.attributes if a.startswith("on")], (page, html.scripts)
    assert HOSTILE in "".join(_Tags(pages["report"]).data)  # the description (and more), as text


@pytest.mark.parametrize("edit,match", [
    (lambda t: t.replace('color = "#1f77b4"', "color = \"'></span><script>alert(1)</script>\""), "not a colour"),
    (lambda t: t.replace('color = "#1f77b4"', 'color = "#12345"'), "not a colour"),
    (lambda t: t.replace('color = "#1f77b4"', "color = 5"), "not a colour"),
    (lambda t: t.replace('color = "#1f77b4"', 'colour = "#1f77b4"'), "did you mean 'color'"),
    (lambda t: t.replace("layer = 1\n", 'layer = "one"\n'), "whole number 0..65535"),
    (lambda t: t.replace("layer = 1\n", "layer = 70000\n"), "whole number 0..65535"),
    (lambda t: t.replace("layer = 1\n", "layer = true\n"), "whole number 0..65535"),
    (lambda t: t.replace("[layers.film]\n", "[layers.film]\nlayers = 3\n"), "unknown field 'layers.film.layers'"),
    (lambda t: t + "\n[layers.extra]\nlayer = 1\n", "unique"),
    (lambda t: t.replace('grid = "1 nm"', 'grid = "1 m"'), "grid"),
    (lambda t: t.replace('grid = "1 nm"', 'grid = "nan nm"'), "grid"),
    (lambda t: t.replace('name = "default"', 'name = "a\\u0000b"'), "printable"),
    (lambda t: t.replace('name = "default"', 'name = ["default"]'), "text in quotes"),
    (lambda t: t.replace('name = "default"', 'name = "default"\n[layers2]'), "unknown field 'layers2'"),
    (lambda t: t.replace("[layers.film]\n", "[layers.film]\n").replace('[layers.junction]', "[layers.junction2]\n"
                                                                                            "x = 1\n[layers.junction]"),
     "unknown field"),
])
def test_process_file_fields_are_checked_in_one_line(tmp_path, edit, match):
    from superind.errors import InputError
    from superind.layout import load_process

    text = edit((LAYOUTS / "processes" / "default.toml").read_text())
    (tmp_path / "p.toml").write_text(text)
    with pytest.raises(InputError, match=match) as err:
        load_process(tmp_path / "p.toml")
    assert "\n" not in str(err.value) and "p.toml" in str(err.value)


def test_process_colours_are_stored_as_hex(tmp_path):
    from superind.layout import load_process

    text = (LAYOUTS / "processes" / "default.toml").read_text()
    text = text.replace('color = "#1f77b4"', 'color = "#AbC"').replace('color = "#d62728"', 'color = "Navy"')
    (tmp_path / "p.toml").write_text(text)
    process = load_process(tmp_path / "p.toml")
    assert process.layer("film").color == "#aabbcc"  # #rgb → #rrggbb (CSS Color 3 §4.2.1)
    assert process.layer("junction").color == "#000080"  # CSS 2.1 'navy'


@pytest.mark.parametrize("name", ["<script>", 'a"b', "a&b", "x]]>", "../x", "a b"])
def test_cell_names_that_gdstk_would_write_raw_are_refused(name):
    import gdstk

    from superind.errors import InputError
    from superind.layout import gds_bytes, svg_text

    cell = gdstk.Cell(name)
    cell.add(gdstk.rectangle((0, 0), (1, 1), layer=1))
    for write in (gds_bytes, svg_text):
        with pytest.raises(InputError, match="cell name"):
            write(cell)


def test_a_fault_of_superind_itself_is_one_line_exit_2(run_cli, monkeypatch):
    """An unexpected exception inside a command (a bug, not bad input) still ends in one line and exit 2, with the
    way to the traceback (--debug) named; --debug shows it."""
    import superind.film as film

    def broken(*args, **kwargs):
        raise AttributeError("'NoneType' object has no attribute 'cell'")

    monkeypatch.setattr(film, "make_film", broken)
    code, out, err = run_cli("film", *TIN)
    one_line_error(code, out, err, 2, "--debug")
    with pytest.raises(AttributeError):
        run_cli("--debug", "film", *TIN)


def test_library_warnings_do_not_reach_the_user(run_cli, monkeypatch):
    """numpy's and the other libraries' warnings never print beside superind's own lines."""
    import warnings

    import superind.film as film

    real = film.make_film

    def noisy(*args, **kwargs):
        warnings.warn("divide by zero encountered in scalar divide", RuntimeWarning)
        return real(*args, **kwargs)

    monkeypatch.setattr(film, "make_film", noisy)
    code, out, err = run_cli("film", *TIN)
    assert code == 0 and "RuntimeWarning" not in err and "divide by zero" not in err


def test_an_infinite_rate_makes_the_time_zero_and_never_drops_out():
    from superind.qubits.noise import combine_times

    assert combine_times({"a": 1e-3, "b": 0.0}) == 0.0
    assert combine_times({"a": 1e-3, "b": math.inf, "c": None}) == pytest.approx(1e-3)
    assert combine_times({"a": 2e-3, "b": 2e-3}) == pytest.approx(1e-3)


@pytest.mark.parametrize("kind,value", [("length", "1e300 m"), ("length", "1e-300 m"), ("sheet_inductance", "1e9 H"),
                                        ("temperature", "1e30 K"), ("frequency", "1e30 Hz"), ("time", "1e-40 s"),
                                        ("inductance", "1e6 H"), ("capacitance", "1e-40 F")])
def test_values_no_device_can_have_are_refused_naming_the_field(kind, value):
    from superind.errors import InputError
    from superind.units import parse_quantity

    with pytest.raises(InputError, match="field x: .* outside the range a device can have"):
        parse_quantity(value, kind, "field x")


def test_the_gap_is_continuous_up_to_one_step_below_T_c():
    """Δ(T) from the gap equation meets the Ginzburg–Landau limit Δ/Δ0 = π√(8/7ζ(3))/1.764·√(1−t) (Tinkham ch. 3)
    near T_c; one floating-point step below T_c still gives a gap (no root-bracket error)."""
    from superind.bcs import bcs_gap_fraction
    from superind.film import make_film

    for t in (1 - 1.0001e-6, 1 - 0.9999e-6):
        assert bcs_gap_fraction(t) == pytest.approx(1.7367 * math.sqrt(1 - t), rel=1e-3)
    film = make_film("TiN", "1.5 kOhm", Tc="2 K")
    assert 0 < film.gap(math.nextafter(2.0, 0)) < 1e-3 * film.gap(0)


def test_the_api_raises_input_error_for_arguments_of_the_wrong_kind():
    import superind as si
    from superind.errors import InputError

    for call, match in ((lambda: si.make_film(123, "1.5 kOhm", Tc="2 K"), "material"),
                        (lambda: si.load_design(123), "path"),
                        (lambda: si.resolve("x.toml"), "load_design"),
                        (lambda: si.evaluate(si.load_design(LAYOUTS / "tin_rfsquid.toml")), "resolve")):
        with pytest.raises(InputError, match=match):
            call()
