"""``Results``: everything computed for one device, and ``Results.to_dict()`` — the one JSON contract.

``superind build`` (NAME.json), every CLI ``--json``, the sweep's variables and the report all read this one
shape: sections ``film``, ``superinductor``, ``jjchain``, ``qubit``, ``layout`` (each a mapping with SI-suffixed
keys: ``_H``, ``_ohm``, ``_K``, ``_J``, ``_m``, ``_Hz``, ``_F``, ``_A``, ``_s``, energies ``_GHz``), the
``verdicts`` (every judgement as a record {code, severity, message, action, numbers}, most severe first), the overall
``verdict`` (works | marginal | fails) with ``verdict_deciding`` (the codes that decide it), the ``warnings`` (the
messages of the warning and critical records), the validated ``design`` and the material ``sources``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

#: key suffix → unit, longest match first (used for netCDF attributes)
SUFFIX_UNITS = [("_GHz", "GHz"), ("_Hz", "Hz"), ("_ohm", "ohm"), ("_m2", "m**2"), ("_H", "H"), ("_m", "m"),
                ("_K", "K"), ("_s", "s"), ("_F", "F"), ("_A", "A"), ("_J", "J")]

#: the scalar results a sweep records: section → keys (film keys are prefixed ``film_``)
SWEEP_SCALARS = {"film": ["Tc_K", "L_k_sq_H"],
                 "superinductor": ["length_m", "squares", "L_H", "Z_ohm", "Z_over_RQ", "f_self_Hz", "E_L_GHz",
                                   "E_L_fluxoid_GHz", "E_S_GHz", "E_S_over_E_L_fluxoid"],
                 "qubit": ["E_J_GHz", "E_C_GHz", "f01_min_GHz", "f01_max_GHz", "f01_operating_GHz", "T1_s", "T2_s"]}


#: what a sweep records beyond ``SWEEP_SCALARS`` when asked (``--record``): section → its scalar keys (the spread
#: records the p5, p50 and p95 of each of its quantities)
RECORDABLE = {"multimode": ["f01_GHz", "delta_f01_GHz", "delta_f01_lumped_GHz"], "spread": []}


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


@dataclass(frozen=True, eq=False, repr=False)
class Results:
    """The results of ``evaluate(device)``: ``sections`` (name → mapping), ``verdicts`` (the records of every
    judgement) and the objects a report needs (``device``, ``spectrum``, ``spread`` with the Monte-Carlo samples,
    ``multimode`` with the mode-resolved spectrum)."""

    device: Any
    sections: dict
    records: tuple
    spectrum: Any = None
    spread: Any = None
    multimode: Any = None

    @property
    def name(self) -> str:
        return self.device.spec.name

    @property
    def verdicts(self) -> tuple:
        """Every verdict record, once each, most severe first."""
        from ..verdicts import ordered

        return ordered(self.records)

    @property
    def verdict(self) -> str:
        """The overall verdict: works | marginal | fails (``superind.verdicts.overall``)."""
        from ..verdicts import overall

        return overall(self.records)[0]

    @property
    def warnings(self) -> tuple[str, ...]:
        """The messages of the warning and critical records, most severe first."""
        from ..verdicts import messages

        return tuple(messages(self.records))

    def __repr__(self) -> str:
        from ..format import eng, ghz

        parts = [f"Results({self.name!r}", f"verdict={self.verdict}"]
        q, s = self.sections.get("qubit", {}), self.sections.get("superinductor", {})
        if "L_H" in s:
            parts.append(f"L={eng(s['L_H'], 'H')}")
        if "f_self_Hz" in s:
            parts.append(f"f_self={eng(s['f_self_Hz'], 'Hz')}")
        if "f01_operating_GHz" in q:
            parts.append(f"f01={ghz(q['f01_operating_GHz'])}")
        if "T2_s" in q:
            parts.append(f"T2={eng(q['T2_s'], 's')}")
        counts = [sum(v.severity == k for v in self.verdicts) for k in ("critical", "warning")]
        parts.append(f"{counts[0]} critical, {counts[1]} warning(s); sections: {', '.join(self.sections)})")
        return ", ".join(parts)

    def _repr_html_(self) -> str:
        """The report's summary cards (for notebooks)."""
        from ..cards import summary_html

        return summary_html(self)

    def __getitem__(self, section: str) -> dict:
        return self.sections[section]

    def __contains__(self, section: str) -> bool:
        return section in self.sections

    def to_dict(self) -> dict:
        """The JSON object of this device (NaN/inf → null): the one shape every output uses."""
        from ..verdicts import overall

        spec = self.device.spec
        verdict, deciding = overall(self.records)
        out = {"name": spec.name, "description": spec.description, **self.sections,
               "verdict": verdict, "verdict_deciding": list(deciding),
               "verdicts": [v.to_dict() for v in self.verdicts], "warnings": list(self.warnings),
               "design": spec.model_dump(mode="json")}
        return json_ready(out)

    def scalars(self) -> dict[str, tuple[float, str]]:
        """Scalar results name → (value, unit) recorded by sweeps (units from the key suffixes): ``SWEEP_SCALARS``,
        plus — when those sections were computed — the multimode section's ``RECORDABLE`` numbers
        (``multimode_…``) and the spread's percentiles (``spread_<quantity>_p5|p50|p95``)."""
        out = {}
        for section, keys in SWEEP_SCALARS.items():
            values = self.sections.get(section, {})
            for k in keys:
                v = values.get(k)
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    out[f"film_{k}" if section == "film" else k] = (float(v), unit_of(k))
        for k in RECORDABLE["multimode"]:
            v = self.sections.get("multimode", {}).get(k)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                out[f"multimode_{k}"] = (float(v), unit_of(k))
        for q, p in self.sections.get("spread", {}).items():
            if isinstance(p, dict) and {"p5", "p50", "p95"} <= set(p):
                out.update({f"spread_{q}_{k}": (float(p[k]), unit_of(q)) for k in ("p5", "p50", "p95")
                            if isinstance(p[k], (int, float))})
        return out
