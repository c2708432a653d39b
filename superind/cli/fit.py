"""``superind fit resonator|temperature|spectrum FILE``: measurements → fitted parameters (→ a calibrated film).

Parses options, calls ``superind.fit``, prints one JSON object (``--json``) or an aligned table. Everything is
computed and validated before any file (``--plot``, ``--save-film``, ``--save-phase-slip``) is written. Bad input
raises InputError (exit 2); a fit that ran and failed raises FitFailed (exit 1).
"""

from typing import Annotated, Optional

import typer

from .common import Diffusion, GapRatio, Json, Material, Rsq, Tc, Thickness, emit_json, emit_table
from ..errors import InputError

app = typer.Typer(name="fit", no_args_is_help=True, add_completion=False,
                  help="Fit measurements: resonator S-parameters, f0(T), flux spectroscopy → a calibrated film.")

File = Annotated[str, typer.Argument(help="measurement file")]
Port = Annotated[str, typer.Option("--port", help="S-parameter i j (1-based), e.g. 21 or 11")]
Model = Annotated[str, typer.Option("--model", help="notch | reflection | transmission")]
Geometry = Annotated[Optional[str], typer.Option("--geometry", help="resonator geometry TOML ([resonator] table) "
                                                 "→ L_k,□ and the kinetic fraction")]
Plot = Annotated[Optional[str], typer.Option("--plot", help="save a figure of data and fit, e.g. fit.png")]
SaveFilm = Annotated[Optional[str], typer.Option("--save-film", help="save the calibrated film as material NAME "
                                                 "(needs --material)")]
Kind = Annotated[str, typer.Option("--kind", help="qps | rfsquid (fluxonium)")]
Tls = Annotated[bool, typer.Option("--tls", help="fit the two-level-system shift jointly")]
MaskBelow = Annotated[Optional[str], typer.Option("--mask-below", help="leave out points below this temperature, "
                                                  "e.g. '150 mK'")]
Period = Annotated[Optional[str], typer.Option("--period", help="current axis: start value of one flux quantum, "
                                               "e.g. '2.5 mA'")]
Offset = Annotated[Optional[str], typer.Option("--offset", help="current axis: start value of the zero-flux current")]
SavePhaseSlip = Annotated[Optional[str], typer.Option("--save-phase-slip", help="qps: add the fitted E_S to the "
                                                      "calibration set NAME (needs --wire-width, --wire-length)")]
WireWidth = Annotated[Optional[str], typer.Option("--wire-width", help="phase-slip wire width, e.g. '40 nm'")]
WireLength = Annotated[Optional[str], typer.Option("--wire-length", help="phase-slip wire length, e.g. '400 nm'")]


def _q(text, kind, name, positive=True):
    from ..units import parse_quantity

    return None if text is None else parse_quantity(text, kind, name, positive=positive)


def _pm(out: dict, key: str, scale: float, unit: str, spec: str = ".7g") -> str:
    """'value ± σ unit' for a result key (σ from ``key_std``)."""
    v, s = out.get(key), out.get(f"{key}_std")
    if v is None:
        return "—"
    err = "" if not s or s != s else f" ± {s * scale:.2g}"
    return f"{v * scale:{spec}}{err} {unit}".rstrip()


def _film_saver(save_film, material, fitted: dict, file, fit: str):
    """Validate a --save-film request before anything is written; return the call that saves it (or None)."""
    from ..fit.records import film_material, measured_source, save_film as save

    if save_film is None:
        return None
    if material is None:
        raise InputError("--save-film needs --material BASE (the material whose sourced ranges the film copies)")
    source = measured_source(file, fit)
    film_material(save_film, material, fitted, source)
    return lambda: save(save_film, material, fitted, source)


def _finish(out: dict, plot, figure, save, title: str, rows, as_json: bool):
    """Write the figure, then the record (``save()``), after everything was computed; then print."""
    if plot is not None:
        from ..atomic import atomic_write

        fig = figure()
        try:
            atomic_write(plot, lambda tmp: fig.savefig(tmp, format="png", dpi=120))
        finally:
            import matplotlib.pyplot as plt

            plt.close(fig)
        out["plot"] = str(plot)
    if save is not None:
        out["saved"] = str(save())
    if as_json:
        emit_json(out)
        return
    rows += [("figure", out["plot"])] if "plot" in out else []
    rows += [("saved", out["saved"])] if "saved" in out else []
    emit_table(title, rows, out.get("warnings", ()))


@app.command()
def resonator(file: File, port: Port = "21", model: Model = "notch", geometry: Geometry = None,
              as_json: Json = False, plot: Plot = None, save_film: SaveFilm = None, material: Material = None,
              rsq: Rsq = None, thickness: Thickness = None):
    """Fit a resonance (Touchstone .s1p/.s2p): f0, Q_loaded, Q_internal, Q_coupling, φ, cable delay."""
    from ..fit.geometry import load_geometry
    from ..fit.resonator import fit_touchstone, plot_resonator

    geo = load_geometry(geometry) if geometry else None
    fit, data = fit_touchstone(file, port, model)
    out = fit.to_dict()
    fitted = {"R_sq_ohm": _q(rsq, "resistance", "--rsq"), "thickness_m": _q(thickness, "length", "--thickness")}
    if geo is not None:
        lk = geo.kinetic_inductance(fit.f0_Hz, fit.std["f0_Hz"])
        out.update(lk, geometry=geo.kind)
        fitted.update(lk)
    save = _film_saver(save_film, material, {k: v for k, v in fitted.items() if v is not None}, file,
                       f"{model} resonator S{port}" + (f" + {geo.kind} geometry" if geo else ""))
    rows = [("model", f"{model} (S{port})"), ("f0", _pm(out, "f0_Hz", 1e-9, "GHz", ".10g")),
            ("Q_loaded", _pm(out, "Q_loaded", 1, "", ".6g")), ("Q_internal", _pm(out, "Q_internal", 1, "", ".6g")),
            ("Q_coupling", _pm(out, "Q_coupling", 1, "", ".6g")), ("φ", _pm(out, "phi_rad", 1, "rad", ".4g")),
            ("cable delay", _pm(out, "delay_s", 1e9, "ns", ".5g"))]
    if geo is not None:
        rows += [("L_k,□", _pm(out, "L_k_sq_H", 1e12, "pH/□", ".6g")),
                 ("kinetic fraction", _pm(out, "kinetic_fraction", 1, "", ".6g"))]
    _finish(out, plot, lambda: plot_resonator(fit, data), save, f"resonator fit: {file}", rows, as_json)


@app.command()
def temperature(file: File, gap_ratio: GapRatio = None, tc: Tc = None, tls: Tls = False, mask_below: MaskBelow = None,
                geometry: Geometry = None, as_json: Json = False, plot: Plot = None, save_film: SaveFilm = None,
                material: Material = None, rsq: Rsq = None):
    """Fit f0(T) (CSV: T_K, f0_Hz[, Q_internal]) for Δ0 and the kinetic fraction (Mattis–Bardeen, BCS Δ(T))."""
    from ..units import scale_to
    from ..fit.geometry import load_geometry
    from ..fit.temperature import fit_f0_vs_temperature, load_f0_vs_temperature, plot_temperature

    geo = load_geometry(geometry) if geometry else None
    data = load_f0_vs_temperature(file)
    fit = fit_f0_vs_temperature(data.T_K, data.f0_Hz, gap_ratio=gap_ratio, Tc_K=_q(tc, "temperature", "--tc"),
                                tls=tls, mask_below_K=_q(mask_below, "temperature", "--mask-below"), where=file)
    out = fit.to_dict()
    if data.Q_internal is not None:
        out["warnings"].append("the Q_internal column was read but is not fitted: Δ0 and α come from f0(T) alone")
    fitted = {k: out[k] for k in ("Delta0_J", "Delta0_J_std", "Tc_K", "Tc_K_std", "kinetic_fraction",
                                  "kinetic_fraction_std")}
    if tc is not None:
        fitted.update(gap_ratio=out["gap_ratio"], gap_ratio_std=out["gap_ratio_std"])
    if rsq is not None:
        fitted["R_sq_ohm"] = _q(rsq, "resistance", "--rsq")
    if geo is not None:
        lk = geo.kinetic_inductance(fit.f0_zero_Hz, fit.std["f0_zero_Hz"])
        out.update(L_k_sq_H=lk["L_k_sq_H"], L_k_sq_H_std=lk["L_k_sq_H_std"], geometry=geo.kind)
        fitted.update(L_k_sq_H=lk["L_k_sq_H"], L_k_sq_H_std=lk["L_k_sq_H_std"])
    save = _film_saver(save_film, material, fitted, file, "f0(T) Mattis–Bardeen" + (" + TLS" if tls else ""))
    rows = [("f0(0)", _pm(out, "f0_zero_Hz", 1e-9, "GHz", ".10g")), ("Δ0", _pm(out, "Delta0_J", scale_to("J", "ueV"), "µeV", ".6g")),
            ("Δ0/h", f"{out['Delta0_GHz']:.6g} GHz"), ("T_c", _pm(out, "Tc_K", 1, "K", ".6g")),
            ("Δ0/k_BT_c", _pm(out, "gap_ratio", 1, "", ".5g") + ("" if tc else " (assumed)")),
            ("kinetic fraction α", _pm(out, "kinetic_fraction", 1, "", ".6g")),
            ("points", f"{out['n_points']} fitted, {out['n_masked']} masked")]
    if tls:
        rows.append(("Fδ_TLS", _pm(out, "F_delta_TLS", 1, "", ".4g")))
    if geo is not None:
        rows.append(("L_k,□ (T → 0)", _pm(out, "L_k_sq_H", 1e12, "pH/□", ".6g")))
    _finish(out, plot, lambda: plot_temperature(fit, data), save, f"f0(T) fit: {file}", rows, as_json)


@app.command()
def spectrum(file: File, kind: Kind, period: Period = None, offset: Offset = None, as_json: Json = False,
             plot: Plot = None, save_phase_slip: SavePhaseSlip = None, material: Material = None,
             wire_width: WireWidth = None, wire_length: WireLength = None, rsq: Rsq = None, tc: Tc = None,
             diffusion: Diffusion = None):
    """Fit flux spectroscopy (CSV: flux or current_A, f_GHz[, transition 'i-j']) to a QPS or fluxonium qubit."""
    from ..fit.spectrum import fit_spectrum, load_spectroscopy, plot_spectrum

    data = load_spectroscopy(file)
    if save_phase_slip is not None and (kind != "qps" or wire_width is None or wire_length is None or material is None):
        raise InputError("--save-phase-slip needs --kind qps, --material, --wire-width and --wire-length")
    fit = fit_spectrum(data.x, data.f_GHz, kind, transitions=data.transitions, x_is_current=data.x_is_current,
                       period_A=_q(period, "current", "--period"), offset_A=_q(offset, "current", "--offset", False),
                       where=file)
    out = fit.to_dict()
    save = None
    if save_phase_slip is not None:
        from ..fit.records import check_name, measured_source, save_phase_slip as save_ps

        check_name(save_phase_slip)
        wire = dict(width_m=_q(wire_width, "length", "--wire-width"),
                    length_m=_q(wire_length, "length", "--wire-length"), R_sq_ohm=_q(rsq, "resistance", "--rsq"),
                    Tc_K=_q(tc, "temperature", "--tc"),
                    diffusion_m2_per_s=_q(diffusion, "diffusion", "--diffusion"))
        save = lambda: save_ps(save_phase_slip, material, out, measured_source(file, "qps spectrum"), **wire)
    rows = [(k.removesuffix("_GHz").replace("_fluxoid", " (Φ0²/2L)"), _pm(out, k, 1, "GHz", ".6g"))
            for k in fit.energies_GHz]
    rows += [("L", _pm(out, "L_H", 1e9, "nH", ".5g"))]
    if fit.period_A is not None:
        rows += [("flux period", _pm(out, "flux_period_A", 1e3, "mA", ".6g")),
                 ("flux offset", _pm(out, "flux_offset_A", 1e3, "mA", ".6g"))]
    rows += [("transitions", f"{out['assignment']}: " + ", ".join(f"{t} ×{out['transitions'].count(t)}"
                                                                 for t in sorted(set(out["transitions"])))),
             ("residual rms", f"{out['residual_rms_GHz'] * 1e3:.3g} MHz"),
             ("solver", ", ".join(f"{k} {v}" for k, v in out["solver"].items()))]
    _finish(out, plot, lambda: plot_spectrum(fit, data), save, f"{kind} spectrum fit: {file}", rows, as_json)
