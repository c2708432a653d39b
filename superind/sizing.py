"""Size a superinductor: every candidate wire for a target inductance, ranked, each with the constraints it fails.

For each candidate width the length follows from L = (L_k,□/w + L'_g) ℓ (``wire_for_inductance``, or the caller's
``make_wire``, e.g. the wire as the layout draws it). Constraints (docs/theory/phase_slips.md, docs/theory/lines.md):

* phase slips must not dominate, judged by the E_S band's edges: a wire whose *lowest* coherent E_S reaches
  E_L^fluxoid = Φ0²/2L (fluxoid states undefined; Mooij & Harmans, NJP 7, 219 (2005)) or Δ/h (coherent phase slips
  need E_S < Δ; Mooij & Nazarov, Nat. Phys. 2, 169 (2006)) is *E_S-dominated* whatever a and b are; the band's top
  reaching them is a caution, not a failure;
* the user's limits: minimum first self-resonance, maximum E_S (failed when even the band's lowest E_S exceeds it),
  minimum Z/R_Q, maximum footprint (the drawn meander
  body's area when the caller gives ``footprint``, else ℓ × pitch), minimum nonlinearity current I* (Clem & Kogan,
  PRB 86, 174521 (2012)).

Ranking: passing wires first — those whose phase slips are safe at the band's pessimistic edge
(``PhaseSlipEstimate.phase_slip_verdict``), then undetermined, then unsafe — then by highest first self-resonance, then lowest E_S;
then wires failing only the user's limits (fewest failures, then smallest worst shortfall); E_S-dominated wires
last, so one is never ranked first while any other candidate exists.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

from .constants import GHz
from .errors import InputError
from .film import Film
from .phaseslip import PhaseSlipModel, estimate_phase_slip
from .wire import Line, Wire, wire_for_inductance

#: constraint name → what it requires (names used in ``Candidate.fails`` and the CLI's JSON)
CONSTRAINTS = {
    "E_S_vs_E_L": "the E_S band's lowest edge below E_L^fluxoid = Φ0²/2L",
    "E_S_vs_gap": "the E_S band's lowest edge below Δ/h",
    "max_E_S": "the E_S band's lowest edge below the given maximum",
    "min_f_self": "first self-resonance above the given minimum",
    "min_Z_over_RQ": "line impedance Z/R_Q above the given minimum",
    "max_footprint": "meander area ℓ × pitch below the given maximum",
    "min_I_star": "nonlinearity current I* above the given minimum",
}
#: the constraints whose failure makes a wire E_S-dominated
PHASE_SLIP_CONSTRAINTS = ("E_S_vs_E_L", "E_S_vs_gap")


@dataclass(frozen=True)
class Constraints:
    """The user's limits (None = not imposed). Footprint = ℓ × pitch, pitch = w (1 + gap/w) for a straight wire."""

    min_f_self_Hz: Optional[float] = None
    max_E_S_GHz: Optional[float] = None
    min_Z_over_RQ: Optional[float] = None
    max_footprint_m2: Optional[float] = None
    min_I_star_A: Optional[float] = None
    gap_over_width: float = 1.0
    T2_target_s: float = 100e-6


@dataclass(frozen=True)
class Candidate:
    """One width: the wire, its central E_S and band (GHz, None without a diffusion constant), footprint [m²],
    ``shortfalls`` (constraint → relative shortfall, > 0 violated), ``cautions`` (the limits the top of the E_S band
    reaches without its lowest edge failing: (name, limit [GHz])), the phase-slip ``verdict`` (the central regime in
    words) and ``regime``, the band-edge verdict safe | undetermined | unsafe ("" without a diffusion constant)."""

    wire: Wire
    E_S_GHz: Optional[float]
    E_S_band_GHz: Optional[tuple[float, float]]
    footprint_m2: float
    shortfalls: dict
    cautions: tuple = ()
    verdict: str = ""
    regime: str = ""

    @property
    def fails(self) -> tuple[str, ...]:
        """Names of the violated constraints (keys of ``CONSTRAINTS``)."""
        return tuple(name for name, s in self.shortfalls.items() if s > 0)

    @property
    def ok(self) -> bool:
        return not self.fails

    @property
    def E_S_dominated(self) -> bool:
        """Central E_S at or above E_L^fluxoid or Δ/h."""
        return any(name in PHASE_SLIP_CONSTRAINTS for name in self.fails)


def _footprint_m2(wire: Wire, c: Constraints) -> float:
    """ℓ × pitch: the area of a wire not drawn by the caller."""
    pitch = wire.pitch_m if wire.rows > 1 and wire.pitch_m else wire.width_m * (1 + c.gap_over_width)
    return wire.length_m * pitch


def _assess(wire: Wire, c: Constraints, phase_slip: Optional[PhaseSlipModel], footprint: float) -> Candidate:
    """Check one wire against the phase-slip rules and the user's limits."""
    out, cautions = {}, []
    es = band = None
    verdict = regime = ""
    if wire.film.diffusion_m2_per_s and wire.film.has_gap and wire.film.R_sq_ohm is not None:
        est = estimate_phase_slip(wire, phase_slip, T2_target_s=c.T2_target_s)
        es, band, verdict, regime = est.E_S_GHz, tuple(est.E_S_band_GHz), est.verdict, est.phase_slip_verdict
        gap_GHz = wire.film.delta0_J / GHz
        out["E_S_vs_E_L"] = band[0] / wire.E_L_fluxoid_GHz - 1
        out["E_S_vs_gap"] = band[0] / gap_GHz - 1
        limits = [("E_L^fluxoid", wire.E_L_fluxoid_GHz), ("Δ/h", gap_GHz)]
        if c.max_E_S_GHz is not None:
            out["max_E_S"] = band[0] / c.max_E_S_GHz - 1
            limits.append(("--max-ES", c.max_E_S_GHz))
        cautions += [(name, limit) for name, limit in limits if band[0] < limit <= band[1]]
    grounded = wire.line.grounded
    if c.min_f_self_Hz is not None and grounded:
        out["min_f_self"] = 1 - wire.f_self_Hz / c.min_f_self_Hz
    if c.min_Z_over_RQ is not None and grounded:
        out["min_Z_over_RQ"] = 1 - wire.Z_over_RQ / c.min_Z_over_RQ
    if c.max_footprint_m2 is not None:
        out["max_footprint"] = footprint / c.max_footprint_m2 - 1
    if c.min_I_star_A is not None and math.isfinite(wire.I_star_A()):
        out["min_I_star"] = 1 - wire.I_star_A() / c.min_I_star_A
    return Candidate(wire, es, band, footprint, out, tuple(cautions), verdict, regime)


def _rank_key(c: Candidate):
    """Passing first (coherent ones first), then user-limit failures, then E_S-dominated; within a group by
    f_self and E_S, or by the number and size of the failures."""
    group = 0 if c.ok else (2 if c.E_S_dominated else 1)
    worst = max((s for s in c.shortfalls.values() if s > 0), default=0.0)
    f_self = c.wire.f_self_Hz if c.wire.line.grounded else 0.0
    es = c.E_S_GHz if c.E_S_GHz is not None else math.inf
    if group == 0:
        return (0, {"safe": 0, "": 1, "undetermined": 1}.get(c.regime, 2), -f_self, es)
    return (group, len(c.fails), worst)


def size_wire(film: Film, L_H: float, widths_m: Sequence[float], line: Line, constraints: Constraints = Constraints(),
              phase_slip: PhaseSlipModel | None = None, temperature_K: float = 0.0, *,
              make_wire: Optional[Callable[[float], Wire]] = None,
              footprint: Optional[Callable[[float], float]] = None) -> list[Candidate]:
    """Every wire of the given widths with total inductance ``L_H``, ranked best first, each with the constraints
    it fails (``Candidate.fails``; none raises). ``make_wire(width_m)`` builds the wire (default: the straight
    ``wire_for_inductance``; pass the drawn, folded wire to rank by the layout's self-resonances) and
    ``footprint(width_m)`` its area [m²] (pass the drawn cell's; default ℓ × pitch)."""
    from .units import as_si

    widths = [as_si(w, "length", "width") for w in widths_m]
    L_H = as_si(L_H, "inductance", "target inductance")
    if not widths:
        raise InputError("give at least one candidate width, e.g. --width '100 nm'")
    build = make_wire or (lambda w: wire_for_inductance(film, L_H, w, line, temperature_K))
    out = []
    for w in widths:
        wire = build(w)
        area = footprint(w) if footprint is not None else _footprint_m2(wire, constraints)
        out.append(_assess(wire, constraints, phase_slip, area))
    return sorted(out, key=_rank_key)
