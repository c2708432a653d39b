"""What the report and the comparison show besides their charts: the curves the charts draw (computed from the
objects of ``Results.device``: the drawn meander's |Z_in(f)|, the film's L_k,□(T), Finkel'stein's T_c(R_sq)) and the
layout preview as inline SVG with a scale bar, its overall dimensions, its ports and a layer legend.

Nothing here draws a figure: the charts are drawn by the browser (``superind.output.charts``).
"""
from __future__ import annotations

import html
import math
import re
import warnings

import numpy as np

from ..format import area, eng, finite, significant

#: frequency points of the |Z_in| curve
IMPEDANCE_POINTS = 240
#: temperature points of the L_k,□(T) curve (0 … 0.95 T_c)
LK_POINTS = 48
#: R_sq points of Finkel'stein's T_c(R_sq)
FINKELSTEIN_POINTS = 400


# ------------------------------------------------------------------------------------------ curves
def kinetic_inductance_curve(film) -> tuple[np.ndarray, np.ndarray]:
    """(T [K], L_k,□(T) [H]) from 0 to 0.95 T_c."""
    T = np.linspace(0, 0.95, LK_POINTS) * film.Tc_K
    return T, np.array([film.sheet_kinetic_inductance(t) for t in T])


def finkelstein_curve(film, R_top_ohm: float):
    """(R_sq [Ω], T_c [K]) of Finkel'stein's T_c(R_sq) up to ``R_top_ohm`` when the film has T_c0 and γ, else None."""
    if not film.gamma:
        return None
    from ..finkelstein import finkelstein_tc

    R = np.linspace(R_top_ohm / FINKELSTEIN_POINTS, R_top_ohm, FINKELSTEIN_POINTS)
    return R, finkelstein_tc(R, film.Tc0_K, film.gamma)


def impedance_curve(wire, top_Hz: float, points: int = IMPEDANCE_POINTS):
    """(f [Hz], |Z_in| [Ω]) of the drawn meander (far end grounded) from 0 to ``top_Hz``."""
    f = np.linspace(top_Hz / points, top_Hz, points)
    with warnings.catch_warnings():  # samples next to a pole are ill-conditioned, which is the physics
        warnings.filterwarnings("ignore", message=".*ill-conditioned.*")
        return f, np.abs(wire.meander.Z_in(f))


def impedance_top_Hz(wire, q: dict | None) -> float:
    """Frequency span of an impedance plot: the first two modes and every computed qubit transition."""
    modes = [m for m in wire.modes_Hz[:2] if finite(m)]
    top = max(modes) * 1.2 if modes else 10e9
    if q is not None:
        top = max(top, 1.2e9 * float(np.nanmax(np.asarray(q["transitions_GHz"])[:, 1:])))
    return top


# ------------------------------------------------------------------------------------------ layout
_VIEWBOX = re.compile(r'viewBox="([-\d.e+]+) ([-\d.e+]+) ([-\d.e+]+) ([-\d.e+]+)"')


def nice_length_um(span_um: float) -> float:
    """A round scale-bar length (1, 2 or 5 × 10^k µm) of about a quarter of ``span_um``."""
    target = span_um / 4
    base = 10 ** math.floor(math.log10(target))
    return max(m * base for m in (1, 2, 5) if m * base <= target * 1.01)


def svg_geometry(svg_text: str, bbox_m) -> tuple[list[float], float]:
    """(viewBox [x, y, w, h], pixels per µm) of a gdstk SVG preview of a cell with bounding box ``bbox_m``."""
    vb = [float(v) for v in _VIEWBOX.search(svg_text).groups()]
    (x0, y0), (x1, y1) = bbox_m
    dx, dy = (x1 - x0) * 1e6, (y1 - y0) * 1e6
    return vb, vb[2] / (dx + 0.1 * max(dx, dy))  # gdstk pads 5 % of the larger side on each side


def annotated_svg(svg_text: str, bbox_m, ports=(), width_px: float | None = None) -> str:
    """The preview with room below and right for a scale bar, the overall width and height as dimension lines, and
    the ports as small circles; ``width_px`` fixes the displayed width (for several layouts at one scale)."""
    vb, s = svg_geometry(svg_text, bbox_m)
    (x0, y0), (x1, y1) = ((v * 1e6 for v in p) for p in bbox_m)
    font = 0.028 * max(vb[2], vb[3])
    extra = 4 * font
    new_vb = [vb[0], vb[1], vb[2] + extra, vb[3] + 1.6 * extra]
    px = lambda x: x * s
    py = lambda y: -y * s
    W, H = x1 - x0, y1 - y0
    bar = nice_length_um(max(W, H))
    yb = py(y0) + 2.2 * font
    xr = px(x1) + 1.2 * font
    sw = font / 6
    items = [f'<g class="scale" font-family="sans-serif" font-size="{font:.4g}" fill="#222" stroke="#222">',
             # overall width below, height to the right
             f'<line x1="{px(x0):.4g}" y1="{yb:.4g}" x2="{px(x1):.4g}" y2="{yb:.4g}" stroke-width="{sw:.3g}"/>',
             *(f'<line x1="{x:.4g}" y1="{yb - font / 3:.4g}" x2="{x:.4g}" y2="{yb + font / 3:.4g}" '
               f'stroke-width="{sw:.3g}"/>' for x in (px(x0), px(x1))),
             *(f'<line x1="{xr - font / 3:.4g}" y1="{y:.4g}" x2="{xr + font / 3:.4g}" y2="{y:.4g}" '
               f'stroke-width="{sw:.3g}"/>' for y in (py(y0), py(y1))),
             f'<text x="{(px(x0) + px(x1)) / 2:.4g}" y="{yb + 1.2 * font:.4g}" text-anchor="middle" '
             f'stroke="none">{html.escape(eng(W * 1e-6, "m"))}</text>',
             f'<line x1="{xr:.4g}" y1="{py(y0):.4g}" x2="{xr:.4g}" y2="{py(y1):.4g}" stroke-width="{sw:.3g}"/>',
             f'<text x="{xr + 0.4 * font:.4g}" y="{(py(y0) + py(y1)) / 2:.4g}" stroke="none">'
             f'{html.escape(eng(H * 1e-6, "m"))}</text>',
             # scale bar
             f'<rect x="{px(x0):.4g}" y="{yb + 2.2 * font:.4g}" width="{px(x0 + bar) - px(x0):.4g}" '
             f'height="{font / 2.5:.4g}" fill="#000" stroke="none"/>',
             f'<text x="{px(x0 + bar) + 0.5 * font:.4g}" y="{yb + 2.7 * font:.4g}" stroke="none">'
             f'{html.escape(eng(bar * 1e-6, "m", 1))}</text>']
    for p in ports:
        cx, cy = px(p["center_m"][0] * 1e6), py(p["center_m"][1] * 1e6)
        items.append(f'<circle cx="{cx:.4g}" cy="{cy:.4g}" r="{font / 3:.4g}" fill="none" stroke="#e6550d" '
                     f'stroke-width="{sw:.3g}"><title>{html.escape(p["name"])}</title></circle>')
    items.append("</g>")
    out = svg_text[svg_text.find("<svg"):]
    out = _VIEWBOX.sub('viewBox="' + " ".join(f"{v:.6g}" for v in new_vb) + '"', out, count=1)
    size = f'width="{width_px:.1f}" height="{width_px * new_vb[3] / new_vb[2]:.1f}"' if width_px else ""
    out = re.sub(r'width="[^"]*" height="[^"]*"', size, out, count=1)
    return out.replace("</svg>", "".join(items) + "</svg>", 1)


def layer_legend(cell, process) -> str:
    """Colour swatches of the process layers the cell uses."""
    used = {(p.layer, p.datatype) for p in cell.get_polygons()}
    return "".join(f"<span class='sw' style='background:{lay.color}'></span>{html.escape(lay.name)} "
                   f"{lay.layer}/{lay.datatype} — {html.escape(lay.description)}<br>"
                   for lay in process.layers if (lay.layer, lay.datatype) in used)


def key_dimensions(lay: dict) -> list[tuple[str, str]]:
    """The dimensions to fabricate from the layout record (width, gap, rows, lengths, areas, sites)."""
    rows = [("wire width", eng(lay["width_m"], "m"))]
    if finite(lay.get("gap_m")):
        rows += [("gap between rows", eng(lay["gap_m"], "m")), ("pitch", eng(lay["width_m"] + lay["gap_m"], "m"))]
    if "rows" in lay:
        rows.append(("rows × row length", f"{lay['rows']} rows × {eng(lay['row_length_m'], 'm')}"))
    rows += [("drawn wire length", eng(lay["length_m"], "m")),
             ("squares (electrical)", f"{significant(lay['squares_electrical'], 5)} □"),
             ("drawn L_k", eng(lay["L_k_H"], "H")),
             ("meander body", f"{eng(lay['footprint_m'][0], 'm')} × {eng(lay['footprint_m'][1], 'm')}")]
    if finite(lay.get("loop_area_m2")):
        rows.append(("loop area", area(lay["loop_area_m2"])))
    if finite(lay.get("junction_gap_m")):
        rows.append(("junction gap", eng(lay["junction_gap_m"], "m")))
    rows.append(("ports", f"{len(lay.get('ports', []))} ports (orange circles)"))
    rows.append(("DRC violations", f"{lay['drc_violations']} violations"))
    return rows
