"""Shared output of the ``superind`` commands: JSON, tables with units, verdict records.

A command collects its options (``superind.cli.options``) into a design spec, resolves and evaluates it, and prints.
No physics and no thresholds here: judgements arrive as verdict records.
"""

import json
from typing import Annotated, Optional

import typer

from .options import annotated

Json = Annotated[bool, typer.Option("--json", help="print one JSON object")]

# the film options of the fit commands, from the one registry (superind.cli.options)
Material, Rsq, Tc, Thickness, Diffusion, PairBreaking = (annotated(n) for n in ("material", "rsq", "tc", "thickness",
                                                                                "diffusion", "pair_breaking"))
#: the gap ratio a fit assumes (a number the fit uses directly)
GapRatio = Annotated[Optional[float], typer.Option("--gap-ratio", help="α = Δ0/k_BT_c the fit assumes (default: "
                                                   "fitted, or BCS 1.764)")]

#: a command that already told the user about an interruption (and what it kept) sets this before exiting 130
INTERRUPTION_EXPLAINED = [False]

def evaluated(spec, only=None):
    """Spec → Device → Results (no layout; ``only``: the sections to compute)."""
    from ..design import evaluate, resolve

    return evaluate(resolve(spec), layout=False, only=only)


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
    """A table of ``(quantity, value[, note])`` rows with units (rich), then the warnings (verdict records or
    messages), one per line."""
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
    """Each warning or critical record on one line, prefixed with its severity ('warning:' for plain messages),
    followed by what to do; an info record is printed as a note only when it says what to do."""
    from rich.text import Text

    console = console or _console()
    for w in warnings:
        severity = getattr(w, "severity", "warning")
        action = getattr(w, "action", "")
        if severity == "info" and not action:
            continue
        style = {"critical": "bold red", "warning": "bold yellow", "info": "bold blue"}[severity]
        severity = "note" if severity == "info" else severity
        console.print(Text(f"{severity}: ", style=style) + Text(str(w))
                      + (Text(f" → {action}", style="dim") if action else Text("")), soft_wrap=True)


def emit_verdict(results) -> None:
    """The overall verdict line (works | marginal | fails) with the records that decide it."""
    from rich.text import Text

    verdict = results.verdict
    style = {"works": "bold green", "marginal": "bold yellow", "fails": "bold red"}[verdict]
    deciding = [v.code for v in results.verdicts if v.severity != "info"]
    _console().print(Text("verdict: ", style="bold") + Text(verdict, style=style)
                     + Text(f" ({', '.join(dict.fromkeys(deciding))})" if deciding else ""), soft_wrap=True)


