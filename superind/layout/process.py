"""A fabrication process: layer map with names, the drawing grid, and minimum width/spacing per layer.

Process files live in ``layouts/processes/NAME.toml`` (shipped inside the wheel as
``superind/_data/layouts/processes``). Lengths in the file carry units ("20 nm"); inside they are SI floats.
Every layout cell is drawn in a gdstk library with ``unit = 1 µm`` and ``precision = grid``, so every vertex
is an integer number of grid steps.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import InputError
from ..textfiles import read_toml
from ..units import parse_quantity

#: the layer roles every process must define (superinductor film, junction, pads/ground, text)
ROLES = ("film", "junction", "pads", "labels")
#: gdstk user unit: coordinates inside gdstk are in micrometres
UNIT_M = 1e-6


@dataclass(frozen=True)
class Layer:
    """One GDS layer: its role name, GDS layer/datatype, design rules in metres (None: no rule), display colour."""

    name: str
    layer: int
    datatype: int
    description: str
    min_width_m: float | None
    min_space_m: float | None
    color: str

    @property
    def spec(self) -> dict:
        """Keyword arguments ``layer=…, datatype=…`` for gdstk constructors."""
        return {"layer": self.layer, "datatype": self.datatype}


@dataclass(frozen=True)
class Process:
    """Layer map and design rules. ``grid_m`` is the drawing grid and the GDS database unit."""

    name: str
    description: str
    grid_m: float
    layers: tuple[Layer, ...]
    source: str

    def layer(self, role: str) -> Layer:
        """The layer with role ``role`` ("film", "junction", "pads", "labels")."""
        for lay in self.layers:
            if lay.name == role:
                return lay
        raise InputError(f"process '{self.name}' has no layer '{role}'; define [layers.{role}] in {self.source}")

    def grid_steps(self, length_m: float) -> int:
        """``length_m`` as a whole number of grid steps (rounded to the nearest step)."""
        return int(round(length_m / self.grid_m))

    @property
    def grid_um(self) -> float:
        """The grid in gdstk user units (µm)."""
        return self.grid_m / UNIT_M


def _shipped_dir() -> Path:
    packaged = resources.files("superind") / "_data" / "layouts" / "processes"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "layouts" / "processes"


def _length(value, name: str, source: str) -> float:
    try:
        return parse_quantity(value, "length", name)
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None


def _parse(path: Path) -> Process:
    data = read_toml(path, "process file")
    src = str(path)
    layers = []
    seen = set()
    for role, spec in data.get("layers", {}).items():
        key = (int(spec.get("layer", -1)), int(spec.get("datatype", 0)))
        if key[0] < 0 or key[0] > 65535 or key in seen:
            raise InputError(f"{src}: layer '{role}' needs a unique GDS layer number 0..65535, got {key}")
        seen.add(key)
        rule = {k: _length(spec[k], f"layers.{role}.{k}", src) if k in spec else None
                for k in ("min_width", "min_space")}
        layers.append(Layer(role, key[0], key[1], str(spec.get("description", role)), rule["min_width"],
                            rule["min_space"], str(spec.get("color", "#808080"))))
    missing = [r for r in ROLES if r not in {lay.name for lay in layers}]
    if missing:
        raise InputError(f"{src}: missing layer(s) {', '.join(missing)}; every process defines {', '.join(ROLES)}")
    grid = _length(data.get("grid", "1 nm"), "grid", src)
    for lay in layers:
        for rule in (lay.min_width_m, lay.min_space_m):
            if rule is not None and abs(rule / grid - round(rule / grid)) > 1e-9:
                raise InputError(f"{src}: rule {rule:g} m of layer '{lay.name}' is not a multiple of the grid")
    return Process(str(data.get("name", path.stem)), str(data.get("description", "")), grid, tuple(layers), src)


@lru_cache(maxsize=32)
def _load_cached(path: str, mtime: float) -> Process:
    return _parse(Path(path))


def available_processes() -> list[str]:
    """Names of the shipped processes."""
    return sorted(p.stem for p in _shipped_dir().glob("*.toml"))


def process_path(name_or_path: str | Path) -> Path:
    """The file a process name ("default": a shipped process) or path ("fab/mine.toml") refers to; it may not
    exist (``load_process`` says so)."""
    text = str(name_or_path)
    path = Path(text).expanduser()
    return path if text.endswith(".toml") or path.parent != Path(".") else _shipped_dir() / f"{text}.toml"


def load_process(name_or_path: str | Path | Process = "default") -> Process:
    """Load a process by shipped name ("default", "coarse") or by the path of a TOML file.

    A ``Process`` is returned unchanged, so functions can take ``process=None | name | Process``.
    """
    if isinstance(name_or_path, Process):
        return name_or_path
    text = str(name_or_path)
    path = process_path(text)
    if not path.is_file():
        raise InputError(f"process '{text}' not found; use one of {', '.join(available_processes())} "
                         f"or the path of a .toml file")
    return _load_cached(str(path.resolve()), path.stat().st_mtime)
