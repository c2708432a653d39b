"""Quantum phase slips in a film wire: coherence length, R_ξ, the phase-slip energy E_S as a band, the dephasing
it causes, and a verdict decided by the band's edges. Theory and sources: docs/theory/phase_slips.md.

E_S = a Δ N x exp(−b x),  x = R_Q/R_ξ,  R_ξ = R_□ ξ/w,  R_Q = h/4e²  (Golubev & Zaikin, PRB 64, 014504 (2001);
Mooij & Nazarov, Nat. Phys. 2, 169 (2006); Astafiev et al., Nature 484, 355 (2012)), with one convention for ξ:
the Usadel length ξ_d = √(ħD/Δ0) (b absorbs the choice, so the convention is not varied on top of b). N counts how
the amplitudes of the ℓ/ξ slip centres add, and each sum is its own quantity with its own band:

* coherent, N = ℓ/ξ — all centres slip with the same phase (quiet or screened offset charges; E_S ∝ ℓ, Mooij &
  Harmans, NJP 7, 219 (2005)): the E_S a phase-slip qubit's spectrum shows;
* random offset charges, N = √(ℓ/ξ) — each centre carries its own Aharonov–Casher phase and the amplitudes add as a
  random walk (Matveev, Larkin & Glazman, PRL 89, 096802 (2002); Manucharyan et al., PRB 85, 024521 (2012)): what
  fluctuating offset charges turn into dephasing, T_φ = 1/(π E_S^rand/h).

a and b are not universal: the band spans the ranges ``A_RANGE`` × ``B_RANGE`` justified in
docs/theory/phase_slips.md (and, when D is the database's representative value rather than a measurement,
D/2…2D — then the dominant input). A film calibrated from a measured E_S (:mod:`superind.phaseslip_calibration`)
replaces the ranges by what the measurement leaves free. ``phase_slip_verdict`` is *safe* only when the band's
pessimistic edge still meets the T2 target, *unsafe* only when its optimistic edge fails it, else *undetermined*,
with the width that would decide it. Energies E/h in GHz.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

from .constants import GHz, R_Q, fluxoid_energy_GHz, hbar, k_B
from .errors import InputError
from .film import Film
from .units import quantities

XI_CONVENTIONS = ("usadel", "gl")
SUMMATIONS = ("coherent", "random")
#: the exponent constant b with ξ = ξ_d, and its middle. No published device's wire geometry, R_□, D and fitted E_S
#: were reachable together (material_db/calibration/phase_slips.yaml records what was found, with its trust), so the
#: range is not narrowed: it is the envelope of b ∈ [0.3, 1] over both ξ conventions (b read with ξ_GL is 1.2× b read
#: with ξ_d, since R_Q/R_ξ scales as 1/ξ), expressed in the one convention kept (docs/theory/phase_slips.md)
B_RANGE = (0.3, 1.2)
B_CENTRAL = 0.5 * (B_RANGE[0] + B_RANGE[1])
B_SOURCE = ("b ∈ [0.3, 1.2] with ξ = ξ_d: no published device calibrates it (wire data not reachable); the envelope "
            "of [0.3, 1] over both ξ conventions, not narrowed")
#: the prefactor a, "a numerical constant of order unity" (Mooij & Nazarov, Nat. Phys. 2, 169 (2006)): read as
#: [0.5, 2]; it matters little against b's range, but sets what one calibration leaves free
A_RANGE = (0.5, 2.0)
A_CENTRAL = 1.0
#: a representative (not measured) diffusion constant is taken uncertain by this factor either way
D_REPRESENTATIVE_FACTOR = 2.0
#: coherence target of the verdict: T_phi from phase slips must reach it
T2_TARGET_S = 100e-6
#: E_S/E_L^fluxoid thresholds of the regime words: ≳ 1 insulating-like, between 1e-2 and 1 a QPS-qubit regime
COHERENT_BELOW = 1e-2
INSULATING_ABOVE = 1.0
#: the E_S a phase-slip qubit needs at least when its design gives none: a splitting a microwave drive reaches
E_S_WANTED_GHZ = 1.0
#: band edges below this are printed as "below 1 Hz" (E/h in GHz)
E_S_FLOOR_GHZ = 1e-9


def coherence_length(film: Film, convention: str = "usadel") -> float:
    """Coherence length [m]: ``"usadel"`` ξ_d = √(ħD/Δ0) or ``"gl"`` ξ_GL(0) = √(πħD/8k_BT_c) (dirty limit,
    from H_c2: Werthamer, Helfand & Hohenberg 1966; Tinkham ch. 4). ξ_d/ξ_GL = 1.2015 for BCS. Needs D."""
    D = film.diffusion_m2_per_s
    if D is None:
        raise InputError(f"{film.material.name} has no diffusion constant in the database: give --diffusion "
                         "(e.g. '0.5 cm**2/s') to estimate the coherence length and phase slips")
    if convention == "usadel":
        return math.sqrt(hbar * D / film.delta0_J)
    if convention == "gl":
        return math.sqrt(math.pi * hbar * D / (8 * k_B * film.Tc_K))
    raise InputError(f"coherence-length convention '{convention}': choose one of {', '.join(XI_CONVENTIONS)}")


def resistance_per_coherence_length(film: Film, width_m: float, xi_m: float) -> float:
    """R_ξ = R_□ ξ/w [Ω]: normal resistance of a wire segment one coherence length long."""
    return film.R_sq_ohm * xi_m / width_m


def slip_centres(length_m: float, xi_m: float, summation: str) -> float:
    """N of E_S: ℓ/ξ (coherent) or √(ℓ/ξ) (random offset charges); a wire shorter than ξ has one centre's ℓ/ξ."""
    n = length_m / xi_m
    if summation == "coherent":
        return n
    if summation == "random":
        return math.sqrt(n) if n > 1 else n
    raise InputError(f"phase-slip summation '{summation}': choose one of {', '.join(SUMMATIONS)}")


def _es_GHz(film: Film, width_m: float, length_m: float, a: float, b: float, xi_m: float, summation: str) -> float:
    x = R_Q / resistance_per_coherence_length(film, width_m, xi_m)
    return a * film.delta0_J / GHz * slip_centres(length_m, xi_m, summation) * x * math.exp(-b * x)


@dataclass(frozen=True)
class PhaseSlipModel:
    """E_S = a Δ N x e^{−b x} (x = R_Q/R_ξ, ξ = ξ_d) with its central constants (a, b) and the (a, b) pairs of its
    band edges, ``corners``: the product of ``a_range`` × ``b_range`` for the literature model, or — for a model
    anchored to one measured wire (``phaseslip_calibration``) — the b that reproduces that measurement for each a
    of ``a_range`` and each end of its ±1σ. ``ln_error`` widens a fitted model's band by e^{±ln_error}."""

    a: float = A_CENTRAL
    b: float = B_CENTRAL
    a_range: tuple = A_RANGE
    b_range: tuple = B_RANGE
    xi: str = "usadel"
    source: str = f"uncalibrated: {B_SOURCE}; a ∈ [{A_RANGE[0]:g}, {A_RANGE[1]:g}]"
    ln_error: Optional[float] = None
    anchor: Optional[tuple] = None  # (x, ln of the a-free prefactor, ln E_S, σ of ln E_S) of a measured wire

    @property
    def calibrated(self) -> bool:
        """The band comes from a measurement (a calibration), not from the literature ranges."""
        return self.anchor is not None or not self.source.startswith("uncalibrated")

    @property
    def corners(self) -> list[tuple[float, float]]:
        """The (a, b) pairs whose E_S bound the band."""
        if self.anchor is None:
            return [(a, b) for a in self.a_range for b in self.b_range]
        x1, ln_p1, ln_e1, sigma = self.anchor
        return [(a, (math.log(a) + ln_p1 - (ln_e1 + s)) / x1) for a in self.a_range for s in (-sigma, sigma)]

    @quantities(width_m="length", length_m="length")
    def E_S_GHz(self, film: Film, width_m: float, length_m: float, summation: str = "coherent") -> float:
        """Phase-slip energy E_S/h [GHz] of a wire of ``width_m`` × ``length_m`` at T = 0 (Δ = Δ0), central."""
        return _es_GHz(film, width_m, length_m, self.a, self.b, coherence_length(film, self.xi), summation)

    def band_GHz(self, film: Film, width_m: float, length_m: float, summation: str,
                 d_scales=(1.0,)) -> tuple[float, float]:
        """(lowest, highest) E_S [GHz] over the band corners and the diffusion-constant factors ``d_scales``."""
        xi = coherence_length(film, self.xi)
        values = [_es_GHz(film, width_m, length_m, a, b, xi * math.sqrt(k), summation)
                  for a, b in self.corners for k in d_scales]
        widen = math.exp(self.ln_error) if self.ln_error else 1.0
        return min(values) / widen, max(values) * widen


def design_numbers(wire, xi: str = "usadel") -> tuple[float, float]:
    """(x = R_Q/R_ξ, ln of the a-free prefactor Δ(ℓ/ξ)x) of a wire (coherent sum, as measured E_S are)."""
    xi_m = coherence_length(wire.film, xi)
    x = R_Q / resistance_per_coherence_length(wire.film, wire.width_m, xi_m)
    return x, math.log(wire.film.delta0_J / GHz * slip_centres(wire.length_m, xi_m, "coherent") * x)


@dataclass(frozen=True)
class WireGeometry:
    """A wire's film and dimensions (what the phase-slip formulas read of a wire)."""

    film: Film
    width_m: float
    length_m: float


def film_model(film: Film) -> PhaseSlipModel:
    """The phase-slip model of a film: anchored to its own measured E_S when its material carries one
    (``MeasuredPhaseSlip``, written by ``superind fit spectrum --kind qps --save-film``), else the literature ranges.

    One measured wire fixes b: ln E_S = ln a + ln[Δ(ℓ/ξ)x] − b x at the measured wire gives b for each prefactor a,
    so the band of another wire of the same film is spanned by a ∈ ``A_RANGE`` (each with the b that reproduces the
    measurement) and the measurement's ±1σ: ln E_S' moves by (1 − x'/x)·Δln a, narrow when the new wire's x' =
    R_Q/R_ξ is close to the measured x. The measured wire's own D defines ξ, so D's uncertainty is absorbed."""
    measured = getattr(film.material, "measured", None)
    record = getattr(measured, "phase_slip", None)
    if record is None:
        return PhaseSlipModel()
    base = Film(film.material, record.R_sq_ohm, record.Tc_K, film.gap_ratio,
                diffusion_m2_per_s=record.diffusion_m2_per_s)
    x1, ln_p1 = design_numbers(WireGeometry(base, record.width_m, record.length_m))
    ln_e1 = math.log(record.E_S_GHz)
    sigma = max(record.E_S_GHz_std / record.E_S_GHz, 1e-6)
    b = (ln_p1 - ln_e1) / x1  # a = 1
    return PhaseSlipModel(b=b, b_range=(b, b), anchor=(x1, ln_p1, ln_e1, sigma),
                          source=f"calibrated on {film.material.name}'s measured E_S = {record.E_S_GHz:.4g} ± "
                                 f"{record.E_S_GHz_std:.2g} GHz ({record.source}): b = {b:.4f} at a = 1")


def dephasing_time_s(E_S_random_GHz: float) -> float:
    """Phase-slip dephasing time [s] T_φ = 2ħ/E_S^rand = 1/(π E_S^rand/h) from offset-charge noise.

    The N = ℓ/ξ slip amplitudes ε carry random Aharonov–Casher phases; when the offset charges re-randomize
    between repetitions (charge jumps, large 1/f offset noise) the slip term of the qubit splitting is Gaussian with
    variance Nε²/2 = (E_S^rand)²/2, and the Ramsey envelope exp(−σ²t²/2ħ²) gives T_φ = √2ħ/σ. A worst case: full
    sensitivity of the transition to E_S, as at the degeneracy point (Manucharyan et al., PRB 85, 024521 (2012);
    Koch et al., PRL 103, 217004 (2009); Pop et al., Nature 508, 369 (2014)).
    """
    return math.inf if E_S_random_GHz == 0 else 1 / (math.pi * E_S_random_GHz * 1e9)


def regime(Tphi_s: float, ratio: float, T2_target_s: float = T2_TARGET_S) -> str:
    """The phase-slip regime at the central model: "coherent" when T_φ(phase slips) ≥ the T2 target; otherwise by
    E_S/E_L^fluxoid: < 1e-2 "dephasing", < 1 "qps" (the QPS-qubit regime), else "insulating"."""
    if Tphi_s >= T2_target_s:
        return "coherent"
    if ratio < COHERENT_BELOW:
        return "dephasing"
    return "qps" if ratio < INSULATING_ABOVE else "insulating"


#: the plain words of each regime
REGIME_TEXT = {"coherent": "coherent superinductor", "dephasing": "phase-slip dephasing limits T2",
               "qps": "QPS-qubit regime", "insulating": "insulating-like (E_S ≳ E_L)"}


def verdict(Tphi_s: float, ratio: float, T2_target_s: float = T2_TARGET_S) -> str:
    """The central regime in words (:func:`regime`)."""
    text = REGIME_TEXT[regime(Tphi_s, ratio, T2_target_s)]
    return f"{text} (T_phi < {T2_target_s * 1e6:.0f} µs)" if text.startswith("phase-slip") else text


def energy_text(E_GHz: float) -> str:
    """An E_S band edge for people: "below 1 Hz" under the floor, else "8.2 kHz", "6.47 GHz" (as a frequency)."""
    from .format import eng

    return f"below {E_S_FLOOR_GHZ * 1e9:g} Hz" if E_GHz < E_S_FLOOR_GHZ else eng(E_GHz * 1e9, "Hz")


@dataclass(frozen=True)
class PhaseSlipEstimate:
    """E_S of a wire — coherent sum (``E_S_GHz``, ``E_S_band_GHz``) and random-offset sum (``E_S_random_GHz``,
    ``E_S_random_band_GHz``), each with its own band — against E_L^fluxoid = Φ0²/2L, the dephasing time of the
    random sum, the band-edge verdict against ``T2_target_s`` and what would decide it."""

    E_S_GHz: float
    E_S_band_GHz: tuple[float, float]
    E_L_fluxoid_GHz: float
    xi_m: dict
    R_xi_ohm: dict
    model: PhaseSlipModel
    E_S_random_GHz: float = 0.0
    E_S_random_band_GHz: tuple[float, float] = (0.0, 0.0)
    T2_target_s: float = T2_TARGET_S
    x: float = math.nan
    dominant_input: str = "b"
    width_for_safe_m: Optional[float] = None
    verdicts: tuple = field(default=(), compare=False)

    @property
    def warnings(self) -> tuple[str, ...]:
        """The messages of the warning and critical records of ``verdicts``."""
        from .verdicts import messages

        return tuple(messages(self.verdicts))

    @property
    def ratio(self) -> float:
        """E_S/E_L^fluxoid (central)."""
        return self.E_S_GHz / self.E_L_fluxoid_GHz

    @property
    def Tphi_phase_slip_s(self) -> float:
        """T_φ [s] from phase slips with random offset charges (central model): 1/(π E_S^rand/h)."""
        return dephasing_time_s(self.E_S_random_GHz)

    @property
    def Tphi_band_s(self) -> tuple[float, float]:
        """(shortest, longest) T_φ [s] over the random-summation band."""
        return dephasing_time_s(self.E_S_random_band_GHz[1]), dephasing_time_s(self.E_S_random_band_GHz[0])

    @property
    def verdict(self) -> str:
        return verdict(self.Tphi_phase_slip_s, self.ratio, self.T2_target_s)

    @property
    def regime(self) -> str:
        """coherent | dephasing | qps | insulating at the central model (:func:`regime`)."""
        return regime(self.Tphi_phase_slip_s, self.ratio, self.T2_target_s)

    @property
    def verdict_band(self) -> tuple[str, str]:
        """Central-style verdicts at the low-E_S (long T_φ) and high-E_S (short T_φ) ends of the bands."""
        L = self.E_L_fluxoid_GHz
        t_short, t_long = self.Tphi_band_s
        return (verdict(t_long, self.E_S_band_GHz[0] / L, self.T2_target_s),
                verdict(t_short, self.E_S_band_GHz[1] / L, self.T2_target_s))

    @property
    def phase_slip_verdict(self) -> str:
        """safe (even the band's pessimistic edge, its shortest T_φ, meets the T2 target) | unsafe (even its
        optimistic edge fails it) | undetermined."""
        t_short, t_long = self.Tphi_band_s
        return "safe" if t_short >= self.T2_target_s else "unsafe" if t_long < self.T2_target_s else "undetermined"

    @property
    def sensitivity_R_sq(self) -> float:
        """d ln E_S / d ln R_□ at the central b (T_c, D fixed): b x − 1, x = R_Q/R_ξ ∝ 1/R_□."""
        return self.model.b * self.x - 1

    @property
    def sensitivity_width(self) -> float:
        """d ln E_S / d ln w at the central b (the wire's length fixed): 1 − b x, x ∝ w."""
        return 1 - self.model.b * self.x

    def verdict_record(self, qps: bool = False, E_S_wanted_GHz: float = E_S_WANTED_GHZ,
                       width_for_E_S_m: Optional[float] = None):
        """The phase-slip verdict as a record, decided by the band edges. A superinductor: info when safe,
        critical when unsafe (a determined verdict), a warning when undetermined — with the width that makes even
        the pessimistic edge safe. A phase-slip qubit (``qps``) needs E_S: critical only when even the band's top
        is below ``E_S_wanted_GHz``, info when even its bottom reaches it, else a warning with the widest wire whose
        optimistic edge still gives it (``width_for_E_S_m``)."""
        from .format import duration, eng
        from .verdicts import Verdict

        numbers = {"E_S_GHz": self.E_S_GHz, "E_S_band_GHz": list(self.E_S_band_GHz),
                   "E_S_random_band_GHz": list(self.E_S_random_band_GHz), "Tphi_band_s": list(self.Tphi_band_s),
                   "T2_target_s": self.T2_target_s, "dominant_input": self.dominant_input}
        lever = ("measure D (e.g. from dB_c2/dT) and give it" if self.dominant_input == "D" else
                 "calibrate the film's E_S (superind fit spectrum --kind qps --save-film)")
        if qps:
            lo, hi = self.E_S_band_GHz
            numbers.update(E_S_wanted_GHz=E_S_wanted_GHz, width_for_E_S_m=width_for_E_S_m)
            band = f"the coherent E_S band {energy_text(lo)} … {energy_text(hi)}"
            if hi < E_S_wanted_GHz:
                return Verdict("phase_slip.verdict", "critical", f"phase slips: too weak for a phase-slip qubit — "
                               f"{band} stays below the wanted {eng(E_S_wanted_GHz * 1e9, 'Hz')}",
                               "narrow the wire or raise R_sq (E_S grows exponentially with R_ξ)", numbers)
            if lo >= E_S_wanted_GHz:
                return Verdict("phase_slip.verdict", "info", f"phase slips: {band} reaches the wanted "
                               f"{eng(E_S_wanted_GHz * 1e9, 'Hz')} at its lowest edge", "", numbers)
            width = (f"; wires up to {eng(width_for_E_S_m, 'm')} give it at the optimistic edge"
                     if width_for_E_S_m else "")
            return Verdict("phase_slip.verdict", "warning", f"phase slips: undetermined — {band} spans the wanted "
                           f"{eng(E_S_wanted_GHz * 1e9, 'Hz')}{width}", lever + " to decide it", numbers)
        t_short, t_long = self.Tphi_band_s
        numbers["width_for_safe_m"] = self.width_for_safe_m
        span = f"T_φ from phase slips {duration(t_short)} … {duration(t_long)}"
        target = f"the T2 target {duration(self.T2_target_s)}"
        v = self.phase_slip_verdict
        if v == "safe":
            return Verdict("phase_slip.verdict", "info", f"phase slips: safe — {span}: even the band's pessimistic "
                           f"edge meets {target}", "", numbers)
        if v == "unsafe":
            return Verdict("phase_slip.verdict", "critical", f"phase slips: unsafe — {span}: even the band's "
                           f"optimistic edge misses {target}", "widen the wire or lower R_sq (E_S falls "
                           "exponentially with R_Q/R_ξ)", numbers)
        wider = (f"; a {eng(self.width_for_safe_m, 'm')} wide wire of the same inductance would be safe at the "
                 "pessimistic edge" if self.width_for_safe_m else "")
        return Verdict("phase_slip.verdict", "warning", f"phase slips: undetermined — {span} against {target} "
                       f"(the band's dominant input: {self.dominant_input}){wider}", lever + ", or widen the wire",
                       numbers)


def _width_where(f, target: float, lo: float, hi: float) -> Optional[float]:
    """The width w in [lo, hi] with f(w) = target for a decreasing f, None if none: bisection on ln w to a relative
    1e-6 (ln f is smooth and monotone in ln w, so bisection needs no derivative and ~25 steps)."""
    g = lambda ln_w: math.log(max(f(math.exp(ln_w)), 1e-300)) - math.log(target)
    a, b = math.log(lo), math.log(hi)
    ga = g(a)
    if ga * g(b) > 0:
        return None
    while b - a > 1e-6:
        mid = 0.5 * (a + b)
        gm = g(mid)
        a, b, ga = (mid, b, gm) if gm * ga > 0 else (a, mid, ga)
    return math.exp(0.5 * (a + b))


def estimate_phase_slip(wire, model: PhaseSlipModel | None = None, *, T2_target_s: float = T2_TARGET_S
                        ) -> PhaseSlipEstimate:
    """E_S of a wire (anything with film, width_m, length_m, L_H) with its bands, T_φ and the band-edge verdict.

    ``model``: default the film's own (calibrated from its measured E_S when the material carries one, else the
    literature ranges; ``superind.phaseslip_calibration.film_model``). Central: a, b of the model; bands: its corners
    × D/2…2D when D is the database's representative value (then the dominant input). ``width_for_safe_m``: the width
    at which a wire of the same inductance (ℓ ∝ w, kinetic-dominated) has T_φ ≥ the target at the pessimistic edge.
    """
    from .verdicts import Verdict

    f, w, ell = wire.film, wire.width_m, wire.length_m
    model = model or film_model(f)
    verdicts = []
    d_scales = (1.0,)
    representative = f.diffusion_source.startswith("database (representative")
    if representative and not model.calibrated:
        d_scales = (1 / D_REPRESENTATIVE_FACTOR, 1.0, D_REPRESENTATIVE_FACTOR)
        verdicts.append(Verdict("phase_slip.representative_D", "warning",
                                f"D = {f.diffusion_m2_per_s * 1e4:.3g} cm²/s is {f.material.name}'s representative "
                                f"database value, not a measurement: the E_S bands span D/{D_REPRESENTATIVE_FACTOR:g}–"
                                f"{D_REPRESENTATIVE_FACTOR:g}D, their dominant input", "measure D (e.g. from dB_c2/dT) "
                                "and give it (--diffusion) to narrow the E_S bands",
                                {"diffusion_m2_per_s": f.diffusion_m2_per_s}))
    xi_m = {c: coherence_length(f, c) for c in XI_CONVENTIONS}
    band = {s: model.band_GHz(f, w, ell, s, d_scales) for s in SUMMATIONS}
    if ell < xi_m[model.xi]:
        verdicts.append(Verdict("phase_slip.single_centre", "info",
                                f"the wire ({ell * 1e9:.0f} nm) is shorter than ξ = {xi_m[model.xi] * 1e9:.1f} nm: a "
                                "single slip centre; the ℓ/ξ scaling does not apply", "", {"length_m": ell}))
    rate_target = 1 / (math.pi * T2_target_s * 1e9)  # the E_S^rand [GHz] whose T_φ is the target
    top = lambda width: model.band_GHz(f, width, ell * width / w, "random", d_scales)[1]
    width_for_safe = None
    if band["random"][1] > rate_target:
        width_for_safe = _width_where(top, rate_target, w, 100 * w)
    x = R_Q / resistance_per_coherence_length(f, w, xi_m[model.xi])
    return PhaseSlipEstimate(
        E_S_GHz=model.E_S_GHz(f, w, ell), E_S_band_GHz=band["coherent"], E_L_fluxoid_GHz=fluxoid_energy_GHz(wire.L_H),
        xi_m=xi_m, R_xi_ohm={c: resistance_per_coherence_length(f, w, v) for c, v in xi_m.items()}, model=model,
        E_S_random_GHz=model.E_S_GHz(f, w, ell, "random"), E_S_random_band_GHz=band["random"],
        T2_target_s=T2_target_s, x=x, dominant_input="D" if len(d_scales) > 1 else "b",
        width_for_safe_m=width_for_safe, verdicts=tuple(verdicts))


def width_for_E_S(wire, est: PhaseSlipEstimate, E_S_wanted_GHz: float = E_S_WANTED_GHZ) -> Optional[float]:
    """The widest wire (same inductance, ℓ ∝ w) whose coherent E_S still reaches ``E_S_wanted_GHz`` at the band's
    optimistic edge — wider ones give no usable phase slips whatever a and b are; None when no width in w/100…w
    does."""
    f, w, ell = wire.film, wire.width_m, wire.length_m
    scales = (1 / D_REPRESENTATIVE_FACTOR, 1.0, D_REPRESENTATIVE_FACTOR) if est.dominant_input == "D" else (1.0,)
    top = lambda width: est.model.band_GHz(f, width, ell * width / w, "coherent", scales)[1]
    if top(w) >= E_S_wanted_GHz:
        return _width_where(top, E_S_wanted_GHz, w, 100 * w)
    return _width_where(top, E_S_wanted_GHz, w / 100, w)


__all__ = ["PhaseSlipModel", "PhaseSlipEstimate", "estimate_phase_slip", "coherence_length", "dephasing_time_s",
           "resistance_per_coherence_length", "slip_centres", "width_for_E_S", "verdict", "regime", "film_model",
           "design_numbers", "WireGeometry"]
