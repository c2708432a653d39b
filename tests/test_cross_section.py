"""The 3D check of the 2D cross-section (superind.cross_section): its method of moments against the isolated square
plate (Read, J. Comput. Phys. 133, 1 (1997): C = 0.3667874·4πε0·a) and against the coplanar line's conformal-mapping
C' in the long-block limit; its convergence; the meander re-solved with a scaled ground capacitance."""
import math
from dataclasses import replace

import pytest

import superind.cross_section as cs
from superind.constants import epsilon_0
from superind.lines import CoplanarLine


@pytest.fixture
def fine(monkeypatch):
    """The method itself, at a finer discretisation than the default check uses."""
    for name, value in (("PLATE_PANELS", 20), ("GAP_PANELS", 8), ("OUTER_PANELS", 12)):
        monkeypatch.setattr(cs, name, value)


def test_isolated_square_plate_against_read(fine):
    C = cs.capacitance_vacuum_F(2e-6, 2e-6, None)
    assert C / (4 * math.pi * epsilon_0 * 2e-6) == pytest.approx(0.3667874, rel=5e-3)


def test_long_block_per_length_tends_to_the_coplanar_line(fine):
    """dC/dℓ of a 3 µm block in a 1 µm-gap opening → C' = 4ε0 K(k)/K(k'), k = W/(W + 2g) (Simons 2001), the 2D
    model's own capacitance: the ratio k → 1 for rows much longer than the gap."""
    W, g = 3e-6, 1e-6
    dC = (cs.capacitance_vacuum_F(W, 200e-6, g) - cs.capacitance_vacuum_F(W, 100e-6, g)) / 100e-6
    assert dC == pytest.approx(CoplanarLine(g, epsilon_r=1.0).per_length(W)[1], rel=3e-2)
    assert cs.ratio_3d_to_2d.__wrapped__(W, 300e-6, g) == pytest.approx(1.0, abs=0.03)


def test_short_block_ratio_is_converged(monkeypatch):
    """The audit's case (rows of 2.6 µm, block 2.8 µm, ground gap 10 µm): k from the default panels within 2 % of a
    finer solution (the f_self estimate, ∝ 1/√k at most, within 1 %)."""
    default = cs.ratio_3d_to_2d.__wrapped__(2.8e-6, 2.6e-6, 10e-6)
    monkeypatch.setattr(cs, "PLATE_PANELS", 24)
    monkeypatch.setattr(cs, "GAP_PANELS", 9)
    monkeypatch.setattr(cs, "OUTER_PANELS", 16)
    fine = cs.ratio_3d_to_2d.__wrapped__(2.8e-6, 2.6e-6, 10e-6)
    assert default == pytest.approx(fine, rel=2e-2) and fine > 2


def test_ground_scale_moves_a_straight_wire_by_one_over_root_k():
    """A single row has only a capacitance to ground: scaling it by k moves every mode by 1/√k exactly."""
    from superind.film import make_film
    from superind.wire import Wire

    wire = Wire(make_film("TiN", 1500, Tc=2.0), 100e-9, 30e-6, CoplanarLine(10e-6))
    scaled = replace(wire.meander, ground_scale=2.25)
    assert scaled.f_self_Hz == pytest.approx(wire.meander.f_self_Hz / 1.5, rel=1e-8)


def test_records_on_short_and_long_rows():
    import superind as si

    short = si.evaluate(si.resolve(si.load_design("layouts/tin_rfsquid.toml")), only=["superinductor"])
    s = short["superinductor"]
    record = next(v for v in short.verdicts if v.code == "superinductor.cross_section")
    assert record.severity == "warning" and s["cross_section"]["f_self_3d_estimate_Hz"] < 0.9 * s["f_self_Hz"]
    from superind.film import make_film
    from superind.wire import Wire

    long = Wire(make_film("TiN", 1500, Tc=2.0), 100e-9, 2e-3, CoplanarLine(10e-6))
    numbers, record = cs.cross_section_check(long)
    assert record.severity == "info"
