"""``superind compare A.toml B.toml …``: designs side by side — headline numbers with the differences highlighted,
overlaid spectra and impedances, layouts at one scale (an HTML page written as one file, or ``--json``)."""

from typing import Annotated, Optional

import typer

from ..errors import InputError
from .common import Json, emit_grid, emit_json

app = typer.Typer()


@app.command()
def compare(design_files: Annotated[list[str], typer.Argument(help="design files, e.g. layouts/tin_rfsquid.toml "
                                                              "layouts/gral_fluxonium.toml")],
            out: Annotated[Optional[str], typer.Option("-o", "--out", help="the HTML page to write, e.g. "
                                                       "compare.html, or a folder for comparison.html in it (default "
                                                       "build/comparison.html)")] = None,
            as_json: Json = False):
    """Compare designs: one table of the headline numbers, spectra and impedances overlaid, layouts at one scale.
    A design with a [jjchain] section also brings its JJ chain as a column (film wire vs chain)."""
    from ..design import load_design
    from ..files import design_inputs
    from ..output.build import build_results
    from ..output.compare import columns_of, comparison_dict, comparison_path, headline_table, write_comparison

    specs = [load_design(path) for path in design_files]
    page = comparison_path(out, [source for spec in specs for source in design_inputs(spec)])  # before the work
    results = [build_results(spec) for spec in specs]
    columns = columns_of(results)
    if len(columns) < 2:
        raise InputError("compare needs two superinductors: give two or more design files (or one with a "
                         "[jjchain] section)")
    names = [c.name for c in columns]
    if len(set(names)) != len(names):
        raise InputError(f"two designs share the name '{next(n for n in names if names.count(n) > 1)}'; "
                         "give each design a distinct name")
    page = write_comparison(results, page)
    if as_json:
        emit_json({**comparison_dict(columns), "file": str(page)})
        return
    table = headline_table(columns)
    rows = [[row["label"], *(f"{t} ≠" if d and i else t for i, (t, d) in enumerate(zip(row["texts"], row["differs"])))]
            for row in table.values()]
    emit_grid("designs side by side (≠: differs from the first column by more than 1 %)", ["", *names], rows)
    typer.echo(f"wrote {page}")
