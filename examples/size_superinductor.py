"""One target inductance from five superinductors side by side (issue 3 example).

Target: a fluxonium E_L = 0.5 GHz (L = 326.9 nH, scqubits convention). Films: TiN, NbN, a:InO, GrAl wires
(100 nm wide, CPW with 10 µm ground gaps on Si) and a Josephson-junction chain. Film parameters are illustrative
inputs (the worked examples of docs/theory/), not database facts; GrAl has no sourced diffusion constant, so D = 0.5 cm²/s
is assumed here for its E_S band. Prints length, Z/R_Q, f_self and the E_S band; saves one figure.

Usage: python examples/size_superinductor.py [OUTPUT_DIR]   (default build/examples)
"""
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from superind import make_film
from superind.constants import GHz, phi0_reduced
from superind.jjchain import chain_for_inductance
from superind.phaseslip import estimate_phase_slip
from superind.wire import CoplanarLine, wire_for_inductance

E_L_GHZ = 0.5
L_TARGET = phi0_reduced**2 / (E_L_GHZ * GHz)
FILMS = {  # (R_sq Ω, T_c K, D m²/s or None = database value)
    "TiN": (1500, 2.0, None), "NbN": (500, 8.0, None), "a:InO": (3000, 2.5, None), "GrAl": (2000, 2.0, 0.5e-4)}


def main(out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    line = CoplanarLine(10e-6, 11.7)
    rows = []
    for name, (R, Tc, D) in FILMS.items():
        w = wire_for_inductance(make_film(name, R, Tc=Tc, diffusion=D), L_TARGET, 100e-9, line)
        est = estimate_phase_slip(w)
        rows.append((name, w.length_m, w.Z_over_RQ, w.f_self_Hz, est.E_S_GHz, est.E_S_band_GHz))
    ch = chain_for_inductance(L_TARGET, E_J_GHz=81.73, C_J_F=40e-15, C_0_F=0.04e-15, a_m=1e-6)
    rows.append((f"JJ chain N={ch.N}", ch.length_m, ch.Z_over_RQ, ch.f_self_Hz, ch.E_S_GHz,
                 (ch.E_S_GHz, 2 * ch.phase_slip_chain_GHz[1])))
    print(f"target L = {L_TARGET * 1e9:.1f} nH (E_L = {E_L_GHZ} GHz)")
    print(f"{'superinductor':18s} {'length':>10s} {'Z/R_Q':>7s} {'f_self':>10s} {'E_S band [GHz]':>24s}")
    for name, ell, z, f, es, (lo, hi) in rows:
        print(f"{name:18s} {ell * 1e6:8.1f} µm {z:7.2f} {f / 1e9:7.2f} GHz {lo:10.3g} – {hi:<10.3g}")
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.8), constrained_layout=True)
    names = [r[0] for r in rows]
    axes[0].bar(names, [r[2] for r in rows])
    axes[0].axhline(1, color="k", ls="--")
    axes[0].set(ylabel="Z / R_Q", title="line impedance")
    axes[1].bar(names, [r[3] / 1e9 for r in rows])
    axes[1].set(ylabel="first self-resonance [GHz]", title="λ/4 mode (chain: lowest mode)")
    for i, r in enumerate(rows):
        lo, hi = r[5]
        axes[2].plot([i, i], [max(lo, 1e-30), max(hi, 1e-30)], lw=6, alpha=0.5)
        axes[2].plot(i, max(r[4], 1e-30), "ko")
    axes[2].set_yscale("log")
    axes[2].set_xticks(range(len(names)), names)
    axes[2].set(ylabel="E_S / h [GHz]", title="phase-slip energy (band, central)")
    for ax in axes:
        ax.tick_params(axis="x", rotation=30)
    path = out_dir / "size_superinductor.png"
    fig.savefig(path, dpi=120)
    print(f"figure: {path}")
    return path


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/examples"))
