"""RF-SQUID loop: a superinductor meander closed into a loop through one junction site.

The wire leaves the junction site downwards on the left, runs into the meander's bottom row, climbs the meander,
leaves its top row to the right, and returns over the top to the junction site: one continuous film wire with four
square 90° corners (each ≈ 0.56 squares, :func:`.squares.corner_correction`) and a gap where the junction
(junction layer) bridges the two wire ends. All of that wire is the superinductance. The loop area is the mean of
the areas enclosed by the wire's inner and outer edges (the centreline area for a band of constant width).
"""
from __future__ import annotations

import math

import gdstk
import numpy as np

from .meander import (WireCell, add_wire, body_chunks, check_turn, clean, offset_polyline, on_grid, plan_rows, shoelace2,
                      sheet_inductance, target_squares, turn_template)
from ..units import quantities
from .pads import rectangle
from .ports import gap_ports
from .process import load_process
from .squares import corner_correction, turn_correction


@quantities(width_m="length", gap_m="length", length_m="length", inductance_H="inductance", junction_gap_m="length")
def loop(width_m, gap_m, *, length_m=None, squares=None, inductance_H=None, sheet_inductance_H=None,
         turn="round", footprint_m=None, junction_gap_m=None, closed=False, process=None, name="loop") -> WireCell:
    """An RF-SQUID loop whose whole wire (meander + closing path) meets the target.

    Args:
        width_m, gap_m: wire width and row gap (m); the closing path keeps one gap from the meander.
        length_m / squares / inductance_H: target of the whole loop wire (inductance needs a sheet inductance).
        turn: meander turn style; footprint_m: (X, Y) bound of the meander body.
        junction_gap_m: gap between the wire ends at the junction site (default: the junction layer's minimum
            width); a junction-layer rectangle overlaps both ends.
        closed: bridge the site with film of the wire's width instead (a closed film loop, e.g. a phase-slip
            qubit whose whole loop is the nanowire); the bridge's squares count towards the target.
    Returns a :class:`WireCell` with ``info['loop_area_m2']`` and ``info['junction_m']`` (site centre).
    """
    proc = load_process(process or "default")
    w = on_grid(width_m, "width", proc, "film")
    g = on_grid(gap_m, "gap", proc, "film", "min_space_m")
    check_turn(turn, w, g, proc)
    jmin = proc.grid_steps(proc.layer("junction").min_width_m or proc.grid_m)
    jg = on_grid(junction_gap_m, "junction gap", proc, "film", "min_space_m") if junction_gap_m is not None \
        else max(jmin, proc.grid_steps(proc.layer("film").min_space_m or proc.grid_m))
    sheet = sheet_inductance(sheet_inductance_H)
    kind, target = target_squares(length_m, squares, inductance_H, sheet)
    if closed:  # the film bridge across the site is part of the wire
        target -= jg * proc.grid_m if kind == "length" else jg / w
    foot = None if footprint_m is None else tuple(on_grid(v, f"footprint {a}", proc) for v, a in zip(footprint_m, "XY"))
    _, _, ext, l_turn = turn_template(turn, w, g)
    p = w + g
    n, s_exact, want = plan_rows(kind, target, w, g, turn, proc.grid_m, footprint=foot, extra_rows=1,
                                 fixed=lambda n: n * p - jg + p + 4 * ext + 4 * g + 2 * w, corners=4)
    s = int(math.floor(s_exact))
    x_l = -ext - g - w / 2
    x_r = s + ext + g + w / 2
    y_top = (n - 1) * p + w / 2
    y_b = y_top + p
    y_a = math.floor((w / 2 + y_b) / 2 - jg / 2)             # lower wire end at the junction site
    pre_l, pre_r = offset_polyline([(x_l, y_a), (x_l, w / 2), (0, w / 2)], w)
    suf_l, suf_r = offset_polyline([(s, y_top), (x_r, y_top), (x_r, y_b), (x_l, y_b), (x_l, y_a + jg)], w)
    chunks = body_chunks(turn, w, g, n, s, 0, 0)
    chunks[0] = [np.concatenate([pre_l, chunks[0][0]]), np.concatenate([pre_r, chunks[0][1]])]
    chunks[-1] = [np.concatenate([chunks[-1][0], suf_l]), np.concatenate([chunks[-1][1], suf_r])]
    cell = gdstk.Cell(name)
    length = add_wire(cell, chunks, proc, w)
    jw = w if w >= jmin else jmin + (jmin - w) % 2
    ov = max(w, (jmin + 1) // 2)
    xc = int(round(x_l - jw / 2))
    if closed:
        rectangle(cell, proc, "film", int(x_l - w / 2), y_a, int(x_l + w / 2), y_a + jg)
        length += jg
    else:
        rectangle(cell, proc, "junction", xc, y_a - ov, xc + jw, y_a + jg + ov)
    edges = [clean(np.concatenate([c[k] for c in chunks])) for k in (0, 1)]
    area = 0.25 * (abs(shoelace2(edges[0])) + abs(shoelace2(edges[1])))
    sq_geo = length / w
    sq_el = sq_geo + (n - 1) * turn_correction(turn, w, g) + 4 * corner_correction()
    grid = proc.grid_m
    body = ((s + (2 * ext if n > 1 else 0)) * grid, (n * w + (n - 1) * g) * grid)
    info = {"rows": n, "row_length_m": s * grid, "loop_area_m2": area * grid ** 2,
            "junction_m": [x_l * grid, (y_a + jg / 2) * grid], "junction_gap_m": jg * grid,
            "target_length_m": want * grid,
            "ports": [] if closed else gap_ports("junction", (x_l * grid, (y_a + jg / 2) * grid), jg * grid, w * grid,
                                                 "y", proc)}
    return WireCell(cell, w * grid, g * grid, turn, n - 1, 4, length * grid, sq_geo, sq_el, sheet, body, info)
