"""The browser charts (superind.output.charts + static/superind-charts.js on the vendored uPlot): the chart specs
against numbers computed here by hand or by numpy, the embedding against hostile strings, and a page with every
chart type drawn in headless Chromium — each chart drawn with its series' colours, nothing fetched, no console
error, histograms at least 200 px tall, far lines named at the edge instead of squashing the data."""
import json
import math
import os
import re
import shutil
import subprocess
import sys
from importlib import resources

import numpy as np
import pytest

from superind.output import charts as ch

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE = "</script><script>alert(1)</script> \"double\" 'single' & <b>bold</b>"


def _transitions(top_GHz: float, n: int = 21) -> list:
    """A transitions array (rows: flux points; columns E_k − E_0 for k = 0…3) whose highest value is ``top_GHz``."""
    phase = np.linspace(0, 1, n)
    return [[0.0, 5 + 2 * abs(p - 0.5), 8 + p, top_GHz - 1 + 2 * p * (1 - p) * 2] for p in phase]


def _qubit(top_GHz: float = 11.0) -> dict:
    return {"kind": "rfsquid", "flux": list(np.linspace(0, 1, 21)), "transitions_GHz": _transitions(top_GHz),
            "operating_flux": 0.5}


# ------------------------------------------------------------------------------------------ specs
def test_histogram_counts_are_the_samples_in_each_bin_and_percentiles_come_from_the_spread_section():
    # L_k samples 1, 1, 2, 3, 3, 3 nH and one NaN (not superconducting) in two bins [1, 2) and [2, 3] nH: counted
    # by hand, 2 and 4 devices; the NaN is in no bin
    samples = {"L_k_H": np.array([1, 1, 2, 3, 3, 3, math.nan]) * 1e-9}
    spread = {"L_k_H": {"p5": 1.0e-9, "p50": 2.5e-9, "p95": 3.0e-9}, "samples": 7, "seed": 4,
              "nominal": {"L_k_H": 2.0e-9}}
    spec = ch.spread_chart(spread, samples, bins=2)
    assert spec["kind"] == "panels" and "7 devices (seed 4)" in spec["title"]
    (panel,) = spec["panels"]
    bars = panel["series"][0]
    assert bars["style"] == "bars" and bars["x"] == [1.5, 2.5] and bars["y"] == [2, 4]
    assert panel["x"] == {"label": "L_k", "unit": "nH", "scale": "linear", "range": [1.0, 3.0]}
    assert {m["label"]: m["x"] for m in panel["markers"]} == {"nominal = 2.00 nH": 2.0, "p5 = 1.00 nH": 1.0,
                                                              "p95 = 3.00 nH": 3.0}
    assert panel["height_px"] >= 200  # issue 25: readable histograms


def test_breakdown_chart_spans_the_scales_and_shades_the_judged_range():
    # TiN at 1.5 kΩ: R_Q/2 = h/8e² = 3226.6 Ω is the nearest scale (46 %); the material's critical range starts at
    # 4.3 kΩ, so the axis runs to 1.2 × 4300 = 5160 Ω, and T_c to 1.5 × 2 K
    from superind.film import BREAKDOWN_CRITICAL, BREAKDOWN_WARNING

    record = {"code": "film.breakdown", "numbers": {"R_sq_ohm": 1500.0, "R_break_ohm": 3226.6,
                                                   "fraction_of_breakdown": 1500 / 3226.6, "scale": "R_Q/2"}}
    d = {"film": {"material": "TiN", "R_sq_ohm": 1500.0, "Tc_K": 2.0}, "verdicts": [record]}
    spec = ch.breakdown_chart(d, critical_range_ohm=(4300.0, None))
    assert spec["x"]["range"] == [0.0, 5160.0] and spec["y"]["range"] == [0.0, 3.0]
    (film,) = spec["series"]
    assert film["label"] == "this film: 1.50 kΩ, 2.00 K (46% of R_Q/2)" and (film["x"], film["y"]) == ([1500.0], [2.0])
    assert [m["x"] for m in spec["markers"]] == pytest.approx([3226.6], rel=1e-5)
    crit, near = spec["bands"]
    assert crit["x"] == [4300.0, 5160.0]
    assert near["x"] == pytest.approx([BREAKDOWN_WARNING * 3226.6, BREAKDOWN_CRITICAL * 3226.6], rel=1e-5)


def test_a_quantity_spanning_decades_gets_log_bins_on_a_log_axis():
    # 1000 E_S samples evenly spaced in log over 10⁻⁶ … 10⁻² GHz: one bin per decade holds 250 each (the k-th sample
    # is 10^(−6 + 4k/999): k = 0…249 below 10⁻⁵, 250…499 below 10⁻⁴, …); f_self spans 10 %: linear
    samples = {"E_S_GHz": np.logspace(-6, -2, 1000), "f_self_Hz": np.linspace(17e9, 19e9, 1000)}
    spread = {"E_S_GHz": {"p5": 1.6e-6, "p95": 6.3e-3}, "f_self_Hz": {"p5": 17.1e9, "p95": 18.9e9}, "samples": 1000,
              "seed": 1, "nominal": {}}
    f_self, es = ch.spread_chart(spread, samples, bins=4)["panels"]
    assert es["x"]["scale"] == "log" and f_self["x"]["scale"] == "linear"
    assert es["series"][0]["y"] == [250, 250, 250, 250]
    assert es["series"][0]["x"] == pytest.approx([10**-5.5, 10**-4.5, 10**-3.5, 10**-2.5], rel=1e-5)
    assert f_self["x"]["unit"] == "GHz" and f_self["x"]["range"] == pytest.approx([17.0, 19.0])
    assert [m["label"] for m in f_self["markers"]] == ["p5 = 17.1 GHz", "p95 = 18.9 GHz"]  # no nominal given


def test_phase_slip_chart_spans_the_decades_around_E_L_and_keeps_the_whole_band():
    # axis 10⁻⁶ E_L^fluxoid … 10 max(E_L^fluxoid, Δ/h) = 1e-5 … 735 GHz for E_L^fluxoid = 10 GHz, Δ/h = 73.5 GHz; the
    # band (1e-30 … 222 GHz) is passed whole: the renderer names the part below the axis at its edge
    sections = {"film": {"delta_GHz": 73.5},
                "superinductor": {"E_S_GHz": 4e-4, "E_S_band_GHz": [1e-30, 222.0], "E_L_fluxoid_GHz": 10.0},
                "jjchain": {"N": 163, "E_S_GHz": 2e-13, "E_L_fluxoid_GHz": 9.0}}
    spec = ch.phase_slip_chart(sections)
    assert spec["y"]["scale"] == "log" and spec["y"]["range"] == pytest.approx([1e-5, 735.0])
    assert spec["x"]["categories"] == ["film wire", "JJ chain (N = 163)"]
    (band,) = spec["bands"]
    assert band["y"] == [1e-30, 222.0] and band["x"] == pytest.approx([-0.12, 0.12])
    el, es = spec["series"]
    assert el["y"] == [10.0, 10.0, None, 9.0, 9.0, None]  # one segment per superinductor, a gap between them
    assert es["style"] == "points" and es["y"] == [4e-4, 2e-13]
    assert spec["markers"] == [{"label": "Δ/h = 73.5 GHz", "color": ch.BLUE, "y": 73.5, "dash": ch.DASHED}]


@pytest.mark.parametrize("f_self_GHz, top_GHz", [(18.0, 11.0), (12.0, 12.0)])
def test_a_far_self_resonance_is_a_marker_and_does_not_squash_the_spectrum(f_self_GHz, top_GHz):
    # highest transition 11 GHz: 18 GHz > 1.5 × 11 stays off the axis (0 … 1.12 × 11 GHz), 12 GHz is shown
    spec = ch.spectrum_chart(_qubit(11.0), {"f_self_Hz": f_self_GHz * 1e9})
    assert spec["y"]["range"] == pytest.approx([0.0, 1.12 * top_GHz])
    assert {"label": "wire f_self = %.1f GHz" % f_self_GHz, "color": ch.RED, "y": f_self_GHz} in spec["markers"]
    assert [s["label"] for s in spec["series"]] == ["0 → 1", "0 → 2", "0 → 3"]


def test_impedance_axis_clips_poles_to_the_2nd_and_98th_percentile_and_shows_each_transition_range():
    # |Z| = 10^(4k/100), k = 0…100: numpy's linear-interpolation percentiles 2 and 98 are the samples k = 2 and 98,
    # 10^0.08 and 10^3.92 Ω; the axis is 3× wider each way. Modes beyond the curve's 40 GHz are left out.
    f = np.linspace(0.4e9, 40e9, 101)
    spec = ch.impedance_chart({"modes_Hz": [18e9, 33e9, 43e9], "f_self_Hz": 18e9}, _qubit(11.0), f_Hz=f,
                              Z_ohm=10 ** np.linspace(0, 4, 101))
    assert spec["y"]["scale"] == "log"
    assert spec["y"]["range"] == pytest.approx([10**0.08 / 3, 10**3.92 * 3], rel=1e-5)
    assert spec["x"]["range"] == [0.0, 40.0]
    assert [m["x"] for m in spec["markers"]] == [18.0, 33.0]
    # _transitions: 0 → 1 = 5 + 2|Φ − ½| spans 5 … 6 GHz, 0 → 2 = 8 + Φ 8 … 9 GHz, 0 → 3 10 … 11 GHz
    assert [b["x"] for b in spec["bands"]] == [[5.0, 6.0], [8.0, 9.0], [10.0, 11.0]]


def test_every_curve_of_the_mode_resolved_spectrum_has_its_own_legend_entry():
    q = _qubit(11.0)
    m = {"modes": 2, "flux": q["flux"], "transitions_GHz": (np.array(q["transitions_GHz"]) - 0.1).tolist(),
         "modes_Hz": [12e9, 40e9]}
    spec = ch.multimode_chart(q, m)
    labels = [s["label"] for s in spec["series"]]
    assert len(labels) == 6 and len(set(labels)) == 6 and all(labels)
    # 12 GHz is below 1.3 × 11 GHz and widens the axis; 40 GHz stays beyond it (a note at the edge)
    assert spec["y"]["range"] == pytest.approx([0.0, 1.12 * 12.0])
    assert [mk["label"] for mk in spec["markers"]] == ["wire mode 1 = 12.0 GHz", "wire mode 2 = 40.0 GHz"]


def test_chart_html_keeps_hostile_strings_inside_the_json():
    spec = ch.chart(HOSTILE, ch.axis(HOSTILE, "Ω"), ch.axis("y", "K"), [ch.series(HOSTILE, [0, 1], [1, math.nan])])
    text = ch.chart_html(spec, 'key"><script>alert(2)</script>')
    assert text.count("<script") == 1 and text.count("</script>") == 1 and "<b>" not in text
    payload = re.search(r'<script type="application/json">(.*)</script></div>$', text).group(1)
    assert json.loads(payload) == spec and spec["series"][0]["y"] == [1.0, None]
    assert 'data-chart="key&quot;&gt;&lt;script&gt;' in text


def test_the_vendored_library_is_the_recorded_version_and_small():
    static = resources.files("superind.output") / "static"
    js = (static / "uplot" / "uPlot.iife.min.js").read_text(encoding="utf-8")
    assert js.startswith(f"/*! https://github.com/leeoniya/uPlot (v{ch.UPLOT_VERSION}) */")
    assert "MIT" in (static / "uplot" / "LICENSE").read_text(encoding="utf-8")
    head = ch.charts_head()
    assert len(head.encode()) < 300_000  # the budget for the charting library
    assert head.count("</script>") == 2 and head.count("</style>") == 1


def test_chart_module_imports_no_matplotlib():
    out = subprocess.run([sys.executable, "-c", "import superind.output.charts, sys; print(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout.split()
    assert not [m for m in out if m.split(".")[0] == "matplotlib"]


# ------------------------------------------------------------------------------------------ in the browser
def _page_specs(results) -> dict:
    """Every chart type, from the shipped tin_rfsquid's to_dict() and the curves the build passes explicitly."""
    from superind.design.evaluate import film_section
    from superind.film import make_film
    from superind.finkelstein import finkelstein_tc

    d = json.loads(json.dumps(results.to_dict()))
    wire, film = results.device.wire, results.device.film
    T = np.linspace(0, 0.95, 24) * film.Tc_K
    f = np.linspace(0.2e9, 40e9, 200)
    Z = np.abs(wire.meander.Z_in(f))
    nbn = make_film("NbN", "1 kOhm", Tc0="15 K", gamma=6.0)
    R = np.linspace(10, 5000, 100)
    variant = json.loads(json.dumps(d))  # a second design for the overlays
    variant["qubit"]["transitions_GHz"] = (0.8 * np.array(d["qubit"]["transitions_GHz"])).tolist()
    return {
        "breakdown": ch.breakdown_chart(d, critical_range_ohm=(4300.0, None)),
        "finkelstein": ch.breakdown_chart({"film": film_section(nbn), "verdicts": [v.to_dict() for v in nbn.verdicts]},
                                          finkelstein=(R, finkelstein_tc(R, 15, 6))),
        "kinetic": ch.kinetic_inductance_chart(d["film"], T_K=T,
                                               L_k_sq_H=[film.sheet_kinetic_inductance(t) for t in T]),
        "phase_slip": ch.phase_slip_chart(d),
        "spectrum": ch.spectrum_chart(d["qubit"], d["superinductor"]),
        "multimode": ch.multimode_chart(d["qubit"], d["multimode"]),
        "spread": ch.spread_chart(d["spread"], results.spread.samples),
        "impedance": ch.impedance_chart(d["superinductor"], d["qubit"], f_Hz=f, Z_ohm=Z),
        "compare_spectra": ch.compare_spectra_chart([("tin_rfsquid", d), ("variant", variant)]),
        "compare_impedance": ch.compare_impedance_chart([
            {"name": "tin_rfsquid", "f_Hz": f, "Z_ohm": Z, "modes_Hz": d["superinductor"]["modes_Hz"]},
            {"name": "JJ chain", "modes_Hz": [6e9, 11e9]}]),
        "hostile": ch.chart(HOSTILE, ch.axis(HOSTILE, "Ω"), ch.axis("y", "K"),
                            [ch.series(HOSTILE, [0, 1, 2], [1, 2, 3], color=ch.GREEN)],
                            [ch.marker(HOSTILE, ch.RED, x=1.0)]),
    }


#: per chart: (uPlot instance count, colours, per-instance heights, text of the notes and keys) as the page has them
_INSPECT = """() => Object.entries(window.superindCharts.charts).map(([key, list]) => [key, list.map(u => {
  const b = u.bbox, img = u.ctx.getImageData(b.left, b.top, b.width, b.height).data, colours = {};
  for (let i = 0; i < img.length; i += 4) colours[(img[i] << 16) | (img[i + 1] << 8) | img[i + 2]] = 1;
  return {colours: Object.keys(colours).map(Number),
          height: u.root.querySelector("canvas").getBoundingClientRect().height,
          notes: u.root.querySelector(".si-notes").innerText, keys: u.root.querySelector(".si-keys").innerText};
})])"""


@pytest.fixture(scope="module")
def browser_page(shipped, tmp_path_factory):
    """The page of every chart type as Chromium draws it: {charts, text, errors, requests, scripts, shot}."""
    if not CHROMIUM and not os.environ.get("CI"):
        pytest.skip("Debian chromium not installed (CI installs it)")
    from playwright.sync_api import sync_playwright

    specs = _page_specs(shipped("tin_rfsquid"))
    out = tmp_path_factory.mktemp("charts")
    body = "".join(ch.chart_html(spec, key) for key, spec in specs.items())
    page_html = (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>charts</title>{ch.charts_head()}"
                 "<style>body{max-width:1180px;margin:auto}.grid{display:flex;flex-wrap:wrap;gap:1em}"
                 ".grid>.chart{flex:0 0 560px}.grid>.chart[data-chart=spread]{flex:1 1 100%}</style></head>"
                 f"<body><div class='grid'>{body}</div></body></html>")
    path = out / "charts.html"
    path.write_text(page_html, encoding="utf-8")
    seen = {"specs": specs, "errors": [], "requests": [], "shot": out / "charts.png"}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda m: seen["errors"].append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: seen["errors"].append(str(e)))
        page.on("dialog", lambda d: (seen["errors"].append("dialog: " + d.message), d.dismiss()))
        page.on("request", lambda r: seen["requests"].append(r.url))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        seen["charts"] = dict(page.evaluate(_INSPECT))
        seen["text"] = page.inner_text("body")
        seen["scripts"] = page.eval_on_selector_all("script", "els => els.length")
        page.screenshot(path=str(seen["shot"]), full_page=True)
        # the hover read-out: the cursor over the spectrum shows Φ_ext and each transition with its unit
        page.hover(".chart[data-chart='spectrum'] .u-over", position={"x": 100, "y": 60})
        seen["hover"] = page.inner_text(".chart[data-chart='spectrum'] .u-legend")
        # the explorer's path: redraw one chart from a new spec
        new = {**specs["spectrum"], "title": "explorer spectrum"}
        seen["updated"] = page.evaluate("([key, spec]) => window.superindCharts.update(key, spec).length",
                                        ["spectrum", new])
        seen["updated_title"] = page.inner_text(".chart[data-chart='spectrum'] .u-title")
        seen["canvases_after_update"] = page.eval_on_selector_all(".chart[data-chart='spectrum'] canvas",
                                                                  "els => els.length")
        browser.close()
    return seen


def _rgb(hex_colour: str) -> int:
    return int(hex_colour.lstrip("#"), 16)


def test_every_chart_draws_its_series_without_errors_or_network(browser_page):
    seen = browser_page
    assert seen["errors"] == []
    assert set(seen["requests"]) == {seen["shot"].with_name("charts.html").as_uri()}
    assert set(seen["charts"]) == set(seen["specs"])
    for key, spec in seen["specs"].items():
        drawn = seen["charts"][key]
        panels = spec["panels"] if spec["kind"] == "panels" else [spec]
        assert len(drawn) == len(panels), key
        for panel, u in zip(panels, drawn):
            colours = set(u["colours"])
            assert len(colours) > 3, key  # more than a blank plot with grid lines
            missing = [s["label"] for s in panel["series"] if _rgb(s["color"]) not in colours]
            assert not missing, (key, missing)


def test_histograms_are_readable_and_far_lines_are_named_at_the_edge(browser_page):
    seen = browser_page
    assert len(seen["charts"]["spread"]) == 5 and all(u["height"] >= 200 for u in seen["charts"]["spread"])
    # tin_rfsquid: wire modes at 32, 40, 52 GHz above the 0–15 GHz mode-resolved spectrum; E_S band down to 1e-30 GHz
    notes = seen["charts"]["multimode"][0]["notes"]
    assert "↑ wire mode 1 = 32.0 GHz" in notes and "↑ wire mode 3 = 52.3 GHz" in notes
    assert "wire mode" not in seen["charts"]["multimode"][0]["keys"]  # off the axes: a note, not a drawn line
    assert "↓ E_S band (how sure) continues to" in seen["charts"]["phase_slip"][0]["notes"]
    assert "operating Φ = 0.5 Φ0" in seen["charts"]["spectrum"][0]["keys"]


def test_hostile_strings_render_as_text(browser_page):
    seen = browser_page
    assert seen["text"].count(HOSTILE) >= 2  # the title and the legend entry, as typed
    assert seen["scripts"] == 2 + len(seen["specs"])  # the library, the renderer, one spec per chart: none injected
    assert seen["errors"] == []  # no alert() ran


def test_hovering_reads_out_the_values_with_units(browser_page):
    legend = browser_page["hover"]
    assert re.search(r"Φ_ext\s*= [\d.]+ Φ0", legend), legend
    assert len(re.findall(r"0 → \d\s*= [\d.]+ GHz", legend)) == 3, legend


def test_update_redraws_a_chart_for_the_explorer(browser_page):
    seen = browser_page
    assert seen["updated"] == 1 and seen["updated_title"] == "explorer spectrum"
    assert seen["canvases_after_update"] == 1  # the old chart is gone
    assert seen["shot"].stat().st_size > 50_000
