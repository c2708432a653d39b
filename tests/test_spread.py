"""Device spread (Monte-Carlo around one drawn device): no spread reproduces the nominal device exactly; a seed
reproduces its devices; small spreads follow linear error propagation; f01 agrees with scqubits, the rescaled
self-resonance with the full meander model, the gap-inhomogeneity sampler with a brute-force one."""
import math
import tomllib
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from superind.constants import R_Q
from superind.design import evaluate, parse_design, resolve
from superind.design.schema import SpreadSpec
from superind.design.spread import QUANTITIES, monte_carlo
from superind.errors import InputError
from superind.phaseslip import PhaseSlipModel, coherence_length, resistance_per_coherence_length
from superind.wire import Wire

LAYOUTS = Path(__file__).resolve().parents[1] / "layouts"
Z95 = 1.6448536269514722  # Φ⁻¹(0.95): (p95 − p5)/2 = 1.645 σ for a Gaussian


def design(name: str, **spread) -> dict:
    data = tomllib.loads((LAYOUTS / f"{name}.toml").read_text())
    if spread:
        data["spread"] = spread
    return data


@pytest.fixture(scope="module")
def fluxonium():
    """The shipped TiN RF-SQUID (E_J, E_C, E_L = 8.9, 2.5, 0.5 GHz) with a 50-device zero spread."""
    return resolve(parse_design(design("tin_rfsquid", samples=50)))


@pytest.fixture(scope="module")
def film_wire():
    """The same TiN wire without a qubit (only the film part of the Monte-Carlo runs: fast enough for 20 000)."""
    data = design("tin_rfsquid")
    return resolve(parse_design({k: data[k] for k in ("name", "film", "superinductor")}))


def nominal_numbers(results) -> dict:
    """The headline numbers ``evaluate`` reports for the device (f01 at the operating flux; with the wire's modes
    in the qubit, the multimode model's)."""
    wire, qubit = results["superinductor"], results["qubit"]
    f_self = wire["f_self_Hz"] if math.isfinite(wire["f_self_Hz"]) else None
    return {"L_k_H": wire["L_k_H"], "E_L_GHz": wire["E_L_GHz"], "f01_GHz": qubit["f01_operating_GHz"],
            "f_self_Hz": f_self, "E_S_GHz": wire["E_S_GHz"]}


@pytest.mark.parametrize("name", ["tin_rfsquid", "inox_qps"])
def test_zero_spread_gives_the_nominal_device_at_every_percentile(name, fluxonium):
    device = fluxonium if name == "tin_rfsquid" else resolve(parse_design(design(name, samples=30)))
    results = evaluate(device, layout=False)
    out = results["spread"]  # the spec's [spread]: every σ zero
    assert out["samples"] == device.spec.spread.samples and out["seed"] == 0
    for key, value in nominal_numbers(results).items():
        if value is None:  # the QPS loop is an isolated strip: no ground, no self-resonance
            assert out[key] == {"p5": None, "p50": None, "p95": None}
            continue
        for p in ("p5", "p50", "p95"):
            assert out[key][p] == pytest.approx(value, rel=1e-12, abs=0), (key, p)


def test_the_seed_reproduces_the_devices_and_another_seed_does_not(fluxonium):
    spread = dict(samples=40, R_sq=0.05, Tc=0.02, width=0.03, thickness=0.03, E_J=0.03, delta_gap=0.05)
    first = monte_carlo(fluxonium, SpreadSpec(seed=7, **spread))
    again = monte_carlo(fluxonium, SpreadSpec(seed=7, **spread))
    other = monte_carlo(fluxonium, SpreadSpec(seed=8, **spread))
    for q in QUANTITIES:
        np.testing.assert_array_equal(first.samples[q], again.samples[q])
        assert not np.any(first.samples[q] == other.samples[q]), q
    assert first.to_dict() == again.to_dict() != other.to_dict()


@pytest.mark.parametrize("parameter", ["R_sq", "Tc"])
def test_small_spread_follows_linear_error_propagation(parameter, film_wire):
    """Mattis–Bardeen L_k,□ = ħR_sq/(πΔ0), Δ0 ∝ T_c (T/T_c = 0.01): σ_Lk/L_k = σ_R (= σ_Tc to first order);
    E_L ∝ 1/(L_k + L_geo) and f_self ∝ L^{-1/2} carry the kinetic share L_k/L of it, the latter halved.
    20 000 samples: the standard error of (p95 − p5)/2 is 0.65 % of it, of the median 1.8e-4 (relative)."""
    sigma, wire = 0.02, film_wire.wire
    result = monte_carlo(film_wire, SpreadSpec(samples=20_000, seed=3, **{parameter: sigma}))
    out = result.to_dict()
    kinetic_share = wire.L_k_H / wire.L_H
    expected = {"L_k_H": sigma, "E_L_GHz": sigma * kinetic_share, "f_self_Hz": sigma * kinetic_share / 2}
    for key, rel_sigma in expected.items():
        p = out[key]
        assert p["p50"] == pytest.approx(out["nominal"][key], rel=1e-3), key
        assert (p["p95"] - p["p5"]) / 2 / Z95 / p["p50"] == pytest.approx(rel_sigma, rel=0.03), key
    assert out["f01_GHz"]["p50"] is None  # no qubit in this design


def test_f01_at_half_flux_agrees_with_scqubits_fluxonium(fluxonium):
    import scqubits

    result = monte_carlo(fluxonium, SpreadSpec(samples=200, seed=1, R_sq=0.1, width=0.05, E_J=0.05))
    f01 = result.samples["f01_GHz"]
    for i in (int(np.argmin(f01)), int(np.argmax(f01))):  # the two extreme devices of the spread
        q = scqubits.Fluxonium(EJ=result.inputs["E_J_GHz"][i], EC=fluxonium.qubit.E_C_GHz,
                               EL=result.samples["E_L_GHz"][i], flux=0.5, cutoff=110)
        e = q.eigenvals(evals_count=2)
        assert f01[i] == pytest.approx(e[1] - e[0], abs=1e-6)


@pytest.mark.parametrize("spread, rtol", [
    # film only: f ∝ 1/√L exactly for a purely kinetic L; the geometric share of L (1e-4) bounds the error
    (dict(R_sq=0.1, Tc=0.05), 1e-4),
    # width: the meander model is solved at the extreme widths themselves (interpolated between)
    (dict(width=0.05), 1e-9),
    (dict(width=0.05, R_sq=0.1), 1e-4),
])
def test_rescaled_self_resonance_against_the_full_meander_model(spread, rtol, fluxonium):
    wire = fluxonium.wire
    result = monte_carlo(fluxonium, SpreadSpec(samples=100, seed=2, **spread))
    f_self, x = result.samples["f_self_Hz"], result.inputs
    extremes = {int(np.argmin(f_self)), int(np.argmax(f_self)), int(np.argmin(x["width_m"])),
                int(np.argmax(x["width_m"]))}
    middle = int(np.argsort(x["width_m"])[len(f_self) // 3])  # a width between the solved ones
    for i in sorted(extremes) + [middle]:
        film = replace(fluxonium.film, R_sq_ohm=float(x["R_sq_ohm"][i]), Tc_K=float(x["Tc_K"][i]),
                       gap_ratio=float(x["gap_ratio"][i]))
        full = Wire(film, float(x["width_m"][i]), wire.length_m, wire.line, wire.temperature_K, wire.rows,
                    wire.pitch_m)
        assert f_self[i] == pytest.approx(full.f_self_Hz, rel=rtol if i != middle else max(rtol, 1e-5)), i
    assert abs(f_self.min() / wire.f_self_Hz - 1) > 0.03  # a real change was tested


def test_gap_inhomogeneity_against_brute_force_segments(film_wire):
    """δΔ/Δ = 0.1: every one of the ℓ/ξ segments drawn explicitly (lognormal, mean Δ, sd δ·Δ) in the test. L_k
    grows by ⟨Δ/Δ_j⟩ = 1 + δ² (lognormal identity); E_S by the mean of (Δ_j/Δ)^{3/2} e^{−bx(√(Δ_j/Δ) − 1)}."""
    delta, n = 0.1, 400
    film, wire = film_wire.film, film_wire.wire
    result = monte_carlo(film_wire, SpreadSpec(samples=n, seed=5, delta_gap=delta))
    inv_gap = result.samples["L_k_H"] / wire.L_k_H
    slip = result.samples["E_S_GHz"] / result.nominal["E_S_GHz"]
    xi = coherence_length(film, "usadel")
    segments = round(wire.length_m / xi)
    c = PhaseSlipModel().b * R_Q / resistance_per_coherence_length(film, wire.width_m, xi)  # b R_Q/R_ξ
    s2 = math.log1p(delta**2)
    log_r = math.sqrt(s2) * np.random.default_rng(11).standard_normal((n, segments)) - s2 / 2
    brute_inv_gap = np.exp(-log_r).mean(axis=1)
    brute_slip = np.exp(1.5 * log_r - c * np.expm1(log_r / 2)).mean(axis=1)
    assert np.median(inv_gap) == pytest.approx(1 + delta**2, abs=4 * delta / math.sqrt(segments) / math.sqrt(n))
    for ours, brute in ((inv_gap, brute_inv_gap), (slip, brute_slip)):
        # standard error of a p5…p95 percentile ≲ 2.2 sd/√n for each of the two independent samples: allow 4 of it
        tol = 4 * 2.2 * np.std(brute) * math.sqrt(2 / n)
        for q in (5, 50, 95):
            assert np.percentile(ours, q) == pytest.approx(np.percentile(brute, q), abs=tol)
    assert np.median(slip) > 1.3  # weak segments slip more: a real effect was tested


def test_multimode_qubits_skip_f01_and_say_so():
    device = resolve(parse_design(design("nbn_zeropi")))
    out = monte_carlo(device, SpreadSpec(samples=20, R_sq=0.05)).to_dict()
    assert out["f01_GHz"] == {"p5": None, "p50": None, "p95": None}
    assert any("zeropi" in note and "f01" in note for note in out["notes"])
    assert out["L_k_H"]["p5"] < out["L_k_H"]["p95"]


def test_missing_spread_or_diffusion_is_one_line_input_error(film_wire):
    with pytest.raises(InputError, match=r"\[spread\]"):
        monte_carlo(film_wire)
    no_d = replace(film_wire, film=replace(film_wire.film, diffusion_m2_per_s=None))
    with pytest.raises(InputError, match="diffusion"):
        monte_carlo(no_d, SpreadSpec(delta_gap=0.1))


@pytest.mark.parametrize("name", ["tin_rfsquid", "gral_fluxonium", "tin_vs_jjchain"])
def test_vectorised_fluxonium_equals_the_one_path_at_the_shipped_points(name):
    """The spread's batched fluxonium (one basis, H linear in E_L and E_J, its cut-off converged at the spread's
    corners to SPREAD_TOL_GHZ) gives RFSquid.spectrum's f01 for the shipped design and for devices 20 % off in E_L
    and E_J, at Φ0/2, within that tolerance."""
    from superind.design.spread import SPREAD_TOL_GHZ, _fluxonium_f01
    from superind.qubits import RFSquid

    q = resolve(parse_design(design(name))).qubit
    E_L = np.array([q.E_L_GHz, 0.8 * q.E_L_GHz, 1.2 * q.E_L_GHz, q.E_L_GHz, 1.1 * q.E_L_GHz])
    E_J = np.array([q.E_J_GHz, 1.2 * q.E_J_GHz, 0.8 * q.E_J_GHz, 0.8 * q.E_J_GHz, 0.9 * q.E_J_GHz])
    batch, nominal = _fluxonium_f01(q, E_L, E_J, 0.5, 4, SPREAD_TOL_GHZ, [])
    one = [RFSquid(float(j), q.E_C_GHz, float(lv)).spectrum([0.5], 2).f01_GHz[0] for lv, j in zip(E_L, E_J)]
    assert batch == pytest.approx(one, abs=2 * SPREAD_TOL_GHZ)
    assert nominal == pytest.approx(q.spectrum([0.5], 2).f01_GHz[0], abs=2 * SPREAD_TOL_GHZ)
