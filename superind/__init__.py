"""superind — superinductors from disordered superconducting films.

Film (R_sq, Δ → L_k) → line and wire (L, Z, modes, E_S) → qubits (RF-SQUID, QPS, 0-π, cos2φ) → layout (GDS) →
report. Inside: SI floats; Hamiltonian energies in GHz (E/h); ``E_L`` is scqubits' (Φ0/2π)²/L, ``E_L_fluxoid`` =
Φ0²/2L. At the edges quantities may be unit strings (``"100 nm"``) or pint quantities.

    import superind as si
    film = si.make_film("TiN", R_sq="1.5 kOhm", Tc="2 K")
    results = si.evaluate(si.resolve(si.load_design("layouts/tin_rfsquid.toml")))

Names are imported on first use, so ``import superind`` stays light (no scqubits, QuTiP or matplotlib).
"""
from importlib import import_module

__version__ = "0.1.0"

#: public name → the module that defines it
_EXPORTS = {
    "InputError": "errors",
    **dict.fromkeys(["Film", "make_film"], "film"),
    **dict.fromkeys(["bcs_gap_fraction"], "bcs"),
    **dict.fromkeys(["finkelstein_tc", "finkelstein_critical_resistance", "mesoscopic_tc_spread"], "finkelstein"),
    **dict.fromkeys(["Material", "all_materials", "get_material"], "materials"),
    **dict.fromkeys(["LineMedium", "CoplanarLine", "MicrostripLine", "IsolatedLine"], "lines"),
    **dict.fromkeys(["Wire"], "wire"),
    **dict.fromkeys(["PhaseSlipModel", "estimate_phase_slip", "coherence_length"], "phaseslip"),
    **dict.fromkeys(["calibrate"], "phaseslip_calibration"),
    **dict.fromkeys(["Junction", "ambegaokar_baratoff_critical_current"], "junction"),
    **dict.fromkeys(["JJChain", "chain_from_EJ", "chain_for_inductance"], "jjchain"),
    **dict.fromkeys(["Constraints", "size_wire"], "sizing"),
    **dict.fromkeys(["RFSquid", "QPSQubit", "ZeroPi", "Cos2Phi", "Spectrum"], "qubits"),
    **dict.fromkeys(["meander", "loop", "constriction", "zeropi", "chip", "drc", "load_process", "write_gds"],
                    "layout"),
    **dict.fromkeys(["DesignSpec", "load_design", "parse_design", "spec_with", "resolve", "Device", "evaluate",
                     "Results", "Sweep"], "design"),
    **dict.fromkeys(["monte_carlo", "SpreadResult"], "design.spread"),
    **dict.fromkeys(["build"], "output.build"),
    **dict.fromkeys(["explore"], "output.explore"),
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'superind' has no attribute '{name}'")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted([*globals(), *__all__])
