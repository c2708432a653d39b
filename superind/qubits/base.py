"""The protocol shared by every qubit: the spectrum result, its plot and xarray form, the model-validity
verdict records and the per-instance solver cache.

Energies are E/h in GHz (scqubits convention); flux is Φ_ext/Φ0. No heavy import at module load:
matplotlib and xarray are imported inside the functions that need them. Theory: ``docs/theory/qubits.md``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np

from ..constants import READOUT_BAND_GHZ  # noqa: F401  (re-exported: the band a wire's self-resonance must clear)

#: Flux points of one period (E(f + 1) = E(f)) at which the self-resonance verdict takes the first three transitions.
WARNING_FLUX = np.arange(8) / 8


@dataclass(frozen=True, eq=False)
class Spectrum:
    """Eigenenergies E_i/h [GHz] (absolute, ascending) of a qubit at each flux point Φ_ext/Φ0.

    ``cutoff`` names the Hilbert-space cut-offs used (the smallest converged ones, or the given ones);
    ``convergence_GHz`` estimates their error: the largest change of a returned level (of E_i − E_0, summed over
    the three cut-offs, for 0-π and cos2φ) when a cut-off is enlarged (≤ ``tol_GHz``). ``levels_band_GHz`` holds
    spectra for the ends of a parameter band (QPS E_S band).
    """

    kind: str
    flux: np.ndarray
    levels_GHz: np.ndarray
    cutoff: dict
    convergence_GHz: float
    tol_GHz: float
    levels_band_GHz: dict = field(default_factory=dict)

    @property
    def transitions_GHz(self) -> np.ndarray:
        """E_i − E_0 [GHz] per flux point."""
        return self.levels_GHz - self.levels_GHz[:, :1]

    @property
    def f01_GHz(self) -> np.ndarray:
        """Qubit frequency (E_1 − E_0)/h [GHz] per flux point."""
        return self.levels_GHz[:, 1] - self.levels_GHz[:, 0]

    def to_xarray(self):
        """Levels as an ``xarray.DataArray`` with dims ("flux", "level"), flux in Φ0, values in GHz.

        Attributes (netCDF-safe scalars): units, kind, cutoff (JSON text), convergence_GHz, tol_GHz.
        """
        import xarray as xr

        return xr.DataArray(
            np.asarray(self.levels_GHz, dtype=float), dims=("flux", "level"),
            coords={"flux": ("flux", np.asarray(self.flux, dtype=float), {"units": "Phi0"}),
                    "level": np.arange(self.levels_GHz.shape[1])},
            name="levels", attrs={"units": "GHz", "kind": self.kind, "cutoff": json.dumps(self.cutoff),
                                  "convergence_GHz": float(self.convergence_GHz), "tol_GHz": float(self.tol_GHz)})

    def plot(self, ax=None, transitions: bool = True):
        """Plot E_i − E_0 (``transitions``) or E_i [GHz] against Φ_ext/Φ0 on ``ax`` (a new figure when None).

        QPS E_S bands are drawn as dotted E_1 − E_0 curves. Returns the matplotlib axes.
        """
        if ax is None:
            import matplotlib.pyplot as plt

            _, ax = plt.subplots(figsize=(6, 4))
        values = self.transitions_GHz if transitions else self.levels_GHz
        for i in range(1 if transitions else 0, values.shape[1]):
            ax.plot(self.flux, values[:, i], label=f"E{i} − E0" if transitions else f"E{i}")
        for name, lv in self.levels_band_GHz.items():
            lv = np.asarray(lv)
            ax.plot(self.flux, lv[:, 1] - lv[:, 0] + (0 if transitions else lv[:, 0]), ":", color="gray",
                    label=f"E1 − E0 (E_S {name})")
        ax.set_xlabel("Φ_ext/Φ0")
        ax.set_ylabel("frequency (GHz)" if transitions else "energy E/h (GHz)")
        ax.set_title(f"{self.kind} spectrum")
        ax.legend(fontsize=7)
        return ax


def solver_cache(qubit) -> dict:
    """Per-instance memo of converged cut-offs and levels (kept out of the frozen fields, eq and hash)."""
    return qubit.__dict__.setdefault("_solver_cache", {})


def at_offset_charge(qubit, n_g: float):
    """The qubit (0-π, cos2φ) at offset charge ``n_g``, sharing the cut-offs this one converged: its basis does not
    depend on n_g, so the search is not repeated."""
    from dataclasses import replace

    other = replace(qubit, n_g=n_g)
    solver_cache(other).update({k: v for k, v in solver_cache(qubit).items()
                                if isinstance(k, tuple) and k[0] == "cutoff"})
    return other


def max_transition_GHz(qubit, levels: int = 4) -> float:
    """Highest of E_1..E_3 − E_0 [GHz] on ``WARNING_FLUX`` (one period), memoised on the qubit."""
    cache = solver_cache(qubit)
    if "warning_transitions" not in cache:
        cache["warning_transitions"] = float(np.max(qubit.spectrum(WARNING_FLUX, levels).transitions_GHz))
    return cache["warning_transitions"]


def energy_ratio_verdict(E_L: float, E_J: float, model: str) -> list:
    """[warning record] when E_L > E_J although ``model`` assumes a superinductor (E_L < E_J), else []."""
    from ..verdicts import Verdict

    if E_L > E_J:
        return [Verdict("qubit.energy_ratio", "warning",
                        f"E_L = {E_L:.4g} GHz exceeds E_J = {E_J:.4g} GHz: the {model} assumes E_L < E_J (large "
                        "inductance); the spectrum is that of a weakly anharmonic oscillator",
                        "raise L (a longer or narrower wire) or E_J", {"E_L_GHz": E_L, "E_J_GHz": E_J})]
    return []


class VerdictsMixin:
    """``warnings``: the messages of the warning and critical records of a qubit's ``verdicts``."""

    @property
    def warnings(self) -> tuple[str, ...]:
        from ..verdicts import messages

        return tuple(messages(self.verdicts))
