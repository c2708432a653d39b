"""A fabrication process: layer map with names, the drawing grid, and minimum width/spacing per layer.

Process files live in ``layouts/processes/NAME.toml`` (shipped inside the wheel as
``superind/_data/layouts/processes``). Lengths in the file carry units ("20 nm"); inside they are SI floats. Every
field is checked when the file is read: known keys only, GDS numbers 0..65535, colours ``#rgb``/``#rrggbb`` or a
basic colour name (stored as ``#rrggbb``), names and descriptions printable text — so what a process file holds can
be written into GDS, SVG, KLayout's XML and the HTML report.
Every layout cell is drawn in a gdstk library with ``unit = 1 µm`` and ``precision = grid``, so every vertex
is an integer number of grid steps.
"""
from __future__ import annotations

import re
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


#: colour names a process file may use (the CSS 2.1 basic colours), with their #rrggbb values
NAMED_COLORS = {"black": "#000000", "silver": "#c0c0c0", "gray": "#808080", "grey": "#808080", "white": "#ffffff",
                "maroon": "#800000", "red": "#ff0000", "purple": "#800080", "fuchsia": "#ff00ff", "green": "#008000",
                "lime": "#00ff00", "olive": "#808000", "yellow": "#ffff00", "navy": "#000080", "blue": "#0000ff",
                "teal": "#008080", "aqua": "#00ffff", "orange": "#ffa500"}
_HEX_COLOR = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
#: the keys of a process file and of one of its layers
PROCESS_KEYS = ("name", "description", "grid", "layers")
LAYER_KEYS = ("layer", "datatype", "description", "min_width", "min_space", "color")
#: the drawing grid a process may set: from 1 pm (GDS databases below that are not portable) to 1 µm
GRID_RANGE_M = (1e-12, 1e-6)
#: longest name or description a process file may give (characters)
MAX_TEXT = 200


def _length(value, name: str, source: str) -> float:
    try:
        return parse_quantity(value, "length", name)
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None


def color_hex(value, name: str, source: str) -> str:
    """A layer colour as ``#rrggbb``: from ``#rgb``, ``#rrggbb`` or a name of ``NAMED_COLORS``. Anything else is
    refused, so the colour can be written into SVG, HTML and KLayout's XML as it is."""
    text = value.strip().lower() if isinstance(value, str) else None
    if text in NAMED_COLORS:
        return NAMED_COLORS[text]
    if text is not None and _HEX_COLOR.fullmatch(text):
        return "#" + "".join(c * 2 for c in text[1:]) if len(text) == 4 else text
    raise InputError(f"{source}: {name} = {value!r} is not a colour; give #rgb, #rrggbb or one of "
                     f"{', '.join(sorted(NAMED_COLORS))}")


def _text(value, name: str, source: str) -> str:
    """A name or description: a string of printable characters (it is written, escaped, into XML and HTML, which
    cannot hold control characters), at most ``MAX_TEXT`` long."""
    if not isinstance(value, str):
        raise InputError(f"{source}: {name} must be text in quotes, got {value!r}")
    if len(value) > MAX_TEXT or any(not ch.isprintable() for ch in value):
        raise InputError(f"{source}: {name} must be at most {MAX_TEXT} printable characters (no control "
                         f"characters or line breaks)")
    return value


def _number(spec: dict, key: str, default, name: str, source: str) -> int:
    """A GDS layer or datatype number: a whole number 0..65535."""
    value = spec.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 65535:
        raise InputError(f"{source}: {name}.{key} must be a whole number 0..65535, got {value!r}")
    return value


def _unknown(keys, known: tuple, where: str, source: str) -> None:
    import difflib

    for key in keys:
        if key not in known:
            near = difflib.get_close_matches(str(key), known, n=1)
            hint = f"did you mean '{near[0]}'?" if near else f"known: {', '.join(known)}"
            raise InputError(f"{source}: unknown field '{where}{key}'; {hint}")


def _parse(path: Path) -> Process:
    data = read_toml(path, "process file")
    src = str(path)
    _unknown(data, PROCESS_KEYS, "", src)
    layers = []
    seen = set()
    tables = data.get("layers", {})
    if not isinstance(tables, dict):
        raise InputError(f"{src}: 'layers' must be tables [layers.NAME], one per layer")
    for role, spec in tables.items():
        where = f"layers.{role}"
        _text(role, f"the layer name '{where}'", src)
        if not isinstance(spec, dict):
            raise InputError(f"{src}: '{where}' must be a table [{where}] with layer, datatype, color …")
        _unknown(spec, LAYER_KEYS, f"{where}.", src)
        key = (_number(spec, "layer", None, where, src), _number(spec, "datatype", 0, where, src))
        if key in seen:
            raise InputError(f"{src}: layer '{role}' needs a unique GDS layer/datatype, got {key} twice")
        seen.add(key)
        rule = {k: _length(spec[k], f"{where}.{k}", src) if k in spec else None for k in ("min_width", "min_space")}
        layers.append(Layer(role, key[0], key[1], _text(spec.get("description", role), f"{where}.description", src),
                            rule["min_width"], rule["min_space"],
                            color_hex(spec.get("color", "#808080"), f"{where}.color", src)))
    missing = [r for r in ROLES if r not in {lay.name for lay in layers}]
    if missing:
        raise InputError(f"{src}: missing layer(s) {', '.join(missing)}; every process defines {', '.join(ROLES)}")
    grid = _length(data.get("grid", "1 nm"), "grid", src)
    if not GRID_RANGE_M[0] <= grid <= GRID_RANGE_M[1]:
        raise InputError(f"{src}: grid {grid:g} m is outside 1 pm … 1 µm; give the drawing grid, e.g. \"1 nm\"")
    for lay in layers:
        for rule in (lay.min_width_m, lay.min_space_m):
            if rule is not None and abs(rule / grid - round(rule / grid)) > 1e-9:
                raise InputError(f"{src}: rule {rule:g} m of layer '{lay.name}' is not a multiple of the grid")
    return Process(_text(data.get("name", path.stem), "name", src), _text(data.get("description", ""), "description",
                                                                          src), grid, tuple(layers), src)


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
