"""``superind build DESIGN.toml``: the main job — NAME.json, NAME.gds, NAME.lyp, NAME.svg and NAME.html."""

from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import Json, emit_json, emit_table

app = typer.Typer()


@app.command()
def build(design_file: Annotated[str, typer.Argument(help="design file, e.g. layouts/tin_rfsquid.toml")],
          out: Annotated[Optional[str], typer.Option("-o", "--out", help="output folder (default build/NAME)")] = None,
          as_json: Json = False):
    """The main job: a design file → NAME.json, NAME.gds, NAME.lyp, NAME.svg and NAME.html (report)."""
    from ..design import load_design
    from ..files import check_output, design_inputs
    from ..output.build import SUFFIXES, build

    spec = load_design(design_file)
    folder = Path(out) if out else Path("build") / spec.name
    for suffix in SUFFIXES:  # before the work: no output may replace the design or its process file
        check_output(folder / f"{spec.name}.{suffix}", design_inputs(spec))
    results, paths = build(spec, folder)
    if as_json:
        emit_json({"design": spec.name, "files": {k: str(p) for k, p in paths.items()},
                   "warnings": list(results.warnings)})
        return
    from ..format import duration, eng, ghz, ratio

    s = results["superinductor"]
    rows = [("superinductor", f"{eng(s['L_H'], 'H')}: {eng(s.get('length_m'), 'm')} × {eng(s.get('width_m'), 'm')}",
             f"Z = {ratio(s.get('Z_over_RQ'), 'R_Q')}, f_self = {eng(s.get('f_self_Hz'), 'Hz')}")]
    if "qubit" in results:
        q = results["qubit"]
        rows.append(("qubit", f"{q['kind']}: f01 {ghz(q['f01_min_GHz'])} … {ghz(q['f01_max_GHz'])}",
                     f"T2 at {q['operating_flux']:g} Φ0 = {duration(q.get('T2_s'))}"))
    rows += [(f"wrote {k}", str(p)) for k, p in paths.items()]
    emit_table(f"built {spec.name}", rows, results.warnings)
