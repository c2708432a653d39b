"""Internal Q against drive power: photon number and the two-level-system (TLS) loss model.

    n̄ = c Q_l² P / (Q_c ħ ω0²),  c = 2 (notch, two-port transmission), 4 (reflection),  P = P_VNA 10^(−A/10)
    1/Q_i = F·δ⁰ tanh(hf0/2k_BT) / (1 + n̄/n_c)^β + 1/Q_other

The photon number is the stored energy of a driven resonator from input–output theory (Gardiner & Collett, Phys.
Rev. A 31, 3761 (1985)): a hanger's mode couples to each direction of the feed line at κ_c/2, so on resonance
n̄ħω0 = 2κ_c P/κ² with κ = ω0/Q_l, κ_c = ω0/Q_c (the notch form of Probst et al., Rev. Sci. Instrum. 86, 024706
(2015)); a one-port couples at κ_c (factor 4). Q_c already holds the coupling, so no impedance enters. The TLS form
is the standard tunnelling model's resonant loss (Phillips, Rep. Prog. Phys. 50, 1657 (1987); Gao, PhD thesis,
Caltech (2008); β = 1/2 for the ideal model, smaller when TLSs interact: Faoro & Ioffe, PRB 91, 014201 (2015)).
Theory: docs/theory/fits.md.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import numpy as np
from scipy.optimize import least_squares

from ..constants import h, hbar, k_B
from ..errors import InputError
from . import FitFailed, scaled_covariance

PHOTON_FACTOR = {"notch": 2.0, "transmission": 2.0, "reflection": 4.0}
#: the TLS fit reports a parameter as undetermined when its 1σ exceeds this fraction (n_c: a factor e)
UNDETERMINED = 1.0


def photon_number(P_W, f0_Hz: float, Q_loaded: float, Q_coupling: float, model: str = "notch"):
    """Mean photon number n̄ on resonance for power ``P_W`` at the resonator (module docstring)."""
    w = 2 * math.pi * f0_Hz
    return PHOTON_FACTOR[model] * Q_loaded**2 * np.asarray(P_W, float) / (Q_coupling * hbar * w**2)


def tls_inverse_Q(n, f0_Hz: float, T_K: Optional[float], F_delta0: float, n_c: float, beta: float,
                  inv_Q_other: float):
    """1/Q_i of the TLS model (module docstring); T_K None means k_BT ≪ hf0 (tanh = 1)."""
    th = 1.0 if not T_K else math.tanh(h * f0_Hz / (2 * k_B * T_K))
    return F_delta0 * th / (1 + np.asarray(n, float) / n_c) ** beta + inv_Q_other


def powers_from_names(files, pattern: str) -> list[float]:
    """The drive power [dBm] in each file name: the first group of the regular expression ``pattern``."""
    try:
        rx = re.compile(pattern)
    except re.error as exc:
        raise InputError(f"--power-pattern '{pattern}': not a regular expression ({exc.msg})") from None
    out = []
    for f in files:
        m = rx.search(Path(f).name)
        try:
            out.append(float(m.group(1)))
        except (AttributeError, IndexError, ValueError):
            raise InputError(f"--power-pattern '{pattern}' finds no power (group 1, in dBm) in {Path(f).name}"
                             ) from None
    return out


@dataclass(frozen=True)
class TLSFit:
    """Fitted F·δ⁰, n_c [photons] (or P_c [W] when ``axis`` is "power_W"), β and 1/Q_other with 1σ in ``std``;
    ``undetermined`` names the parameters whose 1σ is larger than the value (the powers do not reach them)."""

    F_delta0: float
    n_c: float
    beta: float
    inv_Q_other: float
    std: dict
    axis: str
    f0_Hz: float
    T_K: Optional[float]
    undetermined: tuple
    chi2_reduced: float

    def inverse_Q(self, x):
        return tls_inverse_Q(x, self.f0_Hz, self.T_K, self.F_delta0, self.n_c, self.beta, self.inv_Q_other)

    def to_dict(self) -> dict:
        c = "n_c" if self.axis == "photons" else "P_c_W"
        return {"F_delta0": self.F_delta0, "F_delta0_std": self.std["F_delta0"], c: self.n_c,
                f"{c}_std": self.std["n_c"], "beta": self.beta, "beta_std": self.std["beta"],
                "Q_other": 1 / self.inv_Q_other if self.inv_Q_other > 0 else None, "inv_Q_other": self.inv_Q_other,
                "inv_Q_other_std": self.std["inv_Q_other"], "axis": self.axis, "T_K": self.T_K,
                "undetermined": list(self.undetermined), "chi2_reduced": self.chi2_reduced}


def fit_tls(x, inv_Qi, inv_Qi_std, f0_Hz: float, T_K: Optional[float] = None, axis: str = "photons") -> TLSFit:
    """Weighted least squares of 1/Q_i(x) (x = n̄, or P [W]) to the TLS model for F·δ⁰, n_c, β, 1/Q_other.

    Parameters fitted as (ln F·δ⁰, ln n_c, β, 1/Q_other), started from the lowest- and highest-power points;
    covariance (JᵀWJ)⁻¹ scaled by the reduced χ² when that exceeds 1. FitFailed with fewer than 5 points."""
    x, y, s = (np.asarray(a, float) for a in (x, inv_Qi, inv_Qi_std))
    if x.size < 5:
        raise FitFailed(f"the TLS fit needs at least 5 powers with a determined Q_i ({x.size} given)")
    if np.any(x <= 0) or np.any(s <= 0):
        raise InputError("the TLS fit needs positive photon numbers (or powers) and uncertainties")
    th = 1.0 if not T_K else math.tanh(h * f0_Hz / (2 * k_B * T_K))
    order = np.argsort(x)
    other0 = max(float(y[order[-1]]), 1e-12)
    fd0 = max(float(y[order[0]]) - other0, float(y[order[0]]) * 0.1) / th
    q0 = np.array([math.log(fd0), math.log(float(np.sqrt(x.min() * x.max()))), 0.5, other0])
    scale = np.array([1.0, 1.0, 1.0, float(np.median(y))])

    def resid(q):
        p = q * scale
        fd, nc = np.exp(np.clip(p[:2], -700, 700))
        return (tls_inverse_Q(x, f0_Hz, T_K, fd, nc, p[2], p[3]) - y) / s

    best = None
    for ln_nc in np.log(x.min()) + np.linspace(0, np.log(x.max() / x.min()), 5):
        q = q0.copy()
        q[1] = ln_nc
        with np.errstate(all="ignore"):
            sol = least_squares(resid, q / scale, method="lm", x_scale="jac", max_nfev=2000)
        if best is None or sol.cost < best.cost:
            best = sol
    p = best.x * scale
    chi2 = float(2 * best.cost / (x.size - 4))
    try:  # s²(JᵀJ)⁻¹ with s² = χ²_reduced: keep the given σ unless the scatter is larger
        sd = np.sqrt(np.diag(scaled_covariance(best.jac, best.fun, "TLS fit")) * max(chi2, 1.0) / chi2) * scale
    except FitFailed:
        sd = np.full(4, math.inf)
    fd, nc = math.exp(p[0]), math.exp(p[1])
    std = {"F_delta0": fd * sd[0], "n_c": nc * sd[1], "beta": float(sd[2]), "inv_Q_other": float(sd[3])}
    undetermined = tuple(k for k, v in (("F_delta0", fd), ("n_c", nc), ("beta", p[2]))
                         if not std[k] < UNDETERMINED * abs(v))
    return TLSFit(fd, nc, float(p[2]), float(p[3]), std, axis, f0_Hz, T_K, undetermined, chi2)


def plot_power_series(x, Q_i, Q_i_err, lower_95, tls: Optional[TLSFit], xlabel: str):
    """Q_i against n̄ (or power), bounds as open triangles, and the TLS curve: a matplotlib Figure (Agg)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.5, 4.5), layout="constrained")
    ax = fig.add_subplot()
    x, Q_i = np.asarray(x, float), np.array([np.nan if q is None else q for q in Q_i], float)
    ok = np.isfinite(Q_i)
    ax.errorbar(x[ok], Q_i[ok], yerr=np.asarray(Q_i_err, float)[ok], fmt="o", ms=4, label="Q_i (68 %)")
    lb = np.array([np.nan if q is None else q for q in lower_95], float)
    if np.any(~ok & np.isfinite(lb)):
        ax.plot(x[~ok], lb[~ok], "^", mfc="none", label="Q_i lower bound (95 %)")
    if tls is not None:
        grid = np.geomspace(x.min() / 3, x.max() * 3, 200)
        ax.plot(grid, 1 / tls.inverse_Q(grid), "-", label=f"TLS: F·δ⁰ = {tls.F_delta0:.3g}, β = {tls.beta:.2f}")
    ax.set(xscale="log", yscale="log", xlabel=xlabel, ylabel="internal Q", title="internal Q against drive")
    ax.legend(fontsize=8)
    return fig
