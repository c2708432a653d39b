"""Qubits built on film superinductors: RF-SQUID/fluxonium, phase-slip (QPS) flux qubit, 0-π and cos2φ.

Energies are E/h in GHz. ``E_L`` is scqubits' (Φ0/2π)²/L; the QPS fluxoid energy Φ0²/2L is ``E_L_fluxoid``
(= 2π² E_L); ``E_C`` = e²/2C. Every qubit shares one protocol (``spectrum``, ``matrix_elements``, ``coherence``
with ``cutoff=``, a ``warnings`` property, frozen and hashable); theory in ``docs/theory/qubits.md``.
Importing this package loads neither scqubits, QuTiP nor matplotlib.
"""
from .base import READOUT_BAND_GHZ, Spectrum
from .cos2phi import Cos2Phi
from .qps import QPSQubit
from .rfsquid import FluxoniumBasis, RFSquid
from .spectrum import NOISE_DEFAULTS, flux_grid, parse_flux_range
from .zeropi import ZeroPi

__all__ = ["RFSquid", "FluxoniumBasis", "QPSQubit", "ZeroPi", "Cos2Phi", "Spectrum", "NOISE_DEFAULTS",
           "READOUT_BAND_GHZ", "flux_grid", "parse_flux_range"]
