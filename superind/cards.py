"""The summary of a design for people: the overall verdict and one card per question (is my film suitable? what
wire? what qubit? will it work? what do I fabricate?), each with its headline number and the verdict records that
answer it, coloured by the records' severity.

Pure functions of the build JSON (``Results.to_dict()``), so the report, the explorer and ``Results._repr_html_``
show the same thing; no threshold lives here — every colour is a record's severity. Every shown number carries
``data-key`` (its dotted path in the JSON) and ``data-value`` (its value in the JSON's units).
"""
from __future__ import annotations

import html
import json

from .format import channel_name, eng, ghz, ratio

#: severity → CSS class of a badge or card
LEVEL = {"info": "ok", "warning": "warn", "critical": "bad"}
#: overall verdict → CSS class
OVERALL_LEVEL = {"works": "ok", "marginal": "warn", "fails": "bad"}

CSS = """.verdict{border-radius:6px;padding:.5em .8em;margin:.8em 0;font-size:1.05em}
.verdict b{text-transform:uppercase;letter-spacing:.04em}
.cards{display:grid;grid-template-columns:repeat(5,1fr);gap:.6em;margin:1em 0}
.card{border:1px solid #ccc;border-left-width:6px;border-radius:6px;padding:.5em .7em;background:#fafafa}
.card.ok{border-left-color:#2e7d32} .card.warn{border-left-color:#e0a800} .card.bad{border-left-color:#c62828}
.card h3{font-size:.85em;margin:0;color:#555;font-weight:600} .card .big{font-size:1.45em;font-weight:700;margin:.15em 0}
.card .small{font-size:.82em;color:#444} .badge{display:inline-block;border-radius:4px;padding:1px 6px;margin:2px 0;
font-size:.8em;font-weight:600} .ok{background:#d9f2d9;color:#1b5e20} .warn{background:#fff0c2;color:#7a5500}
.bad{background:#fbd5d5;color:#8b1a1a} .note{background:#e6eef8;color:#1c3d6e}
@media (max-width:900px){.cards{grid-template-columns:1fr 1fr}}"""


def esc(x) -> str:
    return html.escape(str(x), quote=True)


def number(key: str, value, text: str) -> str:
    """A shown number: ``text`` in a span carrying ``data-key`` and ``data-value`` (JSON of the value)."""
    return (f"<span data-key='{esc(key)}' data-value='{esc(json.dumps(value, allow_nan=False, default=str))}'>"
            f"{esc(text)}</span>") if value is not None else esc(text)


def records_of(d: dict, *codes: str) -> list[dict]:
    """The records whose code is one of ``codes`` or starts with one ending in '.' (a section prefix)."""
    return [v for v in d.get("verdicts", []) if any(v["code"] == c or (c.endswith(".") and v["code"].startswith(c))
                                                    for c in codes)]


def _card(question, label, key, value, text, sub, records) -> dict:
    rank = max((("info", "warning", "critical").index(r["severity"]) for r in records), default=0)
    return {"question": question, "label": label, "key": key, "value": value, "text": text, "sub": sub,
            "records": records, "level": LEVEL[("info", "warning", "critical")[rank]]}


def headline(d: dict) -> list[dict]:
    """The cards of a build JSON, each {question, label, key, value, text, sub, records, level}."""
    out = []
    if "film" in d:
        f = d["film"]
        out.append(_card("Is my film suitable?", "L_k,□", "film.L_k_sq_H", f["L_k_sq_H"],
                         eng(f["L_k_sq_H"], "H", 4, suffix="/□"),
                         f"R_sq {eng(f['R_sq_ohm'], 'Ω')}, T_c {eng(f['Tc_K'], 'K')}",
                         [r for r in records_of(d, "film.") if r["code"] == "film.breakdown" or r["severity"] != "info"]))
    s = d.get("superinductor", {})
    if "length_m" in s:
        out.append(_card("What wire?", f"length × width ({s.get('cell', 'meander')})", "superinductor.length_m",
                         s["length_m"], f"{eng(s['length_m'], 'm')} × {eng(s['width_m'], 'm')}",
                         f"L = {eng(s['L_H'], 'H')}, {s['squares']:.0f} □, {s['meander_rows']} rows",
                         records_of(d, "superinductor.impedance", "superinductor.isolated", "superinductor.not_drawn",
                                    "superinductor.cross_section")))
    if "qubit" in d:
        q = d["qubit"]
        at = q["operating_flux"]
        model = "multimode" if q.get("model", "").startswith("multimode") else "single-mode"
        out.append(_card("What qubit?", f"f01 at Φ = {at:g} Φ0 ({model})", "qubit.f01_operating_GHz",
                         q["f01_operating_GHz"], ghz(q["f01_operating_GHz"]),
                         f"{q['kind']}, f01 {ghz(q['f01_min_GHz'])} … {ghz(q['f01_max_GHz'])} over the flux range",
                         records_of(d, "qubit.energy_ratio", "qubit.heavy_theta", "qubit.qps_E_S_vs_E_L",
                                    "qubit.qps_E_S_vs_gap", "multimode.")))
        T2 = q.get("T2_s")
        out.append(_card("Will it work?", f"T2 at Φ = {at:g} Φ0", "qubit.T2_s", T2, eng(T2, "s"),
                         coherence_line(q),
                         records_of(d, "qubit.coherence", "qubit.degenerate", "superinductor.self_resonance",
                                    "phase_slip.verdict")))
    elif "superinductor" in d and "f_self_Hz" in s:
        out.append(_card("Will it work?", "first self-resonance", "superinductor.f_self_Hz", s["f_self_Hz"],
                         eng(s["f_self_Hz"], "Hz"), f"Z = {ratio(s.get('Z_over_RQ'), 'R_Q')}",
                         records_of(d, "superinductor.self_resonance", "phase_slip.verdict")))
    if "layout" in d:
        lay = d["layout"]
        (x0, y0), (x1, y1) = lay["bbox_m"]
        out.append(_card("What do I fabricate?", f"cell {lay.get('cell', '')}", "layout.bbox_m", lay["bbox_m"],
                         f"{eng(x1 - x0, 'm')} × {eng(y1 - y0, 'm')}",
                         f"{lay['polygons']} polygons, process '{d['design']['layout']['process']}'",
                         records_of(d, "layout.")))
    return out


def _band(band) -> str:
    return f" ({eng(band[0], 's')} … {eng(band[1], 's')})" if band and band[0] != band[1] else ""


def coherence_line(q: dict) -> str:
    """T2's band, T1 and T_φ with theirs, and what limits T2 (channel and the assumption it rests on)."""
    if not isinstance(q.get("T2_s"), (int, float)):
        return "coherence not computed"
    text = (f"band{_band(q.get('T2_band_s')) or ' —'}; T1 {eng(q.get('T1_s'), 's')}{_band(q.get('T1_band_s'))}, "
            f"T_φ {eng(q.get('Tphi_s'), 's')}{_band(q.get('Tphi_band_s'))}")
    lim = q.get("limiting", {}).get("T2")
    return text + (f"; limited by {channel_name(lim['channel'])} — {lim['label']}" if lim else "")


def badge(severity: str, text: str, code: str = "") -> str:
    attrs = f" data-code='{esc(code)}' data-severity='{esc(severity)}'" if code else ""
    return f"<span class='badge {LEVEL.get(severity, severity)}'{attrs}>{esc(text)}</span>"


def cards_html(d: dict) -> str:
    """The cards as HTML (each record a badge with its code and severity)."""
    cards = []
    for c in headline(d):
        badges = "<br>".join(badge(r["severity"], r["message"], r["code"]) for r in c["records"])
        cards.append(f"<div class='card {c['level']}'><h3>{esc(c['question'])}</h3><div class='small'>"
                     f"{esc(c['label'])}</div><div class='big'>{number(c['key'], c['value'], c['text'])}</div>"
                     f"<div class='small'>{esc(c['sub'])}</div>{badges}</div>")
    return f"<div class='cards'>{''.join(cards)}</div>"


def verdict_html(d: dict) -> str:
    """The overall verdict with the records that decide it."""
    verdict = d.get("verdict", "works")
    deciding = [r for r in d.get("verdicts", []) if r["code"] in d.get("verdict_deciding", [])
                and r["severity"] != "info"]
    why = "; ".join(r["message"] for r in deciding[:3]) + (" …" if len(deciding) > 3 else "")
    return (f"<div class='verdict {OVERALL_LEVEL[verdict]}' data-key='verdict' data-value='{esc(verdict)}'>"
            f"<b>{esc(verdict)}</b>{' — ' + esc(why) if why else ': no warning or critical record'}</div>")


def summary_html(results) -> str:
    """The overall verdict and the cards of ``results`` (a Results or its JSON dict), with their CSS."""
    d = results if isinstance(results, dict) else results.to_dict()
    return f"<div class='superind-summary'><style>{CSS}</style>{verdict_html(d)}{cards_html(d)}</div>"
