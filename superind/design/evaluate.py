"""``evaluate(device) → Results``: the only place that computes the numbers of a device and judges them.

One function per section — film, superinductor (wire or ideal inductor), JJ chain, qubit, multimode, spread,
layout — each returning a mapping with SI-suffixed keys. Every judgement is a verdict record
(:mod:`superind.verdicts`) made here or by the physical object it concerns (film, wire, qubit, chain):
``Results.verdicts`` lists them, each section's ``warnings`` holds the messages of its warning and critical records,
and ``Results.verdict`` is the overall works | marginal | fails. With ``qubit.modes`` > 0 the headline levels and
f01 are the multimode model's, and coherence is that of the qubit loaded by the wire's capacitance.
"""
from __future__ import annotations

import math
from typing import Optional

import numpy as np

from ..constants import READOUT_BAND_GHZ, GHz, e, fluxoid_energy_GHz, inductive_energy_GHz
from .resolve import Device
from .results import Results

#: qubit attributes reported when the qubit has them (energies E/h in GHz and derived circuit numbers)
QUBIT_NUMBERS = ("E_J_GHz", "E_C_GHz", "E_L_GHz", "E_L_fluxoid_GHz", "E_S_GHz", "E_S_band_GHz", "E_CJ_GHz",
                 "E_CS_GHz", "E_C_phi_GHz", "E_C_theta_GHz", "phi_mode_GHz", "Z_phi_over_RQ", "n_g", "dL", "L_H",
                 "beta_L", "Z_over_RQ", "persistent_current_A", "plasma_GHz")


def film_section(film, T_K: float = 0.0) -> dict:
    """Every film number: gap, L_k,□(T) and at 0 K, Pearl length, λ and slab form (with thickness), Finkel'stein.
    A film given by its measured L_k,□ alone has no gap: those keys are null (its ``film.inductance_only`` record
    says what would give them)."""
    from ..finkelstein import finkelstein_critical_resistance, mesoscopic_tc_spread

    gap = film.has_gap
    out = {
        "material": film.material.name, "R_sq_ohm": film.R_sq_ohm, "R_sq_source": film.R_sq_source,
        "Tc_K": film.Tc_K, "Tc_source": film.Tc_source, "gap_ratio": film.gap_ratio,
        "delta_J": film.delta0_J if gap else None, "delta_GHz": film.delta0_J / GHz if gap else None,
        "delta_ueV": film.delta0_J / e * 1e6 if gap else None, "temperature_K": T_K,
        "delta_T_J": film.gap(T_K) if gap else None,
        "L_k_sq_H": film.sheet_kinetic_inductance(T_K), "L_k_sq_H_T0": film.sheet_kinetic_inductance(0.0),
        "pearl_length_m": film.pearl_length(T_K), "thickness_m": film.thickness_m,
        "diffusion_m2_per_s": film.diffusion_m2_per_s,
    }
    if film.thickness_m:
        out.update(penetration_depth_m=film.penetration_depth(T_K), L_sq_slab_H=film.slab_sheet_inductance(T_K),
                   resistivity_ohm_m=film.resistivity_ohm_m if film.R_sq_ohm is not None else None)
    if film.gamma and film.R_sq_ohm is not None:
        out.update(Tc0_K=film.Tc0_K, gamma=film.gamma, critical_R_sq_ohm=finkelstein_critical_resistance(film.gamma),
                   Tc_spread_relative=mesoscopic_tc_spread(film.R_sq_ohm, film.gamma))
    out["L_k_sq_model"] = "measured" if film.L_k_sq_measured_H is not None else (
        "Mattis–Bardeen with pair breaking" if film.pair_breaking else "Mattis–Bardeen")
    if film.L_k_sq_measured_H is not None:
        mb = film.mattis_bardeen_sheet_inductance(0.0) if gap and film.R_sq_source == "given" else None
        out.update(L_k_sq_measured_H=film.L_k_sq_measured_H, L_k_sq_mattis_bardeen_H=mb,
                   implied_R_sq_ohm=film.implied_R_sq_ohm, implied_gap_ratio=film.implied_gap_ratio)
    if film.pair_breaking and gap:
        out.update(pair_breaking=film.pair_breaking, Tc_pair_broken_K=film.Tc_pair_broken_K,
                   spectral_gap_J=film.spectral_gap_J)
    if film.R_sq_band_ohm is not None:
        out["R_sq_band_ohm"] = list(film.R_sq_band_ohm)
    if film.diffusion_m2_per_s is not None:
        out["diffusion_source"] = film.diffusion_source
    return out


def wire_section(wire, *, phase_slip=None, T2_target_s: float = 100e-6, qps: bool = False,
                 E_S_wanted_GHz: Optional[float] = None, I_star_definition: str = "differential") -> tuple[dict, list]:
    """Every wire number — inductances, line constants, the drawn meander's modes, E_L in both conventions, the E_S
    bands (coherent and random-offset sums) — and its records (line impedance, the band-edge phase-slip verdict:
    for a phase-slip qubit, ``qps``, against the E_S it needs, ``E_S_wanted_GHz``). Returns (section, records)."""
    from ..constants import h
    from ..cross_section import cross_section_check
    from ..format import eng
    from ..phaseslip import E_S_WANTED_GHZ, energy_text, estimate_phase_slip, width_for_E_S

    E_S_wanted_GHz = E_S_wanted_GHz or E_S_WANTED_GHZ
    from ..verdicts import Verdict

    grounded = wire.line.grounded
    nan = math.nan
    out = {
        "line": wire.line.kind, "length_m": wire.length_m, "width_m": wire.width_m, "squares": wire.squares,
        "temperature_K": wire.temperature_K, "L_k_sq_H": wire.L_k_sq_H,
        "L_H": wire.L_H, "L_k_H": wire.L_k_H, "L_geo_H": wire.L_geo_H, "L_per_m_H": wire.L_per_m_H,
        "C_per_m_F": wire.C_per_m_F, "Z_ohm": wire.Z_ohm if grounded else nan,
        "Z_over_RQ": wire.Z_over_RQ if grounded else nan, "v_m_per_s": wire.v_m_per_s if grounded else nan,
        "f_self_Hz": wire.f_self_Hz, "modes_Hz": list(wire.modes_Hz), "self_resonance_model": wire.self_resonance_model,
        "meander_rows": wire.rows, "pitch_m": wire.pitch_m, "C_stray_F": wire.C_stray_F if grounded else nan,
        "f_self_straight_Hz": wire.f_self_straight_Hz if grounded else nan,
        "f_self_half_wave_Hz": wire.f_self_half_wave_Hz if grounded else nan,
        "kerr_Hz": wire.kerr_Hz(), "kerr_definition": "self-Kerr K/2π of the first mode, I* 'ratio' definition",
        "E_L_GHz": wire.E_L_GHz, "E_L_fluxoid_GHz": wire.E_L_fluxoid_GHz,
        "I_dep_A": wire.I_dep_A, "I_star_A": wire.I_star_A(I_star_definition), "I_star_definition": I_star_definition,
    }
    records = list(wire.verdicts)
    if grounded and (check := cross_section_check(wire)) is not None:  # is the 2D cross-section valid?
        out["cross_section"], record = check
        records.append(record)
    if grounded and wire.film.has_gap:  # modes above the pair-breaking edge lie outside the superconducting model
        out["pair_breaking_Hz"] = 2 * wire.film.gap(wire.temperature_K) / h
        above = [f for f in out["modes_Hz"] if f >= out["pair_breaking_Hz"]]
        if above:
            records.append(Verdict("superinductor.modes_above_gap", "info",
                                   f"mode(s) at {', '.join(eng(f, 'Hz') for f in above)} lie above 2Δ/h = "
                                   f"{eng(out['pair_breaking_Hz'], 'Hz')}: outside the superconducting model (the "
                                   "film absorbs there)", "", {"pair_breaking_Hz": out["pair_breaking_Hz"]}))
    if not wire.film.has_gap or wire.film.R_sq_ohm is None:
        out.update(E_S_GHz=None, E_S_band_GHz=None, verdict=None)
        records.append(Verdict("phase_slip.no_estimate", "warning", "no E_S estimate: phase slips need the film's gap "
                               "and R_sq, and only its L_k,□ is given", "give T_c (--tc) and R_sq (--rsq)"))
    elif wire.film.diffusion_m2_per_s:
        est = estimate_phase_slip(wire, phase_slip, T2_target_s=T2_target_s)
        xi = max(est.xi_m.values())
        width_for_E_S = width_for_E_S(wire, est, E_S_wanted_GHz) if qps else None
        out.update(E_S_GHz=est.E_S_GHz, E_S_band_GHz=list(est.E_S_band_GHz), E_S_over_E_L_fluxoid=est.ratio,
                   E_S_random_GHz=est.E_S_random_GHz, E_S_random_band_GHz=list(est.E_S_random_band_GHz),
                   E_S_band_text=[energy_text(v) for v in est.E_S_band_GHz],
                   E_S_random_band_text=[energy_text(v) for v in est.E_S_random_band_GHz],
                   Tphi_phase_slip_s=est.Tphi_phase_slip_s, Tphi_phase_slip_band_s=list(est.Tphi_band_s),
                   T2_target_s=est.T2_target_s, verdict=est.verdict, verdict_band=list(est.verdict_band),
                   phase_slip_verdict=est.phase_slip_verdict if not qps else None,
                   width_for_safe_m=est.width_for_safe_m, width_for_E_S_m=width_for_E_S,
                   E_S_dominant_input=est.dominant_input, dlnE_S_dlnR_sq=est.sensitivity_R_sq,
                   dlnE_S_dlnwidth=est.sensitivity_width,
                   E_S_model={"a": est.model.a, "b": est.model.b, "a_range": list(est.model.a_range),
                              "b_range": list(est.model.b_range), "xi": est.model.xi, "source": est.model.source,
                              "calibrated": est.model.calibrated},
                   xi_usadel_m=est.xi_m["usadel"], xi_gl_m=est.xi_m["gl"], R_xi_ohm=est.R_xi_ohm)
        records += [est.verdict_record(qps, E_S_wanted_GHz, width_for_E_S), *est.verdicts]
        if wire.width_m < xi:
            records.append(Verdict("phase_slip.one_dimensional", "info" if qps else "warning",
                                   f"width {wire.width_m * 1e9:.0f} nm is below the coherence length "
                                   f"{xi * 1e9:.1f} nm: 1D phase-slip regime",
                                   "" if qps else "widen the wire above ξ unless phase slips are the point",
                                   {"width_m": wire.width_m, "xi_m": xi}))
    else:
        out.update(E_S_GHz=None, E_S_band_GHz=None, verdict=None)
        records.append(Verdict("phase_slip.no_estimate", "warning",
                               f"{wire.film.material.name}: no diffusion constant, so no E_S estimate",
                               "give the film's diffusion constant (--diffusion, film.diffusion)"))
    return out, records


def inductor_section(L_H: float) -> dict:
    """An ideal inductor of the target L (a qubit built from energies, without a film wire)."""
    return {"line": "ideal", "cell": "none", "L_H": L_H, "E_L_GHz": inductive_energy_GHz(L_H),
            "E_L_fluxoid_GHz": fluxoid_energy_GHz(L_H)}


def chain_section(chain, modes: int = 20) -> dict:
    """Every JJ-chain number, keys aligned with the wire section."""
    return {
        "N": chain.N, "length_m": chain.length_m, "L_H": chain.L_H, "L_J_H": chain.L_J_H, "E_J_GHz": chain.E_J_GHz,
        "E_C_GHz": chain.E_C_GHz, "E_L_GHz": chain.E_L_GHz, "E_L_fluxoid_GHz": chain.E_L_fluxoid_GHz,
        "Z_ohm": chain.Z_ohm, "Z_over_RQ": chain.Z_over_RQ, "v_m_per_s": chain.v_m_per_s,
        "f_plasma_Hz": chain.f_plasma_Hz, "screening_length_junctions": chain.screening_length,
        "f_self_Hz": chain.f_self_Hz, "modes_Hz": chain.modes_Hz(modes).tolist(),
        "modes_both_grounded_Hz": chain.modes_both_grounded_Hz(modes).tolist(),
        "phase_slip_GHz": chain.phase_slip_GHz, "phase_slip_chain_GHz": list(chain.phase_slip_chain_GHz),
        "E_S_GHz": chain.E_S_GHz, "E_S_over_E_L_fluxoid": chain.E_S_GHz / chain.E_L_fluxoid_GHz,
        "warnings": chain.warnings(),
    }


def _levels(prefix: str, s) -> dict:
    """The spectrum's keys (levels, transitions, f01 and its range, cut-off, convergence) with ``prefix``."""
    f01 = s.f01_GHz
    return {f"levels{prefix}_GHz": s.levels_GHz, f"transitions{prefix}_GHz": s.transitions_GHz,
            f"f01{prefix}_GHz": f01, f"f01{prefix}_min_GHz": float(np.min(f01)),
            f"f01{prefix}_max_GHz": float(np.max(f01)), f"cutoff{prefix}": s.cutoff,
            f"convergence{prefix}_GHz": s.convergence_GHz, f"tol{prefix}_GHz": s.tol_GHz}


def qubit_section(device: Device, flux_points=None, tphi_phase_slip_s=None, mm=None,
                  tphi_phase_slip_band_s=None) -> tuple[dict, object, list]:
    """The qubit's spectrum over the spec's flux range, energies, coherence and matrix elements at the operating
    flux, and its records. With a multimode result ``mm`` the headline levels and f01 are the multimode model's
    (the lumped qubit's under ``*_lumped_*``), coherence and matrix elements those of :func:`loaded_qubit`.
    Returns (section, headline Spectrum, records)."""
    from ..errors import InputError
    from ..qubits import flux_grid

    q, spec = device.qubit, device.spec.qubit
    flux = flux_grid(spec.flux.start, spec.flux.stop, flux_points or spec.flux.points)
    lumped = q.spectrum(flux, spec.levels)
    at, why = device.operating_point
    headline = lumped if mm is None else mm.spectrum
    out = {"kind": spec.kind, "flux": headline.flux, **_levels("", headline),
           "model": "single-mode (the superinductor a lumped inductor)" if mm is None else
           f"multimode: the superinductor's {spec.modes} lowest mode(s) in the Hamiltonian; coherence and matrix "
           "elements of the qubit loaded by the wire's capacitance (their K = 0 limit)"}
    if mm is not None:
        out.update(_levels("_lumped", lumped))
    for name in QUBIT_NUMBERS:
        if hasattr(q, name):
            v = getattr(q, name)
            out[name] = list(v) if isinstance(v, tuple) else v
    if spec.kind == "zeropi":
        out["E_C_convention"] = ("scqubits: E_CJ = e²/2C_J, E_C = e²/2C per shunt, E_CΣ = (1/E_C + 1/E_CJ)⁻¹; "
                                 "papers writing 4E_C n² use E_C^φ = E_CJ/2, E_C^θ = E_CΣ/2")
    if lumped.levels_band_GHz:
        out["levels_band_GHz"] = lumped.levels_band_GHz
        out["f01_band_GHz"] = {k: np.asarray(v)[:, 1] - np.asarray(v)[:, 0] for k, v in lumped.levels_band_GHz.items()}
    if device.junction is not None:
        j = device.junction
        out["junction"] = {"I_c_A": j.I_c_A, "C_F": j.C_F, "L_J_H": j.L_J_H}
    out["operating_flux"] = at
    out["operating_flux_reason"] = why
    from ..qubits.loaded import loaded_qubit

    solved = q if mm is None else loaded_qubit(q, mm)
    out["f01_operating_GHz"] = (float(solved.spectrum([at], spec.levels).f01_GHz[0]) if mm is None else
                                float(mm.f01_GHz))
    from .coherence import coherence_records, qubit_coherence

    try:
        coherence = qubit_coherence(device, at, tphi_phase_slip_s, solved, tphi_phase_slip_band_s)
    except InputError as exc:
        coherence = {"note": str(exc)}
    out["coherence"] = coherence
    for k in ("T1_s", "Tphi_s", "T2_s", "T1_band_s", "Tphi_band_s", "T2_band_s", "limiting"):
        if k in coherence:
            out[k] = coherence[k]
    flux_noise = coherence.get("Tphi_flux_s", coherence.get("Tphi_channels_s", {}).get("tphi_1_over_f_flux"))
    if flux_noise is not None:
        out["Tphi_flux_s"] = flux_noise
    if "noise_assumptions" in coherence:
        out["noise_assumptions"] = coherence["noise_assumptions"]
    out["matrix_elements"] = {k: v for k, v in solved.matrix_elements(at, spec.levels).items() if k != "flux"}
    protected, records = coherence_records(device, solved, out, lumped.tol_GHz)
    if protected is not None:
        out["protected"] = protected
    return out, headline, [*q.verdicts, *records]


def multimode_section(device: Device, flux_points=None) -> tuple[dict, object, list]:
    """The qubit with the superinductor's ``modes`` lowest own modes in its Hamiltonian (the drawn meander as a
    lumped ladder; Viola & Catelani, PRB 92, 224511 (2015); Ferguson, Houck & Koch, PRX 3, 011003 (2013)):
    hybridised levels, each mode's frequency, coupling and dispersive shift, and f01 against the single-mode
    model. Returns (section, MultimodeSpectrum, records)."""
    from ..qubits import flux_grid
    from ..qubits.multimode import multimode_spectrum
    from ..verdicts import Verdict

    spec = device.spec.qubit
    if device.wire is None:
        from ..errors import InputError

        raise InputError("qubit.modes: the superinductor's own modes need a film wire ([film] and [superinductor])")
    flux = flux_grid(spec.flux.start, spec.flux.stop, flux_points or spec.flux.points)
    mm = multimode_spectrum(device.qubit, device.wire, flux, spec.levels, modes=spec.modes,
                            operating_flux=device.operating_point[0])
    out = mm.to_dict()
    out.update(flux=mm.spectrum.flux, levels_GHz=mm.spectrum.levels_GHz,
               transitions_GHz=mm.spectrum.transitions_GHz)
    records = [Verdict("multimode.model", "warning", note, "raise the multimode truncation or check the design")
               for note in mm.warnings]
    return out, mm, records


def layout_section(device: Device) -> tuple[dict, list]:
    """The drawn cell's record (centreline length, geometric and electrical squares, L_k, bbox, counts) and its
    DRC under the design's process (a record: info when clean, critical with violations)."""
    from ..layout import drc
    from ..verdicts import Verdict

    cell = device.layout
    out = dict(cell.to_dict())
    violations = drc(cell.cell, device.process)
    out["drc_violations"] = len(violations)
    name = device.process.name
    record = Verdict("layout.drc", "info", f"DRC clean under process '{name}'", "",
                     {"drc_violations": 0}) if not violations else \
        Verdict("layout.drc", "critical", f"{len(violations)} DRC violation(s) under process '{name}': "
                f"{violations[0]}", "widen the wire or the gaps to the process's minimum width and spacing",
                {"drc_violations": len(violations)})
    return out, [record]


def material_sources(film) -> dict:
    """Where the material values used came from (material file name, not its path)."""
    from pathlib import Path

    m = film.material
    return {"material_file": Path(m.origin).name if m.origin else "",
            "gap_ratio": m.gap_ratio_default_source if film.gap_ratio == m.gap_ratio_default else "given",
            "diffusion": m.diffusion_cm2_per_s.source, "critical_R_sq": m.critical_R_sq_ohm.source,
            "finkelstein": m.finkelstein.source, "Tc": film.Tc_source}


#: the sections ``evaluate`` can compute, in order
SECTIONS = ("film", "superinductor", "jjchain", "multimode", "qubit", "spread", "layout")


def evaluate(device: Device, *, layout: bool = True, flux_points=None, only=None) -> Results:
    """Every number of ``device`` and every judgement of it: the sections its spec has (``only``: just these of
    ``SECTIONS``, e.g. a sweep's), the layout record when ``layout`` and a drawn cell exist, the verdict records of
    all (each section's ``warnings`` are the messages of its warning and critical records) and the overall
    verdict. A section is the same whichever others are computed."""
    from ..errors import InputError
    from ..verdicts import Verdict, messages

    if not isinstance(device, Device):
        what = "a design spec" if hasattr(device, "model_dump") else type(device).__name__
        raise InputError(f"evaluate() takes a resolved Device, got {what}: call superind.evaluate(superind.resolve("
                         "spec))")
    spec = device.spec
    wanted = set(SECTIONS if only is None else only)
    unknown = wanted - set(SECTIONS)
    if unknown:
        raise InputError(f"evaluate(only=…): unknown section(s) {', '.join(sorted(unknown))}; choose from "
                         f"{', '.join(SECTIONS)}")
    if not layout:
        wanted.discard("layout")
    sections: dict = {}
    records: dict[str, list] = {}
    spectrum = multimode = spread = None
    qps = spec.qubit is not None and spec.qubit.kind == "qps"
    if device.film is not None:
        sections["film"] = film_section(device.film, device.temperature_K)
        records["film"] = list(device.film.verdicts)
        sections["sources"] = material_sources(device.film)
    if device.wire is not None:
        sections["superinductor"], records["superinductor"] = wire_section(
            device.wire, T2_target_s=spec.noise.T2_target, qps=qps,
            E_S_wanted_GHz=spec.qubit.E_S if qps else None)
        sections["superinductor"].update(cell=device.cell_kind, target_L_H=device.target_L_H,
                                         footprint_m2=device.footprint_m2)
        if device.layout is None:
            records["superinductor"].append(Verdict(
                "superinductor.not_drawn", "info", f"the wire ({device.wire.length_m * 1e6:.3g} µm) is too short for "
                "a meander with leads: it is modelled as a straight wire and not drawn",
                "a longer wire (higher L, narrower width) is drawn as a meander"))
    elif device.target_L_H is not None:
        sections["superinductor"], records["superinductor"] = inductor_section(device.target_L_H), []
    if device.chain is not None and "jjchain" in wanted:
        sections["jjchain"] = chain_section(device.chain)
        records["jjchain"] = device.chain.verdicts()
    if device.qubit is not None and spec.qubit.modes > 0 and wanted & {"multimode", "qubit"}:
        sections["multimode"], multimode, records["multimode"] = multimode_section(device, flux_points)
    if device.qubit is not None and "qubit" in wanted:
        sup = sections.get("superinductor", {})
        sections["qubit"], spectrum, records["qubit"] = qubit_section(
            device, flux_points, sup.get("Tphi_phase_slip_s"), multimode, sup.get("Tphi_phase_slip_band_s"))
    if device.wire is not None:
        from ..qubits.base import max_transition_GHz

        top = max_transition_GHz(device.qubit) if device.qubit is not None else None
        record = device.wire.self_resonance_verdict(
            top, getattr(device.qubit, "readout_band_GHz", READOUT_BAND_GHZ),
            spec.qubit.modes if spec.qubit is not None else 0, spec.superinductor.min_f_self,
            sections.get("superinductor", {}).get("cross_section", {}).get("f_self_3d_estimate_Hz"))
        records["superinductor"] += [record] if record is not None else []
    if spec.spread is not None and "spread" in wanted:  # after the qubit: the Monte-Carlo reuses its basis
        from .spread import monte_carlo

        spread = monte_carlo(device, spec.spread, multimode=multimode)
        sections["spread"] = spread.to_dict()
        records["spread"] = [Verdict("spread.samples", "warning", w, "narrow the spread or check the film")
                             for w in spread.warnings]
    if "layout" in wanted and device.layout is not None:
        sections["layout"], records["layout"] = layout_section(device)
    for name in [n for n in sections if n not in wanted and n != "sources"]:  # computed as inputs of others
        del sections[name]
        records.pop(name, None)
    if "film" not in wanted:
        sections.pop("sources", None)
    for name, recs in records.items():
        sections[name]["warnings"] = messages(recs)
    return Results(device, sections, tuple(r for recs in records.values() for r in recs), spectrum, spread,
                   multimode)
