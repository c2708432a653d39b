"""Hand-offs: Touchstone read back with scikit-rf, the film's surface impedance against Mattis–Bardeen, the Palace
boundary snippet, layout ports on the drawn wire ends, and the optional gdsfactory Component."""
import json
import math
from pathlib import Path

import gdstk
import numpy as np
import pytest
from scipy.constants import h, hbar, k as k_B
from scipy.special import k0

from superind import layout
from superind.design import load_design, resolve
from superind.film import make_film
from superind.output import exports

ROOT = Path(__file__).parent.parent
#: BCS weak coupling Δ0 = π e^{−γ_E} k_B T_c (Bardeen, Cooper & Schrieffer 1957)
BCS = math.pi * math.exp(-np.euler_gamma)


@pytest.fixture(scope="module")
def rfsquid(shipped):
    return shipped("tin_rfsquid")


def first_pole_Hz(f, z) -> float:
    """The first pole of Z_in: where Im(1/Z) crosses zero from below (inductive → capacitive), interpolated."""
    y = (1 / z).imag
    i = np.flatnonzero((y[:-1] < 0) & (y[1:] >= 0))[0]
    return f[i] - y[i] * (f[i + 1] - f[i]) / (y[i + 1] - y[i])


def test_touchstone_reads_back_with_its_first_pole_at_f_self(rfsquid, tmp_path):
    import skrf

    path = exports.write_touchstone(tmp_path / "tin.s1p", rfsquid.device.wire)
    assert path == tmp_path / "tin.s1p" and sorted(p.name for p in tmp_path.iterdir()) == ["tin.s1p"]
    net = skrf.Network(str(path))
    assert net.nports == 1 and len(net.f) == exports.TOUCHSTONE_POINTS
    f_pole = first_pole_Hz(net.f, net.z[:, 0, 0])
    assert f_pole == pytest.approx(rfsquid["superinductor"]["f_self_Hz"], rel=5e-3)
    # far below the pole the drawn meander is the lumped inductor: Z = jωL with the reported L
    low = net.z[0, 0, 0]
    assert low.imag / (2 * math.pi * net.f[0]) == pytest.approx(rfsquid["superinductor"]["L_H"], rel=1e-3)
    assert abs(low.real) < 1e-6 * abs(low.imag)


def test_isolated_strip_has_no_touchstone():
    spec = load_design(ROOT / "layouts" / "inox_qps.toml")
    with pytest.raises(ValueError, match="isolated strip"):
        exports.impedance_network(resolve(spec).wire)


def test_surface_inductance_is_mattis_bardeen_at_low_frequency():
    film = make_film("TiN", 1500, Tc=2.0)
    R_s, L_s, _ = exports.surface_impedance(film, [1e6, 1e8], T_K=0.02)
    # Mattis–Bardeen ħω ≪ Δ, k_BT ≪ Δ: L_k,□ = ħR_sq/(πΔ0), Δ0 = 1.764 k_B T_c (hand formula)
    L_mb = hbar * 1500 / (math.pi * BCS * k_B * 2.0)
    assert L_s == pytest.approx([L_mb, L_mb], rel=1e-6)
    assert np.all(R_s >= 0) and np.all(R_s < 1e-30)  # 20 mK: thermal quasiparticles frozen out


def test_surface_resistance_follows_the_low_temperature_mattis_bardeen_form():
    # σ1/σn ≈ (4Δ/ħω) e^{−Δ/k_BT} sinh(ξ) K0(ξ), ξ = ħω/2k_BT (Mattis & Bardeen 1958 for k_BT, ħω ≪ Δ; e.g. Gao,
    # PhD thesis, Caltech 2008, Eq. 2.95); σ2/σn ≈ πΔ/ħω: R_s = ωL_s σ1/σ2
    film = make_film("TiN", 1500, Tc=2.0)
    f, T = 5e9, 0.2
    R_s, L_s, note = exports.surface_impedance(film, [f], T_K=T)
    delta = BCS * k_B * 2.0
    xi = h * f / (2 * k_B * T)
    s1 = 4 * delta / (h * f) * math.exp(-delta / (k_B * T)) * math.sinh(xi) * k0(xi)
    s2 = math.pi * delta / (h * f)
    assert R_s[0] == pytest.approx(2 * math.pi * f * L_s[0] * s1 / s2, rel=0.05)
    assert "Mattis" in note


def test_csv_and_palace_snippet(tmp_path):
    film = make_film("TiN", 1500, Tc=2.0)
    path = exports.write_surface_impedance(tmp_path / "zs.csv", film, [1e9, 2e9], T_K=0.0)
    lines = path.read_text().splitlines()
    assert lines[0] == "f_Hz,R_s_ohm,L_s_H" and len(lines) == 3
    f, R, L = (float(x) for x in lines[1].split(","))
    assert f == 1e9 and R == 0.0 and L == pytest.approx(film.sheet_kinetic_inductance(0.0), rel=1e-9)
    snippet = json.loads(exports.write_palace_impedance(tmp_path / "p.json", film, 6e9, 0.0).read_text())
    (entry,) = snippet["Boundaries"]["Impedance"]
    assert set(entry) == {"Attributes", "Rs", "Ls", "Cs"} and entry["Rs"] == 0.0  # T = 0: no resistive branch
    assert entry["Ls"] == pytest.approx(hbar * 1500 / (math.pi * BCS * k_B * 2.0), rel=1e-6)
    with pytest.raises(ValueError, match="pair-breaking edge"):
        exports.surface_impedance(film, [200e9], 0.0)  # 2Δ/h = 147 GHz for T_c = 2 K


@pytest.mark.parametrize("make", [
    lambda: layout.meander(100e-9, 200e-9, length_m=20e-6),
    lambda: layout.loop(100e-9, 200e-9, length_m=20e-6),
    lambda: layout.constriction(50e-9, 500e-9),
    lambda: layout.zeropi(100e-9, 200e-9, length_m=40e-6),
])
def test_ports_sit_on_the_wire_ends_and_face_outwards(make):
    cell = make()
    ports = cell.info["ports"]
    assert ports and all(p["layer"] == "film" and p["gds_layer"] == [1, 0] for p in ports)
    film = [p for p in cell.cell.get_polygons() if (p.layer, p.datatype) == (1, 0)]
    for p in ports:
        x, y = (v * 1e6 for v in p["center_m"])
        ux, uy = math.cos(math.radians(p["orientation_deg"])), math.sin(math.radians(p["orientation_deg"]))
        inside = (x - 0.01 * ux, y - 0.01 * uy)  # 10 nm behind the port: on the wire
        assert any(gdstk.inside([inside], poly)[0] for poly in film), p["name"]
        w = p["width_m"] * 1e6
        across = (x - 0.005 * ux - 0.3 * w * uy, y - 0.005 * uy + 0.3 * w * ux)  # off-centre, within the width
        assert any(gdstk.inside([across], poly)[0] for poly in film), p["name"]
    if "junction_m" in cell.info or "junctions_m" in cell.info:  # facing ends across the junction gap
        for p in ports:
            x, y = (v * 1e6 for v in p["center_m"])
            ux, uy = math.cos(math.radians(p["orientation_deg"])), math.sin(math.radians(p["orientation_deg"]))
            assert not any(gdstk.inside([(x + 0.01 * ux, y + 0.01 * uy)], poly)[0] for poly in film)


def test_ports_are_in_the_layout_record(rfsquid):
    cell = resolve(rfsquid.device.spec).layout
    assert [p["name"] for p in cell.to_dict()["ports"]] == ["junction_a", "junction_b"]


def test_gdsfactory_component():
    gf = pytest.importorskip("gdsfactory")
    cell = layout.meander(100e-9, 200e-9, length_m=20e-6)
    c = exports.gdsfactory_component(cell)
    assert isinstance(c, gf.Component) and len(c.ports) == 2
    assert {p.name for p in c.ports} == {"o1", "o2"}
