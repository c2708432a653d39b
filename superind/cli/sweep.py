"""``superind sweep DESIGN.toml --vary FIELD=START:STOP:N …``: a grid over design fields → netCDF (xarray).

START and STOP carry units ("80 nm:200 nm:50") or are bare
numbers in the field's SI unit (GHz for energies); N points, linearly spaced, both ends included.
"""

import sys
import time
from typing import Annotated, Optional

import typer

from ..errors import InputError
from .common import INTERRUPTION_EXPLAINED, Json, emit_json, emit_table

app = typer.Typer()


@app.command()
def sweep(design_file: Annotated[str, typer.Argument(help="design file, e.g. layouts/tin_rfsquid.toml")],
          vary: Annotated[list[str], typer.Option("--vary", help="FIELD=START:STOP:N, e.g. "
                                                  "superinductor.width=80nm:200nm:50 (repeat for more axes)")],
          out: Annotated[Optional[str], typer.Option("-o", "--out", help="netCDF file (.nc), or a folder to write "
                                                     "NAME_sweep.nc into (default ./NAME_sweep.nc)")] = None,
          workers: Annotated[Optional[int], typer.Option("--workers", help="local worker processes (default: "
                                                         "CPU count; 1 runs in this process)")] = None,
          scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler, e.g. "
                                                           "tcp://HOST:8786")] = None,
          timeout: Annotated[Optional[float], typer.Option("--timeout", help="seconds to reach a Dask scheduler "
                                                           "and its first worker (default 30)")] = None,
          yes: Annotated[bool, typer.Option("--yes", help="run a large sweep without asking")] = False,
          record: Annotated[Optional[list[str]], typer.Option("--record", help="also record: multimode (the dressed "
                                                              "f01 and its shifts) or spread (the Monte-Carlo's p5, "
                                                              "p50, p95 of each quantity); repeat for both")] = None,
          as_json: Json = False):
    """Sweep design fields over a grid → NAME_sweep.nc (xarray; every scalar result, units as attributes).

    Exit code 1 when every point failed; 130 when interrupted (the finished points are saved first).
    """
    from ..design import load_design
    from ..design.sweep import INTERRUPTED, Sweep, SweepStopped, parse_vary, write_netcdf
    from ..files import design_inputs, output_path

    if workers is not None and scheduler is not None:
        raise InputError("give either --workers (local processes) or --scheduler (Dask), not both")
    if workers is not None and workers < 1:
        raise InputError(f"--workers must be at least 1, got {workers}")
    design = load_design(design_file)
    axes = {}
    for text in vary:
        field, values = parse_vary(text)
        if field in axes:
            raise InputError(f"--vary {field} is given twice")
        axes[field] = values
    grid = Sweep(design, axes, record or ())
    path = output_path(out, f"{design.name}_sweep.nc", NETCDF_SUFFIXES, "sweep", design_inputs(design))
    if grid.size > CONFIRM_POINTS:
        _confirm(grid, workers, yes)
    t0 = time.perf_counter()
    try:
        if scheduler is None:
            ds = grid.run(workers=workers)
        else:
            from ..output.dask_connect import connect_dask

            client = connect_dask(scheduler, timeout)
            try:
                ds = grid.run(executor=client.get_executor(pure=False),
                              workers=sum(client.nthreads().values()) or None)
            finally:
                client.close()
    except SweepStopped as exc:
        path = write_netcdf(exc.dataset, path)
        print(f"superind: error: {exc}; the finished points are in {path}", file=sys.stderr)
        raise typer.Exit(1) from None
    elapsed = time.perf_counter() - t0
    path = write_netcdf(ds, path)
    errors = ds["error"].values.ravel()
    failed = int(sum(bool(e) and e != INTERRUPTED for e in errors))
    interrupted = int(sum(e == INTERRUPTED for e in errors))
    variables = {k: ds[k].attrs.get("units", "") for k in ds.data_vars if k != "error"}
    if as_json:
        emit_json({"file": str(path), "design": design.name, "dims": dict(zip(grid.fields, grid.shape)),
                   "points": grid.size, "variables": variables, "failed_points": failed,
                   "failure_reasons": failure_reasons(errors), "notes": grid.notes,
                   "interrupted_points": interrupted, "elapsed_s": elapsed})
    else:
        from ..format import eng

        def value(x, unit):
            return f"{x:.4g} GHz" if unit == "GHz" else eng(x, unit.replace("ohm", "Ω"), 4) if unit else f"{x:.4g}"

        rows = [(f, f"{n} point{'s' if n != 1 else ''}, {value(a[0], grid.units[f])} … {value(a[-1], grid.units[f])}")
                for f, a, n in zip(grid.fields, grid.axes.values(), grid.shape)]
        rows += [("variables", ", ".join(variables)), ("failed points", f"{failed} of {grid.size}"),
                 ("elapsed", eng(elapsed, "s")), ("file", str(path))]
        rows += [("note", note) for note in grid.notes]
        reasons = failure_reasons(errors)
        rows += [(f"failed: {count} point{'s' if count != 1 else ''}", reason) for reason, count in reasons.items()]
        emit_table(f"sweep of {design.name}", rows)
    if interrupted:  # written, but not complete: the shell's code for a Ctrl-C (the sweep said what it kept)
        INTERRUPTION_EXPLAINED[0] = True
        raise typer.Exit(130)
    if failed == grid.size:
        print(f"superind: every one of the {grid.size} points failed; first error: {errors[0]}", file=sys.stderr)
        raise typer.Exit(1)


def failure_reasons(errors) -> dict:
    """Why points failed, grouped: reason → number of points (most common first; interruptions left out)."""
    from collections import Counter

    from ..design.sweep import INTERRUPTED

    return dict(Counter(str(e) for e in errors if e and e != INTERRUPTED).most_common())


#: the suffixes of a netCDF-4 (HDF5) file
NETCDF_SUFFIXES = (".nc", ".nc4", ".h5")
#: sweeps with more points than this print an estimate first and need --yes when not interactive
CONFIRM_POINTS = 1000


def _confirm(grid, workers, yes: bool) -> None:
    """Time the first point, print the estimated time and size, and ask (or require --yes)."""
    import os

    from ..design.sweep import evaluate_point
    from ..limits import estimate_sweep

    t0 = time.perf_counter()
    results, _ = evaluate_point(grid.design, grid.fields, grid.point(0))
    seconds = time.perf_counter() - t0
    text = estimate_sweep(grid.size, seconds, 8 * (len(results) + 2), workers or os.cpu_count() or 1)
    if not (yes or sys.stdin.isatty()):
        raise InputError(f"a sweep of {text} needs --yes when not run interactively")
    print(f"superind: sweep of {text}", file=sys.stderr)
    if not yes and not typer.confirm("run it?", err=True):
        raise typer.Exit(130)
