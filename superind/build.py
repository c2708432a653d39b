"""The main job: a design → film, wire, qubit and layout results → JSON, GDS, .lyp, SVG and an HTML report.

``evaluate(design)`` computes everything (pure); ``write_outputs(result, out_dir)`` writes the five files
atomically. The numbers use the same summaries (``superind.summary``) as ``superind film/wire/chain``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import numpy as np

from .design import Design, _energy, _q, resolve
from .errors import InputError
from .summary import chain_summary, film_summary, json_ready, wire_summary

QUBIT_KINDS = ("rfsquid", "qps", "zeropi", "cos2phi")


@dataclass
class Result:
    """Everything ``superind build`` knows about one design."""

    design: Design
    objects: dict
    numbers: dict
    qubit: Any = None
    spectrum: Any = None
    layout: Any = None
    warnings: list = field(default_factory=list)

    def scalars(self) -> dict[str, tuple[float, str]]:
        """Scalar results name → (value, unit) for sweeps (units from the key suffixes)."""
        picks = {"film": ["Tc_K", "L_k_sq_H"],
                 "superinductor": ["length_m", "squares", "L_H", "Z_ohm", "Z_over_RQ", "f_self_Hz", "E_L_GHz",
                                   "E_L_fluxoid_GHz", "E_S_GHz", "E_S_over_E_L_fluxoid"],
                 "qubit": ["E_J_GHz", "E_C_GHz", "f01_min_GHz", "f01_max_GHz", "T1_s", "T2_s"]}
        out = {}
        for section, keys in picks.items():
            for k in keys:
                v = self.numbers.get(section, {}).get(k)
                if isinstance(v, (int, float)) and v is not None:
                    out[k if section != "film" else f"film_{k}"] = (float(v), _unit_of(k))
        return out


def _unit_of(key: str) -> str:
    for suffix, unit in [("_GHz", "GHz"), ("_Hz", "Hz"), ("_ohm", "ohm"), ("_H", "H"), ("_m", "m"), ("_K", "K"),
                         ("_s", "s"), ("_F", "F"), ("_A", "A"), ("_J", "J")]:
        if key.endswith(suffix):
            return unit
    return ""


# ------------------------------------------------------------------------------------------ qubits

def make_junction(design: Design, film):
    """The design's junction: E_J from E_J, I_c, or R_n with the junction's own gap (Ambegaokar–Baratoff)."""
    from .constants import GHz
    from .junction import Junction, capacitance_for_charging_energy

    j = design.junction
    if j is None:
        raise InputError("junction: this qubit needs a [junction] section (E_J or I_c or R_n, and E_C or C)")
    C = _q(j, "C", "capacitance", "junction")
    if j.E_C is not None:
        if C is not None:
            raise InputError("junction: give E_C or C, not both")
        C = capacitance_for_charging_energy(_energy(j, "E_C", "junction"))
    given = [x for x in (j.E_J, j.I_c, j.R_n) if x is not None]
    if len(given) != 1:
        raise InputError("junction: give exactly one of E_J, I_c or R_n")
    if j.E_J is not None:
        return Junction(Junction.from_energies(_energy(j, "E_J", "junction")).I_c_A, C)
    if j.I_c is not None:
        return Junction.from_critical_current(_q(j, "I_c", "current", "junction"), C)
    if j.gap is None:
        raise InputError("junction.gap: R_n needs the junction's own gap Δ (e.g. '182.4 ueV' for Al)")
    return Junction.from_normal_resistance(_q(j, "R_n", "resistance", "junction"),
                                           _energy(j, "gap", "junction") * GHz, C_F=C)


def make_qubit(design: Design, objs: dict):
    """The qubit object of the design's kind, built from the physical film wire and junction."""
    from . import qubits

    q, wire = design.qubit, objs["wire"]
    if q.kind == "rfsquid":
        return qubits.RFSquid.from_circuit(make_junction(design, objs["film"]), wire,
                                    _q(q, "C_shunt", "capacitance", "qubit") or 0.0)
    if q.kind == "qps":
        E_S = _energy(q, "E_S", "qubit")
        return qubits.QPSQubit.from_wire(wire, E_S)
    from .junction import capacitance_for_charging_energy

    junction = make_junction(design, objs["film"])
    C_shunt = _q(q, "C_shunt", "capacitance", "qubit")
    if q.E_C is not None:
        if C_shunt is not None:
            raise InputError("qubit: give the shunt's E_C or C_shunt, not both")
        C_shunt = capacitance_for_charging_energy(_energy(q, "E_C", "qubit"))
    if C_shunt is None:
        raise InputError(f"qubit.E_C: the {q.kind} qubit needs its shunt capacitor: E_C = e²/2C (e.g. '0.04 GHz') "
                         "or C_shunt")
    cls = qubits.ZeroPi if q.kind == "zeropi" else qubits.Cos2Phi
    return cls.from_circuit(junction, wire, C_shunt, n_g=q.ng)


def qubit_numbers(qubit, spectrum, design: Design) -> dict:
    flux = spectrum.flux
    out = {"kind": design.qubit.kind, "flux": flux.tolist(), "levels_GHz": spectrum.levels_GHz.tolist(),
           "f01_GHz": spectrum.f01_GHz.tolist(), "transitions_GHz": spectrum.transitions_GHz.tolist(),
           "f01_min_GHz": float(np.min(spectrum.f01_GHz)), "f01_max_GHz": float(np.max(spectrum.f01_GHz)),
           "cutoff": spectrum.cutoff, "convergence_GHz": spectrum.convergence_GHz}
    for name in ("E_J_GHz", "E_C_GHz", "E_L_GHz", "E_L_fluxoid_GHz", "E_S_GHz", "E_CJ_GHz", "E_S_band_GHz"):
        v = getattr(qubit, name, None)
        if v is not None:
            out[name] = list(v) if isinstance(v, tuple) else v
    if spectrum.levels_band_GHz:
        out["levels_band_GHz"] = {k: np.asarray(v).tolist() for k, v in spectrum.levels_band_GHz.items()}
    try:
        coh = qubit.coherence(0.5 if flux.min() <= 0.5 <= flux.max() else float(flux[0]))
    except InputError as exc:
        coh = {"note": str(exc)}
    out["coherence"] = coh
    for k in ("T1_s", "T2_s", "Tphi_s"):
        if isinstance(coh.get(k), (int, float)):
            out[k] = coh[k]
    return out


# ------------------------------------------------------------------------------------------ layout

def make_layout(design: Design, objs: dict, qubit_kind: str):
    """The device cell drawn for the design's qubit kind (gdstk, via ``superind.layout``)."""
    from . import layout

    process = layout.load_process(design.layout.process)
    wire = objs["wire"]
    Lk_sq = wire.L_k_sq_H
    kw = dict(sheet_inductance_H=Lk_sq, process=process)
    if qubit_kind == "rfsquid":
        return layout.loop(wire.width_m, objs["meander_gap_m"], inductance_H=wire.L_k_H, turn=design.superinductor.turn,
                           name=design.name, **kw)
    if qubit_kind == "qps":  # the phase-slip wire, its length snapped to the drawing grid (< 1 grid step)
        snap = lambda x: round(x / process.grid_m) * process.grid_m
        return layout.constriction(snap(wire.width_m), snap(wire.length_m), name=design.name, **kw)
    if qubit_kind == "zeropi":
        return layout.zeropi(wire.width_m, objs["meander_gap_m"], inductance_H=wire.L_k_H,
                             turn=design.superinductor.turn, name=design.name, **kw)
    return layout.meander(wire.width_m, objs["meander_gap_m"], inductance_H=wire.L_k_H,
                          turn=design.superinductor.turn, name=design.name, **kw)


# ------------------------------------------------------------------------------------------ evaluate

def evaluate(design: Design, *, with_layout: bool = True, flux_points: Optional[int] = None) -> Result:
    """Compute every number of a design (and its layout cell when ``with_layout``)."""
    objs = resolve(design)
    film, wire = objs["film"], objs["wire"]
    numbers: dict = {"name": design.name, "description": design.description}
    numbers["film"] = film_summary(film, objs["temperature_K"])
    numbers["superinductor"] = wire_summary(wire, min_f_self_Hz=objs["min_f_self_Hz"])
    numbers["superinductor"]["target_L_H"] = objs["target_L_H"]
    if "chain" in objs:
        numbers["jjchain"] = chain_summary(objs["chain"])
    q = design.qubit
    qubit = make_qubit(design, objs)
    flux = np.linspace(q.flux.start, q.flux.stop, flux_points or q.flux.points)
    spectrum = qubit.spectrum(flux, q.levels)
    numbers["qubit"] = qubit_numbers(qubit, spectrum, design)
    warnings = list(numbers["superinductor"]["warnings"]) + list(qubit.warnings(spectrum))
    if "chain" in objs:
        warnings += [f"JJ chain: {w}" for w in objs["chain"].warnings()]
    layout = None
    if with_layout:
        layout = make_layout(design, objs, q.kind)
        numbers["layout"] = layout_numbers(layout, design.layout.process)
        warnings += list(getattr(layout, "warnings", ()))
    numbers["warnings"] = list(dict.fromkeys(warnings))
    numbers["design"] = design.model_dump()
    numbers["sources"] = material_sources(film)
    return Result(design, objs, numbers, qubit, spectrum, layout, numbers["warnings"])


def layout_numbers(layout, process: str) -> dict:
    """The drawn cell's record (centreline length, geometric and electrical squares, L_k, bbox, counts) and its
    DRC violations under the design's process."""
    from .layout import drc, load_process

    out = dict(layout.to_dict())
    out["drc_violations"] = len(drc(layout.cell, load_process(process)))
    return out


def material_sources(film) -> dict:
    """Where the material values used came from (echoed into the JSON and the report)."""
    m = film.material
    return {"material_file": m.origin, "gap_ratio": m.gap_ratio_default_source if film.gap_ratio == m.gap_ratio_default
            else "given", "diffusion": m.diffusion_cm2_per_s.source, "critical_R_sq": m.critical_R_sq_ohm.source,
            "finkelstein": m.finkelstein.source, "Tc": film.Tc_source}


# ------------------------------------------------------------------------------------------ outputs

def write_outputs(result: Result, out_dir) -> dict[str, Path]:
    """Write NAME.json, NAME.gds, NAME.lyp, NAME.svg and NAME.html into ``out_dir`` (created if missing),
    each atomically; everything is computed before the first file is written."""
    from . import atomic, layout
    from .report import render_html

    out = Path(out_dir)
    name = result.design.name
    process = layout.load_process(result.design.layout.process)
    json_text = json.dumps(json_ready(result.numbers), indent=2, ensure_ascii=False)
    html = render_html(result)  # also needs the SVG: render it in memory first
    out.mkdir(parents=True, exist_ok=True)
    paths = {k: out / f"{name}.{k}" for k in ("json", "gds", "lyp", "svg", "html")}
    layout.write_gds(paths["gds"], result.layout.cell, process)
    layout.write_lyp(paths["lyp"], process)
    layout.write_svg(paths["svg"], result.layout.cell)
    atomic.write_text(paths["json"], json_text)
    atomic.write_text(paths["html"], html)
    return paths
