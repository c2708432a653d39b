"""Multimode fluxonium (superind.qubits.multimode) against constructions outside its normal-mode route: closed forms
of the lumped ladder, the exact multiconductor-line modes, brute-force diagonalisations of the whole circuit in
node-flux coordinates, scqubits with second-order dispersive theory, and the single-mode fluxonium."""
import math

import numpy as np
import pytest
import scipy.sparse as sp
from scipy.linalg import eigh
from scipy.sparse.linalg import eigsh

from superind.constants import GHz, e, phi0_reduced
from superind.errors import InputError
from superind.film import make_film
from superind.qubits import QPSQubit, RFSquid
from superind.qubits.multimode import discretisation_error, ladder_matrices, multimode_levels, multimode_spectrum
from superind.qubits.reduced_basis import continued_levels
from superind.qubits.spectrum import one_blas_thread
from superind.wire import CoplanarLine, IsolatedLine, Wire, wire_for_inductance

FLUX = [0.0, 0.25, 0.5]
E_J, E_C = 8.9, 2.5  # GHz; the fluxonium of Manucharyan et al. (scqubits' example), E_L set per test


def tin_wire(E_L_GHz, width_m=100e-9):
    """Straight TiN wire (1.5 kΩ/□, T_c = 2 K: L_k,□ ≈ 1.03 nH/□) in a 10 µm CPW gap with L = (Φ0/2π)²/E_L."""
    return wire_for_inductance(make_film("TiN", 1500.0, Tc=2.0), phi0_reduced**2 / (E_L_GHz * GHz), width_m,
                               CoplanarLine(10e-6))


def fluxonium(wire, E_C_GHz=E_C):
    return RFSquid(E_J, E_C_GHz, wire.E_L_GHz, wire=wire)


# ------------------------------------------------------------------------------------- the lumped ladder
def test_ladder_modes_follow_the_discrete_dispersion_of_pi_sections():
    # By hand: a uniform line of n Π sections (cΔ/2 at the open port, cΔ inside, lΔ in series, far end grounded)
    # carries V_j = cos(kjΔ) with cos(kℓ) = 0, so k_m = (2m − 1)π/2ℓ, and ω_m = (2/Δ√(lc)) sin(k_mΔ/2).
    wire = tin_wire(0.5)
    l, c = wire.meander.L_H_per_m[0, 0], wire.meander.C_F_per_m[0, 0]
    n, length = 8, wire.length_m
    C, K = ladder_matrices(wire, n)
    omega = np.sqrt(eigh(K, C, eigvals_only=True))[:4]
    k = (2 * np.arange(1, 5) - 1) * math.pi / (2 * length)
    delta = length / n
    assert omega == pytest.approx(2 / (delta * math.sqrt(l * c)) * np.sin(k * delta / 2), rel=1e-10)


def test_meander_ladder_converges_to_the_exact_multiconductor_line():
    # The ladder of a 5-row meander (mutual L and C between rows, rows joined at alternating ends) approaches the
    # exact modes of MeanderLine (modal solution + Wittrick–Williams count) with the Π ladder's O(Δz²) error.
    wire = tin_wire(0.5).folded(5, 300e-9)
    errors = [discretisation_error(wire, n, 3) for n in (2, 4, 8)]
    assert errors[2] < 2e-3
    for coarse, fine in zip(errors, errors[1:]):
        assert coarse / fine == pytest.approx(4.0, rel=0.1)


# ------------------------------------------------------------------------------------ K = 0: the single mode
def test_no_modes_is_the_quasistatic_single_mode_fluxonium():
    # K = 0 keeps the junction phase with the static profile of the wire: E_L is the wire's DC inductance and the
    # junction node sees C_q + Σ C_i a_i²; for a straight wire of M Π sections (a_i = 1 − i/M) this is, by hand,
    # C_q + C'ℓ[(M−1)(2M−1)/6M² + 1/2M] = C_q + C'ℓ(1/3 + 1/6M²) (→ C'ℓ/3, the low-frequency L ∥ C_tot/3).
    wire = tin_wire(0.5)
    M = 16
    r = multimode_spectrum(fluxonium(wire), None, FLUX, 4, modes=0, sections=M)
    C_hand = e**2 / (2 * E_C * GHz) + wire.meander.C_F_per_m[0, 0] * wire.length_m * (1 / 3 + 1 / (6 * M**2))
    E_C_hand = e**2 / (2 * C_hand) / GHz
    assert r.energies_quasistatic_GHz["E_C_GHz"] == pytest.approx(E_C_hand, rel=1e-12)
    assert r.energies_GHz["E_L_GHz"] == pytest.approx(wire.E_L_GHz, rel=1e-12)
    single = RFSquid(E_J, E_C_hand, wire.E_L_GHz).spectrum(FLUX, 4, cutoff=r.spectrum.cutoff["qubit_cutoff"])
    assert np.max(np.abs(r.levels_GHz - single.levels_GHz)) < 1e-9
    assert r.delta_f01_GHz == pytest.approx(0.0, abs=1e-9)
    assert len(r.modes_Hz) == len(r.chi_GHz) == 0


# ------------------------------------------------------------------------- brute force: the whole circuit
def oscillator(cutoff, length):
    """φ and N (n = iN) of a truncated harmonic oscillator of length φ_osc: φ = l(a + a†)/√2, n = i(a† − a)/√2l."""
    a = sp.diags(np.sqrt(np.arange(1, cutoff)), 1)
    return length * (a + a.T) / math.sqrt(2), (a.T - a) / (math.sqrt(2) * length)


def brute_force_levels(C, K, flux, cutoffs, transform, levels=4):
    """H = ½QᵀC⁻¹Q + ½ΦᵀKΦ − E_J cos(φ_0 + 2πΦ_ext/Φ0) of the whole circuit in coordinates Φ = T·x, one
    truncated oscillator per coordinate (length (8E_C,ii/E_L,ii)^¼, the junction's shortened by (E_L/E_J)^⅛ as in
    RFSquid), tensor products, sparse shift-invert. Every quantum of every mode is in it; levels in GHz."""
    C, K = transform.T @ C @ transform, transform.T @ K @ transform
    EC = e**2 / 2 * np.linalg.inv(C) / GHz  # 4 nᵀ EC n
    EL = phi0_reduced**2 * K / GHz  # ½ φᵀ EL φ
    phis, charges, dims = [], [], [int(np.prod(cutoffs[:i])) for i in range(len(cutoffs) + 1)]
    for i, cut in enumerate(cutoffs):
        length = (8 * EC[i, i] / EL[i, i]) ** 0.25 * (min(1.0, (EL[i, i] / E_J) ** 0.125) if i == 0 else 1.0)
        phi, N = oscillator(cut, length)
        embed = lambda X: sp.kron(sp.kron(sp.identity(dims[i]), X), sp.identity(dims[-1] // dims[i + 1]))
        phis.append(embed(phi))
        charges.append(embed(N))
        if i == 0:
            x, v = np.linalg.eigh(phi.toarray())
    H0 = sum(-4 * EC[i, j] * charges[i] @ charges[j] + 0.5 * EL[i, j] * phis[i] @ phis[j]
             for i in range(len(C)) for j in range(len(C)))
    rest = sp.identity(dims[-1] // cutoffs[0])
    out = []
    for f in flux:
        cos = sp.csr_matrix((v * np.cos(x + 2 * math.pi * f)) @ v.T)
        H = (H0 - E_J * sp.kron(cos, rest)).tocsc()
        out.append(np.sort(eigsh(H, k=levels, sigma=-20.0, which="LM", return_eigenvectors=False)))
    return np.array(out)


def check_against_brute_force(r, brute):
    """Transitions agree; absolute levels differ by the modes' zero-point energy ½Σf_k (H writes f_k a†a)."""
    ours = r.levels_GHz
    assert np.max(np.abs((brute - brute[:, :1]) - (ours - ours[:, :1]))) < 1e-6
    assert np.max(np.abs(brute[:, 0] - ours[:, 0] - r.modes_Hz.sum() / 2e9)) < 1e-6


def test_two_sections_match_brute_force_in_node_fluxes():
    # Circuit by hand: junction node 0 (C_q + C'ℓ/4), internal node 1 (C'ℓ/2), two inductors L/2, far end grounded.
    wire = tin_wire(0.5)
    q = fluxonium(wire)
    c_wire, L = wire.meander.C_F_per_m[0, 0] * wire.length_m, q.L_H
    C = np.diag([e**2 / (2 * E_C * GHz) + c_wire / 4, c_wire / 2])
    K = 2 / L * np.array([[1.0, -1.0], [-1.0, 2.0]])
    r = multimode_spectrum(q, None, FLUX, 4, modes=1, sections=2, tol_GHz=1e-9)
    check_against_brute_force(r, brute_force_levels(C, K, FLUX, (50, 20), np.eye(2)))


def test_three_row_meander_matches_brute_force():
    # 3 rows of ℓ/3, one section each. Nodes: 0 = row 0 at z = 0 (the junction); 1 = rows 0, 1 at z = ℓ/3;
    # 2 = rows 1, 2 at z = 0; rows 2 at z = ℓ/3 grounded. Row r's flux drop φ(z=0) − φ(z=ℓ/3) is A·φ and its
    # inductance matrix L'ℓ/3 (mutuals included, scaled so the DC inductance ℓ/3·sᵀL's, s = (1, −1, 1), is the
    # qubit's L); each end carries C'ℓ/6 of the Maxwell matrix between the nodes the rows meet there.
    wire = tin_wire(0.5).folded(3, 300e-9)
    q = fluxonium(wire)
    Cp, Lp, row = wire.meander.C_F_per_m, wire.meander.L_H_per_m, wire.length_m / 3
    s = np.array([1.0, -1.0, 1.0])
    Lp = Lp * q.L_H / (row * s @ Lp @ s)
    C = np.zeros((3, 3))
    C[0, 0] = e**2 / (2 * E_C * GHz)
    for nodes in ([0, 2, 2], [1, 1, None]):  # node of rows 0, 1, 2 at z = 0 and at z = ℓ/3 (None: ground)
        for r1, a in enumerate(nodes):
            for r2, b in enumerate(nodes):
                if a is not None and b is not None:
                    C[a, b] += Cp[r1, r2] * row / 2
    A = np.array([[1.0, -1.0, 0.0], [0.0, -1.0, 1.0], [0.0, 0.0, 1.0]])
    K = A.T @ np.linalg.inv(Lp * row) @ A
    # coordinates: φ_0 and the internal node fluxes minus their DC share of φ_0 (a point transformation only)
    T = np.eye(3)
    T[1:, 0] = -np.linalg.solve(K[1:, 1:], K[1:, 0])
    r = multimode_spectrum(q, None, FLUX, 4, modes=2, sections=3, tol_GHz=1e-9)
    check_against_brute_force(r, brute_force_levels(C, K, FLUX, (40, 8, 8), T))


# --------------------------------------------------------------------------------- dispersive physics
def light_fluxonium(width_m):
    """E_L = 2 GHz (L = 81.7 nH): the wire's modes lie at 40–130 GHz, above the fluxonium's low transitions."""
    wire = tin_wire(2.0, width_m)
    return fluxonium(wire)


def test_dispersive_shift_matches_second_order_multilevel_theory():
    # Zhu, Ferguson, Manucharyan & Koch, PRB 87, 024510 (2013): for H_q + f a†a + g n(a + a†),
    # χ = Σ_j g²|n_1j|² 2E_1j/(E_1j² − f²) − Σ_j g²|n_0j|² 2E_0j/(E_0j² − f²), E_ij = E_i − E_j, with the qubit's
    # levels and charge matrix elements from scqubits' Fluxonium at the charge form's E_C. (A two-level estimate
    # misses the fluxonium's many charge-coupled levels: Zhu et al.'s point.)
    import scqubits

    r = multimode_spectrum(light_fluxonium(50e-9), None, [0.5], 4, modes=1)
    f, g = r.modes_Hz[0] / 1e9, r.g_GHz[0]
    assert f > 100  # far above the qubit's transitions from its two lowest levels
    bare = scqubits.Fluxonium(EJ=E_J, EC=r.energies_GHz["E_C_GHz"], EL=r.energies_GHz["E_L_GHz"], flux=0.5, cutoff=150, truncated_dim=60)
    E, V = bare.eigensys(evals_count=60)
    n = np.abs(bare.matrixelement_table("n_operator", evecs=V, evals_count=60))

    def shift(i):
        d, other = E[i] - E, np.arange(60) != i
        return np.sum(g**2 * n[i, other] ** 2 * 2 * d[other] / (d[other] ** 2 - f**2))

    assert r.chi_GHz[0] == pytest.approx(shift(1) - shift(0), rel=0.03)


def test_shifts_fall_as_the_modes_rise():
    # Same L, narrower wire: higher line impedance, smaller wire capacitance, modes up (f = Z/2L for λ/2-like
    # modes): the qubit's dispersive shift and its frequency changes must all shrink.
    results = [multimode_spectrum(light_fluxonium(w), None, [0.5], 4, modes=1) for w in (400e-9, 200e-9, 100e-9,
                                                                                          50e-9)]
    assert np.all(np.diff([r.modes_Hz[0] for r in results]) > 0)
    for name in ("delta_f01_GHz", "delta_f01_lumped_GHz"):
        assert np.all(np.diff(np.abs([getattr(r, name) for r in results])) < 0)
    assert np.all(np.diff(np.abs([r.chi_GHz[0] for r in results])) < 0)


# ------------------------------------------------------------------------- flux sweeps by continuation
def test_continuation_of_an_affine_family_matches_numpy_at_every_point():
    # H(f) = H0 + cos(2πf)Hc + sin(2πf)Hs, random symmetric (80 states, levels 1 apart, couplings ~1): Ritz values in
    # the basis of a few exact solves lie above numpy's levels (variational) and within the checked tolerance.
    rng = np.random.default_rng(7)
    sym = lambda: (lambda X: (X + X.T) / 2)(rng.standard_normal((80, 80)))
    H0, Hc, Hs = np.diag(np.arange(80.0)) + 0.2 * sym(), 0.22 * sym(), 0.22 * sym()
    H = lambda f: H0 + np.cos(2 * np.pi * f) * Hc + np.sin(2 * np.pi * f) * Hs
    solve = lambda f: (lambda w, v: (w[:6], v[:, :6]))(*np.linalg.eigh(H(f)))
    flux = np.linspace(0.0, 1.0, 201)
    with one_blas_thread():  # 80 × 80: BLAS threads only contend
        levels, excess, solves = continued_levels(solve, lambda R: np.stack([H0 @ R, Hc @ R, Hs @ R]), flux, 4,
                                                  1e-8)
        exact = np.linalg.eigvalsh(np.array([H(f) for f in flux]))[:, :4]
    assert np.min(levels - exact) > -1e-12 and np.max(levels - exact) < 1e-8
    assert excess < 1e-8 and solves < 40


def test_continued_flux_sweep_matches_solving_every_point():
    # 101 distinct flux points of a 9-row meander fluxonium with two wire modes: the continued levels against the
    # same truncation solved point by point (12 points between the continuation's nodes, few enough to be solved
    # one by one); the multimode f01 at ½ against the dressed f01 of the full analysis (a larger truncation).
    q = fluxonium(tin_wire(0.5).folded(9, 300e-9))
    sweep = multimode_levels(q, None, np.linspace(0.0, 1.0, 201), 4, modes=2)
    assert sweep.cutoff["exact_flux_points"] < 30
    on_grid = 7 + 8 * np.arange(12)  # flux 0.035, 0.075, … 0.475
    alone = multimode_levels(q, None, sweep.flux[on_grid], 4, modes=2)
    assert alone.cutoff["exact_flux_points"] == 12
    assert np.max(np.abs(sweep.levels_GHz[on_grid] - alone.levels_GHz)) < 1e-5
    full = multimode_spectrum(q, None, [0.5], 4, modes=2)
    assert sweep.f01_GHz[100] == pytest.approx(full.f01_GHz, abs=1e-5)


# --------------------------------------------------------------------------------------------- inputs
def test_inputs_that_cannot_describe_the_device_raise():
    wire = tin_wire(0.5)
    with pytest.raises(InputError, match="not implemented for QPSQubit"):
        multimode_spectrum(QPSQubit(wire.E_L_fluxoid_GHz, 1.0, wire=wire), wire, FLUX)
    with pytest.raises(InputError, match="multiple of the meander's 3 rows"):
        multimode_spectrum(fluxonium(wire.folded(3, 300e-9)), None, FLUX, sections=4)
    with pytest.raises(InputError, match="differs from the drawn wire"):
        multimode_spectrum(RFSquid(E_J, E_C, 0.6, wire=wire), None, FLUX)
    isolated = Wire(wire.film, 100e-9, wire.length_m, IsolatedLine())
    with pytest.raises(InputError, match="no ground"):
        multimode_spectrum(RFSquid(E_J, E_C, isolated.E_L_GHz, wire=isolated), None, FLUX)
