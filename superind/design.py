"""Design files (``layouts/*.toml``): one device — film, superinductor, junction, qubit, layout — as pydantic
models with unit strings, and the resolution of a design into physical objects and numbers.

Validation errors name the file, the field path and the expected unit; an unknown field suggests the closest
known one. ``scalar_results(design)`` gives the numbers of one design point (used by sweeps); ``superind.build``
turns a design into JSON, GDS and the HTML report.
"""
from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import InputError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FilmSpec(_Spec):
    material: str
    R_sq: str
    Tc: Optional[str] = None
    gap: Optional[str] = None
    gap_ratio: Optional[float] = None
    thickness: Optional[str] = None
    Tc0: Optional[str] = None
    gamma: Optional[float] = None
    diffusion: Optional[str] = None
    temperature: str = "0 K"


class LineSpec(_Spec):
    kind: Literal["cpw", "microstrip", "isolated"] = "cpw"
    ground_gap: str = "10 um"
    substrate: str = "Si"
    epsilon_r: Optional[float] = None
    height: Optional[str] = None


class SuperinductorSpec(_Spec):
    inductance: Optional[str] = None
    E_L: Optional[str] = None
    width: str = "100 nm"
    pitch: Optional[str] = None
    turn: Literal["square", "round", "optimal"] = "round"
    line: LineSpec = LineSpec()
    min_f_self: Optional[str] = None


class ChainSpec(_Spec):
    """A Josephson-junction chain built for the same target inductance, for comparison."""

    E_J: str
    C_J: str
    C_0: str
    a: str = "1 um"


class JunctionSpec(_Spec):
    E_J: Optional[str] = None
    I_c: Optional[str] = None
    R_n: Optional[str] = None
    gap: Optional[str] = None
    E_C: Optional[str] = None
    C: Optional[str] = None


class FluxSpec(_Spec):
    start: float = 0.0
    stop: float = 1.0
    points: int = Field(default=101, ge=1)


class QubitSpec(_Spec):
    kind: Literal["rfsquid", "qps", "zeropi", "cos2phi"]
    flux: FluxSpec = FluxSpec()
    levels: int = Field(default=4, ge=2)
    E_S: Optional[str] = None
    wire_length: Optional[str] = None
    E_C: Optional[str] = None
    C_shunt: Optional[str] = None
    ng: float = 0.0


class LayoutSpec(_Spec):
    process: str = "default"


class Design(_Spec):
    name: str
    description: str = ""
    film: FilmSpec
    superinductor: SuperinductorSpec
    junction: Optional[JunctionSpec] = None
    qubit: QubitSpec
    layout: LayoutSpec = LayoutSpec()
    jjchain: Optional[ChainSpec] = None
    source: str = Field(default="", exclude=True)


# ----------------------------------------------------------------------------------------- loading

def _fields_of(model, path: list) -> list[str]:
    """Known field names at ``path`` of the Design schema (for 'did you mean')."""
    cls = model
    for p in path:
        ann = cls.model_fields.get(p) if isinstance(p, str) else None
        if ann is None:
            break
        t = ann.annotation
        args = getattr(t, "__args__", ())
        cls = next((a for a in (t, *args) if isinstance(a, type) and issubclass(a, BaseModel)), None)
        if cls is None:
            return []
    return list(cls.model_fields) if cls else []


def _explain(exc: ValidationError, where: str) -> InputError:
    err = exc.errors()[0]
    loc = [p for p in err["loc"] if not isinstance(p, int)]
    path = ".".join(str(p) for p in loc) or "(top level)"
    if err["type"] == "extra_forbidden":
        known = _fields_of(Design, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.5)
        hint = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(known)})"
        return InputError(f"{where}: unknown field '{path}'{hint}")
    if err["type"] == "missing":
        return InputError(f"{where}: missing field '{path}'")
    return InputError(f"{where}: field '{path}': {err['msg']}")


def parse_design(data: dict, where: str = "design") -> Design:
    """Validate a design mapping and every unit in it (InputError naming ``where`` and the field)."""
    try:
        design = Design(**data, source=where)
    except ValidationError as exc:
        raise _explain(exc, where) from None
    except TypeError as exc:
        raise InputError(f"{where}: {exc}") from None
    try:
        resolve(design)
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None
    return design


def load_design(path) -> Design:
    """Read and validate a TOML design file."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"design file {p} does not exist")
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{p}: not valid TOML ({exc})") from None
    return parse_design(data, str(p))


# ----------------------------------------------------------------------------------------- resolution

def _q(spec, field: str, kind: str, path: str):
    from .units import parse_quantity

    value = getattr(spec, field)
    return None if value is None else parse_quantity(value, kind, f"{path}.{field}")


def _energy(spec, field: str, path: str):
    from .units import parse_energy_ghz

    value = getattr(spec, field)
    return None if value is None else parse_energy_ghz(value, f"{path}.{field}")


def make_film_from(spec: FilmSpec):
    """The Film of a design (units parsed; errors name film.FIELD)."""
    from .constants import GHz
    from .film import make_film
    from .units import check_value

    gap = _energy(spec, "gap", "film")
    for name in ("gap_ratio", "gamma"):
        if getattr(spec, name) is not None:
            check_value(getattr(spec, name), f"film.{name}")
    return make_film(spec.material, _q(spec, "R_sq", "resistance", "film"), Tc_K=_q(spec, "Tc", "temperature", "film"),
                     Delta0_J=gap * GHz if gap else None, gap_ratio=spec.gap_ratio,
                     thickness_m=_q(spec, "thickness", "length", "film"), Tc0_K=_q(spec, "Tc0", "temperature", "film"),
                     gamma=spec.gamma, diffusion_m2_per_s=_q(spec, "diffusion", "diffusion", "film"))


def temperature_of(spec: FilmSpec) -> float:
    from .units import parse_quantity

    text = spec.temperature.strip()
    return 0.0 if text in ("0 K", "0K") else parse_quantity(text, "temperature", "film.temperature")


def make_line(kind: str, ground_gap, substrate: str, epsilon_r, height, name=lambda f: f"superinductor.line.{f}"):
    """The wire's electromagnetic environment from unit strings (design file or CLI); ``name(field)`` spells a
    field in error messages ("superinductor.line.height" in a design, "--height" at the CLI)."""
    from .units import check_value, parse_quantity
    from .wire import SUBSTRATES, CoplanarLine, IsolatedLine, MicrostripLine

    eps = epsilon_r if epsilon_r is not None else SUBSTRATES.get(substrate)
    if eps is None:
        raise InputError(f"{name('substrate')}: unknown '{substrate}'; choose {', '.join(SUBSTRATES)} "
                         f"or give {name('epsilon_r')}")
    check_value(eps, name("epsilon_r"))
    if kind == "cpw":
        return CoplanarLine(parse_quantity(ground_gap, "length", name("ground_gap")), eps)
    if kind == "microstrip":
        if height is None:
            raise InputError(f"{name('height')}: a microstrip line needs a height, e.g. '1 um'")
        return MicrostripLine(parse_quantity(height, "length", name("height")), eps)
    if kind == "isolated":
        return IsolatedLine()
    raise InputError(f"{name('kind')}: unknown line '{kind}'; choose cpw, microstrip or isolated")


def target_inductance(inductance, E_L, names=("superinductor.inductance", "superinductor.E_L")) -> float:
    """Target L [H] from an inductance ("300 nH") or E_L = (Φ0/2π)²/L ("0.5 GHz", scqubits); exactly one."""
    from .constants import GHz, phi0_reduced
    from .units import parse_energy_ghz, parse_quantity

    if (inductance is None) == (E_L is None):
        raise InputError(f"give exactly one target: {names[0]} (e.g. '300 nH') or {names[1]} (e.g. '0.5 GHz')")
    if inductance is not None:
        return parse_quantity(inductance, "inductance", names[0])
    return phi0_reduced**2 / (parse_energy_ghz(E_L, names[1]) * GHz)


def resolve(design: Design) -> dict:
    """Physical objects of a design: film, temperature, wire, line, optional JJ chain (validates all units)."""
    from .jjchain import chain_for_inductance
    from .wire import wire_for_inductance

    film = make_film_from(design.film)
    T = temperature_of(design.film)
    s = design.superinductor
    width = _q(s, "width", "length", "superinductor")
    pitch = _q(s, "pitch", "length", "superinductor")
    if pitch is not None and pitch <= width:
        raise InputError(f"superinductor.pitch ({pitch * 1e9:.0f} nm) must exceed the width ({width * 1e9:.0f} nm)")
    L = target_inductance(s.inductance, s.E_L)
    from .layout import load_process

    try:
        load_process(design.layout.process)
    except InputError as exc:
        raise InputError(f"layout.process: {exc}") from None
    wire = wire_for_inductance(film, L, width, make_line(s.line.kind, s.line.ground_gap, s.line.substrate,
                                                      s.line.epsilon_r, s.line.height), T)
    out = {"film": film, "temperature_K": T, "wire": wire, "target_L_H": L,
           "meander_gap_m": (pitch - width) if pitch else width,
           "min_f_self_Hz": _q(s, "min_f_self", "frequency", "superinductor")}
    if design.jjchain is not None:
        c = design.jjchain
        out["chain"] = chain_for_inductance(L, _energy(c, "E_J", "jjchain"), _q(c, "C_J", "capacitance", "jjchain"),
                                            _q(c, "C_0", "capacitance", "jjchain"), _q(c, "a", "length", "jjchain"))
    return out


# ----------------------------------------------------------------------------------------- sweeps

#: unit kind of each sweepable string field (SI unit of the sweep axis)
_FIELD_KINDS = {
    "film.R_sq": "resistance", "film.Tc": "temperature", "film.thickness": "length", "film.Tc0": "temperature",
    "film.temperature": "temperature", "film.diffusion": "diffusion",
    "superinductor.inductance": "inductance", "superinductor.width": "length", "superinductor.pitch": "length",
    "superinductor.line.ground_gap": "length", "superinductor.line.height": "length",
    "junction.I_c": "current", "junction.R_n": "resistance", "junction.C": "capacitance",
    "qubit.wire_length": "length", "qubit.C_shunt": "capacitance",
}
_ENERGY_FIELDS = {"film.gap", "superinductor.E_L", "junction.E_J", "junction.E_C", "junction.gap", "qubit.E_S",
                  "qubit.E_C"}
_NUMBER_FIELDS = {"film.gap_ratio", "film.gamma", "superinductor.line.epsilon_r", "qubit.flux.start",
                  "qubit.flux.stop", "qubit.flux.points", "qubit.levels", "qubit.ng"}


def sweepable_fields() -> list[str]:
    return sorted([*_FIELD_KINDS, *_ENERGY_FIELDS, *_NUMBER_FIELDS])


def field_unit(design: Design, field: str) -> str:
    """SI unit of a sweep axis over ``field`` ('GHz' for energies, '' for numbers)."""
    from .units import KINDS

    if field in _FIELD_KINDS:
        return KINDS[_FIELD_KINDS[field]][0]
    if field in _ENERGY_FIELDS:
        return "GHz"
    if field in _NUMBER_FIELDS:
        return ""
    close = difflib.get_close_matches(field, sweepable_fields(), n=1, cutoff=0.4)
    hint = f"; did you mean '{close[0]}'?" if close else f" (sweepable: {', '.join(sweepable_fields())})"
    raise InputError(f"cannot vary '{field}'{hint}")


def set_field(design: Design, field: str, value: float) -> Design:
    """A new validated Design with ``field`` set to ``value`` (a float in ``field_unit(design, field)``)."""
    unit = field_unit(design, field)
    data = design.model_dump(exclude_none=True)
    node = data
    *parents, leaf = field.split(".")
    for p in parents:
        node = node.setdefault(p, {})
    if field in ("qubit.flux.points", "qubit.levels"):
        node[leaf] = int(round(value))
    elif unit == "":
        node[leaf] = float(value)
    else:
        node[leaf] = f"{float(value)!r} {unit}"
    if field == "superinductor.E_L":
        node.pop("inductance", None)
    if field == "superinductor.inductance":
        node.pop("E_L", None)
    return parse_design(data, design.source or "design")


def scalar_results(design: Design) -> dict[str, tuple[float, str]]:
    """Every scalar number of one design point: name → (value, unit). Pure; used by sweeps."""
    from .build import evaluate

    return evaluate(design, with_layout=False).scalars()


