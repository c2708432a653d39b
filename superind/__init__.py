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
from .materials import Material, all_materials, get_material

__version__ = "0.1.0"
__all__ = [
    "InputError", "Film", "make_film", "bcs_gap_fraction", "finkelstein_tc", "finkelstein_critical_resistance",
    "mesoscopic_tc_spread", "Material", "all_materials", "get_material",
]
