"""CI runs every script in examples/: each must finish and write its figure (or layout). They run in this
process (runpy, as `python examples/NAME.py OUT` would) so the libraries are imported once."""
import runpy
import sys
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.py"))


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_runs(script, tmp_path, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setattr(sys, "argv", [str(script), str(tmp_path)])
    runpy.run_path(str(script), run_name="__main__")
    assert any(tmp_path.rglob("*.png")) or any(tmp_path.rglob("*.gds")), "example wrote no output"
