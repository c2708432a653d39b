"""Parse quantities with units at the edges (CLI options, design files) into SI floats.

pint is used here and nowhere else: inside superind every value is an SI float. Energies may be given as
an energy ("180 ueV") or as a frequency E/h ("0.5 GHz"); both are returned as E/h in GHz.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from .errors import InputError

#: SI unit returned for each kind of quantity, and how the kind is named in messages
KINDS = {
    "length": ("m", "a length, e.g. '100 nm'"),
    "resistance": ("ohm", "a resistance, e.g. '1.5 kOhm'"),
    "temperature": ("K", "a temperature, e.g. '2 K' or '20 mK'"),
    "frequency": ("Hz", "a frequency, e.g. '5 GHz'"),
    "inductance": ("H", "an inductance, e.g. '300 nH'"),
    "capacitance": ("F", "a capacitance, e.g. '5 fF'"),
    "current": ("A", "a current, e.g. '20 nA'"),
    "area": ("m**2", "an area, e.g. '0.5 cm**2'"),
    "diffusion": ("m**2/s", "a diffusion constant, e.g. '0.5 cm**2/s'"),
    "sheet_inductance": ("H", "a sheet inductance, e.g. '1 nH/sq'"),
    "time": ("s", "a time, e.g. '100 us'"),
}


#: the magnitudes a quantity of each kind can have in a device (SI; zero aside): beyond them a value is a unit slip
#: or a typo ("1e-300 pH", "2 km" of wire), refused with one line instead of flowing into the physics
PLAUSIBLE = {
    "length": (1e-12, 10.0), "resistance": (1e-6, 1e12), "temperature": (1e-6, 1e4), "frequency": (1e-3, 1e16),
    "inductance": (1e-18, 1.0), "capacitance": (1e-21, 1.0), "current": (1e-18, 1e3), "area": (1e-24, 1.0),
    "diffusion": (1e-10, 1.0), "sheet_inductance": (1e-16, 1e-6), "time": (1e-18, 1e7), "energy": (1e-12, 1e6),
}


def check_plausible(x: float, kind: str, name: str) -> float:
    """``x`` (SI, or GHz for an energy) unless its magnitude lies outside ``PLAUSIBLE[kind]``: then one line naming
    the field, the value in the kind's unit and the range."""
    lo, hi = PLAUSIBLE[kind]
    if x != 0 and not lo <= abs(x) <= hi:
        unit = "GHz" if kind == "energy" else KINDS[kind][0]
        raise InputError(f"{name}: {x:.4g} {unit} is outside the range a device can have ({lo:g} … {hi:g} {unit}); "
                         "check the value and its unit")
    return x


@lru_cache(maxsize=1)
def _registry():
    """pint's registry, its parsed definitions cached on disk (pint's ``cache_folder``: 0.15 s → 0.01 s)."""
    import pint

    try:
        return pint.UnitRegistry(cache_folder=":auto:")
    except OSError:  # no writable cache folder: parse the definitions every time
        return pint.UnitRegistry()


def _clean(text: str) -> str:
    text = text.strip().replace("Ω", "ohm").replace("µ", "u").replace("μ", "u")
    text = re.sub(r"\s*/\s*(sq|square|□)\b", "", text)  # per square is dimensionless
    text = text.replace("/□", "")
    text = re.sub(r"\bOhm\b|\bOhms\b", "ohm", text)
    text = re.sub(r"(?<=[kMGmu])Ohm\b", "ohm", text)
    return text


#: SI prefixes (powers of ten) and the base units the fast path reads (everything else goes to pint)
_PREFIXES = {"": 0, "a": -18, "f": -15, "p": -12, "n": -9, "u": -6, "m": -3, "k": 3, "M": 6, "G": 9, "T": 12}
_BASES = {"m": "m", "ohm": "ohm", "K": "K", "Hz": "Hz", "H": "H", "F": "F", "A": "A", "s": "s", "eV": "eV", "J": "J"}
_SIMPLE = re.compile(r"^([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([A-Za-z]+)$")


def _simple(text: str):
    """(value in the base SI unit, base unit) of a plain "number [prefix]unit" string, else None.

    The common case ("1.5 kOhm", "100 nm", "20 mK", "0.5 GHz") without importing pint (0.15 s of start-up); a test
    checks the result equals pint's. Anything else (powers, compound units, non-SI units) returns None.
    """
    m = _SIMPLE.match(text)
    if m is None:
        return None
    number, unit = m.groups()
    if unit in _BASES:
        prefix, base = "", unit
    elif unit[0] in _PREFIXES and unit[1:] in _BASES:
        prefix, base = unit[0], unit[1:]
    else:
        return None
    return exact_scaled(number, _PREFIXES[prefix]), _BASES[base], number, _PREFIXES[prefix]


def exact_scaled(number: str, exponent: int) -> float:
    """float(number × 10^exponent) rounded once, from the decimal text: "100" with −6 is exactly 1e-4 (the product
    100 × 1e-6 of two floats is 9.999999999999999e-05)."""
    from decimal import Decimal, InvalidOperation

    try:
        return float(Decimal(number).scaleb(exponent))
    except InvalidOperation:
        return float(number) * 10.0**exponent


def _is_bare_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def parse_quantity(value, kind: str, name: str, *, positive: bool = True) -> float:
    """Parse ``value`` ("100 nm", "1.5 kOhm") as a quantity of ``kind`` and return it in SI.

    A bare number is rejected: the unit of a dimensional input must be explicit.
    Raises InputError naming ``name`` and the expected unit.
    """
    unit, example = KINDS[kind]
    if isinstance(value, (int, float)) or (isinstance(value, str) and _is_bare_number(value)):
        raise InputError(f"{name}: '{value}' has no unit; give {example}")
    if not isinstance(value, str):
        raise InputError(f"{name}: expected {example}, got {value!r}")
    simple = _simple(_clean(value))
    if simple is not None and simple[1] == unit:
        return check_plausible(check_value(simple[0], name, positive=positive), kind, name)
    import pint

    ureg = _registry()
    try:
        q = ureg.Quantity(_clean(value))
    except (pint.errors.PintError, AttributeError, TypeError, ValueError, SyntaxError, AssertionError):
        raise InputError(f"{name}: cannot read '{value}'; give {example}") from None
    if isinstance(q, (int, float)) or q.dimensionless:
        raise InputError(f"{name}: '{value}' has no unit; give {example}")
    try:
        si = q.to(unit).magnitude
    except pint.errors.DimensionalityError:
        raise InputError(f"{name}: '{value}' is not {example}") from None
    return check_plausible(check_value(float(si), name, positive=positive), kind, name)


def parse_energy_ghz(value, name: str) -> float:
    """Parse an energy given as a frequency ("0.5 GHz") or an energy ("2 ueV", "1e-24 J"); return E/h in GHz."""
    if isinstance(value, (int, float)) or (isinstance(value, str) and _is_bare_number(value)):
        raise InputError(f"{name}: '{value}' has no unit; give an energy as E/h, e.g. '0.5 GHz', or '2 ueV'")
    simple = _simple(_clean(str(value)))
    if simple is not None and simple[1] in ("Hz", "eV", "J"):
        from .constants import e, h

        si, base, number, exponent = simple
        ghz = exact_scaled(number, exponent - 9) if base == "Hz" else (si * e if base == "eV" else si) / h / 1e9
        return check_plausible(check_value(ghz, name), "energy", name)
    import pint

    ureg = _registry()
    try:
        q = ureg.Quantity(_clean(str(value)))
        if q.check("[frequency]"):
            ghz = q.to("GHz").magnitude
        elif q.check("[energy]"):
            ghz = (q / ureg.planck_constant).to("GHz").magnitude
        else:
            raise InputError(f"{name}: '{value}' is not an energy; give e.g. '0.5 GHz' (E/h) or '180 ueV'")
    except (pint.errors.PintError, AttributeError, TypeError, ValueError, SyntaxError, AssertionError) as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(f"{name}: cannot read '{value}'; give e.g. '0.5 GHz' or '180 ueV'") from None
    return check_plausible(check_value(float(ghz), name), "energy", name)


def _is_quantity(value) -> bool:
    """A pint Quantity (from any registry): has a magnitude and converts with ``.to``."""
    return hasattr(value, "magnitude") and hasattr(value, "to") and hasattr(value, "units")


def as_si(value, kind: str, name: str, *, positive: bool = True, allow_float: bool = True) -> float:
    """A dimensional input from the Python API, a design file or the CLI → SI float.

    Accepts a unit string ("100 nm"), a pint Quantity, or — when ``allow_float`` (Python callers only) — a
    plain number taken as SI. Design files and the CLI pass ``allow_float=False``: a bare number is rejected.
    """
    if _is_quantity(value):
        value = f"{value.magnitude!r} {value.units:~}" if not hasattr(value.magnitude, "__len__") else value
        if not isinstance(value, str):
            raise InputError(f"{name}: expected one value, got an array")
    if allow_float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return check_plausible(check_value(float(value), name, positive=positive), kind, name)
    return parse_quantity(value, kind, name, positive=positive)


def as_ghz(value, name: str, *, allow_float: bool = True) -> float:
    """An energy from the Python API, a design file or the CLI → E/h in GHz (a plain number is GHz)."""
    if _is_quantity(value):
        value = f"{value.magnitude!r} {value.units:~}"
    if allow_float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return check_plausible(check_value(float(value), name), "energy", name)
    return parse_energy_ghz(value, name)


def scale_to(si_unit: str, unit: str) -> float:
    """The factor that turns a value in ``si_unit`` into ``unit`` (e.g. 'J' → 'ueV'), for display at the edges."""
    return float(_registry().Quantity(1.0, si_unit).to(unit).magnitude)


def parse_number(value, name: str, *, positive: bool = True) -> float:
    """A dimensionless number (γ, gap ratio, flux in Φ0)."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{name}: '{value}' is not a number") from None
    return check_value(x, name, positive=positive)


def check_value(x: float, name: str, *, positive: bool = True) -> float:
    """Reject NaN, infinities and (by default) non-positive values with a one-line message."""
    if not math.isfinite(x):
        raise InputError(f"{name}: {x} is not a finite number")
    if positive and x <= 0:
        raise InputError(f"{name}: must be positive, got {x:g}")
    return x


def _to_si(value, kind: str, name: str):
    """One value of ``kind`` (a KINDS key, or "energy" for E/h in GHz) from a unit string, pint quantity or number."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) or value is None:
        return value
    if kind == "energy":
        return as_ghz(value, name)
    if kind == "energy_J":
        from .constants import GHz

        return as_ghz(value, name) * GHz
    return as_si(value, kind, name, positive=kind != "temperature")


def quantities(**kinds):
    """Decorator for the Python API: each named parameter (name=kind: a ``KINDS`` key, "energy" for E/h in GHz or
    "energy_J" for joules) also accepts a unit string ("20 mK", "182 ueV") or a pint quantity, converted to SI;
    numbers pass unchanged."""
    import functools
    import inspect

    def decorate(fn):
        names = list(inspect.signature(fn).parameters)
        where = {name: names.index(name) for name in kinds}

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            if len(args) > min(where.values(), default=len(args)):
                args = list(args)
                for name, i in where.items():
                    if i < len(args):
                        args[i] = _to_si(args[i], kinds[name], name)
            for name in kinds.keys() & kwargs.keys():
                kwargs[name] = _to_si(kwargs[name], kinds[name], name)
            return fn(*args, **kwargs)

        return wrapper

    return decorate


def si_fields(obj, **kinds) -> None:
    """In a frozen dataclass's ``__post_init__``: convert the named fields (name=kind) to SI in place."""
    for name, kind in kinds.items():
        object.__setattr__(obj, name, _to_si(getattr(obj, name), kind, name))
