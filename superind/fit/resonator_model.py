"""The resonator model and its batched fit: S(f) with f0, Q_l, Q_i, Q_c, φ, cable delay and a background slope.

    S(f) = a e^{iα} e^{−2πifτ} [1 + b(f/f_ref − 1)] [c0 + s (1/Q̂_c) / (1/Q_l + 2i(f/f0 − 1))]
    1/Q̂_c = e^{iφ}/|Q_c| = 1/Q_c + iv,   1/Q_l = 1/Q_i + 1/Q_c   (Q_c = |Q_c|/cos φ: the diameter correction)
    notch (hanger): c0 = 1, s = −1;  reflection: c0 = 1, s = −2;  transmission: c0 = 0, s = +1, φ = 0, a = 1

Probst et al., Rev. Sci. Instrum. 86, 024706 (2015), eqs. (1)–(3); Khalil et al., J. Appl. Phys. 111, 054510
(2012) (complex Q_c). The fit is parametrised by (f0, 1/Q_i, 1/Q_c, v, a, α, τ, b) so that a resonance whose
internal loss is not resolved gives an interval of 1/Q_i that reaches 0 (a lower bound on Q_i), never a negative
Q_i. For fixed (f0, Q_l, τ) the model is linear in a e^{iα} and a e^{iα}/Q̂_c: those are solved exactly on a grid
of starts (variable projection, Golub & Pereyra 1973), the best starts are refined together by Levenberg–Marquardt
(``superind.fit.lm``), and the intervals of f0, Q_l, 1/Q_i and 1/Q_c are profile-likelihood intervals. The cable
delay is always fitted (started from the off-resonant phase slope) unless given. The results, their judgement and
the choice of model: ``superind.fit.resonator``. Theory: docs/theory/fits.md.
"""
from __future__ import annotations

import math
from typing import Optional

import numpy as np

from ..errors import InputError
from .lm import covariance, levenberg_marquardt, profile_offsets

MODELS = ("notch", "reflection", "transmission")
_SHAPE = {"notch": (1.0, -1.0), "reflection": (1.0, -2.0), "transmission": (0.0, 1.0)}
#: a resonance must stand this many (3-point-averaged) noise σ above a smooth background
DETECTION_SIGMA = 5.0
#: Δχ² levels: 68 % two-sided, 95 % one-sided (the Q_i lower bound), 95 % two-sided (is 1/Q_i > 0?)
LEVEL_68, LEVEL_95_ONE, LEVEL_95 = 1.0, 2.706, 3.841
#: another model fits "much" better when its χ² is lower by this many s² and its rms by this factor
MUCH_BETTER_CHI2, MUCH_BETTER_RMS = 25.0, 1.5
#: residual rms / point-to-point noise above which the fit is reported as failed (warned above 2)
FAIL_RMS_RATIO = 10.0
#: largest cable delay searched when the trace ends carry no signal (transmission) [s]
MAX_DELAY_S = 300e-9
_FIXED = {"notch": (), "reflection": (), "transmission": (3, 4)}  # v = 0, a = 1


# ------------------------------------------------------------------------------------------ the model

def _model(f, fr, th, c0, g):
    """M (B, m) and ∂M/∂θ (B, m, 8) for θ = (f0, 1/Q_i, 1/Q_c, v, a, α, τ, b), α referred to f_ref = ``fr``."""
    f0, ui, uc, v, a, al, tau, b = (th[:, k:k + 1] for k in range(8))
    L = ui + uc + 2j * (f / f0 - 1)
    k = uc + 1j * v
    R = c0 + g * k / L
    bg = 1 + b * (f / fr - 1)
    P = a * np.exp(1j * (al - 2 * np.pi * (f - fr) * tau)) * bg
    M = P * R
    D = np.empty(M.shape + (8,), complex)
    D[..., 0] = P * g * k * 2j * f / f0**2 / L**2
    D[..., 1] = -P * g * k / L**2
    D[..., 2] = P * g * (1 / L - k / L**2)
    D[..., 3] = P * g * 1j / L
    D[..., 4] = M / a
    D[..., 5] = 1j * M
    D[..., 6] = -2j * np.pi * (f - fr) * M
    D[..., 7] = M / bg * (f / fr - 1)
    return M, D


def resonator_s(f_Hz, f0_Hz, Q_loaded, Q_c_abs, phi_rad=0.0, amplitude=1.0, alpha_rad=0.0, delay_s=0.0,
                model: str = "notch", slope: float = 0.0, f_ref_Hz: Optional[float] = None) -> np.ndarray:
    """The model S(f) of the module docstring (Probst et al. 2015, eq. 1 and its reflection/transmission forms);
    ``slope`` b is the background amplitude's relative change per relative frequency about ``f_ref_Hz`` (f0)."""
    f = np.asarray(f_Hz, float)
    fr = f0_Hz if f_ref_Hz is None else f_ref_Hz
    uc, v = math.cos(phi_rad) / Q_c_abs, math.sin(phi_rad) / Q_c_abs
    th = np.array([[f0_Hz, 1 / Q_loaded - uc, uc, v, amplitude, alpha_rad - 2 * np.pi * fr * delay_s, delay_s,
                    slope]])
    return _model(f, fr, th, *_SHAPE[model])[0][0]


def noise_sigma(z) -> np.ndarray:
    """Per-point complex noise σ (E|n|² = σ²) from second differences along the last axis, robust to the
    resonance and blind to a slow background: median |z_{k+1} − 2z_k + z_{k−1}|² = 6σ² ln 2 (complex Gaussian)."""
    d2 = z[..., 2:] - 2 * z[..., 1:-1] + z[..., :-2]
    return np.sqrt(np.median(np.abs(d2) ** 2, axis=-1) / (6 * math.log(2)))


# ------------------------------------------------------------------------------------------ starts

def _kasa_badness(f, z, taus):
    """Relative rms distance from the best algebraic (Kåsa) circle of z·e^{2πifτ}, for each τ (Probst 2015)."""
    w = z[None, :] * np.exp(2j * np.pi * np.outer(taus, f - f.mean()))
    A = np.stack([w.real, w.imag, np.ones_like(w.real)], axis=-1)
    rhs = np.abs(w) ** 2
    sol = np.linalg.solve(np.einsum("tmi,tmj->tij", A, A), np.einsum("tmi,tm->ti", A, rhs)[..., None])[..., 0]
    zc = (sol[:, 0] + 1j * sol[:, 1]) / 2
    r = np.sqrt(np.maximum(sol[:, 2] + np.abs(zc) ** 2, 1e-300))
    return np.sqrt(np.mean((np.abs(w - zc[:, None]) - r[:, None]) ** 2, axis=1)) / r


def _delay_candidates(f, z, sigma, where):
    """Delays to start from: the off-resonant phase slope (outer 10 % at each end, common slope, own offsets)
    and the whole trace's; when the ends carry no signal (transmission) the τ within ±MAX_DELAY_S that makes the
    points with signal most circular, on a grid of step 1/(8 × their span) — bounded by SUPERIND_MAX_DELAY_SEARCH."""
    from ..limits import check_count

    n = max(3, f.size // 10)
    ends = np.r_[np.arange(n), np.arange(f.size - n, f.size)]
    ph = np.unwrap(np.angle(z))
    if np.median(np.abs(z[ends])) > 5 * sigma:
        side = np.r_[np.zeros(n), np.ones(n)]
        A = np.column_stack([1 - side, side, -2 * np.pi * (f[ends] - f.mean())])
        tau_ends = float(np.linalg.lstsq(A, np.r_[np.unwrap(ph[:n]), np.unwrap(ph[-n:])], rcond=None)[0][2])
        tau_all = -float(np.polyfit(f - f.mean(), ph, 1)[0]) / (2 * np.pi)
        return [tau_ends] if abs(tau_all - tau_ends) * np.ptp(f) < 0.05 else [tau_ends, tau_all]
    sig = np.flatnonzero(np.abs(z) > 5 * sigma)
    if sig.size < 8:
        return [0.0]
    span = np.ptp(f[sig]) or np.ptp(f)
    trials = int(2 * MAX_DELAY_S * span * 8) + 1
    check_count(trials * sig.size, "max_delay_search", "trial delays × points", f"{where}: the delay search")
    taus = np.linspace(-MAX_DELAY_S, MAX_DELAY_S, trials) if trials > 1 else np.zeros(1)
    bad = np.concatenate([_kasa_badness(f[sig], z[sig], taus[i:i + 256]) for i in range(0, taus.size, 256)])
    return [float(taus[np.argmin(bad)])]


def _starts(f, z, model, sigma, tau_fixed, where, n_keep=4):
    """The ``n_keep`` best (θ, cost) of a grid of (τ, f0, Q_l), each with its exact linear part (module doc)."""
    c0, g = _SHAPE[model]
    fr = 0.5 * (f[0] + f[-1])
    taus = [tau_fixed] if tau_fixed is not None else _delay_candidates(f, z, sigma, where)
    cands = []
    step = float(np.median(np.diff(f)))
    for tau in taus:
        zd = z * np.exp(2j * np.pi * (f - fr) * tau)
        X = np.column_stack([np.ones_like(f), (f - fr) / np.ptp(f)])
        dep = zd - X @ np.linalg.lstsq(X, zd, rcond=None)[0]
        smooth = np.abs(np.convolve(dep, np.ones(3) / 3, mode="same"))
        speed = np.abs(np.gradient(np.convolve(zd, np.ones(3) / 3, mode="same")))
        for k in {int(np.argmax(smooth)), int(np.argmax(speed[1:-1])) + 1}:
            above = smooth >= smooth[k] / 2
            lo, hi = k, k
            while lo > 0 and above[lo - 1]:
                lo -= 1
            while hi < f.size - 1 and above[hi + 1]:
                hi += 1
            ul0 = max(f[hi] - f[lo], 2 * step) / f[k]
            cands += [(tau, f[k], ul0 * s) for s in (0.25, 0.5, 1.0, 2.0, 4.0)]
    tau, f0, ul = (np.array(x) for x in zip(*cands))
    E = np.exp(-2j * np.pi * np.outer(tau, f - fr))
    lor = E / (ul[:, None] + 2j * (f[None, :] / f0[:, None] - 1))
    cols = [lor] if c0 == 0 else [E, lor]
    X = np.stack(cols, axis=-1)  # (C, m, 1|2)
    coef = np.linalg.solve(np.einsum("cmi,cmj->cij", X.conj(), X) + 1e-300 * np.eye(len(cols)),
                           np.einsum("cmi,cm->ci", X.conj(), np.broadcast_to(z, E.shape))[..., None])[..., 0]
    cost = np.sum(np.abs(np.einsum("cmi,ci->cm", X, coef) - z) ** 2, axis=1)
    out = []
    for i in np.argsort(cost)[:n_keep]:
        if c0 == 0:
            C1 = coef[i, 0]
            uc, v, a, al = abs(C1), 0.0, 1.0, float(np.angle(C1))
        else:
            C0, C1 = coef[i]
            kk = C1 / (g * C0) if abs(C0) > 0 else 0.0
            uc, v, a, al = float(kk.real), float(kk.imag), float(abs(C0)), float(np.angle(C0))
        out.append([f0[i], ul[i] - uc, uc, v, a, al, tau[i], 0.0])
    return np.array(out)


# ------------------------------------------------------------------------------------------ fitting a batch

def _free(model, delay_fixed):
    free = np.ones(8, bool)
    free[list(_FIXED[model])] = False
    free[6] = not delay_fixed
    return free


def _check(f, Z, where):
    from ..limits import check_count

    check_count(f.size, "max_trace_points", "points", f"{where}: the trace")
    if f.size < 2 * 8 + 1:
        raise InputError(f"{where}: {f.size} frequency points; the fit has up to 8 parameters: measure at least 17 "
                         "points across the resonance")
    if np.any(np.diff(f) <= 0):
        raise InputError(f"{where}: frequencies must be strictly increasing (load files with superind.fit.traces)")
    sigma = noise_sigma(Z)
    flat = np.ptp(Z.real, axis=1) + np.ptp(Z.imag, axis=1) == 0
    if np.any(flat):
        raise InputError(f"{where}: the trace is constant ({'all zero' if not np.any(Z[flat]) else 'one value'}): "
                         "nothing to fit; check the file and --port")
    return np.maximum(sigma, 1e-15 * np.max(np.abs(Z), axis=1))


def _excess(f, z, tau, sigma):
    """Largest 3-point-averaged departure of the delay-corrected trace from a linear complex background, in units
    of the averaged noise σ/√3 (a resonance stands > DETECTION_SIGMA above it; pure noise ≈ 2)."""
    zd = z * np.exp(2j * np.pi * f * tau)
    A = np.column_stack([np.ones_like(f), (f - f.mean()) / np.ptp(f)])
    smooth = np.convolve(zd - A @ np.linalg.lstsq(A, zd, rcond=None)[0], np.ones(3) / 3, mode="valid")
    return float(np.max(np.abs(smooth))) / (sigma / math.sqrt(3))


def fit_batch(f_Hz, traces, model: str, *, delay_s: Optional[float] = None, where: str = "data"):
    """Best θ for each trace (rows of ``traces``, one frequency grid) with ``model``: the grid of starts of
    ``_starts`` then Levenberg–Marquardt from the 4 best. Returns dict(theta, cost, sigma, fr, free, model)."""
    f, Z = np.asarray(f_Hz, float), np.atleast_2d(np.asarray(traces, complex))
    sigma = _check(f, Z, where)
    starts = [_starts(f, z, model, s, delay_s, where) for z, s in zip(Z, sigma)]
    K = min(len(s) for s in starts)
    theta0 = np.concatenate([s[:K] for s in starts])
    fr, (c0, g), free = 0.5 * (f[0] + f[-1]), _SHAPE[model], _free(model, delay_s is not None)
    trace = np.repeat(np.arange(Z.shape[0]), K)

    def fun(th, rows):
        M, D = _model(f, fr, th, c0, g)
        return M - Z[trace[rows]], D

    theta, cost, _ = levenberg_marquardt(fun, theta0, free)
    best = np.argmin(np.where(np.isfinite(cost), cost, np.inf).reshape(-1, K), axis=1) + np.arange(Z.shape[0]) * K
    return dict(theta=theta[best], cost=cost[best], sigma=sigma, fr=fr, free=free, model=model, f=f, Z=Z,
                where=where)


def _fun_for(fit):
    f, Z, fr, (c0, g) = fit["f"], fit["Z"], fit["fr"], _SHAPE[fit["model"]]

    def fun(th, rows):
        M, D = _model(f, fr, th, c0, g)
        return M - Z[rows], D
    return fun


#: quantities with a profile interval: (θ = Tφ, index of the quantity in φ); 1/Q_l = 1/Q_i + 1/Q_c
_Q_LOADED = np.eye(8)
_Q_LOADED[1, 2] = -1.0  # φ = (f0, 1/Q_l, 1/Q_c, …): 1/Q_i = φ1 − φ2
QUANTITIES = {"f0": (np.eye(8), 0), "inv_Q_internal": (np.eye(8), 1), "inv_Q_coupling": (np.eye(8), 2),
              "inv_Q_loaded": (_Q_LOADED, 1)}


def intervals(fit) -> dict:
    """Profile-likelihood offsets for each trace of a ``fit_batch`` result: {quantity: (B, 2) 68 % offsets} plus
    ``inv_Q_internal_95`` (B, 2) (lower: two-sided 95 %, upper: one-sided 95 %) and the Wald ``cov`` (B, 8, 8)."""
    fun, th, free = _fun_for(fit), fit["theta"], fit["free"]
    B, m = fit["Z"].shape
    s2 = fit["cost"] / (2 * m - free.sum())
    _, D = fun(th, np.arange(B))
    cov = covariance(D, free, s2)
    names = list(QUANTITIES)
    sig = np.stack([np.sqrt(np.maximum(np.einsum("i,bij,j->b", c, cov, c), 1e-300))
                    for c in (np.eye(8)[0], np.eye(8)[1], np.eye(8)[2], np.eye(8)[1] + np.eye(8)[2])], axis=1)
    levels = [(q, side, LEVEL_68) for q in range(4) for side in (-1, 1)]
    levels += [(1, -1, LEVEL_95), (1, 1, LEVEL_95_ONE)]
    off = profile_offsets(fun, th, fit["cost"], s2, free, [QUANTITIES[n] for n in names], sig, levels)
    out = {n: off[:, 2 * q:2 * q + 2] for q, n in enumerate(names)}
    out.update(inv_Q_internal_95=off[:, 8:10], cov=cov, s2=s2)
    return out
