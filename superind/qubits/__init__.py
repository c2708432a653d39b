"""Qubits built on film superinductors: RF-SQUID/fluxonium, phase-slip (QPS) flux qubit, 0-π and cos2φ.

Energies are E/h in GHz. ``E_L`` is scqubits' (Φ0/2π)²/L; the QPS fluxoid energy Φ0²/2L is ``E_L_fluxoid``
(= 2π² E_L); ``E_C`` = e²/2C. Every qubit shares one protocol (``spectrum``, ``matrix_elements``, ``coherence``
with ``cutoff=``, a ``warnings`` property, frozen and hashable); theory in ``docs/theory/qubits.md``.
Importing this package loads neither scqubits, QuTiP nor matplotlib.
"""
import importlib

#: name → the module that defines it, imported on first use (a fluxonium design never loads the cos2φ engine)
_WHERE = {"RFSquid": "rfsquid", "FluxoniumBasis": "rfsquid", "QPSQubit": "qps", "ZeroPi": "zeropi", "Cos2Phi": "cos2phi",
          "Spectrum": "base", "READOUT_BAND_GHZ": "base", "NOISE_DEFAULTS": "spectrum", "flux_grid": "spectrum"}
__all__ = list(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'superind.qubits' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_WHERE))
