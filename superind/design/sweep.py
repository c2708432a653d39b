"""Sweeps: vary design fields over a grid and collect every scalar result into an ``xarray.Dataset``.

Each grid point is a pure function of the spec (``spec_with(spec, {all varied fields})`` validated once, then
resolve → evaluate → ``Results.scalars()``), so the axis order never matters and points run independently on any
``concurrent.futures.Executor``: a local process pool by default (BLAS pinned to one thread per worker, points
batched so a task runs ≥ 100 ms), Dask through ``distributed.Client(addr).get_executor()``, or in this process for
one worker. The same grid gives identical numbers on every executor. A point that fails records its error instead
of stopping the sweep; Ctrl-C stops cleanly and keeps the finished points. The local workers never outlive the
sweep: Ctrl-C or a fault kills them (their running points are lost, not waited for), and each worker ends by
itself when this process ends, even by SIGKILL (``superind.children``).
"""
from __future__ import annotations

import atexit
import math
import os
import signal
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Executor, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Optional

import numpy as np

from ..errors import InputError
from .fields import field_unit, spec_with
from .schema import DesignSpec

#: wall time one task should run at least (s): amortises submission and pickling overhead
TASK_SECONDS = 0.1
#: tasks per worker the batching aims for at least, so the last tasks do not leave workers idle
TASKS_PER_WORKER = 4
#: error text of the points a Ctrl-C left unfinished
INTERRUPTED = "interrupted"
#: error text of the points not run because a fault stopped the sweep
STOPPED = "not run: the sweep stopped"


class SweepStopped(Exception):
    """A fault (not bad input) stopped a sweep; ``dataset`` holds the points that finished (exit code 1)."""

    exit_code = 1

    def __init__(self, message: str, dataset):
        super().__init__(message)
        self.dataset = dataset


def parse_vary(text: str) -> tuple[str, np.ndarray]:
    """``FIELD=START:STOP:N`` → (field, N values from START to STOP in the SI unit of ``field_unit``)."""

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


#: design fields that are drawn dimensions, on the process grid
GRIDDED = ("superinductor.width", "superinductor.pitch", "layout.junction_gap")


def axis_values(field: str, values) -> np.ndarray:
    """A sweep axis from Python: "START:STOP:N" (with units), or a sequence of unit strings, pint quantities or
    numbers in the field's SI unit (``field_unit``)."""
    from ..units import as_ghz, as_si, KINDS

    if isinstance(values, str):
        return parse_vary(f"{field}={values}")[1]
    if hasattr(values, "magnitude") and hasattr(values, "units") and hasattr(values.magnitude, "__len__"):
        values = [values.units * float(v) for v in values.magnitude]  # an array quantity: element by element
    try:
        items = list(values)
    except TypeError:
        items = [values]
    unit = field_unit(field)
    kind = next((k for k, (u, _) in KINDS.items() if u == unit), None)
    out = []
    for v in items:
        if isinstance(v, (int, float, np.number)) and not isinstance(v, bool):
            out.append(float(v))
        elif unit == "GHz":
            out.append(as_ghz(v, f"sweep axis '{field}'"))
        elif kind is not None:
            out.append(as_si(v, kind, f"sweep axis '{field}'", positive=False))
        else:
            from ..units import parse_number

            out.append(parse_number(v, f"sweep axis '{field}'", positive=False))
    return np.asarray(out, dtype=float)


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


#: the sections a sweep point computes: what it records (``Results.scalars``), nothing it would throw away
SWEEP_SECTIONS = ("film", "superinductor", "qubit")


def check_record(record, design: DesignSpec) -> tuple:
    """The extra sections a sweep of ``design`` records (``--record``): a subset of ``RECORDABLE`` the design has,
    in a fixed order."""
    from .results import RECORDABLE

    record = tuple(record or ())
    unknown = [r for r in record if r not in RECORDABLE]
    if unknown:
        raise InputError(f"--record {', '.join(unknown)}: a sweep can also record {', '.join(RECORDABLE)}")
    if "spread" in record and design.spread is None:
        raise InputError("--record spread: the design has no [spread] section")
    return tuple(r for r in RECORDABLE if r in record)


def point_results(spec: DesignSpec, record: tuple = ()) -> dict[str, tuple]:
    """What a sweep records of one design point: every scalar number, name → (value, unit), and the overall
    ``verdict`` → (works | marginal | fails, ""). Only ``SWEEP_SECTIONS`` are computed (with the wire's modes in
    the qubit when the design has ``qubit.modes``: the headline f01 is the multimode one), plus the ``record``
    sections. Pure."""
    from .evaluate import evaluate
    from .resolve import resolve

    results = evaluate(resolve(spec), only=SWEEP_SECTIONS + tuple(record))
    return {**results.scalars(), "verdict": (results.verdict, "")}


def scalar_results(spec: DesignSpec) -> dict[str, tuple[float, str]]:
    """Every scalar number of one design point: name → (value, unit). Pure."""
    return {k: v for k, v in point_results(spec).items() if k != "verdict"}


def evaluate_point(design: DesignSpec, fields: tuple, values: tuple, record: tuple = ()) -> tuple[dict, str]:
    """Scalar results of ``design`` with ``fields`` set to ``values`` (SI floats in ``field_unit``), all at once.

    Returns (name → (value, unit), "") on success and ({}, "ExceptionName: message") when the point's input is
    not physical (InputError); any other exception propagates (a bug is not data).
    """
    try:
        point = spec_with(design, {f: float(v) for f, v in zip(fields, values)})
        return point_results(point, record), ""
    except InputError as exc:  # a point outside the physical range is data, not a crash of the sweep
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        return {}, f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def run_batch(design: DesignSpec, fields: tuple, batch: list, materials: tuple = (),
              record: tuple = ()) -> list[tuple[dict, str, float]]:
    """Evaluate a batch of points (tuples of values) with BLAS pinned to one thread, with the parent's resolved
    ``materials`` pinned (``superind.materials.pin``: a worker never reads its own, possibly stale, database).

    Returns, per point, (results, error, seconds of wall time). This is the task sent to the executor.
    """
    from threadpoolctl import threadpool_limits

    from ..materials import pin

    pin(materials)
    out = []
    with threadpool_limits(1):
        for values in batch:
            t0 = time.perf_counter()
            results, error = evaluate_point(design, fields, values, record)
            out.append((results, error, time.perf_counter() - t0))
    return out


def _init_worker(creator_pid: int, parent_is_main_thread: bool) -> None:
    """Process-pool worker set-up: the worker ends with its parent, even one killed by SIGKILL
    (``superind.children.die_with_parent``); BLAS on one thread; the evaluation's modules imported once (paid when
    the pool starts, not by the first points); Ctrl-C is handled by the parent alone."""
    from threadpoolctl import threadpool_limits

    from ..children import die_with_parent

    die_with_parent(creator_pid, parent_is_main_thread)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threadpool_limits(1)
    from .evaluate import evaluate  # noqa: F401
    from .resolve import resolve  # noqa: F401


#: the local worker pools, kept for the session: a second sweep reuses the warm workers
_POOLS: dict = {}
#: seconds ``stop_pool`` waits for each killed worker to be reaped
REAP_S = 2.0


def local_pool(workers: int) -> ProcessPoolExecutor:
    """A process pool of ``workers`` warm workers, started on first use and reused by later sweeps. Its workers
    end with this process however it ends (``_init_worker``)."""
    pool = _POOLS.get(workers)
    if pool is None or getattr(pool, "_broken", False) or getattr(pool, "_shutdown_thread", False):
        main = threading.current_thread() is threading.main_thread()  # the thread that will start the workers
        pool = _POOLS[workers] = ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(os.getpid(), main))
        atexit.register(pool.shutdown, wait=False, cancel_futures=True)
    return pool


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """End a local pool now: its workers are killed, not waited for (a running point may take minutes), and the
    pool is not reused. ``ProcessPoolExecutor.kill_workers`` where Python has it (≥ 3.14), else the same steps."""
    for key in [k for k, v in _POOLS.items() if v is pool]:
        del _POOLS[key]
    if hasattr(pool, "kill_workers"):
        pool.kill_workers()
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(REAP_S)


def _warm_xarray() -> None:
    """Import xarray and build a first Dataset: xarray imports its duck-array modules (dask, …) there, ~1 s that
    would otherwise fall between a Ctrl-C and the saved file."""
    import xarray as xr

    xr.Dataset({"x": ("x", [0.0])})


class Sweep:
    """A grid over design fields: ``Sweep(design, {"superinductor.width": widths_m, "film.R_sq": rsq_ohm})``.

    Each axis is a 1-D array of values in the SI unit of ``field_unit(field)`` (m, ohm, K, …; GHz for
    energies; plain numbers for dimensionless fields). The grid is the outer product of the axes, in the
    order given (the first axis varies slowest). A point computes only what the sweep records: the film, wire
    and qubit numbers (the qubit's headline from its multimode model when the design has ``qubit.modes``), and the
    sections named in ``record`` ("multimode": its dressed f01 and shifts; "spread": the Monte-Carlo's p5, p50,
    p95 of each quantity).
    """

    def __init__(self, design: DesignSpec, axes: dict, record=()):
        if not axes:
            raise InputError("a sweep needs at least one axis, e.g. --vary superinductor.width=80nm:200nm:13")
        if not isinstance(design, DesignSpec):
            raise InputError(f"Sweep takes a design spec (superind.load_design(path) or superind.DesignSpec(...)), "
                             f"got {type(design).__name__}")
        self.design = design
        self.record = check_record(record, design)
        self.axes = {}
        self.units = {}
        self.notes: list[str] = []
        for field, values in axes.items():
            self.units[field] = field_unit(field)
            arr = axis_values(field, values)
            if arr.ndim != 1 or arr.size < 1:
                raise InputError(f"sweep axis '{field}': give a 1-D list of at least one value")
            if not np.all(np.isfinite(arr)):
                raise InputError(f"sweep axis '{field}': values must be finite numbers")
            self.axes[field] = arr
        from ..limits import check_count

        check_count(self.size, "max_sweep_points", "points", "--vary")
        self.axes = {field: self._on_grid(field, arr) for field, arr in self.axes.items()}

    def _on_grid(self, field: str, values: np.ndarray) -> np.ndarray:
        """A drawn dimension (width, pitch, junction gap) snapped to the design's process grid, with a note; two
        values that snap together are refused up front (fewer points or a wider range)."""
        if field not in GRIDDED:
            return values
        from ..layout import load_process

        grid = load_process(self.design.layout.process).grid_m
        steps = values / grid
        off = np.abs(steps - np.round(steps)) > 1e-6  # values on the grid are kept as given
        snapped = np.where(off, np.round(steps) * grid, values)
        moved = int(off.sum())
        if np.unique(snapped).size < np.unique(values).size:
            raise InputError(f"sweep axis '{field}': {values.size} values from {values[0]:.4g} to {values[-1]:.4g} m "
                             f"fall on fewer distinct points of the {grid * 1e9:g} nm process grid; use fewer points "
                             "or a wider range")
        if moved:
            self.notes.append(f"{field}: {moved} of {values.size} values snapped to the {grid * 1e9:g} nm process "
                              "grid (a drawn dimension)")
        return snapped

    def materials(self) -> tuple:
        """The design's film material as this process resolves it now (sent to every worker with its tasks)."""
        from ..materials import get_material

        return (get_material(self.design.film.material),) if self.design.film is not None else ()

    @property
    def fields(self) -> tuple:
        """The varied field paths, in axis order."""
        return tuple(self.axes)

    @property
    def shape(self) -> tuple:
        """Points along each axis."""
        return tuple(a.size for a in self.axes.values())

    @property
    def size(self) -> int:
        """Number of grid points."""
        return math.prod(self.shape)

    def point(self, index: int) -> tuple:
        """Field values (Python floats, SI) of the grid point with flat C-order ``index``."""
        where = np.unravel_index(index, self.shape)
        return tuple(float(a[i]) for a, i in zip(self.axes.values(), where))

    def run(self, executor: Optional[Executor] = None, workers: Optional[int] = None,
            progress: bool = True):
        """Evaluate every grid point and return the ``xarray.Dataset``.

        ``executor``: any ``concurrent.futures.Executor`` (e.g. ``distributed.Client(addr).get_executor()``);
        by default a local ``ProcessPoolExecutor(workers)`` (``workers`` defaults to the CPU count), and with
        ``workers=1`` the points run in this process. BLAS is pinned to one thread in all cases. The progress
        bar goes to stderr when it is a terminal. Ctrl-C keeps the finished points; the others are NaN with
        error "interrupted", and a note goes to stderr.
        """
        from tqdm import tqdm

        if workers is not None and workers < 1:
            raise InputError(f"workers must be at least 1, got {workers}")
        outcomes: list = [None] * self.size
        bar = tqdm(total=self.size, desc=f"sweep {self.design.name}", unit="point", file=sys.stderr,
                   disable=None if progress else True)
        try:
            if executor is None and workers == 1:
                self._run_here(outcomes, bar)
            elif executor is None:
                n = workers or os.cpu_count() or 1
                self._run_on(local_pool(n), n, outcomes, bar, own=True)
            else:
                self._run_on(executor, workers or os.cpu_count() or 1, outcomes, bar, own=False)
        except Exception as exc:  # not bad input but a fault: stop, keep what finished
            done = [o if o is not None else ({}, STOPPED) for o in outcomes]
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            raise SweepStopped(f"sweep stopped by {type(exc).__name__}: {message}", self._dataset(done)) from exc
        finally:
            bar.close()
        missing = sum(o is None for o in outcomes)
        if missing:
            print(f"superind: sweep interrupted: kept {self.size - missing} of {self.size} points; the others are "
                  f"NaN with error '{INTERRUPTED}'", file=sys.stderr)
        return self._dataset([o if o is not None else ({}, INTERRUPTED) for o in outcomes])

    def _run_here(self, outcomes: list, bar) -> None:
        """All points in this process, BLAS pinned to one thread for the duration."""
        from threadpoolctl import threadpool_limits

        try:
            with threadpool_limits(1):
                for i in range(self.size):
                    outcomes[i] = evaluate_point(self.design, self.fields, self.point(i), self.record)
                    bar.update(1)
        except KeyboardInterrupt:
            return

    def _run_on(self, executor: Executor, workers: int, outcomes: list, bar, own: bool) -> None:
        """Points in batches on ``executor``: two-point probes (one per worker) time a point, then the rest
        goes in batches of ≥ ``TASK_SECONDS`` (but at least ``TASKS_PER_WORKER`` tasks per worker)."""
        n_probe = min(self.size, 2 * workers)
        pending = {}

        materials = self.materials()

        def submit(indices):
            future = executor.submit(run_batch, self.design, self.fields, [self.point(i) for i in indices],
                                     materials, self.record)
            pending[future] = indices

        def collect(future) -> list:
            """Record a finished task's points; return the wall times (s) of its successful points."""
            indices = pending.pop(future)
            done = future.result()  # a failed task (worker died, a bug) stops the sweep
            for i, (results, error, _) in zip(indices, done):
                outcomes[i] = (results, error)
            bar.update(len(indices))
            return [seconds for _, error, seconds in done if not error]

        times: list = []
        batch = None
        try:
            for start in range(0, n_probe, 2):
                submit(list(range(start, min(start + 2, n_probe))))
            _warm_xarray()  # while the workers warm up: a Ctrl-C is then answered at once

            while pending:
                finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
                for future in finished:
                    times += collect(future)
                if batch is None and (times or not pending):
                    rest = self.size - n_probe
                    wanted = math.ceil(TASK_SECONDS / max(min(times), 1e-6)) if times else 1
                    batch = max(1, min(wanted, math.ceil(rest / (TASKS_PER_WORKER * workers))))
                    for start in range(n_probe, self.size, batch):
                        submit(list(range(start, min(start + batch, self.size))))
        except BaseException as exc:  # Ctrl-C, or a fault: nothing may keep running behind the caller's back
            for future in pending:
                future.cancel()
            finished = [f for f in pending if f.done() and not f.cancelled() and f.exception() is None]
            if own:  # killed, not waited for: Ctrl-C must end the sweep within seconds
                stop_pool(executor)
            if not isinstance(exc, KeyboardInterrupt):
                raise
            for future in finished:
                collect(future)

    def _dataset(self, outcomes: list):
        """Dataset of the outcomes (results, error) in flat C order: one variable per scalar result (SI, GHz for
        energies, the unit in ``units``); the axes in their engineering unit under attribute-friendly names
        (``superinductor_width`` in nm, the dotted field path in the coordinate's ``field`` attribute)."""
        import xarray as xr

        from .. import __version__
        from ..format import natural_unit

        units: dict = {}
        for results, _ in outcomes:
            for name, (_, unit) in results.items():
                units.setdefault(name, unit)
        dims = tuple(dim_name(f) for f in self.fields)
        data = {}
        for name, unit in units.items():
            text = name == "verdict"
            values = np.full(self.size, "" if text else np.nan, dtype=object if text else float)
            for i, (results, _) in enumerate(outcomes):
                if name in results:
                    values[i] = results[name][0]
            attrs = {"description": "overall verdict: works | marginal | fails ('' where the point failed)"} \
                if text else {"units": unit}
            data[name] = (dims, values.reshape(self.shape), attrs)
        errors = np.array([error for _, error in outcomes], dtype=object).reshape(self.shape)
        data["error"] = (dims, errors, {"description": "why the point failed; empty where it succeeded"})
        coords = {}
        for f, a in self.axes.items():
            factor, unit = natural_unit(float(np.max(np.abs(a))), self.units[f]) if self.units[f] else (1.0, "")
            shown = np.array([float(f"{v:.12g}") for v in a / factor])  # 400 nm, not 399.99999999999994
            coords[dim_name(f)] = (dim_name(f), shown, {"units": unit, "field": f, "si_unit": self.units[f],
                                                             "long_name": f"design field {f}"})
        attrs = {"title": f"superind sweep of {self.design.name}", "design": self.design.name,
                 "design_file": self.design.source, "superind_version": __version__,
                 "notes": "; ".join(self.notes)}
        return xr.Dataset(data, coords=coords, attrs=attrs)


def dim_name(field: str) -> str:
    """A sweep axis' name in the dataset: the field path with '_' for '.' (``ds.superinductor_width`` works); the
    dotted path stays in the coordinate's ``field`` attribute."""
    return field.replace(".", "_")


def write_netcdf(dataset, path) -> Path:
    """Write ``dataset`` to ``path`` (netCDF-4, h5netcdf engine; ``.nc`` is added to a path without a suffix) as a
    set of one file: encoded in memory first (HDF5 crashes on a full disk), then written, synced and moved into
    place, so a reader never sees a half-written file and a failure leaves the previous file untouched. Never over
    the sweep's design file (``design_file`` attribute). Returns the path written."""
    from ..files import OutputSet

    path = Path(path)
    data = bytes(dataset.to_netcdf(engine="h5netcdf"))
    with OutputSet(path.parent, path.stem, inputs=(dataset.attrs.get("design_file"),)) as files:
        return files.write_bytes(path.suffix.lstrip(".") or "nc", data)
