"""Start-up stays light: no heavy library is imported until a command needs it, and the shortcuts that make this
possible (constants written out, a fast path for plain unit strings) agree with the libraries they stand in for."""
import subprocess
import sys

import pytest


def _imported_after(code: str) -> set:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout.split()
    return set(out)


def test_import_superind_and_its_cli_load_no_heavy_library():
    for code in ("import superind", "import superind.cli", "import superind as si; si.make_film"):
        mods = _imported_after(code)
        heavy = {m for m in mods if m.split(".")[0] in ("scqubits", "qutip", "matplotlib", "skrf", "xarray", "dask")}
        assert not heavy, (code, sorted(heavy)[:5])


def test_film_command_needs_neither_pint_nor_scipy_optimize():
    mods = _imported_after("from superind.cli import main\n"
                           "main(['film', 'TiN', '--rsq', '1.5 kOhm', '--tc', '2 K', '--json'])")
    assert "pint" not in mods and "scipy.optimize" not in mods and "scipy.constants" not in mods
    assert "superind.design.sweep" not in mods and "multiprocessing" not in mods  # sweeps load on first use


#: third-party top-level packages a ``tin_rfsquid`` resolve + evaluate may load (internal ``_``-modules aside):
#: the design file (pydantic, yaml), the physics (numpy, scipy: linalg, special; interpolate, which loads scipy's
#: optimize and sparse, for the layout's turn table), the layout (gdstk), BLAS pinning (threadpoolctl), and what
#: numpy and scipy load themselves (charset_normalizer through numpy.f2py, cython_runtime)
EVALUATION_PACKAGES = {"superind", "numpy", "scipy", "pydantic", "pydantic_core", "annotated_types",
                       "typing_extensions", "typing_inspection", "yaml", "gdstk", "threadpoolctl", "charset_normalizer",
                       "cython_runtime"}


@pytest.fixture(scope="module")
def evaluation_modules():
    """Modules loaded by a fresh interpreter after resolve + evaluate of layouts/tin_rfsquid.toml, and after the
    coherence of a 0-π and a cos2φ qubit on top (one process for both)."""
    from pathlib import Path

    path = Path(__file__).parents[1] / "layouts" / "tin_rfsquid.toml"
    out = subprocess.run([sys.executable, "-c", f"import sys\n"
                          f"from superind.design import evaluate, load_design, resolve\n"
                          f"evaluate(resolve(load_design({str(path)!r})))\n"
                          "print(' '.join(sys.modules))\n"
                          "from superind.qubits import Cos2Phi, ZeroPi\n"
                          "ZeroPi(10.0, 0.5, 5.0, 0.5).coherence(0.23)\n"
                          "Cos2Phi(15.0, 2.0, 1.0, 0.04, dL=0.3).coherence(0.45)\n"
                          "print(' '.join(sys.modules))"], capture_output=True, text=True, check=True).stdout
    design, qubits = out.splitlines()
    return set(design.split()), set(qubits.split())


def test_fluxonium_design_and_grid_qubit_coherence_need_neither_scqubits_nor_qutip(evaluation_modules):
    # their noise channels are our own (superind.qubits.noise); scqubits stays the reference in the tests
    assert not {m for m in evaluation_modules[1] if m.split(".")[0] in ("scqubits", "qutip", "sympy")}


def test_tin_rfsquid_evaluation_loads_only_its_packages(evaluation_modules):
    # resolving the CPW line and evaluating the device need neither the Touchstone machinery (scikit-rf), nor
    # figures, nor the peers of the tests; every package loaded is on the stated list
    design = evaluation_modules[0]
    assert not {m for m in design if m.split(".")[0] in ("skrf", "matplotlib", "scqubits", "qutip", "sympy")}
    third_party = {m.split(".")[0] for m in design} - set(sys.stdlib_module_names)
    assert {m for m in third_party if not m.startswith("_")} <= EVALUATION_PACKAGES


def test_cli_modules_keep_their_annotations_evaluated():
    # typer reads every command's signature at start-up; postponed (string) annotations would be eval'd each run
    from pathlib import Path

    for path in (Path(__file__).parents[1] / "superind" / "cli").glob("*.py"):
        assert "from __future__ import annotations" not in path.read_text(encoding="utf-8"), path


def test_libyaml_loader_reads_the_material_files_as_the_python_loader_does():
    from pathlib import Path

    import yaml

    from superind.materials import SAFE_LOADER

    for path in sorted((Path(__file__).parents[1] / "material_db").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=SAFE_LOADER) == yaml.load(text, Loader=yaml.SafeLoader), path


def test_constants_equal_scipy_codata():
    import scipy.constants as c

    import superind.constants as s

    for ours, theirs in [(s.e, c.e), (s.h, c.h), (s.hbar, c.hbar), (s.k_B, c.k), (s.c, c.c), (s.mu_0, c.mu_0),
                         (s.epsilon_0, c.epsilon_0)]:
        assert ours == theirs


def test_inductance_and_inductive_energy_are_inverse():
    # E_L = (Φ0/2π)²/L: 163.4615 GHz·nH, so L = 326.92 nH at E_L = 0.5 GHz; L(E_L(L)) = L
    import superind.constants as s

    assert s.inductance_H(0.5) == pytest.approx(326.92e-9, rel=1e-4)
    for L in (1e-9, 300e-9, 4.09e-6):
        assert s.inductance_H(s.inductive_energy_GHz(L)) == pytest.approx(L, rel=1e-14)


@pytest.mark.parametrize("text,kind", [
    ("1.5 kOhm", "resistance"), ("100 nm", "length"), ("20 mK", "temperature"), ("300 nH", "inductance"),
    ("7.75 fF", "capacitance"), ("17.9 nA", "current"), ("10 um", "length"), ("394 pH/sq", "sheet_inductance"),
    ("8 GHz", "frequency"), ("500 Ω", "resistance"), ("2.5e3 ohm", "resistance"), ("100 us", "time"),
    ("1 mm", "length"), ("5 ms", "time")])
def test_plain_unit_strings_parse_as_pint_does(text, kind):
    from superind import units

    fast = units._simple(units._clean(text))
    assert fast is not None, text
    ref = units._registry().Quantity(units._clean(text)).to(units.KINDS[kind][0]).magnitude
    assert fast[0] == pytest.approx(ref, rel=1e-15) and fast[1] == units.KINDS[kind][0]


@pytest.mark.parametrize("text", ["0.5 GHz", "180 ueV", "182.4 ueV", "1e-24 J", "300 MHz"])
def test_energies_parse_as_pint_does(text):
    from superind import units

    u = units._registry()
    q = u.Quantity(units._clean(text))
    ref = q.to("GHz").magnitude if q.check("[frequency]") else (q / u.planck_constant).to("GHz").magnitude
    assert units.parse_energy_ghz(text, "x") == pytest.approx(ref, rel=1e-15)
