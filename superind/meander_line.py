"""Self-resonances of a drawn meander: its N rows as one multiconductor transmission line (MTL).

Cross-section: N zero-thickness strips (width w, pitch p) in the film plane, in the environment of a
:class:`~superind.lines.LineMedium`. Their Maxwell capacitance matrix C [F/m] comes from a 2D method of moments
(Harrington, *Field Computation by Moment Methods*, 1968): cosine-spaced panels, piecewise-constant charge, point
matching at Chebyshev nodes. L = L0 + (L_k,□/w)·1 with L0 = μ0ε0 C0⁻¹ (C0: all dielectrics replaced by vacuum).
Rows are joined at alternating ends (row i's end to row i+1's end); row 1's start is the port, the last row's far
end is grounded. Each row is the same N-conductor line of length ℓ, solved exactly by the modal decomposition of
L·C (Paul, *Analysis of Multiconductor Transmission Lines*, 2nd ed., Wiley 2008); turn links are not modelled.
Theory, validity and sources: docs/theory/lines.md ("The meander as a multiconductor line", "Kerr coefficient").
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Optional

import numpy as np
from scipy.linalg import eigh, eigvalsh, solve

from .constants import epsilon_0, h, hbar, mu_0
from .errors import InputError
from .lines import CoplanarLine, IsolatedLine, LineMedium, MicrostripLine
from .threads import one_blas_thread
from .units import check_value

PANELS_PER_STRIP = 8  #: MoM panels per row (converged to < 0.05 % against conformal mapping)
GROUND_PANELS = 48  #: MoM panels per coplanar ground plane
PLANE_WIDTH_FACTOR = 20.0  #: coplanar ground-plane width / (meander span + 2 ground gaps)
MODE_COUNT = 5  #: modes returned by ``modes_Hz``
#: c in ħK = −3c ∫L'_k I_zpf⁴ ds / I*² for the two definitions of I* (see ``kerr_Hz``)
KERR_DEFINITION_FACTOR = {"ratio": 1.0, "differential": 1.0 / 3.0}


@dataclass(frozen=True)
class MeanderGeometry:
    """``rows`` parallel rows of ``row_length_m`` × ``width_m`` at centre-to-centre ``pitch_m`` (all SI)."""

    rows: int
    row_length_m: float
    width_m: float
    pitch_m: float

    def __post_init__(self):
        if isinstance(self.rows, bool) or not isinstance(self.rows, (int, np.integer)) or self.rows < 1:
            raise InputError(f"rows: need a whole number ≥ 1, got {self.rows!r}")
        for name in ("row_length_m", "width_m", "pitch_m"):
            check_value(getattr(self, name), name.removesuffix("_m").replace("_", " "))
        if self.rows > 1 and self.pitch_m <= self.width_m:
            raise InputError(f"pitch {self.pitch_m * 1e9:.0f} nm ≤ width {self.width_m * 1e9:.0f} nm: rows would "
                             "touch; the pitch is centre-to-centre (width + gap)")

    @property
    def span_m(self) -> float:
        """Width of the folded footprint, (N−1)p + w [m]."""
        return (self.rows - 1) * self.pitch_m + self.width_m

    @property
    def wire_length_m(self) -> float:
        """N ℓ [m] (turn links not counted)."""
        return self.rows * self.row_length_m


# ------------------------------------------------------------------------------------------ 2D method of moments
def _log_integral(u, a):
    """∫ ln√(u² + a²) du = (u/2) ln(u² + a²) − u + a·arctan(u/a)   (a ≥ 0; the a = 0 form is u ln|u| − u)."""
    r2 = u * u + a * a
    log_term = 0.5 * u * np.log(np.where(r2 > 0, r2, 1.0))
    return log_term - u + (a * np.arctan(u / a) if a > 0 else 0.0)


def _panels(centre, width, count):
    """Cosine-spaced panel edges (refined at both ends) and Chebyshev collocation nodes of a strip."""
    edges = centre - 0.5 * width * np.cos(np.pi * np.arange(count + 1) / count)
    nodes = centre - 0.5 * width * np.cos(np.pi * (np.arange(count) + 0.5) / count)
    return edges, nodes


def _potential(nodes, edges, terms):
    """Σ_t c_t ∫_panel ln√((x − x')² + a_t²) dx' for every (node, panel) pair (the −1/2πε factor applied later)."""
    u0 = nodes[..., :, None] - edges[..., None, :-1]
    u1 = nodes[..., :, None] - edges[..., None, 1:]
    return sum(c * (_log_integral(u0, a) - _log_integral(u1, a)) for c, a in terms)


def _image_terms(medium: LineMedium, vacuum: bool, width_m: float):
    """(c_t, a_t/w) of the Green's function G(x) = −(1/2πε0ε̄) Σ_t c_t ln√(x² + a_t²), and ε̄.

    In-plane conductors on a half-space (cpw, isolated): one term, ε̄ = (ε_r+1)/2 exactly. Microstrip (substrate
    of height h on ground, air above): images at depth 2nh with weights (1−κ)κ^(n−1), κ = (1−ε_r)/(1+ε_r), from
    the spectral Green's function 1/[ε0|k|(1 + ε_r coth|k|h)] (Silvester, Proc. IEE 115, 43 (1968)).
    """
    eps_r = 1.0 if vacuum or isinstance(medium, IsolatedLine) else medium.epsilon_r
    terms = [(1.0, 0.0)]
    if isinstance(medium, MicrostripLine):
        kappa = (1 - eps_r) / (1 + eps_r)
        count = 1 if kappa == 0 else min(5000, math.ceil(math.log(1e-12) / math.log(abs(kappa))))
        two_h = 2 * medium.height_m / width_m
        terms += [(-(1 - kappa) * kappa ** (n - 1), n * two_h) for n in range(1, count + 1)]
    return terms, (eps_r + 1) / 2


@lru_cache(maxsize=64)
@one_blas_thread()
def _maxwell_matrix(geometry: MeanderGeometry, medium: LineMedium, vacuum: bool, plane_width_m: Optional[float]):
    """The MoM solve behind ``capacitance_matrix``; lengths in units of w, charges per metre in units of ε0·1 V."""
    N, m, w = geometry.rows, PANELS_PER_STRIP, geometry.width_m
    terms, eps_bar = _image_terms(medium, vacuum, w)
    edges, nodes = _panels(0.0, 1.0, m)
    centres = (np.arange(N) - (N - 1) / 2) * geometry.pitch_m / w
    shifts = np.arange(-(N - 1), N) * geometry.pitch_m / w  # row-to-row blocks depend on the offset only
    blocks = _potential(nodes[None, :], edges[None, :] + shifts[:, None], terms)
    offset_index = np.arange(N)[None, :] - np.arange(N)[:, None] + N - 1
    P = blocks[offset_index].transpose(0, 2, 1, 3).reshape(N * m, N * m)
    strip_edges = edges[None, :] + centres[:, None]
    widths = np.diff(strip_edges, axis=1).ravel()
    if isinstance(medium, CoplanarLine):  # ground planes: wide conductors at 0 V, gap from the outer row edges
        span, gap = geometry.span_m / w, medium.ground_gap_m / w
        width = plane_width_m / w if plane_width_m else PLANE_WIDTH_FACTOR * (span + 2 * gap)
        planes = [_panels(side * (span / 2 + gap + width / 2), width, GROUND_PANELS) for side in (-1, 1)]
        x = np.concatenate([(nodes[None, :] + centres[:, None]).ravel()] + [pn for _, pn in planes])
        from_planes = np.hstack([_potential(x, pe, terms) for pe, _ in planes])
        strips_at_planes = _potential(x[N * m:], strip_edges, terms).transpose(1, 0, 2).reshape(-1, N * m)
        P = np.block([[P, from_planes[:N * m]], [strips_at_planes, from_planes[N * m:]]])
        widths = np.concatenate([widths] + [np.diff(pe) for pe, _ in planes])
    n = len(P)
    A = -P / (2 * np.pi * eps_bar)
    rhs = np.zeros((n, N))
    rhs[:N * m] = np.kron(np.eye(N), np.ones((m, 1)))  # column j: row j at 1 V, all else at 0 V
    if not isinstance(medium, MicrostripLine):  # log kernel: unknown offset, zero total charge (return in ground)
        A = np.block([[A, np.ones((n, 1))], [widths[None, :], np.zeros((1, 1))]])
        rhs = np.vstack([rhs, np.zeros((1, N))])
    charge = solve(A, rhs)[:n] * widths[:, None]
    C = epsilon_0 * charge[:N * m].reshape(N, m, N).sum(axis=1)
    C = 0.5 * (C + C.T)  # point matching is not exactly symmetric
    C.setflags(write=False)
    return C


def capacitance_matrix(geometry: MeanderGeometry, medium: LineMedium, *, vacuum: bool = False,
                       plane_width_m: Optional[float] = None) -> np.ndarray:
    """Maxwell capacitance matrix C [F/m] of the meander's rows (q_i = Σ_j C_ij V_j, ground the reference).

    Method of moments (Harrington 1968) with the Green's function of ``medium`` (``vacuum=True``: all dielectrics
    replaced by vacuum, C0). Coplanar grounds are conductors of width ``plane_width_m`` (default
    ``PLANE_WIDTH_FACTOR`` × (span + 2 gaps)) at 0 V. Isolated strips: vacuum, zero total charge, so C has zero
    row sums (mutual capacitances only). Cached per (geometry, medium); the returned array is read-only.
    """
    return _maxwell_matrix(geometry, medium, vacuum, plane_width_m)


def lumped_kerr_Hz(f_Hz: float, L_H: float, I_star_A: float, definition: str = "ratio",
                   kinetic_fraction: float = 1.0) -> float:
    """Self-Kerr K/2π [Hz] of a lumped LC mode whose inductor L has L_k(I) = L_k0(1 + I²/I*²).

    K/2π = −(3c/4)(L_k/L) h f²/(L I*²), c = 1 for the "ratio" I* (Φ = L(I)·I), 1/3 for the "differential" one
    (dΦ/dI = L(I)); the lumped limit of ``MeanderLine.kerr_Hz``. Check: a Josephson junction has L(I) =
    L_J(1 + I²/6I_c²) (ratio), and this gives the transmon's K = −E_C/h (Koch et al., PRA 76, 042319 (2007)).
    """
    c = _definition_factor(definition)
    return -0.75 * c * kinetic_fraction * h * f_Hz**2 / (L_H * I_star_A**2)


def _definition_factor(definition: str) -> float:
    if definition not in KERR_DEFINITION_FACTOR:
        raise InputError(f"I* definition '{definition}': choose 'ratio' or 'differential'")
    return KERR_DEFINITION_FACTOR[definition]


# ------------------------------------------------------------------------------------------ the meander as an MTL
@dataclass(frozen=True)
class MeanderLine:
    """The drawn meander ``geometry`` of a film with ``L_k_sq_H`` in ``line``: modes, Z_in, stray C, Kerr.

    Grounded media (cpw, microstrip): every quantity is defined. ``IsolatedLine``: a 2D cross-section with no
    ground has no reference conductor; only the N−1 differential TEM modes (zero net charge and current) exist,
    while the meander's self-resonances involve its net current, whose inductance is a 3D partial inductance. So
    only the mutual capacitance matrix ``C_F_per_m`` (vacuum) is given; L, modes, Z_in, C_stray, L_H, Kerr are NaN.
    """

    geometry: MeanderGeometry
    line: LineMedium
    L_k_sq_H: float
    ground_scale: float = 1.0  #: each row's capacitance to ground × this (a 3D correction, ``superind.cross_section``)

    def __post_init__(self):
        check_value(self.L_k_sq_H, "sheet kinetic inductance")
        check_value(self.ground_scale, "ground capacitance scale")

    @property
    def self_resonance_model(self) -> str:
        """Name of the model behind ``modes_Hz`` (for reports and JSON)."""
        return f"MTL meander, {self.geometry.rows} rows, MoM capacitance ({self.line.kind})"

    @property
    def C_F_per_m(self) -> np.ndarray:
        """Maxwell capacitance matrix of the rows [F/m]; with ``ground_scale`` k each row's capacitance to ground
        (its row sum) is k times the 2D value, the couplings between rows unchanged."""
        C = capacitance_matrix(self.geometry, self.line)
        return C if self.ground_scale == 1.0 else C + (self.ground_scale - 1) * np.diag(C.sum(axis=1))

    @cached_property
    def L_H_per_m(self) -> np.ndarray:
        """L = μ0ε0 C0⁻¹ + (L_k,□/w)·1 [H/m] (L·C0 = μ0ε0·1 in vacuum, Paul 2008; kinetic part uniform current)."""
        if not self.line.grounded:
            return np.full((self.geometry.rows,) * 2, math.nan)
        C0 = capacitance_matrix(self.geometry, self.line, vacuum=True)
        return mu_0 * epsilon_0 * np.linalg.inv(C0) + self.L_k_sq_H / self.geometry.width_m * np.eye(len(C0))

    @property
    def C_stray_F(self) -> float:
        """Capacitance to ground Σ_ij C_ij · ℓ [F] (sum of the Maxwell matrix's row sums)."""
        return float(self.C_F_per_m.sum() * self.geometry.row_length_m) if self.line.grounded else math.nan

    @property
    def L_H(self) -> float:
        """Low-frequency series inductance lim Z_in/jω = ℓ[N L_k,□/w + sᵀ L0 s], s_i = (−1)^i [H]."""
        s = (-1.0) ** np.arange(self.geometry.rows)
        return float(s @ self.L_H_per_m @ s * self.geometry.row_length_m)

    @cached_property
    def _modal(self):
        """Modes of L·C: L C X = X diag(μ), Xᵀ L⁻¹ X = 1; returns √μ [s/m], W = X⁻¹, terminal→node maps."""
        L_inv = np.linalg.inv(self.L_H_per_m)
        mu, X = eigh(self.C_F_per_m, L_inv)
        W = X.T @ L_inv
        N = self.geometry.rows
        start, end = np.zeros((N, N)), np.zeros((N, N))  # row terminal (z = 0 / z = ℓ) → node
        start[0, 0] = 1.0  # node 0: the port
        for r in range(N - 1):  # node r+1 joins rows r and r+1: at z = ℓ for even r, at z = 0 for odd r
            (end if r % 2 == 0 else start)[[r, r + 1], r + 1] = 1.0
        return np.sqrt(np.clip(mu, 0, None)), W, W @ start, W @ end

    def _susceptance(self, omega: float, derivative: bool = False) -> np.ndarray:
        """Nodal susceptance B (I_injected = jBV) of the rows joined as a meander, ground eliminated (with
        ``derivative``: dB/dω instead).

        Per row and mode: I(0) = −jY_c cot(βℓ) V(0) + jY_c csc(βℓ) V(ℓ), Y_c = √μ, β = ω√μ (modal solution, Paul 2008).
        """
        root_mu, _, W0, WL = self._modal
        beta_l = omega * root_mu * self.geometry.row_length_m
        a, b = root_mu / np.tan(beta_l), root_mu / np.sin(beta_l)
        if derivative:  # d(cot x)/dx = −csc²x, d(csc x)/dx = −csc x cot x, dx/dω = √μ ℓ
            rate = root_mu * self.geometry.row_length_m
            a, b = -rate * b * b / root_mu, -rate * b * a / root_mu
        cross = (W0 * b[:, None]).T @ WL
        return -(W0 * a[:, None]).T @ W0 - (WL * a[:, None]).T @ WL + cross + cross.T

    def _modes_below(self, omega: float) -> int:
        """Wittrick–Williams count of natural frequencies below ω (Wittrick & Williams, Q. J. Mech. Appl. Math.
        24, 263 (1971)): J0 (row modes with all terminals grounded, βℓ = nπ) + number of eigenvalues B > 0."""
        clamped = np.floor(omega * self._modal[0] * self.geometry.row_length_m / np.pi).sum()
        return int(clamped) + int((eigvalsh(self._susceptance(omega)) > 0).sum())

    def _regular(self, omega: float) -> float:
        """ω moved up by 1e-8 if it sits on a row resonance (βℓ = nπ), where B is singular."""
        phase = omega * self._modal[0] * self.geometry.row_length_m / np.pi
        return omega * (1 + 1e-8) if np.min(np.abs(phase - np.round(phase))) < 1e-9 else omega

    @one_blas_thread()
    def mode_frequencies_Hz(self, count: int = MODE_COUNT, rtol: float = 1e-10) -> np.ndarray:
        """The first ``count`` natural frequencies with the port open = poles of Z_in, ascending [Hz].

        Each is bracketed by the Wittrick–Williams count, then refined on the eigenvalue of B that crosses zero
        (Foster: dB/dω is positive definite, so it crosses once). NaN for an isolated meander.
        """
        if not self.line.grounded:
            return np.full(count, math.nan)
        root_mu = self._modal[0]
        ell = self.geometry.row_length_m
        known = {0.0: 0}
        hi = self._regular(0.3 * np.pi / (self.geometry.rows * ell * root_mu.max()))  # below the first mode
        while known.setdefault(hi, self._modes_below(hi)) < count:
            hi = self._regular(2 * hi)
        clamped = lambda om: int(np.floor(om * root_mu * ell / np.pi).sum())
        out = []
        for k in range(count):
            lo = max(om for om, n in known.items() if n <= k)
            hi = min(om for om, n in known.items() if n > k)
            while hi - lo > rtol * hi and not (known[hi] == k + 1 and known[lo] == k and clamped(lo) == clamped(hi)):
                mid = self._regular(0.5 * (lo + hi))
                known[mid] = self._modes_below(mid)
                lo, hi = (mid, hi) if known[mid] <= k else (lo, mid)
            if hi - lo > rtol * hi:  # one simple root, no row resonance inside: refine on the crossing eigenvalue
                lo = hi = self._crossing(len(root_mu) - (known[lo] - clamped(lo)) - 1, lo, hi, rtol)
            out.append(0.5 * (lo + hi) / (2 * np.pi))
        return np.array(out)

    def _crossing(self, index: int, lo: float, hi: float, rtol: float) -> float:
        """ω in (lo, hi) where eigenvalue ``index`` of B crosses zero, to ``rtol``: Newton steps with the slope
        dλ/dω = vᵀ(dB/dω)v (Hellmann–Feynman; positive, Foster), a bisection whenever a step would leave the
        bracket, which shrinks around the root at every evaluation."""
        omega = 0.5 * (lo + hi)
        while True:
            lam, v = eigh(self._susceptance(omega), subset_by_index=[index, index])
            lo, hi = (omega, hi) if lam[0] < 0 else (lo, omega)
            step = lam[0] / float(v[:, 0] @ self._susceptance(omega, derivative=True) @ v[:, 0])
            if abs(step) <= rtol * omega or hi - lo <= rtol * hi:
                return omega - step if lo <= omega - step <= hi else omega
            omega = omega - step if lo < omega - step < hi else 0.5 * (lo + hi)

    @cached_property
    def modes_Hz(self) -> np.ndarray:
        """First ``MODE_COUNT`` self-resonances [Hz], ascending."""
        return self.mode_frequencies_Hz(MODE_COUNT)

    @property
    def f_self_Hz(self) -> float:
        """First self-resonance = lowest pole of Z_in [Hz]."""
        return float(self.modes_Hz[0])

    @one_blas_thread()
    def Z_in(self, f_Hz) -> np.ndarray:
        """Input impedance at the port [Ω] (far end grounded): Z_in = −j (B⁻¹)_port,port; 0 at f = 0."""
        f = np.atleast_1d(np.asarray(f_Hz, dtype=float))
        if np.any(f < 0) or not np.all(np.isfinite(f)):
            raise InputError("Z_in: frequencies must be finite and ≥ 0 Hz")
        if not self.line.grounded:
            return np.full(f.shape, complex(math.nan, math.nan))
        port = np.eye(self.geometry.rows)[:, 0]
        return np.array([0j if x == 0 else -1j * solve(self._susceptance(2 * np.pi * x), port, assume_a="sym")[0]
                         for x in f])

    @one_blas_thread()
    def kerr_Hz(self, I_star_A: float, definition: str = "ratio") -> float:
        """Self-Kerr K/2π [Hz] of the first mode, H/h = f a†a + (K/4π) a†a†aa (shift per photon), L_k ∝ 1 + I²/I*².

        ħK = −(3c/I*²) ∫ L'_k I_zpf(s)⁴ ds along the wire, I_zpf the mode's zero-point current, normalised by
        ½∫ I_zpfᵀ L I_zpf dz = ħω/4; c = 1 ("ratio" I*, Φ = L(I)·I) or 1/3 ("differential"). First-order
        perturbation of the linear mode by the quartic inductive energy, as for Josephson chains (Weißl et al., PRB
        92, 104508 (2015)) and grAl (Maleeva et al., Nat. Commun. 9, 3889 (2018)); lumped limit ``lumped_kerr_Hz``.
        """
        c = _definition_factor(definition)
        check_value(I_star_A, "I*")
        if not self.line.grounded:
            return math.nan
        omega = 2 * np.pi * self.f_self_Hz
        root_mu, W, W0, WL = self._modal
        values, vectors = eigh(self._susceptance(omega))
        v = vectors[:, np.argmin(np.abs(values))]
        u0, uL = W0 @ v, WL @ v  # modal voltages at z = 0 and z = ℓ
        ell, beta = self.geometry.row_length_m, omega * root_mu
        n_q = int(min(4000, 32 + 16 * np.ceil(beta.max() * ell / np.pi)))
        x, wq = np.polynomial.legendre.leggauss(n_q)
        z, wq = 0.5 * ell * (x + 1), 0.5 * ell * wq
        du = beta[:, None] * (uL[:, None] * np.cos(np.outer(beta, z)) - u0[:, None] * np.cos(np.outer(beta, ell - z)))
        current = W.T @ (du / np.sin(beta * ell)[:, None])  # ∝ row currents I_r(z) = (j/ω) L⁻¹ dV/dz
        energy = 0.5 * wq @ (current * (self.L_H_per_m @ current)).sum(axis=0)
        I_zpf = current * np.sqrt(hbar * omega / (4 * energy))
        L_k_per_m = self.L_k_sq_H / self.geometry.width_m
        return float(-3 * c * L_k_per_m * (wq * I_zpf**4).sum() / I_star_A**2 / h)
