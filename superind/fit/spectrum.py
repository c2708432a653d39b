"""Fit flux spectroscopy to a phase-slip (QPS) qubit or an RF-SQUID/fluxonium, on the project's solvers.

    qps:     H = E_L^fluxoid Σ_n (n − f)²|n⟩⟨n| − (E_S/2) Σ_n (|n⟩⟨n+1| + h.c.)   (Mooij & Harmans, NJP 7, 219 (2005))
    rfsquid: H = 4E_C n² − E_J cos(φ + 2πf) + ½E_L φ²   (Manucharyan et al., Science 326, 113 (2009); scqubits
             conventions: E_L = (Φ0/2π)²/L, E_C = e²/2C)
    f = Φ_ext/Φ0, or f = (I − I_0)/I_Φ0 when the x-axis is a coil current (period I_Φ0 and offset I_0 fitted)

Each measured line f_GHz at flux f is a transition E_j − E_i. Least squares in ln E (energies stay positive) with the
analytic Jacobian from Hellmann–Feynman (∂E_i/∂p = ⟨i|∂H/∂p|i⟩) on :class:`superind.qubits.qps.QPSQubit` (fluxoid
window n = ⌊f+½⌋ ± 8) and :class:`superind.qubits.rfsquid.FluxoniumBasis` (fixed cut-off 60 oscillator states, one
basis per (E_C, E_L)); the result reports the change of the fitted lines at twice the window or 1.5× the cut-off.
Unlabelled points are assigned to the nearest of 0→1, 0→2, 1→2, re-assigned after each fit until stable.
1σ from the covariance s²(JᵀJ)⁻¹. Theory: docs/theory/fits.md.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

import numpy as np
from scipy.optimize import least_squares, minimize_scalar

from ..constants import inductance_H
from ..errors import InputError
from ..qubits.rfsquid import FluxoniumBasis
from ..threads import one_blas_thread
from . import FitFailed, read_table, scaled_covariance
from .levels import FIT_CUTOFF, FIT_HALF_WIDTH, FluxoniumLevels, qps_levels

KINDS = {"qps": ("E_S_GHz", "E_L_fluxoid_GHz"), "rfsquid": ("E_J_GHz", "E_C_GHz", "E_L_GHz")}
CANDIDATES = ((0, 1), (0, 2), (1, 2))
SCREEN_CUTOFF = 40  #: fluxonium cut-off while screening the grid's starts
MAX_REASSIGN = 6  #: rounds of nearest-line assignment and refit
#: coarse grid of the fluxonium start (GHz): E_J, E_C, E_L log-spaced
GRID = {"E_J_GHz": (1.0, 40.0, 12), "E_C_GHz": (0.2, 5.0, 9), "E_L_GHz": (0.05, 5.0, 10)}


@dataclass(frozen=True)
class SpectroscopyData:
    """Measured lines ``f_GHz`` at ``x`` (flux in Φ0, or a current in A when ``x_is_current``); ``transitions`` is
    an (n, 2) array of (i, j) or None when unlabelled."""

    x: np.ndarray
    f_GHz: np.ndarray
    x_is_current: bool = False
    transitions: Optional[np.ndarray] = None
    source: str = "array"


def parse_transitions(labels, where: str = "data") -> np.ndarray:
    """'i-j' labels (e.g. '0-1') → (n, 2) int array; InputError names the row."""
    out = []
    for row, text in enumerate(labels):
        parts = str(text).replace("→", "-").split("-")
        try:
            i, j = (int(p) for p in parts)
        except ValueError:
            raise InputError(f"{where} row {row + 2}: transition '{text}' is not 'i-j' (e.g. 0-1)") from None
        if not 0 <= i < j <= 5:
            raise InputError(f"{where} row {row + 2}: transition '{text}' needs 0 ≤ i < j ≤ 5")
        out.append((i, j))
    return np.array(out, int).reshape(-1, 2)


def load_spectroscopy(path) -> SpectroscopyData:
    """CSV with ``flux`` (Φ0) or ``current_A``, ``f_GHz`` and an optional ``transition`` column ('0-1', …)."""
    cols = read_table(path, ("flux|current_A", "f_GHz"), text=("transition",))
    if "flux" in cols and "current_A" in cols:
        raise InputError(f"{path}: give one x column, flux or current_A, not both")
    labels = cols.get("transition")
    trans = parse_transitions(labels, str(path)) if labels is not None else None
    x_is_current = "current_A" in cols
    return SpectroscopyData(cols["current_A" if x_is_current else "flux"], cols["f_GHz"], x_is_current, trans,
                            str(path))


# ------------------------------------------------------------------------------------------ the fit

@dataclass(frozen=True)
class SpectrumFit:
    """Fitted energies (E/h in GHz, keys of ``KINDS[kind]``) with 1σ in ``std``; flux period and offset [A] for a
    current axis; the (i, j) transition of every point and whether it was assigned automatically."""

    kind: str
    energies_GHz: dict
    std: dict
    period_A: Optional[float]
    offset_A: Optional[float]
    transitions: np.ndarray
    assigned: str
    residual_rms_GHz: float
    solver: dict
    convergence_GHz: float
    warnings: tuple = field(default=())

    def flux(self, x) -> np.ndarray:
        """Φ_ext/Φ0 of the measured x (identity for a flux axis)."""
        return np.asarray(x, float) if self.period_A is None else (np.asarray(x, float) - self.offset_A) / self.period_A

    def transition_GHz(self, flux, i: int, j: int) -> np.ndarray:
        """Model line E_j − E_i [GHz] at the given fluxes."""
        levels = _levels(self.kind, [self.energies_GHz[k] for k in KINDS[self.kind]], np.atleast_1d(flux), j + 1)
        return levels[:, j] - levels[:, i]

    def to_dict(self) -> dict:
        out = {"kind": self.kind}
        for k, v in self.energies_GHz.items():
            out[k], out[f"{k}_std"] = v, self.std[k]
        e_l = self.energies_GHz.get("E_L_GHz", self.energies_GHz.get("E_L_fluxoid_GHz", 0) / (2 * math.pi**2))
        std_l = self.std.get("E_L_GHz", self.std.get("E_L_fluxoid_GHz", 0) / (2 * math.pi**2))
        out.update(E_L_GHz=e_l, E_L_GHz_std=std_l, L_H=inductance_H(e_l),
                   L_H_std=inductance_H(e_l) * std_l / e_l)
        if self.period_A is not None:
            out.update(flux_period_A=self.period_A, flux_period_A_std=self.std["period_A"],
                       flux_offset_A=self.offset_A, flux_offset_A_std=self.std["offset_A"])
        out.update(transitions=[f"{i}-{j}" for i, j in self.transitions], assignment=self.assigned,
                   residual_rms_GHz=self.residual_rms_GHz, solver=self.solver, convergence_GHz=self.convergence_GHz,
                   warnings=list(self.warnings))
        return out


_FLUXONIUM: dict = {}  #: cut-off → levels with its last basis


def _levels(kind, E, flux, n_levels, jac=False, solver=None):
    if kind == "qps":
        return qps_levels(E, flux, n_levels, solver or FIT_HALF_WIDTH, jac)
    cutoff = solver or FIT_CUTOFF
    if cutoff not in _FLUXONIUM:
        _FLUXONIUM[cutoff] = FluxoniumLevels(cutoff)
    return _FLUXONIUM[cutoff](E, flux, n_levels, jac)


def _nearest(kind, E, flux, f_GHz, solver=None):
    """The candidate transition (0→1, 0→2, 1→2) nearest to each measured line."""
    lv = _levels(kind, E, flux, 3, solver=solver)
    lines = np.stack([lv[:, j] - lv[:, i] for i, j in CANDIDATES], axis=1)
    return np.array(CANDIDATES)[np.argmin(np.abs(lines - f_GHz[:, None]), axis=1)]


def fit_spectrum(x, f_GHz, kind: str, *, transitions=None, x_is_current: bool = False,
                 guess: Optional[dict] = None, period_A: Optional[float] = None, offset_A: Optional[float] = None,
                 where: str = "data") -> SpectrumFit:
    """Fit measured lines to the ``kind`` ("qps" or "rfsquid") Hamiltonian of the module docstring.

    ``transitions`` (n, 2) labels the lines (else they are assigned automatically); ``guess`` may give starting
    energies (GHz, keys of KINDS[kind]), else QPS starts from E_S ≈ min f and the slope, fluxonium from a coarse
    grid; for a current axis, ``period_A``/``offset_A`` start the flux calibration (else from the data's extremes).
    """
    if kind not in KINDS:
        raise InputError(f"--kind '{kind}': choose one of {', '.join(KINDS)}")
    x, f = np.asarray(x, float), np.asarray(f_GHz, float)
    names = KINDS[kind]
    n_par = len(names) + (2 if x_is_current else 0)
    if x.size != f.size or x.size <= n_par + 1:
        raise InputError(f"{where}: {x.size} measured lines for {n_par} parameters; measure at least {n_par + 2}")
    if np.any(f <= 0):
        raise InputError(f"{where}: transition frequencies must be positive")
    labels = None if transitions is None else np.asarray(transitions, int).reshape(-1, 2)
    if labels is not None and labels.shape[0] != x.size:
        raise InputError(f"{where}: {labels.shape[0]} transition labels for {x.size} lines")
    with one_blas_thread(), np.errstate(all="ignore"):  # small dense matrices: BLAS threads only add overhead
        try:
            result = _fit(kind, names, x, f, labels, x_is_current, guess, period_A, offset_A, where)
        except (ValueError, np.linalg.LinAlgError, FloatingPointError) as exc:
            raise FitFailed(f"{where}: the {kind} spectrum fit broke down ({type(exc).__name__} in the solver): the "
                            f"{kind} model does not describe these lines; try the other --kind") from None
    return _judge(result, f, where)


#: the fit fails when its residual rms exceeds this fraction of the measured lines' spread (the model explains
#: less than 1 − 0.5² = 75 % of their variance), or a fitted energy's 1σ exceeds the energy itself
MAX_RESIDUAL_FRACTION = 0.5


def _judge(result, f, where):
    """FitFailed when the model does not describe the lines or leaves an energy undetermined."""
    spread = float(np.std(f))
    if result.residual_rms_GHz > max(MAX_RESIDUAL_FRACTION * spread, 1e-6):
        raise FitFailed(f"{where}: the {result.kind} model does not describe the lines: residual rms "
                        f"{result.residual_rms_GHz * 1e3:.3g} MHz against a spread of {spread * 1e3:.3g} MHz "
                        "(a flat line, or the other --kind?)")
    loose = [k for k, e in result.energies_GHz.items() if not result.std[k] < e]
    if loose:
        raise FitFailed(f"{where}: {', '.join(loose)} undetermined (1σ larger than the value): measure more lines "
                        "or a wider flux range")
    return result


def _fit(kind, names, x, f, labels, x_is_current, guess, period_A, offset_A, where):
    cal = _current_start(x, f, period_A, offset_A, where) if x_is_current else None
    flux0 = x if cal is None else (x - cal[1]) / cal[0]
    if guess:
        starts = [np.array([float(guess[k]) for k in names])]
    else:
        starts = [_qps_start(flux0, f)] if kind == "qps" else _fluxonium_starts(flux0, f, labels)
    q_start = [np.concatenate([np.log(E0), [] if cal is None else [cal[1] / cal[0], math.log(cal[0])]])
               for E0 in starts]
    if len(q_start) > 1:  # several grid starts: screen each on ≤ 24 lines with a smaller basis, keep the best
        sub = np.unique(np.linspace(0, x.size - 1, min(x.size, 24)).round().astype(int))
        screened = [_fit_assigned(kind, x[sub], f[sub], None if labels is None else labels[sub], q, x_is_current,
                                  solver=SCREEN_CUTOFF, max_nfev=40)[0] for q in q_start]
        q_start = [min(screened, key=lambda sol: sol.cost).x]
    sol, assigned = _fit_assigned(kind, x, f, labels, q_start[0], x_is_current)
    if sol.status <= 0 or not np.all(np.isfinite(sol.x)):
        raise FitFailed(f"{where}: the {kind} spectrum fit did not converge ({sol.message})")
    return _spectrum_result(kind, names, sol, x, f, assigned, labels is None, x_is_current, where)


def _unpack(q, n_e, x, x_is_current):
    E = np.exp(q[:n_e])
    if not x_is_current:
        return E, x
    period = math.exp(q[n_e + 1])
    return E, x / period - q[n_e]  # f = (I − I_0)/P with q = (…, I_0/P, ln P)


def _fit_assigned(kind, x, f, labels, q0, x_is_current, solver=None, max_nfev=200):
    """Fit with the given labels, or assign each line to the nearest model line and refit until stable."""
    n_e = len(KINDS[kind])
    assigned = labels if labels is not None else _nearest(kind, *_unpack(q0, n_e, x, x_is_current), f, solver)
    for _ in range(MAX_REASSIGN):
        sol = _local_fit(kind, x, f, assigned, q0, x_is_current, solver, max_nfev)
        if labels is not None:
            break
        again = _nearest(kind, *_unpack(sol.x, n_e, x, x_is_current), f, solver)
        if np.array_equal(again, assigned):
            break
        assigned, q0 = again, sol.x
    return sol, assigned


def _local_fit(kind, x, f, assigned, q0, x_is_current, solver=None, max_nfev=200):
    n_e, n_lev = len(KINDS[kind]), int(assigned.max()) + 1
    rows = np.arange(x.size)

    def residuals(q):
        E, flux = _unpack(q, n_e, x, x_is_current)
        lv = _levels(kind, E, flux, n_lev, solver=solver)
        return lv[rows, assigned[:, 1]] - lv[rows, assigned[:, 0]] - f

    def jacobian(q):
        E, flux = _unpack(q, n_e, x, x_is_current)
        _, d_e, d_f = _levels(kind, E, flux, n_lev, jac=True, solver=solver)
        dj = d_e[rows, assigned[:, 1]] - d_e[rows, assigned[:, 0]]
        cols = [dj * E]  # ∂/∂ln E
        if x_is_current:
            dfl = d_f[rows, assigned[:, 1]] - d_f[rows, assigned[:, 0]]
            cols.append(np.column_stack([-dfl, -dfl * flux - dfl * q[n_e]]))  # ∂/∂(I_0/P), ∂/∂ln P
        return np.column_stack(cols)

    with np.errstate(all="ignore"):
        return least_squares(residuals, q0, jac=jacobian, method="lm", xtol=1e-12, ftol=1e-12, max_nfev=max_nfev)


def _spectrum_result(kind, names, sol, x, f, assigned, automatic, x_is_current, where):
    n_e = len(names)
    cov = scaled_covariance(sol.jac, sol.fun, f"{where}: {kind} spectrum fit")
    E, flux = _unpack(sol.x, n_e, x, x_is_current)
    std = {k: float(E[i] * math.sqrt(cov[i, i])) for i, k in enumerate(names)}
    period = offset = None
    if x_is_current:
        period = math.exp(sol.x[n_e + 1])
        offset = sol.x[n_e] * period  # I_0 = (I_0/P)·P, ∂I_0/∂(I_0/P) = P, ∂I_0/∂ln P = I_0
        g = np.zeros(len(sol.x))
        g[n_e:] = period, offset
        std.update(period_A=period * math.sqrt(cov[n_e + 1, n_e + 1]), offset_A=float(math.sqrt(g @ cov @ g)))
    rows, big = np.arange(x.size), 2 * FIT_HALF_WIDTH if kind == "qps" else int(1.5 * FIT_CUTOFF)
    lv = _levels(kind, E, flux, int(assigned.max()) + 1, solver=big)
    change = float(np.max(np.abs(lv[rows, assigned[:, 1]] - lv[rows, assigned[:, 0]] - f - sol.fun)))
    solver = {"fluxoid_half_width": FIT_HALF_WIDTH} if kind == "qps" else {"cutoff": FIT_CUTOFF}
    rms = float(np.sqrt(np.mean(sol.fun**2)))
    warnings = []
    if change > max(1e-4, 0.1 * rms):
        warnings.append(f"the fit's fixed {next(iter(solver))} {next(iter(solver.values()))} moves the lines by "
                        f"{change * 1e3:.3g} MHz against a larger one: the energies are biased")
    if kind == "qps" and E[0] > E[1]:
        warnings.append("E_S exceeds E_L^fluxoid: the fluxoid states are not well defined")
    warnings += [f"{k} is poorly determined (±{std[k] / e:.0%}): measure more lines or a wider flux range"
                 for k, e in zip(names, E) if std[k] > 0.1 * e]
    return SpectrumFit(kind, {k: float(v) for k, v in zip(names, E)}, std, period, offset, assigned,
                       "automatic" if automatic else "given", rms, solver, change, tuple(warnings))


# ------------------------------------------------------------------------------------------ starting points

def _lowest_branch(x, f, bins: int = 40):
    """The lowest measured line in each of ``bins`` bins of x: (x, f) of the lower envelope."""
    edges = np.linspace(x.min(), x.max(), bins + 1)
    idx = np.clip(np.searchsorted(edges, x, side="right") - 1, 0, bins - 1)
    keep = [np.flatnonzero(idx == b)[np.argmin(f[idx == b])] for b in range(bins) if np.any(idx == b)]
    return x[keep], f[keep]


def _qps_start(flux, f):
    """E_S ≈ the lowest line (splitting at f = ½); E_L^fluxoid from f01 ≈ √(ε² + E_S²), ε = 2E_L^fluxoid |f − ½|."""
    xb, fb = _lowest_branch(flux, f)
    e_s = float(fb.min())
    d = np.abs(xb - np.floor(xb) - 0.5)  # distance from the nearest half-integer flux
    far = d > 0.1
    if not far.any():
        return np.array([e_s, 10 * e_s])
    e_l = np.median(np.sqrt(np.clip(fb[far] ** 2 - e_s**2, 1e-12, None)) / (2 * d[far]))
    return np.array([e_s, max(float(e_l), 1.5 * e_s)])


def _fluxonium_starts(flux, f, labels, n_starts: int = 4):
    """The best ``n_starts`` distinct points of the coarse GRID (cut-off 30, ≤ 16 flux points, nearest-line or
    given assignment), best first."""
    pick = np.unique(np.linspace(0, flux.size - 1, min(flux.size, 16)).round().astype(int))
    fl, fv, rows = flux[pick], f[pick], np.arange(pick.size)
    lab = None if labels is None else labels[pick]
    n_lev = 3 if lab is None else int(lab.max()) + 1
    axes = [np.geomspace(*GRID[k]) for k in KINDS["rfsquid"]]
    points, costs = [], []
    for E_C in axes[1]:
        for E_L in axes[2]:
            basis = FluxoniumBasis(E_C, E_L, 30)
            for E_J in axes[0]:
                lv = basis.levels(E_J, fl, n_lev)
                if lab is None:
                    lines = np.stack([lv[:, j] - lv[:, i] for i, j in CANDIDATES], axis=1)
                    miss = np.min(np.abs(lines - fv[:, None]), axis=1)
                else:
                    miss = lv[rows, lab[:, 1]] - lv[rows, lab[:, 0]] - fv
                points.append((E_J, E_C, E_L))
                costs.append(float(np.sum(miss**2)))
    chosen = []
    for k in np.argsort(costs):
        p = np.log(points[k])
        if all(np.max(np.abs(p - np.log(c))) > 0.3 for c in chosen):
            chosen.append(np.array(points[k]))
        if len(chosen) == n_starts:
            break
    return chosen


def _current_start(x, f, period, offset, where):
    """(period, offset) [A]: given, or from the lowest measured line: its minimum is half flux and the nearest
    maximum integer flux (both refined as mirror axes of the line), so I_Φ0 = 2|I_max − I_min| and I_0 = I_max."""
    if period is not None and offset is not None:
        return float(period), float(offset)
    xb, fb = _lowest_branch(x, f)
    lo = xb[np.argmin(fb)]
    tops = xb[fb >= fb.max() - 0.02 * np.ptp(fb)]
    top = tops[np.argmin(np.abs(tops - lo))]
    if abs(top - lo) < 2 * np.median(np.diff(xb)):
        raise InputError(f"{where}: cannot find a half-flux minimum and an integer-flux maximum of the lowest line; "
                         "give --period and --offset (in A) to start the flux calibration")
    quarter = abs(top - lo) / 2
    lo, top = _mirror_axis(xb, fb, lo, quarter), _mirror_axis(xb, fb, top, quarter)
    return (float(period) if period is not None else 2 * abs(top - lo),
            float(offset) if offset is not None else float(top))


def _mirror_axis(xb, fb, c0, width):
    """The axis c near c0 about which the line is most symmetric: min mean (f(c + d) − f(c − d))², 0 < d < width."""
    def mismatch(c):
        d = np.linspace(0, width, 25)[1:]
        d = d[(c + d <= xb[-1]) & (c - d >= xb[0])]
        return float(np.mean((np.interp(c + d, xb, fb) - np.interp(c - d, xb, fb)) ** 2)) if d.size > 3 else math.inf

    return float(minimize_scalar(mismatch, bounds=(c0 - width / 2, c0 + width / 2), method="bounded").x)


def plot_spectrum(result: SpectrumFit, data: SpectroscopyData):
    """Measured lines against flux (coloured by assigned transition) and the fitted model lines; returns the Figure."""
    from matplotlib.figure import Figure

    flux = result.flux(data.x)
    grid = np.linspace(flux.min(), flux.max(), 300)
    fig = Figure(figsize=(6.5, 4.5), layout="constrained")
    ax = fig.add_subplot()
    for n, (i, j) in enumerate(sorted({tuple(t) for t in result.transitions})):
        sel = np.all(result.transitions == (i, j), axis=1)
        ax.plot(flux[sel], data.f_GHz[sel], "o", ms=3, color=f"C{n}", label=f"data {i}→{j}")
        ax.plot(grid, result.transition_GHz(grid, i, j), "-", color=f"C{n}", lw=1)
    text = ", ".join(f"{k[:-4]} = {v:.4g}" for k, v in result.energies_GHz.items())
    ax.set(xlabel="Φ_ext/Φ0", ylabel="frequency [GHz]", title=f"{result.kind}: {text} GHz")
    ax.legend(fontsize=8)
    return fig
