"""``Results``: everything computed for one device, and ``Results.to_dict()`` — the one JSON contract.

``superind build`` (NAME.json), every CLI ``--json``, the sweep's variables and the report all read this one
shape: sections ``film``, ``superinductor``, ``jjchain``, ``qubit``, ``layout`` (each a mapping with SI-suffixed
keys: ``_H``, ``_ohm``, ``_K``, ``_J``, ``_m``, ``_Hz``, ``_F``, ``_A``, ``_s``, energies ``_GHz``), the deduplicated
``warnings``, the validated ``design`` and the material ``sources``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

#: key suffix → unit, longest match first (used for netCDF attributes)
SUFFIX_UNITS = [("_GHz", "GHz"), ("_Hz", "Hz"), ("_ohm", "ohm"), ("_m2", "m**2"), ("_H", "H"), ("_m", "m"),
                ("_K", "K"), ("_s", "s"), ("_F", "F"), ("_A", "A"), ("_J", "J")]

#: the scalar results a sweep records: section → keys (film keys are prefixed ``film_``)
SWEEP_SCALARS = {"film": ["Tc_K", "L_k_sq_H"],
                 "superinductor": ["length_m", "squares", "L_H", "Z_ohm", "Z_over_RQ", "f_self_Hz", "E_L_GHz",
                                   "E_L_fluxoid_GHz", "E_S_GHz", "E_S_over_E_L_fluxoid"],
                 "qubit": ["E_J_GHz", "E_C_GHz", "f01_min_GHz", "f01_max_GHz", "T1_s", "T2_s"]}


def unit_of(key: str) -> str:
    """The SI unit named by a result key's suffix ('' for dimensionless keys)."""
    return next((unit for suffix, unit in SUFFIX_UNITS if key.endswith(suffix)), "")


def json_ready(x):
    """Plain JSON types: numpy arrays/scalars → lists/floats, NaN and ±inf → None (JSON null)."""
    if isinstance(x, dict):
        return {str(k): json_ready(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [json_ready(v) for v in x]
    if isinstance(x, np.ndarray):
        return json_ready(x.tolist())
    if isinstance(x, (np.floating, np.integer, np.bool_)):
        x = x.item()
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return x


@dataclass(frozen=True, eq=False)
class Results:
    """The results of ``evaluate(device)``: ``sections`` (name → mapping), ``warnings`` (deduplicated, in order),
    and the objects a report needs (``device``, ``spectrum``, ``spread`` with the Monte-Carlo samples,
    ``multimode`` with the mode-resolved spectrum)."""

    device: Any = field(repr=False)
    sections: dict
    warnings: tuple
    spectrum: Any = field(default=None, repr=False)
    spread: Any = field(default=None, repr=False)
    multimode: Any = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return self.device.spec.name

    def __getitem__(self, section: str) -> dict:
        return self.sections[section]

    def __contains__(self, section: str) -> bool:
        return section in self.sections

    def to_dict(self) -> dict:
        """The JSON object of this device (NaN/inf → null): the one shape every output uses."""
        spec = self.device.spec
        out = {"name": spec.name, "description": spec.description, **self.sections,
               "warnings": list(self.warnings), "design": spec.model_dump(mode="json")}
        return json_ready(out)

    def scalars(self) -> dict[str, tuple[float, str]]:
        """Scalar results name → (value, unit) recorded by sweeps (units from the key suffixes)."""
        out = {}
        for section, keys in SWEEP_SCALARS.items():
            values = self.sections.get(section, {})
            for k in keys:
                v = values.get(k)
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    out[f"film_{k}" if section == "film" else k] = (float(v), unit_of(k))
        return out
