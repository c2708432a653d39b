"""Meandered nanowire superinductors that meet a target length, square count or inductance in a footprint.

Geometry (grid units, integers): row k of the meander occupies k·p ≤ y ≤ k·p + w with pitch p = w + g, its
straight part runs 0 ≤ x ≤ s, and rows are joined by turns of one style (``square``, ``round``, ``optimal``;
shapes in :mod:`.squares`) alternately on the right (x ≥ s) and on the left (x ≤ 0). The number of rows is odd,
so the leads leave on opposite sides. The whole wire is one polygon (the mitred offset of its centreline), split
at row middles only when it would exceed the GDS-safe 4094 vertices; arcs are explicit vertices on the grid.

Bookkeeping: ``length_m`` is the drawn centreline length, computed from the drawn (snapped) polygons as
area / w — exact for a band of constant width, so GDS area / width equals it by construction; electrical squares
are ℓ/w plus the turn corrections of :mod:`.squares` (docs/theory/layout.md); ``L_k_H = L_k,□ · N_□,electrical``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import gdstk
import numpy as np

from ..errors import InputError
from ..units import check_value, quantities
from .process import UNIT_M, Process, load_process
from .squares import (STYLES, corner_correction, optimal_tip_radius, round_segments, turn_correction, turn_outline,
                      turn_region)

#: vertices per polygon kept below KLayout's and the GDS record's comfortable limit
MAX_VERTICES = 4094


@dataclass(frozen=True)
class WireCell:
    """A drawn film wire and its bookkeeping. Lengths in metres, inductance in henry.

    ``squares_geometric = length_m / width_m``; ``squares_electrical`` is the Laplace square count between the
    wire's two ends (pad edges when pads are drawn); ``L_k_H = sheet_inductance_H · squares_electrical`` when a
    sheet inductance (H/□) was given. ``bbox_m`` is ((x0, y0), (x1, y1)) of the whole cell.
    """

    cell: gdstk.Cell
    width_m: float
    gap_m: float | None
    turn: str | None
    turns: int
    corners: int
    length_m: float
    squares_geometric: float
    squares_electrical: float
    sheet_inductance_H: float | None
    footprint_m: tuple[float, float]
    info: dict = field(default_factory=dict)

    def __post_init__(self):  # grid multiples in metres without float noise (100 × 1e-9 m is 1e-07, not …0001e-07)
        clean = lambda v: float(f"{v:.12g}") if isinstance(v, float) else v
        for name in ("width_m", "gap_m", "length_m"):
            object.__setattr__(self, name, clean(getattr(self, name)))
        object.__setattr__(self, "footprint_m", tuple(clean(v) for v in self.footprint_m))
        for key, v in list(self.info.items()):
            if key.endswith("_m") and isinstance(v, float):
                self.info[key] = clean(v)

    @property
    def L_k_H(self) -> float | None:
        """Kinetic inductance L_k,□ · N_□ (H), or None without a sheet inductance."""
        return None if self.sheet_inductance_H is None else self.sheet_inductance_H * self.squares_electrical

    @property
    def bbox_m(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """Bounding box of the cell in metres."""
        return cell_bbox_m(self.cell)

    def to_dict(self) -> dict:
        """The JSON record (SI, unit-suffixed keys)."""
        out = {"cell": self.cell.name, "width_m": self.width_m, "gap_m": self.gap_m, "turn": self.turn,
               "turns": self.turns, "corners": self.corners, "length_m": self.length_m,
               "squares_geometric": self.squares_geometric, "squares_electrical": self.squares_electrical,
               "sheet_inductance_H": self.sheet_inductance_H, "L_k_H": self.L_k_H,
               "footprint_m": list(self.footprint_m), **cell_record(self.cell)}
        out.update(self.info)
        return out


def cell_bbox_m(cell: gdstk.Cell) -> tuple[tuple[float, float], tuple[float, float]]:
    """((x0, y0), (x1, y1)) of a cell in metres."""
    (x0, y0), (x1, y1) = cell.bounding_box()
    return ((x0 * UNIT_M, y0 * UNIT_M), (x1 * UNIT_M, y1 * UNIT_M))


def cell_record(cell: gdstk.Cell) -> dict:
    """Bounding box [m] and polygon/vertex counts of a cell (shared by every layout record)."""
    polys = cell.get_polygons()
    return {"bbox_m": [list(p) for p in cell_bbox_m(cell)], "polygons": len(polys),
            "vertices": int(sum(len(p.points) for p in polys))}


# ------------------------------------------------------------------------------------------ inputs
def sheet_inductance(value) -> float | None:
    """A sheet inductance in H/□ from a float or a Film-like object with ``sheet_kinetic_inductance()``."""
    if value is None:
        return None
    if hasattr(value, "sheet_kinetic_inductance"):
        value = value.sheet_kinetic_inductance()
    return check_value(float(value), "sheet inductance (H/sq)")


def on_grid(value_m, name: str, process: Process, role: str | None = None, rule: str = "min_width_m") -> int:
    """A positive length in whole grid steps; rejects NaN/≤0, off-grid values and values below a layer rule."""
    try:
        x = float(value_m)
    except (TypeError, ValueError):
        raise InputError(f"{name}: '{value_m}' is not a length in metres") from None
    check_value(x, name)
    steps = x / process.grid_m
    if abs(steps - round(steps)) > 1e-6 * max(1.0, steps) or round(steps) == 0:
        raise InputError(f"{name} = {x:g} m is not a multiple of the {process.grid_m:g} m grid of process "
                         f"'{process.name}'; round it to the grid")
    if role is not None:
        lim = getattr(process.layer(role), rule)
        if lim is not None and x < lim * (1 - 1e-9):
            what = "minimum width" if rule == "min_width_m" else "minimum spacing"
            raise InputError(f"{name} = {x * 1e9:.4g} nm is below the {what} {lim * 1e9:.4g} nm of layer "
                             f"'{role}' in process '{process.name}'")
    return int(round(steps))


def target_squares(length_m, squares, inductance_H, sheet_H):
    """The one target: ("length", metres) or ("squares", N); an inductance becomes N = L / L_k,□."""
    given = [k for k, v in (("length", length_m), ("squares", squares), ("inductance", inductance_H))
             if v is not None]
    if len(given) != 1:
        raise InputError("give exactly one target: a length, a number of squares, or an inductance with a film")
    if length_m is not None:
        return "length", check_value(float(length_m), "length")
    if squares is not None:
        return "squares", check_value(float(squares), "squares")
    if sheet_H is None:
        raise InputError("an inductance target needs the film's sheet inductance (give the film, e.g. "
                         "--material TiN --rsq '1.5 kOhm' --tc '2 K')")
    return "squares", check_value(float(inductance_H), "inductance") / sheet_H


def check_turn(style: str, w: int, g: int, process: Process) -> None:
    """Reject a turn style the process cannot draw: an optimal hairpin's slit tip (radius ρ, see
    :func:`.squares.optimal_tip_radius`) must hold a disc of the minimum spacing, ρ ≥ (s_min − grid)/2."""
    if style not in STYLES:
        raise InputError(f"turn style '{style}' unknown; use one of {', '.join(STYLES)}")
    space = process.layer("film").min_space_m
    if style != "optimal" or not space:
        return
    need = (space / process.grid_m - 1) / 2
    if optimal_tip_radius(w, g) < need:
        from scipy.optimize import brentq

        g_min = brentq(lambda x: optimal_tip_radius(w, x) - need, g, 1e3 * (w + g))
        raise InputError(f"optimal turns with gap {g * process.grid_m * 1e9:.4g} nm narrow the slit tip below "
                         f"the minimum spacing {space * 1e9:.4g} nm; use gap ≥ "
                         f"{math.ceil(g_min) * process.grid_m * 1e9:.4g} nm or round turns")


# ------------------------------------------------------------------------------------------ geometry
@lru_cache(maxsize=64)
def turn_template(style: str, w: int, g: int):
    """Snapped turn (grid units): inner and outer int64 boundaries, x-extent, centreline length area/w."""
    if style not in STYLES:
        raise InputError(f"turn style '{style}' unknown; use one of {', '.join(STYLES)}")
    inner, outer, _ = turn_outline(style, float(w), float(g), segments=round_segments(w, g, 0.25)
                                   if style == "round" else 24, tol=0.01)
    inner, outer = np.rint(inner).astype(np.int64), np.rint(outer).astype(np.int64)
    area2 = abs(shoelace2(turn_region(inner, outer, w, g)))
    return inner, outer, int(max(outer[:, 0].max(), inner[:, 0].max())), area2 / (2 * w)


def shoelace2(pts: np.ndarray) -> int:
    """Twice the signed area of an integer polygon (exact int64 arithmetic)."""
    x, y = pts[:, 0], pts[:, 1]
    return int(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))


def clean(pts: np.ndarray) -> np.ndarray:
    """Drop repeated and collinear interior points of an integer polyline (end points kept)."""
    keep = np.ones(len(pts), bool)
    keep[1:] = np.any(pts[1:] != pts[:-1], axis=1)
    pts = pts[keep]
    d = np.diff(pts, axis=0)
    cross = d[:-1, 0] * d[1:, 1] - d[:-1, 1] * d[1:, 0]
    dot = np.sum(d[:-1] * d[1:], axis=1)
    keep = np.ones(len(pts), bool)
    keep[1:-1] = (cross != 0) | (dot < 0)
    return pts[keep]


def offset_polyline(centre: np.ndarray, w: int):
    """Left and right edges (integer) of a wire of width ``w`` along an axis-parallel centreline, mitred joins."""
    c = np.asarray(centre, float)
    d = np.diff(c, axis=0)
    d /= np.hypot(d[:, 0], d[:, 1])[:, None]
    n = np.stack([-d[:, 1], d[:, 0]], axis=1)
    nv = np.concatenate([n[:1], n[:-1] + n[1:], n[-1:]])
    nv[1:-1] /= (1 + np.sum(n[:-1] * n[1:], axis=1))[:, None]
    off = nv * (w / 2)
    return np.rint(c + off).astype(np.int64), np.rint(c - off).astype(np.int64)


def body_chunks(style: str, w: int, g: int, n: int, s: int, lead_a: int, lead_b: int):
    """Left/right edges of the meander wire, split into chunks of ≤ MAX_VERTICES vertices (grid units)."""
    p = w + g
    start = (np.array([[-lead_a, w]]), np.array([[-lead_a, 0]]))
    if n == 1:
        return [[np.concatenate([start[0], [[s + lead_b, w]]]), np.concatenate([start[1], [[s + lead_b, 0]]])]]
    inner, outer, _, _ = turn_template(style, w, g)
    mir = np.array([-1, 1])
    pair_l = np.concatenate([inner + [s, 0], outer * mir + [0, p]])
    pair_r = np.concatenate([outer + [s, 0], inner * mir + [0, p]])
    pairs = (n - 1) // 2
    per = max(1, (MAX_VERTICES - 8) // (len(pair_l) + len(pair_r)))
    cut = s // 2
    chunks = []
    for a in range(0, pairs, per):
        b = min(pairs, a + per)
        shift = np.zeros((b - a, 1, 2), np.int64)
        shift[:, 0, 1] = 2 * p * np.arange(a, b)
        body_l = (pair_l[None] + shift).reshape(-1, 2)
        body_r = (pair_r[None] + shift).reshape(-1, 2)
        x_end = s + lead_b if b == pairs else cut
        head_l, head_r = start if a == 0 else ([[cut, 2 * a * p + w]], [[cut, 2 * a * p]])
        chunks.append([np.concatenate([head_l, body_l, [[x_end, 2 * b * p + w]]]),
                       np.concatenate([head_r, body_r, [[x_end, 2 * b * p]]])])
    return chunks


def add_wire(cell: gdstk.Cell, chunks, process: Process, w: int) -> float:
    """Add the wire chunks to ``cell`` on the film layer; return the drawn centreline length area/w (grid)."""
    spec = process.layer("film").spec
    area2 = 0
    for left, right in chunks:
        pts = np.concatenate([clean(left), clean(right)[::-1]])
        area2 += abs(shoelace2(pts))
        cell.add(gdstk.Polygon(pts * process.grid_um, **spec))
    return area2 / (2 * w)


# ------------------------------------------------------------------------------------------ planning
def plan_rows(kind, target, w, g, style, grid_m, *, footprint=None, extra_rows=0, fixed=lambda n: 0.0,
              corners=0):
    """Choose the odd row count n and straight length s (grid units) that meet the target.

    Total centreline length ℓ(n, s) = (n + extra_rows)·s + (n−1)·ℓ_turn + fixed(n); squares
    N = ℓ/w + (n−1)·c_turn + corners·c_corner. With a footprint (X, Y) in grid units the body
    (s + 2·extent) × (n·w + (n−1)·g) must fit; otherwise the body is made about square.
    Returns (n, s_exact, target_length_grid(n)).
    """
    from ..limits import check_count

    check_count((target if kind == "length" else w * grid_m * target), "max_meander_length_m", "m of wire",
                "the length, squares or inductance target")
    _, _, ext, l_turn = turn_template(style, w, g) if style else (None, None, 0, 0.0)
    c_turn = turn_correction(style, w, g) if style else 0.0
    if footprint is None:
        rough = target / grid_m if kind == "length" else w * target
        n_hi = 2 * int(math.sqrt(max(rough, 1.0) / (w + g))) + 3
    else:
        n_hi = max(1, int((footprint[1] + g) // (w + g)))
    n = np.arange(1, n_hi + 1, 2, dtype=float)
    fix = np.array([fixed(int(k)) for k in n]) if extra_rows or corners else np.full(n.size, fixed(1))
    if kind == "length":
        want = np.full(n.size, target / grid_m)
    else:
        want = w * (target - (n - 1) * c_turn - corners * corner_correction())
    s = (want - (n - 1) * l_turn - fix) / (n + extra_rows)
    ok = s >= np.where(n == 1, 0, 2 * w)
    width = s + np.where(n == 1, 0, 2 * ext)
    height = n * w + (n - 1) * g
    if not ok[0]:
        short = (np.where(n == 1, 0, 2 * w)[0] - s[0]) * (1 + extra_rows) * grid_m
        raise InputError(f"the target is {short * 1e6:.4g} µm shorter than the fixed parts (leads, closing "
                         "wire) need; ask for more length or squares")
    if footprint is None:
        cand = np.flatnonzero(ok)
        i = cand[np.argmin(np.abs(width[cand] - height[cand]))]
    else:
        fits = ok & (width <= footprint[0])
        if not fits.any():
            k = np.flatnonzero(ok)[-1]
            s_max = footprint[0] - (0 if n[k] == 1 else 2 * ext)
            if s_max < (0 if n[k] == 1 else 2 * w):
                raise InputError(f"the footprint {footprint[0] * grid_m * 1e6:.4g} µm is too narrow for a row "
                                 f"with {style} turns; make it at least {(2 * ext + 2 * w) * grid_m * 1e6:.4g} "
                                 "µm wide")
            have = (n[k] + extra_rows) * s_max + (n[k] - 1) * l_turn + fix[k]
            need = want[k]
            raise InputError(f"the target does not fit the {footprint[0] * grid_m * 1e6:.4g} µm × "
                             f"{footprint[1] * grid_m * 1e6:.4g} µm footprint: it holds {have * grid_m * 1e6:.6g} "
                             f"µm of wire, the target needs {need * grid_m * 1e6:.6g} µm (short by "
                             f"{(need - have) * grid_m * 1e6:.4g} µm, {100 * (need - have) / need:.3g} %); "
                             "enlarge the footprint or reduce the target")
        i = np.flatnonzero(fits)[0]
    return int(n[i]), float(s[i]), float(want[i])


@quantities(width_m="length", gap_m="length", length_m="length", inductance_H="inductance", pad_size_m="length", lead_m="length")
def meander(width_m, gap_m, *, length_m=None, squares=None, inductance_H=None, sheet_inductance_H=None,
            turn="round", footprint_m=None, process=None, name="meander", pads=True, pad_size_m=20e-6,
            lead_m=None) -> WireCell:
    """A meandered superinductor meeting one target: ``length_m``, ``squares`` or ``inductance_H``.

    Args:
        width_m, gap_m: wire width and gap between rows (m), on the process grid, ≥ the film layer's rules.
        length_m / squares / inductance_H: the target (inductance needs ``sheet_inductance_H``, H/□, or a Film).
        turn: "square", "round" or "optimal" (Clem–Berggren hairpin), see :func:`.squares.turn_outline`.
        footprint_m: (X, Y) bounding the meander body (rows and turns; leads and pads lie outside).
        pads: draw contact pads (film + pads layer, ``pad_size_m`` square) at both lead ends; squares and length
            are counted between the pad edges. ``lead_m``: straight lead beyond the turns (default max(1 µm, 4p)).
    The electrical squares are N = ℓ/w + Σ c_turn (docs/theory/layout.md); the target is met to one grid step.
    """
    proc = load_process(process or "default")
    w = on_grid(width_m, "width", proc, "film")
    g = on_grid(gap_m, "gap", proc, "film", "min_space_m")
    check_turn(turn, w, g, proc)
    sheet = sheet_inductance(sheet_inductance_H)
    kind, target = target_squares(length_m, squares, inductance_H, sheet)
    foot = None
    if footprint_m is not None:
        foot = tuple(on_grid(v, f"footprint {ax}", proc) for v, ax in zip(footprint_m, "XY"))
    _, _, ext, _ = turn_template(turn, w, g)
    clear = on_grid(lead_m, "lead", proc) if lead_m is not None else \
        max(proc.grid_steps(1e-6), 4 * (w + g))
    lead = ext + clear
    n, s_exact, want = plan_rows(kind, target, w, g, turn, proc.grid_m, footprint=foot,
                                 fixed=lambda n: 2 * lead)
    s = int(math.floor(s_exact))
    l_turn = turn_template(turn, w, g)[3]
    extra = int(round(want - n * s - (n - 1) * l_turn - 2 * lead))
    lead_a, lead_b = lead + extra // 2, lead + extra - extra // 2
    cell = gdstk.Cell(name)
    length = add_wire(cell, body_chunks(turn, w, g, n, s, lead_a, lead_b), proc, w)
    if pads:
        from .pads import contact_pad

        y_last = (n - 1) * (w + g)
        contact_pad(cell, proc, (-lead_a, 0), w, "west", pad_size_m)
        contact_pad(cell, proc, (s + lead_b, y_last), w, "east", pad_size_m)
    turns = n - 1
    sq_geo = length / w
    sq_el = sq_geo + turns * turn_correction(turn, w, g)
    body = ((s + (2 * ext if n > 1 else 0)) * proc.grid_m, (n * w + (n - 1) * g) * proc.grid_m)
    from .ports import port

    grid, y_end = proc.grid_m, (n - 1) * (w + g)
    ports = [port("o1", (-lead_a * grid, w / 2 * grid), w * grid, "west", proc),
             port("o2", ((s + lead_b) * grid, (y_end + w / 2) * grid), w * grid, "east", proc)]
    return WireCell(cell, w * proc.grid_m, g * proc.grid_m, turn, turns, 0, length * proc.grid_m, sq_geo, sq_el,
                    sheet, body, {"rows": n, "row_length_m": s * proc.grid_m, "ports": ports})
