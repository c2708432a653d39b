"""``superind gds …`` and ``superind drc``: layouts from the command line (registered on ``superind.cli.app``).

Lengths carry units ("100 nm"); the film (for an inductance target and L_k) is given as for ``superind film``.
With ``--json`` one JSON object is printed: the layout record (``cell``, ``length_m``, ``squares_geometric``,
``squares_electrical``, ``L_k_H``, ``bbox_m``, ``polygons``, ``vertices`` …) plus ``drc_violations``.
"""

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import InputError
from ..units import parse_number, parse_quantity
from .common import Gamma, GapRatio, Json, Rsq, Tc, Tc0, Thickness, emit_json, emit_table, film_fields, spec_from

app = typer.Typer()
gds = typer.Typer(no_args_is_help=True, help="Write GDS layouts: meander, loop, constriction, zeropi, chip.")
app.add_typer(gds, name="gds")

Width = Annotated[str, typer.Option("--width", help="wire width, e.g. '100 nm'")]
WireGap = Annotated[str, typer.Option("--gap", help="gap between meander rows, e.g. '100 nm'")]
Length = Annotated[Optional[str], typer.Option("--length", help="target wire length, e.g. '1 mm'")]
Squares = Annotated[Optional[float], typer.Option("--squares", help="target electrical squares")]
Inductance = Annotated[Optional[str], typer.Option("--inductance", help="target L_k, e.g. '300 nH' (needs a film)")]
Material = Annotated[Optional[str], typer.Option("--material", "--film", help="film material, e.g. TiN")]
Delta = Annotated[Optional[str], typer.Option("--delta", help="film gap Δ0, e.g. '180 ueV'")]
Turn = Annotated[str, typer.Option("--turn", help="turn style: square, round or optimal")]
Footprint = Annotated[Optional[tuple[str, str]], typer.Option("--footprint", help="meander body bound: X Y")]
Output = Annotated[Path, typer.Option("-o", "--output", help="GDS file to write")]
ProcessOpt = Annotated[str, typer.Option("--process", help="process name or .toml path")]
Svg = Annotated[bool, typer.Option("--svg", help="also write FILE.svg (preview)")]
Lyp = Annotated[bool, typer.Option("--lyp", help="also write FILE.lyp (KLayout layer names)")]


def _length(text, name):
    return None if text is None else parse_quantity(text, "length", name)


def _film(material, rsq, tc, delta, gap_ratio, thickness, tc0, gamma):
    """The film of the layout options (its L_k,□ turns squares into inductance), or None without --material."""
    from ..design import resolve

    if material is None:
        if rsq is not None:
            raise InputError("--rsq needs --material (e.g. --material TiN)")
        return None
    fields = film_fields(material, rsq, tc, delta, gap_ratio, thickness, "0 K", tc0, gamma, None)
    return resolve(spec_from({"name": "layout", "film": fields})).film


def _targets(length, squares, inductance):
    return {"length_m": _length(length, "--length"),
            "squares": None if squares is None else parse_number(squares, "--squares"),
            "inductance_H": None if inductance is None else parse_quantity(inductance, "inductance", "--inductance")}


def _finish(result, output: Path, process: str, svg: bool, lyp: bool, as_json: bool) -> None:
    """Write FILE.gds (+ .svg, .lyp) as one set — all or none, GDS read back and checked — then print."""
    from ..layout import drc, gds_bytes, load_process, lyp_text, svg_text
    from ..output.files import OutputSet

    if output.suffix.lower() != ".gds":
        raise InputError(f"-o '{output}': the layout file must end in .gds")
    proc = load_process(process)
    violations = drc(result, proc)
    contents = {"gds": gds_bytes(result, proc)}
    if svg:
        contents["svg"] = svg_text(result, proc).encode()
    if lyp:
        contents["lyp"] = lyp_text(proc).encode()
    with OutputSet(output.parent, output.stem) as files:
        written = [files.write_bytes(suffix, data) for suffix, data in contents.items()]
    record = result.to_dict()
    record.update(process=proc.name, files=[str(p) for p in written],
                  drc_violations=[v.to_dict() for v in violations])
    if as_json:
        emit_json(record)
        return
    rows = [("cell", record["cell"]), ("files", ", ".join(record["files"]))]
    for key, unit, scale in (("length_m", "µm", 1e6), ("squares_geometric", "□", 1), ("squares_electrical", "□", 1),
                             ("L_k_H", "nH", 1e9), ("loop_area_m2", "µm²", 1e12)):
        if record.get(key) is not None:
            rows.append((key, f"{record[key] * scale:.6g} {unit}"))
    rows += [("polygons / vertices", f"{record['polygons']} / {record['vertices']}"),
             ("DRC", "clean" if not violations else f"{len(violations)} violation(s)")]
    emit_table(f"layout {record['cell']} (process {proc.name})", rows, [str(v) for v in violations])


def _footprint(fp):
    return None if fp is None else tuple(parse_quantity(v, "length", "--footprint") for v in fp)


@gds.command("meander")
def meander_cmd(width: Width, gap: WireGap, output: Output, length: Length = None, squares: Squares = None,
                inductance: Inductance = None, material: Material = None, rsq: Rsq = None, tc: Tc = None,
                delta: Delta = None, gap_ratio: GapRatio = None, thickness: Thickness = None, tc0: Tc0 = None,
                gamma: Gamma = None, turn: Turn = "round", footprint: Footprint = None,
                pads: Annotated[bool, typer.Option("--pads/--no-pads", help="contact pads at both ends")] = True,
                name: Annotated[str, typer.Option("--name", help="cell name")] = "meander",
                process: ProcessOpt = "default", svg: Svg = False, lyp: Lyp = False, as_json: Json = False):
    """A meandered superinductor meeting a length, square or inductance target."""
    from ..layout import meander

    film = _film(material, rsq, tc, delta, gap_ratio, thickness, tc0, gamma)
    res = meander(_length(width, "--width"), _length(gap, "--gap"), **_targets(length, squares, inductance),
                  sheet_inductance_H=film, turn=turn, footprint_m=_footprint(footprint), process=process,
                  name=name, pads=pads)
    _finish(res, output, process, svg, lyp, as_json)


@gds.command("loop")
def loop_cmd(width: Width, gap: WireGap, output: Output, length: Length = None, squares: Squares = None,
             inductance: Inductance = None, material: Material = None, rsq: Rsq = None, tc: Tc = None,
             delta: Delta = None, gap_ratio: GapRatio = None, thickness: Thickness = None, tc0: Tc0 = None,
             gamma: Gamma = None, turn: Turn = "round", footprint: Footprint = None,
             junction_gap: Annotated[Optional[str], typer.Option("--junction-gap", help="wire gap at the junction")]
             = None, name: Annotated[str, typer.Option("--name", help="cell name")] = "loop",
             process: ProcessOpt = "default", svg: Svg = False, lyp: Lyp = False, as_json: Json = False):
    """An RF-SQUID loop: superinductor meander closed through a junction site (loop area reported)."""
    from ..layout import loop

    film = _film(material, rsq, tc, delta, gap_ratio, thickness, tc0, gamma)
    res = loop(_length(width, "--width"), _length(gap, "--gap"), **_targets(length, squares, inductance),
               sheet_inductance_H=film, turn=turn, footprint_m=_footprint(footprint),
               junction_gap_m=_length(junction_gap, "--junction-gap"), process=process, name=name)
    _finish(res, output, process, svg, lyp, as_json)


@gds.command("constriction")
def constriction_cmd(width: Width, length: Annotated[str, typer.Option("--length", help="constriction length")],
                     output: Output,
                     lead_width: Annotated[str, typer.Option("--lead-width", help="wide lead width")] = "1 um",
                     taper: Annotated[Optional[str], typer.Option("--taper", help="taper length")] = None,
                     material: Material = None, rsq: Rsq = None, tc: Tc = None, delta: Delta = None,
                     gap_ratio: GapRatio = None, thickness: Thickness = None, tc0: Tc0 = None, gamma: Gamma = None,
                     name: Annotated[str, typer.Option("--name", help="cell name")] = "constriction",
                     process: ProcessOpt = "default", svg: Svg = False, lyp: Lyp = False, as_json: Json = False):
    """A phase-slip constriction w_c × ℓ with raised-cosine tapers to wide leads and pads."""
    from ..layout import constriction

    film = _film(material, rsq, tc, delta, gap_ratio, thickness, tc0, gamma)
    res = constriction(_length(width, "--width"), _length(length, "--length"),
                       lead_width_m=_length(lead_width, "--lead-width"), taper_m=_length(taper, "--taper"),
                       sheet_inductance_H=film, process=process, name=name)
    _finish(res, output, process, svg, lyp, as_json)


@gds.command("zeropi")
def zeropi_cmd(width: Width, gap: WireGap, output: Output, length: Length = None, squares: Squares = None,
               inductance: Inductance = None, material: Material = None, rsq: Rsq = None, tc: Tc = None,
               delta: Delta = None, gap_ratio: GapRatio = None, thickness: Thickness = None, tc0: Tc0 = None,
               gamma: Gamma = None, turn: Turn = "round", footprint: Footprint = None,
               name: Annotated[str, typer.Option("--name", help="cell name")] = "zeropi",
               process: ProcessOpt = "default", svg: Svg = False, lyp: Lyp = False, as_json: Json = False):
    """A 0-π device: two superinductors (each meeting the target), two junction sites, two shunt pads."""
    from ..layout import zeropi

    film = _film(material, rsq, tc, delta, gap_ratio, thickness, tc0, gamma)
    res = zeropi(_length(width, "--width"), _length(gap, "--gap"), **_targets(length, squares, inductance),
                 sheet_inductance_H=film, turn=turn, footprint_m=_footprint(footprint), process=process, name=name)
    _finish(res, output, process, svg, lyp, as_json)


@gds.command("chip")
def chip_cmd(widths: Annotated[str, typer.Option("--widths", help="comma-separated widths, e.g. '50 nm,100 nm'")],
             gap: WireGap, output: Output, length: Length = None, squares: Squares = None,
             inductance: Inductance = None, material: Material = None, rsq: Rsq = None, tc: Tc = None,
             delta: Delta = None, gap_ratio: GapRatio = None, thickness: Thickness = None, tc0: Tc0 = None,
             gamma: Gamma = None, turn: Turn = "round",
             columns: Annotated[Optional[int], typer.Option("--columns", help="variants per row")] = None,
             process: ProcessOpt = "default", svg: Svg = False, lyp: Lyp = False, as_json: Json = False):
    """A chip with one meander per width (same gap and target), in a labelled grid."""
    from ..layout import chip, meander

    film = _film(material, rsq, tc, delta, gap_ratio, thickness, tc0, gamma)
    ws = [_length(t.strip(), "--widths") for t in widths.split(",") if t.strip()]
    if not ws:
        raise InputError("--widths: give at least one width, e.g. '50 nm,100 nm'")
    variants = [meander(w, _length(gap, "--gap"), **_targets(length, squares, inductance), sheet_inductance_H=film,
                        turn=turn, process=process, name=f"meander_{k}_{w * 1e9:.0f}nm") for k, w in enumerate(ws)]
    res = chip(variants, columns=columns, process=process)
    _finish(res, output, process, svg, lyp, as_json)


@app.command()
def drc(path: Annotated[Path, typer.Argument(help="GDS file to check")], process: ProcessOpt = "default",
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
