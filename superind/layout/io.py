"""Layouts as files: GDS (fixed timestamp, verified by reading back), KLayout layer properties (.lyp), SVG preview.

``gds_bytes``, ``svg_text`` and ``lyp_text`` return a file's content, so a transactional
``superind.files.OutputSet`` can write a whole set; ``write_gds``, ``write_lyp`` and ``write_svg`` write one
file through the same machinery (temporary file, fsync, ``os.replace``).

gdstk writes through C stdio and reports no write error: on a full disk (measured with gdstk 1.0.2 on a 64 kB
tmpfs) ``write_gds`` and ``write_svg`` return normally and leave a short file. So each GDS is written to a private
in-memory file, read back with gdstk and compared with the library (cells, polygons, labels, bounding box), and
only these checked bytes are written to disk (by Python, which does report errors). GDS files carry a fixed
timestamp, so identical input gives byte-identical files; polygons are written with ``max_points = 4094`` (superind
keeps every polygon within that; gdstk's default of 199 would split a meander into dozens of pieces). gdstk names
each SVG polygon by its memory address (``id="0x55…"``); those ids are dropped, so an SVG is the same in every run.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import gdstk

from ..errors import InputError
from ..files import SAFE_NAME, OutputError, capture, write_bytes_atomic
from .meander import MAX_VERTICES
from .process import UNIT_M, Process, load_process

#: the timestamp stored in every GDS file written by superind
TIMESTAMP = datetime.datetime(2000, 1, 1, 0, 0, 0)
#: the GDSII stream's first record (HEADER, version) and last record (ENDLIB)
_GDS_HEADER, _GDS_ENDLIB = b"\x00\x06\x00\x02", b"\x00\x04\x04\x00"
#: gdstk's SVG ids of polygons and labels are their memory addresses
_POINTER_ID = re.compile(r'(<(?:polygon|text) )id="[^"]*" ')


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


def check_cell_names(cells) -> None:
    """Refuse a cell name that could not be written as it is: gdstk puts it into the GDS structure name and into
    SVG ids (``<g id="NAME">``) without escaping. The rule is that of design names (``superind.files.safe_stem``),
    which become cell names."""
    for cell in cells:
        if not (isinstance(cell.name, str) and SAFE_NAME.fullmatch(cell.name)):
            raise InputError(f"cell name {cell.name!r}: use 1 to 100 letters, digits, '_', '-' or '.', starting with "
                             f"a letter, digit or '_' (it names a GDS structure and an SVG element)")


def library(items, process=None) -> gdstk.Library:
    """A gdstk Library (unit 1 µm, precision = process grid) holding ``items`` and every cell they reference."""
    proc = load_process(process or "default")
    cells = _cells(items)
    check_cell_names(cells)
    names = [c.name for c in cells]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise InputError(f"two different cells are named {', '.join(dup)}; give each layout a distinct name")
    lib = gdstk.Library("superind", unit=UNIT_M, precision=proc.grid_m)
    for c in cells:
        lib.add(c)
    return lib


@dataclass(frozen=True)
class GdsSummary:
    """What a GDS library holds: cell names (sorted), polygons (paths and repetitions expanded, references not
    followed, split as written with ``max_points = 4094``), labels, the bounding box of the top cells (m) and the
    database unit (m)."""

    cells: tuple[str, ...]
    polygons: int
    labels: int
    bounding_box_m: tuple[float, float, float, float] | None
    precision_m: float

    @classmethod
    def of(cls, lib: gdstk.Library) -> "GdsSummary":
        """The summary of ``lib`` as ``write_gds`` stores it."""
        tol = lib.precision / lib.unit
        polygons = sum(len(p.fracture(MAX_VERTICES, tol)) if p.size > MAX_VERTICES else 1
                       for c in lib.cells for p in c.get_polygons(depth=0))
        labels = sum(len(c.get_labels(depth=0)) for c in lib.cells)
        boxes = [b for b in (c.bounding_box() for c in lib.top_level() if isinstance(c, gdstk.Cell)) if b is not None]
        box = None
        if boxes:
            box = tuple(v * lib.unit for v in (min(b[0][0] for b in boxes), min(b[0][1] for b in boxes),
                                               max(b[1][0] for b in boxes), max(b[1][1] for b in boxes)))
        return cls(tuple(sorted(c.name for c in lib.cells)), polygons, labels, box, lib.precision)

    def matches(self, other: "GdsSummary") -> bool:
        """Same cells, polygon and label counts, and bounding box within one database unit (grid rounding)."""
        if (self.cells, self.polygons, self.labels) != (other.cells, other.polygons, other.labels):
            return False
        if self.bounding_box_m is None or other.bounding_box_m is None:
            return self.bounding_box_m == other.bounding_box_m
        tol_m = 1.01 * max(self.precision_m, other.precision_m)
        return all(abs(a - b) <= tol_m for a, b in zip(self.bounding_box_m, other.bounding_box_m))


def verify_gds(path, expected) -> GdsSummary:
    """Read the GDS file ``path`` back with gdstk and compare it with ``expected`` (a Library or GdsSummary).

    Catches what gdstk does not report: a file cut short by a full disk or a failing write. The bounding box
    may differ by one database unit (coordinates are rounded to the grid). Raises OutputError."""
    want = expected if isinstance(expected, GdsSummary) else GdsSummary.of(expected)
    with open(path, "rb") as fh:
        head = fh.read(4)
        size = fh.seek(0, 2)
        fh.seek(max(size - 4, 0))
        tail = fh.read(4)
    if head != _GDS_HEADER or tail != _GDS_ENDLIB:
        raise OutputError(f"the GDS file {str(path)!r} is incomplete ({size} bytes, no end-of-library record); "
                          f"the disk may be full: free some space and write it again")
    try:
        got = GdsSummary.of(gdstk.read_gds(str(path)))
    except (OSError, RuntimeError) as exc:
        raise OutputError(f"the GDS file {str(path)!r} cannot be read back ({exc}); write it again") from None
    if not got.matches(want):
        raise OutputError(f"the GDS file {str(path)!r} read back holds {got.polygons} polygons in {len(got.cells)} "
                          f"cells, not the {want.polygons} in {len(want.cells)} written; write it again")
    return got


def gds_bytes(cells_or_library, process=None) -> bytes:
    """The GDS file of cells (or a Library, or layout results with ``.cell``): fixed timestamp, ≤ 4094 vertices per
    polygon, written in memory and verified by reading it back (``verify_gds``)."""
    lib = cells_or_library if isinstance(cells_or_library, gdstk.Library) else library(cells_or_library, process)
    expected = GdsSummary.of(lib)

    def write(path: str) -> None:
        lib.write_gds(path, max_points=MAX_VERTICES, timestamp=TIMESTAMP)
        verify_gds(path, expected)

    return capture(write)


def write_gds(path, cells_or_library, process=None) -> Path:
    """Write cells (or a Library, or layout results with ``.cell``) to a verified GDS file, atomically."""
    return write_bytes_atomic(path, gds_bytes(cells_or_library, process))


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
    return write_bytes_atomic(path, lyp_text(load_process(process or "default")).encode("utf-8"))


def svg_text(cell, process=None, pixels: int = 1200) -> str:
    """An SVG preview of ``cell`` (a gdstk Cell or a result with ``.cell``), ~``pixels`` across, white background,
    process colours. Deterministic: the same cell gives the same text in every process (no memory-address ids)."""
    proc = load_process(process or "default")
    cell = cell.cell if hasattr(cell, "cell") else cell
    bbox = cell.bounding_box()
    if bbox is None:
        raise InputError(f"cell '{cell.name}' is empty; nothing to preview")
    check_cell_names([cell, *cell.dependencies(True)])
    (x0, y0), (x1, y1) = bbox
    scaling = pixels / max(x1 - x0, y1 - y0)
    style = {(lay.layer, lay.datatype): {"fill": lay.color, "stroke": "none",
                                         "fill-opacity": "0.5" if lay.name == "pads" else "0.9"}
             for lay in proc.layers}
    raw = capture(lambda path: cell.write_svg(path, scaling=scaling, shape_style=style, background="#ffffff"))
    text = raw.decode("utf-8")
    if not text.rstrip().endswith("</svg>"):
        raise OutputError(f"the SVG preview of cell '{cell.name}' came out incomplete ({len(raw)} bytes)")
    return _POINTER_ID.sub(r"\1", text)


def write_svg(path, cell, process=None, pixels: int = 1200) -> Path:
    """Write the SVG preview of ``cell`` (``svg_text``) to ``path``, atomically."""
    return write_bytes_atomic(path, svg_text(cell, process, pixels).encode("utf-8"))
