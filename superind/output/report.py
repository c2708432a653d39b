"""The HTML report of ``superind build``: one self-contained file that answers the designer's questions in order —
is my film suitable (and how close to the breakdown)? what wire (and how sure)? what qubit? will it work
(coherence, self-resonances, phase slips)? what do I fabricate? — under a summary card of the numbers that matter.

Everything shown comes from ``Results`` (and the objects of ``Results.device``: the drawn meander's Z_in, the film's
L_k(T)); the charts are drawn by the browser from the numbers the page embeds (``superind.output.charts``: the
vendored uPlot, no network), the layout is the inline SVG annotated with a scale bar, the overall dimensions and the
ports, and the design is echoed as TOML. Nothing is drawn on the server.
"""
from __future__ import annotations

from pathlib import Path

from . import charts as ch
from . import preview as pv
from ..cards import badge, esc, summary_html
from ..format import (by_key, design_toml, duration, eng, finite, ghz, multimode_rows,
                      qubit_energy_rows, ratio, significant, wire_rows)

CSS = """body{font-family:system-ui,sans-serif;max-width:1180px;margin:auto;padding:1em 1.5em;color:#222}
h1{margin-bottom:.1em} h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
.sub{color:#666;margin-top:0}
table{border-collapse:collapse;margin:.5em 0} th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;
font-size:.9em;vertical-align:top} th{background:#f3f3f3;font-weight:600} td.v{white-space:nowrap;font-weight:600}
td.n{color:#555} .grid{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start}
.grid>table{flex:1 1 420px} .grid>.chart{flex:1 1 540px}
.layout svg{width:100%;height:auto;max-height:640px;border:1px solid #ccc;background:#fff}
.legend span.sw{display:inline-block;width:14px;height:14px;margin-right:4px;vertical-align:middle;border:1px solid #888}
pre{background:#f6f6f6;padding:.7em;border:1px solid #ddd;overflow:auto;font-size:.85em}
"""


def quantity_table(rows, css: str = "q") -> str:
    """A table of (quantity, value with unit[, note]) rows; rows whose value is '—' are left out."""
    rows = [r for r in rows if r[1] not in ("—", "")]
    notes = any(len(r) > 2 and r[2] for r in rows)
    body = "".join(f"<tr><th>{esc(r[0])}</th><td class='v'>{esc(r[1])}</td>"
                   + (f"<td class='n'>{esc(r[2]) if len(r) > 2 else ''}</td>" if notes else "") + "</tr>" for r in rows)
    return f"<table class='{css}'>{body}</table>"




# ------------------------------------------------------------------------------------------ verdicts
def breakdown(d: dict) -> tuple[float, str, float]:
    """(R_sq / R_break, name of the breakdown scale, R_break [Ω]) from the ``film.breakdown`` record."""
    n = next(r["numbers"] for r in d["verdicts"] if r["code"] == "film.breakdown")
    return n["fraction_of_breakdown"], n["scale"], n["R_break_ohm"]


def at_sweet_spot(q: dict) -> bool:
    """The operating flux is a symmetry point (Φ0/2 or integer flux), where E01 is first-order flux-insensitive."""
    at = q.get("operating_flux")
    slope = q.get("coherence", {}).get("dE01_dflux_GHz")
    return (finite(at) and abs(2 * at - round(2 * at)) < 1e-9) or (finite(slope) and abs(slope) < 1e-9)


def highest_transition_GHz(q: dict) -> float:
    """The highest computed transition E_k − E_0 over the flux range."""
    return max(max(row[1:]) for row in q["transitions_GHz"])


def verdicts_html(d: dict) -> str:
    """Every verdict record of the JSON, most severe first: severity, code, message, what to do."""
    rows = "".join(f"<tr data-code='{esc(r['code'])}' data-severity='{esc(r['severity'])}'>"
                   f"<td>{badge(r['severity'], r['severity'])}</td><td><code>{esc(r['code'])}</code></td>"
                   f"<td>{esc(r['message'])}</td><td>{esc(r['action'])}</td></tr>" for r in d["verdicts"])
    if not rows:
        return "<p>No verdict records.</p>"
    return ("<table class='verdicts'><tr><th>severity</th><th>code</th><th>verdict</th><th>what to do</th></tr>"
            f"{rows}</table>")


# ------------------------------------------------------------------------------------------ sections
def film_rows(d: dict) -> list:
    f, src = d["film"], d.get("sources", {})
    frac, name, R_break = breakdown(d)
    rows = [("R_sq (normal state, T_c⁺)", by_key("R_sq_ohm", f["R_sq_ohm"]), f"{frac:.0%} of {name}"),
            ("breakdown scale", eng(R_break, "Ω"), name),
            ("T_c", eng(f["Tc_K"], "K"), f"source: {f['Tc_source']}"),
            ("Δ0", f"{significant(f['delta_ueV'])} µeV = {ghz(f['delta_GHz'])} × h",
             f"Δ0 = {significant(f['gap_ratio'], 4)} k_BT_c ({src.get('gap_ratio', '')})"),
            ("operating temperature", eng(f["temperature_K"], "K") if f["temperature_K"] else "0 K"),
            ("L_k,□ at the operating T", by_key("L_k_sq_H", f["L_k_sq_H"]), "Mattis–Bardeen, ħω ≪ Δ"),
            ("L_k,□ at 0 K", by_key("L_k_sq_H", f["L_k_sq_H_T0"])),
            ("thickness", by_key("thickness_m", f.get("thickness_m"))),
            ("resistivity ρ_n", by_key("resistivity_ohm_m", f.get("resistivity_ohm_m"))),
            ("London depth λ (dirty)", by_key("penetration_depth_m", f.get("penetration_depth_m"))),
            ("Pearl length 2λ²/d", by_key("pearl_length_m", f.get("pearl_length_m"))),
            ("diffusion constant D", by_key("diffusion_m2_per_s", f.get("diffusion_m2_per_s")),
             src.get("diffusion", ""))]
    if finite(f.get("critical_R_sq_ohm")):
        rows += [("Finkel'stein R_c", eng(f["critical_R_sq_ohm"], "Ω"), f"T_c0 {eng(f['Tc0_K'], 'K')}, γ {f['gamma']:g}"),
                 ("mesoscopic δT_c", f"{significant(f['Tc_spread_relative'], 2)} T_c", "order of magnitude")]
    return rows




def chain_rows(c: dict) -> list:
    return [("junctions N", f"{c['N']} junctions"), ("length N·a", eng(c["length_m"], "m")), ("L", eng(c["L_H"], "H")),
            ("E_J, E_C per junction", f"{ghz(c['E_J_GHz'])}, {ghz(c['E_C_GHz'])}"),
            ("Z (long wavelength)", eng(c["Z_ohm"], "Ω"), ratio(c["Z_over_RQ"], "R_Q")),
            ("plasma frequency", eng(c["f_plasma_Hz"], "Hz")), ("lowest mode", eng(c["f_self_Hz"], "Hz")),
            ("E_S chain", ghz(c["E_S_GHz"]), ratio(c["E_S_over_E_L_fluxoid"], "E_L^fluxoid"))]


def qubit_rows(q: dict) -> list:
    rows = qubit_energy_rows(q)
    rows += [(label, by_key(key, q[key])) for key, label in (("L_H", "inductance L"),
                                                              ("persistent_current_A", "persistent current"))
             if finite(q.get(key))]
    rows += [("operating flux", f"{q['operating_flux']:g} Φ0", "sweet spot" if at_sweet_spot(q) else ""),
             ("f01 there", ghz(q["f01_operating_GHz"])),
             ("f01 over the flux range", f"{ghz(q['f01_min_GHz'])} … {ghz(q['f01_max_GHz'])}"),
             ("highest computed transition", ghz(highest_transition_GHz(q))),
             ("levels converged to", ghz(q["convergence_GHz"], 2), f"tolerance {ghz(q['tol_GHz'], 2)}")]
    if finite(q.get("beta_L")):
        rows.append(("β_L = L/L_J", f"L = {significant(q['beta_L'])} L_J"))
    if finite(q.get("Z_over_RQ")) or finite(q.get("Z_phi_over_RQ")):
        rows.append(("mode impedance", ratio(q.get("Z_over_RQ", q.get("Z_phi_over_RQ")), "R_Q")))
    if "junction" in q:
        j = q["junction"]
        rows += [("junction I_c", eng(j["I_c_A"], "A")), ("junction C", eng(j["C_F"], "F")),
                 ("junction L_J", eng(j["L_J_H"], "H"))]
    return rows


#: readable names of the coherence channels (scqubits' t1_*/tphi_* names without the prefix)
CHANNELS = {"capacitive": "dielectric loss (Q_cap)", "inductive": "inductive loss (Q_ind)",
            "quasiparticle_tunneling": "quasiparticle tunnelling", "flux_bias_line": "flux-bias line",
            "charge_impedance": "charge line", "1_over_f_flux": "1/f flux noise",
            "1_over_f_cc": "1/f critical-current noise", "1_over_f_ng": "1/f charge noise", "phase_slip": "phase slips"}


def coherence_rows(q: dict) -> list:
    c, sweet = q.get("coherence", {}), at_sweet_spot(q)
    if "note" in c:
        return [("coherence", "not computed", c["note"])]
    rows = [("T1", duration(c.get("T1_s")), "total of the channels below"),
            ("T_φ", duration(c.get("Tphi_s", c.get("Tphi_flux_s")), dephasing_at_sweet_spot=sweet)),
            ("T2", duration(c.get("T2_s")), "1/T2 = 1/2T1 + 1/T_φ")]
    for name, t in c.get("T1_channels_s", {}).items():
        rows.append((f"T1 · {CHANNELS.get(name[3:], name[3:].replace('_', ' '))}", duration(t)))
    for name, t in c.get("Tphi_channels_s", {}).items():
        rows.append((f"T_φ · {CHANNELS.get(name[5:], name[5:].replace('_', ' '))}",
                     duration(t, dephasing_at_sweet_spot=sweet)))
    if "Tphi_flux_s" in c:
        rows.append(("T_φ · 1/f flux", duration(c["Tphi_flux_s"], dephasing_at_sweet_spot=sweet),
                     f"dE01/dΦ = {ghz(c.get('dE01_dflux_GHz'), 2)}/Φ0"))
    return rows


def assumptions(q: dict) -> str:
    """The noise assumptions of the coherence estimate, in words with units."""
    a = q.get("coherence", {}).get("noise_assumptions", {})
    parts = [f"T = {eng(a['T_K'], 'K')}" if finite(a.get("T_K")) else "",
             f"Q_ind = {significant(a['Q_ind'], 2)}" if finite(a.get("Q_ind")) else "",
             f"1/f flux noise A = {ratio(a['A_flux_Phi0'], 'Φ0', 2)}" if finite(a.get("A_flux_Phi0")) else "",
             f"x_qp = {ratio(a['x_qp'], '', 2)}" if finite(a.get("x_qp")) else "",
             str(a.get("Q_cap", "")), str(a.get("T1", ""))]
    return "; ".join(p for p in parts if p) or "none recorded"


def layout_html(results, svg_text: str) -> str:
    """The annotated layout preview (scale bar, overall dimensions, ports), its layer legend, the key dimensions."""
    lay, device = results["layout"], results.device
    svg = pv.annotated_svg(svg_text, lay["bbox_m"], lay.get("ports", ())) if svg_text else ""
    return (f"<div class='grid'><div class='layout' style='flex:1 1 560px'>{svg}</div><div>"
            f"<div class='legend'>{pv.layer_legend(device.layout.cell, device.process)}</div>"
            f"{quantity_table(pv.key_dimensions(lay))}</div></div>")


def charts_of(results, d: dict | None = None) -> dict:
    """The report's chart specs by key (``superind.output.charts``), with the curves they draw computed from the
    objects of ``results.device``: breakdown, kinetic_inductance, phase_slip, spectrum, impedance, multimode,
    spread — those the design has (``d``: ``results.to_dict()`` when the caller has it)."""
    n, device, d = results.sections, results.device, d or results.to_dict()
    out = {}
    if "film" in n:
        crit = device.film.material.critical_R_sq_ohm
        critical = (crit.min, crit.max) if crit.min is not None else None
        out["breakdown"] = ch.breakdown_chart(d, critical_range_ohm=critical, finkelstein=pv.finkelstein_curve(
            device.film, ch.breakdown_R_top(d, critical)))
        T, L = pv.kinetic_inductance_curve(device.film)
        out["kinetic_inductance"] = ch.kinetic_inductance_chart(n["film"], T_K=T, L_k_sq_H=L)
    s = n.get("superinductor", {})
    if "length_m" in s and s.get("E_S_GHz") is not None and "film" in n:
        out["phase_slip"] = ch.phase_slip_chart(n)
    if "qubit" in n:
        q = n["qubit"]
        out["spectrum"] = ch.spectrum_chart(q, s)
        if device.wire is not None and device.wire.line.grounded:
            f, z = pv.impedance_curve(device.wire, pv.impedance_top_Hz(device.wire, q))
            out["impedance"] = ch.impedance_chart(s, q, f_Hz=f, Z_ohm=z)
        if "multimode" in n:
            out["multimode"] = ch.multimode_chart(q, n["multimode"])
    if results.spread is not None:
        out["spread"] = ch.spread_chart(n["spread"], results.spread.samples)
    return out


def render_html(results, svg_text: str = "") -> str:
    """The self-contained report of one device (``Results`` of ``evaluate``; ``svg_text`` the layout preview)."""
    n, device, d = results.sections, results.device, results.to_dict()
    spec = device.spec
    specs = charts_of(results, d)
    chart = lambda key: ch.chart_html(specs[key], key) if key in specs else ""

    parts = [f"<h1>{esc(spec.name)}</h1><p class='sub'>{esc(spec.description)}"
             f"{' — ' + esc(Path(spec.source).name) if spec.source else ''}</p>", summary_html(d),
             "<h2>Verdicts, most severe first</h2>", verdicts_html(d)]
    if "film" in n:
        parts += ["<h2>1 · Is my film suitable?</h2><div class='grid'>", quantity_table(film_rows(d)),
                  chart("breakdown"), chart("kinetic_inductance"), "</div>"]
    if "length_m" in n.get("superinductor", {}):
        parts += ["<h2>2 · What wire, and how sure?</h2><div class='grid'>",
                  quantity_table(wire_rows(n["superinductor"])), chart("phase_slip"), "</div>"]
    if "jjchain" in n:
        parts += ["<h3>The same inductance as a Josephson-junction chain</h3>", quantity_table(chain_rows(n["jjchain"]))]
    if "qubit" in n:
        q = n["qubit"]
        parts += ["<h2>3 · What qubit?</h2>", f"<p class='small'>Model: {esc(q.get('model', ''))}</p>",
                  "<div class='grid'>", quantity_table(qubit_rows(q)), chart("spectrum"), "</div>",
                  "<h2>4 · Will it work?</h2><div class='grid'>", quantity_table(coherence_rows(q)),
                  chart("impedance"), "</div>", f"<p class='small'>Noise assumptions: {esc(assumptions(q))}</p>"]
    if "multimode" in n:
        m = n["multimode"]
        rows = multimode_rows(m, q["operating_flux"])
        parts += ["<h3>The superinductor's own modes in the qubit (multimode)</h3><div class='grid'>",
                  quantity_table(rows), chart("multimode"), "</div>"]
    if results.spread is not None:
        rows = []
        for key, (title, scale, unit) in ch.SPREAD_PANELS.items():
            p = n["spread"].get(key)
            if isinstance(p, dict) and all(finite(p[k]) for k in ("p5", "p50", "p95")):
                rows.append((f"{title} (median)", f"{significant(p['p50'] * scale)} {unit}",
                             f"p5 … p95: {significant(p['p5'] * scale)} … {significant(p['p95'] * scale)} {unit}"))
        parts += ["<h3>How the fabricated devices will spread</h3>", quantity_table(spread_settings(spec.spread)),
                  quantity_table(rows), chart("spread")]
    if "layout" in n:
        parts += ["<h2>5 · What do I fabricate?</h2>", layout_html(results, svg_text)]
    toml = design_toml(spec.model_dump(mode="json"), _units())
    parts += ["<h2>The design (TOML)</h2>", f"<pre>{esc(toml)}</pre>"]
    if "sources" in n:
        src = n["sources"]
        parts += ["<h2>Sources</h2><table>" + "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>"
                                                      for k, v in src.items() if v) + "</table>"]
    return (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'><title>superind: {esc(spec.name)}</title>"
            f"<style>{CSS}</style>{ch.charts_head()}</head><body>{''.join(parts)}</body></html>\n")


def spread_settings(spread) -> list:
    """The Monte-Carlo's settings with units: samples, seed, and each relative 1σ that is not zero."""
    names = {"R_sq": "R_sq", "Tc": "T_c", "gap": "Δ0", "width": "wire width", "thickness": "thickness",
             "E_J": "E_J", "delta_gap": "local gap δΔ/Δ"}
    rows = [("devices sampled", f"{spread.samples} devices", f"seed {spread.seed}")]
    rows += [(f"spread of {label} (1σ)", f"{getattr(spread, key):.1%}", "relative")
             for key, label in names.items() if getattr(spread, key)]
    return rows


def _units() -> dict:
    from ..design.fields import sweepable_fields

    return sweepable_fields()

