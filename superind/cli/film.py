"""``superind materials`` and ``superind film``: the material database and film properties."""

from typing import Annotated, Optional

import typer

from .common import Json, emit_json, emit_table, evaluated
from .options import Given, with_options

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
    if m.measured is not None:
        rows += _measured_rows(m.measured)
    emit_table(f"{m.name}: {m.description.strip()}", rows)


#: how ``superind materials NAME`` shows a calibrated film's measured values: (field, label, scale, unit)
MEASURED_ROWS = (("L_k_sq_H", "measured L_k,□", 1e12, "pH/□"), ("R_sq_ohm", "measured R_sq", 1, "Ω"),
                 ("Tc_K", "measured T_c", 1, "K"), ("Q_i", "low-power Q_i", 1, ""),
                 ("Q_i_lower_95", "Q_i lower bound (95 %)", 1, ""), ("Q_i_f_Hz", "Q_i measured at", 1e-9, "GHz"),
                 ("Q_i_T_K", "Q_i measured at T", 1e3, "mK"), ("Q_other", "Q_other (TLS fit)", 1, ""),
                 ("F_delta0", "F·δ⁰ (TLS)", 1, ""), ("n_c", "n_c (TLS)", 1, "photons"), ("beta", "β (TLS)", 1, ""))


def _measured_rows(measured) -> list:
    """Rows of the measured values that are set, with units, then their source."""
    rows = [(label, f"{getattr(measured, k) * scale:.5g} {unit}".rstrip()) for k, label, scale, unit in MEASURED_ROWS
            if getattr(measured, k) is not None]
    return rows + [("measured: source", measured.source)]


SurfaceImpedance = Annotated[Optional[str], typer.Option(
    "--surface-impedance", help="write the film's surface impedance Z_s(f) = R_s + iωL_s per square as CSV "
    "(f_Hz,R_s_ohm,L_s_H), e.g. zs.csv")]
Palace = Annotated[Optional[str], typer.Option(
    "--palace", help="write a Palace \"Impedance\" boundary snippet (JSON) for the film at --palace-frequency")]
PalaceFrequency = Annotated[str, typer.Option("--palace-frequency", help="frequency of the Palace snippet's Rs, "
                                              "e.g. '6 GHz'")]


MaterialArg = Annotated[Optional[str], typer.Argument(help="material name or alias, e.g. TiN (or --design)")]


@app.command()
@with_options("design", "film")
def film(given: Given, material_arg: MaterialArg = None, surface_impedance: SurfaceImpedance = None,
         palace: Palace = None, palace_frequency: PalaceFrequency = "6 GHz", as_json: Json = False):
    """Film properties: gap, sheet kinetic inductance L_k,□(T), penetration depths, T_c(R_sq)."""
    spec = given.spec()
    if spec.film is None:
        from ..errors import InputError

        raise InputError("give the film: a MATERIAL (e.g. superind film TiN --rsq '1.5 kOhm' --tc '2 K') or --design "
                         "FILE with a [film] section")
    results = evaluated(spec, only=("film",))
    r = {**results["film"], "verdicts": [v.to_dict() for v in results.verdicts]}
    written = _hand_offs(results, surface_impedance, palace, palace_frequency)
    if written:
        r["files"] = written
    if as_json:
        emit_json(r)
        return
    from ..format import by_key, eng, significant

    gap = r["delta_ueV"] is not None
    rows = [("R_sq (normal state)", by_key("R_sq_ohm", r["R_sq_ohm"]), "" if r["R_sq_source"] == "given" else
             r["R_sq_source"]),
            ("T_c", f"{by_key('Tc_K', r['Tc_K'])}", r["Tc_source"]),
            ("Δ0", f"{significant(r['delta_ueV'])} µeV = {by_key('delta_GHz', r['delta_GHz'])} × h" if gap else "—",
             f"Δ0/k_BT_c = {significant(r['gap_ratio'], 4)}" if gap else "needs T_c or the gap"),
            ("temperature", by_key("temperature_K", r["temperature_K"])),
            ("L_k,□(T)", by_key("L_k_sq_H", r["L_k_sq_H"])), ("L_k,□(0)", by_key("L_k_sq_H_T0", r["L_k_sq_H_T0"])),
            ("Pearl length 2λ²/d", eng(r["pearl_length_m"], "m"))]
    if "penetration_depth_m" in r:
        rows += [("λ (London, dirty)", eng(r["penetration_depth_m"], "m")),
                 ("resistivity ρ_n", by_key("resistivity_ohm_m", r["resistivity_ohm_m"]))]
    if "critical_R_sq_ohm" in r:
        rows += [("Finkel'stein R_c", by_key("critical_R_sq_ohm", r["critical_R_sq_ohm"])),
                 ("δT_c/T_c (mesoscopic)", f"{significant(r['Tc_spread_relative'], 2)} × T_c", "order of magnitude")]
    rows += [(f"wrote ({kind})", path) for kind, path in written.items()]
    emit_table(f"{r['material']} film", rows, results.verdicts)


def _hand_offs(results, csv_path, palace_path, palace_frequency) -> dict:
    """Write the surface-impedance CSV and/or the Palace boundary snippet; returns {kind: path}."""
    written = {}
    if csv_path is None and palace_path is None:
        return written
    from ..output import exports
    from ..units import parse_quantity

    film, T = results.device.film, results.device.temperature_K
    if csv_path:
        written["surface_impedance"] = str(exports.write_surface_impedance(csv_path, film, T_K=T))
    if palace_path:
        f = parse_quantity(palace_frequency, "frequency", "--palace-frequency")
        written["palace"] = str(exports.write_palace_impedance(palace_path, film, f, T))
    return written
