"""Shared pieces of the qubit solvers: the spectrum result, flux grids, cut-off convergence, noise conventions.

Energies are E/h in GHz (scqubits convention); flux is Φ_ext/Φ0; coherence times are returned in seconds.
"""
from __future__ import annotations

import math
import warnings
from contextlib import contextmanager
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Callable, Optional

import numpy as np

from ..errors import InputError
from ..units import check_value

#: Noise assumptions used by every coherence estimate (named in results and JSON). Q_ind = 1e5 is a
#: disordered-film superinductor (STYLE.md: scqubits' default 5e8 at 0.5 GHz suits JJ arrays, not films);
#: the rest are scqubits 4.3.1 ``NOISE_PARAMS`` defaults.
NOISE_DEFAULTS = {
    "T_K": 0.015,
    "Q_ind": 1e5,
    "Q_ind_source": "disordered-film superinductor ~1e5 (STYLE.md; grAl rings ~1e5, Khorramshahi 2025)",
    "Q_cap": "scqubits default 1e6·(2π·6 GHz/ω)^0.7 (Smith et al. 2020)",
    "A_flux_Phi0": 1e-6,
    "A_cc_relative": 1e-7,
    "A_ng_e": 1e-4,
    "omega_low_rad_per_s": 2 * math.pi * 1.0,
    "t_exp_s": 1e-5,
    "x_qp": 3e-6,
    "Delta_eV": 3.4e-4,
    "M_Phi0_per_A": 400.0,
    "R_bias_ohm": 50.0,
}

#: Default convergence tolerance on every returned level [GHz] (10 kHz).
TOL_GHZ = 1e-5


@lru_cache(maxsize=1)
def _controller():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()  # library discovery is the slow part (ms): do it once


@contextmanager
def one_blas_thread():
    """Pin BLAS/LAPACK to one thread (STYLE.md: 30× faster for 100×100 problems on this machine)."""
    with _controller().limit(limits=1):
        yield


@dataclass(frozen=True, eq=False)
class Spectrum:
    """Eigenenergies E_i/h [GHz] (absolute, ascending) of a qubit at each flux point Φ_ext/Φ0.

    ``cutoff`` names the Hilbert-space cut-offs used; ``convergence_GHz`` is the largest change of any
    returned level (of E_i − E_0 for the grid-based 0-π and cos2φ solvers) when those cut-offs were enlarged
    (≤ ``tol_GHz``; checked at the first, middle and last point, or the middle one for 0-π and cos2φ). ``levels_band_GHz`` holds spectra for the ends of a parameter band (QPS E_S band).
    """

    kind: str
    flux: np.ndarray
    levels_GHz: np.ndarray
    cutoff: dict
    convergence_GHz: float
    tol_GHz: float
    levels_band_GHz: dict = field(default_factory=dict)

    @property
    def transitions_GHz(self) -> np.ndarray:
        """E_i − E_0 [GHz] per flux point."""
        return self.levels_GHz - self.levels_GHz[:, :1]

    @property
    def f01_GHz(self) -> np.ndarray:
        """Qubit frequency (E_1 − E_0)/h [GHz] per flux point."""
        return self.levels_GHz[:, 1] - self.levels_GHz[:, 0]


def flux_grid(start: float, stop: float, points: int) -> np.ndarray:
    """``points`` equally spaced values of Φ_ext/Φ0 from start to stop inclusive (InputError for < 1 point)."""
    check_value(float(start), "flux start", positive=False)
    check_value(float(stop), "flux stop", positive=False)
    if int(points) != points or points < 1:
        raise InputError(f"flux range has {points} points; give at least 1, e.g. --flux 0:1:101")
    return np.linspace(float(start), float(stop), int(points))


def parse_flux_range(text: str) -> np.ndarray:
    """Parse "START:STOP:N" (Φ_ext/Φ0) or a single value "F" into a flux grid."""
    parts = str(text).split(":")
    try:
        if len(parts) == 1:
            return flux_grid(float(parts[0]), float(parts[0]), 1)
        if len(parts) == 3:
            return flux_grid(float(parts[0]), float(parts[1]), int(parts[2]))
    except ValueError:
        pass
    raise InputError(f"--flux '{text}': give START:STOP:N in units of Φ0 (e.g. 0:1:101) or one value")


def check_energy(value: float, name: str) -> float:
    """A Hamiltonian energy E/h [GHz] must be finite and positive."""
    return check_value(float(value), name)


def check_levels(levels: int) -> int:
    """Number of levels to return: at least 2 (ground and first excited)."""
    if int(levels) != levels or levels < 2:
        raise InputError(f"levels = {levels}: ask for at least 2 levels (--levels 2 or more)")
    return int(levels)


def check_points(flux, middle_only: bool = False) -> np.ndarray:
    """Flux points at which the cut-off is checked: first, middle and last of the sweep (or the middle)."""
    flux = np.atleast_1d(np.asarray(flux, dtype=float))
    if flux.size == 0:
        raise InputError("flux range has 0 points; give at least 1, e.g. --flux 0:1:101")
    return np.unique(flux[[flux.size // 2] if middle_only else [0, flux.size // 2, -1]])


def converge(solve: Callable[[object], np.ndarray], cutoff, grow: Callable[[object], object], *,
             automatic: bool, tol_GHz: float, max_steps: int, what: str,
             transitions: bool = False, current: Optional[np.ndarray] = None) -> tuple[object, float]:
    """Find a Hilbert-space cut-off whose levels change by ≤ tol_GHz when the cut-off is enlarged.

    ``solve(c)`` returns levels at the check points for cut-off ``c``; ``grow(c)`` the next larger cut-off.
    With ``automatic`` the cut-off is raised up to ``max_steps`` times; otherwise one check is made.
    ``transitions`` compares E_i − E_0 (grid solvers: the O(h²) offset common to all levels is not physical).
    ``current`` may pass the levels already computed at the starting cut-off.
    Returns (cut-off, largest change). Raises InputError when it cannot converge — never silently.
    """
    check_value(tol_GHz, "tolerance")
    shift = (lambda lv: lv - lv[:, :1]) if transitions else (lambda lv: lv)
    current = shift(solve(cutoff) if current is None else current)
    for _ in range(max_steps if automatic else 1):
        bigger = grow(cutoff)
        larger = shift(solve(bigger))
        change = float(np.max(np.abs(larger - current)))
        if change <= tol_GHz:
            return cutoff, change
        if not automatic:
            break
        cutoff, current = bigger, larger
    raise InputError(f"{what}: levels not converged at cut-off {cutoff} (they move by {change:.3g} GHz > "
                     f"{tol_GHz:g} GHz when it is enlarged to {bigger}); raise the cut-off (or omit it for automatic), "
                     "relax the tolerance, or check the energies (very small E_L or large E_C need large bases)")


def tphi_first_order_s(dE01_dflux_GHz: float, A_flux: float = NOISE_DEFAULTS["A_flux_Phi0"]) -> float:
    """1/f flux-noise dephasing time T_φ [s] to first order in the flux sensitivity ∂f01/∂(Φ/Φ0).

    Γ_φ = 2π A_Φ |∂f01/∂(Φ/Φ0)| sqrt(2|ln(ω_low t_exp)|), ω_low = 2π·1 Hz, t_exp = 10 µs — the same formula
    and defaults as scqubits ``tphi_1_over_f`` (Groszkowski et al., NJP 20, 043053 (2018), Eq. (13)).
    Infinite at a sweet spot (second order then limits).
    """
    log_term = abs(math.log(NOISE_DEFAULTS["omega_low_rad_per_s"] * NOISE_DEFAULTS["t_exp_s"]))
    rate = 2 * math.pi * A_flux * abs(dE01_dflux_GHz) * 1e9 * math.sqrt(2 * log_term)
    return math.inf if rate == 0 else 1.0 / rate


def combine_times(times_s: dict[str, float]) -> float:
    """Total time from independent channels: 1/T = Σ 1/T_i [s]."""
    rate = sum(1.0 / t for t in times_s.values() if t and math.isfinite(t))
    return math.inf if rate == 0 else 1.0 / rate


def scqubits_time_s(value: float) -> float:
    """Convert a scqubits noise time (in 1/(system frequency unit), ns for GHz) to seconds."""
    from scqubits.core import units

    return float(value) / units.to_standard_units(1.0)


def scqubits_coherence(qubit, channels: dict[str, dict], esys, what: str) -> dict:
    """Evaluate scqubits noise channels (name → kwargs) with a given eigensystem; times in seconds.

    Returns ``T1_s`` (channels starting with t1), ``Tphi_s`` (tphi) per channel and their totals, and
    ``T2_s`` = 1/(1/2T1 + 1/Tphi). T1 channels sum up- and down-rates (scqubits ``total=True``).
    Channels scqubits lacks for ``what`` are skipped and named.
    """
    supported = qubit.supported_noise_channels()
    t1, tphi, skipped = {}, {}, []
    for name, kwargs in channels.items():
        if name not in supported:
            skipped.append(name)
            continue
        with warnings.catch_warnings():  # scqubits' notice that T1 sums up- and down-rates (stated in our docs)
            warnings.simplefilter("ignore", UserWarning)
            time_s = scqubits_time_s(getattr(qubit, name)(esys=esys, **kwargs))
        (t1 if name.startswith("t1") else tphi)[name] = time_s
    T1, Tphi = combine_times(t1), combine_times(tphi)
    rate2 = 1.0 / (2 * T1) + 1.0 / Tphi
    T2 = math.inf if rate2 == 0 else 1.0 / rate2
    return {"T1_s": T1, "Tphi_s": Tphi, "T2_s": T2, "T1_channels_s": t1, "Tphi_channels_s": tphi,
            "channels_not_in_scqubits_" + what: skipped}


def self_resonance_warning(f_self_Hz: float, f_relevant_GHz: float, what: str) -> Optional[str]:
    """Warning when a wire's first self-resonance f_self = Z/4L (λ/4, PHYSICS.md §2.2) is not above the
    qubit's relevant frequency: the lumped-inductor model then misses the wire's own modes."""
    if f_self_Hz <= f_relevant_GHz * 1e9:
        return (f"the {what}'s self-resonance f_self = {f_self_Hz / 1e9:.3g} GHz is below the qubit's relevant "
                f"frequency {f_relevant_GHz:.3g} GHz: the wire is not a lumped inductor there (multimode physics); "
                "raise its impedance (narrower wire, larger L_k per square) or lower L")
    return None


def levels_warning_energy_ratio(E_L: float, E_J: float, model: str) -> Optional[str]:
    """Warning text when E_L > E_J although ``model`` assumes a superinductor (E_L < E_J)."""
    if E_L > E_J:
        return (f"E_L = {E_L:.4g} GHz exceeds E_J = {E_J:.4g} GHz: the {model} assumes E_L < E_J "
                "(large inductance); the spectrum is that of a weakly anharmonic oscillator")
    return None
