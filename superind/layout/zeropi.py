"""0-π qubit layout: two superinductors and two junctions in a ring, two large shunt pads on a diagonal.

Ring of four nodes (Brooks, Kitaev & Preskill, PRA 87, 052306 (2013); Gyenis et al., PRX Quantum 2, 010339
(2021)): node 1 —L— node 2 —J— node 3 —L— node 4 —J— node 1. The left superinductor (a meander) runs from node 2
(bottom left) to node 1 (top, left of the top junction); the right one is its mirror image, from node 4 (top,
right of the top junction) to node 3 (bottom right). Its bottom leads are closed under the ring by a film bus
with the bottom junction site in the middle. The two large shunt capacitors join the ring's diagonals: above the
ring, the pad on node 1 faces the pad on node 3 (fed up the right side); below it, the pad on node 2 faces the pad
on node 4 (fed across the top and down the far right side). The node-4 feed crosses the node-3 feed once — the
crossing of the second diagonal — on an air bridge (``airbridge`` layer, with film landing pads).
"""
from __future__ import annotations

import gdstk
import numpy as np

from ..errors import InputError
from ..units import quantities
from .meander import WireCell, add_wire, meander, offset_polyline, on_grid
from .pads import pad_steps, rectangle
from .ports import gap_ports
from .process import load_process
from .squares import corner_correction


@quantities(width_m="length", gap_m="length", length_m="length", inductance_H="inductance", junction_gap_m="length")
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
    pads, bridge, yt, yc = geometry
    grid = proc.grid_m
    length = half.length_m + bus / 2 * grid
    sq_el = half.squares_electrical + bus / 2 / w + 2 * corner_correction()
    info = dict(half.info)
    junctions = [[jg / 2 * grid, (yt + w / 2) * grid], [jg / 2 * grid, yc * grid]]
    info.update({"junctions_m": junctions,
                 "shunt_pads_m": {node: [v * grid for v in pad] for node, pad in pads.items()},
                 "airbridge_m": [v * grid for v in bridge], "superinductors": 2,
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
    pads, bridge = _shunt_capacitors(cell, proc, w, g, jg, ov, pw, ph, y1, drop, xa, xb)
    return cell, bus, (pads, bridge, yt, yc)


def _shunt_capacitors(cell, proc, w, g, jg, ov, pw, ph, y1, drop, xa, xb):
    """The two diagonal shunt capacitors (pads on nodes 1 & 3 above the ring, 2 & 4 below it), their film feeds,
    and the air bridge where the node-4 feed crosses the node-3 feed. Returns (pads by node, bridge rectangle).

    Feeds run outside the pads: node 3 leaves the bus downwards, runs right in a corridor between the ring and
    the lower pads, and rises beyond the pads' right edge into its pad's side; node 4 runs right between the ring
    and the upper pads, crosses node 3's riser on the bridge, and descends further out into its pad's bottom."""
    clear = max(proc.grid_steps(proc.layer("pads").min_space_m or 0), 4 * (w + g))
    ab = proc.layer("airbridge")
    span = max(proc.grid_steps(ab.min_width_m or 0), 4 * w)        # bridge width and landing-pad size
    film = lambda *r: rectangle(cell, proc, "film", *r)
    y_bus = -drop - w                                               # underside of the bus
    y_corr = y_bus - clear                                          # node-3 corridor under the ring
    y_top, y_pads_low = y1 + 2 * clear, y_corr - clear              # upper pads start; lower pads end
    y_cross = y1 + clear                                            # node-4 feed between ring and upper pads
    x1f, x2f, x3f, x4f = -ov - 2 * w, xa - drop - w, jg + ov + w, jg + ov + 2 * w
    p1 = (x1f + w - pw, y_top, x1f + w, y_top + ph)
    p3 = (x1f + w + clear, y_top, x1f + w + clear + pw, y_top + ph)
    p2 = (x2f + w - pw, y_pads_low - ph, x2f + w, y_pads_low)
    p4 = (x2f + w + clear, y_pads_low - ph, x2f + w + clear + pw, y_pads_low)
    x_right = max(p3[2], p4[2]) + clear                             # node-3 riser
    x_far = x_right + 2 * span + clear                              # node-4 riser
    film(x1f, y1, x1f + w, y_top)                                   # node 1 up into its pad
    film(x2f, y_pads_low, x2f + w, y_bus)                           # node 2 down into its pad
    film(x3f, y_corr, x3f + w, y_bus)                               # node 3: down, right, up, into its pad
    film(x3f, y_corr, x_right + w, y_corr + w)
    film(x_right, y_corr, x_right + w, y_top + ph // 2 + w)
    film(p3[2], y_top + ph // 2, x_right + w, y_top + ph // 2 + w)
    film(x4f, y1, x4f + w, y_cross + w)                             # node 4: up, right (bridge), down, into pad
    a_end, b_start = x_right - span, x_right + w + span             # feed ends either side of node 3's riser
    film(x4f, y_cross, a_end, y_cross + w)
    film(b_start, y_cross, x_far + w, y_cross + w)
    lo, hi = y_cross + w // 2 - span // 2, y_cross + w // 2 + span - span // 2
    for x in (a_end - span, b_start):                               # the bridge's landing pads
        film(x, lo, x + span, hi)
    bridge = (a_end - span, lo, b_start + span, hi)
    rectangle(cell, proc, "airbridge", *bridge)
    y_low = p4[1] - clear
    film(x_far, y_low, x_far + w, y_cross + w)
    xm = (p4[0] + p4[2]) // 2
    film(xm, y_low, x_far + w, y_low + w)
    film(xm, y_low, xm + w, p4[1])
    pads = {1: p1, 3: p3, 2: p2, 4: p4}
    for pad in pads.values():
        for role in ("film", "pads"):
            rectangle(cell, proc, role, *pad)
    return pads, bridge
