"""``evaluate(device) → Results``: the only place that computes the numbers of a device.

One function per section — film, superinductor (wire or ideal inductor), JJ chain, qubit, layout — each returning
a mapping with SI-suffixed keys and its own ``warnings``; ``Results.warnings`` is their union, each once, in order.
"""
from __future__ import annotations

import math

import numpy as np

from ..constants import GHz, e, fluxoid_energy_GHz, inductive_energy_GHz
from .resolve import Device
from .results import Results

#: qubit attributes reported when the qubit has them (energies E/h in GHz and derived circuit numbers)
QUBIT_NUMBERS = ("E_J_GHz", "E_C_GHz", "E_L_GHz", "E_L_fluxoid_GHz", "E_S_GHz", "E_S_band_GHz", "E_CJ_GHz",
                 "E_CS_GHz", "E_C_phi_GHz", "E_C_theta_GHz", "phi_mode_GHz", "Z_phi_over_RQ", "n_g", "dL", "L_H",
                 "beta_L", "Z_over_RQ", "persistent_current_A", "plasma_GHz")


def film_section(film, T_K: float = 0.0) -> dict:
    """Every film number: gap, L_k,□(T) and at 0 K, Pearl length, λ and slab form (with thickness), Finkel'stein."""
    from ..finkelstein import finkelstein_critical_resistance, mesoscopic_tc_spread

    out = {
        "material": film.material.name, "R_sq_ohm": film.R_sq_ohm, "Tc_K": film.Tc_K, "Tc_source": film.Tc_source,
        "gap_ratio": film.gap_ratio, "delta_J": film.delta0_J, "delta_GHz": film.delta0_J / GHz,
        "delta_ueV": film.delta0_J / e * 1e6, "temperature_K": T_K, "delta_T_J": film.gap(T_K),
        "L_k_sq_H": film.sheet_kinetic_inductance(T_K), "L_k_sq_H_T0": film.sheet_kinetic_inductance(0.0),
        "pearl_length_m": film.pearl_length(T_K), "thickness_m": film.thickness_m,
        "diffusion_m2_per_s": film.diffusion_m2_per_s,
    }
    if film.thickness_m:
        out.update(penetration_depth_m=film.penetration_depth(T_K), resistivity_ohm_m=film.resistivity_ohm_m,
                   L_sq_slab_H=film.slab_sheet_inductance(T_K))
    if film.gamma:
        out.update(Tc0_K=film.Tc0_K, gamma=film.gamma, critical_R_sq_ohm=finkelstein_critical_resistance(film.gamma),
                   Tc_spread_relative=mesoscopic_tc_spread(film.R_sq_ohm, film.gamma))
    out["L_k_sq_model"] = "measured" if film.L_k_sq_measured_H is not None else (
        "Mattis–Bardeen with pair breaking" if film.pair_breaking else "Mattis–Bardeen")
    if film.L_k_sq_measured_H is not None:
        out.update(L_k_sq_measured_H=film.L_k_sq_measured_H,
                   L_k_sq_mattis_bardeen_H=film.mattis_bardeen_sheet_inductance(0.0),
                   implied_R_sq_ohm=film.implied_R_sq_ohm, implied_gap_ratio=film.implied_gap_ratio)
    if film.pair_breaking:
        out.update(pair_breaking=film.pair_breaking, Tc_pair_broken_K=film.Tc_pair_broken_K,
                   spectral_gap_J=film.spectral_gap_J)
    if film.R_sq_band_ohm is not None:
        out["R_sq_band_ohm"] = list(film.R_sq_band_ohm)
    if film.diffusion_m2_per_s is not None:
        out["diffusion_source"] = film.diffusion_source
    out["warnings"] = list(film.warnings)
    return out


def wire_section(wire, *, min_f_self_Hz=None, phase_slip=None, T2_target_s: float = 100e-6,
                 I_star_definition: str = "differential") -> dict:
    """Every wire number: inductances, line constants, modes, E_L in both conventions, the E_S band."""
    from ..phaseslip import estimate_phase_slip

    grounded = wire.line.grounded
    nan = math.nan
    out = {
        "line": wire.line.kind, "length_m": wire.length_m, "width_m": wire.width_m, "squares": wire.squares,
        "temperature_K": wire.temperature_K, "L_k_sq_H": wire.L_k_sq_H,
        "L_H": wire.L_H, "L_k_H": wire.L_k_H, "L_geo_H": wire.L_geo_H, "L_per_m_H": wire.L_per_m_H,
        "C_per_m_F": wire.C_per_m_F, "Z_ohm": wire.Z_ohm if grounded else nan,
        "Z_over_RQ": wire.Z_over_RQ if grounded else nan, "v_m_per_s": wire.v_m_per_s if grounded else nan,
        "f_self_Hz": wire.f_self_Hz, "modes_Hz": list(wire.modes_Hz), "self_resonance_model": wire.self_resonance_model,
        "meander_rows": wire.rows, "C_stray_F": wire.C_stray_F if grounded else nan,
        "f_self_straight_Hz": wire.f_self_straight_Hz if grounded else nan,
        "f_self_half_wave_Hz": wire.f_self_half_wave_Hz if grounded else nan,
        "f_self_skrf_Hz": wire.self_resonance_numeric_Hz() if grounded else nan,
        "kerr_Hz": wire.kerr_Hz(), "kerr_definition": "self-Kerr K/2π of the first mode, I* 'ratio' definition",
        "E_L_GHz": wire.E_L_GHz, "E_L_fluxoid_GHz": wire.E_L_fluxoid_GHz,
        "I_dep_A": wire.I_dep_A, "I_star_A": wire.I_star_A(I_star_definition), "I_star_definition": I_star_definition,
    }
    if grounded:
        out["lumped_L_H"], out["lumped_C_F"] = wire.lumped_first_mode
    warnings = list(wire.warnings)
    if min_f_self_Hz is not None and grounded and wire.f_self_Hz < min_f_self_Hz:
        warnings.append(f"first self-resonance {wire.f_self_Hz / 1e9:.3g} GHz is below the required "
                        f"superinductor.min_f_self = {min_f_self_Hz / 1e9:.3g} GHz")
    if wire.film.diffusion_m2_per_s:
        est = estimate_phase_slip(wire, phase_slip, T2_target_s=T2_target_s)
        xi = max(est.xi_m.values())
        out.update(E_S_GHz=est.E_S_GHz, E_S_band_GHz=list(est.E_S_band_GHz), E_S_over_E_L_fluxoid=est.ratio,
                   E_S_random_GHz=est.E_S_random_GHz, E_S_random_band_GHz=list(est.E_S_random_band_GHz),
                   Tphi_phase_slip_s=est.Tphi_phase_slip_s, Tphi_phase_slip_band_s=list(est.Tphi_band_s),
                   T2_target_s=est.T2_target_s, verdict=est.verdict, verdict_band=list(est.verdict_band),
                   E_S_model=dict(vars(est.model)), xi_usadel_m=est.xi_m["usadel"], xi_gl_m=est.xi_m["gl"],
                   R_xi_ohm=est.R_xi_ohm)
        warnings += list(est.warnings)
        if wire.width_m < xi:
            warnings.append(f"width {wire.width_m * 1e9:.0f} nm is below the coherence length {xi * 1e9:.1f} nm: "
                            "1D phase-slip regime")
    else:
        out.update(E_S_GHz=None, E_S_band_GHz=None, verdict=None)
        warnings.append(f"{wire.film.material.name}: no diffusion constant, so no E_S estimate; give --diffusion")
    out["warnings"] = warnings
    return out


def inductor_section(L_H: float) -> dict:
    """An ideal inductor of the target L (a qubit built from energies, without a film wire)."""
    return {"line": "ideal", "L_H": L_H, "E_L_GHz": inductive_energy_GHz(L_H),
            "E_L_fluxoid_GHz": fluxoid_energy_GHz(L_H), "warnings": []}


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
        "warnings": [f"JJ chain: {w}" for w in chain.warnings()],
    }


def qubit_section(device: Device, flux_points=None, tphi_phase_slip_s=None) -> tuple[dict, object]:
    """The qubit's spectrum over the spec's flux range, energies, coherence and matrix elements at the operating
    flux, and its warnings. Returns (section, Spectrum)."""
    from ..errors import InputError
    from ..qubits import flux_grid

    q, spec = device.qubit, device.spec.qubit
    flux = flux_grid(spec.flux.start, spec.flux.stop, flux_points or spec.flux.points)
    s = q.spectrum(flux, spec.levels)
    at = spec.operating_flux
    out = {"kind": spec.kind, "flux": s.flux, "levels_GHz": s.levels_GHz, "transitions_GHz": s.transitions_GHz,
           "f01_GHz": s.f01_GHz, "f01_min_GHz": float(np.min(s.f01_GHz)), "f01_max_GHz": float(np.max(s.f01_GHz)),
           "cutoff": s.cutoff, "convergence_GHz": s.convergence_GHz, "tol_GHz": s.tol_GHz}
    for name in QUBIT_NUMBERS:
        if hasattr(q, name):
            v = getattr(q, name)
            out[name] = list(v) if isinstance(v, tuple) else v
    if spec.kind == "zeropi":
        out["E_C_convention"] = ("scqubits: E_CJ = e²/2C_J, E_C = e²/2C per shunt, E_CΣ = (1/E_C + 1/E_CJ)⁻¹; "
                                 "papers writing 4E_C n² use E_C^φ = E_CJ/2, E_C^θ = E_CΣ/2")
    if s.levels_band_GHz:
        out["levels_band_GHz"] = s.levels_band_GHz
        out["f01_band_GHz"] = {k: np.asarray(v)[:, 1] - np.asarray(v)[:, 0] for k, v in s.levels_band_GHz.items()}
    if device.junction is not None:
        j = device.junction
        out["junction"] = {"I_c_A": j.I_c_A, "C_F": j.C_F, "L_J_H": j.L_J_H}
    out["operating_flux"] = at
    try:
        coherence = qubit_coherence(device, at, tphi_phase_slip_s)
    except InputError as exc:
        coherence = {"note": str(exc)}
    out["coherence"] = coherence
    for k in ("T1_s", "Tphi_s", "T2_s"):
        if isinstance(coherence.get(k), (int, float)):
            out[k] = coherence[k]
    flux_noise = coherence.get("Tphi_flux_s", coherence.get("Tphi_channels_s", {}).get("tphi_1_over_f_flux"))
    if flux_noise is not None:
        out["Tphi_flux_s"] = flux_noise
    if "noise_assumptions" in coherence:
        out["noise_assumptions"] = coherence["noise_assumptions"]
    out["matrix_elements"] = {k: v for k, v in q.matrix_elements(at, spec.levels).items() if k != "flux"}
    out["warnings"] = list(q.warnings)
    return out, s


def film_inductor_Q(device: Device, f_Hz: float) -> dict:
    """The film superinductor's quality factor at f: Q_ind (f/f_ref)^p from the [noise] section combined with the
    film's quasiparticle loss at x_qp (Mattis–Bardeen σ1/σ2 weighted by the kinetic fraction; Grünhaupt et al.,
    PRL 121, 117001 (2018)): 1/Q = 1/Q_ind(f) + 1/Q_qp(f). Both laws grow as f^(-1/2) towards low frequency and
    hold for hf ≳ k_BT only, so f is taken no lower than the thermal frequency k_BT/h (0.42 GHz at 20 mK)."""
    from ..constants import h, k_B
    from ..losses import inductive_quality_factor, quasiparticle_Q

    noise, wire = device.spec.noise, device.wire
    f_Hz = max(f_Hz, k_B * device.noise_temperature_K / h)
    Q_model = float(inductive_quality_factor(f_Hz, noise.Q_ind, noise.Q_ind_f_ref, noise.Q_ind_exponent))
    Q_qp = math.inf
    if wire is not None and noise.x_qp > 0:
        Q_qp = quasiparticle_Q(wire.film, f_Hz, noise.x_qp, kinetic_fraction=wire.L_k_H / wire.L_H)
    return {"Q_ind_model": Q_model, "Q_quasiparticle_film": Q_qp, "Q_ind_total": 1 / (1 / Q_model + 1 / Q_qp),
            "at_f_Hz": f_Hz}


def qubit_coherence(device: Device, at: float, tphi_phase_slip_s=None) -> dict:
    """T1, T_φ, T2 [s] at the operating flux with the [noise] assumptions: the film's Q at the qubit frequency,
    the junction's own quasiparticle gap, the design's noise temperature, and (for superinductor qubits) the
    superinductor's phase-slip dephasing ``tphi_phase_slip_s`` (from its section) as one more T_φ channel."""
    from ..qubits.noise import combine_times

    q, noise, kind = device.qubit, device.spec.noise, device.spec.qubit.kind
    f01 = float(q.spectrum([at], device.spec.qubit.levels).f01_GHz[0]) * 1e9  # the qubit section's solve, reused
    film_Q = film_inductor_Q(device, f01)
    kw = dict(Q_ind=film_Q["Q_ind_total"], T_K=device.noise_temperature_K, A_flux=noise.A_flux)
    if kind == "rfsquid":
        kw["x_qp"] = noise.x_qp
    coherence = dict(q.coherence(at, **kw))
    coherence["film_Q"] = film_Q
    if kind != "qps" and tphi_phase_slip_s is not None:
        channels = dict(coherence.get("Tphi_channels_s", {}), tphi_phase_slip=tphi_phase_slip_s)
        Tphi = combine_times(channels)
        coherence.update(Tphi_channels_s=channels, Tphi_s=Tphi,
                         T2_s=combine_times({"T1/2": (coherence.get("T1_s") or math.inf) * 2, "Tphi": Tphi}))
    coherence.setdefault("noise_assumptions", {}).update(
        Q_ind_f_ref_Hz=noise.Q_ind_f_ref, Q_ind_exponent=noise.Q_ind_exponent, x_qp=noise.x_qp,
        noise_sources="Q_ind(f) ∝ f^p: Catelani et al., PRB 84, 064517 (2011); film quasiparticles: Grünhaupt "
                      "et al., PRL 121, 117001 (2018); x_qp, A_flux: scqubits defaults; phase-slip dephasing: "
                      "Manucharyan et al., PRB 85, 024521 (2012)")
    return coherence


def multimode_section(device: Device, flux_points=None) -> tuple[dict, object]:
    """The qubit with the superinductor's ``modes`` lowest own modes in its Hamiltonian (the drawn meander as a
    lumped ladder; Viola & Catelani, PRB 92, 224511 (2015); Ferguson, Houck & Koch, PRX 3, 011003 (2013)):
    hybridised levels, each mode's frequency, coupling and dispersive shift, and f01 against the single-mode
    model. Returns (section, MultimodeSpectrum)."""
    from ..qubits import flux_grid
    from ..qubits.multimode import multimode_spectrum

    spec = device.spec.qubit
    if device.wire is None:
        from ..errors import InputError

        raise InputError("qubit.modes: the superinductor's own modes need a film wire ([film] and [superinductor])")
    flux = flux_grid(spec.flux.start, spec.flux.stop, flux_points or spec.flux.points)
    mm = multimode_spectrum(device.qubit, device.wire, flux, spec.levels, modes=spec.modes,
                            operating_flux=spec.operating_flux)
    out = mm.to_dict()
    out.update(flux=mm.spectrum.flux, levels_GHz=mm.spectrum.levels_GHz,
               transitions_GHz=mm.spectrum.transitions_GHz)
    return out, mm


def layout_section(device: Device) -> dict:
    """The drawn cell's record (centreline length, geometric and electrical squares, L_k, bbox, counts) and its
    DRC violations under the design's process."""
    from ..layout import drc

    cell = device.layout
    out = dict(cell.to_dict())
    out["drc_violations"] = len(drc(cell.cell, device.process))
    out["warnings"] = list(getattr(cell, "warnings", ()))
    return out


def material_sources(film) -> dict:
    """Where the material values used came from (material file name, not its path)."""
    from pathlib import Path

    m = film.material
    return {"material_file": Path(m.origin).name if m.origin else "",
            "gap_ratio": m.gap_ratio_default_source if film.gap_ratio == m.gap_ratio_default else "given",
            "diffusion": m.diffusion_cm2_per_s.source, "critical_R_sq": m.critical_R_sq_ohm.source,
            "finkelstein": m.finkelstein.source, "Tc": film.Tc_source}


def evaluate(device: Device, *, layout: bool = True, flux_points=None) -> Results:
    """Every number of ``device``: the sections its spec has, the layout record when ``layout`` and a film wire
    exist, and the warnings of all, each once."""
    spec = device.spec
    sections: dict = {}
    spectrum = None
    if device.film is not None:
        sections["film"] = film_section(device.film, device.temperature_K)
        sections["sources"] = material_sources(device.film)
    if device.wire is not None:
        sections["superinductor"] = wire_section(device.wire, min_f_self_Hz=spec.superinductor.min_f_self,
                                                 T2_target_s=spec.noise.T2_target)
        if device.layout is None:
            sections["superinductor"]["warnings"].append(
                f"the wire ({device.wire.length_m * 1e6:.3g} µm) is too short for a meander with leads: it is "
                "modelled as a straight wire and not drawn")
        sections["superinductor"]["target_L_H"] = device.target_L_H
    elif device.target_L_H is not None:
        sections["superinductor"] = inductor_section(device.target_L_H)
    if device.chain is not None:
        sections["jjchain"] = chain_section(device.chain)
    if device.qubit is not None:
        sections["qubit"], spectrum = qubit_section(device, flux_points,
                                                    sections.get("superinductor", {}).get("Tphi_phase_slip_s"))
    multimode = None
    if device.qubit is not None and spec.qubit.modes > 0:
        sections["multimode"], multimode = multimode_section(device, flux_points)
    spread = None
    if spec.spread is not None:  # after the qubit: the Monte-Carlo reuses its converged basis
        from .spread import monte_carlo

        spread = monte_carlo(device, spec.spread)
        sections["spread"] = spread.to_dict()
    if layout and device.layout is not None:
        sections["layout"] = layout_section(device)
    warnings = [w for sec in sections.values() for w in sec.get("warnings", ())]
    return Results(device, sections, tuple(dict.fromkeys(warnings)), spectrum, spread, multimode)
