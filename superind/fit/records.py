"""Calibration records: a fitted film saved as a user material, a fitted phase-slip energy saved for calibration.

Both land in the first folder of ``$SUPERIND_MATERIALS`` (else ``~/.config/superind/materials``), validated before
they are written and written atomically (a failed save leaves nothing).

* ``save_film`` writes ``NAME.yaml``: a material that copies the base material's sourced ranges and adds, first in
  ``films``, a record of the measured film (``Lk_sq_pH``, ``Tc_K``, ``gap_ratio``, ``R_sq_ohm`` as measured or
  fitted) whose ``source`` is ``"measured: FILE, DATE, fit …"``. A fitted gap ratio (f0(T) with a measured T_c)
  becomes ``gap_ratio_default``. Load it with ``superind.get_material(NAME)``; a design then gives the film's
  ``L_k_sq`` (the record's value) to ``make_film``.
* ``save_phase_slip`` writes ``calibration/NAME.yaml`` in the format of the shipped phase-slip calibration set
  (``material_db/calibration/phase_slips.yaml``): ``measurements:`` a list of records with ``id``, ``material``,
  ``width_nm``, ``length_nm``, ``thickness_nm``, ``R_sq_ohm``, ``Tc_K``, ``delta_ueV``, ``diffusion_cm2_per_s``,
  ``E_S_GHz`` (null when unknown), ``E_S_GHz_std``, ``E_L_fluxoid_GHz``, ``source`` and ``note``. Saving again under
  the same NAME adds a wire (or replaces the record with the same ``id``). Use it with
  ``superind.phaseslip.calibration_records(path)`` → ``calibration_measurements`` → ``calibrate``.
"""
from __future__ import annotations

import datetime
import math
import os
from pathlib import Path
from typing import Optional

import yaml

from ..errors import InputError

FILM_KEYS = ("L_k_sq_H", "Tc_K", "gap_ratio", "R_sq_ohm", "thickness_m", "Delta0_J", "kinetic_fraction")
#: resonator-loss values stored in the material's ``measured`` record (``superind.materials.MeasuredFilm``)
LOSS_KEYS = ("Q_i", "Q_i_lower_95", "Q_i_f_Hz", "Q_i_T_K", "Q_other", "F_delta0", "n_c", "beta")


def materials_folder(folder=None) -> Path:
    """Where records are saved: ``folder``, else the first folder of $SUPERIND_MATERIALS, else
    ~/.config/superind/materials (created if missing)."""
    if folder is None:
        env = [p for p in os.environ.get("SUPERIND_MATERIALS", "").split(os.pathsep) if p]
        folder = env[0] if env else "~/.config/superind/materials"
    path = Path(folder).expanduser()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the materials folder {path}: {exc.strerror or exc}") from None
    return path


def measured_source(path, fit: str, when: Optional[datetime.date] = None) -> str:
    """The provenance text of a fitted record: "measured: FILE, YYYY-MM-DD, fit …"."""
    return f"measured: {Path(str(path)).name}, {(when or datetime.date.today()).isoformat()}, fit {fit}"


def _dump(data: dict) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120)


def _write_checked(path: Path, text: str, check) -> Path:
    """Write ``text`` atomically after ``check(parsed)`` accepted it on the temporary file."""
    from ..atomic import atomic_write

    def verify(tmp):
        check(yaml.safe_load(Path(tmp).read_text(encoding="utf-8")))

    return atomic_write(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"), verify)


def check_name(name: str) -> str:
    """A record name must be a plain file name (letters, digits, '_', '-', '.'); InputError otherwise."""
    from ..files import safe_stem

    return safe_stem(name)


def shipped_material(name: str) -> Optional[str]:
    """The shipped material whose name or alias ``name`` is (case and punctuation ignored), else None."""
    from ..materials import _load_file, _shipped_dir

    key = "".join(ch for ch in name.lower() if ch.isalnum())
    for path in sorted(_shipped_dir().glob("*.y*ml")):
        m = _load_file(path)
        if key in {"".join(ch for ch in n.lower() if ch.isalnum()) for n in [m.name, *m.aliases]}:
            return m.name
    return None


def film_material(name: str, material, fitted: dict, source_text: str, replace: bool = False) -> dict:
    """The material mapping ``save_film`` writes (validated with ``superind.materials.Material``). A shipped
    material's name is refused unless ``replace`` (the saved film would shadow it for every later command)."""
    from ..constants import k_B
    from ..materials import Material, get_material

    check_name(name)
    base = get_material(material)
    if "".join(ch for ch in name.lower() if ch.isalnum()) in {
            "".join(ch for ch in n.lower() if ch.isalnum()) for n in [base.name, *base.aliases]}:
        raise InputError(f"'{name}' is the base material's name: choose a new name for the calibrated film "
                         f"(e.g. {base.name}_wafer1)")
    shipped = shipped_material(name)
    if shipped and not replace:
        raise InputError(f"'{name}' is the shipped material {shipped}: saving would replace it for every later "
                         f"command; choose another name (e.g. {base.name}_wafer1) or add --replace")
    parts = {f"{k}_std_{p}" for k in FILM_KEYS for p in ("fit", "geometry")} | {"geometry_tolerances",
                                                                                "geometry_tolerances_source"}
    fitted = {k: v for k, v in fitted.items() if k not in parts}  # how a σ was composed: not stored
    phase_slip = fitted.pop("phase_slip", None)
    unknown = set(fitted) - set(FILM_KEYS) - {f"{k}_std" for k in FILM_KEYS} - set(LOSS_KEYS)
    if unknown:
        raise InputError(f"save_film: unknown fitted value(s) {', '.join(sorted(unknown))}; "
                         f"known: {', '.join(FILM_KEYS + LOSS_KEYS)}")
    get = lambda k: None if fitted.get(k) is None or not math.isfinite(fitted[k]) else float(fitted[k])
    tc, ratio, lk = get("Tc_K"), get("gap_ratio"), get("L_k_sq_H")
    if tc is None and get("Delta0_J") is not None and ratio is not None:
        tc = get("Delta0_J") / (ratio * k_B)
    losses = {k: get(k) for k in LOSS_KEYS if get(k) is not None}
    if lk is None and tc is None and not losses and phase_slip is None:
        raise InputError("save_film: nothing to save; the fit gave neither L_k,□ (give --geometry), Δ0/T_c, Q_i nor E_S")
    notes = [f"{k} = {fitted[k]:.6g} ± {fitted[k + '_std']:.2g}" if get(k + "_std") is not None else
             f"{k} = {fitted[k]:.6g}" for k in FILM_KEYS if get(k) is not None]
    record = {"id": name, "process": "measured", "R_sq_ohm": get("R_sq_ohm"),
              "thickness_nm": None if get("thickness_m") is None else get("thickness_m") * 1e9, "Tc_K": tc,
              "gap_ratio": ratio, "Lk_sq_pH": None if lk is None else lk * 1e12,
              "note": "calibrated film; fitted values (SI, 1σ): " + "; ".join(notes + [f"{k} = {v:.6g}" for k, v
                                                                                     in losses.items()]),
              "source": source_text}
    data = base.model_dump(exclude={"origin"})
    data.update(name=name, aliases=[],
                description=f"Calibrated {base.name} film '{name}' ({source_text}). Ranges and sources are those of "
                            f"{base.name}; the measured values (used by every design with this material) are in "
                            "'measured' and films[0].",
                films=[{k: v for k, v in record.items() if v is not None}] + data["films"])
    if ratio is not None:
        data.update(gap_ratio_default=ratio, gap_ratio_default_source=source_text)
    measured = {"L_k_sq_H": lk, "R_sq_ohm": get("R_sq_ohm"), "Tc_K": tc, **losses}
    data["measured"] = {**{k: v for k, v in measured.items() if v is not None}, "source": source_text}
    if phase_slip is not None:  # a measured E_S of a wire of this film: it anchors the film's phase-slip model
        data["measured"]["phase_slip"] = {**phase_slip, "source": source_text}
        data["diffusion_cm2_per_s"] = {"value": phase_slip["diffusion_m2_per_s"] * 1e4, "source": source_text,
                                       "note": "the D the measured E_S was read with (it defines ξ for this film)"}
    Material(**data)  # validate before anything is written
    return data


def save_film(name: str, material, fitted: dict, source_text: str, folder=None, replace: bool = False) -> Path:
    """Write the calibrated film ``name`` (base ``material``, fitted SI values: L_k_sq_H, Tc_K, gap_ratio, R_sq_ohm,
    thickness_m, Delta0_J, kinetic_fraction and their ``_std``, and the LOSS_KEYS) as ``NAME.yaml`` in the user
    materials folder; ``replace`` allows a shipped material's name."""
    from ..materials import Material, reload

    data = film_material(name, material, fitted, source_text, replace)
    path = materials_folder(folder) / f"{check_name(name)}.yaml"
    text = f"# Calibrated film written by superind fit ({source_text}).\n" + _dump(data)
    _write_checked(path, text, lambda parsed: Material(**parsed))
    reload()  # the material database is cached per folder list: let get_material see the new file
    return path


def save_phase_slip(name: str, material: str, fitted: dict, source_text: str, folder=None, *, width_m: float,
                    length_m: float, R_sq_ohm: Optional[float] = None, Tc_K: Optional[float] = None,
                    Delta0_J: Optional[float] = None, diffusion_m2_per_s: Optional[float] = None,
                    thickness_m: Optional[float] = None, wire_id: Optional[str] = None) -> Path:
    """Add the fitted E_S (``fitted``: E_S_GHz, E_S_GHz_std, E_L_fluxoid_GHz) of a wire of known geometry to the
    calibration set ``calibration/NAME.yaml`` (format in the module docstring); returns its path."""
    from ..constants import e
    from ..phaseslip_calibration import calibration_records

    if not fitted.get("E_S_GHz", 0) > 0:
        raise InputError("save_phase_slip: the fit gave no positive E_S_GHz")
    nm = lambda x: None if x is None else float(x) * 1e9
    record = {"id": wire_id or f"{name}_w{nm(width_m):g}nm_l{nm(length_m):g}nm", "material": str(material),
              "width_nm": nm(width_m), "length_nm": nm(length_m), "thickness_nm": nm(thickness_m),
              "R_sq_ohm": R_sq_ohm, "Tc_K": Tc_K, "delta_ueV": None if Delta0_J is None else Delta0_J / e * 1e6,
              "diffusion_cm2_per_s": None if diffusion_m2_per_s is None else diffusion_m2_per_s * 1e4,
              "E_S_GHz": float(fitted["E_S_GHz"]), "E_S_GHz_std": fitted.get("E_S_GHz_std"),
              "E_L_fluxoid_GHz": fitted.get("E_L_fluxoid_GHz"), "source": source_text,
              "note": "fitted phase-slip energy of a QPS-qubit spectrum (superind fit spectrum --kind qps)"}
    for k in ("width_nm", "length_nm"):
        if not (record[k] or 0) > 0:
            raise InputError(f"save_phase_slip: the wire's {k[:-3]} must be positive")
    folder = materials_folder(folder) / "calibration"
    folder.mkdir(exist_ok=True)
    path = folder / f"{check_name(name)}.yaml"
    records = [r for r in (calibration_records(path) if path.is_file() else []) if r.get("id") != record["id"]]
    text = "# Phase-slip calibration set written by superind fit (format: material_db/calibration/phase_slips.yaml)\n"
    text += _dump({"measurements": records + [record]})

    def check(parsed):
        if not isinstance(parsed, dict) or not all("E_S_GHz" in r and "id" in r for r in parsed["measurements"]):
            raise InputError(f"{path}: the phase-slip calibration record did not survive writing")

    return _write_checked(path, text, check)
