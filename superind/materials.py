"""The material database: one YAML file per film material, validated on load.

Shipped files live in ``material_db/`` (inside the wheel as ``superind/_data/material_db``). A user adds or
overrides materials with YAML files in ``$SUPERIND_MATERIALS`` (a directory, or several joined by ``os.pathsep``)
or in ``~/.config/superind/materials``. A user file whose ``name`` equals a shipped one replaces it.
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
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min {self.min} > max {self.max}")
        return self

    def contains(self, x: float) -> bool:
        return (self.min is None or x >= self.min) and (self.max is None or x <= self.max)


class Sourced(_Strict):
    """One value with its source; value may be null when no source gives it (then it stays a user input)."""

    value: Optional[float] = None
    source: str
    note: str = ""


class Finkelstein(_Strict):
    """Parameters of Finkel'stein's T_c(R_sq) (PHYSICS.md §5.1); null where no source gives them."""

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
    gap_ratio_default_source: str = "BCS weak coupling, π e^{-γ_E} = 1.764 (PHYSICS.md §1.1)"
    diffusion_cm2_per_s: Sourced
    dBc2_dT_T_per_K: Sourced
    finkelstein: Finkelstein
    critical_R_sq_ohm: Range
    films: list[FilmRecord] = []
    origin: str = ""  # file it was read from (filled by the loader)


def _shipped_dir() -> Path:
    packaged = resources.files("superind") / "_data" / "material_db"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "material_db"


def user_dirs() -> list[Path]:
    """Directories searched for user materials: $SUPERIND_MATERIALS, then ~/.config/superind/materials."""
    env = os.environ.get("SUPERIND_MATERIALS", "")
    dirs = [Path(p).expanduser() for p in env.split(os.pathsep) if p]
    dirs.append(USER_DIR_DEFAULT.expanduser())
    return dirs


def _load_file(path: Path) -> Material:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
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


@lru_cache(maxsize=8)
def _database(user_key: tuple[str, ...]) -> dict[str, Material]:
    materials: dict[str, Material] = {}
    for folder in [_shipped_dir(), *map(Path, user_key)]:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.y*ml")):
            m = _load_file(path)
            materials[_key(m.name)] = m
    return materials


def all_materials() -> list[Material]:
    """Every material, shipped and user, sorted by name."""
    db = _database(tuple(str(d) for d in user_dirs()))
    return sorted(db.values(), key=lambda m: m.name.lower())


def get_material(name: str) -> Material:
    """Look up a material by name or alias (case, spaces and punctuation ignored); suggest close names."""
    if isinstance(name, Material):
        return name
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
