"""CI runs every script in examples/: each must finish and write its figure (or layout). They run in this
process (runpy, as `python examples/NAME.py OUT` would) so the libraries are imported once."""
import runpy
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_runs(script, tmp_path, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setattr(sys, "argv", [str(script), str(tmp_path)])
    runpy.run_path(str(script), run_name="__main__")
    assert any(tmp_path.rglob("*.png")) or any(tmp_path.rglob("*.gds")), "example wrote no output"


def test_every_example_file_the_format_docs_name_is_shipped_and_reads():
    """docs/formats.md points only at shipped files, and each reads with its reader."""
    import re

    from superind.design import load_design
    from superind.fit.geometry import load_geometry
    from superind.fit.traces import load_trace
    from superind.layout import load_process
    from superind.materials import get_material

    text = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:layouts|examples|material_db|tests)/[\w./-]+\.\w+)`", text))
    assert named and all((ROOT / p).is_file() for p in named), named
    load_design(ROOT / "layouts" / "tin_rfsquid.toml")
    load_process(str(ROOT / "layouts" / "processes" / "default.toml"))
    get_material("TiN")
    assert load_geometry(ROOT / "examples" / "data" / "resonator.toml").length_m == 4e-3
    data = load_trace(ROOT / "tests" / "data" / "RES-1_-50_DBM_TEMP_0.111.csv")
    assert data.f_Hz.size == data.s.size > 1000
