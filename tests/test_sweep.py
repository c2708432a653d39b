"""Sweeps: the same grid gives identical datasets in-process, on a local process pool and on a Dask cluster;
failed and interrupted points are recorded, not fatal; netCDF keeps the units; the CLI rejects bad input."""
import json
from pathlib import Path

import numpy as np
import pytest
import xarray as xr

import superind.design.sweep as sweep_module
from superind.design.sweep import parse_vary
from superind.design import load_design, spec_with
from superind.errors import InputError
from superind.design.sweep import INTERRUPTED, Sweep, write_netcdf

LAYOUTS = Path(__file__).resolve().parents[1] / "layouts"

RFSQUID = Path(__file__).resolve().parents[1] / "layouts" / "tin_rfsquid.toml"
WIDTHS_M = np.linspace(80e-9, 200e-9, 3)
RSQ_OHM = np.array([1.5e3, 2.5e3])


@pytest.fixture(scope="module")
def design():
    """The shipped RF-SQUID design, single-mode (the executors' agreement does not need the wire's modes)."""
    return spec_with(load_design(RFSQUID), {"qubit.modes": 0})


@pytest.fixture(scope="module")
def grid(design):
    """The smallest grid that still shows the executors agree: 3 widths × 2 sheet resistances."""
    return Sweep(design, {"superinductor.width": WIDTHS_M, "film.R_sq": RSQ_OHM})


@pytest.fixture(scope="module")
def serial(grid):
    """The reference: every point in this process (workers=1)."""
    return grid.run(workers=1, progress=False)


def test_serial_sweep_has_fields_as_dims_and_units(serial):
    # the axes in engineering units under attribute-friendly names, the dotted field path kept as an attribute
    assert dict(serial.sizes) == {"superinductor_width": 3, "film_R_sq": 2}
    assert serial.superinductor_width.attrs["units"] == "nm" and serial.superinductor_width.attrs["field"] == \
        "superinductor.width"
    assert serial["film_R_sq"].attrs["units"] == "kOhm"
    np.testing.assert_allclose(serial["superinductor_width"].values * 1e-9, WIDTHS_M, rtol=1e-12)
    assert (serial["error"] == "").all(), serial["error"].values
    assert serial["L_H"].attrs["units"] == "H" and serial["f01_min_GHz"].attrs["units"] == "GHz"
    # same target inductance everywhere (E_L = 0.5 GHz → 326.9 nH); the wire gets longer as it gets wider
    np.testing.assert_allclose(serial["L_H"], 326.9e-9, rtol=1e-3)
    length = serial["length_m"].sel(film_R_sq=1.5).values
    assert np.all(np.diff(length) > 0)
    # L_k,□ ∝ R_sq at fixed T_c (Mattis–Bardeen, PHYSICS.md §1.3): 2.5 kΩ needs 3/5 of the squares of 1.5 kΩ
    sq = serial["squares"].values
    np.testing.assert_allclose(sq[:, 1] / sq[:, 0], 1.5 / 2.5, rtol=1e-3)


def test_two_local_workers_give_identical_dataset(grid, serial):
    parallel = grid.run(workers=2, progress=False)
    xr.testing.assert_identical(parallel, serial)


def test_dask_local_cluster_gives_identical_dataset(grid, serial):
    import distributed
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        on_dask = grid.run(executor=client.get_executor(pure=False), workers=2, progress=False)
    xr.testing.assert_identical(on_dask, serial)


@pytest.mark.parametrize("workers", [1, 2])
def test_failed_point_records_its_error_and_the_sweep_goes_on(design, workers):
    # a 400 nm wide wire cannot sit on the design's 300 nm pitch: that point is an InputError
    ds = Sweep(design, {"superinductor.width": [100e-9, 400e-9, 150e-9]}).run(workers=workers, progress=False)
    errors = ds["error"].values
    assert errors[0] == "" and errors[2] == ""
    assert errors[1].startswith("InputError") and "pitch" in errors[1]
    assert np.isnan(ds["L_H"].values[1])
    assert np.isfinite(ds["L_H"].values[[0, 2]]).all()


def test_ctrl_c_in_process_keeps_finished_points(design, monkeypatch, capsys):
    real, calls = sweep_module.evaluate_point, []

    def interrupted_on_third(*args):
        calls.append(args)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(sweep_module, "evaluate_point", interrupted_on_third)
    ds = Sweep(design, {"film.R_sq": np.linspace(1e3, 2e3, 5)}).run(workers=1, progress=False)
    assert list(ds["error"].values) == ["", "", INTERRUPTED, INTERRUPTED, INTERRUPTED]
    assert np.isfinite(ds["L_H"].values[:2]).all() and np.isnan(ds["L_H"].values[2:]).all()
    assert "kept 2 of 5 points" in capsys.readouterr().err


def test_ctrl_c_on_process_pool_cancels_pending_and_keeps_finished(design, monkeypatch, capsys):
    real, calls = sweep_module.wait, []

    def interrupted_on_second(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(sweep_module, "wait", interrupted_on_second)
    ds = Sweep(design, {"film.R_sq": np.linspace(1e3, 2e3, 12)}).run(workers=2, progress=False)
    errors = list(ds["error"].values)
    finished = [i for i, e in enumerate(errors) if e == ""]
    assert set(errors) <= {"", INTERRUPTED}
    assert len(finished) >= 2 and errors.count(INTERRUPTED) >= 1  # the first probe finished; the rest cancelled
    assert np.isfinite(ds["L_H"].values[finished]).all()
    assert "sweep interrupted" in capsys.readouterr().err


def test_netcdf_round_trip_keeps_values_and_units(serial, tmp_path):
    path = write_netcdf(serial, tmp_path / "rf.nc")
    assert [p.name for p in tmp_path.iterdir()] == ["rf.nc"]  # no temporary file left behind
    with xr.open_dataset(path, engine="h5netcdf") as back:
        back = back.load()
    xr.testing.assert_identical(back, serial)
    assert back["superinductor_width"].attrs["units"] == "nm"
    assert back["Z_ohm"].attrs["units"] == "ohm" and back["T1_s"].attrs["units"] == "s"


def test_vary_parses_units_and_bare_si_numbers(design):
    field, values = parse_vary("superinductor.width=80 nm:200 nm:4")
    assert field == "superinductor.width"
    np.testing.assert_allclose(values, [80e-9, 120e-9, 160e-9, 200e-9], rtol=1e-12)
    np.testing.assert_allclose(parse_vary("film.R_sq=1500:2.5kOhm:3")[1], [1500, 2000, 2500])
    np.testing.assert_allclose(parse_vary("junction.E_J=5:10 GHz:2")[1], [5, 10])
    np.testing.assert_allclose(parse_vary("qubit.flux.points=21:41:2")[1], [21, 41])
    with pytest.raises(InputError, match="did you mean 'film.R_sq'"):
        parse_vary("film.Rsq=1:2:2")


def test_cli_sweep_writes_default_file_and_json_summary(run_json, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = run_json("sweep", str(RFSQUID), "--vary", "superinductor.width=100nm:400nm:2",
                   "--vary", "qubit.flux.points=21:21:1", "--workers", "1")
    assert out["file"] == "tin_rfsquid_sweep.nc" and (tmp_path / out["file"]).is_file()
    assert out["dims"] == {"superinductor.width": 2, "qubit.flux.points": 1}
    assert out["variables"]["L_H"] == "H" and out["failed_points"] == 1 and out["elapsed_s"] > 0
    with xr.open_dataset(tmp_path / out["file"], engine="h5netcdf") as ds:
        assert ds["error"].values[1, 0].startswith("InputError")


def test_cli_ctrl_c_still_writes_the_file(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from superind.cli import app

    def interrupt(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(sweep_module, "evaluate_point", interrupt)
    path = tmp_path / "cut.nc"
    result = CliRunner().invoke(app, ["sweep", str(RFSQUID), "--vary", "film.R_sq=1kOhm:2kOhm:3", "--workers", "1",
                                      "-o", str(path), "--json"])
    assert result.exit_code == 130 and path.is_file()
    assert json.loads(result.stdout)["interrupted_points"] == 3 and "sweep interrupted" in result.stderr


@pytest.mark.parametrize("vary, extra, message", [
    ("superinductor.widht=80nm:200nm:3", [], "did you mean 'superinductor.width'"),
    ("superinductor.width=80nm:200nm", [], "FIELD=START:STOP:N"),
    ("superinductor.width80nm:200nm:3", [], "FIELD=START:STOP:N"),
    ("superinductor.width=80nm:200nm:0", [], "at least 1"),
    ("superinductor.width=80nm:200nm:2.5", [], "whole number"),
    ("superinductor.width=80 K:200nm:3", [], "not a length"),
    ("superinductor.width=80nm:200nm:3", ["--workers", "2", "--scheduler", "tcp://127.0.0.1:8786"], "not both"),
    ("superinductor.width=80nm:200nm:3", ["--workers", "0"], "at least 1"),
])
def test_cli_bad_input_exits_2_with_one_line(run_cli, tmp_path, monkeypatch, vary, extra, message):
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("sweep", str(RFSQUID), "--vary", vary, *extra)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message in err
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_workers_compute_with_the_database_as_it_is_now(tmp_path, monkeypatch):
    """A material file edited after the pool's workers started (and after this process cached the database) is
    what every executor computes with: the workers receive the parent's resolved material."""
    from superind import materials
    from superind.constants import hbar, k_B

    spec = load_design(RFSQUID).with_(**{"film.Tc": "2 K", "film.R_sq": "1.5 kOhm"})
    wire_only = spec.model_copy(update={"qubit": None, "junction": None, "spread": None})
    grid = Sweep(wire_only, {"film.R_sq": [1.0e3, 1.5e3]})
    before = grid.run(workers=2, progress=False)  # starts (or reuses) the pool: its workers know the shipped TiN
    folder = tmp_path / "materials"  # then, as in a notebook, a user material appears: a TiN with another gap ratio
    folder.mkdir()
    monkeypatch.setenv("SUPERIND_MATERIALS", str(folder))  # the running workers do not see this variable
    shipped = (materials._shipped_dir() / "tin.yaml").read_text(encoding="utf-8")
    edited = shipped.replace("gap_ratio_default: 1.763877", "gap_ratio_default: 2.0")
    assert edited != shipped
    (folder / "tin.yaml").write_text(edited, encoding="utf-8")
    assert materials.get_material("TiN").gap_ratio_default == 2.0  # no reload needed: the cache sees the edit
    two, one = grid.run(workers=2, progress=False), grid.run(workers=1, progress=False)
    xr.testing.assert_identical(two.drop_attrs(), one.drop_attrs())
    # L_k,□ = ħR_sq/(π α k_B T_c) (Mattis–Bardeen, T → 0): α = 2.0 now, 1.763877 before
    for ds, alpha in ((one, 2.0), (before, 1.763877)):
        expected = hbar * np.array([1.0e3, 1.5e3]) / (np.pi * alpha * k_B * 2.0)
        np.testing.assert_allclose(ds["film_L_k_sq_H"].values, expected, rtol=1e-4)


def test_a_point_records_what_the_build_computes_and_more_on_request():
    """A sweep point of the shipped fluxonium records the build's headline (multimode) f01; --record adds the
    multimode section's numbers and the Monte-Carlo's percentiles — those of the build's own spread section."""
    import superind as si
    from superind.design.sweep import point_results

    spec = si.load_design(LAYOUTS / "tin_rfsquid.toml")
    built = si.evaluate(si.resolve(spec))
    plain = point_results(spec)
    assert plain["f01_operating_GHz"][0] == built["qubit"]["f01_operating_GHz"] == built["multimode"]["f01_GHz"]
    assert not [k for k in plain if k.startswith(("spread_", "multimode_"))]
    more = point_results(spec, ("multimode", "spread"))
    assert more["multimode_f01_GHz"][0] == built["multimode"]["f01_GHz"]
    for q in ("f01_GHz", "L_k_H", "E_S_GHz"):
        assert more[f"spread_{q}_p50"][0] == built["spread"][q]["p50"], q


def test_record_names_what_it_can_record():
    import superind as si
    from superind.errors import InputError

    spec = si.load_design(LAYOUTS / "gral_fluxonium.toml")
    with pytest.raises(InputError, match="multimode, spread"):
        si.Sweep(spec, {"superinductor.width": ["100 nm"]}, record=("coherence",))
    with pytest.raises(InputError, match=r"\[spread\]"):
        si.Sweep(spec, {"superinductor.width": ["100 nm"]}, record=("spread",))
