"""Our noise channels against scqubits 4.3.1's, channel by channel, on the same qubit and flux."""
import math

import numpy as np
import pytest

from superind.qubits import RFSquid, ZeroPi
from superind.qubits.noise import q_cap, t1_capacitive_s

T_K, Q_IND, X_QP, A_FLUX = 0.02, 1e5, 3e-6, 1e-6


def ns_to_s(value):
    return value * 1e-9  # scqubits' times are in ns with its default GHz units


@pytest.mark.parametrize("flux", [0.5, 0.31])
def test_fluxonium_channels_equal_scqubits(flux):
    q = RFSquid(8.9, 2.5, 0.5)
    ours = q.coherence(flux, Q_ind=Q_IND, T_K=T_K, A_flux=A_FLUX, x_qp=X_QP)
    ref = q.scqubits(flux, 160)
    esys = ref.eigensys(evals_count=4)
    Delta = q.quasiparticle_gap_eV
    t1 = {"t1_capacitive": ref.t1_capacitive(T=T_K, esys=esys),
          "t1_inductive": ref.t1_inductive(T=T_K, Q_ind=Q_IND, esys=esys),
          "t1_quasiparticle_tunneling": ref.t1_quasiparticle_tunneling(T=T_K, Delta=Delta, x_qp=X_QP, esys=esys)}
    for name, value in t1.items():
        if ns_to_s(value) > 1e3:  # forbidden by parity at the sweet spot (sin(φ/2 + π/2)): rounding on both sides
            assert ours["T1_channels_s"][name] > 1e3, name
        else:
            assert ours["T1_channels_s"][name] == pytest.approx(ns_to_s(value), rel=1e-6), name
    flux_ref = ns_to_s(ref.tphi_1_over_f_flux(A_noise=A_FLUX, esys=esys))
    cc_ref = ns_to_s(ref.tphi_1_over_f_cc(esys=esys))
    if flux == 0.5:  # sweet spot: first order vanishes up to rounding on both sides
        assert min(ours["Tphi_channels_s"]["tphi_1_over_f_flux"], flux_ref) > 1e3
    else:
        assert ours["Tphi_channels_s"]["tphi_1_over_f_flux"] == pytest.approx(flux_ref, rel=1e-5)  # 10 kHz states
    # relative critical-current noise: our rate is scqubits' times E_J/h in GHz (scqubits leaves E_J out)
    assert ours["Tphi_channels_s"]["tphi_1_over_f_cc"] * q.E_J_GHz == pytest.approx(cc_ref, rel=1e-5)


@pytest.mark.parametrize("dE_J", [0.0, 0.05])
def test_zeropi_channels_equal_scqubits(dE_J):
    q = ZeroPi(E_J_GHz=10.0, E_L_GHz=0.04, E_CJ_GHz=20.0, E_C_GHz=0.04, dE_J=dE_J)
    flux = 0.23
    cut, _ = q.converged_cutoff(2)
    ours = q.coherence(flux, Q_ind=Q_IND, T_K=T_K, A_flux=A_FLUX)
    ref = q.scqubits(flux, cut)
    esys = ref.eigensys(evals_count=2)
    assert ours["T1_channels_s"]["t1_inductive"] == pytest.approx(
        ns_to_s(ref.t1_inductive(T=T_K, Q_ind=Q_IND, esys=esys)), rel=1e-5)
    assert ours["T1_channels_s"]["t1_flux_bias_line"] == pytest.approx(
        ns_to_s(ref.t1_flux_bias_line(T=T_K, esys=esys)), rel=1e-5)
    assert ours["Tphi_channels_s"]["tphi_1_over_f_flux"] == pytest.approx(
        ns_to_s(ref.tphi_1_over_f_flux(A_noise=A_FLUX, esys=esys)), rel=1e-5)
    if dE_J == 0:  # scqubits' ∂H/∂E_J has no dE_J term, and no factor E_J
        assert ours["Tphi_channels_s"]["tphi_1_over_f_cc"] * q.E_J_GHz == pytest.approx(
            ns_to_s(ref.tphi_1_over_f_cc(esys=esys)), rel=1e-5)


def test_capacitive_limit_by_hand():
    # Γ = |n01|²·2π·16E_C/Q·coth(hf/2kT): at T → 0 and |n01| = 1, T1 = Q/(2π·16E_C)
    E_C = 1.0
    assert t1_capacitive_s(1.0, 5e9, E_C, 1e-4, Q_cap=1e6) == pytest.approx(1e6 / (2 * math.pi * 16e9), rel=1e-12)
    assert q_cap(6e9) == 1e6 and q_cap(0.6e9) == pytest.approx(1e6 * 10**0.7)


@pytest.mark.parametrize("n_g", [0.0, 0.15])  # real θ basis (time reversal) and the complex charge basis
def test_cos2phi_channels_equal_scqubits_on_the_same_states(n_g):
    # our operators in our basis against scqubits' Cos2PhiQubit operators in its basis, on our eigenstates mapped
    # into it: every channel, with all three disorders on so each term of n_1,2, φ_1,2 and the derivatives counts.
    # scqubits 4.3.1's Cos2PhiQubit T1 channels do not pass T on to its golden rule (always 15 mK): compare there,
    # and check our temperature dependence against coth(hf/2k_BT) at 20 mK
    from superind.constants import h, k_B
    from superind.qubits import Cos2Phi

    q = Cos2Phi(15.0, 2.0, 1.0, 0.04, dE_J=0.05, dC_J=0.05, dL=0.3, n_g=n_g)
    flux, T_scq = 0.45, 0.015
    ours = q.coherence(flux, Q_ind=Q_IND, T_K=T_scq, A_flux=A_FLUX)
    cut, _ = q.converged_cutoff(2)
    w, v = q._solve([flux], 2, cut, vectors=True)
    esys = (w[0], q.basis(cut).to_charge_basis(v))
    ref = q.scqubits(flux, cut)
    t1 = {"t1_capacitive": ref.t1_capacitive(T=T_scq, esys=esys),
          "t1_inductive": ref.t1_inductive(T=T_scq, Q_ind=Q_IND, esys=esys)}
    for name, value in t1.items():
        assert ours["T1_channels_s"][name] == pytest.approx(ns_to_s(value), rel=1e-9), name
    tphi = {"tphi_1_over_f_flux": ref.tphi_1_over_f_flux(A_noise=A_FLUX, esys=esys),
            "tphi_1_over_f_cc": ref.tphi_1_over_f_cc(esys=esys) / q.E_J_GHz}  # relative A_cc: our factor E_J
    for name, value in tphi.items():
        assert ours["Tphi_channels_s"][name] == pytest.approx(ns_to_s(value), rel=1e-9), name
    # charge noise: scqubits' ∂H/∂n_g fails on sparse matrices for n_g ≠ 0, so Hellmann–Feynman instead:
    # ⟨1|∂H/∂n_g|1⟩ − ⟨0|∂H/∂n_g|0⟩ = ∂f01/∂n_g, by central differences of our own levels (zero at n_g = 0)
    from superind.qubits.noise import tphi_first_order_s

    step = 1e-4
    f01 = [np.diff(Cos2Phi(15.0, 2.0, 1.0, 0.04, dE_J=0.05, dC_J=0.05, dL=0.3, n_g=n_g + d)._solve(
        [flux], 2, cut)[0])[0] for d in (-step, step)]
    slope = (f01[1] - f01[0]) / (2 * step)
    expected = tphi_first_order_s(slope, 1e-4)
    if n_g == 0:  # time reversal: f01 is even in n_g
        assert ours["Tphi_channels_s"]["tphi_1_over_f_ng"] > 1e3 and expected > 1e3
    else:
        assert ours["Tphi_channels_s"]["tphi_1_over_f_ng"] == pytest.approx(expected, rel=1e-5)
    warm = q.coherence(flux, Q_ind=Q_IND, T_K=T_K, A_flux=A_FLUX)
    coth = lambda T: 1 / np.tanh(h * (w[0][1] - w[0][0]) * 1e9 / (2 * k_B * T))
    for name in t1:
        assert ours["T1_channels_s"][name] / warm["T1_channels_s"][name] == pytest.approx(coth(T_K) / coth(T_scq),
                                                                                          rel=1e-12)
