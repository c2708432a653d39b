"""The report as a user sees it: every shipped design (layouts/*.toml) rendered once, opened in headless Chromium
(screenshots in a temporary folder), and read like a designer would — no "None", no absolute path, no Python
repr, every figure drawn, a unit in every row of every quantity table, exactly the JSON's verdict records (code and
severity) and overall verdict, cards coloured by their records, the design echoed as TOML that reads back to the same
spec, and the E_S figure on the decades around E_L."""
import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from superind import layout
from superind.design import load_design, parse_design
from superind.output.report import render_html

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).parent.parent
DESIGNS = sorted((ROOT / "layouts").glob("*.toml"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: a value cell of a quantity table must carry one of these units (or a reference it is a multiple of)
UNIT = re.compile(r"([\d⁰¹²³⁴⁵⁶⁷⁸⁹]\s*(?:[afpnµmkMGT]?(?:H|Ω|K|m|Hz|F|A|s|eV|J)\b|[afpnµm]?H/□|[afpnµmk]?Ω/□|[µnm]?m²|m/s|"
                  r"cm²/s|µΩ cm|"
                  r"GHz|Φ0|R_Q|L_J|k_BT_c|T_c|E_L\^fluxoid|□|rows|junctions|violations|ports|devices|%|× h))|∞|negligible|"
                  r"E_S ∝|safe|undetermined|unsafe|below \d")
#: an absolute path on this machine or a typical one
ABSOLUTE = re.compile(r"(?<![\w.>])/(?:work|home|tmp|usr|root|Users|var)/|[A-Z]:\\\\")
REPRS = ("None", "nan", "np.float", "array(", "{'", "<superind", "object at 0x")


@pytest.fixture(scope="module")
def reports(tmp_path_factory, shipped):
    """name → (Results, HTML text, path of the written HTML), every shipped design evaluated once, in process."""
    out = tmp_path_factory.mktemp("reports")
    reports = {}
    for path in DESIGNS:
        results = shipped(path.stem)
        svg = layout.svg_text(results.device.layout.cell, results.device.process)
        text = render_html(results, svg)
        (out / f"{results.name}.html").write_text(text, encoding="utf-8")
        reports[results.name] = (results, text, out / f"{results.name}.html")
    return reports


@pytest.fixture(scope="module")
def browser_pages(reports, tmp_path_factory):
    """name → what Chromium shows of each report: visible text, figure sizes, quantity-table rows, warning levels."""
    if not CHROMIUM and not os.environ.get("CI"):
        pytest.skip("Debian chromium not installed (CI installs it)")
    from playwright.sync_api import sync_playwright

    shots = tmp_path_factory.mktemp("screenshots")
    seen = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for name, (_, _, path) in reports.items():
            errors = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            seen[name] = {
                "text": page.inner_text("body"),
                "charts": page.eval_on_selector_all(".chart", "els => els.map(e => [e.dataset.chart, "
                                                    "e.querySelectorAll('canvas').length, "
                                                    "e.getBoundingClientRect().width, e.getBoundingClientRect().height])"),
                "svg": page.eval_on_selector(".layout svg", "e => { const r = e.getBoundingClientRect(); "
                                             "return [r.width, r.height]; }"),
                "rows": page.eval_on_selector_all("table.q tr", "els => els.map(e => [e.cells[0].innerText, "
                                                  "e.cells[1].innerText])"),
                "records": page.eval_on_selector_all("table.verdicts tr[data-code]", "els => els.map(e => "
                                                     "[e.dataset.code, e.dataset.severity])"),
                "cards": page.eval_on_selector_all(".card", "els => els.map(e => [e.className, Array.from("
                                                   "e.querySelectorAll('.badge')).map(b => b.dataset.severity)])"),
                "verdict": page.eval_on_selector(".verdict", "e => e.dataset.value"),
                "errors": errors}
            page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
        browser.close()
    return seen


@pytest.mark.parametrize("design", [p.stem for p in DESIGNS])
def test_report_reads_like_a_report(browser_pages, reports, design):
    seen = browser_pages[design]
    text, html = seen["text"], reports[design][1]
    for bad in REPRS:
        assert not re.search(rf"(?<![\w-]){re.escape(bad)}(?![\w-])", text), (bad, design)
    assert not ABSOLUTE.search(html), ABSOLUTE.search(html)
    results = reports[design][0]
    expected = {"breakdown", "kinetic_inductance", "phase_slip", "spectrum"}
    expected |= {"impedance"} if results.device.wire.line.grounded else set()  # |Z_in| needs a ground
    expected |= {"multimode"} if "multimode" in results else set()
    expected |= {"spread"} if results.spread is not None else set()
    assert {c[0] for c in seen["charts"]} == expected, seen["charts"]
    assert all(canvases >= 1 and w > 250 and h > 150 for _, canvases, w, h in seen["charts"]), seen["charts"]
    assert seen["svg"][0] > 100 and seen["svg"][1] > 100
    assert seen["rows"] and [r for r in seen["rows"] if not UNIT.search(r[1])] == []
    for question in ("Is my film suitable?", "What wire", "What qubit?", "Will it work?", "What do I fabricate?"):
        assert question in text
    assert seen["errors"] == []
    if design in ("tin_rfsquid", "nbn_zeropi"):  # both ship qubit.modes: the mode-resolved spectrum is shown
        assert "Mode-resolved spectrum" in html and "wire mode 1" in text


@pytest.mark.parametrize("design", [p.stem for p in DESIGNS])
def test_the_report_shows_exactly_the_json_verdicts(browser_pages, reports, design):
    d = reports[design][0].to_dict()
    seen = browser_pages[design]
    assert seen["records"] == [[v["code"], v["severity"]] for v in d["verdicts"]]
    rank = {"info": 0, "warning": 1, "critical": 2}
    assert [rank[s] for _, s in seen["records"]] == sorted((rank[s] for _, s in seen["records"]), reverse=True)
    assert seen["verdict"] == d["verdict"]
    worst = {"works": 0, "marginal": 1, "fails": 2}[d["verdict"]]
    assert max(rank[s] for _, s in seen["records"]) == worst
    for css, badges in seen["cards"]:  # a card's colour is its worst record's severity
        level = max((rank[b] for b in badges), default=0)
        assert css.split()[-1] == ("ok", "warn", "bad")[level], (design, css, badges)


@pytest.mark.parametrize("design", DESIGNS, ids=[p.stem for p in DESIGNS])
def test_design_is_echoed_as_toml_that_reads_back(reports, design):
    spec = load_design(design)
    html = reports[spec.name][1]
    toml = re.search(r"<h2>The design \(TOML\)</h2><pre>(.*?)</pre>", html, re.S).group(1)
    import html as html_module

    data = tomllib.loads(html_module.unescape(toml))
    assert parse_design(data, "echo").model_dump() == spec.model_dump()
    assert re.search(r'R_sq = "[\d.]+ k?Ohm"', html_module.unescape(toml))  # units, not SI floats


def test_sweet_spot_dephasing_reads_infinite(browser_pages, reports):
    # tin_rfsquid at Φ0/2: E01 is symmetric in flux, so first-order 1/f flux noise does not dephase it (Koch et al.,
    # PRA 76, 042319 (2007)); its flux-noise T_φ in Results is far above 1 s
    results = reports["tin_rfsquid"][0]
    assert results["qubit"]["coherence"]["Tphi_channels_s"]["tphi_1_over_f_flux"] > 1
    assert "∞ (first-order insensitive)" in browser_pages["tin_rfsquid"]["text"]


def test_phase_slip_chart_stays_on_the_decades_around_E_L(reports):
    from superind.output.report import charts_of

    for name, (results, _, _) in reports.items():
        s = results["superinductor"]
        if s.get("E_S_GHz") is None:
            continue
        spec = charts_of(results)["phase_slip"]
        lo, hi = spec["y"]["range"]
        assert lo >= 0.99e-6 * s["E_L_fluxoid_GHz"] and lo <= s["E_L_fluxoid_GHz"] <= hi and hi / lo <= 1e10, name
        assert spec["bands"][0]["y"] == pytest.approx(s["E_S_band_GHz"], rel=1e-5), name  # whole band, noted at edges


def test_build_writes_five_files(run_cli, tmp_path):
    out = tmp_path / "out"
    code, stdout, err = run_cli("build", str(ROOT / "layouts" / "tin_rfsquid.toml"), "-o", str(out))
    assert code == 0, err
    assert "wrote html" in stdout and "327 nH" in stdout  # L = (Φ0/2π)²/(h · 0.5 GHz) = 326.9 nH
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"tin_rfsquid.{ext}" for ext in ("json", "gds", "lyp", "svg", "html"))
    data = json.loads((out / "tin_rfsquid.json").read_text())
    # the fluxonium worked example of docs/theory/qubits.md: f01(Φ0/2) = 0.36342 GHz (scqubits Fluxonium) in the
    # lumped model; the headline (three wire modes) is lower, and the JSON says which model it is
    assert data["qubit"]["f01_lumped_GHz"][100] == pytest.approx(0.36342, abs=1e-5)
    assert data["qubit"]["f01_GHz"][100] < 0.36342 and data["qubit"]["model"].startswith("multimode")
    assert data["sources"]["material_file"].endswith("tin.yaml") and "design" in data
    assert "<layer-properties>" in (out / "tin_rfsquid.lyp").read_text()
