"""Device specs: one set of pydantic models filled by design files (TOML), CLI options and Python callers.

Quantity fields accept a unit string (``"100 nm"``), a pint quantity or — from Python only — an SI float; a
validated spec holds SI floats (Hamiltonian energies as E/h in GHz). Design files and the CLI are validated with
``strict_units`` so a bare number is rejected where a unit is needed. Cross-field rules (pitch > width, exactly one
inductance target, a junction for the kinds that need one, …) run once on the whole spec; every error names the
file (if any) and the field path. A sweep point is ``spec_with(spec, {field: value, …})`` validated once, so the
order of the sweep axes never matters (``superind.design.fields``).
"""
from __future__ import annotations

import difflib
from pathlib import Path
from typing import Literal, Optional

from pydantic import (BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator)

from ..errors import InputError
from .fieldtypes import (Capacitance, Current, Diffusion, Energy, FluxValue, Frequency, Inductance, Length, Number,
                         OperatingTemperature, PositiveNumber, QualityFactor, RelativeSpread, Resistance,
                         SheetInductance, Temperature, Time, Unit, metadata, number)


class _SpecMeta(type(BaseModel)):
    """Calling a spec class from Python (``DesignSpec(film={...})``) raises the project's one-line ``SpecError``
    (an ``InputError``) instead of pydantic's report; validation of files and options (``model_validate``, with
    its context) is untouched."""

    def __call__(cls, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except ValidationError as exc:
            raise SpecError(exc, cls) from None


class Spec(BaseModel, metaclass=_SpecMeta):
    """Base of every spec: unknown fields are errors; validated specs are frozen (hashable, comparable).

    Built from Python (``DesignSpec(film={...}, ...)``) a bad field raises the project's one-line ``InputError``
    naming the field path; a field cannot be assigned (specs are values): ``spec.with_(**{"superinductor.width":
    "80 nm"})`` returns a new spec. The repr writes every dimensional value with its unit (``width='100 nm'``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)  # every number finite

    def __setattr__(self, name, value):
        if name.startswith("_"):
            return super().__setattr__(name, value)
        raise InputError(f"{type(self).__name__}.{name}: specs cannot be changed in place; make a new one with "
                         f"spec.with_(**{{'{name}': ...}}) (dotted paths from the design, e.g. "
                         "spec.with_(**{'superinductor.width': '80 nm'}))")

    def __repr_args__(self):
        from ..format import eng, ghz

        for name, info in type(self).model_fields.items():
            value = getattr(self, name)
            if value is None or value == info.default:
                continue
            unit = next((m.unit for m in metadata(info) if isinstance(m, Unit)), None)
            if unit and isinstance(value, float):
                yield name, ghz(value) if unit == "GHz" else eng(value, unit.replace("ohm", "Ω"))
            else:
                yield name, value


class FilmSpec(Spec):
    """The film: material, normal-state sheet resistance just above T_c, T_c or the gap, operating temperature."""

    material: str
    R_sq: Optional[Resistance] = None
    Tc: Optional[Temperature] = None
    gap: Optional[Energy] = None
    gap_ratio: Optional[PositiveNumber] = None
    thickness: Optional[Length] = None
    Tc0: Optional[Temperature] = None
    gamma: Optional[PositiveNumber] = None
    diffusion: Optional[Diffusion] = None
    L_k_sq: Optional[SheetInductance] = None
    R_sq_300K: Optional[Resistance] = None
    pair_breaking: number(ge=0) = 0.0
    temperature: OperatingTemperature = 0.0


class LineSpec(Spec):
    """The superinductor's electromagnetic environment (cpw: ground planes in the film plane; microstrip: ground
    plane at ``height`` below; isolated: no ground)."""

    kind: Literal["cpw", "microstrip", "isolated"] = "cpw"
    ground_gap: Length = 10e-6
    substrate: str = "Si"
    epsilon_r: Optional[PositiveNumber] = None
    height: Optional[Length] = None


#: the superinductor's targets: exactly one is given
TARGETS = ("inductance", "E_L", "length", "squares")


class SuperinductorSpec(Spec):
    """The superinductor wire: one target — ``inductance``, scqubits ``E_L`` = (Φ0/2π)²/L, the drawn centreline
    ``length`` or the electrical ``squares`` (corner-corrected, as the layout counts them) — width, meander pitch, turn
    style, and the cell it is drawn as (default by qubit kind: loop for rfsquid, closed loop for qps, the ring of two
    superinductors and two junctions for zeropi and cos2phi, a plain meander otherwise) — the self-resonances are those of the drawn
    meander."""

    inductance: Optional[Inductance] = None
    E_L: Optional[Energy] = None
    length: Optional[Length] = None
    squares: Optional[PositiveNumber] = None
    width: Length = 100e-9
    pitch: Optional[Length] = None
    turn: Literal["square", "round", "optimal"] = "round"
    line: LineSpec = LineSpec()
    min_f_self: Optional[Frequency] = None
    cell: Optional[Literal["meander", "loop", "closed_loop", "zeropi", "ring"]] = None

    @model_validator(mode="after")
    def _rules(self):
        if sum(getattr(self, t) is not None for t in TARGETS) != 1:
            raise ValueError("superinductor: give exactly one target: inductance (e.g. '300 nH'), E_L "
                             "(e.g. '0.5 GHz'), the drawn length (e.g. '30 um') or the electrical squares")
        if self.pitch is not None and self.pitch <= self.width:
            raise ValueError(f"superinductor.pitch ({self.pitch * 1e9:.0f} nm) must exceed the width "
                             f"({self.width * 1e9:.0f} nm)")
        return self


class ChainSpec(Spec):
    """A Josephson-junction chain built for the same target inductance, for comparison."""

    E_J: Energy
    C_J: Capacitance
    C_0: Capacitance
    a: Length = 1e-6


class JunctionSpec(Spec):
    """The Josephson junction: exactly one of E_J, I_c or R_n (+ its own gap, Ambegaokar–Baratoff); E_C or C."""

    E_J: Optional[Energy] = None
    I_c: Optional[Current] = None
    R_n: Optional[Resistance] = None
    gap: Optional[Energy] = None
    E_C: Optional[Energy] = None
    C: Optional[Capacitance] = None

    @model_validator(mode="after")
    def _rules(self):
        if sum(x is not None for x in (self.E_J, self.I_c, self.R_n)) != 1:
            raise ValueError("junction: give exactly one of E_J, I_c or R_n")
        if self.R_n is not None and self.gap is None:
            raise ValueError("junction.gap: R_n needs the junction's own gap Δ (e.g. '182.4 ueV' for Al)")
        if self.E_C is not None and self.C is not None:
            raise ValueError("junction: give E_C or C, not both")
        return self


class FluxSpec(Spec):
    """Flux points Φ_ext/Φ0 from ``start`` to ``stop`` inclusive. Also written "START:STOP:N" or one value."""

    start: FluxValue = 0.0
    stop: FluxValue = 1.0
    points: int = Field(default=101, ge=1)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value):
        """'0:1:101' → start, stop, points; one number (or its text) → that single flux point."""
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return {"start": value, "stop": value, "points": 1}
        if not isinstance(value, str):
            return value
        parts = value.split(":")
        try:
            if len(parts) == 1:
                return {"start": float(parts[0]), "stop": float(parts[0]), "points": 1}
            if len(parts) == 3:
                return {"start": float(parts[0]), "stop": float(parts[1]), "points": int(parts[2])}
        except ValueError:
            pass
        raise ValueError(f"'{value}': give START:STOP:N in units of Φ0 (e.g. 0:1:101) or one value")

    @field_validator("points")
    @classmethod
    def _bounded(cls, v: int) -> int:
        from ..limits import check_count

        try:
            return check_count(v, "max_flux_points", "points", "qubit.flux.points")
        except InputError as exc:
            raise ValueError(str(exc)) from None


#: the flux range of each qubit kind when the design gives none: a period (0–1 Φ0), the 0-π's half period (its
#: spectrum is symmetric about ½), the cos2φ at its operating point Φ0/2
DEFAULT_FLUX = {"rfsquid": "0:1:101", "qps": "0:1:101", "zeropi": "0:0.5:6", "cos2phi": "0.5"}


class QubitSpec(Spec):
    """The qubit: kind, flux range (default by kind: ``DEFAULT_FLUX``), levels, operating flux (coherence, matrix
    elements), kind-specific parts, and ``modes``: how many of the superinductor's own modes join the Hamiltonian
    (0 = the single-mode model)."""

    kind: Literal["rfsquid", "qps", "zeropi", "cos2phi"]
    flux: FluxSpec = None  # type: ignore[assignment]  (filled from DEFAULT_FLUX)
    levels: int = Field(default=4, ge=2, le=50)  # a design reads a handful of levels
    at: Optional[FluxValue] = None
    E_S: Optional[Energy] = None
    E_C: Optional[Energy] = None
    C_shunt: Optional[Capacitance] = None
    ng: Number = 0.0
    dL: Number = 0.0
    modes: int = Field(default=0, ge=0, le=6)

    @model_validator(mode="before")
    @classmethod
    def _default_flux(cls, data):
        if isinstance(data, dict) and data.get("flux") is None and data.get("kind") in DEFAULT_FLUX:
            data = {**data, "flux": DEFAULT_FLUX[data["kind"]]}
        return data

    @model_validator(mode="after")
    def _rules(self):
        if self.E_C is not None and self.C_shunt is not None:
            raise ValueError("qubit: give the shunt's E_C or C_shunt, not both")
        if self.kind in ("zeropi", "cos2phi") and self.E_C is None and self.C_shunt is None:
            raise ValueError(f"qubit.E_C: the {self.kind} qubit needs its shunt capacitor: E_C = e²/2C "
                             "(e.g. '0.04 GHz') or C_shunt")
        return self

    @property
    def operating_flux(self) -> float:
        """Flux of the coherence and matrix-element estimates: ``at``, else ½ when in range, else the start."""
        if self.at is not None:
            return self.at
        lo, hi = sorted((self.flux.start, self.flux.stop))
        return 0.5 if lo <= 0.5 <= hi else self.flux.start


class NoiseSpec(Spec):
    """Coherence assumptions (each printed with its source and range; ``superind.design.coherence``):

    - ``Q_ind`` at ``Q_ind_f_ref``, scaled as (f/f_ref)^``Q_ind_exponent``: the film superinductor's internal Q —
      its total loss, quasiparticles included (``Q_ind_includes_quasiparticles``; set false to add the film's
      quasiparticle loss at ``x_qp`` on top). Default 1e5, flat: single-photon Q_i of disordered-film resonators
      (granular Al, Grünhaupt et al., PRL 121, 117001 (2018)) within 2e4…1e6; a ``Q_ind_range`` given here replaces that
      range, and a film calibrated from a resonator replaces the default;
    - ``x_qp``: quasiparticle density of the junction (scqubits' 3e-6; range 1e-8…1e-5, Catelani & Basko 2018);
    - ``A_flux``: 1/f flux-noise amplitude in Φ0 (1e-6, scqubits; Groszkowski et al., NJP 20, 043053 (2018));
    - ``temperature``: the noise temperature (default the film's operating temperature, else 15 mK);
    - ``T2_target``: the T2 the design must reach (coherence and phase-slip verdicts)."""

    Q_ind: QualityFactor = 1e5
    Q_ind_f_ref: Frequency = 1e9
    Q_ind_exponent: number(ge=-2, le=2) = 0.0
    Q_ind_range: Optional[tuple[QualityFactor, QualityFactor]] = None
    Q_ind_includes_quasiparticles: bool = True
    x_qp: number(ge=0, lt=1) = 3e-6
    A_flux: number(gt=0, lt=1) = 1e-6
    temperature: Optional[Temperature] = None
    T2_target: Time = 100e-6

    @model_validator(mode="after")
    def _range(self):
        if self.Q_ind_range is not None and not self.Q_ind_range[0] <= self.Q_ind <= self.Q_ind_range[1]:
            raise ValueError(f"noise.Q_ind_range {list(self.Q_ind_range)} must contain Q_ind = {self.Q_ind:g}")
        return self


class SpreadSpec(Spec):
    """Device spread: a Monte-Carlo of the film and the fabrication around the drawn device (its length and squares
    fixed as laid out). Relative 1σ as fractions below ½ (a wider Gaussian puts too many samples at negative values
    to describe a spread); ``delta_gap`` = δΔ/Δ of an inhomogeneous film; ``seed`` ≥ 0 (numpy's generators)."""

    samples: int = Field(default=1000, ge=1, le=1_000_000)
    seed: int = Field(default=0, ge=0)
    R_sq: RelativeSpread = 0.0
    Tc: RelativeSpread = 0.0
    gap: RelativeSpread = 0.0
    width: RelativeSpread = 0.0
    thickness: RelativeSpread = 0.0
    E_J: RelativeSpread = 0.0
    delta_gap: RelativeSpread = 0.0


class LayoutSpec(Spec):
    """Fabrication: the process (layer map, grid and design rules: ``layouts/processes/NAME.toml`` or a path), and
    how the superinductor's cell is drawn: an optional ``footprint`` (x, y) the meander body must fit, contact
    ``pads`` at the ends of a plain meander, the wire gap at an RF-SQUID loop's ``junction_gap``."""

    process: str = "default"
    footprint: Optional[tuple[Length, Length]] = None
    pads: bool = True
    junction_gap: Optional[Length] = None


class DesignSpec(Spec):
    """One device, completely: film, superinductor, junction, qubit, layout. Sections may be absent for the
    single-layer commands (a film-only spec is valid; a qubit without a film uses the ideal target inductance)."""

    name: str = "device"
    description: str = ""
    film: Optional[FilmSpec] = None
    superinductor: Optional[SuperinductorSpec] = None
    junction: Optional[JunctionSpec] = None
    qubit: Optional[QubitSpec] = None
    noise: NoiseSpec = NoiseSpec()
    layout: LayoutSpec = LayoutSpec()
    jjchain: Optional[ChainSpec] = None
    spread: Optional[SpreadSpec] = None
    _source: str = PrivateAttr(default="")

    @property
    def source(self) -> str:
        """The design file this spec was read from ('' when built in Python or from CLI options)."""
        return self._source

    def with_(self, **fields) -> "DesignSpec":
        """A new spec with dotted fields set, e.g. ``spec.with_(**{"superinductor.width": "80 nm"})`` (unit strings,
        pint quantities or SI floats), validated as a whole."""
        return self.edited(fields, "with_")

    def edited(self, values: dict, where: str = "design") -> "DesignSpec":
        """A new spec with every dotted field of ``values`` set (:func:`set_fields`: a target replaces the others of
        its group), validated once as a whole; errors name ``where`` and the field."""
        values = {f: (int(round(v)) if f in INTEGER_FIELDS and isinstance(v, float) else
                      float(v) if hasattr(v, "dtype") else v) for f, v in values.items()}
        try:
            out = DesignSpec.model_validate(set_fields(self.model_dump(exclude_none=True), values))
        except ValidationError as exc:
            raise explain(exc, where) from None
        out._source = self.source
        return out

    @field_validator("name")
    @classmethod
    def _safe_name(cls, v: str) -> str:
        from ..files import safe_stem

        try:
            return safe_stem(v)
        except InputError as exc:
            raise ValueError(str(exc)) from None

    @model_validator(mode="after")
    def _rules(self):
        if self.qubit is not None and self.superinductor is None:
            raise ValueError("superinductor: a qubit needs a [superinductor] section")
        if self.qubit is not None and self.qubit.kind != "qps" and self.junction is None:
            raise ValueError(f"junction: the {self.qubit.kind} qubit needs a [junction] section "
                             "(E_J or I_c or R_n, and E_C or C)")
        if self.jjchain is not None and self.superinductor is None:
            raise ValueError("jjchain: a chain is built for the superinductor's target: add [superinductor]")
        return self


#: fields of which a design gives exactly one: setting one removes the others
EXCLUSIVE_GROUPS = [tuple(f"superinductor.{t}" for t in TARGETS),
                     ("junction.E_J", "junction.I_c", "junction.R_n"), ("junction.E_C", "junction.C"),
                     ("qubit.E_C", "qubit.C_shunt")]
#: the integer fields
INTEGER_FIELDS = ("qubit.flux.points", "qubit.levels", "qubit.modes", "spread.samples", "spread.seed")


def set_fields(data: dict, values: dict) -> dict:
    """The design mapping ``data`` (nested dicts, as read from TOML or dumped from a spec) with every dotted field
    of ``values`` set; a field of an exclusive group (one inductance target, one of E_J/I_c/R_n, …) removes the
    group's others. Sections are created as needed. Returns a new mapping."""
    import copy

    out = copy.deepcopy(data)
    for field, value in values.items():
        group = next((g for g in EXCLUSIVE_GROUPS if field in g), (field,))
        for path in group:
            *parents, leaf = path.split(".")
            node = out
            for p in parents:
                node = node.setdefault(p, {}) if isinstance(node.get(p, {}), dict) else node
            if path == field:
                node[leaf] = value
            elif isinstance(node, dict):
                node.pop(leaf, None)
    return out


# ----------------------------------------------------------------------------------------- errors
class SpecError(InputError):
    """A design that does not validate, raised by ``DesignSpec(...)``: the one-line message of its first error,
    and the ``validation`` error itself (so a caller can name the file or the CLI option instead)."""

    def __init__(self, validation: ValidationError, model=None):
        super().__init__(str(explain(validation, getattr(model, "__name__", "DesignSpec"), model=model)))
        self.validation = validation


def _fields_of(model, path: list) -> list[str]:
    """Known field names at ``path`` of the spec schema (for 'did you mean')."""
    cls = model
    for p in path:
        info = cls.model_fields.get(p) if isinstance(p, str) else None
        if info is None:
            break
        t = info.annotation
        cls = next((a for a in (t, *getattr(t, "__args__", ())) if isinstance(a, type) and issubclass(a, BaseModel)),
                   None)
        if cls is None:
            return []
    return list(cls.model_fields) if cls else []


def explain(exc: ValidationError, where: str, names: Optional[dict] = None, model=None) -> InputError:
    """One-line InputError for the first validation error: ``where`` (file) and the field path (or the CLI option
    named in ``names``); ``model`` the spec class validated (default the whole design)."""
    errors = exc.errors()
    inner = errors[0].get("ctx", {}).get("error")
    if isinstance(inner, SpecError):  # raised by DesignSpec.__init__ inside pydantic's own validation
        return explain(inner.validation, where, names, model)
    err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])  # a typo explains a missing field
    loc = [p for p in err["loc"] if not isinstance(p, int)]
    path = ".".join(str(p) for p in loc)
    names = names or {}
    owner = next((p for p in sorted(names, key=len, reverse=True) if path == p or path.startswith(p + ".")), None)
    shown = names[owner] if owner is not None else path  # 'qubit.flux.start' was given as --flux
    msg = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        known = _fields_of(model or DesignSpec, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.5)
        hint = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(known)})"
        return InputError(f"{where}: unknown field '{path}'{hint}")
    if err["type"] == "missing":
        return InputError(f"{where}: missing field '{shown}'")
    if not path:
        return InputError(f"{where}: {msg}")
    return InputError(f"{where}: field '{shown}': {msg}")


def parse_design(data: dict, where: str = "design", *, strict_units: bool = True,
                 names: Optional[dict] = None) -> DesignSpec:
    """Validate a design mapping (from TOML, the CLI or Python) into a spec holding SI floats.

    ``strict_units`` rejects bare numbers for dimensional fields (design files, CLI). Errors name ``where`` and the
    field path, or the CLI option given for that path in ``names``.
    """
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected a table of design fields")
    try:
        return DesignSpec.model_validate(data, context={"strict_units": strict_units})
    except ValidationError as exc:
        raise explain(exc, where, names) from None
    except SpecError as exc:
        raise explain(exc.validation, where, names) from None


def load_design(path) -> DesignSpec:
    """Read and validate a TOML design file (UTF-8, with or without BOM)."""
    from ..textfiles import read_toml

    if not isinstance(path, (str, Path)):
        raise InputError(f"load_design: expected the path of a TOML design file, got {type(path).__name__}")
    p = Path(path)
    spec = parse_design(read_toml(p, "design file"), str(p))
    spec._source = str(p)
    return spec
