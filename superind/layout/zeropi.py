"""0-π qubit layout: two superinductors and two junctions in a ring, two large shunt pads on a diagonal.

Ring of four nodes (Brooks, Kitaev & Preskill, PRA 87, 052306 (2013); Gyenis et al., PRX Quantum 2, 010339
(2021)): node 1 —L— node 2 —J— node 3 —L— node 4 —J— node 1. The left superinductor (a meander) runs from node 2
(bottom left) to node 1 (top, left of the top junction); the right one is its mirror image, from node 4 (top,
right of the top junction) to node 3 (bottom right). Its bottom leads are closed under the ring by a film bus
with the bottom junction site in the middle. The large shunt pads (pads layer over film) hang on nodes 1 and 3,
the ring's diagonal, and form the large shunt capacitance of the θ mode; the second diagonal (2–4) needs an air
bridge in a real device and is left to the circuit layout.
"""
from __future__ import annotations

import gdstk
import numpy as np

from ..errors import InputError
from .meander import WireCell, add_wire, meander, offset_polyline, on_grid
from .pads import pad_steps, rectangle
from .ports import gap_ports
from .process import load_process
from .squares import corner_correction


def zeropi(width_m, gap_m, *, length_m=None, squares=None, inductance_H=None, sheet_inductance_H=None,
           turn="round", footprint_m=None, junction_gap_m=None, shunt_pad_m=(100e-6, 40e-6), process=None,
           name="zeropi") -> WireCell:
    """A 0-π device whose two superinductors each meet the target (length, squares or inductance).

    ``shunt_pad_m`` = (width, height) of each shunt pad. The returned record describes ONE superinductor
    (meander plus its half of the bottom bus and lead to the top junction); ``info`` holds both junction sites and
    the pads' rectangles in metres.
    """
    proc = load_process(process or "default")
    w = on_grid(width_m, "width", proc, "film")
    g = on_grid(gap_m, "gap", proc, "film", "min_space_m")
    jmin = proc.grid_steps(proc.layer("junction").min_width_m or proc.grid_m)
    jg = on_grid(junction_gap_m, "junction gap", proc, "film", "min_space_m") if junction_gap_m is not None \
        else jmin
    if len(shunt_pad_m) != 2:
        raise InputError("shunt pad size needs (width, height)")
    pw, ph = (pad_steps(proc, v, "shunt pad size") for v in shunt_pad_m)
    kw = dict(sheet_inductance_H=sheet_inductance_H, turn=turn, footprint_m=footprint_m, process=proc,
              name=f"{name}_L", pads=False)
    half = meander(width_m, gap_m, length_m=length_m, squares=squares, inductance_H=inductance_H, **kw)
    want = half.squares_electrical  # the target in electrical squares, met to one grid step
    for _ in range(4):  # the half bus adds squares that depend on the meander's size: the whole meets the target
        cell, bus, geometry = _ring(name, half, proc, w, g, jg, jmin, pw, ph)
        extra = bus / 2 / w + 2 * corner_correction()
        if abs(half.squares_electrical + extra - want) <= 1e-4 * want:
            break
        half = meander(width_m, gap_m, squares=want - extra, **kw)
    top_pad, bot_pad, yt, yc = geometry
    grid = proc.grid_m
    length = half.length_m + bus / 2 * grid
    sq_el = half.squares_electrical + bus / 2 / w + 2 * corner_correction()
    info = dict(half.info)
    junctions = [[jg / 2 * grid, (yt + w / 2) * grid], [jg / 2 * grid, yc * grid]]
    info.update({"junctions_m": junctions,
                 "shunt_pads_m": [[v * grid for v in top_pad], [v * grid for v in bot_pad]],
                 "superinductors": 2,
                 "ports": [p for name, centre in zip(("junction_top", "junction_bottom"), junctions)
                           for p in gap_ports(name, centre, jg * grid, w * grid, "x", proc)]})
    return WireCell(cell, half.width_m, half.gap_m, turn, half.turns, 2, length, length / half.width_m, sq_el,
                    half.sheet_inductance_H, half.footprint_m, info)


def _ring(name, half, proc, w, g, jg, jmin, pw, ph):
    """Draw the ring around two copies of ``half``: bus, junction sites, shunt pads and their feeds.
    Returns (cell, bus length in grid steps, (top pad, bottom pad, top junction y, bus y))."""
    (x0, _), (x1, y1) = (np.rint(np.array(c) / proc.grid_um).astype(np.int64).tolist()
                         for c in half.cell.bounding_box())
    # left copy: east (top-row) end at x = 0; right copy mirrored, x -> jg + x1 - x, its end at x = jg
    cell = gdstk.Cell(name)
    cell.add(gdstk.Reference(half.cell, (-x1 * proc.grid_um, 0)))
    cell.add(gdstk.Reference(half.cell, ((jg + x1) * proc.grid_um, 0), x_reflection=True, rotation=np.pi))
    xa, xb = x0 - x1, jg + x1 - x0                      # the two west (bottom-row) ends
    drop = 4 * (w + g)
    yc = -drop - w / 2                                  # bus centreline, below the rows by ``drop``
    left = offset_polyline([(xa, w / 2), (xa - drop - w / 2, w / 2), (xa - drop - w / 2, yc), (0, yc)], w)
    right = offset_polyline([(jg, yc), (xb + drop + w / 2, yc), (xb + drop + w / 2, w / 2), (xb, w / 2)], w)
    bus = add_wire(cell, [list(left), list(right)], proc, w)
    jw = w if w >= jmin else jmin + (jmin - w) % 2
    ov = max(w, (jmin + 1) // 2)
    yt = y1 - w
    rectangle(cell, proc, "junction", -ov, yt + (w - jw) // 2, jg + ov, yt + (w - jw) // 2 + jw)
    rectangle(cell, proc, "junction", -ov, -drop - (w + jw) // 2, jg + ov, -drop - (w + jw) // 2 + jw)
    # shunt pads with film feeds: node 1 (top row, left of the top junction) and node 3 (bus, right of J)
    clear = max(proc.grid_steps(proc.layer("pads").min_space_m or 0), 4 * (w + g))
    xf = -ov - 2 * w
    rectangle(cell, proc, "film", xf, y1, xf + w, y1 + clear)
    top_pad = (xf + w - pw, y1 + clear, xf + w, y1 + clear + ph)
    xf = jg + ov + w
    rectangle(cell, proc, "film", xf, -drop - w - clear, xf + w, -drop - w)
    bot_pad = (xf, -drop - w - clear - ph, xf + pw, -drop - w - clear)
    for pad in (top_pad, bot_pad):
        for role in ("film", "pads"):
            rectangle(cell, proc, role, *pad)
    return cell, bus, (top_pad, bot_pad, yt, yc)
