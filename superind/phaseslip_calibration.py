"""Calibrating the phase-slip model from measured E_S: a film's own measurement, and published wire sets.

One measured wire of a film fixes b for that film (``superind.phaseslip.film_model``). ``calibrate`` fits (a, b) to several measured wires and
``leave_one_out`` reports how well such a fit predicts a wire it has not seen; ``calibration_records`` reads the
shipped published set (``material_db/calibration/phase_slips.yaml``). Energies E/h in GHz.
"""
from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import numpy as np

from .errors import InputError
from .phaseslip import PhaseSlipModel, WireGeometry, design_numbers


def calibrate(measurements, *, fit: str = "b", a: float = 1.0, xi: str = "usadel") -> PhaseSlipModel:
    """Fit the phase-slip constants to measured (wire, E_S_GHz) pairs; return a reusable PhaseSlipModel.

    ln E_S = ln a + ln[Δ(ℓ/ξ)x] − b x with x = R_Q/R_ξ is linear in (ln a, b): ``fit="b"`` keeps ``a`` fixed
    (one pair suffices), ``fit="ab"`` fits both (needs ≥ 2 pairs with different x). Least squares in ln E_S; with
    ≥ 3 pairs (``fit="b"``: ≥ 2) the model carries its leave-one-out error (``ln_error``).
    """
    pairs = list(measurements)
    if not pairs:
        raise InputError("calibrate needs at least one measured (wire, E_S) pair")
    if fit not in ("b", "ab"):
        raise InputError(f"calibrate fit='{fit}': choose 'b' or 'ab'")
    xs, ys = [], []
    for wire, es in pairs:
        if not es > 0:
            raise InputError(f"measured E_S must be positive, got {es}")
        x, ln_pre = design_numbers(wire, xi)
        xs.append(x)
        ys.append(math.log(es) - ln_pre)  # = ln a − b x
    xs, ys = np.array(xs), np.array(ys)
    if fit == "ab" and (len(xs) < 2 or np.ptp(xs) == 0):
        raise InputError("fitting a and b needs at least two wires with different R_Q/R_ξ")
    ln_a, b = _fit(xs, ys, fit, math.log(a))
    n_min = 2 if fit == "b" else 3
    err = _loo_rms(xs, ys, fit, math.log(a)) if len(xs) >= n_min else None
    what = f"b, a = {a:g} fixed" if fit == "b" else "a, b"
    a_fit, b = float(math.exp(ln_a)), float(b)
    return PhaseSlipModel(a_fit, b, (a_fit, a_fit), (b, b), xi, source=f"calibrated {what} on {len(xs)} "
                          "measurement(s)", ln_error=err)


def _fit(xs, ys, fit: str, ln_a: float) -> tuple[float, float]:
    if fit == "b":
        return ln_a, float(np.linalg.lstsq(-xs[:, None], ys - ln_a, rcond=None)[0][0])
    (ln_a, minus_b), *_ = np.linalg.lstsq(np.column_stack([np.ones_like(xs), -xs]), ys, rcond=None)
    return float(ln_a), float(minus_b)


def _loo_rms(xs, ys, fit: str, ln_a: float) -> float:
    errs = []
    for i in range(len(xs)):
        keep = np.arange(len(xs)) != i
        la, b = _fit(xs[keep], ys[keep], fit, ln_a)
        errs.append(ys[i] - (la - b * xs[i]))
    return float(np.sqrt(np.mean(np.square(errs))))


def leave_one_out(measurements, *, fit: str = "b", a: float = 1.0, xi: str = "usadel") -> float:
    """Rms error of ln E_S when each measured wire is predicted by a fit to the others (a factor e^{err})."""
    model = calibrate(measurements, fit=fit, a=a, xi=xi)
    if model.ln_error is None:
        raise InputError("a leave-one-out error needs at least 2 measurements (fit='b') or 3 (fit='ab')")
    return model.ln_error


def calibration_path() -> Path:
    """The shipped calibration set: material_db/calibration/phase_slips.yaml (package data)."""
    from .materials import _shipped_dir

    return _shipped_dir() / "calibration" / "phase_slips.yaml"


def calibration_records(path: Path | None = None) -> list[dict]:
    """Published phase-slip measurements (every number copied from its source; null when not reachable)."""
    import yaml

    from .materials import SAFE_LOADER

    data = yaml.load((path or calibration_path()).read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    return list(data["measurements"])


def calibration_measurements(records=None) -> list[tuple]:
    """(wire, E_S_GHz) pairs of the complete records (width, length, R_sq, T_c or Δ, D and E_S all sourced)."""
    from .film import make_film

    out = []
    for r in records if records is not None else calibration_records():
        needed = ("width_nm", "length_nm", "R_sq_ohm", "diffusion_cm2_per_s", "E_S_GHz")
        if any(r.get(k) is None for k in needed) or (r.get("Tc_K") is None and r.get("delta_ueV") is None):
            continue
        film = make_film(r["material"], float(r["R_sq_ohm"]), Tc=r.get("Tc_K"),
                         gap=f"{r['delta_ueV']} ueV" if r.get("delta_ueV") else None,
                         diffusion=float(r["diffusion_cm2_per_s"]) * 1e-4)
        out.append((WireGeometry(film, r["width_nm"] * 1e-9, r["length_nm"] * 1e-9), float(r["E_S_GHz"])))
    return out


def calibrated_model(records=None, *, fit: str = "b", xi: str = "usadel") -> PhaseSlipModel:
    """The model calibrated on the shipped set's complete records, or the uncalibrated default when there are
    none (the returned model's ``source`` says which)."""
    pairs = calibration_measurements(records)
    if not pairs:
        return replace(PhaseSlipModel(), source=f"{PhaseSlipModel().source} (no complete published record in the "
                       "calibration set)")
    return calibrate(pairs, fit=fit, xi=xi)
