"""CI runs every script in examples/: each must finish and write its figure."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.py"))


@pytest.mark.parametrize("script", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_runs(script, tmp_path):
    p = subprocess.run([sys.executable, str(script), str(tmp_path)], capture_output=True, text=True, timeout=600,
                       env=dict(os.environ, MPLBACKEND="Agg"))
    assert p.returncode == 0, p.stderr[-2000:]
    assert any(tmp_path.rglob("*.png")) or any(tmp_path.rglob("*.gds")), "example wrote no output"
