"""The ``superind`` command (typer). Every command takes ``--json`` and then prints exactly one JSON object.

Bad input exits with code 2 and one line on stderr (``--debug`` shows the traceback).
"""
from __future__ import annotations

import json
import sys
from typing import Annotated, Optional

import typer

from .errors import InputError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="superind: superinductors from disordered superconducting films.")
_DEBUG = {"on": False}


@app.callback()
def _root(debug: Annotated[bool, typer.Option("--debug", help="show tracebacks")] = False):
    _DEBUG["on"] = debug


def emit_json(obj: dict) -> None:
    """Print one JSON object (NaN/inf become null)."""
    from .summary import json_ready

    typer.echo(json.dumps(json_ready(obj), indent=2, ensure_ascii=False))


def emit_table(title: str, rows: list[tuple[str, str]], warnings=()) -> None:
    """A readable two-column table with units, then warnings."""
    width = max(len(k) for k, _ in rows)
    typer.echo(title)
    for k, v in rows:
        typer.echo(f"  {k:<{width}}  {v}")
    for w in warnings:
        typer.echo(f"  warning: {w}")


# ----------------------------------------------------------------------------------- film options
Rsq = Annotated[Optional[str], typer.Option("--rsq", help="normal-state sheet resistance, e.g. '1.5 kOhm'")]
Tc = Annotated[Optional[str], typer.Option("--tc", help="critical temperature, e.g. '2 K'")]
Gap = Annotated[Optional[str], typer.Option("--gap", help="zero-temperature gap Δ0, e.g. '180 ueV'")]
GapRatio = Annotated[Optional[float], typer.Option("--gap-ratio", help="α = Δ0/k_BT_c (default: material's, BCS 1.764)")]
Thickness = Annotated[Optional[str], typer.Option("--thickness", help="film thickness, e.g. '10 nm'")]
Temperature = Annotated[str, typer.Option("--temperature", help="operating temperature, e.g. '20 mK'")]
Tc0 = Annotated[Optional[str], typer.Option("--tc0", help="clean-film T_c0 for Finkel'stein T_c(R_sq)")]
Gamma = Annotated[Optional[float], typer.Option("--gamma", help="Finkel'stein γ = ln(ħ/k_BT_c0τ)")]
Diffusion = Annotated[Optional[str], typer.Option("--diffusion", help="diffusion constant, e.g. '0.5 cm**2/s'")]
Json = Annotated[bool, typer.Option("--json", help="print one JSON object")]


def film_from_options(material, rsq, tc, gap, gap_ratio, thickness, tc0, gamma, diffusion=None):
    """Build a Film from CLI strings (units parsed here, at the edge)."""
    from .constants import GHz
    from .film import make_film
    from .units import parse_energy_ghz, parse_number, parse_quantity

    if rsq is None:
        raise InputError("give the sheet resistance --rsq, e.g. --rsq '1.5 kOhm'")
    return make_film(
        material,
        parse_quantity(rsq, "resistance", "--rsq"),
        Tc_K=parse_quantity(tc, "temperature", "--tc") if tc is not None else None,
        Delta0_J=parse_energy_ghz(gap, "--gap") * GHz if gap is not None else None,
        gap_ratio=parse_number(gap_ratio, "--gap-ratio") if gap_ratio is not None else None,
        thickness_m=parse_quantity(thickness, "length", "--thickness") if thickness is not None else None,
        Tc0_K=parse_quantity(tc0, "temperature", "--tc0") if tc0 is not None else None,
        gamma=parse_number(gamma, "--gamma") if gamma is not None else None,
        diffusion_m2_per_s=parse_quantity(diffusion, "diffusion", "--diffusion") if diffusion else None,
    )


def parse_temperature(text: str) -> float:
    from .units import parse_quantity

    if text.strip() in ("0", "0 K", "0K", "0.0"):
        return 0.0
    return parse_quantity(text, "temperature", "--temperature")


@app.command()
def materials(name: Annotated[Optional[str], typer.Argument(help="material name or alias")] = None,
              as_json: Json = False):
    """List the material database, or show one material with its sources."""
    from .materials import all_materials, get_material

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
    rows = [("aliases", ", ".join(m.aliases)), ("R_sq", rng(m.R_sq_ohm, "Ω")), ("T_c", rng(m.Tc_K, "K")),
            ("resistivity", rng(m.resistivity_uohm_cm, "µΩ cm")), ("Δ0/k_BT_c", rng(m.gap_ratio, "")),
            ("Δ0/k_BT_c default", f"{m.gap_ratio_default:.4g}   [{m.gap_ratio_default_source}]"),
            ("diffusion D", f"{m.diffusion_cm2_per_s.value} cm²/s   [{m.diffusion_cm2_per_s.source}]"),
            ("Finkel'stein T_c0, γ", f"{m.finkelstein.Tc0_K}, {m.finkelstein.gamma}   [{m.finkelstein.source}]"),
            ("critical R_sq", rng(m.critical_R_sq_ohm, "Ω"))]
    rows += [(f"film {f.id}", ", ".join(f"{k}={v}" for k, v in f.model_dump().items()
                                         if v not in (None, "") and k not in ("id", "source")) + f"   [{f.source}]")
             for f in m.films]
    emit_table(f"{m.name}: {m.description.strip()}", rows)


@app.command()
def film(material: Annotated[str, typer.Argument(help="material name or alias, e.g. TiN")],
         rsq: Rsq = None, tc: Tc = None, gap: Gap = None, gap_ratio: GapRatio = None,
         thickness: Thickness = None, temperature: Temperature = "0 K", tc0: Tc0 = None, gamma: Gamma = None,
         diffusion: Diffusion = None, as_json: Json = False):
    """Film properties: gap, sheet kinetic inductance L_k,□(T), penetration depths, T_c(R_sq)."""
    f = film_from_options(material, rsq, tc, gap, gap_ratio, thickness, tc0, gamma, diffusion)
    from .summary import film_summary

    r = film_summary(f, parse_temperature(temperature))
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


# ----------------------------------------------------------------------------------- wire options
LineKind = Annotated[str, typer.Option("--line", help="electromagnetic environment: cpw | microstrip | isolated")]
GroundGap = Annotated[str, typer.Option("--ground-gap", help="cpw: gap to the ground planes, e.g. '10 um'")]
Substrate = Annotated[str, typer.Option("--substrate", help="cpw/microstrip dielectric: Si, sapphire, SiO2, vacuum")]
EpsilonR = Annotated[Optional[float], typer.Option("--epsilon-r", help="dielectric constant (overrides --substrate)")]
Height = Annotated[Optional[str], typer.Option("--height", help="microstrip: height above ground, e.g. '1 um'")]
Inductance = Annotated[Optional[str], typer.Option("--inductance", help="target total inductance, e.g. '300 nH'")]
EL = Annotated[Optional[str], typer.Option("--EL", help="target E_L = (Φ0/2π)²/L as E/h, e.g. '0.5 GHz'")]
Width = Annotated[Optional[str], typer.Option("--width", help="wire width '100 nm', or a range '40 nm:200 nm:9'")]


def line_from_options(line: str, ground_gap: str, substrate: str, epsilon_r, height):
    """The wire's electromagnetic environment from CLI strings (errors name the CLI options)."""
    from .design import make_line

    return make_line(line, ground_gap, substrate, epsilon_r, height, name=lambda f: "--" + f.replace("_", "-"))


def parse_widths(text: Optional[str]) -> list[float]:
    """'100 nm' → [1e-7]; '40 nm:200 nm:9' → 9 widths evenly spaced."""
    import numpy as np

    from .units import parse_quantity

    if text is None:
        raise InputError("give the wire width --width, e.g. --width '100 nm'")
    parts = text.split(":")
    if len(parts) == 1:
        return [parse_quantity(text, "length", "--width")]
    if len(parts) != 3:
        raise InputError(f"--width '{text}': give one width or START:STOP:N, e.g. '40 nm:200 nm:9'")
    lo, hi = (parse_quantity(p, "length", "--width") for p in parts[:2])
    try:
        n = int(parts[2])
    except ValueError:
        raise InputError(f"--width '{text}': N must be a whole number") from None
    if n < 1:
        raise InputError(f"--width '{text}': N must be at least 1")
    return list(np.linspace(lo, hi, n))


def target_inductance(inductance: Optional[str], EL: Optional[str]) -> float:
    """Target L [H] from --inductance or --EL (scqubits E_L = (Φ0/2π)²/L)."""
    from .design import target_inductance as parse_target

    return parse_target(inductance, EL, names=("--inductance", "--EL"))


def wire_from_options(film, inductance, EL, width, line, ground_gap, substrate, epsilon_r, height, T_K=0.0):
    """One wire for a target inductance (first width if a range is given)."""
    from .wire import wire_for_inductance

    return wire_for_inductance(film, target_inductance(inductance, EL), parse_widths(width)[0],
                               line_from_options(line, ground_gap, substrate, epsilon_r, height), T_K)


@app.command()
def wire(material: Annotated[str, typer.Argument(help="material name or alias, e.g. TiN")],
         rsq: Rsq = None, tc: Tc = None, gap: Gap = None, gap_ratio: GapRatio = None,
         thickness: Thickness = None, temperature: Temperature = "0 K", tc0: Tc0 = None, gamma: Gamma = None,
         diffusion: Diffusion = None, inductance: Inductance = None, EL: EL = None, width: Width = None,
         line: LineKind = "cpw", ground_gap: GroundGap = "10 um", substrate: Substrate = "Si",
         epsilon_r: EpsilonR = None, height: Height = None,
         min_f_self: Annotated[Optional[str], typer.Option("--min-f-self", help="minimum λ/4 self-resonance, e.g. '8 GHz'")] = None,
         max_ES: Annotated[Optional[str], typer.Option("--max-ES", help="maximum central E_S, e.g. '0.1 GHz'")] = None,
         min_Z: Annotated[Optional[float], typer.Option("--min-Z-over-RQ", help="minimum line Z/R_Q")] = None,
         max_footprint: Annotated[Optional[str], typer.Option("--max-footprint", help="max meander area, e.g. '100 um**2'")] = None,
         as_json: Json = False):
    """Size a superinductor wire: length for a target L or E_L, line impedance, self-resonances, E_S band."""
    from .sizing import Constraints, size_wire
    from .summary import film_summary, wire_summary
    from .units import parse_energy_ghz, parse_number, parse_quantity

    f = film_from_options(material, rsq, tc, gap, gap_ratio, thickness, tc0, gamma, diffusion)
    T = parse_temperature(temperature)
    c = Constraints(
        min_f_self_Hz=parse_quantity(min_f_self, "frequency", "--min-f-self") if min_f_self else None,
        max_E_S_GHz=parse_energy_ghz(max_ES, "--max-ES") if max_ES else None,
        min_Z_over_RQ=parse_number(min_Z, "--min-Z-over-RQ") if min_Z is not None else None,
        max_footprint_m2=parse_quantity(max_footprint, "area", "--max-footprint") if max_footprint else None)
    cands = size_wire(f, target_inductance(inductance, EL), parse_widths(width),
                      line_from_options(line, ground_gap, substrate, epsilon_r, height), c, temperature_K=T)
    r = wire_summary(cands[0].wire, min_f_self_Hz=c.min_f_self_Hz)
    r["footprint_m2"] = cands[0].footprint_m2
    r["film"] = film_summary(f, T)
    if len(cands) > 1:
        r["candidates"] = [{"width_m": k.wire.width_m, "length_m": k.wire.length_m, "f_self_Hz": k.wire.f_self_Hz,
                            "Z_over_RQ": k.wire.Z_over_RQ, "E_S_GHz": k.E_S_GHz} for k in cands]
    if as_json:
        emit_json(r)
        return
    g = lambda key, scale, unit, fmt=".4g": "—" if r.get(key) is None or r[key] != r[key] else f"{r[key] * scale:{fmt}} {unit}"
    rows = [("width", g("width_m", 1e9, "nm")), ("length", g("length_m", 1e6, "µm")), ("squares", g("squares", 1, "□")),
            ("L total", g("L_H", 1e9, "nH")), ("L kinetic", g("L_k_H", 1e9, "nH")), ("L geometric", g("L_geo_H", 1e9, "nH")),
            ("L'", g("L_per_m_H", 1e3, "nH/µm")), ("C'", g("C_per_m_F", 1e12, "aF/µm")), ("Z", g("Z_ohm", 1, "Ω")),
            ("Z/R_Q", g("Z_over_RQ", 1, "")), ("v", g("v_m_per_s", 1, "m/s")),
            ("f_self (λ/4, one end grounded)", g("f_self_Hz", 1e-9, "GHz")),
            ("f_self (λ/2)", g("f_self_half_wave_Hz", 1e-9, "GHz")),
            ("E_L (Φ0/2π)²/L", g("E_L_GHz", 1, "GHz")), ("E_L fluxoid Φ0²/2L", g("E_L_fluxoid_GHz", 1, "GHz")),
            ("I* (differential)", g("I_star_A", 1e6, "µA"))]
    if r.get("E_S_GHz") is not None:
        lo, hi = r["E_S_band_GHz"]
        rows += [("E_S central (a=1, b=0.5, ξ_Usadel)", g("E_S_GHz", 1, "GHz", ".3g")),
                 ("E_S band (b 0.3–1, both ξ)", f"{lo:.3g} – {hi:.3g} GHz"),
                 ("E_S/E_L fluxoid", f"{r['E_S_over_E_L_fluxoid']:.3g} → {r['verdict']}")]
    emit_table(f"{f.material.name} superinductor ({r['line']})", rows, r["warnings"])


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
    from .jjchain import JJChain, chain_from_EJ
    from .summary import chain_summary
    from .units import parse_energy_ghz, parse_quantity

    CJ_F = parse_quantity(CJ or None, "capacitance", "--CJ")
    C0_F = parse_quantity(C0 or None, "capacitance", "--C0")
    a_m = parse_quantity(a, "length", "--a")
    if (EJ is None) == (Ic is None):
        raise InputError("give exactly one of --EJ (e.g. '80 GHz') or --Ic (e.g. '160 nA')")
    ch = chain_from_EJ(N, parse_energy_ghz(EJ, "--EJ"), CJ_F, C0_F, a_m) if EJ else \
        JJChain(N, parse_quantity(Ic, "current", "--Ic"), CJ_F, C0_F, a_m)
    r = chain_summary(ch, modes)
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


@app.command()
def build(design_file: Annotated[str, typer.Argument(help="design file, e.g. layouts/tin_rfsquid.toml")],
          out: Annotated[Optional[str], typer.Option("-o", "--out", help="output folder (default build/NAME)")] = None,
          as_json: Json = False):
    """The main job: a design file → NAME.json, NAME.gds, NAME.lyp, NAME.svg and NAME.html (report)."""
    from pathlib import Path

    from .build import evaluate, write_outputs
    from .design import load_design

    design = load_design(design_file)
    result = evaluate(design)
    paths = write_outputs(result, Path(out) if out else Path("build") / design.name)
    if as_json:
        emit_json({"design": design.name, "files": {k: str(p) for k, p in paths.items()},
                   "warnings": result.warnings})
        return
    q, s = result.numbers["qubit"], result.numbers["superinductor"]
    rows = [("superinductor", f"{s['L_H'] * 1e9:.4g} nH, {s['length_m'] * 1e6:.4g} µm × {s['width_m'] * 1e9:.0f} nm, "
                              f"Z = {s['Z_over_RQ']:.3g} R_Q" if s["Z_over_RQ"] == s["Z_over_RQ"] else
                              f"{s['L_H'] * 1e9:.4g} nH, {s['length_m'] * 1e6:.4g} µm × {s['width_m'] * 1e9:.0f} nm"),
            ("qubit", f"{q['kind']}: f01 = {q['f01_min_GHz']:.4g} – {q['f01_max_GHz']:.4g} GHz over flux")]
    rows += [(k, str(p)) for k, p in paths.items()]
    emit_table(f"built {design.name}", rows, result.warnings)


def main(argv=None) -> int:
    """Entry point: run the app, turn bad input into one line on stderr and exit code 2."""
    try:
        code = app(args=argv, standalone_mode=False)
    except InputError as exc:
        if _DEBUG["on"]:
            raise
        print(f"superind: error: {exc}", file=sys.stderr)
        return 2
    except typer.Exit as exc:
        return exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        print("superind: aborted", file=sys.stderr)
        return 130
    except Exception as exc:  # typer's (vendored click) usage errors: one line, exit 2
        if _DEBUG["on"] or not hasattr(exc, "format_message") or not hasattr(exc, "exit_code"):
            raise
        msg = exc.format_message().replace("\n", " ").strip()
        if msg:
            print(f"superind: error: {msg}", file=sys.stderr)
        return 2
    return 0


from . import cli_layout, cli_qubit, cli_sweep  # noqa: E402,F401  (register gds/drc, qubit, sweep)


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
