"""Wire, phase slips, JJ chain and sizing against PHYSICS.md §1.5–1.7, §2, §3 and independent scikit-rf numbers."""
import math

import numpy as np
import pytest
from scipy.constants import h, hbar, e

from superind import InputError, make_film
from superind.jjchain import JJChain, mlg_phase_slip_GHz
from superind.phaseslip import PhaseSlipModel, coherence_length, estimate_phase_slip
from superind.phaseslip_calibration import calibrate
from superind.sizing import Constraints, size_wire
from superind.wire import CoplanarLine, IsolatedLine, MicrostripLine, Wire, grover_inductance, wire_for_inductance

TIN = make_film("TiN", 1500, Tc=2.0)
CPW = CoplanarLine(10e-6, 11.7)


def skrf_input_impedance(w, f_Hz, termination: str = "short") -> np.ndarray:
    """Z_in [Ω] of the straight wire as scikit-rf's lossless DistributedCircuit line (L' with L_k, C'), far end
    shorted or open: the independent line model the closed forms are checked against."""
    import skrf

    freq = skrf.Frequency.from_f(np.atleast_1d(np.asarray(f_Hz, dtype=float)), unit="Hz")
    media = skrf.media.DistributedCircuit(frequency=freq, C=w.C_per_m_F, L=w.L_per_m_H, R=0.0, G=0.0)
    end = media.short() if termination == "short" else media.open()
    return (media.line(w.length_m, unit="m") ** end).z[:, 0, 0]


def skrf_first_pole_Hz(w, termination: str = "short") -> float:
    """First pole of scikit-rf's Z_in, bracketed around the closed form v/4ℓ (short) or v/2ℓ (open)."""
    from scipy.optimize import brentq

    f0 = w.f_self_straight_Hz if termination == "short" else w.f_self_half_wave_Hz
    return brentq(lambda f: (1 / skrf_input_impedance(w, [f], termination)[0]).imag, 0.5 * f0, 1.5 * f0,
                  xtol=1e-6 * f0)


def test_worked_300nH_tin_wire():
    # PHYSICS.md §2.1–2.2 / issue 3: ℓ = 29.0 µm, L'_g = 1.338 pH/µm, C' = 52.8 aF/µm, Z = 13.99 kΩ, f = 11.66 GHz
    w = wire_for_inductance(TIN, 300e-9, 100e-9, CPW)
    assert w.length_m == pytest.approx(29.015e-6, rel=1e-3)
    assert w.L_geo_H / w.length_m == pytest.approx(1.3379e-6, rel=1e-4)
    assert w.C_per_m_F == pytest.approx(52.808e-18 / 1e-6, rel=1e-4)
    assert w.Z_ohm == pytest.approx(13992.5, rel=1e-4)
    assert w.v_m_per_s == pytest.approx(1.3533e6, rel=1e-4)
    assert w.f_self_Hz == pytest.approx(11.660e9, rel=1e-3)
    assert w.f_self_half_wave_Hz == pytest.approx(23.321e9, rel=1e-3)
    assert w.L_H == pytest.approx(300e-9, rel=1e-12)


def test_skrf_pole_matches_closed_form():
    w = wire_for_inductance(TIN, 300e-9, 100e-9, CPW)
    assert skrf_first_pole_Hz(w) == pytest.approx(w.f_self_Hz, rel=1e-5)
    assert skrf_first_pole_Hz(w, "open") == pytest.approx(w.f_self_half_wave_Hz, rel=1e-5)


def test_low_frequency_input_impedance_is_L_tan_over_beta():
    # PHYSICS.md §2.2: L_eff(1 GHz)/L = 1.006093
    w = wire_for_inductance(TIN, 300e-9, 100e-9, CPW)
    z = skrf_input_impedance(w, [1e9])[0]
    assert (z.imag / (2 * math.pi * 1e9)) / w.L_H == pytest.approx(1.006093, rel=1e-5)


def test_skrf_cpw_geometric_impedance():
    # PHYSICS.md §1.7: geometric-only Z0 159.171 Ω vs scikit-rf CPW 159.173 Ω
    import skrf
    w = Wire(TIN, 100e-9, 1e-6, CPW)
    Lg = w.L_geo_H / w.length_m
    cpw = skrf.media.CPW(frequency=skrf.Frequency(1, 1, 1, unit="GHz"), w=100e-9, s=10e-6, ep_r=11.7)
    assert math.sqrt(Lg / w.C_per_m_F) == pytest.approx(abs(cpw.z0[0]), rel=2e-4)


def test_energy_conventions():
    # PHYSICS.md §3.4: L = 50 nH → 3.2692 GHz (scqubits) and 64.532 GHz (Mooij–Harmans), ratio 2π²
    w = Wire(TIN, 100e-9, 1e-6, CPW)
    L = w.L_H
    assert w.E_L_GHz == pytest.approx((hbar / (2 * e)) ** 2 / L / h / 1e9, rel=1e-12)
    assert w.E_L_fluxoid_GHz / w.E_L_GHz == pytest.approx(2 * math.pi**2, rel=1e-12)
    assert w.E_L_GHz * L / 50e-9 == pytest.approx(3.2692, rel=1e-4)


def test_zero_pi_superinductance_self_resonance_warning():
    # issue 3: E_L = 0.04 GHz → 4.09 µH, f_self ≈ 0.86 GHz flagged
    L = (hbar / (2 * e)) ** 2 / (0.04e9 * h)
    w = wire_for_inductance(TIN, L, 100e-9, CPW)
    assert L == pytest.approx(4.087e-6, rel=1e-3) and w.f_self_Hz == pytest.approx(0.856e9, rel=1e-3)
    v = w.self_resonance_verdict()  # a lone wire: against typical qubit frequencies (4 GHz)
    assert v.severity == "critical" and "856 MHz" in v.message


def test_superinductor_wider_than_its_ground_gap_is_refused():
    with pytest.raises(InputError, match="narrow against its gap"):
        Wire(TIN, 2e-6, 1e-3, CoplanarLine(1e-6))


def test_microstrip_and_isolated_geometry():
    # PHYSICS.md §1.7: strip 100 nm at h = 1/10/100 µm, vacuum: 0.8764/1.3369/1.7974 pH/µm, 12.696/8.322/6.190 aF/µm
    for hgt, L, C in [(1e-6, 0.8764, 12.696), (10e-6, 1.3369, 8.322), (100e-6, 1.7974, 6.190)]:
        w = Wire(TIN, 100e-9, 1e-6, MicrostripLine(hgt, 1.0))
        assert w.L_geo_H * 1e12 == pytest.approx(L, rel=1e-3) and w.C_per_m_F * 1e12 == pytest.approx(C, rel=1e-3)
    # isolated strip 100 µm × 100 nm: numeric Neumann integral 162.020 pH
    assert grover_inductance(100e-6, 100e-9) == pytest.approx(162.020e-12, rel=1e-4)
    w = wire_for_inductance(TIN, 100e-9, 100e-9, IsolatedLine())
    assert w.L_H == pytest.approx(100e-9, rel=1e-9) and math.isnan(w.C_per_m_F)


def test_depairing_current_worked_example():
    # PHYSICS.md §1.6: D = 0.5 cm²/s, w = 100 nm → I_dep = 1.452 µA, differential I* = 2.27 µA, ξ_d = 10.40 nm
    f = make_film("TiN", 1500, Tc=2.0, diffusion=0.5e-4)
    w = Wire(f, 100e-9, 1e-6, CPW)
    assert w.I_dep_A == pytest.approx(1.452e-6, rel=1e-3)
    assert w.I_star_A("differential") == pytest.approx(2.27e-6, rel=3e-3)
    assert w.I_star_A("ratio") / w.I_star_A("differential") == pytest.approx(2.707 / 1.566)
    assert coherence_length(f, "usadel") == pytest.approx(10.40e-9, rel=1e-3)


@pytest.mark.parametrize("kw", [dict(width_m=0, length_m=1e-6), dict(width_m=-1e-7, length_m=1e-6),
                                dict(width_m=math.nan, length_m=1e-6), dict(width_m=1e-7, length_m=0),
                                dict(width_m=20e-6, length_m=1e-6)])
def test_bad_wire_geometry(kw):
    with pytest.raises(InputError):
        Wire(TIN, line=CPW, **kw)


# ------------------------------------------------------------------------------------------- phase slips
INOX = make_film("a:InO", 2000, Tc=2.5, diffusion=0.5e-4)


@pytest.mark.parametrize("xi,Rxi,x,es", [("usadel", 465.3, 13.868, {1: 0.052, 0.5: 53.3, 0.3: 854}),
                                         ("gl", 387.3, 16.663, {1: 0.0046, 0.5: 19.0, 0.3: 533})])
def test_phase_slip_table_of_physics_3_2(xi, Rxi, x, es):
    # PHYSICS.md §3.2: a:InO-like wire w = 40 nm, ℓ = 400 nm
    xi_m = coherence_length(INOX, xi)
    assert 2000 * xi_m / 40e-9 == pytest.approx(Rxi, rel=1e-3)
    for b, ref in es.items():
        assert PhaseSlipModel(a=1.0, b=b, xi=xi).E_S_GHz(INOX, 40e-9, 400e-9) == pytest.approx(ref, rel=2e-2)


def test_default_band_is_the_corners_of_the_sourced_ranges():
    # one ξ convention (Usadel), D measured: the coherent band runs from a = 0.5, b = 1.2 to a = 2, b = 0.3 —
    # E_S = aΔ(ℓ/ξ)x e^{−bx} with x = 13.868 (PHYSICS.md §3.2 table) and Δ/h = 91.9 GHz, ℓ/ξ = 400/9.31
    est = estimate_phase_slip(Wire(INOX, 40e-9, 400e-9, IsolatedLine()))
    x, delta, n = 13.868, 91.88, 400 / 9.311
    lo, hi = est.E_S_band_GHz
    assert lo == pytest.approx(0.5 * delta * n * x * math.exp(-1.2 * x), rel=2e-3)
    assert hi == pytest.approx(2.0 * delta * n * x * math.exp(-0.3 * x), rel=2e-3)
    assert lo < est.E_S_GHz < hi and est.dominant_input == "b"


def test_calibrate_recovers_b_and_ab():
    truth = PhaseSlipModel(a=1.0, b=0.42, source="synthetic")
    wires = [Wire(INOX, w, 400e-9, IsolatedLine()) for w in (30e-9, 40e-9, 60e-9)]
    data = [(w, truth.E_S_GHz(INOX, w.width_m, w.length_m)) for w in wires]
    assert calibrate(data[:1]).b == pytest.approx(0.42, rel=1e-9)
    truth2 = PhaseSlipModel(a=2.5, b=0.61, xi="gl", source="synthetic")
    data2 = [(w, truth2.E_S_GHz(INOX, w.width_m, w.length_m)) for w in wires]
    m = calibrate(data2, fit="ab", xi="gl")
    assert m.a == pytest.approx(2.5, rel=1e-6) and m.b == pytest.approx(0.61, rel=1e-6)
    with pytest.raises(InputError):
        calibrate(data2[:1], fit="ab")


def test_verdicts():
    # "coherent superinductor" only when the phase-slip dephasing time reaches the T2 target (Manucharyan et al.,
    # PRB 85, 024521 (2012): offset-charge noise turns phase slips into dephasing)
    tin_wire = wire_for_inductance(make_film("TiN", 1500, Tc=2.0), 300e-9, 100e-9, CPW)
    est = estimate_phase_slip(tin_wire)
    for target in (0.1 * est.Tphi_phase_slip_s, 10 * est.Tphi_phase_slip_s):
        verdict = estimate_phase_slip(tin_wire, T2_target_s=target).verdict
        assert (verdict == "coherent superinductor") == (est.Tphi_phase_slip_s >= target)


# ------------------------------------------------------------------------------------------- JJ chain
LJ = 2e-9
CHAIN = JJChain(200, hbar / (2 * e) / LJ, 40e-15, 0.04e-15, 1e-6)


def test_chain_worked_example():
    # PHYSICS.md §2.4
    assert CHAIN.E_J_GHz == pytest.approx(81.731, rel=1e-4) and CHAIN.E_C_GHz == pytest.approx(0.4843, rel=1e-3)
    assert CHAIN.f_plasma_Hz == pytest.approx(17.794e9, rel=1e-4)
    assert CHAIN.Z_ohm == pytest.approx(7071.1, rel=1e-4) and CHAIN.v_m_per_s == pytest.approx(3.5355e6, rel=1e-4)
    modes = CHAIN.modes_both_grounded_Hz(20)
    assert modes[0] == pytest.approx(7.9160e9, rel=1e-4)
    assert modes[4] == pytest.approx(16.506e9, rel=1e-4) and modes[19] == pytest.approx(17.704e9, rel=1e-4)
    for N, ratio in [(10, 0.995), (30, 0.957), (99, 0.708), (300, 0.314), (1000, 0.099)]:
        chain = JJChain(N, CHAIN.I_c_A, 40e-15, 0.04e-15)
        assert chain.modes_both_grounded_Hz(1)[0] / CHAIN.f_plasma_Hz == pytest.approx(ratio, abs=1e-3)


def test_chain_modes_with_one_end_grounded_match_the_circuit_eigenproblem():
    # independent: nodes 1…N, node 0 grounded, node N free; C = C_0·1 + C_J·Λ, L⁻¹ = Λ/L_J, ω² = eig(C⁻¹L⁻¹)
    import scipy.linalg

    for N in (5, 40, 200):
        lap = 2 * np.eye(N) - np.eye(N, k=1) - np.eye(N, k=-1)
        lap[-1, -1] = 1.0
        C = 0.04e-15 * np.eye(N) + 40e-15 * lap
        w2 = scipy.linalg.eigh(lap / LJ, C, eigvals_only=True)
        chain = JJChain(N, CHAIN.I_c_A, 40e-15, 0.04e-15)
        assert chain.modes_Hz(5) == pytest.approx(np.sqrt(w2[:5]) / (2 * np.pi), rel=1e-9)
        assert chain.f_self_Hz == chain.modes_Hz(1)[0]


def test_chain_dispersion_matches_matrix_diagonalisation():
    # independent: eigenfrequencies of the chain's capacitance/inductance matrices, grounded ends
    import numpy as np
    from scipy.linalg import eigh
    N = 60
    ch = JJChain(N, CHAIN.I_c_A, 40e-15, 0.04e-15)
    n = N - 1  # islands
    Cm = np.diag(np.full(n, 2 * ch.C_J_F + ch.C_0_F)) - ch.C_J_F * (np.eye(n, k=1) + np.eye(n, k=-1))
    Km = (np.diag(np.full(n, 2.0)) - np.eye(n, k=1) - np.eye(n, k=-1)) / ch.L_J_H
    w2 = eigh(Km, Cm, eigvals_only=True)
    assert np.allclose(np.sqrt(w2) / (2 * math.pi), ch.modes_both_grounded_Hz(), rtol=1e-10)


def test_mlg_against_scqubits_transmon():
    # PHYSICS.md §2.4: exact ε0/(4ν) = 0.955 at E_J/E_C = 50, 0.927 at 20
    import scqubits as scq
    for ratio, ref in [(20, 0.927), (50, 0.955)]:
        t = scq.Transmon(EJ=ratio * 1.0, EC=1.0, ng=0.0, ncut=40, truncated_dim=4)
        e0 = t.eigenvals(2)[0]
        t.ng = 0.5
        eps0 = abs(t.eigenvals(2)[0] - e0)
        assert eps0 / (4 * mlg_phase_slip_GHz(ratio * 1.0, 1.0)) == pytest.approx(ref, abs=2e-3)


def test_chain_matches_the_worked_example_with_unit_strings():
    # Illustrative chain of the phase-slip notes (Masluk et al. 2012 dispersion): L_J = 2 nH → E_J/h = 81.731 GHz,
    # C_J = 40 fF, C_0 = 0.04 fF, a = 1 µm: f_p = 17.794 GHz, Z = 7071.1 Ω, v = 3.5355e6 m/s, Λ = 31.6, and for N = 200
    # the lowest mode with both ends grounded at 7.9160 GHz
    from superind.jjchain import chain_from_EJ

    ch = chain_from_EJ(200, "81.731 GHz", "40 fF", "0.04 fF", "1 um")
    assert ch.f_plasma_Hz == pytest.approx(17.794e9, rel=1e-4) and ch.Z_ohm == pytest.approx(7071.1, rel=1e-4)
    assert ch.v_m_per_s == pytest.approx(3.5355e6, rel=1e-4) and ch.screening_length == pytest.approx(31.6, rel=1e-3)
    assert ch.modes_both_grounded_Hz(1)[0] == pytest.approx(7.9160e9, rel=1e-4)


def test_bad_chain_input():
    for kw in [dict(N=0), dict(N=2.5), dict(C_0_F=0)]:
        args = dict(N=10, I_c_A=1e-7, C_J_F=1e-14, C_0_F=1e-17) | kw
        with pytest.raises(InputError):
            JJChain(**args)


# ------------------------------------------------------------------------------------------- sizing
def test_sizing_ranks_every_candidate_with_the_constraints_it_fails():
    cands = size_wire(TIN, 300e-9, [60e-9, 100e-9, 150e-9], CPW, Constraints(min_f_self_Hz=10e9))
    assert len(cands) == 3 and all(("min_f_self" in k.fails) == (k.wire.f_self_Hz < 10e9) for k in cands)
    assert [k.ok for k in cands] == sorted([k.ok for k in cands], reverse=True)  # passing wires first
    (k,) = size_wire(TIN, 300e-9, [100e-9], CPW, Constraints(max_footprint_m2=1e-12))
    assert k.fails == ("max_footprint",) and not k.ok
