"""``superind explore DESIGN.toml``: the design live in the browser (superind.output.explore)."""

import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer()


@app.command()
def explore(design_file: Annotated[str, typer.Argument(help="design file, e.g. layouts/tin_rfsquid.toml")],
            out: Annotated[Optional[str], typer.Option("-o", "--out", help="folder the Build button writes "
                                                       "(default build/NAME)")] = None,
            port: Annotated[int, typer.Option("--port", help="local port (default: a free one)")] = 0,
            no_browser: Annotated[bool, typer.Option("--no-browser", help="print the URL only")] = False):
    """Explore a design live: controls for its main fields, the verdict, cards, charts and layout recomputed as you
    edit; Save writes the design, Build the output set. Serves 127.0.0.1 only, with a token in the URL; Ctrl-C
    stops it."""
    from ..design import load_design
    from ..files import check_output, design_inputs
    from ..output.explore import explore as start

    spec = load_design(design_file)
    folder = Path(out) if out else Path("build") / spec.name
    check_output(folder / f"{spec.name}.json", design_inputs(spec))
    running = start(design_file, folder, port)
    print(f"superind explore: {running.url}", flush=True)
    print("  Save writes the design file, Build writes into " + str(folder) + "; Ctrl-C stops", file=sys.stderr)
    if not no_browser:
        import webbrowser

        webbrowser.open(running.url)
    try:
        while True:
            time.sleep(3600)
    finally:
        running.close()
