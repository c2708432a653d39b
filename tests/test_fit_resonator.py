"""Resonator S-parameter fits (Probst et al., Rev. Sci. Instrum. 86, 024706 (2015)) and the geometry → L_k,□
inversion. Synthetic data are built here from the paper's formulas, written out independently of the fit code."""
import math

import numpy as np
import pytest

from superind.constants import c as c_light
from superind.errors import InputError
from superind.fit.geometry import load_geometry
from superind.fit.resonator import fit_resonator, fit_touchstone, plot_resonator

TRUTH = dict(f0=5.0e9, Ql=2.0e4, Qc_abs=3.0e4, phi=0.15, a=0.3, alpha=1.0, tau=50e-9)


def probst(f, f0, Ql, Qc_abs, phi, a, alpha, tau, kind="notch"):
    """Probst et al. 2015 eq. (1) (notch) and its reflection (2Q_l/|Q_c|) and transmission forms."""
    g = 1 / (1 + 2j * Ql * (f / f0 - 1))
    core = {"notch": 1 - Ql / Qc_abs * np.exp(1j * phi) * g,
            "reflection": 1 - 2 * Ql / Qc_abs * np.exp(1j * phi) * g,
            "transmission": Ql / Qc_abs * g}[kind]
    return a * np.exp(1j * alpha) * np.exp(-2j * np.pi * f * tau) * core


def derived(t):
    """Q_c = |Q_c|/cos φ = 1/Re(1/Q̂_c), 1/Q_i = 1/Q_l − 1/Q_c (Probst et al. eqs. 2–3)."""
    qc = t["Qc_abs"] / math.cos(t["phi"])
    return {"f0_Hz": t["f0"], "Q_loaded": t["Ql"], "Q_coupling": qc, "Q_internal": 1 / (1 / t["Ql"] - 1 / qc),
            "phi_rad": t["phi"], "delay_s": t["tau"]}


def test_diameter_correction_recovers_Q_internal_where_the_naive_formula_is_biased():
    t = dict(TRUTH, phi=0.4)
    f = np.linspace(t["f0"] - 2e6, t["f0"] + 2e6, 401)
    fit = fit_resonator(f, probst(f, **t))
    truth = derived(t)
    for k, v in truth.items():
        assert getattr(fit, k) == pytest.approx(v, rel=1e-6, abs=1e-12), k
    naive = 1 / (1 / t["Ql"] - 1 / t["Qc_abs"])  # Q_c taken as |Q_c|: Probst et al. Sec. II
    assert abs(naive / truth["Q_internal"] - 1) > 0.05


@pytest.mark.parametrize("kind", ["reflection", "transmission"])
def test_reflection_and_transmission_models_recover_their_parameters(kind):
    t = dict(TRUTH, Ql=1.0e4, Qc_abs=1.5e4, phi=0.0 if kind == "transmission" else -0.1,
             a=1.0 if kind == "transmission" else 0.5)
    f = np.linspace(t["f0"] - 2e6, t["f0"] + 2e6, 301)
    rng = np.random.default_rng(3)
    fit = fit_resonator(f, probst(f, **t, kind=kind) + 1e-3 * (rng.standard_normal(f.size)
                                                              + 1j * rng.standard_normal(f.size)), kind,
                        port="11" if kind == "reflection" else "21")
    for k, v in derived(t).items():
        if k == "phi_rad" and kind == "transmission":
            continue
        assert abs(getattr(fit, k) - v) < 4 * fit.std[k] + 1e-12, k


def test_loaded_Q_agrees_with_scikit_rf_qfactor():
    import skrf
    from skrf.qfactor import Qfactor

    t = dict(TRUTH, phi=0.0, tau=0.0, alpha=0.0, a=1.0)
    f = np.linspace(t["f0"] - 1.5e6, t["f0"] + 1.5e6, 301)
    rng = np.random.default_rng(5)
    s = probst(f, **t) + 2e-3 * (rng.standard_normal(f.size) + 1j * rng.standard_normal(f.size))
    fit = fit_resonator(f, s)
    net = skrf.Network(frequency=skrf.Frequency.from_f(f, unit="Hz"), s=s.reshape(-1, 1, 1))
    q = Qfactor(net, res_type="absorption")
    q.fit()
    assert q.Q_L == pytest.approx(fit.Q_loaded, abs=4 * fit.std["Q_loaded"])
    assert float(q.f_L) == pytest.approx(fit.f0_Hz, abs=4 * fit.std["f0_Hz"])


def test_touchstone_in_any_frequency_unit_and_port(tmp_path):
    import skrf

    f = np.linspace(TRUTH["f0"] - 1.5e6, TRUTH["f0"] + 1.5e6, 201)
    s21 = probst(f, **TRUTH)
    S = np.zeros((f.size, 2, 2), complex)
    S[:, 1, 0] = S[:, 0, 1] = s21
    S[:, 0, 0] = S[:, 1, 1] = 0.2
    skrf.Network(frequency=skrf.Frequency.from_f(f / 1e6, unit="MHz"), s=S).write_touchstone(str(tmp_path / "r"))
    assert "# MHz" in (tmp_path / "r.s2p").read_text()
    fit, data = fit_touchstone(tmp_path / "r.s2p", "21")
    assert fit.f0_Hz == pytest.approx(TRUTH["f0"], rel=1e-10)
    s11 = probst(f, **dict(TRUTH, Ql=1e4, Qc_abs=1.5e4), kind="reflection")
    skrf.Network(frequency=skrf.Frequency.from_f(f / 1e9, unit="GHz"), s=s11.reshape(-1, 1, 1)).write_touchstone(
        str(tmp_path / "q"))
    fit, _ = fit_touchstone(tmp_path / "q.s1p", "11", "reflection")
    assert fit.Q_loaded == pytest.approx(1e4, rel=1e-6)
    with pytest.raises(InputError, match="has 1"):
        fit_touchstone(tmp_path / "q.s1p", "21")
    fig = plot_resonator(*fit_touchstone(tmp_path / "r.s2p", "21"))
    assert len(fig.axes) == 2


# ------------------------------------------------------------------------------------------ geometry → L_k,□

CPW = {"resonator": {"kind": "cpw_quarter_wave", "length": "4 mm", "width": "10 um", "gap": "6 um",
                     "substrate": "Si"}}


@pytest.mark.parametrize("table", [
    CPW["resonator"], dict(CPW["resonator"], kind="cpw_half_wave", width="2 um", gap="20 um"),
    {"kind": "lumped", "squares": 2500, "capacitance": "300 fF", "geometric_inductance": "1.2 nH"}])
def test_kinetic_inductance_inversion_round_trips(table):
    geo = load_geometry({"resonator": table})
    for Lk in (5e-12, 1e-10, 2.4e-9):
        out = geo.kinetic_inductance(geo.f0_Hz(Lk))
        assert out["L_k_sq_H"] == pytest.approx(Lk, rel=1e-6)


def test_bare_quarter_wave_cpw_resonates_at_c_over_4l_sqrt_eps_eff():
    # no kinetic inductance: f0 = c/(4ℓ√ε_eff), ε_eff = (ε_r + 1)/2 (thick substrate; Göppl et al. 2008)
    geo = load_geometry(CPW)
    assert geo.f0_Hz(0.0) == pytest.approx(c_light / (4 * 4e-3 * math.sqrt((11.7 + 1) / 2)), rel=1e-9)


def test_cpw_line_constants_match_scikit_rf_and_the_wire_model():
    import skrf
    from skrf.media import CPW as SkrfCPW
    from superind.lines import CoplanarLine

    geo = load_geometry(CPW)
    L, C = geo.line_per_length()
    cpw = SkrfCPW(skrf.Frequency(5, 5, 1, "GHz"), w=10e-6, s=6e-6, h=5e-3, ep_r=11.7, rho=None,
                  diel="frequencyinvariant")
    assert math.sqrt(L / C) == pytest.approx(cpw.z0[0].real, rel=1e-4)
    assert L * C * c_light**2 == pytest.approx(np.real(cpw.ep_reff), rel=1e-4)  # ε_eff = c² L'C'
    narrow = load_geometry({"resonator": dict(CPW["resonator"], width="2 um")})
    assert narrow.line_per_length() == pytest.approx(CoplanarLine(6e-6, 11.7).per_length(2e-6), rel=1e-12)


def test_uncertainty_of_L_k_follows_from_f0():
    geo = load_geometry(CPW)
    f0, df = 4.0e9, 2e3
    out = geo.kinetic_inductance(f0, df)
    slope = (geo.kinetic_inductance(f0 + 1e3)["L_k_sq_H"] - geo.kinetic_inductance(f0 - 1e3)["L_k_sq_H"]) / 2e3
    assert out["L_k_sq_H_std_fit"] == pytest.approx(abs(slope) * df, rel=1e-5)
    a = lambda f: geo.kinetic_inductance(f)["kinetic_fraction"]
    assert out["kinetic_fraction_std_fit"] == pytest.approx(abs(a(f0 + 1e3) - a(f0 - 1e3)) / 2e3 * df, rel=1e-5)


def test_geometry_tolerances_enter_the_uncertainty_of_L_k():
    # lumped, no geometric inductance: L_k,□ = 1/((2πf0)² C N_□), so σ_rel² = σ_C² + σ_N² (hand propagation)
    geo = load_geometry({"resonator": {"kind": "lumped", "squares": 2500, "capacitance": "300 fF",
                                       "tolerance": {"capacitance": "4 %", "squares": 0.03}}})
    out = geo.kinetic_inductance(geo.f0_Hz(40e-12))
    assert out["L_k_sq_H_std_geometry"] == pytest.approx(40e-12 * math.hypot(0.04, 0.03), rel=1e-6)
    assert out["geometry_tolerances_source"] == "the geometry file"
    default = load_geometry(CPW).kinetic_inductance(4e9, 2e3)
    assert default["geometry_tolerances"]["width"] == 0.05 and default["L_k_sq_H_std"] > default["L_k_sq_H_std_fit"]
    with pytest.raises(InputError, match="fraction below 1"):
        load_geometry({"resonator": dict(CPW["resonator"], tolerance={"width": "150 %"})})


def test_geometry_errors_name_the_field():
    with pytest.raises(InputError, match="did you mean 'length'"):
        load_geometry({"resonator": dict(CPW["resonator"], lenght="4 mm")})
    with pytest.raises(InputError, match="missing field 'resonator.gap'"):
        load_geometry({"resonator": {k: v for k, v in CPW["resonator"].items() if k != "gap"}})
    with pytest.raises(InputError, match="geometric-only resonance"):
        load_geometry(CPW).kinetic_inductance(1e10)
