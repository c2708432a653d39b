"""Limits on the size of a run, each lifted by an environment variable, checked before any work starts.

A request beyond a limit (a typo such as ``--flux 0:1:100000000``) is refused with one line naming the option,
the limit and the variable that lifts it. Defaults: work over ~10 minutes or a few GB on a 2-core, 24 GB machine.

=======================  ========  ===========================================================================
limit (variable)          default   why
=======================  ========  ===========================================================================
max_flux_points           100 001   a fluxonium point costs ≈ 8 ms on one core (110 states): 10⁵ points ≈ 13 min
max_widths                1 000     a width is a table row of ≈ 20 numbers (0.14 ms each to compute, measured);
                                    10⁶ rows would be ≈ 0.5 GB of JSON and unreadable
max_sweep_points          100 000   a design point costs 0.1–1 s: 10⁵ points are hours on 2 cores (minutes on a
                                    100-worker Dask cluster); results ≈ 0.5 kB per point
max_meander_length_m      0.1 m     drawing is cheap (1 m: 0.4 s, measured) but 0.1 m of 100 nm film is 10⁶
                                    squares, a line whose first self-resonance is ~10 MHz: a unit slip (m for mm)
max_basis_dimension       200 000   0-π shift-invert, one flux point on one core (measured): 193 600 states
                                    15 s and 0.76 GB; 401 600 states 57 s and 1.5 GB (cost ∝ N^1.9)
dask_timeout_s            30 s      connecting to a scheduler, its handshake, and waiting for its first worker
max_trace_points          100 001   a VNA's largest sweep; a resonator fit's profile intervals hold ≈ 10 copies of
                                    the trace's Jacobian (≈ 1.3 GB at 10⁵ points)
max_delay_search          5·10⁷     trial delays × points of the circle-based delay search of a transmission fit
                                    (≈ 1 s per 10⁷); 2·10⁵ points over 2 GHz would need 2·10⁹
=======================  ========  ===========================================================================

The variable is ``SUPERIND_`` + the upper-case name (``SUPERIND_MAX_FLUX_POINTS=1000001``); values are plain
numbers in SI (``SUPERIND_MAX_MEANDER_LENGTH_M=0.5``).
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, fields

from .errors import InputError


@dataclass(frozen=True)
class Limits:
    """The run-size limits (see the module table); ``Limits.from_env()`` applies the ``SUPERIND_*`` variables."""

    max_flux_points: int = 100_001
    max_widths: int = 1_000
    max_sweep_points: int = 100_000
    max_meander_length_m: float = 0.1
    max_basis_dimension: int = 200_000
    dask_timeout_s: float = 30.0
    max_trace_points: int = 100_001
    max_delay_search: int = 50_000_000

    @classmethod
    def from_env(cls, environ=None) -> "Limits":
        """The defaults, with each limit replaced by its ``SUPERIND_*`` variable when set (InputError if invalid)."""
        env = os.environ if environ is None else environ
        values = {}
        for field in fields(cls):
            name, text = env_name(field.name), env.get(env_name(field.name), "").strip()
            if text:
                values[field.name] = _parse(name, text, type(field.default))
        return cls(**values)


def env_name(limit_name: str) -> str:
    """The environment variable of a limit: ``max_flux_points`` → ``SUPERIND_MAX_FLUX_POINTS``."""
    return "SUPERIND_" + limit_name.upper()


def _parse(name: str, text: str, kind: type):
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value > 0) or (kind is int and value != int(value)):
        raise InputError(f"{name}={text!r}: give a positive {'whole ' if kind is int else ''}number, "
                         f"e.g. {name}=1000")
    return kind(value)


def _number(x) -> str:
    return str(x) if isinstance(x, int) else f"{x:g}"


def check_count(n, limit_name: str, what: str, option: str, limits: Limits | None = None):
    """``n`` if it is within the limit ``limit_name``; else InputError such as "--flux asks for 100000000 points;
    the limit is 100001 (raise it with SUPERIND_MAX_FLUX_POINTS=100000000)". ``what``: "points", "m of meander"."""
    limit = getattr(limits or Limits.from_env(), limit_name)
    if n > limit:
        raise InputError(f"{option} asks for {_number(n)} {what}; the limit is {_number(limit)} "
                         f"(raise it with {env_name(limit_name)}={_number(n)})")
    return n


def _duration(seconds: float) -> str:
    for unit, size, below in (("ms", 1e-3, 1), ("s", 1, 120), ("min", 60, 7200), ("h", 3600, 172800)):
        if seconds < below:
            return f"{seconds / size:.2g} {unit}" if seconds / size < 10 else f"{seconds / size:.0f} {unit}"
    return f"{seconds / 86400:.0f} days"


def _size(n_bytes: float) -> str:
    for unit, size in (("B", 1), ("kB", 1e3), ("MB", 1e6), ("GB", 1e9)):
        if n_bytes < 1000 * size:
            return f"{n_bytes / size:.3g} {unit}"
    return f"{n_bytes / 1e12:.3g} TB"


def estimate_sweep(points: int, seconds_per_point: float, bytes_per_point: float, workers: int) -> str:
    """One line with the expected wall time and result size of a sweep: time = ⌈points/workers⌉ × seconds per
    point (points run in parallel, one per worker), size = points × bytes per point (SI prefixes, 1 kB = 1000 B)."""
    if workers < 1 or points < 0:
        raise InputError(f"a sweep needs at least one worker and a non-negative number of points "
                         f"(got {workers} workers, {points} points)")
    wall = math.ceil(points / workers) * seconds_per_point
    return (f"{points} points × {_duration(seconds_per_point)} on {workers} worker{'s' * (workers != 1)} "
            f"≈ {_duration(wall)}; results ≈ {_size(points * bytes_per_point)}")
