"""``superind qubit rfsquid|qps|zeropi|cos2phi``: spectra, matrix elements and coherence from film + wire +
junction, or directly from energies (E_L is scqubits' (Φ0/2π)²/L; the QPS fluxoid energy Φ0²/2L is
``E_L_fluxoid_GHz``; E_C = e²/2C). Each command fills a design spec and prints its ``qubit`` section.
"""

from typing import Annotated, Optional

import typer

from ..errors import InputError
from .common import (EL, Diffusion, EpsilonR, Gamma, Gap, GapRatio, GroundGap, Height, Inductance, Json, LineKind,
                     LkSq, Material, PairBreaking, Pitch, Rsq, Substrate, Tc, Tc0, Temperature, Thickness, drop_none,
                     emit_json, emit_table, evaluated, film_fields, line_fields)
from .wire import Width, superinductor_fields

app = typer.Typer(no_args_is_help=True, help="Qubit spectra and coherence: rfsquid, qps, zeropi, cos2phi.")

EJ = Annotated[Optional[str], typer.Option("--EJ", help="junction E_J as E/h, e.g. '8.9 GHz'")]
Ic = Annotated[Optional[str], typer.Option("--Ic", help="junction critical current, e.g. '17.9 nA'")]
Rn = Annotated[Optional[str], typer.Option("--Rn", help="junction normal resistance (Ambegaokar–Baratoff), e.g. "
                                           "'10 kOhm'")]
JGap = Annotated[Optional[str], typer.Option("--junction-gap", help="junction's own gap Δ for --Rn, e.g. "
                                             "'182.4 ueV'")]
EC = Annotated[Optional[str], typer.Option("--EC", help="junction charging energy e²/2C as E/h, e.g. '2.5 GHz'")]
Cj = Annotated[Optional[str], typer.Option("--C", help="junction capacitance, e.g. '7.75 fF'")]
Flux = Annotated[Optional[str], typer.Option("--flux", help="flux sweep START:STOP:N in Φ0, or one value")]
Levels = Annotated[int, typer.Option("--levels", help="number of levels K")]
At = Annotated[Optional[float], typer.Option("--at", help="flux (Φ0) of the coherence and matrix-element estimate "
                                             "(default ½ when in range)")]
Qind = Annotated[float, typer.Option("--Q-ind", help="film superinductor's Q at 1 GHz (∝ f^½; the film's "
                                     "quasiparticle loss at --x-qp is added)")]
XQp = Annotated[float, typer.Option("--x-qp", help="quasiparticle density of the film and the junction")]
NoiseT = Annotated[Optional[str], typer.Option("--noise-temperature", help="noise temperature (default: "
                                               "--temperature, else 15 mK), e.g. '30 mK'")]
T2Target = Annotated[str, typer.Option("--T2-target", help="T2 a coherent superinductor must allow (phase-slip "
                                       "dephasing verdict)")]
Plot = Annotated[Optional[str], typer.Option("--plot", help="save transitions vs flux as PNG")]
Shunt = Annotated[Optional[str], typer.Option("--EC-shunt", help="shunt-capacitor E_C = e²/2C as E/h, e.g. "
                                              "'0.04 GHz'")]
CShunt = Annotated[Optional[str], typer.Option("--C-shunt", help="shunt capacitance, e.g. '484 fF'")]
Ng = Annotated[float, typer.Option("--ng", help="offset charge n_g of θ")]
ES = Annotated[Optional[str], typer.Option("--ES", help="phase-slip energy E_S as E/h (default: estimated from "
                                           "the wire)")]
Modes = Annotated[int, typer.Option("--modes", help="the superinductor's own modes in the Hamiltonian (0 = "
                                    "single-mode model; fluxonium/RF-SQUID and 0-π)")]
DL = Annotated[float, typer.Option("--dL", help="relative inductance disorder dL")]


def flux_fields(text: str) -> dict:
    """'START:STOP:N' or one value 'F' (Φ_ext/Φ0) → the [qubit.flux] mapping."""
    parts = str(text).split(":")
    try:
        if len(parts) == 1:
            return {"start": float(parts[0]), "stop": float(parts[0]), "points": 1}
        if len(parts) == 3:
            return {"start": float(parts[0]), "stop": float(parts[1]), "points": int(parts[2])}
    except ValueError:
        pass
    raise InputError(f"--flux '{text}': give START:STOP:N in units of Φ0 (e.g. 0:1:101) or one value")


def _run(kind: str, o: dict, default_flux: str) -> None:
    """Options of one qubit command → spec → Results → print the qubit section (and plot)."""
    data: dict = {"name": kind}
    if o["material"] is not None:
        data["film"] = film_fields(o["material"], o["rsq"], o["tc"], o["gap"], o["gap_ratio"], o["thickness"],
                                   o["temperature"], o["tc0"], o["gamma"], o["diffusion"], o["lk_sq"],
                                   o["pair_breaking"])
        width = o["width"]
    elif o["rsq"] is not None:
        raise InputError("--rsq needs --material (e.g. --material TiN)")
    else:
        width = o["width"] or "100 nm"
    data["superinductor"] = superinductor_fields(
        o["inductance"], o["el"], width if o["material"] is not None else None, o["pitch"],
        line_fields(o["line"], o["ground_gap"], o["substrate"], o["epsilon_r"], o["height"]))
    if o["material"] is not None and width is None:
        raise InputError("give the wire width --width, e.g. --width '100 nm'")
    if kind != "qps":
        data["junction"] = drop_none({"E_J": o["ej"], "I_c": o["ic"], "R_n": o["rn"], "gap": o["junction_gap"],
                                      "E_C": o["ec"], "C": o["c"]})
        data["noise"] = {"Q_ind": o["q_ind"]}
    data["noise"] = drop_none({**data.get("noise", {}), "x_qp": o["x_qp"], "temperature": o["noise_temperature"],
                               "T2_target": o["t2_target"]})
    data["qubit"] = drop_none({"kind": kind, "flux": flux_fields(o["flux"] or default_flux), "levels": o["levels"],
                               "modes": o.get("modes"),
                               "at": o["at"], "E_S": o.get("es"), "E_C": o.get("ec_shunt"),
                               "C_shunt": o.get("c_shunt"), "ng": o.get("ng"), "dL": o.get("dl")})
    results = evaluated(data)
    out = {**results["qubit"], "warnings": list(results.warnings)}
    if "multimode" in results:
        out["multimode"] = results["multimode"]
    if "film" in results:
        out["wire"] = results["superinductor"]
    if o["plot"]:
        _plot(results.spectrum, o["plot"])
        out["plot"] = o["plot"]
    if o["as_json"]:
        emit_json(out)
        return
    _print_qubit(kind, out)


def _print_qubit(kind: str, out: dict) -> None:
    """The qubit section as a table with units (energies E/h in GHz, times with SI prefixes)."""
    from ..output.format import by_key, cutoff_text, duration, ghz

    f01 = out["f01_GHz"]
    skip = {"f01_min_GHz", "f01_max_GHz", "convergence_GHz", "tol_GHz"}
    rows = [(k.removesuffix("_GHz"), ghz(v)) for k, v in out.items()
            if k.endswith("_GHz") and isinstance(v, float) and k not in skip]
    rows += [(k.removesuffix("_A").removesuffix("_H"), by_key(k, v)) for k, v in out.items()
             if k in ("L_H", "persistent_current_A") and isinstance(v, float)]
    rows += [("flux points", f"{len(f01)} from {out['flux'][0]:g} Φ0 to {out['flux'][-1]:g} Φ0"),
             ("f01", f"{ghz(min(f01))} … {ghz(max(f01))}"),
             ("cut-off", cutoff_text(out["cutoff"]),
              f"levels converged to {ghz(out['convergence_GHz'], 2)}")]
    at = out["operating_flux"]
    sweet = abs(2 * at - round(2 * at)) < 1e-9
    for key in ("T1_s", "Tphi_s", "T2_s"):
        if out.get(key) is not None:
            rows.append((f"{key[:-2]} at {at:g} Φ0", duration(out[key], dephasing_at_sweet_spot=sweet and key != "T1_s")))
    if out.get("plot"):
        rows.append(("wrote (plot)", out["plot"]))
    emit_table(f"{kind} qubit", rows, [] if "multimode" in out else out["warnings"])
    if "multimode" in out:
        _print_multimode(out["multimode"], at, out["warnings"])


def _print_multimode(m: dict, at: float, warnings) -> None:
    """The superinductor's modes in the Hamiltonian (``multimode_rows``) and the truncation that converged them."""
    from ..output.format import cutoff_text, ghz, multimode_rows

    rows = multimode_rows(m, at) + [("truncation", cutoff_text(m["cutoff"]),
                                     f"levels converged to {ghz(m['convergence_GHz'], 2)}")]
    count = f"{m['modes']} lowest modes" if m["modes"] != 1 else "lowest mode"
    emit_table(f"with the superinductor's {count} (multimode)", rows, warnings)


def _plot(spectrum, path: str) -> None:
    """Transitions vs flux as a PNG (matplotlib Figure with the Agg canvas: no global backend change)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 4), layout="constrained")
    spectrum.plot(ax=fig.add_subplot())
    from ..atomic import atomic_write

    atomic_write(path, lambda tmp: fig.savefig(tmp, dpi=120, format="png"))


@app.command()
def rfsquid(material: Material = None, rsq: Rsq = None, tc: Tc = None, gap: Gap = None, gap_ratio: GapRatio = None,
            thickness: Thickness = None, temperature: Temperature = "0 K", tc0: Tc0 = None, gamma: Gamma = None,
            diffusion: Diffusion = None, lk_sq: LkSq = None, pair_breaking: PairBreaking = 0.0,
            inductance: Inductance = None, el: EL = None, width: Width = None, pitch: Pitch = None,
            line: LineKind = "cpw", ground_gap: GroundGap = "10 um", substrate: Substrate = "Si",
            epsilon_r: EpsilonR = None, height: Height = None, ej: EJ = None, ic: Ic = None, rn: Rn = None,
            junction_gap: JGap = None, ec: EC = None, c: Cj = None, flux: Flux = None, levels: Levels = 4,
            at: At = None, q_ind: Qind = 1e5, plot: Plot = None, x_qp: XQp = 3e-6, noise_temperature: NoiseT = None,
            t2_target: T2Target = "100 us", modes: Modes = 0, as_json: Json = False):
    """RF-SQUID / fluxonium: junction shunted by a film superinductor (scqubits Fluxonium conventions)."""
    _run("rfsquid", locals(), "0:1:101")


@app.command()
def qps(material: Material = None, rsq: Rsq = None, tc: Tc = None, gap: Gap = None, gap_ratio: GapRatio = None,
        thickness: Thickness = None, temperature: Temperature = "0 K", tc0: Tc0 = None, gamma: Gamma = None,
        diffusion: Diffusion = None, lk_sq: LkSq = None, pair_breaking: PairBreaking = 0.0,
        inductance: Inductance = None, el: EL = None, width: Width = None, pitch: Pitch = None,
        line: LineKind = "cpw", ground_gap: GroundGap = "10 um", substrate: Substrate = "Si",
        epsilon_r: EpsilonR = None, height: Height = None, es: ES = None, flux: Flux = None, levels: Levels = 4,
        at: At = None, plot: Plot = None, x_qp: XQp = 3e-6, noise_temperature: NoiseT = None,
        t2_target: T2Target = "100 us", as_json: Json = False):
    """Phase-slip flux qubit in the fluxoid basis: E_L^fluxoid = Φ0²/2L, E_S given or from the wire."""
    _run("qps", locals(), "0:1:101")


@app.command()
def zeropi(material: Material = None, rsq: Rsq = None, tc: Tc = None, gap: Gap = None, gap_ratio: GapRatio = None,
           thickness: Thickness = None, temperature: Temperature = "0 K", tc0: Tc0 = None, gamma: Gamma = None,
           diffusion: Diffusion = None, lk_sq: LkSq = None, pair_breaking: PairBreaking = 0.0,
           inductance: Inductance = None, el: EL = None, width: Width = None, pitch: Pitch = None,
           line: LineKind = "cpw", ground_gap: GroundGap = "10 um", substrate: Substrate = "Si",
           epsilon_r: EpsilonR = None, height: Height = None, ej: EJ = None, ic: Ic = None, rn: Rn = None,
           junction_gap: JGap = None, ec: EC = None, c: Cj = None, ec_shunt: Shunt = None, c_shunt: CShunt = None,
           ng: Ng = 0.0, flux: Flux = None, levels: Levels = 4, at: At = None, q_ind: Qind = 1e5, plot: Plot = None,
           x_qp: XQp = 3e-6, noise_temperature: NoiseT = None, t2_target: T2Target = "100 us",
           modes: Modes = 0, as_json: Json = False):
    """0-π qubit (scqubits ZeroPi): --EC/--C is each junction's E_CJ/C_J, --EC-shunt/--C-shunt each big capacitor."""
    _run("zeropi", locals(), "0:0.5:6")


@app.command()
def cos2phi(material: Material = None, rsq: Rsq = None, tc: Tc = None, gap: Gap = None, gap_ratio: GapRatio = None,
            thickness: Thickness = None, temperature: Temperature = "0 K", tc0: Tc0 = None, gamma: Gamma = None,
            diffusion: Diffusion = None, lk_sq: LkSq = None, pair_breaking: PairBreaking = 0.0,
            inductance: Inductance = None, el: EL = None, width: Width = None, pitch: Pitch = None,
            line: LineKind = "cpw", ground_gap: GroundGap = "10 um", substrate: Substrate = "Si",
            epsilon_r: EpsilonR = None, height: Height = None, ej: EJ = None, ic: Ic = None, rn: Rn = None,
            junction_gap: JGap = None, ec: EC = None, c: Cj = None, ec_shunt: Shunt = None, c_shunt: CShunt = None,
            dl: DL = 0.0, ng: Ng = 0.0, flux: Flux = None, levels: Levels = 4, at: At = None, q_ind: Qind = 1e5,
            plot: Plot = None, x_qp: XQp = 3e-6, noise_temperature: NoiseT = None,
            t2_target: T2Target = "100 us", as_json: Json = False):
    """cos2φ qubit (scqubits Cos2PhiQubit): --EC/--C is each junction's E_CJ/C_J, --EC-shunt/--C-shunt the shunt."""
    _run("cos2phi", locals(), "0.5")
