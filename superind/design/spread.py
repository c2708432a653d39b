"""Device spread: a Monte-Carlo of the film and the fabrication around one drawn device.

The drawn device is fixed: the wire's length ℓ and its layout (electrical squares, row pitch) as resolved. Each
sample draws the film (R_sq, T_c or the gap, thickness) and the fabrication (drawn width, junction E_J) around
their nominal values with Gaussian relative 1σ (``SpreadSpec``) and computes L_k, E_L = (Φ0/2π)²/L (scqubits), f01
at the operating flux, the first self-resonance of the drawn meander and the central phase-slip energy E_S.
``monte_carlo(device, spread)`` → ``SpreadResult``: p5/p50/p95 per quantity and the raw samples.

``delta_gap`` = δΔ/Δ is a gap that varies *within* each wire, as the mesoscopic fluctuations of disordered films
make it (Skvortsov & Feigel'man, PRL 95, 057002 (2005); review: Sacépé, Feigel'man & Klapwijk, Nat. Phys. 16, 734
(2020); ``superind.finkelstein.mesoscopic_tc_spread`` gives an order of magnitude). The model is ours, not theirs: ℓ/ξ
segments in series with independent lognormal gaps (mean Δ, sd δΔ); L_k follows ⟨Δ/Δ_j⟩ = 1 + δ² and E_S the
coherent sum of the local slip amplitudes, which the weakest segments dominate. SI inside, energies E/h in GHz.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Optional

import numpy as np
from scipy.special import ndtri

from ..constants import R_Q, fluxoid_energy_GHz, inductive_energy_GHz
from ..errors import InputError
from ..finkelstein import finkelstein_tc
from ..phaseslip import PhaseSlipModel, coherence_length, resistance_per_coherence_length

#: the reported quantities (keys of ``SpreadResult.samples`` and of ``to_dict``)
QUANTITIES = ("L_k_H", "E_L_GHz", "f01_GHz", "f_self_Hz", "E_S_GHz")
PERCENTILES = (("p5", 5.0), ("p50", 50.0), ("p95", 95.0))
#: the varied parameters, in the (fixed) order their standard normals are drawn: a seed gives the same devices
#: whichever σ are zero
PARAMETERS = ("R_sq", "Tc", "gap", "width", "thickness", "E_J")
#: f01 of the spread's corner devices must move by at most this when the basis is enlarged one rung [GHz]
SPREAD_TOL_GHZ = 1e-6
#: a drawn factor 1 + σ·η is clipped here (a positive quantity; counted in the warnings)
MIN_FACTOR = 0.01
#: gap segments per wire drawn one by one (the weakest ones); the rest enter through their exact moments
TAIL_SEGMENTS = 256
#: composite Gauss–Legendre nodes (8 per 0.25) over η − η_cut ∈ [0, 18] for the moments of the bulk segments
_GL_X, _GL_W = np.polynomial.legendre.leggauss(8)
_BULK_U = ((np.arange(72)[:, None] + (_GL_X[None, :] + 1) / 2) * 0.25).ravel()
_BULK_W = np.tile(_GL_W * 0.125, 72)
_CHUNK = 4096


@dataclass(frozen=True, eq=False)
class SpreadResult:
    """Monte-Carlo samples of one device: ``samples`` (quantity → array, NaN where not defined or the sample is
    not superconducting), the drawn ``inputs`` (parameter → array, SI), the ``nominal`` device's numbers, the
    ``seed``, ``notes`` (what was modelled or skipped) and ``warnings``."""

    samples: dict
    inputs: dict
    nominal: dict
    seed: int
    notes: tuple = ()
    warnings: tuple = ()

    @property
    def count(self) -> int:
        return int(next(iter(self.samples.values())).size)

    def percentiles(self, quantity: str) -> dict:
        """{"p5", "p50", "p95"} of a quantity over its finite samples (numpy's linear interpolation); None if none."""
        v = np.asarray(self.samples[quantity])
        v = v[np.isfinite(v)]
        return {name: (float(np.percentile(v, q)) if v.size else None) for name, q in PERCENTILES}

    def to_dict(self) -> dict:
        """{quantity: {"p5", "p50", "p95"}} for every quantity, with ``samples`` (count), ``seed``, ``nominal``,
        ``notes`` and ``warnings`` — the ``spread`` section of the results."""
        out = {q: self.percentiles(q) for q in QUANTITIES}
        nominal = {k: (v if v is not None and math.isfinite(v) else None) for k, v in self.nominal.items()}
        out.update(samples=self.count, seed=self.seed, nominal=nominal, notes=list(self.notes),
                   warnings=list(self.warnings))
        return out


def monte_carlo(device, spread=None, *, phase_slip: Optional[PhaseSlipModel] = None,
                tol_GHz: float = SPREAD_TOL_GHZ, multimode=None) -> SpreadResult:
    """Sample the device's film and fabrication (``spread``, default the spec's ``[spread]``) around the drawn device.

    Parameter = nominal × max(1 + σ·η, 0.01), η ~ N(0, 1) from ``numpy.random.default_rng(seed)``; T_c follows
    Finkel'stein's T_c(R_sq) when the film's did, D ∝ 1/(R_sq d) (Einstein relation). L_k = L_k,□(T)·N_□ (Mattis–
    Bardeen, ``Film``) with N_□ = N_□,el − ℓ_c/w₀ + ℓ_c/w at the drawn width w; L = L_k + L_geo(w); E_L = (Φ0/2π)²/L;
    f_self = f_self,0 √(L₀C'₀/(L C'(w))) (first mode at fixed geometry); E_S central (``PhaseSlipModel``, coherent).
    f01 at ``qubit.operating_flux`` for rfsquid and qps only; with the wire's modes in the qubit (``multimode``, a
    ``MultimodeSpectrum``) the RF-SQUID's f01 is that of the qubit loaded by the wire's capacitance
    (``superind.qubits.loaded``) plus the nominal modes' dispersive shift, so the nominal device is the headline's.
    InputError without a film wire or a spread.
    """
    spread = spread if spread is not None else device.spec.spread
    if spread is None:
        raise InputError("spread: no [spread] section; give e.g. spread = { R_sq = 0.05, samples = 1000 }")
    if device.film is None or device.wire is None:
        raise InputError("spread: the Monte-Carlo varies a film wire; add [film] and [superinductor] sections")
    film, wire, model = device.film, device.wire, phase_slip or PhaseSlipModel()
    if spread.delta_gap > 0 and film.diffusion_m2_per_s is None:
        raise InputError("spread.delta_gap: the gap-inhomogeneity model counts coherence-length segments ℓ/ξ and "
                         "needs the film's diffusion constant; give film.diffusion (e.g. '0.5 cm**2/s')")
    n, rng = spread.samples, np.random.default_rng(spread.seed)
    raw = 1.0 + np.array([getattr(spread, p) for p in PARAMETERS])[:, None] * rng.standard_normal((len(PARAMETERS), n))
    factor = dict(zip(PARAMETERS, np.maximum(raw, MIN_FACTOR)))
    notes, warnings = [], []
    if (raw < MIN_FACTOR).any():
        warnings.append(f"spread: {int((raw < MIN_FACTOR).sum())} drawn factors 1 + σ·η fell below {MIN_FACTOR} and "
                        "were clipped (σ too large for a Gaussian of a positive quantity)")

    w = wire.width_m * factor["width"]
    inputs, L_k_sq, xi, x, E_S = _film_samples(film, device.temperature_K, factor, model, w, wire.length_m)
    inputs["width_m"] = w
    squares = _squares(wire, device.layout, w)
    inputs["squares"] = squares
    L_k = L_k_sq * squares
    if spread.delta_gap > 0:
        ell_over_xi = np.where(np.isfinite(xi), wire.length_m / np.where(np.isfinite(xi), xi, 1.0), 0.0)
        segments = np.maximum(1, np.rint(ell_over_xi)).astype(np.int64)
        inv_gap, slip = _gap_inhomogeneity(rng, spread.delta_gap, segments, model.b * np.nan_to_num(x))
        if film.L_k_sq_measured_H is not None:  # a measured L_k,□ already averages the film's 1/Δ
            inv_gap = inv_gap / (1 + spread.delta_gap**2)
        L_k, E_S = L_k * inv_gap, E_S * slip
        notes.append(f"delta_gap = {spread.delta_gap:g}: lognormal local gap over ℓ/ξ segments in series (median "
                     f"{int(np.median(segments))} per wire); L_k ∝ ⟨Δ/Δ_j⟩, E_S the coherent sum of local amplitudes")
    L = L_k + _per_width(w, lambda v: wire.line.geometric_inductance(wire.length_m, v))
    E_L = inductive_energy_GHz(L)
    f_self = _self_resonance(wire, w, L_k / squares, notes)  # the sheet inductance each sample has
    normal = int(np.isnan(L_k_sq).sum())
    if normal:
        warnings.append(f"spread: {normal} of {n} samples are not superconducting at {device.temperature_K:g} K "
                        "(T_c too low or R_sq beyond Finkel'stein's critical resistance); left out of the percentiles")
    if film.diffusion_m2_per_s is None:
        notes.append("no diffusion constant: no phase-slip energy E_S")
    nominal = {"L_k_H": wire.L_k_H, "E_L_GHz": wire.E_L_GHz, "f_self_Hz": wire.f_self_Hz,
               "E_S_GHz": model.E_S_GHz(film, wire.width_m, wire.length_m) if film.diffusion_m2_per_s else None}
    f01, nominal["f01_GHz"] = _qubit_f01(device, L, E_L, E_S, factor["E_J"], inputs, tol_GHz, notes, multimode)
    samples = {"L_k_H": L_k, "E_L_GHz": E_L, "f01_GHz": f01, "f_self_Hz": f_self, "E_S_GHz": E_S}
    return SpreadResult(samples, inputs, nominal, spread.seed, tuple(notes), tuple(warnings))


# ------------------------------------------------------------------------------------------------- film

def _film_samples(film, T_K: float, factor: dict, model: PhaseSlipModel, width_m, length_m: float):
    """Per sample: drawn film parameters, L_k,□(T) [H/□], ξ [m], x = R_Q/R_ξ and the homogeneous wire's E_S [GHz]
    (NaN where the sample is normal at T_K, or without a diffusion constant).

    T_c follows Finkel'stein's T_c(R_sq) when the film's T_c came from it; the ``gap`` factor scales Δ0 at fixed T_c
    (the gap ratio absorbs it), or T_c with it when the film's T_c came from the gap. D ∝ 1/(R_sq d). A measured
    L_k,□ is scaled by the Mattis–Bardeen ratio L_k,□(sample)/L_k,□(nominal) at T = 0.
    """
    R = film.R_sq_ohm * factor["R_sq"]
    Tc = film.Tc_K * factor["Tc"]
    if film.Tc_source == "finkelstein":
        tc = finkelstein_tc(np.append(R, film.R_sq_ohm), film.Tc0_K, film.gamma)
        Tc = Tc * (tc[:-1] / tc[-1])
    from_gap = film.Tc_source == "gap"
    Tc = Tc * factor["gap"] if from_gap else Tc
    alpha = film.gap_ratio * (np.ones_like(R) if from_gap else factor["gap"])
    d = None if film.thickness_m is None else film.thickness_m * factor["thickness"]
    D = None if film.diffusion_m2_per_s is None else film.diffusion_m2_per_s / (factor["R_sq"] * factor["thickness"])
    mb0 = film.mattis_bardeen_sheet_inductance(0.0) if film.L_k_sq_measured_H is not None else None
    n = R.size
    L_k_sq, xi, x, E_S = (np.full(n, np.nan) for _ in range(4))
    for i in range(n):
        f = replace(film, R_sq_ohm=float(R[i]), Tc_K=float(Tc[i]), gap_ratio=float(alpha[i]),
                    thickness_m=None if d is None else float(d[i]),
                    diffusion_m2_per_s=None if D is None else float(D[i]))
        try:
            if mb0 is not None:
                scale = f.mattis_bardeen_sheet_inductance(0.0) / mb0
                f = replace(f, L_k_sq_measured_H=film.L_k_sq_measured_H * scale)
            L_k_sq[i] = f.sheet_kinetic_inductance(T_K)
        except InputError:  # T ≥ T_c of this sample: a normal wire
            continue
        if D is not None:
            xi[i] = coherence_length(f, model.xi)
            x[i] = R_Q / resistance_per_coherence_length(f, float(width_m[i]), xi[i])
            E_S[i] = model.E_S_GHz(f, float(width_m[i]), length_m)
    inputs = {"R_sq_ohm": R, "Tc_K": Tc, "gap_ratio": alpha}
    inputs.update({k: v for k, v in (("thickness_m", d), ("diffusion_m2_per_s", D)) if v is not None})
    return inputs, L_k_sq, xi, x, E_S


# --------------------------------------------------------------------------------------------- geometry

def _per_width(width_m: np.ndarray, fn) -> np.ndarray:
    """fn(w) for every sample, computed once per distinct width."""
    unique, back = np.unique(width_m, return_inverse=True)
    return np.array([fn(float(v)) for v in unique])[back]


def _squares(wire, cell, width_m: np.ndarray) -> np.ndarray:
    """Squares of the drawn wire at width w: the model's ℓ/w₀ × N_□,el(w)/N_□,el(w₀), where N_□,el(w) =
    N_□,el − N_□,geo + N_□,geo·w₀/w keeps the drawn turn corrections (docs/theory/layout.md) and scales ℓ_c/w."""
    ratio = wire.width_m / width_m
    if cell is None:
        return wire.squares * ratio
    return wire.squares * (1.0 + cell.squares_geometric * (ratio - 1.0) / cell.squares_electrical)


def _self_resonance(wire, width_m: np.ndarray, L_k_sq: np.ndarray, notes: list) -> np.ndarray:
    """First self-resonance [Hz] of each sample from the one meander model (``Wire.f_self_Hz``).

    The model is solved at the nominal width and at the spread's narrowest and widest (the drawn geometry with the
    nominal film); between them f_self(w) is interpolated as the straight-line rescaling f₀√(L₀C′₀/(L(w)C′(w))) times
    a quadratic correction through those three exact points. Each sample's film then enters as f ∝ 1/√L with
    L = L_k,□ℓ/w + L_geo (its modes at fixed geometry; the geometric share of L, ~1e-4, bounds that step).
    """
    from dataclasses import replace

    if not wire.line.grounded:
        notes.append(f"{wire.line.kind} line: no ground, so no self-resonance f_self")
        return np.full(width_m.shape, np.nan)
    w0, L_k0 = wire.width_m, wire.L_k_sq_H
    C0 = wire.line.per_length(w0)[1]

    def L_model(w, lk):  # the model wire's inductance at width w and sheet inductance lk (ℓ fixed)
        return lk * wire.length_m / w + _per_width(np.atleast_1d(w), lambda v: wire.line.geometric_inductance(
            wire.length_m, v))

    def rescaled(w):  # the straight-line rescaling of the nominal f_self (nominal film)
        C = _per_width(np.atleast_1d(w), lambda v: wire.line.per_length(v)[1])
        return wire.f_self_Hz * np.sqrt(wire.L_H / L_model(w, L_k0) * (C0 / C))

    ok = np.isfinite(width_m)
    nodes = np.unique([width_m[ok].min(), w0, width_m[ok].max()]) if ok.any() else np.array([w0])
    exact = np.array([wire.f_self_Hz if v == w0 else replace(wire, width_m=float(v)).f_self_Hz for v in nodes])
    correction = exact / rescaled(nodes)
    if nodes.size > 1:
        factor = np.polyval(np.polyfit(nodes, correction, nodes.size - 1), width_m)
        notes.append(f"f_self: the drawn meander model solved at {nodes.size} widths and interpolated between them")
    else:
        factor = correction[0]
    f_nominal_film = rescaled(width_m) * factor
    return f_nominal_film * np.sqrt(L_model(width_m, L_k0) / L_model(width_m, L_k_sq))


# ---------------------------------------------------------------------------------------- gap inhomogeneity

def _gap_inhomogeneity(rng, delta: float, segments: np.ndarray, c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per wire: the means over its ``segments`` of Δ/Δ_j and of ε(Δ_j)/ε(Δ), for a lognormal local gap.

    Model (an assumption): the wire is N = ℓ/ξ segments in series with independent gaps Δ_j = Δ r_j, r_j lognormal,
    ⟨r⟩ = 1, sd δ (δ = δΔ/Δ; ⟨1/r⟩ = 1 + δ²) — the gap inhomogeneity of disordered films (mesoscopic fluctuations,
    Skvortsov & Feigel'man, PRL 95, 057002 (2005); review Sacépé, Feigel'man & Klapwijk, Nat. Phys. 16, 734 (2020)).
    L_k,□ ∝ 1/Δ_j (Mattis–Bardeen, T ≪ T_c); a slip amplitude ε ∝ Δ x e^{−bx}, x_j = x√r_j (ξ ∝ Δ^{−1/2}), so
    ε_j/ε = r^{3/2} e^{−c(√r−1)}, c = b x. The weakest ~256 segments are drawn; the rest enter as a Gaussian sum
    with the exact conditional moments.
    """
    s2 = math.log1p(delta**2)
    s = math.sqrt(s2)

    def inverse_gap(eta):
        return np.exp(s2 / 2 - s * eta)

    def slip(eta, c):
        log_r = s * eta - s2 / 2
        return np.exp(np.minimum(1.5 * log_r - c * np.expm1(log_r / 2), 700.0))

    n = segments.size
    p = np.minimum(1.0, TAIL_SEGMENTS / segments)
    tail = rng.binomial(segments, p)
    owner = np.repeat(np.arange(n), tail)
    eta = ndtri(rng.random(owner.size) * p[owner])  # η below the cut η_c = Φ⁻¹(p)
    A = np.bincount(owner, inverse_gap(eta), n)
    B = np.bincount(owner, slip(eta, c[owner]), n)
    bulk = segments - tail
    for start in range(0, n, _CHUNK):
        idx = np.arange(start, min(start + _CHUNK, n))
        idx = idx[bulk[idx] > 0]
        if idx.size == 0:
            continue
        eta = ndtri(p[idx])[:, None] + _BULK_U[None, :]
        weight = _BULK_W * np.exp(-eta**2 / 2) / math.sqrt(2 * math.pi) / (1 - p[idx])[:, None]
        a, b = inverse_gap(eta), slip(eta, c[idx][:, None])
        ma, mb = (weight * a).sum(1), (weight * b).sum(1)
        va = np.maximum((weight * a * a).sum(1) - ma**2, 0.0)
        vb = np.maximum((weight * b * b).sum(1) - mb**2, 0.0)
        cov = (weight * a * b).sum(1) - ma * mb
        k = np.where(va > 0, cov / np.sqrt(np.where(va > 0, va, 1.0)), 0.0)
        z = rng.standard_normal((2, idx.size))
        root = np.sqrt(bulk[idx])
        A[idx] += bulk[idx] * ma + root * np.sqrt(va) * z[0]
        B[idx] += bulk[idx] * mb + root * (k * z[0] + np.sqrt(np.maximum(vb - k**2, 0.0)) * z[1])
    return A / segments, np.maximum(B, 0.0) / segments


# ------------------------------------------------------------------------------------------------- qubit

def _qubit_f01(device, L_H, E_L, E_S, E_J_factor, inputs: dict, tol_GHz: float, notes: list, multimode=None):
    """(f01 samples, nominal f01) at the operating flux [GHz] for rfsquid and qps; NaN and a note otherwise."""
    spec = device.spec.qubit
    nan = np.full(E_L.shape, np.nan)
    if spec is None or device.qubit is None:
        return nan, None
    if spec.kind not in ("rfsquid", "qps"):
        notes.append(f"f01 is not sampled for the {spec.kind} qubit (a multi-mode grid solve per device); its film "
                     "and wire numbers are")
        return nan, None
    from ..qubits.spectrum import flux_period_points

    flux = float(flux_period_points([spec.operating_flux], symmetric=True)[0][0])
    q = device.qubit
    if spec.kind == "rfsquid":
        E_J = q.E_J_GHz * E_J_factor
        inputs["E_J_GHz"] = E_J
        if multimode is None:
            return _fluxonium_f01(q, E_L, E_J, flux, spec.levels, tol_GHz, notes)
        from ..qubits.loaded import loaded_qubit

        f01, nominal = _fluxonium_f01(loaded_qubit(q, multimode), E_L, E_J, flux, spec.levels, tol_GHz, notes)
        shift = multimode.f01_GHz - nominal
        notes.append(f"f01: the qubit loaded by the wire's capacitance plus the nominal wire modes' dispersive shift "
                     f"({shift * 1e3:.3g} MHz)")
        return f01 + shift, float(multimode.f01_GHz)
    if spec.E_S is not None:
        notes.append(f"qps f01 uses the given qubit.E_S = {spec.E_S:g} GHz; E_S_GHz is the film wire's estimate")
        E_S = np.full(E_L.shape, q.E_S_GHz)
    return _qps_f01(q, fluxoid_energy_GHz(L_H), E_S, flux, spec.levels, tol_GHz, notes)


def _fluxonium_f01(qubit, E_L, E_J, flux: float, levels: int, tol_GHz: float, notes: list):
    """f01 of H = 4E_C n² − E_J cos(φ + φ_ext) + ½E_L φ² per sample, batched in one oscillator basis.

    The basis is the nominal qubit's (length φ_osc, cos φ and sin φ precomputed); H is linear in E_L and E_J, so each
    sample's H is the nominal one plus two fixed matrices scaled. The cut-off starts at the nominal converged one and
    rises until f01 at the four (E_L, E_J) corners of the spread moves ≤ tol_GHz on the next rung.
    """
    from ..qubits.rfsquid import LADDER

    ok = np.isfinite(E_L)
    if not ok.any():
        return np.full(E_L.shape, np.nan), None
    corners = np.array([(a, b) for a in (E_L[ok].min(), E_L[ok].max()) for b in (E_J[ok].min(), E_J[ok].max())]).T
    cut = qubit.converged_cutoff(levels)[0]
    while True:
        larger = next((c for c in LADDER if c > cut), None)
        if larger is None:
            raise InputError(f"spread: fluxonium f01 not converged to {tol_GHz:g} GHz at {cut} oscillator states "
                             "over the spread's corners; narrow the spread")
        if np.max(np.abs(_fluxonium_batch(qubit, cut, flux, *corners)
                         - _fluxonium_batch(qubit, larger, flux, *corners))) <= tol_GHz:
            break
        cut = larger
    out = np.full(E_L.shape, np.nan)
    out[ok] = _fluxonium_batch(qubit, cut, flux, E_L[ok], E_J[ok])
    notes.append(f"f01: oscillator basis of {cut} states (the nominal qubit's φ_osc), converged to {tol_GHz:g} GHz at "
                 "the spread's corners")
    nominal = _fluxonium_batch(qubit, cut, flux, np.array([qubit.E_L_GHz]), np.array([qubit.E_J_GHz]))[0]
    return out, float(nominal)


def _fluxonium_batch(qubit, cutoff: int, flux: float, E_L: np.ndarray, E_J: np.ndarray) -> np.ndarray:
    """E_1 − E_0 [GHz] for each (E_L, E_J) in the qubit's basis of ``cutoff`` states (BLAS on one thread)."""
    from ..qubits.rfsquid import FluxoniumBasis
    from ..threads import one_blas_thread

    basis = qubit.basis(cutoff, qubit.phi_osc)
    H0 = basis.hamiltonian(qubit.E_J_GHz, flux)
    H_J = H0 - basis.oscillator  # −E_J cos(φ + φ_ext) at the nominal E_J
    H_L = FluxoniumBasis(qubit.E_C_GHz, 2 * qubit.E_L_GHz, cutoff, qubit.phi_osc).oscillator - basis.oscillator
    s_J, s_L = E_J / qubit.E_J_GHz - 1.0, (E_L - qubit.E_L_GHz) / qubit.E_L_GHz
    chunk = max(1, 2_000_000 // cutoff**2)
    out = []
    with one_blas_thread():
        for i in range(0, E_L.size, chunk):
            H = H0 + s_J[i:i + chunk, None, None] * H_J + s_L[i:i + chunk, None, None] * H_L
            e = np.linalg.eigvalsh(H)
            out.append(e[:, 1] - e[:, 0])
    return np.concatenate(out)


def _qps_f01(qubit, E_L_fluxoid, E_S, flux: float, levels: int, tol_GHz: float, notes: list):
    """f01 of the phase-slip qubit per sample (``QPSQubit.spectrum``) in one fluxoid window: the nominal one, widened
    until the spread's (E_L^fluxoid, E_S) corners converge to tol_GHz."""
    from ..qubits import QPSQubit

    ok = np.isfinite(E_L_fluxoid) & np.isfinite(E_S) & (E_S > 0)
    out = np.full(E_S.shape, np.nan)
    if not ok.any():
        return out, None
    width = qubit.converged_half_width(levels)[0]
    for a in (E_L_fluxoid[ok].min(), E_L_fluxoid[ok].max()):
        for b in (E_S[ok].min(), E_S[ok].max()):
            width = max(width, QPSQubit(float(a), float(b)).converged_half_width(2, tol_GHz=tol_GHz)[0])
    for i in np.flatnonzero(ok):
        out[i] = QPSQubit(float(E_L_fluxoid[i]), float(E_S[i])).spectrum([flux], 2, cutoff=width,
                                                                       tol_GHz=tol_GHz).f01_GHz[0]
    notes.append(f"f01: fluxoid window ±{width}, converged to {tol_GHz:g} GHz at the spread's corners")
    nominal = qubit.spectrum([flux], 2, cutoff=width, tol_GHz=tol_GHz).f01_GHz[0]
    return out, float(nominal)
