"""The HTML report of ``superind build``: one self-contained file (figures embedded as PNG data URIs, the layout
as inline SVG) with the warnings at the top, the inputs with their sources, and the plots a physicist would make:
T_c vs R_sq with the critical resistance, L_k(T), the wire's input impedance and self-resonances against the
qubit's transitions, the E_S band against E_L, the qubit spectrum vs flux, and the layout preview.
"""
from __future__ import annotations

import base64
import html
import io

import numpy as np
from matplotlib.figure import Figure

from ..constants import R_Q, hbar, k_B
from ..film import finkelstein_critical_resistance, finkelstein_tc


def _figure():
    """A matplotlib Figure and axes drawn off-screen (Agg canvas): no pyplot, no global backend change."""
    fig = Figure(figsize=(5.2, 3.6), layout="constrained")
    return fig, fig.add_subplot()


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def fig_tc_vs_rsq(film) -> str:
    """T_c vs R_sq: Finkel'stein curve when T_c0, γ are known, the L_k window wedge, this film, R_c and R_Q/2."""
    fig, ax = _figure()
    R = np.linspace(1, max(7000, 1.3 * film.R_sq_ohm), 500)
    if film.gamma:
        Rc = finkelstein_critical_resistance(film.gamma)
        ax.plot(R, finkelstein_tc(R, film.Tc0_K, film.gamma), "k-",
                label=f"Finkel'stein T_c0 = {film.Tc0_K:.3g} K, γ = {film.gamma:g}")
        ax.axvline(Rc, color="k", ls="--", label=f"critical R_c = {Rc:.0f} Ω")
    crit = film.material.critical_R_sq_ohm
    if crit.min is not None:
        ax.axvspan(crit.min, crit.max if crit.max else R[-1], color="tab:orange", alpha=0.15,
                   label=f"{film.material.name} critical range")
    lk = lambda Lsq: np.pi * film.gap_ratio * k_B * Lsq / hbar  # T_c at which R_sq gives L_k,□ = Lsq
    ax.fill_between(R, R / lk(2.5e-9), R / lk(0.5e-9), color="tab:green", alpha=0.15, label="0.5–2.5 nH/□")
    ax.axvline(R_Q / 2, color="tab:red", ls=":", label="R_Q/2")
    ax.plot(film.R_sq_ohm, film.Tc_K, "r*", ms=14, label="this film")
    ax.set(xlabel="R_sq [Ω]", ylabel="T_c [K]", ylim=(0, max(5, 1.3 * film.Tc_K)), title="Distance to the breakdown")
    ax.legend(fontsize=7)
    return _png(fig)


def fig_lk_vs_t(film, T_op: float) -> str:
    t = np.linspace(0, 0.95, 60)
    Lk = np.array([film.sheet_kinetic_inductance(x * film.Tc_K) for x in t])
    fig, ax = _figure()
    ax.plot(t * film.Tc_K, Lk * 1e9, "k-", label="exact BCS Δ(T), Mattis–Bardeen")
    ax.axvline(T_op, color="tab:blue", ls="--", label=f"operating T = {T_op * 1e3:.0f} mK")
    ax.set(xlabel="T [K]", ylabel="L_k,□ [nH/□]", title="Sheet kinetic inductance vs temperature")
    ax.legend(fontsize=8)
    return _png(fig)


def fig_wire_impedance(wire, qubit_numbers: dict) -> str:
    fig, ax = _figure()
    f_max = 1.3 * max(wire.f_self_half_wave_Hz, 1e9 * np.max(qubit_numbers["transitions_GHz"]))
    f = np.linspace(f_max / 2000, f_max, 2000)
    z = wire.input_impedance(f)
    ax.semilogy(f / 1e9, np.abs(z), "k-", label="|Z_in|, far end grounded (scikit-rf)")
    ax.semilogy(f / 1e9, 2 * np.pi * f * wire.L_H, "k:", label="ωL (lumped)")
    ax.axvline(wire.f_self_Hz / 1e9, color="tab:red", label=f"λ/4 mode {wire.f_self_Hz / 1e9:.3g} GHz")
    ax.axvline(wire.f_self_half_wave_Hz / 1e9, color="tab:red", ls="--", label="λ/2 mode")
    tr = np.asarray(qubit_numbers["transitions_GHz"])[:, 1:]
    ax.axvspan(tr.min(), tr.max(), color="tab:blue", alpha=0.15, label="qubit transitions")
    ax.set(xlabel="frequency [GHz]", ylabel="|Z_in| [Ω]", title=f"Superinductor line, Z = {wire.Z_ohm / 1e3:.3g} kΩ")
    ax.legend(fontsize=7)
    return _png(fig)


def fig_phase_slip(numbers: dict) -> str:
    s = numbers["superinductor"]
    fig, ax = _figure()
    rows = [("film wire", s.get("E_S_GHz"), s.get("E_S_band_GHz"), s["E_L_fluxoid_GHz"])]
    if "jjchain" in numbers:
        c = numbers["jjchain"]
        rows.append((f"JJ chain (N={c['N']})", c["E_S_GHz"], [c["E_S_GHz"], 2 * c["phase_slip_chain_GHz"][1]],
                     c["E_L_fluxoid_GHz"]))
    for i, (name, es, band, el) in enumerate(rows):
        if es is not None:
            ax.plot([i, i], [max(band[0], 1e-30), max(band[1], 1e-30)], lw=10, alpha=0.4, color="tab:purple")
            ax.plot(i, max(es, 1e-30), "ko", label="E_S central" if i == 0 else None)
        ax.plot([i - 0.3, i + 0.3], [el, el], "r-", lw=2, label="E_L fluxoid = Φ0²/2L" if i == 0 else None)
    ax.set_yscale("log")
    ax.set_xticks(range(len(rows)), [r[0] for r in rows])
    ax.set_xlim(-0.7, len(rows) - 0.3)
    ax.set(ylabel="energy / h [GHz]", title="Phase-slip energy band vs inductive energy")
    ax.legend(fontsize=8)
    return _png(fig)


def fig_spectrum(q: dict) -> str:
    fig, ax = _figure()
    flux, tr = np.asarray(q["flux"]), np.asarray(q["transitions_GHz"])
    for i in range(1, tr.shape[1]):
        ax.plot(flux, tr[:, i], label=f"E_{i} − E_0")
    ax.set(xlabel="Φ_ext / Φ0", ylabel="transition frequency [GHz]", title=f"{q['kind']} spectrum")
    ax.legend(fontsize=8)
    return _png(fig)


def layout_svg(svg_text: str) -> str:
    """The ``<svg>`` element of an SVG document, for inlining."""
    return svg_text[svg_text.find("<svg"):]


def _fmt(v) -> str:
    if isinstance(v, (float, np.floating)):
        return f"{float(v):.6g}"
    if isinstance(v, (list, tuple)):
        return f"[{len(v)} values]" if len(v) > 6 else "[" + ", ".join(_fmt(x) for x in v) + "]"
    return html.escape(str(v))


def _table(d: dict) -> str:
    rows = "".join(f"<tr><th>{html.escape(str(k))}</th><td>{_fmt(v)}</td></tr>" for k, v in d.items()
                   if not isinstance(v, dict) and k not in ("warnings",))
    return f"<table>{rows}</table>"


def render_html(results, svg_text: str = "") -> str:
    """The self-contained report of one device (``Results`` of ``evaluate``; ``svg_text`` the layout preview)."""
    n, device = results.sections, results.device
    spec = device.spec
    figs = [("T_c vs R_sq", fig_tc_vs_rsq(device.film)),
            ("L_k(T)", fig_lk_vs_t(device.film, device.temperature_K))]
    if device.wire is not None and device.wire.line.grounded and "qubit" in n:
        figs.append(("Superinductor impedance and self-resonances", fig_wire_impedance(device.wire, n["qubit"])))
    figs.append(("Phase slips", fig_phase_slip(n)))
    if "qubit" in n:
        figs.append(("Qubit spectrum", fig_spectrum(n["qubit"])))
    warn = "".join(f"<li>{html.escape(w)}</li>" for w in results.warnings) or "<li>none</li>"
    fig_html = "".join(f'<figure><img alt="{html.escape(t)}" src="{src}"><figcaption>{html.escape(t)}</figcaption>'
                       f"</figure>" for t, src in figs)
    svg = layout_svg(svg_text) if svg_text else ""
    design_toml = html.escape(str(spec.model_dump(mode="json")))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>superind: {html.escape(spec.name)}</title>
<style>body{{font-family:sans-serif;max-width:1200px;margin:auto;padding:1em}}
.warn{{background:#fff3cd;border:1px solid #e0c060;padding:.5em 1em}}
figure{{display:inline-block;margin:.5em;vertical-align:top}} figure img{{width:520px}}
table{{border-collapse:collapse;margin:.5em 0}} th,td{{border:1px solid #ccc;padding:2px 6px;text-align:left;font-size:90%}}
.layout svg{{width:100%;height:auto;max-height:600px;border:1px solid #ccc}}</style></head>
<body><h1>{html.escape(spec.name)}</h1><p>{html.escape(spec.description)}</p>
<div class="warn"><h2>Warnings</h2><ul>{warn}</ul></div>
<h2>Inputs and sources</h2>{_table(n["sources"])}<details><summary>design</summary><pre>{design_toml}</pre></details>
<h2>Film</h2>{_table(n["film"])}
<h2>Superinductor</h2>{_table(n["superinductor"])}
{"<h2>Josephson-junction chain (comparison)</h2>" + _table(n["jjchain"]) if "jjchain" in n else ""}
{"<h2>Qubit</h2>" + _table({k: v for k, v in n["qubit"].items() if k not in ("levels_GHz", "transitions_GHz")}) if "qubit" in n else ""}
<h2>Figures</h2>{fig_html}
<h2>Layout</h2>{_table(n.get("layout", {}))}<div class="layout">{svg}</div>
</body></html>
"""
