"""Contact pads, shunt pads and text labels.

A contact pad is a square of film with the same square of thick pad metal on top: the metal shorts the film, so
the pad edge is an equipotential and a wire's electrical squares are counted up to it. Labels are gdstk text on
the labels layer (no design rules). Positions are in grid units of the process unless named ``_m``.
"""
from __future__ import annotations

import gdstk
import numpy as np

from ..errors import InputError
from ..units import check_value
from .process import Process


def rectangle(cell: gdstk.Cell, process: Process, role: str, x0: int, y0: int, x1: int, y1: int) -> None:
    """Add the axis-parallel rectangle (x0, y0)–(x1, y1) (grid units) on layer ``role``."""
    pts = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], float) * process.grid_um
    cell.add(gdstk.Polygon(pts, **process.layer(role).spec))


def pad_steps(process: Process, size_m: float, name: str = "pad size") -> int:
    """A pad edge length in grid steps, checked against the pads layer's minimum width."""
    check_value(float(size_m), name)
    n = process.grid_steps(size_m)
    lim = process.layer("pads").min_width_m
    if lim is not None and n * process.grid_m < lim * (1 - 1e-9):
        raise InputError(f"{name} = {size_m * 1e6:.4g} µm is below the pads layer minimum width "
                         f"{lim * 1e6:.4g} µm of process '{process.name}'")
    return n


def contact_pad(cell: gdstk.Cell, process: Process, end, w: int, side: str, size_m: float) -> tuple:
    """A square contact pad (film + pad metal) touching a wire end.

    ``end = (x, y)`` is the wire's end cross-section: the wire occupies y … y + w at x. ``side`` ("west" or
    "east") says on which side of x the pad lies. The pad is centred on the wire (its height grows by one grid
    step when needed to stay on the grid). Returns the pad's (x0, y0, x1, y1) in grid units.
    """
    size = pad_steps(process, size_m)
    height = size + ((size - w) % 2)
    x, y = end
    y0 = y - (height - w) // 2
    x0, x1 = (x - size, x) if side == "west" else (x, x + size)
    for role in ("film", "pads"):
        rectangle(cell, process, role, x0, y0, x1, y0 + height)
    return x0, y0, x1, y0 + height


def label(cell: gdstk.Cell, process: Process, text: str, origin, height_m: float) -> None:
    """Text ``text`` with its lower-left corner at ``origin`` (grid units), letters ``height_m`` tall."""
    check_value(float(height_m), "label height")
    size_um = height_m * 1e6
    pos = (origin[0] * process.grid_um, origin[1] * process.grid_um)
    for poly in gdstk.text(text, size_um, pos, **process.layer("labels").spec):
        cell.add(poly)
