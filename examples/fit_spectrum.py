"""Fit flux spectroscopy: a fluxonium measured against coil current, and a phase-slip (QPS) qubit against flux.

The script makes its own measurements with the project's solvers and 1 MHz noise, writes them as CSV files
(``current_A, f_GHz`` unlabelled; ``flux, f_GHz, transition``), and fits them back:

* fluxonium E_J = 5.0, E_C = 1.0, E_L = 0.6 GHz (E_L = (Φ0/2π)²/L, scqubits convention), one flux quantum per
  1.35 mA of coil current, zero flux at +0.12 mA: the fit finds E_J, E_C, E_L, the period and the offset, and
  assigns each unlabelled line to 0→1, 0→2 or 1→2;
* QPS qubit E_S = 6 GHz, E_L^fluxoid = Φ0²/2L = 40 GHz, lines labelled.

Run: python examples/fit_spectrum.py [OUT_DIR]   (default build/examples)
"""
import sys
from pathlib import Path

import numpy as np

from superind.fit.spectrum import fit_spectrum, load_spectroscopy, plot_spectrum
from superind.qubits import QPSQubit, RFSquid


def write_csv(path, header, rows):
    path.write_text(header + "\n" + "".join(",".join(map(str, r)) + "\n" for r in rows))
    return path


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(5)

    flux = np.linspace(-0.25, 0.8, 36)
    lines = RFSquid(5.0, 1.0, 0.6).spectrum(flux, levels=3).transitions_GHz
    current = flux * 1.35e-3 + 0.12e-3
    rows = [(f"{i:.7g}", f"{lines[k, j] + 1e-3 * rng.standard_normal():.6f}")
            for k, i in enumerate(current) for j in (1, 2)]
    data = load_spectroscopy(write_csv(out / "fit_spectrum_fluxonium.csv", "current_A,f_GHz", rows))
    fit = fit_spectrum(data.x, data.f_GHz, "rfsquid", x_is_current=True)
    print("fluxonium vs coil current (truth E_J 5.0, E_C 1.0, E_L 0.6 GHz; 1.35 mA per Φ0, offset 0.12 mA):")
    for k, v in fit.energies_GHz.items():
        print(f"  {k:8s} {v:.5f} ± {fit.std[k]:.1g} GHz")
    print(f"  period {fit.period_A * 1e3:.5f} ± {fit.std['period_A'] * 1e3:.1g} mA, offset "
          f"{fit.offset_A * 1e3:.5f} ± {fit.std['offset_A'] * 1e3:.1g} mA; assignment "
          f"{fit.assigned}: " + ", ".join(f"{i}-{j} ×{int(np.all(fit.transitions == (i, j), axis=1).sum())}"
                                          for i, j in sorted({tuple(t) for t in fit.transitions})))
    print(f"  solver {fit.solver}, change at a larger cut-off {fit.convergence_GHz * 1e6:.2g} kHz")
    plot_spectrum(fit, data).savefig(out / "fit_spectrum_fluxonium.png", dpi=120)

    flux = np.linspace(0.2, 0.8, 25)
    lines = QPSQubit(40.0, 6.0).spectrum(flux, levels=3).transitions_GHz
    rows = [(f"{x:.5f}", f"{lines[k, j] + 1e-3 * rng.standard_normal():.6f}", f"0-{j}")
            for k, x in enumerate(flux) for j in (1, 2)]
    data = load_spectroscopy(write_csv(out / "fit_spectrum_qps.csv", "flux,f_GHz,transition", rows))
    fit = fit_spectrum(data.x, data.f_GHz, "qps", transitions=data.transitions)
    print("QPS qubit vs flux (truth E_S 6, E_L_fluxoid 40 GHz):")
    for k, v in fit.energies_GHz.items():
        print(f"  {k:16s} {v:.5f} ± {fit.std[k]:.1g} GHz")
    plot_spectrum(fit, data).savefig(out / "fit_spectrum_qps.png", dpi=120)
    print(f"figures: {out / 'fit_spectrum_fluxonium.png'}, {out / 'fit_spectrum_qps.png'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/examples"))
