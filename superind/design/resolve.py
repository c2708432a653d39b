"""``resolve(spec) → Device``: the only place that turns a spec into physical objects — film, line, wire, junction,
qubit, JJ chain, fabrication process and (lazily) the layout cell.

Every command, the sweep, ``superind build`` and Python callers go through here, so the same spec gives the same
objects everywhere. Errors name the design file when the spec came from one.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Optional

from ..constants import GHz, inductance_H, inductive_energy_GHz
from ..errors import InputError
from .schema import DesignSpec, FilmSpec, JunctionSpec, LineSpec, SuperinductorSpec

#: noise temperature when neither [noise] nor the film's operating temperature gives one (scqubits' default)
DEFAULT_NOISE_TEMPERATURE_K = 0.015


@dataclass(frozen=True, eq=False)
class Device:
    """A resolved device: the spec and the physical objects built from it (absent parts are None)."""

    spec: DesignSpec = field(repr=False)
    film: Any = field(default=None, repr=False)
    temperature_K: float = 0.0
    line: Any = None
    wire: Any = field(default=None, repr=False)
    target_L_H: Optional[float] = None
    junction: Any = None
    qubit: Any = field(default=None, repr=False)
    chain: Any = field(default=None, repr=False)
    process: Any = field(default=None, repr=False)
    layout: Any = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def cell_kind(self) -> str:
        """The cell the superinductor is drawn as (meander, loop, closed_loop, zeropi), 'straight' when the wire is
        too short to draw, 'none' without a film wire."""
        if self.layout is not None:
            return cell_kind(self.spec)
        return "straight" if self.wire is not None else "none"

    @cached_property
    def operating_point(self) -> tuple[float, str]:
        """(flux Φ_ext/Φ0 of the coherence and matrix-element estimates, why that one): ``qubit.at`` when the design
        gives it; for the protected qubits (0-π, cos2φ) the symmetric point, 0 or ½, in the design's flux range — with
        both in range (or neither), the one with the longer T2 under the nominal noise assumptions; else Φ0/2 (the flux
        sweet spot) when in the flux range, else its start."""
        from ..format import duration

        q = self.spec.qubit
        if q.at is not None:
            return q.at, "given by the design (qubit.at)"
        if q.kind in ("zeropi", "cos2phi"):
            noise = self.spec.noise
            lo, hi = sorted((q.flux.start, q.flux.stop))
            points = [f for f in (0.0, 0.5) if lo <= f <= hi] or [0.0, 0.5]
            if len(points) == 1:
                return points[0], f"the symmetric point of the design's flux range ({points[0]:g} Φ0)"
            T2 = {f: self.qubit.coherence(f, Q_ind=noise.Q_ind, T_K=self.noise_temperature_K,
                                          A_flux=noise.A_flux)["T2_s"] for f in points}
            best = max(T2, key=T2.get)
            return best, (f"the symmetric point with the longer T2 under the nominal noise assumptions ({duration(T2[0.0])}"
                          f" at 0, {duration(T2[0.5])} at ½ Φ0)")
        if q.operating_flux == 0.5:
            return 0.5, "Φ0/2, the flux sweet spot"
        return q.operating_flux, "the start of the flux range (Φ0/2 is outside it)"

    @property
    def footprint_m2(self) -> Optional[float]:
        """Area [m²] of the drawn superinductor's body (the cell's ``footprint_m``, X × Y), or ℓ × 2w of a wire too
        short to draw; None without a wire."""
        if self.layout is not None:
            x, y = self.layout.footprint_m
            return x * y
        return None if self.wire is None else self.wire.length_m * 2 * self.wire.width_m

    @property
    def noise_temperature_K(self) -> float:
        """Noise temperature of the coherence estimates: ``noise.temperature``, else the film's operating
        temperature when above 0 K, else 15 mK (scqubits' default)."""
        if self.spec.noise.temperature is not None:
            return self.spec.noise.temperature
        return self.temperature_K if self.temperature_K > 0 else DEFAULT_NOISE_TEMPERATURE_K


def make_film(spec: FilmSpec):
    """The Film of a film spec (SI floats already)."""
    from ..film import make_film as film_from

    return film_from(spec.material, spec.R_sq, Tc=spec.Tc, gap=None if spec.gap is None else spec.gap * GHz,
                     gap_ratio=spec.gap_ratio, thickness=spec.thickness, Tc0=spec.Tc0, gamma=spec.gamma,
                     diffusion=spec.diffusion, L_k_sq=spec.L_k_sq, R_sq_300K=spec.R_sq_300K,
                     pair_breaking=spec.pair_breaking)


def make_line(spec: LineSpec):
    """The wire's electromagnetic environment."""
    from ..lines import SUBSTRATES, CoplanarLine, IsolatedLine, MicrostripLine

    eps = spec.epsilon_r if spec.epsilon_r is not None else SUBSTRATES.get(spec.substrate)
    if eps is None:
        raise InputError(f"superinductor.line.substrate: unknown '{spec.substrate}'; choose "
                         f"{', '.join(SUBSTRATES)} or give superinductor.line.epsilon_r")
    if spec.kind == "cpw":
        return CoplanarLine(spec.ground_gap, eps)
    if spec.kind == "microstrip":
        if spec.height is None:
            raise InputError("superinductor.line.height: a microstrip line needs a height, e.g. '1 um'")
        return MicrostripLine(spec.height, eps)
    return IsolatedLine()


def target_inductance(spec: SuperinductorSpec) -> Optional[float]:
    """Target L [H]: ``inductance``, or from scqubits E_L = (Φ0/2π)²/L; None for a geometric target (length or
    squares: L then follows from the drawn wire and the film)."""
    if spec.inductance is not None:
        return spec.inductance
    return inductance_H(spec.E_L) if spec.E_L is not None else None


def make_junction(spec: JunctionSpec, temperature_K: float):
    """The junction: E_J given, I_c given, or R_n with the junction's own gap (Ambegaokar–Baratoff at T)."""
    from ..junction import Junction, capacitance_for_charging_energy

    C = spec.C if spec.E_C is None else capacitance_for_charging_energy(spec.E_C)
    if spec.E_J is not None:
        return Junction(Junction.from_energies(spec.E_J).I_c_A, C)
    if spec.I_c is not None:
        return Junction.from_critical_current(spec.I_c, C)
    return Junction.from_normal_resistance(spec.R_n, spec.gap * GHz, temperature_K, C)


def make_qubit(spec: DesignSpec, wire, junction, L_H: float):
    """The qubit of the spec's kind from the film wire (or the ideal target inductance) and the junction."""
    from .. import qubits
    from ..junction import charging_energy_GHz, capacitance_for_charging_energy

    q = spec.qubit
    E_L = wire.E_L_GHz if wire is not None else inductive_energy_GHz(L_H)
    if q.kind == "qps":
        if wire is not None:
            return qubits.QPSQubit.from_wire(wire, q.E_S)
        if q.E_S is None:
            raise InputError("qubit.E_S: without a film wire give the phase-slip energy E_S (--ES at the command "
                             "line, e.g. '5 GHz'), or a film wire to estimate it")
        return qubits.QPSQubit.from_inductance(L_H, q.E_S)
    C_shunt = q.C_shunt if q.E_C is None else capacitance_for_charging_energy(q.E_C)
    if q.kind == "rfsquid":
        C = (junction.C_F or 0.0) + (C_shunt or 0.0)
        if C <= 0:
            raise InputError("junction.E_C: the RF-SQUID needs a capacitance: give the junction's E_C or C")
        return qubits.RFSquid(junction.E_J_GHz, charging_energy_GHz(C), E_L, junction, wire)
    if junction.C_F is None:
        raise InputError(f"junction.E_C: the {q.kind} qubit needs each junction's E_C or C")
    if q.kind == "zeropi":
        return qubits.ZeroPi(junction.E_J_GHz, E_L, junction.E_C_GHz, charging_energy_GHz(C_shunt), n_g=q.ng,
                             wire=wire, junction=junction)
    return qubits.Cos2Phi(junction.E_J_GHz, junction.E_C_GHz, E_L, charging_energy_GHz(C_shunt), dL=q.dL, n_g=q.ng,
                          wire=wire, junction=junction)


def resolve(spec: DesignSpec) -> Device:
    """Build every physical object of ``spec``. InputError (naming the design file, if any) for unphysical input."""
    if not isinstance(spec, DesignSpec):
        hint = ("for a design file use superind.resolve(superind.load_design(path))" if isinstance(spec, (str, Path))
                else "build one with superind.DesignSpec(...) or superind.load_design(path)")
        raise InputError(f"resolve() takes a design spec, got {type(spec).__name__}: {hint}")
    try:
        return _resolve(spec)
    except InputError as exc:
        if spec.source and not str(exc).startswith(spec.source):
            raise InputError(f"{spec.source}: {exc}") from None
        raise


def _resolve(spec: DesignSpec) -> Device:
    film = make_film(spec.film) if spec.film is not None else None
    T = spec.film.temperature if spec.film is not None else 0.0
    process = None
    if spec.superinductor is not None or spec.layout.process != "default":
        from ..layout import load_process

        try:
            process = load_process(spec.layout.process)
        except InputError as exc:
            raise InputError(f"layout.process: {exc}") from None
    line = wire = L = junction = qubit = chain = cell = None
    s = spec.superinductor
    if s is not None:
        L = target_inductance(s)
        if film is not None:
            line = make_line(s.line)
            wire, cell = make_wire(spec, film, line, T, process)
            L = L if L is not None else wire.L_H
        elif L is None:  # a geometric target without a film: the drawn cell only
            cell = draw(spec, process, None)
    if spec.junction is not None:
        junction = make_junction(spec.junction, T)
    if spec.qubit is not None:
        if L is None:
            raise InputError("superinductor: a qubit without a film needs an inductance target (inductance or E_L); "
                             "a drawn length or squares needs the film's sheet inductance ([film])")
        qubit = make_qubit(spec, wire, junction, L)
    if spec.jjchain is not None:
        from ..jjchain import chain_for_inductance

        c = spec.jjchain
        chain = chain_for_inductance(L, c.E_J, c.C_J, c.C_0, c.a)
    return Device(spec, film, T, line, wire, L, junction, qubit, chain, process, cell)


#: the drawn superinductor's L_k must equal the model's within this fraction
DRAWN_TOLERANCE = 5e-3


def gap_of(spec: SuperinductorSpec) -> float:
    """Gap between meander rows: pitch − width, or one width when no pitch is given."""
    return (spec.pitch - spec.width) if spec.pitch else spec.width


def make_wire(spec: DesignSpec, film, line, T_K: float, process):
    """(the modelled wire, as drawn; the drawn cell or None). An inductance target: the straight wire of that L
    (``wire_for_inductance``) is drawn by its L_k; a geometric target (drawn ``length``, electrical ``squares``): the
    cell is drawn first and the wire has its electrical squares. The wire is then folded into the cell's rows and
    the drawn L_k is checked against the model's."""
    from ..limits import check_count
    from ..wire import Wire, wire_for_inductance

    s = spec.superinductor
    L = target_inductance(s)
    if L is not None:
        wire = wire_for_inductance(film, L, s.width, line, T_K)
        check_count(wire.length_m, "max_meander_length_m", "m of wire", "superinductor (a lower L or wider wire)")
        cell = draw_if_drawable(spec, process, wire)
    else:
        if s.length is not None:
            check_count(s.length, "max_meander_length_m", "m of wire", "superinductor.length")
        cell = draw(spec, process, film.sheet_kinetic_inductance(T_K))
        wire = Wire(film, s.width, cell.squares_electrical * s.width, line, T_K)
    if cell is not None:
        wire = wire.folded(cell.info.get("rows", 1), s.width + gap_of(s))
        check_drawn(cell, wire)
    return wire, cell


def draw(spec: DesignSpec, process, sheet_H, wire=None):
    """The cell drawn for the device — an RF-SQUID loop, a closed nanowire loop (phase-slip qubit: the whole loop
    is the phase-slip wire), the ring of two superinductors and two junctions with its shunt pads (0-π, cos2φ), or
    a plain meander — meeting the superinductor's target: the modelled
    ``wire``'s L_k (counted in electrical squares at ``sheet_H``), else the drawn length or squares."""
    from .. import layout

    s, lay = spec.superinductor, spec.layout
    if wire is not None:
        target = dict(inductance_H=wire.L_k_H, sheet_inductance_H=wire.L_k_sq_H)
    else:
        target = dict(length_m=s.length, squares=s.squares, sheet_inductance_H=sheet_H)
    kw = dict(**target, turn=s.turn, process=process, name=spec.name, footprint_m=lay.footprint)
    cell = cell_kind(spec)
    if cell in ("loop", "closed_loop"):
        return layout.loop(s.width, gap_of(s), closed=cell == "closed_loop", junction_gap_m=lay.junction_gap, **kw)
    if cell in ("zeropi", "ring"):  # two superinductors and two junctions in a closed ring, with the shunt pads
        return layout.zeropi(s.width, gap_of(s), junction_gap_m=lay.junction_gap, **kw)
    return layout.meander(s.width, gap_of(s), pads=lay.pads, **kw)


#: the cell each qubit kind draws its superinductor as
CELL_OF_QUBIT = {"rfsquid": "loop", "qps": "closed_loop", "zeropi": "zeropi", "cos2phi": "ring"}


def cell_kind(spec: DesignSpec) -> str:
    """The superinductor's cell: given in the spec, else the one its qubit kind draws, else a plain meander."""
    if spec.superinductor.cell is not None:
        return spec.superinductor.cell
    return CELL_OF_QUBIT[spec.qubit.kind] if spec.qubit is not None else "meander"


#: below this length a lone wire (no qubit cell) may be too short for a meander with leads: it stays straight
SHORT_WIRE_M = 10e-6


def draw_if_drawable(spec: DesignSpec, process, wire):
    """The drawn cell; for a lone wire (``superind wire``/``film``, no qubit) shorter than the leads a meander
    needs, None — the wire is then modelled straight, and its section says so."""
    try:
        return draw(spec, process, wire.L_k_sq_H, wire)
    except InputError:
        if spec.qubit is None and cell_kind(spec) == "meander" and wire.length_m < SHORT_WIRE_M:
            return None
        raise


def check_drawn(cell, wire) -> None:
    """The drawn superinductor is the modelled one: its L_k (electrical squares × L_k,□) within 0.5 %."""
    drawn, model = cell.L_k_H, wire.L_k_H
    if abs(drawn / model - 1) > DRAWN_TOLERANCE:
        raise InputError(f"layout: the drawn superinductor has L_k = {drawn * 1e9:.4g} nH but the model needs "
                         f"{model * 1e9:.4g} nH (more than {DRAWN_TOLERANCE:.1%} apart); check the width, pitch and "
                         "process grid")
