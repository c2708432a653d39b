"""Line media (superind.lines) against scikit-rf's CPW and MLine, closed-form limits and the media interface."""
import dataclasses
import math

import numpy as np
import pytest
import skrf
from scipy.constants import c, epsilon_0, mu_0

import superind.wire
from superind import InputError
from superind.lines import (SUBSTRATES, CoplanarLine, IsolatedLine, LineMedium, MicrostripLine, grover_inductance,
                            hammerstad_jensen)

ONE_GHZ = skrf.Frequency(1, 1, 1, unit="GHz")


def skrf_mline(width_m, height_m, epsilon_r):
    """Quasi-static, lossless, zero-thickness scikit-rf microstrip (Hammerstad–Jensen; media compute in __init__)."""
    return skrf.media.MLine(frequency=ONE_GHZ, w=width_m, h=height_m, t=None, ep_r=epsilon_r, rho=None, tand=0,
                            rough=0, model="hammerstadjensen", disp="none", diel="frequencyinvariant")


@pytest.mark.parametrize("width_m", np.geomspace(50e-9, 10e-6, 9))
def test_microstrip_capacitance_matches_skrf_mline_on_silicon(width_m):
    # C' = √ε_eff/(c Z0) of scikit-rf MLine, Si (ε_r = 11.7) at h = 1 µm, w = 50 nm … 10 µm: within 1 %
    ml = skrf_mline(width_m, 1e-6, 11.7)
    C_ref = math.sqrt(ml.ep_reff.real) / (c * ml.zl_eff.real)
    assert MicrostripLine(1e-6, 11.7).per_length(width_m)[1] == pytest.approx(C_ref, rel=1e-2)


@pytest.mark.parametrize("width_m", [50e-9, 1e-6, 10e-6])
def test_microstrip_inductance_is_air_impedance_over_c(width_m):
    # L'_g = Z0_air/c: scikit-rf MLine with ε_r → 1 (ε_r = 1 exactly divides by zero in its loss model)
    ml = skrf_mline(width_m, 1e-6, 1 + 1e-9)
    assert MicrostripLine(1e-6, 11.7).per_length(width_m)[0] == pytest.approx(ml.zl_eff.real / c, rel=1e-6)


def test_narrow_microstrip_tends_to_the_image_method():
    # w ≪ h: a strip is a wire of radius w/4 at height h over its image → L'_g = (μ0/2π) ln(8h/w), C'_air = μ0ε0/L'_g
    L, C = MicrostripLine(1e-3, 1.0).per_length(1e-7)
    assert L == pytest.approx(mu_0 / (2 * math.pi) * math.log(8e4), rel=1e-6)
    assert L * C == pytest.approx(mu_0 * epsilon_0, rel=1e-9)  # vacuum: v = c
    # the substrate fills at most the lower half-space: 1 < ε_eff < ε_r, and (ε_r+1)/2 < ε_eff (field below the strip)
    assert all((11.7 + 1) / 2 < hammerstad_jensen(u, 11.7)[1] < 11.7 for u in (1e-3, 0.1, 1, 10, 100))


def test_cpw_matches_skrf_cpw_and_conformal_small_k_limit():
    # scikit-rf CPW (Ghione & Naldi) ε_eff and Z0 → C' = √ε_eff/(c Z0); small-k limit L'_g = (μ0/2π) ln(4(w+2s)/w)
    w, s = 100e-9, 10e-6
    cpw = skrf.media.CPW(frequency=ONE_GHZ, w=w, s=s, ep_r=11.7)
    L, C = CoplanarLine(s, 11.7).per_length(w)
    assert C == pytest.approx(math.sqrt(cpw.ep_reff[0].real) / (c * cpw.z0[0].real), rel=1e-3)
    assert L == pytest.approx(mu_0 / (2 * math.pi) * math.log(4 * (w + 2 * s) / w), rel=1e-4)


def test_isolated_strip_has_only_partial_inductance():
    iso = IsolatedLine()
    assert not iso.grounded and CoplanarLine(10e-6).grounded and MicrostripLine(1e-6).grounded
    with pytest.raises(InputError):
        iso.per_length(100e-9)
    # Grover 1946 vs the numeric Neumann double integral of a 100 µm × 100 nm strip: 162.020 pH
    assert iso.geometric_inductance(100e-6, 100e-9) == pytest.approx(162.020e-12, rel=1e-4)
    assert grover_inductance(100e-6, 100e-9) == iso.geometric_inductance(100e-6, 100e-9)


def test_grounded_geometric_inductance_is_per_length_times_length():
    for line in (CoplanarLine(10e-6), MicrostripLine(1e-6, 11.7)):
        assert line.geometric_inductance(30e-6, 100e-9) == pytest.approx(30e-6 * line.per_length(100e-9)[0])


def test_media_are_frozen_hashable_and_short():
    lines = [CoplanarLine(10e-6), CoplanarLine(10e-6, SUBSTRATES["Si"]), MicrostripLine(1e-6, 11.7), IsolatedLine()]
    assert all(isinstance(x, LineMedium) for x in lines)
    assert len(set(lines)) == 3 and {x.kind for x in lines} == {"cpw", "microstrip", "isolated"}
    assert CoplanarLine(1e-6, 5.0) != MicrostripLine(1e-6, 5.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        lines[0].ground_gap_m = 1e-6
    assert all(len(repr(x)) < 60 for x in lines)


def test_wire_reexports_the_line_media():
    for name in ("CoplanarLine", "MicrostripLine", "IsolatedLine", "SUBSTRATES", "grover_inductance"):
        assert getattr(superind.wire, name) is getattr(superind.lines, name)
    assert superind.wire.Line is LineMedium


@pytest.mark.parametrize("make", [lambda: CoplanarLine(0.0), lambda: CoplanarLine(10e-6, math.nan),
                                  lambda: MicrostripLine(-1e-6), lambda: MicrostripLine(1e-6, 0.5),
                                  lambda: MicrostripLine(1e-7).per_length(20e-6),
                                  lambda: MicrostripLine(1e-6).per_length(0.0)])
def test_bad_media_raise_input_error(make):
    with pytest.raises(InputError):
        make()


def test_elliptic_ratio_by_the_arithmetic_geometric_mean_is_scipys():
    """K(k)/K(k') of the coplanar line from Gauss's AGM (no scipy.special import when a design resolves) against
    scipy's ellipk and ellipkm1 (which keeps the digits of k' → 1), from k = 1e-6 to 1 − 1e-6."""
    from scipy.special import ellipk, ellipkm1

    from superind.lines import _k_ratio

    for k in (1e-6, 1e-3, 0.05, 0.3, 0.5, 0.9, 0.999, 1 - 1e-6):
        assert _k_ratio(k) == pytest.approx(ellipk(k * k) / ellipkm1(k * k), rel=1e-13), k
