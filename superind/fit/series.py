"""Several resonator files in one call: one fit per file, one table; with drive powers, the power series (Q_i against
power and photon number) and its TLS fit (``superind.fit.power``); the film values ``--save-film`` stores.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from ..errors import InputError
from . import FitFailed
from .power import TLSFit, fit_tls, photon_number
from .resonator import ResonatorFit, fit_file
from .traces import ResonatorData


@dataclass
class SeriesRow:
    """One file: its data and fit, or the reason its fit failed; its drive power [dBm] at the VNA if known."""

    file: str
    data: Optional[ResonatorData]
    fit: Optional[ResonatorFit]
    failure: Optional[str] = None
    power_dBm: Optional[float] = None
    photons: Optional[float] = None


@dataclass
class Series:
    rows: list
    tls: Optional[TLSFit] = None
    warnings: list = field(default_factory=list)


def fit_series(files, *, port="21", model="auto", delay_s=None, powers_dBm=None, attenuation_dB=None,
               T_K=None) -> Series:
    """Fit every file (InputError for a bad file stops the call; a failed fit is kept as that row's failure);
    with powers, photon numbers (when ``attenuation_dB`` is given) and the TLS fit of the determined Q_i."""
    if powers_dBm is not None and len(powers_dBm) != len(files):
        raise InputError(f"{len(powers_dBm)} powers for {len(files)} files: give one --power-dBm per file")
    rows = []
    for k, file in enumerate(files):
        p = None if powers_dBm is None else float(powers_dBm[k])
        try:
            fit, data = fit_file(file, port, model, delay_s)
            rows.append(SeriesRow(str(file), data, fit, None, p))
        except FitFailed as exc:
            if len(files) == 1:
                raise
            rows.append(SeriesRow(str(file), None, None, str(exc), p))
    series = Series(rows)
    failed = [r for r in rows if r.failure]
    if failed:
        series.warnings.append(f"{len(failed)} of {len(rows)} fits failed: " + "; ".join(r.failure for r in failed))
    if len(failed) == len(rows):
        raise FitFailed(series.warnings[0])
    if powers_dBm is None:
        return series
    for r in rows:
        if r.fit is not None and attenuation_dB is not None:
            P = 1e-3 * 10 ** ((r.power_dBm - attenuation_dB) / 10)
            r.photons = float(photon_number(P, r.fit.f0_Hz, r.fit.Q_loaded, r.fit.Q_coupling, r.fit.model))
    used = [r for r in rows if r.fit is not None and r.fit.Q_internal is not None]
    if len(used) < 5:
        series.warnings.append(f"{len(used)} powers with a determined Q_i: the TLS fit needs at least 5")
        return series
    x = [r.photons if attenuation_dB is not None else 1e-3 * 10 ** (r.power_dBm / 10) for r in used]
    u = [r.fit.inverse_Q_internal for r in used]
    su = [abs(np.diff(r.fit.intervals["inverse_Q_internal"])[0]) / 2 for r in used]
    f0 = float(np.median([r.fit.f0_Hz for r in used]))
    series.tls = fit_tls(x, u, su, f0, T_K, "photons" if attenuation_dB is not None else "power_W")
    if series.tls.undetermined:
        series.warnings.append("TLS fit: " + ", ".join(series.tls.undetermined) + " undetermined (1σ larger than the "
                               "value): the powers do not reach far enough below or above n_c")
    if attenuation_dB is None:
        series.warnings.append("no --attenuation: the TLS fit is against the power at the VNA (P_c_W), not n̄")
    return series


def film_values(series: Series, T_K=None) -> dict:
    """The MeasuredFilm loss fields (``superind.fit.records.LOSS_KEYS``): Q_i at the lowest power (or of the one
    file), its bound, f0 and temperature; the TLS fit's Q_other, F·δ⁰, n_c and β when determined."""
    rows = [r for r in series.rows if r.fit is not None]
    low = min(rows, key=lambda r: r.power_dBm if r.power_dBm is not None else math.inf)
    out = {"Q_i": low.fit.Q_internal, "Q_i_lower_95": low.fit.Q_internal_lower_95, "Q_i_f_Hz": low.fit.f0_Hz,
           "Q_i_T_K": T_K}
    t = series.tls
    if t is not None:
        if t.inv_Q_other > 0:
            out["Q_other"] = 1 / t.inv_Q_other
        out["F_delta0"] = t.F_delta0 if "F_delta0" not in t.undetermined else None
        if t.axis == "photons":
            out["n_c"] = t.n_c if "n_c" not in t.undetermined else None
            out["beta"] = t.beta if "beta" not in t.undetermined else None
    return {k: v for k, v in out.items() if v is not None}


def plot_series(series: Series):
    """Q_i against n̄ (or the power at the VNA) with the TLS curve (``superind.fit.power.plot_power_series``)."""
    from .power import plot_power_series

    rows = [r for r in series.rows if r.fit is not None]
    photons = all(r.photons is not None for r in rows)
    x = [r.photons if photons else 1e-3 * 10 ** (r.power_dBm / 10) for r in rows]
    err = [0.0 if r.fit.Q_internal is None else abs(np.diff(r.fit.intervals["Q_internal"])[0]) / 2 for r in rows]
    return plot_power_series(x, [r.fit.Q_internal for r in rows], err, [r.fit.Q_internal_lower_95 for r in rows],
                             series.tls, "photon number n̄" if photons else "power at the VNA [W]")
