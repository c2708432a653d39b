"""Device spread: 1000 fluxonium devices (the shipped TiN RF-SQUID) through ``monte_carlo``, target < 5 s.

Spread: R_sq 5 %, T_c 2 %, width 3 %, thickness 3 %, E_J 3 %, δΔ/Δ = 0.05 (every part of the model runs). The
peer is the per-device path through the public qubit API — ``RFSquid(E_J, E_C, E_L).spectrum([Φ_op])`` with its own
cut-off search — on the same 1000 (E_J, E_L) pairs, interleaved with ours, BLAS pinned to one thread on both sides
(threadpoolctl). Reported: median times of 3 runs, their ratio, the largest |Δf01| between the two (the batch is
converged to 1e-6 GHz at the spread's corners, the peer to its default 1e-5 GHz), and the batch's f01 of the two
extreme devices against scqubits ``Fluxonium`` (cut-off 110).
Run: python benchmarks/bench_spread.py
"""
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_qubits import interleaved  # noqa: E402

from superind.design import parse_design, resolve  # noqa: E402
from superind.design.schema import SpreadSpec  # noqa: E402
from superind.design.spread import monte_carlo  # noqa: E402
from superind.qubits import RFSquid  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SPREAD = SpreadSpec(samples=1000, seed=0, R_sq=0.05, Tc=0.02, width=0.03, thickness=0.03, E_J=0.03, delta_gap=0.05)
TARGET_S = 5.0


def main() -> bool:
    import tomllib

    import scqubits

    device = resolve(parse_design(tomllib.loads((ROOT / "layouts" / "tin_rfsquid.toml").read_text())))
    first = monte_carlo(device, SPREAD)
    E_J, E_L, E_C = first.inputs["E_J_GHz"], first.samples["E_L_GHz"], device.qubit.E_C_GHz
    at = device.spec.qubit.operating_flux

    def peer():
        return np.array([RFSquid(a, E_C, b).spectrum([at]).f01_GHz[0] for a, b in zip(E_J, E_L)])

    t_peer, t_ours, f_peer, result = interleaved(peer, lambda: monte_carlo(device, SPREAD), runs=3)
    f01 = result.samples["f01_GHz"]
    diff = float(np.max(np.abs(f01 - f_peer)))
    worst = 0.0
    for i in (int(np.argmin(f01)), int(np.argmax(f01))):
        e = scqubits.Fluxonium(EJ=E_J[i], EC=E_C, EL=E_L[i], flux=at, cutoff=110).eigenvals(evals_count=2)
        worst = max(worst, abs(f01[i] - (e[1] - e[0])))
    ok = t_ours < TARGET_S and worst <= 1e-6
    print(f"spread of {SPREAD.samples} fluxonium devices: superind {t_ours:.3f} s (target < {TARGET_S:g} s), "
          f"per-device RFSquid.spectrum {t_peer:.2f} s → {t_peer / t_ours:.0f}×; max |Δf01| vs per-device "
          f"{diff:.1e} GHz; extremes vs scqubits {worst:.1e} GHz (≤ 1e-6) {'ok' if ok else 'MISSED'}")
    for key, p in result.to_dict().items():
        if isinstance(p, dict) and "p50" in p:
            print(f"  {key}: p5 {p['p5']:.5g}, p50 {p['p50']:.5g}, p95 {p['p95']:.5g}")
    print("  " + "\n  ".join(result.notes))
    return ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
