import json
import os
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import settings

from superind.cli import main

# hypothesis keeps no example database: the suite writes nothing into the repository (or anywhere but tmp folders)
settings.register_profile("superind", database=None)
settings.load_profile("superind")

LAYOUTS = Path(__file__).parents[1] / "layouts"


@lru_cache(maxsize=None)
def _shipped_results(name: str):
    from superind.design import evaluate, load_design, resolve

    return evaluate(resolve(load_design(LAYOUTS / f"{name}.toml")))


@pytest.fixture(scope="session")
def shipped():
    """``shipped(name)``: the Results of the shipped design layouts/NAME.toml, evaluated once per test process
    (layout included); tests read them and must not modify them."""
    return _shipped_results


@pytest.fixture
def run_cli(capsys):
    """Run the superind CLI in-process; return (exit code, stdout, stderr)."""
    def run(*args):
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err
    return run


@pytest.fixture
def run_json(run_cli):
    def run(*args):
        code, out, err = run_cli(*args, "--json")
        assert code == 0, err
        return json.loads(out)
    return run


@pytest.fixture(autouse=True)
def _no_user_materials(monkeypatch, tmp_path, tmp_path_factory):
    """Tests see only the shipped database (an empty user folder) unless they set SUPERIND_MATERIALS themselves."""
    monkeypatch.setenv("SUPERIND_MATERIALS", str(tmp_path_factory.mktemp("no-user-materials")))
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    os.environ.setdefault("MPLBACKEND", "Agg")
