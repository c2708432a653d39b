"""``superind wire`` (size a film superinductor) and ``superind chain`` (the Josephson-junction-chain alternative)."""

from typing import Annotated, Optional

import typer

from ..errors import InputError
from .common import Json, emit_grid, emit_json, emit_table, emit_verdict
from .options import GROUPS, Given, require, with_options

app = typer.Typer()


def parse_widths(text: Optional[str]) -> list[str]:
    """'100 nm' → ['100 nm']; '40 nm:200 nm:9' → 9 widths evenly spaced (as unit strings in metres)."""
    from ..limits import check_count
    from ..units import parse_quantity

    parts = text.split(":")
    if len(parts) == 1:
        return [text]
    if len(parts) != 3:
        raise InputError(f"--width '{text}': give one width or START:STOP:N, e.g. '40 nm:200 nm:9'")
    lo, hi = (parse_quantity(p, "length", "--width") for p in parts[:2])
    try:
        n = int(parts[2])
    except ValueError:
        raise InputError(f"--width '{text}': N must be a whole number") from None
    if n < 1:
        raise InputError(f"--width '{text}': N must be at least 1")
    check_count(n, "max_widths", "widths", "--width")
    return [f"{lo + (hi - lo) * k / max(n - 1, 1)!r} m" for k in range(n)]


MaterialArg = Annotated[Optional[str], typer.Argument(help="material name or alias, e.g. TiN (or --design)")]


@app.command()
@with_options("design", "film", "superinductor",
              extra=tuple(o for o in GROUPS["noise"] if o.name == "t2_target"))
def wire(given: Given, material_arg: MaterialArg = None,
         max_ES: Annotated[Optional[str], typer.Option("--max-ES", help="maximum central E_S, e.g. '0.1 GHz'")] = None,
         min_Z: Annotated[Optional[float], typer.Option("--min-Z-over-RQ", help="minimum line Z/R_Q")] = None,
         max_footprint: Annotated[Optional[str], typer.Option("--max-footprint", help="max meander area, e.g. "
                                                              "'100 um**2'")] = None,
         min_I_star: Annotated[Optional[str], typer.Option("--min-I-star", help="minimum nonlinearity current I*, "
                                                           "e.g. '1 uA'")] = None,
         touchstone: Annotated[Optional[str], typer.Option("--touchstone", help="write the chosen wire's input "
                                                           "impedance (drawn meander, far end grounded) as a 1-port "
                                                           "Touchstone file, e.g. wire.s1p")] = None,
         as_json: Json = False):
    """Size a superinductor wire: length for a target L, E_L, drawn length or squares; line impedance, the drawn
    meander's self-resonances, the E_S band. With --design the design's film and superinductor are the start (its
    qubit sets the cell and the band the self-resonance must clear); options override single fields.

    With a width range every candidate is listed with the constraints it fails, best first."""
    from ..design import evaluate
    from ..sizing import CONSTRAINTS, Constraints, size_wire
    from ..units import parse_energy_ghz, parse_number, parse_quantity

    require(given, "superinductor.width", "the wire width --width, e.g. --width '100 nm' (or a range "
                                          "'40 nm:200 nm:9')")
    text = given.fields.get("superinductor.width")
    widths = parse_widths(text) if text is not None else [None]
    if text is not None:
        given.fields["superinductor.width"] = widths[0]
    spec = given.spec()
    if spec.film is None or spec.superinductor is None:
        raise InputError("give the film and the wire: a MATERIAL with --rsq/--tc (or --lk-sq), a target (--inductance, "
                         "--EL, --length or --squares) and --width, or --design FILE")
    c = Constraints(
        min_f_self_Hz=spec.superinductor.min_f_self,
        max_E_S_GHz=parse_energy_ghz(max_ES, "--max-ES") if max_ES else None,
        min_Z_over_RQ=parse_number(min_Z, "--min-Z-over-RQ") if min_Z is not None else None,
        max_footprint_m2=parse_quantity(max_footprint, "area", "--max-footprint") if max_footprint else None,
        min_I_star_A=parse_quantity(min_I_star, "current", "--min-I-star") if min_I_star else None,
        T2_target_s=spec.noise.T2_target)
    devices, undrawable = _drawn_devices(spec, widths)
    first = next(iter(devices.values()))
    cands = size_wire(first.film, first.target_L_H, list(devices), first.line, c,
                      temperature_K=first.temperature_K, make_wire=lambda w: devices[w].wire,
                      footprint=lambda w: devices[w].footprint_m2)
    best = cands[0]
    results = evaluate(devices[best.wire.width_m], layout=False, only=("film", "superinductor"))
    records = list(results.verdicts)
    if not any(k.ok for k in cands):
        from ..verdicts import Verdict

        records.insert(0, Verdict("sizing.no_candidate", "warning",
                                  f"no candidate width meets every constraint ({len(cands)} tried): the first row "
                                  f"misses {', '.join(best.fails)}", "relax a limit or try other widths"))
    r = {**results["superinductor"], "film": results["film"],
         "candidates": [_candidate_json(k) for k in cands] + undrawable,
         "constraints": {name: CONSTRAINTS[name] for name in dict.fromkeys(n for k in cands for n in k.shortfalls)},
         "verdicts": [v.to_dict() for v in records]}
    if touchstone:
        from ..output.exports import write_touchstone

        r["touchstone"] = str(write_touchstone(touchstone, results.device.wire))
    if as_json:
        emit_json(r)
        return
    if len(r["candidates"]) > 1 or not best.ok:
        _print_candidates(cands, undrawable, r["film"]["delta_GHz"])
    _print_wire(r, records)
    emit_verdict(results)


def _drawn_devices(spec, widths):
    """Each width resolved as drawn (layout meander, folded wire); with several widths, one that cannot be drawn
    becomes a failing candidate instead of an error. Returns ({width_m: Device}, [undrawable candidate JSON])."""
    from ..design import resolve, spec_with
    from ..units import parse_quantity

    devices, undrawable = {}, []
    for text in widths:
        w = spec.superinductor.width if text is None else parse_quantity(text, "length", "--width")
        try:
            devices[w] = resolve(spec if text is None else spec_with(spec, {"superinductor.width": w}, "--width"))
        except InputError as exc:
            if len(widths) == 1:
                raise
            undrawable.append({"width_m": w, "ok": False, "fails": ["geometry"], "error": str(exc)})
    if not devices:
        raise InputError(f"no width in '{widths[0]}' … '{widths[-1]}' can be drawn: {undrawable[0]['error']}")
    return devices, undrawable


def _candidate_json(k) -> dict:
    """One ranked candidate: width, pass/fail, the failed constraints and the numbers behind them."""
    w = k.wire
    grounded = w.line.grounded
    return {"width_m": w.width_m, "ok": k.ok, "fails": list(k.fails), "E_S_dominated": k.E_S_dominated,
            "length_m": w.length_m, "rows": w.rows, "f_self_Hz": w.f_self_Hz if grounded else None,
            "Z_over_RQ": w.Z_over_RQ if grounded else None, "E_S_GHz": k.E_S_GHz,
            "E_S_band_GHz": list(k.E_S_band_GHz) if k.E_S_band_GHz else None, "E_L_fluxoid_GHz": w.E_L_fluxoid_GHz,
            "I_star_A": w.I_star_A(), "footprint_m2": k.footprint_m2, "shortfalls": dict(k.shortfalls),
            "cautions": [{"band_top_reaches": name, "limit_GHz": limit} for name, limit in k.cautions],
            "verdict": k.verdict, "phase_slip_verdict": k.regime}


#: how the candidate table names each constraint
FAIL_TEXT = {"E_S_vs_E_L": "E_S band ≥ E_L^fluxoid", "E_S_vs_gap": "E_S band ≥ Δ/h",
             "max_E_S": "E_S band > --max-ES",
             "min_f_self": "f_self < --min-f-self", "min_Z_over_RQ": "Z/R_Q < --min-Z-over-RQ",
             "max_footprint": "footprint > --max-footprint", "min_I_star": "I* < --min-I-star",
             "geometry": "cannot be drawn"}


#: the phase-slip regime in a few words (the JSON keeps the full text)
REGIME_WORDS = {"safe": "safe", "undetermined": "undetermined", "unsafe": "unsafe", "": "—"}


def _print_candidates(cands, undrawable, delta_GHz: float) -> None:
    """Every candidate, best first, with the constraints it fails (green: passes, yellow: fails a limit, red:
    E_S-dominated or not drawable)."""
    from ..format import area, compact, eng, ghz

    rows, styles = [], []
    for i, k in enumerate(cands, 1):
        w = k.wire
        es = "—" if k.E_S_GHz is None else \
            f"{compact(k.E_S_GHz)} ({compact(k.E_S_band_GHz[0])} … {compact(k.E_S_band_GHz[1])}) GHz"
        status = "ok" if k.ok else "fails: " + ", ".join(FAIL_TEXT[f] for f in k.fails)
        if k.cautions:
            status += "; band top reaches " + " and ".join(name for name, _ in k.cautions)
        rows.append([str(i), eng(w.width_m, "m"), f"{eng(w.length_m, 'm')} / {w.rows}",
                     eng(w.f_self_Hz, "Hz") if w.line.grounded else "—",
                     f"{compact(w.Z_over_RQ)} R_Q" if w.line.grounded else "—", es, area(k.footprint_m2),
                     eng(w.I_star_A(), "A"), REGIME_WORDS[k.regime], status])
        styles.append("green" if k.ok else "red" if k.E_S_dominated else "yellow")
    for u in undrawable:
        rows.append(["—", eng(u["width_m"], "m")] + ["—"] * 7 + [f"cannot be drawn: {u['error']}"])
        styles.append("red")
    w0 = cands[0].wire
    emit_grid(f"candidates for L = {eng(w0.L_H, 'H')}, best first (E_L^fluxoid = {ghz(w0.E_L_fluxoid_GHz)}, "
              f"Δ/h = {ghz(delta_GHz)})",
              ["#", "width", "length / rows", "f_self", "Z", "E_S (band)", "footprint", "I*", "phase slips",
               "constraints"], rows, styles)


def _print_wire(r: dict, records) -> None:
    """The chosen wire's numbers with units."""
    from ..format import by_key, wire_rows

    rows = wire_rows(r)
    if r.get("touchstone"):
        rows.append(("wrote (Touchstone)", r["touchstone"]))
    emit_table(f"{r['film']['material']} superinductor ({r['line']}, drawn as {r['cell']}), chosen width "
               f"{by_key('width_m', r['width_m'])}", rows, records)


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
    from ..design.evaluate import chain_section
    from ..jjchain import JJChain, chain_from_EJ
    from ..units import parse_energy_ghz, parse_quantity

    if modes < 1:
        raise InputError(f"--modes must be at least 1, got {modes}")
    CJ_F = parse_quantity(CJ or None, "capacitance", "--CJ")
    C0_F = parse_quantity(C0 or None, "capacitance", "--C0")
    a_m = parse_quantity(a, "length", "--a")
    if (EJ is None) == (Ic is None):
        raise InputError("give exactly one of --EJ (e.g. '80 GHz') or --Ic (e.g. '160 nA')")
    ch = chain_from_EJ(N, parse_energy_ghz(EJ, "--EJ"), CJ_F, C0_F, a_m) if EJ else \
        JJChain(N, parse_quantity(Ic, "current", "--Ic"), CJ_F, C0_F, a_m)
    r = chain_section(ch, modes)
    if as_json:
        emit_json(r)
        return
    from ..format import by_key, eng, ghz, ratio

    rows = [("N", f"{ch.N} junctions"), ("L", eng(ch.L_H, "H", 4)),
            ("E_J, E_C per junction", f"{ghz(ch.E_J_GHz, 4)}, {ghz(ch.E_C_GHz, 4)}"),
            ("f_plasma", eng(ch.f_plasma_Hz, "Hz", 4)), ("Λ", f"{ch.screening_length:.3g} junctions"),
            ("Z (long wavelength)", eng(ch.Z_ohm, "Ω", 5), ratio(ch.Z_over_RQ, "R_Q")),
            ("v", by_key("v_m_per_s", ch.v_m_per_s)), ("lowest mode", eng(ch.f_self_Hz, "Hz", 4)),
            ("phase slip ν per junction", ghz(ch.phase_slip_GHz)), ("E_S chain (2√N ν)", ghz(ch.E_S_GHz))]
    emit_table("Josephson-junction chain", rows, ch.verdicts())
