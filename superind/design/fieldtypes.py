"""The field types of the specs: a quantity of a kind held in its SI unit (parsed from a unit string, a pint
quantity or — from Python only — an SI float), an energy E/h in GHz, a finite number with bounds; each carries its
``Unit`` as metadata, which the sweepable-field table reads (``superind.design.fields``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Annotated

from pydantic import BeforeValidator, Field, ValidationInfo

from ..errors import InputError


@dataclass(frozen=True)
class Unit:
    """Field metadata: the SI unit a validated value is held in ('GHz' for energies, '' for numbers)."""

    unit: str


def _strict(info: ValidationInfo) -> bool:
    return bool(info.context and info.context.get("strict_units"))


def _quantity(kind: str, *, positive: bool = True):
    from ..units import KINDS

    def parse(value, info: ValidationInfo):
        from ..units import as_si

        if value is None:
            return None
        try:
            return as_si(value, kind, "@", positive=positive, allow_float=not _strict(info))
        except InputError as exc:
            raise ValueError(str(exc).removeprefix("@: ")) from None

    return Annotated[float, BeforeValidator(parse), Unit(KINDS[kind][0])]


def _energy(value, info: ValidationInfo):
    from ..units import as_ghz

    if value is None:
        return None
    try:
        return as_ghz(value, "@", allow_float=not _strict(info))
    except InputError as exc:
        raise ValueError(str(exc).removeprefix("@: ")) from None


def _number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"expected a number, got {value!r}")
    try:
        x = float(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a number") from None
    if not math.isfinite(x):
        raise ValueError(f"{x} is not a finite number")
    return x


def metadata(info) -> list:
    """The metadata of a model field, including that of the types inside an Optional."""
    return [*info.metadata, *(m for a in getattr(info.annotation, "__args__", ()) for m in getattr(a, "__metadata__", ()))]


Length = _quantity("length")
Resistance = _quantity("resistance")
Temperature = _quantity("temperature")
OperatingTemperature = _quantity("temperature", positive=False)
Frequency = _quantity("frequency")
Inductance = _quantity("inductance")
SheetInductance = _quantity("sheet_inductance")
Capacitance = _quantity("capacitance")
Current = _quantity("current")
Diffusion = _quantity("diffusion")
Time = _quantity("time")
Energy = Annotated[float, BeforeValidator(_energy), Unit("GHz")]
Number = Annotated[float, BeforeValidator(_number), Unit("")]


def number(**bounds):
    """A dimensionless number field with pydantic bounds (``ge``, ``gt``, ``le``, ``lt``), finite."""
    return Annotated[float, BeforeValidator(_number), Field(**bounds), Unit("")]


PositiveNumber = number(gt=0)
#: a quality factor: at least 1 (below it there is no resonance to speak of), at most 1e12
QualityFactor = number(ge=1, le=1e12)
#: an external flux in Φ0: the spectra are periodic, so a few hundred periods either way is every flux there is (far
#: beyond, 2πΦ/Φ0 loses the digits that tell one flux point from the next)
FluxValue = number(ge=-1000, le=1000)
#: a relative 1σ of the spread (below ½: a wider Gaussian puts too many samples at negative values)
RelativeSpread = number(ge=0, lt=0.5)
