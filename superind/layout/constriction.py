"""Quantum-phase-slip constriction: a narrow wire w_c × ℓ with smooth tapers to wider leads and contact pads.

The width follows a raised cosine, w(t) = w_c + (w_lead − w_c)(1 − cos πt)/2 over the taper length, so the edges
have no corners where current could crowd. Squares of the drawn (snapped) outline are summed segment by segment:
a straight-sided segment whose width goes h0 → h1 over Δx is a slice of a wedge of half-angle α = atan(k/2),
k = (h1 − h0)/Δx, carrying radial current, N = ln(h1/h0) / (2α) (exact for the wedge; → Δx/h for k → 0).
``squares_geometric`` is Σ Δx / h̄ without the wedge factor α/tan α.
"""
from __future__ import annotations

import math

import gdstk
import numpy as np

from ..errors import InputError
from ..units import quantities
from .meander import WireCell, on_grid, sheet_inductance
from .pads import contact_pad
from .ports import port
from .process import load_process


def _segment_squares(x: np.ndarray, h: np.ndarray) -> tuple[float, float]:
    """(electrical, geometric) squares of a symmetric polygonal strip with widths h at stations x."""
    dx, h0, h1 = np.diff(x), h[:-1], h[1:]
    k = (h1 - h0) / dx
    flat = np.abs(k) < 1e-12
    el = np.where(flat, dx / h0, np.log(np.where(flat, 1.0, h1 / h0)) / (2 * np.arctan(np.where(flat, 1.0, k / 2))))
    geo = dx / (0.5 * (h0 + h1))
    return float(el.sum()), float(geo.sum())


@quantities(width_m="length", length_m="length", lead_width_m="length", taper_m="length", pad_size_m="length", lead_m="length")
def constriction(width_m, length_m, *, lead_width_m=1e-6, taper_m=None, lead_m=2e-6, sheet_inductance_H=None,
                 pads=True, pad_size_m=20e-6, process=None, name="constriction", points=48) -> WireCell:
    """A QPS constriction of width ``width_m`` and length ``length_m`` between tapered leads.

    Args:
        width_m, length_m: the constriction w_c and ℓ (m), on the grid, w_c ≥ the film's minimum width.
        lead_width_m: width of the wide leads; taper_m: length of each raised-cosine taper (default π(w_lead − w_c),
            which keeps the edge slope ≤ 1/2); lead_m: straight lead between taper and pad.
        pads: contact pads at both ends (squares counted between the pad edges); points: vertices per taper edge.
    ``squares_electrical`` uses the wedge formula per drawn segment (module docstring); ``info`` holds the
    constriction's own squares ℓ/w_c.
    """
    proc = load_process(process or "default")
    wc = on_grid(width_m, "constriction width", proc, "film")
    lc = on_grid(length_m, "constriction length", proc)
    wl = on_grid(lead_width_m, "lead width", proc, "film")
    if wl < wc:
        raise InputError(f"lead width {wl * proc.grid_m:g} m is narrower than the constriction "
                         f"{wc * proc.grid_m:g} m; leads must be at least as wide")
    lt = on_grid(taper_m, "taper length", proc) if taper_m is not None else max(1, round(math.pi * (wl - wc)))
    ll = on_grid(lead_m, "lead length", proc)
    t = np.linspace(0.0, 1.0, points)
    xt = np.rint(t * lt)
    keep = np.concatenate([[True], np.diff(xt) > 0])
    xt, t = xt[keep], t[keep]
    ht = wc + (wl - wc) * (1 - np.cos(np.pi * t)) / 2
    # stations along x (left pad edge at 0): lead, taper down, constriction, taper up, lead
    x = np.concatenate([[0], ll + xt, ll + lt + lc + xt, [2 * ll + 2 * lt + lc]])
    h = np.concatenate([[wl], ht[::-1], ht, [wl]])
    top = np.rint((wl + h) / 2).astype(np.int64)          # edges symmetric about y = wl/2, snapped
    bot = wl - top
    hs = (top - bot).astype(float)
    pts = np.concatenate([np.column_stack([x, bot]), np.column_stack([x, top])[::-1]]).astype(np.int64)
    cell = gdstk.Cell(name)
    cell.add(gdstk.Polygon(pts * proc.grid_um, **proc.layer("film").spec))
    if pads:
        contact_pad(cell, proc, (0, 0), wl, "west", pad_size_m)
        contact_pad(cell, proc, (int(x[-1]), 0), wl, "east", pad_size_m)
    el, geo = _segment_squares(x.astype(float), hs)
    sheet = sheet_inductance(sheet_inductance_H)
    grid = proc.grid_m
    info = {"constriction_width_m": wc * grid, "constriction_length_m": lc * grid,
            "constriction_squares": lc / wc, "lead_width_m": wl * grid, "taper_m": lt * grid,
            "ports": [port("o1", (0.0, wl / 2 * grid), wl * grid, "west", proc),
                      port("o2", (float(x[-1]) * grid, wl / 2 * grid), wl * grid, "east", proc)]}
    return WireCell(cell, wc * grid, None, None, 0, 0, float(x[-1]) * grid, geo, el, sheet,
                    (float(x[-1]) * grid, wl * grid), info)
