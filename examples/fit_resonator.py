"""Fit a hanger (notch) resonance from a Touchstone file, then turn f0 into the film's sheet kinetic inductance.

The script makes its own measurement: a λ/4 CPW resonator (4 mm, 10 µm centre, 6 µm gaps, Si) of a film with
L_k,□ = 40 pH/□, seen through a 45 ns cable with an impedance-mismatch angle φ = 0.2 rad and complex noise
(Probst et al., Rev. Sci. Instrum. 86, 024706 (2015), eq. 1). The fit reports f0, Q_loaded, Q_internal,
Q_coupling = |Q_c|/cos φ, φ and the delay with 1σ; the geometry inverts f0 into L_k,□ and α = L_k/(L_k + L_geo).

Run: python examples/fit_resonator.py [OUT_DIR]   (default build/examples)
"""
import sys
from pathlib import Path

import numpy as np
import skrf

from superind.fit.geometry import load_geometry
from superind.fit.resonator import fit_touchstone, plot_resonator, resonator_s

GEOMETRY = Path(__file__).with_name("data") / "resonator.toml"  # the shipped geometry file (4 mm λ/4 CPW on Si)
L_K_SQ = 40e-12  # the film of this synthetic measurement [H/□]


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    geometry = load_geometry(GEOMETRY)
    f0 = geometry.f0_Hz(L_K_SQ)
    f = np.linspace(f0 - 2e6, f0 + 2e6, 401)
    rng = np.random.default_rng(2024)
    s21 = resonator_s(f, f0, Q_loaded=3.0e4, Q_c_abs=4.0e4, phi_rad=0.2, amplitude=0.2, alpha_rad=0.7,
                      delay_s=45e-9)
    s21 += 2e-3 * (rng.standard_normal(f.size) + 1j * rng.standard_normal(f.size))
    S = np.zeros((f.size, 2, 2), complex)
    S[:, 1, 0] = S[:, 0, 1] = s21
    touchstone = out / "fit_resonator.s2p"
    skrf.Network(frequency=skrf.Frequency.from_f(f / 1e9, unit="GHz"), s=S).write_touchstone(str(touchstone)[:-4])

    fit, data = fit_touchstone(touchstone, port="21", model="notch")
    print(f"{touchstone.name}: notch fit of S21")
    for key, scale, unit, digits in [("f0_Hz", 1e-9, "GHz", ".10g"), ("Q_loaded", 1, "", ".6g"),
                                     ("Q_internal", 1, "", ".6g"), ("Q_coupling", 1, "", ".6g"),
                                     ("phi_rad", 1, "rad", ".4g"), ("delay_s", 1e9, "ns", ".5g")]:
        print(f"  {key:11s} {getattr(fit, key) * scale:{digits}} ± {fit.std[key] * scale:.2g} {unit}")
    print(f"  truth: Q_internal = {1 / (1 / 3.0e4 - np.cos(0.2) / 4.0e4):.6g}, "
          f"Q_coupling = {4.0e4 / np.cos(0.2):.6g}, φ = 0.2 rad, delay 45 ns")
    lk = geometry.kinetic_inductance(fit.f0_Hz, fit.std["f0_Hz"])
    print(f"  L_k,□ = {lk['L_k_sq_H'] * 1e12:.6g} ± {lk['L_k_sq_H_std'] * 1e12:.2g} pH/□ (truth {L_K_SQ * 1e12:g}), "
          f"kinetic fraction {lk['kinetic_fraction']:.5f} ± {lk['kinetic_fraction_std']:.1g}")
    for w in fit.warnings:
        print("  warning:", w)
    fig = plot_resonator(fit, data)
    fig.savefig(out / "fit_resonator.png", dpi=120)
    print(f"figure: {out / 'fit_resonator.png'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/examples"))
