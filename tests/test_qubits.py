"""Qubit physics checks against the worked numbers of docs/theory/qubits.md (from scqubits 4.3.1 and hand
computations of the cited formulas) and independent computations."""
import math

import numpy as np
import pytest

from superind.constants import GHz, Phi0, e, h, phi0_reduced
from superind.errors import InputError
from superind.film import make_film
from superind.junction import Junction, charging_energy_GHz
from superind.qubits import Cos2Phi, QPSQubit, RFSquid, ZeroPi, flux_grid
from superind.qubits.noise import tphi_first_order_s
from superind.threads import one_blas_thread
from superind.wire import CoplanarLine, wire_for_inductance

UEV = 1e-6 * e


def tin_film():
    # TiN-like 1.5 kΩ, T_c = 2 K → L_k,□ = ħR_□/πΔ = 1.03 nH/□ (Mattis–Bardeen); 100 nm CPW, 10 µm gaps → Z ≈ 14 kΩ
    return make_film("TiN", 1500.0, Tc=2.0)


def wire_for_EL(E_L_GHz):
    return wire_for_inductance(tin_film(), phi0_reduced**2 / (E_L_GHz * GHz), 100e-9, CoplanarLine(10e-6))


# ------------------------------------------------------------------------------- Ambegaokar–Baratoff
def test_ambegaokar_baratoff_matches_physics_example():
    # Ambegaokar & Baratoff, PRL 10, 486 (1963), by hand: Δ = 182.4 µeV, R_n = 10 kΩ → I_c = πΔ/2eR_n = 28.653 nA,
    # E_J/h = 14.232 GHz, L_J = 11.486 nH (docs/theory/junction.md)
    j = Junction.from_normal_resistance(10e3, 182.4 * UEV)
    assert j.I_c_A == pytest.approx(28.653e-9, rel=2e-4)
    assert j.E_J_GHz == pytest.approx(14.232, rel=2e-4)
    assert j.L_J_H == pytest.approx(11.486e-9, rel=2e-4)
    # the second form: E_J = (R_Q/2R_n)Δ with R_Q = h/4e²
    assert j.E_J_GHz == pytest.approx(h / (4 * e**2) / (2 * 10e3) * 182.4 * UEV / GHz, rel=1e-12)


def test_junction_unit_converters():
    # by hand from CODATA constants: E_C/h = e²/2Ch = 19.3702 GHz at 1 fF; E_J/h = I_c/4πe = 0.496684 GHz per nA
    assert charging_energy_GHz(1e-15) == pytest.approx(19.3702, rel=1e-5)
    assert Junction.from_critical_current(1e-9).E_J_GHz == pytest.approx(0.496684, rel=1e-5)


# ---------------------------------------------------------------------------------------- fluxonium
def test_fluxonium_from_energies_matches_physics_numbers():
    # docs/theory/qubits.md worked numbers (scqubits 4.3.1 Fluxonium): E_J = 8.9, E_C = 2.5, E_L = 0.5 GHz
    s = RFSquid(8.9, 2.5, 0.5).spectrum([0.0, 0.5], levels=4)
    assert s.f01_GHz[1] == pytest.approx(0.36342, abs=1e-5)
    assert s.transitions_GHz[0, 1:] == pytest.approx([8.75845, 8.97955, 11.00203], abs=1e-5)
    assert s.convergence_GHz <= 1e-5


def test_fluxonium_from_film_wire_and_junction():
    # Same qubit built from hardware: TiN wire of total L = (Φ0/2π)²/(0.5 GHz·h) = 326.9 nH, junction from I_c
    wire = wire_for_EL(0.5)
    assert wire.L_H == pytest.approx(326.9e-9, rel=1e-4)  # (Φ0/2π)²/(h·0.5 GHz)
    junction = Junction.from_critical_current(8.9 * GHz / phi0_reduced, e**2 / (2 * 2.5 * GHz))
    assert junction.I_c_A == pytest.approx(17.92e-9, rel=1e-3)  # 2π·E_J/Φ0
    assert junction.C_F == pytest.approx(7.748e-15, rel=1e-3)  # e²/(2h·2.5 GHz)
    q = RFSquid(junction.E_J_GHz, charging_energy_GHz(junction.C_F), wire.E_L_GHz, junction, wire)
    assert (q.E_J_GHz, q.E_C_GHz, q.E_L_GHz) == pytest.approx((8.9, 2.5, 0.5), rel=1e-9)
    s = q.spectrum([0.0, 0.5], levels=4)
    assert s.f01_GHz[1] == pytest.approx(0.36342, abs=1e-5)
    assert s.transitions_GHz[0, 1:] == pytest.approx([8.75845, 8.97955, 11.00203], abs=1e-5)
    assert q.Z_over_RQ == pytest.approx(math.sqrt(10) / math.pi, rel=1e-9)  # (1/π)√(2E_C/E_L) = (1/π)√10


def test_fast_fluxonium_equals_scqubits():
    import scqubits

    q = RFSquid(8.9, 2.5, 0.5)
    flux = np.array([0.0, 0.13, 0.5, 0.77])
    fast = q.basis(110).levels(8.9, flux, 5)
    for k, f in enumerate(flux):
        ref = scqubits.Fluxonium(EJ=8.9, EC=2.5, EL=0.5, flux=f, cutoff=110).eigenvals(evals_count=5)
        assert np.max(np.abs(fast[k] - ref)) < 1e-9


def test_fluxonium_matrix_elements_and_coherence():
    q = RFSquid(8.9, 2.5, 0.5)
    m = q.matrix_elements(0.5, levels=3)
    ref = q.scqubits(0.5).matrixelement_table("n_operator", evals_count=3)
    assert np.abs(m["n"]) == pytest.approx(np.abs(ref), abs=1e-8)
    c = q.coherence(0.5)
    assert c["noise_assumptions"]["Q_ind"] == 1e5
    # scqubits' t1_inductive scales as 1/Q_ind: 5.2 ms with its default 5e8 → ≈ 1.0 µs with a film's 1e5
    assert c["T1_channels_s"]["t1_inductive"] == pytest.approx(1.0e-6, rel=0.05)
    assert c["Tphi_channels_s"]["tphi_1_over_f_flux"] > 1.0  # sweet spot: first-order flux noise vanishes


def test_fluxonium_cutoff_that_cannot_converge_is_an_error():
    with pytest.raises(InputError, match="not converged"):
        RFSquid(8.9, 2.5, 0.5).spectrum([0.0], cutoff=12)


def test_rfsquid_warns_when_EL_exceeds_EJ():
    assert any("E_L" in w and "exceeds" in w for w in RFSquid(0.4, 2.5, 0.5).warnings)
    assert RFSquid(8.9, 2.5, 0.5).warnings == ()


@pytest.mark.parametrize("bad", [(0.0, 2.5, 0.5), (8.9, -2.5, 0.5), (8.9, 2.5, 0.0), (8.9, 2.5, float("nan"))])
def test_rfsquid_rejects_non_positive_energies(bad):
    with pytest.raises(InputError):
        RFSquid(*bad)


# ---------------------------------------------------------------------------------------------- QPS
@pytest.mark.parametrize("E_S, splitting", [(1.0, 0.99998), (5.0, 4.99812), (20.0, 19.88082)])
def test_qps_splitting_at_half_flux(E_S, splitting):
    # Mooij & Harmans, NJP 7, 219 (2005), worked in docs/theory/qubits.md: L = 50 nH → E_L^fluxoid = Φ0²/2L = 64.532 GHz
    q = QPSQubit.from_inductance(50e-9, E_S)
    assert q.E_L_fluxoid_GHz == pytest.approx(64.532, abs=1e-3)
    assert q.E_L_fluxoid_GHz == pytest.approx(2 * math.pi**2 * q.E_L_GHz, rel=1e-12)
    assert q.spectrum([0.5]).f01_GHz[0] == pytest.approx(splitting, abs=1e-5)


def test_qps_zero_flux_and_off_half_flux():
    # docs/theory/qubits.md: f01(f=0) = 64.54 / 64.69 / 67.00 GHz; E_S = 5 GHz at f = 0.51 → 5.1623 GHz
    f0 = [QPSQubit.from_inductance(50e-9, es).spectrum([0.0]).f01_GHz[0] for es in (1.0, 5.0, 20.0)]
    assert f0 == pytest.approx([64.54, 64.69, 67.00], abs=0.006)
    assert QPSQubit.from_inductance(50e-9, 5.0).spectrum([0.51]).f01_GHz[0] == pytest.approx(5.1623, abs=1e-4)


def test_qps_qobj_and_fast_path_agree():
    q = QPSQubit.from_inductance(50e-9, 5.0)
    s = q.spectrum(np.linspace(0, 1, 11))
    width = s.cutoff["fluxoid_half_width"]
    for f, lv in zip(s.flux, s.levels_GHz):
        assert q.qobj(f, width).eigenenergies()[:4] == pytest.approx(lv, abs=1e-9)


def test_qps_flux_dephasing_from_slope():
    q = QPSQubit.from_inductance(50e-9, 5.0)
    d = 1e-6
    numeric = (q.spectrum([0.51 + d]).f01_GHz[0] - q.spectrum([0.51 - d]).f01_GHz[0]) / (2 * d)
    assert q.dE01_dflux_GHz(0.51) == pytest.approx(numeric, rel=1e-6)
    # two-level estimate (Mooij & Harmans 2005): dE01/df = ε/E01 · 2E_L (ε = 1.2906 GHz, E01 = 5.1623 GHz)
    assert q.dE01_dflux_GHz(0.51) == pytest.approx(1.2906 / 5.1623 * 2 * 64.532, rel=2e-3)
    c = q.coherence(0.51)
    assert c["Tphi_flux_s"] == pytest.approx(tphi_first_order_s(numeric, 1e-6), rel=1e-5)
    assert c["noise_assumptions"]["A_flux_Phi0"] == 1e-6
    assert q.coherence(0.5)["Tphi_flux_s"] > 1e3  # sweet spot: first order vanishes (numerically ~0)


def test_qps_band_of_spectra_from_phase_slip_estimate():
    film = make_film("a:InO", 2000.0, Tc=2.5)
    wire = wire_for_inductance(film, 50e-9, 40e-9, CoplanarLine(10e-6))
    q = QPSQubit.from_wire(wire)
    lo, hi = q.E_S_band_GHz
    assert lo <= q.E_S_GHz <= hi
    assert q.E_L_fluxoid_GHz == pytest.approx(Phi0**2 / (2 * wire.L_H) / GHz, rel=1e-12)
    s = q.spectrum([0.5])
    assert set(s.levels_band_GHz) == {"low", "high"}
    f01 = lambda lv: lv[0, 1] - lv[0, 0]
    assert f01(s.levels_band_GHz["low"]) <= s.f01_GHz[0] <= f01(s.levels_band_GHz["high"])


def test_qps_bad_input():
    with pytest.raises(InputError):
        QPSQubit(-64.5, 5.0)
    with pytest.raises(InputError):
        QPSQubit(64.5, 0.0)
    with pytest.raises(InputError, match="not converged"):
        QPSQubit(64.5, 20.0).spectrum([0.5], levels=2, cutoff=1)
    with pytest.raises(InputError, match="window"):
        QPSQubit(64.5, 20.0).spectrum([0.5], levels=4, cutoff=1)
    assert any("E_S" in w for w in QPSQubit(10.0, 20.0).warnings)


# ---------------------------------------------------------------------------------------------- 0-π
def test_zeropi_scqubits_defaults_and_self_resonance_warning():
    # scqubits 4.3.1 ZeroPi defaults (docs/theory/qubits.md): E_J = 10, E_L = 0.04, E_CJ = 20, E_C = 0.04 GHz, n_g = 0.1
    q = ZeroPi(10.0, 0.04, 20.0, 0.04, n_g=0.1)
    assert q.E_CS_GHz == pytest.approx(0.03992, abs=1e-5)
    assert q.Z_phi_over_RQ == pytest.approx(5.03, abs=0.01)
    s = q.spectrum([0.23], levels=3, cutoff=(19.0, 200, 30))
    assert s.transitions_GHz[0, 1:] == pytest.approx([0.027224, 1.120477], abs=1e-6)
    # 4.09 µH film inductors on a 14 kΩ line self-resonate at Z/4L = 0.86 GHz (docs/theory/lines.md) → warning
    wire = wire_for_EL(0.04)
    assert wire.L_H == pytest.approx(4.087e-6, rel=1e-3)
    assert wire.Z_ohm == pytest.approx(14e3, rel=0.01)
    from superind.qubits.base import max_transition_GHz

    filmy = ZeroPi(10.0, wire.E_L_GHz, 20.0, 0.04, n_g=0.1, wire=wire)
    v = wire.self_resonance_verdict(max_transition_GHz(filmy), filmy.readout_band_GHz)
    assert v.code == "superinductor.self_resonance" and v.severity == "critical"  # 0.86 GHz: below the transitions
    assert not any("self-resonance" in w for w in q.warnings)


def test_zeropi_from_circuit_conventions():
    wire = wire_for_EL(0.04)
    junction = Junction.from_energies(10.0, 20.0)  # E_CJ = e²/2C_J
    q = ZeroPi(junction.E_J_GHz, wire.E_L_GHz, junction.E_C_GHz, charging_energy_GHz(e**2 / (2 * 0.04 * GHz)),
               junction=junction, wire=wire)
    assert (q.E_J_GHz, q.E_CJ_GHz, q.E_C_GHz, q.E_L_GHz) == pytest.approx((10.0, 20.0, 0.04, 0.04), rel=1e-6)
    # Gyenis et al., PRX Quantum 2, 010339 (2021) write 4E_C n²: their E_C^φ, E_C^θ are half of scqubits' E_CJ, E_CΣ
    assert (q.E_C_phi_GHz, q.E_C_theta_GHz) == pytest.approx((10.0, q.E_CS_GHz / 2))
    assert junction.C_F == pytest.approx(0.969e-15, rel=1e-3)  # e²/(2h·20 GHz)
    with pytest.raises(InputError):
        ZeroPi(10.0, 0.04, 20.0, -0.04)


# --------------------------------------------------------------------------------------------- cos2φ
def test_cos2phi_wrapper_equals_scqubits_and_checks_cutoff():
    import scqubits

    q = Cos2Phi(15.0, 2.0, 1.0, 0.04, dL=0.6)  # scqubits 4.3.1 Cos2PhiQubit defaults
    cut = (5, 16, 8)  # its transitions move by 0.14 GHz at Φ = Φ0/4 (a check point) when a cut-off grows
    s = q.spectrum([0.5], levels=3, cutoff=cut, tol_GHz=0.3)
    with one_blas_thread():  # scqubits does not pin BLAS: threads only contend on this matrix
        ref = scqubits.Cos2PhiQubit(EJ=15.0, ECJ=2.0, EL=1.0, EC=0.04, dL=0.6, dCJ=0.0, dEJ=0.0, flux=0.5, ng=0.0,
                                    ncut=5, zeta_cut=16, phi_cut=8).eigenvals(evals_count=3)
    assert s.levels_GHz[0] == pytest.approx(np.sort(ref), abs=1e-8)
    with pytest.raises(InputError, match="not converged"):
        q.spectrum([0.5], cutoff=(3, 6, 4))
    assert any("exceeds" in w for w in Cos2Phi(1.0, 2.0, 1.5, 0.04).warnings)


@pytest.mark.parametrize("n_g,flux", [(0.0, [0.0, 0.3, 0.7, 1.5]), (0.15, [0.3, 0.7])])
def test_cos2phi_mirrored_and_symmetric_flux_points_equal_scqubits(n_g, flux):
    # Our spectrum solves each point of a period once (E(f) = E(−f) = E(f + 1)) and, at n_g = 0, splits H at
    # Φ = 0 and ½ by parity; scqubits solves every point in full. All disorders on, so no term is left out.
    import scqubits

    q = Cos2Phi(15.0, 2.0, 1.0, 0.04, dE_J=0.05, dC_J=0.1, dL=0.3, n_g=n_g)
    ours = q.spectrum(flux, 4, cutoff=(4, 10, 7), tol_GHz=10.0).levels_GHz
    peer = scqubits.Cos2PhiQubit(EJ=15.0, ECJ=2.0, EL=1.0, EC=0.04, dL=0.3, dCJ=0.1, dEJ=0.05, flux=0.0, ng=n_g,
                                 ncut=4, zeta_cut=10, phi_cut=7)
    with one_blas_thread():  # scqubits does not pin BLAS: threads only contend on these small matrices
        for f, levels in zip(flux, ours):
            peer.flux = f
            assert levels == pytest.approx(np.sort(peer.eigenvals(evals_count=4)), abs=1e-9), f


# ------------------------------------------------------------------------------------------- flux grids
def test_flux_range_parsing_and_zero_points():
    from superind.design.schema import FluxSpec

    flux = FluxSpec.model_validate("0:1:5")
    assert flux_grid(flux.start, flux.stop, flux.points) == pytest.approx([0, 0.25, 0.5, 0.75, 1])
    assert FluxSpec.model_validate("0.23").points == 1
    for bad in ("0:1:0", "0:1", "a:b:c"):
        with pytest.raises(Exception):  # pydantic's ValidationError (a design file turns it into one line)
            FluxSpec.model_validate(bad)
    with pytest.raises(InputError):
        flux_grid(0, 1, 0)
    with pytest.raises(InputError):
        RFSquid(8.9, 2.5, 0.5).spectrum([])
    with pytest.raises(InputError):
        RFSquid(8.9, 2.5, 0.5).spectrum([0.5], levels=1)
