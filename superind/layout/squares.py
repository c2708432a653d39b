"""Electrical squares of a drawn wire: straight segments ℓ/w plus a correction for every turn.

A film wire's kinetic inductance (and normal resistance) is L_k = L_k,□ · N_□ with N_□ the *electrical* square
count, which solves the 2D Laplace problem of the drawn shape (docs/theory/layout.md). For a wire made of long
straights joined by turns,

    N_□ = ℓ_c / w + Σ_turns c(style, g/w),

where ℓ_c is the drawn centreline length (area / w, exact for a band of constant width) and c is the turn's
electrical squares minus its own ℓ_c/w. Current crowds on the inside of a turn, so c < 0: a square 90° corner
counts ≈ 0.56 squares instead of 1 (the resistor-layout rule, e.g. Hall, Thin Solid Films 1, 277 (1968)), and a
square U-turn with g = w counts ≈ 2.11 squares instead of 3.

The corrections here are computed, not quoted: :func:`laplace_squares` solves the Laplace equation by finite
volumes on a Cartesian grid whose face conductances are the covered fraction of each face (a cut-cell scheme),
on three grids, Richardson-extrapolated. ``python -m superind.layout.squares`` regenerates the table
``turn_corrections.json`` next to this file; :func:`turn_correction` interpolates it (cubic in ln g/w).
The turn shapes themselves are defined here (:func:`turn_outline`), so the drawn and the solved turn are one.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import InputError

STYLES = ("square", "round", "optimal")
TABLE_PATH = Path(__file__).with_name("turn_corrections.json")
#: g/w of the tabulated U-turn corrections: g/2 is a multiple of w/20, so grids of 20·k cells per width put
#: every straight edge on a grid line
RATIOS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)
RATIO_RANGE = (RATIOS[0], RATIOS[-1])


# ------------------------------------------------------------------------------------------ turn shapes
def round_segments(w: float, g: float, tol: float) -> int:
    """Even number of segments for a 180° arc whose outer polygon deviates < ``tol`` from the circle (16…256)."""
    r_out = g / 2 + w
    n = math.pi / math.sqrt(8 * tol / r_out)
    return int(min(256, max(16, 2 * math.ceil(n / 2))))


def optimal_tail(w: float, g: float, tol: float) -> float:
    """Streamline parameter ξ_max where the hairpin boundary is within ``tol`` of the straight edge."""
    a = w + g / 2
    eta = math.pi * g / (4 * a)
    return max(1.0, 0.5 * math.log(2 * a / math.pi * math.sin(2 * eta) / tol))


def optimal_tip_radius(w: float, g: float) -> float:
    """Radius of curvature at the slit tip of the optimal hairpin: ρ = (2a/π) sin²η0 (from z(ξ) at ξ = 0)."""
    a = w + g / 2
    return 2 * a / math.pi * math.sin(math.pi * g / (4 * a)) ** 2


def turn_outline(style: str, w: float, g: float, *, segments: int = 64, tol: float = 1e-4):
    """Inner and outer boundary points of a 180° turn, in travel order.

    Frame: the incoming row occupies 0 ≤ y ≤ w heading +x and its straight part ends at x = 0; the outgoing row
    occupies w+g ≤ y ≤ 2w+g heading −x and starts at x = 0. Returns ``(inner, outer, extent)``: float arrays
    (k, 2) of the inner (left-hand) and outer boundary vertices, and the turn's extent in x.

    - ``square``: a (2w+g) × w bar; four corners.
    - ``round``: an annular half-ring about (0, w+g/2), inner radius g/2, drawn as polygons circumscribed about
      the circles (apothems g/2 and g/2+w, ``segments`` edges), so it is the exact mitred offset of its
      centreline polygon: area = w · centreline length.
    - ``optimal``: Clem & Berggren, PRB 84, 174510 (2011): the inner edge is the streamline of the ideal hairpin
      flow J = J0/√(1 − e^{πz/a}) in a strip of half-width a = w + g/2 that tends to the slit edge,
      z(ξ) = −(2a/π) ln cosh(ξ + iη0), η0 = πg/4a (closed form of phidl's ``optimal_hairpin`` construction);
      the outer edge is a rectangle closed 2a beyond the tip, where the ideal current has decayed to e^{−π}.
    """
    yc = w + g / 2
    if style == "square":
        inner = np.array([[0.0, w], [0.0, w + g]])
        outer = np.array([[w, 0.0], [w, 2 * w + g]])
        return inner, outer, w
    if style == "round":
        n = segments
        phi = -np.pi / 2 + (np.arange(n) + 0.5) * np.pi / n
        ring = np.stack([np.cos(phi), np.sin(phi)], axis=1) / np.cos(np.pi / (2 * n))
        inner = ring * (g / 2) + [0.0, yc]
        outer = ring * (g / 2 + w) + [0.0, yc]
        return inner, outer, (g / 2 + w) / np.cos(np.pi / (2 * n))
    if style == "optimal":
        a = w + g / 2
        eta = math.pi * g / (4 * a)
        xi_max = optimal_tail(w, g, tol)
        xi = np.linspace(xi_max, -xi_max, 2 * segments + 1)
        z = -(2 * a / np.pi) * np.log(np.cosh(xi + 1j * eta))
        x0 = z[0].real
        inner = np.stack([z.real - x0, z.imag + yc], axis=1)
        inner[0] = (0.0, w)
        inner[-1] = (0.0, w + g)
        x_end = -(2 * a / np.pi) * math.log(math.cos(eta)) - x0 + 2 * a
        outer = np.array([[x_end, 0.0], [x_end, 2 * w + g]])
        return inner, outer, x_end
    raise InputError(f"turn style '{style}' unknown; use one of {', '.join(STYLES)}")


def turn_region(inner: np.ndarray, outer: np.ndarray, w, g) -> np.ndarray:
    """Closed outline of the turn region between its two x = 0 cross-sections (same dtype as the input)."""
    dt = inner.dtype
    pts = np.concatenate([np.array([[0, 0]], dt), outer, np.array([[0, 2 * w + g], [0, w + g]], dt), inner[::-1],
                          np.array([[0, w]], dt)])
    keep = np.ones(len(pts), bool)
    keep[1:] = np.any(np.diff(pts, axis=0) != 0, axis=1)
    return pts[keep]


def polygon_area(pts: np.ndarray) -> float:
    """Shoelace area (positive for counter-clockwise points)."""
    x, y = pts[:, 0], pts[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


# ------------------------------------------------------------------------------------------ Laplace solver
def laplace_squares(outline: np.ndarray, box, h: float, dirichlet: dict, samples: int = 8) -> float:
    """Squares (R / R_□) between two Dirichlet sides of ``box`` for the sheet ``outline``, by finite volumes.

    ``box = (x0, y0, x1, y1)`` must be a whole number of cells ``h`` in x and y. ``dirichlet`` maps box sides
    ("left", "right", "bottom", "top") to potentials; the shape is cut by the box there (a port or a symmetry
    line). Cell-to-cell conductance = fraction of the shared face inside the shape (``samples`` points per face);
    other boundaries are insulating. Returns ΔV / I with ΔV the spread of the Dirichlet values.
    """
    from matplotlib.path import Path as MplPath
    from scipy.sparse import coo_matrix
    from scipy.sparse.linalg import spsolve

    x0, y0, x1, y1 = box
    nx, ny = int(round((x1 - x0) / h)), int(round((y1 - y0) / h))
    path = MplPath(outline)
    eps = 1e-9 * h
    s = (np.arange(samples) + 0.5) / samples
    # vertical faces: x = x0 + i h (i = 0..nx), cells j; horizontal faces: y = y0 + j h
    xv = np.clip(x0 + np.arange(nx + 1) * h, x0 + eps, x1 - eps)
    yv = y0 + (np.arange(ny)[:, None] + s[None, :]).ravel() * h
    fv = path.contains_points(np.column_stack([np.repeat(xv, yv.size), np.tile(yv, nx + 1)]))
    fv = fv.reshape(nx + 1, ny, samples).mean(axis=2)
    yh = np.clip(y0 + np.arange(ny + 1) * h, y0 + eps, y1 - eps)
    xh = x0 + (np.arange(nx)[:, None] + s[None, :]).ravel() * h
    fh = path.contains_points(np.column_stack([np.tile(xh, ny + 1), np.repeat(yh, xh.size)]))
    fh = fh.reshape(ny + 1, nx, samples).mean(axis=2).T            # (nx, ny+1)

    idx = np.arange(nx * ny).reshape(nx, ny)
    rows, cols, vals = [], [], []
    for a, b, gab in ((idx[:-1, :], idx[1:, :], fv[1:-1, :]), (idx[:, :-1], idx[:, 1:], fh[:, 1:-1])):
        m = gab > 0
        a, b, gab = a[m], b[m], gab[m]
        rows += [a, b, a, b]
        cols += [b, a, a, b]
        vals += [-gab, -gab, gab, gab]
    rhs = np.zeros(nx * ny)
    diag = np.zeros(nx * ny)
    sides = {"left": (idx[0, :], fv[0, :]), "right": (idx[-1, :], fv[-1, :]),
             "bottom": (idx[:, 0], fh[:, 0]), "top": (idx[:, -1], fh[:, -1])}
    for side, value in dirichlet.items():
        cells, frac = sides[side]
        np.add.at(diag, cells, 2 * frac)
        np.add.at(rhs, cells, 2 * frac * value)
    rows.append(np.arange(nx * ny))
    cols.append(np.arange(nx * ny))
    vals.append(diag)
    A = coo_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
                   shape=(nx * ny,) * 2).tocsr()
    active = np.asarray(A.diagonal() > 0)
    V = np.zeros(nx * ny)
    V[active] = spsolve(A[active][:, active].tocsc(), rhs[active])
    hi_side = max(dirichlet, key=dirichlet.get)
    cells, frac = sides[hi_side]
    current = float(np.sum(2 * frac * (dirichlet[hi_side] - V[cells])))
    return (max(dirichlet.values()) - min(dirichlet.values())) / current


def richardson(values: list[float], ratio: float = 2.0) -> float:
    """Extrapolate three values on grids refined by ``ratio`` to h → 0 with the observed order (clipped 0.5–2)."""
    a, b, c = values
    if b == c or (a - b) / (b - c) <= 0:
        return c
    order = min(2.0, max(0.5, math.log((a - b) / (b - c)) / math.log(ratio)))
    return c + (c - b) / (ratio ** order - 1)


def _uturn_squares(style: str, g: float, cells: int, lead: float = 3.0) -> float:
    """Correction c of a U-turn (w = 1) on a grid of ``cells`` per width, half domain by antisymmetry."""
    inner, outer, extent = turn_outline(style, 1.0, g)
    region = turn_region(inner, outer, 1.0, g)
    outline = np.concatenate([[[-lead, 0.0]], outer, [[-lead, 2 + g]], [[-lead, 1 + g]], inner[::-1],
                              [[-lead, 1.0]]])
    ys = 1 + g / 2
    ny = math.ceil(ys * cells - 1e-9)
    h = ys / ny
    nx = math.ceil((extent + lead) / h) + 1
    half = laplace_squares(outline, (-lead, 0.0, -lead + nx * h, ys), h, {"left": 1.0, "top": 0.5})
    return 2 * half - (2 * lead + polygon_area(region))


def _corner_squares(cells: int, lead: float = 3.0) -> float:
    """Correction of a square 90° corner (w = 1): electrical squares minus centreline length."""
    outline = np.array([[-lead, 0], [1, 0], [1, 1 + lead], [0, 1 + lead], [0, 1], [-lead, 1]], float)
    h = 1.0 / cells
    n = int(round((1 + lead) / h))
    return laplace_squares(outline, (-lead, 0.0, -lead + n * h, n * h), h, {"left": 1.0, "top": 0.0}) \
        - (2 * lead + 1)


def compute_table(cells=(20, 40, 80), ratios=RATIOS) -> dict:
    """Solve every tabulated turn on three grids and Richardson-extrapolate (takes a few minutes)."""
    out = {"g_over_w": [float(r) for r in ratios]}
    for style in STYLES:
        out[style] = [richardson([_uturn_squares(style, float(r), n) for n in cells]) for r in ratios]
    out["corner_square"] = richardson([_corner_squares(n) for n in cells])
    out["method"] = (f"finite volumes with cut-face conductances on {cells} cells per width, Richardson "
                     "extrapolated; leads 3 w; U-turns solved on the antisymmetric half (V = 1/2 on the midline)")
    return out


# ------------------------------------------------------------------------------------------ corrections
@lru_cache(maxsize=1)
def _table():
    from ..interpolate import not_a_knot_spline

    data = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    x = np.log(np.asarray(data["g_over_w"]))
    return data, {s: not_a_knot_spline(x, data[s]) for s in STYLES}


def corner_correction() -> float:
    """Correction of a square 90° corner: its electrical squares (≈ 0.56) minus its centreline squares (1)."""
    return float(_table()[0]["corner_square"])


def _ring_correction(ratio: float) -> float:
    """Half-ring with radial equipotential ends: π / ln(r_out/r_in) − π r_c / w (exact for the ring alone)."""
    return math.pi / math.log((ratio / 2 + 1) / (ratio / 2)) - math.pi * (ratio + 1) / 2


def turn_correction(style: str, w: float, g: float) -> float:
    """Electrical squares of a 180° turn minus its centreline squares (area / w²), for gap ``g`` and width ``w``.

    Interpolated from the solved table for 0.1 ≤ g/w ≤ 10. Beyond: a square U-turn is two independent 90°
    corners (error ~ e^{−πg/w}); a round turn is the thin-ring value plus the tabulated junction term at
    g/w = 10 scaled as (w/g)²; the optimal hairpin is only defined within the table.
    """
    if style not in STYLES:
        raise InputError(f"turn style '{style}' unknown; use one of {', '.join(STYLES)}")
    ratio = g / w
    lo, hi = RATIO_RANGE
    if ratio < lo * (1 - 1e-9):
        raise InputError(f"gap/width = {ratio:.3g} is below {lo}: turn corrections are not tabulated there; "
                         "use a wider gap")
    data, spline = _table()
    if ratio <= hi * (1 + 1e-9):
        return float(spline[style](math.log(min(ratio, hi))))
    if style == "square":
        return 2 * corner_correction()
    if style == "round":
        junction = float(spline["round"](math.log(hi))) - _ring_correction(hi)
        return _ring_correction(ratio) + junction * (hi / ratio) ** 2
    raise InputError(f"optimal turns need gap/width ≤ {hi:g}, got {ratio:.3g}; use round turns for wide gaps")


def main() -> None:
    """Regenerate ``turn_corrections.json`` (``python -m superind.layout.squares``)."""
    table = compute_table()
    TABLE_PATH.write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
    print(f"corner {table['corner_square']:+.5f}; U-turn g=w: "
          + ", ".join(f"{s} {np.interp(0, np.log(table['g_over_w']), table[s]):+.5f}" for s in STYLES))


if __name__ == "__main__":
    main()
