"""Shared pieces of the ``superind`` commands: option types, the option → spec-field map, output helpers.

A command parses its options into a design mapping, validates it with ``parse_design`` (bare numbers rejected
where a unit is needed; errors name the CLI option), resolves and evaluates it, and prints. No physics here.
"""

import json
from typing import Annotated, Optional

import typer


Json = Annotated[bool, typer.Option("--json", help="print one JSON object")]

#: a command that already told the user about an interruption (and what it kept) sets this before exiting 130
INTERRUPTION_EXPLAINED = [False]

# ----------------------------------------------------------------------------------------------- film
Material = Annotated[Optional[str], typer.Option("--material", help="film material, e.g. TiN")]
Rsq = Annotated[Optional[str], typer.Option("--rsq", help="normal-state sheet resistance just above T_c, e.g. "
                                            "'1.5 kOhm'")]
Tc = Annotated[Optional[str], typer.Option("--tc", help="critical temperature, e.g. '2 K'")]
Gap = Annotated[Optional[str], typer.Option("--gap", help="zero-temperature gap Δ0, e.g. '180 ueV'")]
GapRatio = Annotated[Optional[float], typer.Option("--gap-ratio", help="α = Δ0/k_BT_c (default: material's, BCS "
                                                   "1.764)")]
Thickness = Annotated[Optional[str], typer.Option("--thickness", help="film thickness, e.g. '10 nm'")]
Temperature = Annotated[str, typer.Option("--temperature", help="operating temperature, e.g. '20 mK'")]
Tc0 = Annotated[Optional[str], typer.Option("--tc0", help="clean-film T_c0 for Finkel'stein T_c(R_sq)")]
Gamma = Annotated[Optional[float], typer.Option("--gamma", help="Finkel'stein γ = ln(ħ/k_BT_c0τ)")]
Diffusion = Annotated[Optional[str], typer.Option("--diffusion", help="diffusion constant, e.g. '0.5 cm**2/s'")]
LkSq = Annotated[Optional[str], typer.Option("--lk-sq", help="measured sheet kinetic inductance, e.g. '394 pH' "
                                             "(overrides Mattis–Bardeen)")]
Rsq300 = Annotated[Optional[str], typer.Option("--rsq-300k", help="room-temperature sheet resistance instead of "
                                               "--rsq (converted with the material's sourced R(T_c⁺)/R(300 K))")]
PairBreaking = Annotated[float, typer.Option("--pair-breaking", help="Dynes/Abrikosov–Gor'kov broadening "
                                             "Γ/Δ0 (0 = plain Mattis–Bardeen)")]

# ----------------------------------------------------------------------------------------------- wire
LineKind = Annotated[str, typer.Option("--line", help="electromagnetic environment: cpw | microstrip | isolated")]
GroundGap = Annotated[str, typer.Option("--ground-gap", help="cpw: gap to the ground planes, e.g. '10 um'")]
Substrate = Annotated[str, typer.Option("--substrate", help="dielectric: Si, sapphire, SiO2, vacuum")]
EpsilonR = Annotated[Optional[float], typer.Option("--epsilon-r", help="dielectric constant (overrides "
                                                   "--substrate)")]
Height = Annotated[Optional[str], typer.Option("--height", help="microstrip: height above ground, e.g. '1 um'")]
Inductance = Annotated[Optional[str], typer.Option("--inductance", help="target total inductance, e.g. '300 nH'")]
EL = Annotated[Optional[str], typer.Option("--EL", help="target E_L = (Φ0/2π)²/L as E/h, e.g. '0.5 GHz'")]
Pitch = Annotated[Optional[str], typer.Option("--pitch", help="meander row pitch, e.g. '300 nm' (default: twice "
                                              "the width)")]
Cell = Annotated[Optional[str], typer.Option("--cell", help="the cell the wire is drawn as: meander, loop, "
                                             "closed_loop, zeropi (sets the self-resonances)")]

#: spec field path → the CLI option that sets it (so validation errors name what the user typed)
OPTION_NAMES = {
    "film.material": "MATERIAL", "film.R_sq": "--rsq", "film.Tc": "--tc", "film.gap": "--gap",
    "film.gap_ratio": "--gap-ratio", "film.thickness": "--thickness", "film.temperature": "--temperature",
    "film.Tc0": "--tc0", "film.gamma": "--gamma", "film.diffusion": "--diffusion", "film.L_k_sq": "--lk-sq",
    "film.pair_breaking": "--pair-breaking", "film.R_sq_300K": "--rsq-300k",
    "superinductor.inductance": "--inductance", "superinductor.E_L": "--EL", "superinductor.width": "--width",
    "superinductor.pitch": "--pitch", "superinductor.min_f_self": "--min-f-self", "superinductor.cell": "--cell",
    "superinductor.line.kind": "--line", "superinductor.line.ground_gap": "--ground-gap",
    "superinductor.line.substrate": "--substrate", "superinductor.line.epsilon_r": "--epsilon-r",
    "superinductor.line.height": "--height",
    "junction.E_J": "--EJ", "junction.I_c": "--Ic", "junction.R_n": "--Rn", "junction.gap": "--junction-gap",
    "junction.E_C": "--EC", "junction.C": "--C", "qubit.E_C": "--EC-shunt", "qubit.C_shunt": "--C-shunt",
    "qubit.ng": "--ng", "qubit.dL": "--dL", "qubit.levels": "--levels", "qubit.at": "--at", "qubit.E_S": "--ES",
    "qubit.modes": "--modes", "qubit.flux.start": "--flux", "qubit.flux.stop": "--flux", "qubit.flux.points": "--flux",
    "noise.Q_ind": "--Q-ind", "noise.x_qp": "--x-qp", "noise.temperature": "--noise-temperature",
    "noise.T2_target": "--T2-target",
}


def drop_none(d: dict) -> dict:
    """The mapping without None values (absent options)."""
    return {k: v for k, v in d.items() if v is not None}


def film_fields(material, rsq, tc, gap, gap_ratio, thickness, temperature, tc0, gamma, diffusion, lk_sq=None,
                pair_breaking=0.0, rsq_300k=None) -> dict:
    """The [film] mapping of a command's film options (a calibrated material may supply R_sq, T_c and L_k,□)."""
    return drop_none({"material": material, "R_sq": rsq, "R_sq_300K": rsq_300k, "Tc": tc, "gap": gap,
                      "gap_ratio": gap_ratio, "thickness": thickness, "temperature": _temperature(temperature),
                      "Tc0": tc0, "gamma": gamma, "diffusion": diffusion, "L_k_sq": lk_sq,
                      "pair_breaking": pair_breaking})


def _temperature(text: str):
    """'0', '0 K' mean the T → 0 limit (a bare zero is unambiguous); anything else needs a unit."""
    return "0 K" if str(text).strip() in ("0", "0.0") else text


def line_fields(line, ground_gap, substrate, epsilon_r, height) -> dict:
    """The superinductor's [line] mapping."""
    return drop_none({"kind": line, "ground_gap": ground_gap, "substrate": substrate, "epsilon_r": epsilon_r,
                      "height": height})


def spec_from(data: dict):
    """Validate a design mapping built from options (strict units; errors name the options)."""
    from ..design import parse_design

    return parse_design(data, "command line", names=OPTION_NAMES)


def evaluated(data: dict):
    """Spec → Device → Results (no layout) for a command's options."""
    from ..design import evaluate, resolve

    return evaluate(resolve(spec_from(data)), layout=False)


def emit_json(obj: dict) -> None:
    """Print one JSON object (NaN/inf become null)."""
    from ..design.results import json_ready

    typer.echo(json.dumps(json_ready(obj), indent=2, ensure_ascii=False))


def _console(width: int = 120):
    """A rich console on the current stdout (``width`` columns when output is captured, so no value is split)."""
    import sys

    from rich.console import Console

    return Console(file=sys.stdout, width=None if sys.stdout.isatty() else width, highlight=False,
                   soft_wrap=False, emoji=False)


def emit_table(title: str, rows: list[tuple], warnings=()) -> None:
    """A table of ``(quantity, value[, note])`` rows with units (rich), then the warnings, one per line."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(title, style="bold"), title_justify="left", show_header=False, box=None,
                  padding=(0, 2, 0, 2))
    table.add_column("quantity", style="cyan", no_wrap=True)
    table.add_column("value", overflow="fold")
    if any(len(r) > 2 for r in rows):
        table.add_column("note", style="dim", overflow="fold")
    for row in rows:
        table.add_row(*(Text(str(x)) for x in row))
    console = _console()
    console.print(table)
    emit_warnings(warnings, console)


def emit_grid(title: str, columns: list[str], rows: list[list[str]], styles: Optional[list[str]] = None) -> None:
    """A table with a header row (one line per row; ``styles``: rich style of each row, e.g. "green", "red")."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(title, style="bold"), title_justify="left", header_style="bold cyan")
    for name in columns:
        last = name == columns[-1]
        table.add_column(name, no_wrap=not last, overflow="fold", min_width=24 if last else None)
    for i, row in enumerate(rows):
        table.add_row(*(Text(str(x)) for x in row), style=(styles or [""] * len(rows))[i])
    _console(240).print(table)


def emit_warnings(warnings, console=None) -> None:
    """Each warning on one line, prefixed 'warning:'."""
    from rich.text import Text

    console = console or _console()
    for w in warnings:
        console.print(Text("warning: ", style="bold yellow") + Text(str(w)), soft_wrap=True)


def fmt(value, scale: float, unit: str, spec: str = ".4g") -> str:
    """``value × scale`` with its unit, or '—' when absent or NaN."""
    if value is None or value != value:
        return "—"
    return f"{value * scale:{spec}} {unit}".rstrip()
