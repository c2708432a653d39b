"""A chip: many layout variants (e.g. a width sweep) placed in a grid with a text label over each.

Cells are placed by reference (``gdstk.Reference``), so a variant is stored once. Every column is as wide as its
widest cell, every row as tall as its tallest cell plus its labels, with ``spacing_m`` between neighbours, so no
two cells or labels overlap. Origins are on the process grid.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import gdstk
import numpy as np

from ..errors import InputError
from ..units import check_value
from .meander import cell_bbox_m, cell_record
from .pads import label
from .process import load_process


@dataclass(frozen=True)
class ChipLayout:
    """The chip cell and where each variant went (``placements``: name, label, origin and bbox in metres)."""

    cell: gdstk.Cell
    placements: tuple[dict, ...]

    @property
    def bbox_m(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """Bounding box of the chip in metres."""
        return cell_bbox_m(self.cell)

    def to_dict(self) -> dict:
        """JSON record."""
        return {"cell": self.cell.name, "variants": len(self.placements), "placements": list(self.placements),
                **cell_record(self.cell)}


def _default_label(item) -> str:
    if hasattr(item, "width_m"):
        text = f"{item.cell.name} w={item.width_m * 1e9:.0f}nm"
        return text + (f" L={item.L_k_H * 1e9:.4g}nH" if item.L_k_H is not None else f" N={item.squares_electrical:.1f}")
    return item.name


def _text_width(text: str, height_um: float) -> float:
    (x0, _), (x1, _) = gdstk.Cell("_").add(*gdstk.text(text, height_um, (0, 0))).bounding_box()
    return x1 - x0


def chip(results_or_cells, *, columns=None, spacing_m=20e-6, labels=None, label_height_m=4e-6, die_m=None,
         process=None, name="chip") -> ChipLayout:
    """Place layout results (or gdstk cells) in a grid with labels; every cell name must be unique.

    Args:
        columns: cells per row (default ⌈√n⌉); spacing_m: clear space between neighbours and around labels.
        labels: one text per item (default: cell name, width and L_k or squares); label_height_m: letter height.
        die_m: (X, Y) die size; a layout that does not fit raises InputError saying by how much.
    """
    proc = load_process(process or "default")
    items = list(results_or_cells)
    if not items:
        raise InputError("a chip needs at least one cell")
    cells = [it.cell if hasattr(it, "cell") else it for it in items]
    names = [c.name for c in cells]
    if len(set(names)) != len(names):
        raise InputError("chip variants need distinct cell names (pass name=… when building each variant)")
    texts = [_default_label(it) for it in items] if labels is None else [str(t) for t in labels]
    if len(texts) != len(items):
        raise InputError(f"{len(texts)} labels for {len(items)} cells; give one label per cell")
    gap = proc.grid_steps(check_value(float(spacing_m), "spacing"))
    lab = proc.grid_steps(check_value(float(label_height_m), "label height"))
    boxes = np.array([np.rint(np.array(c.bounding_box()) / proc.grid_um).ravel() for c in cells], np.int64)
    size = boxes[:, 2:] - boxes[:, :2]
    ncol = columns or math.ceil(math.sqrt(len(items)))
    ncol = int(check_value(float(ncol), "columns"))
    col, row = np.arange(len(items)) % ncol, np.arange(len(items)) // ncol
    text_w = np.array([_text_width(t, lab * proc.grid_um) / proc.grid_um for t in texts])
    col_w = np.zeros(ncol, np.int64)
    np.maximum.at(col_w, col, np.maximum(size[:, 0], np.ceil(text_w).astype(np.int64)))
    nrow = int(row.max()) + 1
    row_h = np.zeros(nrow, np.int64)
    np.maximum.at(row_h, row, size[:, 1] + lab + gap)
    x0 = np.concatenate([[0], np.cumsum(col_w + gap)[:-1]])
    y0 = -np.concatenate([[0], np.cumsum(row_h + gap)[:-1]]) - row_h
    top = gdstk.Cell(name)
    placements = []
    for k, (c, text) in enumerate(zip(cells, texts)):
        ox, oy = int(x0[col[k]]), int(y0[row[k]])
        top.add(gdstk.Reference(c, ((ox - boxes[k, 0]) * proc.grid_um, (oy - boxes[k, 1]) * proc.grid_um)))
        label(top, proc, text, (ox, oy + size[k, 1] + gap // 2), lab * proc.grid_m)
        placements.append({"cell": c.name, "label": text, "origin_m": [ox * proc.grid_m, oy * proc.grid_m],
                           "bbox_m": [[ox * proc.grid_m, oy * proc.grid_m],
                                      [(ox + size[k, 0]) * proc.grid_m, (oy + size[k, 1]) * proc.grid_m]]})
    result = ChipLayout(top, tuple(placements))
    if die_m is not None:
        (bx0, by0), (bx1, by1) = result.bbox_m
        over = (bx1 - bx0 - float(die_m[0]), by1 - by0 - float(die_m[1]))
        if max(over) > 0:
            raise InputError(f"the variants need {(bx1 - bx0) * 1e3:.4g} mm × {(by1 - by0) * 1e3:.4g} mm, more "
                             f"than the {die_m[0] * 1e3:.4g} mm × {die_m[1] * 1e3:.4g} mm die (over by "
                             f"{max(over[0], 0) * 1e3:.4g} mm in x, {max(over[1], 0) * 1e3:.4g} mm in y)")
    return result
