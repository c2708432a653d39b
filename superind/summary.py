"""Result dictionaries with SI-suffixed keys: the one JSON contract shared by the CLI and ``superind build``."""
from __future__ import annotations

import math

import numpy as np

from .constants import GHz, e
from .film import Film, finkelstein_critical_resistance, mesoscopic_tc_spread
from .phaseslip import PhaseSlipModel, estimate_phase_slip


def film_summary(film: Film, T_K: float = 0.0) -> dict:
    """Every film number (``superind film --json``)."""
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
    out["warnings"] = list(film.warnings)
    return out


def wire_summary(wire, *, phase_slip: PhaseSlipModel | None = None, min_f_self_Hz: float | None = None,
                 I_star_definition: str = "differential") -> dict:
    """Every wire number (``superind wire --json``): inductances, line, modes, E_L both conventions, E_S band."""
    from .wire import IsolatedLine, TYPICAL_QUBIT_FREQUENCY_HZ

    grounded = not isinstance(wire.line, IsolatedLine)
    nan = float("nan")
    out = {
        "line": wire.line.kind, "length_m": wire.length_m, "width_m": wire.width_m, "squares": wire.squares,
        "temperature_K": wire.temperature_K, "L_k_sq_H": wire.L_k_sq_H,
        "L_H": wire.L_H, "L_k_H": wire.L_k_H, "L_geo_H": wire.L_geo_H, "L_per_m_H": wire.L_per_m_H,
        "C_per_m_F": wire.C_per_m_F, "Z_ohm": wire.Z_ohm if grounded else nan,
        "Z_over_RQ": wire.Z_over_RQ if grounded else nan, "v_m_per_s": wire.v_m_per_s if grounded else nan,
        "f_self_Hz": wire.f_self_Hz if grounded else nan,
        "f_self_half_wave_Hz": wire.f_self_half_wave_Hz if grounded else nan,
        "f_self_skrf_Hz": wire.self_resonance_numeric_Hz() if grounded else nan,
        "E_L_GHz": wire.E_L_GHz, "E_L_fluxoid_GHz": wire.E_L_fluxoid_GHz,
        "I_dep_A": wire.I_dep_A, "I_star_A": wire.I_star_A(I_star_definition), "I_star_definition": I_star_definition,
    }
    if grounded:
        out["lumped_L_H"], out["lumped_C_F"] = wire.lumped_first_mode
    warnings = wire.warnings(min_f_self_Hz or TYPICAL_QUBIT_FREQUENCY_HZ)
    if wire.film.diffusion_m2_per_s:
        est = estimate_phase_slip(wire, phase_slip)
        xi = max(est.xi_m.values())
        out.update(E_S_GHz=est.E_S_GHz, E_S_band_GHz=list(est.E_S_band_GHz), E_S_over_E_L_fluxoid=est.ratio,
                   verdict=est.verdict, verdict_band=list(est.verdict_band), E_S_model=est.model.__dict__,
                   xi_usadel_m=est.xi_m["usadel"], xi_gl_m=est.xi_m["gl"], R_xi_ohm=est.R_xi_ohm)
        if wire.width_m < xi:
            warnings.append(f"width {wire.width_m * 1e9:.0f} nm is below the coherence length {xi * 1e9:.1f} nm: "
                            "1D phase-slip regime")
    else:
        out.update(E_S_GHz=None, E_S_band_GHz=None, verdict=None)
        warnings.append(f"{wire.film.material.name}: no diffusion constant, so no E_S estimate; give --diffusion")
    out["warnings"] = warnings
    return out


def chain_summary(chain, modes: int = 20) -> dict:
    """Every JJ-chain number (``superind chain --json``), keys aligned with ``wire_summary``."""
    return {
        "N": chain.N, "length_m": chain.length_m, "L_H": chain.L_H, "L_J_H": chain.L_J_H, "E_J_GHz": chain.E_J_GHz,
        "E_C_GHz": chain.E_C_GHz, "E_L_GHz": chain.E_L_GHz, "E_L_fluxoid_GHz": chain.E_L_fluxoid_GHz,
        "Z_ohm": chain.Z_ohm, "Z_over_RQ": chain.Z_over_RQ, "v_m_per_s": chain.v_m_per_s,
        "f_plasma_Hz": chain.f_plasma_Hz, "screening_length_junctions": chain.screening_length,
        "f_self_Hz": chain.f_self_Hz, "modes_Hz": chain.modes_Hz(modes).tolist(),
        "phase_slip_GHz": chain.phase_slip_GHz, "phase_slip_chain_GHz": list(chain.phase_slip_chain_GHz),
        "E_S_GHz": chain.E_S_GHz, "E_S_over_E_L_fluxoid": chain.E_S_GHz / chain.E_L_fluxoid_GHz,
        "warnings": chain.warnings(),
    }



def json_ready(x):
    """Plain JSON types: numpy arrays/scalars → lists/floats, NaN and ±inf → None (JSON null)."""
    if isinstance(x, dict):
        return {str(k): json_ready(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [json_ready(v) for v in x]
    if isinstance(x, np.ndarray):
        return json_ready(x.tolist())
    if isinstance(x, (np.floating, np.integer)):
        x = x.item()
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return x
