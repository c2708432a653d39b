"""``superind fit resonator|temperature|spectrum FILE``: measurements → fitted parameters (→ a calibrated film).

Parses options, calls ``superind.fit``, prints one JSON object (``--json``) or an aligned table. Everything is
computed and validated before any file (``--plot``, ``--save-film``, ``--save-phase-slip``) is written. Bad input
raises InputError (exit 2); a fit that ran and failed raises FitFailed (exit 1).
"""

from typing import Annotated, Optional

import typer

from .common import (Diffusion, GapRatio, Json, Material, PairBreaking, Rsq, Tc, Thickness, emit_json,
                     emit_table)
from ..errors import InputError

app = typer.Typer(name="fit", no_args_is_help=True, add_completion=False,
                  help="Fit measurements: resonator S-parameters, f0(T), flux spectroscopy → a calibrated film.")

File = Annotated[str, typer.Argument(help="measurement file")]
Port = Annotated[str, typer.Option("--port", help="S-parameter i j (1-based), e.g. 21 or 11")]
Model = Annotated[str, typer.Option("--model", help="auto (best of those the port allows) | notch | reflection | "
                                    "transmission")]
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


def _replaces(save_film, replace: bool) -> list:
    """The warning that --save-film --replace shadows a shipped material (empty otherwise)."""
    from ..fit.records import shipped_material

    shipped = shipped_material(save_film) if save_film and replace else None
    return [f"--save-film {save_film} --replace: the saved film replaces the shipped material {shipped} for every "
            "later command (remove the file to restore it)"] if shipped else []


def _film_saver(save_film, material, fitted: dict, file, fit: str, replace: bool = False):
    """Validate a --save-film request before anything is written; return the call that saves it (or None)."""
    from ..fit.records import film_material, measured_source, save_film as save

    if save_film is None:
        return None
    if material is None:
        raise InputError("--save-film needs --material BASE (the material whose sourced ranges the film copies)")
    source = measured_source(file, fit)
    film_material(save_film, material, fitted, source, replace)
    return lambda: save(save_film, material, fitted, source, replace=replace)


def _phase_slip_film(name, material, out: dict, file, kind, replace, width, length, rsq, tc, diffusion):
    """The saver of a film calibrated by a fitted QPS spectrum: its measured E_S (± σ) on a wire of the given
    geometry and film, plus the film's R_sq and T_c (``superind.phaseslip.film_model`` reads it)."""
    from ..film import make_film

    needed = {"--kind qps": kind == "qps", "--material": material is not None, "--wire-width": width is not None,
              "--wire-length": length is not None, "--rsq": rsq is not None, "--tc": tc is not None}
    missing = [k for k, ok in needed.items() if not ok]
    if missing:
        raise InputError(f"--save-film with a spectrum fit calibrates the film's phase slips: give {', '.join(missing)}")
    if not out.get("E_S_GHz", 0) > 0:
        raise InputError("--save-film: the fit gave no positive E_S")
    film = make_film(material, rsq, Tc=tc, diffusion=diffusion)
    if film.diffusion_m2_per_s is None:
        raise InputError(f"--save-film: {film.material.name} has no diffusion constant; give --diffusion")
    record = {"E_S_GHz": float(out["E_S_GHz"]), "E_S_GHz_std": float(out.get("E_S_GHz_std") or 0.0),
              "width_m": _q(width, "length", "--wire-width"), "length_m": _q(length, "length", "--wire-length"),
              "R_sq_ohm": film.R_sq_ohm, "Tc_K": film.Tc_K, "diffusion_m2_per_s": film.diffusion_m2_per_s}
    fitted = {"R_sq_ohm": film.R_sq_ohm, "Tc_K": film.Tc_K, "phase_slip": record}
    return _film_saver(name, material, fitted, file, "qps spectrum (E_S)", replace)


def _check_outputs(plot, inputs) -> None:
    """--plot must name a .png that is none of the input files (checked before any work)."""
    from pathlib import Path

    if plot is None:
        return
    if Path(plot).suffix.lower() != ".png":
        raise InputError(f"--plot {plot}: the figure is written as PNG; give a name ending in .png")
    if any(Path(plot).resolve() == Path(i).resolve() for i in inputs):
        raise InputError(f"--plot {plot} is one of the input files; choose another name")


def _finish(out: dict, plot, figure, save, title: str, rows, as_json: bool):
    """Write the figure, then the record (``save()``), after everything was computed; then print."""
    if plot is not None:
        from ..atomic import atomic_write

        fig = figure()
        atomic_write(plot, lambda tmp: fig.savefig(tmp, format="png", dpi=120))
        out["plot"] = str(plot)
    if save is not None:
        out["saved"] = str(save())
    if as_json:
        emit_json(out)
        return
    rows += [("figure", out["plot"])] if "plot" in out else []
    rows += [("saved", out["saved"])] if "saved" in out else []
    emit_table(title, rows, out.get("warnings", ()))


Files = Annotated[list[str], typer.Argument(help="Touchstone (.s1p/.s2p) or CSV files (one fit each; a power series)")]
Delay = Annotated[Optional[str], typer.Option("--delay", help="fix the cable delay, e.g. '45 ns' (default: fitted)")]
Powers = Annotated[Optional[list[str]], typer.Option("--power-dBm", help="drive power at the VNA per file [dBm], "
                                                     "e.g. --power-dBm=-60,-50,-40")]
PowerPattern = Annotated[Optional[str], typer.Option("--power-pattern", help="read each file's power [dBm] from its "
                                                     "name: a regular expression whose group 1 is the power, e.g. "
                                                     "'_(-?[0-9.]+)_?dBm'")]
Attenuation = Annotated[Optional[str], typer.Option("--attenuation", help="line attenuation from the VNA to the "
                                                    "resonator, e.g. '70 dB' → photon number n̄")]
MeasuredAt = Annotated[Optional[str], typer.Option("--temperature", help="temperature of the measurement, e.g. "
                                                   "'20 mK' (TLS tanh(hf/2k_BT); stored with Q_i)")]
Replace = Annotated[bool, typer.Option("--replace", help="--save-film may replace a shipped material of that name")]

def _powers(files, powers, pattern):
    from ..fit.power import powers_from_names

    if powers and pattern:
        raise InputError("give --power-dBm or --power-pattern, not both")
    if pattern:
        return powers_from_names(files, pattern)
    if not powers:
        return None
    from ..units import parse_number

    return [parse_number(p.strip(), "--power-dBm", positive=False) for item in powers for p in item.split(",")
            if p.strip()]


def _row_dict(row) -> dict:
    out = {"file": row.file}
    if row.power_dBm is not None:
        out["power_dBm"] = row.power_dBm
    if row.photons is not None:
        out["photon_number"] = row.photons
    if row.failure:
        return {**out, "failure": row.failure}
    out.update(row.fit.to_dict())
    out.update(n_read=row.data.n_read, n_sweeps=row.data.n_sweeps, n_merged=row.data.n_merged,
               points=row.data.describe())
    return out


def _q_text(fit) -> str:
    if fit.Q_internal is not None:
        lo, hi = fit.intervals["Q_internal"]
        return f"{fit.Q_internal:.5g} (68 %: {lo:.4g} – {hi:.4g})"
    return f"undetermined; > {fit.Q_internal_lower_95:.4g} (95 %)"


@app.command()
def resonator(files: Files, port: Port = "21", model: Model = "auto", delay: Delay = None,
              power_dbm: Powers = None, power_pattern: PowerPattern = None, attenuation: Attenuation = None,
              temperature: MeasuredAt = None, geometry: Geometry = None, as_json: Json = False, plot: Plot = None,
              save_film: SaveFilm = None, material: Material = None, replace: Replace = False, rsq: Rsq = None,
              thickness: Thickness = None):
    """Fit resonances (Touchstone .s1p/.s2p or CSV): f0, Q_loaded, Q_internal (or its lower bound), Q_coupling, φ,
    cable delay; several files give one table, with --power-dBm a power series and its TLS fit."""
    from ..fit.geometry import load_geometry
    from ..fit.series import film_values, fit_series, plot_series

    _check_outputs(plot, files)
    geo = load_geometry(geometry) if geometry else None
    powers = _powers(files, power_dbm, power_pattern)
    T_K = _q(temperature, "temperature", "--temperature")
    series = fit_series(files, port=port, model=model, delay_s=_q(delay, "time", "--delay", False),
                        powers_dBm=powers, attenuation_dB=None if attenuation is None else _attenuation(attenuation),
                        T_K=T_K)
    rows_out = [_row_dict(r) for r in series.rows]
    fitted = {"R_sq_ohm": _q(rsq, "resistance", "--rsq"), "thickness_m": _q(thickness, "length", "--thickness")}
    first = next(r for r in series.rows if r.fit is not None)
    if geo is not None:
        lk = geo.kinetic_inductance(first.fit.f0_Hz, first.fit.std["f0_Hz"])
        for r, o in zip(series.rows, rows_out):
            if r.fit is not None:
                o.update(geo.kinetic_inductance(r.fit.f0_Hz, r.fit.std["f0_Hz"]), geometry=geo.kind)
        fitted.update({k: v for k, v in lk.items() if k in ("L_k_sq_H", "L_k_sq_H_std", "kinetic_fraction",
                                                              "kinetic_fraction_std")})
    fitted.update(film_values(series, T_K))
    save = _film_saver(save_film, material, {k: v for k, v in fitted.items() if v is not None}, files[0],
                       f"{first.fit.model} resonator S{port}" + (f" + {geo.kind} geometry" if geo else ""), replace)
    single = len(files) == 1
    out = dict(rows_out[0]) if single else {"fits": rows_out}
    if series.tls is not None:
        out["tls"] = series.tls.to_dict()
    out["warnings"] = (list(out.get("warnings", [])) if single else []) + series.warnings + _replaces(save_film,
                                                                                                        replace)
    figure = (lambda: plot_series(series)) if not single and powers else (
        lambda: plot_resonator(first.fit, first.data))
    from ..fit.resonator import plot_resonator

    _finish(out, plot, figure, save, f"resonator fit: {', '.join(files)}", _resonator_rows(series, geo, port),
            as_json)


def _pair_breaking(text) -> float:
    from ..units import parse_number

    value = 0.0 if text is None else parse_number(text, "--pair-breaking", positive=False)
    if not 0 <= value < 0.5:
        raise InputError(f"--pair-breaking {value:g}: Γ/Δ00 must be in [0, 0.5) (Abrikosov–Gor'kov: T_c = 0 at 0.5)")
    return value


def _attenuation(text) -> float:
    """'70 dB' or '70' → 70 (dB, ≥ 0)."""
    from ..units import parse_number

    value = parse_number(str(text).strip().removesuffix("dB").strip(), "--attenuation", positive=False)
    if value < 0:
        raise InputError(f"--attenuation {text}: give the loss from the VNA to the resonator as a positive dB value")
    return value


def _resonator_rows(series, geo, port):
    rows = []
    for r in series.rows:
        tag = "" if len(series.rows) == 1 else f"{r.file}: "
        if r.power_dBm is not None:
            tag += f"{r.power_dBm:g} dBm" + (f" (n̄ = {r.photons:.3g})" if r.photons is not None else "") + ": "
        if r.fit is None:
            rows.append((tag + "fit", "failed: " + r.failure))
            continue
        out = r.fit.to_dict()
        rows += [(tag + "model", f"{r.fit.model} (S{port}), {r.data.describe()}"),
                 (tag + "f0", _pm(out, "f0_Hz", 1e-9, "GHz", ".10g")),
                 (tag + "Q_loaded", _pm(out, "Q_loaded", 1, "", ".6g")), (tag + "Q_internal", _q_text(r.fit)),
                 (tag + "Q_coupling", _pm(out, "Q_coupling", 1, "", ".6g")),
                 (tag + "φ", _pm(out, "phi_rad", 1, "rad", ".4g")),
                 (tag + "cable delay", _pm(out, "delay_s", 1e9, "ns", ".5g") + ("" if r.fit.delay_fitted
                                                                                else " (given)")),
                 (tag + "residual / noise", f"{out['residual_over_noise']:.2f}")]
        if geo is not None:
            lk = geo.kinetic_inductance(r.fit.f0_Hz, r.fit.std["f0_Hz"])
            rows += [(tag + "L_k,□", _pm(lk, "L_k_sq_H", 1e12, "pH/□", ".6g")),
                     (tag + "kinetic fraction", _pm(lk, "kinetic_fraction", 1, "", ".6g"))]
    if geo is not None:
        tol = ", ".join(f"{k} ±{v:.3g}" for k, v in geo.tolerance_table().items())
        rows.append(("geometry tolerances", f"{tol} (relative 1σ, "
                     f"{'from the file' if geo.tolerances_given else 'assumed defaults'}) → in the σ of L_k,□"))
    if series.tls is not None:
        t = series.tls.to_dict()
        c = "n_c" if "n_c" in t else "P_c_W"
        rows += [("TLS F·δ⁰", _pm(t, "F_delta0", 1, "", ".4g")),
                 ("TLS " + c, _pm(t, c, 1, "photons" if c == "n_c" else "W", ".4g")),
                 ("TLS β", _pm(t, "beta", 1, "", ".3g")), ("Q_other", f"{t['Q_other']:.4g}" if t["Q_other"] else "—")]
    return rows


@app.command()
def temperature(file: File, gap_ratio: GapRatio = None, tc: Tc = None, tls: Tls = False, mask_below: MaskBelow = None,
                geometry: Geometry = None, as_json: Json = False, plot: Plot = None, save_film: SaveFilm = None,
                material: Material = None, rsq: Rsq = None, pair_breaking: PairBreaking = None, replace: Replace = False):
    """Fit f0(T) (CSV: T_K, f0_Hz[, Q_internal]) for Δ0 and the kinetic fraction (Mattis–Bardeen, BCS Δ(T))."""
    from ..units import scale_to
    from ..fit.geometry import load_geometry
    from ..fit.temperature import fit_f0_vs_temperature, load_f0_vs_temperature, plot_temperature

    _check_outputs(plot, [file])
    geo = load_geometry(geometry) if geometry else None
    data = load_f0_vs_temperature(file)
    fit = fit_f0_vs_temperature(data.T_K, data.f0_Hz, gap_ratio=gap_ratio, Tc_K=_q(tc, "temperature", "--tc"),
                                tls=tls, mask_below_K=_q(mask_below, "temperature", "--mask-below"),
                                pair_breaking=_pair_breaking(pair_breaking), where=file)
    out = fit.to_dict()
    out["warnings"] += _replaces(save_film, replace)
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
    save = _film_saver(save_film, material, fitted, file, "f0(T) Mattis–Bardeen" + (" + TLS" if tls else ""), replace)
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
             plot: Plot = None, save_phase_slip: SavePhaseSlip = None, save_film: SaveFilm = None,
             replace: Replace = False, material: Material = None, wire_width: WireWidth = None,
             wire_length: WireLength = None, rsq: Rsq = None, tc: Tc = None, diffusion: Diffusion = None):
    """Fit flux spectroscopy (CSV: flux or current_A, f_GHz[, transition 'i-j']) to a QPS or fluxonium qubit.

    With --kind qps, --save-film NAME and the wire's geometry and film (--material, --wire-width, --wire-length,
    --rsq, --tc[, --diffusion]) the measured E_S calibrates the film's phase-slip model: every later design with
    material NAME prints the calibrated E_S band and names the calibration."""
    from ..fit.spectrum import fit_spectrum, load_spectroscopy, plot_spectrum

    _check_outputs(plot, [file])
    data = load_spectroscopy(file)
    if save_phase_slip is not None and (kind != "qps" or wire_width is None or wire_length is None or material is None):
        raise InputError("--save-phase-slip needs --kind qps, --material, --wire-width and --wire-length")
    fit = fit_spectrum(data.x, data.f_GHz, kind, transitions=data.transitions, x_is_current=data.x_is_current,
                       period_A=_q(period, "current", "--period"), offset_A=_q(offset, "current", "--offset", False),
                       where=file)
    out = fit.to_dict()
    save = None
    if save_film is not None:
        save = _phase_slip_film(save_film, material, out, file, kind, replace, wire_width, wire_length, rsq, tc,
                                diffusion)
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
