"""Coherence of a design's qubit: every channel with the assumption it rests on, a sourced plausible range, and
T1, T_φ, T2 as a nominal value and a band, with the channel and assumption that limit each; and the records that
judge it (``coherence_records``: the T2 verdict from its band, degenerate states of a protected qubit, a thermally
populated fluxonium).

The channels are the qubit's own (``superind.qubits.noise``: scqubits 4.3.1's formulas on our eigenstates); this
module chooses their inputs and turns the ranges of those inputs into bands. Each rate is proportional to one
assumed quantity, so a band edge is the nominal channel time scaled by that quantity's range — no second solve:

* inductive loss ∝ 1/Q_ind — the film superinductor's internal Q at the qubit frequency. Resonator Q_i of disordered
  films at single photons is its total loss, quasiparticles included: ~1e5 for granular Al (Grünhaupt et al., PRL
  121, 117001 (2018), quasiparticle-dominated; Maleeva 2018; Khorramshahi 2025), down to 2.5e4 for NbN nanowires
  (Niepce et al., PR Applied 11, 044014 (2019), TLS), up to ~1e6 for TiN (Coumou et al., arXiv:1212.4434; Vissers
  et al. 2010). Flat in frequency nominally (the quasiparticle law is nearly flat for hf ≲ 2k_BT), up to f^½ (Catelani
  et al., PRB 84, 064517 (2011)) at the edge. No quasiparticle term is added on top of such a Q (that would count them
  twice); one is added — from the full Mattis–Bardeen σ1 at the quasiparticles' effective temperature — only when
  the design says its Q_ind excludes them. A film calibrated from a resonator (``fit resonator --save-film``) gives
  its own Q_i at its measurement frequency instead, and the band shrinks to what that measurement leaves open.
* dielectric loss ∝ 1/Q_cap — scqubits' 1e6·(6 GHz/f)^0.7 (Smith et al., npj QI 6, 8 (2020)) as the optimistic
  edge, ten times lower (the "low 10^5" of Mencia et al. 2024) as the pessimistic one.
* junction quasiparticles ∝ x_qp — 3e-6 (scqubits) within 1e-8…1e-5 (Catelani & Basko, arXiv:1807.07377).
* phase slips — the random-offset E_S band of the wire (``superind.phaseslip``).
* 1/f flux, critical-current and charge noise, the flux-bias line — scqubits' defaults, no sourced range: fixed.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

#: the assumptions' sources (one line each; the module docstring says more)
SOURCES = {
    "Q_ind": "film resonators' single-photon Q_i (total loss, quasiparticles included): 2e4 NbN nanowires (Niepce "
             "et al. 2019), 1e5 granular Al (Grünhaupt et al., PRL 121, 117001 (2018)), 1e6 TiN (Coumou et al. 2012)",
    "Q_ind_exponent": "Q_ind(f) ∝ f^p, p = 0 (nearly flat below 2k_BT/h) … ½ (Catelani et al., PRB 84, 064517 (2011))",
    "Q_cap": "scqubits 1e6·(6 GHz/f)^0.7 (Smith et al., npj QI 6, 8 (2020)) down to the 'low 10^5' of Mencia et al. "
             "(2024)",
    "x_qp": "junction quasiparticle density 3e-6 (scqubits) within 1e-8…1e-5 (Catelani & Basko, arXiv:1807.07377)",
    "A_flux": "1/f flux noise 1e-6 Φ0 (scqubits; Anton et al., arXiv:1111.7272: 'of the order of 1 µΦ0'); no sourced "
              "range",
    "phase_slip": "the wire's random-offset E_S band (superind.phaseslip; Manucharyan et al., PRB 85, 024521 (2012))",
    "fixed": "scqubits 4.3.1 default, no sourced range",
}
#: the sourced ranges of the film's Q_ind (single photon, near 1 GHz) and of its frequency exponent
Q_IND_RANGE = (2e4, 1e6)
Q_IND_EXPONENT_RANGE = (0.0, 0.5)
#: Q_cap's pessimistic edge relative to scqubits' law (its optimistic edge is the law itself)
Q_CAP_LOW_FACTOR = 0.1
#: the junction quasiparticle density's range
X_QP_RANGE = (1e-8, 1e-5)
#: each assumption in a few words (the card's and the verdict's line; Q_ind's and x_qp's carry their values)
LABELS = {
    "Q_cap": f"Q_cap: scqubits' law (assumed, ×{Q_CAP_LOW_FACTOR:g}…1)",
    "phase_slip": "the wire's phase slips (E_S band)",
    "fixed": "scqubits' default noise amplitude (no sourced range)",
}

#: channel → (the assumption it rests on, how its time scales with that assumption's value)
CHANNEL_ASSUMPTION = {
    "t1_inductive": "Q_ind", "t1_capacitive": "Q_cap", "t1_quasiparticle_tunneling": "x_qp",
    "t1_flux_bias_line": "fixed", "tphi_1_over_f_flux": "A_flux", "tphi_1_over_f_cc": "fixed",
    "tphi_1_over_f_ng": "fixed", "tphi_phase_slip": "phase_slip",
}


@dataclass(frozen=True)
class FilmQ:
    """The film superinductor's Q at the qubit frequency: nominal, (pessimistic, optimistic), what it rests on."""

    nominal: float
    low: float
    high: float
    at_f_Hz: float
    source: str
    includes_quasiparticles: bool
    quasiparticle_Q: float = math.inf
    origin: str = "assumed"  # assumed (the sourced default) | given (in [noise]) | measured (a resonator fit)

    def to_dict(self) -> dict:
        return {"Q_ind_total": self.nominal, "Q_ind_band": [self.low, self.high], "at_f_Hz": self.at_f_Hz,
                "source": self.source, "includes_quasiparticles": self.includes_quasiparticles,
                "Q_quasiparticle_film": self.quasiparticle_Q, "origin": self.origin}

    @property
    def label(self) -> str:
        """One short line: the value at the qubit frequency, where it comes from and its band."""
        from ..format import compact, eng

        band = "" if self.low == self.high else f", {compact(self.low)}…{compact(self.high)}"
        return f"film Q_ind = {compact(self.nominal)} at {eng(self.at_f_Hz, 'Hz')} ({self.origin}{band})"


def film_quasiparticle_Q(film, f_Hz: float, x_qp: float, kinetic_fraction: float) -> float:
    """Q of the film limited by quasiparticles of density x_qp: 1/Q = α_k σ1/σ2 with the full Mattis–Bardeen σ1 at the
    temperature T_qp whose thermal density √(2πk_BT/Δ)e^{−Δ/k_BT} is x_qp (valid also where hf ≲ k_BT_qp, unlike
    (x_qp/π)√(2Δ/hf); Mattis & Bardeen 1958; Catelani et al., PRB 84, 064517 (2011))."""
    from scipy.optimize import brentq

    from ..constants import k_B
    from ..losses import film_loss_tangent, thermal_x_qp

    if x_qp <= 0:
        return math.inf
    delta = film.delta0_J
    T_qp = brentq(lambda T: math.log(thermal_x_qp(T, delta)) - math.log(x_qp), delta / (k_B * 200),
                  min(0.9 * film.Tc_K, delta / (k_B * 0.5)), xtol=1e-12)
    loss = kinetic_fraction * film_loss_tangent(film, f_Hz, T_qp)
    return math.inf if loss == 0 else 1 / loss


def film_Q(device, f_Hz: float) -> FilmQ:
    """The film's Q at f: the [noise] section's Q_ind when given there, else the film's own resonator measurement
    (Q_i at its frequency, scaled by (f/f_meas)^p, p ∈ [0, ½]; its lower bound when Q_i is undetermined), else the
    sourced default and range; a quasiparticle term only when ``Q_ind_includes_quasiparticles`` is false."""
    noise, wire = device.spec.noise, device.wire
    measured = getattr(getattr(wire, "film", None), "material", None)
    measured = getattr(measured, "measured", None)
    given = "Q_ind" in noise.model_fields_set
    ratios = [(f_Hz / noise.Q_ind_f_ref) ** p for p in Q_IND_EXPONENT_RANGE]
    nominal_scale = (f_Hz / noise.Q_ind_f_ref) ** noise.Q_ind_exponent
    if not given and measured is not None and (measured.Q_i or measured.Q_i_lower_95) and measured.Q_i_f_Hz:
        scale = [(f_Hz / measured.Q_i_f_Hz) ** p for p in Q_IND_EXPONENT_RANGE]
        best = measured.Q_i or measured.Q_i_lower_95
        worst = measured.Q_i_lower_95 or measured.Q_i
        q = FilmQ(best * scale[0], worst * min(scale), best * max(scale), f_Hz,
                  f"{wire.film.material.name}'s resonator Q_i = {best:.3g} at {measured.Q_i_f_Hz / 1e9:.3g} GHz "
                  f"({measured.source}), × (f/f_meas)^p, p ∈ [0, ½]", True, origin="measured")
    elif given:
        low, high = noise.Q_ind_range or (noise.Q_ind, noise.Q_ind)
        q = FilmQ(noise.Q_ind * nominal_scale, low * min(ratios), high * max(ratios), f_Hz,
                  f"given in [noise]: Q_ind = {noise.Q_ind:.3g} at {noise.Q_ind_f_ref / 1e9:.3g} GHz",
                  noise.Q_ind_includes_quasiparticles, origin="given")
    else:
        q = FilmQ(noise.Q_ind * nominal_scale, Q_IND_RANGE[0] * min(ratios), Q_IND_RANGE[1] * max(ratios), f_Hz,
                  SOURCES["Q_ind"], noise.Q_ind_includes_quasiparticles)
    if q.includes_quasiparticles or wire is None or noise.x_qp <= 0 or not wire.film.has_gap:
        return q
    Q_qp = film_quasiparticle_Q(wire.film, f_Hz, noise.x_qp, wire.L_k_H / wire.L_H)
    combine = lambda Q: 1 / (1 / Q + 1 / Q_qp)
    return FilmQ(combine(q.nominal), combine(q.low), combine(q.high), f_Hz,
                 q.source + f"; plus the film's quasiparticles at x_qp = {noise.x_qp:g} (Mattis–Bardeen σ1)", False,
                 Q_qp, q.origin)


def _combine(times: dict) -> float:
    from ..qubits.noise import combine_times

    return combine_times(times)


def banded(coherence: dict, fq: FilmQ, x_qp: float, phase_slip_band_s=None) -> dict:
    """The coherence dict with the band of every channel (``T1_channels_band_s``, ``Tphi_channels_band_s``: channel
    → [pessimistic, optimistic]), ``T1_band_s``, ``Tphi_band_s``, ``T2_band_s``, the ``assumptions`` each channel
    rests on, and ``limiting`` (the shortest channel of T1 and of T_φ at nominal, and which of them limits T2)."""
    q_scale = (fq.low / fq.nominal, fq.high / fq.nominal)
    scales = {"Q_ind": q_scale, "Q_cap": (Q_CAP_LOW_FACTOR, 1.0),
              "x_qp": (x_qp / X_QP_RANGE[1], x_qp / X_QP_RANGE[0]) if x_qp > 0 else (1.0, 1.0),
              "A_flux": (1.0, 1.0), "fixed": (1.0, 1.0)}
    out = dict(coherence)
    bands = {}
    for kind in ("T1", "Tphi"):
        channels = coherence.get(f"{kind}_channels_s", {})
        band = {}
        for name, t in channels.items():
            assumption = CHANNEL_ASSUMPTION.get(name, "fixed")
            if assumption == "phase_slip" and phase_slip_band_s is not None:
                band[name] = list(phase_slip_band_s)
            else:
                lo, hi = scales[assumption] if assumption in scales else (1.0, 1.0)
                band[name] = [t * lo, t * hi]
        out[f"{kind}_channels_band_s"] = band
        bands[kind] = [_combine({k: v[0] for k, v in band.items()}), _combine({k: v[1] for k, v in band.items()})]
        out[f"{kind}_band_s"] = bands[kind]
    out["T2_band_s"] = [_combine({"T1/2": 2 * bands["T1"][i], "Tphi": bands["Tphi"][i]}) for i in (0, 1)]
    A_flux = coherence.get("noise_assumptions", {}).get("A_flux_Phi0", 1e-6)
    labels = {**LABELS, "Q_ind": fq.label,
              "x_qp": f"junction x_qp = {x_qp:g} (assumed, {X_QP_RANGE[0]:g}…{X_QP_RANGE[1]:g})",
              "A_flux": f"1/f flux noise {A_flux:g} Φ0 (assumed, no sourced range)"}
    out["assumptions"] = {name: {"assumption": (a := CHANNEL_ASSUMPTION.get(name, "fixed")), "label": labels[a],
                                 "source": fq.source if a == "Q_ind" else SOURCES[a]}
                          for kind in ("T1", "Tphi") for name in coherence.get(f"{kind}_channels_s", {})}
    out["limiting"] = limiting(out)
    return out


def limiting(c: dict) -> dict:
    """The shortest T1 and T_φ channels at nominal, with their assumptions, and which one limits T2."""
    out = {}
    for kind in ("T1", "Tphi"):
        channels = {k: v for k, v in c.get(f"{kind}_channels_s", {}).items() if v is not None and math.isfinite(v)}
        if channels:
            name = min(channels, key=channels.get)
            out[kind] = {"channel": name, "time_s": channels[name], **c["assumptions"][name]}
    if "T1" in out or "Tphi" in out:
        t1 = 2 * out["T1"]["time_s"] if "T1" in out else math.inf
        tphi = out["Tphi"]["time_s"] if "Tphi" in out else math.inf
        out["T2"] = dict(out["T1"] if t1 <= tphi else out["Tphi"], via="T1" if t1 <= tphi else "Tphi")
    return out


# ------------------------------------------------------------------------------------------ the qubit section
PROTECTED_KINDS = ("zeropi", "cos2phi")  # qubits whose two lowest states live in different wells by design


def coherence_records(device, qubit, q: dict, tol_GHz: float) -> tuple:
    """(the protected qubit's numbers or None, records) of a qubit section ``q``: the coherence verdict, and either
    the degenerate-states warning (``degeneracy``) or the thermal-population note (``thermal_population``)."""
    T_K = device.noise_temperature_K
    degenerate = degeneracy(qubit, q, tol_GHz, T_K, device.spec.qubit.kind in PROTECTED_KINDS)
    records = [coherence_verdict(q, device.spec.noise.T2_target, degenerate is not None)]
    if degenerate is not None:
        return degenerate[0], records + [degenerate[1]]
    note = thermal_population(q, T_K)
    return None, records + ([note] if note is not None else [])


def thermal_population(q: dict, T_K: float):
    """An info record when f01 at the operating flux lies below k_BT/h (e.g. a heavy fluxonium at ½ Φ0): the qubit
    is thermally populated, P1/P0 = e^{−hf01/k_BT}, and its T1 = 1/(Γ↓ + Γ↑) carries the thermal factor
    coth(hf01/2k_BT) — a real relaxation time (the states are the wells' symmetric and antisymmetric
    superpositions), to be read with the population (Zhang et al., PRX 11, 011010 (2021))."""
    from ..constants import h, k_B
    from ..format import eng
    from ..verdicts import Verdict

    f01, at = q["f01_operating_GHz"], q["operating_flux"]
    if T_K <= 0 or f01 * 1e9 * h >= k_B * T_K:
        return None
    ratio = math.exp(-h * f01 * 1e9 / (k_B * T_K))
    return Verdict("qubit.thermal", "info",
                   f"f01 at {at:g} Φ0 = {eng(f01 * 1e9, 'Hz')} is below k_BT/h = {eng(k_B * T_K / h, 'Hz')}: "
                   f"thermal population P1/P0 = {ratio:.2f}; T1 includes the upward rate (factor "
                   f"{1 / math.tanh(h * f01 * 1e9 / (2 * k_B * T_K)):.3g})", "initialise by measurement or "
                   "reset before each run", {"P1_over_P0": ratio, "f01_GHz": f01, "T_K": T_K})


def degeneracy(qubit, q: dict, tol_GHz: float, T_K: float, protected: bool = True):
    """(numbers, record) when the two lowest states are nearly degenerate at the operating flux — below the solver's
    tolerance, or (for a protected qubit, whose states live in different wells) below the thermal frequency k_BT/h —
    else None. A golden-rule T1 there carries the thermal factor coth(hf/2k_BT) ≈ 2k_BT/hf and describes
    transitions between the two wells, not the relaxation of a qubit; what describes a protected qubit is its
    splitting and the splitting's dispersion with flux (over the computed range) and offset charge (n_g = 0, ¼, ½ at
    the operating flux; Brooks, Kitaev & Preskill, PRA 87, 052306 (2013); Groszkowski et al., NJP 20, 043053
    (2018))."""

    from ..constants import h, k_B
    from ..format import duration, eng
    from ..verdicts import Verdict

    f01, at = q["f01_operating_GHz"], q["operating_flux"]
    thermal_GHz = k_B * T_K / h / 1e9
    if f01 >= tol_GHz and (f01 >= thermal_GHz or not protected):
        return None
    numbers = {"splitting_GHz": f01, "thermal_GHz": thermal_GHz, "solver_tol_GHz": tol_GHz,
               "dispersion_flux_GHz": q["f01_max_GHz"] - q["f01_min_GHz"],
               "thermal_factor": 1 / math.tanh(h * f01 * 1e9 / (2 * k_B * T_K)) if T_K > 0 else 1.0,
               "well_to_well_time_s": q.get("T1_s")}
    if hasattr(qubit, "n_g"):
        from ..qubits.base import at_offset_charge

        f_ng = [float(at_offset_charge(qubit, ng).spectrum([at], 2).f01_GHz[0]) for ng in (0.0, 0.25, 0.5)]
        numbers["dispersion_ng_GHz"] = max(f_ng) - min(f_ng)
    resolved = f01 >= tol_GHz
    text = (f"the two lowest states are nearly degenerate at {at:g} Φ0: f01 = {eng(f01 * 1e9, 'Hz')} is below "
            + (f"k_BT/h = {eng(thermal_GHz * 1e9, 'Hz')}" if resolved else
               f"the solver's tolerance {eng(tol_GHz * 1e9, 'Hz')} (not resolved)")
            + f"; the golden-rule T1 ({duration(q.get('T1_s'))}, thermal factor {numbers['thermal_factor']:.3g}) is a "
            f"well-to-well transition time, not a qubit T1 — judge the protected qubit by its splitting's dispersion "
            f"(flux: {eng(numbers['dispersion_flux_GHz'] * 1e9, 'Hz')} over the computed range"
            + (f", offset charge: {eng(numbers['dispersion_ng_GHz'] * 1e9, 'Hz')}" if "dispersion_ng_GHz" in numbers
               else "") + ")")
    return numbers, Verdict("qubit.degenerate", "warning", text,
                            "read the splitting and its dispersion; resolve the splitting with a tighter solver "
                            "tolerance" if not resolved else "read the splitting and its dispersion", numbers)


def coherence_verdict(q: dict, target_s: float, degenerate: bool = False):
    """T2 at the operating flux against the design's T2 target, decided by its band: info when even its pessimistic
    edge meets the target, critical when even its optimistic edge is ten times short, else a warning; the message
    names what limits T2 and the assumption it rests on. On nearly degenerate states (``degenerate``) the golden-rule
    T1 inside T2 is a well-to-well time, so no critical verdict rests on it."""
    from ..format import channel_name, duration
    from ..verdicts import Verdict

    T2, at = q.get("T2_s"), q["operating_flux"]
    if not isinstance(T2, (int, float)):
        return Verdict("qubit.coherence", "info", f"coherence not computed: {q['coherence'].get('note', '')}", "")
    lo, hi = q.get("T2_band_s", (T2, T2))
    lim = q.get("limiting", {}).get("T2", {})
    why = f"; limited by {channel_name(lim['channel'])}: {lim['label']}" if lim else ""
    numbers = {"T2_s": T2, "T2_band_s": [lo, hi], "T2_target_s": target_s, "operating_flux": at,
               "limiting": lim.get("channel")}
    text = f"T2 at {at:g} Φ0 = {duration(T2)} (band {duration(lo)} … {duration(hi)})"
    if lo >= target_s:
        return Verdict("qubit.coherence", "info", f"{text} meets the T2 target {duration(target_s)} across its band",
                       "", numbers)
    severity = "critical" if hi < target_s / 10 and not degenerate else "warning"
    return Verdict("qubit.coherence", severity,
                   f"{text} {'falls more than 10× short of' if severity == 'critical' else 'does not surely meet'} "
                   f"the T2 target {duration(target_s)}{why}",
                   "measure the limiting loss (e.g. the film's Q_i: superind fit resonator --save-film) or change "
                   "the design", numbers)


def qubit_coherence(device, at: float, tphi_phase_slip_s=None, qubit=None,
                    tphi_phase_slip_band_s=None) -> dict:
    """T1, T_φ, T2 [s] at the operating flux — nominal and band, each channel with its assumption, and what limits
    each (``superind.design.coherence``): the film's Q at the qubit frequency (``coherence.film_Q``), the junction's
    own quasiparticle gap, the design's noise temperature, and (for superinductor qubits) the wire's phase-slip
    dephasing ``tphi_phase_slip_s`` with its band as one more T_φ channel."""
    from ..qubits.noise import combine_times

    q, noise, kind = qubit or device.qubit, device.spec.noise, device.spec.qubit.kind
    f01 = float(q.spectrum([at], device.spec.qubit.levels).f01_GHz[0]) * 1e9  # the qubit section's solve, reused
    fq = film_Q(device, f01)
    kw = dict(Q_ind=fq.nominal, T_K=device.noise_temperature_K, A_flux=noise.A_flux)
    if kind == "rfsquid":
        kw["x_qp"] = noise.x_qp
    coherence = dict(q.coherence(at, **kw))
    coherence["film_Q"] = fq.to_dict()
    if kind != "qps" and tphi_phase_slip_s is not None:
        channels = dict(coherence.get("Tphi_channels_s", {}), tphi_phase_slip=tphi_phase_slip_s)
        Tphi = combine_times(channels)
        coherence.update(Tphi_channels_s=channels, Tphi_s=Tphi,
                         T2_s=combine_times({"T1/2": (coherence.get("T1_s") or math.inf) * 2, "Tphi": Tphi}))
    coherence = banded(coherence, fq, noise.x_qp if kind == "rfsquid" else 0.0,
                       tphi_phase_slip_band_s if kind != "qps" else None)
    coherence.setdefault("noise_assumptions", {}).update(
        Q_ind_f_ref_Hz=noise.Q_ind_f_ref, Q_ind_exponent=noise.Q_ind_exponent, x_qp=noise.x_qp,
        Q_ind_includes_quasiparticles=fq.includes_quasiparticles, Q_ind=fq.nominal, Q_ind_source=fq.source)
    return coherence
