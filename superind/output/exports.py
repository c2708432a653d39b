"""Hand-offs to other tools: the drawn superinductor's input impedance as a 1-port Touchstone file (scikit-rf), the
film's surface impedance Z_s(f) as CSV and as a Palace ``"Impedance"`` boundary, and a layout cell as a gdsfactory
``Component`` (optional: ``pip install "superind[gdsfactory]"``, i.e. ``gdsfactory``).

Every writer goes through ``superind.files`` (temporary file, fsync, one rename), so a file is complete or
absent. Conventions: e^{jωt} (scikit-rf, Palace), SI units, impedances per square for surfaces.
"""
from __future__ import annotations

import json
import math
import warnings
from pathlib import Path

import numpy as np

from ..constants import h
from ..errors import InputError
from ..files import write_bytes_atomic

#: points of the default Touchstone sweep, and its top as a multiple of the highest computed mode
TOUCHSTONE_POINTS = 1001
TOUCHSTONE_TOP = 1.1
#: the reference resistance written in the Touchstone option line
REFERENCE_OHM = 50.0


# ------------------------------------------------------------------------------------------ Touchstone
def impedance_network(wire, f_Hz=None, *, points: int = TOUCHSTONE_POINTS, name: str = "superinductor"):
    """The drawn meander's input impedance Z_in(f) (far end grounded, ``wire.meander.Z_in``: multiconductor-line
    model, docs/theory/lines.md) as a 1-port ``skrf.Network`` (Z parameters, z0 = 50 Ω). Default frequencies:
    ``points`` from f_max/points to f_max = 1.1 × the highest computed self-resonance."""
    import skrf

    if not wire.line.grounded:
        raise InputError("an isolated strip has no ground, so no input impedance; choose line kind cpw or microstrip")
    if f_Hz is None:
        top = TOUCHSTONE_TOP * float(np.nanmax(wire.modes_Hz))
        f_Hz = np.linspace(top / points, top, points)
    f = np.asarray(f_Hz, dtype=float)
    with warnings.catch_warnings():  # a sample next to a pole is ill-conditioned, and that is the physics
        warnings.filterwarnings("ignore", message=".*ill-conditioned.*")
        z = wire.meander.Z_in(f)
    return skrf.Network.from_z(z[:, None, None], frequency=skrf.Frequency.from_f(f, unit="Hz"),
                               z0=REFERENCE_OHM, name=name)


def touchstone_text(network) -> str:
    """A 1-port network as Touchstone 1.0 text (Z parameters, real/imaginary, frequencies in Hz)."""
    network = network.copy()
    network.frequency.unit = "Hz"
    return network.write_touchstone(return_string=True, parameter="Z", form="ri", skrf_comment=True)


def write_touchstone(path, wire, f_Hz=None, *, points: int = TOUCHSTONE_POINTS) -> Path:
    """Write ``impedance_network(wire)`` to ``path`` as it is named (``.s1p`` expected; no suffix is added)."""
    path = Path(path)
    text = touchstone_text(impedance_network(wire, f_Hz, points=points, name=path.stem or "superinductor"))
    return write_bytes_atomic(path, text.encode("ascii", errors="replace"))


# ------------------------------------------------------------------------------------------ surface impedance
def surface_impedance(film, f_Hz, T_K: float = 0.0) -> tuple[np.ndarray, np.ndarray, str]:
    """(R_s [Ω/□], L_s [H/□], note) of a thin film: Z_s = R_s + jωL_s = 1/(σd) with σ = σ1 − jσ2.

    σ2 d = 1/(ωL_k,□) (Mattis–Bardeen, ħω ≪ Δ; L_k,□(T) of the film) and t = σ1/σ2 from ``losses.film_loss_tangent``
    (Nam / Mattis–Bardeen σ1) give Z_s = jωL_k(1 − jt)/(1 + t²): R_s = ωL_k t/(1 + t²), L_s = L_k/(1 + t²).
    At T = 0 there are no thermal quasiparticles (t = 0, R_s = 0). Frequencies must lie below 2Δ(T)/h.
    """
    from ..losses import film_loss_tangent

    f = np.atleast_1d(np.asarray(f_Hz, dtype=float))
    if f.size == 0 or np.any(~np.isfinite(f)) or np.any(f <= 0):
        raise InputError("surface impedance: frequencies must be finite and above 0 Hz")
    edge = 2 * film.gap(T_K) / h
    if np.max(f) >= edge:
        raise InputError(f"surface impedance: {np.max(f) / 1e9:.4g} GHz is not below the pair-breaking edge "
                         f"2Δ/h = {edge / 1e9:.4g} GHz; choose lower frequencies")
    L_k = film.sheet_kinetic_inductance(T_K)
    if T_K > 0:
        t = np.array([film_loss_tangent(film, x, T_K) for x in f])
        note = f"R_s from Mattis–Bardeen/Nam σ1/σ2 at T = {T_K * 1e3:.4g} mK (thermal quasiparticles only)"
    else:
        t = np.zeros_like(f)
        note = "T = 0: no thermal quasiparticles, so R_s = 0 (give an operating temperature for a finite R_s)"
    return 2 * math.pi * f * L_k * t / (1 + t**2), L_k / (1 + t**2), note


def default_frequencies(film, T_K: float = 0.0, points: int = 41) -> np.ndarray:
    """Log-spaced frequencies from 100 MHz to min(50 GHz, 0.9 × 2Δ(T)/h) for a surface-impedance table."""
    top = min(50e9, 0.9 * 2 * film.gap(T_K) / h)
    return np.geomspace(min(100e6, top / 10), top, points)


def surface_impedance_csv(film, f_Hz, T_K: float = 0.0) -> str:
    """CSV text: the header ``f_Hz,R_s_ohm,L_s_H``, then one row per frequency (``surface_impedance``)."""
    R_s, L_s, _ = surface_impedance(film, f_Hz, T_K)
    rows = [f"{f:.10g},{r:.10g},{ls:.10g}" for f, r, ls in zip(np.atleast_1d(f_Hz), R_s, L_s)]
    return "f_Hz,R_s_ohm,L_s_H\n" + "\n".join(rows) + "\n"


def palace_impedance(film, f_Hz: float, T_K: float = 0.0, attributes=(1,)) -> dict:
    """A Palace ``config["Boundaries"]["Impedance"]`` entry for the film at ``f_Hz``.

    Palace's surface impedance is a parallel R_s ∥ L_s ∥ C_s per square (1/Z_s = 1/R_s + 1/(jωL_s) + jωC_s, zero
    branches omitted; Palace docs, "Reference": lumped ports and impedance boundaries). A thin superconducting film is
    exactly that form: Y_s = σ1 d + 1/(jωL_k,□), so Ls = L_k,□(T) and Rs = ωL_k,□/t (t = σ1/σ2; 0 = no branch at T = 0).
    """
    R_s, L_s, _ = surface_impedance(film, [f_Hz], T_K)
    L_k = film.sheet_kinetic_inductance(T_K)
    t = R_s[0] / (2 * math.pi * f_Hz * L_s[0]) if L_s[0] > 0 else 0.0
    R_parallel = 2 * math.pi * f_Hz * L_k / t if t > 0 else 0.0
    entry = {"Attributes": [int(a) for a in attributes], "Rs": float(R_parallel), "Ls": float(L_k), "Cs": 0.0}
    return {"Boundaries": {"Impedance": [entry]}}


def write_surface_impedance(path, film, f_Hz=None, T_K: float = 0.0) -> Path:
    """Write ``surface_impedance_csv`` to ``path`` (default frequencies: ``default_frequencies``)."""
    f = default_frequencies(film, T_K) if f_Hz is None else f_Hz
    return write_bytes_atomic(path, surface_impedance_csv(film, f, T_K).encode("utf-8"))


def write_palace_impedance(path, film, f_Hz: float, T_K: float = 0.0, attributes=(1,)) -> Path:
    """Write the ``palace_impedance`` snippet to ``path`` as JSON."""
    text = json.dumps(palace_impedance(film, f_Hz, T_K, attributes), indent=2, ensure_ascii=False) + "\n"
    return write_bytes_atomic(path, text.encode("utf-8"))


# ------------------------------------------------------------------------------------------ gdsfactory
def gdsfactory_component(cell, name: str | None = None):
    """A layout cell record (``WireCell``: ``.cell`` and ``.info["ports"]``) as a gdsfactory ``Component``: every
    polygon on its GDS layer (µm) and every port (centre, width, orientation, layer; ``port_type="electrical"``).
    Needs gdsfactory (``pip install "superind[gdsfactory]"``); without an active PDK gdsfactory's generic one is
    activated (layers are given as GDS (layer, datatype) pairs, so any PDK works)."""
    try:
        import gdsfactory as gf
    except ImportError:
        raise InputError("the gdsfactory export needs gdsfactory: pip install 'superind[gdsfactory]' "
                         "(or pip install gdsfactory)") from None
    try:
        gf.get_active_pdk()
    except ValueError:
        gf.gpdk.PDK.activate()
    component = gf.Component(name or cell.cell.name)
    for poly in cell.cell.get_polygons():
        component.add_polygon([tuple(p) for p in poly.points.tolist()], layer=(poly.layer, poly.datatype))
    for p in cell.info.get("ports", []):
        component.add_port(name=p["name"], center=(p["center_m"][0] * 1e6, p["center_m"][1] * 1e6),
                            width=p["width_m"] * 1e6, orientation=p["orientation_deg"],
                            layer=tuple(p["gds_layer"]), port_type="electrical")
    return component
