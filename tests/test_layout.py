"""Layout physics checks: drawn length, electrical squares against an independent Laplace solution, DRC, files."""
from __future__ import annotations

import json
import math
import os

import gdstk
import numpy as np
import pytest
from scipy.sparse import coo_matrix
from scipy.sparse.linalg import spsolve

from superind import InputError
from superind.layout import (chip, constriction, corner_correction, drc, load_process, loop, meander,
                             turn_correction, write_gds, write_lyp, write_svg, zeropi)
from superind.atomic import atomic_write

TIN_SHEET_H = 1.0338e-9          # TiN-like 1.5 kΩ, T_c = 2 K: 1.0338 nH/□ (PHYSICS.md §1.3)


def read_polygons(path, layer=1):
    lib = gdstk.read_gds(str(path), unit=1e-6)
    return [p for c in lib.top_level() for p in c.get_polygons(layer=layer, datatype=0)]


# ------------------------------------------------------------------------------------------ drawn length
@pytest.mark.parametrize("turn", ["square", "round"])
@pytest.mark.parametrize("width_m,length_m", [(20e-9, 10e-6), (20e-9, 10e-3), (100e-9, 1e-3), (1e-6, 10e-3)])
def test_area_over_width_equals_centreline_length(tmp_path, turn, width_m, length_m):
    res = meander(width_m, width_m, length_m=length_m, turn=turn, pads=False)
    path = write_gds(tmp_path / "m.gds", res)
    polys = read_polygons(path)
    area_m2 = sum(p.area() for p in polys) * 1e-12
    assert area_m2 / width_m == pytest.approx(res.length_m, rel=1e-6)
    assert res.length_m == pytest.approx(length_m, rel=1e-6)               # the target, to one grid step
    assert max(len(p.points) for p in polys) <= 4094                       # no polygon beyond GDS-safe size
    merged = gdstk.boolean(polys, [], "or", precision=1e-5)
    assert sum(p.area() for p in merged) == pytest.approx(sum(p.area() for p in polys), rel=1e-9)  # no overlaps


# ------------------------------------------------------------------------------------------ electrical squares
def raster_squares(polys, w_um, cells):
    """Independent check: rasterise the read-back polygons (pixel centre inside), 5-point finite differences,
    V = 1 / 0 on the faces at the wire's two extreme x ends, squares = 1/I (pixels of w/cells)."""
    pts = np.concatenate([p.points for p in polys])
    (x0, y0), (x1, y1) = pts.min(0), pts.max(0)
    hy = w_um / cells
    ny, nx = int(round((y1 - y0) / hy)), int(round((x1 - x0) / hy))
    hx = (x1 - x0) / nx
    X, Y = np.meshgrid(x0 + (np.arange(nx) + 0.5) * hx, y0 + (np.arange(ny) + 0.5) * hy, indexing="ij")
    centres = np.column_stack([X.ravel(), Y.ravel()])
    mask = np.zeros(len(centres), bool)
    for p in polys:
        mask |= np.asarray(gdstk.inside(centres, p))
    mask = mask.reshape(nx, ny)
    idx = np.full((nx, ny), -1)
    idx[mask] = np.arange(mask.sum())
    rows, cols, vals = [], [], []
    for a, b, g in (((slice(0, -1), slice(None)), (slice(1, None), slice(None)), hy / hx),
                    ((slice(None), slice(0, -1)), (slice(None), slice(1, None)), hx / hy)):
        m = mask[a] & mask[b]
        ia, ib = idx[a][m], idx[b][m]
        rows += [ia, ib, ia, ib]
        cols += [ib, ia, ia, ib]
        vals += [np.full(ia.size, -g)] * 2 + [np.full(ia.size, g)] * 2
    n = int(mask.sum())
    diag, rhs = np.zeros(n), np.zeros(n)
    gd = 2 * hy / hx
    left, right = idx[0][mask[0]], idx[-1][mask[-1]]
    diag[left] += gd
    rhs[left] += gd
    diag[right] += gd
    rows.append(np.arange(n))
    cols.append(np.arange(n))
    vals.append(diag)
    A = coo_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)).tocsc()
    V = spsolve(A, rhs)
    return 1.0 / float(np.sum(gd * (1 - V[left])))


def richardson(a, b, c):
    """h → 0 from grids h, h/2, h/4 with the observed order (clipped to 0.5…2)."""
    if (a - b) * (b - c) <= 0:
        return c
    order = min(2.0, max(0.5, math.log2((a - b) / (b - c))))
    return c + (c - b) / (2 ** order - 1)


@pytest.mark.parametrize("turn", ["square", "round", "optimal"])
def test_electrical_squares_match_independent_laplace_and_inductance_target(tmp_path, turn):
    target_H = 45 * TIN_SHEET_H                                            # 45 □ of TiN: 46.5 nH
    res = meander(100e-9, 100e-9, inductance_H=target_H, sheet_inductance_H=TIN_SHEET_H, turn=turn,
                  footprint_m=(1.8e-6, 0.5e-6), pads=False, lead_m=200e-9, name=turn)
    assert res.info["rows"] == 3 and res.turns == 2
    polys = read_polygons(write_gds(tmp_path / f"{turn}.gds", res))
    laplace = richardson(*(raster_squares(polys, 0.1, k) for k in (20, 40, 80)))
    assert res.squares_electrical == pytest.approx(laplace, rel=3e-3)
    assert TIN_SHEET_H * laplace == pytest.approx(target_H, rel=3e-3)
    # the check discriminates: geometric squares miss by more than 1 %
    assert abs(res.squares_geometric / laplace - 1) > 0.01


def test_turn_corrections_reproduce_resistor_layout_rules():
    assert 1 + corner_correction() == pytest.approx(0.5587, abs=1e-3)       # square corner ≈ 0.56 □ (Hall 1968)
    assert 3 + turn_correction("square", 1.0, 1.0) == pytest.approx(2.11, abs=5e-3)   # U-turn g = w ≈ 2.11 □
    assert turn_correction("square", 1.0, 50.0) == pytest.approx(2 * corner_correction(), abs=1e-9)
    ring = math.pi / math.log(6.0 / 5.0) - math.pi * 5.5                   # thin half-ring, g/w = 10
    assert turn_correction("round", 1.0, 10.0) == pytest.approx(ring, abs=5e-3)


def test_one_mm_meander_correction_is_about_six_tenths_percent():
    res = meander(100e-9, 100e-9, length_m=1e-3, turn="square", pads=False)
    assert 1 - res.squares_electrical / res.squares_geometric == pytest.approx(0.006, abs=0.002)


# ------------------------------------------------------------------------------------------ files
def test_gds_is_byte_identical_and_written_atomically(tmp_path):
    a = write_gds(tmp_path / "a.gds", meander(100e-9, 100e-9, squares=2000, name="x"))
    b = write_gds(tmp_path / "b.gds", meander(100e-9, 100e-9, squares=2000, name="x"))
    assert a.read_bytes() == b.read_bytes()
    assert sorted(os.listdir(tmp_path)) == ["a.gds", "b.gds"]


def test_failed_write_leaves_no_partial_file(tmp_path):
    def broken(tmp):
        with open(tmp, "wb") as fh:
            fh.write(b"partial")
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        atomic_write(tmp_path / "x.gds", broken)
    assert os.listdir(tmp_path) == []


def test_lyp_names_layers_and_svg_preview(tmp_path):
    lyp = write_lyp(tmp_path / "d.lyp").read_text()
    for name in ("film 1/0", "junction 2/0", "pads 3/0", "labels 10/0"):
        assert name in lyp
    svg = write_svg(tmp_path / "d.svg", meander(100e-9, 100e-9, squares=500)).read_text()
    assert svg.lstrip().startswith("<?xml") and "<polygon" in svg


# ------------------------------------------------------------------------------------------ cells and DRC
def shipped_cells():
    return [meander(20e-9, 20e-9, length_m=100e-6, turn="square", name="m1"),
            meander(20e-9, 20e-9, length_m=100e-6, turn="round", name="m2"),
            meander(20e-9, 40e-9, length_m=100e-6, turn="optimal", name="m3"),
            meander(1e-6, 1e-6, squares=3000, turn="round", name="m4"),
            loop(100e-9, 100e-9, squares=2000, name="l1"),
            loop(20e-9, 40e-9, squares=2000, turn="optimal", name="l2"),
            constriction(20e-9, 100e-9, name="c1"),
            zeropi(100e-9, 200e-9, squares=3000, name="z1")]


def test_drc_clean_on_every_shipped_cell():
    for res in shipped_cells():
        assert drc(res) == [], res.cell.name
    assert drc(chip(shipped_cells())) == []


def test_drc_reports_narrow_wire_and_narrow_gap_at_the_right_place():
    proc = load_process()
    cell = gdstk.Cell("bad")
    film = proc.layer("film").spec
    cell.add(gdstk.rectangle((0, 0), (2, 0.1), **film), gdstk.rectangle((2, 0.042), (3, 0.058), **film),
             gdstk.rectangle((3, 0), (5, 0.1), **film),           # 16 nm = 0.8 × the 20 nm minimum width
             gdstk.rectangle((0, 0.116), (5, 0.2), **film))       # 16 nm gap above the wide parts
    found = drc(cell, proc)
    width = [v for v in found if v.rule == "min_width"]
    assert len(width) == 1
    x, y = width[0].center_m
    assert x == pytest.approx(2.5e-6, abs=0.05e-6) and y == pytest.approx(0.05e-6, abs=0.01e-6)
    assert any(v.rule == "min_space" and v.center_m[1] == pytest.approx(0.108e-6, abs=0.01e-6) for v in found)


def test_loop_records_area_corners_and_junction():
    res = loop(100e-9, 100e-9, squares=1000, turn="round")
    assert res.corners == 4
    (x0, y0), (x1, y1) = res.bbox_m
    assert 0 < res.info["loop_area_m2"] < (x1 - x0) * (y1 - y0)
    assert res.squares_electrical == pytest.approx(1000, rel=1e-3)
    expected = res.squares_geometric + res.turns * turn_correction("round", 1, 1) + 4 * corner_correction()
    assert res.squares_electrical == pytest.approx(expected, rel=1e-12)
    junction = res.cell.get_polygons(layer=2, datatype=0)
    assert len(junction) == 1


def test_constriction_squares_without_taper_is_length_over_width():
    flat = constriction(200e-9, 1e-6, lead_width_m=200e-9, taper_m=1e-6, lead_m=1e-6, pads=False)
    assert flat.squares_electrical == pytest.approx(flat.length_m / 200e-9, rel=1e-12)
    qps = constriction(20e-9, 100e-9, sheet_inductance_H=TIN_SHEET_H)
    assert qps.info["constriction_squares"] == pytest.approx(5.0)
    assert qps.squares_electrical > qps.squares_geometric > 5.0
    assert qps.L_k_H == pytest.approx(TIN_SHEET_H * qps.squares_electrical)


def test_zeropi_has_two_superinductors_two_junctions_two_pads():
    res = zeropi(100e-9, 200e-9, squares=1500)
    flat = res.cell.copy("flat").flatten()
    assert len(flat.get_polygons(layer=2, datatype=0)) == 2  # two junctions
    assert len(flat.get_polygons(layer=3, datatype=0)) == 4  # the pads of the two diagonal shunt capacitors
    bridges = flat.get_polygons(layer=4, datatype=0)         # the crossing of the second diagonal
    assert len(bridges) == 1 and set(res.info["shunt_pads_m"]) == {1, 2, 3, 4}
    # the bridge spans a film wire (node 3's riser) without touching it: film lies under its middle only
    (x0, y0), (x1, y1) = bridges[0].bounding_box()
    through = [p for p in flat.get_polygons(layer=1, datatype=0)
               if x0 < p.bounding_box()[0][0] and p.bounding_box()[1][0] < x1       # between the landing pads
               and p.bounding_box()[0][1] < y0 and p.bounding_box()[1][1] > y1]     # and right through
    assert len(through) == 1  # node 3's riser passes under the bridge
    # each superinductor — meander, half the bottom bus and its corners — meets the target as a whole
    assert res.squares_electrical == pytest.approx(1500, rel=1e-3)


def test_chip_places_variants_without_overlap():
    variants = [meander(w, 100e-9, squares=300, name=f"w{k}") for k, w in enumerate(np.arange(20, 220, 20) * 1e-9)]
    layout = chip(variants, columns=4)
    boxes = np.array([np.ravel(p["bbox_m"]) for p in layout.placements])
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            a, b = boxes[i], boxes[j]
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
    flat = layout.cell.copy("flat").flatten()
    text, film = flat.get_polygons(layer=10, datatype=0), flat.get_polygons(layer=1, datatype=0)
    assert gdstk.boolean(text, film, "and") == []


def test_meander_fits_footprint_and_meets_length():
    res = meander(100e-9, 100e-9, length_m=200e-6, footprint_m=(10e-6, 10e-6), turn="round")
    assert res.footprint_m[0] <= 10e-6 and res.footprint_m[1] <= 10e-6
    assert res.length_m == pytest.approx(200e-6, rel=1e-6)


# ------------------------------------------------------------------------------------------ bad input
@pytest.mark.parametrize("kwargs,match", [
    (dict(width_m=0.0), "positive"), (dict(width_m=-1e-7), "positive"), (dict(width_m=float("nan")), "finite"),
    (dict(gap_m=0.0), "positive"), (dict(gap_m=float("nan")), "finite"),
    (dict(width_m=16e-9), "minimum width"), (dict(gap_m=10e-9), "minimum spacing"),
    (dict(width_m=100.5e-9), "grid"), (dict(turn="zigzag"), "turn style"),
    (dict(footprint_m=(2e-6, 2e-6)), "short by"),
])
def test_bad_input_is_one_line_error(kwargs, match):
    args = dict(width_m=100e-9, gap_m=100e-9, length_m=1e-3)
    args.update(kwargs)
    with pytest.raises(InputError, match=match) as err:
        meander(args.pop("width_m"), args.pop("gap_m"), **args)
    assert "\n" not in str(err.value)


def test_missing_output_folder_and_inductance_without_film(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        write_gds(tmp_path / "nope" / "x.gds", meander(100e-9, 100e-9, squares=100))
    with pytest.raises(InputError, match="sheet inductance"):
        meander(100e-9, 100e-9, inductance_H=300e-9)


# ------------------------------------------------------------------------------------------ CLI
def run_cli(args, capsys):
    from superind.cli import main

    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_meander_json(tmp_path, capsys):
    out_file = tmp_path / "m.gds"
    code, out, _ = run_cli(["gds", "meander", "--width", "100 nm", "--gap", "100 nm", "--inductance", "300 nH",
                            "--material", "TiN", "--rsq", "1.5 kOhm", "--tc", "2 K", "--turn", "square",
                            "-o", str(out_file), "--json"], capsys)
    assert code == 0
    rec = json.loads(out)
    for key in ("cell", "length_m", "squares_geometric", "squares_electrical", "L_k_H", "bbox_m", "polygons",
                "vertices", "drc_violations"):
        assert key in rec
    assert rec["L_k_H"] == pytest.approx(300e-9, rel=1e-3) and rec["drc_violations"] == []
    assert out_file.is_file()
    code, out, _ = run_cli(["drc", str(out_file), "--json"], capsys)
    assert code == 0 and json.loads(out)["drc_violations"] == []


@pytest.mark.parametrize("args", [
    ["gds", "meander", "--width", "0 nm", "--gap", "100 nm", "--length", "1 mm"],
    ["gds", "meander", "--width", "100 nm", "--gap", "10 nm", "--length", "1 mm"],
    ["gds", "meander", "--width", "100 nm", "--gap", "100 nm", "--length", "1 mm", "--footprint", "5 um", "5 um"],
])
def test_cli_bad_input_exits_2(tmp_path, capsys, args):
    code, out, err = run_cli(args + ["-o", str(tmp_path / "x.gds")], capsys)
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "x.gds").exists()


def test_cli_creates_a_missing_folder_but_not_through_a_file(tmp_path, capsys):
    code, _, err = run_cli(["gds", "loop", "--width", "100 nm", "--gap", "100 nm", "--squares", "500",
                            "-o", str(tmp_path / "new" / "x.gds")], capsys)
    assert code == 0 and (tmp_path / "new" / "x.gds").is_file(), err
    (tmp_path / "afile").write_text("not a folder")
    code, _, err = run_cli(["gds", "loop", "--width", "100 nm", "--gap", "100 nm", "--squares", "500",
                            "-o", str(tmp_path / "afile" / "x.gds")], capsys)
    assert code == 2 and err.count("\n") == 1 and "afile" in err


def test_cli_drc_reports_violation_with_exit_1(tmp_path, capsys):
    cell = gdstk.Cell("thin")
    cell.add(gdstk.rectangle((0, 0), (1, 0.016), layer=1))
    lib = gdstk.Library(unit=1e-6, precision=1e-9)
    lib.add(cell)
    lib.write_gds(str(tmp_path / "thin.gds"))
    from superind.cli import app

    code = app(args=["drc", str(tmp_path / "thin.gds")], standalone_mode=False)   # the command's exit code
    out = capsys.readouterr().out
    assert code == 1 and "min_width" in out and "(0.5000 µm, 0.0080 µm)" in out


def test_turn_table_spline_is_scipys_not_a_knot_cubic_spline():
    """The turn-correction table is read by a numpy spline (no scipy.interpolate import in a build): it must be
    scipy's CubicSpline (not-a-knot) on the same knots."""
    from scipy.interpolate import CubicSpline

    from superind.interpolate import not_a_knot_spline

    rng = np.random.default_rng(3)
    x = np.sort(rng.uniform(-2.3, 2.3, 18))
    y = np.sin(3 * x) + 0.1 * rng.standard_normal(18)
    ours, ref = not_a_knot_spline(x, y), CubicSpline(x, y)
    at = np.linspace(x[0], x[-1], 500)
    assert max(abs(ours(a) - float(ref(a))) for a in at) < 1e-12
