"""Fit a measured resonance: the model chosen from the data, honest intervals, and a fit that judges itself.

The model, its parameters and the batched fit are ``superind.fit.resonator_model`` (Probst et al., Rev. Sci.
Instrum. 86, 024706 (2015)). Here each fit becomes a :class:`ResonatorFit`:

* f0, Q_l, 1/Q_i and 1/Q_c carry 68 % profile-likelihood intervals (``std`` is half their width). When the
  two-sided 95 % interval of 1/Q_i reaches 0 the internal loss is not resolved: Q_internal is None and
  ``Q_internal_lower_95`` (from the one-sided 95 % bound of 1/Q_i) is the answer, with one line saying why.
* The fit fails (FitFailed, exit 1) with its reason when the result is unphysical: f0 outside the data, 1/Q_i
  below 0 at 95 %, a negative Q_c or Q_l, or a residual FAIL_RMS_RATIO times the point-to-point noise.
* The models that the port allows (S_ij: notch and transmission, S_ii: reflection) are all fitted; "auto" takes
  the best, and a requested model that fits much worse than another is refused. Notch and reflection circles
  have the same shape, so the data cannot tell them apart: the port decides, and the other reading is stated.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Optional

import numpy as np

from ..errors import InputError
from . import FitFailed
from .resonator_model import (DETECTION_SIGMA, FAIL_RMS_RATIO, MODELS, MUCH_BETTER_CHI2, MUCH_BETTER_RMS,
                              _excess, fit_batch, intervals, resonator_s)
from .traces import ResonatorData, check_port, load_trace


@dataclass(frozen=True)
class ResonatorFit:
    """One fitted resonance (SI; Q's dimensionless). ``Q_internal`` is None when 1/Q_i is consistent with 0 at
    95 % (then ``Q_internal_lower_95`` bounds it); ``intervals`` holds 68 % profile-likelihood intervals;
    ``params`` = (f0, Q_l, |Q_c|, φ, a, α, τ, b, f_ref) for :func:`resonator_s`; ``failure`` says why an
    unphysical fit (batch use) would exit 1."""

    model: str
    f0_Hz: float
    Q_loaded: float
    Q_internal: Optional[float]
    Q_coupling: float
    phi_rad: float
    delay_s: float
    inverse_Q_internal: float
    Q_internal_lower_95: Optional[float]
    std: dict
    intervals: dict
    params: tuple
    noise_sigma: float
    residual_rms: float
    n_points: int
    delay_fitted: bool = True
    models_rms: dict = field(default_factory=dict)
    failure: Optional[str] = None
    warnings: tuple = field(default=())

    def s_model(self, f_Hz) -> np.ndarray:
        *p, slope, f_ref = self.params
        return resonator_s(f_Hz, *p, model=self.model, slope=slope, f_ref_Hz=f_ref)

    def to_dict(self) -> dict:
        """JSON keys: f0_Hz, Q_loaded, Q_internal (null when undetermined), Q_coupling, phi_rad, delay_s with
        ``<key>_std`` and ``<key>_interval_68``; inverse_Q_internal, Q_internal_lower_95, background and fit
        quality."""
        out = {"model": self.model}
        for k in ("f0_Hz", "Q_loaded", "Q_internal", "Q_coupling", "phi_rad", "delay_s"):
            out[k], out[f"{k}_std"] = getattr(self, k), self.std.get(k)
        for k, v in self.intervals.items():
            out[f"{k}_interval_68"] = list(v)
        out.update(inverse_Q_internal=self.inverse_Q_internal, Q_internal_lower_95=self.Q_internal_lower_95,
                   delay_fitted=self.delay_fitted, amplitude=self.params[4], alpha_rad=self.params[5],
                   background_slope=self.params[7], noise_rms=self.noise_sigma, residual_rms=self.residual_rms,
                   residual_over_noise=self.residual_rms / self.noise_sigma, n_points=self.n_points,
                   models_rms=self.models_rms, warnings=list(self.warnings))
        return out


def _result(fb, iv, b, models_rms=None) -> ResonatorFit:
    """The ResonatorFit of trace ``b`` of a fit_batch result ``fb`` with its ``intervals`` ``iv``."""
    f, model = fb["f"], fb["model"]
    f0, ui, uc, v, a, al, tau, slope = (float(x) for x in fb["theta"][b])
    sigma, cov = float(fb["sigma"][b]), iv["cov"][b]
    rms = math.sqrt(float(fb["cost"][b]) / f.size)
    ul = ui + uc
    off = {k: iv[k][b] for k in ("f0", "inv_Q_internal", "inv_Q_coupling", "inv_Q_loaded")}
    lo95, hi95 = ui + iv["inv_Q_internal_95"][b]
    failure, warnings = None, []
    if not f[0] <= f0 <= f[-1]:
        failure = (f"the fit puts f0 at {f0 / 1e9:.6g} GHz, outside the data ({f[0] / 1e9:.6g}–{f[-1] / 1e9:.6g} "
                   "GHz); widen or recentre the band")
    elif ul <= 0 or uc <= 0:
        failure = (f"unphysical {model} fit: 1/Q_l = {ul:.3g}, 1/Q_c = {uc:.3g} (a negative Q); check --model and "
                   "--port")
    elif rms > FAIL_RMS_RATIO * sigma:
        failure = (f"the {model} model does not describe the data: residual rms {rms:.3g} is {rms / sigma:.0f}× the "
                   "point-to-point noise (a second resonance, a distorted line shape, or another model?)")
    elif hi95 < 0:
        failure = (f"1/Q_i = {ui:.3g} is negative at 95 % (upper bound {hi95:.3g}): the background or the model "
                   f"is wrong (a notch circle wider than its off-resonant point allows); check --model")
    if rms > 2 * sigma and failure is None:
        warnings.append(f"residual rms is {rms / sigma:.1f}× the point-to-point noise: the {model} model leaves "
                        "structure (background ripple, a distorted line shape?); intervals are scaled by it")
    q = lambda u: 1 / u if u > 0 else math.inf
    inv_iv = lambda k, c: (c + off[k][0], c + off[k][1])
    ints = {"f0_Hz": inv_iv("f0", f0), "inverse_Q_internal": inv_iv("inv_Q_internal", ui)}
    for key, k, c in (("Q_loaded", "inv_Q_loaded", ul), ("Q_coupling", "inv_Q_coupling", uc)):
        lo, hi = inv_iv(k, c)
        ints[key] = (q(hi), q(lo))
    determined = lo95 > 0 and ui > 0
    lower_95 = q(hi95) if hi95 > 0 else None
    if determined:
        lo, hi = ints["inverse_Q_internal"]
        ints["Q_internal"] = (q(hi), q(lo))
    elif failure is None:
        why = ("over-coupled: the internal loss is a small part of the linewidth" if lower_95 and lower_95 > 3 / uc
               else "near critical coupling, the internal and coupling losses trade off against the background")
        warnings.append(f"Q_i is undetermined: 1/Q_i = {ui:.3g} is consistent with 0 ({why}); Q_i > "
                        f"{lower_95:.4g} (95 %)")
    half = lambda k: abs(ints[k][1] - ints[k][0]) / 2 if k in ints else None
    gphi = np.zeros(8)
    gphi[2:4] = -v / (uc**2 + v**2), uc / (uc**2 + v**2)
    std = {"f0_Hz": half("f0_Hz"), "Q_loaded": half("Q_loaded"), "Q_coupling": half("Q_coupling"),
           "Q_internal": half("Q_internal"), "phi_rad": float(math.sqrt(max(gphi @ cov @ gphi, 0.0))),
           "delay_s": float(math.sqrt(max(cov[6, 6], 0.0)))}
    if model == "transmission":
        std["phi_rad"] = None
        warnings.append("transmission: Q_coupling assumes |S21| calibrated at the resonator and symmetric ports")
    width, step = f0 * ul, float(np.median(np.diff(f)))
    if width < 3 * step:
        warnings.append(f"linewidth f0/Q_l = {width:.3g} Hz is < 3 frequency steps: measure with a finer step")
    if width > np.ptp(f) / 3:
        warnings.append("the band covers fewer than 3 linewidths: background and Q's are correlated; widen the band")
    qc_abs = 1 / math.hypot(uc, v)
    fr = fb["fr"]
    params = (f0, 1 / ul if ul > 0 else math.inf, qc_abs, math.atan2(v, uc), a,
              math.remainder(al + 2 * math.pi * fr * tau, 2 * math.pi), tau, slope, fr)
    return ResonatorFit(model, f0, 1 / ul if ul > 0 else math.inf, 1 / ui if determined else None, 1 / uc,
                        math.atan2(v, uc), tau, ui, lower_95, std, {k: tuple(map(float, v)) for k, v in ints.items()},
                        params, sigma, rms, int(f.size), bool(fb["free"][6]), dict(models_rms or {}), failure,
                        tuple(warnings))


def fit_resonators(f_Hz, traces, model: str = "notch", *, delay_s: Optional[float] = None,
                   where: str = "data") -> list[ResonatorFit]:
    """Fit every row of ``traces`` (one frequency grid) with ``model``, as one batch; unphysical fits are
    returned with ``failure`` set (no model comparison: see :func:`fit_resonator`)."""
    if model not in MODELS:
        raise InputError(f"--model '{model}': choose auto or one of {', '.join(MODELS)}")
    fb = fit_batch(f_Hz, traces, model, delay_s=delay_s, where=where)
    iv = intervals(fb)
    return [_result(fb, iv, b) for b in range(fb["Z"].shape[0])]


def fit_resonator(f_Hz, s, model: str = "auto", *, port: str = "21", delay_s: Optional[float] = None,
                  where: str = "data") -> ResonatorFit:
    """Fit one trace; ``model`` "auto" (the best of those the port allows), "notch", "reflection" or
    "transmission"; ``delay_s`` fixes the cable delay (else fitted). InputError: bad input or no resonance;
    FitFailed: the requested model fits much worse than another, or the result is unphysical."""
    port = check_port(port)
    if model != "auto" and model not in MODELS:
        raise InputError(f"--model '{model}': choose auto or one of {', '.join(MODELS)}")
    allowed = ["reflection"] if port[0] == port[1] else ["notch", "transmission"]
    tried = allowed + ([model] if model not in allowed + ["auto"] else [])
    fits = {m: fit_batch(f_Hz, s, m, delay_s=delay_s, where=where) for m in tried}
    n = fits[tried[0]]["f"].size
    rms = {m: math.sqrt(float(fb["cost"][0]) / n) for m, fb in fits.items()}
    best = min(tried, key=lambda m: rms[m])
    chosen = best if model == "auto" else model
    fb = fits[chosen]
    sigma = float(fb["sigma"][0])
    if _excess(fb["f"], fb["Z"][0], fb["theta"][0, 6], sigma) < DETECTION_SIGMA:
        f = fb["f"]
        raise InputError(f"{where}: no resonance found between {f[0] / 1e9:.6g} and {f[-1] / 1e9:.6g} GHz (nothing "
                         f"stands {DETECTION_SIGMA:g}σ above the background); check the band and --port")
    s2 = float(fits[best]["cost"][0]) / (2 * n - fits[best]["free"].sum())
    chi2 = (float(fb["cost"][0]) - float(fits[best]["cost"][0])) / s2
    warnings = []
    if chosen != best and chi2 > MUCH_BETTER_CHI2 and rms[chosen] > MUCH_BETTER_RMS * rms[best]:
        raise FitFailed(f"{where}: the {chosen} model fits much worse than {best} (rms {rms[chosen]:.3g} against "
                        f"{rms[best]:.3g}); use --model {best} (or auto)")
    if chosen != best and chi2 > 9:
        warnings.append(f"the {best} model fits better than {chosen} (Δχ² = {chi2:.0f}); check --model")
    result = _result(fb, intervals(fb), 0, rms)
    from .nonlinear import diagnose

    shape = diagnose(fb["f"], fb["Z"][0], sigma, result) if math.isfinite(result.Q_loaded) else []
    if result.failure:
        raise FitFailed(f"{where}: {result.failure}" + (f"; {shape[0]}" if shape else ""))
    warnings += shape
    if (chosen == "reflection") == (port[0] != port[1]) and chosen != "transmission":
        other = "notch" if chosen == "reflection" else "reflection"
        uc = 1 / result.Q_coupling * (2 if other == "notch" else 0.5)
        alt = 1 / (1 / result.Q_loaded - uc)
        warnings.append(f"a {other} circle has the same shape as a {chosen} one: read as {other}, the same data give "
                        f"Q_c = {1 / uc:.4g} and Q_i = {alt:.4g}; S{port} is normally measured as "
                        f"{'a reflection' if port[0] == port[1] else 'a notch or transmission'}")
    return replace(result, warnings=tuple(warnings) + result.warnings)


def fit_file(path, port: str = "21", model: str = "auto", delay_s: Optional[float] = None
             ) -> tuple[ResonatorFit, ResonatorData]:
    """Read S_port of a Touchstone or CSV file (``superind.fit.traces``) and fit it; returns the fit and data."""
    d = load_trace(path, port)
    return fit_resonator(d.f_Hz, d.s, model, port=d.port, delay_s=delay_s, where=d.source), d


#: the name of earlier versions (it reads CSV files too)
fit_touchstone = fit_file


def plot_resonator(result: ResonatorFit, data: ResonatorData):
    """|S| (dB) vs frequency and the IQ circle, data and fit: a matplotlib Figure (Agg canvas, no pyplot)."""
    from matplotlib.figure import Figure

    f, z = data.f_Hz, data.s
    m = result.s_model(fine := np.linspace(f[0], f[-1], max(2000, f.size)))
    fig = Figure(figsize=(10, 4), layout="constrained")
    ax1, ax2 = fig.subplots(1, 2)
    ax1.plot(f / 1e9, 20 * np.log10(np.abs(z)), ".", ms=3, label="data")
    ax1.plot(fine / 1e9, 20 * np.log10(np.abs(m)), "-", label=f"{result.model} fit")
    qi = f"{result.Q_internal:.4g}" if result.Q_internal else f"> {result.Q_internal_lower_95:.3g}"
    ax1.set(xlabel="frequency [GHz]", ylabel=f"|S{data.port}| [dB]",
            title=f"f0 = {result.f0_Hz / 1e9:.9g} GHz, Q_i = {qi}, Q_c = {result.Q_coupling:.4g}")
    ax1.legend()
    ax2.plot(z.real, z.imag, ".", ms=3)
    ax2.plot(m.real, m.imag, "-")
    ax2.set(xlabel=f"Re S{data.port}", ylabel=f"Im S{data.port}", aspect="equal", title="IQ plane")
    return fig
