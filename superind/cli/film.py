"""``superind materials`` and ``superind film``: the material database and film properties."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from .common import (Diffusion, Gamma, Gap, GapRatio, Json, LkSq, PairBreaking, Rsq, Tc, Tc0, Temperature,
                     Thickness, emit_json, emit_table, evaluated, film_fields)

app = typer.Typer()


@app.command()
def materials(name: Annotated[Optional[str], typer.Argument(help="material name or alias")] = None,
              as_json: Json = False):
    """List the material database, or show one material with its sources."""
    from ..materials import all_materials, get_material

    if name is None:
        mats = all_materials()
        if as_json:
            emit_json({"materials": [{"name": m.name, "aliases": m.aliases, "origin": m.origin} for m in mats]})
        else:
            emit_table("materials (superind materials NAME for details)",
                       [(m.name, ", ".join(m.aliases)) for m in mats])
        return
    m = get_material(name)
    if as_json:
        emit_json(m.model_dump())
        return

    def rng(r, unit):
        lo = "?" if r.min is None else f"{r.min:g}"
        hi = "?" if r.max is None else f"{r.max:g}"
        return f"{lo} – {hi} {unit}   [{r.source}]"

    fink = m.finkelstein
    rows = [("aliases", ", ".join(m.aliases)), ("R_sq", rng(m.R_sq_ohm, "Ω")), ("T_c", rng(m.Tc_K, "K")),
            ("resistivity", rng(m.resistivity_uohm_cm, "µΩ cm")), ("Δ0/k_BT_c", rng(m.gap_ratio, "")),
            ("Δ0/k_BT_c default", f"{m.gap_ratio_default:.4g}   [{m.gap_ratio_default_source}]"),
            ("diffusion D", "not known" if m.diffusion_cm2_per_s.value is None else
             f"{m.diffusion_cm2_per_s.value} cm²/s   [{m.diffusion_cm2_per_s.source}]"),
            ("Finkel'stein T_c0, γ", "not known (give --tc0, --gamma)" if fink.Tc0_K is None or fink.gamma is None
             else f"{fink.Tc0_K} K, {fink.gamma}   [{fink.source}]"),
            ("critical R_sq", rng(m.critical_R_sq_ohm, "Ω"))]
    rows += [(f"film {f.id}", ", ".join(f"{k}={v}" for k, v in f.model_dump().items()
                                         if v not in (None, "") and k not in ("id", "source")) + f"   [{f.source}]")
             for f in m.films]
    emit_table(f"{m.name}: {m.description.strip()}", rows)


@app.command()
def film(material: Annotated[str, typer.Argument(help="material name or alias, e.g. TiN")],
         rsq: Rsq = None, tc: Tc = None, gap: Gap = None, gap_ratio: GapRatio = None,
         thickness: Thickness = None, temperature: Temperature = "0 K", tc0: Tc0 = None, gamma: Gamma = None,
         diffusion: Diffusion = None, lk_sq: LkSq = None, pair_breaking: PairBreaking = 0.0, as_json: Json = False):
    """Film properties: gap, sheet kinetic inductance L_k,□(T), penetration depths, T_c(R_sq)."""
    results = evaluated({"name": "film", "film": film_fields(material, rsq, tc, gap, gap_ratio, thickness,
                                                              temperature, tc0, gamma, diffusion, lk_sq,
                                                              pair_breaking)})
    r = {**results["film"], "warnings": list(results.warnings)}
    if as_json:
        emit_json(r)
        return
    rows = [("R_sq", f"{r['R_sq_ohm']:.6g} Ω"), ("T_c", f"{r['Tc_K']:.4g} K ({r['Tc_source']})"),
            ("Δ0/k_BT_c", f"{r['gap_ratio']:.4g}"),
            ("Δ0", f"{r['delta_ueV']:.4g} µeV = {r['delta_GHz']:.4g} GHz·h"),
            ("temperature", f"{r['temperature_K']:.4g} K"),
            ("L_k,□(T)", f"{r['L_k_sq_H'] * 1e12:.6g} pH/□"), ("L_k,□(0)", f"{r['L_k_sq_H_T0'] * 1e12:.6g} pH/□"),
            ("Pearl length", f"{r['pearl_length_m'] * 1e3:.4g} mm")]
    if "penetration_depth_m" in r:
        rows.append(("λ (London, dirty)", f"{r['penetration_depth_m'] * 1e6:.4g} µm"))
    if "critical_R_sq_ohm" in r:
        rows += [("Finkel'stein R_c", f"{r['critical_R_sq_ohm']:.5g} Ω"),
                 ("δT_c/T_c (mesoscopic)", f"{r['Tc_spread_relative']:.2g} (order of magnitude)")]
    emit_table(f"{r['material']} film", rows, r["warnings"])
