"""The ``superind`` command: one typer app assembled from one module per command group.

Every command takes ``--json`` and then prints exactly one JSON object. Exit codes: 0 success (warnings allowed),
1 a check that ran and failed (``drc`` violations, every sweep point failed, a fit that did not converge), 2 bad
input or an environment error (one line on stderr; ``--debug`` shows the traceback), 130 interrupted.

The command modules do not postpone their annotations (PEP 563): typer reads every
command's signature at each start, and string annotations would cost ~700 ``eval`` calls (15 ms) per run.
"""

import sys
import warnings
from typing import Annotated

import typer

from ..errors import InputError
from . import build, common, compare, explore, film, fit, layout, qubit, sweep, wire

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None,
                  help="superind: superinductors from disordered superconducting films.")
app.add_typer(film.app)
app.add_typer(wire.app)
app.add_typer(qubit.app, name="qubit")
app.add_typer(layout.app)
app.add_typer(build.app)
app.add_typer(sweep.app)
app.add_typer(fit.app, name="fit")
app.add_typer(compare.app)
app.add_typer(explore.app)
_DEBUG = {"on": False}


@app.callback()
def _root(debug: Annotated[bool, typer.Option("--debug", help="show tracebacks")] = False):
    _DEBUG["on"] = debug


def main(argv=None) -> int:
    """Run the app; return the exit code (bad input → one line on stderr and 2; Ctrl-C → 130)."""
    _DEBUG["on"] = False
    common.INTERRUPTION_EXPLAINED[0] = False
    try:
        with warnings.catch_warnings():
            # the libraries' own warnings (numpy's RuntimeWarning, scikit-rf's, …) are not the user's business: what
            # matters reaches them as superind's records and notes; --debug shows them again
            if "--debug" not in (argv if argv is not None else sys.argv[1:]):
                warnings.simplefilter("ignore")
            code = app(args=argv, standalone_mode=False)
    except InputError as exc:
        if _DEBUG["on"]:
            raise
        print(f"superind: error: {exc}", file=sys.stderr)
        return getattr(exc, "exit_code", 2)
    except typer.Exit as exc:
        code = exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        print(_INTERRUPTED, file=sys.stderr)
        return 130
    except Exception as exc:  # typer's (click's) usage errors: one line, exit 2
        if _DEBUG["on"]:
            raise
        if not hasattr(exc, "format_message") or not hasattr(exc, "exit_code"):  # a fault of superind itself
            print(f"superind: error: internal fault ({type(exc).__name__}: {str(exc)[:200]}); nothing was written "
                  "over an existing output — rerun with --debug for the traceback and report it", file=sys.stderr)
            return 2
        msg = exc.format_message().replace("\n", " ").strip()
        if msg:
            print(f"superind: error: {msg}", file=sys.stderr)
        return 2
    if code == 130 and not common.INTERRUPTION_EXPLAINED[0]:  # typer turns Ctrl-C into a silent exit code 130
        print(_INTERRUPTED, file=sys.stderr)
    return code if isinstance(code, int) else 0


_INTERRUPTED = "superind: interrupted; every output is left as it was before this run"


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
