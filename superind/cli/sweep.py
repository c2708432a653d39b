"""``superind sweep DESIGN.toml --vary FIELD=START:STOP:N …``: a grid over design fields → netCDF (xarray).

START and STOP carry units ("80 nm:200 nm:50") or are bare
numbers in the field's SI unit (GHz for energies); N points, linearly spaced, both ends included.
"""
from __future__ import annotations

import time
from typing import Annotated, Optional

import numpy as np
import typer

from ..errors import InputError
from .common import Json, emit_json, emit_table

app = typer.Typer()


def parse_vary(text: str) -> tuple[str, np.ndarray]:
    """``FIELD=START:STOP:N`` → (field, N values from START to STOP in the SI unit of ``field_unit``)."""
    from ..design import field_unit

    field, eq, spec = text.partition("=")
    field = field.strip()
    parts = spec.split(":")
    if not eq or not field or len(parts) != 3:
        raise InputError(f"--vary '{text}': give FIELD=START:STOP:N, e.g. superinductor.width=80nm:200nm:50")
    unit = field_unit(field)
    try:
        n = int(parts[2])
    except ValueError:
        raise InputError(f"--vary '{text}': N must be a whole number, got '{parts[2].strip()}'") from None
    if n < 1:
        raise InputError(f"--vary '{text}': N must be at least 1, got {n}")
    start, stop = (_parse_end(p.strip(), unit, f"--vary {field}") for p in parts[:2])
    return field, np.linspace(start, stop, n)


def _parse_end(text: str, unit: str, name: str) -> float:
    """One end of a range: a bare number (in ``unit``) or a quantity with units, returned in ``unit``."""
    from ..units import KINDS, parse_energy_ghz, parse_number, parse_quantity

    if not text:
        raise InputError(f"{name}: START and STOP must not be empty")
    try:
        return parse_number(text, name, positive=False)
    except InputError:
        if unit == "":
            raise
    if unit == "GHz":
        return parse_energy_ghz(text, name)
    kind = next(k for k, (u, _) in KINDS.items() if u == unit)
    return parse_quantity(text, kind, name, positive=False)


def make_executor(scheduler: str):
    """``distributed.Client(scheduler).get_executor()`` and the client (to close); needs the dask extra."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--scheduler needs the dask extra: pip install 'superind[dask]'") from None
    if "://" not in scheduler:
        raise InputError(f"--scheduler '{scheduler}': give an address like tcp://HOST:8786")
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"--scheduler '{scheduler}': cannot connect ({exc})".splitlines()[0]) from None
    return client, client.get_executor(pure=False)


@app.command()
def sweep(design_file: Annotated[str, typer.Argument(help="design file, e.g. layouts/tin_rfsquid.toml")],
          vary: Annotated[list[str], typer.Option("--vary", help="FIELD=START:STOP:N, e.g. "
                                                  "superinductor.width=80nm:200nm:50 (repeat for more axes)")],
          out: Annotated[Optional[str], typer.Option("-o", "--out", help="netCDF file (default NAME_sweep.nc)")] = None,
          workers: Annotated[Optional[int], typer.Option("--workers", help="local worker processes (default: "
                                                         "CPU count; 1 runs in this process)")] = None,
          scheduler: Annotated[Optional[str], typer.Option("--scheduler", help="Dask scheduler, e.g. "
                                                           "tcp://HOST:8786")] = None,
          as_json: Json = False):
    """Sweep design fields over a grid → NAME_sweep.nc (xarray; every scalar result, units as attributes)."""
    from pathlib import Path

    from ..design import load_design
    from ..design.sweep import INTERRUPTED, Sweep, write_netcdf

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
    grid = Sweep(design, axes)
    path = Path(out) if out else Path(f"{design.name}_sweep.nc")
    t0 = time.perf_counter()
    if scheduler is None:
        ds = grid.run(workers=workers)
    else:
        client, executor = make_executor(scheduler)
        try:
            ds = grid.run(executor=executor, workers=sum(client.nthreads().values()) or None)
        finally:
            client.close()
    elapsed = time.perf_counter() - t0
    write_netcdf(ds, path)
    errors = ds["error"].values.ravel()
    failed = int(sum(bool(e) and e != INTERRUPTED for e in errors))
    interrupted = int(sum(e == INTERRUPTED for e in errors))
    variables = {k: ds[k].attrs.get("units", "") for k in ds.data_vars if k != "error"}
    if as_json:
        emit_json({"file": str(path), "design": design.name, "dims": {f: int(ds.sizes[f]) for f in grid.fields},
                   "points": grid.size, "variables": variables, "failed_points": failed,
                   "interrupted_points": interrupted, "elapsed_s": elapsed})
    else:
        rows = [(f, f"{n} point{'s' if n != 1 else ''}, {a[0]:.4g} … {a[-1]:.4g} {grid.units[f]}".rstrip())
                for f, a, n in zip(grid.fields, grid.axes.values(), grid.shape)]
        rows += [("variables", ", ".join(variables)), ("failed points", f"{failed} of {grid.size}"),
                 ("elapsed", f"{elapsed:.3g} s"), ("file", str(path))]
        emit_table(f"sweep of {design.name}", rows)
    if interrupted:
        raise typer.Exit(130)  # written, but not complete: the shell's code for a Ctrl-C
