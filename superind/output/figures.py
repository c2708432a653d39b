"""The figures of the report and the comparison: matplotlib ``Figure``s on the Agg canvas (never pyplot, no global
backend change) embedded as PNG data URIs, and the layout preview as inline SVG with a scale bar, its overall
dimensions, its ports and a layer legend.

Every plotted number comes from ``Results`` or from the objects in ``Results.device`` (the drawn meander's Z_in, the
film's L_k(T) and Finkel'stein T_c(R_sq)); axis ranges are clipped to the decades that matter and curves outside the
range get no legend entry.
"""
from __future__ import annotations

import base64
import html
import io
import math
import re
import warnings

import numpy as np

from ..format import area, eng, finite, ghz, significant

#: decades of the E_S plot below E_L^fluxoid
ES_DECADES_BELOW = 6
#: frequency points of the |Z_in| curve
IMPEDANCE_POINTS = 240
#: how many pixels across gdstk's SVG preview spans (``layout.svg_text`` default)
SVG_PIXELS = 1200


def new_figure(width_in: float = 5.4, height_in: float = 3.6, right: float = 0.97):
    """A Figure and its axes, drawn off-screen; fixed margins (``right``: the axes' right edge, smaller to leave
    room for a legend outside) — constrained layout would double the drawing time."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_in, height_in))
    fig.subplots_adjust(left=0.13, right=right, bottom=0.14, top=0.91)
    return fig, fig.add_subplot()


def _power_of_ten(value, _pos=None) -> str:
    """A log-axis tick as "10⁻⁶" in plain Unicode (matplotlib's default mathtext labels cost ~0.1 s per figure)."""
    if value <= 0:
        return ""
    exponent = math.log10(value)
    if abs(exponent - round(exponent)) > 1e-6:
        return ""
    return "10" + str(int(round(exponent))).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def log_y(ax) -> None:
    """Logarithmic y axis with Unicode power-of-ten labels and no minor labels."""
    from matplotlib.ticker import FuncFormatter, NullFormatter

    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(FuncFormatter(_power_of_ten))
    ax.yaxis.set_minor_formatter(NullFormatter())


def png(fig) -> str:
    """The figure as a PNG data URI (100 dpi)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def breakdown_png(film, breakdown) -> str:
    """T_c vs R_sq: this film, the breakdown scale it is measured against, the material's critical range and, when
    T_c0 and γ are known, Finkel'stein's T_c(R_sq) with its R_c."""
    from ..constants import R_Q
    from ..film import BREAKDOWN_WARNING
    from ..finkelstein import finkelstein_critical_resistance, finkelstein_tc

    frac, name, R_break = breakdown
    fig, ax = new_figure()
    crit = film.material.critical_R_sq_ohm
    R_top = 1.2 * max(film.R_sq_ohm, R_break, R_Q / 2, crit.min or 0.0)
    R = np.linspace(R_top / 400, R_top, 400)
    if film.gamma:
        ax.plot(R, finkelstein_tc(R, film.Tc0_K, film.gamma), "k-",
                label=f"Finkel'stein, T_c0 = {eng(film.Tc0_K, 'K')}, γ = {film.gamma:g}")
        ax.axvline(finkelstein_critical_resistance(film.gamma), color="k", ls="--", label="Finkel'stein R_c")
    if crit.min is not None:
        ax.axvspan(crit.min, min(crit.max or R_top, R_top), color="tab:orange", alpha=0.2,
                   label=f"{film.material.name} critical range")
    ax.axvline(R_Q / 2, color="tab:red", ls=":", label=f"R_Q/2 = {eng(R_Q / 2, 'Ω')}")
    ax.axvspan(BREAKDOWN_WARNING * R_break, R_break, color="tab:red", alpha=0.08,
               label=f"within {BREAKDOWN_WARNING:.0%} of breakdown (warning)")
    ax.plot(film.R_sq_ohm, film.Tc_K, "r*", ms=15, label=f"this film ({frac:.0%} of {name})")
    ax.set(xlabel="R_sq [Ω]", ylabel="T_c [K]", xlim=(0, R_top), ylim=(0, 1.5 * max(film.Tc_K, film.Tc0_K or 0)),
           title="Distance to the superconductor–insulator breakdown")
    ax.legend(fontsize=7, loc="upper right")
    return png(fig)


def lk_png(film, T_op: float) -> str:
    """L_k,□(T) from 0 to 0.95 T_c with the operating temperature."""
    T = np.linspace(0, 0.95, 48) * film.Tc_K
    fig, ax = new_figure()
    ax.plot(T, [film.sheet_kinetic_inductance(t) * 1e9 for t in T], "k-", label="L_k,□(T), BCS Δ(T)")
    ax.axvline(T_op, color="tab:blue", ls="--", label=f"operating T = {eng(T_op, 'K') if T_op else '0 K'}")
    ax.set(xlabel="T [K]", ylabel="L_k,□ [nH/□]", title="Sheet kinetic inductance vs temperature", xlim=(0, T[-1]))
    ax.legend(fontsize=8, loc="upper left")
    return png(fig)


def _clip(v: float, lo: float, hi: float) -> float:
    return min(max(v, lo), hi)


def phase_slip_png(sections: dict) -> str:
    """``phase_slip_figure`` as a PNG data URI."""
    return png(phase_slip_figure(sections)[0])


def phase_slip_figure(sections: dict):
    """E_S (central and band) of the film wire — and of the JJ chain when present — against E_L^fluxoid and Δ/h, on
    the decades around E_L^fluxoid; parts of the band outside the range are marked with an arrow and a number.
    Returns (figure, axes)."""
    s, film = sections["superinductor"], sections["film"]
    rows = [("film wire", s.get("E_S_GHz"), s.get("E_S_band_GHz"), s["E_L_fluxoid_GHz"])]
    if "jjchain" in sections:
        c = sections["jjchain"]
        rows.append((f"JJ chain (N = {c['N']})", c["E_S_GHz"], None, c["E_L_fluxoid_GHz"]))
    E_L = max(r[3] for r in rows)
    lo, hi = E_L * 10.0**-ES_DECADES_BELOW, 10 * max(E_L, film["delta_GHz"])
    fig, ax = new_figure(6.4, 3.6, right=0.66)
    labelled = set()

    def label(name):
        if name in labelled:
            return None
        labelled.add(name)
        return name

    for i, (name, es, band, el) in enumerate(rows):
        ax.plot([i - 0.3, i + 0.3], [el, el], "r-", lw=2.5, label=label("E_L^fluxoid = Φ0²/2L"))
        if band is not None and finite(band[0]) and band[1] < lo:
            ax.text(i, lo * 30, f"whole E_S band below\n{ghz(band[0], 2)} … {ghz(band[1], 2)}:\nphase slips negligible",
                    ha="center", fontsize=7, color="tab:purple")
            continue
        if band is not None and finite(band[0]):
            ax.plot([i, i], [_clip(band[0], lo, hi), _clip(band[1], lo, hi)], lw=14, alpha=0.35, color="tab:purple",
                    solid_capstyle="butt", label=label("E_S band (how sure)"))
            for edge, end, y_text in ((lo, band[0], lo * 10), (hi, band[1], hi / 30)):
                if (end < edge) if edge == lo else (end > edge):
                    ax.annotate(f"band continues\nto {ghz(end, 2)}", (i, edge), xytext=(i - 0.12, y_text), fontsize=7,
                                ha="right", arrowprops=dict(arrowstyle="->", color="tab:purple"), color="tab:purple")
        if finite(es) and lo <= es <= hi:
            ax.plot(i, es, "ko", ms=7, label=label("E_S central"))
        elif finite(es):
            ax.text(i, lo * 2 if es < lo else hi / 4, f"E_S central\n{ghz(es, 2)}\n(off scale)", ha="center",
                    fontsize=7)
    ax.axhline(film["delta_GHz"], color="tab:blue", ls="--", lw=1, label=f"Δ/h = {ghz(film['delta_GHz'])}")
    log_y(ax)
    ax.set_xticks(range(len(rows)), [r[0] for r in rows])
    ax.set(xlim=(-0.8, len(rows) - 0.2), ylim=(lo, hi), ylabel="energy / h [GHz]",
           title="Phase-slip energy vs inductive energy")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0)
    return fig, ax


def spectrum_png(q: dict, s: dict) -> str:
    """Transitions E_k − E_0 vs flux, the operating flux, and the wire's first self-resonance when in range."""
    flux, tr = np.asarray(q["flux"]), np.asarray(q["transitions_GHz"])
    fig, ax = new_figure()
    style = "o-" if len(flux) < 12 else "-"
    for k in range(1, tr.shape[1]):
        ax.plot(flux, tr[:, k], style, ms=4, label=f"0 → {k}")
    top = float(np.nanmax(tr[:, 1:]))
    ax.axvline(q["operating_flux"], color="gray", ls="--", lw=1, label=f"operating Φ = {q['operating_flux']:g} Φ0")
    f_self = s.get("f_self_Hz")
    if finite(f_self) and f_self / 1e9 < 1.5 * top:
        ax.axhline(f_self / 1e9, color="tab:red", lw=1.5, label=f"wire f_self = {eng(f_self, 'Hz')}")
        top = max(top, f_self / 1e9)
    ax.set(xlabel="Φ_ext / Φ0", ylabel="transition frequency [GHz]", ylim=(0, 1.12 * top),
           title=f"{q['kind']} spectrum")
    ax.legend(fontsize=7, loc="lower right" if q["kind"] == "rfsquid" else "upper right")
    return png(fig)


def multimode_png(q: dict, m: dict) -> str:
    """The mode-resolved spectrum: transitions with the superinductor's own modes in the Hamiltonian (solid)
    against the single-mode model (dashed); the modes themselves as lines when they fall in the plotted range."""
    flux = np.asarray(m["flux"])
    hybrid, single = np.asarray(m["transitions_GHz"]), np.asarray(q["transitions_GHz"])
    fig, ax = new_figure()
    for k in range(1, hybrid.shape[1]):
        line, = ax.plot(flux, hybrid[:, k], "-", label=f"0 → {k}, with {m['modes']} wire modes" if k == 1 else None)
        if k < single.shape[1] and len(q["flux"]) == len(flux):
            ax.plot(flux, single[:, k], "--", color=line.get_color(), lw=1,
                    label="lumped-wire model (qubit section)" if k == 1 else None)
    top = float(np.nanmax(hybrid[:, 1:]))
    for f in m["modes_Hz"]:
        if f / 1e9 < 1.3 * top:
            ax.axhline(f / 1e9, color="tab:red", lw=1, ls=":")
    ax.set(xlabel="Φ_ext / Φ0", ylabel="transition frequency [GHz]", ylim=(0, 1.12 * top),
           title=f"mode-resolved spectrum (wire modes at {', '.join(ghz(f / 1e9) for f in m['modes_Hz'])})")
    ax.title.set_fontsize(8)
    ax.legend(fontsize=7, loc="lower right")
    return png(fig)


#: the spread histograms: quantity → (title, SI scale, unit)
SPREAD_PANELS = {"L_k_H": ("L_k", 1e9, "nH"), "E_L_GHz": ("E_L", 1.0, "GHz"), "f01_GHz": ("f01", 1.0, "GHz"),
                 "f_self_Hz": ("f_self", 1e-9, "GHz"), "E_S_GHz": ("E_S (central)", 1.0, "GHz")}


def spread_png(spread) -> str:
    """Histograms of the Monte-Carlo device spread: one panel per quantity with its nominal value, p5 and p95."""
    panels = [q for q in SPREAD_PANELS if q in spread.samples and np.isfinite(spread.samples[q]).any()]
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2.4 * len(panels), 2.6))  # fixed margins: constrained layout tripled the drawing time
    fig.subplots_adjust(left=0.02, right=0.98, bottom=0.2, top=0.86, wspace=0.1)
    for ax, q in zip(fig.subplots(1, len(panels), squeeze=False)[0], panels):
        title, scale, unit = SPREAD_PANELS[q]
        v = np.asarray(spread.samples[q], dtype=float)
        v = v[np.isfinite(v)] * scale
        log = q == "E_S_GHz" and v.size and v.min() > 0 and v.max() / v.min() > 100
        data = np.log10(v) if log else v
        ax.hist(data, bins=30, color="tab:blue", alpha=0.7)
        p5, p95 = np.percentile(data, [5, 95])
        for x in (p5, p95):
            ax.axvline(x, color="gray", ls="--", lw=1)
        nominal = spread.nominal.get(q)
        if finite(nominal):
            ax.axvline(math.log10(nominal * scale) if log else nominal * scale, color="tab:red", lw=1.5)
        ax.set_xlabel(f"log10({title} / {unit})" if log else f"{title} [{unit}]", fontsize=8)
        ax.tick_params(labelsize=7)
        ax.set_yticks([])
    fig.suptitle(f"{spread.count} devices (seed {spread.seed}): nominal red, p5 and p95 dashed", fontsize=8)
    return png(fig)


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


def plot_impedance(ax, wire, top_Hz: float, label: str, color: str = "k", points: int = IMPEDANCE_POINTS):
    """|Z_in(f)| on a log axis with the modes below ``top_Hz`` marked; returns the |Z| values plotted."""
    f, z = impedance_curve(wire, top_Hz, points)
    ax.plot(f / 1e9, z, "-", color=color, lw=1.2, label=label)
    log_y(ax)
    for i, m in enumerate(wire.modes_Hz):
        if finite(m) and m < top_Hz:
            ax.axvline(m / 1e9, color=color, ls=":", lw=1, label=f"modes of {label}" if i == 0 else None)
    return z


def set_impedance_limits(ax, curves) -> None:
    """Clip the |Z| axis to the 2nd–98th percentile of the plotted curves (poles and zeros are off scale)."""
    z = np.concatenate([c for c in curves if len(c)])
    z = z[np.isfinite(z) & (z > 0)]
    if len(z):
        ax.set_ylim(np.percentile(z, 2) / 3, np.percentile(z, 98) * 3)


def impedance_png(wire, q: dict) -> str:
    """The drawn meander's |Z_in(f)| with its modes, and the ranges of the qubit's transitions over flux."""
    top = impedance_top_Hz(wire, q)
    fig, ax = new_figure(6.6, 3.6, right=0.68)
    z = plot_impedance(ax, wire, top, "drawn meander")
    tr = np.asarray(q["transitions_GHz"])
    colors = ["tab:blue", "tab:green", "tab:orange", "tab:purple"]
    for k in range(1, tr.shape[1]):
        lo, hi = float(np.nanmin(tr[:, k])), float(np.nanmax(tr[:, k]))
        ax.axvspan(lo, max(hi, lo + top / 1e9 / 300), color=colors[(k - 1) % 4], alpha=0.25,
                   label=f"qubit 0 → {k} over flux")
    set_impedance_limits(ax, [z])
    ax.set(xlabel="frequency [GHz]", ylabel="|Z_in| [Ω]", xlim=(0, top / 1e9),
           title=f"Input impedance, first mode {eng(wire.f_self_Hz, 'Hz')}")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0)
    return png(fig)


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
