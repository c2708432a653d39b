"""superind — superinductors from disordered superconducting films.

Film (R_sq, Δ → L_k) → wire (L, Z, modes, E_S) → qubits (RF-SQUID, QPS, 0-π, cos2φ) → layout (GDS) → report.
Inside: SI floats; Hamiltonian energies in GHz (E/h); ``E_L`` is scqubits' (Φ0/2π)²/L, ``E_L_fluxoid`` = Φ0²/2L.
"""
from .errors import InputError
from .film import (
    Film,
    bcs_gap_fraction,
    finkelstein_critical_resistance,
    finkelstein_tc,
    make_film,
    mesoscopic_tc_spread,
)
from .jjchain import JJChain, chain_for_inductance, chain_from_EJ
from .materials import Material, all_materials, get_material
from .phaseslip import PhaseSlipModel, calibrate, coherence_length, estimate_phase_slip
from .sizing import Constraints, size_wire
from .wire import CoplanarLine, IsolatedLine, MicrostripLine, Wire, wire_for_inductance

__version__ = "0.1.0"
__all__ = [
    "InputError", "Film", "make_film", "bcs_gap_fraction", "finkelstein_tc", "finkelstein_critical_resistance",
    "mesoscopic_tc_spread", "Material", "all_materials", "get_material", "Wire", "wire_for_inductance",
    "CoplanarLine", "MicrostripLine", "IsolatedLine", "PhaseSlipModel", "estimate_phase_slip", "calibrate",
    "coherence_length", "JJChain", "chain_from_EJ", "chain_for_inductance", "Constraints", "size_wire",
]
# qubits (scqubits/QuTiP), layout (gdstk), design/build and sweep live in their subpackages:
# superind.qubits, superind.layout, superind.design, superind.build, superind.sweep
