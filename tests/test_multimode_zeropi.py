"""Multimode 0-π (superind.qubits.multimode_zeropi) against constructions outside its normal-mode route: the
quasi-static capacitance of a straight Π ladder by hand, the single-mode 0-π (scqubits' ZeroPi Hamiltonian), and a
brute-force diagonalisation of the whole circuit (ring nodes + the ladders' internal nodes) in node coordinates."""
import math

import numpy as np
import pytest
import scipy.sparse as sp
from scipy.sparse.linalg import eigsh

from superind.constants import GHz, e, phi0_reduced
from superind.errors import InputError
from superind.film import make_film
from superind.qubits import ZeroPi
from superind.qubits.multimode import multimode_spectrum
from superind.wire import CoplanarLine, wire_for_inductance

FLUX = [0.0, 0.3]


def tin_wire(E_L_GHz, width_m=100e-9):
    """Straight TiN wire (1.5 kΩ/□, T_c = 2 K) in a 10 µm CPW gap with L = (Φ0/2π)²/E_L."""
    return wire_for_inductance(make_film("TiN", 1500.0, Tc=2.0), phi0_reduced**2 / (E_L_GHz * GHz), width_m,
                               CoplanarLine(10e-6))


def small_zeropi(wire, E_J=3.0, E_CJ=3.0, E_C=6.0, n_g=0.1):
    """A light 0-π (scqubits' conventions) whose whole circuit a brute-force diagonalisation can hold."""
    return ZeroPi(E_J, wire.E_L_GHz, E_CJ, E_C, n_g, wire=wire)


def ring_phases():
    """Node phases R1…R4 in (φ, θ, ζ, s): junctions R1–R2, R3–R4 drop φ ± θ, wires R2→R3, R4→R1 drop φ ± ζ."""
    return np.array([[0, 0, 0, 1], [1, 1, 0, 1], [0, 1, -1, 1], [1, 0, -1, 1]], dtype=float)


def ring_capacitance(q: ZeroPi) -> np.ndarray:
    C = np.zeros((4, 4))
    for (a, b), E_GHz in (((0, 1), q.E_CJ_GHz), ((2, 3), q.E_CJ_GHz), ((0, 2), q.E_C_GHz), ((1, 3), q.E_C_GHz)):
        c = e**2 / (2 * E_GHz * GHz)
        C[a, a] += c
        C[b, b] += c
        C[a, b] -= c
        C[b, a] -= c
    return C


def eliminate(C: np.ndarray, index: int) -> np.ndarray:
    """Schur complement of a cyclic coordinate whose charge is zero."""
    keep = [i for i in range(len(C)) if i != index]
    return C[np.ix_(keep, keep)] - np.outer(C[keep, index], C[index, keep]) / C[index, index]


# ------------------------------------------------------------------------------------ K = 0: the single mode
def test_no_modes_is_the_quasistatic_single_mode_zeropi():
    # K = 0: each wire (ground capacitance C_w, M Π sections, phase falling linearly between its ring nodes) adds
    # C_w[(1/3 + 1/6M²), (1/6 − 1/6M²)] on (its ends), by hand; φ, θ, ζ, s from the ring, s eliminated.
    wire = tin_wire(1.5)
    q = small_zeropi(wire)
    M = 8
    r = multimode_spectrum(q, None, FLUX, 3, modes=0, sections=M, operating_flux=0.0)
    c_w = wire.meander.C_F_per_m[0, 0] * wire.length_m
    own, cross = c_w * (1 / 3 + 1 / (6 * M**2)), c_w * (1 / 6 - 1 / (6 * M**2))
    C = ring_capacitance(q)
    for a, b in ((1, 2), (3, 0)):
        C[[a, b], [a, b]] += own
        C[[a, b], [b, a]] += cross
    T = ring_phases()
    c = eliminate(T.T @ C @ T, 3)[:2, :2]  # ζ is not coupled: (T.T C T)[ζ, φ/θ] = 0 for identical wires
    c_inv = np.linalg.inv(c)
    assert c_inv[0, 1] == pytest.approx(0.0, abs=1e-12 * c_inv[0, 0])
    E_CJ, E_CS = e**2 * c_inv[0, 0] / GHz, e**2 * c_inv[1, 1] / GHz
    energies = r.energies_quasistatic_GHz
    assert energies["E_CJ_GHz"] == pytest.approx(E_CJ, rel=1e-10)
    assert energies["E_CS_GHz"] == pytest.approx(E_CS, rel=1e-10)
    assert energies["E_L_GHz"] == pytest.approx(wire.E_L_GHz, rel=1e-10)
    single = ZeroPi(q.E_J_GHz, wire.E_L_GHz, E_CJ, 1 / (1 / E_CS - 1 / E_CJ), q.n_g)
    cutoff = tuple(r.spectrum.cutoff[k] for k in ("phi_half_range", "phi_points", "ncut"))
    assert np.max(np.abs(r.levels_GHz - single.spectrum(FLUX, 3, cutoff=cutoff).levels_GHz)) < 1e-9
    assert r.delta_f01_GHz == pytest.approx(0.0, abs=1e-9)
    assert len(r.modes_Hz) == 0


# ------------------------------------------------------------------------- brute force: the whole circuit
def oscillator(cutoff, length):
    """φ and n of a truncated harmonic oscillator of length l: φ = l(a + a†)/√2, n = i(a† − a)/√2l."""
    a = sp.diags(np.sqrt(np.arange(1, cutoff)), 1)
    return length * (a + a.T) / math.sqrt(2), 1j * (a.T - a) / (math.sqrt(2) * length)


def brute_force_levels(q: ZeroPi, wire, cutoffs, ncut, flux, levels=5):
    """The whole circuit with two Π sections per wire (nodes R1…R4 and the wires' midpoints m_a, m_b; C_w/4 to
    ground at each wire end, C_w/2 at the midpoint, L/2 per half). Coordinates (φ, θ, ζ, u_a, u_b, s) with
    m = s + (mean of the wire's ring-node phases − s) + u; s eliminated. θ in the charge basis (n_θ + n_g as
    scqubits writes it), the others truncated oscillators; H = 4nᵀE_Cn + ½φᵀE_Lφ − 2E_J cos θ cos(φ − πf),
    sparse Lanczos. Levels in GHz per flux point."""
    c_w, L = wire.meander.C_F_per_m[0, 0] * wire.length_m, q.L_H
    C, K = np.zeros((6, 6)), np.zeros((6, 6))
    C[:4, :4] = ring_capacitance(q)
    C[np.diag_indices(6)] += [c_w / 4] * 4 + [c_w / 2] * 2
    for a, b in ((1, 4), (4, 2), (3, 5), (5, 0)):
        K[[a, b], [a, b]] += 2 / L
        K[[a, b], [b, a]] -= 2 / L
    T = np.zeros((6, 6))
    T[:4, [0, 1, 2, 5]] = ring_phases()
    T[4], T[5] = (T[1] + T[2]) / 2, (T[3] + T[0]) / 2
    T[4, 3] = T[5, 4] = 1.0
    Cx, Kx = T.T @ C @ T, T.T @ K @ T
    assert np.max(np.abs(Kx[5])) < 1e-9 * Kx[0, 0]  # s is cyclic
    EC = e**2 / 2 * np.linalg.inv(eliminate(Cx, 5)) / GHz
    EL = phi0_reduced**2 * Kx[:5, :5] / GHz
    dims = [cutoffs[0], 2 * ncut + 1, *cutoffs[1:]]
    embed = lambda X, i: sp.kron(sp.kron(sp.identity(int(np.prod(dims[:i]))), X),
                                 sp.identity(int(np.prod(dims[i + 1:]))), format="csr")
    phis, charges = {}, {1: embed(sp.diags(np.arange(-ncut, ncut + 1) + q.n_g), 1)}
    for i in (0, 2, 3, 4):
        phi, n = oscillator(dims[i], (8 * EC[i, i] / EL[i, i]) ** 0.25)
        phis[i], charges[i] = embed(phi, i), embed(n, i)
        if i == 0:
            x, v = np.linalg.eigh(phi.toarray())
    H0 = sum(4 * EC[i, j] * charges[i] @ charges[j] for i in range(5) for j in range(5))
    H0 = H0 + sum(0.5 * EL[i, j] * phis[i] @ phis[j] for i in phis for j in phis if EL[i, j] != 0)
    cos_theta = sp.diags([np.full(2 * ncut, 0.5)] * 2, [1, -1])
    out = []
    for f in flux:
        cos_phi = sp.csr_matrix((v * np.cos(x - math.pi * f)) @ v.T)
        H = H0 - 2 * q.E_J_GHz * sp.kron(sp.kron(cos_phi, cos_theta), sp.identity(int(np.prod(dims[2:]))))
        out.append(np.sort(eigsh(H.tocsr(), k=levels, which="SA", return_eigenvectors=False, tol=1e-11).real))
    return np.array(out)


def test_two_sections_per_wire_match_brute_force_in_node_coordinates():
    # The brute-force spectrum also holds ζ and the wire pairs that couple to neither φ nor θ: its transitions
    # are ours plus those at the uncoupled frequencies. Cut-offs (φ 24, ζ 4, u 6, 6, n_θ ±4) changed the compared
    # transitions by < 2e-7 GHz when any one was raised (φ 28, ζ 5, u 7, 7, n_θ ±5; checked once, 20–60 s each).
    wire = tin_wire(1.5)
    q = small_zeropi(wire)
    r = multimode_spectrum(q, None, [0.3], 4, modes=1, sections=2, operating_flux=0.0, tol_GHz=2e-7)
    assert len(r.modes_Hz) == 1 and abs(r.g_theta_GHz[0]) > 0.5  # the pair that moves with θ couples strongly
    brute = brute_force_levels(q, wire, (24, 4, 6, 6), 4, [0.3])
    brute = brute - brute[:, :1]
    ours = r.levels_GHz - r.levels_GHz[:, :1]
    zeta = r.uncoupled_Hz.min() / 1e9
    for b, o in zip(brute, ours):
        unexplained = [x for x in b if np.min(np.abs(o - x)) > 1e-6]
        assert unexplained == pytest.approx([zeta], abs=1e-6)  # one ζ quantum on the ground state
        assert np.max([np.min(np.abs(b - x)) for x in o]) < 1e-6


# --------------------------------------------------------------------------------- the modes' physics
def test_shifts_fall_as_the_modes_rise():
    # Same L, narrower wire: less capacitance, modes up; the qubit's frequency change against the lumped model and
    # against the single-mode model must shrink.
    results = [multimode_spectrum(small_zeropi(tin_wire(1.5, w)), None, [0.0], 3, modes=1, operating_flux=0.0)
               for w in (400e-9, 200e-9, 100e-9)]
    assert np.all(np.diff([r.modes_Hz[0] for r in results]) > 0)
    assert np.all(np.diff(np.abs([r.delta_f01_lumped_GHz for r in results])) < 0)


def test_dispersive_shift_matches_second_order_theory_with_scqubits_states():
    # For H_0π + f a†a + g(n_θ + n_g)(a + a†) far from resonance, second order gives (Zhu et al., PRB 87, 024510
    # (2013)) χ = Σ_j g²|O_1j|² 2E_1j/(E_1j² − f²) − Σ_j g²|O_0j|² 2E_0j/(E_0j² − f²), O = n_θ + n_g, with the
    # levels and charge matrix elements of scqubits' ZeroPi at the charge form's energies.
    import scqubits

    wire = tin_wire(1.5)
    r = multimode_spectrum(small_zeropi(wire), None, [0.0], 3, modes=1, operating_flux=0.0)
    f, g = r.modes_Hz[0] / 1e9, r.g_theta_GHz[0]
    assert r.g_GHz[0] == 0.0 and f > 30  # the θ pair, far above the qubit's low transitions
    E = r.energies_GHz
    bare = scqubits.ZeroPi(EJ=E["E_J_GHz"], EL=E["E_L_GHz"], ECJ=E["E_CJ_GHz"],
                           EC=1 / (1 / E["E_CS_GHz"] - 1 / E["E_CJ_GHz"]), ng=0.1, flux=0.0,
                           grid=scqubits.Grid1d(-8, 8, 120), ncut=8, truncated_dim=40)
    levels, vectors = bare.eigensys(evals_count=40)
    charge = bare.n_theta_operator() + 0.1 * sp.identity(vectors.shape[0])
    O = np.abs(vectors.conj().T @ (charge @ vectors))

    def shift(i):
        d, other = levels[i] - levels, np.arange(40) != i
        return np.sum(g**2 * O[i, other] ** 2 * 2 * d[other] / (d[other] ** 2 - f**2))

    assert r.chi_GHz[0] == pytest.approx(shift(1) - shift(0), rel=0.005)  # (g/Δ)² ≈ 5e-4 corrections


def test_the_circuit_symmetry_decides_which_pair_couples_to_what():
    # One mode per wire gives an even and an odd pair; with ζ that is three normal modes. The mirror symmetries
    # of the 0-π ring put φ, θ and ζ in different classes, so each normal mode couples to at most one of φ, θ.
    wire = tin_wire(1.5).folded(3, 300e-9)
    r = multimode_spectrum(small_zeropi(wire), None, [0.0], 3, modes=2, operating_flux=0.0)
    assert len(r.modes_Hz) + len(r.uncoupled_Hz) == 5
    for g_phi, g_theta in zip(r.g_GHz, r.g_theta_GHz):
        assert min(abs(g_phi), abs(g_theta)) < 1e-9 * max(abs(g_phi), abs(g_theta))


def test_inputs_that_cannot_describe_the_device_raise():
    wire = tin_wire(1.5)
    with pytest.raises(InputError, match="dC_J"):
        multimode_spectrum(ZeroPi(3.0, wire.E_L_GHz, 3.0, 6.0, dC_J=0.1, wire=wire), None, FLUX)
    with pytest.raises(InputError, match="differs from the drawn wire"):
        multimode_spectrum(ZeroPi(3.0, 1.0, 3.0, 6.0, wire=wire), None, FLUX)
