"""The film's pair-broken spectrum and conductivity, its quasiparticle losses, and junction quasiparticle helpers.

Pure functions with their sources (docs/theory/film.md). The pair breaker follows the Usadel equation with an
Abrikosov–Gor'kov term, as used for disordered TiN and NbTiN by Driessen et al., PRL 109, 107003 (2012) and Coumou
et al., PRB 88, 180505 (2013): it lowers the order parameter, fills the gap edge and raises L_k. Quasiparticle loss
of a film inductor: Catelani et al., PRB 84, 064517 (2011); Grünhaupt et al., PRL 121, 117001 (2018).
scipy.integrate / scipy.optimize / scipy.special are imported inside the functions (start-up time).
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from .constants import BCS_GAP_RATIO, R_K, h, k_B
from .errors import InputError
from .units import check_value

# ------------------------------------------------------------------ pair breaking (Abrikosov–Gor'kov, Usadel)
# Units: energies in Δ00 (the gap without pair breaking), k_BT = t/1.764 (the BCS scale of Δ00), G = Γ/Δ00.
# Matsubara form of the Usadel equation with a pair breaker: ω sinθ = Δ cosθ − Γ sinθ cosθ; with u = cotθ,
# ω/Δ = u(1 − ζ/√(1+u²)), ζ = Γ/Δ (Maki, in "Superconductivity" ed. Parks (1969); Abrikosov & Gor'kov 1960).


def _usadel_u(w: np.ndarray, zeta: float) -> np.ndarray:
    """Root u ≥ u0 of u(1 − ζ/√(1+u²)) = w (w = ω/Δ > 0), vectorised bisection (the map is monotonic there)."""
    lo = np.full_like(w, math.sqrt(max(zeta * zeta - 1.0, 0.0)))
    hi = w + zeta + 1.0
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        below = mid * (1.0 - zeta / np.sqrt(1.0 + mid * mid)) < w
        lo, hi = np.where(below, mid, lo), np.where(below, hi, mid)
    return 0.5 * (lo + hi)


def _matsubara_sums(d: float, G: float, T: float) -> tuple[float, float]:
    """(gap-equation sum Σ(1/ω − sinθ/Δ), stiffness 4πTΣ sin²θ) over ω_n > 0 with analytic tails (Δ00 units)."""
    h = 2 * math.pi * T
    n = np.arange(int(40.0 * max(1.0, G, d) / h) + 2)
    w = h * (n + 0.5)
    u = _usadel_u(w / d, G / d)
    s2 = 1.0 / (1.0 + u * u)  # sin²θ
    # remainder n > N: the exact integrals from ω = top on (in u, Maki's antiderivatives), plus the midpoint
    # rule's h²/24 f'(top) term evaluated on the asymptote sinθ ≈ Δ/√((ω+Γ)²+Δ²)
    top = h * (n[-1] + 1)
    z, U = G / d, float(_usadel_u(np.array([top / d]), G / d)[0])
    a, r2 = top + G, (top + G) ** 2 + d * d
    gap = (h * np.sum(1.0 / w - np.sqrt(s2) / d) - math.log(top) + math.log(d / 2) + math.asinh(U)
           + z * (math.pi / 4 - U / (2 * (1 + U * U)) - math.atan(U) / 2) + h * h / 24 * (-1 / top**2 + a / r2**1.5))
    stiff = (2 * h * np.sum(s2) + 2 * d * (math.pi / 2 - math.atan(U) - z * (2 / 3 - U * (2 * U * U + 3)
                                                                           / (3 * (1 + U * U) ** 1.5)))
             - h * h / 6 * d * d * a / r2**2)
    return float(gap), float(stiff)


@lru_cache(maxsize=4096)
def pair_breaking_state(G: float, t: float) -> tuple[float, float]:
    """(Δ/Δ00, ħ/(R_□ L_k,□ Δ00)) of a film with pair breaker G = Γ/Δ00 at t = k_BT·1.764/Δ00 (BCS scale).

    T = 0 (t < 1e-3): Maki's closed forms, ln(Δ00/Δ) = πζ/4 and stiffness πΔ − 4Γ/3 for ζ = Γ/Δ ≤ 1, and their
    gapless continuation for ζ > 1. T > 0: Matsubara sums of the Usadel/Abrikosov–Gor'kov solution,
    ln(T_c0/T) = 2πT Σ(1/ω_n − sinθ_n/Δ), ħ/(R L_k) = 2πk_BT Σ_n sin²θ_n. G = 0 is BCS/Mattis–Bardeen.
    Returns (0, 0) at and above the pair-broken T_c. Used as in Driessen et al., PRL 109, 107003 (2012).
    """
    from scipy.optimize import brentq

    if t < 1e-3:
        def gap_eq(d):
            z = G / d
            if z <= 1:
                return math.log(1 / d) - math.pi * z / 4
            u0 = math.sqrt(z * z - 1)
            return math.log(1 / d) - (math.acosh(z) + z * (math.pi / 4 - math.atan(u0) / 2) - u0 / (2 * z))

        if G >= 0.5:
            return 0.0, 0.0
        d = 1.0 if G == 0 else brentq(gap_eq, 1e-12, 1.0, xtol=1e-15, rtol=1e-13)
        z = G / d
        if z <= 1:
            return d, math.pi * d - 4 * G / 3
        u0 = math.sqrt(z * z - 1)  # 2Δ∫_{u0}^∞ (1 − ζ(1+u²)^{-3/2})/(1+u²) du in closed form
        tail = 2 / 3 - u0 * (2 * u0 * u0 + 3) / (3 * z**3)
        return d, 2 * d * (math.pi / 2 - math.atan(u0) - z * tail)
    T = t / BCS_GAP_RATIO
    if t >= pair_broken_tc_fraction(G):
        return 0.0, 0.0
    d = brentq(lambda d: math.log(1 / t) - _matsubara_sums(d, G, T)[0], 1e-9, 1.0, xtol=1e-14, rtol=1e-12)
    return d, float(_matsubara_sums(d, G, T)[1])


@lru_cache(maxsize=256)
def pair_broken_tc_fraction(G: float) -> float:
    """T_c(Γ)/T_c0 of Abrikosov–Gor'kov: ln(T_c0/T_c) = ψ(1/2 + Γ/2πk_BT_c) − ψ(1/2), Γ = G Δ00 (zero for G ≥ 1/2).

    Abrikosov & Gor'kov, JETP 12, 1243 (1961); T_c0 = Δ00/(1.764 k_B).
    """
    if G == 0:
        return 1.0
    if G >= 0.5:
        return 0.0
    from scipy.optimize import brentq
    from scipy.special import digamma

    return brentq(lambda r: math.log(1 / r) - digamma(0.5 + G * BCS_GAP_RATIO / (2 * math.pi * r)) + digamma(0.5),
                  1e-9, 1.0, xtol=1e-15)


# --------------------------------------------------------------- real-frequency spectrum and σ1 (Nam 1967)


def _retarded(e_over_delta: float, zeta: float, eta: float = 1e-9) -> tuple[float, float]:
    """(n, p) = (Re cosθ, Im sinθ) at real energy E = eΔ: the quasiparticle DOS N(E)/N0 and the pair amplitude.

    Continues the Matsubara root to ω = −iE + η: u⁴ − 2wu³ + (1 + w² − ζ²)u² − 2wu + w² = 0 with w = ω/Δ, keeping
    the root of the unsquared equation with Re u > 0. ζ = 0 gives BCS: n = |E|/√(E²−Δ²), p = sgnE·Δ/√(E²−Δ²).
    """
    w = complex(eta, -e_over_delta)
    roots = np.roots([1.0, -2 * w, 1 + w * w - zeta * zeta, -2 * w, w * w])
    ok = [u for u in roots if u.real > 0 and abs((u - w) * np.sqrt(1 + u * u) - zeta * u) < 1e-6 * (1 + abs(u))]
    u = max(ok, key=lambda u: u.real) if ok else roots[np.argmax(roots.real)]
    s = 1 / np.sqrt(1 + u * u)
    return float((u * s).real), float(s.imag)


def quasiparticle_dos(E_over_delta, zeta: float = 0.0):
    """N(E)/N0 of a pair-broken superconductor at E/Δ (Abrikosov–Gor'kov; Skalski et al., Phys. Rev. 136, A1500
    (1964)): zero below Ω_g = Δ(1 − ζ^{2/3})^{3/2}, BCS E/√(E²−Δ²) at ζ = 0. Scalar or array."""
    vals = [_retarded(float(x), zeta)[0] for x in np.ravel(E_over_delta)]
    return vals[0] if np.ndim(E_over_delta) == 0 else np.reshape(vals, np.shape(E_over_delta))


def sigma1_over_sigma_n(f_Hz: float, T_K: float, delta_J: float, zeta: float = 0.0) -> float:
    """Dissipative conductivity σ1/σ_n of a film in thermal equilibrium, hf < 2Ω_g (absorption by quasiparticles).

    σ1/σn = (1/ħω)∫dE (f(E) − f(E+ħω))·(n(E)n(E+ħω) + p(E)p(E+ħω)) (Nam, Phys. Rev. 156, 470 (1967)); at ζ = 0
    this is Mattis & Bardeen, Phys. Rev. 111, 412 (1958), Eq. (3.9). Δ = Δ(T) is the order parameter, ζ = Γ/Δ.
    """
    from scipy.integrate import quad

    for v, name in [(f_Hz, "frequency"), (T_K, "temperature"), (delta_J, "gap Δ")]:
        check_value(v, name)
    w, tau = h * f_Hz / delta_J, k_B * T_K / delta_J  # ħω/Δ, k_BT/Δ
    edge = max(1 - zeta ** (2 / 3), 0.0) ** 1.5
    if w >= 2 * edge:
        raise InputError(f"hf = {w:.3g}Δ is above the pair-breaking threshold 2Ω_g = {2 * edge:.3g}Δ: not a loss "
                         "by thermal quasiparticles")

    def occupation(x: float) -> float:  # [f(x) − f(x+w)] e^{edge/τ}, written to avoid overflow
        return math.exp(-(x - edge) / tau) * (1 / (1 + math.exp(-x / tau)) - math.exp(-w / tau)
                                               / (1 + math.exp(-(x + w) / tau)))

    if zeta == 0:  # BCS with E = Δ + y² to remove the edge singularities
        def bcs(y: float) -> float:
            x = 1 + y * y
            return (2 * occupation(x) * (x * x + 1 + w * x)
                    / (math.sqrt(2 + y * y) * math.sqrt((x + w) ** 2 - 1)))
        val = 2 * quad(bcs, 0, math.sqrt(80 * tau) + 1e-3, epsabs=0, epsrel=1e-10, limit=400)[0]
    else:
        def nam(x: float) -> float:
            (n1, p1), (n2, p2) = _retarded(x, zeta), _retarded(x + w, zeta)
            return occupation(x) * (n1 * n2 + p1 * p2)
        knees = sorted({edge + 3 * zeta ** (2 / 3), edge + tau, edge + 10 * tau})
        val = 2 * quad(nam, edge, edge + 80 * tau, epsabs=0, epsrel=1e-5, limit=400, points=knees)[0]
    return val * math.exp(-edge / tau) / w


def sigma2_over_sigma_n(film, f_Hz: float, T_K: float = 0.0) -> float:
    """σ2/σn = R_□/(ω L_k,□(T)) in the ħω ≪ Δ limit of Mattis–Bardeen (with the film's measured or pair-broken L_k)."""
    return film.R_sq_ohm / (2 * math.pi * check_value(f_Hz, "frequency") * film.sheet_kinetic_inductance(T_K))


def film_loss_tangent(film, f_Hz: float, T_K: float) -> float:
    """Thermal σ1/σ2 of a film at (f, T): σ1 from Nam's formula with the film's Δ(T) and ζ = Γ/Δ(T), σ2 from L_k."""
    delta = film.gap(T_K)
    zeta = film.pair_breaking * film.delta00_J / delta
    return sigma1_over_sigma_n(f_Hz, T_K, delta, zeta) / sigma2_over_sigma_n(film, f_Hz, T_K)


# ------------------------------------------------------------------------------ quasiparticle losses


def thermal_x_qp(T_K: float, delta_J: float) -> float:
    """Equilibrium quasiparticle density per Cooper pair x_qp = √(2πk_BT/Δ) e^{−Δ/k_BT} (k_BT ≪ Δ; Catelani
    et al., PRB 84, 064517 (2011))."""
    tau = k_B * check_value(T_K, "temperature") / check_value(delta_J, "gap Δ")
    return math.sqrt(2 * math.pi * tau) * math.exp(-1 / tau)


def quasiparticle_loss_tangent(x_qp: float, f_Hz: float, delta_J: float) -> float:
    """σ1/σ2 of a film at frequency f from a quasiparticle density x_qp: (x_qp/π)√(2Δ/hf).

    Low-energy quasiparticles, k_BT_qp ≪ hf ≪ Δ (Catelani et al., PRB 84, 064517 (2011)); the form used for
    granular aluminium resonators, 1/Q_i = (α/π)√(2Δ/ħω) x_qp (Grünhaupt et al., PRL 121, 117001 (2018)).
    """
    check_value(x_qp, "x_qp", positive=False)
    return x_qp / math.pi * math.sqrt(2 * delta_J / (h * check_value(f_Hz, "frequency")))


def quasiparticle_Q(film, f_Hz: float, x_qp: float, kinetic_fraction: float = 1.0) -> float:
    """Q of a film inductor limited by quasiparticles: 1/Q = α_k (x_qp/π)√(2Ω_g/hf) with the film's spectral gap
    Ω_g (= Δ0 without pair breaking), α_k the kinetic-inductance fraction (Grünhaupt et al. 2018)."""
    loss = kinetic_fraction * quasiparticle_loss_tangent(x_qp, f_Hz, film.spectral_gap_J)
    return math.inf if loss == 0 else 1 / loss


def inductive_quality_factor(f_Hz, Q_ref: float, f_ref_Hz: float, exponent: float = 0.5):
    """Frequency-dependent Q_ind(f) = Q_ref (f/f_ref)^p, p = 1/2 for quasiparticle-limited film inductors.

    At fixed x_qp the loss tangent scales as (hf)^{-1/2} (Catelani et al., PRB 84, 064517 (2011);
    Grünhaupt et al., PRL 121, 117001 (2018)); pass another exponent only with its own source.
    """
    return Q_ref * (np.asarray(f_Hz, dtype=float) / f_ref_Hz) ** exponent


# ---------------------------------------------------------------------- junction quasiparticle tunnelling

#: Al tunnel-junction gap Δ = 1.764 k_B × 1.2 K = 182.4 µeV (thin-film Al T_c ≈ 1.2 K; BCS weak coupling)
ALUMINIUM_GAP_J = BCS_GAP_RATIO * k_B * 1.2


def junction_quasiparticle_gap_J(junction=None) -> float:
    """The gap that quasiparticles tunnelling through a junction see [J]: the junction's own Δ when known, else Al
    (182.4 µeV) — not scqubits' default 340 µeV, which is twice the Al gap."""
    gap = getattr(junction, "delta_J", None)
    return gap if gap else ALUMINIUM_GAP_J


def junction_quasiparticle_admittance(f_Hz: float, T_K: float, x_qp: float, E_J_GHz: float,
                                      delta_J: float = ALUMINIUM_GAP_J) -> float:
    """Re Y_qp(ω) [S] of a junction with quasiparticle density x_qp (Smith et al., npj Quantum Inf. 6, 8 (2020),
    Eq. S23; Catelani et al., PRB 84, 064517 (2011)):

    Re Y = √(2/π)(8/R_K)(E_J/Δ)(2Δ/hf)^{3/2} x_qp √(hf/2k_BT) K0(hf/2k_BT) sinh(hf/2k_BT), Δ the junction's gap.
    """
    from scipy.special import k0e

    z = h * check_value(f_Hz, "frequency") / (2 * k_B * check_value(T_K, "temperature"))
    ratio = E_J_GHz * 1e9 * h / delta_J
    return (math.sqrt(2 / math.pi) * 8 / R_K * ratio * (2 * delta_J / (h * f_Hz)) ** 1.5 * x_qp * math.sqrt(z)
            * k0e(z) * (1 - math.exp(-2 * z)) / 2)  # K0(z) sinh(z) = k0e(z) (1 − e^{−2z})/2
