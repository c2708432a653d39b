"""The device model: spec → resolve → Device → evaluate → Results. One path per fact: the build JSON and the
single commands print identical numbers and warnings for the same device; sweeps are independent of axis order;
bad design files fail with one line naming the file and the field."""
import ast
import math
import re
from pathlib import Path

import gdstk
import numpy as np
import pytest

import superind as si
from superind.design import evaluate, load_design, parse_design, resolve, spec_with

ROOT = Path(__file__).resolve().parents[1]
LAYOUTS = ROOT / "layouts"
GOOD = (LAYOUTS / "tin_rfsquid.toml").read_text()


def _q(value, unit):
    """An SI value as a CLI quantity string (repr keeps every digit)."""
    return f"{value!r} {unit}"


def cli_args(spec) -> tuple[list[str], list[str], list[str]]:
    """The film, wire and qubit command options that describe the same device as a design spec."""
    f, s = spec.film, spec.superinductor
    film = [f.material, "--rsq", _q(f.R_sq, "ohm"), "--tc", _q(f.Tc, "K"), "--temperature", _q(f.temperature, "K")]
    if f.thickness is not None:
        film += ["--thickness", _q(f.thickness, "m")]
    line = ["--line", s.line.kind, "--ground-gap", _q(s.line.ground_gap, "m"), "--substrate", s.line.substrate]
    target = ["--inductance", _q(s.inductance, "H")] if s.inductance is not None else ["--EL", _q(s.E_L, "GHz")]
    wire = [*target, "--width", _q(s.width, "m"), *line]
    if s.pitch is not None:
        wire += ["--pitch", _q(s.pitch, "m")]
    q = spec.qubit
    qubit = ["--flux", f"{q.flux.start!r}:{q.flux.stop!r}:{q.flux.points}", "--levels", str(q.levels)]
    if spec.junction is not None:
        j = spec.junction
        qubit += ["--EJ", _q(j.E_J, "GHz"), "--EC", _q(j.E_C, "GHz")]
    if "Q_ind" in spec.noise.model_fields_set:  # an assumption the design states (else the sourced default and range)
        qubit += ["--Q-ind", repr(spec.noise.Q_ind)]
    if "T2_target" in spec.noise.model_fields_set:
        target = ["--T2-target", _q(spec.noise.T2_target, "s")]
        wire, qubit = wire + target, qubit + target
    if q.E_C is not None:
        qubit += ["--EC-shunt", _q(q.E_C, "GHz")]
    if q.kind in ("zeropi", "cos2phi"):
        qubit += ["--ng", repr(q.ng)]
    if q.modes:
        qubit += ["--modes", str(q.modes)]
    return film, wire, qubit


def assert_same(a, b, path=""):
    """Equal keys and values (floats to 1e-12 relative), recursively."""
    if isinstance(a, dict):
        assert set(a) == set(b), (path, set(a) ^ set(b))
        for k in a:
            assert_same(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b)):
            assert_same(x, y, f"{path}[{i}]")
    elif isinstance(a, float) and isinstance(b, float):
        assert b == pytest.approx(a, rel=1e-12, abs=0), path
    else:
        assert a == b, path


SHIPPED = ["tin_rfsquid", "inox_qps", "nbn_zeropi", "tin_cos2phi", "gral_fluxonium", "tin_vs_jjchain"]


@pytest.mark.parametrize("design", SHIPPED)
def test_every_entry_point_gives_the_build_of_a_shipped_design(design, run_json, shipped, tmp_path):
    """superind wire/qubit --design D print the build's superinductor, qubit and multimode sections, and the
    Python path spec → resolve → evaluate is the build's JSON (the written NAME.json for one design)."""
    import json

    path = LAYOUTS / f"{design}.toml"
    built = json.loads(json.dumps(shipped(design).to_dict()))  # the Python path spec → resolve → evaluate (conftest)
    wire = run_json("wire", "--design", str(path))
    assert_same({k: wire[k] for k in built["superinductor"]}, built["superinductor"])
    assert wire["film"] == built["film"] and wire["cell"] == built["superinductor"]["cell"]
    qubit = run_json("qubit", built["qubit"]["kind"], "--design", str(path))
    assert_same({k: qubit[k] for k in built["qubit"]}, built["qubit"])
    assert_same(qubit["wire"], built["superinductor"])
    assert ("multimode" in qubit) == ("multimode" in built)
    if "multimode" in built:
        assert_same(qubit["multimode"], built["multimode"])
    if design == "tin_rfsquid":  # the file superind build writes is the same JSON
        assert run_cli_code(["build", str(path), "-o", str(tmp_path)]) == 0
        assert_same(json.loads((tmp_path / f"{design}.json").read_text()), built)


def run_cli_code(args) -> int:
    from superind.cli import main

    return main(args)


@pytest.mark.parametrize("design", ["tin_rfsquid", "inox_qps", "nbn_zeropi", "tin_cos2phi"])
def test_options_alone_describe_the_same_device_as_the_design(design, run_json, shipped):
    """Every design field as a command-line option (no --design) gives the build's sections too."""
    import json

    spec = load_design(LAYOUTS / f"{design}.toml")
    built = json.loads(json.dumps(shipped(design).to_dict()))
    film, wire, qubit = cli_args(spec)
    from superind.design.resolve import cell_kind

    assert_same(run_json("film", *film)["L_k_sq_H"], built["film"]["L_k_sq_H"])
    wire_out = run_json("wire", *film, *wire, "--cell", cell_kind(spec))
    judged = {"warnings", "phase_slip_verdict", "width_for_E_S_m"}  # a lone wire is judged as a lone wire
    numbers = {k: v for k, v in built["superinductor"].items() if k not in judged}
    assert_same({k: wire_out[k] for k in numbers}, numbers)
    qubit_out = run_json("qubit", spec.qubit.kind, "--material", *film, *wire, *qubit)
    assert_same({k: qubit_out[k] for k in built["qubit"]}, built["qubit"])


def test_rfsquid_numbers_match_the_fluxonium_worked_example(shipped):
    # E_J = 8.9, E_C = 2.5, E_L = 0.5 GHz (Manucharyan et al., Science 326, 113 (2009) parameters, scqubits
    # Fluxonium): f01(½) = 0.36342 GHz, and 8.75845, 8.97955, 11.00203 GHz at Φ = 0 (scqubits 4.3.1, cut-off 110)
    # — the lumped model; with the wire's three modes the headline is the multimode model's, 6 % lower
    q = shipped("tin_rfsquid")["qubit"]
    assert q["f01_lumped_GHz"][100] == pytest.approx(0.36342, abs=1e-5)
    assert list(q["transitions_lumped_GHz"][0][1:4]) == pytest.approx([8.75845, 8.97955, 11.00203], abs=1e-5)


def test_with_modes_the_headline_f01_is_the_multimode_f01(shipped):
    for design in ("tin_rfsquid", "nbn_zeropi"):
        r = shipped(design)
        q, m = r["qubit"], r["multimode"]
        assert q["f01_operating_GHz"] == m["f01_GHz"] and q["model"].startswith("multimode")
        at = int(np.argmin(np.abs(np.asarray(q["flux"]) - q["operating_flux"])))
        assert q["f01_GHz"][at] == pytest.approx(m["f01_GHz"], abs=2 * m["convergence_GHz"] + 1e-9)
        assert q["levels_GHz"] is m["levels_GHz"] or np.array_equal(q["levels_GHz"], m["levels_GHz"])
        assert not np.allclose(q["f01_lumped_GHz"], q["f01_GHz"])  # the lumped model stays, under its own name


def test_sweep_point_sets_coupled_fields_at_once_in_either_order():
    spec = load_design(LAYOUTS / "tin_rfsquid.toml")  # pitch 300 nm
    a = spec_with(spec, {"superinductor.width": 400e-9, "superinductor.pitch": 800e-9})
    b = spec_with(spec, {"superinductor.pitch": 800e-9, "superinductor.width": 400e-9})
    assert a == b and a.superinductor.width == 400e-9
    with pytest.raises(si.InputError, match="pitch"):
        spec_with(spec, {"superinductor.width": 400e-9})


def test_sweep_over_two_coupled_fields_is_identical_in_either_axis_order():
    import xarray as xr

    spec = load_design(LAYOUTS / "tin_rfsquid.toml")
    spec = spec_with(spec, {"qubit.flux.points": 3})
    widths, pitches = [100e-9, 400e-9], [300e-9, 800e-9]
    ab = si.Sweep(spec, {"superinductor.width": widths, "superinductor.pitch": pitches}).run(workers=1, progress=False)
    ba = si.Sweep(spec, {"superinductor.pitch": pitches, "superinductor.width": widths}).run(workers=1, progress=False)
    xr.testing.assert_identical(ab.drop_attrs(), ba.transpose(*ab.dims).drop_attrs())
    assert ab["error"].sel(superinductor_width=400, superinductor_pitch=800).item() == ""  # in nm, the axes' unit
    assert "pitch" in ab["error"].sel(superinductor_width=400, superinductor_pitch=300).item()


def test_python_api_accepts_strings_pint_and_si_floats():
    import pint

    u = pint.UnitRegistry()
    a = si.make_film("TiN", R_sq="1.5 kOhm", Tc="2 K")
    b = si.make_film("TiN", R_sq=1.5 * u.kohm, Tc=2 * u.K)
    c = si.make_film("TiN", R_sq=1500.0, Tc=2.0)
    assert a == b == c and hash(a) == hash(c)
    # L_k,□ = ħR_sq/(πΔ0), Δ0 = 1.764 k_B T_c (Mattis–Bardeen, T → 0): 1.0338 nH for 1.5 kΩ, 2 K
    assert a.sheet_kinetic_inductance() == pytest.approx(1.0338e-9, rel=1e-4)


def test_python_specs_take_si_floats_but_design_files_and_cli_do_not():
    spec = si.DesignSpec(film={"material": "TiN", "R_sq": 1500.0, "Tc": "2 K"})
    assert spec.film.R_sq == 1500.0 and spec.film.Tc == 2.0
    with pytest.raises(si.InputError, match="field 'film.R_sq'.*no unit"):
        parse_design({"film": {"material": "TiN", "R_sq": 1500.0, "Tc": "2 K"}}, "x.toml")


def test_public_api_reprs_and_hashes():
    for name in si.__all__:  # every public name resolves to an object of the module the table names
        obj = getattr(si, name)
        assert obj.__module__.startswith("superind") and (obj.__doc__ or "").strip(), name
    device = resolve(load_design(LAYOUTS / "tin_rfsquid.toml"))
    again = resolve(load_design(LAYOUTS / "tin_rfsquid.toml"))
    # engineering reprs: units, no float noise (1.0000000000000001e-07), short
    assert "width=100 nm" in repr(device.wire) and "e-0" not in repr(device.wire)
    assert "R_sq=1.50 kΩ" in repr(device.film) or "R_sq=1.500 kΩ" in repr(device.film)
    assert "width=" not in repr(device.spec.superinductor) and "pitch='300 nm'" in repr(device.spec.superinductor)
    assert len(repr(device.wire)) < 400 and len(repr(device.film)) < 400 and len(repr(device.qubit)) < 400
    for a, b in ((device.film, again.film), (device.wire, again.wire), (device.junction, again.junction),
                 (device.line, again.line), (device.qubit, again.qubit)):
        assert a == b and hash(a) == hash(b), type(a).__name__  # equal physics, equal hash (usable as keys)


def test_spectrum_to_xarray_and_plot():
    from matplotlib.figure import Figure

    q = resolve(load_design(LAYOUTS / "tin_rfsquid.toml")).qubit
    s = q.spectrum(np.linspace(0, 1, 5), 3)
    da = s.to_xarray()
    assert da.dims == ("flux", "level") and da.shape == (5, 3) and da.attrs["units"] == "GHz"
    ax = s.plot(ax=Figure().add_subplot())
    assert len(ax.lines) >= 2


def test_import_graph_is_acyclic_and_cli_holds_no_physics():
    pkg = ROOT / "superind"
    graph = {}
    for path in pkg.rglob("*.py"):
        mod = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        is_pkg = path.name == "__init__.py"
        deps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = mod if is_pkg else mod.rsplit(".", 1)[0]
                for _ in range(node.level - 1):
                    base = base.rsplit(".", 1)[0]
                target = (f"{base}.{node.module}" if node.module else base) if node.level else (node.module or "")
                deps.add(target)
                deps.update(f"{target}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                deps.update(a.name for a in node.names)
        graph[mod] = deps
    edges = {m: {d for d in deps if d in graph and d != m} for m, deps in graph.items()}
    state = {}

    def visit(m, stack):
        state[m] = "open"
        for d in edges[m]:
            if state.get(d) == "open":
                raise AssertionError("import cycle: " + " → ".join(stack + [m, d]))
            if d not in state:
                visit(d, stack + [m])
        state[m] = "done"

    for m in edges:
        if m not in state:
            visit(m, [])
    for m, deps in graph.items():  # the layers: nothing below output/cli imports them (not even inside a function)
        if not m.startswith(("superind.output", "superind.cli")) and m not in ("superind", "superind.__main__"):
            upward = {d for d in deps if d.startswith(("superind.output", "superind.cli"))}
            assert not upward, f"{m} imports {upward}"
    cli = [m for m in graph if m.startswith("superind.cli")]
    for m in cli:
        physics = {d for d in graph[m] if d.split(".")[0] in ("numpy", "scipy", "scqubits", "qutip")
                   or d in ("superind.constants",)}
        assert not physics, f"{m} does physics: imports {physics}"


def _write(tmp_path, text):
    p = tmp_path / "bad.toml"
    p.write_text(text)
    return p


@pytest.mark.parametrize("edit,match", [
    (lambda t: t.replace("[junction]\nE_J", "[junctionx]\nE_J"), "unknown field 'junctionx'"),
    (lambda t: t.replace('width = "100 nm"', 'widht = "100 nm"'), "did you mean 'width'"),
    (lambda t: t.replace('width = "100 nm"', 'width = "100 K"'), "superinductor.width"),
    (lambda t: t.replace('width = "100 nm"', 'width = "100"'), "no unit"),
    (lambda t: t.replace('width = "100 nm"', 'width = 100'), "no unit"),
    (lambda t: t.replace('R_sq = "1.5 kOhm"', 'R_sq = "-1.5 kOhm"'), "film.R_sq"),
    (lambda t: t.replace('material = "TiN"', 'material = "Unobtainium"'), "unknown material"),
    (lambda t: t.replace('process = "default"', 'process = "nosuchfab"'), "nosuchfab"),
    (lambda t: t.replace("points = 201", "points = 0"), "qubit.flux.points"),
    (lambda t: t.replace('pitch = "300 nm"', 'pitch = "80 nm"'), "pitch (80 nm) must exceed"),
    (lambda t: t.replace('[junction]\nE_J = "8.9 GHz"\nE_C = "2.5 GHz"', ''), "needs a [junction] section"),
    (lambda t: t.replace('E_L = "0.5 GHz"', 'E_L = "0.5 GHz"\ninductance = "300 nH"'), "exactly one target"),
    (lambda t: t.replace('name = "tin_rfsquid"', 'name = "../escaped"'), "cannot name output files"),
])
def test_bad_design_exit_2_names_file_and_field(run_cli, tmp_path, edit, match):
    text = edit(GOOD)
    assert text != GOOD
    p = _write(tmp_path, text)
    out = tmp_path / "out"
    code, _, err = run_cli("build", str(p), "-o", str(out))
    assert code == 2 and match in err and "bad.toml" in err and err.count("\n") == 1, err
    assert not out.exists() and not (tmp_path / "escaped.json").exists()


def test_material_sources_name_the_file_not_its_path(shipped):
    r = shipped("tin_rfsquid")
    assert r["sources"]["material_file"] == "tin.yaml"
    assert not math.isnan(r["superinductor"]["f_self_Hz"])


def test_noise_temperature_follows_the_design_and_qps_has_a_t1(shipped):
    spec = load_design(LAYOUTS / "inox_qps.toml")
    q = evaluate(resolve(spec), layout=False)["qubit"]
    assert q["coherence"]["noise_assumptions"]["T_K"] == 0.015  # film at 0 K: scqubits' 15 mK
    hot = evaluate(resolve(spec_with(spec, {"noise.temperature": 0.05})), layout=False)["qubit"]
    assert hot["coherence"]["noise_assumptions"]["T_K"] == 0.05
    assert 0 < hot["T1_s"] < q["T1_s"]  # a hotter bath shortens the inductive T1 (coth(hf/2k_BT) grows)
    rf = shipped("tin_rfsquid")["qubit"]
    assert rf["coherence"]["noise_assumptions"]["T_K"] == 0.02  # the design's operating temperature
    assert "tphi_phase_slip" in rf["coherence"]["Tphi_channels_s"]


def test_qps_t1_matches_the_two_level_limit():
    # E_S ≪ E_L^fluxoid at f = ½: the eigenstates are (|0⟩ ± |1⟩)/√2 of the fluxoids, so the phase across the
    # inductance φ = 2π(n − ½) has |⟨0|φ|1⟩| = π, and Γ1 = 2π (2E_L/Q) π² coth(hE_S/2k_BT) with E_L = E_L^fl/2π²
    from superind.constants import GHz, k_B

    q = si.QPSQubit(64.532, 0.05)
    c = q.coherence(0.5, Q_ind=1e5, T_K=0.02)
    E_L = 64.532 / (2 * np.pi**2)
    rate = 2 * np.pi * 2 * E_L / 1e5 * np.pi**2 / np.tanh(0.05 * GHz / (2 * k_B * 0.02)) * 1e9
    assert c["T1_s"] == pytest.approx(1 / rate, rel=1e-4)


def _joined(polygons, a, b) -> bool:
    """Points a and b lie in one connected piece of the union of ``polygons``."""
    return any(p.contain(a) and p.contain(b) for p in gdstk.boolean(polygons, [], "or"))


def test_cos2phi_layout_is_a_closed_ring_of_two_superinductors_and_two_junctions(shipped):
    """tin_cos2φ draws its circuit (Smith et al., npj QI 6, 8 (2020)): two junctions and two superinductors in one
    closed loop (film and junction sites together enclose the loop's hole) with its shunt pads."""
    device = si.resolve(si.load_design(LAYOUTS / "tin_cos2phi.toml"))
    flat = device.layout.cell.copy("flat").flatten()
    junctions, film = flat.get_polygons(layer=2, datatype=0), flat.get_polygons(layer=1, datatype=0)
    assert len(junctions) == 2 and len(flat.get_polygons(layer=3, datatype=0)) >= 2
    for k, junction in enumerate(junctions):
        # the film's two leads at this junction (where film meets the junction site) …
        a, b = (np.mean(p.bounding_box(), axis=0) for p in gdstk.boolean(gdstk.offset(junction, 0.005), film, "and"))
        assert not _joined(film, a, b)                   # … are not shorted by film,
        assert _joined(film + [junctions[1 - k]], a, b)  # … but joined around the loop through the other junction


@pytest.mark.parametrize("design", ["nbn_zeropi", "tin_cos2phi"])
def test_protected_qubits_are_judged_at_their_symmetric_point(design, shipped):
    """0-π and cos2φ are evaluated at Φ = 0 or ½ (the design's range, else the longer T2), and the report says which;
    nearly degenerate lowest states carry a warning record with the splitting and its dispersion, and no critical
    coherence verdict rests on their golden-rule T1."""
    r = shipped(design).to_dict()
    q = r["qubit"]
    assert q["operating_flux"] in (0.0, 0.5) and "symmetric point" in q["operating_flux_reason"]
    from superind.constants import h, k_B

    T_K = si.resolve(si.load_design(LAYOUTS / f"{design}.toml")).noise_temperature_K
    records = {v["code"]: v for v in r["verdicts"]}
    f01 = q["f01_operating_GHz"]
    if f01 < q["tol_GHz"] or f01 * 1e9 * h < k_B * T_K:
        assert records["qubit.degenerate"]["severity"] == "warning"
        p = q["protected"]
        assert p["splitting_GHz"] == f01 and p["dispersion_flux_GHz"] >= 0
        if design == "tin_cos2phi":
            # at Φ = ½ and n_g = ½, n_θ → 1 − n_θ maps H onto itself and exchanges the two lowest states (the
            # charge term is symmetric about n_g = ½, cos 2θ even), so they are degenerate there: the splitting's
            # dispersion over n_g = 0 … ½ is the splitting at n_g = 0 itself
            assert p["dispersion_ng_GHz"] == pytest.approx(f01, rel=1e-2)
        assert records["qubit.coherence"]["severity"] != "critical"
    else:
        assert "qubit.degenerate" not in records


def test_the_docs_state_each_shipped_designs_verdict(shipped):
    """docs/designs.md gives every shipped design's overall verdict; it must be the build's."""
    table = (LAYOUTS.parent / "docs" / "designs.md").read_text(encoding="utf-8")
    stated = dict(re.findall(r"^\| `(\w+)` \| (works|marginal|fails) \|", table, flags=re.M))
    assert set(stated) == {p.stem for p in LAYOUTS.glob("*.toml")}
    for name, verdict in stated.items():
        assert shipped(name).verdict == verdict, name
