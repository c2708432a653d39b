"""A resonator's geometry (TOML ``[resonator]``) and the inversion f0 → L_k,□.

A λ/4 or λ/2 CPW has f0 = 1/(nℓ√(L'C')), n = 4 or 2, L' = L_k,□/w + L'_geo (Göppl et al., J. Appl. Phys. 104,
113904 (2008); ground-plane L_k neglected as in ``superind.wire``); a lumped one f0 = 1/(2π√((N_□L_k,□ + L_geo)C)).
Inverting f0 gives L_k,□ and α = L_k/(L_k + L_geo). Their σ adds, in quadrature, the fit's (σ(L)/L = 2σ(f0)/f0)
and the geometry's: each dimension's relative tolerance (DEFAULT_TOLERANCES unless the file's
``[resonator.tolerance]`` gives them) times the derivative of the inversion. Theory: docs/theory/fits.md.
"""
from __future__ import annotations

import difflib
import math
from dataclasses import dataclass
from typing import Optional

from ..errors import InputError

#: relative 1σ tolerances assumed for the drawn geometry when the file gives none: lithographic width and gap of a
#: µm-scale CPW (±5 %), length (±0.1 %), substrate permittivity at millikelvin (Si 11.45–11.9: ±2 %), and for a
#: lumped resonator its squares (±3 %), simulated capacitance (±5 %) and geometric inductance (±10 %)
DEFAULT_TOLERANCES = {"cpw": {"length": 0.001, "width": 0.05, "gap": 0.05, "epsilon_r": 0.02},
                      "lumped": {"squares": 0.03, "capacitance": 0.05, "geometric_inductance": 0.10}}
_ATTR = {"length": "length_m", "width": "width_m", "gap": "gap_m", "epsilon_r": "epsilon_r", "squares": "squares",
         "capacitance": "capacitance_F", "geometric_inductance": "L_geo_H"}
GEOMETRY_KINDS = {"cpw_quarter_wave": 4, "cpw_half_wave": 2, "lumped": None}
_FIELDS = {"cpw": {"length": "length", "width": "length", "gap": "length", "substrate": None, "epsilon_r": None},
           "lumped": {"squares": None, "capacitance": "capacitance", "geometric_inductance": "inductance"}}


@dataclass(frozen=True)
class ResonatorGeometry:
    """A CPW λ/4 (``cpw_quarter_wave``) or λ/2 (``cpw_half_wave``) resonator of centre ``width_m``, ``gap_m``,
    ``length_m`` on a substrate ``epsilon_r``; or a ``lumped`` one: ``squares`` of film, ``capacitance_F`` and a
    geometric inductance ``L_geo_H``. SI units."""

    kind: str
    length_m: Optional[float] = None
    width_m: Optional[float] = None
    gap_m: Optional[float] = None
    epsilon_r: Optional[float] = None
    squares: Optional[float] = None
    capacitance_F: Optional[float] = None
    L_geo_H: float = 0.0
    tolerances: Optional[dict] = None  #: relative 1σ per field; None: DEFAULT_TOLERANCES
    tolerances_given: bool = False

    def tolerance_table(self) -> dict:
        """Relative 1σ of each geometric input (the file's, else DEFAULT_TOLERANCES)."""
        return self.tolerances or DEFAULT_TOLERANCES["lumped" if self.kind == "lumped" else "cpw"]

    def line_per_length(self) -> tuple[float, float]:
        """(L'_geo [H/m], C' [F/m]) = ((μ0/4)K(k')/K(k), 2ε0(ε_r+1)K(k)/K(k')), k = w/(w+2s): the CPW of
        ``superind.lines.CoplanarLine`` (Ghione & Naldi 1984)."""
        from ..lines import CoplanarLine

        return CoplanarLine(self.gap_m, self.epsilon_r).per_length(self.width_m)

    def _lumped(self) -> tuple[float, float, float]:
        """(L_geo, C, N_□) of the mode written as f0 = 1/(2π√((N_□L_k,□ + L_geo)C)); for the CPW
        f0 = 1/(nℓ√(L'C')) gives L_geo = L'_geo ℓ, C = C'ℓ n²/(2π)², N_□ = ℓ/w."""
        if self.kind == "lumped":
            return self.L_geo_H, self.capacitance_F, self.squares
        n = GEOMETRY_KINDS[self.kind]
        lg, c = self.line_per_length()
        return lg * self.length_m, c * self.length_m * n**2 / (2 * math.pi) ** 2, self.length_m / self.width_m

    def f0_Hz(self, L_k_sq_H: float) -> float:
        """Resonance frequency [Hz] for a film of sheet kinetic inductance ``L_k_sq_H``."""
        lg, c, sq = self._lumped()
        return 1 / (2 * math.pi * math.sqrt((L_k_sq_H * sq + lg) * c))

    def _invert(self, f0_Hz: float) -> tuple[float, float]:
        lg, c, sq = self._lumped()
        total = 1 / ((2 * math.pi * f0_Hz) ** 2 * c)
        return (total - lg) / sq, (total - lg) / total

    def kinetic_inductance(self, f0_Hz: float, f0_std_Hz: float = 0.0) -> dict:
        """Invert f0 → L_k,□ = (1/((2πf0)²C) − L_geo)/N_□ and α = L_k/(L_k + L_geo) with their σ: the fit's
        (σ(L)/L = 2σ(f0)/f0) and the geometry's (relative tolerance × central-difference derivative, per field),
        added in quadrature; both parts and the tolerances used are returned."""
        from dataclasses import replace

        lg, c, sq = self._lumped()
        total = 1 / ((2 * math.pi * f0_Hz) ** 2 * c)
        if total <= lg:
            raise InputError(f"f0 = {f0_Hz / 1e9:.6g} GHz is at or above the geometric-only resonance "
                             f"{self.f0_Hz(0.0) / 1e9:.6g} GHz: the resonator geometry does not match the measurement")
        lk, alpha = self._invert(f0_Hz)
        rel = 2 * f0_std_Hz / f0_Hz
        fit_l, fit_a = total * rel / sq, (1 - alpha) * rel
        geo_l2 = geo_a2 = 0.0
        for key, tol in self.tolerance_table().items():
            x = getattr(self, _ATTR[key])
            if not x or not tol:
                continue
            hi, lo = (replace(self, **{_ATTR[key]: x * (1 + e)})._invert(f0_Hz) for e in (1e-4, -1e-4))
            geo_l2 += ((hi[0] - lo[0]) / 2e-4 * tol) ** 2
            geo_a2 += ((hi[1] - lo[1]) / 2e-4 * tol) ** 2
        return {"L_k_sq_H": lk, "L_k_sq_H_std": math.hypot(fit_l, math.sqrt(geo_l2)), "L_k_sq_H_std_fit": fit_l,
                "L_k_sq_H_std_geometry": math.sqrt(geo_l2), "kinetic_fraction": alpha,
                "kinetic_fraction_std": math.hypot(fit_a, math.sqrt(geo_a2)), "kinetic_fraction_std_fit": fit_a,
                "kinetic_fraction_std_geometry": math.sqrt(geo_a2), "geometry_tolerances": self.tolerance_table(),
                "geometry_tolerances_source": "the geometry file" if self.tolerances_given else "assumed defaults"}


def load_geometry(source) -> ResonatorGeometry:
    """A ResonatorGeometry from a TOML file (path) or mapping with a ``[resonator]`` table of unit strings:
    kind = "cpw_quarter_wave" | "cpw_half_wave" (length, width, gap, substrate or epsilon_r) | "lumped"
    (squares, capacitance, optional geometric_inductance)."""
    from ..lines import SUBSTRATES
    from ..textfiles import read_toml
    from ..units import parse_number, parse_quantity

    data, where = (source, "geometry") if isinstance(source, dict) else (read_toml(source, "geometry file"),
                                                                         str(source))
    table = data.get("resonator")
    kind = table.get("kind") if isinstance(table, dict) else None
    kind = kind if isinstance(kind, str) else None
    if kind not in GEOMETRY_KINDS:
        raise InputError(f"{where}: needs a [resonator] table with kind = one of {', '.join(GEOMETRY_KINDS)}")
    fields = _FIELDS["lumped" if kind == "lumped" else "cpw"]
    v = {}
    tolerances = _tolerances(table.get("tolerance"), fields, where)
    for key, value in table.items():
        if key in ("kind", "tolerance"):
            continue
        if key not in fields:
            close = difflib.get_close_matches(key, fields, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(fields)})"
            raise InputError(f"{where}: unknown field 'resonator.{key}' for kind {kind}{hint}")
        unit, name = fields[key], f"resonator.{key}"
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            what = "name" if key == "substrate" else "number with its unit, e.g. '10 um'" if unit else "number"
            raise InputError(f"{where}: resonator.{key} = {value!r}: give a {what} (a {type(value).__name__} was "
                             "given)")
        v[key] = (value if key == "substrate" else parse_quantity(value, unit, name) if unit
                  else parse_number(value, name))
    need = ("squares", "capacitance") if kind == "lumped" else ("length", "width", "gap")
    missing = [k for k in need if k not in v]
    if missing:
        raise InputError(f"{where}: missing field 'resonator.{missing[0]}' for kind {kind}")
    tol = dict(tolerances=tolerances, tolerances_given=tolerances is not None)
    if kind == "lumped":
        return ResonatorGeometry(kind, squares=v["squares"], capacitance_F=v["capacitance"],
                                 L_geo_H=v.get("geometric_inductance", 0.0), **tol)
    eps = v.get("epsilon_r", SUBSTRATES.get(v.get("substrate", "Si")))
    if eps is None:
        raise InputError(f"{where}: resonator.substrate '{v['substrate']}': choose {', '.join(SUBSTRATES)} "
                         "or give epsilon_r")
    return ResonatorGeometry(kind, length_m=v["length"], width_m=v["width"], gap_m=v["gap"], epsilon_r=eps, **tol)


def _tolerances(table, fields, where) -> Optional[dict]:
    """``[resonator.tolerance]``: relative 1σ per field as a fraction (0.05) or a percentage ("5 %"); fields not
    named keep their default."""
    if table is None:
        return None
    kind = "lumped" if "squares" in fields else "cpw"
    if not isinstance(table, dict):
        raise InputError(f"{where}: resonator.tolerance must be a table such as {{ width = \"5 %\" }}")
    out = dict(DEFAULT_TOLERANCES[kind])
    for key, value in table.items():
        if key not in out:
            raise InputError(f"{where}: resonator.tolerance.{key}: known fields are {', '.join(out)}")
        text = str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None
        try:
            x = float(text[:-1]) / 100 if text and text.endswith("%") else float(text)
        except (TypeError, ValueError):
            x = math.nan
        if not 0 <= x < 1:
            raise InputError(f"{where}: resonator.tolerance.{key} = {value!r}: give a fraction below 1 (0.05) or "
                             "a percentage (\"5 %\")")
        out[key] = x
    return out
