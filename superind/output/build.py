"""The main job: a design → Results → NAME.json, NAME.gds, NAME.lyp, NAME.svg and NAME.html, written as one set.

Everything is computed and rendered in memory first; the five files are then written together (all or none).
"""
from __future__ import annotations

import json
from pathlib import Path

from ..design import DesignSpec, evaluate, load_design, resolve
from ..design.results import Results
from ..files import OutputSet, design_inputs

#: the files of one build, by suffix
SUFFIXES = ("json", "gds", "lyp", "svg", "html")


def build_results(design) -> Results:
    """Resolve and evaluate a design (a spec, or the path of a TOML design file), layout included."""
    from ..errors import InputError

    spec = design if isinstance(design, DesignSpec) else load_design(design)
    device = resolve(spec)
    if device.layout is None:
        what = ("it has no superinductor to draw: give [film] and [superinductor]" if device.wire is None else
                f"its wire ({device.wire.length_m * 1e6:.3g} µm) is too short to draw as a meander with leads")
        raise InputError(f"{spec.source or spec.name}: nothing to build — {what} (superind film, wire or qubit "
                         "--design evaluate a part alone)")
    return evaluate(device)


def write_build(results: Results, out_dir) -> dict[str, Path]:
    """Write NAME.{json,gds,lyp,svg,html} of ``results`` into ``out_dir`` (created if missing) as one set, never over
    the design or process file it was read from (the report's charts are drawn by the browser)."""
    from .. import layout
    from .report import render_html

    device = results.device
    cell = device.layout.cell
    svg = layout.svg_text(cell, device.process)
    contents = {"json": json.dumps(results.to_dict(), indent=2, ensure_ascii=False) + "\n",
                "lyp": layout.lyp_text(device.process), "svg": svg, "html": render_html(results, svg)}
    gds = layout.gds_bytes(cell, device.process)  # written in memory, read back and checked
    with OutputSet(out_dir, results.name, inputs=design_inputs(device.spec)) as files:
        for suffix in ("json", "lyp", "svg", "html"):
            files.write_text(suffix, contents[suffix])
        files.write_bytes("gds", gds)
    return {k: Path(out_dir) / f"{results.name}.{k}" for k in SUFFIXES}


def build(design, out_dir) -> tuple[Results, dict[str, Path]]:
    """``superind build``: results of a design and the paths of the five files written to ``out_dir``."""
    results = build_results(design)
    return results, write_build(results, out_dir)
