"""Property tests (hypothesis) of the physics layers: monotonicity the physics guarantees, the flux symmetry of
every qubit spectrum, and no NaN for any valid input. (L_k rising with R_sq and T is in test_film.py.)"""
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import superind as si
from superind.wire import wire_for_inductance
from superind.wire import CoplanarLine, Wire

TIN = si.make_film("TiN", R_sq="1.5 kOhm", Tc="2 K")
CPW = CoplanarLine(10e-6)
FAST = settings(max_examples=25, deadline=None)

lengths = st.floats(min_value=2e-6, max_value=1e-3)
widths = st.floats(min_value=30e-9, max_value=2e-6)


@FAST
@given(lengths, st.floats(min_value=1.01, max_value=10), widths)
def test_inductive_energy_falls_and_the_straight_self_resonance_falls_with_length(length, factor, width):
    short, long = Wire(TIN, width, length, CPW), Wire(TIN, width, length * factor, CPW)
    assert long.E_L_GHz < short.E_L_GHz and long.E_L_fluxoid_GHz < short.E_L_fluxoid_GHz
    assert long.f_self_Hz < short.f_self_Hz


@FAST
@given(st.integers(min_value=2, max_value=40), st.floats(min_value=1.05, max_value=3))
def test_the_meander_self_resonance_falls_with_length(rows, factor):
    base = Wire(TIN, 100e-9, rows * 5e-6, CPW, rows=rows, pitch_m=300e-9)
    longer = Wire(TIN, 100e-9, rows * 5e-6 * factor, CPW, rows=rows, pitch_m=300e-9)
    assert longer.f_self_Hz < base.f_self_Hz
    assert np.all(np.isfinite(base.modes_Hz)) and np.all(np.diff(base.modes_Hz) > 0)


def _qubits():
    return st.sampled_from(["rfsquid", "qps"])


@FAST
@given(_qubits(), st.floats(min_value=0.0, max_value=1.0), st.floats(min_value=0.3, max_value=20),
       st.floats(min_value=0.2, max_value=5), st.floats(min_value=0.05, max_value=2))
def test_levels_are_invariant_under_flux_to_one_minus_flux(kind, flux, E_J, E_C, E_L):
    q = si.RFSquid(E_J, E_C, E_L) if kind == "rfsquid" else si.QPSQubit(2 * math.pi**2 * E_L, E_C)
    a = q.spectrum([flux], 3).levels_GHz[0]
    b = q.spectrum([1.0 - flux], 3).levels_GHz[0]
    assert np.all(np.isfinite(a)) and np.allclose(a, b, atol=1e-6)


@settings(max_examples=15, deadline=None)
@given(st.floats(min_value=200, max_value=4000), st.floats(min_value=0.5, max_value=10),
       st.floats(min_value=0, max_value=0.9), widths, st.floats(min_value=20e-9, max_value=2e-6),
       st.sampled_from(["cpw", "microstrip", "isolated"]))
def test_no_nan_for_any_valid_wire(R, Tc, t, width, target, line):
    film = si.make_film("TiN", R_sq=R, Tc=Tc)
    medium = {"cpw": CoplanarLine(10e-6), "microstrip": si.MicrostripLine(1e-6, 11.7),
              "isolated": si.IsolatedLine()}[line]
    wire = wire_for_inductance(film, 1e-7 + target * 1e-2, width, medium, t * Tc)
    values = [wire.L_H, wire.L_k_H, wire.E_L_GHz, wire.squares, film.sheet_kinetic_inductance(t * Tc)]
    if medium.grounded:
        values += [wire.Z_ohm, wire.f_self_Hz, wire.C_stray_F]
    assert all(math.isfinite(v) and v > 0 for v in values)


@pytest.mark.parametrize("design", ["tin_rfsquid", "inox_qps"])
def test_no_nan_in_a_design_point_over_a_range_of_widths(design):
    from superind.design import load_design, spec_with
    from superind.design.sweep import scalar_results

    spec = spec_with(load_design(Path(__file__).resolve().parents[1] / "layouts" / f"{design}.toml"),
                     {"qubit.flux.points": 5})
    for w in (80e-9, 130e-9):
        values = scalar_results(spec_with(spec, {"superinductor.width": w}))
        bad = {k for k, (v, _) in values.items() if not (math.isfinite(v) or math.isinf(v))}
        undefined = {"Z_ohm", "Z_over_RQ", "f_self_Hz"} if design == "inox_qps" else set()  # no ground: undefined
        assert bad == undefined, bad
