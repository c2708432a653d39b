"""Size a superinductor: the wires that reach a target inductance and meet the physicist's constraints.

For each candidate width the length follows from L = (L_k,□/w + L'_g) ℓ (``wire_for_inductance``); each
constraint (minimum first self-resonance, maximum E_S, minimum Z/R_Q, maximum footprint) is checked and the
passing wires are ranked by self-resonance margin. If none passes, the error names the constraint that fails
at the best width and by how much.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional, Sequence

from .errors import InputError
from .film import Film
from .phaseslip import PhaseSlipModel, estimate_phase_slip
from .wire import Line, Wire, wire_for_inductance


@dataclass(frozen=True)
class Constraints:
    """Design constraints (None = not imposed). Footprint = meander area ℓ × pitch, pitch = w + gap."""

    min_f_self_Hz: Optional[float] = None
    max_E_S_GHz: Optional[float] = None
    min_Z_over_RQ: Optional[float] = None
    max_footprint_m2: Optional[float] = None
    gap_over_width: float = 1.0


@dataclass(frozen=True)
class Candidate:
    wire: Wire
    E_S_GHz: Optional[float]
    footprint_m2: float
    shortfalls: dict  # constraint → relative shortfall (> 0 means violated)

    @property
    def ok(self) -> bool:
        return all(v <= 0 for v in self.shortfalls.values())


def _shortfalls(wire: Wire, es: Optional[float], footprint: float, c: Constraints) -> dict:
    out = {}
    grounded = wire.line.grounded
    if c.min_f_self_Hz is not None and grounded:
        out["minimum self-resonance"] = 1 - wire.f_self_Hz / c.min_f_self_Hz
    if c.min_Z_over_RQ is not None and grounded:
        out["minimum Z/R_Q"] = 1 - wire.Z_over_RQ / c.min_Z_over_RQ
    if c.max_E_S_GHz is not None and es is not None:
        out["maximum E_S"] = es / c.max_E_S_GHz - 1
    if c.max_footprint_m2 is not None:
        out["maximum footprint"] = footprint / c.max_footprint_m2 - 1
    return out


def size_wire(film: Film, L_H: float, widths_m: Sequence[float], line: Line, constraints: Constraints = Constraints(),
              phase_slip: PhaseSlipModel | None = None, temperature_K: float = 0.0) -> list[Candidate]:
    """Wires of the given widths with total inductance ``L_H`` that meet ``constraints``, best first
    (highest first self-resonance, then lowest E_S). Raises InputError naming the unmet constraint."""
    cands = []
    for w in widths_m:
        wire = wire_for_inductance(film, L_H, w, line, temperature_K)
        es = estimate_phase_slip(wire, phase_slip).E_S_GHz if film.diffusion_m2_per_s else None
        fp = wire.length_m * w * (1 + constraints.gap_over_width)
        cands.append(Candidate(wire, es, fp, _shortfalls(wire, es, fp, constraints)))
    passing = [c for c in cands if c.ok]
    if not passing:
        best = min(cands, key=lambda c: max(c.shortfalls.values()))
        unmet = [f"{name} missed by {100 * s:.3g} %" for name, s in best.shortfalls.items() if s > 0]
        widths = f"{min(widths_m) * 1e9:.0f}–{max(widths_m) * 1e9:.0f} nm" if len(widths_m) > 1 else \
            f"{widths_m[0] * 1e9:.0f} nm"
        raise InputError(f"target {L_H * 1e9:.4g} nH cannot be met with width {widths}: at the best width "
                         f"{best.wire.width_m * 1e9:.0f} nm the {'; '.join(unmet)}")
    key = lambda c: (-(c.wire.f_self_Hz if c.wire.line.grounded else 0.0),
                     c.E_S_GHz if c.E_S_GHz is not None else math.inf)
    return sorted(passing, key=key)
