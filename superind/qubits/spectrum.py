"""Shared pieces of the qubit solvers: the spectrum result, flux grids, cut-off convergence, noise conventions.

Energies are E/h in GHz (scqubits convention); flux is Φ_ext/Φ0; coherence times are returned in seconds.
"""
from __future__ import annotations

import inspect
import math
from functools import wraps
from typing import Callable, Sequence

import numpy as np

from ..constants import e
from ..errors import InputError
from ..losses import ALUMINIUM_GAP_J
from ..units import check_value
from ..threads import one_blas_thread
from .base import Spectrum, solver_cache

__all__ = ["Spectrum", "NOISE_DEFAULTS", "TOL_GHZ", "flux_grid", "minimal_cutoff"]

#: Noise assumptions used by every coherence estimate (named in results and JSON). Q_ind = 1e5 is a
#: disordered-film superinductor (scqubits' default 5e8 at 0.5 GHz suits JJ arrays, not films; grAl rings
#: reach ~1e5, Grünhaupt et al., PRL 121, 117001 (2018));
#: the rest are scqubits 4.3.1 ``NOISE_PARAMS`` defaults.
NOISE_DEFAULTS = {
    "T_K": 0.015,
    "Q_ind": 1e5,
    "Q_ind_source": "disordered-film superinductor ~1e5 (grAl rings ~1e5, Grünhaupt et al., PRL 121, 117001 (2018))",
    "Q_cap": "scqubits default 1e6·(2π·6 GHz/ω)^0.7 (Smith et al. 2020)",
    "A_flux_Phi0": 1e-6,
    "A_cc_relative": 1e-7,
    "A_ng_e": 1e-4,
    "omega_low_rad_per_s": 2 * math.pi * 1.0,
    "t_exp_s": 1e-5,
    "x_qp": 3e-6,
    "Delta_eV": ALUMINIUM_GAP_J / e,  # Al junction gap 182.4 µeV (scqubits' default 340 µeV is about 2Δ_Al)
    "M_Phi0_per_A": 400.0,
    "R_bias_ohm": 50.0,
}

#: Default convergence tolerance on every returned level [GHz] (10 kHz).
TOL_GHZ = 1e-5

#: ARPACK tolerance of the levels the band solvers return: 0, machine precision (finite differences of levels, e.g.
#: a Hellmann–Feynman check of ∂f01/∂n_g, need the last digits)
SWEEP_TOL = 0.0


def check_tol(tol_GHz: float) -> float:
    """ARPACK tolerance of the solves a cut-off check compares: 1e-4·tol_GHz (at most 1e-8), so their levels err far
    less than the changes of ~tol_GHz/3 the check judges."""
    return min(1e-8, 1e-4 * tol_GHz)


def flux_grid(start: float, stop: float, points: int) -> np.ndarray:
    """``points`` equally spaced values of Φ_ext/Φ0 from start to stop inclusive (InputError for < 1 point)."""
    check_value(float(start), "flux start", positive=False)
    check_value(float(stop), "flux stop", positive=False)
    if int(points) != points or points < 1:
        raise InputError(f"flux range has {points} points; give at least 1, e.g. --flux 0:1:101")
    return np.linspace(float(start), float(stop), int(points))




def check_energy(value: float, name: str) -> float:
    """A Hamiltonian energy E/h [GHz] must be finite and positive."""
    return check_value(float(value), name)


def check_flux(flux) -> np.ndarray:
    """Flux points Φ_ext/Φ0 as a 1-D float array (InputError when empty, not finite or beyond ±1000 Φ0)."""
    try:
        flux = np.atleast_1d(np.asarray(flux, dtype=float))
    except (TypeError, ValueError):
        raise InputError(f"flux: expected numbers (Φ_ext/Φ0), got {flux!r}") from None
    if flux.size == 0:
        raise InputError("flux range has 0 points; give at least 1, e.g. --flux 0:1:101")
    if flux.ndim != 1 or not np.all(np.isfinite(flux)) or np.max(np.abs(flux)) > 1000:
        raise InputError("flux: give finite values within ±1000 Φ0 in one list (the spectra repeat every Φ0)")
    return flux


#: the most levels a solver returns (the multimode products ask for dozens; the smallest basis ladders end at a few
#: hundred states)
MAX_LEVELS = 200


def check_levels(levels: int) -> int:
    """Number of levels to return: at least 2 (ground and first excited), at most ``MAX_LEVELS``."""
    if isinstance(levels, bool) or int(levels) != levels or not 2 <= levels <= MAX_LEVELS:
        raise InputError(f"levels = {levels}: ask for 2 to {MAX_LEVELS} levels (--levels)")
    return int(levels)


def minimal_cutoff(solve: Callable[[object], np.ndarray], ladder: Sequence, start: int, *, automatic: bool,
                   tol_GHz: float, what: str, transitions: bool = False,
                   reference: int = 1) -> tuple[object, float, np.ndarray]:
    """Smallest cut-off on ``ladder`` whose levels move by ≤ tol_GHz when it is raised ``reference`` rungs.

    ``solve(c)`` returns the levels at the check points for cut-off ``c`` (memoised here, so every level set
    is computed once). With ``automatic`` the search starts at rung ``start`` and moves down while the rung
    below is still converged, or up until one is; otherwise only ``ladder[start]`` is checked against
    ``ladder[start + reference]``. ``transitions`` compares E_i − E_0 (grid solvers: the offset common to all
    levels is not physical). A reference several fine rungs up keeps the change a fair estimate of the error
    for slowly (algebraically) converging cut-offs. Returns (cut-off, change, levels at it); InputError when it
    cannot converge.
    """
    check_value(tol_GHz, "tolerance")
    memo: dict[int, np.ndarray] = {}

    def levels(i: int) -> np.ndarray:
        if i not in memo:
            memo[i] = np.asarray(solve(ladder[i]))
        return memo[i] - memo[i][:, :1] if transitions else memo[i]

    def change(i: int) -> float:
        return float(np.max(np.abs(levels(i + reference) - levels(i))))

    i = start
    if change(i) <= tol_GHz:
        while automatic and i > 0 and change(i - 1) <= tol_GHz:
            i -= 1
    else:
        while automatic and i + reference + 1 < len(ladder) and change(i) > tol_GHz:
            i += 1
        if change(i) > tol_GHz:
            raise not_converged(what, ladder[i], change(i), tol_GHz, ladder[i + reference])
    return ladder[i], change(i), memo[i]


def not_converged(what: str, cutoff, change: float, tol_GHz: float, enlarged) -> InputError:
    """The one-line error for a cut-off whose levels move by more than the tolerance."""
    return InputError(f"{what}: levels not converged at cut-off {cutoff} (they move by {change:.3g} GHz > "
                      f"{tol_GHz:g} GHz when it is enlarged to {enlarged}); raise the cut-off (or omit it for "
                      "automatic), relax the tolerance, or check the energies (very small E_L or large E_C need "
                      "large bases)")


def given_cutoff_change(solve: Callable[[object], np.ndarray], cutoff, enlarged: Sequence, tol_GHz: float,
                        what: str) -> float:
    """Sum over the axes of the largest change of E_i − E_0 when a given multi-axis cut-off is enlarged along
    one axis at a time (``enlarged``); the axes' errors add up. InputError when the sum exceeds tol_GHz."""
    check_value(tol_GHz, "tolerance")
    shift = lambda lv: np.asarray(lv) - np.asarray(lv)[:, :1]
    base = shift(solve(cutoff))
    total = sum(float(np.max(np.abs(shift(solve(c)) - base))) for c in enlarged)
    if total > tol_GHz:
        raise not_converged(what, cutoff, total, tol_GHz, " / ".join(str(c) for c in enlarged))
    return total


def flux_period_points(flux, symmetric: bool) -> tuple[np.ndarray, np.ndarray]:
    """Distinct flux points modulo one period (and f → −f when ``symmetric``) and the index map back.

    E(f + 1) = E(f) for every qubit here; E(−f) = E(f) where the Hamiltonian has that reflection."""
    f = np.mod(np.asarray(flux, dtype=float), 1.0)
    if symmetric:
        f = np.minimum(f, 1.0 - f)
    f = np.round(f, 12)
    return np.unique(f, return_inverse=True)


def cached_cutoff(method):
    """Decorate ``converged_cutoff(self, levels, cutoff, tol_GHz, start)`` of a grid solver: levels checked, the result
    kept per qubit (``solver_cache``) so spectrum, matrix elements and coherence search once: an automatic search for
    more levels at the same tolerance also answers a request for fewer (its transitions include theirs), and a search
    for more levels than any before starts (``start``) from the cut-off found for the most levels so far (more levels
    never need less). The solver's own default tolerance stays the default."""
    default_tol = inspect.signature(method).parameters["tol_GHz"].default

    @wraps(method)
    def converged_cutoff(self, levels: int = 4, cutoff=None, tol_GHz: float = default_tol):
        levels = check_levels(levels)
        given = None if cutoff is None else tuple(cutoff)
        cache = solver_cache(self)
        known = [k for k in cache if isinstance(k, tuple) and k[0] == "cutoff" and k[2] == given
                 and k[3] == float(tol_GHz)]
        answers = [k for k in known if k[1] >= levels]
        if answers:
            return cache[min(answers, key=lambda k: k[1])]
        start = cache[max(known, key=lambda k: k[1])][0] if known and given is None else None
        key = ("cutoff", levels, given, float(tol_GHz))
        cache[key] = method(self, levels, cutoff, tol_GHz, start)
        return cache[key]
    return converged_cutoff


def eigenstates_banded(qubit, engine, flux: float, levels: int, cutoff):
    """(lowest ``levels`` [GHz], their eigenvectors, the engine ``engine(cutoff)``) at one flux point: the engine is
    built once, for the solve and for the operators the caller takes from it."""
    built = engine(cutoff)
    w, v = solve_banded(qubit, lambda _: built, [flux], levels, cutoff, vectors=True)
    return w[0], v, built


def solve_banded(qubit, engine, flux, levels: int, cutoff, vectors: bool = False, tol: float = SWEEP_TOL):
    """Lowest ``levels`` [GHz] per flux point from the band engine ``engine(cutoff)`` (σ trailing from call to call),
    solved to ARPACK's relative ``tol`` (``BandedHamiltonian.eigensystem``). Levels already solved at this cut-off
    at least as tightly (e.g. at the convergence check's point) are reused; with ``vectors`` every point is solved
    and the eigenvectors of the last one are returned too. An engine that can ``embed`` the eigenvectors of another
    cut-off starts from those of the previous solve (the neighbouring cut-off of a search, the check's point)."""
    cache = solver_cache(qubit)
    memo = cache.setdefault(("levels", tuple(cutoff), levels), {})  # flux → (levels, tolerance solved to)
    flux = np.atleast_1d(np.asarray(flux, dtype=float))
    keys = [round(float(f), 12) for f in flux]
    todo = flux if vectors else np.array([f for f, k in zip(flux, keys) if k not in memo or memo[k][1] > tol])
    v = None
    if todo.size:
        built = engine(cutoff)
        previous = cache.get("vectors")
        start = built.embed(*previous) if previous is not None and hasattr(built, "embed") else None
        with one_blas_thread():
            w, v, cache["sigma"] = built.eigensystem(todo, levels, cache.get("sigma", 0.0), tol, start)
        memo.update((round(float(f), 12), (x, tol)) for f, x in zip(todo, w))
        cache["vectors"] = (v, tuple(cutoff))
    out = np.array([memo[k][0] for k in keys])
    return (out, v) if vectors else out
