"""The material database: one YAML file per film material, validated on load.

Shipped files live in ``material_db/`` (inside the wheel as ``superind/_data/material_db``). A user adds or
overrides materials with YAML files in ``$SUPERIND_MATERIALS`` (a directory, or several joined by ``os.pathsep``)
or in ``~/.config/superind/materials``. A user file whose ``name`` equals a shipped one replaces it; a folder named in
``$SUPERIND_MATERIALS`` that does not exist, or two user files defining the same name, is an InputError.
Ranges are validated (min ≤ max, a single-source value is not a range: min = max is rejected, physical signs).
"""
from __future__ import annotations

import difflib
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .constants import BCS_GAP_RATIO
from .errors import InputError
from .textfiles import read_text

#: PyYAML's safe loader, in its libyaml (C) build when installed: the same data, ~10× faster to parse
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

USER_DIR_DEFAULT = Path("~/.config/superind/materials")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Range(_Strict):
    """A typical range [min, max] with its source; either bound may be unknown (null)."""

    min: Optional[float] = None
    max: Optional[float] = None
    source: str
    note: str = ""

    @model_validator(mode="after")
    def _ordered(self):
        if self.min is not None and self.max is not None:
            if self.min > self.max:
                raise ValueError(f"min {self.min} > max {self.max}")
            if self.min == self.max:
                raise ValueError(f"min = max = {self.min} is one value, not a range: give the range its source "
                                 "supports and quote the value in 'note'")
        return self

    def check_sign(self, what: str, *, positive: bool) -> None:
        """Reject negative bounds (and zero when ``positive``) with the range's name in the message."""
        for bound in (self.min, self.max):
            if bound is not None and (bound < 0 or (positive and bound == 0)):
                raise ValueError(f"{what}: bound {bound} must be {'> 0' if positive else '≥ 0'}")

    def contains(self, x: float) -> bool:
        return (self.min is None or x >= self.min) and (self.max is None or x <= self.max)


class Sourced(_Strict):
    """One value with its source; value may be null when no source gives it (then it stays a user input)."""

    value: Optional[float] = None
    source: str
    note: str = ""
    representative: bool = False  # True: an order-of-magnitude default, not a measurement of a film


class Finkelstein(_Strict):
    """Parameters of Finkel'stein's T_c(R_sq) (JETP Lett. 45, 46 (1987); docs/theory/film.md); null when unsourced."""

    Tc0_K: Optional[float] = Field(default=None, gt=0)
    gamma: Optional[float] = Field(default=None, gt=2)
    source: str
    note: str = ""


class FilmRecord(_Strict):
    """A published film; every number is copied from the cited source (null = not given there)."""

    id: str
    process: str = ""
    thickness_nm: Optional[float] = Field(default=None, gt=0)
    R_sq_ohm: Optional[float] = Field(default=None, gt=0)
    resistivity_uohm_cm: Optional[float] = Field(default=None, gt=0)
    Tc_K: Optional[float] = Field(default=None, gt=0)
    gap_ratio: Optional[float] = Field(default=None, gt=0)
    Lk_sq_pH: Optional[float] = Field(default=None, gt=0)
    note: str = ""
    source: str


class MeasuredPhaseSlip(_Strict):
    """A measured phase-slip energy of one wire of this film (``superind fit spectrum --kind qps --save-film``): the
    coherent E_S/h [GHz] with its 1σ, the wire's width and length [m], and the film it was made of (R_sq, T_c, D; SI)
    — one such measurement fixes b for the film (``superind.phaseslip_calibration.film_model``)."""

    E_S_GHz: float = Field(gt=0)
    E_S_GHz_std: float = Field(ge=0)
    width_m: float = Field(gt=0)
    length_m: float = Field(gt=0)
    R_sq_ohm: float = Field(gt=0)
    Tc_K: float = Field(gt=0)
    diffusion_m2_per_s: float = Field(gt=0)
    source: str


class MeasuredFilm(_Strict):
    """A calibrated film's measured values (from ``superind fit … --save-film``): L_k,□, R_sq and T_c are used by
    ``make_film`` whenever the design does not give them itself. The loss fields (None when not measured) come
    from resonator fits: ``Q_i`` the low-power internal Q (None when only the bound ``Q_i_lower_95`` is known),
    measured at ``Q_i_f_Hz`` and ``Q_i_T_K``; ``Q_other``, ``F_delta0`` (F·δ⁰), ``n_c`` and ``beta`` from the TLS
    fit Q_i⁻¹ = F·δ⁰ tanh(hf/2k_BT)/(1 + n̄/n_c)^β + Q_other⁻¹ (docs/theory/fits.md)."""

    L_k_sq_H: Optional[float] = Field(default=None, gt=0)
    R_sq_ohm: Optional[float] = Field(default=None, gt=0)
    Tc_K: Optional[float] = Field(default=None, gt=0)
    Q_i: Optional[float] = Field(default=None, gt=0)
    Q_i_lower_95: Optional[float] = Field(default=None, gt=0)
    Q_i_f_Hz: Optional[float] = Field(default=None, gt=0)
    Q_i_T_K: Optional[float] = Field(default=None, gt=0)
    Q_other: Optional[float] = Field(default=None, gt=0)
    F_delta0: Optional[float] = Field(default=None, ge=0)
    n_c: Optional[float] = Field(default=None, gt=0)
    beta: Optional[float] = Field(default=None, gt=0)
    phase_slip: Optional[MeasuredPhaseSlip] = None
    source: str


class Material(_Strict):
    """A film material: typical ranges, Finkel'stein parameters and sourced film records."""

    name: str
    aliases: list[str] = []
    description: str
    R_sq_ohm: Range
    Tc_K: Range
    resistivity_uohm_cm: Range
    gap_ratio: Range
    gap_ratio_default: float = Field(default=BCS_GAP_RATIO, gt=0)
    gap_ratio_default_source: str = "BCS weak coupling, π e^{-γ_E} = 1.764 (Bardeen, Cooper, Schrieffer 1957)"
    diffusion_cm2_per_s: Sourced
    dBc2_dT_T_per_K: Sourced
    finkelstein: Finkelstein
    critical_R_sq_ohm: Range
    resistance_ratio: Range = Range(source="none found in reachable sources")  # R(T_c⁺)/R(300 K)
    films: list[FilmRecord] = []
    measured: Optional[MeasuredFilm] = None
    origin: str = ""  # file it was read from (filled by the loader)

    @model_validator(mode="after")
    def _physical(self):
        for what in ("R_sq_ohm", "Tc_K", "resistivity_uohm_cm", "gap_ratio", "critical_R_sq_ohm", "resistance_ratio"):
            getattr(self, what).check_sign(what, positive=what != "Tc_K")
        if self.Tc_K.max is not None and self.Tc_K.max <= 0:
            raise ValueError(f"Tc_K: max {self.Tc_K.max} must be > 0")
        if self.diffusion_cm2_per_s.value is not None and self.diffusion_cm2_per_s.value <= 0:
            raise ValueError("diffusion_cm2_per_s: value must be > 0")
        return self

    def __hash__(self) -> int:  # lists inside make the pydantic default unhashable; name + file identify it
        return hash((self.name, self.origin))


def _shipped_dir() -> Path:
    packaged = resources.files("superind") / "_data" / "material_db"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "material_db"


def user_dirs() -> list[Path]:
    """Directories searched for user materials: $SUPERIND_MATERIALS, then ~/.config/superind/materials.

    A folder named in $SUPERIND_MATERIALS must exist (InputError naming it); the default folder is optional.
    """
    env = os.environ.get("SUPERIND_MATERIALS", "")
    dirs = [Path(p).expanduser() for p in env.split(os.pathsep) if p]
    for d in dirs:
        if not d.is_dir():
            raise InputError(f"SUPERIND_MATERIALS names '{d}', which is not an existing folder: create it or fix the "
                             "variable")
    default = USER_DIR_DEFAULT.expanduser()
    return dirs + ([default] if default.is_dir() else [])


def _load_file(path: Path) -> Material:
    try:
        data = yaml.load(read_text(path, "material file"), Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise InputError(f"material file {path}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise InputError(f"material file {path}: expected a mapping of fields, got {type(data).__name__}")
    try:
        return Material(**data, origin=str(path))
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"]) or "(top level)"
        raise InputError(f"material file {path}: field '{field}': {err['msg']}") from None


def _key(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())


def reload() -> None:
    """Forget the cached database (not needed after an edit: the cache is keyed by every file's size and
    modification time, so a changed, added or removed material file is always read again)."""
    _database.cache_clear()


def _files() -> tuple[tuple[str, int, int, bool], ...]:
    """(path, size, mtime in ns, shipped?) of every material file, shipped first, then the user folders in order."""
    out = []
    for folder, shipped in [(_shipped_dir(), True), *((d, False) for d in user_dirs())]:
        for path in sorted(folder.glob("*.y*ml")):
            try:
                st = path.stat()
            except OSError:
                continue
            out.append((str(path), st.st_size, st.st_mtime_ns, shipped))
    return tuple(out)


@lru_cache(maxsize=8)
def _database(files: tuple) -> dict[str, Material]:
    materials: dict[str, Material] = {}
    user: dict[str, Material] = {}
    for path, _, _, shipped in files:
        m = _load_file(Path(path))
        if not shipped and _key(m.name) in user:
            raise InputError(f"material '{m.name}' is defined twice: {user[_key(m.name)].origin} and {path}; "
                             "keep one of the two files")
        (materials if shipped else user)[_key(m.name)] = m
    return {**materials, **user}


#: materials pinned for this process (a sweep worker gets the parent's resolved materials): name key → Material
_PINNED: dict[str, Material] = {}


def pin(materials) -> None:
    """Use exactly these ``Material``s (and no file) for their names in this process: a worker of a sweep receives
    the materials its parent resolved, so it cannot compute with a stale or different database."""
    _PINNED.clear()
    _PINNED.update({_key(m.name): m for m in materials})


def all_materials() -> list[Material]:
    """Every material, shipped and user, sorted by name (pinned ones replace files of the same name)."""
    db = {**_database(_files()), **_PINNED}
    return sorted(db.values(), key=lambda m: m.name.lower())


def get_material(name: str) -> Material:
    """Look up a material by name or alias (case, spaces and punctuation ignored); suggest close names."""
    if isinstance(name, Material):
        return name
    if not isinstance(name, str):
        raise InputError(f"material: expected a material name such as 'TiN', got {name!r}")
    mats = all_materials()
    index = {}
    for m in mats:
        for n in [m.name, *m.aliases]:
            index[_key(n)] = m
    if _key(name) in index:
        return index[_key(name)]
    names = [n for m in mats for n in [m.name, *m.aliases]]
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.4)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    known = ", ".join(m.name for m in mats)
    raise InputError(f"unknown material '{name}'{hint} (known: {known}; add your own in $SUPERIND_MATERIALS)")
