"""Field paths of a design spec: the SI unit of every numeric field (sweep axes), and ``spec_with`` — a new spec
with several fields set at once and validated once, which is what a sweep point is (so axis order never matters).
"""
from __future__ import annotations

import difflib
from typing import Optional

from pydantic import BaseModel

from ..errors import InputError
from .fieldtypes import Unit
from .schema import DesignSpec


def _unit_of_annotation(info) -> Optional[str]:
    for m in info.metadata:
        if isinstance(m, Unit):
            return m.unit
    for arg in getattr(info.annotation, "__args__", ()):
        for m in getattr(arg, "__metadata__", ()):
            if isinstance(m, Unit):
                return m.unit
    return None


def sweepable_fields(model=DesignSpec, prefix: str = "") -> dict[str, str]:
    """Every numeric spec field → its SI unit ('GHz' for energies, '' for numbers), as dotted paths."""
    out: dict[str, str] = {}
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        unit = _unit_of_annotation(info)
        if unit is not None:
            out[path] = unit
            continue
        if info.annotation is int:
            out[path] = ""
            continue
        t = info.annotation
        sub = next((a for a in (t, *getattr(t, "__args__", ())) if isinstance(a, type) and issubclass(a, BaseModel)),
                   None)
        if sub is not None:
            out.update(sweepable_fields(sub, path + "."))
    return out


def field_unit(field: str) -> str:
    """SI unit of a sweep axis over ``field`` ('GHz' for energies, '' for numbers); InputError with a hint."""
    fields = sweepable_fields()
    if field in fields:
        return fields[field]
    close = difflib.get_close_matches(field, list(fields), n=1, cutoff=0.4)
    hint = f"; did you mean '{close[0]}'?" if close else f" (sweepable: {', '.join(sorted(fields))})"
    raise InputError(f"cannot vary '{field}'{hint}")


def spec_with(spec: DesignSpec, values: dict, where: str = "sweep point") -> DesignSpec:
    """A new spec with every dotted field in ``values`` set, validated once as a whole. Values: a unit string
    ("80 nm"), a pint quantity or an SI float (GHz for energies; whole numbers for counts)."""
    for field in values:
        if field not in _STRUCTURED:
            field_unit(field)
    return spec.edited(values, where)


#: fields that are not numbers but may be set with ``spec_with`` (text, choices, tables)
_STRUCTURED = {"name", "description", "film.material", "superinductor.turn", "superinductor.cell",
               "superinductor.line.kind", "superinductor.line.substrate", "qubit.kind", "qubit.flux",
               "layout.process", "layout.pads", "layout.footprint"}
