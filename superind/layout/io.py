"""Writing layouts: GDS (fixed timestamp, atomic), KLayout layer properties (.lyp), SVG preview.

Every file is written to a temporary file in the destination folder and moved into place with ``os.replace``,
so a failed write leaves no partial file. GDS files carry a fixed timestamp, hence identical input gives
byte-identical files (gdstk otherwise stamps the current time). Polygons are written with
``max_points = 4094``: superind keeps every polygon within that, so nothing is fractured on writing
(gdstk's default of 199 would split a meander into dozens of pieces).
"""
from __future__ import annotations

import datetime
from pathlib import Path
from xml.sax.saxutils import escape

import gdstk

from ..errors import InputError
from ..atomic import atomic_write
from .meander import MAX_VERTICES
from .process import UNIT_M, Process, load_process

#: the timestamp stored in every GDS file written by superind
TIMESTAMP = datetime.datetime(2000, 1, 1, 0, 0, 0)


def _cells(items) -> list[gdstk.Cell]:
    if isinstance(items, gdstk.Library):
        return list(items.cells)
    if isinstance(items, (gdstk.Cell,)) or hasattr(items, "cell"):
        items = [items]
    out: list[gdstk.Cell] = []
    for item in items:
        cell = item.cell if hasattr(item, "cell") else item
        if not isinstance(cell, gdstk.Cell):
            raise InputError(f"cannot write {type(item).__name__} to GDS; give cells or layout results")
        for c in [cell, *cell.dependencies(True)]:
            if not any(c is o for o in out):
                out.append(c)
    return out


def library(items, process=None) -> gdstk.Library:
    """A gdstk Library (unit 1 µm, precision = process grid) holding ``items`` and every cell they reference."""
    proc = load_process(process or "default")
    cells = _cells(items)
    names = [c.name for c in cells]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise InputError(f"two different cells are named {', '.join(dup)}; give each layout a distinct name")
    lib = gdstk.Library("superind", unit=UNIT_M, precision=proc.grid_m)
    for c in cells:
        lib.add(c)
    return lib


def write_gds(path, cells_or_library, process=None) -> Path:
    """Write cells (or a Library, or layout results with ``.cell``) to a GDS file, atomically, fixed timestamp."""
    lib = cells_or_library if isinstance(cells_or_library, gdstk.Library) else library(cells_or_library, process)
    return atomic_write(path, lambda tmp: lib.write_gds(tmp, max_points=MAX_VERTICES, timestamp=TIMESTAMP))


def lyp_text(process: Process) -> str:
    """KLayout layer-properties XML naming every process layer ("film 1/0") with its colour."""
    entries = []
    for lay in process.layers:
        entries.append(
            "  <properties>\n"
            f"   <frame-color>{lay.color}</frame-color>\n   <fill-color>{lay.color}</fill-color>\n"
            "   <frame-brightness>0</frame-brightness>\n   <fill-brightness>0</fill-brightness>\n"
            f"   <dither-pattern>{'I0' if lay.name == 'pads' else 'I5'}</dither-pattern>\n"
            "   <valid>true</valid>\n   <visible>true</visible>\n   <transparent>false</transparent>\n"
            "   <width>1</width>\n   <marked>false</marked>\n   <animation>0</animation>\n"
            f"   <name>{escape(lay.name)} {lay.layer}/{lay.datatype} — {escape(lay.description)}</name>\n"
            f"   <source>{lay.layer}/{lay.datatype}@1</source>\n"
            "  </properties>\n")
    return '<?xml version="1.0" encoding="utf-8"?>\n<layer-properties>\n' + "".join(entries) + \
        "</layer-properties>\n"


def write_lyp(path, process=None) -> Path:
    """Write the KLayout ``.lyp`` layer-properties file of ``process`` (layer names and colours), atomically."""
    text = lyp_text(load_process(process or "default"))
    return atomic_write(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))


def write_svg(path, cell, process=None, pixels: int = 1200) -> Path:
    """Write an SVG preview of ``cell`` (a gdstk Cell or a result with ``.cell``), ~``pixels`` across."""
    proc = load_process(process or "default")
    cell = cell.cell if hasattr(cell, "cell") else cell
    bbox = cell.bounding_box()
    if bbox is None:
        raise InputError(f"cell '{cell.name}' is empty; nothing to preview")
    (x0, y0), (x1, y1) = bbox
    scaling = pixels / max(x1 - x0, y1 - y0)
    style = {(lay.layer, lay.datatype): {"fill": lay.color, "stroke": "none",
                                         "fill-opacity": "0.5" if lay.name == "pads" else "0.9"}
             for lay in proc.layers}
    return atomic_write(path, lambda tmp: cell.write_svg(tmp, scaling=scaling, shape_style=style,
                                                         background="#ffffff"))
