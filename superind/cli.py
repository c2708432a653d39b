"""The ``superind`` command (typer). Every command takes ``--json`` and then prints exactly one JSON object.

Bad input exits with code 2 and one line on stderr (``--debug`` shows the traceback).
"""
from __future__ import annotations

import json
import math
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
    def clean(x):
        if isinstance(x, float) and not math.isfinite(x):
            return None
        if isinstance(x, dict):
            return {k: clean(v) for k, v in x.items()}
        if isinstance(x, (list, tuple)):
            return [clean(v) for v in x]
        if hasattr(x, "tolist"):
            return clean(x.tolist())
        return x
    typer.echo(json.dumps(clean(obj), indent=2, ensure_ascii=False))


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


def film_report(film, T_K: float) -> dict:
    """Every film number with SI-suffixed keys (the JSON contract of ``superind film``)."""
    from .constants import GHz
    from .film import finkelstein_critical_resistance, mesoscopic_tc_spread

    out = {
        "material": film.material.name, "R_sq_ohm": film.R_sq_ohm, "Tc_K": film.Tc_K, "Tc_source": film.Tc_source,
        "gap_ratio": film.gap_ratio, "delta_J": film.delta0_J, "delta_GHz": film.delta0_J / GHz,
        "delta_ueV": film.delta0_J / 1.602176634e-25, "temperature_K": T_K, "delta_T_J": film.gap(T_K),
        "L_k_sq_H": film.sheet_kinetic_inductance(T_K), "L_k_sq_H_T0": film.sheet_kinetic_inductance(0.0),
        "pearl_length_m": film.pearl_length(T_K), "thickness_m": film.thickness_m,
        "diffusion_m2_per_s": film.diffusion_m2_per_s,
    }
    if film.thickness_m:
        out["penetration_depth_m"] = film.penetration_depth(T_K)
        out["resistivity_ohm_m"] = film.resistivity_ohm_m
        out["L_sq_slab_H"] = film.slab_sheet_inductance(T_K)
    if film.gamma:
        out.update(Tc0_K=film.Tc0_K, gamma=film.gamma, critical_R_sq_ohm=finkelstein_critical_resistance(film.gamma),
                   Tc_spread_relative=mesoscopic_tc_spread(film.R_sq_ohm, film.gamma))
    out["warnings"] = list(film.warnings)
    return out


@app.command()
def film(material: Annotated[str, typer.Argument(help="material name or alias, e.g. TiN")],
         rsq: Rsq = None, tc: Tc = None, gap: Gap = None, gap_ratio: GapRatio = None,
         thickness: Thickness = None, temperature: Temperature = "0 K", tc0: Tc0 = None, gamma: Gamma = None,
         diffusion: Diffusion = None, as_json: Json = False):
    """Film properties: gap, sheet kinetic inductance L_k,□(T), penetration depths, T_c(R_sq)."""
    f = film_from_options(material, rsq, tc, gap, gap_ratio, thickness, tc0, gamma, diffusion)
    r = film_report(f, parse_temperature(temperature))
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


def main(argv=None) -> int:
    """Entry point: run the app, turn bad input into one line on stderr and exit code 2."""
    try:
        app(args=argv, standalone_mode=False)
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


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
