"""A superconducting film: its gap Δ(T) (``superind.bcs``), Mattis–Bardeen sheet kinetic inductance (optionally broadened by a pair
breaker), penetration depths, T_c from Finkel'stein's T_c(R_sq) (``superind.finkelstein``), measured-L_k and
room-temperature-R_sq inputs, and the warnings a disordered film needs. Theory and sources: docs/theory/film.md.
SI units inside.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Optional


from .bcs import bcs_gap_fraction
from .constants import BCS_GAP_RATIO, GHz, R_Q, hbar, k_B, mu_0
from .errors import InputError
from .finkelstein import finkelstein_critical_resistance, finkelstein_tc
from .losses import pair_breaking_state, pair_broken_tc_fraction
from .materials import Material, get_material
from .units import as_ghz, as_si, check_value, parse_number, quantities

# --------------------------------------------------------------------------------------------- Film

SIT_WARNING = ("near the superconductor–insulator transition: Mattis–Bardeen L_k is a lower bound; "
               "expect inhomogeneity")
#: what a film given by its measured L_k,□ alone cannot say
NEEDS_GAP = ("this needs the film's gap and normal-state resistance: give T_c (--tc) or the gap (--delta0), and R_sq "
             "(--rsq); a measured L_k,□ alone fixes only the inductance")


@dataclass(frozen=True)
class Film:
    """A disordered superconducting film (SI units). Build it with :func:`make_film`.

    R_sq_ohm is the normal state just above T_c; Δ00 = gap_ratio·k_B·Tc_K is the gap without pair breaking and
    pair_breaking = Γ/Δ00. L_k_sq_measured_H, when set, fixes L_k,□(0). R_sq_band_ohm is the band of a converted
    room-temperature R_sq. ``warnings`` (not compared) says what a physicist should know.
    """

    material: Material = field(repr=False)
    R_sq_ohm: Optional[float]
    Tc_K: Optional[float]
    gap_ratio: float = BCS_GAP_RATIO
    thickness_m: Optional[float] = None
    Tc_source: str = "given"
    diffusion_m2_per_s: Optional[float] = None
    Tc0_K: Optional[float] = None
    gamma: Optional[float] = None
    pair_breaking: float = 0.0
    L_k_sq_measured_H: Optional[float] = None
    R_sq_band_ohm: Optional[tuple[float, float]] = None
    diffusion_source: str = ""
    R_sq_source: str = "given"
    verdicts: tuple = field(default=(), compare=False, repr=False)

    def __repr__(self) -> str:
        from .format import eng

        extra = "".join(f", {k}={text}" for k, text in (
            ("thickness", eng(self.thickness_m, "m", 4)), ("pair_breaking", f"{self.pair_breaking:g}"),
            ("L_k_sq", eng(self.L_k_sq_measured_H, "H", 4, suffix="/sq"))) if getattr(self, {
                "thickness": "thickness_m", "pair_breaking": "pair_breaking", "L_k_sq": "L_k_sq_measured_H"}[k]))
        return (f"Film({self.material.name!r}, R_sq={eng(self.R_sq_ohm, 'Ω', 4)}, Tc={eng(self.Tc_K, 'K', 4)}, "
                f"gap_ratio={self.gap_ratio:.4g}{extra}, {len(self.warnings)} warning(s))")

    @property
    def warnings(self) -> tuple[str, ...]:
        """The messages of the film's warning and critical verdict records (``verdicts``)."""
        from .verdicts import messages

        return tuple(messages(self.verdicts))

    @property
    def has_gap(self) -> bool:
        """T_c (hence the gap) is known; False for a film given by its measured L_k,□ alone."""
        return self.Tc_K is not None

    @property
    def delta00_J(self) -> float:
        """Δ00 = α k_B T_c [J]: the gap of this film without pair breaking."""
        if self.Tc_K is None:
            raise InputError(NEEDS_GAP)
        return self.gap_ratio * k_B * self.Tc_K

    @property
    def delta0_J(self) -> float:
        """Order parameter Δ(T = 0) [J]: Δ00 without pair breaking, ln(Δ00/Δ) = πΓ/4Δ with it (Maki 1969)."""
        return self.delta00_J * (pair_breaking_state(self.pair_breaking, 0.0)[0] if self.pair_breaking else 1.0)

    @property
    def spectral_gap_J(self) -> float:
        """Edge of the quasiparticle spectrum at T = 0 [J]: Ω_g = Δ(1 − ζ^{2/3})^{3/2}, ζ = Γ/Δ (Abrikosov–Gor'kov)."""
        zeta = self.pair_breaking * self.delta00_J / self.delta0_J
        return self.delta0_J * max(1 - zeta ** (2 / 3), 0.0) ** 1.5

    @property
    def Tc_pair_broken_K(self) -> float:
        """T_c [K] of the pair-broken model (Abrikosov–Gor'kov); equals Tc_K when pair_breaking = 0."""
        return self.Tc_K * pair_broken_tc_fraction(self.pair_breaking)

    def _reduced(self, T_K: float) -> float:
        check_value(T_K, "temperature", positive=False)
        if self.Tc_K is None:
            raise InputError(NEEDS_GAP)
        if T_K < 0:
            raise InputError(f"temperature: must be ≥ 0 K, got {T_K:g} K")
        if T_K >= self.Tc_pair_broken_K:
            raise InputError(f"temperature {T_K:g} K is not below T_c = {self.Tc_pair_broken_K:.4g} K: the film is "
                             "normal; choose T < T_c")
        return T_K / self.Tc_K

    @quantities(T_K="temperature")
    def gap(self, T_K: float = 0.0) -> float:
        """Δ(T) [J] = α k_BT_c · Δ_BCS(t)/Δ_BCS(0) (exact BCS shape), or the pair-broken order parameter."""
        t = self._reduced(T_K)
        if self.pair_breaking:
            return self.delta00_J * pair_breaking_state(self.pair_breaking, t)[0]
        return self.delta0_J * bcs_gap_fraction(t)

    @quantities(T_K="temperature")
    def mattis_bardeen_sheet_inductance(self, T_K: float = 0.0) -> float:
        """L_k,□(T) [H/□] of the model, without a measured L_k: ħR_sq/(πΔ tanh(Δ/2k_BT)) (Mattis & Bardeen, Phys.
        Rev. 111, 412 (1958), ħω ≪ Δ), or ħR_sq/(Δ00 S) with the pair-broken stiffness S (Driessen et al. 2012)."""
        t = self._reduced(T_K)
        if self.R_sq_ohm is None:
            raise InputError(NEEDS_GAP)
        if self.pair_breaking:
            return hbar * self.R_sq_ohm / (self.delta00_J * pair_breaking_state(self.pair_breaking, t)[1])
        d = self.gap(T_K)
        th = 1.0 if k_B * T_K == 0 else math.tanh(d / (2 * k_B * T_K))
        return hbar * self.R_sq_ohm / (math.pi * d * th)

    @quantities(T_K="temperature")
    def sheet_kinetic_inductance(self, T_K: float = 0.0) -> float:
        """L_k,□(T) [H/□]: the model's value, or the measured L_k,□ scaled by the model's L_k(T)/L_k(0) (without T_c,
        the measured value as it is: taken at the operating temperature)."""
        if self.Tc_K is None:
            return self.L_k_sq_measured_H
        model = self.mattis_bardeen_sheet_inductance(T_K)
        if self.L_k_sq_measured_H is None:
            return model
        return self.L_k_sq_measured_H * model / self.mattis_bardeen_sheet_inductance(0.0)

    @property
    def implied_R_sq_ohm(self) -> Optional[float]:
        """R_n(T_c⁺) [Ω] that Mattis–Bardeen needs for the measured L_k,□: R = πΔ0 L_k,□/ħ (None without L_k)."""
        L = self.L_k_sq_measured_H
        return None if L is None or self.Tc_K is None else math.pi * self.delta0_J * L / hbar

    @property
    def implied_gap_ratio(self) -> Optional[float]:
        """Δ0/k_BT_c = ħR_sq/(π k_BT_c L_k,□) that Mattis–Bardeen needs for the measured L_k,□ (None without L_k)."""
        L = self.L_k_sq_measured_H
        if L is None or self.Tc_K is None or self.R_sq_source != "given":
            return None
        return hbar * self.R_sq_ohm / (math.pi * k_B * self.Tc_K * L)

    @property
    def resistivity_ohm_m(self) -> float:
        """ρ_n = R_sq d [Ω m] (needs thickness and R_sq)."""
        if self.R_sq_ohm is None:
            raise InputError(NEEDS_GAP)
        return self.R_sq_ohm * self._thickness()

    def _thickness(self) -> float:
        if self.thickness_m is None:
            raise InputError("this quantity needs the film thickness; give --thickness (e.g. '10 nm')")
        return self.thickness_m

    @quantities(T_K="temperature")
    def penetration_depth(self, T_K: float = 0.0) -> float:
        """London depth λ(T) = √(L_k,□(T) d/μ0) [m]; dirty limit λ(0) = √(ħρ_n/(πμ0Δ0)) (Tinkham ch. 3)."""
        return math.sqrt(self.sheet_kinetic_inductance(T_K) * self._thickness() / mu_0)

    @quantities(T_K="temperature")
    def pearl_length(self, T_K: float = 0.0) -> float:
        """Pearl length Λ = 2λ²/d = 2L_k,□/μ0 [m] (Pearl, Appl. Phys. Lett. 5, 65 (1964)). Needs no thickness."""
        return 2 * self.sheet_kinetic_inductance(T_K) / mu_0

    @quantities(T_K="temperature")
    def slab_sheet_inductance(self, T_K: float = 0.0) -> float:
        """L_□ = μ0 λ coth(d/λ) [H/□], valid also when d is not ≪ λ (slab with current on both faces)."""
        lam, d = self.penetration_depth(T_K), self._thickness()
        return mu_0 * lam / math.tanh(d / lam)

    @property
    def critical_resistance_ohm(self) -> Optional[float]:
        """Finkel'stein critical R_sq [Ω] when γ is known, else None."""
        return finkelstein_critical_resistance(self.gamma) if self.gamma else None



# ------------------------------------------------------------------------------------ resolving a film

#: ρ above which disordered nitrides deviate from Mattis–Bardeen (Coumou et al., arXiv:1212.4434: ALD TiN
#: "> 100 μΩcm affects the superconducting state"; Driessen et al., PRL 109, 107003 (2012): deviations for k_Fl < 8.6)
DISORDER_RESISTIVITY_OHM_M = 100e-8
#: Finkel'stein T_c below this fraction of T_c0: the fermionic route is close to its end
STRONG_TC_SUPPRESSION = 0.5


def _opt(value, kind: str, name: str) -> Optional[float]:
    return None if value is None else as_si(value, kind, name)


def _gap_J(value) -> Optional[float]:
    """A float is J; a string or pint quantity is an energy or a frequency E/h."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return check_value(float(value), "gap")
    return as_ghz(value, "gap", allow_float=False) * GHz


def _room_temperature(mat: Material, R300: float) -> tuple[float, tuple[float, float]]:
    rr = mat.resistance_ratio
    if rr.min is None or rr.max is None:
        raise InputError(f"R_sq_300K: {mat.name} has no sourced resistance ratio R(T_c⁺)/R(300 K) (resistance_ratio "
                         f"in {mat.origin or 'its material file'} is null); give R_sq just above T_c instead")
    return R300 * (rr.min + rr.max) / 2, (R300 * rr.min, R300 * rr.max)


def make_film(material, R_sq=None, *, Tc=None, gap=None, gap_ratio=None, thickness=None, Tc0=None, gamma=None,
              diffusion=None, L_k_sq=None, R_sq_300K=None, pair_breaking=0.0) -> Film:
    """Resolve a film from what the physicist knows, with the warnings they need.

    Dimensional inputs: a unit string ("1.5 kOhm", "2 K", "180 ueV", "394 pH/sq"), a pint Quantity, or an SI float
    (Ω, K, J for the gap, m, m²/s, H/□). T_c comes from Tc; or the gap and α; or Finkel'stein's T_c(R_sq) with
    T_c0, γ. R_sq_300K (instead of R_sq) is converted with the material's sourced R(T_c⁺)/R(300 K). L_k_sq (a
    measured sheet inductance at low T) overrides Mattis–Bardeen's L_k(0). pair_breaking = Γ/Δ00 (default 0).
    A calibrated material (``measured`` in its file) supplies its measured R_sq, T_c and L_k,□ when not given.
    """
    mat = get_material(material)
    if mat.measured is not None:  # a calibrated film: its measured values stand in for what is not given
        m = mat.measured
        if R_sq is None and R_sq_300K is None:
            R_sq = m.R_sq_ohm
        if Tc is None and gap is None:
            Tc = m.Tc_K
        if L_k_sq is None:
            L_k_sq = m.L_k_sq_H
    if R_sq is not None and R_sq_300K is not None:
        raise InputError("give the sheet resistance just above T_c (R_sq, --rsq) or at room temperature (R_sq_300K, "
                         "--rsq-300k): exactly one of the two, not both")
    if R_sq is None and R_sq_300K is None and L_k_sq is None:
        raise InputError("give the sheet resistance just above T_c (R_sq, --rsq, e.g. '1.5 kOhm'), at room "
                         "temperature (R_sq_300K, --rsq-300k), or a measured sheet inductance (L_k_sq, --lk-sq)")
    band = R = None
    if R_sq is not None:
        R = as_si(R_sq, "resistance", "R_sq")
    elif R_sq_300K is not None:
        R, band = _room_temperature(mat, as_si(R_sq_300K, "resistance", "R_sq_300K"))
    Tc_K, Delta0_J, d = _opt(Tc, "temperature", "T_c"), _gap_J(gap), _opt(thickness, "length", "thickness")
    Tc0_K, D = _opt(Tc0, "temperature", "T_c0"), _opt(diffusion, "diffusion", "diffusion constant")
    L_meas = _opt(L_k_sq, "sheet_inductance", "L_k_sq")
    gap_ratio, gamma = (None if v is None else parse_number(v, name) for v, name in [(gap_ratio, "gap ratio"),
                                                                                       (gamma, "gamma")])
    G = parse_number(pair_breaking, "pair_breaking", positive=False)
    if not 0 <= G < 0.5:
        raise InputError(f"pair_breaking = Γ/Δ00 = {G:g}: must be in [0, 0.5) (Abrikosov–Gor'kov: T_c = 0 at 0.5)")
    Tc0 = Tc0_K if Tc0_K is not None else mat.finkelstein.Tc0_K
    gam = gamma if gamma is not None else mat.finkelstein.gamma
    if (Tc0_K is None) != (gamma is None) and (Tc0 is None or gam is None):
        raise InputError("Finkel'stein T_c needs both --tc0 and --gamma")
    if gam is not None and gam <= 2:
        raise InputError(f"gamma = {gam:g}: Finkel'stein's formula needs γ = ln(ħ/k_BT_c0τ) > 2")

    alpha = gap_ratio if gap_ratio is not None else mat.gap_ratio_default
    if Tc_K is not None and Delta0_J is not None:
        alpha = Delta0_J / (k_B * Tc_K)
        if gap_ratio is not None and abs(gap_ratio - alpha) > 1e-3 * alpha:
            raise InputError(f"gap ratio {gap_ratio:g} contradicts Δ0/k_BT_c = {alpha:.4g} from the given gap "
                             "and T_c; give two of the three")
        Tc_val, source = Tc_K, "given"
    elif Tc_K is not None:
        Tc_val, source = Tc_K, "given"
    elif Delta0_J is not None:
        Tc_val, source = Delta0_J / (alpha * k_B), "gap"
    elif Tc0 is not None and gam is not None and R is not None:
        Tc_val, source = finkelstein_tc(R, Tc0, gam), "finkelstein"
        if Tc_val <= 0:
            raise InputError(f"R_sq = {R:.0f} Ω is beyond Finkel'stein's critical sheet resistance "
                             f"{finkelstein_critical_resistance(gam):.0f} Ω (γ = {gam:g}): the film is not "
                             "superconducting; lower R_sq or check T_c0, γ")
    elif L_meas is not None:  # a measured L_k,□ alone: the inductance is known, the gap is not
        Tc_val, source = None, "not given"
    else:
        raise InputError(f"give T_c (--tc) or the gap (--delta0), or --tc0 and --gamma for Finkel'stein's T_c(R_sq) "
                         f"({mat.name} has no sourced T_c0, γ), or a measured L_k,□ (--lk-sq)")
    dsrc = "given"
    if D is None and mat.diffusion_cm2_per_s.value is not None:
        D = mat.diffusion_cm2_per_s.value * 1e-4
        dsrc = "database (representative, not a measurement)" if mat.diffusion_cm2_per_s.representative else "database"
    film = Film(material=mat, R_sq_ohm=R, Tc_K=None if Tc_val is None else float(Tc_val), gap_ratio=float(alpha),
                thickness_m=d, Tc_source=source, diffusion_m2_per_s=D, Tc0_K=Tc0, gamma=gam, pair_breaking=G,
                L_k_sq_measured_H=L_meas, R_sq_band_ohm=band, diffusion_source=dsrc if D is not None else "",
                R_sq_source="given" if R is not None else "not given")
    if R is None and film.has_gap:  # Mattis–Bardeen: the measured L_k,□ and the gap imply R_sq = πΔ0 L_k,□/ħ
        film = replace(film, R_sq_ohm=film.implied_R_sq_ohm, R_sq_source="implied by the measured L_k,□ "
                       "(Mattis–Bardeen, R_sq = πΔ0 L_k,□/ħ)")
    return replace(film, verdicts=tuple(film_verdicts(film, R_sq_given=R_sq is not None)))


def breakdown_scale(film: Film) -> tuple[float, str]:
    """(R_break [Ω], its name): the lowest of R_Q/2 (the bosonic SIT scale), the material's critical sheet
    resistance and Finkel'stein's R_c — the sheet resistance at which this film's description breaks down."""
    scales = [(R_Q / 2, "R_Q/2")]
    crit = film.material.critical_R_sq_ohm
    if crit.min is not None:
        scales.append((crit.min, f"{film.material.name}'s critical R_sq"))
    if film.gamma:
        scales.append((finkelstein_critical_resistance(film.gamma), "Finkel'stein R_c"))
    return min(scales)


#: fractions of the breakdown scale above which the film is judged a warning, and critical
BREAKDOWN_WARNING, BREAKDOWN_CRITICAL = 0.8, 1.0


def film_verdicts(film: Film, *, R_sq_given: bool = True) -> list:
    """What a physicist should know about this film, as verdict records: distance to the breakdown (SIT) scale,
    Finkel'stein suppression of T_c, sourced ranges, strong disorder and the consistency of a measured L_k
    (docs/theory/film.md)."""
    from .format import eng
    from .verdicts import Verdict

    mat, R, out = film.material, film.R_sq_ohm, []
    if not film.has_gap:
        out.append(Verdict("film.inductance_only", "info",
                           f"the film is given by its measured L_k,□ = "
                           f"{eng(film.L_k_sq_measured_H, 'H', 4, suffix='/□')} alone (taken at the operating "
                           "temperature): the wire's inductance, line and modes follow; its gap, E_S, I* and "
                           "quasiparticle loss do not", "give T_c (--tc) and R_sq (--rsq) for those"))
    elif film.R_sq_source != "given":
        out.append(Verdict("film.implied_rsq", "info", f"R_sq = {eng(R, 'Ω')} {film.R_sq_source}", "give the "
                           "measured R_sq just above T_c (--rsq) to check the film against Mattis–Bardeen"))
    if R is None:
        out.append(Verdict("film.breakdown", "info", "R_sq not given: the distance to the superconductor–insulator "
                           "transition is not judged", "give R_sq just above T_c (--rsq)"))
        return out
    R_break, scale = breakdown_scale(film)
    frac = R / R_break
    severity = "critical" if frac >= BREAKDOWN_CRITICAL else "warning" if frac >= BREAKDOWN_WARNING else "info"
    text = f"R_sq = {eng(R, 'Ω')} is {frac:.0%} of {scale} ({eng(R_break, 'Ω')}), the nearest breakdown scale"
    crit = mat.critical_R_sq_ohm
    if scale.endswith("critical R_sq"):
        text += f" ({crit.source})"
    out.append(Verdict("film.breakdown", severity, text + (f": {SIT_WARNING}" if severity != "info" else ""),
                       "" if severity == "info" else "choose a film further from the superconductor–insulator "
                       "transition (lower R_sq) or measure its L_k (give L_k_sq)",
                       {"R_sq_ohm": R, "R_break_ohm": R_break, "fraction_of_breakdown": frac, "scale": scale}))
    gam = film.gamma
    if gam is not None:
        tc_f = finkelstein_tc(R, film.Tc0_K, gam)
        if tc_f < STRONG_TC_SUPPRESSION * film.Tc0_K:
            out.append(Verdict(
                "film.finkelstein_suppression", "warning",
                f"Finkel'stein suppresses T_c from T_c0 = {eng(film.Tc0_K, 'K')} to {eng(tc_f, 'K')} (by "
                f"{eng(film.Tc0_K - tc_f, 'K')}, to {tc_f / film.Tc0_K:.0%}) at R_sq = {eng(R, 'Ω')} (γ = {gam:g}): "
                "the film is near the end of the "
                "fermionic route; T_c and L_k are very sensitive to R_sq",
                "measure T_c of the film itself: T_c and L_k are steep in R_sq here",
                {"Tc0_K": film.Tc0_K, "Tc_finkelstein_K": tc_f, "gamma": gam}))
    tc = mat.Tc_K
    if film.Tc_source not in ("finkelstein", "not given") and not tc.contains(film.Tc_K):
        out.append(Verdict(
            "film.tc_outside_range", "warning",
            f"T_c = {eng(film.Tc_K, 'K')} is outside {mat.name}'s sourced range "
            f"[{tc.min if tc.min is not None else '?'}, {tc.max if tc.max is not None else '?'}] K ({tc.source})",
            "check the input against the material's sourced range", {"Tc_K": film.Tc_K}))
    lo, hi = mat.gap_ratio.min, mat.gap_ratio.max
    if (lo is not None and film.gap_ratio < 0.9 * lo) or (hi is not None and film.gap_ratio > 1.1 * hi):
        out.append(Verdict(
            "film.gap_ratio_outside_range", "warning",
            f"gap ratio Δ0/k_BT_c = {film.gap_ratio:.3g} is far outside {mat.name}'s range "
            f"[{lo if lo is not None else '?'}, {hi if hi is not None else '?'}] ({mat.gap_ratio.source})",
            "check the gap or T_c against the material's sourced range", {"gap_ratio": film.gap_ratio}))
    if film.thickness_m is not None and film.resistivity_ohm_m > DISORDER_RESISTIVITY_OHM_M:
        out.append(Verdict(
            "film.strong_disorder", "warning",
            f"ρ = {film.resistivity_ohm_m * 1e8:.0f} µΩ cm > 100 µΩ cm (strong disorder, k_Fl ≲ 8.6): measured L_k "
            "exceeds Mattis–Bardeen in this regime (Driessen et al., PRL 109, 107003 (2012); Coumou et al., PRB 88, "
            "180505 (2013))", "measure L_k,□ (give L_k_sq) or model pair breaking (give pair_breaking)",
            {"resistivity_ohm_m": film.resistivity_ohm_m}))
        if R_sq_given:
            out.append(Verdict("film.normal_state_rsq", "info",
                               "R_sq must be the normal-state value just above T_c (a room-temperature value of a "
                               "disordered film is lower)", "use R_sq measured just above T_c"))
    if film.pair_breaking:
        out.append(Verdict("film.pair_breaking", "info",
                           f"pair breaking Γ/Δ00 = {film.pair_breaking:g}: Δ00 = α k_B T_c refers to the film without "
                           f"pair breaking; the model's own T_c is {eng(film.Tc_pair_broken_K, 'K')}", "",
                           {"pair_breaking": film.pair_breaking, "Tc_pair_broken_K": film.Tc_pair_broken_K}))
    if film.R_sq_band_ohm is not None:
        b = film.R_sq_band_ohm
        out.append(Verdict("film.rsq_from_room_temperature", "warning",
                           f"R_sq = {eng(R, 'Ω')} converted from room temperature with {mat.name}'s R(T_c⁺)/R(300 K) "
                           f"(band {eng(b[0], 'Ω')} – {eng(b[1], 'Ω')}; {mat.resistance_ratio.source})",
                           "measure R_sq just above T_c", {"R_sq_band_ohm": list(b)}))
    if film.implied_gap_ratio is not None:
        mb = film.mattis_bardeen_sheet_inductance(0.0)
        out.append(Verdict("film.measured_lk", "info",
                           f"measured L_k,□ = {eng(film.L_k_sq_measured_H, 'H', 4, suffix='/□')} vs Mattis–Bardeen "
                           f"{eng(mb, 'H', 4, suffix='/□')}: it implies R_sq = {eng(film.implied_R_sq_ohm, 'Ω')} or "
                           f"Δ0/k_BT_c = {film.implied_gap_ratio:.3g}", "",
                           {"L_k_sq_measured_H": film.L_k_sq_measured_H, "L_k_sq_mattis_bardeen_H": mb}))
        if film.implied_gap_ratio < 1.7:
            out.append(Verdict("film.implied_gap_ratio_low", "warning",
                               f"implied gap ratio {film.implied_gap_ratio:.3g} < 1.7: R_sq is probably not the value "
                               "just above T_c, or the film is strongly disordered",
                               "check that R_sq is the value just above T_c",
                               {"implied_gap_ratio": film.implied_gap_ratio}))
    return out
