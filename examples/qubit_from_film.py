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

from superind.constants import e  # noqa: E402
from superind.film import make_film  # noqa: E402
from superind.junction import Junction  # noqa: E402
from superind.qubits import QPSQubit, RFSquid  # noqa: E402
from superind.wire import CoplanarLine, wire_for_inductance  # noqa: E402


def main(out: Path) -> None:
    line = CoplanarLine(10e-6)  # 10 µm gaps to ground on silicon
    flux = np.linspace(0.0, 1.0, 201)

    # Hybrid RF-SQUID: Al/AlOx junction (Δ = 182.4 µeV, R_n = 16 kΩ → E_J ≈ 8.9 GHz by Ambegaokar–Baratoff,
    # C = 7.75 fF → E_C = 2.5 GHz) shunted by a 100 nm wide TiN loop of L = 326.9 nH (E_L = 0.5 GHz).
    tin = make_film("TiN", 1500.0, Tc=2.0)
    loop = wire_for_inductance(tin, 326.9e-9, 100e-9, line)
    junction = Junction.from_normal_resistance(16e3, 182.4e-6 * e, C_F=7.75e-15)
    rf = RFSquid.from_circuit(junction, loop)
    rf_spec = rf.spectrum(flux, levels=4)
    coh = rf.coherence(0.5)
    print(f"RF-SQUID: E_J = {rf.E_J_GHz:.3f} GHz, E_C = {rf.E_C_GHz:.3f} GHz, E_L = {rf.E_L_GHz:.4f} GHz "
          f"(TiN loop {loop.length_m * 1e6:.1f} µm, {loop.squares:.0f} squares, Z = {loop.Z_ohm / 1e3:.1f} kΩ, "
          f"f_self = {loop.f_self_Hz / 1e9:.2f} GHz)")
    print(f"  f01(½) = {rf_spec.f01_GHz[100]:.5f} GHz, f01(0) = {rf_spec.f01_GHz[0]:.4f} GHz; "
          f"T1(½) = {coh['T1_s'] * 1e6:.2f} µs with Q_ind = {coh['noise_assumptions']['Q_ind']:.0e} (film)")
    for w in rf.warnings:
        print("  warning:", w)

    # QPS qubit: a 70 nm wide a:InO wire (R_sq = 2 kΩ, T_c = 2.5 K) closing a 50 nH loop; E_S from the phase-slip
    # estimate with its (wide) band — docs/theory/phase_slips.md: the constants a, b are uncalibrated.
    inox = make_film("a:InO", 2000.0, Tc=2.5)
    wire = wire_for_inductance(inox, 50e-9, 70e-9, line)
    qps = QPSQubit.from_wire(wire)
    qps_spec = qps.spectrum(flux, levels=3)
    lo, hi = qps.E_S_band_GHz
    print(f"QPS: E_L_fluxoid = {qps.E_L_fluxoid_GHz:.3f} GHz (E_L = {qps.E_L_GHz:.4f} GHz), "
          f"E_S = {qps.E_S_GHz:.3f} GHz (band {lo:.2g} – {hi:.3g} GHz), E_S/E_L_fluxoid = "
          f"{qps.E_S_GHz / qps.E_L_fluxoid_GHz:.3f}; splitting at ½ = {qps_spec.f01_GHz[100]:.4f} GHz")
    for w in qps.warnings:
        print("  warning:", w)

    fig, (a1, a2) = plt.subplots(1, 2, figsize=(10, 4))
    for i in range(1, 4):
        a1.plot(flux, rf_spec.transitions_GHz[:, i], label=f"E{i} − E0")
    a1.set(xlabel="Φ_ext/Φ0", ylabel="transition (GHz)", title="RF-SQUID: Al junction + TiN loop")
    a2.plot(flux, qps_spec.f01_GHz, label=f"E1 − E0, E_S = {qps.E_S_GHz:.2f} GHz")
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
