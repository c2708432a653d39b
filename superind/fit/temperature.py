"""Fit a resonator's f0(T) for the gap Δ0 and the kinetic-inductance fraction α (Mattis–Bardeen, exact BCS Δ(T)).

    f0(T) = f0(0) [1 + α (L_k(T)/L_k(0) − 1)]^{−1/2} (1 + δf_TLS/f)      (f ∝ (L_geo + L_k)^{−1/2})
    L_k(T)/L_k(0) = Δ0 / [Δ(T) tanh(Δ(T)/2k_BT)],   Δ(T) = Δ0 Δ_BCS(T/T_c)/Δ_BCS(0),  T_c = Δ0/(r k_B)
    (from ``superind.film.Film.sheet_kinetic_inductance``: the forward model, also with a pair breaker Γ)
    δf_TLS/f = (Fδ_TLS/π) [Re Ψ(1/2 + hf/(2πi k_BT)) − ln(hf/(2π k_BT))]

To first order δf/f0 = −(α/2) δL_k/L_k (Gao, PhD thesis, Caltech 2008, ch. 2; Zmuidzinas, Annu. Rev. Condens.
Matter Phys. 3, 169 (2012), eq. 42); L_k ∝ 1/σ2 in the ħω ≪ Δ limit of Mattis & Bardeen, Phys. Rev. 111, 412
(1958). The gap ratio r = Δ0/k_BT_c is an input (BCS 1.764 by default), or T_c is given and r follows from Δ0.
The TLS term is Gao et al., Appl. Phys. Lett. 92, 152505 (2008); Pappas et al., IEEE TAS 21, 871 (2011).
Theory and worked numbers: docs/theory/fits.md.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import numpy as np
from scipy.interpolate import CubicSpline
from scipy.optimize import least_squares
from scipy.special import psi

from ..constants import BCS_GAP_RATIO, h, k_B
from ..errors import InputError
from . import FitFailed, read_table, scaled_covariance

#: the fit reports failure when Δ0 is not determined better than this (relative 1σ)
MAX_RELATIVE_STD = 0.5


#: reduced temperatures of the L_k(T)/L_k(0) table (the forward model is evaluated there; values in between are
#: a cubic spline of ln(L_k(T)/L_k(0) − 1), error < 1e-6 relative; below T_MIN the ratio is 1 + O(e^{−r/t}))
T_GRID = np.concatenate([np.linspace(0.02, 0.9, 90), 1 - np.geomspace(0.1, 1e-4, 60)[1:]])


@lru_cache(maxsize=64)
def _ratio_spline(gap_ratio: float, pair_breaking: float):
    """ln(L_k(t)/L_k(0) − 1) on T_GRID from ``superind.film.Film.sheet_kinetic_inductance`` (T_c = 1 K): the
    forward model's exact BCS Δ(T) or its pair-broken state, through the one path."""
    from dataclasses import replace

    film = replace(_unit_film(), gap_ratio=gap_ratio, pair_breaking=pair_breaking)
    top = film.Tc_pair_broken_K
    t = T_GRID[T_GRID < top * (1 - 1e-6)] if pair_breaking else T_GRID
    lk0 = film.sheet_kinetic_inductance(0.0)
    y = np.array([film.sheet_kinetic_inductance(float(x)) / lk0 - 1 for x in t])
    keep = y > 1e-300
    return CubicSpline(t[keep], np.log(y[keep])), float(t[keep][0]), float(t[-1])


@lru_cache(maxsize=1)
def _unit_film():
    from ..film import make_film

    return make_film("TiN", 1000.0, Tc=1.0)  # material, R_sq and T_c drop out of L_k(T)/L_k(0)


def kinetic_inductance_ratio(T_K, Delta0_J: float, Tc_K: float, pair_breaking: float = 0.0):
    """L_k(T)/L_k(0) of ``superind.film.Film`` with T_c = ``Tc_K`` and gap ratio Δ0/k_BT_c (Mattis–Bardeen, ħω ≪
    Δ, exact BCS Δ(T); with ``pair_breaking`` Γ/Δ00 the broadened film of that module); ∞ at T ≥ T_c."""
    T = np.asarray(T_K, float)
    spline, lo, hi = _ratio_spline(round(float(Delta0_J / (k_B * Tc_K)), 12), float(pair_breaking))
    t = T / Tc_K
    with np.errstate(over="ignore", under="ignore"):
        inside = 1 + np.exp(spline(np.clip(t, lo, hi)))
    return np.where(t < lo, 1.0, np.where(t <= hi, inside, np.inf))


def tls_shift(T_K, f_Hz: float, F_delta_TLS: float):
    """δf/f of two-level systems: (Fδ/π)[Re Ψ(1/2 + hf/(2πi k_BT)) − ln(hf/(2πk_BT))] (Gao et al. 2008;
    Pappas et al. 2011). → −(Fδ/π)/(24y²) for y = hf/2πk_BT ≫ 1; grows as (Fδ/π) ln T for k_BT ≫ hf."""
    y = h * f_Hz / (2 * math.pi * k_B * np.asarray(T_K, float))
    return F_delta_TLS / math.pi * (psi(0.5 - 1j * y).real - np.log(y))


@dataclass(frozen=True)
class TemperatureData:
    """Measured f0 [Hz] (and optionally Q_internal) at temperatures T [K], from ``source``."""

    T_K: np.ndarray
    f0_Hz: np.ndarray
    Q_internal: Optional[np.ndarray] = None
    source: str = "array"


#: a T_K column above this [K] is taken for millikelvin (a resonator fit runs well below 30 K)
MAX_PLAUSIBLE_T_K = 30.0


def load_f0_vs_temperature(path) -> TemperatureData:
    """Read a CSV with header ``T_K`` (or ``T_mK``), ``f0_Hz`` (optional ``Q_internal``); InputError names missing
    columns, and a unit slip: millikelvin under T_K, GHz under f0_Hz."""
    cols = read_table(path, ("T_K|T_mK", "f0_Hz"), ("Q_internal",))
    if "T_K" in cols and "T_mK" in cols:
        raise InputError(f"{path}: give one temperature column, T_K or T_mK, not both")
    T = cols["T_K"] if "T_K" in cols else cols["T_mK"] * 1e-3
    if "T_K" in cols and T.max() > MAX_PLAUSIBLE_T_K:
        raise InputError(f"{path}: column T_K holds values up to {T.max():g}: that looks like millikelvin; name the "
                         "column T_mK or convert to kelvin")
    if cols["f0_Hz"].max() < 1e4:
        raise InputError(f"{path}: column f0_Hz holds values up to {cols['f0_Hz'].max():g}: that looks like GHz; "
                         "convert to Hz")
    return TemperatureData(T, cols["f0_Hz"], cols.get("Q_internal"), str(path))


def f0_model(T_K, f0_zero_Hz: float, kinetic_fraction: float, Delta0_J: float, Tc_K: float,
             F_delta_TLS: float = 0.0, pair_breaking: float = 0.0):
    """f0(T) [Hz] of the module docstring: kinetic inductance (α, Δ0, T_c) and, optionally, the TLS shift."""
    r = kinetic_inductance_ratio(T_K, Delta0_J, Tc_K, pair_breaking)
    shift = tls_shift(T_K, f0_zero_Hz, F_delta_TLS) if F_delta_TLS else 0.0
    return f0_zero_Hz / np.sqrt(1 + kinetic_fraction * (r - 1)) * (1 + shift)


@dataclass(frozen=True)
class TemperatureFit:
    """Fitted f0(0) [Hz], kinetic fraction α, Δ0 [J], T_c [K], gap ratio, Fδ_TLS (None if not fitted), 1σ in
    ``std``; ``fitted`` names the free parameters; ``used`` marks the points in the fit."""

    f0_zero_Hz: float
    kinetic_fraction: float
    Delta0_J: float
    Tc_K: float
    gap_ratio: float
    F_delta_TLS: Optional[float]
    std: dict
    fitted: tuple
    used: np.ndarray
    residual_rms_Hz: float
    warnings: tuple = field(default=())
    pair_breaking: float = 0.0

    def f0_Hz(self, T_K) -> np.ndarray:
        return f0_model(T_K, self.f0_zero_Hz, self.kinetic_fraction, self.Delta0_J, self.Tc_K, self.F_delta_TLS or 0.0,
                        self.pair_breaking)

    def to_dict(self) -> dict:
        """JSON keys: f0_zero_Hz, kinetic_fraction, Delta0_J, Tc_K, gap_ratio, F_delta_TLS and ``<key>_std``."""
        out = {}
        for k in ("f0_zero_Hz", "kinetic_fraction", "Delta0_J", "Tc_K", "gap_ratio", "F_delta_TLS"):
            out[k], out[f"{k}_std"] = getattr(self, k), self.std.get(k)
        out.update(Delta0_GHz=self.Delta0_J / (h * 1e9), fitted=list(self.fitted), n_points=int(self.used.sum()),
                   n_masked=int((~self.used).sum()), residual_rms_Hz=self.residual_rms_Hz, warnings=list(self.warnings))
        return out


def fit_f0_vs_temperature(T_K, f0_Hz, *, gap_ratio: Optional[float] = None, Tc_K: Optional[float] = None,
                          tls: bool = False, mask_below_K: Optional[float] = None, pair_breaking: float = 0.0,
                          where: str = "data") -> TemperatureFit:
    """Least-squares fit of f0(T) (module docstring) for f0(0), α and Δ0 (+ Fδ_TLS when ``tls``).

    Δ(T) needs T_c: either from Δ0 and the gap ratio r (default BCS 1.764; T_c = Δ0/(r k_B) is then a result), or
    a measured ``Tc_K`` (then r = Δ0/k_BT_c is a result). Points below ``mask_below_K`` are left out (TLS regime).
    The start is the best Δ0 on a grid, with f0(0), α from the linearised model; then scipy ``least_squares``.
    """
    T, f = np.asarray(T_K, float), np.asarray(f0_Hz, float)
    if T.shape != f.shape or T.ndim != 1:
        raise InputError(f"{where}: T_K and f0_Hz must be two columns of equal length")
    if np.any(T <= 0) or np.any(f <= 0):
        raise InputError(f"{where}: temperatures and frequencies must be positive")
    if gap_ratio is not None and Tc_K is not None:
        raise InputError("give the gap ratio or the measured T_c, not both (the other follows from the fitted Δ0)")
    used = T >= mask_below_K if mask_below_K is not None else np.ones(T.size, bool)
    names = ("f0_zero_Hz", "kinetic_fraction", "Delta0_J") + (("F_delta_TLS",) if tls else ())
    if used.sum() <= len(names) + 1:
        raise InputError(f"{where}: {int(used.sum())} points in the fit for {len(names)} parameters; "
                         f"measure f0 at more temperatures (at least {len(names) + 2})")
    T, f = T[used], f[used]
    if Tc_K is not None and T.max() >= Tc_K:
        raise InputError(f"{where}: data up to {T.max():g} K but T_c = {Tc_K:g} K; the resonance is gone above T_c")
    ratio = BCS_GAP_RATIO if gap_ratio is None else gap_ratio
    tc_of = (lambda d: Tc_K) if Tc_K is not None else (lambda d: d / (ratio * k_B))
    f_ref = float(f[np.argmin(T)])

    def model(q):  # q = (f0(0) shift in ppm, α, Δ0/k_B in K, Fδ_TLS in 1e-6)
        d = q[2] * k_B
        return f0_model(T, f_ref * (1 + 1e-6 * q[0]), q[1], d, tc_of(d), 1e-6 * q[3] if tls else 0.0, pair_breaking)

    q0 = _grid_start(T, f, f_ref, tc_of, tls, Tc_K, ratio, pair_breaking)
    with np.errstate(all="ignore"):
        sol = least_squares(lambda q: model(q) - f, q0, method="lm", x_scale="jac", xtol=1e-12, ftol=1e-14)
    q = sol.x
    if sol.status <= 0 or not np.all(np.isfinite(sol.fun)):
        raise FitFailed(f"{where}: the f0(T) fit did not converge ({sol.message})")
    d = q[2] * k_B
    scale = np.array([1e-6 * f_ref, 1.0, k_B, 1e-6][: len(q)])
    try:
        std = dict(zip(names, np.sqrt(np.diag(scaled_covariance(sol.jac, sol.fun, where))) * scale))
    except FitFailed:  # a degenerate Jacobian: Δ0 has no effect on the model
        std = {"Delta0_J": math.inf}
    if not std["Delta0_J"] < MAX_RELATIVE_STD * d or q[1] <= 0:
        raise FitFailed(f"{where}: f0(T) does not determine Δ0 (fitted α = {q[1]:.3g}, Δ0/k_B = {d / k_B:.3g} K "
                        f"± {std['Delta0_J'] / k_B:.2g} K): measure to higher temperature, closer to T_c")
    tc = tc_of(d)
    if Tc_K is None:
        std["Tc_K"], std["gap_ratio"] = std["Delta0_J"] / (ratio * k_B), 0.0
    else:
        std["Tc_K"], std["gap_ratio"] = 0.0, std["Delta0_J"] / (k_B * Tc_K)
    warnings = []
    if q[1] > 1:
        warnings.append(f"kinetic fraction α = {q[1]:.3g} exceeds 1: unphysical; check the model (TLS, heating)")
    if T.max() < 0.1 * tc:
        warnings.append(f"all temperatures are below 0.1 T_c = {0.1 * tc:.3g} K: Δ0 rests on a tiny shift")
    return TemperatureFit(f_ref * (1 + 1e-6 * q[0]), float(q[1]), float(d), float(tc), float(d / (k_B * tc)),
                          1e-6 * float(q[3]) if tls else None, {k: float(v) for k, v in std.items()}, names, used,
                          float(np.sqrt(np.mean(sol.fun**2))), tuple(warnings), pair_breaking)


def _grid_start(T, f, f_ref, tc_of, tls, Tc_K, ratio, pair_breaking=0.0):
    """Best Δ0 on a grid, with (f0(0), f0(0)α/2, f0(0)Fδ) from the linearised model f ≈ f0 − c(r − 1) + d·TLS."""
    if Tc_K is not None:
        grid = np.linspace(1.0, 5.0, 81) * Tc_K  # Δ0/k_B over gap ratios 1–5
    else:
        grid = np.geomspace(ratio * T.max() * 1.02, 60 * T.max(), 120)
    best = None
    for dk in grid:
        r = kinetic_inductance_ratio(T, dk * k_B, tc_of(dk * k_B), pair_breaking)
        cols = [np.ones_like(T), -(r - 1)] + ([tls_shift(T, f_ref, 1.0)] if tls else [])
        A = np.column_stack(cols)
        coef, *_ = np.linalg.lstsq(A, f, rcond=None)
        cost = float(np.sum((A @ coef - f) ** 2))
        if best is None or cost < best[0]:
            best = (cost, dk, coef)
    _, dk, coef = best
    f0 = coef[0]
    q = [1e6 * (f0 / f_ref - 1), max(2 * coef[1] / f0, 1e-6), dk]
    return np.array(q + ([1e6 * coef[2] / f0] if tls else []))


def plot_temperature(result: TemperatureFit, data: TemperatureData):
    """Fractional shift (f0 − f0(0))/f0(0) [ppm] of data (masked points hollow) and fit, and the residuals [kHz];
    returns the matplotlib Figure."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.5, 6), layout="constrained")
    ax, ax2 = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 1]})
    T, f0, used = data.T_K, data.f0_Hz, result.used
    ppm = lambda f: (f / result.f0_zero_Hz - 1) * 1e6
    grid = np.linspace(T.min(), T.max(), 400)
    ax.plot(T[used], ppm(f0[used]), "o", ms=4, label="data")
    if (~used).any():
        ax.plot(T[~used], ppm(f0[~used]), "o", mfc="none", ms=4, label="masked")
    ax.plot(grid, ppm(result.f0_Hz(grid)), "-", label=f"fit: Δ0/k_B = {result.Delta0_J / k_B:.4g} K, "
                                                      f"α = {result.kinetic_fraction:.3g}")
    ax.set(ylabel="(f0 − f0(0))/f0(0) [ppm]", title="resonance frequency vs temperature")
    ax.legend()
    ax2.plot(T, (f0 - result.f0_Hz(T)) / 1e3, "o", ms=3)
    ax2.axhline(0, color="k", lw=0.5)
    ax2.set(xlabel="T [K]", ylabel="residual [kHz]")
    return fig
