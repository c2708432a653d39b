"""``superind gds …`` and ``superind drc``: layouts from the command line (registered on ``superind.cli.app``).

The superinductor cells (meander, loop, zeropi, and the chip's meanders) are drawn by the one resolver, from the
same options as ``superind wire`` (or ``--design FILE``), so the cell is the one a build draws and, with a film,
its record carries the drawn meander's ``modes_Hz`` and ``f_self_Hz``. Lengths carry units ("100 nm"). With
``--json`` one JSON object is printed: the layout record (``cell``, ``length_m``, ``squares_geometric``,
``squares_electrical``, ``L_k_H``, ``bbox_m``, ``polygons``, ``vertices`` …) plus ``drc_violations``.
"""

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import InputError
from ..units import parse_quantity
from .common import Json, emit_json, emit_table
from .options import LAYOUT_ALIASES, Given, require, with_options

app = typer.Typer()
gds = typer.Typer(no_args_is_help=True, help="Write GDS layouts: meander, loop, constriction, zeropi, chip.")
app.add_typer(gds, name="gds")

Output = Annotated[Path, typer.Option("-o", "--output", help="GDS file to write")]
Svg = Annotated[bool, typer.Option("--svg", help="also write FILE.svg (preview)")]
Lyp = Annotated[bool, typer.Option("--lyp", help="also write FILE.lyp (KLayout layer names)")]
#: the options of a superinductor cell (film, wire, layout; the film's old --gap is the row gap here)
CELL_OPTIONS = dict(exclude=("gap_deprecated", "cell"), extra=tuple(LAYOUT_ALIASES))


def _check_outputs(output: Path, svg: bool, lyp: bool, spec) -> None:
    """Before any work: FILE.gds (and its .svg, .lyp) must end in .gds and replace no input or shipped file."""
    from ..files import check_output, design_inputs

    if output.suffix.lower() != ".gds":
        raise InputError(f"-o '{output}': the layout file must end in .gds")
    for suffix, wanted in (("gds", True), ("svg", svg), ("lyp", lyp)):
        if wanted:
            check_output(output.with_suffix(f".{suffix}"), design_inputs(spec))


def _write(cell, process, output: Path, svg: bool, lyp: bool, spec) -> tuple[list, list]:
    """Write FILE.gds (+ .svg, .lyp) as one set — all or none, GDS read back and checked, never over the design or
    process file of ``spec``. Returns (paths, DRC violations)."""
    from ..files import OutputSet, design_inputs
    from ..layout import drc, gds_bytes, lyp_text, svg_text

    _check_outputs(output, svg, lyp, spec)
    violations = drc(cell, process)
    contents = {"gds": gds_bytes(cell, process)}
    if svg:
        contents["svg"] = svg_text(cell, process).encode()
    if lyp:
        contents["lyp"] = lyp_text(process).encode()
    with OutputSet(output.parent, output.stem, inputs=design_inputs(spec)) as files:
        written = [files.write_bytes(suffix, data) for suffix, data in contents.items()]
    return written, violations


def _print(record: dict, violations) -> None:
    """The layout record as a table with units and the DRC result."""
    from ..format import by_key, eng

    rows = [("cell", record["cell"]), ("files", ", ".join(record["files"]))]
    for key, label in (("length_m", "centreline length"), ("squares_geometric", "squares (geometric)"),
                       ("squares_electrical", "squares (electrical)"), ("L_k_H", "kinetic inductance L_k"),
                       ("loop_area_m2", "loop area"), ("f_self_Hz", "first self-resonance (drawn meander)")):
        if record.get(key) is not None:
            rows.append((label, f"{record[key]:.6g} □" if key.startswith("squares") else by_key(key, record[key])))
    if record.get("modes_Hz"):
        rows.append(("next modes", ", ".join(eng(f, "Hz") for f in record["modes_Hz"][1:4])))
    rows += [("polygons / vertices", f"{record['polygons']} / {record['vertices']}"),
             ("DRC", "clean" if not violations else f"{len(violations)} violation(s)")]
    emit_table(f"layout {record['cell']} (process {record['process']})", rows, [str(v) for v in violations])


def _superinductor_cell(kind: str, given: Given, output: Path, svg: bool, lyp: bool, as_json: bool) -> None:
    """A superinductor cell through the one resolver: the spec from the options (or --design), the cell drawn as
    the device draws it, its record with the drawn meander's self-resonances when a film is given."""
    from ..design import resolve

    require(given, "superinductor.width", "the wire width --width, e.g. --width '100 nm'")
    given.fields["superinductor.cell"] = kind
    given.names["superinductor.cell"] = f"gds {kind}"
    spec = given.spec(base={"name": kind})
    if spec.superinductor is None:
        raise InputError("give the wire: --width and a target (--length, --squares, or --inductance with a film), "
                         "or --design FILE")
    s = spec.superinductor
    if spec.film is None and (s.inductance is not None or s.E_L is not None):
        raise InputError("an inductance target needs the film's sheet inductance: give --material with --rsq and --tc "
                         "(or --lk-sq), or a --length or --squares target")
    _check_outputs(output, svg, lyp, spec)
    device = resolve(spec)
    if device.layout is None:
        raise InputError(f"the wire ({device.wire.length_m * 1e6:.3g} µm) is too short for a {kind} with leads")
    written, violations = _write(device.layout.cell, device.process, output, svg, lyp, spec)
    record = device.layout.to_dict()
    wire = device.wire
    record.update(process=device.process.name, files=[str(p) for p in written],
                  drc_violations=[v.to_dict() for v in violations], superinductor_cell=device.cell_kind,
                  line=spec.superinductor.line.kind,
                  modes_Hz=list(wire.modes_Hz) if wire is not None else None,
                  f_self_Hz=wire.f_self_Hz if wire is not None else None,
                  self_resonance_model=wire.self_resonance_model if wire is not None else
                  "none: give the film (--material with --rsq/--tc or --lk-sq) for the drawn meander's modes")
    if as_json:
        emit_json(record)
    else:
        _print(record, violations)


@gds.command("meander")
@with_options("design", "film", "superinductor", "layout", **CELL_OPTIONS)
def meander_cmd(given: Given, output: Output, svg: Svg = False, lyp: Lyp = False, as_json: Json = False):
    """A meandered superinductor meeting a length, square or inductance target (drawn as the device draws it)."""
    _superinductor_cell("meander", given, output, svg, lyp, as_json)


@gds.command("loop")
@with_options("design", "film", "superinductor", "layout", **CELL_OPTIONS)
def loop_cmd(given: Given, output: Output, svg: Svg = False, lyp: Lyp = False, as_json: Json = False):
    """An RF-SQUID loop: superinductor meander closed through a junction site (loop area reported)."""
    _superinductor_cell("loop", given, output, svg, lyp, as_json)


@gds.command("zeropi")
@with_options("design", "film", "superinductor", "layout", **CELL_OPTIONS)
def zeropi_cmd(given: Given, output: Output, svg: Svg = False, lyp: Lyp = False, as_json: Json = False):
    """A 0-π device: two superinductors (each meeting the target), two junction sites, two shunt pads."""
    _superinductor_cell("zeropi", given, output, svg, lyp, as_json)


@gds.command("constriction")
@with_options("film", "layout", exclude=("gap_deprecated", "pads", "footprint", "junction_gap"),
              extra=tuple(LAYOUT_ALIASES[1:]))
def constriction_cmd(given: Given, width: Annotated[str, typer.Option("--width", help="constriction width")],
                     length: Annotated[str, typer.Option("--length", help="constriction length")], output: Output,
                     lead_width: Annotated[str, typer.Option("--lead-width", help="wide lead width")] = "1 um",
                     taper: Annotated[Optional[str], typer.Option("--taper", help="taper length")] = None,
                     svg: Svg = False, lyp: Lyp = False, as_json: Json = False):
    """A phase-slip constriction w_c × ℓ with raised-cosine tapers to wide leads and pads."""
    from ..design import resolve
    from ..layout import constriction, load_process

    spec = given.spec(base={"name": "constriction"})
    _check_outputs(output, svg, lyp, spec)
    film = resolve(spec).film if spec.film is not None else None
    process = load_process(spec.layout.process)
    res = constriction(parse_quantity(width, "length", "--width"), parse_quantity(length, "length", "--length"),
                       lead_width_m=parse_quantity(lead_width, "length", "--lead-width"),
                       taper_m=None if taper is None else parse_quantity(taper, "length", "--taper"),
                       sheet_inductance_H=film, process=process, name=spec.name)
    written, violations = _write(res, process, output, svg, lyp, spec)
    record = res.to_dict()
    record.update(process=process.name, files=[str(p) for p in written],
                  drc_violations=[v.to_dict() for v in violations])
    if as_json:
        emit_json(record)
    else:
        _print(record, violations)


@gds.command("chip")
@with_options("film", "superinductor", "layout", exclude=("gap_deprecated", "cell", "width", "name"),
              extra=tuple(LAYOUT_ALIASES))
def chip_cmd(given: Given, widths: Annotated[str, typer.Option("--widths", help="comma-separated widths, e.g. "
                                                               "'50 nm,100 nm'")],
             output: Output,
             columns: Annotated[Optional[int], typer.Option("--columns", help="variants per row")] = None,
             svg: Svg = False, lyp: Lyp = False, as_json: Json = False):
    """A chip with one meander per width (same row gap and target), in a labelled grid; each drawn as the device
    draws it, with its self-resonances when a film is given."""
    from ..design import resolve
    from ..layout import chip

    texts = [t.strip() for t in widths.split(",") if t.strip()]
    if not texts:
        raise InputError("--widths: give at least one width, e.g. '50 nm,100 nm'")
    devices = []
    for k, text in enumerate(texts):
        w = parse_quantity(text, "length", "--widths")
        given.fields.update({"superinductor.width": text, "superinductor.cell": "meander",
                             "name": f"meander_{k}_{w * 1e9:.0f}nm"})
        devices.append(resolve(given.spec(base={"name": "chip"})))
    res = chip([d.layout for d in devices], columns=columns, process=devices[0].process)
    written, violations = _write(res, devices[0].process, output, svg, lyp, devices[0].spec)
    record = res.to_dict()
    record.update(process=devices[0].process.name, files=[str(p) for p in written],
                  drc_violations=[v.to_dict() for v in violations],
                  variants=[{"name": d.spec.name, "width_m": d.spec.superinductor.width,
                             "modes_Hz": list(d.wire.modes_Hz) if d.wire is not None else None,
                             "f_self_Hz": d.wire.f_self_Hz if d.wire is not None else None} for d in devices])
    if as_json:
        emit_json(record)
    else:
        _print(record, violations)


@app.command()
def drc(path: Annotated[Path, typer.Argument(help="GDS file to check")],
        process: Annotated[str, typer.Option("--process", help="process name or .toml path")] = "default",
        as_json: Json = False):
    """Check minimum width and spacing per layer of a GDS file; exit code 1 when violated."""
    import gdstk

    from ..layout import drc as run_drc
    from ..layout import load_process

    if not path.is_file():
        raise InputError(f"GDS file '{path}' not found")
    with open(path, "rb") as fh:  # a GDSII stream starts with a HEADER record: length 6, type 0x0002
        if fh.read(4) != b"\x00\x06\x00\x02":
            raise InputError(f"'{path}' is not a GDSII file (no GDS header); give a .gds layout")
    try:
        lib = gdstk.read_gds(str(path), unit=1e-6)
    except (RuntimeError, OSError) as exc:
        raise InputError(f"cannot read GDS file '{path}': {exc}") from None
    proc = load_process(process)
    violations = run_drc(lib, proc)
    if as_json:
        emit_json({"file": str(path), "process": proc.name, "drc_violations": [v.to_dict() for v in violations]})
    else:
        emit_table(f"DRC of {path} (process {proc.name})",
                   [("result", "clean" if not violations else f"{len(violations)} violation(s)")],
                   [str(v) for v in violations])
    if violations:
        raise typer.Exit(code=1)
