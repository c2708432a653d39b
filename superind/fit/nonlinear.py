"""Line shapes the linear resonator model cannot describe: a bifurcated (jumping) or Kerr-distorted resonance.

A kinetic-inductance resonator driven near its bifurcation power shifts its resonance with the stored energy:
the detuning y = Q_l(f − f_r(E))/f_r obeys y = y0 + a/(1 + 4y²) with y0 the generator detuning and a the
nonlinearity; above a = 4√3/9 ≈ 0.77 the response is multi-valued and a sweep jumps between branches (Swenson et
al., J. Appl. Phys. 113, 104501 (2013)). A jump is a step between neighbouring points far larger than the noise
and than the steps on either side; a distortion short of a jump is a residual of the linear fit that is
antisymmetric about f_r (the Lorentzian is dragged to one side).
"""
from __future__ import annotations

import math

import numpy as np

#: a jump: a step this many times the point-to-point noise and this many times both neighbouring steps
JUMP_SIGMA, JUMP_RATIO = 10.0, 4.0
#: an antisymmetry score above this marks a Kerr-distorted line (noise alone gives ≈ 0.03; a = 0.2 gives ≈ 0.5)
ASYMMETRY = 0.3
#: the nonlinearity at which the response becomes multi-valued (Swenson et al. 2013)
A_BIFURCATION = 4 * math.sqrt(3) / 9


def find_jump(f_Hz, s, sigma: float):
    """The frequency [Hz] of a bifurcation jump in the trace (midpoint of the step), or None."""
    step = np.abs(np.diff(np.asarray(s, complex)))
    if step.size < 5:
        return None
    k = int(np.argmax(step[1:-1])) + 1
    neighbours = max(step[k - 1], step[k + 1])
    if step[k] > JUMP_SIGMA * math.sqrt(2) * sigma and step[k] > JUMP_RATIO * neighbours:
        return float(0.5 * (f_Hz[k] + f_Hz[k + 1]))
    return None


def asymmetry(f_Hz, residual, f0_Hz: float, linewidth_Hz: float) -> float:
    """How antisymmetric a residual (|S| − |S_fit|) is about f0 within ±3 linewidths: |Σ sign(f − f0) r|/Σ|r|
    (≈ 0 for noise, towards 1 for a Lorentzian dragged to one side)."""
    near = np.abs(np.asarray(f_Hz) - f0_Hz) < 3 * linewidth_Hz
    r = np.asarray(residual)[near]
    if r.size < 6:
        return 0.0
    sgn = np.sign(np.asarray(f_Hz)[near] - f0_Hz)
    return float(np.abs(np.sum(sgn * r)) / max(np.sum(np.abs(r)), 1e-300))


def diagnose(f_Hz, s, sigma: float, fit) -> list[str]:
    """Warnings for a bifurcated or Kerr-distorted resonance (``fit``: a ResonatorFit of the linear model)."""
    out = []
    jump = find_jump(f_Hz, s, sigma)
    if jump is not None and abs(jump - fit.f0_Hz) < 5 * fit.f0_Hz / fit.Q_loaded:
        out.append(f"bifurcated resonance: the trace jumps at {jump / 1e9:.9g} GHz (drive above the Kerr "
                   f"bifurcation, a > {A_BIFURCATION:.2f}); lower the power — the linear fit does not apply")
    elif fit.residual_rms > 2 * fit.noise_sigma:
        score = asymmetry(f_Hz, np.abs(s) - np.abs(fit.s_model(f_Hz)), fit.f0_Hz, fit.f0_Hz / fit.Q_loaded)
        if score > ASYMMETRY:
            out.append(f"Kerr-distorted line shape: the residual is antisymmetric about f0 (score {score:.2f}); "
                       "lower the power or fit the nonlinear model")
    return out
