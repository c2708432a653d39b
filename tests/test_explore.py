"""The explorer (superind.output.explore): its local server's safety (127.0.0.1, token, Host), the API (a bad value
names its control and keeps the last result; Save writes a design that reads back; Build writes the set), the
Jupyter view, and — in headless Chromium — a width changed on the page shows the numbers of `superind build` of
the edited design."""
import json
import os
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import superind as si
from superind.output.explore import explore

ROOT = Path(__file__).resolve().parents[1]
DESIGN = ROOT / "layouts" / "tin_rfsquid.toml"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SHOWN = ("qubit.f01_operating_GHz", "superinductor.E_L_GHz", "superinductor.f_self_Hz", "qubit.T2_s")


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    folder = tmp_path_factory.mktemp("explore")
    design = folder / "design.toml"
    design.write_text(DESIGN.read_text())
    server = explore(design, folder / "out")
    yield server, design, folder
    server.close()


def call(server, action, body, token=None, host=None):
    base = server.url.split("?")[0].rstrip("/")
    request = urllib.request.Request(f"{base}/{action}?token={token or server.explorer.token}",
                                     data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **({"Host": host} if host else {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as exc:
        return exc.code, None


def test_only_the_token_and_a_local_host_are_served(running):
    server, _, _ = running
    assert server.server.server_address[0] == "127.0.0.1"
    assert call(server, "api/update", {"edits": {}}, token="guess")[0] == 403
    assert call(server, "api/update", {"edits": {}}, host="evil.example:80")[0] == 403
    with urllib.request.urlopen(server.url, timeout=60) as page:
        text = page.read().decode()
    assert "data-field='superinductor.width'" in text and "data-key='qubit.f01_operating_GHz'" in text
    assert "https://" not in text.split("<script type='application/json' id='explore-config'>")[0].split(
        "</style>", 1)[0]  # nothing fetched: no remote URL in the head


def test_a_bad_value_names_its_control(running):
    server, _, _ = running
    code, reply = call(server, "api/update", {"edits": {"superinductor.width": "12 apples"}, "stage": "fast"})
    assert code == 200 and reply["field"] == "superinductor.width" and "cannot read '12 apples'" in reply["error"]
    code, reply = call(server, "api/update", {"edits": {"junction.E_J": "-3 GHz"}, "stage": "fast"})
    assert reply["field"] == "junction.E_J" and "\n" not in reply["error"]


def test_save_writes_the_edited_design_and_build_the_output_set(running):
    server, design, folder = running
    code, reply = call(server, "api/save", {"edits": {"superinductor.width": "120 nm"}})
    assert code == 200 and reply["saved"] == str(design)
    saved = si.load_design(design)
    assert saved.superinductor.width == pytest.approx(120e-9) and saved.name == "tin_rfsquid"
    assert saved.model_dump() == si.load_design(DESIGN).with_(**{"superinductor.width": "120 nm"}).model_dump()
    code, reply = call(server, "api/build", {"edits": {}})
    assert sorted(Path(p).suffix for p in reply["written"]) == [".gds", ".html", ".json", ".lyp", ".svg"]


def test_the_jupyter_view_is_the_same_page():
    spec = si.load_design(DESIGN)
    server = explore(spec)
    try:
        html = server._repr_html_()
        assert "<iframe" in html and server.explorer.token in html
        with urllib.request.urlopen(server.url, timeout=60) as page:
            assert "data-field='superinductor.width'" in page.read().decode()
        assert server.explorer.design_path is None  # opened from a spec: Save is disabled
    finally:
        server.close()


@pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="Debian chromium not installed (CI has it)")
def test_a_width_changed_in_the_browser_shows_the_build_of_the_edited_design(running):
    from playwright.sync_api import sync_playwright

    server, _, _ = running
    expected = si.evaluate(si.resolve(si.load_design(DESIGN).with_(**{"superinductor.width": "110 nm"}))).to_dict()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(server.url)
        page.fill("input[data-field='superinductor.width']", "110 nm")
        page.dispatch_event("input[data-field='superinductor.width']", "change")
        page.wait_for_function("document.body.dataset.stage === 'full' && document.body.dataset.fullMs", timeout=60000)
        shown = {key: json.loads(page.get_attribute(f"[data-key='{key}']", "data-value")) for key in SHOWN}
        fast_ms, full_ms = (int(page.evaluate(f"document.body.dataset.{k}")) for k in ("fastMs", "fullMs"))
        canvases = page.eval_on_selector_all(".chart canvas", "els => els.length")
        browser.close()
    for key in SHOWN:
        section, name = key.split(".")
        assert shown[key] == pytest.approx(expected[section][name], rel=1e-12), key
    assert canvases >= 3 and errors == [] and 0 < fast_ms <= full_ms
