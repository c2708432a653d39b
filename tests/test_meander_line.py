"""Meander MTL model: MoM capacitance vs conformal mapping / scikit-rf, modes vs a brute-force LC ladder and the
scikit-rf straight line, Z_in limits, Kerr limits."""
import math

import numpy as np
import pytest
import scipy.sparse as sp
import skrf
from scipy.constants import c, e, epsilon_0, h, hbar, mu_0
from scipy.optimize import brentq
from scipy.sparse.linalg import eigsh
from scipy.special import ellipk

from superind import InputError
from superind.lines import CoplanarLine, IsolatedLine, MicrostripLine
from superind.meander_line import MeanderGeometry, MeanderLine, capacitance_matrix, lumped_kerr_Hz

L_K_SQ = 1.0338e-9  # TiN-like film, R_sq = 1.5 kΩ, T_c = 2 K: L_k,□ = ħR_sq/πΔ0 = 1.0338 nH/□
CPW = CoplanarLine(10e-6, 11.7)
WIRE_LENGTH = 29.015e-6  # 100 nm wide, 300 nH in this CPW


def skrf_quarter_wave(length_m, width_m=100e-9, line=CPW):
    """(first pole [Hz], L [H], L_k [H]) of a straight grounded wire as a scikit-rf DistributedCircuit with
    L' = L_k,□/w + L'_g and C' of the conformal-mapping CPW (the model of superind.wire.Wire)."""
    L_g, C = line.per_length(width_m)
    L_per_m = L_K_SQ / width_m + L_g

    def admittance(f):
        media = skrf.media.DistributedCircuit(frequency=skrf.Frequency.from_f([f], unit="Hz"), C=C, L=L_per_m,
                                              R=0.0, G=0.0)
        return (1 / (media.line(length_m, unit="m") ** media.short()).z[0, 0, 0]).imag

    f_closed = 1 / (4 * length_m * math.sqrt(L_per_m * C))
    return brentq(admittance, 0.5 * f_closed, 1.5 * f_closed, xtol=1e-9 * f_closed), L_per_m * length_m, \
        L_K_SQ / width_m * length_m


def K_over_Kprime(m):
    """K(k)/K(k') for the parameter m = k²."""
    return ellipk(m) / ellipk(1 - m)


# --------------------------------------------------------------------------------------------- capacitance (MoM)
@pytest.mark.parametrize("width_m,gap_m", [(100e-9, 10e-6), (100e-9, 1e-6), (1e-6, 3e-6)])
def test_single_row_in_cpw_matches_conformal_mapping(width_m, gap_m):
    # Ghione & Naldi (1984): C' = 2ε0(ε_r+1) K(k)/K(k'), k = w/(w+2s); MoM within 1 %
    line = CoplanarLine(gap_m, 11.7)
    C = capacitance_matrix(MeanderGeometry(1, 10e-6, width_m, 2 * width_m), line)
    assert C[0, 0] == pytest.approx(line.per_length(width_m)[1], rel=1e-2)


def test_cpw_ground_plane_width_is_converged():
    g = MeanderGeometry(5, 10e-6, 100e-9, 300e-9)
    default = capacitance_matrix(g, CPW)
    wider = capacitance_matrix(g, CPW, plane_width_m=4 * 20 * (g.span_m + 2 * CPW.ground_gap_m))
    assert np.allclose(default, wider, rtol=2e-3, atol=2e-3 * np.abs(default).max())


@pytest.mark.parametrize("width_m", [50e-9, 300e-9, 1e-6, 10e-6])
def test_single_row_over_ground_matches_skrf_mline(width_m):
    # scikit-rf MLine (Hammerstad–Jensen, zero thickness, quasi-static) on Si, h = 1 µm: C' = √ε_eff/(c Z0), 2 %
    ml = skrf.media.MLine(frequency=skrf.Frequency(1, 1, 1, unit="GHz"), w=width_m, h=1e-6, t=None, ep_r=11.7,
                          rho=None, tand=0, rough=0, disp="none", diel="frequencyinvariant")
    C_ref = math.sqrt(ml.ep_reff.real) / (c * ml.zl_eff.real)
    C = capacitance_matrix(MeanderGeometry(1, 10e-6, width_m, 2 * width_m), MicrostripLine(1e-6, 11.7))
    assert C[0, 0] == pytest.approx(C_ref, rel=2e-2)


def test_two_coupled_rows_in_cpw_match_even_odd_conformal_mapping():
    # Strips [x1, x2] and [−x2, −x1], grounds |x| > x3, ε_r below. By symmetry, the first quadrant under w = z²
    # is a half-plane with electrode [x1², x2²]; odd mode: ground (−∞, 0] ∪ [x3², ∞) (electric wall at x = 0),
    # even mode: ground [x3², ∞) only (magnetic wall). A half-plane with electrodes [p2, p3] and (−∞, p1] ∪ [p4, ∞)
    # has C = ε K(k)/K(k'), k² = (p3−p2)(p4−p1)/((p4−p2)(p3−p1)); both half-spaces: ε0(ε_r+1) K/K'.
    # C_even = C11 + C12, C_odd = C11 − C12 (cf. coupled CPW in Simons, Coplanar Waveguide Circuits, Components,
    # and Systems, Wiley 2001).
    w, gap, s = 100e-9, 200e-9, 10e-6
    x1, x2, x3 = gap / 2, gap / 2 + w, gap / 2 + w + s
    C_even = epsilon_0 * 12.7 * K_over_Kprime((x2**2 - x1**2) / (x3**2 - x1**2))
    C_odd = epsilon_0 * 12.7 * K_over_Kprime(x3**2 * (x2**2 - x1**2) / (x2**2 * (x3**2 - x1**2)))
    C = capacitance_matrix(MeanderGeometry(2, 10e-6, w, w + gap), CoplanarLine(s, 11.7))
    assert C[0, 0] + C[0, 1] == pytest.approx(C_even, rel=1e-2)
    assert C[0, 0] - C[0, 1] == pytest.approx(C_odd, rel=1e-2)


def test_isolated_coplanar_strips_and_maxwell_form():
    # coplanar strips in vacuum (Gupta et al., Microstrip Lines and Slotlines, 1996): C = ε0 K(k')/K(k), k = s/(s+2w)
    w, gap = 100e-9, 200e-9
    C = capacitance_matrix(MeanderGeometry(2, 10e-6, w, w + gap), IsolatedLine())
    k = gap / (gap + 2 * w)
    assert -C[0, 1] == pytest.approx(epsilon_0 / K_over_Kprime(k * k), rel=1e-2)
    assert np.allclose(C.sum(axis=1), 0, atol=1e-9 * C[0, 0])  # no ground: zero row sums
    # a grounded Maxwell matrix: symmetric, C_ii > 0, C_ij < 0, positive row sums (capacitance to ground)
    G = capacitance_matrix(MeanderGeometry(7, 10e-6, w, w + gap), MicrostripLine(1e-6, 11.7))
    off = G[~np.eye(7, dtype=bool)]
    assert np.allclose(G, G.T) and np.all(np.diag(G) > 0) and np.all(off < 0) and np.all(G.sum(axis=1) > 0)


# --------------------------------------------------------------------------------------------- modes
def test_single_row_reproduces_skrf_quarter_wave_pole():
    # N = 1 in CPW = scikit-rf DistributedCircuit line pole (as tests/test_wire.py checks the closed form), within 0.5 %;
    # its higher poles are the odd harmonics of λ/4
    model = MeanderLine(MeanderGeometry(1, WIRE_LENGTH, 100e-9, 300e-9), CPW, L_K_SQ)
    assert model.f_self_Hz == pytest.approx(skrf_quarter_wave(WIRE_LENGTH)[0], rel=5e-3)
    assert model.modes_Hz == pytest.approx(model.f_self_Hz * np.array([1, 3, 5, 7, 9]), rel=1e-9)


def ladder_first_mode_Hz(L, C, row_length_m, sections):
    """Brute-force lumped LC ladder of the meander: every row cut into ``sections`` pieces of length d, branch
    inductance matrix L·d between consecutive node rows, capacitance C·d (trapezoid) at the nodes; rows joined at
    alternating ends, row 0's start open, the last row's far end grounded; K φ = ω² M φ for the node fluxes."""
    N, d = len(L), row_length_m / sections
    node = np.empty((N, sections + 1), dtype=int)
    count = 0
    for r in range(N):
        for s in range(sections + 1):
            joined_end = (sections if (r - 1) % 2 == 0 else 0) if r > 0 else None
            if s == joined_end:
                node[r, s] = node[r - 1, s]
            else:
                node[r, s], count = count, count + 1
    ground = node[N - 1, sections if N % 2 else 0]
    node = np.where(node > ground, node - 1, np.where(node == ground, -1, node))
    n = count - 1

    def select(positions, sign=1.0):  # (N, n) sparse map from node fluxes to the rows' fluxes at a position
        rows = np.arange(N)[positions >= 0]
        return sp.csr_matrix((np.full(len(rows), sign), (rows, positions[positions >= 0])), shape=(N, n))

    diff = sp.vstack([select(node[:, s + 1]) + select(node[:, s], -1.0) for s in range(sections)])
    K = diff.T @ sp.kron(sp.eye(sections), np.linalg.inv(L * d)) @ diff
    weights = np.r_[0.5, np.ones(sections - 1), 0.5]
    at = sp.vstack([select(node[:, s]) for s in range(sections + 1)])
    M = at.T @ sp.kron(sp.diags(weights), C * d) @ at
    omega2 = eigsh(K.tocsc(), k=1, M=M.tocsc(), sigma=0, which="LM", return_eigenvectors=False)
    return math.sqrt(omega2[0]) / (2 * math.pi)


@pytest.mark.parametrize("rows,row_length_m,pitch_m,line,sections", [
    (5, 79e-6, 200e-9, CPW, 24),
    (45, 8.53e-6, 300e-9, CPW, 8),
    (100, 3.95e-6, 200e-9, CPW, 6),
    (20, 20e-6, 300e-9, MicrostripLine(1e-6, 11.7), 12)])
def test_first_mode_matches_brute_force_lc_ladder(rows, row_length_m, pitch_m, line, sections):
    model = MeanderLine(MeanderGeometry(rows, row_length_m, 100e-9, pitch_m), line, L_K_SQ)
    ladder = ladder_first_mode_Hz(model.L_H_per_m, model.C_F_per_m, row_length_m, sections)
    assert model.f_self_Hz == pytest.approx(ladder, rel=1e-2)
    assert np.all(np.diff(model.modes_Hz) > 0) and len(model.modes_Hz) >= 5


def test_modes_are_the_poles_of_the_input_impedance():
    model = MeanderLine(MeanderGeometry(9, 20e-6, 100e-9, 300e-9), CPW, 1.0338e-9)
    for f in model.modes_Hz:  # lossless reactance: +j∞ below a pole, −j∞ above
        below, above = model.Z_in([f * (1 - 1e-7), f * (1 + 1e-7)]).imag
        assert below > 1e8 and above < -1e8


def test_low_frequency_input_impedance_is_the_series_inductance():
    # N = 1: Z_in/jω → L_k + L'_g ℓ of the straight wire; N rows: the same current through every row in turn,
    # L = N ℓ L_k,□/w + ℓ Σ_ij s_i s_j L0_ij (s alternating), within 1e-4 at 1 MHz (f ≪ f_self)
    single = MeanderLine(MeanderGeometry(1, WIRE_LENGTH, 100e-9, 300e-9), CPW, L_K_SQ)
    z = single.Z_in([0.0, 1e6])
    assert z[0] == 0 and z[1].imag / (2 * math.pi * 1e6) == pytest.approx(skrf_quarter_wave(WIRE_LENGTH)[1], rel=1e-4)
    g = MeanderGeometry(45, 8.53e-6, 100e-9, 300e-9)
    model = MeanderLine(g, CPW, L_K_SQ)
    L0 = mu_0 * epsilon_0 * np.linalg.inv(capacitance_matrix(g, CPW, vacuum=True))
    s = (-1.0) ** np.arange(45)
    L_hand = 45 * 8.53e-6 * L_K_SQ / 100e-9 + 8.53e-6 * s @ L0 @ s
    assert model.Z_in(1e6)[0].imag / (2 * math.pi * 1e6) == pytest.approx(L_hand, rel=1e-4)
    assert model.L_H == pytest.approx(L_hand, rel=1e-9)


def test_stray_capacitance_is_the_row_sums():
    g = MeanderGeometry(11, 5e-6, 100e-9, 300e-9)
    model = MeanderLine(g, CPW, 1e-9)
    C = capacitance_matrix(g, CPW)
    assert model.C_stray_F == pytest.approx(sum(C[i, j] for i in range(11) for j in range(11)) * 5e-6)
    assert 0 < model.C_stray_F < np.trace(C) * 5e-6
    assert "MTL meander, 11 rows, MoM capacitance" in model.self_resonance_model


def test_isolated_meander_defines_only_mutual_capacitance():
    model = MeanderLine(MeanderGeometry(4, 10e-6, 100e-9, 300e-9), IsolatedLine(), 1e-9)
    assert np.all(np.isfinite(model.C_F_per_m))
    assert np.isnan(model.f_self_Hz) and np.all(np.isnan(model.modes_Hz)) and math.isnan(model.C_stray_F)
    assert np.all(np.isnan(model.Z_in([1e9]))) and math.isnan(model.kerr_Hz(1e-6)) and math.isnan(model.L_H)


# --------------------------------------------------------------------------------------------- Kerr
def test_lumped_kerr_is_the_transmon_anharmonicity():
    # a junction has Φ = L_J I (1 + I²/6I_c² + …) (arcsin), i.e. ratio-I* = √6 I_c; transmon K = −E_C/h with
    # h f = √(8 E_J E_C) (Koch et al., PRA 76, 042319 (2007))
    L_J, f = 10e-9, 5e9
    E_J = (hbar / (2 * e)) ** 2 / L_J
    E_C = (h * f) ** 2 / (8 * E_J)
    I_c = hbar / (2 * e) / L_J
    assert lumped_kerr_Hz(f, L_J, math.sqrt(6) * I_c) == pytest.approx(-E_C / h, rel=1e-12)


@pytest.mark.parametrize("definition,c_factor", [("ratio", 1.0), ("differential", 1 / 3)])
def test_quarter_wave_kerr_hand_limit(definition, c_factor):
    # N = 1, λ/4 line of total L: I(s) = I0 sin(πs/2ℓ), ½ L' I0² ℓ/2 = ħω/4 → I0² = ħω/L; ∫ sin⁴ = 3ℓ/8;
    # ħK = −3c L'_k I0⁴ (3ℓ/8)/I*² → K/2π = −(9c/8)(L_k/L) h f²/(L I*²)  (f, L of the scikit-rf line)
    model = MeanderLine(MeanderGeometry(1, WIRE_LENGTH, 100e-9, 300e-9), CPW, L_K_SQ)
    I_star = 2e-6
    f, L, L_k = skrf_quarter_wave(WIRE_LENGTH)
    hand = -9 * c_factor / 8 * (L_k / L) * h * f**2 / (L * I_star**2)
    assert model.kerr_Hz(I_star, definition) == pytest.approx(hand, rel=2e-3)


# --------------------------------------------------------------------------------------------- input checks
@pytest.mark.parametrize("args", [(0, 1e-6, 1e-7, 3e-7), (2.5, 1e-6, 1e-7, 3e-7), (True, 1e-6, 1e-7, 3e-7),
                                  (3, 1e-6, 1e-7, 1e-7), (3, -1e-6, 1e-7, 3e-7), (3, 1e-6, math.nan, 3e-7)])
def test_bad_geometry_raises(args):
    with pytest.raises(InputError):
        MeanderGeometry(*args)


def test_bad_model_input_raises():
    g = MeanderGeometry(3, 1e-6, 1e-7, 3e-7)
    with pytest.raises(InputError):
        MeanderLine(g, CPW, 0.0)
    model = MeanderLine(g, CPW, 1e-9)
    with pytest.raises(InputError):
        model.kerr_Hz(1e-6, "secant")
    with pytest.raises(InputError):
        model.Z_in([-1.0])
