"""Sweep speed-up: a 25 × 8 grid of the RF-SQUID design (layouts/tin_rfsquid.toml, superinductor.width ×
junction.E_J: every point a new wire and a new qubit) with --workers 1 (in this process) and --workers 2 (local
process pool); prints the time per point and the speed-up.

Two forms of the design point: the RF-SQUID design point the targets were set for (single-mode, no Monte-Carlo
section), and the shipped design's point with its [spread] section (wire modes off) — which a sweep no longer
computes unless asked (``--record spread``), so the two now cost the same. Targets: ≤ 50 ms per design point, ≥ 1.8× with 2 workers on this
2-core machine. Imports are paid once before timing, as in a long session; both runs pin BLAS to one thread per
worker. Usage:
``python benchmarks/bench_sweep.py [--repeat 3]``; add ``--scheduler tcp://HOST:PORT`` to time a Dask cluster too.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import xarray as xr

from superind.design import load_design
from superind.design import Sweep

RFSQUID = Path(__file__).resolve().parents[1] / "layouts" / "tin_rfsquid.toml"


def timed(grid: Sweep, **run_options) -> tuple[float, xr.Dataset]:
    """Wall time (s) and dataset of one run of the grid."""
    t0 = time.perf_counter()
    ds = grid.run(progress=False, **run_options)
    return time.perf_counter() - t0, ds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per setting; the best is reported")
    parser.add_argument("--scheduler", help="also time a Dask scheduler, e.g. tcp://127.0.0.1:8786")
    args = parser.parse_args()

    from superind.design import spec_with

    client = None
    if args.scheduler:
        from distributed import Client

        client = Client(args.scheduler)
    shipped = spec_with(load_design(RFSQUID), {"qubit.modes": 0})
    forms = {"single-mode RF-SQUID point": shipped.model_copy(update={"spread": None}),
             "with its 1000-device Monte-Carlo": shipped}
    for form, design in forms.items():
        print(f"-- {form}")
        best = time_grid(design, args.repeat, client)
        speedup = best["workers=1"] / best["workers=2"]
        print(f"speed-up workers=2 vs workers=1: {speedup:.2f}x (target >= 1.8x) "
              f"{'OK' if speedup >= 1.8 else 'BELOW TARGET'}")
    if client is not None:
        client.close()


def time_grid(design, repeat: int, client) -> dict:
    """Best wall time [s] per setting of the 25 × 8 grid of ``design``; every setting must give the same dataset."""
    # every point a different qubit (E_J varies) and a different drawn wire (width varies): no cache helps
    grid = Sweep(design, {"superinductor.width": np.linspace(80e-9, 200e-9, 25),
                          "junction.E_J": np.linspace(6.0, 10.0, 8)})
    Sweep(design, {"film.R_sq": [1.5e3]}).run(workers=1, progress=False)  # imports and caches, not timed
    settings = {"workers=1": {"workers": 1}, "workers=2": {"workers": 2}}
    if client is not None:
        settings["dask"] = {"executor": client.get_executor(pure=False), "workers": sum(client.nthreads().values())}
    best, reference = {}, None
    for name, options in settings.items():
        times = []
        for _ in range(repeat):
            seconds, ds = timed(grid, **options)
            times.append(seconds)
            reference = ds if reference is None else reference
            assert ds.identical(reference), f"{name} gave a different dataset"
        best[name] = min(times)
        print(f"{name:<10} best {best[name]:6.2f} s of {repeat}  ({1e3 * best[name] / grid.size:.1f} ms per "
              f"point, {grid.size / best[name]:.1f} points/s; runs: {', '.join(f'{t:.2f}' for t in times)})")
    return best


if __name__ == "__main__":
    main()
