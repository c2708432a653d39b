"""Qubit sweep speed against the peers: fluxonium vs scqubits, QPS vs a QuTiP loop.

Every figure is the ratio of medians of interleaved runs (peer, ours, peer, ours, …), BLAS/LAPACK pinned to one
thread on both sides with threadpoolctl, so load from other jobs on the machine hits both sides alike. Each of
our runs uses a fresh qubit object, so the automatic cut-off search is always included.

1. Fluxonium (E_J, E_C, E_L = 8.9, 2.5, 0.5 GHz), 201 flux points × 6 levels, ours with tol 1e-10 GHz against
   scqubits ``get_spectrum_vs_paramvals`` at its default cut-off 110: agreement ≤ 1e-9 GHz, target ≥ 25×.
2. QPS qubit (L = 50 nH, E_S = 5 GHz), 201 points × 4 levels at fluxoid windows of 41 and 401 states, against
   building a QuTiP ``Qobj`` and calling ``eigenenergies`` per point: targets ≥ 10× and ≥ 20×.
Run: python benchmarks/bench_qubits.py (the helpers here serve bench_zeropi.py and bench_cos2phi.py too).
"""
import statistics
import sys
import time

import numpy as np
from threadpoolctl import threadpool_limits

from superind.qubits import QPSQubit, RFSquid


def interleaved(peer, ours, runs: int = 5):
    """Median wall times [s] of ``peer`` and ``ours`` called alternately ``runs`` times, and their last results."""
    times = {"peer": [], "ours": []}
    results = {}
    with threadpool_limits(1):
        for _ in range(runs):
            for name, fn in (("peer", peer), ("ours", ours)):
                t = time.perf_counter()
                results[name] = fn()
                times[name].append(time.perf_counter() - t)
    return statistics.median(times["peer"]), statistics.median(times["ours"]), results["peer"], results["ours"]


def report(label: str, t_peer: float, t_ours: float, target, diff: float, limit: float) -> bool:
    """Print one line (times, ratio, agreement) and return whether the targets are met (``target`` None: the
    ratio is for information, only the agreement counts)."""
    ratio = t_peer / t_ours
    ok = (target is None or ratio >= target) and diff <= limit
    aim = "information" if target is None else f"target ≥ {target:g}×"
    print(f"{label}: peer {t_peer * 1e3:.1f} ms, superind {t_ours * 1e3:.1f} ms → {ratio:.1f}× ({aim}); "
          f"max |ΔE| = {diff:.1e} GHz (≤ {limit:g}) {'ok' if ok else 'MISSED'}")
    return ok


def fluxonium(flux: np.ndarray) -> bool:
    import scqubits

    scqubits.settings.PROGRESSBAR_DISABLED = True
    peer = scqubits.Fluxonium(EJ=8.9, EC=2.5, EL=0.5, flux=0.0, cutoff=110)
    t_peer, t_ours, ref, spec = interleaved(
        lambda: peer.get_spectrum_vs_paramvals("flux", flux, evals_count=6, subtract_ground=False).energy_table,
        lambda: RFSquid(8.9, 2.5, 0.5).spectrum(flux, levels=6, tol_GHz=1e-10))
    diff = float(np.max(np.abs(spec.levels_GHz - ref)))
    return report(f"fluxonium 201 × 6, scqubits cut-off 110 vs superind cut-off {spec.cutoff['cutoff']}",
                  t_peer, t_ours, 25, diff, 1e-9)


def qps(flux: np.ndarray, half_width: int, target: float) -> bool:
    qubit = QPSQubit.from_inductance(50e-9, 5.0)
    t_peer, t_ours, ref, spec = interleaved(
        lambda: np.array([qubit.qobj(f, half_width).eigenenergies()[:4] for f in flux]),
        lambda: QPSQubit.from_inductance(50e-9, 5.0).spectrum(flux, levels=4, cutoff=half_width))
    diff = float(np.max(np.abs(spec.levels_GHz - ref)))
    # both sides round at ε‖H‖: the window's far diagonal E_L^fluxoid·w² is 2.6e6 GHz at w = 200
    limit = max(1e-9, 1e-14 * qubit.E_L_fluxoid_GHz * half_width**2)
    return report(f"QPS 201 × 4, dimension {2 * half_width + 1}, QuTiP loop", t_peer, t_ours, target, diff, limit)


def main() -> int:
    flux = np.linspace(0.0, 1.0, 201)
    results = [fluxonium(flux), qps(flux, 20, 10), qps(flux, 200, 20)]
    print("PASS" if all(results) else "FAIL")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
