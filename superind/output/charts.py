"""Charts drawn by the browser: JSON chart specs built from the plain dicts of ``Results.to_dict()`` (plus curves
passed explicitly), and the HTML that embeds them. The report, ``superind compare`` and the explorer draw the same
specs with one vendored library, uPlot (``static/uplot``, MIT) and our renderer ``static/superind-charts.js``;
nothing is drawn on the server and nothing is fetched at run time.

Spec format (version 1; numbers in the axis' display unit, 6 significant digits, ``null`` for a gap):

- ``{"version": 1, "kind": "xy", "title", "height_px", "x": AXIS, "y": AXIS, "series": [...], "markers": [...],
  "bands": [...]}``, or ``{"version": 1, "kind": "panels", "title", "columns", "panels": [xy spec, ...]}``.
- AXIS ``{"label", "unit", "scale": "linear" | "log", "range": [min, max] | null, "categories": [names]?}``:
  drawn as "label [unit]"; ``categories`` puts names at x = 0, 1, …; the range is fixed by the spec (or, when
  null, by the series), never by markers or bands.
- series ``{"label", "x": [...], "y": [...], "style": "line" | "line+points" | "points" | "bars", "color",
  "dash": [on, off, …] px?}``: one legend entry each, with the value under the cursor and its unit.
- markers ``{"label", "color", "x" | "y", "dash"?}``: a vertical line at x or a horizontal line at y across the
  plot; one key entry per label (a point is a series of style ``points``).
- bands ``{"label", "color", "alpha", "x": [a, b]?, "y": [a, b]?}``: a shaded range (a rectangle with both).
- A marker, band end or point of a ``points`` series beyond the axis range is not drawn off the plot: a note at
  that edge (an arrowhead) and in a line below the plot gives its label and value ("↑ wire mode 1 = 32.0 GHz",
  "↓ E_S band (how sure) continues to 1.016×10⁻³⁰ GHz"): a far line never squashes the data.
"""
from __future__ import annotations

import html
import json
import math
from functools import lru_cache
from importlib import resources

import numpy as np

from ..format import by_key, eng, finite, ghz

#: the vendored charting library (static/uplot, with its LICENSE; from the npm package uplot)
UPLOT_VERSION = "1.6.32"
VERSION = 1
HEIGHT_PX = 300
#: a histogram panel's height (issue 25: ≥ 200 px with readable ticks)
PANEL_HEIGHT_PX = 240
#: decades of the E_S chart below E_L^fluxoid
ES_DECADES_BELOW = 6
#: matplotlib's tab10 colours, so the charts read like the project's paper figures
BLUE, ORANGE, GREEN, RED, PURPLE, BROWN, PINK, GRAY, CYAN = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#17becf")
PALETTE = (BLUE, RED, GREEN, PURPLE, ORANGE, BROWN, PINK, CYAN)
DASHED, DOTTED, DASHDOT = [6, 4], [2, 3], [8, 3, 2, 3]
#: the spread histograms: quantity → (name, SI scale to the shown unit, unit)
SPREAD_PANELS = {"L_k_H": ("L_k", 1e9, "nH"), "E_L_GHz": ("E_L", 1.0, "GHz"), "f01_GHz": ("f01", 1.0, "GHz"),
                 "f_self_Hz": ("f_self", 1e-9, "GHz"), "E_S_GHz": ("E_S (central)", 1.0, "GHz")}


# ------------------------------------------------------------------------------------------ spec pieces
def number(v, *, positive: bool = False):
    """A JSON-ready number: 6 significant digits; ``None`` where not finite (or ≤ 0 with ``positive``: a log axis)."""
    v = float(v)
    return float(f"{v:.6g}") if math.isfinite(v) and (v > 0 or not positive) else None


def values(a, *, positive: bool = False) -> list:
    """``number`` of every element of an array."""
    return [number(v, positive=positive) for v in np.asarray(a, dtype=float).ravel()]


def axis(label: str, unit: str = "", scale: str = "linear", range_=None, categories=None) -> dict:
    """An axis: label, unit, lin/log scale, fixed range [min, max] (None: from the series)."""
    out = {"label": label, "unit": unit, "scale": scale,
           "range": None if range_ is None else [number(v) if v is not None else None for v in range_]}
    if categories is not None:
        out["categories"] = list(categories)
    return out


def series(label: str, x, y, *, style: str = "line", color=None, dash=None, log_y: bool = False) -> dict:
    """A data series (one legend entry)."""
    out = {"label": label, "x": values(x), "y": values(y, positive=log_y), "style": style}
    if color:
        out["color"] = color
    if dash:
        out["dash"] = dash
    return out


def marker(label: str, color: str, *, x=None, y=None, dash=None) -> dict:
    """A vertical line at ``x`` or a horizontal line at ``y``."""
    if (x is None) == (y is None):
        raise ValueError("marker: give x (a vertical line) or y (a horizontal line)")
    out = {"label": label, "color": color, **({"x": number(x)} if y is None else {"y": number(y)})}
    if dash:
        out["dash"] = dash
    return out


def band(label: str, color: str, *, x=None, y=None, alpha: float = 0.25) -> dict:
    """A shaded range on x, on y, or a rectangle with both."""
    out = {"label": label, "color": color, "alpha": alpha}
    for k, v in (("x", x), ("y", y)):
        if v is not None:
            out[k] = values(v)
    return out


def chart(title: str, x: dict, y: dict, series_=(), markers=(), bands=(), *, height_px: int = HEIGHT_PX) -> dict:
    """An xy chart spec (format in the module docstring)."""
    return {"version": VERSION, "kind": "xy", "title": title, "height_px": height_px, "x": x, "y": y,
            "series": list(series_), "markers": list(markers), "bands": list(bands)}


def _top(a) -> float:
    """The largest finite value of an array."""
    return float(np.nanmax(np.asarray(a, dtype=float)))


def _flux_axis() -> dict:
    return axis("Φ_ext", "Φ0")


def _frequency_axis(top_GHz: float) -> dict:
    return axis("transition frequency", "GHz", range_=(0.0, 1.12 * top_GHz))


# ------------------------------------------------------------------------------------------ the report's charts
def breakdown_R_top(d: dict, critical_range_ohm=None) -> float:
    """The R_sq axis' end [Ω] of the breakdown chart: 1.2 × the farthest of this film, its breakdown scale, R_Q/2,
    the material's critical range and Finkel'stein's R_c (the range a Finkel'stein curve is computed on)."""
    from ..constants import R_Q

    film = d["film"]
    judged = next(r["numbers"] for r in d["verdicts"] if r["code"] == "film.breakdown")
    R_c = film.get("critical_R_sq_ohm")
    return 1.2 * max(film["R_sq_ohm"], judged["R_break_ohm"], R_Q / 2, (critical_range_ohm or (None,))[0] or 0.0,
                     R_c if finite(R_c) else 0.0)


def breakdown_chart(d: dict, *, critical_range_ohm=None, finkelstein=None) -> dict:
    """T_c against R_sq up to 1.2 × the farthest scale: this film, R_Q/2, the range in which the ``film.breakdown`` record of ``d``
    (``Results.to_dict()``) judges the film near its breakdown scale (superind.film's warning … critical fractions),
    the material's critical range ``(min, max or None)`` [Ω], and — given as ``finkelstein=(R_sq_ohm, Tc_K)`` arrays —
    Finkel'stein's T_c(R_sq) with its R_c (film["critical_R_sq_ohm"])."""
    from ..constants import R_Q
    from ..film import BREAKDOWN_CRITICAL, BREAKDOWN_WARNING

    film = d["film"]
    judged = next(r["numbers"] for r in d["verdicts"] if r["code"] == "film.breakdown")
    R, Tc, R_break, scale = film["R_sq_ohm"], film["Tc_K"], judged["R_break_ohm"], judged["scale"]
    crit_lo, crit_hi = critical_range_ohm or (None, None)
    R_c = film.get("critical_R_sq_ohm")
    R_top = breakdown_R_top(d, critical_range_ohm)
    out, marks, shades = [], [], []
    if finkelstein is not None:
        out.append(series(f"Finkel'stein T_c(R_sq), T_c0 = {eng(film.get('Tc0_K'), 'K')}, γ = {film.get('gamma'):g}",
                          *finkelstein, color="#222222"))
    out.append(series(f"this film: {eng(R, 'Ω')}, {eng(Tc, 'K')} ({judged['fraction_of_breakdown']:.0%} of {scale})",
                      [R], [Tc], style="points", color=RED))
    if finite(R_c):
        marks.append(marker(f"Finkel'stein R_c = {eng(R_c, 'Ω')}", "#222222", x=R_c, dash=DASHED))
    marks.append(marker(f"R_Q/2 = {eng(R_Q / 2, 'Ω')}", RED, x=R_Q / 2, dash=DOTTED))
    if crit_lo is not None:
        shades.append(band(f"{film['material']} critical range", ORANGE, x=(crit_lo, crit_hi or R_top), alpha=0.2))
    shades.append(band(f"near the breakdown: {BREAKDOWN_WARNING:.0%}–{BREAKDOWN_CRITICAL:.0%} of {scale}", RED,
                       x=(BREAKDOWN_WARNING * R_break, BREAKDOWN_CRITICAL * R_break), alpha=0.1))
    return chart("Distance to the superconductor–insulator breakdown", axis("R_sq", "Ω", range_=(0.0, R_top)),
                 axis("T_c", "K", range_=(0.0, 1.5 * max(Tc, film.get("Tc0_K") or 0.0))), out, marks, shades)


def kinetic_inductance_chart(film: dict, *, T_K, L_k_sq_H) -> dict:
    """L_k,□(T) (the curve, passed as arrays) with the operating temperature film["temperature_K"]."""
    T_op = film["temperature_K"]
    return chart("Sheet kinetic inductance vs temperature", axis("T", "K", range_=(0.0, float(np.max(T_K)))),
                 axis("L_k,□", "nH/□"),
                 [series("L_k,□(T), BCS Δ(T)", T_K, np.asarray(L_k_sq_H) * 1e9, color="#222222")],
                 [marker(f"operating T = {eng(T_op, 'K') if T_op else '0 K'}", BLUE, x=T_op, dash=DASHED)])


def phase_slip_chart(sections: dict) -> dict:
    """E_S (band and central) of the film wire — and of the JJ chain when present — against E_L^fluxoid = Φ0²/2L
    and Δ/h, on the decades from 10⁻⁶ E_L^fluxoid to 10 × max(E_L^fluxoid, Δ/h); what lies beyond is noted at the
    edge."""
    s, film = sections["superinductor"], sections["film"]
    rows = [("film wire", s.get("E_S_GHz"), s.get("E_S_band_GHz"), s["E_L_fluxoid_GHz"])]
    if "jjchain" in sections:
        c = sections["jjchain"]
        rows.append((f"JJ chain (N = {c['N']})", c["E_S_GHz"], None, c["E_L_fluxoid_GHz"]))
    E_L = max(r[3] for r in rows)
    lo, hi = E_L * 10.0**-ES_DECADES_BELOW, 10 * max(E_L, film["delta_GHz"])
    el_x, el_y, es_x, es_y, shades = [], [], [], [], []
    for i, (_, es, es_band, el) in enumerate(rows):
        el_x += [i - 0.3, i + 0.3, i + 0.5]
        el_y += [el, el, math.nan]  # a gap between the rows' segments
        if finite(es):
            es_x.append(i)
            es_y.append(es)
        if es_band is not None and finite(es_band[0]):
            shades.append(band("E_S band (how sure)", PURPLE, x=(i - 0.12, i + 0.12), y=es_band, alpha=0.35))
    out = [series("E_L^fluxoid = Φ0²/2L", el_x, el_y, color=RED, log_y=True)]
    if es_x:
        out.append(series("E_S central", es_x, es_y, style="points", color="#222222", log_y=True))
    delta = marker(f"Δ/h = {ghz(film['delta_GHz'])}", BLUE, y=film["delta_GHz"], dash=DASHED)
    return chart("Phase-slip energy vs inductive energy",
                 axis("superinductor", "", range_=(-0.6, len(rows) - 0.4), categories=[r[0] for r in rows]),
                 axis("energy / h", "GHz", "log", (lo, hi)), out, [delta], shades)


def _transition_series(flux, tr, name: str = "", *, dash=None, levels=None) -> list:
    """0 → k of a transitions array (rows: flux points), one series per k, palette colours."""
    tr = np.asarray(tr, dtype=float)
    style = "line+points" if len(flux) < 12 else "line"
    return [series(f"{name}0 → {k}", flux, tr[:, k], style=style, color=PALETTE[(k - 1) % len(PALETTE)], dash=dash)
            for k in range(1, tr.shape[1] if levels is None else min(levels, tr.shape[1]))]


def spectrum_chart(qubit: dict, superinductor: dict | None = None) -> dict:
    """Transitions E_k − E_0 against flux, the operating flux, and the wire's first self-resonance (drawn when
    below 1.5 × the highest transition, else noted at the top edge)."""
    flux, tr = qubit["flux"], np.asarray(qubit["transitions_GHz"], dtype=float)
    top = _top(tr[:, 1:])
    marks = [marker(f"operating Φ = {qubit['operating_flux']:g} Φ0", GRAY, x=qubit["operating_flux"], dash=DASHED)]
    f_self = (superinductor or {}).get("f_self_Hz")
    if finite(f_self):
        marks.append(marker(f"wire f_self = {eng(f_self, 'Hz')}", RED, y=f_self / 1e9))
        if f_self / 1e9 < 1.5 * top:
            top = max(top, f_self / 1e9)
    return chart(f"{qubit['kind']} spectrum", _flux_axis(), _frequency_axis(top), _transition_series(flux, tr), marks)


def multimode_chart(qubit: dict, multimode: dict) -> dict:
    """The mode-resolved spectrum: transitions with the superinductor's own modes in the Hamiltonian (solid) and the
    lumped-wire model of the qubit section (dashed, same colour), every curve in the legend; the wire modes as
    dotted lines (noted at the top edge when above 1.3 × the highest transition)."""
    m, K = multimode, multimode["modes"]
    hybrid = np.asarray(m["transitions_GHz"], dtype=float)
    out = _transition_series(m["flux"], hybrid, f"with {K} wire modes: ")
    if len(qubit["flux"]) == len(m["flux"]):
        out += _transition_series(qubit["flux"], qubit["transitions_GHz"], "lumped wire: ", dash=DASHED,
                                  levels=hybrid.shape[1])
    top = _top(hybrid[:, 1:])
    modes = [f / 1e9 for f in m["modes_Hz"] if finite(f)]
    top = max([top] + [f for f in modes if f < 1.3 * top])
    marks = [marker(f"wire mode {j} = {ghz(f)}", RED, y=f, dash=DOTTED) for j, f in enumerate(modes, 1)]
    return chart("Mode-resolved spectrum", _flux_axis(), _frequency_axis(top), out, marks)


def spread_chart(spread: dict, samples: dict, *, bins: int = 30) -> dict:
    """Histograms of the Monte-Carlo device spread, one panel per quantity (``samples``: quantity → array, SI, from
    ``SpreadResult.samples``), with the nominal device and p5, p95 of the spread section; a quantity whose samples
    span more than two decades gets log-spaced bins on a log axis."""
    panels = []
    for q, (name, scale, unit) in SPREAD_PANELS.items():
        v = np.asarray(samples.get(q, []), dtype=float)
        v = v[np.isfinite(v)] * scale
        if not v.size or not isinstance(spread.get(q), dict):
            continue
        log = bool(v.min() > 0 and v.max() / v.min() > 100)
        counts, edges = np.histogram(v, np.geomspace(v.min(), v.max(), bins + 1) if log else bins)
        centres = np.sqrt(edges[:-1] * edges[1:]) if log else (edges[:-1] + edges[1:]) / 2
        p = spread[q]
        marks = [marker(f"p5 = {by_key(q, p['p5'])}", GRAY, x=p["p5"] * scale, dash=DASHED),
                 marker(f"p95 = {by_key(q, p['p95'])}", "#333333", x=p["p95"] * scale, dash=DOTTED)]
        nominal = spread.get("nominal", {}).get(q)
        if finite(nominal):
            marks.insert(0, marker(f"nominal = {by_key(q, nominal)}", RED, x=nominal * scale))
        span = (edges[0], edges[-1])
        panels.append(chart(name, axis(name, unit, "log" if log else "linear", span),
                            axis("devices", "", range_=(0, 1.1 * counts.max())),
                            [series("devices per bin", centres, counts, style="bars", color=BLUE)], marks,
                            height_px=PANEL_HEIGHT_PX))
    return {"version": VERSION, "kind": "panels", "columns": 3, "panels": panels,
            "title": f"Monte-Carlo spread of {spread['samples']} devices (seed {spread['seed']})"}


def _impedance_range(curves) -> tuple[float, float]:
    """|Z| axis from the 2nd to the 98th percentile of the curves, widened 3× each way (poles and zeros off
    scale)."""
    z = np.concatenate([np.asarray(c, dtype=float) for c in curves])
    z = z[np.isfinite(z) & (z > 0)]
    return (float(np.percentile(z, 2) / 3), float(np.percentile(z, 98) * 3)) if z.size else (1.0, 1e6)


def _impedance_axes(top_Hz: float, curves) -> tuple[dict, dict]:
    return axis("frequency", "GHz", range_=(0.0, top_Hz / 1e9)), axis("|Z_in|", "Ω", "log", _impedance_range(curves))


def impedance_chart(superinductor: dict, qubit: dict | None = None, *, f_Hz, Z_ohm) -> dict:
    """|Z_in(f)| of the drawn meander (far end grounded; the curve passed as arrays), its modes below the curve's top
    frequency, and the range of each of the qubit's transitions over flux."""
    f = np.asarray(f_Hz, dtype=float)
    top = float(f.max())
    modes = [m for m in superinductor["modes_Hz"] if finite(m) and m < top]
    label = "wire modes: " + ", ".join(eng(m, "Hz") for m in modes)
    marks = [marker(label, "#222222", x=m / 1e9, dash=DOTTED) for m in modes]
    shades = []
    if qubit is not None:
        tr = np.asarray(qubit["transitions_GHz"], dtype=float)
        for k in range(1, tr.shape[1]):
            lo, hi = float(np.nanmin(tr[:, k])), float(np.nanmax(tr[:, k]))
            shades.append(band(f"qubit 0 → {k} over flux: {ghz(lo)} … {ghz(hi)}", PALETTE[(k - 1) % len(PALETTE)],
                               x=(lo, max(hi, lo + top / 1e9 / 300))))
    return chart(f"Input impedance, first mode {eng(superinductor.get('f_self_Hz'), 'Hz')}",
                 *_impedance_axes(top, [Z_ohm]),
                 [series("|Z_in| of the drawn meander", f / 1e9, Z_ohm, color="#222222", log_y=True)], marks, shades)


# ------------------------------------------------------------------------------------------ compare
def compare_spectra_chart(designs) -> dict:
    """f01 (solid) and f02 (dashed) against flux of every design with a qubit, one colour per design; ``designs``:
    (name, ``Results.to_dict()``) pairs."""
    out, tops = [], []
    for i, (name, d) in enumerate((n, d) for n, d in designs if "qubit" in d):
        q, color = d["qubit"], PALETTE[i % len(PALETTE)]
        tr = np.asarray(q["transitions_GHz"], dtype=float)
        out.append(series(f"{name}: 0 → 1", q["flux"], tr[:, 1], color=color))
        if tr.shape[1] > 2:
            out.append(series(f"{name}: 0 → 2", q["flux"], tr[:, 2], color=color, dash=DASHED))
        tops.append(_top(tr[:, 1:min(3, tr.shape[1])]))
    return chart("Spectra", _flux_axis(), _frequency_axis(max(tops or [1.0])), out)


def compare_impedance_chart(designs) -> dict:
    """|Z_in(f)| of every drawn film meander with its modes (dotted), and the modes of every JJ chain (dash-dot),
    one colour per column; ``designs``: dicts {name, modes_Hz, f_Hz and Z_ohm (absent for a chain)}."""
    curves = [d for d in designs if d.get("f_Hz") is not None]
    top = max([float(np.max(d["f_Hz"])) for d in curves] or [10e9])
    out, marks = [], []
    for i, d in enumerate(designs):
        color = PALETTE[i % len(PALETTE)]
        if d.get("f_Hz") is not None:
            out.append(series(d["name"], np.asarray(d["f_Hz"]) / 1e9, d["Z_ohm"], color=color, log_y=True))
        style = (f"modes of {d['name']}", DOTTED) if d.get("f_Hz") is not None else (f"{d['name']}: modes", DASHDOT)
        marks += [marker(style[0], color, x=m / 1e9, dash=style[1]) for m in d["modes_Hz"] if finite(m) and m < top]
    return chart("Superinductor impedance", *_impedance_axes(top, [d["Z_ohm"] for d in curves]), out, marks)


# ------------------------------------------------------------------------------------------ HTML
@lru_cache(maxsize=1)
def charts_head() -> str:
    """The <style> and <script> block to inline once per page: uPlot (CSS and JS) and our renderer."""
    static = resources.files(__package__) / "static"
    uplot_css, uplot_js, ours = ((static / name).read_text(encoding="utf-8")
                                 for name in ("uplot/uPlot.min.css", "uplot/uPlot.iife.min.js", "superind-charts.js"))
    css = (".chart{margin:.4em 0;min-width:280px;flex:1 1 540px;max-width:100%;font-family:system-ui,sans-serif}"
           ".si-title{font-weight:600;font-size:15px;margin:.2em 0;text-align:center}"
           ".si-panels{display:flex;flex-wrap:wrap;gap:16px}.si-keys{font-size:13px;text-align:center;margin:2px 0}"
           ".si-key{display:inline-block;margin:2px 10px;white-space:nowrap}.si-key svg{vertical-align:middle;"
           "margin-right:4px}.uplot .u-title{font-size:15px}"
           ".si-notes{font-size:12px;text-align:center;margin:2px 0}.si-beyond{color:#555;margin-right:4px}"
           ".si-note{display:inline-block;border-left:3px solid;padding:0 5px;margin:1px 6px;white-space:nowrap}"
           ".uplot .u-legend{font-size:13px}.uplot .u-inline.u-live th::after{content:none}"
           ".uplot:not(.si-hover) .u-legend .u-series:first-child{display:none}")
    return f"<style>{uplot_css}{css}</style><script>{uplot_js}</script><script>{ours}</script>"


def chart_html(spec: dict, key: str) -> str:
    """A chart's container ``<div class="chart" data-chart="KEY">`` holding its spec as JSON; ``<``, ``>`` and ``&``
    are escaped as \\u003c, \\u003e, \\u0026, so no string in the spec can end the script or the page."""
    text = json.dumps(spec, ensure_ascii=False, allow_nan=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return (f'<div class="chart" data-chart="{html.escape(key, quote=True)}">'
            f'<script type="application/json">{text}</script></div>')
