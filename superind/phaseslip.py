"""Quantum phase slips in a film wire: coherence length, R_ξ, the phase-slip energy E_S as a band, and the
dephasing it causes. Theory and sources: docs/theory/phase_slips.md.

E_S = a Δ N (R_Q/R_ξ) exp(−b R_Q/R_ξ),  R_ξ = R_□ ξ/w,  R_Q = h/4e²  (Golubev & Zaikin, PRB 64, 014504 (2001);
Mooij & Nazarov, Nat. Phys. 2, 169 (2006)). a, b and the ξ convention are fit constants, not universal. N counts how
the amplitudes of the ℓ/ξ independent slip centres along the wire add:

* coherent, N = ℓ/ξ — all centres slip with the same phase: a wire whose offset charges are quiet (or screened),
  the assumption behind the E_S ∝ ℓ of Mooij & Harmans, NJP 7, 219 (2005);
* random offset charges, N = √(ℓ/ξ) — each centre carries its own Aharonov–Casher phase 2πq_j and the amplitudes
  add as a random walk (Matveev, Larkin & Glazman, PRL 89, 096802 (2002); Manucharyan et al., PRB 85, 024521
  (2012)); this is the generic case of a long wire on a real substrate.

The default output is a band spanning b ∈ [0.3, 1.0], both ξ conventions and both summations (a = 1), with a
central value at b = 0.5, Usadel ξ, coherent summation. ``calibrate`` fits (a, b) to measured E_S and
``leave_one_out`` reports how well such a fit predicts a wire it has not seen. Energies E/h in GHz.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional

import numpy as np

from .constants import GHz, R_Q, fluxoid_energy_GHz, hbar, k_B
from .errors import InputError
from .film import Film
from .units import quantities

XI_CONVENTIONS = ("usadel", "gl")
SUMMATIONS = ("coherent", "random")
#: documented default range of the exponent constant b and its central choice
B_RANGE = (0.3, 1.0)
B_CENTRAL = 0.5
#: a representative (not measured) diffusion constant is taken uncertain by this factor either way
D_REPRESENTATIVE_FACTOR = 2.0
#: coherence target of the verdict: T_phi from phase slips must reach it for a "coherent superinductor"
T2_TARGET_S = 100e-6
#: E_S/E_L^fluxoid thresholds: ≳ 1 insulating-like, between 1e-2 and 1 a QPS-qubit regime
COHERENT_BELOW = 1e-2
INSULATING_ABOVE = 1.0


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
    """E_S = a Δ N (R_Q/R_ξ) exp(−b R_Q/R_ξ) with explicit constants (a, b, ξ convention). ``ln_error`` is the
    leave-one-out rms error of ln E_S of a calibration (None when uncalibrated)."""

    a: float = 1.0
    b: float = B_CENTRAL
    xi: str = "usadel"
    source: str = "uncalibrated: a = 1, b = 0.5 (mid of the documented range 0.3–1.0)"
    ln_error: Optional[float] = None

    @quantities(width_m="length", length_m="length")
    def E_S_GHz(self, film: Film, width_m: float, length_m: float, summation: str = "coherent") -> float:
        """Phase-slip energy E_S/h [GHz] of a wire of ``width_m`` × ``length_m`` at T = 0 (Δ = Δ0)."""
        return _es_GHz(film, width_m, length_m, self.a, self.b, coherence_length(film, self.xi), summation)


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
    """The phase-slip regime: "coherent" only when T_φ(phase slips) ≥ the T2 target; otherwise by E_S/E_L^fluxoid:
    < 1e-2 "dephasing" (a superinductor dephased by slips), < 1 "qps" (the QPS-qubit regime), else "insulating"."""
    if Tphi_s >= T2_target_s:
        return "coherent"
    if ratio < COHERENT_BELOW:
        return "dephasing"
    return "qps" if ratio < INSULATING_ABOVE else "insulating"


#: the plain words of each regime
REGIME_TEXT = {"coherent": "coherent superinductor", "dephasing": "phase-slip dephasing limits T2",
               "qps": "QPS-qubit regime", "insulating": "insulating-like (E_S ≳ E_L)"}


def verdict(Tphi_s: float, ratio: float, T2_target_s: float = T2_TARGET_S) -> str:
    """The regime in words (:func:`regime`)."""
    text = REGIME_TEXT[regime(Tphi_s, ratio, T2_target_s)]
    return f"{text} (T_phi < {T2_target_s * 1e6:.0f} µs)" if text.startswith("phase-slip") else text


@dataclass(frozen=True)
class PhaseSlipEstimate:
    """E_S (central: coherent sum; E_S_random_GHz: random-offset sum; band over both) against E_L^fluxoid =
    Φ0²/2L, the dephasing time it causes, and a verdict against ``T2_target_s``."""

    E_S_GHz: float
    E_S_band_GHz: tuple[float, float]
    E_L_fluxoid_GHz: float
    xi_m: dict
    R_xi_ohm: dict
    model: PhaseSlipModel
    E_S_random_GHz: float = 0.0
    E_S_random_band_GHz: tuple[float, float] = (0.0, 0.0)
    T2_target_s: float = T2_TARGET_S
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
        """coherent | dephasing | qps | insulating (:func:`regime`)."""
        return regime(self.Tphi_phase_slip_s, self.ratio, self.T2_target_s)

    @property
    def verdict_band(self) -> tuple[str, str]:
        """Verdicts at the low-E_S (long T_φ) and high-E_S (short T_φ) ends of the band, in E_S_band_GHz order."""
        (lo, hi), L = self.E_S_band_GHz, self.E_L_fluxoid_GHz
        t_short, t_long = self.Tphi_band_s
        return verdict(t_long, lo / L, self.T2_target_s), verdict(t_short, hi / L, self.T2_target_s)

    def verdict_record(self, qps: bool = False):
        """The phase-slip verdict as a record: info when coherent (or, for a phase-slip qubit, ``qps``, in its
        regime), a warning when phase slips limit T2 (or a QPS wire is not in the QPS regime), critical when the
        wire is insulating-like (E_S ≳ E_L^fluxoid)."""
        from .format import duration, ratio
        from .verdicts import Verdict

        v, r = self.verdict, self.regime
        severity = ("info" if r == "coherent" or (qps and r == "qps") else
                    "critical" if r == "insulating" else "warning")
        action = {"info": "", "critical": "widen the wire or lower R_sq (E_S falls exponentially with R_Q/R_ξ)",
                  "warning": "widen the wire or lower R_sq (E_S falls exponentially with R_Q/R_ξ); calibrate the "
                             "film's phase-slip model to narrow the band"}[severity]
        return Verdict("phase_slip.verdict", severity,
                       f"phase slips: {v} (E_S/E_L^fluxoid = {ratio(self.ratio, '')}, T_φ = "
                       f"{duration(self.Tphi_phase_slip_s)} against a T2 target of {duration(self.T2_target_s)})",
                       action, {"E_S_GHz": self.E_S_GHz, "E_S_over_E_L_fluxoid": self.ratio,
                                "Tphi_phase_slip_s": self.Tphi_phase_slip_s, "T2_target_s": self.T2_target_s})


def estimate_phase_slip(wire, model: PhaseSlipModel | None = None, *, T2_target_s: float = T2_TARGET_S
                        ) -> PhaseSlipEstimate:
    """E_S of a wire (anything with film, width_m, length_m, L_H) with its band, T_φ and verdict.

    Central: ``model`` (default uncalibrated a = 1, b = 0.5, Usadel ξ), coherent sum; E_S_random_GHz: the same
    with random offset charges. Band: both summations × (uncalibrated) b ∈ [0.3, 1.0] and both ξ conventions, or
    (calibrated) the model's ξ and b ± 20 % widened by e^{±ln_error}; × D/2…2D when D is a representative default.
    """
    model = model or PhaseSlipModel()
    f, w, ell = wire.film, wire.width_m, wire.length_m
    calibrated = not model.source.startswith("uncalibrated")
    bs, xis = ((0.8 * model.b, 1.2 * model.b), (model.xi,)) if calibrated else (B_RANGE, XI_CONVENTIONS)
    from .verdicts import Verdict

    verdicts = []
    d_scales = (1.0,)
    if f.diffusion_source.startswith("database (representative"):
        d_scales = (1 / D_REPRESENTATIVE_FACTOR, 1.0, D_REPRESENTATIVE_FACTOR)
        verdicts.append(Verdict("phase_slip.representative_D", "warning",
                                f"D = {f.diffusion_m2_per_s * 1e4:.3g} cm²/s is {f.material.name}'s representative "
                                f"database value, not a measurement: the E_S band spans D/{D_REPRESENTATIVE_FACTOR:g}–"
                                f"{D_REPRESENTATIVE_FACTOR:g}D", "measure D (e.g. from dB_c2/dT) and give it "
                                "(--diffusion) to narrow the E_S band", {"diffusion_m2_per_s": f.diffusion_m2_per_s}))
    widen = math.exp(model.ln_error) if (calibrated and model.ln_error) else 1.0
    xi_m = {c: coherence_length(f, c) for c in XI_CONVENTIONS}
    bands = {s: [_es_GHz(f, w, ell, model.a, b, xi_m[x] * math.sqrt(k), s) for b in bs for x in xis for k in d_scales]
             for s in SUMMATIONS}
    if ell < xi_m[model.xi]:
        verdicts.append(Verdict("phase_slip.single_centre", "info",
                                f"the wire ({ell * 1e9:.0f} nm) is shorter than ξ = {xi_m[model.xi] * 1e9:.1f} nm: a "
                                "single slip centre; the ℓ/ξ scaling does not apply", "", {"length_m": ell}))
    es_random = model.E_S_GHz(f, w, ell, "random")
    return PhaseSlipEstimate(
        E_S_GHz=model.E_S_GHz(f, w, ell), E_S_band_GHz=(min(bands["random"]) / widen, max(bands["coherent"]) * widen),
        E_L_fluxoid_GHz=fluxoid_energy_GHz(wire.L_H), xi_m=xi_m,
        R_xi_ohm={c: resistance_per_coherence_length(f, w, x) for c, x in xi_m.items()}, model=model,
        E_S_random_GHz=es_random, E_S_random_band_GHz=(min(bands["random"]) / widen, max(bands["random"]) * widen),
        T2_target_s=T2_target_s, verdicts=tuple(verdicts))


# ------------------------------------------------------------------------------------------ calibration


def _design(wire, xi: str) -> tuple[float, float]:
    """(x = R_Q/R_ξ, ln of the a-free prefactor Δ(ℓ/ξ)x) of a wire (coherent sum, as measured E_S are)."""
    xi_m = coherence_length(wire.film, xi)
    x = R_Q / resistance_per_coherence_length(wire.film, wire.width_m, xi_m)
    return x, math.log(wire.film.delta0_J / GHz * wire.length_m / xi_m * x)


def calibrate(measurements, *, fit: str = "b", a: float = 1.0, xi: str = "usadel") -> PhaseSlipModel:
    """Fit the phase-slip constants to measured (wire, E_S_GHz) pairs; return a reusable PhaseSlipModel.

    ln E_S = ln a + ln[Δ(ℓ/ξ)x] − b x with x = R_Q/R_ξ is linear in (ln a, b): ``fit="b"`` keeps ``a`` fixed
    (one pair suffices), ``fit="ab"`` fits both (needs ≥ 2 pairs with different x). Least squares in ln E_S; with
    ≥ 3 pairs (``fit="b"``: ≥ 2) the model carries its leave-one-out error (``ln_error``).
    """
    pairs = list(measurements)
    if not pairs:
        raise InputError("calibrate needs at least one measured (wire, E_S) pair")
    if fit not in ("b", "ab"):
        raise InputError(f"calibrate fit='{fit}': choose 'b' or 'ab'")
    xs, ys = [], []
    for wire, es in pairs:
        if not es > 0:
            raise InputError(f"measured E_S must be positive, got {es}")
        x, ln_pre = _design(wire, xi)
        xs.append(x)
        ys.append(math.log(es) - ln_pre)  # = ln a − b x
    xs, ys = np.array(xs), np.array(ys)
    if fit == "ab" and (len(xs) < 2 or np.ptp(xs) == 0):
        raise InputError("fitting a and b needs at least two wires with different R_Q/R_ξ")
    ln_a, b = _fit(xs, ys, fit, math.log(a))
    n_min = 2 if fit == "b" else 3
    err = _loo_rms(xs, ys, fit, math.log(a)) if len(xs) >= n_min else None
    what = f"b, a = {a:g} fixed" if fit == "b" else "a, b"
    return PhaseSlipModel(float(math.exp(ln_a)), float(b), xi, source=f"calibrated {what} on {len(xs)} measurement(s)",
                          ln_error=err)


def _fit(xs, ys, fit: str, ln_a: float) -> tuple[float, float]:
    if fit == "b":
        return ln_a, float(np.linalg.lstsq(-xs[:, None], ys - ln_a, rcond=None)[0][0])
    (ln_a, minus_b), *_ = np.linalg.lstsq(np.column_stack([np.ones_like(xs), -xs]), ys, rcond=None)
    return float(ln_a), float(minus_b)


def _loo_rms(xs, ys, fit: str, ln_a: float) -> float:
    errs = []
    for i in range(len(xs)):
        keep = np.arange(len(xs)) != i
        la, b = _fit(xs[keep], ys[keep], fit, ln_a)
        errs.append(ys[i] - (la - b * xs[i]))
    return float(np.sqrt(np.mean(np.square(errs))))


def leave_one_out(measurements, *, fit: str = "b", a: float = 1.0, xi: str = "usadel") -> float:
    """Rms error of ln E_S when each measured wire is predicted by a fit to the others (a factor e^{err})."""
    model = calibrate(measurements, fit=fit, a=a, xi=xi)
    if model.ln_error is None:
        raise InputError("a leave-one-out error needs at least 2 measurements (fit='b') or 3 (fit='ab')")
    return model.ln_error


@dataclass(frozen=True)
class _WireGeometry:
    film: Film
    width_m: float
    length_m: float


def calibration_path() -> Path:
    """The shipped calibration set: material_db/calibration/phase_slips.yaml (package data)."""
    from .materials import _shipped_dir

    return _shipped_dir() / "calibration" / "phase_slips.yaml"


def calibration_records(path: Path | None = None) -> list[dict]:
    """Published phase-slip measurements (every number copied from its source; null when not reachable)."""
    import yaml

    from .materials import SAFE_LOADER

    data = yaml.load((path or calibration_path()).read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    return list(data["measurements"])


def calibration_measurements(records=None) -> list[tuple]:
    """(wire, E_S_GHz) pairs of the complete records (width, length, R_sq, T_c or Δ, D and E_S all sourced)."""
    from .film import make_film

    out = []
    for r in records if records is not None else calibration_records():
        needed = ("width_nm", "length_nm", "R_sq_ohm", "diffusion_cm2_per_s", "E_S_GHz")
        if any(r.get(k) is None for k in needed) or (r.get("Tc_K") is None and r.get("delta_ueV") is None):
            continue
        film = make_film(r["material"], float(r["R_sq_ohm"]), Tc=r.get("Tc_K"),
                         gap=f"{r['delta_ueV']} ueV" if r.get("delta_ueV") else None,
                         diffusion=float(r["diffusion_cm2_per_s"]) * 1e-4)
        out.append((_WireGeometry(film, r["width_nm"] * 1e-9, r["length_nm"] * 1e-9), float(r["E_S_GHz"])))
    return out


def calibrated_model(records=None, *, fit: str = "b", xi: str = "usadel") -> PhaseSlipModel:
    """The model calibrated on the shipped set's complete records, or the uncalibrated default when there are
    none (the returned model's ``source`` says which)."""
    pairs = calibration_measurements(records)
    if not pairs:
        return replace(PhaseSlipModel(), source="uncalibrated: no complete published record in the calibration set")
    return calibrate(pairs, fit=fit, xi=xi)
