"""Qubits from films: the review's hybrid RF-SQUID (Al junction + TiN superinductor loop, its Fig. 5b) and a
quantum-phase-slip qubit closed by an a:InO nanowire. Spectra vs flux in one figure; E_S/E_L printed.

Run: python examples/qubit_from_film.py [OUT.png | DIR]   (default build/examples/qubit_from_film.png)
Conventions: E_L = (Φ0/2π)²/L (scqubits), E_L_fluxoid = Φ0²/2L = 2π²E_L, E_C = e²/2C; energies E/h in GHz.
"""
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

import superind as si  # noqa: E402

#: the hybrid RF-SQUID of the review (its Fig. 5b): an Al/AlOx junction (Δ = 182.4 µeV, R_n = 16 kΩ → E_J ≈ 8.9 GHz
#: by Ambegaokar–Baratoff; C = 7.75 fF → E_C = 2.5 GHz) shunted by a 100 nm TiN loop of L = 326.9 nH (E_L = 0.5 GHz)
RF_SQUID = si.DesignSpec(
    name="rf_squid", film={"material": "TiN", "R_sq": "1.5 kOhm", "Tc": "2 K"},
    superinductor={"inductance": "326.9 nH", "width": "100 nm", "pitch": "300 nm",
                   "line": {"kind": "cpw", "ground_gap": "10 um"}},
    junction={"R_n": "16 kOhm", "gap": "182.4 ueV", "C": "7.75 fF"},
    qubit={"kind": "rfsquid", "flux": "0:1:201", "levels": 4})
#: a quantum-phase-slip qubit: a closed 70 nm a:InO loop of 50 nH; its E_S is the wire's (uncalibrated) estimate
QPS = si.DesignSpec(
    name="qps", film={"material": "a:InO", "R_sq": "2 kOhm", "Tc": "2.5 K"},
    superinductor={"inductance": "50 nH", "width": "70 nm", "line": {"kind": "isolated"}},
    qubit={"kind": "qps", "flux": "0:1:201", "levels": 3})


def main(out: Path) -> None:
    flux = np.linspace(0.0, 1.0, 201)
    rf = si.evaluate(si.resolve(RF_SQUID), only=("superinductor", "qubit"))  # the one path a build takes
    q, loop = rf["qubit"], rf["superinductor"]
    rf_spec = rf.spectrum
    print(f"RF-SQUID: E_J = {q['E_J_GHz']:.3f} GHz, E_C = {q['E_C_GHz']:.3f} GHz, E_L = {q['E_L_GHz']:.4f} GHz "
          f"(TiN loop {loop['length_m'] * 1e6:.1f} µm in {loop['meander_rows']} rows, {loop['squares']:.0f} squares, "
          f"Z = {loop['Z_ohm'] / 1e3:.1f} kΩ, drawn f_self = {loop['f_self_Hz'] / 1e9:.2f} GHz)")
    print(f"  f01(½) = {rf_spec.f01_GHz[100]:.5f} GHz, f01(0) = {rf_spec.f01_GHz[0]:.4f} GHz; "
          f"T1(½) = {q['T1_s'] * 1e6:.2f} µs with Q_ind = {q['noise_assumptions']['Q_ind']:.0e} (film)")
    for w in rf.warnings:
        print("  warning:", w)
    print(f"  verdict: {rf.verdict}")

    qps = si.evaluate(si.resolve(QPS), only=("superinductor", "qubit"))
    p = qps["qubit"]
    qps_spec = qps.spectrum
    lo, hi = p["E_S_band_GHz"]
    print(f"QPS: E_L_fluxoid = {p['E_L_fluxoid_GHz']:.3f} GHz (E_L = {p['E_L_GHz']:.4f} GHz), "
          f"E_S = {p['E_S_GHz']:.3f} GHz (band {lo:.2g} – {hi:.3g} GHz), E_S/E_L_fluxoid = "
          f"{p['E_S_GHz'] / p['E_L_fluxoid_GHz']:.3f}; splitting at ½ = {qps_spec.f01_GHz[100]:.4f} GHz")
    for w in qps.warnings:
        print("  warning:", w)
    print(f"  verdict: {qps.verdict}")

    fig, (a1, a2) = plt.subplots(1, 2, figsize=(10, 4))
    for i in range(1, 4):
        a1.plot(flux, rf_spec.transitions_GHz[:, i], label=f"E{i} − E0")
    a1.set(xlabel="Φ_ext/Φ0", ylabel="transition (GHz)", title="RF-SQUID: Al junction + TiN loop")
    a2.plot(flux, qps_spec.f01_GHz, label=f"E1 − E0, E_S = {p['E_S_GHz']:.2f} GHz")
    for name, lv in qps_spec.levels_band_GHz.items():
        a2.plot(flux, lv[:, 1] - lv[:, 0], ":", label=f"E_S band {name}")
    a2.set(xlabel="Φ_ext/Φ0", ylabel="transition (GHz)", title="QPS qubit: a:InO wire",
           ylim=(0, 1.5 * qps_spec.f01_GHz.max()))
    for ax in (a1, a2):
        ax.legend(fontsize=7)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=120)
    print(f"figure: {out}")


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/examples")
    main(target if target.suffix == ".png" else target / "qubit_from_film.png")
