"""Designs side by side: one table of the headline numbers with the differences highlighted, the spectra and the
superinductors' input impedances overlaid, and every layout at one scale.

A design with a ``[jjchain]`` section brings its Josephson-junction chain as a column of its own next to the film
wire (the chain's lowest mode, impedance, E_S; drawn as N junctions at pitch a), so the film-versus-chain comparison
of ``layouts/tin_vs_jjchain.toml`` is one instance of this page. Numbers come from ``Results`` only.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import charts as ch
from . import preview as pv
from ..format import area, eng, finite, ghz, ratio
from .report import CSS, badge, highest_transition_GHz

#: relative difference above which a number without a band is highlighted as different from the first column
DIFFERENT = 0.01
#: numbers with a band (its key in the column's numbers): different only when the two bands do not overlap — their
#: nominal values rest on the same assumptions, so a nominal ratio inside the bands is not a verdict on the design
BANDS = {"T1_s": "T1_band_s", "T2_s": "T2_band_s", "E_S_GHz": "E_S_band_GHz"}
#: the largest layout is drawn this many pixels wide (the others at the same µm-per-pixel)
LAYOUT_PX = 900


@dataclass
class Column:
    """One superinductor of the comparison: a design's film wire (``chain=False``) or its JJ chain."""

    name: str
    results: object
    chain: bool = False
    numbers: dict = field(default_factory=dict)  # key → SI value (or text)


#: the rows of the table: key → (label, how to write a value)
ROWS = {
    "overall": ("overall verdict", str), "records": ("warning and critical records", str),
    "material": ("superinductor", str), "R_sq_ohm": ("film R_sq", lambda v: eng(v, "Ω")),
    "L_k_sq_H": ("L_k,□", lambda v: eng(v, "H", 4, suffix="/□")), "L_H": ("L", lambda v: eng(v, "H")),
    "length_m": ("length", lambda v: eng(v, "m")), "width_m": ("width", lambda v: eng(v, "m")),
    "N": ("junctions", lambda v: f"{v:.0f} junctions"), "Z_over_RQ": ("Z", lambda v: ratio(v, "R_Q")),
    "f_self_Hz": ("first self-resonance", lambda v: eng(v, "Hz")),
    "E_L_fluxoid_GHz": ("E_L^fluxoid", ghz), "E_S_GHz": ("E_S central", ghz),
    "verdict": ("phase slips", str), "kind": ("qubit", str), "f01_GHz": ("f01 at the operating flux", ghz),
    "top_transition_GHz": ("highest transition", ghz), "T1_s": ("T1", lambda v: eng(v, "s")),
    "T2_s": ("T2", lambda v: eng(v, "s")), "cell_m2": ("cell area", area),
    "drc_violations": ("DRC violations", lambda v: f"{v:.0f} violations"),
}


def columns_of(results_list) -> list[Column]:
    """The columns for a list of ``Results``: each film wire, and each JJ chain right after its design."""
    out = []
    for r in results_list:
        out.append(Column(r.name, r, numbers=_wire_numbers(r)))
        if "jjchain" in r:
            out.append(Column(f"{r.name} · JJ chain", r, chain=True, numbers=_chain_numbers(r)))
    return out


def _wire_numbers(r) -> dict:
    n = r.sections
    s = n.get("superinductor", {})
    out = {"material": f"{n['film']['material']} film wire" if "film" in n else "ideal inductor"}
    if "film" in n:
        out.update(R_sq_ohm=n["film"]["R_sq_ohm"], L_k_sq_H=n["film"]["L_k_sq_H"])
    out.update({k: s.get(k) for k in ("L_H", "length_m", "width_m", "Z_over_RQ", "f_self_Hz", "E_L_fluxoid_GHz",
                                      "E_S_GHz", "E_S_band_GHz", "verdict")})
    if "qubit" in n:
        q = n["qubit"]
        out.update(kind=q["kind"], f01_GHz=q["f01_operating_GHz"], top_transition_GHz=highest_transition_GHz(q),
                   **{k: q.get(k) for k in ("T1_s", "T2_s", "T1_band_s", "T2_band_s")})
    if "layout" in n:
        (x0, y0), (x1, y1) = n["layout"]["bbox_m"]
        out.update(cell_m2=(x1 - x0) * (y1 - y0), drc_violations=n["layout"]["drc_violations"])
    out["overall"] = r.verdict
    out["records"] = "; ".join(f"{v.severity}: {v.code}" for v in r.verdicts if v.severity != "info") or "none"
    return {k: v for k, v in out.items() if v is not None}


def _chain_numbers(r) -> dict:
    c = r["jjchain"]
    return {"material": "Josephson-junction chain", **{k: c[k] for k in ("L_H", "length_m", "N", "Z_over_RQ",
                                                                          "f_self_Hz", "E_L_fluxoid_GHz", "E_S_GHz")}}


def headline_table(columns: list[Column]) -> dict:
    """key → {label, values (one per column, None where absent), bands (where the number has one), texts, differs
    (per column, vs the first: beyond 1 %, or for a banded number bands that do not overlap)}."""
    table = {}
    for key, (label, fmt) in ROWS.items():
        values = [c.numbers.get(key) for c in columns]
        if all(v is None for v in values):
            continue
        bands = [c.numbers.get(BANDS[key]) for c in columns] if key in BANDS else [None] * len(values)
        differs = [_differs(v, values[0], band, bands[0]) for v, band in zip(values, bands)]
        texts = ["—" if v is None else fmt(v) + (f" ({fmt(b[0])} … {fmt(b[1])})" if b and b[0] != b[1] else "")
                 for v, b in zip(values, bands)]
        table[key] = {"label": label, "values": values, "differs": differs, "texts": texts,
                      **({"bands": bands} if key in BANDS else {})}
    return table


def _differs(v, ref, band=None, ref_band=None) -> bool:
    if v is None or ref is None:  # an absent number is not a difference (a chain has no film R_sq)
        return False
    if band and ref_band:  # significant only beyond both bands
        return band[0] > ref_band[1] or band[1] < ref_band[0]
    if finite(v) and finite(ref):
        return abs(v - ref) > DIFFERENT * max(abs(v), abs(ref))
    return str(v) != str(ref)


def comparison_dict(columns: list[Column]) -> dict:
    """The JSON of ``superind compare``: {designs: [...], headline: {key: {label, values, differs}}}."""
    designs = [{"name": c.name, "kind": "jjchain" if c.chain else "design",
                "source": Path(c.results.device.spec.source).name, "numbers": c.numbers} for c in columns]
    table = headline_table(columns)
    return {"designs": designs, "headline": {k: {kk: v[kk] for kk in ("label", "values", "bands", "differs") if kk in v}
                                             for k, v in table.items()}}


# ------------------------------------------------------------------------------------------ charts
def chart_specs(columns: list[Column]) -> dict:
    """The comparison's chart specs by key: the spectra of every design with a qubit, and the superinductors'
    |Z_in(f)| (each drawn film meander with its modes; each JJ chain's modes)."""
    designs = [(c.name, c.results.to_dict()) for c in columns if not c.chain]
    out = {}
    if any("qubit" in d for _, d in designs):
        out["spectra"] = ch.compare_spectra_chart(designs)
    wires = [c for c in columns if not c.chain and c.results.device.wire is not None
             and c.results.device.wire.line.grounded]
    top = max([_span_Hz(c) for c in wires] or [10e9])
    curves = []
    for c in columns:
        if c in wires:
            f, z = pv.impedance_curve(c.results.device.wire, top, _points(c, top))
            curves.append({"name": c.name, "modes_Hz": c.results["superinductor"]["modes_Hz"], "f_Hz": f, "Z_ohm": z})
        elif c.chain:
            curves.append({"name": c.name, "modes_Hz": c.results["jjchain"]["modes_Hz"]})
    if curves:
        out["impedance"] = ch.compare_impedance_chart(curves)
    return out


def _span_Hz(c: Column) -> float:
    """1.2 × the larger of the first self-resonance and the highest qubit transition of one design."""
    s, q = c.results["superinductor"], c.results.sections.get("qubit")
    return 1.2 * max(s["f_self_Hz"], 1e9 * highest_transition_GHz(q) if q else 0.0)


def _points(c: Column, top_Hz: float) -> int:
    """Enough frequency points for about ten per mode spacing up to ``top_Hz`` (240 … 1200)."""
    modes = [m for m in c.results["superinductor"]["modes_Hz"] if finite(m)]
    spacing = min(np.diff(modes)) if len(modes) > 1 else top_Hz
    return int(min(1200, max(240, 10 * top_Hz / spacing)))


def chain_svg(c: dict, px_per_um: float) -> str:
    """A JJ chain at the given scale: N junctions (red) at pitch a on a line of length N·a."""
    length_um, a_um = c["length_m"] * 1e6, c["length_m"] * 1e6 / c["N"]
    w, h = max(length_um * px_per_um, 4.0), 24.0
    marks = "".join(f'<rect x="{(k + 0.35) * a_um * px_per_um:.2f}" y="7" width="{max(0.3 * a_um * px_per_um, 0.6):.2f}"'
                    f' height="10" fill="#d62728"/>' for k in range(c["N"])) if c["N"] <= 2000 else ""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w:.1f}" height="{h:.0f}" viewBox="0 0 {w:.1f} {h:.0f}">'
            f'<rect x="0" y="11" width="{w:.1f}" height="2" fill="#1f77b4"/>{marks}</svg>')


def layouts_html(columns: list[Column], svgs: dict) -> str:
    """Every layout (and chain) at one scale: the widest is ``LAYOUT_PX`` wide."""
    spans = []
    for c in columns:
        if c.chain:
            spans.append(c.results["jjchain"]["length_m"] * 1e6)
        elif c.name in svgs:
            (x0, _), (x1, _) = c.results["layout"]["bbox_m"]
            spans.append((x1 - x0) * 1e6 * 1.1 + 1e-9)
    if not spans:
        return "<p>No layouts.</p>"
    px_per_um = LAYOUT_PX / max(spans)
    parts = []
    for c in columns:
        if c.chain:
            drawing = chain_svg(c.results["jjchain"], px_per_um)
        elif c.name in svgs:
            lay = c.results["layout"]
            (x0, _), (x1, _) = lay["bbox_m"]
            _, s = pv.svg_geometry(svgs[c.name], lay["bbox_m"])
            vb_w = pv.svg_geometry(svgs[c.name], lay["bbox_m"])[0][2]
            width_px = (vb_w / s) * px_per_um  # the whole viewBox in µm at the common scale
            drawing = pv.annotated_svg(svgs[c.name], lay["bbox_m"], lay.get("ports", ()), width_px * 1.12)
            size = f"cell {eng(x1 - x0, 'm')} × {eng(lay['bbox_m'][1][1] - lay['bbox_m'][0][1], 'm')}"
        else:
            continue
        if c.chain:
            size = f"{c.results['jjchain']['N']} junctions over {eng(c.results['jjchain']['length_m'], 'm')}"
        parts.append(f"<div class='lay'><h3>{html.escape(c.name)} <small>({html.escape(size)})</small></h3>"
                     f"{drawing}</div>")
    bar = pv.nice_length_um(LAYOUT_PX / px_per_um)
    scale = (f"<p>All at one scale: <svg width='{bar * px_per_um:.1f}' height='8'><rect width='{bar * px_per_um:.1f}'"
             f" height='6' fill='#000'/></svg> = {html.escape(eng(bar * 1e-6, 'm', 1))}</p>")
    return scale + "".join(parts)


def render_comparison(results_list, svgs: dict | None = None) -> str:
    """The self-contained comparison page of several ``Results`` (``svgs``: design name → layout SVG text)."""
    columns = columns_of(results_list)
    table = headline_table(columns)
    head = "".join(f"<th>{html.escape(c.name)}</th>" for c in columns)
    body = ""
    for row in table.values():
        cells = "".join(f"<td class='v{' diff' if d and i else ''}'>{html.escape(t)}</td>"
                        for i, (t, d) in enumerate(zip(row["texts"], row["differs"])))
        body += f"<tr><th>{html.escape(row['label'])}</th>{cells}</tr>"
    fig_html = "".join(ch.chart_html(spec, key) for key, spec in chart_specs(columns).items())
    names = " · ".join(html.escape(c.name) for c in columns)
    legend = badge("warning", "differs from the first column: by more than 1 %, or — for numbers with a band (in "
                              "brackets) — beyond both bands")
    return (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>superind comparison</title>"
            f"<style>{CSS} td.diff{{background:#fff0c2}} .lay{{margin:.5em 0}} .lay svg{{border:1px solid #ddd}}"
            f"</style>{ch.charts_head()}</head><body><h1>Designs side by side</h1><p class='sub'>{names}</p>"
            f"<h2>Headline numbers</h2><p>{legend}</p><table class='q cmp'><tr><th></th>{head}</tr>{body}</table>"
            f"<h2>Spectra and impedance</h2><div class='grid'>{fig_html}</div>"
            f"<h2>Layouts</h2>{layouts_html(columns, svgs or {})}</body></html>\n")


#: the page ``superind compare`` writes when no ``-o`` is given
DEFAULT_PAGE = "build/comparison.html"


def comparison_path(out=None, inputs=()) -> Path:
    """The page ``-o`` names: an ``.html`` file, or ``FOLDER/comparison.html`` for an existing folder
    (``superind.files.output_path``: never one of ``inputs``); ``DEFAULT_PAGE`` when not given."""
    from ..files import output_path

    return output_path(out, DEFAULT_PAGE, (".html", ".htm"), "comparison page", inputs)


def write_comparison(results_list, path) -> Path:
    """Render the comparison and write it to ``path`` (``comparison_path``) through ``OutputSet`` (all or none),
    never over one of the compared designs' files. Returns the page's path."""
    from .. import layout
    from ..files import OutputSet, design_inputs

    inputs = [source for r in results_list for source in design_inputs(r.device.spec)]
    path = comparison_path(path, inputs)
    svgs = {r.name: layout.svg_text(r.device.layout.cell, r.device.process)
            for r in results_list if r.device.layout is not None}
    text = render_comparison(results_list, svgs)
    with OutputSet(path.parent, path.stem, inputs=inputs) as files:
        return files.write_text(path.suffix.lstrip("."), text)
