"""Fits of measurements to calibrated films: resonator S-parameters, f0(T), and flux spectroscopy.

``resonator`` (Touchstone → f0, Q's, φ, delay; geometry → L_k,□), ``temperature`` (f0(T) → Δ0, kinetic fraction),
``spectrum`` (flux spectroscopy → QPS or fluxonium energies), ``records`` (calibrated material and phase-slip
files). Every fitted value carries a 1σ uncertainty from the fit's covariance scaled by the residual variance.
"""
from pathlib import Path

import numpy as np

from ..errors import InputError


class FitFailed(InputError):
    """A fit that ran on valid input but did not converge or left a parameter undetermined (CLI exit code 1)."""

    exit_code = 1


def scaled_covariance(jac: np.ndarray, residuals: np.ndarray, what: str) -> np.ndarray:
    """Parameter covariance s²(JᵀJ)⁻¹ of a least-squares fit, s² = Σr²/(m − p) the residual variance.

    The standard Gauss–Newton estimate (e.g. scipy.optimize.curve_fit with ``absolute_sigma=False``); columns are
    normalised before the inversion. Raises FitFailed if a parameter is not determined by the data.
    """
    m, p = jac.shape
    if m <= p:
        raise FitFailed(f"{what}: {m} residuals for {p} parameters; no degrees of freedom left for an uncertainty")
    norm = np.linalg.norm(jac, axis=0)
    if not np.all(np.isfinite(jac)) or np.any(norm == 0):
        raise FitFailed(f"{what}: a parameter has no effect on the model (zero derivative); the fit is undetermined")
    jn = jac / norm
    u, sv, vt = np.linalg.svd(jn, full_matrices=False)
    if sv[-1] < 1e-10 * sv[0]:
        raise FitFailed(f"{what}: parameters are degenerate (condition number {sv[0] / sv[-1]:.2g}); "
                        "the data do not determine them all")
    s2 = float(residuals @ residuals) / (m - p)
    return (vt.T / sv**2) @ vt / np.outer(norm, norm) * s2


def read_table(path, required: tuple, optional: tuple = (), text: tuple = ()) -> dict:
    """Columns of a delimited text file with a header row → {name: array}; ``text`` columns stay strings.

    Read through ``superind.textfiles.read_rows`` (UTF-8 with or without BOM; binary, Latin-1 or empty files are
    one-line InputErrors). InputError also for missing columns (all named), a non-number or NaN (file and line).
    ``required`` entries may be alternatives "a|b" (one of them must be present).
    """
    from ..textfiles import read_rows

    p = Path(path)
    header, rows = read_rows(p, "data file")
    missing = [r.replace("|", " or ") for r in required if not any(a in header for a in r.split("|"))]
    if missing:
        raise InputError(f"{p}: missing column(s) {', '.join(missing)} in the header (found: {', '.join(header)})")
    if not rows:
        raise InputError(f"{p}: a header but no data rows")
    out = {}
    for name in [a for r in required for a in r.split("|")] + list(optional) + list(text):
        if name not in header:
            continue
        k = header.index(name)
        cells = [(line, row[k] if k < len(row) else "") for line, row in rows]
        if name in text:
            out[name] = np.array([c for _, c in cells], dtype=object)
            continue
        values = np.empty(len(cells))
        for i, (line, c) in enumerate(cells):
            if not _is_float(c):
                raise InputError(f"{p} line {line}: column {name} = '{c}' is not a number")
            values[i] = float(c)
            if not np.isfinite(values[i]):
                raise InputError(f"{p} line {line}: column {name} is {c}; remove or fix that row")
        out[name] = values
    return out


def _is_float(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


__all__ = ["FitFailed", "scaled_covariance", "read_table"]
