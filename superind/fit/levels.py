"""Qubit levels with their Hellmann–Feynman derivatives (∂E_i/∂p = ⟨i|∂H/∂p|i⟩) for the spectroscopy fits: the QPS
qubit on its fluxoid window (``superind.qubits.qps.QPSQubit.bands``) and the fluxonium on a kept
``superind.qubits.rfsquid.FluxoniumBasis``, at fixed, moderate basis sizes (the fit reports how far its lines move
with larger ones). Energies E/h in GHz, scqubits conventions.
"""
from __future__ import annotations

import math

import numpy as np
from scipy.linalg import eigh, eigh_tridiagonal

from ..qubits.qps import QPSQubit
from ..qubits.rfsquid import FluxoniumBasis
from ..threads import one_blas_thread

FIT_CUTOFF = 60  #: fluxonium oscillator states during the fit
FIT_HALF_WIDTH = 8  #: QPS fluxoid window ±8 during the fit


def qps_levels(E, flux, n_levels: int, half_width: int = FIT_HALF_WIDTH, jac: bool = True):
    """QPS levels [GHz] at each flux (n, n_levels) and, with ``jac``, ∂E_i/∂(E_S, E_L^fluxoid) (n, n_levels, 2)
    and ∂E_i/∂f (n, n_levels): ⟨−½(T + T†)⟩, ⟨(n − f)²⟩, −2E_L^fluxoid⟨n − f⟩ (Hellmann–Feynman)."""
    E_S, E_L = E
    qubit = QPSQubit(E_L, E_S)
    levels = np.empty((flux.size, n_levels))
    d_e, d_f = np.empty((flux.size, n_levels, 2)), np.empty((flux.size, n_levels))
    for k, f in enumerate(flux):
        diag, off = qubit.bands(f, half_width)
        w, v = eigh_tridiagonal(diag, off, select="i", select_range=(0, n_levels - 1))
        levels[k] = w
        if jac:
            x = np.floor(f + 0.5) + np.arange(-half_width, half_width + 1) - f  # QPSQubit.bands' window
            d_e[k, :, 0] = -np.sum(v[:-1] * v[1:], axis=0)
            d_e[k, :, 1] = np.sum(x[:, None] ** 2 * v**2, axis=0)
            d_f[k] = -2 * E_L * np.sum(x[:, None] * v**2, axis=0)
    return (levels, d_e, d_f) if jac else levels


class FluxoniumLevels:
    """Fluxonium levels and Hellmann–Feynman derivatives on a FluxoniumBasis kept for the last (E_C, E_L)."""

    def __init__(self, cutoff: int = FIT_CUTOFF):
        self.cutoff, self._key, self._basis = cutoff, None, None

    def basis(self, E_C, E_L) -> FluxoniumBasis:
        if self._key != (E_C, E_L):
            b = FluxoniumBasis(E_C, E_L, self.cutoff)
            self._n2, self._phi2 = 4 * (b.n @ b.n).real, 0.5 * b.phi @ b.phi
            self._key, self._basis = (E_C, E_L), b
        return self._basis

    def __call__(self, E, flux, n_levels: int, jac: bool = True):
        """Levels (n, n_levels); ∂E_i/∂(E_J, E_C, E_L) = ⟨−cos(φ+φ_e)⟩, ⟨4n²⟩, ⟨½φ²⟩; ∂E_i/∂f = 2πE_J⟨sin(φ+φ_e)⟩."""
        E_J, E_C, E_L = E
        b = self.basis(E_C, E_L)
        if not jac:
            return b.levels(E_J, flux, n_levels)
        levels = np.empty((flux.size, n_levels))
        d_e, d_f = np.empty((flux.size, n_levels, 3)), np.empty((flux.size, n_levels))
        with one_blas_thread():
            for k, f in enumerate(flux):
                c, s = math.cos(2 * math.pi * f), math.sin(2 * math.pi * f)
                w, v = eigh(b.hamiltonian(E_J, f), subset_by_index=(0, n_levels - 1), overwrite_a=True)
                levels[k] = w
                cv, sv = b.cos_phi @ v, b.sin_phi @ v
                d_e[k, :, 0] = -np.sum(v * (cv * c - sv * s), axis=0)  # −⟨cos(φ + φ_e)⟩
                d_e[k, :, 1] = np.sum(v * (self._n2 @ v), axis=0)
                d_e[k, :, 2] = np.sum(v * (self._phi2 @ v), axis=0)
                d_f[k] = 2 * math.pi * E_J * np.sum(v * (sv * c + cv * s), axis=0)  # 2πE_J⟨sin(φ + φ_e)⟩
        return levels, d_e, d_f
