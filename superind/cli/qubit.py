"""``superind qubit rfsquid|qps|zeropi|cos2phi``: spectra, matrix elements and coherence from film + wire +
junction, or directly from energies (E_L is scqubits' (Φ0/2π)²/L; the QPS fluxoid energy Φ0²/2L is
``E_L_fluxoid_GHz``; E_C = e²/2C). Each command fills a design spec and prints its ``qubit`` section.
"""

from typing import Annotated, Optional

import typer

from ..errors import InputError
from .common import Json, emit_json, emit_table, emit_verdict, evaluated
from .options import Given, with_options

app = typer.Typer(no_args_is_help=True, help="Qubit spectra and coherence: rfsquid, qps, zeropi, cos2phi.")

Plot = Annotated[Optional[str], typer.Option("--plot", help="save transitions vs flux as PNG (a .png path)")]
#: the option groups of every qubit command
GROUPS = ("design", "film", "superinductor", "junction", "qubit", "noise")


def _run(kind: str, given: Given, plot: Optional[str], as_json: bool) -> None:
    """Options of one qubit command → spec → Results → print the qubit (and multimode) section and plot."""
    if plot is not None and not plot.lower().endswith(".png"):
        raise InputError(f"--plot '{plot}': the plot is a PNG; give a path ending in .png")
    current = given.fields.get("qubit.kind")
    given.fields["qubit.kind"] = kind
    spec = given.spec(base={"name": kind})
    if spec.superinductor is None:
        raise InputError("give the superinductor: a target (--inductance, --EL, --length or --squares; with a film "
                         "--material and --width), or --design FILE")
    results = evaluated(spec, only=("film", "superinductor", "qubit", "multimode"))
    out = {**results["qubit"]}
    if "multimode" in results:
        out["multimode"] = results["multimode"]
    out["wire"] = results["superinductor"]
    out.update(verdict=results.verdict, verdicts=[v.to_dict() for v in results.verdicts])
    if plot:
        _plot(results.spectrum, plot)
        out["plot"] = plot
    if as_json:
        emit_json(out)
        return
    _print_qubit(kind, out, results)
    del current


def _print_qubit(kind: str, out: dict, results) -> None:
    """The qubit section as a table with units (energies E/h in GHz, each labelled given or derived; times with
    SI prefixes), then the multimode section, the verdict records and the overall verdict."""
    from ..format import by_key, cutoff_text, duration, ghz, qubit_energy_rows

    f01 = out["f01_GHz"]
    rows = qubit_energy_rows(out)
    rows += [(k.removesuffix("_A").removesuffix("_H"), by_key(k, v)) for k, v in out.items()
             if k in ("L_H", "persistent_current_A") and isinstance(v, float)]
    at = out["operating_flux"]
    rows += [("model", out["model"]),
             ("flux points", f"{len(f01)} from {out['flux'][0]:g} Φ0 to {out['flux'][-1]:g} Φ0"),
             ("f01", f"{ghz(min(f01))} … {ghz(max(f01))}"), (f"f01 at {at:g} Φ0", ghz(out["f01_operating_GHz"])),
             ("cut-off", cutoff_text(out["cutoff"]),
              f"levels converged to {ghz(out['convergence_GHz'], 2)}")]
    sweet = abs(2 * at - round(2 * at)) < 1e-9
    for key in ("T1_s", "Tphi_s", "T2_s"):
        if out.get(key) is not None:
            rows.append((f"{key[:-2]} at {at:g} Φ0", duration(out[key], dephasing_at_sweet_spot=sweet and key != "T1_s")))
    if out.get("plot"):
        rows.append(("wrote (plot)", out["plot"]))
    emit_table(f"{kind} qubit", rows, [] if "multimode" in out else results.verdicts)
    if "multimode" in out:
        _print_multimode(out["multimode"], at, results.verdicts)
    emit_verdict(results)


def _print_multimode(m: dict, at: float, warnings) -> None:
    """The superinductor's modes in the Hamiltonian (``multimode_rows``) and the truncation that converged them."""
    from ..format import cutoff_text, ghz, multimode_rows

    rows = multimode_rows(m, at) + [("truncation", cutoff_text(m["cutoff"]),
                                     f"levels converged to {ghz(m['convergence_GHz'], 2)}")]
    count = f"{m['modes']} lowest modes" if m["modes"] != 1 else "lowest mode"
    emit_table(f"with the superinductor's {count} (multimode)", rows, warnings)


def _plot(spectrum, path: str) -> None:
    """Transitions vs flux as a PNG (matplotlib Figure with the Agg canvas: no global backend change)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 4), layout="constrained")
    spectrum.plot(ax=fig.add_subplot())
    from ..atomic import atomic_write

    atomic_write(path, lambda tmp: fig.savefig(tmp, dpi=120, format="png"))


@app.command()
@with_options(*GROUPS)
def rfsquid(given: Given, plot: Plot = None, as_json: Json = False):
    """RF-SQUID / fluxonium: junction shunted by a film superinductor (scqubits Fluxonium conventions)."""
    _run("rfsquid", given, plot, as_json)


@app.command()
@with_options(*GROUPS)
def qps(given: Given, plot: Plot = None, as_json: Json = False):
    """Phase-slip flux qubit in the fluxoid basis: E_L^fluxoid = Φ0²/2L, E_S given or from the wire."""
    _run("qps", given, plot, as_json)


@app.command()
@with_options(*GROUPS)
def zeropi(given: Given, plot: Plot = None, as_json: Json = False):
    """0-π qubit (scqubits ZeroPi): --EC/--C is each junction's E_CJ/C_J, --EC-shunt/--C-shunt each big capacitor."""
    _run("zeropi", given, plot, as_json)


@app.command()
@with_options(*GROUPS)
def cos2phi(given: Given, plot: Plot = None, as_json: Json = False):
    """cos2φ qubit (scqubits Cos2PhiQubit): --EC/--C is each junction's E_CJ/C_J, --EC-shunt/--C-shunt the shunt."""
    _run("cos2phi", given, plot, as_json)
