"""Calibrate a film on a resonator, save it as a material, and build a fluxonium whose superinductor uses it.

1. A measurement (synthesised here): a λ/4 CPW resonator (600 µm, 10 µm centre, 6 µm gaps, Si) of a TiN film
   with R_sq = 1.5 kΩ and T_c = 2 K whose real sheet inductance, 1.25 nH/□, exceeds Mattis–Bardeen's
   ħR_sq/(πΔ0) = 1.034 nH/□, as films near the superconductor–insulator transition do. Notch S21 with noise.
2. The fit gives f0 ± σ; the geometry inverts it into L_k,□ ± σ (superind.fit.resonator).
3. ``save_film`` writes the calibrated material ``TiN_chip1`` into a temporary $SUPERIND_MATERIALS folder.
4. A design names only ``material = "TiN_chip1"``: the build takes the film's measured L_k,□ (and R_sq, T_c) from
   the saved record and sizes the superinductor from it instead of Mattis–Bardeen's; the difference is printed.

Run: python examples/calibrate_then_build.py [OUT_DIR]   (default build/examples)
"""
import os
import sys
import tempfile
from pathlib import Path

import numpy as np
import skrf

from superind.fit.records import measured_source, save_film
from superind.fit.geometry import load_geometry
from superind.fit.resonator import fit_touchstone, plot_resonator, resonator_s

GEOMETRY = {"resonator": {"kind": "cpw_quarter_wave", "length": "600 um", "width": "10 um", "gap": "6 um",
                          "substrate": "Si"}}
TRUE_L_K_SQ = 1.25e-9  # H/□


def design(material: str) -> dict:
    """The fluxonium design; a calibrated material needs no R_sq, T_c or L_k_sq: its measured values are used."""
    film = {"material": material, "thickness": "10 nm"}
    if material == "TiN":
        film.update(R_sq="1.5 kOhm", Tc="2 K")
    return {"name": "tin_chip1_fluxonium", "description": "fluxonium on a resonator-calibrated TiN film",
            "film": film,
            "superinductor": {"E_L": "0.5 GHz", "width": "100 nm", "pitch": "300 nm",
                              "line": {"kind": "cpw", "ground_gap": "10 um", "substrate": "Si"}},
            "junction": {"E_J": "4.0 GHz", "E_C": "1.0 GHz"},
            "qubit": {"kind": "rfsquid", "flux": {"start": 0.0, "stop": 1.0, "points": 41}}}


def main(out: Path) -> None:
    from superind.design import evaluate, parse_design, resolve

    out.mkdir(parents=True, exist_ok=True)
    geometry = load_geometry(GEOMETRY)
    f0 = geometry.f0_Hz(TRUE_L_K_SQ)
    f = np.linspace(f0 - 1.5e6, f0 + 1.5e6, 301)
    rng = np.random.default_rng(11)
    s21 = resonator_s(f, f0, 2.0e4, 2.5e4, 0.1, 0.4, -0.5, 38e-9)
    s21 += 3e-3 * (rng.standard_normal(f.size) + 1j * rng.standard_normal(f.size))
    S = np.zeros((f.size, 2, 2), complex)
    S[:, 1, 0] = S[:, 0, 1] = s21
    touchstone = out / "calibrate_chip1.s2p"
    skrf.Network(frequency=skrf.Frequency.from_f(f / 1e9, unit="GHz"), s=S).write_touchstone(str(touchstone)[:-4])

    fit, data = fit_touchstone(touchstone)
    lk = geometry.kinetic_inductance(fit.f0_Hz, fit.std["f0_Hz"])
    print(f"resonator: f0 = {fit.f0_Hz / 1e9:.9g} GHz ± {fit.std['f0_Hz'] / 1e3:.2g} kHz, "
          f"Q_i = {fit.Q_internal:.4g} ± {fit.std['Q_internal']:.1g}")
    print(f"calibrated film: L_k,□ = {lk['L_k_sq_H'] * 1e12:.5g} ± {lk['L_k_sq_H_std'] * 1e12:.1g} pH/□ "
          f"(truth {TRUE_L_K_SQ * 1e12:g}), kinetic fraction {lk['kinetic_fraction']:.6f}")
    plot_resonator(fit, data).savefig(out / "calibrate_then_build_resonator.png", dpi=120)

    before = os.environ.get("SUPERIND_MATERIALS")
    with tempfile.TemporaryDirectory() as materials:
        os.environ["SUPERIND_MATERIALS"] = materials  # a scratch user-materials folder for this example
        path = save_film("TiN_chip1", "TiN", {**lk, "R_sq_ohm": 1500.0, "Tc_K": 2.0},
                         measured_source(touchstone, "notch resonator + cpw_quarter_wave geometry"))
        print(f"saved {path.name}: {path.read_text(encoding='utf-8').splitlines()[0]}")
        calibrated = evaluate(resolve(parse_design(design("TiN_chip1"))), layout=False)
        assert abs(calibrated["film"]["L_k_sq_H"] / lk["L_k_sq_H"] - 1) < 1e-9  # the build uses the fitted L_k,□
        model = evaluate(resolve(parse_design(design("TiN"))), layout=False)
    if before is None:
        os.environ.pop("SUPERIND_MATERIALS")
    else:
        os.environ["SUPERIND_MATERIALS"] = before
    for name, res in [("Mattis–Bardeen TiN", model), ("calibrated TiN_chip1", calibrated)]:
        s, q = res["superinductor"], res["qubit"]
        print(f"  {name:21s} L_k,□ = {res['film']['L_k_sq_H'] * 1e12:7.1f} pH/□ → wire {s['length_m'] * 1e6:6.2f} µm "
              f"({s['squares']:.0f} □) for E_L = 0.5 GHz; f01 = {q['f01_min_GHz']:.4f}–{q['f01_max_GHz']:.4f} GHz")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4), constrained_layout=True)
    spec = calibrated.spectrum
    ax.plot(spec.flux, spec.transitions_GHz[:, 1:], "-")
    ax.set(xlabel="Φ_ext/Φ0", ylabel="E_i − E_0 [GHz]", title="fluxonium on the calibrated TiN_chip1 film")
    fig.savefig(out / "calibrate_then_build.png", dpi=120)
    print(f"figures: {out / 'calibrate_then_build_resonator.png'}, {out / 'calibrate_then_build.png'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/examples"))
