"""Numbers for people: engineering notation with SI prefixes ("1.034 nH/□", "31.6 µm", "14.0 kΩ", "0.363 GHz"),
the unit of a result key from its suffix, times that are infinite at a sweet spot, and a design spec written back
as TOML with a unit on every dimensional value ("1.5 kOhm").

Pure Python (no numpy, no physics): the CLI, the report and the comparison all format through here, so a value
reads the same everywhere. Energies E/h stay in GHz (the qubit convention); everything else takes an SI prefix.
"""
from __future__ import annotations

import math
from typing import Optional

#: SI prefixes for engineering notation (µ as the micro sign)
PREFIXES = [(1e-18, "a"), (1e-15, "f"), (1e-12, "p"), (1e-9, "n"), (1e-6, "µ"), (1e-3, "m"), (1.0, ""),
            (1e3, "k"), (1e6, "M"), (1e9, "G"), (1e12, "T")]
#: a dephasing time above this at a sweet spot is shown as infinite (first-order insensitive)
SWEET_SPOT_TPHI_S = 1.0
#: a time above this is shown as negligible (a rate nobody can measure)
NEGLIGIBLE_TIME_S = 1e3
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def finite(value) -> bool:
    """True for a real, finite number (not None, NaN, ±inf, bool or text)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def cutoff_text(cutoff: dict) -> str:
    """A solver's truncation as "name = value, …", non-integers to 4 significant digits (φ_osc, grid ranges)."""
    return ", ".join(f"{k} = {v if isinstance(v, (int, str)) else significant(v, 4)}" for k, v in cutoff.items())


def significant(x: float, digits: int = 3) -> str:
    """``x`` with ``digits`` significant digits, trailing zeros kept ("14.0", "0.363", "1.034"; integers whole)."""
    if x == 0:
        return "0"
    x = float(f"{x:.{digits - 1}e}")
    decimals = max(digits - 1 - math.floor(math.log10(abs(x))), 0)
    return f"{x:.{decimals}f}"


def scientific(x: float, digits: int = 3) -> str:
    """``x`` as "7.08 × 10⁻⁷" (``digits`` significant digits)."""
    if x == 0:
        return "0"
    mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"


def eng(value, unit: str = "", digits: int = 3, *, suffix: str = "", missing: str = "—") -> str:
    """``value`` (SI) with an SI prefix on ``unit``: eng(3.16e-5, "m") = "31.6 µm", eng(1.4e4, "Ω") = "14.0 kΩ".
    ``suffix`` follows the prefixed unit ("/□" → "1.034 nH/□"); absent or non-finite values give ``missing``."""
    if not finite(value):
        return missing
    x = float(f"{float(value):.{digits - 1}e}")
    if x == 0:
        return f"0 {unit}{suffix}".rstrip()
    if not 1e-18 <= abs(x) < 1e15:
        return f"{scientific(x, digits)} {unit}{suffix}".rstrip()
    factor, prefix = next((f, p) for f, p in reversed(PREFIXES) if abs(x) >= f * (1 - 1e-12))
    return f"{significant(x / factor, digits)} {prefix}{unit}{suffix}".rstrip()


def ghz(value, digits: int = 3, missing: str = "—") -> str:
    """An energy E/h or a qubit frequency in GHz: "0.363 GHz"; very small or large values as "7.08 × 10⁻⁷ GHz"."""
    if not finite(value):
        return missing
    x = float(value)
    if x != 0 and not 1e-3 <= abs(x) < 1e5:
        return f"{scientific(x, digits)} GHz"
    return f"{significant(x, digits)} GHz"


def compact(value, unit: str = "") -> str:
    """A short magnitude for crowded tables: "2.1", "8×10⁻¹⁷", "4×10³" (one or two significant digits)."""
    if not finite(value):
        return "—"
    x = float(value)
    if x == 0 or 1e-2 <= abs(x) < 1e3:
        text = significant(x, 2)
    else:
        mantissa, exponent = f"{x:.0e}".split("e")
        text = f"{mantissa}×10{str(int(exponent)).translate(_SUPERSCRIPT)}"
    return f"{text} {unit}".rstrip()


def ratio(value, reference: str, digits: int = 3, missing: str = "—") -> str:
    """A dimensionless ratio against a named reference: "2.17 R_Q", "7.17 × 10⁻⁸ E_L^fluxoid"."""
    if not finite(value):
        return missing
    x = float(value)
    text = scientific(x, digits) if x != 0 and not 1e-3 <= abs(x) < 1e5 else significant(x, digits)
    return f"{text} {reference}".rstrip()


def duration(seconds, *, dephasing_at_sweet_spot: bool = False, missing: str = "—") -> str:
    """A coherence time: "1.72 µs"; at a sweet spot a dephasing time that is infinite or above 1 s reads
    "∞ (first-order insensitive)"; any time above 1000 s reads "> 1000 s (negligible)"."""
    if seconds is None or (isinstance(seconds, float) and math.isnan(seconds)):
        return missing
    x = float(seconds)
    if dephasing_at_sweet_spot and (math.isinf(x) or x > SWEET_SPOT_TPHI_S):
        return "∞ (first-order insensitive)"
    if math.isinf(x) or x > NEGLIGIBLE_TIME_S:
        return f"> {NEGLIGIBLE_TIME_S:g} s (negligible)"
    return eng(x, "s")


#: result-key suffix → (formatter) for ``by_key``; longest suffixes first
_KEY_FORMATS = [
    ("_m2_per_s", lambda v: f"{significant(v * 1e4)} cm²/s"),
    ("_per_m_H", lambda v: eng(v * 1e-6, "H", suffix="/µm")),
    ("_per_m_F", lambda v: eng(v * 1e-6, "F", suffix="/µm")),
    ("_m_per_s", lambda v: f"{scientific(v)} m/s"),
    ("_ohm_m", lambda v: f"{significant(v * 1e8)} µΩ cm"),
    ("_sq_H", lambda v: eng(v, "H", 4, suffix="/□")),
    ("_sq_H_T0", lambda v: eng(v, "H", 4, suffix="/□")),
    ("sheet_inductance_H", lambda v: eng(v, "H", 4, suffix="/□")),
    ("_sq_ohm", lambda v: eng(v, "Ω", suffix="/□")),
    ("_m2", lambda v: area(v)),
    ("_GHz", ghz), ("_Hz", lambda v: eng(v, "Hz")), ("_ohm", lambda v: eng(v, "Ω")), ("_H", lambda v: eng(v, "H")),
    ("_F", lambda v: eng(v, "F")), ("_A", lambda v: eng(v, "A")), ("_K", lambda v: eng(v, "K")),
    ("_s", duration), ("_m", lambda v: eng(v, "m")), ("_J", lambda v: eng(v, "J")),
    ("_ueV", lambda v: f"{significant(v)} µeV"),
]


def area(value_m2) -> str:
    """An area with the prefix on the metre: 1.47e-11 m² → "14.7 µm²" (the prefix is squared with the unit)."""
    if not finite(value_m2):
        return "—"
    x = float(value_m2)
    factor, prefix = (1e-3, "m") if abs(x) >= 1e-6 else (1e-6, "µ") if abs(x) >= 1e-16 else (1e-9, "n")
    return f"{significant(x / factor**2)} {prefix}m²"


def by_key(key: str, value, missing: str = "—") -> str:
    """Format a result value by its key's SI suffix (``f_self_Hz`` → "32.4 GHz", ``L_k_sq_H`` → "1.034 nH/□")."""
    if isinstance(value, (list, tuple)):
        return " – ".join(by_key(key, v, missing) for v in value)
    if not finite(value):
        return missing if value is None or isinstance(value, (int, float)) else str(value)
    for suffix, fmt in _KEY_FORMATS:
        if key.endswith(suffix):
            return fmt(float(value))
    return significant(float(value)) if isinstance(value, float) else str(value)


# ------------------------------------------------------------------------------------------ TOML
#: SI unit of a spec field → (how TOML writes it, the prefixes it may take)
_TOML_UNITS = {"m": ("m", "num"), "ohm": ("Ohm", "kM"), "K": ("K", "m"), "Hz": ("Hz", "kMG"), "H": ("H", "pnum"),
               "F": ("F", "afpn"), "A": ("A", "pnum"), "s": ("s", "num"), "GHz": ("GHz", "")}
_TOML_PREFIX = {"a": 1e-18, "f": 1e-15, "p": 1e-12, "n": 1e-9, "u": 1e-6, "m": 1e-3, "": 1.0, "k": 1e3, "M": 1e6,
                "G": 1e9}


def _prefix_choices(unit: str) -> tuple[str, list[tuple[float, str]]]:
    """(how the unit is written, [(factor, prefix)] ascending) for an SI unit of a spec field."""
    name, prefixes = _TOML_UNITS.get(unit, (unit, ""))
    return name, sorted((_TOML_PREFIX[p], p) for p in ["", *prefixes])


def natural_unit(value: float, unit: str) -> tuple[float, str]:
    """(factor, unit text) that write ``value`` (SI) in the prefixed unit of its magnitude, as the design files and
    pint read it: 1e-7, "m" → (1e-9, "nm"); 1500, "ohm" → (1e3, "kOhm"); a unit without prefixes stays."""
    name, choices = _prefix_choices(unit)
    factor, prefix = ([c for c in choices if abs(value) >= c[0] * (1 - 1e-12)][-1:] or choices[:1])[0]
    return factor, f"{prefix}{name}"


def quantity_text(value: float, unit: str) -> str:
    """A spec value (SI, or GHz for energies) as a unit string the design parser reads back: 1500.0, "ohm" →
    "1.5 kOhm"; 1e-7, "m" → "100 nm"; 0.02, "K" → "20 mK"; 5e-5, "m**2/s" → "0.5 cm**2/s" (12 digits)."""
    if unit == "m**2/s":
        return f"{value * 1e4:.12g} cm**2/s"
    name, choices = _prefix_choices(unit)
    if value == 0:
        return f"0 {name}"
    natural = natural_unit(value, unit)
    for factor, text_unit in [natural, (1.0, name)] + [(f, p + name) for f, p in choices]:  # the first exact one
        text = f"{value / factor:.12g}"
        if float(text) * factor == value:
            return f"{text} {text_unit}"
    return f"{value / natural[0]:.12g} {natural[1]}"


def _toml_scalar(value, unit: Optional[str]) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and not unit:
        return str(value)
    if isinstance(value, (int, float)):
        return f'"{quantity_text(float(value), unit)}"' if unit else f"{float(value):.12g}"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def design_toml(data: dict, units: dict[str, str]) -> str:
    """A design mapping (``spec.model_dump(mode="json")``) as TOML: None omitted, sections as ``[table]``s, every
    dimensional field (``units``: dotted path → SI unit, from ``sweepable_fields()``) written with its unit."""
    lines: list[str] = []

    def table(node: dict, path: str) -> None:
        scalars = [(k, v) for k, v in node.items() if v is not None and not isinstance(v, dict)]
        if path and scalars:
            lines.append(f"\n[{path}]")
        for k, v in scalars:
            lines.append(f"{k} = {_toml_scalar(v, units.get(f'{path}.{k}' if path else k))}")
        for k, v in node.items():
            if isinstance(v, dict) and any(x is not None for x in v.values()):
                table(v, f"{path}.{k}" if path else k)

    table(data, "")
    return "\n".join(lines).lstrip("\n") + "\n"


# ------------------------------------------------------------------------------------------ phase slips
def modes_text(modes_Hz, pair_breaking_Hz=None) -> str:
    """Mode frequencies, those at or above 2Δ/h marked (outside the superconducting model)."""
    mark = lambda f: " (> 2Δ/h)" if pair_breaking_Hz and f >= pair_breaking_Hz else ""
    return ", ".join(eng(f, "Hz") + mark(f) for f in modes_Hz if finite(f)) or "—"


def wire_rows(s: dict) -> list[tuple[str, ...]]:
    """The rows of a wire section (``superind wire`` and the report): geometry, inductances, the line and its modes
    (the 3D estimate of the first when the 2D cross-section fails; modes above 2Δ/h marked), energies, phase slips."""
    g = lambda key: by_key(key, s.get(key))
    cross = s.get("cross_section") or {}
    rows = [("width", g("width_m")), ("pitch (width + gap)", g("pitch_m")),
            ("length (drawn model)", g("length_m"), f"{s.get('meander_rows', 1)} rows"),
            ("squares", f"{s['squares']:.1f} □"),
            ("L total", g("L_H"), f"target {by_key('target_L_H', s['target_L_H'])}" if s.get("target_L_H") else ""),
            ("L kinetic", g("L_k_H")), ("L geometric", g("L_geo_H")), ("L'", g("L_per_m_H")), ("C'", g("C_per_m_F")),
            ("line impedance Z", g("Z_ohm"), ratio(s.get("Z_over_RQ"), "R_Q")), ("phase velocity", g("v_m_per_s")),
            ("first self-resonance", g("f_self_Hz"), s.get("self_resonance_model", ""))]
    if "f_self_3d_estimate_Hz" in cross:
        rows.append(("first self-resonance, 3D estimate", by_key("f_Hz", cross["f_self_3d_estimate_Hz"]),
                     f"ground capacitance × {cross['C3D_over_C2D']:.2f} (rows short against the ground gap)"))
    rows += [("next modes", modes_text((s.get("modes_Hz") or [])[1:4], s.get("pair_breaking_Hz")),
              f"2Δ/h = {by_key('f_Hz', s['pair_breaking_Hz'])}" if s.get("pair_breaking_Hz") else ""),
             ("λ/4 of the unfolded wire", g("f_self_straight_Hz"), "for comparison"),
             ("stray capacitance", g("C_stray_F")), ("self-Kerr K/2π", g("kerr_Hz"), s.get("kerr_definition", "")),
             ("E_L = (Φ0/2π)²/L", ghz(s.get("E_L_GHz"))), ("E_L^fluxoid = Φ0²/2L", ghz(s.get("E_L_fluxoid_GHz"))),
             ("I* (differential)", g("I_star_A"), "nonlinearity scale of L_k(I)")]
    if s.get("footprint_m2"):
        rows.append(("footprint (drawn meander body)", area(s["footprint_m2"])))
    if s.get("E_S_GHz") is not None:
        rows += [("coherence length ξ (Usadel)", g("xi_usadel_m")), *phase_slip_rows(s)]
    return rows


def phase_slip_rows(s: dict) -> list[tuple[str, str, str]]:
    """(quantity, value, note) rows of a superinductor section's phase-slip numbers: both sums with their bands
    (edges below 1 Hz as "below 1 Hz"), the dephasing band, the band-edge verdict and what would decide it, the
    sensitivities and the model the band rests on. Shared by the CLI and the report."""
    if s.get("E_S_GHz") is None:
        return []
    lo, hi = s["E_S_band_text"]
    rlo, rhi = s["E_S_random_band_text"]
    t_lo, t_hi = s["Tphi_phase_slip_band_s"]
    m = s["E_S_model"]
    model = (m["source"] if m["calibrated"] else
             f"a ∈ [{m['a_range'][0]:g}, {m['a_range'][1]:g}], b ∈ [{m['b_range'][0]:g}, {m['b_range'][1]:g}], "
             f"ξ = ξ_Usadel (uncalibrated)")
    dominant = {"D": "the representative D (D/2…2D)", "b": "b"}.get(s.get("E_S_dominant_input"), "b")
    rows = [("E_S coherent sum (central)", ghz(s["E_S_GHz"]), f"a = {m['a']:g}, b = {m['b']:.3g}"),
            ("E_S coherent band", f"{lo} … {hi}", model),
            ("E_S random-offset sum (central)", ghz(s["E_S_random_GHz"]), "√(ℓ/ξ) slip centres: dephasing"),
            ("E_S random-offset band", f"{rlo} … {rhi}", f"dominant input: {dominant}"),
            ("T_φ from phase slips", f"{duration(t_lo)} … {duration(t_hi)}",
             f"central {duration(s['Tphi_phase_slip_s'])}, target {duration(s['T2_target_s'])}"),
            ("E_S / E_L^fluxoid (central)", ratio(s["E_S_over_E_L_fluxoid"], "E_L^fluxoid"), s.get("verdict") or "")]
    if s.get("phase_slip_verdict"):
        rows.append(("phase-slip verdict", s["phase_slip_verdict"], "decided by the band's edges"))
    if s.get("width_for_safe_m"):
        rows.append(("width safe at the pessimistic edge", eng(s["width_for_safe_m"], "m"), "same inductance"))
    if s.get("width_for_E_S_m"):
        rows.append(("widest wire with the wanted E_S", eng(s["width_for_E_S_m"], "m"), "at the optimistic edge"))
    rows += [("sensitivity to R_sq", f"E_S ∝ R_sq^{s['dlnE_S_dlnR_sq']:.3g}", "d ln E_S/d ln R_sq at the central b: "
              f"±10 % in R_sq moves E_S ×{1.1 ** s['dlnE_S_dlnR_sq']:.3g} / ÷{0.9 ** -s['dlnE_S_dlnR_sq']:.3g}"),
             ("sensitivity to the width", f"E_S ∝ w^{s['dlnE_S_dlnwidth']:.3g}", "d ln E_S/d ln w at the central b")]
    return rows


# ------------------------------------------------------------------------------------------ qubits
#: the qubit's energies as people read them: key → (label, what it is: given or derived, by kind where it differs)
QUBIT_ENERGIES = [
    ("E_J_GHz", "E_J", "the junction's (given, or from I_c or R_n)"),
    ("E_C_GHz", "E_C", {"rfsquid": "e²/2C of the junction and shunt together (derived from the given E_C or C)",
                        "zeropi": "e²/2C of each shunt capacitor (given)", "cos2phi": "e²/2C of the shunt (given)"}),
    ("E_CJ_GHz", "E_CJ", "e²/2C_J of each junction (given)"),
    ("E_CS_GHz", "E_CΣ", "derived: (1/E_C + 1/E_CJ)⁻¹"),
    ("E_L_GHz", "E_L = (Φ0/2π)²/L", "derived from the superinductor's L"),
    ("E_L_fluxoid_GHz", "E_L^fluxoid = Φ0²/2L", "derived: 2π² E_L"),
    ("E_S_GHz", "E_S", "given, or the wire's central estimate"),
    ("phi_mode_GHz", "φ-mode frequency", "derived"),
    ("plasma_GHz", "plasma frequency √(8E_JE_C)", "derived"),
]


def qubit_energy_rows(q: dict) -> list[tuple[str, str, str]]:
    """(label, value, what it is) of the energies a qubit section holds (E/h in GHz)."""
    rows = []
    for key, label, note in QUBIT_ENERGIES:
        if finite(q.get(key)):
            rows.append((label, ghz(q[key]), note.get(q.get("kind"), "") if isinstance(note, dict) else note))
    return rows


def multimode_rows(m: dict, operating_flux: float) -> list[tuple[str, str, str]]:
    """(quantity, value, note) rows of a multimode section (``MultimodeSpectrum.to_dict``): each mode's frequency,
    coupling (g, or g_φ and g_θ for the 0-π) and dispersive shift, the modes that do not couple, the dressed f01 and
    its shifts against the single-mode and the lumped model. Shared by the report and ``superind qubit``."""
    theta = m.get("g_theta_GHz") or [None] * len(m["modes_Hz"])
    rows = [(f"wire mode {k + 1}", eng(f, "Hz"),
             (f"g = {ghz(g)}" if g_t is None else f"g_φ = {ghz(g)}, g_θ = {ghz(g_t)}")
             + f", dispersive shift χ = {eng(chi * 1e9, 'Hz')}")
            for k, (f, g, g_t, chi) in enumerate(zip(m["modes_Hz"], m["g_GHz"], theta, m["chi_GHz"]))]
    if m.get("uncoupled_Hz"):
        rows.append(("modes that do not couple", ", ".join(eng(f, "Hz") for f in m["uncoupled_Hz"]),
                     "ζ and the wire pairs the circuit's mirror symmetry decouples from φ and θ"))
    return rows + [
        (f"f01 at {operating_flux:g} Φ0", ghz(m["f01_GHz"]), "dressed by the modes"),
        ("f01 shift from the wire's modes", eng(m["delta_f01_GHz"] * 1e9, "Hz"),
         "against the single-mode model (K = 0: the wire's capacitance quasi-static)"),
        ("f01 shift against the lumped model", eng(m["delta_f01_lumped_GHz"] * 1e9, "Hz"),
         "against the wire without capacitance")]


def channel_name(channel: str) -> str:
    """'t1_inductive' → 'T1 inductive loss', 'tphi_1_over_f_cc' → 'T_φ 1/f cc' (words for a channel key)."""
    kind, rest = channel.split("_", 1)
    words = {"inductive": "inductive loss", "capacitive": "dielectric loss", "1_over_f_flux": "1/f flux noise",
             "1_over_f_cc": "1/f critical-current noise", "1_over_f_ng": "1/f charge noise",
             "quasiparticle_tunneling": "junction quasiparticles", "flux_bias_line": "flux-bias line",
             "phase_slip": "phase slips"}
    return f"{'T1' if kind == 't1' else 'T_φ'} {words.get(rest, rest.replace('_', ' '))}"
