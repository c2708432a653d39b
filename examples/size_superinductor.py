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

import superind as si

E_L = "0.5 GHz"
FILMS = {  # film sections: illustrative inputs; GrAl's diffusion constant is an assumption (no sourced value)
    "TiN": {"R_sq": "1.5 kOhm", "Tc": "2 K"}, "NbN": {"R_sq": "500 Ohm", "Tc": "8 K"},
    "a:InO": {"R_sq": "3 kOhm", "Tc": "2.5 K"}, "GrAl": {"R_sq": "2 kOhm", "Tc": "2 K", "diffusion": "0.5 cm**2/s"}}
#: every wire as a build draws it: a 100 nm meander at 300 nm pitch, CPW with 10 µm gaps on Si
WIRE = {"E_L": E_L, "width": "100 nm", "pitch": "300 nm", "line": {"kind": "cpw", "ground_gap": "10 um"}}


def main(out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, film in FILMS.items():  # one resolver: the wire is the drawn meander, f_self its own first mode
        spec = si.DesignSpec(name=name.replace(":", ""), film={"material": name, **film}, superinductor=WIRE)
        s = si.evaluate(si.resolve(spec), only=("superinductor",))["superinductor"]
        rows.append((name, s["length_m"], s["Z_over_RQ"], s["f_self_Hz"], s["E_S_GHz"], s["E_S_band_GHz"]))
    spec = si.DesignSpec(name="chain", superinductor={"E_L": E_L},
                         jjchain={"E_J": "81.73 GHz", "C_J": "40 fF", "C_0": "0.04 fF", "a": "1 um"})
    ch = si.evaluate(si.resolve(spec), only=("jjchain",))["jjchain"]
    rows.append((f"JJ chain N={ch['N']}", ch["length_m"], ch["Z_over_RQ"], ch["f_self_Hz"], ch["E_S_GHz"],
                 (ch["E_S_GHz"], 2 * ch["phase_slip_chain_GHz"][1])))
    print(f"target E_L = {E_L} (L = {si.resolve(spec).target_L_H * 1e9:.1f} nH)")
    print(f"{'superinductor':18s} {'length':>10s} {'Z/R_Q':>7s} {'f_self':>10s} {'E_S band [GHz]':>24s}")
    for name, ell, z, f, es, (lo, hi) in rows:
        print(f"{name:18s} {ell * 1e6:8.1f} µm {z:7.2f} {f / 1e9:7.2f} GHz {lo:10.3g} – {hi:<10.3g}")
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.8), constrained_layout=True)
    names = [r[0] for r in rows]
    axes[0].bar(names, [r[2] for r in rows])
    axes[0].axhline(1, color="k", ls="--")
    axes[0].set(ylabel="Z / R_Q", title="line impedance")
    axes[1].bar(names, [r[3] / 1e9 for r in rows])
    axes[1].set(ylabel="first self-resonance [GHz]", title="drawn meander's first mode (chain: lowest mode)")
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
