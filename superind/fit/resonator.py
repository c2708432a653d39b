"""Fit a microwave resonator's S-parameter (Touchstone, via scikit-rf) for f0, Q's, φ and cable delay.

    S(f) = a e^{iα} e^{−2πifτ} [c0 + s (Q_l/|Q_c|) e^{iφ} / (1 + 2iQ_l (f/f0 − 1))]
    notch (hanger): c0 = 1, s = −1;  reflection: c0 = 1, s = −2;  transmission: c0 = 0, s = +1, φ = 0, a = 1
    Q_c = 1/Re(1/Q̂_c) = |Q_c|/cos φ  (Q̂_c = |Q_c|e^{−iφ}, the diameter correction),  1/Q_i = 1/Q_l − 1/Q_c

Probst et al., Rev. Sci. Instrum. 86, 024706 (2015), eqs. (1)–(3); their circle fit (delay, circle, phase vs f,
off-resonant point) gives the initial guess, then one complex least-squares fit of the full model (Re, Im stacked)
gives the values and the covariance s²(JᵀJ)⁻¹ (delta method for Q_i, Q_c). Transmission assumes |S21| calibrated at
the resonator (a = 1) and symmetric ports: Q_c is the total external Q.

The resonator's geometry (f0 → L_k,□) is ``superind.fit.geometry``. Theory and worked numbers: docs/theory/fits.md.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.optimize import least_squares, minimize_scalar

from ..errors import InputError
from . import FitFailed, scaled_covariance

MODELS = ("notch", "reflection", "transmission")
_SHAPE = {"notch": (1.0, -1.0), "reflection": (1.0, -2.0), "transmission": (0.0, 1.0)}
_FREE = {"notch": np.ones(7, bool), "reflection": np.ones(7, bool),
         "transmission": np.array([1, 1, 1, 0, 0, 1, 1], bool)}  # φ = 0 and a = 1 fixed
#: a resonance must stand this many (3-point-averaged) noise σ above a smooth background
DETECTION_SIGMA = 5.0


@dataclass(frozen=True)
class ResonatorData:
    """Measured complex S-parameter ``s`` at ``f_Hz`` (ascending), S_``port`` of ``source`` (a file or "array")."""

    f_Hz: np.ndarray
    s: np.ndarray
    port: str = "21"
    source: str = "array"


def load_touchstone(path, port: str = "21") -> ResonatorData:
    """Read S_ij (``port`` = "ij", 1-based) from a Touchstone file with scikit-rf (any frequency unit → Hz)."""
    import skrf

    p, port = Path(path), str(port)
    if len(port) != 2 or not port.isdigit() or "0" in port:
        raise InputError(f"--port '{port}': give two 1-based port digits, e.g. 21 (S21) or 11 (S11)")
    if not p.is_file():
        raise InputError(f"Touchstone file {p} does not exist")
    try:
        net = skrf.Network(str(p))
    except Exception as exc:  # scikit-rf raises assorted errors on malformed files
        why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{p}: not a readable Touchstone file ({why})") from None
    i, j = int(port[0]), int(port[1])
    if max(i, j) > net.nports:
        raise InputError(f"{p}: S{port} needs {max(i, j)} ports but the file has {net.nports} "
                         f"(choose --port {'11' if net.nports == 1 else '21'})")
    s = net.s[:, i - 1, j - 1]
    return ResonatorData(check_trace(net.f, s, str(p)), s, port, str(p))


def check_trace(f_Hz, s, where: str) -> np.ndarray:
    """Frequencies must be finite, positive and strictly ascending, and S finite (InputError naming rows)."""
    f_Hz, s = np.asarray(f_Hz, float), np.asarray(s, complex)
    bad = np.flatnonzero(~np.isfinite(f_Hz) | ~np.isfinite(s))
    if bad.size:
        raise InputError(f"{where}: {bad.size} NaN/infinite value(s) (first at point {bad[0] + 1}); "
                         "remove or re-measure those points")
    if np.any(np.diff(f_Hz) <= 0) or f_Hz[0] <= 0:
        raise InputError(f"{where}: frequencies must be positive and strictly increasing")
    return f_Hz


def resonator_s(f_Hz, f0_Hz, Q_loaded, Q_c_abs, phi_rad=0.0, amplitude=1.0, alpha_rad=0.0, delay_s=0.0,
                model: str = "notch") -> np.ndarray:
    """The model S(f) of the module docstring (Probst et al. 2015, eq. 1 and its reflection/transmission forms)."""
    return _model_and_jac(np.asarray(f_Hz, float), np.array([f0_Hz, Q_loaded, Q_c_abs, phi_rad, amplitude,
                                                             alpha_rad, delay_s], float), model, jac=False)


def _model_and_jac(f, p, model, jac=True):
    f0, ql, qc, phi, a, alpha, tau = p
    c0, sgn = _SHAPE[model]
    g = 1.0 / (1.0 + 2j * ql * (f - f0) / f0)
    k = sgn * np.exp(1j * phi) / qc
    b = c0 + k * ql * g
    pre = a * np.exp(1j * (alpha - 2 * np.pi * f * tau))
    m = pre * b
    if not jac:
        return m
    d = np.empty((f.size, 7), complex)
    d[:, 0] = pre * k * ql * 2j * ql * f / f0**2 * g**2
    d[:, 1] = pre * k * (g - 2j * ql * (f - f0) / f0 * g**2)
    d[:, 2] = -pre * k * ql * g / qc
    d[:, 3] = 1j * pre * k * ql * g
    d[:, 4] = m / a
    d[:, 5] = 1j * m
    d[:, 6] = -2j * np.pi * f * m
    return m, d


# ------------------------------------------------------------------------------------------ initial guess

def _kasa(z):
    """Algebraic (Kåsa) circle through the points: centre, radius, and the relative rms of |z − centre| − r."""
    A = np.column_stack([z.real, z.imag, np.ones(z.size)])
    (cx2, cy2, c), *_ = np.linalg.lstsq(A, np.abs(z) ** 2, rcond=None)
    zc = complex(cx2 / 2, cy2 / 2)
    r = math.sqrt(max(c + abs(zc) ** 2, 1e-300))
    return zc, r, float(np.sqrt(np.mean((np.abs(z - zc) - r) ** 2))) / r


def _delay(f, z, sigma):
    """Cable delay: minus the mean phase slope of the outer 10 % of points at each end (off resonance)/2π; when the
    ends carry no signal (transmission), the τ within ±300 ns that makes e^{2πifτ}S(f) most circular (Probst 2015)."""
    n = max(3, f.size // 10)
    if np.all(np.abs(np.r_[z[:n], z[-n:]]) > 5 * sigma):
        ph = np.unwrap(np.angle(z))
        return -float(np.mean([np.polyfit(f[sl], ph[sl], 1)[0] for sl in (slice(0, n), slice(-n, None))])) / (2 * np.pi)
    half = max(0.5 / np.ptp(f), 300e-9)
    grid = np.linspace(-half, half, int(2 * half * np.ptp(f) * 20) + 1)
    badness = lambda tau: _kasa(z * np.exp(2j * np.pi * f * tau))[2]
    best, step = grid[np.argmin([badness(t) for t in grid])], grid[1] - grid[0]
    return float(minimize_scalar(badness, bounds=(best - step, best + step), method="bounded").x)


def noise_sigma(z) -> float:
    """Per-point complex noise σ (E|n|² = σ²) from second differences, robust to the resonance and blind to a slow
    background: median |z_{k+1} − 2z_k + z_{k−1}|² = 6σ² ln 2 for complex Gaussian noise."""
    d2 = z[2:] - 2 * z[1:-1] + z[:-2]
    return math.sqrt(float(np.median(np.abs(d2) ** 2)) / (6 * math.log(2)))


def _resonance_excess(f, z, sigma):
    """Largest 3-point-averaged departure of the delay-corrected trace from a linear complex background, in units
    of the averaged noise σ/√3 (a resonance stands > DETECTION_SIGMA above it, pure noise ≈ 2)."""
    A = np.column_stack([np.ones_like(f), (f - f.mean()) / np.ptp(f)])
    smooth = np.convolve(z - A @ np.linalg.lstsq(A, z, rcond=None)[0], np.ones(3) / 3, mode="valid")
    return float(np.max(np.abs(smooth))) / (sigma / math.sqrt(3))


def _guess(f, z, model, tau):
    zd = z * np.exp(2j * np.pi * f * tau)
    zc, r, _ = _kasa(zd)
    rel = zd - zc
    theta = np.unwrap(np.angle(rel))
    speed = np.abs(np.gradient(np.convolve(theta, np.ones(3) / 3, mode="same"), f))
    k = int(np.argmax(speed[1:-1])) + 1
    far = np.flatnonzero(np.abs(theta - theta[k]) >= np.pi / 2)
    left, right = far[far < k], far[far > k]
    fwhm = (f[right[0]] if right.size else f[-1]) - (f[left[-1]] if left.size else f[0])
    ql0 = f[k] / max(fwhm, 2 * np.median(np.diff(f)))
    ph = least_squares(lambda q: theta - q[0] - 2 * np.arctan(2 * q[1] * (1 - f / q[2])),
                       [theta[k], ql0, f[k]], x_scale=[1.0, ql0, f[k] / ql0], method="lm")
    theta0, ql, fr = ph.x
    ql = abs(ql)
    if model == "transmission":
        on = zc + r * np.exp(1j * theta0)  # resonant point = e^{iα} Q_l/Q_c
        return np.array([fr, ql, ql / max(abs(on), 1e-12), 0.0, 1.0, np.angle(on), tau])
    off = zc - r * np.exp(1j * theta0)  # off-resonant point = a e^{iα}
    zcn, rn = zc / off, r / abs(off)
    phi = -math.asin(float(np.clip(zcn.imag / rn, -1, 1)))
    qc = ql / (2 * rn) if model == "notch" else ql / rn  # diameter 2r_n = Q_l/|Q_c| (notch), 2Q_l/|Q_c| (reflection)
    return np.array([fr, ql, qc, phi, abs(off), np.angle(off), tau])


# ------------------------------------------------------------------------------------------ the fit

@dataclass(frozen=True)
class ResonatorFit:
    """Fitted resonator: f0 [Hz], Q_loaded, Q_internal, Q_coupling (= 1/Re(1/Q̂_c)), φ [rad], delay [s], with
    1σ in ``std``; ``params`` are the model's (f0, Q_l, |Q_c|, φ, a, α, τ) for :func:`resonator_s`."""

    model: str
    f0_Hz: float
    Q_loaded: float
    Q_internal: float
    Q_coupling: float
    phi_rad: float
    delay_s: float
    std: dict
    params: tuple
    noise_sigma: float
    residual_rms: float
    n_points: int
    warnings: tuple = field(default=())

    def s_model(self, f_Hz) -> np.ndarray:
        return resonator_s(f_Hz, *self.params, model=self.model)

    def to_dict(self) -> dict:
        """JSON keys: f0_Hz, Q_loaded, Q_internal, Q_coupling, phi_rad, delay_s and each ``<key>_std``."""
        out = {"model": self.model}
        for k in ("f0_Hz", "Q_loaded", "Q_internal", "Q_coupling", "phi_rad", "delay_s"):
            out[k], out[f"{k}_std"] = getattr(self, k), self.std[k]
        out.update(amplitude=self.params[4], alpha_rad=self.params[5], noise_rms=self.noise_sigma,
                   residual_rms=self.residual_rms, n_points=self.n_points, warnings=list(self.warnings))
        return out


def fit_resonator(f_Hz, s, model: str = "notch", where: str = "data") -> ResonatorFit:
    """Fit S(f) with the ``model`` ("notch", "reflection", "transmission") of the module docstring.

    Initial guess by the Probst et al. (2015) circle fit, then a complex least-squares fit of all parameters
    (scipy ``least_squares``, Levenberg–Marquardt, analytic Jacobian); covariance scaled by the residual variance.
    InputError for bad input or no resonance in band; FitFailed if the fit does not converge.
    """
    if model not in MODELS:
        raise InputError(f"--model '{model}': choose one of {', '.join(MODELS)}")
    f = check_trace(f_Hz, s, where)
    z = np.asarray(s, complex)
    free = _FREE[model]
    need = 2 * int(free.sum()) + 1
    if f.size < need:
        raise InputError(f"{where}: {f.size} frequency points; the {model} model has {int(free.sum())} parameters: "
                         f"measure at least {need} points across the resonance")
    sigma = noise_sigma(z)
    tau = _delay(f, z, sigma)
    if not _resonance_excess(f, z * np.exp(2j * np.pi * f * tau), sigma) > DETECTION_SIGMA:
        raise InputError(f"{where}: no resonance found between {f[0] / 1e9:.6g} and {f[-1] / 1e9:.6g} GHz "
                         f"(nothing stands {DETECTION_SIGMA:g}σ above the background); check the band and --port")
    try:
        p0 = _guess(f, z, model, tau)
    except (ValueError, np.linalg.LinAlgError) as exc:
        raise FitFailed(f"{where}: the circle-fit initial guess failed ({exc})") from None
    scale = np.array([p0[0] / p0[1], p0[1], p0[2], 1.0, p0[4], 1.0, 1 / (2 * np.pi * np.ptp(f))])[free]

    def full(q):
        p = p0.copy()
        p[free] += scale * q
        return p

    def resid(q):
        r = _model_and_jac(f, full(q), model, jac=False) - z
        return np.concatenate([r.real, r.imag])

    def jac(q):
        d = _model_and_jac(f, full(q), model)[1][:, free] * scale
        return np.concatenate([d.real, d.imag])

    with np.errstate(all="ignore"):
        sol = least_squares(resid, np.zeros(free.sum()), jac=jac, method="lm", xtol=1e-12, ftol=1e-12,
                            max_nfev=200 * free.sum())
    p = full(sol.x)
    p[5] = math.remainder(p[5], 2 * math.pi)  # α in (−π, π]; it absorbs 2πfτ mod 2π
    if sol.status <= 0 or not np.all(np.isfinite(p)) or p[1] <= 0 or p[2] <= 0:
        raise FitFailed(f"{where}: the {model} fit did not converge ({sol.message}); check --model and the band")
    if not f[0] <= p[0] <= f[-1]:
        raise InputError(f"{where}: no resonance inside {f[0] / 1e9:.6g}–{f[-1] / 1e9:.6g} GHz (the fit puts it at "
                         f"{p[0] / 1e9:.6g} GHz); widen or recentre the band")
    cov_q = scaled_covariance(jac(sol.x), sol.fun, f"{where}: {model} fit")
    cov = np.zeros((7, 7))
    cov[np.ix_(free, free)] = cov_q * np.outer(scale, scale)
    return _result(model, f, p, cov, sigma, float(np.sqrt(np.mean(sol.fun**2) * 2)))


def _result(model, f, p, cov, sigma, rms):
    f0, ql, qc_abs, phi = p[:4]
    u = 1 / ql - math.cos(phi) / qc_abs  # 1/Q_i
    grads = {"f0_Hz": [1, 0, 0, 0], "Q_loaded": [0, 1, 0, 0], "phi_rad": [0, 0, 0, 1],  # d/d(f0, Q_l, |Q_c|, φ)
             "Q_coupling": [0, 0, 1 / math.cos(phi), qc_abs * math.sin(phi) / math.cos(phi) ** 2],
             "Q_internal": [0, 1 / (ql * u) ** 2, -math.cos(phi) / (qc_abs * u) ** 2, -math.sin(phi) / qc_abs / u**2]}
    std = {k: float(math.sqrt(max(np.asarray(g) @ cov[:4, :4] @ np.asarray(g), 0.0))) for k, g in grads.items()}
    std["delay_s"] = float(math.sqrt(cov[6, 6]))
    if model == "transmission":
        std["phi_rad"] = math.nan  # fixed at 0, not fitted
    warnings = []
    width, step = f0 / ql, float(np.median(np.diff(f)))
    if width < 3 * step:
        warnings.append(f"linewidth f0/Q_l = {width:.3g} Hz is < 3 frequency steps: measure with a finer step")
    if width > (f[-1] - f[0]) / 3:
        warnings.append("the band covers fewer than 3 linewidths: background and Q's are correlated; widen the band")
    if u <= 0:
        warnings.append("Q_internal is negative (1/Q_l < 1/Q_c): the data do not resolve the internal loss")
    if rms > 2 * sigma:
        warnings.append(f"residual rms {rms:.3g} is {rms / sigma:.1f}× the point-to-point noise: the {model} model "
                        "does not describe the data (other --model, a second resonance, or a sloped background?)")
    if model == "transmission":
        warnings.append("transmission: Q_coupling assumes |S21| calibrated at the resonator and symmetric ports")
    return ResonatorFit(model, float(f0), float(ql), float(1 / u), float(qc_abs / math.cos(phi)), float(phi),
                        float(p[6]), std, tuple(float(x) for x in p), sigma, rms, int(f.size), tuple(warnings))


def fit_touchstone(path, port: str = "21", model: str = "notch") -> tuple[ResonatorFit, ResonatorData]:
    """Read S_port of a Touchstone file (scikit-rf) and fit it; returns the fit and the data."""
    d = load_touchstone(path, port)
    return fit_resonator(d.f_Hz, d.s, model, where=f"{d.source} S{d.port}"), d


def plot_resonator(result: ResonatorFit, data: ResonatorData):
    """|S| (dB) vs frequency and the IQ circle, data and fit; returns the matplotlib Figure."""
    import matplotlib.pyplot as plt

    f, z = data.f_Hz, data.s
    m = result.s_model(fine := np.linspace(f[0], f[-1], max(2000, f.size)))
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4), constrained_layout=True)
    ax1.plot(f / 1e9, 20 * np.log10(np.abs(z)), ".", ms=3, label="data")
    ax1.plot(fine / 1e9, 20 * np.log10(np.abs(m)), "-", label=f"{result.model} fit")
    ax1.set(xlabel="frequency [GHz]", ylabel=f"|S{data.port}| [dB]",
            title=f"f0 = {result.f0_Hz / 1e9:.9g} GHz, Q_i = {result.Q_internal:.4g}, Q_c = {result.Q_coupling:.4g}")
    ax1.legend()
    ax2.plot(z.real, z.imag, ".", ms=3)
    ax2.plot(m.real, m.imag, "-")
    ax2.set(xlabel=f"Re S{data.port}", ylabel=f"Im S{data.port}", aspect="equal", title="IQ plane")
    return fig
