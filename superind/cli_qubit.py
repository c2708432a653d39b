"""``superind qubit rfsquid|qps|zeropi|cos2phi``: spectra, matrix elements and coherence from film + wire +
junction, or directly from energies. JSON keys follow DESIGN.md (energies ``_GHz``, SI suffixes elsewhere).

E_L is scqubits' (Φ0/2π)²/L; the QPS fluxoid energy Φ0²/2L is ``E_L_fluxoid_GHz``; E_C = e²/2C.
"""
from __future__ import annotations

from typing import Annotated, Optional

import numpy as np
import typer

from .cli import (EL, Diffusion, EpsilonR, Gamma, Gap, GapRatio, GroundGap, Height, Inductance, Json, LineKind, Rsq,
                  Substrate, Tc, Tc0, Temperature, Thickness, Width, app, emit_json, emit_table, film_from_options,
                  parse_temperature, wire_from_options)
from .errors import InputError

qubit_app = typer.Typer(add_completion=False, no_args_is_help=True,
                        help="Qubit spectra and coherence: rfsquid, qps, zeropi, cos2phi.")
app.add_typer(qubit_app, name="qubit")

Material = Annotated[Optional[str], typer.Option("--material", help="film material (builds the wire), e.g. TiN")]
EJ = Annotated[Optional[str], typer.Option("--EJ", help="junction E_J as E/h, e.g. '8.9 GHz'")]
Ic = Annotated[Optional[str], typer.Option("--Ic", help="junction critical current, e.g. '17.9 nA'")]
Rn = Annotated[Optional[str], typer.Option("--Rn", help="junction normal resistance (Ambegaokar–Baratoff), e.g. '10 kOhm'")]
JGap = Annotated[Optional[str], typer.Option("--junction-gap", help="junction's own gap Δ for --Rn, e.g. '182.4 ueV'")]
EC = Annotated[Optional[str], typer.Option("--EC", help="junction charging energy e²/2C as E/h, e.g. '2.5 GHz'")]
Cj = Annotated[Optional[str], typer.Option("--C", help="junction capacitance, e.g. '7.75 fF'")]
Flux = Annotated[Optional[str], typer.Option("--flux", help="flux sweep START:STOP:N in Φ0, or one value")]
Levels = Annotated[int, typer.Option("--levels", help="number of levels K")]
At = Annotated[Optional[float], typer.Option("--at", help="flux (Φ0) of the coherence and matrix-element estimate")]
Qind = Annotated[float, typer.Option("--Q-ind", help="inductive quality factor of the film superinductor")]
Plot = Annotated[Optional[str], typer.Option("--plot", help="save transitions vs flux as PNG")]
Shunt = Annotated[Optional[str], typer.Option("--EC-shunt", help="shunt-capacitor E_C = e²/2C as E/h, e.g. '0.04 GHz'")]
CShunt = Annotated[Optional[str], typer.Option("--C-shunt", help="shunt capacitance, e.g. '484 fF'")]
Ng = Annotated[float, typer.Option("--ng", help="offset charge n_g of θ")]


def _film_wire(material, rsq, tc, gap, gap_ratio, thickness, temperature, tc0, gamma, diffusion, inductance, el,
               width, line, ground_gap, substrate, epsilon_r, height):
    """The film wire when --material is given, else None (the qubit is then built from energies)."""
    if material is None:
        return None
    film = film_from_options(material, rsq, tc, gap, gap_ratio, thickness, tc0, gamma, diffusion)
    return wire_from_options(film, inductance, el, width, line, ground_gap, substrate, epsilon_r, height,
                                   parse_temperature(temperature))


def _E_L(wire, inductance, el) -> float:
    """scqubits E_L [GHz] from the wire, from --EL or from --inductance."""
    from .cli import target_inductance
    from .constants import GHz, phi0_reduced

    if wire is not None:
        return wire.E_L_GHz
    return phi0_reduced**2 / (target_inductance(inductance, el) * GHz)


def _junction(ej, ic, rn, jgap, ec, c, temperature):
    """A Junction from exactly one of --EJ/--Ic/--Rn (+ --junction-gap) and at most one of --EC/--C."""
    from .constants import GHz
    from .junction import Junction, capacitance_for_charging_energy
    from .units import parse_energy_ghz, parse_quantity

    if sum(x is not None for x in (ej, ic, rn)) != 1:
        raise InputError("give the junction by exactly one of --EJ, --Ic or --Rn (with --junction-gap)")
    if ec is not None and c is not None:
        raise InputError("give the junction capacitance by --EC or --C, not both")
    C = (capacitance_for_charging_energy(parse_energy_ghz(ec, "--EC")) if ec is not None
         else parse_quantity(c, "capacitance", "--C") if c is not None else None)
    if ej is not None:
        return Junction(Junction.from_energies(parse_energy_ghz(ej, "--EJ")).I_c_A, C)
    if ic is not None:
        return Junction.from_critical_current(parse_quantity(ic, "current", "--Ic"), C)
    if jgap is None:
        raise InputError("--Rn needs the junction's own gap --junction-gap, e.g. '182.4 ueV' for Al")
    return Junction.from_normal_resistance(parse_quantity(rn, "resistance", "--Rn"),
                                           parse_energy_ghz(jgap, "--junction-gap") * GHz,
                                           parse_temperature(temperature), C)


def _shunt_F(ec_shunt, c_shunt) -> float:
    from .junction import capacitance_for_charging_energy
    from .units import parse_energy_ghz, parse_quantity

    if (ec_shunt is None) == (c_shunt is None):
        raise InputError("give the shunt capacitor by exactly one of --EC-shunt or --C-shunt")
    if ec_shunt is not None:
        return capacitance_for_charging_energy(parse_energy_ghz(ec_shunt, "--EC-shunt"))
    return parse_quantity(c_shunt, "capacitance", "--C-shunt")


def _report(kind, qubit, spectrum, energies, at, coherence, matrix, wire) -> dict:
    out = {"kind": kind, "flux": spectrum.flux, "levels_GHz": spectrum.levels_GHz,
           "transitions_GHz": spectrum.transitions_GHz, "f01_GHz": spectrum.f01_GHz, **energies,
           "cutoff": spectrum.cutoff, "convergence_GHz": spectrum.convergence_GHz, "tol_GHz": spectrum.tol_GHz,
           "operating_flux": at, "coherence": coherence, "T1_s": coherence.get("T1_s"),
           "Tphi_flux_s": coherence.get("Tphi_flux_s", coherence.get("Tphi_channels_s", {}).get("tphi_1_over_f_flux")),
           "T2_s": coherence.get("T2_s"), "noise_assumptions": coherence.get("noise_assumptions"),
           "matrix_elements": {k: v for k, v in matrix.items() if k != "flux"}}
    if spectrum.levels_band_GHz:
        out["levels_band_GHz"] = spectrum.levels_band_GHz
        out["f01_band_GHz"] = {k: v[:, 1] - v[:, 0] for k, v in spectrum.levels_band_GHz.items()}
    if wire is not None:
        out["wire"] = {"L_H": wire.L_H, "L_k_H": wire.L_k_H, "L_geo_H": wire.L_geo_H, "length_m": wire.length_m,
                       "width_m": wire.width_m, "squares": wire.squares, "Z_ohm": wire.Z_ohm,
                       "f_self_Hz": wire.f_self_Hz}
    junction = getattr(qubit, "junction", None)
    if junction is not None:
        out["junction"] = {"I_c_A": junction.I_c_A, "C_F": junction.C_F, "L_J_H": junction.L_J_H}
    warnings = list(wire.warnings()) if wire is not None else []  # includes the film's warnings
    out["warnings"] = list(dict.fromkeys(warnings + qubit.warnings(spectrum)))  # each warning once
    return out


def _emit(out: dict, as_json: bool, plot: Optional[str]) -> None:
    if plot:
        _plot(out, plot)
        out["plot"] = plot
    if as_json:
        emit_json(out)
        return
    f01 = np.asarray(out["f01_GHz"])
    rows = [(k, f"{v:.6g} GHz") for k, v in out.items() if k.endswith("_GHz") and isinstance(v, float)]
    rows += [("flux points", f"{len(f01)} from {out['flux'][0]:g} to {out['flux'][-1]:g} Φ0"),
             ("f01", f"{f01.min():.6g} – {f01.max():.6g} GHz"),
             ("cut-off", f"{out['cutoff']} (levels converged to {out['convergence_GHz']:.2g} GHz)")]
    for key in ("T1_s", "Tphi_flux_s", "T2_s"):
        if out.get(key) is not None:
            rows.append((f"{key[:-2]} at flux {out['operating_flux']:g}", f"{out[key]:.3g} s"))
    emit_table(f"{out['kind']} qubit", rows, out["warnings"])


def _plot(out: dict, path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    flux, tr = np.asarray(out["flux"]), np.asarray(out["transitions_GHz"])
    for i in range(1, tr.shape[1]):
        ax.plot(flux, tr[:, i], label=f"E{i} − E0")
    for name, lv in out.get("levels_band_GHz", {}).items():
        lv = np.asarray(lv)
        ax.plot(flux, lv[:, 1] - lv[:, 0], ":", color="gray", label=f"E1 − E0 (E_S {name})")
    ax.set(xlabel="Φ_ext/Φ0", ylabel="transition frequency (GHz)", title=f"{out['kind']} spectrum")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def _flux(text: Optional[str], default: str) -> np.ndarray:
    from .qubits.spectrum import parse_flux_range

    return parse_flux_range(text if text is not None else default)


@qubit_app.command()
def rfsquid(material: Material = None, rsq: Rsq = None, tc: Tc = None, gap: Gap = None, gap_ratio: GapRatio = None,
            thickness: Thickness = None, temperature: Temperature = "0 K", tc0: Tc0 = None, gamma: Gamma = None,
            diffusion: Diffusion = None, inductance: Inductance = None, el: EL = None, width: Width = None,
            line: LineKind = "cpw", ground_gap: GroundGap = "10 um", substrate: Substrate = "Si",
            epsilon_r: EpsilonR = None, height: Height = None, ej: EJ = None, ic: Ic = None, rn: Rn = None,
            junction_gap: JGap = None, ec: EC = None, c: Cj = None, flux: Flux = None, levels: Levels = 4,
            at: At = 0.5, q_ind: Qind = 1e5, plot: Plot = None, as_json: Json = False):
    """RF-SQUID / fluxonium: junction shunted by a film superinductor (scqubits Fluxonium conventions)."""
    from .qubits import RFSquid

    wire = _film_wire(material, rsq, tc, gap, gap_ratio, thickness, temperature, tc0, gamma, diffusion,
                            inductance, el, width, line, ground_gap, substrate, epsilon_r, height)
    j = _junction(ej, ic, rn, junction_gap, ec, c, temperature)
    q = RFSquid(j.E_J_GHz, j.E_C_GHz, _E_L(wire, inductance, el), j, wire)
    s = q.spectrum(_flux(flux, "0:1:101"), levels)
    energies = {"E_J_GHz": q.E_J_GHz, "E_C_GHz": q.E_C_GHz, "E_L_GHz": q.E_L_GHz, "L_H": q.L_H,
                "beta_L": q.beta_L, "Z_over_RQ": q.Z_over_RQ}
    _emit(_report("rfsquid", q, s, energies, at, q.coherence(at, Q_ind=q_ind), q.matrix_elements(at, levels),
                  wire), as_json, plot)


@qubit_app.command()
def qps(material: Material = None, rsq: Rsq = None, tc: Tc = None, gap: Gap = None, gap_ratio: GapRatio = None,
        thickness: Thickness = None, temperature: Temperature = "0 K", tc0: Tc0 = None, gamma: Gamma = None,
        diffusion: Diffusion = None, inductance: Inductance = None, el: EL = None, width: Width = None,
        line: LineKind = "cpw", ground_gap: GroundGap = "10 um", substrate: Substrate = "Si",
        epsilon_r: EpsilonR = None, height: Height = None,
        es: Annotated[Optional[str], typer.Option("--ES", help="phase-slip energy E_S as E/h (default: estimated from the wire)")] = None,
        flux: Flux = None, levels: Levels = 4, at: At = 0.5, plot: Plot = None, as_json: Json = False):
    """Phase-slip flux qubit in the fluxoid basis: E_L^fluxoid = Φ0²/2L, E_S given or from the wire."""
    from .constants import GHz, Phi0
    from .qubits import QPSQubit
    from .units import parse_energy_ghz

    wire = _film_wire(material, rsq, tc, gap, gap_ratio, thickness, temperature, tc0, gamma, diffusion,
                            inductance, el, width, line, ground_gap, substrate, epsilon_r, height)
    E_S = parse_energy_ghz(es, "--ES") if es is not None else None
    if wire is not None:
        q = QPSQubit.from_wire(wire, E_S)
    elif E_S is None:
        raise InputError("give --ES (e.g. '5 GHz'), or a film wire (--material …) to estimate E_S")
    else:
        E_L = _E_L(None, inductance, el)
        q = QPSQubit(2 * np.pi**2 * E_L, E_S)
    s = q.spectrum(_flux(flux, "0:1:101"), levels)
    energies = {"E_L_GHz": q.E_L_GHz, "E_L_fluxoid_GHz": q.E_L_fluxoid_GHz, "E_S_GHz": q.E_S_GHz,
                "E_S_band_GHz": list(q.E_S_band_GHz) if q.E_S_band_GHz else None, "L_H": q.L_H,
                "persistent_current_A": q.persistent_current_A, "E_J_GHz": None, "E_C_GHz": None,
                "E_L_fluxoid_definition": f"Φ0²/2L (= 2π² E_L; {Phi0**2 / 2 / GHz:.6g} GHz·H / L)"}
    _emit(_report("qps", q, s, energies, at, q.coherence(at), q.matrix_elements(at, levels), wire),
          as_json, plot)


@qubit_app.command()
def zeropi(material: Material = None, rsq: Rsq = None, tc: Tc = None, gap: Gap = None, gap_ratio: GapRatio = None,
           thickness: Thickness = None, temperature: Temperature = "0 K", tc0: Tc0 = None, gamma: Gamma = None,
           diffusion: Diffusion = None, inductance: Inductance = None, el: EL = None, width: Width = None,
           line: LineKind = "cpw", ground_gap: GroundGap = "10 um", substrate: Substrate = "Si",
           epsilon_r: EpsilonR = None, height: Height = None, ej: EJ = None, ic: Ic = None, rn: Rn = None,
           junction_gap: JGap = None, ec: EC = None, c: Cj = None, ec_shunt: Shunt = None, c_shunt: CShunt = None,
           ng: Ng = 0.0, flux: Flux = None, levels: Levels = 4, at: At = 0.0, q_ind: Qind = 1e5, plot: Plot = None,
           as_json: Json = False):
    """0-π qubit (scqubits ZeroPi): --EC/--C is each junction's E_CJ/C_J, --EC-shunt/--C-shunt each big capacitor."""
    from .junction import charging_energy_GHz
    from .qubits import ZeroPi

    wire = _film_wire(material, rsq, tc, gap, gap_ratio, thickness, temperature, tc0, gamma, diffusion,
                            inductance, el, width, line, ground_gap, substrate, epsilon_r, height)
    j = _junction(ej, ic, rn, junction_gap, ec, c, temperature)
    q = ZeroPi(j.E_J_GHz, _E_L(wire, inductance, el), j.E_C_GHz, charging_energy_GHz(_shunt_F(ec_shunt, c_shunt)),
               n_g=ng, wire=wire, junction=j)
    s = q.spectrum(_flux(flux, "0:0.5:6"), levels)
    energies = {"E_J_GHz": q.E_J_GHz, "E_L_GHz": q.E_L_GHz, "E_CJ_GHz": q.E_CJ_GHz, "E_C_GHz": q.E_C_GHz,
                "E_CS_GHz": q.E_CS_GHz, "E_C_phi_GHz": q.E_C_phi_GHz, "E_C_theta_GHz": q.E_C_theta_GHz,
                "phi_mode_GHz": q.phi_mode_GHz, "Z_phi_over_RQ": q.Z_phi_over_RQ, "n_g": q.n_g,
                "E_C_convention": "scqubits: E_CJ = e²/2C_J, E_C = e²/2C per shunt, E_CΣ = (1/E_C + 1/E_CJ)⁻¹; "
                                  "papers writing 4E_C n² use E_C^φ = E_CJ/2, E_C^θ = E_CΣ/2"}
    _emit(_report("zeropi", q, s, energies, at, q.coherence(at, Q_ind=q_ind), q.matrix_elements(at, levels),
                  wire), as_json, plot)


@qubit_app.command()
def cos2phi(material: Material = None, rsq: Rsq = None, tc: Tc = None, gap: Gap = None, gap_ratio: GapRatio = None,
            thickness: Thickness = None, temperature: Temperature = "0 K", tc0: Tc0 = None, gamma: Gamma = None,
            diffusion: Diffusion = None, inductance: Inductance = None, el: EL = None, width: Width = None,
            line: LineKind = "cpw", ground_gap: GroundGap = "10 um", substrate: Substrate = "Si",
            epsilon_r: EpsilonR = None, height: Height = None, ej: EJ = None, ic: Ic = None, rn: Rn = None,
            junction_gap: JGap = None, ec: EC = None, c: Cj = None, ec_shunt: Shunt = None, c_shunt: CShunt = None,
            dl: Annotated[float, typer.Option("--dL", help="relative inductance disorder dL")] = 0.0,
            ng: Ng = 0.0, flux: Flux = None, levels: Levels = 4, at: At = 0.5, q_ind: Qind = 1e5, plot: Plot = None,
            as_json: Json = False):
    """cos2φ qubit (scqubits Cos2PhiQubit): --EC/--C is each junction's E_CJ/C_J, --EC-shunt/--C-shunt the shunt."""
    from .junction import charging_energy_GHz
    from .qubits import Cos2Phi

    wire = _film_wire(material, rsq, tc, gap, gap_ratio, thickness, temperature, tc0, gamma, diffusion,
                            inductance, el, width, line, ground_gap, substrate, epsilon_r, height)
    j = _junction(ej, ic, rn, junction_gap, ec, c, temperature)
    q = Cos2Phi(j.E_J_GHz, j.E_C_GHz, _E_L(wire, inductance, el), charging_energy_GHz(_shunt_F(ec_shunt, c_shunt)),
                dL=dl, n_g=ng, wire=wire, junction=j)
    s = q.spectrum(_flux(flux, "0.5"), levels)
    energies = {"E_J_GHz": q.E_J_GHz, "E_CJ_GHz": q.E_CJ_GHz, "E_L_GHz": q.E_L_GHz, "E_C_GHz": q.E_C_GHz,
                "dL": q.dL, "n_g": q.n_g}
    _emit(_report("cos2phi", q, s, energies, at, q.coherence(at, Q_ind=q_ind), q.matrix_elements(at, levels),
                  wire), as_json, plot)
