"""Design-rule check: minimum width and minimum spacing per layer, with gdstk offsets and booleans.

Width: the layer is merged, opened (eroded by (w_min − grid)/2, dilated back, mitred joins) and what the opening
removes is narrower than w_min. Spacing: the layer is closed (dilated by (s_min − grid)/2, eroded back) and what
the closing adds is a gap narrower than s_min. The one-grid-step allowance accepts features drawn exactly at the
rule whose slanted edges were snapped to the grid; anything narrower by more than one grid step is reported.
Each violation carries its bounding box and centre in metres.
"""
from __future__ import annotations

from dataclasses import dataclass

import gdstk

from .process import UNIT_M, load_process


@dataclass(frozen=True)
class Violation:
    """One rule violation: ``rule`` is "min_width" or "min_space"; coordinates and sizes in metres."""

    rule: str
    layer: str
    limit_m: float
    bbox_m: tuple[tuple[float, float], tuple[float, float]]
    area_m2: float

    @property
    def center_m(self) -> tuple[float, float]:
        """Centre of the violating region's bounding box."""
        (x0, y0), (x1, y1) = self.bbox_m
        return ((x0 + x1) / 2, (y0 + y1) / 2)

    def to_dict(self) -> dict:
        """JSON record."""
        return {"rule": self.rule, "layer": self.layer, "limit_m": self.limit_m,
                "bbox_m": [list(p) for p in self.bbox_m], "center_m": list(self.center_m), "area_m2": self.area_m2}

    def __str__(self) -> str:
        x, y = self.center_m
        return (f"{self.rule} {self.limit_m * 1e9:g} nm on layer {self.layer} violated at "
                f"({x * 1e6:.4f} µm, {y * 1e6:.4f} µm)")


def _top_cells(item) -> list[gdstk.Cell]:
    if isinstance(item, gdstk.Library):
        return item.top_level()
    if hasattr(item, "cell"):
        return [item.cell]
    if isinstance(item, gdstk.Cell):
        return [item]
    return [c for it in item for c in _top_cells(it)]


def _report(polys, rule, layer, limit_um, min_area) -> list[Violation]:
    out = []
    for p in polys:
        area = p.area()
        if area > min_area:
            (x0, y0), (x1, y1) = p.bounding_box()
            out.append(Violation(rule, layer, limit_um * UNIT_M, ((x0 * UNIT_M, y0 * UNIT_M),
                                                                  (x1 * UNIT_M, y1 * UNIT_M)), area * UNIT_M ** 2))
    return out


def drc(cell_or_library, process=None) -> list[Violation]:
    """Check minimum width and spacing of every process layer with rules; returns the violations (empty: clean).

    Accepts a gdstk Cell, a Library (its top-level cells), a layout result with ``.cell``, or a list of these.
    Regions smaller in area than a quarter grid step times the rule are numerical slivers and are ignored.
    """
    proc = load_process(process or "default")
    grid = proc.grid_um
    prec = grid / 100
    found: list[Violation] = []
    for top in _top_cells(cell_or_library):
        for lay in proc.layers:
            polys = top.get_polygons(layer=lay.layer, datatype=lay.datatype)
            if not polys:
                continue
            merged = gdstk.boolean(polys, [], "or", precision=prec)
            if lay.min_width_m:
                lim = lay.min_width_m / UNIT_M
                d = (lim - grid) / 2
                opened = gdstk.offset(gdstk.offset(merged, -d, precision=prec), d, precision=prec,
                                      use_union=True)
                narrow = gdstk.boolean(merged, opened, "not", precision=prec)
                found += _report(narrow, "min_width", lay.name, lim, 0.25 * grid * lim)
            if lay.min_space_m:
                lim = lay.min_space_m / UNIT_M
                d = (lim - grid) / 2
                closed = gdstk.offset(gdstk.offset(merged, d, precision=prec, use_union=True), -d, precision=prec)
                gaps = gdstk.boolean(closed, merged, "not", precision=prec)
                found += _report(gaps, "min_space", lay.name, lim, 0.25 * grid * lim)
    return found
