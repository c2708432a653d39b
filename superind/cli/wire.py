"""``superind wire`` (size a film superinductor) and ``superind chain`` (the Josephson-junction-chain alternative)."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..errors import InputError
from .common import (EL, Cell, Diffusion, EpsilonR, Gamma, Gap, GapRatio, GroundGap, Height, Inductance, Json, LineKind,
                     LkSq, PairBreaking, Pitch, Rsq, Substrate, Tc, Tc0, Temperature, Thickness, drop_none,
                     emit_json, emit_table, film_fields, fmt, line_fields, spec_from)

app = typer.Typer()

Width = Annotated[Optional[str], typer.Option("--width", help="wire width '100 nm', or a range '40 nm:200 nm:9'")]


def parse_widths(text: Optional[str]) -> list[str]:
    """'100 nm' → ['100 nm']; '40 nm:200 nm:9' → 9 widths evenly spaced (as unit strings in metres)."""
    from ..limits import check_count
    from ..units import parse_quantity

    if text is None:
        raise InputError("give the wire width --width, e.g. --width '100 nm'")
    parts = text.split(":")
    if len(parts) == 1:
        return [text]
    if len(parts) != 3:
        raise InputError(f"--width '{text}': give one width or START:STOP:N, e.g. '40 nm:200 nm:9'")
    lo, hi = (parse_quantity(p, "length", "--width") for p in parts[:2])
    try:
        n = int(parts[2])
    except ValueError:
        raise InputError(f"--width '{text}': N must be a whole number") from None
    if n < 1:
        raise InputError(f"--width '{text}': N must be at least 1")
    check_count(n, "max_widths", "widths", "--width")
    return [f"{lo + (hi - lo) * k / max(n - 1, 1)!r} m" for k in range(n)]


def superinductor_fields(inductance, EL, width, pitch, line: dict, min_f_self=None, cell=None) -> dict:
    """The [superinductor] mapping of a command's wire options."""
    return drop_none({"inductance": inductance, "E_L": EL, "width": width, "pitch": pitch, "line": line,
                      "min_f_self": min_f_self, "cell": cell})


@app.command()
def wire(material: Annotated[str, typer.Argument(help="material name or alias, e.g. TiN")],
         rsq: Rsq = None, tc: Tc = None, gap: Gap = None, gap_ratio: GapRatio = None,
         thickness: Thickness = None, temperature: Temperature = "0 K", tc0: Tc0 = None, gamma: Gamma = None,
         diffusion: Diffusion = None, lk_sq: LkSq = None, pair_breaking: PairBreaking = 0.0,
         inductance: Inductance = None, EL: EL = None, width: Width = None, pitch: Pitch = None,
         cell: Cell = None, line: LineKind = "cpw", ground_gap: GroundGap = "10 um", substrate: Substrate = "Si",
         epsilon_r: EpsilonR = None, height: Height = None,
         min_f_self: Annotated[Optional[str], typer.Option("--min-f-self", help="minimum first self-resonance, "
                                                           "e.g. '8 GHz'")] = None,
         max_ES: Annotated[Optional[str], typer.Option("--max-ES", help="maximum central E_S, e.g. '0.1 GHz'")] = None,
         min_Z: Annotated[Optional[float], typer.Option("--min-Z-over-RQ", help="minimum line Z/R_Q")] = None,
         max_footprint: Annotated[Optional[str], typer.Option("--max-footprint", help="max meander area, e.g. "
                                                              "'100 um**2'")] = None,
         as_json: Json = False):
    """Size a superinductor wire: length for a target L or E_L, line impedance, self-resonances, E_S band."""
    from ..design import evaluate, resolve, spec_with
    from ..sizing import Constraints, size_wire
    from ..units import parse_energy_ghz, parse_number, parse_quantity

    widths = parse_widths(width)
    data = {"name": "wire", "film": film_fields(material, rsq, tc, gap, gap_ratio, thickness, temperature, tc0,
                                                 gamma, diffusion, lk_sq, pair_breaking),
            "superinductor": superinductor_fields(inductance, EL, widths[0], pitch,
                                                  line_fields(line, ground_gap, substrate, epsilon_r, height),
                                                  min_f_self, cell)}
    spec = spec_from(data)
    device = resolve(spec)
    c = Constraints(
        min_f_self_Hz=spec.superinductor.min_f_self,
        max_E_S_GHz=parse_energy_ghz(max_ES, "--max-ES") if max_ES else None,
        min_Z_over_RQ=parse_number(min_Z, "--min-Z-over-RQ") if min_Z is not None else None,
        max_footprint_m2=parse_quantity(max_footprint, "area", "--max-footprint") if max_footprint else None)
    cands = size_wire(device.film, device.target_L_H, [parse_quantity(w, "length", "--width") for w in widths],
                      device.line, c, temperature_K=device.temperature_K)
    if cands[0].wire.width_m != spec.superinductor.width:
        device = resolve(spec_with(spec, {"superinductor.width": cands[0].wire.width_m}, "--width"))
    results = evaluate(device, layout=False)
    r = {**results["superinductor"], "footprint_m2": cands[0].footprint_m2, "film": results["film"],
         "warnings": list(results.warnings)}
    if len(cands) > 1:
        r["candidates"] = [{"width_m": k.wire.width_m, "length_m": k.wire.length_m, "f_self_Hz": k.wire.f_self_Hz,
                            "Z_over_RQ": k.wire.Z_over_RQ, "E_S_GHz": k.E_S_GHz} for k in cands]
    if as_json:
        emit_json(r)
        return
    g = lambda key, scale, unit, spec=".4g": fmt(r.get(key), scale, unit, spec)
    rows = [("width", g("width_m", 1e9, "nm")), ("length", g("length_m", 1e6, "µm")), ("squares", g("squares", 1, "□")),
            ("L total", g("L_H", 1e9, "nH")), ("L kinetic", g("L_k_H", 1e9, "nH")),
            ("L geometric", g("L_geo_H", 1e9, "nH")), ("L'", g("L_per_m_H", 1e3, "nH/µm")),
            ("C'", g("C_per_m_F", 1e12, "aF/µm")), ("Z", g("Z_ohm", 1, "Ω")), ("Z/R_Q", g("Z_over_RQ", 1, "")),
            ("v", g("v_m_per_s", 1, "m/s")), ("f_self (λ/4, one end grounded)", g("f_self_Hz", 1e-9, "GHz")),
            ("f_self (λ/2)", g("f_self_half_wave_Hz", 1e-9, "GHz")),
            ("E_L (Φ0/2π)²/L", g("E_L_GHz", 1, "GHz")), ("E_L fluxoid Φ0²/2L", g("E_L_fluxoid_GHz", 1, "GHz")),
            ("I* (differential)", g("I_star_A", 1e6, "µA"))]
    if r.get("E_S_GHz") is not None:
        lo, hi = r["E_S_band_GHz"]
        rows += [("E_S central (a=1, b=0.5, ξ_Usadel)", g("E_S_GHz", 1, "GHz", ".3g")),
                 ("E_S band (b 0.3–1, both ξ)", f"{lo:.3g} – {hi:.3g} GHz"),
                 ("E_S/E_L fluxoid", f"{r['E_S_over_E_L_fluxoid']:.3g} → {r['verdict']}")]
    emit_table(f"{r['film']['material']} superinductor ({r['line']})", rows, r["warnings"])


@app.command()
def chain(N: Annotated[int, typer.Option("--N", help="number of junctions")],
          EJ: Annotated[Optional[str], typer.Option("--EJ", help="Josephson energy per junction, e.g. '80 GHz'")] = None,
          Ic: Annotated[Optional[str], typer.Option("--Ic", help="or critical current per junction, e.g. '160 nA'")] = None,
          CJ: Annotated[str, typer.Option("--CJ", help="junction capacitance, e.g. '40 fF'")] = "",
          C0: Annotated[str, typer.Option("--C0", help="ground capacitance per island, e.g. '0.04 fF'")] = "",
          a: Annotated[str, typer.Option("--a", help="lattice constant, e.g. '1 um'")] = "1 um",
          modes: Annotated[int, typer.Option("--modes", help="how many chain modes to list")] = 20,
          as_json: Json = False):
    """Josephson-junction-chain superinductor: L, plasma frequency, modes, Z, v, phase-slip amplitude."""
    from ..design.evaluate import chain_section
    from ..jjchain import JJChain, chain_from_EJ
    from ..units import parse_energy_ghz, parse_quantity

    if modes < 1:
        raise InputError(f"--modes must be at least 1, got {modes}")
    CJ_F = parse_quantity(CJ or None, "capacitance", "--CJ")
    C0_F = parse_quantity(C0 or None, "capacitance", "--C0")
    a_m = parse_quantity(a, "length", "--a")
    if (EJ is None) == (Ic is None):
        raise InputError("give exactly one of --EJ (e.g. '80 GHz') or --Ic (e.g. '160 nA')")
    ch = chain_from_EJ(N, parse_energy_ghz(EJ, "--EJ"), CJ_F, C0_F, a_m) if EJ else \
        JJChain(N, parse_quantity(Ic, "current", "--Ic"), CJ_F, C0_F, a_m)
    r = chain_section(ch, modes)
    if as_json:
        emit_json(r)
        return
    rows = [("N", str(ch.N)), ("L", f"{ch.L_H * 1e9:.4g} nH"), ("E_J, E_C", f"{ch.E_J_GHz:.4g}, {ch.E_C_GHz:.4g} GHz"),
            ("f_plasma", f"{ch.f_plasma_Hz / 1e9:.4g} GHz"), ("Λ", f"{ch.screening_length:.3g} junctions"),
            ("Z (long wavelength)", f"{ch.Z_ohm:.5g} Ω = {ch.Z_over_RQ:.3g} R_Q"), ("v", f"{ch.v_m_per_s:.4g} m/s"),
            ("lowest mode", f"{ch.f_self_Hz / 1e9:.4g} GHz"),
            ("phase slip ν per junction", f"{ch.phase_slip_GHz:.3g} GHz"),
            ("E_S chain (2√N ν)", f"{ch.E_S_GHz:.3g} GHz")]
    emit_table("Josephson-junction chain", rows, r["warnings"])
