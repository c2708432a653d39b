"""The README's first command end to end: build tin_rfsquid → five files; the HTML report renders in headless
Chromium with every figure non-empty and no console errors (screenshot saved under build/)."""
import json
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_build_writes_five_files_and_reuses_folder(run_cli, tmp_path):
    out = tmp_path / "out"
    for _ in range(2):  # the second run reuses the folder
        code, _, err = run_cli("build", str(ROOT / "layouts" / "tin_rfsquid.toml"), "-o", str(out))
        assert code == 0, err
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"tin_rfsquid.{ext}" for ext in ("json", "gds", "lyp", "svg", "html"))
    data = json.loads((out / "tin_rfsquid.json").read_text())
    assert data["qubit"]["f01_GHz"][100] == pytest.approx(0.36342, abs=1e-5)  # PHYSICS.md §4.1
    assert data["sources"]["material_file"].endswith("tin.yaml") and "design" in data


@pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed (CI installs it)")
def test_report_renders_in_headless_chromium(run_cli, tmp_path):
    from playwright.sync_api import sync_playwright

    out = tmp_path / "out"
    code, _, err = run_cli("build", str(ROOT / "layouts" / "tin_rfsquid.toml"), "-o", str(out))
    assert code == 0, err
    errors = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((out / "tin_rfsquid.html").as_uri())
        page.wait_for_load_state("load")
        sizes = page.eval_on_selector_all("img", "els => els.map(e => [e.naturalWidth, e.getBoundingClientRect().height])")
        svg = page.eval_on_selector(".layout svg", "e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; }")
        (ROOT / "build").mkdir(exist_ok=True)
        page.screenshot(path=str(ROOT / "build" / "report_screenshot.png"), full_page=True)
        browser.close()
    assert len(sizes) >= 5 and all(w > 0 and h > 0 for w, h in sizes), sizes
    assert svg[0] > 0 and svg[1] > 0
    assert errors == []
