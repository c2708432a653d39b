"""`superind compare`: the film-versus-JJ-chain design as two columns, differences flagged against the first
column, the page written as one file, and the JSON contract {designs, headline}."""
import json
import re
import math
from pathlib import Path

import pytest
from scipy.constants import e, h

from superind.output.build import build_results
from superind.output.compare import columns_of, headline_table, render_comparison

ROOT = Path(__file__).parent.parent
#: L of a 0.5 GHz fluxonium superinductor: E_L = (Φ0/2π)²/L (scqubits) → L = (ħ/2e)²/(h · 0.5 GHz)
L_TARGET_H = (h / (2 * math.pi * 2 * e)) ** 2 / (h * 0.5e9)


@pytest.fixture(scope="module")
def chain_design():
    return build_results(ROOT / "layouts" / "tin_vs_jjchain.toml")


def test_film_wire_and_chain_are_two_columns_of_one_target(chain_design):
    columns = columns_of([chain_design])
    assert [c.chain for c in columns] == [False, True]
    table = headline_table(columns)
    wire_L, chain_L = table["L_H"]["values"]
    assert wire_L == pytest.approx(L_TARGET_H, rel=1e-3)
    # the chain has a whole number N of junctions of L_J = 2 nH: its L is within one L_J of the target
    assert abs(chain_L - L_TARGET_H) <= 2.0e-9 * 1.001 and table["L_H"]["differs"] == [False, False]
    # the chain's N·a = 163 µm line against a ~32 µm film meander; impedances differ (Z_chain = √(L_J/C_0) ≈ 7.07 kΩ)
    assert table["length_m"]["differs"] == [False, True]
    assert chain_design["jjchain"]["Z_ohm"] == pytest.approx(math.sqrt(2e-9 / 0.04e-15), rel=1e-3)
    assert table["N"]["values"][0] is None and table["N"]["differs"][0] is False


def test_page_shows_both_columns_overlaid_figures_and_layouts(chain_design):
    from superind import layout

    svg = layout.svg_text(chain_design.device.layout.cell, chain_design.device.process)
    page = render_comparison([chain_design], {chain_design.name: svg})
    assert "tin_vs_jjchain · JJ chain" in page and set(re.findall(r'data-chart="(\w+)"><script', page)) == {"spectra", "impedance"}
    assert page.count("<svg") >= 3  # the film layout, the chain drawing, the common scale bar
    assert "None" not in page and "class='v diff'" in page


def test_cli_json_and_one_file_written(run_cli, tmp_path):
    out = tmp_path / "cmp" / "film_vs_chain.html"
    code, stdout, err = run_cli("compare", str(ROOT / "layouts" / "tin_vs_jjchain.toml"),
                                str(ROOT / "layouts" / "tin_rfsquid.toml"), "-o", str(out), "--json")
    assert code == 0, err
    data = json.loads(stdout)
    assert [d["name"] for d in data["designs"]] == ["tin_vs_jjchain", "tin_vs_jjchain · JJ chain", "tin_rfsquid"]
    assert set(data["headline"]["f_self_Hz"]) == {"label", "values", "differs"}
    # the same TiN wire for the same target in both designs: same first self-resonance, not flagged
    f_self = data["headline"]["f_self_Hz"]["values"]
    assert f_self[2] == pytest.approx(f_self[0], rel=1e-9) and data["headline"]["f_self_Hz"]["differs"][2] is False
    assert sorted(p.name for p in out.parent.iterdir()) == ["film_vs_chain.html"]  # nothing temporary left


def test_one_design_without_chain_is_refused(run_cli, tmp_path):
    code, _, err = run_cli("compare", str(ROOT / "layouts" / "tin_rfsquid.toml"), "-o", str(tmp_path / "x.html"))
    assert code == 2 and "two" in err and err.count("\n") == 1


def test_banded_numbers_differ_only_beyond_their_bands():
    """239 ns against 224 ns on the same assumed film Q (band ~100×) is no difference; disjoint bands are; a number
    without a band keeps the 1 % rule."""
    from superind.output.compare import Column, headline_table

    cols = lambda *numbers: [Column(f"d{i}", None, numbers=n) for i, n in enumerate(numbers)]
    table = headline_table(cols({"T2_s": 239e-9, "T2_band_s": [10e-9, 2e-6], "L_H": 300e-9},
                                {"T2_s": 224e-9, "T2_band_s": [9e-9, 1.9e-6], "L_H": 310e-9},
                                {"T2_s": 50e-6, "T2_band_s": [5e-6, 90e-6], "L_H": 301e-9}))
    assert table["T2_s"]["differs"] == [False, False, True]
    assert table["L_H"]["differs"] == [False, True, False]
    assert "…" in table["T2_s"]["texts"][0] and "…" not in table["L_H"]["texts"][0]
